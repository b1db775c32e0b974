#!/usr/bin/env bash
# Run make targets one after the other, stop at the first failure, and print how long each
# took (also when one failed).  `make test` runs its stages through this.
#
# Usage: tools/run_stages.sh TARGET...      (MAKE: the make to call; the Makefile passes its own)
set -uo pipefail

MAKE=${MAKE:-make}
rows=()
status=0
start_all=$SECONDS

report() {
    local total=$((SECONDS - start_all))
    echo
    echo "stage timings"
    printf '  %-22s %8s  %s\n' stage seconds result
    printf '  %s\n' "${rows[@]}"
    printf '  %-22s %8d\n' total "$total"
}

for target in "$@"; do
    echo
    echo "===== make $target"
    start=$SECONDS
    "$MAKE" --no-print-directory "$target"
    rc=$?
    result=ok
    ((rc == 0)) || result="FAILED (exit $rc)"
    rows+=("$(printf '%-22s %8d  %s' "$target" $((SECONDS - start)) "$result")")
    if ((rc != 0)); then
        status=1
        break
    fi
done
report
if ((status)); then
    echo "make test: FAILED at stage '$target'" >&2
fi
exit "$status"
