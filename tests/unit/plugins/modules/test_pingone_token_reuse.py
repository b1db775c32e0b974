# -*- coding: utf-8 -*-
# Copyright: (c) 2026, pingone.platform maintainers
# GNU General Public License v3.0+ (see LICENSE or https://www.gnu.org/licenses/gpl-3.0.txt)
"""pingone_token: reuse (no request, no requests import), min_ttl boundaries, and the JWT methods through the module."""

from __future__ import annotations

import json
import os
import subprocess
import sys
import time
from urllib.parse import parse_qsl

import jwt
import pytest

from ansible_collections.pingone.platform.plugins.modules import pingone_token
from ansible_collections.pingone.platform.plugins.module_utils import transport as transport_module
from ansible_collections.pingone.platform.tests.unit.fakes import CLIENT_ID, ENV_ID, SECRET, run_module, token_answer
from ansible_collections.pingone.platform.tests.unit.keys import LONG_SECRET, PASSPHRASE, body_lines, pem, rsa_key

ARGS = {'environment_id': ENV_ID, 'client_id': CLIENT_ID, 'client_secret': SECRET, 'region': 'EU'}
NOW = 1_800_000_000
TOKEN_URL = 'https://auth.pingone.eu/%s/as/token' % ENV_ID


@pytest.fixture
def answers(api, monkeypatch):
    """The shared fake HTTP (conftest ``api``), with the module's clock fixed at NOW."""
    monkeypatch.setattr(pingone_token.time, 'time', lambda: NOW)
    return api


def first_result(answers, monkeypatch, **args):
    answers.answers.append(token_answer(access_token='first.to.ken'))
    failed, result = run_module(pingone_token.main, dict(ARGS, **args), monkeypatch)
    assert not failed and result['reused'] is False, result.get('msg')
    return result


def no_network(monkeypatch):
    """From here on, importing requests or building a transport fails the test."""
    def explode(*_args, **_kwargs):
        raise AssertionError('the reuse path imported requests or built a transport')
    monkeypatch.setattr(transport_module, 'import_requests', explode)
    monkeypatch.setattr(transport_module.Transport, '__init__', explode)


@pytest.mark.parametrize('shape', ['fact', 'registered result', 'registered result as JSON text'])
def test_reuse_returns_the_same_token_without_any_request(answers, monkeypatch, shape):
    first = first_result(answers, monkeypatch)
    no_network(monkeypatch)
    previous = {'fact': first['ansible_facts']['pingone_token'], 'registered result': dict(first, changed=False, failed=False),
                'registered result as JSON text': json.dumps(first)}[shape]
    failed, result = run_module(pingone_token.main, dict(ARGS, reuse=previous), monkeypatch)
    assert not failed and result['reused'] is True and len(answers.sent) == 1
    assert result['ansible_facts']['pingone_token'] == first['ansible_facts']['pingone_token']
    assert {key: value for key, value in result.items() if key != 'reused'} == {key: value for key, value in first.items() if key != 'reused'}


# Run in a fresh interpreter where "import requests" fails and sockets cannot connect: the reuse path must need neither.
REUSE_IN_A_FRESH_PROCESS = r'''
import json, socket, sys
sys.modules['requests'] = None


def no_network(*args, **kwargs):
    raise AssertionError('the reuse path opened a connection')


socket.socket.connect = socket.create_connection = no_network
from ansible_collections.pingone.platform.plugins.modules import pingone_token
from ansible_collections.pingone.platform.plugins.module_utils.options import CONNECTION_OPTIONS, connection_settings
params = {name: entry.get('default') for name, entry in CONNECTION_OPTIONS.items()}
params.update(json.loads(sys.argv[1]))
token, reused = pingone_token.get_token(params, connection_settings(params), None)
print(json.dumps({'reused': reused, 'access_token': token.access_token,
                  'loaded': sorted(name for name in ('requests', 'urllib3') if sys.modules.get(name) is not None)}))
'''


def test_reuse_path_imports_no_requests_in_a_fresh_interpreter():
    from ansible_collections.pingone.platform.plugins.module_utils.regions import REGIONS, build_endpoints  # pylint: disable=import-outside-toplevel
    from ansible_collections.pingone.platform.plugins.module_utils.token import ClientCredentials, Token  # pylint: disable=import-outside-toplevel
    previous = Token('kept.to.ken', 'Bearer', 3600, time.time() + 3000).as_result(build_endpoints(REGIONS['EU'], ENV_ID),
                                                                                  ClientCredentials(CLIENT_ID, SECRET))
    params = dict(ARGS, reuse=previous, min_ttl=300)
    root = os.path.abspath(os.path.join(os.path.dirname(pingone_token.__file__), *['..'] * 5))   # the folder holding ansible_collections
    env = dict(os.environ, PYTHONPATH=os.pathsep.join([root] + [p for p in os.environ.get('PYTHONPATH', '').split(os.pathsep) if p]))
    done = subprocess.run([sys.executable, '-c', REUSE_IN_A_FRESH_PROCESS, json.dumps(params)], env=env, capture_output=True, text=True,
                          check=False, timeout=120)
    assert done.returncode == 0, done.stderr[-2000:]
    assert json.loads(done.stdout.strip().splitlines()[-1]) == {'reused': True, 'access_token': 'kept.to.ken', 'loaded': []}


@pytest.mark.parametrize('remaining, min_ttl, reused', [(300, None, True), (299, None, False), (600, 600, True), (599, 600, False),
                                                        (1, 0, True), (0, 0, True)])
def test_min_ttl_boundary(answers, monkeypatch, remaining, min_ttl, reused):
    first = first_result(answers, monkeypatch)
    monkeypatch.setattr(pingone_token.time, 'time', lambda: NOW + 3600 - remaining)
    answers.answers.append(token_answer(access_token='second.to.ken'))
    args = dict(ARGS, reuse=first['ansible_facts']['pingone_token'])
    if min_ttl is not None:
        args['min_ttl'] = min_ttl
    failed, result = run_module(pingone_token.main, args, monkeypatch)
    assert not failed and result['reused'] is reused
    assert result['access_token'] == ('first.to.ken' if reused else 'second.to.ken')
    assert len(answers.sent) == (1 if reused else 2)
    assert result['expires_at'] == first['expires_at'] if reused else result['expires_at'] != first['expires_at']


@pytest.mark.parametrize('changes', [{'client_id': '99999999-8888-4777-8666-555555555555'}, {'scopes': ['p1:read:user']},
                                     {'environment_id': '11111111-2222-4333-8444-555555555555'}, {'region': 'CA'},
                                     {'auth_hostname': 'auth.example.net'}])
def test_a_token_for_other_settings_is_not_reused(answers, monkeypatch, changes):
    first = first_result(answers, monkeypatch)
    answers.answers.append(token_answer(access_token='second.to.ken'))
    failed, result = run_module(pingone_token.main, dict(ARGS, reuse=first['ansible_facts']['pingone_token'], **changes), monkeypatch)
    assert not failed and result['reused'] is False and result['access_token'] == 'second.to.ken' and len(answers.sent) == 2


def test_a_failed_previous_result_is_not_reused(answers, monkeypatch):
    answers.answers.append(token_answer())
    failed, result = run_module(pingone_token.main, dict(ARGS, reuse={'failed': True, 'msg': 'x', 'token_url': TOKEN_URL}), monkeypatch)
    assert not failed and result['reused'] is False and len(answers.sent) == 1


def test_min_ttl_out_of_range_is_refused_before_any_request(answers, monkeypatch):
    failed, result = run_module(pingone_token.main, dict(ARGS, min_ttl=-1), monkeypatch)
    assert failed and result['option'] == 'min_ttl' and result['msg'] == 'min_ttl must be from 0 to 86400 seconds.'
    assert answers.sent == []


def test_reuse_with_bad_connection_options_still_fails(answers, monkeypatch):
    first = first_result(answers, monkeypatch)
    failed, result = run_module(pingone_token.main, dict(ARGS, client_secret='', reuse=first['ansible_facts']['pingone_token']), monkeypatch)
    assert failed and result['option'] == 'client_secret'


def test_private_key_jwt_through_the_module(answers, monkeypatch):
    answers.answers.append(token_answer())
    args = dict(ARGS, client_secret=None, auth_method='private_key_jwt', private_key=pem(rsa_key(), passphrase=PASSPHRASE),
                private_key_passphrase=PASSPHRASE, key_id='kid-9', scopes=['p1:read:user'])
    failed, result = run_module(pingone_token.main, args, monkeypatch)
    assert not failed and result['client_id'] == CLIENT_ID and result['scopes'] == ['p1:read:user'], result.get('msg')
    request = answers.sent[0]
    assert 'Authorization' not in request.headers
    form = parse_qsl(request.body.decode())
    assert [name for name, _value in form] == ['grant_type', 'scope', 'client_assertion_type', 'client_assertion']
    claims = jwt.decode(form[3][1], rsa_key().public_key(), algorithms=['RS256'], audience=TOKEN_URL,
                        options={'verify_exp': False, 'verify_iat': False})
    assert jwt.get_unverified_header(form[3][1])['kid'] == 'kid-9'
    assert (claims['iss'], claims['sub'], claims['exp'] - claims['iat']) == (CLIENT_ID, CLIENT_ID, 300)
    text = json.dumps(result)
    assert PASSPHRASE not in text and form[3][1] not in text and not [line for line in body_lines(pem(rsa_key())) if line in text]


def test_client_secret_jwt_short_secret_warns_through_the_module(answers, monkeypatch):
    answers.answers.append(token_answer())
    warnings = []
    monkeypatch.setattr(pingone_token.AnsibleModule, 'warn', lambda _self, message: warnings.append(message))
    failed, _result = run_module(pingone_token.main, dict(ARGS, auth_method='client_secret_jwt'), monkeypatch)
    assert not failed and len(warnings) == 1 and 'shorter than the 32 bytes HS256 needs' in warnings[0] and SECRET not in warnings[0]
    answers.answers.append(token_answer())
    failed, _result = run_module(pingone_token.main, dict(ARGS, auth_method='client_secret_jwt', client_secret=LONG_SECRET), monkeypatch)
    assert not failed and len(warnings) == 1   # a 64-byte secret: no second warning


@pytest.mark.parametrize('method', ['client_secret_jwt', 'private_key_jwt'])
def test_missing_pyjwt_fails_with_missing_required_lib_naming_the_method(answers, monkeypatch, method):
    monkeypatch.setitem(__import__('sys').modules, 'jwt', None)
    args = dict(ARGS, auth_method=method)
    if method == 'private_key_jwt':
        args.update(client_secret=None, private_key=pem(rsa_key()))
    failed, result = run_module(pingone_token.main, args, monkeypatch)
    assert failed and 'Failed to import the required Python library (PyJWT)' in result['msg']
    assert 'This is required for auth_method %s.' % method in result['msg'] and answers.sent == []
