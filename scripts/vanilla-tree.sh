#!/bin/bash
# build/vanilla/linux: the base with only the series' allocation test
# patches (the one that adds mm/test_highalloc.c and the one that adds its
# census; MAINTAINERS left out), for make bench: both kernels then carry the
# same instrument, and only the series' mechanisms differ.  A git worktree of build/linux; made once, remade when
# the test patch changes.  It is built in build/vanilla/obj: the same
# relative paths as build/linux and build/obj, so that ccache serves the
# objects the two trees share from one build.
. "$(dirname "$0")/lib.sh"

V=$BUILD/vanilla/linux
patches=$(grep -l -e '^+++ b/mm/test_highalloc.c' "$TOP"/patches/[0-9]*.patch |
	xargs grep -l -e '^Subject: .*add a test of high-order' -e '^Subject: .*add a census of pageblocks')
[ "$(echo "$patches" | wc -w)" = 2 ] || die "the series' test patch and census patch not found"
id=$(cat $patches | git patch-id --stable | cut -d' ' -f1 | sort | tr '\n' ' ' | git hash-object --stdin)

if [ -d "$V" ] && [ "$(git -C "$V" log -1 --format=%s 2>/dev/null)" = "vanilla + test patch $id" ]; then
	say "  $V is up to date"
	exit 0
fi
git -C "$LINUX" worktree remove --force "$V" 2>/dev/null
rm -rf "$V"
mkdir -p "$(dirname "$V")"
git -C "$LINUX" worktree prune
git -C "$LINUX" worktree add -q --detach "$V" base || die "git worktree add failed"
for p in $patches; do
	git -C "$V" apply --index --exclude=MAINTAINERS "$p" || die "$(basename "$p") does not apply to base"
done
git -C "$V" commit -q -m "vanilla + test patch $id" || die "commit failed"
say "  $V: base + $(for p in $patches; do basename "$p"; done | tr '\n' ' ')"
