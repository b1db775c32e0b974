# -*- coding: utf-8 -*-
# Copyright: (c) 2026, pingone.platform maintainers
# GNU General Public License v3.0+ (see LICENSE or https://www.gnu.org/licenses/gpl-3.0.txt)

from __future__ import annotations

import pytest

from ansible_collections.pingone.platform.plugins.module_utils import engine, options, resource
from ansible_collections.pingone.platform.plugins.module_utils.api import PingOneClient
from ansible_collections.pingone.platform.plugins.module_utils.errors import (
    PingOneForbiddenError,
    PingOneInputError,
    PingOneNotFoundError,
    PingOneUnexpectedResponseError,
)
from ansible_collections.pingone.platform.plugins.module_utils.regions import REGIONS, build_endpoints
from ansible_collections.pingone.platform.tests.unit.fakes import CLIENT_ID, ENV_ID, SECRET, Answer

API = 'https://api.pingone.eu/v1'
NEW_ENV = '0b9e8d7c-6a5f-4e3d-8c2b-7a6f5e4d3c2b'


def client(fake_http, answers):
    http = fake_http(answers)
    return PingOneClient(http.transport, build_endpoints(REGIONS['EU'], ENV_ID), 'tok'), http


def test_find_by_name_is_exact():
    items = [{'id': 1, 'name': 'Test'}, {'id': 2, 'name': 'Test environment'}, 'not a dict', {'id': 3}]
    assert engine.find_by_name(items, 'Test', 'environment') == {'id': 1, 'name': 'Test'}
    assert engine.find_by_name(items, 'test', 'environment') is None
    assert engine.find_by_name([], 'Test', 'environment') is None


def test_find_by_name_refuses_two_exact_matches():
    with pytest.raises(PingOneUnexpectedResponseError, match=r"lists 2 populations named 'Users' \(ids a, b\)"):
        engine.find_by_name([{'id': 'a', 'name': 'Users'}, {'id': 'b', 'name': 'Users'}], 'Users', 'population')


def test_differences_ignores_unset_and_equal_values():
    current = {'name': 'A', 'description': '', 'default': False, 'type': 'SANDBOX'}
    desired = {'name': 'A', 'description': 'New', 'default': None, 'type': 'PRODUCTION', 'extra': None}
    assert engine.differences(desired, current) == {'description': 'New', 'type': 'PRODUCTION'}
    assert engine.differences({'default': False}, {'default': False}) == {}
    assert engine.differences({'products': ['A']}, {}) == {'products': ['A']}


def test_diff_uses_empty_dicts_for_nothing():
    assert engine.diff(None, {'name': 'A'}) == {'before': {}, 'after': {'name': 'A'}}
    before = {'name': 'A'}
    result = engine.diff(before, before)
    assert result == {'before': before, 'after': before} and result['before'] is not before


def test_scim_string_escapes_quotes_and_backslashes():
    assert engine.scim_string('Test "env" \\ 1') == '"Test \\"env\\" \\\\ 1"'


def test_require_uuid():
    assert options.require_uuid(' %s ' % ENV_ID.upper(), 'target_environment_id', 'an id') == ENV_ID
    for bad in (None, '', 'abc', ENV_ID + '/populations', '../' + ENV_ID):
        with pytest.raises(PingOneInputError, match='target_environment_id is not a UUID') as info:
            options.require_uuid(bad, 'target_environment_id', 'an id')
        assert info.value.option == 'target_environment_id'


def test_wait_until_visible_waits_out_404s(fake_http):
    api, http = client(fake_http, [Answer(404, {'code': 'NOT_FOUND'})] * 3 + [Answer(200, {'id': NEW_ENV})])
    assert resource.wait_until_visible(api, '/environments/%s' % NEW_ENV, 'environment') == {'id': NEW_ENV}
    assert http.sleeps == [0.25, 0.5, 1.0] and len(http.sent) == 4
    assert http.warnings == []   # an expected wait, not a problem worth a warning


def test_wait_until_visible_gives_up_after_the_timeout(fake_http):
    api, http = client(fake_http, [Answer(404, {'code': 'NOT_FOUND'})] * 20)
    with pytest.raises(PingOneNotFoundError) as info:
        resource.wait_until_visible(api, '/environments/%s' % NEW_ENV, 'environment', timeout=10)
    assert http.sleeps == [0.25, 0.5, 1.0, 2.0, 4.0, 2.25] and sum(http.sleeps) == 10
    assert info.value.status == 404 and info.value.url == '%s/environments/%s' % (API, NEW_ENV)
    assert 'still answered 404 10 s after the environment was created' in str(info.value)
    assert 'does not create it twice' in str(info.value)


def test_wait_caps_each_wait(fake_http):
    api, http = client(fake_http, [Answer(404)] * 12 + [Answer(200, {})])
    resource.wait_until_visible(api, '/x', 'environment')
    assert max(http.sleeps) == resource.MAX_VISIBILITY_WAIT and sum(http.sleeps) <= resource.VISIBILITY_TIMEOUT


def test_wait_until_visible_raises_other_errors_at_once(fake_http):
    api, http = client(fake_http, [Answer(403, {'code': 'ACCESS_FAILED', 'message': 'no'})])
    with pytest.raises(PingOneForbiddenError):
        resource.wait_until_visible(api, '/environments/%s' % NEW_ENV, 'environment')
    assert http.sleeps == [] and len(http.sent) == 1


class Module:
    def __init__(self, **params):
        self.params = dict({'region': 'EU', 'environment_id': None, 'client_id': None, 'client_secret': None, 'access_token': None},
                           **params)
        self.warnings = []

    def warn(self, message):
        self.warnings.append(message)


def test_connect_with_an_access_token_needs_no_credentials(monkeypatch):
    monkeypatch.setattr(resource.PingOneClient, 'from_settings', classmethod(lambda cls, settings, warn, access_token: (settings, access_token)))
    (settings, token), same = resource.connect(Module(access_token='tok'))
    assert token == 'tok' and settings.credentials is None and same is settings
    assert settings.endpoints.api_url == API


def test_connect_without_a_token_uses_the_credentials(monkeypatch):
    monkeypatch.setattr(resource.PingOneClient, 'from_settings', classmethod(lambda cls, settings, warn, access_token: (settings, access_token)))
    (settings, token), _settings = resource.connect(Module(access_token='', environment_id=ENV_ID, client_id=CLIENT_ID,
                                                           client_secret=SECRET))
    assert token is None and settings.credentials.client_id == CLIENT_ID
    with pytest.raises(PingOneInputError, match='client_id is required'):
        resource.connect(Module(environment_id=ENV_ID))
