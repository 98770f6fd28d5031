// Quotes per second of the WebAssembly build in Node and of the native batch, in
// one run, on the same lines: every cell of rules/ (as the tests ask for them),
// repeated. Not a test: it prints figures (Docs/Performance.md).
//
// Usage: node bindings/js/bench.mjs [native coinage] [repeats]   (from the repository root)
import { execFileSync, spawnSync } from "node:child_process";
import { readdirSync, readFileSync, statSync, writeFileSync, mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { Coinage } from "./coinage.mjs";

const native = process.argv[2] ?? ".build/release/coinage";
const repeats = Number(process.argv[3] ?? 200);

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

const prices = JSON.parse(execFileSync(native, ["prices", "--format", "json", "--rules", "rules"]).toString()).prices;
const cells = prices.map(cell => JSON.stringify({
    bundle: cell.bundle, region: cell.region, channel: cell.channel, at: "2026-11-28T19:00:00Z",
    user: { first_purchase: false, purchases: 12, segment: "vip" }, codes: ["VIP2026"],
})).join("\n") + "\n";
const input = cells.repeat(repeats);
const count = prices.length * repeats;

const loadStart = process.hrtime.bigint();
const rules = await Coinage.load(ruleFiles("rules"));
const loadSeconds = Number(process.hrtime.bigint() - loadStart) / 1e9;
rules.quoteLines(cells); // warm up
const start = process.hrtime.bigint();
const output = rules.quoteLines(input);
const wasmSeconds = Number(process.hrtime.bigint() - start) / 1e9;

const directory = mkdtempSync(join(tmpdir(), "coinage-bench-js-"));
try {
    writeFileSync(join(directory, "lines.jsonl"), input);
    writeFileSync(join(directory, "empty.jsonl"), "");
    // One core, like Node's one thread: `quote --batch` otherwise quotes in parts on every core.
    const run = file => {
        const begin = process.hrtime.bigint();
        const result = spawnSync("taskset", ["-c", "0", native, "quote", "--batch", "--rules", "rules"],
                                 { input: readFileSync(join(directory, file)), maxBuffer: 1 << 30 });
        const seconds = Number(process.hrtime.bigint() - begin) / 1e9;
        return { seconds, output: result.stdout.toString() };
    };
    const empty = run("empty.jsonl");
    const full = run("lines.jsonl");
    if (full.output !== output) throw new Error("the native and WebAssembly outputs differ");
    const nativeLoaded = full.seconds - empty.seconds;
    console.log(`${count} lines of rules/, output identical (${output.length} bytes)`);
    console.log(`wasm in Node ${process.version}: load ${loadSeconds.toFixed(2)} s, ${wasmSeconds.toFixed(2)} s, ${Math.round(count / wasmSeconds)} lines/s`);
    console.log(`native, one core: ${full.seconds.toFixed(2)} s with the load (${empty.seconds.toFixed(2)} s alone), ${Math.round(count / nativeLoaded)} lines/s once loaded`);
    console.log(`ratio: native ${(wasmSeconds / nativeLoaded).toFixed(1)}x faster`);
} finally {
    rmSync(directory, { recursive: true, force: true });
}
