# -*- coding: utf-8 -*-
# Copyright: (c) 2026, pingone.platform maintainers
# GNU General Public License v3.0+ (see LICENSE or https://www.gnu.org/licenses/gpl-3.0.txt)
"""Messages that say where a value came from: the task's option, which PINGONE_* variable, or the default.

The options go through ansible-core's own ArgumentSpecValidator with the collection's argument spec,
as in AnsibleModule, so the variables are read (and converted) the way a module reads them.
"""

from __future__ import annotations

import socket

import pytest
import requests
import urllib3
from ansible.module_utils.common.arg_spec import ArgumentSpecValidator
from ansible.module_utils.errors import AnsibleFallbackNotFound

from ansible_collections.pingone.platform.plugins.module_utils.api import PingOneClient
from ansible_collections.pingone.platform.plugins.module_utils.errors import (
    PingOneAuthenticationError,
    PingOneConnectionError,
    PingOneInputError,
    PingOneNotFoundError,
)
from ansible_collections.pingone.platform.plugins.module_utils.options import (
    API_OPTIONS,
    CONNECTION_OPTIONS,
    api_argument_spec,
    connection_settings,
    variable_fallback,
)
from ansible_collections.pingone.platform.plugins.module_utils.regions import REGIONS, build_endpoints, normalize_host, resolve_region
from ansible_collections.pingone.platform.plugins.module_utils.token import request_token
from ansible_collections.pingone.platform.tests.unit.fakes import CLIENT_ID, ENV_ID, SECRET, Answer

NOT_FOUND = {'id': 'c0ffee00-1111-4222-8333-444455556666', 'code': 'NOT_FOUND', 'message': 'The requested resource was not found.'}
DEFAULT_NA = 'region NA, the default, as neither the region option nor PINGONE_REGION_CODE is set'
TARGET = '0d1e2f3a-4b5c-4d6e-8f7a-9b0c1d2e3f4a'


@pytest.fixture(autouse=True)
def no_pingone_variables(monkeypatch):
    for entry in list(CONNECTION_OPTIONS.values()) + list(API_OPTIONS.values()):
        monkeypatch.delenv(entry['env'], raising=False)
    monkeypatch.delenv('PINGONE_REGION', raising=False)


def module_params(**given):
    """The options as AnsibleModule sees them: ``given`` as the task's, the rest from PINGONE_* variables, then the defaults."""
    result = ArgumentSpecValidator(api_argument_spec()).validate({key: value for key, value in given.items() if value is not None})
    assert not result.error_messages, result.error_messages
    return result.validated_parameters


def settings(warnings=None, need_credentials=True, **given):
    return connection_settings(module_params(**given), warn=None if warnings is None else warnings.append, need_credentials=need_credentials)


def refused(**given):
    with pytest.raises(PingOneInputError) as info:
        settings(**given)
    assert SECRET not in str(info.value)
    return info.value


# --- empty means unset ---------------------------------------------------------------------------
def test_an_empty_or_blank_variable_counts_as_unset(monkeypatch):
    for value in ('', '   '):
        monkeypatch.setenv('PINGONE_ENVIRONMENT_ID', value)
        with pytest.raises(AnsibleFallbackNotFound):
            variable_fallback('PINGONE_ENVIRONMENT_ID')
    monkeypatch.setenv('PINGONE_ENVIRONMENT_ID', ENV_ID)
    assert variable_fallback('PINGONE_ENVIRONMENT_ID') == ENV_ID


def test_an_empty_environment_id_variable_is_no_error_with_an_access_token(monkeypatch):
    monkeypatch.setenv('PINGONE_ENVIRONMENT_ID', '')
    result = settings(need_credentials=False, access_token='given.token.value')
    assert result.endpoints.environment_id is None and result.endpoints.api_url == 'https://api.pingone.com/v1'


def test_an_empty_environment_id_variable_is_named_when_the_id_is_needed(monkeypatch):
    monkeypatch.setenv('PINGONE_ENVIRONMENT_ID', '')
    error = refused(client_id=CLIENT_ID, client_secret=SECRET)
    assert str(error) == ('environment_id is required: set the environment_id option or the PINGONE_ENVIRONMENT_ID environment variable '
                          '(PINGONE_ENVIRONMENT_ID is set but empty, which counts as unset).')
    assert error.option == 'environment_id'


def test_an_empty_region_variable_means_the_default(monkeypatch):
    monkeypatch.setenv('PINGONE_REGION_CODE', '')
    result = settings(environment_id=ENV_ID, client_id=CLIENT_ID, client_secret=SECRET)
    assert result.endpoints.region.code == 'NA'
    assert result.endpoints.origin == 'the default, as the region option is not set and PINGONE_REGION_CODE is empty'


# --- the variable a value came from ----------------------------------------------------------------
def test_a_bad_id_from_a_variable_names_the_variable(monkeypatch):
    monkeypatch.setenv('PINGONE_ENVIRONMENT_ID', 'Administrators')
    assert str(refused(client_id=CLIENT_ID, client_secret=SECRET)) == (
        'environment_id (from PINGONE_ENVIRONMENT_ID) is not a UUID: use the id of the environment that holds the worker application, '
        'as shown in the PingOne console (8-4-4-4-12 hexadecimal digits).')
    # given on the task, the same value is named as the option alone
    assert str(refused(environment_id='Administrators', client_id=CLIENT_ID, client_secret=SECRET)).startswith(
        'environment_id is not a UUID:')


def test_a_placeholder_timeout_and_scopes_from_variables_name_them(monkeypatch):
    base = dict(environment_id=ENV_ID, client_id=CLIENT_ID, client_secret=SECRET)
    monkeypatch.setenv('PINGONE_CLIENT_ID', '{{ adminAppID }}')
    assert str(refused(environment_id=ENV_ID, client_secret=SECRET)).startswith(
        'client_id (from PINGONE_CLIENT_ID) still contains a {{ ... }} placeholder')
    monkeypatch.delenv('PINGONE_CLIENT_ID')
    monkeypatch.setenv('PINGONE_TIMEOUT', '0')
    assert str(refused(**base)) == 'timeout (from PINGONE_TIMEOUT) must be more than 0 and at most 3600 seconds.'
    monkeypatch.delenv('PINGONE_TIMEOUT')
    monkeypatch.setenv('PINGONE_RETRIES', '11')
    assert str(refused(**base)) == 'retries (from PINGONE_RETRIES) must be between 0 and 10.'
    monkeypatch.delenv('PINGONE_RETRIES')
    monkeypatch.setenv('PINGONE_SCOPES', 'p1:read:user p1:update:user')
    assert str(refused(**base)).startswith('scopes (from PINGONE_SCOPES) contains an entry with white space:')
    monkeypatch.delenv('PINGONE_SCOPES')
    monkeypatch.setenv('PINGONE_CA_PATH', '/nonexistent/build/sim/ca.pem')
    assert str(refused(**base)) == ('ca_path (from PINGONE_CA_PATH) /nonexistent/build/sim/ca.pem does not exist: give the path of a PEM '
                                    'file with the CA certificates to trust.')


def test_an_option_of_another_method_names_where_the_method_came_from(monkeypatch):
    monkeypatch.setenv('PINGONE_AUTH_METHOD', 'client_secret_post')
    error = refused(environment_id=ENV_ID, client_id=CLIENT_ID, client_secret=SECRET, key_id='kid-1')
    assert str(error) == ('key_id is set, but auth_method (from PINGONE_AUTH_METHOD) is client_secret_post, which does not use it: set '
                          'auth_method to client_secret_jwt or private_key_jwt, or unset key_id (and PINGONE_KEY_ID).')


def test_validate_certs_off_from_a_variable_says_so(monkeypatch):
    monkeypatch.setenv('PINGONE_VALIDATE_CERTS', 'false')
    warnings = []
    settings(warnings, environment_id=ENV_ID, client_id=CLIENT_ID, client_secret=SECRET)
    assert warnings[0].startswith('validate_certs (from PINGONE_VALIDATE_CERTS) is false: the TLS certificate of PingOne is not checked')


# --- the region: given, from PINGONE_REGION_CODE, or the default (and PINGONE_REGION) ----------------
def test_the_default_region_is_said_to_be_the_default():
    endpoints = settings(environment_id=ENV_ID, client_id=CLIENT_ID, client_secret=SECRET).endpoints
    assert endpoints.region.code == 'NA'
    assert endpoints.auth_note == 'auth.pingone.com is the host of %s.' % DEFAULT_NA
    assert endpoints.api_note == 'api.pingone.com is the host of %s.' % DEFAULT_NA
    assert endpoints.region_note() == 'region NA is the default, as neither the region option nor PINGONE_REGION_CODE is set'


def test_a_region_from_the_option_or_the_variable_says_which(monkeypatch):
    given = settings(environment_id=ENV_ID, client_id=CLIENT_ID, client_secret=SECRET, region='eu').endpoints
    assert given.api_note == 'api.pingone.eu is the host of region EU, from the region option.'
    monkeypatch.setenv('PINGONE_REGION_CODE', 'Europe')
    from_variable = settings(environment_id=ENV_ID, client_id=CLIENT_ID, client_secret=SECRET).endpoints
    assert from_variable.auth_note == 'auth.pingone.eu is the host of region EU, from PINGONE_REGION_CODE.'
    assert from_variable.region_note() == 'region EU comes from PINGONE_REGION_CODE'


def test_pingone_region_instead_of_pingone_region_code_warns_and_is_named(monkeypatch):
    monkeypatch.setenv('PINGONE_REGION', 'EU')
    warnings = []
    endpoints = settings(warnings, environment_id=ENV_ID, client_id=CLIENT_ID, client_secret=SECRET).endpoints
    assert warnings == ["PINGONE_REGION is set, but no pingone.platform module reads it: the variable is PINGONE_REGION_CODE (as in Ping's "
                        "tools), so region NA, the default, was used. Rename the variable, or set the region option (one of NA, CA, EU, "
                        "AU, SG, AP)."]
    assert endpoints.region.code == 'NA'
    assert endpoints.auth_note == ('auth.pingone.com is the host of %s (PINGONE_REGION is set, but the variable is PINGONE_REGION_CODE).'
                                   % DEFAULT_NA)
    # with the region set, PINGONE_REGION does not matter
    warnings.clear()
    assert settings(warnings, environment_id=ENV_ID, client_id=CLIENT_ID, client_secret=SECRET, region='EU').endpoints.region.code == 'EU'
    assert warnings == []


def test_region_us_says_north_america_is_na():
    with pytest.raises(PingOneInputError) as info:
        resolve_region('US')
    assert str(info.value) == ("region 'US' is not a PingOne region: North America (United States) is NA; use one of NA, CA, EU, AU, SG, "
                               "AP (or the TLD such as 'eu', or the SDK name such as 'Europe').")
    assert info.value.option == 'region'
    for spelling in ('usa', 'North  America', 'north_america', 'America'):
        with pytest.raises(PingOneInputError, match='North America .United States. is NA;'):
            resolve_region(spelling)
    with pytest.raises(PingOneInputError, match="region 'mars' is not a PingOne region: use one of"):
        resolve_region('mars')


def test_a_bad_region_from_the_variable_names_it(monkeypatch):
    monkeypatch.setenv('PINGONE_REGION_CODE', 'US')
    assert str(refused(environment_id=ENV_ID, client_id=CLIENT_ID, client_secret=SECRET)).startswith(
        "region 'US' (from PINGONE_REGION_CODE) is not a PingOne region: North America (United States) is NA;")


# --- hosts ----------------------------------------------------------------------------------------
@pytest.mark.parametrize('option, value, used', [
    ('auth_hostname', 'https://auth.pingone.eu/v1', 'the host auth.pingone.eu was used (token requests go to '
                                                    'https://auth.pingone.eu/<environment_id>/as/token)'),
    ('api_hostname', 'api.pingone.eu/v1/', 'the host api.pingone.eu was used (the API base URL is https://api.pingone.eu/v1)'),
    ('custom_domain', 'https://login.example.com/v1', 'the host login.example.com was used (token requests go to '
                                                      'https://login.example.com/as/token)'),
])
def test_the_v1_warning_says_what_was_used_instead(option, value, used):
    warnings = []
    normalize_host(value, option, warnings.append)
    assert warnings == ['%s ends in /v1, which is not part of a host name: it was ignored, and %s.' % (option, used)]


def test_a_host_from_a_variable_is_named_in_warnings_errors_and_notes(monkeypatch):
    monkeypatch.setenv('PINGONE_AUTH_SERVICE_HOSTNAME', 'https://auth.pingone.eu/v1')
    warnings = []
    endpoints = settings(warnings, environment_id=ENV_ID, client_id=CLIENT_ID, client_secret=SECRET, region='EU').endpoints
    assert warnings[0].startswith('auth_hostname (from PINGONE_AUTH_SERVICE_HOSTNAME) ends in /v1, which is not part of a host name: it '
                                  'was ignored, and the host auth.pingone.eu was used')
    assert endpoints.auth_note == 'auth.pingone.eu is auth_hostname, from PINGONE_AUTH_SERVICE_HOSTNAME.'
    assert endpoints.api_note == 'api.pingone.eu is the host of region EU, from the region option.'
    monkeypatch.setenv('PINGONE_API_SERVICE_HOSTNAME', 'http://api.pingone.eu')
    assert str(refused(environment_id=ENV_ID, client_id=CLIENT_ID, client_secret=SECRET)).startswith(
        'api_hostname (from PINGONE_API_SERVICE_HOSTNAME) uses http://:')


def test_notes_of_one_host_for_token_and_api_say_which_option_set_each():
    endpoints = build_endpoints(REGIONS['NA'], ENV_ID, auth_hostname='127.0.0.1:8443', api_hostname='127.0.0.1:8443',
                                sources={'auth_hostname': 'PINGONE_AUTH_SERVICE_HOSTNAME'})
    assert endpoints.note('https://127.0.0.1:8443/%s/as/token' % ENV_ID) == (
        '127.0.0.1:8443 is auth_hostname, from PINGONE_AUTH_SERVICE_HOSTNAME.')
    assert endpoints.note('https://127.0.0.1:8443/v1/environments') == '127.0.0.1:8443 is api_hostname, from the api_hostname option.'
    assert endpoints.note('https://elsewhere.example/v1') == ''


# --- failures after a request: DNS, 404, 401 -----------------------------------------------------------
def dns_failure():
    try:
        try:
            raise socket.gaierror(-2, 'Name or service not known')
        except socket.gaierror as os_error:
            raise urllib3.exceptions.NewConnectionError(None, 'Failed to resolve') from os_error
    except urllib3.exceptions.NewConnectionError as middle:
        return requests.exceptions.ConnectionError(urllib3.exceptions.MaxRetryError(None, 'https://auth.pingone.com', middle))


def test_a_dns_failure_on_the_default_region_says_it_was_the_default(fake_http, monkeypatch):
    monkeypatch.setenv('PINGONE_REGION', 'EU')
    result = settings(environment_id=ENV_ID, client_id=CLIENT_ID, client_secret=SECRET)
    http = fake_http([dns_failure()], retries=0)
    with pytest.raises(PingOneConnectionError) as info:
        request_token(http.transport, result.endpoints, result.credentials)
    message = str(info.value)
    assert message.startswith('The token request to https://auth.pingone.com/%s/as/token could not reach auth.pingone.com: the host name '
                              'could not be resolved;' % ENV_ID)
    assert message.endswith('auth.pingone.com is the host of %s (PINGONE_REGION is set, but the variable is PINGONE_REGION_CODE).'
                            % DEFAULT_NA)
    assert SECRET not in message


def test_a_dns_failure_on_the_api_names_the_host_option(fake_http):
    http = fake_http([dns_failure()], retries=0)
    endpoints = build_endpoints(REGIONS['EU'], ENV_ID, api_hostname='api.example.invalid', sources={'api_hostname': 'PINGONE_API_SERVICE_HOSTNAME'})
    with pytest.raises(PingOneConnectionError) as info:
        PingOneClient(http.transport, endpoints, 'tok').get('/environments')
    assert str(info.value).endswith('api.example.invalid is api_hostname, from PINGONE_API_SERVICE_HOSTNAME.')


def test_the_token_404_says_the_region_was_the_default(fake_http):
    result = settings(environment_id=ENV_ID, client_id=CLIENT_ID, client_secret=SECRET)
    http = fake_http([Answer(404, NOT_FOUND)])
    with pytest.raises(PingOneNotFoundError) as info:
        request_token(http.transport, result.endpoints, result.credentials)
    assert str(info.value).endswith(
        'check that environment_id is the environment that holds the worker application, and that region NA (https://auth.pingone.com) '
        'is its region; region NA is the default, as neither the region option nor PINGONE_REGION_CODE is set.')


def test_refused_credentials_name_the_variables_they_came_from(fake_http, monkeypatch):
    monkeypatch.setenv('PINGONE_CLIENT_ID', CLIENT_ID)
    monkeypatch.setenv('PINGONE_CLIENT_SECRET', SECRET)
    result = settings(environment_id=ENV_ID, region='EU')
    http = fake_http([Answer(401, {'error': 'invalid_client', 'error_description': 'Request denied: Invalid client credentials'})])
    with pytest.raises(PingOneAuthenticationError) as info:
        request_token(http.transport, result.endpoints, result.credentials)
    assert 'check that client_id (from PINGONE_CLIENT_ID) and client_secret (from PINGONE_CLIENT_SECRET) are those of' in str(info.value)
    assert SECRET not in str(info.value)


def api_client(fake_http, answers, region_origin=None):
    http = fake_http(answers)
    endpoints = build_endpoints(REGIONS['NA'], ENV_ID, origin=region_origin or 'the default, as neither the region option nor '
                                'PINGONE_REGION_CODE is set')
    return PingOneClient(http.transport, endpoints, 'tok'), http


def test_a_404_on_the_target_environment_names_the_option_and_the_region(fake_http):
    # each 404 of the environment or a collection of it is followed by the organization's list (here 404 too: not a new one)
    client, _http = api_client(fake_http, [Answer(404, NOT_FOUND)] * 5)
    client.environment_option = ('target_environment_id', TARGET)
    with pytest.raises(PingOneNotFoundError) as info:
        client.paginate('/environments/%s/populations' % TARGET, query={'filter': 'name eq "x"'})
    assert str(info.value) == (
        'GET https://api.pingone.com/v1/environments/%s/populations?filter=name+eq+%%22x%%22 failed with HTTP 404 (NOT_FOUND: The requested '
        'resource was not found.): no environment %s is visible at https://api.pingone.com/v1: check target_environment_id (the ID of the '
        'environment to work in, as the PingOne console shows it) and that the environment is in the region of that host (one created '
        'a moment ago may not be visible yet); api.pingone.com is the host of %s.' % (TARGET, TARGET, DEFAULT_NA))
    with pytest.raises(PingOneNotFoundError, match='no environment %s is visible' % TARGET):
        client.get('/environments/%s' % TARGET.upper())
    # deeper: the object, or the environment, may be missing
    with pytest.raises(PingOneNotFoundError) as info:
        client.get('/environments/%s/users/%s' % (TARGET, ENV_ID))
    assert str(info.value).endswith('the resource does not exist at that URL: check the IDs, target_environment_id (environment %s) and the '
                                    'region; api.pingone.com is the host of %s.' % (TARGET, DEFAULT_NA))


def test_a_404_elsewhere_keeps_the_general_advice_with_the_region(fake_http):
    client, _http = api_client(fake_http, [Answer(404, NOT_FOUND)], region_origin='from PINGONE_REGION_CODE')
    with pytest.raises(PingOneNotFoundError) as info:
        client.get('/environments/%s' % ENV_ID)
    assert str(info.value).endswith('the resource does not exist at that URL: check the ids and the region (a resource created a moment ago '
                                    'may not be visible yet); api.pingone.com is the host of region NA, from PINGONE_REGION_CODE.')


@pytest.mark.parametrize('path, suggestion', [('/v1/environments', '/environments'), ('/V1/environments/x?limit=1', '/environments/x'),
                                              ('/v1', '/environments')])
def test_a_path_that_repeats_v1_is_refused_before_any_request(fake_http, path, suggestion):
    client, http = api_client(fake_http, [])
    with pytest.raises(PingOneInputError) as info:
        client.request('GET', path)
    assert str(info.value) == ('path %s starts with /v1, but the API base URL https://api.pingone.com/v1 already ends in /v1: give the path '
                               'without it, such as %s.' % (path.split('?')[0], suggestion))
    assert info.value.option == 'path' and http.sent == []
    assert client.url_for('/v1x') == 'https://api.pingone.com/v1/v1x'   # only /v1 itself is refused


def test_an_environment_wait_timeout_out_of_range_names_its_variable(monkeypatch):
    monkeypatch.setenv('PINGONE_ENVIRONMENT_WAIT_TIMEOUT', '-1')
    assert str(refused(environment_id=ENV_ID, client_id=CLIENT_ID, client_secret=SECRET)).startswith(
        'environment_wait_timeout (from PINGONE_ENVIRONMENT_WAIT_TIMEOUT) is -1: give a number of seconds from 0 to 3600.')
