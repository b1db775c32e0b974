# -*- coding: utf-8 -*-
# Copyright: (c) 2026, pingone.platform maintainers
# GNU General Public License v3.0+ (see LICENSE or https://www.gnu.org/licenses/gpl-3.0.txt)
"""The PingOne resource kinds, each a declaration on the engine (engine.py).

Field names, read-only fields, sub-endpoints and content types follow Ping's API descriptions
(the management API for populations, users, groups, applications and role assignments; the
platform API for environments). A kind overrides an engine hook only for a rule of its own,
with a comment saying which.
"""

from __future__ import annotations

import re
from typing import Any, Mapping, Optional

from ansible_collections.pingone.platform.plugins.module_utils.engine import (
    Field,
    ResourceKind,
    SubResource,
    find_by_name,
    get_path,
    lower,
    sorted_set,
)
from ansible_collections.pingone.platform.plugins.module_utils.errors import PingOneInputError
from ansible_collections.pingone.platform.plugins.module_utils.resource import wait_until_visible

USER_IMPORT = 'application/vnd.pingidentity.user.import+json'
PASSWORD_SET = 'application/vnd.pingidentity.password.set+json'

APPLICATION_TYPES = ('WORKER', 'WEB_APP', 'SINGLE_PAGE_APP', 'NATIVE_APP', 'SERVICE')
GRANT_TYPES = ('AUTHORIZATION_CODE', 'IMPLICIT', 'REFRESH_TOKEN', 'CLIENT_CREDENTIALS', 'DEVICE_CODE', 'TOKEN_EXCHANGE', 'CIBA')
RESPONSE_TYPES = ('TOKEN', 'ID_TOKEN', 'CODE')
TOKEN_AUTH_METHODS = ('NONE', 'CLIENT_SECRET_BASIC', 'CLIENT_SECRET_POST', 'PRIVATE_KEY_JWT', 'CLIENT_SECRET_JWT')
PKCE_OPTIONS = ('OPTIONAL', 'REQUIRED', 'S256_REQUIRED')
SCOPE_TYPES = ('ORGANIZATION', 'ENVIRONMENT', 'POPULATION', 'APPLICATION')
# Types of the applications PingOne makes in every environment itself: never managed or deleted here.
BUILT_IN_APPLICATION_TYPES = ('PING_ONE_ADMIN_CONSOLE', 'PING_ONE_SELF_SERVICE', 'PING_ONE_PORTAL')
OIDC, SAML = 'OPENID_CONNECT', 'SAML'   # the application protocols managed here (saml_application.py has SAML's kind)


def upper_set(values):
    return sorted_set(str(value).strip().upper() for value in values) if values is not None else None


# --- populations -------------------------------------------------------------------------------------
class PopulationKind(ResourceKind):
    kind = 'population'
    path = '/populations'
    fields = (
        Field('description', 'description', absent=''),
        Field('default', 'default', normalize=bool, absent=False),
    )
    # Population settings this collection does not manage, sent back as they are in a PUT.
    put_keeps = ('passwordPolicy', 'theme', 'preferredLanguage', 'alternativeIdentifiers')

    def search_query(self, name):
        return None   # an environment has few populations: one page, and the case check sees them all

    def before_delete(self, current, params):
        # PingOne refuses to delete the default population and one that still holds users (its answer's readOnly
        # userCount says how many): refused here, before the DELETE, so that --check does not report a change either.
        name = current.get('name')
        if current.get('default'):
            raise PingOneInputError('Population %r is the default population of the environment, and PingOne does not delete the default: '
                                    'make another population the default (default: true on it) first, or leave state present.' % name,
                                    option='state')
        count = current.get('userCount')
        if isinstance(count, int) and not isinstance(count, bool) and count > 0:
            raise PingOneInputError('Population %r still holds %d user%s, and PingOne refuses to delete a population that has users: move '
                                    'them to another population (pingone.platform.pingone_user with population) or delete them first.'
                                    % (name, count, '' if count == 1 else 's'), option='state')


# --- users ---------------------------------------------------------------------------------------------
# Fields a task may not set through attributes: managed by their own option, or set by PingOne itself.
USER_RESERVED = frozenset((
    'username', 'email', 'name', 'population', 'enabled', 'password', 'id', 'environment', 'createdAt', 'updatedAt', '_links',
    'emailVerified', 'lastSignOn', 'memberOfGroupIDs', 'memberOfGroupNames', 'identityProvider', 'verifyStatus', 'account',
    'lifecycle', 'mfaEnabled'))


class UserKind(ResourceKind):
    kind = 'user'
    path = '/users'
    key = Field('username', 'username')
    update_method = 'PATCH'   # the profile fields; population, enabled and password have their own endpoints
    fields = (
        Field('email', 'email'),
        Field('given_name', 'name.given'),
        Field('family_name', 'name.family'),
        Field('population_id', 'population.id', normalize=lower,
              sub=SubResource('population', body=lambda value, _current: {'id': value}, changes_object=True)),
        # readOnly in PingOne's User: a new user is enabled; disabling is its own request.
        Field('enabled', 'enabled', normalize=bool, absent=True, create=False,
              sub=SubResource('enabled', body=lambda value, _current: {'enabled': value}, changes_object=True)),
        Field('password', secret=True, sub=SubResource('password', body=lambda value, _current: value, content_type=PASSWORD_SET)),
        Field('attributes'),
    )

    def desired(self, params):
        wanted = super().desired(params)
        if params.get('password') is not None:
            wanted['password'] = {'value': params['password'], 'forceChange': bool(params.get('force_password_change'))}
        return wanted

    def writes_secret(self, spec, params):
        return params.get('update_password') == 'always'

    def view(self, obj, wanted, subs=None):
        view = super().view(obj, wanted, subs)
        # Only the attributes the task names are managed (and shown).
        view['attributes'] = {key: obj.get(key) for key in wanted.get('attributes') or {}} if wanted.get('attributes') else None
        if view['attributes'] is None:
            del view['attributes']
        return view

    def planned_view(self, wanted, body):
        view = super().planned_view(wanted, body)
        if not wanted.get('attributes'):
            view.pop('attributes', None)
        view.setdefault('enabled', True)
        return view

    def create_body(self, wanted, params):
        if not wanted.get('email'):
            raise PingOneInputError('User %r does not exist, and PingOne needs an email address to create a user: set email.'
                                    % wanted['username'], option='email')
        body = super().create_body(wanted, params)
        body.pop('attributes', None)
        body.update(wanted.get('attributes') or {})
        if wanted.get('password') is not None:
            body['password'] = dict(wanted['password'])
        return body

    def content_type_for_create(self, body):
        # PingOne takes a password in a create only as a user import.
        return USER_IMPORT if 'password' in body else super().content_type_for_create(body)

    def patch_body(self, current, changes):
        body = super().patch_body(current, {key: value for key, value in changes.items() if key != 'attributes'})
        body.update(changes.get('attributes') or {})
        return body


def check_user_attributes(attributes: Optional[Mapping[str, Any]]) -> None:
    """Refuse attribute names that have their own option or that PingOne sets itself, before any request."""
    for key in attributes or {}:
        if not isinstance(key, str) or not key.strip() or key in USER_RESERVED:
            reason = 'is set by PingOne itself' if key not in ('username', 'email', 'name', 'population', 'enabled', 'password') \
                else 'has an option of its own'
            raise PingOneInputError('attributes has the key %r, which %s: use the option for it (username, email, given_name, '
                                    'family_name, population, enabled, password), or remove the key.' % (key, reason),
                                    option='attributes')


# --- groups -----------------------------------------------------------------------------------------
def _population_of(item: Any) -> Optional[str]:
    """The population id of a group, lower-cased; None for an environment group (in no population)."""
    return lower(get_path(item, 'population.id')) if isinstance(item, Mapping) else None


class GroupKind(ResourceKind):
    """A group, found by name. PingOne lets two populations each have a group of one name (but not a
    population group and an environment group), so ``population_id`` (the task's population) picks one."""
    kind = 'group'
    path = '/groups'
    fields = (
        Field('description', 'description', absent=''),
        Field('population_id', 'population.id', normalize=lower, immutable=True),
    )
    # Group settings this collection does not manage, sent back as they are in a PUT.
    put_keeps = ('userFilter', 'externalId', 'customData')

    def __init__(self, population_id: Optional[str] = None):
        self.population_id = lower(population_id)

    def pick(self, items, name, warn, creating):
        items = [item for item in items if isinstance(item, dict)]
        exact = [item for item in items if item.get('name') == name]
        if self.population_id is None:
            if len(exact) > 1:
                where = ', '.join(sorted('population %s' % _population_of(item) if _population_of(item) else 'no population'
                                         for item in exact))
                raise PingOneInputError('%d groups are named %r (in %s), so the task cannot tell which one it means: set population '
                                        'or population_id to the population of the group.' % (len(exact), name, where),
                                        option='population')
            scope = items
        else:
            scope = [item for item in items if _population_of(item) in (self.population_id, None)]
            outside = [item for item in exact if _population_of(item) != self.population_id]
            exact = [item for item in exact if _population_of(item) == self.population_id]
            if not exact and outside:
                environment_group = any(_population_of(item) is None for item in outside)
                if creating and environment_group:
                    raise PingOneInputError('Group %r exists as an environment group (in no population), and PingOne does not let a '
                                            'population group share its name: leave population and population_id unset to manage '
                                            'that group, or give another name.' % name, option='population')
                if not creating:
                    warn('Group %r is not in population %s but %s: nothing was done to it; set the population of that group to '
                         'manage it.' % (name, self.population_id, 'in no population' if environment_group else 'in another population'))
        found = find_by_name(exact, name, self.kind)
        if found is None:
            self.refuse_case_clash(scope, name, warn, creating)
        return found


# --- applications --------------------------------------------------------------------------------------
# What the PingOne console sets for a new application of each type, where the task does not say.
APPLICATION_DEFAULTS = {
    'WORKER': {'grantTypes': ['CLIENT_CREDENTIALS'], 'tokenEndpointAuthMethod': 'CLIENT_SECRET_BASIC'},
    'SERVICE': {'grantTypes': ['CLIENT_CREDENTIALS'], 'tokenEndpointAuthMethod': 'CLIENT_SECRET_BASIC'},
    'WEB_APP': {'grantTypes': ['AUTHORIZATION_CODE'], 'responseTypes': ['CODE'], 'tokenEndpointAuthMethod': 'CLIENT_SECRET_BASIC'},
    'SINGLE_PAGE_APP': {'grantTypes': ['AUTHORIZATION_CODE'], 'responseTypes': ['CODE'], 'tokenEndpointAuthMethod': 'NONE',
                        'pkceEnforcement': 'S256_REQUIRED'},
    'NATIVE_APP': {'grantTypes': ['AUTHORIZATION_CODE'], 'responseTypes': ['CODE'], 'tokenEndpointAuthMethod': 'NONE',
                   'pkceEnforcement': 'S256_REQUIRED'},
}
# Grant types whose flows return to the application in a browser: PingOne needs a redirect URI for them, and
# only they use one (redirectUris is "the callback URI for the authentication response"; DEVICE_CODE and CIBA
# answer elsewhere). The URIs a browser is sent to after a sign-off belong to those flows too.
REDIRECT_GRANT_TYPES = ('AUTHORIZATION_CODE', 'IMPLICIT')
URI_OPTIONS = ('redirect_uris', 'post_logout_redirect_uris')
_SCHEME_RE = re.compile(r'^[A-Za-z][A-Za-z0-9+.-]*:')
_HOST_PORT_RE = re.compile(r'^[^/:?#]+:[0-9]+(?:[/?#]|$)')   # app.example.com:8443/cb: a host and port without a scheme


def uri_problem(uri: str, option: str) -> Optional[str]:
    """Why ``uri`` cannot be one of ``option``'s URIs, or None: an absolute URI (with a scheme; a host for http and
    https), without white space; a redirect URI without a fragment (RFC 6749, 3.1.2). Custom schemes of native
    applications (com.example.app:/cb) and PingOne's wildcards (https://*.example.com/cb) are absolute URIs."""
    if any(ch.isspace() for ch in uri):
        return 'contains white space'
    if _HOST_PORT_RE.match(uri) or not _SCHEME_RE.match(uri):
        return 'is not an absolute URI (it has no scheme such as https://)'
    scheme, _colon, rest = uri.partition(':')
    if scheme.lower() in ('http', 'https') and not re.match(r'//[^/?#]', rest):
        return 'has no host after %s://' % scheme
    if option == 'redirect_uris' and '#' in uri:
        return 'has a fragment (#...), which a redirect URI may not have'
    return None


def check_redirect_uris(params: Mapping[str, Any]) -> None:
    """Refuse, before any request, a redirect URI that is not an absolute URI, and redirect URIs that the task's
    grant types (given, or the only one a WORKER or SERVICE gets) would never use."""
    for option in URI_OPTIONS:
        for index, uri in enumerate(params.get(option) or []):
            problem = uri_problem(uri, option)
            if problem:
                raise PingOneInputError('%s item %d (%r) %s: give the whole URI, such as https://app.example.com/callback.'
                                        % (option, index + 1, uri, problem), option=option)
    given = [option for option in URI_OPTIONS if params.get(option)]
    if not given:
        return
    grants = upper_set(params.get('grant_types'))
    if grants is not None and not set(grants) & set(REDIRECT_GRANT_TYPES):
        raise PingOneInputError('%s is set, but grant_types (%s) has neither AUTHORIZATION_CODE nor IMPLICIT, the only grant types that '
                                'send a browser to such a URI: remove %s, or add AUTHORIZATION_CODE to grant_types.'
                                % (given[0], ', '.join(grants), given[0]), option=given[0])
    if grants is None and params.get('type') in ('WORKER', 'SERVICE'):
        raise PingOneInputError('%s is set for a %s application without grant_types, and a %s gets only CLIENT_CREDENTIALS, which sends '
                                'no browser to such a URI: remove %s, or list grant_types with AUTHORIZATION_CODE or IMPLICIT.'
                                % (given[0], params['type'], params['type'], given[0]), option=given[0])


# Writable OIDC settings this collection does not manage: a full PUT sends them back as they are.
APPLICATION_KEEPS = (
    'protocol', 'accessControl', 'hiddenFromAppPortal', 'icon', 'loginPageUrl', 'additionalRefreshTokenReplayProtectionEnabled',
    'allowWildcardInRedirectUris', 'corsSettings', 'devicePathId', 'deviceCustomVerificationUri', 'deviceTimeout',
    'devicePollingInterval', 'idpSignoff', 'includeX5t', 'jwks', 'jwksUrl', 'mobile', 'kerberos', 'homePageUrl', 'initiateLoginUri',
    'opSessionCheckEnabled', 'parRequirement', 'parTimeout', 'refreshTokenDuration', 'refreshTokenRollingDuration',
    'refreshTokenRollingGracePeriodDuration', 'refreshTokenType', 'requestScopesForMultipleResourcesEnabled',
    'requireSignedRequestObject', 'signing', 'supportUnsignedRequestObject', 'tags', 'targetLinkUri', 'template')


class ApplicationKind(ResourceKind):
    """An OpenID Connect application, found by name; PingOne's own applications and other protocols are refused."""
    kind = 'application'
    path = '/applications'
    protocol = OIDC   # what the task asks for; an application's protocol cannot change
    search = None   # GET .../applications takes no filter: the list is read whole and the name matched here
    fields = (
        Field('type', 'type', immutable=True),
        Field('enabled', 'enabled', normalize=bool),
        Field('description', 'description', absent=''),
        Field('redirect_uris', 'redirectUris', normalize=sorted_set, absent=[]),
        Field('post_logout_redirect_uris', 'postLogoutRedirectUris', normalize=sorted_set, absent=[]),
        Field('grant_types', 'grantTypes', normalize=upper_set, absent=[]),
        Field('response_types', 'responseTypes', normalize=upper_set, absent=[]),
        Field('token_endpoint_auth_method', 'tokenEndpointAuthMethod'),
        Field('pkce_enforcement', 'pkceEnforcement'),
    )
    put_keeps = APPLICATION_KEEPS
    check_redirect_uris = staticmethod(check_redirect_uris)   # before any request, on the task's options

    def create_body(self, wanted, params):
        name = wanted['name']
        if wanted.get('type') is None:
            raise PingOneInputError('Application %r does not exist, and PingOne needs its type to create it: set type (one of %s).'
                                    % (name, ', '.join(APPLICATION_TYPES)), option='type')
        body = super().create_body(wanted, params)
        redirecting = sorted(set(body.get('grantTypes') or ()) & set(REDIRECT_GRANT_TYPES))
        if redirecting and not body.get('redirectUris'):
            raise PingOneInputError('Application %r does not exist, and a %s application with the grant type %s needs at least one '
                                    'redirect URI to be created: set redirect_uris (or grant_types without %s).'
                                    % (name, body['type'], ' and '.join(redirecting), ' and '.join(redirecting)), option='redirect_uris')
        return body

    def create_defaults(self, body, params):
        # The console's defaults for the type, for what the task does not set; a response type and PKCE only
        # where the grant types use them (a task's own grant_types without AUTHORIZATION_CODE get neither).
        type_defaults = APPLICATION_DEFAULTS[body['type']]
        defaults = {key: list(value) if isinstance(value, list) else value for key, value in type_defaults.items() if key not in body}
        grants = body.get('grantTypes', defaults.get('grantTypes')) or []
        if 'AUTHORIZATION_CODE' not in grants:
            defaults.pop('responseTypes', None)
            defaults.pop('pkceEnforcement', None)
        elif 'responseTypes' not in body:
            defaults['responseTypes'] = ['CODE']
        defaults['protocol'] = 'OPENID_CONNECT'
        # Read by PingOne on create only: false, so a worker gets only the roles the playbook assigns.
        defaults['assignActorRoles'] = bool(params.get('assign_actor_roles'))
        return defaults

    def check_changes(self, current, changes):
        super().check_changes(current, changes)
        if 'grant_types' not in changes and not any(option in changes for option in URI_OPTIONS):
            return
        grants = changes.get('grant_types', self.field('grant_types').read(current))
        uris = changes.get('redirect_uris', self.field('redirect_uris').read(current))
        redirecting = sorted(set(grants or ()) & set(REDIRECT_GRANT_TYPES))
        if redirecting and not uris:
            raise PingOneInputError('Application %r would have the grant type %s and no redirect URI, and PingOne needs one for it: '
                                    'set redirect_uris, or grant_types without %s.'
                                    % (current.get('name'), ' and '.join(redirecting), ' and '.join(redirecting)), option='redirect_uris')
        # Redirect URIs that its grant types would never use (grant_types left as they are, or URIs kept from before).
        kept = [option for option in URI_OPTIONS if changes.get(option, self.field(option).read(current))]
        if kept and not redirecting:
            raise PingOneInputError('Application %r would have %s but neither AUTHORIZATION_CODE nor IMPLICIT among its grant types (%s), '
                                    'and only those send a browser to such a URI: set %s to [], or add AUTHORIZATION_CODE to grant_types.'
                                    % (current.get('name'), kept[0], ', '.join(grants or ()) or 'none', kept[0]), option=kept[0])

    def replace_body(self, current, changes):
        # A full PUT: ResourceKind.replace_body builds the managed fields and put_keeps (never what PingOne sets itself,
        # such as id, createdAt or clientSecret, nor assignActorRoles, which PingOne reads on POST only).
        body = super().replace_body(current, changes)
        for spec in self.fields:
            if spec.api in body and body[spec.api] == [] and spec.option not in changes:
                del body[spec.api]   # a list the application does not have is left out, not sent empty
        body.setdefault('protocol', 'OPENID_CONNECT')
        return body

    def field(self, option):
        return next(spec for spec in self.fields if spec.option == option)

    def pick(self, items, name, warn, creating):
        found = super().pick(items, name, warn, creating)
        if found is not None and found.get('type') in BUILT_IN_APPLICATION_TYPES:
            raise PingOneInputError('Application %r is one PingOne makes in every environment itself (type %s); it is not managed '
                                    'here: give another name.' % (name, found['type']), option='name')
        if found is not None and found.get('protocol', OIDC) != self.protocol:
            refuse_protocol(name, found.get('protocol'), self.protocol)
        return found


def refuse_protocol(name: str, protocol: Any, wanted: str) -> None:
    """Refuse an application of another protocol than the task's: PingOne cannot change an application's protocol."""
    if protocol in (OIDC, SAML):
        raise PingOneInputError('Application %r is a %s application, and an application\'s protocol cannot change after it is created: '
                                'set protocol to %s to manage it, or give another name for a new %s application.'
                                % (name, protocol, protocol, wanted), option='protocol')
    raise PingOneInputError('Application %r uses protocol %s; this module manages OPENID_CONNECT and SAML applications only: give '
                            'another name, or manage it in the PingOne console.' % (name, protocol), option='name')


# --- role assignments --------------------------------------------------------------------------------
class RoleAssignmentKind(ResourceKind):
    """One role at one scope for one subject: found by all three, never updated (it only exists or not).

    The collection is the subject's ``.../{users|applications|groups}/{id}/roleAssignments``; the task's
    ``role_id`` (the key) and the scope given here pick the assignment; ``scope_type`` and ``scope_id``
    go into the create body as ``scope.type`` and ``scope.id``.
    """
    kind = 'role assignment'
    key = Field('role_id', 'role.id', normalize=lower)
    search = None
    names_ignore_case = False
    fields = (
        Field('scope_type', 'scope.type'),
        Field('scope_id', 'scope.id', normalize=lower),
    )

    def __init__(self, scope_type: str, scope_id: str):
        self.scope_type = scope_type
        self.scope_id = lower(scope_id)

    def pick(self, items, name, warn, creating):
        # A subject's assignments are few and PingOne documents no filter for them (search is None): one list,
        # matched on all three.
        del warn, creating
        wanted = (lower(name), self.scope_type, self.scope_id)
        for item in items:
            if (lower(get_path(item, 'role.id')), get_path(item, 'scope.type'), lower(get_path(item, 'scope.id'))) == wanted:
                return item
        return None

    def before_delete(self, current, params):
        # PingOne marks an assignment the caller may not remove readOnly (one it made itself, or one only a
        # holder of more rights may remove): refused here, before the DELETE PingOne would refuse anyway.
        if current.get('readOnly'):
            raise PingOneInputError('The role assignment %s (role %s at %s %s) is marked readOnly by PingOne, so it cannot be deleted '
                                    'with this token (PingOne made it, or only an actor with more rights may remove it): nothing was '
                                    'changed; remove it in the PingOne console if you hold the rights, or leave state present.'
                                    % (current.get('id'), get_path(current, 'role.id'), get_path(current, 'scope.type'),
                                       get_path(current, 'scope.id')), option='state')


# --- environments -------------------------------------------------------------------------------------
def product_types(products):
    """Product types as a sorted list without repeats: the bill of materials compares as a set."""
    types = {str(product.get('type') if isinstance(product, dict) else product).strip().upper() for product in products or []}
    types.discard('')
    return sorted(types)


# Product entry fields worth keeping when the bill of materials is replaced; the rest is read-only.
PRODUCT_FIELDS = ('type', 'description', 'bookmarks', 'console', 'tags')


def bill_of_materials_body(wanted_types, current_bill):
    """Products kept keep their settings (without read-only fields); new ones are just their type."""
    kept = {str(product.get('type')).upper(): product for product in (current_bill or {}).get('products') or [] if isinstance(product, dict)}
    products = []
    for product_type in wanted_types:
        product = kept.get(product_type, {'type': product_type})
        products.append({key: value for key, value in product.items() if key in PRODUCT_FIELDS})
    return {'products': products}


class EnvironmentKind(ResourceKind):
    kind = 'environment'
    search = '{field} sw {value}'   # the filter PingOne documents for environments; the exact match is made here
    fields = (
        Field('type', 'type'),
        Field('region', 'region'),
        Field('license_id', 'license.id', normalize=lower),
        Field('description', 'description', absent=''),
        Field('status', 'status', absent='ACTIVE', put_if_changed=True),   # an answer without status is ACTIVE
        Field('products', lazy=True, sub=SubResource('billOfMaterials', body=bill_of_materials_body,
                                                     read=lambda bill: product_types((bill or {}).get('products')))),
    )
    put_keeps = ('icon', 'subtype')

    def desired(self, params):
        return {'name': params['name'], 'type': params.get('type'), 'region': params.get('environment_region'),
                'license_id': params.get('license_id'), 'description': params.get('description'),
                'status': 'ACTIVE',   # present means usable: a soft-deleted environment is restored
                'products': product_types(params['products']) if params.get('products') is not None else None}

    def check_changes(self, current, changes):
        if 'region' in changes:
            raise PingOneInputError('Environment %r is in region %s, and a region cannot change after creation: leave environment_region '
                                    'unset, or give another name to create a new environment in %s.'
                                    % (current.get('name'), current.get('region'), changes['region']), option='environment_region')

    def create_body(self, wanted, params):
        if wanted['license_id'] is None:
            raise PingOneInputError('Environment %r does not exist, and creating it needs a license: set license_id or license_name '
                                    '(pingone.platform.pingone_license_info lists the licenses).' % wanted['name'], option='license_id')
        body = {'name': wanted['name'], 'type': wanted['type'] or 'SANDBOX', 'region': wanted['region'] or params['token_region'],
                'license': {'id': wanted['license_id']}}
        if wanted['description']:
            body['description'] = wanted['description']
        if wanted['products']:
            body['billOfMaterials'] = {'products': [{'type': product_type} for product_type in wanted['products']]}
        return body

    def planned_view(self, wanted, body):
        view = self.view(dict(body, status='ACTIVE'), {})
        if 'billOfMaterials' in body:
            view['products'] = product_types(body['billOfMaterials']['products'])
        return view

    def after_create(self, client, collection, created):
        # The new environment's own API answers 404 for a moment, and its sub-resources 403 or 404 a little
        # longer: wait for both, so the next task (a population, a user) can use it at once.
        path = self.object_path(collection, created)
        environment = wait_until_visible(client, path, 'environment')
        wait_until_visible(client, path + '/populations', 'environment', statuses=(403, 404))
        return environment

    def delete(self, client, path, current):
        if current.get('type') == 'PRODUCTION':
            # PingOne deletes a PRODUCTION environment only once its status is DELETE_PENDING (restorable until purged).
            return client.request('PUT', path, body=self.replace_body(current, {'status': 'DELETE_PENDING'})).json
        return super().delete(client, path, current)
