# -*- coding: utf-8 -*-
# Copyright: (c) 2026, pingone.platform maintainers
# GNU General Public License v3.0+ (see LICENSE or https://www.gnu.org/licenses/gpl-3.0.txt)
"""ordered_children.plan: every sequence ends as wanted, never with two children at one priority, never deleting the last."""

from __future__ import annotations

import itertools
from typing import Any, Dict, List, Mapping, Sequence

import pytest

from ansible_collections.pingone.platform.plugins.module_utils.ordered_children import Step, plan


def simulate(current: Sequence[Mapping[str, Any]], wanted: Sequence[Mapping[str, Any]], steps: Sequence[Step]) -> List[Dict[str, Any]]:
    """Apply ``steps`` as PingOne would, refusing what it refuses (two children at one priority, deleting the last
    child); the children at the end, in priority order. The tests' model of PingOne."""
    children: Dict[Any, Dict[str, Any]] = {child['id']: dict(child) for child in current}
    for step in steps:
        if step.op == 'create':
            child_id = ('created', step.index)
            children[child_id] = dict(wanted[step.index], id=child_id, priority=step.priority)
        elif step.op == 'delete':
            if len(children) == 1:
                raise AssertionError('deletes the last child: %r' % step)
            del children[step.child_id]
        else:
            child = children[step.child_id]
            if step.index is not None:
                child = dict(wanted[step.index], id=step.child_id)
            children[step.child_id] = dict(child, priority=step.priority)
        priorities = [child['priority'] for child in children.values()]
        if len(priorities) != len(set(priorities)):
            raise AssertionError('two children at one priority after %r: %r' % (step, sorted(priorities)))
    return sorted(children.values(), key=lambda child: child['priority'])


def same_kind(wanted, child):
    return wanted['type'] == child['type']


def differs(wanted, child):
    return any(child.get(key) != value for key, value in wanted.items())


def children(*types):
    return [{'id': 'c%d' % number, 'priority': number, 'type': kind} for number, kind in enumerate(types, 1)]


def wanted(*types, **extra):
    return [dict({'type': kind}, **extra) for kind in types]


def run(current, want):
    steps = plan(current, want, same_kind, differs)
    final = simulate(current, want, steps)
    assert [child['priority'] for child in final] == list(range(1, len(want) + 1))
    assert [child['type'] for child in final] == [item['type'] for item in want]
    for child, item in zip(final, want):
        assert not differs(item, child)
    return steps


def test_unchanged_plans_nothing():
    assert run(children('LOGIN', 'MFA'), wanted('LOGIN', 'MFA')) == []


def test_one_to_three_creates_at_free_priorities():
    steps = run(children('LOGIN'), wanted('LOGIN', 'MFA', 'AGREEMENT'))
    assert steps == [Step('create', priority=2, index=1), Step('create', priority=3, index=2)]


def test_three_to_one_deletes_the_others_never_the_last():
    steps = run(children('LOGIN', 'MFA', 'AGREEMENT'), wanted('LOGIN'))
    assert [step.op for step in steps] == ['delete', 'delete']
    assert {step.child_id for step in steps} == {'c2', 'c3'}


def test_one_three_one():
    current = children('LOGIN')
    want = wanted('LOGIN', 'MFA', 'AGREEMENT')
    final = simulate(current, want, run(current, want))
    run(final, wanted('LOGIN'))


def test_type_change_of_the_only_action_creates_first():
    steps = run(children('LOGIN'), wanted('MFA'))
    assert steps == [Step('create', priority=2, index=0), Step('delete', priority=1, child_id='c1'),
                     Step('update', priority=1, index=0, child_id=('created', 0))]


def test_reversal_of_three_moves_through_a_free_priority():
    steps = run(children('LOGIN', 'MFA', 'AGREEMENT'), wanted('AGREEMENT', 'MFA', 'LOGIN'))
    assert [step.op for step in steps] == ['update', 'update', 'update']
    assert max(step.priority for step in steps) == 4


def test_a_settings_change_in_place_is_one_update():
    steps = run(children('LOGIN', 'MFA'), [{'type': 'LOGIN'}, {'type': 'MFA', 'noDevicesMode': 'BYPASS'}])
    assert steps == [Step('update', priority=2, index=1, child_id='c2')]


def test_gaps_in_current_priorities_close():
    current = [{'id': 'a', 'priority': 3, 'type': 'LOGIN'}, {'id': 'b', 'priority': 7, 'type': 'MFA'}]
    run(current, wanted('LOGIN', 'MFA'))


def test_empty_wanted_is_refused():
    with pytest.raises(ValueError):
        plan(children('LOGIN'), [], same_kind, differs)


TYPES = ('LOGIN', 'MFA', 'AGREEMENT', 'IDP')


@pytest.mark.parametrize('before', [combo for size in (1, 2, 3) for combo in itertools.product(TYPES[:3], repeat=size)])
def test_every_small_sequence(before):
    for size in (1, 2, 3):
        for after in itertools.product(TYPES, repeat=size):
            run(children(*before), wanted(*after))
