#!/usr/bin/env python3
"""Lexicon accuracy with the shipped (trimmed) jieba dictionary vs the full default one.

The full dictionary is jieba-rs 0.11.0's dict.txt (from the cargo registry) plus our domain
words, so the only difference is the trimming. Scores the online_shopping TEST split and the
graded CS table. Run: `python3 scripts/dict_ablation.py` (builds the example in release).
"""
import glob
import os
import subprocess
import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "scripts"))
import split  # noqa: E402


def scores(dict_path, texts):
    inp = "".join(t.replace("\r", " ").replace("\n", " ") + "\n" for t in texts)
    out = subprocess.run(["cargo", "run", "--quiet", "--release", "--example", "dict_ablation", "--", str(dict_path)],
                         cwd=ROOT, input=inp, capture_output=True, text=True, check=True).stdout.split()
    assert len(out) == len(texts), (len(out), len(texts))
    return [float(x) for x in out]


def main():
    hits = glob.glob(os.path.expanduser("~/.cargo/registry/src/*/jieba-rs-0.11.0/src/data/dict.txt"))
    if not hits:
        sys.exit("jieba-rs 0.11.0 dict.txt not found in the cargo registry (run `cargo fetch`)")
    trimmed = ROOT / "lexicon" / "jieba_dict.txt"
    with tempfile.NamedTemporaryFile("w", suffix=".txt", delete=False, encoding="utf-8") as f:
        f.write(Path(hits[0]).read_text(encoding="utf-8"))
        f.write(trimmed.read_text(encoding="utf-8"))
        full = Path(f.name)
    rows = split.rows_of(split.load(), "test")
    texts = [r["text"] for r in rows]
    labels = [1 - r["label"] for r in rows]  # 1 = negative
    print(f"{'dictionary':<10} {'entries':>8} {'test acc':>9} {'agree':>7}")
    results = {}
    for name, path in (("trimmed", trimmed), ("full", full)):
        s = scores(path, texts)
        acc = sum((p > 0.5) == bool(y) for p, y in zip(s, labels)) / len(labels)
        results[name] = s
        n = sum(1 for _ in open(path, encoding="utf-8"))
        print(f"{name:<10} {n:>8} {acc:>9.4f}", end="")
        print(f" {'':>7}" if name == "trimmed" else
              f" {sum((a > 0.5) == (b > 0.5) for a, b in zip(results['trimmed'], s)) / len(s):>7.4f}")
    os.unlink(full)


if __name__ == "__main__":
    main()
