#!/bin/bash
# make check: from a fresh clone to a verdict.  Installs what the host lacks,
# builds the tree and the patched kernel, checks the series (applies to the
# base, checkpatch), boots the VM, runs the selftests and ends with the line
# "N passed, N failed" (skips counted apart); exits non-zero on any failure.
. "$(dirname "$0")/lib.sh"

results=$LOGS/check.results
: >"$results"
t_start=$(date +%s)

# record: read verdict lines ("PASS|FAIL|SKIP name"), keep and show them;
# "# ..." lines are details shown under the verdict before them.
record() {
	while IFS= read -r line; do
		case $line in
		PASS\ * | FAIL\ * | SKIP\ *)
			echo "$line" >>"$results"
			printf '    %s\n' "$line" ;;
		*) printf '        %s\n' "$line" ;;
		esac
	done
}

summary() {
	local p f s
	p=$(grep -c '^PASS ' "$results") f=$(grep -c '^FAIL ' "$results") s=$(grep -c '^SKIP ' "$results")
	say ""
	say "make check took $(($(date +%s) - t_start))s; logs under $LOGS"
	[ "$f" -gt 0 ] && { say "failed:"; grep '^FAIL ' "$results" | sed 's/^/  /'; }
	say "$p passed, $f failed, $s skipped"
	[ "$f" -eq 0 ]
	exit
}

say "== make check ($(date -u '+%F %T') UTC)"
stage "host packages" "$LOGS/deps.log" "$TOP/scripts/deps.sh" ||
	{ echo "FAIL host: packages installed" | record; summary; }
stage "kernel tree (make tree)" "$LOGS/tree.log" "$TOP/scripts/tree.sh" ||
	{ echo "FAIL tree: build/linux carries the series" | record; summary; }
sed -n 's/^  base: /  base tree: /p' "$LOGS/tree.log"

# a check that dies (its "error:" on stderr) has made no verdict line: one
# is recorded for it
say "  series:"
"$TOP/scripts/series-check.sh" | record
[ "${PIPESTATUS[0]}" = 0 ] || grep -q '^FAIL series' "$results" ||
	echo "FAIL series: series-check.sh ended early" | record

say "  bisectability: the kernel builds at each patch (a cold first build takes ~7 min)"
"$TOP/scripts/bisect-check.sh" | record
[ "${PIPESTATUS[0]}" = 0 ] || grep -q '^FAIL bisect' "$results" ||
	echo "FAIL bisect: bisect-check.sh ended early" | record

stage "kernel build (log: kbuild.log)" "$LOGS/kbuild.log" \
	"$TOP/scripts/build-kernel.sh" "$LINUX" "$BUILD/obj" ||
	{ echo "FAIL build: patched kernel" | record; summary; }
# !NUMA: the whole series built without NUMA (make matrix builds the rest
# of the configurations, at every patch); a cold build adds ~7 min
stage "!NUMA build (make matrix)" "$LOGS/matrix-nonuma.log" \
	env MATRIX_CONFIGS=no-numa MATRIX_COMMITS=head "$TOP/scripts/matrix.sh"
grep -E '^(PASS|FAIL) ' "$LOGS/matrix-nonuma.log" | record
grep -qE '^(PASS|FAIL) matrix' "$LOGS/matrix-nonuma.log" ||
	echo "FAIL matrix: no-numa: the series builds without NUMA (see $LOGS/matrix-nonuma.log)" | record

stage "guest disks (files, swap)" "$LOGS/disks.log" "$TOP/scripts/build-disks.sh" "$LINUX" ||
	{ echo "FAIL build: guest disks" | record; summary; }
stage "guest: selftests, initramfs" "$LOGS/guest.log" \
	"$TOP/scripts/build-guest.sh" "$LINUX" "$BUILD/obj" "$BUILD/initramfs.cpio.gz" ||
	{ echo "FAIL build: guest initramfs" | record; summary; }
# the selftests, then guest/stress: 2 min of everything at once
stage "boot VM and run selftests" "$LOGS/boot.log" env BOOT_TIMEOUT=1800 \
	"$TOP/scripts/boot.sh" "$BUILD/obj/arch/x86/boot/bzImage" "$BUILD/initramfs.cpio.gz" \
	test "$LOGS/vm"
say "  selftests (console: $LOGS/vm/console.log):"
"$TOP/scripts/verdict.sh" "$LOGS/vm" | record

# The benchmark's own path, short, so that it cannot rot: it must produce
# numbers for every kernel in every phase; what they are is not judged.
# (in build/bench-quick: the results of a full make bench stay where they are)
stage "benchmark, BENCH=quick" "$LOGS/bench-quick.log" env BENCH=quick BENCH_OUT="$BUILD/bench-quick" "$TOP/scripts/bench.sh"
missing=""
# results.csv: kernel,row,metric,median,min,max,runs
for k in vanilla vanilla-dm1 patched patched-dm1; do
	for want in during/o10/pctc after/o10/pctc rest/o10/pctc during/hp9/memp \
		during/c64m/pct rest/o0/p50 census/peak/mixed_movable census/rest/mixed_movable; do
		awk -F, -v k="$k" -v r="${want%/*}" -v m="${want##*/}" \
			'$1 == k && $2 == r && $3 == m { f = 1 } END { exit !f }' \
			"$BUILD/bench-quick/results.csv" 2>/dev/null || missing="$missing $k:$want"
	done
done
# the patched kernels report reclaim capture's counters (0 where it did not run)
for k in patched patched-dm1; do
	awk -F, -v k="$k" '$1 == k && $2 == "during/o10" && $3 == "reclaim_capture_attempt" { f = 1 } END { exit !f }' \
		"$BUILD/bench-quick/results.csv" 2>/dev/null || missing="$missing $k:during/o10/reclaim_capture_attempt"
done
if [ -z "$missing" ]; then
	echo "PASS bench: quick run produced numbers for every kernel in every phase, and a census" | record
	awk '/^\*\*Success, % of the ceiling/ { f = 1; next }
		f && /^\| [a-z]/ { print "# " $0; t = 1; next } t && !/^\|/ { exit }' \
		"$BUILD/bench-quick/results.md" | record
else
	echo "FAIL bench: quick run produced numbers for every kernel in every phase, and a census (missing:$missing; see $LOGS/bench-quick.log)" | record
fi
summary
