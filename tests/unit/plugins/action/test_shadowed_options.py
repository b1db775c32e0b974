# -*- coding: utf-8 -*-
# Copyright: (c) 2026, pingone.platform maintainers
# GNU General Public License v3.0+ (see LICENSE or https://www.gnu.org/licenses/gpl-3.0.txt)
"""The actions of pingone_identity_provider and pingone_resource: the pingone group's module_defaults of the options
they name as connection options (the worker application's) never reach them as the provider's or the resource's."""

from __future__ import annotations

from types import SimpleNamespace

from ansible.plugins.action.normal import ActionModule as NormalAction

from ansible_collections.pingone.platform.plugins.action import pingone_identity_provider, pingone_resource

GROUP = {'group/pingone.platform.pingone': {'client_id': 'worker-id', 'client_secret': '{{ worker_secret }}', 'scopes': ['p1:read:user'],
                                            'environment_id': 'env'}}


class Templar:
    """Renders the one template the tests use, as Ansible would with the play's variables."""

    def template(self, value):
        if isinstance(value, dict):
            return {key: self.template(item) for key, item in value.items()}
        return 'worker-secret' if value == '{{ worker_secret }}' else value


def arguments_run(monkeypatch, plugin, args, module_defaults):
    """The arguments the module would be run with (ansible-core's normal action, which the plugin ends with, records them)."""
    seen = []
    monkeypatch.setattr(NormalAction, 'run', lambda self, tmp=None, task_vars=None: seen.append(dict(self._task.args)) or {})
    task = SimpleNamespace(args=dict(args), module_defaults=module_defaults, async_val=0, check_mode=False)
    action = plugin.ActionModule(task, SimpleNamespace(), SimpleNamespace(), loader=None, templar=Templar(), shared_loader_obj=None)
    action.run(task_vars={})
    return seen[0]


def test_the_groups_worker_credentials_are_left_out_of_the_providers_options(monkeypatch):
    given = {'name': 'Corp', 'client_id': 'worker-id', 'client_secret': 'worker-secret', 'scopes': ['p1:read:user'], 'environment_id': 'env'}
    assert arguments_run(monkeypatch, pingone_identity_provider, given, [GROUP]) == {'name': 'Corp', 'environment_id': 'env'}


def test_values_the_task_gives_are_kept(monkeypatch):
    given = {'name': 'Corp', 'client_id': 'provider-id', 'client_secret': 'provider-secret', 'scopes': ['openid'], 'environment_id': 'env'}
    assert arguments_run(monkeypatch, pingone_identity_provider, given, [GROUP]) == given


def test_without_group_defaults_nothing_changes(monkeypatch):
    given = {'name': 'Corp', 'client_id': 'worker-id'}
    assert arguments_run(monkeypatch, pingone_identity_provider, given, [{'pingone.platform.pingone_identity_provider': {'client_id': 'worker-id'}}]) == given


def test_the_resource_loses_only_the_groups_scopes(monkeypatch):
    given = {'name': 'Orders API', 'scopes': ['p1:read:user'], 'client_id': 'worker-id'}
    assert arguments_run(monkeypatch, pingone_resource, given, [GROUP]) == {'name': 'Orders API', 'client_id': 'worker-id'}
