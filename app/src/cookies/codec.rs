//! Turning values into cookie text and back. Pure functions, compiled into
//! both the server and the browser, so both sides agree byte for byte.
//!
//! The `cookie` crate does the parsing of `Cookie` headers and the writing of
//! `Set-Cookie` lines; this module adds the rules the shop needs on top:
//! the first of two same-named cookies wins, a malformed pair is skipped, and
//! an oversized cookie is refused instead of being lost.

use cookie::Cookie;
use time::{Duration, OffsetDateTime};

use super::error::CookieError;
use super::spec::{CookieInfo, Lifetime};

/// The most bytes of name plus value a browser keeps for one cookie
/// (RFC 6265bis; Chromium and Firefox drop larger cookies silently).
pub const MAX_COOKIE_BYTES: usize = 4096;

/// The longest lifetime browsers honour (RFC 6265bis); longer ones are cut.
pub const MAX_LIFETIME: Duration = Duration::days(400);

/// A type that can live in a cookie.
///
/// `to_wire` must produce only characters that are legal in a cookie value
/// (RFC 6265 `cookie-octet`s), so the text can be written unchanged to a
/// `Set-Cookie` header or to `document.cookie`.
///
/// ```
/// use app::cookies::CookieValue;
///
/// let name = String::from("Zoë; \"the boss\"");
/// let wire = name.to_wire();
/// assert_eq!(wire, "Zo%C3%AB%3B%20%22the%20boss%22");
/// assert_eq!(String::from_wire(&wire), Ok(name));
/// ```
pub trait CookieValue: Sized {
    /// The cookie-safe text stored after `name=`.
    fn to_wire(&self) -> String;

    /// Reads a value back from the text after `name=`.
    ///
    /// # Errors
    /// [`Undecodable`] when the text was not produced by `to_wire` and
    /// cannot be read as this type.
    fn from_wire(wire: &str) -> Result<Self, Undecodable>;
}

/// A cookie value that does not decode; callers treat the cookie as absent.
#[derive(Debug, Clone, Copy, PartialEq, Eq, thiserror::Error)]
#[error("the cookie value is not valid percent-encoded UTF-8")]
pub struct Undecodable;

impl CookieValue for String {
    fn to_wire(&self) -> String {
        encode_text(self)
    }

    fn from_wire(wire: &str) -> Result<Self, Undecodable> {
        decode_text(wire)
    }
}

/// A counter: plain decimal digits, which need no encoding.
impl CookieValue for u32 {
    fn to_wire(&self) -> String {
        self.to_string()
    }

    fn from_wire(wire: &str) -> Result<Self, Undecodable> {
        wire.parse().map_err(|_| Undecodable)
    }
}

/// Percent-encodes `text` with the `cookie` crate's own encoding set: every
/// byte that is not safe in a cookie value (controls, space, `"`, `,`, `;`,
/// `\`, `%`, …, and all non-ASCII bytes) becomes `%XX`.
pub fn encode_text(text: &str) -> String {
    // The crate keeps its encoding set private; displaying a nameless
    // cookie `encoded()` gives exactly `=` followed by the encoded value.
    let pair = Cookie::new("", text).encoded().to_string();
    match pair.split_once('=') {
        Some((_, value)) => value.to_owned(),
        None => pair,
    }
}

/// Reverses [`encode_text`]. Text that was never encoded (for example a
/// cookie typed by hand as `ian`) reads as itself.
///
/// # Errors
/// [`Undecodable`] when the decoded bytes are not UTF-8.
pub fn decode_text(wire: &str) -> Result<String, Undecodable> {
    percent_encoding::percent_decode_str(wire)
        .decode_utf8()
        .map(|text| text.into_owned())
        .map_err(|_| Undecodable)
}

/// The values of every pair named `name` among `pairs` (as [`pairs`]
/// returns them), in the order they were sent: the first is the one a
/// reader uses, any others were planted beside it.
///
/// ```
/// use app::cookies::codec::{pairs, values_of};
///
/// let sent = pairs("username=ian; theme=dark; username=old");
/// assert_eq!(values_of(&sent, "username").collect::<Vec<_>>(), ["ian", "old"]);
/// ```
pub fn values_of<'a>(
    pairs: &'a [(String, String)],
    name: &'a str,
) -> impl Iterator<Item = &'a str> {
    let named = pairs.iter().filter(move |(sent, _)| sent == name);
    named.map(|(_, value)| value.as_str())
}

/// The pairs the `cookie` crate can parse; the others are logged at debug
/// level (they are input anyone can forge, not the server's fault) and
/// skipped.
fn well_formed(cookies: &str) -> impl Iterator<Item = Cookie<'_>> {
    Cookie::split_parse(cookies).filter_map(|pair| {
        pair.inspect_err(|error| tracing::debug!("skipped a malformed cookie pair: {error}"))
            .ok()
    })
}

/// Every `name=value` pair of a `Cookie` header or `document.cookie`
/// string, in order, with malformed pairs skipped and values left encoded.
///
/// ```
/// use app::cookies::codec::pairs;
///
/// assert_eq!(pairs("a=1; junk; b=x%20y"), [("a".into(), "1".into()), ("b".into(), "x%20y".into())]);
/// ```
pub fn pairs(cookies: &str) -> Vec<(String, String)> {
    well_formed(cookies)
        .map(|cookie| (cookie.name().to_owned(), cookie.value_trimmed().to_owned()))
        .collect()
}

/// Builds the `Set-Cookie` header value (also a valid `document.cookie`
/// assignment) that stores `wire` in the cookie `info` describes, kept for
/// `lifetime` (usually the declared `info.lifetime`, at most 400 days), with
/// `Secure` (and then any `__Host-` prefix) when `secure`.
///
/// # Errors
/// [`CookieError::TooLarge`] when name and value exceed
/// [`MAX_COOKIE_BYTES`].
///
/// ```
/// use app::cookies::{codec::set_cookie_line, CookieInfo, Lifetime};
///
/// let username = CookieInfo::site_wide("username", Lifetime::days(30));
/// let line = set_cookie_line(&username, "ian", username.lifetime, false).unwrap();
/// assert_eq!(line, "username=ian; SameSite=Lax; Path=/; Max-Age=2592000");
/// ```
pub fn set_cookie_line(
    info: &CookieInfo,
    wire: &str,
    lifetime: Lifetime,
    secure: bool,
) -> Result<String, CookieError> {
    let name = info.wire_name(secure);
    let size = name.len() + wire.len();
    if size > MAX_COOKIE_BYTES {
        return Err(CookieError::TooLarge {
            size,
            limit: MAX_COOKIE_BYTES,
        });
    }
    let mut cookie = with_attributes(Cookie::new(name, wire), info, secure);
    if let Lifetime::For(duration) = lifetime {
        cookie.set_max_age(duration.min(MAX_LIFETIME));
    }
    Ok(cookie.to_string())
}

/// Builds the line that deletes the cookie `info` describes: the same name
/// and `Path` (or the browser would treat it as another cookie), an empty
/// value, `Max-Age=0`, and an `Expires` in the past for old browsers.
///
/// ```
/// use app::cookies::{codec::removal_line, CookieInfo, Lifetime};
///
/// let username = CookieInfo::site_wide("username", Lifetime::days(30));
/// assert_eq!(
///     removal_line(&username, false),
///     "username=; SameSite=Lax; Path=/; Max-Age=0; Expires=Thu, 01 Jan 1970 00:00:00 GMT"
/// );
/// ```
pub fn removal_line(info: &CookieInfo, secure: bool) -> String {
    let mut cookie = with_attributes(Cookie::new(info.wire_name(secure), ""), info, secure);
    cookie.set_max_age(Duration::ZERO);
    // A fixed date: any past moment deletes, and a fixed one makes the line
    // the same on every call and on both sides, with no clock to read.
    cookie.set_expires(OffsetDateTime::UNIX_EPOCH);
    cookie.to_string()
}

fn with_attributes<'c>(mut cookie: Cookie<'c>, info: &CookieInfo, secure: bool) -> Cookie<'c> {
    cookie.set_path(info.path);
    cookie.set_same_site(info.same_site);
    cookie.set_http_only(info.http_only);
    cookie.set_secure(secure);
    cookie
}

#[cfg(test)]
mod tests {
    use super::*;

    /// The first value sent under `name`, as a jar reads it.
    fn find(cookies: &str, name: &str) -> Option<String> {
        values_of(&pairs(cookies), name).next().map(str::to_owned)
    }
    use crate::cookies::spec::SameSite;
    use proptest::prelude::*;

    const PLAIN: CookieInfo = CookieInfo {
        same_site: SameSite::Strict,
        host_prefix: false,
        ..CookieInfo::site_wide("plain", Lifetime::Session)
    };

    #[test]
    fn finds_a_cookie_among_others() {
        let header = "a=1; username=ian; b=2";
        assert_eq!(find(header, "username").as_deref(), Some("ian"));
        assert_eq!(find(header, "a").as_deref(), Some("1"));
        assert_eq!(find(header, "b").as_deref(), Some("2"));
    }

    #[test]
    fn missing_and_empty_headers_find_nothing() {
        assert_eq!(find("", "username"), None);
        assert_eq!(find("   ", "username"), None);
        assert_eq!(find("usernames=ian", "username"), None);
    }

    #[test]
    fn malformed_pairs_are_skipped_and_the_rest_still_read() {
        let header = "novalue; =nameless; ;; username=ian; = ; tail";
        assert_eq!(find(header, "username").as_deref(), Some("ian"));
    }

    #[test]
    fn the_first_of_duplicate_names_wins() {
        assert_eq!(
            find("username=first; username=second", "username").as_deref(),
            Some("first")
        );
    }

    #[test]
    fn surrounding_quotes_are_removed_but_inner_ones_kept() {
        assert_eq!(
            find(r#"username="ian""#, "username").as_deref(),
            Some("ian")
        );
        assert_eq!(
            find(r#"username="ian"#, "username").as_deref(),
            Some(r#""ian"#)
        );
    }

    #[test]
    fn an_empty_value_is_present_but_empty() {
        assert_eq!(find("username=; a=1", "username").as_deref(), Some(""));
    }

    #[test]
    fn equals_signs_inside_a_value_belong_to_the_value() {
        assert_eq!(find("username=a=b=c", "username").as_deref(), Some("a=b=c"));
    }

    #[test]
    fn whitespace_around_pairs_is_ignored() {
        assert_eq!(
            find("  username = ian  ;a=1", "username").as_deref(),
            Some("ian")
        );
    }

    #[test]
    fn special_characters_are_encoded_and_decoded_exactly() {
        let text = ", ; \"é\\%";
        let wire = encode_text(text);
        assert_eq!(wire, "%2C%20%3B%20%22%C3%A9%5C%25");
        assert_eq!(decode_text(&wire).as_deref(), Ok(text));
    }

    #[test]
    fn a_hand_typed_value_decodes_as_itself() {
        assert_eq!(decode_text("ian").as_deref(), Ok("ian"));
        assert_eq!(decode_text("oil,filter").as_deref(), Ok("oil,filter"));
    }

    #[test]
    fn bad_escapes_are_kept_literally_and_invalid_utf8_is_refused() {
        assert_eq!(decode_text("100%").as_deref(), Ok("100%"));
        assert_eq!(decode_text("%zz").as_deref(), Ok("%zz"));
        assert_eq!(decode_text("%FF%FE"), Err(Undecodable));
    }

    #[test]
    fn a_session_cookie_has_no_max_age() {
        let line = set_cookie_line(&PLAIN, "v", PLAIN.lifetime, false).unwrap();
        assert_eq!(line, "plain=v; SameSite=Strict; Path=/");
    }

    #[test]
    fn each_declared_attribute_is_written() {
        let info = CookieInfo {
            path: "/basket",
            same_site: SameSite::Lax,
            http_only: true,
            lifetime: Lifetime::For(Duration::seconds(20)),
            ..PLAIN
        };
        let line = set_cookie_line(&info, "v", info.lifetime, true).unwrap();
        assert_eq!(
            line,
            "plain=v; HttpOnly; SameSite=Lax; Secure; Path=/basket; Max-Age=20"
        );
    }

    #[test]
    fn removal_keeps_the_path_and_expires_in_the_past() {
        let info = CookieInfo {
            path: "/basket",
            ..PLAIN
        };
        let line = removal_line(&info, false);
        assert!(line.starts_with("plain=; "), "{line}");
        assert!(line.contains("Path=/basket"), "{line}");
        assert!(line.contains("Max-Age=0"), "{line}");
        assert!(
            line.contains("Expires=Thu, 01 Jan 1970 00:00:00 GMT"),
            "{line}"
        );
    }

    #[test]
    fn a_host_prefixed_cookie_is_renamed_only_when_secure() {
        let info = CookieInfo {
            host_prefix: true,
            ..PLAIN
        };
        let secure = set_cookie_line(&info, "v", info.lifetime, true).unwrap();
        assert_eq!(secure, "__Host-plain=v; SameSite=Strict; Secure; Path=/");
        assert_eq!(
            set_cookie_line(&info, "v", info.lifetime, false).unwrap(),
            "plain=v; SameSite=Strict; Path=/"
        );
        assert!(removal_line(&info, true).starts_with("__Host-plain=; "));
    }

    #[test]
    fn lifetimes_are_capped_at_400_days() {
        let line =
            set_cookie_line(&PLAIN, "v", Lifetime::For(Duration::days(1000)), false).unwrap();
        assert!(line.ends_with("Max-Age=34560000"), "{line}");
    }

    #[test]
    fn a_cookie_of_exactly_the_limit_is_accepted() {
        let wire = "x".repeat(MAX_COOKIE_BYTES - PLAIN.name.len());
        assert!(set_cookie_line(&PLAIN, &wire, PLAIN.lifetime, false).is_ok());
    }

    #[test]
    fn a_cookie_over_the_limit_is_refused_with_its_size() {
        let wire = "x".repeat(MAX_COOKIE_BYTES - PLAIN.name.len() + 1);
        assert_eq!(
            set_cookie_line(&PLAIN, &wire, PLAIN.lifetime, false),
            Err(CookieError::TooLarge {
                size: MAX_COOKIE_BYTES + 1,
                limit: MAX_COOKIE_BYTES,
            })
        );
    }

    #[test]
    fn the_limit_counts_encoded_bytes() {
        // 1500 'é' are 3000 UTF-8 bytes but 9000 encoded ones.
        let wire = "é".repeat(1500).to_wire();
        assert!(matches!(
            set_cookie_line(&PLAIN, &wire, PLAIN.lifetime, false),
            Err(CookieError::TooLarge { size: 9005, .. })
        ));
    }

    /// RFC 6265 `cookie-octet`: what may appear unquoted in a cookie value.
    fn is_cookie_octet(byte: u8) -> bool {
        matches!(byte, 0x21 | 0x23..=0x2B | 0x2D..=0x3A | 0x3C..=0x5B | 0x5D..=0x7E)
    }

    // Reading headers and the write-read round trip are properties of the
    // public API, tested in `tests/codec_properties.rs`.
    proptest! {
        #![proptest_config(ProptestConfig::with_cases(2000))]

        #[test]
        fn encoded_text_holds_only_cookie_octets(text in any::<String>()) {
            let wire = encode_text(&text);
            prop_assert!(wire.bytes().all(is_cookie_octet), "{}", wire);
        }
    }
}
