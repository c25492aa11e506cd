#!/bin/sh
# bench: the guest side of "make bench" (scripts/bench.sh).  Three phases,
# as the original high-order allocation test: during a load, after the load
# stops (its long-lived unmovable pages still held), and at rest (caches
# dropped, every node compacted).  In each: order-10 attempts with GFP_USER,
# order-9 with the THP flavour, and 64 MiB contiguous ranges.
#
# Kernel command line: mmho.bench=quick|full, mmho.seed=N, mmho.kernel=NAME.
# Results go to ttyS1, one line per measurement:
#   BENCH kernel run phase test key=value ...
# and one line per attempt (for the plot):
#   ATTEMPT kernel run phase test index start_ns latency_ns ok
RUN=/sys/kernel/debug/highalloc/run
out=/dev/ttyS1
size=quick seed=1 kernel=unknown runno=1
for arg in $(cat /proc/cmdline); do
	case $arg in
	mmho.bench=*) size=${arg#*=} ;;
	mmho.seed=*) seed=${arg#*=} ;;
	mmho.kernel=*) kernel=${arg#*=} ;;
	mmho.run=*) runno=${arg#*=} ;;
	esac
done
if [ "$size" = full ]; then
	load_s=180 warm_s=90 n10=160 n9=100 ncontig=4
else
	load_s=90 warm_s=60 n10=40 n9=40 ncontig=2
fi
counters="compact_stall compact_fail compact_success compact_migrate_scanned compact_free_scanned pgmigrate_success pgsteal_kswapd pgsteal_direct"
[ -e $RUN ] || { echo "BENCH $kernel $runno none error=no-highalloc" >$out; exit 1; }

vmstat_snap() {
	for c in $counters $(awk '/capture/ { print $1 }' /proc/vmstat); do
		awk -v c="$c" '$1 == c { print c, $2 }' /proc/vmstat
	done >"$1"
}

# measure PHASE TEST BLOCK_PAGES REQUEST
measure() {
	phase=$1 test=$2 block=$3 req=$4
	free=$(awk '$1 == "MemFree:" { print $2 / 4 }' /proc/meminfo)
	vmstat_snap /tmp/v0
	echo "$req" >$RUN
	vmstat_snap /tmp/v1
	{
		printf 'BENCH %s %s %s %s limit=%d' "$kernel" "$runno" "$phase" "$test" $((${free%.*} / block))
		awk '{ v[$1] = $2 } END { printf " attempted=%d succeeded=%d pct=%d min=%d mean=%d p50=%d p99=%d max=%d",
			v["attempted"], v["succeeded"], v["success_pct"], v["latency_ns_min"],
			v["latency_ns_mean"], v["latency_ns_p50"], v["latency_ns_p99"],
			v["latency_ns_max"] }' $RUN
		awk 'NR == FNR { a[$1] = $2; next } { printf " %s=%d", $1, $2 - a[$1] }' /tmp/v0 /tmp/v1
		echo
		awk -v p="ATTEMPT $kernel $runno $phase $test" '{ print p, $0 }' /sys/kernel/debug/highalloc/attempts
	} >$out
}

measure_all() {
	measure "$1" order10 1024 "order=10 count=$n10 interval_ms=100 gfp=user"
	measure "$1" order9thp 512 "order=9 count=$n9 interval_ms=50 gfp=thp"
	measure "$1" contig64m 16384 "nr_pages=16384 count=$ncontig interval_ms=100 gfp=user"
}

echo 20 >/proc/sys/vm/compaction_proactiveness
echo "bench: $kernel run $runno ($size): load ${load_s}s, seed $seed"
loadgen -s "$seed" -t "$load_s" -m 896 -u 48 -d /mnt/data >/tmp/loadgen.out 2>&1 &
pid=$!
# The load must have filled memory first: wait until less than 10% of it
# is free, or warm_s at the most.
t=0
while [ $t -lt "$warm_s" ] &&
	[ "$(awk '/^MemTotal:/ { t = $2 } /^MemFree:/ { f = $2 } END { print (f * 10 > t) }' /proc/meminfo)" = 1 ]; do
	sleep 1
	t=$((t + 1))
done
echo "bench: load warm after ${t}s: $(grep -E '^(MemFree|AnonPages|Cached|SwapFree):' /proc/meminfo | tr -s ' ' | tr '\n' ' ')"
measure_all during
while ! grep -q "loadgen: hold" /tmp/loadgen.out; do sleep 1; done
measure_all after
kill "$pid"
wait "$pid"
echo 3 >/proc/sys/vm/drop_caches
# compact_node where the kernel has it, the per-node sysfs file elsewhere
for n in /sys/devices/system/node/node[0-9]*; do
	if [ -e /proc/sys/vm/compact_node ]; then
		echo "${n##*node}" >/proc/sys/vm/compact_node 2>/dev/null  # ENODEV: no memory
	else
		echo 1 >"$n/compact"
	fi
done
measure_all rest
echo "BENCH $kernel $runno done" >$out
