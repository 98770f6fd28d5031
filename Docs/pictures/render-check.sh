#!/usr/bin/env bash
# The browser check of the pictures (Docs/Pictures.md): renders each page of the
# sample shop in headless Chromium (Debian's `chromium`, installed with apt-get
# when missing) and checks that each PNG exists, has a sane size and is not one
# blank colour. The pages: the timeline of Black Friday fortnight 2026, the
# price ladders, and the diff of rules/ against a copy with a few prices moved;
# the timeline once more in the dark scheme.
#
#   Docs/pictures/render-check.sh                # check, in a temporary folder
#   Docs/pictures/render-check.sh --update-docs  # and copy the PNGs to Docs/images/
#
# Exits 0 with "skipped" only when Chromium is missing and cannot be installed.
set -euo pipefail
cd "$(dirname "$0")/../.."

update_docs=false
[[ "${1:-}" == "--update-docs" ]] && update_docs=true

source .ci/chromium.sh
require_chromium "render check"

swift build --product coinage > /dev/null
coinage="$(swift build --show-bin-path)/coinage"
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT

# A copy of the sample shop with moved prices, for the diff: the 700-coin bundle
# dearer, the 7,000-coin one cheaper, the euro rate up, and one explicit euro web
# price down. Both copies sit
# in the work folder, so the page names them `rules` and `rules-new`.
cp -R rules "$work/rules"
cp -R rules "$work/rules-new"
sed -i -e 's/^bundle coins_700:   700 coins,    9.99 USD/bundle coins_700:   700 coins,    10.99 USD/' \
       -e 's/^bundle coins_7000:  7_000 coins,  99.99 USD/bundle coins_7000:  7_000 coins,  84.99 USD/' \
       -e 's/^rate EUR 0.86$/rate EUR 0.90/' \
       -e 's/^price coins_350 in eurozone on web: 3.99 EUR$/price coins_350 in eurozone on web: 3.49 EUR/' \
       "$work/rules-new/bundles.coin" "$work/rules-new/currencies.coin"
if cmp -s rules/bundles.coin "$work/rules-new/bundles.coin" || cmp -s rules/currencies.coin "$work/rules-new/currencies.coin"; then
    echo "render check: the diff's copy of rules/ did not change; update the sed lines" >&2
    exit 1
fi

(
    cd "$work"
    "$coinage" timeline --rules rules --from 2026-11-23 --to 2026-12-06 > timeline.html
    "$coinage" timeline --rules rules --from 2026-11-23 --to 2026-12-06 --format svg > timeline.svg
    "$coinage" prices --rules rules --format html > prices.html
    # The iOS ladders: Japan and Britain have explicit App Store prices there.
    "$coinage" prices --rules rules --format html --channel ios > prices-ios.html
    "$coinage" diff rules rules-new --at 2026-11-26T12:00Z --format html > diff.html
)

sandbox=()
[[ $(id -u) == 0 ]] && sandbox=(--no-sandbox)
shoot() { # PAGE PNG [EXTRA FLAGS...]
    local page=$1 png=$2
    shift 2
    timeout 120 "$browser" --headless "${sandbox[@]}" --disable-gpu --hide-scrollbars --no-first-run \
        --disable-dev-shm-usage --window-size=1200,900 "$@" --screenshot="$png" "file://$page" > /dev/null 2>&1 || true
    if [[ ! -s "$png" ]]; then
        echo "render check: chromium wrote no $png" >&2
        exit 1
    fi
}
for page in timeline prices prices-ios diff; do
    shoot "$work/$page.html" "$work/$page.png"
done
# The picture alone, as `--format svg` writes it for a wiki or a slide.
shoot "$work/timeline.svg" "$work/timeline-svg.png"
shoot "$work/timeline.html" "$work/timeline-dark.png" --force-dark-mode --blink-settings=preferredColorScheme=0

python3 Docs/pictures/check_png.py "$work/timeline.png" "$work/timeline-svg.png" "$work/prices.png" "$work/prices-ios.png" \
    "$work/diff.png"
python3 Docs/pictures/check_png.py --dark "$work/timeline-dark.png"

# The SVG alone is well-formed XML, and the pages print: Chromium's PDF of each is
# a real PDF with pages in it.
python3 -c 'import sys, xml.etree.ElementTree as tree; tree.parse(sys.argv[1])' "$work/timeline.svg"
for page in timeline prices diff; do
    timeout 120 "$browser" --headless "${sandbox[@]}" --disable-gpu --no-first-run --disable-dev-shm-usage \
        --no-pdf-header-footer --print-to-pdf="$work/$page.pdf" "file://$work/$page.html" > /dev/null 2>&1 || true
    if ! python3 -c 'import re, sys; data = open(sys.argv[1], "rb").read()
sys.exit(0 if data.startswith(b"%PDF-") and re.search(rb"/Type\s*/Page(?!s)", data) else 1)' "$work/$page.pdf" 2> /dev/null; then
        echo "render check: chromium could not print $page.html to PDF" >&2
        exit 1
    fi
done
echo "render check: the SVG parses as XML and every page prints to PDF"

if $update_docs; then
    for page in timeline prices prices-ios diff timeline-dark; do cp "$work/$page.png" "Docs/images/$page.png"; done
    echo "render check: Docs/images/ updated"
fi
echo "render check: every page rendered"
