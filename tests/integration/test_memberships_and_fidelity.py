# -*- coding: utf-8 -*-
# Copyright: (c) 2026, pingone.platform maintainers
# GNU General Public License v3.0+ (see LICENSE or https://www.gnu.org/licenses/gpl-3.0.txt)
"""Requests as Ping's OpenAPI description documents them, through the built collection in real ansible-playbook runs
against the simulator (which follows the description where it is strict):

- the export reads each group's members with the users list filtered on the group (the list ignores ``include``);
- a secret is rotated with an ``application/json`` body (the simulator refuses the POST without that Content-Type);
- pingone_role_info lists the custom admin roles of target_environment_id, marked ``custom``;
- a module working in an environment created a moment ago by other means (pingone_api) waits for it, bounded, and
  after the bound fails naming its ID. No assertion on time: the waits are counted in requests and warnings."""

from __future__ import annotations

from urllib.parse import parse_qs

import pytest

from pingone_simulator import LICENSE_ID, SANDBOX_ENV_ID  # pylint: disable=import-error

ENV = SANDBOX_ENV_ID
WINDOW_KEYS = ('create_visibility_requests', 'create_subresource_requests', 'create_visibility_status')


@pytest.fixture(autouse=True)
def organization(ansible):
    ansible.sim.app.platform.reset()
    yield ansible.sim.app.platform
    for key in WINDOW_KEYS:
        ansible.sim.config.pop(key, None)
    ansible.sim.app.platform.reset()


def ok(run, task='Run the module'):
    result = run.result(task)
    assert run.rc == 0 and not result.get('failed'), result.get('msg') or run.output[-4000:]
    return result


def header(request, name):
    return next((value for key, value in request['headers'].items() if key.lower() == name.lower()), None)


# --- item 3: memberships ------------------------------------------------------------------------------------------
def test_the_export_reads_each_groups_members_with_the_filtered_users_list(ansible):
    config = {
        'populations': [{'name': 'Default', 'default': True}],
        'groups': [{'name': 'Developers', 'members': ['alice', 'bob']}, {'name': 'Auditors', 'members': []},
                   {'name': 'Leads', 'members': ['bob']}],
        'users': [{'username': 'alice', 'email': 'alice@example.com', 'population': 'Default'},
                  {'username': 'bob', 'email': 'bob@example.com', 'population': 'Default'}],
    }
    applied = ansible.run('environment_config.yml', extra_vars={'pingone_config': config, 'pingone_config_environment_id': ENV})
    assert applied.rc == 0, applied.output[-4000:]
    ansible.sim.reset()
    result = ok(ansible.run('environment_export.yml', extra_vars={'options': {'target_environment_id': ENV, 'include_users': True,
                                                                              'concurrency': 2}}))
    members = {group['name']: group['members'] for group in result['config']['groups']}
    assert members == {'Auditors': [], 'Developers': ['alice', 'bob'], 'Leads': ['bob']}
    users = [r for r in ansible.sim.requests() if r['path'] == '/v1/environments/%s/users' % ENV]
    group_ids = {group['name']: group['id'] for group in ansible.sim.app.management.groups(ENV)}
    filters = sorted(parse_qs(r['query']).get('filter', [''])[0] for r in users)
    # one plain read of the users, one filtered read per group; include (undocumented on this list) is never sent
    assert filters == sorted([''] + ['memberOfGroups[id eq "%s"]' % group_id for group_id in group_ids.values()])
    assert not any('include' in parse_qs(r['query']) for r in users)
    assert all(parse_qs(r['query']).get('limit') == ['1000'] for r in users)


# --- item 5: fidelity -------------------------------------------------------------------------------------------------
def test_a_secret_is_rotated_with_an_application_json_body_and_refused_without_one(ansible):
    created = ok(ansible.run('application.yml', extra_vars={'options': {'target_environment_id': ENV, 'name': 'Worker',
                                                                        'type': 'WORKER'}}))
    path = '/v1/environments/%s/applications/%s/secret' % (ENV, created['application']['id'])
    ansible.sim.reset()
    rotated = ok(ansible.run('application.yml', extra_vars={'options': {'target_environment_id': ENV, 'name': 'Worker',
                                                                        'rotate_secret': True}}))
    assert rotated['changed'] is True and rotated['client_secret']
    posts = [r for r in ansible.sim.requests() if r['method'] == 'POST' and r['path'] == path]
    assert len(posts) == 1 and header(posts[0], 'Content-Type') == 'application/json' and posts[0]['body'] == '{}'
    # The same POST without a body or Content-Type, sent raw: refused, as the description allows only application/json.
    ansible.sim.reset()
    raw = ansible.run('api.yml', extra_vars={'api_options': {'method': 'POST', 'path': path[len('/v1'):]}})
    refused = raw.result('Call the API')
    assert refused['failed'] and refused['status'] == 415 and 'application/json' in refused['msg']


def test_role_info_lists_the_custom_roles_of_target_environment_id_marked_custom(ansible):
    admin = ansible.sim.app.management.role_id('Environment Admin')
    body = {'name': 'Help Desk', 'description': 'Resets passwords', 'applicableTo': ['ENVIRONMENT', 'POPULATION'],
            'permissions': [{'id': 'identity:update:user'}], 'canBeAssignedBy': [{'id': admin}]}
    made = ansible.run('api.yml', extra_vars={'api_options': {'method': 'POST', 'path': '/environments/%s/roles' % ENV, 'body': body,
                                                              'status_code': [201]}})
    custom_id = ok(made, 'Call the API')['json']['id']
    ansible.sim.reset()
    roles = ok(ansible.run('role_info.yml', extra_vars={'options': {'target_environment_id': ENV}}))['roles']
    assert roles[-1] == {'id': custom_id, 'name': 'Help Desk', 'description': 'Resets passwords',
                         'applicableTo': ['ENVIRONMENT', 'POPULATION'], 'custom': True}
    assert [role['custom'] for role in roles[:-1]] == [False] * (len(roles) - 1) and len(roles) > 1
    assert {'id': admin, 'name': 'Environment Admin'}.items() <= roles[[r['name'] for r in roles].index('Environment Admin')].items()
    assert [('GET', r['path']) for r in ansible.sim.requests() if r['path'].startswith('/v1/')] == [
        ('GET', '/v1/roles'), ('GET', '/v1/environments/%s/roles' % ENV)]
    # by name; and without target_environment_id, the built-in roles only
    named = ok(ansible.run('role_info.yml', extra_vars={'options': {'target_environment_id': ENV, 'name': 'Help Desk'}}))['roles']
    assert [(role['name'], role['custom']) for role in named] == [('Help Desk', True)]
    built_in = ok(ansible.run('role_info.yml', extra_vars={'options': {}}))['roles']
    assert 'Help Desk' not in [role['name'] for role in built_in] and not any(role['custom'] for role in built_in)


def new_environment_in_use(ansible, name, **variables):
    run = ansible.run('new_environment_in_use.yml', extra_vars=dict({'env_name': name, 'license_id': LICENSE_ID}, **variables))
    created = run.result('Create the environment')
    assert not created.get('failed'), run.output[-4000:]
    return run, created['json']['id']


def test_modules_wait_for_an_environment_created_a_moment_ago_by_other_means(ansible):
    # The new environment answers 404 for 3 requests, then its sub-resources 403 and 404 in turn for 3 more.
    ansible.sim.config.update(create_visibility_requests=3, create_subresource_requests=3, create_visibility_status='mixed')
    run, env_id = new_environment_in_use(ansible, 'Made elsewhere')
    assert run.rc == 0, run.output[-4000:]
    population, group, user = (run.result(task) for task in ('A population in it', 'A group in it', 'A user in it'))
    assert [population['changed'], group['changed'], user['changed']] == [True, True, True], run.output[-4000:]
    assert user['user']['population']['id'] == population['population']['id']
    waits = [warning for warning in population.get('warnings', []) if 'may not be available yet' in warning]
    assert len(waits) >= 3 and all(env_id in warning and 'target_environment_id' in warning for warning in waits)
    base = '/v1/environments/%s/populations' % env_id
    reads = [r for r in ansible.sim.requests() if r['method'] == 'GET' and r['path'] == base]
    assert len(reads) >= 4   # refused, refused, ..., then answered: waited out, not failed on
    # the organization's list was asked whether the environment is a new one
    assert any(r['path'] == '/v1/environments' and env_id in parse_qs(r['query']).get('filter', [''])[0] for r in ansible.sim.requests())
    assert [item.get('name') for item in ansible.sim.app.management.groups(env_id)] == ['Admins']


def test_after_the_bound_the_module_fails_naming_the_environment_id(ansible):
    # A window far longer than the bound (1 s here, through environment_wait_timeout).
    ansible.sim.config.update(create_visibility_requests=10000, create_visibility_status=403)
    run, env_id = new_environment_in_use(ansible, 'Never ready', wait=1)
    population = run.result('A population in it')
    assert population['failed'] and population['status'] == 403   # what its populations answer in this window
    assert ('environment %s (target_environment_id), created at ' % env_id) in population['msg']
    assert 'was still not available 1 s later' in population['msg'] and 'run the task again in a few minutes' in population['msg']
    assert 'Bearer' not in population['msg'] and population['msg'].endswith('.')


def test_an_id_of_no_environment_fails_at_once(ansible):
    unknown = '7d3f0e1a-2b4c-4d5e-8f6a-9b0c1d2e3f4a'
    run = ansible.run('population.yml', extra_vars={'pop_options': {'target_environment_id': unknown, 'name': 'Staff'}})
    result = run.result('Manage the population')
    assert result['failed'] and result['status'] == 404 and 'no environment %s is visible' % unknown in result['msg']
    assert not any('may not be available yet' in warning for warning in result.get('warnings', []))
    assert len([r for r in ansible.sim.requests() if r['path'].startswith('/v1/environments/%s' % unknown)]) == 1
