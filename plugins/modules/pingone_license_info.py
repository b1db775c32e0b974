#!/usr/bin/python
# -*- coding: utf-8 -*-
# Copyright: (c) 2026, pingone.platform maintainers
# GNU General Public License v3.0+ (see LICENSE or https://www.gnu.org/licenses/gpl-3.0.txt)

from __future__ import annotations

DOCUMENTATION = r'''
module: pingone_license_info
short_description: List the licenses of a PingOne organization
version_added: 0.1.0
description:
  - Lists the licenses of the organization (C(GET /organizations/<id>/licenses)), every page of them,
    for example to find the ACTIVE license a new environment needs.
  - The organization ID is O(organization_id), or, when not set, read from the environment of the
    worker application (C(GET /environments/<environment_id>), its C(organization.id)), or from the
    first environment the token can read.
  - Never changes anything.
author:
  - pingone.platform maintainers (@pingone-ansible)
extends_documentation_fragment:
  - pingone.platform.connection
  - pingone.platform.connection.api
  - pingone.platform.attributes.info
options:
  organization_id:
    description:
      - ID of the organization. Read from an environment when not set (see above).
    type: str
  status:
    description:
      - Return only licenses with this status (filtered by PingOne).
    type: str
    # BEGIN generated status-choices: edit LICENSE_STATUSES and run tools/module_docs.py
    choices: [ACTIVE, EXPIRED, FUTURE, TERMINATED]
    # END generated status-choices
  name:
    description:
      - Return only licenses with exactly this name. A renewed license keeps its name, so combine with O(status=ACTIVE).
    type: str
attributes:
  check_mode:
    details: Runs in check mode too; it only reads.
seealso:
  - module: pingone.platform.pingone_environment
  - name: PingOne licenses API
    description: The license resource.
    link: https://developer.pingidentity.com/pingone-api/platform/licenses.html
notes:
  - The worker application needs a role that may read licenses (PingOne permission C(licensing:read:license)),
    such as Organization Admin.
'''

EXAMPLES = r'''
- name: Get a worker token
  pingone.platform.pingone_token:
  register: token
  no_log: true

- name: Find the organization's ACTIVE licenses
  pingone.platform.pingone_license_info:
    status: ACTIVE
    access_token: "{{ token.access_token }}"
  register: active

- name: Create an environment with the first of them
  pingone.platform.pingone_environment:
    name: Test environment
    license_id: "{{ active.licenses[0].id }}"
    access_token: "{{ token.access_token }}"
'''

RETURN = r'''
organization_id:
  description: The ID of the organization whose licenses were listed.
  returned: success
  type: str
  sample: 3d2c1b0a-9f8e-4d7c-b6a5-4f3e2d1c0b9a
licenses:
  description: The licenses, as PingOne returned them; empty when none matched.
  returned: success
  type: list
  elements: dict
  contains:
    id:
      description: The license's ID, for O(pingone.platform.pingone_environment#module:license_id).
      type: str
      sample: 9a8b7c6d-5e4f-4a3b-8c2d-1e0f9a8b7c6d
    name:
      description: Its name.
      type: str
      sample: PingOne Premium
    package:
      description: The license package.
      type: str
      sample: PREMIUM
    status:
      description: V(ACTIVE), V(EXPIRED), V(FUTURE) or V(TERMINATED).
      type: str
      sample: ACTIVE
    expiresAt:
      description: When it expires, when it does.
      type: str
      sample: '2027-01-01T00:00:00.000Z'
  sample:
    - id: 9a8b7c6d-5e4f-4a3b-8c2d-1e0f9a8b7c6d
      name: PingOne Premium
      package: PREMIUM
      status: ACTIVE
      organization: {"id": "3d2c1b0a-9f8e-4d7c-b6a5-4f3e2d1c0b9a"}
# BEGIN generated failure-keys: edit FAILURE_KEYS and run tools/module_docs.py
url:
  description: The URL of the request that failed.
  returned: failure, when a request was sent
  type: str
  sample: https://api.pingone.eu/v1/organizations/3d2c1b0a-9f8e-4d7c-b6a5-4f3e2d1c0b9a/licenses
status:
  description: HTTP status of the failed answer.
  returned: failure, when an answer came
  type: int
  sample: 403
error:
  description: The error code PingOne sent, such as the platform API's C(INVALID_DATA), C(NOT_FOUND) or
    C(ACCESS_FAILED), or the token endpoint's OAuth C(invalid_client).
  returned: failure, when PingOne sent one
  type: str
  sample: ACCESS_FAILED
error_description:
  description: PingOne's error message (the platform API's C(message), the token endpoint's C(error_description)),
    without the correlation ID.
  returned: failure, when PingOne sent one
  type: str
  sample: The request could not be completed. You do not have access to this resource.
details:
  description: PingOne's C(details) of the error, one entry per problem, each with C(code), C(target), C(message) and
    maybe C(innerError).
  returned: failure, when PingOne sent them
  type: list
  elements: dict
  sample: [{"code": "INSUFFICIENT_PERMISSIONS", "message": "Missing licensing:read:license"}]
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
  sample: organization_id
# END generated failure-keys
'''

from ansible.module_utils.basic import AnsibleModule

from ansible_collections.pingone.platform.plugins.module_utils.pingone import (
    LICENSE_STATUSES,
    PingOneError,
    api_argument_spec,
    connect,
    fail_module,
    list_licenses,
    organization_id,
    require_uuid,
)


def main():
    module = AnsibleModule(
        argument_spec=api_argument_spec(
            organization_id=dict(type='str'),
            status=dict(type='str', choices=list(LICENSE_STATUSES)),
            name=dict(type='str'),
        ),
        supports_check_mode=True,
    )
    params = module.params
    try:
        if params['organization_id'] is not None:   # checked before a token is fetched
            require_uuid(params['organization_id'], 'organization_id', 'the ID of the PingOne organization')
        client, _settings = connect(module)
        with client:
            org_id = organization_id(client, params['organization_id'])
            licenses = list_licenses(client, org_id, params['status'])
    except PingOneError as error:
        fail_module(module, error)
    if params['name'] is not None:
        licenses = [lic for lic in licenses if isinstance(lic, dict) and lic.get('name') == params['name']]
    module.exit_json(changed=False, organization_id=org_id, licenses=licenses)


if __name__ == '__main__':
    main()
