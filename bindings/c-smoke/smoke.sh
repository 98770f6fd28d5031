#!/usr/bin/env bash
# Compiles smoke.c against Sources/CoinageC/include/coinage.h (as C99 with every
# warning an error, and the header alone as C++), links it with libCoinageC and
# runs it on the sample shop: proof that the header matches the library.
#
# Usage: bindings/c-smoke/smoke.sh [debug|release]   (default debug; builds the library)
set -euo pipefail
cd "$(dirname "$0")/../.."
configuration="${1:-debug}"

swift build -c "$configuration" --product CoinageC
library_dir=".build/$configuration"
work="$(mktemp -d)"
trap 'rm -rf "$work"' EXIT

cc -std=c99 -Wall -Wextra -Wpedantic -Wstrict-prototypes -Werror \
    -I Sources/CoinageC/include bindings/c-smoke/smoke.c \
    -L "$library_dir" -lCoinageC -Wl,-rpath,"$PWD/$library_dir" -o "$work/smoke"
if command -v c++ > /dev/null; then
    echo '#include "coinage.h"' | c++ -x c++ -Wall -Wextra -Werror -fsyntax-only -I Sources/CoinageC/include -
fi
"$work/smoke" rules
