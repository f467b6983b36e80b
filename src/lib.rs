//! # moodwatch
//!
//! Warns e-commerce customer-service agents *before* an irritated customer turns into a bad
//! review (差评前兆). The pure [`analysis`] core grades every customer message, follows the
//! rhythm of each conversation and fuses everything into a bad-review risk with warnings and
//! suggested replies. The wasm32-only `web` layer attaches the core to a chat widget in the
//! agent's browser.
//!
//! ```
//! use moodwatch::analysis::MessageAnalyzer;
//!
//! let analyzer = MessageAnalyzer::embedded().expect("embedded data loads");
//! let calm = analyzer.assess("请问什么时候发货？");
//! let angry = analyzer.assess("我再说最后一遍，今天不退款我就去12315投诉！");
//! assert!(calm.level < angry.level);
//! assert!(!angry.reasons.is_empty());
//! ```
#![deny(missing_docs)]

pub mod analysis;

#[cfg(all(target_arch = "wasm32", not(feature = "model-module")))]
pub mod web;

#[cfg(all(target_arch = "wasm32", feature = "model-module"))]
pub mod model_module;

#[cfg(target_arch = "wasm32")]
pub mod wasm_init;
