//! The consent banner: part of the page (not an `alert()`, not an overlay),
//! rendered by the server from the `consent` cookie, working without
//! JavaScript because its buttons post a form.

use leptos::form::ActionForm;
use leptos::prelude::*;

use crate::consent::ConsentChoice;
use crate::cookies::Category;
use crate::state::ConsentStore;

/// Shown on every page until the shopper answers the current revision.
#[component]
pub fn ConsentBanner() -> impl IntoView {
    let store = ConsentStore::expect();
    let undecided = move || store.answer.get().is_none();
    view! {
        <Show when=undecided>
            <section class="consent-banner" role="region" aria-labelledby="consent-title">
                <h2 id="consent-title">"Cookies in this shop"</h2>
                <p>
                    "We keep your basket and this choice in cookies because the shop needs them. "
                    "With your permission we also remember your name and count your visits. "
                    <a href="/cookies">"What each cookie does"</a> "."
                </p>
                <ConsentForm />
            </section>
        </Show>
    }
}

/// The consent choice itself; also used by the cookie settings on `/cookies`.
/// "Accept all" and "Reject non-essential" look alike on purpose: neither
/// answer is nudged.
#[component]
pub fn ConsentForm() -> impl IntoView {
    let store = ConsentStore::expect();
    let previously = move |category: Category| {
        store
            .answer
            .get_untracked()
            .is_some_and(|answer| answer.allows(category))
    };
    let switches = Category::OPTIONAL.map(|category| {
        view! {
            <label class="switch">
                <input type="checkbox" name=category.key() value="on" checked=previously(category) />
                <span>
                    <strong>{category.label()}</strong>
                    " — "
                    {category.explanation()}
                </span>
            </label>
        }
    });
    let problem = move || {
        store
            .save
            .value()
            .get()
            .and_then(Result::err)
            .map(|error| error.to_string())
    };

    view! {
        <ActionForm action=store.save attr:class="consent-form">
            <div class="consent-buttons">
                <button type="submit" name="choice" value=ConsentChoice::All.key()>
                    "Accept all"
                </button>
                <button type="submit" name="choice" value=ConsentChoice::NecessaryOnly.key()>
                    "Reject non-essential"
                </button>
            </div>
            <details class="consent-choose">
                <summary>"Choose"</summary>
                <p class="switch always-on">
                    <strong>{Category::Necessary.label()}</strong>
                    " — "
                    {Category::Necessary.explanation()}
                </p>
                {switches}
                <button type="submit" name="choice" value=ConsentChoice::Chosen.key() class="secondary">
                    "Save my choice"
                </button>
            </details>
            <p class="problem" role="alert">{problem}</p>
        </ActionForm>
    }
}
