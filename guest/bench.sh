#!/bin/sh
# bench: the guest side of "make bench" (scripts/bench.sh).  Three phases,
# as the original high-order allocation test: during a load, after the load
# stops (its long-lived unmovable pages still held), and at rest (caches
# dropped, every node compacted).  In each phase:
#   o10     seed 000's test: 160 order-10 GFP_USER attempts 0.1 s apart
#   hp9     mmtests' stress-highalloc pass: order-9 GFP_USER attempts,
#           10 ms apart, for up to 95% of memory, held to the end
#   hp9thp  the same with the THP fault's flavour (no direct reclaim or
#           compaction)
#   c64m    64 MiB ranges through alloc_contig_pages()
# at rest also order-0 attempts, the cost of the series on the fast path.
# Every measurement is bracketed by the census of the test module
# (/sys/kernel/debug/highalloc/census): the ceiling is the number of aligned
# blocks of its size that could be had at all (every page free or movable),
# the larger of the counts before and after it.  The census is also
# recorded at the start, at the peak of the load, after it and at rest.
#
# The load (loadgen) churns page cache from the files disk, anonymous
# memory (320 MiB, less than swap), dentries and inodes, and keeps 512
# pipes and socket pairs filled (-u 32: 32 MiB in 64 KiB steps; a socket
# pair holds up to its 208 KiB send buffer, so more in all: loadgen prints
# what it queued): it fragments memory without exhausting it.  It runs
# until the "during" measurements are done (SIGUSR1 ends it).  A run
# in which the load died, or the kernel killed a task for want of memory,
# is reported invalid (the host reruns it).
#
# With mmho.part=contig (a guest with more memory), the contiguous part
# instead: 1 GiB hugetlb pages allocated at run time on the idle machine and
# with memory fragmented by movable pages (fragment on every node), then,
# with loadgen's held unmovable pages as well, 16, 64 and 256 MiB ranges
# through alloc_contig_pages() and 1 GiB pages again.
#
# Kernel command line: mmho.bench=quick|full, mmho.seed=N, mmho.kernel=NAME,
# mmho.part=main|contig, mmho.defrag=0|1 (vm.defrag_mode), mmho.capture=0|1
# (vm.reclaim_capture, where the kernel has it).
# Results go to ttyS1, one line per measurement:
#   BENCH kernel run phase test key=value ...
# one per node and point of the census:
#   CENSUS kernel run point node=N key=value ...
# and one line per attempt (for the plot):
#   ATTEMPT kernel run phase test index start_ns latency_ns ok pfn
RUN=/sys/kernel/debug/highalloc/run
CENSUS=/sys/kernel/debug/highalloc/census
out=/dev/ttyS1
size=quick seed=1 kernel=unknown runno=1 part=main
for arg in $(cat /proc/cmdline); do
	case $arg in
	mmho.bench=*) size=${arg#*=} ;;
	mmho.seed=*) seed=${arg#*=} ;;
	mmho.kernel=*) kernel=${arg#*=} ;;
	mmho.run=*) runno=${arg#*=} ;;
	mmho.part=*) part=${arg#*=} ;;
	mmho.defrag=*) defrag=${arg#*=} ;;
	mmho.capture=*) capture=${arg#*=} ;;
	esac
done
memtotal=$(awk '$1 == "MemTotal:" { print int($2 / 4) }' /proc/meminfo)
# 95% of memory in order-9 blocks, as stress-highalloc asks for
n95=$((memtotal * 95 / 100 / 512))
if [ "$size" = full ]; then
	warm_s=90 n10=160 n9=$n95 ncontig=4 n0=10000
else
	warm_s=60 n10=40 n9=$((n95 / 4)) ncontig=2 n0=2000
fi
counters="compact_stall compact_fail compact_success compact_migrate_scanned compact_free_scanned pgmigrate_success pgsteal_kswapd pgsteal_direct pswpout"
[ -e $RUN ] || { echo "BENCH $kernel $runno none error=no-highalloc" >$out; exit 1; }
[ -e $CENSUS ] || { echo "BENCH $kernel $runno none error=no-census" >$out; exit 1; }

vmstat_snap() {
	for c in $counters $(awk '/capture/ { print $1 }' /proc/vmstat); do
		awk -v c="$c" '$1 == c { print c, $2 }' /proc/vmstat
	done >"$1"
}

# ceiling ORDER: the blocks of 2^ORDER pages that could be had, all nodes
ceiling() {
	awk -v k="possible_$1" '{ for (i = 2; i <= NF; i++) { split($i, kv, "="); if (kv[1] == k) n += kv[2] } }
		END { print n + 0 }' $CENSUS
}

# census POINT: the census of every node, as CENSUS lines
census() {
	awk -v p="CENSUS $kernel $runno $1" '{ print p, $0 }' $CENSUS >$out
}

# measure PHASE TEST ORDER REQUEST (ORDER: log2 of the block size in pages)
measure() {
	phase=$1 test=$2 order=$3 req=$4
	c0=$(ceiling "$order")
	vmstat_snap /tmp/v0
	if ! echo "$req" >$RUN; then
		echo "BENCH $kernel $runno $phase $test error=request-failed" >$out
		return
	fi
	vmstat_snap /tmp/v1
	c1=$(ceiling "$order")
	# busybox awk prints %d as a 32-bit int: the values are printed as
	# the strings they are (latencies pass 2^31 ns at 2.1 s), differences
	# with %.0f
	{
		printf 'BENCH %s %s %s %s order=%d memtotal=%d ceiling=%d ceiling_before=%d ceiling_after=%d' \
			"$kernel" "$runno" "$phase" "$test" "$order" "$memtotal" $((c0 > c1 ? c0 : c1)) "$c0" "$c1"
		awk '{ v[$1] = $2 } END { printf " attempted=%s succeeded=%s pct=%s min=%s mean=%s p50=%s p99=%s max=%s",
			v["attempted"], v["succeeded"], v["success_pct"], v["latency_ns_min"],
			v["latency_ns_mean"], v["latency_ns_p50"], v["latency_ns_p99"],
			v["latency_ns_max"] }' $RUN
		awk 'NR == FNR { a[$1] = $2; next } { printf " %s=%.0f", $1, $2 - a[$1] }' /tmp/v0 /tmp/v1
		echo
		awk -v p="ATTEMPT $kernel $runno $phase $test" '{ print p, $0 }' /sys/kernel/debug/highalloc/attempts
	} >$out
}

# The load must have filled memory first: wait until less than 10% of it
# is free, or warm_s at the most.  Every measurement frees what it got at
# its end, so during the load this is done before each of them.
wait_full() {
	t=0
	while [ $t -lt "$warm_s" ] &&
		[ "$(awk '/^MemTotal:/ { t = $2 } /^MemFree:/ { f = $2 } END { print (f * 10 > t) }' /proc/meminfo)" = 1 ]; do
		sleep 1
		t=$((t + 1))
	done
	echo "bench: memory full after ${t}s: $(grep -E '^(MemFree|AnonPages|Cached|SwapFree):' /proc/meminfo | tr -s ' ' | tr '\n' ' ')"
}

measure_all() {
	[ "$1" = during ] && wait_full
	measure "$1" o10 10 "order=10 count=$n10 interval_ms=100 gfp=user"
	[ "$1" = during ] && wait_full
	measure "$1" hp9 9 "order=9 count=$n9 interval_ms=10 gfp=user"
	[ "$1" = during ] && wait_full
	measure "$1" hp9thp 9 "order=9 count=$n9 interval_ms=10 gfp=thp"
	[ "$1" = during ] && wait_full
	measure "$1" c64m 14 "nr_pages=16384 count=$ncontig interval_ms=100 gfp=user"
}

# hugetlb1g: allocate up to N 1 GiB pages at run time; the latency figures
# are all the time of the one write to nr_hugepages (10 ms resolution).
measure_hugetlb() {
	phase=$1 n=$2
	hp=/sys/kernel/mm/hugepages/hugepages-1048576kB/nr_hugepages
	[ -e $hp ] || { echo "BENCH $kernel $runno $phase hugetlb1g error=no-1g-pages" >$out; return; }
	c0=$(ceiling 18)
	vmstat_snap /tmp/v0
	t0=$(cut -d' ' -f1 /proc/uptime)
	echo "$n" >$hp
	t1=$(cut -d' ' -f1 /proc/uptime)
	got=$(cat $hp)
	vmstat_snap /tmp/v1
	echo 0 >$hp
	t=$(awk -v a="$t0" -v b="$t1" 'BEGIN { printf "%.0f", (b - a) * 1e9 }')
	{
		printf 'BENCH %s %s %s hugetlb1g order=18 memtotal=%d ceiling=%d attempted=%d succeeded=%d pct=%d' \
			"$kernel" "$runno" "$phase" "$memtotal" "$c0" "$n" "$got" $((got * 100 / n))
		printf ' ceiling_after=%d min=%s mean=%s p50=%s p99=%s max=%s' "$(ceiling 18)" $t $t $t $t $t
		awk 'NR == FNR { a[$1] = $2; next } { printf " %s=%.0f", $1, $2 - a[$1] }' /tmp/v0 /tmp/v1
		echo
	} >$out
}

# fragment 60% of the free memory of every node with memory; wait until done
fragment_nodes() {
	nodes=0 fragpids=""
	rm -f /tmp/fragment.out
	for n in /sys/devices/system/node/node[0-9]*; do
		[ "$(awk '/MemTotal/ { print $4 }' "$n/meminfo")" -gt 0 ] || continue
		fragment "${n##*node}" 60 >>/tmp/fragment.out &
		fragpids="$fragpids $!"
		nodes=$((nodes + 1))
	done
	t=0
	while [ "$(grep -c '^fragment:' /tmp/fragment.out 2>/dev/null)" -lt $nodes ] && [ $t -lt 300 ]; do
		sleep 1
		t=$((t + 1))
	done
	echo "bench: fragmented: $(grep -E '^(MemFree|AnonPages|Cached|SwapFree):' /proc/meminfo | tr -s ' ' | tr '\n' ' ')"
}

# The contiguous part: 1 GiB pages on a fragmented but otherwise idle
# machine, then every size on memory that a load has left unmovable pages
# in as well.
contig() {
	if [ "$size" = full ]; then
		load_s=150 n16=32 n64=8 n256=2 n1g=2
	else
		load_s=60 n16=16 n64=4 n256=1 n1g=2
	fi
	echo "bench: $kernel run $runno ($size, contig): load ${load_s}s, seed $seed"
	# idle: the freshly booted machine
	measure_hugetlb idle "$n1g"
	# movable: its free memory in holes between movable pages (fragment on
	# every node; its page tables are unmovable, and spread), no load yet
	fragment_nodes
	measure_hugetlb movable "$n1g"
	kill $fragpids
	wait $fragpids
	loadgen -s "$seed" -t "$load_s" -m 384 -u 192 -d /mnt/data >/tmp/loadgen.out 2>&1 &
	pid=$!
	while ! grep -q "loadgen: hold" /tmp/loadgen.out; do sleep 1; done
	# fragmented: then the load's unmovable pages, held where they were put
	fragment_nodes
	measure fragmented contig16m 12 "nr_pages=4096 count=$n16 gfp=user"
	measure fragmented contig64m 14 "nr_pages=16384 count=$n64 gfp=user"
	measure fragmented contig256m 16 "nr_pages=65536 count=$n256 gfp=user"
	measure_hugetlb fragmented "$n1g"
	echo "BENCH $kernel $runno done" >$out
}

echo 20 >/proc/sys/vm/compaction_proactiveness
[ -n "${defrag:-}" ] && echo "$defrag" >/proc/sys/vm/defrag_mode
[ -n "${capture:-}" ] && [ -e /proc/sys/vm/reclaim_capture ] &&
	echo "$capture" >/proc/sys/vm/reclaim_capture
if [ "$part" = contig ]; then
	contig
	exit 0
fi
echo "bench: $kernel run $runno ($size): seed $seed, defrag_mode ${defrag:-0}, reclaim_capture $(cat /proc/sys/vm/reclaim_capture 2>/dev/null || echo -)"
census start
loadgen -s "$seed" -t 3600 -r 120 -m 320 -u 32 -d /mnt/data >/tmp/loadgen.out 2>&1 &
pid=$!
measure_all during
census peak
# The load must have run through the whole phase, and nothing may have been
# OOM-killed: otherwise the phase measured an idle machine, or one whose
# ceiling collapsed.
# invalid REASON: report the run invalid and end it (the host reruns it)
invalid() {
	echo "BENCH $kernel $runno invalid reason=$1" >$out
	sed 's/^/bench: /' /tmp/loadgen.out
	kill "$pid" 2>/dev/null
	exit 1
}
oom_killed() {
	dmesg | grep -q -i -e "out of memory" -e "oom-kill"
}
if ! kill -0 "$pid" 2>/dev/null || grep -q "loadgen: hold" /tmp/loadgen.out; then
	invalid load-ended-early
fi
oom_killed && invalid oom-kill
kill -USR1 "$pid"
while ! grep -q "loadgen: hold" /tmp/loadgen.out; do
	kill -0 "$pid" 2>/dev/null || invalid load-died
	sleep 1
done
measure_all after
census after
kill -0 "$pid" 2>/dev/null || invalid load-died
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
census rest
measure_all rest
# The order-0 fast path: the same with and without the series.
measure rest o0 0 "order=0 count=$n0 gfp=user"
sed 's/^/bench: /' /tmp/loadgen.out
oom_killed && invalid oom-kill
echo "BENCH $kernel $runno done" >$out
