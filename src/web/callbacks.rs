//! Owned browser callbacks. Each struct holds its `Closure` and undoes its registration in
//! `Drop`, so dropping an attachment disconnects everything it ever hooked (no `forget`).

use super::global::window;
use wasm_bindgen::prelude::*;
use wasm_bindgen::JsCast;
use web_sys::{Event, EventTarget, MutationObserver, MutationObserverInit, Node};

/// An event listener removed on drop.
pub struct Listener {
    target: EventTarget,
    kind: &'static str,
    capture: bool,
    closure: Closure<dyn FnMut(Event)>,
}

impl Listener {
    /// Adds `f` as a listener for `kind` on `target`.
    pub fn new(
        target: &EventTarget,
        kind: &'static str,
        capture: bool,
        f: impl FnMut(Event) + 'static,
    ) -> Result<Self, JsValue> {
        let closure = Closure::<dyn FnMut(Event)>::new(f);
        target.add_event_listener_with_callback_and_bool(
            kind,
            closure.as_ref().unchecked_ref(),
            capture,
        )?;
        Ok(Listener {
            target: target.clone(),
            kind,
            capture,
            closure,
        })
    }
}

impl Drop for Listener {
    fn drop(&mut self) {
        let _ = self.target.remove_event_listener_with_callback_and_bool(
            self.kind,
            self.closure.as_ref().unchecked_ref(),
            self.capture,
        );
    }
}

/// A `MutationObserver` disconnected on drop (pending records are discarded with it).
pub struct Observer {
    observer: MutationObserver,
    _closure: Closure<dyn FnMut(js_sys::Array, MutationObserver)>,
}

impl Observer {
    /// Observes `target` with `init`, calling `f` with each batch of records.
    pub fn new(
        target: &Node,
        init: &MutationObserverInit,
        f: impl FnMut(js_sys::Array, MutationObserver) + 'static,
    ) -> Result<Self, JsValue> {
        let closure = Closure::<dyn FnMut(js_sys::Array, MutationObserver)>::new(f);
        let observer = MutationObserver::new(closure.as_ref().unchecked_ref())?;
        observer.observe_with_options(target, init)?;
        Ok(Observer {
            observer,
            _closure: closure,
        })
    }
}

impl Drop for Observer {
    fn drop(&mut self) {
        self.observer.disconnect();
    }
}

/// A repeating timer that runs only between `start` and `stop` (an idle page pays nothing).
pub struct Ticker {
    closure: Closure<dyn FnMut()>,
    period_ms: i32,
    id: Option<i32>,
}

impl Ticker {
    /// A stopped ticker calling `f` every `period_ms` once started.
    pub fn new(period_ms: i32, f: impl FnMut() + 'static) -> Self {
        Ticker {
            closure: Closure::<dyn FnMut()>::new(f),
            period_ms,
            id: None,
        }
    }

    /// Starts the timer if it is not running.
    pub fn start(&mut self) {
        if self.id.is_some() {
            return;
        }
        if let Some(window) = window() {
            self.id = window
                .set_interval_with_callback_and_timeout_and_arguments_0(
                    self.closure.as_ref().unchecked_ref(),
                    self.period_ms,
                )
                .ok();
        }
    }

    /// Stops the timer (safe to call from inside its own callback).
    pub fn stop(&mut self) {
        if let (Some(id), Some(window)) = (self.id.take(), window()) {
            window.clear_interval_with_handle(id);
        }
    }

    /// Whether the timer is running.
    pub fn running(&self) -> bool {
        self.id.is_some()
    }
}

impl Drop for Ticker {
    fn drop(&mut self) {
        self.stop();
    }
}

/// A one-shot timer re-armed on every call (debounce); cleared on drop.
pub struct Debounce {
    closure: Closure<dyn FnMut()>,
    id: Option<i32>,
}

impl Debounce {
    /// A disarmed debounce calling `f`.
    pub fn new(f: impl FnMut() + 'static) -> Self {
        Debounce {
            closure: Closure::<dyn FnMut()>::new(f),
            id: None,
        }
    }

    /// (Re)arms the timer to fire once after `delay_ms`.
    pub fn arm(&mut self, delay_ms: i32) {
        self.cancel();
        if let Some(window) = window() {
            self.id = window
                .set_timeout_with_callback_and_timeout_and_arguments_0(
                    self.closure.as_ref().unchecked_ref(),
                    delay_ms,
                )
                .ok();
        }
    }

    /// Cancels a pending call.
    pub fn cancel(&mut self) {
        if let (Some(id), Some(window)) = (self.id.take(), window()) {
            window.clear_timeout_with_handle(id);
        }
    }
}

impl Drop for Debounce {
    fn drop(&mut self) {
        self.cancel();
    }
}

/// A `requestAnimationFrame` callback requested at most once per frame; cancelled on drop.
/// Work that reads layout goes here, so that it uses the layout the browser computes for the
/// frame anyway instead of forcing an extra one in the middle of a task.
pub struct Frame {
    closure: Closure<dyn FnMut()>,
    id: Option<i32>,
}

impl Frame {
    /// An idle frame callback calling `f` (which should call [`Frame::fired`]).
    pub fn new(f: impl FnMut() + 'static) -> Self {
        Frame {
            closure: Closure::<dyn FnMut()>::new(f),
            id: None,
        }
    }

    /// Requests the callback for the next frame unless it is already requested.
    pub fn request(&mut self) {
        if self.id.is_some() {
            return;
        }
        if let Some(window) = window() {
            self.id = window
                .request_animation_frame(self.closure.as_ref().unchecked_ref())
                .ok();
        }
    }

    /// Marks the request as done (called from the callback).
    pub fn fired(&mut self) {
        self.id = None;
    }
}

impl Drop for Frame {
    fn drop(&mut self) {
        if let (Some(id), Some(window)) = (self.id.take(), window()) {
            let _ = window.cancel_animation_frame(id);
        }
    }
}

/// Idle-time work: a `requestIdleCallback` (or, in a browser without one, a 50 ms timeout),
/// requested at most once at a time and cancelled on drop. The callback gets the idle time
/// the browser grants, in ms (a fixed 5 ms on the timeout fallback).
pub struct Idle {
    closure: Closure<dyn FnMut(JsValue)>,
    pending: Option<IdleId>,
}

enum IdleId {
    Idle(u32),
    Timeout(i32),
}

/// Idle time assumed where the browser cannot say (the timeout fallback).
const FALLBACK_IDLE_MS: f64 = 5.0;

impl Idle {
    /// An unrequested idle callback calling `f` with the idle time left (it should call
    /// [`Idle::fired`] first).
    pub fn new(mut f: impl FnMut(f64) + 'static) -> Self {
        Idle {
            closure: Closure::<dyn FnMut(JsValue)>::new(move |deadline: JsValue| {
                let left = deadline
                    .dyn_ref::<web_sys::IdleDeadline>()
                    .map_or(FALLBACK_IDLE_MS, web_sys::IdleDeadline::time_remaining);
                f(left)
            }),
            pending: None,
        }
    }

    /// Requests the callback for the browser's next idle period unless already requested.
    pub fn request(&mut self) {
        if self.pending.is_some() {
            return;
        }
        let Some(window) = window() else {
            return;
        };
        let f = self.closure.as_ref().unchecked_ref();
        let has_idle = js_sys::Reflect::has(&window, &JsValue::from_str("requestIdleCallback"))
            .unwrap_or(false);
        self.pending = if has_idle {
            window.request_idle_callback(f).ok().map(IdleId::Idle)
        } else {
            window
                .set_timeout_with_callback_and_timeout_and_arguments_0(f, 50)
                .ok()
                .map(IdleId::Timeout)
        };
    }

    /// Marks the request as done (called from the callback).
    pub fn fired(&mut self) {
        self.pending = None;
    }
}

impl Drop for Idle {
    fn drop(&mut self) {
        if let (Some(id), Some(window)) = (self.pending.take(), window()) {
            match id {
                IdleId::Idle(id) => window.cancel_idle_callback(id),
                IdleId::Timeout(id) => window.clear_timeout_with_handle(id),
            }
        }
    }
}

/// A `ResizeObserver` disconnected on drop. Its callback runs after the browser's own
/// layout, so reading rectangles there costs no extra layout.
pub struct Resize {
    observer: web_sys::ResizeObserver,
    _closure: Closure<dyn FnMut(js_sys::Array, web_sys::ResizeObserver)>,
}

impl Resize {
    /// A resize observer calling `f` whenever an observed element changes size.
    pub fn new(mut f: impl FnMut() + 'static) -> Result<Self, JsValue> {
        let closure =
            Closure::<dyn FnMut(js_sys::Array, web_sys::ResizeObserver)>::new(move |_, _| f());
        let observer = web_sys::ResizeObserver::new(closure.as_ref().unchecked_ref())?;
        Ok(Resize {
            observer,
            _closure: closure,
        })
    }

    /// Starts observing `el` (also calls back once for it).
    pub fn observe(&self, el: &web_sys::Element) {
        self.observer.observe(el);
    }

    /// Stops observing `el`.
    pub fn unobserve(&self, el: &web_sys::Element) {
        self.observer.unobserve(el);
    }
}

impl Drop for Resize {
    fn drop(&mut self) {
        self.observer.disconnect();
    }
}
