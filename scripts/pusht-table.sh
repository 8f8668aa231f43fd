#!/usr/bin/env bash
# The paper's Push-T table for one model directory: 50 episodes from seed 100000, 300 steps,
# score = mean of the per-episode max reward, success = coverage > 0.95; one eval per sampler row.
#   bash scripts/pusht-table.sh models/pusht-keypoints runs/pusht-table [EPISODES] [WORKERS]
# Writes OUT/<row>/eval.json (+ rollouts.gif) and prints a Markdown table (also OUT/table.md).
# DDPM uses all 100 training steps per chunk: set DDPM_EPISODES to run it on fewer episodes.
set -euo pipefail
model=${1:?model directory}
out=${2:?output directory}
episodes=${3:-50}
workers=${4:-2}
ddpm_episodes=${DDPM_EPISODES:-$episodes}
here="$(cd "$(dirname "$0")/.." && pwd)"
mkdir -p "$out"
rows=("ddim 1" "ddim 2" "ddim 4" "ddim 8" "ddim 16" "dpm-solver++ 2" "dpm-solver++ 4" "ddpm 100")
for row in "${rows[@]}"; do
  set -- $row
  n=$episodes; [[ $1 == ddpm ]] && n=$ddpm_episodes
  dir="$out/$1-$2"
  if [[ ! -f "$dir/eval.json" ]]; then
    echo "== $1 $2 ($n episodes)" >&2
    "$here/diffpilot" eval --model "$model" --task pusht --episodes "$n" --seed-start 100000 --max-steps 300 \
      --sampler "$1" --steps "$2" --workers "$workers" --gif-episodes 4 --quiet --out "$dir"
  fi
done
{
  echo "| sampler | steps | episodes | mean max reward | success rate (95 % CI) | chunk latency p50 / p99 (ms) |"
  echo "|---|---|---|---|---|---|"
  for row in "${rows[@]}"; do
    set -- $row
    jq -r --arg s "$1" --arg k "$2" '"| \($s) | \($k) | \(.episodes) | \(.mean_max_reward*1000|round/1000) | \(.success_rate*100|round)% (\(.success_rate_ci95[0]*100|round)–\(.success_rate_ci95[1]*100|round)%) | \(.inference_latency_ms.p50*10|round/10) / \(.inference_latency_ms.p99*10|round/10) |"' "$out/$1-$2/eval.json"
  done
} | tee "$out/table.md"
