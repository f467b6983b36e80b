//! The wasm32-only browser layer (filled in by the web layer work).
