//! The request's `Cookie` header, parsed once per request (by the server's
//! middleware) and shared by every read while the page renders.
//!
//! A browser sends every cookie of a host, whatever the port, so a student's
//! `localhost` carries the cookies of every project they have run: hundreds
//! of pairs are normal and are all read. Only a header beyond
//! [`MAX_COOKIE_HEADER_BYTES`] is refused.

use std::sync::Arc;

use http::header::COOKIE;
use http::HeaderMap;

use super::codec;

/// The most bytes of `Cookie` header the shop reads: a browser's full jar
/// for one host (Chromium keeps up to 180 cookies of at most 4096 bytes per
/// domain, but their total in practice stays far below this).
pub const MAX_COOKIE_HEADER_BYTES: usize = 64 * 1024;

/// The well-formed `name=value` pairs of a request, in the order sent.
#[derive(Debug, Clone, Default)]
pub struct RequestCookies {
    pairs: Arc<[(String, String)]>,
}

/// A `Cookie` header larger than [`MAX_COOKIE_HEADER_BYTES`].
#[derive(Debug, Clone, Copy, PartialEq, Eq, thiserror::Error)]
#[error(
    "Your browser sent {size} bytes of cookies for this site, more than the {limit} this shop \
     reads. Please delete some of this site's cookies in your browser's settings, then reload."
)]
pub struct CookieHeaderTooLarge {
    pub size: usize,
    pub limit: usize,
}

impl RequestCookies {
    /// Parses every `Cookie` line of `headers` (HTTP/2 may send several),
    /// in time linear in their size. Bytes that are not UTF-8 become U+FFFD,
    /// which spoils only the pair they are in.
    ///
    /// # Errors
    /// [`CookieHeaderTooLarge`] beyond [`MAX_COOKIE_HEADER_BYTES`].
    pub fn from_headers(headers: &HeaderMap) -> Result<Self, CookieHeaderTooLarge> {
        let lines = headers.get_all(COOKIE);
        let size = lines.iter().map(|line| line.len()).sum();
        if size > MAX_COOKIE_HEADER_BYTES {
            return Err(CookieHeaderTooLarge {
                size,
                limit: MAX_COOKIE_HEADER_BYTES,
            });
        }
        let pairs: Vec<_> = lines
            .iter()
            .flat_map(|line| codec::pairs(&String::from_utf8_lossy(line.as_bytes())))
            .collect();
        Ok(Self {
            pairs: pairs.into(),
        })
    }

    /// The pairs, in the order the browser sent them.
    pub fn pairs(&self) -> &[(String, String)] {
        &self.pairs
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use http::HeaderValue;

    fn headers(lines: &[&str]) -> HeaderMap {
        let mut headers = HeaderMap::new();
        for line in lines {
            headers.append(COOKIE, HeaderValue::from_str(line).unwrap());
        }
        headers
    }

    #[test]
    fn every_line_is_read_in_order() {
        let cookies = RequestCookies::from_headers(&headers(&["a=1; b=2", "c=3"])).unwrap();
        let names: Vec<&str> = cookies
            .pairs()
            .iter()
            .map(|(name, _)| name.as_str())
            .collect();
        assert_eq!(names, ["a", "b", "c"]);
    }

    #[test]
    fn hundreds_of_pairs_are_all_read_and_only_an_oversized_header_refused() {
        let many: Vec<String> = (0..500).map(|n| format!("project{n}=value{n}")).collect();
        let cookies = RequestCookies::from_headers(&headers(&[&many.join("; ")])).unwrap();
        assert_eq!(cookies.pairs().len(), 500);

        let line = format!("big={}", "x".repeat(4000));
        let lines = vec![line.as_str(); 17];
        let refused = RequestCookies::from_headers(&headers(&lines)).unwrap_err();
        assert_eq!(refused.limit, MAX_COOKIE_HEADER_BYTES);
        assert!(refused.size > MAX_COOKIE_HEADER_BYTES);
    }
}
