# -*- coding: utf-8 -*-
# Copyright: (c) 2026, pingone.platform maintainers
# GNU General Public License v3.0+ (see LICENSE or https://www.gnu.org/licenses/gpl-3.0.txt)
"""The connection options every PingOne module shares, defined once.

``CONNECTION_OPTIONS`` is the single table: the argument spec (flat, so
``module_defaults`` for the ``pingone`` group works), the environment variable
fallbacks and the doc fragment ``pingone.platform.connection`` all follow it
(a unit test keeps the fragment in step). ``connection_settings`` validates the
values before any request is sent.
"""

from __future__ import annotations

import math
import os
import re
import sys
from dataclasses import dataclass
from typing import Any, Callable, Dict, Iterable, Mapping, Optional

from ansible.module_utils.ansible_release import __version__ as ANSIBLE_VERSION
from ansible.module_utils.common.arg_spec import ArgumentSpecValidator
from ansible.module_utils.errors import AnsibleFallbackNotFound

from ansible_collections.pingone.platform.plugins.module_utils.assertion import (
    DEFAULT_ASSERTION_LIFETIME,
    JWT_ALGORITHMS,
    JWT_METHODS,
    assertion_lifetime,
    check_secret_length,
    import_jwt,
    jwt_algorithm,
    load_private_key,
    pem_from_option,
    read_key_file,
)
from ansible_collections.pingone.platform.plugins.module_utils.errors import PingOneInputError
from ansible_collections.pingone.platform.plugins.module_utils.regions import (
    DEFAULT_REGION,
    REGIONS,
    Endpoints,
    build_endpoints,
    resolve_region,
)
from ansible_collections.pingone.platform.plugins.module_utils.token import AUTH_METHODS, ClientCredentials
from ansible_collections.pingone.platform.plugins.module_utils.transport import DEFAULT_RETRIES, DEFAULT_TIMEOUT, TransportSettings

COLLECTION_NAME = 'pingone.platform'
COLLECTION_VERSION = '0.1.0'   # kept equal to galaxy.yml by a unit test

MAX_RETRIES = 10
MAX_TIMEOUT = 3600

# option -> argument spec entry plus 'env', the variable it falls back to.
# The names follow Ping's Terraform provider and Go SDK where they have one.
CONNECTION_OPTIONS = {
    'environment_id': {'type': 'str', 'env': 'PINGONE_ENVIRONMENT_ID'},
    'client_id': {'type': 'str', 'env': 'PINGONE_CLIENT_ID'},
    'client_secret': {'type': 'str', 'no_log': True, 'env': 'PINGONE_CLIENT_SECRET'},
    # No argument-spec default: resolve_region(None) is NA, and messages can say the default was used.
    'region': {'type': 'str', 'env': 'PINGONE_REGION_CODE'},
    'auth_hostname': {'type': 'str', 'env': 'PINGONE_AUTH_SERVICE_HOSTNAME'},
    'api_hostname': {'type': 'str', 'env': 'PINGONE_API_SERVICE_HOSTNAME'},
    'custom_domain': {'type': 'str', 'env': 'PINGONE_CUSTOM_DOMAIN'},
    'auth_method': {'type': 'str', 'default': 'client_secret_basic', 'choices': list(AUTH_METHODS), 'env': 'PINGONE_AUTH_METHOD'},
    # For the JWT methods (client_secret_jwt, private_key_jwt) only; assertion.py explains them.
    'jwt_algorithm': {'type': 'str', 'choices': list(JWT_ALGORITHMS), 'env': 'PINGONE_JWT_ALGORITHM'},
    'private_key': {'type': 'str', 'no_log': True, 'env': 'PINGONE_PRIVATE_KEY'},
    'private_key_path': {'type': 'path', 'no_log': False, 'env': 'PINGONE_PRIVATE_KEY_PATH'},
    'private_key_passphrase': {'type': 'str', 'no_log': True, 'env': 'PINGONE_PRIVATE_KEY_PASSPHRASE'},
    'key_id': {'type': 'str', 'no_log': False, 'env': 'PINGONE_KEY_ID'},
    'assertion_lifetime': {'type': 'int', 'default': DEFAULT_ASSERTION_LIFETIME, 'env': 'PINGONE_ASSERTION_LIFETIME'},
    'scopes': {'type': 'list', 'elements': 'str', 'env': 'PINGONE_SCOPES'},
    'timeout': {'type': 'float', 'default': DEFAULT_TIMEOUT, 'env': 'PINGONE_TIMEOUT'},
    'validate_certs': {'type': 'bool', 'default': True, 'env': 'PINGONE_VALIDATE_CERTS'},
    'ca_path': {'type': 'path', 'env': 'PINGONE_CA_PATH'},
    'retries': {'type': 'int', 'default': DEFAULT_RETRIES, 'env': 'PINGONE_RETRIES'},
}


# Options of modules that call the platform API (every module but pingone_token): a token
# fetched earlier, as Ping's Terraform provider takes it. Documented by the doc fragment
# pingone.platform.connection.api.
API_OPTIONS = {
    'access_token': {'type': 'str', 'no_log': True, 'env': 'PINGONE_API_ACCESS_TOKEN'},
    # How long to wait for an environment created a moment ago to become available (api.ENVIRONMENT_WAIT).
    'environment_wait_timeout': {'type': 'float', 'default': 60.0, 'env': 'PINGONE_ENVIRONMENT_WAIT_TIMEOUT'},
}


# Options of modules that can send many requests in one task (those with concurrency): pingone_user,
# pingone_group, pingone_environment_export. Documented by the doc fragment pingone.platform.connection.bulk.
BULK_OPTIONS = {
    'rate_limit': {'type': 'float', 'env': 'PINGONE_RATE_LIMIT'},
}


# Variables people set that no pingone.platform module reads, and the one they meant. PINGONE_REGION
# is what early releases of Ping's Terraform provider read; Ping's tools read PINGONE_REGION_CODE now.
MISSPELT_VARIABLES = {'PINGONE_REGION': 'PINGONE_REGION_CODE'}

# Where the argument spec took values from, for messages: variable -> the value it had, and the
# variables that were set but empty. Filled by variable_fallback while AnsibleModule parses the options.
_FROM_VARIABLES: Dict[str, str] = {}
_EMPTY_VARIABLES: Dict[str, str] = {}


def variable_fallback(*names: str) -> str:
    """Ansible's ``env_fallback``, except that an empty (or blank) variable counts as unset, and that it
    records which variable gave the value, so messages can say where a value came from."""
    for name in names:
        value = os.environ.get(name)
        if value is None:
            continue
        if not value.strip():
            _EMPTY_VARIABLES[name] = value
            continue
        _FROM_VARIABLES[name] = value
        return value
    raise AnsibleFallbackNotFound


def _entry(option: str) -> Optional[Dict[str, Any]]:
    return CONNECTION_OPTIONS.get(option) or API_OPTIONS.get(option) or BULK_OPTIONS.get(option)


def from_variable(params: Mapping[str, Any], option: str) -> Optional[str]:
    """The PINGONE_* variable the value of ``option`` came from, or None (given on the task or in module_defaults, or unset)."""
    entry = _entry(option)
    if entry is None or params.get(option) is None:
        return None
    name = entry['env']
    recorded = _FROM_VARIABLES.get(name)
    return name if recorded is not None and os.environ.get(name) == recorded else None


def empty_variable(option: str) -> Optional[str]:
    """The PINGONE_* variable of ``option`` if it is set but empty (and so counted as unset), else None."""
    entry = _entry(option)
    name = entry['env'] if entry else None
    value = os.environ.get(name) if name else None
    return name if name in _EMPTY_VARIABLES and value is not None and not value.strip() else None


def variable_sources(params: Mapping[str, Any]) -> Dict[str, str]:
    """Option -> the PINGONE_* variable its value came from, for the options whose value did."""
    sources = {}
    for option in list(CONNECTION_OPTIONS) + list(API_OPTIONS):
        name = from_variable(params, option)
        if name:
            sources[option] = name
    return sources


def labelled(params: Mapping[str, Any], option: str) -> str:
    """``option``, followed by the PINGONE_* variable its value came from when it did: how messages name an option."""
    name = from_variable(params, option)
    return '%s (from %s)' % (option, name) if name else option


def misspelt_variables(params: Mapping[str, Any]) -> Dict[str, str]:
    """Misspelt variable -> the one meant, for each one set while the option it was meant for is unset."""
    meant_for = {entry['env']: option for option, entry in CONNECTION_OPTIONS.items()}
    return {wrong: right for wrong, right in MISSPELT_VARIABLES.items()
            if os.environ.get(wrong, '').strip() and params.get(meant_for[right]) is None}


def region_origin(params: Mapping[str, Any]) -> str:
    """How the region was chosen, after ``region NA, ``: for messages about hosts and regions."""
    if params.get('region') is not None:
        name = from_variable(params, 'region')
        return 'from %s' % name if name else 'from the region option'
    origin = 'the default, as neither the region option nor PINGONE_REGION_CODE is set'
    if empty_variable('region'):
        origin = 'the default, as the region option is not set and PINGONE_REGION_CODE is empty'
    for wrong, right in misspelt_variables(params).items():
        origin += ' (%s is set, but the variable is %s)' % (wrong, right)
    return origin


def _spec(table: Dict[str, Dict[str, Any]]) -> Dict[str, Dict[str, Any]]:
    spec = {}
    for name, entry in table.items():
        option = {key: value for key, value in entry.items() if key != 'env'}
        option['fallback'] = (variable_fallback, [entry['env']])
        spec[name] = option
    return spec


def connection_values_from_variables(names: Iterable[str]) -> Dict[str, Any]:
    """The connection options ``names`` as their PINGONE_* variables alone give them, typed as the argument spec types
    them (None where unset): for a module whose own options of those names mean something else."""
    validation = ArgumentSpecValidator(_spec({name: CONNECTION_OPTIONS[name] for name in names})).validate({})
    return dict(validation.validated_parameters)


def connection_argument_spec(**extra_options: Dict[str, Any]) -> Dict[str, Dict[str, Any]]:
    """The shared options as an AnsibleModule argument spec, plus a module's own options."""
    spec = _spec(CONNECTION_OPTIONS)
    spec.update(extra_options)
    return spec


def api_argument_spec(**extra_options: Dict[str, Any]) -> Dict[str, Dict[str, Any]]:
    """The shared options plus access_token, for modules that call the platform API."""
    spec = connection_argument_spec(**_spec(API_OPTIONS))
    spec.update(extra_options)
    return spec


def bulk_argument_spec(**extra_options: Dict[str, Any]) -> Dict[str, Dict[str, Any]]:
    """``api_argument_spec`` plus rate_limit, for modules that can send many requests in one task."""
    spec = api_argument_spec(**_spec(BULK_OPTIONS))
    spec.update(extra_options)
    return spec


def user_agent() -> str:
    return '%s/%s (ansible-core %s; Python %d.%d)' % (COLLECTION_NAME, COLLECTION_VERSION, ANSIBLE_VERSION, *sys.version_info[:2])


_UUID_RE = re.compile(r'^[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12}$')
_TEMPLATE_RE = re.compile(r'\{\{.*?\}\}|\{%.*?%\}', re.S)


def _how_to_set(option: str) -> str:
    name = CONNECTION_OPTIONS[option]['env']
    empty = ' (%s is set but empty, which counts as unset)' % name if empty_variable(option) else ''
    return 'set the %s option or the %s environment variable%s' % (option, name, empty)


def refuse_template_leftovers(params: Mapping[str, Any], options) -> None:
    """Refuse ``{{ adminEnvID }}``-style text pasted from Postman or the docs, naming the option (never its value)."""
    for option in options:
        value = params.get(option)
        values = value if isinstance(value, (list, tuple)) else [value]
        if any(isinstance(item, str) and _TEMPLATE_RE.search(item) for item in values):
            raise PingOneInputError('%s still contains a {{ ... }} placeholder (a Postman or Jinja variable pasted from the docs): '
                                    'replace it with the real value.' % labelled(params, option), option=option)


def _required_text(params, option) -> str:
    value = params.get(option)
    if value is None or not str(value).strip():
        raise PingOneInputError('%s is %s: %s.' % (labelled(params, option), 'required' if value is None else 'empty', _how_to_set(option)),
                                option=option)
    return str(value)


def is_uuid(value: Any) -> bool:
    """Whether ``value`` is a UUID as PingOne writes its ids (8-4-4-4-12 hexadecimal digits)."""
    return isinstance(value, str) and bool(_UUID_RE.match(value))


def refuse_empty(params: Mapping[str, Any], *options: str) -> None:
    """Refuse an optional text option that is set but empty (or blank), naming it, before any request."""
    for option in options:
        value = params.get(option)
        if isinstance(value, str) and not value.strip():
            raise PingOneInputError('%s is empty: give a value, or leave %s unset.' % (option, option), option=option)


# Options whose value is often an object's name where its ID belongs: what to do instead (%s: the name, quoted).
_NAME_HINTS = {
    'target_environment_id': "find the environment's ID with pingone.platform.pingone_environment_info (name: %s) and give its "
                             "environments[0].id, or copy the ID from the PingOne console",
}


def looks_like_name(value: Any) -> bool:
    """Whether a value that is not a UUID looks like a name: it starts with a letter or digit, has a letter past f or a
    space, no slash (a path or URL), no template, and too few hexadecimal digits to be a mistyped UUID."""
    return (isinstance(value, str) and bool(re.match(r'\w', value)) and bool(re.search(r'[g-zG-Z\s]', value)) and '/' not in value
            and len(re.findall(r'[0-9a-fA-F]', value)) < 24 and not _TEMPLATE_RE.search(value))


def _shown_name(value: str) -> str:
    # Only a short plain name is repeated in a message; anything else (a pasted secret?) is not.
    return repr(value) if re.match(r'^[\w .()-]{1,64}$', value) else 'the name of the environment'


def require_uuid(value: Any, option: str, what: str, source: Optional[str] = None) -> str:
    """``value`` lower-cased if it is a UUID; PingOneInputError naming ``option`` otherwise.

    The one UUID check of the collection: connection options, resource ids and ids that go into URLs.
    ``source`` is the PINGONE_* variable the value came from, if it did: the message names it.
    """
    text = value.strip() if isinstance(value, str) else value
    if not is_uuid(text) and option in _NAME_HINTS and looks_like_name(text):
        raise PingOneInputError('%s is not a UUID but looks like a name: %s.' % (option, _NAME_HINTS[option] % _shown_name(text)),
                                option=option)
    if not is_uuid(text):
        raise PingOneInputError('%s%s is not a UUID: use %s, as shown in the PingOne console (8-4-4-4-12 hexadecimal digits).'
                                % (option, ' (from %s)' % source if source else '', what), option=option)
    return text.lower()


def _uuid(params, option, what) -> str:
    return require_uuid(_required_text(params, option), option, what, from_variable(params, option))


def _scopes(params) -> tuple:
    # Ansible splits PINGONE_SCOPES="a, b" on the comma only: strip what surrounds each scope.
    scopes = [scope.strip() if isinstance(scope, str) else scope for scope in params.get('scopes') or []]
    for scope in scopes:
        if not isinstance(scope, str) or not scope.strip():
            raise PingOneInputError('%s contains an empty entry: list each scope name once, or leave scopes unset.'
                                    % labelled(params, 'scopes'), option='scopes')
        if any(ch.isspace() for ch in scope):
            raise PingOneInputError('%s contains an entry with white space: give each scope as its own list item, '
                                    'such as [p1:read:user, p1:update:user].' % labelled(params, 'scopes'), option='scopes')
    return tuple(scopes)


def _ca_path(path: Optional[str], label: str = 'ca_path') -> Optional[str]:
    if not path:
        return None
    if os.path.isdir(path):
        return path
    if not os.path.isfile(path):
        raise PingOneInputError('%s %s does not exist: give the path of a PEM file with the CA certificates to trust.' % (label, path),
                                option='ca_path')
    try:
        with open(path, 'rb') as handle:
            head = handle.read(1024 * 1024)
    except OSError as exc:
        raise PingOneInputError('%s %s cannot be read (%s).' % (label, path, exc.strerror), option='ca_path') from None
    if b'-----BEGIN CERTIFICATE-----' not in head:
        raise PingOneInputError('%s %s is not a PEM file of CA certificates (no BEGIN CERTIFICATE line).' % (label, path), option='ca_path')
    return path


def _rate_limit(params) -> Optional[float]:
    """rate_limit (requests per second), for the modules that have it; None when unset (adaptive pacing)."""
    value = params.get('rate_limit')
    if value is None:
        return None
    if not (isinstance(value, (int, float)) and math.isfinite(value) and value > 0):
        raise PingOneInputError('%s must be a number of requests per second above 0, such as 100 (the limit of the licence, or '
                                'the share of it this task may use).' % labelled(params, 'rate_limit'), option='rate_limit')
    return float(value)


# Options that only one method reads: set with another method, they show a mistake (usually a forgotten auth_method).
_METHOD_OPTIONS = {
    'jwt_algorithm': ('client_secret_jwt', 'private_key_jwt'),
    'key_id': ('client_secret_jwt', 'private_key_jwt'),
    'private_key': ('private_key_jwt',),
    'private_key_path': ('private_key_jwt',),
    'private_key_passphrase': ('private_key_jwt',),
}


def _refuse_options_of_other_methods(params, method: str) -> None:
    for option, methods in _METHOD_OPTIONS.items():
        value = params.get(option)
        if value is not None and value != '' and method not in methods:
            raise PingOneInputError('%s is set, but %s is %s, which does not use it: set auth_method to %s, or unset %s '
                                    '(and %s).' % (labelled(params, option), labelled(params, 'auth_method'), method, ' or '.join(methods),
                                                   option, CONNECTION_OPTIONS[option]['env']), option=option)


def _private_key(params, algorithm: str):
    """The loaded RSA key of private_key or private_key_path (exactly one of them)."""
    text, path = params.get('private_key'), params.get('private_key_path')
    if text and path:
        raise PingOneInputError('private_key and private_key_path are both set: give the key one way only.', option='private_key')
    if not text and not path:
        raise PingOneInputError('auth_method private_key_jwt needs the private key: set private_key (PEM text, from Ansible Vault) or '
                                'private_key_path, or the PINGONE_PRIVATE_KEY or PINGONE_PRIVATE_KEY_PATH environment variable.',
                                option='private_key')
    option = 'private_key' if text else 'private_key_path'
    pem = pem_from_option(text) if text else read_key_file(path)
    return load_private_key(pem, params.get('private_key_passphrase') or None, option, algorithm)


def _key_id(params) -> Optional[str]:
    key_id = params.get('key_id')
    if key_id is None:
        return None
    key_id = str(key_id).strip()
    if not key_id or any(ch.isspace() for ch in key_id) or len(key_id) > 256:
        raise PingOneInputError('key_id must be the non-empty key ID (kid) of the key in the JWKS of the application, without '
                                'white space.', option='key_id')
    return key_id


def _credentials(params, warn) -> ClientCredentials:
    client_id = _uuid(params, 'client_id', 'the Client ID of the worker application')
    method = params.get('auth_method') or 'client_secret_basic'
    _refuse_options_of_other_methods(params, method)
    # private_key_jwt keeps no shared secret: client_secret is not needed, and never sent.
    secret = None if method == 'private_key_jwt' else _required_text(params, 'client_secret')
    scopes = _scopes(params)
    if method not in JWT_METHODS:
        return ClientCredentials(client_id=client_id, client_secret=secret, auth_method=method, scopes=scopes)
    algorithm = jwt_algorithm(method, params.get('jwt_algorithm'))
    lifetime = assertion_lifetime(params.get('assertion_lifetime'))
    key_id = _key_id(params)
    import_jwt(method)   # a missing PyJWT is reported now, before anything is sent
    key = None
    if method == 'private_key_jwt':
        key = _private_key(params, algorithm)
    else:
        check_secret_length(secret, algorithm, warn)
    return ClientCredentials(client_id=client_id, client_secret=secret, auth_method=method, scopes=scopes, jwt_algorithm=algorithm,
                             private_key=key, key_id=key_id, assertion_lifetime=lifetime)


@dataclass(frozen=True)
class ConnectionSettings:
    """Everything needed to reach PingOne, validated."""

    endpoints: Endpoints
    credentials: Optional[ClientCredentials]
    transport: TransportSettings
    environment_wait: Optional[float] = None   # environment_wait_timeout, for the modules that have it (None: the client's default)


def connection_settings(params: Mapping[str, Any], warn: Optional[Callable[[str], None]] = None,
                        need_credentials: bool = True) -> ConnectionSettings:
    """Validate the shared options (values from the argument spec) and build the settings; raise PingOneInputError.

    ``need_credentials=False`` is for a module that was given an access token: client id,
    secret and environment are then optional, and ``credentials`` is None.
    Messages name the PINGONE_* variable a value came from; ``endpoints`` keeps that for later ones.
    """
    try:
        return _connection_settings(params, warn, need_credentials)
    finally:
        forget_variable_sources()


def forget_variable_sources() -> None:
    """Forget which PINGONE_* variables the argument spec took values from.

    That record was about one parse of one module's options only: forgetting it keeps a later parse in
    the same process (unit tests run many; pingone_token's action plugin parses on the controller) from being told it.
    """
    _FROM_VARIABLES.clear()
    _EMPTY_VARIABLES.clear()


def _connection_settings(params: Mapping[str, Any], warn: Optional[Callable[[str], None]], need_credentials: bool) -> ConnectionSettings:
    refuse_template_leftovers(params, list(CONNECTION_OPTIONS) + list(API_OPTIONS))
    custom_domain = params.get('custom_domain')
    environment_id = params.get('environment_id')
    if environment_id is not None or (need_credentials and not custom_domain):
        environment_id = _uuid(params, 'environment_id', 'the id of the environment that holds the worker application')
    credentials = _credentials(params, warn) if need_credentials else None
    timeout = params.get('timeout')
    timeout = DEFAULT_TIMEOUT if timeout is None else timeout
    if not 0 < timeout <= MAX_TIMEOUT:
        raise PingOneInputError('%s must be more than 0 and at most %d seconds.' % (labelled(params, 'timeout'), MAX_TIMEOUT),
                                option='timeout')
    retries = params.get('retries')
    retries = DEFAULT_RETRIES if retries is None else retries
    if not 0 <= retries <= MAX_RETRIES:
        raise PingOneInputError('%s must be between 0 and %d.' % (labelled(params, 'retries'), MAX_RETRIES), option='retries')
    rate_limit = _rate_limit(params)
    environment_wait = params.get('environment_wait_timeout')
    if environment_wait is not None and not 0 <= environment_wait <= MAX_TIMEOUT:
        raise PingOneInputError('%s is %g: give a number of seconds from 0 to %d.'
                                % (labelled(params, 'environment_wait_timeout'), environment_wait, MAX_TIMEOUT), option='environment_wait_timeout')
    validate_certs = params.get('validate_certs') is not False
    if not validate_certs and warn:
        warn('%s is false: the TLS certificate of PingOne is not checked, so anyone on the network path can read '
             'the credentials and the token. Prefer ca_path for a private CA.' % labelled(params, 'validate_certs'))
    region = resolve_region(params.get('region'), from_variable(params, 'region'))
    if warn:
        for wrong, right in misspelt_variables(params).items():
            warn('%s is set, but no pingone.platform module reads it: the variable is %s (as in Ping\'s tools), so region %s, the '
                 'default, was used. Rename the variable, or set the region option (one of %s).'
                 % (wrong, right, DEFAULT_REGION, ', '.join(REGIONS)))
    endpoints = build_endpoints(region, environment_id, params.get('auth_hostname'), params.get('api_hostname'), custom_domain, warn,
                                need_token_url=need_credentials, sources=variable_sources(params), origin=region_origin(params))
    transport = TransportSettings(timeout=float(timeout), retries=retries, validate_certs=validate_certs,
                                  ca_path=_ca_path(params.get('ca_path'), labelled(params, 'ca_path')), user_agent=user_agent(),
                                  rate_limit=rate_limit)
    return ConnectionSettings(endpoints=endpoints, credentials=credentials, transport=transport,
                              environment_wait=None if environment_wait is None else float(environment_wait))
