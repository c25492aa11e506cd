#!/bin/bash
# make stress: the patched kernel with the checkers on (config/stress.config:
# lockdep, KASAN, DEBUG_VM, DEBUG_PAGEALLOC, page_owner, kmemleak,
# fail_page_alloc, lockup and hung-task detectors), 4 vCPUs and 4 GiB in two
# nodes (3 + 1 GiB) with a ZONE_MOVABLE to take offline, runs every selftest of the
# series, then guest/stress.sh for STRESS_S seconds (default 600).
# Verdict lines in build/stress/results, one summary line appended to
# build/stress/summary; exits non-zero on any failure or splat.
. "$(dirname "$0")/lib.sh"

secs=${STRESS_S:-600}
out=$BUILD/stress obj=$BUILD/obj-stress
mkdir -p "$out"
t0=$(date +%s)
# what is built, named before anything can move the tree's HEAD
built=$(git -C "$LINUX" describe --always --tags 2>/dev/null)
say "== make stress: ${secs}s of stress after the selftests ($(date -u '+%F %T') UTC)"
stage "kernel tree" "$LOGS/tree.log" "$TOP/scripts/tree.sh" --existing-ok || exit 1
stage "debug kernel build" "$LOGS/kbuild-stress.log" \
	"$TOP/scripts/build-kernel.sh" "$LINUX" "$obj" "$TOP/config/stress.config" || exit 1
stage "guest disks (files, swap)" "$LOGS/disks.log" "$TOP/scripts/build-disks.sh" "$LINUX" || exit 1
stage "guest: selftests, initramfs" "$LOGS/guest-stress.log" \
	"$TOP/scripts/build-guest.sh" "$LINUX" "$obj" "$BUILD/initramfs-stress.cpio.gz" || exit 1
# Node 0 has 3 GiB, room for a 1 GiB huge page; node 1 has 1 GiB, which
# reclaim_capture's selftests can fill (they refuse a node with more).
stage "boot, selftests, stress" "$LOGS/boot-stress.log" env GUEST_MEM_MB=4096 GUEST_NODE0_MB=3072 GUEST_CPUS=4 \
	BOOT_TIMEOUT=$((secs + 5400)) \
	BOOT_APPEND="debug_pagealloc=on page_owner=on kmemleak=on movablecore=1G mmho.stress_s=$secs${BOOT_APPEND:+ $BOOT_APPEND}" \
	"$TOP/scripts/boot.sh" "$obj/arch/x86/boot/bzImage" "$BUILD/initramfs-stress.cpio.gz" test "$out/vm"
"$TOP/scripts/verdict.sh" "$out/vm" --injected | tee "$out/results"
ops=$(tr -d '\r' <"$out/vm/results.tap" 2>/dev/null | sed -n 's/^# # stress: ran /ran /p' | head -1)
# the stress ran, in full: not skipped, every check reported, a memory
# block went offline (movablecore= gives it one)
{
	grep -qE '^(PASS|FAIL) console' "$out/results" || echo "FAIL console: no verdict"
	if grep -q '^SKIP guest/stress:' "$out/results"; then
		echo "FAIL stress: skipped, in part or in full"
	elif [ "$(grep -c '^PASS guest/stress: stress\.' "$out/results")" -lt 8 ]; then
		echo "FAIL stress: fewer than its 8 checks passed"
	fi
	[ -n "$ops" ] || echo "FAIL stress: no ops line (it did not run)"
	echo "$ops" | grep -q ' offline=[1-9]' || echo "FAIL stress: no memory block went offline"
} | tee -a "$out/results"
p=$(grep -c '^PASS ' "$out/results") f=$(grep -c '^FAIL ' "$out/results")
splats=$(grep -q '^PASS console' "$out/results" && echo 0 || echo "some (see $out/vm/console.log)")
line="$(date -u '+%F %H:%M') UTC, $built: $p passed, $f failed, $splats splats, $(($(date +%s) - t0))s; stress ${ops:-did not run}"
say "$line" | tee -a "$out/summary"
[ "$f" -eq 0 ]
