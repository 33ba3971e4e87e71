//! Share links: a session's script in a URL fragment. The fragment is URL-safe base64
//! (no padding) of one version byte followed by the script compressed with deflate in zlib
//! framing, whose adler32 of the inflated text makes a tampered link fail to decode rather
//! than decode into a different script. Decoding trusts nothing: every malformed, truncated,
//! oversized or foreign input is an error, never a panic.
use std::fmt;

#[cfg(not(feature = "browser-inflate"))]
use miniz_oxide::inflate::core::{decompress, inflate_flags, DecompressorOxide};
#[cfg(not(feature = "browser-inflate"))]
use miniz_oxide::inflate::TINFLStatus;

/// The format written by `encode_session`. A link whose first byte is higher was made by a
/// newer playground, which may have changed the format.
pub const SHARE_VERSION: u8 = 1;

/// The largest script the page takes in, from a link, an imported file or its own saved
/// copy: far more than any hand-made session (a steady rate is one line), and small enough
/// that a "decompression bomb" (a few bytes inflating to gigabytes) or a 50 MB file is
/// refused before any work.
pub const MAX_SCRIPT_BYTES: usize = 512 * 1024;

/// The longest fragment decoded at all, so a huge paste is refused before any work. Text
/// that does not compress still fits: base64 of 512 KiB plus zlib's overhead is under this.
pub const MAX_FRAGMENT_CHARS: usize = 750_000;

/// Best compression: links are short-lived but pasted into chats, so size matters more
/// than the few milliseconds level 9 costs on a session-sized script.
const COMPRESSION_LEVEL: u8 = 9;

const BASE64URL: &[u8; 64] = b"ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_";

/// Why a fragment does not decode to a script.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum ShareError {
    /// Nothing after the `#`.
    Empty,
    /// Characters outside URL-safe base64, an impossible length or non-canonical padding bits.
    NotBase64,
    /// A format this playground does not know (newer, or not a playground link).
    UnknownVersion(u8),
    /// Truncated or altered: the compressed data or its checksum does not hold.
    Corrupt,
    /// Longer than `MAX_FRAGMENT_CHARS`, or inflating past `MAX_SCRIPT_BYTES`.
    TooLarge,
}

impl fmt::Display for ShareError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            ShareError::Empty => f.write_str("the link holds no session"),
            ShareError::NotBase64 => f.write_str("the link is not a playground session (it is not URL-safe base64)"),
            ShareError::UnknownVersion(v) if *v > SHARE_VERSION => {
                write!(
                    f,
                    "the link was made by a newer version of the playground (format {v}); reload the page to update"
                )
            }
            ShareError::UnknownVersion(v) => write!(f, "the link is not a playground session (unknown format {v})"),
            ShareError::Corrupt => f.write_str("the link is damaged (truncated or altered); ask for it again"),
            ShareError::TooLarge => write!(f, "the link's session is larger than {} KiB", MAX_SCRIPT_BYTES / 1024),
        }
    }
}

impl std::error::Error for ShareError {}

/// The fragment for a script: version byte + zlib(script), as URL-safe base64 without
/// padding. A script longer than `MAX_SCRIPT_BYTES` encodes, but decodes to `TooLarge`.
pub fn encode_session(script: &str) -> String {
    fragment_of_deflated(&miniz_oxide::deflate::compress_to_vec_zlib(script.as_bytes(), COMPRESSION_LEVEL))
}

/// The fragment for a script already in a zlib stream: the page deflates with the browser's
/// `CompressionStream`, which keeps a compressor out of its bundle.
pub fn fragment_of_deflated(zlib: &[u8]) -> String {
    let mut bytes = vec![SHARE_VERSION];
    bytes.extend_from_slice(zlib);
    encode_base64url(&bytes)
}

/// The script a fragment holds. A leading `#` and surrounding whitespace are ignored, so the
/// page may pass `location.hash` as it is.
pub fn decode_session(fragment: &str) -> Result<String, ShareError> {
    let text = fragment.trim();
    let text = text.strip_prefix('#').unwrap_or(text);
    if text.is_empty() {
        return Err(ShareError::Empty);
    }
    if text.len() > MAX_FRAGMENT_CHARS {
        return Err(ShareError::TooLarge);
    }
    let inflated = inflate_zlib(&link_stream(text)?, MAX_SCRIPT_BYTES)?;
    String::from_utf8(inflated).map_err(|_| ShareError::Corrupt)
}

/// The zlib stream a link carries (after its version byte): what `decode_session` inflates.
pub fn link_stream(fragment: &str) -> Result<Vec<u8>, ShareError> {
    let text = fragment.trim();
    let text = text.strip_prefix('#').unwrap_or(text);
    let mut bytes = decode_base64url(text)?;
    let Some(&version) = bytes.first() else { return Err(ShareError::Empty) };
    if version != SHARE_VERSION {
        return Err(ShareError::UnknownVersion(version));
    }
    bytes.remove(0);
    Ok(bytes)
}

// The page's first load inflates with the browser (`ui::inflate`, DecompressionStream), which
// is asynchronous: before the page reads a link or a checkpoint it inflates their streams and
// leaves the results here, where `inflate_zlib` finds them. 11 kB of wasm less to load.
#[cfg(feature = "browser-inflate")]
thread_local! {
    static INFLATED: std::cell::RefCell<Vec<(Vec<u8>, Vec<u8>)>> = const { std::cell::RefCell::new(Vec::new()) };
}

/// Keeps what the browser inflated `stream` to, for `inflate_zlib`.
#[cfg(feature = "browser-inflate")]
pub fn remember_inflated(stream: &[u8], inflated: Vec<u8>) {
    INFLATED.with(|all| all.borrow_mut().push((stream.to_vec(), inflated)));
}

/// What the browser inflated `input` to: a stream it could not inflate (or never saw) is
/// corrupt, as the Rust inflater would say of it.
#[cfg(feature = "browser-inflate")]
pub(crate) fn inflate_zlib(input: &[u8], limit: usize) -> Result<Vec<u8>, ShareError> {
    let found = INFLATED.with(|all| all.borrow().iter().find(|(s, _)| s == input).map(|(_, out)| out.clone()));
    match found {
        Some(out) if out.len() <= limit => Ok(out),
        Some(_) => Err(ShareError::TooLarge),
        None => Err(ShareError::Corrupt),
    }
}

/// Inflates exactly one zlib stream, checking its adler32, into at most `limit` bytes.
/// Unlike `decompress_to_vec_zlib`, bytes after the end of the stream are an error: a link
/// with something appended has been altered.
#[cfg(not(feature = "browser-inflate"))]
pub(crate) fn inflate_zlib(mut input: &[u8], limit: usize) -> Result<Vec<u8>, ShareError> {
    let flags = inflate_flags::TINFL_FLAG_PARSE_ZLIB_HEADER | inflate_flags::TINFL_FLAG_USING_NON_WRAPPING_OUTPUT_BUF;
    // One byte past the limit, so that "exactly at the limit" and "past it" can be told apart.
    let capacity = limit.saturating_add(1);
    let mut output = vec![0u8; input.len().saturating_mul(4).clamp(64, capacity)];
    let mut decompressor = Box::<DecompressorOxide>::default();
    let mut written = 0;
    loop {
        let (status, consumed, produced) = decompress(&mut decompressor, input, &mut output, written, flags);
        written += produced;
        input = input.get(consumed..).ok_or(ShareError::Corrupt)?;
        match status {
            TINFLStatus::Done if input.is_empty() && written <= limit => {
                output.truncate(written);
                return Ok(output);
            }
            TINFLStatus::Done if written > limit => return Err(ShareError::TooLarge),
            TINFLStatus::HasMoreOutput if output.len() >= capacity => return Err(ShareError::TooLarge),
            TINFLStatus::HasMoreOutput => output.resize(output.len().saturating_mul(2).min(capacity), 0),
            _ => return Err(ShareError::Corrupt),
        }
    }
}

/// URL-safe base64 (RFC 4648 §5) without padding.
pub(crate) fn encode_base64url(bytes: &[u8]) -> String {
    let mut out = String::with_capacity(bytes.len().div_ceil(3) * 4);
    for chunk in bytes.chunks(3) {
        let b = [chunk[0], chunk.get(1).copied().unwrap_or(0), chunk.get(2).copied().unwrap_or(0)];
        let group = (u32::from(b[0]) << 16) | (u32::from(b[1]) << 8) | u32::from(b[2]);
        // n input bytes make n + 1 characters; the rest would be padding, which links omit.
        for i in 0..=chunk.len() {
            let sextet = (group >> (18 - 6 * i)) & 0x3f;
            out.push(char::from(BASE64URL[sextet as usize]));
        }
    }
    out
}

/// Strict decoding: only the URL-safe alphabet, no padding, no length that no byte count
/// gives, and unused low bits zero. Exactly one text encodes each byte string, so any edit
/// to a link changes the bytes (and the checksum catches it) or is refused here. A length
/// or stray bits that no encoding gives is a link cut short (a copy that missed its end):
/// `Corrupt`, which says so, rather than "not base64".
pub(crate) fn decode_base64url(text: &str) -> Result<Vec<u8>, ShareError> {
    if text.bytes().any(|c| base64url_value(c).is_none()) {
        return Err(ShareError::NotBase64);
    }
    if text.len() % 4 == 1 {
        return Err(ShareError::Corrupt);
    }
    let mut out = Vec::with_capacity(text.len() / 4 * 3 + 2);
    for chunk in text.as_bytes().chunks(4) {
        let mut group = 0u32;
        for (i, &c) in chunk.iter().enumerate() {
            group |= base64url_value(c).ok_or(ShareError::NotBase64)? << (18 - 6 * i);
        }
        let bytes = [(group >> 16) as u8, (group >> 8) as u8, group as u8];
        let kept = chunk.len() - 1;
        let unused_bits_zero = bytes[kept..].iter().all(|b| *b == 0);
        if !unused_bits_zero {
            return Err(ShareError::Corrupt);
        }
        out.extend_from_slice(&bytes[..kept]);
    }
    Ok(out)
}

fn base64url_value(c: u8) -> Option<u32> {
    match c {
        b'A'..=b'Z' => Some(u32::from(c - b'A')),
        b'a'..=b'z' => Some(u32::from(c - b'a') + 26),
        b'0'..=b'9' => Some(u32::from(c - b'0') + 52),
        b'-' => Some(62),
        b'_' => Some(63),
        _ => None,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn base64url_matches_rfc_4648_vectors() {
        let vectors = [
            ("", ""),
            ("f", "Zg"),
            ("fo", "Zm8"),
            ("foo", "Zm9v"),
            ("foob", "Zm9vYg"),
            ("fooba", "Zm9vYmE"),
            ("foobar", "Zm9vYmFy"),
        ];
        for (plain, encoded) in vectors {
            assert_eq!(encode_base64url(plain.as_bytes()), encoded);
            assert_eq!(decode_base64url(encoded).unwrap(), plain.as_bytes());
        }
        assert_eq!(encode_base64url(&[0xfb, 0xff]), "-_8");
    }

    #[test]
    fn base64url_refuses_padding_foreign_characters_and_stray_bits() {
        for bad in ["Zg==", "Zm9v+", "Zm9/", "Z", "Zh", "Zm9"] {
            let result = decode_base64url(bad);
            let canonical = result.as_ref().is_ok_and(|bytes| encode_base64url(bytes) == bad);
            assert!(result.is_err() || canonical, "{bad}");
        }
        assert_eq!(decode_base64url("Zh"), Err(ShareError::Corrupt));
        assert_eq!(decode_base64url("Z"), Err(ShareError::Corrupt));
        assert_eq!(decode_base64url("Zm9+"), Err(ShareError::NotBase64));
    }

    #[test]
    fn a_session_round_trips_and_a_hash_sign_is_ignored() {
        let script = "seed 7\nbrokers 3\ntopic create orders partitions=1 rf=3\nproduce orders-0 \"hello world\"\n";
        let fragment = encode_session(script);
        assert_eq!(decode_session(&fragment).as_deref(), Ok(script));
        assert_eq!(decode_session(&format!("#{fragment}\n")).as_deref(), Ok(script));
    }

    #[test]
    fn exactly_the_limit_decodes_and_one_byte_more_is_too_large() {
        let at_limit = "a".repeat(MAX_SCRIPT_BYTES);
        assert_eq!(decode_session(&encode_session(&at_limit)).map(|s| s.len()), Ok(MAX_SCRIPT_BYTES));
        let over = "a".repeat(MAX_SCRIPT_BYTES + 1);
        assert_eq!(decode_session(&encode_session(&over)), Err(ShareError::TooLarge));
    }

    #[test]
    fn errors_read_as_one_line() {
        assert!(ShareError::UnknownVersion(2).to_string().contains("newer version"));
        assert!(!ShareError::UnknownVersion(0).to_string().contains("newer"));
        for e in [ShareError::Empty, ShareError::NotBase64, ShareError::Corrupt, ShareError::TooLarge] {
            assert!(!e.to_string().contains('\n'));
        }
    }
}
