"""The C header matches the library: bindings/c-smoke compiles a C program against
coinage.h, links it with libCoinageC and runs every function on the sample shop."""

from __future__ import annotations

import shutil
import subprocess

import pytest

from conftest import ROOT


def test_c_smoke_program_compiles_links_and_passes():
    if shutil.which("cc") is None:
        pytest.skip("no C compiler (cc) on this machine")
    smoke = subprocess.run([str(ROOT / "bindings" / "c-smoke" / "smoke.sh")], capture_output=True, text=True)
    assert smoke.returncode == 0, smoke.stdout + smoke.stderr
    assert "smoke: every check holds" in smoke.stdout
