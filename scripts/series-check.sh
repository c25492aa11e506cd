#!/bin/bash
# Checks of the series itself, one verdict line each (see ktap.awk):
#  - it applies patch by patch to the pristine base (tag "base" of
#    build/linux) with git apply, which allows no fuzz, and with
#    patch -p1 -F0 (no fuzz either, as quilt users apply it);
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

# The same with patch(1) and no fuzz, as a quilt or distro user applies it:
# on a copy of the files the series touches, taken from base.
tmp=$(mktemp -d)
files=$(for p in $(sed -e 's/#.*//' "$TOP/series"); do
	sed -n 's|^diff --git a/\([^ ]*\) b/.*|\1|p' "$TOP/patches/$p"; done | sort -u)
existing=$(for f in $files; do git -C "$LINUX" cat-file -e "base:$f" 2>/dev/null && echo "$f"; done)
[ -z "$existing" ] || git -C "$LINUX" archive base -- $existing | tar -C "$tmp" -xf -
applies=1
for p in $(sed -e 's/#.*//' "$TOP/series"); do
	if [ "$applies" = 1 ] && (cd "$tmp" && patch -p1 -F0 -s -f -N <"$TOP/patches/$p") >"$LOGS/patch.err" 2>&1; then
		:
	else
		[ "$applies" = 1 ] && { sed 's/^/# /' "$LOGS/patch.err"; echo "FAIL series: $p applies with patch -p1 -F0"; }
		applies=0
	fi
done
[ "$applies" = 1 ] && echo "PASS series: every patch applies with patch -p1 -F0, in order"
rm -rf "$tmp"

# The base is a release tarball without git history: checkpatch cannot
# look up the commit a Fixes: tag names (UNKNOWN_COMMIT_ID), whose id and
# subject were checked by hand against the mailing list.
for p in $(sed -e 's/#.*//' "$TOP/series"); do
	log=$LOGS/checkpatch-${p%.patch}.log
	(cd "$LINUX" && PATH=/usr/bin:$PATH ./scripts/checkpatch.pl --strict --show-types \
		--ignore UNKNOWN_COMMIT_ID "$TOP/patches/$p") >"$log" 2>&1
	total=$(grep -E '^total: ' "$log")
	if echo "$total" | grep -q '^total: 0 errors, 0 warnings, 0 checks'; then
		echo "PASS checkpatch: $p"
	else
		echo "FAIL checkpatch: $p (${total:-no result}; see $log)"
	fi
done
