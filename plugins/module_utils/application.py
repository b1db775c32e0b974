# -*- coding: utf-8 -*-
# Copyright: (c) 2026, pingone.platform maintainers
# GNU General Public License v3.0+ (see LICENSE or https://www.gnu.org/licenses/gpl-3.0.txt)
"""One application as pingone_application manages it, with its secret and its linked lists (sign-on policies, resource
grants, attribute mappings): the options, the check before any request, and the writes.

Shared by the module and by config_legacy_apply, which applies a description's applications in one process.
"""

from __future__ import annotations

from typing import Any, Callable, Dict, Optional

from ansible_collections.pingone.platform.plugins.module_utils.api import PingOneClient
from ansible_collections.pingone.platform.plugins.module_utils.application_links import check_links as check_application_links
from ansible_collections.pingone.platform.plugins.module_utils.application_links import ensure_application_links
from ansible_collections.pingone.platform.plugins.module_utils.engine import SECRET_MARKER, ensure, object_id
from ansible_collections.pingone.platform.plugins.module_utils.errors import PingOneInputError, PingOneUnexpectedResponseError
from ansible_collections.pingone.platform.plugins.module_utils.kinds import (
    APPLICATION_TYPES,
    GRANT_TYPES,
    PKCE_OPTIONS,
    RESPONSE_TYPES,
    TOKEN_AUTH_METHODS,
    ApplicationKind,
)
from ansible_collections.pingone.platform.plugins.module_utils.resolver import Resolver
from ansible_collections.pingone.platform.plugins.module_utils.saml_application import (
    APPLICATION_PROTOCOLS,
    application_kind,
    check_protocol_options,
    resolve_sp_certificates,
)

# pingone_application's own options (the connection's come from api_argument_spec).
APPLICATION_OPTIONS: Dict[str, Dict[str, Any]] = dict(
    target_environment_id=dict(type='str', required=True),
    name=dict(type='str', required=True),
    state=dict(type='str', choices=['present', 'absent'], default='present'),
    protocol=dict(type='str', choices=list(APPLICATION_PROTOCOLS), default='OPENID_CONNECT'),
    type=dict(type='str', choices=list(APPLICATION_TYPES)),
    enabled=dict(type='bool', default=True),
    description=dict(type='str'),
    redirect_uris=dict(type='list', elements='str'),
    post_logout_redirect_uris=dict(type='list', elements='str'),
    grant_types=dict(type='list', elements='str', choices=list(GRANT_TYPES)),
    response_types=dict(type='list', elements='str', choices=list(RESPONSE_TYPES)),
    token_endpoint_auth_method=dict(type='str', choices=list(TOKEN_AUTH_METHODS)),
    pkce_enforcement=dict(type='str', choices=list(PKCE_OPTIONS)),
    acs_urls=dict(type='list', elements='str'),
    sp_entity_id=dict(type='str'),
    assertion_duration=dict(type='int'),
    slo_endpoint=dict(type='str'),
    slo_response_endpoint=dict(type='str'),
    sp_verification_certificates=dict(type='list', elements='str'),
    name_id_format=dict(type='str'),
    assign_actor_roles=dict(type='bool', default=False),
    return_secret=dict(type='bool', default=False, no_log=False),
    rotate_secret=dict(type='bool', default=False, no_log=False),
    sign_on_policies=dict(type='list', elements='str'),
    resource_grants=dict(type='list', elements='dict', options=dict(
        resource=dict(type='str', required=True), scopes=dict(type='list', elements='str', required=True))),
    attribute_mappings=dict(type='list', elements='dict', options=dict(
        name=dict(type='str', required=True), value=dict(type='str', required=True), required=dict(type='bool'),
        oidc_scopes=dict(type='list', elements='str'), id_token=dict(type='bool'), userinfo=dict(type='bool'))),
)
# Fields of an application answer that may hold a secret: never returned as part of RV(application).
SECRET_FIELDS = ('clientSecret',)


def check_application(params):
    """Refuse what can be told wrong before any request."""
    if not (params['name'] or '').strip():
        raise PingOneInputError('name is empty: give the name of the application.', option='name')
    check_protocol_options(params)
    for option in ('redirect_uris', 'post_logout_redirect_uris'):
        empty = [index for index, uri in enumerate(params[option] or []) if not (uri or '').strip()]
        if empty:
            raise PingOneInputError('%s has an empty URI (item %s): list the URIs without empty items, or give [] for none.'
                                    % (option, ', '.join(str(index + 1) for index in empty)), option=option)
    if params['grant_types'] == []:
        raise PingOneInputError('grant_types is empty: an application needs at least one grant type; list them, or leave '
                                'grant_types unset for the default of its type.', option='grant_types')
    if params['state'] != 'absent':
        ApplicationKind.check_redirect_uris(params)
    if params['state'] == 'absent':
        for option in ('return_secret', 'rotate_secret'):
            if params[option]:
                raise PingOneInputError('%s is true with state absent: a deleted application has no secret; remove %s.'
                                        % (option, option), option=option)
    check_application_links(params)


def without_secrets(application):
    return {key: value for key, value in (application or {}).items() if key not in SECRET_FIELDS}


def read_secret(answer):
    secret = answer.get('secret') if isinstance(answer, dict) else None
    if not isinstance(secret, str) or not secret:
        raise PingOneUnexpectedResponseError('PingOne answered the request for the application secret without a secret: run the '
                                             'task again; if it persists, report it to Ping Identity support.')
    return secret


def ensure_application(client, env_id, params, check_mode, warn, resolver=None):
    """The application as the task wants it, then its secret: the module's result keys. ``resolver``: see ensure_application_task."""
    collection = ApplicationKind().collection(env_id)
    params = resolve_sp_certificates(client, env_id, params)
    outcome = ensure(client, application_kind(params['protocol']), collection, params, check_mode, warn, resolver=resolver)
    result = dict(changed=outcome.changed, application=without_secrets(outcome.object), diff=outcome.diff)
    if params['state'] != 'present' or not outcome.object.get('id'):
        return result   # deleted, absent, or (check mode) not created yet
    result['client_id'] = app_id = object_id(outcome.object, 'application')
    secret_path = '%s/%s/secret' % (collection, app_id)
    if params['rotate_secret'] and outcome.action != 'created':
        result['changed'] = True
        result['diff']['after']['client_secret'] = SECRET_MARKER
        if not check_mode:
            # The description gives this POST's body as application/json: {} (no previous secret kept) with that Content-Type.
            result['client_secret'] = read_secret(client.request('POST', secret_path, body={}).json)
    elif params['return_secret'] or params['rotate_secret']:
        result['client_secret'] = read_secret(client.get(secret_path))
    return result


def ensure_application_task(client: PingOneClient, env_id: str, params: Dict[str, Any], check_mode: bool,
                            warn: Callable[[str], None], resolver: Optional[Resolver] = None) -> Dict[str, Any]:
    """What the task does after its check: the application, its secret, then the lists it names; the module's result keys.

    ``resolver`` (of ``env_id``): a run's, which has the applications (and the lists the links name) read already and
    learns what is written; by default the application is looked up alone and the links have a resolver of their own."""
    return ensure_application_links(client, env_id, params, check_mode,
                                    lambda: ensure_application(client, env_id, params, check_mode, warn, resolver), resolver)
