#!/bin/sh
# demo: fragment node 0, compact it with /proc/sys/vm/compact_node, and show
# /proc/buddyinfo before and after.
pb=$(sed -n 's/^Page block order: //p' /proc/pagetypeinfo)

# Free MiB of node $1 in blocks of pageblock order or more, and in all.
high_free() {
	awk -v n="$1," -v pb="$pb" '$1 == "Node" && $2 == n {
		for (i = 5; i <= NF; i++) {
			for (o = i - 5, sz = 1; o > 0; o--) sz *= 2
			all += $i * sz
			if (i - 5 >= pb + 0) hi += $i * sz
		}
	} END { printf "%d MiB of %d MiB free memory is in blocks of order >= %d\n", hi / 256, all / 256, pb }' /proc/buddyinfo
}

# The test module's census of node 0: pageblocks by migratetype, the mixed
# ones, and the order-9 and order-10 blocks that could be had at all.
census() {
	c=/sys/kernel/debug/highalloc/census
	[ -r $c ] || return 0
	awk '$1 == "node=0" { for (i = 2; i <= NF; i++) { split($i, kv, "="); v[kv[1]] = kv[2] }
		printf "--- node 0 census: pageblocks unmovable %d, movable %d, reclaimable %d; mixed %d movable + %d other; could be had: %d of order 9, %d of order 10\n",
			v["Unmovable"], v["Movable"], v["Reclaimable"], v["mixed_movable"], v["mixed_other"],
			v["possible_9"], v["possible_10"] }' $c
}

show() {
	echo "--- /proc/buddyinfo (free blocks of order 0 1 2 ... 10, per node and zone)"
	cat /proc/buddyinfo
	echo "--- node 0: $(high_free 0)"
	census
}

echo
echo "=== compact_node demo: $(uname -r), $(grep -c ^processor /proc/cpuinfo) CPUs, nodes $(cat /sys/devices/system/node/online 2>/dev/null || echo 0)"
echo "=== 1. fragment node 0: fill it with anonymous pages, free every other one"
echo 0 >/proc/sys/vm/compaction_proactiveness
fragment 0 75 >/tmp/fragment.out &
pid=$!
while [ ! -s /tmp/fragment.out ]; do sleep 1; done
cat /tmp/fragment.out
show
echo
echo "=== 2. # echo 0 > /proc/sys/vm/compact_node"
t0=$(cut -d' ' -f1 /proc/uptime)
echo 0 >/proc/sys/vm/compact_node && echo "(write returned 0 after $(awk -v t0="$t0" '{printf "%.1f", $1 - t0}' /proc/uptime) s)"
show
echo
echo "=== 3. the same write with bad input fails instead of being ignored:"
for bad in 64 -1 abc 2; do
	echo "# echo $bad > /proc/sys/vm/compact_node$([ "$bad" = 2 ] && echo "     (node 2 has CPUs, no memory)")"
	echo "$bad" >/proc/sys/vm/compact_node
done
if [ -e /sys/devices/system/node/node2/compact ]; then
	echo "# echo 1 > /sys/devices/system/node/node2/compact     (the sysfs file says so too)"
	echo 1 >/sys/devices/system/node/node2/compact
fi
kill "$pid"
wait "$pid" 2>/dev/null
echo 20 >/proc/sys/vm/compaction_proactiveness

run=/sys/kernel/debug/highalloc/run
if [ -e $run ]; then
	echo
	echo "=== 4. the high-order allocation test (CONFIG_TEST_HIGHALLOC): 160 order-10"
	echo "===    attempts 0.1 s apart, held until the end; then two 64 MiB ranges"
	for req in "order=10 count=160 interval_ms=100 gfp=user" "nr_pages=16384 count=2 node=1"; do
		echo "# echo \"$req\" > $run"
		echo "$req" >$run
		echo "# cat $run"
		cat $run
	done
	echo "# echo \"order=11\" > $run"
	echo "order=11" >$run
fi
echo "=== demo done"
