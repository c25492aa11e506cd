#!/bin/bash
# The series is bisectable: build the kernel at every commit of base..HEAD~1
# that touches more than tools/, Documentation/ and MAINTAINERS (HEAD is
# built by the main build).  One verdict line a commit; logs in
# build/logs/bisect-NNNN.log.  The tree is left at the branch it was on.
. "$(dirname "$0")/lib.sh"

branch=$(git -C "$LINUX" symbolic-ref -q --short HEAD) || die "build/linux: HEAD is detached"
[ -z "$(git -C "$LINUX" status --porcelain -uno)" ] || die "build/linux has uncommitted changes"
# back on the branch however this ends (a die, a signal)
trap 'git -C "$LINUX" checkout -q "$branch"' EXIT
n=0
for c in $(git -C "$LINUX" rev-list --reverse base..HEAD~1); do
	n=$((n + 1))
	subject=$(git -C "$LINUX" log -1 --format=%s "$c")
	if ! git -C "$LINUX" diff --name-only "$c~1" "$c" |
		grep -qvE '^(tools/|Documentation/|MAINTAINERS$)'; then
		continue
	fi
	log=$(printf '%s/bisect-%04d.log' "$LOGS" "$n")
	git -C "$LINUX" checkout -q --detach "$c" || die "cannot check out $c"
	t0=$(date +%s)
	if "$TOP/scripts/build-kernel.sh" "$LINUX" "$BUILD/obj" >"$log" 2>&1; then
		echo "PASS bisect: patch $n builds ($subject)"
	else
		echo "FAIL bisect: patch $n builds ($subject; see $log)"
	fi
	echo "# built in $(($(date +%s) - t0))s"
done
