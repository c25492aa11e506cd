#!/bin/sh
# compact-trials: the measurement behind patch 2's table.  Six times:
# fragment node 0 (fragment 0 75), wait 0 or 3 s, write 0 to compact_node,
# print node 0's free pages of order 0 and in blocks of order >= 9 before
# and after the write, the pages migrated, and the cost of the write (its
# time in ms, pages scanned by the two scanners); then release and recompact.
# Run with: scripts/boot.sh KERNEL INITRD compact-trials build/logs/trials
pb=$(sed -n 's/^Page block order: *//p' /proc/pagetypeinfo)
hi() {
	awk -v pb="$pb" '$1 == "Node" && $2 == "0," {
		s = 0
		for (i = 5; i <= NF; i++) {
			for (o = i - 5, sz = 1; o > 0; o--) sz *= 2
			if (i - 5 >= pb + 0) s += $i * sz
		}
		printf "o0=%d hi=%d", $5, s
	}' /proc/buddyinfo
}
migrated() { awk '$1 == "pgmigrate_success" { print $2 }' /proc/vmstat; }
vmstat() { awk -v c="$1" '$1 == c { print $2 }' /proc/vmstat; }
now_ms() { awk '{ printf "%d", $1 * 1000 }' /proc/uptime; }

echo 0 >/proc/sys/vm/compaction_proactiveness
for delay in 0 0 0 3 3 3; do
	fragment 0 75 >/tmp/fragment.out &
	pid=$!
	while [ ! -s /tmp/fragment.out ]; do sleep 1; done
	rm /tmp/fragment.out
	sleep $delay
	before=$(hi) m0=$(migrated) t0=$(now_ms)
	ms0=$(vmstat compact_migrate_scanned) fs0=$(vmstat compact_free_scanned)
	echo 0 >/proc/sys/vm/compact_node
	t1=$(now_ms)
	echo "RESULT delay=$delay before: $before after: $(hi) migrated=$(($(migrated) - m0))" \
		"ms=$((t1 - t0)) migrate_scanned=$(($(vmstat compact_migrate_scanned) - ms0))" \
		"free_scanned=$(($(vmstat compact_free_scanned) - fs0))"
	kill $pid
	wait $pid
	echo 0 >/proc/sys/vm/compact_node
done
