#!/usr/bin/env bash
# Whole-process benchmark of live capture: how many packets per second reach a Java consumer
# through libpcap (pcap4j) on a veth pair before the kernel starts dropping.
#
#   sudo bench/live-veth.sh [SECONDS_PER_RATE] [RATE...]
#        (defaults: 10 s per rate; rates 10000 25000 50000 100000 200000 400000 800000 max)
#
# Sets up a veth pair whose far end lives in a network namespace of its own, starts the consumer on
# the near end (org.cleanpath.capture.live.LiveCountMain: counts frames, prints pcap_stats when it
# gets SIGTERM), and replays a generated capture into the far end with `tcpreplay --pps RATE` for
# SECONDS_PER_RATE (`max` = --topspeed). Prints a Markdown table and the highest rate with no kernel
# drop and every sent frame counted. Environment: BUFFER=BYTES (kernel buffer, -B; default
# LiveOptions' 64 MiB, 0 = libpcap's 2 MiB), SCENARIO (default 5g-ingress-dirty), JAVA_OPTS (default -Xmx256m).
#
# Needs root, iproute2 and tcpreplay. Everything it creates is removed on exit, also on failure.
# The consumer is a stand-in: replace the LiveCountMain command with `cleanpath monitor` once it exists.
set -euo pipefail
here="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
seconds="${1:-10}"
shift || true
rates=("$@")
[[ ${#rates[@]} -gt 0 ]] || rates=(10000 25000 50000 100000 200000 400000 800000 max)
scenario="${SCENARIO:-5g-ingress-dirty}"
read -r -a java_opts <<< "${JAVA_OPTS:--Xmx256m}"
buffer_args=()
buffer_text="64 MiB (LiveOptions default)"
if [[ -n "${BUFFER:-}" ]]; then
  buffer_args=(-B "$BUFFER")
  buffer_text="$BUFFER bytes"
  [[ "$BUFFER" == 0 ]] && buffer_text="libpcap's default (2 MiB)"
fi

[[ $(id -u) -eq 0 ]] || { echo "live-veth.sh: needs root (network namespaces, capture)" >&2; exit 2; }
for tool in ip tcpreplay; do
  command -v "$tool" >/dev/null || { echo "live-veth.sh: $tool not found (apt-get install iproute2 tcpreplay)" >&2; exit 2; }
done

id="$(printf '%06x' $((RANDOM * 32768 + RANDOM)) | tail -c 6)"
ns="cp-bench-$id" near="cpa$id" far="cpb$id"
work="$(mktemp -d)"
consumer_pid=""
cleanup() {
  set +e # remove everything even if one step fails
  if [[ -n "$consumer_pid" ]]; then
    kill -TERM "$consumer_pid" 2>/dev/null
    wait "$consumer_pid" 2>/dev/null
  fi
  ip link del "$near" 2>/dev/null || true
  ip netns del "$ns" 2>/dev/null || true
  rm -rf "$work"
}
trap cleanup EXIT

(cd "$here" && mvn -q -B -o -DskipTests package >&2)
jar="$here/target/cleanpath.jar"
java -cp "$jar" org.cleanpath.cli.Main generate --scenario "$scenario" -o "$work/replay.pcap" >&2
frames_in_file="$(tcpdump -nr "$work/replay.pcap" 2>/dev/null | wc -l || true)"

ip netns add "$ns"
ip link add "$near" type veth peer name "$far"
ip link set "$far" netns "$ns"
echo 1 > "/proc/sys/net/ipv6/conf/$near/disable_ipv6"   # no kernel chatter (ND, MLD) in the counts
ip netns exec "$ns" sh -c "echo 1 > /proc/sys/net/ipv6/conf/$far/disable_ipv6"
ip link set "$near" mtu 9000 up
ip -n "$ns" link set "$far" mtu 9000 up

# "lost before capture" = sent - ps_recv: frames the kernel dropped before the capture socket saw
# them (veth backlog, /proc/net/softnet_stat), which pcap_stats cannot count.
echo "| target pps | sent | tcpreplay pps | counted | ps_recv | ps_drop | ps_ifdrop | lost before capture | consumer CPU s |"
echo "|---:|---:|---:|---:|---:|---:|---:|---:|---:|"
best=""
for rate in "${rates[@]}"; do
  java "${java_opts[@]}" -cp "$jar" org.cleanpath.capture.live.LiveCountMain -i "$near" "${buffer_args[@]}" \
    > "$work/count.out" 2> "$work/count.err" &
  consumer_pid=$!
  for _ in $(seq 600); do  # up to 60 s: JVM start on a busy machine
    grep -q '^listening' "$work/count.err" 2>/dev/null && break
    kill -0 "$consumer_pid" 2>/dev/null || break
    sleep 0.1
  done
  grep -q '^listening' "$work/count.err" || { echo "consumer did not start:" >&2; cat "$work/count.err" "$work/count.out" >&2; exit 2; }
  if [[ "$rate" == max ]]; then speed=(--topspeed); else speed=(--pps "$rate"); fi
  ip netns exec "$ns" tcpreplay -i "$far" -K --loop 1000000 --duration "$seconds" "${speed[@]}" \
    "$work/replay.pcap" > "$work/replay.out" 2>&1 || true
  sleep 1
  cpu="$(awk '{printf "%.1f", ($14 + $15) / 100}' "/proc/$consumer_pid/stat" 2>/dev/null || echo '?')"
  kill -TERM "$consumer_pid"
  wait "$consumer_pid" || true
  consumer_pid=""
  sent="$(grep -oE 'Actual: [0-9]+ packets' "$work/replay.out" | grep -oE '[0-9]+' || echo 0)"
  pps="$(grep -oE '[0-9.]+ pps' "$work/replay.out" | head -1 | grep -oE '^[0-9]+' || echo 0)"
  line="$(cat "$work/count.out")"
  [[ -n "$line" ]] || { echo "consumer printed no counts:" >&2; grep -v SLF4J "$work/count.err" >&2; }
  field() { grep -oE "(^| )$1=[0-9-]+" <<< "$line" | cut -d= -f2; }
  counted="$(field frames)" recv="$(field received)" drop="$(field dropped)" ifdrop="$(field ifdropped)"
  echo "| $rate | $sent | $pps | $counted | $recv | $drop | $ifdrop | $((sent - ${recv:-0})) | $cpu |"
  if [[ "$drop" == 0 && "$counted" == "$sent" && "$sent" -gt 0 ]]; then best="$rate ($pps pps achieved)"; fi
done
echo
echo "scenario $scenario ($frames_in_file frames, looped), ${seconds} s per rate, kernel buffer $buffer_text"
echo "highest rate with 0 kernel drops and every frame counted: ${best:-none}"
