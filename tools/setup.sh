#!/usr/bin/env bash
# Installs everything the shop needs to build, run and test, skipping what
# is already there. Needs only rustup, Node/npm, Python 3 and the package
# registries (crates.io, npm, PyPI; on Debian as root also apt for Chromium,
# nginx, Redis and Python's venv module): nothing is downloaded from GitHub.
#
#   tools/setup.sh           tools for building and running the shop
#   tools/setup.sh --tests   also the browser-test packages, a Chromium, nginx and Redis
#   tools/setup.sh --bench   all of that, the load tool wrk and the Flask
#                            yardstick's virtual environment (from PyPI)
#   tools/setup.sh --flask   only the virtual environment of the lecture's
#                            Flask shop (lecture/flask/), from PyPI
set -euo pipefail

root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
cd "$root"

CARGO_LEPTOS_VERSION="0.3.10"
# The server the benchmark runs the lecture's Flask shop under.
GUNICORN_VERSION="27.0.1"
want_tests=false
want_bench=false
want_flask_only=false
case "${1:-}" in
    --tests) want_tests=true ;;
    --bench) want_tests=true want_bench=true ;;
    --flask) want_flask_only=true ;;
    "") ;;
    *) echo "usage: tools/setup.sh [--tests|--bench|--flask]" >&2; exit 2 ;;
esac

say() { printf '\033[1msetup:\033[0m %s\n' "$*"; }

# Installs a Debian package when running as root with apt; else says what to do.
apt_install() {
    if [[ $(id -u) == 0 ]] && command -v apt-get >/dev/null; then
        apt-get update -qq
        DEBIAN_FRONTEND=noninteractive apt-get install -y -qq "$1" >/dev/null
    else
        echo "setup: please install $1 with your package manager" >&2
        return 1
    fi
}

# Makes the virtual environment $2 with the lecture's Flask shop's pinned
# packages (lecture/flask/requirements.txt) and any further ones ($3…), from
# PyPI; made again only when that list changes. $1 names it for the log.
flask_venv() {
    local label=$1 venv=$2
    shift 2
    local wanted
    wanted="$(cat lecture/flask/requirements.txt; printf '%s\n' "$@")"
    if [[ -x $venv/bin/flask && "$(cat "$venv/installed.txt" 2>/dev/null)" == "$wanted" ]]; then
        say "$label: present"
        return
    fi
    # Debian's Python leaves the venv module (and the pip it installs) to a package of its own.
    if ! python3 -c 'import ensurepip, venv' 2>/dev/null; then
        say "Python's venv module: installing Debian's python3-venv package"
        apt_install python3-venv
    fi
    say "$label: making $venv from PyPI"
    rm -rf "$venv"
    python3 -m venv "$venv"
    "$venv/bin/pip" install --quiet --disable-pip-version-check -r lecture/flask/requirements.txt "$@"
    printf '%s\n' "$wanted" >"$venv/installed.txt"
}

# --- the lecture's Flask shop, on its own (`make flask`, `make test-flask`) ---
if $want_flask_only; then
    flask_venv "the lecture's Flask shop" target/lecture-flask
    exit 0
fi

# The version of a crate as Cargo.lock pins it.
locked_version() {
    awk -v crate="$1" '$0 == "name = \"" crate "\"" { getline; gsub(/version = |"/, ""); print; exit }' Cargo.lock
}

# --- Rust -------------------------------------------------------------------
if rustup target list --installed | grep -qx wasm32-unknown-unknown; then
    say "wasm32 target: present"
else
    say "wasm32 target: installing"
    rustup target add wasm32-unknown-unknown
fi

if cargo leptos --version 2>/dev/null | grep -q " ${CARGO_LEPTOS_VERSION}$"; then
    say "cargo-leptos ${CARGO_LEPTOS_VERSION}: present"
else
    say "cargo-leptos ${CARGO_LEPTOS_VERSION}: installing (about 12 minutes on two cores; once per machine)"
    # Thin LTO and parallel codegen make this build much faster and the tool no slower.
    CARGO_PROFILE_RELEASE_LTO=false CARGO_PROFILE_RELEASE_CODEGEN_UNITS=16 \
        cargo install cargo-leptos --locked --version "${CARGO_LEPTOS_VERSION}"
fi

# The CLI must match the wasm-bindgen library byte for byte, so it follows Cargo.lock.
bindgen_version="$(locked_version wasm-bindgen)"
if wasm-bindgen --version 2>/dev/null | grep -q " ${bindgen_version}$"; then
    say "wasm-bindgen-cli ${bindgen_version}: present"
else
    say "wasm-bindgen-cli ${bindgen_version}: installing (about 2 minutes)"
    # Not --locked: its lockfile names a webpki-roots release crates.io no longer has.
    cargo install wasm-bindgen-cli --version "${bindgen_version}" --force
fi

# --- npm --------------------------------------------------------------------
# wasm-opt (release builds) comes from npm's `binaryen`, pinned in tools/package-lock.json.
if [[ -x tools/node_modules/.bin/wasm-opt ]]; then
    say "wasm-opt: present"
else
    say "wasm-opt: installing from npm"
    npm ci --prefix tools --no-audit --no-fund
fi

if ! $want_tests; then
    exit 0
fi

if [[ -d end2end/node_modules/@playwright/test ]]; then
    say "Playwright: present"
else
    say "Playwright: installing from end2end/package-lock.json"
    npm ci --prefix end2end --no-audit --no-fund
fi

# --- a Chromium for Playwright ----------------------------------------------
system_chromium() {
    for candidate in "${CHROMIUM_PATH:-}" chromium chromium-browser google-chrome-stable google-chrome; do
        [[ -n "$candidate" ]] && command -v "$candidate" && return 0
    done
    return 1
}
if found="$(system_chromium)"; then
    say "Chromium: using ${found}"
elif [[ $(id -u) == 0 ]] && command -v apt-get >/dev/null; then
    say "Chromium: installing Debian's chromium package"
    apt_install chromium
else
    say "Chromium: none found; installing Playwright's own"
    (cd end2end && npx playwright install chromium)
fi

# --- nginx, the reverse proxy the deployment tests run in front of the shop --
# Started by the tests themselves as an ordinary process with its own
# configuration (end2end/deploy/); the package's system service is not used.
if command -v nginx >/dev/null || [[ -x /usr/sbin/nginx ]]; then
    say "nginx: present"
else
    say "nginx: installing Debian's nginx package"
    apt_install nginx
fi

# --- Redis, the session store several instances share -----------------------
# Started by the tests themselves as an ordinary process with its own port
# and folder (server/tests/session_stores.rs, end2end/deploy/); the
# package's system service is not used.
if command -v redis-server >/dev/null && command -v redis-cli >/dev/null; then
    say "redis-server: present"
else
    say "redis-server: installing Debian's redis-server package"
    apt_install redis-server
fi

# --- the benchmark's load tool and its Flask yardstick -----------------------
if $want_bench; then
    if command -v wrk >/dev/null; then
        say "wrk: present"
    else
        say "wrk: installing Debian's wrk package"
        apt_install wrk
    fi

    # The lecture's shop in Flask (lecture/flask/), served by gunicorn from a
    # virtual environment of its own.
    flask_venv "Flask yardstick" target/bench-flask "gunicorn==${GUNICORN_VERSION}"
fi
