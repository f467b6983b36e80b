//! The playbook: suggested replies per situation and the topic table, in a JSON file a seller
//! can read and edit (`playbook.default.json` holds the defaults). Scripts, offers and topic
//! keywords change without rebuilding; every load is validated and errors name the key, e.g.
//! `playbook.soothe[2].text`.
//!
//! ```
//! use moodwatch::analysis::conversation::Playbook;
//! let pb = Playbook::from_json(r#"{"soothe": [{"id": "s1", "label": "安抚", "text": "亲，抱歉久等了"}]}"#).unwrap();
//! assert_eq!(pb.soothe[0].id, "s1");
//! let err = Playbook::from_json(r#"{"soothe": [{"id": "s1", "label": "安抚", "text": ""}]}"#).unwrap_err();
//! assert!(err.to_string().contains("playbook.soothe[0].text"));
//! ```

use super::types::Suggestion;
use crate::analysis::error::AnalysisError;
use serde::de::DeserializeOwned;
use serde::{Deserialize, Serialize};
use serde_json::Value;

/// The default playbook shipped in the default build.
#[cfg(feature = "embedded-data")]
const DEFAULT_PLAYBOOK: &str = include_str!("playbook.default.json");

/// Longest script accepted, in characters (a chat box, not an essay).
const MAX_TEXT_CHARS: usize = 500;

/// One script the agent can insert.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Script {
    /// Stable id, e.g. `soothe.wait`.
    pub id: String,
    /// Short button label.
    pub label: String,
    /// The reply text.
    pub text: String,
}

/// A customer-service topic (intent): how to recognise it and how to answer it.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Topic {
    /// Stable id, e.g. `shipping`.
    pub id: String,
    /// Label shown to the agent, e.g. `发货时间`.
    pub label: String,
    /// Words or phrases; a customer question containing any of them is about this topic.
    pub keywords: Vec<String>,
    /// Standard answer (first ask).
    pub answer: String,
    /// Picture / FAQ guide (second ask).
    pub guide: String,
}

/// All scripts and topics.
#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct Playbook {
    /// Soothing scripts (warning level 1).
    pub soothe: Vec<Script>,
    /// Apologies with a concrete time.
    pub apology: Vec<Script>,
    /// Picture / FAQ guides (generic).
    pub faq: Vec<Script>,
    /// Transfer scripts.
    pub transfer: Vec<Script>,
    /// The compensation ladder in order: priority channel, time commitment, exclusive offer.
    pub compensation: Vec<Script>,
    /// Follow-up after recovery.
    pub follow_up: Vec<Script>,
    /// The topic table with standard answers.
    pub topics: Vec<Topic>,
}

const SECTIONS: [&str; 6] = [
    "soothe",
    "apology",
    "faq",
    "transfer",
    "compensation",
    "followUp",
];

fn config_err(key: impl Into<String>, message: impl Into<String>) -> AnalysisError {
    AnalysisError::Config {
        key: key.into(),
        message: message.into(),
    }
}

/// Deserialises one value, naming `key` on failure.
pub(crate) fn from_value_at<T: DeserializeOwned>(v: Value, key: &str) -> Result<T, AnalysisError> {
    serde_json::from_value(v).map_err(|e| config_err(key, e.to_string()))
}

impl Playbook {
    /// The playbook embedded in the default build.
    #[cfg(feature = "embedded-data")]
    pub fn embedded() -> Self {
        // The embedded file is checked by a unit test, so the fallback never happens in a
        // release; it exists so a broken file degrades to "no suggestions", not a panic.
        Self::from_json(DEFAULT_PLAYBOOK).unwrap_or_default()
    }

    /// Parses and validates a playbook from JSON text. Missing sections are empty.
    pub fn from_json(json: &str) -> Result<Self, AnalysisError> {
        let v: Value =
            serde_json::from_str(json).map_err(|e| config_err("playbook", e.to_string()))?;
        Self::from_value(v, "playbook")
    }

    /// Parses and validates a playbook from a JSON value; errors are prefixed with `prefix`.
    pub fn from_value(v: Value, prefix: &str) -> Result<Self, AnalysisError> {
        let Value::Object(map) = v else {
            return Err(config_err(prefix, "expected an object"));
        };
        let mut pb = Playbook::default();
        for (k, v) in map {
            let key = format!("{prefix}.{k}");
            let Value::Array(items) = v else {
                return Err(config_err(key, "expected an array"));
            };
            if k == "topics" {
                for (i, item) in items.into_iter().enumerate() {
                    pb.topics.push(from_value_at(item, &format!("{key}[{i}]"))?);
                }
                continue;
            }
            let Some(section) = SECTIONS.iter().position(|s| *s == k) else {
                return Err(config_err(
                    key,
                    format!("unknown section (expected one of {SECTIONS:?} or \"topics\")"),
                ));
            };
            let mut scripts = Vec::with_capacity(items.len());
            for (i, item) in items.into_iter().enumerate() {
                scripts.push(from_value_at(item, &format!("{key}[{i}]"))?);
            }
            *pb.section_mut(section) = scripts;
        }
        pb.validate(prefix)?;
        Ok(pb)
    }

    fn section_mut(&mut self, i: usize) -> &mut Vec<Script> {
        match i {
            0 => &mut self.soothe,
            1 => &mut self.apology,
            2 => &mut self.faq,
            3 => &mut self.transfer,
            4 => &mut self.compensation,
            _ => &mut self.follow_up,
        }
    }

    fn section(&self, i: usize) -> &[Script] {
        match i {
            0 => &self.soothe,
            1 => &self.apology,
            2 => &self.faq,
            3 => &self.transfer,
            4 => &self.compensation,
            _ => &self.follow_up,
        }
    }

    /// Checks every script and topic, naming the first offending key.
    pub fn validate(&self, prefix: &str) -> Result<(), AnalysisError> {
        let mut ids = std::collections::HashSet::new();
        for (s, name) in SECTIONS.iter().enumerate() {
            for (i, script) in self.section(s).iter().enumerate() {
                let key = format!("{prefix}.{name}[{i}]");
                check_text(&script.id, &format!("{key}.id"), 64)?;
                check_text(&script.label, &format!("{key}.label"), 32)?;
                check_text(&script.text, &format!("{key}.text"), MAX_TEXT_CHARS)?;
                if !ids.insert(script.id.as_str()) {
                    return Err(config_err(
                        format!("{key}.id"),
                        format!("duplicate id `{}`", script.id),
                    ));
                }
            }
        }
        for (i, t) in self.topics.iter().enumerate() {
            let key = format!("{prefix}.topics[{i}]");
            check_text(&t.id, &format!("{key}.id"), 64)?;
            check_text(&t.label, &format!("{key}.label"), 32)?;
            check_text(&t.answer, &format!("{key}.answer"), MAX_TEXT_CHARS)?;
            check_text(&t.guide, &format!("{key}.guide"), MAX_TEXT_CHARS)?;
            if t.keywords.is_empty() {
                return Err(config_err(
                    format!("{key}.keywords"),
                    "expected at least one keyword",
                ));
            }
            for (j, w) in t.keywords.iter().enumerate() {
                check_text(w, &format!("{key}.keywords[{j}]"), 32)?;
            }
            if self.topics[..i].iter().any(|o| o.id == t.id) {
                return Err(config_err(
                    format!("{key}.id"),
                    format!("duplicate topic id `{}`", t.id),
                ));
            }
        }
        Ok(())
    }

    /// The index of the topic a text is about: the topic with the most keyword matches; on a
    /// tie the one matched latest in the text, because customers put the question after the
    /// context ("退货你们签收了，退款什么时候到"). Work is bounded by the size of the table.
    pub fn topic_of(&self, text: &str) -> Option<usize> {
        let mut best: Option<(usize, usize, usize)> = None;
        for (i, t) in self.topics.iter().enumerate() {
            let mut hits = 0;
            let mut last = 0;
            for w in &t.keywords {
                if let Some(pos) = text.rfind(w.as_str()) {
                    hits += 1;
                    last = last.max(pos + w.len());
                }
            }
            if hits > 0 && best.is_none_or(|(_, h, l)| (hits, last) > (h, l)) {
                best = Some((i, hits, last));
            }
        }
        best.map(|(i, _, _)| i)
    }

    /// The `n`-th script of a section as a suggestion (wrapping), if the section has any.
    pub(crate) fn suggest(&self, kind: &str, n: usize) -> Option<Suggestion> {
        let i = SECTIONS.iter().position(|s| *s == kind)?;
        let list = self.section(i);
        let s = list.get(n % list.len().max(1))?;
        Some(Suggestion {
            id: s.id.clone(),
            kind: kind.to_string(),
            label: s.label.clone(),
            text: s.text.clone(),
        })
    }

    /// The standard answer (`guide == false`) or the picture guide of a topic.
    pub(crate) fn topic_suggestion(&self, topic: usize, guide: bool) -> Option<Suggestion> {
        let t = self.topics.get(topic)?;
        Some(if guide {
            Suggestion {
                id: format!("faq.{}", t.id),
                kind: "faq".into(),
                label: format!("{}·图文指引", t.label),
                text: t.guide.clone(),
            }
        } else {
            Suggestion {
                id: format!("answer.{}", t.id),
                kind: "answer".into(),
                label: format!("{}·标准答复", t.label),
                text: t.answer.clone(),
            }
        })
    }
}

fn check_text(s: &str, key: &str, max: usize) -> Result<(), AnalysisError> {
    if s.trim().is_empty() {
        return Err(config_err(key, "must not be empty"));
    }
    let n = s.chars().count();
    if n > max {
        return Err(config_err(
            key,
            format!("is {n} characters long, at most {max} allowed"),
        ));
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[cfg(feature = "embedded-data")]
    #[test]
    fn embedded_playbook_is_valid_and_complete() {
        let pb = Playbook::from_json(DEFAULT_PLAYBOOK).unwrap();
        assert!(pb.soothe.len() >= 2);
        assert_eq!(pb.compensation.len(), 3);
        assert!(pb.topics.len() >= 10);
        let shipping = pb.topics.iter().position(|t| t.id == "shipping");
        for q in [
            "什么时候发货",
            "到底啥时候能发",
            "还不发吗",
            "今天能发出去吗",
        ] {
            assert_eq!(pb.topic_of(q), shipping, "{q}");
        }
        let refund = pb.topics.iter().position(|t| t.id == "refund");
        assert_eq!(pb.topic_of("退款什么时候到账"), refund);
        assert_eq!(pb.topic_of("退货你们已经签收了，退款什么时候到"), refund);
    }

    #[test]
    fn errors_name_the_key() {
        let e = Playbook::from_json(r#"{"soothe":[{"id":"a","label":"b","text":"c"},{"id":"b","label":"b","text":"c"},{"id":"c","label":"b","text":"  "}]}"#).unwrap_err();
        assert!(e.to_string().contains("playbook.soothe[2].text"), "{e}");
        let e = Playbook::from_json(r#"{"sooth":[]}"#).unwrap_err();
        assert!(e.to_string().contains("playbook.sooth"), "{e}");
        let e = Playbook::from_json(
            r#"{"topics":[{"id":"x","label":"y","keywords":[],"answer":"a","guide":"g"}]}"#,
        )
        .unwrap_err();
        assert!(e.to_string().contains("playbook.topics[0].keywords"), "{e}");
        let e = Playbook::from_json(r#"{"faq":[{"id":"x","label":"y"}]}"#).unwrap_err();
        assert!(e.to_string().contains("playbook.faq[0]"), "{e}");
    }

    #[test]
    fn suggestions_wrap() {
        let pb = Playbook::from_json(r#"{"soothe":[{"id":"a","label":"b","text":"c"}]}"#).unwrap();
        assert_eq!(pb.suggest("soothe", 3).unwrap().id, "a");
        assert!(pb.suggest("faq", 0).is_none());
    }
}
