#!/usr/bin/python
# -*- coding: utf-8 -*-
# Copyright: (c) 2026, pingone.platform maintainers
# GNU General Public License v3.0+ (see LICENSE or https://www.gnu.org/licenses/gpl-3.0.txt)

from __future__ import annotations

DOCUMENTATION = r'''
module: pingone_identity_provider
short_description: Create, update or delete an external identity provider in PingOne, by name
version_added: 0.2.0
description:
  - Makes sure an external identity provider (OpenID Connect, SAML or a social provider) named O(name) exists in the
    environment O(target_environment_id) with the settings given, or does not exist.
  - Reads before it writes; only the settings the task gives are managed, and running the same task twice changes
    nothing the second time.
  - The options map to PingOne's fields for the O(type), as Ping's API description gives them (for example O(client_id)
    is C(clientId), and C(appId) for V(FACEBOOK)). An option another type has (an OpenID Connect option on a V(SAML)
    provider) is refused before any request, naming it.
  - O(client_secret) is write-only; it is never read back, compared or shown. It is written when the provider is created,
    on every run with O(update_secret=always), and with any update of the provider (PingOne's update replaces the whole
    provider and requires the secret); the diff shows a marker in its place when it is written.
  - Built on the collection's kind registry (kinds C(identity_provider) and C(identity_provider_attribute)).
author:
  - pingone.platform maintainers (@pingone-ansible)
extends_documentation_fragment:
  - pingone.platform.connection
  - pingone.platform.connection.api
  - pingone.platform.attributes
options:
  target_environment_id:
    description:
      - ID of the environment that holds the identity provider.
    type: str
    required: true
  name:
    description:
      - The identity provider's name, unique in the environment and compared exactly.
    type: str
    required: true
  type:
    description:
      - The kind of identity provider. It cannot change after creation.
      - Required with O(state=present).
    type: str
    # BEGIN generated type-choices: edit IDP_TYPES and run tools/module_docs.py
    choices: [OPENID_CONNECT, SAML, GOOGLE, MICROSOFT, GITHUB, FACEBOOK, APPLE, LINKEDIN, AMAZON, PAYPAL, TWITTER,
              YAHOO]
    # END generated type-choices
  enabled:
    description:
      - Whether people can sign on through the provider. PingOne requires it on create.
    type: bool
  description:
    description:
      - The provider's description.
    type: str
  client_id:
    description:
      - The application ID at the provider (C(clientId); C(appId) for V(FACEBOOK)). Not for V(SAML).
      - Not the worker application's client ID (see the notes).
    type: str
  client_secret:
    description:
      - The application secret at the provider (C(clientSecret); C(appSecret) for V(FACEBOOK); the signing key,
        C(clientSecretSigningKey), for V(APPLE)). Not for V(SAML).
      - Never read back, compared or shown; written as O(update_secret) says.
    type: str
  update_secret:
    description:
      - V(on_create) writes O(client_secret) when the provider is created, and with an update that changes another
        setting (PingOne's update requires it); a changed secret alone is not noticed (it is never read back).
        V(always) writes it on every run (and reports C(changed)).
    type: str
    choices: [on_create, always]
    default: on_create
  registration_population:
    description:
      - The name of the population that people signing on for the first time through the provider are registered in.
        A name that matches no population is refused after the read, before any write.
    type: str
  issuer:
    description: OPENID_CONNECT only. The provider's issuer URL.
    type: str
  authorization_endpoint:
    description: OPENID_CONNECT only. The provider's authorization endpoint.
    type: str
  token_endpoint:
    description: OPENID_CONNECT only. The provider's token endpoint.
    type: str
  userinfo_endpoint:
    description: OPENID_CONNECT only. The provider's userinfo endpoint (C(userInfoEndpoint)).
    type: str
  jwks_endpoint:
    description: OPENID_CONNECT only. The provider's JWKS endpoint.
    type: str
  scopes:
    description:
      - OPENID_CONNECT only. The scopes PingOne requests from the provider, such as V([openid, profile]).
      - In this module, O(scopes) are the provider's; the connection option of that name (the scopes of the module's
        token) is not available, and the token is requested without scopes (a worker token).
    type: list
    elements: str
  token_endpoint_auth_method:
    description: OPENID_CONNECT only. How PingOne authenticates at the provider's token endpoint.
    type: str
    choices: [CLIENT_SECRET_BASIC, CLIENT_SECRET_POST, NONE]
  idp_entity_id:
    description: SAML only. The provider's entity ID.
    type: str
  sp_entity_id:
    description: SAML only. PingOne's entity ID at the provider (PingOne requires it on create).
    type: str
  sso_endpoint:
    description: SAML only. The provider's single sign-on endpoint.
    type: str
  sso_binding:
    description: SAML only. The binding of the single sign-on request.
    type: str
    choices: [HTTP_POST, HTTP_REDIRECT]
  verification_certificates:
    description:
      - SAML only. The certificates that verify the provider's signatures (C(idpVerification.certificates)), by name or ID, in the
        environment's certificates. A name that matches no certificate is refused after the read, before any write.
    type: list
    elements: str
  settings:
    description:
      - Any other field of the provider's type in PingOne's names (such as C(teamId) and C(keyId) for V(APPLE),
        C(tenantId) for V(MICROSOFT), C(clientEnvironment) for V(PAYPAL)), checked against Ping's description.
    type: dict
  attribute_mappings:
    description:
      - How the provider's attributes fill the user's. Given, the custom mappings end as listed; the core C(username)
        mapping PingOne makes is adopted (its value updated when listed, never created or deleted).
    type: list
    elements: dict
    suboptions:
      name:
        description: The user attribute, such as C(email).
        type: str
        required: true
      value:
        description: The expression of the provider's attributes, such as C(${providerAttributes.email}).
        type: str
        required: true
      update:
        description:
          - V(EMPTY_ONLY) fills the attribute only when empty; V(ALWAYS) on every sign-on.
          - The core C(username) mapping's is V(EMPTY_ONLY) and cannot change; another value for it is refused before any request.
        type: str
        choices: [EMPTY_ONLY, ALWAYS]
        default: EMPTY_ONLY
  state:
    description:
      - V(present) creates or updates the provider; V(absent) deletes it.
    type: str
    choices: [present, absent]
    default: present
attributes:
  check_mode:
    details: The provider, its mappings and the population are read; nothing is written.
  diff_mode:
    details: The diff shows the settings given in PingOne's names; the secret only as a marker, when it is written.
seealso:
  - module: pingone.platform.pingone_object
notes:
  - The collection's C(docs/resources-and-identity-providers.md) describes the module with examples.
  - In this module O(client_id), O(client_secret) and O(scopes) are the identity provider's, so the connection options of
    those names are not available. The module authenticates with O(access_token) (for example from
    M(pingone.platform.pingone_token)), or with the worker application's credentials from the E(PINGONE_CLIENT_ID) and
    E(PINGONE_CLIENT_SECRET) environment variables; its token is requested without scopes.
  - The C(client_id), C(client_secret) and C(scopes) that C(module_defaults) give the whole C(group/pingone.platform.pingone)
    are the worker application's; the module's action plugin leaves them out of the provider's options (a value given for
    this module by its own name in C(module_defaults), or in the task, is kept). The module also refuses, before any
    write, a O(client_id) equal to the worker application's own (the token's C(client_id) claim, or E(PINGONE_CLIENT_ID))
    and a O(client_secret) equal to E(PINGONE_CLIENT_SECRET).
'''

EXAMPLES = r'''
- name: Corporate login through OpenID Connect, its secret from a vault variable
  pingone.platform.pingone_identity_provider:
    target_environment_id: "{{ environment_id }}"
    name: Corporate login
    type: OPENID_CONNECT
    enabled: true
    client_id: pingone-login
    client_secret: "{{ vault_idp_client_secret }}"
    issuer: https://idp.example.com
    authorization_endpoint: https://idp.example.com/authorize
    token_endpoint: https://idp.example.com/token
    jwks_endpoint: https://idp.example.com/jwks
    scopes: [openid, profile, email]
    token_endpoint_auth_method: CLIENT_SECRET_BASIC
    registration_population: Employees
    attribute_mappings:
      - {name: email, value: "${providerAttributes.email}", update: ALWAYS}
    access_token: "{{ token.access_token }}"
'''

RETURN = r'''
identity_provider:
  description:
    - The identity provider as PingOne returned it after the task, without its secret, with its C(attribute_mappings)
      when the task gives them.
    - In check mode, as it is now; V({}) when it would be created. After a delete, as it was last; V({}) when there was none.
  returned: success
  type: dict
  sample: {"id": "5f8d4a6c-1b7e-4c9f-3a2b-4e5f6a7b8c93", "name": "Corporate login", "type": "OPENID_CONNECT", "enabled": true}
diff:
  description: The settings given in PingOne's names, before and after; V({}) stands for no provider; a written secret as a marker.
  returned: success
  type: dict
  sample: {"before": {}, "after": {"name": "Corporate login", "clientSecret": "(set by this task)"}}
# BEGIN generated failure-keys: edit FAILURE_KEYS and run tools/module_docs.py
url:
  description: The URL of the request that failed.
  returned: failure, when a request was sent
  type: str
  sample: https://api.pingone.eu/v1/environments/0b9e8d7c-6a5f-4e3d-8c2b-7a6f5e4d3c2b/identityProviders
status:
  description: HTTP status of the failed answer.
  returned: failure, when an answer came
  type: int
  sample: 400
error:
  description: The error code PingOne sent, such as the platform API's C(INVALID_DATA), C(NOT_FOUND) or
    C(ACCESS_FAILED), or the token endpoint's OAuth C(invalid_client).
  returned: failure, when PingOne sent one
  type: str
  sample: INVALID_DATA
error_description:
  description: PingOne's error message (the platform API's C(message), the token endpoint's C(error_description)),
    without the correlation ID.
  returned: failure, when PingOne sent one
  type: str
  sample: The request could not be completed. One or more validation errors were in the request.
details:
  description: PingOne's C(details) of the error, one entry per problem, each with C(code), C(target), C(message) and
    maybe C(innerError).
  returned: failure, when PingOne sent them
  type: list
  elements: dict
  sample: [{"code": "INVALID_VALUE", "target": "issuer", "message": "must be a URL"}]
correlation_id:
  description: PingOne's correlation ID of the failed request (the C(id) of its error answer); give it to Ping Identity
    support.
  returned: failure, when PingOne sent one
  type: str
  sample: 6f1a0d9e-0c1b-4c1e-9d7a-1b2c3d4e5f60
option:
  description: The option whose value was refused, before any write was sent.
  returned: failure, on bad input
  type: str
  sample: issuer
# END generated failure-keys
'''


from ansible.module_utils.basic import AnsibleModule

from ansible_collections.pingone.platform.plugins.module_utils.pingone import (
    IDP_TYPES,
    check_identity_provider,
    ensure_identity_provider,
    refuse_worker_credentials,
    token_client_id,
    PingOneError,
    api_argument_spec,
    connect,
    connection_values_from_variables,
    fail_module,
    require_uuid,
)


def main():
    module = AnsibleModule(
        argument_spec=api_argument_spec(
            target_environment_id=dict(type='str', required=True),
            name=dict(type='str', required=True),
            type=dict(type='str', choices=list(IDP_TYPES)),
            enabled=dict(type='bool'),
            description=dict(type='str'),
            client_id=dict(type='str'),
            client_secret=dict(type='str', no_log=True),
            update_secret=dict(type='str', choices=['on_create', 'always'], default='on_create'),
            registration_population=dict(type='str'),
            issuer=dict(type='str'),
            authorization_endpoint=dict(type='str'),
            token_endpoint=dict(type='str', no_log=False),
            userinfo_endpoint=dict(type='str'),
            jwks_endpoint=dict(type='str'),
            scopes=dict(type='list', elements='str'),
            token_endpoint_auth_method=dict(type='str', choices=['CLIENT_SECRET_BASIC', 'CLIENT_SECRET_POST', 'NONE']),
            idp_entity_id=dict(type='str'),
            sp_entity_id=dict(type='str'),
            sso_endpoint=dict(type='str'),
            sso_binding=dict(type='str', choices=['HTTP_POST', 'HTTP_REDIRECT']),
            verification_certificates=dict(type='list', elements='str'),
            settings=dict(type='dict'),
            attribute_mappings=dict(type='list', elements='dict', options=dict(
                name=dict(type='str', required=True), value=dict(type='str', required=True),
                update=dict(type='str', choices=['EMPTY_ONLY', 'ALWAYS'], default='EMPTY_ONLY'))),
            state=dict(type='str', choices=['present', 'absent'], default='present'),
        ),
        required_if=[('state', 'present', ('type',))],
        supports_check_mode=True,
    )
    try:
        env_id = require_uuid(module.params['target_environment_id'], 'target_environment_id',
                              'the ID of the environment that holds the identity provider')
        params = module.params
        if params['state'] == 'present':
            check_identity_provider(params)   # bad input is refused before the token is requested
        # client_id, client_secret and scopes are the provider's: the connection takes the worker application's from
        # PINGONE_* (or access_token); the action plugin keeps the pingone group's module_defaults out of them.
        worker = connection_values_from_variables(('client_id', 'client_secret'))
        client, _settings = connect(module, shadowed=dict(worker, scopes=None))   # a worker token: no scopes
        with client:
            if params['state'] == 'present':
                refuse_worker_credentials(params, [worker['client_id'], token_client_id(client.access_token())], worker['client_secret'])
            outcome = ensure_identity_provider(client, env_id, params, module.check_mode, module.warn)
    except PingOneError as error:
        fail_module(module, error)
    module.exit_json(changed=outcome.changed, identity_provider=outcome.object, diff=outcome.diff)


if __name__ == '__main__':
    main()
