# -*- coding: utf-8 -*-
# Copyright: (c) 2026, pingone.platform maintainers
# GNU General Public License v3.0+ (see LICENSE or https://www.gnu.org/licenses/gpl-3.0.txt)
"""One object of any registry kind, declaratively: what ``pingone_object`` does.

Only the fields a definition gives are managed: nested objects compare on the keys given, lists in
order unless the registry says the field is a set. ``readOnly`` fields and secrets never make a
change; a secret is written on create, in every full ``PUT`` (PingOne keeps none the body leaves out),
and on every run with ``update_secrets: always``. References and parents may be given by name; a name
is resolved once per run (``resolver.Resolver``).
"""

from __future__ import annotations

import copy
import json
from typing import Any, Callable, Dict, List, Mapping, Optional, Tuple

from ansible_collections.pingone.platform.plugins.module_utils import kind_schema, registry
from ansible_collections.pingone.platform.plugins.module_utils.api import PingOneClient
from ansible_collections.pingone.platform.plugins.module_utils.engine import SECRET_MARKER, Outcome, diff, get_path
from ansible_collections.pingone.platform.plugins.module_utils.errors import PingOneInputError, PingOneUnexpectedResponseError
from ansible_collections.pingone.platform.plugins.module_utils.options import is_uuid
from ansible_collections.pingone.platform.plugins.module_utils.resolver import Resolver   # names -> ids; objects.Resolver for its users

DEFAULT_PARENTS = {'schema': 'User'}   # schema attributes belong to the User schema unless the task says otherwise


def kind_names(readable: bool = False) -> List[str]:
    """The kinds ``pingone_object`` writes (read-only kinds are parents only); all kinds with ``readable``."""
    return sorted(name for name, kind in registry.KINDS.items() if readable or not kind.read_only)


def filterable(kind: registry.Kind) -> bool:
    """Whether Ping's description gives the kind's list a SCIM ``filter``."""
    return 'filter' in kind_schema.operations(kind.api).get('GET ' + kind.path, {}).get('query', ())


def _split(path: str) -> List[str]:
    return path.replace('[]', '.[]').split('.')


def _values_at(obj: Any, steps: List[str]) -> List[Tuple[Dict[str, Any], str]]:
    """(holder, key) pairs where the value at a path lives (``[]`` steps into every item of a list)."""
    if not steps:
        return []
    step, rest = steps[0], steps[1:]
    if step == '[]':
        return [pair for item in obj for pair in _values_at(item, rest)] if isinstance(obj, list) else []
    if not isinstance(obj, dict):
        return []
    return _values_at(obj.get(step), rest) if rest else [(obj, step)]


def lists_at(obj: Any, path: str) -> List[List[Any]]:
    """The lists at ``path`` (``oidcScopes[]``: the list ``oidcScopes``; ``[]`` inside steps into every item)."""
    return [holder[key] for holder, key in _values_at(obj, _split(path[:-2] if path.endswith('[]') else path))
            if isinstance(holder.get(key), list)]


def leaf_paths(obj: Any, prefix: str = '') -> Tuple[str, ...]:
    """The dotted paths of the values in nested dicts (``{'a': {'b': 1}}`` -> ``('a.b',)``)."""
    if not isinstance(obj, dict) or not obj:
        return (prefix,) if prefix else ()
    return tuple(path for key, value in obj.items() for path in leaf_paths(value, '%s.%s' % (prefix, key) if prefix else key))


def merge(base: Any, change: Any) -> Any:
    """``base`` with ``change`` applied: objects merge key by key, anything else is replaced."""
    if isinstance(base, dict) and isinstance(change, dict):
        result = dict(base)
        for key, value in change.items():
            result[key] = merge(base.get(key), value)
        return result
    return copy.deepcopy(change)


def _canonical(value: Any) -> str:
    return json.dumps(value, sort_keys=True)


def differs(wanted: Any, have: Any, path: str = '', set_fields: Tuple[str, ...] = ()) -> bool:
    """True when ``have`` does not hold ``wanted``: objects compare on the keys wanted, lists in order (as sets for ``set_fields``)."""
    if isinstance(wanted, dict):
        return not isinstance(have, dict) or any(differs(value, have.get(key), (path + '.' + key).lstrip('.'), set_fields)
                                                 for key, value in wanted.items())
    if isinstance(wanted, list):
        if not isinstance(have, list):
            return True
        if path in set_fields:
            remaining = list(have)
            for item in wanted:
                match = next((index for index, other in enumerate(remaining) if not differs(item, other, path + '[]')), None)
                if match is None:
                    return True
                remaining.pop(match)
            return bool(remaining)
        return len(wanted) != len(have) or any(differs(item, other, path + '[]', set_fields) for item, other in zip(wanted, have))
    return wanted != have


def project(obj: Any, shape: Any) -> Any:
    """The part of ``obj`` that ``shape`` (a definition) names: what a diff shows."""
    if isinstance(shape, dict):
        if not isinstance(obj, dict):
            return obj
        return {key: project(obj[key], value) for key, value in shape.items() if key in obj}
    return copy.deepcopy(obj)


def without(obj: Any, paths: Tuple[str, ...], marker: Any = None) -> Any:
    """A copy of ``obj`` without the fields at ``paths`` (or with ``marker`` in their place where they are set)."""
    result = copy.deepcopy(obj)
    for path in paths:
        for holder, key in _values_at(result, _split(path)):
            if key in holder:
                if marker is None:
                    del holder[key]
                else:
                    holder[key] = marker
    return result


class NamedReference:
    """One reference a definition gives by name: ``{name: X}`` at a ``.id`` path of the registry, or a name in a list of
    plain ids (``oidcScopes: [profile]``); ``kind`` is the kind it names."""

    def __init__(self, path: str, kind: str, holder: Any, key: Any, position: Optional[int] = None):
        self.path, self.kind, self.holder, self.key = path, kind, holder, key
        self.position = position   # for ``{name}`` in a list of such objects (a grant's scopes[]): its index there

    @property
    def name(self) -> Any:
        return self.holder[self.key]

    @property
    def where(self) -> str:
        """Where it is in the definition: ``scopes[1].name``, ``oidcScopes[1]``."""
        if isinstance(self.holder, list):
            return '%s[%d]' % (self.path[:-2], self.key)
        if self.position is not None:
            return self.path[:-2].replace('[]', '[%d]' % self.position, 1) + 'name'
        return self.path[:-2] + 'name'

    def set_id(self, value: str) -> None:
        if isinstance(self.holder, dict):
            self.holder.pop('name')
            self.holder['id'] = value
        else:
            self.holder[self.key] = value


def named_references(kind: registry.Kind, definition: Any) -> List[NamedReference]:
    """The references ``definition`` gives by name, single ones first (a list item such as a grant's scope is found under
    the object one of them names); an id given (``{id}``, a UUID in a list of plain ids) is not one."""
    found: List[NamedReference] = []
    for path, other in sorted(kind.references.items(), key=lambda pair: '[]' in pair[0]):
        if registry.plain_ids(path):
            found += [NamedReference(path, other, values, index) for values in lists_at(definition, path) for index, value in enumerate(values)
                      if isinstance(value, str) and not is_uuid(value)]
        else:
            found += [NamedReference(path, other, holder, 'name', _position(definition, path, holder))
                      for holder, _key in _values_at(definition, _split(path))
                      if isinstance(holder, dict) and 'name' in holder and 'id' not in holder]
    return found


def _position(definition: Any, path: str, holder: Dict[str, Any]) -> Optional[int]:
    """The index of ``holder``'s item in the list at the one ``[]`` of ``path`` (None: not one such list)."""
    if path.count('[]') != 1:
        return None
    head, rest = path.split('[]')
    for items in lists_at(definition, head + '[]'):
        for index, item in enumerate(items):
            if any(found is holder for found, _key in _values_at(item, _split(rest.lstrip('.')))):
                return index
    return None


def placeholder_ids(kind: registry.Kind, definition: Mapping[str, Any]) -> Dict[str, Any]:
    """``definition`` with references given by name turned into ids, for validation before they are resolved."""
    result = copy.deepcopy(dict(definition))
    for reference in named_references(kind, result):
        reference.set_id('(resolved by name)')
    return result


class ObjectTask:
    """One task of ``pingone_object``: the kind, where its objects are, the definition and secrets as PingOne needs them."""

    def __init__(self, client: PingOneClient, env_id: str, params: Mapping[str, Any], warn: Callable[[str], None], reading: bool = False,
                 resolver: Optional[Resolver] = None):
        self.client = client
        self.params = params
        self.warn = warn
        self.kind = registry.get_kind(params['kind'])
        if self.kind.read_only and not reading:
            raise PingOneInputError('kind %s is PingOne\'s own and cannot be written; use one of %s.'
                                    % (self.kind.name, ', '.join(kind_names())), option='kind')
        self.resolver = resolver or Resolver(client, env_id)   # shared by the tasks of one run (the environment config)
        self.definition = copy.deepcopy(params.get('definition') or {})
        self.secrets = copy.deepcopy(params.get('secrets') or {})
        self.present = params.get('state', 'present') != 'absent'
        # Every path the task gives a secret at is kept out of answers and diffs, declared by the registry or not.
        self.secret_paths = tuple(sorted(set(self.kind.secrets) | set(leaf_paths(self.secrets))))
        if not reading:
            self.refuse_secrets_in_definition()
            self.set_key()

    # --- before any request -------------------------------------------------------------------------------
    def refuse_secrets_in_definition(self) -> None:
        """A write-only field (declared, or ``format: password`` in Ping's description) belongs in ``secrets``, which is
        no_log: in ``definition`` its value would show in the output and, never read back, make a change every run."""
        for path in self.kind.secrets:
            if any(key in holder for holder, key in _values_at(self.definition, _split(path))):
                raise PingOneInputError('definition.%s is a secret (write-only, never read back): give it in secrets, which is no_log, '
                                        'not in definition, where its value would show in the output and make a change on every run. '
                                        'Nothing was sent.' % path, option='definition')

    def set_key(self) -> None:
        kind, name = self.kind, self.params.get('name')
        if kind.key == ('name',):
            given = self.definition.get('name')
            if name is None and given is None:
                raise PingOneInputError('A %s is named by name: set name (or definition.name).' % kind.name, option='name')
            if name is not None and given is not None and name != given:
                raise PingOneInputError('name %r and definition.name %r differ: give one of them.' % (name, given), option='name')
            self.definition['name'] = name if name is not None else given
        elif name is not None:
            raise PingOneInputError('A %s is named by %s, read from definition: leave name unset.'
                                    % (kind.name, ' and '.join(kind.key) if kind.key else 'nothing (there is one per environment)'),
                                    option='name')
        # The first key field must be given (an id may come by name); a later one may be absent, such as a
        # template content's variant, and then matches objects without it.
        if kind.key and get_path(self.definition, kind.key[0]) is None and not kind.key[0].endswith('.id'):
            raise PingOneInputError('A %s is named by %s: set definition.%s.' % (kind.name, ' and '.join(kind.key), kind.key[0]),
                                    option='definition')
        if not self.present and kind.key and len(kind.key) == 1 and get_path(self.definition, kind.key[0]) in kind.built_ins:
            raise PingOneInputError('%s %r is one PingOne makes in every environment itself: it cannot be deleted (state absent); '
                                    'leave state present to manage it.' % (kind.name, get_path(self.definition, kind.key[0])),
                                    option='state')
        if kind.singleton and not self.present:
            raise PingOneInputError('%s is one object of every environment: it cannot be deleted (state absent).' % kind.name,
                                    option='state')

    def validate(self, creating: bool, current: Optional[Mapping[str, Any]] = None) -> None:
        """Check the definition and secrets against the create schema of Ping's description (required fields when ``creating``).

        The create schema on an update too: a definition names the object by fields an update body may not
        carry (a key's name); a change to such a field is refused as one that cannot change (``update``).
        """
        mode = self.params.get('validate') or 'strict'
        if mode == 'none':
            return
        kind = self.kind
        definition = self.with_placeholder_ids(self.definition)
        if creating:
            problems = [problem for problem in kind_schema.validate(kind.api, kind.schema, merge(definition, self.secrets), True, current)
                        if problem.reason == 'required']
        else:
            problems = kind_schema.validate(kind.api, kind.schema, definition, False, current)
            problems += kind_schema.validate(kind.api, kind.schema, self.secrets, False, current, prefix='secrets')
        if mode == 'warn':
            for problem in problems:
                self.warn('%s It was sent as given (validate: warn).' % problem)
        elif problems:
            more = ' (%d more: %s)' % (len(problems) - 1, ' '.join(str(problem) for problem in problems[1:])) if len(problems) > 1 else ''
            raise PingOneInputError('%s%s Nothing was sent.' % (problems[0], more), option=problems[0].path.split('.')[0].split('[')[0])

    def with_placeholder_ids(self, definition: Dict[str, Any]) -> Dict[str, Any]:
        return placeholder_ids(self.kind, definition)

    # --- names to ids ---------------------------------------------------------------------------------------
    def parent_id(self) -> Optional[str]:
        kind = self.kind
        if not kind.parent:
            return None
        parent = registry.get_kind(kind.parent)
        given = (self.params.get('parent') or {}).get(kind.parent, DEFAULT_PARENTS.get(kind.parent))
        if given is None:
            raise PingOneInputError('A %s lives under a %s: set parent to {%s: <its name>}.' % (kind.name, parent.name, parent.name),
                                    option='parent')
        if parent.addressed_by != 'id':
            allowed = kind_schema.path_values(parent.api, registry.ITEM_PARAMS[parent.name])
            if allowed and given not in allowed:
                raise PingOneInputError('parent.%s must be one of %s, not %r.' % (parent.name, ', '.join(allowed), given), option='parent')
            return given
        return self.resolver.find(parent, None, given, 'parent.%s' % parent.name)['id']

    def resolve_references(self, parent_id: Optional[str]) -> None:
        """Replace ``{name: X}`` with ``{id: ...}``, and a name in a list of plain ids with the id, wherever the registry
        knows a reference field."""
        for reference in named_references(self.kind, self.definition):
            other = registry.get_kind(reference.kind)
            other_parent = self.reference_parent(other, parent_id, reference.path)
            reference.set_id(self.resolver.find(other, other_parent, reference.name, 'definition.' + reference.where)['id'])

    def reference_parent(self, other: registry.Kind, parent_id: Optional[str], path: str) -> Optional[str]:
        if not other.parent:
            return None
        fixed = self.kind.reference_parents.get(path)
        if fixed is not None:   # always under one object (the openid resource): found by its name, read once per run
            return self.resolver.find(registry.get_kind(other.parent), None, fixed, 'definition.' + path[:-2])['id']
        if other.parent == self.kind.parent:
            return parent_id
        # A child named by name (a resource's scope) lives under the object another reference of the body names.
        for ref_path, ref_kind in self.kind.references.items():
            if ref_kind == other.parent and '[]' not in ref_path:
                value = get_path(self.definition, ref_path)
                if value:
                    return value
        raise PingOneInputError('definition.%s names a %s by name, which is found only under its %s: give its id, or set that %s '
                                'by its own reference.' % (path, other.name, other.parent, other.parent), option='definition')

    # --- the object -------------------------------------------------------------------------------------------
    def find(self, collection: str) -> Optional[Dict[str, Any]]:
        kind = self.kind
        if kind.singleton:
            return self.client.get(collection)
        wanted = tuple(get_path(self.definition, field) for field in kind.key)
        matches = [item for item in self.resolver.items(collection) if isinstance(item, dict)
                   and tuple(get_path(item, field) for field in kind.key) == wanted]
        if len(matches) > 1:
            raise PingOneUnexpectedResponseError('PingOne lists %d %s objects with %s (ids %s), so the task cannot tell which one it means: '
                                                 'delete all but one in the PingOne console.' % (
                                                     len(matches), kind.name, self.label(self.definition),
                                                     ', '.join(str(item.get('id')) for item in matches)))
        return matches[0] if matches else None

    def managed(self) -> Dict[str, Any]:
        """The definition without readOnly fields (they never cause a change; validation refuses them unless told not to)."""
        return kind_schema.without_read_only(self.kind.api, self.kind.schema, self.definition)

    def run(self, check_mode: bool) -> Outcome:
        kind = self.kind
        self.validate(False)
        parent_id = self.parent_id()
        collection = self.resolver.collection(kind, parent_id)
        self.resolve_references(parent_id)
        current = self.find(collection)
        path = collection if kind.singleton else None
        if current is not None and not kind.singleton:
            path = '%s/%s' % (collection, current[kind.addressed_by])
        if not self.present:
            return self.delete(current, path, check_mode)
        if current is None:
            return self.create(collection, check_mode)
        return self.update(current, path, check_mode)

    def delete(self, current: Optional[Dict[str, Any]], path: Optional[str], check_mode: bool) -> Outcome:
        if current is None:
            return Outcome(False, {}, diff({}, {}), 'absent')
        if self.kind.refuses_delete(current):
            raise PingOneInputError('%s %r is one PingOne made itself, or one it refuses to delete: nothing was changed; leave state '
                                    'present to manage it.' % (self.kind.name, self.label(current)), option='state')
        before = self.secret_free(project(current, self.definition))
        if not check_mode:
            self.client.request('DELETE', path)
        return Outcome(True, self.secret_free(current), diff(before, {}), 'deleted')

    def create(self, collection: str, check_mode: bool) -> Outcome:
        kind = self.kind
        label = ', '.join('%s %r' % (field, get_path(self.definition, field)) for field in kind.key)
        if kind.built_ins and len(kind.key) == 1 and get_path(self.definition, kind.key[0]) in kind.built_ins:
            raise PingOneInputError('%s with %s is one PingOne makes in every environment, but this environment has none: it is '
                                    'adopted, never created.' % (kind.name, label),
                                    option='name' if kind.key == ('name',) else 'definition')
        self.validate(True)
        body = merge(self.managed(), self.secrets)
        after = without(project(body, merge(self.definition, self.secrets)), self.secret_paths, SECRET_MARKER)
        if check_mode:
            return Outcome(True, {}, diff({}, after), 'created')
        created = self.client.request('POST', collection, body=body).json or {}
        return Outcome(True, self.secret_free(created), diff({}, after), 'created')

    def update(self, current: Dict[str, Any], path: str, check_mode: bool) -> Outcome:
        kind = self.kind
        shape = kind_schema.discriminator(kind.api, kind.schema)
        if shape and shape not in self.definition and current.get(shape) is not None:
            # Checked before any request without the shape, which only the object tells (an identity provider's type).
            self.validate(False, current)
        wanted = self.managed()
        changed = [field for field in wanted if differs(wanted[field], current.get(field), field, kind.set_fields)]
        for field in changed:
            # Immutable: declared so, or a field of the create body that the update body cannot carry (a key's name).
            known = kind_schema.field_nodes(kind.api, kind.schema, field)
            updatable = [node for node in kind_schema.field_nodes(kind.api, kind.body_schema, field) if not node.get('readOnly')]
            if field in kind.immutable or (kind.update and known and not updatable):
                values = (field, json.dumps(current.get(field)), json.dumps(wanted[field]), kind.name)
                raise PingOneInputError('definition.%s cannot change after creation (PingOne has %s, the task %s): give another key '
                                        'to make a new %s. Nothing was sent.' % values, option='definition')
        moved = [field for field in changed if field in kind.own_endpoints]
        if moved:
            raise PingOneInputError('definition.%s of a %s changes only through its own endpoint, which pingone_object does not call '
                                    'yet: use the module of the kind (pingone.platform.pingone_%s). Nothing was sent.'
                                    % (moved[0], kind.name, kind.name), option='definition')
        write_secrets = bool(self.secrets) and self.params.get('update_secrets') == 'always'
        before = self.secret_free(project(current, wanted))
        if not changed and not write_secrets:
            return Outcome(False, self.secret_free(current), diff(before, before), 'unchanged')
        if kind.update is None:
            raise PingOneInputError('A %s cannot be updated (PingOne has no update for it), and %s differs: delete it and create it '
                                    'again. Nothing was sent.' % (kind.name, ', '.join('definition.%s' % field for field in changed)
                                                                  or 'secrets'), option='definition')
        # A full PUT replaces the object, and PingOne keeps no secret the body leaves out (its description even requires
        # some, such as an OIDC identity provider's clientSecret): the secrets given go into every PUT; update_secrets
        # decides only whether a secret alone makes a write.
        full_put = kind.update != 'PATCH'
        secrets = self.secrets if write_secrets or full_put else {}
        full_body: Dict[str, Any] = {}
        if full_put:
            # Every writable field PingOne holds, with the task's fields applied (and the secrets, below).
            full_body = registry.writable_body(kind.name, merge(current, wanted))
            self.refuse_missing_secrets(full_body)
        after = without(merge(before, merge(wanted, secrets)), self.secret_paths, SECRET_MARKER)
        if check_mode:
            return Outcome(True, self.secret_free(current), diff(before, after), 'updated')
        if kind.update == 'PATCH':
            body = merge({field: wanted[field] for field in changed}, secrets)
        else:
            body = full_body
            # validate warn/none: a field the description does not know is sent as given.
            body.update((field, wanted[field]) for field in wanted
                        if field not in body and not kind_schema.field_nodes(kind.api, kind.body_schema, field)
                        and not kind_schema.field_nodes(kind.api, kind.schema, field))
            body = merge(body, secrets)
        answer = self.client.request(kind.update, path, body=body).json or current
        return Outcome(True, self.secret_free(answer), diff(before, after), 'updated')

    def refuse_missing_secrets(self, body: Mapping[str, Any]) -> None:
        """Before a full PUT: a secret PingOne requires in it (it never reads one back) must be given in ``secrets``."""
        if (self.params.get('validate') or 'strict') == 'none':
            return
        problems = kind_schema.validate(self.kind.api, self.kind.schema, merge(body, self.secrets), True)
        missing = [problem.path.split('.', 1)[1] for problem in problems if problem.reason == 'required'
                   and problem.path.split('.', 1)[1] in self.kind.secrets]
        if missing:
            # A module with an option of its own for a secret (pingone_identity_provider's client_secret) names that option.
            option = (self.params.get('secret_options') or {}).get(missing[0]) or 'secrets.%s' % missing[0]
            raise PingOneInputError('%s is required to change this %s: PingOne replaces the whole object and never returns '
                                    'the secret, so give it (from a vault variable). Nothing was sent.'
                                    % (option, self.kind.name), option=option.split('.')[0])

    def secret_free(self, obj: Any) -> Any:
        return without(obj, self.secret_paths)

    def label(self, obj: Mapping[str, Any]) -> str:
        return ', '.join(str(get_path(obj, field)) for field in self.kind.key) or self.kind.name


def ensure_object(client: PingOneClient, env_id: str, params: Mapping[str, Any], check_mode: bool,
                  warn: Callable[[str], None] = lambda message: None) -> Outcome:
    """Make one object of ``params['kind']`` match ``params`` (the options of ``pingone_object``)."""
    return ObjectTask(client, env_id, params, warn).run(check_mode)


def list_objects(client: PingOneClient, env_id: str, params: Mapping[str, Any]) -> List[Dict[str, Any]]:
    """The objects of ``params['kind']`` (under ``params['parent']``), all pages, secrets removed; only the one
    named ``params['name']`` when given, and those of the SCIM ``params['filter']`` where the kind has one."""
    task = ObjectTask(client, env_id, params, lambda message: None, reading=True)
    kind = task.kind
    query = None
    if params.get('filter'):
        if not filterable(kind):
            raise PingOneInputError('Ping\'s description gives the list of %s objects no filter: leave filter unset (name picks one by '
                                    'its key).' % kind.name, option='filter')
        query = {'filter': params['filter']}
    parent_id = task.parent_id()
    path = task.resolver.collection(kind, parent_id)
    if kind.singleton:
        return [task.secret_free(client.get(path))]
    items = [item for item in client.paginate(path, query=query) if isinstance(item, dict)]
    name = params.get('name')
    if name is not None:
        key = kind.key[0] if kind.key else 'name'
        items = [item for item in items if get_path(item, key) == name]
    return [task.secret_free(item) for item in items]
