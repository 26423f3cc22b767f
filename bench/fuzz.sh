#!/usr/bin/env bash
# Fuzzing campaign: run every fuzz target of the module for DURATION each
# (default 10m), JOBS targets at a time (default 2), one worker per target,
# and print one record line per target: package, target, time, executions,
# and whether it found a crasher. A crasher is written by go test under the
# package's testdata/fuzz/<Target>/ — commit it as a regression input once
# fixed.
# Usage: bench/fuzz.sh [PATTERN]   (PATTERN filters "pkg.Target" names)
# Environment: DURATION=10m JOBS=2 LOG=/tmp/fuzz-logs
set -uo pipefail
cd "$(dirname "$0")/.."
DURATION=${DURATION:-10m}
JOBS=${JOBS:-2}
LOG=${LOG:-/tmp/fuzz-logs}
PATTERN=${1:-.}
mkdir -p "$LOG"
targets=()
while IFS= read -r line; do
	file=${line%%:*}
	name=$(sed -E 's/^func (Fuzz[A-Za-z0-9_]+).*/\1/' <<<"${line#*:}")
	targets+=("./$(dirname "$file")" "$name")
done < <(grep -rn --include='*_test.go' -E '^func Fuzz[A-Za-z0-9_]+\(f \*testing\.F\)' . | sed -E 's/^\.\///; s/:[0-9]+:/:/' | sort)
run() {
	local pkg=$1 name=$2 log="$LOG/$(tr '/' '_' <<<"${1#./}").$2.log"
	go test "$pkg" -run '^$' -fuzz "^$name\$" -fuzztime "$DURATION" -parallel 1 >"$log" 2>&1
	local rc=$? execs
	execs=$(grep -oE 'execs: [0-9]+' "$log" | tail -1 | grep -oE '[0-9]+')
	printf '%-40s %-28s %s execs=%s %s\n' "${pkg#./}" "$name" "$DURATION" "${execs:-?}" \
		"$([ $rc -eq 0 ] && echo ok || echo "FAILED (see $log)")"
}
i=0
for ((k = 0; k < ${#targets[@]}; k += 2)); do
	pkg=${targets[k]} name=${targets[k + 1]}
	grep -qE "$PATTERN" <<<"${pkg#./}.$name" || continue
	run "$pkg" "$name" &
	i=$((i + 1))
	if ((i % JOBS == 0)); then wait; fi
done
wait
