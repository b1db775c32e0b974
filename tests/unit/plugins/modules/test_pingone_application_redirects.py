# -*- coding: utf-8 -*-
# Copyright: (c) 2026, pingone.platform maintainers
# GNU General Public License v3.0+ (see LICENSE or https://www.gnu.org/licenses/gpl-3.0.txt)
"""pingone_application's redirect URIs: absolute URIs only, and only where a grant type sends a browser to them."""

from __future__ import annotations

import json

import pytest

from ansible_collections.pingone.platform.plugins.modules import pingone_application as module
from ansible_collections.pingone.platform.plugins.module_utils.kinds import uri_problem
from ansible_collections.pingone.platform.tests.unit.fakes import ENV_ID, Answer, run_module

APPS = 'https://api.pingone.com/v1/environments/%s/applications' % ENV_ID
APP_ID = '4f3e2d1c-0b9a-4877-a6b5-c4d3e2f1a0b9'
WORKER = {'id': APP_ID, 'name': 'Intranet', 'type': 'WORKER', 'protocol': 'OPENID_CONNECT', 'enabled': True,
          'grantTypes': ['CLIENT_CREDENTIALS'], 'tokenEndpointAuthMethod': 'CLIENT_SECRET_BASIC', 'environment': {'id': ENV_ID}}
WEB = dict(WORKER, type='WEB_APP', grantTypes=['AUTHORIZATION_CODE'], responseTypes=['CODE'], redirectUris=['https://a.example.com/cb'])


def page(*applications):
    return Answer(200, {'_embedded': {'applications': list(applications)}, '_links': {}})


def run(api, monkeypatch, **args):
    return run_module(module.main, dict({'target_environment_id': ENV_ID, 'name': 'Intranet', 'access_token': 'tok'}, **args), monkeypatch)


@pytest.mark.parametrize('uri', ['https://app.example.com/cb', 'http://localhost:8080/callback', 'com.example.app:/oauth2redirect',
                                 'myapp://callback', 'https://*.example.com/cb', 'urn:ietf:wg:oauth:2.0:oob', 'https://[::1]:8443/cb'])
def test_absolute_uris_pass(uri):
    assert uri_problem(uri, 'redirect_uris') is None


@pytest.mark.parametrize('uri, problem', [
    ('/callback', 'is not an absolute URI (it has no scheme such as https://)'),
    ('app.example.com/callback', 'is not an absolute URI (it has no scheme such as https://)'),
    ('app.example.com:8443/callback', 'is not an absolute URI (it has no scheme such as https://)'),
    ('localhost:8080', 'is not an absolute URI (it has no scheme such as https://)'),
    ('https:/app.example.com/cb', 'has no host after https://'),
    ('https://', 'has no host after https://'),
    ('https://app.example.com/a b', 'contains white space'),
    (' https://app.example.com/cb', 'contains white space'),
    ('https://app.example.com/cb#top', 'has a fragment (#...), which a redirect URI may not have'),
])
def test_what_is_not_a_redirect_uri(uri, problem):
    assert uri_problem(uri, 'redirect_uris') == problem


def test_a_post_logout_uri_may_have_a_fragment():
    assert uri_problem('https://app.example.com/#signed-off', 'post_logout_redirect_uris') is None


@pytest.mark.parametrize('app_type', ['WORKER', 'SERVICE', 'WEB_APP', 'SINGLE_PAGE_APP', 'NATIVE_APP'])
@pytest.mark.parametrize('option', ['redirect_uris', 'post_logout_redirect_uris'])
def test_a_relative_uri_is_refused_before_any_request_for_every_type(api, monkeypatch, app_type, option):
    grants = {'grant_types': ['AUTHORIZATION_CODE']}
    failed, result = run(api, monkeypatch, type=app_type, **dict(grants, **{option: ['https://a.example.com/cb', 'a.example.com/cb']}))
    assert failed and result['option'] == option and api.sent == []
    assert result['msg'] == ("%s item 2 ('a.example.com/cb') is not an absolute URI (it has no scheme such as https://): give the whole "
                             "URI, such as https://app.example.com/callback." % option)


@pytest.mark.parametrize('app_type', ['WORKER', 'SERVICE'])
@pytest.mark.parametrize('check_mode', [False, True])
def test_redirect_uris_of_a_worker_without_grant_types_are_refused_before_any_request(api, monkeypatch, app_type, check_mode):
    failed, result = run(api, monkeypatch, type=app_type, redirect_uris=['https://a.example.com/cb'], _ansible_check_mode=check_mode)
    assert failed and result['option'] == 'redirect_uris' and api.sent == []
    assert result['msg'] == ('redirect_uris is set for a %s application without grant_types, and a %s gets only CLIENT_CREDENTIALS, '
                             'which sends no browser to such a URI: remove redirect_uris, or list grant_types with AUTHORIZATION_CODE '
                             'or IMPLICIT.' % (app_type, app_type))


@pytest.mark.parametrize('args, option', [
    ({'type': 'WORKER', 'grant_types': ['CLIENT_CREDENTIALS'], 'post_logout_redirect_uris': ['https://a.example.com/']},
     'post_logout_redirect_uris'),
    ({'type': 'NATIVE_APP', 'grant_types': ['DEVICE_CODE'], 'redirect_uris': ['com.example.tv:/cb']}, 'redirect_uris'),
    ({'grant_types': ['CLIENT_CREDENTIALS', 'REFRESH_TOKEN'], 'redirect_uris': ['https://a.example.com/cb']}, 'redirect_uris'),
])
def test_redirect_uris_with_grant_types_that_do_not_redirect_are_refused_before_any_request(api, monkeypatch, args, option):
    failed, result = run(api, monkeypatch, **args)
    assert failed and result['option'] == option and api.sent == []
    assert 'has neither AUTHORIZATION_CODE nor IMPLICIT' in result['msg'] and 'remove %s' % option in result['msg']


def test_no_redirect_uris_or_an_empty_list_pass(api, monkeypatch):
    api.answers += [page(WORKER)]
    failed, result = run(api, monkeypatch, type='WORKER', redirect_uris=[], post_logout_redirect_uris=[])
    assert not failed and result['changed'] is False


def test_a_worker_with_authorization_code_keeps_its_redirect_uris(api, monkeypatch):
    args = {'type': 'WORKER', 'grant_types': ['CLIENT_CREDENTIALS', 'AUTHORIZATION_CODE'], 'redirect_uris': ['https://a.example.com/cb']}
    api.answers += [page(), Answer(201, dict(WORKER, grantTypes=args['grant_types'], redirectUris=args['redirect_uris']))]
    failed, result = run(api, monkeypatch, **args)
    assert not failed and result['changed'] is True


def test_an_existing_application_without_a_redirecting_grant_is_refused_after_the_read_before_any_write(api, monkeypatch):
    # type not given: the application's own grant types decide, read first; nothing is written.
    for check_mode in (False, True):
        api.sent.clear()
        api.answers += [page(WORKER)]
        failed, result = run(api, monkeypatch, redirect_uris=['https://a.example.com/cb'], _ansible_check_mode=check_mode)
        assert failed and result['option'] == 'redirect_uris' and [r.method for r in api.sent] == ['GET']
        assert result['msg'] == ("Application 'Intranet' would have redirect_uris but neither AUTHORIZATION_CODE nor IMPLICIT among its "
                                 "grant types (CLIENT_CREDENTIALS), and only those send a browser to such a URI: set redirect_uris to [], or "
                                 "add AUTHORIZATION_CODE to grant_types.")


def test_dropping_the_redirecting_grant_while_redirect_uris_stay_is_refused(api, monkeypatch):
    api.answers += [page(WEB)]
    failed, result = run(api, monkeypatch, grant_types=['CLIENT_CREDENTIALS'], response_types=[])
    assert failed and result['option'] == 'redirect_uris' and [r.method for r in api.sent] == ['GET']
    api.sent.clear()
    api.answers += [page(WEB), Answer(200, dict(WEB, grantTypes=['CLIENT_CREDENTIALS'], redirectUris=[], responseTypes=[]))]
    failed, result = run(api, monkeypatch, grant_types=['CLIENT_CREDENTIALS'], response_types=[], redirect_uris=[])
    assert not failed and json.loads(api.sent[1].body)['redirectUris'] == []


def test_a_delete_does_not_check_redirect_uris(api, monkeypatch):
    api.answers += [page()]
    failed, result = run(api, monkeypatch, state='absent', type='WORKER', redirect_uris=['https://a.example.com/cb'])
    assert not failed and result['changed'] is False
