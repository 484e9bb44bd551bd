use leptos::prelude::*;

/// On every page: the way back to the cookie choice.
#[component]
pub fn Footer() -> impl IntoView {
    view! {
        <footer class="site-footer">
            <a href="/cookies#settings">"Cookie settings"</a>
            " · "
            <a href="/cookies">"Cookies we use"</a>
            " · "
            <a href="/storage">"Cookies or storage?"</a>
            " · "
            // A full page load, so the lecture's script runs as it would on
            // the lecture's own page.
            <a href="/lecture" rel="external">"The lecture's script"</a>
        </footer>
    }
}
