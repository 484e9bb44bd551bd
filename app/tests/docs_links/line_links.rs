//! Links to a line of code: which documents have them, where they are, and
//! which line defines the name a link shows. The docs test
//! (`app/tests/docs_links.rs`) checks the links with these rules, and
//! `make docs` (`app/examples/repin_docs.rs`) rewrites their line numbers
//! with the same rules.
//!
//! A link `` [`set_lasting`](../app/src/cookies/mod.rs#L76) `` names, as its
//! text, the item defined on its line: the text, backticks and a trailing
//! `()` removed, is a path whose last segment is the name
//! (`` `CookieSpec::set_lasting` `` names `set_lasting`). A line defines a
//! name after `fn`, `const`, `static`, `struct`, `enum`, `trait`, `type`,
//! `mod` or JavaScript's `function`; an `impl` line that names it counts only
//! when no line of the file defines it so. When the file defines the name
//! twice, the segment before it says which: `server::write` is the `write`
//! inside `mod server`.

use std::fs;
use std::path::{Path, PathBuf};

pub fn repository() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("..")
}

/// A document whose links are checked.
pub struct Document {
    pub path: PathBuf,
    /// Where its relative links start from.
    pub folder: PathBuf,
    pub text: String,
}

impl Document {
    fn read(path: PathBuf, folder: PathBuf) -> Document {
        let text = fs::read_to_string(&path).expect("a readable document");
        Document { path, folder, text }
    }

    /// Its path from the repository's root, for messages.
    pub fn shown(&self) -> String {
        let shown = self.path.strip_prefix(repository()).unwrap_or(&self.path);
        shown.display().to_string()
    }

    /// The line number of the byte at `offset`.
    pub fn line_of(&self, offset: usize) -> usize {
        self.text[..offset].matches('\n').count() + 1
    }
}

/// The README, the template's README (the README of a project started from
/// this one, so its links start from the root) and everything in `docs/`.
pub fn documents() -> Vec<Document> {
    let root = repository();
    let mut documents = vec![Document::read(root.join("README.md"), root.clone())];
    let template_readme = root.join("template/README.md");
    if template_readme.exists() {
        documents.push(Document::read(template_readme, root.clone()));
    }
    let mut in_docs: Vec<PathBuf> = fs::read_dir(root.join("docs"))
        .expect("a docs folder")
        .map(|entry| entry.expect("a readable entry").path())
        .filter(|path| path.extension().is_some_and(|extension| extension == "md"))
        .collect();
    in_docs.sort();
    for path in in_docs {
        documents.push(Document::read(path, root.join("docs")));
    }
    documents
}

/// A Markdown link `[text](target)`; `at` is where its target starts.
pub struct Link<'a> {
    pub text: &'a str,
    pub target: &'a str,
    pub at: usize,
}

/// Every Markdown link in `markdown`.
pub fn links(markdown: &str) -> Vec<Link<'_>> {
    let mut found = Vec::new();
    let mut searched = 0;
    while let Some(found_at) = markdown[searched..].find("](") {
        let start = searched + found_at;
        let text_start = markdown[searched..start]
            .rfind('[')
            .map_or(start, |open| searched + open + 1);
        let at = start + 2;
        let Some(length) = markdown[at..].find(')') else {
            break;
        };
        found.push(Link {
            text: &markdown[text_start..start],
            target: &markdown[at..at + length],
            at,
        });
        searched = at + length;
    }
    found
}

/// A link's target split at `#L`: the file, the first line and how many
/// more lines its range (`#L10-L14`) covers.
pub struct LineTarget<'a> {
    pub file: &'a str,
    pub line: usize,
    pub more_lines: usize,
}

impl LineTarget<'_> {
    /// `None` when the target has no `#L`; an error when what follows is
    /// not a line number or a range.
    pub fn parse(target: &str) -> Option<Result<LineTarget<'_>, String>> {
        let (file, anchor) = target.split_once("#L")?;
        let (first, last) = match anchor.split_once("-L") {
            Some((first, last)) => (first, Some(last)),
            None => (anchor, None),
        };
        let Ok(line) = first.parse::<usize>() else {
            return Some(Err("not a line number".to_owned()));
        };
        let last = match last.map(str::parse::<usize>) {
            None => line,
            Some(Ok(last)) if last >= line => last,
            Some(_) => return Some(Err("not a range of lines".to_owned())),
        };
        let more_lines = last - line;
        Some(Ok(LineTarget {
            file,
            line,
            more_lines,
        }))
    }

    /// The target pinned to `line`, its range as long as before.
    pub fn pinned_to(&self, line: usize) -> String {
        match self.more_lines {
            0 => format!("{}#L{line}", self.file),
            more => format!("{}#L{line}-L{}", self.file, line + more),
        }
    }
}

/// The path a line link's text stands for, split at `::` and `.`:
/// backticks and a trailing `()` removed; `None` when the text is not a
/// plain path of identifiers.
pub fn item_path(text: &str) -> Option<Vec<&str>> {
    let text = text.trim().trim_matches('`');
    let text = text.strip_suffix("()").unwrap_or(text);
    let is_path = text
        .chars()
        .all(|c| c.is_alphanumeric() || matches!(c, '_' | ':' | '.'));
    let segments: Vec<&str> = text.split(['.', ':']).filter(|s| !s.is_empty()).collect();
    (is_path && !segments.is_empty()).then_some(segments)
}

fn words(line: &str) -> Vec<&str> {
    line.split(|c: char| !(c.is_alphanumeric() || c == '_'))
        .filter(|word| !word.is_empty())
        .collect()
}

/// Whether `line` defines `name` after a keyword: `fn name`, `struct name`…
fn defines_by_keyword(line: &str, name: &str) -> bool {
    let keywords = [
        "fn", "const", "static", "struct", "enum", "trait", "type", "mod", "function",
    ];
    words(line)
        .windows(2)
        .any(|pair| keywords.contains(&pair[0]) && pair[1] == name)
}

/// Whether `line` (one line of source) defines `name`, rather than only
/// mentioning it: after a keyword, or an `impl` line that names it.
pub fn defines(line: &str, name: &str) -> bool {
    let an_impl = line.trim_start().starts_with("impl") && words(line).contains(&name);
    defines_by_keyword(line, name) || an_impl
}

fn indent(line: &str) -> usize {
    line.len() - line.trim_start().len()
}

/// The index of the last line of the item that starts on line `start`
/// (counted from 0): rustfmt closes an item on a line indented as its first,
/// with a `}` (or a `;`, for a `const` or a `struct` without a body).
fn item_end(lines: &[&str], start: usize) -> usize {
    let first = lines[start].trim_end();
    if first.ends_with(';') || first.ends_with('}') {
        return start;
    }
    let closes = |line: &&str| {
        let text = line.trim();
        !text.is_empty()
            && indent(line) <= indent(lines[start])
            && (text.starts_with('}') || text.ends_with(';'))
    };
    lines[start + 1..]
        .iter()
        .position(closes)
        .map_or(lines.len() - 1, |after| start + 1 + after)
}

/// The line (counted from 1) of `source` that defines the item the link
/// text `path` names, or why there is none.
pub fn definition(source: &str, path: &[&str]) -> Result<usize, String> {
    let name = *path.last().expect("a path has a name");
    let lines: Vec<&str> = source.lines().collect();
    let lines_that = |rule: fn(&str, &str) -> bool, name: &str| -> Vec<usize> {
        (0..lines.len())
            .filter(|&at| rule(lines[at], name))
            .collect()
    };
    let mut found = lines_that(defines_by_keyword, name);
    if found.is_empty() {
        found = lines_that(defines, name);
    }
    if found.len() > 1 && path.len() > 1 {
        // Those inside an item that the segment before the name defines.
        let outer = lines_that(defines, path[path.len() - 2]);
        let in_outer = |&at: &usize| {
            let contains = |&start: &usize| start < at && at <= item_end(&lines, start);
            outer.iter().any(contains)
        };
        let inside: Vec<usize> = found.iter().copied().filter(in_outer).collect();
        if !inside.is_empty() {
            found = inside;
        }
    }
    match found[..] {
        [at] => Ok(at + 1),
        [] => Err(format!(
            "nothing in the file defines `{name}`: link the file that does"
        )),
        _ => {
            let numbers: Vec<String> = found.iter().map(|at| (at + 1).to_string()).collect();
            Err(format!(
                "`{name}` is defined on lines {}: name the one you mean with the item it \
                 sits in, as `Outer::{name}` for the one inside `mod Outer` or `impl Outer`",
                numbers.join(", ")
            ))
        }
    }
}
