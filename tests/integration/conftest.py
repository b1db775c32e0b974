# -*- coding: utf-8 -*-
# Copyright: (c) 2026, pingone.platform maintainers
# GNU General Public License v3.0+ (see LICENSE or https://www.gnu.org/licenses/gpl-3.0.txt)
"""Integration harness: the built collection, run by real ansible-playbook, against the simulator.

Every playbook runs at -vvvv, and every run's whole output and every task result it recorded
(registered failures included) is scanned for leaks, four checks in all (test_leaks.py shows
each one fails on a leak):
- ALL_SECRET_FORMS: every client secret and key passphrase in every form Ansible would not mask
  (URL-encoded, base64 Basic, JSON-escaped...); add rows for new secrets;
- key_material(sim): the simulator's private keys and every client assertion it received;
- assert_no_hidden_token: every access token the simulator issued during the run that no
  uncensored task result holds (so it went to a no_log task);
- assert_no_unasked_application_secret: every application secret the simulator made, except
  where an uncensored task returned it as client_secret (the user asked for it).
"""

from __future__ import annotations

import base64
import glob
import json
import os
import subprocess
import sys
from urllib.parse import parse_qsl, quote, quote_plus

import pytest

HERE = os.path.dirname(os.path.abspath(__file__))
ROOT = os.path.dirname(os.path.dirname(HERE))
sys.path.insert(0, os.path.join(ROOT, 'tests', 'simulator'))

from pingone_simulator import CLIENTS, Simulator  # noqa: E402  pylint: disable=wrong-import-position
from request_schemas import assert_requests_match_the_descriptions  # noqa: E402  pylint: disable=wrong-import-position

PLAYBOOKS = os.path.join(HERE, 'playbooks')
BIN = os.path.dirname(sys.executable)


def secret_forms(client_id, secret):
    """Every encoding of a secret that could reach a log without Ansible's no_log masking it."""
    pair = '%s:%s' % (quote_plus(client_id), quote_plus(secret))
    raw_pair = '%s:%s' % (client_id, secret)
    return {
        'secret': secret,
        'url-encoded secret': quote_plus(secret),
        'percent-encoded secret': quote(secret, safe=''),
        'basic (RFC 6749)': base64.b64encode(pair.encode()).decode(),
        'basic (raw)': base64.b64encode(raw_pair.encode()).decode(),
        'base64 secret': base64.b64encode(secret.encode()).decode().rstrip('='),
        'json-escaped secret': json.dumps(secret)[1:-1],
    }


# The leak-scan table: label -> a value no run may show in its output or recorded results.
# Add rows for every secret a test uses (other forms, keys, passphrases, signed assertions).
ALL_SECRET_FORMS = {}
for _name, _client in CLIENTS.items():
    for _form, _value in secret_forms(_client['id'], _client['secret']).items():
        ALL_SECRET_FORMS['%s %s' % (_name, _form)] = _value
    if _client.get('key_passphrase'):   # the passphrase of a PRIVATE_KEY_JWT client's encrypted key file
        for _form, _value in secret_forms(_client['id'], _client['key_passphrase']).items():
            ALL_SECRET_FORMS['%s key %s' % (_name, _form.replace('secret', 'passphrase'))] = _value
# Write-only values the tests give pingone_object in its secrets option (no_log): an identity provider's clientSecret,
# a webhook's Authorization header (test_object_kinds.py), a group's customData stand-in (test_object.py).
IDP_SECRET = 'Idp-S3cret+/=%:~&-\u00e9t\u00e9'
HOOK_SECRET = 'Hook-T0ken+/=%:~&-\u00e9t\u00e9'
OBJECT_SECRET = 'Obj-S3cret+/=%:~&-value'
for _name, _user, _secret in (('identity provider clientSecret', 'ansible-login', IDP_SECRET),
                              ('webhook header', 'hook', HOOK_SECRET), ('object secret', 'group', OBJECT_SECRET)):
    for _form, _value in secret_forms(_user, _secret).items():
        ALL_SECRET_FORMS['%s %s' % (_name, _form)] = _value


def pem_body_lines(pem_text):
    """The base64 lines of a PEM key (long enough never to occur by chance): what a leaked key would show."""
    return [line.strip() for line in pem_text.splitlines() if len(line.strip()) >= 16 and '-----' not in line and ':' not in line]


def key_material(sim):
    """Label -> value for the simulator's private keys (every PEM line, plain and encrypted files) and for every
    client assertion it received since the last reset (whole, and its signature): no run may show any of them."""
    values = {}
    for name, files in sim.private_keys.items():
        for kind in ('path', 'encrypted_path'):
            with open(files[kind], encoding='ascii') as handle:
                for number, line in enumerate(pem_body_lines(handle.read())):
                    values['%s private key (%s) line %d' % (name, kind, number + 1)] = line
    for number, request in enumerate(sim.requests()):
        assertion = dict(parse_qsl(request.get('body') or '')).get('client_assertion')
        if assertion:
            values['client assertion of request %d' % (number + 1)] = assertion
            values['signature of the client assertion of request %d' % (number + 1)] = assertion.rsplit('.', 1)[-1]
    return values


def assert_no_key_material(sim, *texts):
    leaked = [label for label, value in key_material(sim).items() if any(value in text for text in texts)]
    assert not leaked, 'output shows %s' % ', '.join(leaked)


class Run:
    """One ansible-playbook run: return code, output, and the task results the recording callback wrote."""

    def __init__(self, completed, results_path):
        self.rc = completed.returncode
        self.output = completed.stdout + completed.stderr
        self.tasks = {}
        self.statuses = []
        self.records = []   # every recorded line: task, status, result, action, duration (s)
        self.issued_tokens = []   # access tokens the simulator issued during this run
        self.results_text = ''
        if os.path.exists(results_path):
            with open(results_path, encoding='utf-8') as handle:
                self.results_text = handle.read()
        for line in self.results_text.splitlines():
            record = json.loads(line)
            # ansible-core 2.19 keeps 'failed' out of the result the callback sees; the status says it.
            record['result']['failed'] = record['status'] in ('failed', 'ignored')
            self.tasks.setdefault(record['task'], []).append(record['result'])
            self.statuses.append(record['status'])
            self.records.append(record)

    def result(self, task_name, index=0):
        assert task_name in self.tasks, 'no result for %r; output ends:\n%s' % (task_name, self.output[-3000:])
        return self.tasks[task_name][index]


class Ansible:
    """Runs playbooks with the built collection only, and scans each run for leaked secrets."""

    def __init__(self, collections_path, sim, tmp_path):
        self.collections_path = collections_path
        self.sim = sim
        self.tmp_path = tmp_path
        self.runs = []

    def base_env(self, client='basic'):
        info = self.sim.info()
        env = {key: value for key, value in os.environ.items() if not key.startswith('PINGONE_') and not key.startswith('ANSIBLE_')}
        env.update({
            'PATH': BIN + os.pathsep + os.environ.get('PATH', ''),
            'ANSIBLE_COLLECTIONS_PATH': self.collections_path,
            'ANSIBLE_COLLECTIONS_SCAN_SYS_PATH': 'false',
            'ANSIBLE_CALLBACK_PLUGINS': os.path.join(HERE, 'callback_plugins'),
            'ANSIBLE_CALLBACKS_ENABLED': 'record_results',
            'ANSIBLE_PYTHON_INTERPRETER': sys.executable,
            'ANSIBLE_LOCALHOST_WARNING': 'false',
            'ANSIBLE_INVENTORY_UNPARSED_WARNING': 'false',
            'ANSIBLE_NOCOLOR': '1',
            'ANSIBLE_RETRY_FILES_ENABLED': 'false',
            'ANSIBLE_LOCAL_TEMP': str(self.tmp_path / 'ansible-local'),
            'PINGONE_ENVIRONMENT_ID': info['environment_id'],
            'PINGONE_CLIENT_ID': CLIENTS[client]['id'],
            'PINGONE_CLIENT_SECRET': CLIENTS[client]['secret'],
            'PINGONE_AUTH_SERVICE_HOSTNAME': info['host'],
            'PINGONE_API_SERVICE_HOSTNAME': info['host'],
            'PINGONE_CA_PATH': info['ca_path'],
        })
        return env

    def run(self, playbook, extra_vars=None, env=None, client='basic', check=False, unset=(), verbosity=4, unsafe_vars=False,
            tokens_may_show=False, bodies_as_given=False) -> Run:
        """Run a playbook at -vvvv and scan it for leaks.

        ``unsafe_vars`` writes the extra vars as YAML with strings tagged !unsafe, so a literal
        '{{ ... }}' reaches the module as typed instead of being templated by Ansible.
        ``tokens_may_show`` turns off the no_log token check (only for ANSIBLE_DEBUG runs: see
        test_leaks.py).
        Every request body received since the last reset is checked against Ping's API descriptions
        (request_schemas.py), except with ``bodies_as_given``: for pingone_api tasks that send a
        body of the test's own making on purpose.
        """
        command = [os.path.join(BIN, 'ansible-playbook'), '-i', 'localhost,', '-c', 'local', os.path.join(PLAYBOOKS, playbook)]
        if verbosity:
            command.append('-' + 'v' * verbosity)
        if check:
            command.append('--check')
        if extra_vars is not None:
            # A file, not -e key=value: the -vvvv header prints command-line extra vars verbatim.
            path = self.tmp_path / ('vars-%d.%s' % (len(self.runs), 'yml' if unsafe_vars else 'json'))
            path.write_text(unsafe_yaml(extra_vars) if unsafe_vars else json.dumps(extra_vars))
            command += ['-e', '@%s' % path]
        full_env = self.base_env(client)
        results_path = str(self.tmp_path / ('results-%d.jsonl' % len(self.runs)))
        full_env['PINGONE_TEST_RESULTS'] = results_path
        full_env.update(env or {})
        for name in unset:
            full_env.pop(name, None)
        tokens_before = set(self.sim.issued_tokens())
        completed = subprocess.run(command, env=full_env, capture_output=True, text=True, timeout=600, check=False)
        run = Run(completed, results_path)
        # (a reset through the control API during the run hides the tokens issued before it: missed, never false alarms)
        run.issued_tokens = [token for token in self.sim.issued_tokens() if token not in tokens_before]
        self.runs.append(run)
        assert_no_secret(run.output)
        assert_no_secret(run.results_text)
        assert_no_key_material(self.sim, run.output, run.results_text)
        if not tokens_may_show:
            assert_no_hidden_token(run)
        assert_no_unasked_application_secret(run, self.sim.app.management.application_secrets())
        assert_no_stored_secret(run, stored_secrets(self.sim))
        if not bodies_as_given:
            assert_requests_match_the_descriptions(self.sim.requests())
        return run


def assert_no_secret(text):
    leaked = [form for form, value in ALL_SECRET_FORMS.items() if value in text]
    assert not leaked, 'output shows %s' % ', '.join(leaked)


def stored_secrets(sim):
    """Every write-only value (secrets option of pingone_object) the simulator's store received since its last reset, in any
    environment: the ones it still holds and the ones a PUT replaced or a DELETE removed since; and every resource client
    secret it made (pingone_resource's return_secret, whose task is no_log)."""
    return sim.app.store.received_secrets() + sim.app.store.made_secrets()


def assert_no_stored_secret(run, secrets):
    """A write-only value the store holds never shows, in any form (plain, URL-encoded, base64, JSON-escaped)."""
    leaked = ['%s of stored secret %d' % (form, index) for index, secret in enumerate(secrets)
              for form, value in secret_forms('', secret).items() if form in SCANNED_FORMS and (value in run.output or value in run.results_text)]
    assert not leaked, 'the output shows %s' % ', '.join(leaked)


SCANNED_FORMS = ('secret', 'url-encoded secret', 'percent-encoded secret', 'base64 secret', 'json-escaped secret')


def hidden_tokens(run):
    """The tokens issued during the run that no uncensored task result holds: they came from no_log tasks."""
    shown = [json.dumps(record['result']) for record in run.records if not record['result'].get('censored')]
    return [token for token in run.issued_tokens if not any(token in text for text in shown)]


def assert_no_hidden_token(run):
    """A token from a no_log task must not appear in the output or in any recorded result (censored ones included)."""
    leaked = [index for index, token in enumerate(hidden_tokens(run)) if token in run.output or token in run.results_text]
    assert not leaked, 'the output shows access token(s) %s of this run, issued to no_log tasks' % leaked


def assert_no_unasked_application_secret(run, secrets):
    """An application secret may show only where a task returned it (return_secret, rotate_secret) without no_log."""
    asked = {record['result'].get('client_secret') for record in run.records if not record['result'].get('censored')}
    leaked = [index for index, secret in enumerate(secrets) if secret not in asked and (secret in run.output or secret in run.results_text)]
    assert not leaked, 'the output shows application secret(s) %s that no task returned' % leaked


def unsafe_yaml(value):
    """YAML (flow style) for ``value``, strings that could hold a template tagged !unsafe: Ansible passes them on as typed."""
    if isinstance(value, dict):
        return '{%s}' % ', '.join('%s: %s' % (json.dumps(str(key)), unsafe_yaml(item)) for key, item in value.items())
    if isinstance(value, (list, tuple)):
        return '[%s]' % ', '.join(unsafe_yaml(item) for item in value)
    if isinstance(value, str) and '{' in value:   # only where a template could start ('!unsafe ""' loads as null in 2.19)
        return '!unsafe %s' % json.dumps(value)
    return json.dumps(value)


@pytest.fixture(scope='session')
def collections_path(tmp_path_factory):
    """The collection as users get it: built with ansible-galaxy and installed (make passes it in)."""
    given = os.environ.get('PINGONE_TEST_COLLECTIONS_PATH')
    if given:
        return given
    build = tmp_path_factory.mktemp('build')
    galaxy = os.path.join(BIN, 'ansible-galaxy')
    subprocess.run([galaxy, 'collection', 'build', '--output-path', str(build), ROOT], check=True, capture_output=True)
    tarball = glob.glob(str(build / 'pingone-platform-*.tar.gz'))[0]
    subprocess.run([galaxy, 'collection', 'install', '-p', str(build / 'collections'), tarball], check=True, capture_output=True)
    return str(build / 'collections')


@pytest.fixture(scope='session')
def sim(tmp_path_factory):
    simulator = Simulator(tmp_path_factory.mktemp('simulator')).start()
    yield simulator
    simulator.stop()


@pytest.fixture
def ansible(collections_path, sim, tmp_path):
    sim.reset()
    return Ansible(collections_path, sim, tmp_path)
