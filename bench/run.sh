#!/usr/bin/env bash
# Whole-process benchmark: `cleanpath flows` (without and with attribution) and `cleanpath analyze`
# (a line per flow like flows, and its default text report) against `tcpdump -r F -w /dev/null` on
# the 2M-packet benchmark capture (pcap and pcapng).
#
#   bench/run.sh [RUNS]      (default 5 runs per command; prints Markdown tables)
#
# The capture comes from the deterministic generator in ../shared/bench/gen_pcap.py and is written to
# bench/work/ (ignored by git; about 2 GB for both forms). Set BENCH_DIR to put it elsewhere.
#
# Timed runs are interleaved (run 1 of every command, then run 2, ...), so a change in the machine's
# load during the benchmark spreads over all rows instead of skewing one; they are timed by
# /usr/bin/time alone. Anonymous RSS needs /proc sampled every few milliseconds, which costs CPU on
# a 2-core machine, so it comes from one extra, untimed run per command.
set -euo pipefail
runs="${1:-5}"
source "$(dirname "${BASH_SOURCE[0]}")/common.sh"

# Peak anonymous RSS (MiB) of one run: RSS minus file-backed pages such as the capture's mapped pages.
peak_anon() {
  local pid anon=0 a
  "$@" >/dev/null 2>"$work/last.stderr" &
  pid=$!
  while kill -0 "$pid" 2>/dev/null; do
    a=$(awk '/^RssAnon:/{print $2}' "/proc/$pid/status" 2>/dev/null || echo 0)
    (( ${a:-0} > anon )) && anon=${a:-0}
    sleep 0.005
  done
  wait "$pid" || true
  echo $((anon / 1024))
}

median() { sort -n | awk '{a[NR]=$1} END{print (NR%2 ? a[(NR+1)/2] : (a[NR/2]+a[NR/2+1])/2)}'; }

for fmt in pcap pcapng; do
  f="$work/t2m.$fmt"
  names=("tcpdump -r t2m.$fmt -w /dev/null"
         "cleanpath flows t2m.$fmt --format jsonl -o /dev/null --no-attribution"
         "cleanpath flows t2m.$fmt --format jsonl -o /dev/null"
         "cleanpath analyze t2m.$fmt --format jsonl -o /dev/null"
         "cleanpath analyze t2m.$fmt -o /dev/null (text report)")
  cmds=("tcpdump -r $f -w /dev/null"
        "java ${java_opts[*]} -jar $jar flows $f --format jsonl -o /dev/null --no-attribution"
        "java ${java_opts[*]} -jar $jar flows $f --format jsonl -o /dev/null"
        "java ${java_opts[*]} -jar $jar analyze $f --format jsonl -o /dev/null"
        "java ${java_opts[*]} -jar $jar analyze $f -o /dev/null")
  declare -A walls=() users=() rss=()
  for c in "${!cmds[@]}"; do ${cmds[$c]} >/dev/null 2>&1 || true; done   # warm the page cache
  for ((i = 0; i < runs; i++)); do
    for c in "${!cmds[@]}"; do
      /usr/bin/time -o "$work/time.txt" -f "%e %U %S %M" ${cmds[$c]} >/dev/null 2>"$work/last.stderr" || true
      read -r w u s m < <(tail -1 "$work/time.txt")
      walls[$c]+="$w "; users[$c]+="$(echo "$u + $s" | bc) "
      (( m > ${rss[$c]:-0} )) && rss[$c]=$m
    done
  done
  echo
  echo "| command | median wall s | all runs (s) | M packets/s | median CPU s | peak RSS MiB | peak anon RSS MiB |"
  echo "|---|---:|---|---:|---:|---:|---:|"
  declare -A med=()
  for c in "${!cmds[@]}"; do
    med[$c]=$(printf '%s\n' ${walls[$c]} | median)
    anon=$(peak_anon ${cmds[$c]})
    printf '| %s | %.3f | %s | %.2f | %.2f | %d | %d |\n' "${names[$c]}" "${med[$c]}" "${walls[$c]}" \
      "$(echo "2 / ${med[$c]}" | bc -l)" "$(printf '%s\n' ${users[$c]} | median)" $(( ${rss[$c]} / 1024 )) "$anon"
  done
  printf '\n%s: flows with attribution keeps %.0f %% of the packets/s without; analyze keeps %.0f %% of flows.\n' \
    "$fmt" "$(echo "100 * ${med[1]} / ${med[2]}" | bc -l)" "$(echo "100 * ${med[2]} / ${med[3]}" | bc -l)"
  # The same ratios taken within each round (commands run back to back) and then the median: a
  # change in the VM's speed between rounds then moves both sides of a ratio alike.
  paired() { paste -d' ' <(printf '%s\n' ${walls[$1]}) <(printf '%s\n' ${walls[$2]}) | awk '{print $1 / $2}' | median; }
  printf '%s, ratios within rounds (median): flows keeps %.0f %%, analyze keeps %.0f %%; analyze with its text report runs at %.0f %% of flows.\n' \
    "$fmt" "$(echo "100 * $(paired 1 2)" | bc -l)" "$(echo "100 * $(paired 2 3)" | bc -l)" "$(echo "100 * $(paired 2 4)" | bc -l)"
  unset walls users rss med
done
grep -E 'flows:|packets:' "$work/last.stderr" >&2 || true
