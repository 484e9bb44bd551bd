#!/usr/bin/env bash
# Starts a project from this checkout the way a student does (`cargo leptos
# new`, see cargo-generate.toml), checks that the project carries its new
# name (Cargo.toml, the shop's name, the key file and storage keys, README
# and LICENSE) and nowhere the template's (every file of the project), that
# it has none of what cargo-generate.toml leaves behind, then runs its unit
# and in-process HTTP tests (among them the docs test: every file the docs
# link exists) and compiles its browser build. Part of `make test`.
#
# The build goes to CARGO_TARGET_DIR, by default target/generated-projects,
# which tools/test-solutions.sh shares: later runs compile only the
# project's own crates again, and the first takes the dependencies `make
# test-unit` compiled here. Not target/ itself: cargo names a workspace's
# crates by their path inside the workspace, so a generated project's `app`
# and `server` would overwrite this checkout's own (and a build running here
# at the same time would link the wrong ones).
set -euo pipefail
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
cd "$root"

if [[ ! -f cargo-generate.toml ]]; then
    echo "template test: this project is not a template (no cargo-generate.toml); nothing to check"
    exit 0
fi

work="$(mktemp -d)"
trap 'rm -rf "$work"' EXIT
fail() { echo "template test: $*" >&2; exit 1; }

# A new CARGO_TARGET_DIR starts with the dependencies `make test-unit`
# compiled here (same versions, features and RUSTFLAGS, so cargo takes them as
# fresh), as hard links: no copy, and cargo never rewrites a fresh output.
# Left out: this workspace's own crates, whose outputs cargo would take as
# the project's (see above). Cargo has no option to share only dependencies.
seed_with_dependencies() {
    local from="$root/target/debug" to="$CARGO_TARGET_DIR/debug"
    [[ -d $from/.fingerprint && ! -e $to ]] || return 0
    # The workspace's crates as Cargo.toml lists them, and their build hashes.
    local members own
    members="$(cargo metadata --no-deps --format-version 1 --locked |
        python3 -c 'import json, sys; print("|".join(p["name"] for p in json.load(sys.stdin)["packages"]))')"
    own="$(find "$from/.fingerprint" -mindepth 1 -maxdepth 1 -regextype egrep \
        -regex ".*/($members)-[0-9a-f]{16}" -printf '%f\n' | sed 's/.*-//' | paste -sd'|')"
    mkdir -p "$to"
    # Hard links need one file system; elsewhere the project compiles them all.
    cp -al "$from/deps" "$from/build" "$from/.fingerprint" "$to/" 2>/dev/null ||
        { rm -rf "$to"; return 0; }
    if [[ -n $own ]]; then
        find "$to" -mindepth 2 -maxdepth 2 -regextype egrep \
            -regex ".*-($own)(\.[^/]*)?" -exec rm -rf {} +
    fi
}

# The files git would commit, as they are now; no build output.
mkdir "$work/template"
git ls-files -z --cached --others --exclude-standard | tar --null -T - -cf - | tar -xf - -C "$work/template"
(cd "$work" && cargo leptos new --path template --name tiny-bakery)
project="$work/tiny-bakery"

grep -qx 'name = "tiny-bakery"' "$project/Cargo.toml" ||
    fail "Cargo.toml does not carry the project's name"
grep -qx 'pub const SHOP_NAME: &str = "Tiny Bakery";' "$project/app/src/lib.rs" ||
    fail "SHOP_NAME is not the project's name"
grep -qx 'pub const PROJECT_NAME: &str = "tiny-bakery";' "$project/app/src/lib.rs" ||
    fail "PROJECT_NAME (the key file and storage keys) is not the project's name"
if grep -n 'cookie-shop\|Cookie Shop"\|{%\|}}' "$project/Cargo.toml" "$project/app/src/lib.rs"; then
    fail "the lines above still carry the template's name or marks"
fi

# Its own README and LICENSE, not the template's.
head -1 "$project/README.md" | grep -qx '# Tiny Bakery' ||
    fail "README.md does not start with the project's name"
if grep -n -i 'start your own project\|template\|cargo-generate\|{%\|}}' "$project/README.md"; then
    fail "README.md still speaks of the template (lines above)"
fi
grep -q '^Copyright (c) [0-9]\{4\} the Tiny Bakery authors$' "$project/LICENSE" ||
    fail "LICENSE does not name the project's authors"
grep -q '^Copyright (c) 2026 the Cookie Shop authors' "$project/LICENSE" ||
    fail "LICENSE lost the notice of the project it was started from (MIT asks to keep it)"
# Nothing cargo-generate.toml leaves behind (the machinery, the solutions,
# the teacher's and the benchmark's material) came along.
left_behind="$(sed -n '/^ignore = \[/,/^\]/p' cargo-generate.toml | grep -o '"[^"]*"' | tr -d '"')"
[[ -n "$left_behind" ]] || fail "found no ignore list in cargo-generate.toml"
for path in cargo-generate.toml $left_behind; do
    [[ ! -e "$project/$path" ]] || fail "$path was copied into the project"
done

# The template's name nowhere in the project's files (binary files aside),
# but in LICENSE's notice and one line of the README. COOKIE_SHOP_KEY and
# COOKIE_SHOP_DATA are the shop's configuration variables, not its name.
mentions="$(cd "$project" && grep -rIn -i -E 'cookie[ _-]shop' --exclude-dir=.git . |
    sed 's/COOKIE_SHOP_\(KEY\|DATA\)//g' | grep -i -E 'cookie[ _-]shop' || true)"
if stray="$(grep -v -E "^$|^\./LICENSE:" <<<"$mentions" |
    grep -v -x "./README.md:[0-9]*:This project was started from the course's Cookie Shop\." )"; then
    echo "$stray" >&2
    fail "the lines above still name the template"
fi
[[ "$(grep -c '^\./README.md:' <<<"$mentions")" == 1 ]] ||
    fail "README.md must name the template on exactly one line"

# Its tests, as `make test-unit` runs them there, and its browser build.
export CARGO_TARGET_DIR="${CARGO_TARGET_DIR:-$root/target/generated-projects}"
seed_with_dependencies
(cd "$project" && cargo test --locked -p app --features ssr)
(cd "$project" && cargo test --locked -p server)
(cd "$project" && cargo check --locked -p frontend --target wasm32-unknown-unknown)
echo "template test: passed"
