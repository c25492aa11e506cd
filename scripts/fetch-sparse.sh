#!/bin/bash
# Print the path of a sparse that the kernel tree TREE accepts (its
# scripts/checker-valid.sh): the installed one if it is recent enough, else
# one built, once, from the source of Debian's sparse in unstable, fetched
# with apt's own tools under $CACHE/apt-sparse (scripts/apt.sh).  Debian 12's
# sparse 0.6.4 knows no __typeof_unqual__, which 7.3 uses under sparse.
#   fetch-sparse.sh TREE
. "$(dirname "$0")/lib.sh"
. "$(dirname "$0")/apt.sh"

SPARSE_SUITE=sid
SPARSE_VERSION=${SPARSE_VERSION:-0.6.5~rc1-2}
tree=${1:?usage: fetch-sparse.sh TREE}
apt_dir=$CACHE/apt-sparse dir=$CACHE/sparse-$SPARSE_VERSION

# valid SPARSE: the tree's own test, which prints 1 when sparse passes it
valid() { [ "$(sh "$tree/scripts/checker-valid.sh" "$1" 2>/dev/null)" = 1 ]; }

if s=$(command -v sparse) && valid "$s"; then
	printf '%s\n' "$s"
	exit 0
fi
if ! valid "$dir/sparse"; then
	apt_update "$apt_dir" deb-src "$SPARSE_SUITE"
	tmp=$(mktemp -d "$CACHE/sparse.XXXXXX")
	chmod 755 "$tmp"
	# apt checks the files against the signed lists; the newest served if
	# the pinned version is gone (checker-valid.sh judges it below)
	if ! (cd "$tmp" && apt_private "$apt_dir" apt-get source --download-only \
		"sparse=$SPARSE_VERSION") >&2; then
		say "WARNING: sparse $SPARSE_VERSION is no longer served in $SPARSE_SUITE: the newest one" >&2
		(cd "$tmp" && apt_private "$apt_dir" apt-get source --download-only sparse) >&2 ||
			{ rm -rf "$tmp"; die "apt-get source sparse ($SPARSE_SUITE) failed"; }
	fi
	tar -xf "$(ls "$tmp"/sparse_*.orig.tar.[gx]z | head -n1)" -C "$tmp" &&
		make -C "$tmp"/sparse-*/ -j"$(nproc)" sparse >&2 &&
		mkdir -p "$dir" && cp "$tmp"/sparse-*/sparse "$dir/sparse" ||
		{ rm -rf "$tmp"; die "could not build sparse $SPARSE_VERSION"; }
	rm -rf "$tmp"
	valid "$dir/sparse" || die "sparse $SPARSE_VERSION is too old for $tree too"
fi
printf '%s\n' "$dir/sparse"
