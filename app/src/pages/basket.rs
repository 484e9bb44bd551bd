//! `/basket`: the lecture's basket page. The basket lives in a cookie the
//! browser's script writes through `document.cookie`; with JavaScript off the
//! same form posts to the server, which writes the same cookie in
//! `Set-Cookie`.

use leptos::prelude::*;
use leptos::server_fn::codec::JsonEncoding;
use leptos::server_fn::ServerFn;
use leptos::web_sys::MouseEvent;
use leptos_meta::Title;
use time::OffsetDateTime;

use crate::basket::{BasketChange, BasketError, BasketLifetime, CATALOGUE};
use crate::cookies::{BASKET, BASKET_TERM};
use crate::state::BasketStore;

impl FromServerFnError for BasketError {
    type Encoder = JsonEncoding;

    fn from_server_fn_error(error: ServerFnErrorErr) -> Self {
        Self::Unreachable(error.to_string())
    }
}

/// The basket form without JavaScript: the button pressed names the change.
/// Reads the basket from the request's cookie and answers with `Set-Cookie`.
#[server(endpoint = "basket")]
pub async fn change_basket(
    lifetime: BasketLifetime,
    shopping: Option<String>,
    add: Option<String>,
    remove: Option<usize>,
    empty: Option<String>,
) -> Result<(), BasketError> {
    let change = match (add, remove, empty) {
        (Some(part), _, _) => BasketChange::Add(part),
        (_, Some(line), _) => BasketChange::Remove(line),
        (_, _, Some(_)) => BasketChange::Empty,
        _ => BasketChange::Replace(shopping.unwrap_or_default()),
    };
    let current = BASKET.get().unwrap_or_default();
    let kept = crate::basket::apply(&current, change)
        .and_then(|changed| Ok(crate::basket::keep(&changed, lifetime)?));
    crate::response::unprocessable_on_error(kept)
}

#[component]
pub fn BasketPage() -> impl IntoView {
    let store = BasketStore::expect();
    // Only read for the error a JavaScript-off post brings back in the URL.
    let server_change = ServerAction::<ChangeBasket>::new();
    let lifetime = RwSignal::new(
        store
            .term
            .get_untracked()
            .map(|term| term.lifetime)
            .unwrap_or_default(),
    );
    let browser_problem = RwSignal::new(None::<String>);
    let problem = move || {
        browser_problem.get().or_else(|| {
            let refused = server_change.value().get().and_then(Result::err);
            refused.map(|error| error.to_string())
        })
    };
    // With JavaScript, a button press is handled here instead of posting.
    // Its outcome replaces any error an earlier post brought in the URL.
    let change_in_browser = move |change: BasketChange| {
        let outcome = store.change(change, lifetime.get_untracked());
        browser_problem.set(Some(
            outcome.map_or_else(|error| error.to_string(), |()| String::new()),
        ));
    };

    view! {
        <Title text="Basket" />
        <h1>"Basket"</h1>
        <form method="post" action=ChangeBasket::PATH class="basket-form">
            <ShoppingList change_in_browser />
            <LifetimeChoice lifetime />
            <p class="problem" role="alert" data-testid="basket-problem">
                {problem}
            </p>
            <BasketLines change_in_browser />
            <ExpiryNotice />
            <Catalogue change_in_browser />
        </form>
        <WhoWritesTheCookie />
    }
}

/// The lecture's input: a comma-separated list, saved with one button.
/// Listed first so that Enter in the field presses "Save basket".
#[component]
fn ShoppingList(
    change_in_browser: impl Fn(BasketChange) + Copy + Send + Sync + 'static,
) -> impl IntoView {
    let typed = RwSignal::new(String::new());
    let save = move |event: MouseEvent| {
        event.prevent_default();
        change_in_browser(BasketChange::Replace(typed.get_untracked()));
    };
    view! {
        <div class="shopping-list">
            <label for="shopping">"Shopping list"</label>
            <input
                id="shopping"
                name="shopping"
                type="text"
                placeholder="oil,filter,bolt,washer"
                aria-describedby="shopping-hint"
                bind:value=typed
            />
            <button type="submit" on:click=save>
                "Save basket"
            </button>
            <p id="shopping-hint" class="hint">
                "Separate items with commas. Saving replaces the basket."
            </p>
        </div>
    }
}

/// How long the browser keeps the basket; applies to every change.
#[component]
fn LifetimeChoice(lifetime: RwSignal<BasketLifetime>) -> impl IntoView {
    let options = BasketLifetime::ALL.map(|choice| {
        view! {
            <label>
                <input
                    type="radio"
                    name="lifetime"
                    value=choice.key()
                    prop:checked=move || lifetime.get() == choice
                    checked=lifetime.get_untracked() == choice
                    on:change=move |_| lifetime.set(choice)
                />
                {choice.label()}
            </label>
        }
    });
    view! {
        <fieldset class="lifetime">
            <legend>"Keep my basket for"</legend>
            {options}
        </fieldset>
    }
}

/// The basket's lines, each with its own Remove button.
#[component]
fn BasketLines(
    change_in_browser: impl Fn(BasketChange) + Copy + Send + Sync + 'static,
) -> impl IntoView {
    let basket = BasketStore::expect().basket;
    let lines = move || {
        basket.with(|basket| {
            basket
                .items()
                .iter()
                .enumerate()
                .map(|(line, item)| {
                    let remove = move |event: MouseEvent| {
                        event.prevent_default();
                        change_in_browser(BasketChange::Remove(line));
                    };
                    view! {
                        <li data-testid="basket-item">
                            <span class="item">{item.clone()}</span>
                            <button
                                type="submit"
                                name="remove"
                                value=line
                                class="secondary"
                                aria-label=format!("Remove {item}")
                                on:click=remove
                            >
                                "Remove"
                            </button>
                        </li>
                    }
                })
                .collect_view()
        })
    };
    let empty = move |event: MouseEvent| {
        event.prevent_default();
        change_in_browser(BasketChange::Empty);
    };
    let is_empty = move || basket.with(|basket| basket.is_empty());

    view! {
        <section aria-labelledby="in-basket">
            <h2 id="in-basket">"In your basket"</h2>
            <p data-testid="basket-empty" hidden=move || !is_empty()>
                "Your basket is empty."
            </p>
            <ul class="basket-lines" data-testid="basket-items">
                {lines}
            </ul>
            <button
                type="submit"
                name="empty"
                value="all"
                class="secondary"
                on:click=empty
                disabled=is_empty
            >
                "Empty basket"
            </button>
        </section>
    }
}

/// The parts the shop sells, each with an Add button.
#[component]
fn Catalogue(
    change_in_browser: impl Fn(BasketChange) + Copy + Send + Sync + 'static,
) -> impl IntoView {
    let parts = CATALOGUE
        .iter()
        .map(|part| {
            let add = move |event: MouseEvent| {
                event.prevent_default();
                change_in_browser(BasketChange::Add((*part).to_owned()));
            };
            view! {
                <li>
                    <span class="item">{*part}</span>
                    <button
                        type="submit"
                        name="add"
                        value=*part
                        aria-label=format!("Add {part}")
                        on:click=add
                    >
                        "Add"
                    </button>
                </li>
            }
        })
        .collect_view();
    view! {
        <section aria-labelledby="catalogue">
            <h2 id="catalogue">"Catalogue"</h2>
            <ul class="catalogue">{parts}</ul>
        </section>
    }
}

/// When the basket expires, with a live countdown after hydration. When the
/// time is up the page re-reads the cookie, which the browser has deleted.
#[component]
fn ExpiryNotice() -> impl IntoView {
    let store = BasketStore::expect();
    let now = RwSignal::new(OffsetDateTime::now_utc().unix_timestamp());
    // Effects run only in the browser, after hydration.
    let ticking = RwSignal::new(false);
    Effect::new(move |_| {
        ticking.set(true);
        let tick = move || {
            let time = OffsetDateTime::now_utc().unix_timestamp();
            now.set(time);
            let expired = store
                .term
                .get_untracked()
                .and_then(|term| term.expires_at)
                .is_some_and(|at| at <= time);
            if expired {
                store.reread();
            }
        };
        if let Ok(interval) = set_interval_with_handle(tick, std::time::Duration::from_secs(1)) {
            on_cleanup(move || interval.clear());
        }
    });

    let when = move || {
        if store.basket.with(|basket| basket.is_empty()) {
            return String::new();
        }
        match store.term.get().and_then(|term| term.expires_at) {
            Some(at) => format!("Your basket expires at {} UTC", clock_time(at)),
            None => "Your basket is kept until you close the browser".to_owned(),
        }
    };
    let countdown = move || {
        let at = store.term.get().and_then(|term| term.expires_at)?;
        ticking
            .get()
            .then(|| format!(" — in {}", remaining(at - now.get())))
    };
    view! {
        <p class="expiry" data-testid="basket-expiry" aria-live="polite">
            {when}
            <span data-testid="basket-countdown">{countdown}</span>
        </p>
    }
}

/// `14:03:27` for a Unix time.
fn clock_time(unix_seconds: i64) -> String {
    let at =
        OffsetDateTime::from_unix_timestamp(unix_seconds).unwrap_or(OffsetDateTime::UNIX_EPOCH);
    format!("{:02}:{:02}:{:02}", at.hour(), at.minute(), at.second())
}

/// `17 s`, `23 min 59 s`, `23 h 59 min`.
fn remaining(seconds: i64) -> String {
    let seconds = seconds.max(0);
    match seconds {
        0..60 => format!("{seconds} s"),
        60..3600 => format!("{} min {} s", seconds / 60, seconds % 60),
        _ => format!("{} h {} min", seconds / 3600, seconds % 3600 / 60),
    }
}

/// The lesson of this page: which side wrote the cookie.
#[component]
fn WhoWritesTheCookie() -> impl IntoView {
    let (basket, term) = (BASKET.info.name, BASKET_TERM.info.name);
    // Only true after hydration, i.e. when this page's script runs.
    let scripted = RwSignal::new(false);
    Effect::new(move |_| scripted.set(true));
    let now = move || {
        if scripted.get() {
            "JavaScript is on: this page's script writes the cookie itself. Watch the Network tab: \
             a change sends no request."
        } else {
            "JavaScript is off: each button posts the form, and the server writes the cookie in \
             its Set-Cookie response header."
        }
    };
    view! {
        <section class="explainer" aria-labelledby="who-writes">
            <h2 id="who-writes">"Who writes the cookie?"</h2>
            <p data-testid="cookie-writer">{now}</p>
            <ul>
                <li>
                    "In the browser: " <code>"document.cookie = \"" {basket}
                    "=oil,filter,bolt,washer; SameSite=Lax; Path=/; Max-Age=86400\""</code>
                </li>
                <li>
                    "On the server: " <code>"Set-Cookie: " {basket}
                    "=oil,filter,bolt,washer; SameSite=Lax; Path=/; Max-Age=86400"</code>
                </li>
            </ul>
            <p>
                "Both are built by the same code. An item with a comma or another special "
                "character is percent-encoded, so " <code>"hex nut, M6"</code> " is stored as "
                <code>"hex%20nut%2C%20M6"</code> ". The " <code>{term}</code>
                " cookie beside it remembers when the basket expires, because a browser never tells "
                "a page or a server when a cookie will expire."
            </p>
        </section>
    }
}
