# -*- coding: utf-8 -*-
# Copyright: (c) 2026, pingone.platform maintainers
# GNU General Public License v3.0+ (see LICENSE or https://www.gnu.org/licenses/gpl-3.0.txt)
"""A description's items in a dedicated module's option names ("option form"), both ways.

The description keys ``sign_on_policy``, ``resource`` and ``identity_provider`` take an item in two forms: the
field form every registry kind has (``{name, definition, built_in}``, PingOne's field names) and, for an item with no
``definition``, the options of ``pingone_sign_on_policy``, ``pingone_resource`` and ``pingone_identity_provider``
(without the connection options, ``state`` and ``target_environment_id``), with the children in the module's list
option (``actions``, ``scopes``, ``attributes``, ``attribute_mappings``: the registry's ``Kind.module_option``).

- ``expand``: before ``config_engine.check``, an option item becomes the field items of its kind and of its
  children's kinds, through the modules' own functions (``action_body``, ``check_resource``,
  ``check_identity_provider``), which refuse what the module would refuse; each made item keeps its place in the
  description and which option sets which field (``config_engine.Origin``), so a refusal names the option
  (``sign_on_policy[2].actions[1].mfa_device_policy``). The engine itself stays generic. ``claimed_parents`` names
  the parents whose list option an item gives, an empty list too (``Claimed``): prune deletes their unlisted children
  of that kind, as the module deletes them.
- ``fold``: after ``config_describe.describe``, an object the module can make becomes an option item, its children
  folded into the list option; it is taken only when ``expand`` gives back exactly the fields it was made from, so
  an object with a field the options cannot express stays in field form (its children too), as do PingOne's own.

The key ``applications`` (``config_legacy``'s, already in ``pingone_application``'s option names) takes that module's list
options of the application's children too (``sign_on_policies``, ``resource_grants``, ``attribute_mappings``):
``expand_links`` makes them field items of their kinds (``application_links.check_links`` refusing what the module
refuses) and leaves the item without them; ``fold_links`` folds each kind back where the round trip is exact.
"""

from __future__ import annotations

import copy
from typing import Any, Dict, List, Mapping, Optional, Tuple

from ansible_collections.pingone.platform.plugins.module_utils import application_links, registry
from ansible_collections.pingone.platform.plugins.module_utils.application import APPLICATION_OPTIONS
from ansible_collections.pingone.platform.plugins.module_utils.config_engine import Origin, refuse
from ansible_collections.pingone.platform.plugins.module_utils.declared import (
    CORE_MAPPING,
    CORE_MAPPING_UPDATE,
    IDP_CLIENT_SECRET,
    IDP_COMMON,
    IDP_OIDC,
    IDP_SAML,
    RESOURCE_FIELDS,
    _idp_options_for,
    check_identity_provider,
    check_resource,
)
from ansible_collections.pingone.platform.plugins.module_utils.engine import get_path, set_path
from ansible_collections.pingone.platform.plugins.module_utils.errors import PingOneInputError
from ansible_collections.pingone.platform.plugins.module_utils.sign_on_policy import ACTION_OPTIONS, action_body, check_actions

# One made field item: (its kind, the raw item as config_engine takes it, its origin).
Made = Tuple[str, Dict[str, Any], Origin]
# An object's children, as field items, per child kind (None: the kind is not exported).
Children = Mapping[str, Optional[List[Dict[str, Any]]]]
# Child kind -> the names of the parents whose list option of that kind an option item gives (an empty list too): with
# prune, their children of that kind the description does not list are deleted, as the module deletes them.
Claimed = Dict[str, List[str]]

# Options of the modules an item of a description cannot take, and why.
NOT_IN_A_DESCRIPTION = {
    'client_secret': 'a secret is never in the description: give its value in secrets ({kind: identity_provider, name: ..., '
                     'path: clientSecret, value: ...}), which is no_log',
    'update_secret': 'the description sends the secrets given in secrets with every write of the identity provider',
    'verification_certificates': 'the description cannot name certificates; describe this identity provider in field form '
                                 '(name, definition) with idpVerification',
    'return_secret': 'the export never returns secrets',
    'state': 'the description lists what is present (prune deletes what it does not list)',
}


def child_kinds(kind_name: str) -> List[registry.Kind]:
    """The kinds the module of ``kind_name`` holds in its list options (the registry's Kind.module_option)."""
    return [kind for kind in registry.KINDS.values() if kind.parent == kind_name and kind.module_option]


def _pop_path(value: Dict[str, Any], path: str) -> Any:
    """Remove ``path`` (dotted) from ``value`` and return what it held; a dictionary it leaves empty goes too."""
    head, _dot, rest = path.partition('.')
    if head not in value:
        return None
    if not rest:
        return value.pop(head)
    inner = value[head]
    if not isinstance(inner, dict):
        return None
    found = _pop_path(inner, rest)
    if not inner:
        value.pop(head)
    return found


def refuse_module_error(where: str, error: PingOneInputError) -> None:
    """A module's refusal of an option item, as one refusal of the description naming the item's option."""
    message = error.reason.rstrip('.')   # the check's reason, without the module's "Nothing was sent."
    option = (error.option or '').split('.')[0].split('[')[0]
    if option and message.startswith(option):
        refuse('%s.%s' % (where, message))
    refuse('%s%s: %s' % (where, '.' + option if option else '', message))


class Form:
    """The option form of one kind: the module's options -> the kind's fields and its children's items, and back."""
    kind = ''
    options: Tuple[str, ...] = ()
    list_options: Mapping[str, Tuple[str, ...]] = {}   # list option -> the options of one of its items (the module's argument spec)

    def fields(self, where: str, item: Dict[str, Any]) -> Tuple[Dict[str, Any], Dict[str, str], Dict[str, List[Dict[str, Any]]]]:
        """(definition, field path -> option, list option -> the children's field items) of an option ``item``."""
        raise NotImplementedError

    def options_of(self, definition: Dict[str, Any], children: Children) -> Optional[Dict[str, Any]]:
        """The option item (without name) for an object's definition and children, or None where options cannot say it."""
        raise NotImplementedError

    # --- shared -------------------------------------------------------------------------------------------------------
    @property
    def module(self) -> str:
        return 'pingone.platform.' + str(registry.get_kind(self.kind).module)

    def check_keys(self, where: str, item: Mapping[str, Any]) -> None:
        allowed = ('name', 'built_in') + self.options
        for key in item:
            if key in NOT_IN_A_DESCRIPTION:
                refuse('%s.%s is an option of %s that a description does not take: %s'
                       % (where, key, self.module, NOT_IN_A_DESCRIPTION[key]))
            if key not in allowed:
                refuse('%s has the key %r: an item with no definition is in the option names of %s (%s), one with definition in '
                       'PingOne\'s field names (name, definition, built_in)' % (where, key, self.module,
                                                                                ', '.join(allowed)))
        for option, keys in self.list_options.items():
            if item.get(option) is not None:
                self.check_child_keys('%s.%s' % (where, option), option, keys, item[option])

    @staticmethod
    def check_child_keys(where: str, option: str, keys: Tuple[str, ...], given: Any) -> None:
        if not isinstance(given, list):
            refuse('%s is a %s, not a list' % (where, type(given).__name__))
        for index, child in enumerate(given):
            if not isinstance(child, dict):
                refuse('%s[%d] is a %s, not a dictionary of %s' % (where, index, type(child).__name__, ', '.join(keys)))
            unknown = sorted(str(key) for key in child if key not in keys)
            if unknown:
                refuse('%s[%d] has the key %s; an item of %s has %s' % (where, index, ', '.join(map(repr, unknown)), option, ', '.join(keys)))

    def params(self, item: Mapping[str, Any]) -> Dict[str, Any]:
        """The item as the module's params: every option (None when not given), name and state present."""
        params: Dict[str, Any] = dict.fromkeys(self.options)
        params.update((key, copy.deepcopy(value)) for key, value in item.items() if key != 'built_in')
        params['state'] = 'present'
        return params

    def left_alone(self, definition: Mapping[str, Any]) -> Dict[str, Any]:
        """``definition`` without the values the module's options leave alone when not given (nothing to compare)."""
        return dict(definition)

    def round_trips(self, name: str, options: Dict[str, Any], definition: Mapping[str, Any], children: Children) -> bool:
        """Whether ``options`` give back exactly ``definition`` and ``children`` (each child kind's items by name or priority)."""
        try:
            made, _map, made_children = self.fields('', dict(options, name=name))
        except PingOneInputError:
            return False
        if made != self.left_alone(definition):
            return False
        return all(same_children(children[kind.name], made_children.get(kind.module_option, []))
                   for kind in child_kinds(self.kind) if children.get(kind.name) is not None)


def same_children(given: List[Dict[str, Any]], made: List[Dict[str, Any]]) -> bool:
    """Whether two lists of a child kind's field items hold the same objects (name, definition, built_in), in any order."""
    def key(items: List[Dict[str, Any]]) -> List[Any]:
        return sorted(((child.get('name'), child['definition'], bool(child.get('built_in'))) for child in items), key=repr)
    return key(given) == key(made)


def _named_children(given: List[Dict[str, Any]], built_ins: Tuple[str, ...] = (),
                    built_in_fields: Optional[Mapping[str, Any]] = None) -> List[Dict[str, Any]]:
    """A list option's items (fields keyed by name) as field items; PingOne's own ones (``built_ins``, which the module
    adopts) marked built_in, with the fields PingOne gives them (``built_in_fields``), which no option sets."""
    items = []
    for child in given:
        definition = {key: value for key, value in child.items() if key != 'name'}
        item = {'name': child['name'], 'definition': definition}
        if child['name'] in built_ins:
            item['built_in'] = True
            definition.update(built_in_fields or {})
        items.append(item)
    return items


def _named_options(children: List[Dict[str, Any]], fields: Mapping[str, str], built_ins: Tuple[str, ...] = (),
                   built_in_fields: Optional[Mapping[str, Any]] = None) -> Optional[List[Dict[str, Any]]]:
    """Field items of a child kind named by name as a list option's items (option -> field ``fields``); None when one
    holds a field no option sets, or is PingOne's own one the module does not adopt."""
    options = {field: option for option, field in fields.items()}
    result = []
    for child in sorted(children, key=lambda item: str(item.get('name'))):
        built_in = bool(child.get('built_in'))
        definition = {key: value for key, value in child['definition'].items()
                      if not (built_in and (built_in_fields or {}).get(key, object()) == value)}
        if built_in != (child.get('name') in built_ins) or any(key not in options for key in definition):
            return None
        result.append(dict({'name': child['name']}, **{options[key]: value for key, value in definition.items()}))
    return result


# --- pingone_sign_on_policy ---------------------------------------------------------------------------------------------
POLICY_FIELDS = {'description': 'description', 'default': 'default'}   # pingone_sign_on_policy's options (wanted_policy) -> fields


class SignOnPolicyForm(Form):
    kind = 'sign_on_policy'
    options = tuple(POLICY_FIELDS) + ('actions',)
    list_options = {'actions': ('type', 'conditions') + tuple(ACTION_OPTIONS) + ('settings',)}

    def fields(self, where, item):
        definition = {field: item[option] for option, field in POLICY_FIELDS.items() if item.get(option) is not None}
        if not definition.get('default', True):
            del definition['default']   # as the module (wanted_policy): false leaves the environment's default alone
        children: Dict[str, List[Dict[str, Any]]] = {}
        actions = item.get('actions')
        if actions is not None:
            for index, action in enumerate(actions):
                if not isinstance(action.get('type'), str):
                    refuse('%s.actions[%d] has no type: every action has one' % (where, index))
            try:
                check_actions(actions)
            except PingOneInputError as error:
                refuse_module_error(where, error)
            children['actions'] = [{'definition': action_fields(action, index)} for index, action in enumerate(actions)]
        return definition, {'definition.' + field: option for option, field in POLICY_FIELDS.items()}, children

    def left_alone(self, definition):
        # default false is what the module leaves alone: another policy is made the default, never this one unmade
        return {key: value for key, value in definition.items() if not (key == 'default' and value is False)}

    def options_of(self, definition, children):
        fields = {field: option for option, field in POLICY_FIELDS.items()}
        if any(field not in fields for field in definition):
            return None
        options = {fields[field]: value for field, value in self.left_alone(definition).items()}
        actions = children.get('sign_on_policy_action')
        if actions is not None:
            bodies = sorted((child['definition'] for child in actions), key=lambda body: body.get('priority') or 0)
            if [body.get('priority') for body in bodies] != list(range(1, len(bodies) + 1)) or any(child.get('built_in') for child in actions):
                return None   # a priority the position in a list cannot give
            options['actions'] = [action_options(body) for body in bodies]
        return options


def action_fields(action: Mapping[str, Any], index: int) -> Dict[str, Any]:
    """The definition of the action at ``index``: ``action_body``, with the objects its options name by name."""
    body = action_body(action, index)
    for option, (_type, field, kind) in ACTION_OPTIONS.items():
        if kind is not None and action.get(option) is not None:
            set_path(body, field[:-len('.id')], {'name': action[option]})
    return body


def action_origin() -> Dict[str, str]:
    """An action's field path -> the option that sets it (a field of none: one of settings)."""
    options = {'definition': 'settings', 'definition.type': 'type', 'definition.condition': 'conditions'}
    for option, (_type, field, kind) in ACTION_OPTIONS.items():
        holder = field[:-len('.id')] if kind else field
        options['definition.' + holder] = option
        if kind:
            options['definition.%s.name' % holder] = option   # a reference by name: the option gives the name
    return options


def action_options(body: Mapping[str, Any]) -> Dict[str, Any]:
    """An action's definition as the options of one item of ``actions`` (what is left of its fields in settings)."""
    rest = copy.deepcopy(dict(body))
    options: Dict[str, Any] = {'type': rest.pop('type', None)}
    rest.pop('priority', None)
    if 'condition' in rest:
        options['conditions'] = rest.pop('condition')
    for option, (action_type, field, kind) in ACTION_OPTIONS.items():
        if action_type != options['type']:
            continue
        path = field[:-len('.id')] + '.name' if kind else field
        if get_path(rest, path) is None:
            continue
        if option == 'registration_population' and get_path(rest, 'registration.enabled') is not True:
            continue   # the option sets enabled too
        options[option] = _pop_path(rest, path)
        if option == 'registration_population':
            _pop_path(rest, 'registration.enabled')
    if rest:
        options['settings'] = rest
    return options


# --- pingone_resource ---------------------------------------------------------------------------------------------------
SCOPE_FIELDS = {'description': 'description'}
ATTRIBUTE_FIELDS = {'value': 'value'}


class ResourceForm(Form):
    kind = 'resource'
    options = tuple(RESOURCE_FIELDS) + ('scopes', 'attributes')
    list_options = {'scopes': ('name', 'description'), 'attributes': ('name', 'value')}

    def fields(self, where, item):
        try:
            definition, scopes, attributes = check_resource(self.params(item))
        except PingOneInputError as error:
            refuse_module_error(where, error)
        children = {}
        if scopes is not None:
            children['scopes'] = _named_children(scopes)
        if attributes is not None:
            children['attributes'] = _named_children(attributes)
        return definition, {'definition.' + field: option for option, field in RESOURCE_FIELDS.items()}, children

    def options_of(self, definition, children):
        rest = dict(definition)
        if rest.pop('type', None) != 'CUSTOM':
            return None   # only a custom resource can be made
        fields = {field: option for option, field in RESOURCE_FIELDS.items()}
        if any(field not in fields for field in rest):
            return None
        options: Dict[str, Any] = {fields[field]: value for field, value in rest.items()}
        for kind_name, option, table in (('resource_scope', 'scopes', SCOPE_FIELDS), ('resource_attribute', 'attributes', ATTRIBUTE_FIELDS)):
            if children.get(kind_name) is not None:
                listed = _named_options(children[kind_name], table)
                if listed is None:
                    return None
                options[option] = listed
        return options


# --- pingone_identity_provider ------------------------------------------------------------------------------------------
MAPPING_FIELDS = {'value': 'value', 'update': 'update'}
CORE_FIELDS = {'mappingType': 'CORE'}   # what PingOne's answer gives the core mapping (readable and writable, never changed)


class IdentityProviderForm(Form):
    kind = 'identity_provider'
    options = (('type',) + tuple(IDP_COMMON) + ('client_id', 'registration_population') + tuple(IDP_OIDC) + tuple(IDP_SAML)
               + ('settings', 'attribute_mappings'))
    list_options = {'attribute_mappings': ('name', 'value', 'update')}

    def fields(self, where, item):
        if not isinstance(item.get('type'), str):
            refuse('%s has no type: give the type of the identity provider (OPENID_CONNECT, SAML, GOOGLE, ...)' % where)
        params = self.params(item)
        for mapping in params.get('attribute_mappings') or ():
            mapping.setdefault('update', CORE_MAPPING_UPDATE)   # the module's default
        try:
            definition, _secrets, mappings = check_identity_provider(params)
        except PingOneInputError as error:
            refuse_module_error(where, error)
        if item.get('registration_population') is not None:
            definition['registration'] = {'population': {'name': item['registration_population']}}
        options = {'definition.' + field: option for option, field in _idp_options_for(item['type']).items() if field}
        options.update({'definition': 'settings', 'definition.type': 'type', 'definition.registration.population': 'registration_population',
                        'definition.registration.population.name': 'registration_population'})
        children = {'attribute_mappings': _named_children(mappings, (CORE_MAPPING,), CORE_FIELDS)} if mappings is not None else {}
        return definition, options, children

    def options_of(self, definition, children):
        rest = copy.deepcopy(definition)
        idp_type = rest.pop('type', None)
        if not isinstance(idp_type, str):
            return None
        options: Dict[str, Any] = {'type': idp_type}
        for option, field in _idp_options_for(idp_type).items():
            if field and option not in NOT_IN_A_DESCRIPTION and field != IDP_CLIENT_SECRET.get(idp_type, 'clientSecret') \
                    and get_path(rest, field) is not None:
                options[option] = _pop_path(rest, field)
        if 'registration' in rest:
            if set(rest['registration']) != {'population'} or get_path(rest, 'registration.population.name') is None:
                return None
            options['registration_population'] = rest.pop('registration')['population']['name']
        if rest:
            options['settings'] = rest
        if children.get('identity_provider_attribute') is not None:
            listed = _named_options(children['identity_provider_attribute'], MAPPING_FIELDS, (CORE_MAPPING,), CORE_FIELDS)
            if listed is None:
                return None
            options['attribute_mappings'] = listed
        return options


FORMS: Dict[str, Form] = {form.kind: form for form in (SignOnPolicyForm(), ResourceForm(), IdentityProviderForm())}


# --- apply: option items -> field items ---------------------------------------------------------------------------------
def is_option_item(item: Any) -> bool:
    return isinstance(item, dict) and 'definition' not in item


def expand(config: Any) -> Tuple[Any, Dict[Tuple[str, int], Origin]]:
    """(``config`` with its option items as field items, (kind, index) -> the origin of each made item), before any request.

    A parent's item stays at its index; its children's items come after the child kind's own items."""
    if not isinstance(config, dict):
        return config, {}
    result = dict(config)
    origins: Dict[Tuple[str, int], Origin] = {}
    children_made: List[Made] = []
    for kind_name, form in FORMS.items():
        items = config.get(kind_name)
        if not isinstance(items, list) or not any(is_option_item(item) for item in items):
            continue
        result[kind_name] = list(items)
        for index, item in enumerate(items):
            if not is_option_item(item):
                continue
            (_kind, made, origin), children = expand_item(form, '%s[%d]' % (kind_name, index), item)
            result[kind_name][index] = made
            origins[(kind_name, index)] = origin
            children_made += children
    _append(result, origins, children_made + expand_links(config, result))
    return result, origins


def claimed_parents(config: Mapping[str, Any]) -> Claimed:
    """The parents whose children of a kind an option item of ``config`` (``expand``-ed already) gives as its list option,
    an empty list too."""
    claimed: Claimed = {}
    owners = [(kind_name, item) for kind_name in FORMS for item in _listed(config, kind_name) if is_option_item(item)]
    owners += [('application', item) for item in _listed(config, APPLICATIONS) if has_links(item)]
    for kind_name, item in owners:
        for kind in child_kinds(kind_name):
            if item.get(kind.module_option) is not None:
                claimed.setdefault(kind.name, []).append(item['name'])
    return claimed


def _listed(config: Mapping[str, Any], key: str) -> List[Any]:
    items = config.get(key)
    return items if isinstance(items, list) else []


def _append(result: Dict[str, Any], origins: Dict[Tuple[str, int], Origin], made: List[Made]) -> None:
    """Add the made children's field items after their kind's items in ``result`` (each kind's list copied once: the
    description's own lists are never changed), each with its origin."""
    copied = set()
    for child_kind, child, child_origin in made:
        if child_kind not in copied:
            result[child_kind] = list(result.get(child_kind) or [])
            copied.add(child_kind)
        origins[(child_kind, len(result[child_kind]))] = child_origin
        result[child_kind].append(child)


def expand_item(form: Form, where: str, item: Dict[str, Any]) -> Tuple[Made, List[Made]]:
    """The field items of one option item: the object's, and its children's."""
    form.check_keys(where, item)
    name = item.get('name')
    if not isinstance(name, str) or not name.strip():
        refuse('%s has no name: a %s is named by name' % (where, form.kind))
    definition, options, children = form.fields(where, item)
    parent: Dict[str, Any] = {'name': name, 'definition': definition}
    if 'built_in' in item:
        parent['built_in'] = item['built_in']
    made: List[Made] = []
    for kind in child_kinds(form.kind):
        for index, child in enumerate(children.get(kind.module_option) or ()):
            child_where = '%s.%s[%d]' % (where, kind.module_option, index)
            field_item = dict(child, parent={form.kind: name})
            child_options = action_origin() if kind.name == 'sign_on_policy_action' else \
                {'definition.' + field: field for field in child['definition']}
            made.append((kind.name, field_item, Origin(child_where, child_options)))
    return (form.kind, parent, Origin(where, options)), made


# --- export: field items -> option items --------------------------------------------------------------------------------
def fold(config: Dict[str, Any]) -> Dict[str, Any]:
    """``config`` (as ``config_describe.describe`` gives it) with every object a module can make as an option item, its
    children folded into the list option (and gone from their kind's key, which goes when all of them are folded)."""
    result = dict(config)
    for kind_name, form in FORMS.items():
        if kind_name not in config:
            continue
        by_parent = _by_parent(config, kind_name)
        folded = set()
        items = []
        for item in config[kind_name]:
            option_item = fold_item(form, item, {name: groups.get(item['name'], []) for name, groups in by_parent.items()})
            if option_item is not None:
                folded.add(item['name'])
            items.append(option_item or item)
        result[kind_name] = items
        for child_kind in by_parent:
            _leave_unfolded(result, config, child_kind, kind_name, folded)
    return fold_links(result)


def _by_parent(config: Mapping[str, Any], kind_name: str) -> Dict[str, Dict[str, List[Dict[str, Any]]]]:
    """Child kind (of ``kind_name``, exported) -> its parent's name -> its field items in ``config``."""
    by_parent: Dict[str, Dict[str, List[Dict[str, Any]]]] = {kind.name: {} for kind in child_kinds(kind_name) if kind.name in config}
    for child_kind, groups in by_parent.items():
        for child in config[child_kind]:
            groups.setdefault(child['parent'][kind_name], []).append(child)
    return by_parent


def _leave_unfolded(result: Dict[str, Any], config: Mapping[str, Any], child_kind: str, kind_name: str, folded: set) -> None:
    """``result``'s ``child_kind`` without the children of the ``folded`` parents; the key goes when that leaves none."""
    left = [child for child in config[child_kind] if child['parent'][kind_name] not in folded]
    if left or len(left) == len(config[child_kind]):
        result[child_kind] = left
    else:
        result.pop(child_kind)   # every one is in its parent's list option


def fold_item(form: Form, item: Dict[str, Any], children: Children) -> Optional[Dict[str, Any]]:
    """The option item for a field ``item`` and its children, or None: PingOne's own, or not said exactly by options."""
    if item.get('built_in'):
        return None
    options = form.options_of(item['definition'], children)
    if options is None or not form.round_trips(item['name'], options, item['definition'], children):
        return None
    return dict({'name': item['name']}, **options)


# --- pingone_application's children: an `applications` item's sign_on_policies, resource_grants, attribute_mappings ----
# The key `applications` holds pingone_application's options (config_legacy); the three list options of its children
# (the registry's Kind.module_option under `application`) become field items of their kinds here, before any check:
# config_legacy never sees them. (The application itself is config_legacy's, already in option names.)
APPLICATIONS = 'applications'
CORE_MAPPING_FIELDS = {'mappingType': 'CORE'}     # what PingOne's answer gives a core mapping (sub), which no option sets
CUSTOM_MAPPING_FIELDS = {'mappingType': 'CUSTOM'}  # and every other mapping (Ping's EnumAttributeMappingType)


def has_links(item: Any) -> bool:
    """Whether an `applications` item has one of the three keys (null too: config_legacy would refuse the key)."""
    return isinstance(item, dict) and any(option in item for option in application_links.OPTIONS)


def expand_links(config: Mapping[str, Any], result: Dict[str, Any]) -> List[Made]:
    """The field items of each `applications` item's three list options (with their origins); ``result``'s items without
    those options."""
    items = config.get(APPLICATIONS)
    if not isinstance(items, list) or not any(has_links(item) for item in items):
        return []
    result[APPLICATIONS] = [{key: value for key, value in item.items() if key not in application_links.OPTIONS} if has_links(item)
                            else item for item in items]
    return [made for index, item in enumerate(items) if has_links(item) for made in link_items('%s[%d]' % (APPLICATIONS, index), item)]


def link_items(where: str, item: Mapping[str, Any]) -> List[Made]:
    """The field items of an `applications` item's list options, each with its origin; refused as pingone_application refuses."""
    name = item.get('name')
    if not isinstance(name, str) or not name.strip():
        refuse('%s has no name: every item needs one' % where)
    for option in application_links.OPTIONS:
        if item.get(option) is not None:
            check_option_value('%s.%s' % (where, option), APPLICATION_OPTIONS[option], item[option])
    try:
        application_links.check_links(dict(item, state='present', protocol='OPENID_CONNECT'))
    except PingOneInputError as error:
        refuse_module_error(where, error)
    parent = {'application': name}
    made: List[Made] = []
    for index, policy in enumerate(item.get('sign_on_policies') or ()):
        at = '%s.sign_on_policies[%d]' % (where, index)
        definition = {'signOnPolicy': {'name': policy}, 'priority': index + 1}
        made.append((application_links.ASSIGNMENT.name, {'parent': parent, 'definition': definition},
                     Origin(at, dict.fromkeys(('definition.signOnPolicy', 'definition.signOnPolicy.name', 'definition.priority'), ''))))
    for index, grant in enumerate(item.get('resource_grants') or ()):
        definition = {'resource': {'name': grant['resource']}, 'scopes': [{'name': scope} for scope in grant['scopes']]}
        options = {'definition.resource': 'resource', 'definition.resource.name': 'resource', 'definition.scopes': 'scopes'}
        options.update(('definition.scopes[%d].name' % position, 'scopes[%d]' % position) for position in range(len(grant['scopes'])))
        made.append((application_links.GRANT.name, {'parent': parent, 'definition': definition},
                     Origin('%s.resource_grants[%d]' % (where, index), options)))
    mappings = item.get('attribute_mappings')
    if mappings is not None:
        fields = [application_links.mapping_body(mapping, mapping.get('oidc_scopes')) for mapping in mappings]
        options = {'definition.' + field: option for option, field in application_links.MAPPING_FIELDS.items() if option != 'name'}
        for index, child in enumerate(_named_children(fields, application_links.MAPPING.built_ins, CORE_MAPPING_FIELDS)):
            # A create needs `required`: not required when not given, as the module makes one; an update leaves it.
            defaults = {} if child.get('built_in') else application_links.MAPPING_CREATE_DEFAULTS
            made.append((application_links.MAPPING.name, dict(child, parent=parent),
                         Origin('%s.attribute_mappings[%d]' % (where, index), options, defaults)))
    return made


def check_option_value(where: str, spec: Mapping[str, Any], value: Any) -> None:
    """``value`` of the type the module's argument spec ``spec`` gives (a list of strings, or of dictionaries of suboptions)."""
    wanted = {'str': str, 'bool': bool, 'list': list}[spec.get('type', 'str')]
    if not isinstance(value, wanted):
        refuse('%s is %r, not a %s' % (where, value, {'str': 'string', 'bool': 'boolean', 'list': 'list'}[spec.get('type', 'str')]))
    if wanted is not list:
        return
    suboptions = spec.get('options')
    if suboptions:
        Form.check_child_keys(where, where.rsplit('.', 1)[-1], tuple(suboptions), value)
    for index, element in enumerate(value):
        at = '%s[%d]' % (where, index)
        if not suboptions:
            check_option_value(at, {'type': spec.get('elements', 'str')}, element)
            continue
        for sub, sub_spec in suboptions.items():
            if element.get(sub) is None:
                if sub_spec.get('required'):
                    refuse('%s has no %s: every item of %s has one' % (at, sub, where.rsplit('.', 1)[-1]))
                continue
            check_option_value('%s.%s' % (at, sub), sub_spec, element[sub])


# --- export: an application's children into its `applications` item ----------------------------------------------------
def fold_links(config: Dict[str, Any]) -> Dict[str, Any]:
    """``config`` with each application's children of the three kinds in its `applications` item's list options where the
    options give them back exactly (each kind on its own); the others stay in field form under their kind's key."""
    applications = config.get(APPLICATIONS)
    by_parent = _by_parent(config, 'application')
    if not isinstance(applications, list) or not by_parent:
        return config
    result = dict(config)
    folded: Dict[str, set] = {child_kind: set() for child_kind in by_parent}
    items = []
    for item in applications:
        children = {child_kind: groups.get(item.get('name'), []) for child_kind, groups in by_parent.items()}
        options = link_options(item.get('name'), children)
        for kind in child_kinds('application'):
            if kind.module_option in options:
                folded[kind.name].add(item.get('name'))
        items.append(dict(item, **options))
    result[APPLICATIONS] = items
    for child_kind, names in folded.items():
        _leave_unfolded(result, config, child_kind, 'application', names)
    return result


def link_options(name: Optional[str], children: Children) -> Dict[str, Any]:
    """The list options that give back exactly ``children`` (child kind -> the application's field items), each on its own
    and together (a mapping's oidc_scopes must be granted by resource_grants): the last one dropped until they do."""
    children = {kind_name: _as_options_say(kind_name, items) for kind_name, items in children.items() if items is not None}
    options = {}
    for kind in child_kinds('application'):
        if children.get(kind.name) is None:
            continue
        value = LINK_OPTIONS[kind.module_option](children[kind.name])
        if value is not None and _links_round_trip(name, {kind.module_option: value}, children):
            options[kind.module_option] = value
    while options and not _links_round_trip(name, options, children):
        options.pop(list(options)[-1])
    return options


def _links_round_trip(name: Optional[str], options: Dict[str, Any], children: Children) -> bool:
    try:
        made = link_items('', dict(options, name=name))
    except PingOneInputError:
        return False
    return all(same_children(children[kind.name], [child for made_kind, child, _origin in made if made_kind == kind.name])
               for kind in child_kinds('application') if kind.module_option in options)


def _as_options_say(kind_name: str, children: List[Dict[str, Any]]) -> List[Dict[str, Any]]:
    """A child kind's field items without what PingOne gives every object of it and no option sets (a custom mapping's
    mappingType CUSTOM): what the round trip compares."""
    if kind_name != application_links.MAPPING.name:
        return children
    return [dict(child, definition={key: value for key, value in child['definition'].items()
                                    if child.get('built_in') or CUSTOM_MAPPING_FIELDS.get(key, object()) != value})
            for child in children]


def _policies_option(assignments: List[Dict[str, Any]]) -> Optional[List[str]]:
    """The policies' names by priority, when the priorities are 1..n and an assignment holds nothing else."""
    bodies = [child['definition'] for child in assignments]
    if any(set(body) != {'signOnPolicy', 'priority'} or not isinstance(body['priority'], int) or not isinstance(body['signOnPolicy'], dict)
           or set(body['signOnPolicy']) != {'name'} for body in bodies):
        return None
    bodies.sort(key=lambda body: body['priority'])
    if [body['priority'] for body in bodies] != list(range(1, len(bodies) + 1)):
        return None   # a priority the position in a list cannot give
    return [body['signOnPolicy']['name'] for body in bodies]


def _grants_option(grants: List[Dict[str, Any]]) -> Optional[List[Dict[str, Any]]]:
    """The grants by resource name, with their scopes' names, when a grant holds nothing else."""
    options = []
    for child in grants:
        body = child['definition']
        scopes = body.get('scopes')
        if set(body) != {'resource', 'scopes'} or not isinstance(body['resource'], dict) or set(body['resource']) != {'name'} \
                or not isinstance(scopes, list) \
                or any(not isinstance(scope, dict) or set(scope) != {'name'} for scope in scopes):
            return None
        options.append({'resource': body['resource']['name'], 'scopes': [scope['name'] for scope in scopes]})
    return options


def _mappings_option(mappings: List[Dict[str, Any]]) -> Optional[List[Dict[str, Any]]]:
    """The mappings in attribute_mappings' suboptions (sub among them, as the module lists it), when no mapping holds a
    field no suboption sets."""
    fields = {option: field for option, field in application_links.MAPPING_FIELDS.items() if option != 'name'}
    return _named_options(mappings, fields, application_links.MAPPING.built_ins, CORE_MAPPING_FIELDS)


LINK_OPTIONS = {'sign_on_policies': _policies_option, 'resource_grants': _grants_option, 'attribute_mappings': _mappings_option}
