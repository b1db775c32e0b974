#!/usr/bin/python
# -*- coding: utf-8 -*-
# Copyright: (c) 2026, pingone.platform maintainers
# GNU General Public License v3.0+ (see LICENSE or https://www.gnu.org/licenses/gpl-3.0.txt)

from __future__ import annotations

DOCUMENTATION = r'''
module: pingone_user_info
short_description: List the users of a PingOne environment, by username, population or SCIM filter
version_added: 0.1.0
description:
  - Lists the users of the environment O(target_environment_id) (C(GET /environments/<id>/users)), every page of them,
    or only those the options select.
  - The options become one SCIM filter, sent to PingOne, such as C(username eq "jdoe" and population.id eq "<id>"),
    with O(filter) added in parentheses.
  - Never changes anything. Users never come with a password; PingOne does not return one.
author:
  - pingone.platform maintainers (@pingone-ansible)
extends_documentation_fragment:
  - pingone.platform.connection
  - pingone.platform.connection.api
  - pingone.platform.attributes.info
options:
  target_environment_id:
    description:
      - ID of the environment whose users are listed, for example RV(pingone.platform.pingone_environment#module:environment.id).
      - Not to be confused with O(environment_id), the environment of the worker application whose
        credentials get the token.
    type: str
    required: true
  username:
    description:
      - Return only the user with this username (C(username eq)). PingOne compares usernames ignoring case.
      - An empty list when there is no such user.
    type: str
  population:
    description:
      - Return only the users of the population with this name, looked up in the environment (C(population.id eq)).
      - A population name that matches no population is an error, not an empty list.
      - Mutually exclusive with O(population_id).
    type: str
  population_id:
    description:
      - Return only the users of the population with this ID. Mutually exclusive with O(population).
    type: str
  filter:
    description:
      - A SCIM filter PingOne applies, such as V(name.family eq "Doe") or V(memberOfGroups[id eq "<group id>"]).
      - Sent as it is; with the other options, in parentheses after C(and).
    type: str
attributes:
  check_mode:
    details: Runs in check mode too; it only reads.
seealso:
  - module: pingone.platform.pingone_user
  - name: PingOne users API
    description: The user resource and the SCIM filters its list takes.
    link: https://developer.pingidentity.com/pingone-api/platform/users/users.html
notes:
  - The worker application needs a role that may read users, such as Identity Data Read Only or Identity Data Admin.
'''

EXAMPLES = r'''
- name: Find a user
  pingone.platform.pingone_user_info:
    target_environment_id: "{{ environment.environment.id }}"
    username: jdoe
    access_token: "{{ token.access_token }}"
  register: found

- name: Fail when there is no such user
  ansible.builtin.assert:
    that: found.users | length == 1

- name: List the users of a population whose family name is Doe
  pingone.platform.pingone_user_info:
    target_environment_id: "{{ environment.environment.id }}"
    population: Test users
    filter: name.family eq "Doe"
    access_token: "{{ token.access_token }}"
  register: does
'''

RETURN = r'''
users:
  description: The users, as PingOne returned them (never with a password); empty when none matched.
  returned: success
  type: list
  elements: dict
  contains:
    id:
      description: The user's ID.
      type: str
      sample: 3c8f1e2a-9b7d-4c6e-8a5f-1d2e3f4a5b6c
    username:
      description: Its username.
      type: str
      sample: jdoe
    email:
      description: Its email address.
      type: str
      sample: jdoe@example.com
    population:
      description: Its population, as C({id}).
      type: dict
      sample: {"id": "8e3a1f0c-5b2d-4e6a-9c7d-0f1e2d3c4b5a"}
    enabled:
      description: Whether it may sign on.
      type: bool
      sample: true
  sample:
    - id: 3c8f1e2a-9b7d-4c6e-8a5f-1d2e3f4a5b6c
      username: jdoe
      email: jdoe@example.com
      name: {"given": "Jane", "family": "Doe"}
      population: {"id": "8e3a1f0c-5b2d-4e6a-9c7d-0f1e2d3c4b5a"}
      enabled: true
      environment: {"id": "0b9e8d7c-6a5f-4e3d-8c2b-7a6f5e4d3c2b"}
# BEGIN generated failure-keys: edit FAILURE_KEYS and run tools/module_docs.py
url:
  description: The URL of the request that failed.
  returned: failure, when a request was sent
  type: str
  sample: https://api.pingone.eu/v1/environments/0b9e8d7c-6a5f-4e3d-8c2b-7a6f5e4d3c2b/users
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
  description: The option whose value was refused (some checks need a read first, such as O(population)).
  returned: failure, on bad input
  type: str
  sample: population
# END generated failure-keys
'''

from ansible.module_utils.basic import AnsibleModule

from ansible_collections.pingone.platform.plugins.module_utils.pingone import (
    PingOneError,
    Resolver,
    api_argument_spec,
    connect,
    fail_module,
    filter_query,
    refuse_empty,
    require_uuid,
    scim_and,
    scim_string,
)


def check_options(params):
    """Refuse what can be told wrong before any request."""
    refuse_empty(params, 'username', 'population', 'filter')
    if params['population_id'] is not None:
        params['population_id'] = require_uuid(params['population_id'], 'population_id', 'the ID of a population of the environment')
    return require_uuid(params['target_environment_id'], 'target_environment_id', 'the ID of the environment whose users are listed')


def users_filter(client, env_id, params):
    """The SCIM filter the options make (the population looked up by name), or None for every user."""
    population_id = params['population_id']
    if params['population'] is not None:
        population_id = Resolver(client, env_id).named('/environments/%s/populations' % env_id, params['population'], 'population',
                                                       'population')['id'].lower()
    return scim_and('username eq %s' % scim_string(params['username']) if params['username'] is not None else None,
                    'population.id eq %s' % scim_string(population_id) if population_id is not None else None,
                    user_filter=params['filter'])


def main():
    module = AnsibleModule(
        argument_spec=api_argument_spec(
            target_environment_id=dict(type='str', required=True),
            username=dict(type='str'),
            population=dict(type='str'),
            population_id=dict(type='str'),
            filter=dict(type='str'),
        ),
        mutually_exclusive=[('population', 'population_id')],
        supports_check_mode=True,
    )
    params = dict(module.params)
    try:
        env_id = check_options(params)
        client, _settings = connect(module)
        with client:
            users = client.paginate('/environments/%s/users' % env_id, query=filter_query(users_filter(client, env_id, params)))
    except PingOneError as error:
        fail_module(module, error)
    module.exit_json(changed=False, users=users)


if __name__ == '__main__':
    main()
