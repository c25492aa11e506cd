# Debian's archive through apt with a sources list, package lists and an
# archive cache of its own (a directory under the cache), signed by the
# Debian archive keyring: the host's apt configuration is not touched.
# Sourced after lib.sh, never run.
# shellcheck shell=bash

keyring=/usr/share/keyrings/debian-archive-keyring.gpg

# The mirror the host already uses for Debian, else the canonical one.
mirror() {
	local uri
	uri=$(grep -hsE '^(URIs:|deb )' /etc/apt/sources.list.d/*.sources \
		/etc/apt/sources.list.d/*.list /etc/apt/sources.list |
		grep -oE 'https?://[^ ]+/debian/?' | grep -v security | head -n1)
	printf '%s\n' "${uri:-http://deb.debian.org/debian}"
}

# apt_private DIR apt-get|apt-cache ARGS...
apt_private() {
	local dir=$1 cmd=$2
	shift 2
	"$cmd" -q -o Dir::Etc::sourcelist="$dir/sources.list" \
		-o Dir::Etc::sourceparts=- -o Dir::State::Lists="$dir/lists" \
		-o Dir::Cache="$dir/cache" -o Debug::NoLocking=1 "$@"
}

# apt_update DIR TYPE SUITE: the lists of SUITE's main ("deb" or "deb-src")
apt_update() {
	local dir=$1 type=$2 suite=$3
	[ -f "$keyring" ] || die "no $keyring (package debian-archive-keyring)"
	mkdir -p "$dir/lists/partial" "$dir/cache/archives/partial"
	printf '%s [signed-by=%s] %s %s main\n' "$type" "$keyring" "$(mirror)" "$suite" \
		>"$dir/sources.list"
	apt_private "$dir" apt-get update >&2 || die "apt-get update of $suite ($type) failed"
}
