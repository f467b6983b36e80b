//! The English word list (`english.tsv`), kept apart from the Chinese tables: it is a third of
//! the lexicon's load (measured natively: 1.8 of 5.3 ms; in a browser the load runs in
//! baseline-compiled wasm, several times slower), and a console that never sees an English
//! message need not pay for it before it can read its first Chinese one.

use std::sync::{Arc, OnceLock};

use rustc_hash::FxHashMap as HashMap;

use super::{parse_level, parse_weight, Entry, Kind};
use crate::analysis::assessment::Level;
use crate::analysis::error::AnalysisError;
use crate::analysis::normalize::{tsv_rows, Normalizer};

/// Token-matched entries by their (folded) word.
pub(crate) type WordTable = HashMap<Box<str>, Entry>;

/// The English words: parsed with the rest of the lexicon when the caller supplied the bytes
/// (so that a bad row is reported by the load), or, for the embedded file, parsed the first
/// time an English word is looked up. The embedded file cannot fail to parse at that point:
/// the test suite parses it eagerly (`deferred_english_matches_eager`).
#[derive(Debug)]
pub(crate) struct EnglishWords {
    table: OnceLock<WordTable>,
    /// The embedded file while it waits to be parsed; empty when it was parsed at load.
    deferred: &'static [u8],
}

impl EnglishWords {
    /// A table already parsed.
    pub(crate) fn parsed(table: WordTable) -> Self {
        let cell = OnceLock::new();
        let _ = cell.set(table);
        EnglishWords {
            table: cell,
            deferred: &[],
        }
    }

    /// The embedded file, parsed on first use.
    pub(crate) fn deferred(bytes: &'static [u8]) -> Self {
        EnglishWords {
            table: OnceLock::new(),
            deferred: bytes,
        }
    }

    /// The table, parsing the deferred file now if it has not been yet.
    pub(crate) fn table(&self, normalizer: &Normalizer) -> &WordTable {
        self.table
            .get_or_init(|| parse(normalizer, self.deferred).unwrap_or_default())
    }

    /// Whether the table has been parsed.
    pub(crate) fn is_parsed(&self) -> bool {
        self.table.get().is_some()
    }
}

/// Whether `word` is one the English table could hold: ASCII with at least one letter. The
/// lexicon looks English up only for such tokens, so Chinese words, numbers and prices never
/// wait for the table to be parsed.
pub(crate) fn could_be_english(word: &str) -> bool {
    word.is_ascii() && word.bytes().any(|b| b.is_ascii_alphabetic())
}

/// Parses `word<TAB>weight<TAB>level<TAB>origin` rows. Every word must pass
/// [`could_be_english`] after folding (an error names the row otherwise).
pub(crate) fn parse(normalizer: &Normalizer, bytes: &[u8]) -> Result<WordTable, AnalysisError> {
    // Sized up front (rows average 28 bytes): growing a map of ~4,700 entries rehashes it a
    // dozen times.
    let mut table: WordTable =
        HashMap::with_capacity_and_hasher(bytes.len() / 28, Default::default());
    // Thousands of rows share a few dozen notes ("vader -1.4"): one allocation each.
    let mut notes: HashMap<&str, Arc<str>> = HashMap::default();
    for (line, cols) in tsv_rows::<4>("english.tsv", bytes)? {
        let bad = |message: String| AnalysisError::Lexicon {
            file: "english.tsv".into(),
            line,
            message,
        };
        let weight = parse_weight("english.tsv", line, cols[1])?;
        let level = parse_level(cols[2]).map_err(bad)?;
        let word = normalizer.fold_if_needed(cols[0]);
        if !could_be_english(&word) {
            return Err(bad(format!(
                "`{}` is not an English word (ASCII with a letter)",
                cols[0]
            )));
        }
        table.insert(
            word.into(),
            Entry {
                kind: Kind::Word,
                weight,
                level,
                note: notes
                    .entry(cols[3])
                    .or_insert_with(|| Arc::from(format!("英文：{}", cols[3]).as_str()))
                    .clone(),
                // Strong words set levels like curated ones; the rest only add to the score,
                // damped in questions like the review-trained general words.
                curated: level > Level::Calm,
            },
        );
    }
    Ok(table)
}
