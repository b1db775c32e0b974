#!/usr/bin/env python
# -*- coding: utf-8 -*-
# Copyright: (c) 2026, pingone.platform maintainers
# GNU General Public License v3.0+ (see LICENSE or https://www.gnu.org/licenses/gpl-3.0.txt)
"""What a pingone.platform task costs, against the floor and against what users write today.

Runs playbooks of N tasks per variant, alternating the variants in every round so machine drift
hits them all alike, and reports the per-task median with the playbook start-up (a 1-task
playbook) measured separately and subtracted. Also: peak RSS of one module process, import time
of the module's code, and TLS handshakes of a paginated read. Prints figures; asserts nothing.

Usage (make bench does this): .venv/bin/python bench/run_bench.py [--tasks N] [--rounds R]
"""

from __future__ import annotations

import argparse
import base64
import json
import os
import platform
import re
import statistics
import subprocess
import sys
import tempfile
import time
from urllib.parse import quote_plus

HERE = os.path.dirname(os.path.abspath(__file__))
ROOT = os.path.dirname(HERE)
sys.path.insert(0, os.path.join(ROOT, 'tests', 'simulator'))

from pingone_simulator import ADMIN_ENV_ID, CLIENTS, Simulator  # noqa: E402  pylint: disable=wrong-import-position

BIN = os.path.dirname(sys.executable)
PAGINATED_ITEMS = 5000
PAGE_SIZE = 1000


def task_yaml(variant: str, index: int) -> str:
    """One task of a variant; every variant reads its settings from vars or PINGONE_* variables."""
    name = '  - name: %s %d\n' % (variant, index)
    if variant == 'ping':
        return name + '    ansible.builtin.ping:\n'
    if variant == 'uri':
        # The seed request exactly: POST {{authPath}}/{{adminEnvID}}/as/token, Basic auth, form body.
        return name + ('    ansible.builtin.uri:\n      url: "{{ token_url }}"\n      method: POST\n'
                       '      headers:\n        Authorization: "Basic {{ basic }}"\n'
                       '      body_format: form-urlencoded\n      body:\n        grant_type: client_credentials\n'
                       '      ca_path: "{{ ca_path }}"\n    no_log: true\n')
    if variant == 'token':
        return name + '    pingone.platform.pingone_token:\n    no_log: true\n'
    if variant == 'token_reuse':
        return name + ('    pingone.platform.pingone_token:\n      reuse: "{{ ansible_facts.pingone_token | default(omit) }}"\n'
                       '    no_log: true\n')
    if variant == 'api_paginated':
        return name + ('    pingone.platform.pingone_api:\n      path: /environments\n      query:\n        limit: %d\n'
                       '      paginate: true\n    register: listed\n    no_log: true\n' % PAGE_SIZE)
    raise ValueError(variant)


def write_playbook(directory: str, variant: str, tasks: int) -> str:
    path = os.path.join(directory, '%s-%d.yml' % (variant, tasks))
    setup = ''
    if variant == 'token_reuse':   # the first token is fetched outside the measured tasks' count
        setup = '  - name: first token\n    pingone.platform.pingone_token:\n    no_log: true\n'
    body = ''.join(task_yaml(variant, index) for index in range(tasks))
    with open(path, 'w', encoding='utf-8') as handle:
        handle.write('---\n- name: bench %s\n  hosts: localhost\n  connection: local\n  gather_facts: false\n  tasks:\n%s%s'
                     % (variant, setup, body))
    return path


def available_variants(collections_path: str):
    modules = os.path.join(collections_path, 'ansible_collections', 'pingone', 'platform', 'plugins', 'modules')
    with open(os.path.join(modules, 'pingone_token.py'), encoding='utf-8') as handle:
        has_reuse = '\n  reuse:' in handle.read()
    variants = ['ping', 'uri', 'token']
    if has_reuse:
        variants.append('token_reuse')
    if os.path.exists(os.path.join(modules, 'pingone_api.py')):
        variants.append('api_paginated')
    return variants


def run(playbook: str, env: dict, vars_path: str) -> float:
    command = [os.path.join(BIN, 'ansible-playbook'), '-i', 'localhost,', playbook, '-e', '@' + vars_path]
    started = time.perf_counter()
    completed = subprocess.run(command, env=env, capture_output=True, text=True, check=False)
    elapsed = time.perf_counter() - started
    if completed.returncode != 0:
        raise SystemExit('%s failed:\n%s' % (playbook, completed.stdout[-3000:]))
    return elapsed


def module_rss_kib(env: dict, collections_path: str, module: str, args: dict, tmp: str) -> int:
    """Peak RSS (VmHWM) of one module process, run the way AnsiballZ runs it: a fresh Python with an args file.

    Read from /proc at exit rather than from wait4(): Linux carries the forking parent's
    high-water mark into the child's ru_maxrss across exec.
    """
    args_path = os.path.join(tmp, 'args-%s.json' % module.rsplit('.', 1)[-1])
    with open(args_path, 'w', encoding='utf-8') as handle:
        json.dump({'ANSIBLE_MODULE_ARGS': args}, handle)
    code = ('import atexit, runpy, sys\n'
            'def hwm():\n'
            '    with open("/proc/self/status") as s:\n'
            '        sys.stderr.write([l for l in s if l.startswith("VmHWM")][0])\n'
            'atexit.register(hwm)\n'
            'sys.argv = ["m", %r]\n'
            'runpy.run_module(%r, run_name="__main__")\n' % (args_path, module))
    completed = subprocess.run([sys.executable, '-c', code], env=dict(env, PYTHONPATH=collections_path), capture_output=True,
                               text=True, check=False)
    if completed.returncode != 0 or '"failed": true' in completed.stdout:
        raise SystemExit('%s failed: %s' % (module, completed.stdout[-500:]))
    return int(re.search(r'VmHWM:\s+(\d+) kB', completed.stderr).group(1))


def import_ms(env: dict, collections_path: str, statement: str) -> float:
    """Cumulative import time (python -X importtime) of what a statement imports, in a fresh interpreter."""
    completed = subprocess.run([sys.executable, '-X', 'importtime', '-c', statement], env=dict(env, PYTHONPATH=collections_path),
                               capture_output=True, text=True, check=True)
    total = 0
    for line in completed.stderr.splitlines():
        match = re.match(r'import time:\s+\d+ \|\s+(\d+) \| (\S.*)$', line)
        if match and not match.group(2).startswith(' '):   # top-level imports only: their cumulative time
            total += int(match.group(1))
    return total / 1000.0


def summary(values):
    return statistics.median(values), min(values), max(values)


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument('--tasks', type=int, default=20, help='tasks per measured playbook (default 20)')
    parser.add_argument('--rounds', type=int, default=5, help='repetitions of every variant (default 5)')
    parser.add_argument('--variants', help='comma-separated variants to run (default: all available; ping is always run, as the floor)')
    parser.add_argument('--collections-path', default=os.environ.get('PINGONE_TEST_COLLECTIONS_PATH', os.path.join(ROOT, 'build', 'collections')))
    options = parser.parse_args()

    tmp = tempfile.mkdtemp(prefix='pingone-bench-')
    sim = Simulator(os.path.join(tmp, 'sim'), config={'extra_environments': PAGINATED_ITEMS - 2}).start()
    try:
        basic_client = CLIENTS['basic']
        basic = base64.b64encode(('%s:%s' % (quote_plus(basic_client['id']), quote_plus(basic_client['secret']))).encode()).decode()
        vars_path = os.path.join(tmp, 'vars.json')
        with open(vars_path, 'w', encoding='utf-8') as handle:
            json.dump({'token_url': '%s/%s/as/token' % (sim.url, ADMIN_ENV_ID), 'basic': basic, 'ca_path': sim.ca_path}, handle)
        env = {key: value for key, value in os.environ.items() if not key.startswith(('ANSIBLE_', 'PINGONE_'))}
        env.update({
            'ANSIBLE_COLLECTIONS_PATH': options.collections_path, 'ANSIBLE_COLLECTIONS_SCAN_SYS_PATH': 'false',
            'ANSIBLE_PYTHON_INTERPRETER': sys.executable, 'ANSIBLE_LOCALHOST_WARNING': 'false',
            'ANSIBLE_INVENTORY_UNPARSED_WARNING': 'false', 'ANSIBLE_RETRY_FILES_ENABLED': 'false',
            'PINGONE_ENVIRONMENT_ID': ADMIN_ENV_ID, 'PINGONE_CLIENT_ID': basic_client['id'],
            'PINGONE_CLIENT_SECRET': basic_client['secret'], 'PINGONE_AUTH_SERVICE_HOSTNAME': sim.host,
            'PINGONE_API_SERVICE_HOSTNAME': sim.host, 'PINGONE_CA_PATH': sim.ca_path,
            'PATH': BIN + os.pathsep + os.environ.get('PATH', ''),
        })
        variants = available_variants(options.collections_path)
        if options.variants:
            wanted = set(options.variants.split(',')) | {'ping'}
            unknown = wanted - set(variants)
            if unknown:
                raise SystemExit('unknown or unavailable variant(s): %s (available: %s)' % (', '.join(sorted(unknown)), ', '.join(variants)))
            variants = [variant for variant in variants if variant in wanted]
        playbooks = {v: (write_playbook(tmp, v, 1), write_playbook(tmp, v, options.tasks + 1)) for v in variants}
        times = {v: {'short': [], 'long': []} for v in variants}
        handshakes = None
        for _round in range(options.rounds):
            for variant in variants:   # alternate, so drift hits every variant alike
                short, long_ = playbooks[variant]
                times[variant]['short'].append(run(short, env, vars_path))
                sim.reset()
                times[variant]['long'].append(run(long_, env, vars_path))
                if variant == 'api_paginated':
                    stats = sim.stats()
                    handshakes = stats['tls_handshakes'] / (options.tasks + 1)

        per_task = {}
        print('\n## Per-task wall time (N = %d tasks per playbook, %d rounds, alternating)\n' % (options.tasks, options.rounds))
        print('| variant | per task median (ms) | min-max (ms) | 1-task playbook median (s) |')
        print('|---|---|---|---|')
        for variant in variants:
            # (N+1 tasks) - (1 task) = N tasks, start-up cancelled out, paired within each round.
            values = [(long_ - short) / options.tasks * 1000 for short, long_ in zip(times[variant]['short'], times[variant]['long'])]
            per_task[variant] = statistics.median(values)
            median, low, high = summary(values)
            print('| %s | %.0f | %.0f-%.0f | %.2f |' % (variant, median, low, high, statistics.median(times[variant]['short'])))

        print('\n## Ratios (targets: token/uri <= 0.95, token_reuse/ping <= 0.5)\n')
        for label, top, bottom in (('token / ping', 'token', 'ping'), ('token / uri', 'token', 'uri'),
                                   ('token_reuse / ping', 'token_reuse', 'ping'), ('uri / ping', 'uri', 'ping'),
                                   ('api_paginated / ping', 'api_paginated', 'ping')):
            if top in per_task and bottom in per_task:
                print('- %s = %.2f' % (label, per_task[top] / per_task[bottom]))
        if handshakes is not None:
            print('- TLS handshakes per paginated read of %d items in %d pages: %.2f'
                  % (PAGINATED_ITEMS, PAGINATED_ITEMS // PAGE_SIZE, handshakes))

        print('\n## One module process (peak RSS) and import time\n')
        token_args = {'environment_id': ADMIN_ENV_ID, 'client_id': basic_client['id'], 'client_secret': basic_client['secret'],
                      'auth_hostname': sim.host, 'ca_path': sim.ca_path}
        rss = {
            'ansible.builtin.ping': module_rss_kib(env, options.collections_path, 'ansible.modules.ping', {}, tmp),
            'pingone_token': module_rss_kib(env, options.collections_path,
                                            'ansible_collections.pingone.platform.plugins.modules.pingone_token', token_args, tmp),
        }
        for name, kib in rss.items():
            print('- peak RSS %s: %.1f MiB' % (name, kib / 1024))
        for label, statement in (
                ('ansible.module_utils.basic (every module pays this)', 'import ansible.module_utils.basic'),
                ('pingone_token module code (without requests)',
                 'import ansible.module_utils.basic; import ansible_collections.pingone.platform.plugins.modules.pingone_token'),
                ('requests (imported when the first request is sent)', 'import requests'),
                ('ansible.module_utils.urls (what ansible.builtin.uri imports)', 'import ansible.module_utils.urls')):
            samples = [import_ms(env, options.collections_path, statement) for _sample in range(5)]
            print('- import %s: %.0f ms (median of 5)' % (label, statistics.median(samples)))

        print('\n## Machine\n')
        print('- %s, %s, %d cores, Python %s, ansible-core %s' % (
            platform.platform(), platform.processor() or platform.machine(), os.cpu_count(), platform.python_version(),
            subprocess.run([os.path.join(BIN, 'ansible'), '--version'], capture_output=True, text=True, check=True).stdout.split(']')[0]
            .split('[core ')[-1]))
        print('- load average at the end: %.2f %.2f %.2f' % os.getloadavg())
    finally:
        sim.stop()


if __name__ == '__main__':
    main()
