#!/bin/bash
# bench-report.sh DIR: from DIR/raw-KERNEL-RUN.txt (guest/bench.sh output)
# write DIR/results.csv (every figure: median over the runs, per kernel,
# with the patched/vanilla ratios; vanilla-dm1 is the vanilla kernel with
# vm.defrag_mode=1), DIR/results.md (the main figures) and
# DIR/plot.png (order-10 attempts during the load, run 1: cumulative
# successes and latency per attempt, vanilla against patched); print the
# Markdown table.
. "$(dirname "$0")/lib.sh"

dir=${1:?bench dir}
cat "$dir"/raw-*.txt "$dir"/contig-*.txt 2>/dev/null | grep '^BENCH .*=' >"$dir/bench.lines"
[ -s "$dir/bench.lines" ] || die "no results in $dir"

# CSV: phase,test,metric,vanilla,vanilla_dm1,patched,ratio (patched over
# vanilla), ratio_dm1 (patched over vanilla-dm1); medians over the runs
awk '
function median(key,   n, i, j, t, a) {
	n = split(vals[key], a, " ")
	for (i = 1; i <= n; i++) for (j = i + 1; j <= n; j++) if (a[j] < a[i]) { t = a[i]; a[i] = a[j]; a[j] = t }
	if (n == 0) return ""
	return (n % 2) ? a[(n + 1) / 2] : (a[n / 2] + a[n / 2 + 1]) / 2
}
{
	k = $2; row = $4 "," $5
	if (!(row in seenrow)) { seenrow[row] = 1; rows[++nrows] = row }
	for (i = 6; i <= NF; i++) {
		split($i, kv, "=")
		if (!((row, kv[1]) in seenm)) { seenm[row, kv[1]] = 1; metrics[row] = metrics[row] " " kv[1] }
		vals[k SUBSEP row SUBSEP kv[1]] = vals[k SUBSEP row SUBSEP kv[1]] " " kv[2]
	}
}
END {
	print "phase,test,metric,vanilla,vanilla_dm1,patched,ratio,ratio_dm1"
	for (r = 1; r <= nrows; r++) {
		n = split(metrics[rows[r]], m, " ")
		for (i = 1; i <= n; i++) {
			v = median("vanilla" SUBSEP rows[r] SUBSEP m[i])
			o = median("vanilla-dm1" SUBSEP rows[r] SUBSEP m[i])
			p = median("patched" SUBSEP rows[r] SUBSEP m[i])
			ratio = (v != "" && p != "" && v + 0 != 0) ? sprintf("%.2f", p / v) : "n/a"
			ratio_dm1 = (o != "" && p != "" && o + 0 != 0) ? sprintf("%.2f", p / o) : "n/a"
			printf "%s,%s,%s,%s,%s,%s,%s\n", rows[r], m[i], v, o, p, ratio, ratio_dm1
		}
	}
}' "$dir/bench.lines" >"$dir/results.csv"

# Markdown: one row per phase and test, each cell "vanilla / vanilla dm=1 /
# patched (patched/vanilla)" ("vanilla / patched (...)" where there is no
# vanilla-dm1 run), for the figures a reader looks at first.
runs=$(ls "$dir"/raw-patched-*.txt "$dir"/contig-patched-*.txt 2>/dev/null | sed "s/.*-//" | sort -u | wc -l)
{
	awk -F, '
	function ms(x) { return x == "" ? x : sprintf("%.2f", x / 1e6) }
	function cell(m,   v, o, p, r) {
		if (!((row, m) in V)) return ""
		v = V[row, m]; o = O[row, m]; p = P[row, m]; r = R[row, m]
		if (m ~ /^(p50|p99|max)$/) { v = ms(v); o = ms(o); p = ms(p) }
		return v " / " (o == "" ? "" : o " / ") p (r == "n/a" ? "" : " (" r ")")
	}
	NR == 1 { next }
	{
		row = $1 " | " $2
		if (!(row in seen)) { seen[row] = 1; rows[++n] = row }
		V[row, $3] = $4; O[row, $3] = $5; P[row, $3] = $6; R[row, $3] = $7
		if ($3 ~ /capture/ && !($3 in extra)) { extra[$3] = 1; cols = cols " " $3 }
	}
	END {
		nc = split("limit pct p50 p99 max compact_stall compact_success pgmigrate_success pgsteal_direct" cols, c, " ")
		hdr["limit"] = "limit (free/block)"; hdr["pct"] = "success %"
		hdr["p50"] = "p50 ms"; hdr["p99"] = "p99 ms"; hdr["max"] = "max ms"
		printf "| phase | test |"
		for (i = 1; i <= nc; i++) printf " %s |", (c[i] in hdr) ? hdr[c[i]] : c[i]
		printf "\n| --- | --- |"
		for (i = 1; i <= nc; i++) printf " ---: |"
		printf "\n"
		for (j = 1; j <= n; j++) {
			row = rows[j]
			printf "| %s |", row
			for (i = 1; i <= nc; i++) printf " %s |", cell(c[i])
			printf "\n"
		}
	}' "$dir/results.csv"
	echo
	echo "Each cell: vanilla 7.3 / vanilla 7.3 with vm.defrag_mode=1 / patched"
	echo "(patched/vanilla), medians of $runs run(s) per kernel; the defrag_mode=1"
	echo "peer runs in the main part only. Latencies are of all attempts,"
	echo "failed ones included (hugetlb1g: the whole write to nr_hugepages);"
	echo "vmstat counters are deltas over the measurement; limit is free memory"
	echo "divided by the block size when the measurement began."
} >"$dir/results.md"

# Plot: order-10 attempts during the load in run 1.
for k in vanilla vanilla-dm1 patched; do
	awk -v k="$k" '$1 == "ATTEMPT" && $2 == k && $3 == 1 && $4 == "during" && $5 == "order10" {
		ok += $9; print $6, ok, $8 / 1e6 }' "$dir/raw-$k-1.txt" >"$dir/plot-$k.dat" 2>/dev/null
done
if command -v gnuplot >/dev/null && [ -s "$dir/plot-vanilla.dat" ] && [ -s "$dir/plot-patched.dat" ]; then
	gnuplot <<-GP 2>"$dir/gnuplot.log"
	set terminal pngcairo size 1000,700 noenhanced
	set output "$dir/plot.png"
	set multiplot layout 2,1 title "order-10 GFP_USER attempts during the load (run 1)"
	set xlabel "attempt"
	set ylabel "successes so far"
	set key left top
	plot "$dir/plot-vanilla.dat" using 1:2 with lines lw 2 title "vanilla 7.3", \
	     "$dir/plot-vanilla-dm1.dat" using 1:2 with lines lw 2 title "vanilla 7.3, defrag_mode=1", \
	     "$dir/plot-patched.dat" using 1:2 with lines lw 2 title "patched"
	set ylabel "latency (ms)"
	set logscale y
	plot "$dir/plot-vanilla.dat" using 1:3 with points pt 7 ps 0.6 title "vanilla 7.3", \
	     "$dir/plot-vanilla-dm1.dat" using 1:3 with points pt 9 ps 0.6 title "vanilla 7.3, defrag_mode=1", \
	     "$dir/plot-patched.dat" using 1:3 with points pt 5 ps 0.6 title "patched"
	unset multiplot
	GP
fi
cat "$dir/results.md"
say ""
say "results: $dir/results.md, $dir/results.csv$([ -s "$dir/plot.png" ] && echo ", $dir/plot.png")"
