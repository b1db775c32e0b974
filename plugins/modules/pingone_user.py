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
  - pingone.platform.connection.bulk
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
      - One of O(username) and O(users) is required.
    type: str
  state:
    description:
      - V(present) creates or updates the user; V(absent) deletes it.
      - With O(users), the state of every item that does not set its own.
    type: str
    choices: [present, absent]
    default: present
  users:
    description:
      - Many users in one task, each a dictionary of the per-user options below. Mutually exclusive with O(username).
      - O(target_environment_id), O(update_password), O(force_password_change), O(state) and the connection
        options apply to every item; the per-user options are given inside the items only.
      - The requests are sent O(concurrency) at a time, sharing one token and one connection pool. From 20 users
        on, the environment's users are read once, page by page (1000 a page), instead of once per user, so a run
        that changes nothing costs a handful of requests. Each population name is read once per task.
      - A user PingOne refuses (an invalid email, a duplicate, a server error that retries could not get
        through) does not stop the others. Every user that can be written is written; then the task fails
        with a summary of the counts and the first failures, and RV(users) says which failed and why.
      - A list that names one username twice, or two usernames that differ only in case (PingOne compares them
        ignoring case), is refused before any request, naming both positions.
      - Every request of the task keeps PingOne's pace. After a 429, no request is sent before the latest
        C(Retry-After) any worker was given has passed, and a 429 does not use up a user's O(retries); a user
        fails only on a real error, or when no request of the task got through for 120 seconds. O(rate_limit)
        spaces the requests from the first one, so no 429 comes at all.
      - A request that failed on the way (a server error, a dropped connection, a timeout) is followed by a
        look-up by username before anything is sent again, so a create whose answer was lost is found, never
        made twice. A run that was interrupted converges when run again.
      - In bulk mode the result holds RV(users) and RV(summary), not the full user objects, and the diff lists
        each user that changes (or would change), with passwords only as a marker.
    type: list
    elements: dict
    suboptions:
      username:
        description: The user's username.
        type: str
        required: true
      state:
        description: V(present) or V(absent) for this user; O(state) when not set.
        type: str
        choices: [present, absent]
      email:
        description: As O(email).
        type: str
      given_name:
        description: As O(given_name).
        type: str
      family_name:
        description: As O(family_name).
        type: str
      population:
        description: As O(population). Mutually exclusive with O(users[].population_id).
        type: str
      population_id:
        description: As O(population_id).
        type: str
      enabled:
        description: As O(enabled).
        type: bool
      password:
        description: As O(password); never shown in any output.
        type: str
      attributes:
        description: As O(attributes).
        type: dict
  concurrency:
    description:
      - With O(users), how many requests are in flight at once (1 to 50).
      - PingOne's rate limit is per licence and shared by its environments; one source IP gets a share of it
        (35 % by default). When PingOne answers 429 with C(Retry-After), every worker pauses until then, so a
        figure above what the share allows costs pauses, not errors; O(rate_limit) avoids even those. See the
        collection's docs/performance.md for how to pick it.
    type: int
    default: 8
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

- name: Load many users in one task, eight requests at a time
  pingone.platform.pingone_user:
    target_environment_id: "{{ environment.environment.id }}"
    users: "{{ test_users }}"   # a list of dicts: username, email, given_name, password, population, state, ...
    concurrency: 8
    access_token: "{{ token.access_token }}"
  register: loaded   # no no_log needed for the passwords (masked as no_log suboptions); it would hide each user's msg

- name: Say what was done
  ansible.builtin.debug:
    msg: "{{ loaded.summary }}"

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
users:
  description:
    - With O(users), one entry per item, in the order given.
  returned: when O(users) is set
  type: list
  elements: dict
  contains:
    username:
      description: The item's username.
      type: str
    id:
      description: The user's ID, when it exists (or existed, for a delete); V(null) for a failed create or in check mode.
      type: str
    action:
      description: V(created), V(updated), V(unchanged), V(deleted) or V(failed) (what happened, or would in check mode).
      type: str
    msg:
      description: Why it failed.
      type: str
      returned: when O(users[].username) failed
  sample: [{"username": "jdoe", "id": "3c8f1e2a-9b7d-4c6e-8a5f-1d2e3f4a5b6c", "action": "created"},
           {"username": "bad", "id": null, "action": "failed", "msg": "POST ... failed with HTTP 400 ..."}]
summary:
  description: With O(users), how many users were created, updated, unchanged, deleted and failed.
  returned: when O(users) is set
  type: dict
  sample: {"created": 998, "updated": 0, "unchanged": 0, "deleted": 0, "failed": 2}
diff:
  description:
    - What changed (or would change), as compared fields before and after; V({}) stands for no user.
    - With O(users), a list of such diffs, one for each user that changed, headed by its username.
  returned: success
  type: raw
  sample: {"before": {}, "after": {"username": "jdoe", "email": "jdoe@example.com", "password": "(set by this task)"}}
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
    MAX_CONCURRENCY,
    PingOneError,
    PingOneInputError,
    SINGLE_USER_OPTIONS,
    USER_MODULE_OPTIONS,
    bulk_argument_spec,
    check_user,
    connect,
    ensure_user,
    ensure_users,
    fail_module,
    refuse_duplicates,
    require_uuid,
)


def one_user(module, client, env_id, params):
    outcome = ensure_user(client, env_id, params, module.check_mode, module.warn)
    module.exit_json(changed=outcome.changed, user=outcome.object, diff=outcome.diff)


def many_users(module, client, env_id, params):
    result = ensure_users(client, env_id, params['users'], params, module.check_mode, params['concurrency'], module.warn)
    users = [item.entry('username') for item in result.items]
    diffs = [dict(item.diff, before_header=item.key, after_header=item.key) for item in result.items if item.diff]
    if result.failed:
        module.fail_json(msg=result.sentence('user', 'username'), changed=result.changed, users=users, summary=result.summary)
    module.exit_json(changed=result.changed, users=users, summary=result.summary, diff=diffs)


def main():
    module = AnsibleModule(
        argument_spec=bulk_argument_spec(**USER_MODULE_OPTIONS),
        mutually_exclusive=[('population', 'population_id'), ('username', 'users')],
        required_one_of=[('username', 'users')],
        supports_check_mode=True,
    )
    params = dict(module.params)
    try:
        if params['users'] is not None:
            given = [name for name in SINGLE_USER_OPTIONS if params.get(name) is not None]
            if given:
                raise PingOneInputError('%s is set next to users: give it inside each item of users instead.' % given[0], option=given[0])
            if not 1 <= params['concurrency'] <= MAX_CONCURRENCY:
                raise PingOneInputError('concurrency is %d: give a number from 1 to %d.' % (params['concurrency'], MAX_CONCURRENCY),
                                        option='concurrency')
            refuse_duplicates([item.get('username') for item in params['users']], 'users', 'username', 'user')
        else:
            check_user(params)
        env_id = require_uuid(params['target_environment_id'], 'target_environment_id', 'the ID of the environment that holds the user')
        client, _settings = connect(module, workers=params['concurrency'] if params['users'] is not None else None)
        with client:
            if params['users'] is not None:
                many_users(module, client, env_id, params)
            else:
                one_user(module, client, env_id, params)
    except PingOneError as error:
        fail_module(module, error)


if __name__ == '__main__':
    main()
