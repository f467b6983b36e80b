#!/usr/bin/env python3
"""Trains, quantises and exports the moodwatch sentiment model (CPU only, deterministic).

Recipe: hashed char 1-4-grams (models/features.py, 2^20 buckets, binary) -> NB-weighted
(|log-count ratio| per bucket, alpha 0.5) -> divided by sqrt(number of ids) -> logistic
regression (liblinear, C=16; customer-service augmentation rows weighted CS_WEIGHT). The graph
computes exactly that from int64 ids:

    logit = sum_j a[id_j] / sqrt(max(n, 1)) + b,   a = w * r,  n = number of ids
    prob  = sigmoid(logit)                          (negative probability)

with `a` stored as one int8 initializer behind DequantizeLinear (weight-only QDQ).
Run: `bash models/train.sh` (writes models/sentiment.onnx, models/metrics.json,
tests/fixtures/model_golden.jsonl and models/split/*).
"""
from __future__ import annotations

import hashlib
import json
import sys
from pathlib import Path

import numpy as np
import onnx
import scipy.sparse as sp
from onnx import TensorProto, helper, numpy_helper
from sklearn.linear_model import LogisticRegression

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE))
import data  # noqa: E402
import features as F  # noqa: E402
from data import split  # noqa: E402

ROOT = HERE.parent
ONNX_PATH = HERE / "sentiment.onnx"
METRICS = HERE / "metrics.json"
GOLDEN = ROOT / "tests" / "fixtures" / "model_golden.jsonl"
ALPHA = 0.5
C = 16.0
CS_WEIGHT = 5.0
SEED = 0
OS = "online_shopping_10_cats.csv"
HTL = "ChnSentiCorp_htl_all.csv"


def matrix(texts):
    indptr, indices = [0], []
    for t in texts:
        ids = F.ids_of(t)
        indices.extend(ids)
        indptr.append(len(indices))
    return sp.csr_matrix((np.ones(len(indices), np.float32), np.array(indices, np.int64),
                          np.array(indptr, np.int64)), shape=(len(texts), F.BUCKETS))


def length_norm(X) -> np.ndarray:
    return np.sqrt(np.maximum(np.asarray(X.sum(1)).ravel(), 1.0))


def quantize(x: np.ndarray):
    scale = float(np.abs(x).max()) / 127.0 or 1.0
    q = np.clip(np.round(x / scale), -127, 127).astype(np.int8)
    return q, np.float32(scale)


def build_graph(qa, sa, bias: float) -> onnx.ModelProto:
    n = helper.make_tensor_value_info("ids", TensorProto.INT64, ["n"])
    inits = [
        numpy_helper.from_array(qa, "a_q"), numpy_helper.from_array(np.array(sa, np.float32), "a_scale"),
        numpy_helper.from_array(np.array(0, np.int8), "zero"),
        numpy_helper.from_array(np.array([0], np.int64), "axis0"),
        numpy_helper.from_array(np.array([1.0], np.float32), "one"),
        numpy_helper.from_array(np.array([bias], np.float32), "bias"),
    ]
    nodes = [
        # Gather the int8 rows first, then dequantize only those: the table itself is never
        # expanded to floats at run time (tract does not fold a dequantized 2^20 table).
        helper.make_node("Gather", ["a_q", "ids"], ["a_ids_q"], axis=0),
        helper.make_node("DequantizeLinear", ["a_ids_q", "a_scale", "zero"], ["a_ids"]),
        helper.make_node("ReduceSum", ["a_ids", "axis0"], ["num"], keepdims=1),
        # n = the number of ids, at least 1. The id BUCKETS is a zero row: a caller whose
        # runtime cannot reduce an empty axis (tract) sends [BUCKETS] for an empty message,
        # which reads as [] does (sum 0 over n 1). Taking n from the input's shape rather than
        # counting the ids below BUCKETS (Less, Cast, ReduceSum) leaves tract three operators
        # fewer to run on every message: measured natively, 6.3 -> 4.7 us a run.
        helper.make_node("Shape", ["ids"], ["len"]),
        helper.make_node("Cast", ["len"], ["len_f"], to=TensorProto.FLOAT),
        helper.make_node("Max", ["len_f", "one"], ["count1"]),
        helper.make_node("Sqrt", ["count1"], ["norm"]),
        helper.make_node("Div", ["num", "norm"], ["score"]),
        helper.make_node("Add", ["score", "bias"], ["logit"]),
        helper.make_node("Sigmoid", ["logit"], ["prob"]),
    ]
    outs = [helper.make_tensor_value_info("logit", TensorProto.FLOAT, [1]),
            helper.make_tensor_value_info("prob", TensorProto.FLOAT, [1])]
    g = helper.make_graph(nodes, "moodwatch_sentiment", [n], outs, inits)
    m = helper.make_model(g, opset_imports=[helper.make_opsetid("", 13)], producer_name="moodwatch-train")
    m.ir_version = 8
    m.doc_string = ("moodwatch sentiment: hashed char 1-4-grams (FNV-1a 32, 2^20 buckets), NB-weighted "
                    "length-normalised logistic regression; output prob = P(negative)")
    onnx.checker.check_model(m)
    return m


def session(path: Path):
    import onnxruntime as ort

    so = ort.SessionOptions()
    so.graph_optimization_level = ort.GraphOptimizationLevel.ORT_ENABLE_BASIC
    so.intra_op_num_threads = 1
    return ort.InferenceSession(str(path), so, providers=["CPUExecutionProvider"])


def predict(sess, text: str) -> tuple[list[int], float, float]:
    ids = F.ids_of(text)
    logit, prob = sess.run(None, {"ids": np.array(ids, np.int64)})
    return ids, float(logit[0]), float(prob[0])


def evaluate(sess, items):
    """items: [(negative 0/1, text)] -> accuracy, n"""
    ok = sum(int((predict(sess, t)[2] >= 0.5) == bool(neg)) for neg, t in items)
    return {"n": len(items), "accuracy": round(ok / max(len(items), 1), 4)}


def golden_texts(rows) -> list[str]:
    test = split.rows_of(rows, "test")
    texts = [r["text"] for r in test[:55]]
    texts += [t for _, _, t in data.cs_check()[::2]][:30]
    texts += ["", "   ", "？", "！！！！！！", "在吗", "ＡＢＣ全角测试１２３", "差差差差差差差评",
              "请问什么时候发货", "能开发票吗", "😡😡 气死了", "Hello world OK?", "退款\t退款\n退款",
              "好" * 600, "物流太慢了，" * 40, "客服你好，我想问一下这件衣服的尺码，我平时穿M，谢谢！"]
    return texts[:100]


def main() -> int:
    np.random.seed(SEED)
    rows = data.load_all()
    keys = sorted(rows)
    train_keys = [k for k in keys if rows[k]["split"] == "train"]
    texts = [rows[k]["text"] for k in train_keys]
    y = np.array([1 - rows[k]["label"] for k in train_keys], np.float32)  # 1 = negative
    print(f"training rows: {len(texts)} (negative {int(y.sum())})", flush=True)
    X = matrix(texts)
    X.sum_duplicates()
    p = np.asarray(X[y == 1].sum(0)).ravel() + ALPHA
    q = np.asarray(X[y == 0].sum(0)).ravel() + ALPHA
    r = np.abs(np.log((p / p.sum()) / (q / q.sum()))).astype(np.float32)
    Xn = X.multiply(r[None, :]).tocsr()
    Xn = sp.diags(1.0 / length_norm(X)).dot(Xn).tocsr()
    weight = np.array([CS_WEIGHT if "cs_augment" in rows[k]["sources"] else 1.0 for k in train_keys])
    clf = LogisticRegression(C=C, solver="liblinear", max_iter=500, random_state=SEED)
    clf.fit(Xn, y, sample_weight=weight)
    w = clf.coef_.ravel().astype(np.float32)
    a = w * r
    qa, sa = quantize(np.append(a, np.float32(0.0)))  # + the padding row
    model = build_graph(qa, sa, float(clf.intercept_[0]))
    ONNX_PATH.write_bytes(model.SerializeToString())
    digest = hashlib.sha256(ONNX_PATH.read_bytes()).hexdigest()
    print(f"wrote {ONNX_PATH} ({ONNX_PATH.stat().st_size} bytes, sha256 {digest})", flush=True)

    sess = session(ONNX_PATH)

    def items(split_name, source):
        return [(1 - r_["label"], r_["text"]) for r_ in split.rows_of(rows, split_name, source)]

    float_acc = {}
    for name, its in (("online_shopping_dev", items("dev", OS)), ("online_shopping_test", items("test", OS))):
        Xb = matrix([t for _, t in its])
        s = np.asarray(Xb @ a).ravel() / length_norm(Xb)
        float_acc[name] = round(float((((s + clf.intercept_[0]) > 0) == np.array([n for n, _ in its])).mean()), 4)
    metrics = {
        "sha256": digest,
        "bytes": ONNX_PATH.stat().st_size,
        "float_weights_accuracy": float_acc,
        "int8_onnx": {
            "online_shopping_dev": evaluate(sess, items("dev", OS)),
            "online_shopping_test": evaluate(sess, items("test", OS)),
            "chnsenticorp_test": evaluate(sess, items("test", HTL)),
            "cs_augment_test_rows": evaluate(sess, items("test", "cs_augment")),
            "cs_check": evaluate(sess, [(n, t) for n, _, t in data.cs_check()]),
        },
        "train_rows": len(texts),
    }
    METRICS.write_text(json.dumps(metrics, indent=2, ensure_ascii=False) + "\n")
    print(json.dumps(metrics, indent=2, ensure_ascii=False))

    GOLDEN.parent.mkdir(parents=True, exist_ok=True)
    with GOLDEN.open("w", encoding="utf-8") as f:
        for t in golden_texts(rows):
            ids, logit, prob = predict(sess, t)
            f.write(json.dumps({"text": t, "ids": ids, "logit": logit, "prob": prob}, ensure_ascii=False) + "\n")
    print(f"wrote {GOLDEN}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
