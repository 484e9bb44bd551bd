//! `/cookies`: every cookie the shop uses, generated from the declarations;
//! the inspector, showing what the server and the browser each see; and
//! the cookie settings.

use leptos::prelude::*;
use leptos_meta::Title;
use serde::{Deserialize, Serialize};

use crate::components::consent_banner::ConsentForm;
use crate::cookies::{codec, Category, CookieInfo, Lifetime, SetBy, ALL, VISITS};
use crate::state::ConsentStore;

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
}

/// Reports the request's cookies. Called while the server renders a page it
/// describes the page's own request; called from the browser it describes
/// that call's request, which carries the same cookies.
#[server(endpoint = "inspect")]
pub async fn inspect_request() -> Result<InspectedRequest, ServerFnError> {
    Ok(InspectedRequest {
        received: crate::cookies::visible_pairs(),
        sent: crate::cookies::set_cookie_lines_sent(),
        signatures: ALL
            .iter()
            .filter_map(|cookie| Some((cookie.name.to_owned(), cookie.signature_holds()?)))
            .collect(),
    })
}

#[component]
pub fn CookiesPage() -> impl IntoView {
    let seen = Resource::new(|| (), |()| inspect_request());
    view! {
        <Title text="Cookies" />
        <h1>"Cookies we use"</h1>
        <p class="lead">
            "Every cookie this shop can set, why, and for how long. This table is generated "
            "from the same declarations the shop's code uses, so it cannot drift from what "
            "the shop really does."
        </p>
        <Suspense fallback=|| view! { <p>"Asking the server what it received…"</p> }>
            {move || seen.get().map(|seen| {
                let seen = seen.unwrap_or_default();
                view! {
                    <CookieTable seen=seen.clone() />
                    <Inspector seen />
                }
            })}
        </Suspense>
        <ConsentSettings />
    }
}

/// One row per declared cookie.
#[component]
fn CookieTable(seen: InspectedRequest) -> impl IntoView {
    let rows = ALL
        .iter()
        .map(|info| {
            let carried = seen.received_value(info.name).map(str::to_owned);
            view! {
                <tr data-testid=format!("cookie-row-{}", info.name)>
                    <th scope="row"><code>{info.name}</code></th>
                    <td>{info.purpose}</td>
                    <td>{info.category.label()}</td>
                    <td>{set_by(info)}</td>
                    <td>{lifetime(info.lifetime)}</td>
                    <td><code>{attributes(info)}</code></td>
                    <td>
                        {match carried {
                            Some(value) => view! { <code>{value}</code> }.into_any(),
                            None => view! { <span class="muted">"not sent"</span> }.into_any(),
                        }}
                    </td>
                </tr>
            }
        })
        .collect_view();
    view! {
        <div class="table-scroll">
            <table class="cookie-table">
                <caption>"Cookies, with the value your browser sent with this page"</caption>
                <thead>
                    <tr>
                        <th scope="col">"Name"</th>
                        <th scope="col">"Purpose"</th>
                        <th scope="col">"Category"</th>
                        <th scope="col">"Set by"</th>
                        <th scope="col">"Lifetime"</th>
                        <th scope="col">"Attributes"</th>
                        <th scope="col">"Value in this request"</th>
                    </tr>
                </thead>
                <tbody>{rows}</tbody>
            </table>
        </div>
    }
}

fn set_by(info: &CookieInfo) -> &'static str {
    match info.set_by {
        SetBy::Server => "the server, in a Set-Cookie response header",
        SetBy::Browser => "this page's script, through document.cookie",
    }
}

fn lifetime(lifetime: Lifetime) -> String {
    let Lifetime::For(duration) = lifetime else {
        return "until you close the browser".to_owned();
    };
    match duration.whole_days() {
        0 => format!("{} seconds", duration.whole_seconds()),
        1 => "1 day".to_owned(),
        days => format!("{days} days"),
    }
}

/// The attributes exactly as the codec writes them over plain HTTP, and
/// what changes over HTTPS.
fn attributes(info: &CookieInfo) -> String {
    let line = codec::set_cookie_line(info, "", info.lifetime, false).unwrap_or_default();
    let mut text = line
        .split_once("; ")
        .map(|(_, rest)| rest)
        .unwrap_or_default()
        .to_owned();
    if !info.http_only {
        text.push_str(" (readable by scripts: no HttpOnly)");
    }
    if info.signed {
        text.push_str("; signed by the server");
    }
    text.push_str("; over HTTPS: Secure");
    if info.host_prefix {
        text.push_str(&format!(", named {}", info.wire_name(true)));
    }
    text
}

/// What the server received and sent, beside what `document.cookie` shows.
#[component]
fn Inspector(seen: InspectedRequest) -> impl IntoView {
    let in_browser = RwSignal::new(None::<String>);
    // Effects run only in the browser: poll, since no event announces a
    // changed cookie in every browser.
    Effect::new(move |_| {
        // In the browser the visible cookies are `document.cookie`.
        let read = move || in_browser.set(Some(crate::cookies::visible_cookie_string()));
        read();
        if let Ok(interval) = set_interval_with_handle(read, std::time::Duration::from_secs(1)) {
            on_cleanup(move || interval.clear());
        }
    });
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
    let visits = VISITS.info.name;

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

/// Reopens the consent choice; reached from "Cookie settings" on every page.
#[component]
fn ConsentSettings() -> impl IntoView {
    let answer = ConsentStore::expect().answer;
    let summary = move || match answer.get() {
        None => "You have not chosen yet.".to_owned(),
        Some(answer) => {
            let allowed: Vec<&str> = Category::OPTIONAL
                .into_iter()
                .filter(|category| answer.allows(*category))
                .map(Category::label)
                .collect();
            let allowed = if allowed.is_empty() {
                "only necessary cookies".to_owned()
            } else {
                allowed.join(" and ")
            };
            format!("On {} you allowed {allowed}.", answer.date)
        }
    };
    view! {
        <section id="settings" class="explainer" aria-labelledby="settings-title">
            <h2 id="settings-title">"Cookie settings"</h2>
            <p data-testid="consent-summary">{summary}</p>
            <p>
                "Change your mind at any time. Withdrawing a category deletes its cookies at once."
            </p>
            <ConsentForm />
        </section>
    }
}
