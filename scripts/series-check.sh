#!/bin/bash
# Checks of the series itself, one verdict line each (see ktap.awk):
#  - it applies patch by patch to the pristine base (tag "base" of
#    build/linux) with git apply, which allows no fuzz;
#  - checkpatch.pl --strict reports no error, warning or check for any patch.
. "$(dirname "$0")/lib.sh"

idx=$BUILD/apply-check.index
rm -f "$idx"
export GIT_INDEX_FILE=$idx
git -C "$LINUX" read-tree base || die "cannot read base"
applies=1
for p in $(sed -e 's/#.*//' "$TOP/series"); do
	if [ "$applies" = 1 ] && git -C "$LINUX" apply --cached "$TOP/patches/$p" 2>"$LOGS/apply.err"; then
		echo "PASS series: $p applies to base"
	else
		[ "$applies" = 1 ] && sed 's/^/# /' "$LOGS/apply.err"
		echo "FAIL series: $p applies to base"
		applies=0
	fi
done
unset GIT_INDEX_FILE
rm -f "$idx"

for p in $(sed -e 's/#.*//' "$TOP/series"); do
	log=$LOGS/checkpatch-${p%.patch}.log
	(cd "$LINUX" && PATH=/usr/bin:$PATH ./scripts/checkpatch.pl --strict --show-types "$TOP/patches/$p") >"$log" 2>&1
	total=$(grep -E '^total: ' "$log")
	if echo "$total" | grep -q '^total: 0 errors, 0 warnings, 0 checks'; then
		echo "PASS checkpatch: $p"
	else
		echo "FAIL checkpatch: $p (${total:-no result}; see $log)"
	fi
done
