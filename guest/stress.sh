#!/bin/sh
# KTAP test: everything the series touches, at once, on every node, for
# mmho.stress_s seconds (kernel command line; default 120):
#   compact     compact_node, the nodes' sysfs compact and compact_memory
#   highalloc   two writers of test_highalloc's run: order 9 and 10 with
#               every GFP flavour, contiguous ranges, windows (one waits
#               with EBUSY while the other runs)
#   hugetlb     2 MiB pools of each node resized, a 1 GiB page taken and
#               given back
#   thp         transparent huge page faults (thpfault)
#   load        loadgen, with vm.reclaim_capture=1 for all of the run
#   capture     clean page cache on the last node (a file written before
#               the run and read back each round by a task bound to the
#               node), and THP faults bound to it for more than it has
#               free: compaction has no room there, so the last faults take
#               the reclaim capture path (guest/membind, guest/thpfault)
#   hotplug     a memory block of ZONE_MOVABLE taken offline and back
#               online (needs CONFIG_MEMORY_HOTREMOVE and movablecore=)
#   kill        writers of run, compact_node and of a tmpfs file killed
#               with SIGKILL mid-write (our own children only)
#   failinject  fail_page_alloc fails 10% of the page allocations made in
#               the writes of the workers above (task-filter: nothing else
#               is failed; needs CONFIG_FAIL_PAGE_ALLOC)
# Then everything stops, every setting is put back, and the checks: each
# worker made progress, no pageblock is left isolated, every memory block
# taken offline is back online, no task stays in D for 120 s, free memory is
# within 1% of where it was (caches dropped, both times), kmemleak found
# nothing new, and nothing of the series' before the run (the selftests),
# lockdep is still on.  Splats on the console are the host's to find
# (verdict.sh).
RUN=/sys/kernel/debug/highalloc/run
FAIL=/sys/kernel/debug/fail_page_alloc
KMEMLEAK=/sys/kernel/debug/kmemleak
THP=/sys/kernel/mm/transparent_hugepage
S=/tmp/stress
n=0 failed=0

result() {
	n=$((n + 1))
	if [ "$1" = 0 ]; then echo "ok $n stress.$2"; else echo "not ok $n stress.$2"; failed=1; fi
}

secs=120 only=""
for arg in $(cat /proc/cmdline); do
	case $arg in
	mmho.stress_s=*) secs=${arg#mmho.stress_s=} ;;
	mmho.stress_only=*) only=$(echo "${arg#mmho.stress_only=}" | tr , ' ') ;;
	esac
done
# the nodes with memory; a !NUMA kernel has one, node 0, and neither the
# nodes' sysfs nor memory policies (make matrix-boot boots one)
numa=""
if [ -d /sys/devices/system/node ]; then
	numa=1
	nodes=$(for d in /sys/devices/system/node/node*; do
		grep -q 'MemTotal: *[1-9]' "$d/meminfo" && echo "${d##*node}"
	done)
else
	nodes=0
fi
# nmi NODE KEY: the node's meminfo value of KEY, in kB
nmi() {
	if [ -n "$numa" ]; then
		awk -v k="$2:" '$3 == k { print $4 }' /sys/devices/system/node/node$1/meminfo
	else
		awk -v k="$2:" '$1 == k { print $2 }' /proc/meminfo
	fi
}
# bind NODE CMD...: CMD with its memory bound to NODE (the only one on !NUMA)
bind() { if [ -n "$numa" ]; then membind "$@"; else shift; "$@"; fi; }
swap=$(awk '$1 == "SwapTotal:" && $2 > 0 { print 1 }' /proc/meminfo)
memtotal_mb=$(($(awk '$1 == "MemTotal:" { print $2 }' /proc/meminfo) / 1024))

echo "TAP version 13"
[ -e $RUN ] || modprobe test_highalloc 2>/dev/null
if [ ! -e $RUN ] || [ ! -e /proc/sys/vm/compact_node ]; then
	echo "1..0 # SKIP needs test_highalloc and compact_node"
	exit 4
fi
echo "1..8"
rm -rf $S
mkdir -p $S

# settle: free memory after dropped caches and a compaction (whose drains
# empty the per-cpu lists), as at the end
settle() {
	sync
	echo 3 >/proc/sys/vm/drop_caches
	# the slab caches' empty slabs too: kept for reuse, no leak
	for c in /sys/kernel/slab/*/shrink; do [ -e "$c" ] && echo 1 >"$c"; done
	echo 1 >/proc/sys/vm/compact_memory
	sleep 2
	cp /proc/meminfo $S/meminfo.$1
	cat /proc/slabinfo >$S/slabinfo.$1 2>/dev/null
	awk '$1 == "MemFree:" { print $2 }' /proc/meminfo
}

vmstat() { awk -v k="$1" '$1 == k { print $2 }' /proc/vmstat; }

# inject CMD...: run CMD (a builtin write) in a subshell with
# fail_page_alloc armed for it alone; it exits armed, nothing to undo
inject() {
	(
		[ -e /proc/self/make-it-fail ] && echo 1 >/proc/self/make-it-fail
		"$@"
	)
}
put() { v=$1; shift; echo "$v" >"$1"; }

# wanted NAME: the worker is to run (all do, unless mmho.stress_only=A,B
# names some: to find which one a failure needs)
wanted() { [ -z "$only" ] || case " $only " in *" $1 "*) true ;; *) false ;; esac; }

# the workers; each runs until the deadline and writes its counts to $S/NAME
w_compact() {
	cn=0 cs=0 cm=0 i=0
	while [ "$(date +%s)" -lt "$end" ]; do
		for nd in $nodes; do
			inject put "$nd" /proc/sys/vm/compact_node 2>/dev/null && cn=$((cn + 1))
			[ -n "$numa" ] && inject put 1 "/sys/devices/system/node/node$nd/compact" 2>/dev/null &&
				cs=$((cs + 1))
		done
		i=$((i + 1))
		[ $((i % 4)) = 0 ] && put 1 /proc/sys/vm/compact_memory && cm=$((cm + 1))
	done
	[ -n "$numa" ] || cs="skipped(no_numa)"
	echo "compact_node=$cn sysfs_compact=$cs compact_memory=$cm" >$S/compact
}

w_highalloc() {
	name=$1 ok=0 busy=0 refused=0
	set -- user kernel retry noretry thp
	while [ "$(date +%s)" -lt "$end" ]; do
		f=$((RANDOM % 5 + 1))
		eval gfp=\${$f}
		nd=any
		[ $((RANDOM % 2)) = 0 ] && for x in $nodes; do [ $((RANDOM % 2)) = 0 ] && nd=$x; done
		case $((RANDOM % 6)) in
		0 | 1) req="order=9 count=$((RANDOM % 8 + 1)) gfp=$gfp node=$nd" ;;
		2 | 3) req="order=10 count=$((RANDOM % 8 + 1)) gfp=$gfp node=$nd" ;;
		4) [ $f -gt 3 ] && gfp=user
			req="nr_pages=$((512 << (RANDOM % 4))) count=$((RANDOM % 2 + 1)) gfp=$gfp node=$nd" ;;
		5) [ $f -gt 3 ] && gfp=user
			req="nr_pages=1536 align=512 low_pfn=0x$(printf %x $((RANDOM * 8))) high_pfn=0x1000000 gfp=$gfp" ;;
		esac
		if inject put "$req" $RUN 2>$S/err.$name; then
			ok=$((ok + 1))
		elif grep -q busy $S/err.$name; then
			busy=$((busy + 1))
		else
			refused=$((refused + 1))
		fi
	done
	echo "highalloc_runs=$ok highalloc_busy=$busy highalloc_failed=$refused" >$S/highalloc.$name
}

w_hugetlb() {
	r=0 c=0 g=0 gt=0
	if [ ! -d /sys/kernel/mm/hugepages/hugepages-2048kB ]; then
		echo "hugetlb=skipped(no_hugetlb)" >$S/hugetlb
		return
	fi
	while [ "$(date +%s)" -lt "$end" ]; do
		for nd in $nodes; do
			f=/sys/devices/system/node/node$nd/hugepages/hugepages-2048kB/nr_hugepages
			[ -n "$numa" ] || f=/sys/kernel/mm/hugepages/hugepages-2048kB/nr_hugepages
			max=$(($(nmi "$nd" MemTotal) / 2048 / 8))
			was=$(cat "$f")
			inject put $((RANDOM % (max + 1))) "$f" 2>/dev/null && r=$((r + 1))
			# a resize that changed the pool, not only a write taken
			[ "$(cat "$f")" != "$was" ] && c=$((c + 1))
		done
		f=/sys/kernel/mm/hugepages/hugepages-1048576kB/nr_hugepages
		if [ -e $f ] && [ $((RANDOM % 4)) = 0 ]; then
			inject put 1 $f 2>/dev/null
			gt=$((gt + 1))
			[ "$(cat $f)" = 1 ] && g=$((g + 1))
			put 0 $f
		fi
	done
	echo "hugetlb_2m_resizes=$r hugetlb_2m_changes=$c hugetlb_1g_got=$g hugetlb_1g_tries=$gt" >$S/hugetlb
}

# the capture node: the last with memory; its page cache file, written
# before the run (capture_fill), an eighth of the node
CAPTURE_FILE=/mnt/data/.stress-capture
for cnd in $nodes; do :; done
cmb=$(($(nmi "$cnd" MemTotal) / 8192))

# capture_fill: write the file from a task bound to the node (clean page
# cache there once synced); prints the seconds it took, or skipped(why)
# (no disk, no room), which fails the worker's progress check
capture_fill() {
	[ -d $THP ] || { echo "skipped(no_thp)"; return; }
	grep -q ' /mnt/data ' /proc/mounts || { echo "skipped(no_/mnt/data)"; return; }
	# its faults take the node past its free memory: without swap the
	# other workers' anonymous memory there cannot give way, and the OOM
	# killer takes the faulting task (seen on a !SWAP kernel).  Only a
	# kernel without swap excuses it: swap that is merely off fails
	[ -e /proc/swaps ] || { echo "skipped(no_swap)"; return; }
	[ -n "$swap" ] || { echo "skipped(swap_off)"; return; }
	t=$(date +%s)
	if bind "$cnd" dd if=/dev/zero of=$CAPTURE_FILE bs=1M count="$cmb" conv=fsync 2>/dev/null; then
		echo "$(($(date +%s) - t))"
	else
		rm -f $CAPTURE_FILE
		echo "skipped(write_failed)"
	fi
}

# each round reads the file back (what earlier rounds' captures took from
# it), then THP faults bound to the node for half the file more than is
# free there: compaction has no room for the last of them, and those
# take the reclaim capture path, which the page cache is there for
# (reclaimed without I/O; the 4 KiB fallback of a fault that got no huge
# page reclaims it too).  The attempts counted are those made while its
# faults ran.
w_capture() {
	r=0 a=0
	case $capture_fill_s in
	'' | skipped*) echo "capture=$capture_fill_s" >$S/capture; return ;;
	esac
	while [ "$(date +%s)" -lt "$end" ]; do
		bind "$cnd" cat $CAPTURE_FILE >/dev/null
		free=$(($(nmi "$cnd" MemFree) / 1024))
		a0=$(vmstat reclaim_capture_attempt)
		bind "$cnd" thpfault 1 $((free + cmb / 2)) >>$S/capture.out 2>&1 && r=$((r + 1))
		a1=$(vmstat reclaim_capture_attempt)
		a=$((a + ${a1:-0} - ${a0:-0}))
	done
	# a page that read back wrong after its block was captured
	b=$(sed -n 's/.*bad=\([0-9]*\).*/\1/p' $S/capture.out 2>/dev/null | awk '{ s += $1 } END { print s + 0 }')
	echo "capture_fill_s=$capture_fill_s capture_rounds=$r capture_attempts_in_rounds=$a capture_bad=$b" >$S/capture
}

w_hotplug() {
	off=0 offfail=0 on=0 onfail=0
	blocks=$(for b in /sys/devices/system/memory/memory*; do
		[ "$(cat "$b/state" 2>/dev/null)" = online ] && grep -q Movable "$b/valid_zones" 2>/dev/null && echo "$b"
	done)
	if [ -z "$blocks" ]; then
		echo "hotplug=skipped(no_movable_block)" >$S/hotplug
		return
	fi
	set -- $blocks
	while [ $# -gt 0 ] && [ "$(date +%s)" -lt "$end" ]; do
		k=$((RANDOM % $# + 1))
		eval b=\${$k}
		# offlining retries until it is signalled: bound it; the block is
		# noted first, so that the end puts it back whatever happens
		echo "$b" >>$S/offlined
		if timeout -s INT 30 sh -c "echo offline >$b/state" 2>/dev/null; then
			off=$((off + 1))
			sleep 1
			if echo online_movable >"$b/state"; then on=$((on + 1)); else onfail=$((onfail + 1)); fi
		else
			# a block that will not go (a page that cannot move; the
			# kernel dumps it) is not tried again: one dump a block
			offfail=$((offfail + 1))
			blocks=$(echo "$blocks" | grep -vx "$b")
			set -- $blocks
			sleep 1
		fi
	done
	echo "offline=$off offline_failed=$offfail online=$on online_failed=$onfail" >$S/hotplug
}

w_kill() {
	k=0 done=0
	while [ "$(date +%s)" -lt "$end" ]; do
		case $((RANDOM % 3)) in
		0) (echo "order=10 count=10000 interval_ms=200 gfp=retry" >$RUN) 2>/dev/null & ;;
		1) set -- $nodes; (echo "$1" >/proc/sys/vm/compact_node) 2>/dev/null & ;;
		2) dd if=/dev/zero of=/tmp/stress-kill bs=1M count=64 2>/dev/null & ;;
		esac
		pid=$!
		sleep "0.$((RANDOM % 9 + 1))"
		kill -9 "$pid" 2>/dev/null
		# killed only if it died of the signal (128 + 9)
		wait "$pid" 2>/dev/null
		if [ $? = 137 ]; then k=$((k + 1)); else done=$((done + 1)); fi
		rm -f /tmp/stress-kill
	done
	echo "killed=$k finished_before_kill=$done" >$S/kill
}

# --- before ---------------------------------------------------------------
# what the run changes, saved as "file value" lines, put back by restore()
# however the script ends
save() { for f in "$@"; do [ -e "$f" ] && echo "$f $(sed 's/.*\[\(.*\)\].*/\1/' "$f")"; done >>$S/saved; }
restore() {
	[ -e $S/saved ] || return
	[ -d $FAIL ] && echo 0 >$FAIL/probability
	rm -f $CAPTURE_FILE
	while read -r f v; do echo "$v" >"$f"; done <$S/saved
	[ -e $S/offlined ] && sort -u $S/offlined | while read -r b; do
		[ "$(cat "$b/state")" = offline ] && echo online_movable >"$b/state"
	done
	rm -f $S/saved
}
trap restore EXIT
save /proc/sys/vm/reclaim_capture $THP/defrag $THP/enabled \
	/sys/kernel/mm/hugepages/hugepages-1048576kB/nr_hugepages \
	/sys/devices/system/node/node*/hugepages/hugepages-2048kB/nr_hugepages
[ -n "$numa" ] || save /sys/kernel/mm/hugepages/hugepages-2048kB/nr_hugepages
[ -d $FAIL ] && save $FAIL/task-filter $FAIL/interval $FAIL/times $FAIL/min-order \
	$FAIL/ignore-gfp-wait $FAIL/ignore-gfp-highmem $FAIL/verbose $FAIL/space $FAIL/probability
# A first, short run of the load: what the kernel keeps after one (slab
# it caches, 20-40 MB after loadgen's socket buffers) is then in the
# baseline, and a leak is what a second run adds
if wanted load; then
	loadgen -s 3 -t 20 -m $((memtotal_mb * 3 / 10)) -u $((memtotal_mb / 16)) \
		-d /mnt/data -H 1 >$S/warmup.out 2>&1
fi
free0=$(settle before)
# kmemleak: what leaked before the run (boot and the selftests): none of it
# may come from the series' code (its functions in the backtrace; the rest
# is vanilla's, counted), then cleared.  Objects younger than 5 s are not
# reported yet: two scans, 6 s apart.  A scan that cannot be asked for
# means kmemleak turned itself off: a failure, not an empty report.
# (functions the series adds; a vanilla leak under compaction or CMA is not
# the series', and is only counted)
SERIES_FN='compact_node_by_id|sysctl_compact_node_handler|highalloc_|reclaim_capture|capture_'
SERIES_FN="$SERIES_FN|alloc_contig_frozen_window|alloc_contig_pages_window|zone_alloc_contig_window"
SERIES_FN="$SERIES_FN|zone_contig_window|reclaim_pages_from_list|shrink_isolated_folios|swap_out_isolated_folios"
# kmemleak_scan: a scan, "off" if kmemleak refused it; the objects found
kmemleak_scan() {
	{ echo scan >$KMEMLEAK && sleep 6 && echo scan >$KMEMLEAK; } 2>/dev/null || { echo off; return; }
	grep -c '^unreferenced object' $KMEMLEAK
}
# series_leaks: the reported objects with the series' code in their backtrace
series_leaks() {
	awk -v re="$SERIES_FN" '/^unreferenced object/ { if (hit) n++; hit = 0 }
		$0 ~ re && $0 !~ /comm "/ { hit = 1 } END { print n + hit }' $KMEMLEAK
}
if [ -e $KMEMLEAK ]; then
	leaks0=$(kmemleak_scan)
	if [ "$leaks0" = off ]; then
		result 1 kmemleak_selftests_leaked_nothing_of_the_series
	else
		mine=$(series_leaks)
		echo "# stress: kmemleak before the run: $leaks0 objects, $mine with the series' code in their backtrace"
		[ "$mine" = 0 ] || awk -v re="$SERIES_FN" '/^unreferenced object/ { if (hit) print buf; buf = ""; hit = 0 }
			{ buf = buf $0 "\n"; if ($0 ~ re && $0 !~ /comm "/) hit = 1 } END { if (hit) print buf }' $KMEMLEAK |
			head -40 | sed 's/^/# /'
		result $((mine != 0)) kmemleak_selftests_leaked_nothing_of_the_series
		echo clear >$KMEMLEAK
	fi
else
	n=$((n + 1)); echo "ok $n stress.kmemleak_selftests_leaked_nothing_of_the_series # SKIP no CONFIG_DEBUG_KMEMLEAK"
fi
if [ -d $FAIL ] && wanted failinject; then
	for kv in task-filter=Y interval=1 times=100000000 min-order=0 \
		ignore-gfp-wait=N ignore-gfp-highmem=N verbose=0 space=0 probability=10; do
		echo "${kv#*=}" >"$FAIL/${kv%%=*}"
	done
fi
[ -e /proc/sys/vm/reclaim_capture ] && echo 1 >/proc/sys/vm/reclaim_capture
[ -d $THP ] && { echo madvise >$THP/enabled; echo madvise >$THP/defrag; }
cap0=$(vmstat reclaim_capture_attempt) caps0=$(vmstat reclaim_capture_success)
thp0=$(vmstat thp_fault_alloc)

# written before the run: under a debug kernel and the load, the write
# could take most of a short run
capture_fill_s=""
wanted capture && capture_fill_s=$(capture_fill)
echo "# stress: ${secs}s on nodes $(echo $nodes), ${memtotal_mb} MiB, $(nproc) CPUs"
start=$(date +%s)
end=$((start + secs))
lpid="" tpid=""
if wanted load; then
	loadgen -s 7 -t $((secs + 60)) -m $((memtotal_mb * 3 / 10)) -u $((memtotal_mb / 16)) \
		-d /mnt/data >$S/loadgen.out 2>&1 &
	lpid=$!
fi
if wanted thp && [ ! -d $THP ]; then
	echo "thp=skipped(no_thp)" >$S/thp.out
elif wanted thp; then
	thpfault $secs 64 >$S/thp.out 2>&1 &
	tpid=$!
fi
# armed once it runs: failures in exec would only stop it from starting
sleep 1
[ -n "$tpid" ] && [ -e /proc/$tpid/make-it-fail ] && echo 1 >/proc/$tpid/make-it-fail
pids=""
for w in w_compact "w_highalloc a" "w_highalloc b" w_hugetlb w_capture w_hotplug w_kill; do
	wanted "$(echo "${w#w_}" | cut -d' ' -f1)" || continue
	$w &
	pids="$pids $!"
done
# the workers end on their own at the deadline (an operation under way is
# let finish); loadgen runs on into its hold phase and is ended here
while [ "$(date +%s)" -lt "$end" ]; do sleep 5; done
[ -n "$lpid" ] && kill -0 $lpid 2>/dev/null && kill -USR1 $lpid
[ -n "$tpid" ] && wait $tpid
for p in $pids; do wait "$p"; done
[ -n "$lpid" ] && kill -0 $lpid 2>/dev/null && kill -TERM $lpid
[ -n "$lpid" ] && wait $lpid
t=$(($(date +%s) - start))

# --- after: everything back as it was ---------------------------------------
[ -d $FAIL ] && wanted failinject && hits=$((100000000 - $(cat $FAIL/times)))
restore

ops="$(cat $S/compact $S/highalloc.a $S/highalloc.b $S/hugetlb $S/capture $S/hotplug $S/kill 2>/dev/null | tr '\n' ' ')"
ops="$ops$(sed 's/thpfault: //' $S/thp.out 2>/dev/null | tr '\n' ' ')thp_fault_alloc=$(($(vmstat thp_fault_alloc) - thp0))"
[ -n "$cap0" ] && ops="$ops capture_attempts=$(($(vmstat reclaim_capture_attempt) - cap0)) captures=$(($(vmstat reclaim_capture_success) - caps0))"
[ -n "$hits" ] && ops="$ops fail_page_alloc_injected=$hits"
echo "# stress: ran ${t}s; ops: $ops"
sed 's/^/# /' $S/loadgen.out 2>/dev/null | tail -3
# every worker made progress (the hotplug one may be skipped for a reason)
ok=0
if [ -n "$only" ]; then
	echo "# stress: only $only: progress not judged"
elif ! grep -q "loadgen: run" $S/loadgen.out; then
	echo "# stress: loadgen did not run"; ok=1
fi
[ -d $FAIL ] && wanted failinject && { [ "${hits:-0}" -gt 0 ] || { echo "# stress: fail_page_alloc failed nothing"; ok=1; }; }
# (thpfault's rounds= and bad= follow a space; the capture worker's have
# a prefix); the capture path was taken where the kernel has it.  A worker
# whose interface the kernel lacks says so (skipped(why)), as make
# matrix-boot's configurations need; only a missing interface excuses it
for w in compact_node=[1-9] 'sysfs_compact=([1-9]|skipped.no_numa.)' compact_memory=[1-9] highalloc_runs=[1-9] \
	'hugetlb_2m_changes=[1-9]|hugetlb=skipped.no_hugetlb.' ' rounds=[1-9]|thp=skipped.no_thp.' \
	'killed=[1-9]' ' bad=0 |thp=skipped.no_thp.' 'offline=[1-9]|hotplug=skipped' \
	'capture_rounds=[1-9]|capture=skipped.no_(thp|swap).' 'capture_bad=0 |capture=skipped.no_(thp|swap).' \
	${cap0:+capture_attempts_in_rounds=[1-9]|capture=skipped.no_(thp|swap).}; do
	[ -n "$only" ] || echo "$ops" | grep -Eq "$w" || { echo "# stress: no progress: $w"; ok=1; }
done
result $ok every_worker_made_progress

# no pageblock left isolated (the Isolate column of every zone)
iso=$(awk '/^Number of blocks type/ { f = 1; next } !/^Node/ { f = 0 }
	f { s += $NF } END { print s + 0 }' /proc/pagetypeinfo)
echo "# stress: pageblocks isolated after the run: $iso"
result $((iso != 0)) no_pageblock_left_isolated

# every memory block taken offline came back online, in the worker (an
# online that failed is counted there: restore() would hide it) and now
# (an offline section has no line in /proc/pagetypeinfo to check above)
off=$(sort -u $S/offlined 2>/dev/null | while read -r b; do
	[ "$(cat "$b/state")" = online ] || echo "${b##*/}"
done)
echo "# stress: memory blocks offline after the run: ${off:-none}"
grep -q ' online_failed=[1-9]' $S/hotplug 2>/dev/null && echo "# stress: $(cat $S/hotplug)"
result $([ -z "$off" ] && ! grep -q ' online_failed=[1-9]' $S/hotplug 2>/dev/null; echo $?) \
	memory_blocks_back_online

# no task left in uninterruptible sleep: a hang that began in the last
# minutes of the run is reported by no hung-task detector before the guest
# powers off.  A task counts if it is in D in every look over 120 s and
# was never switched to in between (as the hung-task detector judges: a
# task that polls in D, msleep() or io_schedule() in a loop, is no hang).
# Every thread is looked at, not only thread-group leaders (/proc/TID
# answers for any thread).  (The state follows the last ")": a task's name
# may hold blanks.)
dstate() { cat /proc/[0-9]*/task/[0-9]*/stat 2>/dev/null | sed -n 's/^\([0-9]*\) .*) D .*/\1/p'; }
csw() { awk '/ctxt_switches:/ { s += $2 } END { print s + 0 }' /proc/$1/status 2>/dev/null; }
stuck=$(dstate) i=0
for p in $stuck; do echo "$p $(csw $p)"; done >$S/dstate0
while [ -n "$stuck" ] && [ $i -lt 60 ]; do
	sleep 2
	now=$(dstate)
	stuck=$(echo "$stuck" | grep -Fx "$now")
	i=$((i + 1))
done
stuck=$(for p in $stuck; do
	[ "$(csw $p)" = "$(awk -v p=$p '$1 == p { print $2 }' $S/dstate0)" ] && echo $p
done)
for p in $stuck; do
	echo "# stress: task $p ($(cat /proc/$p/comm 2>/dev/null)) in D for 120 s, at $(cat /proc/$p/wchan 2>/dev/null)"
	sed 's/^/#   /' /proc/$p/stack 2>/dev/null | head -20
done
result $([ -z "$stuck" ]; echo $?) no_task_left_blocked

# Pages, not slab objects: free memory lost outside the slab caches (page
# tables, pages never freed, buddy pages lost) within 1%; the slab caches
# keep freed slabs for reuse (20-40 MB after loadgen's socket buffers),
# and a leaked slab object is kmemleak's to find (make stress).  More free
# memory than before is no leak: only a loss counts.
left=$(ps | grep -Ec '[l]oadgen|[t]hpfault')
[ "$left" = 0 ] || echo "# stress: $left loadgen or thpfault processes still alive"
free1=$(settle after)
slab() { awk '$1 == "Slab:" { print $2 }' $S/meminfo.$1; }
d=$((free0 - free1 - ($(slab after) - $(slab before))))
echo "# stress: MemFree before ${free0} kB, after ${free1} kB (caches dropped both times), slab $(($(slab after) - $(slab before))) kB more"
# where the difference is, to tell a leak from a debug kernel's own growth
# (stack depot, KASAN's quarantine, kmemleak's objects: all kernel memory)
echo "# stress: meminfo after - before (kB):$(awk 'NR == FNR { b[$1] = $2; next }
	$1 != "MemTotal:" && $2 != b[$1] { printf " %s%+d", $1, $2 - b[$1] }' $S/meminfo.before $S/meminfo.after)"
[ -s $S/slabinfo.after ] && echo "# stress: slab caches that grew most (kB): $(awk '
	/^#|^slabinfo/ { next } NR == FNR { b[$1] = $3 * $4; next }
	{ d = ($3 * $4 - b[$1]) / 1024; if (d > 0) printf "%d %s\n", d, $1 }' \
	$S/slabinfo.before $S/slabinfo.after | sort -rn | head -5 | awk '{ printf " %s+%d", $2, $1 }')"
result $((d * 100 > free0)) free_pages_back_within_1pct

if [ -e $KMEMLEAK ]; then
	leaks=$(kmemleak_scan)
	echo "# stress: kmemleak: $leaks new unreferenced objects"
	head -40 $KMEMLEAK | sed 's/^/# /'
	result $([ "$leaks" = 0 ]; echo $?) kmemleak_reports_nothing_new
else
	n=$((n + 1)); echo "ok $n stress.kmemleak_reports_nothing_new # SKIP no CONFIG_DEBUG_KMEMLEAK"
fi

# lockdep turns itself off at its first report, or when it runs out of
# room: a silent console then proves nothing
if [ -e /proc/lockdep_stats ]; then
	on=$(awk '$1 == "debug_locks:" { print $2 }' /proc/lockdep_stats)
	echo "# stress: lockdep debug_locks: ${on:-?}"
	result $([ "$on" = 1 ]; echo $?) lockdep_still_on
else
	n=$((n + 1)); echo "ok $n stress.lockdep_still_on # SKIP no CONFIG_LOCKDEP"
fi
rm -rf $S
exit $failed
