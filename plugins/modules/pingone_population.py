#!/usr/bin/python
# -*- coding: utf-8 -*-
# Copyright: (c) 2026, pingone.platform maintainers
# GNU General Public License v3.0+ (see LICENSE or https://www.gnu.org/licenses/gpl-3.0.txt)

from __future__ import annotations

DOCUMENTATION = r'''
module: pingone_population
short_description: Create, update or delete a population in a PingOne environment, by name
version_added: 0.1.0
description:
  - Makes sure a population with the name O(name) exists in the environment O(target_environment_id)
    with the settings given, or does not exist.
  - Reads before it writes. It looks the population up by name, creates it when it is missing, changes
    only the settings that differ and that the task sets, and reports C(changed) only when it wrote
    something. Running the same task twice changes nothing the second time.
author:
  - pingone.platform maintainers (@pingone-ansible)
extends_documentation_fragment:
  - pingone.platform.connection
  - pingone.platform.connection.api
  - pingone.platform.attributes
options:
  target_environment_id:
    description:
      - ID of the environment that holds the population, for example RV(pingone.platform.pingone_environment#module:environment.id).
      - Not to be confused with O(environment_id), the environment of the worker application whose
        credentials get the token.
    type: str
    required: true
  name:
    description:
      - The population's name, unique in the environment and compared exactly (case included).
    type: str
    required: true
  state:
    description:
      - V(present) creates or updates the population; V(absent) deletes it.
      - PingOne refuses to delete the default population, and a population that still has users. The module
        reads the population first (its C(default) and C(userCount)) and refuses such a delete before anything is
        written, naming the population and how many users it holds; in check mode too, which then reports no change.
        Move the users to another population (M(pingone.platform.pingone_user) with O(pingone.platform.pingone_user#module:population))
        or delete them, or make another population the default, first.
    type: str
    choices: [present, absent]
    default: present
  description:
    description:
      - The population's description. An empty string removes it. Left as it is when not set.
    type: str
  default:
    description:
      - Whether this is the environment's default population, where new users go when no population is named.
      - V(true) makes it the default, and the previous default stops being one. PingOne keeps one default
        population per environment, so to move the default, set V(true) on the new one rather than V(false) on the old.
      - Left as it is when not set.
    type: bool
attributes:
  check_mode:
    details: The populations are read; nothing is written.
  diff_mode:
    details: The diff compares name, description and default.
seealso:
  - module: pingone.platform.pingone_environment
  - name: PingOne populations API
    description: The population resource.
    link: https://developer.pingidentity.com/pingone-api/platform/users/populations.html
notes:
  - PingOne refuses to delete the default population, and a population that still has users; the module refuses
    such a delete before it is sent (see O(state)).
  - PingOne may answer 404 for an environment created a moment ago. M(pingone.platform.pingone_environment)
    waits for its new environment to answer before it returns, so a population task right after it works;
    after a create by other means (such as M(pingone.platform.pingone_api)), wait or retry (C(until)/C(retries)).
'''

EXAMPLES = r'''
- name: Create the environment
  pingone.platform.pingone_environment:
    name: Test environment
    license_name: PingOne Premium
    access_token: "{{ token.access_token }}"
  register: environment

- name: Create a population in it
  pingone.platform.pingone_population:
    target_environment_id: "{{ environment.environment.id }}"
    name: Test users
    description: Users for automated tests
    access_token: "{{ token.access_token }}"
  register: population

- name: Make it the default population
  pingone.platform.pingone_population:
    target_environment_id: "{{ environment.environment.id }}"
    name: Test users
    default: true
    access_token: "{{ token.access_token }}"

- name: Delete a population
  pingone.platform.pingone_population:
    target_environment_id: "{{ environment.environment.id }}"
    name: Old users
    state: absent
    access_token: "{{ token.access_token }}"
'''

RETURN = r'''
population:
  description:
    - The population as PingOne returned it after the task; after a delete, as it was last.
    - In check mode, the population as it is now; V({}) when it would be created.
    - V({}) when O(state=absent) and there was no population.
  returned: success
  type: dict
  contains:
    id:
      description: The population's ID, for later tasks (users are created in a population).
      type: str
      sample: 8e3a1f0c-5b2d-4e6a-9c7d-0f1e2d3c4b5a
    name:
      description: Its name.
      type: str
      sample: Test users
    description:
      description: Its description, when it has one.
      type: str
      sample: Users for automated tests
    default:
      description: Whether it is the environment's default population.
      type: bool
      sample: false
    environment:
      description: The environment, as C({id}).
      type: dict
      sample: {"id": "0b9e8d7c-6a5f-4e3d-8c2b-7a6f5e4d3c2b"}
    userCount:
      description: How many users it holds.
      type: int
      sample: 0
  sample:
    id: 8e3a1f0c-5b2d-4e6a-9c7d-0f1e2d3c4b5a
    name: Test users
    description: Users for automated tests
    default: false
    environment: {"id": "0b9e8d7c-6a5f-4e3d-8c2b-7a6f5e4d3c2b"}
    userCount: 0
diff:
  description: What changed (or would change), as compared fields before and after; V({}) stands for no population.
  returned: success
  type: dict
  sample: {"before": {}, "after": {"name": "Test users", "description": "Users for automated tests", "default": false}}
# BEGIN generated failure-keys: edit FAILURE_KEYS and run tools/module_docs.py
url:
  description: The URL of the request that failed.
  returned: failure, when a request was sent
  type: str
  sample: https://api.pingone.eu/v1/environments/0b9e8d7c-6a5f-4e3d-8c2b-7a6f5e4d3c2b/populations
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
  sample: [{"code": "UNIQUENESS_VIOLATION", "target": "name", "message": "A population with this name already exists."}]
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
    POPULATION_OPTIONS,
    PingOneError,
    api_argument_spec,
    check_population,
    connect,
    ensure_population,
    fail_module,
    require_uuid,
)


def main():
    module = AnsibleModule(argument_spec=api_argument_spec(**POPULATION_OPTIONS), supports_check_mode=True)
    try:
        check_population(module.params)
        env_id = require_uuid(module.params['target_environment_id'], 'target_environment_id',
                              'the ID of the environment that holds the population')
        client, _settings = connect(module)
        with client:
            outcome = ensure_population(client, env_id, module.params, module.check_mode, module.warn)
    except PingOneError as error:
        fail_module(module, error)
    module.exit_json(changed=outcome.changed, population=outcome.object, diff=outcome.diff)


if __name__ == '__main__':
    main()
