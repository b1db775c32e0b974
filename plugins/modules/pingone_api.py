#!/usr/bin/python
# -*- coding: utf-8 -*-
# Copyright: (c) 2026, pingone.platform maintainers
# GNU General Public License v3.0+ (see LICENSE or https://www.gnu.org/licenses/gpl-3.0.txt)

from __future__ import annotations

DOCUMENTATION = r'''
module: pingone_api
short_description: Send any request to the PingOne platform API
version_added: 0.1.0
description:
  - Sends one request to the PingOne platform API (C(https://api.pingone.<tld>/v1)) with a bearer
    token, and returns the status and the parsed JSON answer.
  - The token is O(access_token) (for example from M(pingone.platform.pingone_token)), or, when
    that is not set, one fetched with the worker application's client credentials.
  - Only PingOne API hosts receive the token; a path on any other host is refused before anything is sent.
  - Reads (V(GET), V(HEAD)) are retried on HTTP 408, 429 and 5xx and on connection failures. Writes are
    retried only when PingOne provably did not act on them (HTTP 429 with C(Retry-After), or a
    connection that never opened), so a retry can never create something twice.
  - For environments and populations, the idempotent modules M(pingone.platform.pingone_environment) and
    M(pingone.platform.pingone_population) compare before they write; this module sends what it is given.
author:
  - pingone.platform maintainers (@pingone-ansible)
extends_documentation_fragment:
  - pingone.platform.connection
  - pingone.platform.connection.api
  - pingone.platform.attributes
options:
  method:
    description:
      - The HTTP method.
    type: str
    choices: [GET, HEAD, POST, PUT, PATCH, DELETE]
    default: GET
  path:
    description:
      - What to call, relative to the API base URL and starting with C(/), for example V(/environments)
        or C(/environments/<id>/populations).
      - An absolute C(https://) URL is accepted only on the configured API host (O(region) or
        O(api_hostname)) or on one of PingOne's regional API hosts, for example a C(_links) C(href)
        from an earlier answer.
      - The path is sent as given; IDs in it are not escaped.
      - The base URL already ends in C(/v1), so a path that starts with C(/v1) (such as V(/v1/environments),
        copied from a full URL) is refused before any request; give V(/environments).
    type: str
    required: true
  body:
    description:
      - The JSON body, as a dictionary or a list. A string is read as a JSON document.
      - Refused with V(GET) and V(HEAD).
    type: raw
  query:
    description:
      - Query parameters, URL-encoded and appended to O(path); a list value repeats the parameter.
      - 'For example C({filter: "status eq \"ACTIVE\"", limit: 100}).'
    type: dict
  status_code:
    description:
      - The HTTP statuses that count as success. Any other status fails the task with PingOne's
        error code, message, details and correlation ID.
      - Add V(404), for example, to test whether something exists without failing.
    type: list
    elements: int
    default: [200, 201, 202, 204]
  paginate:
    description:
      - Read a whole collection; needs O(method=GET).
      - Follows C(_links.next.href) from page to page and returns every item under C(_embedded) as
        RV(resources). O(query) is sent with the first page only; the next links carry it on.
    type: bool
    default: false
  content_type:
    description:
      - The media type of O(body), sent as C(Content-Type).
      - Some PingOne endpoints choose what they do by a vendor media type, such as
        C(application/vnd.pingidentity.password.set+json) for C(PUT .../users/{id}/password) or
        C(application/vnd.pingidentity.user.import+json) for a user created with a password.
    type: str
    default: application/json
attributes:
  check_mode:
    details:
      - V(GET) and V(HEAD) are sent in check mode too. Other methods are not sent; the result says what would
        have been sent (RV(request)) and reports C(changed).
      - The token is requested in check mode too when O(access_token) is not set.
  diff_mode:
    support: none
seealso:
  - module: pingone.platform.pingone_token
  - name: PingOne Platform API reference
    description: Every path, body and answer of the platform API.
    link: https://developer.pingidentity.com/pingone-api/platform/introduction.html
notes:
  - C(changed) is V(true) for a successful V(POST), V(PUT), V(PATCH) or V(DELETE), and V(false) for reads and for
    error statuses accepted through O(status_code). Use C(changed_when) to refine it.
  - The answer is returned as it came, and it may hold secrets (an application's client secret, for example).
    Set C(no_log) on such tasks.
'''

EXAMPLES = r'''
- name: Get a worker token
  pingone.platform.pingone_token:
  register: token
  no_log: true

- name: List the organization's environments, every page
  pingone.platform.pingone_api:
    path: /environments
    query:
      limit: 100
    paginate: true
    access_token: "{{ token.access_token }}"
  register: environments

- name: Set a user's password, with the media type PingOne asks for
  pingone.platform.pingone_api:
    method: PUT
    path: "/environments/{{ environment.environment.id }}/users/{{ user.user.id }}/password"
    content_type: application/vnd.pingidentity.password.set+json
    body:
      value: "{{ new_password }}"
      forceChange: true
    access_token: "{{ token.access_token }}"
  no_log: true

- name: Create a group in an environment (a write; skipped in check mode)
  pingone.platform.pingone_api:
    method: POST
    path: "/environments/{{ environment_id }}/groups"
    body:
      name: Testers
      description: People who test
    access_token: "{{ token.access_token }}"
  register: group

- name: Test whether an application exists, without failing when it does not
  pingone.platform.pingone_api:
    path: "/environments/{{ environment_id }}/applications/{{ application_id }}"
    status_code: [200, 404]
    access_token: "{{ token.access_token }}"
  register: application

- name: Follow a link from an earlier answer
  pingone.platform.pingone_api:
    path: "{{ group.json._links.environment.href }}"
    access_token: "{{ token.access_token }}"

- name: Without access_token, the module gets its own token from the PINGONE_* variables
  pingone.platform.pingone_api:
    path: /environments
    query:
      filter: name sw "Test"
'''

RETURN = r'''
status:
  description:
    - The HTTP status of the answer (V(200) for O(paginate)).
    - Also returned on failure, when an answer came.
  returned: when the request was sent
  type: int
  sample: 201
json:
  description: The answer's JSON body; V(null) when it had none (as for V(204) or V(HEAD)).
  returned: when the request was sent, without O(paginate)
  type: raw
  sample: {"id": "5a1c3f0e-2b9d-4c47-9e7b-0d8f6a4b2c11", "name": "Testers"}
resources:
  description:
    - Every item of every page (the lists under C(_embedded)), in order.
    - The same list is also returned under the key C(items), the name first planned for it; read that one as
      C(result['items']), because Jinja reads C(result.items) as the dict method. It is not documented as a key of its
      own because ansible-core 2.21 refuses return values named after dict methods.
  returned: with O(paginate)
  type: list
  elements: raw
  sample: [{"id": "5a1c3f0e-2b9d-4c47-9e7b-0d8f6a4b2c11", "name": "Administrators"}]
url:
  description:
    - The URL called (with O(paginate), of the first page).
    - Also returned on failure, when a request was sent.
  returned: always, unless bad input stopped the module first
  type: str
  sample: https://api.pingone.eu/v1/environments?limit=100
request:
  description: What would have been sent, in check mode, for a method other than V(GET) and V(HEAD).
  returned: in check mode, for writes
  type: dict
  contains:
    method:
      description: The method.
      type: str
      sample: POST
    url:
      description: The URL.
      type: str
      sample: https://api.pingone.eu/v1/environments
    body:
      description: The body, as given.
      type: raw
      sample: {"name": "Testers"}
# BEGIN generated failure-keys: edit FAILURE_KEYS and run tools/module_docs.py
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
  sample: [{"code": "INVALID_VALUE", "target": "name", "message": "name must be a non-empty string."}]
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
  sample: path
# END generated failure-keys
'''

import json
import re

from ansible.module_utils.basic import AnsibleModule

from ansible_collections.pingone.platform.plugins.module_utils.pingone import (
    PingOneError,
    PingOneInputError,
    api_argument_spec,
    connect,
    fail_module,
)

READ_METHODS = ('GET', 'HEAD')
CONTENT_TYPE_RE = re.compile(r'^[A-Za-z0-9][A-Za-z0-9!#$&^_.+-]*/[A-Za-z0-9][A-Za-z0-9!#$&^_.+-]*(\s*;\s*[A-Za-z0-9_.-]+=[A-Za-z0-9_.-]+)*$')


def request_body(params):
    """The body to send: a dict or list as given, a string parsed as JSON; refused for reads."""
    body = params['body']
    if body is None:
        return None
    if params['method'] in READ_METHODS:
        raise PingOneInputError('body is set, but a %s request has no body: remove body, or use POST, PUT or PATCH.' % params['method'],
                                option='body')
    if isinstance(body, str):
        try:
            return json.loads(body)
        except ValueError:
            raise PingOneInputError('body is a string that is not a JSON document: give a dictionary or a list, or valid JSON.',
                                    option='body') from None
    return body


def check_content_type(value):
    """A media type such as application/json or application/vnd.pingidentity.password.set+json: one line, type/subtype."""
    if not CONTENT_TYPE_RE.match(value or ''):
        raise PingOneInputError('content_type %r is not a media type: give type/subtype, such as application/json or '
                                'application/vnd.pingidentity.password.set+json.' % (value or '')[:80], option='content_type')


def call(client, params, body, check_mode):
    """Send the request (or, for a write in check mode, say what would be sent) and build the result."""
    method, path, query = params['method'], params['path'], params['query'] or None
    url = client.url_for(path, query)   # refuses a path off the PingOne API hosts before anything is sent
    if params['paginate']:
        resources = client.paginate(path, query)
        return dict(changed=False, status=200, resources=resources, items=resources, url=url)
    if check_mode and method not in READ_METHODS:
        return dict(changed=True, url=url, request=dict(method=method, url=url, body=body))
    response = client.request(method, path, body=body, query=query, expected=tuple(params['status_code']),
                              content_type=params['content_type'])
    wrote = method not in READ_METHODS and 200 <= response.status < 300
    return dict(changed=wrote, status=response.status, json=response.json, url=response.url)


def main():
    module = AnsibleModule(
        argument_spec=api_argument_spec(
            method=dict(type='str', choices=['GET', 'HEAD', 'POST', 'PUT', 'PATCH', 'DELETE'], default='GET'),
            path=dict(type='str', required=True),
            body=dict(type='raw'),
            query=dict(type='dict'),
            status_code=dict(type='list', elements='int', default=[200, 201, 202, 204]),
            paginate=dict(type='bool', default=False),
            content_type=dict(type='str', default='application/json'),
        ),
        supports_check_mode=True,
    )
    try:
        if module.params['paginate'] and module.params['method'] != 'GET':
            raise PingOneInputError('paginate reads a collection page by page, which needs method GET.', option='paginate')
        check_content_type(module.params['content_type'])
        body = request_body(module.params)
        client, _settings = connect(module)
        with client:
            result = call(client, module.params, body, module.check_mode)
    except PingOneError as error:
        fail_module(module, error)
    module.exit_json(**result)


if __name__ == '__main__':
    main()
