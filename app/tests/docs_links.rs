//! The documentation points at real things: every relative link in the
//! READMEs and `docs/` leads to a file that exists, every link to a line
//! leads to the definition it names, and every row of the lecture map names
//! a page the shop serves, and code and tests whose names appear in the
//! files it links.
//!
//! **Links to a line.** A link whose target ends in `#L<n>` (or `#L<n>-L<m>`)
//! must name, as its text, the item defined on line `n`:
//! `` [`set_lasting`](../app/src/cookies/mod.rs#L76) ``; `make docs`
//! rewrites the numbers when the code has moved. What counts as the
//! definition is explained in [`line_links`](docs_links/line_links.rs),
//! which `make docs` shares.

#[path = "docs_links/line_links.rs"]
mod line_links;

use std::fs;

use line_links::{defines, definition, documents, item_path, links, repository, LineTarget};

/// The name a line link's text stands for: the last segment of its path.
fn named_item(text: &str) -> Option<&str> {
    item_path(text)?.last().copied()
}

#[test]
fn every_relative_link_leads_to_a_file() {
    let mut broken = Vec::new();
    for document in documents() {
        for link in links(&document.text) {
            let file = link.target.split('#').next().unwrap_or_default();
            if file.is_empty() || file.contains("://") || file.starts_with("mailto:") {
                continue;
            }
            if !document.folder.join(file).exists() {
                broken.push(format!("{}: {}", document.shown(), link.target));
            }
        }
    }
    assert!(
        broken.is_empty(),
        "links to missing files:\n{}",
        broken.join("\n")
    );
}

/// What is wrong with a link to a line of `source`, if anything.
fn line_link_problem(source: &str, path: &[&str], target: &LineTarget) -> Option<String> {
    let name = path.last().expect("a path has a name");
    match definition(source, path) {
        Ok(line) if line == target.line => None,
        Ok(line) => Some(format!(
            "`{name}` is defined on line {line}, not {}: run `make docs`, which re-pins \
             every line link (this one to {})",
            target.line,
            target.pinned_to(line)
        )),
        Err(problem) => Some(problem),
    }
}

#[test]
fn every_link_to_a_line_leads_to_the_definition_it_names() {
    let mut problems = Vec::new();
    let mut checked = 0;
    for document in documents() {
        for link in links(&document.text) {
            let Some(target) = LineTarget::parse(link.target) else {
                continue;
            };
            let problem = |what: String| {
                let line = document.line_of(link.at);
                let shown = document.shown();
                format!("{shown}:{line}: [{}]({}): {what}", link.text, link.target)
            };
            let target = match target {
                Ok(target) => target,
                Err(not_a_line) => {
                    problems.push(problem(not_a_line));
                    continue;
                }
            };
            let Some(path) = item_path(link.text) else {
                problems.push(problem(
                    "the link text must be the name defined there".to_owned(),
                ));
                continue;
            };
            let Ok(source) = fs::read_to_string(document.folder.join(target.file)) else {
                problems.push(problem("no such file".to_owned()));
                continue;
            };
            checked += 1;
            problems.extend(line_link_problem(&source, &path, &target).map(problem));
        }
    }
    assert!(checked > 0, "some document links to a line");
    assert!(
        problems.is_empty(),
        "links to lines that do not define what they name:\n{}",
        problems.join("\n")
    );
}

#[test]
fn a_definition_is_told_from_a_mention() {
    assert!(defines(
        "pub fn set_lasting(&self, value: &V) {",
        "set_lasting"
    ));
    assert!(defines(
        "pub const USERNAME: ShopCookie<String> = …",
        "USERNAME"
    ));
    assert!(defines(
        "impl<V: CookieValue> CookieSpec<V> {",
        "CookieSpec"
    ));
    assert!(defines(
        "function setCookie(cname, cvalue, exdays) {",
        "setCookie"
    ));
    assert!(!defines(
        "    let line = set_cookie_line(&info);",
        "set_cookie_line"
    ));
    assert!(!defines("use crate::shop_cookies::USERNAME;", "USERNAME"));
    assert!(!defines("fn set_lasting_for(&self) {", "set_lasting"));
    assert_eq!(named_item("`CookieSpec::set_lasting`"), Some("set_lasting"));
    assert_eq!(named_item("`USERNAME.get()`"), Some("get"));
    assert_eq!(named_item("the code"), None);
}

#[test]
fn a_name_defined_twice_is_told_apart_by_the_item_it_sits_in() {
    let source = "\
pub struct Basket {
    items: Vec<String>,
}

impl Basket {
    pub fn new() -> Self {
        Basket { items: Vec::new() }
    }
}

mod server {
    pub fn write(line: &str) {}
}

mod browser {
    pub fn write(line: &str) {}
}
";
    // The struct, not its `impl`.
    assert_eq!(definition(source, &["Basket"]), Ok(1));
    assert_eq!(definition(source, &["Basket", "new"]), Ok(6));
    assert_eq!(definition(source, &["server", "write"]), Ok(12));
    assert_eq!(definition(source, &["browser", "write"]), Ok(16));
    let twice = definition(source, &["write"]).unwrap_err();
    assert!(twice.contains("defined on lines 12, 16"), "{twice}");
    let missing = definition(source, &["read"]).unwrap_err();
    assert!(
        missing.contains("nothing in the file defines `read`"),
        "{missing}"
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
        for link in links(page) {
            let path = link.target.trim_start_matches("http://127.0.0.1:3000");
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
