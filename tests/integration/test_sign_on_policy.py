# -*- coding: utf-8 -*-
# Copyright: (c) 2026, pingone.platform maintainers
# GNU General Public License v3.0+ (see LICENSE or https://www.gnu.org/licenses/gpl-3.0.txt)
"""pingone_sign_on_policy through real ansible-playbook against the simulator's described store: create, a second
run that writes nothing, each update, reorders (1 -> 3 -> 1 actions, a type change of the only action, a reversal),
check mode, --diff, the built-ins adopted, absent and its refusals, bad input refused before any write. Every request
body is checked against Ping's API descriptions (conftest, request_schemas.py)."""

from __future__ import annotations

import pytest

from pingone_simulator import SANDBOX_ENV_ID  # pylint: disable=import-error
import calls  # pylint: disable=import-error

ENV = SANDBOX_ENV_ID
BASE = '/v1/environments/%s' % ENV


@pytest.fixture(autouse=True)
def fresh(ansible):
    ansible.sim.app.platform.reset()
    ansible.sim.app.management.reset()
    ansible.sim.app.store.reset()


def run(ansible, options, check=False, diff=False):
    env = {'ANSIBLE_DIFF_ALWAYS': 'true'} if diff else {}
    result_run = ansible.run('sign_on_policy.yml', extra_vars={'options': dict({'target_environment_id': ENV}, **options)},
                             check=check, env=env)
    return result_run.result('Run the module')


def ok(ansible, options, **kwargs):
    ansible.sim.reset()
    result = run(ansible, options, **kwargs)
    assert not result.get('failed'), result.get('msg')
    return result


def refused(ansible, options, option, **kwargs):
    ansible.sim.reset()
    result = run(ansible, options, **kwargs)
    assert result.get('failed') and result.get('option') == option, result
    assert writes(ansible) == []
    return result


def writes(ansible):
    return calls.writes(ansible, BASE)


def types(result):
    actions = result['sign_on_policy']['actions']
    assert [action['priority'] for action in actions] == list(range(1, len(actions) + 1))
    return [action['type'] for action in actions]


LOGIN = {'type': 'LOGIN', 'recovery_enabled': True}
MFA = {'type': 'MULTI_FACTOR_AUTHENTICATION', 'mfa_device_policy': 'Default MFA Policy', 'settings': {'noDevicesMode': 'BLOCK'}}
IDFIRST = {'type': 'IDENTIFIER_FIRST'}
POLICY = {'name': 'Corporate MFA', 'description': 'Password, then MFA', 'actions': [LOGIN, MFA]}


def test_create_then_nothing_then_each_update(ansible):
    created = ok(ansible, POLICY, diff=True)
    assert created['changed'] is True and types(created) == ['LOGIN', 'MULTI_FACTOR_AUTHENTICATION']
    assert [method for method, _path in writes(ansible)] == ['POST', 'POST', 'POST']
    assert created['diff']['before'] == {}
    assert created['diff']['after']['name'] == 'Corporate MFA'
    assert [a['type'] for a in created['diff']['after']['actions']] == ['LOGIN', 'MULTI_FACTOR_AUTHENTICATION']
    mfa = created['sign_on_policy']['actions'][1]
    assert mfa['deviceAuthenticationPolicy']['id'] and mfa['noDevicesMode'] == 'BLOCK'
    policy_id = created['sign_on_policy']['id']

    again = ok(ansible, POLICY)
    assert again['changed'] is False and writes(ansible) == []

    described = ok(ansible, dict(POLICY, description='Changed'), diff=True)
    assert described['changed'] is True and writes(ansible) == [('PUT', '/signOnPolicies/%s' % policy_id)]
    assert described['diff']['before']['description'] == 'Password, then MFA' and described['diff']['after']['description'] == 'Changed'

    policy = dict(POLICY, description='Changed')
    bypass = dict(MFA, settings={'noDevicesMode': 'BYPASS'})
    setting = ok(ansible, dict(policy, actions=[LOGIN, bypass]), diff=True)
    assert writes(ansible) == [('PUT', '/signOnPolicies/%s/actions/%s' % (policy_id, mfa['id']))]
    assert setting['sign_on_policy']['actions'][1]['noDevicesMode'] == 'BYPASS'
    assert setting['diff']['after']['actions'][1]['noDevicesMode'] == 'BYPASS'
    assert setting['diff']['before']['actions'][1]['noDevicesMode'] == 'BLOCK'

    recovery = ok(ansible, dict(policy, actions=[dict(LOGIN, recovery_enabled=False), bypass]))
    assert recovery['changed'] and len(writes(ansible)) == 1 and recovery['sign_on_policy']['actions'][0]['recovery']['enabled'] is False

    conditions = {'secondsSince': '${session.lastSignOn.withAuthenticator.mfa.at}', 'greater': 43200}
    conditioned = ok(ansible, dict(policy, actions=[dict(LOGIN, recovery_enabled=False), dict(bypass, conditions=conditions)]))
    assert conditioned['changed'] and len(writes(ansible)) == 1
    assert conditioned['sign_on_policy']['actions'][1]['condition'] == conditions

    default = ok(ansible, {'name': 'Corporate MFA', 'default': True})
    assert default['changed'] and writes(ansible) == [('PUT', '/signOnPolicies/%s' % policy_id)]
    assert default['sign_on_policy']['default'] is True
    assert ok(ansible, {'name': 'Corporate MFA', 'default': False})['changed'] is False and writes(ansible) == []


def test_one_to_three_to_one_and_a_type_change_of_the_only_action(ansible):
    one = ok(ansible, {'name': 'Steps', 'actions': [LOGIN]})
    assert types(one) == ['LOGIN']
    profiling = {'type': 'PROGRESSIVE_PROFILING', 'settings': {'attributes': [{'name': 'email', 'required': True}],
                                                               'preventMultiplePromptsPerFlow': True, 'promptIntervalSeconds': 86400,
                                                               'promptText': 'Tell us more'}}
    three = ok(ansible, {'name': 'Steps', 'actions': [LOGIN, MFA, profiling]})
    assert types(three) == ['LOGIN', 'MULTI_FACTOR_AUTHENTICATION', 'PROGRESSIVE_PROFILING']
    assert [method for method, _path in writes(ansible)] == ['POST', 'POST']
    back = ok(ansible, {'name': 'Steps', 'actions': [LOGIN]})
    assert types(back) == ['LOGIN'] and [method for method, _path in writes(ansible)] == ['DELETE', 'DELETE']
    assert back['sign_on_policy']['actions'][0]['id'] == one['sign_on_policy']['actions'][0]['id']
    changed = ok(ansible, {'name': 'Steps', 'actions': [IDFIRST]})
    assert types(changed) == ['IDENTIFIER_FIRST']
    assert [method for method, _path in writes(ansible)] == ['POST', 'DELETE', 'PUT']
    assert ok(ansible, {'name': 'Steps', 'actions': [IDFIRST]})['changed'] is False and writes(ansible) == []


def test_a_reversal_of_three_keeps_every_action(ansible):
    made = ok(ansible, {'name': 'Reverse', 'actions': [LOGIN, MFA, IDFIRST]})
    ids = [action['id'] for action in made['sign_on_policy']['actions']]
    reversed_ = ok(ansible, {'name': 'Reverse', 'actions': [IDFIRST, MFA, LOGIN]})
    assert types(reversed_) == ['IDENTIFIER_FIRST', 'MULTI_FACTOR_AUTHENTICATION', 'LOGIN']
    assert [action['id'] for action in reversed_['sign_on_policy']['actions']] == ids[::-1]
    assert {method for method, _path in writes(ansible)} == {'PUT'}


def test_check_mode_writes_nothing_and_shows_the_diff(ansible):
    checked = ok(ansible, POLICY, check=True, diff=True)
    assert checked['changed'] is True and writes(ansible) == [] and checked['sign_on_policy'] == {}
    assert [a['type'] for a in checked['diff']['after']['actions']] == ['LOGIN', 'MULTI_FACTOR_AUTHENTICATION']
    ok(ansible, POLICY)
    reorder = ok(ansible, dict(POLICY, actions=[MFA, LOGIN]), check=True, diff=True)
    assert reorder['changed'] is True and writes(ansible) == []
    assert [a['type'] for a in reorder['diff']['after']['actions']] == ['MULTI_FACTOR_AUTHENTICATION', 'LOGIN']
    gone = ok(ansible, {'name': 'Corporate MFA', 'state': 'absent'}, check=True)
    assert gone['changed'] is True and writes(ansible) == []


def test_the_built_in_policies_are_adopted(ansible):
    single = ok(ansible, {'name': 'Single_Factor', 'actions': [LOGIN]})
    assert single['changed'] is False and writes(ansible) == [] and single['sign_on_policy']['default'] is True
    multi = ok(ansible, {'name': 'Multi_Factor', 'description': 'Adopted', 'actions': [LOGIN, dict(MFA, settings={'noDevicesMode': 'BYPASS'})]})
    assert multi['changed'] is True and [method for method, _path in writes(ansible)] == ['PUT', 'PUT']
    refused(ansible, {'name': 'Multi_Factor', 'state': 'absent'}, 'state')


def test_absent_deletes_and_its_refusals(ansible):
    ok(ansible, POLICY)
    default = refused(ansible, {'name': 'Single_Factor', 'state': 'absent'}, 'state')
    assert 'default' in default['msg']
    app = ansible.sim.app.management
    del app
    # An application that uses the policy (made through the API, as pingone_application cannot assign policies yet).
    policy = ok(ansible, {'name': 'Corporate MFA'})['sign_on_policy']
    ansible.sim.reset()
    made = ansible.run('api.yml', extra_vars={'api_options': {
        'target_environment_id': ENV, 'method': 'POST', 'path': '/environments/%s/applications' % ENV, 'status_code': [201],
        'body': {'name': 'Orders web', 'enabled': True, 'type': 'WORKER', 'protocol': 'OPENID_CONNECT',
                 'tokenEndpointAuthMethod': 'CLIENT_SECRET_BASIC', 'grantTypes': ['CLIENT_CREDENTIALS']}}}).result('Call the API')
    assert not made.get('failed'), made.get('msg')
    assigned = ansible.run('api.yml', extra_vars={'api_options': {
        'method': 'POST', 'path': '/environments/%s/applications/%s/signOnPolicyAssignments' % (ENV, made['json']['id']),
        'status_code': [201], 'body': {'signOnPolicy': {'id': policy['id']}, 'priority': 1}}}).result('Call the API')
    assert not assigned.get('failed'), assigned.get('msg')
    held = refused(ansible, {'name': 'Corporate MFA', 'state': 'absent'}, 'state')
    assert "'Orders web'" in held['msg']
    ansible.sim.reset()
    ansible.run('api.yml', extra_vars={'api_options': {
        'method': 'DELETE', 'path': '/environments/%s/applications/%s' % (ENV, made['json']['id']), 'status_code': [204]}})
    deleted = ok(ansible, {'name': 'Corporate MFA', 'state': 'absent'}, diff=True)
    assert deleted['changed'] is True and writes(ansible) == [('DELETE', '/signOnPolicies/%s' % policy['id'])]
    assert [a['type'] for a in deleted['diff']['before']['actions']] == ['LOGIN', 'MULTI_FACTOR_AUTHENTICATION']
    assert ok(ansible, {'name': 'Corporate MFA', 'state': 'absent'})['changed'] is False and writes(ansible) == []


@pytest.mark.parametrize('action, option', [
    ({'type': 'LOGIN', 'mfa_device_policy': 'Default MFA Policy'}, 'actions[0].mfa_device_policy'),
    ({'type': 'MULTI_FACTOR_AUTHENTICATION', 'registration_population': 'Customers'}, 'actions[0].registration_population'),
    ({'type': 'IDENTIFIER_FIRST', 'agreement': 'Terms'}, 'actions[0].agreement'),
    ({'type': 'LOGIN', 'identity_provider': 'Google'}, 'actions[0].identity_provider'),
    ({'type': 'LOGIN', 'settings': {'priority': 2}}, 'actions[0].settings'),
    ({'type': 'LOGIN', 'settings': {'noSuchField': True}}, 'actions[0].settings'),
    ({'type': 'MULTI_FACTOR_AUTHENTICATION', 'settings': {'noDevicesMode': 'SOMETIMES'}}, 'actions[0].settings'),
])
def test_bad_actions_are_refused_before_any_request(ansible, action, option):
    result = refused(ansible, {'name': 'Bad', 'actions': [action]}, option)
    assert 'actions[0]' in result['msg'] and calls.api_requests(ansible) == []


def test_an_empty_list_is_refused_before_any_request(ansible):
    refused(ansible, {'name': 'Bad', 'actions': []}, 'actions')
    assert calls.api_requests(ansible) == []


@pytest.mark.parametrize('action, option', [
    ({'type': 'MULTI_FACTOR_AUTHENTICATION', 'mfa_device_policy': 'No such policy'}, 'actions[1].mfa_device_policy'),
    ({'type': 'LOGIN', 'registration_population': 'Nobody'}, 'actions[1].registration_population'),
    ({'type': 'IDENTITY_PROVIDER', 'identity_provider': 'No IdP'}, 'actions[1].identity_provider'),
    ({'type': 'AGREEMENT', 'agreement': 'No terms'}, 'actions[1].agreement'),
])
def test_unknown_names_are_refused_after_reads_before_any_write(ansible, action, option):
    result = refused(ansible, {'name': 'Named', 'actions': [LOGIN, action]}, option)
    assert 'No' in result['msg'] and calls.api_requests(ansible) != []


def api(ansible, method, path, body=None, status=(200, 201, 204)):
    options = {'method': method, 'path': '/environments/%s%s' % (ENV, path), 'status_code': list(status)}
    if body is not None:
        options['body'] = body
    result = ansible.run('api.yml', extra_vars={'api_options': options}).result('Call the API')
    assert not result.get('failed'), result.get('msg')
    return result.get('json')


def test_population_identity_provider_and_agreement_by_name(ansible):
    population = api(ansible, 'POST', '/populations', {'name': 'Customers'})
    # (through pingone_identity_provider: its client_secret is no_log; a raw pingone_api body would show it at -vvvv)
    made_idp = ansible.run('identity_provider.yml', extra_vars={'options': {
        'target_environment_id': ENV, 'name': 'Google', 'type': 'GOOGLE', 'enabled': True, 'client_id': 'google-client',
        'client_secret': 'not-a-real-secret'}}).result('Run pingone_identity_provider')
    assert not made_idp.get('failed'), made_idp.get('msg')
    idp = made_idp['identity_provider']
    agreement = api(ansible, 'POST', '/agreements', {'name': 'Terms', 'enabled': False})
    options = {'name': 'Social', 'actions': [
        {'type': 'LOGIN', 'registration_population': 'Customers', 'recovery_enabled': False},
        {'type': 'IDENTITY_PROVIDER', 'identity_provider': 'Google', 'settings': {'passUserContext': True}},
        {'type': 'AGREEMENT', 'agreement': 'Terms', 'settings': {'disableDeclineOption': True}}]}
    made = ok(ansible, options)
    login, provider, terms = made['sign_on_policy']['actions']
    assert login['registration']['enabled'] is True and login['registration']['population']['id'] == population['id']
    assert provider['identityProvider']['id'] == idp['id'] and provider['passUserContext'] is True
    assert terms['agreement']['id'] == agreement['id'] and terms['disableDeclineOption'] is True
    assert ok(ansible, options)['changed'] is False and writes(ansible) == []
