# -*- coding: utf-8 -*-
# Copyright: (c) 2026, pingone.platform maintainers
# GNU General Public License v3.0+ (see LICENSE or https://www.gnu.org/licenses/gpl-3.0.txt)
"""Names -> objects: the one resolver every module looks a name up with, each list read once per task.

A task names populations, users, groups, applications, roles and the objects of the kind registry by
name; ``Resolver`` finds the one object each name means. A task makes one ``Resolver`` and passes it
on: a list (or one SCIM filter of it) is read once, whatever number of names it answers, and worker
threads share the reads (the first thread to ask reads, the others wait for that read).

Where Ping's description gives a list a filter and the lookup used it (users by ``username eq``, groups
by ``name eq``), the filter stays: a user list is never read whole for one name. A read of the whole
list that the task made already answers such a lookup without another request. The refusals are
``engine.named``'s: no match (naming the option, and the names there are, except for users), two matches,
and a name that differs only in case.

A run that writes (``pingone_environment_config``) tells the resolver what it wrote (``learn``: ``remember``,
``drop``), so a later lookup finds it as it is now without reading again, and has it ``forget`` a list after a
write whose answer was lost, so that list is read again before anything is sent again.
"""

from __future__ import annotations

import re
import threading
from typing import Any, Callable, Dict, List, Mapping, Optional, Tuple

from ansible_collections.pingone.platform.plugins.module_utils.api import PingOneClient
from ansible_collections.pingone.platform.plugins.module_utils.engine import get_path, named, scim_string
from ansible_collections.pingone.platform.plugins.module_utils.errors import PingOneInputError
from ansible_collections.pingone.platform.plugins.module_utils.options import is_uuid

CERTIFICATES = '/environments/%s/certificates'   # the public certificates uploaded to an environment


class _Read:
    """One read of a list, shared by every thread that asks for it while it runs and after."""

    def __init__(self) -> None:
        self.done = threading.Event()
        self.items: List[Any] = []
        self.error: Optional[BaseException] = None


class Resolver:
    """Names -> objects in one environment (``env_id``; None for lists outside one, such as ``/roles``),
    each list and each filter of it read once per task; safe to share between threads."""

    EQUALS = '{field} eq {value}'   # the SCIM filter that finds one name, for a list Ping documents a filter for

    def __init__(self, client: PingOneClient, env_id: Optional[str] = None):
        self.client = client
        self.env_id = env_id
        self._lock = threading.Lock()
        self._reads: Dict[Tuple[str, Optional[str]], _Read] = {}

    # --- reading --------------------------------------------------------------------------------------------
    def read(self, path: str, scim_filter: Optional[str] = None, limit: Optional[int] = None) -> List[Any]:
        """Every item of ``path`` (all pages), or those of ``scim_filter``; read once per task.

        ``limit`` is the page size asked for; it does not change what the list holds, so it is no part of what is cached."""
        key = (path, scim_filter)
        with self._lock:
            entry = self._reads.get(key)
            reader = entry is None
            if reader:
                entry = self._reads[key] = _Read()
        if reader:
            self._fill(key, entry, limit)
        entry.done.wait()
        if entry.error is not None:
            raise entry.error
        return list(entry.items)

    def _fill(self, key: Tuple[str, Optional[str]], entry: _Read, limit: Optional[int]) -> None:
        path, scim_filter = key
        query = {name: value for name, value in (('filter', scim_filter), ('limit', limit)) if value is not None}
        try:
            entry.items = self.client.paginate(path, query=query or None)
        except BaseException as error:   # every waiting thread raises it; the next lookup reads again
            entry.error = error
            with self._lock:
                del self._reads[key]
            raise
        finally:
            entry.done.set()

    def whole_list(self, path: str) -> Optional[List[Any]]:
        """The whole list of ``path`` when this task read it already (None otherwise: nothing is read here)."""
        with self._lock:
            entry = self._reads.get((path, None))
        if entry is None or not entry.done.is_set() or entry.error is not None:
            return None
        return list(entry.items)

    def remember(self, path: str, obj: Dict[str, Any]) -> None:
        """Take ``obj`` (made or changed by this task, or planned in check mode) into what was read of ``path``, so later
        lookups find it as it is now without reading again: it replaces the item of its id, else it is added to the whole
        list and to each read filtered on a field it matches (``Resolver.EQUALS``). A read with another filter (a group's
        members) is left as it is: no object the task makes or changes joins it (a new user is in no group)."""
        with self._lock:
            for (read_path, scim_filter), entry in self._reads.items():
                if read_path != path or not entry.done.is_set() or entry.error is not None:
                    continue
                position = _position(entry.items, obj.get('id'))
                if position is not None:
                    entry.items[position] = obj
                elif scim_filter is None or _matches(obj, scim_filter):
                    entry.items.append(obj)

    def drop(self, path: str, object_id: Any) -> None:
        """Take the object ``object_id`` (deleted by this task) out of everything read of ``path``."""
        with self._lock:
            for (read_path, _filter), entry in self._reads.items():
                position = _position(entry.items, object_id) if read_path == path and entry.done.is_set() else None
                if position is not None:
                    del entry.items[position]

    def learn(self, path: str, action: str, obj: Any) -> None:
        """What a write did to the object ``obj`` of ``path`` (``engine.Outcome``'s action): remembered, or dropped when deleted."""
        if not isinstance(obj, dict) or obj.get('id') is None:
            return
        if action == 'deleted':
            self.drop(path, obj['id'])
        elif action in ('created', 'updated'):
            self.remember(path, obj)

    def known(self, path: str, items: List[Any], scim_filter: Optional[str] = None) -> None:
        """Take ``items`` as the whole list of ``path`` (or as its read with ``scim_filter``) without reading it: a collection
        under an object still to be made, the members of a group just made."""
        entry = _Read()
        entry.items = list(items)
        entry.done.set()
        with self._lock:
            self._reads[(path, scim_filter)] = entry

    def forget(self, path: str) -> None:
        """Drop what was read of ``path``: the next lookup reads it again (after a write whose answer was lost)."""
        with self._lock:
            for key in [key for key in self._reads if key[0] == path]:
                del self._reads[key]

    def forget_read(self, path: str, scim_filter: Optional[str]) -> None:
        """Drop the one read of ``path`` with ``scim_filter`` (a group's members, before they are written)."""
        with self._lock:
            self._reads.pop((path, scim_filter), None)

    def current(self, kind: Any, collection: str, name: str, warn: Callable[[str], None], creating: bool) -> Optional[Dict[str, Any]]:
        """The object of ``kind`` (an ``engine.ResourceKind``) named ``name`` in ``collection``, as ``ResourceKind.find``
        answers: from the whole list when this task read it, else from one read with the kind's filter (the same request)."""
        items = self.whole_list(collection)
        if items is None:
            query = kind.search_query(name) or {}
            items = self.read(collection, query.get('filter'))
        return kind.pick(items, name, warn, creating)

    def items(self, path: str) -> List[Any]:
        """Every item of ``path``, read once per task."""
        return self.read(path)

    # --- names ------------------------------------------------------------------------------------------------
    def named(self, path: str, name: str, what: str, option: str, key: str = 'name', search: Optional[str] = None,
              list_names: bool = True, id_option: Optional[str] = None) -> Dict[str, Any]:
        """The one item of ``path`` whose ``key`` is exactly ``name``, for the task option ``option``.

        ``search``: the SCIM filter that finds the name (``Resolver.EQUALS``), only where Ping's description documents one for
        the list; None reads the whole list. Two items of that name are refused naming ``id_option`` when the task may
        give an ID instead; no item as ``engine.named`` refuses it, naming the names there are (the whole list, read
        once) unless ``list_names`` is False (users: too many to list).
        """
        items = self.whole_list(path)
        if items is None:
            items = self.read(path, search.format(field=key, value=scim_string(name)) if search else None)
        found = [item for item in items if isinstance(item, dict) and get_path(item, key) == name]
        if len(found) == 1:
            return found[0]
        if found and id_option is not None:
            raise PingOneInputError('%s %r names %d %ss (ids %s), so the task cannot tell which one it means: give %s instead.'
                                    % (option, name, len(found), what, ', '.join(str(item.get('id')) for item in found), id_option),
                                    option=option)
        everything: Optional[Callable[[], List[Any]]] = (lambda: self.read(path)) if search and list_names else None
        return named(items, name, what, option, key, list_names, everything)

    def ids(self, path: str, values: List[str], what: str, option: str) -> List[str]:
        """``values`` as ids: a UUID as it is, a name looked up in the whole list of ``path`` (read once, and only when a
        name is given); an unknown name is refused naming ``option``."""
        return [value.lower() if is_uuid(value) else self.named(path, value, what, option)['id'] for value in values]

    def roles(self) -> List[Dict[str, Any]]:
        """Every role ``GET /roles`` lists (PingOne's built-in roles, the same in every environment), read once."""
        return [role for role in self.read('/roles') if isinstance(role, dict)]

    # --- the kind registry ------------------------------------------------------------------------------------
    def collection(self, kind: Any, parent_id: Optional[str]) -> str:
        """Where the objects of ``kind`` (a ``registry.Kind``) live in this environment, under ``parent_id``."""
        return kind.collection_for(self.env_id, parent_id)

    def find(self, kind: Any, parent_id: Optional[str], name: str, option: str) -> Dict[str, Any]:
        """The one object of ``kind`` (a ``registry.Kind``) named ``name`` (by its one-field key), from the whole list;
        PingOneInputError naming ``option`` otherwise."""
        key = kind.key[0] if len(kind.key) == 1 else 'name'
        return self.named(self.collection(kind, parent_id), name, kind.name.replace('_', ' '), option, key)


def _position(items: List[Any], object_id: Any) -> Optional[int]:
    """Where the item of ``object_id`` is in ``items`` (ids compared ignoring case), or None."""
    if object_id is None:
        return None
    wanted = str(object_id).lower()
    return next((index for index, item in enumerate(items) if isinstance(item, dict) and str(item.get('id')).lower() == wanted), None)


_EQUALS = re.compile(r'^(\S+) eq "((?:[^"\\]|\\.)*)"$')


def _matches(obj: Mapping[str, Any], scim_filter: str) -> bool:
    """Whether ``obj`` is in a read with ``scim_filter`` when that filter is ``Resolver.EQUALS`` (SCIM's eq ignores case);
    False for any other filter."""
    equals = _EQUALS.match(scim_filter)
    if not equals:
        return False
    value = re.sub(r'\\(.)', r'\1', equals.group(2))
    found = get_path(obj, equals.group(1))
    return isinstance(found, str) and found.casefold() == value.casefold()
