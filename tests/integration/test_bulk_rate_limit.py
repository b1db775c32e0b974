# -*- coding: utf-8 -*-
# Copyright: (c) 2026, pingone.platform maintainers
# GNU General Public License v3.0+ (see LICENSE or https://www.gnu.org/licenses/gpl-3.0.txt)
"""pingone_user with users against a strict rate limiter, through real ansible-playbook.

The simulator's strict limiter (``strict_rate_limit``) refuses every API request that arrives before
the last Retry-After window it announced has ended, and restarts the window for each: a worker that
sends early keeps everyone out. Each test checks that every user is created exactly once, that no
item fails, and the share of requests answered 429. Wall times are the benchmark's
(bench/provisioning_bench.py), not asserted here.
"""

from __future__ import annotations

import threading
import time
from collections import Counter

import pytest

from pingone_simulator import SANDBOX_ENV_ID  # pylint: disable=import-error

ENV = SANDBOX_ENV_ID
USERS = '/v1/environments/%s/users' % ENV


def people(count):
    return [{'username': 'paced%04d' % number, 'email': 'paced%04d@example.com' % number, 'given_name': 'Paced',
             'family_name': '%04d' % number} for number in range(count)]


@pytest.fixture
def strict(ansible):
    """The session's simulator with the strict limiter on (and, when the test sets it, a rate limit); restored after."""
    ansible.sim.app.platform.reset()
    saved = {key: ansible.sim.config.get(key) for key in ('rate_limit', 'strict_rate_limit')}
    ansible.sim.config['strict_rate_limit'] = True
    yield ansible
    ansible.sim.config.update(saved)
    ansible.sim.app.platform.reset()


def bulk(ansible, count, **options):
    options = dict({'target_environment_id': ENV, 'users': people(count)}, **options)
    run = ansible.run('user.yml', extra_vars={'options': options})
    return run.result('Run the module')


def assert_each_created_once(ansible, result, count):
    assert not result['failed'], result.get('msg')
    assert result['summary'] == {'created': count, 'updated': 0, 'unchanged': 0, 'deleted': 0, 'failed': 0}
    names = Counter(user['username'] for user in ansible.sim.app.management.users(ENV))
    assert sorted(names) == ['paced%04d' % number for number in range(count)] and set(names.values()) == {1}
    stats = ansible.sim.stats()
    posts = [r for r in ansible.sim.requests() if r['method'] == 'POST' and r['path'] == USERS]
    assert len(posts) - stats['answered_429'] <= count   # no create was sent again after one got through


def share_429(ansible):
    stats = ansible.sim.stats()
    share = stats['answered_429'] / float(stats['api_requests'])
    print('%d API requests, %d answered 429 (%.1f %%)' % (stats['api_requests'], stats['answered_429'], share * 100))   # shown with -s
    return share


@pytest.mark.parametrize('rate_limit, most', [(100, 0.05), (None, 0.25)], ids=['rate_limit-100', 'adaptive'])
def test_a_thousand_users_under_a_strict_limit_of_100_per_second(strict, rate_limit, most):
    strict.sim.config['rate_limit'] = 100
    options = {'concurrency': 20}
    if rate_limit:
        options['rate_limit'] = rate_limit
    result = bulk(strict, 1000, **options)
    assert_each_created_once(strict, result, 1000)
    assert share_429(strict) < most, strict.sim.stats()


def inject_429s_while_running(sim, after=(100, 200)):
    """A single 429 (Retry-After: 1) on the next user create once the simulator has seen each of ``after`` API requests."""
    def inject():
        for threshold in after:
            while sim.stats()['api_requests'] < threshold:
                if stop.wait(0.02):
                    return
            sim.add_faults([{'match': USERS, 'method': 'POST', 'status': 429, 'headers': {'Retry-After': '1'}}])
    stop = threading.Event()
    thread = threading.Thread(target=inject, daemon=True)
    thread.start()
    return stop, thread


@pytest.mark.parametrize('rate_limit, most', [(100, 0.05), (None, 0.25)], ids=['rate_limit-100', 'adaptive'])
def test_single_429s_under_a_strict_limiter_cost_no_user(strict, rate_limit, most):
    stop, thread = inject_429s_while_running(strict.sim)
    options = {'concurrency': 10}
    if rate_limit:
        options['rate_limit'] = rate_limit
    started = time.monotonic()
    try:
        result = bulk(strict, 300, **options)
    finally:
        stop.set()
        thread.join()
    assert_each_created_once(strict, result, 300)
    assert strict.sim.stats()['faults_pending'] == 0, 'a 429 was not injected (%.1f s)' % (time.monotonic() - started)
    assert share_429(strict) < most, strict.sim.stats()
    assert any('HTTP 429' in warning for warning in result.get('warnings', []))
