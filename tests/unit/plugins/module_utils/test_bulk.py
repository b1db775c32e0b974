# -*- coding: utf-8 -*-
# Copyright: (c) 2026, pingone.platform maintainers
# GNU General Public License v3.0+ (see LICENSE or https://www.gnu.org/licenses/gpl-3.0.txt)
"""Bulk work: the shared pause on 429 (with the clock patched), the paged read, partial failure and convergence."""

from __future__ import annotations

import json
import threading

from ansible_collections.pingone.platform.plugins.module_utils import bulk, kinds
from ansible_collections.pingone.platform.plugins.module_utils.api import PingOneClient
from ansible_collections.pingone.platform.plugins.module_utils.errors import PingOneInputError
from ansible_collections.pingone.platform.plugins.module_utils.regions import REGIONS, build_endpoints
from ansible_collections.pingone.platform.plugins.module_utils.transport import Pacer
from ansible_collections.pingone.platform.tests.unit.fakes import ENV_ID, Answer

USERS = '/environments/%s/users' % ENV_ID
API = 'https://api.pingone.eu/v1'


class Clock:
    """Time that moves only when something sleeps."""

    def __init__(self):
        self.now = 100.0
        self.sleeps = []

    def __call__(self):
        return self.now

    def sleep(self, seconds):
        self.sleeps.append(seconds)
        self.now += seconds


def test_a_hold_pauses_the_other_workers_for_what_remains():
    clock = Clock()
    pacer = Pacer(clock, clock.sleep)
    done = []

    def holder():
        assert pacer.hold(2.0) is True
        done.append('held')

    thread = threading.Thread(target=holder)
    thread.start()
    thread.join()
    pacer.wait()   # another thread: waits out the pause the holder set
    assert clock.sleeps == [2.0] and done == ['held']
    pacer.wait()   # nothing left
    assert clock.sleeps == [2.0]


def test_the_holder_sleeps_its_own_pause_once():
    clock = Clock()
    pacer = Pacer(clock, clock.sleep)
    assert pacer.hold(1.0) is True
    pacer.wait()   # the holder slept already (Transport._pause does): no second sleep
    assert clock.sleeps == []


def test_a_shorter_hold_does_not_shorten_a_longer_one():
    clock = Clock()
    pacer = Pacer(clock, clock.sleep)
    assert pacer.hold(5.0) is True
    assert pacer.hold(1.0) is False and pacer.resume_at == 105.0 and pacer.holds == 1


def test_transport_429_holds_the_pacer(fake_http):
    http = fake_http([Answer(429, headers={'Retry-After': '2'}), Answer(200, {})])
    http.transport.send('POST', API + '/x', headers={}, data=b'{}', operation='POST x', idempotent=False)
    assert http.sleeps == [2.0] and http.transport.pacer.holds == 1


def users_page(*users):
    return Answer(200, {'_embedded': {'users': list(users)}, '_links': {}})


def user(number, **extra):
    return dict({'id': '00000000-0000-4000-8000-%012d' % number, 'username': 'u%02d' % number, 'email': 'u%02d@example.com' % number,
                 'enabled': True}, **extra)


def item(number, **extra):
    return dict({'username': 'u%02d' % number, 'email': 'u%02d@example.com' % number, 'state': 'present'}, **extra)


def client(fake_http, answers):
    http = fake_http(answers)
    return PingOneClient(http.transport, build_endpoints(REGIONS['EU'], ENV_ID), 'tok'), http


def test_a_long_list_is_read_once_and_an_unchanged_run_writes_nothing(fake_http):
    existing = [user(number) for number in range(bulk.READ_ALL_FROM)]
    api, http = client(fake_http, [users_page(*existing)])
    result = bulk.run(api, kinds.UserKind(), USERS, [item(number) for number in range(bulk.READ_ALL_FROM)], False, concurrency=4)
    assert [r.method for r in http.sent] == ['GET'] and http.sent[0].url == API + USERS + '?limit=1000'
    assert result.summary['unchanged'] == bulk.READ_ALL_FROM and not result.changed


def test_a_short_list_is_looked_up_per_item(fake_http):
    api, http = client(fake_http, [users_page(user(1)), users_page(user(2))])
    result = bulk.run(api, kinds.UserKind(), USERS, [item(1), item(2)], False, concurrency=1)
    assert [r.url for r in http.sent] == [API + USERS + '?filter=username+eq+%22u01%22', API + USERS + '?filter=username+eq+%22u02%22']
    assert [entry.entry('username') for entry in result.items] == [
        {'username': 'u01', 'id': user(1)['id'], 'action': 'unchanged'}, {'username': 'u02', 'id': user(2)['id'], 'action': 'unchanged'}]


def test_a_refused_item_fails_alone_and_the_sentence_counts(fake_http):
    refused = Answer(400, {'code': 'INVALID_DATA', 'message': 'bad', 'details': [{'code': 'INVALID_VALUE', 'target': 'email'}]})
    api, _http = client(fake_http, [users_page(), refused, users_page(), Answer(201, user(2))])
    result = bulk.run(api, kinds.UserKind(), USERS, [item(1, email='x'), item(2)], False, concurrency=1)
    assert [r.action for r in result.items] == ['failed', 'created']
    assert result.summary == {'created': 1, 'updated': 0, 'unchanged': 0, 'deleted': 0, 'failed': 1}
    assert result.sentence('user', 'username').startswith('1 of 2 users could not be written (1 created, 0 updated, 0 unchanged, '
                                                          "0 deleted, 1 failed). Every other user was written")
    assert "username 'u01': POST" in result.sentence('user', 'username')


def test_a_create_answered_503_is_looked_up_before_it_is_sent_again(fake_http):
    api, http = client(fake_http, [users_page(), Answer(503, {'code': 'SERVICE_UNAVAILABLE'}), users_page(user(1))])
    result = bulk.run(api, kinds.UserKind(), USERS, [item(1)], False, concurrency=1)
    # The create went through although its answer was lost: found by username, not sent twice.
    assert [r.method for r in http.sent] == ['GET', 'POST', 'GET'] and result.items[0].action == 'created'
    assert http.sleeps == [bulk.CONVERGE_FIRST_WAIT]   # a pause before the look-up, not at once


def test_an_item_that_keeps_failing_on_the_way_fails_after_its_tries_with_growing_pauses(fake_http):
    refused = Answer(503, {'code': 'SERVICE_UNAVAILABLE'})
    api, http = client(fake_http, [users_page(), refused] * bulk.CONVERGE_ATTEMPTS)
    result = bulk.run(api, kinds.UserKind(), USERS, [item(1)], False, concurrency=1)
    assert [r.method for r in http.sent] == ['GET', 'POST'] * bulk.CONVERGE_ATTEMPTS
    assert http.sleeps == [0.5, 1.0, 2.0] and result.items[0].action == 'failed' and result.summary['failed'] == 1


def test_prepare_errors_and_duplicates_fail_their_item_only(fake_http):
    def prepare(entry):
        if entry.get('email') == 'bad':
            raise PingOneInputError('email is bad.', option='email')
        return dict(entry)

    api, http = client(fake_http, [users_page(), Answer(201, user(1))])
    result = bulk.run(api, kinds.UserKind(), USERS, [item(1), item(2, email='bad'), item(1)], False, concurrency=1, prepare=prepare)
    assert [r.action for r in result.items] == ['created', 'failed', 'failed']
    assert result.items[1].msg == 'email is bad.' and 'is listed twice (items 1 and 3)' in result.items[2].msg
    assert json.loads(http.sent[1].body)['username'] == 'u01'


def test_an_adaptive_pacer_learns_the_rate_from_a_429_and_spaces_sends_under_it():
    clock = Clock()
    pacer = Pacer(clock, clock.sleep, adaptive=True)
    for _send in range(10):   # ten answered in the same instant, then PingOne says 429
        pacer.wait()
        pacer.accepted()
    assert clock.sleeps == [] and pacer.rate is None
    pacer.hold(1.0)
    clock.sleep(1.0)   # the worker that got the 429 sleeps its Retry-After itself
    assert pacer.rate == 10 * Pacer.MARGIN
    before = len(clock.sleeps)
    for _send in range(5):
        pacer.wait()
    spacing = [round(seconds, 4) for seconds in clock.sleeps[before:]]
    assert spacing == [round(1 / pacer.rate, 4)] * 4   # the first goes at once, each next one a slot later
    learned = pacer.rate
    pacer.hold(1.0)   # a 429 at the learned rate, a second later: the limit is lower still, so a little below
    assert pacer.rate == learned * Pacer.MARGIN
    pacer.hold(0.5)   # another 429 of the same moment (it was in flight with the last): the rate stays
    assert pacer.rate == learned * Pacer.MARGIN


def test_a_plain_pacer_never_spaces_sends():
    clock = Clock()
    pacer = Pacer(clock, clock.sleep)
    for _send in range(10):
        pacer.wait()
    pacer.hold(1.0)
    clock.sleep(1.0)
    for _send in range(5):
        pacer.wait()
    assert clock.sleeps == [1.0] and pacer.rate is None
