"""Tests of the Vim files in editors/vim, run in Vim when it is installed.

Vim loads the files from editors/vim as a runtime directory, opens sample rules
files, and reports the file type, the comment string, any error message, and the
highlight group at chosen places.
"""

from __future__ import annotations

import shutil
import subprocess
from pathlib import Path

import pytest

EDITORS = Path(__file__).resolve().parents[1]
REPO = EDITORS.parent

pytestmark = pytest.mark.skipif(shutil.which("vim") is None, reason="vim is not installed")

SAMPLE = """\
# A comment
base currency USD
region DE: EUR, tax 19% included, zone Europe/Berlin
bundle coins_700: 700 coins, 9.99 USD
promotion p {
  when user.segment == vip and region in [DE] and true
  during 2026-11-27T18:00 to 2026-11-30
  every sat from 18:00 to 22:00 local
  price 4.99 USD
  code "a \\"b\\" c"
}
"""


def run_vim(tmp_path: Path, path: Path, places: list[tuple[int, int]]) -> list[str]:
    """The file type, comment string, last error and highlight groups Vim reports."""
    out = tmp_path / "out.txt"
    checks = ", ".join(f"[{line}, {column}]" for line, column in places)
    script = tmp_path / "probe.vim"
    script.write_text(f"""\
set nocompatible
let &runtimepath = '{EDITORS / "vim"},' . &runtimepath
filetype plugin on
syntax on
let v:errmsg = ''
edit {path}
let out = [&filetype, &commentstring, v:errmsg]
for [l, c] in [{checks}]
  call add(out, synIDattr(synID(l, c, 1), 'name'))
endfor
call writefile(out, '{out}')
qall!
""")
    subprocess.run(["vim", "-u", "NONE", "-i", "NONE", "-N", "-es", "-S", str(script)],
                   check=False, timeout=60, cwd=tmp_path)
    return out.read_text().splitlines()


def column(line: str, needle: str) -> int:
    return line.index(needle) + 1


def test_vim_detects_the_file_type_and_highlights_each_kind_of_token(tmp_path: Path):
    path = tmp_path / "shop.coin"
    path.write_text(SAMPLE)
    lines = SAMPLE.splitlines()
    expected = [
        (1, "#", "coinComment"),
        (2, "base", "coinDeclaration"),
        (2, "USD", "coinCurrency"),
        (3, "DE", "coinRegion"),
        (3, "19%", "coinPercent"),
        (3, "included", "coinKeyword"),
        (3, "Europe/Berlin", "coinZone"),
        (4, "bundle", "coinDeclaration"),
        (4, "700 ", "coinNumber"),
        (4, "9.99", "coinNumber"),
        (5, "promotion", "coinDeclaration"),
        (6, "when", "coinConditional"),
        (6, "user.segment", "coinUserField"),
        (6, "==", "coinComparison"),
        (6, "and", "coinOperator"),
        (6, "region", "coinField"),
        (6, "[", "coinDelimiter"),
        (6, "true", "coinBoolean"),
        (7, "during", "coinSchedule"),
        (7, "2026-11-27T18:00", "coinDate"),
        (8, "sat", "coinWeekday"),
        (8, "18:00", "coinTime"),
        (9, "price", "coinKeyword"),
        (10, '"', "coinString"),
        (10, "\\", "coinEscape"),
    ]
    places = [(number, column(lines[number - 1], needle)) for number, needle, _ in expected]
    filetype, commentstring, error, *groups = run_vim(tmp_path, path, places)
    assert (filetype, commentstring, error) == ("coin", "# %s", "")
    assert groups == [group for _, _, group in expected]


EXPERIMENT = """\
experiment web_coin_price {
  during 2026-12-10 to 2027-01-10 UTC
  audience region in [US, CA] and channel == web
  unit user.id
  salt "2026-12"
  arm control 50
  arm cheaper 50 {
    price coins_700 in US on web: 6.99 USD
    promotion cheaper_launch {
      when bundle == coins_1400
    }
  }
}
test "t" {
  arm web_coin_price cheaper
}
"""


def test_vim_highlights_an_experiment(tmp_path: Path):
    path = tmp_path / "experiments.coin"
    path.write_text(EXPERIMENT)
    lines = EXPERIMENT.splitlines()
    expected = [
        (1, "experiment", "coinDeclaration"),
        (2, "during", "coinSchedule"),
        (2, "2027-01-10", "coinDate"),
        (3, "audience", "coinKeyword"),
        (3, "region", "coinField"),
        (3, "and", "coinOperator"),
        (4, "unit", "coinDeclaration"),
        (4, "user.id", "coinUserField"),
        (5, "salt", "coinKeyword"),
        (5, '"', "coinString"),
        (6, "arm", "coinKeyword"),
        (6, "50", "coinNumber"),
        (7, "arm", "coinKeyword"),
        (8, "price", "coinDeclaration"),
        (9, "promotion", "coinDeclaration"),
        (10, "when", "coinConditional"),
        (15, "arm", "coinKeyword"),
    ]
    places = [(number, column(lines[number - 1], needle)) for number, needle, _ in expected]
    filetype, _, error, *groups = run_vim(tmp_path, path, places)
    assert (filetype, error) == ("coin", "")
    assert groups == [group for _, _, group in expected]


def test_vim_loads_every_sample_without_an_error(tmp_path: Path):
    for path in sorted((REPO / "rules").rglob("*.coin")) + sorted((REPO / "Examples").rglob("*.coin")):
        filetype, _, error = run_vim(tmp_path, path, [])
        assert (filetype, error) == ("coin", ""), path
