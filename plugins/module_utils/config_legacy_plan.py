# -*- coding: utf-8 -*-
# Copyright: (c) 2026, pingone.platform maintainers
# GNU General Public License v3.0+ (see LICENSE or https://www.gnu.org/licenses/gpl-3.0.txt)
"""Comparing an environment with a description of its five legacy kinds: the plan and the drift.

``compare`` reads what the description needs (config_legacy), then ``Plan`` works out, per phase, the
arguments of the dedicated modules that make the environment match (only what differs), the deletions
with prune, and the drift (what changes, old and new values). Nothing here writes: config_legacy_apply
applies the plan, as the role environment_config's tasks do.
"""

from __future__ import annotations

from ansible_collections.pingone.platform.plugins.module_utils.config_legacy import (
    KINDS,
    NAME_KEY,
    SUBJECTS,
    USER_KEYS,
    assignment_key,
    describe,
    describe_assignments,
    managed_application,
    name_assignment,
    oid,
    read_assignments,
    read_members,
    read_state,
)
from ansible_collections.pingone.platform.plugins.module_utils.engine import compare as field_changes
from ansible_collections.pingone.platform.plugins.module_utils.engine import get_path, lower
from ansible_collections.pingone.platform.plugins.module_utils.errors import PingOneInputError
from ansible_collections.pingone.platform.plugins.module_utils.info import list_roles
from ansible_collections.pingone.platform.plugins.module_utils.kinds import BUILT_IN_APPLICATION_TYPES, ApplicationKind, GroupKind, PopulationKind, UserKind


# --- comparing an environment with a description ------------------------------------------------------------
def compare_reads(config):
    """Which kinds the comparison reads: populations, groups and applications always (few requests, and every
    reference is checked against them); users when the description has users, members or users' role assignments."""
    users = 'users' in config or any(group.get('members') is not None for group in config.get('groups') or ()) \
        or any(item.get('user') is not None for item in config.get('role_assignments') or ())
    return {'populations': True, 'groups': True, 'applications': True, 'users': users}


def unique_index(items, key):
    """Name -> the one item of that exact name (names held twice are left out: the modules refuse them)."""
    index, twice = {}, set()
    for item in items:
        name = item.get(key)
        if name in index:
            twice.add(name)
        index[name] = item
    return {name: item for name, item in index.items() if name not in twice}


class Plan:
    """What applying a description to an environment would do: module arguments per phase, and the drift."""

    PHASES = ('populations', 'groups', 'users', 'memberships', 'applications', 'role_assignments')
    PRUNED = ('role_assignments', 'applications', 'users', 'groups', 'populations')

    def __init__(self, config, state, prune, check_mode):
        self.config, self.state, self.prune, self.check_mode = config, state, prune, check_mode
        self.args = {phase: [] for phase in self.PHASES}
        self.deletes = {kind: [] for kind in self.PRUNED}
        self.labels = {'role_assignments': [], 'prune': {'role_assignments': []}}   # by name, for loop labels
        self.drift = {}
        self.not_sent = []
        self.created = {kind: set() for kind in ('populations', 'groups', 'users', 'applications')}
        self.default_name = next((item['name'] for item in config.get('populations') or () if item.get('default')), None)
        self.pops = unique_index(state.populations, 'name')
        self.groups = {}
        for group in state.groups:
            self.groups.setdefault(group.get('name'), []).append(group)
        self.apps = unique_index(state.applications, 'name')
        self.users = unique_index(state.users or (), 'username')

    def kind_drift(self, kind):
        return self.drift.setdefault(kind, {'create': [], 'update': {}, 'delete': []})

    def note(self, message):
        self.not_sent.append(message)

    # --- references --------------------------------------------------------------------------------------
    def population(self, name):
        """(the population's ID in the environment or None when it is to be created, module arguments naming it)."""
        if name is None:
            return None, {}
        if self.default_name is not None and name == self.default_name:
            default = self.state.default_population()
            if default is None:
                raise PingOneInputError('The environment has no default population to stand for %r, the description\'s default '
                                        'population.' % name, option='compare_to')
            return oid(default), {'population_id': oid(default)}
        found = self.pops.get(name)
        if found is not None:
            return oid(found), {'population_id': oid(found)}
        if name not in {item['name'] for item in self.config.get('populations') or ()}:
            raise PingOneInputError('The description names the population %r, which the environment does not have and the description '
                                    'does not describe: describe it, or create it first. Nothing was written.' % name, option='compare_to')
        return None, {'population': name}

    # --- the phases ------------------------------------------------------------------------------------------
    def build(self):
        if 'populations' in self.config:
            self.plan_populations()
        if 'groups' in self.config:
            self.plan_groups()
        if 'users' in self.config:
            self.plan_users()
        if 'groups' in self.config:
            self.plan_memberships()
        if 'applications' in self.config:
            self.plan_applications()
        if 'role_assignments' in self.config:
            self.plan_assignments()
        return self

    def compare(self, kind, spec, current, params, label):
        """The changes ``params`` make to ``current`` as the module would see them; recorded in the drift."""
        before, changes = field_changes(spec, current, spec.desired(params))
        if changes:
            self.kind_drift(kind)['update'][label] = {option: {'before': before.get(option), 'after': value} for option, value in changes.items()}
        return changes

    def plan_populations(self):
        drift = self.kind_drift('populations')
        described = set()
        for item in self.config['populations']:
            if item.get('default'):
                continue   # stands for the environment's default population, which is never written
            described.add(item['name'])
            params = {'name': item['name'], 'description': item.get('description')}
            current = self.pops.get(item['name'])
            if current is None:
                drift['create'].append(item['name'])
                self.created['populations'].add(item['name'])
                self.args['populations'].append(without_empty(params))
            elif self.compare('populations', PopulationKind(), current, params, item['name']):
                self.args['populations'].append(without_none(params))
        if self.prune:
            managing_users = 'users' in self.config
            for pop in self.state.populations:
                if pop.get('default') or pop.get('name') in described:
                    continue
                if not managing_users and pop.get('userCount'):
                    raise PingOneInputError('Pruning would delete the population %r, which holds %s users, and the description does not '
                                            'describe users (it has no users key), so they would have to go with it: describe the '
                                            'population, or the users. Nothing was written.' % (pop.get('name'), pop['userCount']),
                                            option='compare_to')
                drift['delete'].append(pop.get('name'))
                self.deletes['populations'].append({'name': pop.get('name')})

    def find_group(self, name, pop_id, pop_new):
        candidates = self.groups.get(name, [])
        if pop_new:
            return None, False
        if pop_id is not None:
            candidates = [group for group in candidates if lower(get_path(group, 'population.id')) == pop_id]
        if len(candidates) > 1:
            return None, True   # ambiguous: the module says so
        return (candidates[0] if candidates else None), False

    def plan_groups(self):
        drift = self.kind_drift('groups')
        self.matched_groups = {}
        for item in self.config['groups']:
            name = item['name']
            pop_id, pop_args = self.population(item.get('population'))
            pop_new = item.get('population') is not None and pop_id is None
            current, ambiguous = self.find_group(name, pop_id, pop_new)
            params = dict({'name': name, 'description': item.get('description')}, **pop_args)
            if ambiguous:
                raise PingOneInputError('groups[%s] (%r): the environment has %d groups of that name, in different populations; give the '
                                        'population of the one meant. Nothing was written.'
                                        % (self.config['groups'].index(item), name, len(self.groups[name])), option='compare_to')
            if current is None:
                drift['create'].append(name)
                self.created['groups'].add(name)
                if self.check_mode and pop_new:
                    self.note('group %r: in the population %r, which this run creates too' % (name, item['population']))
                    continue
                if self.check_mode:   # its members go with it, so the module's diff shows them (existing users only)
                    members = [member for member in item.get('members') or () if member in self.users]
                    if members:
                        params['members'] = members
                self.args['groups'].append(without_empty(params))
                continue
            self.matched_groups[name] = current
            if self.compare('groups', GroupKind(pop_id), current, dict(params, population_id=pop_id), name):
                self.args['groups'].append(without_none(params))
        if self.prune:   # a group that shares its name cannot be described, so it is left alone (as the export lists it)
            matched = {oid(group) for group in self.matched_groups.values()}
            for group in self.state.unique_groups():
                if oid(group) not in matched:
                    drift['delete'].append(group.get('name'))
                    delete = {'name': group.get('name')}
                    if get_path(group, 'population.id'):
                        delete['population_id'] = lower(get_path(group, 'population.id'))
                    self.deletes['groups'].append(delete)

    def plan_users(self):
        drift = self.kind_drift('users')
        for item in self.config['users']:
            username = item['username']
            pop_id, pop_args = self.population(item.get('population'))
            params = dict({key: item[key] for key in USER_KEYS if key != 'population' and item.get(key) is not None}, **pop_args)
            current = self.users.get(username)
            pop_new = item.get('population') is not None and pop_id is None
            if current is None:
                drift['create'].append(username)
                self.created['users'].add(username)
                if self.check_mode and pop_new:
                    self.note('user %r: in the population %r, which this run creates too' % (username, item['population']))
                    continue
                self.args['users'].append(params)
                continue
            if pop_new:
                drift['update'][username] = {'population': {'before': lower(get_path(current, 'population.id')), 'after': item['population']}}
                if self.check_mode:
                    self.note('user %r: moves to the population %r, which this run creates too' % (username, item['population']))
                else:
                    self.args['users'].append(params)
                continue
            if self.compare('users', UserKind(), current, dict(params, population_id=pop_id), username):
                self.args['users'].append(params)
        if self.prune:   # a user without an email address cannot be described, so it is left alone (as the export lists it)
            described = {item['username'] for item in self.config['users']}
            for user in self.state.users or ():
                if user.get('username') not in described and user.get('email'):
                    drift['delete'].append(user.get('username'))
                    self.deletes['users'].append({'username': user.get('username'), 'state': 'absent'})

    def plan_memberships(self):
        members = self.state.members()
        undescribed = {user.get('username') for user in self.state.users or () if not user.get('email')}
        if 'users' not in self.config:   # members are users the environment must have
            for index, item in enumerate(self.config['groups']):
                unknown = sorted(set(item.get('members') or ()) - set(self.users))
                if unknown:
                    raise PingOneInputError('groups[%d] (%r) lists the members %s, which the environment does not have and the '
                                            'description does not describe (it has no users): describe them, or correct the names. '
                                            'Nothing was written.' % (index, item['name'], ', '.join(repr(name) for name in unknown)),
                                            option='compare_to')
        for item in self.config['groups']:
            if item.get('members') is None:
                continue
            name = item['name']
            current = self.matched_groups.get(name)
            before = set(members.get(oid(current), ())) if current is not None else set()
            wanted = set(item['members'])
            before -= undescribed - wanted   # members the export cannot describe are never removed
            add, remove = sorted(wanted - before), (sorted(before - wanted) if self.prune else [])
            if not add and not remove:
                continue
            self.drift.setdefault('memberships', {})[name] = {'add': add, 'remove': remove}
            _pop_id, pop_args = self.population(item.get('population'))
            # With purge_members, the group keeps exactly the members listed: the ones a description cannot hold stay listed.
            kept = set(members.get(oid(current), ())) & undescribed if current is not None and self.prune else set()
            listed = sorted(wanted | kept)
            if self.check_mode:
                if current is None:
                    continue   # shown with the group's create (its members that exist already)
                new = [member for member in add if member not in self.users]
                if new:
                    self.note('group %r: the members %s, whom this run creates too' % (name, ', '.join(new)))
                listed = [member for member in listed if member in self.users]
                if not [member for member in add if member in self.users] and not remove:
                    continue
            self.args['memberships'].append(dict({'name': name, 'members': listed, 'purge_members': self.prune}, **pop_args))

    def plan_applications(self):
        drift = self.kind_drift('applications')
        kind = ApplicationKind()
        for index, item in enumerate(self.config['applications']):
            name = item['name']
            params = dict(item)
            params.setdefault('enabled', True)   # pingone_application's default
            current = self.apps.get(name)
            if current is not None and not managed_application(current):
                raise PingOneInputError('applications[%d] (%r): the environment\'s application of that name is %s (type %s, protocol %s), '
                                        'which pingone_application does not manage: give another name. Nothing was written.'
                                        % (index, name, 'one of PingOne\'s own' if current.get('type') in BUILT_IN_APPLICATION_TYPES
                                           else 'not an OpenID Connect application', current.get('type'), current.get('protocol')),
                                        option='compare_to')
            if current is None:
                drift['create'].append(name)
                self.created['applications'].add(name)
                self.args['applications'].append(without_empty(params))
            elif self.compare('applications', kind, current, params, name):
                self.args['applications'].append(without_none(params))
        if self.prune:
            described = {item['name'] for item in self.config['applications']}
            for app in self.state.managed_applications():
                if app.get('name') not in described:
                    drift['delete'].append(app.get('name'))
                    self.deletes['applications'].append({'name': app.get('name'), 'state': 'absent'})

    # --- role assignments ---------------------------------------------------------------------------------------
    def subject(self, kind, name, index):
        """(the subject's ID or None when this run creates it, its collection)."""
        collection = kind + 's'
        found = {'user': self.users, 'group': self.unique_groups(), 'application': self.apps}[kind].get(name)
        if kind == 'application' and found is not None and not managed_application(found):
            found = None
        if found is not None:
            return oid(found), collection
        described = {item[NAME_KEY[collection]] for item in self.config.get(collection) or ()}
        if name in described:
            return None, collection
        raise PingOneInputError('role_assignments[%d] names the %s %r, which the environment does not have and the description does not '
                                'describe: describe it, or correct the name. Nothing was written.' % (index, kind, name),
                                option='compare_to')

    def unique_groups(self):
        return {name: groups[0] for name, groups in self.groups.items() if len(groups) == 1}

    def assignment_subjects(self):
        """The (collection, ID) of the subjects whose role assignments the comparison reads."""
        subjects = {}
        for index, item in enumerate(self.config.get('role_assignments') or ()):
            kind = next(subject for subject in SUBJECTS if item.get(subject) is not None)
            subject_id, collection = self.subject(kind, item[kind], index)
            if subject_id is not None:
                subjects[(collection, subject_id)] = {kind: item[kind]}
        if self.prune:
            for app in self.config.get('applications') or ():
                found = self.apps.get(app['name'])
                if found is not None and managed_application(found):
                    subjects[('applications', oid(found))] = {'application': app['name']}
            groups = self.unique_groups()
            for group in self.config.get('groups') or ():
                if group['name'] in groups:
                    subjects[('groups', oid(groups[group['name']]))] = {'group': group['name']}
        return subjects

    def canonical(self, item):
        """A description's role assignment with its default population named as the environment names it."""
        item = dict(item, scope_type=item.get('scope_type') or 'ENVIRONMENT')
        default = self.state.default_population()
        if item['scope_type'] == 'POPULATION' and item.get('scope_name') == self.default_name and default is not None:
            item['scope_name'] = default.get('name')
        return {key: value for key, value in item.items() if value is not None}

    def scope_args(self, item):
        scope_type = item['scope_type']
        if scope_type not in ('POPULATION', 'APPLICATION'):
            return {}, True
        name = item['scope_name']
        if scope_type == 'POPULATION':
            pop_id, _args = self.population(name)
            return ({'scope_id': pop_id} if pop_id else {'scope_name': name}), pop_id is not None
        found = self.apps.get(name)
        if found is not None and managed_application(found):
            return {'scope_id': oid(found)}, True
        if name not in {app['name'] for app in self.config.get('applications') or ()}:
            raise PingOneInputError('A role assignment is scoped to the application %r, which the environment does not have and the '
                                    'description does not describe. Nothing was written.' % name, option='compare_to')
        return {'scope_name': name}, False

    def plan_assignments(self):
        drift = self.drift.setdefault('role_assignments', {'create': [], 'delete': []})
        subjects = self.assignment_subjects_read
        names = {'POPULATION': self.state.population_names(),
                 'APPLICATION': {oid(app): app.get('name') for app in self.state.managed_applications()}}
        current = {}   # key -> (item, raw assignment, subject (collection, id))
        for key, subject in subjects.items():
            for assignment in self.state.assignments.get(key, ()):
                item, _reason = name_assignment(dict(assignment, readOnly=False), self.state, subject, names)
                if item is not None:
                    current[assignment_key(item)] = (item, assignment, key)
        roles = {role.get('name'): role for role in (self.state.roles or {}).values()}
        wanted = set()
        for index, raw in enumerate(self.config['role_assignments']):
            item = self.canonical(raw)
            key = assignment_key(item)
            wanted.add(key)
            role = roles.get(item['role'])
            if role is None:
                raise PingOneInputError('role_assignments[%d] names the role %r, which is not one GET /roles lists: use one of %s. Nothing '
                                        'was written.' % (index, item['role'], ', '.join(sorted(repr(name) for name in roles))),
                                        option='compare_to')
            applicable = role.get('applicableTo')
            if isinstance(applicable, list) and applicable and item['scope_type'] not in applicable:
                raise PingOneInputError('role_assignments[%d]: the role %r applies to the scope types %s only, not %s. Nothing was written.'
                                        % (index, item['role'], ', '.join(applicable), item['scope_type']), option='compare_to')
            if key in current:
                continue
            drift['create'].append(dict(raw))
            kind = next(subject for subject in SUBJECTS if item.get(subject) is not None)
            subject_id, _collection = self.subject(kind, item[kind], index)
            scope, scope_exists = self.scope_args(item)
            if self.check_mode and (subject_id is None or not scope_exists):
                self.note('role assignment %s: its %s is created by this run too' % (describe_key(key), 'subject' if subject_id is None
                                                                                     else 'scope'))
                continue
            args = {kind + '_id': subject_id} if subject_id else {kind: item[kind]}
            args.update(scope, role_id=oid(role), scope_type=item['scope_type'])
            self.args['role_assignments'].append(args)
            self.labels['role_assignments'].append(describe_key(key))
        if self.prune:
            for key, (item, assignment, (collection, subject_id)) in sorted(current.items()):
                if key in wanted or assignment.get('readOnly'):
                    continue
                drift['delete'].append(item)
                args = {collection[:-1] + '_id': subject_id, 'role_id': lower(get_path(assignment, 'role.id')),
                        'scope_type': get_path(assignment, 'scope.type'), 'scope_id': lower(get_path(assignment, 'scope.id')), 'state': 'absent'}
                self.deletes['role_assignments'].append(args)
                self.labels['prune']['role_assignments'].append(describe_key(key))

    # --- result ----------------------------------------------------------------------------------------------
    def result(self):
        """(plan, drift, changes); the drift holds only what changes (V({}) when nothing does)."""
        plan = dict(self.args, prune=self.deletes)
        drift = {}
        for kind, changes in self.drift.items():
            changes = {key: value for key, value in changes.items() if value}
            if changes:
                drift[kind] = changes
        if self.not_sent:
            drift['not_sent'] = self.not_sent
        return plan, drift, count_changes(self.drift)


def describe_key(key):
    kind, name, role, scope_type, scope_name = key
    return '%s %s: %s at %s%s' % (kind, name, role, scope_type, ' ' + scope_name if scope_name else '')


def count_changes(drift):
    total = 0
    for kind, changes in drift.items():
        if kind == 'memberships':
            total += sum(len(change['add']) + len(change['remove']) for change in changes.values())
        else:
            total += sum(len(value) for value in changes.values())
    return total


def without_none(params):
    return {key: value for key, value in params.items() if value is not None}


def without_empty(params):
    """The arguments of a create: unset and empty values left out (the module's defaults apply)."""
    return {key: value for key, value in params.items() if value not in (None, '', [])}


def compare(client, env_id, config, prune, check_mode, concurrency):
    """(target config, skipped, plan, drift, changes, labels)."""
    reads = compare_reads(config)
    state = read_state(client, env_id, **reads)
    if any(group.get('members') is not None for group in config.get('groups') or ()):
        read_members(client, state, concurrency)
    plan = Plan(config, state, prune, check_mode)
    subjects = {}
    if 'role_assignments' in config:
        subjects = plan.assignment_subjects()
        read_assignments(client, state, subjects, concurrency)
        if state.roles is None and config['role_assignments']:
            state.roles = {oid(role): role for role in list_roles(client)}
    plan.assignment_subjects_read = subjects
    plan.build()
    kinds = [kind for kind in KINDS if kind in config]
    target, skipped = describe(state, kinds) if 'role_assignments' not in kinds else describe_compared(state, kinds, subjects)
    return (target, skipped) + plan.result() + (plan.labels,)


def passwordless_warning(drift, shown=5):
    """One line for the users applying the description creates: a description never holds a password, so they have none."""
    created = list((drift.get('users') or {}).get('create') or ())
    if not created:
        return None
    names = ', '.join(created[:shown]) + (' and %d more' % (len(created) - shown) if len(created) > shown else '')
    return ('%d %s created without a password (%s): a description holds no passwords; set one with pingone.platform.pingone_user '
            '(password, update_password: on_create) before applying, or afterwards with update_password: always.'
            % (len(created), 'user is' if len(created) == 1 else 'users are', names))


def describe_compared(state, kinds, subjects):
    """As describe(), the role assignments being those of the subjects read."""
    config, skipped = describe(state, [kind for kind in kinds if kind != 'role_assignments'])
    config['role_assignments'] = describe_assignments(state, subjects, skipped)
    return config, skipped
