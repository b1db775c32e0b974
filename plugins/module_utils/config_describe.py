# -*- coding: utf-8 -*-
# Copyright: (c) 2026, pingone.platform maintainers
# GNU General Public License v3.0+ (see LICENSE or https://www.gnu.org/licenses/gpl-3.0.txt)
"""An environment described as configuration: every object of the registry kinds asked for, as ``config_engine`` applies it.

Each kind is read once per parent (all pages), parents before children. An object becomes an item ``{name, parent,
definition, built_in}``: ``definition`` holds what a create body of Ping's description may carry (no ``readOnly``
field, no secret), references name their object (``{name: ...}``, never an id), and PingOne's own objects are marked
``built_in`` (the apply updates them, never creates or deletes them). The write-only fields an object needs come back
in ``secrets_required``, so a user knows which values (vault variables) the apply needs.
"""

from __future__ import annotations

from concurrent.futures import ThreadPoolExecutor
from typing import Any, Dict, List, Mapping, Optional, Tuple

from ansible_collections.pingone.platform.plugins.module_utils import kind_schema, registry
from ansible_collections.pingone.platform.plugins.module_utils.api import PingOneClient
from ansible_collections.pingone.platform.plugins.module_utils.config_engine import GENERIC, key_label
from ansible_collections.pingone.platform.plugins.module_utils.engine import get_path
from ansible_collections.pingone.platform.plugins.module_utils.objects import _split, _values_at, lists_at, named_references, without
from ansible_collections.pingone.platform.plugins.module_utils.options import is_uuid
from ansible_collections.pingone.platform.plugins.module_utils.resolver import Resolver

# (parent kind, field, values): parents whose children are all PingOne's (the PingOne API resource's platform scopes).
PINGONES_CHILDREN = (('resource', 'type', ('PINGONE_API',)),)

Found = Tuple[Optional[Dict[str, Any]], Dict[str, Any]]   # (the parent object, or None; the object)


def id_left(value: Any, path: str = '') -> Optional[str]:
    """The path of an id a definition still holds once its references are names (one the registry does not declare as a
    reference): None when there is none."""
    if isinstance(value, dict):
        return next((found for key, item in value.items() for found in [id_left(item, '%s.%s' % (path, key) if path else key)] if found), None)
    if isinstance(value, list):
        return next((found for item in value for found in [id_left(item, path + '[]')] if found), None)
    return path if isinstance(value, str) and is_uuid(value) else None


def id_slots(definition: Dict[str, Any], path: str) -> List[Tuple[Any, Any]]:
    """(holder, key) of each id at the reference ``path``: ``{id}`` objects' ``id``, or the items of a list of plain ids."""
    if registry.plain_ids(path):
        return [(values, index) for values in lists_at(definition, path) for index in range(len(values))]
    return [(holder, key) for holder, key in _values_at(definition, _split(path)) if isinstance(holder, dict) and holder.get(key) is not None]


class Reader:
    """The objects of each kind in one environment, read once per kind and parent."""

    def __init__(self, client: PingOneClient, env_id: str, resolver: Optional[Resolver] = None, concurrency: int = 8):
        self.client, self.env_id = client, env_id
        self.resolver = resolver or Resolver(client, env_id)
        self.concurrency = concurrency
        self._objects: Dict[str, List[Found]] = {}

    def objects(self, kind: registry.Kind) -> List[Found]:
        if kind.name not in self._objects:
            self._objects[kind.name] = self._read(kind)
        return self._objects[kind.name]

    def _read(self, kind: registry.Kind) -> List[Found]:
        if kind.singleton:
            return [(None, self.client.get(kind.collection_for(self.env_id)) or {})]
        if kind.addressed_by != 'id' and kind.read_only:
            # Addressed by a name the description lists (notification templates): the parents are those names.
            return [(None, {kind.addressed_by: value}) for value in kind_schema.path_values(kind.api, registry.ITEM_PARAMS[kind.name]) or ()]
        if not kind.parent:
            return [(None, obj) for obj in self.resolver.items(kind.collection_for(self.env_id)) if isinstance(obj, dict)]
        parent = registry.get_kind(kind.parent)
        parents = [obj for _grand, obj in self.objects(parent) if describable_parent(parent, obj)]

        def children(parent_obj: Dict[str, Any]) -> List[Found]:
            path = kind.collection_for(self.env_id, str(parent_obj[parent.addressed_by]))
            return [(parent_obj, obj) for obj in self.resolver.items(path) if isinstance(obj, dict)]
        if not parents:
            return []
        with ThreadPoolExecutor(max_workers=max(1, min(self.concurrency, len(parents)))) as pool:
            return [found for batch in pool.map(children, parents) for found in batch]

    def names(self, kind: registry.Kind, parent: Optional[str] = None) -> Dict[str, str]:
        """id -> the name a description gives the object (its key); only those under the object named ``parent`` when given."""
        return {str(obj.get('id')).lower(): key_label(kind, obj, obj.get('name')) for parent_obj, obj in self.objects(kind)
                if obj.get('id') and (parent is None or parent_label(kind, parent_obj) == parent)}


def describable_parent(parent: registry.Kind, obj: Dict[str, Any]) -> bool:
    """Whether the children of ``obj`` are described: not those of PingOne's own applications, nor those only PingOne makes."""
    if parent.name == 'application':
        return obj.get('protocol') in (None, 'OPENID_CONNECT') and not parent.is_built_in(obj)
    return not any(parent.name == kind and get_path(obj, path) in values for kind, path, values in PINGONES_CHILDREN)


def parent_label(kind: registry.Kind, parent_obj: Optional[Dict[str, Any]]) -> Optional[str]:
    if not kind.parent or parent_obj is None:
        return None
    parent = registry.get_kind(kind.parent)
    if parent.addressed_by != 'id':
        return parent_obj[parent.addressed_by]
    return key_label(parent, parent_obj, parent_obj.get('name'))


def describe_object(kind: registry.Kind, parent_obj: Optional[Dict[str, Any]], obj: Dict[str, Any], reader: Reader
                    ) -> Tuple[Optional[Dict[str, Any]], Optional[str]]:
    """(the item for ``obj``, None), or (None, why it cannot be described)."""
    definition = without(kind_schema.writable(kind.api, kind.schema, obj), kind.secrets)
    if parent_obj is not None:
        # The field that names the parent (an action's signOnPolicy) is the item's parent, not part of its definition.
        definition = {key: value for key, value in definition.items() if value != {'id': parent_obj.get('id')}}
    for path, other_name in kind.references.items():
        other = registry.get_kind(other_name)
        names = reader.names(other, kind.reference_parents.get(path))
        for holder, key in id_slots(definition, path):
            name = names.get(str(holder[key]).lower())
            if name is None:
                return None, ('its %s names a %s by the id %s, which the export cannot name'
                              % (path, other.name.replace('_', ' '), holder[key]))
            if registry.plain_ids(path):
                holder[key] = name
            else:
                holder.pop('id')
                holder['name'] = name
    left = id_left(definition)
    if left is not None:
        # A description names other objects, never by id: an id it cannot name would point nowhere in another environment.
        return None, 'its %s holds the id of another object, which the export cannot name (the registry declares no reference there)' % left
    item: Dict[str, Any] = {}
    if kind.key == ('name',):
        item['name'] = definition.pop('name', obj.get('name'))
    if kind.parent:
        item['parent'] = {kind.parent: parent_label(kind, parent_obj)}
    item['definition'] = definition
    if kind.is_built_in(obj):
        item['built_in'] = True
    return item, None


def secrets_needed(kind: registry.Kind, item: Dict[str, Any], obj: Dict[str, Any]) -> List[str]:
    """The write-only fields ``obj`` needs when applied: those its create body requires, and those under a field it has."""
    required = {problem.path.split('.', 1)[1] for problem in kind_schema.validate(kind.api, kind.schema, item['definition'], True, current=obj)
                if problem.reason == 'required' and '.' in problem.path}
    return [path for path in kind.secrets if path in required or ('.' in path and get_path(obj, path.rsplit('.', 1)[0]) is not None)]


def describe(client: PingOneClient, env_id: str, kinds: List[str], resolver: Optional[Resolver] = None, concurrency: int = 8
             ) -> Tuple[Dict[str, List[Dict[str, Any]]], List[Dict[str, Any]], List[Dict[str, Any]]]:
    """(config, skipped objects, secrets required) of the generic ``kinds`` in the environment ``env_id``."""
    reader = Reader(client, env_id, resolver, concurrency)
    config: Dict[str, List[Dict[str, Any]]] = {}
    skipped: List[Dict[str, Any]] = []
    needed: List[Dict[str, Any]] = []
    for name in registry.dependency_order([name for name in kinds if name in GENERIC]):
        kind = registry.get_kind(name)
        items = []
        for parent_obj, obj in reader.objects(kind):
            item, reason = describe_object(kind, parent_obj, obj, reader)
            label = key_label(kind, item['definition'] if item else obj, obj.get('name'))
            parent = parent_label(kind, parent_obj)
            label = '%s/%s' % (parent, label) if parent is not None else label
            if item is None:
                skipped.append({'kind': name, 'name': label, 'reason': reason})
                continue
            items.append((label, item))
            needed += [{'kind': name, 'name': label, 'path': path} for path in secrets_needed(kind, item, obj)]
        config[name] = [item for _label, item in sorted(items, key=lambda pair: pair[0])]
    return config, skipped, needed


# --- PingOne's own objects, where they differ from a new environment's -----------------------------------------
Identity = Tuple[str, Optional[str], str]   # (kind, the parent's name, the object's key)


def _identity(kind: registry.Kind, item: Mapping[str, Any]) -> Identity:
    parent = (item.get('parent') or {}).get(kind.parent) if kind.parent else None
    return kind.name, parent, key_label(kind, item.get('definition') or {}, item.get('name'))


def item_label(kind: registry.Kind, item: Mapping[str, Any]) -> str:
    """How results and ``secrets_required`` name a described item: its key, after its parent's name for a child kind."""
    _kind, parent, key = _identity(kind, item)
    return '%s/%s' % (parent, key) if parent is not None else key


def _key_fields(kind: registry.Kind, definition: Mapping[str, Any]) -> Dict[str, Any]:
    """The fields of ``definition`` that name the object (a template content's locale...): an item always keeps them."""
    tops = {path.split('.', 1)[0] for path in kind.key if path != 'name'}
    return {key: value for key, value in definition.items() if key in tops}


def _names_given(kind: registry.Kind, definition: Mapping[str, Any]) -> List[Tuple[str, str]]:
    """(kind, name) of every object ``definition`` names through the registry's references (an oidcScopes name too)."""
    return [(reference.kind, reference.name) for reference in named_references(kind, definition) if isinstance(reference.name, str)]


def reduce_to_baseline(config: Mapping[str, List[Dict[str, Any]]], baseline: Mapping[str, Any]) -> Dict[str, List[Dict[str, Any]]]:
    """``config`` with PingOne's own objects described only where they differ from ``baseline`` (the same kinds described
    in an environment as PingOne makes it).

    A built-in object keeps the fields whose value differs (the apply updates those, merged into what the target has);
    one that differs in nothing, and an object under a built-in one that is the baseline's own, are left out, unless
    another item names it or lives under it: then it stays with no field to change (``definition`` only its key), so the
    apply finds it and changes nothing. Every other object is described as it is."""
    base: Dict[Identity, Dict[str, Any]] = {}
    for name, items in baseline.items():
        if name in GENERIC and isinstance(items, list):
            kind = registry.get_kind(name)
            base.update((_identity(kind, item), item) for item in items if isinstance(item, dict))
    own = {(name, _identity(registry.get_kind(name), item)[2]) for name, items in config.items() if name in GENERIC
           for item in items if item.get('built_in')}
    kept: Dict[Identity, Dict[str, Any]] = {}
    idle: Dict[Identity, Dict[str, Any]] = {}   # the baseline's own, left out unless needed
    for name, items in config.items():
        if name not in GENERIC:
            continue
        kind = registry.get_kind(name)
        for item in items:
            identity = _identity(kind, item)
            was = base.get(identity)
            under_own = kind.parent is not None and (registry.get_kind(kind.parent).read_only or (kind.parent, identity[1]) in own)
            definition = item.get('definition') or {}
            if was is None or not (item.get('built_in') or under_own):
                kept[identity] = item
            elif item.get('built_in'):
                before = was.get('definition') or {}
                changed = {key: value for key, value in definition.items() if before.get(key) != value}
                reduced = dict(item, definition=dict(_key_fields(kind, definition), **changed))
                (kept if changed else idle)[identity] = reduced
            elif definition == (was.get('definition') or {}):
                idle[identity] = item
            else:
                kept[identity] = item
    _keep_needed(kept, idle)
    return {name: [kept[identity] for identity in (_identity(registry.get_kind(name), item) for item in items) if identity in kept]
            if name in GENERIC else items for name, items in config.items()}


def _keep_needed(kept: Dict[Identity, Dict[str, Any]], idle: Dict[Identity, Dict[str, Any]]) -> None:
    """Move into ``kept`` every idle object a kept one names or lives under (and so on, up the parents)."""
    waiting = list(kept.items())
    while waiting and idle:
        identity, item = waiting.pop()
        kind = registry.get_kind(identity[0])
        needed = [(kind.parent, identity[1])] if kind.parent and identity[1] is not None else []
        needed += _names_given(kind, item.get('definition') or {})
        for other, name in needed:
            for candidate in [key for key in idle if key[0] == other and key[2] == name]:
                item_needed = idle.pop(candidate)
                kept[candidate] = item_needed
                waiting.append((candidate, item_needed))
