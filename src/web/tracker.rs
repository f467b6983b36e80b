//! Which messages on the page are new. Widgets re-render (virtual DOM replaces nodes),
//! load older history above, edit and delete messages and swap the whole list on a
//! conversation switch; the tracker remembers every message of every conversation by key so
//! that nothing is counted twice and history never raises live warnings.

use super::adapter::RawMessage;
use crate::analysis::conversation::Role;
use std::collections::HashMap;

/// A message the tracker has accepted.
#[derive(Clone, Debug, PartialEq)]
pub struct Known {
    /// Author.
    pub role: Role,
    /// Text (updated on edits).
    pub text: String,
    /// Time fed to the core (monotonic within the conversation).
    pub ts_ms: u64,
}

/// Every message seen in one conversation, in conversation order.
#[derive(Clone, Debug, Default)]
pub struct Track {
    order: Vec<String>,
    msgs: HashMap<String, Known>,
    last_ts: u64,
    initialized: bool,
    /// Fingerprint occurrences on the page as of the last read (see `AdapterConfig::read_message`).
    pub seen: HashMap<String, u32>,
}

/// What a scan of the message list means for the core.
#[derive(Debug, Default, PartialEq)]
pub struct Plan {
    /// Replay the whole conversation silently (first sight, history loaded above, edits).
    pub rebuild: bool,
    /// Indices (into the scanned messages) of those that arrived live, in order.
    pub live: Vec<usize>,
}

impl Track {
    /// Messages in conversation order, for a silent replay.
    pub fn replay(&self) -> impl Iterator<Item = (&str, &Known)> {
        self.order
            .iter()
            .filter_map(|k| self.msgs.get(k).map(|m| (k.as_str(), m)))
    }

    /// The accepted message with this key.
    pub fn get(&self, key: &str) -> Option<&Known> {
        self.msgs.get(key)
    }

    /// Whether the first full read happened (appends can only be read after it).
    pub fn initialized(&self) -> bool {
        self.initialized
    }

    /// Takes messages appended at the end of the list (nothing above them changed): known
    /// keys are checked for edits, new ones arrive live. Gives what [`reconcile`] would give
    /// for the whole list, in time proportional to the appended messages only; `None` (and
    /// no change) when a known message follows a new one, which only a full read can place.
    ///
    /// [`reconcile`]: Self::reconcile
    pub fn append(&mut self, raw: &[RawMessage], now_ms: u64) -> Option<Plan> {
        let known = |m: &RawMessage| self.msgs.contains_key(&m.key);
        if let Some(first_new) = raw.iter().position(|m| !known(m)) {
            if raw[first_new..].iter().any(known) {
                return None;
            }
        }
        let mut plan = Plan::default();
        for (i, m) in raw.iter().enumerate() {
            if let Some(edited) = self.refresh_known(m) {
                plan.rebuild |= edited;
                continue;
            }
            self.push_live(m, now_ms);
            plan.live.push(i);
        }
        if plan.rebuild {
            self.fix_times();
        }
        Some(plan)
    }

    /// Appends a new message after everything seen; its time never goes backwards (a widget
    /// without times, or with coarse ones, still gives the engine an ordered conversation).
    fn push_live(&mut self, m: &RawMessage, now_ms: u64) {
        let ts = m.ts.unwrap_or(now_ms).max(self.last_ts);
        self.insert_at(self.order.len(), m, ts);
        self.last_ts = ts;
    }

    /// For a message already seen: takes its current text and role, and tells whether that
    /// was an edit. `None` for a message not seen before.
    fn refresh_known(&mut self, m: &RawMessage) -> Option<bool> {
        let k = self.msgs.get_mut(&m.key)?;
        let edited = k.text != m.text || k.role != m.role;
        if edited {
            k.text.clone_from(&m.text);
            k.role = m.role;
        }
        Some(edited)
    }

    /// Reconciles the messages on the page with what was seen. Deleted or unmounted
    /// messages are kept (what the customer said still counts; virtualised lists unmount
    /// old rows); messages re-rendered with the same key are not counted again.
    pub fn reconcile(&mut self, raw: &[RawMessage], now_ms: u64) -> Plan {
        let mut plan = Plan::default();
        if !self.initialized {
            self.initialized = true;
            for m in raw {
                let ts = m.ts.unwrap_or(now_ms);
                self.insert_at(self.order.len(), m, ts);
            }
            plan.rebuild = !raw.is_empty();
            self.fix_times();
            return plan;
        }
        let last_known = raw.iter().rposition(|m| self.msgs.contains_key(&m.key));
        for (i, m) in raw.iter().enumerate() {
            if let Some(edited) = self.refresh_known(m) {
                plan.rebuild |= edited;
                continue;
            }
            match last_known {
                Some(lk) if i < lk => {
                    // Older history (or a gap filled in): place it before the next known
                    // message, take its time from the page or from that message.
                    let next = raw[i + 1..]
                        .iter()
                        .find_map(|n| self.order.iter().position(|k| *k == n.key));
                    let pos = next.unwrap_or(self.order.len());
                    let fallback = self
                        .order
                        .get(pos)
                        .and_then(|k| self.msgs.get(k))
                        .map_or(now_ms, |k| k.ts_ms);
                    self.insert_at(pos, m, m.ts.unwrap_or(fallback));
                    plan.rebuild = true;
                }
                _ => {
                    self.push_live(m, now_ms);
                    plan.live.push(i);
                }
            }
        }
        if plan.rebuild {
            self.fix_times();
        }
        plan
    }

    fn insert_at(&mut self, pos: usize, m: &RawMessage, ts_ms: u64) {
        self.order.insert(pos, m.key.clone());
        self.msgs.insert(
            m.key.clone(),
            Known {
                role: m.role,
                text: m.text.clone(),
                ts_ms,
            },
        );
    }

    /// Makes times non-decreasing in conversation order (the core rejects time going back).
    fn fix_times(&mut self) {
        let mut t = 0;
        for k in &self.order {
            if let Some(m) = self.msgs.get_mut(k) {
                m.ts_ms = m.ts_ms.max(t);
                t = m.ts_ms;
            }
        }
        self.last_ts = t;
    }
}
