#!/bin/bash
# verdict.sh LOGDIR: one line a test from LOGDIR/results.tap (the guest's
# KTAP), plus a check that the console shows no panic, oops, BUG or WARN.
. "$(dirname "$0")/lib.sh"

logdir=${1:?logdir}
if [ -s "$logdir/results.tap" ]; then
	tr -d '\r' <"$logdir/results.tap" | awk -f "$TOP/scripts/ktap.awk"
else
	echo "FAIL guest: reached the tests (no KTAP from the guest)"
fi
bad='Kernel panic|Oops|BUG:|WARNING:|general protection fault|Call Trace:|invoked oom-killer'
if grep -Eq "$bad" "$logdir/console.log" 2>/dev/null; then
	echo "FAIL console: no panic, oops, BUG, WARN or OOM kill (see $logdir/console.log)"
	grep -En "$bad" "$logdir/console.log" | head -5 | sed 's/^/# /'
else
	echo "PASS console: no panic, oops, BUG, WARN or OOM kill"
fi
