// The playground: the sample shop's rules in an editor, checked by the WebAssembly
// engine as you type; a request form with the quote and its explanation; the
// price matrix. Static files only: serve the repository's root with any static
// file server and open /Playground/ (Docs/WebAssembly.md).
import { Coinage, RulesError, FormatError } from "../bindings/js/coinage.mjs";
import { sampleShop } from "./sample-shop.mjs";

const wasm = new URL("../Wasm/.build/coinage.wasm", import.meta.url);
const element = id => document.getElementById(id);

/// The files being edited, by path, in the CLI's reading order.
const files = new Map();
/// The rules of the last load without errors, or null: quotes and the matrix use them.
let rules = null;
/// The matrix of those rules, parsed.
let matrix = [];
let pending = null;
let generation = 0;

function setStatus(text, isError = false) {
    element("status").textContent = text;
    element("status").className = isError ? "error" : "";
}

async function loadSample() {
    files.clear();
    for (const name of sampleShop) {
        const response = await fetch(new URL(`../rules/${name}`, import.meta.url));
        if (!response.ok) throw new Error(`cannot fetch rules/${name}: ${response.status}`);
        files.set(`rules/${name}`, await response.text());
    }
    const select = element("file");
    select.replaceChildren(...[...files.keys()].map(path => new Option(path, path)));
    select.value = "rules/promotions.coin";
    element("editor").value = files.get(select.value);
}

/// Checks the files as they are now; shows the diagnostics, and keeps the rules
/// for quoting when they have no errors.
async function check() {
    const run = ++generation;
    const list = [...files].map(([path, text]) => ({ path, text }));
    const diagnostics = element("diagnostics");
    try {
        const loaded = await Coinage.load(list, { wasm });
        if (run !== generation) return loaded.close();
        rules?.close();
        rules = loaded;
        diagnostics.textContent = loaded.diagnostics || "no errors, no warnings";
        diagnostics.className = loaded.diagnostics ? "" : "clean";
        setStatus(`rules checked: ${files.size} files, rules ${loaded.hash.slice(0, 12)}…`);
        refreshMatrix();
    } catch (error) {
        if (run !== generation) return;
        if (!(error instanceof RulesError)) throw error;
        diagnostics.textContent = error.diagnostics;
        diagnostics.className = "errors";
        setStatus("the rules have errors: quotes use the last rules without errors", true);
    }
}

/// Checks again a moment after the last keystroke.
function scheduleCheck() {
    clearTimeout(pending);
    pending = setTimeout(() => check().catch(showFailure), 250);
}

function showFailure(error) {
    setStatus(`the engine failed: ${error.message}`, true);
    console.error(error);
}

/// The options of the request form and the matrix's channels, from the matrix.
function refreshMatrix() {
    matrix = JSON.parse(rules.prices()).prices;
    const unique = values => [...new Set(values)];
    const fill = (id, values, keep) => {
        const select = element(id);
        const before = select.value;
        select.replaceChildren(...values.map(value => new Option(value ?? "(none)", value ?? "")));
        if (values.includes(before) || (keep && values.includes(keep))) select.value = values.includes(before) ? before : keep;
    };
    fill("bundle", unique(matrix.map(cell => cell.bundle)), "coins_700");
    fill("region", unique(matrix.map(cell => cell.region)), "DE");
    const channels = unique(matrix.map(cell => cell.channel));
    fill("channel", channels, "web");
    fill("matrix-channel", channels, "web");
    drawMatrix();
}

function drawMatrix() {
    const channel = element("matrix-channel").value || null;
    const cells = matrix.filter(cell => cell.channel === channel);
    const bundles = [...new Set(cells.map(cell => cell.bundle))];
    const table = document.createElement("table");
    table.id = "matrix-table";
    const head = table.createTHead().insertRow();
    for (const title of ["region", "currency", ...bundles]) head.append(Object.assign(document.createElement("th"), { textContent: title }));
    const body = table.createTBody();
    let row = null;
    let region = null;
    for (const cell of cells) {
        if (cell.region !== region) {
            region = cell.region;
            row = body.insertRow();
            row.dataset.region = region;
            row.insertCell().textContent = region;
            row.insertCell().textContent = cell.list?.currency ?? "";
        }
        const td = row.insertCell();
        td.textContent = cell.list ? cell.list.amount : "overflow";
        td.title = `${cell.bundle} in ${cell.region}: ${cell.source}`;
        td.dataset.bundle = cell.bundle;
        if (cell.source === "explicit") td.className = "explicit";
    }
    element("matrix").replaceChildren(table);
}

/// The request the form describes, as the JSON a batch line holds.
function request() {
    const value = id => element(id).value.trim();
    const request = { bundle: value("bundle"), region: value("region") };
    if (value("channel")) request.channel = value("channel");
    if (value("at")) request.at = value("at");
    if (value("user")) request.user = JSON.parse(value("user"));
    const codes = value("codes").split(/[\s,]+/).filter(Boolean);
    if (codes.length) request.codes = codes;
    if (element("explain").checked) request.explain = true;
    return request;
}

function quote() {
    const price = element("quote-price");
    const trace = element("quote-trace");
    trace.replaceChildren();
    if (!rules) {
        price.textContent = "no rules without errors to quote with";
        price.className = "refused";
        return;
    }
    let line;
    try {
        line = rules.quote(request());
    } catch (error) {
        price.textContent = `the request is not JSON: ${error.message}`;
        price.className = "refused";
        return;
    }
    element("quote-json").textContent = JSON.stringify(JSON.parse(line), null, 2);
    const answer = JSON.parse(line);
    if (answer.error) {
        price.textContent = `refused: ${answer.error.message ?? answer.error.code ?? line}`;
        price.className = "refused";
        return;
    }
    price.className = "";
    price.textContent = `${answer.price.amount} ${answer.price.currency}` +
        ` (list ${answer.list.amount}, total ${answer.total.amount}, ${answer.coins.total} coins)`;
    const steps = answer.trace?.listPrice?.steps ?? [];
    for (const step of steps) trace.append(Object.assign(document.createElement("li"), { textContent: `${step.step}: ${step.value} ${step.currency}` }));
    if (answer.trace?.listPrice?.rounding) trace.append(Object.assign(document.createElement("li"), { textContent: `rounded ${answer.trace.listPrice.rounding}` }));
    for (const verdict of answer.trace?.promotions ?? []) {
        trace.append(Object.assign(document.createElement("li"), {
            textContent: `${verdict.promotion}: ${verdict.detail}`, className: verdict.applied ? "applied" : "skipped",
        }));
    }
}

async function format() {
    const path = element("file").value;
    try {
        const formatted = rules ? rules.format(element("editor").value, { path }) : await Coinage.format(element("editor").value, { path, wasm });
        element("editor").value = formatted;
        files.set(path, formatted);
        scheduleCheck();
    } catch (error) {
        if (!(error instanceof FormatError)) throw error;
        element("diagnostics").textContent = error.diagnostics;
        element("diagnostics").className = "errors";
    }
}

async function start() {
    await loadSample();
    await check();
    element("editor").addEventListener("input", () => {
        files.set(element("file").value, element("editor").value);
        scheduleCheck();
    });
    element("file").addEventListener("change", () => { element("editor").value = files.get(element("file").value); });
    element("request").addEventListener("submit", event => { event.preventDefault(); quote(); });
    element("matrix-channel").addEventListener("change", drawMatrix);
    element("format").addEventListener("click", () => format().catch(showFailure));
    element("reset").addEventListener("click", () => loadSample().then(check).catch(showFailure));
    if (rules) quote();
    document.body.dataset.ready = "true";
}

start().catch(showFailure);
