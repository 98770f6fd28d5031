# Sourced by the browser tests (Docs/pictures/render-check.sh, Playground/run-tests.sh):
# `require_chromium LABEL` sets `browser` to Chromium's path, installing Debian's
# `chromium` with apt-get when it is missing and we are root; when it cannot, it
# prints "LABEL: skipped: ..." and exits the calling script with 0.

find_chromium() {
    for name in chromium chromium-browser google-chrome; do
        if command -v "$name" > /dev/null; then command -v "$name"; return 0; fi
    done
    return 1
}

require_chromium() {
    local label="$1"
    if browser=$(find_chromium); then return 0; fi
    if command -v apt-get > /dev/null && [[ $(id -u) == 0 ]]; then
        (apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq chromium > /dev/null) \
            || echo "$label: apt-get could not install chromium"
    fi
    if ! browser=$(find_chromium); then
        echo "$label: skipped: chromium is not installed and cannot be installed here"
        exit 0
    fi
}
