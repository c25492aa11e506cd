#!/bin/bash
# build/vanilla/linux: the base with only the series' allocation test patch
# (the one that adds mm/test_highalloc.c, MAINTAINERS left out), for make
# bench: both kernels then carry the same instrument, and only the series'
# mechanisms differ.  A git worktree of build/linux; made once, remade when
# the test patch changes.  It is built in build/vanilla/obj: the same
# relative paths as build/linux and build/obj, so that ccache serves the
# objects the two trees share from one build.
. "$(dirname "$0")/lib.sh"

V=$BUILD/vanilla/linux
patch=$(grep -l '^+++ b/mm/test_highalloc.c' "$TOP"/patches/[0-9]*.patch | head -1)
[ -n "$patch" ] || die "no patch of the series adds mm/test_highalloc.c"
id=$(git patch-id --stable <"$patch" | cut -d' ' -f1)

if [ -d "$V" ] && [ "$(git -C "$V" log -1 --format=%s 2>/dev/null)" = "vanilla + test patch $id" ]; then
	say "  $V is up to date ($(basename "$patch"))"
	exit 0
fi
git -C "$LINUX" worktree remove --force "$V" 2>/dev/null
rm -rf "$V"
mkdir -p "$(dirname "$V")"
git -C "$LINUX" worktree prune
git -C "$LINUX" worktree add -q --detach "$V" base || die "git worktree add failed"
git -C "$V" apply --index --exclude=MAINTAINERS "$patch" || die "$(basename "$patch") does not apply to base"
git -C "$V" commit -q -m "vanilla + test patch $id" || die "commit failed"
say "  $V: base + $(basename "$patch")"
