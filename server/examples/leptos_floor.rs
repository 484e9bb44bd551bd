//! The benchmark's Leptos floor: the smallest page leptos_axum serves — one
//! route, one paragraph, inside a minimal hydrating shell — served the way
//! the shop serves its pages (`leptos_routes`) on the same allocator.
//! Whatever any Leptos page costs (an owner, the streamed HTML, the
//! hydration scripts) this pays too; what the shop costs beyond it is its
//! own pages. `end2end/bench/` starts it beside the shop.
//!
//! Usage: `leptos_floor <address>`.

mod yardstick;

use std::process::ExitCode;

use axum::Router;
use leptos::prelude::*;
use leptos_axum::{generate_route_list, LeptosRoutes};

// Like the shop (see `server/src/main.rs`), so the two compare like for like.
#[global_allocator]
static ALLOCATOR: mimalloc::MiMalloc = mimalloc::MiMalloc;

/// The page: a shell with the hydration scripts and one paragraph.
fn page(options: LeptosOptions) -> impl IntoView {
    view! {
        <!DOCTYPE html>
        <html lang="en">
            <head>
                <meta charset="utf-8" />
                <title>"Leptos floor"</title>
                <HydrationScripts options />
            </head>
            <body>
                <p>"The smallest Leptos page."</p>
            </body>
        </html>
    }
}

#[tokio::main]
async fn main() -> ExitCode {
    let args: Vec<String> = std::env::args().collect();
    let [_, address] = args.as_slice() else {
        eprintln!("usage: leptos_floor <address>");
        return ExitCode::FAILURE;
    };
    let options = LeptosOptions::builder().output_name("floor").build();
    let app = {
        let options = options.clone();
        move || page(options.clone())
    };
    // An app without leptos_router's `<Routes>` is listed as the one route `/`.
    let routes = generate_route_list(app.clone());
    let router = Router::new()
        .leptos_routes(&options, routes, app)
        .with_state(options);
    yardstick::serve("leptos_floor", address, router).await
}
