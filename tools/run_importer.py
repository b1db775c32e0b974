#!/usr/bin/env python
# Copyright: (c) 2026, pingone.platform maintainers
# GNU General Public License v3.0+ (see LICENSE or https://www.gnu.org/licenses/gpl-3.0.txt)
"""Run galaxy-importer on the built tarball and fail on any error or warning it reports.

Usage: run_importer.py TARBALL WORKDIR      (normally via `make importer`)

galaxy-importer exits 0 even when ansible-doc fails on a module or ansible-lint reports
problems, so its exit status proves nothing.  This script reads what it printed and the
importer_result.json it wrote, and fails when:
  - a line of its output is a WARNING, ERROR or CRITICAL log line, or a traceback;
  - importer_result.json is missing, or a plugin in it has no documentation (ansible-doc
    could not read it), or the README did not render.
The importer runs with tools/galaxy-importer.cfg (offline, no ansible-test; see there), its
temporary files under WORKDIR, and the galaxy-importer, ansible-doc and ansible-lint of the
interpreter running this script.
"""

from __future__ import annotations

import json
import os
import re
import subprocess
import sys

HERE = os.path.dirname(os.path.abspath(__file__))
PROBLEM_RE = re.compile(r'^\s*(WARNING|ERROR|CRITICAL)\b|Traceback \(most recent call last\)', re.IGNORECASE)
# module_utils and doc_fragments carry no documentation of their own
UNDOCUMENTED_TYPES = frozenset(('module_utils', 'doc_fragments'))


def main(argv: list[str]) -> int:
    if len(argv) != 2:
        print(__doc__, file=sys.stderr)
        return 2
    tarball, workdir = (os.path.abspath(arg) for arg in argv)
    tmp = os.path.join(workdir, 'tmp')
    os.makedirs(tmp, exist_ok=True)
    result_path = os.path.join(workdir, 'importer_result.json')
    if os.path.exists(result_path):
        os.unlink(result_path)

    env = dict(os.environ)
    env['GALAXY_IMPORTER_CONFIG'] = os.path.join(HERE, 'galaxy-importer.cfg')
    env['GALAXY_IMPORTER_TMP_ROOT_DIR'] = tmp
    env['GALAXY_IMPORTER_ANSIBLE_LOCAL_TMP'] = os.path.join(tmp, 'ansible-local')
    # ansible-doc and ansible-lint are found on PATH: use the ones next to this interpreter.
    env['PATH'] = os.path.dirname(sys.executable) + os.pathsep + env.get('PATH', '')
    env.pop('ANSIBLE_COLLECTIONS_PATH', None)

    completed = subprocess.run([sys.executable, '-m', 'galaxy_importer.main', tarball], cwd=workdir, env=env,
                               stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True, check=False)
    output = completed.stdout
    with open(os.path.join(workdir, 'importer.log'), 'w', encoding='utf-8') as log:
        log.write(output)
    sys.stdout.write(output)

    problems = ['output: %s' % line.strip() for line in output.splitlines() if PROBLEM_RE.search(line)]
    if completed.returncode != 0:
        problems.append('galaxy-importer exited with %d' % completed.returncode)
    if 'Importer processing completed successfully' not in output:
        problems.append('galaxy-importer did not report "Importer processing completed successfully"')

    if not os.path.exists(result_path):
        problems.append('no importer_result.json was written')
    else:
        with open(result_path, encoding='utf-8') as handle:
            result = json.load(handle)
        contents = result.get('docs_blob', {}).get('contents', [])
        plugins = [item for item in contents if item.get('content_type') not in UNDOCUMENTED_TYPES]
        if not any(item.get('content_type') == 'module' for item in plugins):
            problems.append('importer_result.json lists no module')
        documented_modules = {item.get('content_name') for item in plugins if item.get('content_type') == 'module' and item.get('doc_strings')}
        for item in plugins:
            if item.get('content_type') == 'action' and item.get('content_name') in documented_modules:
                continue   # an action plugin beside a module of its name is documented by that module, as Ansible's own are
            if item.get('content_type') == 'role':   # the importer documents a role by its README, not doc_strings
                if not item.get('readme_html'):
                    problems.append('role %s: its README did not render' % item.get('content_name'))
                continue
            if not item.get('doc_strings'):
                problems.append('%s %s: no documentation (ansible-doc could not read it)'
                                % (item.get('content_type'), item.get('content_name')))
        if not (result.get('docs_blob', {}).get('collection_readme') or {}).get('html'):
            problems.append('the README did not render')
        print('importer_result.json: %d plugins with documentation, %d documentation files, requires_ansible %s'
              % (len(plugins), len(result.get('docs_blob', {}).get('documentation_files') or []),
                 result.get('requires_ansible')))

    if problems:
        print('\nERROR: galaxy-importer reported problems (full output: %s):' % os.path.join(workdir, 'importer.log'),
              file=sys.stderr)
        for problem in problems:
            print('  - %s' % problem, file=sys.stderr)
        return 1
    print('OK: galaxy-importer: no errors, no warnings')
    return 0


if __name__ == '__main__':
    sys.exit(main(sys.argv[1:]))
