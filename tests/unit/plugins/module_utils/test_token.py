# -*- coding: utf-8 -*-
# Copyright: (c) 2026, pingone.platform maintainers
# GNU General Public License v3.0+ (see LICENSE or https://www.gnu.org/licenses/gpl-3.0.txt)

from __future__ import annotations

import json

import pytest
from requests.utils import DEFAULT_ACCEPT_ENCODING

from ansible_collections.pingone.platform.plugins.module_utils.errors import (
    PingOneAuthenticationError,
    PingOneBadRequestError,
    PingOneNotFoundError,
    PingOneRateLimitedError,
    PingOneServerError,
    PingOneUnexpectedResponseError,
)
from ansible_collections.pingone.platform.plugins.module_utils.regions import REGIONS, build_endpoints
from ansible_collections.pingone.platform.plugins.module_utils.token import (
    ClientCredentials,
    basic_authorization,
    format_timestamp,
    request_token,
)
from ansible_collections.pingone.platform.tests.unit.fakes import CLIENT_ID, ENV_ID, SECRET, Answer, token_answer

UA = 'pingone.platform/test'
TOKEN_URL = 'https://auth.pingone.eu/%s/as/token' % ENV_ID
# base64 of "<client id>:<secret form-URL-encoded>", worked out by hand from RFC 6749 section 2.3.1.
BASIC = ('Basic OWIyZDdlM2MtNGExZi00ZTZiLThjNWQtMmYzYTFiMGM5ZDhlOlMlQzMlQUJjcmV0JTJCJTJGJTNEJTI1JTNBfiUyNi11bml0')
CORRELATION = '2f0e1d2c-3b4a-4958-8a7b-6c5d4e3f2a1b'


def endpoints(region='EU', custom_domain=None):
    return build_endpoints(REGIONS[region], None if custom_domain else ENV_ID, custom_domain=custom_domain)


def fetch(fake_http, answers, method='client_secret_basic', scopes=(), ends=None, retries=3):
    http = fake_http(answers, retries=retries, user_agent=UA)
    credentials = ClientCredentials(CLIENT_ID, SECRET, method, tuple(scopes))
    token = request_token(http.transport, ends or endpoints(), credentials, clock=lambda: 1_800_000_000)
    return token, http


def oauth(status, error, description):
    return Answer(status, {'error': error, 'error_description': '%s (Correlation ID: %s)' % (description, CORRELATION)})


def test_basic_request_is_exactly_the_seed_request(fake_http):
    token, http = fetch(fake_http, [token_answer()])
    request = http.sent[0]
    assert (request.method, request.url) == ('POST', TOKEN_URL)
    assert dict(request.headers) == {
        'User-Agent': UA, 'Accept-Encoding': DEFAULT_ACCEPT_ENCODING, 'Accept': 'application/json', 'Connection': 'keep-alive',
        'Content-Type': 'application/x-www-form-urlencoded', 'Authorization': BASIC, 'Content-Length': '29'}
    assert request.body == b'grant_type=client_credentials'
    assert token.access_token.startswith('eyJ')


def test_post_request_carries_the_credentials_in_the_body_only(fake_http):
    _token, http = fetch(fake_http, [token_answer()], method='client_secret_post', scopes=['p1:read:user', 'p1:update:user'])
    request = http.sent[0]
    assert 'Authorization' not in request.headers
    assert request.body == (b'grant_type=client_credentials&scope=p1%3Aread%3Auser+p1%3Aupdate%3Auser'
                            b'&client_id=9b2d7e3c-4a1f-4e6b-8c5d-2f3a1b0c9d8e&client_secret=S%C3%ABcret%2B%2F%3D%25%3A~%26-unit')


def test_basic_with_scopes_never_puts_the_secret_in_the_body(fake_http):
    _token, http = fetch(fake_http, [token_answer(scope='p1:read:user')], scopes=['p1:read:user'])
    assert http.sent[0].body == b'grant_type=client_credentials&scope=p1%3Aread%3Auser'
    assert http.sent[0].headers['Authorization'] == BASIC


def test_plain_secrets_encode_like_the_seed():
    # The seed's Postman placeholders, without form encoding, give its literal header; PingOne-made
    # secrets (letters, digits, - . _ ~) are left alone by the encoding, so both agree in practice.
    assert basic_authorization('adminAppID', 'adminAppSecret') == 'Basic ' + 'YWRtaW5BcHBJRDphZG1pbkFwcFNlY3JldA=='


def test_custom_domain_token_url(fake_http):
    _token, http = fetch(fake_http, [token_answer()], ends=endpoints(custom_domain='login.example.com'))
    assert http.sent[0].url == 'https://login.example.com/as/token'


def test_token_fields_and_expiry_from_the_time_of_sending(fake_http):
    token, _http = fetch(fake_http, [token_answer(scope='p1:read:user')])
    result = token.as_result(endpoints())
    assert result == {
        'access_token': 'eyJhbGciOiJSUzI1NiJ9.eyJzdWIiOiJ4In0.c2ln', 'token_type': 'Bearer', 'expires_in': 3600,
        'expires_at': '2027-01-15T09:00:00Z', 'scope': 'p1:read:user', 'environment_id': ENV_ID, 'region': 'EU',
        'token_url': TOKEN_URL, 'auth_url': 'https://auth.pingone.eu', 'api_url': 'https://api.pingone.eu/v1',
        'client_id': None, 'scopes': []}
    assert 'eyJ' not in repr(token)
    assert format_timestamp(0) == '1970-01-01T00:00:00Z'


def test_scope_absent_is_none_and_bearer_is_case_insensitive(fake_http):
    token, _http = fetch(fake_http, [token_answer(token_type='bearer', expires_in='60')])
    assert (token.scope, token.token_type, token.expires_in) == (None, 'bearer', 60)


def test_retried_token_request_succeeds(fake_http):
    token, http = fetch(fake_http, [Answer(503), Answer(429, headers={'Retry-After': '1'}), token_answer()])
    assert token.token_type == 'Bearer' and len(http.sent) == 3 and http.sleeps[1] == 1.0


def check_error(error, cls, status, code, description):
    assert isinstance(error, cls), type(error)
    assert (error.status, error.error, error.error_description, error.correlation_id) == (status, code, description, CORRELATION)
    assert error.url == TOKEN_URL
    message = str(error)
    assert SECRET not in message and BASIC[6:] not in message and 'Sëcret' not in message
    assert message.count('. ') == 0 and message.endswith('.'), message   # one sentence
    return message


def fail(fake_http, answers, **kwargs):
    with pytest.raises(Exception) as info:
        fetch(fake_http, answers, **kwargs)
    return info.value


def test_invalid_client_credentials(fake_http):
    error = fail(fake_http, [oauth(401, 'invalid_client', 'Request denied: Invalid client credentials')])
    message = check_error(error, PingOneAuthenticationError, 401, 'invalid_client', 'Request denied: Invalid client credentials')
    assert 'check that client_id and client_secret are those of an enabled worker application in environment %s' % ENV_ID in message


@pytest.mark.parametrize('method, setting, carried', [
    ('client_secret_basic', 'CLIENT_SECRET_BASIC', 'an HTTP Basic Authorization header'),
    ('client_secret_post', 'CLIENT_SECRET_POST', 'the form body'),
])
def test_unsupported_authentication_method_names_what_was_sent(fake_http, method, setting, carried):
    error = fail(fake_http, [oauth(401, 'invalid_client', 'Request denied: Unsupported authentication method')], method=method)
    message = check_error(error, PingOneAuthenticationError, 401, 'invalid_client', 'Request denied: Unsupported authentication method')
    assert 'does not use %s' % setting in message and carried in message and '(auth_method %s)' % method in message
    assert 'Token Endpoint Authentication Method' in message


@pytest.mark.parametrize('status, code', [(400, 'unauthorized_client'), (401, 'invalid_client'), (400, 'invalid_request')])
def test_missing_grant_type(fake_http, status, code):
    error = fail(fake_http, [oauth(status, code, 'Client is missing required grant type: CLIENT_CREDENTIALS')])
    message = check_error(error, PingOneAuthenticationError, status, code, 'Client is missing required grant type: CLIENT_CREDENTIALS')
    assert 'enable the Client Credentials grant type on application %s' % CLIENT_ID in message


@pytest.mark.parametrize('code', ['invalid_scope', 'invalid_request'])
def test_scope_not_granted(fake_http, code):
    error = fail(fake_http, [oauth(400, code, 'At least one scope must be granted')], scopes=['p1:read:secret'])
    message = check_error(error, PingOneAuthenticationError, 400, code, 'At least one scope must be granted')
    assert 'granted none of the requested scopes' in message and 'leave scopes unset' in message


def test_unknown_environment_names_environment_and_region(fake_http):
    error = fail(fake_http, [Answer(404, {'id': CORRELATION, 'code': 'NOT_FOUND', 'message': 'The requested resource was not found.'})])
    message = check_error(error, PingOneNotFoundError, 404, 'NOT_FOUND', 'The requested resource was not found.')
    assert 'environment_id is the environment that holds the worker application' in message
    assert 'region EU (https://auth.pingone.eu) is its region' in message


def test_unknown_environment_behind_custom_domain(fake_http):
    with pytest.raises(PingOneNotFoundError, match='check custom_domain'):
        fetch(fake_http, [Answer(404, body='<html>nope</html>')], ends=endpoints(custom_domain='login.example.com'))


def test_rate_limited_after_the_last_retry(fake_http):
    limited = Answer(429, {'id': CORRELATION, 'code': 'REQUEST_LIMITED', 'message': 'The request was rate limited.'})
    error = fail(fake_http, [limited] * 3, retries=2)
    message = check_error(error, PingOneRateLimitedError, 429, 'REQUEST_LIMITED', 'The request was rate limited.')
    assert 'after 3 attempts' in message and 'rate limited' in message


@pytest.mark.parametrize('status', [500, 502, 503, 504])
def test_server_errors_after_the_last_retry(fake_http, status):
    error = fail(fake_http, [Answer(status, {'id': CORRELATION, 'code': 'UNEXPECTED_ERROR', 'message': 'Boom.'})] * 2, retries=1)
    message = check_error(error, PingOneServerError, status, 'UNEXPECTED_ERROR', 'Boom.')
    assert 'HTTP %d' % status in message and 'after 2 attempts' in message and 'status.pingidentity.com' in message


def test_forbidden(fake_http):
    error = fail(fake_http, [Answer(403, {'id': CORRELATION, 'code': 'ACCESS_FAILED', 'message': 'Denied.'})])
    message = check_error(error, PingOneAuthenticationError, 403, 'ACCESS_FAILED', 'Denied.')
    assert 'is enabled in environment %s and that no network or IP restriction applies' % ENV_ID in message


def test_other_oauth_errors_say_what_pingone_said(fake_http):
    error = fail(fake_http, [oauth(400, 'unsupported_grant_type', 'Unsupported grant type')])
    message = check_error(error, PingOneBadRequestError, 400, 'unsupported_grant_type', 'Unsupported grant type')
    assert 'HTTP 400 unsupported_grant_type: Unsupported grant type' in message


TOKEN = 'eyJhbGciOiJSUzI1NiJ9.eyJzdWIiOiJzZWNyZXQtdG9rZW4ifQ.c2ln'


@pytest.mark.parametrize('answer, what', [
    (Answer(200, body='<html><body>Please log in to the hotel Wi-Fi</body></html>', headers={'Content-Type': 'text/html'}), 'an HTML page'),
    (Answer(200, body=b'\xff\xfe' + TOKEN.encode()), 'a body that is not JSON'),
    (Answer(200, body='access_token=%s' % TOKEN), 'a body that is not JSON'),
    (Answer(200, [TOKEN]), 'JSON that is not an object'),
    (Answer(200, {'token': TOKEN, 'token_type': 'Bearer', 'expires_in': 3600}), 'JSON without an access_token'),
    (Answer(200, {'access_token': '', 'token_type': 'Bearer', 'expires_in': 3600}), 'JSON without an access_token'),
    (Answer(200, {'access_token': TOKEN, 'token_type': 'mac', 'expires_in': 3600}), 'a token of type mac rather than Bearer'),
    (Answer(200, {'access_token': TOKEN, 'token_type': TOKEN, 'expires_in': 3600}), 'a token of type another kind rather than Bearer'),
    (Answer(200, {'access_token': TOKEN, 'expires_in': 3600}), 'a token of type another kind rather than Bearer'),
    (Answer(200, {'access_token': TOKEN, 'token_type': 'Bearer'}), 'no valid expires_in'),
    (Answer(200, {'access_token': TOKEN, 'token_type': 'Bearer', 'expires_in': -5}), 'no valid expires_in'),
    (Answer(200, {'access_token': TOKEN, 'token_type': 'Bearer', 'expires_in': True}), 'no valid expires_in'),
])
def test_unexpected_success_bodies_are_refused_without_echo(fake_http, answer, what):
    error = fail(fake_http, [answer])
    assert isinstance(error, PingOneUnexpectedResponseError)
    assert 'answered with HTTP 200 and %s instead of a PingOne token' % what in str(error)
    assert TOKEN not in json.dumps(error.to_result()) and 'hotel' not in str(error)
    assert error.status == 200 and error.url == TOKEN_URL
