# -*- coding: utf-8 -*-
# Copyright: (c) 2026, pingone.platform maintainers
# GNU General Public License v3.0+ (see LICENSE or https://www.gnu.org/licenses/gpl-3.0.txt)
"""Children of one object, reconciled to exactly the listed ones by name, on the registry's kinds.

A module that manages an object with children (a resource's scopes and attributes, an identity
provider's attribute mappings) gives the children as definitions in PingOne's field names; this
module checks them against Ping's description before any request (``check_children``), then makes the
parent's children of that kind exactly these (``reconcile_children``): it creates the missing ones,
updates the ones that differ with a full ``PUT`` of their writable fields, and deletes the others,
except the ones PingOne made itself (the registry's built-ins), which are adopted and never deleted.
"""

from __future__ import annotations

import copy
from typing import Any, Dict, List, Mapping, Optional, Tuple

from ansible_collections.pingone.platform.plugins.module_utils import registry
from ansible_collections.pingone.platform.plugins.module_utils.api import PingOneClient
from ansible_collections.pingone.platform.plugins.module_utils.engine import get_path, set_path
from ansible_collections.pingone.platform.plugins.module_utils.errors import NOTHING_SENT, PingOneInputError
from ansible_collections.pingone.platform.plugins.module_utils.objects import differs, merge, project


def check_children(kind_name: str, wanted: List[Mapping[str, Any]], option: str, key: str = 'name') -> None:
    """Refuse (naming ``option``) a child without its key, two children with one key, or a field Ping's description refuses."""
    seen = set()
    for index, item in enumerate(wanted):
        name = get_path(item, key)
        if not name:
            raise PingOneInputError('%s[%d] has no %s: every item is named by it.' % (option, index, key), option=option)
        if name in seen:
            raise PingOneInputError('%s lists %r twice: give each once.' % (option, name), option=option)
        seen.add(name)
        problems = registry.validate(kind_name, item, True, prefix='%s[%d]' % (option, index))
        if problems:
            raise PingOneInputError(str(problems[0]), option=option, outcome=NOTHING_SENT)


def reconcile_children(client: PingOneClient, env_id: str, kind_name: str, parent_id: Optional[str], wanted: List[Mapping[str, Any]],
                       check_mode: bool, key: str = 'name', exact: bool = True, fresh: bool = False,
                       current: Optional[List[Dict[str, Any]]] = None, create_defaults: Optional[Mapping[str, Any]] = None,
                       ) -> Tuple[bool, List[Dict[str, Any]], List[Dict[str, Any]], List[Dict[str, Any]]]:
    """Make the children of kind ``kind_name`` under ``parent_id`` hold ``wanted`` (exactly these, with ``exact``).

    ``key`` may be a dotted path (a grant is named by ``resource.id``). ``parent_id`` None: the parent is to be
    created (check mode); nothing is read, nor with ``fresh`` (a parent just created, with no children of the kind
    yet, or only the ones PingOne makes itself), nor when the caller read them already (``current``).
    ``create_defaults``: fields a create body needs that the definition may leave out (never compared, never sent
    in an update). Returns (changed, before, after, children): before and after are the children projected on the
    fields given (for a diff, sorted by key), children the children as PingOne answered them after the task
    (built-ins kept).
    """
    kind = registry.get_kind(kind_name)
    path = kind.collection_for(env_id, parent_id) if parent_id else None
    if current is None:
        current = [item for item in client.paginate(path) if isinstance(item, dict)] if path and not fresh else []
    by_key = {get_path(item, key): item for item in current}
    wanted_keys = {get_path(item, key) for item in wanted}
    changed = False
    before: List[Dict[str, Any]] = []
    after: List[Dict[str, Any]] = []
    result: List[Dict[str, Any]] = []
    for item in wanted:
        have = by_key.get(get_path(item, key))
        definition = dict(item)
        if have is None:
            changed = True
            after.append(copy.deepcopy(definition))
            if not check_mode:
                body = dict(create_defaults or {}, **definition)
                result.append(client.request('POST', path, body=body).json or body)
            continue
        shape = project(have, definition)
        before.append(shape)
        if any(differs(value, have.get(field), field, kind.set_fields) for field, value in definition.items()):
            changed = True
            after.append(copy.deepcopy(definition))
            if not check_mode:
                body = registry.writable_body(kind.name, merge(have, definition))
                result.append(client.request('PUT', '%s/%s' % (path, have['id']), body=body).json or merge(have, definition))
                continue
        else:
            after.append(shape)
        result.append(have)
    for have in current:
        if get_path(have, key) in wanted_keys:
            continue
        if not exact or kind.is_built_in(have):
            result.append(have)   # PingOne's own (a core mapping): adopted, never deleted
            continue
        changed = True
        gone: Dict[str, Any] = {}
        set_path(gone, key, get_path(have, key))
        before.append(gone)
        if not check_mode:
            client.request('DELETE', '%s/%s' % (path, have['id']))
    return changed, sorted(before, key=lambda item: str(get_path(item, key))), sorted(after, key=lambda item: str(get_path(item, key))), result
