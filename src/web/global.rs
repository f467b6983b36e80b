//! The page's `window` and `document`, looked up once.
//!
//! `web_sys::window()` checks that the global object is a `Window` (an `instanceof` call into
//! JavaScript) on every call, and `window.document` is one more call: in a V8 profile of the
//! demo console that was ~0.02 ms per chat message, from the places that need either. Neither
//! changes while this wasm instance lives (an instance belongs to one global object, and it
//! starts after the page's document exists), so the first successful lookup is kept and only
//! cloned afterwards (a clone is a table slot inside wasm, no call into JavaScript). A failed
//! lookup (no `Window`: a worker) is not kept: every call there checks again, as before.

use std::cell::OnceCell;
use web_sys::{Document, Window};

thread_local! {
    static WINDOW: OnceCell<Window> = const { OnceCell::new() };
    static DOCUMENT: OnceCell<Document> = const { OnceCell::new() };
}

/// The global `Window`, or `None` where the global object is not one (a worker).
pub fn window() -> Option<Window> {
    WINDOW.with(|slot| {
        if let Some(w) = slot.get() {
            return Some(w.clone());
        }
        // The checked cast, once: `web_sys::window()` is `dyn_into::<Window>()` of the global.
        let w = web_sys::window()?;
        Some(slot.get_or_init(|| w).clone())
    })
}

/// The page's `document`, or `None` outside a page.
pub fn document() -> Option<Document> {
    DOCUMENT.with(|slot| {
        if let Some(d) = slot.get() {
            return Some(d.clone());
        }
        let d = window()?.document()?;
        Some(slot.get_or_init(|| d).clone())
    })
}
