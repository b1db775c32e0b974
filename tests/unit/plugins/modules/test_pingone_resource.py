# -*- coding: utf-8 -*-
# Copyright: (c) 2026, pingone.platform maintainers
# GNU General Public License v3.0+ (see LICENSE or https://www.gnu.org/licenses/gpl-3.0.txt)
"""pingone_resource through its main(), against scripted PingOne answers: every request it sends is checked."""

from __future__ import annotations

import json

from ansible_collections.pingone.platform.plugins.module_utils import declared
from ansible_collections.pingone.platform.plugins.modules import pingone_resource as module
from ansible_collections.pingone.platform.tests.unit.fakes import ENV_ID, Answer, run_module

BASE = 'https://api.pingone.com/v1/environments/%s' % ENV_ID
RID = '2c5a1d3f-8e4b-4f6c-0d9e-1b2c3d4e5f60'
RESOURCE = {'id': RID, 'name': 'Orders API', 'type': 'CUSTOM', 'audience': 'https://orders', 'accessTokenValiditySeconds': 3600,
            'environment': {'id': ENV_ID}, 'createdAt': '2026-01-01T00:00:00Z'}
READ = {'id': '3d6b2e4a-9f5c-4a7d-1e0f-2c3d4e5f6a71', 'name': 'orders:read', 'resource': {'id': RID}}
WRITE = {'id': '4e7c3f5b-0a6d-4b8e-2f1a-3d4e5f6a7b82', 'name': 'orders:write', 'description': 'Place', 'resource': {'id': RID}}
SUB = {'id': '5f8d4a6c-1b7e-4c9f-3a2b-4e5f6a7b8c93', 'name': 'sub', 'value': '${user.id}', 'type': 'CORE', 'resource': {'id': RID}}


def page(name, *items):
    return Answer(200, {'_embedded': {name: list(items)}, '_links': {}})


def run(monkeypatch, **args):
    return run_module(module.main, dict({'target_environment_id': ENV_ID, 'access_token': 'tok', 'name': 'Orders API'}, **args),
                      monkeypatch)


def sent(api):
    return [(request.method, request.url[len(BASE):]) for request in api.sent]


def body(api, index):
    return json.loads(api.sent[index].body)


def test_create_with_scopes(api, monkeypatch):
    api.answers += [page('resources'), Answer(201, RESOURCE), Answer(201, READ), Answer(201, WRITE)]
    failed, result = run(monkeypatch, audience='https://orders', access_token_validity_seconds=3600,
                         scopes=[{'name': 'orders:read'}, {'name': 'orders:write', 'description': 'Place'}])
    assert not failed and result['changed'] is True
    assert sent(api) == [('GET', '/resources'), ('POST', '/resources'), ('POST', '/resources/%s/scopes' % RID),
                         ('POST', '/resources/%s/scopes' % RID)]
    assert body(api, 1) == {'name': 'Orders API', 'type': 'CUSTOM', 'audience': 'https://orders', 'accessTokenValiditySeconds': 3600}
    assert body(api, 2) == {'name': 'orders:read'} and body(api, 3) == {'name': 'orders:write', 'description': 'Place'}
    assert [scope['name'] for scope in result['resource']['scopes']] == ['orders:read', 'orders:write']
    assert result['diff']['before'] == {}
    assert result['diff']['after']['scopes'] == [{'name': 'orders:read'}, {'name': 'orders:write', 'description': 'Place'}]


def test_second_run_writes_nothing(api, monkeypatch):
    api.answers += [page('resources', RESOURCE), page('scopes', READ, WRITE)]
    failed, result = run(monkeypatch, audience='https://orders', scopes=[{'name': 'orders:read'}, {'name': 'orders:write', 'description': 'Place'}])
    assert not failed and result['changed'] is False
    assert sent(api) == [('GET', '/resources'), ('GET', '/resources/%s/scopes' % RID)]
    assert result['diff']['before'] == result['diff']['after']


def test_scopes_are_exactly_these_and_a_changed_one_is_put(api, monkeypatch):
    api.answers += [page('resources', RESOURCE), page('scopes', READ, WRITE), Answer(200, dict(READ, description='Read')),
                    Answer(201, {'id': 'x', 'name': 'orders:admin'}), Answer(204)]
    failed, result = run(monkeypatch, scopes=[{'name': 'orders:read', 'description': 'Read'}, {'name': 'orders:admin'}])
    assert not failed and result['changed'] is True
    assert sent(api) == [('GET', '/resources'), ('GET', '/resources/%s/scopes' % RID), ('PUT', '/resources/%s/scopes/%s' % (RID, READ['id'])),
                         ('POST', '/resources/%s/scopes' % RID), ('DELETE', '/resources/%s/scopes/%s' % (RID, WRITE['id']))]
    assert body(api, 2) == {'name': 'orders:read', 'description': 'Read'}
    assert result['diff']['before']['scopes'] == [{'name': 'orders:read'}, {'name': 'orders:write'}]
    assert result['diff']['after']['scopes'] == [{'name': 'orders:admin'}, {'name': 'orders:read', 'description': 'Read'}]


def test_an_update_of_the_resource_is_a_put_of_its_writable_fields(api, monkeypatch):
    api.answers += [page('resources', RESOURCE), Answer(200, dict(RESOURCE, description='Orders')), page('scopes')]
    failed, result = run(monkeypatch, description='Orders')
    assert not failed and result['changed'] is True
    assert sent(api) == [('GET', '/resources'), ('PUT', '/resources/%s' % RID), ('GET', '/resources/%s/scopes' % RID)]
    assert body(api, 1)['description'] == 'Orders' and 'id' not in body(api, 1) and 'createdAt' not in body(api, 1)
    assert result['diff'] == {'before': {'name': 'Orders API', 'type': 'CUSTOM'}, 'after': {'name': 'Orders API', 'type': 'CUSTOM', 'description': 'Orders'}}


def test_attributes_keep_the_core_ones(api, monkeypatch):
    custom = {'id': 'c1', 'name': 'old', 'value': '${user.name.given}', 'type': 'CUSTOM'}
    api.answers += [page('resources', RESOURCE), page('scopes'), page('attributes', SUB, custom),
                    Answer(201, {'id': 'c2', 'name': 'email', 'value': '${user.email}'}), Answer(204)]
    failed, result = run(monkeypatch, attributes=[{'name': 'email', 'value': '${user.email}'}])
    assert not failed and result['changed'] is True
    assert sent(api) == [('GET', '/resources'), ('GET', '/resources/%s/scopes' % RID), ('GET', '/resources/%s/attributes' % RID),
                         ('POST', '/resources/%s/attributes' % RID), ('DELETE', '/resources/%s/attributes/c1' % RID)]
    assert [item['name'] for item in result['resource']['attributes']] == ['email', 'sub']


def test_check_mode_writes_nothing(api, monkeypatch):
    api.answers += [page('resources')]
    failed, result = run(monkeypatch, scopes=[{'name': 'orders:read'}], _ansible_check_mode=True)
    assert not failed and result['changed'] is True and sent(api) == [('GET', '/resources')]
    assert result['diff']['after']['scopes'] == [{'name': 'orders:read'}]
    api.answers += [page('resources', RESOURCE), page('scopes', READ, WRITE)]
    failed, result = run(monkeypatch, scopes=[{'name': 'orders:read'}], _ansible_check_mode=True)
    assert not failed and result['changed'] is True
    assert sent(api)[1:] == [('GET', '/resources'), ('GET', '/resources/%s/scopes' % RID)]


def test_absent_deletes_and_then_is_unchanged(api, monkeypatch):
    api.answers += [page('resources', RESOURCE), Answer(204), page('resources')]
    failed, result = run(monkeypatch, state='absent')
    assert not failed and result['changed'] is True
    assert sent(api) == [('GET', '/resources'), ('DELETE', '/resources/%s' % RID)]
    failed, result = run(monkeypatch, state='absent')
    assert not failed and result['changed'] is False and result['resource'] == {}


def test_pingone_resources_are_refused_before_any_request(api, monkeypatch):
    for name in ('openid', 'PingOne API'):
        failed, result = run(monkeypatch, name=name, scopes=[])
        assert failed and result['option'] == 'name' and 'resource_grants' in result['msg']
    assert api.sent == []


def test_bad_scopes_are_refused_before_any_request(api, monkeypatch):
    failed, result = run(monkeypatch, scopes=[{'name': 'a'}, {'name': 'a'}])
    assert failed and result['option'] == 'scopes' and "lists 'a' twice" in result['msg']
    failed, result = run(monkeypatch, scopes=[{'name': ''}])
    assert failed and result['option'] == 'scopes' and api.sent == []


def test_return_secret_reads_the_secret(api, monkeypatch):
    api.answers += [page('resources', RESOURCE), page('scopes'), Answer(200, {'secret': 'shh', 'previous': None})]
    failed, result = run(monkeypatch, return_secret=True)
    assert not failed and result['resource']['secret'] == 'shh'
    assert sent(api)[-1] == ('GET', '/resources/%s/secret' % RID)


def test_the_options_are_checked_once(api, monkeypatch):
    calls = []
    original = declared.check_resource

    def counted(params):
        calls.append(params['name'])
        return original(params)

    monkeypatch.setattr(declared, 'check_resource', counted)
    monkeypatch.setattr(module, 'check_resource', counted)
    api.answers += [page('resources', RESOURCE), page('scopes', READ)]
    failed, result = run(monkeypatch, scopes=[{'name': 'orders:read'}])
    assert not failed and result['changed'] is False and calls == ['Orders API']
