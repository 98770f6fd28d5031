#!/usr/bin/env bash
# Builds the C library (and the `coinage` executable the tests compare with) and
# runs the Python binding's tests with pytest, installing pytest when it is missing.
# The binding itself needs only the standard library.
#
# Usage: bindings/python/run-tests.sh [pytest arguments...]
set -euo pipefail
cd "$(dirname "$0")/../.."

swift build --product CoinageC
swift build --product coinage

python="${PYTHON:-python3}"
if ! "$python" -c "import pytest" 2> /dev/null; then
    # An "externally managed" system Python refuses a plain install: then the user's site.
    "$python" -m pip install --quiet pytest 2> /dev/null \
        || "$python" -m pip install --quiet --user pytest 2> /dev/null \
        || "$python" -m pip install --quiet --user --break-system-packages pytest
fi

# The library just built, not an older one beside the package or in .build/release.
export COINAGE_LIBRARY="$PWD/.build/debug/$("$python" -c 'import sys; print({"darwin": "libCoinageC.dylib"}.get(sys.platform, "libCoinageC.so"))')"
cd bindings/python
exec "$python" -m pytest -q "$@"
