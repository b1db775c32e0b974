# -*- coding: utf-8 -*-
# Copyright: (c) 2026, pingone.platform maintainers
# GNU General Public License v3.0+ (see LICENSE or https://www.gnu.org/licenses/gpl-3.0.txt)
"""A newcomer's first hour (issue 12), through real ansible-playbook against the simulator: every
example of docs/examples/ under --check on a fresh organization, the module_defaults recipe with a
later pingone_token task, the case-only name clash of pingone_environment in check mode, messages
that say where a value came from, and `make sim` (tools/sim.sh) started, used and stopped."""

from __future__ import annotations

import glob
import hashlib
import json
import os
import shlex
import subprocess
import sys
import time

import pytest
from ansible.release import __version__ as CORE_VERSION   # the ansible-core whose ansible-playbook the tests run

from pingone_simulator import ADMIN_ENV_ID, SANDBOX_ENV_ID  # pylint: disable=import-error
from calls import writes  # pylint: disable=import-error

ROOT = os.path.dirname(os.path.dirname(os.path.dirname(os.path.abspath(__file__))))
EXAMPLES = sorted(glob.glob(os.path.join(ROOT, 'docs', 'examples', '*.yml')))
BIN = os.path.dirname(sys.executable)
UNKNOWN_ENV = '11111111-2222-4333-8444-555555555555'


@pytest.fixture(autouse=True)
def organization(ansible):
    """Every test starts from the configured organization: environments created earlier are gone."""
    ansible.sim.app.platform.reset()
    ansible.sim.reset()
    yield ansible.sim.app.platform


def token_requests(ansible):
    return [r for r in ansible.sim.requests() if r['method'] == 'POST' and r['path'].endswith('/as/token')]


# --- item 3: every example runs with --check ----------------------------------------------------------
def test_there_are_examples():
    assert len(EXAMPLES) >= 3 and os.path.join(ROOT, 'docs', 'examples', 'create_test_environment.yml') in EXAMPLES


@pytest.mark.parametrize('example', EXAMPLES, ids=[os.path.basename(path) for path in EXAMPLES])
def test_every_example_runs_in_check_mode_on_a_fresh_organization(ansible, example):
    run = ansible.run(example, check=True)
    assert run.rc == 0, run.output[-3000:]
    assert 'failed' not in run.statuses and 'ignored' not in run.statuses
    assert writes(ansible) == []   # check mode reads, and never writes


def test_check_mode_of_the_provisioning_example_plans_everything_once_the_environment_exists(ansible):
    example = os.path.join(ROOT, 'docs', 'examples', 'create_test_environment.yml')
    first = ansible.run(example, check=True)
    skipped = [record['task'] for record in first.records if record['status'] == 'skipped']
    assert 'Create a population in it' in skipped   # {} for the environment: the block waits for an id
    created = ansible.run(example)
    assert created.rc == 0, created.output[-3000:]
    ansible.sim.reset()
    again = ansible.run(example, check=True)
    assert again.rc == 0 and 'skipped' not in again.statuses, again.output[-3000:]
    assert writes(ansible) == [] and 'changed' not in again.statuses


def guide_playbook(tmp_path):
    """The playbook of docs/try-it-locally.md ("Run your own playbook"), as a file."""
    with open(os.path.join(ROOT, 'docs', 'try-it-locally.md'), encoding='utf-8') as handle:
        text = handle.read()
    section = text.split('## Run your own playbook', 1)[1]
    playbook = section.split('```yaml\n', 1)[1].split('```', 1)[0]
    path = tmp_path / 'my_playbook.yml'
    path.write_text('---\n' + playbook)
    return str(path)


def test_the_playbook_of_the_guide_runs_checked_then_for_real_then_unchanged(ansible, tmp_path):
    playbook = guide_playbook(tmp_path)
    checked = ansible.run(playbook, check=True)
    assert checked.rc == 0 and writes(ansible) == [], checked.output[-3000:]
    assert [r['task'] for r in checked.records if r['status'] == 'skipped'] == ['Create a user in that population (once it exists; in '
                                                                                '--check it may not yet)']
    done = ansible.run(playbook)
    assert done.rc == 0 and 'skipped' not in done.statuses, done.output[-3000:]
    assert [method for method, _path in writes(ansible)] == ['POST', 'POST']
    ansible.sim.reset()
    again = ansible.run(playbook)
    assert again.rc == 0 and 'changed' not in again.statuses and writes(ansible) == []
    assert len(token_requests(ansible)) == 1   # the module_defaults recipe: one token for the play


# --- item 2: the module_defaults recipe, with a later pingone_token task --------------------------------
def test_module_defaults_recipe_gives_every_module_of_the_group_the_token(ansible):
    run = ansible.run('module_defaults_token.yml', extra_vars={'target_environment_id': SANDBOX_ENV_ID})
    assert run.rc == 0, run.output[-3000:]
    report = run.result('Report')['msg']
    # The later token task handed back the same token, unmasked: were access_token no_log on pingone_token, Ansible would
    # return it as VALUE_SPECIFIED_IN_NO_LOG_PARAMETER (it equals the option's value), and the hashes would differ.
    assert report['reused'] is True and report['same_token'] is True
    assert report['population'] == 'Newcomers' and report['user'] == 'newcomer' and report['group_members'] == ['newcomer']
    assert report['application'] == 'Newcomer app' and report['environment_changed'] is False
    # int(): before ansible-core 2.19 a template inside a dict renders as text ('1')
    assert [int(report[kind]) for kind in ('users', 'groups', 'applications')] == [1, 1, 1] and 'Newcomers' in report['populations']
    # One token request for the whole play: the API tasks used the group's token, the later token task reused it.
    assert len(token_requests(ansible)) == 1 and len(run.issued_tokens) == 1
    api_calls = [r for r in ansible.sim.requests() if r['path'].startswith('/v1/')]
    assert len(api_calls) >= 12
    assert {r['headers']['Authorization'] for r in api_calls} == {'Bearer ' + run.issued_tokens[0]}
    assert hashlib.sha256(run.issued_tokens[0].encode()).hexdigest() in run.output   # the first hash, printed by set_fact


def test_module_defaults_without_default_omit_fails_on_the_token_task(ansible):
    run = ansible.run('module_defaults_no_omit.yml')
    assert run.rc != 0 and token_requests(ansible) == []
    failed = [record for record in run.records if record['status'] == 'failed']
    assert [record['task'] for record in failed] == ['Get a token'], run.output[-3000:]
    if tuple(int(part) for part in CORE_VERSION.split('.')[:2]) < (2, 19):
        assert failed[0]['result'].get('censored'), failed[0]['result']   # the task's no_log hides its templating error too
    else:
        assert "'token' is undefined" in run.output


# --- item 4: the case-only clash of pingone_environment, in check mode too ------------------------------
def test_a_name_differing_only_in_case_fails_in_check_mode_and_writes_nothing(ansible):
    created = ansible.run('environment.yml', extra_vars={'env_options': {'name': 'Newcomer env', 'license_name': 'PingOne Premium'}})
    assert created.rc == 0 and created.result('Manage the environment')['changed'] is True, created.output[-3000:]
    ansible.sim.reset()
    run = ansible.run('environment.yml', check=True, extra_vars={'env_options': {'name': 'newcomer ENV', 'license_name': 'PingOne Premium'}})
    result = run.result('Manage the environment')
    assert result['failed'] and result['option'] == 'name'
    assert result['msg'] == ("No environment has the name 'newcomer ENV', but 'Newcomer env' differs from it only in case, and PingOne "
                             "compares names ignoring case, so creating 'newcomer ENV' would fail: use the exact name 'Newcomer env', "
                             "or rename that environment first.")
    assert writes(ansible) == []
    assert [env['name'] for env in ansible.sim.app.platform.environments.values() if env['name'].lower() == 'newcomer env'] == \
        ['Newcomer env']


# --- item 5: messages say where a value came from ----------------------------------------------------
def test_pingone_region_instead_of_pingone_region_code_is_warned_about(ansible):
    run = ansible.run('token.yml', env={'PINGONE_REGION': 'EU'})
    assert run.rc == 0, run.output[-3000:]
    assert ("PINGONE_REGION is set, but no pingone.platform module reads it: the variable is PINGONE_REGION_CODE (as in Ping's tools), "
            "so region NA, the default, was used.") in ' '.join(run.output.split())


def test_a_404_on_the_target_environment_names_the_option(ansible):
    run = ansible.run('population.yml', extra_vars={'pop_options': {'target_environment_id': UNKNOWN_ENV, 'name': 'Test users'}})
    result = run.result('Manage the population')
    assert result['failed'] and result['status'] == 404
    assert ('no environment %s is visible at https://%s/v1: check target_environment_id (the ID of the environment to work in, as the '
            'PingOne console shows it) and that the environment is in the region of that host (one created a moment ago may not be '
            'visible yet); %s is api_hostname, from PINGONE_API_SERVICE_HOSTNAME.' % (UNKNOWN_ENV, ansible.sim.host, ansible.sim.host)) \
        in result['msg']


def test_pingone_api_refuses_a_path_with_v1_before_any_request(ansible):
    run = ansible.run('api.yml', extra_vars={'api_options': {'path': '/v1/environments'}})
    result = run.result('Call the API')
    assert result['failed'] and result['option'] == 'path'
    assert result['msg'].startswith('path /v1/environments starts with /v1, but the API base URL https://%s/v1 already ends in /v1'
                                    % ansible.sim.host)
    assert [r for r in ansible.sim.requests() if r['path'].startswith('/v1/')] == []


def test_an_empty_environment_id_variable_is_unset_where_access_token_makes_it_unnecessary(ansible):
    token = ansible.run('token.yml')
    assert token.rc == 0
    run = ansible.run('api.yml', env={'PINGONE_ENVIRONMENT_ID': '', 'PINGONE_API_ACCESS_TOKEN': token.issued_tokens[0]},
                      extra_vars={'api_options': {'path': '/environments/%s' % ADMIN_ENV_ID}}, tokens_may_show=True)
    result = run.result('Call the API')
    assert not result['failed'] and result['json']['id'] == ADMIN_ENV_ID, result.get('msg')


# --- item 1 and 6: make sim, a playbook of one's own against it, make sim-stop; the demo's 404 lines ------------
def sim_script(command, state_dir, collections_path, timeout=60):
    env = {key: value for key, value in os.environ.items() if not key.startswith(('PINGONE_', 'ANSIBLE_'))}
    env.update(VENV=os.path.dirname(BIN), COLLECTIONS_DIR=collections_path, SIM_STATE_DIR=str(state_dir))
    return subprocess.run([os.path.join(ROOT, 'tools', 'sim.sh'), command], env=env, capture_output=True, text=True, timeout=timeout,
                          check=False)


def exported(output):
    """NAME -> value of the export lines printed, as a shell would set them (PATH, which extends $PATH, left out)."""
    values = {}
    for line in output.splitlines():
        if line.startswith('export ') and not line.startswith('export PATH='):
            name, _sep, value = shlex.split(line[len('export '):])[0].partition('=')
            values[name] = value
    return values


def test_make_sim_runs_the_simulator_for_a_playbook_of_ones_own_and_stops_it(ansible, collections_path, tmp_path):
    state = tmp_path / 'sim'
    started = sim_script('start', state, collections_path)
    try:
        assert started.returncode == 0, started.stdout + started.stderr
        values = exported(started.stdout)
        assert sorted(values) == ['ANSIBLE_COLLECTIONS_PATH', 'PINGONE_API_SERVICE_HOSTNAME', 'PINGONE_AUTH_SERVICE_HOSTNAME',
                                  'PINGONE_CA_PATH', 'PINGONE_CLIENT_ID', 'PINGONE_CLIENT_SECRET', 'PINGONE_ENVIRONMENT_ID']
        info = json.loads((state / 'simulator.json').read_text())
        assert values['PINGONE_CLIENT_SECRET'] == info['client_secret'] and values['PINGONE_AUTH_SERVICE_HOSTNAME'] == info['host']
        assert values['ANSIBLE_COLLECTIONS_PATH'] == os.path.realpath(collections_path)
        assert 'make sim-stop' in started.stdout and "simulator's built-in demo client" in started.stdout
        pid = int((state / 'simulator.pid').read_text())
        assert info['host'] != ansible.sim.host   # its own simulator, not the test session's

        # `tools/sim.sh env` prints the same lines, for eval; a second start finds the running one.
        assert exported(sim_script('env', state, collections_path).stdout) == values
        again = sim_script('start', state, collections_path)
        assert again.returncode == 0 and 'already running (pid %d)' % pid in again.stdout and exported(again.stdout) == values

        # A playbook of one's own with nothing but the printed exports: the examples, for real.
        for example in ('get_token.yml', 'create_test_environment.yml'):
            run = ansible.run(os.path.join(ROOT, 'docs', 'examples', example), env=values)
            assert run.rc == 0, run.output[-3000:]
        log = (state / 'simulator.log').read_text()
        assert 'POST /v1/environments -> 201' in log
        # The 404 right after the create says why (item 6).
        assert ' -> 404 (created a moment ago, not visible yet, as in PingOne: the module waits for it and asks again)' in log
    finally:
        stopped = sim_script('stop', state, collections_path)
    assert stopped.returncode == 0 and 'stopped the simulator' in stopped.stdout, stopped.stdout + stopped.stderr
    for _attempt in range(50):
        if not os.path.exists('/proc/%d' % pid):
            break
        time.sleep(0.1)
    assert not os.path.exists('/proc/%d' % pid) and not (state / 'simulator.json').exists() and not (state / 'simulator.pid').exists()
    assert 'no simulator started by' in sim_script('stop', state, collections_path).stdout   # stopping twice is harmless


def test_make_sim_and_sim_stop_are_make_targets():
    for target, command in (('sim', 'tools/sim.sh start'), ('sim-stop', 'tools/sim.sh stop')):
        dry = subprocess.run(['make', '-n', target], cwd=ROOT, capture_output=True, text=True, timeout=120, check=False)
        assert dry.returncode == 0 and command in dry.stdout, dry.stdout + dry.stderr
    help_text = subprocess.run(['make', 'help'], cwd=ROOT, capture_output=True, text=True, timeout=120, check=False).stdout
    assert 'sim ' in help_text and 'sim-stop' in help_text
