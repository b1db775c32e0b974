# -*- coding: utf-8 -*-
# Copyright: (c) 2026, pingone.platform maintainers
# GNU General Public License v3.0+ (see LICENSE or https://www.gnu.org/licenses/gpl-3.0.txt)
"""pingone_object through its main(), against scripted PingOne answers: every request it sends is checked."""

from __future__ import annotations

import json
import re

import pytest
from ansible.module_utils import basic

from ansible_collections.pingone.platform.plugins.module_utils import declared, objects, registry
from ansible_collections.pingone.platform.plugins.module_utils.errors import PingOneInputError
from ansible_collections.pingone.platform.plugins.modules import pingone_object as module
from ansible_collections.pingone.platform.tests.unit.fakes import ENV_ID, Answer, run_module

BASE = 'https://api.pingone.com/v1/environments/%s' % ENV_ID
POLICY_ID = '1b4f0c2e-7d3a-4e5b-9c8d-0a1b2c3d4e5f'
STANDARD = {'id': POLICY_ID, 'name': 'Standard', 'default': True, 'environment': {'id': ENV_ID}, 'createdAt': '2026-01-01T00:00:00Z',
            'excludesCommonlyUsed': True, 'excludesProfileData': True, 'notSimilarToCurrent': True, 'length': {'min': 8, 'max': 255},
            'lockout': {'failureCount': 5, 'durationSeconds': 900}, 'populationCount': 2, '_links': {'self': {'href': 'x'}}}
RESOURCE = {'id': '2c5a1d3f-8e4b-4f6c-0d9e-1b2c3d4e5f60', 'name': 'Orders API', 'type': 'CUSTOM', 'audience': 'https://orders'}
SCOPE = {'id': '3d6b2e4a-9f5c-4a7d-1e0f-2c3d4e5f6a71', 'name': 'orders:read', 'resource': {'id': RESOURCE['id']}}
APP = {'id': '4e7c3f5b-0a6d-4b8e-2f1a-3d4e5f6a7b82', 'name': 'Orders portal', 'type': 'WEB_APP', 'protocol': 'OPENID_CONNECT'}
IDP_ID = '5f8d4a6c-1b7e-4c9f-3a2b-4e5f6a7b8c93'


def page(name, *items):
    return Answer(200, {'_embedded': {name: list(items)}, '_links': {}})


def run(monkeypatch, **args):
    return run_module(module.main, dict({'target_environment_id': ENV_ID, 'access_token': 'tok'}, **args), monkeypatch)


def sent(api):
    return [(request.method, request.url[len(BASE):]) for request in api.sent]


def body(api, index):
    return json.loads(api.sent[index].body)


def test_the_kinds_are_the_registrys_writable_kinds():
    # The documented choices are object_kind_names(), written by tools/module_docs.py.
    assert set(objects.kind_names()) == {name for name, kind in registry.KINDS.items() if not kind.read_only}


def test_a_built_in_policy_is_adopted_and_updated_with_a_full_put_of_writable_fields(api, monkeypatch):
    api.answers += [page('passwordPolicies', STANDARD), Answer(200, dict(STANDARD, length={'min': 12, 'max': 255}))]
    failed, result = run(monkeypatch, kind='password_policy', name='Standard', definition={'length': {'min': 12}})
    assert not failed and result['changed'] is True and result['kind'] == 'password_policy'
    assert sent(api) == [('GET', '/passwordPolicies'), ('PUT', '/passwordPolicies/%s' % POLICY_ID)]
    assert body(api, 1) == {'name': 'Standard', 'default': True, 'excludesCommonlyUsed': True, 'excludesProfileData': True,
                            'notSimilarToCurrent': True, 'length': {'min': 12, 'max': 255}, 'lockout': {'failureCount': 5, 'durationSeconds': 900}}
    assert result['diff'] == {'before': {'name': 'Standard', 'length': {'min': 8}}, 'after': {'name': 'Standard', 'length': {'min': 12}}}


def test_a_second_run_sends_no_write(api, monkeypatch):
    api.answers += [page('passwordPolicies', STANDARD)]
    failed, result = run(monkeypatch, kind='password_policy', name='Standard', definition={'length': {'min': 8}, 'lockout': {}})
    assert not failed and result['changed'] is False and sent(api) == [('GET', '/passwordPolicies')]


def test_check_mode_writes_nothing(api, monkeypatch):
    api.answers += [page('passwordPolicies', STANDARD)]
    failed, result = run(monkeypatch, kind='password_policy', name='Standard', definition={'length': {'min': 12}}, _ansible_check_mode=True)
    assert not failed and result['changed'] is True and sent(api) == [('GET', '/passwordPolicies')]


def test_a_built_in_is_never_deleted_and_never_created(api, monkeypatch):
    failed, result = run(monkeypatch, kind='password_policy', name='Standard', state='absent')
    assert failed and result['option'] == 'state' and api.sent == []
    assert "password_policy 'Standard' is one PingOne makes in every environment itself" in result['msg']
    api.answers += [page('passwordPolicies')]
    failed, result = run(monkeypatch, kind='password_policy', name='Basic', definition={})
    assert failed and 'adopted, never created' in result['msg'] and sent(api) == [('GET', '/passwordPolicies')]
    assert result['option'] == 'name'   # the key is the name, given in name or definition.name


def test_the_default_policy_made_by_a_user_is_refused_before_the_delete(api, monkeypatch):
    api.answers += [page('signOnPolicies', {'id': POLICY_ID, 'name': 'Passwordless', 'default': True})]
    failed, result = run(monkeypatch, kind='sign_on_policy', name='Passwordless', state='absent')
    assert failed and result['option'] == 'state' and sent(api) == [('GET', '/signOnPolicies')]


def test_a_delete(api, monkeypatch):
    api.answers += [page('resources', RESOURCE), Answer(204)]
    failed, result = run(monkeypatch, kind='resource', name='Orders API', state='absent')
    assert not failed and result['changed'] is True and sent(api)[-1] == ('DELETE', '/resources/%s' % RESOURCE['id'])


def test_strict_validation_fails_before_any_request_naming_the_field(api, monkeypatch):
    failed, result = run(monkeypatch, kind='password_policy', name='Strict', definition={'length': {'min': '8'}})
    assert failed and api.sent == [] and result['option'] == 'definition'
    assert result['msg'] == 'definition.length.min must be an integer, not a string. Nothing was sent.'
    failed, result = run(monkeypatch, kind='resource', name='R', definition={'type': 'API'})
    assert failed and api.sent == [] and 'definition.type must be one of OPENID_CONNECT, PINGONE_API, CUSTOM' in result['msg']


def test_a_missing_required_field_fails_before_the_create(api, monkeypatch):
    api.answers += [page('passwordPolicies', STANDARD)]
    failed, result = run(monkeypatch, kind='password_policy', name='Strict', definition={'length': {'min': 12}})
    assert failed and sent(api) == [('GET', '/passwordPolicies')]
    assert result['msg'].startswith('definition.excludesCommonlyUsed is required to create it. (2 more:')


def test_warn_sends_an_unknown_field_with_a_warning(api, monkeypatch):
    warnings = []
    monkeypatch.setattr(basic.AnsibleModule, 'warn', lambda _self, message: warnings.append(message))
    api.answers += [page('groups'), Answer(201, {'id': POLICY_ID, 'name': 'Admins', 'newField': 1})]
    failed, result = run(monkeypatch, kind='group', name='Admins', definition={'newField': 1}, validate='warn')
    assert not failed and result['changed'] is True and body(api, 1) == {'name': 'Admins', 'newField': 1}
    assert warnings == ["definition.newField is not a field Ping's description knows here; the fields are customData, description, "
                        "externalId, name, population, userFilter. It was sent as given (validate: warn)."]


def test_an_update_checks_the_definition_once(api, monkeypatch):
    warnings = []
    monkeypatch.setattr(basic.AnsibleModule, 'warn', lambda _self, message: warnings.append(message))
    group = {'id': POLICY_ID, 'name': 'Admins', 'description': 'old'}
    api.answers += [page('groups', group), Answer(200, dict(group, newField=1))]
    failed, result = run(monkeypatch, kind='group', name='Admins', definition={'newField': 1}, validate='warn')
    assert not failed and result['changed'] is True and body(api, 1) == {'name': 'Admins', 'description': 'old', 'newField': 1}
    assert len(warnings) == 1 and warnings[0].startswith('definition.newField is not a field')


def test_an_update_without_the_shape_is_checked_against_the_objects_shape(api, monkeypatch):
    current = {'id': IDP_ID, 'name': 'Google', 'type': 'GOOGLE', 'enabled': True, 'clientId': 'client'}
    api.answers += [page('identityProviders', current)]
    failed, result = run(monkeypatch, kind='identity_provider', name='Google', definition={'issuer': 'https://idp.example.com'})
    assert failed and result['msg'].startswith("definition.issuer is not a field Ping's description knows here")
    assert sent(api) == [('GET', '/identityProviders')]


def test_references_by_name_are_resolved_and_the_grant_is_created(api, monkeypatch):
    api.answers += [page('applications', APP), page('resources', RESOURCE), page('scopes', SCOPE), page('grants'),
                    Answer(201, {'id': POLICY_ID, 'resource': {'id': RESOURCE['id']}, 'scopes': [{'id': SCOPE['id']}]})]
    failed, result = run(monkeypatch, kind='application_resource_grant', parent={'application': 'Orders portal'},
                         definition={'resource': {'name': 'Orders API'}, 'scopes': [{'name': 'orders:read'}]})
    assert not failed and result['changed'] is True
    assert sent(api) == [('GET', '/applications'), ('GET', '/resources'), ('GET', '/resources/%s/scopes' % RESOURCE['id']),
                         ('GET', '/applications/%s/grants' % APP['id']), ('POST', '/applications/%s/grants' % APP['id'])]
    assert body(api, 4) == {'resource': {'id': RESOURCE['id']}, 'scopes': [{'id': SCOPE['id']}]}


def test_an_attribute_mappings_oidc_scopes_by_name_are_the_openid_scopes_ids_and_an_id_stays(api, monkeypatch):
    openid = {'id': '7b0f6c8e-3d9a-4e1b-5c4d-6a7b8c9d0eb5', 'name': 'openid', 'type': 'OPENID_CONNECT'}
    email = {'id': '8c1a7d9f-4e0b-4f2c-6d5e-7b8c9d0e1fc6', 'name': 'email', 'resource': {'id': openid['id']}}
    mapping = {'value': '${user.email}', 'required': False, 'oidcScopes': ['email', SCOPE['id']]}
    api.answers += [page('applications', APP), page('resources', RESOURCE, openid), page('scopes', email), page('attributes'),
                    Answer(201, dict(mapping, id=POLICY_ID, name='mail', oidcScopes=[email['id'], SCOPE['id']]))]
    failed, result = run(monkeypatch, kind='application_attribute_mapping', name='mail', parent={'application': 'Orders portal'},
                         definition=mapping)
    assert not failed and result['changed'] is True
    assert sent(api) == [('GET', '/applications'), ('GET', '/resources'), ('GET', '/resources/%s/scopes' % openid['id']),
                         ('GET', '/applications/%s/attributes' % APP['id']), ('POST', '/applications/%s/attributes' % APP['id'])]
    assert body(api, 4)['oidcScopes'] == [email['id'], SCOPE['id']]


def test_an_oidc_scope_name_the_openid_resource_does_not_have_is_refused_naming_its_place(api, monkeypatch):
    openid = {'id': '7b0f6c8e-3d9a-4e1b-5c4d-6a7b8c9d0eb5', 'name': 'openid', 'type': 'OPENID_CONNECT'}
    api.answers += [page('applications', APP), page('resources', openid), page('scopes', {'id': SCOPE['id'], 'name': 'email'})]
    failed, result = run(monkeypatch, kind='application_attribute_mapping', name='mail', parent={'application': 'Orders portal'},
                         definition={'value': '${user.email}', 'required': False, 'oidcScopes': ['email', 'orders:read']})
    assert failed and result['option'] == 'definition.oidcScopes[1]'
    assert re.match(r"definition\.oidcScopes\[1\] 'orders:read' names no resource scope", result['msg']), result['msg']
    assert [request.method for request in api.sent] == ['GET', 'GET', 'GET']


def test_a_set_field_compares_regardless_of_order(api, monkeypatch):
    other = dict(SCOPE, id='6a9e5b7d-2c8f-4d0a-4b3c-5f6a7b8c9da4', name='orders:write')
    grant = {'id': POLICY_ID, 'resource': {'id': RESOURCE['id']}, 'scopes': [{'id': other['id']}, {'id': SCOPE['id']}]}
    api.answers += [page('applications', APP), page('grants', grant)]
    failed, result = run(monkeypatch, kind='application_resource_grant', parent={'application': 'Orders portal'},
                         definition={'resource': {'id': RESOURCE['id']}, 'scopes': [{'id': SCOPE['id']}, {'id': other['id']}]})
    assert not failed and result['changed'] is False and len(api.sent) == 2


def test_a_name_that_matches_nothing_is_refused_naming_the_field(api, monkeypatch):
    api.answers += [page('applications', APP), page('resources', RESOURCE)]
    failed, result = run(monkeypatch, kind='application_resource_grant', parent={'application': 'Orders portal'},
                         definition={'resource': {'name': 'Billing API'}, 'scopes': []})
    assert failed and result['option'] == 'definition.resource.name'
    assert re.match(r"definition\.resource\.name 'Billing API' names no resource in the environment", result['msg'])
    assert [request.method for request in api.sent] == ['GET', 'GET']


def test_a_parent_by_name_and_the_user_schema_by_default(api, monkeypatch):
    api.answers += [page('schemas', {'id': POLICY_ID, 'name': 'User'}), page('attributes'),
                    Answer(201, {'id': RESOURCE['id'], 'name': 'badge', 'type': 'STRING', 'enabled': True})]
    failed, result = run(monkeypatch, kind='schema_attribute', name='badge', definition={'type': 'STRING', 'enabled': True})
    assert not failed and sent(api)[-1] == ('POST', '/schemas/%s/attributes' % POLICY_ID)


def test_secrets_are_written_on_create_and_never_returned_or_shown(api, monkeypatch):
    secret = 's3cr3t-value'
    definition = {'type': 'GOOGLE', 'enabled': True, 'clientId': 'client'}
    api.answers += [page('identityProviders'), Answer(201, dict(definition, id=IDP_ID, name='Google', clientSecret=secret))]
    failed, result = run(monkeypatch, kind='identity_provider', name='Google', definition=definition, secrets={'clientSecret': secret})
    assert not failed and body(api, 1)['clientSecret'] == secret
    assert 'clientSecret' not in result['object'] and result['diff']['after']['clientSecret'] == '(set by this task)'
    assert secret not in json.dumps(result)


def test_a_secret_alone_causes_no_change_unless_always(api, monkeypatch):
    current = {'id': IDP_ID, 'name': 'Google', 'type': 'GOOGLE', 'enabled': True, 'clientId': 'client'}
    api.answers += [page('identityProviders', current)]
    failed, result = run(monkeypatch, kind='identity_provider', name='Google', definition={'enabled': True}, secrets={'clientSecret': 'x'})
    assert not failed and result['changed'] is False and len(api.sent) == 1
    api.answers += [page('identityProviders', current), Answer(200, current)]
    failed, result = run(monkeypatch, kind='identity_provider', name='Google', definition={'enabled': True}, secrets={'clientSecret': 'x'},
                         update_secrets='always')
    assert not failed and result['changed'] is True and body(api, 2) == {
        'name': 'Google', 'type': 'GOOGLE', 'enabled': True, 'clientId': 'client', 'clientSecret': 'x'}


def test_a_full_put_carries_the_secrets_given_even_on_create_only(api, monkeypatch):
    current = {'id': IDP_ID, 'name': 'Google', 'type': 'GOOGLE', 'enabled': True, 'clientId': 'client'}
    api.answers += [page('identityProviders', current), Answer(200, dict(current, enabled=False))]
    failed, result = run(monkeypatch, kind='identity_provider', name='Google', definition={'enabled': False}, secrets={'clientSecret': 'x'})
    assert not failed and result['changed'] is True and body(api, 1)['clientSecret'] == 'x' and body(api, 1)['enabled'] is False
    assert 'x' not in json.dumps(result['diff'])


def test_a_required_secret_not_given_is_refused_before_the_put(api, monkeypatch):
    current = {'id': IDP_ID, 'name': 'Corp', 'type': 'OPENID_CONNECT', 'enabled': True, 'clientId': 'client',
               'issuer': 'https://idp.example.com', 'authorizationEndpoint': 'https://idp.example.com/a',
               'tokenEndpoint': 'https://idp.example.com/t', 'jwksEndpoint': 'https://idp.example.com/j', 'scopes': ['openid'],
               'tokenEndpointAuthMethod': 'CLIENT_SECRET_BASIC'}
    api.answers += [page('identityProviders', current)]
    failed, result = run(monkeypatch, kind='identity_provider', name='Corp', definition={'enabled': False})
    assert failed and result['option'] == 'secrets' and 'secrets.clientSecret' in result['msg'] and len(api.sent) == 1


def test_an_immutable_field_is_refused_before_the_write(api, monkeypatch):
    api.answers += [page('resources', RESOURCE)]
    failed, result = run(monkeypatch, kind='resource', name='Orders API', definition={'type': 'OPENID_CONNECT'})
    assert failed and result['msg'].startswith('definition.type cannot change after creation') and len(api.sent) == 1


def test_a_singleton_is_read_and_put(api, monkeypatch):
    settings = {'id': POLICY_ID, 'companyName': 'Old', 'environment': {'id': ENV_ID}}
    api.answers += [Answer(200, settings), Answer(200, dict(settings, companyName='New'))]
    failed, result = run(monkeypatch, kind='branding_settings', definition={'companyName': 'New'})
    assert not failed and sent(api) == [('GET', '/brandingSettings'), ('PUT', '/brandingSettings')]
    assert body(api, 1) == {'companyName': 'New'}


def test_a_user_is_patched_with_the_changed_fields_only(api, monkeypatch):
    user = {'id': IDP_ID, 'username': 'jdoe', 'email': 'old@example.com', 'title': 'Engineer', 'enabled': True}
    api.answers += [page('users', user), Answer(200, dict(user, email='new@example.com'))]
    failed, result = run(monkeypatch, kind='user', definition={'username': 'jdoe', 'email': 'new@example.com', 'title': 'Engineer'})
    assert not failed and sent(api)[-1] == ('PATCH', '/users/%s' % IDP_ID) and body(api, 1) == {'email': 'new@example.com'}


def test_a_composite_key_is_read_from_the_definition(api, monkeypatch):
    content = {'id': RESOURCE['id'], 'locale': 'en', 'deliveryMethod': 'Email', 'variant': 'A', 'body': 'Hi', 'default': False}
    api.answers += [page('contents', content)]
    failed, result = run(monkeypatch, kind='notification_template_content', parent={'notification_template': 'general'},
                         definition={'locale': 'en', 'deliveryMethod': 'Email', 'variant': 'A', 'body': 'Hi'})
    assert not failed and result['changed'] is False and sent(api) == [('GET', '/templates/general/contents')]
    failed, result = run(monkeypatch, kind='notification_template_content', parent={'notification_template': 'nope'},
                         definition={'locale': 'en', 'deliveryMethod': 'Email', 'variant': 'A', 'body': 'Hi'})
    assert failed and result['option'] == 'parent' and result['msg'].startswith('parent.notification_template must be one of ')


def test_a_later_key_field_left_out_matches_an_object_without_it(api, monkeypatch):
    content = {'id': RESOURCE['id'], 'locale': 'fr', 'deliveryMethod': 'SMS', 'content': 'Code: ${otp}', 'default': False}
    api.answers += [page('contents', dict(content, id=SCOPE['id'], variant='B'), content)]
    failed, result = run(monkeypatch, kind='notification_template_content', parent={'notification_template': 'general'},
                         definition={'locale': 'fr', 'deliveryMethod': 'SMS', 'content': 'Code: ${otp}'})
    assert not failed and result['changed'] is False and result['object']['id'] == RESOURCE['id']


def test_a_field_with_an_endpoint_of_its_own_is_refused_not_patched(api, monkeypatch):
    user = {'id': IDP_ID, 'username': 'jdoe', 'enabled': True, 'population': {'id': POLICY_ID}}
    api.answers += [page('users', user)]
    failed, result = run(monkeypatch, kind='user', definition={'username': 'jdoe', 'population': {'id': RESOURCE['id']}})
    assert failed and result['msg'].startswith('definition.population of a user changes only through its own endpoint')
    assert sent(api) == [('GET', '/users')]


def test_a_secret_at_a_path_the_registry_does_not_declare_is_hidden_too(api, monkeypatch):
    api.answers += [page('groups'), Answer(201, {'id': POLICY_ID, 'name': 'Admins', 'customData': {'token': 'tok-123'}})]
    failed, result = run(monkeypatch, kind='group', name='Admins', secrets={'customData': {'token': 'tok-123'}})
    assert not failed and body(api, 1) == {'name': 'Admins', 'customData': {'token': 'tok-123'}}
    assert result['object'] == {'id': POLICY_ID, 'name': 'Admins', 'customData': {}}
    assert result['diff']['after'] == {'name': 'Admins', 'customData': {'token': '(set by this task)'}}


@pytest.mark.parametrize('kind, definition, path', [
    ('identity_provider', {'name': 'Google', 'type': 'GOOGLE', 'enabled': True, 'clientId': 'c', 'clientSecret': 'sekrit'}, 'clientSecret'),
    # format: password in Ping's description, and not declared in the registry by hand
    ('application', {'name': 'App', 'mobile': {'integrityDetection': {'googlePlay': {'decryptionKey': 'sekrit'}}}},
     'mobile.integrityDetection.googlePlay.decryptionKey'),
    # declared in the registry, not flagged by the description
    ('webhook', {'name': 'Hook', 'httpEndpoint': {'url': 'https://hook', 'headers': {'Authorization': 'sekrit'}}}, 'httpEndpoint.headers'),
    ('gateway', {'name': 'Radius', 'type': 'RADIUS', 'radiusClients': [{'ip': '10.0.0.1', 'sharedSecret': 'sekrit'}]},
     'radiusClients[].sharedSecret'),
])
@pytest.mark.parametrize('validate', ['strict', 'none'])
def test_a_secret_given_in_definition_is_refused_before_any_request(api, monkeypatch, kind, definition, path, validate):
    failed, result = run(monkeypatch, kind=kind, definition=definition, validate=validate)
    assert failed and result['option'] == 'definition' and api.sent == []
    assert result['msg'].startswith('definition.%s is a secret' % path) and 'give it in secrets' in result['msg']
    assert 'sekrit' not in json.dumps(result)


def test_a_secret_in_the_settings_of_pingone_identity_provider_is_refused_naming_the_settings():
    params = {'name': 'Google', 'type': 'GOOGLE', 'state': 'present', 'client_id': 'c', 'settings': {'clientSecret': 'sekrit'}}
    with pytest.raises(PingOneInputError) as info:
        declared.check_identity_provider(params)
    assert info.value.option == 'settings' and str(info.value).startswith('settings.clientSecret is set by an option of its own')
