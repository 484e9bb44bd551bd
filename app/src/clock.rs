//! Times as the pages write them: a clock time and a countdown.

use time::OffsetDateTime;

/// `14:03:27` for a Unix time.
pub fn clock_time(unix_seconds: i64) -> String {
    let at =
        OffsetDateTime::from_unix_timestamp(unix_seconds).unwrap_or(OffsetDateTime::UNIX_EPOCH);
    format!("{:02}:{:02}:{:02}", at.hour(), at.minute(), at.second())
}

/// `15:03:27` in the browser's own time zone; `None` on the server, which
/// cannot know the shopper's.
pub fn local_clock_time(unix_seconds: i64) -> Option<String> {
    #[cfg(all(feature = "hydrate", not(feature = "ssr")))]
    {
        let millis = wasm_bindgen::JsValue::from_f64(unix_seconds as f64 * 1000.0);
        let at = web_sys::js_sys::Date::new(&millis);
        let (hours, minutes, seconds) = (at.get_hours(), at.get_minutes(), at.get_seconds());
        Some(format!("{hours:02}:{minutes:02}:{seconds:02}"))
    }
    #[cfg(not(all(feature = "hydrate", not(feature = "ssr"))))]
    {
        let _ = unix_seconds;
        None
    }
}

/// `17 s`, `23 min 59 s`, `23 h 59 min`.
pub fn remaining(seconds: i64) -> String {
    let seconds = seconds.max(0);
    match seconds {
        0..60 => format!("{seconds} s"),
        60..3600 => format!("{} min {} s", seconds / 60, seconds % 60),
        _ => format!("{} h {} min", seconds / 3600, seconds % 3600 / 60),
    }
}
