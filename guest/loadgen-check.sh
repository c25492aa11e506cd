#!/bin/sh
# KTAP test of the load generator with the test_highalloc module: loadgen
# goes through its phases (run, ended early by SIGUSR1 as make bench ends
# it, hold, released) and exits cleanly; the
# module completes a run of order-10 attempts during the load, after it
# stops, and at rest; free memory comes back after the release.  Success
# rates are printed, never asserted (they are the benchmark's business).
RUN=/sys/kernel/debug/highalloc/run
n=0 failed=0

result() {
	n=$((n + 1))
	if [ "$1" = 0 ]; then echo "ok $n loadgen.$2"; else echo "not ok $n loadgen.$2"; failed=1; fi
}

# highalloc PHASE: 40 order-10 attempts 0.1 s apart; 0 if all were made.
highalloc() {
	echo "order=10 count=40 interval_ms=100 gfp=user" >$RUN || return 1
	awk -v p="$1" '{ v[$1] = $2 } END {
		printf "# %-12s order-10 success %d/%d (%d%%), latency p50 %d us, p99 %d us\n",
			p, v["succeeded"], v["attempted"], v["success_pct"],
			v["latency_ns_p50"] / 1000, v["latency_ns_p99"] / 1000 }' $RUN
	[ "$(awk '$1 == "attempted" { print $2 }' $RUN)" = 40 ]
}

wait_for() {
	i=0
	while ! grep -q "$1" /tmp/loadgen.out && [ $i -lt 240 ]; do sleep 1; i=$((i + 1)); done
	grep -q "$1" /tmp/loadgen.out
}

echo "TAP version 13"
[ -e $RUN ] || modprobe test_highalloc
if [ ! -e $RUN ] || ! grep -q " /mnt/data " /proc/mounts; then
	echo "1..0 # SKIP needs test_highalloc and the files disk"
	exit 4
fi
echo "1..5"
free0=$(awk '$1 == "MemFree:" { print $2 }' /proc/meminfo)

loadgen -s 1 -t 600 -r 20 -m 320 -u 32 -d /mnt/data >/tmp/loadgen.out 2>&1 &
pid=$!
sleep 10
highalloc "during load"
result $? highalloc_during_load
kill -USR1 $pid
wait_for "loadgen: hold"
result $? reaches_hold
highalloc "after load"
result $? highalloc_after_load
kill -TERM $pid
wait $pid
rc=$?
grep -q "loadgen: released" /tmp/loadgen.out
result $((rc + $?)) releases_and_exits
sed 's/^/# /' /tmp/loadgen.out

echo 3 >/proc/sys/vm/drop_caches
# every node (a !NUMA kernel has no node sysfs: node 0 only)
nodes=$(ls -d /sys/devices/system/node/node* 2>/dev/null | sed 's/.*node//')
for node in ${nodes:-0}; do
	echo "$node" >/proc/sys/vm/compact_node 2>/dev/null
done
highalloc "at rest" >/tmp/rest.out
cat /tmp/rest.out
free1=$(awk '$1 == "MemFree:" { print $2 }' /proc/meminfo)
echo "# MemFree before the load ${free0} kB, at rest after it ${free1} kB"
[ $((free1 * 100)) -ge $((free0 * 95)) ]
result $? memory_comes_back
exit $failed
