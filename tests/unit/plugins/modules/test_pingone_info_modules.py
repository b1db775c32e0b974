# -*- coding: utf-8 -*-
# Copyright: (c) 2026, pingone.platform maintainers
# GNU General Public License v3.0+ (see LICENSE or https://www.gnu.org/licenses/gpl-3.0.txt)
"""The read-only modules: pingone_user_info, pingone_group_info, pingone_application_info, pingone_role_info
and pingone_environment_info. Each pages through everything, never writes, and runs alike in check mode."""

from __future__ import annotations

from urllib.parse import urlencode

import pytest

from ansible_collections.pingone.platform.plugins.modules import pingone_application_info
from ansible_collections.pingone.platform.plugins.modules import pingone_environment_info
from ansible_collections.pingone.platform.plugins.modules import pingone_group_info
from ansible_collections.pingone.platform.plugins.modules import pingone_role_info
from ansible_collections.pingone.platform.plugins.modules import pingone_user_info
from ansible_collections.pingone.platform.plugins.module_utils.info import scim_and
from ansible_collections.pingone.platform.tests.unit.fakes import ENV_ID, Answer, run_module

API = 'https://api.pingone.com/v1'
ENV = '%s/environments/%s' % (API, ENV_ID)
POP_ID = '8e3a1f0c-5b2d-4e6a-9c7d-0f1e2d3c4b5a'
OTHER_ENV = '0b9e8d7c-6a5f-4e3d-8c2b-7a6f5e4d3c2b'
JDOE = {'id': '3c8f1e2a-9b7d-4c6e-8a5f-1d2e3f4a5b6c', 'username': 'jdoe', 'population': {'id': POP_ID}}
ROLE = {'id': '7b6a5c4d-3e2f-4a1b-9c8d-7e6f5a4b3c2d', 'name': 'Environment Admin', 'applicableTo': ['ORGANIZATION', 'ENVIRONMENT'],
        'description': 'Manage environments', 'permissions': [{'id': 'orgmgt:read:environment'}], '_links': {}}


def page(key, *items, next_href=None):
    links = {'next': {'href': next_href}} if next_href else {}
    return Answer(200, {'_embedded': {key: list(items)}, '_links': links})


def filtered(url, scim):
    return '%s?%s' % (url, urlencode({'filter': scim}))


def sent(api):
    return [(request.method, request.url) for request in api.sent]


def run(main, monkeypatch, **args):
    return run_module(main, dict({'access_token': 'tok'}, **args), monkeypatch)


def assert_read_only(api):
    assert {request.method for request in api.sent} <= {'GET'}


def test_scim_and():
    assert scim_and(None, None) is None
    assert scim_and('a eq "1"', None, 'b eq "2"') == 'a eq "1" and b eq "2"'
    assert scim_and('a eq "1"', user_filter=' x or y ') == 'a eq "1" and (x or y)'
    assert scim_and(user_filter='x or y') == 'x or y'   # alone, as it is


# --- pingone_user_info -------------------------------------------------------------------------------------
def run_users(monkeypatch, **args):
    return run(pingone_user_info.main, monkeypatch, **dict({'target_environment_id': ENV_ID}, **args))


def test_users_every_page(api, monkeypatch):
    api.answers += [page('users', JDOE, next_href=ENV + '/users?cursor=2'), page('users', dict(JDOE, id='x', username='ann'))]
    failed, result = run_users(monkeypatch, _ansible_check_mode=True)
    assert not failed and result['changed'] is False and [user['username'] for user in result['users']] == ['jdoe', 'ann']
    assert sent(api) == [('GET', ENV + '/users'), ('GET', ENV + '/users?cursor=2')]


def test_users_by_username_population_name_and_filter(api, monkeypatch):
    api.answers += [page('populations', {'id': POP_ID.upper(), 'name': 'Test users'}), page('users', JDOE)]
    failed, result = run_users(monkeypatch, username='jdoe', population='Test users', filter='name.family eq "Doe" or title pr')
    assert not failed and result['users'] == [JDOE]
    assert sent(api) == [('GET', ENV + '/populations'),
                         ('GET', filtered(ENV + '/users', 'username eq "jdoe" and population.id eq "%s" and (name.family eq "Doe" or title pr)'
                                          % POP_ID))]


def test_users_by_population_id_and_none_found(api, monkeypatch):
    api.answers += [page('users')]
    failed, result = run_users(monkeypatch, population_id=POP_ID.upper())
    assert not failed and result['users'] == []
    assert sent(api) == [('GET', filtered(ENV + '/users', 'population.id eq "%s"' % POP_ID))]


def test_users_of_a_population_that_does_not_exist_is_an_error(api, monkeypatch):
    api.answers += [page('populations', {'id': POP_ID, 'name': 'Test users'})]
    failed, result = run_users(monkeypatch, population='Nope')
    assert failed and result['option'] == 'population' and "use one of 'Test users'" in result['msg'] and len(api.sent) == 1


@pytest.mark.parametrize('args, option', [
    ({'target_environment_id': 'x'}, 'target_environment_id'),
    ({'population_id': 'x'}, 'population_id'),
    ({'username': ''}, 'username'),
    ({'filter': ' '}, 'filter'),
])
def test_users_bad_input_sends_nothing(api, monkeypatch, args, option):
    failed, result = run_users(monkeypatch, **args)
    assert failed and result['option'] == option and api.sent == []


def test_users_population_and_population_id_are_mutually_exclusive(api, monkeypatch):
    failed, result = run_users(monkeypatch, population='Test users', population_id=POP_ID)
    assert failed and 'mutually exclusive' in result['msg'] and api.sent == []


# --- pingone_group_info ----------------------------------------------------------------------------------
def run_groups(monkeypatch, **args):
    return run(pingone_group_info.main, monkeypatch, **dict({'target_environment_id': ENV_ID}, **args))


def test_groups_by_name_exactly(api, monkeypatch):
    ops = {'id': POP_ID, 'name': 'Ops'}
    api.answers += [page('groups', ops, dict(ops, name='OPS', id='x'))]   # SCIM eq may ignore case; the module does not
    failed, result = run_groups(monkeypatch, name='Ops', filter='population.id eq "%s"' % POP_ID)
    assert not failed and result['groups'] == [ops]
    assert sent(api) == [('GET', filtered(ENV + '/groups', 'name eq "Ops" and (population.id eq "%s")' % POP_ID))]


def test_groups_all_pages_and_none_named(api, monkeypatch):
    api.answers += [page('groups', {'id': '1', 'name': 'A'}, next_href=ENV + '/groups?cursor=2'), page('groups', {'id': '2', 'name': 'B'})]
    failed, result = run_groups(monkeypatch)
    assert not failed and [group['name'] for group in result['groups']] == ['A', 'B'] and len(api.sent) == 2
    api.answers += [page('groups')]
    failed, result = run_groups(monkeypatch, name='Nope')
    assert not failed and result['groups'] == [] and sent(api)[-1] == ('GET', filtered(ENV + '/groups', 'name eq "Nope"'))
    assert_read_only(api)


def test_groups_bad_environment_sends_nothing(api, monkeypatch):
    failed, result = run_groups(monkeypatch, target_environment_id='../x')
    assert failed and result['option'] == 'target_environment_id' and api.sent == []


# --- pingone_application_info ----------------------------------------------------------------------------
def test_applications_by_name_are_matched_here(api, monkeypatch):
    worker = {'id': '2a3b4c5d-6e7f-4a8b-9c0d-1e2f3a4b5c6d', 'name': 'Worker', 'type': 'WORKER'}
    console = {'id': 'c', 'name': 'PingOne Admin Console', 'type': 'PING_ONE_ADMIN_CONSOLE'}
    api.answers += [page('applications', console, worker, dict(worker, name='worker'))]
    failed, result = run(pingone_application_info.main, monkeypatch, target_environment_id=ENV_ID, name='Worker', _ansible_check_mode=True)
    assert not failed and result['changed'] is False and result['applications'] == [worker]
    assert sent(api) == [('GET', ENV + '/applications')]   # PingOne documents no filter for applications
    api.answers += [page('applications', console, worker)]
    failed, result = run(pingone_application_info.main, monkeypatch, target_environment_id=ENV_ID)
    assert not failed and result['applications'] == [console, worker]
    api.answers += [page('applications', console)]
    failed, result = run(pingone_application_info.main, monkeypatch, target_environment_id=ENV_ID, name='Worker')
    assert not failed and result['applications'] == []
    assert_read_only(api)


def test_applications_bad_input_sends_nothing(api, monkeypatch):
    failed, result = run(pingone_application_info.main, monkeypatch, target_environment_id='x')
    assert failed and result['option'] == 'target_environment_id' and api.sent == []
    failed, result = run(pingone_application_info.main, monkeypatch, target_environment_id=ENV_ID, name='')
    assert failed and result['option'] == 'name' and api.sent == []


# --- pingone_role_info -----------------------------------------------------------------------------------
def test_roles_are_summarised(api, monkeypatch):
    other = {'id': 'r2', 'name': 'Identity Data Admin', 'applicableTo': ['ENVIRONMENT', 'POPULATION'], 'description': 'Users'}
    api.answers += [page('roles', ROLE, next_href=API + '/roles?cursor=2'), page('roles', other)]
    failed, result = run(pingone_role_info.main, monkeypatch, _ansible_check_mode=True)
    assert not failed and result['changed'] is False
    assert result['roles'] == [{'id': ROLE['id'], 'name': 'Environment Admin', 'applicableTo': ['ORGANIZATION', 'ENVIRONMENT'],
                                'description': 'Manage environments', 'custom': False}, dict(other, custom=False)]
    assert sent(api) == [('GET', API + '/roles'), ('GET', API + '/roles?cursor=2')]


CUSTOM_ROLE = {'id': '1f2e3d4c-5b6a-4978-8a9b-0c1d2e3f4a5b', 'name': 'Help Desk', 'applicableTo': ['ENVIRONMENT'], 'type': 'CUSTOM',
               'description': 'Resets passwords', 'permissions': [{'id': 'identity:update:user'}], 'canBeAssignedBy': [{'id': ROLE['id']}],
               'environment': {'id': ENV_ID}}


def test_with_target_environment_id_its_custom_roles_follow_the_built_in_ones_marked_custom(api, monkeypatch):
    # The environment's list holds the built-in roles too (type PLATFORM); only CUSTOM ones are taken, filter applied or not.
    api.answers += [page('roles', ROLE), page('roles', dict(ROLE, type='PLATFORM'), CUSTOM_ROLE)]
    failed, result = run(pingone_role_info.main, monkeypatch, target_environment_id=ENV_ID.upper())
    assert not failed and result['changed'] is False
    assert result['roles'] == [{'id': ROLE['id'], 'name': 'Environment Admin', 'applicableTo': ['ORGANIZATION', 'ENVIRONMENT'],
                                'description': 'Manage environments', 'custom': False},
                               {'id': CUSTOM_ROLE['id'], 'name': 'Help Desk', 'applicableTo': ['ENVIRONMENT'],
                                'description': 'Resets passwords', 'custom': True}]
    assert sent(api) == [('GET', API + '/roles'), ('GET', filtered(ENV + '/roles', 'type eq "CUSTOM"'))]
    assert_read_only(api)


def test_a_custom_role_by_name(api, monkeypatch):
    api.answers += [page('roles', ROLE), page('roles', CUSTOM_ROLE)]
    failed, result = run(pingone_role_info.main, monkeypatch, target_environment_id=ENV_ID, name='Help Desk')
    assert not failed and [(role['name'], role['custom']) for role in result['roles']] == [('Help Desk', True)]


def test_a_target_environment_id_that_is_not_a_uuid_is_refused_before_any_request(api, monkeypatch):
    failed, result = run(pingone_role_info.main, monkeypatch, target_environment_id='dev')
    assert failed and result['option'] == 'target_environment_id' and 'is not a UUID' in result['msg'] and api.sent == []


def test_roles_by_name(api, monkeypatch):
    api.answers += [page('roles', ROLE), page('roles', ROLE)]
    failed, result = run(pingone_role_info.main, monkeypatch, name='Environment Admin')
    assert not failed and [role['id'] for role in result['roles']] == [ROLE['id']]
    failed, result = run(pingone_role_info.main, monkeypatch, name='environment admin')
    assert not failed and result['roles'] == []
    assert sent(api) == [('GET', API + '/roles')] * 2


# --- pingone_environment_info ----------------------------------------------------------------------------
ENVIRONMENT = {'id': OTHER_ENV, 'name': 'Test', 'type': 'SANDBOX', 'status': 'ACTIVE'}


def test_environments_by_name_exactly(api, monkeypatch):
    api.answers += [page('environments', ENVIRONMENT, dict(ENVIRONMENT, id='x', name='Test 2'), dict(ENVIRONMENT, id='y', name='test'))]
    failed, result = run(pingone_environment_info.main, monkeypatch, name='Test', _ansible_check_mode=True)
    assert not failed and result['changed'] is False and result['environments'] == [ENVIRONMENT]
    assert sent(api) == [('GET', filtered(API + '/environments', 'name sw "Test"'))]


def test_environments_by_name_and_filter_and_none_found(api, monkeypatch):
    api.answers += [page('environments', dict(ENVIRONMENT, name='Test 2'))]
    failed, result = run(pingone_environment_info.main, monkeypatch, name='Test', filter='type eq "SANDBOX"')
    assert not failed and result['environments'] == []
    assert sent(api) == [('GET', filtered(API + '/environments', 'name sw "Test" and (type eq "SANDBOX")'))]


def test_environments_every_page_or_by_filter(api, monkeypatch):
    api.answers += [page('environments', ENVIRONMENT, next_href=API + '/environments?cursor=2'), page('environments', dict(ENVIRONMENT, id='x'))]
    failed, result = run(pingone_environment_info.main, monkeypatch)
    assert not failed and len(result['environments']) == 2
    api.answers += [page('environments', ENVIRONMENT)]
    failed, result = run(pingone_environment_info.main, monkeypatch, filter='status eq "ACTIVE"')
    assert not failed and result['environments'] == [ENVIRONMENT]
    assert sent(api) == [('GET', API + '/environments'), ('GET', API + '/environments?cursor=2'),
                         ('GET', filtered(API + '/environments', 'status eq "ACTIVE"'))]


def test_environment_by_id_and_404_is_an_empty_list(api, monkeypatch):
    api.answers += [Answer(200, ENVIRONMENT), Answer(404, {'code': 'NOT_FOUND', 'message': 'The requested resource was not found.'})]
    failed, result = run(pingone_environment_info.main, monkeypatch, id=OTHER_ENV.upper())
    assert not failed and result['environments'] == [ENVIRONMENT]
    failed, result = run(pingone_environment_info.main, monkeypatch, id=OTHER_ENV)
    assert not failed and result['changed'] is False and result['environments'] == []
    assert sent(api) == [('GET', '%s/environments/%s' % (API, OTHER_ENV))] * 2


def test_environment_bad_input_sends_nothing(api, monkeypatch):
    failed, result = run(pingone_environment_info.main, monkeypatch, id='../x')
    assert failed and result['option'] == 'id' and api.sent == []
    failed, result = run(pingone_environment_info.main, monkeypatch, id=OTHER_ENV, name='Test')
    assert failed and 'mutually exclusive' in result['msg'] and api.sent == []
    failed, result = run(pingone_environment_info.main, monkeypatch, name='')
    assert failed and result['option'] == 'name' and api.sent == []
