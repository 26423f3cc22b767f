#!/usr/bin/env bash
# Compare cognitolint with conftest on the same payloads and the same
# ~12-rule package main policy (bench/policy/main.rego):
#   1. a directory of 1,000 payload files (wall time, median of RUNS runs)
#   2. one file, as a pre-commit hook runs it (median of ONE_RUNS runs)
#   3. peak memory at 10,000 files (/usr/bin/time -v, if available), both
#      on files that all have findings and on clean files
#   4. 10,000 files with --jobs 2 against --jobs 1 (wall, median of
#      BIG_RUNS runs) and the speed-up
#   5. peak RSS of every output format at 1,000 and 10,000 files with
#      findings (default configuration, baseline pack included) and the
#      ratio of the two
# Usage: bench/compare.sh [WORKDIR]   (needs conftest on PATH for the
# comparison; without it only cognitolint's figures are printed)
# Environment: N=1000 BIG=10000 RUNS=5 ONE_RUNS=20 BIG_RUNS=3 CONFTEST=conftest
set -euo pipefail
cd "$(dirname "$0")/.."
N=${N:-1000}
BIG=${BIG:-10000}
RUNS=${RUNS:-5}
ONE_RUNS=${ONE_RUNS:-20}
BIG_RUNS=${BIG_RUNS:-3}
CONFTEST=${CONFTEST:-conftest}
WORK=${1:-$(mktemp -d)}
POLICY=bench/policy
mkdir -p "$WORK"

echo "# $(nproc) CPUs; load average at start: $(cut -d' ' -f1-3 /proc/loadavg)"
echo "# building cognitolint and generating corpora in $WORK"
go build -o "$WORK/cognitolint" ./cmd/cognitolint
go run ./bench/gencorpus -n "$N" -dir "$WORK/corpus"
[ -d "$WORK/big" ] || go run ./bench/gencorpus -n "$BIG" -dir "$WORK/big" -seed 2
[ -d "$WORK/clean" ] || go run ./bench/gencorpus -n "$BIG" -dir "$WORK/clean" -seed 3 -clean
ONE="$WORK/corpus/client-00000.json"

have_conftest=0
if command -v "$CONFTEST" >/dev/null 2>&1; then
	have_conftest=1
	echo "# $("$CONFTEST" --version 2>/dev/null | head -1)"
else
	echo "# conftest not found (set CONFTEST=/path/to/conftest): cognitolint only"
fi

# median_wall CMD...: runs CMD RUNS_NOW times, prints the median wall time in ms.
median_wall() {
	local times=() t0 t1
	for _ in $(seq "$RUNS_NOW"); do
		t0=$(date +%s%N)
		"$@" >/dev/null 2>&1 || true
		t1=$(date +%s%N)
		times+=($(((t1 - t0) / 1000)))
	done
	printf '%s\n' "${times[@]}" | sort -n | awk '{a[NR]=$1} END {printf "%.1f", a[int((NR+1)/2)]/1000}'
}

# peak_rss CMD...: prints the peak RSS in MiB (needs GNU time).
peak_rss() {
	if [ -x /usr/bin/time ]; then
		{ /usr/bin/time -v "$@" 2>&1 >/dev/null || true; } | awk -F: '/Maximum resident set size/ {printf "%.1f", $2/1024}'
	else
		printf 'n/a'
	fi
}

CL=("$WORK/cognitolint" lint --format json --no-baseline --policy "$POLICY")
CLB=("$WORK/cognitolint" lint --format json --policy "$POLICY")
CT=("$CONFTEST" test --no-color --policy "$POLICY")

echo
echo "| measurement | cognitolint (policy only) | cognitolint (+ baseline pack) | conftest test |"
echo "| --- | --- | --- | --- |"
RUNS_NOW=$RUNS
a=$(median_wall "${CL[@]}" "$WORK/corpus")
b=$(median_wall "${CLB[@]}" "$WORK/corpus")
c="n/a"
if [ $have_conftest = 1 ]; then c=$(median_wall "${CT[@]}" "$WORK"/corpus/*.json); fi
echo "| $N files, wall ms (median of $RUNS) | $a | $b | $c |"
RUNS_NOW=$ONE_RUNS
a1=$(median_wall "${CL[@]}" "$ONE")
b1=$(median_wall "${CLB[@]}" "$ONE")
c1="n/a"
if [ $have_conftest = 1 ]; then c1=$(median_wall "${CT[@]}" "$ONE"); fi
echo "| 1 file, wall ms (median of $ONE_RUNS) | $a1 | $b1 | $c1 |"
m1=$(peak_rss "${CL[@]}" "$WORK/corpus")
m2=$(peak_rss "${CLB[@]}" "$WORK/big")
m3=$(peak_rss "${CL[@]}" "$WORK/big")
c3="n/a"
if [ $have_conftest = 1 ]; then c3=$(peak_rss "${CT[@]}" "$WORK"/big/*.json); fi
k1=$(peak_rss "${CL[@]}" "$WORK/clean")
k2=$(peak_rss "${CLB[@]}" "$WORK/clean")
k3="n/a"
if [ $have_conftest = 1 ]; then k3=$(peak_rss "${CT[@]}" "$WORK"/clean/*.json); fi
echo "| peak RSS MiB, $N files with findings | $m1 | | |"
echo "| peak RSS MiB, $BIG files with findings | $m3 | $m2 | $c3 |"
echo "| peak RSS MiB, $BIG clean files | $k1 | $k2 | $k3 |"
if [ $have_conftest = 1 ]; then
	awk -v a="$a" -v c="$c" -v a1="$a1" -v c1="$c1" 'BEGIN {
		printf "\nspeed-up on %s files: %.1fx; one file: cognitolint takes %.0f%% of conftest'"'"'s time\n", "'"$N"'", c/a, 100*a1/c1 }'
fi

echo
echo "| $BIG files, default configuration | --jobs 1 | --jobs 2 |"
echo "| --- | --- | --- |"
RUNS_NOW=$BIG_RUNS
J=("$WORK/cognitolint" lint --format json --policy "$POLICY")
j1=$(median_wall "${J[@]}" --jobs 1 "$WORK/big")
j2=$(median_wall "${J[@]}" --jobs 2 "$WORK/big")
echo "| wall ms (median of $BIG_RUNS) | $j1 | $j2 |"
awk -v a="$j1" -v b="$j2" 'BEGIN { printf "\nspeed-up of --jobs 2 over --jobs 1 on '"$BIG"' files: %.2fx\n", a/b }'
# CPU time, which a loaded machine does not inflate as it does wall time.
for j in 1 2; do
	/usr/bin/time -f "--jobs $j: %U s user + %S s system CPU, %e s wall" "${J[@]}" --jobs "$j" "$WORK/big" 2>&1 >/dev/null | grep -- '^--jobs' || true
done

echo
echo "| format | peak RSS MiB, $N files | peak RSS MiB, $BIG files | ratio |"
echo "| --- | --- | --- | --- |"
for f in text json sarif junit github gitlab; do
	r1=$(peak_rss "$WORK/cognitolint" lint --format "$f" "$WORK/corpus")
	r2=$(peak_rss "$WORK/cognitolint" lint --format "$f" "$WORK/big")
	ratio=$(awk -v a="$r1" -v b="$r2" 'BEGIN { if (a > 0) printf "%.2f", b/a; else print "n/a" }')
	echo "| $f | $r1 | $r2 | $ratio |"
done

echo
echo "# load average at the end: $(cut -d' ' -f1-3 /proc/loadavg)"
