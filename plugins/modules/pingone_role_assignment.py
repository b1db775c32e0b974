#!/usr/bin/python
# -*- coding: utf-8 -*-
# Copyright: (c) 2026, pingone.platform maintainers
# GNU General Public License v3.0+ (see LICENSE or https://www.gnu.org/licenses/gpl-3.0.txt)

from __future__ import annotations

DOCUMENTATION = r'''
module: pingone_role_assignment
short_description: Assign a PingOne role to a user, application or group at one scope, or remove the assignment
version_added: 0.1.0
description:
  - Makes sure the subject (a user, an application such as a worker, or a group) of the environment
    O(target_environment_id) holds the role O(role) at the scope O(scope_type) / O(scope_id), or does not.
  - Reads before it writes. It lists the subject's role assignments, creates the one missing with
    C(POST .../roleAssignments) (the role's ID, and the scope's type and ID), deletes it for O(state=absent),
    and reports C(changed) only when it wrote something. An assignment has nothing to update; it exists or not.
  - The role, the subject and the scope are resolved and checked before anything is written. A role name must
    be one C(GET /roles) lists, and the role must apply to O(scope_type) (its C(applicableTo)).
  - An assignment PingOne marks C(readOnly) (the caller may not remove it) is never deleted; the task fails saying so.
author:
  - pingone.platform maintainers (@pingone-ansible)
extends_documentation_fragment:
  - pingone.platform.connection
  - pingone.platform.connection.api
  - pingone.platform.attributes
options:
  target_environment_id:
    description:
      - ID of the environment that holds the subject (the user, application or group), for example
        RV(pingone.platform.pingone_environment#module:environment.id).
      - With O(scope_type=ENVIRONMENT) and no O(scope_id), also the scope.
      - Not to be confused with O(environment_id), the environment of the worker application whose
        credentials get the token.
    type: str
    required: true
  user:
    description:
      - Username of the user who holds the role, looked up in O(target_environment_id).
      - Exactly one of O(user), O(user_id), O(application), O(application_id), O(group) and O(group_id) is required.
    type: str
  user_id:
    description:
      - ID of the user who holds the role.
    type: str
  application:
    description:
      - Name of the application (such as a worker application) that holds the role, looked up in O(target_environment_id).
    type: str
  application_id:
    description:
      - ID of the application that holds the role (its OAuth client ID).
    type: str
  group:
    description:
      - Name of the group whose members hold the role, looked up in O(target_environment_id).
      - Two groups of that name (in different populations) are refused; give O(group_id) then.
    type: str
  group_id:
    description:
      - ID of the group whose members hold the role.
    type: str
  role:
    description:
      - The role's name, exactly as C(GET /roles) lists it, such as V(Environment Admin), V(Identity Data Admin),
        V(Organization Admin) or V(Client Application Developer).
      - M(pingone.platform.pingone_role_info) lists the roles and the scope types each applies to.
      - Exactly one of O(role) and O(role_id) is required.
    type: str
  role_id:
    description:
      - ID of the role, one that C(GET /roles) lists.
    type: str
  scope_type:
    description:
      - What the role applies to. The role must apply to it (RV(pingone.platform.pingone_role_info#module:roles[].applicableTo)).
    type: str
    # BEGIN generated scope_type-choices: edit SCOPE_TYPES and run tools/module_docs.py
    choices: [ORGANIZATION, ENVIRONMENT, POPULATION, APPLICATION]
    # END generated scope_type-choices
    default: ENVIRONMENT
  scope_id:
    description:
      - ID of the organization, environment, population or application the role applies to.
      - When not set, with O(scope_type=ENVIRONMENT) the scope is O(target_environment_id), and with
        O(scope_type=ORGANIZATION) it is the organization of the worker application's environment.
      - With O(scope_type=POPULATION) or O(scope_type=APPLICATION), this or O(scope_name) is required.
      - Mutually exclusive with O(scope_name).
    type: str
  scope_name:
    description:
      - Name of the population (O(scope_type=POPULATION)) or application (O(scope_type=APPLICATION)) the role
        applies to, looked up in O(target_environment_id).
      - Not allowed with O(scope_type=ORGANIZATION) or O(scope_type=ENVIRONMENT); give O(scope_id) for another environment.
    type: str
  state:
    description:
      - V(present) creates the assignment when it is missing; V(absent) deletes it.
      - The role, subject and scope must exist either way; a name that matches nothing is an error.
    type: str
    choices: [present, absent]
    default: present
attributes:
  check_mode:
    details: The roles, the subject, the scope and the subject's role assignments are read; nothing is written.
  diff_mode:
    details: The diff shows the assignment as role_id, scope_type and scope_id; V({}) stands for no assignment.
seealso:
  - module: pingone.platform.pingone_role_info
  - module: pingone.platform.pingone_user
  - module: pingone.platform.pingone_application
  - module: pingone.platform.pingone_group
  - name: PingOne role assignments API
    description: Role assignments of users, applications and groups.
    link: https://developer.pingidentity.com/pingone-api/platform/roles.html
notes:
  - PingOne limits who may assign what. Nobody assigns a role they do not hold themselves (at that scope or a wider
    one), and an Organization Admin may assign only Environment Admin. PingOne answers 403 otherwise.
  - Right after an assignment, PingOne may refuse the calls it allows for a few seconds; this collection's modules
    wait that out (bounded) when PingOne says so.
  - Custom roles (C(/environments/<id>/roles)) are not looked up; only the roles C(GET /roles) lists.
'''

EXAMPLES = r'''
- name: Make a user Environment Admin of the environment the user is in
  pingone.platform.pingone_role_assignment:
    target_environment_id: "{{ environment.environment.id }}"
    user: jdoe
    role: Environment Admin
    access_token: "{{ token.access_token }}"

- name: Let a worker application manage the users of one population
  pingone.platform.pingone_role_assignment:
    target_environment_id: "{{ environment.environment.id }}"
    application: Provisioning worker
    role: Identity Data Admin
    scope_type: POPULATION
    scope_name: Test users
    access_token: "{{ token.access_token }}"

- name: Make a group's members Environment Admin of another environment
  pingone.platform.pingone_role_assignment:
    target_environment_id: "{{ admin_environment_id }}"
    group: Operators
    role: Environment Admin
    scope_id: "{{ environment.environment.id }}"
    access_token: "{{ token.access_token }}"

- name: Remove an organization-wide role
  pingone.platform.pingone_role_assignment:
    target_environment_id: "{{ admin_environment_id }}"
    user_id: "{{ user.user.id }}"
    role: Environment Admin
    scope_type: ORGANIZATION
    state: absent
    access_token: "{{ token.access_token }}"
'''

RETURN = r'''
role_assignment:
  description:
    - The role assignment as PingOne returned it after the task; after a delete, as it was last.
    - In check mode, the assignment as it is now; V({}) when it would be created.
    - V({}) when O(state=absent) and there was no such assignment.
  returned: success
  type: dict
  contains:
    id:
      description: The assignment's ID.
      type: str
      sample: 1f2e3d4c-5b6a-4978-8a9b-0c1d2e3f4a5b
    role:
      description: The role, as C({id}).
      type: dict
      sample: {"id": "7b6a5c4d-3e2f-4a1b-9c8d-7e6f5a4b3c2d"}
    scope:
      description: The scope, as C({id, type}).
      type: dict
      sample: {"id": "0b9e8d7c-6a5f-4e3d-8c2b-7a6f5e4d3c2b", "type": "ENVIRONMENT"}
    readOnly:
      description: Whether the caller may not delete it.
      type: bool
      sample: false
  sample:
    id: 1f2e3d4c-5b6a-4978-8a9b-0c1d2e3f4a5b
    role: {"id": "7b6a5c4d-3e2f-4a1b-9c8d-7e6f5a4b3c2d"}
    scope: {"id": "0b9e8d7c-6a5f-4e3d-8c2b-7a6f5e4d3c2b", "type": "ENVIRONMENT"}
    environment: {"id": "0b9e8d7c-6a5f-4e3d-8c2b-7a6f5e4d3c2b"}
    readOnly: false
diff:
  description: What changed (or would change), as the assignment before and after; V({}) stands for no assignment.
  returned: success
  type: dict
  sample: {"before": {}, "after": {"role_id": "7b6a5c4d-3e2f-4a1b-9c8d-7e6f5a4b3c2d", "scope_type": "ENVIRONMENT",
           "scope_id": "0b9e8d7c-6a5f-4e3d-8c2b-7a6f5e4d3c2b"}}
# BEGIN generated failure-keys: edit FAILURE_KEYS and run tools/module_docs.py
url:
  description: The URL of the request that failed.
  returned: failure, when a request was sent
  type: str
  sample: https://api.pingone.eu/v1/environments/0b9e8d7c-6a5f-4e3d-8c2b-7a6f5e4d3c2b/users/3c8f1e2a-9b7d-4c6e-8a5f-1d2e3f4a5b6c/roleAssignments
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
  description: The option whose value was refused (some checks need a read first, such as O(role)).
  returned: failure, on bad input
  type: str
  sample: role
# END generated failure-keys
'''

from ansible.module_utils.basic import AnsibleModule

from ansible_collections.pingone.platform.plugins.module_utils.pingone import (
    ROLE_ASSIGNMENT_OPTIONS,
    ROLE_ASSIGNMENT_SUBJECT_OPTIONS,
    PingOneError,
    api_argument_spec,
    check_role_assignment,
    connect,
    ensure_role_assignment,
    fail_module,
)


def main():
    module = AnsibleModule(
        argument_spec=api_argument_spec(**ROLE_ASSIGNMENT_OPTIONS),
        mutually_exclusive=[ROLE_ASSIGNMENT_SUBJECT_OPTIONS, ('role', 'role_id'), ('scope_id', 'scope_name')],
        required_one_of=[ROLE_ASSIGNMENT_SUBJECT_OPTIONS, ('role', 'role_id')],
        supports_check_mode=True,
    )
    params = dict(module.params)
    try:
        check_role_assignment(params)
        client, _settings = connect(module)
        with client:
            outcome = ensure_role_assignment(client, params, module.check_mode, module.warn)
    except PingOneError as error:
        fail_module(module, error)
    module.exit_json(changed=outcome.changed, role_assignment=outcome.object, diff=outcome.diff)


if __name__ == '__main__':
    main()
