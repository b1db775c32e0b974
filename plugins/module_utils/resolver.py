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
"""

from __future__ import annotations

import threading
from typing import Any, Callable, Dict, List, Optional, Tuple

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
        """Add ``obj`` (made by this task, or planned in check mode) to the whole list of ``path`` when it was read, so
        later lookups find it without reading again."""
        with self._lock:
            entry = self._reads.get((path, None))
            if entry is not None and entry.done.is_set() and entry.error is None:
                entry.items.append(obj)

    def known(self, path: str, items: List[Any]) -> None:
        """Take ``items`` as the whole list of ``path`` without reading it (a collection under an object still to be made)."""
        entry = _Read()
        entry.items = list(items)
        entry.done.set()
        with self._lock:
            self._reads[(path, None)] = entry

    def forget(self, path: str) -> None:
        """Drop what was read of ``path``: the next lookup reads it again (after a write whose answer was lost)."""
        with self._lock:
            for key in [key for key in self._reads if key[0] == path]:
                del self._reads[key]

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
