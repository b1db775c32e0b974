#!/usr/bin/python
# -*- coding: utf-8 -*-
# Copyright: (c) 2026, pingone.platform maintainers
# GNU General Public License v3.0+ (see LICENSE or https://www.gnu.org/licenses/gpl-3.0.txt)

from __future__ import annotations

DOCUMENTATION = r'''
module: pingone_environment
short_description: Create, update or delete a PingOne environment, by name
version_added: 0.1.0
description:
  - Makes sure an environment with the name O(name) exists in the organization with the settings given, or does not exist.
  - Reads before it writes. It looks the environment up by name, creates it when it is missing, changes
    only the settings that differ and that the task sets, and reports C(changed) only when it wrote
    something. Running the same task twice changes nothing the second time.
  - Waits for a new environment to become visible to its own API before returning, so that later tasks
    (such as M(pingone.platform.pingone_population)) can use it at once. PingOne may answer 404 for a
    moment after a create; those answers are waited out for up to 60 seconds.
  - A V(PRODUCTION) environment is deleted only with O(allow_production_delete=true). PingOne then
    soft-deletes it (status C(DELETE_PENDING)), and keeps it restorable until RV(environment.hardDeleteAllowedAt);
    running the task again with O(state=present) restores it.
author:
  - pingone.platform maintainers (@pingone-ansible)
extends_documentation_fragment:
  - pingone.platform.connection
  - pingone.platform.connection.api
  - pingone.platform.attributes
options:
  name:
    description:
      - The environment's name, unique in the organization and compared exactly (case included).
    type: str
    required: true
  state:
    description:
      - V(present) creates or updates the environment; V(absent) deletes it.
    type: str
    choices: [present, absent]
    default: present
  type:
    description:
      - V(SANDBOX) or V(PRODUCTION). V(SANDBOX) when creating and not set.
      - For an existing environment, changed only when set. PingOne refuses to promote a SANDBOX to
        PRODUCTION under a trial license.
    type: str
    choices: [SANDBOX, PRODUCTION]
  environment_region:
    description:
      - The region the new environment's data lives in, as for O(region) (V(NA), V(CA), V(EU), V(AU),
        V(SG), V(AP), or the top-level domain or Go SDK name).
      - When not set, the environment is created in O(region), the region of the token.
      - A region cannot change after creation. When set for an existing environment in another region,
        the task fails instead of changing anything.
    type: str
  license_id:
    description:
      - ID of the organization's license to assign, as listed by M(pingone.platform.pingone_license_info).
      - Needed (or O(license_name)) to create the environment. For an existing one, the license is changed only when set.
      - Mutually exclusive with O(license_name).
    type: str
  license_name:
    description:
      - Name of the ACTIVE license to assign, looked up in the organization's licenses. A renewed license
        keeps its name; the expired namesake is skipped.
      - Mutually exclusive with O(license_id).
    type: str
  organization_id:
    description:
      - ID of the organization, used to look O(license_name) up.
      - When not set, read from the environment of the worker application (O(environment_id)), or from the
        first environment the token can read.
    type: str
  description:
    description:
      - The environment's description. An empty string removes it. Left as it is when not set.
    type: str
  products:
    description:
      - The products of the environment's bill of materials, by type, for example V(PING_ONE_BASE),
        V(PING_ONE_MFA), V(PING_ONE_DAVINCI), V(PING_ONE_RISK), V(PING_ONE_VERIFY). Order does not matter.
      - When creating and not set, PingOne picks the products (the simulator, V(PING_ONE_BASE)).
      - For an existing environment, the bill of materials is read and replaced only when set and different.
        Products kept keep their settings (bookmarks, console links).
    type: list
    elements: str
  allow_production_delete:
    description:
      - Must be V(true) for O(state=absent) to delete a V(PRODUCTION) environment, so that a typo in
        O(name) cannot remove production users and configuration.
      - Not needed for V(SANDBOX) environments.
    type: bool
    default: false
attributes:
  check_mode:
    details: The environment and, when O(products) is set, its bill of materials are read; nothing is written.
  diff_mode:
    details: The diff compares name, type, region, license_id, description, status and, when O(products) is set, products.
seealso:
  - module: pingone.platform.pingone_license_info
  - module: pingone.platform.pingone_population
  - name: PingOne environments API
    description: The environment resource and its bill of materials.
    link: https://developer.pingidentity.com/pingone-api/platform/environments.html
notes:
  - The worker application needs the roles to read, create, update and delete environments
    (PingOne permissions C(orgmgt:read:environment), C(orgmgt:create:environment) and so on), usually
    the Organization Admin or Environment Admin role.
  - The environment that holds the worker application used by the task is never deleted.
'''

EXAMPLES = r'''
- name: Get a worker token
  pingone.platform.pingone_token:
  register: token
  no_log: true

- name: Create a sandbox environment with the ACTIVE license of that name
  pingone.platform.pingone_environment:
    name: Test environment
    license_name: PingOne Premium
    description: Created by Ansible for tests
    products: [PING_ONE_BASE, PING_ONE_MFA]
    access_token: "{{ token.access_token }}"
  register: environment

- name: Use its id in later tasks
  ansible.builtin.debug:
    msg: "{{ environment.environment.id }}"

- name: Promote it to production, in the region it is in
  pingone.platform.pingone_environment:
    name: Test environment
    type: PRODUCTION
    access_token: "{{ token.access_token }}"

- name: Delete a sandbox environment
  pingone.platform.pingone_environment:
    name: Old test environment
    state: absent
    access_token: "{{ token.access_token }}"

- name: Delete a production environment (PingOne soft-deletes it first)
  pingone.platform.pingone_environment:
    name: Retired production
    state: absent
    allow_production_delete: true
    access_token: "{{ token.access_token }}"
'''

RETURN = r'''
environment:
  description:
    - The environment as PingOne returned it after the task; after a delete, as it was last.
    - In check mode, the environment as it is now; V({}) when it would be created.
    - V({}) when O(state=absent) and there was no environment.
  returned: success
  type: dict
  contains:
    id:
      description: The environment's ID, for later tasks.
      type: str
      sample: 0b9e8d7c-6a5f-4e3d-8c2b-7a6f5e4d3c2b
    name:
      description: Its name.
      type: str
      sample: Test environment
    type:
      description: V(SANDBOX) or V(PRODUCTION).
      type: str
      sample: SANDBOX
    region:
      description: The region of its data.
      type: str
      sample: EU
    status:
      description: V(ACTIVE), or V(DELETE_PENDING) once soft-deleted.
      type: str
      sample: ACTIVE
    license:
      description: The license, as C({id}).
      type: dict
      sample: {"id": "9a8b7c6d-5e4f-4a3b-8c2d-1e0f9a8b7c6d"}
    organization:
      description: The organization, as C({id}).
      type: dict
      sample: {"id": "3d2c1b0a-9f8e-4d7c-b6a5-4f3e2d1c0b9a"}
    description:
      description: Its description, when it has one.
      type: str
      sample: Created by Ansible for tests
    hardDeleteAllowedAt:
      description: For a soft-deleted environment, when PingOne may remove it for good.
      type: str
      sample: '2026-12-25T19:30:00.000Z'
  sample:
    id: 0b9e8d7c-6a5f-4e3d-8c2b-7a6f5e4d3c2b
    name: Test environment
    type: SANDBOX
    region: EU
    status: ACTIVE
    license: {"id": "9a8b7c6d-5e4f-4a3b-8c2d-1e0f9a8b7c6d"}
    organization: {"id": "3d2c1b0a-9f8e-4d7c-b6a5-4f3e2d1c0b9a"}
    createdAt: '2026-11-25T19:30:00.000Z'
    updatedAt: '2026-11-25T19:30:00.000Z'
diff:
  description: What changed (or would change), as compared fields before and after; V({}) stands for no environment.
  returned: success
  type: dict
  sample: {"before": {"name": "Test environment", "description": ""}, "after": {"name": "Test environment", "description": "New"}}
# BEGIN generated failure-keys: edit FAILURE_KEYS and run tools/module_docs.py
url:
  description: The URL of the request that failed.
  returned: failure, when a request was sent
  type: str
  sample: https://api.pingone.eu/v1/environments
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
  sample: [{"code": "INVALID_VALUE", "target": "billOfMaterials.products[0].type", "message": "not a product type"}]
correlation_id:
  description: PingOne's correlation ID of the failed request (the C(id) of its error answer); give it to Ping Identity
    support.
  returned: failure, when PingOne sent one
  type: str
  sample: 6f1a0d9e-0c1b-4c1e-9d7a-1b2c3d4e5f60
option:
  description: The option whose value was refused (some checks need a read first, such as O(license_name)).
  returned: failure, on bad input
  type: str
  sample: license_name
# END generated failure-keys
'''

from ansible.module_utils.basic import AnsibleModule

from ansible_collections.pingone.platform.plugins.module_utils.pingone import (
    REGIONS,
    EnvironmentKind,
    PingOneError,
    PingOneInputError,
    active_license_named,
    api_argument_spec,
    connect,
    ensure,
    fail_module,
    organization_id,
    product_types,
    require_uuid,
    resolve_region,
)


def environment_region(value):
    """The region code for environment_region (any spelling region accepts), or None when unset."""
    if value is None:
        return None
    try:
        return resolve_region(value).code
    except PingOneInputError:   # its message names the option region; this is environment_region
        raise PingOneInputError('environment_region %r is not a PingOne region: use one of %s, or leave it unset for the region of '
                                'the token.' % (value, ', '.join(REGIONS)), option='environment_region') from None


def wanted_license_id(client, params):
    if params['license_id']:
        return require_uuid(params['license_id'], 'license_id', 'the ID of a license of the organization')
    if params['license_name']:
        org_id = organization_id(client, params['organization_id'])
        return active_license_named(client, org_id, params['license_name'])['id'].lower()
    return None


def refuse_delete(settings, params, current):
    """The worker's own environment is never deleted, and a PRODUCTION one only with allow_production_delete."""
    if str(current.get('id')).lower() == (settings.endpoints.environment_id or '').lower():
        raise PingOneInputError('Environment %r holds the worker application this task authenticates with; it is not deleted here: '
                                'delete it in the PingOne console if you mean to.' % params['name'], option='name')
    if current.get('type') == 'PRODUCTION' and not params['allow_production_delete']:
        raise PingOneInputError('Environment %r is a PRODUCTION environment; deleting it removes its users and configuration: set '
                                'allow_production_delete to true to delete it.' % params['name'], option='allow_production_delete')


def main():
    module = AnsibleModule(
        argument_spec=api_argument_spec(
            name=dict(type='str', required=True),
            state=dict(type='str', choices=['present', 'absent'], default='present'),
            type=dict(type='str', choices=['SANDBOX', 'PRODUCTION']),
            environment_region=dict(type='str'),
            license_id=dict(type='str'),
            license_name=dict(type='str'),
            organization_id=dict(type='str'),
            description=dict(type='str'),
            products=dict(type='list', elements='str'),
            allow_production_delete=dict(type='bool', default=False),
        ),
        mutually_exclusive=[('license_id', 'license_name')],
        supports_check_mode=True,
    )
    params = dict(module.params)
    try:
        if not params['name'].strip():
            raise PingOneInputError('name is empty: give the name of the environment.', option='name')
        if params['products'] is not None and not product_types(params['products']):
            raise PingOneInputError('products is empty: list the product types of the environment, or leave products unset.',
                                    option='products')
        params['environment_region'] = environment_region(params['environment_region'])
        client, settings = connect(module)
        params['token_region'] = settings.endpoints.region.code
        kind = EnvironmentKind()
        with client:
            present = params['state'] == 'present'
            current = kind.find(client, '/environments', params['name'], module.warn, creating=present)
            if present:
                params['license_id'] = wanted_license_id(client, params)
            elif current is not None and current.get('status') != 'DELETE_PENDING':
                refuse_delete(settings, params, current)
            soft_deleted = current if not present and current and current.get('status') == 'DELETE_PENDING' else None
            outcome = ensure(client, kind, '/environments', params, module.check_mode, module.warn,
                             current=None if soft_deleted else current)   # soft-deleted counts as absent already
    except PingOneError as error:
        fail_module(module, error)
    module.exit_json(changed=outcome.changed, environment=soft_deleted or outcome.object, diff=outcome.diff)


if __name__ == '__main__':
    main()
