//! Lists of small numbers packed into one string of hex digits, as
//! `.scores.json` keeps a record's area scores and criteria: read straight
//! from the JSON text (no string made and parsed again) — a third of
//! reading 10,000 records.

use serde::de::{Error, Visitor};
use serde::{Deserialize, Deserializer, Serialize, Serializer};
use std::fmt;

/// A list of (a, b) pairs, each packed as `A` hex digits of `a` then `B`
/// hex digits of `b` (lower case, zero-padded).
#[derive(Debug, Clone, PartialEq, Default)]
pub struct Packed<const A: usize, const B: usize>(pub Vec<(u32, u32)>);

impl<const A: usize, const B: usize> Packed<A, B> {
    pub fn is_empty(&self) -> bool {
        self.0.is_empty()
    }

    fn parse(text: &str) -> Result<Vec<(u32, u32)>, String> {
        let bytes = text.as_bytes();
        let n = A + B;
        if bytes.len() % n != 0 {
            return Err(format!("bad packed list of {} characters", bytes.len()));
        }
        let number = |digits: &[u8]| {
            digits.iter().try_fold(0u32, |v, d| {
                let nibble = char::from(*d).to_digit(16)?;
                Some(v << 4 | nibble)
            })
        };
        bytes
            .chunks_exact(n)
            .map(|p| match (number(&p[..A]), number(&p[A..])) {
                (Some(a), Some(b)) => Ok((a, b)),
                _ => Err(format!("not hex: {:?}", String::from_utf8_lossy(p))),
            })
            .collect()
    }
}

impl<const A: usize, const B: usize> Serialize for Packed<A, B> {
    fn serialize<S: Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        let mut text = String::with_capacity(self.0.len() * (A + B));
        for (a, b) in &self.0 {
            use fmt::Write as _;
            let _ = write!(text, "{a:0A$x}{b:0B$x}");
        }
        s.serialize_str(&text)
    }
}

impl<'de, const A: usize, const B: usize> Deserialize<'de> for Packed<A, B> {
    fn deserialize<D: Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        struct V<const A: usize, const B: usize>;
        impl<const A: usize, const B: usize> Visitor<'_> for V<A, B> {
            type Value = Packed<A, B>;
            fn expecting(&self, f: &mut fmt::Formatter) -> fmt::Result {
                write!(f, "a string of hex digits in groups of {}", A + B)
            }
            fn visit_str<E: Error>(self, text: &str) -> Result<Self::Value, E> {
                Packed::<A, B>::parse(text).map(Packed).map_err(E::custom)
            }
        }
        d.deserialize_str(V::<A, B>)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn round_trips_as_the_hex_text() {
        let p: Packed<3, 8> = Packed(vec![(1, 0x4248_0000), (0xfff, 0)]);
        let json = serde_json::to_string(&p).unwrap();
        assert_eq!(json, r#""00142480000fff00000000""#);
        assert_eq!(serde_json::from_str::<Packed<3, 8>>(&json).unwrap(), p);
    }

    #[test]
    fn bad_text_is_refused() {
        for bad in [r#""00220""#, r#""zz12""#, r#""00-1""#, "12"] {
            assert!(serde_json::from_str::<Packed<3, 1>>(bad).is_err(), "{bad}");
        }
    }
}
