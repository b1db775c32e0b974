# -*- coding: utf-8 -*-
# Copyright: (c) 2026, pingone.platform maintainers
# GNU General Public License v3.0+ (see LICENSE or https://www.gnu.org/licenses/gpl-3.0.txt)
"""client_secret_jwt and private_key_jwt: the exact request, every claim, fresh assertions on retry, errors."""

from __future__ import annotations

import base64
import json
from urllib.parse import parse_qsl, quote, quote_plus

import jwt
import pytest

from ansible_collections.pingone.platform.plugins.module_utils.assertion import ASSERTION_TYPE, assertion_claims
from ansible_collections.pingone.platform.plugins.module_utils.errors import PingOneAuthenticationError
from ansible_collections.pingone.platform.plugins.module_utils.regions import REGIONS, build_endpoints
from ansible_collections.pingone.platform.plugins.module_utils.token import ClientCredentials, build_token_request, request_token
from ansible_collections.pingone.platform.tests.unit.fakes import CLIENT_ID, ENV_ID, Answer, token_answer
from ansible_collections.pingone.platform.tests.unit.keys import LONG_SECRET, rsa_key

UA = 'pingone.platform/test'
NOW = 1_800_000_000
TOKEN_URL = 'https://auth.pingone.eu/%s/as/token' % ENV_ID


def jwt_credentials(method='client_secret_jwt', algorithm=None, scopes=(), key_id=None, lifetime=300):
    if method == 'private_key_jwt':
        return ClientCredentials(CLIENT_ID, None, method, tuple(scopes), jwt_algorithm=algorithm or 'RS256', private_key=rsa_key(),
                                 key_id=key_id, assertion_lifetime=lifetime)
    return ClientCredentials(CLIENT_ID, LONG_SECRET, method, tuple(scopes), jwt_algorithm=algorithm or 'HS256', key_id=key_id,
                             assertion_lifetime=lifetime)


def decode(assertion, method, algorithm, audience=TOKEN_URL):
    key = rsa_key().public_key() if method == 'private_key_jwt' else LONG_SECRET.encode()
    claims = jwt.decode(assertion, key, algorithms=[algorithm], audience=audience, options={'verify_exp': False, 'verify_iat': False})
    return jwt.get_unverified_header(assertion), claims


def secret_forms():
    return [LONG_SECRET, quote_plus(LONG_SECRET), quote(LONG_SECRET, safe=''), base64.b64encode(LONG_SECRET.encode()).decode(),
            base64.b64encode(('%s:%s' % (quote_plus(CLIENT_ID), quote_plus(LONG_SECRET))).encode()).decode()]


@pytest.mark.parametrize('method, algorithm', [('client_secret_jwt', 'HS256'), ('client_secret_jwt', 'HS384'), ('client_secret_jwt', 'HS512'),
                                               ('private_key_jwt', 'RS256'), ('private_key_jwt', 'RS384'), ('private_key_jwt', 'RS512')])
def test_request_body_and_every_claim(method, algorithm):
    headers, body = build_token_request(jwt_credentials(method, algorithm), UA, TOKEN_URL, clock=lambda: NOW + 0.9)
    assert headers == {'Content-Type': 'application/x-www-form-urlencoded', 'Accept': 'application/json', 'User-Agent': UA}
    form = parse_qsl(body.decode('ascii'), keep_blank_values=True)
    assert [name for name, _value in form] == ['grant_type', 'client_assertion_type', 'client_assertion']
    assert form[0] == ('grant_type', 'client_credentials') and form[1] == ('client_assertion_type', ASSERTION_TYPE)
    assert body.startswith(b'grant_type=client_credentials&client_assertion_type=urn%3Aietf%3Aparams%3Aoauth%3A'
                           b'client-assertion-type%3Ajwt-bearer&client_assertion=ey')
    header, claims = decode(form[2][1], method, algorithm)
    assert header == {'alg': algorithm, 'typ': 'JWT'}
    jti = claims.pop('jti')
    assert claims == {'iss': CLIENT_ID, 'sub': CLIENT_ID, 'aud': TOKEN_URL, 'iat': NOW, 'exp': NOW + 300}
    assert len(jti) == 43 and jti.replace('-', '').replace('_', '').isalnum()   # 32 random bytes, base64url
    for form_of_secret in secret_forms():
        assert form_of_secret not in body.decode('ascii')


def test_scope_key_id_and_lifetime():
    credentials = jwt_credentials('private_key_jwt', 'RS256', scopes=('p1:read:user', 'p1:update:user'), key_id='key-2026', lifetime=3600)
    _headers, body = build_token_request(credentials, UA, TOKEN_URL, clock=lambda: NOW)
    form = parse_qsl(body.decode('ascii'))
    assert [name for name, _value in form] == ['grant_type', 'scope', 'client_assertion_type', 'client_assertion']
    assert form[1] == ('scope', 'p1:read:user p1:update:user')
    header, claims = decode(form[3][1], 'private_key_jwt', 'RS256')
    assert header == {'alg': 'RS256', 'typ': 'JWT', 'kid': 'key-2026'} and claims['exp'] - claims['iat'] == 3600


def test_audience_is_the_custom_domain_token_url_when_one_is_used(fake_http):
    ends = build_endpoints(REGIONS['EU'], None, custom_domain='auth.example.com')
    http = fake_http([token_answer()], user_agent=UA)
    request_token(http.transport, ends, jwt_credentials(), clock=lambda: NOW)
    assert http.sent[0].url == 'https://auth.example.com/as/token'
    assertion = dict(parse_qsl(http.sent[0].body.decode()))['client_assertion']
    assert decode(assertion, 'client_secret_jwt', 'HS256', audience='https://auth.example.com/as/token')[1]['aud'] == ends.token_url


def test_wrong_key_does_not_verify():
    _headers, body = build_token_request(jwt_credentials('private_key_jwt'), UA, TOKEN_URL, clock=lambda: NOW)
    assertion = dict(parse_qsl(body.decode()))['client_assertion']
    with pytest.raises(jwt.InvalidSignatureError):
        jwt.decode(assertion, rsa_key(2048, 1).public_key(), algorithms=['RS256'], audience=TOKEN_URL, options={'verify_exp': False, 'verify_iat': False})


def test_every_assertion_has_its_own_jti():
    bodies = {build_token_request(jwt_credentials(), UA, TOKEN_URL, clock=lambda: NOW)[1] for _attempt in range(5)}
    assert len(bodies) == 5


def test_a_retry_sends_a_newly_signed_assertion(fake_http):
    http = fake_http([Answer(503), Answer(502), token_answer()], user_agent=UA)
    times = iter([NOW, NOW, NOW + 2, NOW + 5])
    token = request_token(http.transport, build_endpoints(REGIONS['EU'], ENV_ID), jwt_credentials(), clock=lambda: next(times))
    assert token.access_token and len(http.sent) == 3
    claims = [decode(dict(parse_qsl(sent.body.decode()))['client_assertion'], 'client_secret_jwt', 'HS256')[1] for sent in http.sent]
    assert len({claim['jti'] for claim in claims}) == 3
    assert [claim['iat'] for claim in claims] == [NOW, NOW + 2, NOW + 5]


def test_jwt_methods_need_the_token_url():
    with pytest.raises(ValueError, match='needs the token URL'):
        build_token_request(jwt_credentials(), UA)


def test_claims_helper_keeps_a_given_jti():
    assert assertion_claims('c', 'https://x/as/token', 10.7, 60, jti='j') == {
        'iss': 'c', 'sub': 'c', 'aud': 'https://x/as/token', 'iat': 10, 'exp': 70, 'jti': 'j'}


def oauth(status, error, description):
    return Answer(status, {'error': error, 'error_description': '%s (Correlation ID: c0ffee)' % description})


@pytest.mark.parametrize('method, key_id, words', [
    ('private_key_jwt', 'k1', 'PRIVATE_KEY_JWT, that the JWKS of the application holds the public key of private_key under key_id k1'),
    ('private_key_jwt', None, 'that the JWKS of the application holds the public key of private_key, and that the clock'),
    ('client_secret_jwt', None, 'CLIENT_SECRET_JWT, that client_secret is its current secret, and that the clock of this host is right'),
])
def test_refused_assertion_advice(fake_http, method, key_id, words):
    http = fake_http([oauth(401, 'invalid_client', 'Request denied: Invalid client credentials')], user_agent=UA)
    with pytest.raises(PingOneAuthenticationError) as info:
        request_token(http.transport, build_endpoints(REGIONS['EU'], ENV_ID), jwt_credentials(method, key_id=key_id), clock=lambda: NOW)
    message = str(info.value)
    assert message.startswith('PingOne refused the client assertion (HTTP 401 invalid_client: Request denied: Invalid client credentials)')
    assert words in message and 'environment %s' % ENV_ID in message
    assertion = dict(parse_qsl(http.sent[0].body.decode()))['client_assertion']
    assert assertion not in json.dumps(info.value.to_result()) and assertion.split('.')[2] not in message
    assert len(http.sent) == 1


@pytest.mark.parametrize('method, setting, carried', [
    ('client_secret_jwt', 'CLIENT_SECRET_JWT', 'a client assertion JWT signed with the client secret'),
    ('private_key_jwt', 'PRIVATE_KEY_JWT', 'a client assertion JWT signed with a private key'),
])
def test_unsupported_method_names_the_jwt_method(fake_http, method, setting, carried):
    http = fake_http([oauth(401, 'invalid_client', 'Request denied: Unsupported authentication method')], user_agent=UA)
    with pytest.raises(PingOneAuthenticationError) as info:
        request_token(http.transport, build_endpoints(REGIONS['EU'], ENV_ID), jwt_credentials(method), clock=lambda: NOW)
    assert 'because the application does not use %s: the request carried %s (auth_method %s)' % (setting, carried, method) in str(info.value)
