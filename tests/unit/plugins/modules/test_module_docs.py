# -*- coding: utf-8 -*-
# Copyright: (c) 2026, pingone.platform maintainers
# GNU General Public License v3.0+ (see LICENSE or https://www.gnu.org/licenses/gpl-3.0.txt)
"""The generated blocks of the modules' documentation are what tools/module_docs.py writes.

RETURN cannot use a doc fragment, and choices are YAML, so the failure keys of PingOneError.to_result()
and what the kind registry and module_utils' tables know are written into each module by the tool
(between "# BEGIN generated" and "# END generated" comments); this is its --check.
"""

from __future__ import annotations

import importlib.util
import os
import sys

import pytest
import yaml

ROOT = os.path.dirname(os.path.dirname(os.path.dirname(os.path.dirname(os.path.dirname(os.path.abspath(__file__))))))


def load_tool():
    spec = importlib.util.spec_from_file_location('_tool_module_docs', os.path.join(ROOT, 'tools', 'module_docs.py'))
    module = importlib.util.module_from_spec(spec)
    sys.modules[spec.name] = module   # its dataclasses look their module up there
    spec.loader.exec_module(module)
    return module


TOOL = load_tool()


def test_every_generated_block_is_in_step():
    stale = [os.path.relpath(path, ROOT) for path, _text in TOOL.stale()]
    assert not stale, 'run .venv/bin/python tools/module_docs.py and commit: %s' % ', '.join(stale)


def test_failure_keys_are_those_to_result_adds():
    assert set(TOOL.result_keys()) == set(TOOL.FAILURE_KEYS)


def test_a_block_reads_back_as_the_yaml_it_stands_for():
    lines = TOOL.failure_keys('pingone_token', '')
    documented = yaml.safe_load('\n'.join(lines))
    assert documented['error_description']['sample'] == 'Request denied: Invalid client credentials'
    assert documented['status']['sample'] == 401 and 'details' not in documented
    assert all(len(line) <= TOOL.WIDTH for line in lines)


def test_choices_fold_and_read_back():
    values = ['kind_%02d_with_a_long_name' % number for number in range(20)]
    lines = TOOL.flow_list('choices', values, '    ')
    assert len(lines) > 1 and all(len(line) <= TOOL.WIDTH for line in lines)
    assert yaml.safe_load('\n'.join(line[4:] for line in lines)) == {'choices': values}


def test_a_module_without_markers_for_its_block_is_an_error():
    source = "RETURN = r'''\nx: 1\n'''\n    fail_module(module, error)\n"
    with pytest.raises(SystemExit, match='no markers for failure-keys'):
        TOOL.rewrite('pingone_user', source)


def test_markers_the_tool_does_not_know_are_an_error():
    source = "DOCUMENTATION = r'''\n# BEGIN generated other\n# END generated other\n'''\n"
    with pytest.raises(SystemExit, match="markers of 'other'"):
        TOOL.rewrite('pingone_user', source)


def test_a_block_is_written_between_its_markers_at_their_indent():
    source = ("DOCUMENTATION = r'''\noptions:\n  status:\n    type: str\n    # BEGIN generated status-choices\n    choices: [old]\n"
              "    # END generated status-choices\n'''\n")
    text = TOOL.rewrite('pingone_license_info', source)
    assert '    choices: [ACTIVE, EXPIRED, FUTURE, TERMINATED]\n    # END generated status-choices\n' in text
    documented = yaml.safe_load(text.split("r'''\n")[1].split("'''")[0])
    assert documented['options']['status']['choices'] == ['ACTIVE', 'EXPIRED', 'FUTURE', 'TERMINATED']


def test_a_failure_key_documented_outside_the_block_too_is_an_error():
    source = "RETURN = r'''\noption:\n  type: str\n# BEGIN generated failure-keys\n# END generated failure-keys\n'''\n"
    with pytest.raises(SystemExit, match='option both in the failure-keys block and outside it'):
        TOOL.check_returns('pingone_user', TOOL.rewrite('pingone_user', source + 'def main():\n    fail_module(module, error)\n'))
