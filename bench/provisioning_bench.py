#!/usr/bin/env python
# -*- coding: utf-8 -*-
# Copyright: (c) 2026, pingone.platform maintainers
# GNU General Public License v3.0+ (see LICENSE or https://www.gnu.org/licenses/gpl-3.0.txt)
"""Provisioning at scale: users in one pingone_user task against a simulator that enforces a rate limit.

Against the simulator with a rate limit (default 100 API requests per second, 429 with Retry-After
past it) and a fixed time per request (default 20 ms), both printed with the results:
- 1,000 new users in one task with ``users``; the same task again (no change); again with 10 % changed;
- the same kind of users through a ``loop:`` of single pingone_user tasks and through a ``loop:`` of
  ``ansible.builtin.uri`` POSTs with one token (what people write today), on 100 users, per user;
- the module's peak RSS for 10,000 users (a create, with the rate limit and delay off so it ends soon);
- under the strict limiter (a request inside an announced Retry-After window is refused and restarts it):
  1,000 users at concurrency 20, with and without rate_limit, and the same with two single 429s injected;
  each beside its floor: the requests PingOne accepted / the rate limit, plus the playbook's start.
Prints figures; asserts nothing.

Usage (make bench runs it after run_bench.py): .venv/bin/python bench/provisioning_bench.py [--users N] [--strict-only]
"""

from __future__ import annotations

import argparse
import json
import os
import re
import subprocess
import sys
import tempfile
import threading
import time

HERE = os.path.dirname(os.path.abspath(__file__))
ROOT = os.path.dirname(HERE)
sys.path.insert(0, os.path.join(ROOT, 'tests', 'simulator'))

from pingone_simulator import ADMIN_ENV_ID, CLIENTS, SANDBOX_ENV_ID, Simulator  # noqa: E402  pylint: disable=wrong-import-position

BIN = os.path.dirname(sys.executable)
PLAY = '''---
- name: bench
  hosts: localhost
  connection: local
  gather_facts: false
  tasks:
%s
'''
TOKEN_TASK = '''    - name: token
      pingone.platform.pingone_token:
      register: token
      no_log: true
'''


def users(start, count, family='User'):
    return [{'username': 'bench%05d' % number, 'email': 'bench%05d@example.com' % number, 'given_name': 'Bench', 'family_name': family}
            for number in range(start, start + count)]


def write(directory, name, text):
    path = os.path.join(directory, name)
    with open(path, 'w', encoding='utf-8') as handle:
        handle.write(text)
    return path


def playbooks(tmp, concurrency):
    bulk = write(tmp, 'bulk.yml', PLAY % (TOKEN_TASK + '''    - name: users
      pingone.platform.pingone_user:
        target_environment_id: "%s"
        users: "{{ bench_users }}"
        concurrency: "{{ bench_concurrency | default(%d) }}"
        rate_limit: "{{ bench_rate_limit | default(omit) }}"
        access_token: "{{ token.access_token }}"
      no_log: true
''' % (SANDBOX_ENV_ID, concurrency)))
    loop = write(tmp, 'loop.yml', PLAY % (TOKEN_TASK + '''    - name: users
      pingone.platform.pingone_user:
        target_environment_id: "%s"
        username: "{{ item.username }}"
        email: "{{ item.email }}"
        given_name: "{{ item.given_name }}"
        family_name: "{{ item.family_name }}"
        access_token: "{{ token.access_token }}"
      loop: "{{ bench_users }}"
      no_log: true
''' % SANDBOX_ENV_ID))
    uri = write(tmp, 'uri.yml', PLAY % (TOKEN_TASK + '''    - name: users
      ansible.builtin.uri:
        url: "{{ api_url }}/environments/%s/users"
        method: POST
        headers:
          Authorization: "Bearer {{ token.access_token }}"
        body_format: json
        body:
          username: "{{ item.username }}"
          email: "{{ item.email }}"
          name: {given: "{{ item.given_name }}", family: "{{ item.family_name }}"}
        status_code: [201]
        ca_path: "{{ ca_path }}"
      loop: "{{ bench_users }}"
      no_log: true
''' % SANDBOX_ENV_ID))
    start = write(tmp, 'start.yml', PLAY % TOKEN_TASK)
    return bulk, loop, uri, start


def run(playbook, env, tmp, extra):
    path = write(tmp, 'vars.json', json.dumps(extra))
    command = [os.path.join(BIN, 'ansible-playbook'), '-i', 'localhost,', playbook, '-e', '@' + path]
    started = time.perf_counter()
    completed = subprocess.run(command, env=env, capture_output=True, text=True, check=False)
    elapsed = time.perf_counter() - started
    if completed.returncode != 0:
        raise SystemExit('%s failed:\n%s' % (playbook, completed.stdout[-3000:]))
    return elapsed


def inject_429s(sim, after):
    """A single 429 (Retry-After: 1) on the next user create once the simulator has seen each of ``after`` API requests."""
    stop = threading.Event()

    def inject():
        for threshold in after:
            while sim.stats()['api_requests'] < threshold:
                if stop.wait(0.02):
                    return
            sim.add_faults([{'match': '/v1/environments/%s/users' % SANDBOX_ENV_ID, 'method': 'POST', 'status': 429,
                             'headers': {'Retry-After': '1'}}])
    thread = threading.Thread(target=inject, daemon=True)
    thread.start()
    return stop, thread


def strict_runs(sim, env, tmp, options):
    """1,000 users at concurrency 20 under the strict limiter, with and without rate_limit, and with two single 429s injected."""
    bulk, _loop, _uri, start = playbooks(tmp, options.strict_concurrency)
    sim.config.update(rate_limit=options.rate_limit, request_delay=options.delay, strict_rate_limit=True)
    starts = []
    for _round in range(3):
        sim.reset()
        starts.append(run(start, env, tmp, {}))
    start_seconds = sorted(starts)[1]
    print('\n## Under the strict limiter (a request inside an announced Retry-After window is refused and restarts it)\n')
    print('Simulator: rate limit %d API requests/s, strict, %.0f ms per request; playbook start (token task only, median of 3): '
          '%.1f s. Floor = accepted API requests / rate limit + playbook start.\n' % (options.rate_limit, options.delay * 1000, start_seconds))
    print('| run | users | concurrency | rate_limit | seconds | API requests | 429s | 429 share | floor (s) | vs floor |')
    print('|---|---|---|---|---|---|---|---|---|---|')
    for injected in (False, True):
        for rate_limit in (options.rate_limit, None):
            sim.app.platform.reset()
            extra = {'bench_users': users(0, options.users), 'bench_concurrency': options.strict_concurrency}
            if rate_limit:
                extra['bench_rate_limit'] = rate_limit
            sim.reset()   # the injector counts this run's requests only
            stop, thread = inject_429s(sim, (options.users // 3, 2 * options.users // 3)) if injected else (None, None)
            try:
                seconds, requests, _limited = measured(sim, bulk, env, tmp, extra, reset=False)
            finally:
                if stop:
                    stop.set()
                    thread.join()
            answered_429 = sim.stats()['answered_429']
            floor = (requests - answered_429) / float(options.rate_limit) + start_seconds
            print('| %s | %d | %d | %s | %.1f | %d | %d | %.1f %% | %.1f | %.2f (target <= 1.25) |' % (
                'create, two single 429s injected' if injected else 'create', options.users, options.strict_concurrency,
                rate_limit or 'unset', seconds, requests, answered_429, 100.0 * answered_429 / requests, floor, seconds / floor))
    sim.config.update(strict_rate_limit=False)


def measured(sim, playbook, env, tmp, extra, reset=True):
    """(seconds, API requests, 429 answers) of one run."""
    if reset:
        sim.reset()
    seconds = run(playbook, env, tmp, extra)
    stats = sim.stats()
    api = len([r for r in sim.requests() if r['path'].startswith('/v1/')])
    return seconds, api, stats.get('rate_limited', 0)


def peak_rss_mib(env, collections_path, args, tmp):
    """Peak RSS (VmHWM) of one pingone_user process, run as AnsiballZ runs it: a fresh Python with an args file."""
    args_path = write(tmp, 'rss-args.json', json.dumps({'ANSIBLE_MODULE_ARGS': args}))
    code = ('import atexit, runpy, sys\n'
            'def hwm():\n'
            '    with open("/proc/self/status") as s:\n'
            '        sys.stderr.write([l for l in s if l.startswith("VmHWM")][0])\n'
            'atexit.register(hwm)\n'
            'sys.argv = ["m", %r]\n'
            'runpy.run_module("ansible_collections.pingone.platform.plugins.modules.pingone_user", run_name="__main__")\n' % args_path)
    completed = subprocess.run([sys.executable, '-c', code], env=dict(env, PYTHONPATH=collections_path), capture_output=True, text=True,
                               check=False)
    if completed.returncode != 0:
        raise SystemExit('the RSS run failed: %s' % completed.stdout[-800:])
    summary = json.loads(completed.stdout)['summary']
    return int(re.search(r'VmHWM:\s+(\d+) kB', completed.stderr).group(1)) / 1024, summary


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument('--users', type=int, default=1000, help='users of the bulk runs (default 1000)')
    parser.add_argument('--loop-users', type=int, default=100, help='users of the loop runs (default 100)')
    parser.add_argument('--rss-users', type=int, default=10000, help='users of the peak RSS run (default 10000)')
    parser.add_argument('--rate-limit', type=int, default=100, help='API requests per second the simulator allows (default 100)')
    parser.add_argument('--delay', type=float, default=0.02, help='seconds the simulator takes per API request (default 0.02)')
    parser.add_argument('--concurrency', type=int, action='append', help='concurrency of the bulk task (repeatable; default 2, 4 and 8)')
    parser.add_argument('--strict-concurrency', type=int, default=20, help='concurrency of the strict-limiter runs (default 20)')
    parser.add_argument('--strict-only', action='store_true', help='only the runs under the strict limiter')
    parser.add_argument('--collections-path', default=os.environ.get('PINGONE_TEST_COLLECTIONS_PATH', os.path.join(ROOT, 'build', 'collections')))
    options = parser.parse_args()
    concurrencies = options.concurrency or [2, 4, 8]

    tmp = tempfile.mkdtemp(prefix='pingone-bench-provisioning-')
    sim = Simulator(os.path.join(tmp, 'sim'), config={'rate_limit': options.rate_limit, 'request_delay': options.delay}).start()
    try:
        client = CLIENTS['basic']
        env = {key: value for key, value in os.environ.items() if not key.startswith(('ANSIBLE_', 'PINGONE_'))}
        env.update({
            'ANSIBLE_COLLECTIONS_PATH': options.collections_path, 'ANSIBLE_COLLECTIONS_SCAN_SYS_PATH': 'false',
            'ANSIBLE_PYTHON_INTERPRETER': sys.executable, 'ANSIBLE_LOCALHOST_WARNING': 'false',
            'ANSIBLE_INVENTORY_UNPARSED_WARNING': 'false', 'ANSIBLE_RETRY_FILES_ENABLED': 'false',
            'PINGONE_ENVIRONMENT_ID': ADMIN_ENV_ID, 'PINGONE_CLIENT_ID': client['id'], 'PINGONE_CLIENT_SECRET': client['secret'],
            'PINGONE_AUTH_SERVICE_HOSTNAME': sim.host, 'PINGONE_API_SERVICE_HOSTNAME': sim.host, 'PINGONE_CA_PATH': sim.ca_path,
            'PATH': BIN + os.pathsep + os.environ.get('PATH', ''),
        })
        if options.strict_only:
            strict_runs(sim, env, tmp, options)
            print('- load average at the end: %.2f %.2f %.2f' % os.getloadavg())
            return
        floor = options.users / float(options.rate_limit)
        print('\n## Provisioning users (simulator: rate limit %d API requests/s, 429 with Retry-After: 1 past it; %.0f ms per request)\n'
              % (options.rate_limit, options.delay * 1000))
        print('| run | users | concurrency | seconds | API requests | 429s | s per user | vs floor |')
        print('|---|---|---|---|---|---|---|---|')
        best = None
        for concurrency in concurrencies:
            bulk, _loop, _uri, _start = playbooks(tmp, concurrency)
            sim.app.platform.reset()
            created = measured(sim, bulk, env, tmp, {'bench_users': users(0, options.users)})
            unchanged = measured(sim, bulk, env, tmp, {'bench_users': users(0, options.users)})
            changed_users = users(0, options.users)
            for user in changed_users[::10]:
                user['family_name'] = 'Changed'
            changed = measured(sim, bulk, env, tmp, {'bench_users': changed_users})
            for label, (seconds, requests, limited) in (('create', created), ('unchanged rerun', unchanged), ('10 % changed', changed)):
                print('| bulk %s | %d | %d | %.1f | %d | %d | %.4f | %s |' % (
                    label, options.users, concurrency, seconds, requests, limited, seconds / options.users,
                    '%.2f' % (seconds / floor) if label == 'create' else '-'))
            if best is None or created[0] < best[1][0]:
                best = (concurrency, created, unchanged)

        _bulk, loop, uri, _start = playbooks(tmp, 8)
        sim.app.platform.reset()
        loop_run = measured(sim, loop, env, tmp, {'bench_users': users(50000, options.loop_users)})
        sim.app.platform.reset()
        uri_run = measured(sim, uri, env, tmp, {'bench_users': users(60000, options.loop_users), 'api_url': sim.url + '/v1',
                                                'ca_path': sim.ca_path})
        for label, (seconds, requests, limited) in (('loop of pingone_user tasks', loop_run), ('loop of uri POSTs, one token', uri_run)):
            row = (label, options.loop_users, seconds, requests, limited, seconds / options.loop_users)
            print('| %s | %d | 1 | %.1f | %d | %d | %.4f | - |' % row)
        concurrency, created, unchanged = best
        per_user_bulk = created[0] / options.users
        print('\n## Ratios (best bulk create: concurrency %d)\n' % concurrency)
        print('- rate-limit floor for %d users: %.1f s; bulk create / floor = %.2f (target <= 1.25)' % (options.users, floor, created[0] / floor))
        per_user = (per_user_bulk * 1000, loop_run[0] / options.loop_users * 1000, uri_run[0] / options.loop_users * 1000)
        print('- per user: bulk %.1f ms, loop %.1f ms, uri loop %.1f ms' % per_user)
        print('- loop / bulk = %.1f, uri loop / bulk = %.1f (target: bulk at least 20 times cheaper than either)'
              % (loop_run[0] / options.loop_users / per_user_bulk, uri_run[0] / options.loop_users / per_user_bulk))
        print('- unchanged rerun of %d users: %d API requests (target <= 12), plus 1 token request' % (options.users, unchanged[1]))

        strict_runs(sim, env, tmp, options)
        sim.config.update(rate_limit=0, request_delay=0)
        sim.app.platform.reset()
        args = {'target_environment_id': SANDBOX_ENV_ID, 'users': users(100000, options.rss_users), 'concurrency': 8,
                'environment_id': ADMIN_ENV_ID, 'client_id': client['id'], 'client_secret': client['secret'],
                'auth_hostname': sim.host, 'api_hostname': sim.host, 'ca_path': sim.ca_path}
        started = time.perf_counter()
        rss, summary = peak_rss_mib(env, options.collections_path, args, tmp)
        print('- peak RSS of the module creating %d users: %.1f MiB (target < 150 MiB; %d created in %.0f s without a rate limit)'
              % (options.rss_users, rss, summary['created'], time.perf_counter() - started))
        print('- load average at the end: %.2f %.2f %.2f' % os.getloadavg())
    finally:
        sim.stop()


if __name__ == '__main__':
    main()
