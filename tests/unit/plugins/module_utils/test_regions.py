# -*- coding: utf-8 -*-
# Copyright: (c) 2026, pingone.platform maintainers
# GNU General Public License v3.0+ (see LICENSE or https://www.gnu.org/licenses/gpl-3.0.txt)

from __future__ import annotations

import pytest

from ansible_collections.pingone.platform.plugins.module_utils.errors import PingOneInputError
from ansible_collections.pingone.platform.plugins.module_utils.regions import REGIONS, build_endpoints, normalize_host, resolve_region

ENV = '5a1c3f0e-2b9d-4c47-9e7b-0d8f6a4b2c11'

TABLE = [
    # code, tld, sdk name, auth host, api url, orchestrate url
    ('NA', 'com', 'NorthAmerica', 'auth.pingone.com', 'https://api.pingone.com/v1', 'https://orchestrate-api.pingone.com/v1'),
    ('CA', 'ca', 'Canada', 'auth.pingone.ca', 'https://api.pingone.ca/v1', 'https://orchestrate-api.pingone.ca/v1'),
    ('EU', 'eu', 'Europe', 'auth.pingone.eu', 'https://api.pingone.eu/v1', 'https://orchestrate-api.pingone.eu/v1'),
    ('AU', 'com.au', 'Australia-AsiaPacific', 'auth.pingone.com.au', 'https://api.pingone.com.au/v1',
     'https://orchestrate-api.pingone.com.au/v1'),
    ('SG', 'sg', 'Singapore', 'auth.pingone.sg', 'https://api.pingone.sg/v1', 'https://orchestrate-api.pingone.sg/v1'),
    ('AP', 'asia', 'AsiaPacific', 'auth.pingone.asia', 'https://api.pingone.asia/v1', 'https://orchestrate-api.pingone.asia/v1'),
]


@pytest.mark.parametrize('code, tld, sdk, auth_host, api_url, orchestrate_url', TABLE)
def test_region_table_matches_pingone_domains(code, tld, sdk, auth_host, api_url, orchestrate_url):
    region = REGIONS[code]
    assert (region.tld, region.sdk_name, region.auth_host, region.api_url, region.orchestrate_url) == \
        (tld, sdk, auth_host, api_url, orchestrate_url)


@pytest.mark.parametrize('code, tld, sdk', [row[:3] for row in TABLE])
def test_every_spelling_resolves_case_insensitively(code, tld, sdk):
    for spelling in (code, code.lower(), tld, tld.upper(), sdk, sdk.lower(), sdk.upper(), ' %s ' % code):
        assert resolve_region(spelling).code == code


def test_missing_region_is_na_but_an_empty_one_is_refused():
    assert resolve_region(None).code == 'NA'
    with pytest.raises(PingOneInputError, match='region is empty'):
        resolve_region(' ')


@pytest.mark.parametrize('value', ['US', 'north america', 'eu-west-1', 'auth.pingone.eu', 'com.eu', 'Australia', 'NAA', '1'])
def test_unknown_region_is_refused_with_the_valid_codes(value):
    with pytest.raises(PingOneInputError) as info:
        resolve_region(value)
    assert 'NA, CA, EU, AU, SG, AP' in str(info.value)
    assert info.value.option == 'region'


@pytest.mark.parametrize('value, expected', [
    ('auth.pingone.eu', 'auth.pingone.eu'),
    ('https://auth.pingone.eu', 'auth.pingone.eu'),
    ('HTTPS://Auth.PingOne.EU/', 'auth.pingone.eu'),
    ('127.0.0.1:8443', '127.0.0.1:8443'),
    ('localhost:1', 'localhost:1'),
    ('[::1]:8443', '[::1]:8443'),
    ('my-private.auth.example.com', 'my-private.auth.example.com'),
])
def test_host_overrides_are_normalised(value, expected):
    assert normalize_host(value, 'auth_hostname') == expected


def test_trailing_v1_is_stripped_with_a_warning():
    warnings = []
    assert normalize_host('https://auth.pingone.com/v1', 'auth_hostname', warnings.append) == 'auth.pingone.com'
    assert normalize_host('auth.pingone.com/v1/', 'auth_hostname', warnings.append) == 'auth.pingone.com'
    assert len(warnings) == 2 and 'auth_hostname ends in /v1' in warnings[0]


@pytest.mark.parametrize('value, words', [
    ('http://auth.pingone.com', 'HTTPS only'),
    ('HTTP://auth.pingone.com', 'HTTPS only'),
    ('ftp://auth.pingone.com', 'scheme ftp://'),
    ('auth.pingone.com/as/token', 'contains a path'),
    ('https://auth.pingone.com/v2', 'contains a path'),
    ('auth.pingone.com?x=1', 'query'),
    ('auth.pingone.com#frag', 'query or fragment'),
    ('user:pw@auth.pingone.com', 'user information'),
    ('https://user@auth.pingone.com', 'user information'),
    ('auth pingone.com', 'white space'),
    (' auth.pingone.com', 'white space'),
    ('auth.pingоne.com', 'non-ASCII'),   # Cyrillic o
    ('', 'empty'),
    ('auth_pingone.com', 'not a valid host name'),
    ('auth.pingone.com:0', 'outside 1-65535'),
    ('auth.pingone.com:70000', 'outside 1-65535'),
    ('auth.pingone.com:http', 'not a valid host name'),
    ('-auth.pingone.com', 'not a valid host name'),
])
def test_bad_hosts_are_refused_naming_the_option(value, words):
    with pytest.raises(PingOneInputError) as info:
        normalize_host(value, 'api_hostname')
    assert str(info.value).startswith('api_hostname ')
    assert words in str(info.value)


@pytest.mark.parametrize('code, tld', [(row[0], row[1]) for row in TABLE])
def test_regional_endpoints(code, tld):
    endpoints = build_endpoints(REGIONS[code], ENV)
    assert endpoints.token_url == 'https://auth.pingone.%s/%s/as/token' % (tld, ENV)
    assert endpoints.auth_url == 'https://auth.pingone.%s' % tld
    assert endpoints.api_url == 'https://api.pingone.%s/v1' % tld
    assert endpoints.environment_id == ENV


def test_overrides_replace_the_regional_hosts():
    endpoints = build_endpoints(REGIONS['EU'], ENV, auth_hostname='127.0.0.1:8443', api_hostname='https://127.0.0.1:9443/v1')
    assert endpoints.token_url == 'https://127.0.0.1:8443/%s/as/token' % ENV
    assert endpoints.api_url == 'https://127.0.0.1:9443/v1'
    assert endpoints.api_origin == 'https://127.0.0.1:9443'


def test_custom_domain_has_no_environment_in_the_path_and_keeps_the_regional_api():
    endpoints = build_endpoints(REGIONS['CA'], None, custom_domain='https://login.example.com')
    assert endpoints.token_url == 'https://login.example.com/as/token'
    assert endpoints.auth_url == 'https://login.example.com'
    assert endpoints.api_url == 'https://api.pingone.ca/v1'
    assert endpoints.environment_id is None


def test_custom_domain_and_auth_hostname_are_exclusive():
    with pytest.raises(PingOneInputError, match='custom_domain and auth_hostname are both set'):
        build_endpoints(REGIONS['NA'], ENV, auth_hostname='a.example.com', custom_domain='b.example.com')


def test_environment_is_required_without_custom_domain():
    with pytest.raises(PingOneInputError, match='PINGONE_ENVIRONMENT_ID'):
        build_endpoints(REGIONS['NA'], None)
