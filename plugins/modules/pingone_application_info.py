#!/usr/bin/python
# -*- coding: utf-8 -*-
# Copyright: (c) 2026, pingone.platform maintainers
# GNU General Public License v3.0+ (see LICENSE or https://www.gnu.org/licenses/gpl-3.0.txt)

from __future__ import annotations

DOCUMENTATION = r'''
module: pingone_application_info
short_description: List the applications of a PingOne environment, by name
version_added: 0.1.0
description:
  - Lists the applications of the environment O(target_environment_id) (C(GET /environments/<id>/applications)),
    every page of them, or only those named O(name).
  - PingOne documents no filter for this list, so every application is read and O(name) is matched here,
    exactly (case included).
  - The applications PingOne makes in every environment itself (types C(PING_ONE_ADMIN_CONSOLE),
    C(PING_ONE_SELF_SERVICE), C(PING_ONE_PORTAL)) are listed too.
  - Never changes anything. Client secrets are not in the list; PingOne returns them only from their own endpoint.
author:
  - pingone.platform maintainers (@pingone-ansible)
extends_documentation_fragment:
  - pingone.platform.connection
  - pingone.platform.connection.api
  - pingone.platform.attributes.info
options:
  target_environment_id:
    description:
      - ID of the environment whose applications are listed, for example RV(pingone.platform.pingone_environment#module:environment.id).
      - Not to be confused with O(environment_id), the environment of the worker application whose
        credentials get the token.
    type: str
    required: true
  name:
    description:
      - Return only the applications with exactly this name. An empty list when there is none.
    type: str
attributes:
  check_mode:
    details: Runs in check mode too; it only reads.
seealso:
  - module: pingone.platform.pingone_application
  - name: PingOne applications API
    description: The application resource.
    link: https://developer.pingidentity.com/pingone-api/platform/applications.html
notes:
  - The worker application needs a role that may read applications, such as Client Application Developer or Environment Admin.
'''

EXAMPLES = r'''
- name: Find an application
  pingone.platform.pingone_application_info:
    target_environment_id: "{{ environment.environment.id }}"
    name: Provisioning worker
    access_token: "{{ token.access_token }}"
  register: found

- name: Show its client ID
  ansible.builtin.debug:
    msg: "{{ found.applications[0].id }}"
  when: found.applications | length == 1
'''

RETURN = r'''
applications:
  description: The applications, as PingOne returned them; empty when none matched.
  returned: success
  type: list
  elements: dict
  contains:
    id:
      description: The application's ID, also its OAuth client ID.
      type: str
      sample: 2a3b4c5d-6e7f-4a8b-9c0d-1e2f3a4b5c6d
    name:
      description: Its name.
      type: str
      sample: Provisioning worker
    type:
      description: Its type, such as V(WORKER), V(WEB_APP) or V(PING_ONE_ADMIN_CONSOLE).
      type: str
      sample: WORKER
    protocol:
      description: Its protocol, such as V(OPENID_CONNECT).
      type: str
      sample: OPENID_CONNECT
    enabled:
      description: Whether it is enabled.
      type: bool
      sample: true
  sample:
    - id: 2a3b4c5d-6e7f-4a8b-9c0d-1e2f3a4b5c6d
      name: Provisioning worker
      type: WORKER
      protocol: OPENID_CONNECT
      enabled: true
      grantTypes: [CLIENT_CREDENTIALS]
      tokenEndpointAuthMethod: CLIENT_SECRET_BASIC
      environment: {"id": "0b9e8d7c-6a5f-4e3d-8c2b-7a6f5e4d3c2b"}
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
  description: The option whose value was refused, before any request was sent.
  returned: failure, on bad input
  type: str
  sample: target_environment_id
# END generated failure-keys
'''

from ansible.module_utils.basic import AnsibleModule

from ansible_collections.pingone.platform.plugins.module_utils.pingone import (
    PingOneError,
    api_argument_spec,
    connect,
    fail_module,
    named_exactly,
    refuse_empty,
    require_uuid,
)


def main():
    module = AnsibleModule(
        argument_spec=api_argument_spec(
            target_environment_id=dict(type='str', required=True),
            name=dict(type='str'),
        ),
        supports_check_mode=True,
    )
    params = module.params
    try:
        refuse_empty(params, 'name')
        env_id = require_uuid(params['target_environment_id'], 'target_environment_id',
                              'the ID of the environment whose applications are listed')
        client, _settings = connect(module)
        with client:
            applications = named_exactly(client.paginate('/environments/%s/applications' % env_id), params['name'])
    except PingOneError as error:
        fail_module(module, error)
    module.exit_json(changed=False, applications=applications)


if __name__ == '__main__':
    main()
