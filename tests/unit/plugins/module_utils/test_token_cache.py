# -*- coding: utf-8 -*-
# Copyright: (c) 2026, pingone.platform maintainers
# GNU General Public License v3.0+ (see LICENSE or https://www.gnu.org/licenses/gpl-3.0.txt)
"""Reuse of an earlier token and refresh inside a long run, at the exact expiry boundaries (time controlled)."""

from __future__ import annotations

import pytest

from ansible_collections.pingone.platform.plugins.module_utils.regions import REGIONS, build_endpoints
from ansible_collections.pingone.platform.plugins.module_utils.token import ClientCredentials, Token, format_timestamp
from ansible_collections.pingone.platform.plugins.module_utils.token_cache import TokenSource, parse_timestamp, reusable_token
from ansible_collections.pingone.platform.tests.unit.fakes import CLIENT_ID, ENV_ID, SECRET

NOW = 1_800_000_000
ENDS = build_endpoints(REGIONS['EU'], ENV_ID)
CREDS = ClientCredentials(CLIENT_ID, SECRET, scopes=('p1:read:user', 'p1:update:user'))


def previous(**changes):
    token = Token('tok.en.sig', 'Bearer', 3600, NOW + 3600, 'p1:read:user')
    result = token.as_result(ENDS, CREDS)
    result.update(changed=False, reused=False)
    result.update(changes)
    return result


def test_timestamps_round_trip_and_junk_is_none():
    assert parse_timestamp(format_timestamp(NOW)) == NOW
    assert [parse_timestamp(value) for value in (None, 5, '', '2026-13-01T00:00:00Z', '2026-11-25 19:30:00')] == [None] * 5


def test_same_everything_is_reused_as_it_was():
    token = reusable_token(previous(), ENDS, CREDS, 300, NOW)
    assert token == Token('tok.en.sig', 'Bearer', 3600, NOW + 3600, 'p1:read:user')
    assert token.as_result(ENDS, CREDS) == {key: value for key, value in previous().items() if key not in ('changed', 'reused')}


@pytest.mark.parametrize('remaining, min_ttl, reused', [
    (300, 300, True), (299, 300, False), (301, 300, True), (0, 0, True), (-1, 0, False), (3600, 3600, True), (3599, 3600, False),
])
def test_expiry_boundary(remaining, min_ttl, reused):
    now = NOW + 3600 - remaining
    assert (reusable_token(previous(), ENDS, CREDS, min_ttl, now) is not None) is reused


def test_scopes_compare_as_a_set_and_client_id_ignores_case():
    assert reusable_token(previous(scopes=['p1:update:user', 'p1:read:user'], client_id=CLIENT_ID.upper()), ENDS, CREDS, 300, NOW)


@pytest.mark.parametrize('changes', [
    {'environment_id': '11111111-2222-4333-8444-555555555555'},
    {'client_id': '99999999-8888-4777-8666-555555555555'},
    {'client_id': None},
    {'token_url': 'https://auth.pingone.com/%s/as/token' % ENV_ID},
    {'scopes': ['p1:read:user']},
    {'scopes': None},
    {'scopes': 'p1:read:user p1:update:user'},
    {'access_token': ''},
    {'access_token': None},
    {'token_type': 'N_A'},
    {'expires_at': 'tomorrow'},
    {'expires_at': None},
    {'failed': True},
])
def test_anything_different_or_odd_means_a_new_token(changes):
    assert reusable_token(previous(**changes), ENDS, CREDS, 300, NOW) is None


@pytest.mark.parametrize('given', [None, {}, 'a string', ['a', 'list']])
def test_no_previous_result(given):
    assert reusable_token(given, ENDS, CREDS, 300, NOW) is None


def test_custom_domain_without_environment_id():
    ends = build_endpoints(REGIONS['EU'], None, custom_domain='auth.example.com')
    creds = ClientCredentials(CLIENT_ID, SECRET)
    result = Token('t', 'Bearer', 3600, NOW + 3600).as_result(ends, creds)
    assert result['environment_id'] is None and reusable_token(result, ends, creds, 300, NOW) is not None
    assert reusable_token(result, ENDS, creds, 300, NOW) is None


class Clock:
    def __init__(self, now):
        self.now = now

    def __call__(self):
        return self.now


def fetcher(clock, lifetime=3600):
    fetched = []

    def fetch():
        fetched.append(clock.now)
        return Token('token-%d' % len(fetched), 'Bearer', lifetime, clock.now + lifetime)
    return fetch, fetched


def test_source_refreshes_when_less_than_a_minute_remains():
    clock = Clock(NOW)
    fetch, fetched = fetcher(clock)
    source = TokenSource(fetch, clock=clock)
    assert source() == 'token-1'
    clock.now = NOW + 3600 - 60            # exactly 60 s left: still good
    assert source() == 'token-1'
    clock.now = NOW + 3600 - 59.5          # less than 60 s left: a new one
    assert source() == 'token-2' and fetched == [NOW, NOW + 3540.5]
    assert source() == 'token-2' and source.fetches == 2


def test_source_refresh_on_demand():
    clock = Clock(NOW)
    fetch, fetched = fetcher(clock)
    source = TokenSource(fetch, clock=clock)
    assert source() == 'token-1' and source.refresh() == 'token-2' and source() == 'token-2' and len(fetched) == 2


def test_short_lived_token_is_kept_for_half_its_life():
    clock = Clock(NOW)
    fetch, fetched = fetcher(clock, lifetime=40)
    source = TokenSource(fetch, clock=clock)
    source()
    clock.now = NOW + 20                   # 20 s of 40 left: still good (not refreshed on every call)
    assert source() == 'token-1'
    clock.now = NOW + 20.5
    assert source() == 'token-2' and len(fetched) == 2
