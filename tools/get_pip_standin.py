#!/usr/bin/env python
# Copyright: (c) 2025, pingone.platform maintainers
# GNU General Public License v3.0+ (see LICENSE or https://www.gnu.org/licenses/gpl-3.0.txt)
"""Offline stand-in for the ``get-pip.py`` bootstrap script that ansible-test downloads.

ansible-test bootstraps pip into each virtual environment it creates by running
``~/.ansible/test/cache/get_pip_<ver>.py`` and, when that file is missing, downloading it
from a host that is not reachable here. ``make`` copies this file to that cache path.

It accepts the same command line as the real script: pip install arguments plus
``--no-setuptools`` / ``--no-wheel``. It bootstraps pip with ``python -m ensurepip`` in a
*subprocess* (running ensurepip in-process sets ``PIP_CONFIG_FILE=/dev/null``, so the
machine's pip configuration - certificates, indexes - would be lost), then runs
``python -m pip install <args>``.
"""

from __future__ import annotations

import os
import subprocess
import sys

IGNORED_OPTIONS = frozenset(('--no-setuptools', '--no-wheel'))


def main(argv: list[str]) -> int:
    """Bootstrap pip, then install the requested packages with it."""
    pip_args = [arg for arg in argv if arg not in IGNORED_OPTIONS]

    env = dict(os.environ)
    env.pop('PIP_CONFIG_FILE', None)

    subprocess.run(
        [sys.executable, '-m', 'ensurepip', '--default-pip'],
        check=True, env=env, stdout=subprocess.DEVNULL,
    )

    if not pip_args:
        return 0

    return subprocess.run(
        [sys.executable, '-m', 'pip', 'install'] + pip_args,
        check=False, env=env,
    ).returncode


if __name__ == '__main__':
    sys.exit(main(sys.argv[1:]))
