# -*- coding: utf-8 -*-
# Copyright: (c) 2026, pingone.platform maintainers
# GNU General Public License v3.0+ (see LICENSE or https://www.gnu.org/licenses/gpl-3.0.txt)
"""Many objects of one kind in one task: the engine's ``ensure`` for each, in parallel, with nothing lost.

PingOne has no bulk endpoint, so bulk work is many single requests. This file runs them:
- reading: one paged read of the whole collection (``limit`` 1000) when the list is long, so an
  unchanged run costs a handful of requests; one lookup per item when it is short;
- writing: ``concurrency`` workers share the client (one token, one connection pool) and its
  pace (the transport's Pacer): no request is sent inside a window a 429 announced, sends are
  spaced to ``rate_limit`` (or to the rate learned at the first 429), and a 429 uses up no
  item's retries; the task gives up only after NO_PROGRESS_TIMEOUT (120 s) without progress;
- failure: an item PingOne refuses is reported and the others go on; an item whose request
  failed on the way (5xx after retries, a dropped connection, a timeout) is looked up by its
  key again before anything is sent again, so a create whose answer was lost is found, never
  made twice;
- results: a compact entry per item, in input order, and counts by action.
"""

from __future__ import annotations

from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass
from typing import Any, Callable, Dict, List, Mapping, Optional, TypeVar

from ansible_collections.pingone.platform.plugins.module_utils.api import PingOneClient
from ansible_collections.pingone.platform.plugins.module_utils.engine import Outcome, ResourceKind, ensure, get_path
from ansible_collections.pingone.platform.plugins.module_utils.errors import (
    PingOneConnectionError,
    PingOneError,
    PingOneInputError,
    PingOneServerError,
)
from ansible_collections.pingone.platform.plugins.module_utils.resolver import Resolver
from ansible_collections.pingone.platform.plugins.module_utils.transport import bounded_backoff

DEFAULT_CONCURRENCY = 8
MAX_CONCURRENCY = 50
READ_ALL_FROM = 20          # items: from this many on, the collection is read once instead of once per item
PAGE_LIMIT = 1000           # the largest page PingOne serves for users
CONVERGE_ATTEMPTS = 4       # tries of one item's writes when its requests fail on the way
CONVERGE_FIRST_WAIT = 0.5   # seconds before the first look-up again, doubling: a server that just failed is not asked at once
CONVERGE_MAX_WAIT = 2.0
ACTIONS = ('created', 'updated', 'unchanged', 'deleted', 'failed')
FAILURES_SHOWN = 5
# Failures after which PingOne may have acted although no answer arrived: look again before sending again.
IN_DOUBT = (PingOneServerError, PingOneConnectionError)


T = TypeVar('T')


def converge(attempt: Callable[[], T], look_again: Callable[[], None], sleep: Callable[[float], None]) -> T:
    """``attempt()`` until it answers, at most CONVERGE_ATTEMPTS times: after a failure that may have written (IN_DOUBT),
    ``look_again()`` (the next attempt reads PingOne, never trusts an earlier read) and a pause, then try again; the last
    failure, and any other error, is raised."""
    waits = bounded_backoff(CONVERGE_FIRST_WAIT, CONVERGE_MAX_WAIT, float('inf'))
    for _try in range(1, CONVERGE_ATTEMPTS):
        try:
            return attempt()
        except IN_DOUBT:
            look_again()
            # Asking at once would only meet the same failing server again (and spend every try in a blink).
            sleep(next(waits))
    return attempt()


@dataclass
class ItemResult:
    key: str
    action: str = 'failed'
    id: Optional[str] = None
    msg: Optional[str] = None
    diff: Optional[Dict[str, Any]] = None

    @property
    def changed(self) -> bool:
        return self.action in ('created', 'updated', 'deleted')   # or would be, in check mode

    def entry(self, key_name: str) -> Dict[str, Any]:
        entry = {key_name: self.key, 'id': self.id, 'action': self.action}
        if self.msg:
            entry['msg'] = self.msg
        return entry


@dataclass
class BulkResult:
    items: List[ItemResult]

    @property
    def summary(self) -> Dict[str, int]:
        """How many items were (or would be) created, updated, unchanged, deleted and failed."""
        counts = dict.fromkeys(ACTIONS, 0)
        for item in self.items:
            counts[item.action] += 1
        return counts

    @property
    def changed(self) -> bool:
        return any(item.changed for item in self.items)

    @property
    def failed(self) -> List[ItemResult]:
        return [item for item in self.items if item.action == 'failed']

    def sentence(self, kind: str, key_name: str) -> str:
        """One sentence: the counts, then the first failures with their reasons."""
        counts = ', '.join('%d %s' % (self.summary.get(action, 0), action) for action in ACTIONS)
        failures = '; '.join('%s %r: %s' % (key_name, item.key, (item.msg or '').rstrip('.')) for item in self.failed[:FAILURES_SHOWN])
        more = ' (and %d more)' % (len(self.failed) - FAILURES_SHOWN) if len(self.failed) > FAILURES_SHOWN else ''
        return ('%d of %d %ss could not be written (%s). Every other %s was written; fix the ones listed and run the task again, '
                'which changes only what is still different. Failures: %s%s.' % (len(self.failed), len(self.items), kind, counts, kind,
                                                                                 failures, more))


class CollectionIndex:
    """The objects of a collection by key, read once by paging; answers as ``ResourceKind.find`` does
    (exact match, two matches refused, a case-only clash refused or warned about)."""

    def __init__(self, items, kind: ResourceKind):
        self.kind = kind
        self._folded: Dict[str, List[Dict[str, Any]]] = {}
        for item in items:
            key = get_path(item, kind.key.api) if isinstance(item, dict) else None
            if isinstance(key, str):
                self._folded.setdefault(key.casefold(), []).append(item)

    def find(self, name: str, warn: Callable[[str], None], creating: bool) -> Optional[Dict[str, Any]]:
        return self.kind.pick(self._folded.get(name.casefold(), []), name, warn, creating)


def refuse_duplicates(keys: List[Any], option: str, key_name: str, what: str) -> None:
    """Refuse, before any request, a list that names one object twice: PingOne compares these keys ignoring case.

    Blank keys are left to the per-item checks. One sentence names both positions (1-based), and says when
    the two differ only in case.
    """
    seen: Dict[str, int] = {}
    for index, key in enumerate(keys):
        if not isinstance(key, str) or not key.strip():
            continue
        first = seen.setdefault(key.casefold(), index)
        if first == index:
            continue
        if keys[first] == key:
            message = '%s lists %s %r twice (items %d and %d)' % (option, key_name, key, first + 1, index + 1)
        else:
            message = ('%s lists %s %r (item %d) and %r (item %d), which differ only in case; PingOne compares %ss ignoring '
                       'case, so both are one %s' % (option, key_name, keys[first], first + 1, key, index + 1, key_name, what))
        raise PingOneInputError('%s: give each %s once. Nothing was written.' % (message, what), option=option)


def each(action: Callable[[Any], Any], items: List[Any], concurrency: int = DEFAULT_CONCURRENCY) -> List[Optional[PingOneError]]:
    """``action(item)`` for every item, ``concurrency`` at a time; the PingOneError of each item (None when it worked).

    Pacing is the transport's: a module that calls this connects with ``connect(module, workers=concurrency)``,
    which makes its transport a bulk one (a pool of that many connections, ``TransportSettings.bulk``)."""
    def one(item):
        try:
            action(item)
        except PingOneError as error:
            return error
        return None
    if not items:
        return []
    with ThreadPoolExecutor(max_workers=max(1, min(concurrency, MAX_CONCURRENCY, len(items)))) as pool:
        return list(pool.map(one, items))


def read_index(client: PingOneClient, kind: ResourceKind, collection: str) -> CollectionIndex:
    return CollectionIndex(client.paginate(collection, query={'limit': PAGE_LIMIT}), kind)


def _converge(client: PingOneClient, kind: ResourceKind, collection: str, params: Mapping[str, Any], check_mode: bool,
              warn: Callable[[str], None], current: Any, resolver: Optional[Resolver] = None) -> ItemResult:
    """``ensure`` for one item; a request that failed on the way is followed by a fresh look-up, never a blind resend.

    The action says what this run did: an object missing when the run began and present at its end
    was created by it, even when the answer to the create was lost and the retry found it.
    """
    key = params[kind.key.option]
    missing_at_start = current is None
    looked_up = [current]   # what the next try starts from: Ellipsis, look it up again

    def attempt() -> Outcome:
        # With a resolver, a failure has it forget the collection: the look-up reads it again.
        return ensure(client, kind, collection, params, check_mode, warn, current=looked_up[0], resolver=resolver)

    def look_again() -> None:
        looked_up[0] = Ellipsis   # the write may have been applied although its answer was lost
    try:
        outcome = converge(attempt, look_again, client.transport.sleep)
    except PingOneError as error:
        return ItemResult(key, msg=str(error))
    action = 'unchanged' if outcome.action == 'absent' else outcome.action
    if missing_at_start and params.get('state', 'present') != 'absent' and action in ('unchanged', 'updated'):
        action = 'created'
    obj_id = outcome.object.get('id') if isinstance(outcome.object, dict) else None
    return ItemResult(key, action=action, id=obj_id, diff=outcome.diff if action != 'unchanged' else None)


def run(client: PingOneClient, kind: ResourceKind, collection: str, items: List[Dict[str, Any]], check_mode: bool,
        concurrency: int = DEFAULT_CONCURRENCY, warn: Callable[[str], None] = lambda message: None,
        prepare: Optional[Callable[[Dict[str, Any]], Dict[str, Any]]] = None, resolver: Optional[Resolver] = None) -> BulkResult:
    """``ensure`` every item (a dict of the kind's options, state included), ``concurrency`` at a time.

    ``prepare(item)`` turns an item into the params ``ensure`` takes, raising PingOneInputError for
    bad input: that item fails, the others go on. A list with one key twice (or twice differing only
    in case) is refused whole, before any request (``refuse_duplicates``): one object, two descriptions.
    The client's transport should be a bulk one (``connect(module, workers=concurrency)``): one shared window
    per 429, spaced sends, no retry used up by a 429.
    ``resolver`` (a ``resolver.Resolver`` of the task or run): the collection is read through it (the same requests, once
    per task), and what is written is told to it (``engine.ensure``).
    """
    refuse_duplicates([item.get(kind.key.option) for item in items], '%ss' % kind.kind, kind.key.option, kind.kind)   # users
    results: List[Optional[ItemResult]] = [None] * len(items)
    prepared: List[Optional[Dict[str, Any]]] = [None] * len(items)
    for index, item in enumerate(items):
        key = str(item.get(kind.key.option) or '')
        try:
            prepared[index] = prepare(item) if prepare else dict(item)
        except PingOneInputError as error:
            results[index] = ItemResult(key, msg=str(error))
    index_ = None
    if len(items) >= READ_ALL_FROM:
        index_ = CollectionIndex(resolver.read(collection, limit=PAGE_LIMIT), kind) if resolver else read_index(client, kind, collection)

    def one(position: int) -> ItemResult:
        params = prepared[position]
        name = params[kind.key.option]
        present = params.get('state', 'present') != 'absent'
        try:
            if index_ is not None:
                current = index_.find(name, warn, creating=present)
            elif resolver is not None:
                current = resolver.current(kind, collection, name, warn, creating=present)
            else:
                current = kind.find(client, collection, name, warn, creating=present)
        except PingOneError as error:
            return ItemResult(name, msg=str(error))
        return _converge(client, kind, collection, params, check_mode, warn, current, resolver)

    todo = [position for position, params in enumerate(prepared) if params is not None]
    workers = max(1, min(concurrency, MAX_CONCURRENCY, len(todo) or 1))
    with ThreadPoolExecutor(max_workers=workers) as pool:
        for position, result in zip(todo, pool.map(one, todo)):
            results[position] = result
    return BulkResult(results)   # every position holds a result: a refused item, or its outcome
