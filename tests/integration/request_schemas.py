# -*- coding: utf-8 -*-
# Copyright: (c) 2026, pingone.platform maintainers
# GNU General Public License v3.0+ (see LICENSE or https://www.gnu.org/licenses/gpl-3.0.txt)
"""Every request body the modules send, as the simulator received it, checked against Ping's own
API descriptions with a real JSON Schema validator (jsonschema).

The descriptions do not close their objects, so a misspelt field would pass them as they are;
PingOne refuses or ignores it. Here every object schema is closed (no property it does not
describe), ``readOnly`` properties are taken out of what a request may hold, ``allOf`` is merged
and ``nullable`` is read as OpenAPI 3.0 means it. The content type must be one the operation
documents (a media type under ``requestBody.content``, or the example of its ``Content-Type``
header parameter, as for ``application/vnd.pingidentity.password.set+json``, which then is the
only one). Where a body is
described only as ``type: object`` with an example, the example's fields and their JSON types
are the schema.

Which description covers a path: the platform one (newer) for environments and their bill of
materials; the MFA one for MFA device policies (``/deviceAuthenticationPolicies``) and the risk
one for risk predictors and risk policy sets (``/riskPredictors``, ``/riskPolicySets``), as the kind
registry reads them; the management one for everything else (users, groups, populations,
applications, role assignments and the other kinds of ``pingone_object``).
"""

from __future__ import annotations

import copy
import functools
import json
import re

import jsonschema
# described_store is in tests/simulator, on the path of the integration tests (conftest puts it there).
from described_store import load_description  # pylint: disable=import-error

# Ping's descriptions, kept gzipped in the repository (tests/reference/README.md says from where).
MANAGEMENT = 'pingone-management-openapi.yml'
PLATFORM = 'pingone-platform-openapi.yaml'
PLATFORM_PATHS = re.compile(r'^/environments(/\{environmentID\}(/billOfMaterials)?)?$')
MFA = 'pingone-mfa-openapi.yml'
MFA_PATHS = re.compile(r'^/environments/\{environmentID\}/deviceAuthenticationPolicies(/[^/]+)?$')
RISK = 'pingone-risk-openapi.yml'
RISK_PATHS = re.compile(r'^/environments/\{environmentID\}/(riskPredictors|riskPolicySets)(/[^/]+)?$')
# Description -> the paths taken from it (None: every path no other description takes).
OWN_PATHS = {PLATFORM: PLATFORM_PATHS, MFA: MFA_PATHS, RISK: RISK_PATHS, MANAGEMENT: None}
_JSON_TYPES = {bool: 'boolean', int: 'integer', float: 'number', str: 'string', list: 'array', dict: 'object'}


def load(name):
    """The parsed description, as the simulator reads it (described_store.load_description: PINGONE_REFERENCE_DIR
    first, then tests/reference; parsed once per process). Only the bytes are shared, never a table of the simulator's."""
    spec = load_description(name)
    if spec is None:
        raise FileNotFoundError('%s is not in tests/reference (nor PINGONE_REFERENCE_DIR)' % name)
    return spec


@functools.lru_cache(maxsize=None)
def operations():
    """[(path regex, method, operation, spec)] for every documented operation that takes a body."""
    table = []
    for name, own in OWN_PATHS.items():
        spec = load(name)
        for template, item in spec['paths'].items():
            if own is not None and not own.match(template):
                continue
            if own is None and any(other and other.match(template) for other in OWN_PATHS.values()):
                continue
            pattern = re.compile('^/v1' + re.sub(r'\{[^}]+\}', '[^/]+', template) + '$')
            for method, operation in item.items():
                if isinstance(operation, dict) and 'requestBody' in operation:
                    table.append((pattern, method.upper(), operation, spec))
    return table


def _resolve(node, spec, depth=0):
    """``node`` with $refs replaced, allOf merged and nullable turned into JSON Schema."""
    if depth > 40:   # a recursive schema (a sign-on policy action's condition): open below here; plain values kept
        if isinstance(node, list):
            return [item for item in node if not isinstance(item, (dict, list))]
        return {} if isinstance(node, dict) else node
    if isinstance(node, list):
        return [_resolve(item, spec, depth + 1) for item in node]
    if not isinstance(node, dict):
        return node
    if '$ref' in node:
        target = spec
        for part in node['$ref'].lstrip('#/').split('/'):
            target = target[part]
        return _resolve(dict(target, **{k: v for k, v in node.items() if k != '$ref'}), spec, depth + 1)
    node = {key: _resolve(value, spec, depth + 1) for key, value in node.items() if key not in ('example', 'examples')}
    if 'allOf' in node:
        merged = {key: value for key, value in node.items() if key != 'allOf'}
        for part in node['allOf']:
            merged.setdefault('properties', {}).update(part.get('properties') or {})
            merged['required'] = sorted(set(merged.get('required') or []) | set(part.get('required') or []))
            for key, value in part.items():
                if key not in ('properties', 'required'):
                    merged.setdefault(key, value)
        node = merged
    if 'pattern' in node and not _python_regex(node['pattern']):
        del node['pattern']   # an ECMA-only pattern (\\p{...}): Python's re cannot check it
    if node.pop('nullable', False) and 'type' in node:
        node['type'] = [node['type'], 'null']
    return node


def _python_regex(pattern):
    try:
        re.compile(pattern)
    except (re.error, TypeError):
        return False
    return True


def _close(node):
    """Objects admit only the properties they describe, never a readOnly one."""
    if isinstance(node, list):
        return [_close(item) for item in node]
    if not isinstance(node, dict):
        return node
    # A 'properties' map holds schemas by field name, and a field may be called 'required' or 'properties'
    # (a progressive profiling action's attributes[].required): close the schemas in it, never the map itself.
    node = {key: {name: _close(prop) for name, prop in value.items()} if key == 'properties' and isinstance(value, dict) else _close(value)
            for key, value in node.items()}
    if isinstance(node.get('properties'), dict):
        node['properties'] = {name: prop for name, prop in node['properties'].items() if not prop.get('readOnly')}
        # (past _resolve's depth limit, in recursive schemas such as schema attributes, a list or its items are {})
        required = node.get('required') if isinstance(node.get('required'), list) else []
        node['required'] = [name for name in required if isinstance(name, str) and name in node['properties']]
        if not node['required']:
            del node['required']
        node.setdefault('additionalProperties', False)
    if 'oneOf' in node:
        # The descriptions give several oneOf without a discriminator whose branches overlap (a sign-on policy action,
        # an identity provider, a template content or a risk predictor of any type is valid under many; pingone-facts.md,
        # "a quirk of the management description"), while PingOne picks the branch by a field (type): a body must fit
        # one of the closed branches (anyOf). The branch is never picked here from a table of our own (the simulator's
        # or the kind registry's): the check reads only Ping's descriptions, so a wrong table entry cannot hide a bad body.
        node['anyOf'] = node.pop('oneOf')
    return node


def _from_example(example):
    """A closed schema for a body documented only by an example: its fields, with their JSON types."""
    if isinstance(example, dict):
        return {'type': 'object', 'additionalProperties': False,
                'properties': {key: _from_example(value) for key, value in example.items()}}
    return {'type': _JSON_TYPES.get(type(example), 'string')}


def _content_types(operation):
    """Media type -> its schema entry. A Content-Type header parameter whose example is not among the
    documented media types names the one to send (the body schema is the application/json one)."""
    documented = dict(operation['requestBody'].get('content') or {})
    for parameter in operation.get('parameters') or []:
        example = parameter.get('example')
        # (only a JSON one: POST /keys shows application/x-pkcs12-certificates, the import's file type, next to its
        # documented application/json and multipart/form-data bodies)
        if parameter.get('in') == 'header' and parameter.get('name', '').lower() == 'content-type' and isinstance(example, str) \
                and example.endswith('json') and example not in documented:
            documented = {example: documented.get('application/json')}
    return documented


def _conditions_any_of(node, inside=False):
    """A sign-on policy action's ``condition`` with its oneOfs read as anyOf: its And, Or and Not branches require no
    property, so every condition matches several and a strict oneOf refuses them all (pingone-facts.md)."""
    if isinstance(node, list):
        return [_conditions_any_of(item, inside) for item in node]
    if not isinstance(node, dict):
        return node
    result = {}
    for key, value in node.items():
        if key == 'properties' and isinstance(value, dict):
            result[key] = {name: _conditions_any_of(prop, inside or name == 'condition') for name, prop in value.items()}
        else:
            result['anyOf' if inside and key == 'oneOf' else key] = _conditions_any_of(value, inside)
    return result


def problems(request):
    """What is wrong with one recorded request (method, path, headers, body), as sentences; [] when it is fine."""
    method, path = request['method'], request['path']
    body_text = request.get('body') or ''
    if not path.startswith('/v1/') or method not in ('POST', 'PUT', 'PATCH') or not body_text.strip():
        return []
    matches = [(operation, spec) for pattern, verb, operation, spec in operations() if verb == method and pattern.match(path)]
    if not matches:
        return ['%s %s: no operation of that method and path takes a body in the API descriptions' % (method, path)]
    operation, spec = matches[0]
    headers = {key.lower(): value for key, value in (request.get('headers') or {}).items()}
    content_type = headers.get('content-type', '').split(';')[0].strip().lower()
    documented = _content_types(operation)
    if content_type not in documented:
        return ['%s %s: Content-Type %r is not one the description documents (%s)' % (method, path, content_type, ', '.join(documented))]
    media = documented[content_type] or {}
    raw = media.get('schema') or {}
    if raw.get('type') == 'object' and 'properties' not in raw and raw.get('example') is not None:
        schema = _from_example(raw['example'])
    else:
        schema = _close(_conditions_any_of(_resolve(copy.deepcopy(raw), spec)))
    body = json.loads(body_text)
    if method == 'PATCH':   # a PATCH sends some fields: the required ones may be left out
        schema = dict(schema, required=[])
    validator = jsonschema.Draft202012Validator(schema)
    return ['%s %s: %s at %s' % (method, path, error.message, '/'.join(str(part) for part in error.absolute_path) or '(body)')
            for error in sorted(validator.iter_errors(body), key=str)[:5]]


def assert_requests_match_the_descriptions(requests):
    found = [problem for request in requests for problem in problems(request)]
    assert not found, 'requests PingOne would refuse:\n  ' + '\n  '.join(found)
