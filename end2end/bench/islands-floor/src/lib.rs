//! The islands floor: one server-rendered page whose one island answers a
//! click — the least any Leptos islands page ships and waits for (the
//! islands runtime, its JavaScript and wasm, a stylesheet). Its button and
//! count have the shape the benchmark's probe looks for
//! (`end2end/bench/browser.ts`).

use leptos::prelude::*;

/// The one island: a count and the button that adds to it.
#[island]
pub fn Counter() -> impl IntoView {
    let count = RwSignal::new(0);
    // Effects run only in the browser, once the island is hydrated: marks
    // the page `data-hydrated`, as the shop marks its pages.
    Effect::new(|| {
        if let Some(body) = document().body() {
            let _ = body.set_attribute("data-hydrated", "true");
        }
    });
    view! {
        <p>"Count: " <output data-testid="count">{count}</output></p>
        <button type="button" on:click=move |_| count.update(|count| *count += 1)>
            "Add"
        </button>
    }
}

/// The whole page, as the shop's `shell` builds its own.
pub fn page(options: LeptosOptions) -> impl IntoView {
    view! {
        <!DOCTYPE html>
        <html lang="en">
            <head>
                <meta charset="utf-8" />
                <title>"Islands floor"</title>
                <link rel="stylesheet" href="/pkg/islands-floor.css" />
                <HydrationScripts options islands=true />
            </head>
            <body>
                <Counter />
            </body>
        </html>
    }
}

/// Called by the page's script once the wasm has loaded.
#[cfg(feature = "hydrate")]
#[wasm_bindgen::prelude::wasm_bindgen]
pub fn hydrate() {
    leptos::mount::hydrate_islands();
}
