# -*- coding: utf-8 -*-
# Copyright: (c) 2026, pingone.platform maintainers
# GNU General Public License v3.0+ (see LICENSE or https://www.gnu.org/licenses/gpl-3.0.txt)
"""SAML applications of ``pingone_application``: which options belong to which protocol, the checks made
before any request, the names of verification certificates, and the kind (``SamlApplicationKind``).

From Ping's management description (``ApplicationSAML``): ``acsUrls`` (the first is the default; at least
one), ``spEntityId`` (unique in the environment) and ``assertionDuration`` are required; the SP's signature
is verified with ``spVerification.certificates[].id``, certificates uploaded to the environment
(``/environments/{environmentID}/certificates``: public certificates, where ``/keys`` are PingOne's own key
pairs). A SAML application has no client secret (``ApplicationSecret`` authenticates to the authorization
server), no redirect URIs and no grant types.
"""

from __future__ import annotations

import functools
from typing import Any, Dict, List, Mapping, Optional, Tuple

from ansible_collections.pingone.platform.plugins.module_utils import kind_schema
from ansible_collections.pingone.platform.plugins.module_utils.api import PingOneClient
from ansible_collections.pingone.platform.plugins.module_utils.engine import Field, ResourceKind, get_path, lower
from ansible_collections.pingone.platform.plugins.module_utils.errors import PingOneInputError
from ansible_collections.pingone.platform.plugins.module_utils.kinds import OIDC, SAML, ApplicationKind, uri_problem
from ansible_collections.pingone.platform.plugins.module_utils.resolver import CERTIFICATES, Resolver

APPLICATION_PROTOCOLS = (OIDC, SAML)
# Ping's description ties no type to a protocol; Ping's Terraform provider gives a SAML application WEB_APP
# (its default) or CUSTOM_APP. Of the types this module knows, WEB_APP; an existing CUSTOM_APP is managed as it is.
SAML_TYPES = ('WEB_APP',)
SAML_OPTIONS = ('acs_urls', 'sp_entity_id', 'assertion_duration', 'slo_endpoint', 'slo_response_endpoint',
                'sp_verification_certificates', 'name_id_format')
OIDC_OPTIONS = ('redirect_uris', 'post_logout_redirect_uris', 'grant_types', 'response_types', 'token_endpoint_auth_method',
                'pkce_enforcement')
# Flags (false by default) of OpenID Connect applications only: a SAML application has no client secret, and
# ApplicationSAML has no assignActorRoles.
OIDC_FLAGS = ('return_secret', 'rotate_secret', 'assign_actor_roles')
SAML_REQUIRED = ('acs_urls', 'sp_entity_id', 'assertion_duration')   # required in ApplicationSAML


def certificate_ids(values: Any) -> Optional[List[str]]:
    """Certificate ids compared as a set: from PingOne's ``[{id}]`` or the task's (resolved) ids."""
    if values is None:
        return None
    return sorted({lower(value.get('id') if isinstance(value, Mapping) else value) for value in values})


SAML_FIELDS = (
    Field('acs_urls', 'acsUrls', normalize=list, absent=[]),   # in order: the first URL is the default
    Field('sp_entity_id', 'spEntityId'),
    Field('assertion_duration', 'assertionDuration'),
    Field('slo_endpoint', 'sloEndpoint', absent=''),
    Field('slo_response_endpoint', 'sloResponseEndpoint', absent=''),
    Field('sp_verification_certificates', 'spVerification.certificates', normalize=certificate_ids, absent=[]),
    Field('name_id_format', 'nameIdFormat', absent=''),
)


# --- before any request ----------------------------------------------------------------------------------
def check_protocol_options(params: Mapping[str, Any]) -> None:
    """Refuse the options of the other protocol, and SAML values PingOne would refuse, naming the option."""
    if params.get('protocol', OIDC) != SAML:
        given = [option for option in SAML_OPTIONS if params.get(option) is not None]
        if given:
            raise PingOneInputError('%s is an option of SAML applications, and protocol is %s: set protocol to SAML for a SAML '
                                    'application, or remove %s.' % (given[0], params.get('protocol', OIDC), given[0]), option=given[0])
        return
    given = [option for option in OIDC_OPTIONS if params.get(option) is not None] + [option for option in OIDC_FLAGS if params.get(option)]
    if given:
        raise PingOneInputError('%s is an option of OpenID Connect applications, and protocol is SAML (a SAML application has no redirect '
                                'URIs, grant types or client secret): remove %s.' % (given[0], given[0]), option=given[0])
    if params.get('type') not in (None,) + SAML_TYPES:
        raise PingOneInputError('type %s is not a type of SAML application: set type to %s, or leave it unset.'
                                % (params['type'], ' or '.join(SAML_TYPES)), option='type')
    check_saml_values(params)


def check_saml_values(params: Mapping[str, Any]) -> None:
    acs_urls = params.get('acs_urls')
    if acs_urls == []:
        raise PingOneInputError('acs_urls is empty: a SAML application needs at least one Assertion Consumer Service URL (the first '
                                'is the default); list them, or leave acs_urls unset to keep those it has.', option='acs_urls')
    for index, url in enumerate(acs_urls or []):
        problem = uri_problem(url or '', 'acs_urls')
        if problem:
            raise PingOneInputError('acs_urls item %d (%r) %s: give the whole URL, such as https://app.example.com/saml/acs.'
                                    % (index + 1, url, problem), option='acs_urls')
    for option in ('slo_endpoint', 'slo_response_endpoint'):
        problem = uri_problem(params[option], option) if params.get(option) else None
        if problem:
            raise PingOneInputError('%s (%r) %s: give the whole URL, such as https://app.example.com/saml/slo, or "" to remove it.'
                                    % (option, params[option], problem), option=option)
    if params.get('sp_entity_id') is not None and not params['sp_entity_id'].strip():
        raise PingOneInputError('sp_entity_id is empty: give the entity ID of the service provider (from its SAML metadata).',
                                option='sp_entity_id')
    duration = params.get('assertion_duration')
    if duration is not None and duration < 1:
        raise PingOneInputError('assertion_duration is %d: give how long an assertion is valid, in seconds (1 or more).' % duration,
                                option='assertion_duration')
    if any(not (item or '').strip() for item in params.get('sp_verification_certificates') or []):
        raise PingOneInputError('sp_verification_certificates has an empty item: list certificate names or ids, or give [] for none.',
                                option='sp_verification_certificates')


# --- names to ids, before any write -------------------------------------------------------------------------
def resolve_sp_certificates(client: PingOneClient, env_id: str, params: Mapping[str, Any]) -> Mapping[str, Any]:
    """``params`` with ``sp_verification_certificates`` as ids: a UUID is taken as it is, a name is looked up among the
    environment's certificates (read once, only when a name is given)."""
    given = params.get('sp_verification_certificates')
    if params.get('protocol') != SAML or params.get('state') == 'absent' or not given:
        return params
    ids = Resolver(client, env_id).ids(CERTIFICATES % env_id, given, 'certificate', 'sp_verification_certificates')
    return dict(params, sp_verification_certificates=ids)


# --- the kind -------------------------------------------------------------------------------------------------
@functools.lru_cache(maxsize=None)
def saml_keeps() -> Tuple[str, ...]:
    """The writable fields of ApplicationSAML this module does not manage: a full PUT sends them back as they are."""
    managed = {'name'} | {spec.api.split('.')[0] for spec in SamlApplicationKind.fields}
    properties = kind_schema.schema('management', 'ApplicationSAML')['properties']
    return tuple(sorted(name for name, node in properties.items()
                        if name not in managed and not kind_schema.resolve('management', node).get('readOnly')))


class SamlApplicationKind(ApplicationKind):
    """A SAML application, found by name as an OpenID Connect one is (``ApplicationKind.pick``)."""
    protocol = SAML
    fields = tuple(spec for spec in ApplicationKind.fields if spec.option in ('type', 'enabled', 'description')) + SAML_FIELDS

    @property
    def put_keeps(self):   # from Ping's description, read on first use
        return saml_keeps()

    def create_body(self, wanted, params):
        missing = [option for option in SAML_REQUIRED if wanted.get(option) is None]
        if missing:
            raise PingOneInputError('Application %r does not exist, and PingOne needs %s to create a SAML application: set %s.'
                                    % (wanted['name'], ', '.join(SAML_REQUIRED), ' and '.join(missing)), option=missing[0])
        body = ResourceKind.create_body(self, dict(wanted, type=wanted.get('type') or SAML_TYPES[0]), params)
        return with_sp_verification(body, {})

    def create_defaults(self, body, params):
        return {'protocol': SAML}

    def check_changes(self, current, changes):
        ResourceKind.check_changes(self, current, changes)   # type; no grant types or redirect URIs here

    def replace_body(self, current, changes):
        # A full PUT of ApplicationSAML: the managed fields (ResourceKind), the rest as PingOne has it, never readOnly fields.
        body = with_sp_verification(ResourceKind.replace_body(self, current, changes), current)
        body.setdefault('protocol', SAML)
        return body


def with_sp_verification(body: Dict[str, Any], current: Mapping[str, Any]) -> Dict[str, Any]:
    """``body`` with ``spVerification.certificates`` as PingOne takes it (``[{id}]``), keeping what else the application
    has in ``spVerification`` (``authnRequestSigned``); left out when there are no certificates and it had none."""
    ids = get_path(body, 'spVerification.certificates')
    if ids is None:
        return body
    had = dict(current.get('spVerification') or {})
    if ids or had:
        body['spVerification'] = dict(had, certificates=[{'id': item} for item in ids])
    else:
        del body['spVerification']
    return body


def application_kind(protocol: str = OIDC) -> ApplicationKind:
    """The kind of the application a task asks for, by its ``protocol``."""
    return SamlApplicationKind() if protocol == SAML else ApplicationKind()
