// The WebAssembly build quotes exactly as the native `coinage quote --batch`: the
// same requests through both, byte-identical JSON lines required.
//
// Needs Wasm/.build/coinage.wasm and the native `coinage` (and `coinage-bench` for
// the generated shop): bindings/js/run-tests.sh builds them. COINAGE_BIN and
// COINAGE_BENCH_BIN point elsewhere.
import { test, after } from "node:test";
import assert from "node:assert/strict";
import { execFileSync, spawnSync } from "node:child_process";
import { mkdtempSync, readdirSync, readFileSync, statSync, existsSync, rmSync, cpSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join, resolve, dirname } from "node:path";
import { fileURLToPath } from "node:url";
import { Coinage, RulesError } from "../coinage.mjs";

const root = resolve(dirname(fileURLToPath(import.meta.url)), "../../..");
const native = process.env.COINAGE_BIN ?? join(root, ".build/debug/coinage");
const bench = process.env.COINAGE_BENCH_BIN ?? join(root, ".build/debug/coinage-bench");

/// Every request line compared, over all the tests of this file (printed at the end).
let compared = 0;
after(() => console.log(`corpus: ${compared} quote lines compared with the native batch, every one identical`));

/// The number of request lines in `input`.
const count = input => input.split("\n").filter(Boolean).length;

/// The rule files of a directory in the order the CLI reads them: names sorted,
/// depth first, `.coin` and `.csv`, dot files left out.
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

/// The native batch's output; it exits 1 when it refused a line, which the corpus means to have.
function nativeBatch(rules, input) {
    const run = spawnSync(native, ["quote", "--batch", "--rules", rules], { input, maxBuffer: 1 << 28 });
    assert.ok(run.status === 0 || run.status === 1, `coinage quote --batch exited ${run.status}: ${run.stderr}`);
    return run.stdout.toString();
}

/// Every bundle × region × channel cell of a shop, as coinage-bench's `allCells`
/// asks for them: a VIP buyer with the code VIP2026 on Saturday 2026-11-28 19:00 UTC.
/// Without `vip`, the same cells with no facts and no codes, at `at`.
function allCells(rules, { vip = true, at = "2026-11-28T19:00:00Z" } = {}) {
    const prices = JSON.parse(execFileSync(native, ["prices", "--format", "json", "--rules", rules]).toString()).prices;
    return prices.map(cell => JSON.stringify({
        bundle: cell.bundle, region: cell.region, ...(cell.channel ? { channel: cell.channel } : {}), at,
        ...(vip ? { user: { first_purchase: false, purchases: 12, segment: "vip" }, codes: ["VIP2026"] } : {}),
    }));
}

/// Requests a quote refuses or that are not requests, and ones without a channel or
/// at other instants (the zones' daylight-saving changes, Black Friday's edges).
const edgeRequests = [
    '{"bundle":"coins_7000","region":"DE","at":"2026-11-28T19:00:00Z"}',
    '{"bundle":"coins_700","region":"XX","at":"2026-11-28T19:00:00Z"}',
    '{"bundle":"coins_700","region":"DE"',
    '{"bundle":"coins_700","region":"DE","at":"2026-11-28T19:00:00Z","colour":"red"}',
    "[]",
    '{"bundle":"coins_700","region":"US","channel":"web","at":"2026-11-27T04:59:59Z"}',
    '{"bundle":"coins_700","region":"US","channel":"web","at":"2026-11-27T05:00:00Z"}',
    '{"bundle":"coins_700","region":"DE","channel":"web","at":"2026-11-26T22:59:59Z"}',
    '{"bundle":"coins_700","region":"DE","channel":"web","at":"2026-11-26T23:00:00Z"}',
    '{"bundle":"coins_700","region":"DE","channel":"web","at":"2026-11-30T22:59:59Z"}',
    '{"bundle":"coins_700","region":"DE","channel":"web","at":"2026-11-30T23:00:00Z"}',
    '{"bundle":"coins_1400","region":"BR","channel":"ios","at":"2026-03-29T01:30:00Z","user":{"segment":"new","purchases":0,"first_purchase":true}}',
    '{"coins":5000,"region":"JP","channel":"android","at":"2026-07-01T12:00:00Z"}',
    '{"coins":5000,"region":"US","channel":"web","at":"2026-07-01T12:00:00Z"}',
    // With the explanation: the list price's derivation and each promotion's verdict.
    '{"bundle":"coins_1400","region":"DE","channel":"web","at":"2026-11-28T19:00:00Z","user":{"segment":"vip","purchases":12,"first_purchase":false},"codes":["VIP2026"],"explain":true}',
    '{"bundle":"coins_70","region":"BR","channel":"ios","at":"2026-11-28T19:00:00Z","explain":true}',
];

test("every cell of rules/ quotes byte for byte as the native batch", async () => {
    const rules = await Coinage.load(ruleFiles("rules"));
    const lines = [...allCells("rules"), ...edgeRequests];
    const input = lines.join("\n") + "\n";
    const expected = nativeBatch("rules", input);
    assert.equal(rules.quoteLines(input), expected);
    // One at a time too, as `quote` gives each (without the newline): the cells
    // against the batch's lines, the edge requests each against a batch of its own
    // (a malformed request's error names its line, and `quote` numbers it 1).
    const cells = lines.length - edgeRequests.length;
    const expectedLines = expected.split("\n");
    for (let index = 0; index < cells; index++) assert.equal(rules.quote(lines[index]), expectedLines[index]);
    for (const request of edgeRequests) assert.equal(rules.quote(request) + "\n", nativeBatch("rules", request + "\n"));
    compared += lines.length * 2;
    assert.ok(lines.length > 500, `only ${lines.length} requests`);
    console.log(`rules/: ${lines.length} requests identical`);
});

for (const shop of readdirSync("Examples").filter(name => statSync(join("Examples", name)).isDirectory())) {
    test(`every cell of Examples/${shop} quotes byte for byte as the native batch`, async () => {
        const directory = join("Examples", shop);
        const rules = await Coinage.load(ruleFiles(directory));
        const lines = [...allCells(directory, { vip: false }), ...allCells(directory, { vip: false, at: "2026-07-04T12:00:00Z" })];
        const input = lines.join("\n") + "\n";
        assert.equal(rules.quoteLines(input), nativeBatch(directory, input));
        compared += lines.length;
        console.log(`${directory}: ${lines.length} requests identical`);
    });
}

/// The shops coinage-bench generates (RuleSetGenerator: 200 regions, 100 bundles)
/// with 20, 200, 2,000 and 20,000 promotions, as its suite measures them, and
/// their 4,096 requests each.
for (const promotions of [20, 200, 2000, 20000]) {
    test(`the generated shop with ${promotions} promotions quotes byte for byte as the native batch`, async t => {
        if (!existsSync(bench)) return t.skip("no coinage-bench");
        const directory = mkdtempSync(join(tmpdir(), "coinage-js-"));
        try {
            execFileSync(bench, ["--write-generated", String(promotions), "--to", directory]);
            const requests = readFileSync(join(directory, "requests.jsonl"), "utf8");
            const rules = await Coinage.load(ruleFiles(directory));
            assert.equal(rules.quoteLines(requests), nativeBatch(directory, requests));
            compared += count(requests);
            console.log(`generated-${promotions}: ${count(requests)} requests identical`);
        } finally {
            rmSync(directory, { recursive: true, force: true });
        }
    });
}

/// Every quote of the rule tests (`test` blocks) of every shop, as coinage-bench
/// `--rule-test-requests` writes them: with the explanation, as a test asks.
for (const directory of ["rules", ...readdirSync("Examples").filter(name => statSync(join("Examples", name)).isDirectory()).map(name => join("Examples", name))]) {
    test(`the rule tests' quotes of ${directory} are the native batch's`, async t => {
        if (!existsSync(bench)) return t.skip("no coinage-bench");
        const requests = execFileSync(bench, ["--rule-test-requests", directory]).toString();
        assert.ok(count(requests) > 0, `${directory} has no rule tests`);
        const rules = await Coinage.load(ruleFiles(directory));
        assert.equal(rules.quoteLines(requests), nativeBatch(directory, requests));
        compared += count(requests);
        console.log(`${directory} rule tests: ${count(requests)} requests identical`);
    });
}

test("the rules hash is the native quote's", async () => {
    const rules = await Coinage.load(ruleFiles("rules"));
    const quote = JSON.parse(rules.quote('{"bundle":"coins_700","region":"DE","channel":"web","at":"2026-11-28T19:00:00Z"}'));
    assert.equal(quote.rules, rules.hash);
    assert.match(rules.hash, /^[0-9a-f]{64}$/);
});

test("rules with an error are refused with the diagnostic as text", async () => {
    const files = ruleFiles("rules").map(file => file.path.endsWith("promotions.coin")
        ? { path: file.path, text: file.text.replace("bundle in [coins_700, coins_1400", "bundle in [coins_9999, coins_1400") }
        : file);
    await assert.rejects(Coinage.load(files), error => {
        assert.ok(error instanceof RulesError);
        assert.match(error.diagnostics, /rules\/promotions\.coin:\d+:\d+: error\[E\d{4}\]: .*`coins_9999`/);
        return true;
    });
});

test("the diagnostics of broken rules are the native check's, byte for byte", async () => {
    const directory = mkdtempSync(join(tmpdir(), "coinage-js-"));
    try {
        cpSync("rules", directory, { recursive: true });
        const promotions = join(directory, "promotions.coin");
        writeFileSync(promotions, readFileSync(promotions, "utf8").replace("bundle in [coins_700, coins_1400", "bundle in [coins_9999, coins_1400"));
        const run = spawnSync(native, ["check", "--rules", directory]);
        assert.equal(run.status, 1);
        // The native check ends with a summary line (`DIR: 1 error in 11 files`) the library leaves to its caller.
        const expected = run.stdout.toString().replace(/\n[^\n]*: \d+ errors? in \d+ files?\n$/, "");
        await assert.rejects(Coinage.load(ruleFiles(directory)), error => {
            assert.equal(error.diagnostics, expected);
            // The one error rendered alone is the whole report; in json, one diagnostic's document.
            assert.deepEqual(error.eachDiagnostic(), [expected]);
            assert.equal(JSON.parse(error.eachDiagnostic("json")[0]).diagnostics.length, 1);
            return true;
        });
    } finally {
        rmSync(directory, { recursive: true, force: true });
    }
});

test("the diagnostics in json, github, gitlab and sarif are the native check's", async () => {
    const directory = mkdtempSync(join(tmpdir(), "coinage-js-"));
    try {
        cpSync("rules", directory, { recursive: true });
        const promotions = join(directory, "promotions.coin");
        writeFileSync(promotions, readFileSync(promotions, "utf8").replace("bundle in [coins_700, coins_1400", "bundle in [coins_9999, coins_1400"));
        for (const format of ["json", "github", "gitlab", "sarif"]) {
            const expected = spawnSync(native, ["check", "--rules", directory, "--format", format]).stdout.toString();
            await assert.rejects(Coinage.load(ruleFiles(directory), { diagnostics: format }), error => {
                // A SARIF rule's `name` is the code's case name natively, the code in WebAssembly (no reflection).
                const wanted = format === "sarif" ? expected.replace(/"name" : "unknownBundle"|"name": "unknownBundle"/, match => match.replace("unknownBundle", "E0103")) : expected;
                assert.equal(error.diagnostics.trimEnd(), wanted.trimEnd(), format);
                return true;
            });
        }
    } finally {
        rmSync(directory, { recursive: true, force: true });
    }
});

test("an unknown zone is an error, as natively", async () => {
    const files = ruleFiles("rules").map(file => ({ path: file.path, text: file.text.replace("zone Europe/Berlin", "zone Europe/Berlni") }));
    await assert.rejects(Coinage.load(files), error => /rules\/regions\.coin:\d+:\d+: error\[E\d{4}\]: .*Europe\/Berlni/.test(error.diagnostics));
});
