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
  - Never changes anything; runs in check mode too, because later check-mode tasks need the token.
author:
  - pingone.platform maintainers (@pingone-ansible)
extends_documentation_fragment:
  - pingone.platform.connection
attributes:
  check_mode:
    description: Can run in check_mode and return changed status prediction without modifying target.
    support: full
    details: The token is requested in check mode too; nothing changes either way.
  diff_mode:
    description: Will return details on what has changed (or possibly needs changing in check_mode), when in diff mode.
    support: none
  action_group:
    description: Use C(group/pingone.platform.pingone) in C(module_defaults) to set defaults for this module.
    support: full
    membership:
      - pingone.platform.pingone
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
status:
  description: HTTP status of the failed answer.
  returned: failure, when an answer came
  type: int
  sample: 401
error:
  description: The error code PingOne sent (OAuth C(error) or platform C(code)).
  returned: failure, when PingOne sent one
  type: str
  sample: invalid_client
error_description:
  description: PingOne's description of the error, without the correlation ID.
  returned: failure, when PingOne sent one
  type: str
  sample: 'Request denied: Invalid client credentials'
correlation_id:
  description: PingOne's correlation ID for the failed request; give it to Ping Identity support.
  returned: failure, when PingOne sent one
  type: str
  sample: 6f1a0d9e-0c1b-4c1e-9d7a-1b2c3d4e5f60
url:
  description: The URL of the request that failed.
  returned: failure, when a request was sent
  type: str
  sample: https://auth.pingone.eu/5a1c3f0e-2b9d-4c47-9e7b-0d8f6a4b2c11/as/token
option:
  description: The option whose value was refused, before any request was sent.
  returned: failure, on bad input
  type: str
  sample: environment_id
'''

from ansible.module_utils.basic import AnsibleModule

from ansible_collections.pingone.platform.plugins.module_utils.pingone import (
    PingOneError,
    Transport,
    connection_argument_spec,
    connection_settings,
    fail_module,
    request_token,
)


def main():
    module = AnsibleModule(argument_spec=connection_argument_spec(), supports_check_mode=True)
    settings = None
    try:
        settings = connection_settings(module.params, warn=module.warn)
        transport = Transport(settings.transport, warn=module.warn)
        try:
            token = request_token(transport, settings.endpoints, settings.credentials)
        finally:
            transport.close()
    except PingOneError as error:
        fail_module(module, error, token_url=settings.endpoints.token_url if settings else None)
    result = token.as_result(settings.endpoints)
    module.exit_json(changed=False, ansible_facts={'pingone_token': result}, **result)


if __name__ == '__main__':
    main()
