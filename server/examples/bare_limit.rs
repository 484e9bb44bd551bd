//! The benchmark's yardstick: a bare axum server that answers each page with
//! bytes recorded from the real shop, straight from memory. Whatever the shop
//! does beyond this (routing through Leptos, reading cookies, rendering,
//! compressing) is what the benchmark's ratio measures.
//!
//! Usage: `bare_limit <address> <folder>`, where the folder holds one
//! recorded response per page — `<name>.head` (`header: value` lines) and
//! `<name>.body` — and `pages.tsv` (`<path>\t<name>` lines). The benchmark
//! (`end2end/bench/`) records them and starts this server.

mod yardstick;

use std::{fs, path::Path, process::ExitCode, sync::Arc};

use axum::{
    body::Bytes,
    http::{HeaderMap, HeaderName, HeaderValue},
    routing::get,
    Router,
};

/// One recorded response: its headers and body, served as they are.
struct Recorded {
    headers: HeaderMap,
    body: Bytes,
}

#[tokio::main]
async fn main() -> ExitCode {
    let args: Vec<String> = std::env::args().collect();
    let [_, address, folder] = args.as_slice() else {
        eprintln!("usage: bare_limit <address> <folder of recorded responses>");
        return ExitCode::FAILURE;
    };
    let router = match recorded_router(Path::new(folder)) {
        Ok(router) => router,
        Err(message) => {
            eprintln!("bare_limit: {message}");
            return ExitCode::FAILURE;
        }
    };
    yardstick::serve("bare_limit", address, router).await
}

/// A router with one route per line of `pages.tsv`.
fn recorded_router(folder: &Path) -> Result<Router, String> {
    let read = |name: &str| {
        fs::read(folder.join(name)).map_err(|error| format!("cannot read {name}: {error}"))
    };
    let pages = String::from_utf8(read("pages.tsv")?).map_err(|error| error.to_string())?;
    let mut router = Router::new();
    for line in pages.lines().filter(|line| !line.is_empty()) {
        let (path, name) = line
            .split_once('\t')
            .ok_or_else(|| format!("pages.tsv: expected `path<TAB>name`, got {line:?}"))?;
        let recorded = Arc::new(Recorded {
            headers: parse_headers(&read(&format!("{name}.head"))?)?,
            body: Bytes::from(read(&format!("{name}.body"))?),
        });
        router = router.route(
            path,
            get(move || {
                let recorded = Arc::clone(&recorded);
                async move { (recorded.headers.clone(), recorded.body.clone()) }
            }),
        );
    }
    Ok(router)
}

/// `name: value` lines, as the benchmark wrote them.
fn parse_headers(text: &[u8]) -> Result<HeaderMap, String> {
    let text = std::str::from_utf8(text).map_err(|error| error.to_string())?;
    let mut headers = HeaderMap::new();
    for line in text.lines().filter(|line| !line.is_empty()) {
        let (name, value) = line
            .split_once(": ")
            .ok_or_else(|| format!("bad header line {line:?}"))?;
        let name = HeaderName::try_from(name).map_err(|error| error.to_string())?;
        let value = HeaderValue::try_from(value).map_err(|error| error.to_string())?;
        headers.append(name, value);
    }
    Ok(headers)
}
