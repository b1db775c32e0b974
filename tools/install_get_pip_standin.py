#!/usr/bin/env python
# Copyright: (c) 2025, pingone.platform maintainers
# GNU General Public License v3.0+ (see LICENSE or https://www.gnu.org/licenses/gpl-3.0.txt)
"""Put tools/get_pip_standin.py where ansible-test looks for its pip bootstrap script.

Run with the interpreter that has ansible-core installed (the Makefile uses .venv/bin/python).
The pip version(s) ansible-test bootstraps are read from the installed
``ansible_test/_internal/python_requirements.py`` (``get_venv_packages``), so this keeps
working when ansible-core is upgraded (2.19 uses pip 24.2, 2.21 uses 25.2).
The stand-in is written to ``~/.ansible/test/cache/get_pip_<ver>.py`` for each version.
"""

from __future__ import annotations

import importlib.util
import os
import re
import shutil
import sys

# pip='24.2' (dict(...) keyword form) or 'pip': '24.2' (dict literal form)
PIP_VERSION_RE = re.compile(r"""(?:\bpip\s*=\s*|['"]pip['"]\s*:\s*)['"](\d+(?:\.\d+)+)['"]""")


def pip_versions() -> list[str]:
    """Return the pip versions the installed ansible-test bootstraps into its venvs."""
    spec = importlib.util.find_spec('ansible_test')
    if spec is None or not spec.submodule_search_locations:
        raise SystemExit('ERROR: ansible_test is not installed for %s' % sys.executable)
    path = os.path.join(list(spec.submodule_search_locations)[0], '_internal', 'python_requirements.py')
    with open(path, encoding='utf-8') as source:
        versions = sorted(set(PIP_VERSION_RE.findall(source.read())))
    if not versions:
        raise SystemExit('ERROR: no pip version found in %s; ansible-test changed, update %s' % (path, __file__))
    return versions


def main() -> int:
    """Copy the stand-in into ansible-test's cache for every pip version it uses."""
    standin = os.path.join(os.path.dirname(os.path.abspath(__file__)), 'get_pip_standin.py')
    cache_dir = os.path.expanduser('~/.ansible/test/cache')
    os.makedirs(cache_dir, exist_ok=True)
    for version in pip_versions():
        target = os.path.join(cache_dir, 'get_pip_%s.py' % version.replace('.', '_'))
        shutil.copyfile(standin, target)
        print('pip bootstrap stand-in: %s' % target)
    return 0


if __name__ == '__main__':
    sys.exit(main())
