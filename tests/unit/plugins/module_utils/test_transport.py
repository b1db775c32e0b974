# -*- coding: utf-8 -*-
# Copyright: (c) 2026, pingone.platform maintainers
# GNU General Public License v3.0+ (see LICENSE or https://www.gnu.org/licenses/gpl-3.0.txt)

from __future__ import annotations

import gzip
import http.server
import socket
import threading
from datetime import datetime, timedelta, timezone
from email.utils import format_datetime

import pytest
import requests
import urllib3

from ansible_collections.pingone.platform.plugins.module_utils.errors import (
    PingOneConnectionError,
    PingOneRedirectError,
    PingOneTimeoutError,
    PingOneTLSError,
    PingOneUnexpectedResponseError,
)
from ansible_collections.pingone.platform.plugins.module_utils.transport import (
    BACKOFF_CAP,
    RETRY_STATUSES,
    backoff_delay,
    parse_retry_after,
)

from ansible_collections.pingone.platform.tests.unit.fakes import Answer

URL = 'https://auth.example.test/env/as/token'


def wrapped(inner):
    """An exception chain shaped like the one requests raises around an OS error."""
    try:
        try:
            raise inner
        except OSError as os_error:
            raise urllib3.exceptions.NewConnectionError(None, 'Failed to establish a new connection') from os_error
    except urllib3.exceptions.NewConnectionError as middle:
        return requests.exceptions.ConnectionError(urllib3.exceptions.MaxRetryError(None, URL, middle))


def send(http, method='POST', idempotent=True, **kwargs):
    return http.transport.send(method, URL, headers={'X': '1'}, data=b'a=b', operation='The token request to %s' % URL,
                               idempotent=idempotent, **kwargs)


def test_retry_after_forms():
    now = datetime(2026, 11, 25, 12, 0, 0, tzinfo=timezone.utc)
    assert parse_retry_after('7') == 7.0
    assert parse_retry_after(' 0 ') == 0.0
    assert parse_retry_after(format_datetime(now + timedelta(seconds=42), usegmt=True), now=now.timestamp()) == 42.0
    assert parse_retry_after(format_datetime(now - timedelta(seconds=42), usegmt=True), now=now.timestamp()) == 0.0
    for junk in (None, '', 'soon', '-3', '1.5e9', 'Wed, 99 Foo 2026', '\u00b2', '\u0663'):
        assert parse_retry_after(junk) is None


def test_backoff_is_exponential_with_jitter_and_capped():
    assert [backoff_delay(n, rng=lambda: 1.0) for n in (1, 2, 3, 4)] == [1.0, 2.0, 4.0, 8.0]
    assert [backoff_delay(n, rng=lambda: 0.0) for n in (1, 2, 3)] == [0.5, 1.0, 2.0]
    assert backoff_delay(12, rng=lambda: 1.0) == BACKOFF_CAP
    assert backoff_delay(1, retry_after=5) == 5
    assert backoff_delay(1, retry_after=3600) == BACKOFF_CAP


@pytest.mark.parametrize('status', sorted(RETRY_STATUSES))
def test_retryable_statuses_are_retried_then_succeed(fake_http, status):
    http = fake_http([Answer(status), Answer(status), Answer(200, {'ok': True})])
    response = send(http)
    assert (response.status, response.attempts, len(http.sent)) == (200, 3, 3)
    assert http.sleeps == [0.75, 1.5]   # rng fixed at 0.5: 1 s and 2 s times 0.75
    assert len(http.warnings) == 2
    assert http.warnings[0] == 'The token request to %s: HTTP %d; retry 1 of 3 in 0.8 s.' % (URL, status)


def test_retries_stop_after_the_limit_and_return_the_last_answer(fake_http):
    http = fake_http([Answer(503)] * 4, retries=3)
    response = send(http)
    assert (response.status, response.attempts, len(http.sent), len(http.sleeps)) == (503, 4, 4, 3)


def test_zero_retries_sends_once(fake_http):
    http = fake_http([Answer(500)], retries=0)
    assert send(http).status == 500 and len(http.sent) == 1 and http.sleeps == []


@pytest.mark.parametrize('status', [400, 401, 403, 404, 409, 422])
def test_other_client_errors_are_never_retried(fake_http, status):
    http = fake_http([Answer(status)])
    assert send(http).status == status and len(http.sent) == 1


def test_retry_after_seconds_and_date_are_honoured(fake_http):
    later = format_datetime(datetime.now(timezone.utc) + timedelta(seconds=20), usegmt=True)
    http = fake_http([Answer(429, headers={'Retry-After': '3'}), Answer(503, headers={'Retry-After': later}),
                      Answer(429, headers={'Retry-After': '9999'}), Answer(200)])
    send(http)
    assert http.sleeps[0] == 3.0
    assert 17 <= http.sleeps[1] <= 20
    assert http.sleeps[2] == BACKOFF_CAP


def test_writes_are_retried_only_when_pingone_says_when(fake_http):
    http = fake_http([Answer(503), Answer(200)])
    assert send(http, idempotent=False).status == 503 and len(http.sent) == 1
    http = fake_http([Answer(429), Answer(200)])
    assert send(http, idempotent=False).status == 429 and len(http.sent) == 1
    http = fake_http([Answer(429, headers={'Retry-After': '1'}), Answer(201)])
    assert send(http, idempotent=False).status == 201 and http.sleeps == [1.0]


def test_connection_refused_is_retried_then_named(fake_http):
    http = fake_http([wrapped(ConnectionRefusedError(111, 'Connection refused'))] * 3, retries=2)
    with pytest.raises(PingOneConnectionError) as info:
        send(http)
    message = str(info.value)
    assert message.startswith('The token request to %s could not reach auth.example.test: the connection was refused after 3 attempts;' % URL)
    assert 'region, auth_hostname' in message and 'HTTPS_PROXY' in message
    assert len(http.sent) == 3 and len(http.warnings) == 2 and info.value.url == URL


def test_dns_failure_names_the_host(fake_http):
    http = fake_http([wrapped(socket.gaierror(-2, 'Name or service not known'))], retries=0)
    with pytest.raises(PingOneConnectionError) as info:
        send(http)
    assert 'could not reach auth.example.test: the host name could not be resolved;' in str(info.value)
    assert 'attempts' not in str(info.value)


def test_refused_write_is_retried_because_nothing_was_sent(fake_http):
    http = fake_http([wrapped(ConnectionRefusedError(111, 'refused')), Answer(201)])
    assert send(http, idempotent=False).status == 201


def test_reset_write_is_not_retried(fake_http):
    http = fake_http([requests.exceptions.ConnectionError(urllib3.exceptions.ProtocolError('Connection aborted.', ConnectionResetError(104)))])
    with pytest.raises(PingOneConnectionError, match='closed or reset'):
        send(http, idempotent=False)
    assert len(http.sent) == 1


def test_tls_unknown_ca_points_to_ca_path_and_is_not_retried(fake_http):
    http = fake_http([requests.exceptions.SSLError(urllib3.exceptions.SSLError(
        '[SSL: CERTIFICATE_VERIFY_FAILED] certificate verify failed: unable to get local issuer certificate (_ssl.c:1006)'))])
    with pytest.raises(PingOneTLSError) as info:
        send(http)
    message = str(info.value)
    assert 'could not verify the TLS certificate of auth.example.test (unable to get local issuer certificate)' in message
    assert 'ca_path' in message and 'validate_certs' not in message
    assert len(http.sent) == 1


def test_tls_name_mismatch_says_so(fake_http):
    http = fake_http([requests.exceptions.SSLError(urllib3.exceptions.SSLError(
        "[SSL: CERTIFICATE_VERIFY_FAILED] certificate verify failed: Hostname mismatch, certificate is not valid for 'x'."))])
    with pytest.raises(PingOneTLSError, match='the certificate does not name this host'):
        send(http)


def test_timeouts_name_the_timeout(fake_http):
    http = fake_http([requests.exceptions.ReadTimeout('read timed out')] * 2, retries=1, timeout=2.5)
    with pytest.raises(PingOneTimeoutError) as info:
        send(http)
    assert 'got no complete answer from auth.example.test within the 2.5 s timeout after 2 attempts: ' in str(info.value)
    assert 'raise timeout' in str(info.value)


def test_read_timeout_of_a_write_is_not_retried_but_connect_timeout_is(fake_http):
    http = fake_http([requests.exceptions.ReadTimeout('x'), Answer(201)])
    with pytest.raises(PingOneTimeoutError):
        send(http, idempotent=False)
    http = fake_http([requests.exceptions.ConnectTimeout('x'), Answer(201)])
    assert send(http, idempotent=False).status == 201


def test_redirects_are_not_followed_and_name_the_location_host(fake_http):
    http = fake_http([Answer(307, headers={'Location': 'https://evil.example.net/steal?x=1'})])
    with pytest.raises(PingOneRedirectError) as info:
        send(http)
    assert 'redirect (HTTP 307) to evil.example.net, which was not followed' in str(info.value)
    assert 'steal' not in str(info.value)
    assert http.adapter.options[0]['timeout'] is not None and len(http.sent) == 1


def test_relative_redirect_names_the_same_host(fake_http):
    http = fake_http([Answer(302, headers={'Location': '/login'})])
    with pytest.raises(PingOneRedirectError, match='to auth.example.test, which was not followed'):
        send(http)


def test_compressed_answers_are_decoded(fake_http):
    body = gzip.compress(b'{"ok": true}' + b' ' * 5000)
    http = fake_http([Answer(200, body=body, headers={'Content-Encoding': 'gzip'})])
    assert send(http).body.rstrip() == b'{"ok": true}'


def test_the_limit_applies_to_the_decoded_size(fake_http):
    bomb = gzip.compress(b'0' * 4096)
    http = fake_http([Answer(200, body=bomb, headers={'Content-Encoding': 'gzip'})])
    with pytest.raises(PingOneUnexpectedResponseError, match='larger than 1 KiB'):
        send(http, body_limit=1024)


def test_request_options_never_follow_redirects_and_verify_explicitly(fake_http, tmp_path):
    http = fake_http([Answer(200)] * 3)
    send(http)
    assert http.transport.session.trust_env is False
    assert http.adapter.options[0]['verify'] is True
    http.transport.settings.ca_path = str(tmp_path / 'ca.pem')
    send(http)
    assert http.adapter.options[1]['verify'] == str(tmp_path / 'ca.pem')
    http.transport.settings.validate_certs = False
    send(http)
    assert http.adapter.options[2]['verify'] is False


def test_proxy_comes_from_https_proxy_and_no_proxy(fake_http, monkeypatch):
    monkeypatch.setenv('HTTPS_PROXY', 'http://proxy.example.test:3128')
    monkeypatch.delenv('NO_PROXY', raising=False)
    monkeypatch.delenv('no_proxy', raising=False)
    http = fake_http([Answer(200), Answer(200)])
    send(http)
    assert http.adapter.options[0]['proxies'].get('https') == 'http://proxy.example.test:3128'
    monkeypatch.setenv('NO_PROXY', 'auth.example.test')
    send(http)
    assert not http.adapter.options[1]['proxies'].get('https')


def test_bodies_over_the_limit_are_refused_unread(fake_http):
    http = fake_http([Answer(200, body=b'x' * 2048)])
    with pytest.raises(PingOneUnexpectedResponseError) as info:
        send(http, body_limit=1024)
    assert 'larger than 1 KiB' in str(info.value) and 'xxx' not in str(info.value)


def test_body_at_the_limit_is_read(fake_http):
    http = fake_http([Answer(200, body=b'x' * 1024)])
    assert send(http, body_limit=1024).body == b'x' * 1024


class _ClosingSocket:
    """A socket that urllib3 closes (pool full) once the body's last chunk was read: a timeout can no longer be set."""

    def __init__(self):
        self.closed = False

    def settimeout(self, _seconds):
        if self.closed:
            raise OSError(9, 'Bad file descriptor')


class _Raw:
    def __init__(self, chunks, sock):
        self.chunks, self.connection = list(chunks), type('Connection', (), {'sock': sock})()

    def read1(self, _size, decode_content=True):
        chunk = self.chunks.pop(0) if self.chunks else b''
        if not self.chunks:
            self.connection.sock.closed = True   # released and closed as soon as the body is whole
        return chunk


def test_a_body_whose_connection_closes_once_read_is_returned_whole():
    from ansible_collections.pingone.platform.plugins.module_utils.transport import Transport, TransportSettings
    transport = Transport(TransportSettings())
    response = type('Response', (), {'raw': _Raw([b'{"a":', b' 1}'], _ClosingSocket()), 'status_code': 200})()
    body = transport._read_body(response, 1024, transport.clock() + 30, 'api.example.test', URL, 'GET x')   # pylint: disable=protected-access
    assert body == b'{"a": 1}'


def test_a_bulk_transport_keeps_one_connection_per_worker_and_waits_for_a_free_one():
    from ansible_collections.pingone.platform.plugins.module_utils.transport import Transport, TransportSettings
    bulk = Transport(TransportSettings(pool_size=8, bulk=True)).session.get_adapter('https://api.example.test')
    assert bulk._pool_maxsize == 8 and bulk._pool_block is True   # pylint: disable=protected-access
    single = Transport(TransportSettings()).session.get_adapter('https://api.example.test')
    assert single._pool_block is False   # pylint: disable=protected-access


class _KeepAliveHandler(http.server.BaseHTTPRequestHandler):
    """HTTP/1.1 that keeps every connection open, even after a request that asked to close it, and never says
    ``Connection: close``: whether a connection is used again is then the client's choice alone."""

    protocol_version = 'HTTP/1.1'
    connections = 0
    answers: list = []

    def setup(self):
        super().setup()
        type(self).connections += 1

    def do_POST(self):   # pylint: disable=invalid-name
        self.rfile.read(int(self.headers.get('Content-Length') or 0))
        status = self.answers.pop(0)
        self.send_response(status)
        self.send_header('Retry-After', '0')
        self.send_header('Content-Length', '2')
        self.end_headers()
        self.wfile.write(b'{}')
        self.close_connection = False

    def log_message(self, *args):   # pylint: disable=arguments-differ
        pass


@pytest.mark.parametrize('headers, connections', [({'Connection': 'close'}, 3), ({}, 1)], ids=['asked to close', 'keep-alive'])
def test_a_request_that_asked_to_close_its_connection_is_retried_on_a_new_one(headers, connections):
    """RFC 9112 9.6: after sending ``Connection: close`` nothing more goes on that connection, a retry included (the server
    closes it after its answer, and a retry racing that close was lost: tests/integration/test_faults.py, under load)."""
    from ansible_collections.pingone.platform.plugins.module_utils.transport import Transport, TransportSettings
    handler = type('Handler', (_KeepAliveHandler,), {'connections': 0, 'answers': [429, 429, 200]})
    with http.server.ThreadingHTTPServer(('127.0.0.1', 0), handler) as server:
        threading.Thread(target=server.serve_forever, daemon=True).start()
        transport = Transport(TransportSettings(retries=2))
        try:
            response = transport.send('POST', 'http://127.0.0.1:%d/env/as/token' % server.server_address[1], headers=headers,
                                      data=b'a=b', operation='The token request')
        finally:
            transport.close()
            server.shutdown()
    assert (response.status, response.attempts, handler.connections) == (200, 3, connections)
