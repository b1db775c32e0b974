# -*- coding: utf-8 -*-
# Copyright: (c) 2026, pingone.platform maintainers
# GNU General Public License v3.0+ (see LICENSE or https://www.gnu.org/licenses/gpl-3.0.txt)
"""config_engine: the whole description checked before any request, the order of the kinds, and a run (plan and apply)
against an environment in memory: references by name, check mode, an unchanged rerun, failures, lost answers, prune."""

from __future__ import annotations

import re

import pytest

from ansible_collections.pingone.platform.plugins.module_utils import bulk, config_engine, config_options
from ansible_collections.pingone.platform.plugins.module_utils.config_engine import ObjectResult, Run, check, levels, summarize
from ansible_collections.pingone.platform.plugins.module_utils.errors import (
    PingOneBadRequestError,
    PingOneConnectionError,
    PingOneInputError,
    PingOneServerError,
)
from ansible_collections.pingone.platform.tests.unit.fakes import ENV_ID, SECRET, FakePingOne

E = '/environments/%s' % ENV_ID
POLICIES = E + '/signOnPolicies'
RESOURCES = E + '/resources'
APPS = E + '/applications'
PORTAL_GRANTS = APPS + '/app-portal/grants'
OIDC = {'type': 'OPENID_CONNECT', 'enabled': True, 'clientId': 'corp-client', 'authorizationEndpoint': 'https://idp.example.com/authorize',
        'tokenEndpoint': 'https://idp.example.com/token', 'jwksEndpoint': 'https://idp.example.com/jwks', 'issuer': 'https://idp.example.com',
        'scopes': ['openid'], 'tokenEndpointAuthMethod': 'CLIENT_SECRET_BASIC'}
CLIENT_SECRET = {'kind': 'identity_provider', 'name': 'Corp IdP', 'path': 'clientSecret', 'value': SECRET}


def action(policy, priority=1, **definition):
    return {'parent': {'sign_on_policy': policy}, 'definition': dict({'priority': priority, 'type': 'LOGIN'}, **definition)}


def refused(config, secrets=None):
    """The refusal of ``check``: (its one sentence, without the frame every refusal has; the option it names)."""
    with pytest.raises(PingOneInputError) as info:
        check(config, secrets)
    match = re.match(r'^The description is not right: (.*)\. Nothing was read or written\.$', str(info.value))
    assert match, str(info.value)
    sentence = match.group(1)
    assert '. ' not in sentence, 'more than one sentence: %s' % sentence
    return sentence, info.value.option


# --- check: the description's shape -------------------------------------------------------------------------
@pytest.mark.parametrize('config, words', [
    ([{'sign_on_policy': []}], r'^it is a list, not a dictionary of kinds$'),
    ({'sign_on_policies': []}, r"^it has the key 'sign_on_policies', which is not a kind it can hold; use populations, .*\bsign_on_policy\b"),
    ({'schema': []}, r"^it has the key 'schema', which is not a kind"),   # PingOne's own kind: a parent only
    ({'sign_on_policy': {'name': 'Corp'}}, r'^sign_on_policy is a dict, not a list of items$'),
    ({'sign_on_policy': [{'name': 'Corp'}, 'Partners']}, r'^sign_on_policy\[1\] is a str, not a dictionary with name, parent, definition'),
    ({'sign_on_policy': [{'name': 'Corp', 'description': 'x'}]},
     r"^sign_on_policy\[0\] has the key 'description'; an item has name, parent, definition, built_in only \(PingOne's fields go in definition\)$"),
    ({'sign_on_policy': [{'name': 'Corp', 'definition': ['default']}]}, r'^sign_on_policy\[0\]\.definition is a list, not a dictionary'),
    ({'sign_on_policy': [{'name': 'Corp', 'built_in': 'yes'}]}, r"^sign_on_policy\[0\]\.built_in is 'yes', not true or false$"),
    ({'sign_on_policy': [{'definition': {'description': 'no name'}}]}, r'^sign_on_policy\[0\] has no name: a sign_on_policy is named by name$'),
    ({'sign_on_policy': [{'name': '  '}]}, r'^sign_on_policy\[0\] has no name'),
    ({'sign_on_policy': [{'name': 'Corp', 'definition': {'name': 'Corp'}}]}, r'^sign_on_policy\[0\] gives definition\.name: give the name once'),
    ({'sign_on_policy_action': [dict(action('Corp'), name='First')]},
     r'^sign_on_policy_action\[0\] has name, but a sign_on_policy_action is named by priority, given in definition$'),
    ({'sign_on_policy_action': [{'parent': {'sign_on_policy': 'Corp'}, 'definition': {'type': 'LOGIN'}}]},
     r'^sign_on_policy_action\[0\] has no definition\.priority, which names a sign_on_policy_action$'),
    ({'trusted_email_domain': [{'definition': {}}]}, r'^trusted_email_domain\[0\] has no definition\.domainName'),
    ({'sign_on_policy_action': [{'definition': {'priority': 1, 'type': 'LOGIN'}}]},
     r'^sign_on_policy_action\[0\] needs parent: \{sign_on_policy: <its name>\}, as a sign_on_policy_action lives under a sign_on_policy$'),
    ({'sign_on_policy_action': [dict(action('Corp'), parent='Corp')]}, r'^sign_on_policy_action\[0\] needs parent: \{sign_on_policy: <its name>\}'),
    ({'sign_on_policy_action': [dict(action('Corp'), parent={'resource': 'Corp'})]}, r'^sign_on_policy_action\[0\] needs parent'),
    ({'sign_on_policy_action': [dict(action('Corp'), parent={'sign_on_policy': ''})]}, r'^sign_on_policy_action\[0\] needs parent'),
    ({'sign_on_policy': [{'name': 'Corp', 'parent': {'resource': 'API'}}]}, r'^sign_on_policy\[0\] has parent, but a sign_on_policy has none$'),
    ({'identity_provider': [{'name': 'Corp IdP', 'definition': dict(OIDC, clientSecret=SECRET)}]},
     r'^identity_provider\[0\]\.definition\.clientSecret is a secret \(write-only\): give its value in secrets \(\{kind: identity_provider, '
     r'name: \.\.\., path: clientSecret, value: \.\.\.\}\), which is no_log$'),
    ({'sign_on_policy': [{'name': 'Corp', 'definition': {'colour': 'blue'}}]},
     r"^sign_on_policy\[0\]\.definition\.colour is not a field Ping's description knows here; the fields are default, description, name$"),
    ({'sign_on_policy_action': [action('Corp'), action('Corp', 2, type='PASSWORD')]},
     r'^sign_on_policy_action\[1\]\.definition\.type must be one of AGREEMENT, .*LOGIN, .*not \'PASSWORD\'$'),
    ({'sign_on_policy': [{'name': 'Corp', 'definition': {'default': 'no'}}]}, r'^sign_on_policy\[0\]\.definition\.default '),
    ({'sign_on_policy': [{'name': 'Corp', 'built_in': True}]}, None),   # PingOne's own by name: allowed
    ({'agreement': [{'name': 'Terms', 'built_in': True, 'definition': {'enabled': True}}]},
     r'^agreement\[0\] is marked built_in, but PingOne makes no agreement of its own$'),
])
def test_the_shape_of_the_description_is_checked_item_by_item(config, words):
    if words is None:
        assert check(config)['sign_on_policy'][0].built_in is True
        return
    sentence, option = refused(config)
    assert re.search(words, sentence), sentence
    assert option == 'config'


def test_nothing_described_is_nothing_to_do_and_the_option_named_kinds_are_left_to_their_own_check():
    assert check({}) == {}
    assert check({'populations': [{'name': 'Staff'}], 'groups': 'checked elsewhere', 'sign_on_policy': None}) == {}


def test_the_items_of_a_valid_description():
    items = check({'sign_on_policy': [{'name': 'Corp', 'definition': {'description': 'Staff'}}],
                   'sign_on_policy_action': [action('Corp', 2)], 'schema_attribute': [{'name': 'badge', 'definition': {'type': 'STRING'}}]})
    corp, = items['sign_on_policy']
    assert (corp.where, corp.name, corp.parent, corp.definition, corp.label) == ('sign_on_policy[0]', 'Corp', None, {'description': 'Staff'}, 'Corp')
    first, = items['sign_on_policy_action']
    assert (first.where, first.parent, first.key_label, first.label) == ('sign_on_policy_action[0]', 'Corp', '2', 'Corp/2')
    assert items['schema_attribute'][0].parent == 'User'   # a schema attribute belongs to the User schema unless told otherwise
    params = first.params()
    assert params == {'kind': 'sign_on_policy_action', 'name': None, 'parent': {'sign_on_policy': 'Corp'}, 'definition': first.definition,
                      'secrets': {}, 'state': 'present', 'validate': 'strict'}
    assert params['definition'] is not first.definition   # a task's changes never reach the description


# --- check: duplicates and references ---------------------------------------------------------------------------
def test_two_items_that_differ_only_in_case_are_refused():
    sentence, option = refused({'sign_on_policy': [{'name': 'Corp'}, {'name': 'Partners'}, {'name': 'CORP'}]})
    assert sentence == ("sign_on_policy[0] and sign_on_policy[2] both describe the sign_on_policy 'CORP' (PingOne compares names "
                        "ignoring case): give each once")
    assert option == 'config'


def test_children_of_two_parents_may_share_a_key_but_not_under_one_parent():
    config = {'sign_on_policy': [{'name': 'Corp'}, {'name': 'Partners'}],
              'sign_on_policy_action': [action('Corp'), action('Partners'), action('Corp', 2)]}
    assert [item.label for item in check(config)['sign_on_policy_action']] == ['Corp/1', 'Partners/1', 'Corp/2']
    config['sign_on_policy_action'].append(action('corp', 2))
    sentence, _option = refused(config)
    assert sentence.startswith("sign_on_policy_action[2] and sign_on_policy_action[3] both describe the sign_on_policy_action 'corp/2'")


def test_a_parent_named_but_not_described_is_refused_when_its_kind_is_described():
    sentence, option = refused({'sign_on_policy': [{'name': 'Corp'}], 'sign_on_policy_action': [action('Corp'), action('Partners')]})
    assert sentence == ("sign_on_policy_action[1].parent.sign_on_policy names the sign on policy 'Partners', which the description does "
                        "not describe: add it, or correct the name")
    assert option == 'config'


def test_a_reference_in_a_definition_to_an_object_not_described_is_refused_naming_its_path():
    config = {'mfa_device_policy': [{'name': 'Phones'}], 'sign_on_policy': [{'name': 'Corp'}],
              'sign_on_policy_action': [action('Corp', 1, type='MULTI_FACTOR_AUTHENTICATION', deviceAuthenticationPolicy={'name': 'Phones'}),
                                        action('Corp', 2, type='MULTI_FACTOR_AUTHENTICATION', deviceAuthenticationPolicy={'name': 'Tokens'})]}
    sentence, option = refused(config)
    assert sentence == ("sign_on_policy_action[1].definition.deviceAuthenticationPolicy.name names the mfa device policy 'Tokens', which "
                        "the description does not describe: add it, or correct the name")
    assert option == 'config'


def test_a_reference_to_an_option_named_kind_is_checked_against_its_names():
    config = {'populations': [{'name': 'Staff'}], 'sign_on_policy': [{'name': 'Corp'}],
              'sign_on_policy_action': [action('Corp', registration={'enabled': True, 'population': {'name': 'Staff'}})]}
    assert check(config)['sign_on_policy_action'][0].definition['registration']['population'] == {'name': 'Staff'}
    config['sign_on_policy_action'][0]['definition']['registration']['population'] = {'name': 'Partners'}
    sentence, _option = refused(config)
    assert sentence.startswith("sign_on_policy_action[0].definition.registration.population.name names the population 'Partners', which "
                               "the description does not describe")


def test_a_reference_is_not_refused_when_its_kind_is_not_described_or_for_a_built_in_name_or_by_id():
    # The kind is not described: the object must exist where the description is applied, found by name then.
    items = check({'sign_on_policy_action': [action('Corp', 1, type='MULTI_FACTOR_AUTHENTICATION',
                                                    deviceAuthenticationPolicy={'name': 'Tokens'})]})
    assert items['sign_on_policy_action'][0].parent == 'Corp'
    # PingOne's own policies are in every environment.
    items = check({'sign_on_policy': [{'name': 'Corp'}], 'sign_on_policy_action': [action('Single_Factor')],
                   'application_sign_on_policy_assignment': [{'parent': {'application': 'Portal'},
                                                              'definition': {'priority': 1, 'signOnPolicy': {'name': 'Multi_Factor'}}}]})
    assert items['application_sign_on_policy_assignment'][0].label == 'Portal/Multi_Factor'
    # By id: nothing to look up in the description.
    assert check({'mfa_device_policy': [{'name': 'Phones'}], 'sign_on_policy_action': [
        action('Corp', type='MULTI_FACTOR_AUTHENTICATION', deviceAuthenticationPolicy={'id': '0d0c4b8e-0000-4000-8000-000000000001'})]})


# --- check: secrets ---------------------------------------------------------------------------------------------
def oidc_provider(**extra):
    return {'identity_provider': [dict({'name': 'Corp IdP', 'definition': dict(OIDC)}, **extra)]}


def test_a_secret_is_attached_to_its_item_and_never_to_its_definition():
    provider, = check(oidc_provider(), [CLIENT_SECRET])['identity_provider']
    assert provider.secrets == {'clientSecret': SECRET}
    assert 'clientSecret' not in provider.definition
    assert provider.params()['secrets'] == {'clientSecret': SECRET}


def test_a_secret_the_create_body_requires_must_be_given():
    sentence, option = refused(oidc_provider(), [])
    assert sentence == ("identity_provider[0] (identity_provider 'Corp IdP') needs the secret clientSecret: add {kind: identity_provider, "
                        "name: 'Corp IdP', path: clientSecret, value: <from a vault variable>} to secrets")
    assert option == 'secrets'
    assert SECRET not in sentence


@pytest.mark.parametrize('secrets, words', [
    ([{'kind': 'identity_provider', 'name': 'Corp IdP', 'path': 'clientSecret'}], r'^secrets\[0\] needs kind, name, path and value$'),
    ([dict(CLIENT_SECRET, value=None)], r'^secrets\[0\] needs kind, name, path and value$'),
    (['clientSecret'], r'^secrets\[0\] needs kind, name, path and value$'),
    ([dict(CLIENT_SECRET, kind='gateway')], r"^secrets\[0\] \(gateway 'Corp IdP', clientSecret\): the description has no gateway items$"),
    ([dict(CLIENT_SECRET, kind='vault')], r"^secrets\[0\] \(vault 'Corp IdP', clientSecret\): the description has no vault items$"),
    ([dict(CLIENT_SECRET, path='clientId')],
     r"^secrets\[0\] \(identity_provider 'Corp IdP', clientId\): clientId is not a write-only field of a identity_provider; those are "
     r"appSecret, clientSecret, clientSecretSigningKey$"),
    ([dict(CLIENT_SECRET, name='Partner IdP')],
     r"^secrets\[0\] \(identity_provider 'Partner IdP', clientSecret\): the description has no identity_provider named 'Partner IdP' "
     r"\(items are named 'Corp IdP'\)$"),
    ([CLIENT_SECRET, dict(CLIENT_SECRET, value='another')],
     r"^secrets\[1\] \(identity_provider 'Corp IdP', clientSecret\) gives a value that an earlier item of secrets gives already$"),
])
def test_the_secrets_list_is_checked_item_by_item_naming_kind_name_and_path(secrets, words):
    sentence, option = refused(oidc_provider(), secrets)
    assert re.search(words, sentence), sentence
    assert option == 'secrets'
    assert SECRET not in sentence and 'another' not in sentence   # a value is never shown


# --- levels -------------------------------------------------------------------------------------------------------
def test_an_action_comes_after_its_policy_and_the_mfa_policy_it_names():
    assert levels(['sign_on_policy_action', 'sign_on_policy', 'mfa_device_policy'], []) == [
        ['sign_on_policy', 'mfa_device_policy'], ['sign_on_policy_action']]
    assert levels(['sign_on_policy_action'], []) == [['sign_on_policy_action']]   # what is not described is not waited for


def test_a_grant_comes_after_the_scopes_it_names_and_the_applications_phase():
    assert levels(['application_resource_grant', 'resource_scope', 'resource'], ['applications']) == [
        ['applications', 'resource'], ['resource_scope'], ['application_resource_grant']]
    assert levels(['application_resource_grant'], ['applications']) == [['applications'], ['application_resource_grant']]


def test_kinds_that_need_nothing_of_each_other_share_a_level():
    assert levels(['password_policy', 'agreement', 'trusted_email_domain', 'risk_predictor'], []) == [
        ['password_policy', 'agreement', 'trusted_email_domain', 'risk_predictor']]
    assert levels([], []) == []


def test_the_option_named_phases_in_their_order():
    phases = ['memberships', 'users', 'groups', 'populations', 'applications', 'role_assignments']
    assert levels([], phases) == [['populations', 'applications'], ['users', 'groups'], ['memberships', 'role_assignments']]
    assert levels([], ['memberships', 'groups']) == [['groups'], ['memberships']]


def test_a_registry_kind_waits_for_the_phase_of_an_option_named_kind_it_names():
    order = levels(['sign_on_policy_action', 'sign_on_policy', 'identity_provider'], ['populations', 'users'])
    assert order == [['populations', 'sign_on_policy'], ['users', 'identity_provider'], ['sign_on_policy_action']]


def test_every_kind_and_phase_is_placed_after_all_it_needs():
    phases = ['populations', 'groups', 'users', 'memberships', 'applications', 'role_assignments']
    order = levels(list(config_engine.GENERIC), phases)
    placed = {unit: number for number, level in enumerate(order) for unit in level}
    assert sorted(placed) == sorted(list(config_engine.GENERIC) + phases)
    from ansible_collections.pingone.platform.plugins.module_utils import registry
    for name in config_engine.GENERIC:
        for need in registry.depends_on(registry.get_kind(name)):
            need = config_engine.LEGACY_OF_KIND.get(need, need)
            if need in placed:
                assert placed[need] < placed[name], (need, name)


# --- a run against an environment in memory -------------------------------------------------------------------
def environment(**extra):
    """A new environment's own objects, an application made by hand, and ``extra`` (path -> objects)."""
    data = {
        POLICIES: [{'id': 'sop-single', 'name': 'Single_Factor', 'default': True}, {'id': 'sop-multi', 'name': 'Multi_Factor'}],
        POLICIES + '/sop-single/actions': [{'id': 'act-single', 'priority': 1, 'type': 'LOGIN'}],
        RESOURCES: [{'id': 'res-openid', 'name': 'openid', 'type': 'OPENID_CONNECT'}, {'id': 'res-api', 'name': 'PingOne API', 'type': 'PINGONE_API'}],
        RESOURCES + '/res-openid/scopes': [{'id': 'scope-openid', 'name': 'openid'}, {'id': 'scope-email', 'name': 'email'}],
        APPS: [{'id': 'app-portal', 'name': 'Portal', 'protocol': 'OPENID_CONNECT', 'type': 'WEB_APP'}],
        PORTAL_GRANTS: [],
    }
    data.update(extra)
    return data


def description():
    """A policy with an action, a resource with a scope, and the grant of that scope to the application Portal."""
    return {'sign_on_policy': [{'name': 'Corp', 'definition': {'description': 'Staff sign-on'}}],
            'sign_on_policy_action': [action('Corp')],
            'resource': [{'name': 'Orders', 'definition': {'audience': 'https://orders.example.com'}}],
            'resource_scope': [{'name': 'orders:read', 'parent': {'resource': 'Orders'}}],
            'application_resource_grant': [{'parent': {'application': 'Portal'},
                                            'definition': {'resource': {'name': 'Orders'}, 'scopes': [{'name': 'orders:read'}]}}]}


def run(client, config=None, secrets=None, prune=False, check_mode=False, concurrency=4):
    items = check(description() if config is None else config, secrets)
    return Run(client, ENV_ID, items, prune, check_mode, concurrency).run()


def actions(results):
    return {(result.kind, result.name): result.action for result in results}


def made_id(client, path, name):
    return next(obj['id'] for obj in client.data[path] if obj.get('name') == name)


def refuse_when(method, path, error):
    """A ``refuse`` for FakePingOne: every ``method`` to ``path`` (None: to any path) fails with ``error``, before PingOne applies it."""
    def refuse(sent_method, sent_path, _body):
        return error if sent_method == method and path in (None, sent_path) else None
    return refuse


def lose_first(method, path, error):
    """A ``lose`` for FakePingOne: the answer of the first ``method`` to ``path`` is lost (``error``), after PingOne applied it."""
    lost = []

    def lose(sent_method, sent_path, _body):
        if (sent_method, sent_path) == (method, path) and not lost:
            lost.append(sent_path)
            return error
        return None
    return lose


def test_an_apply_creates_in_order_and_references_by_name_find_what_the_run_made():
    client = FakePingOne(environment())
    results = run(client)
    assert actions(results) == {('sign_on_policy', 'Corp'): 'created', ('sign_on_policy_action', 'Corp/1'): 'created',
                                ('resource', 'Orders'): 'created', ('resource_scope', 'Orders/orders:read'): 'created',
                                ('application_resource_grant', 'Portal/Orders'): 'created'}
    corp, orders = made_id(client, POLICIES, 'Corp'), made_id(client, RESOURCES, 'Orders')
    scope = made_id(client, '%s/%s/scopes' % (RESOURCES, orders), 'orders:read')
    writes = client.writes()
    assert sorted(writes) == sorted([('POST', POLICIES), ('POST', '%s/%s/actions' % (POLICIES, corp)), ('POST', RESOURCES),
                                     ('POST', '%s/%s/scopes' % (RESOURCES, orders)), ('POST', PORTAL_GRANTS)])
    assert writes.index(('POST', POLICIES)) < writes.index(('POST', '%s/%s/actions' % (POLICIES, corp)))
    assert writes.index(('POST', RESOURCES)) < writes.index(('POST', '%s/%s/scopes' % (RESOURCES, orders))) < writes.index(('POST', PORTAL_GRANTS))
    grant_body = next(body for method, path, body in client.requests if (method, path) == ('POST', PORTAL_GRANTS))
    assert grant_body == {'resource': {'id': orders}, 'scopes': [{'id': scope}]}
    created = {result.name: result.id for result in results}
    assert created['Corp'] == corp and created['Orders'] == orders and created['Orders/orders:read'] == scope


def test_each_list_is_read_once_in_a_run():
    client = FakePingOne(environment())
    run(client)
    corp, orders = made_id(client, POLICIES, 'Corp'), made_id(client, RESOURCES, 'Orders')
    # Under a new object PingOne may make children of its own (a resource's sub attribute): its lists are read, once.
    assert client.reads() == {POLICIES: 1, POLICIES + '/%s/actions' % corp: 1, RESOURCES: 1, RESOURCES + '/%s/scopes' % orders: 1,
                              APPS: 1, PORTAL_GRANTS: 1}


def test_check_mode_writes_nothing_and_resolves_references_to_what_it_plans():
    client = FakePingOne(environment())
    results = run(client, check_mode=True)
    assert client.writes() == []
    assert set(actions(results).values()) == {'created'}
    # The planned resource's scopes and the planned policy's actions are known to be none: never read.
    assert not [path for path in client.reads() if config_engine.PLANNED in path]
    assert client.reads() == {POLICIES: 1, RESOURCES: 1, APPS: 1, PORTAL_GRANTS: 1}
    grant = next(result for result in results if result.kind == 'application_resource_grant')
    resource_id, scope_id = grant.diff['after']['resource']['id'], grant.diff['after']['scopes'][0]['id']
    assert resource_id.startswith(config_engine.PLANNED) and scope_id.startswith(config_engine.PLANNED) and resource_id != scope_id
    assert grant.diff['before'] == {} and set(grant.diff['after']) == {'resource', 'scopes'}
    summary, drift, failures, _diffs = summarize(results)
    assert failures == [] and summary['resource'] == {'created': 1, 'updated': 0, 'deleted': 0, 'unchanged': 0, 'failed': 0}
    assert drift['resource_scope'] == {'create': ['Orders/orders:read']}


def test_an_unchanged_rerun_writes_nothing_and_reads_each_list_once():
    client = FakePingOne(environment())
    run(client)
    client.requests.clear()
    results = run(client)
    assert set(actions(results).values()) == {'unchanged'} and len(results) == 5
    assert client.writes() == []
    corp, orders = made_id(client, POLICIES, 'Corp'), made_id(client, RESOURCES, 'Orders')
    assert client.reads() == {POLICIES: 1, POLICIES + '/%s/actions' % corp: 1, RESOURCES: 1, RESOURCES + '/%s/scopes' % orders: 1,
                              APPS: 1, PORTAL_GRANTS: 1}
    assert summarize(results)[1] == {}   # no drift


def test_a_changed_field_is_updated_and_shown_in_drift():
    client = FakePingOne(environment(**{POLICIES: [{'id': 'sop-corp', 'name': 'Corp', 'description': 'Old'}]}))
    config = {'sign_on_policy': [{'name': 'Corp', 'definition': {'description': 'Staff sign-on'}}]}
    results = run(client, config, check_mode=True)
    assert actions(results) == {('sign_on_policy', 'Corp'): 'updated'} and client.writes() == []
    assert summarize(results)[1] == {'sign_on_policy': {'update': {'Corp': {'description': {'before': 'Old', 'after': 'Staff sign-on'}}}}}
    results = run(client, config)
    assert client.writes() == [('PUT', POLICIES + '/sop-corp')]
    assert client.data[POLICIES] == [{'id': 'sop-corp', 'name': 'Corp', 'description': 'Staff sign-on'}]


def test_a_failed_parent_fails_its_children_unsent_and_the_other_kinds_go_on():
    client = FakePingOne(environment(), refuse=refuse_when('POST', POLICIES, PingOneBadRequestError('HTTP 400: name is taken.')))
    results = run(client)
    by_name = {result.name: result for result in results}
    assert by_name['Corp'].action == 'failed' and 'HTTP 400' in by_name['Corp'].msg
    assert by_name['Corp/1'].action == 'failed'
    assert by_name['Corp/1'].msg == "Not sent: it needs the sign on policy 'Corp', which could not be written."
    assert [result.action for result in results if result.kind.startswith(('resource', 'application'))] == ['created'] * 3
    assert ('POST', RESOURCES) in client.writes() and not [path for _method, path in client.writes() if '/actions' in path]
    failures = summarize(results)[2]
    assert [(failure['kind'], failure['name']) for failure in failures] == [('sign_on_policy', 'Corp'), ('sign_on_policy_action', 'Corp/1')]


def test_an_object_that_names_one_that_failed_is_not_sent():
    client = FakePingOne(environment(), refuse=refuse_when('POST', RESOURCES, PingOneBadRequestError('refused')))
    results = {result.name: result for result in run(client)}
    assert results['Orders/orders:read'].msg == "Not sent: it needs the resource 'Orders', which could not be written."
    assert results['Portal/Orders'].msg == "Not sent: it needs the resource 'Orders', which could not be written."
    assert results['Corp/1'].action == 'created'


@pytest.mark.parametrize('error', [PingOneServerError('POST failed with HTTP 502.'), PingOneConnectionError('The connection was reset.')])
def test_a_lost_answer_is_followed_by_a_fresh_read_and_no_second_write(error):
    client = FakePingOne(environment(), lose=lose_first('POST', RESOURCES, error))
    results = run(client)
    assert actions(results)[('resource', 'Orders')] == 'created'
    assert client.writes().count(('POST', RESOURCES)) == 1
    assert client.reads()[RESOURCES] == 2 and len(client.waits) == 1
    assert [obj['name'] for obj in client.data[RESOURCES]] == ['openid', 'PingOne API', 'Orders']
    orders = made_id(client, RESOURCES, 'Orders')
    assert ('POST', '%s/%s/scopes' % (RESOURCES, orders)) in client.writes()   # its children found it
    assert set(actions(results).values()) == {'created'}


def test_answers_lost_every_time_fail_the_object_after_the_last_try():
    client = FakePingOne(environment(), refuse=refuse_when('POST', RESOURCES, PingOneServerError('HTTP 503')))
    results = {result.name: result for result in run(client)}
    assert results['Orders'].action == 'failed' and results['Orders'].msg == 'HTTP 503'
    assert client.writes().count(('POST', RESOURCES)) == bulk.CONVERGE_ATTEMPTS
    assert results['Orders/orders:read'].msg.startswith('Not sent')


def test_a_lost_answer_to_an_update_reports_the_update():
    client = FakePingOne(environment(**{POLICIES: [{'id': 'sop-corp', 'name': 'Corp', 'description': 'Old'}]}),
                         lose=lose_first('PUT', POLICIES + '/sop-corp', PingOneServerError('HTTP 504')))
    results = run(client, {'sign_on_policy': [{'name': 'Corp', 'definition': {'description': 'New'}}]})
    assert client.writes() == [('PUT', POLICIES + '/sop-corp')] and client.data[POLICIES][0]['description'] == 'New'
    assert actions(results) == {('sign_on_policy', 'Corp'): 'updated'}


def test_a_read_that_failed_then_found_the_object_unchanged_is_no_change():
    client = FakePingOne(environment(**{POLICIES: [{'id': 'sop-corp', 'name': 'Corp', 'description': 'Staff'}]}))
    reads = []
    paginate = client.paginate

    def flaky(path, query=None):
        reads.append(path)
        if len(reads) == 1:
            raise PingOneServerError('GET %s failed with HTTP 503.' % path)
        return paginate(path, query)
    client.paginate = flaky
    results = run(client, {'sign_on_policy': [{'name': 'Corp', 'definition': {'description': 'Staff'}}]})
    assert client.writes() == [] and reads == [POLICIES, POLICIES]
    assert actions(results) == {('sign_on_policy', 'Corp'): 'unchanged'}


# --- prune --------------------------------------------------------------------------------------------------------
def pruned_environment():
    corp_actions = POLICIES + '/sop-corp/actions'
    return environment(**{
        POLICIES: [{'id': 'sop-single', 'name': 'Single_Factor'}, {'id': 'sop-multi', 'name': 'Multi_Factor'},
                   {'id': 'sop-default', 'name': 'Everyone', 'default': True}, {'id': 'sop-corp', 'name': 'Corp', 'description': 'Staff sign-on'},
                   {'id': 'sop-old', 'name': 'Old'}],
        corp_actions: [{'id': 'act-1', 'priority': 1, 'type': 'LOGIN'}, {'id': 'act-2', 'priority': 2, 'type': 'MULTI_FACTOR_AUTHENTICATION'}],
        POLICIES + '/sop-old/actions': [{'id': 'act-old', 'priority': 1, 'type': 'LOGIN'}],
        RESOURCES: environment()[RESOURCES] + [{'id': 'res-orders', 'name': 'Orders', 'type': 'CUSTOM', 'audience': 'https://orders.example.com'},
                                               {'id': 'res-legacy', 'name': 'Legacy API', 'type': 'CUSTOM'}],
        RESOURCES + '/res-orders/scopes': [{'id': 'scope-read', 'name': 'orders:read'}, {'id': 'scope-write', 'name': 'orders:write'}],
        E + '/passwordPolicies': [{'id': 'pw-custom', 'name': 'Custom'}],   # a kind the description does not describe
    })


def pruned_description():
    config = description()
    del config['application_resource_grant']
    return config


def test_prune_deletes_exactly_what_the_described_kinds_do_not_list_and_never_pingones_own_or_a_default():
    client = FakePingOne(pruned_environment())
    results = run(client, pruned_description(), prune=True)
    deletes = sorted(path for method, path in client.writes() if method == 'DELETE')
    assert deletes == sorted([POLICIES + '/sop-old', POLICIES + '/sop-corp/actions/act-2', RESOURCES + '/res-legacy',
                              RESOURCES + '/res-orders/scopes/scope-write'])
    assert [method for method, _path in client.writes()] == ['DELETE'] * 4   # the rest was there already
    deleted = sorted((result.kind, result.name) for result in results if result.action == 'deleted')
    # A child is named after its parent, as the objects of the description are.
    assert deleted == [('resource', 'Legacy API'), ('resource_scope', 'Orders/orders:write'), ('sign_on_policy', 'Old'),
                       ('sign_on_policy_action', 'Corp/2')]
    # Children first, then their parents.
    writes = client.writes()
    assert writes.index(('DELETE', POLICIES + '/sop-corp/actions/act-2')) < writes.index(('DELETE', POLICIES + '/sop-old'))
    assert writes.index(('DELETE', RESOURCES + '/res-orders/scopes/scope-write')) < writes.index(('DELETE', RESOURCES + '/res-legacy'))
    assert {obj['name'] for obj in client.data[POLICIES]} == {'Single_Factor', 'Multi_Factor', 'Everyone', 'Corp'}
    assert client.data[E + '/passwordPolicies'] == [{'id': 'pw-custom', 'name': 'Custom'}]


def test_prune_in_check_mode_deletes_nothing_and_shows_what_it_would():
    client = FakePingOne(pruned_environment())
    results = run(client, pruned_description(), prune=True, check_mode=True)
    assert client.writes() == []
    summary, drift, _failures, diffs = summarize(results)
    assert summary['sign_on_policy'] == {'created': 0, 'updated': 0, 'deleted': 1, 'unchanged': 1, 'failed': 0}
    assert drift['sign_on_policy'] == {'delete': ['Old']} and drift['resource'] == {'delete': ['Legacy API']}
    assert {'before_header': 'sign_on_policy Old', 'after_header': 'sign_on_policy Old', 'before': {'id': 'sop-old', 'name': 'Old'},
            'after': {}} in diffs


def test_without_prune_nothing_is_deleted():
    client = FakePingOne(pruned_environment())
    run(client, pruned_description())
    assert client.writes() == []


def test_a_delete_pingone_refuses_is_a_failure_of_that_object():
    client = FakePingOne(pruned_environment(), refuse=refuse_when('DELETE', POLICIES + '/sop-old', PingOneBadRequestError('HTTP 400: in use.')))
    results = {(result.kind, result.name): result for result in run(client, pruned_description(), prune=True)}
    assert results[('sign_on_policy', 'Old')].action == 'failed' and 'in use' in results[('sign_on_policy', 'Old')].msg
    assert results[('resource', 'Legacy API')].action == 'deleted'


def test_prune_keeps_an_object_of_the_description_whose_update_failed():
    client = FakePingOne(pruned_environment(), refuse=refuse_when('PUT', None, PingOneBadRequestError('HTTP 400')))
    config = pruned_description()
    config['sign_on_policy'][0]['definition']['description'] = 'Changed'
    results = {(result.kind, result.name): result for result in run(client, config, prune=True)}
    assert results[('sign_on_policy', 'Corp')].action == 'failed'
    assert results[('sign_on_policy_action', 'Corp/1')].msg.startswith('Not sent')
    deletes = sorted(path for method, path in client.writes() if method == 'DELETE')
    # Corp and its action 1 are in the description: neither is deleted; what is not described still is.
    assert POLICIES + '/sop-corp' not in deletes and POLICIES + '/sop-corp/actions/act-1' not in deletes
    assert POLICIES + '/sop-old' in deletes and RESOURCES + '/res-legacy' in deletes


def test_prune_keeps_every_object_that_may_be_a_failed_one_whose_key_is_a_reference():
    grants = [{'id': 'grant-orders', 'resource': {'id': 'res-orders'}, 'scopes': [{'id': 'scope-write'}]},
              {'id': 'grant-legacy', 'resource': {'id': 'res-legacy'}, 'scopes': []}]
    client = FakePingOne(dict(pruned_environment(), **{PORTAL_GRANTS: grants}), refuse=refuse_when('PUT', None, PingOneBadRequestError('HTTP 400')))
    config = pruned_description()
    config['application_resource_grant'] = [{'parent': {'application': 'Portal'}, 'definition': {
        'resource': {'name': 'Orders'}, 'scopes': [{'name': 'orders:read'}]}}]
    results = {(result.kind, result.name): result for result in run(client, config, prune=True)}
    assert results[('application_resource_grant', 'Portal/Orders')].action == 'failed'
    # The grant is named by its resource's id: which of Portal's grants is the failed one is not known, so none is deleted.
    assert not [path for method, path in client.writes() if method == 'DELETE' and path.startswith(PORTAL_GRANTS)]
    assert ('DELETE', RESOURCES + '/res-legacy') in client.writes()


# --- summarize ----------------------------------------------------------------------------------------------------
def test_summarize_counts_per_kind_lists_drift_failures_and_diffs():
    results = [
        ObjectResult('sign_on_policy', 'Corp', 'created', diff={'before': {}, 'after': {'name': 'Corp'}}, id='new-1'),
        ObjectResult('sign_on_policy', 'Partners', 'updated',
                     diff={'before': {'description': 'Old', 'default': False}, 'after': {'description': 'New', 'default': False}}),
        ObjectResult('sign_on_policy', 'Single_Factor', 'unchanged'),
        ObjectResult('sign_on_policy', 'Old', 'deleted', diff={'before': {'name': 'Old'}, 'after': {}}),
        ObjectResult('identity_provider', 'Corp IdP', 'updated', diff={'before': {'clientId': 'a'},
                                                                       'after': {'clientId': 'b', 'clientSecret': 'VALUE_SPECIFIED_IN_NO_LOG_PARAMETER'}}),
        ObjectResult('sign_on_policy_action', 'Corp/1', 'failed', msg='Not sent: it needs the sign on policy \'Corp\'.'),
    ]
    summary, drift, failures, diffs = summarize(results)
    assert summary == {'sign_on_policy': {'created': 1, 'updated': 1, 'deleted': 1, 'unchanged': 1, 'failed': 0},
                       'identity_provider': {'created': 0, 'updated': 1, 'deleted': 0, 'unchanged': 0, 'failed': 0},
                       'sign_on_policy_action': {'created': 0, 'updated': 0, 'deleted': 0, 'unchanged': 0, 'failed': 1}}
    assert drift == {'sign_on_policy': {'create': ['Corp'], 'update': {'Partners': {'description': {'before': 'Old', 'after': 'New'}}},
                                        'delete': ['Old']},
                     'identity_provider': {'update': {'Corp IdP': {'clientId': {'before': 'a', 'after': 'b'},
                                                                   'clientSecret': {'before': None,
                                                                                    'after': 'VALUE_SPECIFIED_IN_NO_LOG_PARAMETER'}}}}}
    assert failures == [{'kind': 'sign_on_policy_action', 'name': 'Corp/1', 'msg': "Not sent: it needs the sign on policy 'Corp'."}]
    assert [diff['before_header'] for diff in diffs] == ['sign_on_policy Corp', 'sign_on_policy Partners', 'sign_on_policy Old',
                                                         'identity_provider Corp IdP']
    assert diffs[0] == {'before_header': 'sign_on_policy Corp', 'after_header': 'sign_on_policy Corp', 'before': {}, 'after': {'name': 'Corp'}}
    assert summarize([]) == ({}, {}, [], [])


def test_a_child_whose_parents_list_cannot_be_read_twice_in_a_row_is_tried_again():
    client = FakePingOne(environment())
    failures = []
    paginate = client.paginate

    def flaky(path, query=None):
        if path == POLICIES and len(failures) < 2:
            failures.append(path)
            raise PingOneServerError('GET %s failed with HTTP 503.' % path)
        return paginate(path, query)
    client.paginate = flaky
    results = run(client, {'sign_on_policy_action': [action('Single_Factor', 2)]})
    assert actions(results) == {('sign_on_policy_action', 'Single_Factor/2'): 'created'}
    assert client.writes() == [('POST', POLICIES + '/sop-single/actions')] and len(failures) == 2


def test_a_singleton_is_updated_where_it_is_and_never_pruned():
    settings = E + '/brandingSettings'
    client = FakePingOne({settings: {'companyName': 'Old', 'logo': {'id': 'logo-1', 'href': 'https://cdn.example.com/logo.png'}}})
    config = {'branding_settings': [{'definition': {'companyName': 'Example Corp'}}]}
    results = run(client, config, prune=True, check_mode=True)
    assert actions(results) == {('branding_settings', 'branding_settings'): 'updated'} and client.writes() == []
    results = run(client, config, prune=True)
    assert actions(results) == {('branding_settings', 'branding_settings'): 'updated'}
    assert client.writes() == [('PUT', settings)] and client.data[settings]['companyName'] == 'Example Corp'
    assert client.data[settings]['logo'] == {'id': 'logo-1', 'href': 'https://cdn.example.com/logo.png'}   # a full PUT keeps the rest


def test_a_phase_with_deletions_only_runs_in_the_prune_after_the_registry_kinds_that_name_its_objects():
    """The option-named kinds' prune phases have their place in the order even when their create phase has nothing to do:
    a prune of applications (its phase has no creates) runs, and after the prune of what lives under an application."""
    calls = []

    def phase(name):
        return lambda: calls.append(name) or [ObjectResult(name, 'x', 'deleted')]

    client = FakePingOne(environment())
    results = Run(client, ENV_ID, {}, True, False, 1, legacy={}, legacy_prune={'applications': phase('prune.applications'),
                                                                               'role_assignments': phase('prune.role_assignments')}).run()
    assert sorted(calls) == ['prune.applications', 'prune.role_assignments']
    assert calls.index('prune.role_assignments') < calls.index('prune.applications')   # what names an application goes first
    assert [result.action for result in results] == ['deleted', 'deleted']


# --- an attribute mapping's oidcScopes: a list of the openid resource's scopes, by name ---------------------------------
OPENID_SCOPES = RESOURCES + '/res-openid/scopes'
PORTAL_MAPPINGS = APPS + '/app-portal/attributes'


def with_mapping(scopes, granted=None, **extra):
    """A grant of the openid resource's scopes ``granted`` (default ``scopes``) to Portal, and a mapping available in ``scopes``
    only (and ``extra`` kinds)."""
    grant = {'resource': {'name': 'openid'}, 'scopes': [{'name': scope} for scope in (scopes if granted is None else granted)]}
    return dict({'application_resource_grant': [{'parent': {'application': 'Portal'}, 'definition': grant}],
                 'application_attribute_mapping': [{'name': 'department', 'parent': {'application': 'Portal'},
                                                    'definition': {'value': '${user.title}', 'required': False, 'oidcScopes': list(scopes)}}]},
                **extra)


OPENID_ORDERS = [{'name': 'orders', 'parent': {'resource': 'openid'}}]   # a scope of the openid resource of the description's own


def test_oidc_scopes_named_by_an_openid_scope_the_description_does_not_describe_are_refused_naming_the_item():
    assert check(with_mapping(['email', 'orders'], resource_scope=OPENID_ORDERS))
    # PingOne's own scopes (profile, email...) are in every environment; without resource_scope items nothing is looked up.
    assert check(with_mapping(['profile', 'ordres']))
    sentence, option = refused(with_mapping(['email', 'ordres'], ['email'], resource_scope=OPENID_ORDERS))
    assert sentence == ("application_attribute_mapping[0].definition.oidcScopes[1] names the resource scope 'ordres' of the resource "
                        "'openid', which the description does not describe: add it, or correct the name")
    assert option == 'config'
    # orders:read is a scope of another resource, not one of openid's
    sentence, _option = refused(with_mapping(['orders:read'], [], resource_scope=description()['resource_scope'] + OPENID_ORDERS))
    assert sentence.startswith("application_attribute_mapping[0].definition.oidcScopes[0] names the resource scope 'orders:read' of the "
                               "resource 'openid'")


def test_an_attribute_mapping_comes_after_the_grants_of_its_application():
    assert levels(['application_attribute_mapping', 'application_resource_grant'], ['applications']) == [
        ['applications'], ['application_resource_grant'], ['application_attribute_mapping']]
    assert levels(['application_attribute_mapping', 'resource_scope', 'resource'], []) == [
        ['resource'], ['resource_scope'], ['application_attribute_mapping']]


def test_oidc_scopes_by_name_are_written_as_the_openid_scope_ids_after_the_grant_and_an_unchanged_rerun_reads_each_list_once():
    client = FakePingOne(environment())
    results = run(client, with_mapping(['email']))
    assert actions(results)[('application_attribute_mapping', 'Portal/department')] == 'created'
    body = next(body for method, path, body in client.requests if (method, path) == ('POST', PORTAL_MAPPINGS))
    assert body == {'name': 'department', 'value': '${user.title}', 'required': False, 'oidcScopes': ['scope-email']}
    writes = client.writes()
    assert writes.index(('POST', PORTAL_GRANTS)) < writes.index(('POST', PORTAL_MAPPINGS))
    assert client.reads()[OPENID_SCOPES] == 1   # the grant's scopes and the mapping's: one read

    client.requests.clear()
    again = run(client, with_mapping(['email']))
    assert set(actions(again).values()) == {'unchanged'} and client.writes() == []
    assert set(client.reads().values()) == {1} and OPENID_SCOPES in client.reads()


def test_check_mode_plans_oidc_scopes_with_the_ids_of_what_it_plans():
    client = FakePingOne(environment())
    results = run(client, with_mapping(['email', 'orders'], resource_scope=OPENID_ORDERS), check_mode=True)
    assert client.writes() == []
    mapping = next(result for result in results if result.kind == 'application_attribute_mapping')
    email, planned = mapping.diff['after']['oidcScopes']
    assert email == 'scope-email' and planned.startswith(config_engine.PLANNED)
    assert client.reads()[OPENID_SCOPES] == 1


def test_an_oidc_scope_the_environment_does_not_have_fails_its_mapping_before_it_is_sent():
    client = FakePingOne(environment())
    results = {result.name: result for result in run(client, with_mapping(['email', 'ordres'], ['email']))}
    failed = results['Portal/department']
    assert failed.action == 'failed' and 'definition.oidcScopes[1]' in failed.msg and "'ordres'" in failed.msg, failed.msg
    assert client.writes() == [('POST', PORTAL_GRANTS)] and results['Portal/openid'].action == 'created'


def test_a_mapping_that_names_an_openid_scope_that_failed_is_not_sent():
    client = FakePingOne(environment(), refuse=refuse_when('POST', OPENID_SCOPES, PingOneBadRequestError('refused')))
    results = {result.name: result for result in run(client, with_mapping(['orders'], resource_scope=OPENID_ORDERS))}
    assert results['Portal/department'].msg == "Not sent: it needs the resource scope 'orders', which could not be written."
    assert client.writes() == [('POST', OPENID_SCOPES)]


def test_an_items_create_defaults_are_sent_when_it_is_made_never_when_it_is_updated():
    portal_mappings = APPS + '/app-portal/attributes'
    client = FakePingOne(environment(**{portal_mappings: [{'id': 'map-dept', 'name': 'dept', 'value': '${user.title}', 'required': True}]}))
    config = {'application_attribute_mapping': [
        {'name': 'dept', 'parent': {'application': 'Portal'}, 'definition': {'value': '${user.department}'}},
        {'name': 'team', 'parent': {'application': 'Portal'}, 'definition': {'value': '${user.team}'}}]}
    origins = {('application_attribute_mapping', index): config_engine.Origin('applications[0].attribute_mappings[%d]' % index, {},
                                                                              {'required': False}) for index in (0, 1)}
    results = Run(client, ENV_ID, check(config, [], origins), False, False, 4).run()
    assert actions(results) == {('application_attribute_mapping', 'Portal/dept'): 'updated',
                                ('application_attribute_mapping', 'Portal/team'): 'created'}
    bodies = {method: body for method, path, body in client.requests if path.startswith(portal_mappings) and method != 'GET'}
    assert bodies['POST'] == {'name': 'team', 'value': '${user.team}', 'required': False}
    assert bodies['PUT']['required'] is True and bodies['PUT']['value'] == '${user.department}'


def test_a_pruned_grant_is_named_by_its_resources_name_never_by_an_id_and_check_mode_never_deletes_what_it_plans():
    client = FakePingOne(environment(**{PORTAL_GRANTS: [{'id': 'grant-openid', 'resource': {'id': 'res-openid'},
                                                         'scopes': [{'id': 'scope-email'}]}]}))
    results = run(client, prune=True, check_mode=True)
    assert ('application_resource_grant', 'Portal/openid', 'deleted') in [(result.kind, result.name, result.action) for result in results]
    assert summarize(results)[1]['application_resource_grant'] == {'create': ['Portal/Orders'], 'delete': ['Portal/openid']}
    # What check mode plans to make is never planned for deletion as well.
    assert [(result.kind, result.name) for result in results if result.action == 'deleted'] == [('application_resource_grant', 'Portal/openid')]


# --- prune under a parent whose list option is given empty ------------------------------------------------------------
PORTAL_MAPPINGS_ALL = [{'id': 'map-sub', 'name': 'sub', 'value': '${user.id}', 'required': True, 'mappingType': 'CORE'},
                       {'id': 'map-dept', 'name': 'dept', 'value': '${user.title}', 'required': False, 'mappingType': 'CUSTOM'}]


def claimed_environment():
    """Orders with two scopes, Legacy API with one, Portal with a grant, PingOne's sub mapping and one of its own."""
    return dict(pruned_environment(), **{
        RESOURCES + '/res-legacy/scopes': [{'id': 'scope-legacy', 'name': 'legacy:read'}],
        PORTAL_GRANTS: [{'id': 'grant-orders', 'resource': {'id': 'res-orders'}, 'scopes': [{'id': 'scope-read'}]}],
        PORTAL_MAPPINGS: PORTAL_MAPPINGS_ALL})


def empty_lists(**options):
    """Orders with ``scopes: []``, Legacy API without the option, Portal with ``resource_grants: []`` and ``attribute_mappings: []``
    (``options``: those options of Orders and Portal instead)."""
    lists = dict({'scopes': [], 'resource_grants': [], 'attribute_mappings': []}, **options)
    orders = {'name': 'Orders', 'audience': 'https://orders.example.com'}
    portal = {'name': 'Portal', 'type': 'WEB_APP'}
    for option, value in lists.items():
        target = orders if option == 'scopes' else portal
        if value != 'absent':
            target[option] = value
    return {'resource': [orders, {'name': 'Legacy API'}], 'applications': [portal]}


def run_claiming(client, config, prune=True, check_mode=False):
    """A run as pingone_environment_config makes it: option items expanded, the parents their list options claim given to Run."""
    fields, origins = config_options.expand(config)
    claimed = config_options.claimed_parents(config)
    return Run(client, ENV_ID, check(fields, [], origins), prune, check_mode, 4, claimed=claimed).run()


def test_with_prune_an_empty_list_option_deletes_that_parents_children_of_its_kind_never_pingones_own():
    client = FakePingOne(claimed_environment())
    results = run_claiming(client, empty_lists())
    deletes = sorted(path for method, path in client.writes() if method == 'DELETE')
    assert deletes == sorted([RESOURCES + '/res-orders/scopes/scope-read', RESOURCES + '/res-orders/scopes/scope-write',
                              PORTAL_GRANTS + '/grant-orders', PORTAL_MAPPINGS + '/map-dept'])
    assert [method for method, _path in client.writes()] == ['DELETE'] * 4
    assert sorted((result.kind, result.name) for result in results if result.action == 'deleted') == [
        ('application_attribute_mapping', 'Portal/dept'), ('application_resource_grant', 'Portal/Orders'),
        ('resource_scope', 'Orders/orders:read'), ('resource_scope', 'Orders/orders:write')]
    # sub is PingOne's own (pingone_application with attribute_mappings: [] keeps it too); Legacy API gave no scopes option
    assert client.data[PORTAL_MAPPINGS] == PORTAL_MAPPINGS_ALL[:1]
    assert client.data[RESOURCES + '/res-legacy/scopes'] == [{'id': 'scope-legacy', 'name': 'legacy:read'}]
    # the grant went before the scope it names
    writes = client.writes()
    assert writes.index(('DELETE', PORTAL_GRANTS + '/grant-orders')) < writes.index(('DELETE', RESOURCES + '/res-orders/scopes/scope-read'))

    client.requests.clear()
    again = run_claiming(client, empty_lists())
    assert client.writes() == [] and not [result for result in again if result.action != 'unchanged']


def test_in_check_mode_an_empty_list_option_lists_the_deletions_and_writes_nothing():
    client = FakePingOne(claimed_environment())
    config = empty_lists()
    config['resource'].append({'name': 'New API', 'scopes': []})   # planned: nothing under it to delete, nothing of it read
    results = run_claiming(client, config, check_mode=True)
    assert client.writes() == []
    drift = summarize(results)[1]
    assert drift['resource_scope'] == {'delete': ['Orders/orders:read', 'Orders/orders:write']}
    assert drift['application_resource_grant'] == {'delete': ['Portal/Orders']}
    assert drift['application_attribute_mapping'] == {'delete': ['Portal/dept']}
    assert drift['resource'] == {'create': ['New API']}
    assert not [path for path in client.reads() if path.startswith(RESOURCES + '/' + config_engine.PLANNED)]


@pytest.mark.parametrize('options', [{'scopes': 'absent', 'resource_grants': 'absent', 'attribute_mappings': 'absent'},
                                     {'scopes': None, 'resource_grants': None, 'attribute_mappings': None}])
def test_with_prune_a_list_option_not_given_leaves_that_parents_children_alone(options):
    client = FakePingOne(claimed_environment())
    results = run_claiming(client, empty_lists(**options))
    assert client.writes() == [] and not [result for result in results if result.action == 'deleted']


def test_without_prune_an_empty_list_option_deletes_nothing():
    client = FakePingOne(claimed_environment())
    run_claiming(client, empty_lists(), prune=False)
    assert client.writes() == []


def test_a_listed_child_of_a_claimed_parent_is_kept():
    client = FakePingOne(claimed_environment())
    run_claiming(client, empty_lists(scopes=[{'name': 'orders:read'}], attribute_mappings=[{'name': 'dept', 'value': '${user.title}'}]))
    deletes = sorted(path for method, path in client.writes() if method == 'DELETE')
    assert deletes == sorted([RESOURCES + '/res-orders/scopes/scope-write', PORTAL_GRANTS + '/grant-orders'])
