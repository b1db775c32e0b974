# -*- coding: utf-8 -*-
# Copyright: (c) 2026, pingone.platform maintainers
# GNU General Public License v3.0+ (see LICENSE or https://www.gnu.org/licenses/gpl-3.0.txt)
"""The generated blocks of the modules' documentation are what tools/module_docs.py writes.

RETURN cannot use a doc fragment, and choices are YAML, so the failure keys of PingOneError.to_result()
and what the kind registry and module_utils' tables know are written into each module by the tool
(between "# BEGIN generated" and "# END generated" comments); this is its --check.
"""

from __future__ import annotations

import importlib.util
import json
import os
import sys

import jsonschema
import pytest
import yaml

ROOT = os.path.dirname(os.path.dirname(os.path.dirname(os.path.dirname(os.path.dirname(os.path.abspath(__file__))))))


def load_tool():
    spec = importlib.util.spec_from_file_location('_tool_module_docs', os.path.join(ROOT, 'tools', 'module_docs.py'))
    module = importlib.util.module_from_spec(spec)
    sys.modules[spec.name] = module   # its dataclasses look their module up there
    spec.loader.exec_module(module)
    return module


TOOL = load_tool()


def test_every_generated_block_is_in_step():
    stale = [os.path.relpath(path, ROOT) for path, _text in TOOL.stale()]
    assert not stale, 'run .venv/bin/python tools/module_docs.py and commit: %s' % ', '.join(stale)


def test_failure_keys_are_those_to_result_adds():
    assert set(TOOL.result_keys()) == set(TOOL.FAILURE_KEYS)


def test_a_block_reads_back_as_the_yaml_it_stands_for():
    lines = TOOL.failure_keys('pingone_token', '')
    documented = yaml.safe_load('\n'.join(lines))
    assert documented['error_description']['sample'] == 'Request denied: Invalid client credentials'
    assert documented['status']['sample'] == 401 and 'details' not in documented
    assert all(len(line) <= TOOL.WIDTH for line in lines)


def test_choices_fold_and_read_back():
    values = ['kind_%02d_with_a_long_name' % number for number in range(20)]
    lines = TOOL.flow_list('choices', values, '    ')
    assert len(lines) > 1 and all(len(line) <= TOOL.WIDTH for line in lines)
    assert yaml.safe_load('\n'.join(line[4:] for line in lines)) == {'choices': values}


def test_a_module_without_markers_for_its_block_is_an_error():
    source = "RETURN = r'''\nx: 1\n'''\n    fail_module(module, error)\n"
    with pytest.raises(SystemExit, match='no markers for failure-keys'):
        TOOL.rewrite('pingone_user', source)


def test_markers_the_tool_does_not_know_are_an_error():
    source = "DOCUMENTATION = r'''\n# BEGIN generated other\n# END generated other\n'''\n"
    with pytest.raises(SystemExit, match="markers of 'other'"):
        TOOL.rewrite('pingone_user', source)


def test_a_block_is_written_between_its_markers_at_their_indent():
    source = ("DOCUMENTATION = r'''\noptions:\n  status:\n    type: str\n    # BEGIN generated status-choices\n    choices: [old]\n"
              "    # END generated status-choices\n'''\n")
    text = TOOL.rewrite('pingone_license_info', source)
    assert '    choices: [ACTIVE, EXPIRED, FUTURE, TERMINATED]\n    # END generated status-choices\n' in text
    documented = yaml.safe_load(text.split("r'''\n")[1].split("'''")[0])
    assert documented['options']['status']['choices'] == ['ACTIVE', 'EXPIRED', 'FUTURE', 'TERMINATED']


def test_a_failure_key_documented_outside_the_block_too_is_an_error():
    source = "RETURN = r'''\noption:\n  type: str\n# BEGIN generated failure-keys\n# END generated failure-keys\n'''\n"
    with pytest.raises(SystemExit, match='option both in the failure-keys block and outside it'):
        TOOL.check_returns('pingone_user', TOOL.rewrite('pingone_user', source + 'def main():\n    fail_module(module, error)\n'))


# --- the registry's kinds in the role's format (tools/config_format.py) ------------------------------------------------------
FORMAT = TOOL.config_format


def role_files():
    with open(os.path.join(ROOT, TOOL.ROLE_SPEC), encoding='utf-8') as handle:
        spec = yaml.safe_load(handle)['argument_specs']['main']['options']
    with open(os.path.join(ROOT, TOOL.ROLE_SCHEMA), encoding='utf-8') as handle:
        schema = json.load(handle)
    return spec, schema


def test_the_description_has_a_key_for_every_writable_registry_kind_but_the_four_of_its_own():
    registry = FORMAT.registry()
    expected = [name for name, kind in registry.KINDS.items() if not kind.read_only and name not in ('population', 'group', 'user', 'application')]
    assert FORMAT.description_kinds() == expected and 'sign_on_policy' in expected and 'schema' not in expected
    spec, schema = role_files()
    for name in expected:
        kind = registry.KINDS[name]
        options, item = spec['pingone_config']['options'][name]['options'], schema['properties'][name]['items']
        wanted = (['name'] if kind.key == ('name',) else []) + (['parent'] if kind.parent else []) + ['definition', 'built_in']
        form = FORMAT.option_form(kind)
        if form is not None:
            # either form: in PingOne's field names, or in the module's option names (the role's spec has the options of both)
            item, in_options = item['anyOf']
            assert sorted(in_options['properties']) == sorted(set(form) | {'built_in'}) and 'definition' not in in_options['properties']
            assert in_options['not'] == {'required': ['definition']} and in_options['additionalProperties'] is False
            assert sorted(options) == sorted(set(wanted) | set(form)), name
            options = {option: entry for option, entry in options.items() if option in wanted}
        assert sorted(options) == sorted(item['properties']) == sorted(wanted), name
        assert item['additionalProperties'] is False
        required = sorted(option for option, entry in options.items() if entry.get('required'))
        assert required == sorted(item.get('required', [])), name
    assert 'required' not in spec['pingone_config']['options']['schema_attribute']['options']['parent']   # the User schema by default


def test_the_json_schema_checks_the_registry_keys_and_is_not_huge():
    _spec, schema = role_files()
    jsonschema.Draft202012Validator.check_schema(schema)
    assert os.path.getsize(os.path.join(ROOT, TOOL.ROLE_SCHEMA)) < 300 * 1024
    validator = jsonschema.Draft202012Validator(schema)
    good = {
        'populations': [{'name': 'Staff'}],
        'sign_on_policy': [{'name': 'Strong'}, {'name': 'Single_Factor', 'built_in': True, 'definition': {'description': 'PingOne\'s'}}],
        'sign_on_policy_action': [{'parent': {'sign_on_policy': 'Strong'}, 'definition': {
            'priority': 1, 'type': 'LOGIN', 'registration': {'enabled': True, 'population': {'name': 'Staff'}}}}],
        'resource': [{'name': 'Orders API', 'definition': {'type': 'CUSTOM', 'audience': 'https://orders.example.com'}}],
        'resource_scope': [{'name': 'orders:read', 'parent': {'resource': 'Orders API'}, 'definition': {}}],
        'application_resource_grant': [{'parent': {'application': 'Orders portal'},
                                        'definition': {'resource': {'name': 'Orders API'}, 'scopes': [{'name': 'orders:read'}]}}],
        'password_policy': [{'name': 'Standard', 'built_in': True, 'definition': {'length': {'min': 12}}}],
        'schema_attribute': [{'name': 'badge', 'definition': {'type': 'STRING', 'enabled': True}}],
        'custom_domain': [{'definition': {'domainName': 'login.example.com'}}],
        # in the dedicated modules' option names
        'identity_provider': [{'name': 'Corp', 'type': 'GOOGLE', 'client_id': 'corp', 'attribute_mappings': [{'name': 'email', 'value': 'x'}]}],
    }
    good['sign_on_policy'].append({'name': 'Partners', 'default': False, 'actions': [{'type': 'LOGIN', 'recovery_enabled': True},
                                                                                     {'type': 'AGREEMENT', 'agreement': 'Terms'}]})
    good['resource'].append({'name': 'Billing API', 'audience': 'https://billing.example.com', 'scopes': [{'name': 'bills:read'}]})
    assert [error.message for error in validator.iter_errors(good)] == []
    bad = [
        {'sign_on_policy': [{'definition': {}}]},                                              # no name
        {'custom_domain': [{'name': 'login.example.com', 'definition': {'domainName': 'x'}}]},  # named by its definition
        {'resource_scope': [{'name': 'orders:read'}]},                                          # no parent
        {'sign_on_policy_action': [{'parent': {'sign_on_policy': 'S'}, 'definition': {'type': 'LOGIN'}}]},   # no priority
        {'password_policy': [{'name': 'P', 'definition': {'id': '8e3a1f0c-5b2d-4e6a-9c7d-0f1e2d3c4b5a'}}]},  # readOnly
        {'sign_on_policy': [{'name': 'Strong', 'definition': {'name': 'Strong'}}]},             # the name is the item's
        {'identity_provider': [{'name': 'Corp', 'built_in': True, 'definition': {'clientSecret': 'x'}}]},   # a secret
        {'webhook': [{'name': 'Hook', 'built_in': True, 'definition': {'httpEndpoint': {'headers': {'a': 'b'}}}}]},
        {'identity_provider': [{'name': 'Corp', 'definition': {'enabled': True}}]},            # no type, to create it
        {'identity_provider': [{'name': 'Corp', 'definition': {'type': 'OPENID_CONNECT', 'enabled': True}}]},   # no issuer, ...
        {'sign_on_policy_action': [{'parent': {'sign_on_policy': 'S'}, 'definition': {'priority': 1, 'type': 'NOT_A_TYPE'}}]},
        {'sign_on_policy': [{'name': 'S', 'definition': {}, 'actions': [{'type': 'LOGIN'}]}]},   # fields and options in one item
        {'sign_on_policy': [{'name': 'S', 'actions': [{'type': 'PASSWORD'}]}]},                # not an action type
        {'sign_on_policy': [{'name': 'S', 'actions': [{'recovery_enabled': True}]}]},          # an action has a type
        {'resource': [{'name': 'R', 'scopes': [{'description': 'no name'}]}]},
        {'identity_provider': [{'name': 'Corp', 'type': 'GOOGLE', 'client_secret': 'x'}]},      # a secret: in secrets
        {'identity_provider': [{'name': 'Corp', 'type': 'GOOGLE', 'colour': 'blue'}]},
    ]
    for description in bad:
        assert list(validator.iter_errors(description)), description


def test_a_stale_json_schema_or_argument_spec_fails_the_check(monkeypatch):
    entries = FORMAT.spec_entries()
    properties, defs = FORMAT.schema_parts()
    monkeypatch.setattr(FORMAT, 'spec_entries', lambda: dict(entries, extra_kind=entries['sign_on_policy']))
    monkeypatch.setattr(FORMAT, 'schema_parts', lambda: (dict(properties, extra_kind=properties['sign_on_policy']), defs))
    stale = sorted(os.path.relpath(path, ROOT) for path, _text in TOOL.stale())
    assert stale == sorted([TOOL.ROLE_SPEC, TOOL.ROLE_SCHEMA])
    assert TOOL.main(['--check']) == 1
