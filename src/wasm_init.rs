//! Static constructors on wasm32: run them once, explicitly.
//!
//! tract registers its kernels and transforms with `inventory`, i.e. static constructors. On
//! wasm32 the linker collects them in `__wasm_call_ctors`. When no exported function calls it,
//! lld treats the module as a "command" and inserts a call at the top of *every* export, so
//! each call from JavaScript (every MutationObserver callback, event listener and animation
//! frame) re-ran all of them. Calling it ourselves, once, switches that off; [`ensure`] is
//! called by the browser layer's start function and by everything that needs tract, so a
//! harness that never runs the start function (wasm-bindgen-test) is covered too.

use std::sync::atomic::{AtomicBool, Ordering};

extern "C" {
    /// Synthesised by the linker: runs every static constructor.
    fn __wasm_call_ctors();
}

static DONE: AtomicBool = AtomicBool::new(false);

/// Runs the static constructors the first time it is called; later calls do nothing.
pub fn ensure() {
    if !DONE.swap(true, Ordering::Relaxed) {
        // SAFETY: the constructors are idempotent `inventory` registrations; they run here
        // before anything reads the registries (tract reads them when a model is loaded).
        unsafe { __wasm_call_ctors() };
    }
}
