# -*- coding: utf-8 -*-
# Copyright: (c) 2026, pingone.platform maintainers
# GNU General Public License v3.0+ (see LICENSE or https://www.gnu.org/licenses/gpl-3.0.txt)
"""pingone_identity_provider through its main(), against scripted PingOne answers: every request it sends is checked."""

from __future__ import annotations

import base64
import json

import pytest

from ansible_collections.pingone.platform.plugins.modules import pingone_identity_provider as module
from ansible_collections.pingone.platform.tests.unit.fakes import ENV_ID, SECRET, Answer, run_module

BASE = 'https://api.pingone.com/v1/environments/%s' % ENV_ID
IDP_ID = '5f8d4a6c-1b7e-4c9f-3a2b-4e5f6a7b8c93'
POP_ID = '1b4f0c2e-7d3a-4e5b-9c8d-0a1b2c3d4e5f'
OIDC = {'name': 'Corp', 'type': 'OPENID_CONNECT', 'enabled': True, 'client_id': 'cid', 'client_secret': SECRET, 'issuer': 'https://idp',
        'authorization_endpoint': 'https://idp/authorize', 'token_endpoint': 'https://idp/token', 'jwks_endpoint': 'https://idp/jwks',
        'scopes': ['openid', 'profile'], 'token_endpoint_auth_method': 'CLIENT_SECRET_BASIC'}
HELD = {'id': IDP_ID, 'name': 'Corp', 'type': 'OPENID_CONNECT', 'enabled': True, 'clientId': 'cid', 'issuer': 'https://idp',
        'authorizationEndpoint': 'https://idp/authorize', 'tokenEndpoint': 'https://idp/token', 'jwksEndpoint': 'https://idp/jwks',
        'scopes': ['openid', 'profile'], 'tokenEndpointAuthMethod': 'CLIENT_SECRET_BASIC', 'environment': {'id': ENV_ID},
        'createdAt': '2026-01-01T00:00:00Z'}
USERNAME = {'id': 'u1', 'name': 'username', 'value': '${providerAttributes.sub}', 'update': 'EMPTY_ONLY', 'mappingType': 'CORE'}


def page(name, *items):
    return Answer(200, {'_embedded': {name: list(items)}, '_links': {}})


def run(monkeypatch, **args):
    return run_module(module.main, dict({'target_environment_id': ENV_ID, 'access_token': 'tok'}, **args), monkeypatch)


def sent(api):
    return [(request.method, request.url[len(BASE):]) for request in api.sent]


def body(api, index):
    return json.loads(api.sent[index].body)


def test_an_oidc_provider_is_created_with_its_secret_and_population(api, monkeypatch):
    api.answers += [page('populations', {'id': POP_ID, 'name': 'Employees'}), page('identityProviders'), Answer(201, HELD)]
    failed, result = run(monkeypatch, registration_population='Employees', **OIDC)
    assert not failed and result['changed'] is True
    assert sent(api) == [('GET', '/populations'), ('GET', '/identityProviders'), ('POST', '/identityProviders')]
    sent_body = body(api, 2)
    assert sent_body['clientSecret'] == SECRET and sent_body['clientId'] == 'cid' and sent_body['registration'] == {'population': {'id': POP_ID}}
    assert result['diff']['after']['clientSecret'] == '(set by this task)' and result['diff']['after']['registration_population'] == 'Employees'
    assert SECRET not in json.dumps(result)


def test_a_second_run_writes_nothing_and_never_compares_the_secret(api, monkeypatch):
    api.answers += [page('identityProviders', HELD)]
    failed, result = run(monkeypatch, **OIDC)
    assert not failed and result['changed'] is False and sent(api) == [('GET', '/identityProviders')]
    assert 'clientSecret' not in json.dumps(result['diff'])


def test_update_secret_always_writes_it(api, monkeypatch):
    api.answers += [page('identityProviders', HELD), Answer(200, HELD)]
    failed, result = run(monkeypatch, update_secret='always', **OIDC)
    assert not failed and result['changed'] is True and sent(api)[-1] == ('PUT', '/identityProviders/%s' % IDP_ID)
    assert body(api, 1)['clientSecret'] == SECRET and 'id' not in body(api, 1)
    assert result['diff']['after']['clientSecret'] == '(set by this task)' and SECRET not in json.dumps(result)


def test_facebook_uses_app_id_and_app_secret(api, monkeypatch):
    api.answers += [page('identityProviders'), Answer(201, {'id': IDP_ID, 'name': 'FB', 'type': 'FACEBOOK', 'enabled': True, 'appId': 'a'})]
    failed, result = run(monkeypatch, name='FB', type='FACEBOOK', enabled=True, client_id='a', client_secret=SECRET)
    assert not failed and body(api, 1) == {'name': 'FB', 'type': 'FACEBOOK', 'enabled': True, 'appId': 'a', 'appSecret': SECRET}


@pytest.mark.parametrize('option, value', [('issuer', 'https://x'), ('scopes', ['openid']), ('token_endpoint', 'https://x/t')])
def test_an_oidc_option_on_saml_is_refused_before_any_request(api, monkeypatch, option, value):
    failed, result = run(monkeypatch, name='S', type='SAML', enabled=True, **{option: value})
    assert failed and result['option'] == option and 'OPENID_CONNECT' in result['msg'] and api.sent == []


def test_a_saml_option_on_oidc_and_a_secret_on_saml_are_refused(api, monkeypatch):
    failed, result = run(monkeypatch, name='O', type='OPENID_CONNECT', idp_entity_id='x')
    assert failed and result['option'] == 'idp_entity_id' and api.sent == []
    failed, result = run(monkeypatch, name='S', type='SAML', client_secret=SECRET)
    assert failed and result['option'] == 'client_secret' and api.sent == [] and SECRET not in json.dumps(result)


def test_an_unknown_population_is_refused_after_the_read_before_any_write(api, monkeypatch):
    api.answers += [page('populations', {'id': POP_ID, 'name': 'Employees'})]
    failed, result = run(monkeypatch, registration_population='Nobody', **OIDC)
    assert failed and result['option'] == 'registration_population' and 'Nobody' in result['msg']
    assert sent(api) == [('GET', '/populations')]


def test_mappings_adopt_the_core_username(api, monkeypatch):
    # Ping's description: a CORE mapping's name and update cannot change; its value can (a PUT of the mapping PingOne made).
    custom = {'id': 'c1', 'name': 'given', 'value': '${providerAttributes.given}', 'update': 'EMPTY_ONLY', 'mappingType': 'CUSTOM'}
    api.answers += [page('identityProviders', HELD), page('attributes', USERNAME, custom),
                    Answer(200, dict(USERNAME, value='${providerAttributes.email}')),
                    Answer(201, {'id': 'c2', 'name': 'email', 'value': '${providerAttributes.email}', 'update': 'EMPTY_ONLY'}), Answer(204)]
    failed, result = run(monkeypatch, attribute_mappings=[{'name': 'username', 'value': '${providerAttributes.email}'},
                                                          {'name': 'email', 'value': '${providerAttributes.email}'}], **OIDC)
    assert not failed and result['changed'] is True
    assert sent(api)[1:] == [('GET', '/identityProviders/%s/attributes' % IDP_ID), ('PUT', '/identityProviders/%s/attributes/u1' % IDP_ID),
                             ('POST', '/identityProviders/%s/attributes' % IDP_ID), ('DELETE', '/identityProviders/%s/attributes/c1' % IDP_ID)]
    assert body(api, 2) == {'name': 'username', 'value': '${providerAttributes.email}', 'update': 'EMPTY_ONLY', 'mappingType': 'CORE'} or \
        (body(api, 2)['value'] == '${providerAttributes.email}' and body(api, 2)['update'] == 'EMPTY_ONLY')
    api.answers += [page('identityProviders', HELD), page('attributes', USERNAME)]
    failed, result = run(monkeypatch, attribute_mappings=[], **OIDC)
    assert not failed and result['changed'] is False   # the core username mapping is never deleted


def test_another_update_of_the_core_username_is_refused_before_any_request(api, monkeypatch):
    failed, result = run(monkeypatch, attribute_mappings=[{'name': 'username', 'value': '${providerAttributes.sub}', 'update': 'ALWAYS'}], **OIDC)
    assert failed and result['option'] == 'attribute_mappings' and 'cannot change' in result['msg'] and api.sent == []


def test_the_type_cannot_change(api, monkeypatch):
    api.answers += [page('identityProviders', HELD)]
    failed, result = run(monkeypatch, name='Corp', type='GOOGLE', client_id='x')
    assert failed and 'Nothing was sent' in result['msg'] and sent(api) == [('GET', '/identityProviders')]


def test_absent(api, monkeypatch):
    api.answers += [page('identityProviders', HELD), Answer(204)]
    failed, result = run(monkeypatch, name='Corp', state='absent')
    assert not failed and result['changed'] is True and sent(api) == [('GET', '/identityProviders'), ('DELETE', '/identityProviders/%s' % IDP_ID)]


def test_an_update_of_another_setting_carries_the_secret_and_marks_it(api, monkeypatch):
    api.answers += [page('identityProviders', HELD), Answer(200, dict(HELD, issuer='https://idp2'))]
    options = dict(OIDC)
    options['issuer'] = 'https://idp2'
    failed, result = run(monkeypatch, **options)
    assert not failed and result['changed'] is True
    assert body(api, 1)['issuer'] == 'https://idp2' and body(api, 1)['clientSecret'] == SECRET
    assert result['diff']['before'].get('clientSecret') is None and result['diff']['after']['clientSecret'] == '(set by this task)'
    assert SECRET not in json.dumps(result)


def test_a_change_without_the_secret_is_refused_naming_client_secret(api, monkeypatch):
    # PingOne's description requires an OIDC provider's clientSecret in every PUT, and never returns it.
    api.answers += [page('identityProviders', HELD)]
    options = {key: value for key, value in OIDC.items() if key != 'client_secret'}
    failed, result = run(monkeypatch, **dict(options, issuer='https://idp2'))
    assert failed and result['option'] == 'client_secret' and result['msg'].startswith('client_secret is required to change')
    assert sent(api) == [('GET', '/identityProviders')]


def test_check_mode_writes_nothing(api, monkeypatch):
    api.answers += [page('identityProviders')]
    failed, result = run(monkeypatch, _ansible_check_mode=True, **OIDC)
    assert not failed and result['changed'] is True and sent(api) == [('GET', '/identityProviders')]
    assert result['diff']['after']['clientSecret'] == '(set by this task)' and result['identity_provider'] == {}


def test_the_worker_credentials_come_from_the_environment_not_the_providers_options(api, monkeypatch):
    from ansible_collections.pingone.platform.tests.unit.fakes import CLIENT_ID, token_answer  # pylint: disable=import-outside-toplevel
    monkeypatch.setenv('PINGONE_CLIENT_ID', CLIENT_ID)
    monkeypatch.setenv('PINGONE_CLIENT_SECRET', 'worker-secret-value')
    monkeypatch.setenv('PINGONE_ENVIRONMENT_ID', ENV_ID)
    api.answers += [token_answer(), page('identityProviders', HELD)]
    failed, result = run_module(module.main, dict({'target_environment_id': ENV_ID}, **OIDC), monkeypatch)
    assert not failed and result['changed'] is False, result.get('msg')
    token_request = api.sent[0]
    sent_text = token_request.body.decode() if isinstance(token_request.body, bytes) else (token_request.body or '')
    assert token_request.url.endswith('/as/token') and 'scope' not in sent_text and 'cid' not in sent_text
    assert CLIENT_ID in base64.b64decode(token_request.headers['Authorization'].split()[1]).decode()   # the worker's, from the environment


def _jwt(claims):
    part = base64.urlsafe_b64encode(json.dumps(claims).encode()).decode().rstrip('=')
    return 'eyJhbGciOiJSUzI1NiJ9.%s.c2ln' % part


def test_the_worker_applications_own_client_id_is_refused_before_any_write(api, monkeypatch):
    # client credentials in the module_defaults of the pingone group reach this module as the provider's
    options = dict(OIDC)
    options.update(client_id='worker-app', access_token=_jwt({'client_id': 'worker-app'}))
    failed, result = run(monkeypatch, **options)
    assert failed and result['option'] == 'client_id' and 'worker application' in result['msg'] and api.sent == []


def test_the_worker_applications_own_secret_is_refused_before_any_write(api, monkeypatch):
    monkeypatch.setenv('PINGONE_CLIENT_SECRET', 'worker-secret-value')
    options = dict(OIDC)
    options.update(client_secret='worker-secret-value')
    failed, result = run(monkeypatch, **options)
    assert failed and result['option'] == 'client_secret' and 'worker-secret-value' not in json.dumps(result) and api.sent == []


def test_a_token_that_is_no_jwt_names_no_client():
    from ansible_collections.pingone.platform.plugins.module_utils.declared import token_client_id  # pylint: disable=import-outside-toplevel
    assert token_client_id('tok') is None and token_client_id(_jwt({'client_id': 'abc'})) == 'abc' and token_client_id(_jwt([1])) is None
