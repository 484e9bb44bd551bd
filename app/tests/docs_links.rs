//! The documentation points at real things: every relative link in the
//! READMEs and `docs/` leads to a file that exists, every link to a line
//! leads to the definition it names, every Rust or JavaScript block says
//! what it shows, and every row of the lecture map names a page the shop
//! serves, and code and tests whose names appear in the files it links.
//!
//! **Links to a line.** A link whose target ends in `#L<n>` (or `#L<n>-L<m>`)
//! must name, as its text, the item defined on line `n`:
//! `` [`set_lasting`](../app/src/cookies/mod.rs#L76) ``; `make docs`
//! rewrites the numbers when the code has moved. What counts as the
//! definition is explained in [`line_links`](docs_links/line_links.rs),
//! which `make docs` shares.
//!
//! **Code blocks.** The line just above every ```` ```rust ````, `rs`,
//! `js`, `javascript`, `ts` or `typescript` block says what it shows:
//!
//! * `<!-- quote: PATH SYMBOL -->`: the code of the file `PATH` (from the
//!   repository's root) that defines `SYMBOL`. Its lines must be in that
//!   file, in order and one after another, whitespace and blank lines
//!   aside; a line `…` or `// …` stands for lines left out.
//! * `<!-- lecture -->`: the lecture's own code, whose lines must be those
//!   of the project's copy of the lecture, `docs/lecture.md`, in order
//!   (`…` for lines left out).
//! * `<!-- illustration -->`: an example, not the shop's code.
//!
//! **In a project started from this one** (no `cargo-generate.toml`), a
//! link or a quote only has to name something its file still defines: line
//! numbers and quoted lines are not checked, so a change to the code never
//! fails this test. Here, in the template, everything is.

#[path = "docs_links/line_links.rs"]
mod line_links;

use std::fs;

use line_links::{
    defines, definition, documents, item_path, links, repository, Document, LineTarget,
};

/// The name a line link's text stands for: the last segment of its path.
fn named_item(text: &str) -> Option<&str> {
    item_path(text)?.last().copied()
}

/// The template checks line numbers and quotes; a project started from it
/// does not (see above).
fn is_the_template() -> bool {
    repository().join("cargo-generate.toml").exists()
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
    if !is_the_template() {
        let defined = source.lines().any(|line| defines(line, name));
        return (!defined).then(|| format!("nothing in the file defines `{name}` any more"));
    }
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

/// What a code block shows, as the line above its fence says.
#[derive(Debug, PartialEq)]
enum Marker<'a> {
    Quote { path: &'a str, symbol: &'a str },
    Lecture,
    Illustration,
}

fn marker(line: &str) -> Option<Marker<'_>> {
    let comment = line
        .trim()
        .strip_prefix("<!--")?
        .strip_suffix("-->")?
        .trim();
    match comment {
        "lecture" => Some(Marker::Lecture),
        "illustration" => Some(Marker::Illustration),
        _ => {
            let quote = comment.strip_prefix("quote:")?;
            let [path, symbol] = quote.split_whitespace().collect::<Vec<_>>()[..] else {
                return None;
            };
            Some(Marker::Quote { path, symbol })
        }
    }
}

/// A fenced code block of a document.
struct CodeBlock<'a> {
    language: &'a str,
    /// The line number of its opening fence.
    fence: usize,
    /// The line just above the fence.
    above: &'a str,
    /// Its lines, each with its line number.
    lines: Vec<(usize, &'a str)>,
}

fn code_blocks(markdown: &str) -> Vec<CodeBlock<'_>> {
    let lines: Vec<&str> = markdown.lines().collect();
    let mut blocks = Vec::new();
    let mut open: Option<CodeBlock> = None;
    for (at, line) in lines.iter().enumerate() {
        let fence = line.trim_start().strip_prefix("```");
        match (fence, &mut open) {
            (None, Some(block)) => block.lines.push((at + 1, line)),
            (None, None) => {}
            (Some(_), Some(_)) => blocks.extend(open.take()),
            (Some(info), None) => {
                open = Some(CodeBlock {
                    language: info.split_whitespace().next().unwrap_or_default(),
                    fence: at + 1,
                    above: if at > 0 { lines[at - 1] } else { "" },
                    lines: Vec::new(),
                });
            }
        }
    }
    blocks
}

/// A line of a quote as compared with the code: without its whitespace.
fn squeezed(line: &str) -> String {
    line.split_whitespace().collect()
}

/// Whether a line of a quote stands for lines left out: `…` or `// …`.
fn is_gap(line: &str) -> bool {
    let line = line.trim();
    line.starts_with('…') || line.starts_with("// …")
}

/// The first line of `quote` (with its line number) that is not in
/// `source` where the quote needs it; `None` when the whole quote is there.
fn missing_line<'a>(quote: &[(usize, &'a str)], source: &str) -> Option<(usize, &'a str)> {
    let source: Vec<String> = source
        .lines()
        .map(squeezed)
        .filter(|line| !line.is_empty())
        .collect();
    let mut from = 0;
    for piece in quote.split(|(_, line)| is_gap(line)) {
        let piece: Vec<(usize, &str)> = piece
            .iter()
            .filter(|(_, line)| !line.trim().is_empty())
            .copied()
            .collect();
        if piece.is_empty() {
            continue;
        }
        let wanted: Vec<String> = piece.iter().map(|(_, line)| squeezed(line)).collect();
        let matching_from = |start: usize| {
            let pairs = wanted.iter().zip(&source[start..]);
            pairs.take_while(|(wanted, line)| wanted == line).count()
        };
        // The place where most of the piece matches tells which line is missing.
        let mut most = 0;
        match (from..source.len()).find(|&start| {
            let matching = matching_from(start);
            most = most.max(matching);
            matching == wanted.len()
        }) {
            Some(start) => from = start + wanted.len(),
            None => return Some(piece[most]),
        }
    }
    None
}

#[test]
fn a_quote_with_lines_left_out_is_found_in_order() {
    let source = "fn find() {\n    first();\n    second();\n    third();\n}\n";
    let quote = [
        (1, "fn find() {"),
        (2, "    // …"),
        (3, "  third();"),
        (4, "}"),
    ];
    assert_eq!(missing_line(&quote, source), None);
    let out_of_order = [(1, "third();"), (2, "…"), (3, "first();")];
    assert_eq!(missing_line(&out_of_order, source), Some((3, "first();")));
    let changed = [(1, "first();"), (2, "second(x);")];
    assert_eq!(missing_line(&changed, source), Some((2, "second(x);")));
    assert_eq!(
        marker("<!-- quote: app/src/lib.rs SHOP_NAME -->"),
        Some(Marker::Quote {
            path: "app/src/lib.rs",
            symbol: "SHOP_NAME"
        })
    );
    assert_eq!(marker("<!-- quote: app/src/lib.rs -->"), None);
}

/// What is wrong with a block marked as a quote of `path`, if anything.
fn quote_problem(block: &CodeBlock, path: &str, symbol: &str) -> Option<String> {
    let Ok(source) = fs::read_to_string(repository().join(path)) else {
        return Some(format!("{path} does not exist"));
    };
    let Some(name) = named_item(symbol) else {
        return Some(format!("`{symbol}` is not the name of an item"));
    };
    if !source.lines().any(|line| defines(line, name)) {
        return Some(format!("nothing in {path} defines `{name}`"));
    }
    if !is_the_template() {
        return None;
    }
    let (line, text) = missing_line(&block.lines, &source)?;
    Some(format!(
        "the quote's line {line}, `{}`, is not in {path} where the quote needs it: \
         quote the code as it is now, or mark the block <!-- illustration --> if it \
         only explains",
        text.trim()
    ))
}

#[test]
fn every_rust_or_javascript_block_says_what_it_shows() {
    let languages = ["rust", "rs", "js", "javascript", "ts", "typescript"];
    let mut problems = Vec::new();
    let mut quotes = 0;
    for document in documents() {
        let shown = document.shown();
        let blocks = code_blocks(&document.text);
        for block in &blocks {
            let place = format!("{shown}:{}", block.fence);
            match marker(block.above) {
                Some(Marker::Quote { path, symbol }) => {
                    quotes += 1;
                    let problem = quote_problem(block, path, symbol);
                    problems.extend(problem.map(|problem| format!("{place}: {problem}")));
                }
                Some(Marker::Lecture) => {
                    let problem = misquoted_lecture(block);
                    problems.extend(problem.map(|problem| format!("{place}: {problem}")));
                }
                Some(Marker::Illustration) => {}
                None if languages.contains(&block.language) => problems.push(format!(
                    "{place}: no marker on the line above the block; write one of \
                     <!-- quote: PATH SYMBOL -->, <!-- lecture --> or <!-- illustration -->"
                )),
                None => {}
            }
        }
        problems.extend(stray_markers(&document, &blocks));
    }
    assert!(
        problems.is_empty(),
        "code blocks that do not say what they show, or misquote it:\n{}",
        problems.join("\n")
    );
    assert!(quotes > 0, "some document quotes the code");
}

/// The project's copy of the lecture, the only source of what the docs
/// call the lecture's code.
fn the_lecture() -> String {
    fs::read_to_string(repository().join("docs/lecture.md")).expect("docs/lecture.md")
}

/// What is wrong with a block marked as the lecture's code, if anything:
/// its lines must be the lecture's, in order (`…` for lines left out).
fn misquoted_lecture(block: &CodeBlock) -> Option<String> {
    let (line, text) = missing_line(&block.lines, &the_lecture())?;
    Some(format!(
        "the block's line {line}, `{}`, is not the lecture's (docs/lecture.md): quote the \
         lecture exactly, or mark the block <!-- illustration -->",
        text.trim()
    ))
}

/// Lines of the lecture's JavaScript that `public/lecture.js` changes, each
/// listed (with its reason) in that file's header.
const LECTURE_JS_CHANGES: [&str; 2] = [
    // (2) Consent is asked on the page, never with alert().
    "alert('I accept that this site will set cookies')",
    // (3) The basket cookie's name comes from the page (`__Host-` over HTTPS).
    "setCookie('basket', shopping, 1);",
];

#[test]
fn the_lecture_script_keeps_the_lectures_javascript_as_written() {
    let script = fs::read_to_string(repository().join("public/lecture.js")).expect("lecture.js");
    let script: Vec<String> = script.lines().map(squeezed).collect();
    let lecture = the_lecture();
    let javascript = code_blocks(&lecture).into_iter().filter(|block| {
        block
            .lines
            .iter()
            .any(|(_, line)| line.contains("function"))
    });
    let mut missing = Vec::new();
    for (_, line) in javascript.flat_map(|block| block.lines) {
        let line = squeezed(line);
        let html = line.starts_with("<script>") || line.starts_with("</script>");
        let changed = LECTURE_JS_CHANGES
            .iter()
            .any(|changed| squeezed(changed) == line);
        if line.is_empty() || html || changed || script.contains(&line) {
            continue;
        }
        missing.push(line);
    }
    assert!(
        missing.is_empty(),
        "public/lecture.js does not carry these lines of the lecture as written; keep them, or \
         list the change in its header and in LECTURE_JS_CHANGES:\n{}",
        missing.join("\n")
    );
}

/// Markers that are not just above a code block.
fn stray_markers(document: &Document, blocks: &[CodeBlock]) -> Vec<String> {
    let fences: Vec<usize> = blocks.iter().map(|block| block.fence).collect();
    let lines = document.text.lines().enumerate();
    lines
        .filter(|(at, line)| marker(line).is_some() && !fences.contains(&(at + 2)))
        .map(|(at, _)| {
            let shown = document.shown();
            format!(
                "{shown}:{}: a marker must sit just above a code block",
                at + 1
            )
        })
        .collect()
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
