#!/usr/bin/env bash
# Whole-process benchmark: `cleanpath flows` against `tcpdump -r F -w /dev/null` on the 2M-packet
# benchmark capture (pcap and pcapng), measured side by side in one run.
#
#   bench/run.sh [RUNS]      (default 5 runs per command; prints a Markdown table)
#
# The capture comes from the deterministic generator in ../shared/bench/gen_pcap.py and is written to
# bench/work/ (ignored by git; about 2 GB for both forms). Set BENCH_DIR to put it elsewhere.
set -euo pipefail
here="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
runs="${1:-5}"
work="${BENCH_DIR:-$here/bench/work}"
gen="${BENCH_GEN:-$here/../shared/bench/gen_pcap.py}"
mkdir -p "$work"

for fmt in pcap pcapng; do
  f="$work/t2m.$fmt"
  if [[ ! -f "$f" ]]; then
    echo "generating $f ..." >&2
    python3 "$gen" -n 2000000 -f 100000 --format "$fmt" -o "$f.part" >&2
    mv "$f.part" "$f"
  fi
done

(cd "$here" && mvn -q -B -DskipTests package >&2)
jar="$here/target/cleanpath.jar"
java_opts=(-Xmx256m -XX:+UseSerialGC)  # as the ./cleanpath launcher

# Runs a command once; prints "wall_s cpu_s max_rss_mib max_anon_rss_mib" (anon = RSS minus file-backed
# pages such as the capture's own mapped pages), sampling /proc every 5 ms.
measure() {
  local start end pid anon=0 rss=0 a r
  start=$(date +%s.%N)
  "$@" >/dev/null 2>"$work/last.stderr" &
  pid=$!
  while kill -0 "$pid" 2>/dev/null; do
    if read -r a r < <(awk '/^RssAnon:/{a=$2} /^VmRSS:/{r=$2} END{print a+0, r+0}' "/proc/$pid/status" 2>/dev/null); then
      (( a > anon )) && anon=$a
      (( r > rss )) && rss=$r
    fi
    sleep 0.005
  done
  wait "$pid" || true
  end=$(date +%s.%N)
  local cpu
  cpu=$(awk '{print ($14+$15)/100}' "/proc/$pid/stat" 2>/dev/null || echo "?")
  echo "$(echo "$end - $start" | bc -l) $((rss / 1024)) $((anon / 1024))"
}

median() { sort -n | awk '{a[NR]=$1} END{print (NR%2 ? a[(NR+1)/2] : (a[NR/2]+a[NR/2+1])/2)}'; }

row() {
  local name="$1"; shift
  local walls=() rsss=() anons=() out
  "$@" >/dev/null 2>&1 || true   # warm the page cache and the file system
  for ((i = 0; i < runs; i++)); do
    read -r w r a < <(measure "$@")
    walls+=("$w"); rsss+=("$r"); anons+=("$a")
  done
  local mw maxr maxa
  mw=$(printf '%s\n' "${walls[@]}" | median)
  maxr=$(printf '%s\n' "${rsss[@]}" | sort -n | tail -1)
  maxa=$(printf '%s\n' "${anons[@]}" | sort -n | tail -1)
  printf '| %s | %.3f | %s | %s | %s | %s |\n' "$name" "$mw" \
    "$(printf '%.2f ' "${walls[@]}")" "$(awk -v w="$mw" 'BEGIN{printf "%.2f", 2000000/w/1e6}')" "$maxr" "$maxa"
}

echo "| command | median wall s | all runs (s) | M packets/s | peak RSS MiB | peak anon RSS MiB |"
echo "|---|---:|---|---:|---:|---:|"
for fmt in pcap pcapng; do
  f="$work/t2m.$fmt"
  row "tcpdump -r t2m.$fmt -w /dev/null" tcpdump -r "$f" -w /dev/null
  row "cleanpath flows t2m.$fmt --format jsonl -o /dev/null --no-attribution" java "${java_opts[@]}" -jar "$jar" flows "$f" --format jsonl -o /dev/null --no-attribution
  row "cleanpath flows t2m.$fmt --format jsonl -o /dev/null" java "${java_opts[@]}" -jar "$jar" flows "$f" --format jsonl -o /dev/null
  row "cleanpath analyze t2m.$fmt --format jsonl -o /dev/null" java "${java_opts[@]}" -jar "$jar" analyze "$f" --format jsonl -o /dev/null
done
grep -E 'flows:|packets:' "$work/last.stderr" >&2 || true
