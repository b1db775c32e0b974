# -*- coding: utf-8 -*-
# Copyright: (c) 2026, pingone.platform maintainers
# GNU General Public License v3.0+ (see LICENSE or https://www.gnu.org/licenses/gpl-3.0.txt)

from __future__ import annotations

import json

from ansible_collections.pingone.platform.plugins.modules import pingone_environment as module
from ansible_collections.pingone.platform.plugins.module_utils.engine import differences
from ansible_collections.pingone.platform.plugins.module_utils.kinds import EnvironmentKind, bill_of_materials_body, product_types
from ansible_collections.pingone.platform.tests.unit.fakes import ENV_ID, Answer, run_module

API = 'https://api.pingone.com/v1'
NEW = '0b9e8d7c-6a5f-4e3d-8c2b-7a6f5e4d3c2b'
LICENSE = '9a8b7c6d-5e4f-4a3b-8c2d-1e0f9a8b7c6d'
ORG = '3d2c1b0a-9f8e-4d7c-b6a5-4f3e2d1c0b9a'
ENVIRONMENT = {'id': NEW, 'name': 'Test', 'type': 'SANDBOX', 'region': 'EU', 'status': 'ACTIVE', 'license': {'id': LICENSE.upper()},
               'organization': {'id': ORG}, 'description': 'Old', 'icon': 'https://example.com/i.png'}
PARAMS = {'name': 'Test', 'type': None, 'description': None, 'products': None}


def page(*environments):
    return Answer(200, {'_embedded': {'environments': list(environments)}, '_links': {}})


def sent(api):
    return [(request.method, request.url) for request in api.sent]


def body(api, index):
    return json.loads(api.sent[index].body)


def run(api, monkeypatch, **args):
    return run_module(module.main, dict({'name': 'Test', 'access_token': 'tok'}, **args), monkeypatch)


# --- what is compared, and how changes are written ---------------------------------------------------
KIND = EnvironmentKind()


def desired(params, region, license_id):
    return KIND.desired(dict(params, environment_region=region, license_id=license_id))


def test_view_of_an_environment():
    assert KIND.view(ENVIRONMENT, {}) == {'name': 'Test', 'type': 'SANDBOX', 'region': 'EU', 'license_id': LICENSE,
                                          'description': 'Old', 'status': 'ACTIVE'}
    assert KIND.view({'name': 'x'}, {'products': ['PING_ONE_BASE']}, {'products': {'products': [{'type': 'PING_ONE_BASE'}]}}
                     )['products'] == ['PING_ONE_BASE']
    assert KIND.view({'name': 'x'}, {})['description'] == ''
    assert KIND.view({'name': 'x'}, {})['status'] == 'ACTIVE'   # an answer without status is ACTIVE


def test_only_what_the_task_sets_is_compared():
    current = KIND.view(ENVIRONMENT, {})
    assert differences(desired(PARAMS, None, None), current) == {}
    assert differences(desired(dict(PARAMS, description=''), None, None), current) == {'description': ''}
    assert differences(desired(dict(PARAMS, type='PRODUCTION'), 'EU', LICENSE), current) == {'type': 'PRODUCTION'}
    assert differences(desired(PARAMS, None, None), dict(current, status='DELETE_PENDING')) == {'status': 'ACTIVE'}


def test_products_compare_as_a_set():
    assert product_types(['ping_one_mfa ', {'type': 'PING_ONE_BASE'}, 'PING_ONE_MFA', '']) == ['PING_ONE_BASE', 'PING_ONE_MFA']
    wanted = desired(dict(PARAMS, products=['PING_ONE_MFA', 'PING_ONE_BASE']), None, None)
    current = KIND.view(ENVIRONMENT, wanted, {'products': {'products': [{'type': 'PING_ONE_BASE'}, {'type': 'PING_ONE_MFA'}]}})
    assert differences(wanted, current) == {}


def test_replace_body_keeps_what_the_task_does_not_manage():
    assert KIND.replace_body(ENVIRONMENT, {'description': 'New'}) == {
        'name': 'Test', 'region': 'EU', 'type': 'SANDBOX', 'license': {'id': LICENSE}, 'description': 'New',
        'icon': 'https://example.com/i.png'}
    cleared = KIND.replace_body(ENVIRONMENT, {'description': '', 'type': 'PRODUCTION', 'license_id': 'other', 'status': 'ACTIVE'})
    assert 'description' not in cleared and cleared['type'] == 'PRODUCTION' and cleared['license'] == {'id': 'other'}
    assert cleared['status'] == 'ACTIVE'


def test_replace_body_never_sends_a_license_of_null():
    assert 'license' not in KIND.replace_body(dict(ENVIRONMENT, license=None), {'description': 'New'})


def test_bill_of_materials_keeps_settings_of_kept_products():
    current = [{'id': 'p1', 'type': 'PING_ONE_BASE', 'bookmarks': [{'name': 'Docs', 'href': 'https://x'}], 'deployment': {'id': 'd'}},
               {'id': 'p2', 'type': 'PING_ONE_MFA'}]
    assert bill_of_materials_body(['PING_ONE_BASE', 'PING_ONE_RISK'], {'products': current}) == {'products': [
        {'type': 'PING_ONE_BASE', 'bookmarks': [{'name': 'Docs', 'href': 'https://x'}]}, {'type': 'PING_ONE_RISK'}]}


def test_create_body():
    params = dict(PARAMS, type=None, description='For tests', products=['PING_ONE_MFA', 'PING_ONE_BASE'])
    assert KIND.create_body(desired(params, 'EU', LICENSE), params) == {
        'name': 'Test', 'type': 'SANDBOX', 'region': 'EU', 'license': {'id': LICENSE}, 'description': 'For tests',
        'billOfMaterials': {'products': [{'type': 'PING_ONE_BASE'}, {'type': 'PING_ONE_MFA'}]}}


# --- whole runs ----------------------------------------------------------------------------------------------
def test_create_waits_for_the_new_environment(api, monkeypatch):
    created = dict(ENVIRONMENT, description=None, region='NA')
    api.answers += [page({'id': ENV_ID, 'name': 'Test environment'}), Answer(201, created), Answer(404, {'code': 'NOT_FOUND'}),
                    Answer(200, created), Answer(403, {'code': 'ACCESS_FAILED'}), Answer(200, {'_embedded': {'populations': []}})]
    failed, result = run(api, monkeypatch, license_id=LICENSE)
    assert not failed and result['changed'] is True and result['environment'] == created
    assert sent(api) == [('GET', API + '/environments?filter=name+sw+%22Test%22'), ('POST', API + '/environments'),
                         ('GET', '%s/environments/%s' % (API, NEW)), ('GET', '%s/environments/%s' % (API, NEW)),
                         ('GET', '%s/environments/%s/populations' % (API, NEW)), ('GET', '%s/environments/%s/populations' % (API, NEW))]
    assert body(api, 1) == {'name': 'Test', 'type': 'SANDBOX', 'region': 'NA', 'license': {'id': LICENSE}}
    assert api.sleeps == [0.25, 0.25]   # the environment's 404, then its populations' 403
    assert result['diff'] == {'before': {}, 'after': {'name': 'Test', 'type': 'SANDBOX', 'region': 'NA', 'license_id': LICENSE,
                                                      'description': '', 'status': 'ACTIVE'}}


def test_create_takes_its_region_from_the_token(api, monkeypatch):
    api.answers += [page(), Answer(201, ENVIRONMENT), Answer(200, ENVIRONMENT), Answer(200, {})]
    failed, result = run(api, monkeypatch, license_id=LICENSE, region='EU')
    assert not failed and body(api, 1)['region'] == 'EU' and api.sent[1].url == 'https://api.pingone.eu/v1/environments'


def test_create_needs_a_license(api, monkeypatch):
    api.answers += [page()]
    failed, result = run(api, monkeypatch)
    assert failed and result['option'] == 'license_id' and len(api.sent) == 1


def test_unchanged_environment_is_not_written(api, monkeypatch):
    api.answers += [page(ENVIRONMENT)]
    failed, result = run(api, monkeypatch, description='Old', type='SANDBOX', environment_region='eu')
    assert not failed and result['changed'] is False and len(api.sent) == 1


def test_update_sends_one_put(api, monkeypatch):
    updated = dict(ENVIRONMENT, description='New')
    api.answers += [page(ENVIRONMENT), Answer(200, updated)]
    failed, result = run(api, monkeypatch, description='New')
    assert not failed and result['changed'] is True and result['environment'] == updated
    assert sent(api)[1] == ('PUT', '%s/environments/%s' % (API, NEW))
    assert body(api, 1)['description'] == 'New' and body(api, 1)['icon'] == 'https://example.com/i.png'
    assert result['diff']['before']['description'] == 'Old' and result['diff']['after']['description'] == 'New'


def test_products_update_replaces_only_the_bill_of_materials(api, monkeypatch):
    bill = {'products': [{'id': 'p1', 'type': 'PING_ONE_BASE'}]}
    api.answers += [page(ENVIRONMENT), Answer(200, bill), Answer(200, bill)]
    failed, result = run(api, monkeypatch, products=['PING_ONE_BASE', 'PING_ONE_MFA'])
    assert not failed and result['changed'] is True
    assert sent(api)[1:] == [('GET', '%s/environments/%s/billOfMaterials' % (API, NEW)), ('PUT', '%s/environments/%s/billOfMaterials' % (API, NEW))]
    assert body(api, 2) == {'products': [{'type': 'PING_ONE_BASE'}, {'type': 'PING_ONE_MFA'}]}


def test_check_mode_reads_only(api, monkeypatch):
    api.answers += [page(ENVIRONMENT)]
    failed, result = run(api, monkeypatch, description='New', _ansible_check_mode=True)
    assert not failed and result['changed'] is True and result['environment'] == ENVIRONMENT
    assert [request.method for request in api.sent] == ['GET']


def test_region_mismatch_is_refused(api, monkeypatch):
    api.answers += [page(ENVIRONMENT)]
    failed, result = run(api, monkeypatch, environment_region='NA')
    assert failed and result['option'] == 'environment_region' and 'is in region EU' in result['msg']


def test_delete_sandbox(api, monkeypatch):
    api.answers += [page(ENVIRONMENT), Answer(204)]
    failed, result = run(api, monkeypatch, state='absent')
    assert not failed and result['changed'] is True and sent(api)[1] == ('DELETE', '%s/environments/%s' % (API, NEW))
    assert result['diff']['after'] == {}


def test_production_delete_needs_the_confirmation_then_soft_deletes(api, monkeypatch):
    production = dict(ENVIRONMENT, type='PRODUCTION')
    api.answers += [page(production)]
    failed, result = run(api, monkeypatch, state='absent')
    assert failed and result['option'] == 'allow_production_delete' and len(api.sent) == 1
    api.answers += [page(production), Answer(200, dict(production, status='DELETE_PENDING'))]
    failed, result = run(api, monkeypatch, state='absent', allow_production_delete=True)
    assert not failed and result['environment']['status'] == 'DELETE_PENDING'
    assert api.sent[2].method == 'PUT' and body(api, 2)['status'] == 'DELETE_PENDING'


def test_soft_deleted_environment_counts_as_absent(api, monkeypatch):
    api.answers += [page(dict(ENVIRONMENT, type='PRODUCTION', status='DELETE_PENDING'))]
    failed, result = run(api, monkeypatch, state='absent')
    assert not failed and result['changed'] is False


def test_the_workers_environment_is_not_deleted(api, monkeypatch):
    api.answers += [page(dict(ENVIRONMENT, id=ENV_ID))]
    failed, result = run(api, monkeypatch, state='absent', environment_id=ENV_ID)
    assert failed and result['option'] == 'name' and len(api.sent) == 1


def test_empty_products_are_refused_before_any_request(api, monkeypatch):
    failed, result = run(api, monkeypatch, products=[''])
    assert failed and result['option'] == 'products' and api.sent == []


def test_environment_region_accepts_what_region_accepts_and_names_itself_when_wrong(api, monkeypatch):
    assert module.environment_region('com.au') == 'AU' and module.environment_region(None) is None
    failed, result = run(api, monkeypatch, environment_region='US')
    assert failed and result['option'] == 'environment_region' and "environment_region 'US' is not a PingOne region" in result['msg']
    assert api.sent == []
