#!/usr/bin/python
# -*- coding: utf-8 -*-
# Copyright: (c) 2026, pingone.platform maintainers
# GNU General Public License v3.0+ (see LICENSE or https://www.gnu.org/licenses/gpl-3.0.txt)

from __future__ import annotations

DOCUMENTATION = r'''
module: pingone_group_info
short_description: List the groups of a PingOne environment, by name or SCIM filter
version_added: 0.1.0
description:
  - Lists the groups of the environment O(target_environment_id) (C(GET /environments/<id>/groups)), every page of them,
    or only those the options select.
  - O(name) becomes the SCIM filter C(name eq "<name>"), sent to PingOne, with O(filter) added in parentheses;
    of what PingOne returns, only the groups named exactly O(name) (case included) are kept.
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
      - ID of the environment whose groups are listed, for example RV(pingone.platform.pingone_environment#module:environment.id).
      - Not to be confused with O(environment_id), the environment of the worker application whose
        credentials get the token.
    type: str
    required: true
  name:
    description:
      - Return only the groups with exactly this name. Two populations may each have a group of one name, so there may be more than one.
      - An empty list when there is no such group.
    type: str
  filter:
    description:
      - A SCIM filter PingOne applies, such as V(population.id eq "<population id>").
      - Sent as it is; with O(name), in parentheses after C(and).
    type: str
attributes:
  check_mode:
    details: Runs in check mode too; it only reads.
seealso:
  - module: pingone.platform.pingone_group
  - name: PingOne groups API
    description: The group resource.
    link: https://developer.pingidentity.com/pingone-api/platform/users/groups.html
notes:
  - The worker application needs a role that may read groups, such as Identity Data Read Only or Identity Data Admin.
'''

EXAMPLES = r'''
- name: Find a group
  pingone.platform.pingone_group_info:
    target_environment_id: "{{ environment.environment.id }}"
    name: Operators
    access_token: "{{ token.access_token }}"
  register: found

- name: List the groups of one population
  pingone.platform.pingone_group_info:
    target_environment_id: "{{ environment.environment.id }}"
    filter: population.id eq "{{ population.population.id }}"
    access_token: "{{ token.access_token }}"
  register: groups
'''

RETURN = r'''
groups:
  description: The groups, as PingOne returned them; empty when none matched.
  returned: success
  type: list
  elements: dict
  contains:
    id:
      description: The group's ID.
      type: str
      sample: 6d5c4b3a-2f1e-4d0c-9b8a-7f6e5d4c3b2a
    name:
      description: Its name.
      type: str
      sample: Operators
    description:
      description: Its description, when it has one.
      type: str
      sample: People on call
    population:
      description: Its population, as C({id}), for a population group.
      type: dict
      sample: {"id": "8e3a1f0c-5b2d-4e6a-9c7d-0f1e2d3c4b5a"}
  sample:
    - id: 6d5c4b3a-2f1e-4d0c-9b8a-7f6e5d4c3b2a
      name: Operators
      description: People on call
      environment: {"id": "0b9e8d7c-6a5f-4e3d-8c2b-7a6f5e4d3c2b"}
# BEGIN generated failure-keys: edit FAILURE_KEYS and run tools/module_docs.py
url:
  description: The URL of the request that failed.
  returned: failure, when a request was sent
  type: str
  sample: https://api.pingone.eu/v1/environments/0b9e8d7c-6a5f-4e3d-8c2b-7a6f5e4d3c2b/groups
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
    filter_query,
    named_exactly,
    refuse_empty,
    require_uuid,
    scim_and,
    scim_string,
)


def main():
    module = AnsibleModule(
        argument_spec=api_argument_spec(
            target_environment_id=dict(type='str', required=True),
            name=dict(type='str'),
            filter=dict(type='str'),
        ),
        supports_check_mode=True,
    )
    params = module.params
    try:
        refuse_empty(params, 'name', 'filter')
        env_id = require_uuid(params['target_environment_id'], 'target_environment_id', 'the ID of the environment whose groups are listed')
        scim = scim_and('name eq %s' % scim_string(params['name']) if params['name'] is not None else None, user_filter=params['filter'])
        client, _settings = connect(module)
        with client:
            groups = named_exactly(client.paginate('/environments/%s/groups' % env_id, query=filter_query(scim)), params['name'])
    except PingOneError as error:
        fail_module(module, error)
    module.exit_json(changed=False, groups=groups)


if __name__ == '__main__':
    main()
