#!/usr/bin/env bash
# Whether this toolchain can build a libFuzzer harness: Fuzz/has-libfuzzer.sh DIR
#
# Builds a harness that does nothing in DIR; exits 0 when it links, 1 (with the
# compiler's first lines on standard output) when `swiftc -sanitize=fuzzer,address`
# cannot, as on the macOS toolchains. The smoke runs skip themselves then.
set -uo pipefail
dir="${1:?usage: Fuzz/has-libfuzzer.sh DIR}"
mkdir -p "$dir"
cat > "$dir/probe.swift" <<'PROBE'
@_cdecl("LLVMFuzzerTestOneInput")
public func probe(_ data: UnsafePointer<UInt8>?, _ size: Int) -> CInt { 0 }
PROBE
if ! swiftc -sanitize=fuzzer,address -parse-as-library "$dir/probe.swift" -o "$dir/probe" > "$dir/log" 2>&1; then
    sed 's/^/  /' "$dir/log" | head -5
    exit 1
fi
