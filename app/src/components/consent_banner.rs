//! The consent banner: part of the page (not an `alert()`, not an overlay),
//! rendered by the server from the `consent` cookie, working without
//! JavaScript because its buttons post a form. Also the form's server
//! function and the store every consent island keeps.

use leptos::prelude::*;

use crate::action::{ActionError, NoRefusal};
use crate::consent::{Category, Consent, ConsentChoice};
use crate::flash::Flash;
use crate::form_post::{FormPost, PostForm};
use crate::in_browser::focus_soon;
use crate::state::{announce, CookieMirror, SERVER_ANSWERED};

/// Keeps the shopper's answer in the `consent` cookie and deletes, at once,
/// every cookie of a category they did not allow. Answers with the
/// `Set-Cookie` lines it sent (no script can read a response's), which the
/// cookie inspector shows.
#[server(endpoint = "consent")]
pub async fn save_consent(
    choice: ConsentChoice,
    preferences: Option<String>,
    statistics: Option<String>,
) -> Result<Vec<String>, ActionError<NoRefusal>> {
    use crate::components::inspector::InspectedRequest;
    use crate::shop_cookies::{record_consent, Cookies};
    let cookies = Cookies::current()?;
    let answer = choice.answer(preferences.is_some(), statistics.is_some());
    let recorded = record_consent(&cookies, &answer).map_err(Into::into);
    crate::action::answer(recorded.map(|()| InspectedRequest::of(&cookies).sent))
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
    /// Starts from `rendered`, the answer the server rendered the page with,
    /// and the outcome of a consent form posted without JavaScript (`flash`).
    pub fn new(rendered: Option<Consent>, flash: Option<&Flash>) -> Self {
        let save = FormPost::<SaveConsent>::after(flash);
        let answer = CookieMirror::new(rendered, |cookies| cookies.consent().cloned());
        Self { save, answer }
    }

    /// Whether the latest post of this island's form was answered yes.
    pub fn saved(&self) -> bool {
        self.save.value().get().is_some_and(|answer| answer.is_ok())
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
/// server puts it in a page only while there is no answer (or just after a
/// post answered it without JavaScript), and it hides itself once the
/// shopper answers, leaving a line that says so, which takes the focus.
#[island]
pub fn ConsentBanner(answer: Option<Consent>, flash: Option<Flash>) -> impl IntoView {
    let store = ConsentMirror::new(answer, flash.as_ref());
    let undecided = move || store.answer.get().is_none();
    let saved = move || {
        store.saved().then_some(
            "Thank you: your cookie choice is saved. You can change it in the cookie settings.",
        )
    };
    store.save.on_each_answer(|answer| {
        focus_soon(if answer.is_ok() {
            "consent-saved"
        } else {
            "consent-title"
        })
    });
    view! {
        <Show when=undecided>
            <section class="consent-banner" role="region" aria-labelledby="consent-title">
                <h2 id="consent-title" tabindex="-1">"Cookies in this shop"</h2>
                <p>
                    "We keep your basket and this choice in cookies because the shop needs them. "
                    "With your permission we also remember your name and count your visits. "
                    <a href="/cookies">"What each cookie does"</a> "."
                </p>
                <ConsentForm store />
            </section>
        </Show>
        <p
            id="consent-saved"
            class="status"
            role="status"
            tabindex="-1"
            data-testid="consent-saved"
            autofocus=untrack(saved).is_some()
        >
            {saved}
        </p>
    }
}

/// The consent choice itself; also used by the cookie settings on `/cookies`.
/// "Accept all" and "Reject non-essential" look alike on purpose: neither
/// answer is nudged. Escape closes "Choose".
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
    // What the server sent goes to the cookie inspector, if the page has one.
    store.save.on_each_answer(|answer| {
        if let Ok(lines) = answer {
            announce(SERVER_ANSWERED, lines);
        }
    });
    let choose = NodeRef::<leptos::html::Details>::new();
    let choose_summary = NodeRef::<leptos::html::Summary>::new();
    let close_on_escape = move |event: leptos::web_sys::KeyboardEvent| {
        if event.key() != "Escape" {
            return;
        }
        if let (Some(details), Some(summary)) = (choose.get(), choose_summary.get()) {
            if details.open() {
                details.set_open(false);
                let _ = summary.focus();
            }
        }
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
            <details class="consent-choose" node_ref=choose on:keydown=close_on_escape>
                <summary node_ref=choose_summary>"Choose"</summary>
                // Shown as a switch that cannot be turned off; a disabled box
                // is not posted, and the server needs no word for it.
                <label class="switch">
                    <input type="checkbox" checked disabled />
                    <span>
                        <strong>{Category::Necessary.label()}</strong>
                        " — "
                        {explanation(Category::Necessary)}
                    </span>
                </label>
                {switches}
                <button type="submit" name="choice" value=ConsentChoice::Chosen.key() class="secondary">
                    "Save my choice"
                </button>
            </details>
            <p class="problem" role="alert">{problem}</p>
        </PostForm>
    }
}
