# -*- coding: utf-8 -*-
# Copyright: (c) 2026, pingone.platform maintainers
# GNU General Public License v3.0+ (see LICENSE or https://www.gnu.org/licenses/gpl-3.0.txt)
"""The fault catalogue: every network and server fault, through real ansible-playbook, with its outcome and time bound.

FAULTS is the single table: the tests below run it (all scenarios in ONE ansible-playbook run,
faults.yml, each scenario checked on its own), and tools/catalogue.py renders it as
docs/fault-catalogue.md (test_catalogues.py keeps the two equal).

For each scenario the test checks: the outcome (a token, or the exact message), how many
requests the simulator received, each retry warning and its wait, and the module's wall time:
no scenario may run past ``timeout x (retries + 1)`` plus the capped backoff, measured as the
task's duration minus the duration of the fault-free baseline scenario (Ansible's own cost
per task) with a fixed slack for a loaded machine.
"""

from __future__ import annotations

import re
import socket
from dataclasses import dataclass, field
from typing import Dict, List, Optional, Tuple

import pytest

# The module's retry constants (plugins/module_utils/transport.py), as docs/errors.md states them.
DEFAULT_TIMEOUT = 30
DEFAULT_RETRIES = 3
BACKOFF_BASE = 1.0
BACKOFF_CAP = 30.0
SLACK = 2.5   # seconds: a busy 2-core machine, Python start-up and imports of one module run
ADMIN_ENV_ID = '6f1c2a3e-8d4b-4f5a-9c7e-1a2b3c4d5e6f'   # pingone_simulator.ADMIN_ENV_ID (checked below)

RESET = 'the connection was closed or reset before a complete answer arrived'
REFUSED = 'the connection was refused'
UNRESOLVED = 'the host name could not be resolved'
PINGONE_HOST = 'check that <host> is PingOne and that no proxy or captive portal answers in its place.'


def wait(retry_number: int) -> Tuple[float, float]:
    """The exponential backoff before retry ``retry_number`` when no Retry-After came: base x 2^(n-1) x [0.5, 1]."""
    longest = min(BACKOFF_CAP, BACKOFF_BASE * 2 ** (retry_number - 1))
    return (longest / 2, longest)


@dataclass(frozen=True)
class Fault:
    """One scenario. Placeholders: <sim> (the simulator), <refusing>, <silent>, <wrong-name> (other listeners),
    <other-ca>, <wrong-name-ca> (CA files); in messages also <op> (the operation) and <host> (the host called)."""

    name: str
    what: str                                  # the fault, in words (for the catalogue)
    faults: List[dict] = field(default_factory=list)   # queued in the simulator
    options: Dict[str, object] = field(default_factory=dict)
    requests: int = 1                          # requests the simulator received (0: it never saw one)
    message: Optional[str] = None              # None: a token is returned
    retried: List[Tuple[str, Tuple[float, float]]] = field(default_factory=list)   # (reason, (min, max) wait) per retry
    retry_after: float = 0.0                   # the longest Retry-After the scenario sends (for the bound)
    min_seconds: float = 0.0                   # the module must take at least this long (a wait it must honour)
    tls_failures: int = 0                      # TLS handshakes the simulator saw fail

    @property
    def timeout(self) -> float:
        return float(self.options.get('timeout', DEFAULT_TIMEOUT))

    @property
    def retries(self) -> int:
        return int(self.options.get('retries', DEFAULT_RETRIES))

    @property
    def bound(self) -> float:
        """timeout x (retries + 1) plus the capped backoff (Retry-After or exponential, whichever is longer), in seconds."""
        waits = sum(min(BACKOFF_CAP, max(wait(n)[1], self.retry_after)) for n in range(1, self.retries + 1))
        return self.timeout * (self.retries + 1) + waits

    @property
    def attempts(self) -> int:
        return len(self.retried) + 1


FAULTS = [
    Fault('no fault', 'a normal answer; its time is the baseline (Ansible and module start-up) for the bounds below'),
    Fault('429 with Retry-After in seconds', '429 with `Retry-After: 1`, then a normal answer',
          [{'status': 429, 'headers': {'Retry-After': '1'}}], requests=2, retried=[('HTTP 429', (1.0, 1.0))], retry_after=1, min_seconds=1),
    Fault('429 with Retry-After as an HTTP date', '429 with `Retry-After: <HTTP date 3 s later>`, then a normal answer',
          [{'status': 429, 'retry_after_date_in': 3}], requests=2, retried=[('HTTP 429', (2.0, 3.0))], retry_after=3, min_seconds=2),
    Fault('429 without Retry-After', '429 without `Retry-After`, then a normal answer',
          [{'status': 429}], requests=2, retried=[('HTTP 429', wait(1))]),
    Fault('429 that never ends', '429 with `Retry-After: 0` on every attempt',
          [{'status': 429, 'times': 3, 'headers': {'Retry-After': '0'}}], {'retries': 2}, requests=3,
          retried=[('HTTP 429', (0.0, 0.0))] * 2,
          message='<op> failed with HTTP 429 (REQUEST_LIMITED: The request was rate limited.) after 3 attempts: requests are being '
                  'rate limited: send fewer at once (lower forks) or raise retries.'),
    Fault('502, 503, 504 burst that ends', '502 (HTML page), 503, 504 (HTML page), then a normal answer',
          [{'status': 502}, {'status': 503}, {'status': 504}], requests=4,
          retried=[('HTTP 502', wait(1)), ('HTTP 503', wait(2)), ('HTTP 504', wait(3))]),
    Fault('5xx that never ends', '503 on every attempt',
          [{'status': 503, 'times': 3}], {'retries': 2}, requests=3, retried=[('HTTP 503', wait(1)), ('HTTP 503', wait(2))],
          message='<op> failed with HTTP 503 (SERVICE_UNAVAILABLE: The service is temporarily unavailable.) after 3 attempts: '
                  'PingOne may be degraded: check status.pingidentity.com and run the task again later.'),
    Fault('retries 0: no retry', '503 once, with `retries: 0` (one attempt, no retry)',
          [{'status': 503}], {'retries': 0}, requests=1,
          message='<op> failed with HTTP 503 (SERVICE_UNAVAILABLE: The service is temporarily unavailable.): '
                  'PingOne may be degraded: check status.pingidentity.com and run the task again later.'),
    Fault('reset before the answer', 'the connection is reset (TCP RST) instead of an answer, then a normal answer',
          [{'action': 'reset'}], requests=2, retried=[(RESET, wait(1))]),
    Fault('reset in the middle of the body, once', 'headers and half the body, then a reset; then a normal answer',
          [{'action': 'reset_mid_body'}], requests=2, retried=[(RESET, wait(1))]),
    Fault('reset in the middle of the body, always', 'headers and half the body, then a reset, on every attempt',
          [{'action': 'reset_mid_body', 'times': 2}], {'retries': 1}, requests=2, retried=[(RESET, wait(1))],
          message='<op> could not reach <host>: %s after 2 attempts; check any proxy or firewall between this host and PingOne, '
                  'then run the task again. <where>' % RESET),
    Fault('slow answer inside the timeout', 'the answer comes after 1 s, with `timeout: 5`',
          [{'action': 'delay', 'seconds': 1}], {'timeout': 5}, min_seconds=1),
    Fault('slow answer past the timeout', 'the answer would come after 3 s, with `timeout: 1`',
          [{'action': 'delay', 'seconds': 3}], {'timeout': 1, 'retries': 0}, min_seconds=1,
          message='<op> got no complete answer from <host> within the 1 s timeout: check the network path and any proxy to PingOne, '
                  'or raise timeout. <where>'),
    Fault('server never answers', 'the request is read and never answered',
          [{'action': 'hang', 'seconds': 10, 'times': 2}], {'timeout': 1, 'retries': 1}, requests=2,
          retried=[('no answer within 1 s', wait(1))], min_seconds=2,
          message='<op> got no complete answer from <host> within the 1 s timeout after 2 attempts: check the network path and any '
                  'proxy to PingOne, or raise timeout. <where>'),
    Fault('server accepts the connection and never answers', 'a listener that accepts TCP and never answers (not even TLS)',
          options={'auth_hostname': '<silent>', 'timeout': 1, 'retries': 1}, requests=0,
          retried=[('no answer within 1 s', wait(1))], min_seconds=2,
          message='<op> got no complete answer from <host> within the 1 s timeout after 2 attempts: check the network path and any '
                  'proxy to PingOne, or raise timeout. <where>'),
    Fault('body trickled one byte a second', 'the token answer, one byte a second (about 15 minutes in all)',
          [{'action': 'trickle', 'interval': 1.0, 'times': 2}], {'timeout': 2, 'retries': 1}, requests=2,
          retried=[('no answer within 2 s', wait(1))], min_seconds=4,
          message='<op> got no complete answer from <host> within the 2 s timeout after 2 attempts: check the network path and any '
                  'proxy to PingOne, or raise timeout. <where>'),
    Fault('20 MB body', 'a 200 answer with a 20 MB JSON body',
          [{'action': 'large', 'size': 20000000}], {'timeout': 10},
          message='<op> was answered with a body larger than 1024 KiB, which was not read: check that <host> is PingOne and that no '
                  'proxy in between answers instead.'),
    Fault('redirect to another host', '307 to `https://elsewhere.example/as/token`',
          [{'action': 'redirect', 'location': 'https://elsewhere.example/as/token'}],
          message='<op> was answered with a redirect (HTTP 307) to elsewhere.example, which was not followed because it would resend '
                  'the credentials: check region, auth_hostname, api_hostname and custom_domain, and any proxy in between. <where>'),
    Fault('200 with an HTML page', 'a captive portal: 200 with `text/html`',
          [{'body': '<html><body>Sign in to the Wi-Fi</body></html>', 'content_type': 'text/html'}],
          message='<op> was answered with HTTP 200 and an HTML page instead of a PingOne token: ' + PINGONE_HOST),
    Fault('200 JSON without access_token', '200 with `{"token_type": "Bearer", "expires_in": 3600}`',
          [{'json': {'token_type': 'Bearer', 'expires_in': 3600}}],
          message='<op> was answered with HTTP 200 and JSON without an access_token instead of a PingOne token: ' + PINGONE_HOST),
    Fault('token_type other than Bearer', '200 with a token of `token_type: N_A`',
          [{'json': {'access_token': 'abc.def.ghi', 'token_type': 'N_A', 'expires_in': 3600}}],
          message='<op> was answered with HTTP 200 and a token of type N_A rather than Bearer instead of a PingOne token: ' + PINGONE_HOST),
    Fault('200 JSON without a valid expires_in', '200 with a Bearer token and `expires_in: 0`',
          [{'json': {'access_token': 'abc.def.ghi', 'token_type': 'Bearer', 'expires_in': 0}}],
          message='<op> was answered with HTTP 200 and no valid expires_in instead of a PingOne token: ' + PINGONE_HOST),
    Fault('TLS: unknown certificate authority', 'the server certificate is from a CA that `ca_path` does not hold',
          options={'ca_path': '<other-ca>'}, requests=0, tls_failures=1,
          message='<op> could not verify the TLS certificate of <host> (unable to get local issuer certificate): if this host or a '
                  'TLS-inspecting proxy in between uses a private certificate authority, give its CA certificate bundle (PEM) as ca_path. '
                  '<where>'),
    Fault('TLS: certificate for another host name', 'a trusted certificate that names only `wrong.example`',
          options={'auth_hostname': '<wrong-name>', 'ca_path': '<wrong-name-ca>'}, requests=0,
          message='<op> could not verify the TLS certificate of <host> (the certificate does not name this host): the certificate is '
                  'for another host name: check region, auth_hostname, api_hostname and custom_domain, or whether a proxy intercepts '
                  'the connection. <where>'),
    Fault('connection refused', 'nothing listens on the port', options={'auth_hostname': '<refusing>', 'retries': 1}, requests=0,
          retried=[(REFUSED, wait(1))],
          message='<op> could not reach <host>: %s after 2 attempts; check region, auth_hostname, api_hostname and custom_domain, '
                  'any firewall, and HTTPS_PROXY/NO_PROXY. <where>' % REFUSED),
    Fault('DNS failure', 'a host name under `.invalid` (RFC 6761: never resolves)',
          options={'auth_hostname': 'auth.pingone.invalid', 'retries': 1}, requests=0, retried=[(UNRESOLVED, wait(1))],
          message='<op> could not reach <host>: %s after 2 attempts; check region, auth_hostname, api_hostname and custom_domain, '
                  'the DNS of this host, and HTTPS_PROXY/NO_PROXY. <where>' % UNRESOLVED),
]

TASKS = ('Fault: queue', 'Fault: token', 'Fault: counters', 'Fault: clear')


def _fill(value, places):
    if isinstance(value, str):
        for key, text in places.items():
            value = value.replace(key, text)
        return value
    if isinstance(value, dict):
        return {key: _fill(item, places) for key, item in value.items()}
    if isinstance(value, list):
        return [_fill(item, places) for item in value]
    return value


@pytest.fixture(scope='module')
def catalogue(collections_path, sim, tmp_path_factory):
    """Runs every scenario in one ansible-playbook run; returns {name: (scenario as run, token result, duration, counter deltas)}."""
    from conftest import Ansible  # pylint: disable=import-error,import-outside-toplevel
    from pingone_simulator import ADMIN_ENV_ID as SIM_ENV_ID, Simulator  # pylint: disable=import-error,import-outside-toplevel
    assert SIM_ENV_ID == ADMIN_ENV_ID
    tmp = tmp_path_factory.mktemp('faults')
    sim.reset()
    # A port that refuses: bound, never listening. A port that accepts TCP and never answers: listening, never accepting.
    with socket.socket() as refusing, socket.create_server(('127.0.0.1', 0), backlog=8) as silent, \
            Simulator(tmp / 'wrong-name', cert_hostnames=['wrong.example']) as wrong:
        refusing.bind(('127.0.0.1', 0))
        places = {'<sim>': sim.host, '<refusing>': '127.0.0.1:%d' % refusing.getsockname()[1],
                  '<silent>': '127.0.0.1:%d' % silent.getsockname()[1], '<wrong-name>': wrong.host,
                  '<other-ca>': sim.other_ca_path, '<wrong-name-ca>': wrong.ca_path}
        scenarios = [{'id': case.name, 'faults': _fill(case.faults, places), 'options': _fill(case.options, places)} for case in FAULTS]
        run = Ansible(collections_path, sim, tmp).run('faults.yml', unsafe_vars=True,
                                                      extra_vars={'scenarios': scenarios, 'sim_url': sim.url, 'sim_ca_path': sim.ca_path})
    records = [record for record in run.records if record['task'] in TASKS]
    assert len(records) == len(TASKS) * len(FAULTS), 'the run did not finish every scenario:\n%s' % run.output[-3000:]
    outcomes, before = {}, {'requests': 0, 'tls_failures': 0}
    for index, case in enumerate(FAULTS):
        queue, token, counters, clear = records[index * 4:index * 4 + 4]
        assert [queue['task'], token['task'], counters['task'], clear['task']] == list(TASKS)
        stats = counters['result']['json']
        deltas = {key: stats[key] - before[key] for key in before}
        deltas['faults_pending'] = stats['faults_pending']
        before = {key: 0 if clear['status'] == 'ok' else stats[key] for key in before}
        auth_host = _fill(case.options.get('auth_hostname', '<sim>'), places)
        outcomes[case.name] = (auth_host, token['result'], token['duration'], deltas)
    return outcomes


def expand(text: str, host: str, case: Optional[Fault] = None) -> str:
    """The message with <op>, <host> and <where> (how the host was chosen: the row's auth_hostname, else the variable) filled in."""
    operation = 'The token request to https://%s/%s/as/token' % (host, ADMIN_ENV_ID)
    source = 'the auth_hostname option' if case is not None and 'auth_hostname' in case.options else 'PINGONE_AUTH_SERVICE_HOSTNAME'
    return text.replace('<op>', operation).replace('<where>', '<host> is auth_hostname, from %s.' % source).replace('<host>', host)


RETRY_RE = re.compile(r'^(?P<op>.+): (?P<reason>[^;]+); retry (?P<n>\d+) of (?P<of>\d+) in (?P<wait>\d+\.\d) s\.$')


@pytest.mark.parametrize('case', FAULTS, ids=[case.name for case in FAULTS])
def test_fault(catalogue, case):
    host, result, duration, deltas = catalogue[case.name]
    token_url = 'https://%s/%s/as/token' % (host, ADMIN_ENV_ID)
    if case.message is None:
        assert not result['failed'], result.get('msg')
        assert result['access_token'].count('.') == 2 and result['token_type'] == 'Bearer'
    else:
        assert result['failed']
        assert result['msg'] == expand(case.message, host, case)
        assert result['token_url'] == token_url and 'access_token' not in result
    assert deltas == {'requests': case.requests, 'tls_failures': case.tls_failures, 'faults_pending': 0}, result.get('warnings')

    retries = [RETRY_RE.match(warning) for warning in result.get('warnings', []) if '; retry ' in warning]
    assert len(retries) == len(case.retried), result.get('warnings')
    for number, (match, (reason, (shortest, longest))) in enumerate(zip(retries, case.retried), start=1):
        assert match, result['warnings']
        assert (match['op'], match['reason'], int(match['n']), int(match['of'])) == \
            ('The token request to %s' % token_url, reason, number, case.retries)
        assert shortest - 0.05 <= float(match['wait']) <= longest + 0.05, match.string

    baseline = catalogue[FAULTS[0].name][2]
    assert duration <= case.bound + baseline + SLACK, \
        'the module ran %.1f s (task %.1f s - baseline %.1f s), past the bound of %.1f s' % (duration - baseline, duration, baseline, case.bound)
    assert duration >= case.min_seconds, '%.1f s is less than the %.1f s the module must wait' % (duration, case.min_seconds)


def test_every_case_has_a_unique_name():
    names = [case.name for case in FAULTS]
    assert len(set(names)) == len(names)
