//! The documentation points at real things: every relative link in the
//! README and `docs/` leads to a file that exists, and every row of the
//! lecture map names a page the shop serves, and code and tests whose names
//! appear in the files it links.

use std::fs;
use std::path::{Path, PathBuf};

fn repository() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("..")
}

/// `(text, target)` of every Markdown link `[text](target)` in `markdown`.
fn links(markdown: &str) -> Vec<(&str, &str)> {
    let mut found = Vec::new();
    let mut rest = markdown;
    while let Some(start) = rest.find("](") {
        let text_start = rest[..start].rfind('[').map_or(start, |open| open + 1);
        let after = &rest[start + 2..];
        let Some(end) = after.find(')') else { break };
        found.push((&rest[text_start..start], &after[..end]));
        rest = &after[end..];
    }
    found
}

/// The documents whose links are checked.
fn documents() -> Vec<PathBuf> {
    let mut documents = vec![repository().join("README.md")];
    for entry in fs::read_dir(repository().join("docs")).expect("a docs folder") {
        let path = entry.expect("a readable entry").path();
        if path.extension().is_some_and(|extension| extension == "md") {
            documents.push(path);
        }
    }
    documents
}

#[test]
fn every_relative_link_leads_to_a_file() {
    let mut broken = Vec::new();
    for document in documents() {
        let text = fs::read_to_string(&document).expect("a readable document");
        for (_, target) in links(&text) {
            let file = target.split('#').next().unwrap_or_default();
            if file.is_empty() || file.contains("://") || file.starts_with("mailto:") {
                continue;
            }
            let folder = document.parent().expect("documents sit in a folder");
            if !folder.join(file).exists() {
                let name = document.strip_prefix(repository()).unwrap_or(&document);
                broken.push(format!("{}: {target}", name.display()));
            }
        }
    }
    assert!(
        broken.is_empty(),
        "links to missing files:\n{}",
        broken.join("\n")
    );
}

/// The cells of the lecture map's table rows (header and rule excluded).
fn lecture_map_rows(map: &str) -> Vec<Vec<&str>> {
    map.lines()
        .filter(|line| line.starts_with('|'))
        .skip(2)
        .map(|line| line.trim_matches('|').split(" | ").map(str::trim).collect())
        .collect()
}

/// Each linked file in a cell, with the backticked names that follow its
/// link up to the next link.
fn files_and_names(cell: &str) -> Vec<(String, Vec<String>)> {
    let mut parts = Vec::new();
    for piece in cell.split('[').skip(1) {
        let Some((_, rest)) = piece.split_once("](") else {
            continue;
        };
        let Some((target, names)) = rest.split_once(')') else {
            continue;
        };
        let names = names
            .split('`')
            .skip(1)
            .step_by(2)
            .map(str::to_owned)
            .collect();
        parts.push((target.to_owned(), names));
    }
    parts
}

/// Whether `name` occurs in `text` as a whole word: `find` must not count
/// as found inside `find_all`.
fn mentions(text: &str, name: &str) -> bool {
    let is_word = |c: char| c.is_alphanumeric() || c == '_';
    text.match_indices(name).any(|(at, _)| {
        let before = text[..at].chars().next_back();
        let after = text[at + name.len()..].chars().next();
        !before.is_some_and(is_word) && !after.is_some_and(is_word)
    })
}

#[test]
fn every_lecture_point_has_a_page_code_and_a_test_that_exist() {
    let docs = repository().join("docs");
    let map = fs::read_to_string(docs.join("lecture-map.md")).expect("the lecture map");
    let routes = fs::read_to_string(repository().join("app/src/lib.rs")).expect("the routes");
    let rows = lecture_map_rows(&map);
    assert!(rows.len() >= 12, "the map lists every lecture point");

    let mut problems = Vec::new();
    for row in rows {
        let [point, page, code, test] = row[..] else {
            problems.push(format!("not four columns: {row:?}"));
            continue;
        };
        for (_, target) in links(page) {
            let path = target.trim_start_matches("http://127.0.0.1:3000");
            if !routes.contains(&format!("path!(\"{path}\")")) {
                problems.push(format!("{point}: no route {path}"));
            }
        }
        for (column, cell) in [("code", code), ("test", test)] {
            let linked = files_and_names(cell);
            if linked.is_empty() {
                problems.push(format!("{point}: no {column} linked"));
            }
            for (target, names) in linked {
                let Ok(text) = fs::read_to_string(docs.join(&target)) else {
                    problems.push(format!("{point}: {target} does not exist"));
                    continue;
                };
                for name in names {
                    if !mentions(&text, &name) {
                        problems.push(format!("{point}: `{name}` is not in {target}"));
                    }
                }
            }
        }
        if links(page).is_empty() && !page.contains('`') {
            problems.push(format!("{point}: no page"));
        }
    }
    assert!(
        problems.is_empty(),
        "the lecture map is out of date:\n{}",
        problems.join("\n")
    );
}
