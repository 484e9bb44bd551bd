//! The build's files under `/pkg/`: sent compressed ahead of time when the
//! browser accepts it, cached for a year only when their names carry a
//! content hash, and found under the one name pages use for all three.

mod support;

use std::path::PathBuf;

use axum::body::Body;
use axum::http::{header, Request, StatusCode};
use leptos::prelude::LeptosOptions;
use support::{send_through, Reply};

/// A site folder as `cargo leptos build --release --precompress` leaves it:
/// each file beside its `.br` and `.gz` (here with telltale contents).
fn built_site() -> PathBuf {
    let root = std::env::temp_dir().join(format!("shop-site-{}", std::process::id()));
    let pkg = root.join("pkg");
    std::fs::create_dir_all(&pkg).unwrap();
    std::fs::write(pkg.join("shop.abc123.js"), "plain bytes").unwrap();
    std::fs::write(pkg.join("shop.abc123.js.br"), "brotli bytes").unwrap();
    std::fs::write(pkg.join("shop.abc123.js.gz"), "gzip bytes").unwrap();
    // The list the build writes beside the server binary.
    std::fs::write(
        root.join("hash.txt"),
        "js: abc123\nwasm: def456\ncss: 789xyz\n",
    )
    .unwrap();
    root
}

fn router(site: &std::path::Path, hash_files: bool) -> axum::Router {
    let options = LeptosOptions::builder()
        .output_name("shop")
        .site_root(site.to_string_lossy().into_owned())
        .hash_files(hash_files)
        // An absolute path, so the list is read here rather than beside the test binary.
        .hash_file(std::sync::Arc::from(
            site.join("hash.txt").to_string_lossy().as_ref(),
        ))
        .build();
    let build = server::build_files::BuildFiles::name_once(options).unwrap();
    server::router(build, support::settings())
}

async fn fetch(router: &axum::Router, path: &str, accept_encoding: &str) -> Reply {
    let request = Request::get(path)
        .header(header::ACCEPT_ENCODING, accept_encoding)
        .body(Body::empty())
        .unwrap();
    send_through(router.clone(), request).await
}

// One test builds both routers in turn: building routers in parallel in one
// test binary has been seen to hang (see `support::router`).
#[tokio::test]
async fn build_files_are_sent_precompressed_and_cached_only_when_hashed() {
    let site = built_site();
    let hashed = router(&site, true);
    // Its own name, and the name pages use for the three files.
    for path in ["/pkg/shop.abc123.js", "/pkg/shop.abc123def456789xyz.js"] {
        for (accepted, encoding, body) in [
            ("br, gzip", Some("br"), "brotli bytes"),
            ("gzip, deflate", Some("gzip"), "gzip bytes"),
            ("identity", None, "plain bytes"),
        ] {
            let reply = fetch(&hashed, path, accepted).await;
            assert_eq!(reply.status, StatusCode::OK, "{accepted}");
            assert_eq!(reply.body, body, "{accepted}");
            let sent_encoding = reply.headers.get(header::CONTENT_ENCODING);
            assert_eq!(sent_encoding.map(|value| value.to_str().unwrap()), encoding);
            let vary: Vec<_> = reply.headers.get_all(header::VARY).iter().collect();
            assert_eq!(
                vary,
                ["accept-encoding"],
                "{accepted}: caches keep one copy per encoding"
            );
            assert_eq!(
                reply.headers[header::CACHE_CONTROL],
                "public, max-age=31536000, immutable"
            );
        }
    }

    let missing = fetch(&hashed, "/pkg/shop.other.js", "br").await;
    assert_eq!(missing.status, StatusCode::NOT_FOUND);
    assert!(
        missing.headers.get(header::CACHE_CONTROL).is_none(),
        "a missing file must not be cached for a year"
    );

    let unhashed = router(&site, false);
    let reply = fetch(&unhashed, "/pkg/shop.abc123.js", "br").await;
    assert_eq!(reply.headers[header::CACHE_CONTROL], "no-cache");
    std::fs::remove_dir_all(site).unwrap();
}
