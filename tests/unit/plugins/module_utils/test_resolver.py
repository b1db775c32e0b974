# -*- coding: utf-8 -*-
# Copyright: (c) 2026, pingone.platform maintainers
# GNU General Public License v3.0+ (see LICENSE or https://www.gnu.org/licenses/gpl-3.0.txt)
"""resolver.Resolver: each list (and each filter of it) read once per task, from any thread; the refusals name the option."""

from __future__ import annotations

import threading

import pytest

from ansible_collections.pingone.platform.plugins.module_utils import registry
from ansible_collections.pingone.platform.plugins.module_utils.errors import (
    PingOneInputError,
    PingOneServerError,
    PingOneUnexpectedResponseError,
)
from ansible_collections.pingone.platform.plugins.module_utils.kinds import GroupKind, UserKind
from ansible_collections.pingone.platform.plugins.module_utils.objects import Resolver as ObjectsResolver
from ansible_collections.pingone.platform.plugins.module_utils.pingone import Resolver as FacadeResolver
from ansible_collections.pingone.platform.plugins.module_utils.resolver import Resolver
from ansible_collections.pingone.platform.tests.unit.fakes import ENV_ID

POPULATIONS = '/environments/%s/populations' % ENV_ID
USERS = '/environments/%s/users' % ENV_ID
GROUPS = '/environments/%s/groups' % ENV_ID
STAFF = {'id': 'p-staff', 'name': 'Staff'}
DEFAULT = {'id': 'p-default', 'name': 'Default'}
JDOE = {'id': 'u-jdoe', 'username': 'jdoe'}


class Lists:
    """A client whose lists are ``lists`` (path -> items); a filter ``<key> eq "<value>"`` keeps the items with that value.
    ``reads`` records (path, query) of every read; ``gate`` (when set) holds every read until it is opened."""

    def __init__(self, lists, gate=None, fail=0):
        self.lists = lists
        self.reads = []
        self.gate = gate
        self.fail = fail
        self.lock = threading.Lock()

    def paginate(self, path, query=None):
        with self.lock:
            self.reads.append((path, dict(query or {})))
        if self.gate is not None:
            self.gate.wait()
        if self.fail:
            self.fail -= 1
            raise PingOneServerError('GET %s failed with HTTP 503.' % path)
        items = self.lists.get(path, [])
        scim = (query or {}).get('filter')
        if scim:
            key, _eq, value = scim.split(' ', 2)
            items = [item for item in items if item.get(key) == value.strip('"')]
        return list(items)


# --- one read per list, per task ------------------------------------------------------------------------------
def test_names_of_one_list_are_answered_from_one_read():
    client = Lists({POPULATIONS: [DEFAULT, STAFF]})
    resolver = Resolver(client, ENV_ID)
    for _user in range(300):   # e.g. 300 users of one task in the population Staff
        assert resolver.named(POPULATIONS, 'Staff', 'population', 'population')['id'] == 'p-staff'
    assert resolver.named(POPULATIONS, 'Default', 'population', 'population')['id'] == 'p-default'
    assert client.reads == [(POPULATIONS, {})]


def test_ids_take_a_uuid_as_it_is_and_read_the_list_once_and_only_for_a_name():
    certificates = '/environments/%s/certificates' % ENV_ID
    uuid = '1A2B3C4D-0000-4000-8000-00000000000A'
    client = Lists({certificates: [{'id': 'c-signing', 'name': 'SP signing'}, {'id': 'c-old', 'name': 'Old'}]})
    resolver = Resolver(client, ENV_ID)
    assert resolver.ids(certificates, [uuid], 'certificate', 'certs') == [uuid.lower()] and client.reads == []
    assert resolver.ids(certificates, ['SP signing', uuid, 'Old'], 'certificate', 'certs') == ['c-signing', uuid.lower(), 'c-old']
    with pytest.raises(PingOneInputError, match=r"^certs 'Nobody' names no certificate in the environment"):
        resolver.ids(certificates, ['Nobody'], 'certificate', 'certs')
    assert client.reads == [(certificates, {})]


def test_a_name_not_found_is_not_read_again():
    client = Lists({POPULATIONS: [DEFAULT]})
    resolver = Resolver(client, ENV_ID)
    for _attempt in range(2):
        with pytest.raises(PingOneInputError, match=r"^population 'Staff' names no population in the environment: use one of 'Default'\."):
            resolver.named(POPULATIONS, 'Staff', 'population', 'population')
    assert len(client.reads) == 1


def test_a_filtered_lookup_keeps_the_filter_and_reads_each_name_once():
    client = Lists({USERS: [JDOE, {'id': 'u-asmith', 'username': 'asmith'}]})
    resolver = Resolver(client, ENV_ID)
    for username in ('jdoe', 'asmith', 'jdoe'):
        assert resolver.named(USERS, username, 'user', 'members', key='username', search=Resolver.EQUALS, list_names=False)
    assert client.reads == [(USERS, {'filter': 'username eq "jdoe"'}), (USERS, {'filter': 'username eq "asmith"'})]


def test_a_whole_list_read_already_answers_a_filtered_lookup():
    client = Lists({USERS: [JDOE]})
    resolver = Resolver(client, ENV_ID)
    assert resolver.read(USERS, limit=1000) == [JDOE]
    assert resolver.named(USERS, 'jdoe', 'user', 'user', key='username', search=Resolver.EQUALS)['id'] == 'u-jdoe'
    assert resolver.read(USERS) == [JDOE]   # the page size is no part of what the list holds
    assert client.reads == [(USERS, {'limit': 1000})]


def test_separate_resolvers_are_separate_tasks():
    client = Lists({POPULATIONS: [STAFF]})
    Resolver(client, ENV_ID).named(POPULATIONS, 'Staff', 'population', 'population')
    Resolver(client, ENV_ID).named(POPULATIONS, 'Staff', 'population', 'population')
    assert len(client.reads) == 2


def test_roles_are_read_once():
    client = Lists({'/roles': [{'id': 'r1', 'name': 'Environment Admin'}, 'not an object']})
    resolver = Resolver(client)
    assert resolver.roles() == resolver.roles() == [{'id': 'r1', 'name': 'Environment Admin'}]
    assert client.reads == [('/roles', {})]


# --- refusals -----------------------------------------------------------------------------------------------------
def test_a_name_that_differs_only_in_case_is_refused_with_a_hint():
    resolver = Resolver(Lists({POPULATIONS: [STAFF]}), ENV_ID)
    with pytest.raises(PingOneInputError, match=r"population 'staff' names no population in the environment \('Staff' differs only "
                                                r"in case\): use one of 'Staff'\.") as info:
        resolver.named(POPULATIONS, 'staff', 'population', 'population')
    assert info.value.option == 'population'


def test_two_matches_are_refused_naming_the_id_option_or_as_the_engine_does():
    twins = [{'id': 'g1', 'name': 'Ops'}, {'id': 'g2', 'name': 'Ops'}]
    resolver = Resolver(Lists({GROUPS: twins}), ENV_ID)
    with pytest.raises(PingOneInputError, match=r"^group 'Ops' names 2 groups \(ids g1, g2\), so the task cannot tell which one it "
                                                r"means: give group_id instead\.$") as info:
        resolver.named(GROUPS, 'Ops', 'group', 'group', search=Resolver.EQUALS, id_option='group_id')
    assert info.value.option == 'group'
    with pytest.raises(PingOneUnexpectedResponseError, match=r"PingOne lists 2 groups named 'Ops' \(ids g1, g2\)"):
        resolver.named(GROUPS, 'Ops', 'group', 'group', search=Resolver.EQUALS)


def test_a_filtered_name_not_found_lists_the_names_from_one_whole_read_except_for_users():
    client = Lists({GROUPS: [{'id': 'g1', 'name': 'Ops'}], USERS: [JDOE]})
    resolver = Resolver(client, ENV_ID)
    for _attempt in range(2):
        with pytest.raises(PingOneInputError, match=r"group 'Nope' names no group in the environment: use one of 'Ops'\."):
            resolver.named(GROUPS, 'Nope', 'group', 'group', search=Resolver.EQUALS, id_option='group_id')
    assert client.reads == [(GROUPS, {'filter': 'name eq "Nope"'}), (GROUPS, {})]
    with pytest.raises(PingOneInputError, match=r"^user 'nobody' names no user in the environment: check the spelling, or create the "
                                                r"user first\.$"):
        resolver.named(USERS, 'nobody', 'user', 'user', key='username', search=Resolver.EQUALS, list_names=False)
    assert client.reads[-1] == (USERS, {'filter': 'username eq "nobody"'})


def test_a_registry_kind_is_found_by_its_key_in_its_collection_for_every_resolver_name():
    assert ObjectsResolver is Resolver and FacadeResolver is Resolver   # objects.Resolver's users keep working
    client = Lists({POPULATIONS: [STAFF]})
    resolver = ObjectsResolver(client, ENV_ID)
    kind = registry.get_kind('population')
    assert resolver.collection(kind, None) == POPULATIONS and resolver.items(POPULATIONS) == [STAFF]
    assert resolver.find(kind, None, 'Staff', 'registration_population') == STAFF
    with pytest.raises(PingOneInputError, match=r"^registration_population 'Nope' names no population") as info:
        resolver.find(kind, None, 'Nope', 'registration_population')
    assert info.value.option == 'registration_population' and len(client.reads) == 1


# --- what a run makes: remember, known, forget ------------------------------------------------------------------
def test_an_object_remembered_after_its_list_was_read_is_found_without_reading_again():
    client = Lists({POPULATIONS: [DEFAULT]})
    resolver = Resolver(client, ENV_ID)
    assert resolver.items(POPULATIONS) == [DEFAULT]
    resolver.remember(POPULATIONS, STAFF)   # made by this run
    assert resolver.named(POPULATIONS, 'Staff', 'population', 'population') == STAFF
    assert resolver.items(POPULATIONS) == [DEFAULT, STAFF] and resolver.whole_list(POPULATIONS) == [DEFAULT, STAFF]
    assert client.reads == [(POPULATIONS, {})]


def test_an_object_remembered_before_its_list_was_read_is_left_to_the_read():
    client = Lists({POPULATIONS: [DEFAULT]})
    resolver = Resolver(client, ENV_ID)
    resolver.remember(POPULATIONS, STAFF)   # nothing read yet: the read will list what PingOne has
    assert resolver.whole_list(POPULATIONS) is None
    assert resolver.items(POPULATIONS) == [DEFAULT] and client.reads == [(POPULATIONS, {})]
    resolver.remember(USERS, JDOE)   # a filtered read is no whole list: nothing is added to it
    resolver.read(USERS, 'username eq "jdoe"')
    resolver.remember(USERS, {'id': 'u-other', 'username': 'other'})
    assert resolver.read(USERS, 'username eq "jdoe"') == [] and resolver.whole_list(USERS) is None


def test_a_list_known_without_reading_is_never_read():
    client = Lists({})
    resolver = Resolver(client, ENV_ID)
    planned = '/environments/%s/signOnPolicies/planned-1/actions' % ENV_ID
    resolver.known(planned, [])   # under an object check mode plans: nothing lives there yet
    assert resolver.items(planned) == [] and resolver.whole_list(planned) == []
    resolver.remember(planned, {'id': 'planned-2', 'priority': 1})
    assert resolver.items(planned) == [{'id': 'planned-2', 'priority': 1}]
    with pytest.raises(PingOneInputError, match=r"^actions 'Other' names no action in the environment"):
        resolver.named(planned, 'Other', 'action', 'actions')
    assert client.reads == []


def test_a_forgotten_list_is_read_again_and_only_that_list():
    client = Lists({POPULATIONS: [DEFAULT], USERS: [JDOE]})
    resolver = Resolver(client, ENV_ID)
    resolver.items(POPULATIONS)
    resolver.items(USERS)
    resolver.read(USERS, 'username eq "jdoe"')
    client.lists[POPULATIONS] = [DEFAULT, STAFF]   # a write whose answer was lost made Staff
    client.lists[USERS] = []
    resolver.forget(POPULATIONS)
    assert resolver.named(POPULATIONS, 'Staff', 'population', 'population') == STAFF
    assert resolver.items(USERS) == [JDOE]   # not forgotten: as read before
    resolver.forget(USERS)   # the whole list and every filter of it
    assert resolver.read(USERS, 'username eq "jdoe"') == [] and resolver.items(USERS) == []
    assert client.reads == [(POPULATIONS, {}), (USERS, {}), (USERS, {'filter': 'username eq "jdoe"'}), (POPULATIONS, {}),
                            (USERS, {'filter': 'username eq "jdoe"'}), (USERS, {})]
    resolver.forget('/environments/%s/never-read' % ENV_ID)   # nothing to forget: no error


def test_a_remembered_object_replaces_the_item_of_its_id_in_every_read_and_joins_the_reads_of_its_name():
    client = Lists({USERS: [JDOE]})
    resolver = Resolver(client, ENV_ID)
    resolver.items(USERS)
    assert resolver.read(USERS, 'username eq "jdoe"') == [JDOE] and resolver.read(USERS, 'username eq "Ann"') == []
    resolver.read(USERS, 'memberOfGroups[id eq "g-1"]')
    changed = dict(JDOE, email='jdoe@example.com')
    resolver.remember(USERS, changed)   # updated by this run: the item of its id, everywhere it was read
    ann = {'id': 'u-ann', 'username': 'ann'}
    resolver.remember(USERS, ann)   # made by this run: SCIM's eq ignores case, so the read of "Ann" holds it now
    assert resolver.items(USERS) == [changed, ann]
    assert resolver.read(USERS, 'username eq "jdoe"') == [changed] and resolver.read(USERS, 'username eq "Ann"') == [ann]
    assert resolver.read(USERS, 'memberOfGroups[id eq "g-1"]') == []   # a new user is in no group
    assert len(client.reads) == 4


def test_a_dropped_object_leaves_every_read_of_its_list():
    client = Lists({USERS: [JDOE, {'id': 'u-ann', 'username': 'ann'}]})
    resolver = Resolver(client, ENV_ID)
    resolver.items(USERS)
    resolver.read(USERS, 'username eq "jdoe"')
    resolver.drop(USERS, 'U-JDOE')   # deleted by this run (ids compared ignoring case)
    assert resolver.items(USERS) == [{'id': 'u-ann', 'username': 'ann'}] and resolver.read(USERS, 'username eq "jdoe"') == []
    resolver.drop(USERS, 'u-nobody')
    resolver.drop(GROUPS, 'u-ann')   # a list never read: nothing to drop
    assert len(client.reads) == 2


def test_learn_remembers_what_a_write_made_or_changed_and_drops_what_it_deleted():
    resolver = Resolver(Lists({}), ENV_ID)
    resolver.known(POPULATIONS, [DEFAULT])
    resolver.learn(POPULATIONS, 'created', STAFF)
    resolver.learn(POPULATIONS, 'updated', dict(DEFAULT, description='All'))
    resolver.learn(POPULATIONS, 'unchanged', {'id': 'p-other', 'name': 'Other'})
    resolver.learn(POPULATIONS, 'created', {})   # check mode: nothing made, no id
    assert resolver.items(POPULATIONS) == [dict(DEFAULT, description='All'), STAFF]
    resolver.learn(POPULATIONS, 'deleted', STAFF)
    assert resolver.items(POPULATIONS) == [dict(DEFAULT, description='All')]


def test_one_filtered_read_known_or_forgotten_alone():
    client = Lists({USERS: [JDOE]})
    resolver = Resolver(client, ENV_ID)
    members = 'memberOfGroups[id eq "g-new"]'
    resolver.known(USERS, [], members)   # the members of a group just made
    resolver.items(USERS)
    assert resolver.read(USERS, members) == [] and client.reads == [(USERS, {})]
    resolver.forget_read(USERS, members)   # its members are written: read them again if asked
    assert resolver.whole_list(USERS) == [JDOE]
    resolver.read(USERS, members)
    assert client.reads == [(USERS, {}), (USERS, {'filter': members})]


def test_current_finds_as_the_kind_does_from_the_whole_list_or_one_read_with_its_filter():
    client = Lists({USERS: [JDOE], GROUPS: [{'id': 'g-1', 'name': 'Staff'}]})
    resolver = Resolver(client, ENV_ID)
    warnings = []
    assert resolver.current(UserKind(), USERS, 'jdoe', warnings.append, creating=True) == JDOE
    assert resolver.current(UserKind(), USERS, 'jdoe', warnings.append, creating=True) == JDOE
    assert client.reads == [(USERS, {'filter': 'username eq "jdoe"'})]   # the request ResourceKind.find sends, once
    resolver.items(GROUPS)
    assert resolver.current(GroupKind(), GROUPS, 'Staff', warnings.append, creating=True)['id'] == 'g-1'
    assert resolver.current(GroupKind(), GROUPS, 'Other', warnings.append, creating=True) is None
    with pytest.raises(PingOneInputError, match="differs from it only in case"):
        resolver.current(GroupKind(), GROUPS, 'STAFF', warnings.append, creating=True)
    assert client.reads[1:] == [(GROUPS, {})] and warnings == []


# --- threads ------------------------------------------------------------------------------------------------------
def run_threads(target, count):
    errors = []

    def guarded():
        try:
            target()
        except Exception as error:   # pylint: disable=broad-except
            errors.append(error)
    threads = [threading.Thread(target=guarded) for _thread in range(count)]
    for thread in threads:
        thread.start()
    return threads, errors


def test_threads_asking_for_one_list_share_one_read():
    gate = threading.Event()
    client = Lists({POPULATIONS: [STAFF]}, gate=gate)
    resolver = Resolver(client, ENV_ID)
    found = []
    threads, errors = run_threads(lambda: found.append(resolver.named(POPULATIONS, 'Staff', 'population', 'population')['id']), 16)
    gate.set()   # the first read answers once every thread has been started
    for thread in threads:
        thread.join()
    assert errors == [] and found == ['p-staff'] * 16 and client.reads == [(POPULATIONS, {})]


def test_a_failed_read_fails_every_waiting_thread_and_is_read_again_later():
    gate = threading.Event()
    client = Lists({POPULATIONS: [STAFF]}, gate=gate, fail=1)
    resolver = Resolver(client, ENV_ID)
    threads, errors = run_threads(lambda: resolver.named(POPULATIONS, 'Staff', 'population', 'population'), 8)
    gate.set()
    for thread in threads:
        thread.join()
    # The threads that waited for the failed read raise its error (the first reader always does); the failure is not
    # cached: a thread that came later, or the next lookup, reads again, once.
    assert errors and all(isinstance(error, PingOneServerError) for error in errors)
    assert resolver.named(POPULATIONS, 'Staff', 'population', 'population')['id'] == 'p-staff'
    assert len(client.reads) == 2
