# -*- coding: utf-8 -*-
# Copyright: (c) 2026, pingone.platform maintainers
# GNU General Public License v3.0+ (see LICENSE or https://www.gnu.org/licenses/gpl-3.0.txt)
"""Configuration as code, through the built collection in real ansible-playbook runs against the simulator:
pingone_environment_export describes an environment, the role pingone.platform.environment_config applies a
description to another one. Round trip (export A, apply to an empty B, export B: equal; apply again: nothing
written), prune (exactly what is not described goes, never a built-in), check mode (nothing written, the drift
reported), malformed descriptions refused before any request, and every export checked against the JSON Schema
the collection ships. The harness (conftest.py) scans every run, at -vvvv, for secrets and tokens."""

from __future__ import annotations

import copy
import json
import os
import re
import uuid

import jsonschema
import pytest

from conftest import ALL_SECRET_FORMS, HOOK_SECRET, IDP_SECRET, secret_forms  # pylint: disable=import-error

from pingone_simulator import ADMIN_ENV_ID, CLIENTS, LICENSE_ID, SANDBOX_ENV_ID  # pylint: disable=import-error
from calls import writes  # pylint: disable=import-error

HERE = os.path.dirname(os.path.abspath(__file__))
ROOT = os.path.dirname(os.path.dirname(HERE))
SCHEMA_PATH = os.path.join(ROOT, 'roles', 'environment_config', 'files', 'config.schema.json')
A = SANDBOX_ENV_ID
UUID = re.compile(r'[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}', re.IGNORECASE)
TIMESTAMP = re.compile(r'\d{4}-\d\d-\d\dT\d\d:\d\d')
LEGACY = ('populations', 'groups', 'applications', 'role_assignments', 'users')
# The description's keys of the registry kinds (every kind but PingOne's own alone and the four with keys of their own)
REGISTRY_KEYS = ['agreement', 'agreement_language', 'application_attribute_mapping', 'application_resource_grant',
                 'application_sign_on_policy_assignment', 'branding_settings', 'branding_theme', 'custom_domain', 'gateway',
                 'identity_provider', 'identity_provider_attribute', 'key', 'mfa_device_policy', 'notification_template_content',
                 'password_policy', 'resource', 'resource_attribute', 'resource_scope', 'risk_policy', 'risk_predictor',
                 'schema_attribute', 'sign_on_policy', 'sign_on_policy_action', 'trusted_email_domain', 'webhook']
# The password of this file's user; the leak scan (conftest.ALL_SECRET_FORMS) covers it in every form.
PASSWORD = 'Exp0rt-Never!Sh0wn'
ALL_SECRET_FORMS.update(('config user password %s' % form, value) for form, value in secret_forms('frank', PASSWORD).items())

# The development environment's configuration, applied to A by the role first (so the role builds it too).
DEV = {
    'populations': [{'name': 'Default', 'default': True}, {'name': 'Staff', 'description': 'Employees'}, {'name': 'Partners'}],
    'groups': [
        {'name': 'Developers', 'description': 'Build things', 'population': 'Staff', 'members': ['alice', 'bob']},
        {'name': 'Everyone', 'members': ['alice', 'carol', 'dave']},
        {'name': 'Auditors', 'description': 'Read only'},
    ],
    'users': [
        {'username': 'alice', 'email': 'alice@example.com', 'given_name': 'Alice', 'family_name': 'Archer', 'population': 'Staff'},
        {'username': 'bob', 'email': 'bob@example.com', 'given_name': 'Bob', 'population': 'Staff', 'enabled': False,
         'attributes': {'title': 'Engineer'}},
        {'username': 'carol', 'email': 'carol@example.com', 'population': 'Default'},
        {'username': 'dave', 'email': 'dave@example.com', 'population': 'Partners'},
    ],
    'applications': [
        {'name': 'Intranet', 'type': 'WEB_APP', 'description': 'The intranet', 'redirect_uris': ['https://intranet.example.com/cb'],
         'post_logout_redirect_uris': ['https://intranet.example.com/']},
        {'name': 'Mobile', 'type': 'NATIVE_APP', 'redirect_uris': ['com.example.app:/cb']},
        {'name': 'Provisioner', 'type': 'WORKER', 'enabled': False},
    ],
    'role_assignments': [
        {'application': 'Provisioner', 'role': 'Identity Data Admin', 'scope_type': 'POPULATION', 'scope_name': 'Staff'},
        {'group': 'Developers', 'role': 'Client Application Developer', 'scope_type': 'ENVIRONMENT'},
        {'user': 'alice', 'role': 'Application Owner', 'scope_type': 'APPLICATION', 'scope_name': 'Intranet'},
        {'user': 'carol', 'role': 'Identity Data Read Only', 'scope_type': 'POPULATION', 'scope_name': 'Default'},
    ],
}


@pytest.fixture(autouse=True)
def organization(ansible):
    ansible.sim.app.platform.reset()
    yield ansible.sim.app.platform
    ansible.sim.config.pop('readonly_role_assignments', None)


@pytest.fixture(scope='module')
def schema():
    with open(SCHEMA_PATH, encoding='utf-8') as handle:
        loaded = json.load(handle)
    jsonschema.Draft202012Validator.check_schema(loaded)
    return jsonschema.Draft202012Validator(loaded)


# --- helpers --------------------------------------------------------------------------------------------------
def management(ansible):
    return ansible.sim.app.management


def api_requests(ansible):
    return [(r['method'], r['path']) for r in ansible.sim.requests() if r['path'].startswith('/v1/')]


def ok(run, task='Run the module'):
    result = run.result(task)
    assert run.rc == 0 and not result.get('failed'), result.get('msg') or run.output[-4000:]
    return result


def export(ansible, env_id, schema, **options):
    """The description of ``env_id`` (checked against the JSON Schema), and the whole result."""
    run = ansible.run('environment_export.yml', extra_vars={'options': dict({'target_environment_id': env_id}, **options)})
    result = ok(run)
    assert result['changed'] is False
    schema.validate(result['config'])
    return result['config'], result


def apply(ansible, env_id, config, check=False, diff=False, prune=None, **extra):
    variables = dict({'pingone_config': config, 'pingone_config_environment_id': env_id}, **extra)
    if prune is not None:
        variables['pingone_config_prune'] = prune
    env = {'ANSIBLE_DIFF_ALWAYS': 'true'} if diff else None
    return ansible.run('environment_config.yml', extra_vars=variables, check=check, env=env)


def applied(ansible, env_id, config, **kwargs):
    run = apply(ansible, env_id, config, **kwargs)
    assert run.rc == 0, run.output[-5000:]
    return run, run.result('Remember the comparison')['ansible_facts']['compared']


def task_name(record):
    """A recorded task's own name: ansible-core 2.21 names a role's task ``collection.role : task``, 2.19 ``task``."""
    return record['task'].rsplit(' : ', 1)[-1]


def item_results(run, task):
    """The results of a task's iterations (or its one result)."""
    found = [record['result'] for record in run.records if task_name(record) == task]
    return [item for result in found for item in result.get('results', [result])]


def changed_tasks(run):
    return [task_name(record) for record in run.records if record['result'].get('changed')]


def new_environment(ansible, name='Promoted'):
    run = ansible.run('environment.yml', extra_vars={'env_options': {'name': name, 'license_id': LICENSE_ID, 'type': 'SANDBOX'}})
    assert run.rc == 0, run.output[-3000:]
    return run.result('Manage the environment')['environment']['id']


def assignments(ansible, env_id):
    return management(ansible).role_assignments(env_id)


# --- the round trip --------------------------------------------------------------------------------------------
def test_round_trip_export_apply_export_is_equal_and_a_second_apply_writes_nothing(ansible, schema):
    run, compared = applied(ansible, A, DEV)
    assert compared['changes'] > 0
    dev, dev_result = export(ansible, A, schema, include_users=True)
    assert [pop['name'] for pop in dev['populations']] == ['Default', 'Partners', 'Staff']
    assert {'name': 'Default', 'default': True} in dev['populations']
    assert [app['name'] for app in dev['applications']] == ['Intranet', 'Mobile', 'Provisioner']   # no built-in application
    assert len(dev['role_assignments']) == 4 and len(dev['users']) == 4
    assert next(g for g in dev['groups'] if g['name'] == 'Everyone')['members'] == ['alice', 'carol', 'dave']
    assert dev_result['skipped_objects'] == []

    ansible.sim.reset()
    target = new_environment(ansible)
    ansible.sim.reset()
    _run, compared = applied(ansible, target, dev)
    assert compared['changes'] > 0
    promoted, _result = export(ansible, target, schema, include_users=True)
    assert promoted == dev

    ansible.sim.reset()
    again, compared = applied(ansible, target, dev)
    assert compared['changes'] == 0 and changed_tasks(again) == []
    assert writes(ansible) == []
    assert 'changed=0' in again.output


def test_an_unchanged_reapply_reads_each_kind_once_and_writes_nothing(ansible, schema):
    applied(ansible, A, DEV)
    dev, _result = export(ansible, A, schema, include_users=True)
    ansible.sim.reset()
    run, compared = applied(ansible, A, dev)
    assert compared['changes'] == 0 and compared['drift'] == {} and changed_tasks(run) == []
    sent = api_requests(ansible)
    assert all(method == 'GET' for method, _path in sent), sent
    base = '/v1/environments/%s/' % A
    member_reads = [r['query'] for r in ansible.sim.requests() if r['path'] == base + 'users' and 'memberOfGroups' in r['query']]
    for kind in ('populations', 'groups', 'applications', 'users'):
        assert sent.count(('GET', base + kind)) == 1 + (len(member_reads) if kind == 'users' else 0), sent
    assert sent.count(('GET', '/v1/roles')) == 1
    # one read per subject the role assignments name (Provisioner, Developers, alice, carol); nothing else
    assert len([path for _method, path in sent if path.endswith('/roleAssignments')]) == 4
    # the members as Ping documents it: the users filtered on each group (Developers, Everyone, Auditors), never include=
    assert len(member_reads) == 3 and not any('include' in r['query'] for r in ansible.sim.requests()), member_reads
    # the registry kinds the export describes too: each list (kind and parent) read once
    legacy_paths = {base + kind for kind in ('populations', 'groups', 'applications', 'users')} | {'/v1/roles'}
    others = [path for _method, path in sent if path not in legacy_paths and not path.endswith('/roleAssignments')]
    assert len(others) == len(set(others)), sorted(path for path in set(others) if others.count(path) > 1)
    assert len(sent) == 12 + len(others)
    assert ansible.sim.stats()['tokens_issued'] >= 1 and len([r for r in ansible.sim.requests() if r['path'].endswith('/as/token')]) == 1


def token_requests(ansible):
    return len([r for r in ansible.sim.requests() if r['path'].endswith('/as/token')])


def simulator_connection(ansible):
    info = ansible.sim.info()
    return {'md_environment_id': info['environment_id'], 'md_client_id': CLIENTS['basic']['id'],
            'md_client_secret': CLIENTS['basic']['secret'], 'md_host': info['host'], 'md_ca_path': info['ca_path']}


def no_pingone_variables(ansible):
    return [name for name in ansible.base_env() if name.startswith('PINGONE_')]


def test_the_connection_can_come_from_the_module_defaults_group_alone_with_one_token(ansible, schema):
    variables = dict(simulator_connection(ansible), pingone_config=DEV, pingone_config_environment_id=A)
    run = ansible.run('environment_config_module_defaults.yml', extra_vars=variables, unset=no_pingone_variables(ansible))
    assert run.rc == 0, run.output[-4000:]
    assert run.result('Remember the comparison')['ansible_facts']['compared']['changes'] > 0 and writes(ansible)
    assert token_requests(ansible) == 1   # the role's one token, for the comparison and every write
    ansible.sim.reset()
    run = ansible.run('environment_config_module_defaults.yml', extra_vars=variables, unset=no_pingone_variables(ansible))
    assert run.rc == 0 and run.result('Remember the comparison')['ansible_facts']['compared']['changes'] == 0
    assert writes(ansible) == [] and token_requests(ansible) == 1


def test_a_refused_token_request_fails_the_role_once(ansible, schema):
    # A wrong secret: the role's token task fails (it was ignored before, and the comparison asked again).
    variables = dict(simulator_connection(ansible), pingone_config=DEV, pingone_config_environment_id=A, md_client_secret='wrong-secret')
    run = ansible.run('environment_config_module_defaults.yml', extra_vars=variables, unset=no_pingone_variables(ansible))
    assert run.rc != 0 and token_requests(ansible) == 1 and api_requests(ansible) == []


def test_with_the_plays_token_in_module_defaults_the_role_reuses_it_and_one_token_serves_the_play(ansible, schema):
    """Client credentials and the play's token in the group: the role reuses the token (the fact pingone_token), also when it
    runs twice in the play."""
    variables = dict(simulator_connection(ansible), pingone_config=DEV, pingone_config_environment_id=A, play_token=True,
                     apply_twice=True)
    run = ansible.run('environment_config_module_defaults.yml', extra_vars=variables, unset=no_pingone_variables(ansible))
    assert run.rc == 0, run.output[-4000:]
    assert writes(ansible) and run.result('Remember the comparison')['ansible_facts']['compared']['changes'] == 0   # the second apply
    assert token_requests(ansible) == 1   # the play's; the role asked for none


def test_the_role_asks_for_one_token_with_client_credentials_in_the_environment(ansible, schema):
    _run, compared = applied(ansible, A, DEV)
    assert compared['changes'] > 0 and writes(ansible)
    assert token_requests(ansible) == 1
    ansible.sim.reset()
    extra = copy.deepcopy(DEV)
    extra['groups'].append({'name': 'Reviewers'})
    _run, compared = applied(ansible, A, extra, play_token=True)
    assert compared['changes'] == 1 and writes(ansible)
    assert token_requests(ansible) == 1   # the play's, reused by the role


def test_with_pingone_api_access_token_the_role_asks_for_no_token(ansible, schema):
    applied(ansible, A, DEV)
    token = ansible.sim.issued_tokens()[-1]
    ansible.sim.reset()
    extra = copy.deepcopy(DEV)
    extra['groups'].append({'name': 'Reviewers'})
    run = ansible.run('environment_config.yml', extra_vars={'pingone_config': extra, 'pingone_config_environment_id': A},
                      env={'PINGONE_API_ACCESS_TOKEN': token}, unset=['PINGONE_ENVIRONMENT_ID', 'PINGONE_CLIENT_ID', 'PINGONE_CLIENT_SECRET'])
    assert run.rc == 0, run.output[-4000:]
    assert writes(ansible) and token_requests(ansible) == 0


README_RECIPE = re.compile(r'<!-- recipe: environment_config_token_recipe.yml -->\s*```yaml\n(.*?)```', re.S)


def test_the_readme_recipe_with_the_token_in_module_defaults_works_without_any_pingone_variable(ansible, schema):
    """README.md's recipe, as tests/integration/playbooks/environment_config_token_recipe.yml runs it (every line of it
    there, but `region: EU`, which the simulator's host names and CA replace): the group's token reaches the role's
    modules (before, the role failed at its first task with 'environment_id is required') and the role asks no token."""
    with open(os.path.join(ROOT, 'README.md'), encoding='utf-8') as handle:
        recipe = README_RECIPE.search(handle.read()).group(1)
    with open(os.path.join(HERE, 'playbooks', 'environment_config_token_recipe.yml'), encoding='utf-8') as handle:
        playbook = handle.read().splitlines()
    lines = [line for line in recipe.splitlines() if line.strip() and line.strip() != 'region: EU']
    position = 0
    for line in lines:
        assert line in playbook[position:], 'the README recipe line %r is not in the test playbook (in order)' % line
        position = playbook.index(line, position) + 1

    info = ansible.sim.info()
    variables = {'md_host': info['host'], 'md_ca_path': info['ca_path'], 'admin_environment_id': info['environment_id'],
                 'admin_client_id': CLIENTS['basic']['id'], 'vault_admin_client_secret': CLIENTS['basic']['secret'],
                 'development_config': DEV, 'test_environment_id': A}
    run = ansible.run('environment_config_token_recipe.yml', extra_vars=variables, unset=no_pingone_variables(ansible))
    assert run.rc == 0, run.output[-4000:]
    assert 'environment_id is required' not in run.output
    assert run.result('Remember the comparison')['ansible_facts']['compared']['changes'] > 0 and writes(ansible)
    assert token_requests(ansible) == 1   # the play's token task; the role asked for none
    ansible.sim.reset()
    run = ansible.run('environment_config_token_recipe.yml', extra_vars=variables, unset=no_pingone_variables(ansible))
    assert run.rc == 0 and run.result('Remember the comparison')['ansible_facts']['compared']['changes'] == 0
    assert writes(ansible) == [] and token_requests(ansible) == 1


def test_the_connection_can_be_the_role_variable_alone(ansible, schema):
    """No credentials but the token in pingone_config_access_token (the host names and CA stay in PINGONE_*)."""
    info = ansible.sim.info()
    variables = {'admin_environment_id': info['environment_id'], 'admin_client_id': CLIENTS['basic']['id'],
                 'vault_admin_client_secret': CLIENTS['basic']['secret'], 'pingone_config': DEV, 'pingone_config_environment_id': A}
    unset = ['PINGONE_ENVIRONMENT_ID', 'PINGONE_CLIENT_ID', 'PINGONE_CLIENT_SECRET']
    run = ansible.run('environment_config_access_token.yml', extra_vars=variables, unset=unset)
    assert run.rc == 0, run.output[-4000:]
    assert run.result('Remember the comparison')['ansible_facts']['compared']['changes'] > 0 and writes(ansible)
    assert token_requests(ansible) == 1   # the play's; the role asked for none


@pytest.mark.parametrize('variables, texts', [
    ({'pingone_config_environment_id': 'not-an-id'}, ['pingone_config_environment_id is not a UUID', '"not-an-id"']),
    ({'pingone_config_concurrency': 0}, ['pingone_config_concurrency is 0: give a number from 1 to 50']),
    ({'pingone_config_concurrency': 51}, ['pingone_config_concurrency is 51: give a number from 1 to 50']),
], ids=['environment-id', 'concurrency-0', 'concurrency-51'])
def test_the_roles_own_errors_name_the_role_variable_before_any_request(ansible, variables, texts):
    run = apply(ansible, variables.pop('pingone_config_environment_id', A), DEV, **variables)
    assert run.rc != 0
    failed = [record for record in run.records if record['status'] == 'failed']
    message = failed[0]['result'].get('msg', '')
    for text in texts:
        assert text in message, message
    assert 'target_environment_id' not in message and 'concurrency is' not in message.replace('pingone_config_concurrency is', '')
    assert ansible.sim.requests() == [], 'a request was sent: %s' % api_requests(ansible)


def test_a_failed_comparison_names_the_role_variables_not_the_modules_options(ansible):
    missing = str(uuid.uuid4())
    run = apply(ansible, missing, DEV)
    assert run.rc != 0
    failed = [record for record in run.records if record['status'] == 'failed']
    assert [task_name(record) for record in failed] == ['Stop, the apply failed'], run.output[-3000:]
    message = failed[0]['result']['msg']
    assert missing in message and 'pingone_config_environment_id' in message and 'target_environment_id' not in message, message
    assert writes(ansible) == []


def test_users_created_without_a_password_are_counted_in_one_warning(ansible):
    run, compared = applied(ansible, A, DEV)
    flat = ' '.join(run.output.split())   # Ansible wraps a long warning to the terminal's width
    warnings = [part for part in flat.split('[WARNING]: ')[1:] if 'password' in part]
    assert len(warnings) == 1, flat[-3000:]   # one line, not one per user (the -vvvv result shows it once more, in warnings)
    assert warnings[0].startswith('4 users are created without a password (alice, bob, carol, dave): ')
    ansible.sim.reset()
    run, compared = applied(ansible, A, DEV)   # nothing to create: no warning
    assert compared['changes'] == 0 and 'without a password' not in run.output


def diff_headers(compared, kind):
    """The objects of ``kind`` the apply changed (or would), as its per-object diffs name them."""
    return sorted(entry['after_header'].split(' ', 1)[1] for entry in compared['diff'] if entry['after_header'].startswith(kind + ' '))


def test_role_assignments_are_named_by_the_role_the_subject_and_the_scope(ansible):
    _run, compared = applied(ansible, A, DEV, diff=True)
    assert diff_headers(compared, 'role_assignments') == ['application Provisioner: Identity Data Admin at POPULATION Staff',
                                                          'group Developers: Client Application Developer at ENVIRONMENT',
                                                          'user alice: Application Owner at APPLICATION Intranet',
                                                          'user carol: Identity Data Read Only at POPULATION Default']
    assert compared['summary']['role_assignments']['created'] == 4
    extra = copy.deepcopy(DEV)
    extra['role_assignments'].pop(1)
    run, compared = applied(ansible, A, extra, prune=True, diff=True)
    assert diff_headers(compared, 'role_assignments') == ['group Developers: Client Application Developer at ENVIRONMENT']
    assert compared['summary']['role_assignments']['deleted'] == 1
    assert 'role_assignments group Developers: Client Application Developer at ENVIRONMENT' in run.output   # --diff's header


# --- prune --------------------------------------------------------------------------------------------------
def with_extras():
    """DEV and, on top of it, one more object of every kind (and a member more): what prune must remove."""
    extra = copy.deepcopy(DEV)
    extra['populations'].append({'name': 'Contractors', 'description': 'Temporary'})
    extra['groups'].append({'name': 'Temps', 'population': 'Contractors', 'members': ['eve']})
    next(group for group in extra['groups'] if group['name'] == 'Everyone')['members'].append('bob')
    extra['users'].append({'username': 'eve', 'email': 'eve@example.com', 'population': 'Contractors'})
    extra['applications'].append({'name': 'Legacy', 'type': 'WORKER'})
    extra['role_assignments'] += [{'group': 'Developers', 'role': 'Configuration Read Only', 'scope_type': 'ENVIRONMENT'},
                                  {'application': 'Legacy', 'role': 'Identity Data Read Only', 'scope_type': 'ENVIRONMENT'}]
    return extra


def by_name(items, key='name'):
    return {item[key]: item for item in items}


def test_prune_deletes_exactly_what_is_not_described_and_never_a_built_in(ansible, schema):
    applied(ansible, A, DEV)
    dev, _result = export(ansible, A, schema, include_users=True)
    applied(ansible, A, with_extras())
    mgmt = management(ansible)
    provisioner = by_name(mgmt.applications(A))['Provisioner']
    read_only = mgmt.add_role_assignment(A, 'APPLICATION', provisioner['id'], 'Identity Data Read Only', 'ENVIRONMENT', read_only=True)
    built_in = sorted(app['name'] for app in mgmt.applications(A) if app['type'].startswith('PING_ONE_'))
    assert built_in, 'the sandbox environment has PingOne\'s built-in applications'
    users = by_name(mgmt.users(A), 'username')
    groups = by_name(mgmt.groups(A))
    developers_cro = [ra for ra in assignments(ansible, A)
                      if ra.get('group') == {'id': groups['Developers']['id']} and ra['role']['id'] == mgmt.role_id('Configuration Read Only')]
    contractors = by_name(ansible.sim.app.platform.populations[A].values())['Contractors']
    legacy = by_name(mgmt.applications(A))['Legacy']

    # check mode first: the drift names every deletion, nothing is written
    ansible.sim.reset()
    run, compared = applied(ansible, A, DEV, prune=True, check=True, diff=True)
    assert writes(ansible) == []
    drift = compared['drift']
    assert drift['populations'] == {'delete': ['Contractors']}
    assert drift['groups'] == {'delete': ['Temps']}
    assert drift['users'] == {'delete': ['eve']}
    assert drift['applications'] == {'delete': ['Legacy']}
    assert drift['role_assignments'] == {'delete': [{'group': 'Developers', 'role': 'Configuration Read Only', 'scope_type': 'ENVIRONMENT'}]}
    assert drift['memberships'] == {'Everyone': {'add': [], 'remove': ['bob']}}
    assert set(drift) == {'populations', 'groups', 'users', 'applications', 'role_assignments', 'memberships'}
    deleted_in_check = [entry for entry in compared['diff'] if entry['after_header'] == 'applications Legacy']
    assert [(entry['before']['name'], entry['after']) for entry in deleted_in_check] == [('Legacy', {})]

    ansible.sim.reset()
    run, compared = applied(ansible, A, DEV, prune=True)
    base = '/v1/environments/%s' % A
    assert sorted(writes(ansible)) == sorted(('DELETE', path) for path in (
        '%s/groups/%s/roleAssignments/%s' % (base, groups['Developers']['id'], developers_cro[0]['id']),
        '%s/applications/%s' % (base, legacy['id']),
        '%s/users/%s' % (base, users['eve']['id']),
        '%s/users/%s/memberOfGroups/%s' % (base, users['bob']['id'], groups['Everyone']['id']),
        '%s/groups/%s' % (base, groups['Temps']['id']),
        '%s/populations/%s' % (base, contractors['id']),
    ))
    assert sorted(app['name'] for app in mgmt.applications(A)) == sorted(built_in + ['Intranet', 'Mobile', 'Provisioner'])
    assert 'Contractors' not in by_name(ansible.sim.app.platform.populations[A].values())
    assert any(pop['default'] for pop in ansible.sim.app.platform.populations[A].values())
    assert read_only['id'] in [ra['id'] for ra in assignments(ansible, A)]   # read-only: never deleted

    after, result = export(ansible, A, schema, include_users=True)
    assert after == dev
    assert sorted(by_name(after['groups'])) == ['Auditors', 'Developers', 'Everyone']
    assert by_name(after['groups'])['Everyone']['members'] == ['alice', 'carol', 'dave']
    assert [skipped['kind'] for skipped in result['skipped_objects']] == ['role_assignment']   # the read-only one

    ansible.sim.reset()
    again, compared = applied(ansible, A, DEV, prune=True)
    assert compared['changes'] == 0 and writes(ansible) == [] and changed_tasks(again) == []


# --- check mode ------------------------------------------------------------------------------------------------
def test_check_mode_writes_nothing_and_reports_each_change_and_how(ansible, schema):
    applied(ansible, A, DEV)
    dev, _result = export(ansible, A, schema, include_users=True)
    drifted = copy.deepcopy(dev)
    by_name(drifted['applications'])['Intranet']['redirect_uris'] = ['https://intranet.example.com/new-cb']
    by_name(drifted['populations'])['Staff']['description'] = 'Everyone on the payroll'
    by_name(drifted['users'], 'username')['bob']['attributes'] = {'title': 'Manager'}
    by_name(drifted['groups'])['Everyone']['members'].remove('dave')
    applied(ansible, A, drifted, prune=True)   # someone changed the environment by hand

    ansible.sim.reset()
    run, compared = applied(ansible, A, dev, check=True, diff=True)
    assert writes(ansible) == []
    assert compared['drift'] == {
        'applications': {'update': {'Intranet': {'redirect_uris': {'before': ['https://intranet.example.com/new-cb'],
                                                                   'after': ['https://intranet.example.com/cb']}}}},
        'populations': {'update': {'Staff': {'description': {'before': 'Everyone on the payroll', 'after': 'Employees'}}}},
        'users': {'update': {'bob': {'attributes': {'before': {'title': 'Manager'}, 'after': {'title': 'Engineer'}}}}},
        'memberships': {'Everyone': {'add': ['dave'], 'remove': []}},
    }
    assert compared['changes'] == 4
    # the apply reports the same changes, with each object's diff
    diffs = {entry['after_header']: entry for entry in compared['diff']}
    assert sorted(diffs) == ['applications Intranet', 'memberships Everyone', 'populations Staff', 'users bob']
    assert (diffs['applications Intranet']['before']['redirect_uris'], diffs['applications Intranet']['after']['redirect_uris']) == \
        (['https://intranet.example.com/new-cb'], ['https://intranet.example.com/cb'])
    assert diffs['populations Staff']['after']['description'] == 'Employees'
    assert diffs['users bob']['after']['attributes'] == {'title': 'Engineer'}
    assert (diffs['memberships Everyone']['before']['members'], diffs['memberships Everyone']['after']['members']) == \
        (['alice', 'carol'], ['alice', 'carol', 'dave'])
    assert {kind: counts['updated'] for kind, counts in compared['summary'].items() if counts['updated']} == {
        'applications': 1, 'memberships': 1, 'populations': 1, 'users': 1}
    assert changed_tasks(run) == ['Apply the description']
    assert '+    "redirect_uris": [' in run.output or '"https://intranet.example.com/cb"' in run.output


def test_check_mode_on_an_empty_environment_writes_nothing_and_lists_everything(ansible, schema):
    applied(ansible, A, DEV)
    dev, _result = export(ansible, A, schema, include_users=True)
    target = new_environment(ansible)
    ansible.sim.reset()
    run, compared = applied(ansible, target, dev, check=True, diff=True)
    assert writes(ansible) == []
    drift = compared['drift']
    assert drift['populations']['create'] == ['Partners', 'Staff']
    assert drift['groups']['create'] == ['Auditors', 'Developers', 'Everyone']
    assert drift['users']['create'] == ['alice', 'bob', 'carol', 'dave']
    assert drift['applications']['create'] == ['Intranet', 'Mobile', 'Provisioner']
    assert len(drift['role_assignments']['create']) == 4
    # what refers to objects the same run would create is in the drift, not sent to a module that cannot see them
    assert any('Staff' in note for note in drift['not_sent'])
    assert compared['summary']['applications']['created'] == 3
    assert management(ansible).users(target) == [] and management(ansible).groups(target) == []
    assert management(ansible).role_assignments(target) == []


# --- descriptions refused before any request ---------------------------------------------------------------------
def refused_before_any_request(ansible, config, *texts, token_request=False):
    """Refused naming ``texts``, before any request; with ``token_request``, before any API request: the role's one
    token request comes before the comparison, which checks the references between items."""
    run = apply(ansible, A, config)
    assert run.rc != 0
    failed = [record for record in run.records if record['status'] == 'failed']
    assert failed, run.output[-3000:]
    message = failed[0]['result'].get('msg', '')
    for text in texts:
        assert text in message, message
    sent = [(r['method'], r['path']) for r in ansible.sim.requests()]
    if token_request:
        assert api_requests(ansible) == [] and token_requests(ansible) <= 1, 'a request was sent: %s' % sent
    else:
        assert sent == [], 'a request was sent: %s' % sent
    return message


@pytest.mark.parametrize('mutate, texts', [
    (lambda c: c.update(colour=[]), ['colour']),
    (lambda c: c['groups'][0].update(colour='blue'), ['colour', 'groups']),
    (lambda c: c['applications'][0].update(secret='x'), ['secret', 'applications']),
    (lambda c: c['groups'].append({'description': 'no name'}), ['name', 'groups']),
    (lambda c: c['users'].append({'email': 'nobody@example.com'}), ['username', 'users']),
    (lambda c: c['applications'][0].update(type='SAML_APP'), ['type', 'SAML_APP']),
], ids=['unknown-top-level-key', 'unknown-group-key', 'unknown-application-key', 'group-without-name', 'user-without-username',
        'bad-choice'])
def test_a_malformed_description_fails_before_any_request_naming_the_key(ansible, mutate, texts):
    config = copy.deepcopy(DEV)
    mutate(config)
    refused_before_any_request(ansible, config, *texts)


@pytest.mark.parametrize('mutate, texts', [
    (lambda c: c['groups'][0].update(population='Nowhere'), ["groups[0] ('Developers') names the population 'Nowhere'", 'populations']),
    (lambda c: c['users'][0].update(population='Nowhere'), ["users[0] ('alice') names the population 'Nowhere'"]),
    (lambda c: c['groups'][1]['members'].append('zoe'), ["lists the member 'zoe'", 'users']),
    (lambda c: c['role_assignments'].append({'application': 'Ghost', 'role': 'Identity Data Admin'}),
     ["role_assignments[4] names the application 'Ghost'"]),
    (lambda c: c['role_assignments'].append({'group': 'Developers', 'role': 'Identity Data Admin', 'scope_type': 'POPULATION',
                                             'scope_name': 'Nowhere'}), ["names the population 'Nowhere'"]),
    (lambda c: c['role_assignments'].append({'group': 'Developers', 'user': 'alice', 'role': 'Identity Data Admin'}),
     ['exactly one of user, group and application']),
    (lambda c: c['groups'].append({'name': 'developers'}), ['name the same group']),
], ids=['group-population', 'user-population', 'member', 'subject', 'scope', 'two-subjects', 'duplicate'])
def test_a_reference_to_what_is_not_described_fails_before_any_api_request(ansible, mutate, texts):
    config = copy.deepcopy(DEV)
    mutate(config)
    message = refused_before_any_request(ansible, config, *texts, token_request=True)
    assert 'Nothing was read or written' in message


def test_an_unknown_role_fails_after_the_reads_before_any_write(ansible):
    config = copy.deepcopy(DEV)
    config['role_assignments'].append({'group': 'Developers', 'role': 'Environment Admn'})
    run = apply(ansible, A, config)
    assert run.rc != 0
    assert "names the role 'Environment Admn', which is not one GET /roles lists" in run.output
    assert writes(ansible) == []


# --- what an export never holds, and what it cannot describe ------------------------------------------------------
def test_no_secret_password_id_or_timestamp_in_any_export_or_output(ansible, schema):
    applied(ansible, A, DEV)
    run = ansible.run('user.yml', extra_vars={'options': {'target_environment_id': A, 'username': 'frank', 'email': 'frank@example.com',
                                                          'password': PASSWORD, 'population': 'Staff'}})
    assert run.rc == 0, run.output[-3000:]
    secrets = management(ansible).application_secrets()
    assert secrets, 'the applications have secrets'
    # The option-named kinds (the registry kinds' exports: test_environment_config.py's round trip)
    dev, result = export(ansible, A, schema, include=list(LEGACY), include_users=True)
    text = json.dumps(dev)
    assert 'frank' in text and PASSWORD not in text
    for forbidden in ('password', 'secret', 'createdAt', 'updatedAt', '"id"', 'environment', '_links', 'userCount', 'memberOfGroupIDs'):
        assert forbidden not in text.replace('frank@example.com', ''), forbidden
    assert not UUID.search(text) and not TIMESTAMP.search(text)
    assert not any(secret in json.dumps(result) for secret in secrets)
    # the whole loop at -vvvv (the harness scans every run for the password, secrets and tokens)
    target = new_environment(ansible)
    run, _compared = applied(ansible, target, dev)
    assert not management(ansible).verify_password(target, 'frank', PASSWORD)   # never copied
    assert management(ansible).password_state(target, 'frank')['status'] == 'NO_PASSWORD'
    assert not any(secret in run.output for secret in management(ansible).application_secrets())


def test_what_cannot_be_described_is_listed_with_the_reason_and_left_alone(ansible, schema):
    applied(ansible, A, DEV)
    mgmt = management(ansible)
    env = mgmt._env_record(A)   # pylint: disable=protected-access
    saml_id = str(uuid.uuid4())
    mgmt._apps_of(env)[saml_id] = {   # pylint: disable=protected-access
        'id': saml_id, 'createdAt': '2026-01-01T00:00:00.000Z', 'updatedAt': '2026-01-01T00:00:00.000Z', 'builtin': False,
        'secret': None, 'previous': None, 'attrs': {'name': 'Salesforce', 'type': 'WEB_APP', 'protocol': 'SAML', 'enabled': True}}
    groups = by_name(mgmt.groups(A))
    developers = groups['Developers']['id']
    mgmt._store_assignment(A, 'groups', developers, str(uuid.uuid4()), 'ENVIRONMENT', A, False)   # pylint: disable=protected-access
    mgmt.add_role_assignment(A, 'GROUP', developers, 'Environment Admin', 'ENVIRONMENT', ADMIN_ENV_ID, read_only=False)
    mgmt.add_role_assignment(A, 'GROUP', developers, 'Identity Data Read Only', 'ENVIRONMENT', read_only=True)
    for population in ('Staff', 'Partners'):
        run = ansible.run('group.yml', extra_vars={'options': {'target_environment_id': A, 'name': 'Twins', 'population': population}})
        assert run.rc == 0, run.output[-3000:]

    dev, result = export(ansible, A, schema, include_users=True)
    reasons = {(item['kind'], item['name']): item['reason'] for item in result['skipped_objects']}
    assert 'an environment description holds OpenID Connect applications only' in reasons[('application', 'Salesforce')]
    assert 'Salesforce' not in json.dumps(dev)
    role_reasons = sorted(reason for (kind, _name), reason in reasons.items() if kind == 'role_assignment')
    assert len(role_reasons) == 3
    assert any('custom role' in reason for reason in role_reasons)
    assert any('another environment' in reason for reason in role_reasons)
    assert any('read-only' in reason for reason in role_reasons)
    assert [item['kind'] for item in result['skipped_objects'] if item['name'] == 'Twins'] == ['group', 'group']
    assert 'Twins' not in json.dumps(dev)
    assert len(result['skipped_objects']) == 6, result['skipped_objects']
    assert dev['role_assignments'] == sorted(DEV['role_assignments'], key=lambda item: (
        next(k for k in ('user', 'group', 'application') if k in item), item.get('user') or item.get('group') or item.get('application')))

    # applying its own export with prune leaves alone what the export could not describe
    before = len(mgmt.role_assignments(A)), sorted(app['name'] for app in mgmt.applications(A)), len(mgmt.groups(A))
    ansible.sim.reset()
    _run, compared = applied(ansible, A, dev, prune=True)
    assert compared['changes'] == 0 and writes(ansible) == []
    assert (len(mgmt.role_assignments(A)), sorted(app['name'] for app in mgmt.applications(A)), len(mgmt.groups(A))) == before


def test_include_narrows_what_is_read_and_described(ansible, schema):
    applied(ansible, A, DEV)
    ansible.sim.reset()
    config, _result = export(ansible, A, schema, include=['applications'])
    assert list(config) == ['applications']
    assert sorted(path.rsplit('/', 1)[-1] for _method, path in api_requests(ansible)) == ['applications', 'populations']
    ansible.sim.reset()
    config, _result = export(ansible, A, schema)
    # every application's core mapping sub is in its applications item (attribute_mappings): that key goes; the applications
    # have no sign-on policies or grants, so nothing of those kinds is folded and their keys stay, empty
    folded = {'application_attribute_mapping'}
    kept = [key for key in REGISTRY_KEYS if key not in folded]
    assert sorted(config) == sorted(['applications', 'groups', 'populations', 'role_assignments'] + kept)
    assert all(app['attribute_mappings'] == [{'name': 'sub', 'value': '${user.id}', 'required': True, 'id_token': True, 'userinfo': True}]
               and app['sign_on_policies'] == [] and app['resource_grants'] == [] for app in config['applications'])
    assert all('members' not in group for group in config['groups'])
    assert not any('user' in item for item in config['role_assignments'])   # users' role assignments: with include_users only
    assert not any('/users' in path for _method, path in api_requests(ansible))


# --- the example ------------------------------------------------------------------------------------------------
EXAMPLES = os.path.join(ROOT, 'docs', 'examples')


def test_the_promote_example_copies_the_development_environment_and_then_changes_nothing(ansible, schema):
    """docs/examples/promote_environment.yml, as make demo runs it: the development environment made by
    create_test_environment.yml, any_object.yml and secure_application.yml (every family of kinds), promoted to a new
    one with the secrets secrets_required names given from vault variables (the leak scan covers their values)."""
    vault = {'vault_partner_idp_secret': IDP_SECRET, 'vault_idp_client_secret': IDP_SECRET, 'vault_audit_feed_token': HOOK_SECRET}
    # on an organization without the development environment it says so and ends, in check mode as well
    ansible.sim.reset()
    run = ansible.run(os.path.join(EXAMPLES, 'promote_environment.yml'), check=True)
    assert run.rc == 0 and 'nothing to promote' in run.output and writes(ansible) == []

    made = ansible.run(os.path.join(EXAMPLES, 'create_test_environment.yml'))
    assert made.rc == 0, made.output[-3000:]
    dev_id = made.result('Create the SANDBOX environment with that license')['environment']['id']
    for example in ('any_object.yml', 'secure_application.yml'):
        filled = ansible.run(os.path.join(EXAMPLES, example), extra_vars=vault)
        assert filled.rc == 0, filled.output[-3000:]
    run = ansible.run(os.path.join(EXAMPLES, 'promote_environment.yml'), extra_vars=vault)
    assert run.rc == 0, run.output[-4000:]
    target_id = run.result('Create the test environment')['environment']['id']
    needed = run.result('Describe the development environment')['secrets_required']
    assert sorted((item['kind'], item['name'], item['path']) for item in needed) == [
        ('identity_provider', 'Corporate login', 'clientSecret'), ('identity_provider', 'Partner login', 'clientSecret'),
        ('webhook', 'Audit feed', 'httpEndpoint.headers')]
    dev, _result = export(ansible, dev_id, schema, include_users=True)
    promoted, _result = export(ansible, target_id, schema, include_users=True)
    assert promoted == dev
    # secure_application.yml's application, its policies, grants and claims in pingone_application's options; the claim
    # available in the email scope only: named by the scope's name, promoted
    orders_web = next(item for item in promoted['applications'] if item['name'] == 'Orders web')
    claim, = [item for item in orders_web['attribute_mappings'] if item['name'] == 'email']
    assert claim['oidc_scopes'] == ['email'] and claim['value'] == '${user.email}'
    assert orders_web['sign_on_policies'] and orders_web['resource_grants']
    assert dev['users'][0]['username'] == 'test.user' and dev['role_assignments']
    # registry kinds went too: every family of any_object.yml and secure_application.yml
    # the objects the dedicated modules make, in their option names, their children in the list options
    corporate = next(item for item in promoted['sign_on_policy'] if item['name'] == 'Corporate MFA')
    assert [action['type'] for action in corporate['actions']] == ['LOGIN', 'MULTI_FACTOR_AUTHENTICATION']
    orders = next(item for item in promoted['resource'] if item['name'] == 'Orders API')
    assert {'orders:read', 'orders:write'} <= {scope['name'] for scope in orders['scopes']}
    assert {'Partner login', 'Corporate login'} <= {item['name'] for item in promoted['identity_provider']}
    for kind, name in (('agreement', 'Terms of use'), ('webhook', 'Audit feed'), ('risk_policy', 'Contractors risk'),
                       ('schema_attribute', 'costCenter'), ('password_policy', 'Contractors')):
        assert name in [item.get('name') for item in promoted[kind]], (kind, name)
    for kind in ('trusted_email_domain', 'branding_theme',
                 'agreement_language', 'risk_predictor', 'mfa_device_policy', 'branding_settings'):
        assert promoted[kind], kind

    ansible.sim.reset()
    again = ansible.run(os.path.join(EXAMPLES, 'promote_environment.yml'), extra_vars=vault)
    assert again.rc == 0 and changed_tasks(again) == [] and writes(ansible) == []
    ansible.sim.reset()
    checked = ansible.run(os.path.join(EXAMPLES, 'promote_environment.yml'), extra_vars=vault, check=True)
    assert checked.rc == 0 and changed_tasks(checked) == [] and writes(ansible) == []
