#!/usr/bin/env python3
"""Fits models/fusion.json (lexicon + model -> one calibrated negative probability) on the dev
split, from `moodwatch score` output, and reports calibration. Re-run after any lexicon change:

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
from data import split  # noqa: E402

ROOT = HERE.parent
OUT = HERE / "fusion.json"
REPORT = HERE / "fusion_metrics.json"
CS_DEV_WEIGHT = 20.0
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


def features(texts, scored):
    X = []
    for t, s in zip(texts, scored):
        lex, mod = logit(s["lexicon"]), max(-12.0, min(12.0, logit(s["model"])))
        X.append([lex, mod, lex * mod, 1.0 if is_question(t) else 0.0])
    return np.array(X)


def fused_p(params, X):
    z = params["bias"] + X @ np.array([params["lexicon"], params["model"], params["product"], params["question"]])
    return 1 / (1 + np.exp(-z))


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
    X = features(texts, score(texts))
    clf = LogisticRegression(C=1.0, max_iter=1000).fit(X, y, sample_weight=w)
    c = clf.coef_.ravel()
    params = {"bias": round(float(clf.intercept_[0]), 5), "lexicon": round(float(c[0]), 5),
              "model": round(float(c[1]), 5), "product": round(float(c[2]), 5),
              "question": round(float(c[3]), 5), "mild_at": MILD_AT, "angry_at": ANGRY_AT}
    OUT.write_text(json.dumps(params) + "\n")

    check = data.cs_check()
    ct = [t for _, _, t in check]
    cy = np.array([n for n, _, _ in check])
    clv = np.array([lv for _, lv, _ in check])
    cs_scored = score(ct)
    CX = features(ct, cs_scored)
    report = {"params": params}
    os_dev = np.array(["cs_augment" not in r["sources"] for r in dev])
    for name, XX, yy in (("online_shopping_dev", X[os_dev], y[os_dev]), ("cs_check", CX, cy)):
        lex_p = 1 / (1 + np.exp(-XX[:, 0]))
        mod_p = 1 / (1 + np.exp(-XX[:, 1]))
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
    REPORT.write_text(json.dumps(report, indent=2, ensure_ascii=False) + "\n")
    print(json.dumps(report, indent=2, ensure_ascii=False))
    return 0


if __name__ == "__main__":
    sys.exit(main())
