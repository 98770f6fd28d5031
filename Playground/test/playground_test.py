"""The playground in a real browser: loads the page in headless Chromium (driven
over the DevTools protocol), checks the sample shop loads with no errors, types a
mistake into the rules and checks its diagnostic appears, asks for a quote and
checks the price and the explanation against the native `coinage`, and reads the
price matrix.

Usage: python3 Playground/test/playground_test.py CHROMIUM PAGE_URL NATIVE_COINAGE
(Playground/run-tests.sh starts the file server and passes these.)"""
import json
import os
import re
import subprocess
import sys
import tempfile
import socket

sys.path.insert(0, os.path.dirname(__file__))
from cdp import Page  # noqa: E402

root = os.path.abspath(os.path.join(os.path.dirname(__file__), "../.."))
chromium, page_url, native = sys.argv[1:4]

REQUEST = {"bundle": "coins_700", "region": "DE", "channel": "web", "at": "2026-11-28T19:00:00Z",
           "user": {"segment": "vip", "purchases": 12, "first_purchase": False}, "codes": ["VIP2026"], "explain": True}
MISTAKE = "\npromotion typo_sale {\n  when bundle in [coins_9999]\n  discount 5%\n}\n"


def native_quote(request):
    line = json.dumps(request, separators=(",", ":")) + "\n"
    run = subprocess.run([native, "quote", "--batch", "--rules", os.path.join(root, "rules")],
                         input=line.encode(), capture_output=True, check=True)
    return json.loads(run.stdout)


def native_prices(channel):
    run = subprocess.run([native, "prices", "--format", "json", "--channel", channel, "--rules", os.path.join(root, "rules")],
                         capture_output=True, check=True)
    return json.loads(run.stdout)["prices"]


def free_port():
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


def sample_shop_listed():
    """The playground's list of the sample shop's files is rules/, in the CLI's order."""
    listed = re.findall(r'"([^"]+\.coin)"', open(os.path.join(root, "Playground/sample-shop.mjs")).read())
    actual = []
    def walk(directory, prefix):
        for name in sorted(os.listdir(directory)):
            path = os.path.join(directory, name)
            if name.startswith("."):
                continue
            if os.path.isdir(path):
                walk(path, prefix + name + "/")
            elif name.endswith(".coin") or name.endswith(".csv"):
                actual.append(prefix + name)
    walk(os.path.join(root, "rules"), "")
    assert listed == actual, f"Playground/sample-shop.mjs lists {listed}, rules/ holds {actual}"


def main():
    sample_shop_listed()
    port = free_port()
    profile = tempfile.mkdtemp(prefix="coinage-playground-")
    flags = ["--headless", "--disable-gpu", "--no-first-run", "--no-default-browser-check", "--disable-dev-shm-usage",
             f"--remote-debugging-port={port}", f"--user-data-dir={profile}", "--window-size=1400,1000", "about:blank"]
    if os.getuid() == 0:
        flags.insert(0, "--no-sandbox")
    browser = subprocess.Popen([chromium, *flags], stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    try:
        page = Page(port)
        page.command("Runtime.enable")
        page.command("Page.enable")
        page.command("Page.navigate", url=page_url)
        page.wait_for("document.body && document.body.dataset.ready === 'true' || "
                      "(document.getElementById('status')?.className === 'error' && 'failed')", "the playground to load", timeout=120)
        status = page.evaluate("document.getElementById('status').textContent")
        assert page.evaluate("document.getElementById('status').className") != "error", f"the page failed: {status}; {page.console}"
        diagnostics = page.evaluate("document.getElementById('diagnostics').textContent")
        assert "error[" not in diagnostics, f"the sample shop has errors in the page: {diagnostics}"
        print(f"loaded: {status}")

        # A mistake typed at the end of promotions.coin: its diagnostic appears.
        page.evaluate("(() => { const e = document.getElementById('editor'); e.focus();"
                      " e.setSelectionRange(e.value.length, e.value.length); return document.getElementById('file').value; })()")
        page.command("Input.insertText", text=MISTAKE)
        shown = page.wait_for("(() => { const d = document.getElementById('diagnostics');"
                              " return d.className === 'errors' && d.textContent.includes('coins_9999') && d.textContent; })()",
                              "the diagnostic of the mistake")
        assert re.search(r"rules/promotions\.coin:\d+:\d+: error\[E\d{4}\]: .*`coins_9999`", shown), shown
        print("the mistake's diagnostic appears: " + shown.splitlines()[0])

        # Undone, the rules check clean again.
        page.evaluate("(() => { const e = document.getElementById('editor');"
                      f" e.value = e.value.slice(0, e.value.length - {len(MISTAKE)}); e.dispatchEvent(new Event('input')); }})()")
        page.wait_for("document.getElementById('diagnostics').className !== 'errors'", "the diagnostics to clear")

        # A quote from the form: the native price, and the explanation listed.
        expected = native_quote(REQUEST)
        page.evaluate(
            "(() => { const set = (id, v) => { document.getElementById(id).value = v; };"
            f" set('bundle', {json.dumps(REQUEST['bundle'])}); set('region', {json.dumps(REQUEST['region'])});"
            f" set('channel', {json.dumps(REQUEST['channel'])}); set('at', {json.dumps(REQUEST['at'])});"
            f" set('user', {json.dumps(json.dumps(REQUEST['user']))}); set('codes', 'VIP2026');"
            " document.getElementById('explain').checked = true;"
            " document.getElementById('quote-price').textContent = '';"
            " document.getElementById('quote').click(); })()")
        price = page.wait_for("document.getElementById('quote-price').textContent", "the quote")
        wanted = f"{expected['price']['amount']} {expected['price']['currency']}"
        assert price.startswith(wanted + " "), f"the page quotes `{price}`, the native CLI {wanted}"
        quoted = json.loads(page.evaluate("document.getElementById('quote-json').textContent"))
        assert quoted == expected, "the page's quote JSON differs from the native quote"
        trace = page.evaluate("[...document.querySelectorAll('#quote-trace li')].map(li => li.textContent)")
        assert any("black_friday" in line for line in trace) and len(trace) >= len(expected["trace"]["promotions"]), trace
        print(f"quote: {price}; explanation of {len(trace)} lines")

        # The price matrix on the web channel: every cell the native `prices` gives.
        page.evaluate("(() => { const s = document.getElementById('matrix-channel'); s.value = 'web';"
                      " s.dispatchEvent(new Event('change')); })()")
        cells = page.evaluate("[...document.querySelectorAll('#matrix-table tbody td[data-bundle]')]"
                              ".map(td => [td.parentElement.dataset.region, td.dataset.bundle, td.textContent])")
        native_cells = [[c["region"], c["bundle"], c["list"]["amount"] if c["list"] else "overflow"] for c in native_prices("web")]
        assert cells == native_cells, f"the matrix has {len(cells)} cells, the native prices {len(native_cells)}"
        print(f"price matrix: {len(cells)} cells on web, as `coinage prices`")
        errors = [line for line in page.console if line.startswith("exception")]
        assert not errors, errors
        print("playground: ok")
    finally:
        browser.terminate()
        try:
            browser.wait(timeout=10)
        except subprocess.TimeoutExpired:
            browser.kill()
        subprocess.run(["rm", "-rf", profile])


main()
