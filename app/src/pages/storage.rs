//! `/storage`: the same note kept three ways — a cookie, localStorage and
//! sessionStorage — to see which one travels to the server, which survives
//! a reload or a closed tab, and which expires.

use gloo_storage::{LocalStorage, SessionStorage, Storage};
use leptos::prelude::*;
use leptos_meta::Title;

use crate::components::inspector::{InspectRequest, InspectedRequest};
use crate::cookies::MAX_COOKIE_BYTES;
use crate::form_post::{FormPost, PostForm};
use crate::shop_cookies::{Cookies, ShopCookieError, NOTE};

/// The key of the note in localStorage and sessionStorage, named after the
/// project (`my-shop-note` for `my-shop`) so that two projects on one origin do not
/// share it.
fn storage_key() -> String {
    format!("{}-note", crate::PROJECT_NAME)
}

/// One place a browser can keep the note.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Keeper {
    Cookie,
    Local,
    Session,
}

impl Keeper {
    const ALL: [Self; 3] = [Self::Cookie, Self::Local, Self::Session];

    fn name(self) -> &'static str {
        match self {
            Self::Cookie => "Cookie",
            Self::Local => "localStorage",
            Self::Session => "sessionStorage",
        }
    }

    fn key(self) -> &'static str {
        match self {
            Self::Cookie => "cookie",
            Self::Local => "local",
            Self::Session => "session",
        }
    }

    /// Sent to the server with every request? Survives a reload? Survives
    /// closing the tab? Expires? Size limit?
    fn facts(self) -> [String; 5] {
        match self {
            Self::Cookie => [
                "Yes, in the Cookie header of every request to this site".into(),
                "Yes".into(),
                "Yes, until it expires".into(),
                format!(
                    "Yes: this one after {} (Max-Age)",
                    NOTE.declaration.info.lifetime
                ),
                format!("About {} KB per cookie", MAX_COOKIE_BYTES / 1024),
            ],
            Self::Local => [
                "No, only this page's script can read it".into(),
                "Yes".into(),
                "Yes, until the site or the shopper deletes it".into(),
                "Never".into(),
                "About 5 MB per site".into(),
            ],
            Self::Session => [
                "No, only this page's script can read it".into(),
                "Yes".into(),
                "No: each tab has its own, gone when the tab closes".into(),
                "When the tab closes".into(),
                "About 5 MB per site".into(),
            ],
        }
    }

    /// The browser's storage for the two Web Storage places; `None` for the
    /// cookie. Only ever called from a click handler or an effect, i.e. in
    /// the browser.
    fn web_storage(self) -> Option<leptos::web_sys::Storage> {
        match self {
            Self::Cookie => None,
            Self::Local => Some(LocalStorage::raw()),
            Self::Session => Some(SessionStorage::raw()),
        }
    }

    fn save(self, note: &str) -> Result<(), String> {
        match self.web_storage() {
            None => Cookies::latest()
                .map_err(ShopCookieError::from)
                .and_then(|cookies| NOTE.set(&cookies, &note.to_owned()))
                .map_err(|error| error.to_string()),
            Some(storage) => storage
                .set_item(&storage_key(), note)
                .map_err(|_| refused(self)),
        }
    }

    fn read(self) -> Result<Option<String>, String> {
        match self.web_storage() {
            None => Cookies::latest()
                .map(|cookies| NOTE.get(&cookies))
                .map_err(|error| error.to_string()),
            Some(storage) => storage.get_item(&storage_key()).map_err(|_| refused(self)),
        }
    }

    fn clear(self) -> Result<(), String> {
        match self.web_storage() {
            None => Cookies::latest()
                .and_then(|cookies| NOTE.remove(&cookies))
                .map_err(|error| error.to_string()),
            Some(storage) => storage
                .remove_item(&storage_key())
                .map_err(|_| refused(self)),
        }
    }
}

fn refused(keeper: Keeper) -> String {
    format!(
        "Your browser refused to use {}: it may be full or switched off for this site.",
        keeper.name()
    )
}

#[component]
pub fn StoragePage(cookies: Cookies) -> impl IntoView {
    let received: Vec<String> = InspectedRequest::of(&cookies)
        .received_names()
        .map(str::to_owned)
        .collect();
    view! {
        <Title text="Cookies or storage?" />
        <h1>"Cookies, localStorage or sessionStorage?"</h1>
        <p class="lead">
            "Save the same note three ways, then reload, open a new tab, or ask the server "
            "what it received."
        </p>
        <noscript>
            <p class="problem">
                "localStorage and sessionStorage exist only for scripts: switch JavaScript on to "
                "use this page."
            </p>
        </noscript>
        <NoteKeepers />
        <WhatReachesTheServer received />
        <FactsTable />
    }
}

/// The note and the three places to keep it: an island, since only the
/// browser has localStorage and sessionStorage.
#[island]
fn NoteKeepers() -> impl IntoView {
    let note = RwSignal::new(String::new());
    view! {
        <label for="note">"Your note"</label>
        <input id="note" type="text" bind:value=note />
        <div class="keepers">
            {Keeper::ALL.map(|keeper| view! { <KeeperCard keeper note /> })}
        </div>
    }
}

/// Save, read and clear buttons for one place.
#[component]
fn KeeperCard(keeper: Keeper, note: RwSignal<String>) -> impl IntoView {
    let shown = RwSignal::new(None::<String>);
    let problem = RwSignal::new(None::<String>);
    let report = move |outcome: Result<Option<String>, String>| match outcome {
        Ok(value) => {
            problem.set(None);
            let value = match value.as_deref() {
                None => "(nothing saved)".to_owned(),
                Some("") => "(an empty note)".to_owned(),
                Some(_) => value.unwrap_or_default(),
            };
            shown.set(Some(value));
        }
        Err(message) => problem.set(Some(message)),
    };
    let save = move |_| {
        let text = note.get_untracked();
        if text.trim().is_empty() {
            problem.set(Some(
                "Type a note first: there is nothing to save.".to_owned(),
            ));
            return;
        }
        report(keeper.save(&text).and_then(|()| keeper.read()))
    };
    let read = move |_| report(keeper.read());
    let clear = move |_| report(keeper.clear().and_then(|()| keeper.read()));
    // Show what is kept as soon as the page's script runs.
    Effect::new(move |_| report(keeper.read()));

    view! {
        <section class="keeper" data-testid=format!("keeper-{}", keeper.key()) aria-label=keeper.name()>
            <h2>{keeper.name()}</h2>
            <div class="keeper-buttons">
                <button type="button" on:click=save aria-label=format!("Save in {}", keeper.name())>
                    "Save"
                </button>
                <button type="button" class="secondary" on:click=read aria-label=format!("Read {}", keeper.name())>
                    "Read"
                </button>
                <button type="button" class="secondary" on:click=clear aria-label=format!("Clear {}", keeper.name())>
                    "Clear"
                </button>
            </div>
            <p>
                "Holds: "
                <output data-testid="kept">{move || shown.get().unwrap_or_else(|| "…".to_owned())}</output>
            </p>
            <p class="problem" role="alert">{move || problem.get()}</p>
        </section>
    }
}

/// Proof of what travels: the names of the cookies the server received,
/// first with this page's request (`received`), then with each question
/// the button sends it. An island, since the button asks from the browser
/// (without JavaScript it posts, and the page it comes back to shows the
/// cookies that request carried).
#[island]
fn WhatReachesTheServer(received: Vec<String>) -> impl IntoView {
    let ask = FormPost::<InspectRequest>::new();
    let names = move || {
        let names = match ask.value().get() {
            Some(answer) => answer
                .unwrap_or_default()
                .received_names()
                .map(str::to_owned)
                .collect(),
            None => received.clone(),
        };
        if names.is_empty() {
            "no cookies".to_owned()
        } else {
            names.join(", ")
        }
    };
    let note = NOTE.name();
    view! {
        <section class="explainer" aria-labelledby="reaches-server">
            <h2 id="reaches-server">"What reaches the server?"</h2>
            <p>
                "Only cookies travel with a request. After saving your note three ways, ask the "
                "server: you will find " <code>{note}</code> " among the cookies it received, and "
                "nothing from localStorage or sessionStorage."
            </p>
            <PostForm post=ask>
                <button type="submit">"Ask the server what it received"</button>
            </PostForm>
            <p>
                "The server received: "
                <output data-testid="server-received-names">{names}</output>
            </p>
        </section>
    }
}

/// The differences in one table; on a narrow screen, one card per question.
#[component]
fn FactsTable() -> impl IntoView {
    let questions = [
        "Sent to the server with every request?",
        "Survives a reload?",
        "Survives closing the tab?",
        "Expires?",
        "Size limit",
    ];
    let rows = questions
        .into_iter()
        .enumerate()
        .map(|(row, question)| {
            view! {
                <tr>
                    <th scope="row">{question}</th>
                    {Keeper::ALL
                        .map(|keeper| {
                            view! { <td data-label=keeper.name()>{keeper.facts()[row].clone()}</td> }
                        })}
                </tr>
            }
        })
        .collect_view();
    view! {
        <div class="table-scroll">
            <table class="facts card-table">
                <thead>
                    <tr>
                        <td></td>
                        {Keeper::ALL.map(|keeper| view! { <th scope="col">{keeper.name()}</th> })}
                    </tr>
                </thead>
                <tbody>{rows}</tbody>
            </table>
        </div>
    }
}
