# Copyright: (c) 2026, pingone.platform maintainers
# GNU General Public License v3.0+ (see LICENSE or https://www.gnu.org/licenses/gpl-3.0.txt)
"""The registry kinds of a description of an environment (the role environment_config's ``pingone_config``), from the registry.

A description holds five keys of its own (``populations``, ``groups``, ``users``, ``applications``,
``role_assignments``: items in module option names, written by hand in the role's argument spec and JSON
Schema) and one key per registry kind that is neither read-only nor one of the four kinds those keys describe
(``description_kinds()``). Each of those keys holds a list of items::

    {name: <str>, parent: {<parent kind>: <parent's name>}, definition: {<PingOne field names>...}, built_in: <bool>}

- ``name`` only for kinds whose key is ``('name',)`` (required there; the key fields of the others are read
  from ``definition``, such as ``definition.priority``);
- ``parent`` only for kinds with a parent (required unless pingone_object has a default for it: a schema
  attribute's schema is ``User``);
- ``definition``: the create schema of Ping's description (``_kind_schemas.py``) without readOnly fields,
  without the kind's secrets (``Kind.secrets``) and, for kinds named by ``name``, without ``name``; where the
  registry's ``references`` name another object by id, ``{name: ...}`` may stand for ``{id: ...}`` (and a name for an id
  in a list of plain ids, such as an attribute mapping's ``oidcScopes``). Full field
  schemas: types, enums, ranges, nested objects, unknown fields refused, one shape per value of the field that
  picks it; the fields that name the object are required;
- ``built_in``: true for PingOne's own objects, which are updated, never created or deleted. The fields a
  create requires are required only of the other items, and only at the top of ``definition`` (per shape):
  a built-in object's definition holds what it changes, nested objects included, which pingone_object merges.

The schemas of Ping's description that no kind changes below where they are used (no secret, reference or
key there) are written once in ``$defs`` as ``<api>.<schema>``; each kind's definition is
``$defs/definition.<kind>``. The JSON Schema is about 200 kB.

The keys of the kinds a dedicated module makes (``sign_on_policy``, ``resource``, ``identity_provider``:
``config_options.FORMS``) take an item in that module's option names too (an item with no ``definition``), its
children in the module's list option: the options are read from the module's DOCUMENTATION (``option_form``), without
``target_environment_id``, ``state`` and the options a description does not take (``config_options.NOT_IN_A_DESCRIPTION``),
and without defaults (the role's check must not add them to an item in field form). The JSON Schema takes either item
(``anyOf``); the role's argument spec, whose suboptions cannot say "one of", has the options of both. Likewise an item of
``applications`` takes ``pingone_application``'s list options of the application's children (``sign_on_policies``,
``resource_grants``, ``attribute_mappings``: ``application_link_options``).

tools/module_docs.py writes what this gives into roles/environment_config/files/config.schema.json
(``schema_parts``) and meta/argument_specs.yml (``spec_entries``, ``secret_fields``); its ``--check`` (run by
tests/unit/plugins/modules/test_module_docs.py) fails when either file differs.
"""

from __future__ import annotations

import ast
import copy
import json
import os
from typing import Any, Dict, List, Optional, Set, Tuple

import kind_schemas
import yaml

LEGACY_KINDS = ('population', 'group', 'user', 'application')   # described by the keys populations, groups, users, applications
DEFS = '#/$defs/'


def registry():
    return kind_schemas.registry()


def _part(name: str):
    registry()
    return __import__('ansible_collections.pingone.platform.plugins.module_utils.' + name, fromlist=['_'])


def description_kinds() -> List[str]:
    """The registry kinds a description has a key of its own for, in the registry's order."""
    return [name for name, kind in registry().KINDS.items() if not kind.read_only and name not in LEGACY_KINDS]


def named_by_name(kind) -> bool:
    return tuple(kind.key) == ('name',)


def default_parent(kind) -> Optional[str]:
    """The parent pingone_object takes when a task gives none (a schema attribute's: the User schema)."""
    return _part('objects').DEFAULT_PARENTS.get(kind.parent) if kind.parent else None


def parent_values(kind) -> Optional[List[str]]:
    """The names a parent addressed by name may have, where Ping's description lists them (notification templates)."""
    parent = registry().KINDS[kind.parent]
    if parent.addressed_by == 'id':
        return None
    return _part('kind_schema').path_values(parent.api, registry().ITEM_PARAMS[parent.name])


# --- definition: Ping's create schema as JSON Schema ------------------------------------------------------------------------

class Defs:
    """The ``$defs`` the kinds' definitions share: a schema of Ping's description that nothing of one kind changes
    below where it is used (no secret, reference or key field there) is written once, named ``<api>.<schema>``."""

    def __init__(self):
        self.defs: Dict[str, Any] = {}

    def ref(self, api: str, name: str) -> Dict[str, Any]:
        full = '%s.%s' % (api, name)
        if full not in self.defs:
            self.defs[full] = None   # taken: a schema within itself refers to its name
            self.defs[full] = Definition(None, self, api).node({'ref': name}, None, ())
        return {'$ref': DEFS + pointer(full)}


def pointer(name: str) -> str:
    """``name`` as a step of a JSON Pointer (RFC 6901), as $ref needs it."""
    return name.replace('~', '~0').replace('/', '~1').replace(' ', '%20')


class Definition:
    """The JSON Schema of one kind's ``definition``: the fields of Ping's create schema, their types and enums.

    The fields a create requires are not required here (an item of PingOne's own objects gives only what it
    changes; ``create_required`` says what a created one needs), the fields naming the object are. ``kind``
    None: a schema of ``api`` shared by every kind (``Defs``), where no path is special."""

    def __init__(self, kind, defs: Defs, api: Optional[str] = None):
        self.kind = kind
        self.api = kind.api if kind else api
        self.defs = defs
        self.kind_schema = _part('kind_schema')
        self.secrets: Set[str] = set(kind.secrets) if kind else set()
        self.holders = {path[:-len('.id')] for path in kind.references if path.endswith('.id')} if kind else set()
        self.key_paths = self.key_steps() if kind else set()
        self.left_out = {'name'} if kind and named_by_name(kind) else set()
        self.special = self.secrets | self.holders | self.key_paths | self.left_out

    def key_steps(self) -> Set[str]:
        """The paths (and their parents) that name the object among its siblings: given even for a built-in object."""
        kind = self.kind
        if not kind.key or named_by_name(kind):
            return set()
        first = kind.key[0][:-len('.id')] if kind.key[0].endswith('.id') else kind.key[0]
        steps = first.split('.')
        return {'.'.join(steps[:index]) for index in range(1, len(steps) + 1)}

    def build(self) -> Dict[str, Any]:
        return self.node({'ref': self.kind.schema}, '', ())

    def resolve(self, node: Dict[str, Any]) -> Dict[str, Any]:
        return self.kind_schema.resolve(self.api, node)

    def shared(self, path: Optional[str]) -> bool:
        """Whether the schema at ``path`` is the same for every kind: nothing special at or below it."""
        if path is None:
            return True
        return not any(special == path or special.startswith(path + '.') or special.startswith(path + '[]') for special in self.special)

    def node(self, node: Dict[str, Any], path: Optional[str], refs: Tuple[str, ...]) -> Dict[str, Any]:
        if 'ref' in node:
            if set(node) == {'ref'} and path != '' and self.shared(path) and refs:
                return self.defs.ref(self.api, node['ref'])
            if node['ref'] in refs:
                return {'type': 'object'}   # a schema within itself: not followed further
            refs = refs + (node['ref'],)
        node = self.resolve(node)
        if 'oneOf' in node:
            return self.one_of(node, path, refs)
        out: Dict[str, Any] = {}
        kind_type = node.get('type')
        if kind_type:
            out['type'] = [kind_type, 'null'] if node.get('nullable') else kind_type
        for key in ('enum', 'minimum', 'maximum'):
            if key in node:
                out[key] = copy.deepcopy(node[key])
        if 'enum' in out and node.get('nullable'):
            out['enum'] = out['enum'] + [None]
        if 'properties' in node:
            out['type'] = 'object' if not node.get('nullable') else ['object', 'null']
            properties = {}
            for name, sub in node['properties'].items():
                where = None if path is None else '%s.%s' % (path, name) if path else name
                if self.leave_out(sub, where):
                    continue
                properties[name] = self.node(sub, where, refs)
            required = [name for name in properties if self.is_key(path, name)]
            if path in self.holders:
                properties = self.by_name(properties)
                if 'id' in properties:
                    out.update(self.id_or_name())
            out['properties'] = properties
            if required:
                out['required'] = sorted(set(required))
            if not node.get('additional'):
                out['additionalProperties'] = False
        elif node.get('additional'):
            out['type'] = 'object'
        if 'items' in node:
            out['items'] = self.node(node['items'], None if path is None else path + '[]', refs)
        return out

    def leave_out(self, sub: Dict[str, Any], where: Optional[str]) -> bool:
        return where in self.secrets or where in self.left_out or bool(self.resolve(sub).get('readOnly'))

    def is_key(self, path: Optional[str], name: str) -> bool:
        return path is not None and ('%s.%s' % (path, name) if path else name) in self.key_paths

    @staticmethod
    def by_name(properties: Dict[str, Any]) -> Dict[str, Any]:
        """A reference: ``{name: ...}`` may stand for ``{id: ...}``."""
        return dict(properties, name={'type': 'string', 'minLength': 1, 'description': 'The name of the object, for its id.'})

    @staticmethod
    def id_or_name() -> Dict[str, Any]:
        return {'anyOf': [{'required': ['id']}, {'required': ['name']}]}

    def one_of(self, node: Dict[str, Any], path: Optional[str], refs: Tuple[str, ...]) -> Dict[str, Any]:
        rule = node.get('discriminator')
        branches = []
        for branch in node['oneOf']:
            out = self.node(branch, path, refs)
            if rule and 'ref' in branch:
                values = sorted(value for value, target in rule['mapping'].items() if target == branch['ref'])
                if '$ref' in out:
                    out = {'allOf': [out]}
                if values:
                    out.setdefault('properties', {})[rule['field']] = {'enum': values}
            branches.append(out)
        return {'anyOf': branches}


# --- the JSON Schema of the description's registry keys ---------------------------------------------------------------------

def what(kind) -> str:
    """One sentence: how an item of ``kind`` is named and where it lives."""
    if kind.singleton:
        named = "One object per environment, PingOne's own, with no name"
    elif named_by_name(kind):
        named = 'Named by name'
    else:
        named = 'Named by %s of its definition' % ' and '.join(kind.key[:1] if kind.key[0].endswith('.id') else kind.key)
        if kind.key[0].endswith('.id'):
            named = 'Named by the %s its definition.%s names' % (kind.references[kind.key[0]], kind.key[0][:-len('.id')])
    if kind.parent:
        named += ', under its %s (parent)' % kind.parent
    return named + '.'


def built_in_text(kind) -> str:
    """PingOne's own objects of ``kind``, for a description."""
    parts = []
    if kind.built_ins:
        parts.append(', '.join(kind.built_ins))
    if kind.built_in_when:
        parts.append('those whose ' + '; '.join('%s is %s' % (path, ' or '.join(json.dumps(value) for value in values))
                                                for path, values in kind.built_in_when))
    return '; '.join(parts)


def item_description(kind) -> str:
    text = 'Objects of the registry kind %s (docs/kinds.md) as pingone_object takes them. %s' % (kind.name, what(kind))
    own = built_in_text(kind)
    if own:
        text += " PingOne's own (built_in true): %s." % own
    if kind.name in _part('config_options').FORMS:
        text += ' An item with no definition is in the option names of %s, its children in its list options.' % kind.module
    return text


def parent_schema(kind) -> Dict[str, Any]:
    value: Dict[str, Any] = {'type': 'string', 'minLength': 1}
    values = parent_values(kind)
    if values:
        value = {'enum': list(values)}
    return {'type': 'object', 'description': 'The %s the object lives under, by name.' % kind.parent, 'additionalProperties': False,
            'required': [kind.parent], 'properties': {kind.parent: value}}


def item_schema(kind) -> Dict[str, Any]:
    properties: Dict[str, Any] = {}
    required = []
    if named_by_name(kind):
        properties['name'] = {'type': 'string', 'minLength': 1}
        required.append('name')
    if kind.parent:
        properties['parent'] = parent_schema(kind)
        if default_parent(kind) is None:
            required.append('parent')
    properties['definition'] = {'type': 'object', 'description': "PingOne's field names; references to other objects may be "
                                '{"name": ...} for {"id": ...}; never a write-only field (pingone_config_secrets).'}
    properties['built_in'] = {'type': 'boolean', 'description': "True for one of PingOne's own objects: updated, never created or deleted."}
    item: Dict[str, Any] = {'type': 'object', 'additionalProperties': False}
    if required:
        item['required'] = required
    item['properties'] = properties
    properties['definition'] = dict(properties['definition'], **{'$ref': DEFS + 'definition.' + kind.name})
    on_create = create_required(kind)
    if on_create:
        # Only an object the description creates needs what a create requires: not one of PingOne's own.
        item['if'] = {'properties': {'built_in': {'const': True}}, 'required': ['built_in']}
        item['else'] = {'properties': {'definition': on_create}}
    options = option_form(kind)
    if options is not None:
        item = {'anyOf': [item, option_item_schema(kind, options)]}
    return {'type': 'array', 'description': item_description(kind), 'items': item}


def create_required(kind) -> Dict[str, Any]:
    """The fields a create of ``kind`` requires at the top of its definition (per shape, for a kind with several), as
    JSON Schema; {} for none. Secrets (given apart), readOnly fields and a name given as the item's name are not."""
    schema = _part('kind_schema')
    root = schema.resolve(kind.api, {'ref': kind.schema})
    left_out = set(kind.secrets) | ({'name'} if named_by_name(kind) else set())

    def required(node) -> List[str]:
        node = schema.resolve(kind.api, node)
        return sorted(name for name in node.get('required', ()) if name not in left_out and name in node.get('properties', {})
                      and not schema.resolve(kind.api, node['properties'][name]).get('readOnly'))

    if 'oneOf' not in root:
        names = required(root)
        return {'required': names} if names else {}
    rule = root.get('discriminator')
    shapes = []
    for branch in root['oneOf']:
        shape: Dict[str, Any] = {}
        if rule and 'ref' in branch:
            values = sorted(value for value, target in rule['mapping'].items() if target == branch['ref'])
            if values:
                shape['properties'] = {rule['field']: {'enum': values}}
        names = required(branch)
        if names:
            shape['required'] = names
        shapes.append(shape)
    return {'anyOf': shapes} if any('required' in shape for shape in shapes) else {}


def schema_parts() -> Tuple[Dict[str, Any], Dict[str, Any]]:
    """(properties, $defs) of the JSON Schema: one property per description kind, and the definitions they refer to."""
    shared = Defs()
    kinds = [registry().KINDS[name] for name in description_kinds()]
    own = {'definition.' + kind.name: Definition(kind, shared).build() for kind in kinds}
    defs = dict(own, **{name: shared.defs[name] for name in sorted(shared.defs)})
    properties = {kind.name: item_schema(kind) for kind in kinds}
    return properties, defs


# --- items in a dedicated module's option names ------------------------------------------------------------------------------

def option_form(kind) -> Optional[Dict[str, Any]]:
    """The options of ``kind.module`` an item in option names takes (its DOCUMENTATION's, as written there), or None for a
    kind with no option form."""
    forms = _part('config_options')
    if kind.name not in forms.FORMS:
        return None
    left_out = {'target_environment_id', 'state'} | set(forms.NOT_IN_A_DESCRIPTION)
    options = {name: without_defaults(spec) for name, spec in module_options(kind.module).items() if name not in left_out}
    expected = {'name'} | set(forms.FORMS[kind.name].options)
    if set(options) != expected:
        raise SystemExit('%s: the options of %s (%s) are not those config_options.FORMS takes (%s)'
                         % (kind.name, kind.module, ', '.join(sorted(options)), ', '.join(sorted(expected))))
    return options


def module_options(module: str) -> Dict[str, Any]:
    """The options of ``module`` as its DOCUMENTATION writes them."""
    path = os.path.join(kind_schemas.ROOT, 'plugins', 'modules', module + '.py')
    with open(path, encoding='utf-8') as handle:
        return yaml.safe_load(assigned(handle.read(), 'DOCUMENTATION'))['options']


def assigned(text: str, name: str) -> str:
    """The string a module assigns to ``name`` at its top level (DOCUMENTATION, RETURN)."""
    for node in ast.parse(text).body:
        if isinstance(node, ast.Assign) and any(getattr(target, 'id', None) == name for target in node.targets):
            return ast.literal_eval(node.value)
    raise SystemExit('no %s found' % name)


def application_link_options() -> Dict[str, Dict[str, Any]]:
    """The list options of pingone_application an `applications` item takes for the application's children (the registry's
    Kind.module_option of the kinds under `application`), as its DOCUMENTATION writes them, without defaults."""
    application = registry().KINDS['application']
    documented = module_options(application.module)
    return {child.module_option: without_defaults(documented[child.module_option]) for child in children_of(application)}


def application_link_schemas() -> Dict[str, Any]:
    """The JSON Schema of those options, for the properties of an `applications` item."""
    return {name: option_schema(spec) for name, spec in application_link_options().items()}


def application_link_specs() -> Dict[str, Any]:
    """Those options in the role's argument spec, for the options of an `applications` item."""
    application = registry().KINDS['application']
    kinds = {child.module_option: child.name for child in children_of(application)}
    specs = {name: option_spec(application, name, spec) for name, spec in application_link_options().items()}
    for name, spec in specs.items():
        spec['description'] = ('The application\'s objects of the registry kind C(%s), as O(pingone.platform.%s#module:%s) takes them '
                               '(the key C(%s) takes them in field names too).' % (kinds[name], application.module, name, kinds[name]))
    return specs


def without_defaults(spec: Dict[str, Any]) -> Dict[str, Any]:
    spec = {key: value for key, value in spec.items() if key != 'default'}
    if 'suboptions' in spec:
        spec['suboptions'] = {name: without_defaults(sub) for name, sub in spec['suboptions'].items()}
    return spec


JSON_TYPES = {'str': 'string', 'bool': 'boolean', 'int': 'integer', 'dict': 'object', 'list': 'array', 'raw': None}


def option_schema(spec: Dict[str, Any]) -> Dict[str, Any]:
    """The JSON Schema of one module option (type, choices, elements, suboptions)."""
    out: Dict[str, Any] = {}
    json_type = JSON_TYPES.get(spec.get('type', 'str'))
    if json_type:
        out['type'] = json_type
    if 'choices' in spec:
        out['enum'] = list(spec['choices'])
    if spec.get('type') == 'list':
        if 'suboptions' in spec:
            out['items'] = options_object(spec['suboptions'])
        else:
            out['items'] = option_schema({'type': spec.get('elements', 'str')})
    return out


def options_object(options: Dict[str, Dict[str, Any]]) -> Dict[str, Any]:
    out: Dict[str, Any] = {'type': 'object', 'additionalProperties': False}
    required = [name for name, spec in options.items() if spec.get('required')]
    if required:
        out['required'] = required
    out['properties'] = {name: option_schema(spec) for name, spec in options.items()}
    return out


def option_item_schema(kind, options: Dict[str, Dict[str, Any]]) -> Dict[str, Any]:
    """An item in the option names of ``kind.module``: no definition; built_in as in field form."""
    item = options_object(options)
    item['properties']['name']['minLength'] = 1
    item['properties']['built_in'] = {'type': 'boolean'}
    item['not'] = {'required': ['definition']}
    item['description'] = ('The options of %s (no definition), its %s in the list option %s.'
                           % (kind.module, ' and '.join(child.name for child in children_of(kind)),
                              ' and '.join(child.module_option for child in children_of(kind))))
    return item


def children_of(kind) -> List[Any]:
    return _part('config_options').child_kinds(kind.name)


# --- the role's argument spec ------------------------------------------------------------------------------------------------

def option(key: str, name: str) -> str:
    return 'O(pingone_config.%s[].%s)' % (key, name)


def spec_entry(kind) -> Dict[str, Any]:
    """The argument spec of the description key ``kind.name`` (a list of items, as meta/argument_specs.yml has it)."""
    key = kind.name
    description = ['Objects of the registry kind C(%s) (the collection\'s C(docs/kinds.md)), as M(pingone.platform.pingone_object) '
                   'takes them, in PingOne\'s field names.' % key]
    if kind.singleton:
        description.append("There is one per environment, PingOne's own (updated, never created or deleted); give one item, with no name.")
    elif not named_by_name(kind):
        fields = kind.key[:1] if kind.key[0].endswith('.id') else kind.key
        description.append('Named by %s of %s (not by a name of the item).'
                           % (' and '.join('C(%s)' % field for field in fields), option(key, 'definition')))
    own = built_in_markup(kind)
    if own:
        description.append("PingOne's own objects (%s) are updated, never created or deleted; their items set %s."
                           % (own, 'O(pingone_config.%s[].built_in=true)' % key))
    options: Dict[str, Any] = {}
    if named_by_name(kind):
        options['name'] = {'description': 'The object\'s name.', 'type': 'str', 'required': True}
    if kind.parent:
        parent: Dict[str, Any] = {'description': 'Its name.', 'type': 'str', 'required': True}
        values = parent_values(kind)
        if values:
            parent['choices'] = list(values)
        default = default_parent(kind)
        text = ['The C(%s) it lives under, by name in %s.' % (kind.parent, option(key, 'parent.' + kind.parent))]
        if default:
            text.append('When not set, the C(%s) named C(%s).' % (kind.parent, default))
        options['parent'] = {'description': text, 'type': 'dict'}
        if default is None:
            options['parent']['required'] = True
        options['parent']['options'] = {kind.parent: parent}
    definition = ["The object's fields, in PingOne's field names, as O(pingone.platform.pingone_object#module:definition) takes them. "
                  "Never a field PingOne sets itself (C(readOnly))."]
    if named_by_name(kind):
        definition.append('Not its name, which is %s.' % option(key, 'name'))
    by_id = sorted(path for path in kind.references if not registry().plain_ids(path))
    if by_id:
        definition.append('A reference to another object may give its C(name) in place of its C(id), at %s.'
                          % ', '.join('C(%s)' % path for path in by_id))
    for path in sorted(path for path in kind.references if registry().plain_ids(path)):
        other = registry().KINDS[kind.references[path]]
        under = ' (of the C(%s) C(%s))' % (other.parent, kind.reference_parents[path]) if path in kind.reference_parents else ''
        definition.append('C(%s) may give each C(%s)%s by its name in place of its id.' % (path[:-2], other.name, under))
    if kind.secrets:
        definition.append('Never a write-only field (%s); give those in O(pingone_config_secrets).'
                          % ', '.join('C(%s)' % path for path in kind.secrets))
    options['definition'] = {'description': definition, 'type': 'dict'}
    options['built_in'] = {'description': "V(true) for one of PingOne's own objects; updated, never created or deleted.", 'type': 'bool'}
    form = option_form(kind)
    if form is not None:
        description.append('An item with no O(pingone_config.%s[].definition) is in the option names of M(pingone.platform.%s) '
                           '(docs/config-as-code.md), its %s in its list option%s %s, each as that option takes it.'
                           % (key, kind.module, ' and '.join('C(%s)' % child.name for child in children_of(kind)),
                              's' if len(children_of(kind)) > 1 else '',
                              ' and '.join('C(%s)' % child.module_option for child in children_of(kind))))
        options['definition']['description'].append('Without it, the item is in option names.')
        options.update((name, option_spec(kind, name, spec)) for name, spec in form.items() if name != 'name')
    return {'description': description, 'type': 'list', 'elements': 'dict', 'options': options}


def option_spec(kind, name: str, spec: Dict[str, Any]) -> Dict[str, Any]:
    """One option of the module, for an item in its option names: its type (and choices, elements, suboptions)."""
    out: Dict[str, Any] = {'description': 'In option names, as O(pingone.platform.%s#module:%s) takes it.' % (kind.module, name)}
    for key in ('type', 'elements', 'choices'):
        if key in spec:
            out[key] = copy.deepcopy(spec[key])
    if 'suboptions' in spec:
        out['options'] = {}
        for sub, sub_spec in spec['suboptions'].items():
            entry = {'description': 'As O(pingone.platform.%s#module:%s[].%s) takes it.' % (kind.module, name, sub)}
            entry.update((key, copy.deepcopy(sub_spec[key])) for key in ('type', 'elements', 'choices', 'required') if key in sub_spec)
            out['options'][sub] = entry
    return out


def spec_entries() -> Dict[str, Dict[str, Any]]:
    return {name: spec_entry(registry().KINDS[name]) for name in description_kinds()}


def secret_fields() -> str:
    """The write-only fields of the description kinds, for the description of pingone_config_secrets."""
    kinds = [registry().KINDS[name] for name in description_kinds()]
    return 'The write-only fields are %s.' % '; '.join('%s of C(%s)' % (markup_list(kind.secrets), kind.name) for kind in kinds if kind.secrets)


def markup_list(values) -> str:
    names = ['C(%s)' % value for value in values]
    return ', '.join(names[:-1]) + ' and ' + names[-1] if len(names) > 1 else ''.join(names)


def built_in_markup(kind) -> str:
    """PingOne's own objects of ``kind``, in ansible-doc's markup."""
    parts = []
    if kind.built_ins:
        parts.append(markup_list(kind.built_ins))
    for path, values in kind.built_in_when:
        shown = ['C(%s)' % (str(value).lower() if isinstance(value, bool) else value) for value in values]
        parts.append('those whose C(%s) is %s' % (path, ' or '.join(shown)))
    return ', and '.join(parts)
