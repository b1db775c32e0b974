#!/usr/bin/python
# -*- coding: utf-8 -*-
# Copyright: (c) 2026, pingone.platform maintainers
# GNU General Public License v3.0+ (see LICENSE or https://www.gnu.org/licenses/gpl-3.0.txt)

from __future__ import annotations

DOCUMENTATION = r'''
module: pingone_user
short_description: Create, update or delete a user in a PingOne environment, by username
version_added: 0.1.0
description:
  - Makes sure the user with the username O(username) exists in the environment O(target_environment_id)
    with the profile, population, status and password given, or does not exist.
  - Reads before it writes. It looks the user up by username, creates it when it is missing, changes only
    the fields that differ and that the task sets, and reports C(changed) only when it wrote something.
  - Each change goes to PingOne's own endpoint for it. Profile fields are sent with C(PATCH), so fields
    the task does not name are left as they are. A move to another population uses C(PUT .../population),
    enabling or disabling uses C(PUT .../enabled), and a new password uses C(PUT .../password) with the
    content type C(application/vnd.pingidentity.password.set+json). A user created with a password is
    created as a user import (C(application/vnd.pingidentity.user.import+json)), the only way PingOne
    takes a password in a create.
author:
  - pingone.platform maintainers (@pingone-ansible)
extends_documentation_fragment:
  - pingone.platform.connection
  - pingone.platform.connection.api
  - pingone.platform.attributes
options:
  target_environment_id:
    description:
      - ID of the environment that holds the user, for example RV(pingone.platform.pingone_environment#module:environment.id).
      - Not to be confused with O(environment_id), the environment of the worker application whose
        credentials get the token.
    type: str
    required: true
  username:
    description:
      - The user's username, unique in the environment. PingOne compares usernames ignoring case, so a user
        whose username differs only in case is reported as an error instead of being created twice.
    type: str
    required: true
  state:
    description:
      - V(present) creates or updates the user; V(absent) deletes it.
    type: str
    choices: [present, absent]
    default: present
  email:
    description:
      - The user's email address. PingOne needs one to create a user; for an existing user it is changed only when set.
    type: str
  given_name:
    description:
      - The user's given (first) name, C(name.given) in PingOne. Left as it is when not set.
    type: str
  family_name:
    description:
      - The user's family (last) name, C(name.family) in PingOne. Left as it is when not set.
    type: str
  population:
    description:
      - Name of the population the user belongs to, looked up in the environment.
      - When neither this nor O(population_id) is set, a new user goes to the environment's default
        population, and an existing user stays where it is.
      - Mutually exclusive with O(population_id).
    type: str
  population_id:
    description:
      - ID of the population the user belongs to. Mutually exclusive with O(population).
    type: str
  enabled:
    description:
      - Whether the user may sign on. A new user is enabled unless this is V(false). Left as it is when not set.
    type: bool
  password:
    description:
      - The user's password. It is never returned, and a diff shows only that it was set.
      - Set on create; for an existing user only with O(update_password=always).
      - Not allowed with O(state=absent).
    type: str
  update_password:
    description:
      - V(on_create) sets O(password) only when the user is created (as M(ansible.builtin.user) does).
      - V(always) sets it on every run, since PingOne never shows a password to compare; the task then
        reports C(changed) every time.
    type: str
    choices: [always, on_create]
    default: on_create
  force_password_change:
    description:
      - Whether the user must change O(password) at the next sign-on (C(forceChange) in PingOne).
    type: bool
    default: false
  attributes:
    description:
      - Further user fields by their PingOne API names, such as C(title), C(locale), C(mobilePhone),
        C(nickname), C(preferredLanguage), C(address) or the names of custom schema attributes.
      - Only the keys given are managed; the others are left as they are.
      - Fields with an option of their own (C(username), C(email), C(name), C(population), C(enabled),
        C(password)) and fields PingOne sets itself (C(id), C(createdAt), C(memberOfGroupIDs) and the like) are refused.
    type: dict
attributes:
  check_mode:
    details: The user and, when O(population) is set, the populations are read; nothing is written.
  diff_mode:
    details: The diff compares username, email, given_name, family_name, population_id, enabled, the O(attributes) given, and
      shows a password that would be set only as a marker.
seealso:
  - module: pingone.platform.pingone_user_info
  - module: pingone.platform.pingone_group
  - module: pingone.platform.pingone_role_assignment
  - name: PingOne users API
    description: The user resource and its password, enabled and population endpoints.
    link: https://developer.pingidentity.com/pingone-api/platform/users/users.html
notes:
  - Setting a password in a create needs the worker application to hold the Identity Data Admin role in the environment.
  - Set C(no_log) on tasks whose variables hold passwords you do not want in logs; the module already keeps
    O(password) out of its result and diff.
'''

EXAMPLES = r'''
- name: Create a user with a password in a population
  pingone.platform.pingone_user:
    target_environment_id: "{{ environment.environment.id }}"
    username: jdoe
    email: jdoe@example.com
    given_name: Jane
    family_name: Doe
    population: Test users
    password: "{{ vault_jdoe_password }}"
    access_token: "{{ token.access_token }}"
  register: user

- name: Set further fields; the ones not named are left alone
  pingone.platform.pingone_user:
    target_environment_id: "{{ environment.environment.id }}"
    username: jdoe
    attributes:
      title: Engineer
      locale: en-GB
    access_token: "{{ token.access_token }}"

- name: Disable the user
  pingone.platform.pingone_user:
    target_environment_id: "{{ environment.environment.id }}"
    username: jdoe
    enabled: false
    access_token: "{{ token.access_token }}"

- name: Delete the user
  pingone.platform.pingone_user:
    target_environment_id: "{{ environment.environment.id }}"
    username: jdoe
    state: absent
    access_token: "{{ token.access_token }}"
'''

RETURN = r'''
user:
  description:
    - The user as PingOne returned it after the task (never with a password); after a delete, as it was last.
    - In check mode, the user as it is now; V({}) when it would be created.
    - V({}) when O(state=absent) and there was no user.
  returned: success
  type: dict
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
    name:
      description: Its names, as C(given) and C(family).
      type: dict
      sample: {"given": "Jane", "family": "Doe"}
    population:
      description: Its population, as C({id}).
      type: dict
      sample: {"id": "8e3a1f0c-5b2d-4e6a-9c7d-0f1e2d3c4b5a"}
    enabled:
      description: Whether it may sign on.
      type: bool
      sample: true
  sample:
    id: 3c8f1e2a-9b7d-4c6e-8a5f-1d2e3f4a5b6c
    username: jdoe
    email: jdoe@example.com
    name: {"given": "Jane", "family": "Doe"}
    population: {"id": "8e3a1f0c-5b2d-4e6a-9c7d-0f1e2d3c4b5a"}
    enabled: true
    environment: {"id": "0b9e8d7c-6a5f-4e3d-8c2b-7a6f5e4d3c2b"}
diff:
  description: What changed (or would change), as compared fields before and after; V({}) stands for no user.
  returned: success
  type: dict
  sample: {"before": {}, "after": {"username": "jdoe", "email": "jdoe@example.com", "password": "(set by this task)"}}
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
  description: The option whose value was refused (some checks need a read first, such as O(population)).
  returned: failure, on bad input
  type: str
  sample: population
'''

from ansible.module_utils.basic import AnsibleModule

from ansible_collections.pingone.platform.plugins.module_utils.pingone import (
    PingOneError,
    PingOneInputError,
    UserKind,
    api_argument_spec,
    check_user_attributes,
    connect,
    ensure,
    fail_module,
    lookup,
    require_uuid,
)

USER_OPTIONS = dict(
    username=dict(type='str'),
    state=dict(type='str', choices=['present', 'absent'], default='present'),
    email=dict(type='str'),
    given_name=dict(type='str'),
    family_name=dict(type='str'),
    population=dict(type='str'),
    population_id=dict(type='str'),
    enabled=dict(type='bool'),
    password=dict(type='str', no_log=True),
    attributes=dict(type='dict'),
)


def check_user(params):
    """Refuse what can be told wrong before any request."""
    if not (params['username'] or '').strip():
        raise PingOneInputError('username is empty: give the username of the user.', option='username')
    if params['state'] == 'absent' and params.get('password') is not None:
        raise PingOneInputError('password is set with state absent: a deleted user has no password; remove password.', option='password')
    if params.get('population_id') is not None:
        params['population_id'] = require_uuid(params['population_id'], 'population_id', 'the ID of a population of the environment')
    check_user_attributes(params.get('attributes'))


def population_id(client, env_id, params):
    """The ID of the population the task names (by name or ID), or None when it names none."""
    if params.get('population') is None:
        return params.get('population_id')
    return lookup(client, '/environments/%s/populations' % env_id, params['population'], 'population', 'population',
                  search=None)['id'].lower()


def main():
    module = AnsibleModule(
        argument_spec=api_argument_spec(
            target_environment_id=dict(type='str', required=True),
            update_password=dict(type='str', choices=['always', 'on_create'], default='on_create', no_log=False),
            force_password_change=dict(type='bool', default=False, no_log=False),
            **dict(USER_OPTIONS, username=dict(type='str', required=True)),
        ),
        mutually_exclusive=[('population', 'population_id')],
        supports_check_mode=True,
    )
    params = dict(module.params)
    try:
        check_user(params)
        env_id = require_uuid(params['target_environment_id'], 'target_environment_id', 'the ID of the environment that holds the user')
        client, _settings = connect(module)
        with client:
            if params['state'] == 'present':
                params['population_id'] = population_id(client, env_id, params)
            outcome = ensure(client, UserKind(), '/environments/%s/users' % env_id, params, module.check_mode, module.warn)
    except PingOneError as error:
        fail_module(module, error)
    module.exit_json(changed=outcome.changed, user=outcome.object, diff=outcome.diff)


if __name__ == '__main__':
    main()
