#!/bin/bash
# Fetch the pinned base (Debian's linux-source-7.3 from trixie-backports) into
# the cache and print the path of its tarball.  apt runs with a sources list,
# package lists and an archive cache of its own under $CACHE/apt, signed by
# the Debian archive keyring: the host's apt configuration is not touched.
# Falls back, loudly, to the newest 7.3.y served.
. "$(dirname "$0")/lib.sh"

keyring=/usr/share/keyrings/debian-archive-keyring.gpg
apt_dir=$CACHE/apt

# The mirror the host already uses for Debian, else the canonical one.
mirror() {
	local uri
	uri=$(grep -hsE '^(URIs:|deb )' /etc/apt/sources.list.d/*.sources \
		/etc/apt/sources.list.d/*.list /etc/apt/sources.list |
		grep -oE 'https?://[^ ]+/debian/?' | grep -v security | head -n1)
	printf '%s\n' "${uri:-http://deb.debian.org/debian}"
}

# apt_private apt-get|apt-cache ARGS...
apt_private() {
	local cmd=$1
	shift
	"$cmd" -q -o Dir::Etc::sourcelist="$apt_dir/sources.list" \
		-o Dir::Etc::sourceparts=- -o Dir::State::Lists="$apt_dir/lists" \
		-o Dir::Cache="$apt_dir/cache" -o Debug::NoLocking=1 "$@"
}

update_lists() {
	mkdir -p "$apt_dir/lists/partial" "$apt_dir/cache/archives/partial"
	printf 'deb [signed-by=%s] %s %s main\n' "$keyring" "$(mirror)" "$BASE_SUITE" \
		>"$apt_dir/sources.list"
	apt_private apt-get update >&2 || die "apt-get update of $BASE_SUITE failed"
}

tarball=$CACHE/$BASE_PKG-$BASE_VERSION.tar.xz
if [ ! -s "$tarball" ]; then
	[ -f "$keyring" ] || die "no $keyring (package debian-archive-keyring)"
	update_lists
	ver=$BASE_VERSION
	if ! apt_private apt-cache show "$BASE_PKG=$ver" >/dev/null 2>&1; then
		ver=$(apt_private apt-cache madison "$BASE_PKG" 2>/dev/null |
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
		(cd "$tmp" && apt_private apt-get download "$BASE_PKG=$ver") >&2 ||
			{ rm -rf "$tmp"; die "apt-get download $BASE_PKG=$ver failed"; }
		dpkg-deb --fsys-tarfile "$tmp"/*.deb |
			tar -xO --wildcards './usr/src/linux-source-*.tar.xz' >"$tarball.part" ||
			{ rm -rf "$tmp" "$tarball.part"; die "could not unpack the .deb"; }
		mv "$tarball.part" "$tarball"
		rm -rf "$tmp"
	fi
fi
printf '%s\n' "$tarball"
