//! Every `Set-Cookie` line the shop writes — which is also the text its
//! pages assign to `document.cookie` — parses under the RFC 6265bis grammar,
//! for generated names, basket items, consent answers and basket terms,
//! over HTTP and HTTPS. The one exception is the lecture's own format: the
//! basket's items are separated by commas (`basket=oil,filter,bolt,washer`),
//! which the grammar's `cookie-octet` leaves out; docs/security.md says why
//! browsers and the shop read it safely.

use app::basket::{apply, Basket, BasketChange, BasketLifetime, BasketTerm};
use app::consent::Consent;
use app::cookies::codec::{removal_line, set_cookie_line};
use app::cookies::{CookieInfo, CookieValue};
use app::shop_cookies::{BASKET, BASKET_TERM, CONSENT, USERNAME};
use app::shopper::parse_name;
use proptest::prelude::*;
use time::{Date, Duration};

/// RFC 6265bis `cookie-octet`, plus the comma where the lecture's format
/// needs it.
fn is_value_octet(byte: u8, comma_allowed: bool) -> bool {
    matches!(byte, 0x21 | 0x23..=0x2B | 0x2D..=0x3A | 0x3C..=0x5B | 0x5D..=0x7E)
        || (comma_allowed && byte == b',')
}

/// RFC 9110 `token` (a cookie name).
fn is_token(text: &str) -> bool {
    !text.is_empty()
        && text
            .bytes()
            .all(|byte| byte.is_ascii_alphanumeric() || b"!#$%&'*+-.^_`|~".contains(&byte))
}

/// `sane-cookie-date`: `Thu, 01 Jan 1970 00:00:00 GMT`.
fn is_cookie_date(text: &str) -> bool {
    let days = ["Mon", "Tue", "Wed", "Thu", "Fri", "Sat", "Sun"];
    let months = [
        "Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec",
    ];
    let parts: Vec<&str> = text.split(' ').collect();
    let digits =
        |part: &str, len: usize| part.len() == len && part.bytes().all(|b| b.is_ascii_digit());
    parts.len() == 6
        && parts[0]
            .strip_suffix(',')
            .is_some_and(|day| days.contains(&day))
        && digits(parts[1], 2)
        && months.contains(&parts[2])
        && digits(parts[3], 4)
        && parts[4].split(':').all(|part| digits(part, 2))
        && parts[4].split(':').count() == 3
        && parts[5] == "GMT"
}

/// Checks `line` against `set-cookie-string`; `Err` says which part fails.
fn check(line: &str, comma_allowed: bool) -> Result<(), String> {
    let mut parts = line.split("; ");
    let pair = parts.next().ok_or("empty line")?;
    let (name, value) = pair.split_once('=').ok_or(format!("no `=` in {pair:?}"))?;
    if !is_token(name) {
        return Err(format!("name {name:?} is not a token"));
    }
    let unquoted = value
        .strip_prefix('"')
        .and_then(|inner| inner.strip_suffix('"'))
        .unwrap_or(value);
    if !unquoted
        .bytes()
        .all(|byte| is_value_octet(byte, comma_allowed))
    {
        return Err(format!("value {value:?} has bytes outside cookie-octet"));
    }
    for attribute in parts {
        let valid = match attribute.split_once('=') {
            Some(("Max-Age", seconds)) => {
                let digits = seconds.strip_prefix('-').unwrap_or(seconds);
                !digits.is_empty() && digits.bytes().all(|b| b.is_ascii_digit())
            }
            Some(("Expires", date)) => is_cookie_date(date),
            Some(("Path", path)) => {
                path.starts_with('/') && !path.bytes().any(|b| b.is_ascii_control() || b == b';')
            }
            Some(("SameSite", policy)) => ["Strict", "Lax", "None"].contains(&policy),
            None => ["Secure", "HttpOnly"].contains(&attribute),
            Some(_) => false,
        };
        if !valid {
            return Err(format!("attribute {attribute:?} is not in the grammar"));
        }
    }
    Ok(())
}

/// The lines that write and delete `info` holding `wire`, over HTTP and HTTPS.
fn lines(info: &CookieInfo, wire: &str) -> Vec<String> {
    [false, true]
        .into_iter()
        .flat_map(|secure| {
            let written = set_cookie_line(info, wire, info.lifetime, secure).ok();
            written.into_iter().chain([removal_line(info, secure)])
        })
        .collect()
}

fn check_all(info: &CookieInfo, wire: &str, comma_allowed: bool) -> Result<(), TestCaseError> {
    for line in lines(info, wire) {
        if let Err(problem) = check(&line, comma_allowed) {
            return Err(TestCaseError::fail(format!("{line}: {problem}")));
        }
    }
    Ok(())
}

#[test]
fn the_checker_refuses_what_the_grammar_leaves_out() {
    assert!(check("a=b; Path=/; Max-Age=0", false).is_ok());
    assert!(check("a=b c", false).is_err(), "space");
    assert!(check("a=b,c", false).is_err(), "comma");
    assert!(check("a=b,c", true).is_ok(), "the lecture's comma");
    assert!(check("a b=c", false).is_err(), "name");
    assert!(check("a=b; Max-Age=soon", false).is_err());
    assert!(check("a=b; Expires=tomorrow", false).is_err());
    assert!(check("a=b; Expires=Thu, 01 Jan 1970 00:00:00 GMT", false).is_ok());
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(2000))]

    #[test]
    fn every_name_the_shop_keeps_is_written_in_the_grammar(typed in any::<String>()) {
        if let Ok(name) = parse_name(&typed) {
            check_all(&USERNAME.declaration.info, &name.to_wire(), false)?;
        }
    }

    #[test]
    fn every_basket_is_written_in_the_grammar_but_for_the_lectures_commas(
        items in prop::collection::vec(any::<String>(), 0..8),
    ) {
        let list = items.iter().map(|item| item.replace(',', " ")).collect::<Vec<_>>().join(",");
        if let Ok(basket) = apply(&Basket::default(), BasketChange::Replace(list)) {
            check_all(&BASKET.declaration.info, &basket.to_wire(), true)?;
        }
    }

    #[test]
    fn every_consent_answer_is_written_in_the_grammar(
        revision in any::<u32>(),
        preferences in any::<bool>(),
        statistics in any::<bool>(),
        days in 0_i64..3_000_000,
    ) {
        let date = Date::MIN + Duration::days(days);
        let answer = Consent { revision, preferences, statistics, date };
        check_all(&CONSENT.declaration.info, &answer.to_wire(), false)?;
    }

    #[test]
    fn every_basket_term_is_written_in_the_grammar(
        lifetime in prop::sample::select(BasketLifetime::ALL.to_vec()),
        expires_at in any::<Option<i64>>(),
    ) {
        let term = BasketTerm { lifetime, expires_at };
        check_all(&BASKET_TERM.declaration.info, &term.to_wire(), false)?;
    }
}
