# -*- coding: utf-8 -*-
# Copyright: (c) 2026, pingone.platform maintainers
# GNU General Public License v3.0+ (see LICENSE or https://www.gnu.org/licenses/gpl-3.0.txt)

from __future__ import annotations

import pytest

from ansible_collections.pingone.platform.plugins.module_utils import organization
from ansible_collections.pingone.platform.plugins.module_utils.api import PingOneClient
from ansible_collections.pingone.platform.plugins.module_utils.errors import PingOneInputError, PingOneUnexpectedResponseError
from ansible_collections.pingone.platform.plugins.module_utils.regions import REGIONS, build_endpoints
from ansible_collections.pingone.platform.tests.unit.fakes import ENV_ID, Answer

API = 'https://api.pingone.com/v1'
ORG_ID = '3d2c1b0a-9f8e-4d7c-b6a5-4f3e2d1c0b9a'
ACTIVE = {'id': 'a1', 'name': 'Premium', 'status': 'ACTIVE'}
EXPIRED = {'id': 'e1', 'name': 'Premium', 'status': 'EXPIRED'}
FUTURE = {'id': 'f1', 'name': 'Plus', 'status': 'FUTURE'}


def client(fake_http, answers, environment_id=ENV_ID):
    http = fake_http(answers)
    return PingOneClient(http.transport, build_endpoints(REGIONS['NA'], environment_id, need_token_url=False), 'tok'), http


def licenses_page(*licenses):
    return Answer(200, {'_embedded': {'licenses': list(licenses)}, '_links': {}, 'count': len(licenses), 'size': len(licenses)})


def test_given_organization_id_is_checked_and_used(fake_http):
    api, http = client(fake_http, [])
    assert organization.organization_id(api, ORG_ID.upper()) == ORG_ID and http.sent == []
    with pytest.raises(PingOneInputError, match='organization_id is not a UUID'):
        organization.organization_id(api, 'my-org')


def test_organization_id_from_the_workers_environment(fake_http):
    api, http = client(fake_http, [Answer(200, {'id': ENV_ID, 'organization': {'id': ORG_ID.upper()}})])
    assert organization.organization_id(api) == ORG_ID
    assert http.sent[0].url == '%s/environments/%s' % (API, ENV_ID)


def test_organization_id_from_the_first_readable_environment_with_a_token_only(fake_http):
    page = Answer(200, {'_embedded': {'environments': [{'id': ENV_ID, 'organization': {'id': ORG_ID}}]}})
    api, http = client(fake_http, [page], environment_id=None)
    assert organization.organization_id(api) == ORG_ID
    assert http.sent[0].url == API + '/environments?limit=1'


@pytest.mark.parametrize('environment_id, answer', [
    (ENV_ID, Answer(200, {'id': ENV_ID})),
    (None, Answer(200, {'_embedded': {'environments': []}})),
    (None, Answer(200, {'_embedded': {'environments': [{'id': ENV_ID, 'organization': None}]}})),
], ids=['environment without organization', 'no environment readable', 'organization null'])
def test_no_organization_in_the_answer(fake_http, environment_id, answer):
    api, _http = client(fake_http, [answer], environment_id=environment_id)
    with pytest.raises(PingOneUnexpectedResponseError, match='no organization.id, so the organization is unknown: set organization_id'):
        organization.organization_id(api)


def test_list_licenses_filters_by_status_in_pingone(fake_http):
    api, http = client(fake_http, [licenses_page(ACTIVE)])
    assert organization.list_licenses(api, ORG_ID, 'ACTIVE') == [ACTIVE]
    assert http.sent[0].url == '%s/organizations/%s/licenses?filter=status+eq+%%22ACTIVE%%22' % (API, ORG_ID)


def test_active_license_named_skips_the_expired_namesake(fake_http):
    api, _http = client(fake_http, [licenses_page(EXPIRED, ACTIVE, FUTURE)])
    assert organization.active_license_named(api, ORG_ID, 'Premium') == ACTIVE


def test_unknown_license_name_lists_the_names(fake_http):
    api, _http = client(fake_http, [licenses_page(EXPIRED, ACTIVE, FUTURE)])
    with pytest.raises(PingOneInputError) as info:
        organization.active_license_named(api, ORG_ID, 'Gold')
    assert str(info.value) == ("No license of organization %s is named 'Gold' (its licenses: 'Plus', 'Premium'): check license_name, or "
                               "list the licenses with pingone.platform.pingone_license_info." % ORG_ID)
    assert info.value.option == 'license_name'


def test_license_that_is_not_active(fake_http):
    api, _http = client(fake_http, [licenses_page(FUTURE)])
    with pytest.raises(PingOneInputError, match=r"The license named 'Plus' is not ACTIVE \(FUTURE\)"):
        organization.active_license_named(api, ORG_ID, 'Plus')


def test_two_active_licenses_of_one_name(fake_http):
    api, _http = client(fake_http, [licenses_page(ACTIVE, dict(ACTIVE, id='a2'))])
    with pytest.raises(PingOneInputError, match=r"2 ACTIVE licenses are named 'Premium': give license_id instead \(one of a1, a2\)"):
        organization.active_license_named(api, ORG_ID, 'Premium')
