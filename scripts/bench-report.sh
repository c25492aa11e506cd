#!/bin/bash
# bench-report.sh DIR: the tables of make bench from DIR/raw-KERNEL-RUN.txt
# and DIR/contig-KERNEL-RUN.txt (guest/bench.sh output):
#   DIR/results.csv  every figure per kernel: median, min, max, runs
#   DIR/results.md   one small table per question (success against the
#                    ceiling, the ceiling, latency, work per block, census)
#   DIR/plot.png     order-10 attempts during the load, run 1: successes
#                    over time against each kernel's ceiling, and latency
# and print results.md.  Invalid runs (DIR/invalid-*) are counted, not used.
. "$(dirname "$0")/lib.sh"

dir=${1:?bench dir}
cat "$dir"/raw-*.txt "$dir"/contig-*.txt 2>/dev/null | grep -e '^BENCH .*=' -e '^CENSUS ' |
	grep -v ' invalid reason=' >"$dir/bench.lines"
[ -s "$dir/bench.lines" ] || die "no results in $dir"
kernels="vanilla vanilla-dm1 patched patched-dm1"

# Per run, the figures derived from a measurement, then per kernel, row
# (phase/test, or census/point/key) and metric: median, min, max, runs.
#   pctc  successes in % of min(attempts, ceiling)
#   memp  memory obtained in % of MemTotal
#   scan, migr, recl, swap: per block obtained, pages scanned by
#         compaction (both scanners), migrated, reclaimed (kswapd, direct
#         reclaim and reclaim capture), swapped out
awk '
function put(k, row, m, v) {
	if (!((k, row, m) in n)) keys[++nk] = k SUBSEP row SUBSEP m
	vals[k, row, m, ++n[k, row, m]] = v + 0
}
$1 == "BENCH" {
	delete v
	for (i = 6; i <= NF; i++) { split($i, kv, "="); v[kv[1]] = kv[2] }
	if (!("attempted" in v)) next
	row = $4 "/" $5; k = $2
	for (m in v) put(k, row, m, v[m])
	cap = v["attempted"] < v["ceiling"] ? v["attempted"] : v["ceiling"]
	if ("ceiling" in v && cap > 0) put(k, row, "pctc", v["succeeded"] * 100 / cap)
	if (v["memtotal"] > 0) put(k, row, "memp", v["succeeded"] * 2 ^ v["order"] * 100 / v["memtotal"])
	if (v["succeeded"] > 0) {
		put(k, row, "scan", (v["compact_migrate_scanned"] + v["compact_free_scanned"]) / v["succeeded"])
		put(k, row, "migr", v["pgmigrate_success"] / v["succeeded"])
		# reclaim capture reclaims bypass the pgsteal counters
		put(k, row, "recl", (v["pgsteal_kswapd"] + v["pgsteal_direct"] + v["reclaim_capture_reclaimed"]) / v["succeeded"])
		put(k, row, "swap", v["pswpout"] / v["succeeded"])
	}
}
$1 == "CENSUS" {
	# summed over the nodes of a run
	for (i = 6; i <= NF; i++) { split($i, kv, "="); c[$2, $3, $4, kv[1]] += kv[2]; ck[$2 SUBSEP $3 SUBSEP $4 SUBSEP kv[1]] = 1 }
}
END {
	for (x in ck) { split(x, p, SUBSEP); put(p[1], "census/" p[3], p[4], c[x]) }
	print "kernel,row,metric,median,min,max,runs"
	for (i = 1; i <= nk; i++) {
		split(keys[i], p, SUBSEP); cnt = n[p[1], p[2], p[3]]
		for (a = 1; a <= cnt; a++) s[a] = vals[p[1], p[2], p[3], a]
		for (a = 1; a <= cnt; a++) for (b = a + 1; b <= cnt; b++) if (s[b] < s[a]) { t = s[a]; s[a] = s[b]; s[b] = t }
		med = (cnt % 2) ? s[(cnt + 1) / 2] : (s[cnt / 2] + s[cnt / 2 + 1]) / 2
		printf "%s,%s,%s,%g,%g,%g,%d\n", p[1], p[2], p[3], med, s[1], s[cnt], cnt
	}
}' "$dir/bench.lines" >"$dir/results.csv"

# valid runs of the main part per kernel, and the boots not counted
runs=$(for k in $kernels; do
	awk -F, -v k="$k" '$1 == k && $2 == "during/o10" && $3 == "pct" { n = $7 } END { printf "%s %d, ", k, n }' "$dir/results.csv"
done)
invalid=$(for f in "$dir"/invalid-*.txt; do
	[ -e "$f" ] || continue
	why=$(sed -n 's/^BENCH .* invalid reason=//p' "$f" | head -1)
	echo "$(basename "$f" .txt | sed 's/^invalid-//') (${why:-did not finish})"
done | paste -sd, -)

# table TITLE METRIC SCALE DECIMALS ROWS...: one row per phase/test, one
# column per kernel; cells "median (min-max)" (just the median when the
# runs agree or there is one)
tables() {
	awk -F, -v kernels="$kernels" '
	function cell(k, row, m, sc, d,   med, lo, hi) {
		if (!((k, row, m) in MED)) return "-"
		med = sprintf("%." d "f", MED[k, row, m] / sc)
		lo = sprintf("%." d "f", MIN[k, row, m] / sc); hi = sprintf("%." d "f", MAX[k, row, m] / sc)
		return (lo == hi) ? med : med " (" lo "-" hi ")"
	}
	function head(title, first,   i) {
		printf "\n%s\n\n| %s |", title, first
		for (i = 1; i <= nkn; i++) printf " %s |", name[kn[i]]
		printf "\n|%s", (first ~ /\|/) ? " --- | --- |" : " --- |"
		for (i = 1; i <= nkn; i++) printf " ---: |"
		printf "\n"
	}
	# a table of METRIC over the rows matching RE, scaled and rounded
	function table(title, m, sc, d, re,   r, i) {
		head(title, "phase | test")
		for (r = 1; r <= nrow; r++) {
			if (rows[r] !~ re) continue
			split(rows[r], p, "/")
			printf "| %s | %s |", p[1], p[2]
			for (i = 1; i <= nkn; i++) printf " %s |", cell(kn[i], rows[r], m, sc, d)
			printf "\n"
		}
	}
	function ratio(a, b, row, m) {
		if (!((a, row, m) in MED) || !((b, row, m) in MED) || MED[b, row, m] == 0) return "-"
		return sprintf("%.2f", MED[a, row, m] / MED[b, row, m])
	}
	NR == 1 { next }
	{
		MED[$1, $2, $3] = $4; MIN[$1, $2, $3] = $5; MAX[$1, $2, $3] = $6
		if (!($2 in seen)) { seen[$2] = 1; rows[++nrow] = $2 }
	}
	END {
		nkn = split(kernels, kn, " ")
		name["vanilla"] = "vanilla"; name["vanilla-dm1"] = "vanilla dm=1"
		name["patched"] = "patched"; name["patched-dm1"] = "patched dm=1"
		main = "^(during|after|rest)/(o10|hp9|hp9thp|c64m)$"
		table("**Success, % of the ceiling** (successes over the smaller of attempts and blocks that could be had)", "pctc", 1, 0, main)
		printf "\n**Ratios of the medians above**\n\n| phase | test | patched / vanilla | patched / vanilla dm=1 | patched dm=1 / vanilla dm=1 |\n| --- | --- | ---: | ---: | ---: |\n"
		for (r = 1; r <= nrow; r++) {
			if (rows[r] !~ main) continue
			split(rows[r], p, "/")
			printf "| %s | %s | %s | %s | %s |\n", p[1], p[2], ratio("patched", "vanilla", rows[r], "pctc"),
				ratio("patched", "vanilla-dm1", rows[r], "pctc"), ratio("patched-dm1", "vanilla-dm1", rows[r], "pctc")
		}
		table("**The ceiling**: blocks of the size that could be had (every page free or movable), all nodes", "ceiling", 1, 0, main)
		table("**Success, % of attempts**", "pct", 1, 0, main)
		table("**Memory obtained, % of MemTotal** (stress-highalloc: order-9 blocks for up to 95% of memory)", "memp", 1, 0, "/hp9")
		table("**Latency p50, ms** (all attempts, failed ones included)", "p50", 1e6, 2, main)
		table("**Order-0 fast path**: p50 of 10,000 GFP_USER attempts at rest (quick: 2,000), µs", "p50", 1e3, 2, "^rest/o0$")
		table("**Latency p99, ms**", "p99", 1e6, 1, main)
		table("**Pages scanned by compaction per block obtained**", "scan", 1, 0, "^(during|after)/(o10|hp9)$")
		table("**Pages migrated per block obtained**", "migr", 1, 0, "^(during|after)/(o10|hp9)$")
		table("**Pages reclaimed per block obtained** (kswapd, direct and reclaim capture)", "recl", 1, 0, "^(during|after)/(o10|hp9)$")
		table("**Reclaim capture: attempts** (patched kernels; 0 where the switch is off)", "reclaim_capture_attempt", 1, 0, "^(during|after)/(o10|hp9)$")
		table("**Reclaim capture: blocks captured**", "reclaim_capture_success", 1, 0, "^(during|after)/(o10|hp9)$")
		table("**Pages swapped out per block obtained**", "swap", 1, 0, "^(during|after)/(o10|hp9)$")
		head("**Census**: pageblocks, all nodes (start: after boot; peak: end of the load; after: the load stopped, its unmovable pages held; rest: caches dropped, nodes compacted)", "point | pageblocks")
		split("mixed_movable mixed_other Unmovable Reclaimable", cm, " ")
		split("start peak after rest", pt, " ")
		for (a = 1; a <= 4; a++) for (b = 1; b <= 4; b++) {
			printf "| %s | %s |", pt[a], cm[b]
			for (i = 1; i <= nkn; i++) printf " %s |", cell(kn[i], "census/" pt[a], cm[b], 1, 0)
			printf "\n"
		}
		if (("patched", "fragmented/contig64m", "pct") in MED || ("patched", "idle/hugetlb1g", "pct") in MED) {
			kernels = "vanilla patched"; nkn = split(kernels, kn, " ")
			table("**Contiguous part** (larger guest), success % of attempts", "pct", 1, 0, "^(idle|movable|fragmented)/")
			table("**Contiguous part**, p50 ms", "p50", 1e6, 1, "^(idle|movable|fragmented)/")
			table("**Contiguous part**, pages migrated per range obtained", "migr", 1, 0, "^(idle|movable|fragmented)/")
		}
	}' "$dir/results.csv"
}

{
	echo "make bench: vanilla 7.3 and patched (with vm.reclaim_capture=1 unless"
	echo "BENCH_CAPTURE=0), each with vm.defrag_mode 0 and 1"
	echo "(dm=1); medians with min-max over the valid runs (${runs%, }); boots"
	echo "rerun and not counted: ${invalid:-none}. Tests: o10 = 160"
	echo "order-10 GFP_USER attempts 0.1 s apart (quick: 40); hp9 = order-9"
	echo "GFP_USER attempts for up to 95% of memory (quick: a quarter of that),"
	echo "hp9thp = the same with the THP fault's flavour; c64m = 64 MiB ranges."
	echo "Everything obtained is held until the end of the measurement. The"
	echo "ceiling is the larger of the census counts before and after it; above"
	echo "100% of it means the allocator got more than the census estimated"
	echo "(reclaimable slab that shrinkers freed, pages briefly off the LRU)."
	tables
} >"$dir/results.md"

# Plot, run 1 during the load: blocks held over time by the order-10 and
# the 95% order-9 passes against each kernel's ceiling for that measurement,
# and the order-10 latencies.
plot="" n=0
for k in $kernels; do
	f=$dir/raw-$k-1.txt
	[ -s "$f" ] || continue
	for t in o10 hp9; do
		awk -v t="$t" '$1 == "ATTEMPT" && $4 == "during" && $5 == t { ok += $9; print $7 / 1e9, ok, $8 / 1e6 }' \
			"$f" >"$dir/plot-$k-$t.dat"
		awk -v t="$t" '$1 == "BENCH" && $4 == "during" && $5 == t {
			for (i = 6; i <= NF; i++) if ($i ~ /^ceiling=/) print substr($i, 9) }' "$f" >"$dir/plot-$k-$t.ceiling"
	done
	plot="$plot $k"
done
panel() {	# panel TEST COLUMN: one plot command over the kernels
	local k lt=1 cmd="plot" c
	for k in $plot; do
		if [ "$2" = 2 ]; then
			c=$(cat "$dir/plot-$k-$1.ceiling")
			cmd="$cmd \"$dir/plot-$k-$1.dat\" using 1:2 with lines lw 2 lt $lt title \"$k\", ${c:-0} with lines dt 2 lt $lt notitle,"
		else
			cmd="$cmd \"$dir/plot-$k-$1.dat\" using 1:3 with points pt 7 ps 0.5 lt $lt title \"$k\","
		fi
		lt=$((lt + 1))
	done
	echo "${cmd%,}"
}
if command -v gnuplot >/dev/null && [ -n "$plot" ]; then
	{
		echo 'set terminal pngcairo size 1000,1000 noenhanced'
		echo "set output \"$dir/plot.png\""
		echo 'set multiplot layout 3,1 title "during the load, run 1 (dashed: the ceiling, blocks that could be had)"'
		echo 'set xlabel "seconds"; set key outside right'
		echo 'set ylabel "order-10 blocks held"'
		panel o10 2
		echo 'set ylabel "order-9 blocks held (95% pass)"'
		panel hp9 2
		echo 'set ylabel "order-10 latency (ms)"; set logscale y'
		panel o10 3
		echo 'unset multiplot'
	} | gnuplot 2>"$dir/gnuplot.log"
fi
cat "$dir/results.md"
say ""
say "results: $dir/results.md, $dir/results.csv$([ -s "$dir/plot.png" ] && echo ", $dir/plot.png")"
