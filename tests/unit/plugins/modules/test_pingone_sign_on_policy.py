# -*- coding: utf-8 -*-
# Copyright: (c) 2026, pingone.platform maintainers
# GNU General Public License v3.0+ (see LICENSE or https://www.gnu.org/licenses/gpl-3.0.txt)
"""pingone_sign_on_policy through its main(), against scripted PingOne answers: every request it sends is checked."""

from __future__ import annotations

import json

import pytest
import yaml

from ansible_collections.pingone.platform.plugins.module_utils import sign_on_policy
from ansible_collections.pingone.platform.plugins.modules import pingone_sign_on_policy as module
from ansible_collections.pingone.platform.tests.unit.fakes import ENV_ID, Answer, run_module

BASE = 'https://api.pingone.com/v1/environments/%s' % ENV_ID
POLICY = {'id': '1b4f0c2e-7d3a-4e5b-9c8d-0a1b2c3d4e5f', 'name': 'Corporate', 'default': False, 'environment': {'id': ENV_ID}}
LOGIN = {'id': '2c5a1d3f-8e4b-4f6c-0d9e-1b2c3d4e5f60', 'priority': 1, 'type': 'LOGIN', 'recovery': {'enabled': True},
         'signOnPolicy': {'id': POLICY['id']}, 'environment': {'id': ENV_ID}, '_links': {'self': {'href': 'x'}}}
MFA_POLICY = {'id': '3d6b2e4a-9f5c-4a7d-1e0f-2c3d4e5f6a71', 'name': 'Default MFA Policy', 'default': True}
POLICIES = '/signOnPolicies'
ACTIONS = '/signOnPolicies/%s/actions' % POLICY['id']


def page(name, *items):
    return Answer(200, {'_embedded': {name: list(items)}, '_links': {}})


def run(monkeypatch, **args):
    return run_module(module.main, dict({'target_environment_id': ENV_ID, 'access_token': 'tok'}, **args), monkeypatch)


def sent(api):
    return [(request.method, request.url[len(BASE):]) for request in api.sent]


def test_every_person_named_action_option_is_documented():
    # The documented type choices are SIGN_ON_ACTION_TYPES, written by tools/module_docs.py.
    options = yaml.safe_load(module.DOCUMENTATION)['options']['actions']['suboptions']
    assert set(sign_on_policy.ACTION_OPTIONS) < set(options)


@pytest.mark.parametrize('action, option', [
    ({'type': 'LOGIN', 'mfa_device_policy': 'Default MFA Policy'}, 'actions[0].mfa_device_policy'),
    ({'type': 'AGREEMENT', 'identity_provider': 'Google'}, 'actions[0].identity_provider'),
    ({'type': 'LOGIN', 'settings': {'priority': 3}}, 'actions[0].settings'),
    ({'type': 'LOGIN', 'settings': {'recovery': {'enabled': 'yes please'}}}, 'actions[0].settings'),
])
def test_bad_actions_are_refused_before_any_request(api, monkeypatch, action, option):
    failed, result = run(monkeypatch, name='Corporate', actions=[action])
    assert failed and result['option'] == option and api.sent == []


def test_a_type_change_of_the_only_action_creates_deletes_then_moves(api, monkeypatch):
    created = {'id': '4e7c3f5b-0a6d-4b8e-2f1a-3d4e5f6a7b82', 'priority': 2, 'type': 'MULTI_FACTOR_AUTHENTICATION',
               'deviceAuthenticationPolicy': {'id': MFA_POLICY['id']}}
    api.answers += [page('signOnPolicies', POLICY), page('deviceAuthenticationPolicies', MFA_POLICY), page('actions', LOGIN),
                    Answer(201, created), Answer(204, None), Answer(200, dict(created, priority=1))]
    failed, result = run(monkeypatch, name='Corporate', actions=[{'type': 'MULTI_FACTOR_AUTHENTICATION', 'mfa_device_policy': 'Default MFA Policy'}])
    assert not failed and result['changed'] is True, result
    assert sent(api) == [('GET', POLICIES), ('GET', '/deviceAuthenticationPolicies'), ('GET', ACTIONS), ('POST', ACTIONS),
                         ('DELETE', '%s/%s' % (ACTIONS, LOGIN['id'])), ('PUT', '%s/%s' % (ACTIONS, created['id']))]
    assert json.loads(api.sent[3].body) == {'type': 'MULTI_FACTOR_AUTHENTICATION', 'priority': 2,
                                            'deviceAuthenticationPolicy': {'id': MFA_POLICY['id']}}
    assert json.loads(api.sent[5].body)['priority'] == 1
    assert [action['type'] for action in result['sign_on_policy']['actions']] == ['MULTI_FACTOR_AUTHENTICATION']


def test_the_default_policy_is_never_deleted(api, monkeypatch):
    api.answers += [page('signOnPolicies', dict(POLICY, default=True))]
    failed, result = run(monkeypatch, name='Corporate', state='absent')
    assert failed and result['option'] == 'state' and 'default' in result['msg'] and sent(api) == [('GET', POLICIES)]


def test_a_policy_an_application_uses_is_never_deleted(api, monkeypatch):
    app = {'id': '5f8d4a6c-1b7e-4c9f-3a2b-4e5f6a7b8c93', 'name': 'Orders portal'}
    assignment = {'id': '6a9e5b7d-2c8f-4d0a-4b3c-5f6a7b8c9d04', 'priority': 1, 'signOnPolicy': {'id': POLICY['id']}}
    api.answers += [page('signOnPolicies', POLICY), page('applications', app), page('signOnPolicyAssignments', assignment)]
    failed, result = run(monkeypatch, name='Corporate', state='absent')
    assert failed and result['option'] == 'state' and "'Orders portal'" in result['msg']
    assert [method for method, _path in sent(api)] == ['GET', 'GET', 'GET']


def test_unchanged_actions_write_nothing(api, monkeypatch):
    api.answers += [page('signOnPolicies', POLICY), page('actions', LOGIN)]
    failed, result = run(monkeypatch, name='Corporate', actions=[{'type': 'LOGIN', 'recovery_enabled': True}])
    assert not failed and result['changed'] is False and sent(api) == [('GET', POLICIES), ('GET', ACTIONS)]
