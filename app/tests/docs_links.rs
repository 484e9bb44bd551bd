//! The documentation points at real things: every relative link in the
//! README and `docs/` leads to a file that exists, every link to a line
//! leads to the definition it names, and every row of the lecture map names
//! a page the shop serves, and code and tests whose names appear in the
//! files it links.
//!
//! **Links to a line.** A link whose target ends in `#L<n>` (or `#L<n>-L<m>`)
//! must name, as its text, the item defined on line `n`:
//! `` [`set_lasting`](../app/src/cookies/mod.rs#L74) ``. The text, backticks
//! and a trailing `()` removed, is a path whose last segment is the name
//! (`` `CookieSpec::set_lasting` `` names `set_lasting`, `` `USERNAME.get` ``
//! names `get`). Line `n` itself must define that name — `fn name`,
//! `const NAME`, `static NAME`, `struct`, `enum`, `trait`, `type`, `mod`,
//! an `impl` line that names it, or JavaScript's `function name` — not merely
//! mention it, so a line that has moved fails here instead of pointing a
//! reader at the wrong code. Every document is checked.

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

/// The name a line link's text stands for: backticks and a trailing `()`
/// removed, the last segment after `::` or `.`; `None` when the text is not a
/// plain path of identifiers.
fn named_item(text: &str) -> Option<&str> {
    let text = text.trim().trim_matches('`');
    let text = text.strip_suffix("()").unwrap_or(text);
    let name = text.rsplit(['.', ':']).next()?;
    let is_path = text
        .chars()
        .all(|c| c.is_alphanumeric() || matches!(c, '_' | ':' | '.'));
    (is_path && !name.is_empty()).then_some(name)
}

/// Whether `line` (one line of source) defines `name`, rather than only
/// mentioning it.
fn defines(line: &str, name: &str) -> bool {
    let words: Vec<&str> = line
        .split(|c: char| !(c.is_alphanumeric() || c == '_'))
        .filter(|word| !word.is_empty())
        .collect();
    let keywords = [
        "fn", "const", "static", "struct", "enum", "trait", "type", "mod", "function",
    ];
    let after_keyword = words
        .windows(2)
        .any(|pair| keywords.contains(&pair[0]) && pair[1] == name);
    let an_impl = line.trim_start().starts_with("impl") && words.contains(&name);
    after_keyword || an_impl
}

#[test]
fn every_link_to_a_line_leads_to_the_definition_it_names() {
    let mut problems = Vec::new();
    let mut checked = 0;
    for document in documents() {
        let text = fs::read_to_string(&document).expect("a readable document");
        let shown = document.strip_prefix(repository()).unwrap_or(&document);
        let folder = document.parent().expect("documents sit in a folder");
        for (label, target) in links(&text) {
            let Some((file, anchor)) = target.split_once("#L") else {
                continue;
            };
            let line_number = anchor.split('-').next().unwrap_or_default();
            let problem =
                |what: String| format!("{}: [{label}]({target}): {what}", shown.display());
            let Ok(line_number) = line_number.parse::<usize>() else {
                problems.push(problem("not a line number".to_owned()));
                continue;
            };
            let Some(name) = named_item(label) else {
                problems.push(problem(
                    "the link text must be the name defined there".to_owned(),
                ));
                continue;
            };
            let Ok(source) = fs::read_to_string(folder.join(file)) else {
                problems.push(problem("no such file".to_owned()));
                continue;
            };
            checked += 1;
            match source.lines().nth(line_number.wrapping_sub(1)) {
                Some(line) if defines(line, name) => {}
                Some(line) => problems.push(problem(format!(
                    "line {line_number} does not define `{name}`: {}",
                    line.trim()
                ))),
                None => problems.push(problem(format!("the file has no line {line_number}"))),
            }
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
