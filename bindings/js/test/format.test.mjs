// The WebAssembly build formats exactly as the native `coinage fmt`: every `.coin`
// file of rules/ and Examples/ (and the same files laid out badly), byte for byte.
//
// Needs Wasm/.build/coinage.wasm and the native `coinage` (bindings/js/run-tests.sh
// builds them; COINAGE_BIN points elsewhere).
import { test } from "node:test";
import assert from "node:assert/strict";
import { spawnSync } from "node:child_process";
import { mkdtempSync, readdirSync, readFileSync, statSync, rmSync, writeFileSync, mkdirSync } from "node:fs";
import { tmpdir } from "node:os";
import { join, resolve, dirname } from "node:path";
import { fileURLToPath } from "node:url";
import { Coinage, FormatError } from "../coinage.mjs";

const root = resolve(dirname(fileURLToPath(import.meta.url)), "../../..");
const native = process.env.COINAGE_BIN ?? join(root, ".build/debug/coinage");

function coinFiles(directory) {
    const files = [];
    for (const name of readdirSync(directory).sort()) {
        if (name.startsWith(".")) continue;
        const path = join(directory, name);
        if (statSync(path).isDirectory()) files.push(...coinFiles(path));
        else if (name.endsWith(".coin")) files.push(path);
    }
    return files;
}

/// What the native `coinage fmt` makes of each text: the texts are written into a
/// scratch directory, formatted there in place, and read back.
function nativeFormat(texts) {
    const directory = mkdtempSync(join(tmpdir(), "coinage-fmt-"));
    try {
        texts.forEach((text, index) => writeFileSync(join(directory, `f${String(index).padStart(4, "0")}.coin`), text));
        const run = spawnSync(native, ["fmt", directory], { maxBuffer: 1 << 26 });
        assert.equal(run.status, 0, `coinage fmt exited ${run.status}: ${run.stderr}`);
        return texts.map((_, index) => readFileSync(join(directory, `f${String(index).padStart(4, "0")}.coin`), "utf8"));
    } finally {
        rmSync(directory, { recursive: true, force: true });
    }
}

/// The same rules laid out badly: every run of spaces doubled, every line indented
/// by three more spaces, and a blank line after each. Still the same rules.
function untidy(text) {
    return text.split("\n").map(line => line.trim() === "" || line.trimStart().startsWith("#") ? line : "   " + line.replace(/ +/g, "  ") + "\n").join("\n");
}

const paths = [...coinFiles("rules"), ...coinFiles("Examples")];

test("every rules file formats byte for byte as `coinage fmt`", async () => {
    const texts = paths.map(path => readFileSync(path, "utf8"));
    const expected = nativeFormat(texts);
    for (const [index, path] of paths.entries()) {
        assert.equal(await Coinage.format(texts[index], { path }), expected[index], path);
    }
    assert.ok(paths.length >= 10, `only ${paths.length} files`);
    console.log(`format: ${paths.length} files identical`);
});

test("badly laid out files format byte for byte as `coinage fmt`", async () => {
    // Through loaded rules' `format` this time (any rules: the formatter does not use them).
    const rules = await Coinage.load(Object.fromEntries(coinFiles("rules").map(path => [path, readFileSync(path, "utf8")])));
    const texts = paths.map(path => untidy(readFileSync(path, "utf8")));
    const expected = nativeFormat(texts);
    let changed = 0;
    for (const [index, path] of paths.entries()) {
        const formatted = rules.format(texts[index], { path });
        assert.equal(formatted, expected[index], path);
        if (formatted !== texts[index]) changed++;
    }
    assert.ok(changed > 0);
});

test("a file with a syntax error is refused with the diagnostics `coinage fmt` prints", async () => {
    const text = "bundle coins_70: 70 coins, 0.99 USD\nregion DE EUR\n";
    const directory = mkdtempSync(join(tmpdir(), "coinage-fmt-"));
    try {
        mkdirSync(join(directory, "r"));
        writeFileSync(join(directory, "r/broken.coin"), text);
        const run = spawnSync(native, ["fmt", "r/broken.coin"], { cwd: directory });
        assert.equal(run.status, 1);
        await assert.rejects(Coinage.format(text, { path: "r/broken.coin" }), error => {
            assert.ok(error instanceof FormatError);
            assert.equal(error.reason, "syntax");
            assert.equal(error.diagnostics + "error: `r/broken.coin` has syntax errors and is left as it is\n\n", run.stderr.toString());
            return true;
        });
    } finally {
        rmSync(directory, { recursive: true, force: true });
    }
});
