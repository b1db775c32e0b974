# -*- coding: utf-8 -*-
# Copyright: (c) 2026, pingone.platform maintainers
# GNU General Public License v3.0+ (see LICENSE or https://www.gnu.org/licenses/gpl-3.0.txt)
"""pingone_token's action plugin: a token reused on the controller starts no module process, and returns what the module would.

Two observables show whether a task started the module: its section of the -vvvv output (the
module's EXEC and PUT lines, and "Using module file"), and the module files Ansible leaves behind
with ANSIBLE_KEEP_REMOTE_FILES (one AnsiballZ_pingone_token.py per module run). Both are checked
against a task that runs the module on purpose, so a change in Ansible's output cannot make the
test pass by seeing nothing.
"""

from __future__ import annotations

import glob
import json
import os
import re

import pytest

from pingone_simulator import CLIENTS   # pylint: disable=import-error

MODULE_MARKS = ('AnsiballZ_pingone_token', 'Using module file', '> EXEC ', '> PUT ')


def task_sections(output):
    """Task name -> its part of the -vvvv output (from its TASK line to the next TASK or PLAY line)."""
    sections = {}
    for match in re.finditer(r'^TASK \[(?P<name>[^\]]*)\][^\n]*\n(?P<body>.*?)(?=^TASK \[|^PLAY |\Z)', output, re.M | re.S):
        sections[match.group('name')] = match.group('body')
    return sections


def started_module(run, task):
    section = task_sections(run.output).get(task)
    assert section is not None, 'no output for task %r' % task
    return [mark for mark in MODULE_MARKS if mark in section]


def module_files(remote_tmp):
    return glob.glob(os.path.join(str(remote_tmp), '**', 'AnsiballZ_pingone_token.py'), recursive=True)


def token_requests(sim):
    return [request for request in sim.requests() if request['path'].endswith('/as/token')]


def keep_files(tmp_path):
    remote_tmp = tmp_path / 'remote-tmp'
    remote_tmp.mkdir(exist_ok=True)
    return remote_tmp, {'ANSIBLE_KEEP_REMOTE_FILES': '1', 'ANSIBLE_REMOTE_TEMP': str(remote_tmp)}


def without(result, *keys):
    return {key: value for key, value in result.items() if key not in keys}


@pytest.mark.parametrize('check, show, inject', [(False, False, None), (True, False, None), (False, True, None), (False, True, 'true')],
                         ids=['no_log', 'check mode', 'shown', 'shown with INJECT_INVOCATION'])
def test_reuse_on_the_controller_starts_no_module_and_returns_what_the_module_returns(ansible, tmp_path, check, show, inject):
    remote_tmp, env = keep_files(tmp_path)
    if inject:   # ansible-core 2.21 adds a module's invocation to its result only when told to (older ones always do)
        env['ANSIBLE_INJECT_INVOCATION'] = inject
    results_file = tmp_path / 'results.json'
    run = ansible.run('reuse_controller.yml', extra_vars={'results_file': str(results_file), 'show': show}, env=env, check=check)
    assert run.rc == 0, run.output[-3000:]

    # Two module runs: the first token and the reuse left to the module; the two controller reuses start none.
    assert started_module(run, 'Get a token') and started_module(run, 'Reuse it through the module')
    assert started_module(run, 'Reuse it on the controller') == []
    assert started_module(run, 'Reuse the fact on the controller, told to keep 10 minutes') == []
    assert len(module_files(remote_tmp)) == 2, module_files(remote_tmp)
    assert len(token_requests(ansible.sim)) == 1

    results = json.loads(results_file.read_text())
    first, on_controller, through_module = results['first'], results['on_controller'], results['through_module']
    assert first['reused'] is False and on_controller['reused'] is True and through_module['reused'] is True
    assert results['from_fact']['reused'] is True
    # Every key and value the module returns on reuse.
    assert on_controller == through_module
    assert without(on_controller, 'reused', 'invocation') == without(first, 'reused', 'invocation')
    assert on_controller['ansible_facts'] == {'pingone_token': first['ansible_facts']['pingone_token']}
    assert results['fact_from_controller'] == results['fact_after_module'] == first['ansible_facts']['pingone_token']
    assert on_controller['changed'] is False and CLIENTS['basic']['secret'] not in json.dumps(results)
    # What the callbacks saw: the same results (censored with no_log), as for the module.
    seen = {name: [record for record in run.records if record['task'] == name] for name in
            ('Reuse it on the controller', 'Reuse it through the module')}
    assert [[record['status'] for record in records] for records in seen.values()] == [['ok'], ['ok']]
    controller, module = (records[0]['result'] for records in seen.values())
    assert bool(controller.get('censored')) is bool(module.get('censored')) is not show
    assert controller == module
    assert ('invocation' in controller) is ('invocation' in module)
    if show and (inject or 'invocation' in module):   # the invocation, no_log options masked as the module masks them
        assert controller['invocation']['module_args']['client_secret'] == 'VALUE_SPECIFIED_IN_NO_LOG_PARAMETER'
        assert controller['invocation']['module_args']['min_ttl'] == 300 and controller['invocation']['module_args']['reuse']


def test_connection_options_from_module_defaults_are_seen_on_the_controller(ansible, tmp_path):
    remote_tmp, env = keep_files(tmp_path)
    info = ansible.sim.info()
    pingone = {'environment_id': info['environment_id'], 'client_id': CLIENTS['basic']['id'], 'client_secret': CLIENTS['basic']['secret'],
               'hostname': info['host'], 'ca_path': info['ca_path']}
    unset = ('PINGONE_ENVIRONMENT_ID', 'PINGONE_CLIENT_ID', 'PINGONE_CLIENT_SECRET', 'PINGONE_AUTH_SERVICE_HOSTNAME',
             'PINGONE_API_SERVICE_HOSTNAME', 'PINGONE_CA_PATH')
    run = ansible.run('reuse_controller_defaults.yml', extra_vars={'pingone': pingone}, env=env, unset=unset)
    assert run.rc == 0, run.output[-3000:]
    assert run.result('Report')['msg'] == {'reused': [True, True], 'same_token': True}
    assert started_module(run, 'Get a token (group defaults)')
    assert started_module(run, 'Reuse it on the controller (group defaults)') == []
    assert started_module(run, 'Reuse it on the controller (module defaults)') == []
    assert len(module_files(remote_tmp)) == 1 and len(token_requests(ansible.sim)) == 1


@pytest.mark.parametrize('pingone, option, message', [
    ({'min_ttl': -1}, 'min_ttl', 'min_ttl must be from 0 to 86400 seconds.'),
    ({'client_secret': ''}, 'client_secret', 'client_secret is empty: set the client_secret option or the PINGONE_CLIENT_SECRET environment variable.'),
])
def test_bad_input_with_reuse_fails_in_the_module_with_its_message(ansible, tmp_path, pingone, option, message):
    first = ansible.run('auth_token.yml', extra_vars={'pingone': {}}).result('Get a token')
    remote_tmp, env = keep_files(tmp_path)
    run = ansible.run('auth_token.yml', extra_vars={'pingone': dict(pingone, reuse=first['ansible_facts']['pingone_token'])}, env=env)
    result = run.result('Get a token')
    assert result['failed'] and result['option'] == option and result['msg'] == message
    assert started_module(run, 'Get a token') and len(module_files(remote_tmp)) == 1
    assert len(token_requests(ansible.sim)) == 1
