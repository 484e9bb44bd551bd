//! `/cookies`: every cookie the shop uses, generated from the declarations;
//! the inspector, showing what the server and the browser each see; and
//! the cookie settings.

use leptos::either::Either;
use leptos::prelude::*;
use leptos_meta::Title;

use crate::components::consent_banner::{ConsentForm, ConsentMirror};
use crate::components::inspector::{InspectedRequest, Inspector, Shown, REQUEST_INSPECTED};
use crate::consent::{iso_date, Category, Consent};
use crate::cookies::codec;
use crate::cookies::HOST_PREFIX;
use crate::flash::Flash;
use crate::in_browser::focus_soon;
use crate::shop_cookies::{Cookies, Declaration, SetBy, ALL, BASKET, CONSENT};
use crate::state::hear;

#[component]
pub fn CookiesPage(cookies: Cookies) -> impl IntoView {
    let seen = InspectedRequest::of(&cookies);
    let answer = cookies.consent().cloned();
    view! {
        <Title text="Cookies" />
        <h1>"Cookies we use"</h1>
        <p class="lead">
            "Every cookie this shop can set, why, and for how long, from the declarations "
            "the shop's code uses: this table cannot drift from what the shop does."
        </p>
        <CookieTable seen=seen.clone() answer=answer.clone() />
        <Inspector seen flash=cookies.flash().cloned() />
        <ConsentSettings answer flash=cookies.flash().cloned() />
    }
}

/// One row per declared cookie. On a narrow screen each row is shown as a
/// card, its cells labelled with their column's name (`data-label`). An
/// island, so that the value column follows a change made in the page: the
/// cookie inspector asks the server again, and says what it now receives.
#[island]
fn CookieTable(seen: InspectedRequest, answer: Option<Consent>) -> impl IntoView {
    let seen = RwSignal::new((seen, answer));
    hear(REQUEST_INSPECTED, move |inspected: InspectedRequest| {
        let consent = Cookies::latest()
            .ok()
            .and_then(|cookies| cookies.consent().cloned());
        seen.set((inspected, consent));
    });
    let rows = ALL
        .iter()
        .copied()
        .map(|cookie| {
            let name = cookie.info.name;
            view! {
                <tr data-testid=format!("cookie-row-{name}")>
                    <th scope="row"><code>{name}</code></th>
                    <td data-label="Purpose">{cookie.purpose}</td>
                    <td data-label="Category">{cookie.category.label()}</td>
                    <td data-label="Set by">{set_by(cookie)}</td>
                    <td data-label="Lifetime">{cookie.info.lifetime.to_string()}</td>
                    <td data-label="Attributes"><Attributes cookie /></td>
                    <td data-label="Value sent">
                        <ValueInRequest cookie seen />
                    </td>
                </tr>
            }
        })
        .collect_view();
    view! {
        <div class="table-scroll wide">
            <table class="cookie-table card-table">
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
        <p class="hint">
            "Without " <code>"HttpOnly"</code> ", the page's scripts can read a cookie in "
            <code>"document.cookie"</code> "."
        </p>
        <p class="hint" data-testid="over-https">{over_https()}</p>
    }
}

/// What the browser sent under one cookie's names, and what the shop makes
/// of it.
#[component]
fn ValueInRequest(
    cookie: &'static Declaration,
    seen: RwSignal<(InspectedRequest, Option<Consent>)>,
) -> impl IntoView {
    let carried = move || {
        seen.with(|(seen, _)| {
            let received = seen.received_as(cookie);
            received.first().map(|first| match &first.shown {
                Shown::Value(value) => value.clone(),
                _ => first.to_string(),
            })
        })
    };
    let notes = move || {
        seen.with(|(seen, answer)| {
            let allowed = cookie.category.allowed_by(answer.as_ref());
            what_the_shop_makes_of(cookie, seen.received_as(cookie).len(), allowed)
        })
    };
    let name = cookie.info.name;
    view! {
        {move || match carried() {
            Some(value) => Either::Left(view! { <code>{value}</code> }),
            None => Either::Right(view! { <span class="muted">"not sent"</span> }),
        }}
        // Most cookies need no note: no empty element for each of them.
        {move || {
            let notes = notes();
            (!notes.is_empty())
                .then(|| view! { <span class="note" data-testid=format!("cookie-note-{name}")>{notes}</span> })
        }}
    }
}

/// Why the shop would not use what the browser sent: the name came more
/// than once, or the shopper's consent does not allow its category. Empty
/// when the value is used as it is.
fn what_the_shop_makes_of(cookie: &Declaration, times_sent: usize, allowed: bool) -> String {
    let mut notes = String::new();
    if times_sent > 1 {
        notes.push_str(&format!(
            " Sent {times_sent} times: another cookie of this name was planted, by a sibling \
             domain or with a longer Path, and browsers send the longer Path first. "
        ));
        notes.push_str(if cookie.info.name == CONSENT.name() {
            "The shop cannot tell which answer is yours, so it ignores them and asks again."
        } else {
            "The shop uses the first."
        });
    }
    if times_sent > 0 && !allowed {
        notes.push_str(&format!(
            " Sent, but ignored: you have not allowed {} cookies, so the shop does not read it.",
            cookie.category.label()
        ));
    }
    notes
}

fn set_by(cookie: &Declaration) -> impl IntoView {
    match cookie.set_by {
        SetBy::Server => Either::Left(view! { "the server, in " <code>"Set-Cookie"</code> }),
        SetBy::Browser => {
            Either::Right(view! { "the page's script, in " <code>"document.cookie"</code> })
        }
    }
}

/// The attributes exactly as the codec writes them over plain HTTP, one per
/// line; what HttpOnly means is said once, under the table.
#[component]
fn Attributes(cookie: &'static Declaration) -> impl IntoView {
    let info = &cookie.info;
    let line = codec::set_cookie_line(info, "", info.lifetime, false).unwrap_or_default();
    let attributes = line
        .split("; ")
        .skip(1) // past the `name=value` pair
        .map(|attribute| view! { <li>{attribute.to_owned()}</li> })
        .collect_view();
    view! {
        <ul class="attributes">{attributes}</ul>
        {info.signed.then(|| view! { <p class="attribute-notes">"Signed by the server."</p> })}
    }
}

/// What changes over HTTPS, the same for every cookie: said once, under
/// the table, rather than in every row.
fn over_https() -> String {
    let example = BASKET.declaration.info.wire_name(true);
    if ALL.iter().all(|cookie| cookie.info.host_prefix) {
        format!("Over HTTPS every cookie also gets Secure and the {HOST_PREFIX} prefix: {example}.")
    } else {
        "Over HTTPS every cookie also gets Secure.".to_owned()
    }
}

/// Reopens the consent choice; reached from "Cookie settings" on every page.
/// An island started from the answer the server rendered the page with.
#[island]
fn ConsentSettings(answer: Option<Consent>, flash: Option<Flash>) -> impl IntoView {
    let store = ConsentMirror::new(answer, flash.as_ref());
    let answer = store.answer;
    // After saving, the summary says what now holds.
    store.save.on_each_answer(|_| focus_soon("consent-summary"));
    let summary = move || match answer.get() {
        None => "You have not chosen yet.".to_owned(),
        Some(answer) => {
            let allowed: Vec<&str> = Category::OPTIONAL
                .into_iter()
                .filter(|category| category.allowed_by(Some(&answer)))
                .map(Category::label)
                .collect();
            let allowed = if allowed.is_empty() {
                "only necessary cookies".to_owned()
            } else {
                allowed.join(" and ")
            };
            format!("On {} you allowed {allowed}.", iso_date(answer.date))
        }
    };
    view! {
        <section id="settings" class="explainer" aria-labelledby="settings-title">
            <h2 id="settings-title">"Cookie settings"</h2>
            <p id="consent-summary" role="status" tabindex="-1" data-testid="consent-summary">
                {summary}
            </p>
            <p>
                "Change your mind at any time. Withdrawing a category deletes its cookies at once."
            </p>
            <ConsentForm store />
        </section>
    }
}
