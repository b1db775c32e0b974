#!/usr/bin/env bash
# Run ansible-test (sanity or units) on a staged copy of this collection.
#
# Usage: tools/run_ansible_test.sh sanity|units [extra ansible-test args...]
# Normally called by `make sanity` / `make units`, which set these variables:
#   ANSIBLE_TEST        ansible-test executable (from .venv)
#   TEST_ROOT           directory OUTSIDE the repo; the copy goes to
#                       $TEST_ROOT/<sanity|units>/ansible_collections/$COLLECTION_NAMESPACE/$COLLECTION_NAME
#   COLLECTION_NAMESPACE, COLLECTION_NAME
#   PYBIN               folder of pythonX.Y symlinks put first on PATH
#   TEST_PYTHON         Python version for --python (e.g. 3.11)
#   LOG_DIR             where the full ansible-test output is kept
#   MIN_SANITY_TESTS    fail if fewer sanity tests ran than this
#
# Why a copy: ansible-test only works inside .../ansible_collections/<ns>/<name>/ and
# silently passes ("All targets skipped", exit 0) when that directory is not a git
# work tree of its own (e.g. inside a git-ignored folder of this repo). So the tracked
# and untracked-not-ignored files are copied outside the repo and committed to a
# fresh git repository there. This script also fails on any such silent pass.
set -euo pipefail

command_name=${1:?usage: $0 sanity|units [ansible-test args...]}
shift

: "${ANSIBLE_TEST:?}" "${TEST_ROOT:?}" "${COLLECTION_NAMESPACE:?}" "${COLLECTION_NAME:?}"
: "${PYBIN:?}" "${TEST_PYTHON:?}" "${LOG_DIR:?}"
MIN_SANITY_TESTS=${MIN_SANITY_TESTS:-20}

repo=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd -P)
test_root=$(realpath -m "$TEST_ROOT")
dest="$test_root/$command_name/ansible_collections/$COLLECTION_NAMESPACE/$COLLECTION_NAME"
log="$LOG_DIR/ansible-test-$command_name.log"

fail() {
    echo "ERROR: $*" >&2
    exit 1
}

case "$dest/" in
    "$repo"/*) fail "TEST_ROOT ($TEST_ROOT) must be outside the repository ($repo)" ;;
esac
mkdir -p "$test_root" "$LOG_DIR"

# --- stage the copy ------------------------------------------------------------------
# A fresh copy every time, except tests/output: it holds ansible-test's delegation venv,
# and keeping it saves a pip bootstrap per run.
keep="$test_root/$command_name/.tests-output-keep"
rm -rf "$keep"
if [[ -d $dest/tests/output ]]; then mv "$dest/tests/output" "$keep"; fi
rm -rf "$dest"
mkdir -p "$dest"
(
    cd "$repo"
    # tracked + untracked-not-ignored; skip tracked files deleted in the work tree
    git ls-files -z --cached --others --exclude-standard --deduplicate |
        while IFS= read -r -d '' f; do
            if [[ -e $f || -L $f ]]; then printf '%s\0' "$f"; fi
        done |
        tar --null --files-from=- -cf -
) | tar -xf - -C "$dest"
(
    cd "$dest"
    git -c init.defaultBranch=main init -q
    git add -A
    git -c user.name=ansible-test-stage -c user.email=stage@localhost \
        commit -q --no-verify --no-gpg-sign -m "staged copy for ansible-test"
)
if [[ -d $keep ]]; then mkdir -p "$dest/tests" && mv "$keep" "$dest/tests/output"; fi
echo "staged $(git -C "$dest" ls-files | wc -l) files at $dest"

# --- run ------------------------------------------------------------------------------
# ansible-test passes only PATH, HOME and the locale to what it starts, so PATH is the
# only way to hand it working interpreters (and shellcheck).
export PATH="$PYBIN:$PATH"
cd "$dest"
echo "+ ansible-test $command_name --venv --python $TEST_PYTHON --color no $*"
set +e
# The full output goes to $log; the console copy drops this machine's pip noise about
# missing file:// index folders.
"$ANSIBLE_TEST" "$command_name" --venv --python "$TEST_PYTHON" --color no "$@" 2>&1 |
    tee "$log" | grep --line-buffered -v "^WARNING: Location 'file://.*' is ignored"
rc=${PIPESTATUS[0]}
set -e

if ((rc != 0)); then
    fail "ansible-test $command_name failed (exit $rc); full output: $log"
fi

# --- refuse silent passes -----------------------------------------------------------
if grep -E -q 'All targets skipped|No changes detected|No tests found for detected changes' "$log"; then
    fail "ansible-test $command_name exited 0 but ran nothing ($(grep -E -m1 'All targets skipped|No changes detected|No tests found' "$log")); full output: $log"
fi

case "$command_name" in
    sanity)
        ran=$(sed -n 's/^Running sanity test "\([^"]*\)".*/\1/p' "$log" | sort -u | wc -l)
        if ((ran < MIN_SANITY_TESTS)); then
            fail "only $ran sanity tests ran (expected at least $MIN_SANITY_TESTS); full output: $log"
        fi
        # e.g. shellcheck not on PATH: ansible-test only warns and skips the test
        skipped_re='Required program ".*" not found|Skipping sanity test .*(due to missing|could not be found)'
        if grep -q -E "$skipped_re" "$log"; then
            fail "a sanity test was skipped for a missing tool: $(grep -m1 -E "$skipped_re" "$log")"
        fi
        echo "OK: $ran sanity tests ran and passed (log: $log)"
        ;;
    units)
        passed=$({ grep -E -o '[0-9]+ passed' "$log" || true; } | awk '{n += $1} END {print n + 0}')
        if ((passed < 1)); then
            fail "no unit test passed (all skipped, or no pytest summary); full output: $log"
        fi
        # A skipped test is a requirement missing from tests/unit/requirements.txt, not a pass.
        skipped=$({ grep -E -o '[0-9]+ skipped' "$log" || true; } | awk '{n += $1} END {print n + 0}')
        if ((skipped > 0)); then
            fail "$skipped unit test(s) skipped, so not run (a requirement missing from tests/unit/requirements.txt?); full output: $log"
        fi
        echo "OK: $passed unit tests passed (log: $log)"
        ;;
esac
