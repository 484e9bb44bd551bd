//! The browser entry point: takes over the islands of the server-rendered
//! page (the parts marked `#[island]` in `app`; the rest is plain HTML).

use wasm_bindgen::prelude::wasm_bindgen;

/// Called by the script Leptos puts in every page once the wasm has loaded.
#[wasm_bindgen]
pub fn hydrate() {
    console_error_panic_hook::set_once();
    app::in_browser::start_islands();
}
