// The WebAssembly build's price matrix is the native `coinage prices --format json`,
// byte for byte, for every shop and each of its channels.
//
// Needs Wasm/.build/coinage.wasm and the native `coinage` (bindings/js/run-tests.sh
// builds them; COINAGE_BIN points elsewhere).
import { test } from "node:test";
import assert from "node:assert/strict";
import { execFileSync } from "node:child_process";
import { readdirSync, readFileSync, statSync } from "node:fs";
import { join, resolve, dirname } from "node:path";
import { fileURLToPath } from "node:url";
import { Coinage } from "../coinage.mjs";

const root = resolve(dirname(fileURLToPath(import.meta.url)), "../../..");
const native = process.env.COINAGE_BIN ?? join(root, ".build/debug/coinage");

function ruleFiles(directory) {
    const files = [];
    for (const name of readdirSync(directory).sort()) {
        if (name.startsWith(".")) continue;
        const path = join(directory, name);
        if (statSync(path).isDirectory()) files.push(...ruleFiles(path));
        else if (name.endsWith(".coin") || name.endsWith(".csv")) files.push({ path, text: readFileSync(path, "utf8") });
    }
    return files;
}

const nativePrices = (directory, ...options) =>
    execFileSync(native, ["prices", "--format", "json", "--rules", directory, ...options]).toString();

const shops = ["rules", ...readdirSync("Examples").filter(name => statSync(join("Examples", name)).isDirectory()).map(name => join("Examples", name))];

for (const directory of shops) {
    test(`the price matrix of ${directory} is the native one, byte for byte`, async () => {
        const rules = await Coinage.load(ruleFiles(directory));
        const all = nativePrices(directory);
        assert.equal(rules.prices(), all);
        const rows = JSON.parse(all).prices;
        const channels = [...new Set(rows.map(row => row.channel).filter(channel => channel !== null))];
        for (const channel of channels) assert.equal(rules.prices({ channel }), nativePrices(directory, "--channel", channel));
        // The CLI has no region filter: the rows of the whole matrix in that region.
        const region = rows[rows.length - 1].region;
        assert.deepEqual(JSON.parse(rules.prices({ region })).prices, rows.filter(row => row.region === region));
        console.log(`${directory}: ${rows.length} prices identical (${channels.length} channels)`);
    });
}

test("an unknown channel or region is refused with a suggestion", async () => {
    const rules = await Coinage.load(ruleFiles("rules"));
    assert.throws(() => rules.prices({ channel: "webb" }), /unknown channel `webb`\nhelp: did you mean `web`\?/);
    assert.throws(() => rules.prices({ region: "XX" }), /unknown region `XX`/);
});
