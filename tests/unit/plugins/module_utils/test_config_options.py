# -*- coding: utf-8 -*-
# Copyright: (c) 2026, pingone.platform maintainers
# GNU General Public License v3.0+ (see LICENSE or https://www.gnu.org/licenses/gpl-3.0.txt)
"""config_options: a description's items in a dedicated module's option names, as field items (expand) and back (fold),
and the refusals of option items, each naming the option."""

from __future__ import annotations

import copy
import re

import pytest

from ansible_collections.pingone.platform.plugins.module_utils import config_engine
from ansible_collections.pingone.platform.plugins.module_utils.config_options import claimed_parents, expand, fold
from ansible_collections.pingone.platform.plugins.module_utils.errors import PingOneInputError

POLICY = {'name': 'Step up', 'description': 'Sign-on for contractors', 'default': True, 'actions': [
    {'type': 'LOGIN', 'recovery_enabled': True, 'registration_population': 'Contractors'},
    {'type': 'MULTI_FACTOR_AUTHENTICATION', 'mfa_device_policy': 'Contractors MFA', 'settings': {'noDevicesMode': 'BLOCK'},
     'conditions': {'secondsSince': '#session.lastSignOn.withAuthenticator.mfa.at', 'greater': 3600}},
]}
RESOURCE = {'name': 'Orders API', 'audience': 'https://orders.example.com', 'access_token_validity_seconds': 3600,
            'scopes': [{'name': 'orders:read', 'description': 'Read orders'}, {'name': 'orders:write'}],
            'attributes': [{'name': 'tier', 'value': '${user.title}'}]}
IDP = {'name': 'Corporate login', 'type': 'OPENID_CONNECT', 'enabled': True, 'client_id': 'corp-client', 'issuer': 'https://idp.example.com',
       'authorization_endpoint': 'https://idp.example.com/authorize', 'token_endpoint': 'https://idp.example.com/token',
       'jwks_endpoint': 'https://idp.example.com/jwks', 'scopes': ['openid'], 'token_endpoint_auth_method': 'CLIENT_SECRET_BASIC',
       'registration_population': 'Contractors', 'settings': {'pkceMethod': 'NONE'},
       'attribute_mappings': [{'name': 'email', 'value': '${providerAttributes.email}', 'update': 'EMPTY_ONLY'},
                              {'name': 'username', 'value': '${providerAttributes.sub}', 'update': 'EMPTY_ONLY'}]}
OTHERS = {'populations': [{'name': 'Contractors'}], 'mfa_device_policy': [{'name': 'Contractors MFA', 'definition': {}}]}
SECRETS = [{'kind': 'identity_provider', 'name': 'Corporate login', 'path': 'clientSecret', 'value': 'shh'}]


def described(**keys):
    return dict(copy.deepcopy(OTHERS), **copy.deepcopy(keys))


def refused(config):
    """The one sentence of the refusal of ``config`` (expand, then config_engine.check), without the frame."""
    with pytest.raises(PingOneInputError) as info:
        fields, origins = expand(config)
        config_engine.check(fields, SECRETS, origins)
    match = re.match(r'^The description is not right: (.*)\. Nothing was read or written\.$', str(info.value))
    assert match, str(info.value)
    assert info.value.option == 'config'
    # a module's check is quoted by its reason: what the module did not do is said once, by the description's frame
    assert 'Nothing was sent' not in match.group(1) and 'Nothing was written' not in match.group(1)
    return match.group(1)


# --- expand: option items -> field items -----------------------------------------------------------------------
def test_a_policy_in_option_names_becomes_the_policy_and_its_actions_priority_by_position_names_by_name():
    fields, origins = expand(described(sign_on_policy=[POLICY]))
    assert fields['sign_on_policy'] == [{'name': 'Step up', 'definition': {'description': 'Sign-on for contractors', 'default': True}}]
    assert fields['sign_on_policy_action'] == [
        {'parent': {'sign_on_policy': 'Step up'}, 'definition': {
            'type': 'LOGIN', 'priority': 1, 'recovery': {'enabled': True}, 'registration': {'enabled': True, 'population': {'name': 'Contractors'}}}},
        {'parent': {'sign_on_policy': 'Step up'}, 'definition': {
            'type': 'MULTI_FACTOR_AUTHENTICATION', 'priority': 2, 'noDevicesMode': 'BLOCK', 'deviceAuthenticationPolicy': {'name': 'Contractors MFA'},
            'condition': POLICY['actions'][1]['conditions']}}]
    assert origins[('sign_on_policy_action', 1)].where == 'sign_on_policy[0].actions[1]'
    items = config_engine.check(fields, [], origins)
    assert [item.label for item in items['sign_on_policy_action']] == ['Step up/1', 'Step up/2']


def test_a_resource_and_an_identity_provider_in_option_names_become_field_items_their_secret_from_secrets():
    fields, origins = expand(described(resource=[RESOURCE], identity_provider=[IDP]))
    assert fields['resource'] == [{'name': 'Orders API', 'definition': {'type': 'CUSTOM', 'audience': 'https://orders.example.com',
                                                                        'accessTokenValiditySeconds': 3600}}]
    assert fields['resource_scope'] == [
        {'name': 'orders:read', 'parent': {'resource': 'Orders API'}, 'definition': {'description': 'Read orders'}},
        {'name': 'orders:write', 'parent': {'resource': 'Orders API'}, 'definition': {}}]
    assert fields['resource_attribute'] == [{'name': 'tier', 'parent': {'resource': 'Orders API'}, 'definition': {'value': '${user.title}'}}]
    idp = fields['identity_provider'][0]['definition']
    assert idp['clientId'] == 'corp-client' and idp['pkceMethod'] == 'NONE' and idp['registration'] == {'population': {'name': 'Contractors'}}
    # The core mapping PingOne makes with every identity provider: adopted (built_in), never created.
    assert fields['identity_provider_attribute'][1] == {'name': 'username', 'parent': {'identity_provider': 'Corporate login'}, 'built_in': True,
                                                        'definition': {'value': '${providerAttributes.sub}', 'update': 'EMPTY_ONLY',
                                                                       'mappingType': 'CORE'}}
    items = config_engine.check(fields, SECRETS, origins)
    assert items['identity_provider'][0].secrets == {'clientSecret': 'shh'}


def test_items_in_field_form_are_left_as_they_are_beside_option_items():
    field_policy = {'name': 'Partners', 'definition': {'description': 'Field form'}}
    field_action = {'parent': {'sign_on_policy': 'Partners'}, 'definition': {'priority': 1, 'type': 'LOGIN'}}
    config = described(sign_on_policy=[field_policy, POLICY], sign_on_policy_action=[field_action])
    fields, origins = expand(config)
    assert fields['sign_on_policy'][0] == field_policy and fields['sign_on_policy_action'][0] == field_action
    assert ('sign_on_policy', 0) not in origins and ('sign_on_policy_action', 0) not in origins
    assert origins[('sign_on_policy_action', 1)].where == 'sign_on_policy[1].actions[0]'
    assert config['sign_on_policy'][1] == POLICY   # the caller's description is not changed
    assert expand({'agreement': [{'name': 'Terms', 'definition': {}}]}) == ({'agreement': [{'name': 'Terms', 'definition': {}}]}, {})


# --- fold: field items -> option items, and the round trip -----------------------------------------------------
@pytest.mark.parametrize('key, item', [('sign_on_policy', POLICY), ('resource', RESOURCE), ('identity_provider', IDP)])
def test_round_trip_option_item_to_fields_and_back(key, item):
    config = described(**{key: [item]})
    fields, _origins = expand(config)
    back = fold(fields)
    assert back == config
    assert fold(expand(back)[0]) == back


def test_fold_keeps_pingones_own_objects_and_what_options_cannot_say_in_field_form_with_their_children():
    fields, _origins = expand(described(sign_on_policy=[POLICY], resource=[RESOURCE]))
    fields['sign_on_policy'].append({'name': 'Single_Factor', 'definition': {'default': False}, 'built_in': True})
    fields['sign_on_policy_action'].append({'parent': {'sign_on_policy': 'Single_Factor'}, 'definition': {'priority': 1, 'type': 'LOGIN'}})
    # Priorities 1 and 3: a position in a list cannot give them.
    fields['sign_on_policy'].append({'name': 'Gaps', 'definition': {}})
    fields['sign_on_policy_action'] += [{'parent': {'sign_on_policy': 'Gaps'}, 'definition': {'priority': priority, 'type': 'LOGIN'}}
                                        for priority in (1, 3)]
    # A field pingone_resource has no option for.
    fields['resource'].append({'name': 'Billing API', 'definition': {'type': 'CUSTOM', 'introspectEndpointAuthMethod': 'CLIENT_SECRET_BASIC'}})
    fields['resource_scope'].append({'name': 'bills:read', 'parent': {'resource': 'Billing API'}, 'definition': {}})
    folded = fold(fields)
    assert [item['name'] for item in folded['sign_on_policy'] if 'definition' not in item] == ['Step up']
    assert {item['parent']['sign_on_policy'] for item in folded['sign_on_policy_action']} == {'Single_Factor', 'Gaps'}
    assert [item['name'] for item in folded['resource'] if 'definition' in item] == ['Billing API']
    assert folded['resource_scope'] == [{'name': 'bills:read', 'parent': {'resource': 'Billing API'}, 'definition': {}}]
    assert 'resource_attribute' not in folded   # every one folded: the key goes


def test_fold_puts_fields_no_option_sets_in_settings_and_leaves_a_default_false_out():
    definition = {'priority': 1, 'type': 'IDENTIFIER_FIRST', 'recovery': {'enabled': True}, 'discoveryRules': []}
    action = {'parent': {'sign_on_policy': 'Partners'}, 'definition': definition}
    folded = fold({'sign_on_policy': [{'name': 'Partners', 'definition': {'default': False}}], 'sign_on_policy_action': [action]})
    assert folded == {'sign_on_policy': [{'name': 'Partners', 'actions': [
        {'type': 'IDENTIFIER_FIRST', 'settings': {'recovery': {'enabled': True}, 'discoveryRules': []}}]}]}


def test_fold_without_the_child_kind_exported_leaves_the_list_option_out():
    assert fold({'resource': [{'name': 'Orders API', 'definition': {'type': 'CUSTOM'}}]}) == {'resource': [{'name': 'Orders API'}]}
    assert fold({'resource': [], 'resource_scope': []}) == {'resource': [], 'resource_scope': []}   # nothing folded: the key stays


# --- refusals: before any request, naming the option ------------------------------------------------------------
def with_action(action, index=1):
    policy = copy.deepcopy(POLICY)
    policy['actions'][index] = action
    return described(sign_on_policy=[{'name': 'Other', 'definition': {}}, {'name': 'Also', 'definition': {}}, policy])


@pytest.mark.parametrize('config, words', [
    (with_action({'type': 'MULTI_FACTOR_AUTHENTICATION', 'mfa_device_policy': 'Nobody MFA'}),
     r"^sign_on_policy\[2\]\.actions\[1\]\.mfa_device_policy names the mfa device policy 'Nobody MFA', which the description does not "
     r"describe: add it, or correct the name$"),
    (with_action({'type': 'LOGIN', 'agreement': 'Terms'}, 0),
     r'^sign_on_policy\[2\]\.actions\[0\]\.agreement is an option of AGREEMENT actions, and this action is of type LOGIN'),
    (with_action({'type': 'LOGIN', 'settings': {'priority': 4}}), r'^sign_on_policy\[2\]\.actions\[1\]\.settings\.priority is not a setting'),
    (with_action({'mfa_device_policy': 'Contractors MFA'}), r'^sign_on_policy\[2\]\.actions\[1\] has no type'),
    (with_action({'type': 'LOGIN', 'colour': 'blue'}), r"^sign_on_policy\[2\]\.actions\[1\] has the key 'colour'; an item of actions has type"),
    (described(sign_on_policy=[dict(POLICY, actions=[])]), r'^sign_on_policy\[0\]\.actions is empty'),
    (described(sign_on_policy=[dict(POLICY, colour='blue')]),
     r"^sign_on_policy\[0\] has the key 'colour': an item with no definition is in the option names of pingone.platform.pingone_sign_on_policy"),
    (described(sign_on_policy=[dict(POLICY, description=7)]), r'^sign_on_policy\[0\]\.description\b'),
    (described(sign_on_policy=[{'description': 'no name'}]), r'^sign_on_policy\[0\] has no name'),
    (described(resource=[dict(RESOURCE, name='openid')]), r"^resource\[0\]\.name: 'openid' is one of PingOne's own resources"),
    (described(resource=[dict(RESOURCE, scopes=[{'name': 'a'}, {'name': 'a'}])]), r"^resource\[0\]\.scopes lists 'a' twice"),
    (described(resource=[dict(RESOURCE, state='absent')]), r'^resource\[0\]\.state is an option of pingone.platform.pingone_resource that a'),
    (described(identity_provider=[dict(IDP, client_secret='shh')]), r'^identity_provider\[0\]\.client_secret is an option of .* give its value in secrets'),
    (described(identity_provider=[dict(IDP, type='SAML')]), r'^identity_provider\[0\]\.client_id applies to identity providers of type'),
    (described(identity_provider=[{'name': 'Corporate login'}]), r'^identity_provider\[0\] has no type'),
    (described(identity_provider=[dict(IDP, registration_population='Nobody')]),
     r"^identity_provider\[0\]\.registration_population names the population 'Nobody', which the description does not describe"),
    (described(identity_provider=[dict(IDP, attribute_mappings=[{'name': 'username', 'value': 'x', 'update': 'ALWAYS'}])]),
     r'^identity_provider\[0\]\.attribute_mappings lists username with update ALWAYS'),
])
def test_an_option_item_is_refused_naming_its_option(config, words):
    assert re.search(words, refused(config))


def test_a_secret_an_option_item_needs_is_asked_for_by_kind_name_and_field_path():
    fields, origins = expand(described(identity_provider=[IDP]))
    with pytest.raises(PingOneInputError) as info:
        config_engine.check(fields, [], origins)
    assert "identity_provider[0] (identity_provider 'Corporate login') needs the secret clientSecret" in str(info.value)
    assert info.value.option == 'secrets'


# --- an application's children in pingone_application's list options (the key applications) ------------------------
APP = {'name': 'Orders portal', 'type': 'WEB_APP', 'redirect_uris': ['https://orders.example.com/cb'],
       'sign_on_policies': ['Step up', 'Single_Factor'],
       'resource_grants': [{'resource': 'openid', 'scopes': ['openid', 'profile', 'email']}, {'resource': 'Orders API', 'scopes': ['orders:read']}],
       'attribute_mappings': [{'name': 'department', 'required': False, 'value': '${user.title}'},
                              {'name': 'office', 'required': True, 'value': '${user.address.locality}', 'oidc_scopes': ['profile', 'email'],
                               'id_token': True, 'userinfo': False},
                              {'name': 'sub', 'value': '${user.id}', 'required': True}]}
APP_OTHERS = {'sign_on_policy': [{'name': 'Step up', 'definition': {}}], 'resource': [{'name': 'Orders API', 'definition': {'type': 'CUSTOM'}}],
              'resource_scope': [{'name': 'orders:read', 'parent': {'resource': 'Orders API'}, 'definition': {}}]}
PORTAL = {'application': 'Orders portal'}


def with_app(*apps, **keys):
    return dict(copy.deepcopy(APP_OTHERS), applications=copy.deepcopy(list(apps)), **copy.deepcopy(keys))


def test_an_applications_items_list_options_become_field_items_of_the_three_child_kinds():
    fields, origins = expand(with_app({'name': 'Intranet', 'type': 'WORKER'}, APP))
    assert fields['applications'] == [{'name': 'Intranet', 'type': 'WORKER'},
                                      {'name': 'Orders portal', 'type': 'WEB_APP', 'redirect_uris': ['https://orders.example.com/cb']}]
    assert fields['application_sign_on_policy_assignment'] == [
        {'parent': PORTAL, 'definition': {'signOnPolicy': {'name': 'Step up'}, 'priority': 1}},
        {'parent': PORTAL, 'definition': {'signOnPolicy': {'name': 'Single_Factor'}, 'priority': 2}}]
    assert fields['application_resource_grant'][1] == {'parent': PORTAL, 'definition': {'resource': {'name': 'Orders API'},
                                                                                        'scopes': [{'name': 'orders:read'}]}}
    mappings = {item['name']: item for item in fields['application_attribute_mapping']}
    assert mappings['office']['definition'] == {'required': True, 'value': '${user.address.locality}', 'oidcScopes': ['profile', 'email'],
                                                'idToken': True, 'userInfo': False}
    # sub is PingOne's own (adopted, never created); a mapping without required is not required, as the module makes one
    assert mappings['sub'] == {'name': 'sub', 'parent': PORTAL, 'built_in': True,
                               'definition': {'value': '${user.id}', 'required': True, 'mappingType': 'CORE'}}
    # ... when it is made; an update leaves it as it is (the module's create default, not part of the definition)
    bare, bare_origins = expand(with_app(dict(APP, attribute_mappings=[{'name': 'a', 'value': 'x'}])))
    assert bare['application_attribute_mapping'][0]['definition'] == {'value': 'x'}
    assert bare_origins[('application_attribute_mapping', 0)].create_defaults == {'required': False}
    assert origins[('application_attribute_mapping', 0)].create_defaults in ({}, {'required': False})
    assert origins[('application_resource_grant', 1)].where == 'applications[1].resource_grants[1]'
    items = config_engine.check(fields, [], origins)
    assert [item.label for item in items['application_resource_grant']] == ['Orders portal/openid', 'Orders portal/Orders API']
    # the legacy part (config_legacy's check and compare) sees the application without the three options (null ones too)
    assert config_engine.legacy_part(fields) == {'applications': fields['applications']}
    assert expand({'applications': [{'name': 'Intranet', 'type': 'WORKER', 'sign_on_policies': None}]})[0] == {
        'applications': [{'name': 'Intranet', 'type': 'WORKER'}]}


def test_an_option_item_claims_its_children_of_each_kind_whose_list_option_it_gives_an_empty_one_too():
    resource = dict(RESOURCE, scopes=[])
    del resource['attributes']   # not given: the resource's attributes are not claimed
    app = {'name': 'Orders portal', 'type': 'WEB_APP', 'resource_grants': [], 'attribute_mappings': None,
           'sign_on_policies': ['Step up']}
    config = with_app(app, {'name': 'Intranet', 'type': 'WORKER'}, resource=[resource], identity_provider=[dict(IDP, attribute_mappings=[])],
                      sign_on_policy=[POLICY, {'name': 'Staff', 'definition': {}}], **OTHERS)
    config['resource_scope'] = []
    fields, origins = expand(config)
    claimed = claimed_parents(config)
    assert claimed == {'resource_scope': ['Orders API'], 'identity_provider_attribute': ['Corporate login'],
                       'sign_on_policy_action': ['Step up'], 'application_resource_grant': ['Orders portal'],
                       'application_sign_on_policy_assignment': ['Orders portal']}
    assert (fields, origins) == expand(config)   # expand: the same fields and origins
    assert 'identity_provider_attribute' not in fields and fields['resource_scope'] == []   # an empty list makes no item
    assert claimed_parents({'agreement': [{'name': 'Terms', 'definition': {}}]}) == {}


def test_field_items_of_the_child_kinds_stay_as_they_are_beside_an_applications_list_options():
    own = {'parent': {'application': 'Intranet'}, 'definition': {'signOnPolicy': {'name': 'Step up'}, 'priority': 1}}
    config = with_app({'name': 'Intranet', 'type': 'WORKER'}, APP, application_sign_on_policy_assignment=[own])
    fields, origins = expand(config)
    assert fields['application_sign_on_policy_assignment'][0] == own and ('application_sign_on_policy_assignment', 0) not in origins
    assert origins[('application_sign_on_policy_assignment', 1)].where == 'applications[1].sign_on_policies[0]'
    assert config['applications'][1] == APP   # the caller's description is not changed
    config_engine.check(fields, [], origins)


def test_round_trip_of_an_applications_list_options_to_fields_and_back():
    fields, _origins = expand(with_app(APP))
    back = fold(fields)
    expected = copy.deepcopy(APP)
    expected['attribute_mappings'].sort(key=lambda mapping: mapping['name'])   # mappings are named: by name
    assert back['applications'] == [expected]
    assert not {'application_sign_on_policy_assignment', 'application_resource_grant', 'application_attribute_mapping'} & set(back)
    assert fold(expand(back)[0]) == back


def exported_children(priorities=(1, 2), **changes):
    """An export of the application Orders portal's children in field form (as config_describe gives them)."""
    config = {'applications': [{'name': 'Orders portal', 'type': 'WEB_APP'}, {'name': 'Intranet', 'type': 'WORKER'}],
              'application_sign_on_policy_assignment': [
                  {'parent': PORTAL, 'definition': {'signOnPolicy': {'name': name}, 'priority': priority}}
                  for name, priority in zip(('Step up', 'Single_Factor'), priorities)],
              'application_resource_grant': [
                  {'parent': PORTAL, 'definition': {'resource': {'name': 'openid'}, 'scopes': [{'name': 'openid'}, {'name': 'email'}]}}],
              'application_attribute_mapping': [
                  {'name': 'sub', 'parent': PORTAL, 'built_in': True,
                   'definition': {'value': '${user.id}', 'required': True, 'mappingType': 'CORE', 'idToken': True, 'userInfo': True}},
                  {'name': 'email', 'parent': PORTAL,
                   'definition': {'value': '${user.email}', 'required': False, 'mappingType': 'CUSTOM', 'oidcScopes': ['email']}},
                  {'name': 'sub', 'parent': {'application': 'Intranet'}, 'built_in': True,
                   'definition': {'value': '${user.id}', 'required': True, 'mappingType': 'CORE'}}]}
    for key, value in changes.items():
        config[key] = value(config[key])
    return config


def test_fold_puts_an_applications_children_into_its_list_options_sub_as_the_module_lists_it():
    folded = fold(exported_children())
    portal, intranet = folded['applications']
    assert portal == {'name': 'Orders portal', 'type': 'WEB_APP', 'sign_on_policies': ['Step up', 'Single_Factor'],
                      'resource_grants': [{'resource': 'openid', 'scopes': ['openid', 'email']}],
                      'attribute_mappings': [
                          {'name': 'email', 'value': '${user.email}', 'required': False, 'oidc_scopes': ['email']},
                          {'name': 'sub', 'value': '${user.id}', 'required': True, 'id_token': True, 'userinfo': True}]}
    assert intranet == {'name': 'Intranet', 'type': 'WORKER', 'sign_on_policies': [], 'resource_grants': [],
                        'attribute_mappings': [{'name': 'sub', 'value': '${user.id}', 'required': True}]}
    # every child folded: the keys go
    assert set(folded) == {'applications'}


def test_fold_leaves_what_options_cannot_say_in_field_form_each_kind_on_its_own():
    gaps = fold(exported_children(priorities=(1, 3)))   # a priority the position in a list cannot give
    assert 'sign_on_policies' not in gaps['applications'][0] and gaps['applications'][1]['sign_on_policies'] == []
    assert [item['definition']['priority'] for item in gaps['application_sign_on_policy_assignment']] == [1, 3]
    assert 'resource_grants' in gaps['applications'][0] and 'application_resource_grant' not in gaps
    saml_field = fold(exported_children(application_attribute_mapping=lambda items: items + [
        {'name': 'group', 'parent': PORTAL, 'definition': {'value': '${user.memberOfGroupNames}', 'required': False, 'nameFormat': 'x'}}]))
    assert 'attribute_mappings' not in saml_field['applications'][0]
    assert {item['name'] for item in saml_field['application_attribute_mapping']} == {'sub', 'email', 'group'}
    # a claim's scope the folded grants do not give: the grants fold, the mappings stay in field form (PingOne's check)
    ungranted = fold(exported_children(application_resource_grant=lambda items: [
        {'parent': PORTAL, 'definition': {'resource': {'name': 'openid'}, 'scopes': [{'name': 'openid'}]}}]))
    assert 'resource_grants' in ungranted['applications'][0] and 'attribute_mappings' not in ungranted['applications'][0]
    # the children of an application the description does not hold stay in field form
    alone = exported_children()
    alone['applications'] = alone['applications'][1:]
    assert len(fold(alone)['application_resource_grant']) == 1


@pytest.mark.parametrize('app, words', [
    (dict(APP, resource_grants=[APP['resource_grants'][0], {'resource': 'Orders API', 'scopes': ['orders:read', 'orders:nope']}]),
     r"^applications\[1\]\.resource_grants\[1\]\.scopes\[1\] names the resource scope 'orders:nope', which the description does not"),
    (dict(APP, resource_grants=[APP['resource_grants'][0], {'resource': 'Billing API', 'scopes': ['bills:read']}]),
     r"^applications\[1\]\.resource_grants\[1\]\.resource names the resource 'Billing API', which the description does not describe"),
    (dict(APP, resource_grants=[APP['resource_grants'][0], {'resource': 'Orders API', 'scopes': []}]),
     r'^applications\[1\]\.resource_grants\[1\]\.scopes is empty: a grant gives at least one scope'),
    (dict(APP, resource_grants=[APP['resource_grants'][0], {'resource': 'Orders API'}]),
     r'^applications\[1\]\.resource_grants\[1\] has no scopes'),
    (dict(APP, sign_on_policies=['Nobody']), r"^applications\[1\]\.sign_on_policies\[0\] names the sign on policy 'Nobody'"),
    (dict(APP, sign_on_policies=['Step up', 'Step up']), r"^applications\[1\]\.sign_on_policies\[1\] 'Step up' is listed already"),
    (dict(APP, sign_on_policies='Step up'), r"^applications\[1\]\.sign_on_policies is 'Step up', not a list"),
    (dict(APP, attribute_mappings=[{'name': 'aud', 'value': 'x'}]), r"^applications\[1\]\.attribute_mappings\[0\]\.name 'aud' is reserved"),
    (dict(APP, attribute_mappings=[{'name': 'a', 'value': 'x'}, {'name': 'a', 'value': 'y'}]),
     r"^applications\[1\]\.attribute_mappings\[1\]\.name 'a' is listed already"),
    (dict(APP, attribute_mappings=[{'name': 'a', 'value': 'x', 'oidc_scopes': ['address']}]),
     r"^applications\[1\]\.attribute_mappings\[0\]\.oidc_scopes\[0\] 'address' is not granted by resource_grants"),
    (dict(APP, attribute_mappings=[{'name': 'a', 'value': 'x', 'colour': 'blue'}]),
     r"^applications\[1\]\.attribute_mappings\[0\] has the key 'colour'; an item of attribute_mappings has name, value"),
    (dict(APP, attribute_mappings=[{'name': 'a', 'value': 'x', 'required': 'yes'}]),
     r"^applications\[1\]\.attribute_mappings\[0\]\.required is 'yes', not a boolean"),
    (dict(APP, attribute_mappings=[{'name': 'a', 'value': 'x', 'id_token': False, 'userinfo': False}]),
     r'^applications\[1\]\.attribute_mappings\[0\]\.id_token and attribute_mappings\[0\]\.userinfo are both false'),
    (dict(APP, name=''), r'^applications\[1\] has no name'),
])
def test_an_applications_list_options_are_refused_naming_the_option_path(app, words):
    assert re.search(words, refused(with_app({'name': 'Intranet', 'type': 'WORKER'}, app)))


def test_a_child_given_in_both_forms_is_refused_naming_both_places():
    twice = {'parent': PORTAL, 'definition': {'signOnPolicy': {'name': 'Step up'}, 'priority': 1}}
    assert refused(with_app(APP, application_sign_on_policy_assignment=[twice])).startswith(
        'application_sign_on_policy_assignment[0] and applications[0].sign_on_policies[0] both describe')
