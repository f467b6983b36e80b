//! Declarative adapters: a JSON config of CSS selectors tells moodwatch where a chat widget
//! keeps its messages, who wrote each one, its text, its time, the current conversation and
//! the agent's input box. Any widget attaches with configuration alone (see `docs/adapters.md`).

use crate::analysis::conversation::Role;
use serde::{Deserialize, Serialize};
use std::collections::HashMap;
use wasm_bindgen::prelude::*;
use wasm_bindgen::JsCast;
use web_sys::{Element, MutationRecord};

#[wasm_bindgen]
extern "C" {
    /// A `MutationRecord` seen for its `type` alone, read as a JS string: web-sys's
    /// `MutationRecord::type_` copies it into a new Rust `String` on every call, and the
    /// observer asks it of every record of every batch.
    type RecordType;

    #[wasm_bindgen(method, getter = type)]
    fn type_value(this: &RecordType) -> JsValue;
}

/// What a mutation record reports a change of.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(crate) enum Change {
    /// Nodes added or removed (`childList`).
    ChildList,
    /// An attribute (`attributes`).
    Attributes,
    /// Text of a text node (`characterData`).
    CharacterData,
}

thread_local! {
    /// The record types compared against, made once as JS strings.
    static CHANGE_TYPES: [JsValue; 2] =
        [JsValue::from_str("childList"), JsValue::from_str("attributes")];
}

/// The kind of change `rec` reports, compared in JavaScript (`===` on JS strings) without
/// copying the type string into wasm.
pub(crate) fn change_of(rec: &MutationRecord) -> Change {
    let ty = rec.unchecked_ref::<RecordType>().type_value();
    CHANGE_TYPES.with(|[child_list, attributes]| {
        if ty == *child_list {
            Change::ChildList
        } else if ty == *attributes {
            Change::Attributes
        } else {
            // The only other type the DOM standard defines.
            Change::CharacterData
        }
    })
}

/// Where a widget keeps everything moodwatch reads. Field names are camelCase in JSON.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
pub struct AdapterConfig {
    /// Preset or widget name, for messages and events.
    #[serde(default)]
    pub name: Option<String>,
    /// Free text for people editing the preset.
    #[serde(default)]
    pub description: Option<String>,
    /// Element that scopes every other selector; moodwatch waits for it to appear and
    /// re-attaches when it is torn down and rebuilt. Default: the whole document.
    #[serde(default)]
    pub root: Option<String>,
    /// The element holding the messages of the current conversation (inside `root`).
    pub message_list: String,
    /// One message (inside `messageList`).
    pub message: String,
    /// A stable message id, if the widget renders one; the best dedupe key.
    #[serde(default)]
    pub message_id: Option<ValueRule>,
    /// Who wrote the message.
    pub role: RoleRule,
    /// The message text (inside `message`); default: the message's whole text.
    #[serde(default)]
    pub text: Option<String>,
    /// When the message was sent; default: when moodwatch first saw it (arrival time).
    #[serde(default)]
    pub time: Option<ValueRule>,
    /// The id of the conversation on screen; default: one conversation called `default`.
    #[serde(default)]
    pub conversation: Option<ValueRule>,
    /// The agent's input box (`textarea`, `input` or `contenteditable`).
    #[serde(default)]
    pub input: Option<String>,
    /// UI language: `zh` (default) or `en`.
    #[serde(default)]
    pub lang: Option<String>,
    /// Conversation-engine settings (thresholds, clocks), as the core's config JSON.
    #[serde(default)]
    pub engine: Option<serde_json::Value>,
    /// Draft-check debounce in ms (default 300).
    #[serde(default)]
    pub draft_debounce_ms: Option<u32>,
    /// Where the overlay docks first: `top-right` (default), `top-left`, `bottom-right`,
    /// `bottom-left`.
    #[serde(default)]
    pub dock: Option<String>,
}

/// Reads one value: from the element matching `selector` (the message itself, or a
/// descendant; for `conversation`, inside `root`), taking attribute `attr` or, without one,
/// the text content.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
pub struct ValueRule {
    /// Selector of the element carrying the value; default: the element itself.
    #[serde(default)]
    pub selector: Option<String>,
    /// Attribute holding the value; default: text content.
    #[serde(default)]
    pub attr: Option<String>,
}

/// Decides the role of a message: by selector match (`customerIf` / `agentIf`, matched on
/// the message or a descendant) or by a value (`attr`/`selector`) compared to the
/// `customer` and `agent` lists (default lists: `customer`, `agent`).
#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
pub struct RoleRule {
    /// Selector of the element carrying the role value.
    #[serde(default)]
    pub selector: Option<String>,
    /// Attribute holding the role value; without it, the text content.
    #[serde(default)]
    pub attr: Option<String>,
    /// Values meaning "customer".
    #[serde(default)]
    pub customer: Vec<String>,
    /// Values meaning "agent".
    #[serde(default)]
    pub agent: Vec<String>,
    /// A message matching (or containing) this selector is the customer's.
    #[serde(default)]
    pub customer_if: Option<String>,
    /// A message matching (or containing) this selector is the agent's.
    #[serde(default)]
    pub agent_if: Option<String>,
    /// Role when nothing matched (`customer` or `agent`); default: skip the message.
    #[serde(default)]
    pub default: Option<String>,
}

impl AdapterConfig {
    /// Checks what serde cannot: selectors are non-empty and parse, enums are known.
    pub fn validate(&self) -> Result<(), String> {
        let doc = super::global::document().ok_or("no document: moodwatch runs in a page")?;
        let mut selectors = vec![
            ("messageList", Some(&self.message_list)),
            ("message", Some(&self.message)),
            ("root", self.root.as_ref()),
            ("text", self.text.as_ref()),
            ("input", self.input.as_ref()),
            ("role.selector", self.role.selector.as_ref()),
            ("role.customerIf", self.role.customer_if.as_ref()),
            ("role.agentIf", self.role.agent_if.as_ref()),
        ];
        for (key, rule) in [
            ("messageId.selector", &self.message_id),
            ("time.selector", &self.time),
            ("conversation.selector", &self.conversation),
        ] {
            selectors.push((key, rule.as_ref().and_then(|r| r.selector.as_ref())));
        }
        for (key, sel) in selectors {
            let Some(sel) = sel else { continue };
            if sel.trim().is_empty() {
                return Err(format!("adapter `{key}`: empty selector"));
            }
            if doc.query_selector(sel).is_err() {
                return Err(format!(
                    "adapter `{key}`: `{sel}` is not a valid CSS selector"
                ));
            }
        }
        let r = &self.role;
        if r.customer_if.is_none()
            && r.agent_if.is_none()
            && r.attr.is_none()
            && r.selector.is_none()
        {
            return Err(
                "adapter `role`: give `attr`/`selector` (a value) or `customerIf`/`agentIf` (selectors)"
                    .into(),
            );
        }
        if let Some(d) = &r.default {
            d.parse::<Role>()
                .map_err(|e| format!("adapter `role.default`: {e}"))?;
        }
        if let Some(lang) = &self.lang {
            if lang != "zh" && lang != "en" {
                return Err(format!(
                    "adapter `lang`: expected \"zh\" or \"en\", got \"{lang}\""
                ));
            }
        }
        if let Some(dock) = &self.dock {
            if crate::web::overlay::Dock::parse(dock).is_none() {
                return Err(format!(
                    "adapter `dock`: expected top-right, top-left, bottom-right or bottom-left, got \"{dock}\""
                ));
            }
        }
        Ok(())
    }
}

/// One message as read from the page.
#[derive(Clone, Debug, PartialEq)]
pub struct RawMessage {
    /// Dedupe key: `id:…` from the id rule, else a fingerprint with its occurrence number.
    pub key: String,
    /// The page's own message id, if configured and present.
    pub id: Option<String>,
    /// Author.
    pub role: Role,
    /// Trimmed text.
    pub text: String,
    /// Time from the page, epoch ms, if configured and parseable.
    pub ts: Option<u64>,
}

/// The element `selector` designates relative to `el`: `el` itself when it matches (or no
/// selector is given), else its first matching descendant.
fn designated(el: &Element, selector: Option<&String>) -> Option<Element> {
    match selector {
        None => Some(el.clone()),
        Some(sel) => {
            if el.matches(sel).unwrap_or(false) {
                Some(el.clone())
            } else {
                el.query_selector(sel).ok().flatten()
            }
        }
    }
}

fn read_value(el: &Element, selector: Option<&String>, attr: Option<&String>) -> Option<String> {
    let target = designated(el, selector)?;
    let value = match attr {
        Some(a) => target.get_attribute(a),
        None => target.text_content(),
    }?;
    let value = value.trim();
    (!value.is_empty()).then(|| value.to_string())
}

/// Parses a time value: epoch ms or seconds as a number, else anything `Date.parse` reads.
pub fn parse_time(value: &str) -> Option<u64> {
    let ms = match value.trim().parse::<f64>() {
        Ok(n) if n < 1e11 => n * 1000.0,
        Ok(n) => n,
        Err(_) => js_sys::Date::parse(value),
    };
    (ms.is_finite() && ms >= 0.0).then_some(ms as u64)
}

impl AdapterConfig {
    /// Interns the config's selectors and attribute names (`wasm_bindgen::intern`): they
    /// cross into JavaScript several times per message, and an interned string crosses as the
    /// JS string made the first time instead of being decoded from UTF-8 again. The cache
    /// keeps one JS string per distinct selector, for the page's life (a page has few).
    pub fn intern_strings(&self) {
        let rules = [&self.message_id, &self.time, &self.conversation];
        let strings = [
            Some(&self.message_list),
            Some(&self.message),
            self.root.as_ref(),
            self.text.as_ref(),
            self.input.as_ref(),
            self.role.selector.as_ref(),
            self.role.attr.as_ref(),
            self.role.customer_if.as_ref(),
            self.role.agent_if.as_ref(),
        ]
        .into_iter()
        .chain(
            rules
                .into_iter()
                .flatten()
                .flat_map(|r| [r.selector.as_ref(), r.attr.as_ref()]),
        );
        for s in strings.flatten() {
            wasm_bindgen::intern(s);
        }
    }

    /// The element scoping every selector, if it is on the page now.
    pub fn find_root(&self, doc: &web_sys::Document) -> Option<Element> {
        match &self.root {
            Some(sel) => doc.query_selector(sel).ok().flatten(),
            None => doc.document_element(),
        }
    }

    /// The message list inside `root`, if rendered.
    pub fn find_list(&self, root: &Element) -> Option<Element> {
        root.query_selector(&self.message_list).ok().flatten()
    }

    /// The conversation on screen.
    pub fn conversation_id(&self, root: &Element) -> String {
        self.conversation
            .as_ref()
            .and_then(|rule| read_value(root, rule.selector.as_ref(), rule.attr.as_ref()))
            .unwrap_or_else(|| "default".to_string())
    }

    fn role_of(&self, el: &Element) -> Option<Role> {
        let r = &self.role;
        let hit = |sel: &Option<String>| {
            sel.as_ref().is_some_and(|s| {
                el.matches(s).unwrap_or(false) || el.query_selector(s).ok().flatten().is_some()
            })
        };
        if hit(&r.customer_if) {
            return Some(Role::Customer);
        }
        if hit(&r.agent_if) {
            return Some(Role::Agent);
        }
        if r.attr.is_some() || r.selector.is_some() {
            if let Some(v) = read_value(el, r.selector.as_ref(), r.attr.as_ref()) {
                let is = |list: &Vec<String>, dflt: &str| {
                    if list.is_empty() {
                        v == dflt
                    } else {
                        list.contains(&v)
                    }
                };
                if is(&r.customer, "customer") {
                    return Some(Role::Customer);
                }
                if is(&r.agent, "agent") {
                    return Some(Role::Agent);
                }
            }
        }
        r.default.as_ref().and_then(|d| d.parse().ok())
    }

    /// Reads every message of `list` in page order. Messages without a known role or without
    /// text (images, system notices) are skipped.
    pub fn read_messages(&self, list: &Element) -> Vec<RawMessage> {
        self.read_messages_counted(list, &mut HashMap::new())
    }

    /// [`read_messages`](Self::read_messages), filling `seen` with how often each
    /// fingerprint occurs (what [`read_message`](Self::read_message) needs to key messages
    /// appended later the same way).
    pub fn read_messages_counted(
        &self,
        list: &Element,
        seen: &mut HashMap<String, u32>,
    ) -> Vec<RawMessage> {
        let Ok(nodes) = list.query_selector_all(&self.message) else {
            return Vec::new();
        };
        let mut out = Vec::with_capacity(nodes.length() as usize);
        for i in 0..nodes.length() {
            let Some(el) = nodes.item(i).and_then(|n| n.dyn_into::<Element>().ok()) else {
                continue;
            };
            out.extend(self.read_message(&el, seen));
        }
        out
    }

    /// Reads one message element; `seen` counts fingerprints of the messages before it.
    pub fn read_message(
        &self,
        el: &Element,
        seen: &mut HashMap<String, u32>,
    ) -> Option<RawMessage> {
        let role = self.role_of(el)?;
        let text = read_value(el, self.text.as_ref(), None)?;
        let ts = self.time.as_ref().and_then(|rule| {
            read_value(el, rule.selector.as_ref(), rule.attr.as_ref()).and_then(|v| parse_time(&v))
        });
        let id = self
            .message_id
            .as_ref()
            .and_then(|rule| read_value(el, rule.selector.as_ref(), rule.attr.as_ref()));
        let key = match &id {
            Some(id) => format!("id:{id}"),
            None => {
                let role_tag = match role {
                    Role::Customer => 'c',
                    Role::Agent => 'a',
                };
                let fp = format!(
                    "fp:{role_tag}|{}|{text}",
                    ts.map(|t| t.to_string()).unwrap_or_default()
                );
                let n = seen.entry(fp.clone()).or_insert(0);
                *n += 1;
                format!("{fp}#{n}")
            }
        };
        Some(RawMessage {
            key,
            id,
            role,
            text,
            ts,
        })
    }

    fn is_or_has_message(&self, el: &Element) -> bool {
        el.matches(&self.message).unwrap_or(true)
            || el.query_selector(&self.message).ok().flatten().is_some()
    }

    /// The message elements a batch of mutation records appended at the end of `list`, in
    /// page order — or `None` when the batch did anything else that may matter (removed or
    /// moved a message, inserted one above others, edited a message's text or attributes,
    /// touched something outside the list): then the whole list must be read again.
    /// Nodes added or removed without any message in them (typing indicators, scroll
    /// helpers) and attribute changes outside messages are ignored. This is what keeps the
    /// work per new message independent of the conversation's length.
    pub fn appended(&self, list: &Element, records: &js_sys::Array) -> Option<Vec<Element>> {
        let mut added: Vec<Element> = Vec::new();
        for rec in records.iter() {
            let rec: MutationRecord = rec.dyn_into().ok()?;
            let target = rec.target()?;
            let change = change_of(&rec);
            if !list.contains(Some(&target)) {
                // Outside the list: a conversation switch or the list itself replaced needs
                // a full read; anything else (unread badges, headers) is none of our business.
                let conv_attr = self.conversation.as_ref().and_then(|c| c.attr.as_deref());
                if (change == Change::Attributes && rec.attribute_name().as_deref() == conv_attr)
                    || target.contains(Some(list))
                {
                    return None;
                }
                continue;
            }
            let target_el: Option<Element> = match target.dyn_ref::<Element>() {
                Some(e) => Some(e.clone()),
                None => target.parent_element(),
            };
            let in_message = target_el
                .as_ref()
                .and_then(|e| e.closest(&self.message).ok().flatten())
                .is_some_and(|m| list.contains(Some(&m)));
            match change {
                Change::ChildList if !in_message => {}
                Change::Attributes if !in_message => continue,
                _ => return None,
            }
            let removed = rec.removed_nodes();
            for i in 0..removed.length() {
                if let Some(el) = removed.item(i).and_then(|n| n.dyn_into::<Element>().ok()) {
                    if self.is_or_has_message(&el) {
                        return None;
                    }
                }
            }
            let nodes = rec.added_nodes();
            for i in 0..nodes.length() {
                let Some(el) = nodes.item(i).and_then(|n| n.dyn_into::<Element>().ok()) else {
                    continue;
                };
                if !el.is_connected() || !list.contains(Some(&el)) {
                    continue; // added, then removed again in the same batch
                }
                if el.matches(&self.message).unwrap_or(false) {
                    added.push(el);
                } else if let Ok(inner) = el.query_selector_all(&self.message) {
                    for j in 0..inner.length() {
                        if let Some(m) = inner.item(j).and_then(|n| n.dyn_into::<Element>().ok()) {
                            added.push(m);
                        }
                    }
                }
            }
        }
        // Page order, no duplicates (a node may be reported twice in one batch).
        added.sort_by(|a, b| {
            let pos = a.compare_document_position(b);
            if a.is_same_node(Some(b)) {
                std::cmp::Ordering::Equal
            } else if pos & web_sys::Node::DOCUMENT_POSITION_FOLLOWING != 0 {
                std::cmp::Ordering::Less
            } else {
                std::cmp::Ordering::Greater
            }
        });
        added.dedup_by(|a, b| a.is_same_node(Some(b)));
        // Appended means: no message of the list comes after the last one added.
        if let Some(last) = added.last() {
            if self.message_follows(list, last) {
                return None;
            }
        }
        Some(added)
    }

    /// Whether any message of `list` comes after `el` in page order.
    fn message_follows(&self, list: &Element, el: &Element) -> bool {
        let mut node = el.clone();
        loop {
            let mut next = node.next_element_sibling();
            while let Some(n) = next {
                if self.is_or_has_message(&n) {
                    return true;
                }
                next = n.next_element_sibling();
            }
            match node.parent_element() {
                Some(p) if !p.is_same_node(Some(list)) => node = p,
                _ => return false,
            }
        }
    }
}
