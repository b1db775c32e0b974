#!/usr/bin/python
# -*- coding: utf-8 -*-
# Copyright: (c) 2026, pingone.platform maintainers
# GNU General Public License v3.0+ (see LICENSE or https://www.gnu.org/licenses/gpl-3.0.txt)

from __future__ import annotations

DOCUMENTATION = r'''
module: pingone_object_info
short_description: List the PingOne objects of any kind the collection knows
version_added: 0.1.0
description:
  - Lists the objects of the kind O(kind) in the environment O(target_environment_id), under O(parent) for a kind
    that lives under another object, every page of them, or only those the options select.
  # BEGIN generated read-only-kinds: edit the kind registry and run tools/module_docs.py
  - The kinds are those of the collection's kind registry (C(docs/kinds.md)), PingOne's own read-only kinds (C(schema)
    and C(notification_template)) included.
  # END generated read-only-kinds
  - Write-only fields (secrets) are never in the answer.
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
      - ID of the environment whose objects are listed.
    type: str
    required: true
  kind:
    description:
      - The kind of objects.
    type: str
    required: true
    # BEGIN generated kind-choices: edit the kind registry (object_kind_names(readable=True)) and run tools/module_docs.py
    choices: [agreement, agreement_language, application, application_attribute_mapping, application_resource_grant,
              application_sign_on_policy_assignment, branding_settings, branding_theme, custom_domain, gateway, group,
              identity_provider, identity_provider_attribute, key, mfa_device_policy, notification_template,
              notification_template_content, password_policy, population, resource, resource_attribute, resource_scope,
              risk_policy, risk_predictor, schema, schema_attribute, sign_on_policy, sign_on_policy_action,
              trusted_email_domain, user, webhook]
    # END generated kind-choices
  name:
    description:
      - Return only the objects whose key is exactly this (the first key field for kinds named by several, such as
        C(locale) for a notification template content). An empty list when there is none.
    type: str
  parent:
    description:
      - "For a kind that lives under another object, that object by kind and name, such as C({resource: Orders API});
        C(schema_attribute) defaults to the C(User) schema."
    type: dict
  filter:
    description:
      # BEGIN generated filter-kinds: edit the kind registry (objects.filterable) and run tools/module_docs.py
      - A SCIM filter PingOne applies, such as V(name sw "Contract"), for the kinds whose list Ping's description gives
        one (C(population), C(group), C(user) and C(notification_template)); refused for the others.
      # END generated filter-kinds
    type: str
attributes:
  check_mode:
    details: Runs as usual; it only reads.
seealso:
  - module: pingone.platform.pingone_object
'''

EXAMPLES = r'''
- name: The scopes of a custom resource
  pingone.platform.pingone_object_info:
    target_environment_id: "{{ environment_id }}"
    kind: resource_scope
    parent: {resource: Orders API}
    access_token: "{{ token.access_token }}"
  register: scopes

- name: The populations whose name starts with Contract
  pingone.platform.pingone_object_info:
    target_environment_id: "{{ environment_id }}"
    kind: population
    filter: name sw "Contract"
    access_token: "{{ token.access_token }}"
'''

RETURN = r'''
objects:
  description: The objects, as PingOne returned them, without their write-only fields.
  returned: success
  type: list
  elements: dict
  sample: [{"id": "8e3a1f0c-5b2d-4e6a-9c7d-0f1e2d3c4b5a", "name": "orders:read", "resource": {"id": "2c5a1d3f-8e4b-4f6c-8d9e-1b2c3d4e5f60"}}]
kind:
  description: The kind of the objects, as given.
  returned: always
  type: str
  sample: resource_scope
# BEGIN generated failure-keys: edit FAILURE_KEYS and run tools/module_docs.py
url:
  description: The URL of the request that failed.
  returned: failure, when a request was sent
  type: str
  sample: https://api.pingone.eu/v1/environments/0b9e8d7c-6a5f-4e3d-8c2b-7a6f5e4d3c2b/passwordPolicies
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
  sample: [{"code": "INVALID_VALUE", "target": "length.min", "message": "must be at least 1"}]
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
  sample: filter
# END generated failure-keys
'''

from ansible.module_utils.basic import AnsibleModule

from ansible_collections.pingone.platform.plugins.module_utils.pingone import (
    PingOneError,
    api_argument_spec,
    connect,
    fail_module,
    list_objects,
    object_kind_names,
    require_uuid,
)


def main():
    module = AnsibleModule(
        argument_spec=api_argument_spec(
            target_environment_id=dict(type='str', required=True),
            kind=dict(type='str', required=True, choices=object_kind_names(readable=True)),
            name=dict(type='str'),
            parent=dict(type='dict'),
            filter=dict(type='str'),
        ),
        supports_check_mode=True,
    )
    kind = module.params['kind']
    try:
        env_id = require_uuid(module.params['target_environment_id'], 'target_environment_id', 'the ID of the environment whose objects are listed')
        client, _settings = connect(module)
        with client:
            objects = list_objects(client, env_id, module.params)
    except PingOneError as error:
        fail_module(module, error, kind=kind)
    module.exit_json(changed=False, objects=objects, kind=kind)


if __name__ == '__main__':
    main()
