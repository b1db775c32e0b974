#!/usr/bin/env python
# -*- coding: utf-8 -*-
# Copyright: (c) 2026, pingone.platform maintainers
# GNU General Public License v3.0+ (see LICENSE or https://www.gnu.org/licenses/gpl-3.0.txt)
"""Configuration as code at scale: one pingone_environment_config task applying a whole environment's description.

The description (issue 18's "Figures"): 1,000 users, 20 groups with members, 50 OpenID Connect applications (each
with a sign-on policy assignment, a resource grant with scopes and an attribute mapping), 10 sign-on policies with
2-3 actions each, 5 resources with 10 scopes each, 3 OpenID Connect identity providers (their clientSecret in the
task's ``secrets``), a password policy and an MFA device policy. One task applies it to the empty sandbox
environment of a simulator with the strict rate limiter (default 100 API requests per second; a request inside an
announced Retry-After window is refused and restarts it) and a fixed time per request (default 20 ms). It prints:

- the first apply beside its floor, measured in the same run: the API requests PingOne accepted / the rate limit,
  plus the playbook's start (a playbook of one pingone_environment_config task with an empty description, median
  of 5 runs spread over the benchmark); and first-apply seconds / (floor + start) (target <= 1.5);
- the unchanged re-apply: its writes (target 0), its API requests, and the reads per collection path (target: at
  most one paged read per kind and parent, plus the token); any path read more than once is listed;
- check mode after one hand change in the simulator's store (one sign-on policy's description; ``--change
  application``: one application's redirect URIs): the same reads, and exactly that object in ``drift`` (printed).

Prints figures; asserts nothing but that the runs succeed. ``--registry-only`` leaves the five option-named keys
(users, groups, applications...) out of the description: the applications its children live under are made over
the API before the first apply (not timed, not counted).

Usage (make bench runs it after the other benchmarks):
  .venv/bin/python bench/config_bench.py [--quick] [--users N] [--applications N] [--registry-only] ...
"""

from __future__ import annotations

import argparse
import base64
import collections
import json
import os
import re
import shutil
import ssl
import statistics
import subprocess
import sys
import tempfile
import time
import urllib.request
from urllib.parse import parse_qsl, quote, unquote_plus, urlencode

HERE = os.path.dirname(os.path.abspath(__file__))
ROOT = os.path.dirname(HERE)
sys.path.insert(0, os.path.join(ROOT, 'tests', 'simulator'))

from pingone_simulator import ADMIN_ENV_ID, CLIENTS, SANDBOX_ENV_ID, Simulator  # noqa: E402  pylint: disable=wrong-import-position

BIN = os.path.dirname(sys.executable)
CALLBACKS = os.path.join(ROOT, 'tests', 'integration', 'callback_plugins')   # record_results: each task's result as JSON
PLAYBOOK = '''---
- name: Apply a description
  hosts: localhost
  connection: local
  gather_facts: false
  tasks:
    - name: Apply it
      pingone.platform.pingone_environment_config:
        target_environment_id: "%s"
        config: "{{ bench_config }}"
        secrets: "{{ bench_secrets }}"
        concurrency: "{{ bench_concurrency }}"
        rate_limit: "{{ bench_rate_limit | default(omit) }}"
''' % SANDBOX_ENV_ID
BENCH_SECRET = 'bench-idp-secret-%d'
UUID = re.compile(r'[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}', re.I)
WRITES = ('POST', 'PUT', 'PATCH', 'DELETE')
APP_TYPES = ('WEB_APP', 'WEB_APP', 'WEB_APP', 'SINGLE_PAGE_APP', 'NATIVE_APP')
OTP_FAILURE = {'count': 3, 'coolDown': {'duration': 2, 'timeUnit': 'MINUTES'}}
OTP = {'failure': OTP_FAILURE, 'lifeTime': {'duration': 5, 'timeUnit': 'MINUTES'}}


# --- the description ----------------------------------------------------------------------------------------------
def app_name(number):
    return 'App %02d' % number


def redirect_uris(number):
    return ['https://app%02d.example.com/callback' % number]


def description(users=1000, groups=20, members=50, applications=50, policies=10, resources=5, scopes=10, providers=3,
                registry_only=False):
    """(config, secrets, the applications the children need) of the benchmark's environment."""
    config = {}
    apps = [{'name': app_name(number), 'type': APP_TYPES[number % len(APP_TYPES)], 'description': 'Bench application %d' % number,
             'redirect_uris': redirect_uris(number)} for number in range(applications)]
    if not registry_only:
        config['users'] = [{'username': 'user%05d' % number, 'email': 'user%05d@example.com' % number, 'given_name': 'Bench',
                            'family_name': 'User %d' % number} for number in range(users)]
        config['groups'] = [{'name': 'Group %02d' % number, 'description': 'Bench group %d' % number,
                             'members': ['user%05d' % ((number * members + offset) % users) for offset in range(min(members, users))]}
                            for number in range(groups)] if users else []
        config['applications'] = apps
    config['password_policy'] = [{'name': 'Bench passwords', 'definition': {
        'description': 'Bench password policy', 'excludesCommonlyUsed': True, 'excludesProfileData': True, 'notSimilarToCurrent': True,
        'length': {'min': 10, 'max': 255}, 'default': False}}]
    config['mfa_device_policy'] = [{'name': 'Bench MFA', 'definition': {
        'default': False, 'sms': {'enabled': False, 'otp': OTP}, 'voice': {'enabled': False, 'otp': OTP},
        'email': {'enabled': True, 'otp': OTP}, 'mobile': {'enabled': False, 'otp': {'failure': OTP_FAILURE}},
        'totp': {'enabled': True, 'otp': {'failure': OTP_FAILURE}}}}]
    config['identity_provider'] = [{'name': 'IdP %d' % number, 'definition': {
        'type': 'OPENID_CONNECT', 'enabled': True, 'clientId': 'bench-login-%d' % number, 'issuer': 'https://idp%d.example.com' % number,
        'authorizationEndpoint': 'https://idp%d.example.com/authorize' % number, 'tokenEndpoint': 'https://idp%d.example.com/token' % number,
        'jwksEndpoint': 'https://idp%d.example.com/jwks' % number, 'scopes': ['openid', 'profile'],
        'tokenEndpointAuthMethod': 'CLIENT_SECRET_BASIC'}} for number in range(providers)]
    secrets = [{'kind': 'identity_provider', 'name': 'IdP %d' % number, 'path': 'clientSecret', 'value': BENCH_SECRET % number}
               for number in range(providers)]
    config['sign_on_policy'] = [{'name': 'Policy %02d' % number, 'definition': {'description': 'Bench sign-on policy %d' % number}}
                                for number in range(policies)]
    config['sign_on_policy_action'] = []
    for number in range(policies):
        parent = {'sign_on_policy': 'Policy %02d' % number}
        actions = [{'priority': 1, 'type': 'LOGIN', 'recovery': {'enabled': True}},
                   {'priority': 2, 'type': 'MULTI_FACTOR_AUTHENTICATION', 'noDevicesMode': 'BLOCK',
                    'deviceAuthenticationPolicy': {'name': 'Bench MFA'}}]
        if number % 2 and providers:   # every other policy: a third action, sign-on through an identity provider
            actions.append({'priority': 3, 'type': 'IDENTITY_PROVIDER', 'identityProvider': {'name': 'IdP %d' % (number % providers)},
                            'acrValues': 'urn:bench', 'passUserContext': False})
        config['sign_on_policy_action'] += [{'parent': parent, 'definition': action} for action in actions]
    config['resource'] = [{'name': 'API %d' % number, 'definition': {'type': 'CUSTOM', 'audience': 'https://api%d.example.com' % number,
                                                                     'description': 'Bench resource %d' % number}}
                          for number in range(resources)]
    config['resource_scope'] = [{'name': 'api%d:scope%02d' % (number, scope), 'parent': {'resource': 'API %d' % number},
                                 'definition': {'description': 'Bench scope %d of API %d' % (scope, number)}}
                                for number in range(resources) for scope in range(scopes)]
    config['application_sign_on_policy_assignment'] = []
    config['application_resource_grant'] = []
    config['application_attribute_mapping'] = []
    for number in range(applications):
        parent = {'application': app_name(number)}
        if policies:
            config['application_sign_on_policy_assignment'].append({'parent': parent, 'definition': {
                'signOnPolicy': {'name': 'Policy %02d' % (number % policies)}, 'priority': 1}})
        if resources and scopes:
            resource = number % resources
            config['application_resource_grant'].append({'parent': parent, 'definition': {
                'resource': {'name': 'API %d' % resource},
                'scopes': [{'name': 'api%d:scope%02d' % (resource, (number + offset) % scopes)} for offset in range(min(3, scopes))]}})
        config['application_attribute_mapping'].append({'name': 'department', 'parent': parent,
                                                        'definition': {'value': '${user.title}', 'required': False}})
    return {key: value for key, value in config.items() if value}, secrets, apps


def counts_line(config):
    return ', '.join('%s %d' % (key, len(value)) for key, value in config.items())


# --- running it ------------------------------------------------------------------------------------------------------
def write(directory, name, text):
    path = os.path.join(directory, name)
    with open(path, 'w', encoding='utf-8') as handle:
        handle.write(text)
    return path


def count_refusals(sim):
    """Keep, per run, the requests the simulator's limiter answered 429 (a read refused and sent again is one read)."""
    refused = []
    limit = sim.pace

    def pace(req):
        answer = limit(req)
        if answer is not None:
            refused.append({'method': req.method, 'path': req.path, 'query': req.query})
        return answer
    sim.pace = pace   # the request handler calls sim.pace for each request
    return refused


def playbook_run(sim, playbook, env, tmp, variables, check=False):
    """(seconds, the task's result, the requests the simulator answered (not 429), its stats) of one run (counters reset first)."""
    sim.reset()
    del sim.refused[:]
    results = os.path.join(tmp, 'results.jsonl')
    if os.path.exists(results):
        os.remove(results)
    path = write(tmp, 'vars.json', json.dumps(variables))
    command = [os.path.join(BIN, 'ansible-playbook'), '-i', 'localhost,', playbook, '-e', '@' + path] + (['--check'] if check else [])
    started = time.perf_counter()
    completed = subprocess.run(command, env=dict(env, PINGONE_TEST_RESULTS=results), capture_output=True, text=True, check=False)
    seconds = time.perf_counter() - started
    if completed.returncode != 0:
        raise SystemExit('%s failed (%.1f s):\n%s' % (playbook, seconds, completed.stdout[-6000:]))
    with open(results, encoding='utf-8') as handle:
        result = [json.loads(line) for line in handle][-1]['result']
    answered = sim.requests()
    for refused in sim.refused:   # the limiter's 429s: each request was sent again, and counts once
        answered.remove(next(r for r in answered if all(r[key] == refused[key] for key in ('method', 'path', 'query'))))
    return seconds, result, answered, sim.stats()


def template(path):
    """A request path with the environment and object ids replaced: /environments/{env}/applications/{id}/grants."""
    return UUID.sub('{id}', path.replace(SANDBOX_ENV_ID, '{env}').replace(SANDBOX_ENV_ID.lower(), '{env}'))


def list_filter(query):
    """The part of a GET's query that picks what a list holds (its SCIM filter), without the paging (limit, cursor)."""
    kept = [(key, value) for key, value in parse_qsl(query or '', keep_blank_values=True) if key not in ('limit', 'cursor')]
    return urlencode(kept)


def figures(requests):
    """What one run sent: API requests, writes, token requests, and its reads: (path, filter) -> reads begun (a GET
    without a cursor: the first page of a paged read), and path -> every GET (all pages)."""
    api = [r for r in requests if r['path'].startswith('/v1/')]
    reads = collections.Counter()
    pages = collections.Counter()
    for request in api:
        if request['method'] == 'GET':
            pages[request['path']] += 1
            if 'cursor' not in dict(parse_qsl(request.get('query') or '')):
                reads[(request['path'], list_filter(request.get('query')))] += 1
    return {'api': len(api), 'writes': [r for r in api if r['method'] in WRITES],
            'tokens': len([r for r in requests if r['path'].endswith('/as/token')]), 'reads': reads, 'pages': pages}


def short(path):
    return template(path).replace('/v1/environments/{env}', '') or '/'


def read_table(label, run, table=True):
    """Reads per collection path, grouped by path template (ids as {id}): how many paths, reads begun (of them with a
    filter), GETs with every page; then every path read more than once (with any filter), by template."""
    rows = collections.OrderedDict()
    per_path = collections.Counter()
    for (path, scim), count in sorted(run['reads'].items()):
        row = rows.setdefault(short(path), {'paths': set(), 'reads': 0, 'filtered': 0, 'gets': 0})
        row['paths'].add(path)
        row['reads'] += count
        row['filtered'] += count if scim else 0
        per_path[path] += count
    for path, gets in run['pages'].items():
        rows[short(path)]['gets'] += gets
    if table:
        print('\n%s: GETs by collection path (%d paths, %d reads begun, %d GETs with every page; %d token requests)\n'
              % (label, len(run['pages']), sum(run['reads'].values()), sum(run['pages'].values()), run['tokens']))
        print('| path (ids as {id}) | paths | reads | of them with a filter | GETs (pages) |')
        print('|---|---|---|---|---|')
        for name, row in rows.items():
            print('| `%s` | %d | %d | %d | %d |' % (name, len(row['paths']), row['reads'], row['filtered'], row['gets']))
    repeated = collections.OrderedDict()
    for (path, scim), count in sorted(run['reads'].items()):
        if per_path[path] > 1:
            entry = repeated.setdefault(short(path), {'paths': set(), 'reads': 0, 'whole': 0, 'filters': collections.Counter()})
            entry['paths'].add(path)
            entry['reads'] += count
            if scim:
                entry['filters'][re.sub(r'%22[^%]*%22', '%22...%22', UUID.sub('{id}', scim))] += count
            else:
                entry['whole'] += count
    if not repeated:
        print('\n%s: no path was read more than once.' % label)
        return repeated
    print('\n%s: read more than once:' % label)
    for name, entry in repeated.items():
        filters = ', '.join('%d with `%s`' % (count, unquote_plus(scim)) for scim, count in entry['filters'].most_common())
        print('- `%s` (%d path%s): %d reads, %d of the whole list%s' % (
            name, len(entry['paths']), '' if len(entry['paths']) == 1 else 's', entry['reads'], entry['whole'],
            ', ' + filters if filters else ''))
    return repeated


# --- applications for --registry-only (made over the API, not timed) --------------------------------------------------
def api_call(sim, method, path, body=None, token=None):
    context = ssl.create_default_context(cafile=sim.ca_path)
    data = json.dumps(body).encode() if body is not None else None
    request = urllib.request.Request(sim.url + path, data=data, method=method)
    request.add_header('Content-Type', 'application/json')
    if token:
        request.add_header('Authorization', 'Bearer ' + token)
    with urllib.request.urlopen(request, context=context) as answer:   # noqa: S310 (the simulator, https)
        return json.loads(answer.read() or b'{}')


def make_applications(sim, apps):
    client = CLIENTS['basic']
    context = ssl.create_default_context(cafile=sim.ca_path)
    request = urllib.request.Request(sim.url + '/%s/as/token' % ADMIN_ENV_ID, data=b'grant_type=client_credentials', method='POST')
    request.add_header('Content-Type', 'application/x-www-form-urlencoded')
    pair = '%s:%s' % (quote(client['id'], safe=''), quote(client['secret'], safe=''))   # RFC 6749 2.3.1: form-encoded first
    request.add_header('Authorization', 'Basic ' + base64.b64encode(pair.encode()).decode())
    with urllib.request.urlopen(request, context=context) as answer:   # noqa: S310
        token = json.loads(answer.read())['access_token']
    limit, delay = sim.config.get('rate_limit'), sim.config.get('request_delay')
    sim.config.update(rate_limit=0, request_delay=0)
    try:
        for app in apps:
            body = {'name': app['name'], 'protocol': 'OPENID_CONNECT', 'type': app['type'], 'enabled': True,
                    'description': app['description'], 'redirectUris': app['redirect_uris'],
                    'grantTypes': ['AUTHORIZATION_CODE'], 'responseTypes': ['CODE'],
                    'tokenEndpointAuthMethod': 'CLIENT_SECRET_BASIC' if app['type'] == 'WEB_APP' else 'NONE'}
            if app['type'] != 'WEB_APP':
                body['pkceEnforcement'] = 'S256_REQUIRED'
            api_call(sim, 'POST', '/v1/environments/%s/applications' % SANDBOX_ENV_ID, body, token)
    finally:
        sim.config.update(rate_limit=limit, request_delay=delay)


# --- the hand change --------------------------------------------------------------------------------------------------
def change_by_hand(sim, policy_name, text):
    """Change one sign-on policy's description in the simulator's store, as someone in the console would."""
    store = sim.app.store
    kind = store.by_path['signOnPolicies']
    env = sim.app.platform.environments[SANDBOX_ENV_ID.lower()]
    with store._lock:   # pylint: disable=protected-access
        for record in store._bucket(env, kind, ()).values():   # pylint: disable=protected-access
            if record['body'].get('name') == policy_name:
                before = record['body'].get('description')
                record['body']['description'] = text
                return before
    raise SystemExit('no sign-on policy %r in the simulator' % policy_name)


def change_application_by_hand(sim, name, uris):
    """Change one application's redirect URIs in the simulator, as someone in the console would."""
    apps = sim.app.management._apps_of(sim.app.management._env_record(SANDBOX_ENV_ID))   # pylint: disable=protected-access
    app = next((app for app in apps.values() if app['attrs']['name'] == name), None)
    if app is None:
        raise SystemExit('no application %r in the simulator' % name)
    app['attrs']['redirectUris'] = list(uris)


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument('--users', type=int, default=1000, help='users of the description (default 1000)')
    parser.add_argument('--groups', type=int, default=20, help='groups, each with --members members (default 20)')
    parser.add_argument('--members', type=int, default=50, help='members of each group (default 50)')
    parser.add_argument('--applications', type=int, default=50, help='OIDC applications, each with an assignment, a grant and a mapping (default 50)')
    parser.add_argument('--policies', type=int, default=10, help='sign-on policies, 2-3 actions each (default 10)')
    parser.add_argument('--resources', type=int, default=5, help='resources (default 5)')
    parser.add_argument('--scopes', type=int, default=10, help='scopes of each resource (default 10)')
    parser.add_argument('--providers', type=int, default=3, help='OIDC identity providers (default 3)')
    parser.add_argument('--quick', action='store_true', help='a small description to try it: 100 users, 5 groups of 10, 5 applications')
    parser.add_argument('--registry-only', action='store_true',
                        help='leave the option-named keys (users, groups, applications) out; the applications are made beforehand')
    parser.add_argument('--change', choices=('policy', 'application'), default='policy',
                        help='the hand change before the check-mode run: the first sign-on policy\'s description (default) or the first '
                             'application\'s redirect URIs (not with --registry-only)')
    parser.add_argument('--rate-limit', type=int, default=100, help='API requests per second the simulator allows (default 100)')
    parser.add_argument('--delay', type=float, default=0.02, help='seconds the simulator takes per API request (default 0.02)')
    parser.add_argument('--concurrency', type=int, default=8, help='the task\'s concurrency (default 8, the module\'s default)')
    parser.add_argument('--task-rate-limit', type=int, default=None,
                        help='the task\'s rate_limit option (default: unset, the adaptive pacer)')
    parser.add_argument('--lenient', action='store_true', help='the simulator\'s plain limiter instead of the strict one')
    parser.add_argument('--collections-path', default=os.environ.get('PINGONE_TEST_COLLECTIONS_PATH', os.path.join(ROOT, 'build', 'collections')))
    options = parser.parse_args()
    if options.quick:
        options.users, options.groups, options.members, options.applications = 100, 5, 10, 5

    tmp = tempfile.mkdtemp(prefix='pingone-bench-config-')
    sim_config = {'rate_limit': options.rate_limit, 'request_delay': options.delay, 'strict_rate_limit': not options.lenient}
    sim = Simulator(os.path.join(tmp, 'sim'), config=sim_config).start()
    sim.refused = count_refusals(sim)
    try:
        client = CLIENTS['basic']
        env = {key: value for key, value in os.environ.items() if not key.startswith(('ANSIBLE_', 'PINGONE_'))}
        env.update({
            'ANSIBLE_COLLECTIONS_PATH': options.collections_path, 'ANSIBLE_COLLECTIONS_SCAN_SYS_PATH': 'false',
            'ANSIBLE_PYTHON_INTERPRETER': sys.executable, 'ANSIBLE_LOCALHOST_WARNING': 'false',
            'ANSIBLE_INVENTORY_UNPARSED_WARNING': 'false', 'ANSIBLE_RETRY_FILES_ENABLED': 'false', 'ANSIBLE_NOCOLOR': '1',
            'ANSIBLE_CALLBACK_PLUGINS': CALLBACKS, 'ANSIBLE_CALLBACKS_ENABLED': 'record_results',
            'PINGONE_ENVIRONMENT_ID': ADMIN_ENV_ID, 'PINGONE_CLIENT_ID': client['id'], 'PINGONE_CLIENT_SECRET': client['secret'],
            'PINGONE_AUTH_SERVICE_HOSTNAME': sim.host, 'PINGONE_API_SERVICE_HOSTNAME': sim.host, 'PINGONE_CA_PATH': sim.ca_path,
            'PATH': BIN + os.pathsep + os.environ.get('PATH', ''),
        })
        playbook = write(tmp, 'apply.yml', PLAYBOOK)
        config, secrets, apps = description(options.users, options.groups, options.members, options.applications, options.policies,
                                            options.resources, options.scopes, options.providers, options.registry_only)
        variables = {'bench_config': config, 'bench_secrets': secrets, 'bench_concurrency': options.concurrency}
        if options.task_rate_limit:
            variables['bench_rate_limit'] = options.task_rate_limit
        load_before = os.getloadavg()

        # the playbook's start: the same task with an empty description (a token, no list read); two runs before the first
        # apply and one after each of the three runs below, so that the load of the moment weighs on it as on them
        starts = []

        def start_run():
            seconds, _result, requests, _stats = playbook_run(sim, playbook, env, tmp, dict(variables, bench_config={}, bench_secrets=[]))
            starts.append(seconds)
            return figures(requests)['api']
        start_api = max(start_run(), start_run())

        sim.app.platform.reset()   # the sandbox environment: its default population and PingOne's own objects only
        if options.registry_only:
            make_applications(sim, apps)
        first_seconds, first_result, requests, stats = playbook_run(sim, playbook, env, tmp, variables)
        first = figures(requests)
        first_429 = stats.get('answered_429', 0)
        accepted = first['api']   # the requests the limiter let through (its 429s are not in first)
        floor = accepted / float(options.rate_limit)
        start_run()

        again_seconds, again_result, requests, again_stats = playbook_run(sim, playbook, env, tmp, variables)
        again = figures(requests)
        start_run()

        if options.change == 'application' and not options.registry_only:
            changed = 'the application %r\'s redirect URIs' % app_name(0)
            change_application_by_hand(sim, app_name(0), ['https://changed.example.com/callback'])
        else:
            policy = config['sign_on_policy'][0]['name']
            changed = 'the sign-on policy %r\'s description' % policy
            change_by_hand(sim, policy, 'Changed by hand in the console')
        check_seconds, check_result, requests, check_stats = playbook_run(sim, playbook, env, tmp, variables, check=True)
        check = figures(requests)
        start_run()
        load_after = os.getloadavg()
        start = statistics.median(starts)

        limiter = 'strict' if not options.lenient else 'plain'
        print('\n## Configuration as code: one pingone_environment_config task (simulator: %s rate limiter, %d API requests/s, '
              '429 with Retry-After: 1 past it; %.0f ms per request)\n' % (limiter, options.rate_limit, options.delay * 1000))
        print('Description: %s; %d secrets. Task: concurrency %d, rate_limit %s.%s\n'
              % (counts_line(config), len(secrets), options.concurrency, options.task_rate_limit or 'unset (adaptive)',
                 ' The applications were made over the API beforehand (--registry-only).' if options.registry_only else ''))
        print('| run | seconds | API requests (429s apart) | writes | GETs | token requests | 429s | changes |')
        print('|---|---|---|---|---|---|---|---|')
        print('| playbook start (empty description; median of %d: %s) | %.1f | %d | 0 | - | 1 | - | - |'
              % (len(starts), ', '.join('%.1f' % value for value in starts), start, start_api))
        for label, seconds, run, run_stats, result in (
                ('apply to the empty environment', first_seconds, first, stats, first_result),
                ('unchanged re-apply', again_seconds, again, again_stats, again_result),
                ('check mode after one hand change', check_seconds, check, check_stats, check_result)):
            cells = (label, seconds, run['api'], len(run['writes']), sum(run['pages'].values()), run['tokens'],
                     run_stats.get('answered_429', 0), result.get('changes'))
            print('| %s | %.1f | %d | %d | %d | %d | %d | %s |' % cells)
        print('\n- floor: %d API requests accepted (%d sent, %d answered 429) / %d per s = %.1f s; plus the playbook start %.1f s = %.1f s'
              % (accepted, accepted + first_429, first_429, options.rate_limit, floor, start, floor + start))
        print('- first apply / (floor + start) = %.1f / %.1f = **%.2f** (target <= 1.5)'
              % (first_seconds, floor + start, first_seconds / (floor + start)))
        created = sum(counts.get('created', 0) for counts in (first_result.get('summary') or {}).values())
        print('- first apply summary: %s (%d created in all)' % (json.dumps(first_result.get('summary'), sort_keys=True), created))
        print('- first apply: %d GETs, %d reads begun over %d paths'
              % (sum(first['pages'].values()), sum(first['reads'].values()), len(first['pages'])))
        print('- unchanged re-apply: %d writes (target 0), %d API requests, %d reads begun over %d paths, changes %s'
              % (len(again['writes']), again['api'], sum(again['reads'].values()), len(again['pages']), again_result.get('changes')))
        if again['writes']:
            print('  writes: %s' % ', '.join(sorted('%s %s' % (r['method'], template(r['path'])) for r in again['writes'])[:20]))
        read_table('Unchanged re-apply', again)
        read_table('First apply', first, table=False)
        print('\n- check mode after %s changed by hand: %d writes, changes %s, same reads as the re-apply: %s'
              % (changed, len(check['writes']), check_result.get('changes'), 'yes' if check['reads'] == again['reads'] else 'no'))
        print('- drift: `%s`' % json.dumps(check_result.get('drift'), sort_keys=True))
        if check['reads'] != again['reads']:
            read_table('Check mode', check)
        print('- load average: %.2f %.2f %.2f before, %.2f %.2f %.2f at the end (%d cores)'
              % (load_before + load_after + (os.cpu_count() or 0,)))
    finally:
        sim.stop()
        shutil.rmtree(tmp, ignore_errors=True)


if __name__ == '__main__':
    main()
