#!/bin/bash
# make tree: build/linux as a git work tree, tag "base" = the pristine base,
# the patches named in "series" applied on top with git am.
#
# An existing tree is kept when it already carries the series.  If it differs
# (commits not exported with "make refresh", or a series changed in this
# repository), nothing is touched unless FORCE=1, which resets it to base;
# with --existing-ok (make kernel, test, run) the tree is used as it is.
. "$(dirname "$0")/lib.sh"

series_patches() {
	sed -e 's/#.*//' -e '/^[[:space:]]*$/d' "$TOP/series" | sed "s|^|$TOP/patches/|"
}

# Patch ids of the series and of base..HEAD, one per line, for comparison.
ids_of_series() {
	local p
	for p in $(series_patches); do git patch-id --stable <"$p" | cut -d' ' -f1; done
}
ids_of_tree() {
	local c
	for c in $(git -C "$LINUX" rev-list --reverse base..HEAD); do
		git -C "$LINUX" show "$c" | git patch-id --stable | cut -d' ' -f1
	done
}

new_tree() {
	local src
	rm -rf "$LINUX.tmp"
	mkdir -p "$LINUX.tmp"
	if [ -n "${KSRC:-}" ]; then
		say "  base: KSRC=$KSRC"
		[ -f "$KSRC/Makefile" ] || die "KSRC=$KSRC is not a kernel tree"
		{ grep -q "^VERSION = $BASE_MAJOR\$" "$KSRC/Makefile" &&
			grep -q "^PATCHLEVEL = $BASE_MINOR\$" "$KSRC/Makefile"; } ||
			die "KSRC=$KSRC is not v$BASE_MAJOR.$BASE_MINOR.y"
		tar -C "$KSRC" --exclude=.git -cf - . | tar -C "$LINUX.tmp" -xf - || return 1
	else
		src=$("$TOP/scripts/fetch-base.sh") || return 1
		say "  base: $(basename "$src")"
		tar -C "$LINUX.tmp" --strip-components=1 -xf "$src" || return 1
	fi
	cd "$LINUX.tmp" || return 1
	git init -q -b base-work
	git config user.name "${GIT_AUTHOR_NAME:-High-Order Allocation Team}"
	git config user.email "${GIT_AUTHOR_EMAIL:-highorder@example.org}"
	git config gc.auto 0
	git config am.keepcr false
	git add -A -f
	GIT_COMMITTER_DATE='2000-01-01T00:00:00Z' GIT_AUTHOR_DATE='2000-01-01T00:00:00Z' \
		git commit -q -m "base: $(make -s kernelversion 2>/dev/null)" || return 1
	git tag base
	# Debian's .gitignore ignores everything at the top level ("/*"): drop
	# that rule in the work tree only, so new files show up in git status.
	sed -i '\|^/\*$|d' .gitignore
	git update-index --skip-worktree .gitignore
	cd "$TOP" && mv "$LINUX.tmp" "$LINUX"
}

apply_series() {
	local p n=0
	for p in $(series_patches); do
		[ -f "$p" ] || die "series names $(basename "$p"), which is not in patches/"
		if ! git -C "$LINUX" am -q --whitespace=nowarn "$p"; then
			git -C "$LINUX" am --abort
			die "$(basename "$p") does not apply to the tree (see above); the tree is left at the last patch that applied"
		fi
		n=$((n + 1))
	done
	say "  applied $n patches on base"
}

if [ ! -d "$LINUX/.git" ]; then
	new_tree || die "could not create $LINUX"
	apply_series
	exit 0
fi

git -C "$LINUX" rev-parse -q --verify base >/dev/null || die "$LINUX has no tag base; remove it and run make tree"
if [ "$(ids_of_series)" = "$(ids_of_tree)" ]; then
	say "  $LINUX already carries the series ($(git -C "$LINUX" rev-list --count base..HEAD) patches)"
	exit 0
fi
if [ "${FORCE:-0}" != 1 ] && [ "${1:-}" = --existing-ok ]; then
	say "  note: build/linux differs from series; using it as it is (make refresh exports it)"
	exit 0
fi
if [ "${FORCE:-0}" != 1 ]; then
	say "$LINUX differs from series (base..HEAD vs patches/):"
	say "  - if you changed the tree, export it: make refresh"
	say "  - to throw the tree's commits away and apply series: make tree FORCE=1"
	exit 1
fi
git -C "$LINUX" am --abort >/dev/null 2>&1
git -C "$LINUX" checkout -q -f -B base-work base
apply_series
