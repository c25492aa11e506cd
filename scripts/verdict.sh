#!/bin/bash
# verdict.sh LOGDIR [--injected]: one line a test from LOGDIR/results.tap
# (the guest's KTAP), plus a check that the console shows no splat: panic,
# oops, BUG (KASAN, bad page, sleeping in atomic ...), WARN (lockdep ...),
# lockup, hung task, RCU stall, OOM kill, an allocation failure report, or
# a call trace; a missing console log fails.
# --injected: fail_page_alloc was on for the stress's THP worker and the
# workers' writes (task filter); a report of the THP worker's, and its call
# trace, are no splat and are counted apart; any other task's is a splat.
. "$(dirname "$0")/lib.sh"

logdir=${1:?logdir}
if [ -s "$logdir/results.tap" ]; then
	tr -d '\r' <"$logdir/results.tap" | awk -f "$TOP/scripts/ktap.awk"
else
	echo "FAIL guest: reached the tests (no KTAP from the guest)"
fi
bad='Kernel panic|Oops|BUG:|WARNING:|general protection fault|invoked oom-killer'
bad="$bad|KASAN|UBSAN|[Bb]ad page|LOCKUP|soft lockup|blocked for more than"
bad="$bad|rcu.*detected (expedited )?stall|possible circular locking|inconsistent lock state"
# a checker that turned itself off, or a console that lost messages (the
# kmemleak reports themselves are pr_info, below the console's loglevel:
# the guest reads /sys/kernel/debug/kmemleak instead)
bad="$bad|kmemleak: Cannot allocate|messages dropped|Call Trace:"
con=$logdir/console.log
if [ ! -s "$con" ]; then
	echo "FAIL console: no splat (no console log: $con)"
	exit 0
fi
# --injected: the call trace of an allocation failure of the THP worker
# within 5 lines of its report is excused and counted; any other is a splat
n=$(tr -d '\r' <"$con" | awk -v bad="$bad" -v inj="${2:-}" '
	/page allocation failure/ {
		at = inj == "--injected" && /thpfault[^ ]*: page allocation failure/ ? NR : 0
		if (at) next
	}
	/Call Trace:/ && at && NR - at <= 5 { next }
	$0 ~ bad || /page allocation failure/ { print NR ": " $0 }' | tee "$logdir/splats" | wc -l)
[ "${2:-}" = --injected ] && echo "# console: $(grep -c 'thpfault[^ ]*: page allocation failure' "$con") allocation failure reports of the THP worker (injected), not splats"
if [ "$n" -gt 0 ]; then
	echo "FAIL console: no splat (panic, oops, BUG, WARN, lockup, stall, leak, OOM kill): $n lines (see $con)"
	head -5 "$logdir/splats" | sed 's/^/# /'
else
	echo "PASS console: no splat (panic, oops, BUG, WARN, lockup, stall, leak, OOM kill)"
fi
