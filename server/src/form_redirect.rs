//! A form posted without JavaScript is answered with a redirect back to its
//! page (Leptos). Leptos writes a refused post's error into that address
//! (`?__path=…&__err=…`) and leaves a bare `?` after a successful one; the
//! shop sends the outcome in the flash cookie instead (`app::flash`), so
//! the redirect goes to the page's own address, which Back and reload can
//! show without an old message.

use axum::extract::Request;
use axum::http::{header, HeaderValue};
use axum::middleware::Next;
use axum::response::Response;

pub async fn to_the_page_itself(request: Request, next: Next) -> Response {
    let mut response = next.run(request).await;
    if !response.status().is_redirection() {
        return response;
    }
    let cleaned = response
        .headers()
        .get(header::LOCATION)
        .and_then(|location| location.to_str().ok())
        .map(without_outcome)
        .and_then(|location| HeaderValue::try_from(location).ok());
    if let Some(location) = cleaned {
        response.headers_mut().insert(header::LOCATION, location);
    }
    response
}

/// `location` without Leptos' outcome fields, and without a `?` that is
/// left with nothing after it.
fn without_outcome(location: &str) -> String {
    let Some((page, query)) = location.split_once('?') else {
        return location.to_owned();
    };
    let is_outcome = |pair: &&str| {
        let key = pair.split_once('=').map_or(*pair, |(key, _)| key);
        key == "__path" || key == "__err"
    };
    let kept: Vec<&str> = query
        .split('&')
        .filter(|pair| !pair.is_empty() && !is_outcome(pair))
        .collect();
    if kept.is_empty() {
        page.to_owned()
    } else {
        format!("{page}?{}", kept.join("&"))
    }
}

#[cfg(test)]
mod tests {
    use super::without_outcome;

    #[test]
    fn the_outcome_and_a_bare_question_mark_are_dropped() {
        let page = "http://127.0.0.1:3000/customer";
        assert_eq!(without_outcome(&format!("{page}?")), page);
        assert_eq!(
            without_outcome(&format!("{page}?__path=/api/remember_me&__err=eyJ9")),
            page
        );
        assert_eq!(without_outcome(page), page);
    }

    #[test]
    fn other_fields_stay() {
        assert_eq!(
            without_outcome("/basket?sort=name&__err=x&__path=/api/basket"),
            "/basket?sort=name"
        );
    }
}
