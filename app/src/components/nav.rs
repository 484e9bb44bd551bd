use leptos::prelude::*;
use leptos_router::components::A;

/// The site navigation, on every page.
#[component]
pub fn Nav() -> impl IntoView {
    view! {
        <header class="site-header">
            <a class="brand" href="/">
                "🍪 Cookie Shop"
            </a>
            <nav aria-label="Main">
                <A href="/">"Home"</A>
                <A href="/customer">"Customer"</A>
            </nav>
        </header>
    }
}
