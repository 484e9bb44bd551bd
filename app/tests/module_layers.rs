//! The app's modules form layers without a circle: the cookie mechanism
//! imports nothing of the shop; the values kept in cookies import only the
//! mechanism; the shop's declarations only those two; and no module, of
//! the app or of the server, is reached again by following its own imports.

use std::collections::{BTreeMap, BTreeSet};
use std::fs;
use std::path::Path;

/// Each top-level module of `app/src` and the top-level modules it names
/// through `crate::…` (comments left out).
fn imports() -> BTreeMap<String, BTreeSet<String>> {
    imports_in("app")
}

/// The same for the crate in the repository's folder `krate`.
fn imports_in(krate: &str) -> BTreeMap<String, BTreeSet<String>> {
    let source = Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("..")
        .join(krate)
        .join("src");
    let mut graph = BTreeMap::new();
    for entry in fs::read_dir(&source).expect("the crate's src is readable") {
        let path = entry.unwrap().path();
        let module = path.file_stem().unwrap().to_string_lossy().into_owned();
        if module == "lib" || module == "main" {
            continue;
        }
        let mut named = BTreeSet::new();
        for file in rust_files(&path) {
            let text = fs::read_to_string(&file).unwrap();
            for line in text
                .lines()
                .filter(|line| !line.trim_start().starts_with("//"))
            {
                for (_, rest) in line
                    .match_indices("crate::")
                    .map(|(at, _)| line.split_at(at + 7))
                {
                    let name: String = rest
                        .chars()
                        .take_while(|c| c.is_ascii_alphanumeric() || *c == '_')
                        .collect();
                    // `crate::SHOP_NAME` and other items of the crate root are not modules.
                    if name.chars().next().is_some_and(|c| c.is_ascii_lowercase()) && name != module
                    {
                        named.insert(name);
                    }
                }
            }
        }
        graph.insert(module, named);
    }
    graph
}

/// `path` itself when it is a file, else every `.rs` file below it.
fn rust_files(path: &Path) -> Vec<std::path::PathBuf> {
    if path.is_file() {
        return vec![path.to_owned()];
    }
    let mut files = Vec::new();
    for entry in fs::read_dir(path).unwrap() {
        files.extend(rust_files(&entry.unwrap().path()));
    }
    files
}

fn assert_imports_only(graph: &BTreeMap<String, BTreeSet<String>>, module: &str, allowed: &[&str]) {
    let named = &graph[module];
    let foreign: Vec<_> = named
        .iter()
        .filter(|name| !allowed.contains(&name.as_str()))
        .collect();
    assert!(
        foreign.is_empty(),
        "{module} imports {foreign:?}; it may import only {allowed:?}"
    );
}

#[test]
fn the_cookie_mechanism_knows_nothing_of_the_shop() {
    assert_imports_only(&imports(), "cookies", &[]);
}

#[test]
fn cookie_values_import_only_the_mechanism() {
    let graph = imports();
    assert_imports_only(&graph, "short_text", &[]);
    for value in ["basket", "consent", "flash", "shopper"] {
        assert_imports_only(&graph, value, &["cookies", "short_text"]);
    }
}

#[test]
fn the_shops_declarations_sit_on_the_mechanism_and_the_values() {
    assert_imports_only(
        &imports(),
        "shop_cookies",
        &["cookies", "basket", "consent", "flash"],
    );
}

#[test]
fn no_module_imports_itself_through_others() {
    assert_no_circle(&imports());
}

#[test]
fn no_server_module_imports_itself_through_others() {
    assert_no_circle(&imports_in("server"));
}

fn assert_no_circle(graph: &BTreeMap<String, BTreeSet<String>>) {
    for start in graph.keys() {
        // Every module reachable from `start`; reaching `start` is a circle.
        let mut seen = BTreeSet::new();
        let mut path: Vec<&str> = Vec::new();
        let mut stack: Vec<(&str, usize)> = vec![(start.as_str(), 0)];
        while let Some((module, depth)) = stack.pop() {
            path.truncate(depth);
            path.push(module);
            for next in graph.get(module).into_iter().flatten() {
                assert_ne!(
                    next,
                    start,
                    "import circle: {} -> {next}",
                    path.join(" -> ")
                );
                if seen.insert(next.as_str()) {
                    stack.push((next.as_str(), depth + 1));
                }
            }
        }
    }
}
