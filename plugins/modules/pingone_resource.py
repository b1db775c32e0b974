#!/usr/bin/python
# -*- coding: utf-8 -*-
# Copyright: (c) 2026, pingone.platform maintainers
# GNU General Public License v3.0+ (see LICENSE or https://www.gnu.org/licenses/gpl-3.0.txt)

from __future__ import annotations

DOCUMENTATION = r'''
module: pingone_resource
short_description: Create, update or delete a custom PingOne resource (an API) with its scopes, by name
version_added: 0.2.0
description:
  - Makes sure a custom resource (an API that applications get access tokens for) named O(name) exists in the
    environment O(target_environment_id) with the settings given, or does not exist.
  - Reads before it writes; only the settings the task gives are managed, and running the same task twice changes
    nothing the second time.
  - O(scopes) and O(attributes), when given, are the resource's scopes and attributes in full, by name; the others
    are deleted (PingOne's own C(CORE) attributes, such as C(sub), are kept).
  # BEGIN generated built-in-resources: edit the kind registry (built_ins) and run tools/module_docs.py
  - PingOne's own resources, C(openid) and C(PingOne API), are refused before any request; an application is granted
    their scopes with C(resource_grants) of M(pingone.platform.pingone_application).
  # END generated built-in-resources
  - Built on the collection's kind registry (kinds C(resource), C(resource_scope), C(resource_attribute)); the
    same objects are reachable field by field with M(pingone.platform.pingone_object).
author:
  - pingone.platform maintainers (@pingone-ansible)
extends_documentation_fragment:
  - pingone.platform.connection
  - pingone.platform.connection.api
  - pingone.platform.attributes
options:
  target_environment_id:
    description:
      - ID of the environment that holds the resource.
    type: str
    required: true
  name:
    description:
      - The resource's name, unique in the environment and compared exactly.
    type: str
    required: true
  description:
    description:
      - The resource's description. Left as it is when not set.
    type: str
  audience:
    description:
      - The C(aud) claim of the access tokens issued for the resource. PingOne sets it to the name when it is not given
        on create. Left as it is when not set.
    type: str
  access_token_validity_seconds:
    description:
      - How long an access token for the resource is valid, in seconds (PingOne's C(accessTokenValiditySeconds)).
        Left as it is when not set.
    type: int
  scopes:
    description:
      - The resource's scopes. Given, the resource ends with exactly these; V([]) deletes every scope. Left as they are when not set.
      - In this module, O(scopes) are the resource's; the connection option of that name (the scopes of the token the module
        requests) is not available, and the module's token is requested without scopes (a worker token). A token with
        scopes comes from M(pingone.platform.pingone_token) through O(access_token).
    type: list
    elements: dict
    suboptions:
      name:
        description: The scope's name, such as C(orders:read).
        type: str
        required: true
      description:
        description: The scope's description.
        type: str
  attributes:
    description:
      - The attributes (claims) of the access tokens for the resource. Given, the custom attributes end as listed;
        PingOne's core attributes (C(sub)) are updated when listed and never deleted. Left as they are when not set.
    type: list
    elements: dict
    suboptions:
      name:
        description: The claim's name.
        type: str
        required: true
      value:
        description: The claim's value, an expression such as C(${user.email}).
        type: str
        required: true
  return_secret:
    description:
      - V(true) reads the resource's client secret (C(GET .../resources/{id}/secret)) and returns it as C(secret) in RV(resource).
        Set C(no_log) on such a task.
      - Not read in check mode.
    type: bool
    default: false
  state:
    description:
      - V(present) creates or updates the resource; V(absent) deletes it, with its scopes.
    type: str
    choices: [present, absent]
    default: present
attributes:
  check_mode:
    details: The resource and its scopes are read; nothing is written.
  diff_mode:
    details: The diff shows the settings given, and the scopes and attributes by name.
seealso:
  - module: pingone.platform.pingone_object
  - module: pingone.platform.pingone_application
notes:
  - The collection's C(docs/resources-and-identity-providers.md) describes the module with examples.
  - Set C(no_log) on a task with O(return_secret). The module never puts the secret in its message, warnings or diff,
    but C(secret) is in RV(resource), which Ansible shows with C(-v) and registers.
'''

EXAMPLES = r'''
- name: The Orders API with exactly two scopes
  pingone.platform.pingone_resource:
    target_environment_id: "{{ environment_id }}"
    name: Orders API
    audience: https://orders.example.com
    access_token_validity_seconds: 3600
    scopes:
      - {name: "orders:read", description: Read orders}
      - {name: "orders:write", description: Place orders}
    access_token: "{{ token.access_token }}"

- name: The Orders API's client secret, for the API's own configuration
  pingone.platform.pingone_resource:
    target_environment_id: "{{ environment_id }}"
    name: Orders API
    return_secret: true
    access_token: "{{ token.access_token }}"
  register: orders_api
  no_log: true

- name: Remove it
  pingone.platform.pingone_resource:
    target_environment_id: "{{ environment_id }}"
    name: Orders API
    state: absent
    access_token: "{{ token.access_token }}"
'''

RETURN = r'''
resource:
  description:
    - The resource as PingOne returned it after the task, with its C(scopes) (and C(attributes) when the task gives them),
      and its client C(secret) with O(return_secret) (set C(no_log) on the task).
    - In check mode, as it is now; V({}) when it would be created. After a delete, as it was last; V({}) when there was none.
  returned: success
  type: dict
  sample: {"id": "2c5a1d3f-8e4b-4f6c-0d9e-1b2c3d4e5f60", "name": "Orders API", "type": "CUSTOM", "audience": "https://orders.example.com",
           "scopes": [{"id": "3d6b2e4a-9f5c-4a7d-1e0f-2c3d4e5f6a71", "name": "orders:read"}]}
diff:
  description: The settings given, and the scopes and attributes given, before and after; V({}) stands for no resource.
  returned: success
  type: dict
  sample: {"before": {"name": "Orders API", "scopes": [{"name": "orders:read"}]},
           "after": {"name": "Orders API", "scopes": [{"name": "orders:read"}, {"name": "orders:write"}]}}
# BEGIN generated failure-keys: edit FAILURE_KEYS and run tools/module_docs.py
url:
  description: The URL of the request that failed.
  returned: failure, when a request was sent
  type: str
  sample: https://api.pingone.eu/v1/environments/0b9e8d7c-6a5f-4e3d-8c2b-7a6f5e4d3c2b/resources
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
  sample: [{"code": "INVALID_VALUE", "target": "audience", "message": "must be unique"}]
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
  sample: scopes
# END generated failure-keys
'''

from ansible.module_utils.basic import AnsibleModule

from ansible_collections.pingone.platform.plugins.module_utils.pingone import (
    check_resource,
    ensure_resource,
    PingOneError,
    api_argument_spec,
    connect,
    fail_module,
    require_uuid,
)


def main():
    module = AnsibleModule(
        argument_spec=api_argument_spec(
            target_environment_id=dict(type='str', required=True),
            name=dict(type='str', required=True),
            description=dict(type='str'),
            audience=dict(type='str'),
            access_token_validity_seconds=dict(type='int', no_log=False),
            scopes=dict(type='list', elements='dict', options=dict(name=dict(type='str', required=True), description=dict(type='str'))),
            attributes=dict(type='list', elements='dict', options=dict(name=dict(type='str', required=True),
                                                                       value=dict(type='str', required=True))),
            return_secret=dict(type='bool', default=False),
            state=dict(type='str', choices=['present', 'absent'], default='present'),
        ),
        supports_check_mode=True,
    )
    try:
        env_id = require_uuid(module.params['target_environment_id'], 'target_environment_id', 'the ID of the environment that holds the resource')
        # scopes here are the resource's, not the token's (the connection option of the same name): the token is
        # requested without scopes, as a worker token is.
        params = module.params
        checked = check_resource(params)   # bad input is refused before the token is requested
        client, _settings = connect(module, shadowed={'scopes': None})
        with client:
            outcome = ensure_resource(client, env_id, params, module.check_mode, checked=checked)
    except PingOneError as error:
        fail_module(module, error)
    module.exit_json(changed=outcome.changed, resource=outcome.object, diff=outcome.diff)


if __name__ == '__main__':
    main()
