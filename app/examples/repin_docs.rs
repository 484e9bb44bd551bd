//! `make docs`: re-pins every link to a line of code in the README, the
//! template's README and `docs/` to the line that now defines the name the
//! link shows, keeping the length of a range (`#L10-L14`). Lists the links
//! it cannot pin (the name is not defined in that file, or defined twice)
//! and then fails.

// The rules live with the docs test, so what this writes is what it checks.
#[path = "../tests/docs_links/line_links.rs"]
mod line_links;

use std::process::ExitCode;

use line_links::{definition, documents, item_path, links, LineTarget};

fn main() -> ExitCode {
    let mut problems = Vec::new();
    for document in documents() {
        let mut rewrites = Vec::new();
        for link in links(&document.text) {
            let Some(target) = LineTarget::parse(link.target) else {
                continue;
            };
            let place = format!(
                "{}:{}: [{}]({})",
                document.shown(),
                document.line_of(link.at),
                link.text,
                link.target
            );
            let pinned = target.and_then(|target| {
                let path = item_path(link.text)
                    .ok_or("the link text must be the name of what it links to")?;
                let source = std::fs::read_to_string(document.folder.join(target.file))
                    .map_err(|error| format!("cannot read {}: {error}", target.file))?;
                let line = definition(&source, &path)?;
                Ok((line != target.line).then(|| target.pinned_to(line)))
            });
            match pinned {
                Ok(None) => {}
                Ok(Some(pinned)) => {
                    println!("{place} -> {pinned}");
                    rewrites.push((link.at..link.at + link.target.len(), pinned));
                }
                Err(problem) => problems.push(format!("{place}: {problem}")),
            }
        }
        if rewrites.is_empty() {
            continue;
        }
        let mut text = document.text.clone();
        // Back to front, so that each rewrite leaves the offsets before it alone.
        for (target, pinned) in rewrites.into_iter().rev() {
            text.replace_range(target, &pinned);
        }
        std::fs::write(&document.path, text).expect("a writable document");
    }
    if problems.is_empty() {
        return ExitCode::SUCCESS;
    }
    eprintln!(
        "make docs: cannot pin these links:\n{}",
        problems.join("\n")
    );
    ExitCode::FAILURE
}
