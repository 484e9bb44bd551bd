use leptos::prelude::*;
use leptos_meta::Title;

use crate::shop_cookies::{BASKET, USERNAME};
use crate::SHOP_NAME;

/// `/`: what the shop demonstrates and where to look.
#[component]
pub fn HomePage() -> impl IntoView {
    view! {
        <Title text="Home" />
        <h1>"Welcome to " {SHOP_NAME}</h1>
        <p class="lead">
            "A small shop that shows how a web site remembers you between requests "
            "with cookies, and what the browser and the server each see."
        </p>
        <section aria-labelledby="what-is-a-session">
            <h2 id="what-is-a-session">"What is a session?"</h2>
            <p data-testid="session-definition">
                "A session is a series of requests from one browser that the server treats as "
                "one visit. HTTP itself forgets you between requests: each one arrives on its own. "
                "So the server hands the browser small pieces of state in cookies, and the browser "
                "carries them back with every request — that is how this shop knows your name and "
                "your basket from one page to the next."
            </p>
        </section>
        <section aria-labelledby="no-alerts">
            <h2 id="no-alerts">"Why this shop never pops up an alert"</h2>
            <p data-testid="no-alerts">
                "The lecture's script tells you things with " <code>"alert()"</code>
                ". This shop writes them into the page instead: browsers block or suppress pop-ups, "
                "a pop-up stops whatever you were doing, and a box you can only dismiss is not a "
                "real choice — the cookie banner asks for consent with buttons that each do "
                "something, and works without JavaScript."
            </p>
        </section>
        <section aria-labelledby="what-to-try">
            <h2 id="what-to-try">"What to try"</h2>
            <ul class="cards">
                <li>
                    <a href="/customer">"The customer page"</a>
                    " — the server remembers your name in a "
                    <code>{USERNAME.name()}</code>
                    " cookie it sets in its response headers, and reads it back from your next request."
                </li>
                <li>
                    <a href="/basket">"The basket page"</a>
                    " — your basket lives in a "
                    <code>{BASKET.name()}</code>
                    " cookie that the page's script writes through "
                    <code>"document.cookie"</code>
                    ", with an expiry you choose (try 20 seconds)."
                </li>
                <li>
                    <a href="/lecture" rel="external">"The lecture's script"</a>
                    " — the lecture's own " <code>"setCookie"</code> " and " <code>"readCookie"</code>
                    ", running beside the Rust pages and sharing their basket."
                </li>
            </ul>
        </section>
        <section aria-labelledby="restart">
            <h2 id="restart">"Restart the server — does your session remain?"</h2>
            <p data-testid="restart-note">
                "It depends on where the session is kept. Your name on the customer page and "
                "your basket are in your browser's cookies, which it sends with every request: "
                "stop the server (even with " <code>"kill -9"</code> "), start it again, and "
                "reload — you are still greeted and your basket is still there. A second copy "
                "of the server on another port of the same host sees the same cookies, because "
                "cookies belong to a host, not to a port."
            </p>
            <p data-testid="restart-note-session">
                "A session on " <a href="/session">"the session page"</a>
                " is kept by the server; your browser holds only its id. It survives a restart "
                "when the server keeps sessions in a file (the default, SQLite) or in Redis, "
                "and is lost when it keeps them in its memory ("
                <code>"SESSION_STORE=memory"</code> ")."
            </p>
        </section>
        <section aria-labelledby="look-closer">
            <h2 id="look-closer">"Look closer"</h2>
            <p>
                "Open your browser's developer tools on the Network tab and reload: the request "
                "carries a " <code>"Cookie"</code> " header, and the response to "
                <em>"Remember me"</em> " carries a " <code>"Set-Cookie"</code>
                " header. The Application (or Storage) tab lists every cookie with its attributes."
            </p>
        </section>
    }
}
