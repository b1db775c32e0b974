# -*- coding: utf-8 -*-
# Copyright: (c) 2026, pingone.platform maintainers
# GNU General Public License v3.0+ (see LICENSE or https://www.gnu.org/licenses/gpl-3.0.txt)
"""One sign-on policy and its ordered actions: what ``pingone_sign_on_policy`` does.

A declaration on the kind registry: the policy is the ``sign_on_policy`` kind, each action a
``sign_on_policy_action`` (bodies checked against Ping's description through ``registry.validate``), the
names an action refers to are found through the registry's kinds (``objects.Resolver``), and the actions are
reconciled in place by ``ordered_children.plan``.
"""

from __future__ import annotations

import copy
from typing import Any, Callable, Dict, List, Mapping, Optional, Tuple

from ansible_collections.pingone.platform.plugins.module_utils import ordered_children, registry
from ansible_collections.pingone.platform.plugins.module_utils.api import PingOneClient
from ansible_collections.pingone.platform.plugins.module_utils.engine import Outcome, diff, find_by_name, get_path, set_path
from ansible_collections.pingone.platform.plugins.module_utils.errors import NOTHING_SENT, PingOneInputError
from ansible_collections.pingone.platform.plugins.module_utils.objects import ObjectTask, Resolver, differs, merge

ACTION_TYPES = ('LOGIN', 'MULTI_FACTOR_AUTHENTICATION', 'IDENTIFIER_FIRST', 'IDENTITY_PROVIDER', 'PROGRESSIVE_PROFILING', 'AGREEMENT')

# The options of one action named for people: option -> (the action type it belongs to, the field of PingOne's
# body it sets, the registry kind whose object it names, or None for a plain value).
ACTION_OPTIONS: Dict[str, Tuple[str, str, Optional[str]]] = {
    'registration_population': ('LOGIN', 'registration.population.id', 'population'),
    'recovery_enabled': ('LOGIN', 'recovery.enabled', None),
    'mfa_device_policy': ('MULTI_FACTOR_AUTHENTICATION', 'deviceAuthenticationPolicy.id', 'mfa_device_policy'),
    'identity_provider': ('IDENTITY_PROVIDER', 'identityProvider.id', 'identity_provider'),
    'agreement': ('AGREEMENT', 'agreement.id', 'agreement'),
}
# Set by the list itself or by an option: never in ``settings``.
NOT_SETTINGS = ('type', 'priority', 'condition', 'id', 'signOnPolicy', 'environment', '_links')
PLACEHOLDER = '(resolved by name)'

POLICY = registry.get_kind('sign_on_policy')
ACTION = registry.get_kind('sign_on_policy_action')
APPLICATION = registry.get_kind('application')
ASSIGNMENT = registry.get_kind('application_sign_on_policy_assignment')


def action_body(action: Mapping[str, Any], index: int, ids: Optional[Mapping[Tuple[int, str], str]] = None) -> Dict[str, Any]:
    """PingOne's body of the action at ``index`` (priority index + 1); names as ``ids`` resolves them (placeholders without)."""
    body: Dict[str, Any] = copy.deepcopy(action.get('settings') or {})
    body['type'] = action['type']
    body['priority'] = index + 1
    if action.get('conditions') is not None:
        body['condition'] = copy.deepcopy(action['conditions'])
    for option, (_type, field, kind) in ACTION_OPTIONS.items():
        value = action.get(option)
        if value is None:
            continue
        if kind is not None:
            value = (ids or {}).get((index, option), PLACEHOLDER)
        set_path(body, field, value)
        if option == 'registration_population':
            set_path(body, 'registration.enabled', True)
    return body


def check_actions(actions: List[Mapping[str, Any]]) -> None:
    """Refuse, before any request, what the list cannot mean: an option of another type, a field the list sets in settings,
    a body Ping's description refuses."""
    if not actions:
        raise PingOneInputError('actions is empty: a sign-on policy keeps at least one action (PingOne refuses to delete the last '
                                'one); list the actions the policy ends with, or leave actions unset to leave them alone.',
                                option='actions')
    for index, action in enumerate(actions):
        where = 'actions[%d]' % index
        for option, (action_type, _field, _kind) in ACTION_OPTIONS.items():
            if action.get(option) is not None and action['type'] != action_type:
                raise PingOneInputError('%s.%s is an option of %s actions, and this action is of type %s: remove it, or change the '
                                        'type.' % (where, option, action_type, action['type']),
                                        option='%s.%s' % (where, option), outcome=NOTHING_SENT)
        for key in action.get('settings') or {}:
            if key in NOT_SETTINGS:
                hint = {'priority': 'the position in the list is the priority (the first is 1), so two actions cannot share one',
                        'type': 'set type', 'condition': 'set conditions'}.get(key, 'PingOne sets it')
                raise PingOneInputError('%s.settings.%s is not a setting: %s.' % (where, key, hint),
                                        option='%s.settings' % where, outcome=NOTHING_SENT)
        body = action_body(action, index)
        problems = registry.validate(ACTION.name, body, True, prefix=where)
        if problems:
            first = problems[0]
            field = first.path[len(where) + 1:].split('.')[0].split('[')[0]
            option = '%s.settings' % where if field in (action.get('settings') or {}) else where
            more = ' (%d more: %s)' % (len(problems) - 1, ' '.join(str(problem) for problem in problems[1:])) if len(problems) > 1 else ''
            raise PingOneInputError('%s%s' % (first, more), option=option, outcome=NOTHING_SENT)


class SignOnPolicyTask:
    """One task of ``pingone_sign_on_policy``: the policy through ``objects.ObjectTask`` (the ``sign_on_policy`` kind),
    its actions through ``ordered_children.plan``."""

    def __init__(self, client: PingOneClient, env_id: str, params: Mapping[str, Any], warn: Callable[[str], None]):
        self.client = client
        self.env_id = env_id
        self.params = params
        self.resolver = Resolver(client, env_id)
        self.collection = self.resolver.collection(POLICY, None)
        self.actions = params.get('actions')
        self.present = params.get('state', 'present') != 'absent'
        definition = {key: value for key, value in self.wanted_policy().items() if key != 'name'}
        self.object_params = {'kind': POLICY.name, 'name': params['name'], 'definition': definition,
                              'state': params.get('state', 'present')}
        self.warn = warn   # ObjectTask's

    # --- before any request -----------------------------------------------------------------------------------
    def wanted_policy(self) -> Dict[str, Any]:
        wanted: Dict[str, Any] = {'name': self.params['name']}
        if self.params.get('description') is not None:
            wanted['description'] = self.params['description']
        if self.params.get('default'):
            wanted['default'] = True   # false leaves the environment's default alone
        return wanted

    def check_input(self) -> None:
        name = self.params.get('name') or ''
        if not name.strip():
            raise PingOneInputError('name is empty: give the name of the sign-on policy.', option='name')
        if not self.present:
            return
        problems = registry.validate(POLICY.name, self.wanted_policy(), True, prefix='policy')
        if problems:
            raise PingOneInputError(str(problems[0]), option=problems[0].path.split('.')[1].split('[')[0], outcome=NOTHING_SENT)
        if self.actions is not None:
            check_actions(self.actions)

    def object_task(self) -> ObjectTask:
        """The policy itself as ``pingone_object`` handles a ``sign_on_policy`` (its refusals: a built-in is never created or
        deleted), reading the policies through this task's resolver, so the list is read once."""
        task = ObjectTask(self.client, self.env_id, self.object_params, self.warn)
        task.resolver = self.resolver
        return task

    # --- reads ------------------------------------------------------------------------------------------------------
    def find_policy(self) -> Optional[Dict[str, Any]]:
        return find_by_name(self.resolver.items(self.collection), self.params['name'], '%s object' % POLICY.name)

    def read_actions(self, policy_id: str) -> List[Dict[str, Any]]:
        items = [item for item in self.client.paginate(self.resolver.collection(ACTION, policy_id)) if isinstance(item, dict)]
        return sorted(items, key=lambda item: item.get('priority') or 0)

    def resolve(self) -> Dict[Tuple[int, str], str]:
        """(action index, option) -> id of the object the option names, each kind's list read once."""
        ids: Dict[Tuple[int, str], str] = {}
        for index, action in enumerate(self.actions or []):
            for option, (_type, _field, kind) in ACTION_OPTIONS.items():
                if kind is not None and action.get(option) is not None:
                    found = self.resolver.find(registry.get_kind(kind), None, action[option], 'actions[%d].%s' % (index, option))
                    ids[(index, option)] = found['id']
        return ids

    def holders(self, policy_id: str) -> List[str]:
        """The names of the applications with an assignment of the policy (each application's assignments read)."""
        names = []
        for application in self.client.paginate(self.resolver.collection(APPLICATION, None)):
            if not isinstance(application, dict) or not application.get('id'):
                continue
            assignments = self.client.paginate(self.resolver.collection(ASSIGNMENT, application['id']))
            if any(get_path(item, 'signOnPolicy.id') == policy_id for item in assignments if isinstance(item, dict)):
                names.append(str(application.get('name') or application['id']))
        return names

    # --- the task ---------------------------------------------------------------------------------------------------
    def run(self, check_mode: bool) -> Outcome:
        self.check_input()
        policy = self.find_policy()
        if not self.present:
            return self.delete(policy, check_mode)
        ids = self.resolve()
        wanted_actions = [action_body(action, index, ids) for index, action in enumerate(self.actions or [])]
        if policy is None:
            return self.create(wanted_actions, check_mode)
        return self.update(policy, wanted_actions, check_mode)

    def delete(self, policy: Optional[Dict[str, Any]], check_mode: bool) -> Outcome:
        # ObjectTask refuses the default too (Kind.refuses_delete), in words for any kind; this refusal comes first
        # because it says how to move the default (and Single_Factor, a built-in, is usually the default).
        if policy is not None and policy.get('default') is True:
            raise PingOneInputError('Sign-on policy %r is the environment\'s default: PingOne refuses to delete it. Make another policy '
                                    'the default (default: true) first. Nothing was changed.' % policy.get('name'), option='state')
        task = self.object_task()
        if policy is None:
            return task.run(check_mode)
        holders = self.holders(policy['id'])
        if holders:
            raise PingOneInputError('Sign-on policy %r is used by the application%s %s: remove it from their sign-on policies first. '
                                    'Nothing was changed.' % (policy.get('name'), 's' if len(holders) > 1 else '',
                                                              ', '.join(repr(h) for h in holders)), option='state')
        actions = self.read_actions(policy['id'])
        before = self.view(policy, actions)
        outcome = task.run(check_mode)
        return Outcome(outcome.changed, dict(outcome.object, actions=actions), diff(before, {}), outcome.action)

    def create(self, wanted_actions: List[Dict[str, Any]], check_mode: bool) -> Outcome:
        wanted = self.wanted_policy()
        after = self.view(wanted, wanted_actions)
        outcome = self.object_task().run(check_mode)
        if check_mode:
            return Outcome(True, {}, diff({}, after), 'created')
        policy = outcome.object
        actions = self.write_actions(policy['id'], self.read_actions(policy['id']), wanted_actions) if wanted_actions else []
        return Outcome(True, dict(policy, actions=actions), diff({}, after), 'created')

    def update(self, policy: Dict[str, Any], wanted_actions: List[Dict[str, Any]], check_mode: bool) -> Outcome:
        wanted = self.wanted_policy()
        actions = self.read_actions(policy['id'])
        steps = ordered_children.plan(actions, wanted_actions, same_type, action_differs) if self.actions is not None else []
        before = self.view(policy, actions)
        after_actions = [self.after_action(actions, body) for body in wanted_actions] if self.actions is not None else actions
        after = self.view(merge(policy, wanted), after_actions)
        outcome = self.object_task().run(check_mode)   # the PUT of the policy when it differs
        if not outcome.changed and not steps:
            return Outcome(False, dict(policy, actions=actions), diff(before, before), 'unchanged')
        if check_mode:
            return Outcome(True, dict(policy, actions=actions), diff(before, after), 'updated')
        policy = outcome.object or policy
        if steps:
            actions = self.write_actions(policy['id'], actions, wanted_actions, steps)
        return Outcome(True, dict(policy, actions=actions), diff(before, after), 'updated')

    def write_actions(self, policy_id: str, actions: List[Dict[str, Any]], wanted_actions: List[Dict[str, Any]],
                      steps: Optional[List[ordered_children.Step]] = None) -> List[Dict[str, Any]]:
        """Send the plan's steps in order; the policy's actions afterwards, in order."""
        if steps is None:
            steps = ordered_children.plan(actions, wanted_actions, same_type, action_differs)
        return ordered_children.send(self.client, self.resolver.collection(ACTION, policy_id), ACTION.name, actions, wanted_actions, steps)

    # --- what the task shows ---------------------------------------------------------------------------------------
    @staticmethod
    def after_action(actions: List[Dict[str, Any]], body: Dict[str, Any]) -> Dict[str, Any]:
        same = [action for action in actions if same_type(body, action)]
        match = next((action for action in same if action.get('priority') == body['priority']), same[0] if same else None)
        return merge(match, body) if match else body

    def view(self, policy: Mapping[str, Any], actions: List[Mapping[str, Any]]) -> Dict[str, Any]:
        shown = {key: policy[key] for key in ('name', 'description', 'default') if key in policy}
        if self.actions is not None or not self.present:
            shown['actions'] = [registry.writable_body(ACTION.name, action) for action in actions]
        return shown


def same_type(wanted: Mapping[str, Any], child: Mapping[str, Any]) -> bool:
    return wanted.get('type') == child.get('type')


def action_differs(wanted: Mapping[str, Any], child: Mapping[str, Any]) -> bool:
    return differs({key: value for key, value in wanted.items() if key != 'priority'}, child)


def ensure_sign_on_policy(client: PingOneClient, env_id: str, params: Mapping[str, Any], check_mode: bool,
                          warn: Callable[[str], None] = lambda message: None) -> Outcome:
    """Make one sign-on policy and its actions match ``params`` (the options of ``pingone_sign_on_policy``)."""
    return SignOnPolicyTask(client, env_id, params, warn).run(check_mode)
