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

import importlib
from typing import TYPE_CHECKING, Any, NoReturn

from ansible.module_utils.basic import missing_required_lib

# What Ansible's module packager reads to put every part into a module's payload; at run time each
# name is imported from its part on first use (__getattr__ below), so a module loads only the parts
# it uses: pingone_token's Basic request never loads the API client, the engine or the JWT code.
if TYPE_CHECKING:
    from ansible_collections.pingone.platform.plugins.module_utils.api import ApiResponse, PingOneClient
    from ansible_collections.pingone.platform.plugins.module_utils.bulk import DEFAULT_CONCURRENCY, MAX_CONCURRENCY, READ_ALL_FROM, BulkResult, ItemResult
    from ansible_collections.pingone.platform.plugins.module_utils.bulk import each as each_parallel
    from ansible_collections.pingone.platform.plugins.module_utils.bulk import refuse_duplicates
    from ansible_collections.pingone.platform.plugins.module_utils.bulk import run as run_bulk
    from ansible_collections.pingone.platform.plugins.module_utils.engine import (
        SECRET_MARKER,
        Field,
        Outcome,
        ResourceKind,
        SubResource,
        case_clash,
        compare,
        diff,
        differences,
        ensure,
        find_by_name,
        get_path,
        lookup,
        lower,
        named,
        object_id,
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
        list_custom_roles,
        members_filter,
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
        BULK_OPTIONS,
        COLLECTION_VERSION,
        CONNECTION_OPTIONS,
        ConnectionSettings,
        api_argument_spec,
        bulk_argument_spec,
        connection_argument_spec,
        connection_settings,
        connection_values_from_variables,
        is_uuid,
        refuse_empty,
        require_uuid,
    )
    from ansible_collections.pingone.platform.plugins.module_utils.objects import ensure_object, list_objects
    from ansible_collections.pingone.platform.plugins.module_utils.objects import kind_names as object_kind_names
    from ansible_collections.pingone.platform.plugins.module_utils.children import check_children, reconcile_children
    from ansible_collections.pingone.platform.plugins.module_utils.declared import (
        IDP_TYPES,
        check_identity_provider,
        check_resource,
        ensure_identity_provider,
        ensure_resource,
        refuse_worker_credentials,
        token_client_id,
    )
    from ansible_collections.pingone.platform.plugins.module_utils.sign_on_policy import ACTION_TYPES as SIGN_ON_ACTION_TYPES
    from ansible_collections.pingone.platform.plugins.module_utils.sign_on_policy import ensure_sign_on_policy
    from ansible_collections.pingone.platform.plugins.module_utils.saml_application import (
        APPLICATION_PROTOCOLS,
        application_kind,
        check_protocol_options,
        resolve_sp_certificates,
    )
    from ansible_collections.pingone.platform.plugins.module_utils.application_links import check_links as check_application_links
    from ansible_collections.pingone.platform.plugins.module_utils.application_links import ensure_application_links
    from ansible_collections.pingone.platform.plugins.module_utils.organization import (
        LICENSE_STATUSES,
        active_license_named,
        list_licenses,
        organization_id,
    )
    from ansible_collections.pingone.platform.plugins.module_utils.kind_schema import Problem
    from ansible_collections.pingone.platform.plugins.module_utils.population import POPULATION_OPTIONS, check_population, ensure_population
    from ansible_collections.pingone.platform.plugins.module_utils.group import GROUP_OPTIONS, check_group, ensure_group
    from ansible_collections.pingone.platform.plugins.module_utils.user import (
        SINGLE_USER_OPTIONS,
        USER_ITEM_OPTIONS,
        USER_MODULE_OPTIONS,
        USER_TASK_OPTIONS,
        check_user,
        ensure_user,
        ensure_users,
    )
    from ansible_collections.pingone.platform.plugins.module_utils.application import APPLICATION_OPTIONS, check_application, ensure_application_task
    from ansible_collections.pingone.platform.plugins.module_utils.role_assignment import ROLE_ASSIGNMENT_OPTIONS, check_role_assignment, ensure_role_assignment
    from ansible_collections.pingone.platform.plugins.module_utils.role_assignment import SUBJECT_OPTIONS as ROLE_ASSIGNMENT_SUBJECT_OPTIONS
    from ansible_collections.pingone.platform.plugins.module_utils.config_legacy import DEFAULT_KINDS as EXPORT_DEFAULT_KINDS
    from ansible_collections.pingone.platform.plugins.module_utils.config_legacy import KINDS as EXPORT_KINDS
    from ansible_collections.pingone.platform.plugins.module_utils.config_legacy import check_description
    from ansible_collections.pingone.platform.plugins.module_utils.config_legacy import export as export_environment
    from ansible_collections.pingone.platform.plugins.module_utils.config_legacy_plan import compare as compare_environment
    from ansible_collections.pingone.platform.plugins.module_utils.config_legacy_plan import passwordless_warning
    from ansible_collections.pingone.platform.plugins.module_utils.registry import KINDS, Kind, dependency_order, get_kind, writable_body
    from ansible_collections.pingone.platform.plugins.module_utils.registry import validate as validate_definition
    from ansible_collections.pingone.platform.plugins.module_utils.resolver import Resolver
    from ansible_collections.pingone.platform.plugins.module_utils.config_describe import describe as describe_kinds
    from ansible_collections.pingone.platform.plugins.module_utils.config_engine import GENERIC as CONFIG_KINDS
    from ansible_collections.pingone.platform.plugins.module_utils.environment_config import apply_description, export_description, export_kinds
    from ansible_collections.pingone.platform.plugins.module_utils.environment_config import check_baseline
    from ansible_collections.pingone.platform.plugins.module_utils.environment_config import INCLUDE_CHOICES as EXPORT_INCLUDE_CHOICES
    from ansible_collections.pingone.platform.plugins.module_utils.regions import REGIONS, Endpoints, Region, build_endpoints, resolve_region
    from ansible_collections.pingone.platform.plugins.module_utils.resource import connect, wait_until_visible
    from ansible_collections.pingone.platform.plugins.module_utils.token import ClientCredentials, Token, build_token_request, request_token
    from ansible_collections.pingone.platform.plugins.module_utils.token_cache import DEFAULT_MIN_TTL, MAX_MIN_TTL, TokenSource, reusable_token
    from ansible_collections.pingone.platform.plugins.module_utils.token_task import reuse_decision, reuse_result, token_argument_spec, token_task_result
    from ansible_collections.pingone.platform.plugins.module_utils.transport import Transport, TransportSettings

_PACKAGE = 'ansible_collections.pingone.platform.plugins.module_utils'
# Exported name -> (part, name in the part). A unit test keeps it equal to the imports above.
_PARTS = {
    'active_license_named': ('organization', 'active_license_named'),
    'api_argument_spec': ('options', 'api_argument_spec'),
    'API_OPTIONS': ('options', 'API_OPTIONS'),
    'BULK_OPTIONS': ('options', 'BULK_OPTIONS'),
    'bulk_argument_spec': ('options', 'bulk_argument_spec'),
    'ApiResponse': ('api', 'ApiResponse'),
    'APPLICATION_TYPES': ('kinds', 'APPLICATION_TYPES'),
    'APPLICATION_PROTOCOLS': ('saml_application', 'APPLICATION_PROTOCOLS'),
    'application_kind': ('saml_application', 'application_kind'),
    'check_protocol_options': ('saml_application', 'check_protocol_options'),
    'resolve_sp_certificates': ('saml_application', 'resolve_sp_certificates'),
    'ApplicationKind': ('kinds', 'ApplicationKind'),
    'build_endpoints': ('regions', 'build_endpoints'),
    'build_token_request': ('token', 'build_token_request'),
    'BUILT_IN_APPLICATION_TYPES': ('kinds', 'BUILT_IN_APPLICATION_TYPES'),
    'BulkResult': ('bulk', 'BulkResult'),
    'case_clash': ('engine', 'case_clash'),
    'compare': ('engine', 'compare'),
    'check_role_scope': ('info', 'check_role_scope'),
    'POPULATION_OPTIONS': ('population', 'POPULATION_OPTIONS'),
    'check_population': ('population', 'check_population'),
    'ensure_population': ('population', 'ensure_population'),
    'GROUP_OPTIONS': ('group', 'GROUP_OPTIONS'),
    'check_group': ('group', 'check_group'),
    'ensure_group': ('group', 'ensure_group'),
    'SINGLE_USER_OPTIONS': ('user', 'SINGLE_USER_OPTIONS'),
    'USER_ITEM_OPTIONS': ('user', 'USER_ITEM_OPTIONS'),
    'USER_TASK_OPTIONS': ('user', 'USER_TASK_OPTIONS'),
    'USER_MODULE_OPTIONS': ('user', 'USER_MODULE_OPTIONS'),
    'check_user': ('user', 'check_user'),
    'ensure_user': ('user', 'ensure_user'),
    'ensure_users': ('user', 'ensure_users'),
    'APPLICATION_OPTIONS': ('application', 'APPLICATION_OPTIONS'),
    'check_application': ('application', 'check_application'),
    'ensure_application_task': ('application', 'ensure_application_task'),
    'ROLE_ASSIGNMENT_OPTIONS': ('role_assignment', 'ROLE_ASSIGNMENT_OPTIONS'),
    'ROLE_ASSIGNMENT_SUBJECT_OPTIONS': ('role_assignment', 'SUBJECT_OPTIONS'),
    'check_role_assignment': ('role_assignment', 'check_role_assignment'),
    'ensure_role_assignment': ('role_assignment', 'ensure_role_assignment'),
    'check_description': ('config_legacy', 'check_description'),
    'compare_environment': ('config_legacy_plan', 'compare'),
    'EXPORT_DEFAULT_KINDS': ('config_legacy', 'DEFAULT_KINDS'),
    'EXPORT_KINDS': ('config_legacy', 'KINDS'),
    'export_environment': ('config_legacy', 'export'),
    'passwordless_warning': ('config_legacy_plan', 'passwordless_warning'),
    'check_user_attributes': ('kinds', 'check_user_attributes'),
    'ClientCredentials': ('token', 'ClientCredentials'),
    'COLLECTION_VERSION': ('options', 'COLLECTION_VERSION'),
    'connect': ('resource', 'connect'),
    'connection_argument_spec': ('options', 'connection_argument_spec'),
    'CONNECTION_OPTIONS': ('options', 'CONNECTION_OPTIONS'),
    'connection_settings': ('options', 'connection_settings'),
    'connection_values_from_variables': ('options', 'connection_values_from_variables'),
    'ConnectionSettings': ('options', 'ConnectionSettings'),
    'DEFAULT_CONCURRENCY': ('bulk', 'DEFAULT_CONCURRENCY'),
    'DEFAULT_MIN_TTL': ('token_cache', 'DEFAULT_MIN_TTL'),
    'dependency_order': ('registry', 'dependency_order'),
    'diff': ('engine', 'diff'),
    'differences': ('engine', 'differences'),
    'Endpoints': ('regions', 'Endpoints'),
    'ensure': ('engine', 'ensure'),
    'ensure_object': ('objects', 'ensure_object'),
    'ensure_sign_on_policy': ('sign_on_policy', 'ensure_sign_on_policy'),
    'SIGN_ON_ACTION_TYPES': ('sign_on_policy', 'ACTION_TYPES'),
    'check_application_links': ('application_links', 'check_links'),
    'ensure_application_links': ('application_links', 'ensure_application_links'),
    'list_objects': ('objects', 'list_objects'),
    'check_children': ('children', 'check_children'),
    'reconcile_children': ('children', 'reconcile_children'),
    'IDP_TYPES': ('declared', 'IDP_TYPES'),
    'check_identity_provider': ('declared', 'check_identity_provider'),
    'check_resource': ('declared', 'check_resource'),
    'ensure_identity_provider': ('declared', 'ensure_identity_provider'),
    'refuse_worker_credentials': ('declared', 'refuse_worker_credentials'),
    'token_client_id': ('declared', 'token_client_id'),
    'ensure_resource': ('declared', 'ensure_resource'),
    'EnvironmentKind': ('kinds', 'EnvironmentKind'),
    'ErrorBody': ('errors', 'ErrorBody'),
    'Field': ('engine', 'Field'),
    'filter_query': ('info', 'filter_query'),
    'find_by_name': ('engine', 'find_by_name'),
    'find_environments': ('info', 'find_environments'),
    'get_kind': ('registry', 'get_kind'),
    'get_path': ('engine', 'get_path'),
    'GRANT_TYPES': ('kinds', 'GRANT_TYPES'),
    'GroupKind': ('kinds', 'GroupKind'),
    'is_uuid': ('options', 'is_uuid'),
    'ItemResult': ('bulk', 'ItemResult'),
    'Kind': ('registry', 'Kind'),
    'KINDS': ('registry', 'KINDS'),
    'LICENSE_STATUSES': ('organization', 'LICENSE_STATUSES'),
    'list_custom_roles': ('info', 'list_custom_roles'),
    'members_filter': ('info', 'members_filter'),
    'list_licenses': ('organization', 'list_licenses'),
    'list_roles': ('info', 'list_roles'),
    'lookup': ('engine', 'lookup'),
    'named': ('engine', 'named'),
    'object_id': ('engine', 'object_id'),
    'object_kind_names': ('objects', 'kind_names'),
    'lower': ('engine', 'lower'),
    'MAX_CONCURRENCY': ('bulk', 'MAX_CONCURRENCY'),
    'READ_ALL_FROM': ('bulk', 'READ_ALL_FROM'),
    'each_parallel': ('bulk', 'each'),
    'MAX_MIN_TTL': ('token_cache', 'MAX_MIN_TTL'),
    'named_exactly': ('info', 'named_exactly'),
    'one_named': ('info', 'one_named'),
    'organization_id': ('organization', 'organization_id'),
    'Outcome': ('engine', 'Outcome'),
    'PingOneAuthenticationError': ('errors', 'PingOneAuthenticationError'),
    'PingOneBadRequestError': ('errors', 'PingOneBadRequestError'),
    'PingOneClient': ('api', 'PingOneClient'),
    'PingOneConnectionError': ('errors', 'PingOneConnectionError'),
    'PingOneDependencyError': ('errors', 'PingOneDependencyError'),
    'PingOneError': ('errors', 'PingOneError'),
    'PingOneForbiddenError': ('errors', 'PingOneForbiddenError'),
    'PingOneHTTPError': ('errors', 'PingOneHTTPError'),
    'PingOneInputError': ('errors', 'PingOneInputError'),
    'PingOneNotFoundError': ('errors', 'PingOneNotFoundError'),
    'PingOneRateLimitedError': ('errors', 'PingOneRateLimitedError'),
    'PingOneRedirectError': ('errors', 'PingOneRedirectError'),
    'PingOneServerError': ('errors', 'PingOneServerError'),
    'PingOneTimeoutError': ('errors', 'PingOneTimeoutError'),
    'PingOneTLSError': ('errors', 'PingOneTLSError'),
    'PingOneUnexpectedResponseError': ('errors', 'PingOneUnexpectedResponseError'),
    'PKCE_OPTIONS': ('kinds', 'PKCE_OPTIONS'),
    'Problem': ('kind_schema', 'Problem'),
    'PopulationKind': ('kinds', 'PopulationKind'),
    'product_types': ('kinds', 'product_types'),
    'Region': ('regions', 'Region'),
    'REGIONS': ('regions', 'REGIONS'),
    'request_token': ('token', 'request_token'),
    'refuse_empty': ('options', 'refuse_empty'),
    'require_uuid': ('options', 'require_uuid'),
    'resolve_region': ('regions', 'resolve_region'),
    'Resolver': ('resolver', 'Resolver'),
    'ResourceKind': ('engine', 'ResourceKind'),
    'RESPONSE_TYPES': ('kinds', 'RESPONSE_TYPES'),
    'reusable_token': ('token_cache', 'reusable_token'),
    'reuse_decision': ('token_task', 'reuse_decision'),
    'reuse_result': ('token_task', 'reuse_result'),
    'role_for': ('info', 'role_for'),
    'role_summary': ('info', 'role_summary'),
    'RoleAssignmentKind': ('kinds', 'RoleAssignmentKind'),
    'run_bulk': ('bulk', 'run'),
    'refuse_duplicates': ('bulk', 'refuse_duplicates'),
    'scim_and': ('info', 'scim_and'),
    'scim_string': ('engine', 'scim_string'),
    'SCOPE_TYPES': ('kinds', 'SCOPE_TYPES'),
    'SECRET_MARKER': ('engine', 'SECRET_MARKER'),
    'set_path': ('engine', 'set_path'),
    'sorted_set': ('engine', 'sorted_set'),
    'SubResource': ('engine', 'SubResource'),
    'Token': ('token', 'Token'),
    'token_argument_spec': ('token_task', 'token_argument_spec'),
    'token_task_result': ('token_task', 'token_task_result'),
    'TOKEN_AUTH_METHODS': ('kinds', 'TOKEN_AUTH_METHODS'),
    'TokenSource': ('token_cache', 'TokenSource'),
    'Transport': ('transport', 'Transport'),
    'TransportSettings': ('transport', 'TransportSettings'),
    'UserKind': ('kinds', 'UserKind'),
    'validate_definition': ('registry', 'validate'),
    'wait_until_visible': ('resource', 'wait_until_visible'),
    'writable_body': ('registry', 'writable_body'),
    'apply_description': ('environment_config', 'apply_description'),
    'export_description': ('environment_config', 'export_description'),
    'export_kinds': ('environment_config', 'export_kinds'),
    'check_baseline': ('environment_config', 'check_baseline'),
    'EXPORT_INCLUDE_CHOICES': ('environment_config', 'INCLUDE_CHOICES'),
    'describe_kinds': ('config_describe', 'describe'),
    'CONFIG_KINDS': ('config_engine', 'GENERIC'),
}


__all__ = [
    'BulkResult', 'DEFAULT_CONCURRENCY', 'ItemResult', 'MAX_CONCURRENCY', 'READ_ALL_FROM', 'each_parallel', 'run_bulk',
    'refuse_duplicates', 'BULK_OPTIONS', 'bulk_argument_spec',
    'APPLICATION_TYPES', 'ApplicationKind', 'BUILT_IN_APPLICATION_TYPES', 'EnvironmentKind', 'GRANT_TYPES', 'GroupKind', 'PKCE_OPTIONS',
    'PopulationKind', 'RESPONSE_TYPES', 'RoleAssignmentKind', 'SCOPE_TYPES', 'TOKEN_AUTH_METHODS', 'UserKind', 'check_user_attributes',
    'product_types',
    'check_role_scope', 'filter_query', 'find_environments', 'list_custom_roles', 'list_roles', 'members_filter', 'named_exactly', 'one_named', 'role_for',
    'role_summary',
    'scim_and',
    'API_OPTIONS', 'ApiResponse', 'COLLECTION_VERSION', 'CONNECTION_OPTIONS', 'ClientCredentials', 'ConnectionSettings', 'DEFAULT_MIN_TTL',
    'Endpoints', 'LICENSE_STATUSES', 'MAX_MIN_TTL',
    'ErrorBody', 'Field', 'Outcome', 'PingOneAuthenticationError', 'PingOneBadRequestError', 'PingOneClient', 'PingOneConnectionError',
    'PingOneDependencyError', 'PingOneError', 'PingOneForbiddenError', 'PingOneHTTPError', 'PingOneInputError', 'PingOneNotFoundError',
    'PingOneRateLimitedError', 'PingOneRedirectError', 'PingOneServerError', 'PingOneTLSError', 'PingOneTimeoutError',
    'PingOneUnexpectedResponseError', 'REGIONS', 'Region', 'ResourceKind', 'SECRET_MARKER', 'SubResource', 'Token', 'TokenSource',
    'Transport', 'TransportSettings', 'active_license_named', 'api_argument_spec', 'build_endpoints', 'build_token_request',
    'case_clash', 'compare', 'connect', 'connection_argument_spec', 'connection_settings', 'diff', 'differences', 'ensure', 'fail_module',
    'connection_values_from_variables',
    'find_by_name', 'get_path', 'is_uuid', 'list_licenses', 'lookup', 'lower', 'named', 'object_id', 'organization_id', 'refuse_empty',
    'Resolver',
    'request_token', 'require_uuid', 'resolve_region', 'reusable_token', 'scim_string', 'set_path', 'sorted_set', 'wait_until_visible',
    'reuse_decision', 'reuse_result', 'token_argument_spec', 'token_task_result',
    'KINDS', 'Kind', 'Problem', 'dependency_order', 'get_kind', 'validate_definition', 'writable_body',
    'ensure_object', 'list_objects', 'object_kind_names',
    'check_children', 'reconcile_children',
    'IDP_TYPES', 'check_identity_provider', 'check_resource', 'ensure_identity_provider', 'ensure_resource',
    'refuse_worker_credentials', 'token_client_id',
    'SIGN_ON_ACTION_TYPES', 'ensure_sign_on_policy',
    'APPLICATION_PROTOCOLS', 'application_kind', 'check_protocol_options', 'resolve_sp_certificates',
    'check_application_links', 'ensure_application_links',
    'apply_description', 'check_baseline', 'describe_kinds', 'CONFIG_KINDS', 'export_description', 'export_kinds', 'EXPORT_INCLUDE_CHOICES',
    'POPULATION_OPTIONS', 'check_population', 'ensure_population', 'GROUP_OPTIONS', 'check_group', 'ensure_group',
    'SINGLE_USER_OPTIONS', 'USER_ITEM_OPTIONS', 'USER_MODULE_OPTIONS', 'USER_TASK_OPTIONS', 'check_user', 'ensure_user', 'ensure_users',
    'APPLICATION_OPTIONS', 'check_application', 'ensure_application_task',
    'ROLE_ASSIGNMENT_OPTIONS', 'ROLE_ASSIGNMENT_SUBJECT_OPTIONS', 'check_role_assignment', 'ensure_role_assignment',
    'EXPORT_DEFAULT_KINDS', 'EXPORT_KINDS', 'check_description', 'compare_environment', 'export_environment', 'passwordless_warning',
]


def _export(name: str) -> Any:
    """Import an exported name from its part the first time it is used (the module's __getattr__, PEP 562)."""
    try:
        part, attribute = _PARTS[name]
    except KeyError:
        raise AttributeError('module %r has no attribute %r' % (__name__, name)) from None
    value = getattr(importlib.import_module('%s.%s' % (_PACKAGE, part)), attribute)
    globals()[name] = value
    return value


__getattr__ = _export


def fail_module(module, error: PingOneError, **extra: Any) -> NoReturn:
    """The one place a PingOneError becomes ``fail_json``: its sentence as ``msg``, its fields as keys."""
    if isinstance(error, _export('PingOneDependencyError')):
        module.fail_json(msg=missing_required_lib(error.library, reason=error.purpose), **extra)
    result = error.to_result()
    result.update((key, value) for key, value in extra.items() if key not in result)
    module.fail_json(**result)
