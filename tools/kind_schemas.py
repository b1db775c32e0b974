#!/usr/bin/env python
# Copyright: (c) 2026, pingone.platform maintainers
# GNU General Public License v3.0+ (see LICENSE or https://www.gnu.org/licenses/gpl-3.0.txt)
"""Write plugins/module_utils/_kind_schemas.py from Ping's descriptions in tests/reference/.

For every kind of the registry (plugins/module_utils/registry.py) it keeps the operations on the
kind's paths (methods, content types, body and answer schemas) and those schemas with every schema
they use: per field its type, enum, readOnly, writeOnly, nullable, required fields, nested objects,
allOf merged, oneOf branches with the field that picks one. Descriptions and examples are left out,
so modules validate a definition without parsing 1.7 MB of YAML at run time.

Usage (with the interpreter of .venv, which has PyYAML):
  python tools/kind_schemas.py           write plugins/module_utils/_kind_schemas.py
  python tools/kind_schemas.py --check   exit 1 when the committed file differs from what the descriptions give
"""

from __future__ import annotations

import gzip
import os
import sys
import tempfile

import yaml

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
REFERENCE = os.path.join(ROOT, 'tests', 'reference')
TARGET = os.path.join('plugins', 'module_utils', '_kind_schemas.py')
SOURCES = {'management': 'pingone-management-openapi.yml', 'mfa': 'pingone-mfa-openapi.yml', 'risk': 'pingone-risk-openapi.yml'}
PREFIX = '/environments/{environmentID}'
WIDTH = 159   # pep8 in ansible-test sanity: 160 columns

# The field that picks a oneOf branch where Ping's description has a oneOf without a `discriminator`.
# Identity providers: as the Go SDK generated from these descriptions unmarshals them (it picks the
# branch by `type`, management/model_identity_provider.go). The others were not read in the SDK: the
# branch names and the field's enum say them (an assumption). The generator fails when a value names
# no branch of the oneOf.
_IDP_CLIENT = 'IdentityProviderClientIDClientSecret'
_APPLICATIONS = ('protocol', {'OPENID_CONNECT': 'ApplicationOIDC', 'SAML': 'ApplicationSAML', 'WS_FED': 'ApplicationWSFED',
                              'EXTERNAL_LINK': 'ApplicationExternalLink'})
# Only the LDAP and RADIUS gateways have fields of their own.
_GATEWAYS = ('type', {'LDAP': 'GatewayTypeLDAP', 'RADIUS': 'GatewayTypeRADIUS', 'PING_FEDERATE': 'Gateway', 'PING_INTELLIGENCE': 'Gateway',
                      'API_GATEWAY_INTEGRATION': 'Gateway'})
DISCRIMINATORS = {
    ('management', 'IdentityProvider'): ('type', {
        'FACEBOOK': 'IdentityProviderFacebook', 'GOOGLE': _IDP_CLIENT, 'LINKEDIN': _IDP_CLIENT, 'LINKEDIN_OIDC': _IDP_CLIENT,
        'APPLE': 'IdentityProviderApple', 'TWITTER': _IDP_CLIENT, 'AMAZON': _IDP_CLIENT, 'YAHOO': _IDP_CLIENT,
        'MICROSOFT': 'IdentityProviderMicrosoft', 'PAYPAL': 'IdentityProviderPaypal', 'GITHUB': _IDP_CLIENT,
        'OPENID_CONNECT': 'IdentityProviderOIDC', 'SAML': 'IdentityProviderSAML'}),
    ('management', 'SignOnPolicyAction'): ('type', {
        'LOGIN': 'SignOnPolicyActionLogin', 'MULTI_FACTOR_AUTHENTICATION': 'SignOnPolicyActionMFA',
        'IDENTIFIER_FIRST': 'SignOnPolicyActionIDFirst', 'IDENTITY_PROVIDER': 'SignOnPolicyActionIDP',
        'AGREEMENT': 'SignOnPolicyActionAgreement', 'PROGRESSIVE_PROFILING': 'SignOnPolicyActionProgressiveProfiling',
        'PINGID_AUTHENTICATION': 'SignOnPolicyActionPingID',
        'PINGID_WINLOGIN_PASSWORDLESS_AUTHENTICATION': 'SignOnPolicyActionPingIDWinLoginPasswordless'}),
    ('management', 'TemplateContent'): ('deliveryMethod', {
        'Email': 'TemplateContentEmail', 'SMS': 'TemplateContentSMS', 'Voice': 'TemplateContentVoice', 'Push': 'TemplateContentPush'}),
    ('management', 'POST /applications'): _APPLICATIONS,
    # PingOne's own portal and self-service applications are OPENID_CONNECT too; the registry does not write them.
    ('management', 'PUT /applications/{applicationID}'): _APPLICATIONS,
    ('management', 'POST /gateways'): _GATEWAYS,
    ('management', 'PUT /gateways/{gatewayID}'): _GATEWAYS,
    # MAP is taken to be the type of custom predictors (RiskPredictorCustom).
    ('risk', 'RiskPredictor'): ('type', {
        'ADVERSARY_IN_THE_MIDDLE': 'RiskPredictorAdversaryInTheMiddle', 'ANONYMOUS_NETWORK': 'RiskPredictorAnonymousNetwork',
        'BOT': 'RiskPredictorBotDetection', 'COMPOSITE': 'RiskPredictorComposite', 'DEVICE': 'RiskPredictorDevice',
        'EMAIL_REPUTATION': 'RiskPredictorEmailReputation', 'GEO_VELOCITY': 'RiskPredictorGeovelocity',
        'IP_REPUTATION': 'RiskPredictorIPReputation', 'MAP': 'RiskPredictorCustom', 'TRAFFIC_ANOMALY': 'RiskPredictorTrafficAnomaly',
        'USER_LOCATION_ANOMALY': 'RiskPredictorUserLocationAnomaly', 'USER_RISK_BEHAVIOR': 'RiskPredictorUserRiskBehavior',
        'VELOCITY': 'RiskPredictorVelocity'}),
}
FLAGS = ('readOnly', 'writeOnly', 'nullable')
KEPT = ('type', 'enum', 'minimum', 'maximum') + FLAGS


def load(api: str) -> dict:
    path = os.path.join(REFERENCE, SOURCES[api])
    opener = (lambda: open(path, encoding='utf-8')) if os.path.exists(path) else (lambda: gzip.open(path + '.gz', 'rt', encoding='utf-8'))
    with opener() as handle:
        # The management and risk descriptions hold a TAB inside a plain scalar, which YAML 1.1 loaders refuse.
        text = handle.read().replace('\t', ' ')
    return yaml.load(text, Loader=getattr(yaml, 'CSafeLoader', yaml.SafeLoader))


def registry():
    """The registry module of this checkout (tools run outside an ansible_collections tree: one is made of a link)."""
    try:
        from ansible_collections.pingone.platform.plugins.module_utils import registry as module  # pylint: disable=import-outside-toplevel
        if os.path.realpath(module.__file__).startswith(os.path.realpath(ROOT) + os.sep):
            return module
    except ImportError:
        pass
    if 'ansible_collections' in sys.modules:
        raise SystemExit('ansible_collections is imported from elsewhere (%s); run this tool with .venv\'s python'
                         % getattr(sys.modules['ansible_collections'], '__path__', '?'))
    top = tempfile.mkdtemp(prefix='kind-schemas-')
    os.makedirs(os.path.join(top, 'ansible_collections', 'pingone'))
    os.symlink(ROOT, os.path.join(top, 'ansible_collections', 'pingone', 'platform'))
    sys.path.insert(0, top)
    from ansible_collections.pingone.platform.plugins.module_utils import registry as module  # pylint: disable=import-outside-toplevel
    return module


class Compactor:
    """The compact form of one description's schemas, from a set of root names outward."""

    def __init__(self, api: str, spec: dict):
        self.api = api
        self.components = spec['components']['schemas']
        self.parameters = spec['components'].get('parameters') or {}
        self.out: dict = {}
        self.queue: list = []

    def need(self, name: str) -> None:
        if name not in self.out and name not in self.queue:
            self.queue.append(name)

    def run(self) -> dict:
        while self.queue:
            name = self.queue.pop(0)
            if name not in self.out:
                self.out[name] = self.named(name, self.components[name])
        return self.out

    def named(self, name: str, node: dict) -> dict:
        result = self.node(node)
        rule = DISCRIMINATORS.get((self.api, name))
        if rule:
            branches = {branch.get('ref') for branch in result.get('oneOf', ())}
            field, mapping = rule
            missing = sorted(set(mapping.values()) - branches)
            if missing:
                raise SystemExit('%s %s: the discriminator names %s, which are not branches of its oneOf' % (self.api, name, missing))
            result['discriminator'] = {'field': field, 'mapping': dict(mapping)}
        return result

    @staticmethod
    def ref_name(node: dict) -> str:
        return node['$ref'].rsplit('/', 1)[-1]

    def inlined(self, target: dict) -> bool:
        """Scalars, enums and free-form objects are copied where used; objects with fields (and aliases) are kept by name."""
        return not any(key in target for key in ('properties', 'allOf', 'oneOf', 'anyOf', '$ref'))

    def node(self, node: dict) -> dict:
        if '$ref' in node:
            name = self.ref_name(node)
            flags = {key: node[key] for key in FLAGS if node.get(key)}
            target = self.components[name]
            if self.inlined(target):
                return dict(self.node(target), **flags)
            self.need(name)
            return dict({'ref': name}, **flags)
        if 'allOf' in node:
            return self.merged(node)
        result = {key: node[key] for key in KEPT if key in node and node[key] is not False}
        if node.get('format') == 'password':
            result['secret'] = True
        choices = node.get('oneOf') or node.get('anyOf')
        if choices:
            result['oneOf'] = [self.node(choice) for choice in choices]
            if 'discriminator' in node:
                mapping = {value: target.rsplit('/', 1)[-1] for value, target in node['discriminator'].get('mapping', {}).items()}
                result['discriminator'] = {'field': node['discriminator']['propertyName'], 'mapping': mapping}
            return result
        if 'properties' in node:
            result['type'] = 'object'
            result['properties'] = {name: self.node(item) for name, item in node['properties'].items()}
            if node.get('required'):
                result['required'] = sorted(node['required'])
        if node.get('type') == 'object' and ('properties' not in node or node.get('additionalProperties')):
            result['additional'] = True
        if 'items' in node:
            result['items'] = self.node(node['items'])
        return result

    def expanded(self, node: dict) -> dict:
        """A part of an allOf as a plain node (a named part is copied in)."""
        result = self.node(node)
        while 'ref' in result:
            flags = {key: result[key] for key in FLAGS if result.get(key)}
            result = dict(self.node(self.components[result['ref']]), **flags)
        return result

    def merged(self, node: dict) -> dict:
        parts = [self.expanded(part) for part in node['allOf']]
        rest = {key: value for key, value in node.items() if key != 'allOf'}
        if rest:
            parts.append(self.node(rest))
        result: dict = {'type': 'object', 'properties': {}}
        required: set = set()
        for part in parts:
            if 'oneOf' in part:
                raise SystemExit('%s: a oneOf inside an allOf is not supported by this generator' % self.api)
            result['properties'].update(part.get('properties', {}))
            required.update(part.get('required', ()))
            for key, value in part.items():
                if key not in ('properties', 'required', 'type'):
                    result[key] = value
        if required:
            result['required'] = sorted(required)
        return result


def operation_entry(method: str, operation: dict, compactor: Compactor, relative: str) -> dict:
    entry: dict = {}
    parameters = [compactor.parameters[compactor.ref_name(item)] if '$ref' in item else item for item in operation.get('parameters') or ()]
    query = sorted(parameter['name'] for parameter in parameters if parameter.get('in') == 'query')
    if query:
        entry['query'] = query
    content = (operation.get('requestBody') or {}).get('content') or {}
    if content:
        entry['content'] = sorted(content)
        body = (content.get('application/json') or next(iter(content.values()))).get('schema') or {}
        if '$ref' in body:
            entry['body'] = compactor.ref_name(body)
            compactor.need(entry['body'])
        else:
            # An inline body (applications, gateways) is kept under the operation's name.
            name = '%s %s' % (method.upper(), relative)
            compactor.out[name] = compactor.named(name, body)
            entry['body'] = name
    for code, answer in sorted((operation.get('responses') or {}).items()):
        schema = (((answer or {}).get('content') or {}).get('application/json') or {}).get('schema') or {}
        if str(code).startswith('2') and '$ref' in schema and compactor.ref_name(schema) != 'EntityArray':
            entry['answer'] = compactor.ref_name(schema)
            compactor.need(entry['answer'])
            break
    return entry


def generate(kinds, specs) -> tuple:
    """(SCHEMAS, OPERATIONS, PARAMETERS) for the registry's kinds, from the parsed descriptions ``specs`` (api -> dict)."""
    compactors = {api: Compactor(api, spec) for api, spec in specs.items()}
    operations: dict = {api: {} for api in specs}
    parameters: dict = {api: {} for api in specs}
    for kind in kinds:
        compactor = compactors[kind.api]
        for path in sorted({kind.collection_path, kind.item_path}):
            item = specs[kind.api]['paths'].get(path)
            if item is None:
                continue   # a path the description lacks: the registry's contract test names it
            relative = path[len(PREFIX):]
            for method, operation in item.items():
                if method in ('get', 'put', 'post', 'patch', 'delete'):
                    operations[kind.api]['%s %s' % (method.upper(), relative)] = operation_entry(method, operation, compactor, relative)
                    given = [compactor.parameters[compactor.ref_name(item)] if '$ref' in item else item for item in operation.get('parameters') or ()]
                    parameters[kind.api].update(path_enums(given, compactor))
        for name in sorted({kind.schema, kind.body_schema}):
            if name in compactor.components:
                compactor.need(name)
    schemas = {api: reachable(compactor.run(), roots(operations[api], kinds, api)) for api, compactor in compactors.items()}
    return schemas, operations, parameters


def path_enums(parameters, compactor: Compactor) -> dict:
    """Path parameters whose values Ping's description lists (such as a notification template's name)."""
    found = {}
    for parameter in parameters:
        if parameter.get('in') == 'path':
            node = compactor.node(parameter.get('schema') or {})
            if 'enum' in node:
                found[parameter['name']] = list(node['enum'])
    return found


def roots(operations: dict, kinds, api: str) -> set:
    names = {kind.schema for kind in kinds if kind.api == api} | {kind.body_schema for kind in kinds if kind.api == api}
    for entry in operations.values():
        names.update(entry[key] for key in ('body', 'answer') if key in entry)
    return names


def reachable(schemas: dict, names: set) -> dict:
    """The schemas ``names`` and those they name: parts copied into an allOf are not kept on their own."""
    kept: dict = {}
    todo = sorted(name for name in names if name in schemas)
    while todo:
        name = todo.pop()
        if name in kept:
            continue
        kept[name] = schemas[name]
        todo.extend(refs(schemas[name]))
    return kept


def refs(node) -> list:
    if isinstance(node, dict):
        found = [node['ref']] if 'ref' in node else []
        found += list(node.get('discriminator', {}).get('mapping', {}).values())
        for value in node.values():
            found += refs(value)
        return found
    if isinstance(node, list):
        return [name for item in node for name in refs(item)]
    return []


def literal(value, indent: int = 0, start: int = 0) -> str:
    """``value`` as Python source within WIDTH columns: on one line when it fits, else one item per line.

    ``indent``: the indentation of the line the value starts on; ``start``: the column it starts at.
    """
    flat = repr(value)
    if start + len(flat) + 1 <= WIDTH or not isinstance(value, (dict, list)) or not value:
        return flat
    inner = indent + 4
    if isinstance(value, dict):
        items = ['%s%r: %s,' % (' ' * inner, key, literal(item, inner, inner + len(repr(key)) + 2)) for key, item in sorted(value.items())]
        return '{\n' + '\n'.join(items) + '\n' + ' ' * indent + '}'
    items = ['%s%s,' % (' ' * inner, literal(item, inner, inner)) for item in value]
    return '[\n' + '\n'.join(items) + '\n' + ' ' * indent + ']'


def render(schemas: dict, operations: dict, parameters: dict, digests: dict) -> str:
    lines = [
        '# -*- coding: utf-8 -*-',
        '# Copyright: (c) 2026, pingone.platform maintainers',
        '# GNU General Public License v3.0+ (see LICENSE or https://www.gnu.org/licenses/gpl-3.0.txt)',
        '# Generated by tools/kind_schemas.py from Ping\'s descriptions in tests/reference/; do not edit: change the',
        '# registry or the descriptions and run `.venv/bin/python tools/kind_schemas.py`. A unit test checks it is in step.',
        '"""Ping\'s request and answer schemas of the registry\'s kinds, compact (see kind_schema.py for the node format)."""',
        '',
        'from __future__ import annotations',
        '',
        '# SHA-256 of the descriptions this was generated from.',
        'SOURCES = %s' % literal(digests, 0, 10),
        '',
        '# api -> "METHOD path under /environments/{environmentID}" -> query parameters, content types, body and answer schema.',
        'OPERATIONS = %s' % literal(operations, 0, 13),
        '',
        '# api -> path parameter -> the values the description allows.',
        'PARAMETERS = %s' % literal(parameters, 0, 13),
        '',
        '# api -> schema name -> node.',
        'SCHEMAS = %s' % literal(schemas, 0, 10),
        '',
    ]
    return '\n'.join(lines)


def digests() -> dict:
    import hashlib  # pylint: disable=import-outside-toplevel
    result = {}
    for api, name in SOURCES.items():
        path = os.path.join(REFERENCE, name)
        opener = (lambda p=path: open(p, 'rb')) if os.path.exists(path) else (lambda p=path: gzip.open(p + '.gz', 'rb'))
        with opener() as handle:
            result[api] = hashlib.sha256(handle.read()).hexdigest()
    return result


def build(kinds=None) -> str:
    """The text of _kind_schemas.py for ``kinds`` (default: the registry's)."""
    if kinds is None:
        kinds = list(registry().KINDS.values())
    schemas, operations, parameters = generate(kinds, {api: load(api) for api in SOURCES})
    return render(schemas, operations, parameters, digests())


def main(argv) -> int:
    text = build()
    path = os.path.join(ROOT, TARGET)
    current = None
    if os.path.exists(path):
        with open(path, encoding='utf-8') as handle:
            current = handle.read()
    if current == text:
        return 0
    if '--check' in argv:
        print('out of date (run tools/kind_schemas.py): %s' % TARGET, file=sys.stderr)
        return 1
    with open(path, 'w', encoding='utf-8') as handle:
        handle.write(text)
    print('wrote %s (%d bytes)' % (TARGET, len(text.encode('utf-8'))))
    return 0


if __name__ == '__main__':
    sys.exit(main(sys.argv[1:]))
