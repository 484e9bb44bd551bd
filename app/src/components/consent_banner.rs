//! The consent banner: part of the page (not an `alert()`, not an overlay),
//! rendered by the server from the `consent` cookie, working without
//! JavaScript because its buttons post a form. Also the form's server
//! function and the store every consent island keeps.

use leptos::prelude::*;

use crate::action::{ActionError, NoRefusal};
use crate::consent::{Category, Consent, ConsentChoice};
use crate::form_post::{FormPost, PostForm};
use crate::state::CookieMirror;

/// Keeps the shopper's answer in the `consent` cookie and deletes, at once,
/// every cookie of a category they did not allow.
#[server(endpoint = "consent")]
pub async fn save_consent(
    choice: ConsentChoice,
    preferences: Option<String>,
    statistics: Option<String>,
) -> Result<(), ActionError<NoRefusal>> {
    use crate::shop_cookies::{record_consent, Cookies};
    let cookies = Cookies::current()?;
    let answer = choice.answer(preferences.is_some(), statistics.is_some());
    crate::action::answer(record_consent(&cookies, &answer).map_err(Into::into))
}

/// An island's mirror of the consent answer, and the posts of its consent
/// forms. Each island that shows or changes the answer has its own; they
/// keep in step through the cookie itself (see [`crate::state`]).
#[derive(Clone, Copy)]
pub struct ConsentMirror {
    pub save: FormPost<SaveConsent>,
    /// The answer to the current revision; `None` until the shopper decides.
    pub answer: CookieMirror<Option<Consent>>,
}

impl ConsentMirror {
    /// Starts from `rendered`, the answer the server rendered the page with.
    pub fn new(rendered: Option<Consent>) -> Self {
        let save = FormPost::<SaveConsent>::new();
        let answer = CookieMirror::new(rendered, |cookies| cookies.consent().cloned());
        Self { save, answer }
    }
}

/// What a category is for, in the banner's words.
fn explanation(category: Category) -> &'static str {
    match category {
        Category::Necessary => {
            "Needed for what you ask the shop to do, such as keeping your basket and this \
             choice. Always on."
        }
        Category::Preferences => {
            "Remember things about you for your convenience, such as your name."
        }
        Category::Statistics => {
            "Count your visits, so the shop can show how a server-only cookie works."
        }
    }
}

/// Shown on every page until the shopper answers the current revision: the
/// server puts it in a page only while there is no answer, and it hides
/// itself once the shopper answers.
#[island]
pub fn ConsentBanner() -> impl IntoView {
    let store = ConsentMirror::new(None);
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
                <ConsentForm store />
            </section>
        </Show>
    }
}

/// The consent choice itself; also used by the cookie settings on `/cookies`.
/// "Accept all" and "Reject non-essential" look alike on purpose: neither
/// answer is nudged.
#[component]
pub fn ConsentForm(store: ConsentMirror) -> impl IntoView {
    let previously = move |category: Category| {
        store
            .answer
            .get_untracked()
            .is_some_and(|answer| category.allowed_by(Some(&answer)))
    };
    let switches = Category::OPTIONAL.map(|category| {
        view! {
            <label class="switch">
                <input type="checkbox" name=category.key() value="on" checked=previously(category) />
                <span>
                    <strong>{category.label()}</strong>
                    " — "
                    {explanation(category)}
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
        <PostForm post=store.save attr:class="consent-form">
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
                    {explanation(Category::Necessary)}
                </p>
                {switches}
                <button type="submit" name="choice" value=ConsentChoice::Chosen.key() class="secondary">
                    "Save my choice"
                </button>
            </details>
            <p class="problem" role="alert">{problem}</p>
        </PostForm>
    }
}
