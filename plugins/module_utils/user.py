# -*- coding: utf-8 -*-
# Copyright: (c) 2026, pingone.platform maintainers
# GNU General Public License v3.0+ (see LICENSE or https://www.gnu.org/licenses/gpl-3.0.txt)
"""Users as pingone_user manages them, one or many (``users``): the options, the check before any request, and the writes.

Shared by the module and by config_legacy_apply, which applies a description's users in one process.
"""

from __future__ import annotations

from typing import Any, Callable, Dict, List, Mapping, Optional

from ansible_collections.pingone.platform.plugins.module_utils.api import PingOneClient
from ansible_collections.pingone.platform.plugins.module_utils.bulk import DEFAULT_CONCURRENCY, BulkResult
from ansible_collections.pingone.platform.plugins.module_utils.bulk import run as run_bulk
from ansible_collections.pingone.platform.plugins.module_utils.engine import Outcome, ensure
from ansible_collections.pingone.platform.plugins.module_utils.errors import PingOneInputError
from ansible_collections.pingone.platform.plugins.module_utils.kinds import PopulationKind, UserKind, check_user_attributes
from ansible_collections.pingone.platform.plugins.module_utils.options import require_uuid
from ansible_collections.pingone.platform.plugins.module_utils.resolver import Resolver

# The options of one user (the connection's come from bulk_argument_spec).
USER_OPTIONS = dict(
    username=dict(type='str'),
    state=dict(type='str', choices=['present', 'absent']),
    email=dict(type='str'),
    given_name=dict(type='str'),
    family_name=dict(type='str'),
    population=dict(type='str'),
    population_id=dict(type='str'),
    enabled=dict(type='bool'),
    password=dict(type='str', no_log=True),
    attributes=dict(type='dict'),
)
SINGLE_USER_OPTIONS = [name for name in USER_OPTIONS if name not in ('username', 'state')]
# The options of one user at the task level (state defaults to present there) and inside users (username required).
USER_TASK_OPTIONS = {name: dict(spec, default='present') if name == 'state' else spec for name, spec in USER_OPTIONS.items()}
USER_ITEM_OPTIONS = {name: dict(spec, required=True) if name == 'username' else spec for name, spec in USER_OPTIONS.items()}
# pingone_user's own options: one user's at the task level, or a list of them (users).
USER_MODULE_OPTIONS: Dict[str, Dict[str, Any]] = dict(
    target_environment_id=dict(type='str', required=True),
    update_password=dict(type='str', choices=['always', 'on_create'], default='on_create', no_log=False),
    force_password_change=dict(type='bool', default=False, no_log=False),
    users=dict(type='list', elements='dict', options=USER_ITEM_OPTIONS),
    concurrency=dict(type='int', default=DEFAULT_CONCURRENCY),
    **USER_TASK_OPTIONS
)


def check_user(params):
    """Refuse what can be told wrong before any request."""
    if not (params['username'] or '').strip():
        raise PingOneInputError('username is empty: give the username of the user.', option='username')
    if params['state'] == 'absent' and params.get('password') is not None:
        raise PingOneInputError('password is set with state absent: a deleted user has no password; remove password.', option='password')
    if params.get('population') is not None and params.get('population_id') is not None:
        raise PingOneInputError('population and population_id are both set: give one of them.', option='population')
    if params.get('population_id') is not None:
        params['population_id'] = require_uuid(params['population_id'], 'population_id', 'the ID of a population of the environment')
    check_user_attributes(params.get('attributes'))


def population_id(resolver, params):
    """The ID of the population the user is to be in: population_id, or the population named population (the
    populations read once per task, whatever number of users name one)."""
    if params.get('population') is None:
        return params.get('population_id')
    return resolver.named(PopulationKind().collection(resolver.env_id), params['population'], 'population', 'population')['id'].lower()


def ensure_user(client: PingOneClient, env_id: str, params: Dict[str, Any], check_mode: bool, warn: Callable[[str], None]) -> Outcome:
    """One user as the task wants it (``state``)."""
    check_user(params)
    if params['state'] == 'present':
        params['population_id'] = population_id(Resolver(client, env_id), params)
    return ensure(client, UserKind(), UserKind().collection(env_id), params, check_mode, warn)


def ensure_users(client: PingOneClient, env_id: str, users: List[Mapping[str, Any]], task: Mapping[str, Any], check_mode: bool,
                 concurrency: int, warn: Callable[[str], None], resolver: Optional[Resolver] = None) -> BulkResult:
    """Every item of ``users`` (each with every key of USER_ITEM_OPTIONS), ``concurrency`` at a time; ``task`` holds the
    options that apply to all of them (``state``, the default of an item's, ``update_password``, ``force_password_change``).
    A user that fails is in the result, the others go on. ``resolver`` (of ``env_id``): a run's, which has the users and
    populations read already and learns the users written; by default the task's own."""
    resolver = resolver or Resolver(client, env_id)   # the populations named are read once, whatever number of users name one

    def prepare(item):
        user = dict(item, state=item.get('state') or task['state'], update_password=task['update_password'],
                    force_password_change=task['force_password_change'])
        check_user(user)
        if user['state'] == 'present':
            user['population_id'] = population_id(resolver, user)
        return user

    return run_bulk(client, UserKind(), UserKind().collection(env_id), list(users), check_mode, concurrency, warn, prepare, resolver)
