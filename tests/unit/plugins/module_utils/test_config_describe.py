# -*- coding: utf-8 -*-
# Copyright: (c) 2026, pingone.platform maintainers
# GNU General Public License v3.0+ (see LICENSE or https://www.gnu.org/licenses/gpl-3.0.txt)
"""config_describe: an environment as a description (references by name, no secret, nothing PingOne sets, PingOne's own
objects marked), read once per kind and parent; and a description it gives applied to a new environment describes the same."""

from __future__ import annotations

import json

from ansible_collections.pingone.platform.plugins.module_utils import config_engine
from ansible_collections.pingone.platform.plugins.module_utils.config_describe import describe
from ansible_collections.pingone.platform.tests.unit.fakes import ENV_ID, SECRET, FakePingOne

E = '/environments/%s' % ENV_ID
# What PingOne sets itself in every answer: never part of a description.
SET_BY_PINGONE = {'environment': {'id': ENV_ID}, 'createdAt': '2026-01-01T00:00:00.000Z', 'updatedAt': '2026-01-02T00:00:00.000Z',
                  '_links': {'self': {'href': 'https://api.pingone.eu/v1/x'}}}
OIDC = {'type': 'OPENID_CONNECT', 'enabled': True, 'clientId': 'corp-client', 'authorizationEndpoint': 'https://idp.example.com/authorize',
        'tokenEndpoint': 'https://idp.example.com/token', 'jwksEndpoint': 'https://idp.example.com/jwks', 'issuer': 'https://idp.example.com',
        'scopes': ['openid'], 'tokenEndpointAuthMethod': 'CLIENT_SECRET_BASIC'}
KINDS = ['sign_on_policy', 'sign_on_policy_action', 'identity_provider', 'application_resource_grant', 'resource', 'resource_scope',
         'mfa_device_policy']


def obj(**fields):
    return dict(SET_BY_PINGONE, **fields)


def source():
    return {
        E + '/signOnPolicies': [obj(id='sop-single', name='Single_Factor', default=True), obj(id='sop-corp', name='Corp', description='Staff')],
        E + '/signOnPolicies/sop-single/actions': [obj(id='act-single', priority=1, type='LOGIN', signOnPolicy={'id': 'sop-single'})],
        E + '/signOnPolicies/sop-corp/actions': [
            obj(id='act-mfa', priority=1, type='MULTI_FACTOR_AUTHENTICATION', signOnPolicy={'id': 'sop-corp'},
                deviceAuthenticationPolicy={'id': 'mfa-phones'})],
        E + '/deviceAuthenticationPolicies': [obj(id='mfa-phones', name='Phones', default=True)],
        # PingOne never answers with a secret; were it to, the description would still hold none.
        E + '/identityProviders': [obj(id='idp-corp', name='Corp IdP', clientSecret=SECRET, **OIDC)],
        E + '/applications': [
            {'id': 'app-portal', 'name': 'Portal', 'protocol': 'OPENID_CONNECT', 'type': 'WEB_APP'},
            {'id': 'app-self', 'name': 'PingOne Self-Service - MyAccount', 'protocol': 'OPENID_CONNECT', 'type': 'PING_ONE_SELF_SERVICE'}],
        E + '/applications/app-portal/grants': [obj(id='grant-orders', resource={'id': 'res-orders'}, scopes=[{'id': 'scope-read'}],
                                                    application={'id': 'app-portal'})],
        E + '/applications/app-self/grants': [{'id': 'grant-self', 'resource': {'id': 'res-api'}, 'scopes': [{'id': 'scope-p1'}]}],
        E + '/resources': [obj(id='res-openid', name='openid', type='OPENID_CONNECT'), obj(id='res-api', name='PingOne API', type='PINGONE_API'),
                           obj(id='res-orders', name='Orders', type='CUSTOM', audience='https://orders.example.com')],
        E + '/resources/res-openid/scopes': [obj(id='scope-email', name='email', resource={'id': 'res-openid'})],
        E + '/resources/res-api/scopes': [obj(id='scope-p1', name='p1:read:user', resource={'id': 'res-api'})],
        E + '/resources/res-orders/scopes': [obj(id='scope-read', name='orders:read', resource={'id': 'res-orders'})],
    }


def test_references_become_names_and_nothing_pingone_sets_is_described():
    config, skipped, _needed = describe(FakePingOne(source()), ENV_ID, KINDS)
    assert skipped == []
    assert config['sign_on_policy_action'] == [
        {'parent': {'sign_on_policy': 'Corp'},
         'definition': {'priority': 1, 'type': 'MULTI_FACTOR_AUTHENTICATION', 'deviceAuthenticationPolicy': {'name': 'Phones'}}},
        {'parent': {'sign_on_policy': 'Single_Factor'}, 'definition': {'priority': 1, 'type': 'LOGIN'}}]
    assert config['application_resource_grant'] == [
        {'parent': {'application': 'Portal'}, 'definition': {'resource': {'name': 'Orders'}, 'scopes': [{'name': 'orders:read'}]}}]
    assert {'name': 'Corp', 'definition': {'description': 'Staff'}} in config['sign_on_policy']
    # No id anywhere, no field PingOne sets, no field that names the parent (it is the item's parent).
    fields = set(keys([item['definition'] for items in config.values() for item in items]))
    assert not fields & {'id', 'createdAt', 'updatedAt', '_links', 'environment', 'signOnPolicy', 'application'}
    assert {'priority', 'deviceAuthenticationPolicy', 'name', 'audience', 'scopes'} <= fields


def keys(value):
    """Every key of the dicts in ``value``, at any depth."""
    if isinstance(value, dict):
        for key, inner in value.items():
            yield key
            yield from keys(inner)
    elif isinstance(value, list):
        for inner in value:
            yield from keys(inner)


def test_no_secret_is_described_and_the_ones_needed_are_listed():
    config, _skipped, needed = describe(FakePingOne(source()), ENV_ID, KINDS)
    provider, = config['identity_provider']
    assert provider == {'name': 'Corp IdP', 'definition': OIDC}
    assert SECRET not in json.dumps(config)
    assert needed == [{'kind': 'identity_provider', 'name': 'Corp IdP', 'path': 'clientSecret'}]


def test_a_secret_under_a_field_the_object_has_is_needed_and_never_described():
    hooks = [obj(id='hook-1', name='Audit', enabled=True, format='ACTIVITY', filterOptions={'includedActionTypes': ['USER.CREATED']},
                 httpEndpoint={'url': 'https://hooks.example.com', 'headers': {'Authorization': 'Bearer ' + SECRET}})]
    config, _skipped, needed = describe(FakePingOne({E + '/subscriptions': hooks}), ENV_ID, ['webhook'])
    assert config['webhook'][0]['definition']['httpEndpoint'] == {'url': 'https://hooks.example.com'}
    assert SECRET not in json.dumps(config)
    assert needed == [{'kind': 'webhook', 'name': 'Audit', 'path': 'httpEndpoint.headers'}]


def test_pingones_own_objects_are_marked_built_in_and_others_are_not():
    config, _skipped, _needed = describe(FakePingOne(source()), ENV_ID, KINDS)
    marked = {kind: sorted(item.get('name') or item['parent'][next(iter(item['parent']))] for item in items if item.get('built_in'))
              for kind, items in config.items()}
    assert marked == {'sign_on_policy': ['Single_Factor'], 'resource': ['PingOne API', 'openid'], 'resource_scope': ['email'],
                      'mfa_device_policy': ['Phones'], 'identity_provider': [], 'sign_on_policy_action': [], 'application_resource_grant': []}


def test_the_children_of_pingones_own_applications_and_of_the_pingone_api_are_neither_described_nor_read():
    client = FakePingOne(source())
    config, _skipped, _needed = describe(client, ENV_ID, KINDS)
    assert [item['parent'] for item in config['application_resource_grant']] == [{'application': 'Portal'}]
    assert [item['name'] for item in config['resource_scope']] == ['orders:read', 'email']
    assert E + '/applications/app-self/grants' not in client.reads() and E + '/resources/res-api/scopes' not in client.reads()


def test_each_list_is_read_once_and_nothing_is_written():
    client = FakePingOne(source())
    describe(client, ENV_ID, KINDS)
    assert client.writes() == []
    assert set(client.reads().values()) == {1}
    assert {E + '/signOnPolicies', E + '/signOnPolicies/sop-corp/actions', E + '/signOnPolicies/sop-single/actions',
            E + '/deviceAuthenticationPolicies', E + '/applications', E + '/applications/app-portal/grants'} <= set(client.reads())


def test_an_object_that_names_one_the_export_cannot_name_is_skipped_with_the_reason():
    data = source()
    data[E + '/signOnPolicies/sop-corp/actions'].append(
        obj(id='act-gone', priority=2, type='MULTI_FACTOR_AUTHENTICATION', signOnPolicy={'id': 'sop-corp'},
            deviceAuthenticationPolicy={'id': 'mfa-deleted'}))
    config, skipped, _needed = describe(FakePingOne(data), ENV_ID, KINDS)
    assert skipped == [{'kind': 'sign_on_policy_action', 'name': 'Corp/2',
                        'reason': 'its deviceAuthenticationPolicy.id names a mfa device policy by the id mfa-deleted, which the export '
                                  'cannot name'}]
    assert [item['definition']['priority'] for item in config['sign_on_policy_action']] == [1, 1]


def test_only_the_kinds_asked_for_are_described_parents_before_children():
    config, _skipped, _needed = describe(FakePingOne(source()), ENV_ID, ['sign_on_policy_action', 'sign_on_policy', 'populations'])
    assert list(config) == ['sign_on_policy', 'sign_on_policy_action']   # populations: an option-named kind, described elsewhere
    assert describe(FakePingOne({}), ENV_ID, ['agreement']) == ({'agreement': []}, [], [])


def test_a_description_given_by_describe_applied_to_a_new_environment_describes_the_same():
    config, skipped, needed = describe(FakePingOne(source()), ENV_ID, KINDS)
    assert skipped == []
    items = config_engine.check(config, [dict(secret, value=SECRET) for secret in needed])   # a description check takes
    new = FakePingOne({   # a new environment: PingOne's own objects, and the application made by its own module
        E + '/signOnPolicies': [{'id': 'sop-new', 'name': 'Single_Factor', 'default': True}],
        E + '/signOnPolicies/sop-new/actions': [{'id': 'act-new', 'priority': 1, 'type': 'LOGIN'}],
        E + '/deviceAuthenticationPolicies': [{'id': 'mfa-new', 'name': 'Phones', 'default': True}],
        E + '/applications': [{'id': 'app-new', 'name': 'Portal', 'protocol': 'OPENID_CONNECT', 'type': 'WEB_APP'}],
        E + '/resources': [{'id': 'res-new-openid', 'name': 'openid', 'type': 'OPENID_CONNECT'},
                           {'id': 'res-new-api', 'name': 'PingOne API', 'type': 'PINGONE_API'}],
        E + '/resources/res-new-openid/scopes': [{'id': 'scope-new-email', 'name': 'email'}],
    })
    results = config_engine.Run(new, ENV_ID, items, False, False, 4).run()
    assert not [result for result in results if result.action == 'failed']
    assert sorted(result.name for result in results if result.action == 'created') == [
        'Corp', 'Corp IdP', 'Corp/1', 'Orders', 'Orders/orders:read', 'Portal/Orders']
    again, skipped_again, needed_again = describe(new, ENV_ID, KINDS)
    assert (again, skipped_again, needed_again) == (config, [], needed)
    assert SECRET not in json.dumps(again)   # written to the new environment, never read back into a description


def test_an_id_the_registry_does_not_declare_as_a_reference_is_never_exported():
    from ansible_collections.pingone.platform.plugins.module_utils.config_describe import id_left
    assert id_left({'audiences': ['3f2b1c0a-9e8d-4c7b-a6f5-e4d3c2b1a090'], 'value': '${user.title}'}) == 'audiences[]'
    assert id_left({'a': {'b': [{'c': 'not an id'}]}}) is None


# --- reduce_to_baseline: PingOne's own objects only where they differ from a new environment's -------------------
NEW_STANDARD = {'default': True, 'length': {'min': 8, 'max': 255}, 'maxAgeDays': 182}
NEW_MFA = {'default': True, 'sms': {'enabled': True}}
NEW_ACTION = {'priority': 1, 'type': 'LOGIN', 'recovery': {'enabled': True}}
BASELINE = {
    'password_policy': [{'name': 'Standard', 'definition': dict(NEW_STANDARD), 'built_in': True},
                        {'name': 'Basic', 'definition': {'default': False}, 'built_in': True}],
    'mfa_device_policy': [{'name': 'Default MFA Policy', 'definition': dict(NEW_MFA), 'built_in': True}],
    'sign_on_policy': [{'name': 'Single_Factor', 'definition': {'default': True}, 'built_in': True}],
    'sign_on_policy_action': [{'parent': {'sign_on_policy': 'Single_Factor'}, 'definition': dict(NEW_ACTION)}],
    'notification_template_content': [{'parent': {'notification_template': 'verification'}, 'built_in': True,
                                       'definition': {'locale': 'en', 'deliveryMethod': 'Email', 'default': True, 'subject': 'Hi'}}],
}


def test_reduce_to_baseline_keeps_only_what_differs_from_a_new_environment():
    from ansible_collections.pingone.platform.plugins.module_utils.config_describe import reduce_to_baseline
    config = json.loads(json.dumps(BASELINE))
    config['password_policy'][0]['definition']['length'] = {'min': 12, 'max': 255}
    config['notification_template_content'][0]['definition']['subject'] = 'Welcome'
    config['sign_on_policy'].append({'name': 'Mine', 'definition': {'description': 'ours'}})
    config['mfa_device_policy'].append({'name': 'Strict', 'definition': {'default': False, 'sms': {'enabled': False}}})
    reduced = reduce_to_baseline(config, BASELINE)
    # Standard: only length; Basic, the MFA default, Single_Factor and its action: as a new environment's, left out.
    assert reduced['password_policy'] == [{'name': 'Standard', 'definition': {'length': {'min': 12, 'max': 255}}, 'built_in': True}]
    assert reduced['mfa_device_policy'] == [config['mfa_device_policy'][1]]
    assert reduced['sign_on_policy'] == [config['sign_on_policy'][1]]
    assert reduced['sign_on_policy_action'] == []
    # A template content keeps the fields that name it.
    assert reduced['notification_template_content'] == [
        {'parent': {'notification_template': 'verification'}, 'built_in': True,
         'definition': {'locale': 'en', 'deliveryMethod': 'Email', 'subject': 'Welcome'}}]


def test_reduce_to_baseline_keeps_a_built_in_another_item_needs_with_nothing_to_change():
    from ansible_collections.pingone.platform.plugins.module_utils.config_describe import reduce_to_baseline
    config = json.loads(json.dumps(BASELINE))
    # Single_Factor's action changed (so Single_Factor is kept, as its parent), and a new action names the default MFA policy.
    config['sign_on_policy_action'][0]['definition']['recovery'] = {'enabled': False}
    config['sign_on_policy_action'].append({'parent': {'sign_on_policy': 'Single_Factor'}, 'definition': {
        'priority': 2, 'type': 'MULTI_FACTOR_AUTHENTICATION', 'deviceAuthenticationPolicy': {'name': 'Default MFA Policy'}}})
    reduced = reduce_to_baseline(config, BASELINE)
    assert reduced['sign_on_policy'] == [{'name': 'Single_Factor', 'definition': {}, 'built_in': True}]
    assert reduced['mfa_device_policy'] == [{'name': 'Default MFA Policy', 'definition': {}, 'built_in': True}]
    assert reduced['sign_on_policy_action'] == config['sign_on_policy_action']
    assert reduced['password_policy'] == []


def test_reduce_to_baseline_describes_whole_what_the_baseline_lacks():
    from ansible_collections.pingone.platform.plugins.module_utils.config_describe import reduce_to_baseline
    config = {'password_policy': [{'name': 'Standard', 'definition': dict(NEW_STANDARD), 'built_in': True}],
              'populations': [{'name': 'Staff'}]}
    assert reduce_to_baseline(config, {}) == config
    assert reduce_to_baseline(config, {'password_policy': BASELINE['password_policy']}) == {'password_policy': [], 'populations': [{'name': 'Staff'}]}


# --- an attribute mapping's oidcScopes: ids of the openid resource's scopes, described by their names -----------------
MAPPINGS = E + '/applications/app-portal/attributes'


def with_mappings(*scope_ids):
    """source(), Portal granted openid's email scope, and a mapping available in the scopes ``scope_ids``."""
    data = source()
    data[E + '/resources/res-openid/scopes'].append(obj(id='scope-profile', name='profile', resource={'id': 'res-openid'}))
    data[E + '/applications/app-portal/grants'].append(
        obj(id='grant-openid', resource={'id': 'res-openid'}, scopes=[{'id': 'scope-email'}, {'id': 'scope-profile'}]))
    data[MAPPINGS] = [obj(id='map-sub', name='sub', value='${user.id}', required=True, mappingType='CORE', application={'id': 'app-portal'}),
                      obj(id='map-dept', name='department', value='${user.title}', required=False, mappingType='CUSTOM',
                          oidcScopes=list(scope_ids), application={'id': 'app-portal'})]
    return data


def test_an_attribute_mappings_oidc_scopes_are_described_by_the_openid_scopes_names():
    client = FakePingOne(with_mappings('scope-email', 'scope-profile'))
    config, skipped, _needed = describe(client, ENV_ID, KINDS + ['application_attribute_mapping'])
    assert skipped == []
    assert {'name': 'department', 'parent': {'application': 'Portal'},
            'definition': {'value': '${user.title}', 'required': False, 'mappingType': 'CUSTOM', 'oidcScopes': ['email', 'profile']}
            } in config['application_attribute_mapping']
    assert set(client.reads().values()) == {1}
    # after the grants, which PingOne needs first
    assert list(config).index('application_resource_grant') < list(config).index('application_attribute_mapping')


def test_an_oidc_scope_id_that_is_not_one_of_the_openid_resources_scopes_is_skipped_with_the_reason():
    config, skipped, _needed = describe(FakePingOne(with_mappings('scope-email', 'scope-read')), ENV_ID,
                                        KINDS + ['application_attribute_mapping'])
    assert skipped == [{'kind': 'application_attribute_mapping', 'name': 'Portal/department',
                        'reason': 'its oidcScopes[] names a resource scope by the id scope-read, which the export cannot name'}]
    assert [item['name'] for item in config['application_attribute_mapping']] == ['sub']


def test_a_mapping_with_oidc_scopes_described_then_applied_to_a_new_environment_describes_the_same():
    kinds = KINDS + ['application_attribute_mapping']
    config, skipped, needed = describe(FakePingOne(with_mappings('scope-email', 'scope-profile')), ENV_ID, kinds)
    assert skipped == []
    items = config_engine.check(config, [dict(secret, value=SECRET) for secret in needed])
    new = FakePingOne({
        E + '/signOnPolicies': [{'id': 'sop-new', 'name': 'Single_Factor', 'default': True}],
        E + '/signOnPolicies/sop-new/actions': [{'id': 'act-new', 'priority': 1, 'type': 'LOGIN'}],
        E + '/deviceAuthenticationPolicies': [{'id': 'mfa-new', 'name': 'Phones', 'default': True}],
        E + '/applications': [{'id': 'app-new', 'name': 'Portal', 'protocol': 'OPENID_CONNECT', 'type': 'WEB_APP'}],
        E + '/applications/app-new/attributes': [{'id': 'map-new-sub', 'name': 'sub', 'value': '${user.id}', 'required': True,
                                                  'mappingType': 'CORE'}],
        E + '/resources': [{'id': 'res-new-openid', 'name': 'openid', 'type': 'OPENID_CONNECT'},
                           {'id': 'res-new-api', 'name': 'PingOne API', 'type': 'PINGONE_API'}],
        E + '/resources/res-new-openid/scopes': [{'id': 'scope-new-email', 'name': 'email'}, {'id': 'scope-new-profile', 'name': 'profile'}],
    })
    results = config_engine.Run(new, ENV_ID, items, False, False, 4).run()
    assert not [result for result in results if result.action == 'failed']
    mapping = next(body for method, path, body in new.requests if (method, path) == ('POST', E + '/applications/app-new/attributes'))
    assert mapping['oidcScopes'] == ['scope-new-email', 'scope-new-profile']   # the new environment's ids
    writes = new.writes()
    assert writes.index(('POST', E + '/applications/app-new/grants')) < writes.index(('POST', E + '/applications/app-new/attributes'))
    assert describe(new, ENV_ID, kinds) == (config, [], needed)


def test_reduce_to_baseline_keeps_an_openid_scope_a_mappings_oidc_scopes_name():
    from ansible_collections.pingone.platform.plugins.module_utils.config_describe import reduce_to_baseline
    scopes = [{'name': name, 'parent': {'resource': 'openid'}, 'definition': {}, 'built_in': True} for name in ('email', 'profile')]
    baseline = {'resource': [{'name': 'openid', 'definition': {'type': 'OPENID_CONNECT'}, 'built_in': True}], 'resource_scope': scopes}
    config = dict(json.loads(json.dumps(baseline)), application_attribute_mapping=[
        {'name': 'department', 'parent': {'application': 'Portal'}, 'definition': {'value': '${user.title}', 'oidcScopes': ['email']}}])
    reduced = reduce_to_baseline(config, baseline)
    assert reduced['resource_scope'] == [scopes[0]]   # email is named; profile, as a new environment's, is left out
    assert reduced['application_attribute_mapping'] == config['application_attribute_mapping']
