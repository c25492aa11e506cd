#!/bin/bash
# Make sure the host has what the build and the VM need; install the
# missing Debian packages when root, otherwise say what to install.
. "$(dirname "$0")/lib.sh"

# command-or-file:package
need="gcc:build-essential make:build-essential bc:bc bison:bison flex:flex
cpio:cpio depmod:kmod perl:perl git:git xz:xz-utils gzip:gzip
qemu-system-x86_64:qemu-system-x86 /bin/busybox:busybox-static
/usr/include/libelf.h:libelf-dev /usr/include/openssl/ssl.h:libssl-dev
/usr/lib/x86_64-linux-gnu/libc.a:libc6-dev ccache:ccache apt-get:apt
dpkg-deb:dpkg mke2fs:e2fsprogs gnuplot:gnuplot-nox /usr/bin/python3:python3
/usr/lib/python3/dist-packages/ply:python3-ply
/usr/lib/python3/dist-packages/git:python3-git"

missing=""
for n in $need; do
	what=${n%%:*} pkg=${n##*:}
	case $what in
	/*) [ -e "$what" ] ;;
	*) command -v "$what" >/dev/null ;;
	esac || missing="$missing $pkg"
done
missing=$(printf '%s\n' $missing | sort -u | tr '\n' ' ')
[ -z "${missing// /}" ] && exit 0

if [ "$(id -u)" != 0 ]; then
	die "missing packages; as root run: apt-get install$missing"
fi
say "  installing:$missing"
export DEBIAN_FRONTEND=noninteractive
apt-get update -qq && apt-get install -y -qq --no-install-recommends $missing >/dev/null ||
	die "apt-get install$missing failed"
