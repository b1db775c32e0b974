# -*- coding: utf-8 -*-
# Copyright: (c) 2026, pingone.platform maintainers
# GNU General Public License v3.0+ (see LICENSE or https://www.gnu.org/licenses/gpl-3.0.txt)
"""pingone_environment_export: describing an environment (pure functions on what was read), checking a
description before any request, comparing an environment with one (the plan the role applies), and the
format's three definitions kept in step (the module's item keys, the role's argument spec, the JSON Schema)."""

from __future__ import annotations

import copy
import json
import os
import re

import jsonschema
import pytest
import yaml

from ansible_collections.pingone.platform.plugins.module_utils import registry
from ansible_collections.pingone.platform.plugins.module_utils.pingone import PingOneInputError
from ansible_collections.pingone.platform.plugins.modules import pingone_environment_export as module
from ansible_collections.pingone.platform.tests.unit.fakes import ENV_ID, Answer, run_module

ROOT = os.path.dirname(os.path.dirname(os.path.dirname(os.path.dirname(os.path.dirname(os.path.abspath(__file__))))))
ROLE = os.path.join(ROOT, 'roles', 'environment_config')
OTHER_ENV = '0f1e2d3c-4b5a-4968-8776-655443322110'
ORG = '3d2c1b0a-9f8e-4d7c-b6a5-4f3e2d1c0b9a'
DEFAULT_POP, STAFF = '11111111-1111-4111-8111-111111111111', '22222222-2222-4222-8222-222222222222'
DEVS, TWIN_A, TWIN_B = '33333333-3333-4333-8333-333333333333', '44444444-4444-4444-8444-444444444444', '55555555-5555-4555-8555-555555555555'
WEB, WORKER, PORTAL, SAML = ('66666666-6666-4666-8666-666666666666', '77777777-7777-4777-8777-777777777777',
                             '88888888-8888-4888-8888-888888888888', '99999999-9999-4999-8999-999999999999')
ALICE, NOMAIL = 'aaaaaaaa-aaaa-4aaa-8aaa-aaaaaaaaaaaa', 'bbbbbbbb-bbbb-4bbb-8bbb-bbbbbbbbbbbb'
IDA, CAD, CUSTOM = 'cccccccc-cccc-4ccc-8ccc-cccccccccccc', 'dddddddd-dddd-4ddd-8ddd-dddddddddddd', 'eeeeeeee-eeee-4eee-8eee-eeeeeeeeeeee'
EA = 'ffffffff-ffff-4fff-8fff-ffffffffffff'
STAMP = '2026-01-02T03:04:05.678Z'
UUID = re.compile(r'[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}', re.IGNORECASE)

POPULATIONS = [
    {'id': DEFAULT_POP, 'name': 'Default', 'description': 'Default population', 'default': True, 'userCount': 0, 'createdAt': STAMP,
     'passwordPolicy': {'id': IDA}},
    {'id': STAFF, 'name': 'Staff', 'description': 'Employees', 'default': False, 'userCount': 1, 'createdAt': STAMP,
     'passwordPolicy': {'id': IDA}},
]
GROUPS = [
    {'id': DEVS, 'name': 'Developers', 'description': 'Build', 'population': {'id': STAFF}, 'createdAt': STAMP},
    {'id': TWIN_A, 'name': 'Twins', 'population': {'id': STAFF}},
    {'id': TWIN_B, 'name': 'Twins', 'population': {'id': DEFAULT_POP}},
]
APPLICATIONS = [
    {'id': WEB, 'name': 'Intranet', 'type': 'WEB_APP', 'protocol': 'OPENID_CONNECT', 'enabled': True, 'grantTypes': ['AUTHORIZATION_CODE'],
     'responseTypes': ['CODE'], 'redirectUris': ['https://b.example.com/cb', 'https://a.example.com/cb'], 'createdAt': STAMP,
     'tokenEndpointAuthMethod': 'CLIENT_SECRET_BASIC', 'pkceEnforcement': 'OPTIONAL', 'clientSecret': 'never-exported',
     'refreshTokenDuration': 2592000},
    {'id': WORKER, 'name': 'Worker', 'type': 'WORKER', 'protocol': 'OPENID_CONNECT', 'enabled': False, 'grantTypes': ['CLIENT_CREDENTIALS'],
     'tokenEndpointAuthMethod': 'CLIENT_SECRET_BASIC'},
    {'id': PORTAL, 'name': 'PingOne Application Portal', 'type': 'PING_ONE_PORTAL', 'protocol': 'OPENID_CONNECT', 'enabled': True},
    {'id': SAML, 'name': 'Salesforce', 'type': 'WEB_APP', 'protocol': 'SAML', 'enabled': True},
]
USERS = [
    {'id': ALICE, 'username': 'alice', 'email': 'alice@example.com', 'name': {'given': 'Alice', 'family': 'A', 'middle': 'B'},
     'population': {'id': STAFF}, 'enabled': True, 'title': 'Engineer', 'createdAt': STAMP, 'lastSignOn': {'at': STAMP},
     'memberOfGroupIDs': [DEVS, TWIN_A], 'account': {'status': 'OK'}, 'mfaEnabled': False, '_links': {}},
    {'id': NOMAIL, 'username': 'nomail', 'population': {'id': DEFAULT_POP}, 'enabled': True, 'memberOfGroupIDs': [DEVS]},
]
ROLES = {IDA: {'id': IDA, 'name': 'Identity Data Admin', 'applicableTo': ['ENVIRONMENT', 'POPULATION']},
         CAD: {'id': CAD, 'name': 'Client Application Developer', 'applicableTo': ['ENVIRONMENT']},
         EA: {'id': EA, 'name': 'Environment Admin', 'applicableTo': ['ORGANIZATION', 'ENVIRONMENT']}}


def assignment(role, scope_type, scope_id, read_only=False, _made=[]):   # pylint: disable=dangerous-default-value
    _made.append(role)
    return {'id': '0a0a0a0a-0a0a-4a0a-8a0a-%012d' % len(_made), 'role': {'id': role}, 'scope': {'type': scope_type, 'id': scope_id},
            'readOnly': read_only, 'createdAt': STAMP}


ASSIGNMENTS = {
    ('applications', WORKER): [assignment(IDA, 'POPULATION', STAFF), assignment(CAD, 'ENVIRONMENT', OTHER_ENV)],
    ('groups', DEVS): [assignment(CAD, 'ENVIRONMENT', ENV_ID), assignment(CUSTOM, 'ENVIRONMENT', ENV_ID)],
    ('users', ALICE): [assignment(EA, 'ORGANIZATION', ORG), assignment(CAD, 'ENVIRONMENT', ENV_ID, read_only=True)],
}


# What the users list filtered on each group (memberOfGroups[id eq "..."]) answers: the members as PingOne lists them.
# (USERS carry memberOfGroupIDs too, which a users list may leave out: what is described never comes from there.)
MEMBERS = {DEVS: ['alice', 'nomail'], TWIN_A: ['alice'], TWIN_B: []}


def state(users=True):
    read = module.State(ENV_ID, copy.deepcopy(POPULATIONS), copy.deepcopy(GROUPS), copy.deepcopy(APPLICATIONS),
                        copy.deepcopy(USERS) if users else None, copy.deepcopy(ROLES), copy.deepcopy(ASSIGNMENTS))
    read.memberships = copy.deepcopy(MEMBERS) if users else None
    return read


def described(users=True):
    return module.describe(state(users), list(module.KINDS if users else module.DEFAULT_KINDS))


# --- describing ----------------------------------------------------------------------------------------------
def test_an_environment_is_described_by_name_with_the_option_names_of_the_modules():
    config, _skipped = described()
    assert config['populations'] == [{'name': 'Default', 'default': True}, {'name': 'Staff', 'description': 'Employees'}]
    assert config['groups'] == [{'name': 'Developers', 'description': 'Build', 'population': 'Staff', 'members': ['alice']}]
    assert config['applications'] == [
        {'name': 'Intranet', 'type': 'WEB_APP', 'enabled': True, 'description': '', 'redirect_uris': ['https://a.example.com/cb',
         'https://b.example.com/cb'], 'post_logout_redirect_uris': [], 'grant_types': ['AUTHORIZATION_CODE'], 'response_types': ['CODE'],
         'token_endpoint_auth_method': 'CLIENT_SECRET_BASIC', 'pkce_enforcement': 'OPTIONAL'},
        {'name': 'Worker', 'type': 'WORKER', 'enabled': False, 'description': '', 'redirect_uris': [], 'post_logout_redirect_uris': [],
         'grant_types': ['CLIENT_CREDENTIALS'], 'response_types': [], 'token_endpoint_auth_method': 'CLIENT_SECRET_BASIC'},
    ]
    assert config['users'] == [{'username': 'alice', 'email': 'alice@example.com', 'given_name': 'Alice', 'family_name': 'A',
                                'population': 'Staff', 'enabled': True, 'attributes': {'title': 'Engineer'}}]
    assert config['role_assignments'] == [
        {'application': 'Worker', 'role': 'Identity Data Admin', 'scope_type': 'POPULATION', 'scope_name': 'Staff'},
        {'group': 'Developers', 'role': 'Client Application Developer', 'scope_type': 'ENVIRONMENT'},
        {'user': 'alice', 'role': 'Environment Admin', 'scope_type': 'ORGANIZATION'},
    ]


def test_a_description_holds_no_id_timestamp_secret_or_field_pingone_sets():
    config, _skipped = described()
    text = json.dumps(config)
    assert not UUID.search(text) and '2026-' not in text
    for word in ('secret', 'Secret', 'password', 'createdAt', 'userCount', 'memberOfGroupIDs', 'account', 'mfaEnabled', 'lastSignOn',
                 '_links', 'environment', 'PING_ONE_PORTAL', 'Application Portal'):
        assert word not in text, word


def test_what_cannot_be_described_is_listed_with_the_reason():
    _config, skipped = described()
    reasons = [(item['kind'], item['name'], item['reason']) for item in skipped]
    kinds = [kind for kind, _name, _reason in reasons]
    assert kinds.count('group') == 2 and all('another group has this name' in reason for kind, name, reason in reasons if name == 'Twins')
    assert ('application', 'Salesforce', 'a SAML application (type WEB_APP): an environment description holds OpenID Connect '
            'applications only') in reasons
    assert any(kind == 'application' and name == 'Intranet' and 'refreshTokenDuration' in reason for kind, name, reason in reasons)
    assert any(kind == 'population' and name == 'Staff' and 'passwordPolicy' in reason for kind, name, reason in reasons)
    assert not any(name == 'Default' for _kind, name, _reason in reasons)   # the default population is a name only, by design
    assert any(kind == 'user' and name == 'nomail' and 'no email address' in reason for kind, name, reason in reasons)
    assert any(kind == 'user' and name == 'alice' and 'middle' in reason for kind, name, reason in reasons)
    role_reasons = [reason for kind, _name, reason in reasons if kind == 'role_assignment']
    assert len(role_reasons) == 3
    assert any('another environment' in reason for reason in role_reasons)
    assert any('custom role' in reason for reason in role_reasons)
    assert any('read-only' in reason for reason in role_reasons)
    assert 'PingOne Application Portal' not in json.dumps(skipped)   # built-in applications are left out, not "skipped"


def test_without_users_groups_have_no_members_and_users_role_assignments_are_not_described():
    config, _skipped = described(users=False)
    assert 'users' not in config and 'members' not in config['groups'][0]
    assert not any('user' in item for item in config['role_assignments'])


def test_users_read_without_the_members_describe_groups_without_members():
    # A comparison reads the users for a description's users (or role assignments) alone: members are not read then,
    # and an empty list would say every group has none.
    read = state()
    read.memberships = None
    config, _skipped = module.describe(read, ['groups', 'users'])
    assert config['users'] and all('members' not in group for group in config['groups'])


# --- checking a description before any request --------------------------------------------------------------------
GOOD = {
    'populations': [{'name': 'Default', 'default': True}, {'name': 'Staff'}],
    'groups': [{'name': 'Developers', 'population': 'Staff', 'members': ['alice']}],
    'users': [{'username': 'alice', 'email': 'alice@example.com', 'population': 'Default'}],
    'applications': [{'name': 'Worker', 'type': 'WORKER'}],
    'role_assignments': [{'application': 'Worker', 'role': 'Identity Data Admin', 'scope_type': 'POPULATION', 'scope_name': 'Staff'}],
}


def test_a_good_description_and_an_export_pass_the_check():
    module.check_description(copy.deepcopy(GOOD))
    config, _skipped = described()
    module.check_description(config)


@pytest.mark.parametrize('change, text', [
    (lambda c: c.update(roles=[]), "the key 'roles', which is not one of populations"),
    (lambda c: c['groups'][0].update(colour='blue'), "groups[0] ('Developers') has the key 'colour'"),
    (lambda c: c['users'].append({'email': 'x@example.com'}), 'users[1] has no username'),
    (lambda c: c['applications'][0].pop('type'), "applications[0] ('Worker') has no type"),
    (lambda c: c['applications'][0].update(grant_types=['PASSWORD']), "grant_types 'PASSWORD', which is not one of"),
    (lambda c: c['groups'][0].update(population='Nowhere'), "names the population 'Nowhere', which the description's populations do not"),
    (lambda c: c['groups'][0]['members'].append('zoe'), "lists the member 'zoe', which the description's users do not describe"),
    (lambda c: c['role_assignments'][0].update(application='Ghost'), "names the application 'Ghost'"),
    (lambda c: c['role_assignments'][0].update(scope_name='Nowhere'), "names the population 'Nowhere'"),
    (lambda c: c['role_assignments'][0].pop('scope_name'), 'has scope_type POPULATION and no scope_name'),
    (lambda c: c['role_assignments'].append({'group': 'Developers', 'role': 'X', 'scope_name': 'Staff'}), 'has scope_name with scope_type'),
    (lambda c: c['role_assignments'].append({'role': 'X'}), 'has none of them: give exactly one of user, group and application'),
    (lambda c: c['role_assignments'].append(dict(c['role_assignments'][0])), 'are the same assignment'),
    (lambda c: c['populations'].append({'name': 'staff'}), 'name the same population (PingOne compares names ignoring case)'),
    (lambda c: c['populations'].append({'name': 'Other', 'default': True}), 'are all marked default'),
    (lambda c: c['populations'][0].update(description='x'), 'is the default population, which a description names only'),
    (lambda c: c['users'][0].update(enabled='yes'), "has enabled 'yes', which is not a boolean"),
])
def test_a_bad_description_is_refused_naming_what_is_wrong(change, text):
    config = copy.deepcopy(GOOD)
    change(config)
    with pytest.raises(PingOneInputError) as refused:
        module.check_description(config)
    assert text in str(refused.value) and refused.value.option == 'compare_to'
    assert 'Nothing was read or written' in str(refused.value)


def test_a_reference_to_a_kind_the_description_leaves_out_is_not_refused_before_reading():
    config = {'groups': [{'name': 'Developers', 'population': 'Staff'}], 'role_assignments': [{'user': 'alice', 'role': 'X'}]}
    module.check_description(config)   # the population and the user must then exist where it is applied (checked after reading)


# --- comparing --------------------------------------------------------------------------------------------------
def plan(config, current=None, prune=False, check_mode=False):
    current = current or state()
    compared = module.Plan(config, current, prune, check_mode)
    compared.assignment_subjects_read = compared.assignment_subjects()
    return compared.build().result()


def test_an_environment_compared_with_its_own_description_has_nothing_to_do():
    config, _skipped = described()
    steps, drift, changes = plan(config)
    assert changes == 0 and drift == {}
    assert all(steps[phase] == [] for phase in module.Plan.PHASES) and all(value == [] for value in steps['prune'].values())
    steps, drift, changes = plan(config, prune=True)
    assert changes == 0 and drift == {}, drift   # what it could not describe is left alone, even with prune


def test_only_what_differs_is_planned_with_the_modules_arguments():
    config, _skipped = described()
    config['applications'][0]['redirect_uris'] = ['https://a.example.com/cb']
    config['populations'][1]['description'] = 'Everyone'
    config['users'][0]['attributes'] = {'title': 'Manager'}
    config['groups'][0]['members'] = ['alice', 'carol']
    config['users'].append({'username': 'carol', 'email': 'c@example.com', 'population': 'Default'})
    config['role_assignments'].append({'group': 'Developers', 'role': 'Identity Data Admin', 'scope_type': 'POPULATION',
                                       'scope_name': 'Default'})
    steps, drift, changes = plan(config)
    assert drift['applications'] == {'update': {'Intranet': {'redirect_uris': {'before': ['https://a.example.com/cb', 'https://b.example.com/cb'],
                                                                               'after': ['https://a.example.com/cb']}}}}
    assert [item['name'] for item in steps['applications']] == ['Intranet']
    assert steps['populations'] == [{'name': 'Staff', 'description': 'Everyone'}]
    assert [user['username'] for user in steps['users']] == ['alice', 'carol']
    assert steps['users'][1]['population_id'] == DEFAULT_POP and 'population' not in steps['users'][1]
    assert steps['memberships'] == [{'name': 'Developers', 'members': ['alice', 'carol'], 'purge_members': False, 'population_id': STAFF}]
    assert drift['memberships'] == {'Developers': {'add': ['carol'], 'remove': []}} and drift['users']['create'] == ['carol']
    assert steps['role_assignments'] == [{'group_id': DEVS, 'role_id': IDA, 'scope_type': 'POPULATION', 'scope_id': DEFAULT_POP}]
    assert changes == 6 and steps['groups'] == []


def test_the_default_population_stands_for_the_environments_whatever_its_name():
    config = {'populations': [{'name': 'Base', 'default': True}], 'users': [{'username': 'new', 'email': 'n@example.com', 'population': 'Base'}]}
    steps, drift, _changes = plan(config, prune=True)
    assert steps['populations'] == [] and steps['users'] == [{'username': 'new', 'email': 'n@example.com', 'population_id': DEFAULT_POP}]
    assert drift['populations'] == {'delete': ['Staff']} and steps['prune']['populations'] == [{'name': 'Staff'}]   # never Default
    assert steps['prune']['users'] == [{'username': 'alice', 'state': 'absent'}]   # nomail cannot be described: left alone


def test_prune_deletes_what_is_not_described_never_pingones_own_or_what_cannot_be_described():
    config = {'populations': [{'name': 'Default', 'default': True}, {'name': 'Staff'}], 'groups': [], 'applications': [],
              'role_assignments': []}
    steps, drift, _changes = plan(config, current=state(users=False), prune=True)
    assert steps['prune']['applications'] == [{'name': 'Intranet', 'state': 'absent'}, {'name': 'Worker', 'state': 'absent'}]
    assert steps['prune']['groups'] == [{'name': 'Developers', 'population_id': STAFF}]   # the Twins cannot be described: left alone
    assert steps['prune']['populations'] == []   # never the default population
    assert 'Salesforce' not in json.dumps(steps) and 'Portal' not in json.dumps(steps)
    assert drift == {'applications': {'delete': ['Intranet', 'Worker']}, 'groups': {'delete': ['Developers']}}
    # a population that holds users, when the description does not manage users: refused before any write
    with pytest.raises(PingOneInputError, match="would delete the population 'Staff', which holds 1 users"):
        plan({'populations': [{'name': 'Default', 'default': True}]}, current=state(users=False), prune=True)


def test_prune_deletes_role_assignments_of_described_subjects_except_read_only_ones():
    config, _skipped = described()
    config['role_assignments'] = [item for item in config['role_assignments'] if item.get('group') != 'Developers']
    config['role_assignments'] = [item for item in config['role_assignments'] if item.get('user') != 'alice']
    config['role_assignments'].append({'user': 'alice', 'role': 'Client Application Developer', 'scope_type': 'ENVIRONMENT'})
    steps, drift, _changes = plan(config, prune=True)
    assert steps['role_assignments'] == []   # alice's read-only one exists already
    assert drift['role_assignments'] == {'delete': [{'group': 'Developers', 'role': 'Client Application Developer', 'scope_type': 'ENVIRONMENT'},
                                                    {'user': 'alice', 'role': 'Environment Admin', 'scope_type': 'ORGANIZATION'}]}
    assert steps['prune']['role_assignments'][0] == {'group_id': DEVS, 'role_id': CAD, 'scope_type': 'ENVIRONMENT', 'scope_id': ENV_ID,
                                                     'state': 'absent'}


def test_check_mode_leaves_out_of_the_plan_what_refers_to_objects_the_run_creates():
    config = {'populations': [{'name': 'New'}], 'groups': [{'name': 'Fresh', 'population': 'New', 'members': ['bob']}],
              'users': [{'username': 'bob', 'email': 'b@example.com', 'population': 'New'}],
              'role_assignments': [{'user': 'bob', 'role': 'Identity Data Admin'}]}
    steps, drift, changes = plan(config, check_mode=True)
    assert steps['populations'] == [{'name': 'New'}] and steps['groups'] == [] and steps['users'] == [] and steps['role_assignments'] == []
    assert drift['groups'] == {'create': ['Fresh']} and drift['users'] == {'create': ['bob']}
    assert len(drift['not_sent']) == 3 and changes == 5
    steps, _drift, _changes = plan(config, check_mode=False)
    assert steps['groups'] == [{'name': 'Fresh', 'population': 'New'}] and steps['users'][0]['population'] == 'New'
    assert steps['memberships'] == [{'name': 'Fresh', 'population': 'New', 'members': ['bob'], 'purge_members': False}]
    assert steps['role_assignments'] == [{'user': 'bob', 'role_id': IDA, 'scope_type': 'ENVIRONMENT'}]


@pytest.mark.parametrize('config, text', [
    ({'role_assignments': [{'group': 'Developers', 'role': 'Nope'}]}, "names the role 'Nope', which is not one GET /roles lists"),
    ({'role_assignments': [{'group': 'Developers', 'role': 'Client Application Developer', 'scope_type': 'POPULATION',
                            'scope_name': 'Staff'}]}, 'applies to the scope types ENVIRONMENT only, not POPULATION'),
    ({'role_assignments': [{'group': 'Ghosts', 'role': 'Identity Data Admin'}]}, "names the group 'Ghosts', which the environment does not"),
    ({'users': [{'username': 'x', 'population': 'Nowhere'}]}, "names the population 'Nowhere', which the environment does not have"),
    ({'applications': [{'name': 'Salesforce', 'type': 'WEB_APP'}]}, 'not an OpenID Connect application'),
    ({'groups': [{'name': 'Developers', 'population': 'Staff', 'members': ['alice', 'zoe']}]}, "lists the members 'zoe', which the"),
    ({'applications': [{'name': 'PingOne Application Portal', 'type': 'WEB_APP'}]}, "one of PingOne's own"),
])
def test_what_only_the_environment_can_tell_is_refused_before_any_write(config, text):
    with pytest.raises(PingOneInputError) as refused:
        plan(config)
    assert text in str(refused.value) and 'Nothing was written' in str(refused.value)


# --- the module: one paged read per kind ------------------------------------------------------------------------
def page(key, items):
    return Answer(200, {'_embedded': {key: items}, '_links': {}})


def by_username(*names):
    return page('users', [dict(user, memberOfGroupIDs=[]) for name in names for user in USERS if user['username'] == name])


def test_the_module_reads_each_kind_once_members_per_group_and_role_assignments_per_subject(api, monkeypatch):
    # The users list answers memberOfGroupIDs empty (a list may ignore include): the members come from the filtered reads.
    api.answers[:] = [page('populations', POPULATIONS), page('groups', GROUPS), page('applications', APPLICATIONS),
                      page('users', [dict(user, memberOfGroupIDs=[]) for user in USERS]),
                      by_username('alice', 'nomail'), by_username('alice'), by_username(),
                      page('roles', list(ROLES.values())), page('roleAssignments', []),
                      page('roleAssignments', ASSIGNMENTS[('applications', WORKER)]), page('roleAssignments', ASSIGNMENTS[('groups', DEVS)]),
                      page('roleAssignments', ASSIGNMENTS[('users', ALICE)])]
    failed, result = run_module(module.main, {'target_environment_id': ENV_ID, 'include_users': True, 'concurrency': 1,
                                              'access_token': 'tok'}, monkeypatch)
    assert not failed, result
    sent = [(request.method, request.url.split('/v1', 1)[1]) for request in api.sent]
    env = '/environments/%s' % ENV_ID
    members = [('GET', env + '/users?limit=1000&filter=memberOfGroups%%5Bid+eq+%%22%s%%22%%5D' % group) for group in (DEVS, TWIN_A, TWIN_B)]
    kinds = [('GET', env + '/populations?limit=1000'), ('GET', env + '/groups?limit=1000'), ('GET', env + '/applications'),
             ('GET', env + '/users?limit=1000')]
    assignments = [('GET', '/roles'),
                   ('GET', '%s/applications/%s/roleAssignments' % (env, WEB)), ('GET', '%s/applications/%s/roleAssignments' % (env, WORKER)),
                   ('GET', '%s/groups/%s/roleAssignments' % (env, DEVS)),
                   ('GET', '%s/users/%s/roleAssignments' % (env, ALICE))]
    assert sent == kinds + members + assignments
    assert result['config'] == described()[0] and result['changed'] is False and len(result['skipped_objects']) == 10


def test_a_bad_description_fails_the_module_before_any_request(api, monkeypatch):
    failed, result = run_module(module.main, {'target_environment_id': ENV_ID, 'compare_to': {'groups': [{'name': 'G', 'colour': 'x'}]},
                                              'access_token': 'tok'}, monkeypatch)
    assert failed and result['option'] == 'compare_to' and "'colour'" in result['msg'] and api.sent == []


# --- one format, three definitions ------------------------------------------------------------------------------
def role_spec():
    with open(os.path.join(ROLE, 'meta', 'argument_specs.yml'), encoding='utf-8') as handle:
        return yaml.safe_load(handle)['argument_specs']['main']['options']


def json_schema():
    with open(os.path.join(ROLE, 'files', 'config.schema.json'), encoding='utf-8') as handle:
        return json.load(handle)


def test_the_role_argument_spec_the_json_schema_and_the_module_agree_on_the_format():
    spec, schema = role_spec()['pingone_config']['options'], json_schema()['properties']
    # The keys of the registry's kinds (written by tools/module_docs.py from the registry; test_module_docs.py checks them).
    registry_kinds = [name for name, kind in registry.KINDS.items() if not kind.read_only and name not in ('population', 'group', 'user', 'application')]
    assert sorted(spec) == sorted(schema) == sorted(list(module.KINDS) + registry_kinds)
    for kind in module.KINDS:
        options, properties = spec[kind]['options'], schema[kind]['items']['properties']
        assert sorted(options) == sorted(properties) == sorted(module.ITEM_KEYS[kind]), kind
        required = sorted(name for name, option in options.items() if option.get('required'))
        assert required == sorted(schema[kind]['items'].get('required', [])), kind
    # The choices and enums are module.CHOICES, written by tools/module_docs.py (test_module_docs.py checks them).


def test_every_description_the_module_makes_matches_the_json_schema():
    validator = jsonschema.Draft202012Validator(json_schema())
    for users in (True, False):
        validator.validate(described(users)[0])
    validator.validate(GOOD)
    bad = copy.deepcopy(GOOD)
    bad['populations'][0]['description'] = 'not for the default'
    assert list(validator.iter_errors(bad))


def test_role_assignment_labels_name_what_the_plans_ids_stand_for_in_the_same_order():
    config, _skipped = described()
    config['role_assignments'] = [item for item in config['role_assignments'] if item.get('group') != 'Developers']
    config['role_assignments'].append({'group': 'Developers', 'role': 'Identity Data Admin', 'scope_type': 'POPULATION',
                                       'scope_name': 'Default'})
    compared = module.Plan(config, state(), True, False)
    compared.assignment_subjects_read = compared.assignment_subjects()
    steps, _drift, _changes = compared.build().result()
    assert steps['role_assignments'] == [{'group_id': DEVS, 'role_id': IDA, 'scope_type': 'POPULATION', 'scope_id': DEFAULT_POP}]
    assert compared.labels['role_assignments'] == ['group Developers: Identity Data Admin at POPULATION Default']
    assert [item['role_id'] for item in steps['prune']['role_assignments']] == [CAD]
    assert compared.labels['prune']['role_assignments'] == ['group Developers: Client Application Developer at ENVIRONMENT']


@pytest.mark.parametrize('created, expected', [
    ([], None),
    (['ann'], '1 user is created without a password (ann): '),
    (['u%d' % number for number in range(12)], '12 users are created without a password (u0, u1, u2, u3, u4 and 7 more): '),
])
def test_one_warning_counts_the_users_created_without_a_password(created, expected):
    warning = module.passwordless_warning({'users': {'create': created}} if created else {})
    if expected is None:
        assert warning is None
    else:
        assert warning.startswith(expected) and '\n' not in warning and 'update_password' in warning
