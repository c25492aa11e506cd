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

show() {
	echo "--- /proc/buddyinfo (free blocks of order 0 1 2 ... 10, per node and zone)"
	cat /proc/buddyinfo
	echo "--- node 0: $(high_free 0)"
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
for bad in 64 -1 abc; do
	echo "# echo $bad > /proc/sys/vm/compact_node"
	echo "$bad" >/proc/sys/vm/compact_node
done
kill "$pid"
wait "$pid" 2>/dev/null
echo 20 >/proc/sys/vm/compaction_proactiveness
echo "=== demo done"
