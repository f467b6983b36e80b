//! Featurisation of a message into hashed character n-gram ids, byte-for-byte the same as
//! `models/features.py` (the golden fixture checks both against each other).
//!
//! Normalisation, per Unicode scalar value: full-width ASCII (U+FF01–U+FF5E) becomes ASCII and
//! U+3000 a space; whitespace (U+0009–U+000D, U+0020, U+00A0, U+200B, U+3000) is dropped;
//! A–Z become a–z; a character repeated more than three times in a row is kept three times;
//! only the first [`MAX_CHARS`] characters count. Every run of 1..=[`MAX_N`] characters is hashed
//! with FNV-1a 32-bit over its UTF-8 bytes and masked to [`BUCKET_BITS`] bits; the ids are the
//! distinct values in ascending order.

/// Characters of a message that are read; the rest is ignored (bounds the cost per message).
pub const MAX_CHARS: usize = 512;
/// Longest character n-gram.
pub const MAX_N: usize = 4;
/// log2 of the number of hash buckets.
pub const BUCKET_BITS: u32 = 20;

/// FNV-1a 32-bit hash (offset basis 0x811C9DC5, prime 0x01000193).
///
/// ```
/// use moodwatch::analysis::model::features::fnv1a32;
/// assert_eq!(fnv1a32(b"a"), 0xe40c_292c);
/// ```
pub fn fnv1a32(bytes: &[u8]) -> u32 {
    bytes.iter().fold(0x811C_9DC5_u32, |h, &b| {
        (h ^ u32::from(b)).wrapping_mul(0x0100_0193)
    })
}

fn is_dropped_space(c: char) -> bool {
    matches!(
        c,
        '\u{9}'..='\u{d}' | ' ' | '\u{a0}' | '\u{200b}' | '\u{3000}'
    )
}

/// The normalised characters of a message (see the module docs).
///
/// ```
/// use moodwatch::analysis::model::features::normalize;
/// assert_eq!(normalize("ＡＢ  好好好好！"), "ab好好好!");
/// ```
pub fn normalize(text: &str) -> String {
    let mut out: Vec<char> = Vec::with_capacity(text.len().min(MAX_CHARS));
    for c in text.chars() {
        let mut cp = c as u32;
        if (0xFF01..=0xFF5E).contains(&cp) {
            cp -= 0xFEE0;
        } else if cp == 0x3000 {
            cp = 0x20;
        }
        let Some(mut c) = char::from_u32(cp) else {
            continue;
        };
        if is_dropped_space(c) {
            continue;
        }
        c = c.to_ascii_lowercase();
        let n = out.len();
        if n >= 3 && out[n - 1] == c && out[n - 2] == c && out[n - 3] == c {
            continue;
        }
        out.push(c);
        if out.len() == MAX_CHARS {
            break;
        }
    }
    out.into_iter().collect()
}

/// The distinct hashed n-gram ids of a message, ascending. Empty for an empty message.
///
/// ```
/// use moodwatch::analysis::model::features::ids_of;
/// assert!(ids_of("").is_empty());
/// assert_eq!(ids_of("好").len(), 1);
/// ```
pub fn ids_of(text: &str) -> Vec<i64> {
    let norm = normalize(text);
    // Byte offsets of each character boundary, so n-grams are slices of the UTF-8 string.
    let bounds: Vec<usize> = norm
        .char_indices()
        .map(|(i, _)| i)
        .chain(std::iter::once(norm.len()))
        .collect();
    let chars = bounds.len() - 1;
    let mask = (1u32 << BUCKET_BITS) - 1;
    let mut ids = Vec::with_capacity(chars * MAX_N);
    for n in 1..=MAX_N {
        for i in 0..chars.saturating_sub(n - 1) {
            let gram = &norm.as_bytes()[bounds[i]..bounds[i + n]];
            ids.push(i64::from(fnv1a32(gram) & mask));
        }
    }
    ids.sort_unstable();
    ids.dedup();
    ids
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn fnv_reference_values() {
        assert_eq!(fnv1a32(b""), 0x811C_9DC5);
        assert_eq!(fnv1a32(b"a"), 0xE40C_292C);
        assert_eq!(fnv1a32(b"foobar"), 0xBF9C_F968);
    }

    #[test]
    fn normalisation_rules() {
        assert_eq!(normalize("Ｈｅｌｌｏ\u{3000}World\t\n"), "helloworld");
        assert_eq!(normalize("啊啊啊啊啊啊？？？？"), "啊啊啊???");
        assert_eq!(normalize(&"好".repeat(2000)).chars().count(), 3);
        let long: String = "物流太慢".repeat(300);
        assert_eq!(normalize(&long).chars().count(), MAX_CHARS);
    }

    #[test]
    fn ids_are_sorted_distinct_and_bounded() {
        let ids = ids_of("请问什么时候发货？请问");
        assert!(ids.windows(2).all(|w| w[0] < w[1]));
        assert!(ids.iter().all(|&i| (0..1 << BUCKET_BITS).contains(&i)));
        assert!(ids_of("   \u{3000}").is_empty());
    }
}
