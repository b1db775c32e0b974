# -*- coding: utf-8 -*-
# Copyright: (c) 2026, pingone.platform maintainers
# GNU General Public License v3.0+ (see LICENSE or https://www.gnu.org/licenses/gpl-3.0.txt)
"""Applying the plan of config_legacy_plan in one process: what the role environment_config's tasks do with it.

The role runs one module task per object (pingone_population, pingone_group, pingone_user with users,
pingone_group with members, pingone_application, pingone_role_assignment, then the deletions). Here each
phase of the plan goes through the very functions those modules' main() call (population.py, group.py,
user.py, application.py, role_assignment.py), with the arguments those tasks give and the module's
defaults for the others, so a plan has one meaning whichever of the two applies it.

- ``apply_phase`` applies one phase, so a caller can interleave the phases with other kinds of objects;
  ``PHASE_NEEDS`` says which phases must be done before each one; ``apply_plan`` runs them all in order.
- Within a phase, objects are written ``concurrency`` at a time, on one shared client (one token, one
  connection pool, the transport's pace: connect with ``workers=concurrency``). The members of a group are
  written ``concurrency`` at a time too, one group after the other, so no more than ``concurrency`` requests
  are in flight.
- A PingOneError fails that object only: its result holds the error's sentence, and the others go on.
- Every phase finds its objects, and the names they give, through one ``Resolver`` (the run's, given to ``apply_phase``;
  ``apply_plan`` makes one for all its phases): each list is read once, and what a phase writes is told to it, so a later
  phase finds the objects made without reading again. A write that may have been applied although it failed has it
  forget that list (``engine.ensure``): the next look-up reads it again.
"""

from __future__ import annotations

from concurrent.futures import ThreadPoolExecutor
from typing import Any, Callable, Dict, List, Mapping, Optional, Sequence, Tuple

from ansible_collections.pingone.platform.plugins.module_utils.api import PingOneClient
from ansible_collections.pingone.platform.plugins.module_utils.application import APPLICATION_OPTIONS, check_application, ensure_application_task
from ansible_collections.pingone.platform.plugins.module_utils.bulk import MAX_CONCURRENCY
from ansible_collections.pingone.platform.plugins.module_utils.config_engine import ObjectResult   # one result type for every kind
from ansible_collections.pingone.platform.plugins.module_utils.errors import PingOneError
from ansible_collections.pingone.platform.plugins.module_utils.group import GROUP_OPTIONS, check_group, ensure_group
from ansible_collections.pingone.platform.plugins.module_utils.kinds import PopulationKind
from ansible_collections.pingone.platform.plugins.module_utils.population import POPULATION_OPTIONS, check_population, ensure_population
from ansible_collections.pingone.platform.plugins.module_utils.resolver import Resolver
from ansible_collections.pingone.platform.plugins.module_utils.role_assignment import (
    ROLE_ASSIGNMENT_OPTIONS,
    check_role_assignment,
    ensure_role_assignment,
)
from ansible_collections.pingone.platform.plugins.module_utils.user import USER_ITEM_OPTIONS, USER_MODULE_OPTIONS, ensure_users

PHASES = ('populations', 'groups', 'users', 'memberships', 'applications', 'role_assignments')
PRUNE_PHASES = ('prune.role_assignments', 'prune.applications', 'prune.users', 'prune.groups', 'prune.populations')
# The phases each phase needs done first: what its objects name (a population, a subject, a scope) exists by then.
PHASE_NEEDS: Dict[str, Tuple[str, ...]] = {
    'populations': (),
    'groups': ('populations',),
    'users': ('populations',),
    'memberships': ('groups', 'users'),
    'applications': (),
    'role_assignments': ('users', 'groups', 'applications', 'populations'),
}
# Deletions after every create and update, in reverse order: what lives in (or refers to) an object goes before it.
PHASE_NEEDS.update((phase, PHASES + PRUNE_PHASES[:index]) for index, phase in enumerate(PRUNE_PHASES))

# The arguments each of the role's tasks gives its module from a plan item (the others take the module's default).
POPULATION_ARGS = ('name', 'description')
GROUP_ARGS = ('name', 'description', 'population', 'population_id', 'members')
MEMBERSHIP_ARGS = ('name', 'population', 'population_id', 'members', 'purge_members')
APPLICATION_ARGS = ('name', 'type', 'enabled', 'description', 'redirect_uris', 'post_logout_redirect_uris', 'grant_types', 'response_types',
                    'token_endpoint_auth_method', 'pkce_enforcement')
ROLE_ASSIGNMENT_ARGS = ('user', 'user_id', 'group', 'group_id', 'application', 'application_id', 'role_id', 'scope_type', 'scope_id',
                        'scope_name', 'state')
PRUNE_GROUP_ARGS = ('name', 'population_id')

Warn = Callable[[str], None]


def module_params(options: Mapping[str, Mapping[str, Any]], given: Mapping[str, Any], names: Sequence[str],
                  **fixed: Any) -> Dict[str, Any]:
    """The params a module's main() sees for a task that gives ``names`` of ``given``: every option of the module,
    those the task leaves out at their default (as ``default(omit)`` leaves them in the role)."""
    params = {name: spec.get('default') for name, spec in options.items()}
    params.update((name, given[name]) for name in names if given.get(name) is not None)
    params.update(fixed)
    return params


def action_of(changed: bool, diff: Mapping[str, Any]) -> str:
    """A module result's change as an action: nothing before is a create, nothing after a delete."""
    if not changed:
        return 'unchanged'
    if not diff.get('before'):
        return 'created'
    return 'deleted' if not diff.get('after') else 'updated'


def run_each(kind: str, items: Sequence[Mapping[str, Any]], labels: Sequence[str],
             apply: Callable[[Mapping[str, Any]], Tuple[str, Optional[Dict[str, Any]]]], concurrency: int) -> List[ObjectResult]:
    """``apply(item)`` -> (action, diff) for every item, ``concurrency`` at a time, results in the items' order."""
    def one(position: int) -> ObjectResult:
        try:
            action, diff = apply(items[position])
        except PingOneError as error:
            return ObjectResult(kind, labels[position], 'failed', msg=str(error))
        return ObjectResult(kind, labels[position], action, diff=diff if action != 'unchanged' else None)

    if not items:
        return []
    with ThreadPoolExecutor(max_workers=max(1, min(concurrency, MAX_CONCURRENCY, len(items)))) as pool:
        return list(pool.map(one, range(len(items))))


class PhaseRun:
    """One phase of one plan: the client, the environment and how to write, shared by that phase's objects."""

    def __init__(self, client: PingOneClient, env_id: str, plan: Mapping[str, Any], check_mode: bool, concurrency: int, warn: Warn,
                 labels: Optional[Mapping[str, Any]], resolver: Resolver):
        self.client, self.env_id, self.plan = client, env_id, plan
        self.check_mode, self.concurrency, self.warn = check_mode, concurrency, warn
        self.labels = labels if labels is not None else plan.get('labels') or {}
        self.resolver = resolver

    def items(self, phase: str) -> List[Mapping[str, Any]]:
        if phase.startswith('prune.'):
            return list((self.plan.get('prune') or {}).get(phase.split('.', 1)[1]) or ())
        return list(self.plan.get(phase) or ())

    # --- populations ------------------------------------------------------------------------------------------
    def population(self, item: Mapping[str, Any], state: str = 'present') -> Tuple[str, Optional[Dict[str, Any]]]:
        params = module_params(POPULATION_OPTIONS, item, POPULATION_ARGS, target_environment_id=self.env_id, state=state)
        check_population(params)
        outcome = ensure_population(self.client, self.env_id, params, self.check_mode, self.warn, self.resolver)
        return ('unchanged' if outcome.action == 'absent' else outcome.action), outcome.diff

    def populations(self, items: List[Mapping[str, Any]]) -> List[ObjectResult]:
        return run_each('populations', items, names(items), self.population, self.concurrency)

    def prune_populations(self, items: List[Mapping[str, Any]]) -> List[ObjectResult]:
        if self.check_mode and self.items('prune.users'):
            # pingone_population refuses to delete a population that holds users, in check mode too, and in check mode the
            # users to prune are still there: the role skips this task then, and the drift lists these deletions.
            return [ObjectResult('populations', item['name'], 'deleted') for item in items]
        if not self.check_mode:
            # Whether one may go depends on its userCount, which the users this run wrote changed since the list was read.
            self.resolver.forget(PopulationKind().collection(self.env_id))
        return run_each('populations', items, names(items), lambda item: self.population(item, 'absent'), self.concurrency)

    # --- groups and their members -------------------------------------------------------------------------------
    def group(self, item: Mapping[str, Any], args: Sequence[str], **fixed: Any) -> Tuple[str, Optional[Dict[str, Any]]]:
        params = module_params(GROUP_OPTIONS, item, args, target_environment_id=self.env_id, concurrency=self.concurrency, **fixed)
        check_group(params)
        changed, _group, _members, diff = ensure_group(self.client, self.env_id, params, self.check_mode, self.warn, self.resolver)
        return action_of(changed, diff), diff

    def groups(self, items: List[Mapping[str, Any]]) -> List[ObjectResult]:
        return run_each('groups', items, names(items), lambda item: self.group(item, GROUP_ARGS), self.concurrency)

    def memberships(self, items: List[Mapping[str, Any]]) -> List[ObjectResult]:
        # One group at a time: each group's additions and removals are already sent `concurrency` at a time.
        return run_each('memberships', items, names(items), lambda item: self.group(item, MEMBERSHIP_ARGS), 1)   # as the drift names them

    def prune_groups(self, items: List[Mapping[str, Any]]) -> List[ObjectResult]:
        return run_each('groups', items, names(items), lambda item: self.group(item, PRUNE_GROUP_ARGS, state='absent'), self.concurrency)

    # --- users, as one pingone_user task with users ---------------------------------------------------------
    def users(self, items: List[Mapping[str, Any]], state: str = 'present') -> List[ObjectResult]:
        if not items:
            return []
        task = module_params(USER_MODULE_OPTIONS, {}, (), state=state)
        users = [module_params(USER_ITEM_OPTIONS, item, tuple(USER_ITEM_OPTIONS)) for item in items]
        try:
            result = ensure_users(self.client, self.env_id, users, task, self.check_mode, self.concurrency, self.warn, self.resolver)
        except PingOneError as error:   # the list refused whole, before any write
            return [ObjectResult('users', item['username'], 'failed', msg=str(error)) for item in items]
        return [ObjectResult('users', item.key, item.action, msg=item.msg, diff=item.diff if item.action != 'unchanged' else None)
                for item in result.items]

    def prune_users(self, items: List[Mapping[str, Any]]) -> List[ObjectResult]:
        return self.users(items, 'absent')

    # --- applications ---------------------------------------------------------------------------------------
    def application(self, item: Mapping[str, Any], state: str = 'present') -> Tuple[str, Optional[Dict[str, Any]]]:
        params = module_params(APPLICATION_OPTIONS, item, APPLICATION_ARGS, target_environment_id=self.env_id, state=state)
        check_application(params)
        result = ensure_application_task(self.client, self.env_id, params, self.check_mode, self.warn, self.resolver)
        return action_of(result['changed'], result['diff']), result['diff']

    def applications(self, items: List[Mapping[str, Any]]) -> List[ObjectResult]:
        return run_each('applications', items, names(items), self.application, self.concurrency)

    def prune_applications(self, items: List[Mapping[str, Any]]) -> List[ObjectResult]:
        return run_each('applications', items, names(items), lambda item: self.application(item, 'absent'), self.concurrency)

    # --- role assignments -------------------------------------------------------------------------------------
    def role_assignments(self, items: List[Mapping[str, Any]], labels: Optional[Sequence[str]] = None) -> List[ObjectResult]:
        def one(item: Mapping[str, Any]) -> Tuple[str, Optional[Dict[str, Any]]]:
            params = module_params(ROLE_ASSIGNMENT_OPTIONS, item, ROLE_ASSIGNMENT_ARGS, target_environment_id=self.env_id)
            check_role_assignment(params)
            outcome = ensure_role_assignment(self.client, params, self.check_mode, self.warn, self.resolver)
            return ('unchanged' if outcome.action == 'absent' else outcome.action), outcome.diff

        given = list(labels if labels is not None else self.labels.get('role_assignments') or ())
        return run_each('role_assignments', items, assignment_labels(items, given), one, self.concurrency)

    def prune_role_assignments(self, items: List[Mapping[str, Any]]) -> List[ObjectResult]:
        return self.role_assignments(items, (self.labels.get('prune') or {}).get('role_assignments') or ())


def names(items: Sequence[Mapping[str, Any]]) -> List[str]:
    return [str(item.get('name')) for item in items]


def assignment_labels(items: Sequence[Mapping[str, Any]], given: Sequence[str]) -> List[str]:
    """The plan's labels (subject, role and scope by name), or, for an item without one, its arguments."""
    return [given[index] if index < len(given) else ', '.join('%s=%s' % (key, value) for key, value in sorted(item.items()))
            for index, item in enumerate(items)]


RUNNERS: Dict[str, Callable[[PhaseRun, List[Mapping[str, Any]]], List[ObjectResult]]] = {
    'populations': PhaseRun.populations,
    'groups': PhaseRun.groups,
    'users': PhaseRun.users,
    'memberships': PhaseRun.memberships,
    'applications': PhaseRun.applications,
    'role_assignments': PhaseRun.role_assignments,
    'prune.role_assignments': PhaseRun.prune_role_assignments,
    'prune.applications': PhaseRun.prune_applications,
    'prune.users': PhaseRun.prune_users,
    'prune.groups': PhaseRun.prune_groups,
    'prune.populations': PhaseRun.prune_populations,
}


def apply_phase(client: PingOneClient, env_id: str, plan: Mapping[str, Any], phase: str, check_mode: bool, concurrency: int, warn: Warn,
                labels: Optional[Mapping[str, Any]] = None, resolver: Optional[Resolver] = None) -> List[ObjectResult]:
    """Apply one phase of ``plan`` (the ``plan`` that config_legacy_plan.compare returns) to the environment ``env_id``.

    ``phase`` is one of PHASES or PRUNE_PHASES; the phases PHASE_NEEDS lists for it must have been applied first.
    ``labels`` (compare's ``labels``, or the plan's key ``labels``) name the role assignments. ``resolver`` (of ``env_id``):
    the run's, shared by its phases (by default the phase's own). One result per item of the phase, in its order; nothing
    is written in ``check_mode``."""
    if phase not in RUNNERS:
        raise ValueError('unknown phase %r: one of %s' % (phase, ', '.join(PHASES + PRUNE_PHASES)))
    run = PhaseRun(client, env_id, plan, check_mode, concurrency, warn, labels, resolver or Resolver(client, env_id))
    return RUNNERS[phase](run, run.items(phase))


def apply_plan(client: PingOneClient, env_id: str, plan: Mapping[str, Any], check_mode: bool, concurrency: int, warn: Warn,
               labels: Optional[Mapping[str, Any]] = None, resolver: Optional[Resolver] = None) -> List[ObjectResult]:
    """Every phase of ``plan``, in the role's order (which PHASE_NEEDS allows), over one resolver; an object that fails does
    not stop the others."""
    resolver = resolver or Resolver(client, env_id)
    results: List[ObjectResult] = []
    for phase in PHASES + PRUNE_PHASES:
        results.extend(apply_phase(client, env_id, plan, phase, check_mode, concurrency, warn, labels, resolver))
    return results
