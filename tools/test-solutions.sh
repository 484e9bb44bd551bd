#!/usr/bin/env bash
# Checks every exercise's solution (solutions/NN-name.patch, see
# docs/exercises.md): starts a fresh project from this checkout the way a
# student does (`cargo leptos new`), applies the patch with `git apply`,
# runs the project's unit and in-process HTTP tests and compiles its browser
# build. Browser specs a solution adds run with `make test-browser` in a
# project that has it applied. `make test-solutions`; not part of `make
# test`, since each solution compiles the project again.
#
#   tools/test-solutions.sh            every solution
#   tools/test-solutions.sh 03 08      only these
#
# A patch carries its own Cargo.lock changes (a solution that adds a crate),
# so the tests run with --locked. Builds share CARGO_TARGET_DIR (default
# target/generated-projects, as tools/template-test.sh), so each solution
# compiles only the project's own crates again; run one of the two at a time.
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
    if (cd "$project" && cargo test --locked -p app --features ssr -- "${docs_follow[@]}" &&
        cargo test --locked -p server &&
        cargo check --locked -p frontend --target wasm32-unknown-unknown); then
        say "$name: passed in $((SECONDS - started)) s"
    else
        say "$name: FAILED — its tests fail"
        failed+=("$name (tests fail)")
    fi
done

if ((${#failed[@]})); then
    say "${#failed[@]} of ${#patches[@]} failed:"
    printf '  %s\n' "${failed[@]}"
    exit 1
fi
say "all ${#patches[@]} solutions pass"
