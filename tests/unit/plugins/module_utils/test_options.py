# -*- coding: utf-8 -*-
# Copyright: (c) 2026, pingone.platform maintainers
# GNU General Public License v3.0+ (see LICENSE or https://www.gnu.org/licenses/gpl-3.0.txt)

from __future__ import annotations

import os

import pytest
import yaml

from ansible_collections.pingone.platform.plugins.doc_fragments.connection import ModuleDocFragment
from ansible_collections.pingone.platform.plugins.module_utils.errors import PingOneInputError
from ansible_collections.pingone.platform.plugins.module_utils.options import (
    API_OPTIONS,
    COLLECTION_VERSION,
    CONNECTION_OPTIONS,
    api_argument_spec,
    connection_argument_spec,
    connection_settings,
    user_agent,
)
from ansible_collections.pingone.platform.tests.unit.fakes import CLIENT_ID, ENV_ID, SECRET

ROOT = os.path.join(os.path.dirname(__file__), '..', '..', '..', '..')


def params(**changes):
    base = {name: entry.get('default') for name, entry in CONNECTION_OPTIONS.items()}
    base.update(environment_id=ENV_ID, client_id=CLIENT_ID, client_secret=SECRET)
    base.update(changes)
    return base


def refused(**changes):
    with pytest.raises(PingOneInputError) as info:
        connection_settings(params(**changes))
    assert SECRET not in str(info.value)
    return info.value


def test_doc_fragment_documents_every_option_with_its_env_var_and_default():
    documented = yaml.safe_load(ModuleDocFragment.DOCUMENTATION)['options']
    assert set(documented) == set(CONNECTION_OPTIONS)
    for name, entry in CONNECTION_OPTIONS.items():
        doc = documented[name]
        assert doc['type'] == entry['type'], name
        assert doc.get('default') == entry.get('default'), name
        assert doc.get('choices') == entry.get('choices'), name
        assert 'E(%s)' % entry['env'] in ' '.join(doc['description']), name


def test_api_doc_fragment_documents_access_token_and_environment_wait_timeout():
    documented = yaml.safe_load(ModuleDocFragment.API)['options']
    assert set(documented) == set(API_OPTIONS) == {'access_token', 'environment_wait_timeout'}
    assert 'E(PINGONE_API_ACCESS_TOKEN)' in ' '.join(documented['access_token']['description'])
    for name, entry in API_OPTIONS.items():
        assert documented[name]['type'] == entry['type'] and documented[name].get('default') == entry.get('default'), name
        assert 'E(%s)' % entry['env'] in ' '.join(documented[name]['description']), name
    spec = api_argument_spec(name={'type': 'str'})
    assert spec['access_token']['no_log'] is True and spec['access_token']['fallback'][1] == ['PINGONE_API_ACCESS_TOKEN']
    assert spec['environment_wait_timeout']['fallback'][1] == ['PINGONE_ENVIRONMENT_WAIT_TIMEOUT']
    assert set(spec) == set(CONNECTION_OPTIONS) | {'access_token', 'environment_wait_timeout', 'name'}


def test_with_an_access_token_no_credentials_or_environment_are_needed():
    settings = connection_settings(params(environment_id=None, client_id=None, client_secret=None, access_token='t'),
                                   need_credentials=False)
    assert settings.credentials is None and settings.endpoints.token_url is None
    assert settings.endpoints.api_url == 'https://api.pingone.com/v1'
    with pytest.raises(PingOneInputError, match='access_token still contains'):
        connection_settings(params(access_token='{{ token }}'), need_credentials=False)


def test_pingone_env_var_names_follow_ping_tools():
    assert {name: CONNECTION_OPTIONS[name]['env'] for name in
            ('environment_id', 'client_id', 'client_secret', 'region', 'auth_hostname', 'api_hostname', 'custom_domain')} == {
        'environment_id': 'PINGONE_ENVIRONMENT_ID', 'client_id': 'PINGONE_CLIENT_ID', 'client_secret': 'PINGONE_CLIENT_SECRET',
        'region': 'PINGONE_REGION_CODE', 'auth_hostname': 'PINGONE_AUTH_SERVICE_HOSTNAME',
        'api_hostname': 'PINGONE_API_SERVICE_HOSTNAME', 'custom_domain': 'PINGONE_CUSTOM_DOMAIN'}


def test_argument_spec_has_env_fallbacks_and_no_log():
    spec = connection_argument_spec(name={'type': 'str'})
    assert spec['client_secret']['no_log'] is True
    assert spec['client_id']['fallback'][1] == ['PINGONE_CLIENT_ID']
    assert all('env' not in entry for entry in spec.values())
    assert spec['name'] == {'type': 'str'}
    assert [name for name, entry in spec.items() if entry.get('no_log')] == ['client_secret', 'private_key', 'private_key_passphrase']


def test_version_matches_galaxy_yml():
    with open(os.path.join(ROOT, 'galaxy.yml'), encoding='utf-8') as handle:
        assert yaml.safe_load(handle)['version'] == COLLECTION_VERSION
    assert user_agent().startswith('pingone.platform/%s (ansible-core ' % COLLECTION_VERSION)


def test_valid_settings():
    settings = connection_settings(params(region='eu', scopes=['p1:read:user'], environment_id=ENV_ID.upper()))
    assert settings.endpoints.token_url == 'https://auth.pingone.eu/%s/as/token' % ENV_ID
    assert settings.credentials.scopes == ('p1:read:user',)
    assert settings.credentials.client_secret == SECRET
    assert settings.transport.timeout == 30.0 and settings.transport.retries == 3 and settings.transport.validate_certs


def test_custom_domain_needs_no_environment():
    settings = connection_settings(params(environment_id=None, custom_domain='login.example.com'))
    assert settings.endpoints.token_url == 'https://login.example.com/as/token'


@pytest.mark.parametrize('option, env', [('environment_id', 'PINGONE_ENVIRONMENT_ID'), ('client_id', 'PINGONE_CLIENT_ID'),
                                         ('client_secret', 'PINGONE_CLIENT_SECRET')])
@pytest.mark.parametrize('value, word', [(None, 'required'), ('', 'empty'), ('   ', 'empty')])
def test_missing_or_empty_required_options(option, env, value, word):
    error = refused(**{option: value})
    assert str(error) == '%s is %s: set the %s option or the %s environment variable.' % (option, word, option, env)
    assert error.option == option


@pytest.mark.parametrize('option', ['environment_id', 'client_id'])
@pytest.mark.parametrize('value', ['abc', '5a1c3f0e2b9d4c479e7b0d8f6a4b2c11', '5a1c3f0e-2b9d-4c47-9e7b-0d8f6a4b2c1', 'g' * 8 + ENV_ID[8:]])
def test_ids_must_be_uuids(option, value):
    assert str(refused(**{option: value})).startswith('%s is not a UUID' % option)


@pytest.mark.parametrize('option, value', [
    ('environment_id', '{{adminEnvID}}'), ('client_id', '{{ adminAppID }}'), ('client_secret', '{{adminAppSecret}}'),
    ('auth_hostname', '{{authPath}}'), ('region', '{{ region }}'), ('custom_domain', 'x{% if a %}'),
    ('scopes', ['p1:read:user', '{{scope}}']), ('ca_path', '/etc/{{ ca }}.pem')])
def test_template_leftovers_are_refused_naming_the_option(option, value):
    if option == 'custom_domain':
        value = 'x{% if a %}y{% endif %}'
    error = refused(**{option: value})
    assert str(error).startswith('%s still contains a {{ ... }} placeholder' % option)
    assert 'adminAppSecret' not in str(error)


@pytest.mark.parametrize('scopes, word', [([''], 'empty entry'), (['  '], 'empty entry'), (['p1:read:user p1:update:user'], 'white space')])
def test_bad_scopes(scopes, word):
    assert word in str(refused(scopes=scopes))


def test_scopes_from_a_comma_separated_env_var_are_stripped():
    assert connection_settings(params(scopes=['p1:read:user', ' p1:update:user '])).credentials.scopes == ('p1:read:user', 'p1:update:user')


@pytest.mark.parametrize('timeout', [0, -1, 3601])
def test_bad_timeout(timeout):
    assert str(refused(timeout=timeout)).startswith('timeout must be more than 0')


@pytest.mark.parametrize('retries', [-1, 11])
def test_bad_retries(retries):
    assert str(refused(retries=retries)).startswith('retries must be between 0 and 10')


def test_ca_path_must_exist_and_be_pem(tmp_path):
    assert 'does not exist' in str(refused(ca_path=str(tmp_path / 'missing.pem')))
    not_pem = tmp_path / 'key.der'
    not_pem.write_bytes(b'\x30\x82\x01\x0a')
    assert 'is not a PEM file' in str(refused(ca_path=str(not_pem)))
    pem = tmp_path / 'ca.pem'
    pem.write_text('-----BEGIN CERTIFICATE-----\nMIIB\n-----END CERTIFICATE-----\n')
    assert connection_settings(params(ca_path=str(pem))).transport.ca_path == str(pem)
    assert connection_settings(params(ca_path=str(tmp_path))).transport.ca_path == str(tmp_path)


def test_validate_certs_off_warns():
    warnings = []
    settings = connection_settings(params(validate_certs=False), warn=warnings.append)
    assert settings.transport.validate_certs is False
    assert len(warnings) == 1 and 'ca_path' in warnings[0]


def test_bad_input_is_reported_before_any_other_option_is_used():
    # region and hosts are checked too, and every check runs before a request could be sent.
    assert refused(region='mars').option == 'region'
    assert refused(auth_hostname='http://auth.pingone.com').option == 'auth_hostname'
    assert refused(custom_domain='a.example.com', auth_hostname='b.example.com').option == 'custom_domain'
