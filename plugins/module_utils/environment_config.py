# -*- coding: utf-8 -*-
# Copyright: (c) 2026, pingone.platform maintainers
# GNU General Public License v3.0+ (see LICENSE or https://www.gnu.org/licenses/gpl-3.0.txt)
"""A whole description applied in one process: what ``pingone_environment_config`` does.

The registry kinds go through ``config_engine``; the option-named kinds (``populations``, ``groups``, ``users``,
``applications``, ``role_assignments``) through ``config_legacy_plan``'s compare and ``config_legacy_apply``'s phases,
which run at their place in the same order (a population before the sign-on policy action that registers users into it).
Everything is checked before the client connects.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any, Callable, Dict, List, Mapping, Optional

from ansible_collections.pingone.platform.plugins.module_utils import config_engine, config_options, registry
from ansible_collections.pingone.platform.plugins.module_utils.api import PingOneClient
from ansible_collections.pingone.platform.plugins.module_utils.bulk import FAILURES_SHOWN, MAX_CONCURRENCY
from ansible_collections.pingone.platform.plugins.module_utils.config_engine import ObjectResult
from ansible_collections.pingone.platform.plugins.module_utils.errors import PingOneInputError
from ansible_collections.pingone.platform.plugins.module_utils.resolver import Resolver

__all__ = ['MAX_CONCURRENCY', 'ApplyResult', 'apply_description', 'check_baseline', 'export_description', 'INCLUDE_CHOICES']

# What the export's include takes: the option-named kinds by their keys (and the registry's names for them), every other
# registry kind a description holds by its name.
# option-named key -> the registry kind it stands for (role_assignments: none); also what a phase writes to
REGISTRY_NAME_OF_KEY = {key: kind for key, kind in config_engine.LEGACY_KEYS.items() if kind}
# config_legacy.KINDS and DEFAULT_KINDS (a unit test holds them equal), not imported: the module would load config_legacy at start.
LEGACY_KEYS = ('populations', 'groups', 'applications', 'role_assignments', 'users')   # the export's order of them
INCLUDE_CHOICES = list(LEGACY_KEYS) + sorted(list(config_engine.GENERIC) + list(REGISTRY_NAME_OF_KEY.values()))
DEFAULT_INCLUDE = ['populations', 'groups', 'applications', 'role_assignments'] + sorted(config_engine.GENERIC)


def export_kinds(include: Any, include_users: bool) -> List[str]:
    """The description's keys to export: ``include`` (a registry name standing for its option-named key), users with ``include_users``."""
    keys = {value: key for key, value in REGISTRY_NAME_OF_KEY.items()}
    kinds = [keys.get(name, name) for name in (include or DEFAULT_INCLUDE)]
    if include_users and 'users' not in kinds:
        kinds.append('users')
    return list(dict.fromkeys(kinds))


def export_description(client: PingOneClient, env_id: str, kinds: List[str], concurrency: int, baseline: Any = None):
    """(config, skipped objects, secrets required) of the environment ``env_id``: its option-named kinds through
    ``config_legacy``, every other kind through ``config_describe``, each read once.

    ``baseline``: an environment as PingOne makes it, by its id (read here) or its description: PingOne's own objects are then
    described only where they differ from its (``config_describe.reduce_to_baseline``)."""
    from ansible_collections.pingone.platform.plugins.module_utils import config_describe, config_legacy
    legacy = [kind for kind in kinds if kind in LEGACY_KEYS]
    config: Dict[str, Any] = {}
    skipped: List[Dict[str, Any]] = []
    if legacy:
        config, skipped = config_legacy.export(client, env_id, legacy, concurrency)
    generic = [kind for kind in kinds if kind in config_engine.GENERIC]
    needed: List[Dict[str, Any]] = []
    if generic:
        described, more, needed = config_describe.describe(client, env_id, generic, concurrency=concurrency)
        if baseline is not None:
            described = config_describe.reduce_to_baseline(described, _baseline(client, baseline, generic, concurrency))
            left = {(kind, config_describe.item_label(registry.get_kind(kind), item)) for kind, items in described.items() for item in items}
            needed = [entry for entry in needed if (entry['kind'], entry['name']) in left]
        config = config_options.fold(dict(config, **described))   # what a module's options say, in its option names
        skipped += more
    return config, skipped, needed


def _baseline(client: PingOneClient, baseline: Any, kinds: List[str], concurrency: int) -> Mapping[str, Any]:
    """The baseline description: read from the environment whose id ``baseline`` is, or ``baseline`` itself (as
    ``check_baseline`` returned it)."""
    from ansible_collections.pingone.platform.plugins.module_utils import config_describe
    if isinstance(baseline, str):
        return config_describe.describe(client, baseline, kinds, concurrency=concurrency)[0]
    return baseline


def check_baseline(baseline: Optional[Mapping[str, Any]]) -> Optional[Dict[str, Any]]:
    """A baseline description as field items (an export's items in a module's option names expanded), or PingOneInputError
    before any request for one that is not a dictionary of lists of items."""
    if baseline is None:
        return None
    for name, items in baseline.items():
        if not isinstance(items, list) or not all(isinstance(item, dict) for item in items):
            raise PingOneInputError('baseline.%s is not a list of items: give the config an earlier export returned for a new '
                                    'environment. Nothing was read.' % name, option='baseline')
    return config_options.expand(baseline)[0]


@dataclass
class ApplyResult:
    changes: int = 0
    summary: Dict[str, Dict[str, int]] = field(default_factory=dict)
    drift: Dict[str, Any] = field(default_factory=dict)
    failures: List[Dict[str, Any]] = field(default_factory=list)
    diffs: List[Dict[str, Any]] = field(default_factory=list)
    skipped: List[Dict[str, Any]] = field(default_factory=list)

    def keys(self) -> Dict[str, Any]:
        return {'changes': self.changes, 'summary': self.summary, 'drift': self.drift, 'failures': self.failures,
                'skipped_objects': self.skipped}

    def sentence(self) -> str:
        shown = '; '.join('%s %r: %s' % (failure['kind'], failure['name'], str(failure['msg']).rstrip('.'))
                          for failure in self.failures[:FAILURES_SHOWN])
        more = ' (and %d more, in failures)' % (len(self.failures) - FAILURES_SHOWN) if len(self.failures) > FAILURES_SHOWN else ''
        return ('%d object%s of the description could not be written; every other object was. Fix what is listed and run the task '
                'again, which writes only what is still different. Failures: %s%s.'
                % (len(self.failures), '' if len(self.failures) == 1 else 's', shown, more))


def apply_description(connect: Callable[[], PingOneClient], env_id: str, config: Mapping[str, Any], secrets: List[Mapping[str, Any]],
                      prune: bool, check_mode: bool, concurrency: int, warn: Callable[[str], None]) -> ApplyResult:
    """Check ``config`` whole, then connect, read, plan and (unless ``check_mode``) write."""
    fields, origins = config_options.expand(config)   # items in a module's option names, as field items
    items = config_engine.check(fields, secrets, origins)
    claimed = config_options.claimed_parents(config)   # parents whose children a list option gives (prune deletes the rest)
    legacy = config_engine.legacy_part(fields)   # the applications without their children's list options, made field items
    if legacy:
        from ansible_collections.pingone.platform.plugins.module_utils import config_legacy
        as_config(config_legacy.check_description, legacy)
    client = connect()
    result = ApplyResult()
    with client:
        resolver = Resolver(client, env_id)
        phases: Dict[str, Callable[[], List[ObjectResult]]] = {}
        prunes: Dict[str, Callable[[], List[ObjectResult]]] = {}
        if legacy:
            phases, prunes = _legacy_phases(client, env_id, legacy, resolver, prune, check_mode, concurrency, warn, result)
        run = config_engine.Run(client, env_id, items, prune, check_mode, concurrency, warn, resolver, phases, prunes, claimed)
        results = run.run()
    summary, drift, failures, diffs = config_engine.summarize(results)
    generic_changes = sum(counts['created'] + counts['updated'] + counts['deleted']
                          for kind, counts in summary.items() if kind in config_engine.GENERIC)
    result.changes += generic_changes
    result.summary.update(summary)
    result.drift.update((kind, value) for kind, value in drift.items() if kind in config_engine.GENERIC)
    result.failures += failures
    result.diffs += diffs
    return result


def _legacy_phases(client: PingOneClient, env_id: str, legacy: Mapping[str, Any], resolver: Resolver, prune: bool, check_mode: bool,
                   concurrency: int, warn: Callable[[str], None], result: ApplyResult):
    """The option-named kinds' phases, compared first (reads, no write), as callables for ``config_engine.Run``."""
    from ansible_collections.pingone.platform.plugins.module_utils import config_legacy_plan
    from ansible_collections.pingone.platform.plugins.module_utils.config_legacy_apply import PHASES, PRUNE_PHASES, apply_phase
    # compare reads its lists through the run's resolver: a list it reads (the applications, the populations) is the list a
    # registry kind's reference or parent is then found in, read once per run, not once by compare and again by the engine.
    reads = _SharedReads(client, resolver)
    _target, skipped, plan, drift, changes, labels = as_config(config_legacy_plan.compare, reads, env_id, legacy, prune, check_mode,
                                                               concurrency)
    result.skipped += skipped
    result.drift.update(drift)
    result.changes += changes
    warning = config_legacy_plan.passwordless_warning(drift)
    if warning:
        warn(warning)

    def phase(name: str) -> Callable[[], List[ObjectResult]]:
        def run() -> List[ObjectResult]:
            done = apply_phase(client, env_id, plan, name, check_mode, concurrency, warn, labels, resolver)
            _made(resolver, env_id, name, done, check_mode)
            return done
        return run
    phases = {name: phase(name) for name in PHASES if _has_work(plan, name)}
    prunes = {name.split('.', 1)[1]: phase(name) for name in PRUNE_PHASES if _has_work(plan, name)}
    return phases, prunes


def as_config(check: Callable[..., Any], *args: Any) -> Any:
    """``check(*args)``, its refusals given the option ``config`` (the export's compare gives them its own, ``compare_to``;
    their sentences name items, never the option)."""
    try:
        return check(*args)
    except PingOneInputError as error:
        if error.option == 'compare_to':
            error.option = 'config'
        raise


class _SharedReads:
    """The client, with its paged reads of a whole list (or of one filter of it) answered by ``resolver``: read once per run.

    Only compare reads through it; the phases are given the resolver itself, which learns what they write."""

    def __init__(self, client: PingOneClient, resolver: Resolver):
        self._client = client
        self._resolver = resolver

    def paginate(self, path: str, query: Optional[Mapping[str, Any]] = None) -> List[Dict[str, Any]]:
        rest = dict(query or {})
        limit, scim_filter = rest.pop('limit', None), rest.pop('filter', None)
        if rest:   # anything but a page size and a filter: not a list the resolver knows
            return self._client.paginate(path, query=query)
        return self._resolver.read(path, scim_filter, limit)

    def __getattr__(self, name: str) -> Any:
        return getattr(self._client, name)


def _has_work(plan: Mapping[str, Any], phase: str) -> bool:
    if phase.startswith('prune.'):
        return bool((plan.get('prune') or {}).get(phase.split('.', 1)[1]))
    return bool(plan.get(phase))


def _made(resolver: Resolver, env_id: str, phase: str, done: List[ObjectResult], check_mode: bool) -> None:
    """In check mode, tell the resolver the objects a phase plans to make, by name (what a phase writes, it has told the
    resolver itself)."""
    kind_name = REGISTRY_NAME_OF_KEY.get(phase)
    if not check_mode or kind_name is None or not any(item.action == 'created' for item in done):
        return
    kind = registry.get_kind(kind_name)
    path = kind.collection_for(env_id)
    resolver.items(path)
    key = kind.key[0]
    for number, item in enumerate(done):
        if item.action == 'created':
            planned = '%s%s-%d' % (config_engine.PLANNED, phase, number)
            resolver.remember(path, {key: item.name, 'id': planned})
            for child in registry.KINDS.values():
                if child.parent == kind_name:
                    resolver.known(child.collection_for(env_id, planned), [])   # nothing lives under it yet
