# -*- coding: utf-8 -*-
# Copyright: (c) 2026, pingone.platform maintainers
# GNU General Public License v3.0+ (see LICENSE or https://www.gnu.org/licenses/gpl-3.0.txt)
"""Bulk work: the shared pause on 429 (with the clock patched), the paged read, partial failure and convergence."""

from __future__ import annotations

import json
import threading

import pytest

from ansible_collections.pingone.platform.plugins.module_utils import bulk, kinds
from ansible_collections.pingone.platform.plugins.module_utils.api import PingOneClient
from ansible_collections.pingone.platform.plugins.module_utils.errors import PingOneInputError, PingOneRateLimitedError
from ansible_collections.pingone.platform.plugins.module_utils.regions import REGIONS, build_endpoints
from ansible_collections.pingone.platform.plugins.module_utils.resolver import Resolver
from ansible_collections.pingone.platform.plugins.module_utils.transport import NO_PROGRESS_TIMEOUT, Pacer
from ansible_collections.pingone.platform.tests.unit.fakes import ENV_ID, Answer

USERS = '/environments/%s/users' % ENV_ID
API = 'https://api.pingone.eu/v1'


class Clock:
    """Time that moves only when something sleeps; ``during_sleep`` runs once, halfway through the next sleep
    (what another worker does meanwhile)."""

    def __init__(self):
        self.now = 100.0
        self.sleeps = []
        self.during_sleep = None

    def __call__(self):
        return self.now

    def sleep(self, seconds):
        self.sleeps.append(seconds)
        hook, self.during_sleep = self.during_sleep, None
        if hook:
            self.now += seconds / 2
            hook()
            self.now += seconds / 2
        else:
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
    clock.now += 0.5   # half a second later, another worker is about to send
    pacer.wait()       # it waits for what remains of the window the holder was given
    assert clock.sleeps == [1.5] and done == ['held']
    pacer.wait()   # nothing left
    assert clock.sleeps == [1.5]


def test_the_worker_that_got_the_429_waits_like_the_others():
    clock = Clock()
    pacer = Pacer(clock, clock.sleep)
    assert pacer.hold(1.0) is True
    pacer.wait()   # its retry is a send like any other: not before the window ends
    assert clock.sleeps == [1.0]


def test_a_later_retry_after_extends_every_wait_even_of_a_sleeping_worker():
    clock = Clock()
    pacer = Pacer(clock, clock.sleep)
    pacer.hold(1.0)   # window until 101.0
    # Halfway through the sleep, another worker is told Retry-After: 1 (a strict limiter restarted its window).
    clock.during_sleep = lambda: pacer.hold(1.0)   # at 100.5: until 101.5
    pacer.wait()
    assert clock.sleeps == [1.0, 0.5] and clock.now == 101.5   # woke at 101.0, saw the later window, waited it out
    assert pacer.holds == 1 and pacer.limited == 2   # one pause, extended


def test_a_shorter_hold_does_not_shorten_a_longer_one():
    clock = Clock()
    pacer = Pacer(clock, clock.sleep)
    assert pacer.hold(5.0) is True
    assert pacer.hold(1.0) is False and pacer.resume_at == 105.0 and pacer.holds == 1


def test_a_window_that_ended_before_the_slot_does_not_move_it():
    clock = Clock()
    pacer = Pacer(clock, clock.sleep, rate_limit=1)   # slots 1 / 0.95 s apart
    pacer.wait()
    clock.during_sleep = lambda: pacer.hold(0.1)   # a short window, over before this send's slot
    pacer.wait()
    assert [round(seconds, 6) for seconds in clock.sleeps] == [round(1 / 0.95, 6)]   # one sleep: the slot stood


def test_a_worker_that_waits_again_for_a_later_window_holds_no_slot_meanwhile():
    clock = Clock()
    pacer = Pacer(clock, clock.sleep, rate_limit=10)   # slots 1 / 9.5 s apart
    pacer.hold(1.0)   # window until 101.0
    clock.during_sleep = lambda: pacer.hold(0.55)   # at 100.5: until 101.05, less than a slot after the first window
    pacer.wait()
    assert [round(seconds, 6) for seconds in clock.sleeps] == [1.0, 0.05] and round(clock.now, 6) == 101.05   # not a slot later


def test_transport_429_holds_the_pacer(fake_http):
    http = fake_http([Answer(429, headers={'Retry-After': '2'}), Answer(200, {})])
    http.transport.send('POST', API + '/x', headers={}, data=b'{}', operation='POST x', idempotent=False)
    assert http.sleeps == [2.0] and http.transport.pacer.holds == 1


def test_in_bulk_a_429_uses_up_no_retries(fake_http):
    limited = Answer(429, headers={'Retry-After': '1'})
    http = fake_http([limited] * 6 + [Answer(201, {})], retries=1, bulk=True)
    response = http.transport.send('POST', API + '/x', headers={}, data=b'{}', operation='POST x', idempotent=False)
    assert response.status == 201 and response.attempts == 7 and http.sleeps == [1.0] * 6
    assert len(http.warnings) == 6 and 'every request of this task waits 1.0 s' in http.warnings[0]


def test_in_bulk_a_server_error_still_uses_up_retries(fake_http):
    http = fake_http([Answer(429, headers={'Retry-After': '1'}), Answer(503), Answer(503)], retries=1, bulk=True)
    response = http.transport.send('GET', API + '/x', headers={}, operation='GET x')
    assert response.status == 503 and response.attempts == 3   # the 429, then the 503 and its one retry


def test_bulk_gives_up_after_120_s_without_progress(fake_http):
    http = fake_http([Answer(429, headers={'Retry-After': '30'})] * 10, retries=3, bulk=True)
    with pytest.raises(PingOneRateLimitedError) as info:
        http.transport.send('POST', API + '/x', headers={}, data=b'{}', operation='POST x', idempotent=False)
    assert NO_PROGRESS_TIMEOUT == 120.0
    assert http.sleeps == [30.0] * 4 and len(http.sent) == 5   # 429s at 0, 30, 60, 90 and 120 s: then no more
    message = str(info.value)
    assert message.startswith('POST x was answered HTTP 429 (rate limited) 5 times, and no request of this task got through for 120 s')
    assert 'set rate_limit lower' in message and info.value.status == 429


def test_progress_of_another_worker_keeps_bulk_going(fake_http):
    http = fake_http([Answer(429, headers={'Retry-After': '30'})] * 6 + [Answer(200, {})], bulk=True)
    pacer = http.transport.pacer
    original = http.transport.sleep

    def sleep(seconds):   # meanwhile another worker's request got through
        original(seconds)
        pacer.accepted()

    http.transport.sleep = sleep
    assert http.transport.send('GET', API + '/x', headers={}, operation='GET x').status == 200


def test_a_single_request_keeps_its_bounded_retries(fake_http):
    http = fake_http([Answer(429, headers={'Retry-After': '1'})] * 3, retries=2)
    response = http.transport.send('GET', API + '/x', headers={}, operation='GET x')
    assert response.status == 429 and response.attempts == 3 and http.sleeps == [1.0, 1.0]


def test_rate_limit_spaces_sends_from_the_first_one():
    clock = Clock()
    pacer = Pacer(clock, clock.sleep, rate_limit=20)
    for _send in range(5):
        pacer.wait()
    assert [round(seconds, 6) for seconds in clock.sleeps] == [round(1 / (20 * Pacer.MARGIN), 6)] * 4
    assert pacer.rate == 20 * Pacer.MARGIN


def test_after_a_pause_workers_go_one_slot_apart_not_all_at_once():
    clock = Clock()
    pacer = Pacer(clock, clock.sleep, rate_limit=10)
    pacer.hold(1.0)
    starts = []
    for _worker in range(3):   # three workers, each asking for its next send
        pacer.wait()
        starts.append(round(clock.now, 6))
    slot = 1 / (10 * Pacer.MARGIN)
    assert starts == [101.0, round(101.0 + slot, 6), round(101.0 + 2 * slot, 6)]


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


def test_with_a_run_s_resolver_its_read_is_used_and_what_is_made_remembered(fake_http):
    api, http = client(fake_http, [Answer(201, user(2))])
    resolver = Resolver(api, ENV_ID)
    resolver.known(USERS, [user(1)])   # read by the run before
    result = bulk.run(api, kinds.UserKind(), USERS, [item(1), item(2)], False, concurrency=1, resolver=resolver)
    assert [r.method for r in http.sent] == ['POST'] and [r.action for r in result.items] == ['unchanged', 'created']
    assert resolver.whole_list(USERS) == [user(1), user(2)]


def test_with_a_run_s_resolver_a_lost_create_is_looked_up_again_in_pingone_not_in_the_run_s_read(fake_http):
    api, http = client(fake_http, [Answer(503, {'code': 'SERVICE_UNAVAILABLE'}), users_page(user(1))])
    resolver = Resolver(api, ENV_ID)
    resolver.known(USERS, [])   # read by the run before the create
    result = bulk.run(api, kinds.UserKind(), USERS, [item(1)], False, concurrency=1, resolver=resolver)
    assert [(r.method, r.url) for r in http.sent] == [('POST', API + USERS), ('GET', API + USERS + '?filter=username+eq+%22u01%22')]
    assert result.items[0].action == 'created' and resolver.whole_list(USERS) is None   # a later look-up reads the list again


def test_an_item_that_keeps_failing_on_the_way_fails_after_its_tries_with_growing_pauses(fake_http):
    refused = Answer(503, {'code': 'SERVICE_UNAVAILABLE'})
    api, http = client(fake_http, [users_page(), refused] * bulk.CONVERGE_ATTEMPTS)
    result = bulk.run(api, kinds.UserKind(), USERS, [item(1)], False, concurrency=1)
    assert [r.method for r in http.sent] == ['GET', 'POST'] * bulk.CONVERGE_ATTEMPTS
    assert http.sleeps == [0.5, 1.0, 2.0] and result.items[0].action == 'failed' and result.summary['failed'] == 1


def test_prepare_errors_fail_their_item_only(fake_http):
    def prepare(entry):
        if entry.get('email') == 'bad':
            raise PingOneInputError('email is bad.', option='email')
        return dict(entry)

    api, http = client(fake_http, [users_page(), Answer(201, user(1))])
    result = bulk.run(api, kinds.UserKind(), USERS, [item(1), item(2, email='bad')], False, concurrency=1, prepare=prepare)
    assert [r.action for r in result.items] == ['created', 'failed']
    assert result.items[1].msg == 'email is bad.'
    assert json.loads(http.sent[1].body)['username'] == 'u01'


def test_a_key_listed_twice_is_refused_before_any_request(fake_http):
    api, http = client(fake_http, [])
    with pytest.raises(PingOneInputError) as info:
        bulk.run(api, kinds.UserKind(), USERS, [item(1), item(2), item(1)], False)
    assert str(info.value) == "users lists username 'u01' twice (items 1 and 3): give each user once. Nothing was written."
    assert info.value.option == 'users' and http.sent == []
    with pytest.raises(PingOneInputError) as info:
        bulk.run(api, kinds.UserKind(), USERS, [item(1), item(2), dict(item(3), username='U02')], False)
    assert str(info.value) == ("users lists username 'u02' (item 2) and 'U02' (item 3), which differ only in case; PingOne compares "
                               "usernames ignoring case, so both are one user: give each user once. Nothing was written.")
    assert http.sent == []


def test_blank_keys_are_left_to_the_item_checks():
    bulk.refuse_duplicates(['a', '', '  ', None, 'b', ''], 'members', 'username', 'member')


def test_an_adaptive_pacer_learns_the_rate_from_a_429_and_spaces_sends_under_it():
    clock = Clock()
    pacer = Pacer(clock, clock.sleep, bulk=True)
    for _send in range(10):   # ten answered in the same instant, then PingOne says 429
        pacer.wait()
        pacer.accepted()
    assert clock.sleeps == [] and pacer.rate is None
    pacer.hold(1.0)
    assert pacer.rate == 10 * Pacer.MARGIN
    for _send in range(5):
        pacer.wait()
    spacing = [round(seconds, 4) for seconds in clock.sleeps]
    assert spacing == [1.0] + [round(1 / pacer.rate, 4)] * 4   # the window first, then each send a slot later
    learned = pacer.rate
    clock.now += 1.0
    pacer.hold(1.0)   # a 429 at the learned rate, a second later: the limit is lower still, so a little below
    assert pacer.rate == learned * Pacer.MARGIN
    pacer.hold(0.5)   # another 429 of the same moment (it was in flight with the last): the rate stays
    assert pacer.rate == learned * Pacer.MARGIN


def test_a_given_rate_is_lowered_by_a_429_but_never_raised():
    clock = Clock()
    pacer = Pacer(clock, clock.sleep, rate_limit=100, bulk=True)
    pacer.hold(1.0)   # another client shares the limit
    assert pacer.rate == 100 * Pacer.MARGIN * Pacer.MARGIN


def test_a_plain_pacer_never_spaces_sends():
    clock = Clock()
    pacer = Pacer(clock, clock.sleep)
    for _send in range(10):
        pacer.wait()
    pacer.hold(1.0)
    for _send in range(5):
        pacer.wait()
    assert clock.sleeps == [1.0] and pacer.rate is None


def test_workers_that_woke_late_go_one_after_another_not_in_a_burst():
    clock = Clock()
    pacer = Pacer(clock, clock.sleep, rate_limit=10)
    slot = 1 / (10 * Pacer.MARGIN)
    pacer.wait()   # goes at 100.0
    clock.now += 0.5   # the host was busy: two workers whose slots have passed both wake now
    pacer.wait()
    pacer.wait()
    assert [round(seconds, 6) for seconds in clock.sleeps] == [round(slot, 6)]   # the first goes at once, the second a slot later
