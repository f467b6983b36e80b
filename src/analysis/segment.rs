//! Word segmentation with jieba-rs and a trimmed, domain-aware dictionary loaded from bytes,
//! so lexicon matching respects word boundaries (不错 is not 错).

use std::fmt;
use std::sync::Arc;

use jieba_rs::Jieba;

use crate::analysis::error::AnalysisError;

/// Frequency given to lexicon words the dictionary lacks, high enough to keep them whole.
const LEXICON_WORD_FREQ: usize = 3000;

/// One token: the word and its byte range in the segmented text.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Token<'a> {
    /// The word.
    pub word: &'a str,
    /// Byte offset of its start.
    pub start: usize,
    /// Byte offset one past its end.
    pub end: usize,
}

/// A jieba segmenter, built once and shared (cloning is cheap).
///
/// ```
/// use moodwatch::analysis::segment::Segmenter;
///
/// let s = Segmenter::from_dict_bytes("不错 5000\n快递 3000\n".as_bytes(), ["差评"]).unwrap();
/// let words: Vec<&str> = s.cut("快递不错").iter().map(|t| t.word).collect();
/// assert_eq!(words, ["快递", "不错"]);
/// ```
#[derive(Clone)]
pub struct Segmenter {
    jieba: Arc<Jieba>,
}

impl fmt::Debug for Segmenter {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("Segmenter")
            .field("jieba", &self.jieba)
            .finish()
    }
}

impl Segmenter {
    /// Loads a `word freq [tag]` dictionary and adds `extra` words (the lexicon's own) that
    /// it lacks, so every lexicon entry can come out as one token.
    pub fn from_dict_bytes<'w>(
        dict: &[u8],
        extra: impl IntoIterator<Item = &'w str>,
    ) -> Result<Self, AnalysisError> {
        let dict = std::str::from_utf8(dict).map_err(|e| AnalysisError::Lexicon {
            file: "jieba_dict.txt".into(),
            line: 0,
            message: format!("not UTF-8: {e}"),
        })?;
        let mut jieba = Jieba::empty();
        jieba
            .load_dict_str(dict)
            .map_err(|e| AnalysisError::Lexicon {
                file: "jieba_dict.txt".into(),
                line: 0,
                message: format!("expected `word freq` lines: {e}"),
            })?;
        Ok(Self::with_extra(jieba, extra))
    }

    /// The same dictionary as [`Segmenter::from_dict_bytes`], given as `count` `(word, freq)`
    /// pairs in file order (the compiled lexicon stores them so, see `lexicon::compiled`).
    pub(crate) fn from_words<'d, 'w>(
        words: impl IntoIterator<Item = (&'d str, usize)>,
        count: usize,
        extra: impl IntoIterator<Item = &'w str>,
    ) -> Self {
        let mut jieba = Jieba::empty();
        jieba.load_words(words, count);
        Self::with_extra(jieba, extra)
    }

    /// Adds the lexicon's words the dictionary lacks.
    fn with_extra<'w>(mut jieba: Jieba, extra: impl IntoIterator<Item = &'w str>) -> Self {
        for w in extra {
            // English words need no dictionary entry: the lexicon rejoins ASCII runs itself.
            if w.chars().count() > 1
                && !w.is_ascii()
                && !w.contains(char::is_whitespace)
                && !jieba.has_word(w)
            {
                jieba.add_word(w, Some(LEXICON_WORD_FREQ), None);
            }
        }
        Segmenter {
            jieba: Arc::new(jieba),
        }
    }

    /// Segments `text` without the HMM (no model ships; unknown runs fall back to characters).
    pub fn cut<'a>(&self, text: &'a str) -> Vec<Token<'a>> {
        self.jieba
            .cut(text, false)
            .into_iter()
            .map(|t| Token {
                word: t.word,
                start: t.byte_start,
                end: t.byte_end,
            })
            .collect()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn extra_words_are_kept_whole() {
        let s = Segmenter::from_dict_bytes("差 100\n评 100\n".as_bytes(), ["差评"]).unwrap();
        let words: Vec<&str> = s.cut("差评").iter().map(|t| t.word).collect();
        assert_eq!(words, ["差评"]);
    }

    #[test]
    fn byte_ranges_cover_the_text() {
        let s = Segmenter::from_dict_bytes("你好 10\n".as_bytes(), []).unwrap();
        let text = "你好,world 😡";
        let toks = s.cut(text);
        assert_eq!(toks.iter().map(|t| t.word).collect::<String>(), text);
        for t in toks {
            assert_eq!(&text[t.start..t.end], t.word);
        }
    }

    #[test]
    fn bad_frequency_is_an_error() {
        assert!(Segmenter::from_dict_bytes("词 x\n".as_bytes(), []).is_err());
        let err = Segmenter::from_dict_bytes("快递 10\n\n词 x\n".as_bytes(), [])
            .unwrap_err()
            .to_string();
        assert!(err.contains("line 3"), "{err}");
        assert!(Segmenter::from_dict_bytes(b"\xff 10\n", []).is_err());
    }

    /// The fast load inserts without looking words up first: a repeated word must still
    /// keep one entry, with its last frequency, as `load_dict` did.
    #[test]
    fn a_repeated_word_keeps_its_last_frequency() {
        let words = |dict: &str| -> Vec<String> {
            let s = Segmenter::from_dict_bytes(dict.as_bytes(), []).unwrap();
            s.cut("不错了").iter().map(|t| t.word.to_string()).collect()
        };
        // 不错 rare, 错了 common: 不 / 错了. The same 不错 repeated as common wins.
        assert_eq!(
            words("不错 1\n错了 50000\n不 100\n了 100\n"),
            ["不", "错了"]
        );
        assert_eq!(
            words("不错 1\n错了 50000\n不 100\n了 100\n不错 900000\n"),
            ["不错", "了"]
        );
        assert_eq!(
            words("不错 900000\n错了 50000\n不 100\n了 100\n不错 1\n"),
            ["不", "错了"]
        );
    }
}
