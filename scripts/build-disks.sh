#!/bin/bash
# The guest's disks, made once (again when their layout below changes):
#   build/disk.img  ext2 with a copy of part of the kernel tree (~500 MiB of
#                   real files in ~50,000 files: more page cache than the
#                   guest has memory, and dentries and inodes to go with it)
#   build/swap.img  512 MiB for swap (the guest runs mkswap): more than the
#                   bench's load keeps anonymous, so that reclaim can always
#                   swap it out
# Usage: build-disks.sh SRC
. "$(dirname "$0")/lib.sh"

layout="v2: Documentation include fs net kernel mm sound arch in 1200M; swap 512M"
dirs="Documentation include fs net kernel mm sound arch"
src=$(realpath "${1:?source tree}")
stamp=$BUILD/disks.layout
[ "$(cat "$stamp" 2>/dev/null)" = "$layout" ] || rm -f "$BUILD/disk.img" "$BUILD/swap.img" "$stamp"
if [ ! -s "$BUILD/disk.img" ]; then
	stagedir=$BUILD/disk.d
	rm -rf "$stagedir"
	mkdir -p "$stagedir"
	(cd "$src" && cp -r $dirs "$stagedir/") || exit 1
	rm -f "$BUILD/disk.img.tmp"
	mke2fs -q -t ext2 -d "$stagedir" -F "$BUILD/disk.img.tmp" 1200M || exit 1
	mv "$BUILD/disk.img.tmp" "$BUILD/disk.img"
	rm -rf "$stagedir"
fi
if [ ! -s "$BUILD/swap.img" ]; then
	truncate -s 512M "$BUILD/swap.img" || exit 1
fi
echo "$layout" >"$stamp"
