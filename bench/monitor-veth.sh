#!/usr/bin/env bash
# Whole-process benchmark of `cleanpath monitor` on a veth pair: the highest tcpreplay rate it holds
# with 0 kernel drops, and the /status request rate (wrk) while it captures at that rate.
#
#   sudo bench/monitor-veth.sh [SECONDS_PER_RATE] [RATE...]   (defaults: 30 s; 50000 100000 200000 max)
#
# For each rate: starts `cleanpath monitor -i <near end>` (fresh process), replays the generated
# 5G demo capture into the far end (in a namespace of its own) with `tcpreplay --pps RATE --loop`,
# runs `wrk -t1 -c16 --latency` against /status for the same time, then reads pcap_stats from
# /status. Prints a Markdown table. Needs root, iproute2, tcpreplay and wrk; removes what it creates.
set -euo pipefail
here="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
seconds="${1:-30}"
shift || true
rates=("$@")
[[ ${#rates[@]} -gt 0 ]] || rates=(50000 100000 200000 max)
[[ $(id -u) -eq 0 ]] || { echo "monitor-veth.sh: needs root" >&2; exit 2; }
for tool in ip tcpreplay wrk curl; do command -v "$tool" >/dev/null || { echo "monitor-veth.sh: $tool not found" >&2; exit 2; }; done

id="$(printf '%06x' $((RANDOM * 32768 + RANDOM)) | tail -c 6)"
ns="cp-mon-$id" near="cpm$id" far="cpn$id"
work="$(mktemp -d)"
pid=""
cleanup() {
  set +e
  [[ -n "$pid" ]] && { kill -TERM "$pid" 2>/dev/null; wait "$pid" 2>/dev/null; }
  ip link del "$near" 2>/dev/null; ip netns del "$ns" 2>/dev/null; rm -rf "$work"
}
trap cleanup EXIT

(cd "$here" && mvn -q -B -o -DskipTests package >&2)
jar="$here/target/cleanpath.jar"
java -jar "$jar" generate --scenario 5g-ingress-dirty -o "$work/replay.pcap" >&2
ip netns add "$ns"
ip link add "$near" type veth peer name "$far"
ip link set "$far" netns "$ns"
echo 1 > "/proc/sys/net/ipv6/conf/$near/disable_ipv6"
ip netns exec "$ns" sh -c "echo 1 > /proc/sys/net/ipv6/conf/$far/disable_ipv6"
ip link set "$near" mtu 9000 up
ip -n "$ns" link set "$far" mtu 9000 up

echo "| target pps | sent | tcpreplay pps | monitor packets | ps_drop | ps_ifdrop | /status req/s | /status p99 |"
echo "|---:|---:|---:|---:|---:|---:|---:|---:|"
best=""
for rate in "${rates[@]}"; do
  java -Xmx256m -jar "$jar" monitor -i "$near" --listen 127.0.0.1:0 > /dev/null 2> "$work/mon.err" &
  pid=$!
  port=""
  for _ in $(seq 600); do
    port="$(grep -oE 'status on http://127.0.0.1:[0-9]+' "$work/mon.err" | grep -oE '[0-9]+$' || true)"
    [[ -n "$port" ]] && break
    sleep 0.1
  done
  [[ -n "$port" ]] || { cat "$work/mon.err" >&2; exit 2; }
  if [[ "$rate" == max ]]; then speed=(--topspeed); else speed=(--pps "$rate"); fi
  wrk -t1 -c16 -d"${seconds}s" --latency "http://127.0.0.1:$port/status" > "$work/wrk.out" 2>&1 &
  wrk_pid=$!
  ip netns exec "$ns" tcpreplay -i "$far" -K --loop 1000000 --duration "$seconds" "${speed[@]}" \
    "$work/replay.pcap" > "$work/replay.out" 2>&1 || true
  wait "$wrk_pid" || true
  sleep 2
  status="$(curl -s "http://127.0.0.1:$port/status")"
  kill -TERM "$pid"; wait "$pid" || true; pid=""
  sent="$(grep -oE 'Actual: [0-9]+ packets' "$work/replay.out" | grep -oE '[0-9]+' || echo 0)"
  pps="$(grep -oE '[0-9.]+ pps' "$work/replay.out" | head -1 | grep -oE '^[0-9]+' || echo 0)"
  read -r read_ drop ifdrop < <(python3 -c 'import json,sys; s=json.loads(sys.argv[1]); c=s["capture"]; print(s["counts"]["packets"]["read"], c["dropped_by_kernel"], c["dropped_by_interface"])' "$status")
  rps="$(grep -oE 'Requests/sec: +[0-9.]+' "$work/wrk.out" | grep -oE '[0-9.]+$' || echo '?')"
  p99="$(grep -E '^ +99%' "$work/wrk.out" | awk '{print $2}' || echo '?')"
  echo "| $rate | $sent | $pps | $read_ | $drop | $ifdrop | $rps | $p99 |"
  [[ "$drop" == 0 && "$sent" -gt 0 ]] && best="$rate ($pps pps achieved)"
done
echo
echo "${seconds} s per rate; highest rate with 0 kernel drops: ${best:-none}"
