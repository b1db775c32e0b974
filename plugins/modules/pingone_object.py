#!/usr/bin/python
# -*- coding: utf-8 -*-
# Copyright: (c) 2026, pingone.platform maintainers
# GNU General Public License v3.0+ (see LICENSE or https://www.gnu.org/licenses/gpl-3.0.txt)

from __future__ import annotations

DOCUMENTATION = r'''
module: pingone_object
short_description: Create, update or delete one PingOne object of any kind the collection knows
version_added: 0.1.0
description:
  - Makes sure one object of the kind O(kind) exists in the environment O(target_environment_id) with
    the fields O(definition) gives, or does not exist. The kinds are those of the collection's kind
    registry, named as Ping's Terraform provider names its resources without C(pingone_); the registry
    and every kind are described in the collection's C(docs/kinds.md).
  - Only the fields given in O(definition) are managed. Nested objects compare on the keys given;
    lists compare in order, except fields the registry compares as sets. Fields PingOne sets itself,
    C(readOnly) fields and secrets never cause C(changed); running the same task twice changes nothing
    the second time.
  - An update sends what PingOne requires for the kind, a full C(PUT) of the object's current writable
    fields with the task's changes applied (never a C(readOnly) field), or a C(PATCH) of the changed
    fields where the kind has one.
  - Objects PingOne makes in every environment (the C(Standard) password policy, the C(Single_Factor)
    sign-on policy, the C(openid) resource, ...) are found by their name and updated, never created or
    deleted.
author:
  - pingone.platform maintainers (@pingone-ansible)
extends_documentation_fragment:
  - pingone.platform.connection
  - pingone.platform.connection.api
  - pingone.platform.attributes
options:
  target_environment_id:
    description:
      - ID of the environment that holds the object.
    type: str
    required: true
  kind:
    description:
      - The kind of object.
    type: str
    required: true
    # BEGIN generated kind-choices: edit the kind registry (object_kind_names()) and run tools/module_docs.py
    choices: [agreement, agreement_language, application, application_attribute_mapping, application_resource_grant,
              application_sign_on_policy_assignment, branding_settings, branding_theme, custom_domain, gateway, group,
              identity_provider, identity_provider_attribute, key, mfa_device_policy, notification_template_content,
              password_policy, population, resource, resource_attribute, resource_scope, risk_policy, risk_predictor,
              schema_attribute, sign_on_policy, sign_on_policy_action, trusted_email_domain, user, webhook]
    # END generated kind-choices
  name:
    description:
      - The object's name, for kinds named by C(name) (most). The same as C(definition.name); give either.
      - Kinds named otherwise (C(domainName), C(locale), several fields) read their key from O(definition);
        C(branding_settings) has none (one per environment).
    type: str
  parent:
    description:
      - "For a kind that lives under another object, that object by kind and name, for example
        C({resource: Orders API}) for a C(resource_scope), C({sign_on_policy: Single_Factor}) for a
        C(sign_on_policy_action), C({notification_template: general}) for a template content."
      - C(schema_attribute) defaults to the C(User) schema.
    type: dict
  definition:
    description:
      - The object's fields, exactly as Ping's API reference names them (camelCase).
      - "Wherever the registry knows a reference field (an C(...id) naming another object), C({name: X})
        may stand for C({id: ...}), and is resolved in the environment; a name that matches no object,
        or two, is refused naming the field."
      - A list of plain ids takes names in their place too - an C(application_attribute_mapping)'s C(oidcScopes)
        lists scopes of the C(openid) resource by name, such as V(profile) and V(email).
      - A write-only field (one of the kind's secrets, listed in C(docs/kinds.md)) is refused here before any request;
        give it in O(secrets), which is C(no_log).
    type: dict
    default: {}
  secrets:
    description:
      - Write-only fields, such as an identity provider's C(clientSecret) or a webhook's C(httpEndpoint.headers),
        merged into the body at the same paths. They are never read back, shown in a diff only as a marker,
        and never cause C(changed) by themselves unless O(update_secrets=always).
    type: dict
  update_secrets:
    description:
      - V(on_create) makes a write for O(secrets) only when the object is created; a secret alone never causes
        C(changed) on a later run. V(always) writes them on every run (and reports C(changed)).
      - Either way, when another field changes and the kind is updated with a full C(PUT) (which replaces the whole
        object), O(secrets) go into that C(PUT), since PingOne never returns them.
    type: str
    choices: [on_create, always]
    default: on_create
  validate:
    description:
      - V(strict) checks O(definition) and O(secrets) against Ping's description before any request is sent,
        and fails on an unknown field, a C(readOnly) field, a wrong type or enum value, or a missing required
        field on create, naming the field path (such as C(definition.length.min)).
      - V(warn) sends them anyway with a warning (for fields Ping's description does not know yet); V(none)
        does not check.
    type: str
    choices: [strict, warn, none]
    default: strict
  state:
    description:
      - V(present) creates or updates the object; V(absent) deletes it. A built-in object, or one PingOne
        refuses to delete (such as a default policy), is refused before any delete is sent.
    type: str
    choices: [present, absent]
    default: present
attributes:
  check_mode:
    details: The objects are read, names resolved; nothing is written.
  diff_mode:
    details: The diff compares the fields O(definition) gives; secrets show only as a marker.
seealso:
  - module: pingone.platform.pingone_api
notes:
  - The collection's C(docs/kinds.md) lists every kind, its path, key, parent, built-in objects, write-only fields and references.
  - A parent or a reference given by name must exist when the task runs; in check mode, one that an earlier
    task would create is not there yet, and the task fails naming it.
  - Objects are found by reading their whole collection (users too); kinds with very many objects are better
    served by their own module (M(pingone.platform.pingone_user)).
  - With O(update_secrets=on_create), a secret alone makes no write on an update; a C(PATCH) of other changed fields
    leaves it out, but a full C(PUT) carries O(secrets) with the object's other writable fields. Where Ping's description
    requires a secret in every C(PUT) (an OpenID Connect identity provider's C(clientSecret)) and O(secrets) does not
    give it, the change is refused before any request, naming C(secrets.<field>).
'''

EXAMPLES = r'''
- name: Tighten the built-in Standard password policy (adopted, never created)
  pingone.platform.pingone_object:
    target_environment_id: "{{ environment_id }}"
    kind: password_policy
    name: Standard
    definition:
      length: {min: 12, max: 255}
    access_token: "{{ token.access_token }}"

- name: A custom resource with a scope, and its grant to an application by names
  pingone.platform.pingone_object:
    target_environment_id: "{{ environment_id }}"
    kind: "{{ item.kind }}"
    name: "{{ item.name | default(omit) }}"
    parent: "{{ item.parent | default(omit) }}"
    definition: "{{ item.definition }}"
    access_token: "{{ token.access_token }}"
  loop:
    - {kind: resource, name: Orders API, definition: {type: CUSTOM, audience: https://orders.example.com}}
    - {kind: resource_scope, name: orders:read, parent: {resource: Orders API}, definition: {}}
    - kind: application_resource_grant
      parent: {application: Orders portal}
      definition: {resource: {name: Orders API}, scopes: [{name: "orders:read"}]}

- name: An identity provider whose client secret comes from a vault variable
  pingone.platform.pingone_object:
    target_environment_id: "{{ environment_id }}"
    kind: identity_provider
    name: Corporate login
    definition:
      type: OPENID_CONNECT
      enabled: true
      clientId: ansible-login
      issuer: https://idp.example.com
      authorizationEndpoint: https://idp.example.com/authorize
      tokenEndpoint: https://idp.example.com/token
      jwksEndpoint: https://idp.example.com/jwks
      scopes: [openid, profile]
      tokenEndpointAuthMethod: CLIENT_SECRET_BASIC
    secrets:
      clientSecret: "{{ vault_idp_client_secret }}"
    access_token: "{{ token.access_token }}"
'''

RETURN = r'''
object:
  description:
    - The object as PingOne returned it after the task, without its write-only fields; after a delete, as it was last.
    - In check mode, the object as it is now; V({}) when it would be created.
    - V({}) when O(state=absent) and there was no object.
  returned: success
  type: dict
  sample: {"id": "8e3a1f0c-5b2d-4e6a-9c7d-0f1e2d3c4b5a", "name": "Standard", "length": {"min": 12, "max": 255}}
kind:
  description: The kind of the object, as given.
  returned: always
  type: str
  sample: password_policy
diff:
  description: The fields the definition gives, before and after; V({}) stands for no object.
  returned: success
  type: dict
  sample: {"before": {"name": "Standard", "length": {"min": 8}}, "after": {"name": "Standard", "length": {"min": 12}}}
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
  description: The option whose value was refused, before any write was sent.
  returned: failure, on bad input
  type: str
  sample: definition
# END generated failure-keys
'''

from ansible.module_utils.basic import AnsibleModule

from ansible_collections.pingone.platform.plugins.module_utils.pingone import (
    PingOneError,
    api_argument_spec,
    connect,
    ensure_object,
    fail_module,
    object_kind_names,
    require_uuid,
)


def main():
    module = AnsibleModule(
        argument_spec=api_argument_spec(
            target_environment_id=dict(type='str', required=True),
            kind=dict(type='str', required=True, choices=object_kind_names()),
            name=dict(type='str'),
            parent=dict(type='dict'),
            definition=dict(type='dict', default={}),
            secrets=dict(type='dict', no_log=True),
            update_secrets=dict(type='str', choices=['on_create', 'always'], default='on_create'),
            validate=dict(type='str', choices=['strict', 'warn', 'none'], default='strict'),
            state=dict(type='str', choices=['present', 'absent'], default='present'),
        ),
        supports_check_mode=True,
    )
    kind = module.params['kind']
    try:
        env_id = require_uuid(module.params['target_environment_id'], 'target_environment_id', 'the ID of the environment that holds the object')
        client, _settings = connect(module)
        with client:
            outcome = ensure_object(client, env_id, module.params, module.check_mode, module.warn)
    except PingOneError as error:
        fail_module(module, error, kind=kind)
    module.exit_json(changed=outcome.changed, object=outcome.object, kind=kind, diff=outcome.diff)


if __name__ == '__main__':
    main()
