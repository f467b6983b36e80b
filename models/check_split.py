#!/usr/bin/env python3
"""Proves the split: no test (or dev) text is in the training rows, the recorded hashes match
the data (scripts/split.py --check), and no CS check-set text is in any training source."""
import hashlib
import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
import data  # noqa: E402  (load_all raises if a CS check text is in the sources)
from data import split  # noqa: E402

rows = data.load_all()
train = {k for k, r in rows.items() if r["split"] == "train"}
bad = 0
for name in ("dev", "test"):
    held = {k for k, r in rows.items() if r["split"] == name}
    overlap = held & train
    recorded = set((split.SPLIT_DIR / f"online_shopping_{name}.sha256").read_text().split())
    train_hashes = {hashlib.sha256(k.encode()).hexdigest() for k in train}
    leaked = recorded & train_hashes
    print(f"{name}: {len(held)} rows, {len(overlap)} keys shared with train, "
          f"{len(leaked)} recorded hashes in train")
    bad += len(overlap) + len(leaked)
sys.exit(1 if bad else 0)
