# -*- coding: utf-8 -*-
# Copyright: (c) 2026, pingone.platform maintainers
# GNU General Public License v3.0+ (see LICENSE or https://www.gnu.org/licenses/gpl-3.0.txt)
"""Action plugin of pingone.platform.pingone_token: reuse a token on the controller, without a module process.

With ``reuse``, the module decides that no request is needed only after Ansible has packed,
copied and started it. This plugin takes the same decision first, on the controller, with the
module's own code (``reuse_result`` in module_utils/token_task.py): when the module would return
the token of ``reuse`` again, the task returns that result, and no module process starts. In
every other case the module runs, exactly as without this plugin.

The controller decides only where it sees what the module would see: a local connection
(``connection: local``, ``delegate_to: localhost``), no become, no async, and no PINGONE_*
variable in the task's ``environment``. Then the module's environment variables are the
controller's, and so are its files (``ca_path``, ``private_key_path``).
"""

from __future__ import annotations

import time

from ansible import constants as C
from ansible.errors import AnsibleError
from ansible.plugins.action import ActionBase
from ansible.plugins.action.normal import ActionModule as NormalAction
from ansible.utils.display import Display
from ansible.utils.vars import merge_hash

# Connection plugins whose "remote" commands run on the controller itself, as the controller's user.
LOCAL_CONNECTIONS = frozenset(('local',))
ENVIRONMENT_PREFIX = 'PINGONE_'

display = Display()


def reuse_result(*args, **kwargs):
    """token_task.reuse_result, imported on first use: a task without reuse never loads the option parser."""
    from ansible_collections.pingone.platform.plugins.module_utils.pingone import reuse_result as decide  # pylint: disable=import-outside-toplevel
    return decide(*args, **kwargs)


class ActionModule(NormalAction):
    """ansible-core's own action for a module (``normal``), with the reuse decided first on the controller."""

    def run(self, tmp=None, task_vars=None):
        reused = self._reuse_on_controller(task_vars)
        if reused is None:
            return super(ActionModule, self).run(tmp, task_vars)   # the module runs, as without this plugin
        return merge_hash(ActionBase.run(self, tmp, task_vars), reused)

    def _reuse_on_controller(self, task_vars):
        """The module's result if it would reuse the token of ``reuse``, computed here; None to run the module."""
        args = self._task.args
        if not isinstance(args, dict) or args.get('reuse') is None or not self._module_would_run_here():
            return None
        try:
            return reuse_result(args, time.time(), invocation=self._module_adds_invocation(task_vars))
        except Exception as error:   # pylint: disable=broad-exception-caught
            # A surprise is no clear "reuse": the module runs and reports what it finds. (Only the type is shown:
            # an exception's text could quote a value.)
            display.vvv('pingone_token: the reuse check on the controller raised %s; running the module' % type(error).__name__)
            return None

    @staticmethod
    def _module_adds_invocation(task_vars):
        """Whether a module's result has ``invocation``: always before ansible-core 2.21, as INJECT_INVOCATION says since."""
        if C.config.get_configuration_definition('INJECT_INVOCATION') is None:
            return True
        return bool(C.config.get_config_value('INJECT_INVOCATION', variables=task_vars or {}))

    def _module_would_run_here(self):
        """Whether the module would run on this controller, as this user, with this process's environment variables."""
        if self._task.async_val:
            return False
        if getattr(self._connection, 'transport', None) not in LOCAL_CONNECTIONS:
            return False
        if getattr(self._play_context, 'become', False) or getattr(self._connection, 'become', None) is not None:
            return False
        environment = {}
        try:
            self._compute_environment_string(raw_environment_out=environment)
        except AnsibleError:
            return False   # the module's run reports it
        return not any(str(name).startswith(ENVIRONMENT_PREFIX) for name in environment)
