# -*- coding: utf-8 -*-
# Copyright: (c) 2026, pingone.platform maintainers
# GNU General Public License v3.0+ (see LICENSE or https://www.gnu.org/licenses/gpl-3.0.txt)
"""pingone_token's action plugin: when it reuses on the controller (and returns what the module returns), and when it runs the module."""

from __future__ import annotations

import json
import time
from types import SimpleNamespace

import pytest

from ansible_collections.pingone.platform.plugins.action import pingone_token as action_plugin
from ansible_collections.pingone.platform.plugins.module_utils import options
from ansible_collections.pingone.platform.plugins.module_utils.options import API_OPTIONS, CONNECTION_OPTIONS
from ansible_collections.pingone.platform.plugins.module_utils.regions import REGIONS, build_endpoints
from ansible_collections.pingone.platform.plugins.module_utils.token import ClientCredentials, Token
from ansible_collections.pingone.platform.plugins.module_utils.token_task import reuse_result
from ansible_collections.pingone.platform.plugins.modules import pingone_token as module
from ansible_collections.pingone.platform.tests.unit.fakes import CLIENT_ID, ENV_ID, SECRET, run_module

ARGS = {'environment_id': ENV_ID, 'client_id': CLIENT_ID, 'client_secret': SECRET, 'region': 'EU'}
MODULE_RESULT = {'changed': False, 'reused': False, 'from': 'the module'}
MASK = 'VALUE_SPECIFIED_IN_NO_LOG_PARAMETER'


def previous_result(remaining=3000, client_id=CLIENT_ID, scopes=()):
    """A pingone_token result (the fact) whose token stays valid for ``remaining`` more seconds."""
    token = Token('kept.to.ken', 'Bearer', 3600, time.time() + remaining)
    return token.as_result(build_endpoints(REGIONS['EU'], ENV_ID), ClientCredentials(client_id, SECRET, scopes=tuple(scopes)))


class Templar:
    def template(self, value):
        return value


def make_action(args, transport='local', become=False, async_val=0, environment=None, check_mode=False):
    """The action plugin with a task, connection and play context that stand in for Ansible's; the module run is recorded, not started."""
    task = SimpleNamespace(args=args, async_val=async_val, environment=environment, check_mode=check_mode, action='pingone.platform.pingone_token')
    shell = SimpleNamespace(tmpdir=None, env_prefix=lambda **_kwargs: '')
    connection = SimpleNamespace(transport=transport, become=object() if become else None, has_native_async=False, _shell=shell)
    play_context = SimpleNamespace(become=become, check_mode=check_mode)
    action = action_plugin.ActionModule(task, connection, play_context, loader=None, templar=Templar(), shared_loader_obj=None)
    action.module_runs = []

    def execute_module(**kwargs):
        action.module_runs.append(kwargs)
        return dict(MODULE_RESULT)

    action._execute_module = execute_module   # pylint: disable=protected-access
    action._remove_tmp_path = lambda _path: None   # pylint: disable=protected-access
    return action


@pytest.fixture(autouse=True)
def no_variables(monkeypatch):
    """No PINGONE_* variable of the test host leaks in."""
    for entry in list(CONNECTION_OPTIONS.values()) + list(API_OPTIONS.values()):
        monkeypatch.delenv(entry['env'], raising=False)
    monkeypatch.delenv('PINGONE_REGION', raising=False)


@pytest.fixture
def invocation(monkeypatch):
    """Modules return their invocation (always before ansible-core 2.21; since, with INJECT_INVOCATION)."""
    monkeypatch.setattr(action_plugin.ActionModule, '_module_adds_invocation', staticmethod(lambda _task_vars: True))


def run_action(args, **context):
    action = make_action(args, **context)
    return action.run(task_vars={}), action.module_runs


@pytest.mark.usefixtures('invocation')
def test_a_token_that_fits_is_returned_on_the_controller_as_the_module_returns_it(monkeypatch):
    args = dict(ARGS, reuse=previous_result())
    result, module_runs = run_action(dict(args))
    assert module_runs == []
    failed, from_module = run_module(module.main, dict(args), monkeypatch)
    assert not failed and from_module['reused'] is True
    # exit_json's keys, plus the invocation AnsibleModule adds (no_log values masked), after a JSON round trip.
    assert {key: value for key, value in result.items() if key != 'invocation'} == json.loads(json.dumps(from_module))
    arguments = result['invocation']['module_args']
    assert arguments['client_secret'] == MASK and arguments['min_ttl'] == 300 and arguments['auth_method'] == 'client_secret_basic'
    assert arguments['reuse']['access_token'] == 'kept.to.ken' and arguments['access_token'] is None
    assert SECRET not in json.dumps(result)
    assert result['ansible_facts'] == {'pingone_token': previous_result() | {'expires_at': result['expires_at']}}


@pytest.mark.parametrize('shape', ['fact', 'registered result', 'JSON text'])
def test_every_shape_of_reuse_the_module_accepts(shape):
    previous = previous_result()
    reuse = {'fact': previous, 'registered result': dict(previous, changed=False, failed=False, reused=False,
                                                         ansible_facts={'pingone_token': previous}),
             'JSON text': json.dumps(previous)}[shape]
    result, module_runs = run_action(dict(ARGS, reuse=reuse))
    assert module_runs == [] and result['reused'] is True and result['access_token'] == 'kept.to.ken'


def test_check_mode_reuses_on_the_controller_too():
    result, module_runs = run_action(dict(ARGS, reuse=previous_result()), check_mode=True)
    assert module_runs == [] and result['reused'] is True


@pytest.mark.usefixtures('invocation')
def test_values_from_pingone_variables_count_as_for_the_module(monkeypatch):
    for option, value in ARGS.items():
        monkeypatch.setenv(CONNECTION_OPTIONS[option]['env'], value)
    result, module_runs = run_action({'reuse': previous_result()})
    assert module_runs == [] and result['reused'] is True and result['client_id'] == CLIENT_ID
    assert result['invocation']['module_args']['client_secret'] == MASK and SECRET not in json.dumps(result)
    assert not options._FROM_VARIABLES and not options._EMPTY_VARIABLES   # pylint: disable=protected-access


# 30 s on either side of the threshold: the decision comes after the lazy import of the option parser, which on a loaded
# machine took more than the 1 s margin this test had.
@pytest.mark.parametrize('remaining, min_ttl, on_controller', [(330, None, True), (270, None, False), (630, 600, True), (570, 600, False),
                                                               (30, 0, True), (-30, 0, False)])
def test_min_ttl_decides_as_in_the_module(remaining, min_ttl, on_controller):
    args = dict(ARGS, reuse=previous_result(remaining))
    if min_ttl is not None:
        args['min_ttl'] = min_ttl
    result, module_runs = run_action(args)
    assert (module_runs == []) is on_controller
    assert result['reused'] is True if on_controller else result == MODULE_RESULT


@pytest.mark.parametrize('args', [
    pytest.param(dict(ARGS), id='no reuse'),
    pytest.param(dict(ARGS, reuse=None), id='reuse null'),
    pytest.param(dict(ARGS, reuse=previous_result(client_id='99999999-8888-4777-8666-555555555555')), id='another client'),
    pytest.param(dict(ARGS, reuse=previous_result(), client_id=CLIENT_ID.upper()), id='same client in capitals reuses'),
    pytest.param(dict(ARGS, reuse=previous_result(), scopes=['p1:read:user']), id='other scopes'),
    pytest.param(dict(ARGS, reuse=previous_result(), region='CA'), id='another region'),
    pytest.param(dict(ARGS, reuse=previous_result(), environment_id='11111111-2222-4333-8444-555555555555'), id='another environment'),
    pytest.param(dict(ARGS, reuse=dict(previous_result(), failed=True)), id='a failed result'),
    pytest.param(dict(ARGS, reuse='not a dict at all'), id='reuse that is no dict'),
])
def test_a_token_that_does_not_fit_runs_the_module(args):
    result, module_runs = run_action(args)
    if args.get('client_id') == CLIENT_ID.upper():
        assert module_runs == [] and result['reused'] is True
    else:
        assert result == MODULE_RESULT and len(module_runs) == 1 and module_runs[0]['wrap_async'] == 0


@pytest.mark.parametrize('changes', [
    pytest.param({'min_ttl': -1}, id='min_ttl out of range'),
    pytest.param({'client_secret': ''}, id='empty secret'),
    pytest.param({'environment_id': 'not-a-uuid'}, id='bad environment id'),
    pytest.param({'min_ttl': 'soon'}, id='min_ttl of the wrong type'),
    pytest.param({'colour': 'blue'}, id='unsupported option'),
    pytest.param({'auth_method': 'client_secret_carrier_pigeon'}, id='bad choice'),
    pytest.param({'validate_certs': False}, id='a warning'),
    pytest.param({'environment_id': '{{ adminEnvID }}'}, id='placeholder'),
])
def test_bad_input_or_a_warning_runs_the_module_which_reports_it(changes):
    result, module_runs = run_action(dict(ARGS, reuse=previous_result(), **changes))
    assert result == MODULE_RESULT and len(module_runs) == 1
    assert not options._FROM_VARIABLES   # pylint: disable=protected-access


def test_a_misspelt_variable_warns_so_the_module_runs(monkeypatch):
    monkeypatch.setenv('PINGONE_REGION', 'EU')
    args = dict(ARGS, reuse=previous_result())
    del args['region']
    result, module_runs = run_action(args)
    assert result == MODULE_RESULT and len(module_runs) == 1


@pytest.mark.parametrize('context', [
    pytest.param({'transport': 'ssh'}, id='ssh connection'),
    pytest.param({'transport': 'community.docker.docker'}, id='container connection'),
    pytest.param({'become': True}, id='become'),
    pytest.param({'async_val': 30}, id='async'),
    pytest.param({'environment': [{'PINGONE_CLIENT_SECRET': 'other'}]}, id='PINGONE_ variable in the environment keyword'),
    pytest.param({'environment': [{'PINGONE_ANYTHING': '1'}, {'HTTPS_PROXY': 'http://proxy:3128'}]}, id='any PINGONE_ variable'),
])
def test_where_the_module_would_not_see_what_the_controller_sees_the_module_runs(context):
    result, module_runs = run_action(dict(ARGS, reuse=previous_result()), **context)
    assert result == MODULE_RESULT and len(module_runs) == 1
    # (ansible-core's normal action passes the task's async value, 30 here, since 2.21; True before)
    assert bool(module_runs[0]['wrap_async']) == bool(context.get('async_val'))


def test_a_surprise_in_the_decision_runs_the_module(monkeypatch):
    def surprise(*_args, **_kwargs):
        raise TypeError('a value the decision did not expect')
    monkeypatch.setattr(action_plugin, 'reuse_result', surprise)
    result, module_runs = run_action(dict(ARGS, reuse=previous_result()))
    assert result == MODULE_RESULT and len(module_runs) == 1


def test_other_variables_in_the_environment_keyword_do_not_matter():
    result, module_runs = run_action(dict(ARGS, reuse=previous_result()), environment=[{'HTTPS_PROXY': 'http://proxy:3128'}, None, {}])
    assert module_runs == [] and result['reused'] is True


def test_invocation_only_when_the_module_would_add_it(monkeypatch):
    monkeypatch.setattr(action_plugin.ActionModule, '_module_adds_invocation', staticmethod(lambda _task_vars: False))
    result, module_runs = run_action(dict(ARGS, reuse=previous_result()))
    assert module_runs == [] and result['reused'] is True and 'invocation' not in result


def test_module_adds_invocation_follows_the_setting_of_ansible_core():
    from ansible import constants as C   # pylint: disable=import-outside-toplevel
    if C.config.get_configuration_definition('INJECT_INVOCATION') is None:   # before 2.21: modules always return it
        expected = True
    else:
        expected = bool(C.config.get_config_value('INJECT_INVOCATION', variables={}))
    assert action_plugin.ActionModule._module_adds_invocation({}) is expected   # pylint: disable=protected-access


def test_reuse_result_masks_no_log_values_everywhere_as_the_module_does():
    previous = previous_result()
    previous.update(note='a value with the secret: %s' % SECRET, copy=SECRET)
    result = reuse_result(dict(ARGS, reuse=previous), time.time())
    # remove_values, as AnsibleModule.exit_json applies it: a value equal to a no_log value is replaced, one containing it is starred.
    assert result['invocation']['module_args']['reuse']['copy'] == MASK
    assert result['invocation']['module_args']['reuse']['note'] == 'a value with the secret: ********'
    assert result['changed'] is False and result['reused'] is True


def test_the_module_sets_no_log_on_every_option_whose_name_ansible_would_warn_about():
    """AnsibleModule warns 'Module did not set no_log' for such names; the controller, which gives no warning, must never meet one."""
    from ansible.module_utils.basic import PASSWORD_MATCH   # pylint: disable=import-outside-toplevel
    from ansible_collections.pingone.platform.plugins.module_utils.token_task import token_argument_spec   # pylint: disable=import-outside-toplevel
    assert [name for name, spec in token_argument_spec().items() if PASSWORD_MATCH.search(name) and spec.get('no_log') is None] == []
