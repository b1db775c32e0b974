# -*- coding: utf-8 -*-
# Copyright: (c) 2026, pingone.platform maintainers
# GNU General Public License v3.0+ (see LICENSE or https://www.gnu.org/licenses/gpl-3.0.txt)
"""The pingone_token task, shared by the module and by its action plugin on the controller.

The module and the action plugin must agree on when a token is reused and on what the task
then returns, so both take these from here: ``token_argument_spec`` (the module's options),
``reuse_decision`` (the token of ``reuse`` if it serves this task, else None) and
``token_task_result`` (what the task returns). ``reuse_result`` is the action plugin's whole
decision: it validates the task's arguments as the module would, and returns the module's
result when the module would reuse the token, or None when the module has to run (to request
a token, to fail on bad input, or to warn).
"""

from __future__ import annotations

import copy
from typing import Any, Dict, Mapping, Optional

from ansible.module_utils.common.arg_spec import ArgumentSpecValidator
from ansible.module_utils.common.parameters import remove_values

from ansible_collections.pingone.platform.plugins.module_utils.errors import PingOneError, PingOneInputError
from ansible_collections.pingone.platform.plugins.module_utils.options import (
    ConnectionSettings,
    connection_argument_spec,
    connection_settings,
    forget_variable_sources,
)
from ansible_collections.pingone.platform.plugins.module_utils.token import Token
from ansible_collections.pingone.platform.plugins.module_utils.token_cache import DEFAULT_MIN_TTL, MAX_MIN_TTL, reusable_token

# pingone_token's own options, next to the shared connection options.
TOKEN_OPTIONS = {
    # Not no_log: Ansible would then mask the returned token wherever it equals a value in here.
    'reuse': {'type': 'dict', 'no_log': False},
    'min_ttl': {'type': 'int', 'default': DEFAULT_MIN_TTL},
    # For module_defaults of the group (see the module's documentation); never used, and not no_log so that
    # Ansible does not mask the returned token when it equals this one.
    'access_token': {'type': 'str', 'no_log': False},
}


def token_argument_spec() -> Dict[str, Dict[str, Any]]:
    """The argument spec of pingone_token: the connection options plus ``reuse``, ``min_ttl`` and ``access_token``."""
    return connection_argument_spec(**copy.deepcopy(TOKEN_OPTIONS))


def reuse_decision(params: Mapping[str, Any], settings: ConnectionSettings, now: float) -> Optional[Token]:
    """The token of ``params['reuse']`` if this task may return it again (see ``reusable_token``), else None.

    Raises PingOneInputError for a ``min_ttl`` out of range, whether or not ``reuse`` is set.
    """
    min_ttl = params.get('min_ttl')
    min_ttl = DEFAULT_MIN_TTL if min_ttl is None else min_ttl
    if not 0 <= min_ttl <= MAX_MIN_TTL:
        raise PingOneInputError('min_ttl must be from 0 to %d seconds.' % MAX_MIN_TTL, option='min_ttl')
    return reusable_token(params.get('reuse'), settings.endpoints, settings.credentials, min_ttl, now)


def token_task_result(token: Token, settings: ConnectionSettings, reused: bool) -> Dict[str, Any]:
    """What a successful pingone_token task returns: the token's keys at the top level and as the fact ``pingone_token``."""
    result = token.as_result(settings.endpoints, settings.credentials)
    return dict(changed=False, reused=reused, ansible_facts={'pingone_token': dict(result)}, **result)


def reuse_result(args: Mapping[str, Any], now: float, invocation: bool = True) -> Optional[Dict[str, Any]]:
    """The result of pingone_token for the task arguments ``args`` when it would reuse the token of ``reuse``; else None.

    For the action plugin, which calls it on the controller where the module would run (a local
    connection, same user, same environment variables): the arguments are validated with the
    module's own argument spec (defaults, PINGONE_* fallbacks, types) and settings, and the result
    is built as ``AnsibleModule.exit_json`` builds it: values of ``no_log`` options masked, and with
    ``invocation`` the module's arguments (which ansible-core 2.21 adds only if INJECT_INVOCATION is on).
    None whenever that is not a clear "reuse": no ``reuse``, a token that does not fit or expires too
    soon, any bad input (the module then fails with its own message) and any warning (the module then
    gives it).
    """
    if not isinstance(args, Mapping) or args.get('reuse') is None:
        return None
    warnings = []
    validation = ArgumentSpecValidator(token_argument_spec()).validate(dict(args))
    try:
        if validation.error_messages or validation._warnings or validation._deprecations:   # pylint: disable=protected-access
            return None
        params = validation.validated_parameters
        try:
            settings = connection_settings(params, warn=warnings.append)
            token = reuse_decision(params, settings, now)
        except PingOneError:
            return None
    finally:
        forget_variable_sources()   # connection_settings does it too, but it may not have run
    if token is None or warnings:
        return None
    result = token_task_result(token, settings, True)
    if invocation:
        result['invocation'] = {'module_args': params}
    return _plain(_masked(result, validation._no_log_values))   # pylint: disable=protected-access


def _masked(result: Dict[str, Any], no_log_values) -> Dict[str, Any]:
    """``result`` with every value of a no_log option masked, as AnsibleModule masks a module's result (booleans and None kept)."""
    kept = {key: value for key, value in result.items() if value is None or isinstance(value, bool)}
    masked = remove_values(result, no_log_values)
    masked.update(kept)
    return masked


def _plain(value: Any) -> Any:
    """``value`` as plain dicts, lists, str, int, float, bool and None: what a module's result is after its JSON round trip."""
    if isinstance(value, Mapping):
        return {str(key): _plain(item) for key, item in value.items()}
    if isinstance(value, (list, tuple)):
        return [_plain(item) for item in value]
    if value is None or isinstance(value, bool):
        return value
    if isinstance(value, int):
        return int(value)
    if isinstance(value, float):
        return float(value)
    return str(value)   # text (Ansible's tagged or unsafe kinds included) and anything JSON would refuse
