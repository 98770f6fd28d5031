"""Tests of editors/helix/languages.toml: it parses, and names the file type and
the `coinage lsp` language server as Docs/Editors.md says."""

from __future__ import annotations

from pathlib import Path

import pytest

tomllib = pytest.importorskip("tomllib")  # Python 3.11 and later

HELIX = Path(__file__).resolve().parents[1] / "helix" / "languages.toml"


def test_the_helix_entry_names_the_file_type_and_the_language_server():
    config = tomllib.loads(HELIX.read_text(encoding="utf-8"))
    (language,) = config["language"]
    assert language["name"] == "coinage"
    assert language["scope"] == "source.coin"
    assert language["file-types"] == ["coin"]
    assert language["comment-tokens"] == "#"
    assert language["language-servers"] == ["coinage"]
    assert config["language-server"]["coinage"] == {"command": "coinage", "args": ["lsp"]}
