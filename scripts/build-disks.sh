#!/bin/bash
# The guest's disks, made once:
#   build/disk.img  ext2 with a copy of the kernel's Documentation/ and
#                   include/ (~100 MiB of real files for the page cache)
#   build/swap.img  256 MiB for swap (the guest runs mkswap)
# Usage: build-disks.sh SRC
. "$(dirname "$0")/lib.sh"

src=$(realpath "${1:?source tree}")
if [ ! -s "$BUILD/disk.img" ]; then
	stagedir=$BUILD/disk.d
	rm -rf "$stagedir"
	mkdir -p "$stagedir"
	cp -r "$src/Documentation" "$src/include" "$stagedir/" || exit 1
	rm -f "$BUILD/disk.img.tmp"
	mke2fs -q -t ext2 -d "$stagedir" -F "$BUILD/disk.img.tmp" 384M || exit 1
	mv "$BUILD/disk.img.tmp" "$BUILD/disk.img"
	rm -rf "$stagedir"
fi
if [ ! -s "$BUILD/swap.img" ]; then
	truncate -s 256M "$BUILD/swap.img" || exit 1
fi
