#!/bin/bash
# verdict.sh LOGDIR [--injected]: one line a test from LOGDIR/results.tap
# (the guest's KTAP), plus a check that the console shows no splat: panic,
# oops, BUG (KASAN, bad page, sleeping in atomic ...), WARN (lockdep ...),
# lockup, hung task, RCU stall, kmemleak report, OOM kill, or a call trace.
# --injected: fail_page_alloc was on, whose failures of allocations without
# __GFP_NOWARN print a call trace that is no splat; those are counted apart.
. "$(dirname "$0")/lib.sh"

logdir=${1:?logdir}
if [ -s "$logdir/results.tap" ]; then
	tr -d '\r' <"$logdir/results.tap" | awk -f "$TOP/scripts/ktap.awk"
else
	echo "FAIL guest: reached the tests (no KTAP from the guest)"
fi
bad='Kernel panic|Oops|BUG:|WARNING:|general protection fault|invoked oom-killer'
bad="$bad|KASAN|UBSAN|[Bb]ad page|LOCKUP|soft lockup|blocked for more than|rcu.*detected stall"
bad="$bad|kmemleak: [0-9]+ new suspected|possible circular locking|inconsistent lock state"
# a checker that turned itself off, or a console that lost messages
bad="$bad|kmemleak: Cannot allocate|memory leak detector disabled|messages dropped"
if [ "${2:-}" = --injected ]; then
	n=$(grep -c 'page allocation failure' "$logdir/console.log" 2>/dev/null)
	echo "# console: ${n:-0} allocation failure reports (injected failures), not splats"
else
	bad="$bad|Call Trace:"
fi
n=$(grep -Ec "$bad" "$logdir/console.log" 2>/dev/null)
if [ "${n:-0}" -gt 0 ]; then
	echo "FAIL console: no splat (panic, oops, BUG, WARN, lockup, stall, leak, OOM kill): $n lines (see $logdir/console.log)"
	grep -En "$bad" "$logdir/console.log" | head -5 | sed 's/^/# /'
else
	echo "PASS console: no splat (panic, oops, BUG, WARN, lockup, stall, leak, OOM kill)"
fi
