# -*- coding: utf-8 -*-
# Copyright: (c) 2026, pingone.platform maintainers
# GNU General Public License v3.0+ (see LICENSE or https://www.gnu.org/licenses/gpl-3.0.txt)
"""pingone_user with users: hundreds of users in one task, through real ansible-playbook: created,
rerun unchanged in a handful of requests, changed, deleted per item; 429s, 503s, a connection
dropped after PingOne acted and refused items, each converging without a user lost or made twice."""

from __future__ import annotations

import json
from collections import Counter

import pytest

from conftest import ALL_SECRET_FORMS, secret_forms  # pylint: disable=import-error
from pingone_simulator import SANDBOX_ENV_ID  # pylint: disable=import-error
from calls import api_requests, writes  # pylint: disable=import-error

ENV = SANDBOX_ENV_ID
USERS = '/v1/environments/%s/users' % ENV
COUNT = 200


def password(number):
    """A password per user that PingOne's default policy takes (no character three times in a row)."""
    return 'Bulk-Passw0rd#' + '.'.join('%03d' % number)


for _number in (0, 7, 111, COUNT - 1):   # the leak scan covers the bulk passwords (a sample: each has the same shape)
    ALL_SECRET_FORMS.update(('bulk password %d %s' % (_number, form), value)
                            for form, value in secret_forms('user', password(_number)).items())


def people(count=COUNT, **extra):
    return [dict({'username': 'user%03d' % number, 'email': 'user%03d@example.com' % number, 'given_name': 'User',
                  'family_name': '%03d' % number, 'password': password(number)}, **extra) for number in range(count)]


@pytest.fixture(autouse=True)
def organization(ansible):
    ansible.sim.app.platform.reset()
    yield
    ansible.sim.app.platform.reset()


def bulk(ansible, users, check=False, diff=False, faults=None, **options):
    if faults:
        ansible.sim.add_faults(faults)
    env = {'ANSIBLE_DIFF_ALWAYS': 'true'} if diff else {}
    run = ansible.run('user.yml', extra_vars={'options': dict({'target_environment_id': ENV, 'users': users}, **options)},
                      check=check, env=env)
    return run, run.result('Run the module')


def stored(ansible):
    return ansible.sim.app.management.users(ENV)


def assert_each_once(ansible, count=COUNT):
    names = Counter(user['username'] for user in stored(ansible))
    assert sorted(names) == ['user%03d' % number for number in range(count)] and set(names.values()) == {1}


def test_hundreds_of_users_created_then_unchanged_then_changed_then_deleted(ansible):
    run, result = bulk(ansible, people(), concurrency=8)
    assert run.rc == 0 and result['changed'] is True, result.get('msg')
    assert result['summary'] == {'created': COUNT, 'updated': 0, 'unchanged': 0, 'deleted': 0, 'failed': 0}
    assert [entry['username'] for entry in result['users']] == ['user%03d' % number for number in range(COUNT)]   # input order
    assert all(entry['action'] == 'created' and entry['id'] for entry in result['users'])
    assert set(result['users'][0]) == {'username', 'id', 'action'}   # compact: no user objects in bulk mode
    assert_each_once(ansible)
    assert ansible.sim.app.management.verify_password(ENV, 'user007', password(7))
    assert Counter(method for method, _path in writes(ansible)) == {'POST': COUNT}

    ansible.sim.reset()
    run, again = bulk(ansible, people())
    assert run.rc == 0 and again['changed'] is False and again['summary']['unchanged'] == COUNT
    assert writes(ansible) == []
    # The token, then one paged read of the environment's users: not one look-up per user.
    assert len(api_requests(ansible)) <= 3 and ansible.sim.stats()['tokens_issued'] == 1

    ansible.sim.reset()
    changed = people()
    for number in range(0, COUNT, 10):
        changed[number]['family_name'] = 'Changed'
    for number in (1, 2, 3):
        changed[number] = {'username': 'user%03d' % number, 'state': 'absent'}
    run, result = bulk(ansible, changed, diff=True)
    assert run.rc == 0 and result['summary'] == {'created': 0, 'updated': COUNT // 10, 'unchanged': COUNT - COUNT // 10 - 3,
                                                 'deleted': 3, 'failed': 0}
    assert Counter(method for method, _path in writes(ansible)) == {'PATCH': COUNT // 10, 'DELETE': 3}
    headers = [entry['before_header'] for entry in result['diff']]
    assert 'user010' in headers and 'user001' in headers and len(headers) == COUNT // 10 + 3
    assert 'Passw0rd' not in json.dumps(result['diff'])


def test_check_mode_in_bulk_writes_nothing_and_lists_each_change(ansible):
    run, result = bulk(ansible, people(30), check=True, diff=True)
    assert run.rc == 0 and result['changed'] is True and result['summary']['created'] == 30
    assert writes(ansible) == [] and stored(ansible) == []
    assert len(result['diff']) == 30 and result['diff'][0]['after']['password'] == '(set by this task)'


def test_rate_limit_pauses_every_worker_and_no_user_is_made_twice(ansible):
    faults = [{'match': USERS, 'method': 'POST', 'status': 429, 'headers': {'Retry-After': '1'}, 'times': 12}]
    run, result = bulk(ansible, people(40), faults=faults, concurrency=8)
    assert run.rc == 0 and result['summary']['created'] == 40, result.get('msg')
    assert_each_once(ansible, 40)
    assert any('HTTP 429' in warning for warning in result.get('warnings', []))
    posts = [r for r in api_requests(ansible) if r['method'] == 'POST']
    assert len(posts) == 40 + 12   # each 429 was sent again once, nothing more


def test_server_errors_and_a_lost_answer_converge_without_duplicates(ansible):
    faults = [
        # 503 on writes: answered before PingOne acts; each is looked up by username, then sent again.
        {'match': USERS, 'method': 'POST', 'status': 503, 'times': 3},
        # The connection drops after the create was applied: the user exists, its answer is lost.
        {'match': USERS, 'method': 'POST', 'action': 'reset_mid_body', 'times': 2},
    ]
    run, result = bulk(ansible, people(30), faults=faults, concurrency=4, retries=0)
    assert run.rc == 0 and result['summary']['created'] == 30, result.get('msg')
    assert_each_once(ansible, 30)
    lookups = [r for r in api_requests(ansible) if r['method'] == 'GET' and 'username' in (r['query'] or '')]
    assert len(lookups) >= 5   # every failed create was checked by username before anything was sent again

    ansible.sim.reset()   # and a rerun changes nothing
    run, again = bulk(ansible, people(30))
    assert again['changed'] is False and writes(ansible) == []


def test_refused_users_do_not_stop_the_others(ansible):
    users = people(25)
    users[3]['email'] = 'not-an-email'
    users[9]['email'] = 'also wrong'
    faults = [{'match': USERS, 'method': 'POST', 'status': 409, 'times': 1,
               'json': {'id': 'c0ffee00-0000-4000-8000-000000000409', 'code': 'UNIQUENESS_VIOLATION',
                        'message': 'The request could not be completed. One or more validation errors were in the request.',
                        'details': [{'code': 'UNIQUENESS_VIOLATION', 'target': 'username', 'message': 'must be unique'}]}}]
    run, result = bulk(ansible, users, faults=faults, concurrency=1)
    assert result['failed']
    assert result['summary'] == {'created': 22, 'updated': 0, 'unchanged': 0, 'deleted': 0, 'failed': 3}
    failed = [entry for entry in result['users'] if entry['action'] == 'failed']
    assert [entry['username'] for entry in failed] == ['user000', 'user003', 'user009']
    assert 'HTTP 409' in failed[0]['msg'] and 'email' in failed[1]['msg']
    assert result['msg'].startswith('3 of 25 users could not be written (22 created, 0 updated, 0 unchanged, 0 deleted, 3 failed)')
    assert len(stored(ansible)) == 22


def test_bad_items_fail_alone_before_any_request_for_them(ansible):
    users = people(5)
    users[1] = {'username': 'user001', 'state': 'absent', 'password': 'x'}
    users[2] = dict(users[2], population='No such population')
    run, result = bulk(ansible, users)
    assert result['failed'] and result['summary']['failed'] == 2 and result['summary']['created'] == 3
    messages = {entry['username']: entry.get('msg', '') for entry in result['users'] if entry['action'] == 'failed'}
    assert 'password is set with state absent' in messages['user001']
    assert "population 'No such population' names no population" in messages['user002']


def test_users_in_one_population_by_name_read_the_populations_once(ansible):
    run, result = bulk(ansible, people(30, population='Default'), concurrency=4)
    assert run.rc == 0 and result['summary']['created'] == 30, result.get('msg')
    assert len({user['population']['id'] for user in stored(ansible)}) == 1
    # the task's one resolver: one read of the populations for the 30 users, not one per user
    assert len([r for r in api_requests(ansible) if r['method'] == 'GET' and r['path'] == '/v1/environments/%s/populations' % ENV]) == 1


@pytest.mark.parametrize('again, message', [
    ('user001', "users lists username 'user001' twice (items 2 and 5): give each user once. Nothing was written."),
    ('USER001', "users lists username 'user001' (item 2) and 'USER001' (item 5), which differ only in case; PingOne compares "
                "usernames ignoring case, so both are one user: give each user once. Nothing was written."),
])
def test_a_user_listed_twice_fails_the_task_before_any_request(ansible, again, message):
    users = people(4) + [dict(people(2)[1], username=again)]
    run, result = bulk(ansible, users)
    assert result['failed'] and result['msg'] == message and result['option'] == 'users'
    assert ansible.sim.requests() == [] and stored(ansible) == []   # not even the token was asked for


def test_options_next_to_users_are_refused(ansible):
    run, result = bulk(ansible, people(2), email='x@example.com')
    assert result['failed'] and result['option'] == 'email' and writes(ansible) == []


def test_a_group_with_many_members_reads_once_and_writes_in_parallel(ansible):
    run, result = bulk(ansible, people(60))
    assert result['summary']['created'] == 60
    ansible.sim.reset()
    members = ['user%03d' % number for number in range(60)]
    options = {'target_environment_id': ENV, 'name': 'Everyone', 'members': members, 'concurrency': 8}
    group = ansible.run('group.yml', extra_vars={'options': options})
    created = group.result('Run the module')
    assert created['changed'] is True and created['members'] == members
    reads = [r for r in api_requests(ansible) if r['method'] == 'GET' and r['path'] == USERS]
    assert len(reads) == 1   # the users, once: not one look-up per member (a new group has no members to read)
    assert Counter(method for method, path in writes(ansible) if path.endswith('/memberOfGroups')) == {'POST': 60}
    ansible.sim.reset()
    options = {'target_environment_id': ENV, 'name': 'Everyone', 'members': members[:50], 'purge_members': True}
    again = ansible.run('group.yml', extra_vars={'options': options}).result('Run the module')
    assert again['members'] == members[:50] and Counter(method for method, _path in writes(ansible)) == {'DELETE': 10}
    assert len([r for r in api_requests(ansible) if r['method'] == 'GET' and r['path'] == USERS]) == 2   # the users, the members
