#!/usr/bin/python
# -*- coding: utf-8 -*-
# Copyright: (c) 2026, pingone.platform maintainers
# GNU General Public License v3.0+ (see LICENSE or https://www.gnu.org/licenses/gpl-3.0.txt)

from __future__ import annotations

DOCUMENTATION = r'''
module: pingone_role_info
short_description: List the PingOne roles, and an environment's custom roles, with the scope types each applies to
version_added: 0.1.0
description:
  - Lists the roles C(GET /roles) returns, every page of them, or only the one named O(name). These are the names
    M(pingone.platform.pingone_role_assignment) takes as O(pingone.platform.pingone_role_assignment#module:role).
  - Each role comes with its ID, name, description, C(applicableTo) (the scope types it can be assigned at) and
    C(custom). Its long list of permissions is left out; C(GET /roles/<id>) with M(pingone.platform.pingone_api) shows it.
  - PingOne's built-in roles are the same in every environment. With O(target_environment_id), that environment's
    custom admin roles are listed after them (C(GET /environments/{id}/roles?filter=type eq "CUSTOM")), with
    C(custom=true); the built-in ones have C(custom=false).
  - Never changes anything.
author:
  - pingone.platform maintainers (@pingone-ansible)
extends_documentation_fragment:
  - pingone.platform.connection
  - pingone.platform.connection.api
  - pingone.platform.attributes.info
options:
  target_environment_id:
    description:
      - ID of an environment whose custom admin roles to list as well, for example
        RV(pingone.platform.pingone_environment#module:environment.id).
      - Not to be confused with O(environment_id), the environment of the worker application whose
        credentials get the token.
      - When not set, only PingOne's built-in roles are listed.
    type: str
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

- name: List the built-in roles and the custom roles of one environment
  pingone.platform.pingone_role_info:
    target_environment_id: "{{ environment_id }}"
    access_token: "{{ token.access_token }}"
  register: all_roles

- name: Print the names of the custom roles
  ansible.builtin.debug:
    msg: "{{ all_roles.roles | selectattr('custom') | map(attribute='name') | list }}"

- name: Print them
  ansible.builtin.debug:
    msg: "{{ role.roles[0].applicableTo }}"
'''

RETURN = r'''
roles:
  description: The built-in roles, then the custom roles of O(target_environment_id), each with these five keys only;
    empty when none matched.
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
    custom:
      description: Whether it is a custom admin role of O(target_environment_id) (V(true)) or one of PingOne's built-in roles (V(false)).
      type: bool
      sample: false
  sample:
    - id: 7b6a5c4d-3e2f-4a1b-9c8d-7e6f5a4b3c2d
      name: Identity Data Admin
      applicableTo: [ENVIRONMENT, POPULATION]
      description: Manage users, groups and populations
      custom: false
# BEGIN generated failure-keys: edit FAILURE_KEYS and run tools/module_docs.py
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
  sample: name
# END generated failure-keys
'''

from ansible.module_utils.basic import AnsibleModule

from ansible_collections.pingone.platform.plugins.module_utils.pingone import (
    PingOneError,
    api_argument_spec,
    connect,
    fail_module,
    list_custom_roles,
    list_roles,
    named_exactly,
    refuse_empty,
    require_uuid,
    role_summary,
)


def main():
    module = AnsibleModule(
        argument_spec=api_argument_spec(name=dict(type='str'), target_environment_id=dict(type='str')),
        supports_check_mode=True,
    )
    params = module.params
    try:
        refuse_empty(params, 'name')
        env_id = params['target_environment_id']
        if env_id is not None:
            env_id = require_uuid(env_id, 'target_environment_id', 'the ID of the environment whose custom roles are listed')
        client, _settings = connect(module)
        with client:
            roles = [dict(role_summary(role), custom=False) for role in named_exactly(list_roles(client), params['name'])]
            if env_id is not None:
                roles += [dict(role_summary(role), custom=True) for role in named_exactly(list_custom_roles(client, env_id), params['name'])]
    except PingOneError as error:
        fail_module(module, error)
    module.exit_json(changed=False, roles=roles)


if __name__ == '__main__':
    main()
