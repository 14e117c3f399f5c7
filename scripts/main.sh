#!/usr/bin/env bash
# The main job: set up, check the corpus, build the dataset, train and evaluate the baselines,
# print the leaderboard and render the site. `bash scripts/main.sh`
set -euo pipefail
cd "$(dirname "$0")/.."
bash scripts/setup.sh
C=.venv/bin/caveat
step() { echo; echo "== $*" >&2; }
step "validate the corpus";            $C validate corpus/
step "corpus statistics";              $C stats --out corpus/stats.json
step "build the Hugging Face dataset"; $C build --out corpus/hf
step "train the baselines";            $C train
step "score every submission";         $C leaderboard
step "render the static site";         $C render --out site
step "leaderboard";                    cat leaderboard/LEADERBOARD.md
