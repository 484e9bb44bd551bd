//! The cookie inspector: what the server received and sent for a request,
//! beside what `document.cookie` shows. Used by the cookie page (the whole
//! inspector) and the storage page (the names the server received).

use leptos::prelude::*;
use serde::{Deserialize, Serialize};

use crate::action::{posted_to, ActionError, NoRefusal};
use crate::components::consent_banner::SaveConsent;
use crate::cookies::HOST_PREFIX;
use crate::flash::Flash;
use crate::form_post::FormPost;
use crate::in_browser::every_second;
use crate::shop_cookies::{Cookies, Declaration, ALL, VISITS};
use crate::state::{announce, hear, on_cookie_change, SERVER_ANSWERED};

/// The cookies of one request, as only the server can see them, with every
/// value a script must not read left out.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct InspectedRequest {
    /// Every pair of the request's `Cookie` header, in order.
    pub received: Vec<ReceivedCookie>,
    /// The `Set-Cookie` lines of the response so far, `HttpOnly` values
    /// replaced by their size.
    pub sent: Vec<String>,
}

/// One cookie the server received.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct ReceivedCookie {
    pub name: String,
    pub shown: Shown,
}

/// How much of a received cookie the inspector may show.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub enum Shown {
    /// A cookie of this shop that its pages' scripts can read anyway.
    Value(String),
    /// A cookie of this shop that is `HttpOnly`: its name, its size and,
    /// when signed, whether the signature holds. Never its value.
    HttpOnly {
        bytes: usize,
        signature_holds: Option<bool>,
    },
    /// A cookie the shop did not declare: another app on this host may have
    /// set it, perhaps `HttpOnly`, so its value is not ours to show.
    NotOurs { bytes: usize },
    /// A cookie of this shop whose category the shopper has not allowed:
    /// the shop neither reads nor shows it (the consent rule).
    IgnoredWithoutConsent { bytes: usize },
}

impl std::fmt::Display for ReceivedCookie {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        let name = &self.name;
        match &self.shown {
            Shown::Value(value) => write!(f, "{name}={value}"),
            Shown::HttpOnly {
                bytes,
                signature_holds,
            } => {
                let signature = match signature_holds {
                    Some(true) => "signed, valid, ",
                    Some(false) => "signed, INVALID, ",
                    None => "",
                };
                write!(f, "{name} (HttpOnly: {signature}{bytes} bytes)")
            }
            Shown::NotOurs { bytes } => write!(f, "{name} (not this shop's: {bytes} bytes)"),
            Shown::IgnoredWithoutConsent { bytes } => {
                write!(f, "{name} (sent, ignored without consent: {bytes} bytes)")
            }
        }
    }
}

/// The declared cookie a received name belongs to (plain or `__Host-`).
fn declared(name: &str) -> Option<&'static Declaration> {
    let plain = name.strip_prefix(HOST_PREFIX).unwrap_or(name);
    ALL.iter().copied().find(|cookie| cookie.info.name == plain)
}

impl InspectedRequest {
    /// What the inspector shows of a request's `cookies`: only the server
    /// sees a request, so in the browser this is empty (the page asks the
    /// server through [`inspect_request`]).
    pub fn of(cookies: &Cookies) -> Self {
        #[cfg(feature = "ssr")]
        return Self::of_jar(cookies.jar(), cookies.consent());
        #[cfg(not(feature = "ssr"))]
        {
            let _ = cookies;
            Self::default()
        }
    }

    #[cfg(feature = "ssr")]
    fn of_jar(jar: &crate::cookies::Jar, consent: Option<&crate::consent::Consent>) -> Self {
        let received = jar
            .pairs()
            .iter()
            .map(|(name, value)| {
                let shown = match declared(name) {
                    Some(cookie) if !cookie.category.allowed_by(consent) => {
                        Shown::IgnoredWithoutConsent { bytes: value.len() }
                    }
                    Some(cookie) if !cookie.info.http_only => Shown::Value(value.clone()),
                    Some(cookie) => Shown::HttpOnly {
                        bytes: value.len(),
                        // This pair's own value: a planted duplicate is
                        // judged on its own signature.
                        signature_holds: cookie.info.signature_holds_for(jar, value),
                    },
                    None => Shown::NotOurs { bytes: value.len() },
                };
                ReceivedCookie {
                    name: name.clone(),
                    shown,
                }
            })
            .collect();
        let sent = jar.set_cookie_lines();
        Self {
            received,
            sent: sent
                .iter()
                .map(|line| without_http_only_value(line))
                .collect(),
        }
    }

    /// The entries received under `cookie`'s names (plain or `__Host-`).
    pub fn received_as(&self, cookie: &Declaration) -> Vec<&ReceivedCookie> {
        let belongs = |received: &&ReceivedCookie| {
            declared(&received.name).is_some_and(|found| found.info.name == cookie.info.name)
        };
        self.received.iter().filter(belongs).collect()
    }

    /// Each signed cookie received, and whether its signature holds.
    pub fn signatures(&self) -> impl Iterator<Item = (&str, bool)> {
        signatures_in(&self.received)
    }

    /// The names of the cookies received, in order.
    pub fn received_names(&self) -> impl Iterator<Item = &str> {
        self.received.iter().map(|received| received.name.as_str())
    }
}

/// A `Set-Cookie` line with an `HttpOnly` cookie's value replaced by its
/// size: the page is read by scripts, which must never see that value.
#[cfg(feature = "ssr")]
pub(crate) fn without_http_only_value(line: &str) -> String {
    let Ok(cookie) = cookie::Cookie::parse(line) else {
        return "(a line that does not parse)".to_owned();
    };
    if cookie.http_only() != Some(true) {
        return line.to_owned();
    }
    let attributes = line
        .split_once(';')
        .map_or("", |(_, attributes)| attributes);
    format!(
        "{}=({} bytes, hidden);{attributes}",
        cookie.name(),
        cookie.value().len()
    )
}

/// Reports the request's cookies. Called while the server renders a page it
/// describes the page's own request; called from the browser it describes
/// that call's request, which carries the same cookies.
#[server(endpoint = "inspect")]
pub async fn inspect_request() -> Result<InspectedRequest, ActionError<NoRefusal>> {
    Ok(InspectedRequest::of(&Cookies::current()?))
}

/// The `window` event carrying a fresh [`InspectedRequest`], for every
/// island that shows what the server received.
pub const REQUEST_INSPECTED: &str = "request-inspected";

/// What the server received and sent, beside what `document.cookie` shows.
/// `flash` brings the lines a consent form sent without JavaScript.
#[component]
pub fn Inspector(seen: InspectedRequest, flash: Option<Flash>) -> impl IntoView {
    let visits = VISITS.name();
    view! {
        <section aria-labelledby="inspector-title">
            <h2 id="inspector-title">"Cookie inspector"</h2>
            <ServerPanes seen flash />
            <p>
                "The " <code>{visits}</code> " cookie is " <code>"HttpOnly"</code>
                ": your browser sends it to the server with every request, but no script can read "
                "it, so it never appears in " <code>"document.cookie"</code> ". The server shows "
                "only its name, its size and whether its signature holds — never its value, "
                "because this page is read by scripts too. That protects it from scripts injected "
                "into a page (cross-site scripting). Cookies the shop did not set (another app on "
                "this host may have) are shown the same way. " <code>{visits}</code>
                " is only set if you allowed statistics cookies."
            </p>
        </section>
    }
}

/// The three panes. After a change in the page (the cookie settings) they
/// follow it: the lines the change's answer sent, and what the server
/// receives now, asked again.
#[island]
fn ServerPanes(seen: InspectedRequest, flash: Option<Flash>) -> impl IntoView {
    let InspectedRequest { received, sent } = seen;
    let answered_without_script = posted_to::<SaveConsent>(flash.as_ref()).and_then(Result::ok);
    let received = RwSignal::new(received);
    let sent_by_a_change = answered_without_script.is_some();
    let sent = RwSignal::new(answered_without_script.unwrap_or(sent));
    let by_a_change = RwSignal::new(sent_by_a_change);
    let ask = FormPost::<InspectRequest>::new();
    hear(SERVER_ANSWERED, move |lines: Vec<String>| {
        sent.set(lines);
        by_a_change.set(true);
    });
    on_cookie_change(move || ask.send());
    ask.on_each_answer(move |answer| {
        if let Ok(inspected) = answer {
            announce(REQUEST_INSPECTED, inspected);
            received.set(inspected.received.clone());
        }
    });
    let received_text = move || {
        received.with(|received| {
            if received.is_empty() {
                return "(no Cookie header)".to_owned();
            }
            let pairs: Vec<String> = received.iter().map(ToString::to_string).collect();
            pairs.join("; ")
        })
    };
    let signatures = move || {
        let said: Vec<String> = received.with(|received| {
            signatures_in(received)
                .map(|(name, holds)| match holds {
                    true => format!("{name}: signature valid"),
                    false => format!("{name}: signature invalid, so the server ignores it"),
                })
                .collect()
        });
        said.join("; ")
    };
    let sent_text = move || {
        sent.with(|sent| {
            if sent.is_empty() {
                "(none)".to_owned()
            } else {
                sent.join("\n")
            }
        })
    };
    let sent_caption = move || {
        if by_a_change.get() {
            "The server sent in its answer to your last change"
        } else {
            "The server sent with this page"
        }
    };
    view! {
        <div class="inspector">
            <figure>
                <figcaption>"The server received (request " <code>"Cookie"</code> " header)"</figcaption>
                <pre data-testid="server-received">{received_text}</pre>
                <p data-testid="signatures">{signatures}</p>
            </figure>
            <figure>
                <figcaption>{sent_caption} " (" <code>"Set-Cookie"</code> ")"</figcaption>
                <pre data-testid="server-sent">{sent_text}</pre>
            </figure>
            <figure>
                <figcaption><code>"document.cookie"</code> " now"</figcaption>
                <DocumentCookieNow />
            </figure>
        </div>
    }
}

/// Each signed cookie received, and whether its signature holds.
fn signatures_in(received: &[ReceivedCookie]) -> impl Iterator<Item = (&str, bool)> {
    received.iter().filter_map(|received| match received.shown {
        Shown::HttpOnly {
            signature_holds: Some(holds),
            ..
        } => Some((received.name.as_str(), holds)),
        _ => None,
    })
}

/// What `document.cookie` holds, read every second: an island, because
/// only the browser can read it. Polled, since no event announces a changed
/// cookie in every browser.
#[island]
fn DocumentCookieNow() -> impl IntoView {
    let in_browser = RwSignal::new(None::<String>);
    every_second(move || {
        let Ok(jar) = crate::cookies::Jar::latest() else {
            return;
        };
        let pairs: Vec<String> = jar
            .pairs()
            .iter()
            .map(|(name, value)| format!("{name}={value}"))
            .collect();
        in_browser.set(Some(pairs.join("; ")));
    });
    let shown = move || {
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
    view! { <pre data-testid="document-cookie">{shown}</pre> }
}
