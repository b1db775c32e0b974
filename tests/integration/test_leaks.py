# -*- coding: utf-8 -*-
# Copyright: (c) 2026, pingone.platform maintainers
# GNU General Public License v3.0+ (see LICENSE or https://www.gnu.org/licenses/gpl-3.0.txt)
"""The leak scan over everything: what conftest.py checks on every run, shown to work, and the ANSIBLE_DEBUG run.

Every ansible-playbook run of the integration tests (success and failure) is at -vvvv, and
Ansible.run() scans its output and every recorded task result (registered failures included)
for: every form of every client secret and key passphrase (ALL_SECRET_FORMS), the simulator's
private keys and every client assertion it received (key_material), and every access token
issued during the run to a no_log task (assert_no_hidden_token). The tests here make sure those
checks run on every playbook and really fail on a leak.
"""

from __future__ import annotations

import json
import os
import re
from types import SimpleNamespace

import pytest

from conftest import (  # pylint: disable=import-error
    ALL_SECRET_FORMS, HERE, HOOK_SECRET, IDP_SECRET, OBJECT_SECRET, PLAYBOOKS, assert_no_hidden_token, assert_no_secret,
    assert_no_stored_secret, assert_no_unasked_application_secret, hidden_tokens)
from pingone_simulator import CLIENTS, SANDBOX_ENV_ID  # pylint: disable=import-error


def test_no_log_token_tasks_never_show_the_token(ansible):
    run = ansible.run('no_log.yml')   # the harness has already checked: no hidden token in the output
    assert run.rc == 0, run.output[-3000:]
    assert len(run.issued_tokens) == 2
    quiet, shown = run.issued_tokens
    assert hidden_tokens(run) == [quiet]   # the no_log task's token; the last task shows its own
    assert shown in run.output and quiet not in run.output and quiet not in run.results_text
    assert run.result('Get a token quietly')['censored']
    report = run.result('Show the registered results of the quiet tasks')['msg']
    # no_log hides a task's output, not its registered value: the failure printed here (and scanned) is whole
    assert int(report['status']) == 200 and 'does not use CLIENT_SECRET_POST' in report['refused']['msg']
    assert len([r for r in ansible.sim.requests() if r['path'].startswith('/v1/')]) == 1


def test_the_token_check_fails_on_a_leak():
    record = {'task': 'Get a token', 'status': 'ok', 'result': {'censored': 'the output has been hidden', 'changed': False}}
    run = SimpleNamespace(records=[record], issued_tokens=['eyJhbGciOiJSUzI1NiJ9.eyJ4IjoxfQ.c2ln'], results_text=json.dumps(record),
                          output='ok: [localhost] => {"censored": "the output has been hidden"}')
    assert_no_hidden_token(run)
    run.output += '\n<localhost> stdout: {"access_token": "eyJhbGciOiJSUzI1NiJ9.eyJ4IjoxfQ.c2ln"}'
    with pytest.raises(AssertionError, match='issued to no_log tasks'):
        assert_no_hidden_token(run)


def test_the_application_secret_check_fails_on_a_leak():
    secret = 'a' * 20 + 'Z9-._~' + 'b' * 38
    asked = {'task': 'Read the secret', 'status': 'ok', 'result': {'client_secret': secret, 'changed': False}}
    run = SimpleNamespace(records=[asked], results_text=json.dumps(asked), output='ok: [localhost] => {"client_secret": "%s"}' % secret)
    assert_no_unasked_application_secret(run, [secret])   # the task returned it: the user asked for it
    run.records = [{'task': 'Create it', 'status': 'ok', 'result': {'censored': 'hidden', 'changed': True}}]
    with pytest.raises(AssertionError, match='application secret'):
        assert_no_unasked_application_secret(run, [secret])


@pytest.mark.parametrize('label', sorted(ALL_SECRET_FORMS))
def test_the_secret_scan_fails_on_each_form(label):
    with pytest.raises(AssertionError, match=re.escape(label)):
        assert_no_secret('TASK [x] => %s <=' % ALL_SECRET_FORMS[label])


def test_secrets_change_under_every_encoding():
    # Otherwise the URL-encoded, JSON-escaped and Basic forms would equal the plain one and prove nothing.
    for client in CLIENTS.values():
        assert set('+/=%:~&') <= set(client['secret']) and not client['secret'].isascii()
    for secret in (IDP_SECRET, HOOK_SECRET):   # pingone_object's secrets option (test_object_kinds.py)
        assert set('+/=%:~&') <= set(secret) and not secret.isascii()
    assert set('+/=%:~&') <= set(OBJECT_SECRET)


@pytest.mark.parametrize('shown', ['Bearer Hook-T0ken+/=%:~&-\u00e9t\u00e9', 'Bearer%20Hook-T0ken%2B%2F%3D%25%3A~%26-%C3%A9t%C3%A9',
                                   'QmVhcmVyIEhvb2stVDBrZW4rLz0lOn4mLcOpdMOp', 'Bearer Hook-T0ken+/=%:~&-\\u00e9t\\u00e9'])
def test_the_stored_secret_check_fails_on_each_form(shown):
    """A write-only value the simulator's store holds (a webhook's header given in pingone_object's secrets): plain,
    URL-encoded, base64, JSON-escaped."""
    run = SimpleNamespace(output='TASK [x] => %s <=' % shown, results_text='')
    with pytest.raises(AssertionError, match='stored secret 0'):
        assert_no_stored_secret(run, ['Bearer ' + HOOK_SECRET])
    assert_no_stored_secret(SimpleNamespace(output='TASK [x] => (set by this task)', results_text=''), ['Bearer ' + HOOK_SECRET])


def test_the_scan_finds_a_resource_secret_returned_without_no_log(ansible):
    """pingone_resource's return_secret on a task without no_log (resource.yml): the secret is in the -vvvv output, and the
    scan of every resource secret the simulator made (conftest.stored_secrets) fails the run; with no_log it passes
    (test_resources.py)."""
    ansible.sim.app.store.reset()
    with pytest.raises(AssertionError, match='stored secret'):
        ansible.run('resource.yml', extra_vars={'options': {'target_environment_id': SANDBOX_ENV_ID, 'name': 'Leaky API', 'return_secret': True}})
    assert len(ansible.sim.app.store.made_secrets()) == 1
    ansible.sim.app.store.reset()


def test_debug_run_shows_no_secret(ansible):
    """ANSIBLE_DEBUG=1 prints much more: module arguments and the raw output of every module.

    The secret comes from the controller's environment (not a module argument), so it never shows
    (the scan in Ansible.run checks it in every form). The token DOES show: Ansible prints the
    module's raw stdout at ANSIBLE_DEBUG, whatever no_log says, so the token check is off for this
    run only (tokens_may_show); README.md (Security notes) says so.
    """
    run = ansible.run('debug.yml', env={'ANSIBLE_DEBUG': '1'}, client='basic', tokens_may_show=True)
    assert '_low_level_execute_command()' in run.output and len(run.output) > 20000   # debug output really is on
    assert run.result('Get a token')['censored']
    refused = run.result('Send the secret in the form body to an application that wants Basic')
    assert refused['failed'] and 'does not use CLIENT_SECRET_POST' in refused['msg']
    assert ansible.sim.stats()['tokens_issued'] == 1
    assert 'client_secret=' in ansible.sim.requests()[1]['body']   # the secret did travel, URL-encoded, and did not show


def _test_sources():
    """The source of every other test file (this one names what it looks for)."""
    sources = ''
    for name in os.listdir(HERE):
        if name.startswith('test_') and name.endswith('.py') and name != os.path.basename(__file__):
            with open(os.path.join(HERE, name), encoding='utf-8') as handle:
                sources += handle.read()
    return sources


def test_every_playbook_is_run_by_a_test_at_vvvv():
    sources = _test_sources() + "'debug.yml' 'no_log.yml'"   # (the two this file runs)
    assert 'verbosity=' not in sources, 'a test lowers the verbosity: every run must be at -vvvv'
    included = set()
    for name in os.listdir(PLAYBOOKS):
        with open(os.path.join(PLAYBOOKS, name), encoding='utf-8') as handle:
            included.update(re.findall(r'include_tasks: (\S+\.yml)', handle.read()))
    playbooks = sorted(name for name in os.listdir(PLAYBOOKS) if name.endswith('.yml') and name not in included)
    assert playbooks and [name for name in playbooks if "'%s'" % name not in sources] == []
