# -*- coding: utf-8 -*-
# Copyright: (c) 2026, pingone.platform maintainers
# GNU General Public License v3.0+ (see LICENSE or https://www.gnu.org/licenses/gpl-3.0.txt)
"""pingone_object_info through its main(), against scripted PingOne answers."""

from __future__ import annotations

from urllib.parse import parse_qs, urlsplit


from ansible_collections.pingone.platform.plugins.module_utils import objects, registry
from ansible_collections.pingone.platform.plugins.modules import pingone_object_info as module
from ansible_collections.pingone.platform.tests.unit.fakes import ENV_ID, Answer, run_module

BASE = 'https://api.pingone.com/v1/environments/%s' % ENV_ID
RESOURCE = {'id': '2c5a1d3f-8e4b-4f6c-8d9e-1b2c3d4e5f60', 'name': 'Orders API', 'type': 'CUSTOM'}
SCOPES = [{'id': '3d6b2e4a-9f5c-4a7d-8e0f-2c3d4e5f6a71', 'name': 'orders:read'},
          {'id': '4e7c3f5b-0a6d-4b8e-9f1a-3d4e5f6a7b82', 'name': 'orders:write'}]


def page(name, *items, next_href=None):
    return Answer(200, {'_embedded': {name: list(items)}, '_links': {'next': {'href': next_href}} if next_href else {}})


def run(monkeypatch, **args):
    return run_module(module.main, dict({'target_environment_id': ENV_ID, 'access_token': 'tok'}, **args), monkeypatch)


def test_the_readable_kinds_are_every_registry_kind():
    # The documented choices are object_kind_names(readable=True), written by tools/module_docs.py.
    assert objects.kind_names(True) == sorted(registry.KINDS)


def test_the_objects_under_a_parent_by_name_all_pages(api, monkeypatch):
    api.answers += [page('resources', RESOURCE), page('scopes', SCOPES[0], next_href=BASE + '/resources/%s/scopes?cursor=2' % RESOURCE['id']),
                    page('scopes', SCOPES[1])]
    failed, result = run(monkeypatch, kind='resource_scope', parent={'resource': 'Orders API'})
    assert not failed and result['changed'] is False and result['objects'] == SCOPES and result['kind'] == 'resource_scope'
    assert [urlsplit(request.url).path[len(urlsplit(BASE).path):] for request in api.sent] == [
        '/resources', '/resources/%s/scopes' % RESOURCE['id'], '/resources/%s/scopes' % RESOURCE['id']]


def test_one_by_name(api, monkeypatch):
    api.answers += [page('resources', RESOURCE), page('scopes', *SCOPES)]
    failed, result = run(monkeypatch, kind='resource_scope', parent={'resource': 'Orders API'}, name='orders:write')
    assert not failed and result['objects'] == [SCOPES[1]]


def test_a_filter_where_the_description_has_one_and_a_refusal_where_it_has_none(api, monkeypatch):
    api.answers += [page('populations', {'id': RESOURCE['id'], 'name': 'Contractors'})]
    failed, result = run(monkeypatch, kind='population', filter='name sw "Contract"')
    assert not failed and parse_qs(urlsplit(api.sent[0].url).query) == {'filter': ['name sw "Contract"']}
    failed, result = run(monkeypatch, kind='password_policy', filter='name eq "Standard"')
    assert failed and result['option'] == 'filter' and len(api.sent) == 1


def test_secrets_are_never_returned(api, monkeypatch):
    api.answers += [page('subscriptions', {'id': RESOURCE['id'], 'name': 'hook', 'httpEndpoint': {'url': 'https://x', 'headers': {'A': 'b'}}})]
    failed, result = run(monkeypatch, kind='webhook')
    assert not failed and result['objects'] == [{'id': RESOURCE['id'], 'name': 'hook', 'httpEndpoint': {'url': 'https://x'}}]


def test_a_singleton_and_pingones_own_kinds(api, monkeypatch):
    api.answers += [Answer(200, {'id': RESOURCE['id'], 'companyName': 'Example'}), page('schemas', {'id': RESOURCE['id'], 'name': 'User'})]
    failed, result = run(monkeypatch, kind='branding_settings')
    assert not failed and result['objects'] == [{'id': RESOURCE['id'], 'companyName': 'Example'}]
    failed, result = run(monkeypatch, kind='schema', name='User')
    assert not failed and result['objects'] == [{'id': RESOURCE['id'], 'name': 'User'}]
