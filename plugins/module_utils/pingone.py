# -*- coding: utf-8 -*-
# Copyright: (c) 2026, pingone.platform maintainers
# GNU General Public License v3.0+ (see LICENSE or https://www.gnu.org/licenses/gpl-3.0.txt)
"""The public entry point for modules built on pingone.platform.

Import from here, not from the parts, so the parts can move. A provisioning module
needs three things::

    from ansible_collections.pingone.platform.plugins.module_utils.pingone import (
        PingOneClient, PingOneError, connection_argument_spec, connection_settings, fail_module)

    module = AnsibleModule(argument_spec=connection_argument_spec(name=dict(type='str', required=True)),
                           supports_check_mode=True)
    try:
        client = PingOneClient.from_settings(connection_settings(module.params, module.warn), warn=module.warn)
        environments = client.paginate('/environments')
    except PingOneError as error:
        fail_module(module, error)

See docs/module_utils.md for the whole API.
"""

from __future__ import annotations

from typing import Any, NoReturn

from ansible.module_utils.basic import missing_required_lib

from ansible_collections.pingone.platform.plugins.module_utils.api import ApiResponse, PingOneClient
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
from ansible_collections.pingone.platform.plugins.module_utils.options import (
    API_OPTIONS,
    COLLECTION_VERSION,
    CONNECTION_OPTIONS,
    ConnectionSettings,
    api_argument_spec,
    connection_argument_spec,
    connection_settings,
)
from ansible_collections.pingone.platform.plugins.module_utils.regions import REGIONS, Endpoints, Region, build_endpoints, resolve_region
from ansible_collections.pingone.platform.plugins.module_utils.token import ClientCredentials, Token, build_token_request, request_token
from ansible_collections.pingone.platform.plugins.module_utils.token_cache import TokenSource, reusable_token
from ansible_collections.pingone.platform.plugins.module_utils.transport import Transport, TransportSettings

__all__ = [
    'API_OPTIONS', 'ApiResponse', 'ClientCredentials', 'COLLECTION_VERSION', 'CONNECTION_OPTIONS', 'ConnectionSettings', 'Endpoints', 'ErrorBody',
    'PingOneAuthenticationError', 'PingOneBadRequestError', 'PingOneClient', 'PingOneConnectionError', 'PingOneDependencyError',
    'PingOneError', 'PingOneForbiddenError', 'PingOneHTTPError', 'PingOneInputError', 'PingOneNotFoundError',
    'PingOneRateLimitedError', 'PingOneRedirectError', 'PingOneServerError', 'PingOneTLSError', 'PingOneTimeoutError',
    'PingOneUnexpectedResponseError', 'REGIONS', 'Region', 'Token', 'TokenSource', 'Transport', 'TransportSettings', 'api_argument_spec',
    'build_endpoints', 'build_token_request', 'connection_argument_spec', 'connection_settings', 'fail_module', 'request_token',
    'resolve_region', 'reusable_token',
]


def fail_module(module, error: PingOneError, **extra: Any) -> NoReturn:
    """The one place a PingOneError becomes ``fail_json``: its sentence as ``msg``, its fields as keys."""
    if isinstance(error, PingOneDependencyError):
        module.fail_json(msg=missing_required_lib(error.library, reason=error.purpose), **extra)
    result = error.to_result()
    result.update((key, value) for key, value in extra.items() if key not in result)
    module.fail_json(**result)
