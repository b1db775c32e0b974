# -*- coding: utf-8 -*-
# Copyright: (c) 2026, pingone.platform maintainers
# GNU General Public License v3.0+ (see LICENSE or https://www.gnu.org/licenses/gpl-3.0.txt)
"""The rate_limit option of the modules that send many requests in one task: declared once, documented, checked
before any request, and what it does to the pace."""

from __future__ import annotations

import math

import pytest
import yaml
from ansible.module_utils.common.arg_spec import ArgumentSpecValidator

from ansible_collections.pingone.platform.plugins.doc_fragments.connection import ModuleDocFragment
from ansible_collections.pingone.platform.plugins.module_utils.errors import PingOneInputError
from ansible_collections.pingone.platform.plugins.module_utils.options import (
    API_OPTIONS,
    BULK_OPTIONS,
    CONNECTION_OPTIONS,
    bulk_argument_spec,
    connection_settings,
)
from ansible_collections.pingone.platform.plugins.module_utils.transport import Transport
from ansible_collections.pingone.platform.plugins.modules import pingone_environment_export, pingone_group, pingone_user
from ansible_collections.pingone.platform.tests.unit.fakes import ENV_ID, run_module


@pytest.fixture(autouse=True)
def no_pingone_variables(monkeypatch):
    for entry in list(CONNECTION_OPTIONS.values()) + list(API_OPTIONS.values()) + list(BULK_OPTIONS.values()):
        monkeypatch.delenv(entry['env'], raising=False)


def settings(**given):
    result = ArgumentSpecValidator(bulk_argument_spec()).validate(dict({'access_token': 'tok'}, **given))
    assert not result.error_messages, result.error_messages
    return connection_settings(result.validated_parameters, need_credentials=False)


def test_the_bulk_fragment_documents_rate_limit_with_its_variable():
    documented = yaml.safe_load(ModuleDocFragment.BULK)['options']
    assert set(documented) == set(BULK_OPTIONS) == {'rate_limit'}
    assert documented['rate_limit']['type'] == BULK_OPTIONS['rate_limit']['type'] == 'float'
    assert 'E(PINGONE_RATE_LIMIT)' in ' '.join(documented['rate_limit']['description'])
    spec = bulk_argument_spec(concurrency={'type': 'int'})
    assert spec['rate_limit']['fallback'][1] == ['PINGONE_RATE_LIMIT']
    assert set(spec) == set(CONNECTION_OPTIONS) | set(API_OPTIONS) | {'rate_limit', 'concurrency'}


@pytest.mark.parametrize('module', [pingone_user, pingone_group, pingone_environment_export])
def test_every_module_with_concurrency_has_rate_limit(module):
    doc = yaml.safe_load(module.DOCUMENTATION)
    assert 'concurrency' in doc['options'] and 'pingone.platform.connection.bulk' in doc['extends_documentation_fragment']


def test_a_rate_limit_reaches_the_pacer():
    assert settings().transport.rate_limit is None
    given = settings(rate_limit=100).transport
    assert given.rate_limit == 100.0
    assert Transport(given).pacer.rate == 100 * 0.95


def test_rate_limit_from_the_variable(monkeypatch):
    monkeypatch.setenv('PINGONE_RATE_LIMIT', '12.5')
    assert settings().transport.rate_limit == 12.5


@pytest.mark.parametrize('value', [0, -1, 0.0, math.inf, math.nan])
def test_a_bad_rate_limit_is_refused_naming_the_option(value):
    with pytest.raises(PingOneInputError) as info:
        settings(rate_limit=value)
    assert str(info.value) == ('rate_limit must be a number of requests per second above 0, such as 100 (the limit of the licence, '
                               'or the share of it this task may use).')
    assert info.value.option == 'rate_limit'


def test_a_bad_rate_limit_from_the_variable_names_it(monkeypatch):
    monkeypatch.setenv('PINGONE_RATE_LIMIT', '0')
    with pytest.raises(PingOneInputError) as info:
        settings()
    assert str(info.value).startswith('rate_limit (from PINGONE_RATE_LIMIT) must be a number of requests per second above 0')


def test_a_bad_rate_limit_fails_the_module_before_any_request(api, monkeypatch):
    failed, result = run_module(pingone_user.main, {'target_environment_id': ENV_ID, 'access_token': 'tok', 'rate_limit': -5,
                                                    'users': [{'username': 'a', 'email': 'a@example.com'}]}, monkeypatch)
    assert failed and result['option'] == 'rate_limit' and api.sent == []


def test_a_users_list_with_a_duplicate_fails_the_module_before_any_request(api, monkeypatch):
    users = [{'username': 'alice'}, {'username': 'bob'}, {'username': 'ALICE'}]
    failed, result = run_module(pingone_user.main, {'target_environment_id': ENV_ID, 'access_token': 'tok', 'users': users}, monkeypatch)
    assert failed and result['option'] == 'users' and api.sent == []
    assert result['msg'].startswith("users lists username 'alice' (item 1) and 'ALICE' (item 3), which differ only in case")
