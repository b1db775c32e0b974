# -*- coding: utf-8 -*-
# Copyright: (c) 2026, pingone.platform maintainers
# GNU General Public License v3.0+ (see LICENSE or https://www.gnu.org/licenses/gpl-3.0.txt)
"""Dedicated modules declared on the registry: options named for people, mapped to a kind's fields.

``ensure_resource`` is ``pingone_resource``: the ``resource`` kind through ``ObjectTask`` (what
``pingone_object`` does), its ``resource_scope`` and ``resource_attribute`` children through
``children.reconcile_children``.
"""

from __future__ import annotations

import base64
import json
from typing import Any, Callable, Dict, List, Mapping, Optional, Tuple

from ansible_collections.pingone.platform.plugins.module_utils import registry
from ansible_collections.pingone.platform.plugins.module_utils.api import PingOneClient
from ansible_collections.pingone.platform.plugins.module_utils.children import check_children, reconcile_children
from ansible_collections.pingone.platform.plugins.module_utils.engine import Outcome
from ansible_collections.pingone.platform.plugins.module_utils.errors import NOTHING_SENT, NOTHING_WRITTEN, PingOneInputError
from ansible_collections.pingone.platform.plugins.module_utils.objects import ObjectTask
from ansible_collections.pingone.platform.plugins.module_utils.resolver import CERTIFICATES, Resolver

# pingone_resource's options -> the resource kind's fields (Ping's description, schema Resource).
RESOURCE_FIELDS = {'description': 'description', 'audience': 'audience', 'access_token_validity_seconds': 'accessTokenValiditySeconds'}


def _items(given: List[Mapping[str, Any]], fields: Mapping[str, str]) -> List[Dict[str, Any]]:
    return [{fields[option]: value for option, value in item.items() if value is not None and option in fields} for item in given]


# What check_resource returns: the resource's definition, its scopes and its attributes (None: not given).
ResourceInput = Tuple[Dict[str, Any], Optional[List[Dict[str, Any]]], Optional[List[Dict[str, Any]]]]
# What check_identity_provider returns: the definition, the secrets and the attribute mappings (None: not given).
IdentityProviderInput = Tuple[Dict[str, Any], Dict[str, Any], Optional[List[Dict[str, Any]]]]


def check_resource(params: Mapping[str, Any]) -> ResourceInput:
    """pingone_resource's options as the kinds' fields (resource, scopes, attributes), or PingOneInputError before any request."""
    name = params['name']
    if name in registry.get_kind('resource').built_ins:
        raise PingOneInputError('%r is one of PingOne\'s own resources, which this module does not manage; an application is granted '
                                'its scopes with the resource_grants option of pingone.platform.pingone_application.' % name,
                                option='name')
    definition = {field: params[option] for option, field in RESOURCE_FIELDS.items() if params.get(option) is not None}
    definition['type'] = 'CUSTOM'
    scopes = _items(params['scopes'], {'name': 'name', 'description': 'description'}) if params.get('scopes') is not None else None
    attributes = _items(params['attributes'], {'name': 'name', 'value': 'value'}) if params.get('attributes') is not None else None
    if scopes is not None:
        check_children('resource_scope', scopes, 'scopes')
    if attributes is not None:
        check_children('resource_attribute', attributes, 'attributes')
    return definition, scopes, attributes


def ensure_resource(client: PingOneClient, env_id: str, params: Mapping[str, Any], check_mode: bool,
                    checked: Optional[ResourceInput] = None) -> Outcome:
    """Make one custom resource (``params`` are pingone_resource's options) and, when given, exactly its scopes and attributes.

    ``checked``: what ``check_resource(params)`` returned, when the module called it already (before connecting)."""
    name = params['name']
    kind = registry.get_kind('resource')
    present = params.get('state', 'present') != 'absent'
    definition, scopes, attributes = checked if checked is not None else check_resource(params)
    task = ObjectTask(client, env_id, {'kind': 'resource', 'name': name, 'definition': definition,
                                       'state': params.get('state', 'present')}, lambda message: None)   # validated strictly: no warning
    outcome = task.run(check_mode)
    if not present:
        return outcome
    resource = outcome.object
    resource_id = resource.get('id') if resource else None
    changed, before, after = outcome.changed, dict(outcome.diff['before']), dict(outcome.diff['after'])
    for option, kind_name, wanted in (('scopes', 'resource_scope', scopes), ('attributes', 'resource_attribute', attributes)):
        if wanted is None:
            if option == 'scopes' and resource_id:
                resource = dict(resource, scopes=[item for item in client.paginate(
                    registry.get_kind('resource_scope').collection_for(env_id, resource_id)) if isinstance(item, dict)])
            continue
        # A resource just made has no scopes yet (its attributes: PingOne's core ones, so they are read).
        fresh = outcome.action == 'created' and kind_name == 'resource_scope'
        child_changed, child_before, child_after, result = reconcile_children(client, env_id, kind_name, resource_id, wanted,
                                                                              check_mode, fresh=fresh)
        changed = changed or child_changed
        if before or outcome.action != 'created':
            before[option] = child_before
        after[option] = child_after
        if resource:
            resource = dict(resource, **{option: result})
    if resource and 'scopes' not in resource:
        resource = dict(resource, scopes=[])
    if params.get('return_secret') and resource_id and not check_mode:
        resource = dict(resource, secret=(client.get('%s/%s/secret' % (kind.collection_for(env_id), resource_id)) or {}).get('secret'))
    action = outcome.action if outcome.changed or not changed else 'updated'
    return Outcome(changed, resource or {}, {'before': before, 'after': after}, action)


# pingone_identity_provider's options -> the identity_provider kind's fields, per type (Ping's description: the
# schema IdentityProvider is one of IdentityProviderOIDC, IdentityProviderSAML, IdentityProviderClientIDClientSecret,
# IdentityProviderFacebook (appId, appSecret), IdentityProviderApple (clientSecretSigningKey), IdentityProviderPaypal,
# IdentityProviderMicrosoft, picked by type).
IDP_TYPES = ('OPENID_CONNECT', 'SAML', 'GOOGLE', 'MICROSOFT', 'GITHUB', 'FACEBOOK', 'APPLE', 'LINKEDIN', 'AMAZON', 'PAYPAL', 'TWITTER', 'YAHOO')
IDP_COMMON = {'enabled': 'enabled', 'description': 'description'}
IDP_OIDC = {'issuer': 'issuer', 'authorization_endpoint': 'authorizationEndpoint', 'token_endpoint': 'tokenEndpoint',
            'userinfo_endpoint': 'userInfoEndpoint', 'jwks_endpoint': 'jwksEndpoint', 'scopes': 'scopes',
            'token_endpoint_auth_method': 'tokenEndpointAuthMethod'}
IDP_SAML = {'idp_entity_id': 'idpEntityId', 'sp_entity_id': 'spEntityId', 'sso_endpoint': 'ssoEndpoint', 'sso_binding': 'ssoBinding'}
# The CORE attribute mapping PingOne makes with every identity provider (EnumIdentityProviderAttributeMappingType: it cannot
# be removed, and its name and update cannot change; Ping's Terraform provider: username, update EMPTY_ONLY for every type).
CORE_MAPPING = 'username'
CORE_MAPPING_UPDATE = 'EMPTY_ONLY'
IDP_CLIENT_ID = {'FACEBOOK': 'appId', 'SAML': None}
IDP_CLIENT_SECRET = {'FACEBOOK': 'appSecret', 'APPLE': 'clientSecretSigningKey', 'SAML': None}


def _idp_options_for(idp_type: str) -> Dict[str, Optional[str]]:
    """option -> field for a type (None: the option does not apply to it)."""
    fields: Dict[str, Optional[str]] = dict(IDP_COMMON)
    fields['client_id'] = IDP_CLIENT_ID.get(idp_type, 'clientId')
    fields['client_secret'] = IDP_CLIENT_SECRET.get(idp_type, 'clientSecret')
    for option, field in IDP_OIDC.items():
        fields[option] = field if idp_type == 'OPENID_CONNECT' else None
    for option, field in IDP_SAML.items():
        fields[option] = field if idp_type == 'SAML' else None
    fields['verification_certificates'] = 'idpVerification.certificates' if idp_type == 'SAML' else None
    return fields


def check_identity_provider(params: Mapping[str, Any]) -> IdentityProviderInput:
    """pingone_identity_provider's options as the kind's fields: (definition, secrets, attribute mappings), or
    PingOneInputError naming the option before any request (an option another type has, a bad mapping)."""
    if params.get('state') == 'absent':
        return {}, {}, None   # found by name; the other options do not matter
    idp_type = params['type']
    fields = _idp_options_for(idp_type)
    definition: Dict[str, Any] = {'type': idp_type}
    secrets: Dict[str, Any] = {}
    for option, field in fields.items():
        value = params.get(option)
        if value is None:
            continue
        if field is None:
            kinds = 'OPENID_CONNECT' if option in IDP_OIDC else 'SAML' if option in IDP_SAML or option == 'verification_certificates' \
                else 'the types other than SAML'
            raise PingOneInputError('%s applies to identity providers of type %s, not %s: leave it unset.'
                                    % (option, kinds, idp_type), option=option, outcome=NOTHING_SENT)
        if option == 'client_secret':
            secrets[field] = value
        elif option == 'verification_certificates':
            definition['idpVerification'] = {'certificates': [{'id': item} for item in value]}
        else:
            definition[field] = value
    for field, value in (params.get('settings') or {}).items():
        if field in definition or field in secrets or field in ('name', 'type', 'registration') or field == fields['client_secret']:
            raise PingOneInputError('settings.%s is set by an option of its own (or cannot be set): give it there.'
                                    % field, option='settings', outcome=NOTHING_SENT)
        definition[field] = value
    problems = registry.validate('identity_provider', dict(definition, name=params['name']), False, prefix='settings')
    problems += registry.validate('identity_provider', dict(secrets, type=idp_type), False, prefix='client_secret')
    if problems:
        raise PingOneInputError(str(problems[0]), option=_idp_option(problems[0].path, fields), outcome=NOTHING_SENT)
    mappings = None
    if params.get('attribute_mappings') is not None:
        mappings = _items(params['attribute_mappings'], {'name': 'name', 'value': 'value', 'update': 'update'})
        check_children('identity_provider_attribute', mappings, 'attribute_mappings')
        for item in mappings:
            if item['name'] == CORE_MAPPING and item.get('update', CORE_MAPPING_UPDATE) != CORE_MAPPING_UPDATE:
                raise PingOneInputError('attribute_mappings lists %s with update %s: %s is the CORE mapping PingOne makes with every '
                                        'identity provider, and its update cannot change (it is %s; Ping\'s description: "The name and '
                                        'update properties cannot be changed"). Leave update out for %s; its value can change.'
                                        % (CORE_MAPPING, item['update'], CORE_MAPPING, CORE_MAPPING_UPDATE, CORE_MAPPING),
                                        option='attribute_mappings', outcome=NOTHING_SENT)
    return definition, secrets, mappings


def _idp_option(path: str, fields: Mapping[str, Optional[str]]) -> str:
    field = path.split('.', 1)[1].split('.')[0].split('[')[0] if '.' in path else path
    for option, known in fields.items():
        if known and known.split('.')[0] == field:
            return option
    return 'settings'


def token_client_id(token: str) -> Optional[str]:
    """The ``client_id`` claim of a PingOne access token (a JWT), read without verifying it; None when it is not one."""
    try:
        payload = token.split('.')[1]
        claims = json.loads(base64.urlsafe_b64decode(payload + '=' * (-len(payload) % 4)))
    except (IndexError, ValueError, TypeError):
        return None
    value = claims.get('client_id') if isinstance(claims, dict) else None
    return value if isinstance(value, str) else None


def refuse_worker_credentials(params: Mapping[str, Any], worker_client_ids: List[Optional[str]], worker_secret: Optional[str]) -> None:
    """client_id and client_secret of pingone_identity_provider are the external provider's, and share their names with the
    connection options: a worker application's credentials that reach them (module_defaults of the pingone group) are
    refused before any write, so the worker's secret is never stored in an identity provider."""
    if params.get('client_id') and params['client_id'] in [value for value in worker_client_ids if value]:
        raise PingOneInputError('client_id is the worker application\'s own client ID (the one this task authenticates with), not the '
                                'external provider\'s: give the provider\'s client_id in the task; client credentials in the '
                                'module_defaults of group/pingone.platform.pingone reach this module as the provider\'s.',
                                option='client_id', outcome=NOTHING_WRITTEN)
    if params.get('client_secret') and worker_secret and params['client_secret'] == worker_secret:
        raise PingOneInputError('client_secret is the worker application\'s own secret, not the external provider\'s: give the '
                                'provider\'s client_secret in the task; client credentials in the module_defaults of '
                                'group/pingone.platform.pingone reach this module as the provider\'s.',
                                option='client_secret', outcome=NOTHING_WRITTEN)


def ensure_identity_provider(client: PingOneClient, env_id: str, params: Mapping[str, Any], check_mode: bool,
                             warn: Callable[[str], None] = lambda message: None,
                             checked: Optional[IdentityProviderInput] = None) -> Outcome:
    """Make one external identity provider (``params`` are pingone_identity_provider's options) and, when given, its
    attribute mappings (the core ``username`` mapping adopted: updated when listed, never deleted).

    ``checked``: what ``check_identity_provider(params)`` returned, when the module called it already (before connecting).
    ``warn`` is never called (the definition is validated strictly); it stays for the module's call."""
    definition, secrets, mappings = checked if checked is not None else check_identity_provider(params)
    if params.get('state', 'present') != 'absent':
        definition = _with_certificate_ids(client, env_id, definition)
    task = ObjectTask(client, env_id, {'kind': 'identity_provider', 'name': params['name'], 'definition': definition,
                                       'secrets': secrets, 'update_secrets': params.get('update_secret') or 'on_create',
                                       'secret_options': {IDP_CLIENT_SECRET.get(params.get('type'), 'clientSecret'): 'client_secret'},
                                       'state': params.get('state', 'present')}, warn)
    if params.get('registration_population') and task.present:
        population = task.resolver.find(registry.get_kind('population'), None, params['registration_population'], 'registration_population')
        task.definition['registration'] = {'population': {'id': population['id']}}
    outcome = task.run(check_mode)
    if not task.present:
        return outcome
    provider = outcome.object
    provider_id = provider.get('id') if provider else None
    changed, before, after = outcome.changed, dict(outcome.diff['before']), dict(outcome.diff['after'])
    if params.get('registration_population'):
        for side in (before, after):
            if side and 'registration' in side:
                side['registration_population'] = params['registration_population'] if side is after else \
                    _population_name(task, get_population_id(side))
                side.pop('registration')
    if mappings is not None:
        wanted = [dict(item) for item in mappings]
        child_changed, child_before, child_after, result = reconcile_children(
            client, env_id, 'identity_provider_attribute', provider_id, wanted, check_mode)
        changed = changed or child_changed
        if outcome.action != 'created':
            before['attribute_mappings'] = child_before
        after['attribute_mappings'] = child_after
        if provider:
            provider = dict(provider, attribute_mappings=result)
    action = outcome.action if outcome.changed or not changed else 'updated'
    return Outcome(changed, provider or {}, {'before': before, 'after': after}, action)


def _with_certificate_ids(client: PingOneClient, env_id: str, definition: Dict[str, Any]) -> Dict[str, Any]:
    """``definition`` with ``idpVerification.certificates`` as ids (IdentityProviderSAML takes ``[{id}]``): an id is taken as it
    is, a name is looked up among the environment's certificates (read once, only when a name is given); a name that matches
    none is refused after the read, before any write."""
    given = [item['id'] for item in (definition.get('idpVerification') or {}).get('certificates') or []]
    if not given:
        return definition
    ids = Resolver(client, env_id).ids(CERTIFICATES % env_id, given, 'certificate', 'verification_certificates')
    return dict(definition, idpVerification=dict(definition['idpVerification'], certificates=[{'id': item} for item in ids]))


def get_population_id(side: Mapping[str, Any]) -> Optional[str]:
    return ((side.get('registration') or {}).get('population') or {}).get('id')


def _population_name(task: ObjectTask, population_id: Optional[str]) -> Optional[str]:
    if not population_id:
        return None
    kind = registry.get_kind('population')
    for item in task.resolver.items(task.resolver.collection(kind, None)):
        if isinstance(item, dict) and item.get('id') == population_id:
            return item.get('name')
    return population_id
