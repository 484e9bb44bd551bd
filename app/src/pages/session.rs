//! `/session`: the server-held counterpart of `/customer`. The browser keeps
//! only the `session` cookie's id; the name and the times live in the
//! server's session store until the session ends — and then they are
//! deleted (see [`crate::session`]).

use leptos::either::Either;
use leptos::prelude::*;
use leptos_meta::Title;

use crate::action::ActionError;
use crate::components::clock_time::{ClockTime, Countdown, Ticking};
use crate::flash::Flash;
use crate::form_post::{FormPost, PostForm};
use crate::in_browser::focus_soon;
use crate::session::{
    IdleChoice, PageSession, SessionError, SessionState, SessionTimes, SessionView,
};
use crate::shop_cookies::{Cookies, SESSION};
use crate::short_text::MAX_CHARS;

/// What a session action came to: the session as it now is.
type SessionOutcome = Result<SessionState, ActionError<SessionError>>;

/// "Start session": a new session with a new id, whatever the browser had.
#[server(endpoint = "start_session")]
pub async fn start_session(name: String, idle: IdleChoice) -> SessionOutcome {
    let (cookies, sessions) = request_sessions()?;
    let started = sessions.start(&cookies, &name, idle).await;
    crate::action::answer_keeping(
        refused_or(started.map(SessionState::Active)),
        &[("name", &name)],
    )
}

/// "End session": the server deletes the record, the browser the cookie.
#[server(endpoint = "end_session")]
pub async fn end_session() -> SessionOutcome {
    let (cookies, sessions) = request_sessions()?;
    let without_javascript = crate::response::answers_a_plain_form_post();
    let ended = sessions
        .end(&cookies, without_javascript)
        .await
        .map(|()| SessionState::Ended);
    crate::action::answer(refused_or(ended))
}

/// The request's cookies and the server's sessions.
#[cfg(feature = "ssr")]
fn request_sessions() -> Result<(Cookies, crate::session::Sessions), ActionError<SessionError>> {
    let cookies = Cookies::current()?;
    let sessions = crate::session::Sessions::of_this_request().ok_or_else(|| {
        ActionError::Refused(SessionError::Unavailable {
            store: "none configured".to_owned(),
        })
    })?;
    Ok((cookies, sessions))
}

/// A store that cannot be reached is `503`; any other refusal is the
/// shopper's to fix.
#[cfg(feature = "ssr")]
fn refused_or(outcome: Result<SessionState, SessionError>) -> SessionOutcome {
    outcome.map_err(|error| {
        if matches!(error, SessionError::Unavailable { .. }) {
            crate::response::mark_unavailable();
        }
        ActionError::Refused(error)
    })
}

#[component]
pub fn SessionPage(cookies: Cookies) -> impl IntoView {
    let flash = cookies.flash().cloned();
    let found = crate::session::as_the_page_finds_it(cookies);
    view! {
        <Title text="Session" />
        <h1>"Session"</h1>
        <p class="lead">
            "A session kept by the server: your browser holds only an id, in the "
            <code>{SESSION.name()}</code> " cookie; your name and the session's times stay on "
            "the server, which deletes them when the session ends."
        </p>
        <Suspense>
            {Suspend::new(async move {
                match found.await {
                    Ok(found) => view! { <SessionPanel found flash=flash.clone() /> }.into_any(),
                    Err(sentence) => view! {
                        <p class="problem" role="alert" data-testid="session-unavailable">
                            {sentence}
                        </p>
                    }
                    .into_any(),
                }
            })}
        </Suspense>
        <HowItDiffers />
    }
}

/// The session as the server found it, and the forms that change it: an
/// island, so that starting and ending need no reload.
#[island]
fn SessionPanel(found: PageSession, flash: Option<Flash>) -> impl IntoView {
    let PageSession {
        times,
        store,
        state,
    } = found;
    let start = FormPost::<StartSession>::after(flash.as_ref());
    let end = FormPost::<EndSession>::after(flash.as_ref());
    // A refused start without JavaScript: the name typed, again.
    let typed = flash
        .as_ref()
        .filter(|flash| flash.form == <StartSession as leptos::server_fn::ServerFn>::PATH)
        .and_then(|flash| flash.typed_in("name"))
        .map(str::to_owned);
    let state = RwSignal::new(state);
    // After each answer, the heading that says where the session stands, or
    // the name field to correct a refusal.
    Effect::watch(
        move || (start.version().get(), end.version().get()),
        move |_, _, _| {
            let refused = start
                .value()
                .with_untracked(|answer| matches!(answer, Some(Err(_))));
            focus_soon(if refused {
                "session-name"
            } else {
                "session-state"
            });
        },
        false,
    );
    // The newest answer is the session as it now is.
    for post in [start.value(), end.value()] {
        Effect::watch(
            move || post.get(),
            move |answer, _, _| {
                if let Some(Ok(now)) = answer {
                    state.set(now.clone());
                }
            },
            false,
        );
    }
    let problem = move || {
        let refusal = |answer: Option<SessionOutcome>| answer.and_then(Result::err);
        refusal(start.value().get())
            .or_else(|| refusal(end.value().get()))
            .map(|error| error.to_string())
    };
    let active = move || match state.get() {
        SessionState::Active(view) => Some(view),
        _ => None,
    };

    view! {
        <section aria-labelledby="session-state" data-testid="session">
            {move || match active() {
                // Either, not a boxed view: the wasm then carries no code to
                // hydrate them asynchronously (see `form_post::FormTo`).
                Some(view) => Either::Left(view! { <ActiveSession view end on_expiry=state /> }),
                None => {
                    let ended = state.with(|state| *state == SessionState::Ended);
                    Either::Right(view! { <NoSession ended start times typed=typed.clone() /> })
                }
            }}
            <p class="problem" role="alert" data-testid="session-problem">
                {problem}
            </p>
            <p class="muted" data-testid="session-store">
                "This server keeps sessions in " {store} "."
            </p>
        </section>
    }
}

/// "Session of Ada", what the server holds, and "End session".
#[component]
fn ActiveSession(
    view: SessionView,
    end: FormPost<EndSession>,
    on_expiry: RwSignal<SessionState>,
) -> impl IntoView {
    let ends_at = view.ends_at;
    // The server ends it then, whatever the browser keeps.
    let ticking = Ticking::start(move |now| {
        if ends_at <= now {
            on_expiry.set(SessionState::Ended);
        }
    });
    let sent_back = if view.sent_back {
        "Yes: this request sent the cookie back, and the server found its session by the id."
    } else {
        "Not yet: the server has just sent it; the browser sends it with the next request."
    };
    view! {
        // One text node, so the server HTML reads "Session of NAME" verbatim.
        <h2 id="session-state" tabindex="-1" data-testid="session-title">
            {format!("Session of {}", view.name)}
        </h2>
        <table class="session-table" data-testid="session-held">
            <caption>"What the server holds"</caption>
            <tbody>
                <tr>
                    <th scope="row">"Name"</th>
                    <td data-testid="session-name">{view.name}</td>
                </tr>
                <tr>
                    <th scope="row">"Started"</th>
                    <td data-testid="session-started"><ClockTime at=view.started /></td>
                </tr>
                <tr>
                    <th scope="row">"Last seen"</th>
                    <td data-testid="session-last-seen"><ClockTime at=view.last_seen /></td>
                </tr>
                <tr>
                    <th scope="row">"Ends at"</th>
                    <td data-testid="session-ends">
                        <ClockTime at=ends_at />
                        <Countdown at=Signal::derive(move || Some(ends_at)) ticking testid="session-countdown" />
                    </td>
                </tr>
            </tbody>
        </table>
        <p>"The server last sent:"</p>
        <pre data-testid="session-cookie-line">"Set-Cookie: " {view.cookie_line}</pre>
        <p data-testid="session-sent-back">{sent_back}</p>
        <PostForm post=end>
            <button type="submit" class="secondary">
                "End session"
            </button>
        </PostForm>
    }
}

/// "No session", and the form that starts one.
#[component]
fn NoSession(
    ended: bool,
    start: FormPost<StartSession>,
    times: SessionTimes,
    typed: Option<String>,
) -> impl IntoView {
    let refused = typed.is_some();
    let choices = IdleChoice::ALL.map(|choice| {
        view! {
            <label>
                <input
                    type="radio"
                    name="idle"
                    value=choice.key()
                    checked=choice == IdleChoice::Demo
                />
                {choice.label(&times)}
            </label>
        }
    });
    view! {
        <h2 id="session-state" tabindex="-1" data-testid="session-title">
            "No session"
        </h2>
        {ended
            .then(|| {
                view! {
                    <p class="notice" data-testid="session-ended">
                        "Your session has ended, and the server has deleted what it held for it."
                    </p>
                }
            })}
        <PostForm post=start attr:class="name-form">
            <label for="session-name">"Your name"</label>
            <input
                id="session-name"
                name="name"
                type="text"
                autocomplete="name"
                required
                maxlength=MAX_CHARS
                value=typed
                autofocus=refused
            />
            <fieldset class="lifetime">
                <legend>"End my session after"</legend>
                {choices}
            </fieldset>
            <button type="submit">"Start session"</button>
        </PostForm>
    }
}

/// The two kinds of session side by side, for students.
#[component]
fn HowItDiffers() -> impl IntoView {
    view! {
        <section class="explainer" aria-labelledby="how-it-differs">
            <h2 id="how-it-differs">"How this differs from the customer page"</h2>
            <ul>
                <li>
                    "On " <a href="/customer">"the customer page"</a>
                    " the browser keeps your name itself, in a cookie: the server keeps nothing."
                </li>
                <li>
                    "Here the cookie holds only a random id (" <code>"HttpOnly"</code>
                    ", so no script can read it); your name is in the server's session store."
                </li>
                <li>
                    "When the session ends — you end it, or it sits unused for the time you chose "
                    "— the server deletes the record. Your browser may keep the cookie until it "
                    "expires, but the id then finds nothing."
                </li>
            </ul>
        </section>
    }
}
