#!/usr/bin/python
# -*- coding: utf-8 -*-
# Copyright: (c) 2026, pingone.platform maintainers
# GNU General Public License v3.0+ (see LICENSE or https://www.gnu.org/licenses/gpl-3.0.txt)

from __future__ import annotations

DOCUMENTATION = r'''
module: pingone_sign_on_policy
short_description: Create, update or delete a PingOne sign-on policy and its ordered actions, by name
version_added: 0.1.0
description:
  - Makes sure a sign-on policy named O(name) exists in the environment O(target_environment_id) with
    the actions O(actions) lists, in that order, or does not exist.
  - The actions are reconciled in place. An action whose type stays keeps its id and is updated (a full
    C(PUT)) when its settings differ; actions are reordered by updating their priorities; an action whose
    type changes is replaced; the rest are created or deleted. The writes are sent in an order PingOne
    accepts, never two actions at one priority and never the deletion of a policy's last action; new actions
    are created first (at a free priority above the others when their own is taken), then the others are
    deleted, then actions move to their priorities.
  # BEGIN generated built-in-policies: edit the kind registry (built_ins) and run tools/module_docs.py
  - PingOne's own policies C(Single_Factor) and C(Multi_Factor) are found by name and managed, never created or deleted.
  # END generated built-in-policies
  - Running the same task twice changes nothing the second time.
author:
  - pingone.platform maintainers (@pingone-ansible)
extends_documentation_fragment:
  - pingone.platform.connection
  - pingone.platform.connection.api
  - pingone.platform.attributes
options:
  target_environment_id:
    description:
      - ID of the environment that holds the policy.
    type: str
    required: true
  name:
    description:
      - The policy's name, unique in the environment and compared exactly.
    type: str
    required: true
  description:
    description:
      - The policy's description. Left as it is when not set.
    type: str
  default:
    description:
      - V(true) makes the policy the environment's default (the previous default stops being one).
      - V(false) or unset leaves the environment's default alone; to move the default, set V(true) on another policy.
    type: bool
    default: false
  actions:
    description:
      - The policy's actions in order; the first has priority 1. Given, the policy ends with exactly these
        actions; not set, its actions are left alone.
      - An empty list is refused, because PingOne keeps at least one action in every policy.
      - The priority is the position in the list, so two actions cannot share one.
    type: list
    elements: dict
    suboptions:
      type:
        description:
          - The action's type.
        type: str
        required: true
        # BEGIN generated actions.type-choices: edit SIGN_ON_ACTION_TYPES and run tools/module_docs.py
        choices: [LOGIN, MULTI_FACTOR_AUTHENTICATION, IDENTIFIER_FIRST, IDENTITY_PROVIDER, PROGRESSIVE_PROFILING,
                  AGREEMENT]
        # END generated actions.type-choices
      conditions:
        description:
          - When the action applies, as the action's C(condition) object in PingOne's API, for example
            C(secondsSince) C(${session.lastSignOn.withAuthenticator.pwd.at}) with C(greater) C(43200).
            Ping's Terraform provider calls it C(conditions).
        type: dict
      registration_population:
        description:
          - C(LOGIN) only. The name of a population; registration is turned on and new users go into it.
          - Not set, the action's registration is left as it is.
        type: str
      recovery_enabled:
        description:
          - C(LOGIN) only. Whether users may recover their password.
        type: bool
      mfa_device_policy:
        description:
          - C(MULTI_FACTOR_AUTHENTICATION) only. The name of the MFA device policy the action uses.
        type: str
      identity_provider:
        description:
          - C(IDENTITY_PROVIDER) only. The name of the external identity provider users are sent to.
        type: str
      agreement:
        description:
          - C(AGREEMENT) only. The name of the agreement users must accept.
        type: str
      settings:
        description:
          - Any other field of this action type, in PingOne's names (for example C(noDevicesMode) of an MFA
            action, C(attributes) of a progressive profiling action), checked against Ping's description of
            the action type before anything is sent.
          - C(type), C(priority) and C(condition) are set by the list and O(actions[].conditions), never here.
        type: dict
  state:
    description:
      - V(present) creates or updates the policy; V(absent) deletes it with its actions.
      - PingOne refuses to delete the default policy, and a policy an application still uses. The module reads
        the policy and every application's sign-on policy assignments first and refuses such a delete before
        anything is written, naming the applications.
    type: str
    choices: [present, absent]
    default: present
attributes:
  check_mode:
    details: The policy, its actions and the objects the actions name are read; nothing is written.
  diff_mode:
    details: The diff shows the policy's name, description, default and (when O(actions) is given, or on delete) its actions
      in order, in PingOne's names, with the ids of the objects they name.
seealso:
  - module: pingone.platform.pingone_object
  - name: PingOne sign-on policies API
    description: Sign-on policies and their actions.
    link: https://developer.pingidentity.com/pingone-api/platform/sign-on-policies.html
notes:
  - Every action body is checked against Ping's description of its type before any request; a population,
    MFA device policy, identity provider or agreement named by a name that does not exist is refused after
    reading, before any write.
'''

EXAMPLES = r'''
- name: A policy that asks for a password, then MFA
  pingone.platform.pingone_sign_on_policy:
    target_environment_id: "{{ environment_id }}"
    name: Corporate MFA
    description: Password, then MFA
    actions:
      - type: LOGIN
        recovery_enabled: true
      - type: MULTI_FACTOR_AUTHENTICATION
        mfa_device_policy: Default MFA Policy
        settings:
          noDevicesMode: BLOCK
    access_token: "{{ token.access_token }}"
  register: policy

- name: Register new users into a population, and make the policy the default
  pingone.platform.pingone_sign_on_policy:
    target_environment_id: "{{ environment_id }}"
    name: Self service
    default: true
    actions:
      - type: LOGIN
        registration_population: Customers
    access_token: "{{ token.access_token }}"

- name: Delete a policy
  pingone.platform.pingone_sign_on_policy:
    target_environment_id: "{{ environment_id }}"
    name: Old policy
    state: absent
    access_token: "{{ token.access_token }}"
'''

RETURN = r'''
sign_on_policy:
  description:
    - The policy as PingOne returned it after the task, with its C(actions) in order; after a delete, as it was last.
    - In check mode, the policy as it is now; V({}) when it would be created.
    - V({}) when O(state=absent) and there was no policy.
  returned: success
  type: dict
  contains:
    id:
      description: The policy's ID.
      type: str
      sample: 5d1e0c4a-9b2f-4e3d-8a7c-6b5f4e3d2c1b
    name:
      description: Its name.
      type: str
      sample: Corporate MFA
    default:
      description: Whether it is the environment's default policy.
      type: bool
      sample: false
    actions:
      description: Its actions in priority order, as PingOne has them.
      type: list
      elements: dict
      sample: [{"id": "1f2e3d4c-5b6a-4789-8a9b-0c1d2e3f4a5b", "priority": 1, "type": "LOGIN", "recovery": {"enabled": true}}]
  sample:
    id: 5d1e0c4a-9b2f-4e3d-8a7c-6b5f4e3d2c1b
    name: Corporate MFA
    default: false
    actions: [{"id": "1f2e3d4c-5b6a-4789-8a9b-0c1d2e3f4a5b", "priority": 1, "type": "LOGIN", "recovery": {"enabled": true}}]
diff:
  description: What changed (or would change); V({}) stands for no policy.
  returned: success
  type: dict
  sample: {"before": {}, "after": {"name": "Corporate MFA", "actions": [{"priority": 1, "type": "LOGIN"}]}}
# BEGIN generated failure-keys: edit FAILURE_KEYS and run tools/module_docs.py
url:
  description: The URL of the request that failed.
  returned: failure, when a request was sent
  type: str
  sample: https://api.pingone.eu/v1/environments/0b9e8d7c-6a5f-4e3d-8c2b-7a6f5e4d3c2b/signOnPolicies
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
  sample: [{"code": "INVALID_VALUE", "target": "priority", "message": "must be at least 1"}]
correlation_id:
  description: PingOne's correlation ID of the failed request (the C(id) of its error answer); give it to Ping Identity
    support.
  returned: failure, when PingOne sent one
  type: str
  sample: 6f1a0d9e-0c1b-4c1e-9d7a-1b2c3d4e5f60
option:
  description: The option whose value was refused, before any write was sent, such as C(actions[1].agreement).
  returned: failure, on bad input
  type: str
  sample: actions[1].mfa_device_policy
# END generated failure-keys
'''

from ansible.module_utils.basic import AnsibleModule

from ansible_collections.pingone.platform.plugins.module_utils.pingone import (
    SIGN_ON_ACTION_TYPES,
    PingOneError,
    api_argument_spec,
    connect,
    ensure_sign_on_policy,
    fail_module,
    require_uuid,
)


def main():
    module = AnsibleModule(
        argument_spec=api_argument_spec(
            target_environment_id=dict(type='str', required=True),
            name=dict(type='str', required=True),
            description=dict(type='str'),
            default=dict(type='bool', default=False),
            actions=dict(type='list', elements='dict', options=dict(
                type=dict(type='str', required=True, choices=list(SIGN_ON_ACTION_TYPES)),
                conditions=dict(type='dict'),
                registration_population=dict(type='str'),
                recovery_enabled=dict(type='bool'),
                mfa_device_policy=dict(type='str'),
                identity_provider=dict(type='str'),
                agreement=dict(type='str'),
                settings=dict(type='dict'),
            )),
            state=dict(type='str', choices=['present', 'absent'], default='present'),
        ),
        supports_check_mode=True,
    )
    try:
        env_id = require_uuid(module.params['target_environment_id'], 'target_environment_id',
                              'the ID of the environment that holds the sign-on policy')
        client, _settings = connect(module)
        with client:
            outcome = ensure_sign_on_policy(client, env_id, module.params, module.check_mode, module.warn)
    except PingOneError as error:
        fail_module(module, error)
    module.exit_json(changed=outcome.changed, sign_on_policy=outcome.object, diff=outcome.diff)


if __name__ == '__main__':
    main()
