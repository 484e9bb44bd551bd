//! The cookie inspector: what the server received and sent for a request,
//! beside what `document.cookie` shows. Used by the cookie page (the whole
//! inspector) and the storage page (the names the server received).

use leptos::prelude::*;
use serde::{Deserialize, Serialize};

use crate::action::{ActionError, NoRefusal};
use crate::in_browser::every_second;
use crate::shop_cookies::VISITS;

/// The cookies of one request, as only the server can see them.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct InspectedRequest {
    /// Every `name=value` pair of the request's `Cookie` header, `HttpOnly`
    /// cookies included.
    pub received: Vec<(String, String)>,
    /// The `Set-Cookie` lines of the response, so far.
    pub sent: Vec<String>,
    /// Each signed cookie that was sent, and whether its signature holds.
    pub signatures: Vec<(String, bool)>,
}

impl InspectedRequest {
    pub fn received_value(&self, name: &str) -> Option<&str> {
        let pair = self.received.iter().find(|(received, _)| received == name);
        pair.map(|(_, value)| value.as_str())
    }

    /// The names of the cookies received, in order.
    pub fn received_names(&self) -> impl Iterator<Item = &str> {
        self.received.iter().map(|(name, _)| name.as_str())
    }
}

/// Reports the request's cookies. Called while the server renders a page it
/// describes the page's own request; called from the browser it describes
/// that call's request, which carries the same cookies.
#[server(endpoint = "inspect")]
pub async fn inspect_request() -> Result<InspectedRequest, ActionError<NoRefusal>> {
    Ok(InspectedRequest {
        received: crate::cookies::visible_pairs(),
        sent: crate::cookies::set_cookie_lines_sent(),
        signatures: crate::shop_cookies::ALL
            .iter()
            .filter_map(|cookie| {
                let holds = cookie.info.signature_holds()?;
                Some((cookie.info.name.to_owned(), holds))
            })
            .collect(),
    })
}

/// What the server received and sent, beside what `document.cookie` shows.
#[component]
pub fn Inspector(seen: InspectedRequest) -> impl IntoView {
    let in_browser = RwSignal::new(None::<String>);
    // Polled: no event announces a changed cookie in every browser. In the
    // browser the visible cookies are `document.cookie`.
    every_second(move || in_browser.set(Some(crate::cookies::visible_cookie_string())));
    let received = if seen.received.is_empty() {
        "(no Cookie header)".to_owned()
    } else {
        let pairs: Vec<String> = seen
            .received
            .iter()
            .map(|(name, value)| format!("{name}={value}"))
            .collect();
        pairs.join("; ")
    };
    let sent = if seen.sent.is_empty() {
        "(none)".to_owned()
    } else {
        seen.sent.join("\n")
    };
    let signatures: Vec<String> = seen
        .signatures
        .iter()
        .map(|(name, holds)| match holds {
            true => format!("{name}: signature valid"),
            false => format!("{name}: signature invalid, so the server ignores it"),
        })
        .collect();
    let browser_view = move || {
        in_browser
            .get()
            .map(|cookies| {
                if cookies.is_empty() {
                    "(empty)".to_owned()
                } else {
                    cookies
                }
            })
            .unwrap_or_else(|| "(shown once the page's script runs)".to_owned())
    };
    let visits = VISITS.name();

    view! {
        <section aria-labelledby="inspector-title">
            <h2 id="inspector-title">"Cookie inspector"</h2>
            <div class="inspector">
                <figure>
                    <figcaption>"The server received (request " <code>"Cookie"</code> " header)"</figcaption>
                    <pre data-testid="server-received">{received}</pre>
                    <p data-testid="signatures">{signatures.join("; ")}</p>
                </figure>
                <figure>
                    <figcaption>"The server sent with this page (" <code>"Set-Cookie"</code> ")"</figcaption>
                    <pre data-testid="server-sent">{sent}</pre>
                </figure>
                <figure>
                    <figcaption><code>"document.cookie"</code> " now"</figcaption>
                    <pre data-testid="document-cookie">{browser_view}</pre>
                </figure>
            </div>
            <p>
                "The " <code>{visits}</code> " cookie is " <code>"HttpOnly"</code>
                ": your browser sends it to the server with every request, but no script can read "
                "it, so it appears in the first column and never in " <code>"document.cookie"</code>
                ". That protects it from scripts injected into a page (cross-site scripting). It is "
                "only set if you allowed statistics cookies."
            </p>
        </section>
    }
}
