#!/usr/bin/python
# -*- coding: utf-8 -*-
# Copyright: (c) 2026, pingone.platform maintainers
# GNU General Public License v3.0+ (see LICENSE or https://www.gnu.org/licenses/gpl-3.0.txt)

from __future__ import annotations

DOCUMENTATION = r'''
module: pingone_environment_config
short_description: Apply a description of a whole PingOne environment in one task, planned and paced
version_added: 0.2.0
description:
  - Makes the environment O(target_environment_id) hold what the description O(config) describes, in one task. A
    description has the shape of RV(pingone.platform.pingone_environment_export#module:config), which
    M(pingone.platform.pingone_environment_export) returns for any environment.
  - The description's keys are kinds. V(populations), V(groups), V(users), V(applications) and V(role_assignments) hold
    items in the option names of their modules. Every other key is a kind of the collection's kind registry
    (C(docs/kinds.md)), its items C({name, parent, definition, built_in}) in PingOne's field names, as
    M(pingone.platform.pingone_object) takes them; other objects are named by name, as C(population.name) in place of C(population.id),
    and an attribute mapping's C(oidcScopes) lists the C(openid) resource's scope names in place of their ids.
  - An item of V(sign_on_policy), V(resource) or V(identity_provider) without C(definition) is in the option names of
    M(pingone.platform.pingone_sign_on_policy), M(pingone.platform.pingone_resource) or
    M(pingone.platform.pingone_identity_provider) (without the connection options, C(target_environment_id) and C(state)),
    its children in the module's list option (C(actions), an action's priority its position; C(scopes), C(attributes),
    C(attribute_mappings)). It is checked as the module checks its options. An identity provider's client secret is
    given in O(secrets) (path C(clientSecret)), never in the item.
  - An item of V(applications) may hold the application's children as M(pingone.platform.pingone_application)'s options
    C(sign_on_policies), C(resource_grants) and C(attribute_mappings), checked as the module checks them (a refusal names
    the option path, such as C(applications[0].resource_grants[0].scopes[1])); they are applied as the objects of
    C(application_sign_on_policy_assignment), C(application_resource_grant) and C(application_attribute_mapping). As for
    every child kind, children they do not list are left alone, and deleted with O(prune) only under the applications
    whose children of that kind the description lists or whose item gives that option, an empty list too (as the module,
    V([]) deletes them all but PingOne's own, such as the C(sub) mapping).
  - The whole description is checked before any request, each problem one sentence naming the item
    (C(sign_on_policy_action[1].definition.deviceAuthenticationPolicy.name)), or the option of an item in option names
    (C(sign_on_policy[2].actions[1].mfa_device_policy)) - an unknown kind or key, a missing key
    field, two items naming one object, a reference by name to an object the description does not describe, a secret
    required but not given.
  - Each kind is then read once (one paged read per kind and parent), and the objects are written in the order the
    registry's references give (a policy before the application that uses it, a resource and its scopes before the
    grants, the grants before the attribute mappings, as PingOne takes only granted C(oidcScopes)), the kinds that do
    not depend on each other at the same time, O(concurrency) requests at once, paced by O(rate_limit) or by the rate
    PingOne's first 429 answer shows. Every C(Retry-After) is honoured; a write whose
    answer was lost is followed by a fresh read before anything is sent again, so nothing is made twice.
  - One object that fails does not stop the others; an object that needs it (its child, or one naming it) is not
    sent. The task then fails, listing each failure in RV(failures); a rerun writes only what is still different.
  - PingOne's own objects (C(built_in) items, the default population) are updated, never created or deleted.
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
      - ID of the environment to apply the description to.
    type: str
    required: true
  config:
    description:
      - The description, as RV(pingone.platform.pingone_environment_export#module:config) has it. Its JSON Schema is
        C(roles/environment_config/files/config.schema.json).
      - Kinds it does not have are left as they are.
    type: dict
    required: true
  prune:
    description:
      - Whether to delete the objects of the kinds O(config) has (its keys) that it does not list. For a kind that lives
        under another (a resource's scopes), only under the parents the description lists, which are those its items name
        and those whose item in option names gives the kind's list option, an empty one too (C(scopes) of a resource given
        as V([]) deletes its scopes; left out, or null, it leaves them alone).
      - PingOne's own objects, and those PingOne refuses to delete (a default policy), are never deleted.
    type: bool
    default: false
  secrets:
    description:
      - The values of write-only fields, which a description never holds (PingOne never returns them).
        RV(pingone.platform.pingone_environment_export#module:secrets_required) lists those a description needs.
      - Only C(value) is C(no_log), so kinds, names and paths stay readable in messages and in RV(drift).
    type: list
    elements: dict
    default: []
    suboptions:
      kind:
        description: The kind of the object (a key of O(config)).
        type: str
        required: true
      name:
        description: The object's name as RV(drift) and RV(failures) show it (for a child kind, C(<parent name>/<name>)).
        type: str
        required: true
      path:
        description: The field, dotted (C(clientSecret), C(httpEndpoint.headers)).
        type: str
        required: true
      value:
        description: The secret. Give it from a vault-encrypted variable.
        type: raw
        required: true
  concurrency:
    description:
      - How many requests are sent at once (1 to 50), sharing one token and one connection pool.
    type: int
    default: 8
attributes:
  check_mode:
    support: full
    details: Check mode is the plan. Nothing is written; RV(changes), RV(summary) and RV(drift) say what applying would do.
  diff_mode:
    support: full
    details: The before and after of each object that changes (or would), one diff per object.
seealso:
  - module: pingone.platform.pingone_environment_export
  - module: pingone.platform.pingone_object
  - name: Configuration as code (docs/config-as-code.md)
    description: The description format, its JSON Schema, and the role that applies it.
    link: https://github.com/pingone-ansible/pingone.platform/blob/main/docs/config-as-code.md
notes:
  - Users created from a description have no password (a description never holds one); set it with
    M(pingone.platform.pingone_user).
'''

EXAMPLES = r'''
- name: Describe the staging environment
  pingone.platform.pingone_environment_export:
    target_environment_id: "{{ staging_environment_id }}"
    include: [populations, groups, applications, sign_on_policy, sign_on_policy_action, resource, resource_scope,
              application_resource_grant, identity_provider]
  register: staging

- name: See what applying it to production would change
  pingone.platform.pingone_environment_config:
    target_environment_id: "{{ production_environment_id }}"
    config: "{{ staging.config }}"
    secrets:
      - {kind: identity_provider, name: Corporate login, path: clientSecret, value: "{{ vault_idp_client_secret }}"}
  check_mode: true
  diff: true
  register: plan

- name: Apply it, at most 50 requests a second
  pingone.platform.pingone_environment_config:
    target_environment_id: "{{ production_environment_id }}"
    config: "{{ staging.config }}"
    secrets:
      - {kind: identity_provider, name: Corporate login, path: clientSecret, value: "{{ vault_idp_client_secret }}"}
    rate_limit: 50
  when: plan.changes > 0
'''

RETURN = r'''
changes:
  description: How many objects were (in check mode, would be) created, updated or deleted, and group members added or removed.
  returned: success, and when objects failed
  type: int
  sample: 3
summary:
  description:
    - Per kind (a key of O(config)), how many objects were created, updated, deleted, unchanged and failed.
    - C(memberships) counts the groups whose members changed (or did not), apart from C(groups).
    - In check mode, what would be.
  returned: success, and when objects failed
  type: dict
  sample: {"sign_on_policy": {"created": 1, "updated": 0, "deleted": 0, "unchanged": 2, "failed": 0}}
drift:
  description:
    - Per kind, what changes (in check mode, would change) - C(create) and C(delete), the names of objects; C(update),
      per object the fields that change with their C(before) and C(after) values. A secret shows as a marker only.
    - Empty when nothing changes.
  returned: success, and when objects failed
  type: dict
  sample: {"sign_on_policy": {"create": ["Corporate MFA"], "update": {"Single_Factor": {"description": {"before": null, "after": "Login"}}}}}
failures:
  description: The objects that could not be written, each with its kind, name and the reason (C(msg)).
  returned: success, and when objects failed
  type: list
  elements: dict
  sample: [{"kind": "resource_scope", "name": "Orders API/orders:read", "msg": "Not sent: it needs the resource 'Orders API', which could not be written."}]
skipped_objects:
  description: What the option-named kinds of the environment hold that a description cannot (see M(pingone.platform.pingone_environment_export)).
  returned: success
  type: list
  elements: dict
  sample: []
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
  sample: 404
error:
  description: The error code PingOne sent, such as the platform API's C(INVALID_DATA), C(NOT_FOUND) or
    C(ACCESS_FAILED), or the token endpoint's OAuth C(invalid_client).
  returned: failure, when PingOne sent one
  type: str
  sample: NOT_FOUND
error_description:
  description: PingOne's error message (the platform API's C(message), the token endpoint's C(error_description)),
    without the correlation ID.
  returned: failure, when PingOne sent one
  type: str
  sample: The requested resource was not found.
details:
  description: PingOne's C(details) of the error, one entry per problem, each with C(code), C(target), C(message) and
    maybe C(innerError).
  returned: failure, when PingOne sent them
  type: list
  elements: dict
  sample: [{"code": "INVALID_VALUE", "target": "limit", "message": "limit must be an integer from 1 to 1000"}]
correlation_id:
  description: PingOne's correlation ID of the failed request (the C(id) of its error answer); give it to Ping Identity
    support.
  returned: failure, when PingOne sent one
  type: str
  sample: 6f1a0d9e-0c1b-4c1e-9d7a-1b2c3d4e5f60
option:
  description: The option whose value was refused (O(config) or O(secrets) for a description that is not right).
  returned: failure, on bad input
  type: str
  sample: config
# END generated failure-keys
'''

from ansible.module_utils.basic import AnsibleModule

from ansible_collections.pingone.platform.plugins.module_utils.pingone import (
    MAX_CONCURRENCY,
    PingOneError,
    PingOneInputError,
    apply_description,
    bulk_argument_spec,
    connect,
    fail_module,
    require_uuid,
)


def main():
    module = AnsibleModule(
        argument_spec=bulk_argument_spec(
            target_environment_id=dict(type='str', required=True),
            config=dict(type='dict', required=True),
            prune=dict(type='bool', default=False),
            # no_log on value only: kinds, names and paths stay readable in messages and in the drift.
            secrets=dict(type='list', elements='dict', default=[], no_log=False, options=dict(
                kind=dict(type='str', required=True),
                name=dict(type='str', required=True),
                path=dict(type='str', required=True),
                value=dict(type='raw', required=True, no_log=True),
            )),
            concurrency=dict(type='int', default=8),
        ),
        supports_check_mode=True,
    )
    params = module.params
    try:
        if not 1 <= params['concurrency'] <= MAX_CONCURRENCY:
            raise PingOneInputError('concurrency is %d: give a number from 1 to %d.' % (params['concurrency'], MAX_CONCURRENCY),
                                    option='concurrency')
        env_id = require_uuid(params['target_environment_id'], 'target_environment_id', 'the ID of the environment to apply the description to')
        result = apply_description(lambda: connect(module, workers=params['concurrency'])[0], env_id, params['config'], params['secrets'],
                                   params['prune'], module.check_mode, params['concurrency'], module.warn)
    except PingOneError as error:
        fail_module(module, error)
    if result.failures:
        module.fail_json(msg=result.sentence(), changed=result.changes > 0, **result.keys())
    module.exit_json(changed=result.changes > 0, diff=result.diffs, **result.keys())


if __name__ == '__main__':
    main()
