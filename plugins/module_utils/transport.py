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
from typing import Callable, Deque, Iterator, Mapping, Optional, Union
from urllib.parse import urljoin, urlsplit

from ansible_collections.pingone.platform.plugins.module_utils.errors import (
    PingOneConnectionError,
    PingOneDependencyError,
    PingOneRateLimitedError,
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
# Bulk work: a 429 does not use up a request's retries; the task gives up when none of its requests got an
# answer other than 429 for this long (documented in the bulk modules and docs/users-and-groups.md).
NO_PROGRESS_TIMEOUT = 120.0
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
    rate_limit: Optional[float] = None   # requests per second the task may send (the rate_limit option); None: adaptive
    bulk: bool = False   # many requests in one task (connect(module, workers=...)): the pacer's bulk mode (Pacer)


class Pacer:
    """The pace of every request of one task: one shared pause after a 429, and, once a rate is known, spaced sends.

    Rules (every thread of a transport asks ``wait()`` before every send, first or retry):

    - **One window for all.** A 429's ``Retry-After`` (``hold``) is a window in which no request of
      the task is sent: every thread waits until the latest window any of them was given has
      passed, measured from when it was received. Some limiters refuse, and restart their window
      for, every request that arrives inside it, so a thread that slept and finds a later window
      announced meanwhile waits again (the thread that got the 429 is no exception).
    - **A rate.** ``rate_limit`` (given by the task) spaces sends ``1 / (rate_limit * MARGIN)``
      apart from the first one. Without it, a ``bulk`` pacer learns a rate at the first 429: the
      answers PingOne accepted in the second before it, times ``MARGIN``; a later 429 lowers it.
      Sends are spaced by when they really go, so after a pause (or a busy host's late wake-up)
      the threads go one slot apart, not all at once.
    - **Bulk patience.** In ``bulk`` work a 429 does not use up a request's retries; instead the
      task gives up when no request of it got an answer other than 429 for ``NO_PROGRESS_TIMEOUT``
      seconds (``stalled()``).

    ``bulk`` (many requests in one task: ``TransportSettings.bulk``) is fixed when the pacer is made.
    """

    MARGIN = 0.95   # of the rate: PingOne counts arrivals, which the network shifts a little from our sends

    def __init__(self, clock: Callable[[], float], sleep: Callable[[float], None], rate_limit: Optional[float] = None,
                 bulk: bool = False):
        self._clock = clock
        self._sleep = sleep
        self._lock = threading.Lock()
        self._accepted: Deque[float] = deque()   # when answers other than 429 came, over the last second (bulk only)
        self._next_slot = 0.0                    # the earliest the next send may go, once a rate is known
        self.bulk = bulk
        self.rate: Optional[float] = rate_limit * self.MARGIN if rate_limit else None   # sends per second
        self._rate_set_at = float('-inf')
        self.progress_at = clock()               # when the last answer other than 429 came (or the work began)
        self.resume_at = 0.0
        self.holds = 0                           # pauses begun (a window extended before it ended is the same pause)
        self.limited = 0                         # 429s received

    def hold(self, seconds: float) -> bool:
        """A 429 told to come back in ``seconds``: no send of the task before then. True when it began a new pause."""
        with self._lock:
            now = self._clock()
            self.limited += 1
            self._learn(now)
            until = now + seconds
            if until <= self.resume_at:
                return False
            began = self.resume_at <= now
            self.resume_at = until
            if began:
                self.holds += 1
            return began

    def _learn(self, now: float) -> None:
        # 429s that come within a second of the one that set the rate were in flight with it: one event.
        if not self.bulk or now - self._rate_set_at < 1.0:
            return
        if self.rate is None:
            recent = sum(1 for answered in self._accepted if now - answered < 1.0)
            self.rate = max(1.0, recent * self.MARGIN)
        else:   # a 429 at this rate: the limit is lower (another client shares it), so go a little below
            self.rate = max(1.0, self.rate * self.MARGIN)
        self._rate_set_at = now

    def wait(self) -> None:
        """Sleep until this send may go: the latest window announced has passed and, once a rate is known, ``1 / rate``
        has passed since the send before it went."""
        woke = float('-inf')   # the time this thread last slept until
        while True:
            with self._lock:
                # A sleep ends at its time even when the clock reads a hair less (a coarse clock, float sums).
                now = max(self._clock(), woke)
                go = max(now, self.resume_at, self._next_slot if self.rate else now)
                if go <= now:
                    if self.rate:   # the slot is taken when the send really goes: a late thread does not make a burst
                        self._next_slot = now + 1.0 / self.rate
                    return
            # Then look again: a later window announced meanwhile (sending inside it would only restart it),
            # or the slot taken by another thread, means waiting again.
            self._sleep(go - now)
            woke = go

    def accepted(self) -> None:
        """Note an answer that was not a 429: progress, and (bulk) what the rate is learned from."""
        with self._lock:
            now = self._clock()
            self.progress_at = now
            if not self.bulk:
                return
            self._accepted.append(now)
            while self._accepted and now - self._accepted[0] >= 1.0:
                self._accepted.popleft()

    def stalled(self) -> bool:
        """Bulk work: no request of the task got an answer other than 429 for NO_PROGRESS_TIMEOUT seconds."""
        with self._lock:
            return self._clock() - self.progress_at >= NO_PROGRESS_TIMEOUT


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


def _asks_to_close(headers: Mapping[str, str]) -> bool:
    return any(name.lower() == 'connection' and 'close' in str(value).lower() for name, value in headers.items())


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
        # Through self, not the callables given: a test that swaps transport.sleep (or clock) after construction
        # swaps the pacer's too (test_bulk.py: test_progress_of_another_worker_keeps_bulk_going).
        self.pacer = Pacer(self._now, self._sleep, rate_limit=settings.rate_limit, bulk=settings.bulk)
        self._session = None
        self._session_lock = threading.Lock()

    def _now(self) -> float:
        return self.clock()

    def _sleep(self, seconds: float) -> None:
        self.sleep(seconds)

    @property
    def session(self):
        with self._session_lock:
            if self._session is None:
                requests = import_requests()
                session = requests.Session()
                # Proxies, CA bundle and credentials are decided explicitly below, never by
                # ~/.netrc or REQUESTS_CA_BUNDLE overriding what the user asked for.
                session.trust_env = False
                if self.settings.bulk:
                    # One connection per worker, and a request waits for a free one: the requests in flight to a host
                    # never outnumber the workers (``concurrency``), however the task nests its parallel work, and no
                    # connection is opened beyond the pool only to be closed under a response still being read.
                    session.mount('https://', requests.adapters.HTTPAdapter(pool_maxsize=self.settings.pool_size, pool_block=True))
                elif self.settings.pool_size > 10:   # requests keeps 10 by default; parallel work needs one per worker
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
        attempt = 0   # sends that count against retries
        sends = 0     # every send, 429s of bulk work included
        limited = 0   # 429s in a row for this request
        while True:
            attempt += 1
            sends += 1
            self.pacer.wait()
            try:
                response = self._send_once(method, url, headers, data() if callable(data) else data, operation, body_limit)
            except _Failure as failure:
                if attempt > retries or not (idempotent or failure.safe_for_writes):
                    raise failure.error(sends) from None
                self._pause(attempt, None, operation, failure.reason)
                continue
            response.attempts = sends
            if response.status != 429:
                self.pacer.accepted()
                limited = 0
            if response.status not in RETRY_STATUSES:
                return response
            retry_after = parse_retry_after(response.headers.get('Retry-After'))
            if not idempotent and not (response.status == 429 and retry_after is not None):
                return response
            if response.status == 429 and self.pacer.bulk:
                limited += 1
                attempt -= 1   # rate limited: PingOne did not act on it; not a failure of this request
                self._rate_limited(limited, retry_after, operation, url, sends)
                continue
            if attempt > retries:
                return response
            if response.status == 429:
                self._rate_limited(attempt, retry_after, operation, url, sends, attempt)
                continue
            self._pause(attempt, retry_after, operation, 'HTTP %d' % response.status)

    def _rate_limited(self, number: int, retry_after: Optional[float], operation: str, url: str, sends: int,
                      attempt: Optional[int] = None) -> None:
        """A 429: a window for every thread of the transport (the pacer), then wait for it like every other send.

        ``attempt`` is set for a single request, whose retries a 429 uses up; bulk work gives up only when the
        whole task stalled (``NO_PROGRESS_TIMEOUT``).
        """
        if attempt is None and self.pacer.stalled():
            raise PingOneRateLimitedError(
                '%s was answered HTTP 429 (rate limited) %d times, and no request of this task got through for %d s: PingOne\'s '
                'rate limit is taken by other clients of the licence, or is lower than this task\'s pace. Run the task again later '
                '(it changes only what is still different), or set rate_limit lower.' % (operation, sends, NO_PROGRESS_TIMEOUT),
                url=url, status=429)
        delay = backoff_delay(number, retry_after, self.rng)
        if self.pacer.hold(delay):   # a window another thread opened was announced by it
            if attempt is None:
                self.warn('%s: HTTP 429; every request of this task waits %.1f s, as PingOne asked.' % (operation, delay))
            else:
                self.warn('%s: HTTP 429; retry %d of %d in %.1f s.' % (operation, attempt, self.settings.retries, delay))

    def _pause(self, attempt: int, retry_after: Optional[float], operation: str, reason: str) -> None:
        """Wait before the next attempt of this request (a failure of its own: only this thread waits)."""
        delay = backoff_delay(attempt, retry_after, self.rng)
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
        # Taken before the body is read: urllib3 hands the connection back to the pool once the body is whole.
        connection = getattr(response.raw, 'connection', None)
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
        if connection is not None and _asks_to_close(headers):
            # RFC 9112 9.6: a client that sent "close" sends no further request on that connection, a retry included.
            # The server closes it after this answer; a retry sent on it before the close is seen would be lost.
            connection.close()
        response.raw.release_conn()   # keep the connection for the next request
        return HTTPResponse(response.status_code, response.headers, body, url)

    def _read_body(self, response, limit, deadline, host, url, operation) -> bytes:
        import urllib3  # pylint: disable=import-outside-toplevel
        raw = response.raw
        # read1 returns what has arrived, so a trickle cannot outlast the deadline; decoding here
        # (gzip, deflate) means the limit applies to what would be held in memory.
        read = getattr(raw, 'read1', None) or raw.read
        chunks, size = [], 0
        while True:
            remaining = deadline - self.clock()
            if remaining <= 0:
                raise self._timeout(host, url, operation, safe_for_writes=False)
            # Looked up at every pass: once the whole body has arrived, urllib3 may have handed the connection back
            # (and closed it), and a closed socket cannot take a timeout - there is nothing left to read then.
            sock = getattr(getattr(raw, 'connection', None), 'sock', None)
            if sock is not None:
                try:
                    sock.settimeout(remaining)
                except OSError:
                    pass
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
