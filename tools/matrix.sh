#!/usr/bin/env bash
# Run the unit and integration tests (and sanity on some releases) on several ansible-core
# releases, one virtualenv per release, and print a table of the results.
#
# Usage: tools/matrix.sh PIN@PYTHON...      (normally via `make test-matrix`)
#   PIN@PYTHON   an exact ansible-core version and the Python it runs on, e.g. 2.16.19@3.11;
#                the release (2.16) names the venv (.venv-2.16) and its output folder
#                (build/venv-2.16: tarball, installed collection, logs)
# Environment:
#   MAKE            make to call (the Makefile passes its own)
#   MATRIX_SANITY   releases that also run ansible-test sanity, e.g. "2.16 2.21"
#   MATRIX_STAGES   stages per release (default: units integration, plus sanity where asked)
#
# Each stage is the Makefile's own target (`make units|integration|sanity VENV=... CORE_PIN=...
# PYTHON_VERSION=...`), so a release is tested exactly as `make test` tests the default one:
# ansible-test units of that release, the collection built and installed by that release's
# ansible-galaxy, and that release's ansible-playbook for the integration tests.
# A release fails when a stage fails or ran no test; the matrix also fails when the releases
# did not all pass the same number of unit tests (a test silently skipped on one release).
# Every release runs even when an earlier one failed; the exit status is 1 if any failed.
set -uo pipefail

repo=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd -P)
cd "$repo" || exit 2
MAKE=${MAKE:-make}
read -r -a sanity_releases <<<"${MATRIX_SANITY:-}"

(($#)) || { echo "usage: $0 PIN@PYTHON..." >&2; exit 2; }

rows=()
failures=()
declare -A unit_counts=()

# last pytest summary line in a log, e.g. "49 passed in 102.31s (0:01:42)"
pytest_summary() {
    grep -E '^(=+ )?[0-9]+ (passed|failed|error)' "$1" | tail -n 1 | sed -E 's/^=+ //; s/ =+$//'
}

run_stage() { # release stage log make-args...
    local release=$1 stage=$2 log=$3
    shift 3
    echo "--- ansible-core $release: make $stage (log: ${log#"$repo"/})"
    if "$MAKE" --no-print-directory "$stage" "$@" >"$log" 2>&1; then
        return 0
    fi
    echo "    FAILED; last lines of the log:"
    tail -n 25 "$log" | sed 's/^/    | /'
    return 1
}

matrix_start=$SECONDS
for entry in "$@"; do
    pin=${entry%@*}
    python=${entry#*@}
    [[ $pin != "$entry" && $pin =~ ^[0-9]+\.[0-9]+\.[0-9]+ ]] || { echo "bad matrix entry: $entry (want PIN@PYTHON)" >&2; exit 2; }
    release=${pin%.*}
    venv=.venv-$release
    out="$repo/build/venv-$release"
    mkdir -p "$out"
    vars=(VENV="$venv" CORE_PIN="$pin" PYTHON_VERSION="$python" PYTHON=)
    units=- integration=- sanity=-
    start=$SECONDS
    ok=1

    if ! run_stage "$release" venv "$out/matrix-venv.log" "${vars[@]}"; then
        units=FAIL integration=FAIL ok=0
    else
        # the interpreter the venv really runs (the table reports it, not what was asked for)
        python=$("$venv/bin/python" -c 'import platform; print(platform.python_version())')

        if run_stage "$release" units "$out/matrix-units.log" "${vars[@]}"; then
            n=$(sed -n 's/^OK: \([0-9][0-9]*\) unit tests passed.*/\1/p' "$out/matrix-units.log" | tail -n 1)
            if [[ -n $n ]] && ((n > 0)); then
                units="$n passed"
                unit_counts[$release]=$n
            else
                units="ran none?" ok=0
            fi
        else
            units=FAIL ok=0
        fi

        if run_stage "$release" integration "$out/matrix-integration.log" "${vars[@]}"; then
            summary=$(pytest_summary "$out/matrix-integration.log")
            n=$(sed -n 's/^\([0-9][0-9]*\) passed.*/\1/p' <<<"$summary")
            if [[ -n $n ]] && ((n > 0)); then
                integration="$n passed"
                if [[ $summary == *skipped* ]]; then
                    integration="$integration, $(grep -E -o '[0-9]+ skipped' <<<"$summary")"
                fi
            else
                integration="ran none? ($summary)" ok=0
            fi
        else
            integration=FAIL ok=0
        fi

        for s in "${sanity_releases[@]}"; do
            [[ $s == "$release" ]] || continue
            if run_stage "$release" sanity "$out/matrix-sanity.log" "${vars[@]}"; then
                n=$(sed -n 's/^OK: \([0-9][0-9]*\) sanity tests ran and passed.*/\1/p' "$out/matrix-sanity.log" | tail -n 1)
                sanity="${n:-?} tests ok"
            else
                sanity=FAIL ok=0
            fi
        done
    fi

    elapsed=$((SECONDS - start))
    rows+=("$(printf '%-8s %-8s %-16s %-22s %-14s %4dm%02ds' "$pin" "$python" "$units" "$integration" "$sanity" $((elapsed / 60)) $((elapsed % 60)))")
    ((ok)) || failures+=("ansible-core $pin")
    echo "--- ansible-core $pin done in ${elapsed}s: units $units; integration $integration; sanity $sanity"
done

# the same unit tests must run everywhere
distinct=$(printf '%s\n' "${unit_counts[@]}" | sort -u | wc -l)
if ((${#unit_counts[@]} > 1 && distinct > 1)); then
    counts=$(for r in "${!unit_counts[@]}"; do printf '%s=%s ' "$r" "${unit_counts[$r]}"; done)
    failures+=("unit test counts differ between releases: $counts")
fi

total=$((SECONDS - matrix_start))
echo
echo "ansible-core test matrix (logs: build/venv-<release>/matrix-*.log)"
printf '%-8s %-8s %-16s %-22s %-14s %s\n' release python units integration sanity time
printf '%-8s %-8s %-16s %-22s %-14s %s\n' ------- ------ ----- ----------- ------ ----
printf '%s\n' "${rows[@]}"
printf 'total %dm%02ds\n' $((total / 60)) $((total % 60))
if ((${#failures[@]})); then
    echo
    printf 'FAILED: %s\n' "${failures[@]}"
    exit 1
fi
echo "all releases passed"
