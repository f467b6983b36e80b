//! The sentiment model as the browser build that ships gets it: from a second wasm module.
//!
//! tract is about two thirds of a wasm that carries it, and a page downloads and compiles the
//! whole module before anything runs. So the module that attaches to the widget (this one,
//! built without the `model` feature) starts with the lexicon alone, and the loader then
//! fetches the model module (`pkg/moodwatch_model.js`, built with `model-module`, see
//! `src/model_module.rs`) and hands its `run` function to [`provide`] (`provideModel` in
//! JavaScript). From then on every message is read by lexicon and model, exactly as a build
//! with the model inside reads it (`www/e2e/model-link.test.mjs` checks this), and the
//! conversations already read are read again, silently, with the model.
//!
//! A build with the `model` feature plans the model itself (`attachment::load_analyzer`);
//! there [`provide`] says so and changes nothing.

use super::attachment::shared_analyzer;
use super::diagnostics;
use crate::analysis::error::AnalysisError;
use crate::analysis::fusion::FusionParams;
use crate::analysis::model::{check_ids, ModelReading, ModelRunner};
use std::cell::RefCell;
use std::sync::Arc;
use wasm_bindgen::prelude::*;
use wasm_bindgen::JsCast;

thread_local! {
    /// The model module's `(ids: Int32Array) => Float32Array [logit, prob]`.
    static RUN: RefCell<Option<js_sys::Function>> = const { RefCell::new(None) };
}

/// The model running in the model module, reached through the function [`provide`] stored.
/// A unit type: the function lives in a thread local, since a JS value cannot be shared
/// across threads (and a wasm page has one).
#[derive(Debug)]
struct LinkedModel;

impl ModelRunner for LinkedModel {
    fn run_ids(&self, ids: Vec<i64>) -> Result<ModelReading, AnalysisError> {
        check_ids(&ids)?;
        // Every id is below 2^20 (checked), so it fits an i32 exactly.
        let ids: Vec<i32> = ids.iter().map(|&i| i as i32).collect();
        let input = js_sys::Int32Array::from(&ids[..]);
        let out = RUN
            .with(|run| {
                let run = run.try_borrow().ok()?;
                Some(run.as_ref()?.call1(&JsValue::NULL, &input))
            })
            .ok_or_else(|| AnalysisError::Model("the model module is not linked".into()))?
            .map_err(|e| AnalysisError::Model(format!("the model module failed: {e:?}")))?;
        let out = out.dyn_into::<js_sys::Float32Array>().map_err(|_| {
            AnalysisError::Model("the model module must return a Float32Array".into())
        })?;
        match out.to_vec()[..] {
            [logit, negative] if logit.is_finite() && (0.0..=1.0).contains(&negative) => {
                Ok(ModelReading { logit, negative })
            }
            _ => Err(AnalysisError::Model(
                "the model module must return [logit, probability]".into(),
            )),
        }
    }
}

/// Links the model module's `run` function: checks it on an empty message, then hands the
/// model to the shared analyzer. `load_ms` (the loader's time to plan the model in the model
/// module) is shown in `diagnostics().load.modelMs`. Marks `moodwatch:model`.
pub fn provide(run: js_sys::Function, load_ms: f64) -> Result<(), String> {
    let analyzer = shared_analyzer()?;
    if analyzer.model_ready() {
        return Err("this build already has its model".into());
    }
    let t0 = diagnostics::now();
    let fusion = FusionParams::embedded().map_err(|e| e.to_string())?;
    let fusion_ms = diagnostics::now() - t0;
    let previous = RUN.with(|slot| slot.replace(Some(run)));
    // A function that does not answer like the model is refused before any message sees it.
    if let Err(e) = LinkedModel.run_ids(Vec::new()) {
        RUN.with(|slot| slot.replace(previous));
        return Err(e.to_string());
    }
    analyzer
        .provide_model(Arc::new(LinkedModel), fusion)
        .map_err(|e| e.to_string())?;
    diagnostics::set_model_load(load_ms, fusion_ms);
    // The path every message now takes (featurise, cross into the model module, run tract,
    // fuse) is compiled by the browser on its first calls: take them here, in the task that
    // links the model, rather than in the first real messages.
    for text in WARM_TEXTS {
        let _ = analyzer.assess(text);
    }
    // What is already on screen was read by the lexicon alone: read it again with the model.
    super::attachment::reread_all_with_model();
    diagnostics::mark("moodwatch:model");
    Ok(())
}

/// A few messages of different lengths and moods for [`provide`]'s warm-up.
const WARM_TEXTS: [&str; 6] = [
    "在吗",
    "请问什么时候发货？",
    "快递三天都没动了，怎么回事",
    "你们这服务太慢了，真的很失望，再不处理我就给差评",
    "Where is my order? It has been a week.",
    "收到了，质量挺好的，包装也很用心，下次还来买，给你们好评！谢谢客服耐心解答",
];
