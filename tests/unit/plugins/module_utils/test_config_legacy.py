# -*- coding: utf-8 -*-
# Copyright: (c) 2026, pingone.platform maintainers
# GNU General Public License v3.0+ (see LICENSE or https://www.gnu.org/licenses/gpl-3.0.txt)
"""config_legacy: describing an environment (pure functions on what was read), checking a description before any
request, and the format's three definitions kept in step (the item keys, the role's argument spec, the JSON Schema)."""

from __future__ import annotations

import copy
import json
import os

import jsonschema
import pytest
import yaml

from ansible_collections.pingone.platform.plugins.module_utils import config_legacy as legacy
from ansible_collections.pingone.platform.plugins.module_utils import config_engine
from ansible_collections.pingone.platform.plugins.module_utils import application_links
from ansible_collections.pingone.platform.plugins.module_utils.errors import PingOneInputError
from ansible_collections.pingone.platform.tests.unit.legacy_environment import (
    GOOD,
    UUID,
    described,
    state,
)

ROOT = os.path.dirname(os.path.dirname(os.path.dirname(os.path.dirname(os.path.dirname(os.path.abspath(__file__))))))
ROLE = os.path.join(ROOT, 'roles', 'environment_config')


# --- describing ----------------------------------------------------------------------------------------------
def test_an_environment_is_described_by_name_with_the_option_names_of_the_modules():
    config, _skipped = described()
    assert config['populations'] == [{'name': 'Default', 'default': True}, {'name': 'Staff', 'description': 'Employees'}]
    assert config['groups'] == [{'name': 'Developers', 'description': 'Build', 'population': 'Staff', 'members': ['alice']}]
    assert config['applications'] == [
        {'name': 'Intranet', 'type': 'WEB_APP', 'enabled': True, 'description': '', 'redirect_uris': ['https://a.example.com/cb',
         'https://b.example.com/cb'], 'post_logout_redirect_uris': [], 'grant_types': ['AUTHORIZATION_CODE'], 'response_types': ['CODE'],
         'token_endpoint_auth_method': 'CLIENT_SECRET_BASIC', 'pkce_enforcement': 'OPTIONAL'},
        {'name': 'Worker', 'type': 'WORKER', 'enabled': False, 'description': '', 'redirect_uris': [], 'post_logout_redirect_uris': [],
         'grant_types': ['CLIENT_CREDENTIALS'], 'response_types': [], 'token_endpoint_auth_method': 'CLIENT_SECRET_BASIC'},
    ]
    assert config['users'] == [{'username': 'alice', 'email': 'alice@example.com', 'given_name': 'Alice', 'family_name': 'A',
                                'population': 'Staff', 'enabled': True, 'attributes': {'title': 'Engineer'}}]
    assert config['role_assignments'] == [
        {'application': 'Worker', 'role': 'Identity Data Admin', 'scope_type': 'POPULATION', 'scope_name': 'Staff'},
        {'group': 'Developers', 'role': 'Client Application Developer', 'scope_type': 'ENVIRONMENT'},
        {'user': 'alice', 'role': 'Environment Admin', 'scope_type': 'ORGANIZATION'},
    ]


def test_a_description_holds_no_id_timestamp_secret_or_field_pingone_sets():
    config, _skipped = described()
    text = json.dumps(config)
    assert not UUID.search(text) and '2026-' not in text
    for word in ('secret', 'Secret', 'password', 'createdAt', 'userCount', 'memberOfGroupIDs', 'account', 'mfaEnabled', 'lastSignOn',
                 '_links', 'environment', 'PING_ONE_PORTAL', 'Application Portal'):
        assert word not in text, word


def test_what_cannot_be_described_is_listed_with_the_reason():
    _config, skipped = described()
    reasons = [(item['kind'], item['name'], item['reason']) for item in skipped]
    kinds = [kind for kind, _name, _reason in reasons]
    assert kinds.count('group') == 2 and all('another group has this name' in reason for kind, name, reason in reasons if name == 'Twins')
    assert ('application', 'Salesforce', 'a SAML application (type WEB_APP): an environment description holds OpenID Connect '
            'applications only') in reasons
    assert any(kind == 'application' and name == 'Intranet' and 'refreshTokenDuration' in reason for kind, name, reason in reasons)
    assert any(kind == 'population' and name == 'Staff' and 'passwordPolicy' in reason for kind, name, reason in reasons)
    assert not any(name == 'Default' for _kind, name, _reason in reasons)   # the default population is a name only, by design
    assert any(kind == 'user' and name == 'nomail' and 'no email address' in reason for kind, name, reason in reasons)
    assert any(kind == 'user' and name == 'alice' and 'middle' in reason for kind, name, reason in reasons)
    role_reasons = [reason for kind, _name, reason in reasons if kind == 'role_assignment']
    assert len(role_reasons) == 3
    assert any('another environment' in reason for reason in role_reasons)
    assert any('custom role' in reason for reason in role_reasons)
    assert any('read-only' in reason for reason in role_reasons)
    assert 'PingOne Application Portal' not in json.dumps(skipped)   # built-in applications are left out, not "skipped"


def test_without_users_groups_have_no_members_and_users_role_assignments_are_not_described():
    config, _skipped = described(users=False)
    assert 'users' not in config and 'members' not in config['groups'][0]
    assert not any('user' in item for item in config['role_assignments'])


def test_users_read_without_the_members_describe_groups_without_members():
    # A comparison reads the users for a description's users (or role assignments) alone: members are not read then,
    # and an empty list would say every group has none.
    read = state()
    read.memberships = None
    config, _skipped = legacy.describe(read, ['groups', 'users'])
    assert config['users'] and all('members' not in group for group in config['groups'])


# --- checking a description before any request --------------------------------------------------------------------
def test_a_good_description_and_an_export_pass_the_check():
    legacy.check_description(copy.deepcopy(GOOD))
    config, _skipped = described()
    legacy.check_description(config)


@pytest.mark.parametrize('change, text', [
    (lambda c: c.update(roles=[]), "the key 'roles', which is not one of populations"),
    (lambda c: c['groups'][0].update(colour='blue'), "groups[0] ('Developers') has the key 'colour'"),
    (lambda c: c['users'].append({'email': 'x@example.com'}), 'users[1] has no username'),
    (lambda c: c['applications'][0].pop('type'), "applications[0] ('Worker') has no type"),
    (lambda c: c['applications'][0].update(grant_types=['PASSWORD']), "grant_types 'PASSWORD', which is not one of"),
    (lambda c: c['groups'][0].update(population='Nowhere'), "names the population 'Nowhere', which the description's populations do not"),
    (lambda c: c['groups'][0]['members'].append('zoe'), "lists the member 'zoe', which the description's users do not describe"),
    (lambda c: c['role_assignments'][0].update(application='Ghost'), "names the application 'Ghost'"),
    (lambda c: c['role_assignments'][0].update(scope_name='Nowhere'), "names the population 'Nowhere'"),
    (lambda c: c['role_assignments'][0].pop('scope_name'), 'has scope_type POPULATION and no scope_name'),
    (lambda c: c['role_assignments'].append({'group': 'Developers', 'role': 'X', 'scope_name': 'Staff'}), 'has scope_name with scope_type'),
    (lambda c: c['role_assignments'].append({'role': 'X'}), 'has none of them: give exactly one of user, group and application'),
    (lambda c: c['role_assignments'].append(dict(c['role_assignments'][0])), 'are the same assignment'),
    (lambda c: c['populations'].append({'name': 'staff'}), 'name the same population (PingOne compares names ignoring case)'),
    (lambda c: c['populations'].append({'name': 'Other', 'default': True}), 'are all marked default'),
    (lambda c: c['populations'][0].update(description='x'), 'is the default population, which a description names only'),
    (lambda c: c['users'][0].update(enabled='yes'), "has enabled 'yes', which is not a boolean"),
])
def test_a_bad_description_is_refused_naming_what_is_wrong(change, text):
    config = copy.deepcopy(GOOD)
    change(config)
    with pytest.raises(PingOneInputError) as refused:
        legacy.check_description(config)
    assert text in str(refused.value) and refused.value.option == 'compare_to'
    assert 'Nothing was read or written' in str(refused.value)


def test_a_reference_to_a_kind_the_description_leaves_out_is_not_refused_before_reading():
    config = {'groups': [{'name': 'Developers', 'population': 'Staff'}], 'role_assignments': [{'user': 'alice', 'role': 'X'}]}
    legacy.check_description(config)   # the population and the user must then exist where it is applied (checked after reading)


# --- one format, three definitions ------------------------------------------------------------------------------
def role_spec():
    with open(os.path.join(ROLE, 'meta', 'argument_specs.yml'), encoding='utf-8') as handle:
        return yaml.safe_load(handle)['argument_specs']['main']['options']


def json_schema():
    with open(os.path.join(ROLE, 'files', 'config.schema.json'), encoding='utf-8') as handle:
        return json.load(handle)


def test_the_role_argument_spec_the_json_schema_and_the_module_agree_on_the_format():
    spec, schema = role_spec()['pingone_config']['options'], json_schema()['properties']
    # The keys of the registry's kinds (written by tools/module_docs.py from the registry; test_module_docs.py checks them).
    assert sorted(spec) == sorted(schema) == sorted(list(legacy.KINDS) + list(config_engine.GENERIC))
    for kind in legacy.KINDS:
        options, properties = spec[kind]['options'], schema[kind]['items']['properties']
        # an application's children in pingone_application's list options (config_options, before config_legacy sees the item)
        children = application_links.OPTIONS if kind == 'applications' else ()
        assert sorted(options) == sorted(properties) == sorted(legacy.ITEM_KEYS[kind] + children), kind
        required = sorted(name for name, option in options.items() if option.get('required'))
        assert required == sorted(schema[kind]['items'].get('required', [])), kind
    # The choices and enums are legacy.CHOICES, written by tools/module_docs.py (test_module_docs.py checks them).


def test_every_description_the_module_makes_matches_the_json_schema():
    validator = jsonschema.Draft202012Validator(json_schema())
    for users in (True, False):
        validator.validate(described(users)[0])
    validator.validate(GOOD)
    bad = copy.deepcopy(GOOD)
    bad['populations'][0]['description'] = 'not for the default'
    assert list(validator.iter_errors(bad))


def test_environment_config_names_the_option_named_kinds_as_config_legacy_does():
    from ansible_collections.pingone.platform.plugins.module_utils import config_legacy, environment_config
    assert environment_config.LEGACY_KEYS == config_legacy.KINDS
    assert environment_config.DEFAULT_INCLUDE[:len(config_legacy.DEFAULT_KINDS)] == list(config_legacy.DEFAULT_KINDS)
