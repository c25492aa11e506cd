#!/bin/bash
# Fetch the pinned base (Debian's linux-source-7.3 from trixie-backports) into
# the cache and print the path of its tarball, with apt's own tools and a
# configuration of their own under $CACHE/apt (scripts/apt.sh).
# Falls back, loudly, to the newest 7.3.y served.
. "$(dirname "$0")/lib.sh"
. "$(dirname "$0")/apt.sh"

apt_dir=$CACHE/apt

tarball=$CACHE/$BASE_PKG-$BASE_VERSION.tar.xz
if [ ! -s "$tarball" ]; then
	apt_update "$apt_dir" deb "$BASE_SUITE"
	ver=$BASE_VERSION
	if ! apt_private "$apt_dir" apt-cache show "$BASE_PKG=$ver" >/dev/null 2>&1; then
		ver=$(apt_private "$apt_dir" apt-cache madison "$BASE_PKG" 2>/dev/null |
			awk -F'|' '{gsub(/ /, "", $2); print $2}' |
			grep "^$BASE_MAJOR\\.$BASE_MINOR\\." | sort -V | tail -n1)
		[ -n "$ver" ] || die "no $BASE_PKG package is served; pass KSRC=/path/to/linux-$BASE_MAJOR.$BASE_MINOR.y"
		{
			say "##################################################################"
			say "WARNING: $BASE_PKG=$BASE_VERSION is no longer served."
			say "WARNING: falling back to $ver; results may differ from the README."
			say "##################################################################"
		} >&2
		tarball=$CACHE/$BASE_PKG-$ver.tar.xz
	fi
	if [ ! -s "$tarball" ]; then
		tmp=$(mktemp -d "$CACHE/fetch.XXXXXX")
		chmod 755 "$tmp"
		(cd "$tmp" && apt_private "$apt_dir" apt-get download "$BASE_PKG=$ver") >&2 ||
			{ rm -rf "$tmp"; die "apt-get download $BASE_PKG=$ver failed"; }
		dpkg-deb --fsys-tarfile "$tmp"/*.deb |
			tar -xO --wildcards './usr/src/linux-source-*.tar.xz' >"$tarball.part" ||
			{ rm -rf "$tmp" "$tarball.part"; die "could not unpack the .deb"; }
		mv "$tarball.part" "$tarball"
		rm -rf "$tmp"
	fi
fi
printf '%s\n' "$tarball"
