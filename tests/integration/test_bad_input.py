# -*- coding: utf-8 -*-
# Copyright: (c) 2026, pingone.platform maintainers
# GNU General Public License v3.0+ (see LICENSE or https://www.gnu.org/licenses/gpl-3.0.txt)
"""The bad-input catalogue: every input pingone_token must refuse before sending anything.

BAD_INPUT is the single table: the tests below run it (every scenario as one item of one
looped task, bad_input.yml, so 60 inputs cost one ansible-playbook start-up), and
tools/catalogue.py renders it as docs/bad-input-catalogue.md (test_catalogues.py keeps the two
equal). Each scenario asserts its exact message (or, for ansible-core's own checks, the part
that names the option), the option named in the failure, and that the simulator received no
request and no connection: each scenario also has its own environment ID, so a request that
got through would name the scenario that sent it.
"""

from __future__ import annotations

import uuid
from dataclasses import dataclass, field
from typing import Dict, Optional

import pytest

MISSING = None   # the option is unset (and its PINGONE_* variable too)
_NAMESPACE = uuid.UUID('b5d1a7c0-3f0e-4c55-9a40-6a1e0c0ffee0')

# The options every scenario starts from: all valid, pointing at the simulator. client_secret is the
# real secret of the simulator's basic client, given apart from the scenario (never in a loop item).
DEFAULTS = {
    'client_id': '2e4a6c8e-0b1d-4f3a-9b5c-7d9e1f3a5b7c',   # pingone_simulator.CLIENTS['basic']['id'] (checked below)
    'auth_hostname': '<sim>',
    'api_hostname': '<sim>',
    'ca_path': '<ca>',
}
ENV_VARS = {
    'environment_id': 'PINGONE_ENVIRONMENT_ID', 'client_id': 'PINGONE_CLIENT_ID', 'client_secret': 'PINGONE_CLIENT_SECRET',
    'region': 'PINGONE_REGION_CODE', 'auth_hostname': 'PINGONE_AUTH_SERVICE_HOSTNAME', 'api_hostname': 'PINGONE_API_SERVICE_HOSTNAME',
    'custom_domain': 'PINGONE_CUSTOM_DOMAIN', 'auth_method': 'PINGONE_AUTH_METHOD', 'scopes': 'PINGONE_SCOPES',
    'timeout': 'PINGONE_TIMEOUT', 'validate_certs': 'PINGONE_VALIDATE_CERTS', 'ca_path': 'PINGONE_CA_PATH', 'retries': 'PINGONE_RETRIES',
}


@dataclass(frozen=True)
class BadInput:
    """One refused input: ``options`` change DEFAULTS (MISSING unsets one), ``env`` sets PINGONE_* variables for the task.

    ``message`` is the whole message, or with ``exact=False`` the part of ansible-core's own message
    that names the option (ansible-core wording differs between releases). ``option`` is the failure's
    ``option`` key (None for ansible-core's checks, which do not set it). <tmp> is a folder of test files.
    """

    name: str
    options: Dict[str, object]
    option: Optional[str]
    message: str
    env: Dict[str, str] = field(default_factory=dict)
    exact: bool = True


def _required(option):
    return '%s is required: set the %s option or the %s environment variable.' % (option, option, ENV_VARS[option])


def _empty(option):
    return '%s is empty: set the %s option or the %s environment variable.' % (option, option, ENV_VARS[option])


def _placeholder(option):
    return '%s still contains a {{ ... }} placeholder (a Postman or Jinja variable pasted from the docs): replace it with the real value.' \
        % option


ENV_NOT_UUID = ('environment_id is not a UUID: use the id of the environment that holds the worker application, as shown in the '
                'PingOne console (8-4-4-4-12 hexadecimal digits).')
CLIENT_NOT_UUID = ('client_id is not a UUID: use the Client ID of the worker application, as shown in the PingOne console '
                   '(8-4-4-4-12 hexadecimal digits).')
REGION = "region %r is not a PingOne region: use one of NA, CA, EU, AU, SG, AP (or the TLD such as 'eu', or the SDK name such as 'Europe')."
REGION_NA = ("region %r%s is not a PingOne region: North America (United States) is NA; use one of NA, CA, EU, AU, SG, AP (or the TLD such "
             "as 'eu', or the SDK name such as 'Europe').")
HTTP = '%s uses http://: PingOne is reached over HTTPS only, so give the host name without a scheme or with https://.'
PATH = '%s contains a path (/%s...): give only a host name with an optional port; the module adds the paths it needs.'
QUERY = '%s contains a query or fragment: give only a host name with an optional port.'
USER = '%s contains user information (an "@"): credentials never go in a host name; use client_id and client_secret.'
SPACE = '%s contains white space: give only a host name with an optional port, such as auth.pingone.eu:443.'
NON_ASCII = ('%s contains non-ASCII characters (a look-alike of a real host name?): type the host name in ASCII, using punycode for an '
             'internationalised domain.')
NOT_HOST = ('%s is not a valid host name: give a DNS name or IP address with an optional port, such as auth.pingone.eu or '
            '127.0.0.1:8443.')
TIMEOUT = 'timeout must be more than 0 and at most 3600 seconds.'
RETRIES = 'retries must be between 0 and 10.'
NOT_PEM = 'ca_path <tmp>/%s is not a PEM file of CA certificates (no BEGIN CERTIFICATE line).'
SCOPE_SPACE = 'scopes contains an entry with white space: give each scope as its own list item, such as [p1:read:user, p1:update:user].'
SCOPE_EMPTY = 'scopes contains an empty entry: list each scope name once, or leave scopes unset.'
AUTH_METHOD = 'value of auth_method must be one of: client_secret_basic, client_secret_post'
B = BadInput

BAD_INPUT = [
    # --- the environment, the client id and the secret: missing, empty, not a UUID
    B('environment_id unset', {'environment_id': MISSING}, 'environment_id', _required('environment_id')),
    B('environment_id empty', {'environment_id': ''}, 'environment_id', _empty('environment_id')),
    B('environment_id blank', {'environment_id': '   '}, 'environment_id', _empty('environment_id')),
    B('environment_id is a name', {'environment_id': 'Administrators'}, 'environment_id', ENV_NOT_UUID),
    B('environment_id without dashes', {'environment_id': '6f1c2a3e8d4b4f5a9c7e1a2b3c4d5e6f'}, 'environment_id', ENV_NOT_UUID),
    B('environment_id in braces', {'environment_id': '{6f1c2a3e-8d4b-4f5a-9c7e-1a2b3c4d5e6f}'}, 'environment_id', ENV_NOT_UUID),
    B('environment_id one digit short', {'environment_id': '6f1c2a3e-8d4b-4f5a-9c7e-1a2b3c4d5e6'}, 'environment_id', ENV_NOT_UUID),
    B('PINGONE_ENVIRONMENT_ID empty', {'environment_id': MISSING}, 'environment_id',
      _required('environment_id')[:-1] + ' (PINGONE_ENVIRONMENT_ID is set but empty, which counts as unset).',
      env={'PINGONE_ENVIRONMENT_ID': ''}),
    B('PINGONE_ENVIRONMENT_ID is a name', {'environment_id': MISSING}, 'environment_id',
      ENV_NOT_UUID.replace('environment_id', 'environment_id (from PINGONE_ENVIRONMENT_ID)', 1), env={'PINGONE_ENVIRONMENT_ID': 'Administrators'}),
    B('client_id unset', {'client_id': MISSING}, 'client_id', _required('client_id')),
    B('client_id empty', {'client_id': ''}, 'client_id', _empty('client_id')),
    B('client_id is an application name', {'client_id': 'Ansible worker'}, 'client_id', CLIENT_NOT_UUID),
    B('client_id with letters past f', {'client_id': '2e4a6c8e-0b1d-4f3a-9b5c-7d9e1f3a5bzz'}, 'client_id', CLIENT_NOT_UUID),
    B('client_secret unset', {'client_secret': MISSING}, 'client_secret', _required('client_secret')),
    B('client_secret empty', {'client_secret': ''}, 'client_secret', _empty('client_secret')),
    B('client_secret blank', {'client_secret': '   '}, 'client_secret', _empty('client_secret')),
    # --- regions
    B('region US', {'region': 'US'}, 'region', REGION_NA % ('US', '')),
    B('region an AWS region', {'region': 'eu-west-1'}, 'region', REGION % 'eu-west-1'),
    B('region a host name', {'region': 'auth.pingone.eu'}, 'region', REGION % 'auth.pingone.eu'),
    B('region empty', {'region': ''}, 'region', 'region is empty: set it to one of NA, CA, EU, AU, SG, AP, or leave it unset for NA.'),
    B('region from the environment', {}, 'region', REGION_NA % ('north america', ' (from PINGONE_REGION_CODE)'),
      env={'PINGONE_REGION_CODE': 'north america'}),
    B('region an AWS region from the environment', {}, 'region',
      (REGION % 'eu-west-1').replace(' is not', ' (from PINGONE_REGION_CODE) is not'), env={'PINGONE_REGION_CODE': 'eu-west-1'}),
    # --- host options: plain HTTP, other schemes, paths, queries, user info, white space, look-alikes, syntax
    B('auth_hostname http://', {'auth_hostname': 'http://auth.pingone.eu'}, 'auth_hostname', HTTP % 'auth_hostname'),
    B('api_hostname http://', {'api_hostname': 'http://api.pingone.eu'}, 'api_hostname', HTTP % 'api_hostname'),
    B('custom_domain http://', {'auth_hostname': MISSING, 'custom_domain': 'http://login.example.com'}, 'custom_domain',
      HTTP % 'custom_domain'),
    B('PINGONE_AUTH_SERVICE_HOSTNAME http://', {'auth_hostname': MISSING}, 'auth_hostname',
      HTTP % 'auth_hostname (from PINGONE_AUTH_SERVICE_HOSTNAME)', env={'PINGONE_AUTH_SERVICE_HOSTNAME': 'http://auth.pingone.eu'}),
    B('auth_hostname ftp://', {'auth_hostname': 'ftp://auth.pingone.eu'}, 'auth_hostname',
      'auth_hostname has the scheme ftp://: give a host name with an optional https:// prefix.'),
    B('auth_hostname the token URL', {'auth_hostname': 'https://auth.pingone.eu/as/token'}, 'auth_hostname', PATH % ('auth_hostname', 'as')),
    B('api_hostname with an API path', {'api_hostname': 'api.pingone.eu/v1/environments'}, 'api_hostname', PATH % ('api_hostname', 'v1')),
    B('auth_hostname with a query', {'auth_hostname': 'auth.pingone.eu?environment=1'}, 'auth_hostname', QUERY % 'auth_hostname'),
    B('auth_hostname with a fragment', {'auth_hostname': 'auth.pingone.eu#token'}, 'auth_hostname', QUERY % 'auth_hostname'),
    B('auth_hostname with user and password', {'auth_hostname': 'admin:hunter2@auth.pingone.eu'}, 'auth_hostname', USER % 'auth_hostname'),
    B('api_hostname with a user', {'api_hostname': 'https://admin@api.pingone.eu'}, 'api_hostname', USER % 'api_hostname'),
    B('auth_hostname with a space', {'auth_hostname': 'auth pingone.eu'}, 'auth_hostname', SPACE % 'auth_hostname'),
    B('auth_hostname with a trailing newline', {'auth_hostname': 'auth.pingone.eu\n'}, 'auth_hostname', SPACE % 'auth_hostname'),
    B('auth_hostname blank', {'auth_hostname': '   '}, 'auth_hostname',
      'auth_hostname is empty: give a host name such as auth.pingone.eu, or leave the option unset.'),
    B('auth_hostname with a Cyrillic o', {'auth_hostname': 'auth.ping\u043ene.eu'}, 'auth_hostname', NON_ASCII % 'auth_hostname'),
    B('api_hostname with a full-width dot', {'api_hostname': 'api.pingone\uff0eeu'}, 'api_hostname', NON_ASCII % 'api_hostname'),
    B('custom_domain with a Greek omicron', {'auth_hostname': MISSING, 'custom_domain': 'l\u03bfgin.example.com'}, 'custom_domain',
      NON_ASCII % 'custom_domain'),
    B('auth_hostname with an underscore', {'auth_hostname': 'auth_pingone.eu'}, 'auth_hostname', NOT_HOST % 'auth_hostname'),
    B('auth_hostname with a port past 65535', {'auth_hostname': 'auth.pingone.eu:70000'}, 'auth_hostname',
      'auth_hostname has the port 70000, outside 1-65535.'),
    B('custom_domain and auth_hostname', {'custom_domain': 'login.example.com'}, 'custom_domain',
      'custom_domain and auth_hostname are both set: they name the same thing (where tokens come from), so set only one.'),
    # --- '{{ ... }}' left in any string option (the value is never shown)
    B('placeholder in environment_id', {'environment_id': '{{ adminEnvID }}'}, 'environment_id', _placeholder('environment_id')),
    B('placeholder in PINGONE_ENVIRONMENT_ID', {'environment_id': MISSING}, 'environment_id',
      _placeholder('environment_id (from PINGONE_ENVIRONMENT_ID)'), env={'PINGONE_ENVIRONMENT_ID': '{{adminEnvID}}'}),
    B('placeholder in client_id', {'client_id': '{{ workerAppID }}'}, 'client_id', _placeholder('client_id')),
    B('placeholder in client_secret', {'client_secret': '{{ vault_worker_secret }}'}, 'client_secret', _placeholder('client_secret')),
    B('placeholder in region', {'region': '{{ region }}'}, 'region', _placeholder('region')),
    B('placeholder in auth_hostname', {'auth_hostname': '{{authPath}}'}, 'auth_hostname', _placeholder('auth_hostname')),
    B('placeholder in api_hostname', {'api_hostname': '{{apiPath}}/v1'}, 'api_hostname', _placeholder('api_hostname')),
    B('placeholder in custom_domain', {'auth_hostname': MISSING, 'custom_domain': '{{ custom_domain }}'}, 'custom_domain',
      _placeholder('custom_domain')),
    B('placeholder in scopes', {'scopes': ['p1:read:user', '{{ scope }}']}, 'scopes', _placeholder('scopes')),
    B('placeholder in ca_path', {'ca_path': '{{ ca_bundle }}'}, 'ca_path', _placeholder('ca_path')),
    B('Jinja statement in client_id', {'client_id': '{% if prod %}x{% endif %}'}, 'client_id', _placeholder('client_id')),
    B('placeholder in auth_method', {'auth_method': '{{ method }}'}, None, AUTH_METHOD, exact=False),
    # --- numbers: timeout and retries (retries 0 is valid: one attempt, no retry)
    B('timeout 0', {'timeout': 0}, 'timeout', TIMEOUT),
    B('timeout negative', {'timeout': -5}, 'timeout', TIMEOUT),
    B('timeout over an hour', {'timeout': 3601}, 'timeout', TIMEOUT),
    B('timeout 0 from the environment', {}, 'timeout', TIMEOUT.replace('timeout', 'timeout (from PINGONE_TIMEOUT)'),
      env={'PINGONE_TIMEOUT': '0'}),
    B('timeout not a number', {'timeout': 'soon'}, None, "argument 'timeout' is of type", exact=False),
    B('retries negative', {'retries': -1}, 'retries', RETRIES),
    B('retries over 10', {'retries': 11}, 'retries', RETRIES),
    B('retries not a number', {'retries': 'three'}, None, "argument 'retries' is of type", exact=False),
    B('validate_certs not a boolean', {'validate_certs': 'maybe'}, None, "argument 'validate_certs' is of type", exact=False),
    # --- ca_path
    B('ca_path missing', {'ca_path': '<tmp>/missing-ca.pem'}, 'ca_path',
      'ca_path <tmp>/missing-ca.pem does not exist: give the path of a PEM file with the CA certificates to trust.'),
    B('ca_path a text file', {'ca_path': '<tmp>/notes.txt'}, 'ca_path', NOT_PEM % 'notes.txt'),
    B('ca_path a DER certificate', {'ca_path': '<tmp>/ca.der'}, 'ca_path', NOT_PEM % 'ca.der'),
    B('ca_path an empty file', {'ca_path': '<tmp>/empty.pem'}, 'ca_path', NOT_PEM % 'empty.pem'),
    # --- scopes
    B('scopes in one string', {'scopes': ['p1:read:user p1:update:user']}, 'scopes', SCOPE_SPACE),
    B('scopes with spaces from the environment', {}, 'scopes', SCOPE_SPACE.replace('scopes', 'scopes (from PINGONE_SCOPES)', 1),
      env={'PINGONE_SCOPES': 'p1:read:user p1:update:user'}),
    B('scopes with an empty string', {'scopes': ['']}, 'scopes', SCOPE_EMPTY),
    B('scopes with a blank entry', {'scopes': ['p1:read:user', '  ']}, 'scopes', SCOPE_EMPTY),
    # --- auth_method (ansible-core checks the choices first)
    B('auth_method unknown', {'auth_method': 'client_secret_jwt_typo'}, None, AUTH_METHOD, exact=False),
    B('auth_method in console spelling', {'auth_method': 'CLIENT_SECRET_BASIC'}, None, AUTH_METHOD, exact=False),
]


def scenario(case: BadInput, places: Dict[str, str]) -> dict:
    """The loop item for one case: full options (placeholders filled), environment and whether the secret is left out."""
    options = dict(DEFAULTS, environment_id=str(uuid.uuid5(_NAMESPACE, case.name)))
    options.update(case.options)
    no_secret = 'client_secret' in options and options['client_secret'] is MISSING
    options = {key: fill(value, places) for key, value in options.items() if value is not MISSING}
    return {'id': case.name, 'options': options, 'env': case.env, 'no_secret': no_secret}


def fill(value, places):
    if isinstance(value, list):
        return [fill(item, places) for item in value]
    if isinstance(value, str):
        for key, text in places.items():
            value = value.replace(key, text)
    return value


@pytest.fixture(scope='module')
def refusals(collections_path, sim, tmp_path_factory):
    """Runs every case in one ansible-playbook run; returns ({name: item result}, the simulator's requests and stats, places)."""
    from conftest import Ansible  # pylint: disable=import-error,import-outside-toplevel
    from pingone_simulator import CLIENTS  # pylint: disable=import-error,import-outside-toplevel
    assert CLIENTS['basic']['id'] == DEFAULTS['client_id']
    tmp = tmp_path_factory.mktemp('bad-input')
    files = tmp / 'files'
    files.mkdir()
    (files / 'notes.txt').write_text('Our CA is the one on the intranet page.\n')
    (files / 'ca.der').write_bytes(bytes.fromhex('3082030d308201f5a003020102021400') + bytes(range(256)))
    (files / 'empty.pem').write_bytes(b'')
    places = {'<sim>': sim.host, '<ca>': sim.ca_path, '<tmp>': str(files)}
    sim.reset()
    run = Ansible(collections_path, sim, tmp).run(
        'bad_input.yml', unsafe_vars=True, unset=list(ENV_VARS.values()),
        extra_vars={'scenarios': [scenario(case, places) for case in BAD_INPUT], 'the_secret': CLIENTS['basic']['secret']})
    assert run.statuses[0] == 'ignored', run.output[-3000:]   # the looped task failed (every item, the tests check)
    results = run.result('Bad input')['results']
    assert [item['item']['id'] for item in results] == [case.name for case in BAD_INPUT], run.output[-3000:]
    shown = run.result('Show the registered failure results')['refused']['results']
    assert [item['msg'] for item in shown] == [item['msg'] for item in results]
    return {item['item']['id']: item for item in results}, sim.requests(), sim.stats(), places


@pytest.mark.parametrize('case', BAD_INPUT, ids=[case.name for case in BAD_INPUT])
def test_bad_input_is_refused_before_any_request(refusals, case):
    results, _requests, _stats, places = refusals
    result = results[case.name]
    # (ansible-core 2.21 leaves 'failed' out of loop item results; a refusal has a msg and no token)
    assert result.get('failed', True) and 'msg' in result and 'access_token' not in result
    if case.exact:
        assert result['msg'] == fill(case.message, places)
    else:
        assert case.message in result['msg']
    assert result.get('option') == case.option
    assert result.get('token_url') is None


def test_no_request_and_no_connection_reached_the_simulator(refusals):
    _results, requests, stats, _places = refusals
    senders = {str(uuid.uuid5(_NAMESPACE, case.name)): case.name for case in BAD_INPUT}
    assert requests == [], 'requests were sent by: %s' % sorted({senders.get(r['path'].split('/')[1], r['path']) for r in requests})
    assert (stats['requests'], stats['tls_handshakes'], stats['tls_failures']) == (0, 0, 0)


def test_catalogue_is_large_and_names_are_unique():
    names = [case.name for case in BAD_INPUT]
    assert len(set(names)) == len(names) and len(names) >= 40
