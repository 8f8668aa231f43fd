#!/usr/bin/env bash
# Measures the chunk merge rules on Push-T, to choose the runtime's default: the quickstart set-up
# (embedded broker, simulated robot, runtime, bundled model) once per rule, on the same seeds.
#   EPISODES (default 20), SPEED (clock speed-up, default 2), SEED (first seed, default 200000)
# Output: one quickstart report per rule under target/merge-rules/<rule>/ and a table on stdout.
set -euo pipefail
cd "$(dirname "$0")/.."
episodes=${EPISODES:-20}
speed=${SPEED:-2}
seed=${SEED:-200000}
out=target/merge-rules
mkdir -p "$out"
for rule in latest average exponential; do
  ./diffpilot quickstart --episodes "$episodes" --merge "$rule" --speed "$speed" --seed "$seed" \
    --out "$out/$rule" > "$out/$rule.log" 2>&1 &
done
wait
echo "| merge rule | episodes | mean max coverage | success | latency obs -> chunk | faults |"
echo "|---|---|---|---|---|---|"
for rule in latest average exponential; do
  log="$out/$rule.log"
  summary=$(grep -m1 ' episodes: mean max coverage' "$log" || echo "failed: see $log")
  cov=$(sed -n 's/.*mean max coverage \([0-9.]*\),.*/\1/p' <<<"$summary")
  succ=$(sed -n 's/.*success \([0-9]*\/[0-9]*\).*/\1/p' <<<"$summary")
  lat=$(grep -m1 '^latency observation' "$log" | sed 's/^latency observation -> chunk //')
  faults=$(grep -m1 '^controller faults' "$log" | sed 's/^controller faults: //')
  echo "| $rule | $episodes | ${cov:-?} | ${succ:-?} | $lat | $faults |"
done
