# -*- coding: utf-8 -*-
# Copyright: (c) 2026, pingone.platform maintainers
# GNU General Public License v3.0+ (see LICENSE or https://www.gnu.org/licenses/gpl-3.0.txt)
"""Reading helpers: the SCIM filters of the info modules, the roles (``GET /roles``), the one object
an option names (a role assignment's user, application or group), and the environments an info task asks for.

They only read, and raise PingOneError (PingOneInputError naming the option for what the task got wrong).
"""

from __future__ import annotations

from typing import Any, Dict, Iterable, List, Mapping, Optional

from ansible_collections.pingone.platform.plugins.module_utils.api import PingOneClient
from ansible_collections.pingone.platform.plugins.module_utils.engine import case_clash, get_path, scim_string
from ansible_collections.pingone.platform.plugins.module_utils.errors import PingOneInputError
from ansible_collections.pingone.platform.plugins.module_utils.kinds import EnvironmentKind
from ansible_collections.pingone.platform.plugins.module_utils.resolver import Resolver

ROLE_SUMMARY_KEYS = ('id', 'name', 'applicableTo', 'description')


def scim_and(*clauses: Optional[str], user_filter: Optional[str] = None) -> Optional[str]:
    """The set ``clauses`` and the task's own ``user_filter`` joined with `` and ``; None when none is set.

    ``user_filter`` goes in parentheses when it is joined to a clause (it may hold an ``or``), and as it is alone.
    """
    parts = [clause for clause in clauses if clause]
    if user_filter is not None and user_filter.strip():
        parts.append('(%s)' % user_filter.strip() if parts else user_filter.strip())
    return ' and '.join(parts) or None


def filter_query(scim: Optional[str]) -> Optional[Dict[str, str]]:
    return {'filter': scim} if scim else None


def named_exactly(items: Iterable[Any], name: Optional[str], key: str = 'name') -> List[Dict[str, Any]]:
    """The items whose ``key`` is exactly ``name`` (all of them when ``name`` is None)."""
    return [item for item in items if isinstance(item, dict) and (name is None or get_path(item, key) == name)]


# --- roles ---------------------------------------------------------------------------------------------
def list_roles(client: PingOneClient) -> List[Dict[str, Any]]:
    """Every role ``GET /roles`` lists (PingOne's built-in roles; the same in every environment)."""
    return [role for role in client.paginate('/roles') if isinstance(role, dict)]


def members_filter(group_id: str) -> str:
    """The SCIM filter of the users list that lists a group's members, as Ping documents it (``include=memberOfGroupIDs``
    is documented on the one-user read only; a users list may ignore it)."""
    return 'memberOfGroups[id eq %s]' % scim_string(group_id)


def list_custom_roles(client: PingOneClient, env_id: str) -> List[Dict[str, Any]]:
    """The custom admin roles of environment ``env_id``: ``GET /environments/{id}/roles?filter=type eq "CUSTOM"``.

    That list holds PingOne's built-in roles too (``type`` PLATFORM); only those of ``type`` CUSTOM are returned,
    whether or not the filter was applied."""
    roles = client.paginate('/environments/%s/roles' % env_id, query={'filter': 'type eq "CUSTOM"'})
    return [role for role in roles if isinstance(role, dict) and role.get('type') == 'CUSTOM']


def role_summary(role: Mapping[str, Any]) -> Dict[str, Any]:
    """A role's id, name, applicableTo (scope types) and description; its long permission list left out."""
    return {key: role.get(key) for key in ROLE_SUMMARY_KEYS}


def _role_names(roles: Iterable[Mapping[str, Any]]) -> str:
    return ', '.join(repr(name) for name in sorted({str(role.get('name')) for role in roles})) or '(there are none)'


def role_for(roles: List[Dict[str, Any]], name: Optional[str] = None, role_id: Optional[str] = None) -> Dict[str, Any]:
    """The role named exactly ``name``, or the one with the ID ``role_id``, from ``roles`` (``list_roles``)."""
    if role_id is not None:
        found = [role for role in roles if str(role.get('id') or '').lower() == role_id.lower()]
        if not found:
            raise PingOneInputError('role_id %s is not the ID of a role GET /roles lists: give the ID of one of the roles %s, or '
                                    'give its name as role.' % (role_id, _role_names(roles)), option='role_id')
        return found[0]
    found = named_exactly(roles, name)
    if len(found) == 1:
        return found[0]
    if found:
        raise PingOneInputError('GET /roles lists %d roles named %r (ids %s): give role_id instead.'
                                % (len(found), name, ', '.join(str(role.get('id')) for role in found)), option='role')
    other = case_clash(roles, name)
    hint = ' (%r differs only in case)' % other if other else ''
    raise PingOneInputError('role %r is not the name of a PingOne role%s: use one of %s, exactly as GET /roles lists them '
                            '(pingone.platform.pingone_role_info lists them too).' % (name, hint, _role_names(roles)), option='role')


def check_role_scope(role: Mapping[str, Any], scope_type: str) -> None:
    """Refuse a scope type the role does not apply to (its ``applicableTo``), before anything is written."""
    applicable = role.get('applicableTo')
    if isinstance(applicable, list) and applicable and scope_type not in applicable:
        raise PingOneInputError('Role %r applies to the scope types %s only, not %s: set scope_type to one of them.'
                                % (role.get('name'), ', '.join(str(item) for item in applicable), scope_type), option='scope_type')


# --- the one object an option names ----------------------------------------------------------------
def one_named(client: PingOneClient, collection: str, name: str, kind: str, option: str, id_option: str, key: str = 'name',
              search: Optional[str] = '{field} eq {value}', list_names: bool = True) -> Dict[str, Any]:
    """The one object of ``collection`` whose ``key`` is exactly ``name``, for the task option ``option``.

    Two of that name (PingOne allows it for groups in different populations, and for applications) are
    refused naming ``id_option``; none as ``engine.named`` refuses it: naming the names there are
    (read again without the filter), or, with ``list_names=False`` (users), without them.
    One lookup alone: a task that looks up more than one name uses one ``Resolver`` (``Resolver.named``).
    """
    return Resolver(client).named(collection, name, kind, option, key, search, list_names, id_option)


# --- environments ----------------------------------------------------------------------------------------
def find_environments(client: PingOneClient, name: Optional[str] = None, env_id: Optional[str] = None,
                      user_filter: Optional[str] = None) -> List[Dict[str, Any]]:
    """The environments the task asks for: the one with ``env_id`` (none when PingOne answers 404), or
    those named exactly ``name`` (PingOne filters with ``name sw``, as ``EnvironmentKind`` finds them) and
    matching ``user_filter``; every environment when nothing is set."""
    if env_id is not None:
        response = client.request('GET', '/environments/%s' % env_id, expected=(200, 404))
        return [response.json] if response.status == 200 and isinstance(response.json, dict) else []
    clause = EnvironmentKind().search_query(name)['filter'] if name is not None else None
    return named_exactly(client.paginate('/environments', query=filter_query(scim_and(clause, user_filter=user_filter))), name)
