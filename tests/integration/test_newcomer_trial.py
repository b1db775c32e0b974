# -*- coding: utf-8 -*-
# Copyright: (c) 2026, pingone.platform maintainers
# GNU General Public License v3.0+ (see LICENSE or https://www.gnu.org/licenses/gpl-3.0.txt)
"""A newcomer's trial (issue 15, item 6), through real ansible-playbook against the simulator:
redirect URIs refused where no grant type uses them (and relative ones everywhere), before any
request; a population delete PingOne would refuse (users in it, or the default) refused before any
write, in check mode too; a name given as target_environment_id pointed at pingone_environment_info;
PingOne's own specific message without the general advice; the simulator's log one request per line
under concurrent requests, and its --token-lifetime for an expired token."""

from __future__ import annotations

import base64
import json
import os
import re
import signal
import subprocess
import sys
import threading
import time
from urllib.parse import quote_plus

import pytest
import requests

from pingone_simulator import SANDBOX_ENV_ID  # pylint: disable=import-error

ROOT = os.path.dirname(os.path.dirname(os.path.dirname(os.path.abspath(__file__))))
ENV = SANDBOX_ENV_ID
WRITES = ('POST', 'PUT', 'PATCH', 'DELETE')


@pytest.fixture(autouse=True)
def organization(ansible):
    ansible.sim.app.platform.reset()
    ansible.sim.reset()
    yield ansible.sim.app.platform


def api_requests(ansible):
    return [(r['method'], r['path']) for r in ansible.sim.requests() if r['path'].startswith('/v1/')]


def writes(ansible):
    return [(method, path) for method, path in api_requests(ansible) if method in WRITES]


def run(ansible, playbook, options, check=False):
    key = 'pop_options' if playbook == 'population.yml' else 'options'
    result_run = ansible.run(playbook, extra_vars={key: options}, check=check)
    name = 'Manage the population' if playbook == 'population.yml' else 'Run the module'
    return result_run.result(name)


def application(ansible, options, check=False):
    return run(ansible, 'application.yml', dict({'target_environment_id': ENV}, **options), check=check)


def population(ansible, options, check=False):
    return run(ansible, 'population.yml', dict({'target_environment_id': ENV}, **options), check=check)


# --- redirect URIs --------------------------------------------------------------------------------------------
@pytest.mark.parametrize('check', [False, True])
def test_redirect_uris_of_a_worker_are_refused_before_any_request(ansible, check):
    result = application(ansible, {'name': 'Automation', 'type': 'WORKER', 'redirect_uris': ['https://app.example.com/cb']}, check=check)
    assert result['failed'] and result['option'] == 'redirect_uris'
    assert result['msg'] == ('redirect_uris is set for a WORKER application without grant_types, and a WORKER gets only CLIENT_CREDENTIALS, '
                             'which sends no browser to such a URI: remove redirect_uris, or list grant_types with AUTHORIZATION_CODE or '
                             'IMPLICIT.')
    assert ansible.sim.stats()['requests'] == 0
    assert 'Automation' not in [app['name'] for app in ansible.sim.app.management.applications(ENV)]


@pytest.mark.parametrize('options, option', [
    ({'type': 'SERVICE', 'grant_types': ['CLIENT_CREDENTIALS'], 'post_logout_redirect_uris': ['https://app.example.com/']},
     'post_logout_redirect_uris'),
    ({'type': 'WEB_APP', 'redirect_uris': ['app.example.com/callback']}, 'redirect_uris'),
    ({'type': 'NATIVE_APP', 'redirect_uris': ['/callback']}, 'redirect_uris'),
    ({'type': 'SINGLE_PAGE_APP', 'redirect_uris': ['https://app.example.com/cb#x']}, 'redirect_uris'),
])
def test_other_redirect_uris_no_flow_would_use_are_refused_before_any_request(ansible, options, option):
    result = application(ansible, dict({'name': 'Portal'}, **options))
    assert result['failed'] and result['option'] == option and ansible.sim.stats()['requests'] == 0


def test_a_worker_with_the_authorization_code_grant_keeps_its_redirect_uris(ansible):
    options = {'name': 'Admin tool', 'type': 'WORKER', 'grant_types': ['CLIENT_CREDENTIALS', 'AUTHORIZATION_CODE'],
               'redirect_uris': ['https://admin.example.com/cb']}
    result = application(ansible, options)
    assert not result['failed'] and result['changed'] is True and result['application']['redirectUris'] == options['redirect_uris']


def test_an_existing_worker_given_redirect_uris_is_refused_after_the_read_and_nothing_is_written(ansible):
    assert application(ansible, {'name': 'Automation', 'type': 'WORKER'})['changed'] is True
    ansible.sim.reset()
    for check in (True, False):
        result = application(ansible, {'name': 'Automation', 'redirect_uris': ['https://app.example.com/cb']}, check=check)
        assert result['failed'] and result['option'] == 'redirect_uris'
        assert "Application 'Automation' would have redirect_uris but neither AUTHORIZATION_CODE nor IMPLICIT" in result['msg']
    assert writes(ansible) == []


# --- population deletes PingOne would refuse ------------------------------------------------------------------
@pytest.mark.parametrize('check', [True, False])
def test_deleting_a_population_that_holds_users_is_refused_before_any_write(ansible, check):
    created = population(ansible, {'name': 'Staff'})
    assert created['changed'] is True
    management = ansible.sim.app.management
    for name in ('ann', 'bob'):
        user = run(ansible, 'user.yml', {'target_environment_id': ENV, 'username': name, 'email': '%s@example.com' % name,
                                         'population': 'Staff'})
        assert not user['failed'], user['msg']
    ansible.sim.reset()
    result = population(ansible, {'name': 'Staff', 'state': 'absent'}, check=check)
    assert result['failed'] and result['option'] == 'state' and not result.get('changed')
    assert result['msg'] == ("Population 'Staff' still holds 2 users, and PingOne refuses to delete a population that has users: move them "
                             "to another population (pingone.platform.pingone_user with population) or delete them first.")
    assert writes(ansible) == [] and len(management.users(ENV)) == 2


def test_the_simulator_refuses_such_a_delete_like_pingone_with_its_own_words(ansible):
    # Past the module's check (pingone_api sends the DELETE as given): PingOne's own message, without the general advice.
    pop_id = population(ansible, {'name': 'Staff'})['population']['id']
    assert not run(ansible, 'user.yml', {'target_environment_id': ENV, 'username': 'ann', 'email': 'ann@example.com',
                                         'population_id': pop_id})['failed']
    result_run = ansible.run('api.yml', extra_vars={'api_options': {'method': 'DELETE',
                                                                    'path': '/environments/%s/populations/%s' % (ENV, pop_id)}})
    result = result_run.result('Call the API')
    assert result['failed'] and result['status'] == 400
    assert result['msg'].endswith('failed with HTTP 400 (INVALID_REQUEST: The request could not be completed. The population still holds '
                                  'users: delete them or move them to another population first.).'), result['msg']
    assert 'API reference' not in result['msg']


def test_deleting_the_default_population_is_refused_before_any_write(ansible):
    result = population(ansible, {'name': 'Default', 'state': 'absent'}, check=True)
    assert result['failed'] and result['option'] == 'state' and 'is the default population' in result['msg']
    assert writes(ansible) == []


# --- a name where the environment's ID belongs ----------------------------------------------------------------
@pytest.mark.parametrize('playbook, options', [
    ('population.yml', {'name': 'Staff'}),
    ('application.yml', {'name': 'Portal', 'type': 'WORKER'}),
    ('user_info.yml', {}),
])
def test_a_name_as_target_environment_id_points_at_pingone_environment_info(ansible, playbook, options):
    result = run(ansible, playbook, dict(options, target_environment_id='Sandbox'))
    assert result['failed'] and result['option'] == 'target_environment_id'
    assert result['msg'] == ("target_environment_id is not a UUID but looks like a name: find the environment's ID with "
                             "pingone.platform.pingone_environment_info (name: 'Sandbox') and give its environments[0].id, or copy the ID "
                             "from the PingOne console.")
    assert ansible.sim.stats()['requests'] == 0


# --- the simulator: one request per log line, and an expired token on request ------------------------------------
LOG_LINE = re.compile(r'^\[pingone-simulator\] (listening on https://127\.0\.0\.1:\d+|stopped|'
                      r'conn=\d+ (GET|POST|PUT|PATCH|DELETE) /\S* -> \d{3}( \(.+\))?)$')


def test_the_simulator_log_has_one_request_per_line_and_tokens_expire_as_configured(tmp_path):
    state = tmp_path / 'sim'
    log_path = tmp_path / 'simulator.log'
    with open(log_path, 'w', encoding='utf-8') as log:
        process = subprocess.Popen([sys.executable, os.path.join(ROOT, 'tests', 'simulator', 'pingone_simulator.py'),
                                    '--state-dir', str(state), '--token-lifetime', '2'], stdout=log, stderr=log)
    try:
        for _attempt in range(200):
            if (state / 'simulator.json').exists():
                break
            time.sleep(0.1)
        info = json.loads((state / 'simulator.json').read_text())
        session = requests.Session()
        sent = []

        def hammer(worker):
            for number in range(20):
                answer = session.get('%s/v1/environments/%s' % (info['url'], ENV), verify=info['ca_path'], timeout=30,
                                     headers={'Authorization': 'Bearer not-a-token-%d-%d' % (worker, number)})
                sent.append(answer.status_code)

        threads = [threading.Thread(target=hammer, args=(worker,)) for worker in range(20)]
        for thread in threads:
            thread.start()
        for thread in threads:
            thread.join()
        assert sent == [401] * 400

        basic = base64.b64encode(('%s:%s' % (quote_plus(info['client_id']), quote_plus(info['client_secret']))).encode()).decode()
        token = session.post(info['token_url'], data={'grant_type': 'client_credentials'}, headers={'Authorization': 'Basic ' + basic},
                             verify=info['ca_path'], timeout=30).json()
        assert token['expires_in'] == 2
        headers = {'Authorization': 'Bearer %s' % token['access_token']}
        assert session.get(info['api_url'] + '/environments', headers=headers, verify=info['ca_path'], timeout=30).status_code == 200
        time.sleep(2.5)
        expired = session.get(info['api_url'] + '/environments', headers=headers, verify=info['ca_path'], timeout=30)
        assert expired.status_code == 401 and 'expired' in json.dumps(expired.json())
    finally:
        process.send_signal(signal.SIGTERM)
        process.wait(timeout=30)
    lines = log_path.read_text(encoding='utf-8').splitlines()
    assert all(LOG_LINE.match(line) for line in lines), [line for line in lines if not LOG_LINE.match(line)][:5]
    assert len([line for line in lines if ' GET /v1/environments/%s -> 401' % ENV in line]) == 400


# --- docs/users-and-groups.md: no_log on a bulk task, and the rescue that reads each reason -----------------------
def rescue_snippet():
    with open(os.path.join(ROOT, 'docs', 'users-and-groups.md'), encoding='utf-8') as handle:
        text = handle.read()
    section = text.split('**Passwords and `no_log`.**', 1)[1]
    return section.split('```yaml\n', 1)[1].split('```', 1)[0]


def test_the_rescue_of_the_bulk_no_log_advice_shows_each_reason_and_no_password(ansible, tmp_path):
    tasks = ''.join('    ' + line if line.strip() else line for line in rescue_snippet().splitlines(True))
    playbook = tmp_path / 'bulk_rescue.yml'
    playbook.write_text('''- name: The rescue of docs/users-and-groups.md
  hosts: localhost
  connection: local
  gather_facts: false
  vars:
    test_environment: {environment: {id: %s}}
    test_users:
      - {username: ann, email: ann@example.com, password: "Fir5t-Passw0rd!"}
      - {username: bob, email: not-an-email, password: "Fir5t-Passw0rd!"}
  tasks:
    - name: Get a token
      pingone.platform.pingone_token:
      register: token
      no_log: true
%s''' % (ENV, tasks))
    run = ansible.run(str(playbook))
    assert run.rc != 0 and 'rescued=1' in run.output
    shown = run.result("Show each failed user's reason (the result holds no password)")
    assert list(shown['msg']) == ['bob'] and 'email must be a well-formed email address' in shown['msg']['bob']
    assert run.result('Fail with the counts')['msg'] == ("1 of 2 users failed: {'created': 1, 'updated': 0, 'unchanged': 0, 'deleted': 0, "
                                                         "'failed': 1}")
    assert 'Fir5t-Passw0rd!' not in run.output and 'Fir5t-Passw0rd!' not in run.results_text
