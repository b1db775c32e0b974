# -*- coding: utf-8 -*-
# Copyright: (c) 2026, pingone.platform maintainers
# GNU General Public License v3.0+ (see LICENSE or https://www.gnu.org/licenses/gpl-3.0.txt)
"""A newcomer's first hour, module by module: module_defaults with access_token for the whole group,
empty PINGONE_* variables, and the messages that say where a value came from."""

from __future__ import annotations

import pytest

from ansible_collections.pingone.platform.plugins.modules import pingone_api, pingone_population, pingone_token
from ansible_collections.pingone.platform.tests.unit.fakes import CLIENT_ID, ENV_ID, SECRET, Answer, run_module, token_answer

TARGET = '0d1e2f3a-4b5c-4d6e-8f7a-9b0c1d2e3f4a'
NOT_FOUND = {'id': 'c0ffee00-1111-4222-8333-444455556666', 'code': 'NOT_FOUND', 'message': 'The requested resource was not found.'}


def test_pingone_token_accepts_access_token_and_never_uses_it(api, monkeypatch):
    # What a group's module_defaults gives every module: the token task takes it, and requests (or reuses) its own.
    api.answers.append(token_answer())
    failed, result = run_module(pingone_token.main, {'environment_id': ENV_ID, 'client_id': CLIENT_ID, 'client_secret': SECRET,
                                                     'access_token': 'an.earlier.token'}, monkeypatch)
    assert not failed and result['reused'] is False and len(api.sent) == 1
    assert result['access_token'] == 'eyJhbGciOiJSUzI1NiJ9.eyJzdWIiOiJ4In0.c2ln'
    assert 'an.earlier.token' not in api.sent[0].headers.get('Authorization', '')


def test_pingone_token_access_token_is_not_no_log_so_the_returned_token_is_never_masked(monkeypatch):
    # no_log on it would make Ansible mask the returned token wherever it equals the option (a later task with reuse).
    spec = {}

    class Capture(Exception):
        pass

    def capture(**kwargs):
        spec.update(kwargs['argument_spec'])
        raise Capture()

    monkeypatch.setattr(pingone_token, 'AnsibleModule', capture)
    with pytest.raises(Capture):
        pingone_token.main()
    assert spec['access_token'] == {'type': 'str', 'no_log': False}   # and no PINGONE_API_ACCESS_TOKEN fallback
    assert spec['reuse']['no_log'] is False


def test_an_empty_environment_id_variable_is_no_error_with_an_access_token(api, monkeypatch):
    monkeypatch.setenv('PINGONE_ENVIRONMENT_ID', '')
    api.answers.append(Answer(200, {'_embedded': {'environments': []}}))
    failed, result = run_module(pingone_api.main, {'access_token': 'tok', 'path': '/environments'}, monkeypatch)
    assert not failed, result.get('msg')
    assert result['status'] == 200 and api.sent[0].url == 'https://api.pingone.com/v1/environments'


def test_an_empty_environment_id_variable_is_named_when_a_token_must_be_fetched(api, monkeypatch):
    monkeypatch.setenv('PINGONE_ENVIRONMENT_ID', '')
    failed, result = run_module(pingone_api.main, {'client_id': CLIENT_ID, 'client_secret': SECRET, 'path': '/environments'}, monkeypatch)
    assert failed and result['option'] == 'environment_id' and api.sent == []
    assert result['msg'] == ('environment_id is required: set the environment_id option or the PINGONE_ENVIRONMENT_ID environment variable '
                             '(PINGONE_ENVIRONMENT_ID is set but empty, which counts as unset).')


def test_pingone_api_refuses_a_path_that_repeats_v1_before_any_request(api, monkeypatch):
    failed, result = run_module(pingone_api.main, {'access_token': 'tok', 'path': '/v1/environments'}, monkeypatch)
    assert failed and result['option'] == 'path' and api.sent == []
    assert result['msg'] == ('path /v1/environments starts with /v1, but the API base URL https://api.pingone.com/v1 already ends in /v1: '
                             'give the path without it, such as /environments.')


# The organization's list, asked after a 404 under target_environment_id: no such environment, so no wait for a new one.
NO_SUCH_ENVIRONMENT = Answer(200, {'_embedded': {'environments': []}, '_links': {}})


def test_a_missing_target_environment_is_named_with_the_default_region(api, monkeypatch):
    api.answers += [Answer(404, NOT_FOUND), NO_SUCH_ENVIRONMENT]
    failed, result = run_module(pingone_population.main, {'access_token': 'tok', 'target_environment_id': TARGET.upper(),
                                                          'name': 'Test users'}, monkeypatch)
    assert failed and result['status'] == 404
    assert ('no environment %s is visible at https://api.pingone.com/v1: check target_environment_id (the ID of the environment to work in, '
            'as the PingOne console shows it) and that the environment is in the region of that host (one created a moment ago may not '
            'be visible yet); api.pingone.com is the host of region NA, the default, as neither the region option nor PINGONE_REGION_CODE '
            'is set.' % TARGET) in result['msg']


def test_a_missing_target_environment_names_the_region_variable(api, monkeypatch):
    monkeypatch.setenv('PINGONE_REGION_CODE', 'EU')
    api.answers += [Answer(404, NOT_FOUND), NO_SUCH_ENVIRONMENT]
    failed, result = run_module(pingone_population.main, {'access_token': 'tok', 'target_environment_id': TARGET, 'name': 'Test users'},
                                monkeypatch)
    assert failed and result['msg'].endswith('api.pingone.eu is the host of region EU, from PINGONE_REGION_CODE.')
