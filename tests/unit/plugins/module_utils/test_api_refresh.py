# -*- coding: utf-8 -*-
# Copyright: (c) 2026, pingone.platform maintainers
# GNU General Public License v3.0+ (see LICENSE or https://www.gnu.org/licenses/gpl-3.0.txt)
"""The API client with client credentials: token fetched, refreshed before expiry, retried once on 401; a given token is not."""

from __future__ import annotations

import json
from urllib.parse import parse_qsl

import pytest

from ansible_collections.pingone.platform.plugins.module_utils import transport as transport_module
from ansible_collections.pingone.platform.plugins.module_utils.api import PingOneClient
from ansible_collections.pingone.platform.plugins.module_utils.errors import PingOneAuthenticationError
from ansible_collections.pingone.platform.plugins.module_utils.options import CONNECTION_OPTIONS, connection_settings
from ansible_collections.pingone.platform.tests.unit.fakes import CLIENT_ID, ENV_ID, SECRET, Answer, FakeAdapter, token_answer
from ansible_collections.pingone.platform.tests.unit.keys import LONG_SECRET

NOW = 1_800_000_000
TOKEN_URL = 'https://auth.pingone.eu/%s/as/token' % ENV_ID
ENV_URL = 'https://api.pingone.eu/v1/environments/%s' % ENV_ID
UNAUTHORIZED = Answer(401, {'id': 'e1', 'code': 'ACCESS_FAILED', 'message': 'The request could not be completed.',
                            'details': [{'code': 'INVALID_TOKEN', 'message': 'The access token has expired.'}]})


class Clock:
    def __init__(self):
        self.now = NOW

    def __call__(self):
        return self.now


@pytest.fixture
def adapter(monkeypatch):
    """Every Transport built in the test talks to one FakeAdapter."""
    fake = FakeAdapter([])
    original = transport_module.Transport.session.fget

    def session(self):
        created = self._session is None
        value = original(self)
        if created:
            value.mount('https://', fake)
        return value

    monkeypatch.setattr(transport_module.Transport, 'session', property(session))
    return fake


def settings(need_credentials=True, **changes):
    given = {name: entry.get('default') for name, entry in CONNECTION_OPTIONS.items()}
    given.update(environment_id=ENV_ID, client_id=CLIENT_ID, client_secret=SECRET, region='EU', retries=0)
    given.update(changes)
    return connection_settings(given, need_credentials=need_credentials)


def tokens(*names, lifetime=3600):
    return [token_answer(access_token=name, expires_in=lifetime) for name in names]


def sent(adapter):
    return [(request.method, request.url, request.headers.get('Authorization')) for request in adapter.sent]


def test_token_is_fetched_when_the_client_is_made_and_used_until_a_minute_before_expiry(adapter):
    clock = Clock()
    adapter.answers += tokens('t1') + [Answer(200, {'id': ENV_ID})] * 2 + tokens('t2') + [Answer(200, {'id': ENV_ID})]
    client = PingOneClient.from_settings(settings(), clock=clock)
    assert len(adapter.sent) == 1 and adapter.sent[0].url == TOKEN_URL
    client.get('/environments/%s' % ENV_ID)
    clock.now = NOW + 3600 - 60            # a minute left: still used
    client.get('/environments/%s' % ENV_ID)
    clock.now = NOW + 3600 - 59            # less than a minute: fetched again before the call
    client.get('/environments/%s' % ENV_ID)
    basic = adapter.sent[0].headers['Authorization']
    assert basic.startswith('Basic ')
    assert sent(adapter) == [('POST', TOKEN_URL, basic), ('GET', ENV_URL, 'Bearer t1'), ('GET', ENV_URL, 'Bearer t1'),
                             ('POST', TOKEN_URL, basic), ('GET', ENV_URL, 'Bearer t2')]


def test_401_is_retried_once_with_a_fresh_token_and_fresh_headers(adapter):
    adapter.answers += tokens('t1') + [UNAUTHORIZED] + tokens('t2') + [Answer(201, {'id': 'new'})]
    client = PingOneClient.from_settings(settings(), clock=Clock(), transaction_id='run-7')
    response = client.request('POST', '/environments', body={'name': 'Sandbox'})
    assert response.status == 201 and response.json == {'id': 'new'}
    assert [entry[:2] for entry in sent(adapter)] == [('POST', TOKEN_URL), ('POST', 'https://api.pingone.eu/v1/environments'),
                                                      ('POST', TOKEN_URL), ('POST', 'https://api.pingone.eu/v1/environments')]
    first, second = adapter.sent[1], adapter.sent[3]
    assert (first.headers['Authorization'], second.headers['Authorization']) == ('Bearer t1', 'Bearer t2')
    for request in (first, second):
        assert request.headers['X-Ping-External-Transaction-Id'] == 'run-7' and request.headers['Content-Type'] == 'application/json'
        assert json.loads(request.body) == {'name': 'Sandbox'}


def test_second_401_is_reported_and_not_retried_again(adapter):
    adapter.answers += tokens('t1') + [UNAUTHORIZED] + tokens('t2') + [UNAUTHORIZED]
    client = PingOneClient.from_settings(settings(), clock=Clock())
    with pytest.raises(PingOneAuthenticationError) as info:
        client.get('/environments/%s' % ENV_ID)
    assert str(info.value) == (
        'GET %s failed with HTTP 401 (ACCESS_FAILED: The request could not be completed.) (details: The access token has expired.): '
        'a freshly fetched token was refused too: check that the api_hostname or region is that of the environment of the worker '
        'application; api.pingone.eu is the host of region EU, from the region option.' % ENV_URL)
    assert len(adapter.sent) == 4 and info.value.status == 401


def test_given_access_token_is_not_refreshed_and_the_401_says_so(adapter):
    adapter.answers += [UNAUTHORIZED]
    client = PingOneClient.from_settings(settings(False, client_id=None, client_secret=None, access_token='given'), access_token='given')
    with pytest.raises(PingOneAuthenticationError) as info:
        client.get('/environments/%s' % ENV_ID)
    assert 'the access token this module was given (access_token or PINGONE_API_ACCESS_TOKEN) was refused and cannot be refreshed' in str(info.value)
    assert 'pingone.platform.pingone_token' in str(info.value) and 'given' not in str(info.value).replace('was given', '')
    assert sent(adapter) == [('GET', ENV_URL, 'Bearer given')]


def test_401_in_expected_is_an_answer_not_a_retry(adapter):
    adapter.answers += tokens('t1') + [UNAUTHORIZED]
    client = PingOneClient.from_settings(settings(), clock=Clock())
    assert client.request('GET', '/environments/%s' % ENV_ID, expected=(200, 401)).status == 401
    assert len(adapter.sent) == 2


def test_refresh_failure_is_the_token_error(adapter):
    adapter.answers += tokens('t1') + [UNAUTHORIZED, Answer(401, {'error': 'invalid_client', 'error_description': 'Request denied: x'})]
    client = PingOneClient.from_settings(settings(), clock=Clock())
    with pytest.raises(PingOneAuthenticationError, match='PingOne refused the client credentials'):
        client.get('/environments/%s' % ENV_ID)
    assert len(adapter.sent) == 3


def test_pagination_refreshes_between_pages(adapter):
    clock = Clock()
    page_one = Answer(200, {'_embedded': {'environments': [{'id': 1}]},
                            '_links': {'next': {'href': 'https://api.pingone.eu/v1/environments?cursor=2'}}})
    page_two = Answer(200, {'_embedded': {'environments': [{'id': 2}]}, '_links': {}})
    adapter.answers += tokens('t1') + [page_one] + tokens('t2') + [page_two]
    client = PingOneClient.from_settings(settings(), clock=clock)
    original = client.request

    def request(*args, **kwargs):
        response = original(*args, **kwargs)
        clock.now += 3590          # the first page took almost the whole hour
        return response
    client.request = request
    assert client.paginate('/environments') == [{'id': 1}, {'id': 2}]
    assert [entry[2] for entry in sent(adapter)][1::2] == ['Bearer t1', 'Bearer t2']


def test_client_secret_jwt_client_signs_a_new_assertion_for_each_token(adapter):
    adapter.answers += tokens('t1') + [UNAUTHORIZED] + tokens('t2') + [Answer(200, {})]
    client = PingOneClient.from_settings(settings(auth_method='client_secret_jwt', client_secret=LONG_SECRET), clock=Clock())
    client.get('/environments/%s' % ENV_ID)
    assertions = [dict(parse_qsl(adapter.sent[index].body.decode()))['client_assertion'] for index in (0, 2)]
    assert assertions[0] != assertions[1] and 'Authorization' not in adapter.sent[0].headers
