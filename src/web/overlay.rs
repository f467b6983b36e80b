//! The overlay: a host `<div data-moodwatch-host>` on `document.body` with an open shadow
//! root holding every element and every style (`:host { all: initial }`), so nothing leaks
//! either way. Page text is only ever written with `textContent`.

use super::i18n::Strings;
use crate::analysis::conversation::{AgentFlag, Snapshot};
use wasm_bindgen::{intern, JsCast, JsValue};
use web_sys::{
    Document, DomRect, Element, HtmlElement, ShadowRoot, ShadowRootInit, ShadowRootMode,
};

const STYLE: &str = include_str!("overlay.css");

/// Where the panel sits.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Dock {
    TopRight,
    BottomRight,
    BottomLeft,
    TopLeft,
    /// Dragged by the agent to `left`/`top` (px).
    Free(i32, i32),
}

impl Dock {
    /// Parses a dock name from the adapter config.
    pub fn parse(s: &str) -> Option<Dock> {
        Some(match s {
            "top-right" => Dock::TopRight,
            "bottom-right" => Dock::BottomRight,
            "bottom-left" => Dock::BottomLeft,
            "top-left" => Dock::TopLeft,
            _ => return None,
        })
    }

    fn name(self) -> &'static str {
        match self {
            Dock::TopRight => "top-right",
            Dock::BottomRight => "bottom-right",
            Dock::BottomLeft => "bottom-left",
            Dock::TopLeft => "top-left",
            Dock::Free(..) => "free",
        }
    }

    fn next(self) -> Dock {
        match self {
            Dock::TopRight => Dock::BottomRight,
            Dock::BottomRight => Dock::BottomLeft,
            Dock::BottomLeft => Dock::TopLeft,
            Dock::TopLeft | Dock::Free(..) => Dock::TopRight,
        }
    }
}

/// One warning in the overlay's list.
#[derive(Clone, Debug)]
pub struct WarningEntry {
    /// Level 1–3.
    pub level: u8,
    /// The strongest reason's note.
    pub note: String,
    /// When it fired (epoch ms).
    pub at_ms: u64,
}

/// What the panel shows.
pub struct View<'a> {
    /// State of the conversation on screen, if it has one.
    pub snapshot: Option<&'a Snapshot>,
    /// Warnings fired in this conversation, oldest first.
    pub warnings: &'a [WarningEntry],
    /// The widget's root is on the page.
    pub widget_present: bool,
    /// Alerts snoozed for this conversation.
    pub snoozed: bool,
}

/// The drawn overlay; removed from the page on drop.
pub struct Overlay {
    /// The document the overlay's elements are made in (kept: `ownerDocument` on every
    /// render was a call into JavaScript for a value that never changes).
    doc: Document,
    host: HtmlElement,
    root: ShadowRoot,
    panel: HtmlElement,
    badge: Element,
    level: Element,
    risk: Element,
    status: Element,
    /// The sparkline and its two runs of bars: the trend so far, the forecast.
    trend: Element,
    trend_now: Element,
    trend_next: Element,
    wait: Element,
    reasons: Element,
    suggestions: Element,
    compensation: Element,
    transfer: Element,
    warnings: Element,
    live: Element,
    draft: HtmlElement,
    strings: &'static Strings,
    dock: Dock,
    /// The panel's `max-height` as [`Overlay::fit`] last wrote it (nothing else writes it):
    /// kept here so that placing the panel, after every render that resizes it, need not
    /// read the style back from the page.
    cap: Option<String>,
    /// Whether the draft note is showing, so that hiding a hidden note writes nothing.
    draft_shown: bool,
    /// The reasons list's rows and the suggestion buttons made so far (see [`ReasonRow`]).
    reason_rows: Vec<ReasonRow>,
    suggestion_buttons: Vec<SuggestionButton>,
    drawn: Drawn,
}

/// What each part of the panel shows now, so that a render writes only what changed
/// (writing identical text still costs DOM work and style invalidation).
#[derive(Default)]
struct Drawn {
    level: Option<u8>,
    badge: Option<(u8, u32)>,
    status: Option<Option<&'static str>>,
    /// The sparkline's runs of bars (`None`: hidden, as at the start).
    trend: Option<(String, String)>,
    wait: Option<Option<u64>>,
    compensation: Option<Option<(String, String)>>,
    transfer: Option<bool>,
    warnings: Option<Vec<(u8, String, u64)>>,
}

/// Stores `new` in `slot` and says whether it differs from what was there.
fn changed<T: PartialEq>(slot: &mut Option<T>, new: T) -> bool {
    if slot.as_ref() == Some(&new) {
        false
    } else {
        *slot = Some(new);
        true
    }
}

/// One row of the reasons list, kept for reuse: a render writes only the texts that changed
/// and hides the rows it does not need instead of removing them. Measured in Chromium (300
/// messages, paired with the build that removed and re-made rows as the count of reasons went
/// up and down): making and removing elements on a message costs about 0.09 ms of
/// moodwatch's time per message, far more than the writes themselves, because each kind of
/// DOM change runs its own cold code in the browser.
struct ReasonRow {
    li: Element,
    note: Element,
    weight: Element,
    /// What the row shows (kept while it is hidden, so showing it again may write nothing).
    text: (String, String),
    shown: bool,
}

impl ReasonRow {
    fn new(doc: &Document, list: &Element) -> Result<Self, JsValue> {
        let li = doc.create_element(intern("li"))?;
        let note = doc.create_element(intern("span"))?;
        note.set_class_name(intern("mw-note"));
        let weight = doc.create_element(intern("span"))?;
        weight.set_class_name(intern("mw-weight"));
        li.append_child(&note)?;
        li.append_child(&weight)?;
        list.append_child(&li)?;
        Ok(ReasonRow {
            li,
            note,
            weight,
            text: Default::default(),
            shown: true,
        })
    }

    /// Shows `note` and `weight` in this row; returns whether anything was written.
    fn show(&mut self, note: &str, weight: &str) -> bool {
        let mut wrote = false;
        if self.text.0 != note {
            self.note.set_text_content(Some(note));
            self.text.0 = note.to_string();
            wrote = true;
        }
        if self.text.1 != weight {
            self.weight.set_text_content(Some(weight));
            self.text.1 = weight.to_string();
            wrote = true;
        }
        set_shown(&self.li, &mut self.shown, true) || wrote
    }
}

/// One suggestion button, kept for reuse like [`ReasonRow`]; its `data-index` is its place.
struct SuggestionButton {
    el: Element,
    /// `(id, text, label)` as written.
    drawn: (String, String, String),
    shown: bool,
}

impl SuggestionButton {
    fn new(doc: &Document, group: &Element, index: usize) -> Result<Self, JsValue> {
        let el = doc.create_element(intern("button"))?;
        el.set_attribute(intern("type"), intern("button"))?;
        el.set_class_name(intern("mw-suggestion"));
        el.set_attribute(intern("data-action"), intern("insert"))?;
        el.set_attribute(intern("data-index"), &index.to_string())?;
        group.append_child(&el)?;
        Ok(SuggestionButton {
            el,
            drawn: Default::default(),
            shown: true,
        })
    }

    /// Shows one suggestion on this button; returns whether anything was written.
    fn show(&mut self, id: &str, text: &str, label: &str) -> Result<bool, JsValue> {
        let mut wrote = false;
        if self.drawn.0 != id {
            self.el.set_attribute(intern("data-suggestion-id"), id)?;
            self.drawn.0 = id.to_string();
            wrote = true;
        }
        if self.drawn.1 != text {
            self.el.set_attribute(intern("title"), text)?;
            self.drawn.1 = text.to_string();
            wrote = true;
        }
        if self.drawn.2 != label {
            self.el.set_text_content(Some(label));
            self.drawn.2 = label.to_string();
            wrote = true;
        }
        Ok(set_shown(&self.el, &mut self.shown, true) || wrote)
    }
}

/// Shows or hides a pooled element, writing only when that changes; returns whether it wrote.
fn set_shown(el: &Element, shown: &mut bool, show: bool) -> bool {
    if *shown == show {
        return false;
    }
    let _ = el.toggle_attribute_with_force(intern("hidden"), !show);
    *shown = show;
    true
}

fn q(root: &ShadowRoot, sel: &str) -> Result<Element, JsValue> {
    root.query_selector(sel)?
        .ok_or_else(|| JsValue::from_str(&format!("overlay element {sel} missing")))
}

fn skeleton(s: &Strings) -> String {
    format!(
        r#"<style>{STYLE}</style>
<section class="mw-panel" role="region" aria-label="{title}" data-dock="top-right">
  <header class="mw-head" tabindex="0" title="{dock}">
    <div class="mw-badge" data-warning-level="0"><span class="mw-level">{l0}</span><span class="mw-risk">{risk} 0%</span></div>
    <button type="button" class="mw-icon" data-action="dock" aria-label="{dock}" title="{dock}">⇆</button>
    <button type="button" class="mw-icon" data-action="collapse" aria-label="{collapse}" title="{collapse}" aria-expanded="true">▾</button>
  </header>
  <div class="mw-body">
    <p class="mw-status" hidden></p>
    <div class="mw-trend" role="img" aria-label="{trend}" hidden><span class="mw-t"></span><span class="mw-f"></span></div>
    <p class="mw-wait" hidden></p>
    <h3>{reasons}</h3><ul class="mw-reasons"></ul>
    <h3>{suggestions}</h3><div class="mw-suggestions" role="group" aria-label="{suggestions}"></div>
    <div class="mw-compensation" hidden></div>
    <button type="button" class="mw-transfer" data-action="transfer" hidden>{transfer}</button>
    <h3>{warnings}</h3><ul class="mw-warnings"></ul>
    <div class="mw-actions">
      <button type="button" data-action="dismiss">{dismiss}</button>
      <button type="button" data-action="snooze">{snooze}</button>
      <button type="button" data-action="feedback-wrong">{wrong}</button>
      <button type="button" data-action="feedback-missed">{missed}</button>
    </div>
  </div>
  <div class="mw-live mw-sr" aria-live="polite" role="status"></div>
</section>
<div class="mw-draft" role="note" hidden></div>"#,
        title = s.title,
        dock = s.dock,
        collapse = s.collapse,
        l0 = s.levels[0],
        risk = s.risk,
        trend = s.trend,
        reasons = s.reasons,
        suggestions = s.suggestions,
        transfer = s.transfer,
        warnings = s.warnings,
        dismiss = s.dismiss,
        snooze = s.snooze,
        wrong = s.wrong,
        missed = s.missed,
    )
}

fn fmt_wait(ms: u64) -> String {
    let s = ms / 1000;
    format!("{}:{:02}", s / 60, s % 60)
}

/// The most points the sparkline shows (the latest ones): about the panel's width in bars.
const SPARK_POINTS: usize = 28;

/// Eight bar heights, lowest first.
const SPARK_BARS: [char; 8] = ['▁', '▂', '▃', '▄', '▅', '▆', '▇', '█'];

/// The sparkline as two runs of bar characters: the trend so far and the forecast after it
/// (`None` with no trend yet). Text, not SVG: a message changes the sparkline every time, and
/// in Chromium rewriting an SVG polyline's points cost about 0.075 ms of moodwatch's time
/// per message (paired, 300 messages) where a text write, a path the panel takes anyway,
/// costs next to nothing more.
fn sparkline_text(trend: &[f32], forecast: &[f32]) -> Option<(String, String)> {
    if trend.is_empty() {
        return None;
    }
    let bar = |v: &f32| SPARK_BARS[(v.clamp(0.0, 1.0) * 7.0).round() as usize];
    let forecast = &forecast[..forecast.len().min(SPARK_POINTS / 2)];
    let keep = SPARK_POINTS - forecast.len();
    let trend = &trend[trend.len().saturating_sub(keep)..];
    Some((
        trend.iter().map(bar).collect(),
        forecast.iter().map(bar).collect(),
    ))
}

/// The viewport's width and height in CSS pixels.
fn viewport() -> (f64, f64) {
    super::global::window()
        .map(|w| (css_px(w.inner_width()), css_px(w.inner_height())))
        .unwrap_or((800.0, 600.0))
}

/// The viewport's height alone ([`viewport`]'s second value): placing the panel needs only
/// that, and each of `innerWidth`, `innerHeight` is a call into the page.
fn viewport_height() -> f64 {
    super::global::window().map_or(600.0, |w| css_px(w.inner_height()))
}

/// A window dimension as a number (800 where it is not one, for either dimension, as before).
fn css_px(v: Result<JsValue, JsValue>) -> f64 {
    v.ok().and_then(|v| v.as_f64()).unwrap_or(800.0)
}

fn intersects(a: &DomRect, b: &DomRect) -> bool {
    a.left() < b.right() && b.left() < a.right() && a.top() < b.bottom() && b.top() < a.bottom()
}

impl Overlay {
    /// Builds the overlay and appends its host to `document.body`.
    pub fn new(doc: &Document, strings: &'static Strings, dock: Dock) -> Result<Self, JsValue> {
        let body = doc
            .body()
            .ok_or("document.body is missing: load moodwatch with `defer` or after <body>")?;
        let overlay = Self::detached(doc, strings, dock)?;
        body.append_child(&overlay.host)?;
        Ok(overlay)
    }

    /// Builds the overlay without putting it on the page (nothing is shown, announced or
    /// laid out): what the idle-time warm-up renders into.
    pub fn detached(
        doc: &Document,
        strings: &'static Strings,
        dock: Dock,
    ) -> Result<Self, JsValue> {
        let host: HtmlElement = doc.create_element("div")?.dyn_into()?;
        host.set_attribute("data-moodwatch-host", "")?;
        let root = host.attach_shadow(&ShadowRootInit::new(ShadowRootMode::Open))?;
        root.set_inner_html(&skeleton(strings));
        let overlay = Overlay {
            panel: q(&root, ".mw-panel")?.dyn_into()?,
            badge: q(&root, ".mw-badge")?,
            level: q(&root, ".mw-level")?,
            risk: q(&root, ".mw-risk")?,
            status: q(&root, ".mw-status")?,
            trend: q(&root, ".mw-trend")?,
            trend_now: q(&root, ".mw-trend .mw-t")?,
            trend_next: q(&root, ".mw-trend .mw-f")?,
            wait: q(&root, ".mw-wait")?,
            reasons: q(&root, ".mw-reasons")?,
            suggestions: q(&root, ".mw-suggestions")?,
            compensation: q(&root, ".mw-compensation")?,
            transfer: q(&root, ".mw-transfer")?,
            warnings: q(&root, ".mw-warnings")?,
            live: q(&root, ".mw-live")?,
            draft: q(&root, ".mw-draft")?.dyn_into()?,
            doc: doc.clone(),
            host,
            root,
            strings,
            dock,
            cap: None,
            draft_shown: false,
            reason_rows: Vec::new(),
            suggestion_buttons: Vec::new(),
            drawn: Drawn::default(),
        };
        overlay.apply_dock();
        Ok(overlay)
    }

    /// The shadow root (event delegation target).
    pub fn root(&self) -> &ShadowRoot {
        &self.root
    }

    /// The host element on the page.
    pub fn host(&self) -> &HtmlElement {
        &self.host
    }

    /// The panel (drag target).
    pub fn panel(&self) -> &HtmlElement {
        &self.panel
    }

    /// The UI strings in use.
    pub fn strings(&self) -> &'static Strings {
        self.strings
    }

    fn apply_dock(&self) {
        let style = self.panel.style();
        let _ = self.panel.set_attribute("data-dock", self.dock.name());
        for p in ["left", "top", "right", "bottom"] {
            let _ = style.remove_property(p);
        }
        if let Dock::Free(left, top) = self.dock {
            let _ = style.set_property("left", &format!("{left}px"));
            let _ = style.set_property("top", &format!("{top}px"));
        }
    }

    /// Moves to the next dock corner.
    pub fn cycle_dock(&mut self, avoid: Option<&DomRect>) {
        self.dock = self.dock.next();
        self.apply_dock();
        self.avoid(avoid);
    }

    /// Places the panel at `left`/`top` (dragging, arrow keys), kept inside the viewport.
    pub fn move_to(&mut self, left: f64, top: f64) {
        let (w, h) = viewport();
        let rect = self.panel.get_bounding_client_rect();
        let left = left.min(w - rect.width().min(w)).max(0.0);
        let top = top.min(h - 32.0).max(0.0);
        self.dock = Dock::Free(left as i32, top as i32);
        self.apply_dock();
    }

    /// Current panel rectangle.
    pub fn panel_rect(&self) -> DomRect {
        self.panel.get_bounding_client_rect()
    }

    /// If the panel covers the input box, tries the other corners (a dragged panel stays
    /// where the agent put it). When every corner covers it (a small or zoomed-in window),
    /// docks above or below the input, wherever there is more room, and caps the panel's
    /// height to that room (its body scrolls).
    pub fn avoid(&mut self, input: Option<&DomRect>) {
        let Some(input) = input else { return };
        if matches!(self.dock, Dock::Free(..)) {
            return;
        }
        if self.capped() {
            self.fit(input);
        }
        for _ in 0..4 {
            if !intersects(&self.panel.get_bounding_client_rect(), input) {
                return;
            }
            self.dock = self.dock.next();
            self.apply_dock();
        }
        let vh = viewport_height();
        self.dock = if input.top() >= vh - input.bottom() {
            Dock::TopRight
        } else {
            Dock::BottomRight
        };
        self.apply_dock();
        self.fit(input);
    }

    fn capped(&self) -> bool {
        self.cap.is_some()
    }

    /// Caps the panel's height to the room between its corner and the input box when they
    /// share columns; removes the cap otherwise. Writes only a changed value (the resize
    /// observer calls back on every size change).
    fn fit(&mut self, input: &DomRect) {
        const MARGIN: f64 = 8.0;
        const MIN: f64 = 48.0;
        let vh = viewport_height();
        let rect = self.panel.get_bounding_client_rect();
        let shares_columns = rect.left() < input.right() && input.left() < rect.right();
        let cap = shares_columns.then(|| {
            let room = match self.dock {
                Dock::TopRight | Dock::TopLeft => input.top() - 2.0 * MARGIN,
                _ => vh - input.bottom() - 2.0 * MARGIN,
            };
            format!("{}px", room.min(vh - 2.0 * MARGIN).max(MIN).floor())
        });
        if self.cap == cap {
            return;
        }
        let style = self.panel.style();
        let _ = match &cap {
            Some(v) => style.set_property("max-height", v),
            None => style.remove_property("max-height").map(|_| ()),
        };
        self.cap = cap;
    }

    /// Collapses or expands the body; returns the new expanded state.
    pub fn toggle_collapsed(&self) -> bool {
        let collapsed = self.panel.has_attribute("data-collapsed");
        if collapsed {
            let _ = self.panel.remove_attribute("data-collapsed");
        } else {
            let _ = self.panel.set_attribute("data-collapsed", "");
        }
        if let Ok(Some(b)) = self.root.query_selector("[data-action=collapse]") {
            let _ = b.set_attribute("aria-expanded", if collapsed { "true" } else { "false" });
        }
        collapsed
    }

    /// Redraws the panel from a view, writing only the parts that changed since the last
    /// render; returns whether anything was written.
    pub fn render(&mut self, view: &View<'_>) -> Result<bool, JsValue> {
        let s = self.strings;
        let doc = self.doc.clone();
        let mut wrote = false;
        let (level, risk) = view
            .snapshot
            .map_or((0u8, 0.0), |snap| (u8::from(snap.warning_level), snap.risk));
        let level_idx = usize::from(level.min(3));
        let pct = (risk * 100.0).round() as u32;
        // The level changes far less often than the risk: each is written only when it moved.
        if changed(&mut self.drawn.level, level) {
            wrote = true;
            self.badge
                .set_attribute(intern("data-warning-level"), intern(&level.to_string()))?;
            self.level
                .set_text_content(Some(intern(s.levels[level_idx])));
        }
        let old_pct = self.drawn.badge.map(|(_, p)| p);
        if changed(&mut self.drawn.badge, (level, pct)) {
            wrote = true;
            if old_pct != Some(pct) {
                self.risk
                    .set_text_content(Some(&format!("{} {pct}%", s.risk)));
            }
            self.badge.set_attribute(
                intern("aria-label"),
                &format!("{}: {} · {} {pct}%", s.title, s.levels[level_idx], s.risk),
            )?;
        }

        let status = if !view.widget_present {
            Some(s.no_widget)
        } else if view.snoozed {
            Some(s.snoozed)
        } else {
            None
        };
        if changed(&mut self.drawn.status, status) {
            wrote = true;
            self.status.set_text_content(status.map(intern));
            self.status
                .toggle_attribute_with_force(intern("hidden"), status.is_none())?;
        }

        let snap = view.snapshot;
        // Each run of bars is written only when it changed; the sparkline is hidden until
        // the conversation has a trend.
        let trend = snap.and_then(|s| sparkline_text(&s.trend, &s.forecast));
        let before = self.drawn.trend.take();
        if before != trend {
            wrote = true;
            let (old_t, old_f) = before.as_ref().map_or(("", ""), |(t, f)| (&t[..], &f[..]));
            let (new_t, new_f) = trend.as_ref().map_or(("", ""), |(t, f)| (&t[..], &f[..]));
            if old_t != new_t {
                self.trend_now.set_text_content(Some(new_t));
            }
            if old_f != new_f {
                self.trend_next.set_text_content(Some(new_f));
            }
            if before.is_some() != trend.is_some() {
                self.trend
                    .toggle_attribute_with_force(intern("hidden"), trend.is_none())?;
            }
        }
        self.drawn.trend = trend;

        let wait = snap.and_then(|s| s.waiting_since_ms.map(|_| s.waiting_ms / 1000));
        if changed(&mut self.drawn.wait, wait) {
            wrote = true;
            match wait {
                Some(secs) => {
                    self.wait.set_text_content(Some(&format!(
                        "{} {}",
                        s.waiting,
                        fmt_wait(secs * 1000)
                    )));
                    self.wait.remove_attribute(intern("hidden"))?;
                }
                None => {
                    self.wait.set_text_content(None);
                    self.wait.set_attribute(intern("hidden"), intern(""))?;
                }
            }
        }

        // Each pooled row compares what it shows with what it is given: only what changed is
        // written, rows past the list are hidden.
        let reasons = snap.map_or(&[][..], |s| &s.reasons[..]);
        let mut shown = 0;
        for (i, r) in reasons.iter().take(6).enumerate() {
            if i == self.reason_rows.len() {
                self.reason_rows.push(ReasonRow::new(&doc, &self.reasons)?);
            }
            let note = if r.note.is_empty() { &r.text } else { &r.note };
            wrote |= self.reason_rows[i].show(note, &format!("{:+.2}", r.weight));
            shown = i + 1;
        }
        for row in self.reason_rows.iter_mut().skip(shown) {
            wrote |= set_shown(&row.li, &mut row.shown, false);
        }

        let suggestions = snap.map_or(&[][..], |s| &s.suggestions[..]);
        for (i, sug) in suggestions.iter().enumerate() {
            if i == self.suggestion_buttons.len() {
                let b = SuggestionButton::new(&doc, &self.suggestions, i)?;
                self.suggestion_buttons.push(b);
            }
            let label = if sug.label.is_empty() {
                &sug.text
            } else {
                &sug.label
            };
            wrote |= self.suggestion_buttons[i].show(&sug.id, &sug.text, label)?;
        }
        for b in self.suggestion_buttons.iter_mut().skip(suggestions.len()) {
            wrote |= set_shown(&b.el, &mut b.shown, false);
        }

        let compensation = snap
            .and_then(|s| s.compensation.as_ref())
            .map(|c| (c.label.clone(), c.text.clone()));
        if changed(&mut self.drawn.compensation, compensation) {
            wrote = true;
            self.compensation.set_text_content(None);
            match self.drawn.compensation.as_ref().and_then(|c| c.as_ref()) {
                Some((label, text)) => {
                    let h = doc.create_element(intern("strong"))?;
                    h.set_text_content(Some(&format!("{}：{}", s.compensation, label)));
                    let p = doc.create_element(intern("div"))?;
                    p.set_text_content(Some(text));
                    let b = doc.create_element(intern("button"))?;
                    b.set_attribute(intern("type"), intern("button"))?;
                    b.set_attribute(intern("data-action"), intern("insert-compensation"))?;
                    b.set_text_content(Some(intern(s.insert)));
                    self.compensation.append_child(&h)?;
                    self.compensation.append_child(&p)?;
                    self.compensation.append_child(&b)?;
                    self.compensation.remove_attribute(intern("hidden"))?;
                }
                None => self
                    .compensation
                    .set_attribute(intern("hidden"), intern(""))?,
            }
        }

        if changed(&mut self.drawn.transfer, level < 2) {
            wrote = true;
            self.transfer
                .toggle_attribute_with_force(intern("hidden"), level < 2)?;
        }

        let warnings: Vec<(u8, String, u64)> = view
            .warnings
            .iter()
            .rev()
            .take(5)
            .map(|w| (w.level, w.note.clone(), w.at_ms))
            .collect();
        if changed(&mut self.drawn.warnings, warnings) {
            wrote = true;
            self.warnings.set_text_content(None);
            for (level, note, at_ms) in self.drawn.warnings.iter().flatten() {
                let li = doc.create_element(intern("li"))?;
                li.set_attribute(intern("data-level"), intern(&level.to_string()))?;
                let time = js_sys::Date::new(&JsValue::from_f64(*at_ms as f64));
                let label = s.levels[usize::from((*level).min(3))];
                li.set_text_content(Some(&format!(
                    "{:02}:{:02} {label} — {note}",
                    time.get_hours(),
                    time.get_minutes(),
                )));
                self.warnings.append_child(&li)?;
            }
        }
        Ok(wrote)
    }

    /// Announces text in the polite live region.
    pub fn announce(&self, text: &str) {
        self.live.set_text_content(Some(text));
    }

    /// Announces a new warning.
    pub fn announce_warning(&self, level: u8, note: &str) {
        let s = self.strings;
        self.announce(&format!(
            "{}：{} — {note}",
            s.warning_announce,
            s.levels[usize::from(level.min(3))]
        ));
    }

    /// Shows (or hides, with no flags) the quiet draft note above the input box.
    pub fn show_draft(
        &mut self,
        flags: &[AgentFlag],
        input: Option<&DomRect>,
    ) -> Result<(), JsValue> {
        let (Some(rect), false) = (input, flags.is_empty()) else {
            // Every agent message hides the note: a note already hidden (and empty) is left
            // alone instead of being written again.
            if self.draft_shown {
                self.draft.set_text_content(None);
                self.draft.set_attribute(intern("hidden"), intern(""))?;
                self.draft_shown = false;
            }
            return Ok(());
        };
        // Marked before the first write: should any write fail, the next hide still clears it.
        self.draft_shown = true;
        let notes: Vec<&str> = flags.iter().map(|f| f.note.as_str()).collect();
        self.draft.set_text_content(Some(&format!(
            "{}：{}",
            self.strings.draft,
            notes.join("；")
        )));
        self.draft.set_attribute(
            "data-dimensions",
            &flags
                .iter()
                .map(|f| f.dimension.as_str())
                .collect::<Vec<_>>()
                .join(" "),
        )?;
        let h = super::global::window()
            .and_then(|w| w.inner_height().ok())
            .and_then(|v| v.as_f64())
            .unwrap_or(600.0);
        let style = self.draft.style();
        style.set_property("left", &format!("{}px", rect.left().max(0.0)))?;
        style.set_property("bottom", &format!("{}px", (h - rect.top() + 6.0).max(0.0)))?;
        self.draft.remove_attribute("hidden")
    }
}

impl Drop for Overlay {
    fn drop(&mut self) {
        self.host.remove();
    }
}
