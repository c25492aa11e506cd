# Common helpers for the scripts in this directory; sourced, never run.
# shellcheck shell=bash

TOP=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
BUILD=${BUILD:-$TOP/build}
CACHE=${MMHO_CACHE:-${XDG_CACHE_HOME:-$HOME/.cache}/mm-highorder}
LINUX=$BUILD/linux
LOGS=$BUILD/logs

# The pinned base (see README.md, "The base tree"): Debian's linux-source-7.3
# from trixie-backports, fetched with a private apt configuration under the
# cache (scripts/fetch-base.sh); the host's /etc/apt is not touched.
BASE_PKG=linux-source-7.3
BASE_VERSION=${BASE_VERSION:-7.3.4-1~bpo13+1}
BASE_SUITE=trixie-backports
BASE_MAJOR=7 BASE_MINOR=3

mkdir -p "$BUILD" "$LOGS" "$CACHE"

say() { printf '%s\n' "$*"; }
die() { printf 'error: %s\n' "$*" >&2; exit 1; }

# stage NAME LOG CMD...: run CMD with its output in LOG, print one line
# with the time it took; on failure show the end of LOG and its path.
stage() {
	local name=$1 log=$2 t0 rc
	shift 2
	t0=$(date +%s)
	printf '  %-28s ' "$name"
	"$@" >"$log" 2>&1
	rc=$?
	if [ $rc -eq 0 ]; then
		printf 'done in %ss\n' $(($(date +%s) - t0))
	else
		printf 'FAILED after %ss (exit %s)\n' $(($(date +%s) - t0)) "$rc"
		tail -n 25 "$log" | sed 's/^/    | /'
		printf '    full log: %s\n' "$log"
	fi
	return $rc
}
