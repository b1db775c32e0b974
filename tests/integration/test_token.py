# -*- coding: utf-8 -*-
# Copyright: (c) 2026, pingone.platform maintainers
# GNU General Public License v3.0+ (see LICENSE or https://www.gnu.org/licenses/gpl-3.0.txt)
"""pingone_token through real ansible-playbook against the simulator: successes, every error row, every fault."""

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


def assert_bounded(run, options):
    """No case may outlast timeout x (retries + 1) plus the capped backoff (1 + 2 + 4 s here) and start-up."""
    bound = options.get('timeout', 30) * (options.get('retries', 3) + 1) + 7 + 10
    assert run.elapsed < bound, '%.1f s > %.1f s' % (run.elapsed, bound)


# (id, faults, options, succeeds, requests sent, words in msg or warning)
FAULTS = [
    ('429 with Retry-After then ok', [{'status': 429, 'headers': {'Retry-After': '1'}}], {}, True, 2, 'HTTP 429; retry 1 of 3 in 1.0 s'),
    ('503 burst then ok', [{'status': 503, 'times': 2}], {}, True, 3, 'HTTP 503; retry 2 of 3'),
    ('502 and 504 then ok', [{'status': 502}, {'status': 504}], {}, True, 3, 'HTTP 504; retry 2 of 3'),
    ('5xx forever', [{'status': 500, 'times': 5}], {'retries': 1}, False, 2, 'after 2 attempts: PingOne may be degraded'),
    ('429 forever', [{'status': 429, 'times': 5, 'headers': {'Retry-After': '0'}}], {'retries': 2}, False, 3,
     'failed with HTTP 429 (REQUEST_LIMITED'),
    ('reset then ok', [{'action': 'reset'}], {}, True, 2, 'closed or reset'),
    ('reset mid-body then ok', [{'action': 'reset_mid_body'}], {}, True, 2, 'retry 1 of 3'),
    ('slow answer inside the timeout', [{'action': 'delay', 'seconds': 1}], {'timeout': 5}, True, 1, None),
    ('slow answer past the timeout', [{'action': 'delay', 'seconds': 3, 'times': 2}], {'timeout': 1, 'retries': 1}, False, 2,
     'within the 1 s timeout after 2 attempts'),
    ('server never answers', [{'action': 'hang'}], {'timeout': 1, 'retries': 0}, False, 1, 'got no complete answer'),
    ('body trickled one byte a second', [{'action': 'trickle', 'interval': 1.0}], {'timeout': 2, 'retries': 0}, False, 1,
     'within the 2 s timeout'),
    ('redirect to another host', [{'action': 'redirect', 'location': 'https://elsewhere.example/as/token'}], {}, False, 1,
     'redirect (HTTP 307) to elsewhere.example, which was not followed'),
    ('captive portal HTML', [{'body': '<html><body>Sign in to the Wi-Fi</body></html>', 'content_type': 'text/html'}], {}, False, 1,
     'HTTP 200 and an HTML page instead of a PingOne token'),
    ('JSON without access_token', [{'json': {'token_type': 'Bearer', 'expires_in': 3600}}], {}, False, 1, 'JSON without an access_token'),
    ('token type not Bearer', [{'json': {'access_token': 'abc.def.ghi', 'token_type': 'N_A', 'expires_in': 3600}}], {}, False, 1,
     'a token of type N_A rather than Bearer'),
    ('20 MB body', [{'action': 'large', 'size': 20000000}], {}, False, 1, 'larger than 1024 KiB'),
]


@pytest.mark.parametrize('faults, options, succeeds, sent, words', [row[1:] for row in FAULTS], ids=[row[0] for row in FAULTS])
def test_faults(ansible, faults, options, succeeds, sent, words):
    run, result = token_task(ansible, options, faults=faults)
    assert bool(result.get('failed')) != succeeds, result.get('msg')
    assert len(ansible.sim.requests()) == sent
    if words:
        assert words in (result.get('msg', '') + ' '.join(result.get('warnings', [])))
    if succeeds:
        assert result['access_token'].count('.') == 2
    assert_bounded(run, options)


def test_connection_refused(ansible):
    run, result = token_task(ansible, {'auth_hostname': '127.0.0.1:9', 'retries': 1})
    assert 'could not reach 127.0.0.1:9: the connection was refused after 2 attempts' in result['msg']
    assert result['token_url'] == 'https://127.0.0.1:9/%s/as/token' % ADMIN_ENV_ID
    assert_bounded(run, {'retries': 1})


def test_dns_failure(ansible):
    _run, result = token_task(ansible, {'auth_hostname': 'auth.pingone.invalid', 'retries': 0})
    assert 'could not reach auth.pingone.invalid: the host name could not be resolved' in result['msg']


def test_tls_unknown_ca(ansible):
    _run, result = token_task(ansible, {'ca_path': ansible.sim.other_ca_path})
    assert 'could not verify the TLS certificate of %s' % ansible.sim.host in result['msg'] and 'ca_path' in result['msg']
    assert ansible.sim.requests() == []


def test_tls_default_trust_does_not_know_the_private_ca(ansible):
    # REQUESTS_CA_BUNDLE and the system store do not hold the simulator's CA: only ca_path makes it work.
    _run, result = token_task(ansible, env={'REQUESTS_CA_BUNDLE': '/etc/ssl/certs/ca-certificates.crt'}, unset=['PINGONE_CA_PATH'])
    assert 'could not verify the TLS certificate' in result['msg']


def test_tls_host_name_mismatch(ansible, tmp_path):
    from pingone_simulator import Simulator  # pylint: disable=import-error,import-outside-toplevel
    with Simulator(tmp_path / 'wrong-name', cert_hostnames=['wrong.example']) as wrong:
        _run, result = token_task(ansible, {'auth_hostname': wrong.host, 'ca_path': wrong.ca_path})
    assert 'the certificate does not name this host' in result['msg']


def test_validate_certs_false_warns_and_works(ansible):
    run, result = token_task(ansible, {'validate_certs': False}, unset=['PINGONE_CA_PATH'])
    assert run.rc == 0 and result['access_token'], result.get('msg')
    assert any('validate_certs is false' in warning for warning in result['warnings'])


# (id, options, env changes, option named, words)
BAD_INPUT = [
    ('missing client id', {}, {'PINGONE_CLIENT_ID': None}, 'client_id', 'client_id is required: set the client_id option or the PINGONE_CLIENT_ID'),
    ('empty secret', {}, {'PINGONE_CLIENT_SECRET': ''}, 'client_secret', 'client_secret is empty'),
    ('environment not a UUID', {'environment_id': 'my-environment'}, {}, 'environment_id', 'environment_id is not a UUID'),
    ('Postman leftover', {}, {'PINGONE_ENVIRONMENT_ID': '{{adminEnvID}}'}, 'environment_id', 'still contains a {{ ... }} placeholder'),
    ('unknown region', {'region': 'US'}, {}, 'region', "region 'US' is not a PingOne region"),
    ('http host', {'auth_hostname': 'http://auth.pingone.com'}, {}, 'auth_hostname', 'HTTPS only'),
    ('host with a path', {'api_hostname': 'api.pingone.com/v1/environments'}, {}, 'api_hostname', 'contains a path'),
    ('both custom domain and auth host', {'custom_domain': 'login.example.com'}, {}, 'custom_domain', 'both set'),
    ('missing ca_path', {'ca_path': '/nonexistent/ca.pem'}, {}, 'ca_path', 'does not exist'),
    ('zero timeout', {'timeout': 0}, {}, 'timeout', 'timeout must be more than 0'),
]


@pytest.mark.parametrize('options, env, option, words', [row[1:] for row in BAD_INPUT], ids=[row[0] for row in BAD_INPUT])
def test_bad_input_is_refused_before_any_request(ansible, options, env, option, words):
    unset = [name for name, value in env.items() if value is None]
    _run, result = token_task(ansible, options, env={k: v for k, v in env.items() if v is not None}, unset=unset)
    assert result['failed'] and words in result['msg'] and result['option'] == option
    assert ansible.sim.stats()['requests'] == 0


def test_unknown_auth_method_is_refused_before_any_request(ansible):
    _run, result = token_task(ansible, {'auth_method': 'client_secret_jwt_typo'})
    assert 'auth_method' in result['msg'] and ansible.sim.stats()['requests'] == 0


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


def test_debug_run_leaks_no_secret(ansible):
    # ANSIBLE_DEBUG prints module invocations and results; the scan in ansible.run() checks them all.
    run, result = token_task(ansible, {'retries': 0}, env={'ANSIBLE_DEBUG': '1', 'PINGONE_CLIENT_SECRET': CLIENTS['basic']['secret'] + 'x'})
    assert result['failed'] and 'refused the client credentials' in result['msg']
    assert len(run.output) > 10000
