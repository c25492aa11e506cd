#!/bin/bash
# Configure (tinyconfig + config/vm.config) and build bzImage and modules of
# a kernel tree out of tree, incrementally.  Usage: build-kernel.sh SRC OUT
. "$(dirname "$0")/lib.sh"

src=$(realpath "${1:?source tree}") out=$(realpath -m "${2:?output dir}")
mkdir -p "$out"
frag=$TOP/config/vm.config

# Fixed build identity: ccache hits, and builds that differ only by their tree.
export KBUILD_BUILD_TIMESTAMP='2000-01-01' KBUILD_BUILD_USER=mm KBUILD_BUILD_HOST=highorder
export CCACHE_DIR=${CCACHE_DIR:-$CACHE/ccache} CCACHE_BASEDIR=$src CCACHE_NOHASHDIR=1
[ -d /usr/lib/ccache ] && export PATH=/usr/lib/ccache:$PATH
kmake() { make -C "$src" O="$out" -j"$(nproc)" "$@"; }

# Reconfigure only when the fragment changed since the last configuration.
if [ ! -f "$out/.config" ] || [ "$frag" -nt "$out/.config" ]; then
	kmake tinyconfig >/dev/null || exit 1
	"$src/scripts/kconfig/merge_config.sh" -m -O "$out" "$out/.config" "$frag" >/dev/null || exit 1
	kmake olddefconfig >/dev/null || exit 1
	# Every line of the fragment must have survived olddefconfig.
	missing=$(grep '^CONFIG_' "$frag" | while read -r l; do
		grep -qx "$l" "$out/.config" || printf '%s ' "$l"; done)
	[ -z "$missing" ] || die "config options not set (dependencies?): $missing"
fi
kmake bzImage modules
