# -*- coding: utf-8 -*-
# Copyright: (c) 2026, pingone.platform maintainers
# GNU General Public License v3.0+ (see LICENSE or https://www.gnu.org/licenses/gpl-3.0.txt)
"""module_utils config_legacy_apply, in this process, against the simulator: the plan of pingone_environment_export's
compare_to applied phase by phase sends the writes the role environment_config sends for it (the same requests, in any
order within a phase), leaves the environment as the role leaves it, and a second apply writes nothing."""

from __future__ import annotations

import copy
import importlib
import re
import sys

import pytest

from pingone_simulator import CLIENTS, SANDBOX_ENV_ID  # pylint: disable=import-error
from calls import writes  # pylint: disable=import-error
from test_config_as_code import DEV, applied  # pylint: disable=import-error

A = SANDBOX_ENV_ID
UUID = re.compile(r'[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}', re.IGNORECASE)


@pytest.fixture(autouse=True)
def organization(ansible):
    ansible.sim.app.platform.reset()
    yield ansible.sim.app.platform


@pytest.fixture
def legacy(collections_path):
    """The built collection's module_utils, imported from where the playbooks find it."""
    if collections_path not in sys.path:
        sys.path.insert(0, collections_path)
    name = 'ansible_collections.pingone.platform.plugins.module_utils.%s'
    return {part: importlib.import_module(name % part) for part in ('api', 'options', 'config_legacy', 'config_legacy_plan', 'config_legacy_apply')}


@pytest.fixture
def client(ansible, legacy):
    """A client of the simulator as connect(module, workers=4) makes one."""
    from ansible.module_utils.common.arg_spec import ArgumentSpecValidator   # pylint: disable=import-outside-toplevel
    info = ansible.sim.info()
    given = {'environment_id': info['environment_id'], 'client_id': CLIENTS['basic']['id'], 'client_secret': CLIENTS['basic']['secret'],
             'auth_hostname': info['host'], 'api_hostname': info['host'], 'ca_path': info['ca_path']}
    validated = ArgumentSpecValidator(legacy['options'].bulk_argument_spec()).validate(given)
    assert not validated.error_messages, validated.error_messages
    settings = legacy['options'].connection_settings(validated.validated_parameters)
    settings.transport.pool_size, settings.transport.bulk = 4, True
    with legacy['api'].PingOneClient.from_settings(settings) as made:
        yield made


def in_process(legacy, client, config, prune=False, check_mode=False):
    """compare_to's plan, then every phase applied: (changes, results, warnings)."""
    compare = legacy['config_legacy_plan'].compare
    _config, _skipped, plan, _drift, changes, labels = compare(client, A, copy.deepcopy(config), prune, check_mode, 4)
    warnings = []
    results = legacy['config_legacy_apply'].apply_plan(client, A, plan, check_mode, 4, warnings.append, labels)
    return changes, results, warnings


def anonymous(sent):
    """The writes with the ids of the objects a run created made alike (the environment's own id kept), sorted."""
    return sorted((method, UUID.sub(lambda found: found.group(0) if found.group(0).lower() == A else '<id>', path)) for method, path in sent)


def described(legacy, client):
    config, skipped = legacy['config_legacy'].export(client, A, list(legacy['config_legacy'].KINDS), 4)
    return config, skipped


def test_the_plan_applied_in_process_sends_the_roles_writes_and_a_second_apply_writes_nothing(ansible, legacy, client):
    _run, compared = applied(ansible, A, DEV)
    by_role = anonymous(writes(ansible))
    after_role = described(legacy, client)
    assert compared['changes'] > 0 and by_role

    ansible.sim.app.platform.reset()
    ansible.sim.reset()
    changes, results, _warnings = in_process(legacy, client, DEV)
    assert changes == compared['changes']
    assert [(result.name, result.msg) for result in results if result.action == 'failed'] == []
    assert anonymous(writes(ansible)) == by_role
    assert described(legacy, client) == after_role

    ansible.sim.reset()
    changes, results, _warnings = in_process(legacy, client, DEV)
    assert changes == 0 and results == [] and writes(ansible) == []


def test_in_check_mode_nothing_is_written_and_each_object_says_what_would_change(ansible, legacy, client):
    changes, results, _warnings = in_process(legacy, client, DEV, prune=True, check_mode=True)
    assert changes > 0 and writes(ansible) == []
    actions = {(result.kind, result.name): result.action for result in results}
    assert actions[('populations', 'Staff')] == 'created' and actions[('applications', 'Intranet')] == 'created'
    assert 'failed' not in actions.values(), [(result.name, result.msg) for result in results if result.msg]
