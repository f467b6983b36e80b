//! What a turn report's engine events become on the page: DOM event names and their details
//! as JSON text, plus what the overlay needs from a raised warning. No side effects, so the
//! attachment and the idle-time warm-up run exactly the same code.

use crate::analysis::assessment::Reason;
use crate::analysis::conversation::Event;
use serde::Serialize;
use serde_json::{json, Value};

/// One engine event, ready for the page.
pub struct PageEvent {
    /// The DOM event name (`moodwatch:…`).
    pub name: &'static str,
    /// Its detail as JSON text (parsed into a plain object at dispatch).
    pub detail: String,
    /// For `moodwatch:warning`: the level and the note the overlay lists and announces.
    pub warning: Option<(u8, String)>,
    /// For `moodwatch:transfer`: the routing summary, kept for the agent's transfer button.
    pub transfer: Option<Value>,
}

/// `moodwatch:warning`'s detail, serialised in one pass from borrowed parts.
#[derive(Serialize)]
struct WarningDetail<'a> {
    conversation: &'a str,
    level: u8,
    reasons: &'a [Reason],
}

/// `v` as a JSON value, through JSON text rather than `to_value`: f32 fields then read as the
/// same numbers as elsewhere in the report (`to_value` widens them to f64 digits like
/// 0.3499999940395355).
pub fn json_value<T: Serialize + ?Sized>(v: &T) -> Option<Value> {
    serde_json::to_string(v)
        .and_then(|t| serde_json::from_str(&t))
        .ok()
}

/// The page events for `events` of conversation `conv`, in order; an event that cannot be
/// serialised is left out (it cannot happen with these types, and an event is not worth
/// losing the message over).
pub fn page_events(conv: &str, events: &[Event]) -> Vec<PageEvent> {
    events
        .iter()
        .filter_map(|ev| page_event(conv, ev))
        .collect()
}

fn page_event(conv: &str, ev: &Event) -> Option<PageEvent> {
    let plain = |name, detail: Value| PageEvent {
        name,
        detail: detail.to_string(),
        warning: None,
        transfer: None,
    };
    Some(match ev {
        // The common one (every level change upwards): typed, one serialisation.
        Event::WarningRaised { level, reasons } => {
            let level = u8::from(*level);
            let note = reasons
                .first()
                .map(|r| if r.note.is_empty() { &r.text } else { &r.note })
                .cloned()
                .unwrap_or_default();
            let detail = serde_json::to_string(&WarningDetail {
                conversation: conv,
                level,
                reasons,
            })
            .ok()?;
            PageEvent {
                name: "moodwatch:warning",
                detail,
                warning: Some((level, note)),
                transfer: None,
            }
        }
        Event::WarningCleared { level } => plain(
            "moodwatch:warning-cleared",
            json!({ "conversation": conv, "level": u8::from(*level) }),
        ),
        Event::TransferRequested { summary } => {
            let mut summary = json_value(summary).unwrap_or_else(|| json!({}));
            if let Some(obj) = summary.as_object_mut() {
                obj.insert("conversation".into(), json!(conv));
                obj.insert("requestedBy".into(), json!("engine"));
            }
            PageEvent {
                name: "moodwatch:transfer",
                detail: summary.to_string(),
                warning: None,
                transfer: Some(summary),
            }
        }
        other => plain(
            "moodwatch:event",
            json!({ "conversation": conv, "event": json_value(other)? }),
        ),
    })
}

// Run in Chromium by `wasm-pack test` (the browser layer only builds for wasm32).
#[cfg(test)]
#[allow(clippy::unwrap_used)] // a failed unwrap is a failed test, never shipped
mod tests {
    use super::*;
    use wasm_bindgen_test::{wasm_bindgen_test as test, wasm_bindgen_test_configure};
    wasm_bindgen_test_configure!(run_in_browser);
    use crate::analysis::assessment::Source;
    use crate::analysis::conversation::WarningLevel;

    fn reason(text: &str, note: &str) -> Reason {
        Reason {
            source: Source::Lexicon,
            rule: "escalation".into(),
            text: text.into(),
            weight: 0.35,
            note: note.into(),
        }
    }

    #[test]
    fn a_raised_warning_carries_its_level_reasons_and_first_note() {
        let evs = page_events(
            "c1",
            &[Event::WarningRaised {
                level: WarningLevel::Review,
                reasons: vec![reason("差评", "threatens a bad review"), reason("慢", "")],
            }],
        );
        assert_eq!(evs.len(), 1);
        assert_eq!(evs[0].name, "moodwatch:warning");
        assert_eq!(evs[0].warning, Some((2, "threatens a bad review".into())));
        let v: Value = serde_json::from_str(&evs[0].detail).unwrap();
        assert_eq!(v["conversation"], "c1");
        assert_eq!(v["level"], 2);
        assert_eq!(v["reasons"][0]["text"], "差评");
        // f32 weights read as written, not widened.
        assert_eq!(v["reasons"][0]["weight"].to_string(), "0.35");
    }

    #[test]
    fn a_warning_without_a_note_is_named_by_its_text() {
        let evs = page_events(
            "c1",
            &[Event::WarningRaised {
                level: WarningLevel::Soothe,
                reasons: vec![reason("呵呵", "")],
            }],
        );
        assert_eq!(evs[0].warning, Some((1, "呵呵".into())));
    }

    #[test]
    fn a_cleared_warning_names_the_new_level() {
        let evs = page_events(
            "c9",
            &[Event::WarningCleared {
                level: WarningLevel::None,
            }],
        );
        let v: Value = serde_json::from_str(&evs[0].detail).unwrap();
        assert_eq!(evs[0].name, "moodwatch:warning-cleared");
        assert_eq!(v, json!({ "conversation": "c9", "level": 0 }));
        assert!(evs[0].warning.is_none() && evs[0].transfer.is_none());
    }
}
