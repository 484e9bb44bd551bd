#!/usr/bin/env bash
# Starts a project from this checkout the way a student does (`cargo leptos
# new`, see cargo-generate.toml), then checks that the project carries its
# new name and that its server and browser builds compile. Part of `make test`.
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

# The files git would commit, as they are now; no build output.
mkdir "$work/template"
git ls-files -z --cached --others --exclude-standard | tar --null -T - -cf - | tar -xf - -C "$work/template"
(cd "$work" && cargo leptos new --path template --name tiny-bakery)
project="$work/tiny-bakery"

grep -qx 'name = "tiny-bakery"' "$project/Cargo.toml" ||
    fail "Cargo.toml does not carry the project's name"
grep -qx 'pub const SHOP_NAME: &str = "Tiny Bakery";' "$project/app/src/lib.rs" ||
    fail "SHOP_NAME is not the project's name"
if grep -n 'cookie-shop\|{%\|}}' "$project/Cargo.toml" "$project/app/src/lib.rs"; then
    fail "the lines above still carry the template's name or marks"
fi
for machinery in cargo-generate.toml template; do
    [[ ! -e "$project/$machinery" ]] || fail "$machinery was copied into the project"
done

# Both builds of the new project, in a target folder of their own.
export CARGO_TARGET_DIR="$root/target/template-test"
(cd "$project" && cargo check --locked -p server)
(cd "$project" && cargo check --locked -p frontend --target wasm32-unknown-unknown)
echo "template test: passed"
