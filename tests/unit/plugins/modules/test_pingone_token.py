# -*- coding: utf-8 -*-
# Copyright: (c) 2026, pingone.platform maintainers
# GNU General Public License v3.0+ (see LICENSE or https://www.gnu.org/licenses/gpl-3.0.txt)

from __future__ import annotations

import json

from ansible_collections.pingone.platform.plugins.modules import pingone_token
from ansible_collections.pingone.platform.plugins.module_utils import transport as transport_module
from ansible_collections.pingone.platform.plugins.module_utils.errors import PingOneDependencyError
from ansible_collections.pingone.platform.tests.unit.fakes import CLIENT_ID, ENV_ID, SECRET, Answer, run_module, token_answer

ARGS = {'environment_id': ENV_ID, 'client_id': CLIENT_ID, 'client_secret': SECRET, 'region': 'AU'}


def test_success_returns_token_and_fact(api, monkeypatch):
    api.answers.append(token_answer())
    failed, result = run_module(pingone_token.main, dict(ARGS), monkeypatch)
    assert not failed and result['changed'] is False
    assert result['access_token'].startswith('eyJ') and result['token_type'] == 'Bearer'
    assert result['region'] == 'AU' and result['api_url'] == 'https://api.pingone.com.au/v1'
    assert result['token_url'] == 'https://auth.pingone.com.au/%s/as/token' % ENV_ID
    fact = result['ansible_facts']['pingone_token']
    assert fact == {key: result[key] for key in fact} and len(fact) == 12
    assert fact['client_id'] == CLIENT_ID and fact['scopes'] == [] and result['reused'] is False and 'reused' not in fact
    assert api.sent[0].url == result['token_url']
    # Nothing else goes over this connection (the API is another host): the server may close it at once.
    assert api.sent[0].headers['Connection'] == 'close'


def test_check_mode_still_fetches(api, monkeypatch):
    api.answers.append(token_answer())
    failed, result = run_module(pingone_token.main, dict(ARGS, _ansible_check_mode=True), monkeypatch)
    assert not failed and result['access_token'] and len(api.sent) == 1


def test_env_vars_are_the_fallback(api, monkeypatch):
    api.answers.append(token_answer())
    monkeypatch.setenv('PINGONE_ENVIRONMENT_ID', ENV_ID)
    monkeypatch.setenv('PINGONE_CLIENT_ID', CLIENT_ID)
    monkeypatch.setenv('PINGONE_CLIENT_SECRET', SECRET)
    monkeypatch.setenv('PINGONE_REGION_CODE', 'Europe')
    monkeypatch.setenv('PINGONE_SCOPES', 'p1:read:user,p1:update:user')
    monkeypatch.setenv('PINGONE_AUTH_METHOD', 'client_secret_post')
    failed, result = run_module(pingone_token.main, {}, monkeypatch)
    assert not failed and result['region'] == 'EU'
    expected_tail = b'scope=p1%3Aread%3Auser+p1%3Aupdate%3Auser&client_id=' + CLIENT_ID.encode() + b'&client_secret=S%C3%ABcret%2B%2F%3D%25%3A~%26-unit'
    assert api.sent[0].body.endswith(expected_tail)


def test_failure_keys(api, monkeypatch):
    description = 'Request denied: Invalid client credentials (Correlation ID: abc-123)'
    api.answers.append(Answer(401, {'error': 'invalid_client', 'error_description': description}))
    failed, result = run_module(pingone_token.main, dict(ARGS), monkeypatch)
    assert failed
    assert result['token_url'] == 'https://auth.pingone.com.au/%s/as/token' % ENV_ID
    assert (result['status'], result['error'], result['error_description'], result['correlation_id']) == (
        401, 'invalid_client', 'Request denied: Invalid client credentials', 'abc-123')
    assert result['msg'].startswith('PingOne refused the client credentials')
    assert SECRET not in json.dumps(result)


def test_bad_input_fails_before_any_request(api, monkeypatch):
    failed, result = run_module(pingone_token.main, dict(ARGS, client_id='{{adminAppID}}'), monkeypatch)
    assert failed and result['option'] == 'client_id' and result['token_url'] is None
    assert api.sent == []


def test_unknown_auth_method_is_refused_by_the_argument_spec(api, monkeypatch):
    failed, result = run_module(pingone_token.main, dict(ARGS, auth_method='client_secret_jwt_typo'), monkeypatch)
    assert failed and 'auth_method' in result['msg'] and api.sent == []


def test_missing_requests_library_fails_with_missing_required_lib(api, monkeypatch):
    def no_requests():
        raise PingOneDependencyError('requests', 'No module named requests')

    monkeypatch.setattr(transport_module, 'import_requests', no_requests)
    failed, result = run_module(pingone_token.main, dict(ARGS), monkeypatch)
    assert failed and 'Failed to import the required Python library (requests)' in result['msg']
