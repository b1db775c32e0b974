# -*- coding: utf-8 -*-
# Copyright: (c) 2026, pingone.platform maintainers
# GNU General Public License v3.0+ (see LICENSE or https://www.gnu.org/licenses/gpl-3.0.txt)
"""A JSON client for the PingOne platform API, for provisioning modules.

Modules never talk raw HTTP: they ask this client for a path, and get parsed
JSON back or a typed PingOneError whose message says what to do.
"""

from __future__ import annotations

import json
import threading
import time
from dataclasses import dataclass
from datetime import datetime, timezone
from typing import Any, Callable, Dict, List, Mapping, Optional, Tuple, Union
from urllib.parse import urlencode, urljoin, urlsplit

from ansible_collections.pingone.platform.plugins.module_utils.errors import (
    PingOneError,
    PingOneInputError,
    PingOneUnexpectedResponseError,
    http_error,
)
from ansible_collections.pingone.platform.plugins.module_utils.options import ConnectionSettings
from ansible_collections.pingone.platform.plugins.module_utils.regions import REGIONS, Endpoints
from ansible_collections.pingone.platform.plugins.module_utils.token import request_token
from ansible_collections.pingone.platform.plugins.module_utils.token_cache import TokenSource
from ansible_collections.pingone.platform.plugins.module_utils.transport import Transport, bounded_backoff

# Safe to resend: nothing changes on the server. Writes are retried only when they provably
# were not processed: a 429 with Retry-After, or a connection that never opened (Transport.send).
IDEMPOTENT_METHODS = frozenset(('GET', 'HEAD', 'OPTIONS'))
MAX_PAGES = 10000
JSON = 'application/json'
# Right after a role is assigned, PingOne may refuse calls that need it with this 403 until the
# assignment applies (Ping's Terraform provider waits it out too). Only this answer is waited for,
# and only this long: a role that was never assigned fails after the same bounded wait.
ROLE_PROPAGATION_MESSAGE = 'The actor attempting to perform the request is not authorized'
ROLE_PROPAGATION_TIMEOUT = 20.0
FIRST_PROPAGATION_WAIT = 0.5
MAX_PROPAGATION_WAIT = 4.0
# Right after an environment is created (by pingone_environment, pingone_api, the console or another tool), PingOne
# may answer 404 for it and its collections, and 403 for its sub-resources, until it is available ("eventual
# consistency if the environment was recently created; try again after a short delay", in Ping's OpenAPI
# description). A module working in target_environment_id waits that out, bounded (ENVIRONMENT_WAIT by default),
# only while the organization lists the environment as created less than NEW_ENVIRONMENT_AGE ago: an ID that names
# no environment, or an older one that refuses, fails at once as before.
ENVIRONMENT_WAIT = 60.0
FIRST_ENVIRONMENT_WAIT = 0.25
MAX_ENVIRONMENT_WAIT = 5.0
NEW_ENVIRONMENT_AGE = 900.0
_PINGONE_API_HOSTS = frozenset(region.api_host for region in REGIONS.values())


@dataclass
class ApiResponse:
    status: int
    json: Any
    url: str
    headers: Mapping[str, str]


class PingOneClient:
    """Calls ``{api_url}{path}`` with a bearer token, PingOne's retry rules and error mapping.

    ``access_token`` is the token itself or a callable returning it (called per request,
    so a caller can refresh it). A callable with a ``refresh()`` method (a ``TokenSource``)
    is also refreshed once when PingOne answers 401, and the request sent again.
    """

    def __init__(self, transport: Transport, endpoints: Endpoints, access_token: Union[str, Callable[[], str]],
                 transaction_id: Optional[str] = None, role_propagation_timeout: float = ROLE_PROPAGATION_TIMEOUT):
        self.transport = transport
        self.endpoints = endpoints
        self._access_token = access_token
        self.transaction_id = transaction_id
        self.role_propagation_timeout = role_propagation_timeout
        # (option, environment id) of the environment the module works in, such as
        # ('target_environment_id', '...'): a 404 under it names the option (not_found_advice).
        self.environment_option: Optional[Tuple[str, str]] = None
        # How long to wait for that environment when it was created a moment ago (see ENVIRONMENT_WAIT); 0: not at all.
        self.environment_wait = ENVIRONMENT_WAIT
        self.clock: Callable[[], float] = time.time   # wall clock, to compare with the environment's createdAt
        # Whether the environment may still be on its way is decided once per client (one organization read at most,
        # whatever the number of workers): None until decided; then the createdAt of a new environment, or '' for
        # one that is available (an answer under it succeeded) or not new (never waited for).
        self._environment_created: Optional[str] = None
        self._environment_lock = threading.Lock()

    def __enter__(self) -> 'PingOneClient':
        return self

    def __exit__(self, *exc_info) -> None:
        self.close()

    @classmethod
    def from_settings(cls, settings: ConnectionSettings, warn: Optional[Callable[[str], None]] = None,
                      access_token: Optional[str] = None, transaction_id: Optional[str] = None,
                      clock: Callable[[], float] = time.time) -> 'PingOneClient':
        """A client on validated settings: with ``access_token`` as given, else with a token fetched now.

        A fetched token is refreshed when less than a minute of it remains, and after a 401;
        a given token cannot be refreshed, so a 401 says to fetch a new one.
        """
        transport = Transport(settings.transport, warn=warn)
        if access_token is None:
            if settings.credentials is None:
                raise PingOneInputError('There is neither an access token nor client credentials: set access_token (or '
                                        'PINGONE_API_ACCESS_TOKEN), or client_id and client_secret.', option='access_token')
            source = TokenSource(lambda: request_token(transport, settings.endpoints, settings.credentials, clock=clock), clock=clock)
            try:
                source()   # token errors are raised here, before the module does anything else
            except BaseException:
                transport.close()
                raise
            access_token = source
        client = cls(transport, settings.endpoints, access_token, transaction_id)
        client.clock = clock
        if settings.environment_wait is not None:
            client.environment_wait = settings.environment_wait
        return client

    def url_for(self, path: str, query: Optional[Mapping[str, Any]] = None) -> str:
        """The absolute URL of ``path`` (relative to the API base, e.g. ``/environments``) or of an absolute PingOne API URL."""
        if path.startswith('https://'):
            url = path
            if not self._is_api_url(url):
                raise PingOneInputError('%s is not on the PingOne API host %s: the access token is sent only to PingOne.'
                                        % (urlsplit(url).netloc, urlsplit(self.endpoints.api_url).netloc), option='path')
        elif path.startswith('/'):
            if path[:3].lower() == '/v1' and path[3:4] in ('', '/', '?'):
                # The base already ends in /v1: PingOne has no /v1/v1/... and would answer 404.
                raise PingOneInputError('path %s starts with /v1, but the API base URL %s already ends in /v1: give the path without '
                                        'it, such as %s.' % (path.split('?')[0][:60], self.endpoints.api_url, path[3:].split('?')[0][:60] or
                                                             '/environments'), option='path')
            url = self.endpoints.api_url + path
        else:
            raise PingOneInputError('path %r must start with / (relative to %s) or be an https:// URL on the PingOne API host.'
                                    % (path[:60], self.endpoints.api_url), option='path')
        if query:
            url += ('&' if '?' in url else '?') + urlencode(query, doseq=True)
        return url

    def _is_api_url(self, url: str) -> bool:
        """On the configured API host, or on one of PingOne's regional API hosts (HTTPS, default port)."""
        parts = urlsplit(url)
        netloc = parts.netloc.lower()
        return parts.scheme == 'https' and (netloc == urlsplit(self.endpoints.api_url).netloc or netloc in _PINGONE_API_HOSTS)

    def request(self, method: str, path: str, body: Any = None, query: Optional[Mapping[str, Any]] = None,
                expected=(200, 201, 202, 204), content_type: str = JSON) -> ApiResponse:
        """Send one call; return the answer if its status is expected, else raise the mapped error.

        ``content_type`` is that of ``body``: PingOne's vendor media types (such as
        ``application/vnd.pingidentity.password.set+json``) select what some endpoints do.
        """
        method = method.upper()
        url = self.url_for(path, query)
        data = None if body is None else json.dumps(body).encode('utf-8')
        operation = '%s %s' % (method, url)
        response = self._send(method, url, data, operation, content_type)
        if response.status in (403, 404) and response.status not in expected:
            response = self._wait_for_environment(response, method, url, data, operation, content_type)
        if response.status == 403 and 403 not in expected:
            response = self._wait_for_role_propagation(response, method, url, data, operation, content_type)
        refresh = getattr(self._access_token, 'refresh', None)
        if response.status == 401 and 401 not in expected:
            if refresh is None:
                raise http_error(401, response.body, url=url, operation=operation, attempts=response.attempts, advice=(
                    'the access token this module was given (access_token or PINGONE_API_ACCESS_TOKEN) was refused and cannot be '
                    'refreshed here; it may have expired or be for another environment or region: get a fresh one with '
                    'pingone.platform.pingone_token (its reuse and min_ttl options keep one valid), or give client credentials instead'))
            # PingOne refuses a request before acting on it, so sending it again (even a write) with a new token is safe.
            refresh(response.token)
            response = self._send(method, url, data, operation, content_type)
            if response.status == 401:
                raise http_error(401, response.body, url=url, operation=operation, attempts=response.attempts, advice=(
                    'a freshly fetched token was refused too: check that the api_hostname or region is that of the environment of '
                    'the worker application%s' % _after_semicolon(self.endpoints.note(url))))
        if response.status not in expected:
            raise http_error(response.status, response.body, url=url, operation=operation, attempts=response.attempts,
                             advice=self.not_found_advice(url) if response.status == 404 else None)
        if response.status < 300 and self._environment_created != '' and self._under_environment(url) is not None:
            self._environment_created = ''   # available: no more waiting for it
        return ApiResponse(response.status, self._json(response.body, operation, url, response.status), url, response.headers)

    def not_found_advice(self, url: str) -> str:
        """What to check after a 404 on ``url``: the environment option of the module when the URL is under its
        environment, and where the API host came from (the region, and whether it was the default)."""
        where = _after_semicolon(self.endpoints.note(url))
        rest = self._under_environment(url)
        if rest is None:
            return ('the resource does not exist at that URL: check the ids and the region (a resource created a moment ago may not '
                    'be visible yet)%s' % where)
        option, env_id = self.environment_option[0], self.environment_option[1]
        if _environment_or_collection(rest):
            return ('no environment %s is visible at %s: check %s (the ID of the environment to work in, as the PingOne console '
                    'shows it) and that the environment is in the region of that host (one created a moment ago may not be visible '
                    'yet)%s' % (env_id, self.endpoints.api_url, option, where))
        return ('the resource does not exist at that URL: check the IDs, %s (environment %s) and the region%s'
                % (option, env_id, where))

    def _under_environment(self, url: str) -> Optional[str]:
        """What follows ``/environments/{id}`` of the module's environment in ``url`` ('' for the environment itself), or None."""
        if not self.environment_option:
            return None
        base = '%s/environments/%s' % (self.endpoints.api_url, self.environment_option[1])
        path = url.split('?', 1)[0]
        if path.lower() == base.lower() or path.lower().startswith(base.lower() + '/'):
            return path[len(base):]
        return None

    def _is_unavailable(self, response, rest: str) -> bool:
        """An answer PingOne gives under an environment that is not available yet: 404 for the environment or one of its
        collections (deeper, a 404 is an object that does not exist), 403 anywhere under it (not a role propagating)."""
        if response.status == 404:
            return _environment_or_collection(rest)
        return response.status == 403 and not _is_role_propagation(response.body)

    def _wait_for_environment(self, response, method: str, url: str, data: Optional[bytes], operation: str, content_type: str):
        """Send again, bounded, while the module's environment, created a moment ago, is not available yet.

        Only while no answer under it has succeeded yet, and only for an environment the organization lists as created
        less than NEW_ENVIRONMENT_AGE ago (one more request, GET /environments?filter=id eq "..."). PingOne refuses
        before acting, so resending a write is safe here. After ``environment_wait`` seconds the error names the ID.
        """
        rest = self._under_environment(url)
        if rest is None or self._environment_created == '' or self.environment_wait <= 0 or not self._is_unavailable(response, rest):
            return response
        option, env_id = self.environment_option[0], self.environment_option[1]
        with self._environment_lock:   # the other workers wait for the first one's answer instead of asking again
            if self._environment_created is None:
                self._environment_created = self._new_environment_created_at(env_id) or ''
            created = self._environment_created
        if not created:
            return response
        waited = 0.0
        for step in bounded_backoff(FIRST_ENVIRONMENT_WAIT, MAX_ENVIRONMENT_WAIT, self.environment_wait):
            self.transport.warn('%s: PingOne answered %d; environment %s (%s) was created at %s and may not be available yet, so '
                                'the request is sent again in %.1f s.' % (operation, response.status, env_id, option, created, step))
            self.transport.sleep(step)
            waited += step
            response = self._send(method, url, data, operation, content_type)
            if not self._is_unavailable(response, rest):
                return response
        raise http_error(response.status, response.body, url=url, operation=operation, attempts=response.attempts, advice=(
            'environment %s (%s), created at %s, was still not available %g s later: PingOne has not finished making it '
            'available; run the task again in a few minutes, or check the roles of the worker application in it'
            % (env_id, option, created, waited)))

    def _new_environment_created_at(self, env_id: str) -> Optional[str]:
        """The ``createdAt`` of environment ``env_id`` if the organization lists it as created less than NEW_ENVIRONMENT_AGE
        ago (or without a readable createdAt), else None: an ID of no environment, an older one, or a list that cannot be read."""
        try:
            listed = self.paginate('/environments', query={'filter': 'id eq "%s"' % env_id})
        except PingOneError:
            return None
        found = [env for env in listed if isinstance(env, dict) and str(env.get('id') or '').lower() == env_id.lower()]
        if not found:
            return None
        created = found[0].get('createdAt')
        when = _timestamp(created)
        if when is not None and self.clock() - when > NEW_ENVIRONMENT_AGE:
            return None
        return str(created)[:40] if created else 'an unknown time'   # PingOne's text, in messages: kept short

    def _wait_for_role_propagation(self, response, method: str, url: str, data: Optional[bytes], operation: str, content_type: str):
        """Send again, bounded, while PingOne answers the 403 of a role assignment that has not applied yet.

        PingOne refuses before acting, so resending a write is safe here.
        """
        waited = 0.0
        for step in bounded_backoff(FIRST_PROPAGATION_WAIT, MAX_PROPAGATION_WAIT, self.role_propagation_timeout):
            if response.status != 403 or not _is_role_propagation(response.body):
                break
            self.transport.warn('%s: PingOne answered 403 "%s"; a role assigned a moment ago may not have applied yet, '
                                'so the request is sent again in %.1f s.' % (operation, ROLE_PROPAGATION_MESSAGE, step))
            self.transport.sleep(step)
            waited += step
            response = self._send(method, url, data, operation, content_type)
        if response.status == 403 and waited:
            raise http_error(403, response.body, url=url, operation=operation, attempts=response.attempts, advice=(
                'it was still refused %g s later, so the role it needs is missing rather than not applied yet: assign the '
                'role to the worker application (pingone.platform.pingone_role_assignment) and check its scope' % waited))
        return response

    def access_token(self) -> str:
        """The token requests go with now (fetched or refreshed first when the client holds credentials)."""
        return self._access_token() if callable(self._access_token) else self._access_token

    def _send(self, method: str, url: str, data: Optional[bytes], operation: str, content_type: str = JSON):
        """One call through the transport, with headers built now (so a refreshed token is never sent stale)."""
        token = self.access_token()
        headers = {'Authorization': 'Bearer %s' % token, 'Accept': 'application/json', 'User-Agent': self.transport.settings.user_agent}
        if self.transaction_id:
            headers['X-Ping-External-Transaction-Id'] = self.transaction_id
        if data is not None:
            headers['Content-Type'] = content_type
        response = self.transport.send(method, url, headers=headers, data=data, operation=operation,
                                       idempotent=method in IDEMPOTENT_METHODS, host_note=self.endpoints.note(url))
        response.token = token   # which token was refused, if it was (TokenSource.refresh)
        return response

    @staticmethod
    def _json(body: bytes, operation: str, url: str, status: int) -> Any:
        if not body.strip():
            return None
        try:
            return json.loads(body.decode('utf-8'))
        except (UnicodeDecodeError, ValueError, RecursionError):
            raise PingOneUnexpectedResponseError(
                '%s was answered with HTTP %d and a body that is not JSON: check that %s is the PingOne API and that no proxy '
                'answers in its place.' % (operation, status, urlsplit(url).netloc), url=url, status=status) from None

    def get(self, path: str, query: Optional[Mapping[str, Any]] = None) -> Any:
        return self.request('GET', path, query=query).json

    def paginate(self, path: str, query: Optional[Mapping[str, Any]] = None) -> List[Dict[str, Any]]:
        """Every item of a collection: follows ``_links.next.href`` and gathers the lists under ``_embedded``."""
        url = self.url_for(path, query)
        items: List[Dict[str, Any]] = []
        seen = set()
        while url:
            if url in seen:
                raise PingOneUnexpectedResponseError('Paging through %s did not end (page %d links back to an earlier page): '
                                                     'this is a PingOne API fault; report it with the URL.' % (path, len(seen) + 1), url=url)
            if len(seen) >= MAX_PAGES:
                raise PingOneUnexpectedResponseError('Paging through %s went past %d pages: narrow the request with a filter, '
                                                     'or raise the page size with limit.' % (path, MAX_PAGES), url=url)
            seen.add(url)
            page = self.request('GET', url).json
            if not isinstance(page, dict):
                raise PingOneUnexpectedResponseError('GET %s was answered with JSON that is not a collection object.' % url, url=url)
            embedded = page.get('_embedded') or {}
            for value in embedded.values() if isinstance(embedded, dict) else ():
                if isinstance(value, list):
                    items.extend(value)
            next_href = ((page.get('_links') or {}).get('next') or {}).get('href')
            url = self._next_url(next_href, url) if next_href else None
        return items

    def _next_url(self, href: str, current: str) -> str:
        url = urljoin(current, href)
        if not self._is_api_url(url):
            raise PingOneUnexpectedResponseError(
                'A page of %s links its next page to %s, off the PingOne API host; it was not followed because the access token '
                'would go with it.' % (urlsplit(current).path, urlsplit(url).netloc), url=current)
        return url

    def close(self) -> None:
        self.transport.close()


def _after_semicolon(note: str) -> str:
    """A note (a sentence) to end advice with: ``; note`` without its full stop, or nothing."""
    return '; %s' % note.rstrip('.') if note else ''


def _environment_or_collection(rest: str) -> bool:
    """Whether what follows ``/environments/{id}`` names the environment itself or one of its collections (deeper, a 404
    is an object that does not exist)."""
    return rest.count('/') <= 1


def _timestamp(value: Any) -> Optional[float]:
    """Seconds since the epoch of an ISO 8601 date-time such as PingOne's ``2026-01-02T03:04:05.678Z``; None if unreadable."""
    if not isinstance(value, str):
        return None
    try:
        when = datetime.fromisoformat(value.strip().replace('Z', '+00:00'))
    except ValueError:
        return None
    return (when if when.tzinfo else when.replace(tzinfo=timezone.utc)).timestamp()


def _is_role_propagation(body: bytes) -> bool:
    try:
        message = json.loads(body.decode('utf-8')).get('message')
    except (UnicodeDecodeError, ValueError, AttributeError, RecursionError):
        return False
    return isinstance(message, str) and message.startswith(ROLE_PROPAGATION_MESSAGE)
