//! The browser layer (wasm32 only): the exported JavaScript API, DOM adapters driven by a
//! `MutationObserver` owned in Rust, and the overlay drawn in a shadow root.
//!
//! ```js
//! import init, { attach, on } from "./pkg/moodwatch.js";
//! await init();
//! const handle = attach({ messageList: ".msg-list", message: ".msg",
//!                         role: { attr: "data-role" }, text: ".msg-text", input: ".chat-input" });
//! document.addEventListener("moodwatch:warning", (e) => console.log(e.detail.level));
//! handle.detach();
//! ```
//!
//! Layout: [`api`] is the only place that talks to JavaScript callers (errors become
//! `JsError` there, once); [`attachment`] owns the per-widget state and every browser callback;
//! [`adapter`] reads messages out of the host page from a declarative config; [`tracker`]
//! decides which messages are new, history or edits; [`overlay`] draws the shadow-root UI.
#![deny(clippy::unwrap_used, clippy::expect_used)]

pub mod adapter;
pub mod api;
mod attachment;
mod callbacks;
mod clock;
mod diagnostics;
mod global;
mod i18n;
mod model_link;
mod overlay;
mod page_events;
mod tracker;
mod warmup;

pub use api::*;

use wasm_bindgen::prelude::*;

/// Runs once when the module is instantiated: runs the static constructors and installs the
/// panic hook (default feature `panic-hook`) so that a bug shows a Rust message in the console
/// instead of `unreachable`.
#[wasm_bindgen(start)]
pub fn start() {
    crate::wasm_init::ensure();
    #[cfg(feature = "panic-hook")]
    console_error_panic_hook::set_once();
}
