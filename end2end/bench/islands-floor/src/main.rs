//! Serves the islands floor's page and its build output.
//!
//! Usage: `islands-floor <address> <site root>`.

// Served as the other yardsticks are (`TCP_NODELAY`, one-line errors).
#[cfg(feature = "ssr")]
#[path = "../../../../server/examples/yardstick/mod.rs"]
mod yardstick;

#[cfg(feature = "ssr")]
#[tokio::main]
async fn main() -> std::process::ExitCode {
    use axum::Router;
    use islands_floor::page;
    use leptos::prelude::*;
    use leptos_axum::{generate_route_list, LeptosRoutes};
    use tower_http::services::ServeDir;

    let args: Vec<String> = std::env::args().collect();
    let [_, address, site_root] = args.as_slice() else {
        eprintln!("usage: islands-floor <address> <site root>");
        return std::process::ExitCode::FAILURE;
    };
    let options = LeptosOptions::builder()
        .output_name("islands-floor")
        .site_root(site_root.as_str())
        .build();
    let app = {
        let options = options.clone();
        move || page(options.clone())
    };
    let routes = generate_route_list(app.clone());
    // The build output as the shop serves its own: precompressed when the browser accepts it.
    let files = ServeDir::new(site_root)
        .precompressed_br()
        .precompressed_gzip();
    let router = Router::new()
        .leptos_routes(&options, routes, app)
        .fallback_service(files)
        .with_state(options);
    yardstick::serve("islands-floor", address, router).await
}

/// The browser build has no server.
#[cfg(not(feature = "ssr"))]
fn main() {}
