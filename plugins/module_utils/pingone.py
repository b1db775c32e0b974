# -*- coding: utf-8 -*-
# Copyright: (c) 2026, pingone.platform maintainers
# GNU General Public License v3.0+ (see LICENSE or https://www.gnu.org/licenses/gpl-3.0.txt)
"""The public entry point for modules built on pingone.platform.

The rule: modules (ours and yours) import from here only; the parts (api, engine, errors,
options, regions, resource, token, ...) import from each other, never from here, so this
facade can re-export all of them and the parts can move. ``__all__`` is the public surface,
pinned by a unit test. A resource module needs little more than::

    from ansible_collections.pingone.platform.plugins.module_utils.pingone import (
        PingOneError, ResourceKind, Field, api_argument_spec, connect, ensure, fail_module)

    module = AnsibleModule(argument_spec=api_argument_spec(name=dict(type='str', required=True)),
                           supports_check_mode=True)
    try:
        client, _settings = connect(module)
        with client:
            outcome = ensure(client, MyKind(), '/environments/%s/things' % env_id, module.params, module.check_mode)
    except PingOneError as error:
        fail_module(module, error)

See docs/module_utils.md for the whole API.
"""

from __future__ import annotations

from typing import Any, NoReturn

from ansible.module_utils.basic import missing_required_lib

from ansible_collections.pingone.platform.plugins.module_utils.api import ApiResponse, PingOneClient
from ansible_collections.pingone.platform.plugins.module_utils.bulk import DEFAULT_CONCURRENCY, MAX_CONCURRENCY, BulkResult, ItemResult
from ansible_collections.pingone.platform.plugins.module_utils.bulk import run as run_bulk
from ansible_collections.pingone.platform.plugins.module_utils.engine import (
    SECRET_MARKER,
    Field,
    Outcome,
    ResourceKind,
    SubResource,
    case_clash,
    diff,
    differences,
    ensure,
    find_by_name,
    get_path,
    lookup,
    lower,
    scim_string,
    set_path,
    sorted_set,
)
from ansible_collections.pingone.platform.plugins.module_utils.errors import (
    ErrorBody,
    PingOneAuthenticationError,
    PingOneBadRequestError,
    PingOneConnectionError,
    PingOneDependencyError,
    PingOneError,
    PingOneForbiddenError,
    PingOneHTTPError,
    PingOneInputError,
    PingOneNotFoundError,
    PingOneRateLimitedError,
    PingOneRedirectError,
    PingOneServerError,
    PingOneTimeoutError,
    PingOneTLSError,
    PingOneUnexpectedResponseError,
)
from ansible_collections.pingone.platform.plugins.module_utils.info import (
    check_role_scope,
    filter_query,
    find_environments,
    list_roles,
    named_exactly,
    one_named,
    role_for,
    role_summary,
    scim_and,
)
from ansible_collections.pingone.platform.plugins.module_utils.kinds import (
    APPLICATION_TYPES,
    BUILT_IN_APPLICATION_TYPES,
    GRANT_TYPES,
    PKCE_OPTIONS,
    RESPONSE_TYPES,
    SCOPE_TYPES,
    TOKEN_AUTH_METHODS,
    ApplicationKind,
    EnvironmentKind,
    GroupKind,
    PopulationKind,
    RoleAssignmentKind,
    UserKind,
    check_user_attributes,
    product_types,
)
from ansible_collections.pingone.platform.plugins.module_utils.options import (
    API_OPTIONS,
    COLLECTION_VERSION,
    CONNECTION_OPTIONS,
    ConnectionSettings,
    api_argument_spec,
    connection_argument_spec,
    connection_settings,
    is_uuid,
    require_uuid,
)
from ansible_collections.pingone.platform.plugins.module_utils.organization import (
    LICENSE_STATUSES,
    active_license_named,
    list_licenses,
    organization_id,
)
from ansible_collections.pingone.platform.plugins.module_utils.regions import REGIONS, Endpoints, Region, build_endpoints, resolve_region
from ansible_collections.pingone.platform.plugins.module_utils.resource import connect, wait_until_visible
from ansible_collections.pingone.platform.plugins.module_utils.token import ClientCredentials, Token, build_token_request, request_token
from ansible_collections.pingone.platform.plugins.module_utils.token_cache import DEFAULT_MIN_TTL, MAX_MIN_TTL, TokenSource, reusable_token
from ansible_collections.pingone.platform.plugins.module_utils.transport import Transport, TransportSettings

__all__ = [
    'BulkResult', 'DEFAULT_CONCURRENCY', 'ItemResult', 'MAX_CONCURRENCY', 'run_bulk',
    'APPLICATION_TYPES', 'ApplicationKind', 'BUILT_IN_APPLICATION_TYPES', 'EnvironmentKind', 'GRANT_TYPES', 'GroupKind', 'PKCE_OPTIONS',
    'PopulationKind', 'RESPONSE_TYPES', 'RoleAssignmentKind', 'SCOPE_TYPES', 'TOKEN_AUTH_METHODS', 'UserKind', 'check_user_attributes',
    'product_types',
    'check_role_scope', 'filter_query', 'find_environments', 'list_roles', 'named_exactly', 'one_named', 'role_for', 'role_summary',
    'scim_and',
    'API_OPTIONS', 'ApiResponse', 'COLLECTION_VERSION', 'CONNECTION_OPTIONS', 'ClientCredentials', 'ConnectionSettings', 'DEFAULT_MIN_TTL',
    'Endpoints', 'LICENSE_STATUSES', 'MAX_MIN_TTL',
    'ErrorBody', 'Field', 'Outcome', 'PingOneAuthenticationError', 'PingOneBadRequestError', 'PingOneClient', 'PingOneConnectionError',
    'PingOneDependencyError', 'PingOneError', 'PingOneForbiddenError', 'PingOneHTTPError', 'PingOneInputError', 'PingOneNotFoundError',
    'PingOneRateLimitedError', 'PingOneRedirectError', 'PingOneServerError', 'PingOneTLSError', 'PingOneTimeoutError',
    'PingOneUnexpectedResponseError', 'REGIONS', 'Region', 'ResourceKind', 'SECRET_MARKER', 'SubResource', 'Token', 'TokenSource',
    'Transport', 'TransportSettings', 'active_license_named', 'api_argument_spec', 'build_endpoints', 'build_token_request',
    'case_clash', 'connect', 'connection_argument_spec', 'connection_settings', 'diff', 'differences', 'ensure', 'fail_module',
    'find_by_name', 'get_path', 'is_uuid', 'list_licenses', 'lookup', 'lower', 'organization_id', 'request_token', 'require_uuid',
    'resolve_region', 'reusable_token', 'scim_string', 'set_path', 'sorted_set', 'wait_until_visible',
]


def fail_module(module, error: PingOneError, **extra: Any) -> NoReturn:
    """The one place a PingOneError becomes ``fail_json``: its sentence as ``msg``, its fields as keys."""
    if isinstance(error, PingOneDependencyError):
        module.fail_json(msg=missing_required_lib(error.library, reason=error.purpose), **extra)
    result = error.to_result()
    result.update((key, value) for key, value in extra.items() if key not in result)
    module.fail_json(**result)
