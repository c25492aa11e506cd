#!/bin/bash
# make matrix-boot: boot the whole series in configurations of make matrix
# and run make check's guest (the selftests, then a short guest/stress.sh):
# where a configuration removes an interface, its tests must skip with a
# reason, and nothing else may fail or splat.
#   MATRIX_CONFIGS="no-compaction ..."  (default: config/matrix/no-* but
#                                        no-sysfs: the guest mounts and
#                                        reads sysfs throughout)
#   MATRIX_BOOT_STRESS_S=60             seconds of guest/stress.sh a boot
#   BOOT_APPEND=...                     more of the guest's command line
# Every skip must give its reason, and the stress must run (its progress
# check pass) except where the configuration removes compact_node or the
# test module (NO_STRESS below).
# Uses make matrix's tree (build/matrix/src, its lock) and objects
# (build/matrix/obj-CONFIG, built again at the last patch: from ccache
# after a make matrix) and make check's initramfs (built again).
# Verdict lines "PASS|FAIL NAME: ..." on stdout, one block a configuration,
# the skip reasons after them; logs under build/matrix/boot-CONFIG.
. "$(dirname "$0")/lib.sh"

out=$BUILD/matrix src=$out/src
git -C "$LINUX" rev-parse -q --verify base >/dev/null || die "build/linux has no tag base (make tree)"
mkdir -p "$out"
exec 9>"$out/.lock"
flock -n 9 || die "a make matrix is running in $out"
git -C "$LINUX" worktree prune
[ -e "$src/.git" ] || git -C "$LINUX" worktree add -q --detach "$src" base || die "cannot add $src"
head=$(git -C "$LINUX" rev-parse HEAD)
configs=${MATRIX_CONFIGS:-$(cd "$TOP/config/matrix" && ls no-*.config | sed 's/\.config$//' | grep -vx no-sysfs)}
NO_STRESS=" no-compaction no-contig-alloc no-migration no-debug-fs no-sysfs "
# make check's initramfs, built again: guest/ may have changed since
initrd=$BUILD/initramfs.cpio.gz
"$TOP/scripts/build-kernel.sh" "$LINUX" "$BUILD/obj" >"$LOGS/kbuild.log" 2>&1 &&
	"$TOP/scripts/build-guest.sh" "$LINUX" "$BUILD/obj" "$initrd" >"$LOGS/guest.log" 2>&1 ||
	die "cannot build make check's initramfs (see $LOGS)"
"$TOP/scripts/build-disks.sh" "$LINUX" >"$LOGS/disks.log" 2>&1 || die "cannot build the guest disks (see $LOGS)"

git -C "$src" checkout -q --detach "$head" || die "cannot check out $head"
t0=$(date +%s) pass=0 fail=0
for cfg in $configs; do
	frag=$TOP/config/matrix/$cfg.config
	[ -f "$frag" ] || die "no configuration $frag"
	obj=$out/obj-$cfg logdir=$out/boot-$cfg
	# the previous run's logs stay, one run back
	rm -rf "$logdir.prev"
	[ -d "$logdir" ] && mv "$logdir" "$logdir.prev"
	mkdir -p "$logdir"
	if ! "$TOP/scripts/build-kernel.sh" "$src" "$obj" "$TOP/config/matrix/base.config" "$frag" \
		>"$logdir/build.log" 2>&1; then
		echo "FAIL $cfg: builds (see $logdir/build.log)"
		fail=$((fail + 1))
		continue
	fi
	BOOT_TIMEOUT=1800 BOOT_APPEND="mmho.stress_s=${MATRIX_BOOT_STRESS_S:-60}${BOOT_APPEND:+ $BOOT_APPEND}" \
		"$TOP/scripts/boot.sh" "$obj/arch/x86/boot/bzImage" "$initrd" test "$logdir" \
		>"$logdir/boot.log" 2>&1
	{
		"$TOP/scripts/verdict.sh" "$logdir"
		# a skip gives its reason: on its own line (kselftest's "# SKIP
		# why") or in the binary's output before a skip of it all
		tr -d '\r' <"$logdir/results.tap" 2>/dev/null | awk '
			/^# selftests: / { bin = substr($0, 14); sub(/: /, "/", bin); why = 0; next }
			/^# .*SKIP[ \t]*$/ { print "FAIL " bin ": a skip without its reason: " substr($0, 3); next }
			/SKIP[ \t]+[^ \t]/ { why = 1 }
			/^ok [0-9]+ selftests: .*# SKIP/ && !why { print "FAIL " bin ": skipped without a reason" }'
	} | sed "s/^\(PASS\|FAIL\|SKIP\) /\1 $cfg: /" >"$logdir/results"
	case $NO_STRESS in
	*" $cfg "*) ;;
	*) grep -q "^PASS $cfg: guest/stress: stress\.every_worker_made_progress" "$logdir/results" ||
		echo "FAIL $cfg: the stress ran, its workers made progress" >>"$logdir/results" ;;
	esac
	grep -E '^(PASS|FAIL|SKIP) ' "$logdir/results"
	# the reasons given for what was skipped
	tr -d '\r' <"$logdir/results.tap" 2>/dev/null | grep -E '# SKIP .' | sed 's/^[# ]*/#   /' | sort | uniq -c | sed 's/^ */# /'
	pass=$((pass + $(grep -c '^PASS ' "$logdir/results")))
	fail=$((fail + $(grep -c '^FAIL ' "$logdir/results")))
done
git -C "$src" checkout -q --detach base
echo "# $(date -u '+%F %H:%M') UTC, $(git -C "$LINUX" describe --always --tags "$head"): boots of $(echo $configs): $pass passed, $fail failed; $(($(date +%s) - t0))s"
[ "$fail" -eq 0 ]
