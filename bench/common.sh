# common.sh - sourced by the bench scripts: paths, the peers, a build.
# Sets here, src, N, RUNS and out; needs N's default set before sourcing.
set -eu
here=$(cd "$(dirname "$0")" && pwd)
src=$(cd "$here/.." && pwd)
RUNS=${RUNS:-5}
out=$here/out
mkdir -p "$out"
"$src/scripts/install-deps" --bench
make -s -C "$here"
make -s -C "$src" all
# Median seconds of command name in a hyperfine JSON export.
median() { jq -r --arg n "$2" '.results[] | select(.command == $n) | .median' "$1"; }
