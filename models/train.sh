#!/usr/bin/env bash
# One command: records the split, rebuilds the CS augmentation, trains + exports the model,
# writes metrics and the golden fixture. CPU only; ~3 minutes on 2 cores.
set -euo pipefail
cd "$(dirname "$0")/.."
PY=${PYTHON:-.venv/bin/python}
"$PY" scripts/split.py --write
"$PY" models/data/make_cs_augment.py
nice "$PY" models/train.py
"$PY" models/check_split.py
