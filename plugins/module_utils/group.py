# -*- coding: utf-8 -*-
# Copyright: (c) 2026, pingone.platform maintainers
# GNU General Public License v3.0+ (see LICENSE or https://www.gnu.org/licenses/gpl-3.0.txt)
"""One group as pingone_group manages it, with its members: its options, the check before any request, and the writes.

Shared by the module and by config_legacy_apply, which applies a description's groups and memberships in one process.
"""

from __future__ import annotations

from typing import Any, Dict

from ansible_collections.pingone.platform.plugins.module_utils.bulk import DEFAULT_CONCURRENCY, READ_ALL_FROM, refuse_duplicates
from ansible_collections.pingone.platform.plugins.module_utils.bulk import each as each_parallel
from ansible_collections.pingone.platform.plugins.module_utils.engine import ensure, object_id
from ansible_collections.pingone.platform.plugins.module_utils.errors import PingOneError, PingOneInputError
from ansible_collections.pingone.platform.plugins.module_utils.info import members_filter
from ansible_collections.pingone.platform.plugins.module_utils.kinds import GroupKind, PopulationKind, UserKind
from ansible_collections.pingone.platform.plugins.module_utils.options import require_uuid
from ansible_collections.pingone.platform.plugins.module_utils.resolver import Resolver

# pingone_group's own options (the connection's come from bulk_argument_spec).
GROUP_OPTIONS: Dict[str, Dict[str, Any]] = dict(
    target_environment_id=dict(type='str', required=True),
    name=dict(type='str', required=True),
    state=dict(type='str', choices=['present', 'absent'], default='present'),
    description=dict(type='str'),
    population=dict(type='str'),
    population_id=dict(type='str'),
    members=dict(type='list', elements='str'),
    purge_members=dict(type='bool', default=False),
    concurrency=dict(type='int', default=DEFAULT_CONCURRENCY),
)


def check_group(params):
    """Refuse what can be told wrong before any request."""
    if not (params['name'] or '').strip():
        raise PingOneInputError('name is empty: give the name of the group.', option='name')
    if params['population'] is not None and not params['population'].strip():
        raise PingOneInputError('population is empty: give the name of a population of the environment, or leave it unset.',
                                option='population')
    if params['population_id'] is not None:
        params['population_id'] = require_uuid(params['population_id'], 'population_id', 'the ID of a population of the environment')
    members = params['members']
    if members is None:
        return
    if params['state'] == 'absent':
        raise PingOneInputError('members is set with state absent: a deleted group has no members; remove members.', option='members')
    empty = [index for index, username in enumerate(members) if not (username or '').strip()]
    if empty:
        raise PingOneInputError('members has an empty username (item %s): list the usernames of the members, without empty items.'
                                % ', '.join(str(index + 1) for index in empty), option='members')
    refuse_duplicates(members, 'members', 'username', 'member')


def population_id(resolver, params):
    """The ID of the population the task names (by name or ID); None when it names none, or, for a delete,
    when the population it names does not exist (nor, then, a group in it)."""
    if params['population'] is None:
        return params['population_id']
    try:
        return resolver.named(PopulationKind().collection(resolver.env_id), params['population'], 'population',
                              'population')['id'].lower()
    except PingOneInputError:
        if params['state'] == 'absent':
            return Ellipsis
        raise


def member(resolver, users, username):
    """The user ``username`` names: from ``users`` (the whole list, for a long members list), else looked up through
    the filter ``username eq`` that Ping documents for the users list; None when there is none."""
    if users is not None:
        return users.get(username)
    try:
        return resolver.named(UserKind().collection(resolver.env_id), username, 'user', 'members', key='username',
                              search=resolver.EQUALS, list_names=False)
    except PingOneInputError:
        return None


def wanted_members(resolver, members):
    """User id -> username for each username of members; every unknown username refused at once, before any write.

    A long list is matched against one paged read of the environment's users; a short one is looked up name by name.
    """
    names = list(members)   # each once (check_group refused a name given twice), in the task's order
    found, unknown = {}, []
    users = None
    if len(names) >= READ_ALL_FROM:
        users = {user.get('username'): user for user in resolver.read(UserKind().collection(resolver.env_id), limit=1000)
                 if isinstance(user, dict)}
    for username in names:
        user = member(resolver, users, username)
        if user is None:
            unknown.append(username)
            continue
        found[object_id(user, 'user')] = user['username']
    if unknown:
        shown = ', '.join(repr(name) for name in unknown[:20]) + (' and %d more' % (len(unknown) - 20) if len(unknown) > 20 else '')
        one = len(unknown) == 1
        raise PingOneInputError('members names %s that %s not exist in the environment: %s. Check the spelling, or create %s first '
                                '(pingone.platform.pingone_user); nothing was changed.'
                                % ('a user' if one else 'users', 'does' if one else 'do', shown, 'it' if one else 'them'),
                                option='members')
    return found


def current_members(resolver, group):
    """User id -> username of the group's members, as PingOne lists them (the users list filtered on the group, read once
    per task or run); {} for no group."""
    if not group:
        return {}
    users = resolver.read(UserKind().collection(resolver.env_id), members_filter(object_id(group, 'group')))
    return {object_id(user, 'user'): user.get('username') for user in users if isinstance(user, dict)}


def write_memberships(client, env_id, group_id, add, remove, concurrency, wanted, before):
    """The additions and removals, ``concurrency`` at a time; each one PingOne refuses is reported after all others were sent."""
    users = '/environments/%s/users/%%s/memberOfGroups' % env_id
    # Paced by the transport, a bulk one since connect(module, workers=...): one window per 429, spaced sends.
    errors = each_parallel(lambda uid: client.request('POST', users % uid, body={'id': group_id}), add, concurrency)
    errors += each_parallel(lambda uid: client.request('DELETE', '%s/%s' % (users % uid, group_id)), remove, concurrency)
    names = [wanted.get(uid) or before.get(uid) for uid in add + remove]
    failed = [(name, error) for name, error in zip(names, errors) if error is not None]
    if failed:
        raise PingOneError('%d of %d membership changes failed; the others were made. First: user %r: %s'
                           % (len(failed), len(errors), failed[0][0], failed[0][1]))


def usernames(members):
    return sorted(str(username) for username in members.values())


def ensure_group(client, env_id, params, check_mode, warn, resolver=None):
    """The group as the task wants it, then its members: (changed, group, member usernames, diff).

    ``resolver`` (of ``env_id``): a run's, which has the lists read already and learns what is written; by default the
    task's own."""
    present = params['state'] == 'present'
    resolver = resolver or Resolver(client, env_id)
    params['population_id'] = population_id(resolver, params)
    if params['population_id'] is Ellipsis:   # a group of a population that does not exist: nothing to delete
        return False, {}, [], {'before': {}, 'after': {}}
    wanted = wanted_members(resolver, params['members']) if params['members'] is not None else None
    kind = GroupKind(params['population_id'])
    collection = GroupKind().collection(env_id)
    current = resolver.current(kind, collection, params['name'], warn, creating=present)
    before = current_members(resolver, current)
    outcome = ensure(client, kind, collection, params, check_mode, warn, current=current, resolver=resolver)
    if outcome.action == 'created' and not check_mode:   # a group just made has no members: nothing to read
        resolver.known(UserKind().collection(env_id), [], members_filter(object_id(outcome.object, 'group')))
    after, add, remove = (dict(before) if present else {}), [], []
    if present and wanted is not None:
        add = [uid for uid in wanted if uid not in before]
        remove = [uid for uid in before if uid not in wanted] if params['purge_members'] else []
        after = dict(wanted) if params['purge_members'] else dict(before, **wanted)
    if (add or remove) and not check_mode:
        # What was read of its members is no longer so, whether the writes succeed or not.
        resolver.forget_read(UserKind().collection(env_id), members_filter(object_id(outcome.object, 'group')))
        write_memberships(client, env_id, object_id(outcome.object, 'group'), add, remove, params['concurrency'], wanted or {}, before)
    changes = outcome.diff
    if changes['before']:
        changes['before']['members'] = usernames(before)
    if changes['after']:
        changes['after']['members'] = usernames(after)
    return outcome.changed or bool(add or remove), outcome.object, usernames(after), changes
