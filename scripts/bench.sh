#!/bin/bash
# make bench: vanilla 6.12 against the patched kernel, side by side.
#
# Both kernels are built with the same config and carry the series' test
# patch (scripts/vanilla-tree.sh), so only the series' mechanisms differ.
# Each run boots both in the same VM with the same load seed (the run
# number) and runs guest/bench.sh: during the load, after it, at rest.
#   BENCH=full (default): 3 runs, the original test's 160 order-10 attempts
#   BENCH=quick: 1 run, shorter load and fewer attempts (make check uses it)
# BENCH_RUNS=N overrides the number of runs.  Results, tables and the plot
# go to BENCH_OUT, default build/bench/ (scripts/bench-report.sh).
. "$(dirname "$0")/lib.sh"

size=${BENCH:-full}
case $size in
full) runs=${BENCH_RUNS:-3} ;;
quick) runs=${BENCH_RUNS:-1} ;;
*) die "BENCH=$size: full or quick" ;;
esac
out=${BENCH_OUT:-$BUILD/bench}
rm -rf "$out"
mkdir -p "$out"
initrd=$BUILD/initramfs.cpio.gz

say "== make bench ($size, $runs run(s) per kernel; $(date -u '+%F %T') UTC)"
stage "patched tree" "$LOGS/tree.log" "$TOP/scripts/tree.sh" --existing-ok || exit 1
stage "vanilla tree (base + test patch)" "$LOGS/vanilla-tree.log" "$TOP/scripts/vanilla-tree.sh" || exit 1
stage "build patched kernel" "$LOGS/kbuild.log" "$TOP/scripts/build-kernel.sh" "$LINUX" "$BUILD/obj" || exit 1
stage "build vanilla kernel" "$LOGS/kbuild-vanilla.log" \
	"$TOP/scripts/build-kernel.sh" "$BUILD/vanilla" "$BUILD/obj-vanilla" || exit 1
stage "guest disks" "$LOGS/disks.log" "$TOP/scripts/build-disks.sh" "$LINUX" || exit 1
stage "guest initramfs" "$LOGS/guest.log" "$TOP/scripts/build-guest.sh" "$LINUX" "$BUILD/obj" "$initrd" || exit 1

for r in $(seq 1 "$runs"); do
	for k in vanilla patched; do
		obj=$BUILD/obj
		[ $k = vanilla ] && obj=$BUILD/obj-vanilla
		export BOOT_APPEND="mmho.bench=$size mmho.seed=$r mmho.run=$r mmho.kernel=$k"
		stage "run $r: $k" "$LOGS/bench-$k-$r.log" \
			"$TOP/scripts/boot.sh" "$obj/arch/x86/boot/bzImage" "$initrd" bench "$out/vm-$k-$r"
		tr -d '\r' <"$out/vm-$k-$r/results.tap" >"$out/raw-$k-$r.txt" 2>/dev/null
		grep -q "^BENCH $k $r done" "$out/raw-$k-$r.txt" ||
			say "    run $r of $k did not finish (console: $out/vm-$k-$r/console.log)"
	done
done
"$TOP/scripts/bench-report.sh" "$out"
