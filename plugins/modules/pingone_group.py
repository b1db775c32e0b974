#!/usr/bin/python
# -*- coding: utf-8 -*-
# Copyright: (c) 2026, pingone.platform maintainers
# GNU General Public License v3.0+ (see LICENSE or https://www.gnu.org/licenses/gpl-3.0.txt)

from __future__ import annotations

DOCUMENTATION = r'''
module: pingone_group
short_description: Create, update or delete a group in a PingOne environment, by name, and manage its members
version_added: 0.1.0
description:
  - Makes sure the group with the name O(name) exists in the environment O(target_environment_id) with the
    description and population given, and with the users of O(members) in it; or that it does not exist.
  - Reads before it writes. It looks the group up by name, creates it when it is missing, changes only the
    fields that differ and that the task sets, adds or removes only the members that differ, and reports
    C(changed) only when it wrote something.
  - PingOne lets two populations each have a group of the same name. O(population) or O(population_id) then
    picks the group; without either, a name that several groups share is refused as ambiguous.
  - Membership is held on the user in PingOne. A member is added with C(POST .../users/{id}/memberOfGroups)
    and removed with C(DELETE .../users/{id}/memberOfGroups/{groupId}); the current members are read with
    C(GET .../users?filter=memberOfGroups[id eq "{groupId}"]). Every username of O(members) is looked up
    before anything is written, so an unknown username fails the task with nothing changed.
author:
  - pingone.platform maintainers (@pingone-ansible)
extends_documentation_fragment:
  - pingone.platform.connection
  - pingone.platform.connection.api
  - pingone.platform.connection.bulk
  - pingone.platform.attributes
options:
  target_environment_id:
    description:
      - ID of the environment that holds the group, for example RV(pingone.platform.pingone_environment#module:environment.id).
      - Not to be confused with O(environment_id), the environment of the worker application whose
        credentials get the token.
    type: str
    required: true
  name:
    description:
      - The group's name, compared exactly. A group whose name differs only in case is reported as an error
        instead of a second one being created.
    type: str
    required: true
  state:
    description:
      - V(present) creates or updates the group and its members; V(absent) deletes the group (its users stay).
    type: str
    choices: [present, absent]
    default: present
  description:
    description:
      - The group's description. An empty string removes it. Left as it is when not set.
    type: str
  population:
    description:
      - Name of the population the group belongs to, looked up in the environment.
      - A new group is created in it; without this or O(population_id), a new group is an environment group,
        in no population. It also picks the group when groups of the same name exist in several populations.
      - The population of a group cannot change after it is created.
      - Mutually exclusive with O(population_id).
    type: str
  population_id:
    description:
      - ID of the population the group belongs to. Mutually exclusive with O(population).
    type: str
  members:
    description:
      - Usernames of the users that are members of the group. Each must name an existing user of the environment.
      - A username listed twice, or two that differ only in case (PingOne compares usernames ignoring case), is
        refused before any request.
      - The users listed are added when they are not members yet. Members not listed stay, unless O(purge_members=true).
      - When not set, the membership is left as it is.
      - Not allowed with O(state=absent).
    type: list
    elements: str
  purge_members:
    description:
      - Whether members that O(members) does not list are removed from the group.
      - With V(true) and O(members=[]), every member is removed.
      - Has no effect when O(members) is not set.
    type: bool
    default: false
  concurrency:
    description:
      - How many membership changes are sent at once (1 to 50), sharing one token and one connection pool.
      - From 20 members on, the environment's users are read once, page by page, to find them, instead of
        one look-up per username. The current members are always read in one paged request.
      - A change PingOne refuses does not stop the others; the task then fails, saying how many failed.
      - After a 429, no request of the task is sent before the latest C(Retry-After) any of them was given has
        passed, and a 429 does not use up a change's O(retries); see O(rate_limit).
    type: int
    default: 8
attributes:
  check_mode:
    details: The group, its members, the users of O(members) and, when O(population) is set, the populations are read;
      nothing is written, and RV(members) holds the members the task would leave.
  diff_mode:
    details: The diff compares name, description, population_id and the usernames of the members.
seealso:
  - module: pingone.platform.pingone_group_info
  - module: pingone.platform.pingone_user
  - module: pingone.platform.pingone_role_assignment
  - name: PingOne groups API
    description: The group resource, and the group memberships of a user.
    link: https://developer.pingidentity.com/pingone-api/platform/groups.html
notes:
  - The members read are the users PingOne reports in the group. Members that the group has through a nested group
    or through its user filter (C(userFilter)) cannot be removed here, so do not use O(purge_members) on such a group.
  - Membership changes are one request per user; a long O(members) list takes a request per username to look it up.
'''

EXAMPLES = r'''
- name: Create a group with two members
  pingone.platform.pingone_group:
    target_environment_id: "{{ environment.environment.id }}"
    name: Developers
    description: Application developers
    members:
      - jdoe
      - asmith
    access_token: "{{ token.access_token }}"
  register: group

- name: Create a group in a population
  pingone.platform.pingone_group:
    target_environment_id: "{{ environment.environment.id }}"
    name: Testers
    population: Test users
    access_token: "{{ token.access_token }}"

- name: Make jdoe the only member
  pingone.platform.pingone_group:
    target_environment_id: "{{ environment.environment.id }}"
    name: Developers
    members: [jdoe]
    purge_members: true
    access_token: "{{ token.access_token }}"

- name: Delete the group
  pingone.platform.pingone_group:
    target_environment_id: "{{ environment.environment.id }}"
    name: Developers
    state: absent
    access_token: "{{ token.access_token }}"
'''

RETURN = r'''
group:
  description:
    - The group as PingOne returned it after the task; after a delete, as it was last.
    - In check mode, the group as it is now; V({}) when it would be created.
    - V({}) when O(state=absent) and there was no group.
  returned: success
  type: dict
  contains:
    id:
      description: The group's ID, for later tasks (such as a role assignment to the group).
      type: str
      sample: 7d6c5b4a-3f2e-4d1c-9b8a-7f6e5d4c3b2a
    name:
      description: Its name.
      type: str
      sample: Developers
    description:
      description: Its description, when it has one.
      type: str
      sample: Application developers
    population:
      description: Its population, as C({id}); not returned for an environment group.
      type: dict
      sample: {"id": "8e3a1f0c-5b2d-4e6a-9c7d-0f1e2d3c4b5a"}
    environment:
      description: The environment, as C({id}).
      type: dict
      sample: {"id": "0b9e8d7c-6a5f-4e3d-8c2b-7a6f5e4d3c2b"}
  sample:
    id: 7d6c5b4a-3f2e-4d1c-9b8a-7f6e5d4c3b2a
    name: Developers
    description: Application developers
    environment: {"id": "0b9e8d7c-6a5f-4e3d-8c2b-7a6f5e4d3c2b"}
members:
  description:
    - The usernames of the group's members after the task, sorted; in check mode, those it would have.
    - V([]) after a delete, and when there is no group.
  returned: success
  type: list
  elements: str
  sample: [asmith, jdoe]
diff:
  description: What changed (or would change), as compared fields and member usernames before and after; V({}) stands for no group.
  returned: success
  type: dict
  sample: {"before": {"name": "Developers", "description": "", "members": ["jdoe"]},
           "after": {"name": "Developers", "description": "", "members": ["asmith", "jdoe"]}}
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
    GROUP_OPTIONS,
    MAX_CONCURRENCY,
    PingOneError,
    PingOneInputError,
    bulk_argument_spec,
    check_group,
    connect,
    ensure_group,
    fail_module,
    require_uuid,
)


def main():
    module = AnsibleModule(
        argument_spec=bulk_argument_spec(**GROUP_OPTIONS),
        mutually_exclusive=[('population', 'population_id')],
        supports_check_mode=True,
    )
    params = dict(module.params)
    try:
        check_group(params)
        if not 1 <= params['concurrency'] <= MAX_CONCURRENCY:
            raise PingOneInputError('concurrency is %d: give a number from 1 to %d.' % (params['concurrency'], MAX_CONCURRENCY),
                                    option='concurrency')
        env_id = require_uuid(params['target_environment_id'], 'target_environment_id', 'the ID of the environment that holds the group')
        client, _settings = connect(module, workers=params['concurrency'])
        with client:
            changed, group, members, changes = ensure_group(client, env_id, params, module.check_mode, module.warn)
    except PingOneError as error:
        fail_module(module, error)
    module.exit_json(changed=changed, group=group, members=members, diff=changes)


if __name__ == '__main__':
    main()
