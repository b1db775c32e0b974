# -*- coding: utf-8 -*-
# Copyright: (c) 2026, pingone.platform maintainers
# GNU General Public License v3.0+ (see LICENSE or https://www.gnu.org/licenses/gpl-3.0.txt)
"""The client-credentials token request of a PingOne worker application.

``build_token_request`` is pure, so the exact bytes sent can be tested;
``request_token`` sends it and turns every answer into a Token or a typed error.
"""

from __future__ import annotations

import base64
import json
import re
import time
from dataclasses import dataclass, field
from datetime import datetime, timezone
from typing import Any, Dict, Optional, Tuple
from urllib.parse import quote_plus, urlencode, urlsplit

from ansible_collections.pingone.platform.plugins.module_utils.assertion import (
    ASSERTION_TYPE,
    DEFAULT_ASSERTION_LIFETIME,
    JWT_METHODS,
    assertion_claims,
    sign_assertion,
)
from ansible_collections.pingone.platform.plugins.module_utils.errors import (
    ErrorBody,
    PingOneAuthenticationError,
    PingOneBadRequestError,
    PingOneNotFoundError,
    PingOneUnexpectedResponseError,
    http_error,
)
from ansible_collections.pingone.platform.plugins.module_utils.regions import Endpoints
from ansible_collections.pingone.platform.plugins.module_utils.transport import TOKEN_BODY_LIMIT, HTTPResponse, Transport

GRANT_TYPE = 'client_credentials'
_TOKEN_TYPE_RE = re.compile(r'^[A-Za-z0-9_.-]{1,20}$')   # short enough to show; a token-like value never is
_EXPIRES_IN_RE = re.compile(r'^[0-9]{1,10}$')   # ASCII only: str.isdigit() also accepts '²'
MAX_EXPIRES_IN = 10 * 366 * 86400   # ten years: more is no PingOne token (and past year 9999 no date can show it)

# auth_method -> (PingOne's name for the app setting, what the request carries)
AUTH_METHODS = {
    'client_secret_basic': ('CLIENT_SECRET_BASIC', 'the client id and secret in an HTTP Basic Authorization header'),
    'client_secret_post': ('CLIENT_SECRET_POST', 'the client id and secret in the form body'),
    'client_secret_jwt': ('CLIENT_SECRET_JWT', 'a client assertion JWT signed with the client secret'),
    'private_key_jwt': ('PRIVATE_KEY_JWT', 'a client assertion JWT signed with a private key'),
}


@dataclass(frozen=True)
class ClientCredentials:
    """How the worker application authenticates; ``connection_settings`` builds it with every value checked.

    ``client_secret`` is None for private_key_jwt; ``private_key`` is the loaded key object (cryptography)
    for private_key_jwt; ``jwt_algorithm``, ``key_id`` and ``assertion_lifetime`` apply to the two JWT methods.
    """

    client_id: str
    client_secret: Optional[str] = field(default=None, repr=False)
    auth_method: str = 'client_secret_basic'
    scopes: Tuple[str, ...] = ()
    jwt_algorithm: Optional[str] = None
    private_key: Any = field(default=None, repr=False, compare=False)
    key_id: Optional[str] = None
    assertion_lifetime: int = DEFAULT_ASSERTION_LIFETIME


def basic_authorization(client_id: str, client_secret: str) -> str:
    """``Basic base64(urlencode(id):urlencode(secret))``: RFC 6749 section 2.3.1 form-encodes both first."""
    pair = '%s:%s' % (quote_plus(client_id), quote_plus(client_secret))
    return 'Basic ' + base64.b64encode(pair.encode('ascii')).decode('ascii')


def client_assertion(credentials: ClientCredentials, token_url: str, now: float) -> str:
    """A freshly signed client assertion (new jti) for the JWT methods; ``aud`` is the token endpoint actually called."""
    claims = assertion_claims(credentials.client_id, token_url, now, credentials.assertion_lifetime)
    if credentials.auth_method == 'private_key_jwt':
        key = credentials.private_key
    else:
        key = (credentials.client_secret or '').encode('utf-8')
    algorithm = credentials.jwt_algorithm or JWT_METHODS[credentials.auth_method][0]
    return sign_assertion(claims, key, algorithm, credentials.key_id, credentials.auth_method)


def build_token_request(credentials: ClientCredentials, user_agent: str, token_url: Optional[str] = None,
                        clock=time.time) -> Tuple[Dict[str, str], bytes]:
    """Headers and form body of the token request; the secret travels in exactly one place (or, with a JWT method, nowhere).

    The JWT methods need ``token_url`` (the assertion's audience); ``clock`` gives its iat and exp.
    """
    form = [('grant_type', GRANT_TYPE)]
    if credentials.scopes:
        form.append(('scope', ' '.join(credentials.scopes)))
    headers = {
        'Content-Type': 'application/x-www-form-urlencoded',
        'Accept': 'application/json',
        'User-Agent': user_agent,
    }
    if credentials.auth_method == 'client_secret_basic':
        headers['Authorization'] = basic_authorization(credentials.client_id, credentials.client_secret)
    elif credentials.auth_method == 'client_secret_post':
        form.extend([('client_id', credentials.client_id), ('client_secret', credentials.client_secret)])
    elif credentials.auth_method in JWT_METHODS:
        if not token_url:
            raise ValueError('auth_method %s needs the token URL, the audience of the client assertion' % credentials.auth_method)
        form.extend([('client_assertion_type', ASSERTION_TYPE), ('client_assertion', client_assertion(credentials, token_url, clock()))])
    else:
        raise ValueError('unknown auth_method %r' % credentials.auth_method)
    return headers, urlencode(form).encode('ascii')


def format_timestamp(epoch: float) -> str:
    """ISO 8601 UTC with a Z, to the second."""
    return datetime.fromtimestamp(int(epoch), timezone.utc).strftime('%Y-%m-%dT%H:%M:%SZ')


@dataclass(frozen=True)
class Token:
    access_token: str = field(repr=False)
    token_type: str
    expires_in: int
    expires_at_epoch: float
    scope: Optional[str] = None

    @property
    def expires_at(self) -> str:
        return format_timestamp(self.expires_at_epoch)

    def as_result(self, endpoints: Endpoints, credentials: Optional[ClientCredentials] = None) -> Dict[str, Any]:
        """The module's documented return values, in one place.

        ``client_id`` and ``scopes`` (what was asked for) let a later task decide whether the token fits it (reuse).
        """
        return {
            'access_token': self.access_token,
            'token_type': self.token_type,
            'expires_in': self.expires_in,
            'expires_at': self.expires_at,
            'scope': self.scope,
            'environment_id': endpoints.environment_id,
            'region': endpoints.region.code,
            'token_url': endpoints.token_url,
            'auth_url': endpoints.auth_url,
            'api_url': endpoints.api_url,
            'client_id': credentials.client_id if credentials else None,
            'scopes': list(credentials.scopes) if credentials else [],
        }


def _unexpected(operation: str, url: str, status: int, what: str) -> PingOneUnexpectedResponseError:
    host = urlsplit(url).netloc
    return PingOneUnexpectedResponseError(
        '%s was answered with HTTP %d and %s instead of a PingOne token: check that %s is PingOne and that no proxy or captive '
        'portal answers in its place.' % (operation, status, what, host), url=url, status=status)


def parse_token_response(response: HTTPResponse, requested_at: float, operation: str) -> Token:
    """A Token from a 200 answer; anything else PingOne would not send is an unexpected response (never echoed)."""
    body = response.body
    try:
        data = json.loads(body.decode('utf-8'))
    except (UnicodeDecodeError, ValueError, RecursionError):
        content_type = (response.headers.get('Content-Type') or '').split(';')[0].strip().lower()
        looks_html = content_type == 'text/html' or body.lstrip()[:1] == b'<'
        raise _unexpected(operation, response.url, response.status, 'an HTML page' if looks_html else 'a body that is not JSON') from None
    if not isinstance(data, dict):
        raise _unexpected(operation, response.url, response.status, 'JSON that is not an object')
    access_token = data.get('access_token')
    if not isinstance(access_token, str) or not access_token:
        raise _unexpected(operation, response.url, response.status, 'JSON without an access_token')
    token_type = data.get('token_type')
    if not isinstance(token_type, str) or token_type.lower() != 'bearer':
        shown = token_type if isinstance(token_type, str) and _TOKEN_TYPE_RE.match(token_type) else 'another kind'
        raise _unexpected(operation, response.url, response.status, 'a token of type %s rather than Bearer' % shown)
    expires_in = data.get('expires_in')
    if isinstance(expires_in, str) and _EXPIRES_IN_RE.match(expires_in):
        expires_in = int(expires_in)
    if not isinstance(expires_in, int) or isinstance(expires_in, bool) or not 0 < expires_in <= MAX_EXPIRES_IN:
        raise _unexpected(operation, response.url, response.status, 'no valid expires_in')
    scope = data.get('scope')
    return Token(access_token=access_token, token_type=token_type, expires_in=expires_in,
                 expires_at_epoch=requested_at + expires_in, scope=scope if isinstance(scope, str) else None)


def token_error(response: HTTPResponse, endpoints: Endpoints, credentials: ClientCredentials, operation: str):
    """The typed error, with advice, for a token endpoint answer other than 200."""
    status = response.status
    parsed = ErrorBody.parse(response.body)
    code = (parsed.error or '').lower()
    text = (parsed.description or '').lower()
    said = 'HTTP %d%s' % (status, ' ' + parsed.summary() if parsed.summary() else '')
    fields = dict(url=response.url, status=status, error=parsed.error, error_description=parsed.description,
                  correlation_id=parsed.correlation_id)
    app_setting, carried = AUTH_METHODS.get(credentials.auth_method, ('?', '?'))
    method = credentials.auth_method
    where = 'environment %s' % endpoints.environment_id if endpoints.environment_id else 'the environment behind %s' % endpoints.auth_url
    if 'unsupported authentication method' in text:
        return PingOneAuthenticationError(
            'PingOne refused the token request (%s) because the application does not use %s: the request carried %s '
            '(auth_method %s); set auth_method to match the Token Endpoint Authentication Method of the application in the PingOne console.'
            % (said, app_setting, carried, credentials.auth_method), **fields)
    if code == 'unauthorized_client' or 'missing required grant type' in text:
        return PingOneAuthenticationError(
            'PingOne refused the token request (%s): enable the Client Credentials grant type on application %s in %s.'
            % (said, credentials.client_id, where), **fields)
    if code == 'invalid_scope' or 'at least one scope must be granted' in text:
        return PingOneAuthenticationError(
            'PingOne granted none of the requested scopes (%s): request only scopes granted to application %s, or leave scopes unset '
            'to get a token whose rights come from the worker application\'s roles.' % (said, credentials.client_id), **fields)
    if (code == 'invalid_client' or status == 401) and method in JWT_METHODS:
        if method == 'private_key_jwt':
            check = ('the JWKS of the application holds the public key of private_key%s'
                     % (' under key_id %s' % credentials.key_id if credentials.key_id else ''))
        else:
            check = 'client_secret is its current secret'
        return PingOneAuthenticationError(
            'PingOne refused the client assertion (%s): check that client_id is an enabled worker application in %s whose Token '
            'Endpoint Authentication Method is %s, that %s, and that the clock of this host is right.' % (said, where, app_setting, check),
            **fields)
    if code == 'invalid_client' or status == 401:
        return PingOneAuthenticationError(
            'PingOne refused the client credentials (%s): check that %s and %s are those of an enabled worker '
            'application in %s, and that the secret has not been rotated.'
            % (said, endpoints.label('client_id'), endpoints.label('client_secret'), where), **fields)
    if status == 404:
        if endpoints.environment_id:
            # How the host was chosen: the region (default or not), or auth_hostname and where that came from.
            note = endpoints.region_note() if endpoints.auth_url == endpoints.region.auth_url else endpoints.note(response.url).rstrip('.')
            advice = ('check that %s is the environment that holds the worker application, and that region %s (%s) is its region%s'
                      % (endpoints.label('environment_id'), endpoints.region.code, endpoints.auth_url, '; ' + note if note else ''))
        else:
            advice = ('check %s: it must be a custom domain set up for the environment of the worker application'
                      % endpoints.label('custom_domain'))
        return PingOneNotFoundError('%s found no PingOne environment (%s): %s.' % (operation, said, advice), **fields)
    if status == 403:
        return PingOneAuthenticationError(
            'PingOne denied the token request (%s): check that application %s is enabled in %s and that no network or IP '
            'restriction applies to this host.' % (said, credentials.client_id, where), **fields)
    if status in (408, 429) or status >= 500:
        return http_error(status, response.body, url=response.url, operation=operation, attempts=response.attempts)
    return PingOneBadRequestError(
        'PingOne rejected the token request (%s): check auth_method and scopes; this may be a bug in pingone.platform if they are right.'
        % said, **fields)


def _body_per_attempt(first_body: bytes, credentials: ClientCredentials, user_agent: str, token_url: str, clock):
    """The body for each attempt: the one built already, then a newly signed one for every retry.

    PingOne refuses a jti it has seen, and a lost answer may hide that the first assertion was used.
    """
    pending = [first_body]

    def body() -> bytes:
        return pending.pop() if pending else build_token_request(credentials, user_agent, token_url, clock)[1]
    return body


def request_token(transport: Transport, endpoints: Endpoints, credentials: ClientCredentials, clock=time.time,
                  last_request: bool = False) -> Token:
    """Run the client-credentials request; return the Token or raise a typed PingOneError.

    ``last_request``: nothing else will be sent on this connection (pingone_token: the API is another
    host), so the request asks the server to close it, and the answer arrives whole at once whatever
    the server's buffering (a keep-alive server without TCP_NODELAY may hold the last bytes back).
    """
    headers, body = build_token_request(credentials, transport.settings.user_agent, endpoints.token_url, clock)
    if last_request:
        headers['Connection'] = 'close'
    data: Any = body
    if credentials.auth_method in JWT_METHODS:
        data = _body_per_attempt(body, credentials, transport.settings.user_agent, endpoints.token_url, clock)
    operation = 'The token request to %s' % endpoints.token_url
    requested_at = clock()   # expiry counts from when the request left, not when the answer came
    response = transport.send('POST', endpoints.token_url, headers=headers, data=data, operation=operation,
                              body_limit=TOKEN_BODY_LIMIT, idempotent=True, host_note=endpoints.note(endpoints.token_url))
    if response.status != 200:
        raise token_error(response, endpoints, credentials, operation)
    return parse_token_response(response, requested_at, operation)
