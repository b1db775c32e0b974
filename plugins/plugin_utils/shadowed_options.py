# -*- coding: utf-8 -*-
# Copyright: (c) 2026, pingone.platform maintainers
# GNU General Public License v3.0+ (see LICENSE or https://www.gnu.org/licenses/gpl-3.0.txt)
"""An action for a module whose own options share names with connection options of the pingone action group.

pingone_identity_provider's ``client_id``, ``client_secret`` and ``scopes`` are the external provider's, and
pingone_resource's ``scopes`` are the resource's; every other module of the ``pingone`` group has options of
those names for the worker application's connection. Ansible gives a module every option of
``module_defaults: {group/pingone.platform.pingone: ...}`` it accepts, so a group that holds the worker's
credentials would hand them to these modules as their own: the worker's secret would be stored in an identity
provider, and sent to the external provider by PingOne.

Before the module runs, such an action takes out of its arguments each shadowed option whose value is the one
the group gives (the task did not set it, or set it to the group's value, which is the same thing). A value the
task gives, or one given for the module by its own name in ``module_defaults``, is kept.
"""

from __future__ import annotations

from ansible.plugins.action.normal import ActionModule as NormalAction

# How a play names the collection's action group in module_defaults.
GROUP_KEYS = ('group/pingone.platform.pingone', 'group/pingone')


class ShadowedOptionsAction(NormalAction):
    """ansible-core's own action for a module (``normal``), without the group's values of the module's ``SHADOWED`` options."""

    SHADOWED = ()   # the module's options that are named as connection options

    def run(self, tmp=None, task_vars=None):
        from_group = self._group_values()
        args = self._task.args
        if isinstance(args, dict) and from_group:
            self._task.args = {name: value for name, value in args.items() if not (name in from_group and value == from_group[name])}
        return super(ShadowedOptionsAction, self).run(tmp, task_vars)

    def _group_values(self):
        """The values the pingone group's module_defaults give to the shadowed options, templated as Ansible does."""
        values = {}
        for entry in self._task.module_defaults or ():
            if not isinstance(entry, dict):
                continue
            for key in GROUP_KEYS:
                group = entry.get(key)
                if isinstance(group, dict):
                    values.update((name, group[name]) for name in self.SHADOWED if name in group)
        return self._templar.template(values) if values else {}
