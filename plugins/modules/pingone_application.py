#!/usr/bin/python
# -*- coding: utf-8 -*-
# Copyright: (c) 2026, pingone.platform maintainers
# GNU General Public License v3.0+ (see LICENSE or https://www.gnu.org/licenses/gpl-3.0.txt)

from __future__ import annotations

DOCUMENTATION = r'''
module: pingone_application
short_description: Create, update or delete an OpenID Connect or SAML application in a PingOne environment, by name
version_added: 0.1.0
description:
  - Makes sure the OpenID Connect or SAML application (O(protocol)) with the name O(name) exists in the environment
    O(target_environment_id) with the settings given, or does not exist. It can also return an OpenID Connect
    application's client secret, or rotate it.
  - Reads before it writes. It looks the application up by name, creates it when it is missing, changes only
    the settings that differ and that the task sets, and reports C(changed) only when it wrote something.
  - A new application gets, for what the task does not set, the settings the PingOne console gives its type.
    V(WORKER) and V(SERVICE) get the grant type C(CLIENT_CREDENTIALS) and the token endpoint authentication
    method C(CLIENT_SECRET_BASIC). V(WEB_APP) gets C(AUTHORIZATION_CODE), the response type C(CODE) and
    C(CLIENT_SECRET_BASIC). V(SINGLE_PAGE_APP) and V(NATIVE_APP) get C(AUTHORIZATION_CODE), C(CODE), the method
    C(NONE) and PKCE enforcement C(S256_REQUIRED). So O(name), O(type) and, for an application that signs users
    on in a browser, O(redirect_uris) are enough.
  - An update is a full C(PUT) of the application, as PingOne requires. Settings this module does not manage
    (such as C(accessControl), C(corsSettings), C(signing), refresh token durations or C(jwks)) are sent back as
    they are; fields PingOne sets itself (C(id), C(createdAt), C(clientSecret)) are never sent.
  - A SAML application (O(protocol=SAML)) takes O(acs_urls), O(sp_entity_id), O(assertion_duration), O(slo_endpoint),
    O(slo_response_endpoint), O(sp_verification_certificates) and O(name_id_format); the options of OpenID Connect
    applications (O(redirect_uris), O(post_logout_redirect_uris), O(grant_types), O(response_types),
    O(token_endpoint_auth_method), O(pkce_enforcement), O(return_secret), O(rotate_secret), O(assign_actor_roles))
    are refused with it, and the SAML options without it, before any request. Its update is a full C(PUT) too; the
    SAML settings this module does not manage (such as C(idpSigning), C(spEncryption), C(assertionSigned) or
    C(sloBinding)) are sent back as they are.
  - An application's protocol cannot change, so an application of the name with the other protocol is refused,
    naming O(protocol), before anything is written.
  - PingOne's own applications (types such as C(PING_ONE_ADMIN_CONSOLE)) and WS-Federation or link
    applications are refused, not changed.
author:
  - pingone.platform maintainers (@pingone-ansible)
extends_documentation_fragment:
  - pingone.platform.connection
  - pingone.platform.connection.api
  - pingone.platform.attributes
options:
  target_environment_id:
    description:
      - ID of the environment that holds the application, for example RV(pingone.platform.pingone_environment#module:environment.id).
      - Not to be confused with O(environment_id), the environment of the worker application whose
        credentials get the token.
    type: str
    required: true
  name:
    description:
      - The application's name, compared exactly. An application whose name differs only in case is reported as
        an error instead of a second one being created, and two applications of the name are refused as ambiguous.
    type: str
    required: true
  state:
    description:
      - V(present) creates or updates the application; V(absent) deletes it.
    type: str
    choices: [present, absent]
    default: present
  protocol:
    description:
      - The application's protocol. It cannot change after the application is created, so an application of the
        name with the other protocol is refused (also with O(state=absent)).
      - V(OPENID_CONNECT) for an OpenID Connect (OAuth 2.0) application, V(SAML) for a SAML 2.0 service provider.
    type: str
    choices: [OPENID_CONNECT, SAML]
    default: OPENID_CONNECT
  type:
    description:
      - The kind of application. Needed to create one; it cannot change after it is created.
      - V(WORKER) is an application that calls PingOne's APIs with its own credentials (with the roles assigned to
        it), V(SERVICE) one that calls other APIs as itself, V(WEB_APP) a server-side web application,
        V(SINGLE_PAGE_APP) a browser application and V(NATIVE_APP) a mobile or desktop application.
      - A SAML application is a V(WEB_APP), which a new one gets when O(type) is not set; the other types are
        refused with O(protocol=SAML) before any request.
    type: str
    choices: [WORKER, WEB_APP, SINGLE_PAGE_APP, NATIVE_APP, SERVICE]
  enabled:
    description:
      - Whether the application may be used (to sign users on or to get tokens).
    type: bool
    default: true
  description:
    description:
      - The application's description. An empty string removes it. Left as it is when not set.
    type: str
  redirect_uris:
    description:
      - The URIs PingOne may send users back to after they sign on (C(redirectUris)), compared as a set.
      - An application with the grant type C(AUTHORIZATION_CODE) or C(IMPLICIT) needs at least one; a new
        V(WEB_APP), V(SINGLE_PAGE_APP) or V(NATIVE_APP) has C(AUTHORIZATION_CODE) unless O(grant_types) says otherwise.
      - Only those two grant types send a browser to a redirect URI, so redirect URIs without either are refused
        before any request. A V(WORKER) or V(SERVICE) gets only C(CLIENT_CREDENTIALS); to give one redirect URIs,
        list O(grant_types) with C(AUTHORIZATION_CODE) or C(IMPLICIT) in the same task. For an existing application
        whose O(grant_types) the task leaves alone, its own grant types decide, after it is read and before anything is written.
      - Each URI must be absolute, with a scheme (V(https://app.example.com/callback), or a native application's
        own scheme such as V(com.example.app:/callback)), without white space or a fragment (C(#...)); anything else is refused before any request.
      - Left as they are when not set; V([]) removes them.
    type: list
    elements: str
  post_logout_redirect_uris:
    description:
      - The URIs PingOne may send users to after they sign off (C(postLogoutRedirectUris)), compared as a set.
      - Absolute URIs, and only with the grant type C(AUTHORIZATION_CODE) or C(IMPLICIT), as for O(redirect_uris).
      - Left as they are when not set; V([]) removes them.
    type: list
    elements: str
  grant_types:
    description:
      - The OAuth grant types the application may use (C(grantTypes)), compared as a set.
      - Left as they are when not set; a new application gets the default of its O(type).
    type: list
    elements: str
    choices: [AUTHORIZATION_CODE, IMPLICIT, REFRESH_TOKEN, CLIENT_CREDENTIALS, DEVICE_CODE, TOKEN_EXCHANGE, CIBA]
  response_types:
    description:
      - The OAuth response types the application may ask for (C(responseTypes)), compared as a set.
      - Left as they are when not set; a new application whose grant types include C(AUTHORIZATION_CODE) gets C(CODE).
    type: list
    elements: str
    choices: [TOKEN, ID_TOKEN, CODE]
  token_endpoint_auth_method:
    description:
      - How the application authenticates at the token endpoint (C(tokenEndpointAuthMethod)).
      - Left as it is when not set; a new application gets the default of its O(type).
    type: str
    choices: [NONE, CLIENT_SECRET_BASIC, CLIENT_SECRET_POST, PRIVATE_KEY_JWT, CLIENT_SECRET_JWT]
  pkce_enforcement:
    description:
      - Whether the application must use PKCE with the authorization code grant (C(pkceEnforcement)).
      - Left as it is when not set; a new V(SINGLE_PAGE_APP) or V(NATIVE_APP) with C(AUTHORIZATION_CODE) gets V(S256_REQUIRED).
    type: str
    choices: [OPTIONAL, REQUIRED, S256_REQUIRED]
  acs_urls:
    description:
      - SAML only. The Assertion Consumer Service URLs of the service provider (C(acsUrls)), compared in order (the
        first is the default).
      - Needed to create a SAML application; at least one. Each must be an absolute URL (V(https://app.example.com/saml/acs)).
      - Left as they are when not set.
    type: list
    elements: str
  sp_entity_id:
    description:
      - SAML only. The entity ID of the service provider (C(spEntityId)), from its SAML metadata; PingOne finds the
        application by it, so it is unique in the environment.
      - Needed to create a SAML application. Left as it is when not set.
    type: str
  assertion_duration:
    description:
      - SAML only. How long an assertion is valid, in seconds (C(assertionDuration)); 1 or more.
      - Needed to create a SAML application. Left as it is when not set.
    type: int
  slo_endpoint:
    description:
      - SAML only. The service provider's single logout URL (C(sloEndpoint)); without one, a logout fails.
      - An absolute URL; an empty string removes it. Left as it is when not set.
    type: str
  slo_response_endpoint:
    description:
      - SAML only. The URL PingOne sends the logout response to (C(sloResponseEndpoint)); without one, O(slo_endpoint).
      - An absolute URL; an empty string removes it. Left as it is when not set.
    type: str
  sp_verification_certificates:
    description:
      - SAML only. The certificates that verify the service provider's signature (C(spVerification.certificates)),
        compared as a set; each is the name or the ID of a certificate uploaded to the environment (its certificates,
        not its key pairs). An ID (a UUID) is taken as it is; a name is looked up before anything is written, and a
        name the environment has no certificate of is refused, listing the names there are.
      - V([]) removes them. Left as they are when not set.
    type: list
    elements: str
  name_id_format:
    description:
      - SAML only. The format of the subject's NameID in the assertion (C(nameIdFormat)), such as
        V(urn:oasis:names:tc:SAML:1.1:nameid-format:emailAddress).
      - An empty string removes it. Left as it is when not set.
    type: str
  assign_actor_roles:
    description:
      - Whether PingOne gives a new application the roles of the actor that creates it (C(assignActorRoles)).
      - With V(false), a worker created here gets only the roles the playbook assigns it
        (M(pingone.platform.pingone_role_assignment)), not those of the worker whose token created it.
      - PingOne reads it only when the application is created; for an existing application it has no effect.
      - For OpenID Connect applications only; V(true) is refused with O(protocol=SAML).
    type: bool
    default: false
  return_secret:
    description:
      - Whether to return the application's client secret as RV(client_secret). Set C(no_log) on such a task.
      - Not allowed with O(state=absent), nor with O(protocol=SAML) (a SAML application has no client secret).
    type: bool
    default: false
  rotate_secret:
    description:
      - Whether to give the application a new client secret, returned as RV(client_secret). Set C(no_log) on such a task.
      - The old secret stops working at once. The task reports C(changed) every time it rotates.
      - A new application already has a fresh secret, so it is not rotated again in the task that creates it.
      - Not allowed with O(state=absent), nor with O(protocol=SAML).
    type: bool
    default: false
  sign_on_policies:
    description:
      - The names of the sign-on policies the application uses, in order (the first has priority 1), as
        C(signOnPolicyAssignments). Reordered in place, never two at one priority.
      - V([]) removes every assignment, so the environment's default sign-on policy applies. Left as they are when not set.
      - A name the environment does not have, or one listed twice, is refused before anything is written.
    type: list
    elements: str
  resource_grants:
    description:
      - The resources whose scopes the application may request, by name (C(grants)); PingOne's own resources
        V(openid) and V(PingOne API) included. With it, the application ends with exactly these grants, one per resource.
      - V([]) removes every grant. Left as they are when not set.
      - An unknown resource or scope name, or one listed twice, is refused before anything is written.
      - OpenID Connect only; refused with O(protocol=SAML) before any request.
    type: list
    elements: dict
    suboptions:
      resource:
        description:
          - The resource's name.
        type: str
        required: true
      scopes:
        description:
          - The names of its scopes the application is granted, compared as a set; at least one.
        type: list
        elements: str
        required: true
  attribute_mappings:
    description:
      - The claims the application's tokens carry (C(attributes)), by name. With it, the application ends with these
        mappings and the core ones PingOne makes itself (such as C(sub)), which are updated when listed, never created
        or deleted; the other mappings are deleted.
      - For a listed mapping, a suboption left unset is left as it is (a new mapping gets PingOne's default).
      - Left as they are when not set.
    type: list
    elements: dict
    suboptions:
      name:
        description:
          - The claim's name, unique in the application (C(name)). The names PingOne reserves (such as C(aud) or C(iss)) are refused.
        type: str
        required: true
      value:
        description:
          - An expression for its value (C(value)), such as V(${user.email}).
        type: str
        required: true
      required:
        description:
          - Whether a value is required (C(required)); a new mapping without it is not required.
        type: bool
      oidc_scopes:
        description:
          - The names of the V(openid) resource's scopes that alone carry the claim (C(oidcScopes)), such as V(email).
            PingOne takes only scopes granted to the application (O(resource_grants)) and refuses an empty list.
          - Unset, the claim comes with the C(openid) scope.
        type: list
        elements: str
      id_token:
        description:
          - Whether the claim is in the ID token (C(idToken)); PingOne's default is V(true).
        type: bool
      userinfo:
        description:
          - Whether the claim is in the userinfo answer (C(userInfo)); PingOne's default is V(true). It and
            O(attribute_mappings[].id_token) cannot both be V(false).
          - O(attribute_mappings[].oidc_scopes), O(attribute_mappings[].id_token) and this option are for OpenID
            Connect applications; with O(protocol=SAML) they are refused before any request.
        type: bool
attributes:
  check_mode:
    details: The applications are read, and with O(return_secret) the secret; nothing is written, and a rotation is
      reported as a change but not made.
  diff_mode:
    details: The diff compares name, type, enabled, description, redirect_uris, post_logout_redirect_uris, grant_types,
      response_types, token_endpoint_auth_method and pkce_enforcement; for a SAML application name, type, enabled,
      description and the SAML options (sp_verification_certificates as IDs). A rotated secret shows only as a marker.
      With O(sign_on_policies), O(resource_grants) or O(attribute_mappings), it shows those lists before and after, by names.
seealso:
  - module: pingone.platform.pingone_application_info
  - module: pingone.platform.pingone_role_assignment
  - module: pingone.platform.pingone_token
  - name: PingOne applications API
    description: The application resource and its secret.
    link: https://developer.pingidentity.com/pingone-api/platform/applications.html
notes:
  - The application's ID is its OAuth client ID (RV(client_id)).
  - Set C(no_log) on tasks with O(return_secret) or O(rotate_secret). The module never puts the secret in its
    message, warnings or diff, but RV(client_secret) is in its result, which Ansible shows with C(-v) and registers.
  - Applications whose O(token_endpoint_auth_method) is V(NONE) authenticate without a secret.
  - PingOne's SAML metadata of the application (its IdP side) is not read or returned here.
'''

EXAMPLES = r'''
- name: Create a worker application for automation, with no roles yet
  pingone.platform.pingone_application:
    target_environment_id: "{{ environment.environment.id }}"
    name: Automation worker
    type: WORKER
    return_secret: true
    access_token: "{{ token.access_token }}"
  register: worker
  no_log: true

- name: Create a web application
  pingone.platform.pingone_application:
    target_environment_id: "{{ environment.environment.id }}"
    name: Intranet
    type: WEB_APP
    redirect_uris:
      - https://intranet.example.com/callback
    post_logout_redirect_uris:
      - https://intranet.example.com/
    access_token: "{{ token.access_token }}"
  register: intranet

- name: Create a SAML application, its SP's signature verified with an uploaded certificate
  pingone.platform.pingone_application:
    target_environment_id: "{{ environment.environment.id }}"
    name: Expenses
    protocol: SAML
    acs_urls:
      - https://expenses.example.com/saml/acs
    sp_entity_id: https://expenses.example.com/saml
    assertion_duration: 300
    slo_endpoint: https://expenses.example.com/saml/slo
    name_id_format: urn:oasis:names:tc:SAML:1.1:nameid-format:emailAddress
    sp_verification_certificates:
      - Expenses SP signing
    access_token: "{{ token.access_token }}"
  register: expenses

- name: Give the web application its sign-on policies, grants and claims
  pingone.platform.pingone_application:
    target_environment_id: "{{ environment.environment.id }}"
    name: Intranet
    sign_on_policies: [Corporate MFA, Single_Factor]
    resource_grants:
      - resource: openid
        scopes: [openid, profile, email]
      - resource: Orders API
        scopes: ["orders:read"]
    attribute_mappings:
      - name: sub
        value: ${user.username}
      - name: email
        value: ${user.email}
        required: true
        oidc_scopes: [email]
    access_token: "{{ token.access_token }}"

- name: Rotate the worker's secret
  pingone.platform.pingone_application:
    target_environment_id: "{{ environment.environment.id }}"
    name: Automation worker
    rotate_secret: true
    access_token: "{{ token.access_token }}"
  register: rotated
  no_log: true

- name: Delete an application
  pingone.platform.pingone_application:
    target_environment_id: "{{ environment.environment.id }}"
    name: Old application
    state: absent
    access_token: "{{ token.access_token }}"
'''

RETURN = r'''
application:
  description:
    - The application as PingOne returned it after the task (never with a secret); after a delete, as it was last.
    - In check mode, the application as it is now; V({}) when it would be created.
    - V({}) when O(state=absent) and there was no application.
  returned: success
  type: dict
  contains:
    id:
      description: The application's ID, which is also its OAuth client ID.
      type: str
      sample: 4f3e2d1c-0b9a-4877-a6b5-c4d3e2f1a0b9
    name:
      description: Its name.
      type: str
      sample: Intranet
    type:
      description: Its type.
      type: str
      sample: WEB_APP
    protocol:
      description: Its protocol, C(OPENID_CONNECT) or C(SAML).
      type: str
      sample: OPENID_CONNECT
    enabled:
      description: Whether it may be used.
      type: bool
      sample: true
    grantTypes:
      description: Its grant types.
      type: list
      elements: str
      sample: [AUTHORIZATION_CODE]
    redirectUris:
      description: Its redirect URIs.
      type: list
      elements: str
      sample: [https://intranet.example.com/callback]
    tokenEndpointAuthMethod:
      description: How it authenticates at the token endpoint.
      type: str
      sample: CLIENT_SECRET_BASIC
    sign_on_policies:
      description: The names of its sign-on policies, in order; with O(sign_on_policies).
      returned: when O(sign_on_policies) is set
      type: list
      elements: str
      sample: [Corporate MFA, Single_Factor]
    resource_grants:
      description: Its grants, by resource name, each with the names of its scopes; with O(resource_grants).
      returned: when O(resource_grants) is set
      type: list
      elements: dict
      sample: [{"resource": "openid", "scopes": ["email", "openid", "profile"]}]
    attribute_mappings:
      description:
        - Its attribute mappings (the core ones included), with the suboptions of O(attribute_mappings) as keys and
          C(oidc_scopes) by names; with O(attribute_mappings).
      returned: when O(attribute_mappings) is set
      type: list
      elements: dict
      sample: [{"name": "sub", "value": "${user.id}", "required": true, "id_token": true, "userinfo": true}]
  sample:
    id: 4f3e2d1c-0b9a-4877-a6b5-c4d3e2f1a0b9
    name: Intranet
    type: WEB_APP
    protocol: OPENID_CONNECT
    enabled: true
    grantTypes: [AUTHORIZATION_CODE]
    responseTypes: [CODE]
    redirectUris: [https://intranet.example.com/callback]
    tokenEndpointAuthMethod: CLIENT_SECRET_BASIC
    environment: {"id": "0b9e8d7c-6a5f-4e3d-8c2b-7a6f5e4d3c2b"}
client_id:
  description: The application's ID; for an OpenID Connect application, its OAuth client ID.
  returned: when O(state=present) and the application exists (not in check mode when it would be created)
  type: str
  sample: 4f3e2d1c-0b9a-4877-a6b5-c4d3e2f1a0b9
client_secret:
  description:
    - The application's client secret; the new one when it was rotated. Set C(no_log) on the task.
  returned: with O(return_secret) or O(rotate_secret), when the application exists (not in check mode when it would be created or rotated)
  type: str
  sample: 0pV7dG~redacted~Xq
diff:
  description: What changed (or would change), as compared fields before and after; V({}) stands for no application.
  returned: success
  type: dict
  sample: {"before": {}, "after": {"name": "Intranet", "type": "WEB_APP", "enabled": true, "grant_types": ["AUTHORIZATION_CODE"]}}
# BEGIN generated failure-keys: edit FAILURE_KEYS and run tools/module_docs.py
url:
  description: The URL of the request that failed.
  returned: failure, when a request was sent
  type: str
  sample: https://api.pingone.eu/v1/environments/0b9e8d7c-6a5f-4e3d-8c2b-7a6f5e4d3c2b/applications
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
  sample: [{"code": "INVALID_VALUE", "target": "email", "message": "must be a well-formed email address"}]
correlation_id:
  description: PingOne's correlation ID of the failed request (the C(id) of its error answer); give it to Ping Identity
    support.
  returned: failure, when PingOne sent one
  type: str
  sample: 6f1a0d9e-0c1b-4c1e-9d7a-1b2c3d4e5f60
option:
  description: The option whose value was refused (some checks need a read first, such as O(name) naming one of
    PingOne's own applications, or O(protocol) differing from the existing application's).
  returned: failure, on bad input
  type: str
  sample: redirect_uris
# END generated failure-keys
'''

from ansible.module_utils.basic import AnsibleModule

from ansible_collections.pingone.platform.plugins.module_utils.pingone import (
    APPLICATION_OPTIONS,
    PingOneError,
    api_argument_spec,
    check_application,
    connect,
    ensure_application_task,
    fail_module,
    require_uuid,
)


def main():
    module = AnsibleModule(argument_spec=api_argument_spec(**APPLICATION_OPTIONS), supports_check_mode=True)
    params = dict(module.params)
    try:
        check_application(params)
        env_id = require_uuid(params['target_environment_id'], 'target_environment_id',
                              'the ID of the environment that holds the application')
        client, _settings = connect(module)
        with client:
            result = ensure_application_task(client, env_id, params, module.check_mode, module.warn)
    except PingOneError as error:
        fail_module(module, error)
    module.exit_json(**result)


if __name__ == '__main__':
    main()
