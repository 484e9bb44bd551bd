//! Cookies are input anyone can forge. Whatever `Cookie` header arrives,
//! every page answers, the well-formed cookies are still read and the rest
//! are ignored.

mod support;

use axum::body::Body;
use axum::http::{header, HeaderValue, Request, StatusCode};
use support::{consented_to_all, send, EVERY_PAGE};

/// A header that must not break anything, and whether the well-formed
/// `username=ian` inside it must still be read.
struct Hostile {
    what: &'static str,
    lines: Vec<HeaderValue>,
    still_greets_ian: bool,
}

fn line(bytes: impl AsRef<[u8]>) -> HeaderValue {
    HeaderValue::from_bytes(bytes.as_ref()).expect("a header value without CR, LF or NUL")
}

fn hostile_headers() -> Vec<Hostile> {
    let many_pairs: String =
        (0..500).map(|n| format!("c{n}=v{n}; ")).collect::<String>() + "username=ian";
    let eight_kb = format!("junk={}; username=ian", "x".repeat(8 * 1024));
    vec![
        Hostile {
            what: "bytes that are not UTF-8",
            lines: vec![line(b"a=\xff\xfe; username=ian; b=\xc3")],
            still_greets_ian: true,
        },
        Hostile {
            what: "an 8 KB header",
            lines: vec![line(eight_kb)],
            still_greets_ian: true,
        },
        Hostile {
            what: "500 pairs",
            lines: vec![line(many_pairs)],
            still_greets_ian: true,
        },
        Hostile {
            what: "duplicate names, first wins",
            lines: vec![line("username=ian; username=eve")],
            still_greets_ian: true,
        },
        Hostile {
            what: "= inside values",
            lines: vec![line("basket=a=b=c; username=ian")],
            still_greets_ian: true,
        },
        Hostile {
            what: "pairs without =",
            lines: vec![line("garbage; ; ;;username=ian;novalue")],
            still_greets_ian: true,
        },
        Hostile {
            what: "stray and unbalanced quotes",
            lines: vec![line(r#"a="; b=""x; username=ian; c=""#)],
            still_greets_ian: true,
        },
        Hostile {
            what: "bad % escapes",
            lines: vec![line("basket=%zz,%F,%%; note=%; username=ian")],
            still_greets_ian: true,
        },
        Hostile {
            what: "tabs and bytes above 127 (the only control-like bytes HTTP lets through)",
            lines: vec![line(b"a=\t\tx; b=\x80\x81; username=ian")],
            still_greets_ian: true,
        },
        Hostile {
            what: "several header lines",
            lines: vec![line("a=1"), line("username=ian"), line("b=2")],
            still_greets_ian: true,
        },
        Hostile {
            what: "a forged basket",
            lines: vec![line("basket=,,,; username=ian")],
            still_greets_ian: true,
        },
        Hostile {
            what: "a second consent answer: two answers count as none",
            lines: vec![line("consent=9:all:yesterday; username=ian")],
            still_greets_ian: false,
        },
        Hostile {
            what: "a name that does not decode",
            lines: vec![line("username=%FF%FE")],
            still_greets_ian: false,
        },
        Hostile {
            what: "markup as a name",
            lines: vec![line("username=%3Cscript%3E")],
            still_greets_ian: false,
        },
    ]
}

#[tokio::test]
async fn every_page_answers_every_hostile_header() {
    for hostile in hostile_headers() {
        for path in EVERY_PAGE {
            // The shopper allowed every cookie, so only the hostile part
            // can keep the shop from reading `username`.
            let mut request = Request::get(path).header(header::COOKIE, consented_to_all());
            for line in &hostile.lines {
                request = request.header(header::COOKIE, line.clone());
            }
            let reply = send(request.body(Body::empty()).unwrap()).await;
            let expected = if path == "/no/such/page" {
                StatusCode::NOT_FOUND
            } else {
                StatusCode::OK
            };
            assert_eq!(reply.status, expected, "{}: {path}", hostile.what);
            assert!(
                reply.body.contains("</html>"),
                "{}: {path}: the page is whole",
                hostile.what
            );
            if path == "/customer" {
                assert_eq!(
                    reply.body.contains("Welcome back, ian"),
                    hostile.still_greets_ian,
                    "{}",
                    hostile.what
                );
            }
            assert!(
                !reply.body.contains("<script>alert"),
                "{}: unescaped markup",
                hostile.what
            );
        }
    }
}

/// Sends raw bytes to the shop over a real socket and returns the status
/// line: header limits and header syntax are checked by the HTTP server
/// before the router sees anything.
async fn raw_status_line(cookie_line: &[u8]) -> String {
    use tokio::io::{AsyncReadExt, AsyncWriteExt};
    let listener = tokio::net::TcpListener::bind("127.0.0.1:0").await.unwrap();
    let address = listener.local_addr().unwrap();
    let server = tokio::spawn(async move {
        let settings = support::settings();
        let never = std::future::pending();
        server::serve::serve(listener, support::router(), &settings, never).await;
    });
    let mut request =
        format!("GET / HTTP/1.1\r\nHost: {address}\r\nConnection: close\r\nCookie: ").into_bytes();
    request.extend_from_slice(cookie_line);
    request.extend_from_slice(b"\r\n\r\n");
    let mut stream = tokio::net::TcpStream::connect(address).await.unwrap();
    // The server may answer and close before reading everything.
    let _ = stream.write_all(&request).await;
    let mut answer = Vec::new();
    let _ = stream.read_to_end(&mut answer).await;
    server.abort();
    let answer = String::from_utf8_lossy(&answer);
    answer.lines().next().unwrap_or("(no answer)").to_owned()
}

#[tokio::test]
async fn a_header_beyond_the_servers_limit_gets_431() {
    let huge = format!("junk={}", "x".repeat(1024 * 1024));
    assert_eq!(
        raw_status_line(huge.as_bytes()).await,
        "HTTP/1.1 431 Request Header Fields Too Large"
    );
}

#[tokio::test]
async fn control_characters_in_a_header_get_400_before_the_app() {
    assert_eq!(
        raw_status_line(b"a=\x01\x02; username=ian").await,
        "HTTP/1.1 400 Bad Request"
    );
}

#[tokio::test]
async fn cookies_beyond_the_documented_limit_get_431_with_a_sentence() {
    let line = format!("junk={}", "x".repeat(app::cookies::MAX_COOKIE_HEADER_BYTES));
    let request = Request::get("/customer").header(header::COOKIE, line);
    let reply = send(request.body(Body::empty()).unwrap()).await;
    assert_eq!(reply.status, StatusCode::REQUEST_HEADER_FIELDS_TOO_LARGE);
    assert!(
        reply.body.contains("delete some of this site's cookies"),
        "{}",
        reply.body
    );
}
