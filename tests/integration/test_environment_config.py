# -*- coding: utf-8 -*-
# Copyright: (c) 2026, pingone.platform maintainers
# GNU General Public License v3.0+ (see LICENSE or https://www.gnu.org/licenses/gpl-3.0.txt)
"""pingone_environment_config through real ansible-playbook against the simulator: one task applies a description of
every family of registry kinds (test_object_kinds.FAMILIES as items of a description), and:

- the first run creates everything in the order the references give (every body checked against Ping's
  descriptions by conftest), PingOne's own objects updated, never created;
- the second run writes nothing and reads each kind once per parent;
- check mode writes nothing: on an empty environment it plans every object; after one change by hand it reports
  exactly that object, with the field's old and new values;
- prune deletes exactly what the description does not list (under a parent whose list option is given empty: all its
  children of that kind), never PingOne's own objects;
- a lost answer and a SIGTERM mid-apply, then a rerun, converge with nothing made twice;
- one object PingOne refuses does not stop the others; what needs it is not sent; a rerun writes the rest;
- a malformed description fails before any request (no token request either), naming the item.
Every run is at -vvvv and scanned for every secret given (conftest's leak scan).
"""

from __future__ import annotations

import copy
import json
import os
import re
import signal
import subprocess
import time
from collections import Counter

import pytest

from conftest import BIN, PLAYBOOKS, IDP_SECRET  # pylint: disable=import-error
from pingone_simulator import LICENSE_ID, SANDBOX_ENV_ID  # pylint: disable=import-error
from test_object_kinds import FAMILIES  # pylint: disable=import-error
from test_config_as_code import DEV  # pylint: disable=import-error
import calls  # pylint: disable=import-error

ENV = SANDBOX_ENV_ID
BASE = '/v1/environments/%s' % ENV
# The object_kinds families that need an application (described by the option-named key `applications`) are covered
# by test_config_as_code's round trip; here the registry kinds alone.
NEEDS_APPLICATION = ('application', 'application_sign_on_policy_assignment', 'application_resource_grant', 'application_attribute_mapping')
BUILT_INS = {('password_policy', 'Standard'), ('mfa_device_policy', 'Default MFA Policy'), ('sign_on_policy', 'Single_Factor'),
             ('schema_attribute', 'title')}


def description():
    """(config, secrets) of every family's objects: each pingone_object task as an item of its kind."""
    config, secrets = {}, []
    for family in FAMILIES.values():
        for index, options in enumerate(family['objects']):
            kind = options['kind']
            if kind in NEEDS_APPLICATION:
                continue
            item = {key: copy.deepcopy(value) for key, value in options.items() if key in ('name', 'parent', 'definition')}
            if (kind, options.get('name')) in BUILT_INS or kind == 'branding_settings':
                item['built_in'] = True
            config.setdefault(kind, []).append(item)
            for path, value in flat((family.get('secrets') or {}).get(index) or {}, kind):
                secrets.append({'kind': kind, 'name': options.get('name'), 'path': path, 'value': value})
    return config, secrets


def flat(value, kind, prefix=''):
    """(path, value) of the secrets given as nested fields, down to the declared secret (a webhook's headers, whole)."""
    from_registry = {'webhook': ('httpEndpoint.headers',), 'identity_provider': ('clientSecret',)}[kind] if value else ()
    for key, item in value.items():
        path = prefix + key
        if path in from_registry or not isinstance(item, dict):
            yield path, item
        else:
            yield from flat(item, kind, path + '.')


@pytest.fixture(autouse=True)
def fresh(ansible):
    ansible.sim.app.platform.reset()
    ansible.sim.app.management.reset()
    ansible.sim.app.store.reset()


def run(ansible, config, secrets=(), check=False, diff=False, prune=False, faults=(), **options):
    ansible.sim.reset()
    ansible.sim.add_faults(list(faults))
    env = {'ANSIBLE_DIFF_ALWAYS': 'true'} if diff else {}
    given = dict({'target_environment_id': ENV, 'config': config, 'secrets': list(secrets), 'prune': prune}, **options)
    result_run = ansible.run('environment_config_module.yml', extra_vars={'options': given}, check=check, env=env)
    return result_run, result_run.result('Run the module')


def writes(ansible):
    return calls.writes(ansible, BASE)


def posts(ansible):
    return [path for method, path in writes(ansible) if method == 'POST']


def reads(ansible):
    return Counter(r['path'] for r in calls.api_requests(ansible) if r['method'] == 'GET')


def counts(result, action):
    return {kind: numbers[action] for kind, numbers in result['summary'].items() if numbers[action]}


def test_apply_every_family_then_an_unchanged_run_reads_each_list_once_and_writes_nothing(ansible):
    config, secrets = description()
    first = calls.ok(run(ansible, config, secrets))
    assert first['changed'] is True and first['failures'] == []
    made = [(method, path) for method, path in writes(ansible) if method == 'POST']
    assert len(made) == sum(len(items) for items in config.values()) - sum(1 for items in config.values() for item in items
                                                                           if item.get('built_in'))
    # A parent before its children, a policy before the action that names the MFA policy: the order the references give.
    order = [path for _method, path in made]
    first_index = {prefix: next(i for i, path in enumerate(order) if path.startswith(prefix)) for prefix in ('/resources', '/signOnPolicies')}
    assert first_index['/resources'] < next(i for i, path in enumerate(order) if '/scopes' in path)
    assert first_index['/signOnPolicies'] < next(i for i, path in enumerate(order) if '/actions' in path)
    assert counts(first, 'updated') == {'branding_settings': 1, 'mfa_device_policy': 1, 'password_policy': 1, 'schema_attribute': 1,
                                        'sign_on_policy': 1}

    again = calls.ok(run(ansible, config, secrets))
    assert again['changed'] is False and again['changes'] == 0 and again['drift'] == {} and writes(ansible) == []
    assert all(numbers['unchanged'] == len(config[kind]) for kind, numbers in again['summary'].items())
    twice = {path: number for path, number in reads(ansible).items() if number > 1}
    assert twice == {}, twice


def in_option_names(config):
    """``config`` with the sign-on policy Step up, the resource Orders API and the identity provider Corporate login in their
    modules' option names (their children in the list options, not under their kinds' keys), as a person writes them."""
    config = copy.deepcopy(config)
    step_up_in_option_names(config, LOGIN)
    config['resource'] = [{'name': 'Orders API', 'audience': 'https://orders.example.com', 'description': 'The orders service',
                           'scopes': [{'name': 'orders:read', 'description': 'Read orders'}, {'name': 'orders:write', 'description': 'Change orders'}],
                           'attributes': [{'name': 'tier', 'value': '${user.title}'}]}]
    config['identity_provider'] = [{'name': 'Corporate login', 'type': 'OPENID_CONNECT', 'enabled': True, 'client_id': 'ansible-login',
                                    'issuer': 'https://idp.example.com', 'authorization_endpoint': 'https://idp.example.com/authorize',
                                    'token_endpoint': 'https://idp.example.com/token', 'jwks_endpoint': 'https://idp.example.com/jwks',
                                    'scopes': ['openid', 'profile'], 'token_endpoint_auth_method': 'CLIENT_SECRET_BASIC',
                                    'attribute_mappings': [{'name': 'email', 'value': '${providerAttributes.email}'}]}]
    for key in ('resource_scope', 'resource_attribute', 'identity_provider_attribute'):
        del config[key]
    return config


def test_items_in_option_names_plan_and_write_what_the_same_items_in_field_names_do(ansible):
    fields, secrets = description()
    options = in_option_names(fields)
    planned = calls.ok(run(ansible, options, secrets, check=True))
    assert writes(ansible) == []
    assert planned['drift'] == calls.ok(run(ansible, fields, secrets, check=True))['drift']
    first = calls.ok(run(ansible, options, secrets))
    assert first['failures'] == [] and counts(first, 'created')['resource_scope'] == 2
    assert first['summary']['sign_on_policy_action']['created'] == 1
    # the field form of the same objects finds nothing to change, and the option form again writes nothing
    assert calls.ok(run(ansible, fields, secrets))['changed'] is False and writes(ansible) == []
    again = calls.ok(run(ansible, options, secrets))
    assert again['changed'] is False and writes(ansible) == []


def test_check_mode_plans_everything_on_an_empty_environment_and_writes_nothing(ansible):
    config, secrets = description()
    planned = calls.ok(run(ansible, config, secrets, check=True, diff=True))
    assert writes(ansible) == []
    assert planned['changed'] is True
    created = {kind: sorted(names) for kind, changes in planned['drift'].items() for key, names in changes.items() if key == 'create'}
    assert created['resource_scope'] == ['Orders API/orders:read', 'Orders API/orders:write']
    assert created['sign_on_policy_action'] == ['Step up/1']
    assert 'Standard' in planned['drift']['password_policy']['update']
    # The secrets show as the marker only, in the drift and the diff (conftest scans the whole output for their values).
    idp = next(diff for diff in planned['diff'] if diff['after_header'] == 'identity_provider Corporate login')
    assert idp['before'] == {} and idp['after']['clientSecret'] == '(set by this task)'
    assert IDP_SECRET not in str(planned)


def test_check_mode_after_one_hand_change_reports_exactly_that_object(ansible):
    config, secrets = description()
    calls.ok(run(ansible, config, secrets))
    store = ansible.sim.app.store
    env = ansible.sim.app.platform.environments[ENV.lower()]
    bucket = store._bucket(env, store.by_path['signOnPolicies'], ())   # pylint: disable=protected-access
    record = next(record for record in bucket.values() if record['body']['name'] == 'Step up')
    record['body']['description'] = 'Changed by hand'
    drift = calls.ok(run(ansible, config, secrets, check=True))
    assert writes(ansible) == []
    assert drift['changes'] == 1
    change = {'description': {'before': 'Changed by hand', 'after': 'Sign-on for contractors'}}
    assert drift['drift'] == {'sign_on_policy': {'update': {'Step up': change}}}
    assert {path: number for path, number in reads(ansible).items() if number > 1} == {}


def test_prune_deletes_exactly_what_is_not_described_and_never_pingones_own(ansible):
    config, secrets = description()
    calls.ok(run(ansible, config, secrets))
    smaller = copy.deepcopy(config)
    smaller['resource_scope'] = [item for item in smaller['resource_scope'] if item['name'] != 'orders:write']
    smaller['password_policy'] = [item for item in smaller['password_policy'] if item['name'] != 'Contractors']
    planned = calls.ok(run(ansible, smaller, secrets, prune=True, check=True))
    assert writes(ansible) == []
    assert {kind: changes['delete'] for kind, changes in planned['drift'].items()} == {
        'resource_scope': ['Orders API/orders:write'], 'password_policy': ['Contractors']}
    pruned = calls.ok(run(ansible, smaller, secrets, prune=True))
    deleted = [path for method, path in writes(ansible) if method == 'DELETE']
    assert len(deleted) == 2 and any('/scopes/' in path for path in deleted) and any('/passwordPolicies/' in path for path in deleted)
    assert counts(pruned, 'deleted') == {'resource_scope': 1, 'password_policy': 1}
    names = [obj['name'] for obj in ansible.sim.app.store.objects(ENV, 'passwordPolicies')]
    assert sorted(names) == ['Basic', 'Passphrase', 'Standard']   # PingOne's own, never pruned
    again = calls.ok(run(ansible, smaller, secrets, prune=True))
    assert again['changed'] is False and writes(ansible) == []


def test_a_lost_answer_is_found_again_never_made_twice(ansible):
    config, secrets = description()
    lost = [{'match': BASE + '/resources', 'method': 'POST', 'action': 'reset_mid_body', 'times': 1}]
    result = calls.ok(run(ansible, config, secrets, faults=lost))
    assert result['summary']['resource']['created'] == 1
    assert [obj['name'] for obj in ansible.sim.app.store.objects(ENV, 'resources')].count('Orders API') == 1
    # The POST was applied and its answer lost: the list is read again, the resource found, nothing sent again.
    assert [method for method, path in writes(ansible) if path == '/resources'] == ['POST']
    assert reads(ansible)[BASE + '/resources'] == 2


def test_one_refused_object_does_not_stop_the_others_and_a_rerun_writes_the_rest(ansible):
    config, secrets = description()
    refused = [{'match': BASE + '/resources', 'method': 'POST', 'status': 400, 'times': 1}]
    _run, result = run(ansible, config, secrets, faults=refused)
    assert result['failed']
    failed = {(failure['kind'], failure['name']) for failure in result['failures']}
    assert failed == {('resource', 'Orders API'), ('resource_scope', 'Orders API/orders:read'),
                      ('resource_scope', 'Orders API/orders:write'), ('resource_attribute', 'Orders API/tier')}
    assert all('Not sent' in failure['msg'] for failure in result['failures'] if failure['kind'] != 'resource')
    assert '4 objects of the description could not be written' in result['msg']
    assert result['summary']['agreement']['created'] == 1 and result['summary']['identity_provider']['created'] == 1
    rerun = calls.ok(run(ansible, config, secrets))
    assert sorted(path for method, path in writes(ansible) if method == 'POST' and '/resources' in path)[0] == '/resources'
    assert sum(numbers['created'] for numbers in rerun['summary'].values()) == 4


# --- the option-named kinds: one read of each list ------------------------------------------------------------------
def legacy_description():
    """The development environment of test_config_as_code (populations, groups with members, users, applications, role
    assignments), a sign-on policy, and under two of its applications a registry kind that finds them by name."""
    config = copy.deepcopy(DEV)
    config['sign_on_policy'] = [{'name': 'Step up', 'definition': {'description': 'Sign-on for contractors'}}]
    config['application_sign_on_policy_assignment'] = [
        {'parent': {'application': name}, 'definition': {'signOnPolicy': {'name': 'Step up'}, 'priority': 1}} for name in ('Intranet', 'Mobile')]
    return config


def test_a_first_apply_of_the_option_named_kinds_reads_each_list_once(ansible):
    config = legacy_description()
    first = calls.ok(run(ansible, config))
    assert first['failures'] == [] and first['summary']['users']['created'] == 4 and first['summary']['applications']['created'] == 3
    assert first['summary']['application_sign_on_policy_assignment']['created'] == 2
    read = reads(ansible)
    # The comparison reads each list; the phases find their objects there, the objects they make are remembered, and the
    # registry kinds find the applications made there too. A group made by the run has no members to read.
    assert {path: read[BASE + path] for path in ('/populations', '/groups', '/users', '/applications')} == {
        '/populations': 1, '/groups': 1, '/users': 1, '/applications': 1}
    assert {path: number for path, number in read.items() if number > 1} == {}
    again = calls.ok(run(ansible, config))
    assert again['changed'] is False and writes(ansible) == []


def test_a_users_create_whose_answer_was_lost_is_looked_up_again_never_made_twice(ansible):
    config = {'users': [{'username': name, 'email': '%s@example.com' % name} for name in ('erin', 'frank')]}
    lost = [{'match': '^%s/users$' % BASE, 'method': 'POST', 'action': 'reset_mid_body', 'times': 1}]
    result = calls.ok(run(ansible, config, faults=lost))
    assert result['summary']['users']['created'] == 2
    assert sorted(user['username'] for user in ansible.sim.app.management.users(ENV)) == ['erin', 'frank']
    sent = [(r['method'], r['path'], r.get('query') or '') for r in calls.api_requests(ansible) if r['path'] == BASE + '/users']
    assert [method for method, _path, _query in sent].count('POST') == 2   # the lost one is never sent again
    # After the lost answer, that user is read again (the list the run read before is not trusted); the other is not.
    assert 'filter' not in [query for method, _path, query in sent if method == 'GET'][0]
    assert len([query for method, _path, query in sent if method == 'GET' and 'username' in query]) == 1, sent


def test_an_application_create_whose_answer_was_lost_is_read_again_for_what_lives_under_it(ansible):
    config = legacy_description()
    config = {key: config[key] for key in ('applications', 'sign_on_policy', 'application_sign_on_policy_assignment')}
    lost = [{'match': '^%s/applications$' % BASE, 'method': 'POST', 'action': 'reset_mid_body', 'times': 1}]
    _run, result = run(ansible, config, faults=lost)
    assert [failure['kind'] for failure in result['failures']] == ['applications'], result['failures']
    names = [app['name'] for app in ansible.sim.app.management.applications(ENV)]
    assert sorted(name for name in names if name in ('Intranet', 'Mobile', 'Provisioner')) == ['Intranet', 'Mobile', 'Provisioner']
    # The list read before the lost answer is not trusted: it is read again, and the policy assigned to every application.
    assert reads(ansible)[BASE + '/applications'] == 2
    assert result['summary']['application_sign_on_policy_assignment']['created'] == 2
    rerun = calls.ok(run(ansible, config))
    assert [method for method, path in writes(ansible) if path == '/applications'] == []
    assert rerun['failures'] == []


def test_sigterm_mid_apply_then_a_rerun_converges_with_nothing_made_twice(ansible, tmp_path):
    config, secrets = description()
    ansible.sim.config['request_delay'] = 0.15
    try:
        extra = tmp_path / 'sigterm.json'
        extra.write_text(json.dumps({'options': {'target_environment_id': ENV, 'config': config, 'secrets': secrets}}))
        env = ansible.base_env()
        command = [os.path.join(BIN, 'ansible-playbook'), '-i', 'localhost,', '-c', 'local',
                   os.path.join(PLAYBOOKS, 'environment_config_module.yml'), '-e', '@%s' % extra]
        ansible.sim.reset()
        # Its own session: the signal goes to the whole job (ansible-playbook, its worker and the module's process), as a
        # kill of the job would; the rerun must not race a module still writing.
        process = subprocess.Popen(command, env=env, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL,   # pylint: disable=consider-using-with
                                   start_new_session=True)
        deadline = time.monotonic() + 120
        # Five creates, not five writes: PingOne's own objects are updated (PUT) first, at the same level.
        while len(posts(ansible)) < 5 and time.monotonic() < deadline and process.poll() is None:
            time.sleep(0.05)
        assert process.poll() is None, 'the apply ended before five objects were created: nothing was cut short'
        os.killpg(process.pid, signal.SIGTERM)
        process.wait(timeout=60)
        settled = len(ansible.sim.requests())
        while True:   # until no request arrives for a second: nothing of the killed run is still on its way
            time.sleep(1)
            if len(ansible.sim.requests()) == settled:
                break
            settled = len(ansible.sim.requests())
    finally:
        ansible.sim.config['request_delay'] = 0
    assert len(posts(ansible)) >= 5
    rerun = calls.ok(run(ansible, config, secrets))
    assert rerun['failures'] == []
    for kind, path in (('password_policy', 'passwordPolicies'), ('resource', 'resources'), ('agreement', 'agreements'),
                       ('identity_provider', 'identityProviders'), ('sign_on_policy', 'signOnPolicies')):
        names = [obj['name'] for obj in ansible.sim.app.store.objects(ENV, path)]
        assert all(names.count(item['name']) == 1 for item in config[kind]), (kind, names)
    again = calls.ok(run(ansible, config, secrets))
    assert again['changed'] is False and writes(ansible) == []


def step_up_in_option_names(config, *actions):
    """``config`` with the policy Step up (sign_on_policy[0]) in pingone_sign_on_policy's option names, with ``actions``."""
    assert config['sign_on_policy'][0]['name'] == 'Step up'
    config['sign_on_policy'][0] = {'name': 'Step up', 'description': 'Sign-on for contractors', 'actions': list(actions)}
    config['sign_on_policy_action'] = [item for item in config['sign_on_policy_action'] if item['parent'] != {'sign_on_policy': 'Step up'}]


LOGIN = {'type': 'LOGIN', 'recovery_enabled': True}
MALFORMED = [
    (lambda c, s: c.update(sign_on_policies=[]), 'config', "'sign_on_policies'"),
    (lambda c, s: c['resource'].append({'name': 'Orders API', 'definition': {'type': 'CUSTOM'}}), 'config', 'resource[0] and resource[1]'),
    (lambda c, s: c['resource_scope'][0].update(parent={'resource': 'Billing API'}), 'config', "resource_scope[0].parent.resource names"),
    (lambda c, s: c['resource_scope'][0].pop('parent'), 'config', 'resource_scope[0] needs parent'),
    (lambda c, s: c['agreement'][0].update(colour='blue'), 'config', "agreement[0] has the key 'colour'"),
    (lambda c, s: c['agreement'][0]['definition'].update(enabled='no'), 'config', 'agreement[0].definition.enabled'),
    (lambda c, s: c['password_policy'][0].pop('name'), 'config', 'password_policy[0] has no name'),
    (lambda c, s: c['identity_provider'][0]['definition'].update(clientSecret='x'), 'config', 'identity_provider[0].definition.clientSecret'),
    (lambda c, s: s.clear(), 'secrets', 'needs the secret clientSecret'),
    (lambda c, s: s.append({'kind': 'identity_provider', 'name': 'Nobody', 'path': 'clientSecret', 'value': 'x'}), 'secrets', "'Nobody'"),
    (lambda c, s: s.append({'kind': 'agreement', 'name': 'Terms of use', 'path': 'description', 'value': 'x'}), 'secrets',
     'not a write-only field'),
    # items in a dedicated module's option names: refused naming the option
    (lambda c, s: step_up_in_option_names(c, LOGIN, {'type': 'MULTI_FACTOR_AUTHENTICATION', 'mfa_device_policy': 'Nobody MFA'}), 'config',
     "sign_on_policy[0].actions[1].mfa_device_policy names the mfa device policy 'Nobody MFA', which the description does not describe"),
    (lambda c, s: step_up_in_option_names(c, dict(LOGIN, mfa_device_policy='Contractors MFA')), 'config',
     'sign_on_policy[0].actions[0].mfa_device_policy is an option of MULTI_FACTOR_AUTHENTICATION actions'),
    (lambda c, s: step_up_in_option_names(c, dict(LOGIN, settings={'priority': 2})), 'config', 'sign_on_policy[0].actions[0].settings.priority'),
    (lambda c, s: c['resource'].append({'name': 'Billing API', 'scopes': [{'name': 'bills:read', 'colour': 'blue'}]}), 'config',
     "resource[1].scopes[0] has the key 'colour'"),
    (lambda c, s: c['identity_provider'].append({'name': 'Partners', 'type': 'GOOGLE', 'client_id': 'x', 'client_secret': 'y'}), 'config',
     'identity_provider[1].client_secret is an option of pingone.platform.pingone_identity_provider that a description does not take'),
    # an application's children in pingone_application's options
    (lambda c, s: c.update(applications=[{'name': 'Orders portal', 'type': 'WEB_APP', 'sign_on_policies': ['Step up'],
                                          'resource_grants': [{'resource': 'Orders API', 'scopes': ['orders:read', 'orders:delete']}]}]),
     'config', "applications[0].resource_grants[0].scopes[1] names the resource scope 'orders:delete', which the description does not describe"),
    (lambda c, s: c.update(applications=[{'name': 'Orders portal', 'type': 'WEB_APP', 'resource_grants': [{'resource': 'Orders API', 'scopes': []}]}]),
     'config', 'applications[0].resource_grants[0].scopes is empty'),
]


@pytest.mark.parametrize('mutate, option, words', MALFORMED)
def test_a_malformed_description_fails_before_any_request_naming_the_item(ansible, mutate, option, words):
    config, secrets = description()
    mutate(config, secrets)
    _run, result = run(ansible, config, secrets)
    assert result['failed'] and result.get('option') == option, result
    assert words in result['msg'] and 'Nothing was read or written' in result['msg']
    assert ansible.sim.requests() == []


# --- round trip: every kind ------------------------------------------------------------------------------------------
UUID = re.compile(r'[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}', re.IGNORECASE)
TIMESTAMP = re.compile(r'\d{4}-\d\d-\d\dT\d\d:\d\d')


def with_applications(config):
    """``config`` and an application (described by its option-named key) with every registry kind that lives under one."""
    config = copy.deepcopy(config)
    config['applications'] = [{'name': 'Orders portal', 'type': 'WEB_APP', 'redirect_uris': ['https://orders.example.com/callback']}]
    config['application_sign_on_policy_assignment'] = [
        {'parent': {'application': 'Orders portal'}, 'definition': {'signOnPolicy': {'name': 'Step up'}, 'priority': 1}}]
    config['application_resource_grant'] = [
        {'parent': {'application': 'Orders portal'},
         'definition': {'resource': {'name': 'Orders API'}, 'scopes': [{'name': 'orders:read'}, {'name': 'orders:write'}]}},
        # PingOne takes a mapping's oidcScopes only once granted: the grant is written first
        {'parent': {'application': 'Orders portal'},
         'definition': {'resource': {'name': 'openid'}, 'scopes': [{'name': 'openid'}, {'name': 'profile'}, {'name': 'email'}]}}]
    config['application_attribute_mapping'] = [
        {'name': 'department', 'parent': {'application': 'Orders portal'}, 'definition': {'value': '${user.title}', 'required': False}},
        {'name': 'office', 'parent': {'application': 'Orders portal'},
         'definition': {'value': '${user.address.locality}', 'required': False, 'oidcScopes': ['profile', 'email']}}]
    return config


def exported(ansible, env_id, **options):
    result_run = ansible.run('environment_export.yml', extra_vars={'options': dict({'target_environment_id': env_id}, **options)})
    return calls.ok((result_run, result_run.result('Run the module')))


def test_round_trip_of_every_kind_export_apply_to_a_new_environment_export_is_equal(ansible):
    config, secrets = description()
    calls.ok(run(ansible, with_applications(config), secrets))
    source = exported(ansible, ENV)
    described = source['config']
    # every one of them is in the list option of its parent (an application's children: in its applications item)
    folded = {'resource_attribute', 'identity_provider_attribute', 'application_sign_on_policy_assignment', 'application_resource_grant',
              'application_attribute_mapping'}
    assert (set(config) - folded) | {'applications'} <= set(described)
    assert not folded & set(described)
    assert_in_option_names(described)
    text = json.dumps(described)
    assert not UUID.search(text) and not TIMESTAMP.search(text), 'an id or a timestamp in the export'
    assert IDP_SECRET not in text and 'clientSecret' not in text and 'headers' not in text
    assert {(item['kind'], item['name'], item['path']) for item in source['secrets_required']} >= {
        ('identity_provider', 'Corporate login', 'clientSecret'), ('webhook', 'Audit feed', 'httpEndpoint.headers')}
    assert {'name': 'Standard', 'definition': described['password_policy'][-1]['definition'], 'built_in': True} in described['password_policy']
    assert source['skipped_objects'] == []
    portal, = described['applications']
    assert portal['sign_on_policies'] == ['Step up']
    assert portal['resource_grants'] == [{'resource': 'Orders API', 'scopes': ['orders:read', 'orders:write']},
                                         {'resource': 'openid', 'scopes': ['openid', 'profile', 'email']}]
    # sub, PingOne's own mapping of every application, as pingone_application lists it; oidc_scopes by name, never by id
    assert portal['attribute_mappings'] == [
        {'name': 'department', 'value': '${user.title}', 'required': False, 'id_token': True, 'userinfo': True},
        {'name': 'office', 'value': '${user.address.locality}', 'required': False, 'oidc_scopes': ['profile', 'email'], 'id_token': True,
         'userinfo': True},
        {'name': 'sub', 'value': '${user.id}', 'required': True, 'id_token': True, 'userinfo': True}]

    target = ansible.run('environment.yml', extra_vars={'env_options': {'name': 'Promoted', 'license_id': LICENSE_ID, 'type': 'SANDBOX'}})
    target_id = target.result('Manage the environment')['environment']['id']
    applied = calls.ok(run_in(ansible, target_id, described, secrets))
    assert applied['failures'] == [] and applied['changes'] > 0
    target_base = '/v1/environments/%s/applications/' % target_id
    made = [path for method, path in calls.writes(ansible, '') if method == 'POST' and path.startswith(target_base)]
    grants = [index for index, path in enumerate(made) if path.endswith('/grants')]
    assert len(grants) == 2 and max(grants) < min(index for index, path in enumerate(made) if path.endswith('/attributes'))
    assert exported(ansible, target_id)['config'] == described

    again = calls.ok(run_in(ansible, target_id, described, secrets))
    assert again['changed'] is False and calls.writes(ansible) == []


def test_an_applications_list_options_leave_unlisted_children_alone_and_prune_deletes_them_under_that_application(ansible):
    config, secrets = description()
    calls.ok(run(ansible, with_applications(config), secrets))
    options = copy.deepcopy(config)
    options['applications'] = [{'name': 'Orders portal', 'type': 'WEB_APP', 'redirect_uris': ['https://orders.example.com/callback'],
                                'resource_grants': [{'resource': 'openid', 'scopes': ['openid', 'profile', 'email']}],
                                'attribute_mappings': [{'name': 'office', 'value': '${user.address.locality}', 'required': False,
                                                        'oidc_scopes': ['profile', 'email']}]}]
    # the Orders API grant and the department mapping are not listed: left alone; the same objects otherwise, nothing written
    kept = calls.ok(run(ansible, options, secrets))
    assert kept['changed'] is False and writes(ansible) == []
    planned = calls.ok(run(ansible, options, secrets, prune=True, check=True))
    assert writes(ansible) == []
    deletions = {kind: changes['delete'] for kind, changes in planned['drift'].items()}
    assert deletions.pop('application_attribute_mapping') == ['Orders portal/department']
    # (a grant to delete is labelled by its key as PingOne has it, the resource's id: prune reads no names)
    assert list(deletions) == ['application_resource_grant'] and len(deletions['application_resource_grant']) == 1
    assert deletions['application_resource_grant'][0].startswith('Orders portal/')
    pruned = calls.ok(run(ansible, options, secrets, prune=True))
    assert counts(pruned, 'deleted') == {'application_resource_grant': 1, 'application_attribute_mapping': 1}
    # sub is PingOne's own, never deleted; the sign-on policy assignment's kind is not listed (sign_on_policies not given)
    exported_app, = exported(ansible, ENV)['config']['applications']
    assert [mapping['name'] for mapping in exported_app['attribute_mappings']] == ['office', 'sub']
    assert exported_app['sign_on_policies'] == ['Step up'] and [grant['resource'] for grant in exported_app['resource_grants']] == ['openid']
    again = calls.ok(run(ansible, options, secrets, prune=True))
    assert again['changed'] is False and writes(ansible) == []


def test_with_prune_an_empty_list_option_deletes_that_parents_children_and_a_rerun_writes_nothing(ansible):
    resource = {'name': 'Orders API', 'audience': 'https://orders.example.com'}
    app = {'name': 'Orders portal', 'type': 'WEB_APP', 'redirect_uris': ['https://orders.example.com/callback']}
    full = {'resource': [dict(resource, scopes=[{'name': 'orders:read'}, {'name': 'orders:write'}])],
            'applications': [dict(app, resource_grants=[{'resource': 'Orders API', 'scopes': ['orders:read', 'orders:write']}])]}
    made = calls.ok(run(ansible, full))
    assert counts(made, 'created') == {'applications': 1, 'resource': 1, 'resource_scope': 2, 'application_resource_grant': 1}
    empty = {'resource': [dict(resource, scopes=[])], 'applications': [dict(app, resource_grants=[])]}
    # without prune an empty list leaves the children alone, as a list that does not name them does
    assert calls.ok(run(ansible, empty))['changed'] is False and writes(ansible) == []
    planned = calls.ok(run(ansible, empty, prune=True, check=True, diff=True))
    assert writes(ansible) == []
    assert {kind: sorted(changes['delete']) for kind, changes in planned['drift'].items()} == {
        'resource_scope': ['Orders API/orders:read', 'Orders API/orders:write'], 'application_resource_grant': ['Orders portal/Orders API']}
    assert sorted(diff['after_header'] for diff in planned['diff']) == [
        'application_resource_grant Orders portal/Orders API', 'resource_scope Orders API/orders:read', 'resource_scope Orders API/orders:write']
    pruned = calls.ok(run(ansible, empty, prune=True))
    assert counts(pruned, 'deleted') == {'resource_scope': 2, 'application_resource_grant': 1}
    deleted = [path for method, path in writes(ansible) if method == 'DELETE']
    assert len(deleted) == 3 and deleted.index(next(path for path in deleted if '/grants/' in path)) == 0   # the grant before its scopes
    orders_id = next(obj['id'] for obj in ansible.sim.app.store.objects(ENV, 'resources') if obj['name'] == 'Orders API')
    assert ansible.sim.app.store.objects(ENV, 'resources/{resourceID}/scopes', (orders_id,)) == []
    again = calls.ok(run(ansible, empty, prune=True))
    assert again['changed'] is False and writes(ansible) == []


def assert_in_option_names(described):
    """The objects the dedicated modules make are described in their option names, their children folded in (actions in
    priority order); PingOne's own stay in field form, built_in, with their children as items of the child kind."""
    by_name = {kind: {item['name']: item for item in described[kind]} for kind in ('sign_on_policy', 'resource', 'identity_provider')}
    step_up = {'name': 'Step up', 'description': 'Sign-on for contractors', 'actions': [{'type': 'LOGIN', 'recovery_enabled': True}]}
    assert by_name['sign_on_policy']['Step up'] == step_up
    assert by_name['resource']['Orders API'] == {
        'name': 'Orders API', 'audience': 'https://orders.example.com', 'description': 'The orders service',
        'scopes': [{'name': 'orders:read', 'description': 'Read orders'}, {'name': 'orders:write', 'description': 'Change orders'}],
        'attributes': [{'name': 'tier', 'value': '${user.title}'}]}
    idp = by_name['identity_provider']['Corporate login']
    assert 'definition' not in idp and idp['type'] == 'OPENID_CONNECT' and idp['client_id'] == 'ansible-login'
    assert [mapping['name'] for mapping in idp['attribute_mappings']] == ['email', 'username']
    for name in ('Single_Factor', 'Multi_Factor'):
        assert by_name['sign_on_policy'][name]['built_in'] is True and 'definition' in by_name['sign_on_policy'][name]
    assert by_name['resource']['openid']['built_in'] is True
    parents = {child['parent']['sign_on_policy'] for child in described['sign_on_policy_action']}
    assert parents == {'Single_Factor', 'Multi_Factor'}
    assert {child['parent']['resource'] for child in described['resource_scope']} == {'openid'}


def run_in(ansible, env_id, config, secrets):
    ansible.sim.reset()
    given = {'target_environment_id': env_id, 'config': config, 'secrets': list(secrets)}
    result_run = ansible.run('environment_config_module.yml', extra_vars={'options': given})
    return result_run, result_run.result('Run the module')


def new_environment(ansible, name):
    made = ansible.run('environment.yml', extra_vars={'env_options': {'name': name, 'license_id': LICENSE_ID, 'type': 'SANDBOX'}})
    return made.result('Manage the environment')['environment']['id']


def test_pingones_own_objects_are_described_only_where_they_differ_from_a_new_environment(ansible):
    config, secrets = description()
    calls.ok(run(ansible, with_applications(config), secrets))
    baseline_id, target_id = new_environment(ansible, 'As PingOne makes it'), new_environment(ansible, 'Promoted')
    whole = exported(ansible, ENV)['config']
    described = exported(ansible, ENV, baseline_environment_id=baseline_id)['config']

    # Standard was changed: only the fields that differ from a new environment's Standard, marked built_in.
    standard = next(item for item in whole['password_policy'] if item['name'] == 'Standard')
    new_standard = next(item for item in exported(ansible, baseline_id)['config']['password_policy'] if item['name'] == 'Standard')
    changed = {key: value for key, value in standard['definition'].items() if new_standard['definition'].get(key) != value}
    assert changed and len(changed) < len(standard['definition'])
    assert {'name': 'Standard', 'definition': changed, 'built_in': True} in described['password_policy']
    # What no one changed (Basic, Passphrase, every other schema attribute, the template contents) is left out.
    assert [item['name'] for item in described['password_policy'] if item.get('built_in')] == ['Standard']
    assert [item['name'] for item in described['schema_attribute']] == [
        item['name'] for item in whole['schema_attribute'] if not item.get('built_in') or item['name'] == 'title']
    assert len(json.dumps(described)) < len(json.dumps(whole)) * 3 // 4
    # The objects of the description's own are as the whole export has them.
    assert described['webhook'] == whole['webhook'] and described['identity_provider'] == whole['identity_provider']

    # Applied to another new environment, it describes the same there, and a second apply writes nothing.
    calls.ok(run_in(ansible, target_id, described, secrets))
    assert exported(ansible, target_id, baseline_environment_id=baseline_id)['config'] == described
    again = calls.ok(run_in(ansible, target_id, described, secrets))
    assert again['changed'] is False and calls.writes(ansible) == []
    # A baseline kept as a description (an earlier export of a new environment) gives the same, with no second environment read.
    kept = exported(ansible, baseline_id)['config']
    ansible.sim.reset()
    assert exported(ansible, ENV, baseline=kept)['config'] == described
    assert not [r for r in calls.api_requests(ansible) if baseline_id in r['path']]
