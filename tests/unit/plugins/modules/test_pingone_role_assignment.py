# -*- coding: utf-8 -*-
# Copyright: (c) 2026, pingone.platform maintainers
# GNU General Public License v3.0+ (see LICENSE or https://www.gnu.org/licenses/gpl-3.0.txt)

from __future__ import annotations

import json
from urllib.parse import urlencode

import pytest

from ansible_collections.pingone.platform.plugins.modules import pingone_role_assignment as module
from ansible_collections.pingone.platform.plugins.module_utils.kinds import RoleAssignmentKind
from ansible_collections.pingone.platform.tests.unit.fakes import ENV_ID, Answer, run_module

API = 'https://api.pingone.com/v1'
ENV = '%s/environments/%s' % (API, ENV_ID)
WORKER_ENV = '1b2c3d4e-5f60-4718-9a2b-3c4d5e6f7a8b'
ORG = '3d2c1b0a-9f8e-4d7c-b6a5-4f3e2d1c0b9a'
USER_ID = '3c8f1e2a-9b7d-4c6e-8a5f-1d2e3f4a5b6c'
APP_ID = '2a3b4c5d-6e7f-4a8b-9c0d-1e2f3a4b5c6d'
GROUP_ID = '6d5c4b3a-2f1e-4d0c-9b8a-7f6e5d4c3b2a'
POP_ID = '8e3a1f0c-5b2d-4e6a-9c7d-0f1e2d3c4b5a'
ASSIGNMENT_ID = '1f2e3d4c-5b6a-4978-8a9b-0c1d2e3f4a5b'
OTHER_ENV = '0b9e8d7c-6a5f-4e3d-8c2b-7a6f5e4d3c2b'

ENV_ADMIN = {'id': '7b6a5c4d-3e2f-4a1b-9c8d-7e6f5a4b3c2d', 'name': 'Environment Admin', 'applicableTo': ['ORGANIZATION', 'ENVIRONMENT'],
             'description': 'Manage environments', 'permissions': [{'id': 'orgmgt:read:environment'}]}
IDENTITY_ADMIN = {'id': '5e4d3c2b-1a0f-4e9d-8c7b-6a5f4e3d2c1b', 'name': 'Identity Data Admin', 'applicableTo': ['ENVIRONMENT', 'POPULATION']}
APP_DEVELOPER = {'id': '4d3c2b1a-0f9e-4d8c-b7a6-5f4e3d2c1b0a', 'name': 'Client Application Developer',
                 'applicableTo': ['ENVIRONMENT', 'APPLICATION']}
USER = {'id': USER_ID, 'username': 'jdoe'}
APPLICATION = {'id': APP_ID, 'name': 'Worker', 'type': 'WORKER'}
USER_ASSIGNMENTS = '%s/users/%s/roleAssignments' % (ENV, USER_ID)


def page(key, *items):
    return Answer(200, {'_embedded': {key: list(items)}, '_links': {}})


def roles():
    return page('roles', ENV_ADMIN, IDENTITY_ADMIN, APP_DEVELOPER)


def assignment(role=None, scope_type='ENVIRONMENT', scope_id=ENV_ID, **extra):
    return dict({'id': ASSIGNMENT_ID, 'role': {'id': (role or ENV_ADMIN)['id']}, 'scope': {'id': scope_id, 'type': scope_type},
                 'environment': {'id': ENV_ID}, 'readOnly': False}, **extra)


def filtered(url, scim):
    return '%s?%s' % (url, urlencode({'filter': scim}))


def sent(api):
    return [(request.method, request.url) for request in api.sent]


def body(api, index):
    return json.loads(api.sent[index].body)


def run(api, monkeypatch, **args):
    """The module with a user and a role by name; an option given as None is left out (as with omit)."""
    args = dict({'target_environment_id': ENV_ID, 'user': 'jdoe', 'role': 'Environment Admin', 'access_token': 'tok'}, **args)
    return run_module(module.main, {key: value for key, value in args.items() if value is not None}, monkeypatch)


def run_with_user_id(api, monkeypatch, **args):
    return run(api, monkeypatch, **dict({'user': None, 'user_id': USER_ID}, **args))


# --- the kind ------------------------------------------------------------------------------------------
def test_the_kind_builds_the_create_body_and_view():
    kind = RoleAssignmentKind('ENVIRONMENT', ENV_ID.upper())
    params = {'role_id': ENV_ADMIN['id'], 'scope_type': 'ENVIRONMENT', 'scope_id': ENV_ID}
    assert kind.scope_id == ENV_ID
    assert kind.create_body(kind.desired(params), params) == {'role': {'id': ENV_ADMIN['id']},
                                                              'scope': {'type': 'ENVIRONMENT', 'id': ENV_ID}}
    assert kind.view(assignment(scope_id=ENV_ID.upper()), {}) == params


# --- create, unchanged, check mode ----------------------------------------------------------------------
def test_create_for_a_user_by_username_at_the_default_environment_scope(api, monkeypatch):
    api.answers += [roles(), page('users', USER), page('roleAssignments'), Answer(201, assignment())]
    failed, result = run(api, monkeypatch)
    assert not failed and result['changed'] is True and result['role_assignment'] == assignment()
    assert sent(api) == [('GET', API + '/roles'), ('GET', filtered(ENV + '/users', 'username eq "jdoe"')),
                         ('GET', USER_ASSIGNMENTS), ('POST', USER_ASSIGNMENTS)]
    assert body(api, 3) == {'role': {'id': ENV_ADMIN['id']}, 'scope': {'type': 'ENVIRONMENT', 'id': ENV_ID}}
    assert result['diff'] == {'before': {}, 'after': {'role_id': ENV_ADMIN['id'], 'scope_type': 'ENVIRONMENT', 'scope_id': ENV_ID}}


def test_an_existing_assignment_is_left_alone(api, monkeypatch):
    other = assignment(role=IDENTITY_ADMIN, id='other')   # another role at the same scope does not count
    existing = assignment(role=dict(ENV_ADMIN, id=ENV_ADMIN['id'].upper()), scope_id=ENV_ID.upper())
    api.answers += [roles(), page('roleAssignments', other, existing)]
    failed, result = run_with_user_id(api, monkeypatch, role_id=ENV_ADMIN['id'].upper(), role=None)
    assert not failed and result['changed'] is False and result['role_assignment'] == existing
    assert sent(api) == [('GET', API + '/roles'), ('GET', USER_ASSIGNMENTS)]
    assert result['diff']['before'] == result['diff']['after']


def test_check_mode_creates_nothing(api, monkeypatch):
    api.answers += [roles(), page('roleAssignments', assignment(scope_id=OTHER_ENV))]
    failed, result = run_with_user_id(api, monkeypatch, _ansible_check_mode=True)
    assert not failed and result['changed'] is True and result['role_assignment'] == {}
    assert sent(api) == [('GET', API + '/roles'), ('GET', USER_ASSIGNMENTS)]
    assert result['diff']['after'] == {'role_id': ENV_ADMIN['id'], 'scope_type': 'ENVIRONMENT', 'scope_id': ENV_ID}


def test_environment_scope_of_another_environment(api, monkeypatch):
    api.answers += [roles(), page('roleAssignments'), Answer(201, assignment(scope_id=OTHER_ENV))]
    failed, result = run_with_user_id(api, monkeypatch, scope_id=OTHER_ENV.upper())
    assert not failed and result['changed'] is True
    assert body(api, 2) == {'role': {'id': ENV_ADMIN['id']}, 'scope': {'type': 'ENVIRONMENT', 'id': OTHER_ENV}}


def test_organization_scope_is_the_organization_of_the_worker_environment(api, monkeypatch):
    api.answers += [roles(), Answer(200, {'id': WORKER_ENV, 'organization': {'id': ORG}}), page('roleAssignments'),
                    Answer(201, assignment(scope_type='ORGANIZATION', scope_id=ORG))]
    failed, result = run_with_user_id(api, monkeypatch, scope_type='ORGANIZATION', environment_id=WORKER_ENV)
    assert not failed and result['changed'] is True
    assert sent(api) == [('GET', API + '/roles'), ('GET', '%s/environments/%s' % (API, WORKER_ENV)), ('GET', USER_ASSIGNMENTS),
                         ('POST', USER_ASSIGNMENTS)]
    assert body(api, 3) == {'role': {'id': ENV_ADMIN['id']}, 'scope': {'type': 'ORGANIZATION', 'id': ORG}}


def test_population_scope_by_name_for_an_application_by_name(api, monkeypatch):
    assignments = '%s/applications/%s/roleAssignments' % (ENV, APP_ID)
    api.answers += [roles(), page('applications', dict(APPLICATION, name='Other', id='x'), APPLICATION),
                    page('populations', {'id': POP_ID.upper(), 'name': 'Test users'}), page('roleAssignments'),
                    Answer(201, assignment(role=IDENTITY_ADMIN, scope_type='POPULATION', scope_id=POP_ID))]
    failed, result = run(api, monkeypatch, user=None, application='Worker', role='Identity Data Admin', scope_type='POPULATION',
                         scope_name='Test users')
    assert not failed and result['changed'] is True
    assert sent(api) == [('GET', API + '/roles'), ('GET', ENV + '/applications'), ('GET', ENV + '/populations'), ('GET', assignments),
                         ('POST', assignments)]
    assert body(api, 4) == {'role': {'id': IDENTITY_ADMIN['id']}, 'scope': {'type': 'POPULATION', 'id': POP_ID}}


def test_an_application_that_is_subject_and_scope_by_name_is_read_once(api, monkeypatch):
    assignments = '%s/applications/%s/roleAssignments' % (ENV, APP_ID)
    api.answers += [roles(), page('applications', dict(APPLICATION, name='Other', id='x'), APPLICATION), page('roleAssignments'),
                    Answer(201, assignment(role=APP_DEVELOPER, scope_type='APPLICATION', scope_id=APP_ID))]
    failed, result = run(api, monkeypatch, user=None, application='Worker', role='Client Application Developer', scope_type='APPLICATION',
                         scope_name='Worker')
    assert not failed and result['changed'] is True
    # one resolver for the task: the applications are read once for the subject and the scope (before: twice)
    assert sent(api) == [('GET', API + '/roles'), ('GET', ENV + '/applications'), ('GET', assignments), ('POST', assignments)]
    assert body(api, 3) == {'role': {'id': APP_DEVELOPER['id']}, 'scope': {'type': 'APPLICATION', 'id': APP_ID}}


def test_application_scope_by_id_for_a_group_by_name(api, monkeypatch):
    assignments = '%s/groups/%s/roleAssignments' % (ENV, GROUP_ID)
    api.answers += [roles(), page('groups', {'id': GROUP_ID, 'name': 'Ops'}), page('roleAssignments'),
                    Answer(201, assignment(role=APP_DEVELOPER, scope_type='APPLICATION', scope_id=APP_ID))]
    failed, result = run(api, monkeypatch, user=None, group='Ops', role='Client Application Developer', scope_type='APPLICATION',
                         scope_id=APP_ID)
    assert not failed and result['changed'] is True
    assert sent(api) == [('GET', API + '/roles'), ('GET', filtered(ENV + '/groups', 'name eq "Ops"')), ('GET', assignments),
                         ('POST', assignments)]
    assert body(api, 3) == {'role': {'id': APP_DEVELOPER['id']}, 'scope': {'type': 'APPLICATION', 'id': APP_ID}}


# --- absent -----------------------------------------------------------------------------------------------
def test_absent_deletes_the_assignment(api, monkeypatch):
    api.answers += [roles(), page('roleAssignments', assignment()), Answer(204)]
    failed, result = run_with_user_id(api, monkeypatch, state='absent')
    assert not failed and result['changed'] is True and result['role_assignment'] == assignment()
    assert sent(api)[-1] == ('DELETE', '%s/%s' % (USER_ASSIGNMENTS, ASSIGNMENT_ID))
    assert result['diff'] == {'before': {'role_id': ENV_ADMIN['id'], 'scope_type': 'ENVIRONMENT', 'scope_id': ENV_ID}, 'after': {}}


def test_absent_in_check_mode_and_when_there_is_none(api, monkeypatch):
    api.answers += [roles(), page('roleAssignments', assignment())]
    failed, result = run_with_user_id(api, monkeypatch, state='absent', _ansible_check_mode=True)
    assert not failed and result['changed'] is True and [method for method, _url in sent(api)] == ['GET', 'GET']
    api.answers += [roles(), page('roleAssignments', assignment(scope_type='ORGANIZATION', scope_id=ORG))]
    failed, result = run_with_user_id(api, monkeypatch, state='absent')
    assert not failed and result['changed'] is False and result['role_assignment'] == {} and len(api.sent) == 4


def test_a_read_only_assignment_is_never_deleted(api, monkeypatch):
    api.answers += [roles(), page('roleAssignments', assignment(readOnly=True))]
    failed, result = run_with_user_id(api, monkeypatch, state='absent')
    assert failed and result['option'] == 'state' and 'readOnly' in result['msg'] and ASSIGNMENT_ID in result['msg']
    assert [method for method, _url in sent(api)] == ['GET', 'GET']


# --- bad input: refused before any request ---------------------------------------------------------------
@pytest.mark.parametrize('args, option', [
    ({'target_environment_id': 'not-a-uuid'}, 'target_environment_id'),
    ({'user': None, 'user_id': '../x'}, 'user_id'),
    ({'user': None, 'application_id': 'x'}, 'application_id'),
    ({'user': None, 'group_id': 'x'}, 'group_id'),
    ({'user': ' '}, 'user'),
    ({'role': ''}, 'role'),
    ({'role': None, 'role_id': 'Environment Admin'}, 'role_id'),
    ({'scope_id': 'x'}, 'scope_id'),
    ({'scope_name': 'Test users'}, 'scope_name'),   # with the default scope_type ENVIRONMENT
    ({'scope_type': 'ORGANIZATION', 'scope_name': 'Acme'}, 'scope_name'),
    ({'scope_type': 'POPULATION'}, 'scope_id'),
    ({'scope_type': 'APPLICATION'}, 'scope_id'),
    ({'scope_type': 'POPULATION', 'scope_name': ''}, 'scope_name'),
])
def test_bad_input_is_refused_before_any_request(api, monkeypatch, args, option):
    failed, result = run(api, monkeypatch, **args)
    assert failed and result['option'] == option and option in result['msg'] and api.sent == []


@pytest.mark.parametrize('args, words', [
    ({'user_id': USER_ID}, 'mutually exclusive'),
    ({'user': None, 'application': 'Worker', 'group_id': GROUP_ID}, 'mutually exclusive'),
    ({'user': None}, 'one of the following is required'),
    ({'role_id': ENV_ADMIN['id']}, 'mutually exclusive'),
    ({'role': None}, 'one of the following is required'),
    ({'scope_type': 'POPULATION', 'scope_id': POP_ID, 'scope_name': 'Test users'}, 'mutually exclusive'),
    ({'scope_type': 'GROUP'}, 'scope_type'),
])
def test_the_argument_spec_refuses_subjects_and_roles_given_twice_or_not_at_all(api, monkeypatch, args, words):
    failed, result = run(api, monkeypatch, **args)
    assert failed and words in result['msg'] and api.sent == []


# --- bad input: refused after a read, before any write ---------------------------------------------------
def test_an_unknown_role_name_lists_the_role_names(api, monkeypatch):
    api.answers += [roles()]
    failed, result = run(api, monkeypatch, role='environment admin')
    assert failed and result['option'] == 'role' and sent(api) == [('GET', API + '/roles')]
    assert "'Client Application Developer', 'Environment Admin', 'Identity Data Admin'" in result['msg']
    assert "'Environment Admin' differs only in case" in result['msg']


def test_an_unknown_role_id_is_refused(api, monkeypatch):
    api.answers += [roles()]
    failed, result = run(api, monkeypatch, role=None, role_id=POP_ID)
    assert failed and result['option'] == 'role_id' and POP_ID in result['msg'] and len(api.sent) == 1


def test_a_role_not_applicable_to_the_scope_type_says_which_it_applies_to(api, monkeypatch):
    api.answers += [roles()]
    failed, result = run(api, monkeypatch, scope_type='POPULATION', scope_id=POP_ID)
    assert failed and result['option'] == 'scope_type' and len(api.sent) == 1
    assert "'Environment Admin' applies to the scope types ORGANIZATION, ENVIRONMENT only, not POPULATION" in result['msg']


def test_an_unknown_user_is_refused(api, monkeypatch):
    api.answers += [roles(), page('users')]
    failed, result = run(api, monkeypatch, user='nobody')
    assert failed and result['option'] == 'user' and "'nobody' names no user" in result['msg']
    assert sent(api) == [('GET', API + '/roles'), ('GET', filtered(ENV + '/users', 'username eq "nobody"'))]


def test_an_unknown_application_lists_the_application_names(api, monkeypatch):
    api.answers += [roles(), page('applications', APPLICATION)]
    failed, result = run(api, monkeypatch, user=None, application='Nope')
    assert failed and result['option'] == 'application' and "use one of 'Worker'" in result['msg'] and len(api.sent) == 2


def test_an_unknown_group_lists_the_group_names(api, monkeypatch):
    api.answers += [roles(), page('groups'), page('groups', {'id': GROUP_ID, 'name': 'Ops'})]
    failed, result = run(api, monkeypatch, user=None, group='Nope')
    assert failed and result['option'] == 'group' and "use one of 'Ops'" in result['msg']
    assert sent(api) == [('GET', API + '/roles'), ('GET', filtered(ENV + '/groups', 'name eq "Nope"')), ('GET', ENV + '/groups')]


def test_two_groups_of_one_name_ask_for_group_id(api, monkeypatch):
    api.answers += [roles(), page('groups', {'id': GROUP_ID, 'name': 'Ops'}, {'id': POP_ID, 'name': 'Ops'})]
    failed, result = run(api, monkeypatch, user=None, group='Ops')
    assert failed and result['option'] == 'group' and 'give group_id' in result['msg'] and len(api.sent) == 2


def test_a_scope_name_that_matches_nothing_lists_the_names(api, monkeypatch):
    api.answers += [roles(), page('populations', {'id': POP_ID, 'name': 'Test users'})]
    failed, result = run_with_user_id(api, monkeypatch, role='Identity Data Admin', scope_type='POPULATION', scope_name='test users')
    assert failed and result['option'] == 'scope_name' and "use one of 'Test users'" in result['msg']
    assert sent(api) == [('GET', API + '/roles'), ('GET', ENV + '/populations')]
