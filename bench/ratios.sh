#!/usr/bin/env bash
# The two throughput ratios that issues 3 and 4 set targets for, with their uncertainty:
#
#   attribution: packets/s of `flows --format jsonl` against `flows --format jsonl --no-attribution`
#   verdicts:    packets/s of `analyze` (default policy, text report) against `flows --format jsonl`
#
#   bench/ratios.sh [ROUNDS]     (default 25 rounds; about 10 s per round)
#
# On the 2M-packet benchmark captures (pcap and pcapng, made as bench/run.sh makes them). A round
# runs the three commands back to back, each as one whole process with the options of
# src/main/jvm.options, in an order that rotates from round to round so that no command always runs
# first. A ratio is taken within each round, so that a change in the VM's speed between rounds moves
# both of its sides alike; the script prints the median over the rounds with a bootstrap 95 %
# interval. On this project's 2-core VM one round's ratio varies by +-10 points, so a batch of a
# few runs says little: read the interval.
set -euo pipefail
rounds="${1:-25}"
source "$(dirname "${BASH_SOURCE[0]}")/common.sh"

log="$work/ratios.log"
: > "$log"
labels=(no-attribution flows analyze)
for fmt in pcap pcapng; do
  f="$work/t2m.$fmt"
  args=("flows $f --format jsonl -o /dev/null --no-attribution"
        "flows $f --format jsonl -o /dev/null"
        "analyze $f -o /dev/null")
  for c in 0 1 2; do java "${java_opts[@]}" -jar "$jar" ${args[$c]} >/dev/null 2>&1 || true; done # warm the page cache
  for ((i = 0; i < rounds; i++)); do
    for k in 0 1 2; do
      c=$(( (i + k) % 3 ))
      start=$(date +%s%N)
      java "${java_opts[@]}" -jar "$jar" ${args[$c]} >/dev/null 2>&1 || true
      end=$(date +%s%N)
      echo "$fmt $i ${labels[$c]} $(( (end - start) / 1000000 ))" >> "$log"
    done
    printf '\r%s: round %d of %d' "$fmt" $((i + 1)) "$rounds" >&2
  done
  echo >&2
done

python3 - "$log" <<'PY'
import collections, random, statistics, sys

times = collections.defaultdict(dict)
for line in open(sys.argv[1]):
    fmt, i, label, ms = line.split()
    times[(fmt, int(i))][label] = int(ms)

def interval(values):
    rng = random.Random(1)
    medians = sorted(statistics.median(rng.choices(values, k=len(values))) for _ in range(4000))
    return medians[100], medians[3899]

print("| capture | rounds | median s: no-attribution / flows / analyze | attribution: flows keeps of no-attribution | verdicts: analyze keeps of flows |")
print("|---|---:|---|---|---|")
for fmt in ("pcap", "pcapng"):
    rows = [v for (f, _), v in sorted(times.items()) if f == fmt and len(v) == 3]
    med = {k: statistics.median(r[k] for r in rows) / 1000 for k in ("no-attribution", "flows", "analyze")}
    cells = []
    for num, den in (("no-attribution", "flows"), ("flows", "analyze")):
        ratios = [r[num] / r[den] for r in rows]
        lo, hi = interval(ratios)
        cells.append(f"{100 * statistics.median(ratios):.1f} % [{100 * lo:.1f}, {100 * hi:.1f}]")
    print(f"| t2m.{fmt} | {len(rows)} | {med['no-attribution']:.2f} / {med['flows']:.2f} / {med['analyze']:.2f} | {cells[0]} | {cells[1]} |")
PY
