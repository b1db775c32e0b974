# -*- coding: utf-8 -*-
# Copyright: (c) 2026, pingone.platform maintainers
# GNU General Public License v3.0+ (see LICENSE or https://www.gnu.org/licenses/gpl-3.0.txt)
"""One token for a whole playbook: pingone_token's reuse, proven by the simulator's request count."""

from __future__ import annotations

import hashlib
import os

import pytest

from pingone_simulator import CLIENTS   # pylint: disable=import-error

ROOT = os.path.dirname(os.path.dirname(os.path.dirname(os.path.abspath(__file__))))
LONG_PLAYBOOK = os.path.join(ROOT, 'docs', 'examples', 'long_playbook.yml')


def token_requests(sim):
    return [request for request in sim.requests() if request['path'].endswith('/as/token')]


@pytest.mark.parametrize('method', ['client_secret_basic', 'private_key_jwt'])
def test_ten_phase_example_makes_one_token_request(ansible, method):
    env, client = {}, 'basic'
    if method == 'private_key_jwt':
        client = 'key'
        env = {'PINGONE_AUTH_METHOD': method, 'PINGONE_PRIVATE_KEY_PATH': ansible.sim.private_keys['key']['encrypted_path'],
               'PINGONE_PRIVATE_KEY_PASSPHRASE': CLIENTS['key']['key_passphrase']}
    run = ansible.run(LONG_PLAYBOOK, client=client, env=env)
    assert run.rc == 0, run.output[-3000:]
    report = run.result('Report the run')['msg']
    assert int(report['phases_done']) == 10
    assert len(token_requests(ansible.sim)) == 1 and ansible.sim.stats()['tokens_issued'] == 1
    token = ansible.sim.issued_tokens()[0]
    assert report['token_sha256'] == hashlib.sha256(token.encode()).hexdigest()
    api_calls = [request for request in ansible.sim.requests() if request['path'].startswith('/v1/')]
    assert len(api_calls) == 10 and {request['headers']['Authorization'] for request in api_calls} == {'Bearer ' + token}
    assert len([name for name in run.tasks if 'get a token, or reuse' in name]) == 10


@pytest.mark.parametrize('min_ttl, requests_sent, reused', [(300, 1, [False, True, True]), (3600, 3, [False, False, False])])
def test_min_ttl_decides(ansible, min_ttl, requests_sent, reused):
    run = ansible.run('reuse_three.yml', extra_vars={'min_ttl': min_ttl})
    assert run.rc == 0, run.output[-3000:]
    report = run.result('Report what each task did')['msg']
    assert report['reused'] == reused
    assert report['same_token'] == [requests_sent == 1, requests_sent == 1]
    assert len(token_requests(ansible.sim)) == requests_sent


def test_a_token_of_another_client_is_not_reused(ansible):
    first = ansible.run('auth_token.yml', extra_vars={'pingone': {}}, client='basic').result('Get a token')
    previous = first['ansible_facts']['pingone_token']
    second = ansible.run('auth_token.yml', extra_vars={'pingone': {'reuse': previous, 'auth_method': 'client_secret_post'}},
                         client='post').result('Get a token')
    assert second['reused'] is False and second['client_id'] == CLIENTS['post']['id'] and second['access_token'] != first['access_token']
    again = ansible.run('auth_token.yml', extra_vars={'pingone': {'reuse': previous}}, client='basic').result('Get a token')
    assert again['reused'] is True and again['access_token'] == first['access_token']
    assert len(token_requests(ansible.sim)) == 2
