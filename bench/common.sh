# Shared by the benchmark scripts (sourced, not run): makes the 2M-packet benchmark captures if they
# are missing, builds the jar, and sets
#   here       the project root
#   work       where the captures live (bench/work/, or $BENCH_DIR)
#   jar        target/cleanpath.jar
#   java_opts  the JVM options of src/main/jvm.options, as the ./cleanpath launcher runs them
here="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
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
read -r -a java_opts <<< "$(grep -v -e '^[[:space:]]*#' -e '^[[:space:]]*$' "$here/src/main/jvm.options" | tr '\n' ' ')"
