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
    trend: Element,
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
    drawn: Drawn,
}

/// What each part of the panel shows now, so that a render writes only what changed
/// (writing identical text still costs DOM work and style invalidation).
#[derive(Default)]
struct Drawn {
    level: Option<u8>,
    badge: Option<(u8, u32)>,
    status: Option<Option<&'static str>>,
    trend: Option<Option<(String, Option<String>)>>,
    /// The sparkline's polylines (trend, forecast) in the markup drawn now, found once each
    /// time the markup is parsed rather than on every render.
    polylines: (Option<Element>, Option<Element>),
    wait: Option<Option<u64>>,
    reasons: Option<Vec<(String, String)>>,
    suggestions: Option<Vec<(String, String, String)>>,
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

/// Stores `new` in `slot` when it differs from what was there, and then returns the previous
/// value (the default when there was none), for lists updated row by row.
fn replaced<T: PartialEq + Default>(slot: &mut Option<T>, new: T) -> Option<T> {
    if slot.as_ref() == Some(&new) {
        None
    } else {
        Some(slot.replace(new).unwrap_or_default())
    }
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
    <div class="mw-trend" role="img" aria-label="{trend}"></div>
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

/// The sparkline's two polylines: the trend so far and, if any, the forecast from its last
/// point (`points` attribute values in a 120×32 box).
fn sparkline_points(trend: &[f32], forecast: &[f32]) -> Option<(String, Option<String>)> {
    if trend.is_empty() {
        return None;
    }
    let n = (trend.len() + forecast.len()).max(2) - 1;
    let x = |i: usize| i as f32 * 120.0 / n as f32;
    let y = |v: f32| 30.0 - v.clamp(0.0, 1.0) * 28.0;
    let pts: Vec<String> = trend
        .iter()
        .enumerate()
        .map(|(i, v)| format!("{:.1},{:.1}", x(i), y(*v)))
        .collect();
    let fc = (!forecast.is_empty()).then(|| {
        let start = trend.len() - 1;
        let mut f = vec![format!("{:.1},{:.1}", x(start), y(trend[start]))];
        f.extend(
            forecast
                .iter()
                .enumerate()
                .map(|(i, v)| format!("{:.1},{:.1}", x(start + i + 1), y(*v))),
        );
        f.join(" ")
    });
    Some((pts.join(" "), fc))
}

/// The sparkline's markup; the points are set on its polylines afterwards.
fn sparkline_svg(with_forecast: bool) -> String {
    let mut svg = String::from(
        r##"<svg viewBox="0 0 120 32" preserveAspectRatio="none" aria-hidden="true"><line x1="0" y1="16" x2="120" y2="16" stroke="#d0d7de" stroke-dasharray="2 2"/><polyline class="mw-t" fill="none" stroke="currentColor" stroke-width="2"/>"##,
    );
    if with_forecast {
        svg.push_str(
            r#"<polyline class="mw-f" fill="none" stroke="currentColor" stroke-opacity=".5" stroke-dasharray="3 2"/>"#,
        );
    }
    svg.push_str("</svg>");
    svg
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
        // The sparkline's markup is parsed only when its shape (forecast or not) changes;
        // otherwise only the polylines' points are rewritten.
        let trend = snap.and_then(|s| sparkline_points(&s.trend, &s.forecast));
        let shape = |t: &Option<(String, Option<String>)>| t.as_ref().map(|(_, f)| f.is_some());
        if self.drawn.trend.as_ref() != Some(&trend) {
            wrote = true;
            let same_shape = self.drawn.trend.as_ref().map(shape) == Some(shape(&trend));
            if !same_shape {
                self.trend.set_inner_html(
                    &trend
                        .as_ref()
                        .map_or(String::new(), |(_, f)| sparkline_svg(f.is_some())),
                );
                self.drawn.polylines = (
                    self.trend.query_selector(intern(".mw-t"))?,
                    self.trend.query_selector(intern(".mw-f"))?,
                );
            }
            if let Some((t, f)) = &trend {
                if let Some(el) = &self.drawn.polylines.0 {
                    el.set_attribute(intern("points"), t)?;
                }
                if let (Some(f), Some(el)) = (f, &self.drawn.polylines.1) {
                    el.set_attribute(intern("points"), f)?;
                }
            }
            self.drawn.trend = Some(trend);
        }

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

        let reasons: Vec<(String, String)> = snap
            .map_or(&[][..], |s| &s.reasons[..])
            .iter()
            .take(6)
            .map(|r| {
                let note = if r.note.is_empty() { &r.text } else { &r.note };
                (note.clone(), format!("{:+.2}", r.weight))
            })
            .collect();
        if let Some(old) = replaced(&mut self.drawn.reasons, reasons) {
            wrote = true;
            // Rows are updated in place: only the texts that changed are written.
            let items = self.reasons.children();
            for (i, (note, weight)) in self.drawn.reasons.iter().flatten().enumerate() {
                let prev = old.get(i);
                match items.item(i as u32) {
                    Some(li) => {
                        if prev.map(|p| &p.0) != Some(note) {
                            if let Some(n) = li.first_element_child() {
                                n.set_text_content(Some(note));
                            }
                        }
                        if prev.map(|p| &p.1) != Some(weight) {
                            if let Some(w) = li.last_element_child() {
                                w.set_text_content(Some(weight));
                            }
                        }
                    }
                    None => {
                        let li = doc.create_element(intern("li"))?;
                        let n = doc.create_element(intern("span"))?;
                        n.set_class_name(intern("mw-note"));
                        n.set_text_content(Some(note));
                        let w = doc.create_element(intern("span"))?;
                        w.set_class_name(intern("mw-weight"));
                        w.set_text_content(Some(weight));
                        li.append_child(&n)?;
                        li.append_child(&w)?;
                        self.reasons.append_child(&li)?;
                    }
                }
            }
            let keep = self.drawn.reasons.as_ref().map_or(0, Vec::len) as u32;
            while items.length() > keep {
                if let Some(last) = self.reasons.last_element_child() {
                    last.remove();
                } else {
                    break;
                }
            }
        }

        let suggestions: Vec<(String, String, String)> = snap
            .map_or(&[][..], |s| &s.suggestions[..])
            .iter()
            .map(|sug| {
                let label = if sug.label.is_empty() {
                    &sug.text
                } else {
                    &sug.label
                };
                (sug.id.clone(), sug.text.clone(), label.clone())
            })
            .collect();
        if let Some(old) = replaced(&mut self.drawn.suggestions, suggestions) {
            wrote = true;
            // Buttons are updated in place (most messages change the suggestions): only the
            // fields that changed are written, and buttons are added or removed at the end.
            let buttons = self.suggestions.children();
            for (i, (id, text, label)) in self.drawn.suggestions.iter().flatten().enumerate() {
                let prev = old.get(i);
                match buttons.item(i as u32) {
                    Some(b) => {
                        if prev.map(|p| &p.0) != Some(id) {
                            b.set_attribute(intern("data-suggestion-id"), id)?;
                        }
                        if prev.map(|p| &p.1) != Some(text) {
                            b.set_attribute(intern("title"), text)?;
                        }
                        if prev.map(|p| &p.2) != Some(label) {
                            b.set_text_content(Some(label));
                        }
                    }
                    None => {
                        let b = doc.create_element(intern("button"))?;
                        b.set_attribute(intern("type"), intern("button"))?;
                        b.set_class_name(intern("mw-suggestion"));
                        b.set_attribute(intern("data-action"), intern("insert"))?;
                        b.set_attribute(intern("data-index"), &i.to_string())?;
                        b.set_attribute(intern("data-suggestion-id"), id)?;
                        b.set_attribute(intern("title"), text)?;
                        b.set_text_content(Some(label));
                        self.suggestions.append_child(&b)?;
                    }
                }
            }
            let keep = self.drawn.suggestions.as_ref().map_or(0, Vec::len) as u32;
            while buttons.length() > keep {
                match self.suggestions.last_element_child() {
                    Some(last) => last.remove(),
                    None => break,
                }
            }
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
