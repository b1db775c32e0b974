# -*- coding: utf-8 -*-
# Copyright: (c) 2026, pingone.platform maintainers
# GNU General Public License v3.0+ (see LICENSE or https://www.gnu.org/licenses/gpl-3.0.txt)

from __future__ import annotations

import json

import pytest

from ansible_collections.pingone.platform.plugins.modules import pingone_application as module
from ansible_collections.pingone.platform.plugins.module_utils.kinds import APPLICATION_KEEPS, ApplicationKind
from ansible_collections.pingone.platform.tests.unit.fakes import ENV_ID, SECRET, Answer, run_module

APPS = 'https://api.pingone.com/v1/environments/%s/applications' % ENV_ID
APP_ID = '4f3e2d1c-0b9a-4877-a6b5-c4d3e2f1a0b9'
APP = '%s/%s' % (APPS, APP_ID)
WEB = {
    'id': APP_ID, 'name': 'Intranet', 'type': 'WEB_APP', 'protocol': 'OPENID_CONNECT', 'enabled': True, 'description': 'Old',
    'grantTypes': ['AUTHORIZATION_CODE', 'REFRESH_TOKEN'], 'responseTypes': ['CODE'], 'tokenEndpointAuthMethod': 'CLIENT_SECRET_BASIC',
    'redirectUris': ['https://b.example.com/cb', 'https://a.example.com/cb'], 'pkceEnforcement': 'OPTIONAL',
    # Not managed here: sent back as they are in a PUT.
    'refreshTokenDuration': 2592000, 'corsSettings': {'behavior': 'ALLOW_NO_ORIGINS'}, 'signing': {'keyRotationPolicy': {'id': 'krp'}},
    'accessControl': {'role': {'type': 'ADMIN_USERS_ONLY'}},
    # Set by PingOne itself, or read on POST only: never sent.
    'environment': {'id': ENV_ID}, 'createdAt': '2026-01-01T00:00:00.000Z', 'updatedAt': '2026-01-02T00:00:00.000Z',
    'clientSecret': SECRET, 'assignActorRoles': False, '_links': {'self': {'href': APP}},
}
# The task's options that match WEB, so a run with them changes nothing.
SAME = {'type': 'WEB_APP', 'description': 'Old', 'redirect_uris': ['https://a.example.com/cb', 'https://b.example.com/cb'],
        'grant_types': ['REFRESH_TOKEN', 'AUTHORIZATION_CODE'], 'response_types': ['CODE'],
        'token_endpoint_auth_method': 'CLIENT_SECRET_BASIC', 'pkce_enforcement': 'OPTIONAL', 'post_logout_redirect_uris': []}


def page(*applications):
    return Answer(200, {'_embedded': {'applications': list(applications)}, '_links': {}})


def sent(api):
    return [(request.method, request.url) for request in api.sent]


def body(api, index):
    return json.loads(api.sent[index].body)


def run(api, monkeypatch, **args):
    return run_module(module.main, dict({'target_environment_id': ENV_ID, 'name': 'Intranet', 'access_token': 'tok'}, **args), monkeypatch)


def created(sent_body):
    return Answer(201, dict(sent_body, id=APP_ID, environment={'id': ENV_ID}, createdAt='2026-01-01T00:00:00.000Z'))


def assert_no_secret(result):
    """The secret is only ever in client_secret: never in msg, warnings, diff or application."""
    shown = json.dumps(dict((key, value) for key, value in result.items() if key != 'client_secret'))
    assert SECRET not in shown and json.dumps(SECRET)[1:-1] not in shown


# --- create: the console's defaults per type -------------------------------------------------------------
BASE = {'name': 'Intranet', 'enabled': True, 'protocol': 'OPENID_CONNECT', 'assignActorRoles': False}


@pytest.mark.parametrize('args, expected', [
    ({'type': 'WORKER'}, dict(BASE, type='WORKER', grantTypes=['CLIENT_CREDENTIALS'], tokenEndpointAuthMethod='CLIENT_SECRET_BASIC')),
    ({'type': 'SERVICE'}, dict(BASE, type='SERVICE', grantTypes=['CLIENT_CREDENTIALS'], tokenEndpointAuthMethod='CLIENT_SECRET_BASIC')),
    ({'type': 'WEB_APP', 'redirect_uris': ['https://a.example.com/cb']},
     dict(BASE, type='WEB_APP', grantTypes=['AUTHORIZATION_CODE'], responseTypes=['CODE'], tokenEndpointAuthMethod='CLIENT_SECRET_BASIC',
          redirectUris=['https://a.example.com/cb'])),
    ({'type': 'SINGLE_PAGE_APP', 'redirect_uris': ['https://a.example.com/cb']},
     dict(BASE, type='SINGLE_PAGE_APP', grantTypes=['AUTHORIZATION_CODE'], responseTypes=['CODE'], tokenEndpointAuthMethod='NONE',
          pkceEnforcement='S256_REQUIRED', redirectUris=['https://a.example.com/cb'])),
    ({'type': 'NATIVE_APP', 'redirect_uris': ['com.example.app:/cb'], 'assign_actor_roles': True},
     dict(BASE, type='NATIVE_APP', grantTypes=['AUTHORIZATION_CODE'], responseTypes=['CODE'], tokenEndpointAuthMethod='NONE',
          pkceEnforcement='S256_REQUIRED', redirectUris=['com.example.app:/cb'], assignActorRoles=True)),
    # What the task sets wins; a response type and PKCE only come with the authorization code grant.
    ({'type': 'NATIVE_APP', 'grant_types': ['DEVICE_CODE'], 'enabled': False, 'description': 'TV app'},
     dict(BASE, type='NATIVE_APP', grantTypes=['DEVICE_CODE'], tokenEndpointAuthMethod='NONE', enabled=False, description='TV app')),
    ({'type': 'WORKER', 'grant_types': ['CLIENT_CREDENTIALS', 'AUTHORIZATION_CODE'], 'redirect_uris': ['https://a.example.com/cb'],
      'token_endpoint_auth_method': 'CLIENT_SECRET_POST', 'post_logout_redirect_uris': ['https://a.example.com/']},
     dict(BASE, type='WORKER', grantTypes=['AUTHORIZATION_CODE', 'CLIENT_CREDENTIALS'], responseTypes=['CODE'],
          tokenEndpointAuthMethod='CLIENT_SECRET_POST', redirectUris=['https://a.example.com/cb'],
          postLogoutRedirectUris=['https://a.example.com/'])),
])
def test_create_body_per_type(api, monkeypatch, args, expected):
    api.answers += [page(), created(expected)]
    failed, result = run(api, monkeypatch, **args)
    assert not failed and result['changed'] is True
    assert sent(api) == [('GET', APPS), ('POST', APPS)]
    assert body(api, 1) == expected
    assert result['client_id'] == APP_ID and 'client_secret' not in result


def test_kind_folds_case():
    kind = ApplicationKind()
    wanted = kind.desired({'name': 'x', 'grant_types': ['client_credentials'], 'type': 'WORKER'})
    assert wanted['grant_types'] == ['CLIENT_CREDENTIALS']


def test_create_diff_and_result(api, monkeypatch):
    api.answers += [page(dict(WEB, name='Other', id='x')), created({'name': 'Intranet', 'type': 'WORKER'})]
    failed, result = run(api, monkeypatch, type='WORKER', description='Automation')
    assert not failed and result['diff'] == {'before': {}, 'after': {
        'name': 'Intranet', 'type': 'WORKER', 'enabled': True, 'description': 'Automation', 'grant_types': ['CLIENT_CREDENTIALS'],
        'token_endpoint_auth_method': 'CLIENT_SECRET_BASIC', 'redirect_uris': [], 'post_logout_redirect_uris': [],
        'response_types': []}}
    assert result['application']['id'] == APP_ID and result['client_id'] == APP_ID


def test_check_mode_create_sends_no_write(api, monkeypatch):
    api.answers += [page()]
    failed, result = run(api, monkeypatch, type='WORKER', return_secret=True, rotate_secret=True, _ansible_check_mode=True)
    assert not failed and result['changed'] is True and result['application'] == {}
    assert sent(api) == [('GET', APPS)] and 'client_id' not in result and 'client_secret' not in result


@pytest.mark.parametrize('args', [{'type': 'WEB_APP'}, {'type': 'SINGLE_PAGE_APP', 'redirect_uris': []},
                                  {'type': 'WORKER', 'grant_types': ['IMPLICIT'], 'response_types': ['TOKEN']}])
def test_create_without_redirect_uris_is_refused_before_any_write(api, monkeypatch, args):
    api.answers += [page()]
    failed, result = run(api, monkeypatch, **args)
    assert failed and result['option'] == 'redirect_uris' and sent(api) == [('GET', APPS)]


def test_create_without_type_is_refused(api, monkeypatch):
    api.answers += [page()]
    failed, result = run(api, monkeypatch)
    assert failed and result['option'] == 'type' and 'WORKER' in result['msg'] and sent(api) == [('GET', APPS)]


# --- unchanged and update ----------------------------------------------------------------------------------
def test_unchanged_second_run_sends_no_write(api, monkeypatch):
    api.answers += [page(WEB)]
    failed, result = run(api, monkeypatch, **SAME)
    assert not failed and result['changed'] is False and sent(api) == [('GET', APPS)]
    assert result['client_id'] == APP_ID and 'clientSecret' not in result['application']
    assert result['diff']['before'] == result['diff']['after']
    assert_no_secret(result)


def put_body(current, **changes):
    """The full PUT expected: every writable field of ``current`` (never readOnly or POST-only ones), with ``changes``."""
    expected = {key: value for key, value in current.items()
                if key in APPLICATION_KEEPS or key in ('name', 'type', 'enabled', 'description', 'grantTypes', 'responseTypes',
                                                       'tokenEndpointAuthMethod', 'redirectUris', 'postLogoutRedirectUris',
                                                       'pkceEnforcement')}
    expected.update(changes)
    for key in ('grantTypes', 'responseTypes', 'redirectUris', 'postLogoutRedirectUris'):
        if isinstance(expected.get(key), list):
            expected[key] = sorted(expected[key])
    return {key: value for key, value in expected.items() if value not in (None, '')}


@pytest.mark.parametrize('option, value, field, sent_value', [
    ('enabled', False, 'enabled', False),
    ('description', 'New', 'description', 'New'),
    ('description', '', 'description', None),
    ('redirect_uris', ['https://c.example.com/cb'], 'redirectUris', ['https://c.example.com/cb']),
    ('post_logout_redirect_uris', ['https://a.example.com/'], 'postLogoutRedirectUris', ['https://a.example.com/']),
    ('grant_types', ['AUTHORIZATION_CODE'], 'grantTypes', ['AUTHORIZATION_CODE']),
    ('response_types', ['CODE', 'ID_TOKEN'], 'responseTypes', ['CODE', 'ID_TOKEN']),
    ('token_endpoint_auth_method', 'PRIVATE_KEY_JWT', 'tokenEndpointAuthMethod', 'PRIVATE_KEY_JWT'),
    ('pkce_enforcement', 'S256_REQUIRED', 'pkceEnforcement', 'S256_REQUIRED'),
])
def test_update_of_each_field_is_a_full_put(api, monkeypatch, option, value, field, sent_value):
    api.answers += [page(WEB), Answer(200, dict(WEB, **{field: sent_value}))]
    failed, result = run(api, monkeypatch, **{option: value})
    assert not failed and result['changed'] is True
    assert sent(api) == [('GET', APPS), ('PUT', APP)]
    sent_body = body(api, 1)
    assert sent_body == put_body(WEB, **{field: sent_value})
    for never in ('id', 'createdAt', 'updatedAt', 'clientSecret', 'assignActorRoles', 'environment', '_links'):
        assert never not in sent_body
    assert sent_body['refreshTokenDuration'] == 2592000 and sent_body['signing'] == {'keyRotationPolicy': {'id': 'krp'}}
    assert result['diff']['after'][option] == (sorted(value) if isinstance(value, list) else value)
    assert result['diff']['before'][option] != result['diff']['after'][option]
    assert 'clientSecret' not in result['application']
    assert_no_secret(result)


def test_put_leaves_out_lists_the_application_does_not_have(api, monkeypatch):
    worker = {'id': APP_ID, 'name': 'Intranet', 'type': 'WORKER', 'protocol': 'OPENID_CONNECT', 'enabled': True,
              'grantTypes': ['CLIENT_CREDENTIALS'], 'tokenEndpointAuthMethod': 'CLIENT_SECRET_BASIC'}
    api.answers += [page(worker), Answer(200, dict(worker, enabled=False))]
    failed, _result = run(api, monkeypatch, enabled=False)
    assert not failed and body(api, 1) == {'name': 'Intranet', 'type': 'WORKER', 'protocol': 'OPENID_CONNECT', 'enabled': False,
                                           'grantTypes': ['CLIENT_CREDENTIALS'], 'tokenEndpointAuthMethod': 'CLIENT_SECRET_BASIC'}
    api.sent.clear()
    api.answers += [page(dict(worker, postLogoutRedirectUris=['https://a.example.com/'])), Answer(200, worker)]
    failed, _result = run(api, monkeypatch, post_logout_redirect_uris=[])
    assert not failed and body(api, 1)['postLogoutRedirectUris'] == []   # removing them is sent


def test_enabled_defaults_to_true(api, monkeypatch):
    api.answers += [page(dict(WEB, enabled=False)), Answer(200, WEB)]
    failed, result = run(api, monkeypatch)
    assert not failed and result['changed'] is True and body(api, 1)['enabled'] is True


def test_check_mode_update_sends_no_write(api, monkeypatch):
    api.answers += [page(WEB)]
    failed, result = run(api, monkeypatch, description='New', _ansible_check_mode=True)
    assert not failed and result['changed'] is True and sent(api) == [('GET', APPS)]
    assert result['diff']['before']['description'] == 'Old' and result['diff']['after']['description'] == 'New'
    assert result['application'] == {key: value for key, value in WEB.items() if key != 'clientSecret'}


def test_type_cannot_change(api, monkeypatch):
    api.answers += [page(WEB)]
    failed, result = run(api, monkeypatch, type='WORKER')
    assert failed and result['option'] == 'type' and sent(api) == [('GET', APPS)]


def test_update_that_drops_redirect_uris_of_a_code_flow_is_refused(api, monkeypatch):
    api.answers += [page(WEB)]
    failed, result = run(api, monkeypatch, redirect_uris=[])
    assert failed and result['option'] == 'redirect_uris' and sent(api) == [('GET', APPS)]
    api.sent.clear()
    api.answers += [page(WEB), Answer(200, WEB)]
    failed, result = run(api, monkeypatch, redirect_uris=[], grant_types=['CLIENT_CREDENTIALS'], response_types=[])
    assert not failed and body(api, 1)['redirectUris'] == [] and body(api, 1)['grantTypes'] == ['CLIENT_CREDENTIALS']


# --- finding ------------------------------------------------------------------------------------------------
def test_built_in_and_other_protocols_are_refused(api, monkeypatch):
    api.answers += [page(dict(WEB, type='PING_ONE_ADMIN_CONSOLE'))]
    failed, result = run(api, monkeypatch, state='absent')
    assert failed and result['option'] == 'name' and sent(api) == [('GET', APPS)]
    api.sent.clear()
    api.answers += [page(dict(WEB, protocol='WS_FED'))]
    failed, result = run(api, monkeypatch)
    assert failed and result['option'] == 'name' and 'WS_FED' in result['msg'] and len(api.sent) == 1
    api.sent.clear()   # a SAML application is managed with protocol SAML (test_pingone_application_saml.py)
    api.answers += [page(dict(WEB, protocol='SAML'))]
    failed, result = run(api, monkeypatch)
    assert failed and result['option'] == 'protocol' and 'SAML' in result['msg'] and len(api.sent) == 1


def test_case_clash_is_refused_before_create(api, monkeypatch):
    api.answers += [page(dict(WEB, name='INTRANET'))]
    failed, result = run(api, monkeypatch, type='WORKER')
    assert failed and result['option'] == 'name' and sent(api) == [('GET', APPS)]


# --- delete -------------------------------------------------------------------------------------------------
def test_delete(api, monkeypatch):
    api.answers += [page(WEB), Answer(204)]
    failed, result = run(api, monkeypatch, state='absent')
    assert not failed and result['changed'] is True and sent(api) == [('GET', APPS), ('DELETE', APP)]
    assert 'client_id' not in result and result['diff']['after'] == {} and result['diff']['before']['name'] == 'Intranet'
    assert_no_secret(result)
    api.sent.clear()
    api.answers += [page(WEB)]
    failed, result = run(api, monkeypatch, state='absent', _ansible_check_mode=True)
    assert not failed and result['changed'] is True and sent(api) == [('GET', APPS)]
    api.sent.clear()
    api.answers += [page()]
    failed, result = run(api, monkeypatch, state='absent')
    assert not failed and result['changed'] is False and result['application'] == {}


# --- the secret -------------------------------------------------------------------------------------------------
def secret_answer(value=SECRET):
    return Answer(200, {'environment': {'id': ENV_ID}, 'secret': value, '_links': {}})


def test_return_secret(api, monkeypatch):
    api.answers += [page(WEB), secret_answer()]
    failed, result = run(api, monkeypatch, return_secret=True, **SAME)
    assert not failed and result['changed'] is False and result['client_secret'] == SECRET
    assert sent(api) == [('GET', APPS), ('GET', APP + '/secret')]
    assert_no_secret(result)
    # In check mode the secret is read too: a read, not a write.
    api.sent.clear()
    api.answers += [page(WEB), secret_answer()]
    failed, result = run(api, monkeypatch, return_secret=True, _ansible_check_mode=True, **SAME)
    assert not failed and result['client_secret'] == SECRET and sent(api) == [('GET', APPS), ('GET', APP + '/secret')]


def test_return_secret_of_a_new_application(api, monkeypatch):
    api.answers += [page(), created({'name': 'Intranet', 'type': 'WORKER'}), secret_answer()]
    failed, result = run(api, monkeypatch, type='WORKER', return_secret=True, rotate_secret=True)
    # A new application has a fresh secret: it is read, not rotated again.
    assert not failed and result['changed'] is True and result['client_secret'] == SECRET
    assert sent(api) == [('GET', APPS), ('POST', APPS), ('GET', APP + '/secret')]
    assert_no_secret(result)


def test_rotate_secret(api, monkeypatch):
    api.answers += [page(WEB), secret_answer('n3w-' + SECRET)]
    failed, result = run(api, monkeypatch, rotate_secret=True, **SAME)
    assert not failed and result['changed'] is True and result['client_secret'] == 'n3w-' + SECRET
    assert sent(api) == [('GET', APPS), ('POST', APP + '/secret')]
    # The description gives the body as application/json (optional, all fields optional): {} with that Content-Type.
    assert api.sent[1].body in (b'{}', '{}') and api.sent[1].headers['Content-Type'] == 'application/json'
    assert result['diff']['after']['client_secret'] == '(set by this task)' and 'client_secret' not in result['diff']['before']
    assert_no_secret(result)
    assert 'n3w-' not in json.dumps(result['diff']) + result.get('msg', '')


def test_rotate_secret_in_check_mode_sends_nothing(api, monkeypatch):
    api.answers += [page(WEB)]
    failed, result = run(api, monkeypatch, rotate_secret=True, _ansible_check_mode=True, **SAME)
    assert not failed and result['changed'] is True and sent(api) == [('GET', APPS)] and 'client_secret' not in result


def test_a_secret_answer_without_a_secret_fails_without_echoing_it(api, monkeypatch):
    api.answers += [page(WEB), Answer(200, {'previous': {'secret': SECRET}})]
    failed, result = run(api, monkeypatch, return_secret=True)
    assert failed and 'client_secret' not in result and SECRET not in json.dumps(result)


# --- bad input ------------------------------------------------------------------------------------------------
@pytest.mark.parametrize('args, option', [
    ({'name': ''}, 'name'),
    ({'redirect_uris': ['https://a.example.com/cb', ' ']}, 'redirect_uris'),
    ({'post_logout_redirect_uris': ['']}, 'post_logout_redirect_uris'),
    ({'grant_types': []}, 'grant_types'),
    ({'state': 'absent', 'rotate_secret': True}, 'rotate_secret'),
    ({'state': 'absent', 'return_secret': True}, 'return_secret'),
    ({'target_environment_id': 'x'}, 'target_environment_id'),
])
def test_bad_input_sends_no_request(api, monkeypatch, args, option):
    failed, result = run(api, monkeypatch, **args)
    assert failed and result['option'] == option and api.sent == []


def test_choices_are_checked_before_any_request(api, monkeypatch):
    failed, result = run(api, monkeypatch, grant_types=['PASSWORD'])
    assert failed and 'grant_types' in result['msg'] and api.sent == []
