# -*- coding: utf-8 -*-
# Copyright: (c) 2026, pingone.platform maintainers
# GNU General Public License v3.0+ (see LICENSE or https://www.gnu.org/licenses/gpl-3.0.txt)
"""RETURN cannot use doc fragments, so each module repeats the failure keys of PingOneError.to_result():
this keeps the copies identical (docs/errors.md describes them once)."""

from __future__ import annotations

import glob
import os

import pytest
import yaml

MODULES = os.path.join(os.path.dirname(__file__), '..', '..', '..', '..', 'plugins', 'modules')
# The keys fail_module adds (besides msg), as every API module documents them; samples may differ.
FAILURE_KEYS = ('url', 'status', 'error', 'error_description', 'details', 'correlation_id', 'option')
# pingone_api returns url and status on success too, documented as such.
SUCCESS_KEYS = {'pingone_api': ('url', 'status')}
API_MODULES = sorted(os.path.basename(path)[:-3] for path in glob.glob(os.path.join(MODULES, 'pingone_*.py'))
                     if os.path.basename(path) != 'pingone_token.py')


def returns(name):
    namespace = {}
    with open(os.path.join(MODULES, name + '.py'), encoding='utf-8') as handle:
        source = handle.read()
    exec(compile(source.split('\nfrom ansible.module_utils', 1)[0], name, 'exec'), namespace)   # pylint: disable=exec-used
    return yaml.safe_load(namespace['RETURN'])


CANONICAL = returns('pingone_user')


@pytest.mark.parametrize('name', API_MODULES)
def test_failure_keys_are_documented_alike(name):
    documented = returns(name)
    for key in FAILURE_KEYS:
        assert key in documented, '%s does not document the failure key %s' % (name, key)
        if key in SUCCESS_KEYS.get(name, ()):
            continue
        assert documented[key]['type'] == CANONICAL[key]['type'], (name, key)
        assert documented[key]['returned'].split(',')[0] == CANONICAL[key]['returned'].split(',')[0], (name, key)
        if key not in ('option', 'error', 'details'):   # these name the module's own options or typical codes
            assert documented[key]['description'] == CANONICAL[key]['description'], (name, key)
