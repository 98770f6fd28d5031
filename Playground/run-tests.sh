#!/usr/bin/env bash
# The playground's browser test: builds coinage.wasm (Wasm/build.sh, unless it is
# newer than every source) and the native `coinage`, serves the repository with
# Python's static file server, and drives the page in headless Chromium (Debian's
# `chromium`, installed with apt-get when missing) with
# Playground/test/playground_test.py.
#
# Skips (exit 0, saying so) when the toolchain cannot build WebAssembly (Wasm/build.sh
# exits 3) or Chromium is missing and cannot be installed.
#
# Usage: Playground/run-tests.sh
set -euo pipefail
cd "$(dirname "$0")/.."

# The module bindings/js/run-tests.sh built just before is reused when no source is newer.
status=0
wasm=Wasm/.build/coinage.wasm
if [[ ! -f $wasm || -n $(find Sources Wasm/Sources Wasm/Shim Wasm/Support Wasm/build.sh -newer "$wasm" -print -quit) ]]; then
    Wasm/build.sh || status=$?
fi
if [[ $status -eq 3 ]]; then
    echo "playground: skipped: this toolchain cannot build WebAssembly"
    exit 0
elif [[ $status -ne 0 ]]; then
    exit "$status"
fi

source .ci/chromium.sh
require_chromium "playground"

swift build --product coinage > /dev/null
coinage="$(swift build --show-bin-path)/coinage"

# A free port for the file server, then the server itself (stopped on exit, by its id).
port=$(python3 -c 'import socket; s = socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])')
python3 -m http.server "$port" --bind 127.0.0.1 > /dev/null 2>&1 &
server=$!
trap 'kill "$server" 2> /dev/null || true' EXIT
for _ in $(seq 50); do
    python3 -c "import urllib.request; urllib.request.urlopen('http://127.0.0.1:$port/Playground/')" 2> /dev/null && break
    sleep 0.1
done

timeout 300 python3 Playground/test/playground_test.py "$browser" "http://127.0.0.1:$port/Playground/" "$coinage"
