#!/usr/bin/env bash
# A bounded load test on loopback: DURATION (30s) at CONNECTIONS (64) over
# /, /customer and /basket with a shopper's cookies. Reports errors and
# non-2xx answers (expected: zero) and the server's memory before and after.
# Needs a release build (`make run` or `cargo leptos build --release`).
set -euo pipefail
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
cd "$root"

duration="${DURATION:-30s}"
connections="${CONNECTIONS:-64}"
port="${LOAD_PORT:-3400}"
binary=target/release/cookie-shop

command -v wrk >/dev/null || tools/setup.sh --bench
[[ -x "$binary" ]] || { echo "load: no release build; run: make run (or cargo leptos build --release --precompress)" >&2; exit 1; }

LEPTOS_OUTPUT_NAME=cookie-shop LEPTOS_HASH_FILES=true LEPTOS_SITE_ROOT=target/site LEPTOS_SITE_ADDR="127.0.0.1:${port}" \
    RUST_LOG=warn "$binary" &
server=$!
trap 'kill "$server" 2>/dev/null || true' EXIT
for _ in $(seq 100); do curl -sf -o /dev/null "http://127.0.0.1:${port}/" && break; sleep 0.1; done

rss() { awk '/^VmRSS/ { print $2 / 1024 " MB" }' "/proc/${server}/status"; }
echo "memory before: $(rss)"
wrk --latency -t2 -c"${connections}" -d"${duration}" -s tools/load.lua "http://127.0.0.1:${port}/"
echo "memory after:  $(rss)"
kill -TERM "$server"
wait "$server" && echo "server: shut down cleanly"
