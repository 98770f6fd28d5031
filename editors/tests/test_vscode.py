"""Tests of the VS Code extension folder, editors/vscode.

The manifest contributes what the editor needs and points at files that exist;
the grammar it ships is the same file as editors/coinage.tmLanguage.json; and
extension.js, run under node against a stand-in `vscode` module, fails gracefully
when `coinage lsp` is not available (test/smoke.js).
"""

from __future__ import annotations

import json
import shutil
import subprocess
from pathlib import Path

import pytest

EDITORS = Path(__file__).resolve().parents[1]
VSCODE = EDITORS / "vscode"


@pytest.fixture(scope="module")
def manifest() -> dict:
    return json.loads((VSCODE / "package.json").read_text(encoding="utf-8"))


def test_the_manifest_contributes_the_language_grammar_and_setting(manifest: dict):
    (language,) = manifest["contributes"]["languages"]
    assert language["id"] == "coinage"
    assert language["extensions"] == [".coin"]
    assert (VSCODE / language["configuration"]).is_file()
    (grammar,) = manifest["contributes"]["grammars"]
    assert grammar["language"] == "coinage"
    assert grammar["scopeName"] == "source.coin"
    assert (VSCODE / grammar["path"]).is_file()
    setting = manifest["contributes"]["configuration"]["properties"]["coinage.path"]
    assert setting["type"] == "string" and setting["default"] == "coinage"
    assert (VSCODE / manifest["main"]).is_file()
    assert "vscode-languageclient" in manifest["dependencies"]
    assert "onLanguage:coinage" in manifest["activationEvents"]


def test_the_shipped_grammar_is_the_grammar(manifest: dict):
    (grammar,) = manifest["contributes"]["grammars"]
    shipped = (VSCODE / grammar["path"]).read_bytes()
    assert shipped == (EDITORS / "coinage.tmLanguage.json").read_bytes(), \
        "copy editors/coinage.tmLanguage.json to editors/vscode/syntaxes/"


def test_the_language_configuration_toggles_hash_comments_and_pairs_brackets():
    config = json.loads((VSCODE / "language-configuration.json").read_text(encoding="utf-8"))
    assert config["comments"] == {"lineComment": "#"}
    assert ["{", "}"] in config["brackets"] and ["[", "]"] in config["brackets"] and ["(", ")"] in config["brackets"]
    opens = {pair["open"] for pair in config["autoClosingPairs"]}
    assert opens == {"{", "[", "(", '"'}


def test_no_node_modules_are_committed():
    assert not (VSCODE / "node_modules").exists() or "vscode/node_modules/" in (EDITORS / ".gitignore").read_text()


@pytest.mark.skipif(shutil.which("node") is None, reason="node is not installed")
def test_the_extension_fails_gracefully_without_coinage_lsp():
    result = subprocess.run(["node", "test/smoke.js"], cwd=VSCODE, capture_output=True, text=True, timeout=120)
    assert result.returncode == 0, result.stdout + result.stderr
    assert result.stdout.count("ok - ") == 4
