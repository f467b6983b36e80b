//! The lexicon's files compiled into one binary file (`lexicon/compiled.bin`), which the
//! default build embeds and loads.
//!
//! Why: a page loads the lexicon on every start, in baseline-compiled wasm, where reading the
//! text files was about half of the load (a V8 profile of cold loads in Node, which runs the
//! same wasm the same way: UTF-8 validation, splitting tabs and lines, parsing decimal
//! weights, folding every pattern, and the temporary rows dropped afterwards). The compiled
//! file holds the rows as the tables take them — patterns already folded, weights as `f32`,
//! kinds and levels as bytes, the segmentation dictionary as `(word, frequency)` pairs — so
//! loading it is building the tables and nothing else. The text files stay the source (they
//! are what people edit and review); `cargo run --example compile_lexicon` writes the compiled
//! file from them, and a test fails if it is not what they compile to. The English list is
//! not in it: it is parsed on first use anyway (see `english_words`).
//!
//! Layout (little-endian; `n` is an unsigned LEB128 number, a string is `n` bytes of UTF-8):
//!
//! ```text
//! "MWLX" version:u8
//! t2s:      n × (traditional:n simplified:n)           code points, sorted, one per character
//! variants: n × (variant:str canonical:str)            folded, file order
//! notes:    n × str                                     the general list's notes
//! general:  n × (word:str weight:f32 note:n)            folded, file order, no Latin-only words
//! curated:  n × (pattern:str kind:u8 weight:f32 level:u8 note:str)   folded, file order
//! dict:     n × (word:str frequency:n)                  jieba dictionary, file order
//! ```

use std::borrow::Cow;

use super::{
    assemble, curated_rows, general_rows, CuratedRow, EnglishWords, GeneralRow, Kind, Lexicon,
    LexiconSources,
};
use crate::analysis::assessment::Level;
use crate::analysis::error::AnalysisError;
use crate::analysis::normalize::Normalizer;
use crate::analysis::segment::Segmenter;

const MAGIC: &[u8; 4] = b"MWLX";
const VERSION: u8 = 1;

/// Compiles the lexicon's text files (all but English) into the binary form. Every check
/// the text load makes is made here, so a bad row fails the compilation with the same error.
///
/// ```
/// use moodwatch::analysis::lexicon::{compiled, Lexicon, LexiconSources};
///
/// let bin = compiled::compile(LexiconSources::embedded()).unwrap();
/// assert_eq!(bin, moodwatch::analysis::lexicon::embedded::COMPILED);
/// ```
pub fn compile(src: LexiconSources<'_>) -> Result<Vec<u8>, AnalysisError> {
    let normalizer = Normalizer::from_bytes(src.t2s, &[])?;
    let variants = normalizer.variant_rows(src.variants)?;
    let general = general_rows(&normalizer, src.general)?;
    let curated = curated_rows(&normalizer, src.curated)?;
    let dict = dict_words(src.jieba_dict)?;

    let mut w = Writer(Vec::with_capacity(
        src.general.len() + src.curated.len() + src.jieba_dict.len(),
    ));
    w.0.extend_from_slice(MAGIC);
    w.0.push(VERSION);
    let pairs = normalizer.t2s_pairs();
    w.n(pairs.len());
    for &(t, s) in pairs {
        w.n(t as usize);
        w.n(s as usize);
    }
    w.n(variants.len());
    for (from, to) in &variants {
        w.str(from);
        w.str(to);
    }
    let mut notes: Vec<&str> = Vec::new();
    for row in &general {
        if !notes.contains(&row.note) {
            notes.push(row.note);
        }
    }
    w.n(notes.len());
    for note in &notes {
        w.str(note);
    }
    w.n(general.len());
    for row in &general {
        w.str(&row.word);
        w.f32(row.weight);
        w.n(notes.iter().position(|n| *n == row.note).unwrap_or(0));
    }
    w.n(curated.len());
    for row in &curated {
        w.str(&row.pattern);
        w.0.push(Kind::ALL.iter().position(|k| *k == row.kind).unwrap_or(0) as u8);
        w.f32(row.weight);
        w.0.push(row.level.as_u8());
        w.str(row.note);
    }
    w.n(dict.len());
    for (word, freq) in &dict {
        w.str(word);
        w.n(*freq);
    }
    Ok(w.0)
}

/// Loads the embedded compiled lexicon, with the embedded English list parsed on first use.
#[cfg(feature = "embedded-data")]
pub(crate) fn load(bin: &'static [u8], english: &'static [u8]) -> Result<Lexicon, AnalysisError> {
    // The embedded file is what `compile` wrote from valid text, checked by a test
    // (`the_committed_file_is_what_the_sources_compile_to`), so its strings are not validated
    // again on every start.
    read(Reader::trusted(bin), EnglishWords::deferred(english))
}

/// Reads a compiled lexicon, checking every string (for tests).
#[cfg(test)]
fn load_checked(bin: &[u8]) -> Result<Lexicon, AnalysisError> {
    read(
        Reader::checked(bin),
        EnglishWords::parsed(Default::default()),
    )
}

fn read(mut r: Reader<'_>, english: EnglishWords) -> Result<Lexicon, AnalysisError> {
    if r.take(4)? != MAGIC || r.u8()? != VERSION {
        return Err(r.bad("not a moodwatch compiled lexicon of this version".into()));
    }
    // Each row is read by a function of its own, not inlined: in a browser this load runs
    // once, in baseline-compiled wasm, and V8 recompiles a function that is called often
    // with its optimising tier, but not a loop that is already running.
    let count = r.n()?;
    let mut pairs = Vec::with_capacity(count.min(r.left()));
    for _ in 0..count {
        pairs.push(t2s_pair(&mut r)?);
    }
    let mut normalizer = Normalizer::from_pairs(pairs);
    let count = r.n()?;
    let mut variants = Vec::with_capacity(count.min(r.left()));
    for _ in 0..count {
        variants.push((r.str()?, r.str()?));
    }
    normalizer.add_variants(variants);

    let count = r.n()?;
    let mut notes = Vec::with_capacity(count.min(r.left()));
    for _ in 0..count {
        notes.push(r.str()?);
    }
    let count = r.n()?;
    let mut general = Vec::with_capacity(count.min(r.left()));
    for _ in 0..count {
        general.push(general_row(&mut r, &notes)?);
    }
    let count = r.n()?;
    let mut curated = Vec::with_capacity(count.min(r.left()));
    for _ in 0..count {
        curated.push(curated_row(&mut r)?);
    }
    // The dictionary's pairs go to the segmenter as they are read, without a list of their
    // own; a truncated file stops them and is reported after.
    let count = r.n()?;
    let mut failed = None;
    let words = std::iter::from_fn(|| {
        if failed.is_some() {
            return None;
        }
        dict_word(&mut r).map_err(|e| failed = Some(e)).ok()
    })
    .take(count);
    let lexicon = assemble(normalizer, english, general, curated, |extra| {
        Ok(Segmenter::from_words(words, count, extra))
    })?;
    if let Some(e) = failed {
        return Err(e);
    }
    if r.left() != 0 {
        return Err(r.bad(format!("{} bytes after the dictionary", r.left())));
    }
    Ok(lexicon)
}

#[inline(never)]
fn t2s_pair(r: &mut Reader<'_>) -> Result<(char, char), AnalysisError> {
    Ok((r.char()?, r.char()?))
}

#[inline(never)]
fn general_row<'a>(r: &mut Reader<'a>, notes: &[&'a str]) -> Result<GeneralRow<'a>, AnalysisError> {
    let word = Cow::Borrowed(r.str()?);
    let weight = r.f32()?;
    let note = r.n()?;
    let note = *notes
        .get(note)
        .ok_or_else(|| r.bad(format!("note {note} out of range")))?;
    Ok(GeneralRow { word, weight, note })
}

#[inline(never)]
fn curated_row<'a>(r: &mut Reader<'a>) -> Result<CuratedRow<'a>, AnalysisError> {
    let pattern = Cow::Borrowed(r.str()?);
    let kind = r.u8()?;
    let kind = *Kind::ALL
        .get(kind as usize)
        .ok_or_else(|| r.bad(format!("kind {kind} out of range")))?;
    let weight = r.f32()?;
    let level = r.u8()?;
    let level = Level::try_from(level).map_err(|_| r.bad(format!("level {level} out of range")))?;
    let note = r.str()?;
    Ok(CuratedRow {
        pattern,
        kind,
        weight,
        level,
        note,
    })
}

#[inline(never)]
fn dict_word<'a>(r: &mut Reader<'a>) -> Result<(&'a str, usize), AnalysisError> {
    Ok((r.str()?, r.n()?))
}

/// The `(word, frequency)` pairs of a `word freq` dictionary, as jieba reads them (a missing
/// frequency is 0). Tags are not kept by the compiled form, so a line with one is an error.
fn dict_words(bytes: &[u8]) -> Result<Vec<(&str, usize)>, AnalysisError> {
    let bad = |line: usize, message: String| AnalysisError::Lexicon {
        file: "jieba_dict.txt".into(),
        line,
        message,
    };
    let text = std::str::from_utf8(bytes).map_err(|e| bad(0, format!("not UTF-8: {e}")))?;
    let mut out = Vec::new();
    for (i, line) in text.lines().enumerate() {
        let mut fields = line.split_ascii_whitespace();
        let Some(word) = fields.next() else { continue };
        let freq = match fields.next() {
            Some(f) => f
                .parse::<usize>()
                .map_err(|e| bad(i + 1, format!("frequency `{f}`: {e}")))?,
            None => 0,
        };
        if let Some(tag) = fields.next() {
            return Err(bad(
                i + 1,
                format!("a tag (`{tag}`) is not kept by the compiled lexicon"),
            ));
        }
        out.push((word, freq));
    }
    Ok(out)
}

struct Writer(Vec<u8>);

impl Writer {
    fn n(&mut self, mut v: usize) {
        loop {
            let byte = (v & 0x7f) as u8;
            v >>= 7;
            if v == 0 {
                self.0.push(byte);
                return;
            }
            self.0.push(byte | 0x80);
        }
    }

    fn str(&mut self, s: &str) {
        self.n(s.len());
        self.0.extend_from_slice(s.as_bytes());
    }

    fn f32(&mut self, v: f32) {
        self.0.extend_from_slice(&v.to_le_bytes());
    }
}

struct Reader<'a> {
    bytes: &'a [u8],
    pos: usize,
    /// Whether strings are checked to be UTF-8 (see [`Reader::str`]).
    checked: bool,
}

impl<'a> Reader<'a> {
    /// A reader for the embedded file only (see [`load`]).
    #[cfg(feature = "embedded-data")]
    fn trusted(bytes: &'static [u8]) -> Self {
        Reader {
            bytes,
            pos: 0,
            checked: false,
        }
    }

    #[cfg(test)]
    fn checked(bytes: &'a [u8]) -> Self {
        Reader {
            bytes,
            pos: 0,
            checked: true,
        }
    }

    fn bad(&self, message: String) -> AnalysisError {
        AnalysisError::Lexicon {
            file: "compiled.bin".into(),
            line: 0,
            message: format!("at byte {}: {message}", self.pos),
        }
    }

    fn left(&self) -> usize {
        self.bytes.len().saturating_sub(self.pos)
    }

    fn take(&mut self, len: usize) -> Result<&'a [u8], AnalysisError> {
        let end = self.pos.checked_add(len).filter(|&e| e <= self.bytes.len());
        match end.and_then(|e| self.bytes.get(self.pos..e)) {
            Some(b) => {
                self.pos += len;
                Ok(b)
            }
            None => Err(self.bad(format!("truncated: {len} more bytes expected"))),
        }
    }

    fn u8(&mut self) -> Result<u8, AnalysisError> {
        Ok(self.take(1)?[0])
    }

    fn n(&mut self) -> Result<usize, AnalysisError> {
        let mut v: usize = 0;
        for shift in (0..64).step_by(7) {
            let byte = self.u8()?;
            v |= ((byte & 0x7f) as usize)
                .checked_shl(shift)
                .ok_or_else(|| self.bad("number too large".into()))?;
            if byte & 0x80 == 0 {
                return Ok(v);
            }
        }
        Err(self.bad("number too large".into()))
    }

    fn f32(&mut self) -> Result<f32, AnalysisError> {
        let b = self.take(4)?;
        Ok(f32::from_le_bytes([b[0], b[1], b[2], b[3]]))
    }

    fn char(&mut self) -> Result<char, AnalysisError> {
        let code = self.n()?;
        u32::try_from(code)
            .ok()
            .and_then(char::from_u32)
            .ok_or_else(|| self.bad(format!("{code} is not a character")))
    }

    fn str(&mut self) -> Result<&'a str, AnalysisError> {
        let len = self.n()?;
        let b = self.take(len)?;
        if self.checked {
            return std::str::from_utf8(b).map_err(|e| self.bad(format!("not UTF-8: {e}")));
        }
        // SAFETY: `checked` is false only for the embedded compiled file (`Reader::trusted`),
        // which `compile` wrote from `&str`s and a test checks byte for byte against what the
        // sources compile to now; its strings are valid UTF-8.
        Ok(unsafe { std::str::from_utf8_unchecked(b) })
    }
}

#[cfg(all(test, feature = "embedded-data"))]
mod tests {
    use super::*;
    use crate::analysis::lexicon::embedded;

    #[test]
    fn the_committed_file_is_what_the_sources_compile_to() {
        let bin = compile(LexiconSources::embedded()).unwrap();
        assert!(
            bin == embedded::COMPILED,
            "lexicon/compiled.bin is out of date: run `cargo run --example compile_lexicon`"
        );
        // Its strings are valid UTF-8 (what the trusted load relies on).
        load_checked(embedded::COMPILED).unwrap();
    }

    #[test]
    fn compiled_and_text_lexicons_read_alike() {
        let compiled = Lexicon::embedded().unwrap();
        let text = Lexicon::from_parts(LexiconSources::embedded()).unwrap();
        assert_eq!(compiled.len(), text.len());
        let root = std::path::Path::new(env!("CARGO_MANIFEST_DIR"));
        let mut texts: Vec<String> = Vec::new();
        for dir in ["tests/fixtures", "tests/fixtures/conversations"] {
            for entry in std::fs::read_dir(root.join(dir)).unwrap() {
                let path = entry.unwrap().path();
                let ext = path.extension().and_then(|e| e.to_str()).unwrap_or("");
                if !matches!(ext, "tsv" | "jsonl") {
                    continue;
                }
                for line in std::fs::read_to_string(&path).unwrap().lines() {
                    match ext {
                        "tsv" => texts.extend(line.split('\t').nth(1).map(String::from)),
                        _ => {
                            let v: serde_json::Value = match serde_json::from_str(line) {
                                Ok(v) => v,
                                Err(_) => continue,
                            };
                            for t in v["turns"].as_array().into_iter().flatten() {
                                texts.extend(t["text"].as_str().map(String::from));
                            }
                        }
                    }
                }
            }
        }
        assert!(texts.len() > 3000, "{}", texts.len());
        for t in &texts {
            assert_eq!(compiled.grade(t), text.grade(t), "{t}");
        }
    }

    #[test]
    fn a_damaged_file_is_an_error_not_a_panic() {
        let bin = embedded::COMPILED;
        assert!(load_checked(b"").is_err());
        assert!(load_checked(b"MWLX\x02").is_err());
        for cut in [5, 100, bin.len() / 2, bin.len() - 1] {
            assert!(load_checked(&bin[..cut]).is_err(), "cut at {cut}");
        }
        let mut bad_utf8 = bin.to_vec();
        // The first variant string starts after the t2s pairs; garble every byte of a
        // string somewhere in the middle of the file instead of finding it.
        for b in bad_utf8.iter_mut().skip(bin.len() / 2).take(64) {
            *b = 0xff;
        }
        assert!(load_checked(&bad_utf8).is_err());
    }

    #[test]
    fn a_tagged_dictionary_line_is_refused() {
        let err = dict_words("快递 3000 n\n".as_bytes())
            .unwrap_err()
            .to_string();
        assert!(err.contains("tag"), "{err}");
        assert_eq!(
            dict_words("快递 3000\n\n差评\n".as_bytes()).unwrap(),
            [("快递", 3000), ("差评", 0)]
        );
    }
}
