# -*- coding: utf-8 -*-
# Copyright: (c) 2026, pingone.platform maintainers
# GNU General Public License v3.0+ (see LICENSE or https://www.gnu.org/licenses/gpl-3.0.txt)
"""Configuration as code over the kind registry: a description of every registry kind checked, planned and applied.

A description's keys are registry kind names (``sign_on_policy``, ``resource_scope``...), each a list of items
``{name, parent, definition, built_in}`` in PingOne's field names, as ``pingone_object`` takes them; the five kinds
with option-named keys (``populations``, ``groups``, ``users``, ``applications``, ``role_assignments``) are
``config_legacy``'s. This file:

- ``check``: the whole description before any request (unknown key, missing key field, duplicates, a reference by
  name to an object the description does not describe, a secret required but not given), one sentence per problem
  naming the item (``sign_on_policy_action[1].definition.deviceAuthenticationPolicy.name``);
- ``Run``: the plan and the apply in one pass over the kinds in the order the registry's references give (a kind
  after its parent and every kind it names), the kinds of one level concurrently, every object through
  ``objects.ObjectTask`` with one shared ``Resolver``: each list (kind and parent) is read once, and what the
  run makes (or, in check mode, plans to make) is added to it, so a later reference finds it by name;
- a write whose answer was lost is followed by a fresh read before anything is sent again (as in bulk work), and
  an object that needs one that failed is not sent;
- ``describe``: an environment as such a description (the export), with the write-only fields it needs listed.
"""

from __future__ import annotations

import copy
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass, field
from typing import Any, Callable, Dict, List, Mapping, Optional, Set, Tuple

from ansible_collections.pingone.platform.plugins.module_utils import kind_schema, registry
from ansible_collections.pingone.platform.plugins.module_utils.api import PingOneClient
from ansible_collections.pingone.platform.plugins.module_utils.bulk import MAX_CONCURRENCY, converge
from ansible_collections.pingone.platform.plugins.module_utils.engine import Outcome, get_path, set_path
from ansible_collections.pingone.platform.plugins.module_utils.errors import PingOneError, PingOneInputError
from ansible_collections.pingone.platform.plugins.module_utils.objects import (
    DEFAULT_PARENTS,
    ObjectTask,
    _split,
    _values_at,
    merge,
    named_references,
    placeholder_ids,
    without,
)
from ansible_collections.pingone.platform.plugins.module_utils.resolver import Resolver

# The kinds described in option names, by their own keys (config_legacy), and the registry kind each stands for.
LEGACY_KEYS = {'populations': 'population', 'groups': 'group', 'users': 'user', 'applications': 'application', 'role_assignments': None}
LEGACY_NAME = {'populations': 'name', 'groups': 'name', 'users': 'username', 'applications': 'name'}
GENERIC = tuple(name for name, kind in registry.KINDS.items() if not kind.read_only and name not in LEGACY_KEYS.values())
ITEM_KEYS = ('name', 'parent', 'definition', 'built_in')
SECRET_KEYS = ('kind', 'name', 'path', 'value')
PLANNED = 'planned-'   # the id check mode gives an object it plans to create (never sent: no request names it)
ACTIONS = ('created', 'updated', 'deleted', 'unchanged', 'failed')


def refuse(message: str, option: str = 'config') -> None:
    raise PingOneInputError('The description is not right: %s. Nothing was read or written.' % message, option=option)


# --- one described object ---------------------------------------------------------------------------------------
@dataclass(frozen=True)
class Origin:
    """Where an item made from an item in a module's option names (config_options) stands in the description: its
    place (``sign_on_policy[2].actions[1]``) and, for its messages, field path -> the option that sets it ('': the
    item's place itself, such as ``applications[0].sign_on_policies[1]``, a policy's name). ``create_defaults``: fields a
    create sends when the item leaves them out, as the module makes one; an update leaves them as they are."""
    where: str
    options: Mapping[str, str] = field(default_factory=dict)
    create_defaults: Mapping[str, Any] = field(default_factory=dict)


@dataclass
class Item:
    """One object of a generic kind, as the description gives it."""
    kind: registry.Kind
    where: str                      # its place in the description: resource_scope[2]
    name: Optional[str]
    parent: Optional[str]           # the parent's name (a template's name), for a child kind
    definition: Dict[str, Any]
    built_in: bool = False
    secrets: Dict[str, Any] = field(default_factory=dict)
    origin: Optional[Origin] = None

    def place(self, path: str) -> str:
        """How the description names ``path`` of the item (``definition.agreement.name``): for an item made from option
        names, the option that sets it (``sign_on_policy[0].actions[1].agreement``)."""
        options = self.origin.options if self.origin else {}
        for field_path in sorted(options, key=len, reverse=True):
            if path == field_path or path.startswith(field_path + '.') or path.startswith(field_path + '['):
                option = options[field_path]
                return '%s%s%s' % (self.where, '.' + option if option else '', path[len(field_path):])
        return '%s.%s' % (self.where, path)

    @property
    def key_label(self) -> str:
        return key_label(self.kind, self.definition, self.name)

    @property
    def label(self) -> str:
        """How results, drift and ``secrets`` name it: its key, after its parent's name for a child kind."""
        return '%s/%s' % (self.parent, self.key_label) if self.parent is not None else self.key_label

    def params(self) -> Dict[str, Any]:
        """The options of ``pingone_object`` for it."""
        parent = {self.kind.parent: self.parent} if self.kind.parent else None
        return {'kind': self.kind.name, 'name': self.name, 'parent': parent, 'definition': copy.deepcopy(self.definition),
                'secrets': copy.deepcopy(self.secrets), 'state': 'present', 'validate': 'strict'}


def key_label(kind: registry.Kind, definition: Mapping[str, Any], name: Optional[str]) -> str:
    """An object's key as text: its name, or its key fields (a reference by its name) joined by spaces."""
    if kind.singleton:
        return kind.name
    if kind.key == ('name',):
        return str(name)
    parts = []
    for path in kind.key:
        value = get_path(definition, path)
        if value is None and path.endswith('.id'):
            value = get_path(definition, path[:-3] + '.name')
        if value is not None:
            parts.append(str(value))
    return ' '.join(parts)


def parent_name(kind: registry.Kind, item: Mapping[str, Any]) -> Optional[str]:
    if not kind.parent:
        return None
    given = item.get('parent')
    if given is None:
        return DEFAULT_PARENTS.get(kind.parent)
    return given.get(kind.parent) if isinstance(given, dict) else None


# --- checking the whole description before any request ----------------------------------------------------------
def legacy_part(config: Mapping[str, Any]) -> Dict[str, Any]:
    return {key: value for key, value in config.items() if key in LEGACY_KEYS}


def check_keys(config: Any) -> None:
    if not isinstance(config, dict):
        refuse('it is a %s, not a dictionary of kinds' % type(config).__name__)
    unknown = sorted(str(key) for key in config if key not in LEGACY_KEYS and key not in GENERIC)
    if unknown:
        refuse('it has the key %s, which is not a kind it can hold; use %s'
               % (', '.join(repr(key) for key in unknown), ', '.join(list(LEGACY_KEYS) + sorted(GENERIC))))


def check(config: Mapping[str, Any], secrets: Optional[List[Mapping[str, Any]]] = None,
          origins: Optional[Mapping[Tuple[str, int], Origin]] = None) -> Dict[str, List[Item]]:
    """The generic kinds' items of ``config`` (kind name -> items), or PingOneInputError for the first problem found.

    The five option-named keys are checked by ``config_legacy``; here only that they are the only other keys.
    ``origins``: (kind, index) -> the place of an item made from option names (``config_options.expand``)."""
    check_keys(config)
    origins = origins or {}
    items = {name: [_item(registry.get_kind(name), index, raw, origins.get((name, index))) for index, raw in enumerate(_list(config, name))]
             for name in GENERIC if config.get(name) is not None}
    described = described_names(config, items)
    for kind_items in items.values():
        _refuse_duplicates(kind_items)
        for item in kind_items:
            _check_references(item, described)
    _attach_secrets(items, secrets or [])
    for kind_items in items.values():
        for item in kind_items:
            _check_required_secrets(item)
    return items


def _list(config: Mapping[str, Any], name: str) -> List[Any]:
    value = config[name]
    if not isinstance(value, list):
        refuse('%s is a %s, not a list of items' % (name, type(value).__name__))
    return value


def _item(kind: registry.Kind, index: int, raw: Any, origin: Optional[Origin] = None) -> Item:
    where = origin.where if origin else '%s[%d]' % (kind.name, index)
    if not isinstance(raw, dict):
        refuse('%s is a %s, not a dictionary with %s' % (where, type(raw).__name__, ', '.join(ITEM_KEYS)))
    unknown = sorted(str(key) for key in raw if key not in ITEM_KEYS)
    if unknown:
        refuse('%s has the key %s; an item has %s only (PingOne\'s fields go in definition)'
               % (where, ', '.join(map(repr, unknown)), ', '.join(ITEM_KEYS)))
    definition = raw.get('definition') if raw.get('definition') is not None else {}
    if not isinstance(definition, dict):
        refuse('%s.definition is a %s, not a dictionary of PingOne\'s fields' % (where, type(definition).__name__))
    if not isinstance(raw.get('built_in', False), bool):
        refuse('%s.built_in is %r, not true or false' % (where, raw['built_in']))
    name = raw.get('name')
    if kind.key == ('name',):
        if not isinstance(name, str) or not name.strip():
            refuse('%s has no name: a %s is named by name' % (where, kind.name))
        if 'name' in definition:
            refuse('%s gives definition.name: give the name once, as name' % where)
    elif name is not None:
        refuse('%s has name, but a %s is named by %s, given in definition' % (where, kind.name, ' and '.join(kind.key) or 'nothing'))
    elif kind.key and get_path(definition, kind.key[0]) is None and get_path(definition, kind.key[0][:-3] + '.name') is None:
        refuse('%s has no definition.%s, which names a %s' % (where, kind.key[0], kind.name))
    _check_parent(kind, where, raw)
    for path in kind.secrets:
        if any(key in holder for holder, key in _values_at(definition, _split(path))):
            refuse('%s.definition.%s is a secret (write-only): give its value in secrets ({kind: %s, name: ..., path: %s, value: ...}), '
                   'which is no_log' % (where, path, kind.name, path))
    item = Item(kind, where, name, parent_name(kind, raw), copy.deepcopy(definition), raw.get('built_in', False), origin=origin)
    # The create schema, as ObjectTask checks an update too: a definition names its object by fields an update body may not carry.
    problems = [problem for problem in kind_schema.validate(kind.api, kind.schema, placeholder_ids(kind, definition), False,
                                                            prefix=where + '.definition') if problem.reason != 'required']
    if problems:
        first = problems[0]
        refuse(str(first).replace(first.path, item.place(first.path[len(where) + 1:])).rstrip('.'))
    if item.built_in and not kind.built_ins and not kind.built_in_when and not kind.singleton:
        refuse('%s is marked built_in, but PingOne makes no %s of its own' % (where, kind.name))
    return item


def _check_parent(kind: registry.Kind, where: str, raw: Mapping[str, Any]) -> None:
    given = raw.get('parent')
    if not kind.parent:
        if given is not None:
            refuse('%s has parent, but a %s has none' % (where, kind.name))
        return
    if given is None and kind.parent in DEFAULT_PARENTS:
        return
    if not isinstance(given, dict) or list(given) != [kind.parent] or not isinstance(given[kind.parent], str) or not given[kind.parent]:
        refuse('%s needs parent: {%s: <its name>}, as a %s lives under a %s' % (where, kind.parent, kind.name, kind.parent))


def described_names(config: Mapping[str, Any], items: Mapping[str, List[Item]]) -> Dict[str, Set[str]]:
    """Registry kind -> the names the description gives its objects (for references by name); a child's by its key and
    by ``parent/key`` as well (its label), for a reference to the children of one parent (``oidcScopes``: openid's)."""
    names: Dict[str, Set[str]] = {}
    for key, kind_name in LEGACY_KEYS.items():
        if kind_name and isinstance(config.get(key), list):
            names[kind_name] = {item.get(LEGACY_NAME[key]) for item in config[key] if isinstance(item, dict)}
    for kind_name, kind_items in items.items():
        names[kind_name] = {item.key_label for item in kind_items} | {item.label for item in kind_items}
    return names


def _refuse_duplicates(items: List[Item]) -> None:
    seen: Dict[Tuple[str, str], Item] = {}
    for item in items:
        key = (str(item.parent).casefold(), item.key_label.casefold())
        if key in seen:
            refuse('%s and %s both describe the %s %r (PingOne compares names ignoring case): give each once'
                   % (seen[key].where, item.where, item.kind.name, item.label))
        seen[key] = item


def _check_references(item: Item, described: Mapping[str, Set[str]]) -> None:
    kind = item.kind
    checks = [(kind.parent, item.parent, None, item.place('parent.%s' % kind.parent))] if kind.parent else []
    for reference in named_references(kind, item.definition):
        fixed = kind.reference_parents.get(reference.path)   # the one parent the named objects live under
        checks.append((reference.kind, reference.name, fixed, item.place('definition.' + reference.where)))
    for other, name, fixed, where in checks:
        other_kind = registry.get_kind(other)
        if other not in described or other_kind.read_only or name in other_kind.built_ins:
            continue   # a kind the description does not describe: the object must exist where it is applied (found by name then)
        if (name if fixed is None else '%s/%s' % (fixed, name)) not in described[other]:
            under = ' of the %s %r' % (other_kind.parent.replace('_', ' '), fixed) if fixed is not None else ''
            refuse('%s names the %s %r%s, which the description does not describe: add it, or correct the name'
                   % (where, other.replace('_', ' '), name, under))


def _attach_secrets(items: Mapping[str, List[Item]], secrets: List[Mapping[str, Any]]) -> None:
    seen: Set[Tuple[str, str, str]] = set()
    for index, given in enumerate(secrets):
        where = 'secrets[%d]' % index
        if not isinstance(given, dict) or any(given.get(key) is None for key in SECRET_KEYS):
            refuse('%s needs kind, name, path and value' % where, option='secrets')
        kind_name, name, path = given['kind'], given['name'], given['path']
        label = '%s (%s %r, %s)' % (where, kind_name, name, path)
        if kind_name not in items:
            refuse('%s: the description has no %s items' % (label, kind_name), option='secrets')
        kind = registry.get_kind(kind_name)
        if not any(path == secret or path.startswith(secret + '.') for secret in kind.secrets):
            refuse('%s: %s is not a write-only field of a %s; those are %s' % (label, path, kind_name, ', '.join(kind.secrets) or 'none'),
                   option='secrets')
        matches = [item for item in items[kind_name] if item.label == name]
        if not matches:
            refuse('%s: the description has no %s named %r (items are named %s)'
                   % (label, kind_name, name, ', '.join(repr(item.label) for item in items[kind_name])), option='secrets')
        if (kind_name, name, path) in seen:
            refuse('%s gives a value that an earlier item of secrets gives already' % label, option='secrets')
        seen.add((kind_name, name, path))
        set_path(matches[0].secrets, path, given['value'])


def _check_required_secrets(item: Item) -> None:
    """A secret the create body needs (an OIDC provider's clientSecret) is needed by every full PUT as well: PingOne never
    returns it. So it is required whether the object is new or not."""
    if item.built_in:
        return
    kind = item.kind
    body = merge(placeholder_ids(kind, item.definition), item.secrets)
    problems = kind_schema.validate(kind.api, kind.schema, body, True)
    for problem in problems:
        path = problem.path.split('.', 1)[1] if '.' in problem.path else problem.path
        if problem.reason == 'required' and path in kind.secrets:
            refuse('%s (%s %r) needs the secret %s: add {kind: %s, name: %r, path: %s, value: <from a vault variable>} to secrets'
                   % (item.where, kind.name, item.label, path, kind.name, item.label, path), option='secrets')


def may_be(item: Item, obj: Mapping[str, Any]) -> bool:
    """Whether ``obj`` (as PingOne lists it) may be the object ``item`` describes: the same key, ignoring case; always when a
    key field is a reference (the item names it, PingOne gives its id)."""
    kind = item.kind
    if any(path.endswith('.id') for path in kind.key):
        return True
    return key_label(kind, obj, obj.get('name')).casefold() == item.key_label.casefold()


# --- the order ---------------------------------------------------------------------------------------------------
LEGACY_OF_KIND = {kind: key for key, kind in LEGACY_KEYS.items() if kind}   # population -> populations


def levels(kinds: List[str], phases: List[str]) -> List[List[str]]:
    """Generic kind names and the option-named kinds' phases in levels: each after everything it needs (its parent, the
    kinds it names; a phase, the phases config_legacy_apply.PHASE_NEEDS names)."""
    units = list(phases) + list(registry.dependency_order(kinds))
    phase_needs: Mapping[str, Tuple[str, ...]] = {}
    if phases:
        # Imported here: config_legacy_apply imports this file (its results are ObjectResults).
        from ansible_collections.pingone.platform.plugins.module_utils.config_legacy_apply import PHASE_NEEDS as phase_needs
    needs: Dict[str, Set[str]] = {}
    for unit in units:
        if unit in phase_needs:
            needs[unit] = {need for need in phase_needs[unit] if need in units}
        else:
            wanted = {LEGACY_OF_KIND.get(other, other) for other in registry.depends_on(registry.get_kind(unit))}
            needs[unit] = {need for need in wanted if need in units}
    placed: Dict[str, int] = {}
    while len(placed) < len(units):
        progress = False
        for unit in units:
            if unit not in placed and all(need in placed for need in needs[unit]):
                placed[unit] = 1 + max((placed[need] for need in needs[unit]), default=-1)
                progress = True
        if not progress:
            raise ValueError('the kinds %s need each other' % ', '.join(unit for unit in units if unit not in placed))
    return [[unit for unit in units if placed[unit] == level] for level in range(max(placed.values(), default=-1) + 1)]


# --- results ------------------------------------------------------------------------------------------------------
@dataclass
class ObjectResult:
    """What happened to one object (or, in check mode, would)."""
    kind: str
    name: str
    action: str
    msg: Optional[str] = None
    diff: Optional[Dict[str, Any]] = None
    id: Optional[str] = None

    @property
    def changed(self) -> bool:
        return self.action in ('created', 'updated', 'deleted')


def changes_of(before: Mapping[str, Any], after: Mapping[str, Any]) -> Dict[str, Dict[str, Any]]:
    """field -> {before, after} for the top-level fields that differ (a secret shows as the marker only)."""
    return {key: {'before': before.get(key), 'after': after.get(key)} for key in sorted(set(before) | set(after))
            if before.get(key) != after.get(key)}


def summarize(results: List[ObjectResult]) -> Tuple[Dict[str, Dict[str, int]], Dict[str, Any], List[Dict[str, Any]], List[Dict[str, Any]]]:
    """(summary per kind, drift per kind, failures, the --diff list) of ``results``."""
    summary: Dict[str, Dict[str, int]] = {}
    drift: Dict[str, Dict[str, Any]] = {}
    failures: List[Dict[str, Any]] = []
    diffs: List[Dict[str, Any]] = []
    for result in results:
        counts = summary.setdefault(result.kind, dict.fromkeys(ACTIONS, 0))
        counts[result.action] = counts.get(result.action, 0) + 1
        if result.action == 'failed':
            failures.append({'kind': result.kind, 'name': result.name, 'msg': result.msg})
            continue
        if result.action == 'unchanged':
            continue
        kind_drift = drift.setdefault(result.kind, {'create': [], 'update': {}, 'delete': []})
        before, after = (result.diff or {}).get('before') or {}, (result.diff or {}).get('after') or {}
        if result.action == 'created':
            kind_drift['create'].append(result.name)
        elif result.action == 'deleted':
            kind_drift['delete'].append(result.name)
        else:
            kind_drift['update'][result.name] = changes_of(before, after)
        if result.diff is not None:
            header = '%s %s' % (result.kind, result.name)
            diffs.append({'before_header': header, 'after_header': header, 'before': before, 'after': after})
    drift = {kind: {key: value for key, value in changes.items() if value} for kind, changes in drift.items()}
    return summary, drift, failures, diffs


# --- the plan and the apply ----------------------------------------------------------------------------------------
class ConfigTask(ObjectTask):
    """``pingone_object``'s task for one described object, sharing the run's resolver: what it makes is remembered."""

    def __init__(self, run: 'Run', item: Item):
        super().__init__(run.client, run.env_id, item.params(), run.warn, resolver=run.resolver)
        self.run_ = run
        self.item = item
        self.existed: Optional[bool] = None   # whether find found the object (None: the task failed before it looked)

    def find(self, collection: str) -> Optional[Dict[str, Any]]:
        current = super().find(collection)
        self.existed = current is not None
        return current

    def create(self, collection: str, check_mode: bool) -> Outcome:
        if self.item.built_in and check_mode and PLANNED in collection:
            # PingOne makes it with its parent, which this run makes: nothing to compare it with until then.
            return Outcome(False, {}, {'before': {}, 'after': {}}, 'unchanged')
        if self.item.origin is not None and self.item.origin.create_defaults:
            self.definition = merge(dict(self.item.origin.create_defaults), self.definition)
        if self.item.built_in:
            raise PingOneInputError('%s (%s %r) is marked built_in, but this environment has no such object of PingOne\'s own: '
                                    'built-in objects are updated, never created.' % (self.item.where, self.kind.name, self.item.label),
                                    option='config')
        outcome = super().create(collection, check_mode)
        made = dict(outcome.object) if not check_mode else dict(self.definition, id=self.run_.planned_id())
        self.resolver.remember(collection, made)
        if check_mode:
            # Nothing lives under an object still to be made: its children's lists are known empty, never read.
            for child in registry.KINDS.values():
                if child.parent == self.kind.name:
                    self.resolver.known(child.collection_for(self.run_.env_id, made[self.kind.addressed_by]), [])
        return outcome


class Run:
    """One apply (or, in check mode, plan) of a description's generic kinds to the environment ``env_id``.

    ``legacy`` and ``legacy_prune``: the option-named kinds' phases and their deletions, ``phase -> callable() ->
    [ObjectResult]`` (``environment_config``, over ``config_legacy_apply``), run at their place in the order.
    ``claimed``: child kind -> the names of parents whose children of that kind the description lists in full though it
    may list none (an item's list option, ``config_options.claimed_parents``): prune deletes their unlisted children too."""

    def __init__(self, client: PingOneClient, env_id: str, items: Mapping[str, List[Item]], prune: bool, check_mode: bool,
                 concurrency: int, warn: Callable[[str], None] = lambda message: None, resolver: Optional[Resolver] = None,
                 legacy: Optional[Mapping[str, Callable[[], List[ObjectResult]]]] = None,
                 legacy_prune: Optional[Mapping[str, Callable[[], List[ObjectResult]]]] = None,
                 claimed: Optional[Mapping[str, List[str]]] = None):
        self.claimed = dict(claimed or {})
        # A claimed kind with no item (every list option of it empty) is a kind of the description all the same.
        items = dict(items, **{kind: [] for kind in self.claimed if kind not in items})
        self.client, self.env_id, self.items, self.prune, self.check_mode = client, env_id, items, prune, check_mode
        self.concurrency = max(1, min(concurrency, MAX_CONCURRENCY))
        self.warn = warn
        self.resolver = resolver or Resolver(client, env_id)
        self.legacy = dict(legacy or {})
        self.legacy_prune = dict(legacy_prune or {})
        self.results: List[ObjectResult] = []
        self.kept: Dict[str, Set[str]] = {}        # kind -> ids of the objects the description holds (prune keeps them)
        self.failed: Set[Tuple[str, str]] = set()  # (registry kind, name casefolded) of objects that failed
        self.unsent: Dict[str, List[Item]] = {}    # kind -> the items that failed or were not sent (prune keeps what may be them)
        self._planned = 0

    def planned_id(self) -> str:
        self._planned += 1
        return '%s%d' % (PLANNED, self._planned)

    # --- running ------------------------------------------------------------------------------------------------
    def run(self) -> List[ObjectResult]:
        # A phase with deletions only (prune) has its place in the order too.
        order = levels(list(self.items), list(self.legacy) + [phase for phase in self.legacy_prune if phase not in self.legacy])
        for level in order:
            self.run_level(level)
        if self.prune:
            for level in reversed(order):
                self.prune_level(level)
        return self.results

    def run_level(self, level: List[str]) -> None:
        jobs: List[Callable[[], List[ObjectResult]]] = [self.legacy[unit] for unit in level if unit in self.legacy]
        jobs += [(lambda item=item: [self.ensure(item)]) for unit in level for item in self.items.get(unit, ())]
        for results in self._each(jobs):
            self.results.extend(results)

    def _each(self, jobs: List[Callable[[], List[ObjectResult]]]) -> List[List[ObjectResult]]:
        if not jobs:
            return []
        with ThreadPoolExecutor(max_workers=min(self.concurrency, len(jobs))) as pool:
            return list(pool.map(lambda job: job(), jobs))

    def ensure(self, item: Item) -> ObjectResult:
        kind = item.kind
        blocker = self.blocked_by(item)
        if blocker:
            self.failed.add((kind.name, item.key_label.casefold()))
            self.unsent.setdefault(kind.name, []).append(item)
            return ObjectResult(kind.name, item.label, 'failed', msg='Not sent: it needs %s, which could not be written.' % blocker)
        tries: List[ConfigTask] = []
        existed = None    # whether the object was there at the first look-up that was answered
        sent = False      # a try failed after its look-up: the write it sent may have been applied, its answer lost

        def attempt() -> Outcome:
            tries.append(ConfigTask(self, item))
            return tries[-1].run(self.check_mode)

        def look_again() -> None:
            nonlocal existed, sent
            # After the look-up a task sends only its write; before it, only reads failed (nothing was sent).
            existed = tries[-1].existed if existed is None else existed
            sent = sent or tries[-1].existed is not None
            parent_id = self.parent_id(item) if kind.parent else None
            if parent_id or not kind.parent:   # a parent not found (its list failed too): nothing under it was read
                self.resolver.forget(kind.collection_for(self.env_id, parent_id))
        try:
            outcome = converge(attempt, look_again, self.client.transport.sleep)
        except PingOneError as error:
            return self.failure(item, error)
        action = outcome.action
        if existed is False and action in ('unchanged', 'updated'):
            action = 'created'   # made by this run, its answer lost on the way
        elif existed and sent and action == 'unchanged':
            action = 'updated'   # changed by this run, its answer lost on the way
        obj_id = outcome.object.get('id') if isinstance(outcome.object, dict) else None
        if obj_id:
            self.kept.setdefault(kind.name, set()).add(str(obj_id).lower())
        return ObjectResult(kind.name, item.label, action, diff=outcome.diff if action != 'unchanged' else None, id=obj_id)

    def failure(self, item: Item, error: PingOneError) -> ObjectResult:
        self.failed.add((item.kind.name, item.key_label.casefold()))
        self.unsent.setdefault(item.kind.name, []).append(item)
        return ObjectResult(item.kind.name, item.label, 'failed', msg=str(error))

    def parent_id(self, item: Item) -> Optional[str]:
        return self.parent_id_of(item.kind, item.parent)

    def parent_id_of(self, kind: registry.Kind, name: Optional[str]) -> Optional[str]:
        """The id of the parent named ``name`` of a ``kind`` (a template's name: the name), None when it cannot be found."""
        parent = registry.get_kind(kind.parent)
        if parent.addressed_by != 'id':
            return name
        try:
            return self.resolver.find(parent, None, name, 'parent')['id']
        except PingOneError:
            return None

    def blocked_by(self, item: Item) -> Optional[str]:
        """The object this one needs that failed in this run (its parent, or one its definition names), if any."""
        needed = [(item.kind.parent, item.parent)] if item.kind.parent else []
        needed += [(reference.kind, reference.name) for reference in named_references(item.kind, item.definition)]
        for other, name in needed:
            if (other, str(name).casefold()) in self.failed:
                return 'the %s %r' % (other.replace('_', ' '), name)
        return None

    # --- pruning -------------------------------------------------------------------------------------------------
    def prune_level(self, level: List[str]) -> None:
        jobs: List[Callable[[], List[ObjectResult]]] = [self.legacy_prune[unit] for unit in level if unit in self.legacy_prune]
        for unit in level:
            if unit in self.items:
                jobs += [(lambda obj=obj, path=path, unit=unit, parent=parent: [self.delete(unit, obj, path, parent)])
                         for obj, path, parent in self.unlisted(unit)]
        for results in self._each(jobs):
            self.results.extend(results)

    def unlisted(self, kind_name: str) -> List[Tuple[Dict[str, Any], str, Optional[str]]]:
        """(object, its collection, its parent's name) of ``kind_name`` that the description does not list and PingOne lets go of.

        An object the description lists is kept by its id, known once it was written or found unchanged (in check mode, one
        the run plans to make has a planned id, and is never in the list of deletions); one whose write
        failed (or was not sent) has none here, so an object that may be it (the same key, or any when the key is a reference,
        which the description gives by name and PingOne by id) is kept as well."""
        kind = registry.get_kind(kind_name)
        if kind.singleton:
            return []
        parents = [(None, None)] if not kind.parent else self.described_parents(kind)
        kept = self.kept.get(kind_name, set())
        found = []
        for parent_id, parent in parents:
            collection = kind.collection_for(self.env_id, parent_id)
            unsent = [item for item in self.unsent.get(kind_name, ()) if not kind.parent or self.parent_id(item) == parent_id]
            for obj in self.resolver.items(collection):
                if isinstance(obj, dict) and str(obj.get('id')).lower() not in kept and not kind.refuses_delete(obj) \
                        and not str(obj.get('id')).startswith(PLANNED) and not any(may_be(item, obj) for item in unsent):
                    found.append((obj, collection, parent))
        return found

    def described_parents(self, kind: registry.Kind) -> List[Tuple[str, str]]:
        """(id (a template's name), name) of the parents whose children the description lists (its items' parents, and the
        parents it claims, even with none listed): those already there."""
        found: List[Tuple[str, str]] = []
        names = [item.parent for item in self.items.get(kind.name, ())] + list(self.claimed.get(kind.name, ()))
        for name in names:
            parent_id = self.parent_id_of(kind, name)
            if parent_id and not parent_id.startswith(PLANNED) and parent_id not in [known for known, _name in found]:
                found.append((parent_id, str(name)))
        return found

    def key_by_name(self, kind: registry.Kind, obj: Dict[str, Any]) -> str:
        """``obj``'s key as a description gives it: a key field naming another object (a grant's ``resource.id``) by that
        object's name, from the list the run read; by its id when the list cannot be read."""
        view = obj
        for path in kind.key:
            other_name = kind.references.get(path)
            if other_name is None or registry.get_kind(other_name).parent or not path.endswith('.id'):
                continue
            try:
                listed = self.resolver.items(registry.get_kind(other_name).collection_for(self.env_id))
            except PingOneError:
                continue
            wanted = str(get_path(obj, path)).lower()
            found = next((other for other in listed if isinstance(other, dict) and str(other.get('id')).lower() == wanted), None)
            if found is not None and found.get('name'):
                view = copy.deepcopy(view) if view is obj else view
                set_path(view, path[:-len('.id')], {'name': found['name']})
        return key_label(kind, view, obj.get('name'))

    def delete(self, kind_name: str, obj: Dict[str, Any], collection: str, parent: Optional[str] = None) -> ObjectResult:
        kind = registry.get_kind(kind_name)
        label = self.key_by_name(kind, obj)
        label = '%s/%s' % (parent, label) if parent is not None else label   # as Item.label names a child
        before = without(obj, kind.secrets)
        try:
            if not self.check_mode:
                self.client.request('DELETE', '%s/%s' % (collection, obj[kind.addressed_by]))
        except PingOneError as error:
            return ObjectResult(kind_name, label, 'failed', msg=str(error))
        return ObjectResult(kind_name, label, 'deleted', diff={'before': before, 'after': {}}, id=obj.get('id'))
