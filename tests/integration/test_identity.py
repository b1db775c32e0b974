# -*- coding: utf-8 -*-
# Copyright: (c) 2026, pingone.platform maintainers
# GNU General Public License v3.0+ (see LICENSE or https://www.gnu.org/licenses/gpl-3.0.txt)
"""Users, groups, applications, role assignments and their info modules, through real
ansible-playbook against the simulator: create, a second run that writes nothing, updates of
each managed field through PingOne's own endpoint, check mode, --diff, absent and bad input.
Every request body is also checked against Ping's API descriptions (conftest, request_schemas.py)."""

from __future__ import annotations

import json
import os

import pytest

from conftest import ALL_SECRET_FORMS, secret_forms  # pylint: disable=import-error

from pingone_simulator import SANDBOX_ENV_ID  # pylint: disable=import-error
from calls import ok, writes  # pylint: disable=import-error

EXAMPLE = os.path.join(os.path.dirname(os.path.dirname(os.path.dirname(os.path.abspath(__file__)))), 'docs', 'examples',
                       'create_test_environment.yml')

ENV = SANDBOX_ENV_ID
USERS = '/v1/environments/%s/users' % ENV
# Passwords of this file's users; the leak scan (conftest.ALL_SECRET_FORMS) covers them in every form.
PASSWORD = 'Fir5t-Passw0rd!'
NEW_PASSWORD = 'Sec0nd-Passw0rd?'
for _label, _password in (('user password', PASSWORD), ('new user password', NEW_PASSWORD)):
    ALL_SECRET_FORMS.update(('%s %s' % (_label, form), value) for form, value in secret_forms('jane', _password).items())


@pytest.fixture(autouse=True)
def organization(ansible):
    ansible.sim.app.platform.reset()
    yield ansible.sim.app.platform
    for key in ('role_propagation_requests', 'readonly_role_assignments', 'create_visibility_status'):
        ansible.sim.config.pop(key, None)


# One playbook per module, each running it with the options given (tests/integration/playbooks/).
PLAYBOOK_OF = {'user': 'user.yml', 'group': 'group.yml', 'application': 'application.yml', 'role_assignment': 'role_assignment.yml',
               'user_info': 'user_info.yml', 'group_info': 'group_info.yml', 'application_info': 'application_info.yml',
               'role_info': 'role_info.yml', 'environment_info': 'environment_info.yml'}


def run(ansible, module, options, check=False, diff=False, **kwargs):
    env = dict(kwargs.pop('env', {}), **({'ANSIBLE_DIFF_ALWAYS': 'true'} if diff else {}))
    options = options if module in ('role_info', 'environment_info') else dict({'target_environment_id': ENV}, **options)
    result_run = ansible.run(PLAYBOOK_OF[module], extra_vars={'options': options}, check=check, env=env, **kwargs)
    return result_run, result_run.result('Run the module')


def refused(pair, option, text):
    _run, result = pair
    assert result['failed'], result
    assert result.get('option') == option, result
    assert text in result['msg'], result['msg']
    return result


def requests_to(ansible, method, path):
    return [r for r in ansible.sim.requests() if r['method'] == method and r['path'] == path]


def management(ansible):
    return ansible.sim.app.management


def user(ansible, username):
    return next(u for u in management(ansible).users(ENV) if u['username'] == username)


JANE = {'username': 'jane', 'email': 'jane@example.com', 'given_name': 'Jane', 'family_name': 'Doe', 'password': PASSWORD}


# --- users --------------------------------------------------------------------------------------------------
def test_user_is_created_with_a_password_once_then_left_alone(ansible):
    result = ok(run(ansible, 'user', JANE, diff=True))
    assert result['changed'] is True and result['user']['username'] == 'jane'
    assert writes(ansible) == [('POST', USERS)]
    post = requests_to(ansible, 'POST', USERS)[0]
    assert post['headers']['Content-Type'] == 'application/vnd.pingidentity.user.import+json'
    assert json.loads(post['body'])['password'] == {'value': PASSWORD, 'forceChange': False}
    assert management(ansible).verify_password(ENV, 'jane', PASSWORD)
    assert result['diff']['after']['password'] == '(set by this task)' and 'password' not in result['user']

    ansible.sim.reset()
    again = ok(run(ansible, 'user', JANE))
    assert again['changed'] is False and again['user']['id'] == result['user']['id'] and writes(ansible) == []


def test_user_fields_each_change_through_their_own_endpoint(ansible):
    created = ok(run(ansible, 'user', JANE))['user']
    ansible.sim.reset()
    path = '%s/%s' % (USERS, created['id'])
    changed = ok(run(ansible, 'user', {'username': 'jane', 'email': 'jane.doe@example.com', 'family_name': 'Smith',
                                       'attributes': {'title': 'Engineer', 'locale': 'en-GB'}, 'enabled': False,
                                       'password': NEW_PASSWORD, 'update_password': 'always', 'force_password_change': True},
                     diff=True))
    assert changed['changed'] is True
    assert writes(ansible) == [('PATCH', path), ('PUT', path + '/enabled'), ('PUT', path + '/password')]
    patch = json.loads(requests_to(ansible, 'PATCH', path)[0]['body'])
    assert patch == {'email': 'jane.doe@example.com', 'name': {'family': 'Smith'}, 'title': 'Engineer', 'locale': 'en-GB'}
    assert requests_to(ansible, 'PUT', path + '/password')[0]['headers']['Content-Type'] == \
        'application/vnd.pingidentity.password.set+json'
    assert management(ansible).verify_password(ENV, 'jane', NEW_PASSWORD)
    assert management(ansible).password_state(ENV, 'jane')['forceChange'] is True
    stored = user(ansible, 'jane')
    assert (stored['email'], stored['name']['family'], stored['title'], stored['enabled']) == \
        ('jane.doe@example.com', 'Smith', 'Engineer', False)
    assert changed['diff']['before']['enabled'] is True and changed['diff']['after']['enabled'] is False
    assert changed['diff']['after']['password'] == '(set by this task)' and 'password' not in changed['diff']['before']

    ansible.sim.reset()   # with update_password on_create (the default) a given password is not sent again
    again = ok(run(ansible, 'user', {'username': 'jane', 'email': 'jane.doe@example.com', 'enabled': False, 'password': PASSWORD,
                                     'attributes': {'title': 'Engineer'}}))
    assert again['changed'] is False and writes(ansible) == []


def test_user_moves_to_another_population_by_name(ansible):
    ok(run(ansible, 'user', JANE))
    ansible.run('population.yml', extra_vars={'pop_options': {'target_environment_id': ENV, 'name': 'Staff'}})
    ansible.sim.reset()
    moved = ok(run(ansible, 'user', {'username': 'jane', 'population': 'Staff'}))
    path = '%s/%s' % (USERS, moved['user']['id'])
    assert moved['changed'] is True and writes(ansible) == [('PUT', path + '/population')]
    staff = next(p for p in ansible.sim.app.platform.populations[ENV].values() if p['name'] == 'Staff')
    assert moved['user']['population']['id'] == staff['id']
    ansible.sim.reset()
    assert ok(run(ansible, 'user', {'username': 'jane', 'population': 'Staff'}))['changed'] is False and writes(ansible) == []


def test_user_check_mode_and_delete(ansible):
    planned = ok(run(ansible, 'user', JANE, check=True, diff=True))
    assert planned['changed'] is True and planned['user'] == {} and writes(ansible) == []
    assert planned['diff']['after']['password'] == '(set by this task)'
    ok(run(ansible, 'user', JANE))
    ansible.sim.reset()
    assert ok(run(ansible, 'user', {'username': 'jane', 'state': 'absent'}, check=True))['changed'] is True and writes(ansible) == []
    deleted = ok(run(ansible, 'user', {'username': 'jane', 'state': 'absent'}))
    assert deleted['changed'] is True and writes(ansible) == [('DELETE', '%s/%s' % (USERS, deleted['user']['id']))]
    ansible.sim.reset()
    assert ok(run(ansible, 'user', {'username': 'jane', 'state': 'absent'}))['changed'] is False and writes(ansible) == []


def test_a_username_differing_only_in_case_is_reported_in_check_mode_too(ansible):
    ok(run(ansible, 'user', JANE))
    ansible.sim.reset()
    for check in (True, False):
        refused(run(ansible, 'user', dict(JANE, username='JANE'), check=check), 'username', "'jane' differs from it only in case")
    assert writes(ansible) == []


@pytest.mark.parametrize('options, option, text', [
    ({'username': ' '}, 'username', 'username is empty'),
    ({'username': 'x', 'state': 'absent', 'password': PASSWORD}, 'password', 'password is set with state absent'),
    ({'username': 'x', 'attributes': {'enabled': False}}, 'attributes', "has the key 'enabled'"),
    ({'username': 'x', 'attributes': {'memberOfGroupIDs': []}}, 'attributes', 'is set by PingOne itself'),
    ({'username': 'x', 'population_id': 'Staff'}, 'population_id', 'population_id is not a UUID'),
    ({'username': 'x', 'email': 'x@example.com', 'population': 'Nope'}, 'population', "population 'Nope' names no population"),
    ({'username': 'x'}, 'email', 'needs an email address to create a user'),
])
def test_user_bad_input_is_refused_before_any_write(ansible, options, option, text):
    refused(run(ansible, 'user', options), option, text)
    assert writes(ansible) == []


def test_pingone_refusals_name_the_field(ansible):
    _run, result = run(ansible, 'user', {'username': 'bad', 'email': 'not-an-email'})
    assert result['failed'] and result['status'] == 400 and result['error'] == 'INVALID_DATA'
    assert 'email' in result['msg'] and result['details'][0]['target'] == 'email'


# --- groups -----------------------------------------------------------------------------------------------------
def test_group_with_members_is_created_once_and_purged_on_request(ansible):
    for name in ('jane', 'joe', 'kim'):
        ok(run(ansible, 'user', {'username': name, 'email': '%s@example.com' % name}))
    ansible.sim.reset()
    created = ok(run(ansible, 'group', {'name': 'Testers', 'description': 'QA', 'members': ['joe', 'jane']}, diff=True))
    assert created['changed'] is True and created['members'] == ['jane', 'joe']
    assert [w for w in writes(ansible) if w[0] == 'POST' and w[1].endswith('/groups')]
    assert len([w for w in writes(ansible) if w[1].endswith('/memberOfGroups')]) == 2
    ansible.sim.reset()
    same = ok(run(ansible, 'group', {'name': 'Testers', 'description': 'QA', 'members': ['jane', 'joe']}))
    assert same['changed'] is False and writes(ansible) == []
    added = ok(run(ansible, 'group', {'name': 'Testers', 'members': ['kim']}))
    assert added['changed'] is True and added['members'] == ['jane', 'joe', 'kim']
    ansible.sim.reset()
    purged = ok(run(ansible, 'group', {'name': 'Testers', 'members': ['kim'], 'purge_members': True}, diff=True))
    assert purged['members'] == ['kim'] and [m for m, _p in writes(ansible)] == ['DELETE', 'DELETE']
    assert purged['diff']['before']['members'] == ['jane', 'joe', 'kim'] and purged['diff']['after']['members'] == ['kim']


def test_group_with_an_unknown_member_writes_nothing(ansible):
    refused(run(ansible, 'group', {'name': 'Testers', 'members': ['ghost']}), 'members', 'ghost')
    assert writes(ansible) == [] and management(ansible).groups(ENV) == []


def test_group_update_check_mode_and_delete(ansible):
    ok(run(ansible, 'group', {'name': 'Testers', 'description': 'Old'}))
    ansible.sim.reset()
    planned = ok(run(ansible, 'group', {'name': 'Testers', 'description': 'New'}, check=True))
    assert planned['changed'] is True and writes(ansible) == []
    updated = ok(run(ansible, 'group', {'name': 'Testers', 'description': 'New'}))
    assert updated['group']['description'] == 'New' and [m for m, _p in writes(ansible)] == ['PUT']
    ansible.sim.reset()
    assert ok(run(ansible, 'group', {'name': 'Testers', 'state': 'absent'}))['changed'] is True
    assert [m for m, _p in writes(ansible)] == ['DELETE'] and management(ansible).groups(ENV) == []


# --- applications ----------------------------------------------------------------------------------------------
def test_web_application_needs_only_name_type_and_redirect_uris(ansible):
    created = ok(run(ansible, 'application', {'name': 'Portal', 'type': 'WEB_APP', 'redirect_uris': ['https://app.example.com/cb']},
                     diff=True))
    assert created['changed'] is True and created['client_id'] == created['application']['id']
    assert 'client_secret' not in created
    post = json.loads([r for r in ansible.sim.requests() if r['method'] == 'POST' and r['path'].endswith('/applications')][0]['body'])
    assert (post['protocol'], post['grantTypes'], post['responseTypes'], post['tokenEndpointAuthMethod'], post['assignActorRoles']) == \
        ('OPENID_CONNECT', ['AUTHORIZATION_CODE'], ['CODE'], 'CLIENT_SECRET_BASIC', False)
    ansible.sim.reset()
    again = ok(run(ansible, 'application', {'name': 'Portal', 'type': 'WEB_APP', 'redirect_uris': ['https://app.example.com/cb']}))
    assert again['changed'] is False and writes(ansible) == []


def test_application_update_is_one_full_put_and_secrets_only_on_request(ansible):
    created = ok(run(ansible, 'application', {'name': 'Worker', 'type': 'WORKER'}))
    ansible.sim.reset()
    path = '/v1/environments/%s/applications/%s' % (ENV, created['application']['id'])
    updated = ok(run(ansible, 'application', {'name': 'Worker', 'description': 'Automation', 'return_secret': True}))
    assert updated['changed'] is True and writes(ansible) == [('PUT', path)]
    put = json.loads(requests_to(ansible, 'PUT', path)[0]['body'])
    assert put['description'] == 'Automation' and put['type'] == 'WORKER' and 'assignActorRoles' not in put and 'id' not in put
    secret = updated['client_secret']
    assert secret and secret not in json.dumps(updated['diff'])
    ansible.sim.reset()
    rotated = ok(run(ansible, 'application', {'name': 'Worker', 'rotate_secret': True}))
    assert rotated['changed'] is True and rotated['client_secret'] != secret and writes(ansible) == [('POST', path + '/secret')]


def test_application_bad_input(ansible):
    refused(run(ansible, 'application', {'name': 'Portal', 'type': 'WEB_APP'}), 'redirect_uris', 'redirect_uris')
    refused(run(ansible, 'application', {'name': 'Portal'}), 'type', 'type')
    ok(run(ansible, 'application', {'name': 'Worker', 'type': 'WORKER'}))
    refused(run(ansible, 'application', {'name': 'Worker', 'type': 'WEB_APP', 'redirect_uris': ['https://x.example.com']}), 'type',
            'cannot change after it is created')


# --- roles and role assignments --------------------------------------------------------------------------------
def test_role_assignment_for_a_user_scoped_to_the_environment(ansible):
    ok(run(ansible, 'user', JANE))
    ansible.sim.reset()
    assigned = ok(run(ansible, 'role_assignment', {'user': 'jane', 'role': 'Identity Data Admin'}, diff=True))
    assert assigned['changed'] is True and assigned['role_assignment']['scope'] == {'id': ENV, 'type': 'ENVIRONMENT'}
    assert [m for m, _p in writes(ansible)] == ['POST']
    ansible.sim.reset()
    again = ok(run(ansible, 'role_assignment', {'user': 'jane', 'role': 'Identity Data Admin'}))
    assert again['changed'] is False and writes(ansible) == []
    removed = ok(run(ansible, 'role_assignment', {'user': 'jane', 'role': 'Identity Data Admin', 'state': 'absent'}))
    assert removed['changed'] is True and [m for m, _p in writes(ansible)] == ['DELETE']


def test_role_assignment_bad_input(ansible):
    ok(run(ansible, 'user', JANE))
    ansible.sim.reset()
    unknown = refused(run(ansible, 'role_assignment', {'user': 'jane', 'role': 'Identity Admin'}), 'role', 'Identity Data Admin')
    assert "'Identity Admin'" in unknown['msg']
    refused(run(ansible, 'role_assignment', {'user': 'jane', 'role': 'Organization Admin', 'scope_type': 'ENVIRONMENT'}),
            'scope_type', 'ORGANIZATION')
    refused(run(ansible, 'role_assignment', {'user': 'jane', 'role': 'Identity Data Admin', 'scope_type': 'POPULATION',
                                             'scope_name': 'Nope'}), 'scope_name', 'Nope')
    refused(run(ansible, 'role_assignment', {'user': 'ghost', 'role': 'Identity Data Admin'}), 'user', 'ghost')
    assert writes(ansible) == []


def test_an_application_that_is_subject_and_scope_of_a_role_assignment_is_read_once(ansible):
    created = ok(run(ansible, 'application', {'name': 'Worker', 'type': 'WORKER'}))
    ansible.sim.reset()
    assigned = ok(run(ansible, 'role_assignment', {'application': 'Worker', 'role': 'Application Owner',
                                                   'scope_type': 'APPLICATION', 'scope_name': 'Worker'}))
    assert assigned['changed'] is True
    assert assigned['role_assignment']['scope'] == {'id': created['application']['id'], 'type': 'APPLICATION'}
    # the task's one resolver: the applications are read once for the subject and the scope (before: twice)
    assert len(requests_to(ansible, 'GET', '/v1/environments/%s/applications' % ENV)) == 1


def test_read_only_role_assignment_is_never_deleted(ansible):
    ansible.sim.config['readonly_role_assignments'] = [{'subject': {'type': 'USER', 'username': 'jane'}, 'role': 'Identity Data Admin'}]
    ok(run(ansible, 'user', JANE))
    ansible.sim.reset()
    refused(run(ansible, 'role_assignment', {'user': 'jane', 'role': 'Identity Data Admin', 'state': 'absent'}), 'state', 'readOnly')
    assert writes(ansible) == []


def test_a_new_role_is_waited_for_until_it_applies(ansible):
    ok(run(ansible, 'application', {'name': 'Worker', 'type': 'WORKER'}))
    ansible.sim.config['role_propagation_requests'] = 2
    result = ok(run(ansible, 'role_assignment', {'application': 'Worker', 'role': 'Client Application Developer'}))
    assert result['changed'] is True
    ansible.sim.reset()
    # The next calls of the same client answer 403 "The actor attempting ... is not authorized" twice, then work.
    listed = ok(run(ansible, 'user_info', {}))
    assert listed['users'] == [] and any('not have applied yet' in warning for warning in listed.get('warnings', []))


# --- info modules ------------------------------------------------------------------------------------------------
def test_info_modules_list_what_exists(ansible):
    for name in ('jane', 'joe'):
        ok(run(ansible, 'user', {'username': name, 'email': '%s@example.com' % name}))
    ok(run(ansible, 'group', {'name': 'Testers', 'members': ['jane']}))
    ok(run(ansible, 'application', {'name': 'Worker', 'type': 'WORKER'}))
    ansible.sim.reset()
    assert [u['username'] for u in ok(run(ansible, 'user_info', {}))['users']] == ['jane', 'joe']
    assert [u['username'] for u in ok(run(ansible, 'user_info', {'username': 'joe'}))['users']] == ['joe']
    assert [g['name'] for g in ok(run(ansible, 'group_info', {}))['groups']] == ['Testers']
    assert 'Worker' in [a['name'] for a in ok(run(ansible, 'application_info', {}))['applications']]
    roles = ok(run(ansible, 'role_info', {}))['roles']
    assert {'name': 'Identity Data Admin'}.items() <= next(r for r in roles if r['name'] == 'Identity Data Admin').items()
    assert all('applicableTo' in role and 'id' in role for role in roles)
    assert [e['id'] for e in ok(run(ansible, 'environment_info', {'name': 'Sandbox'}))['environments']] == [ENV]
    assert writes(ansible) == []


def test_a_new_environment_is_used_at_once_although_its_sub_resources_lag(ansible):
    """The example right after a create: the environment answers 404 twice, then its sub-resources 403 three times more."""
    ansible.sim.config.update(create_visibility_requests=2, create_subresource_requests=3, create_visibility_status=403)
    try:
        result = ansible.run(EXAMPLE)
    finally:
        for key in ('create_visibility_requests', 'create_subresource_requests'):
            ansible.sim.config.pop(key, None)
    assert result.rc == 0, result.output[-3000:]
    refused = [r for r in ansible.sim.requests() if r['method'] == 'GET' and r['path'].endswith('/populations')]
    assert len(refused) >= 4   # 403, 403, 403, then the answer: waited out by pingone_environment, not failed on
    assert result.result('Create a user with a password in that population')['changed'] is True
