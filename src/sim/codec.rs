//! A compact binary encoding of the simulator's state, for checkpoints (a reload restores
//! the state instead of replaying the session). Hand-written rather than serde-derived: the
//! derives and a serde format (bincode) cost the page 57 kB of gzipped wasm, this about 27.
//!
//! Each type writes its fields in declaration order, integers as LEB128 varints, an enum its
//! variant's index as one byte first. `codec!` writes the impl from the list of fields, next
//! to the type; building a struct by name in `decode` makes the compiler refuse a list that
//! misses a field. Decoding is total: bad input gives `None`, never a panic, and a length
//! never allocates more than the input could hold.
use std::collections::{BTreeMap, BTreeSet, VecDeque};
use std::sync::Arc;

pub trait Codec: Sized {
    fn encode(&self, out: &mut Vec<u8>);
    fn decode(input: &mut &[u8]) -> Option<Self>;
}

/// Encodes a value on its own.
pub fn to_bytes<T: Codec>(value: &T) -> Vec<u8> {
    let mut out = Vec::new();
    value.encode(&mut out);
    out
}

/// Decodes a value that must use all of `bytes`.
pub fn from_bytes<T: Codec>(mut bytes: &[u8]) -> Option<T> {
    let value = T::decode(&mut bytes)?;
    bytes.is_empty().then_some(value)
}

fn write_varint(mut value: u64, out: &mut Vec<u8>) {
    while value >= 0x80 {
        out.push((value as u8) | 0x80);
        value >>= 7;
    }
    out.push(value as u8);
}

fn read_varint(input: &mut &[u8]) -> Option<u64> {
    let mut value = 0u64;
    for shift in (0..64).step_by(7) {
        let (&byte, rest) = input.split_first()?;
        *input = rest;
        value |= u64::from(byte & 0x7f).checked_shl(shift)?;
        if byte & 0x80 == 0 {
            return Some(value);
        }
    }
    None
}

pub(crate) fn read_byte(input: &mut &[u8]) -> Option<u8> {
    let (&byte, rest) = input.split_first()?;
    *input = rest;
    Some(byte)
}

/// A length that the rest of the input could hold (every element takes a byte or more,
/// but for zero-sized ones, which are never stored in long runs here).
fn read_len(input: &mut &[u8]) -> Option<usize> {
    let len = usize::try_from(read_varint(input)?).ok()?;
    (len <= input.len()).then_some(len)
}

macro_rules! codec_unsigned {
    ($($t:ty),*) => {$(
        impl Codec for $t {
            fn encode(&self, out: &mut Vec<u8>) {
                write_varint(*self as u64, out);
            }
            fn decode(input: &mut &[u8]) -> Option<Self> {
                <$t>::try_from(read_varint(input)?).ok()
            }
        }
    )*};
}
codec_unsigned!(u16, u32, u64, usize);

impl Codec for u8 {
    fn encode(&self, out: &mut Vec<u8>) {
        out.push(*self);
    }
    fn decode(input: &mut &[u8]) -> Option<Self> {
        read_byte(input)
    }
}

impl Codec for i64 {
    fn encode(&self, out: &mut Vec<u8>) {
        write_varint(((*self << 1) ^ (*self >> 63)) as u64, out); // zigzag
    }
    fn decode(input: &mut &[u8]) -> Option<Self> {
        let raw = read_varint(input)?;
        Some((raw >> 1) as i64 ^ -((raw & 1) as i64))
    }
}

impl Codec for bool {
    fn encode(&self, out: &mut Vec<u8>) {
        out.push(u8::from(*self));
    }
    fn decode(input: &mut &[u8]) -> Option<Self> {
        match read_byte(input)? {
            0 => Some(false),
            1 => Some(true),
            _ => None,
        }
    }
}

impl Codec for String {
    fn encode(&self, out: &mut Vec<u8>) {
        self.len().encode(out);
        out.extend_from_slice(self.as_bytes());
    }
    fn decode(input: &mut &[u8]) -> Option<Self> {
        let len = read_len(input)?;
        let (bytes, rest) = input.split_at(len);
        *input = rest;
        String::from_utf8(bytes.to_vec()).ok()
    }
}

/// A slice, as a `Vec` of it is written.
pub fn encode_slice<T: Codec>(items: &[T], out: &mut Vec<u8>) {
    items.len().encode(out);
    items.iter().for_each(|item| item.encode(out));
}

impl<T: Codec> Codec for Vec<T> {
    fn encode(&self, out: &mut Vec<u8>) {
        encode_slice(self, out);
    }
    fn decode(input: &mut &[u8]) -> Option<Self> {
        let len = read_len(input)?;
        let mut items = Vec::with_capacity(len);
        for _ in 0..len {
            items.push(T::decode(input)?);
        }
        Some(items)
    }
}

impl<T: Codec> Codec for VecDeque<T> {
    fn encode(&self, out: &mut Vec<u8>) {
        self.len().encode(out);
        self.iter().for_each(|item| item.encode(out));
    }
    fn decode(input: &mut &[u8]) -> Option<Self> {
        Vec::decode(input).map(VecDeque::from)
    }
}

impl<T: Codec> Codec for Box<[T]> {
    fn encode(&self, out: &mut Vec<u8>) {
        self.len().encode(out);
        self.iter().for_each(|item| item.encode(out));
    }
    fn decode(input: &mut &[u8]) -> Option<Self> {
        Vec::decode(input).map(Vec::into_boxed_slice)
    }
}

impl<T: Codec> Codec for Box<T> {
    fn encode(&self, out: &mut Vec<u8>) {
        (**self).encode(out);
    }
    fn decode(input: &mut &[u8]) -> Option<Self> {
        T::decode(input).map(Box::new)
    }
}

/// Shared parts are written once per place that holds them (a checkpoint holds one state).
impl<T: Codec> Codec for Arc<T> {
    fn encode(&self, out: &mut Vec<u8>) {
        (**self).encode(out);
    }
    fn decode(input: &mut &[u8]) -> Option<Self> {
        T::decode(input).map(Arc::new)
    }
}

impl Codec for Box<str> {
    fn encode(&self, out: &mut Vec<u8>) {
        self.len().encode(out);
        out.extend_from_slice(self.as_bytes());
    }
    fn decode(input: &mut &[u8]) -> Option<Self> {
        String::decode(input).map(String::into_boxed_str)
    }
}

impl<T: Codec, E: Codec> Codec for Result<T, E> {
    fn encode(&self, out: &mut Vec<u8>) {
        match self {
            Ok(value) => (out.push(0), value.encode(out)).1,
            Err(error) => (out.push(1), error.encode(out)).1,
        }
    }
    fn decode(input: &mut &[u8]) -> Option<Self> {
        match read_byte(input)? {
            0 => T::decode(input).map(Ok),
            1 => E::decode(input).map(Err),
            _ => None,
        }
    }
}

impl Codec for () {
    fn encode(&self, _: &mut Vec<u8>) {}
    fn decode(_: &mut &[u8]) -> Option<Self> {
        Some(())
    }
}

impl<T: Codec> Codec for Option<T> {
    fn encode(&self, out: &mut Vec<u8>) {
        match self {
            None => out.push(0),
            Some(value) => {
                out.push(1);
                value.encode(out);
            }
        }
    }
    fn decode(input: &mut &[u8]) -> Option<Self> {
        match read_byte(input)? {
            0 => Some(None),
            1 => T::decode(input).map(Some),
            _ => None,
        }
    }
}

impl<K: Codec + Ord, V: Codec> Codec for BTreeMap<K, V> {
    fn encode(&self, out: &mut Vec<u8>) {
        self.len().encode(out);
        self.iter().for_each(|(k, v)| (k.encode(out), v.encode(out)).1);
    }
    fn decode(input: &mut &[u8]) -> Option<Self> {
        // Inserted one by one: collecting would sort them, and a sort per map type costs
        // the page more code than the rest of the codec.
        let mut map = BTreeMap::new();
        for _ in 0..read_len(input)? {
            let key = K::decode(input)?;
            map.insert(key, V::decode(input)?);
        }
        Some(map)
    }
}

impl<T: Codec + Ord> Codec for BTreeSet<T> {
    fn encode(&self, out: &mut Vec<u8>) {
        self.len().encode(out);
        self.iter().for_each(|item| item.encode(out));
    }
    fn decode(input: &mut &[u8]) -> Option<Self> {
        let mut set = BTreeSet::new();
        for _ in 0..read_len(input)? {
            set.insert(T::decode(input)?);
        }
        Some(set)
    }
}

impl<A: Codec, B: Codec> Codec for (A, B) {
    fn encode(&self, out: &mut Vec<u8>) {
        self.0.encode(out);
        self.1.encode(out);
    }
    fn decode(input: &mut &[u8]) -> Option<Self> {
        Some((A::decode(input)?, B::decode(input)?))
    }
}

impl<A: Codec, B: Codec, C: Codec> Codec for (A, B, C) {
    fn encode(&self, out: &mut Vec<u8>) {
        self.0.encode(out);
        self.1.encode(out);
        self.2.encode(out);
    }
    fn decode(input: &mut &[u8]) -> Option<Self> {
        Some((A::decode(input)?, B::decode(input)?, C::decode(input)?))
    }
}

impl<T: Codec, const N: usize> Codec for [T; N] {
    fn encode(&self, out: &mut Vec<u8>) {
        self.iter().for_each(|item| item.encode(out));
    }
    fn decode(input: &mut &[u8]) -> Option<Self> {
        let items: Vec<T> = (0..N).map(|_| T::decode(input)).collect::<Option<_>>()?;
        items.try_into().ok()
    }
}

/// The `Codec` impl of a type from its fields, in declaration order:
/// `codec!(struct Name { a, b });`, `codec!(struct Name(_0, _1));`, or an enum with each
/// variant's index: `codec!(enum Name { A = 0, B(_0) = 1, C { x, y } = 2 });`.
#[macro_export]
macro_rules! codec {
    (struct $name:ident { $($field:ident),* $(,)? }) => {
        impl $crate::sim::codec::Codec for $name {
            fn encode(&self, out: &mut Vec<u8>) {
                $( $crate::sim::codec::Codec::encode(&self.$field, out); )*
                let _ = out;
            }
            fn decode(input: &mut &[u8]) -> Option<Self> {
                let _ = &input;
                Some($name { $( $field: $crate::sim::codec::Codec::decode(input)?, )* })
            }
        }
    };
    (struct $name:ident ( $($field:ident),* )) => {
        impl $crate::sim::codec::Codec for $name {
            fn encode(&self, out: &mut Vec<u8>) {
                let $name($($field),*) = self;
                $( $crate::sim::codec::Codec::encode($field, out); )*
            }
            fn decode(input: &mut &[u8]) -> Option<Self> {
                Some($name($( { let $field = $crate::sim::codec::Codec::decode(input)?; $field } ),*))
            }
        }
    };
    (enum $name:ident {
        $( $variant:ident $( ( $($tuple:ident),* ) )? $( { $($field:ident),* } )? = $tag:literal ),* $(,)?
    }) => {
        impl $crate::sim::codec::Codec for $name {
            fn encode(&self, out: &mut Vec<u8>) {
                match self {
                    $( $name::$variant $( ( $($tuple),* ) )? $( { $($field),* } )? => {
                        out.push($tag);
                        $( $( $crate::sim::codec::Codec::encode($tuple, out); )* )?
                        $( $( $crate::sim::codec::Codec::encode($field, out); )* )?
                    } )*
                }
            }
            fn decode(input: &mut &[u8]) -> Option<Self> {
                Some(match $crate::sim::codec::read_byte(input)? {
                    $( $tag => $name::$variant
                        $( ( $( { let $tuple = $crate::sim::codec::Codec::decode(input)?; $tuple } ),* ) )?
                        $( { $( $field: $crate::sim::codec::Codec::decode(input)? ),* } )?, )*
                    _ => return None,
                })
            }
        }
    };
}

/// The `Codec` impl of scratch space a state holds between uses (a handler's outbox, a pool
/// of cleared buffers): nothing of it is written, and it reads back as new. What it holds
/// never changes what happens next, so a restored state behaves as the original.
#[macro_export]
macro_rules! codec_scratch {
    ($name:ident) => {
        impl $crate::sim::codec::Codec for $name {
            fn encode(&self, _: &mut Vec<u8>) {}
            fn decode(_: &mut &[u8]) -> Option<Self> {
                Some($name::default())
            }
        }
    };
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn values_round_trip_and_bad_input_is_refused() {
        let value: (Vec<Option<u64>>, BTreeMap<u32, String>, i64) =
            (vec![Some(u64::MAX), None, Some(300)], BTreeMap::from([(7, "x".to_owned())]), -5);
        let bytes = to_bytes(&value);
        assert_eq!(from_bytes(&bytes), Some(value));
        for cut in 0..bytes.len() {
            assert_eq!(from_bytes::<(Vec<Option<u64>>, BTreeMap<u32, String>, i64)>(&bytes[..cut]), None);
        }
        assert_eq!(from_bytes::<Vec<u8>>(&[0xff, 0xff, 0xff, 0xff, 0x0f]), None, "a length past the input");
        assert_eq!(from_bytes::<bool>(&[2]), None);
        assert_eq!(from_bytes::<u16>(&to_bytes(&70_000u32)), None, "out of range");
    }
}
