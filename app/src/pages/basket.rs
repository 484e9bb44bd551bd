//! `/basket`: the lecture's basket page. The basket lives in a cookie the
//! browser's script writes through `document.cookie`; with JavaScript off the
//! same form posts to the server, which writes the same cookie in
//! `Set-Cookie`. Both run [`change_basket_cookie`].

use leptos::prelude::*;
use leptos::server_fn::ServerFn;
use leptos_meta::Title;
use time::OffsetDateTime;

use crate::action::{error_in_url, ActionError};
use crate::basket::{
    self, Basket, BasketChange, BasketError, BasketLifetime, BasketLine, BasketTerm, CATALOGUE,
};
use crate::clock::{clock_time, remaining};
use crate::cookies::codec::encode_text;
use crate::cookies::CookieValue;
use crate::form_post::FormTo;
use crate::in_browser::{every_second, hydrated, without_posting};
use crate::shop_cookies::{keep_basket, Cookies, BASKET, BASKET_TERM};
use crate::state::{announce_outside_change, BasketMirror, CookieMirror};

/// What a basket change came to.
type ChangeOutcome = Result<(), ActionError<BasketError>>;

/// Applies `change` to the basket cookie on whichever side runs it: the
/// request's cookie and `Set-Cookie` on the server, `document.cookie` in the
/// browser. On error nothing is written, so the basket stays as it was.
fn change_basket_cookie(
    cookies: &Cookies,
    change: BasketChange,
    lifetime: BasketLifetime,
) -> ChangeOutcome {
    let current = BasketMirror::current_basket(cookies);
    let changed = basket::apply(&current, change).map_err(ActionError::Refused)?;
    Ok(keep_basket(cookies, &changed, lifetime)?)
}

/// The basket form without JavaScript: the button pressed names the change.
#[server(endpoint = "basket")]
pub async fn change_basket(
    lifetime: BasketLifetime,
    shopping: Option<String>,
    add: Option<String>,
    remove: Option<String>,
    empty: Option<String>,
) -> ChangeOutcome {
    let change = match (add, remove, empty) {
        (Some(part), _, _) => Ok(BasketChange::Add(part)),
        (_, Some(line), _) => BasketLine::from_form_value(&line)
            .map(BasketChange::Remove)
            .ok_or(ActionError::Refused(BasketError::NoLongerInBasket)),
        (_, _, Some(_)) => Ok(BasketChange::Empty),
        _ => Ok(BasketChange::Replace(shopping.unwrap_or_default())),
    };
    let cookies = Cookies::current()?;
    crate::action::answer(
        change.and_then(|change| change_basket_cookie(&cookies, change, lifetime)),
    )
}

/// What a button asks for with JavaScript on: the change is made in the page.
type ChangeInBrowser = Callback<BasketChange>;

#[component]
pub fn BasketPage(cookies: Cookies) -> impl IntoView {
    view! {
        <Title text="Basket" />
        <h1>"Basket"</h1>
        <BasketForm basket=BasketMirror::current_basket(&cookies) term=BASKET_TERM.get(&cookies) />
        <WhoWritesTheCookie />
    }
}

/// The basket form, as an island started from the cookies the server read.
/// With JavaScript its buttons change the cookie in the page; without, they
/// post the form.
#[island]
fn BasketForm(basket: Basket, term: Option<BasketTerm>) -> impl IntoView {
    let store = BasketMirror::new(basket, term);
    // What the form's post without JavaScript brought back in the URL.
    let posted = error_in_url::<ChangeBasket>();
    let lifetime = RwSignal::new(
        store
            .term
            .get_untracked()
            .map(|term| term.lifetime)
            .unwrap_or_default(),
    );
    // The newest change made in the page, which replaces any outcome an
    // earlier post brought in the URL.
    let in_browser = RwSignal::new(None::<ChangeOutcome>);
    let problem = move || match in_browser.get() {
        Some(outcome) => outcome.err().map(|error| error.to_string()),
        None => posted.as_ref().map(ToString::to_string),
    };
    let change_in_browser = Callback::new(move |change: BasketChange| {
        let outcome = Cookies::latest()
            .map_err(ActionError::from)
            .and_then(|cookies| change_basket_cookie(&cookies, change, lifetime.get_untracked()));
        // Read again even on error: another tab may have changed it.
        announce_outside_change();
        in_browser.set(Some(outcome));
    });

    view! {
        // With the island running every button changes the cookie in the
        // page (`without_posting`), so only a JavaScript-off browser posts.
        <FormTo action=ChangeBasket::PATH attr:class="basket-form">
            <ShoppingList change_in_browser />
            <LifetimeChoice lifetime />
            <p class="problem" role="alert" data-testid="basket-problem">
                {problem}
            </p>
            <BasketLines basket=store.basket change_in_browser />
            <ExpiryNotice store />
            <Catalogue change_in_browser />
        </FormTo>
    }
}

/// The lecture's input: a comma-separated list, saved with one button.
/// Listed first so that Enter in the field presses "Save basket".
#[component]
fn ShoppingList(change_in_browser: ChangeInBrowser) -> impl IntoView {
    let typed = RwSignal::new(String::new());
    let save = without_posting(move || {
        change_in_browser.run(BasketChange::Replace(typed.get_untracked()))
    });
    view! {
        <div class="shopping-list">
            <label for="shopping">"Shopping list"</label>
            <input
                id="shopping"
                name="shopping"
                type="text"
                placeholder=Basket::lecture_example().to_wire()
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
fn BasketLines(basket: CookieMirror<Basket>, change_in_browser: ChangeInBrowser) -> impl IntoView {
    let lines = move || {
        basket.with(|basket| {
            basket
                .items()
                .iter()
                .enumerate()
                .map(|(position, item)| {
                    let line = BasketLine {
                        position,
                        item: item.clone(),
                    };
                    let form_value = line.form_value();
                    let remove = without_posting(move || {
                        change_in_browser.run(BasketChange::Remove(line.clone()))
                    });
                    view! {
                        <li data-testid="basket-item">
                            <span class="item">{item.clone()}</span>
                            <button
                                type="submit"
                                name="remove"
                                value=form_value
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
    let empty = without_posting(move || change_in_browser.run(BasketChange::Empty));
    let is_empty = move || basket.with(Basket::is_empty);

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
fn Catalogue(change_in_browser: ChangeInBrowser) -> impl IntoView {
    let parts = CATALOGUE
        .iter()
        .map(|part| {
            let add = without_posting(move || {
                change_in_browser.run(BasketChange::Add((*part).to_owned()))
            });
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
fn ExpiryNotice(store: BasketMirror) -> impl IntoView {
    let now = RwSignal::new(OffsetDateTime::now_utc().unix_timestamp());
    let ticking = hydrated();
    every_second(move || {
        let time = OffsetDateTime::now_utc().unix_timestamp();
        now.set(time);
        let expires_at = store.term.get_untracked().and_then(|term| term.expires_at);
        if expires_at.is_some_and(|at| at <= time) {
            announce_outside_change();
        }
    });

    let when = move || {
        if store.basket.with(Basket::is_empty) {
            return String::new();
        }
        match store.term.get().map(|term| term.expires_at) {
            Some(Some(at)) => format!("Your basket expires at {} UTC", clock_time(at)),
            Some(None) => "Your basket is kept until you close the browser".to_owned(),
            // Written by another script (the lecture's, on /lecture), which
            // keeps no term: the browser will not tell us the expiry.
            None => "This basket was saved without its term, so the page cannot say when it \
                     expires: a browser never tells a page a cookie's expiry."
                .to_owned(),
        }
    };
    let countdown = move || {
        let at = store.term.get().and_then(|term| term.expires_at)?;
        ticking
            .get()
            .then(|| format!(" — in {}", remaining(at.saturating_sub(now.get()))))
    };
    view! {
        <p class="expiry" data-testid="basket-expiry" aria-live="polite">
            {when}
            <span data-testid="basket-countdown">{countdown}</span>
        </p>
    }
}

/// The lesson of this page: which side wrote the cookie. The lines are the
/// codec's own, for the lecture's basket.
#[component]
fn WhoWritesTheCookie() -> impl IntoView {
    let line = BASKET.example_line(&Basket::lecture_example());
    let awkward_item = CATALOGUE
        .iter()
        .find(|part| part.contains(','))
        .copied()
        .unwrap_or_default();
    view! {
        <section class="explainer" aria-labelledby="who-writes">
            <h2 id="who-writes">"Who writes the cookie?"</h2>
            <CookieWriter />
            <ul>
                <li>"In the browser: " <code>"document.cookie = \"" {line.clone()} "\""</code></li>
                <li>"On the server: " <code>"Set-Cookie: " {line}</code></li>
            </ul>
            <p>
                "Both are built by the same code. An item with a comma or another special "
                "character is percent-encoded, so " <code>{awkward_item}</code> " is stored as "
                <code>{encode_text(awkward_item)}</code> ". The " <code>{BASKET_TERM.name()}</code>
                " cookie beside it remembers when the basket expires, because a browser never tells "
                "a page or a server when a cookie will expire."
            </p>
        </section>
    }
}

/// Which side writes the cookie right now: an island, because only a
/// running script can say that JavaScript is on.
#[island]
fn CookieWriter() -> impl IntoView {
    let scripted = hydrated();
    let now = move || {
        if scripted.get() {
            "JavaScript is on: this page's script writes the cookie itself. Watch the Network tab: \
             a change sends no request."
        } else {
            "JavaScript is off: each button posts the form, and the server writes the cookie in \
             its Set-Cookie response header."
        }
    };
    view! { <p data-testid="cookie-writer">{now}</p> }
}
