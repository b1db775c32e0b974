#!/usr/bin/python
# -*- coding: utf-8 -*-
# Copyright: (c) 2026, pingone.platform maintainers
# GNU General Public License v3.0+ (see LICENSE or https://www.gnu.org/licenses/gpl-3.0.txt)

from __future__ import annotations

DOCUMENTATION = r'''
module: pingone_token
short_description: Get a PingOne access token for a worker application
version_added: 0.1.0
description:
  - Runs the OAuth 2.0 client credentials request of a PingOne worker application,
    C(POST https://auth.pingone.<tld>/<environment_id>/as/token), and returns the access token.
  - The token is returned at the top level (for C(register)) and as the fact C(pingone_token),
    so later tasks and plays on the same host can use it.
  - Failures name what went wrong and what to check, with PingOne's error code, description
    and correlation ID as separate keys.
  - With O(reuse), a token from an earlier task is returned again, without any request, while it
    fits this task and stays valid for at least O(min_ttl) seconds; so one token can serve a whole
    long playbook (see the examples).
  - Supports every client authentication method of PingOne (O(auth_method)), including the two
    that send a signed JWT instead of the secret.
  - Never changes anything; runs in check mode too, because later check-mode tasks need the token.
author:
  - pingone.platform maintainers (@pingone-ansible)
extends_documentation_fragment:
  - pingone.platform.connection
  - pingone.platform.attributes.info
options:
  reuse:
    description:
      - An earlier result of this module, or the fact C(ansible_facts.pingone_token) it sets, whose
        token should be returned again instead of requesting a new one.
      - It is reused only when it was issued for the same O(environment_id), token endpoint, O(client_id)
        and O(scopes), and is still valid for at least O(min_ttl) seconds. Otherwise a new token is
        requested, exactly as without this option. RV(reused) tells which happened.
      - Reusing sends no request at all, and works in check mode like the rest of the module.
      - Where the module would run on the controller (a local connection, no become, no async, and no
        E(PINGONE_*) variable set with the task's C(environment)), the collection's action plugin makes this
        decision on the controller, with the module's own code, and then starts no module process at all (see the notes).
      - "Pass it as V({{ ansible_facts.pingone_token | default(omit) }}), so the first task of a play
        requests a token and the later ones reuse it."
      - This option is not C(no_log), because Ansible would then hide the returned token too. Keep
        C(no_log) on the task instead.
    type: dict
  min_ttl:
    description:
      - With O(reuse), the least number of seconds the earlier token must still be valid for, so that
        the work after this task cannot outlast it. Tokens of worker applications live one hour.
      - V(0) reuses a token until it expires.
    type: int
    default: 300
  access_token:
    description:
      - Accepted so that O(access_token) can be set once for the whole C(pingone) action group with
        C(module_defaults), as the other modules of the collection use it; a token task never uses it.
        It always returns a token of its own, or with O(reuse) the earlier one (see the examples).
      - This option is not C(no_log), because Ansible would then hide the returned token wherever it
        equals this value (a later task with O(reuse) returns the same token). Keep C(no_log) on the task instead.
      - Unlike the other modules, this one does not read E(PINGONE_API_ACCESS_TOKEN).
    type: str
attributes:
  check_mode:
    details: The token is requested in check mode too; nothing changes either way.
seealso:
  - name: PingOne API domains
    description: The host names of each PingOne region.
    link: https://developer.pingidentity.com/pingone-api/getting-started/before-you-begin.html
  - name: Create an admin worker app connection
    description: How to create the worker application whose client ID and secret this module uses.
    link: https://developer.pingidentity.com/pingone-api/getting-started/create-an-admin-worker-app-connection.html
notes:
  - The token grants whatever the worker application's roles grant, for one hour. Set
    C(no_log) on the task when output is logged, so the token is not printed at C(-vvv)
    (see the examples); the registered variable still holds it.
  - This module has an action plugin. When O(reuse) is set and the task runs on the controller (a local
    connection, as with C(connection=local) or C(delegate_to=localhost), without become or async, and with no
    E(PINGONE_*) variable in the task's C(environment)), it checks the task's options, C(module_defaults) and
    E(PINGONE_*) variables included, with the module's own code. If the module would return the token of
    O(reuse) again, the task returns that same result (RV(reused=true), the fact C(pingone_token), C(changed=false))
    without starting a module process, which makes such a task several times cheaper. In every other case (a new token is
    needed, bad input, anything that would give a warning, another connection) the module runs as usual.
  - The action plugin checks the options with the controller's Python. With O(auth_method=private_key_jwt) or
    O(auth_method=client_secret_jwt) and a local connection whose C(ansible_python_interpreter) lacks PyJWT
    while the controller has it, a reused token is returned where the module would report the missing library.
'''

EXAMPLES = r'''
- name: Get a worker token (the request PingOne's getting-started guide sends)
  pingone.platform.pingone_token:
    environment_id: "{{ admin_environment_id }}"
    client_id: "{{ admin_app_id }}"
    client_secret: "{{ vault_admin_app_secret }}"
    region: EU
  register: token
  # no_log hides the token from -vvv output and callbacks; the registered variable keeps it.
  no_log: true

- name: Chain the token into a PingOne API call
  ansible.builtin.uri:
    url: "{{ token.api_url }}/environments/{{ token.environment_id }}"
    headers:
      Authorization: "Bearer {{ token.access_token }}"
    return_content: true
  register: environment
  # The Authorization header is in this task's arguments, which -vvv prints.
  no_log: true

- name: Use the fact set by pingone_token in a later task, without register
  ansible.builtin.debug:
    msg: "Token for {{ ansible_facts.pingone_token.environment_id }} expires at {{ ansible_facts.pingone_token.expires_at }}"

- name: Take every connection option from the environment
  # PINGONE_ENVIRONMENT_ID, PINGONE_CLIENT_ID, PINGONE_CLIENT_SECRET and PINGONE_REGION_CODE
  # are set in the controller's environment (for example by an AWX credential).
  pingone.platform.pingone_token:
  no_log: true

- name: Set the connection once for every pingone.platform module in a block (or a play)
  module_defaults:
    group/pingone.platform.pingone:
      environment_id: "{{ admin_environment_id }}"
      client_id: "{{ admin_app_id }}"
      client_secret: "{{ vault_admin_app_secret }}"
      region: CA
  block:
    - name: Get a token
      pingone.platform.pingone_token:
      no_log: true

- name: One token for every module of the group, also for a later token task that reuses it
  module_defaults:
    group/pingone.platform.pingone:
      # default(omit): the first token task runs before the variable token exists, and
      # omit leaves access_token unset there. pingone_token accepts the option and ignores it.
      access_token: "{{ token.access_token | default(omit) }}"
  block:
    - name: Get a token
      pingone.platform.pingone_token:
      register: token
      no_log: true

    - name: Read the licenses with it (no token request of its own)
      pingone.platform.pingone_license_info:
        status: ACTIVE
      register: licenses

    - name: Before the next phase, reuse the token while it has 5 minutes left
      pingone.platform.pingone_token:
        reuse: "{{ token }}"
      register: token
      no_log: true

- name: Before each phase of a long playbook, reuse the token while it has 10 minutes left
  pingone.platform.pingone_token:
    reuse: "{{ ansible_facts.pingone_token | default(omit) }}"
    min_ttl: 600
  no_log: true

- name: An application set to PRIVATE_KEY_JWT (no shared secret), with the key in a file
  pingone.platform.pingone_token:
    environment_id: "{{ admin_environment_id }}"
    client_id: "{{ admin_app_id }}"
    auth_method: private_key_jwt
    private_key_path: /etc/pingone/worker-key.pem
    private_key_passphrase: "{{ vault_worker_key_passphrase }}"
    key_id: worker-2026-01
  no_log: true

- name: An application set to CLIENT_SECRET_JWT with HS512 (the secret itself is never sent)
  pingone.platform.pingone_token:
    environment_id: "{{ admin_environment_id }}"
    client_id: "{{ admin_app_id }}"
    client_secret: "{{ vault_admin_app_secret }}"
    auth_method: client_secret_jwt
    jwt_algorithm: HS512
  no_log: true

- name: An application set to CLIENT_SECRET_POST, behind a custom domain, with a private CA
  pingone.platform.pingone_token:
    custom_domain: auth.example.com
    client_id: "{{ app_id }}"
    client_secret: "{{ vault_app_secret }}"
    auth_method: client_secret_post
    ca_path: /etc/pki/tls/certs/corporate-ca.pem
  no_log: true
'''

RETURN = r'''
access_token:
  description:
    - 'The access token (a JWT) to send as C(Authorization: Bearer <token>).'
    - Valid for RV(expires_in) seconds; use C(no_log) on tasks whose output is logged.
  returned: success
  type: str
  sample: eyJhbGciOiJSUzI1NiIsImtpZCI6ImRlZmF1bHQifQ.eyJjbGllbnRfaWQiOiIuLi4ifQ.c2lnbmF0dXJl
token_type:
  description: The token type, always C(Bearer).
  returned: success
  type: str
  sample: Bearer
expires_in:
  description: Lifetime of the token in seconds, as PingOne returned it.
  returned: success
  type: int
  sample: 3600
expires_at:
  description: When the token expires, ISO 8601 in UTC, counted from when the request was sent.
  returned: success
  type: str
  sample: '2026-11-25T19:30:00Z'
scope:
  description: The scopes granted, as PingOne returned them; V(null) when PingOne returned none.
  returned: success
  type: str
  sample: p1:read:user p1:update:user
environment_id:
  description: The environment ID the token was requested for; V(null) with O(custom_domain) and no O(environment_id).
  returned: success
  type: str
  sample: 5a1c3f0e-2b9d-4c47-9e7b-0d8f6a4b2c11
region:
  description: The region code used.
  returned: success
  type: str
  sample: EU
token_url:
  description:
    - The token endpoint that was called.
    - Also returned on failure; V(null) when bad input stopped the module before the URL was known.
  returned: always
  type: str
  sample: https://auth.pingone.eu/5a1c3f0e-2b9d-4c47-9e7b-0d8f6a4b2c11/as/token
auth_url:
  description: Base URL of the authentication service (Postman's C(authPath)).
  returned: success
  type: str
  sample: https://auth.pingone.eu
api_url:
  description: Base URL of the PingOne platform API, ready to prefix API paths (Postman's C(apiPath)).
  returned: success
  type: str
  sample: https://api.pingone.eu/v1
client_id:
  description: The client ID the token was issued to (lower case); used by O(reuse) to compare.
  returned: success
  type: str
  sample: 9b2d7e3c-4a1f-4e6b-8c5d-2f3a1b0c9d8e
scopes:
  description: The scopes that were asked for (O(scopes)), as a list; empty when none were. Used by O(reuse) to compare.
  returned: success
  type: list
  elements: str
  sample: [p1:read:user, p1:update:user]
reused:
  description:
    - V(true) when the token of O(reuse) was returned and no request was sent; V(false) when a new
      token was requested.
  returned: success
  type: bool
  sample: true
# BEGIN generated failure-keys: edit FAILURE_KEYS and run tools/module_docs.py
url:
  description: The URL of the request that failed.
  returned: failure, when a request was sent
  type: str
  sample: https://auth.pingone.eu/5a1c3f0e-2b9d-4c47-9e7b-0d8f6a4b2c11/as/token
status:
  description: HTTP status of the failed answer.
  returned: failure, when an answer came
  type: int
  sample: 401
error:
  description: The error code PingOne sent, such as the platform API's C(INVALID_DATA), C(NOT_FOUND) or
    C(ACCESS_FAILED), or the token endpoint's OAuth C(invalid_client).
  returned: failure, when PingOne sent one
  type: str
  sample: invalid_client
error_description:
  description: PingOne's error message (the platform API's C(message), the token endpoint's C(error_description)),
    without the correlation ID.
  returned: failure, when PingOne sent one
  type: str
  sample: "Request denied: Invalid client credentials"
correlation_id:
  description: PingOne's correlation ID of the failed request (the C(id) of its error answer); give it to Ping Identity
    support.
  returned: failure, when PingOne sent one
  type: str
  sample: 6f1a0d9e-0c1b-4c1e-9d7a-1b2c3d4e5f60
option:
  description: The option whose value was refused, before any request was sent.
  returned: failure, on bad input
  type: str
  sample: environment_id
# END generated failure-keys
'''

import time

from ansible.module_utils.basic import AnsibleModule

from ansible_collections.pingone.platform.plugins.module_utils.pingone import (
    PingOneError,
    Transport,
    connection_settings,
    fail_module,
    request_token,
    reuse_decision,
    token_argument_spec,
    token_task_result,
)


def get_token(params, settings, warn):
    """(token, reused): the token of ``reuse`` when it fits, with no request and no import of requests; else a new one.

    The decision is the one the action plugin makes on the controller (``reuse_decision``), so both agree.
    """
    token = reuse_decision(params, settings, time.time())
    if token is not None:
        return token, True
    transport = Transport(settings.transport, warn=warn)
    try:
        return request_token(transport, settings.endpoints, settings.credentials, clock=time.time, last_request=True), False
    finally:
        transport.close()


def main():
    module = AnsibleModule(argument_spec=token_argument_spec(), supports_check_mode=True)
    settings = None
    try:
        settings = connection_settings(module.params, warn=module.warn)
        token, reused = get_token(module.params, settings, module.warn)
    except PingOneError as error:
        fail_module(module, error, token_url=settings.endpoints.token_url if settings else None)
    module.exit_json(**token_task_result(token, settings, reused))


if __name__ == '__main__':
    main()
