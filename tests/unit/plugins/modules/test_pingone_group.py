# -*- coding: utf-8 -*-
# Copyright: (c) 2026, pingone.platform maintainers
# GNU General Public License v3.0+ (see LICENSE or https://www.gnu.org/licenses/gpl-3.0.txt)

from __future__ import annotations

import json
from urllib.parse import parse_qs, urlsplit

import pytest

from ansible_collections.pingone.platform.plugins.modules import pingone_group as module
from ansible_collections.pingone.platform.tests.unit.fakes import ENV_ID, Answer, run_module

ENV = '/v1/environments/%s' % ENV_ID
GROUP_ID = '7d6c5b4a-3f2e-4d1c-9b8a-7f6e5d4c3b2a'
POP_ID = '8e3a1f0c-5b2d-4e6a-9c7d-0f1e2d3c4b5a'
OTHER_POP = '1a2b3c4d-5e6f-4a7b-8c9d-0e1f2a3b4c5d'
JDOE = '3c8f1e2a-9b7d-4c6e-8a5f-1d2e3f4a5b6c'
ASMITH = '4d9a2f3b-0c8e-4d7f-9b6a-2e3f4a5b6c7d'
BOB = '5e0b3a4c-1d9f-4e8a-8c7b-3f4a5b6c7d8e'
GROUP = {'id': GROUP_ID, 'name': 'Developers', 'description': 'Old', 'environment': {'id': ENV_ID}, 'userFilter': 'title eq "dev"',
         'externalId': 'ext-1', 'directMemberCounts': {'users': 1}, '_links': {}}
USERS = {JDOE: 'jdoe', ASMITH: 'asmith', BOB: 'bob'}


def page(key, *items):
    return Answer(200, {'_embedded': {key: list(items)}, '_links': {}})


def groups(*items):
    return page('groups', *items)


def users(*ids):
    return page('users', *({'id': uid, 'username': USERS[uid]} for uid in ids))


def calls(api):
    """(method, path, filter) of each request sent; filter is None when the request had no query."""
    result = []
    for request in api.sent:
        parts = urlsplit(request.url)
        result.append((request.method, parts.path, (parse_qs(parts.query).get('filter') or [None])[0]))
    return result


def body(api, index):
    return json.loads(api.sent[index].body)


def run(api, monkeypatch, **args):
    return run_module(module.main, dict({'target_environment_id': ENV_ID, 'name': 'Developers', 'access_token': 'tok'}, **args),
                      monkeypatch)


FIND = ('GET', ENV + '/groups', 'name eq "Developers"')
MEMBERS = ('GET', ENV + '/users', 'memberOfGroups[id eq "%s"]' % GROUP_ID)


def lookup(username):
    return ('GET', ENV + '/users', 'username eq "%s"' % username)


def add(uid):
    return ('POST', '%s/users/%s/memberOfGroups' % (ENV, uid), None)


def remove(uid):
    return ('DELETE', '%s/users/%s/memberOfGroups/%s' % (ENV, uid, GROUP_ID), None)


# --- create --------------------------------------------------------------------------------------------
def test_create_with_members(api, monkeypatch):
    api.answers += [users(JDOE), users(ASMITH), groups(), Answer(201, GROUP), Answer(201, {'id': GROUP_ID}), Answer(201, {'id': GROUP_ID})]
    failed, result = run(api, monkeypatch, description='Old', members=['jdoe', 'asmith'])
    assert not failed and result['changed'] is True and result['group'] == GROUP
    assert calls(api) == [lookup('jdoe'), lookup('asmith'), FIND, ('POST', ENV + '/groups', None), add(JDOE), add(ASMITH)]
    assert body(api, 3) == {'name': 'Developers', 'description': 'Old'}
    assert body(api, 4) == {'id': GROUP_ID} and body(api, 5) == {'id': GROUP_ID}
    assert result['members'] == ['asmith', 'jdoe']
    assert result['diff'] == {'before': {}, 'after': {'name': 'Developers', 'description': 'Old', 'members': ['asmith', 'jdoe']}}


@pytest.mark.parametrize('members, message', [
    (['jdoe', 'asmith', 'jdoe'], "members lists username 'jdoe' twice (items 1 and 3): give each member once. Nothing was written."),
    (['jdoe', 'JDoe'], "members lists username 'jdoe' (item 1) and 'JDoe' (item 2), which differ only in case; PingOne compares "
                       "usernames ignoring case, so both are one member: give each member once. Nothing was written."),
])
def test_a_member_listed_twice_is_refused_before_any_request(api, monkeypatch, members, message):
    failed, result = run(api, monkeypatch, members=members)
    assert failed and result['msg'] == message and result['option'] == 'members' and api.sent == []


def test_create_in_a_population_by_name(api, monkeypatch):
    populations = page('populations', {'id': OTHER_POP, 'name': 'Staff'}, {'id': POP_ID.upper(), 'name': 'Test users'})
    created = dict(GROUP, population={'id': POP_ID})
    # A group of the same name in another population is another group: this one is created.
    api.answers += [populations, groups(dict(GROUP, id='x', population={'id': OTHER_POP})), Answer(201, created)]
    failed, result = run(api, monkeypatch, population='Test users')
    assert not failed and result['changed'] is True
    assert calls(api) == [('GET', ENV + '/populations', None), FIND, ('POST', ENV + '/groups', None)]
    assert body(api, 2) == {'name': 'Developers', 'population': {'id': POP_ID}}
    assert result['members'] == [] and result['diff']['after']['population_id'] == POP_ID


def test_check_mode_create_sends_no_write(api, monkeypatch):
    api.answers += [users(JDOE), groups()]
    failed, result = run(api, monkeypatch, members=['jdoe'], _ansible_check_mode=True)
    assert not failed and result['changed'] is True and result['group'] == {} and result['members'] == ['jdoe']
    assert calls(api) == [lookup('jdoe'), FIND]
    assert result['diff']['after']['members'] == ['jdoe']


# --- unchanged and update -----------------------------------------------------------------------------
def test_unchanged_second_run_sends_no_write(api, monkeypatch):
    api.answers += [users(JDOE), groups(GROUP), users(JDOE)]
    failed, result = run(api, monkeypatch, description='Old', members=['jdoe'])
    assert not failed and result['changed'] is False
    assert calls(api) == [lookup('jdoe'), FIND, MEMBERS]
    assert result['members'] == ['jdoe']
    assert result['diff']['before'] == result['diff']['after'] == {'name': 'Developers', 'description': 'Old', 'population_id': None,
                                                                   'members': ['jdoe']}


def test_members_unset_leaves_membership_alone(api, monkeypatch):
    api.answers += [groups(GROUP), users(JDOE, BOB)]
    failed, result = run(api, monkeypatch, purge_members=True)
    assert not failed and result['changed'] is False and calls(api) == [FIND, MEMBERS]
    assert result['members'] == ['bob', 'jdoe']


def test_update_description_is_a_full_put(api, monkeypatch):
    api.answers += [groups(GROUP), users(), Answer(200, dict(GROUP, description='New'))]
    failed, result = run(api, monkeypatch, description='New')
    assert not failed and result['changed'] is True
    assert calls(api) == [FIND, MEMBERS, ('PUT', '%s/groups/%s' % (ENV, GROUP_ID), None)]
    # What PingOne sets itself (id, environment, directMemberCounts, _links) is never sent; userFilter and externalId are kept.
    assert body(api, 2) == {'name': 'Developers', 'description': 'New', 'userFilter': 'title eq "dev"', 'externalId': 'ext-1'}
    assert result['diff']['before']['description'] == 'Old' and result['diff']['after']['description'] == 'New'


def test_description_is_removed_with_an_empty_string(api, monkeypatch):
    api.answers += [groups(GROUP), users(), Answer(200, dict(GROUP, description=''))]
    failed, _result = run(api, monkeypatch, description='')
    assert not failed and 'description' not in body(api, 2)


def test_members_are_added_and_others_kept(api, monkeypatch):
    api.answers += [users(JDOE), groups(GROUP), users(BOB), Answer(201, {'id': GROUP_ID})]
    failed, result = run(api, monkeypatch, members=['jdoe'])
    assert not failed and result['changed'] is True
    assert calls(api) == [lookup('jdoe'), FIND, MEMBERS, add(JDOE)]
    assert body(api, 3) == {'id': GROUP_ID}
    assert result['members'] == ['bob', 'jdoe']
    assert result['diff']['before']['members'] == ['bob'] and result['diff']['after']['members'] == ['bob', 'jdoe']


def test_purge_removes_members_not_listed(api, monkeypatch):
    api.answers += [users(JDOE), users(ASMITH), groups(GROUP), users(JDOE, BOB), Answer(201, {}), Answer(204)]
    failed, result = run(api, monkeypatch, members=['jdoe', 'asmith'], purge_members=True)
    assert not failed and result['changed'] is True
    assert calls(api) == [lookup('jdoe'), lookup('asmith'), FIND, MEMBERS, add(ASMITH), remove(BOB)]
    assert api.sent[5].body is None
    assert result['members'] == ['asmith', 'jdoe']
    assert result['diff']['before']['members'] == ['bob', 'jdoe'] and result['diff']['after']['members'] == ['asmith', 'jdoe']


def test_purge_with_no_members_empties_the_group(api, monkeypatch):
    api.answers += [groups(GROUP), users(JDOE, BOB), Answer(204), Answer(204)]
    failed, result = run(api, monkeypatch, members=[], purge_members=True)
    assert not failed and result['changed'] is True and result['members'] == []
    assert calls(api) == [FIND, MEMBERS, remove(JDOE), remove(BOB)]


def test_check_mode_membership_sends_no_write(api, monkeypatch):
    api.answers += [users(ASMITH), groups(GROUP), users(JDOE)]
    failed, result = run(api, monkeypatch, description='New', members=['asmith'], purge_members=True, _ansible_check_mode=True)
    assert not failed and result['changed'] is True and result['group'] == GROUP
    assert calls(api) == [lookup('asmith'), FIND, MEMBERS]
    assert result['members'] == ['asmith']
    assert result['diff'] == {'before': {'name': 'Developers', 'description': 'Old', 'population_id': None, 'members': ['jdoe']},
                              'after': {'name': 'Developers', 'description': 'New', 'population_id': None, 'members': ['asmith']}}


def test_another_population_means_another_group(api, monkeypatch):
    # A group of the name in another population is not this task's group: one would be created in the task's population.
    api.answers += [groups(dict(GROUP, population={'id': POP_ID}))]
    failed, result = run(api, monkeypatch, population_id=OTHER_POP.upper(), _ansible_check_mode=True)
    assert not failed and result['changed'] is True and result['group'] == {} and calls(api) == [FIND]
    assert result['diff']['after']['population_id'] == OTHER_POP
    # PingOne refuses a population group with the name of an environment group: refused before the POST.
    api.sent.clear()
    api.answers += [groups(GROUP)]
    failed, result = run(api, monkeypatch, population_id=POP_ID)
    assert failed and result['option'] == 'population' and 'environment group' in result['msg'] and calls(api) == [FIND]


# --- finding the group ----------------------------------------------------------------------------------
def test_a_name_in_two_populations_needs_the_population(api, monkeypatch):
    api.answers += [groups(dict(GROUP, population={'id': POP_ID}), dict(GROUP, id='x', population={'id': OTHER_POP}))]
    failed, result = run(api, monkeypatch)
    assert failed and result['option'] == 'population' and POP_ID in result['msg'] and OTHER_POP in result['msg']
    assert calls(api) == [FIND]
    api.sent.clear()
    in_pop = dict(GROUP, population={'id': POP_ID})
    api.answers += [groups(in_pop, dict(GROUP, id='x', population={'id': OTHER_POP})), users()]
    failed, result = run(api, monkeypatch, population_id=POP_ID)
    assert not failed and result['changed'] is False and result['group'] == in_pop


def test_case_clash_is_refused_before_create(api, monkeypatch):
    api.answers += [groups(dict(GROUP, name='developers'))]
    failed, result = run(api, monkeypatch)
    assert failed and result['option'] == 'name' and "'developers'" in result['msg'] and calls(api) == [FIND]


# --- delete ---------------------------------------------------------------------------------------------
def test_delete(api, monkeypatch):
    api.answers += [groups(GROUP), users(JDOE), Answer(204)]
    failed, result = run(api, monkeypatch, state='absent')
    assert not failed and result['changed'] is True and result['group'] == GROUP and result['members'] == []
    assert calls(api) == [FIND, MEMBERS, ('DELETE', '%s/groups/%s' % (ENV, GROUP_ID), None)]
    assert result['diff'] == {'before': {'name': 'Developers', 'description': 'Old', 'population_id': None, 'members': ['jdoe']},
                              'after': {}}


def test_delete_check_mode_and_absent(api, monkeypatch):
    api.answers += [groups(GROUP), users()]
    failed, result = run(api, monkeypatch, state='absent', _ansible_check_mode=True)
    assert not failed and result['changed'] is True and calls(api) == [FIND, MEMBERS]
    api.sent.clear()
    api.answers += [groups()]
    failed, result = run(api, monkeypatch, state='absent')
    assert not failed and result['changed'] is False and result['group'] == {} and result['members'] == []
    assert calls(api) == [FIND] and result['diff'] == {'before': {}, 'after': {}}


def test_delete_in_a_population_that_is_gone(api, monkeypatch):
    api.answers += [page('populations', {'id': OTHER_POP, 'name': 'Staff'})]
    failed, result = run(api, monkeypatch, state='absent', population='Test users')
    assert not failed and result['changed'] is False and calls(api) == [('GET', ENV + '/populations', None)]


# --- bad input --------------------------------------------------------------------------------------------
@pytest.mark.parametrize('args, option', [
    ({'name': ' '}, 'name'),
    ({'members': ['jdoe', ' ']}, 'members'),
    ({'members': ['jdoe'], 'state': 'absent'}, 'members'),
    ({'population_id': 'not-a-uuid'}, 'population_id'),
    ({'population': ''}, 'population'),
    ({'target_environment_id': '../x'}, 'target_environment_id'),
])
def test_bad_input_sends_no_request(api, monkeypatch, args, option):
    failed, result = run(api, monkeypatch, **args)
    assert failed and result['option'] == option and api.sent == []


def test_unknown_usernames_are_refused_before_any_write(api, monkeypatch):
    api.answers += [users(JDOE), users(), page('users', {'id': BOB, 'username': 'Bob'}), users()]
    failed, result = run(api, monkeypatch, members=['jdoe', 'ghost', 'bob', 'nobody'])
    assert failed and result['option'] == 'members'
    assert "'ghost'" in result['msg'] and "'bob'" in result['msg'] and "'nobody'" in result['msg'] and "'jdoe'" not in result['msg']
    assert [call[0] for call in calls(api)] == ['GET'] * 4


def test_unknown_population_is_refused(api, monkeypatch):
    api.answers += [page('populations', {'id': OTHER_POP, 'name': 'Staff'})]
    failed, result = run(api, monkeypatch, population='Test users')
    assert failed and result['option'] == 'population' and "'Staff'" in result['msg'] and len(api.sent) == 1
