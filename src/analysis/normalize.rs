//! Text normalisation before matching: full-width → half-width, lower-case ASCII, control
//! characters → space, Traditional → Simplified for common characters, and spelling variants
//! (pinyin, homophones, typos, abbreviations) rewritten to their canonical form.

use rustc_hash::FxHashMap as HashMap;
use std::borrow::Cow;

use crate::analysis::error::AnalysisError;

/// Rewrites customer text into the one form the lexicon is written in.
///
/// ```
/// use moodwatch::analysis::normalize::Normalizer;
///
/// let n = Normalizer::from_bytes("這\t这\n".as_bytes(), "cha ping\t差评\n".as_bytes()).unwrap();
/// assert_eq!(n.normalize("這家ＣＨＡ ＰＩＮＧ！"), "这家差评!");
/// ```
#[derive(Clone, Debug, Default)]
pub struct Normalizer {
    t2s: SimplifiedMap,
    /// Variants keyed by their first character, longest first.
    variants: HashMap<char, Vec<(Vec<char>, String)>>,
}

/// Parses lines of `N` tab-separated columns, skipping blanks and `#` comments. The columns
/// come back as an array, not a vector per row: loading the lexicon parses about 10,000 rows,
/// and in a browser profile of one load, freeing one vector each was 10 of its 67 ms.
///
/// One pass over the bytes finds both the tabs and the line ends. `lines()` and `split('\t')`
/// call `memchr` once per line and once per column, and in a browser, where the load runs in
/// baseline-compiled wasm, those calls were 12 of 49 ms in a profile of one lexicon load.
pub(crate) fn tsv_rows<'a, const N: usize>(
    file: &'static str,
    bytes: &'a [u8],
) -> Result<Vec<(usize, [&'a str; N])>, AnalysisError> {
    let text = std::str::from_utf8(bytes).map_err(|e| AnalysisError::Lexicon {
        file: file.into(),
        line: 0,
        message: format!("not UTF-8: {e}"),
    })?;
    let b = text.as_bytes();
    // Tabs and line feeds are ASCII, so every cut below is on a character boundary.
    let cut = |from: usize, to: usize| text.get(from..to).unwrap_or_default();
    let mut rows = Vec::new();
    let mut line_no = 0;
    let mut start = 0;
    while start < b.len() {
        line_no += 1;
        let mut cols = [""; N];
        let mut found = 0;
        let mut col_start = start;
        let mut end = start;
        while let Some(&c) = b.get(end) {
            if c == b'\n' {
                break;
            }
            if c == b'\t' {
                if let Some(slot) = cols.get_mut(found) {
                    *slot = cut(col_start, end);
                }
                found += 1;
                col_start = end + 1;
            }
            end += 1;
        }
        // As `lines()`: a line feed ends the line, and a carriage return before it goes too.
        let line_end = if end < b.len() && end > start && b.get(end - 1) == Some(&b'\r') {
            end - 1
        } else {
            end
        };
        let line = cut(start, line_end);
        start = end + 1;
        if is_blank_or_comment(line) {
            continue;
        }
        if let Some(slot) = cols.get_mut(found) {
            *slot = cut(col_start, line_end);
        }
        found += 1;
        if found != N {
            return Err(AnalysisError::Lexicon {
                file: file.into(),
                line: line_no,
                message: format!("expected {N} tab-separated columns, got {found}"),
            });
        }
        rows.push((line_no, cols));
    }
    Ok(rows)
}

/// Characters that lay out pasted code, logs, tables and signatures (```, ---, ===, ___, ...,
/// //, ||, >>>): a run of them is formatting, not a raised voice.
pub(crate) fn is_layout(c: char) -> bool {
    matches!(
        c,
        '`' | '-' | '=' | '_' | '/' | '\\' | '|' | '<' | '>' | '+' | '.' | '—' | '…' | '·' | ':'
    )
}

/// Runs of one character repeated three or more times whose character `counts`
/// (啊啊啊, ？？？, !!!).
pub(crate) fn runs_of_three(text: &str, counts: impl Fn(char) -> bool) -> u32 {
    let mut runs = 0;
    let mut prev = None;
    let mut len = 0;
    for c in text.chars() {
        if Some(c) == prev {
            len += 1;
            if len == 3 && counts(c) {
                runs += 1;
            }
        } else {
            prev = Some(c);
            len = 1;
        }
    }
    runs
}

/// Whether a data file line is blank or a `#` comment. Looks at the first byte before
/// trimming: nearly every line starts with a character that settles it.
fn is_blank_or_comment(line: &str) -> bool {
    match line.as_bytes().first() {
        None | Some(b'#') => true,
        Some(b) if b.is_ascii() && !b.is_ascii_whitespace() => false,
        Some(_) => line.trim().is_empty(),
    }
}

/// Traditional → Simplified character pairs, with a bitmap of the Basic Multilingual Plane
/// characters that have one in front of them.
///
/// Why: every character of every message and of every lexicon entry is looked up, and almost
/// none has a pair. A bit test answers those; in a browser's baseline-compiled wasm a hash
/// lookup per character was 6 of the 51 ms of loading the lexicon (a profile of one load).
/// Behind the bitmap the pairs are a sorted list, not a hash map: building the map (1,700
/// inserts and its rehashes) was most of the normaliser's load in baseline code, and the rare
/// character that gets past the bitmap costs a binary search.
#[derive(Clone, Debug, Default)]
struct SimplifiedMap {
    /// One bit per BMP code point: set when `pairs` has that character.
    in_bmp: Vec<u64>,
    /// (traditional, simplified), sorted by the first, one pair per character.
    pairs: Vec<(char, char)>,
    /// Whether any character with a pair is ASCII (none in `t2s.tsv`).
    has_ascii: bool,
}

impl SimplifiedMap {
    /// From pairs in file order; when a character is listed twice, the later pair wins.
    fn new(mut pairs: Vec<(char, char)>) -> Self {
        // Stable: equal characters keep their file order, so the last of each run is the
        // later row. (`t2s.tsv` is sorted already; the sort then only checks it.)
        pairs.sort_by_key(|&(t, _)| t);
        let mut unique: Vec<(char, char)> = Vec::with_capacity(pairs.len());
        for pair in pairs {
            match unique.last_mut() {
                Some(last) if last.0 == pair.0 => *last = pair,
                _ => unique.push(pair),
            }
        }
        let mut in_bmp = vec![0u64; 0x1_0000 / 64];
        for &(c, _) in &unique {
            let code = c as usize;
            if let Some(word) = in_bmp.get_mut(code / 64) {
                *word |= 1 << (code % 64);
            }
        }
        let has_ascii = unique.iter().any(|(c, _)| c.is_ascii());
        SimplifiedMap {
            in_bmp,
            pairs: unique,
            has_ascii,
        }
    }

    /// The simplified form of `c`, if it has one.
    #[inline]
    fn get(&self, c: char) -> Option<char> {
        let code = c as usize;
        match self.in_bmp.get(code / 64) {
            Some(word) if word & (1 << (code % 64)) == 0 => None,
            _ => self
                .pairs
                .binary_search_by_key(&c, |&(t, _)| t)
                .ok()
                .and_then(|i| self.pairs.get(i))
                .map(|&(_, s)| s),
        }
    }
}

/// Folds one character: full-width ASCII to half-width, the typographic apostrophe (don’t) to
/// the ASCII one, ideographic space and control characters to a space, ASCII to lower case.
pub fn fold_char(c: char) -> char {
    let c = match c {
        '\u{FF01}'..='\u{FF5E}' => char::from_u32(c as u32 - 0xFEE0).unwrap_or(c),
        '\u{2019}' => '\'',
        '\u{3000}' => ' ',
        c if c.is_control() => ' ',
        c => c,
    };
    c.to_ascii_lowercase()
}

impl Normalizer {
    /// Builds a normaliser from `traditional<TAB>simplified` character pairs and
    /// `variant<TAB>canonical` rows.
    pub fn from_bytes(t2s: &[u8], variants: &[u8]) -> Result<Self, AnalysisError> {
        let rows = tsv_rows::<2>("t2s.tsv", t2s)?;
        let mut pairs = Vec::with_capacity(rows.len());
        for (line, cols) in rows {
            let (mut a, mut b) = (cols[0].chars(), cols[1].chars());
            match (a.next(), a.next(), b.next(), b.next()) {
                (Some(t), None, Some(s), None) => pairs.push((t, s)),
                _ => {
                    return Err(AnalysisError::Lexicon {
                        file: "t2s.tsv".into(),
                        line,
                        message: "expected one character in each column".into(),
                    })
                }
            }
        }
        let mut n = Normalizer::from_pairs(pairs);
        let rows = n.variant_rows(variants)?;
        n.add_variants(rows.iter().map(|(from, to)| (from.as_str(), to.as_str())));
        Ok(n)
    }

    /// A normaliser with Traditional → Simplified pairs (in file order: a character listed
    /// twice keeps its later pair) and no spelling variants yet.
    pub(crate) fn from_pairs(pairs: Vec<(char, char)>) -> Self {
        Normalizer {
            t2s: SimplifiedMap::new(pairs),
            variants: HashMap::default(),
        }
    }

    /// The `variant<TAB>canonical` rows of `variants.tsv`, both columns folded by this
    /// normaliser's pairs, in file order.
    pub(crate) fn variant_rows(
        &self,
        variants: &[u8],
    ) -> Result<Vec<(String, String)>, AnalysisError> {
        let mut out = Vec::new();
        for (line, cols) in tsv_rows::<2>("variants.tsv", variants)? {
            let from = self.fold(cols[0]);
            if from.is_empty() {
                return Err(AnalysisError::Lexicon {
                    file: "variants.tsv".into(),
                    line,
                    message: "empty variant".into(),
                });
            }
            out.push((from, self.fold(cols[1])));
        }
        Ok(out)
    }

    /// Adds folded `(variant, canonical)` rows in file order; an empty variant is skipped
    /// (`variant_rows` reports it).
    pub(crate) fn add_variants<'r>(&mut self, rows: impl IntoIterator<Item = (&'r str, &'r str)>) {
        for (from, to) in rows {
            let from: Vec<char> = from.chars().collect();
            if let Some(&first) = from.first() {
                self.variants
                    .entry(first)
                    .or_default()
                    .push((from, to.to_string()));
            }
        }
        for list in self.variants.values_mut() {
            list.sort_by_key(|(from, _)| std::cmp::Reverse(from.len()));
        }
    }

    /// The Traditional → Simplified pairs, sorted, one per character.
    pub(crate) fn t2s_pairs(&self) -> &[(char, char)] {
        &self.t2s.pairs
    }

    /// Character folding and Traditional → Simplified only (no variant rewriting).
    pub fn fold(&self, text: &str) -> String {
        text.chars()
            .map(|c| {
                let c = fold_char(c);
                self.t2s.get(c).unwrap_or(c)
            })
            .collect()
    }

    /// [`Normalizer::fold`], borrowing `text` when folding would not change it (most lexicon
    /// entries): the load then allocates only for the entries that change.
    pub fn fold_if_needed<'t>(&self, text: &'t str) -> Cow<'t, str> {
        // ASCII (the 4,700 English entries) folds only by lower-casing and blanking control
        // characters: a byte test, without decoding characters.
        if !self.t2s.has_ascii && text.is_ascii() {
            let changes = |b: u8| b.is_ascii_uppercase() || b.is_ascii_control();
            return if text.bytes().any(changes) {
                Cow::Owned(self.fold(text))
            } else {
                Cow::Borrowed(text)
            };
        }
        let changes = |c: char| {
            let folded = fold_char(c);
            folded != c || self.t2s.get(folded).is_some()
        };
        if text.chars().any(changes) {
            Cow::Owned(self.fold(text))
        } else {
            Cow::Borrowed(text)
        }
    }

    /// The full normalisation: [`Normalizer::fold`] then spelling variants, longest first.
    /// ASCII variants only match as whole ASCII words, so `md` does not fire inside `cmd`.
    pub fn normalize(&self, text: &str) -> String {
        let chars = join_cjk_spaces(&self.fold(text));
        let mut out = String::with_capacity(text.len());
        let mut i = 0;
        while i < chars.len() {
            let c = chars[i];
            let hit = self.variants.get(&c).and_then(|list| {
                list.iter().find(|(from, _)| {
                    chars[i..].starts_with(from) && ascii_bounded(&chars, i, i + from.len(), from)
                })
            });
            match hit {
                Some((from, to)) => {
                    out.push_str(to);
                    i += from.len();
                }
                None => {
                    out.push(c);
                    i += 1;
                }
            }
        }
        out
    }
}

/// Drops the spaces that word-segmented Chinese logs put between words ("你们 这 什么 服务 啊",
/// the JDDC style): in Chinese a space separates nothing, and the rules would read each word
/// as its own clause, out of reach of the negation before it ("都 没 收到"). A run of
/// whitespace goes when one side is a non-ASCII character and neither side is an ASCII letter,
/// so English keeps its spaces ("fine, whatever", "iphone 很好").
///
/// ```
/// use moodwatch::analysis::normalize::join_cjk_spaces;
///
/// let s = |t: &str| join_cjk_spaces(t).into_iter().collect::<String>();
/// assert_eq!(s("都 [数字x] 天 了 还 没 到"), "都[数字x]天了还没到");
/// assert_eq!(s("东西 不错 ， 很 满意"), "东西不错，很满意");
/// assert_eq!(s("fine, whatever"), "fine, whatever");
/// assert_eq!(s("iphone 很好 ok"), "iphone 很好 ok");
/// assert_eq!(s("12315 投诉"), "12315投诉");
/// ```
pub fn join_cjk_spaces(text: &str) -> Vec<char> {
    let chars: Vec<char> = text.chars().collect();
    let mut out = Vec::with_capacity(chars.len());
    let mut i = 0;
    while i < chars.len() {
        if !chars[i].is_whitespace() {
            out.push(chars[i]);
            i += 1;
            continue;
        }
        let end = (i..chars.len())
            .find(|&j| !chars[j].is_whitespace())
            .unwrap_or(chars.len());
        let (prev, next) = (out.last().copied(), chars.get(end).copied());
        let join = match (prev, next) {
            (Some(a), Some(b)) => {
                (!a.is_ascii() || !b.is_ascii())
                    && !a.is_ascii_alphabetic()
                    && !b.is_ascii_alphabetic()
            }
            _ => false,
        };
        if !join {
            out.extend_from_slice(&chars[i..end]);
        }
        i = end;
    }
    out
}

/// A variant that starts (ends) with an ASCII letter or digit must not continue an ASCII word.
fn ascii_bounded(chars: &[char], start: usize, end: usize, from: &[char]) -> bool {
    let word = |c: &char| c.is_ascii_alphanumeric();
    let left_ok = !from.first().is_some_and(word) || start == 0 || !word(&chars[start - 1]);
    let right_ok = !from.last().is_some_and(word) || chars.get(end).is_none_or(|c| !word(c));
    left_ok && right_ok
}

/// Rewrites the masked placeholders of anonymised chat logs (JDDC-style JD customer-service
/// data) into neutral text, so they neither read as sentiment nor make two messages look alike:
///
/// * `[ORDERID_10187709]` (any `[UPPER_digits]` id) → its digits, so an order number still
///   counts as new information;
/// * `[数字x]`, `[金额x]` → `0`; `[日期x]` → `0号`; `[时间x]` → `0点` (a number, a date, a time:
///   still concrete in an agent's promise);
/// * any other `[…x]` mask (`[姓名x]`, `[地址x]`, `[站点x]`, `[链接x]` …) → nothing;
/// * emoticon codes `#E-s[数字x]`, `#E-s01` → nothing.
///
/// Other brackets (`[图片]`, `[微笑]`) are kept. Borrowed when there is nothing to rewrite.
///
/// ```
/// use moodwatch::analysis::normalize::mask_placeholders;
///
/// assert_eq!(mask_placeholders("[ORDERID_10187709] 到哪了#E-s[数字x]"), "10187709 到哪了");
/// assert_eq!(mask_placeholders("已经[数字x]天了，[站点x]不动"), "已经0天了，不动");
/// assert_eq!(mask_placeholders("[图片] 你看"), "[图片] 你看");
/// ```
pub fn mask_placeholders(text: &str) -> Cow<'_, str> {
    if !text.contains('[') && !text.contains("#E-") {
        return Cow::Borrowed(text);
    }
    let mut out = String::with_capacity(text.len());
    let mut rest = text;
    while !rest.is_empty() {
        if let Some(after) = rest.strip_prefix("#E-") {
            // Emoticon code: letters, then digits or one placeholder.
            let letters = after
                .find(|c: char| !c.is_ascii_alphabetic())
                .unwrap_or(after.len());
            let tail = &after[letters..];
            let skip = if tail.starts_with('[') {
                mask_end(tail).unwrap_or(0)
            } else {
                tail.find(|c: char| !c.is_ascii_digit())
                    .unwrap_or(tail.len())
            };
            rest = &tail[skip..];
            continue;
        }
        if rest.starts_with('[') {
            if let Some(end) = mask_end(rest) {
                out.push_str(&mask_replacement(&rest[1..end - 1]));
                rest = &rest[end..];
                continue;
            }
        }
        let c = rest.chars().next().unwrap_or(' ');
        out.push(c);
        rest = &rest[c.len_utf8()..];
    }
    Cow::Owned(out)
}

/// Byte length of a placeholder at the start of `s` (`[…x]` or `[UPPER_digits]`), if one is.
fn mask_end(s: &str) -> Option<usize> {
    let close = s.find(']')?;
    let inner = &s[1..close];
    let n = inner.chars().count();
    let masked_kind = (2..=8).contains(&n) && inner.ends_with('x') && !inner.contains(['[', ' ']);
    let id = inner.split_once('_').is_some_and(|(k, v)| {
        !k.is_empty()
            && k.chars().all(|c| c.is_ascii_uppercase())
            && !v.is_empty()
            && v.chars().all(|c| c.is_ascii_alphanumeric())
    });
    (masked_kind || id).then_some(close + 1)
}

fn mask_replacement(inner: &str) -> String {
    if let Some((_, v)) = inner.split_once('_') {
        if !inner.ends_with('x') || v.chars().all(|c| c.is_ascii_digit()) {
            return v.to_string();
        }
    }
    let kind = inner.trim_end_matches('x');
    match kind {
        "数字" | "金额" => "0".into(),
        "日期" => "0号".into(),
        "时间" => "0点".into(),
        _ => String::new(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn n() -> Normalizer {
        Normalizer::from_bytes(
            "這\t这\n貨\t货\n".as_bytes(),
            "md\t妈的\ncha ping\t差评\n".as_bytes(),
        )
        .unwrap()
    }

    #[test]
    fn fold_if_needed_is_fold_and_borrows_when_nothing_changes() {
        let n = Normalizer::from_bytes("這\t这\n\u{2A6A5}\t龘\n".as_bytes(), b"").unwrap();
        for text in [
            "这家快递",
            "這家",
            "ＣＨＡ ping",
            "Hello",
            "\u{2A6A5}字",
            "",
            "a\u{3000}b",
            "hello\tthere",
            "don't",
            "MiXeD",
        ] {
            assert_eq!(n.fold_if_needed(text), n.fold(text), "{text}");
        }
        assert!(matches!(n.fold_if_needed("这家快递 ok"), Cow::Borrowed(_)));
        assert!(matches!(n.fold_if_needed("這家"), Cow::Owned(_)));
        assert!(matches!(n.fold_if_needed("fobbed off"), Cow::Borrowed(_)));
        assert!(matches!(n.fold_if_needed("Fobbed"), Cow::Owned(_)));
        // A pair for an ASCII character turns the ASCII shortcut off.
        let odd = Normalizer::from_bytes("a\tb\n".as_bytes(), b"").unwrap();
        assert_eq!(odd.fold_if_needed("cat"), "cbt");
        // Outside the BMP the bitmap has no bit: the map is asked directly.
        assert_eq!(n.fold("\u{2A6A5}"), "龘");
    }

    #[test]
    fn data_lines_blank_comment_or_short() {
        let rows = tsv_rows::<2>("t.tsv", "# c\n\n  \n\u{3000}\na\tb\n".as_bytes()).unwrap();
        assert_eq!(rows, [(5, ["a", "b"])]);
        let err = tsv_rows::<2>("t.tsv", "a\tb\tc\n".as_bytes()).unwrap_err();
        assert!(err.to_string().contains("got 3"), "{err}");
        assert!(tsv_rows::<2>("t.tsv", " # not a comment\n".as_bytes()).is_err());
    }

    /// The rows `lines()` and `split('\t')` give, which the one-pass parser must match.
    fn rows_by_lines<const N: usize>(text: &str) -> Option<Vec<(usize, [&str; N])>> {
        let mut rows = Vec::new();
        for (i, line) in text.lines().enumerate() {
            if is_blank_or_comment(line) {
                continue;
            }
            let cols: Vec<&str> = line.split('\t').collect();
            rows.push((i + 1, <[&str; N]>::try_from(cols).ok()?));
        }
        Some(rows)
    }

    #[test]
    fn one_pass_rows_match_lines_and_split() {
        for text in [
            "a\tb\r\nc\td\r\n",
            "a\tb\nc\td",
            "a\t\n\tb\n",
            "\n\n# x\ty\n这\t这\n\n",
            "a\tb\r",
            "\r\n",
            "",
            "a\tb\n\u{3000}\t\n",
        ] {
            let parsed = tsv_rows::<2>("t.tsv", text.as_bytes()).ok();
            assert_eq!(parsed, rows_by_lines::<2>(text), "{text:?}");
        }
        #[cfg(feature = "embedded-data")]
        {
            use crate::analysis::lexicon::embedded;
            let utf8 = |b| std::str::from_utf8(b).unwrap();
            let t2s = tsv_rows::<2>("t2s.tsv", embedded::T2S).unwrap();
            assert_eq!(Some(t2s), rows_by_lines::<2>(utf8(embedded::T2S)));
            let general = tsv_rows::<3>("general.tsv", embedded::GENERAL).unwrap();
            assert_eq!(Some(general), rows_by_lines::<3>(utf8(embedded::GENERAL)));
            let curated = tsv_rows::<5>("cs_lexicon.tsv", embedded::CURATED).unwrap();
            assert_eq!(Some(curated), rows_by_lines::<5>(utf8(embedded::CURATED)));
            let english = tsv_rows::<4>("english.tsv", embedded::ENGLISH).unwrap();
            assert_eq!(Some(english), rows_by_lines::<4>(utf8(embedded::ENGLISH)));
        }
    }

    #[test]
    fn a_character_listed_twice_takes_its_later_pair() {
        let n = Normalizer::from_bytes("貨\t货\n這\t甲\n乾\t干\n這\t这\n".as_bytes(), b"").unwrap();
        assert_eq!(n.fold("這貨乾"), "这货干");
        assert_eq!(n.fold("乙"), "乙");
    }

    #[test]
    fn folds_width_case_and_traditional() {
        assert_eq!(n().normalize("這貨ＷＴＦ？！\u{3000}"), "这货wtf?! ");
    }

    #[test]
    fn ascii_variants_respect_word_boundaries() {
        assert_eq!(n().normalize("md什么东西"), "妈的什么东西");
        assert_eq!(n().normalize("cmd窗口"), "cmd窗口");
        assert_eq!(n().normalize("给你cha ping"), "给你差评");
    }

    #[test]
    fn typographic_apostrophes_are_ascii() {
        assert_eq!(n().normalize("Don’t"), "don't");
    }

    #[test]
    fn control_characters_become_spaces() {
        assert_eq!(n().normalize("a\u{0}b\u{7}"), "a b ");
    }

    #[test]
    fn bad_rows_are_errors() {
        assert!(Normalizer::from_bytes("這这\n".as_bytes(), b"").is_err());
        assert!(Normalizer::from_bytes(b"", b"x\n").is_err());
    }

    #[test]
    fn masked_placeholders_become_neutral_text() {
        assert_eq!(mask_placeholders("[ORDERID_10187709]"), "10187709");
        assert_eq!(mask_placeholders("#E-s[数字x]"), "");
        assert_eq!(mask_placeholders("好的#E-s01"), "好的");
        assert_eq!(
            mask_placeholders("[日期x][时间x]送到[地址x]，[金额x]元，[姓名x]"),
            "0号0点送到，0元，"
        );
        // Ordinary brackets stay; a stray bracket does not swallow the text.
        assert_eq!(mask_placeholders("[图片][微笑]"), "[图片][微笑]");
        assert_eq!(mask_placeholders("a[b c"), "a[b c");
        assert!(matches!(mask_placeholders("在吗"), Cow::Borrowed(_)));
    }
}
