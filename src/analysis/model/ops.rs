//! The ONNX operators moodwatch's model graphs may use, and nothing else.
//!
//! `tract_onnx::onnx()` registers every operator tract knows. In a wasm build that keeps all of
//! them alive: the FFT operators alone pull in `rustfft`, about 1.7 MB of the 8.8 MB of code,
//! and the recurrent, tree-ensemble and resize operators most of the rest of what the model
//! never runs. Registering only the operators below lets the linker drop them; the browser then
//! downloads and compiles a much smaller module (see `README.md`, cold start).
//!
//! A graph that uses any other operator fails to load with a clear error naming it. The three
//! builders written out here (`Cast`, `DequantizeLinear`, `ReduceSum` with its opset-13 axes
//! input) follow tract-onnx 0.23's own builders (MIT/Apache-2.0), restricted to what
//! `models/sentiment.onnx` needs; the golden tests (`tests/model_golden.rs`,
//! `tests/web_model_golden.rs`) pin their results against onnxruntime.

use tract_onnx::model::{OnnxOpRegister, ParsingContext};
use tract_onnx::pb::NodeProto;
use tract_onnx::prelude::*;
use tract_onnx::tract_hir::internal::*;
use tract_onnx::tract_hir::ops;
use tract_onnx::tract_hir::ops::binary::Nary;
use tract_onnx::tract_hir::ops::nn::{Reduce, Reducer};

/// Every ONNX operator name that [`register`] understands.
pub const SUPPORTED: &[&str] = &[
    "Add",
    "Cast",
    "DequantizeLinear",
    "Div",
    "Gather",
    "Max",
    "Mul",
    "ReduceSum",
    "Shape",
    "Sigmoid",
    "Sqrt",
    "Sub",
];

type Built = TractResult<(Box<dyn InferenceOp>, Vec<String>)>;

/// The ONNX front end with only moodwatch's operators registered.
pub fn onnx() -> tract_onnx::Onnx {
    let mut reg = OnnxOpRegister::default();
    register(&mut reg);
    tract_onnx::Onnx {
        op_register: reg,
        ..tract_onnx::Onnx::default()
    }
}

/// Registers the operators listed in [`SUPPORTED`].
pub fn register(reg: &mut OnnxOpRegister) {
    reg.insert("Add", |_, _| Ok((ops::math::Add.into_hir(), vec![])));
    reg.insert("Sub", |_, _| Ok((ops::math::Sub.into_hir(), vec![])));
    reg.insert("Mul", |_, _| Ok((ops::math::Mul.into_hir(), vec![])));
    reg.insert("Div", |_, _| Ok((ops::math::Div.into_hir(), vec![])));
    reg.insert("Max", |_, _| {
        Ok((Box::new(Nary(Box::new(ops::math::Max), false)), vec![]))
    });
    reg.insert("Sqrt", |_, _| Ok((ops::math::sqrt().into_hir(), vec![])));
    reg.insert("Sigmoid", |_, _| {
        Ok((ops::nn::sigmoid().into_hir(), vec![]))
    });
    reg.insert("Gather", gather);
    reg.insert("Shape", shape);
    reg.insert("Cast", cast);
    reg.insert("DequantizeLinear", dequantize_linear);
    reg.insert("ReduceSum", reduce_sum);
}

fn gather(_ctx: &ParsingContext, node: &NodeProto) -> Built {
    let axis = node.get_attr_opt("axis")?.unwrap_or(0);
    Ok((expand(ops::array::Gather::new(axis)), vec![]))
}

fn shape(_ctx: &ParsingContext, node: &NodeProto) -> Built {
    // Opset 15's `start` / `end` slice the shape; moodwatch's graphs take it whole.
    ensure!(
        node.get_attr_opt::<i64>("start")?.is_none() && node.get_attr_opt::<i64>("end")?.is_none(),
        "Shape: start / end are not supported"
    );
    // As tract-onnx does: the shape as dimensions, which a symbolic length keeps symbolic
    // until the run resolves it; a following Cast turns it into numbers.
    Ok((expand(ops::array::Shape::new(TDim::datum_type())), vec![]))
}

fn cast(_ctx: &ParsingContext, node: &NodeProto) -> Built {
    let to = node.get_attr::<DatumType>("to")?;
    // tract-onnx casts to int64 as its symbolic dimension type; moodwatch's graphs never cast
    // to int64, and refusing is clearer than computing something else.
    ensure!(
        to != i64::datum_type(),
        "Cast to int64 is not supported by moodwatch's operator set"
    );
    Ok((Box::new(ops::cast::cast(to)), vec![]))
}

fn dequantize_linear(_ctx: &ParsingContext, node: &NodeProto) -> Built {
    let block_size = node.get_attr_opt::<i64>("block_size")?.unwrap_or(0);
    ensure!(
        block_size == 0,
        "DequantizeLinear: blocked quantization is not supported"
    );
    Ok((
        expand(Dequantize {
            has_zero_point: node.input.len() == 3,
        }),
        vec![],
    ))
}

fn reduce_sum(ctx: &ParsingContext, node: &NodeProto) -> Built {
    // ReduceSum took its axes as an attribute until opset 13, as an input since.
    ensure!(
        ctx.onnx_operator_set_version >= 13,
        "ReduceSum before opset 13 is not supported"
    );
    let keep_dims = node.get_attr_opt("keepdims")?.unwrap_or(1i64) == 1;
    let noop_with_empty_axes = node.get_attr_opt("noop_with_empty_axes")?.unwrap_or(0i64) == 1;
    ensure!(
        node.input.len() == 2 && !noop_with_empty_axes,
        "ReduceSum needs a constant axes input"
    );
    Ok((expand(ReduceSumAxesInput { keep_dims }), vec![]))
}

/// `DequantizeLinear` with a per-tensor (scalar) scale and optional zero point:
/// `y = (x - zero_point) * scale` in f32.
#[derive(Debug, Clone, Hash, PartialEq, Eq)]
struct Dequantize {
    has_zero_point: bool,
}

impl Expansion for Dequantize {
    fn name(&self) -> StaticName {
        "DequantizeLinear".into()
    }

    fn rules<'r, 'p: 'r, 's: 'r>(
        &'s self,
        s: &mut Solver<'r>,
        inputs: &'p [TensorProxy],
        outputs: &'p [TensorProxy],
    ) -> InferenceResult {
        check_input_arity(inputs, 2 + self.has_zero_point as usize)?;
        check_output_arity(outputs, 1)?;
        s.equals(&inputs[1].datum_type, f32::datum_type())?;
        s.equals(&outputs[0].datum_type, f32::datum_type())?;
        if self.has_zero_point {
            s.equals(&inputs[0].datum_type, &inputs[2].datum_type)?;
        }
        s.equals(&inputs[0].shape, &outputs[0].shape)?;
        Ok(())
    }

    fn wire(
        &self,
        prefix: &str,
        model: &mut TypedModel,
        inputs: &[OutletId],
    ) -> TractResult<TVec<OutletId>> {
        let scale = model
            .outlet_fact(inputs[1])?
            .konst
            .clone()
            .context("DequantizeLinear: the scale must be a constant")?;
        ensure!(
            scale.len() == 1,
            "DequantizeLinear: only a per-tensor scale is supported"
        );
        let scale = scale.cast_to_scalar::<f32>()?;
        let zero_point = if self.has_zero_point {
            let zp = model
                .outlet_fact(inputs[2])?
                .konst
                .clone()
                .context("DequantizeLinear: the zero point must be a constant")?;
            ensure!(
                zp.len() == 1,
                "DequantizeLinear: only a per-tensor zero point is supported"
            );
            zp.cast_to_scalar::<i32>()?
        } else {
            0
        };
        let op = ops::quant::DequantizeLinearF32::new(scale, zero_point);
        model.wire_node(prefix, op, &[inputs[0]])
    }
}

/// `ReduceSum` (opset ≥ 13) whose axes come as a constant second input.
#[derive(Debug, Clone, Hash, PartialEq, Eq)]
struct ReduceSumAxesInput {
    keep_dims: bool,
}

impl ReduceSumAxesInput {
    fn reduce(&self, axes: Vec<i64>) -> Reduce {
        Reduce::new(Some(axes), self.keep_dims, Reducer::Sum)
    }
}

impl Expansion for ReduceSumAxesInput {
    fn name(&self) -> StaticName {
        "ReduceSum13".into()
    }

    fn rules<'r, 'p: 'r, 's: 'r>(
        &'s self,
        s: &mut Solver<'r>,
        inputs: &'p [TensorProxy],
        outputs: &'p [TensorProxy],
    ) -> InferenceResult {
        check_input_arity(inputs, 2)?;
        check_output_arity(outputs, 1)?;
        s.equals(&inputs[0].datum_type, &outputs[0].datum_type)?;
        s.given_2(&inputs[0].rank, &inputs[1].value, move |s, rank, axes| {
            let mut axes = axes
                .cast_to::<i64>()?
                .try_as_plain_ram()?
                .as_slice::<i64>()?
                .to_vec();
            if axes.is_empty() {
                axes = (0..rank).collect();
            }
            if self.keep_dims {
                s.equals(&inputs[0].rank, &outputs[0].rank)?;
            } else {
                s.equals(inputs[0].rank.bex() - axes.len() as i64, &outputs[0].rank)?;
            }
            let op = self.reduce(axes);
            s.given(&inputs[0].shape, move |s, shape| {
                s.equals(&outputs[0].shape, op.output_shape(&shape))
            })
        })
    }

    fn wire(
        &self,
        prefix: &str,
        model: &mut TypedModel,
        inputs: &[OutletId],
    ) -> TractResult<TVec<OutletId>> {
        let mut axes = model
            .outlet_fact(inputs[1])?
            .konst
            .as_ref()
            .context("ReduceSum: the axes must be a constant")?
            .cast_to::<i64>()?
            .try_as_plain_ram()?
            .as_slice::<i64>()?
            .to_vec();
        if axes.is_empty() {
            axes = (0..model.outlet_fact(inputs[0])?.rank() as i64).collect();
        }
        self.reduce(axes).wire(prefix, model, &inputs[0..1])
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_supported_operator_is_registered_and_nothing_else() {
        let mut reg = OnnxOpRegister::default();
        register(&mut reg);
        let mut names: Vec<&str> = reg.0.keys().map(String::as_str).collect();
        names.sort_unstable();
        assert_eq!(names, SUPPORTED);
    }
}
