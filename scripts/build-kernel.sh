#!/bin/bash
# Configure (tinyconfig + config/vm.config + the fragments given) and build
# bzImage and modules of a kernel tree out of tree, incrementally.
#   build-kernel.sh SRC OUT [FRAGMENT...]
# A fragment line CONFIG_X=n switches X off (and what depends on it).
# KBUILD_TARGETS (default "bzImage modules") and KMAKE_ARGS (W=1 ...) are
# passed to make.
. "$(dirname "$0")/lib.sh"

src=$(realpath "${1:?source tree}") out=$(realpath -m "${2:?output dir}")
shift 2
mkdir -p "$out"
frags=("$TOP/config/vm.config" "$@")

# Fixed build identity: ccache hits, and builds that differ only by their tree.
# The base directory is the parent of the source tree: with the output next to
# it (build/linux + build/obj, build/vanilla/linux + build/vanilla/obj) ccache
# sees the same relative paths in both, and the vanilla build reuses what the
# patched one compiled (and the other way round).
export KBUILD_BUILD_TIMESTAMP='2000-01-01' KBUILD_BUILD_USER=mm KBUILD_BUILD_HOST=highorder
export CCACHE_DIR=${CCACHE_DIR:-$CACHE/ccache} CCACHE_MAXSIZE=${CCACHE_MAXSIZE:-12G} CCACHE_BASEDIR=$(dirname "$src") CCACHE_NOHASHDIR=1
[ -d /usr/lib/ccache ] && export PATH=/usr/lib/ccache:$PATH
kmake() { make -C "$src" O="$out" -j"$(nproc)" "$@"; }

# Options of the fragments FILE... that .config does not have as they say,
# among those the tree knows (an option that a later patch of the series
# adds is not known at an earlier one, as in bisect-check.sh); the last
# fragment that sets an option wins, as in merge_config.sh.
unmet_options() {
	local l sym
	cat "$@" | grep '^CONFIG_' | tac | awk -F= '!seen[$1]++' | while read -r l; do
		sym=${l%%=*}
		if [ "${l#*=}" = n ]; then
			grep -qE "^$sym=[ym]\$" "$out/.config" 2>/dev/null || continue
		else
			grep -qx "$l" "$out/.config" 2>/dev/null && continue
		fi
		grep -rqx --include='Kconfig*' "\(menu\)\?config ${sym#CONFIG_}" "$src" &&
			printf '%s ' "$l"
	done
}
# Reconfigure when a fragment changed, or when an option is unmet that was
# not before (one the tree has just learned); then every option of every
# fragment must be met, on every call (a fragment that switches something
# off names what goes with it).
newer=""
for f in "${frags[@]}"; do [ "$f" -nt "$out/.config" ] && newer=1; done
if [ ! -f "$out/.config" ] || [ -n "$newer" ] ||
	[ "$(unmet_options "${frags[@]}")" != "$(cat "$out/.unmet" 2>/dev/null)" ]; then
	kmake tinyconfig >/dev/null || exit 1
	# merge_config.sh spells "off" as "# CONFIG_X is not set"
	sed -E 's/^(CONFIG_[A-Za-z0-9_]+)=n$/# \1 is not set/' "${frags[@]}" >"$out/fragment.config"
	"$src/scripts/kconfig/merge_config.sh" -m -O "$out" "$out/.config" "$out/fragment.config" >/dev/null || exit 1
	kmake olddefconfig >/dev/null || exit 1
	unmet_options "${frags[@]}" >"$out/.unmet"
fi
missing=$(unmet_options "${frags[@]}")
[ -z "$missing" ] || die "config options not set (dependencies?): $missing"
# shellcheck disable=SC2086
kmake $KMAKE_ARGS ${KBUILD_TARGETS:-bzImage modules}
