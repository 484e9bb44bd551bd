//! The axum application: Leptos pages and server functions, static files,
//! compression and request logging. `main.rs` only configures and serves it.

mod cookie_header;
mod same_origin;

use std::path::Path;

use app::{shell, App};
use axum::http::{header, HeaderValue, Response};
use axum::{middleware, Router};
use leptos::prelude::LeptosOptions;
use leptos_axum::{generate_route_list, LeptosRoutes};
use tower_http::{
    compression::CompressionLayer, services::ServeDir, set_header::SetResponseHeaderLayer,
    trace::TraceLayer, CompressionLevel,
};

/// Builds the whole site. Pages are rendered from each request's cookies;
/// the server keeps no session state of its own.
pub fn router(options: LeptosOptions) -> Router {
    let routes = generate_route_list(App);
    Router::new()
        // Every page route, plus the server functions under `/api/`.
        .leptos_routes(&options, routes, {
            let options = options.clone();
            move || shell(options.clone())
        })
        // The build's JavaScript, wasm and CSS, compressed ahead of time.
        .nest_service(
            &format!("/{}", options.site_pkg_dir),
            build_output(&options),
        )
        // Files from `public/`, else the 404 page.
        .fallback(leptos_axum::file_and_error_handler(shell))
        // Forms and server functions accept posts from this site only.
        .layer(middleware::from_fn(same_origin::refuse_cross_site_posts))
        // Every cookie read while answering shares one parse of the header.
        .layer(middleware::from_fn(cookie_header::parse_once))
        // For every response; the page's Content-Security-Policy is set in `shell`.
        .layer(SetResponseHeaderLayer::overriding(
            header::X_CONTENT_TYPE_OPTIONS,
            HeaderValue::from_static("nosniff"),
        ))
        .layer(SetResponseHeaderLayer::overriding(
            header::REFERRER_POLICY,
            HeaderValue::from_static("same-origin"),
        ))
        .layer(SetResponseHeaderLayer::overriding(
            header::X_FRAME_OPTIONS,
            HeaderValue::from_static("DENY"),
        ))
        // Pages differ per request, so they are compressed per request:
        // at level 1, which costs a fraction of the default and loses only
        // a few hundred bytes on a page (see docs/performance.md). Files
        // already compressed by the build pass through untouched.
        .layer(CompressionLayer::new().quality(CompressionLevel::Precise(1)))
        .layer(TraceLayer::new_for_http())
        .with_state(options)
}

/// The `pkg` folder cargo-leptos builds. `--precompress` writes a `.br` and
/// a `.gz` beside each file, sent to browsers that accept them. With hashed
/// file names (`hash-files`) a file's name changes whenever its content
/// does, so browsers may keep it for a year without asking again.
fn build_output(options: &LeptosOptions) -> Router {
    let folder = Path::new(&*options.site_root).join(&*options.site_pkg_dir);
    let files = ServeDir::new(folder)
        .precompressed_br()
        .precompressed_gzip();
    let caching = HeaderValue::from_static(if options.hash_files {
        "public, max-age=31536000, immutable"
    } else {
        "no-cache"
    });
    Router::new()
        .fallback_service(files)
        // The answer depends on Accept-Encoding; caches must keep one per encoding.
        .layer(SetResponseHeaderLayer::if_not_present(
            header::VARY,
            HeaderValue::from_static("accept-encoding"),
        ))
        .layer(SetResponseHeaderLayer::overriding(
            header::CACHE_CONTROL,
            move |response: &Response<_>| response.status().is_success().then(|| caching.clone()),
        ))
}
