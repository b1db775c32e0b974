#!/usr/bin/env python
# -*- coding: utf-8 -*-
# Copyright: (c) 2026, pingone.platform maintainers
# GNU General Public License v3.0+ (see LICENSE or https://www.gnu.org/licenses/gpl-3.0.txt)
"""Configuration as code at scale: the role pingone.platform.environment_config applying a description of
50 applications, 20 groups with members and 1,000 users (and a few populations and role assignments) to an
empty environment, then the same description again (unchanged), against a simulator with a rate limit.

Against the simulator with a rate limit (default 100 API requests per second, 429 with Retry-After past it)
and a fixed time per request (default 20 ms), as bench/provisioning_bench.py, it prints:
- the time and the requests of the first apply (everything created);
- the time and the requests of the unchanged re-apply (target: at most 40 requests in all, one paged read
  per kind, not one per object), and that it wrote nothing;
- the same in check mode after one application's redirect URIs changed by hand (the drift it reports).
Prints figures; asserts nothing but that the runs succeed.

Usage (make bench runs it after the other benchmarks): .venv/bin/python bench/config_bench.py [--users N]
"""

from __future__ import annotations

import argparse
import json
import os
import subprocess
import sys
import tempfile
import time

HERE = os.path.dirname(os.path.abspath(__file__))
ROOT = os.path.dirname(HERE)
sys.path.insert(0, os.path.join(ROOT, 'tests', 'simulator'))

from pingone_simulator import ADMIN_ENV_ID, CLIENTS, SANDBOX_ENV_ID, Simulator  # noqa: E402  pylint: disable=wrong-import-position

BIN = os.path.dirname(sys.executable)
PLAYBOOK = '''---
- name: Apply a description
  hosts: localhost
  connection: local
  gather_facts: false
  tasks:
    - name: Apply it
      ansible.builtin.include_role:
        name: pingone.platform.environment_config
    - name: Say what it found
      ansible.builtin.debug:
        msg: "CHANGES={{ environment_config_compared.changes }} DRIFT={{ environment_config_compared.drift | to_json }}"
'''
APP_TYPES = ['WEB_APP'] * 20 + ['SINGLE_PAGE_APP'] * 10 + ['NATIVE_APP'] * 10 + ['WORKER'] * 5 + ['SERVICE'] * 5


def description(users=1000, groups=20, applications=50, populations=4, members=50):
    pops = ['Population %d' % number for number in range(1, populations + 1)]
    config = {
        'populations': [{'name': 'Default', 'default': True}] + [{'name': name, 'description': 'Bench %s' % name} for name in pops],
        'users': [{'username': 'user%05d' % number, 'email': 'user%05d@example.com' % number, 'given_name': 'Bench',
                   'family_name': 'User %d' % number, 'population': pops[number % populations]} for number in range(users)],
        'groups': [],
        'applications': [],
        'role_assignments': [],
    }
    for number in range(groups):
        first = (number * members) % max(users, 1)
        config['groups'].append({'name': 'Group %02d' % number, 'description': 'Bench group %d' % number,
                                 'members': ['user%05d' % ((first + offset) % users) for offset in range(min(members, users))]})
    for number, app_type in enumerate(APP_TYPES[:applications]):
        app = {'name': 'App %02d' % number, 'type': app_type, 'description': 'Bench application %d' % number}
        if app_type in ('WEB_APP', 'SINGLE_PAGE_APP', 'NATIVE_APP'):
            app['redirect_uris'] = ['https://app%02d.example.com/callback' % number]
        config['applications'].append(app)
    workers = [app['name'] for app in config['applications'] if app['type'] == 'WORKER']
    for number, worker in enumerate(workers):
        config['role_assignments'].append({'application': worker, 'role': 'Identity Data Admin', 'scope_type': 'POPULATION',
                                           'scope_name': pops[number % populations]})
    for group in config['groups'][:2]:
        config['role_assignments'].append({'group': group['name'], 'role': 'Client Application Developer', 'scope_type': 'ENVIRONMENT'})
    return config


def run(sim, playbook, env, tmp, variables, check=False):
    """(seconds, API requests, writes, token requests, 429s, the role's changes count, output) of one run."""
    sim.reset()
    path = os.path.join(tmp, 'vars.json')
    with open(path, 'w', encoding='utf-8') as handle:
        json.dump(variables, handle)
    command = [os.path.join(BIN, 'ansible-playbook'), '-i', 'localhost,', playbook, '-e', '@' + path] + (['--check'] if check else [])
    started = time.perf_counter()
    completed = subprocess.run(command, env=env, capture_output=True, text=True, check=False)
    seconds = time.perf_counter() - started
    if completed.returncode != 0:
        raise SystemExit('%s failed:\n%s' % (playbook, completed.stdout[-4000:]))
    requests = sim.requests()
    api = [r for r in requests if r['path'].startswith('/v1/')]
    writes = [r for r in api if r['method'] in ('POST', 'PUT', 'PATCH', 'DELETE')]
    tokens = [r for r in requests if r['path'].endswith('/as/token')]
    changes = completed.stdout.split('CHANGES=', 1)[1].split(' ', 1)[0] if 'CHANGES=' in completed.stdout else '?'
    return seconds, len(api), len(writes), len(tokens), sim.stats().get('rate_limited', 0), changes, completed.stdout


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument('--users', type=int, default=1000, help='users of the description (default 1000)')
    parser.add_argument('--groups', type=int, default=20, help='groups, each with --members members (default 20)')
    parser.add_argument('--members', type=int, default=50, help='members of each group (default 50)')
    parser.add_argument('--applications', type=int, default=50, help='applications (default 50, at most 50)')
    parser.add_argument('--rate-limit', type=int, default=100, help='API requests per second the simulator allows (default 100)')
    parser.add_argument('--delay', type=float, default=0.02, help='seconds the simulator takes per API request (default 0.02)')
    parser.add_argument('--concurrency', type=int, default=8, help='pingone_config_concurrency (default 8)')
    parser.add_argument('--collections-path', default=os.environ.get('PINGONE_TEST_COLLECTIONS_PATH', os.path.join(ROOT, 'build', 'collections')))
    options = parser.parse_args()

    tmp = tempfile.mkdtemp(prefix='pingone-bench-config-')
    sim = Simulator(os.path.join(tmp, 'sim'), config={'rate_limit': options.rate_limit, 'request_delay': options.delay}).start()
    try:
        client = CLIENTS['basic']
        env = {key: value for key, value in os.environ.items() if not key.startswith(('ANSIBLE_', 'PINGONE_'))}
        env.update({
            'ANSIBLE_COLLECTIONS_PATH': options.collections_path, 'ANSIBLE_COLLECTIONS_SCAN_SYS_PATH': 'false',
            'ANSIBLE_PYTHON_INTERPRETER': sys.executable, 'ANSIBLE_LOCALHOST_WARNING': 'false',
            'ANSIBLE_INVENTORY_UNPARSED_WARNING': 'false', 'ANSIBLE_RETRY_FILES_ENABLED': 'false', 'ANSIBLE_NOCOLOR': '1',
            'PINGONE_ENVIRONMENT_ID': ADMIN_ENV_ID, 'PINGONE_CLIENT_ID': client['id'], 'PINGONE_CLIENT_SECRET': client['secret'],
            'PINGONE_AUTH_SERVICE_HOSTNAME': sim.host, 'PINGONE_API_SERVICE_HOSTNAME': sim.host, 'PINGONE_CA_PATH': sim.ca_path,
            'PATH': BIN + os.pathsep + os.environ.get('PATH', ''),
        })
        playbook = os.path.join(tmp, 'apply.yml')
        with open(playbook, 'w', encoding='utf-8') as handle:
            handle.write(PLAYBOOK)
        config = description(options.users, options.groups, options.applications, members=options.members)
        variables = {'pingone_config': config, 'pingone_config_environment_id': SANDBOX_ENV_ID,
                     'pingone_config_concurrency': options.concurrency}
        sim.app.platform.reset()   # the sandbox environment: its default population and built-in applications only

        print('\n## Configuration as code (simulator: rate limit %d API requests/s, 429 with Retry-After: 1 past it; %.0f ms per request)\n'
              % (options.rate_limit, options.delay * 1000))
        print('Description: %d applications, %d groups with %d members each, %d users, %d populations, %d role assignments.\n'
              % (len(config['applications']), len(config['groups']), options.members, len(config['users']), len(config['populations']) - 1,
                 len(config['role_assignments'])))
        print('| run | seconds | API requests | writes | token requests | 429s | changes the role found |')
        print('|---|---|---|---|---|---|---|')
        first = run(sim, playbook, env, tmp, variables)
        again = run(sim, playbook, env, tmp, variables)
        # someone changes one application's redirect URIs by hand: the check-mode run must report exactly that
        apps = sim.app.management._apps_of(sim.app.management._env_record(SANDBOX_ENV_ID))   # pylint: disable=protected-access
        app = next(app for app in apps.values() if app['attrs']['name'] == 'App 00')
        app['attrs']['redirectUris'] = ['https://changed.example.com/callback']
        drift = run(sim, playbook, env, tmp, variables, check=True)
        for label, (seconds, requests, writes, tokens, limited, changes, _output) in (
                ('apply to an empty environment', first), ('unchanged re-apply', again), ('check mode after one change', drift)):
            print('| %s | %.1f | %d | %d | %d | %d | %s |' % (label, seconds, requests, writes, tokens, limited, changes))
        reported = drift[6].split('DRIFT=', 1)[1].splitlines()[0].rstrip('"').replace('\\"', '"') if 'DRIFT=' in drift[6] else '?'
        print('\n- unchanged re-apply: %d requests in all (%d API reads, %d token), %d writes (target: at most 40 requests, no write)'
              % (again[1] + again[3], again[1], again[3], again[2]))
        print('- check mode after one application\'s redirect URIs changed: %s changes reported, %d writes; drift: %s'
              % (drift[5], drift[2], reported))
        print('- apply to an empty environment: %.1f s for %d API requests (%.1f ms each, %d 429 answers)'
              % (first[0], first[1], first[0] / max(first[1], 1) * 1000, first[4]))
    finally:
        sim.stop()


if __name__ == '__main__':
    main()
