//! `/lecture`: the lecture's own JavaScript, running beside the Rust pages.
//! Its script (`public/lecture.js`) writes and reads the same `basket`
//! cookie as `/basket`, through `document.cookie`, without any Rust. The
//! page tells it the names the shop's cookies have in this request (over
//! HTTPS they are `__Host-` prefixed).

use leptos::prelude::*;
use leptos_meta::{Script, Title};

use crate::shop_cookies::{Cookies, BASKET, CONSENT};

#[component]
pub fn LecturePage(cookies: Cookies) -> impl IntoView {
    let https = cookies.jar().is_https();
    let basket = BASKET.declaration.info.wire_name(https).into_owned();
    let consent = CONSENT.declaration.info.wire_name(https).into_owned();
    view! {
        <Title text="The lecture's script" />
        // An external file: the page's Content-Security-Policy runs scripts
        // from this site only, never inline code.
        <Script src="/lecture.js" defer="" />
        <h1>"The lecture's own JavaScript"</h1>
        <p class="lead">
            "This page runs the lecture's " <code>"setCookie"</code> ", " <code>"readCookie"</code>
            " and " <code>"loadBasket"</code> " as the lecture wrote them, from "
            <a href="/lecture.js" rel="external">"/lecture.js"</a> ". They write the same "
            <code>{basket.clone()}</code> " cookie as " <a href="/basket">"the basket page"</a>
            ", which reads it on the server and in the browser."
        </p>
        <noscript>
            <p class="problem">"This page is the lecture's JavaScript: switch JavaScript on to use it."</p>
        </noscript>
        <div
            class="lecture-list"
            id="lecture-cookies"
            data-basket-cookie=basket.clone()
            data-consent-cookie=consent
        >
            <label for="shopping">"Shopping list"</label>
            <input id="shopping" type="text" placeholder="oil,filter,bolt,washer" />
            <div class="button-row">
                <button type="button" id="save-basket">"loadBasket() — keep 1 day"</button>
                <button type="button" id="save-basket-20s" class="secondary">
                    "Keep 20 seconds"
                </button>
                <button type="button" id="show-basket" class="secondary">
                    "readCookie(\"" {basket.clone()} "\")"
                </button>
            </div>
        </div>
        <p id="lecture-output" role="status" data-testid="lecture-output"></p>
        <p id="lecture-consent" class="hint" data-testid="lecture-consent"></p>
        <section class="explainer" aria-labelledby="what-differs">
            <h2 id="what-differs">"What the lecture's code does differently"</h2>
            <ul>
                <li>
                    "It writes the list as typed: " <code>"setCookie('basket', 'oil,filter', 1)"</code>
                    " stores " <code>"basket=oil,filter"</code>
                    ", the very format the Rust pages use, so both read each other's basket."
                </li>
                <li>
                    "It does not percent-encode. A comma inside an item is taken for a separator "
                    "(" <code>"hex nut, M6"</code> " becomes two items), a " <code>";"</code>
                    " ends the cookie, and " <code>"readCookie"</code>
                    " returns what the Rust pages wrote still encoded ("
                    <code>"hex%20nut%2C%20M6"</code> ")."
                </li>
                <li>
                    "It sets " <code>"expires="</code> " (a date, from the browser's clock) where "
                    "the Rust code sets " <code>"Max-Age"</code>
                    " (seconds, immune to a wrong clock), and it keeps no "
                    <code>"basket_term"</code>
                    ", so the basket page cannot say when this basket expires: a browser never "
                    "tells a page a cookie's expiry."
                </li>
                <li>
                    "Where the lecture calls " <code>"alert()"</code>
                    ", it writes a sentence into the page: browsers block or suppress pop-ups, they "
                    "interrupt, and consent must be a real choice on the page, not a box to dismiss."
                </li>
            </ul>
        </section>
    }
}
