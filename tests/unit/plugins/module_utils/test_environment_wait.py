# -*- coding: utf-8 -*-
# Copyright: (c) 2026, pingone.platform maintainers
# GNU General Public License v3.0+ (see LICENSE or https://www.gnu.org/licenses/gpl-3.0.txt)
"""The API client's bounded wait for a target environment created a moment ago by other means: 404 for it and its
collections, 403 under it, waited out while the organization lists it as new; anything else fails at once."""

from __future__ import annotations

import pytest

from ansible_collections.pingone.platform.plugins.module_utils import api as api_module
from ansible_collections.pingone.platform.plugins.module_utils.api import PingOneClient
from ansible_collections.pingone.platform.plugins.module_utils.errors import PingOneForbiddenError, PingOneNotFoundError
from ansible_collections.pingone.platform.plugins.module_utils.regions import REGIONS, build_endpoints
from ansible_collections.pingone.platform.tests.unit.fakes import ENV_ID, Answer

API = 'https://api.pingone.eu/v1'
TARGET = '0e1d2c3b-4a59-4687-a5b4-c3d2e1f00a1b'
NOW = 1_800_000_000.0   # 2027-01-15T08:00:00Z
JUST_NOW, LONG_AGO = '2027-01-15T07:59:58.123Z', '2026-12-01T00:00:00.000Z'
NOT_FOUND = Answer(404, {'id': 'c1', 'code': 'NOT_FOUND', 'message': 'The requested resource was not found.'})
FORBIDDEN = Answer(403, {'id': 'c2', 'code': 'ACCESS_FAILED', 'message': 'The request could not be completed. You do not have access to this resource.'})
POPULATIONS = Answer(200, {'_embedded': {'populations': [{'id': 'p', 'name': 'Default'}]}, '_links': {}})


def listed(created_at=JUST_NOW, env_id=TARGET):
    item = {'id': env_id, 'name': 'New'}
    if created_at is not None:
        item['createdAt'] = created_at
    return Answer(200, {'_embedded': {'environments': [item]}, '_links': {}})


NOT_LISTED = Answer(200, {'_embedded': {'environments': []}, '_links': {}})


def client(fake_http, answers, wait=api_module.ENVIRONMENT_WAIT, target=TARGET):
    http = fake_http(answers)
    api = PingOneClient(http.transport, build_endpoints(REGIONS['EU'], ENV_ID), 'tok')
    api.environment_option = ('target_environment_id', target)
    api.environment_wait = wait
    api.clock = lambda: NOW
    return api, http


def urls(http):
    return [request.url for request in http.sent]


POPS = '%s/environments/%s/populations' % (API, TARGET)
CHECK = '%s/environments?filter=id+eq+%%22%s%%22' % (API, TARGET)


def test_a_new_environment_that_answers_404_then_403_is_waited_out_and_used(fake_http):
    api, http = client(fake_http, [NOT_FOUND, listed(), NOT_FOUND, FORBIDDEN, POPULATIONS])
    assert api.paginate('/environments/%s/populations' % TARGET) == [{'id': 'p', 'name': 'Default'}]
    assert urls(http) == [POPS, CHECK, POPS, POPS, POPS]
    assert http.sleeps == [0.25, 0.5, 1.0]
    assert all(TARGET in warning and 'target_environment_id' in warning and JUST_NOW in warning for warning in http.warnings)


def test_once_an_answer_under_it_succeeded_a_404_is_not_waited_for(fake_http):
    api, http = client(fake_http, [POPULATIONS, NOT_FOUND])
    api.get('/environments/%s/populations' % TARGET)
    with pytest.raises(PingOneNotFoundError):
        api.get('/environments/%s/populations' % TARGET)
    assert len(http.sent) == 2 and http.sleeps == []


@pytest.mark.parametrize('check', [NOT_LISTED, listed(LONG_AGO), Answer(403, {'code': 'ACCESS_FAILED', 'message': 'no'})],
                         ids=['no such environment', 'an old environment', 'the list cannot be read'])
def test_an_id_of_no_new_environment_fails_at_once_as_before(fake_http, check):
    api, http = client(fake_http, [NOT_FOUND, check])
    with pytest.raises(PingOneNotFoundError, match='no environment %s is visible' % TARGET):
        api.get('/environments/%s/populations' % TARGET)
    assert urls(http) == [POPS, CHECK] and http.sleeps == []


def test_after_the_bound_it_fails_naming_the_environment_id(fake_http):
    api, http = client(fake_http, [FORBIDDEN, listed()] + [FORBIDDEN] * 3, wait=1.0)
    with pytest.raises(PingOneForbiddenError) as caught:
        api.get('/environments/%s/populations' % TARGET)
    assert http.sleeps == [0.25, 0.5, 0.25] and sum(http.sleeps) == 1.0
    message = str(caught.value)
    assert 'environment %s (target_environment_id), created at %s, was still not available 1 s later' % (TARGET, JUST_NOW) in message
    assert 'run the task again in a few minutes' in message and 'tok' not in message and caught.value.status == 403


def test_a_404_deeper_than_a_collection_is_an_object_that_does_not_exist(fake_http):
    api, http = client(fake_http, [NOT_FOUND])
    with pytest.raises(PingOneNotFoundError):
        api.get('/environments/%s/users/%s' % (TARGET, ENV_ID))
    assert len(http.sent) == 1 and http.sleeps == []


def test_a_403_of_a_role_propagating_is_left_to_the_role_wait(fake_http):
    propagating = Answer(403, {'code': 'ACCESS_FAILED', 'message': api_module.ROLE_PROPAGATION_MESSAGE + '.'})
    api, http = client(fake_http, [propagating, POPULATIONS])
    api.get('/environments/%s/populations' % TARGET)
    assert urls(http) == [POPS, POPS] and 'role assigned a moment ago' in http.warnings[0]


def test_other_environments_a_zero_wait_and_no_target_are_not_waited_for(fake_http):
    api, http = client(fake_http, [NOT_FOUND, NOT_FOUND], wait=0)
    with pytest.raises(PingOneNotFoundError):
        api.get('/environments/%s/populations' % TARGET)
    api.environment_wait = 60.0
    with pytest.raises(PingOneNotFoundError):
        api.get('/environments/%s/populations' % ENV_ID)
    assert len(http.sent) == 2 and http.sleeps == []


def test_a_write_refused_in_the_window_is_sent_again(fake_http):
    created = Answer(201, {'id': 'g', 'name': 'Admins'})
    api, http = client(fake_http, [FORBIDDEN, listed(created_at=None), created])
    assert api.request('POST', '/environments/%s/groups' % TARGET, body={'name': 'Admins'}).json == {'id': 'g', 'name': 'Admins'}
    assert [request.method for request in http.sent] == ['POST', 'GET', 'POST'] and 'an unknown time' in http.warnings[0]


def test_an_environment_found_not_new_is_not_asked_about_again(fake_http):
    # a worker whose role does not cover the environment: every 403 would otherwise cost another organization read
    api, http = client(fake_http, [FORBIDDEN, listed(LONG_AGO), FORBIDDEN])
    for _attempt in range(2):
        with pytest.raises(PingOneForbiddenError):
            api.get('/environments/%s/populations' % TARGET)
    assert urls(http) == [POPS, CHECK, POPS] and http.sleeps == []
