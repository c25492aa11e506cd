#!/bin/bash
# Fetch the pinned base (Debian's linux-source-6.12) into the cache and print
# the path of its tarball.  Falls back, loudly, to the newest 6.12 served.
. "$(dirname "$0")/lib.sh"

tarball=$CACHE/$BASE_PKG-$BASE_VERSION.tar.xz
if [ ! -s "$tarball" ]; then
	ver=$BASE_VERSION
	if ! apt-cache show "$BASE_PKG=$ver" >/dev/null 2>&1; then
		[ "$(id -u)" = 0 ] && apt-get update -qq >&2
	fi
	if ! apt-cache show "$BASE_PKG=$ver" >/dev/null 2>&1; then
		ver=$(apt-cache madison "$BASE_PKG" | awk '{print $3; exit}')
		[ -n "$ver" ] || die "no $BASE_PKG package is served; pass KSRC=/path/to/linux-6.12.y"
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
		(cd "$tmp" && apt-get download -q "$BASE_PKG=$ver") >&2 ||
			{ rm -rf "$tmp"; die "apt-get download $BASE_PKG=$ver failed"; }
		dpkg-deb --fsys-tarfile "$tmp"/*.deb |
			tar -xO --wildcards './usr/src/linux-source-*.tar.xz' >"$tarball.part" ||
			{ rm -rf "$tmp" "$tarball.part"; die "could not unpack the .deb"; }
		mv "$tarball.part" "$tarball"
		rm -rf "$tmp"
	fi
fi
printf '%s\n' "$tarball"
