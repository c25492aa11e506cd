#!/bin/bash
# make bench: vanilla 7.3 (vm.defrag_mode 0 and 1) against the patched
# kernel, side by side.
#
# Both kernels are built with the same config and carry the series' test
# patch (scripts/vanilla-tree.sh), so only the series' mechanisms differ.
# Each run boots both in the same VM with the same load seed (the run
# number) and runs guest/bench.sh: during the load, after it, at rest,
# the vanilla kernel twice, with vm.defrag_mode=0 (its default) and 1;
# then boots both again with 4 GiB for the contiguous part (mmho.part=contig:
# 16/64/256 MiB ranges and 1 GiB hugetlb pages on fragmented memory).
#   BENCH=full (default): 3 runs, the original test's 160 order-10 attempts
#   BENCH=quick: 1 run, shorter load and fewer attempts (make check uses it)
# BENCH_RUNS=N overrides the number of runs; BENCH_PARTS="main contig"
# (the default) picks the parts; CONTIG_MEM_MB (default 4096) sizes the
# guest of the contiguous part.  Results, tables and the plot
# go to BENCH_OUT, default build/bench/ (scripts/bench-report.sh).
. "$(dirname "$0")/lib.sh"

size=${BENCH:-full}
parts=${BENCH_PARTS:-main contig}
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
	"$TOP/scripts/build-kernel.sh" "$BUILD/vanilla/linux" "$BUILD/vanilla/obj" || exit 1
stage "guest disks" "$LOGS/disks.log" "$TOP/scripts/build-disks.sh" "$LINUX" || exit 1
stage "guest initramfs" "$LOGS/guest.log" "$TOP/scripts/build-guest.sh" "$LINUX" "$BUILD/obj" "$initrd" || exit 1

for r in $(seq 1 "$runs"); do
	# vanilla-dm1: the vanilla kernel with vm.defrag_mode=1, mainline's
	# most reliable huge page allocator
	for k in vanilla vanilla-dm1 patched; do
		[[ " $parts " == *" main "* ]] || break
		obj=$BUILD/vanilla/obj defrag=0
		[ $k = patched ] && obj=$BUILD/obj
		[ $k = vanilla-dm1 ] && defrag=1
		export BOOT_APPEND="mmho.bench=$size mmho.seed=$r mmho.run=$r mmho.kernel=$k mmho.defrag=$defrag"
		stage "run $r: $k" "$LOGS/bench-$k-$r.log" \
			"$TOP/scripts/boot.sh" "$obj/arch/x86/boot/bzImage" "$initrd" bench "$out/vm-$k-$r"
		tr -d '\r' <"$out/vm-$k-$r/results.tap" >"$out/raw-$k-$r.txt" 2>/dev/null
		grep -q "^BENCH $k $r done" "$out/raw-$k-$r.txt" ||
			say "    run $r of $k did not finish (console: $out/vm-$k-$r/console.log)"
	done
	for k in vanilla patched; do
		[[ " $parts " == *" contig "* ]] || break
		obj=$BUILD/obj
		[ $k = vanilla ] && obj=$BUILD/vanilla/obj
		export BOOT_APPEND="mmho.bench=$size mmho.seed=$r mmho.run=$r mmho.kernel=$k mmho.part=contig"
		GUEST_MEM_MB=${CONTIG_MEM_MB:-4096} stage "run $r: $k, contiguous (${CONTIG_MEM_MB:-4096} MiB)" \
			"$LOGS/bench-contig-$k-$r.log" \
			"$TOP/scripts/boot.sh" "$obj/arch/x86/boot/bzImage" "$initrd" bench "$out/vm-contig-$k-$r"
		tr -d '\r' <"$out/vm-contig-$k-$r/results.tap" >"$out/contig-$k-$r.txt" 2>/dev/null
		grep -q "^BENCH $k $r done" "$out/contig-$k-$r.txt" ||
			say "    contiguous run $r of $k did not finish (console: $out/vm-contig-$k-$r/console.log)"
	done
done
"$TOP/scripts/bench-report.sh" "$out"
