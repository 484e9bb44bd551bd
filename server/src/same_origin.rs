//! Cross-site request forgery guard. A request that changes something (a
//! form post, a server function) must show it came from one of the shop's
//! own pages:
//!
//! * `Sec-Fetch-Site: same-origin`, which browsers set themselves; any
//!   other value (`cross-site`, `same-site`, `none`) is refused;
//! * else an `Origin` whose scheme, host and port are the request's public
//!   origin (see `request_origin.rs`: behind a proxy that is not the `Host`
//!   the shop receives);
//! * else a `Referer` on the public origin.
//!
//! A request with none of them is refused too: every browser sends at least
//! one, so only a tool or a forgery sends none. The refusal is a 403 that
//! says why — a page for a browser without JavaScript, the page's error
//! message for a server function called from the page's script.

use app::action::{ActionError, NoRefusal};
use app::cookies::PublicOrigin;
use axum::extract::Request;
use axum::http::{header, HeaderMap, HeaderValue, Method, StatusCode};
use axum::middleware::Next;
use axum::response::{Html, IntoResponse, Response};

use crate::request_origin::{origin_of_url, parse_origin, ClientAddress};

pub async fn refuse_cross_site_posts(request: Request, next: Next) -> Response {
    let safe = matches!(
        *request.method(),
        Method::GET | Method::HEAD | Method::OPTIONS
    );
    if safe {
        return next.run(request).await;
    }
    let public = request.extensions().get::<PublicOrigin>();
    match check(request.headers(), public) {
        Ok(()) => next.run(request).await,
        Err(reason) => {
            tracing::info!(
                client = ?request.extensions().get::<ClientAddress>().map(|client| client.0),
                path = request.uri().path(),
                %reason,
                "refused a post that did not come from the shop's own pages"
            );
            refusal(reason, request.headers())
        }
    }
}

/// Why a request was refused, as the end of a sentence.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Reason {
    OtherSite,
    OtherOrigin,
    NoOrigin,
}

impl std::fmt::Display for Reason {
    fn fmt(&self, formatter: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        formatter.write_str(match self {
            Self::OtherSite => "the browser said it was sent from another site",
            Self::OtherOrigin => "it came from a page that is not this shop's address",
            Self::NoOrigin => "it did not say which page it came from",
        })
    }
}

fn check(headers: &HeaderMap, public: Option<&PublicOrigin>) -> Result<(), Reason> {
    let text = |name| {
        headers
            .get(name)
            .and_then(|value: &HeaderValue| value.to_str().ok())
    };
    if let Some(site) = text("sec-fetch-site") {
        return match site.eq_ignore_ascii_case("same-origin") {
            true => Ok(()),
            false => Err(Reason::OtherSite),
        };
    }
    let claimed = match (
        text(header::ORIGIN.as_str()),
        text(header::REFERER.as_str()),
    ) {
        (Some(origin), _) => parse_origin(origin),
        (None, Some(referer)) => origin_of_url(referer),
        (None, None) => return Err(Reason::NoOrigin),
    };
    match (claimed, public) {
        (Some(claimed), Some(public)) if claimed == *public => Ok(()),
        _ => Err(Reason::OtherOrigin),
    }
}

/// A 403 that says why, in the form the sender can show.
fn refusal(reason: Reason, headers: &HeaderMap) -> Response {
    let shop = app::SHOP_NAME;
    let sentence = format!(
        "{shop} refused this form because {reason}. Please go back to the shop, reload the page and try again."
    );
    if app::response::wants_html(headers) {
        let page = format!(
            "<!DOCTYPE html>\n<html lang=\"en\"><head><meta charset=\"utf-8\">\
             <link rel=\"icon\" href=\"/favicon.svg\" type=\"image/svg+xml\">\
             <title>Refused · {shop}</title></head>\n<body><h1>Refused</h1>\n\
             <p>{sentence}</p>\n<p><a href=\"/\">Back to the shop</a></p></body></html>\n"
        );
        return (StatusCode::FORBIDDEN, Html(page)).into_response();
    }
    // The page's script reads a server function's error as JSON in the
    // shape of the app's one error type, which shows its own sentence.
    let message =
        serde_json::to_string(&ActionError::<NoRefusal>::NotFromThisSite).unwrap_or_default();
    let json = [(header::CONTENT_TYPE, "application/json")];
    (StatusCode::FORBIDDEN, json, message).into_response()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn verdict(pairs: &[(&'static str, &'static str)]) -> Result<(), Reason> {
        let mut headers = HeaderMap::new();
        for (name, value) in pairs {
            headers.append(*name, HeaderValue::from_static(value));
        }
        let public = parse_origin("https://shop.example");
        check(&headers, public.as_ref())
    }

    #[test]
    fn the_shops_own_pages_pass() {
        assert_eq!(verdict(&[("sec-fetch-site", "same-origin")]), Ok(()));
        assert_eq!(verdict(&[("origin", "https://shop.example")]), Ok(()));
        assert_eq!(verdict(&[("origin", "https://SHOP.example:443")]), Ok(()));
        assert_eq!(
            verdict(&[("referer", "https://shop.example/basket")]),
            Ok(())
        );
    }

    #[test]
    fn anything_else_is_refused_with_its_reason() {
        let refused = [
            (
                vec![
                    ("sec-fetch-site", "cross-site"),
                    ("origin", "https://shop.example"),
                ],
                Reason::OtherSite,
            ),
            (vec![("sec-fetch-site", "same-site")], Reason::OtherSite),
            (vec![("origin", "http://shop.example")], Reason::OtherOrigin),
            (
                vec![("origin", "https://evil.example")],
                Reason::OtherOrigin,
            ),
            (
                vec![("origin", "https://shop.example:8443")],
                Reason::OtherOrigin,
            ),
            (
                vec![("origin", "null"), ("referer", "https://shop.example/")],
                Reason::OtherOrigin,
            ),
            (
                vec![("referer", "https://evil.example/shop.example")],
                Reason::OtherOrigin,
            ),
            (vec![], Reason::NoOrigin),
        ];
        for (pairs, reason) in refused {
            assert_eq!(verdict(&pairs), Err(reason), "{pairs:?}");
        }
    }
}
