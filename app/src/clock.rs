//! Times as the pages write them: a clock time and a countdown.

use time::OffsetDateTime;

/// `14:03:27` for a Unix time.
pub fn clock_time(unix_seconds: i64) -> String {
    let at =
        OffsetDateTime::from_unix_timestamp(unix_seconds).unwrap_or(OffsetDateTime::UNIX_EPOCH);
    format!("{:02}:{:02}:{:02}", at.hour(), at.minute(), at.second())
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
