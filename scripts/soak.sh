#!/usr/bin/env bash
# Run `make test` N times in a row (default 5) while another clean build loops beside it, to show the suite
# does not flake under load. The other build runs in a throwaway worktree (its own _build) sharing .venv.
# Usage: scripts/soak.sh [N]. One line per run; logs in _build/soak/; exits non-zero if any run failed.
set -euo pipefail
runs=${1:-5}
root=$(cd "$(dirname "$0")/.." && pwd)
logs="$root/_build/soak"
other=$(mktemp -d /tmp/soak-XXXXXX)
mkdir -p "$logs"
git -C "$root" worktree add --detach --quiet "$other/book" HEAD
ln -s "$root/.venv" "$other/book/.venv"
# the fresh checkout's files are newer than the shared .venv's install stamp: give them the main tree's times, or
# the build beside would reinstall the package into the shared .venv pointing at this throwaway tree
touch -r "$root/requirements.txt" "$other/book/requirements.txt"
touch -r "$root/pyproject.toml" "$other/book/pyproject.toml"
# the build beside: clean `make book` over and over, in its own process group so it can be stopped whole
setsid bash -c 'cd "$1" && while true; do rm -rf _build; make -s book >/dev/null 2>&1 || true; done' _ "$other/book" &
beside=$!
cleanup() {
  kill -- "-$beside" 2>/dev/null || true
  wait "$beside" 2>/dev/null || true
  git -C "$root" worktree remove --force "$other/book" 2>/dev/null || true
  rm -rf "$other"
}
trap cleanup EXIT
failed=0
for i in $(seq 1 "$runs"); do
  start=$(date +%s)
  if make -C "$root" -s test >"$logs/test-$i.log" 2>&1; then status=passed; else status=FAILED; failed=$((failed + 1)); fi
  echo "run $i/$runs: $status in $(($(date +%s) - start)) s (log: _build/soak/test-$i.log)"
done
echo "$((runs - failed)) of $runs runs passed with another build running beside them"
[ "$failed" -eq 0 ]
