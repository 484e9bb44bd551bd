//! The browser entry point: takes over the server-rendered page.

use wasm_bindgen::prelude::wasm_bindgen;

/// Called by the script Leptos puts in every page once the wasm has loaded.
#[wasm_bindgen]
pub fn hydrate() {
    console_error_panic_hook::set_once();
    leptos::mount::hydrate_body(app::App);
    // Event handlers are attached now; tests wait for this mark before
    // clicking, so they never race the wasm download.
    if let Some(body) = leptos::prelude::document().body() {
        let _ = body.set_attribute("data-hydrated", "true");
    }
}
