# -*- coding: utf-8 -*-
# Copyright: (c) 2026, pingone.platform maintainers
# GNU General Public License v3.0+ (see LICENSE or https://www.gnu.org/licenses/gpl-3.0.txt)
"""An application's sign-on policies, resource grants and attribute mappings, by name: what the options
``sign_on_policies``, ``resource_grants`` and ``attribute_mappings`` of ``pingone_application`` do.

Each is a child kind of the registry under the application: ``application_sign_on_policy_assignment`` (ordered by
``priority``, reconciled by ``ordered_children``), ``application_resource_grant`` (one per resource) and
``application_attribute_mapping`` (by name, the core ``sub`` adopted), both through ``children.reconcile_children``.
An option is managed only when given. Its input is checked before any request (``check_links``), its names are
resolved before any write (``resolve``, through ``objects.Resolver``), and what the task shows names objects by
name, never by id (``Names``).
"""

from __future__ import annotations

from typing import Any, Callable, Dict, List, Mapping, Optional, Sequence, Tuple

from ansible_collections.pingone.platform.plugins.module_utils import ordered_children, registry
from ansible_collections.pingone.platform.plugins.module_utils.api import PingOneClient
from ansible_collections.pingone.platform.plugins.module_utils.children import reconcile_children
from ansible_collections.pingone.platform.plugins.module_utils.engine import get_path
from ansible_collections.pingone.platform.plugins.module_utils.errors import NOTHING_WRITTEN, PingOneInputError
from ansible_collections.pingone.platform.plugins.module_utils.objects import Resolver, merge

OPTIONS = ('sign_on_policies', 'resource_grants', 'attribute_mappings')
POLICY = registry.get_kind('sign_on_policy')
RESOURCE = registry.get_kind('resource')
SCOPE = registry.get_kind('resource_scope')
ASSIGNMENT = registry.get_kind('application_sign_on_policy_assignment')
GRANT = registry.get_kind('application_resource_grant')
MAPPING = registry.get_kind('application_attribute_mapping')

# attribute_mappings' options -> the fields of Ping's ApplicationAttributeMapping.
MAPPING_FIELDS = {'name': 'name', 'value': 'value', 'required': 'required', 'oidc_scopes': 'oidcScopes',
                  'id_token': 'idToken', 'userinfo': 'userInfo'}
# The resource whose scopes an attribute mapping's oidcScopes name (Ping's description: "OIDC resource scope IDs").
OPENID = 'openid'
# Names Ping's description reserves for OpenID Connect applications; `sub` is a core mapping, updated, never created.
RESERVED_NAMES = ('acr', 'amr', 'at_hash', 'aud', 'auth_time', 'azp', 'client_id', 'exp', 'iat', 'iss', 'jti', 'nbf', 'nonce',
                  'org', 'scope', 'sid')
# A create body needs `required` (Ping's description); a mapping listed without it is not required.
MAPPING_CREATE_DEFAULTS = {'required': False}
PLACEHOLDER = '(resolved by name)'

# What a reconciler returns: changed, the list before and after (by names, for the diff), the list after the task as
# PingOne holds it (by names, for the result; as it is now in check mode).
Reconciled = Tuple[bool, List[Any], List[Any], List[Any]]


def given(params: Mapping[str, Any]) -> List[str]:
    return [option for option in OPTIONS if params.get(option) is not None]


# --- before any request ---------------------------------------------------------------------------------------------
def check_links(params: Mapping[str, Any]) -> None:
    """Refuse, naming the option path, what the three options cannot mean; PingOneInputError before any request."""
    options = given(params)
    if not options:
        return
    if params.get('state') == 'absent':
        raise PingOneInputError('%s is set with state absent: a deleted application has none; remove %s.' % (options[0], options[0]),
                                option=options[0])
    if params.get('protocol') == 'SAML':
        check_saml_links(params)
    if params.get('sign_on_policies') is not None:
        check_names(params['sign_on_policies'], 'sign_on_policies', 'sign-on policy')
    if params.get('resource_grants') is not None:
        check_grants(params['resource_grants'])
    if params.get('attribute_mappings') is not None:
        check_mappings(params['attribute_mappings'], params.get('resource_grants'))


def check_saml_links(params: Mapping[str, Any]) -> None:
    """Grants of scopes and claims of tokens are OpenID Connect's: a SAML application takes sign-on policies and plain
    attribute mappings (into its assertion) only."""
    if params.get('resource_grants') is not None:
        raise PingOneInputError('resource_grants is for OpenID Connect applications (scopes granted to their access tokens), and '
                                'this is a SAML application: remove resource_grants.', option='resource_grants', outcome=NOTHING_WRITTEN)
    for index, mapping in enumerate(params.get('attribute_mappings') or []):
        for option in ('oidc_scopes', 'id_token', 'userinfo'):
            if mapping.get(option) is not None:
                where = 'attribute_mappings[%d].%s' % (index, option)
                raise PingOneInputError('%s is for the claims of an OpenID Connect application, and this is a SAML application (its '
                                        'mappings go into the assertion): remove %s.' % (where, option), option=where, outcome=NOTHING_WRITTEN)


def check_names(names: Sequence[Optional[str]], option: str, what: str, field: str = '') -> None:
    """Each name given (not blank) and given once, compared exactly as PingOne names are; ``field``: where in an item it is."""
    seen: Dict[str, int] = {}
    for index, name in enumerate(names):
        where = '%s[%d]%s' % (option, index, field)
        if not (name or '').strip():
            raise PingOneInputError('%s is empty: give the name of a %s.' % (where, what), option=where, outcome=NOTHING_WRITTEN)
        if name in seen:
            raise PingOneInputError('%s %r is listed already as %s[%d]%s: give each %s once.'
                                    % (where, name, option, seen[name], field, what), option=where, outcome=NOTHING_WRITTEN)
        seen[name] = index


def check_grants(grants: Sequence[Mapping[str, Any]]) -> None:
    check_names([grant.get('resource') for grant in grants], 'resource_grants', 'resource', '.resource')
    for index, grant in enumerate(grants):
        where = 'resource_grants[%d].scopes' % index
        if not grant.get('scopes'):
            raise PingOneInputError('%s is empty: a grant gives at least one scope of %r; list them, or leave the resource out of '
                                    'resource_grants to remove its grant.' % (where, grant.get('resource')),
                                    option=where, outcome=NOTHING_WRITTEN)
        check_names(grant['scopes'], where, 'scope')


def check_mappings(mappings: Sequence[Mapping[str, Any]], grants: Optional[Sequence[Mapping[str, Any]]]) -> None:
    check_names([mapping.get('name') for mapping in mappings], 'attribute_mappings', 'attribute mapping', '.name')
    granted = None
    if grants is not None:   # PingOne takes only oidcScopes granted to the application (Ping's description)
        granted = set(next((grant['scopes'] for grant in grants if grant.get('resource') == OPENID), []))
    for index, mapping in enumerate(mappings):
        where = 'attribute_mappings[%d]' % index
        if mapping['name'] in RESERVED_NAMES:
            raise PingOneInputError('%s.name %r is reserved by PingOne for OpenID Connect applications (the claims %s): give another '
                                    'name.' % (where, mapping['name'], ', '.join(RESERVED_NAMES)),
                                    option='%s.name' % where, outcome=NOTHING_WRITTEN)
        if not (mapping.get('value') or '').strip():
            raise PingOneInputError('%s.value is empty: give the value, an expression such as ${user.email}.'
                                    % where, option='%s.value' % where, outcome=NOTHING_WRITTEN)
        if mapping.get('id_token') is False and mapping.get('userinfo') is False:
            raise PingOneInputError('%s.id_token and %s.userinfo are both false: PingOne needs the claim in at least one of them; set '
                                    'one true.' % (where, where), option='%s.userinfo' % where, outcome=NOTHING_WRITTEN)
        check_oidc_scopes(mapping.get('oidc_scopes'), '%s.oidc_scopes' % where, granted)
        problems = registry.validate(MAPPING.name, dict(MAPPING_CREATE_DEFAULTS, **mapping_body(mapping)), True, prefix=where)
        if problems:
            raise PingOneInputError(str(problems[0]), option=where, outcome=NOTHING_WRITTEN)


def check_oidc_scopes(scopes: Optional[Sequence[str]], option: str, granted: Optional[set]) -> None:
    if scopes is None:
        return
    if not scopes:
        raise PingOneInputError('%s is empty, which PingOne refuses: list scope names of the %s resource, or leave it unset (the '
                                'claim then comes with the openid scope).' % (option, OPENID), option=option, outcome=NOTHING_WRITTEN)
    check_names(scopes, option, 'scope')
    for index, scope in enumerate(scopes):
        if granted is not None and scope not in granted:
            raise PingOneInputError('%s[%d] %r is not granted by resource_grants, and PingOne takes only scopes granted to the '
                                    'application: add it to the scopes of the %s resource there.'
                                    % (option, index, scope, OPENID), option='%s[%d]' % (option, index), outcome=NOTHING_WRITTEN)


def mapping_body(mapping: Mapping[str, Any], scope_ids: Optional[Sequence[str]] = None) -> Dict[str, Any]:
    """PingOne's fields of one attribute_mappings item (oidcScopes as ``scope_ids``, placeholders without)."""
    body = {field: mapping[option] for option, field in MAPPING_FIELDS.items() if mapping.get(option) is not None}
    if 'oidcScopes' in body:
        body['oidcScopes'] = list(scope_ids) if scope_ids is not None else [PLACEHOLDER] * len(body['oidcScopes'])
    return body


# --- names to ids, and back ------------------------------------------------------------------------------------------
def resolve(resolver: Resolver, params: Mapping[str, Any]) -> Dict[str, List[Dict[str, Any]]]:
    """The options given, as PingOne's bodies (ids for names): every name read before anything is written, so an unknown one
    writes nothing (PingOneInputError naming its option path)."""
    wanted: Dict[str, List[Dict[str, Any]]] = {}
    if params.get('sign_on_policies') is not None:
        wanted['sign_on_policies'] = [{'signOnPolicy': {'id': resolver.find(POLICY, None, name, 'sign_on_policies[%d]' % index)['id']}}
                                      for index, name in enumerate(params['sign_on_policies'])]
    if params.get('resource_grants') is not None:
        wanted['resource_grants'] = [grant_body(resolver, grant, index) for index, grant in enumerate(params['resource_grants'])]
    if params.get('attribute_mappings') is not None:
        wanted['attribute_mappings'] = [mapping_body(mapping, oidc_scope_ids(resolver, mapping, index))
                                        for index, mapping in enumerate(params['attribute_mappings'])]
    return wanted


def grant_body(resolver: Resolver, grant: Mapping[str, Any], index: int) -> Dict[str, Any]:
    resource_id = resolver.find(RESOURCE, None, grant['resource'], 'resource_grants[%d].resource' % index)['id']
    scopes = [{'id': resolver.find(SCOPE, resource_id, scope, 'resource_grants[%d].scopes[%d]' % (index, position))['id']}
              for position, scope in enumerate(grant['scopes'])]
    return {'resource': {'id': resource_id}, 'scopes': scopes}


def oidc_scope_ids(resolver: Resolver, mapping: Mapping[str, Any], index: int) -> Optional[List[str]]:
    if mapping.get('oidc_scopes') is None:
        return None
    option = 'attribute_mappings[%d].oidc_scopes' % index
    openid = resolver.find(RESOURCE, None, OPENID, option)['id']
    return [resolver.find(SCOPE, openid, scope, '%s[%d]' % (option, position))['id'] for position, scope in enumerate(mapping['oidc_scopes'])]


class Names:
    """Ids -> names for what the task shows, from the lists the resolver read (an id it does not find shows as itself)."""

    def __init__(self, resolver: Resolver):
        self.resolver = resolver

    def _name(self, kind: registry.Kind, parent_id: Optional[str], object_id: Optional[str]) -> Optional[str]:
        if kind.parent and not parent_id:
            return object_id
        for item in self.resolver.items(self.resolver.collection(kind, parent_id)):
            if isinstance(item, dict) and item.get('id') == object_id:
                return item.get('name')
        return object_id

    def policy(self, assignment: Mapping[str, Any]) -> Optional[str]:
        return self._name(POLICY, None, get_path(assignment, 'signOnPolicy.id'))

    def grant(self, grant: Mapping[str, Any]) -> Dict[str, Any]:
        resource_id = get_path(grant, 'resource.id')
        scopes = [self._name(SCOPE, resource_id, scope.get('id')) for scope in grant.get('scopes') or [] if isinstance(scope, dict)]
        return {'resource': self._name(RESOURCE, None, resource_id), 'scopes': sorted(scopes, key=str)}

    def mapping(self, mapping: Mapping[str, Any]) -> Dict[str, Any]:
        shown = {option: mapping[field] for option, field in MAPPING_FIELDS.items() if mapping.get(field) is not None}
        if 'oidc_scopes' in shown:
            openid = next((item['id'] for item in self.resolver.items(self.resolver.collection(RESOURCE, None))
                           if isinstance(item, dict) and item.get('name') == OPENID), None)
            shown['oidc_scopes'] = sorted((self._name(SCOPE, openid, scope) if openid else scope for scope in shown['oidc_scopes']), key=str)
        return shown


# --- the three lists --------------------------------------------------------------------------------------------------
def read(client: PingOneClient, kind: registry.Kind, env_id: str, app_id: Optional[str]) -> List[Dict[str, Any]]:
    """The application's children of ``kind`` (none for an application check mode would create)."""
    if not app_id:
        return []
    return [item for item in client.paginate(kind.collection_for(env_id, app_id)) if isinstance(item, dict)]


def same_policy(wanted: Mapping[str, Any], assignment: Mapping[str, Any]) -> bool:
    return get_path(wanted, 'signOnPolicy.id') == get_path(assignment, 'signOnPolicy.id')


def reconcile_policies(client: PingOneClient, env_id: str, app_id: Optional[str], wanted: List[Dict[str, Any]], check_mode: bool,
                       names: Names) -> Reconciled:
    """The assignments in the wanted order (priority 1 first), moved by priority, never two at one priority; [] removes them all."""
    current = sorted(read(client, ASSIGNMENT, env_id, app_id), key=lambda item: item.get('priority') or 0)
    if wanted:
        # An assignment carries nothing but its policy and priority: only the order can differ.
        steps = ordered_children.plan(current, wanted, same_policy, lambda _wanted, _assignment: False)
    else:
        steps = [ordered_children.Step('delete', priority=item.get('priority'), child_id=item['id']) for item in current]
    now = current
    if steps and not check_mode:
        path = ASSIGNMENT.collection_for(env_id, app_id)
        now = ordered_children.send(client, path, ASSIGNMENT.name, current, wanted, steps)
    before = [names.policy(item) for item in current]
    return bool(steps), before, [names.policy(item) for item in wanted], [names.policy(item) for item in now]


def reconcile_grants(client: PingOneClient, env_id: str, app_id: Optional[str], wanted: List[Dict[str, Any]], check_mode: bool,
                     names: Names) -> Reconciled:
    """Exactly the wanted grants, one per resource, scopes compared as a set."""
    current = read(client, GRANT, env_id, app_id)
    changed, _before, _after, result = reconcile_children(client, env_id, GRANT.name, app_id, wanted, check_mode, key='resource.id',
                                                          current=current)
    now = current if check_mode else result
    return changed, by_resource(names.grant(item) for item in current), by_resource(names.grant(item) for item in wanted), \
        by_resource(names.grant(item) for item in now)


def reconcile_mappings(client: PingOneClient, env_id: str, app_id: Optional[str], wanted: List[Dict[str, Any]], check_mode: bool,
                       names: Names) -> Reconciled:
    """The listed mappings, the others deleted except PingOne's core ones (``sub``), which are updated when listed, never deleted."""
    current = read(client, MAPPING, env_id, app_id)
    changed, _before, _after, result = reconcile_children(client, env_id, MAPPING.name, app_id, wanted, check_mode, current=current,
                                                          create_defaults=MAPPING_CREATE_DEFAULTS)
    by_name = {item.get('name'): item for item in current}
    listed = {item['name'] for item in wanted}
    # A core mapping not read yet (an application check mode would create) is PingOne's own: no create defaults.
    after = [merge(by_name.get(item['name']) or ({} if item['name'] in MAPPING.built_ins else MAPPING_CREATE_DEFAULTS), item)
             for item in wanted]
    after += [item for item in current if item.get('name') not in listed and MAPPING.is_built_in(item)]
    now = current if check_mode else result
    return changed, by_mapping_name(names.mapping(item) for item in current), by_mapping_name(names.mapping(item) for item in after), \
        by_mapping_name(names.mapping(item) for item in now)


def by_resource(grants: Any) -> List[Dict[str, Any]]:
    return sorted(grants, key=lambda grant: str(grant['resource']))


def by_mapping_name(mappings: Any) -> List[Dict[str, Any]]:
    return sorted(mappings, key=lambda mapping: str(mapping.get('name')))


RECONCILERS: Dict[str, Callable[..., Reconciled]] = {
    'sign_on_policies': reconcile_policies, 'resource_grants': reconcile_grants, 'attribute_mappings': reconcile_mappings}


def ensure_application_links(client: PingOneClient, env_id: str, params: Mapping[str, Any], check_mode: bool,
                             ensure_application: Callable[[], Dict[str, Any]], resolver: Optional[Resolver] = None) -> Dict[str, Any]:
    """``ensure_application()`` (the module's result keys for the application itself) with the options given of the three:
    their names resolved first (nothing is written when one is unknown), then the application, then each list. The result's
    ``changed``, ``diff`` and ``application`` gain what the lists did, by names. ``resolver``: a run's (of ``env_id``), else
    the task's own."""
    options = given(params)
    if not options:
        return ensure_application()
    resolver = resolver or Resolver(client, env_id)
    wanted = resolve(resolver, params)
    result = ensure_application()
    app_id = result.get('client_id')   # None: check mode, and the application is to be created
    names = Names(resolver)
    before, after = dict(result['diff']['before']), dict(result['diff']['after'])
    application = dict(result.get('application') or {})
    for option in options:
        changed, listed_before, listed_after, now = RECONCILERS[option](client, env_id, app_id, wanted[option], check_mode, names)
        result['changed'] = result['changed'] or changed
        if before:   # {}: there was no application
            before[option] = listed_before
        after[option] = listed_after
        if application:
            application[option] = now
    result['diff'] = {'before': before, 'after': after}
    result['application'] = application
    return result
