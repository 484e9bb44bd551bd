//! The axum application: Leptos pages and server functions, static files,
//! compression and request logging. `main.rs` only configures and serves it.

mod same_origin;

use app::{shell, App};
use axum::http::{header, HeaderValue};
use axum::{middleware, Router};
use leptos::prelude::LeptosOptions;
use leptos_axum::{generate_route_list, LeptosRoutes};
use tower_http::{
    compression::CompressionLayer, set_header::SetResponseHeaderLayer, trace::TraceLayer,
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
        // Files from the site folder (`/pkg/…`, `public/`), else the 404 page.
        .fallback(leptos_axum::file_and_error_handler(shell))
        // Forms and server functions accept posts from this site only.
        .layer(middleware::from_fn(same_origin::refuse_cross_site_posts))
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
        .layer(CompressionLayer::new())
        .layer(TraceLayer::new_for_http())
        .with_state(options)
}
