#!/usr/bin/python
# -*- coding: utf-8 -*-
# Copyright: (c) 2026, pingone.platform maintainers
# GNU General Public License v3.0+ (see LICENSE or https://www.gnu.org/licenses/gpl-3.0.txt)

from __future__ import annotations

DOCUMENTATION = r'''
module: pingone_role_info
short_description: List the PingOne roles and the scope types each applies to
version_added: 0.1.0
description:
  - Lists the roles C(GET /roles) returns, every page of them, or only the one named O(name). These are the names
    M(pingone.platform.pingone_role_assignment) takes as O(pingone.platform.pingone_role_assignment#module:role).
  - Each role comes with its ID, name, description and C(applicableTo), the scope types it can be assigned at.
    Its long list of permissions is left out; C(GET /roles/<id>) with M(pingone.platform.pingone_api) shows it.
  - The roles are PingOne's, the same in every environment, so no environment is named.
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
      - Return only the role with exactly this name (case included), such as V(Environment Admin).
      - An empty list when there is none.
    type: str
attributes:
  check_mode:
    details: Runs in check mode too; it only reads.
seealso:
  - module: pingone.platform.pingone_role_assignment
  - name: PingOne roles API
    description: The role resource.
    link: https://developer.pingidentity.com/pingone-api/platform/roles.html
'''

EXAMPLES = r'''
- name: List the roles
  pingone.platform.pingone_role_info:
    access_token: "{{ token.access_token }}"
  register: roles

- name: Show the scope types Identity Data Admin applies to
  pingone.platform.pingone_role_info:
    name: Identity Data Admin
    access_token: "{{ token.access_token }}"
  register: role

- name: Print them
  ansible.builtin.debug:
    msg: "{{ role.roles[0].applicableTo }}"
'''

RETURN = r'''
roles:
  description: The roles, each with these four keys only; empty when none matched.
  returned: success
  type: list
  elements: dict
  contains:
    id:
      description: The role's ID, for O(pingone.platform.pingone_role_assignment#module:role_id).
      type: str
      sample: 7b6a5c4d-3e2f-4a1b-9c8d-7e6f5a4b3c2d
    name:
      description: Its name, for O(pingone.platform.pingone_role_assignment#module:role).
      type: str
      sample: Identity Data Admin
    applicableTo:
      description: The scope types it can be assigned at, of V(ORGANIZATION), V(ENVIRONMENT), V(POPULATION) and V(APPLICATION).
      type: list
      elements: str
      sample: [ENVIRONMENT, POPULATION]
    description:
      description: PingOne's description of it.
      type: str
      sample: Manage users, groups and populations
  sample:
    - id: 7b6a5c4d-3e2f-4a1b-9c8d-7e6f5a4b3c2d
      name: Identity Data Admin
      applicableTo: [ENVIRONMENT, POPULATION]
      description: Manage users, groups and populations
url:
  description: The URL of the request that failed.
  returned: failure, when a request was sent
  type: str
  sample: https://api.pingone.eu/v1/roles
status:
  description: HTTP status of the failed answer.
  returned: failure, when an answer came
  type: int
  sample: 400
error:
  description: The error code PingOne sent, such as C(INVALID_DATA).
  returned: failure, when PingOne sent one
  type: str
  sample: INVALID_DATA
error_description:
  description: PingOne's error message.
  returned: failure, when PingOne sent one
  type: str
  sample: The request could not be completed. One or more validation errors were in the request.
details:
  description: PingOne's C(details) of the error, each with C(code), C(target), C(message) and maybe C(innerError).
  returned: failure, when PingOne sent them
  type: list
  elements: dict
  sample: [{"code": "INVALID_VALUE", "target": "email", "message": "must be a well-formed email address"}]
correlation_id:
  description: The C(id) of PingOne's error answer; give it to Ping Identity support.
  returned: failure, when PingOne sent one
  type: str
  sample: 6f1a0d9e-0c1b-4c1e-9d7a-1b2c3d4e5f60
option:
  description: The option whose value was refused, before any request was sent.
  returned: failure, on bad input
  type: str
  sample: name
'''

from ansible.module_utils.basic import AnsibleModule

from ansible_collections.pingone.platform.plugins.module_utils.pingone import (
    PingOneError,
    api_argument_spec,
    connect,
    fail_module,
    list_roles,
    named_exactly,
    refuse_empty,
    role_summary,
)


def main():
    module = AnsibleModule(
        argument_spec=api_argument_spec(name=dict(type='str')),
        supports_check_mode=True,
    )
    params = module.params
    try:
        refuse_empty(params, 'name')
        client, _settings = connect(module)
        with client:
            roles = [role_summary(role) for role in named_exactly(list_roles(client), params['name'])]
    except PingOneError as error:
        fail_module(module, error)
    module.exit_json(changed=False, roles=roles)


if __name__ == '__main__':
    main()
