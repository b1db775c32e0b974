# -*- coding: utf-8 -*-
# Copyright: (c) 2026, pingone.platform maintainers
# GNU General Public License v3.0+ (see LICENSE or https://www.gnu.org/licenses/gpl-3.0.txt)

from __future__ import annotations

import json

import pytest

from ansible_collections.pingone.platform.plugins.module_utils.api import PingOneClient
from ansible_collections.pingone.platform.plugins.module_utils.errors import (
    PingOneAuthenticationError,
    PingOneBadRequestError,
    PingOneInputError,
    PingOneNotFoundError,
    PingOneUnexpectedResponseError,
)
from ansible_collections.pingone.platform.plugins.module_utils.options import CONNECTION_OPTIONS, connection_settings
from ansible_collections.pingone.platform.plugins.module_utils.regions import REGIONS, build_endpoints
from ansible_collections.pingone.platform.tests.unit.fakes import CLIENT_ID, ENV_ID, SECRET, Answer, token_answer

API = 'https://api.pingone.eu/v1'
TOKEN = 'header.payload.signature'


def client(fake_http, answers, token=TOKEN, transaction_id=None):
    http = fake_http(answers, user_agent='ua/1')
    return PingOneClient(http.transport, build_endpoints(REGIONS['EU'], ENV_ID), token, transaction_id), http


def page(items, next_href=None):
    body = {'_embedded': {'environments': items}, '_links': {'self': {'href': 'x'}}, 'count': 5, 'size': len(items)}
    if next_href:
        body['_links']['next'] = {'href': next_href}
    return Answer(200, body)


def test_get_sends_bearer_json_headers_and_transaction_id(fake_http):
    api, http = client(fake_http, [Answer(200, {'id': ENV_ID})], transaction_id='run-42')
    assert api.get('/environments/%s' % ENV_ID, query={'expand': 'billOfMaterials'}) == {'id': ENV_ID}
    request = http.sent[0]
    assert request.url == '%s/environments/%s?expand=billOfMaterials' % (API, ENV_ID)
    assert request.headers['Authorization'] == 'Bearer ' + TOKEN
    assert request.headers['Accept'] == 'application/json'
    assert request.headers['User-Agent'] == 'ua/1'
    assert request.headers['X-Ping-External-Transaction-Id'] == 'run-42'
    assert 'Content-Type' not in request.headers


def test_post_sends_json_and_is_not_retried_on_5xx(fake_http):
    api, http = client(fake_http, [Answer(502), Answer(201, {'id': 'new'})])
    with pytest.raises(Exception):
        api.request('POST', '/environments', body={'name': 'Sandbox', 'type': 'SANDBOX'})
    assert len(http.sent) == 1
    assert http.sent[0].headers['Content-Type'] == 'application/json'
    assert json.loads(http.sent[0].body) == {'name': 'Sandbox', 'type': 'SANDBOX'}


def test_token_callable_is_asked_per_request(fake_http):
    tokens = iter(['first', 'second'])
    api, http = client(fake_http, [Answer(200, {}), Answer(204)], token=lambda: next(tokens))
    api.get('/a')
    assert api.request('DELETE', '/b').json is None
    assert [r.headers['Authorization'] for r in http.sent] == ['Bearer first', 'Bearer second']


def test_pagination_follows_next_links_and_gathers_embedded_items(fake_http):
    answers = [page([{'id': 1}, {'id': 2}], API + '/environments?cursor=2'),
               page([{'id': 3}, {'id': 4}], API + '/environments?cursor=3'),
               page([{'id': 5}])]
    api, http = client(fake_http, answers)
    assert api.paginate('/environments', query={'limit': 2}) == [{'id': n} for n in range(1, 6)]
    assert [r.url for r in http.sent] == [API + '/environments?limit=2', API + '/environments?cursor=2', API + '/environments?cursor=3']


def test_pagination_of_an_empty_collection(fake_http):
    api, _http = client(fake_http, [Answer(200, {'_links': {}, 'count': 0, 'size': 0})])
    assert api.paginate('/environments') == []


def test_pagination_never_sends_the_token_off_the_api_host(fake_http):
    api, http = client(fake_http, [page([{'id': 1}], 'https://evil.example.net/v1/environments?cursor=2')])
    with pytest.raises(PingOneUnexpectedResponseError, match='off the PingOne API host'):
        api.paginate('/environments')
    assert len(http.sent) == 1


def test_pagination_loop_is_detected(fake_http):
    api, _http = client(fake_http, [page([{'id': 1}], API + '/environments'), page([{'id': 1}], API + '/environments')])
    with pytest.raises(PingOneUnexpectedResponseError, match='did not end'):
        api.paginate('/environments')


def test_url_rules(fake_http):
    api, _http = client(fake_http, [])
    assert api.url_for('https://api.pingone.com/v1/environments') == 'https://api.pingone.com/v1/environments'
    with pytest.raises(PingOneInputError, match='not on the PingOne API host'):
        api.url_for('https://example.com/v1/environments')
    with pytest.raises(PingOneInputError, match='must start with /'):
        api.url_for('environments')
    with pytest.raises(PingOneInputError):
        api.url_for('http://api.pingone.eu/v1/environments')


def test_platform_errors_keep_details(fake_http):
    body = {'id': 'c0ffee00-0000-4000-8000-000000000000', 'code': 'INVALID_DATA', 'message': 'The request could not be completed.',
            'details': [{'code': 'INVALID_VALUE', 'target': 'name', 'message': 'must be unique', 'innerError': {'allowed': 'x'}}]}
    api, _http = client(fake_http, [Answer(400, body)])
    with pytest.raises(PingOneBadRequestError) as info:
        api.request('POST', '/environments', body={})
    error = info.value
    assert (error.status, error.error, error.correlation_id) == (400, 'INVALID_DATA', 'c0ffee00-0000-4000-8000-000000000000')
    assert error.details == [{'code': 'INVALID_VALUE', 'target': 'name', 'message': 'must be unique', 'innerError': {'allowed': 'x'}}]
    assert str(error).startswith('POST %s/environments failed with HTTP 400 (INVALID_DATA: The request could not be completed.) '
                                 '(details: name must be unique)' % API)


def test_expired_token_and_missing_resource(fake_http):
    api, _http = client(fake_http, [Answer(401, {'id': 'x', 'code': 'ACCESS_FAILED', 'message': 'no'}), Answer(404, body='')])
    with pytest.raises(PingOneAuthenticationError, match='get a fresh one with pingone.platform.pingone_token'):
        api.get('/environments')
    with pytest.raises(PingOneNotFoundError, match='may not be visible yet'):
        api.get('/environments/%s' % ENV_ID)


def test_non_json_success_is_unexpected(fake_http):
    api, _http = client(fake_http, [Answer(200, body='<html>captive portal page</html>')])
    with pytest.raises(PingOneUnexpectedResponseError, match='not JSON') as info:
        api.get('/environments')
    assert 'captive portal page' not in str(info.value)


def test_from_settings_fetches_a_token_with_the_credentials(fake_http, monkeypatch):
    params = {name: entry.get('default') for name, entry in CONNECTION_OPTIONS.items()}
    params.update(environment_id=ENV_ID, client_id=CLIENT_ID, client_secret=SECRET)
    http = fake_http([token_answer(), Answer(200, {'ok': 1})])
    monkeypatch.setattr('ansible_collections.pingone.platform.plugins.module_utils.api.Transport', lambda settings, warn=None: http.transport)
    api = PingOneClient.from_settings(connection_settings(params))
    assert api.get('/environments') == {'ok': 1}
    assert http.sent[0].url.endswith('/as/token')
    assert http.sent[1].headers['Authorization'].startswith('Bearer eyJ')
