// Coinage in JavaScript: the engine compiled to WebAssembly (Wasm/build.sh), no
// dependencies. Node 18+ or a browser.
//
//     import { Coinage } from "./coinage.mjs";
//     const rules = await Coinage.load([{ path: "rules/shop.coin", text }, ...]);
//     const line = rules.quote('{"bundle":"coins_700","region":"DE","at":"2026-11-28T19:00:00Z"}');
//
// A quote is the JSON line `coinage quote --batch` writes for the same request,
// byte for byte. Docs/WebAssembly.md describes the exports underneath.

const encoder = new TextEncoder();
const decoder = new TextDecoder();

/// The instants zone tables cover, as the engine's QuoteRequest.coveredInstants:
/// 2000-01-01T00:00:00Z to 2100-01-01T00:00:00Z.
const coveredStart = 946684800;
const coveredEnd = 4102444800;

/// A zone's offset from UTC in seconds at `seconds` (since 1970), from Intl: the
/// wall clock `format` gives (`11/28/2026, 20:00:00`) read back as if it were UTC.
/// `format` and a pattern, not `formatToParts`, which is three times slower.
function offsetAt(format, seconds) {
    const wall = /(\d+)\/(\d+)\/(\d+), (\d+):(\d+):(\d+)/.exec(format.format(new Date(seconds * 1000)));
    const local = Date.UTC(Number(wall[3]), Number(wall[1]) - 1, Number(wall[2]),
                           Number(wall[4]) % 24, Number(wall[5]), Number(wall[6]));
    return Math.round(local / 1000 - seconds);
}

/// Zone tables made in this process, by name: the same for every load.
const zoneTables = new Map();

/// The zone's offset changes between the covered instants, as the native build's
/// SystemTimeZones makes them: the offset before the first change, then each
/// change's instant and new offset. Found by weekly steps and a bisection to the
/// second: a zone whose offset changes and changes back within one week would
/// lose that pair (not checked against the IANA data yet; Docs/WebAssembly.md).
export function zoneTable(zone) {
    if (!zoneTables.has(zone)) zoneTables.set(zone, makeZoneTable(zone));
    return zoneTables.get(zone);
}

function makeZoneTable(zone) {
    let format;
    try {
        format = new Intl.DateTimeFormat("en-US", {
            timeZone: zone, hourCycle: "h23", year: "numeric", month: "numeric",
            day: "numeric", hour: "numeric", minute: "numeric", second: "numeric",
        });
    } catch {
        return null;
    }
    // Intl accepts names that are not IANA zones (`EST`, `Etc/GMT+5` are; `+05:00` is not a name).
    if (!zone.includes("/") && zone !== "UTC") return null;
    const transitions = [];
    const offsets = [offsetAt(format, coveredStart)];
    const week = 7 * 86400;
    let before = coveredStart;
    let offset = offsets[0];
    while (before < coveredEnd) {
        const after = Math.min(before + week, coveredEnd);
        const next = offsetAt(format, after);
        if (next !== offset) {
            let low = before;
            let high = after;
            while (high - low > 1) {
                const middle = Math.floor((low + high) / 2);
                if (offsetAt(format, middle) === offset) low = middle; else high = middle;
            }
            if (high < coveredEnd) {
                transitions.push(high);
                offsets.push(next);
            }
            offset = next;
        }
        before = after;
    }
    return { transitions, offsets };
}

/// The compiled module, once per URL or path.
const modules = new Map();

async function compile(source) {
    if (source instanceof WebAssembly.Module) return source;
    if (source instanceof Uint8Array || source instanceof ArrayBuffer) return WebAssembly.compile(source);
    const url = source ?? new URL("../../Wasm/.build/coinage.wasm", import.meta.url);
    const key = String(url);
    if (!modules.has(key)) {
        modules.set(key, (async () => {
            if (typeof process !== "undefined" && process.versions?.node && String(url).startsWith("file:")) {
                const { readFile } = await import("node:fs/promises");
                return WebAssembly.compile(await readFile(new URL(url)));
            }
            // A server that does not send `application/wasm` fails the streaming compile.
            return WebAssembly.compileStreaming(fetch(url))
                .catch(async () => WebAssembly.compile(await (await fetch(url)).arrayBuffer()));
        })());
    }
    return modules.get(key);
}

/// One instance of coinage.wasm and the calls over its memory.
class Engine {
    constructor(module) {
        let table = null;
        this.instance = new WebAssembly.Instance(module, {
            coinage: {
                zone_table: (pointer, length) => {
                    table = zoneTable(this.text(pointer, length));
                    return table ? table.transitions.length : -1;
                },
                zone_copy: (transitions, offsets) => {
                    // A DataView, not typed arrays: an empty Swift array's address need not be aligned.
                    const memory = new DataView(this.exports.memory.buffer);
                    table.transitions.forEach((moment, index) => memory.setBigInt64(transitions + index * 8, BigInt(moment), true));
                    table.offsets.forEach((offset, index) => memory.setInt32(offsets + index * 4, offset, true));
                },
            },
            // What wasi-libc asks of the host: randomness for the hash seeds (as
            // natively, no output depends on it), and standard error for a trap's
            // message. There are no files.
            wasi_snapshot_preview1: {
                random_get: (pointer, length) => {
                    crypto.getRandomValues(new Uint8Array(this.exports.memory.buffer, pointer, length));
                    return 0;
                },
                fd_write: (fd, iovs, count, written) => {
                    const memory = new DataView(this.exports.memory.buffer);
                    let total = 0;
                    let text = "";
                    for (let index = 0; index < count; index++) {
                        const pointer = memory.getUint32(iovs + index * 8, true);
                        const length = memory.getUint32(iovs + index * 8 + 4, true);
                        text += this.text(pointer, length);
                        total += length;
                    }
                    if (text) console.error(text.trimEnd());
                    memory.setUint32(written, total, true);
                    return 0;
                },
                fd_close: () => 0,
                fd_seek: () => 70, // ESPIPE
                fd_fdstat_get: () => 8, // EBADF
            },
        });
        this.exports = this.instance.exports;
    }

    text(pointer, length) {
        return decoder.decode(new Uint8Array(this.exports.memory.buffer, pointer, length));
    }

    /// Copies `text` into a buffer of linear memory; the caller frees it.
    copy(text) {
        const bytes = typeof text === "string" ? encoder.encode(text) : text;
        const pointer = this.exports.coinage_alloc(bytes.length);
        if (pointer === 0) throw new Error("coinage: out of WebAssembly memory");
        new Uint8Array(this.exports.memory.buffer, pointer, bytes.length).set(bytes);
        return [pointer, bytes.length];
    }

    /// Runs `call` with `text` in linear memory, then frees it.
    with(text, call) {
        const [pointer, length] = this.copy(text);
        try {
            return call(pointer, length);
        } finally {
            this.exports.coinage_free(pointer);
        }
    }

    output() {
        return this.text(this.exports.coinage_output_pointer(), this.exports.coinage_output_length());
    }

    /// One rules file formatted (coinage_format), or a FormatError.
    format(text, path) {
        const status = this.with(path, (namePointer, nameLength) =>
            this.with(text, (textPointer, textLength) =>
                this.exports.coinage_format(namePointer, nameLength, textPointer, textLength)));
        const output = this.output();
        if (status === 0) return output;
        throw new FormatError(["syntax", "unverified", "too large"][status - 1] ?? "unknown", output);
    }
}

/// Rules checked and compiled in WebAssembly: quote requests against them.
export class Rules {
    constructor(engine, handle, diagnostics) {
        this.engine = engine;
        this.handle = handle;
        /// The warnings of the load, rendered as `coinage check` renders them (no lints yet).
        this.diagnostics = diagnostics;
    }

    /// The quote line `coinage quote --batch` writes for `request` (a JSON string or
    /// an object), without the newline: a quote, or an error object.
    quote(request, { now = Date.now() / 1000 } = {}) {
        const text = typeof request === "string" ? request : JSON.stringify(request);
        const status = this.engine.with(text, (pointer, length) =>
            this.engine.exports.coinage_quote(this.handle, pointer, length, BigInt(Math.floor(now))));
        if (status < 0) throw new Error("coinage: these rules were closed");
        return this.engine.output();
    }

    /// The lines `coinage quote --batch` writes for `lines` (requests, one a line).
    quoteLines(lines, { now = Date.now() / 1000 } = {}) {
        const refused = this.engine.with(lines, (pointer, length) =>
            this.engine.exports.coinage_quote_lines(this.handle, pointer, length, BigInt(Math.floor(now))));
        if (refused < 0) throw new Error("coinage: these rules were closed");
        return this.engine.output();
    }

    /// Each diagnostic of the load rendered alone, in a format of `coinage check
    /// --format` (text, json, github, gitlab, sarif).
    eachDiagnostic(format = "text") {
        return eachDiagnostic(this.engine, format);
    }

    /// The rules' SHA-256 content hash, as a quote's `rules` gives it.
    get hash() {
        this.engine.exports.coinage_rules_hash(this.handle);
        return this.engine.output();
    }

    /// The list-price matrix as `coinage prices --format json` writes it (JSON text,
    /// a newline after): every bundle × region × channel, or only `channel` and/or
    /// `region`. Throws an Error naming an unknown channel or region.
    prices({ channel = "", region = "" } = {}) {
        const status = this.engine.with(channel, (channelPointer, channelLength) =>
            this.engine.with(region, (regionPointer, regionLength) =>
                this.engine.exports.coinage_prices(this.handle, channelPointer, channelLength, regionPointer, regionLength)));
        if (status < 0) throw new Error("coinage: these rules were closed");
        if (status > 0) throw new Error(this.engine.output().trimEnd());
        return this.engine.output();
    }

    /// `text` (a rules file) as `coinage fmt` writes it; throws `FormatError` when
    /// the file has syntax errors (or cannot be formatted). `path` names the file in
    /// the diagnostics.
    format(text, { path = "rules.coin" } = {}) {
        return this.engine.format(text, path);
    }

    close() {
        this.engine.exports.coinage_close(this.handle);
    }
}

/// Raised by `format` when a file cannot be formatted: `reason` is "syntax" (the
/// file has syntax errors; `diagnostics` holds them as `coinage fmt` prints
/// them), "unverified" (a formatter bug) or "too large".
export class FormatError extends Error {
    constructor(reason, diagnostics) {
        super(diagnostics);
        this.name = "FormatError";
        this.reason = reason;
        this.diagnostics = diagnostics;
    }
}

/// Raised by `Coinage.load` when the rules have errors; `diagnostics` holds them as text.
export class RulesError extends Error {
    constructor(diagnostics, engine) {
        super(diagnostics);
        this.name = "RulesError";
        this.diagnostics = diagnostics;
        this.engine = engine;
    }

    /// Each diagnostic rendered alone, as `Rules.eachDiagnostic`.
    eachDiagnostic(format = "text") {
        return eachDiagnostic(this.engine, format);
    }
}

/// The formats of `coinage check --format`, by their number in the module.
const diagnosticFormats = ["text", "json", "github", "gitlab", "sarif"];

/// The diagnostics of the engine's load, each rendered alone (coinage_render_diagnostic).
function eachDiagnostic(engine, format) {
    const number = diagnosticFormats.indexOf(format);
    if (number < 0) throw new Error(`coinage: unknown diagnostics format ${format}; use ${diagnosticFormats.join(", ")}`);
    const rendered = [];
    while (engine.exports.coinage_render_diagnostic(rendered.length, number) === 0) rendered.push(engine.output());
    return rendered;
}

export const Coinage = {
    /// `text` (a rules file) as `coinage fmt` writes it, without loading rules;
    /// throws `FormatError` as `Rules.format` does.
    async format(text, { path = "rules.coin", wasm } = {}) {
        return new Engine(await compile(wasm)).format(text, path);
    },

    /// Checks and compiles `files` (`[{path, text}]`, or `{path: text}`), in the
    /// order given (the native CLI reads a directory sorted, depth first: give
    /// them in that order for the same `rules` hash). Throws `RulesError` when the
    /// rules have errors. `wasm`: a URL, path URL, bytes or compiled module.
    ///
    /// `diagnostics` (text, json, github, gitlab or sarif) is the format of the
    /// load's diagnostics, in `Rules.diagnostics` and `RulesError.diagnostics`.
    async load(files, { wasm, diagnostics: format = "text" } = {}) {
        const formatNumber = diagnosticFormats.indexOf(format);
        if (formatNumber < 0) throw new Error(`coinage: unknown diagnostics format ${format}; use ${diagnosticFormats.join(", ")}`);
        const engine = new Engine(await compile(wasm));
        const list = Array.isArray(files) ? files : Object.entries(files).map(([path, text]) => ({ path, text }));
        for (const { path, text } of list) {
            engine.with(path, (namePointer, nameLength) =>
                engine.with(text, (textPointer, textLength) =>
                    engine.exports.coinage_add_file(namePointer, nameLength, textPointer, textLength)));
        }
        const handle = engine.exports.coinage_load(0);
        if (formatNumber !== 0) engine.exports.coinage_render_diagnostics(formatNumber);
        const diagnostics = engine.output();
        if (handle === 0) throw new RulesError(diagnostics, engine);
        return new Rules(engine, handle, diagnostics);
    },
};

export default Coinage;
