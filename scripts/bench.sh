#!/bin/bash
# make bench: vanilla 7.3 against the patched kernel, each with
# vm.defrag_mode=0 (the default) and 1 (mainline's reliable huge page
# allocator), side by side.
#
# Both kernels are built with the same config and carry the series' test
# patches (scripts/vanilla-tree.sh), so only the series' mechanisms differ.
# Each run boots the four kernel/mode pairs in turn in the same 1 GiB VM with
# the same load seed (the run number) and runs guest/bench.sh: during a
# load, after it, at rest, each measurement against its ceiling (the blocks
# that could be had at all).  A boot that reports itself invalid (the load
# died, a task was OOM-killed) or does not finish is rerun, up to
# BENCH_RETRIES (default 2) times per run and pair, and never counted.
#   BENCH=full (default): 3 runs, the original test's 160 order-10 attempts
#   BENCH=quick: 1 run, fewer attempts (make check uses it)
# The patched kernels run with vm.reclaim_capture=1 (BENCH_CAPTURE=0: off).
# BENCH_RUNS=N overrides the number of runs; BENCH_PARTS picks the parts:
# "main" (the default) or "contig" as well: vanilla and patched booted again
# with CONTIG_MEM_MB (default 4096) for 16/64/256 MiB ranges and 1 GiB
# hugetlb pages on fragmented memory.  Results, tables and the plot go to
# BENCH_OUT, default build/bench/ (scripts/bench-report.sh).
. "$(dirname "$0")/lib.sh"

size=${BENCH:-full}
parts=${BENCH_PARTS:-main}
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
stage "vanilla tree (base + test patches)" "$LOGS/vanilla-tree.log" "$TOP/scripts/vanilla-tree.sh" || exit 1
stage "build patched kernel" "$LOGS/kbuild.log" "$TOP/scripts/build-kernel.sh" "$LINUX" "$BUILD/obj" || exit 1
stage "build vanilla kernel" "$LOGS/kbuild-vanilla.log" \
	"$TOP/scripts/build-kernel.sh" "$BUILD/vanilla/linux" "$BUILD/vanilla/obj" || exit 1
stage "guest disks" "$LOGS/disks.log" "$TOP/scripts/build-disks.sh" "$LINUX" || exit 1
stage "guest initramfs" "$LOGS/guest.log" "$TOP/scripts/build-guest.sh" "$LINUX" "$BUILD/obj" "$initrd" || exit 1

# boot_bench NAME LOG OBJ RAW: boot OBJ's kernel for guest/bench.sh (with
# BOOT_APPEND), results to RAW; rerun an invalid or unfinished boot.
boot_bench() {
	local name=$1 log=$2 obj=$3 raw=$4 vm=${4%.txt}.vm try why
	for try in $(seq 0 "${BENCH_RETRIES:-2}"); do
		stage "$name$([ "$try" -gt 0 ] && echo " (rerun $try)")" "$log" \
			"$TOP/scripts/boot.sh" "$obj/arch/x86/boot/bzImage" "$initrd" bench "$vm"
		tr -d '\r' <"$vm/results.tap" >"$raw" 2>/dev/null
		why=$(sed -n 's/^BENCH .* invalid reason=//p' "$raw" | head -1)
		grep -q "^BENCH .* done" "$raw" || why=${why:-did not finish}
		if grep -qi -e "out of memory" -e "oom-kill" "$vm/console.log" 2>/dev/null; then
			why=${why:-oom-kill}
		fi
		[ -z "$why" ] && return 0
		say "    invalid: $why (console: $vm/console.log); not counted"
		mv "$raw" "$out/invalid-$(basename "$raw" .txt)-$try.txt"
	done
	return 1
}

for r in $(seq 1 "$runs"); do
	# Four pairs, alternating within a run: the vanilla and the patched
	# kernel, each with vm.defrag_mode 0 and 1.
	for k in vanilla vanilla-dm1 patched patched-dm1; do
		[[ " $parts " == *" main "* ]] || break
		obj=$BUILD/vanilla/obj defrag=0
		[[ $k = patched* ]] && obj=$BUILD/obj
		[[ $k = *-dm1 ]] && defrag=1
		# the patched kernels with reclaim capture on (its default is
		# off); the vanilla kernel has no such switch
		export BOOT_APPEND="mmho.bench=$size mmho.seed=$r mmho.run=$r mmho.kernel=$k mmho.defrag=$defrag mmho.capture=${BENCH_CAPTURE:-1}"
		boot_bench "run $r: $k" "$LOGS/bench-$k-$r.log" "$obj" "$out/raw-$k-$r.txt"
	done
	for k in vanilla patched; do
		[[ " $parts " == *" contig "* ]] || break
		obj=$BUILD/obj
		[ $k = vanilla ] && obj=$BUILD/vanilla/obj
		export BOOT_APPEND="mmho.bench=$size mmho.seed=$r mmho.run=$r mmho.kernel=$k mmho.part=contig"
		GUEST_MEM_MB=${CONTIG_MEM_MB:-4096} boot_bench "run $r: $k, contiguous (${CONTIG_MEM_MB:-4096} MiB)" \
			"$LOGS/bench-contig-$k-$r.log" "$obj" "$out/contig-$k-$r.txt"
	done
done
"$TOP/scripts/bench-report.sh" "$out"
