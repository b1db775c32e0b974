# -*- coding: utf-8 -*-
# Copyright: (c) 2026, pingone.platform maintainers
# GNU General Public License v3.0+ (see LICENSE or https://www.gnu.org/licenses/gpl-3.0.txt)

from __future__ import annotations

import json

import pytest

from ansible_collections.pingone.platform.plugins.module_utils.errors import (
    NOTHING_SENT,
    ErrorBody,
    PingOneError,
    PingOneInputError,
    PingOneServerError,
    http_error,
)


def test_oauth_body_splits_out_the_correlation_id():
    body = b'{"error":"invalid_client","error_description":"Request denied: Invalid client credentials (Correlation ID: 7d1c-42)"}'
    parsed = ErrorBody.parse(body)
    assert (parsed.error, parsed.description, parsed.correlation_id) == ('invalid_client', 'Request denied: Invalid client credentials', '7d1c-42')


def test_platform_body_uses_id_as_correlation_id():
    parsed = ErrorBody.parse(b'{"id":"abc-1","code":"NOT_FOUND","message":"Nope.","details":"not a list"}')
    assert (parsed.error, parsed.description, parsed.correlation_id, parsed.details) == ('NOT_FOUND', 'Nope.', 'abc-1', None)


@pytest.mark.parametrize('body', [b'', b'<html>502 Bad Gateway</html>', b'\xff\xfe\x00', b'[1,2]', b'null', b'{"x": 1}',
                                  b'[' * 100000, b'{"error": 42, "error_description": ["a"]}'])
def test_anything_else_gives_empty_fields(body):
    parsed = ErrorBody.parse(body)
    assert (parsed.error, parsed.description, parsed.correlation_id, parsed.summary()) == (None, None, None, '')


def test_long_or_multiline_text_is_trimmed_and_odd_codes_dropped():
    parsed = ErrorBody.parse(('{"error": "bad code with spaces", "error_description": "line1\\nline2 %s"}' % ('x' * 900)).encode())
    assert parsed.error is None
    assert '\n' not in parsed.description and len(parsed.description) <= 503


def test_to_result_has_only_known_fields():
    error = PingOneError('Something failed: check it.', status=500, url='https://x')
    assert error.to_result() == {'msg': 'Something failed: check it.', 'status': 500, 'url': 'https://x'}


def test_http_error_for_gateway_html_does_not_echo_the_body():
    error = http_error(502, b'<html><body>secret-ish gateway page</body></html>', url='https://x/v1/a', operation='GET https://x/v1/a',
                       attempts=4)
    assert isinstance(error, PingOneServerError)
    assert str(error) == ('GET https://x/v1/a failed with HTTP 502 after 4 attempts: PingOne may be degraded: '
                          'check status.pingidentity.com and run the task again later.')


@pytest.mark.parametrize('text, shown', [
    ('Authorization: Basic MmU0YTZjOGUtMGIxZDpTZWNyZXQ=', 'Authorization: Basic [redacted]'),
    ('invalid token Bearer eyJhbGciOiJSUzI1NiJ9.eyJzdWIiOiJ4In0.c2ln', 'invalid token Bearer [redacted]'),
    ('token eyJhbGciOiJIUzI1NiJ9.e30.c2ln expired', 'token [redacted] expired'),
    ('Basic authentication is required', 'Basic authentication is required'),   # prose stays
    ('WWW-Authenticate: Bearer realm="PingOne"', 'WWW-Authenticate: Bearer realm="PingOne"'),
])
def test_credentials_an_error_answer_repeats_are_redacted(text, shown):
    body = json.dumps({'error': 'invalid_request', 'error_description': text, 'details': [{'innerError': {'header': text}}]})
    parsed = ErrorBody.parse(body.encode())
    assert parsed.description == shown


def test_a_jwt_is_never_taken_as_an_error_code_or_correlation_id():
    parsed = ErrorBody.parse(b'{"code": "eyJhbGciOiJIUzI1NiJ9.e30.c2ln", "id": "eyJhbGciOiJIUzI1NiJ9.e30.c2ln", "message": "x"}')
    assert (parsed.error, parsed.correlation_id) == (None, None)


def test_allowed_values_are_kept_and_shown():
    body = json.dumps({'id': 'c1', 'code': 'INVALID_DATA', 'message': 'One or more validation errors were in the request.',
                       'details': [{'code': 'INVALID_VALUE', 'target': 'scope', 'message': 'not applicable',
                                    'innerError': {'allowedValues': ['ENVIRONMENT', 'POPULATION'], 'nested': {'x': 1}}}]}).encode()
    error = http_error(400, body, url='https://api.pingone.com/v1/x', operation='POST x')
    assert error.details[0]['innerError'] == {'allowedValues': ['ENVIRONMENT', 'POPULATION']}
    assert '(details: scope not applicable (allowed: ENVIRONMENT, POPULATION))' in str(error)


GENERAL_ADVICE = ': PingOne rejected the request as invalid: check the request against the PingOne API reference.'


@pytest.mark.parametrize('body', [
    b'',
    b'<html>400 Bad Request</html>',
    b'{"id": "c1", "code": "INVALID_REQUEST", "message": "The request could not be completed."}',
    b'{"id": "c1", "code": "INVALID_DATA", "message": "The request could not be completed. One or more validation errors were in the request."}',
    b'{"id": "c1", "code": "REQUEST_FAILED"}',
])
def test_a_4xx_without_a_specific_reason_gets_the_general_advice(body):
    error = http_error(400, body, url='https://x/v1/a', operation='POST https://x/v1/a')
    assert str(error).endswith(GENERAL_ADVICE), str(error)


def test_a_4xx_whose_message_is_specific_ends_with_pingones_words():
    body = json.dumps({'id': 'c1', 'code': 'INVALID_REQUEST', 'message': 'The request could not be completed. The population still '
                                                                         'holds users: delete them or move them first.'}).encode()
    error = http_error(400, body, url='https://x/v1/p', operation='DELETE https://x/v1/p')
    assert str(error) == ('DELETE https://x/v1/p failed with HTTP 400 (INVALID_REQUEST: The request could not be completed. The population '
                          'still holds users: delete them or move them first.).')
    assert 'API reference' not in str(error)


def test_a_4xx_with_details_ends_with_the_details():
    body = json.dumps({'id': 'c1', 'code': 'INVALID_DATA', 'message': 'One or more validation errors were in the request.',
                       'details': [{'code': 'INVALID_VALUE', 'target': 'email', 'message': 'must be a well-formed email address'}]}).encode()
    error = http_error(400, body, url='https://x/v1/u', operation='POST https://x/v1/u')
    assert str(error).endswith('(details: email must be a well-formed email address).'), str(error)


def test_given_advice_and_other_statuses_keep_their_advice():
    body = b'{"id": "c1", "code": "NOT_FOUND", "message": "The requested resource was not found."}'
    assert str(http_error(404, body, url='https://x', operation='GET x')).endswith('may not be visible yet).')
    specific = b'{"id": "c1", "code": "INVALID_REQUEST", "message": "The default population cannot be deleted."}'
    assert str(http_error(400, specific, url='https://x', operation='DELETE x', advice='do this')).endswith(': do this.')


def test_an_input_error_ends_with_its_outcome_and_keeps_its_reason_apart():
    error = PingOneInputError('actions[0].type is missing.', outcome=NOTHING_SENT, option='actions')
    assert str(error) == error.to_result()['msg'] == 'actions[0].type is missing. Nothing was sent.'
    assert error.reason == 'actions[0].type is missing.' and error.option == 'actions'
    assert PingOneInputError('name is empty.').reason == str(PingOneInputError('name is empty.')) == 'name is empty.'
