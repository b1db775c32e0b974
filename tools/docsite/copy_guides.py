#!/usr/bin/env python
# Copyright: (c) 2026, pingone.platform maintainers
# GNU General Public License v3.0+ (see LICENSE or https://www.gnu.org/licenses/gpl-3.0.txt)
"""Copy the guides of docs/ into the Sphinx source tree of `make docs`.

Usage: copy_guides.py DOCS_DIR DEST_DIR REPOSITORY_URL

Everything under DOCS_DIR except docsite/ is copied, so the guides' links to each other and
to docs/examples/ keep working.  A Markdown link that leaves docs/ (``](../tests/...)``)
points at a file the site does not have: it is rewritten to the file in the repository
(REPOSITORY_URL/blob/main/...), which is where the same link leads when GitHub shows the guide.
"""

from __future__ import annotations

import os
import posixpath
import re
import shutil
import sys

LINK_RE = re.compile(r'\]\((\.\./[^)\s#]+)(#[^)\s]*)?\)')


def main(argv: list[str]) -> int:
    if len(argv) != 3:
        print(__doc__, file=sys.stderr)
        return 2
    docs_dir, dest_dir, repository = argv
    repository = repository.rstrip('/')
    shutil.copytree(docs_dir, dest_dir, ignore=shutil.ignore_patterns('docsite'), dirs_exist_ok=True)
    for folder, _dirs, files in os.walk(dest_dir):
        for name in files:
            if not name.endswith('.md'):
                continue
            path = os.path.join(folder, name)
            relative_folder = posixpath.join('docs', os.path.relpath(folder, dest_dir).replace(os.sep, '/'))

            def to_repository(match, relative_folder=relative_folder):
                target = posixpath.normpath(posixpath.join(relative_folder, match.group(1)))
                if target.startswith('docs/') or target.startswith('..'):
                    return match.group(0)
                return '](%s/blob/main/%s%s)' % (repository, target, match.group(2) or '')

            with open(path, encoding='utf-8') as handle:
                text = handle.read()
            rewritten = LINK_RE.sub(to_repository, text)
            if rewritten != text:
                with open(path, 'w', encoding='utf-8') as handle:
                    handle.write(rewritten)
    return 0


if __name__ == '__main__':
    sys.exit(main(sys.argv[1:]))
