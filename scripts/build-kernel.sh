#!/bin/bash
# Configure (tinyconfig + config/vm.config) and build bzImage and modules of
# a kernel tree out of tree, incrementally.  Usage: build-kernel.sh SRC OUT
. "$(dirname "$0")/lib.sh"

src=$(realpath "${1:?source tree}") out=$(realpath -m "${2:?output dir}")
mkdir -p "$out"
frag=$TOP/config/vm.config

# Fixed build identity: ccache hits, and builds that differ only by their tree.
# The base directory is the parent of the source tree: with the output next to
# it (build/linux + build/obj, build/vanilla/linux + build/vanilla/obj) ccache
# sees the same relative paths in both, and the vanilla build reuses what the
# patched one compiled (and the other way round).
export KBUILD_BUILD_TIMESTAMP='2000-01-01' KBUILD_BUILD_USER=mm KBUILD_BUILD_HOST=highorder
export CCACHE_DIR=${CCACHE_DIR:-$CACHE/ccache} CCACHE_BASEDIR=$(dirname "$src") CCACHE_NOHASHDIR=1
[ -d /usr/lib/ccache ] && export PATH=/usr/lib/ccache:$PATH
kmake() { make -C "$src" O="$out" -j"$(nproc)" "$@"; }

# Options of the fragment that .config lacks, among those the tree knows
# (an option that a later patch of the series adds is not known at an
# earlier one, as in bisect-check.sh).
missing_options() {
	local l sym
	grep '^CONFIG_' "$frag" | while read -r l; do
		grep -qx "$l" "$out/.config" 2>/dev/null && continue
		sym=${l%%=*}
		grep -rqx --include='Kconfig*' "\(menu\)\?config ${sym#CONFIG_}" "$src" &&
			printf '%s ' "$l"
	done
}

if [ ! -f "$out/.config" ] || [ "$frag" -nt "$out/.config" ] || [ -n "$(missing_options)" ]; then
	kmake tinyconfig >/dev/null || exit 1
	"$src/scripts/kconfig/merge_config.sh" -m -O "$out" "$out/.config" "$frag" >/dev/null || exit 1
	kmake olddefconfig >/dev/null || exit 1
	missing=$(missing_options)
	[ -z "$missing" ] || die "config options not set (dependencies?): $missing"
fi
kmake bzImage modules
