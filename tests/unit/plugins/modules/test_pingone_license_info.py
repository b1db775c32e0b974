# -*- coding: utf-8 -*-
# Copyright: (c) 2026, pingone.platform maintainers
# GNU General Public License v3.0+ (see LICENSE or https://www.gnu.org/licenses/gpl-3.0.txt)

from __future__ import annotations

from ansible_collections.pingone.platform.plugins.modules import pingone_license_info as module
from ansible_collections.pingone.platform.tests.unit.fakes import ENV_ID, Answer, run_module

API = 'https://api.pingone.com/v1'
ORG = '3d2c1b0a-9f8e-4d7c-b6a5-4f3e2d1c0b9a'
LICENSES = [{'id': 'a', 'name': 'Premium', 'status': 'ACTIVE'}, {'id': 'b', 'name': 'Premium', 'status': 'EXPIRED'},
            {'id': 'c', 'name': 'Plus', 'status': 'FUTURE'}]


def run(api, monkeypatch, **args):
    return run_module(module.main, dict({'access_token': 'tok'}, **args), monkeypatch)


def test_organization_from_the_workers_environment_and_status_filter(api, monkeypatch):
    api.answers += [Answer(200, {'id': ENV_ID, 'organization': {'id': ORG}}), Answer(200, {'_embedded': {'licenses': LICENSES[:1]}})]
    failed, result = run(api, monkeypatch, environment_id=ENV_ID, status='ACTIVE', _ansible_check_mode=True)
    assert not failed and result == {'changed': False, 'organization_id': ORG, 'licenses': LICENSES[:1]}
    assert [r.url for r in api.sent] == ['%s/environments/%s' % (API, ENV_ID),
                                         '%s/organizations/%s/licenses?filter=status+eq+%%22ACTIVE%%22' % (API, ORG)]


def test_name_filter_and_given_organization(api, monkeypatch):
    api.answers += [Answer(200, {'_embedded': {'licenses': LICENSES}})]
    failed, result = run(api, monkeypatch, organization_id=ORG, name='Premium')
    assert not failed and [lic['id'] for lic in result['licenses']] == ['a', 'b'] and len(api.sent) == 1


def test_bad_organization_id_sends_nothing(api, monkeypatch):
    failed, result = run(api, monkeypatch, organization_id='org')
    assert failed and result['option'] == 'organization_id' and api.sent == []
