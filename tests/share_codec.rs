//! Share links: any script survives the round trip, and anything else (truncated, altered,
//! foreign, empty, huge, a decompression bomb) is refused with an error: never a panic,
//! never a different script.
use proptest::prelude::*;
use replication_playground::script::share::{
    decode_session, encode_session, ShareError, MAX_FRAGMENT_CHARS, MAX_SCRIPT_BYTES, SHARE_VERSION,
};

/// An independent URL-safe base64 encoder (no padding), to build hostile fragments.
fn base64url(bytes: &[u8]) -> String {
    const ALPHABET: &[u8] = b"ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_";
    let mut bits = 0u32;
    let mut held = 0;
    let mut out = String::new();
    for &byte in bytes {
        bits = (bits << 8) | u32::from(byte);
        held += 8;
        while held >= 6 {
            held -= 6;
            out.push(char::from(ALPHABET[((bits >> held) & 63) as usize]));
        }
    }
    if held > 0 {
        out.push(char::from(ALPHABET[((bits << (6 - held)) & 63) as usize]));
    }
    out
}

fn fragment_of(version: u8, payload: &[u8]) -> String {
    let mut bytes = vec![version];
    bytes.extend(miniz_oxide::deflate::compress_to_vec_zlib(payload, 6));
    base64url(&bytes)
}

/// What the link's bytes are, for tampering with them.
fn bytes_of(fragment: &str) -> Vec<u8> {
    const ALPHABET: &str = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_";
    let mut bits = 0u32;
    let mut held = 0;
    let mut out = Vec::new();
    for c in fragment.chars() {
        bits = (bits << 6) | ALPHABET.find(c).expect("a link is base64url") as u32;
        held += 6;
        if held >= 8 {
            held -= 8;
            out.push((bits >> held) as u8);
        }
    }
    out
}

/// Script-like text: lines of words, values with spaces and quotes, comments, unicode.
fn script_text() -> impl Strategy<Value = String> {
    let line = prop_oneof![
        "[a-z-]{1,12}( [a-zA-Z0-9=,.-]{1,10}){0,5}",
        "produce orders-[0-9] \"[ -~]{0,20}\"",
        "# [^\n]{0,40}",
        Just(String::new()),
    ];
    prop::collection::vec(line, 0..60).prop_map(|lines| lines.join("\n"))
}

/// The result must be an error, or the very script that was encoded.
fn refused_or_same(result: &Result<String, ShareError>, original: &str) -> bool {
    match result {
        Err(_) => true,
        Ok(decoded) => decoded == original,
    }
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 256, failure_persistence: None, ..ProptestConfig::default() })]

    #[test]
    fn any_script_round_trips(script in prop_oneof![script_text(), any::<String>()]) {
        let fragment = encode_session(&script);
        prop_assert!(fragment.bytes().all(|b| b.is_ascii_alphanumeric() || b == b'-' || b == b'_'), "{}", fragment);
        prop_assert_eq!(decode_session(&fragment), Ok(script));
    }

    #[test]
    fn a_truncated_link_is_refused(script in script_text(), cut in any::<prop::sample::Index>()) {
        let fragment = encode_session(&script);
        let keep = cut.index(fragment.len());
        let result = decode_session(&fragment[..keep]);
        prop_assert!(result.is_err(), "kept {} of {}: {:?}", keep, fragment.len(), result);
    }

    #[test]
    fn a_flipped_bit_is_refused_or_harmless(script in script_text(), at in any::<prop::sample::Index>(), bit in 0u8..8) {
        let fragment = encode_session(&script);
        // In the text: a character turns into another (or into something not base64).
        let mut text = fragment.clone().into_bytes();
        let i = at.index(text.len());
        text[i] ^= 1 << bit;
        if let Ok(mangled) = String::from_utf8(text) {
            let result = decode_session(&mangled);
            prop_assert!(refused_or_same(&result, &script), "{:?}", result);
        }
        // In the bytes: the version, the zlib header, the deflate stream or the checksum.
        let mut bytes = bytes_of(&fragment);
        let j = at.index(bytes.len());
        bytes[j] ^= 1 << bit;
        let result = decode_session(&base64url(&bytes));
        prop_assert!(refused_or_same(&result, &script), "{:?}", result);
        if j == 0 {
            prop_assert_eq!(result, Err(ShareError::UnknownVersion(SHARE_VERSION ^ (1 << bit))));
        }
    }

    #[test]
    fn random_text_is_refused_without_panicking(text in any::<String>()) {
        // Never a panic; a random string is (overwhelmingly) not a valid link.
        let result = decode_session(&text);
        prop_assert!(result.is_err(), "{:?}", result);
    }

    #[test]
    fn random_base64_is_refused(bytes in prop::collection::vec(any::<u8>(), 0..400)) {
        let result = decode_session(&base64url(&bytes));
        prop_assert!(result.is_err(), "{:?}", result);
    }

    #[test]
    fn bytes_after_the_stream_are_refused(script in script_text(), extra in prop::collection::vec(any::<u8>(), 1..8)) {
        let mut bytes = bytes_of(&encode_session(&script));
        bytes.extend(extra);
        prop_assert_eq!(decode_session(&base64url(&bytes)), Err(ShareError::Corrupt));
    }
}

#[test]
fn empty_links_say_so() {
    for empty in ["", "#", "  \n", "# "] {
        assert_eq!(decode_session(empty), Err(ShareError::Empty), "{empty:?}");
    }
}

#[test]
fn other_base64_alphabets_and_padding_are_not_links() {
    let fragment = encode_session("brokers 3\n");
    for bad in [
        format!("{fragment}="),
        fragment.replace('-', "+").replace('_', "/") + "+/",
        "a b".to_string(),
        "é".to_string(),
    ] {
        assert_eq!(decode_session(&bad), Err(ShareError::NotBase64), "{bad}");
    }
}

/// A link cut short (a chat that wrapped it, a copy that missed its end) says it is damaged,
/// not that it is "not base64": every cut of a real link is refused as corrupt.
#[test]
fn a_truncated_link_is_reported_as_damaged() {
    let fragment = encode_session("seed 1\nbrokers 3\ntopic create orders partitions=3 rf=3\nrun 2s\n");
    for cut in 1..fragment.len() {
        assert_eq!(decode_session(&fragment[..cut]), Err(ShareError::Corrupt), "cut at {cut}");
    }
}

#[test]
fn a_newer_format_says_so() {
    let fragment = fragment_of(SHARE_VERSION + 1, b"brokers 3\n");
    let error = decode_session(&fragment).expect_err("a newer format");
    assert_eq!(error, ShareError::UnknownVersion(SHARE_VERSION + 1));
    assert!(error.to_string().contains("newer version of the playground"), "{error}");
    assert_eq!(decode_session(&fragment_of(0, b"x")), Err(ShareError::UnknownVersion(0)));
}

#[test]
fn text_that_is_not_utf8_is_corrupt() {
    assert_eq!(decode_session(&fragment_of(SHARE_VERSION, &[0x66, 0xff, 0xfe])), Err(ShareError::Corrupt));
}

#[test]
fn a_decompression_bomb_is_refused_early() {
    // 64 MiB of spaces deflate to about 64 KiB; the decoder inflates with its 512 KiB cap
    // as the output limit (inflate_zlib), so it stops there instead of filling memory.
    let bomb = fragment_of(SHARE_VERSION, &vec![b' '; 64 << 20]);
    assert!(bomb.len() < MAX_FRAGMENT_CHARS);
    assert_eq!(decode_session(&bomb), Err(ShareError::TooLarge));
}

#[test]
fn huge_links_are_refused_before_decoding() {
    let huge = "A".repeat(MAX_FRAGMENT_CHARS + 4);
    assert_eq!(decode_session(&huge), Err(ShareError::TooLarge));
}

#[test]
fn a_large_session_still_fits() {
    // A long session: 12,000 produce lines with run between them, under the 512 KiB cap
    // (a steady rate, however long, is one line).
    let script: String = (0..12_000).map(|i| format!("produce orders r{i}\nrun 100ms\n")).collect();
    assert!(script.len() < MAX_SCRIPT_BYTES);
    let fragment = encode_session(&script);
    assert!(fragment.len() < script.len() / 4, "compressed to {} chars from {}", fragment.len(), script.len());
    assert_eq!(decode_session(&fragment).as_deref(), Ok(script.as_str()));
}

#[test]
fn an_exported_session_survives_a_link() {
    use replication_playground::script::session::Session;
    let mut session = Session::from_script(
        "seed 4\nbrokers 3\ntopic create t partitions=2 rf=3\nproduce t \"a b\"\nrun 2s\ncrash broker 1\n",
    )
    .expect("valid");
    session.advance(10_000);
    let link = encode_session(&session.export_script());
    let restored = Session::from_script(&decode_session(&link).expect("decodes")).expect("runs");
    assert_eq!(restored.trace_hash(), session.trace_hash());
}
