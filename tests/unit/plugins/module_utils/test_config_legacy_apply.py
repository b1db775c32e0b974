# -*- coding: utf-8 -*-
# Copyright: (c) 2026, pingone.platform maintainers
# GNU General Public License v3.0+ (see LICENSE or https://www.gnu.org/licenses/gpl-3.0.txt)
"""config_legacy_apply: the plan of config_legacy_plan applied in one process, against a small in-memory PingOne.

A plan applied and the environment compared again has nothing left to do; check mode writes nothing; one object
that fails leaves the others written; the phases' order; role assignments named by the plan's labels."""

from __future__ import annotations

import copy
import re
import threading
import time
import uuid
from collections import Counter
from typing import Any, Dict, List, Optional

import pytest

from ansible_collections.pingone.platform.plugins.module_utils import config_legacy_apply as applier
from ansible_collections.pingone.platform.plugins.module_utils import config_legacy_plan as planning
from ansible_collections.pingone.platform.plugins.module_utils.environment_config import _SharedReads
from ansible_collections.pingone.platform.plugins.module_utils.errors import PingOneBadRequestError
from ansible_collections.pingone.platform.plugins.module_utils.resolver import Resolver
from ansible_collections.pingone.platform.tests.unit.legacy_environment import (
    APPLICATIONS,
    ASSIGNMENTS,
    ENV_ID,
    GROUPS,
    MEMBERS,
    POPULATIONS,
    ROLES,
    USERS,
    described,
)

E = '/environments/%s' % ENV_ID
EQUALS = re.compile(r'^(\w+) eq "(.*)"$')
MEMBER_OF = re.compile(r'^memberOfGroups\[id eq "(.*)"\]$')
SUBJECT = re.compile(r'^(%s/(?:users|groups|applications)/[^/]+)/roleAssignments$' % re.escape(E))


class Answer:
    def __init__(self, json):
        self.json = json


class Transport:
    def sleep(self, _seconds):
        pass


class FakePingOne:
    """Collections by path, users' group memberships, role assignments per subject; every request recorded.

    ``refuse`` maps a name to the sentence a create or update of that name is refused with (400), as PingOne would;
    ``pause`` makes every write take that long, so writes sent at once overlap (``most_at_once`` counts them)."""

    def __init__(self, refuse: Optional[Dict[str, str]] = None, pause: float = 0.0):
        self.lock = threading.Lock()
        self.data: Dict[str, List[Dict[str, Any]]] = {
            E + '/populations': copy.deepcopy(POPULATIONS),
            E + '/groups': copy.deepcopy(GROUPS),
            E + '/applications': copy.deepcopy(APPLICATIONS),
            E + '/users': [dict(user, memberOfGroupIDs=[]) for user in copy.deepcopy(USERS)],
            '/roles': copy.deepcopy(list(ROLES.values())),
        }
        for (collection, subject_id), assignments in ASSIGNMENTS.items():
            self.data['%s/%s/%s/roleAssignments' % (E, collection, subject_id)] = copy.deepcopy(assignments)
        by_name = {user['username']: user for user in self.data[E + '/users']}
        self.members = {group_id: {by_name[name]['id'] for name in names} for group_id, names in MEMBERS.items()}
        self.refuse, self.pause = refuse or {}, pause
        self.sent: List[tuple] = []
        self.reads: List[tuple] = []   # (path, filter) of every list read
        self.in_flight = self.most_at_once = 0
        self.transport = Transport()

    # --- reads ------------------------------------------------------------------------------------------------
    def paginate(self, path: str, query: Optional[Dict[str, Any]] = None) -> List[Dict[str, Any]]:
        scim = (query or {}).get('filter')
        with self.lock:
            self.sent.append(('GET', path))
            self.reads.append((path, scim))
            items = copy.deepcopy(self.data.get(path, []))
        member_of = MEMBER_OF.match(scim or '')
        if member_of:
            return [user for user in items if user['id'] in self.members.get(member_of.group(1), set())]
        equals = EQUALS.match(scim or '')
        if equals:   # SCIM's eq ignores case, as PingOne's does
            return [item for item in items if str(item.get(equals.group(1), '')).casefold() == equals.group(2).casefold()]
        return items

    def get(self, path: str) -> Dict[str, Any]:
        with self.lock:
            self.sent.append(('GET', path))
            return copy.deepcopy(self.find(path)[1])

    def find(self, path: str):
        collection, object_id = path.rsplit('/', 1)
        items = self.data[collection]
        return items, next(item for item in items if item['id'] == object_id)

    # --- writes -----------------------------------------------------------------------------------------------
    def request(self, method: str, path: str, body: Any = None, **_options: Any) -> Answer:
        with self.lock:
            self.sent.append((method, path))
            self.in_flight += 1
            self.most_at_once = max(self.most_at_once, self.in_flight)
        try:
            time.sleep(self.pause)
            with self.lock:
                return Answer(self.write(method, path, copy.deepcopy(body)))
        finally:
            with self.lock:
                self.in_flight -= 1

    def write(self, method: str, path: str, body: Any) -> Any:
        name = (body or {}).get('name') or (body or {}).get('username')
        if name in self.refuse and method in ('POST', 'PUT', 'PATCH'):
            raise PingOneBadRequestError(self.refuse[name], status=400, error='INVALID_DATA')
        if path.endswith('/memberOfGroups'):
            self.members.setdefault(body['id'], set()).add(path.split('/')[-2])
            return body
        if '/memberOfGroups/' in path:
            user_id, _word, group_id = path.split('/')[-3:]
            self.members[group_id].discard(user_id)
            return None
        if method == 'POST':
            created = dict(body, id=str(uuid.uuid4()), environment={'id': ENV_ID})
            if path.endswith('/users'):
                created.setdefault('enabled', True)
            subject = SUBJECT.match(path)
            if subject:
                created['readOnly'] = False
            self.data.setdefault(path, []).append(created)
            return created
        if method == 'DELETE':
            items, item = self.find(path)
            items.remove(item)
            return None
        return self.update(method, path, body)

    def update(self, method: str, path: str, body: Any) -> Any:
        parent, sub = path.rsplit('/', 1)
        if sub in ('population', 'enabled'):   # a user's own endpoints
            _items, user = self.find(parent)
            user[sub] = {'id': body['id']} if sub == 'population' else body['enabled']
            return body
        items, item = self.find(path)
        if method == 'PUT':
            items[items.index(item)] = replaced = dict(body, id=item['id'], environment=item.get('environment'))
            return replaced
        item.update(body)
        return item

    def writes(self) -> List[tuple]:
        return [(method, path) for method, path in self.sent if method != 'GET']


def compare(fake, config, prune=False, check_mode=False):
    """(plan, drift, changes, labels) as pingone_environment_export's compare_to returns them."""
    _target, _skipped, plan, drift, changes, labels = planning.compare(fake, ENV_ID, copy.deepcopy(config), prune, check_mode, 4)
    return plan, drift, changes, labels


def changed_description():
    """The environment's own description with something of every kind to create, update or delete."""
    config, _skipped = described()
    config['populations'][1]['description'] = 'Everyone'
    config['populations'].append({'name': 'Contractors', 'description': 'From outside'})
    config['groups'].append({'name': 'Reviewers', 'population': 'Contractors', 'members': ['carol']})
    config['groups'][0]['members'] = ['alice', 'carol']
    config['users'].append({'username': 'carol', 'email': 'carol@example.com', 'population': 'Contractors', 'enabled': True})
    config['users'][0]['attributes'] = {'title': 'Manager'}
    config['applications'][0]['redirect_uris'] = ['https://a.example.com/cb']
    config['applications'].append({'name': 'Portal', 'type': 'SINGLE_PAGE_APP', 'redirect_uris': ['https://portal.example.com/cb'],
                                   'grant_types': ['AUTHORIZATION_CODE'], 'response_types': ['CODE'], 'token_endpoint_auth_method': 'NONE',
                                   'pkce_enforcement': 'S256_REQUIRED'})
    config['role_assignments'] = [item for item in config['role_assignments'] if item.get('group') != 'Developers']
    config['role_assignments'].append({'group': 'Reviewers', 'role': 'Identity Data Admin', 'scope_type': 'POPULATION',
                                       'scope_name': 'Contractors'})
    return config


def apply(fake, plan, labels, check_mode=False, concurrency=4):
    warnings = []
    results = applier.apply_plan(fake, ENV_ID, plan, check_mode, concurrency, warnings.append, labels)
    return results, warnings


def by_action(results):
    found = {}
    for result in results:
        found.setdefault(result.action, []).append((result.kind, result.name))
    return {action: sorted(objects) for action, objects in found.items()}


# --- applying -----------------------------------------------------------------------------------------------------
def test_a_plan_applied_in_one_process_leaves_nothing_to_do():
    fake = FakePingOne()
    config = changed_description()
    plan, _drift, changes, labels = compare(fake, config, prune=True)
    assert changes > 0
    results, _warnings = apply(fake, plan, labels)
    assert 'failed' not in by_action(results), [(result.name, result.msg) for result in results if result.msg]
    _plan, drift, changes, _labels = compare(fake, config, prune=True)
    assert changes == 0 and drift == {}, drift


def test_each_object_reports_what_was_done_to_it_by_kind_and_name():
    fake = FakePingOne()
    plan, _drift, _changes, labels = compare(fake, changed_description(), prune=True)
    results, _warnings = apply(fake, plan, labels)
    actions = by_action(results)
    assert ('populations', 'Contractors') in actions['created'] and ('populations', 'Staff') in actions['updated']
    assert ('groups', 'Reviewers') in actions['created'] and ('users', 'carol') in actions['created']
    assert ('memberships', 'Developers') in actions['updated']   # its new member
    assert ('applications', 'Portal') in actions['created'] and ('applications', 'Intranet') in actions['updated']
    assert ('role_assignments', 'group Reviewers: Identity Data Admin at POPULATION Contractors') in actions['created']
    assert ('role_assignments', 'group Developers: Client Application Developer at ENVIRONMENT') in actions['deleted']
    assert all(result.diff is not None for result in results if result.changed)
    assert all(result.diff is None and result.msg is None for result in results if result.action == 'unchanged')
    update = next(result for result in results if result.name == 'Intranet')
    assert update.diff['before']['redirect_uris'] != update.diff['after']['redirect_uris']


def test_check_mode_writes_nothing_and_reports_what_would_change():
    fake = FakePingOne()
    plan, _drift, _changes, labels = compare(fake, changed_description(), prune=True, check_mode=True)
    results, _warnings = apply(fake, plan, labels, check_mode=True)
    assert fake.writes() == []
    actions = by_action(results)
    assert ('populations', 'Contractors') in actions['created'] and ('applications', 'Intranet') in actions['updated']
    assert 'failed' not in actions


def test_one_object_refused_leaves_the_others_written():
    fake = FakePingOne(refuse={'Portal': 'redirectUris: must be https'})
    plan, _drift, _changes, labels = compare(fake, changed_description())
    results, _warnings = apply(fake, plan, labels)
    failed = [result for result in results if result.action == 'failed']
    assert [(result.kind, result.name) for result in failed] == [('applications', 'Portal')]
    assert failed[0].msg == 'redirectUris: must be https' and failed[0].diff is None
    assert ('POST', E + '/populations') in fake.writes() and ('PUT', '%s/applications/%s' % (E, APPLICATIONS[0]['id'])) in fake.writes()
    plan, _drift, _changes, _labels = compare(fake, changed_description())
    assert [item['name'] for item in plan['applications']] == ['Portal']   # a rerun writes only what is still different


def test_an_objects_failure_is_one_sentence_of_its_own():
    fake = FakePingOne()
    plan = {'populations': [{'name': ' '}]}   # what the module's check refuses before any request
    results = applier.apply_phase(fake, ENV_ID, plan, 'populations', False, 4, lambda message: None)
    assert [(result.action, result.msg) for result in results] == [('failed', 'name is empty: give the name of the population.')]
    assert fake.writes() == []


def test_objects_of_a_phase_are_written_concurrently():
    fake = FakePingOne(pause=0.05)
    plan = {'applications': [{'name': 'App %d' % number, 'type': 'WORKER'} for number in range(4)]}
    results = applier.apply_phase(fake, ENV_ID, plan, 'applications', False, 4, lambda message: None)
    assert [result.action for result in results] == ['created'] * 4 and [result.name for result in results] == ['App %d' % n for n in range(4)]
    assert fake.most_at_once > 1
    fake = FakePingOne(pause=0.01)
    applier.apply_phase(fake, ENV_ID, plan, 'applications', False, 1, lambda message: None)
    assert fake.most_at_once == 1


def test_users_go_through_one_bulk_run_and_are_named_by_username():
    fake = FakePingOne()
    plan = {'users': [{'username': 'dan', 'email': 'dan@example.com', 'population_id': POPULATIONS[1]['id']}, {'username': 'alice'}]}
    results = applier.apply_phase(fake, ENV_ID, plan, 'users', False, 4, lambda message: None)
    assert [(result.name, result.action) for result in results] == [('dan', 'created'), ('alice', 'unchanged')]
    created = next(user for user in fake.data[E + '/users'] if user['username'] == 'dan')
    assert created['population'] == {'id': POPULATIONS[1]['id']}


def test_pruned_populations_are_not_sent_in_check_mode_while_users_are_pruned_too():
    fake = FakePingOne()
    plan = {'prune': {'users': [{'username': 'alice', 'state': 'absent'}], 'populations': [{'name': 'Staff'}]}}
    results = applier.apply_phase(fake, ENV_ID, plan, 'prune.populations', True, 4, lambda message: None)
    assert [(result.kind, result.name, result.action) for result in results] == [('populations', 'Staff', 'deleted')]
    assert fake.sent == []   # pingone_population would refuse: Staff holds alice until the users' prune ran
    results = applier.apply_phase(fake, ENV_ID, plan, 'prune.users', True, 4, lambda message: None)
    assert [(result.name, result.action) for result in results] == [('alice', 'deleted')] and fake.writes() == []


def test_role_assignments_without_labels_are_named_by_their_arguments():
    fake = FakePingOne()
    plan = {'role_assignments': [{'group_id': GROUPS[0]['id'], 'role_id': list(ROLES)[0], 'scope_type': 'ENVIRONMENT'}]}
    results = applier.apply_phase(fake, ENV_ID, plan, 'role_assignments', True, 4, lambda message: None)
    assert results[0].action == 'created' and 'group_id=%s' % GROUPS[0]['id'] in results[0].name


# --- one read of each list ------------------------------------------------------------------------------------------
def compared_through(fake, config, prune=False):
    """compare reading through a resolver, as pingone_environment_config runs it: (plan, labels, that resolver)."""
    resolver = Resolver(fake, ENV_ID)
    reads = _SharedReads(fake, resolver)
    _target, _skipped, plan, _drift, _changes, labels = planning.compare(reads, ENV_ID, copy.deepcopy(config), prune, False, 4)
    return plan, labels, resolver


def test_through_the_run_s_resolver_each_list_is_read_once_and_what_a_phase_makes_is_found_by_the_next():
    fake = FakePingOne()
    plan, labels, resolver = compared_through(fake, changed_description())
    compared = list(fake.reads)
    results = applier.apply_plan(fake, ENV_ID, plan, False, 4, lambda message: None, labels, resolver)
    assert 'failed' not in by_action(results), [(result.name, result.msg) for result in results if result.msg]
    # Contractors, Reviewers and carol are found by the phases after the one that made them, in what the run read.
    assert ('groups', 'Reviewers') in by_action(results)['created'] and ('users', 'carol') in by_action(results)['created']
    assert [read for read, count in Counter(fake.reads).items() if count > 1] == []
    made = fake.reads[len(compared):]
    assert all(path not in (E + '/populations', E + '/groups', E + '/users', E + '/applications') for path, _filter in made), made
    _plan, drift, changes, _labels = compare(fake, changed_description())
    assert changes == 0 and drift == {}, drift


def test_a_phase_without_the_run_s_resolver_reads_for_itself():
    fake = FakePingOne()
    plan = {'populations': [{'name': 'Contractors'}], 'groups': [{'name': 'Reviewers', 'population': 'Contractors'}]}
    resolver = Resolver(fake, ENV_ID)
    applier.apply_phase(fake, ENV_ID, plan, 'populations', False, 4, lambda message: None, resolver=resolver)
    applier.apply_phase(fake, ENV_ID, plan, 'groups', False, 4, lambda message: None, resolver=resolver)
    assert fake.reads == [(E + '/populations', None), (E + '/groups', 'name eq "Reviewers"')]   # Contractors remembered
    applier.apply_phase(fake, ENV_ID, {'groups': [{'name': 'Reviewers'}]}, 'groups', False, 4, lambda message: None)
    assert fake.reads[2] == (E + '/groups', 'name eq "Reviewers"')   # a resolver of its own: read again


def test_populations_are_read_again_before_a_prune_deletes_one_since_the_users_changed_their_counts():
    fake = FakePingOne()
    staff = next(pop for pop in fake.data[E + '/populations'] if pop['name'] == 'Staff')
    staff['userCount'] = 1
    resolver = Resolver(fake, ENV_ID)
    resolver.items(E + '/populations')   # read by the run while Staff still held alice
    staff['userCount'] = 0   # the users' prune deleted her
    results = applier.apply_phase(fake, ENV_ID, {'prune': {'populations': [{'name': 'Staff'}]}}, 'prune.populations', False, 4,
                                  lambda message: None, resolver=resolver)
    assert [(result.name, result.action) for result in results] == [('Staff', 'deleted')], results[0].msg
    assert fake.reads.count((E + '/populations', None)) == 2


# --- the phases ---------------------------------------------------------------------------------------------------
def test_every_phase_comes_after_the_phases_it_needs():
    order = applier.PHASES + applier.PRUNE_PHASES
    assert set(applier.PHASE_NEEDS) == set(order)
    for position, phase in enumerate(order):
        assert set(applier.PHASE_NEEDS[phase]) <= set(order[:position]), phase
    assert applier.PHASE_NEEDS['memberships'] == ('groups', 'users')
    assert set(applier.PHASE_NEEDS['role_assignments']) == {'users', 'groups', 'applications', 'populations'}
    assert all(set(applier.PHASES) <= set(applier.PHASE_NEEDS[phase]) for phase in applier.PRUNE_PHASES)


def test_the_plan_has_exactly_the_phases_the_applier_knows():
    plan, _drift, _changes, _labels = compare(FakePingOne(), changed_description(), prune=True)
    assert set(plan) - {'prune'} == set(applier.PHASES)
    assert {'prune.' + kind for kind in plan['prune']} == set(applier.PRUNE_PHASES)


def test_an_unknown_phase_is_refused():
    with pytest.raises(ValueError, match="unknown phase 'roles'"):
        applier.apply_phase(FakePingOne(), ENV_ID, {}, 'roles', False, 4, lambda message: None)
