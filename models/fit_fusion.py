#!/usr/bin/env python3
"""Fits models/fusion.json (lexicon + model -> one calibrated negative probability) on the dev
split plus the hand-written customer-service rows of models/data/cs_fusion.tsv (never trained
into the model), from `moodwatch score` output, and reports calibration and, for evaluation
only, the ROC-AUCs on the graded CS tables. Re-run after any lexicon or model change:

    bash models/fit_fusion.sh        # builds the CLI, scores dev + CS check, refits, reports
"""
from __future__ import annotations

import json
import math
import os
import subprocess
import sys
from pathlib import Path

import numpy as np
from sklearn.linear_model import LogisticRegression

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE))
import data  # noqa: E402
import features as F  # noqa: E402
from data import split  # noqa: E402

ROOT = HERE.parent
OUT = HERE / "fusion.json"
REPORT = HERE / "fusion_metrics.json"
CS_DEV_WEIGHT = 20.0
CS_FUSION = HERE / "data" / "cs_fusion.tsv"
CS_FUSION_WEIGHT = 10.0
MODEL_CLIP = 3.0
FIXTURES = ROOT / "tests" / "fixtures"
QUESTION_WORDS = ["请问", "问一下", "问下", "什么时候", "多久", "能不能", "有没有", "是不是"]
MILD_AT, ANGRY_AT = 0.6, 0.92


def lift_level(scored, text, p):
    """The level rule of src/analysis/fusion.rs (FusionParams::lift_level)."""
    if scored["lexiconLevel"] == 0 and scored["lexiconScore"] > 0 and p >= MILD_AT:
        return 1
    return scored["lexiconLevel"]


def is_question(t: str) -> bool:
    if "?" in t or "？" in t or any(w in t for w in QUESTION_WORDS):
        return True
    return t.rstrip().rstrip("~～。.!！").endswith(("吗", "呢", "么"))


def logit(p: float) -> float:
    p = min(max(p, 1e-4), 1 - 1e-4)
    return math.log(p / (1 - p))


def score(texts):
    exe = os.environ.get("MOODWATCH_BIN") or Path(os.environ.get("CARGO_TARGET_DIR", ROOT / "target")) / "debug" / "moodwatch"
    inp = "\n".join(" ".join(t.split()) for t in texts) + "\n"
    out = subprocess.run([str(exe), "score", "-"], input=inp, capture_output=True, text=True, check=True)
    rows = [json.loads(line) for line in out.stdout.splitlines()]
    assert len(rows) == len(texts), (len(rows), len(texts))
    if any(r.get("model") is None for r in rows):
        raise SystemExit(f"{exe} prints no model probability: not a build with the model")
    return rows


FEATURES = ["lexicon", "model", "product", "question", "level_mild", "level_angry", "level_threat",
            "long", "long_lexicon", "long_model", "long_level_mild", "long_level_angry", "long_level_threat"]
LONG_CHARS = 20  # a message longer than this (normalised characters) reads like a review


def features(texts, scored):
    """The regression inputs of src/analysis/fusion.rs (FusionParams::score), in FEATURES order."""
    X = []
    for t, s in zip(texts, scored):
        # The CLI prints the model probability; its logit is the model logit up to float rounding.
        lex, mod = logit(s["lexicon"]), max(-MODEL_CLIP, min(MODEL_CLIP, logit(s["model"])))
        lv = s["lexiconLevel"]
        lo = 1.0 if len(F.normalize(t)) > LONG_CHARS else 0.0
        X.append([lex, mod, lex * mod, 1.0 if is_question(t) else 0.0,
                  float(lv == 1), float(lv == 2), float(lv == 3),
                  lo, lo * lex, lo * mod, lo * (lv == 1), lo * (lv == 2), lo * (lv == 3)])
    return np.array(X)


def fused_p(params, X):
    z = params["bias"] + X @ np.array([params[k] for k in FEATURES])
    return 1 / (1 + np.exp(-z))


def cs_fusion_rows():
    """[(negative 0/1, level, text)] of models/data/cs_fusion.tsv."""
    out = []
    for line in CS_FUSION.read_text(encoding="utf-8").splitlines():
        if not line or line.startswith("#") or line.startswith("level\t"):
            continue
        level, text = line.split("\t", 1)
        out.append((int(int(level) >= 1), int(level), text))
    return out


def graded(name):
    out = []
    for line in (FIXTURES / name).read_text(encoding="utf-8").splitlines():
        if line and not line.startswith("#"):
            c = line.split("\t")
            out.append((int(int(c[0]) >= 1), int(c[0]), c[1]))
    return out


def auc(y, s):
    """ROC-AUC with ties counted half (Mann-Whitney)."""
    y, s = np.asarray(y), np.asarray(s, float)
    pos, neg = s[y == 1], s[y == 0]
    gt = (pos[:, None] > neg[None, :]).sum() + 0.5 * (pos[:, None] == neg[None, :]).sum()
    return round(float(gt / (len(pos) * len(neg))), 4)


def reliability(p, y, bins=10):
    table, ece = [], 0.0
    for b in range(bins):
        m = (p >= b / bins) & ((p < (b + 1) / bins) if b < bins - 1 else (p <= 1))
        if m.sum():
            conf, acc = float(p[m].mean()), float(y[m].mean())
            ece += m.sum() / len(p) * abs(conf - acc)
            table.append({"bin": f"{b / bins:.1f}-{(b + 1) / bins:.1f}", "n": int(m.sum()),
                          "mean_p": round(conf, 3), "frac_negative": round(acc, 3)})
    return table, round(float(ece), 4)


def main() -> int:
    rows = data.load_all()
    dev = split.rows_of(rows, "dev") + split.rows_of(rows, "dev", "cs_augment")
    texts = [r["text"] for r in dev]
    y = np.array([1 - r["label"] for r in dev])
    w = np.array([CS_DEV_WEIGHT if "cs_augment" in r["sources"] else 1.0 for r in dev])
    dev_scored = score(texts)
    X = features(texts, dev_scored)
    # Hand-written CS rows the model never saw: they teach the fit how far to trust the
    # review-trained model on chat. They must not occur in any training source or test table.
    fus = cs_fusion_rows()
    fus_keys = {split.key_of(t) for _, _, t in fus}
    held = [t for _, _, t in data.cs_check()] + [t for _, _, t in graded("graded_messages.tsv")] + \
        [t for _, _, t in graded("graded_holdout.tsv")]
    clash = [r["text"] for r in rows.values() if r["key"] in fus_keys] + \
        [t for t in held if split.key_of(t) in fus_keys]
    if clash:
        raise SystemExit(f"cs_fusion.tsv rows found in training sources or test tables: {clash[:5]}")
    ft = [t for _, _, t in fus]
    FX = features(ft, score(ft))
    XA = np.vstack([X, FX])
    yA = np.concatenate([y, [n for n, _, _ in fus]])
    wA = np.concatenate([w, np.full(len(fus), CS_FUSION_WEIGHT)])
    clf = LogisticRegression(C=1.0, max_iter=5000).fit(XA, yA, sample_weight=wA)
    c = clf.coef_.ravel()
    params = {"bias": round(float(clf.intercept_[0]), 5)}
    params.update({k: round(float(v), 5) for k, v in zip(FEATURES, c)})
    params.update({"model_clip": MODEL_CLIP, "long_chars": LONG_CHARS, "mild_at": MILD_AT, "angry_at": ANGRY_AT})
    OUT.write_text(json.dumps(params) + "\n")

    check = data.cs_check()
    ct = [t for _, _, t in check]
    cy = np.array([n for n, _, _ in check])
    clv = np.array([lv for _, lv, _ in check])
    cs_scored = score(ct)
    CX = features(ct, cs_scored)
    report = {"params": params}
    # The parts' own probabilities (the regression sees the model logit clipped).
    os_sc = [s_ for s_, r in zip(dev_scored, dev) if "cs_augment" not in r["sources"]]
    PROBS = {"online_shopping_dev": (np.array([s_["lexicon"] for s_ in os_sc]), np.array([s_["model"] for s_ in os_sc])),
             "cs_check": (np.array([s_["lexicon"] for s_ in cs_scored]), np.array([s_["model"] for s_ in cs_scored]))}
    os_dev = np.array(["cs_augment" not in r["sources"] for r in dev])
    for name, XX, yy in (("online_shopping_dev", X[os_dev], y[os_dev]), ("cs_check", CX, cy)):
        lex_p, mod_p = PROBS[name]
        fp = fused_p(params, XX)
        report[name] = {
            "n": int(len(yy)),
            "accuracy": {k: round(float(((p >= 0.5) == yy).mean()), 4)
                         for k, p in (("lexicon", lex_p), ("model", mod_p), ("fused", fp))},
            "ece": {k: reliability(p, yy)[1] for k, p in (("lexicon", lex_p), ("model", mod_p), ("fused", fp))},
        }
        if name == "online_shopping_dev":
            report[name]["fused_reliability"] = reliability(fp, yy)[0]
    # Levels on the CS check: the lexicon's own vs after fusion (the rule in src/analysis/fusion.rs).
    fp = fused_p(params, CX)
    lex_lv = np.array([s["lexiconLevel"] for s in cs_scored])
    fused_lv = np.array([lift_level(s, t, p) for s, t, p in zip(cs_scored, ct, fp)])
    calm = clv == 0
    report["cs_check"]["levels"] = {
        "exact_lexicon": round(float((lex_lv == clv).mean()), 4),
        "exact_fused": round(float((fused_lv == clv).mean()), 4),
        "calm_questions_lifted_by_fusion": int(((fused_lv > lex_lv) & calm).sum()),
        "calm_messages": int(calm.sum()),
    }
    # Evaluation only (never fitted on): ROC-AUC of level >= 1 on the graded CS tables.
    report["cs_auc"] = {}
    for name, items in (("graded_messages", graded("graded_messages.tsv")),
                        ("graded_holdout", graded("graded_holdout.tsv")),
                        ("cs_check", [(n, lv, t) for n, lv, t in check]),
                        ("cs_fusion_fit_rows", fus)):
        tt = [t for _, _, t in items]
        yy = [n for n, _, _ in items]
        sc = score(tt)
        fp = fused_p(params, features(tt, sc))
        report["cs_auc"][name] = {"n": len(items), "lexicon": auc(yy, [s["lexicon"] for s in sc]),
                                  "model": auc(yy, [s["model"] for s in sc]), "fused": auc(yy, fp)}
    REPORT.write_text(json.dumps(report, indent=2, ensure_ascii=False) + "\n")
    print(json.dumps(report, indent=2, ensure_ascii=False))
    return 0


if __name__ == "__main__":
    sys.exit(main())
