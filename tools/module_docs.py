#!/usr/bin/env python
# Copyright: (c) 2026, pingone.platform maintainers
# GNU General Public License v3.0+ (see LICENSE or https://www.gnu.org/licenses/gpl-3.0.txt)
"""Write, in place, the generated parts of the modules' documentation (plugins/modules/*.py) and of the
format of the role environment_config (its argument spec and JSON Schema).

A module's DOCUMENTATION and RETURN are YAML that Ansible reads without running the module, and RETURN
cannot use a doc fragment. Where they would repeat what the collection already knows, this script
writes them between two YAML comments, which ansible-doc and sanity ignore:

    # BEGIN generated failure-keys: edit FAILURE_KEYS and run tools/module_docs.py
    ...
    # END generated failure-keys

Two sorts of block:
  failure-keys   in RETURN of every module that calls fail_module: the keys PingOneError.to_result()
                 adds to a failure (url, status, error, error_description, details, correlation_id,
                 option), from FAILURE_KEYS below, with the samples of each module from FAILURES.
                 The script fails when to_result() gains or loses a key that FAILURE_KEYS does not.
  <option>-choices, <name>-kinds
                 in DOCUMENTATION: an option's choices, or a description item naming kinds, from the
                 kind registry (plugins/module_utils/registry.py) or a table of module_utils, as BLOCKS
                 below says, such as pingone_object's kind choices (object_kind_names()).
  <kind>.<option>-choices
                 in roles/environment_config/meta/argument_specs.yml: the choices of an item's option,
                 from pingone_environment_export's CHOICES (in module_utils/config_legacy.py). The same
                 values are the enums of the role's JSON Schema (files/config.schema.json), which has no
                 comments: the script owns those enums and writes that file as json.dumps(indent=2) does.
  registry-kinds, secret-fields
                 in the same argument spec: the description's key of every registry kind that is not
                 read-only nor described by a key of its own (populations, groups, users, applications),
                 and the write-only fields pingone_config_secrets takes, from tools/config_format.py. In
                 the JSON Schema the script owns those keys (properties named after a registry kind) and
                 $defs, the schemas of their definitions, from Ping's descriptions (config_format.py).

The text outside the markers is the module's own. A module that calls fail_module and has no
failure-keys markers, or markers the script does not know, is an error: add the module to FAILURES
(and BLOCKS) and put an empty pair of markers where the block goes. tests/unit/plugins/modules/
test_module_docs.py (in `make units`) fails when a committed module differs from what this writes.

Usage (with the interpreter of .venv, which has PyYAML):
  python tools/module_docs.py           rewrite the generated blocks of the modules and the role's format
  python tools/module_docs.py --check   exit 1 naming the files whose generated parts are out of date
"""

from __future__ import annotations

import glob
import inspect
import json
import os
import re
import sys
import textwrap
from dataclasses import dataclass, field
from typing import Callable, Dict, List, Optional, Tuple

import yaml

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))

import config_format  # noqa: E402  pylint: disable=wrong-import-position
import kind_schemas  # noqa: E402  pylint: disable=wrong-import-position

ROOT = kind_schemas.ROOT
MODULES = os.path.join('plugins', 'modules')
WIDTH = 120   # as the modules' hand-written YAML is folded (pep8 in sanity allows 160)
BLOCK_RE = re.compile(r'^(?P<indent> *)# BEGIN generated (?P<name>\S+)[^\n]*\n(?:[^\n]*\n)*?(?P=indent)# END generated (?P=name)\n', re.M)


def begin(name: str, source: str) -> str:
    return '# BEGIN generated %s: edit %s and run tools/module_docs.py' % (name, source)


def end(name: str) -> str:
    return '# END generated %s' % name


# --- YAML, written as a person would -------------------------------------------------------------------------------------

def reads_back(text: str, value) -> bool:
    """Whether YAML reads ``text`` as ``value``."""
    try:
        return yaml.safe_load(text) == value
    except yaml.YAMLError:
        return False


def scalar(value) -> str:
    """``value`` as YAML: a plain scalar where that reads back the same, else JSON (which YAML reads)."""
    if isinstance(value, str) and reads_back('k: ' + value, {'k': value}):
        return value
    return json.dumps(value)


def mapping_entry(key: str, value, indent: str) -> List[str]:
    """``key: value``, a long plain string folded onto more-indented lines (YAML joins them with spaces)."""
    text = scalar(value)
    first = '%s%s: ' % (indent, key)
    if len(first) + len(text) <= WIDTH or text != value:
        return [first + text]
    return textwrap.wrap(text, WIDTH, initial_indent=first, subsequent_indent=indent + '  ', break_long_words=False,
                         break_on_hyphens=False)


def checked(lines: List[str], value) -> List[str]:
    """``lines`` after making sure YAML reads them (dedented) as ``value``: folding never changes a meaning."""
    if not reads_back(textwrap.dedent('\n'.join(lines)), value):
        raise ValueError('the YAML written does not read back as %r:\n%s' % (value, '\n'.join(lines)))
    return lines


def flow_list(key: str, values, indent: str) -> List[str]:
    """``key: [a, b, ...]``, wrapped with the items aligned after the bracket."""
    first = '%s%s: [' % (indent, key)
    items = [scalar(value) + ',' for value in values]
    items[-1] = items[-1][:-1] + ']'
    lines, line = [], first + items[0]
    for item in items[1:]:
        if len(line) + 1 + len(item) > WIDTH:
            lines.append(line)
            line = ' ' * len(first) + item
        else:
            line += ' ' + item
    return checked(lines + [line], {key: list(values)})


def list_item(text: str, indent: str) -> List[str]:
    """``- text`` of a description list, folded."""
    if not reads_back('- ' + text, [text]):
        raise ValueError('not a plain YAML scalar (quote-free text without ": " or " #"): %r' % text)
    return checked(textwrap.wrap(text, WIDTH, initial_indent=indent + '- ', subsequent_indent=indent + '  ', break_long_words=False,
                                 break_on_hyphens=False), [text])


def code(values) -> str:
    values = list(values)
    names = ['C(%s)' % value for value in values]
    return ', '.join(names[:-1]) + ' and ' + names[-1] if len(names) > 1 else ''.join(names)


# --- the module_utils this checkout holds ----------------------------------------------------------------------------------

def facade():
    """plugins/module_utils/pingone.py of this checkout (kind_schemas.registry() makes it importable)."""
    kind_schemas.registry()
    from ansible_collections.pingone.platform.plugins.module_utils import pingone  # pylint: disable=import-outside-toplevel
    return pingone


def part(name: str):
    """A part of module_utils (for what the facade does not export, such as objects.filterable)."""
    kind_schemas.registry()
    return __import__('ansible_collections.pingone.platform.plugins.module_utils.' + name, fromlist=['_'])


def result_keys() -> Tuple[str, ...]:
    """The keys PingOneError.to_result() can add besides msg: every field set, then read back."""
    error_class = facade().PingOneError
    fields = [name for name in inspect.signature(error_class.__init__).parameters if name not in ('self', 'message')]
    return tuple(key for key in error_class('m', **{name: 'x' for name in fields}).to_result() if key != 'msg')


# --- the failure keys: one definition ---------------------------------------------------------------------------------------

ENV = '0b9e8d7c-6a5f-4e3d-8c2b-7a6f5e4d3c2b'
API = 'https://api.pingone.eu/v1'
# What each key of PingOneError.to_result() means, in every module; {...} is filled from the module's Failure.
FAILURE_KEYS = {
    'url': {'description': 'The URL of the request that failed.', 'returned': 'failure, when a request was sent', 'type': 'str',
            'sample': '{url}'},
    'status': {'description': 'HTTP status of the failed answer.', 'returned': 'failure, when an answer came', 'type': 'int',
               'sample': '{status}'},
    'error': {'description': "The error code PingOne sent, such as the platform API's C(INVALID_DATA), C(NOT_FOUND) or "
                             "C(ACCESS_FAILED), or the token endpoint's OAuth C(invalid_client).",
              'returned': 'failure, when PingOne sent one', 'type': 'str', 'sample': '{error}'},
    'error_description': {'description': "PingOne's error message (the platform API's C(message), the token endpoint's "
                                         "C(error_description)), without the correlation ID.",
                          'returned': 'failure, when PingOne sent one', 'type': 'str', 'sample': '{error_description}'},
    'details': {'description': "PingOne's C(details) of the error, one entry per problem, each with C(code), C(target), C(message) "
                               "and maybe C(innerError).",
                'returned': 'failure, when PingOne sent them', 'type': 'list', 'elements': 'dict', 'sample': '{details}'},
    'correlation_id': {'description': "PingOne's correlation ID of the failed request (the C(id) of its error answer); give it to "
                                      "Ping Identity support.",
                       'returned': 'failure, when PingOne sent one', 'type': 'str', 'sample': '6f1a0d9e-0c1b-4c1e-9d7a-1b2c3d4e5f60'},
    'option': {'description': 'The option whose value was refused{refused}', 'returned': 'failure, on bad input', 'type': 'str',
               'sample': '{option}'},
}
# Typical answers, for the samples of status, error, error_description and details.
ANSWERS = {
    'invalid': (400, 'INVALID_DATA', 'The request could not be completed. One or more validation errors were in the request.',
                [{'code': 'INVALID_VALUE', 'target': 'email', 'message': 'must be a well-formed email address'}]),
    'not_found': (404, 'NOT_FOUND', 'The requested resource was not found.', None),
    'forbidden': (403, 'ACCESS_FAILED', 'The request could not be completed. You do not have access to this resource.',
                  [{'code': 'INSUFFICIENT_PERMISSIONS', 'message': 'Missing licensing:read:license'}]),
    'token': (401, 'invalid_client', 'Request denied: Invalid client credentials', None),
}


@dataclass(frozen=True)
class Failure:
    """What differs between modules in the failure keys: samples, and when an option is refused."""
    url: str                               # a sample URL; a path starting with / is under API
    option: str                            # a sample option name
    refused: str = ', before any request was sent.'
    answer: str = 'invalid'
    details: Optional[list] = None         # a sample of details; the answer's when not given
    own: Tuple[str, ...] = ()              # keys the module documents itself (returned on success too)
    never: Tuple[str, ...] = ()            # keys the module never returns

    def entries(self) -> Dict[str, dict]:
        status, error, description, details = ANSWERS[self.answer]
        values = {'url': API + self.url if self.url.startswith('/') else self.url, 'status': status, 'error': error,
                  'error_description': description, 'details': self.details or details, 'option': self.option, 'refused': self.refused}
        if values['details'] is None and 'details' not in self.never:
            raise SystemExit('the %r answer has no details sample: give the module one (details=...)' % self.answer)
        return {key: {name: filled(text, values) for name, text in spec.items()}
                for key, spec in FAILURE_KEYS.items() if key not in self.own + self.never}


def filled(text: str, values: dict):
    """``text`` with its {name}s filled; a text that is only ``{name}`` becomes that value, of its own type."""
    whole = re.fullmatch(r'\{(\w+)\}', text)
    return values[whole.group(1)] if whole else text.format(**values)


def in_env(path: str) -> str:
    return '/environments/%s%s' % (ENV, path)


_READ_FIRST = ' (some checks need a read first, such as O(%s)).'
_BEFORE_WRITES = ', before any write was sent.'
FAILURES = {
    'pingone_api': Failure('', 'path', own=('url', 'status'),
                           details=[{'code': 'INVALID_VALUE', 'target': 'name', 'message': 'name must be a non-empty string.'}]),
    'pingone_application': Failure(in_env('/applications'), 'redirect_uris',
                                   " (some checks need a read first, such as O(name) naming one of PingOne's own applications, or"
                                   " O(protocol) differing from the existing application's)."),
    'pingone_application_info': Failure(in_env('/applications'), 'target_environment_id'),
    'pingone_environment': Failure('/environments', 'license_name', _READ_FIRST % 'license_name',
                                   details=[{'code': 'INVALID_VALUE', 'target': 'billOfMaterials.products[0].type',
                                             'message': 'not a product type'}]),
    'pingone_environment_config': Failure(in_env('/signOnPolicies'), 'config', ' (O(config) or O(secrets) for a description that is not right).',
                                          'not_found', [{'code': 'INVALID_VALUE', 'target': 'limit',
                                                        'message': 'limit must be an integer from 1 to 1000'}]),
    'pingone_environment_export': Failure(in_env('/applications'), 'compare_to', ' (O(compare_to) for a description that is not right).',
                                          'not_found', [{'code': 'INVALID_VALUE', 'target': 'limit',
                                                        'message': 'limit must be an integer from 1 to 1000'}]),
    'pingone_environment_info': Failure('/environments', 'id'),
    'pingone_group': Failure(in_env('/users'), 'population', _READ_FIRST % 'population'),
    'pingone_group_info': Failure(in_env('/groups'), 'target_environment_id'),
    'pingone_identity_provider': Failure(in_env('/identityProviders'), 'issuer', _BEFORE_WRITES,
                                         details=[{'code': 'INVALID_VALUE', 'target': 'issuer', 'message': 'must be a URL'}]),
    'pingone_license_info': Failure('/organizations/3d2c1b0a-9f8e-4d7c-b6a5-4f3e2d1c0b9a/licenses', 'organization_id', answer='forbidden'),
    'pingone_object': Failure(in_env('/passwordPolicies'), 'definition', _BEFORE_WRITES,
                              details=[{'code': 'INVALID_VALUE', 'target': 'length.min', 'message': 'must be at least 1'}]),
    'pingone_object_info': Failure(in_env('/passwordPolicies'), 'filter',
                                   details=[{'code': 'INVALID_VALUE', 'target': 'length.min', 'message': 'must be at least 1'}]),
    'pingone_population': Failure(in_env('/populations'), 'target_environment_id',
                                  details=[{'code': 'UNIQUENESS_VIOLATION', 'target': 'name',
                                            'message': 'A population with this name already exists.'}]),
    'pingone_resource': Failure(in_env('/resources'), 'scopes', _BEFORE_WRITES,
                                details=[{'code': 'INVALID_VALUE', 'target': 'audience', 'message': 'must be unique'}]),
    'pingone_role_assignment': Failure(in_env('/users/3c8f1e2a-9b7d-4c6e-8a5f-1d2e3f4a5b6c/roleAssignments'), 'role', _READ_FIRST % 'role'),
    'pingone_role_info': Failure('/roles', 'name'),
    'pingone_sign_on_policy': Failure(in_env('/signOnPolicies'), 'actions[1].mfa_device_policy',
                                      ', before any write was sent, such as C(actions[1].agreement).',
                                      details=[{'code': 'INVALID_VALUE', 'target': 'priority', 'message': 'must be at least 1'}]),
    # The token endpoint answers in OAuth's shape, which has no details.
    'pingone_token': Failure('https://auth.pingone.eu/5a1c3f0e-2b9d-4c47-9e7b-0d8f6a4b2c11/as/token', 'environment_id', answer='token',
                             never=('details',)),
    'pingone_user': Failure(in_env('/users'), 'population', _READ_FIRST % 'population'),
    'pingone_user_info': Failure(in_env('/users'), 'population', _READ_FIRST % 'population'),
}


def failure_keys(module: str, indent: str) -> List[str]:
    entries = FAILURES[module].entries()
    lines = []
    for key, entry in entries.items():
        lines.append('%s%s:' % (indent, key))
        for name, value in entry.items():
            lines += mapping_entry(name, value, indent + '  ')
    return checked(lines, entries)


# --- DOCUMENTATION from the registry and module_utils' tables ---------------------------------------------------------------

@dataclass(frozen=True)
class Block:
    """A generated block of one module: its marker name, what it is made from, and how it is written."""
    name: str
    source: str
    render: Callable[[str], List[str]] = field(compare=False)   # the indent of the markers -> the lines


def choices(option: str, source: str, values: Callable[[], list]) -> Block:
    """The ``choices:`` line of ``option`` (its last part: markers go inside the option's entry)."""
    return Block('%s-choices' % option, source, lambda indent: flow_list('choices', list(values()), indent))


def item(name: str, source: str, text: Callable[[], str]) -> Block:
    """One item of a description list."""
    return Block(name, source, lambda indent: list_item(text(), indent))


def read_only_kinds() -> List[str]:
    return [kind.name for kind in kind_schemas.registry().KINDS.values() if kind.read_only]


def built_ins(kind: str) -> tuple:
    """The names of the objects of ``kind`` that PingOne makes in every environment."""
    return kind_schemas.registry().KINDS[kind].built_ins


def filterable_kinds() -> List[str]:
    filterable = part('objects').filterable
    return [kind.name for kind in kind_schemas.registry().KINDS.values() if filterable(kind)]


BLOCKS = {
    'pingone_object': (choices('kind', 'the kind registry (object_kind_names())', lambda: facade().object_kind_names()),),
    'pingone_object_info': (
        item('read-only-kinds', 'the kind registry', lambda: "The kinds are those of the collection's kind registry (C(docs/kinds.md)), "
             "PingOne's own read-only kinds (%s) included." % code(read_only_kinds())),
        choices('kind', 'the kind registry (object_kind_names(readable=True))', lambda: facade().object_kind_names(readable=True)),
        item('filter-kinds', "the kind registry (objects.filterable)", lambda: 'A SCIM filter PingOne applies, such as V(name sw "Contract"), '
             "for the kinds whose list Ping's description gives one (%s); refused for the others." % code(filterable_kinds())),
    ),
    'pingone_identity_provider': (choices('type', 'IDP_TYPES', lambda: facade().IDP_TYPES),),
    'pingone_resource': (
        item('built-in-resources', 'the kind registry (built_ins)', lambda: "PingOne's own resources, %s, are refused before any "
             "request; an application is granted their scopes with C(resource_grants) of M(pingone.platform.pingone_application)."
             % code(built_ins('resource'))),
    ),
    'pingone_license_info': (choices('status', 'LICENSE_STATUSES', lambda: facade().LICENSE_STATUSES),),
    'pingone_role_assignment': (choices('scope_type', 'SCOPE_TYPES', lambda: facade().SCOPE_TYPES),),
    'pingone_sign_on_policy': (
        item('built-in-policies', 'the kind registry (built_ins)', lambda: "PingOne's own policies %s are found by name and managed, "
             "never created or deleted." % code(built_ins('sign_on_policy'))),
        choices('actions.type', 'SIGN_ON_ACTION_TYPES', lambda: facade().SIGN_ON_ACTION_TYPES),
    ),
}


# --- the role environment_config: the format of pingone_environment_export's config ----------------------------------------

ROLE_SPEC = os.path.join('roles', 'environment_config', 'meta', 'argument_specs.yml')
ROLE_SCHEMA = os.path.join('roles', 'environment_config', 'files', 'config.schema.json')


def export_choices() -> Dict[Tuple[str, str], tuple]:
    """The CHOICES of pingone_environment_export's items (module_utils config_legacy): (kind, item option) -> its allowed values.

    The markers still name them pingone_environment_export.CHOICES: the role's argument spec carries that label."""
    kind_schemas.registry()
    from ansible_collections.pingone.platform.plugins.module_utils import config_legacy  # pylint: disable=import-outside-toplevel
    return config_legacy.CHOICES


def yaml_mapping(value: dict, indent: str) -> List[str]:
    """A mapping of an argument spec as YAML: descriptions as lists of folded items, choices as a flow list."""
    lines: List[str] = []
    for key, item in value.items():
        if isinstance(item, dict):
            lines.append('%s%s:' % (indent, key))
            lines += yaml_mapping(item, indent + '  ')
        elif key == 'choices':
            lines += flow_list(key, item, indent)
        elif isinstance(item, list):
            lines.append('%s%s:' % (indent, key))
            for text in item:
                lines += list_item(text, indent + '  ')
        else:
            lines += mapping_entry(key, item, indent)
    return lines


def registry_kinds(indent: str) -> List[str]:
    """The options of pingone_config for the registry's kinds (config_format.spec_entries())."""
    entries = config_format.spec_entries()
    return checked(yaml_mapping(entries, indent), entries)


def application_links(indent: str) -> List[str]:
    """The options of an `applications` item for the application's children (config_format.application_link_specs())."""
    entries = config_format.application_link_specs()
    return checked(yaml_mapping(entries, indent), entries)


def role_spec_blocks() -> Dict[str, Block]:
    """The choices of the items' options in the role's argument spec, as ``<kind>.<option>-choices``; the registry's kinds."""
    def block(values):
        return lambda indent: flow_list('choices', list(values), indent)
    blocks = {'%s.%s-choices' % key: Block('%s.%s-choices' % key, 'pingone_environment_export.CHOICES', block(values))
              for key, values in export_choices().items()}
    blocks['registry-kinds'] = Block('registry-kinds', 'the kind registry (tools/config_format.py)', registry_kinds)
    blocks['applications.links'] = Block('applications.links', "pingone_application's DOCUMENTATION (tools/config_format.py)",
                                         application_links)
    blocks['secret-fields'] = item('secret-fields', 'the kind registry (secrets)', config_format.secret_fields)
    return blocks


def role_schema(current: str) -> str:
    """The role's JSON Schema with each item option's ``enum`` (of the items, for a list) set from CHOICES, and the keys of
    the registry's kinds with the ``$defs`` they use (config_format.schema_parts()).

    JSON has no comments to mark a block: the tool owns those enums, every property named after a registry kind and
    ``$defs``, and writes the file as json.dumps(indent=2) does."""
    schema = json.loads(current)
    for (kind, option), values in export_choices().items():
        node = schema['properties'][kind]['items']['properties'][option]
        (node['items'] if node.get('type') == 'array' else node)['enum'] = list(values)
    schema['properties']['applications']['items']['properties'].update(config_format.application_link_schemas())
    properties, defs = config_format.schema_parts()
    kinds = config_format.registry().KINDS
    own = {key: value for key, value in schema['properties'].items() if key not in kinds}
    schema['properties'] = dict(own, **properties)
    schema.pop('$defs', None)
    schema['$defs'] = defs
    return json.dumps(schema, indent=2, ensure_ascii=False) + '\n'


# --- the files --------------------------------------------------------------------------------------------------------------

def blocks_of(module: str, source: str) -> Dict[str, Block]:
    """The blocks ``module`` must have: failure-keys where it calls fail_module, and those of BLOCKS."""
    wanted = {block.name: block for block in BLOCKS.get(module, ())}
    if re.search(r'^\s*fail_module\(', source, re.M):
        if module not in FAILURES:
            raise SystemExit('%s calls fail_module: add it to FAILURES in tools/module_docs.py' % module)
        wanted['failure-keys'] = Block('failure-keys', 'FAILURE_KEYS', lambda indent: failure_keys(module, indent))
    return wanted


def rewrite(module: str, source: str, wanted: Optional[Dict[str, Block]] = None) -> str:
    """``source`` with every generated block written anew (a module's by default); SystemExit for a block missing or unknown."""
    wanted = blocks_of(module, source) if wanted is None else wanted
    found = set()

    def block(match) -> str:
        name, indent = match.group('name'), match.group('indent')
        if name not in wanted:
            raise SystemExit('%s: markers of %r, which tools/module_docs.py does not write for it' % (module, name))
        found.add(name)
        lines = [indent + begin(name, wanted[name].source)] + wanted[name].render(indent) + [indent + end(name)]
        return ''.join(line + '\n' for line in lines)

    text = BLOCK_RE.sub(block, source)
    missing = sorted(set(wanted) - found)
    if missing:
        raise SystemExit('%s: no markers for %s; put "# BEGIN generated <name>" and "# END generated <name>" lines where each goes'
                         % (module, ', '.join(missing)))
    return text


def check_definition() -> None:
    """FAILURE_KEYS and every module's RETURN cover exactly the keys to_result() adds."""
    keys = result_keys()
    if set(keys) != set(FAILURE_KEYS):
        raise SystemExit('PingOneError.to_result() adds %s, FAILURE_KEYS documents %s: make them agree'
                         % (sorted(keys), sorted(FAILURE_KEYS)))


def check_returns(module: str, text: str) -> None:
    """The module's own part of RETURN documents the keys it keeps (``own``) and none of those the block writes."""
    if module not in FAILURES:
        return
    outside = yaml.safe_load(BLOCK_RE.sub('', config_format.assigned(text, 'RETURN'))) or {}
    twice = sorted(set(FAILURES[module].entries()) & set(outside))
    missing = sorted(set(FAILURES[module].own) - set(outside))
    if twice:
        raise SystemExit('%s: RETURN documents %s both in the failure-keys block and outside it' % (module, ', '.join(twice)))
    if missing:
        raise SystemExit('%s: RETURN does not document %s, which FAILURES says it documents itself' % (module, ', '.join(missing)))


def module_files() -> List[str]:
    return sorted(glob.glob(os.path.join(ROOT, MODULES, '*.py')))


def read(path: str) -> str:
    with open(path, encoding='utf-8') as handle:
        return handle.read()


def written() -> List[Tuple[str, str, str]]:
    """(path, committed text, text with the generated parts written) of every file the tool writes to."""
    check_definition()
    out = []
    for path in module_files():
        module = os.path.basename(path)[:-3]
        current = read(path)
        text = rewrite(module, current)
        check_returns(module, text)
        out.append((path, current, text))
    spec, schema = os.path.join(ROOT, ROLE_SPEC), os.path.join(ROOT, ROLE_SCHEMA)
    out.append((spec, read(spec), rewrite(ROLE_SPEC, read(spec), role_spec_blocks())))
    out.append((schema, read(schema), role_schema(read(schema))))
    return out


def stale() -> List[Tuple[str, str]]:
    """(path, text it should have) for every file whose generated parts differ from what is committed."""
    return [(path, text) for path, current, text in written() if text != current]


def main(argv) -> int:
    changed = stale()
    if '--check' in argv:
        for path, _text in changed:
            print('out of date (run tools/module_docs.py): %s' % os.path.relpath(path, ROOT), file=sys.stderr)
        return 1 if changed else 0
    for path, text in changed:
        with open(path, 'w', encoding='utf-8') as handle:
            handle.write(text)
        print('wrote %s' % os.path.relpath(path, ROOT))
    return 0


if __name__ == '__main__':
    sys.exit(main(sys.argv[1:]))
