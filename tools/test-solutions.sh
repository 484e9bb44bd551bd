#!/usr/bin/env bash
# Checks every exercise's solution (solutions/NN-name.patch, see
# docs/exercises.md): starts a fresh project from this checkout the way a
# student does (`cargo leptos new`), applies the patch with `git apply`,
# runs the project's unit and in-process HTTP tests and compiles its browser
# build. When the patch adds or changes browser specs (end2end/tests/*.spec.ts),
# it then builds the project for release (`cargo leptos build --release
# --precompress`) and runs those specs, and only those, with Playwright on
# SHOP_PORT (default 3160, so a shop on 3000 or `make test-browser` on 3100
# is left alone). `make test-solutions`; not part of `make test`, since each
# solution compiles the project again.
#
#   tools/test-solutions.sh            every solution
#   tools/test-solutions.sh 03 08      only these
#
# A patch carries its own Cargo.lock changes (a solution that adds a crate),
# so the tests run with --locked. Builds share CARGO_TARGET_DIR (default
# target/generated-projects, as tools/template-test.sh), so each solution
# compiles only the project's own crates again; run one of the two at a time.
# The browser specs start the server at target/release/server under the
# project's folder (end2end/support/shop.ts): that folder is a link to the
# shared CARGO_TARGET_DIR's release folder, where cargo writes the server
# and cargo-leptos its hash.txt. The specs use this checkout's Node packages
# (end2end/node_modules from `make setup-tests`, and tools/node_modules for
# wasm-opt), linked into the project.
set -euo pipefail
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
cd "$root"

if [[ ! -f cargo-generate.toml || ! -d solutions ]]; then
    echo "solutions test: no solutions here (a project started from the template); nothing to check"
    exit 0
fi

patches=()
if (($#)); then
    for number in "$@"; do
        matches=(solutions/"$number"-*.patch)
        [[ -f "${matches[0]}" ]] || { echo "solutions test: no solutions/$number-*.patch" >&2; exit 2; }
        patches+=("${matches[@]}")
    done
else
    patches=(solutions/*.patch)
fi

work="$(mktemp -d)"
trap 'rm -rf "$work"' EXIT
export CARGO_TARGET_DIR="${CARGO_TARGET_DIR:-$root/target/generated-projects}"

# The files git would commit, as they are now; no build output.
mkdir "$work/template"
git ls-files -z --cached --others --exclude-standard | tar --null -T - -cf - | tar -xf - -C "$work/template"

# The docs point at lines of code and name the code and tests of each
# lecture point (app/tests/docs_links.rs checks both). A solution moves
# lines and renames things; it leaves those docs to its reader, since they
# change on their own. Every other test runs.
docs_follow=(
    --skip every_link_to_a_line_leads_to_the_definition_it_names
    --skip every_lecture_point_has_a_page_code_and_a_test_that_exist
)

say() { printf '\033[1msolutions test:\033[0m %s\n' "$*"; }

# The release build of the project in $1, and the browser specs $2… in it.
browser_specs() {
    local project="$1"
    shift
    if [[ ! -d "$root/end2end/node_modules" ]]; then
        say "the browser specs need the test packages: make setup-tests"
        return 1
    fi
    mkdir -p "$CARGO_TARGET_DIR/release" "$project/target"
    ln -sfn "$CARGO_TARGET_DIR/release" "$project/target/release"
    ln -sfn "$root/end2end/node_modules" "$project/end2end/node_modules"
    ln -sfn "$root/tools/node_modules" "$project/tools/node_modules"
    say "release build and browser specs: $*"
    (
        cd "$project"
        export PATH="$project/tools/node_modules/.bin:$HOME/.cargo/bin:$PATH"
        cargo leptos build --release --precompress &&
            cd end2end && SHOP_PORT="${SHOP_PORT:-3160}" npx playwright test "$@"
    )
}
failed=()
for patch in "${patches[@]}"; do
    name="$(basename "$patch" .patch)"
    started=$SECONDS
    say "$name"
    # The same folder each time, so that cargo sees the same paths.
    rm -rf "$work/practice-shop"
    (cd "$work" && cargo leptos new --path template --name practice-shop >/dev/null)
    project="$work/practice-shop"
    if ! (cd "$project" && git apply --check "$root/$patch"); then
        say "$name: FAILED — the patch does not apply to a new project"
        failed+=("$name (does not apply)")
        continue
    fi
    (cd "$project" && git apply "$root/$patch")
    if ! (cd "$project" && cargo test --locked -p app --features ssr -- "${docs_follow[@]}" &&
        cargo test --locked -p server &&
        cargo check --locked -p frontend --target wasm32-unknown-unknown); then
        say "$name: FAILED — its tests fail"
        failed+=("$name (tests fail)")
        continue
    fi
    specs=()
    while read -r file; do
        [[ -f "$project/$file" ]] && specs+=("${file#end2end/}")
    done < <(git apply --numstat "$root/$patch" | cut -f3 | grep '^end2end/tests/.*\.spec\.ts$' || true)
    if ((${#specs[@]})) && ! browser_specs "$project" "${specs[@]}"; then
        say "$name: FAILED — its browser specs fail (${specs[*]})"
        failed+=("$name (browser specs fail)")
        continue
    fi
    say "$name: passed in $((SECONDS - started)) s${specs[*]:+, with ${specs[*]}}"
done

if ((${#failed[@]})); then
    say "${#failed[@]} of ${#patches[@]} failed:"
    printf '  %s\n' "${failed[@]}"
    exit 1
fi
say "all ${#patches[@]} solutions pass"
