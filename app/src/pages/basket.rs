//! `/basket`: the lecture's basket page. The basket lives in a cookie the
//! browser's script writes through `document.cookie`; with JavaScript off the
//! same form posts to the server, which writes the same cookie in
//! `Set-Cookie`. Both run [`change_basket_cookie`].

use leptos::prelude::*;
use leptos::server_fn::ServerFn;
use leptos_meta::Title;

use crate::action::{posted_to, ActionError};
use crate::basket::{
    self, Basket, BasketChange, BasketError, BasketLifetime, BasketLine, BasketSaved, BasketTerm,
    Done, CATALOGUE, MAX_ITEM_CHARS,
};
use crate::components::clock_time::{ClockTime, Countdown, Ticking};
use crate::cookies::codec::encode_text;
use crate::cookies::CookieValue;
use crate::flash::Flash;
use crate::form_post::FormTo;
use crate::in_browser::{focus_soon, hydrated, without_posting};
use crate::shop_cookies::{keep_basket, Cookies, BASKET, BASKET_TERM};
use crate::state::{announce_outside_change, BasketMirror, CookieMirror};

/// What a basket change came to.
type ChangeOutcome = Result<BasketSaved, ActionError<BasketError>>;

/// Applies `change` to the basket cookie on whichever side runs it: the
/// request's cookie and `Set-Cookie` on the server, `document.cookie` in the
/// browser. On error nothing is written, so the basket stays as it was.
fn change_basket_cookie(
    cookies: &Cookies,
    change: BasketChange,
    lifetime: BasketLifetime,
) -> ChangeOutcome {
    let current = BasketMirror::current_basket(cookies);
    let changed = basket::apply(&current, change.clone()).map_err(ActionError::Refused)?;
    keep_basket(cookies, &changed, lifetime)?;
    Ok(BasketSaved::of(&change, &current, &changed, lifetime))
}

/// The basket form without JavaScript: the button pressed names the change.
#[server(endpoint = "basket")]
pub async fn change_basket(
    lifetime: BasketLifetime,
    shopping: Option<String>,
    add: Option<String>,
    remove: Option<String>,
    empty: Option<String>,
    restore: Option<String>,
) -> ChangeOutcome {
    let typed = shopping.clone().unwrap_or_default();
    let change = match (add, remove, empty, restore) {
        (Some(part), ..) => Ok(BasketChange::Add(part)),
        (_, Some(line), ..) => BasketLine::from_form_value(&line)
            .map(BasketChange::Remove)
            .ok_or(ActionError::Refused(BasketError::NoLongerInBasket)),
        (_, _, Some(_), _) => Ok(BasketChange::Empty),
        (.., Some(was)) => Basket::from_wire(&was)
            .map(BasketChange::Restore)
            .map_err(|_| ActionError::BadForm),
        _ => Ok(BasketChange::Replace(shopping.unwrap_or_default())),
    };
    let cookies = Cookies::current()?;
    crate::action::answer_keeping(
        change.and_then(|change| change_basket_cookie(&cookies, change, lifetime)),
        &[("shopping", &typed), ("lifetime", lifetime.key())],
    )
}

/// What a button asks for with JavaScript on: the change is made in the page.
type ChangeInBrowser = Callback<BasketChange>;

#[component]
pub fn BasketPage(cookies: Cookies) -> impl IntoView {
    view! {
        <Title text="Basket" />
        <h1>"Basket"</h1>
        <BasketForm
            basket=BasketMirror::current_basket(&cookies)
            term=BASKET_TERM.get(&cookies)
            flash=cookies.flash().cloned()
        />
        <WhoWritesTheCookie />
    }
}

/// The basket form, as an island started from the cookies the server read
/// (and, after a post without JavaScript, its outcome in `flash`). With
/// JavaScript its buttons change the cookie in the page; without, they post
/// the form.
#[island]
fn BasketForm(basket: Basket, term: Option<BasketTerm>, flash: Option<Flash>) -> impl IntoView {
    let store = BasketMirror::new(basket, term);
    let flash = flash.filter(|flash| flash.form == ChangeBasket::PATH);
    let posted = posted_to::<ChangeBasket>(flash.as_ref());
    let refused_without_script = posted.as_ref().is_some_and(Result::is_err);
    // What the shopper typed in a refused post, shown again.
    let typed = |field| {
        flash
            .as_ref()
            .and_then(|flash| flash.typed_in(field))
            .map(str::to_owned)
    };
    let typed_list = typed("shopping").filter(|_| refused_without_script);
    let typed_lifetime = typed("lifetime").and_then(|key| BasketLifetime::try_from(key).ok());
    let lifetime = RwSignal::new(typed_lifetime.unwrap_or_else(|| {
        let term = store.term.get_untracked();
        term.map(|term| term.lifetime).unwrap_or_default()
    }));
    // The newest outcome: of a change made in the page, else of the post.
    let outcome = RwSignal::new(posted);
    let too_long_to_keep = flash.as_ref().is_some_and(|flash| flash.typed_not_kept);
    let change_in_browser = Callback::new(move |change: BasketChange| {
        let row_goes = matches!(
            change,
            BasketChange::Remove(_) | BasketChange::Empty | BasketChange::Restore(_)
        );
        let changed = Cookies::latest()
            .map_err(ActionError::from)
            .and_then(|cookies| change_basket_cookie(&cookies, change, lifetime.get_untracked()));
        // Read again even on error: another tab may have changed it.
        announce_outside_change();
        // The button pressed may be gone: the line that says what happened.
        if row_goes || changed.is_err() {
            focus_soon("basket-status");
        }
        outcome.set(Some(changed));
    });

    view! {
        // With the island running every button changes the cookie in the
        // page (`without_posting`), so only a JavaScript-off browser posts.
        <FormTo action=ChangeBasket::PATH attr:class="basket-form">
            <ShoppingList basket=store.basket typed=typed_list change_in_browser />
            <LifetimeChoice lifetime />
            <BasketStatus outcome too_long_to_keep change_in_browser />
            <BasketLines basket=store.basket change_in_browser />
            <ExpiryNotice store />
            <Catalogue change_in_browser />
        </FormTo>
    }
}

/// The lecture's input: a comma-separated list, saved with one button. It
/// shows the basket as it is, so that saving keeps it (with the lifetime
/// chosen below); after a refused post, what the shopper typed. Listed
/// first so that Enter in the field presses "Save basket".
#[component]
fn ShoppingList(
    basket: CookieMirror<Basket>,
    typed: Option<String>,
    change_in_browser: ChangeInBrowser,
) -> impl IntoView {
    let refused = typed.is_some();
    let field = RwSignal::new(typed.unwrap_or_else(|| basket.with_untracked(Basket::as_list)));
    // The field follows the basket, unless the shopper has typed in it.
    Effect::watch(
        move || basket.get(),
        move |now, before, _| {
            let untouched = before.is_none_or(|before| field.get_untracked() == before.as_list());
            if untouched {
                field.set(now.as_list());
            }
        },
        false,
    );
    let save = without_posting(move || {
        change_in_browser.run(BasketChange::Replace(field.get_untracked()))
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
                autofocus=refused
                // The server's HTML carries the text; the island then keeps it.
                value=field.get_untracked()
                bind:value=field
            />
            <button type="submit" on:click=save>
                "Save basket"
            </button>
            <p id="shopping-hint" class="hint">
                {format!(
                    "Separate items with commas; write a comma inside an item as %2C. At most \
                     {MAX_ITEM_CHARS} characters an item. Saving keeps this list for the time \
                     you choose below."
                )}
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

/// What the last change did, or why it was refused; after emptying, an
/// Undo button that puts the items back.
#[component]
fn BasketStatus(
    outcome: RwSignal<Option<ChangeOutcome>>,
    too_long_to_keep: bool,
    change_in_browser: ChangeInBrowser,
) -> impl IntoView {
    let problem = move || {
        let refusal = outcome.get()?.err()?.to_string();
        Some(if too_long_to_keep {
            format!("{refusal} What you typed was too long to be shown again here.")
        } else {
            refusal
        })
    };
    let done = move || outcome.get().and_then(Result::ok);
    let undo = move || {
        let Done::Emptied { was } = done()?.done else {
            return None;
        };
        let restore = {
            let was = was.clone();
            without_posting(move || change_in_browser.run(BasketChange::Restore(was.clone())))
        };
        Some(view! {
            <button type="submit" name="restore" value=was.to_wire() class="secondary" on:click=restore>
                "Undo"
            </button>
        })
    };
    let said_without_script =
        outcome.with_untracked(|outcome| outcome.as_ref().is_some_and(Result::is_ok));
    view! {
        <p class="problem" role="alert" data-testid="basket-problem">
            {problem}
        </p>
        <div class="status-line">
            <p
                id="basket-status"
                class="status"
                role="status"
                tabindex="-1"
                data-testid="basket-status"
                autofocus=said_without_script
            >
                {move || done().map(|done| done.to_string())}
            </p>
            {undo}
        </div>
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
    let unreadable = move || match basket.with(Basket::unreadable) {
        0 => None,
        1 => Some(
            "One item in your basket's cookie is not readable text, so it is left out.".to_owned(),
        ),
        count => Some(format!(
            "{count} items in your basket's cookie are not readable text, so they are left out."
        )),
    };

    view! {
        <section aria-labelledby="in-basket">
            <h2 id="in-basket">"In your basket"</h2>
            <p data-testid="basket-empty" hidden=move || !is_empty()>
                "Your basket is empty."
            </p>
            <p class="notice" data-testid="basket-unreadable" hidden=move || unreadable().is_none()>
                {unreadable}
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

/// When the basket expires, with a countdown once the page's script runs;
/// when it has, when it did (the term outlives the basket for that). The
/// sentence is announced when it changes; the countdown is not, or a
/// screen reader would read it every second.
#[component]
fn ExpiryNotice(store: BasketMirror) -> impl IntoView {
    let ticking = Ticking::start(move |now| {
        if store.basket.with_untracked(Basket::is_empty) {
            return;
        }
        // Past its term the browser has deleted it; written without a term
        // (the lecture's script) the page cannot know when, so it looks.
        let term = store.term.get_untracked();
        let gone_by_now = match term.map(|term| term.expires_at) {
            Some(expires_at) => expires_at.is_some_and(|at| at <= now),
            None => true,
        };
        if gone_by_now {
            announce_outside_change();
        }
    });
    let expires_at = move || store.term.get().and_then(|term| term.expires_at);
    let has_expired = move || expires_at().is_some_and(|at| at <= ticking.now());
    let is_empty = move || store.basket.with(Basket::is_empty);
    // One shape in every case, so the server's HTML and the island agree.
    let when = move || {
        let at = expires_at().filter(|_| !is_empty() || has_expired())?;
        let (said, after) = if has_expired() {
            ("Your basket expired at ", ".")
        } else {
            ("Your basket expires at ", "")
        };
        Some(view! { {said} <ClockTime at /> {after} })
    };
    let otherwise = move || match (is_empty(), store.term.get()) {
        (
            false,
            Some(BasketTerm {
                expires_at: None, ..
            }),
        ) => "Your basket is kept until you close the browser.",
        // Written by another script (the lecture's, on /lecture), which
        // keeps no term: the browser will not tell us the expiry.
        (false, None) => {
            "This basket was saved without its term, so the page cannot say when it expires: a \
             browser never tells a page a cookie's expiry."
        }
        _ => "",
    };
    let counting = move || expires_at().filter(|_| !is_empty() && !has_expired());
    view! {
        <p class="expiry">
            <span role="status" data-testid="basket-expiry">
                {when}
                {otherwise}
            </span>
            <Countdown at=Signal::derive(counting) ticking testid="basket-countdown" />
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
