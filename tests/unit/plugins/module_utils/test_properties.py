# -*- coding: utf-8 -*-
# Copyright: (c) 2026, pingone.platform maintainers
# GNU General Public License v3.0+ (see LICENSE or https://www.gnu.org/licenses/gpl-3.0.txt)
"""Property-based tests (hypothesis): what must hold for every input, not only the examples elsewhere.

Region and host parsing, error-body parsing (typed errors only, never a crash, never a token
from the body in a message or result), Retry-After parsing and expiry computation. Example
counts are bounded (PROFILE) so `make units` stays fast; no example database is written.
"""

from __future__ import annotations

import email.utils
import json
import math
import string
from datetime import datetime, timedelta, timezone

from hypothesis import HealthCheck, assume, example, given, settings
from hypothesis import strategies as st

from ansible_collections.pingone.platform.plugins.module_utils.errors import (
    ErrorBody,
    PingOneAuthenticationError,
    PingOneBadRequestError,
    PingOneError,
    PingOneForbiddenError,
    PingOneHTTPError,
    PingOneInputError,
    PingOneNotFoundError,
    PingOneRateLimitedError,
    PingOneServerError,
    PingOneUnexpectedResponseError,
    http_error,
)
from ansible_collections.pingone.platform.plugins.module_utils.regions import REGIONS, build_endpoints, normalize_host, resolve_region
from ansible_collections.pingone.platform.plugins.module_utils.token import (
    ClientCredentials,
    format_timestamp,
    parse_token_response,
    token_error,
)
from ansible_collections.pingone.platform.plugins.module_utils.token_cache import parse_timestamp
from ansible_collections.pingone.platform.plugins.module_utils.transport import HTTPResponse, parse_retry_after

PROFILE = settings(max_examples=200, deadline=None, database=None, suppress_health_check=[HealthCheck.too_slow])
ENV = '5a1c3f0e-2b9d-4c47-9e7b-0d8f6a4b2c11'
CLIENT = '9b2d7e3c-4a1f-4e6b-8c5d-2f3a1b0c9d8e'
TOKEN_URL = 'https://auth.pingone.com/%s/as/token' % ENV
OPERATION = 'The token request to %s' % TOKEN_URL
LAST_SECOND = 253402300799   # 9999-12-31T23:59:59Z, the last second ISO 8601 with four digits can show

# --- region and host parsing ----------------------------------------------------------------

_LABEL = st.text(string.ascii_letters + string.digits, min_size=1, max_size=12)
VALID_HOSTS = st.builds(
    lambda labels, port: '.'.join(labels) + (':%d' % port if port else ''),
    st.lists(_LABEL, min_size=1, max_size=4), st.one_of(st.none(), st.integers(1, 65535)))
# Text made of what breaks host names: schemes, separators, white space, look-alikes, user info.
_TRICKY = list('aZ09-._:/@?#[]%+ ') + ['\t', '\n', '\u043e', '\u03bf', '\uff0e', '\u00e9', 'v1', '//', '{{', '}}']
TRICKY_HOSTS = st.builds(lambda scheme, parts: scheme + ''.join(parts),
                         st.sampled_from(['', 'https://', 'http://', 'HTTPS://', 'ftp://', '://']),
                         st.lists(st.sampled_from(_TRICKY), max_size=25))
ANY_HOST = st.one_of(VALID_HOSTS, TRICKY_HOSTS, st.text(max_size=40),
                     st.builds(lambda host, tail: host + tail, VALID_HOSTS, st.sampled_from(['', '/', '/v1', '/v1/', '/v2', '/as/token', ':0'])))


@PROFILE
@given(value=ANY_HOST, option=st.sampled_from(['auth_hostname', 'api_hostname', 'custom_domain']))
@example(value='auth.ping\u043ene.com', option='auth_hostname')
@example(value='https://user@auth.pingone.eu/v1', option='api_hostname')
def test_a_host_is_refused_with_the_option_named_or_normalised_for_good(value, option):
    warnings = []
    try:
        host = normalize_host(value, option, warnings.append)
    except PingOneInputError as error:
        assert error.option == option and str(error).startswith(option + ' ')
        assert '\n' not in str(error)
        return
    assert host.isascii() and host == host.lower() and host.strip() == host
    assert not any(mark in host for mark in ('/', '@', '?', '#', ' ', '://'))
    # idempotent on its output, and the output is a host build_endpoints puts in an https:// URL as is
    assert normalize_host(host, option, warnings.append) == host
    assert normalize_host('https://%s/v1' % host, option) == host
    assert build_endpoints(REGIONS['EU'], ENV, auth_hostname=host).token_url == 'https://%s/%s/as/token' % (host, ENV)


@PROFILE
@given(host=VALID_HOSTS)
def test_every_valid_host_is_accepted_lower_cased(host):
    assert normalize_host(host, 'auth_hostname') == host.lower()
    assert normalize_host('HTTPS://' + host + '/', 'auth_hostname') == host.lower()


def _spellings():
    return [(region, alias) for region in REGIONS.values() for alias in (region.code, region.tld, region.sdk_name)]


@PROFILE
@given(spelling=st.sampled_from(_spellings()), flips=st.lists(st.booleans(), min_size=25, max_size=25),
       padding=st.sampled_from(['', ' ', '\t', ' \n ']))
def test_every_spelling_of_a_region_in_any_case_resolves(spelling, flips, padding):
    region, alias = spelling
    mixed = ''.join(char.upper() if flip else char.lower() for char, flip in zip(alias, flips))
    assert resolve_region(padding + mixed + padding) is region
    assert resolve_region(region.code) is region   # idempotent on its output


@PROFILE
@given(value=st.one_of(st.text(max_size=60), st.sampled_from(['US', 'eu-west-1', 'com.eu', '', ' ', 'NAA'])))
def test_any_region_text_is_a_region_or_a_refusal_naming_region(value):
    try:
        region = resolve_region(value)
    except PingOneInputError as error:
        assert error.option == 'region' and str(error).startswith('region ')
        return
    assert region in REGIONS.values()


# --- error bodies ---------------------------------------------------------------------------

_B64URL = string.ascii_letters + string.digits + '-_'
# A token as PingOne issues them (a JWT: base64url JSON header, claims, signature) ...
JWTS = st.builds(lambda claims, signature: 'eyJhbGciOiJSUzI1NiJ9.eyJ%s.%s' % (claims, signature),
                 st.text(_B64URL, min_size=8, max_size=60), st.text(_B64URL, min_size=8, max_size=60))
# ... and an opaque one (other issuers, proxies): anything long and random.
OPAQUE = st.text(_B64URL + '.~+/', min_size=24, max_size=80).filter(lambda text: not text.isdigit())
JSON_VALUES = st.recursive(st.one_of(st.none(), st.booleans(), st.integers(), st.floats(allow_nan=False), st.text(max_size=30)),
                           lambda inner: st.one_of(st.lists(inner, max_size=4), st.dictionaries(st.text(max_size=12), inner, max_size=4)),
                           max_leaves=12)
ERROR_KEYS = ('error', 'error_description', 'code', 'message', 'id', 'details')
STATUSES = st.integers(100, 599).filter(lambda status: status != 200)


def _body_holding(token, where, extra):
    """A body that carries ``token`` where PingOne never puts one, next to arbitrary error fields."""
    if where == 'html':
        return ('<html><body><p>Session %s expired</p></body></html>' % token).encode()
    if where == 'text':
        return ('upstream said: Authorization: Bearer %s' % token).encode()
    body = dict(extra)
    if where == 'access_token':
        body['access_token'] = token
    elif where == 'nested':
        body['context'] = {'request': {'headers': {'authorization': 'Bearer ' + token}}}
    else:   # a field whose text is echoed: only a JWT (the shape of a PingOne token) is recognised there
        body[where] = token if where not in ('error_description', 'message') else 'bad request from Bearer %s (Correlation ID: x1)' % token
    return json.dumps(body).encode()


def _texts(error):
    return [str(error), json.dumps(error.to_result(), default=str)]


@PROFILE
@given(body=st.binary(max_size=300), status=STATUSES)
@example(body=b'{"error": 42, "error_description": ["a"]}', status=400)
@example(body=b'[' * 5000, status=502)
@example(body=b'{"details": [{"innerError": {"x": "y"}}, 3, "z"]}', status=400)
def test_any_bytes_and_any_status_give_a_typed_error(body, status):
    parsed = ErrorBody.parse(body)
    for text in (parsed.error, parsed.description, parsed.correlation_id):
        assert text is None or ('\n' not in text and len(text) <= 503)
    error = http_error(status, body, url=TOKEN_URL, operation=OPERATION, attempts=1)
    assert isinstance(error, PingOneHTTPError) and error.status == status and '\n' not in str(error)
    expected = {401: PingOneAuthenticationError, 403: PingOneForbiddenError, 404: PingOneNotFoundError, 429: PingOneRateLimitedError}
    if status in expected:
        wanted = expected[status]
    elif status >= 500 or status == 408:
        wanted = PingOneServerError
    else:
        wanted = PingOneBadRequestError
    assert error.__class__ is wanted   # that class exactly, not a subclass
    assert isinstance(token_error(HTTPResponse(status, {}, body, TOKEN_URL), _ENDPOINTS, _CREDENTIALS, OPERATION), PingOneError)


_ENDPOINTS = build_endpoints(REGIONS['NA'], ENV)
_CREDENTIALS = ClientCredentials(client_id=CLIENT, client_secret='Sëcret+/=%:~&-property')


@PROFILE
@given(token=JWTS, status=STATUSES, where=st.sampled_from(['html', 'text', 'access_token', 'nested', *ERROR_KEYS]),
       extra=st.dictionaries(st.sampled_from(ERROR_KEYS), JSON_VALUES, max_size=4))
def test_a_jwt_in_an_error_body_never_reaches_a_message_or_result(token, status, where, extra):
    body = _body_holding(token, where, extra)
    for error in (http_error(status, body, url=TOKEN_URL, operation=OPERATION),
                  token_error(HTTPResponse(status, {}, body, TOKEN_URL), _ENDPOINTS, _CREDENTIALS, OPERATION)):
        assert not any(token in text for text in _texts(error)), error.to_result()


@PROFILE
@given(token=OPAQUE, status=STATUSES, where=st.sampled_from(['html', 'access_token', 'nested']),
       extra=st.dictionaries(st.sampled_from(ERROR_KEYS), JSON_VALUES, max_size=4))
def test_an_opaque_token_outside_the_error_fields_never_reaches_a_message_or_result(token, status, where, extra):
    assume(token not in json.dumps(extra))   # the error fields may say anything; the token is elsewhere
    body = _body_holding(token, where, extra)
    for error in (http_error(status, body, url=TOKEN_URL, operation=OPERATION),
                  token_error(HTTPResponse(status, {}, body, TOKEN_URL), _ENDPOINTS, _CREDENTIALS, OPERATION)):
        assert not any(token in text for text in _texts(error)), error.to_result()


@PROFILE
@given(token=st.one_of(JWTS, OPAQUE), data=st.dictionaries(st.sampled_from(['token_type', 'expires_in', 'scope', 'id_token']), JSON_VALUES),
       content_type=st.sampled_from(['application/json', 'text/html', '']))
@example(token='eyJhbGciOiJSUzI1NiJ9.eyJzdWIiOiJ4In0.c2lnbmF0dXJl', data={'token_type': 'MAC'}, content_type='application/json')
def test_a_200_that_is_not_a_usable_token_never_echoes_the_body(token, data, content_type):
    body = dict(data, access_token=token)
    for raw in (json.dumps(body).encode(), b'<html>' + token.encode(), token.encode()):
        try:
            parsed = parse_token_response(HTTPResponse(200, {'Content-Type': content_type}, raw, TOKEN_URL), 1.0e9, OPERATION)
        except PingOneUnexpectedResponseError as error:
            assert not any(token in text for text in _texts(error))
        else:
            assert parsed.access_token == token and parsed.expires_in > 0


# --- Retry-After ----------------------------------------------------------------------------

NOW = 1.8e9   # a fixed "now" (2027), so a date's wait is exact


@PROFILE
@given(value=st.one_of(st.text(max_size=40), st.from_regex(r'\A[0-9]{1,12}\Z'), st.just(None),
                       st.builds(lambda day, rest: day + rest, st.sampled_from(['Mon, ', 'Wed, ', '']), st.text(max_size=30))))
@example(value='\u00b2')           # a digit to str.isdigit(), not to the HTTP grammar
@example(value='Wed, 01 Jan 0001 00:00:00 +2359')
@example(value='Fri, 31 Dec 9999 23:59:59 -2359')
@example(value='-1')
def test_retry_after_is_none_or_a_finite_wait_of_at_most_what_it_says(value):
    wait = parse_retry_after(value, now=NOW)
    if wait is None:
        return
    assert isinstance(wait, float) and math.isfinite(wait) and wait >= 0
    text = str(value).strip()
    if text.isascii() and text.isdigit():
        assert wait == float(text)


@PROFILE
@given(when=st.datetimes(min_value=datetime(1970, 1, 2), max_value=datetime(9999, 12, 30), timezones=st.just(timezone.utc)))
def test_an_http_date_means_the_seconds_until_then_and_never_more(when):
    when = when.replace(microsecond=0)
    wait = parse_retry_after(email.utils.format_datetime(when, usegmt=True), now=NOW)
    assert wait == max(0.0, when.timestamp() - NOW)


@PROFILE
@given(seconds=st.integers(0, 10 ** 10 - 1))   # up to 10 digits; longer values are ignored
def test_delta_seconds_are_read_as_given(seconds):
    assert parse_retry_after(' %d ' % seconds, now=NOW) == float(seconds)


# --- expiry ---------------------------------------------------------------------------------

@PROFILE
@given(epoch=st.floats(0, LAST_SECOND, allow_nan=False))
def test_format_timestamp_round_trips_to_the_whole_second(epoch):
    text = format_timestamp(epoch)
    assert len(text) == 20 and text.endswith('Z')
    assert parse_timestamp(text) == math.floor(epoch)


@PROFILE
@given(requested_at=st.floats(1.0e9, 2.5e9, allow_nan=False),
       expires_in=st.one_of(st.integers(-10, 10 ** 12), st.integers(1, 86400).map(str), st.text(max_size=8), st.floats(allow_nan=True)))
@example(requested_at=1.8e9, expires_in='\u00b2')
@example(requested_at=1.8e9, expires_in=10 ** 20)
@example(requested_at=1.8e9, expires_in=True)
def test_expiry_is_requested_at_plus_expires_in_or_the_answer_is_refused(requested_at, expires_in):
    body = json.dumps({'access_token': 'eyJ.eyJ.sig', 'token_type': 'Bearer', 'expires_in': expires_in}).encode()
    try:
        token = parse_token_response(HTTPResponse(200, {}, body, TOKEN_URL), requested_at, OPERATION)
    except PingOneUnexpectedResponseError as error:
        assert 'no valid expires_in' in str(error)
        return
    assert token.expires_in == int(expires_in) > 0
    assert token.expires_at_epoch == requested_at + token.expires_in
    assert parse_timestamp(token.expires_at) == math.floor(requested_at + token.expires_in)
    expected = datetime.fromtimestamp(int(requested_at), timezone.utc) + timedelta(seconds=token.expires_in)
    assert abs(datetime.strptime(token.expires_at, '%Y-%m-%dT%H:%M:%SZ').replace(tzinfo=timezone.utc) - expected) <= timedelta(seconds=1)
