#!/usr/bin/env bash
# Runs the tests of `coinage lsp` (Docs/Editors.md): a real LSP client, pytest-lsp
# from PyPI, drives `.build/debug/coinage lsp` over stdio on copies of the sample
# shop. Builds `coinage` when it is missing or older than the sources, and installs
# pytest-lsp when it is missing. Skips (status 0, with a message) only when python3
# or pip is not there at all.
#
# Usage: editors/lsp-tests/run-tests.sh [pytest arguments...]
set -euo pipefail
cd "$(dirname "$0")/../.."

python="${PYTHON:-python3}"
if ! command -v "$python" > /dev/null; then
    echo "coinage lsp tests: skipped: $python is not installed"
    exit 0
fi
if ! "$python" -c "import pytest_lsp" 2> /dev/null; then
    if ! "$python" -m pip --version > /dev/null 2>&1; then
        echo "coinage lsp tests: skipped: pip is not available for $python, so pytest-lsp cannot be installed"
        exit 0
    fi
    # An "externally managed" system Python refuses a plain install: then the user's site.
    "$python" -m pip install --quiet pytest-lsp 2> /dev/null \
        || "$python" -m pip install --quiet --user pytest-lsp 2> /dev/null \
        || "$python" -m pip install --quiet --user --break-system-packages pytest-lsp
fi

# SwiftPM rebuilds only what changed, so this is quick when the build is current.
swift build --product coinage

export COINAGE="$PWD/.build/debug/coinage"
cd editors/lsp-tests
exec "$python" -m pytest -q "$@"
