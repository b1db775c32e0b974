# -*- coding: utf-8 -*-
# Copyright: (c) 2026, pingone.platform maintainers
# GNU General Public License v3.0+ (see LICENSE or https://www.gnu.org/licenses/gpl-3.0.txt)
"""pingone_token through real ansible-playbook against the simulator: successes and every error row.

The fault catalogue is in test_faults.py, the bad-input catalogue in test_bad_input.py.
"""

from __future__ import annotations

import hashlib
import time

import pytest

from pingone_simulator import ADMIN_ENV_ID, CLIENTS  # pylint: disable=import-error

UNKNOWN_ENV = '11111111-2222-4333-8444-555555555555'
TASK = 'Get a token'


def token_task(ansible, options=None, faults=None, **kwargs):
    if faults:
        ansible.sim.add_faults(faults)
    started = time.monotonic()
    run = ansible.run('token.yml', extra_vars={'pingone': options or {}}, **kwargs)
    run.elapsed = time.monotonic() - started
    return run, run.result(TASK)


def test_basic_client_gets_a_token(ansible):
    run, result = token_task(ansible)
    assert run.rc == 0 and not result.get('failed'), result.get('msg')
    assert result['token_type'] == 'Bearer' and result['expires_in'] == 3600 and result['changed'] is False
    assert result['access_token'].count('.') == 2
    assert result['environment_id'] == ADMIN_ENV_ID and result['region'] == 'NA'
    assert result['token_url'] == '%s/%s/as/token' % (ansible.sim.url, ADMIN_ENV_ID)
    assert result['auth_url'] == ansible.sim.url and result['api_url'] == ansible.sim.url + '/v1'
    assert result['ansible_facts']['pingone_token']['access_token'] == result['access_token']
    sent = ansible.sim.requests()
    assert len(sent) == 1
    assert sent[0]['method'] == 'POST' and sent[0]['path'] == '/%s/as/token' % ADMIN_ENV_ID
    assert sent[0]['body'] == 'grant_type=client_credentials'
    assert sent[0]['headers']['Authorization'].startswith('Basic ')
    assert sent[0]['headers']['Content-Type'] == 'application/x-www-form-urlencoded'
    assert sent[0]['headers']['User-Agent'].startswith('pingone.platform/0.1.0 ')


def test_post_client_gets_a_token_with_credentials_in_the_body(ansible):
    run, result = token_task(ansible, {'auth_method': 'client_secret_post'}, client='post')
    assert run.rc == 0 and result['token_type'] == 'Bearer', result.get('msg')
    sent = ansible.sim.requests()[0]
    assert 'Authorization' not in sent['headers']
    assert sent['body'].startswith('grant_type=client_credentials&client_id=%s&client_secret=' % CLIENTS['post']['id'])


def test_granted_scope_is_returned(ansible):
    run, result = token_task(ansible, {'scopes': ['p1:read:user', 'p1:delete:everything']}, client='scoped')
    assert run.rc == 0 and result['scope'] == 'p1:read:user', result.get('msg')


def test_custom_domain(ansible):
    run, result = token_task(ansible, {'custom_domain': ansible.sim.host}, unset=['PINGONE_AUTH_SERVICE_HOSTNAME', 'PINGONE_ENVIRONMENT_ID'])
    assert run.rc == 0 and result['token_url'] == ansible.sim.url + '/as/token', result.get('msg')
    assert result['environment_id'] is None
    assert ansible.sim.requests()[0]['path'] == '/as/token'


def test_check_mode_still_fetches_the_token(ansible):
    run, result = token_task(ansible, check=True)
    assert run.rc == 0 and result['access_token'] and ansible.sim.stats()['tokens_issued'] == 1


# (id, options, client, env changes, expected status, error code, words in msg)
ERRORS = [
    ('wrong secret', {}, 'basic', {'PINGONE_CLIENT_SECRET': 'not-the-secret'}, 401, 'invalid_client', 'refused the client credentials'),
    ('unknown client', {'client_id': '99999999-8888-4777-8666-555555555555'}, 'basic', {}, 401, 'invalid_client',
     'refused the client credentials'),
    ('disabled client', {}, 'disabled', {}, 401, 'invalid_client', 'an enabled worker application'),
    ('basic sent to a post client', {}, 'post', {}, 401, 'invalid_client',
     'does not use CLIENT_SECRET_BASIC: the request carried the client id and secret in an HTTP Basic Authorization header'),
    ('post sent to a basic client', {'auth_method': 'client_secret_post'}, 'basic', {}, 401, 'invalid_client',
     'does not use CLIENT_SECRET_POST: the request carried the client id and secret in the form body'),
    ('grant not enabled', {}, 'no_grant', {}, 400, 'unauthorized_client', 'enable the Client Credentials grant type'),
    ('scope not granted', {'scopes': ['p1:delete:everything']}, 'scoped', {}, 400, 'invalid_scope', 'granted none of the requested scopes'),
    ('unknown environment', {'environment_id': UNKNOWN_ENV}, 'basic', {}, 404, 'NOT_FOUND',
     'check that environment_id is the environment that holds the worker application, and that region NA'),
]


@pytest.mark.parametrize('options, client, env, status, code, words', [row[1:] for row in ERRORS], ids=[row[0] for row in ERRORS])
def test_token_endpoint_errors(ansible, options, client, env, status, code, words):
    run, result = token_task(ansible, options, client=client, env=env)
    assert result['failed'] and run.statuses == ['ignored']
    assert words in result['msg']
    assert (result['status'], result['error']) == (status, code)
    assert result['correlation_id'] and result['token_url'].endswith('/as/token')
    assert len(ansible.sim.requests()) == 1   # never retried


def test_tls_default_trust_does_not_know_the_private_ca(ansible):
    # REQUESTS_CA_BUNDLE and the system store do not hold the simulator's CA: only ca_path makes it work.
    _run, result = token_task(ansible, env={'REQUESTS_CA_BUNDLE': '/etc/ssl/certs/ca-certificates.crt'}, unset=['PINGONE_CA_PATH'])
    assert 'could not verify the TLS certificate' in result['msg']


def test_validate_certs_false_warns_and_works(ansible):
    run, result = token_task(ansible, {'validate_certs': False}, unset=['PINGONE_CA_PATH'])
    assert run.rc == 0 and result['access_token'], result.get('msg')
    assert any('validate_certs is false' in warning for warning in result['warnings'])


def test_token_chains_by_register_and_by_fact(ansible):
    run = ansible.run('chain.yml')
    assert run.rc == 0, run.output[-3000:]
    report = run.result('Report what the chained call returned')['msg']
    assert report['environment_id'] == ADMIN_ENV_ID and report['environment_name']
    assert int(run.result('Report the second call')['msg']['status']) == 200
    issued = ansible.sim.issued_tokens()
    assert len(issued) == 1
    assert report['token_sha256'] == hashlib.sha256(issued[0].encode()).hexdigest()
    # The no_log tasks printed neither the token nor the Authorization header.
    assert issued[0] not in run.output
    api_calls = [r for r in ansible.sim.requests() if r['path'].startswith('/v1/')]
    assert [r['headers']['Authorization'] for r in api_calls] == ['Bearer ' + issued[0]] * 2


def test_module_defaults_group(ansible):
    run = ansible.run('module_defaults.yml', extra_vars={'group_environment_id': ADMIN_ENV_ID, 'group_client_id': CLIENTS['post']['id']},
                      client='post', unset=['PINGONE_ENVIRONMENT_ID', 'PINGONE_CLIENT_ID'])
    result = run.result('Get a token with only the group defaults')
    assert run.rc == 0 and result['access_token'], result.get('msg')
    assert 'client_secret=' in ansible.sim.requests()[0]['body']
