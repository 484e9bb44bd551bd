//! Times as the shopper reads them: in their own time zone once the page's
//! script runs, and a countdown that ticks without being read out.

use leptos::prelude::*;
use time::OffsetDateTime;

use crate::clock::{clock_time, local_clock_time, remaining};
use crate::in_browser::{every_second, hydrated};

/// The time now, updated every second once the page's script runs.
#[derive(Clone, Copy)]
pub struct Ticking {
    now: RwSignal<i64>,
    running: ReadSignal<bool>,
}

impl Ticking {
    /// Starts the clock. `tick` runs with the time every second, for what no
    /// browser event announces, such as a cookie or a session expiring.
    pub fn start(tick: impl Fn(i64) + Clone + 'static) -> Self {
        let now = RwSignal::new(unix_now());
        let running = hydrated();
        every_second(move || {
            let time = unix_now();
            now.set(time);
            tick(time);
        });
        Self { now, running }
    }

    /// Unix seconds, tracked.
    pub fn now(&self) -> i64 {
        self.now.get()
    }
}

fn unix_now() -> i64 {
    OffsetDateTime::now_utc().unix_timestamp()
}

/// `14:03:27 UTC` as the server renders it (it cannot know the shopper's
/// time zone), then `15:03:27 (your time)` once the page's script runs.
#[component]
pub fn ClockTime(at: i64) -> impl IntoView {
    let in_browser = hydrated();
    let shown = move || match in_browser.get().then(|| local_clock_time(at)).flatten() {
        Some(time) => format!("{time} (your time)"),
        None => format!("{} UTC", clock_time(at)),
    };
    view! { <span class="clock-time">{shown}</span> }
}

/// ` — in 17 s` until `at`, once the page's script ticks. Not a live
/// region: the sentence beside it says when, once.
#[component]
pub fn Countdown(at: Signal<Option<i64>>, ticking: Ticking, testid: &'static str) -> impl IntoView {
    let left = move || {
        let at = at.get()?;
        let seconds = at.saturating_sub(ticking.now());
        ticking
            .running
            .get()
            .then(|| format!(" — in {}", remaining(seconds)))
    };
    view! {
        <span class="countdown" data-testid=testid>
            {left}
        </span>
    }
}
