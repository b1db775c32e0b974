#!/usr/bin/python
# -*- coding: utf-8 -*-
# Copyright: (c) 2026, pingone.platform maintainers
# GNU General Public License v3.0+ (see LICENSE or https://www.gnu.org/licenses/gpl-3.0.txt)

from __future__ import annotations

DOCUMENTATION = r'''
module: pingone_environment_info
short_description: List the environments of the PingOne organization, by name, ID or SCIM filter
version_added: 0.1.0
description:
  - Lists the environments the token can read (C(GET /environments)), every page of them, or only those the options select.
  - The read-only way to find an environment by name. M(pingone.platform.pingone_environment) with O(pingone.platform.pingone_environment#module:state=present)
    would create a missing one, and M(pingone.platform.pingone_api) needs a filter written by hand.
  - O(name) is sent to PingOne as the SCIM filter C(name sw "<name>") (the one PingOne documents for names, as
    M(pingone.platform.pingone_environment) uses), and of what PingOne returns only the environments named exactly
    O(name) (case included) are kept. O(filter) is added in parentheses.
  - O(id) reads the one environment (C(GET /environments/<id>)).
  - Never changes anything.
author:
  - pingone.platform maintainers (@pingone-ansible)
extends_documentation_fragment:
  - pingone.platform.connection
  - pingone.platform.connection.api
  - pingone.platform.attributes.info
options:
  name:
    description:
      - Return only the environments with exactly this name. An empty list when there is none.
      - Mutually exclusive with O(id).
    type: str
  id:
    description:
      - Return only the environment with this ID, as a list of one.
      - An empty list when PingOne answers 404 (no such environment, or not one the token can see). PingOne also
        answers 404 for a moment after an environment is created.
      - Mutually exclusive with O(name) and O(filter).
    type: str
  filter:
    description:
      - A SCIM filter PingOne applies, such as V(status eq "ACTIVE"), V(license.id eq "<license id>") or V(name sw "Test").
      - Sent as it is; with O(name), in parentheses after C(and).
      - Mutually exclusive with O(id).
    type: str
attributes:
  check_mode:
    details: Runs in check mode too; it only reads.
seealso:
  - module: pingone.platform.pingone_environment
  - module: pingone.platform.pingone_license_info
  - name: PingOne environments API
    description: The environment resource and the filters its list takes.
    link: https://developer.pingidentity.com/pingone-api/platform/environments.html
notes:
  - The worker application needs a role that may read environments, such as Environment Admin or Organization Admin.
    It lists only the environments its roles reach.
'''

EXAMPLES = r'''
- name: Find an environment by name, without creating it
  pingone.platform.pingone_environment_info:
    name: Test environment
    access_token: "{{ token.access_token }}"
  register: found

- name: Use its ID when it exists
  ansible.builtin.debug:
    msg: "{{ found.environments[0].id }}"
  when: found.environments | length == 1

- name: List the sandbox environments
  pingone.platform.pingone_environment_info:
    filter: type eq "SANDBOX"
    access_token: "{{ token.access_token }}"
  register: sandboxes
'''

RETURN = r'''
environments:
  description: The environments, as PingOne returned them; empty when none matched.
  returned: success
  type: list
  elements: dict
  contains:
    id:
      description: The environment's ID, for the O(pingone.platform.pingone_user#module:target_environment_id) of later tasks.
      type: str
      sample: 0b9e8d7c-6a5f-4e3d-8c2b-7a6f5e4d3c2b
    name:
      description: Its name.
      type: str
      sample: Test environment
    type:
      description: V(SANDBOX) or V(PRODUCTION).
      type: str
      sample: SANDBOX
    region:
      description: The region its data lives in.
      type: str
      sample: EU
    status:
      description: V(ACTIVE), or V(DELETE_PENDING) for a PRODUCTION environment deleted but still restorable.
      type: str
      sample: ACTIVE
    license:
      description: Its license, as C({id}).
      type: dict
      sample: {"id": "9a8b7c6d-5e4f-4a3b-8c2d-1e0f9a8b7c6d"}
  sample:
    - id: 0b9e8d7c-6a5f-4e3d-8c2b-7a6f5e4d3c2b
      name: Test environment
      type: SANDBOX
      region: EU
      status: ACTIVE
      license: {"id": "9a8b7c6d-5e4f-4a3b-8c2d-1e0f9a8b7c6d"}
      organization: {"id": "3d2c1b0a-9f8e-4d7c-b6a5-4f3e2d1c0b9a"}
# BEGIN generated failure-keys: edit FAILURE_KEYS and run tools/module_docs.py
url:
  description: The URL of the request that failed.
  returned: failure, when a request was sent
  type: str
  sample: https://api.pingone.eu/v1/environments
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
  sample: id
# END generated failure-keys
'''

from ansible.module_utils.basic import AnsibleModule

from ansible_collections.pingone.platform.plugins.module_utils.pingone import (
    PingOneError,
    api_argument_spec,
    connect,
    fail_module,
    find_environments,
    refuse_empty,
    require_uuid,
)


def main():
    module = AnsibleModule(
        argument_spec=api_argument_spec(
            name=dict(type='str'),
            id=dict(type='str'),
            filter=dict(type='str'),
        ),
        mutually_exclusive=[('id', 'name'), ('id', 'filter')],
        supports_check_mode=True,
    )
    params = module.params
    try:
        refuse_empty(params, 'name', 'filter')
        env_id = require_uuid(params['id'], 'id', 'the ID of an environment') if params['id'] is not None else None
        client, _settings = connect(module)
        with client:
            environments = find_environments(client, params['name'], env_id, params['filter'])
    except PingOneError as error:
        fail_module(module, error)
    module.exit_json(changed=False, environments=environments)


if __name__ == '__main__':
    main()
