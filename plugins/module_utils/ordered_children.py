# -*- coding: utf-8 -*-
# Copyright: (c) 2026, pingone.platform maintainers
# GNU General Public License v3.0+ (see LICENSE or https://www.gnu.org/licenses/gpl-3.0.txt)
"""Ordered children of one object (a sign-on policy's actions): the writes that turn what PingOne has into
the wanted list, in an order PingOne accepts.

PingOne holds each child at a ``priority`` (1 first), refuses two children at one priority (TF #408) and
refuses to delete the last child of the parent (TF #68). ``plan`` therefore:

1. matches wanted items to current children of the same kind (same position first, then the first free one);
   a child whose kind changes is replaced (created new, the old one deleted);
2. creates the new children first, each at its final priority when that is free, else at a free priority
   above every one in use (so the parent never has fewer than one child);
3. deletes the children that are not wanted;
4. moves the rest to their final priorities, each when its final priority is free; a cycle (a reversal)
   is broken by moving one child to a free priority above every one in use first;
5. updates, in place, the children whose fields differ and did not move (a move carries the wanted fields).

``plan`` only plans; ``send`` sends the steps in order.
"""

from __future__ import annotations

from typing import Any, Callable, Dict, List, Mapping, Optional, Sequence

from ansible_collections.pingone.platform.plugins.module_utils import registry
from ansible_collections.pingone.platform.plugins.module_utils.api import PingOneClient
from ansible_collections.pingone.platform.plugins.module_utils.objects import merge


class Step:
    """One write: ``create`` (``index`` of the wanted item), ``update`` (``child_id``, ``index``; ``index`` None for
    a move to a free priority that keeps the child's fields) or ``delete`` (``child_id``)."""

    def __init__(self, op: str, priority: Optional[int] = None, index: Optional[int] = None, child_id: Optional[str] = None):
        self.op = op
        self.priority = priority
        self.index = index
        self.child_id = child_id

    def __repr__(self) -> str:
        return 'Step(%r, priority=%r, index=%r, child_id=%r)' % (self.op, self.priority, self.index, self.child_id)

    def __eq__(self, other: Any) -> bool:
        return isinstance(other, Step) and vars(self) == vars(other)


def match(current: Sequence[Mapping[str, Any]], wanted: Sequence[Mapping[str, Any]],
          same_kind: Callable[[Mapping[str, Any], Mapping[str, Any]], bool]) -> Dict[int, int]:
    """wanted index -> current index, for the wanted items a current child of the same kind serves."""
    matched: Dict[int, int] = {}
    used = set()
    for index, item in enumerate(wanted):   # the child at the same position first: a settings change stays in place
        if index < len(current) and same_kind(item, current[index]):
            matched[index] = index
            used.add(index)
    for index, item in enumerate(wanted):
        if index in matched:
            continue
        other = next((position for position, child in enumerate(current) if position not in used and same_kind(item, child)), None)
        if other is not None:
            matched[index] = other
            used.add(other)
    return matched


def plan(current: Sequence[Mapping[str, Any]], wanted: Sequence[Mapping[str, Any]],
         same_kind: Callable[[Mapping[str, Any], Mapping[str, Any]], bool],
         differs: Callable[[Mapping[str, Any], Mapping[str, Any]], bool]) -> List[Step]:
    """The steps that turn ``current`` (children with ``id`` and ``priority``, in priority order) into ``wanted``
    (the item at index i ends at priority i + 1). ``wanted`` must not be empty (a parent keeps one child)."""
    if not wanted:
        raise ValueError('an ordered parent keeps at least one child')
    current = sorted(current, key=lambda child: child['priority'])
    matched = match(current, wanted, same_kind)
    occupied = {child['priority'] for child in current}
    steps: List[Step] = []

    def free_above() -> int:
        return max(occupied | {len(wanted)}) + 1

    # Where each wanted item is now: a current child's priority, or (after creation) where it was created.
    position: Dict[int, int] = {index: current[other]['priority'] for index, other in matched.items()}
    created = set()
    for index in range(len(wanted)):
        if index in matched:
            continue
        priority = index + 1 if index + 1 not in occupied else free_above()
        steps.append(Step('create', priority=priority, index=index))
        occupied.add(priority)
        position[index] = priority
        created.add(index)
    kept = set(matched.values())
    for other, child in enumerate(current):
        if other not in kept:
            steps.append(Step('delete', priority=child['priority'], child_id=child['id']))
            occupied.discard(child['priority'])
    child_ids = {index: current[other]['id'] for index, other in matched.items()}
    moved = set()
    pending = [index for index in range(len(wanted)) if position[index] != index + 1]
    while pending:
        ready = next((index for index in pending if index + 1 not in occupied), None)
        if ready is None:   # a cycle: every target is held by another pending child
            index = pending[0]
            temporary = free_above()
            steps.append(Step('update', priority=temporary, index=None, child_id=child_ids.get(index, ('created', index))))
            occupied.discard(position[index])
            occupied.add(temporary)
            position[index] = temporary
            continue
        steps.append(Step('update', priority=ready + 1, index=ready, child_id=child_ids.get(ready, ('created', ready))))
        occupied.discard(position[ready])
        occupied.add(ready + 1)
        position[ready] = ready + 1
        pending.remove(ready)
        moved.add(ready)
    for index, other in sorted(matched.items()):
        if index not in moved and differs(wanted[index], current[other]):
            steps.append(Step('update', priority=index + 1, index=index, child_id=current[other]['id']))
    return steps


def send(client: PingOneClient, path: str, kind_name: str, current: Sequence[Dict[str, Any]], wanted: Sequence[Mapping[str, Any]],
         steps: Sequence[Step]) -> List[Dict[str, Any]]:
    """Send ``steps`` (``plan``'s, for children of the registry kind ``kind_name`` at ``path``) in order: a create ``POST``s the
    wanted body at its priority, an update ``PUT``s the child's writable fields (the wanted ones applied) at its priority.
    Returns the children afterwards, in priority order."""
    held: Dict[Any, Dict[str, Any]] = {child['id']: child for child in current}
    real_ids: Dict[Any, str] = {}
    for step in steps:
        if step.op == 'create':
            body = dict(wanted[step.index], priority=step.priority)
            created = client.request('POST', path, body=body).json or {}
            real_ids[('created', step.index)] = created.get('id')
            held[created.get('id')] = created
        elif step.op == 'delete':
            client.request('DELETE', '%s/%s' % (path, step.child_id))
            held.pop(step.child_id, None)
        else:
            child_id = real_ids.get(step.child_id, step.child_id)
            child = held[child_id]
            fields = child if step.index is None else merge(child, wanted[step.index])
            body = dict(registry.writable_body(kind_name, fields), priority=step.priority)
            held[child_id] = client.request('PUT', '%s/%s' % (path, child_id), body=body).json or dict(fields, priority=step.priority)
    return sorted(held.values(), key=lambda child: child.get('priority') or 0)
