# -*- coding: utf-8 -*-
# Copyright: (c) 2026, pingone.platform maintainers
# GNU General Public License v3.0+ (see LICENSE or https://www.gnu.org/licenses/gpl-3.0.txt)
"""config_legacy_plan: comparing an environment with a description, the plan the role environment_config applies
(module arguments per phase, the deletions with prune), its drift and labels."""

from __future__ import annotations

import json

import pytest

from ansible_collections.pingone.platform.plugins.module_utils import config_legacy_plan as planning
from ansible_collections.pingone.platform.plugins.module_utils.errors import PingOneInputError
from ansible_collections.pingone.platform.tests.unit.legacy_environment import (
    CAD,
    DEFAULT_POP,
    DEVS,
    ENV_ID,
    IDA,
    STAFF,
    described,
    state,
)


# --- comparing --------------------------------------------------------------------------------------------------
def plan(config, current=None, prune=False, check_mode=False):
    current = current or state()
    compared = planning.Plan(config, current, prune, check_mode)
    compared.assignment_subjects_read = compared.assignment_subjects()
    return compared.build().result()


def test_an_environment_compared_with_its_own_description_has_nothing_to_do():
    config, _skipped = described()
    steps, drift, changes = plan(config)
    assert changes == 0 and drift == {}
    assert all(steps[phase] == [] for phase in planning.Plan.PHASES) and all(value == [] for value in steps['prune'].values())
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


def test_role_assignment_labels_name_what_the_plans_ids_stand_for_in_the_same_order():
    config, _skipped = described()
    config['role_assignments'] = [item for item in config['role_assignments'] if item.get('group') != 'Developers']
    config['role_assignments'].append({'group': 'Developers', 'role': 'Identity Data Admin', 'scope_type': 'POPULATION',
                                       'scope_name': 'Default'})
    compared = planning.Plan(config, state(), True, False)
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
    warning = planning.passwordless_warning({'users': {'create': created}} if created else {})
    if expected is None:
        assert warning is None
    else:
        assert warning.startswith(expected) and '\n' not in warning and 'update_password' in warning


def test_prune_never_purges_a_member_the_description_cannot_hold():
    """A member without an email address cannot be described (no user item): with prune, the group's purge keeps it, as the
    drift says (it lists no removal of it)."""
    config, _skipped = described()
    config['groups'][0]['members'] = ['alice', 'carol']
    config['users'].append({'username': 'carol', 'email': 'c@example.com', 'population': 'Default'})
    steps, drift, _changes = plan(config, prune=True)
    assert drift['memberships'] == {'Developers': {'add': ['carol'], 'remove': []}}
    assert steps['memberships'] == [{'name': 'Developers', 'members': ['alice', 'carol', 'nomail'], 'purge_members': True,
                                     'population_id': STAFF}]
