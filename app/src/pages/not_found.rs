use leptos::prelude::*;
use leptos_meta::Title;

use crate::response::mark_not_found;

/// Any path the shop does not know; answered with status 404.
#[component]
pub fn NotFound() -> impl IntoView {
    mark_not_found();
    view! {
        <Title text="Page not found" />
        <h1>"Page not found"</h1>
        <p>"There is no page at this address. " <a href="/">"Go to the home page"</a> "."</p>
    }
}
