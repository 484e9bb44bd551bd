//! The axum application: Leptos pages and server functions, static files
//! (compressed ahead of time), request logging, and what a deployment on the internet
//! needs (the public origin behind a proxy, the same-origin guard, body
//! limits, caching and HSTS headers). `main.rs` only configures and serves it.

pub mod build_files;
pub mod config;
mod form_redirect;
mod limits;
mod request_context;
pub mod request_origin;
mod same_origin;
pub mod serve;
pub mod session_store;

use std::path::Path;
use std::sync::Arc;

use app::cookies::PublicOrigin;
use app::{shell, App};
use axum::extract::{Request, State};
use axum::http::{header, HeaderValue, Response};
use axum::middleware::{self, Next};
use axum::Router;
use leptos_axum::{generate_route_list, LeptosRoutes};
use tower::ServiceBuilder;
use tower_http::{services::ServeDir, set_header::SetResponseHeaderLayer, trace::TraceLayer};

use build_files::{BuildFiles, LiveBuild};
use config::Settings;

/// Builds the whole site. Pages are rendered from each request's cookies;
/// the server keeps no session state of its own.
pub fn router(build: BuildFiles, settings: Settings) -> Router {
    let settings = Arc::new(settings);
    let sessions = session_store::open(
        &settings.session_store,
        settings.session_times,
        settings.session_sweep,
    );
    let options = build.options.clone();
    let hashed = build.are_hashed();
    let build = LiveBuild::new(build);
    // Pages name the build's files as they are now, even after a rebuild.
    let page = {
        let build = build.clone();
        move || shell(build.current().options.clone())
    };
    let routes = generate_route_list(App);
    Router::new()
        // Every page route, plus the server functions under `/api/`.
        .leptos_routes(&options, routes, page.clone())
        // The build's JavaScript, wasm and CSS, compressed ahead of time.
        .nest_service(
            &format!("/{}", options.site_pkg_dir),
            build_output(build, &options, hashed),
        )
        // Files from `public/`, else the 404 page.
        .fallback(leptos_axum::file_and_error_handler(move |_| page()))
        // Every request passes these layers from the top down; the response
        // comes back up through them. One `layer` call for all of them:
        // each `Router::layer` would box every route again.
        .layer(
            ServiceBuilder::new()
                .layer(TraceLayer::new_for_http())
                // For every response; the page's Content-Security-Policy is
                // set in `shell`.
                .layer(SetResponseHeaderLayer::overriding(
                    header::X_FRAME_OPTIONS,
                    HeaderValue::from_static("DENY"),
                ))
                .layer(SetResponseHeaderLayer::overriding(
                    header::REFERRER_POLICY,
                    HeaderValue::from_static("same-origin"),
                ))
                .layer(SetResponseHeaderLayer::overriding(
                    header::X_CONTENT_TYPE_OPTIONS,
                    HeaderValue::from_static("nosniff"),
                ))
                // Caching and HSTS, decided on the way back by the response's
                // cookies and public origin.
                .layer(middleware::from_fn_with_state(
                    settings.clone(),
                    caching_and_transport_security,
                ))
                // Where shoppers reach the shop, and the request's cookies
                // (whose `Set-Cookie` lines it adds on the way back).
                .layer(middleware::from_fn_with_state(
                    request_context::Shared {
                        settings: settings.clone(),
                        sessions,
                    },
                    request_context::attach,
                ))
                // Forms and server functions accept posts from this site only.
                .layer(middleware::from_fn(same_origin::refuse_cross_site_posts))
                // A form posted without JavaScript is sent back to its page's
                // own address; its outcome travels in the flash cookie.
                .layer(middleware::from_fn(form_redirect::to_the_page_itself))
                // Request bodies: small and quick, or refused before the app runs.
                .layer(middleware::from_fn_with_state(
                    settings,
                    limits::read_whole_body,
                )),
        )
        .with_state(options)
}

/// `Cache-Control: no-store` on every HTML page, every server function's
/// answer and every response that sets a cookie: they carry the shopper's name, basket and a fresh CSP
/// nonce, which no cache may keep or hand to the next shopper (see
/// docs/security.md). The build's hashed files keep their own caching.
/// Over HTTPS, `Strict-Transport-Security` tells the browser to use HTTPS
/// for this host from now on.
async fn caching_and_transport_security(
    State(settings): State<Arc<Settings>>,
    request: Request,
    next: Next,
) -> axum::response::Response {
    // Server functions answer about this shopper's cookies (the inspector).
    let answers_a_server_function = request.uri().path().starts_with("/api/");
    let mut response = next.run(request).await;
    let https = response
        .extensions()
        .get::<PublicOrigin>()
        .is_some_and(|origin| origin.https);
    let headers = response.headers_mut();
    let is_html = headers
        .get(header::CONTENT_TYPE)
        .and_then(|kind| kind.to_str().ok())
        .is_some_and(|kind| kind.starts_with("text/html"));
    if is_html || answers_a_server_function || headers.contains_key(header::SET_COOKIE) {
        headers.insert(header::CACHE_CONTROL, HeaderValue::from_static("no-store"));
    }
    if https && settings.hsts_max_age > 0 {
        let policy = format!("max-age={}", settings.hsts_max_age);
        if let Ok(policy) = HeaderValue::from_str(&policy) {
            headers.insert(header::STRICT_TRANSPORT_SECURITY, policy);
        }
    }
    response
}

/// The `pkg` folder cargo-leptos builds. `--precompress` writes a `.br` and
/// a `.gz` beside each file, sent to browsers that accept them. With hashed
/// file names (`hash-files`) a file's name changes whenever its content
/// does, so browsers may keep it for a year without asking again; each file
/// also answers to the shared name pages use (see [`BuildFiles`]).
fn build_output(
    build: Arc<LiveBuild>,
    options: &leptos::prelude::LeptosOptions,
    hashed: bool,
) -> Router {
    let folder = Path::new(&*options.site_root).join(&*options.site_pkg_dir);
    let files = ServeDir::new(folder)
        .precompressed_br()
        .precompressed_gzip();
    let caching = HeaderValue::from_static(if hashed {
        "public, max-age=31536000, immutable"
    } else {
        "no-cache"
    });
    let files =
        tower::ServiceExt::map_request(files, move |request| build.current().resolve(request));
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
