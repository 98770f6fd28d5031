#!/usr/bin/env bash
# Runs the tests of the editor support files: the TextMate grammar
# (editors/coinage.tmLanguage.json) over every sample rules file, and the small
# tokenizer the tests use. Standard library only, plus pytest, which is installed
# when it is missing. No Swift build is needed.
#
# Usage: editors/run-tests.sh [pytest arguments...]
set -euo pipefail
cd "$(dirname "$0")"

python="${PYTHON:-python3}"
if ! "$python" -c "import pytest" 2> /dev/null; then
    # An "externally managed" system Python refuses a plain install: then the user's site.
    "$python" -m pip install --quiet pytest 2> /dev/null \
        || "$python" -m pip install --quiet --user pytest 2> /dev/null \
        || "$python" -m pip install --quiet --user --break-system-packages pytest
fi

exec "$python" -m pytest -q "$@"
