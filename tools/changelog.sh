#!/usr/bin/env bash
# antsibull-changelog for this collection.
#
# Usage: tools/changelog.sh release|check VERSION      (normally `make changelog` / `make changelog-lint`)
#   release  fold every fragment of changelogs/fragments/ and every plugin with
#            version_added: VERSION into changelogs/changelog.yaml and CHANGELOG.md.  Run it
#            after adding a fragment or (`git add`ing) a module; rerunning it for the same
#            VERSION updates that release (its date is kept once set).
#   check    `antsibull-changelog lint` (fragments) and `lint-changelog-yaml`, then the same
#            release on a scratch copy: fails when CHANGELOG.md or changelogs/changelog.yaml
#            would change, i.e. when `make changelog` was forgotten.
# Needs antsibull-changelog and ansible-doc on PATH (the Makefile puts .venv-tools/bin first).
set -euo pipefail

mode=${1:?usage: $0 release|check VERSION}
version=${2:?usage: $0 release|check VERSION}
repo=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd -P)
cd "$repo"

command -v antsibull-changelog >/dev/null || { echo "ERROR: antsibull-changelog not on PATH" >&2; exit 1; }
command -v ansible-doc >/dev/null || { echo "ERROR: ansible-doc not on PATH (antsibull-changelog needs it)" >&2; exit 1; }

# Keep the date of a release once it is in changelog.yaml, so regenerating does not churn it.
release_date() {
    [[ -f changelogs/changelog.yaml ]] || return 0
    python3 - "$version" <<'EOF'
import sys, yaml
with open('changelogs/changelog.yaml', encoding='utf-8') as handle:
    release = (yaml.safe_load(handle).get('releases') or {}).get(sys.argv[1]) or {}
print(release.get('release_date') or '')
EOF
}

do_release() { # in the current directory
    local date
    date=$(release_date)
    # --reload-plugins: modules added since the last run are listed as new in this release.
    antsibull-changelog release --version "$version" --update-existing --reload-plugins \
        ${date:+--date "$date"} 2>&1 | { grep -v "^WARNING Found no release_summary section" || true; }
}

# The release is computed on a scratch copy of the tracked files (as they are in the work
# tree) plus every file under changelogs/: a module counts once it is `git add`ed, so
# untracked work in progress never leaks into CHANGELOG.md, and the check answers in CI as here.
scratch=$(mktemp -d)
trap 'rm -rf "$scratch"' EXIT
{ git ls-files -z --cached --deduplicate; git ls-files -z --others --exclude-standard -- changelogs; } |
    while IFS= read -r -d '' f; do if [[ -e $f ]]; then printf '%s\0' "$f"; fi; done |
    tar --null --files-from=- -cf - | tar -xf - -C "$scratch"
outputs=(CHANGELOG.md changelogs/changelog.yaml)

case "$mode" in
    release)
        (cd "$scratch" && do_release)
        for f in "${outputs[@]}"; do cp "$scratch/$f" "$f"; done
        echo "CHANGELOG.md and changelogs/changelog.yaml updated for $version (from the tracked files)"
        ;;
    check)
        antsibull-changelog lint
        [[ ! -f changelogs/changelog.yaml ]] || antsibull-changelog lint-changelog-yaml changelogs/changelog.yaml
        n=$(find changelogs/fragments -name '*.y*ml' | wc -l)
        (cd "$scratch" && do_release >/dev/null)
        stale=()
        for f in "${outputs[@]}"; do
            if [[ ! -f $f ]] || ! cmp -s "$f" "$scratch/$f"; then stale+=("$f"); fi
        done
        if ((${#stale[@]})); then
            echo "ERROR: ${stale[*]} out of date (a fragment or a module is not in it yet): run 'make changelog' and commit the result." >&2
            for f in "${stale[@]}"; do diff -u "$f" "$scratch/$f" 2>/dev/null | head -n 30 >&2 || true; done
            exit 1
        fi
        echo "OK: $n changelog fragments lint clean; CHANGELOG.md is up to date"
        ;;
    *)
        echo "usage: $0 release|check VERSION" >&2
        exit 2
        ;;
esac
