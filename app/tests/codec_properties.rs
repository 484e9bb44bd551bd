//! The codec under a large number of generated inputs (a property test in
//! the normal test run; no nightly needed), seeded with the committed
//! corpus in `tests/corpus/`.
//!
//! Properties: reading never panics and never returns a value spanning two
//! pairs; what the builder writes reads back as the same name and value.

use std::fs;
use std::path::Path;

use app::cookies::codec::{pairs, set_cookie_line, values_of};
use app::cookies::{CookieInfo, CookieValue, Lifetime};
use proptest::prelude::*;

/// The first value sent under `name` in a `Cookie` header, as the shop reads it.
fn find(header: &str, name: &str) -> Option<String> {
    values_of(&pairs(header), name).next().map(str::to_owned)
}

/// A cookie like the shop's `username`, which carries any text.
const TEXT: CookieInfo = CookieInfo::site_wide("username", Lifetime::Session);

/// How many generated cases each property runs; the closing number of a
/// test run is this times the number of properties.
const CASES: u32 = 10_000;

fn corpus() -> Vec<String> {
    let folder = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/corpus");
    let mut seeds: Vec<String> = fs::read_dir(&folder)
        .expect("the seed corpus is committed")
        .map(|entry| fs::read(entry.unwrap().path()).unwrap())
        .map(|bytes| String::from_utf8_lossy(&bytes).into_owned())
        .collect();
    seeds.sort();
    seeds
}

/// Reads a header and checks what any reader may rely on.
fn read_back(header: &str) -> Result<(), TestCaseError> {
    for (name, value) in pairs(header) {
        prop_assert!(
            !name.contains(';') && !value.contains(';'),
            "{name}={value}"
        );
        prop_assert!(!name.is_empty());
        // `find` agrees with `pairs` on the first pair of each name.
        let first = pairs(header)
            .into_iter()
            .find(|(other, _)| *other == name)
            .map(|(_, value)| value);
        prop_assert_eq!(find(header, &name), first);
    }
    Ok(())
}

/// Header-like text: fragments that matter to the parser, mixed with any text.
fn header_like() -> impl Strategy<Value = String> {
    let fragment = prop_oneof![
        any::<String>(),
        Just(";".to_owned()),
        Just("=".to_owned()),
        Just("\"".to_owned()),
        Just("%".to_owned()),
        Just(" ".to_owned()),
        "[a-z_]{1,8}",
        "%[0-9A-Fa-f]{0,2}",
    ];
    prop::collection::vec(fragment, 0..40).prop_map(|parts| parts.concat())
}

#[test]
fn every_seed_reads_without_surprise() {
    let seeds = corpus();
    assert!(seeds.len() >= 5, "the corpus has {} seeds", seeds.len());
    for seed in seeds {
        read_back(&seed).unwrap();
    }
}

#[test]
fn the_lecture_seed_reads_as_the_lecture_says() {
    let lecture = corpus()
        .into_iter()
        .find(|seed| seed.contains("oil,filter"))
        .unwrap();
    assert_eq!(find(&lecture, "username").as_deref(), Some("ian"));
    assert_eq!(
        find(&lecture, "basket").as_deref(),
        Some("oil,filter,bolt,washer")
    );
}

proptest! {
    #![proptest_config(ProptestConfig { cases: CASES, ..ProptestConfig::default() })]

    #[test]
    fn reading_any_header_never_panics_nor_spans_two_pairs(header in prop_oneof![
        header_like(),
        (prop::sample::select(corpus()), header_like()).prop_map(|(seed, tail)| seed + &tail),
    ]) {
        read_back(&header)?;
    }

    #[test]
    fn what_the_builder_writes_reads_back(value in any::<String>(), before in header_like()) {
        let wire = value.to_wire();
        match set_cookie_line(&TEXT, &wire, Lifetime::Session, false) {
            Ok(line) => {
                let (pair, _) = line.split_once("; ").unwrap_or((&line, ""));
                // Whatever came before in the header, ours is found once the
                // junk is its own pair.
                let header = format!("{}; {pair}", before.replace(TEXT.name, "x"));
                let found = find(&header, TEXT.name).expect("our pair is found");
                prop_assert_eq!(String::from_wire(&found), Ok(value));
            }
            Err(error) => prop_assert!(TEXT.name.len() + wire.len() > 4096, "{error}"),
        }
    }
}
