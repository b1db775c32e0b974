# -*- coding: utf-8 -*-
# Copyright: (c) 2026, pingone.platform maintainers
# GNU General Public License v3.0+ (see LICENSE or https://www.gnu.org/licenses/gpl-3.0.txt)
"""HTTPS transport shared by the token request and the API client.

One ``requests`` session per transport (so a paginated read reuses one TLS
connection), bounded retries with capped exponential backoff and ``Retry-After``,
redirects never followed, response bodies capped and read against a deadline.
``requests`` is imported only when the first request is sent.
"""

from __future__ import annotations

import email.utils
import random
import re
import socket
import threading
import time
import warnings
from collections import deque
from dataclasses import dataclass
from datetime import datetime, timezone
from typing import Callable, Deque, Dict, Iterator, Mapping, Optional, Union
from urllib.parse import urljoin, urlsplit

from ansible_collections.pingone.platform.plugins.module_utils.errors import (
    PingOneConnectionError,
    PingOneDependencyError,
    PingOneRedirectError,
    PingOneTLSError,
    PingOneTimeoutError,
    PingOneUnexpectedResponseError,
    attempts_note,
    with_note,
)

RETRY_STATUSES = frozenset((408, 429, 500, 502, 503, 504))
DEFAULT_TIMEOUT = 30.0
DEFAULT_RETRIES = 3
BACKOFF_BASE = 1.0   # seconds before the first retry, doubled each time
BACKOFF_CAP = 30.0   # no single wait is longer, whatever Retry-After says
TOKEN_BODY_LIMIT = 1024 * 1024   # a token answer is ~2 KiB; more means something else answered
API_BODY_LIMIT = 64 * 1024 * 1024
_CHUNK = 64 * 1024
_DELTA_SECONDS_RE = re.compile(r'^[0-9]{1,10}$')   # ASCII only: str.isdigit() also accepts '²'


def import_requests():
    """Import requests on first use, so modules load (and ansible-doc works) without it."""
    try:
        import requests  # pylint: disable=import-outside-toplevel
    except ImportError as exc:
        raise PingOneDependencyError('requests', str(exc)) from exc
    return requests


def parse_retry_after(value: Optional[str], now: Optional[float] = None) -> Optional[float]:
    """Seconds to wait from a ``Retry-After`` header (delta-seconds or HTTP-date); None if absent or unreadable."""
    if value is None:
        return None
    text = str(value).strip()
    if _DELTA_SECONDS_RE.match(text):
        return float(text)
    try:
        when = email.utils.parsedate_to_datetime(text)
    except (TypeError, ValueError, IndexError, OverflowError):
        return None
    if when is None:
        return None
    if when.tzinfo is None:
        when = when.replace(tzinfo=timezone.utc)
    current = datetime.now(timezone.utc).timestamp() if now is None else now
    return max(0.0, when.timestamp() - current)


def backoff_delay(retry_number: int, retry_after: Optional[float] = None, rng: Callable[[], float] = random.random) -> float:
    """Wait before retry ``retry_number`` (1-based): Retry-After when given, else exponential with jitter; capped."""
    if retry_after is not None:
        return min(BACKOFF_CAP, max(0.0, retry_after))
    exponential = min(BACKOFF_CAP, BACKOFF_BASE * (2 ** (retry_number - 1)))
    return exponential * (0.5 + rng() / 2)  # jitter keeps parallel hosts from retrying in step


def bounded_backoff(first: float, cap: float, total: float) -> Iterator[float]:
    """Waits for a bounded wait-and-ask-again: ``first``, doubling, each at most ``cap``, ``total`` in all."""
    waited, wait = 0.0, first
    while waited < total:
        step = min(wait, total - waited)
        yield step
        waited += step
        wait = min(wait * 2, cap)


@dataclass
class TransportSettings:
    timeout: float = DEFAULT_TIMEOUT
    retries: int = DEFAULT_RETRIES
    validate_certs: bool = True
    ca_path: Optional[str] = None
    user_agent: str = 'pingone.platform'
    pool_size: int = 10   # connections kept open to one host: at least the number of requests in flight


class Pacer:
    """One pause shared by every thread of a transport: when PingOne answers 429 with Retry-After,
    every worker waits until then, not just the one that got it (no retry storm).

    The thread that got the 429 sleeps the delay itself (as a single request does); the others
    wait, before their next send, for whatever remains of it. With ``adaptive`` (bulk work), a 429
    also teaches the pacer the rate PingOne allows: the requests it accepted in the second before
    it. From then on sends are spaced to stay just under that rate, so the limit is met without
    more 429s.
    """

    MARGIN = 0.95   # of the learned rate: PingOne's window and ours are not the same second

    def __init__(self, clock: Callable[[], float], sleep: Callable[[float], None], adaptive: bool = False):
        self._clock = clock
        self._sleep = sleep
        self._lock = threading.Lock()
        self._held_by: Dict[int, float] = {}   # thread -> the resume time its own hold set (it sleeps that one itself)
        self._accepted: Deque[float] = deque()   # when answers other than 429 came, over the last second (adaptive only)
        self._next_slot = 0.0
        self.adaptive = adaptive
        self.rate: Optional[float] = None      # sends per second learned from a 429 (adaptive only)
        self._rate_set_at = float('-inf')
        self.resume_at = 0.0
        self.holds = 0

    def hold(self, seconds: float) -> bool:
        """Pause every sender for ``seconds`` from now; True when this extended the pause."""
        with self._lock:
            now = self._clock()
            # 429s that come within a second of the one that set the rate were in flight with it: one event.
            if self.adaptive and now - self._rate_set_at >= 1.0:
                if self.rate is None:
                    recent = sum(1 for answered in self._accepted if now - answered < 1.0)
                    self.rate = max(1.0, recent * self.MARGIN)
                else:   # a 429 at the learned rate: the limit is lower (another client shares it), so go a little below
                    self.rate = max(1.0, self.rate * self.MARGIN)
                self._rate_set_at = now
            until = now + seconds
            if until <= self.resume_at:
                return False
            self.resume_at = until
            self._held_by[threading.get_ident()] = until
            self.holds += 1
            return True

    def wait(self) -> None:
        """Sleep for what remains of a pause another thread set, and, once a rate is known, until this send's slot."""
        with self._lock:
            now = self._clock()
            start = now if self._held_by.get(threading.get_ident()) == self.resume_at else max(now, self.resume_at)
            if self.rate:
                start = max(start, self._next_slot)
                self._next_slot = start + 1.0 / self.rate
        if start > now:
            self._sleep(start - now)

    def accepted(self) -> None:
        """Note an answer that was not a 429 (adaptive only: what the rate is learned from)."""
        if not self.adaptive:
            return
        with self._lock:
            now = self._clock()
            self._accepted.append(now)
            while self._accepted and now - self._accepted[0] >= 1.0:
                self._accepted.popleft()


@dataclass
class HTTPResponse:
    """A complete answer: status, headers, the (capped) body, and how many sends it took."""

    status: int
    headers: Mapping[str, str]
    body: bytes
    url: str
    attempts: int = 1
    token: Optional[str] = None   # the bearer token it was sent with (set by the API client)


class _Failure(Exception):
    """Internal: one attempt got no usable answer; may succeed if sent again.

    The user-facing error is built only when retries are spent, so its message can say
    how many attempts were made: ``prefix + " after N attempts" + suffix``.
    """

    def __init__(self, error_class, prefix, suffix, reason, url, safe_for_writes):
        super().__init__(reason)
        self.error_class = error_class
        self.prefix = prefix
        self.suffix = suffix
        self.reason = reason
        self.url = url
        self.safe_for_writes = safe_for_writes

    def error(self, attempts: int):
        return self.error_class(self.prefix + attempts_note(attempts) + self.suffix, url=self.url)


def _causes(exc: BaseException):
    """The exception and everything it wraps (urllib3 nests the real OS error several levels deep)."""
    seen = set()
    stack = [exc]
    while stack:
        current = stack.pop()
        if current is None or id(current) in seen:
            continue
        seen.add(id(current))
        yield current
        linked = [getattr(current, 'reason', None), current.__cause__, current.__context__, *getattr(current, 'args', ())]
        stack.extend(item for item in linked if isinstance(item, BaseException))


def _tls_reason(exc: BaseException) -> str:
    text = ' '.join(str(cause) for cause in _causes(exc))
    if 'Hostname mismatch' in text or "doesn't match" in text or 'IP address mismatch' in text:
        return 'mismatch'
    for marker in ('unable to get local issuer certificate', 'self-signed certificate', 'self signed certificate',
                   'certificate has expired', 'unknown ca', 'certificate verify failed'):
        if marker in text:
            return marker
    return 'handshake failed'


class Transport:
    """Sends HTTPS requests with PingOne's retry rules; maps transport failures to typed errors."""

    def __init__(self, settings: TransportSettings, warn: Optional[Callable[[str], None]] = None,
                 sleep: Callable[[float], None] = time.sleep, clock: Callable[[], float] = time.monotonic,
                 rng: Callable[[], float] = random.random):
        self.settings = settings
        self.warn = warn or (lambda message: None)
        self.sleep = sleep
        self.clock = clock
        self.rng = rng
        self.pacer = Pacer(clock, sleep)
        self._session = None
        self._session_lock = threading.Lock()

    @property
    def session(self):
        with self._session_lock:
            if self._session is None:
                requests = import_requests()
                session = requests.Session()
                # Proxies, CA bundle and credentials are decided explicitly below, never by
                # ~/.netrc or REQUESTS_CA_BUNDLE overriding what the user asked for.
                session.trust_env = False
                if self.settings.pool_size > 10:   # requests keeps 10 by default; parallel work needs one per worker
                    session.mount('https://', requests.adapters.HTTPAdapter(pool_maxsize=self.settings.pool_size))
                self._session = session
            return self._session

    def close(self) -> None:
        if self._session is not None:
            self._session.close()
            self._session = None

    def _verify(self):
        if not self.settings.validate_certs:
            return False
        if self.settings.ca_path:
            return self.settings.ca_path
        return True

    def send(self, method: str, url: str, *, headers: Mapping[str, str], data: Union[None, bytes, Callable[[], bytes]] = None,
             operation: str, body_limit: int = API_BODY_LIMIT, idempotent: bool = True, host_note: str = '') -> HTTPResponse:
        """Send until an answer is final; return it (any status). Raise typed errors for transport failures.

        Retried: 408, 429, 500, 502, 503 and 504 answers and connection failures, ``settings.retries`` times at most.
        A non-idempotent request is retried only when it provably was not processed: a 429
        that says when to come back, or a connection that never opened.
        ``data`` may be a callable, asked for the body before every attempt (a client assertion must not be sent twice).
        ``host_note`` (how the host was chosen: the default region, a PINGONE_* variable...) ends the message of a
        failure to reach it or a redirect (``Endpoints.note``).
        """
        try:
            return self._send_until_final(method, url, headers, data, operation, body_limit, idempotent)
        except (PingOneConnectionError, PingOneRedirectError) as error:
            raise with_note(error, host_note)

    def _send_until_final(self, method, url, headers, data, operation, body_limit, idempotent) -> HTTPResponse:
        retries = self.settings.retries
        attempt = 0
        while True:
            attempt += 1
            self.pacer.wait()
            try:
                response = self._send_once(method, url, headers, data() if callable(data) else data, operation, body_limit)
            except _Failure as failure:
                if attempt > retries or not (idempotent or failure.safe_for_writes):
                    raise failure.error(attempt) from None
                self._pause(attempt, None, operation, failure.reason)
                continue
            response.attempts = attempt
            if response.status != 429:
                self.pacer.accepted()
            if response.status not in RETRY_STATUSES or attempt > retries:
                return response
            retry_after = parse_retry_after(response.headers.get('Retry-After'))
            if not idempotent and not (response.status == 429 and retry_after is not None):
                return response
            self._pause(attempt, retry_after, operation, 'HTTP %d' % response.status, shared=response.status == 429)

    def _pause(self, attempt: int, retry_after: Optional[float], operation: str, reason: str, shared: bool = False) -> None:
        """Wait before the next attempt; a rate limit (``shared``) pauses every thread of this transport."""
        delay = backoff_delay(attempt, retry_after, self.rng)
        if not shared or self.pacer.hold(delay):   # a pause another worker set already was announced by it
            self.warn('%s: %s; retry %d of %d in %.1f s.' % (operation, reason, attempt, self.settings.retries, delay))
        self.sleep(delay)

    def _send_once(self, method, url, headers, data, operation, body_limit) -> HTTPResponse:
        requests = import_requests()
        from urllib3.util import Timeout  # pylint: disable=import-outside-toplevel
        host = urlsplit(url).netloc
        deadline = self.clock() + self.settings.timeout
        try:
            with warnings.catch_warnings():
                # validate_certs=false already warned once in the module; no per-request noise.
                warnings.simplefilter('ignore')
                response = self.session.request(
                    method, url, headers=dict(headers), data=data, allow_redirects=False, stream=True,
                    verify=self._verify(), proxies=requests.utils.get_environ_proxies(url),
                    timeout=Timeout(total=self.settings.timeout))
        except requests.exceptions.SSLError as exc:
            raise self._tls_error(exc, host, url, operation) from None
        except requests.exceptions.ConnectTimeout:
            raise self._timeout(host, url, operation, safe_for_writes=True) from None
        except requests.exceptions.Timeout:
            raise self._timeout(host, url, operation, safe_for_writes=False) from None
        except requests.exceptions.RequestException as exc:
            raise self._connection_failure(exc, host, url, operation) from None
        try:
            if 300 <= response.status_code < 400:
                location = urlsplit(urljoin(url, response.headers.get('Location') or '')).hostname or 'an unnamed host'
                raise PingOneRedirectError(
                    '%s was answered with a redirect (HTTP %d) to %s, which was not followed because it would resend the '
                    'credentials: check region, auth_hostname, api_hostname and custom_domain, and any proxy in between.'
                    % (operation, response.status_code, location), url=url, status=response.status_code)
            body = self._read_body(response, body_limit, deadline, host, url, operation)
        except BaseException:
            response.close()
            raise
        response.raw.release_conn()   # keep the connection for the next request
        return HTTPResponse(response.status_code, response.headers, body, url)

    def _read_body(self, response, limit, deadline, host, url, operation) -> bytes:
        import urllib3  # pylint: disable=import-outside-toplevel
        raw = response.raw
        # read1 returns what has arrived, so a trickle cannot outlast the deadline; decoding here
        # (gzip, deflate) means the limit applies to what would be held in memory.
        read = getattr(raw, 'read1', None) or raw.read
        sock = getattr(getattr(raw, 'connection', None), 'sock', None)
        chunks, size = [], 0
        while True:
            remaining = deadline - self.clock()
            if remaining <= 0:
                raise self._timeout(host, url, operation, safe_for_writes=False)
            if sock is not None:
                sock.settimeout(remaining)
            try:
                chunk = read(_CHUNK, decode_content=True)
            except (urllib3.exceptions.ReadTimeoutError, socket.timeout):
                raise self._timeout(host, url, operation, safe_for_writes=False) from None
            except (urllib3.exceptions.HTTPError, OSError) as exc:
                raise self._connection_failure(exc, host, url, operation) from None
            if not chunk:
                return b''.join(chunks)
            size += len(chunk)
            if size > limit:
                raise PingOneUnexpectedResponseError(
                    '%s was answered with a body larger than %d KiB, which was not read: check that %s is PingOne and that no '
                    'proxy in between answers instead.' % (operation, limit // 1024, host), url=url, status=response.status_code)
            chunks.append(chunk)

    def _timeout(self, host, url, operation, safe_for_writes):
        return _Failure(PingOneTimeoutError, '%s got no complete answer from %s within the %g s timeout' % (operation, host, self.settings.timeout),
                        ': check the network path and any proxy to PingOne, or raise timeout.',
                        'no answer within %g s' % self.settings.timeout, url, safe_for_writes)

    def _tls_error(self, exc, host, url, operation):
        reason = _tls_reason(exc)
        if reason == 'mismatch':
            advice = ('the certificate is for another host name: check region, auth_hostname, api_hostname and custom_domain, '
                      'or whether a proxy intercepts the connection')
            reason = 'the certificate does not name this host'
        else:
            advice = ('if this host or a TLS-inspecting proxy in between uses a private certificate authority, give its CA '
                      'certificate bundle (PEM) as ca_path')
        return PingOneTLSError('%s could not verify the TLS certificate of %s (%s): %s.' % (operation, host, reason, advice), url=url)

    def _connection_failure(self, exc, host, url, operation):
        requests = import_requests()
        causes = list(_causes(exc))
        never_connected = False
        if any(isinstance(cause, socket.gaierror) for cause in causes) or any('NameResolution' in type(c).__name__ for c in causes):
            reason, never_connected = 'the host name could not be resolved', True
            advice = ('check region, auth_hostname, api_hostname and custom_domain, the DNS of this host, and HTTPS_PROXY/NO_PROXY')
        elif isinstance(exc, requests.exceptions.ProxyError):
            reason, never_connected = 'the proxy failed', True
            advice = 'check the HTTPS_PROXY and NO_PROXY environment variables on the host running the module'
        elif any(isinstance(cause, ConnectionRefusedError) for cause in causes):
            reason, never_connected = 'the connection was refused', True
            advice = 'check region, auth_hostname, api_hostname and custom_domain, any firewall, and HTTPS_PROXY/NO_PROXY'
        else:
            reason = 'the connection was closed or reset before a complete answer arrived'
            advice = 'check any proxy or firewall between this host and PingOne, then run the task again'
        return _Failure(PingOneConnectionError, '%s could not reach %s: %s' % (operation, host, reason), '; %s.' % advice,
                        reason, url, safe_for_writes=never_connected)
