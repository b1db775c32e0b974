# -*- coding: utf-8 -*-
# Copyright: (c) 2026, pingone.platform maintainers
# GNU General Public License v3.0+ (see LICENSE or https://www.gnu.org/licenses/gpl-3.0.txt)
"""pingone_object through real ansible-playbook against the simulator's description-driven store, one
parametrised playbook (object_family.yml) per family of kinds rather than one per kind, to keep the
runtime small. For each family, in order:

- create (with --diff: secrets only as the marker), PingOne's own objects adopted (a PUT, never a POST);
- a second run: changed=false everywhere and no write sent (the simulator counts the requests);
- check mode with one field changed: changed, the diff shows it, nothing written;
- that update for real: exactly one PUT or PATCH of that object;
- absent (in reverse order; a second absent unchanged), and PingOne's own objects refused with no write;
- a bad definition refused naming the field, with no request at all.

References and parents are given by name (a scope under {resource: Orders API}, a grant naming its
resource and scopes). Every request body is checked against Ping's descriptions (conftest,
request_schemas.py), and every run is at -vvvv and scanned for leaks, the secrets given in
pingone_object's secrets option included (ALL_SECRET_FORMS, every form), and every write-only value the store
holds. Also: docs/examples/any_object.yml checked, run, and run again unchanged; pingone_object_info over PingOne's
own objects of the store's kinds.
"""

from __future__ import annotations

import copy
import json
import os

import pytest

from conftest import HOOK_SECRET, IDP_SECRET  # pylint: disable=import-error

from pingone_simulator import SANDBOX_ENV_ID  # pylint: disable=import-error
from calls import api_requests, writes  # pylint: disable=import-error

ENV = SANDBOX_ENV_ID
EXAMPLES = os.path.join(os.path.dirname(os.path.dirname(os.path.dirname(os.path.abspath(__file__)))), 'docs', 'examples')
MARKER = '(set by this task)'

APPLICATION = {'kind': 'application', 'name': 'Orders portal', 'definition': {
    'protocol': 'OPENID_CONNECT', 'type': 'WEB_APP', 'enabled': True, 'grantTypes': ['AUTHORIZATION_CODE'],
    'responseTypes': ['CODE'], 'redirectUris': ['https://orders.example.com/callback'], 'tokenEndpointAuthMethod': 'CLIENT_SECRET_BASIC'}}
COOL_DOWN = {'count': 3, 'coolDown': {'duration': 2, 'timeUnit': 'MINUTES'}}
OTP = {'failure': COOL_DOWN, 'lifeTime': {'duration': 5, 'timeUnit': 'MINUTES'}}


def absent(options):
    """The options that delete what ``options`` describes: the key, parent and references, no other field."""
    gone = {key: value for key, value in options.items() if key in ('kind', 'name', 'parent')}
    definition = options.get('definition') or {}
    keys = ('name', 'priority', 'locale', 'deliveryMethod', 'variant', 'domainName', 'usageType', 'compactName', 'resource', 'signOnPolicy')
    kept = {key: definition[key] for key in keys if key in definition}
    if 'name' in (definition.get('configuration') or {}):   # a branding theme's name
        kept['configuration'] = {'name': definition['configuration']['name']}
    if kept:
        gone['definition'] = kept
    gone['state'] = 'absent'
    return gone


# Each family: ``objects`` (created in order; ``adopted``: indexes of PingOne's own objects, updated with a PUT or PATCH;
# ``cascade``: indexes deleted with their parent, not on their own),
# ``secrets`` (index -> the secrets option), ``update`` (index, the changed fields, the method), ``gone`` (deleted in
# order: the objects of one's own), ``refused`` (PingOne's own objects: state absent refused, nothing written), ``bad``
# (a definition refused before any request, and the words of the refusal).
FAMILIES = {
    'password policies': dict(
        objects=[
            {'kind': 'password_policy', 'name': 'Contractors', 'definition': {
                'description': 'Contractors change passwords often', 'excludesCommonlyUsed': True, 'excludesProfileData': True,
                'notSimilarToCurrent': True, 'length': {'min': 10, 'max': 255}, 'default': False}},
            # Adopting the built-in Standard policy: found by name, updated with a PUT, never created.
            {'kind': 'password_policy', 'name': 'Standard', 'definition': {'length': {'min': 12, 'max': 255}}},
        ],
        adopted={1},
        update=(0, {'length': {'min': 14, 'max': 255}}, 'PUT'),
        refused=[{'kind': 'password_policy', 'name': 'Standard', 'state': 'absent'}],
        bad=({'kind': 'password_policy', 'name': 'Contractors', 'definition': {'length': {'min': 'ten'}}}, 'definition.length.min'),
    ),
    'MFA device policies': dict(
        objects=[
            {'kind': 'mfa_device_policy', 'name': 'Contractors MFA', 'definition': {
                'default': False, 'sms': {'enabled': False, 'otp': OTP}, 'voice': {'enabled': False, 'otp': OTP},
                'email': {'enabled': True, 'otp': OTP}, 'mobile': {'enabled': False, 'otp': {'failure': COOL_DOWN}},
                'totp': {'enabled': True, 'otp': {'failure': COOL_DOWN}}}},
            # Adopting the default MFA device policy every environment has, by its name.
            {'kind': 'mfa_device_policy', 'name': 'Default MFA Policy', 'definition': {'voice': {'enabled': False}}},
        ],
        adopted={1},
        update=(0, {'sms': {'enabled': True, 'otp': OTP}}, 'PUT'),
        refused=[{'kind': 'mfa_device_policy', 'name': 'Default MFA Policy', 'state': 'absent'}],
        bad=({'kind': 'mfa_device_policy', 'name': 'Contractors MFA', 'definition': {'sms': {'otp': {'lifeTime': {'timeUnit': 'HOURS'}}}}},
             'definition.sms.otp.lifeTime.timeUnit'),
    ),
    'sign-on policies': dict(
        objects=[
            {'kind': 'sign_on_policy', 'name': 'Step up', 'definition': {'description': 'Sign-on for contractors'}},
            {'kind': 'sign_on_policy_action', 'parent': {'sign_on_policy': 'Step up'},
             'definition': {'priority': 1, 'type': 'LOGIN', 'recovery': {'enabled': True}}},
            APPLICATION,
            {'kind': 'application_sign_on_policy_assignment', 'parent': {'application': 'Orders portal'},
             'definition': {'signOnPolicy': {'name': 'Step up'}, 'priority': 1}},
            # Adopting the built-in Single_Factor policy.
            {'kind': 'sign_on_policy', 'name': 'Single_Factor', 'definition': {'description': 'Username and password, managed by Ansible'}},
        ],
        adopted={4},
        cascade={1},   # PingOne refuses to delete the last action of a policy: it goes with its policy
        update=(1, {'recovery': {'enabled': False}}, 'PUT'),
        refused=[{'kind': 'sign_on_policy', 'name': 'Single_Factor', 'state': 'absent'}],
        bad=({'kind': 'sign_on_policy_action', 'parent': {'sign_on_policy': 'Step up'}, 'definition': {'priority': 1, 'type': 'PASSWORD'}},
             'definition.type'),
    ),
    'resources and grants': dict(
        objects=[
            {'kind': 'resource', 'name': 'Orders API', 'definition': {'type': 'CUSTOM', 'audience': 'https://orders.example.com',
                                                                      'description': 'The orders service'}},
            {'kind': 'resource_scope', 'name': 'orders:read', 'parent': {'resource': 'Orders API'}, 'definition': {'description': 'Read orders'}},
            {'kind': 'resource_scope', 'name': 'orders:write', 'parent': {'resource': 'Orders API'}, 'definition': {'description': 'Change orders'}},
            {'kind': 'resource_attribute', 'name': 'tier', 'parent': {'resource': 'Orders API'}, 'definition': {'value': '${user.title}'}},
            APPLICATION,
            {'kind': 'application_resource_grant', 'parent': {'application': 'Orders portal'},
             'definition': {'resource': {'name': 'Orders API'}, 'scopes': [{'name': 'orders:read'}, {'name': 'orders:write'}]}},
            {'kind': 'application_attribute_mapping', 'name': 'department', 'parent': {'application': 'Orders portal'},
             'definition': {'value': '${user.title}', 'required': False}},
        ],
        update=(1, {'description': 'Read every order'}, 'PUT'),
        refused=[{'kind': 'resource', 'name': 'openid', 'state': 'absent'},
                 {'kind': 'application_attribute_mapping', 'name': 'sub', 'parent': {'application': 'Orders portal'}, 'state': 'absent'}],
        bad=({'kind': 'resource_scope', 'name': 'orders:read', 'parent': {'resource': 'Orders API'}, 'definition': {'descripton': 'typo'}},
             'definition.descripton'),
    ),
    'identity providers': dict(
        objects=[
            {'kind': 'identity_provider', 'name': 'Corporate login', 'definition': {
                'type': 'OPENID_CONNECT', 'enabled': True, 'clientId': 'ansible-login', 'issuer': 'https://idp.example.com',
                'authorizationEndpoint': 'https://idp.example.com/authorize', 'tokenEndpoint': 'https://idp.example.com/token',
                'jwksEndpoint': 'https://idp.example.com/jwks', 'scopes': ['openid', 'profile'],
                'tokenEndpointAuthMethod': 'CLIENT_SECRET_BASIC'}},
            {'kind': 'identity_provider_attribute', 'name': 'email', 'parent': {'identity_provider': 'Corporate login'},
             'definition': {'value': '${providerAttributes.email}', 'update': 'EMPTY_ONLY'}},
        ],
        secrets={0: {'clientSecret': IDP_SECRET}},
        # Ping's description requires clientSecret in every PUT of an OIDC identity provider (the store answers 400
        # REQUIRED_VALUE clientSecret without it): a full PUT carries the secrets given, with update_secrets on_create too.
        update=(0, {'enabled': False}, 'PUT'),
        secrets_in_put=True,
        refused=[],
        bad=({'kind': 'identity_provider', 'name': 'Corporate login', 'definition': {'type': 'OPENID_CONNECT', 'enabled': 'yes please'}},
             'definition.enabled'),
    ),
    'schema attributes': dict(
        objects=[
            {'kind': 'schema_attribute', 'name': 'costCenter', 'definition': {'displayName': 'Cost center', 'type': 'STRING', 'enabled': True}},
            # Adopting a STANDARD attribute of the User schema (the parent defaults to it).
            {'kind': 'schema_attribute', 'name': 'title', 'definition': {'displayName': 'Job title'}},
        ],
        adopted={1},
        update=(0, {'displayName': 'Cost centre'}, 'PATCH'),
        refused=[{'kind': 'schema_attribute', 'name': 'username', 'state': 'absent'}],
        bad=({'kind': 'schema_attribute', 'name': 'costCenter', 'definition': {'type': 'TEXT'}}, 'definition.type'),
    ),
    'branding and agreements': dict(
        objects=[
            {'kind': 'branding_settings', 'definition': {'companyName': 'Example Corp'}},
            {'kind': 'branding_theme', 'definition': {'template': 'default', 'default': False, 'configuration': {
                'name': 'Contractors', 'logoType': 'NONE', 'backgroundType': 'DEFAULT', 'bodyTextColor': '#263956',
                'buttonColor': '#263956', 'buttonTextColor': '#ffffff', 'cardColor': '#fcfcfc', 'headingTextColor': '#686f77',
                'linkTextColor': '#263956'}}},
            {'kind': 'agreement', 'name': 'Terms of use', 'definition': {'description': 'For contractors', 'enabled': False}},
            {'kind': 'agreement_language', 'parent': {'agreement': 'Terms of use'},
             'definition': {'locale': 'en', 'displayName': 'English', 'enabled': False}},
            {'kind': 'notification_template_content', 'parent': {'notification_template': 'general'}, 'definition': {
                'locale': 'fr', 'deliveryMethod': 'Email', 'variant': 'contractors', 'subject': 'Bonjour',
                'body': 'Bonjour ${user.username}'}},
        ],
        adopted={0},
        update=(2, {'description': 'For contractors and partners'}, 'PUT'),
        refused=[{'kind': 'branding_settings', 'state': 'absent'}],
        bad=({'kind': 'agreement', 'name': 'Terms of use', 'definition': {'enabled': 'no'}}, 'definition.enabled'),
    ),
    'domains, keys, webhooks and gateways': dict(
        objects=[
            {'kind': 'custom_domain', 'definition': {'domainName': 'login.example.com'}},
            {'kind': 'trusted_email_domain', 'definition': {'domainName': 'mail.example.com'}},
            {'kind': 'key', 'definition': {
                'name': 'Signing', 'algorithm': 'RSA', 'keyLength': 2048, 'signatureAlgorithm': 'SHA256withRSA', 'subjectDN': 'CN=Signing',
                'usageType': 'SIGNING', 'validityPeriod': 365, 'default': False}},
            {'kind': 'webhook', 'name': 'Audit feed', 'definition': {
                'enabled': True, 'format': 'ACTIVITY', 'httpEndpoint': {'url': 'https://audit.example.com/hook'},
                'filterOptions': {'includedActionTypes': ['USER.CREATED']}, 'verifyTlsCertificates': True}},
            {'kind': 'gateway', 'name': 'Branch office', 'definition': {'type': 'PING_FEDERATE', 'enabled': True, 'description': 'Office'}},
        ],
        secrets={3: {'httpEndpoint': {'headers': {'Authorization': 'Bearer ' + HOOK_SECRET}}}},
        update=(4, {'description': 'Branch office in Lyon'}, 'PUT'),
        refused=[],
        bad=({'kind': 'webhook', 'name': 'Audit feed', 'definition': {'format': 'XML'}}, 'definition.format'),
    ),
    'risk': dict(
        objects=[
            {'kind': 'risk_predictor', 'definition': {'name': 'Office network', 'compactName': 'officeNetwork', 'type': 'IP_REPUTATION'}},
            {'kind': 'risk_policy', 'name': 'Contractors risk', 'definition': {'default': False, 'description': 'For contractors'}},
        ],
        update=(1, {'description': 'For contractors and partners'}, 'PUT'),
        refused=[{'kind': 'risk_predictor', 'definition': {'compactName': 'anonymousNetwork'},
                  'state': 'absent'}],
        bad=({'kind': 'risk_predictor', 'definition': {'name': 'Office network', 'compactName': 'officeNetwork', 'type': 'WEATHER'}},
             'definition.type'),
    ),
}


@pytest.fixture(autouse=True)
def organization(ansible):
    ansible.sim.app.platform.reset()   # no objects from another test: every family starts from PingOne's own


def run(ansible, objects, secrets=None, check=False, diff=False):
    """One run of object_family.yml; the result of each loop item."""
    extra = {'environment_id': ENV, 'objects': objects, 'secrets_of': {str(index): value for index, value in (secrets or {}).items()}}
    result_run = ansible.run('object_family.yml', extra_vars=extra, check=check, env={'ANSIBLE_DIFF_ALWAYS': 'true'} if diff else {})
    task = result_run.result('Run the module')
    items = task.get('results')
    assert items is not None and len(items) == len(objects), result_run.output[-3000:]
    return items


def item_failed(item):
    """A loop item that failed: ansible-core 2.21 keeps no 'failed' key in the loop results of an ignore_errors task,
    only the failure's 'exception' (and 'msg')."""
    return bool(item.get('failed')) or 'exception' in item


def ok(items):
    failed = ['%s: %s' % (item['item']['kind'], item.get('msg')) for item in items if item_failed(item)]
    assert not failed, failed
    return items


def body_of(ansible, method, path):
    return json.loads(next(r for r in ansible.sim.requests() if r['method'] == method and r['path'] == path)['body'])


def updated(objects, index, fields, options=None):
    changed = copy.deepcopy(objects)
    changed[index]['definition'] = dict(changed[index].get('definition') or {}, **fields)
    changed[index].update(options or {})
    return changed


def secret_paths(value, prefix=''):
    if isinstance(value, dict):
        return [path for key, item in value.items() for path in secret_paths(item, '%s%s.' % (prefix, key))]
    return [prefix[:-1]]


def get_path(value, path):
    """The value at a dotted path; the marker where a step holds it (a secret declared above the path, such as headers)."""
    for step in path.split('.'):
        if value == MARKER or not isinstance(value, dict):
            return value if value == MARKER else None
        value = value.get(step)
    return value


@pytest.mark.parametrize('family', sorted(FAMILIES))
def test_a_family_of_kinds_is_created_once_updated_checked_and_deleted(ansible, family):
    spec = FAMILIES[family]
    objects, secrets, adopted = spec['objects'], spec.get('secrets') or {}, spec.get('adopted') or set()

    # create, with --diff: a POST per object of one's own, a PUT or PATCH per object PingOne made (adopted)
    created = ok(run(ansible, objects, secrets, diff=True))
    assert [item['changed'] for item in created] == [True] * len(objects)
    expected = ['PUT' if index in adopted and objects[index]['kind'] != 'schema_attribute' else 'PATCH' if index in adopted else 'POST'
                for index in range(len(objects))]
    assert [method for method, _path in writes(ansible)] == expected
    for index, item in enumerate(created):
        assert item['kind'] == objects[index]['kind'] and item['object'], item
        for path in secret_paths(secrets.get(index) or {}):
            # the diff shows a marker where a secret is written; the answer holds none
            assert get_path(item['diff']['after'], path) == MARKER and get_path(item['object'], path) is None, item['diff']
        for field, value in (objects[index].get('definition') or {}).items():
            if '"name":' not in json.dumps(value):   # (references by name show as ids)
                shown = item['diff']['after'].get(field)
                if isinstance(value, dict):   # (where a secret goes in the same object, the diff has its marker too)
                    shown = {key: shown.get(key) for key in value}
                assert shown == value, (field, item['diff'])

    # a second run: nothing changes, nothing is written
    ansible.sim.reset()
    again = ok(run(ansible, objects, secrets))
    assert [item['changed'] for item in again] == [False] * len(objects) and writes(ansible) == []

    # check mode with one field changed: changed and shown, nothing written
    index, fields, method = spec['update']
    changed = updated(objects, index, fields, spec.get('update_options'))
    ansible.sim.reset()
    checked = ok(run(ansible, changed, secrets, check=True, diff=True))
    assert [item['changed'] for item in checked] == [position == index for position in range(len(objects))]
    assert writes(ansible) == []
    for field, value in fields.items():
        assert checked[index]['diff']['after'][field] == value and checked[index]['diff']['before'][field] != value

    # the update for real: exactly one write of that object, carrying the change
    ansible.sim.reset()
    done = ok(run(ansible, changed, secrets))
    assert [item['changed'] for item in done] == [position == index for position in range(len(objects))]
    sent = writes(ansible)
    assert [verb for verb, _path in sent] == [method] and sent[0][1].endswith('/' + done[index]['object']['id']), sent
    body = body_of(ansible, *sent[0])
    assert all(body[field] == value for field, value in fields.items()), body
    if spec.get('secrets_in_put') or (spec.get('update_options') or {}).get('update_secrets') == 'always':   # secrets at their paths
        assert all(get_path(body, path) == get_path(secrets[index], path) for path in secret_paths(secrets[index])), sorted(body)

    # absent, in reverse order (the first one twice: the second finds nothing); PingOne's own objects refused, nothing written
    kept = adopted | (spec.get('cascade') or set())
    gone = [absent(changed[position]) for position in reversed(range(len(objects))) if position not in kept]
    ansible.sim.reset()
    deleted = run(ansible, spec['refused'] + gone[:1] + gone)
    refused, deleted = deleted[:len(spec['refused'])], deleted[len(spec['refused']):]
    assert all(item_failed(item) and item.get('option') == 'state' and 'status' not in item for item in refused), refused
    ok(deleted)
    assert [item['changed'] for item in deleted] == [True, False] + [True] * (len(gone) - 1)
    assert [verb for verb, _path in writes(ansible)] == ['DELETE'] * len(gone)

    # a bad definition: refused naming the field, before any request
    ansible.sim.reset()
    options, words = spec['bad']
    bad = run(ansible, [options])[0]
    assert item_failed(bad) and words in bad.get('msg', '') and bad['msg'].endswith('Nothing was sent.'), bad
    assert api_requests(ansible) == []


def test_the_example_playbook_of_docs_any_object_checks_then_configures_then_changes_nothing(ansible):
    """docs/examples/any_object.yml (make demo runs it too, on the environment create_test_environment.yml makes; here
    on the Sandbox environment, to keep the test short): --check writes nothing and fails nowhere (what earlier tasks
    would create is not there yet), a real run configures it, a second run changes nothing and writes nothing."""
    example, names = os.path.join(EXAMPLES, 'any_object.yml'), {'any_object_environment_name': 'Sandbox'}
    checked = ansible.run(example, extra_vars=names, check=True)
    assert checked.rc == 0 and 'failed' not in checked.statuses and writes(ansible) == [], checked.output[-3000:]
    assert any(record['result'].get('changed') for record in checked.records)
    done = ansible.run(example, extra_vars=names)
    assert done.rc == 0 and 'failed' not in done.statuses, done.output[-3000:]
    assert sum(1 for record in done.records if record['result'].get('changed')) >= 8
    ansible.sim.reset()
    again = ansible.run(example, extra_vars=names)
    assert again.rc == 0 and not any(record['result'].get('changed') for record in again.records), again.output[-3000:]
    assert writes(ansible) == []


def info(ansible, options):
    result_run = ansible.run('object_info.yml', extra_vars={'options': dict({'target_environment_id': ENV}, **options)})
    result = result_run.result('Run the module')
    assert result_run.rc == 0 and not result.get('failed'), result.get('msg') or result_run.output[-3000:]
    return result['objects']


def test_object_info_lists_pingones_own_objects_of_the_stores_kinds_under_parents_named_by_name(ansible):
    scopes = info(ansible, {'kind': 'resource_scope', 'parent': {'resource': 'openid'}})
    assert {'openid', 'profile', 'email', 'address', 'phone'} <= {scope['name'] for scope in scopes}
    assert [item['name'] for item in info(ansible, {'kind': 'schema'})] == ['User']   # a read-only kind
    username = info(ansible, {'kind': 'schema_attribute', 'name': 'username'})   # the parent defaults to the User schema
    assert len(username) == 1 and username[0]['schemaType'] == 'CORE'
    policies = info(ansible, {'kind': 'password_policy'})
    assert sorted(policy['name'] for policy in policies) == ['Basic', 'Passphrase', 'Standard']
    assert writes(ansible) == []
