#!/usr/bin/python
# -*- coding: utf-8 -*-
# Copyright: (c) 2026, pingone.platform maintainers
# GNU General Public License v3.0+ (see LICENSE or https://www.gnu.org/licenses/gpl-3.0.txt)

from __future__ import annotations

DOCUMENTATION = r'''
module: pingone_environment_export
short_description: Describe a PingOne environment's configuration as data, and compare an environment with such a description
version_added: 0.1.0
description:
  - Reads the populations, groups, applications, role assignments and (with O(include_users)) users of the
    environment O(target_environment_id) and returns them as RV(config), a description that applies to any
    environment (the role P(pingone.platform.environment_config#role) applies it). The collection's
    C(docs/config-as-code.md) documents the format, and C(roles/environment_config/files/config.schema.json) is its JSON Schema.
  - Each item uses the option names of the module that manages it (M(pingone.platform.pingone_population),
    M(pingone.platform.pingone_group), M(pingone.platform.pingone_application),
    M(pingone.platform.pingone_role_assignment), and M(pingone.platform.pingone_user) with its O(pingone.platform.pingone_user#module:users)
    list), and names other objects (populations, groups, applications, users, roles) by name, never by ID.
  - No secret, password, ID, timestamp or field PingOne sets itself goes into RV(config).
  - PingOne's own objects are not described. Its built-in applications (types C(PING_ONE_ADMIN_CONSOLE),
    C(PING_ONE_SELF_SERVICE), C(PING_ONE_PORTAL)) are left out. The default population is kept as its
    C(name) and C(default=true) only, so that users and groups can name it; applying the description never
    creates, changes or deletes it.
  - What the collection cannot manage yet is listed in RV(skipped_objects) with the reason, never dropped silently
    (SAML, WS-Federation and other non-OIDC applications, role assignments of custom roles or of scopes it
    cannot name, settings the modules do not manage).
  - It reads each kind with one paged request, not one per object (C(limit) 1000 for populations, groups and users;
    applications as PingOne lists them, without paging options), and the roles once. With the users, it reads the
    members of each group as Ping documents it, with the users list filtered on that group
    (C(GET .../users?filter=memberOfGroups[id eq "<group id>"]), paged), so one more request per group. PingOne lists
    role assignments per subject only, so they are read with one request per application and group, and with
    O(include_users) per user as well. Both per-object reads are sent O(concurrency) at a time.
  - With O(compare_to), it also compares the environment with that description and returns what applying
    it would change (RV(drift)) and the module arguments that would change it (RV(plan)), without writing
    anything. The role P(pingone.platform.environment_config#role) uses this. Then what is read follows the description.
  - With O(compare_to), when applying the description creates users, one warning says how many and names the first
    five; a description never holds a password, so they are created without one.
author:
  - pingone.platform maintainers (@pingone-ansible)
extends_documentation_fragment:
  - pingone.platform.connection
  - pingone.platform.connection.api
  - pingone.platform.connection.bulk
  - pingone.platform.attributes
options:
  target_environment_id:
    description:
      - ID of the environment to read, for example RV(pingone.platform.pingone_environment#module:environment.id).
      - Not to be confused with O(environment_id), the environment of the worker application whose
        credentials get the token.
    type: str
    required: true
  include:
    description:
      - The kinds to describe. When not set, V(populations), V(groups), V(applications) and V(role_assignments),
        and V(users) too with O(include_users).
      - Listing V(users) is the same as O(include_users=true).
      - Objects of kinds left out can still be read to name what the others refer to (a group's population, a
        role assignment's subject); a description narrowed so refers to objects it does not describe, which must
        then exist in the environment it is applied to.
      - Ignored with O(compare_to), where what is read follows the description.
    type: list
    elements: str
    choices: [populations, groups, applications, role_assignments, users]
  include_users:
    description:
      - Whether to describe the users too (RV(config.users)), and with them the groups' members and the users'
        role assignments (one more request per user).
      - Without it, groups are described without C(members), and users' role assignments are not read.
    type: bool
    default: false
  compare_to:
    description:
      - A description (the shape of RV(config)) to compare the environment with. It is checked before any
        request (unknown keys, missing names, a reference to a population, group, user or application it
        does not describe), and then against what the environment holds (roles by name, subjects and scopes
        of role assignments when their kind is not described), still before anything is written.
      - The result then has RV(plan), RV(drift) and RV(changes).
    type: dict
  prune:
    description:
      - With O(compare_to), whether the plan deletes the objects of the kinds the description has (its keys)
        that it does not list, removes group members it does not list, and deletes role assignments it does not
        list of the subjects whose role assignments are read (see RV(plan)).
      - PingOne's own objects (the default population, the built-in applications), read-only role assignments,
        and objects the collection does not manage (such as SAML applications) are never in it.
    type: bool
    default: false
  concurrency:
    description:
      - How many role assignment reads and group member reads are sent at once (1 to 50), sharing one token and one
        connection pool.
    type: int
    default: 8
attributes:
  check_mode:
    support: full
    details: The module only reads. In check mode the plan leaves out what its modules could not check because it
      refers to an object that would be created by the same run (a user in a new population, say); RV(drift) still has it.
  diff_mode:
    support: none
    details: RV(drift) says what would change; the modules the role runs show the diffs.
seealso:
  - module: pingone.platform.pingone_population
  - module: pingone.platform.pingone_group
  - module: pingone.platform.pingone_user
  - module: pingone.platform.pingone_application
  - module: pingone.platform.pingone_role_assignment
  - name: The description format (docs/config-as-code.md)
    description: The format, its JSON Schema, and the role that applies it.
    link: https://github.com/pingone-ansible/pingone.platform/blob/main/docs/config-as-code.md
notes:
  - Passwords are never read, so users created from a description have none; set them with M(pingone.platform.pingone_user).
  - Application secrets are never read; an application created from a description gets a new one.
  - Two groups of one name (in different populations) cannot be told apart by name; both are listed in RV(skipped_objects).
  - The list of what was not described is RV(skipped_objects), not C(skipped). Ansible reads a true C(skipped) in any task
    result as "this task was skipped" (it shows the task as skipping, counts it as skipped, and ignores C(changed_when)
    and C(failed_when)), so a module cannot return a non-empty list under that name.
'''

EXAMPLES = r'''
- name: Describe the development environment
  pingone.platform.pingone_environment_export:
    target_environment_id: "{{ dev_environment_id }}"
    access_token: "{{ token.access_token }}"
  register: dev

- name: Keep the description under version control
  ansible.builtin.copy:
    content: "{{ dev.config | to_nice_yaml(indent=2, sort_keys=false) }}"
    dest: environments/development.yml
    mode: "0644"

- name: Say what could not be described
  ansible.builtin.debug:
    msg: "{{ dev.skipped_objects }}"

- name: Describe only the applications and the users
  pingone.platform.pingone_environment_export:
    target_environment_id: "{{ dev_environment_id }}"
    include: [applications]
    include_users: true
    access_token: "{{ token.access_token }}"
  register: apps_and_users

- name: What would applying the description change in production?
  pingone.platform.pingone_environment_export:
    target_environment_id: "{{ prod_environment_id }}"
    compare_to: "{{ lookup('ansible.builtin.file', 'environments/development.yml') | from_yaml }}"
    access_token: "{{ token.access_token }}"
  register: comparison

- name: Show the drift
  ansible.builtin.debug:
    msg: "{{ comparison.drift }}"
'''

RETURN = r'''
config:
  description:
    - The environment's description. Kinds not described are not keys of it.
    - Every list is sorted by name (role assignments by subject, role and scope).
  returned: success
  type: dict
  contains:
    populations:
      description: The populations, as options of M(pingone.platform.pingone_population); the default one as C({name, default}) only.
      type: list
      elements: dict
      sample: [{"name": "Default", "default": true}, {"name": "Staff", "description": "Employees"}]
    groups:
      description:
        - The groups, as options of M(pingone.platform.pingone_group); C(population) is the population's name (an
          environment group has none), C(members) the usernames of the members (with O(include_users) only).
      type: list
      elements: dict
      sample: [{"name": "Developers", "description": "", "population": "Staff", "members": ["jdoe"]}]
    applications:
      description: The OpenID Connect applications, as options of M(pingone.platform.pingone_application).
      type: list
      elements: dict
      sample: [{"name": "Intranet", "type": "WEB_APP", "enabled": true, "description": "", "redirect_uris": ["https://intranet.example.com/cb"],
                "post_logout_redirect_uris": [], "grant_types": ["AUTHORIZATION_CODE"], "response_types": ["CODE"],
                "token_endpoint_auth_method": "CLIENT_SECRET_BASIC", "pkce_enforcement": "OPTIONAL"}]
    role_assignments:
      description:
        - The role assignments, as options of M(pingone.platform.pingone_role_assignment), each with one of C(user),
          C(group) or C(application) (a name), C(role) (a name), C(scope_type), and C(scope_name) for a population
          or application scope. An environment scope is the environment the description is applied to.
      type: list
      elements: dict
      sample: [{"application": "Provisioning worker", "role": "Identity Data Admin", "scope_type": "POPULATION", "scope_name": "Staff"}]
    users:
      description:
        - With O(include_users), the users, as items of O(pingone.platform.pingone_user#module:users); C(population) is a name, and
          C(attributes) holds the other profile fields and custom attributes. Never a password.
      type: list
      elements: dict
      sample: [{"username": "jdoe", "email": "jdoe@example.com", "given_name": "Jane", "family_name": "Doe", "population": "Staff",
                "enabled": true}]
skipped_objects:
  description:
    - What was not described, or not wholly, and why. C(kind) is the kind of object, C(name) names it.
  returned: success
  type: list
  elements: dict
  sample: [{"kind": "application", "name": "Salesforce", "reason": "a SAML application (type WEB_APP): an environment description
            holds OpenID Connect applications only"}]
plan:
  description:
    - With O(compare_to), the module arguments that make the environment match the description, in the order
      to apply them (C(populations), C(groups), C(users) (items of O(pingone.platform.pingone_user#module:users)),
      C(memberships) (M(pingone.platform.pingone_group) with C(members)), C(applications), C(role_assignments),
      then C(prune) with the deletions (C(role_assignments), C(applications), C(users), C(groups), C(populations))).
    - Only what differs is in it; everything empty means the environment matches.
    - Role assignments are read only for the subjects the description's role assignments name, and with O(prune)
      for every described application and group too.
  returned: when O(compare_to) is set
  type: dict
  sample: {"populations": [], "groups": [], "users": [], "memberships": [], "applications": [{"name": "Intranet", "type": "WEB_APP"}],
           "role_assignments": [], "prune": {"role_assignments": [], "applications": [], "users": [], "groups": [], "populations": []}}
drift:
  description:
    - With O(compare_to), what applying the description would change, by kind, C(create) (names), C(update)
      (name -> option -> C(before) and C(after)) and C(delete) (names; with O(prune) only); C(memberships) maps a
      group's name to the usernames to C(add) and C(remove). Role assignments are listed as their items.
    - Only what changes is in it (kinds and keys without a change are left out), so it is V({}) when the environment matches.
    - C(not_sent) lists, in check mode, what the modules are not asked to check because it refers to an object
      the same run would create.
  returned: when O(compare_to) is set
  type: dict
  sample: {"applications": {"update": {"Intranet": {"redirect_uris": {"before": ["https://a/cb"], "after": ["https://b/cb"]}}}}}
changes:
  description: With O(compare_to), how many changes RV(drift) lists (0 when the environment matches the description).
  returned: when O(compare_to) is set
  type: int
  sample: 1
labels:
  description:
    - With O(compare_to), a readable line for each role assignment of RV(plan) (its subject, role and scope by name, where the
      plan's arguments hold IDs), in the same order, C(role_assignments) and C(prune.role_assignments); for loop labels.
  returned: when O(compare_to) is set
  type: dict
  sample: {"role_assignments": ["group Developers: Client Application Developer at ENVIRONMENT"], "prune": {"role_assignments": []}}
# BEGIN generated failure-keys: edit FAILURE_KEYS and run tools/module_docs.py
url:
  description: The URL of the request that failed.
  returned: failure, when a request was sent
  type: str
  sample: https://api.pingone.eu/v1/environments/0b9e8d7c-6a5f-4e3d-8c2b-7a6f5e4d3c2b/applications
status:
  description: HTTP status of the failed answer.
  returned: failure, when an answer came
  type: int
  sample: 404
error:
  description: The error code PingOne sent, such as the platform API's C(INVALID_DATA), C(NOT_FOUND) or
    C(ACCESS_FAILED), or the token endpoint's OAuth C(invalid_client).
  returned: failure, when PingOne sent one
  type: str
  sample: NOT_FOUND
error_description:
  description: PingOne's error message (the platform API's C(message), the token endpoint's C(error_description)),
    without the correlation ID.
  returned: failure, when PingOne sent one
  type: str
  sample: The requested resource was not found.
details:
  description: PingOne's C(details) of the error, one entry per problem, each with C(code), C(target), C(message) and
    maybe C(innerError).
  returned: failure, when PingOne sent them
  type: list
  elements: dict
  sample: [{"code": "INVALID_VALUE", "target": "limit", "message": "limit must be an integer from 1 to 1000"}]
correlation_id:
  description: PingOne's correlation ID of the failed request (the C(id) of its error answer); give it to Ping Identity
    support.
  returned: failure, when PingOne sent one
  type: str
  sample: 6f1a0d9e-0c1b-4c1e-9d7a-1b2c3d4e5f60
option:
  description: The option whose value was refused (O(compare_to) for a description that is not right).
  returned: failure, on bad input
  type: str
  sample: compare_to
# END generated failure-keys
'''

from ansible.module_utils.basic import AnsibleModule

from ansible_collections.pingone.platform.plugins.module_utils.pingone import (
    APPLICATION_TYPES,
    ApplicationKind,
    BUILT_IN_APPLICATION_TYPES,
    DEFAULT_CONCURRENCY,
    GRANT_TYPES,
    GroupKind,
    MAX_CONCURRENCY,
    PKCE_OPTIONS,
    PingOneError,
    PingOneInputError,
    PingOneUnexpectedResponseError,
    PopulationKind,
    RESPONSE_TYPES,
    SCOPE_TYPES,
    TOKEN_AUTH_METHODS,
    UserKind,
    bulk_argument_spec,
    compare as field_changes,
    connect,
    each_parallel,
    fail_module,
    get_path,
    is_uuid,
    list_roles,
    lower,
    members_filter,
    object_id,
    require_uuid,
)

KINDS = ('populations', 'groups', 'applications', 'role_assignments', 'users')
DEFAULT_KINDS = ('populations', 'groups', 'applications', 'role_assignments')
PAGE = {'limit': 1000}
# The options of each kind's items: the managing module's options that a description may hold.
POPULATION_KEYS = ('name', 'description', 'default')
GROUP_KEYS = ('name', 'description', 'population', 'members')
APPLICATION_KEYS = ('name', 'type', 'enabled', 'description', 'redirect_uris', 'post_logout_redirect_uris', 'grant_types',
                    'response_types', 'token_endpoint_auth_method', 'pkce_enforcement')
USER_KEYS = ('username', 'email', 'given_name', 'family_name', 'population', 'enabled', 'attributes')
SUBJECTS = ('user', 'group', 'application')
ROLE_ASSIGNMENT_KEYS = SUBJECTS + ('role', 'scope_type', 'scope_name')
ITEM_KEYS = {'populations': POPULATION_KEYS, 'groups': GROUP_KEYS, 'applications': APPLICATION_KEYS, 'users': USER_KEYS,
             'role_assignments': ROLE_ASSIGNMENT_KEYS}
NAME_KEY = {'populations': 'name', 'groups': 'name', 'applications': 'name', 'users': 'username'}
# Item option -> its allowed values (lists: each element).
CHOICES = {('applications', 'type'): APPLICATION_TYPES, ('applications', 'grant_types'): GRANT_TYPES,
           ('applications', 'response_types'): RESPONSE_TYPES, ('applications', 'token_endpoint_auth_method'): TOKEN_AUTH_METHODS,
           ('applications', 'pkce_enforcement'): PKCE_OPTIONS, ('role_assignments', 'scope_type'): SCOPE_TYPES}
TYPES = {'description': str, 'default': bool, 'population': str, 'members': list, 'type': str, 'enabled': bool, 'redirect_uris': list,
         'post_logout_redirect_uris': list, 'grant_types': list, 'response_types': list, 'token_endpoint_auth_method': str,
         'pkce_enforcement': str, 'email': str, 'given_name': str, 'family_name': str, 'attributes': dict, 'user': str, 'group': str,
         'application': str, 'role': str, 'scope_type': str, 'scope_name': str}
TYPE_NAMES = {str: 'string', bool: 'boolean', list: 'list', dict: 'dictionary'}
# Settings PingOne holds that the modules do not manage: named in `skipped` when an object has them.
UNMANAGED = {
    'population': ('passwordPolicy', 'theme', 'preferredLanguage', 'alternativeIdentifiers'),
    'group': ('userFilter', 'externalId', 'customData'),
    'application': tuple(key for key in ApplicationKind.put_keeps if key != 'protocol'),
}
# Fields of a user that are not profile data: their own option, or set by PingOne (kinds.USER_RESERVED, and a few more).
USER_NOT_ATTRIBUTES = frozenset((
    'username', 'email', 'name', 'population', 'enabled', 'password', 'id', 'environment', 'createdAt', 'updatedAt', '_links', '_embedded',
    'emailVerified', 'lastSignOn', 'memberOfGroupIDs', 'memberOfGroupNames', 'identityProvider', 'verifyStatus', 'account',
    'lifecycle', 'mfaEnabled'))


def skip(kind, name, reason):
    return {'kind': kind, 'name': name, 'reason': reason}


def oid(obj):
    return lower(obj.get('id')) if isinstance(obj, dict) else None


# --- reading ----------------------------------------------------------------------------------------------
class State:
    """What an environment holds, each kind read with one paged request; members per group, role assignments per subject."""

    def __init__(self, env_id, populations=(), groups=(), applications=(), users=None, roles=None, assignments=None):
        self.env_id = env_id
        self.populations = [item for item in populations if isinstance(item, dict)]
        self.groups = [item for item in groups if isinstance(item, dict)]
        self.applications = [item for item in applications if isinstance(item, dict)]
        self.users = None if users is None else [item for item in users if isinstance(item, dict)]
        self.roles = roles            # role id -> role, when read
        self.assignments = assignments if assignments is not None else {}   # (subject kind, id) -> raw assignments
        self.memberships = None       # group id -> the usernames of its members, when read

    def population_names(self):
        return {oid(pop): pop.get('name') for pop in self.populations}

    def default_population(self):
        return next((pop for pop in self.populations if pop.get('default')), None)

    def managed_applications(self):
        """The applications pingone_application manages: OpenID Connect, not PingOne's own."""
        return [app for app in self.applications if managed_application(app)]

    def unique_groups(self):
        """The groups no other group shares a name with (a description names groups by name)."""
        counts = {}
        for group in self.groups:
            counts[group.get('name')] = counts.get(group.get('name'), 0) + 1
        return [group for group in self.groups if counts[group.get('name')] == 1]

    def members(self):
        """Group id -> the usernames of its members, as read by ``read_members`` ({} before)."""
        return self.memberships or {}

    def members_read(self):
        """Whether group members can be described: the users and each group's members were read."""
        return self.users is not None and self.memberships is not None


def managed_application(app):
    return app.get('type') in APPLICATION_TYPES and app.get('protocol') in (None, 'OPENID_CONNECT')


def read_state(client, env_id, populations=True, groups=True, applications=True, users=False):
    base = '/environments/%s' % env_id
    return State(env_id,
                 populations=client.paginate(base + '/populations', query=PAGE) if populations else (),
                 groups=client.paginate(base + '/groups', query=PAGE) if groups else (),
                 applications=client.paginate(base + '/applications') if applications else (),
                 users=client.paginate(base + '/users', query=PAGE) if users else None)


def read_members(client, state, concurrency):
    """Read the members of every group, as Ping documents it: the users list filtered on the group
    (``memberOfGroups[id eq "..."]``), paged, one group per request, ``concurrency`` at a time.
    (``include=memberOfGroupIDs`` is documented on the one-user read only; a users list may ignore it.)"""
    members = {}

    def read(group):
        group_id = object_id(group, 'group')   # it goes into the filter
        query = dict(PAGE, filter=members_filter(group_id))
        users = client.paginate('/environments/%s/users' % state.env_id, query=query)
        members[group_id] = [user.get('username') for user in users if isinstance(user, dict)]

    for error in each_parallel(read, state.groups, concurrency):
        if error is not None:
            raise error
    state.memberships = members


def read_assignments(client, state, subjects, concurrency):
    """Read the role assignments of ``subjects`` ((kind, id) pairs: kind users, groups or applications) and the roles."""
    subjects = sorted(set(subjects))
    if state.roles is None and subjects:
        state.roles = {oid(role): role for role in list_roles(client)}

    def read(subject):
        kind, subject_id = subject
        if not is_uuid(subject_id):   # it goes into a URL path
            raise PingOneUnexpectedResponseError('PingOne listed %s without a valid id (%r): run the task again; if it persists, '
                                                 'report it to Ping Identity support.' % (kind, subject_id))
        state.assignments[subject] = client.paginate('/environments/%s/%s/%s/roleAssignments' % (state.env_id, kind, subject_id))

    for error in each_parallel(read, subjects, concurrency):
        if error is not None:
            raise error


# --- describing -----------------------------------------------------------------------------------------------
def describe_populations(state, skipped):
    items = []
    for pop in state.populations:
        if pop.get('default'):
            items.append({'name': pop.get('name'), 'default': True})   # the default population's own settings are left out
            continue
        item = {'name': pop.get('name')}
        for spec in PopulationKind.fields:
            if spec.option != 'default':
                item[spec.option] = spec.read(pop)
        items.append(item)
        note_unmanaged('population', pop, skipped)
    return sorted(items, key=lambda item: str(item['name']))


def note_unmanaged(kind, obj, skipped):
    present = [key for key in UNMANAGED[kind] if obj.get(key) not in (None, '', [], {})]
    if present:
        skipped.append(skip(kind, obj.get('name'), 'described without %s: pingone_%s does not manage %s'
                            % (', '.join(present), kind, 'them' if len(present) > 1 else 'it')))


def describe_groups(state, skipped, members=None):
    pops = state.population_names()
    unique = state.unique_groups()
    unique_ids = {oid(group) for group in unique}
    for group in state.groups:
        if oid(group) not in unique_ids:
            skipped.append(skip('group', group.get('name'), 'another group has this name (in another population), and a description '
                                'names groups by name: neither is described, nor their members and role assignments'))
    items = []
    for group in unique:
        item = {'name': group.get('name'), 'description': GroupKind.fields[0].read(group)}
        pop_id = lower(get_path(group, 'population.id'))
        if pop_id:
            item['population'] = pops.get(pop_id, pop_id)
        if members is not None:
            item['members'] = sorted(members.get(oid(group), []))
        items.append(item)
        note_unmanaged('group', group, skipped)
    return sorted(items, key=lambda item: str(item['name']))


def describe_application(app):
    item = {'name': app.get('name')}
    for spec in ApplicationKind.fields:
        value = spec.read(app)
        if value is not None:
            item[spec.option] = value
    return item


def describe_applications(state, skipped):
    items = []
    for app in state.applications:
        if app.get('type') in BUILT_IN_APPLICATION_TYPES:
            continue   # PingOne's own, in every environment: left out
        if not managed_application(app):
            protocol = app.get('protocol') or app.get('type')
            skipped.append(skip('application', app.get('name'), 'a %s application (type %s): an environment description holds OpenID Connect '
                                'applications only' % (protocol, app.get('type'))))
            continue
        items.append(describe_application(app))
        note_unmanaged('application', app, skipped)
    return sorted(items, key=lambda item: str(item['name']))


def describe_user(user, pops):
    item = {'username': user.get('username'), 'email': user.get('email')}
    for option, path in (('given_name', 'name.given'), ('family_name', 'name.family')):
        value = get_path(user, path)
        if value is not None:
            item[option] = value
    pop_id = lower(get_path(user, 'population.id'))
    if pop_id:
        item['population'] = pops.get(pop_id, pop_id)
    item['enabled'] = bool(user.get('enabled', True))
    attributes = {key: value for key, value in user.items() if key not in USER_NOT_ATTRIBUTES and value is not None}
    if attributes:
        item['attributes'] = attributes
    return item


def describe_users(state, skipped):
    """(items, the users described): a user without an email address cannot be created from a description."""
    pops = state.population_names()
    items, described = [], []
    for user in state.users or ():
        if not user.get('email'):
            skipped.append(skip('user', user.get('username'), 'no email address, and pingone_user needs one to create a user: not '
                                'described, nor its group memberships and role assignments'))
            continue
        extra = sorted(key for key in (user.get('name') or {}) if key not in ('given', 'family'))
        if extra:
            skipped.append(skip('user', user.get('username'), 'described without the name parts %s: pingone_user manages given_name and '
                                'family_name only' % ', '.join(extra)))
        items.append(describe_user(user, pops))
        described.append(user)
    return sorted(items, key=lambda item: str(item['username'])), described


def name_assignment(assignment, state, subject, names):
    """(item, None) for a role assignment a description can hold, or (None, reason)."""
    role = (state.roles or {}).get(lower(get_path(assignment, 'role.id')))
    scope_type, scope_id = get_path(assignment, 'scope.type'), lower(get_path(assignment, 'scope.id'))
    if role is None:
        return None, 'the role %s is not one GET /roles lists (a custom role): pingone_role_assignment assigns PingOne\'s roles only' \
            % get_path(assignment, 'role.id')
    if assignment.get('readOnly'):
        return None, 'read-only (PingOne made it, or only an actor with more rights may change it)'
    item = dict(subject, role=role.get('name'), scope_type=scope_type)
    if scope_type == 'ENVIRONMENT' and scope_id != lower(state.env_id):
        return None, 'scoped to another environment (%s), which a description cannot name' % scope_id
    if scope_type in ('POPULATION', 'APPLICATION'):
        name = names[scope_type].get(scope_id)
        if name is None:
            return None, 'scoped to %s %s, which is not described' % (scope_type.lower(), scope_id)
        item['scope_name'] = name
    elif scope_type not in ('ENVIRONMENT', 'ORGANIZATION'):
        return None, 'scope type %s is not one pingone_role_assignment knows' % scope_type
    return item, None


def assignment_label(subject, assignment, state):
    role = (state.roles or {}).get(lower(get_path(assignment, 'role.id'))) or {}
    kind, name = next(iter(subject.items()))
    return '%s %s: %s at %s %s' % (kind, name, role.get('name') or get_path(assignment, 'role.id'), get_path(assignment, 'scope.type'),
                                   get_path(assignment, 'scope.id'))


def describe_assignments(state, subjects, skipped):
    """The role assignments of ``subjects`` ((kind, id) -> {user|group|application: name}) that a description can hold."""
    names = {'POPULATION': state.population_names(), 'APPLICATION': {oid(app): app.get('name') for app in state.managed_applications()}}
    items = []
    for key, subject in subjects.items():
        for assignment in state.assignments.get(key, ()):
            item, reason = name_assignment(assignment, state, subject, names)
            if item is None:
                skipped.append(skip('role_assignment', assignment_label(subject, assignment, state), reason))
            else:
                items.append(item)
    return sorted(items, key=assignment_key)


def assignment_key(item):
    kind = next(subject for subject in SUBJECTS if item.get(subject) is not None)
    return (kind, str(item[kind]), str(item.get('role')), str(item.get('scope_type') or 'ENVIRONMENT'), str(item.get('scope_name') or ''))


def describe(state, kinds):
    """(config, skipped) for ``kinds``, from what ``state`` holds."""
    skipped = []
    config = {}
    users, described_users = ([], [])
    if state.users is not None:
        users, described_users = describe_users(state, skipped)
    if 'populations' in kinds:
        config['populations'] = describe_populations(state, skipped)
    if 'groups' in kinds:
        member_names = None
        # Members only where they were read: users are also read for a description's users or role assignments alone.
        if state.members_read():
            described = {user.get('username') for user in described_users}
            member_names = {gid: [name for name in names if name in described] for gid, names in state.members().items()}
        config['groups'] = describe_groups(state, skipped, member_names)
    if 'applications' in kinds:
        config['applications'] = describe_applications(state, skipped)
    if 'role_assignments' in kinds:
        config['role_assignments'] = describe_assignments(state, assignment_subjects(state, described_users), skipped)
    if state.users is not None and 'users' in kinds:
        config['users'] = users
    return config, skipped


def assignment_subjects(state, described_users):
    subjects = {('applications', oid(app)): {'application': app.get('name')} for app in state.managed_applications()}
    subjects.update((('groups', oid(group)), {'group': group.get('name')}) for group in state.unique_groups())
    subjects.update((('users', oid(user)), {'user': user.get('username')}) for user in described_users)
    return subjects


def export(client, env_id, kinds, concurrency):
    users = 'users' in kinds
    state = read_state(client, env_id, populations=True, groups=bool({'groups', 'role_assignments'} & set(kinds)),
                       applications=bool({'applications', 'role_assignments'} & set(kinds)), users=users)
    if users and 'groups' in kinds:
        read_members(client, state, concurrency)
    if 'role_assignments' in kinds:
        subjects = assignment_subjects(state, [user for user in state.users or () if user.get('email')])
        read_assignments(client, state, subjects, concurrency)
    return describe(state, kinds)


# --- checking a description before any request -------------------------------------------------------------
def where(kind, index, item):
    key = NAME_KEY.get(kind)
    name = item.get(key) if key and isinstance(item, dict) else None
    return '%s[%d]%s' % (kind, index, ' (%r)' % name if isinstance(name, str) else '')


def refuse(message):
    raise PingOneInputError('The description is not right: %s. Nothing was read or written.' % message, option='compare_to')


def check_description(config):
    """Refuse a malformed description, or one referring to an object of a kind it describes but not that object."""
    if not isinstance(config, dict):
        refuse('it is a %s, not a dictionary with the keys %s' % (type(config).__name__, ', '.join(KINDS)))
    unknown = sorted(str(key) for key in config if key not in KINDS)
    if unknown:
        refuse('it has the key %s, which is not one of %s' % (', '.join(repr(key) for key in unknown), ', '.join(KINDS)))
    names = {}
    for kind in KINDS:
        items = config.get(kind)
        if items is None:
            continue
        if not isinstance(items, list):
            refuse('%s is a %s, not a list' % (kind, type(items).__name__))
        for index, item in enumerate(items):
            check_item(kind, index, item)
        if kind in NAME_KEY:
            names[kind] = check_unique(kind, items)
    check_populations(config.get('populations'))
    described = {kind: set(found) for kind, found in names.items()}
    for index, group in enumerate(config.get('groups') or ()):
        check_reference(described, 'populations', group.get('population'), '%s names the population' % where('groups', index, group))
        for member in group.get('members') or ():
            check_reference(described, 'users', member, '%s lists the member' % where('groups', index, group))
    for index, user in enumerate(config.get('users') or ()):
        check_reference(described, 'populations', user.get('population'), '%s names the population' % where('users', index, user))
    seen = {}
    for index, item in enumerate(config.get('role_assignments') or ()):
        check_assignment(described, index, item)
        key = assignment_key(item)
        if key in seen:
            refuse('role_assignments[%d] and role_assignments[%d] are the same assignment: give each once' % (seen[key], index))
        seen[key] = index


def check_item(kind, index, item):
    if not isinstance(item, dict):
        refuse('%s[%d] is a %s, not a dictionary' % (kind, index, type(item).__name__))
    unknown = sorted(str(key) for key in item if key not in ITEM_KEYS[kind])
    if unknown:
        refuse('%s has the key %s, which is not an option of its items (%s)'
               % (where(kind, index, item), ', '.join(repr(key) for key in unknown), ', '.join(ITEM_KEYS[kind])))
    key = NAME_KEY.get(kind)
    if key and (not isinstance(item.get(key), str) or not item[key].strip()):
        refuse('%s has no %s: every item needs one' % (where(kind, index, item), key))
    for option, value in item.items():
        if value is None:
            continue
        wanted = TYPES.get(option)
        if wanted is not None and not isinstance(value, wanted):
            refuse('%s has %s %r, which is not a %s' % (where(kind, index, item), option, value, TYPE_NAMES[wanted]))
        if wanted is list and not all(isinstance(element, str) and element.strip() for element in value):
            refuse('%s has %s with an element that is not a non-empty string' % (where(kind, index, item), option))
        allowed = CHOICES.get((kind, option))
        for element in (value if isinstance(value, list) else [value]) if allowed else ():
            if element not in allowed:
                refuse('%s has %s %r, which is not one of %s' % (where(kind, index, item), option, element, ', '.join(allowed)))
    if kind == 'applications' and item.get('type') is None:
        refuse('%s has no type: every application needs one (one of %s)' % (where(kind, index, item), ', '.join(APPLICATION_TYPES)))


def check_unique(kind, items):
    seen = {}
    for index, item in enumerate(items):
        name = item[NAME_KEY[kind]]
        if name.casefold() in seen:
            refuse('%s and %s name the same %s (PingOne compares names ignoring case): give each once'
                   % (where(kind, seen[name.casefold()], items[seen[name.casefold()]]), where(kind, index, item), kind[:-1]))
        seen[name.casefold()] = index
    return [item[NAME_KEY[kind]] for item in items]


def check_populations(populations):
    defaults = [index for index, item in enumerate(populations or ()) if item.get('default')]
    if len(defaults) > 1:
        refuse('populations[%s] are all marked default: an environment has one default population' % ', '.join(str(i) for i in defaults))
    for index in defaults:
        extra = sorted(key for key in populations[index] if key not in ('name', 'default'))
        if extra:
            refuse('%s is the default population, which a description names only (name and default: true), but it has %s'
                   % (where('populations', index, populations[index]), ', '.join(extra)))


def check_reference(described, kind, name, what):
    if name is None or kind not in described:
        return   # a kind the description does not describe: the object must exist where it is applied (checked after reading)
    if name not in described[kind]:
        refuse('%s %r, which the description\'s %s do not describe: add it there, or correct the name' % (what, name, kind))


def check_assignment(described, index, item):
    label = 'role_assignments[%d]' % index
    subjects = [subject for subject in SUBJECTS if item.get(subject) is not None]
    if len(subjects) != 1:
        refuse('%s has %s: give exactly one of user, group and application' % (label, ' and '.join(subjects) if subjects else 'none of them'))
    subject = subjects[0]
    check_reference(described, subject + 's', item[subject], '%s names the %s' % (label, subject))
    if not isinstance(item.get('role'), str) or not item['role'].strip():
        refuse('%s has no role: give the name of a role, as GET /roles lists it' % label)
    scope_type = item.get('scope_type') or 'ENVIRONMENT'
    if scope_type in ('POPULATION', 'APPLICATION'):
        if not item.get('scope_name'):
            refuse('%s has scope_type %s and no scope_name: name the %s' % (label, scope_type, scope_type.lower()))
        check_reference(described, scope_type.lower() + 's', item['scope_name'], '%s names the %s' % (label, scope_type.lower()))
    elif item.get('scope_name') is not None:
        refuse('%s has scope_name with scope_type %s: scope_name names a population or an application only' % (label, scope_type))


# --- comparing an environment with a description ------------------------------------------------------------
def compare_reads(config):
    """Which kinds the comparison reads: populations, groups and applications always (few requests, and every
    reference is checked against them); users when the description has users, members or users' role assignments."""
    users = 'users' in config or any(group.get('members') is not None for group in config.get('groups') or ()) \
        or any(item.get('user') is not None for item in config.get('role_assignments') or ())
    return {'populations': True, 'groups': True, 'applications': True, 'users': users}


def unique_index(items, key):
    """Name -> the one item of that exact name (names held twice are left out: the modules refuse them)."""
    index, twice = {}, set()
    for item in items:
        name = item.get(key)
        if name in index:
            twice.add(name)
        index[name] = item
    return {name: item for name, item in index.items() if name not in twice}


class Plan:
    """What applying a description to an environment would do: module arguments per phase, and the drift."""

    PHASES = ('populations', 'groups', 'users', 'memberships', 'applications', 'role_assignments')
    PRUNED = ('role_assignments', 'applications', 'users', 'groups', 'populations')

    def __init__(self, config, state, prune, check_mode):
        self.config, self.state, self.prune, self.check_mode = config, state, prune, check_mode
        self.args = {phase: [] for phase in self.PHASES}
        self.deletes = {kind: [] for kind in self.PRUNED}
        self.labels = {'role_assignments': [], 'prune': {'role_assignments': []}}   # by name, for loop labels
        self.drift = {}
        self.not_sent = []
        self.created = {kind: set() for kind in ('populations', 'groups', 'users', 'applications')}
        self.default_name = next((item['name'] for item in config.get('populations') or () if item.get('default')), None)
        self.pops = unique_index(state.populations, 'name')
        self.groups = {}
        for group in state.groups:
            self.groups.setdefault(group.get('name'), []).append(group)
        self.apps = unique_index(state.applications, 'name')
        self.users = unique_index(state.users or (), 'username')

    def kind_drift(self, kind):
        return self.drift.setdefault(kind, {'create': [], 'update': {}, 'delete': []})

    def note(self, message):
        self.not_sent.append(message)

    # --- references --------------------------------------------------------------------------------------
    def population(self, name):
        """(the population's ID in the environment or None when it is to be created, module arguments naming it)."""
        if name is None:
            return None, {}
        if self.default_name is not None and name == self.default_name:
            default = self.state.default_population()
            if default is None:
                raise PingOneInputError('The environment has no default population to stand for %r, the description\'s default '
                                        'population.' % name, option='compare_to')
            return oid(default), {'population_id': oid(default)}
        found = self.pops.get(name)
        if found is not None:
            return oid(found), {'population_id': oid(found)}
        if name not in {item['name'] for item in self.config.get('populations') or ()}:
            raise PingOneInputError('The description names the population %r, which the environment does not have and the description '
                                    'does not describe: describe it, or create it first. Nothing was written.' % name, option='compare_to')
        return None, {'population': name}

    # --- the phases ------------------------------------------------------------------------------------------
    def build(self):
        if 'populations' in self.config:
            self.plan_populations()
        if 'groups' in self.config:
            self.plan_groups()
        if 'users' in self.config:
            self.plan_users()
        if 'groups' in self.config:
            self.plan_memberships()
        if 'applications' in self.config:
            self.plan_applications()
        if 'role_assignments' in self.config:
            self.plan_assignments()
        return self

    def compare(self, kind, spec, current, params, label):
        """The changes ``params`` make to ``current`` as the module would see them; recorded in the drift."""
        before, changes = field_changes(spec, current, spec.desired(params))
        if changes:
            self.kind_drift(kind)['update'][label] = {option: {'before': before.get(option), 'after': value} for option, value in changes.items()}
        return changes

    def plan_populations(self):
        drift = self.kind_drift('populations')
        described = set()
        for item in self.config['populations']:
            if item.get('default'):
                continue   # stands for the environment's default population, which is never written
            described.add(item['name'])
            params = {'name': item['name'], 'description': item.get('description')}
            current = self.pops.get(item['name'])
            if current is None:
                drift['create'].append(item['name'])
                self.created['populations'].add(item['name'])
                self.args['populations'].append(without_empty(params))
            elif self.compare('populations', PopulationKind(), current, params, item['name']):
                self.args['populations'].append(without_none(params))
        if self.prune:
            managing_users = 'users' in self.config
            for pop in self.state.populations:
                if pop.get('default') or pop.get('name') in described:
                    continue
                if not managing_users and pop.get('userCount'):
                    raise PingOneInputError('Pruning would delete the population %r, which holds %s users, and the description does not '
                                            'describe users (it has no users key), so they would have to go with it: describe the '
                                            'population, or the users. Nothing was written.' % (pop.get('name'), pop['userCount']),
                                            option='compare_to')
                drift['delete'].append(pop.get('name'))
                self.deletes['populations'].append({'name': pop.get('name')})

    def find_group(self, name, pop_id, pop_new):
        candidates = self.groups.get(name, [])
        if pop_new:
            return None, False
        if pop_id is not None:
            candidates = [group for group in candidates if lower(get_path(group, 'population.id')) == pop_id]
        if len(candidates) > 1:
            return None, True   # ambiguous: the module says so
        return (candidates[0] if candidates else None), False

    def plan_groups(self):
        drift = self.kind_drift('groups')
        self.matched_groups = {}
        for item in self.config['groups']:
            name = item['name']
            pop_id, pop_args = self.population(item.get('population'))
            pop_new = item.get('population') is not None and pop_id is None
            current, ambiguous = self.find_group(name, pop_id, pop_new)
            params = dict({'name': name, 'description': item.get('description')}, **pop_args)
            if ambiguous:
                raise PingOneInputError('groups[%s] (%r): the environment has %d groups of that name, in different populations; give the '
                                        'population of the one meant. Nothing was written.'
                                        % (self.config['groups'].index(item), name, len(self.groups[name])), option='compare_to')
            if current is None:
                drift['create'].append(name)
                self.created['groups'].add(name)
                if self.check_mode and pop_new:
                    self.note('group %r: in the population %r, which this run creates too' % (name, item['population']))
                    continue
                if self.check_mode:   # its members go with it, so the module's diff shows them (existing users only)
                    members = [member for member in item.get('members') or () if member in self.users]
                    if members:
                        params['members'] = members
                self.args['groups'].append(without_empty(params))
                continue
            self.matched_groups[name] = current
            if self.compare('groups', GroupKind(pop_id), current, dict(params, population_id=pop_id), name):
                self.args['groups'].append(without_none(params))
        if self.prune:   # a group that shares its name cannot be described, so it is left alone (as the export lists it)
            matched = {oid(group) for group in self.matched_groups.values()}
            for group in self.state.unique_groups():
                if oid(group) not in matched:
                    drift['delete'].append(group.get('name'))
                    delete = {'name': group.get('name')}
                    if get_path(group, 'population.id'):
                        delete['population_id'] = lower(get_path(group, 'population.id'))
                    self.deletes['groups'].append(delete)

    def plan_users(self):
        drift = self.kind_drift('users')
        for item in self.config['users']:
            username = item['username']
            pop_id, pop_args = self.population(item.get('population'))
            params = dict({key: item[key] for key in USER_KEYS if key != 'population' and item.get(key) is not None}, **pop_args)
            current = self.users.get(username)
            pop_new = item.get('population') is not None and pop_id is None
            if current is None:
                drift['create'].append(username)
                self.created['users'].add(username)
                if self.check_mode and pop_new:
                    self.note('user %r: in the population %r, which this run creates too' % (username, item['population']))
                    continue
                self.args['users'].append(params)
                continue
            if pop_new:
                drift['update'][username] = {'population': {'before': lower(get_path(current, 'population.id')), 'after': item['population']}}
                if self.check_mode:
                    self.note('user %r: moves to the population %r, which this run creates too' % (username, item['population']))
                else:
                    self.args['users'].append(params)
                continue
            if self.compare('users', UserKind(), current, dict(params, population_id=pop_id), username):
                self.args['users'].append(params)
        if self.prune:   # a user without an email address cannot be described, so it is left alone (as the export lists it)
            described = {item['username'] for item in self.config['users']}
            for user in self.state.users or ():
                if user.get('username') not in described and user.get('email'):
                    drift['delete'].append(user.get('username'))
                    self.deletes['users'].append({'username': user.get('username'), 'state': 'absent'})

    def plan_memberships(self):
        members = self.state.members()
        undescribed = {user.get('username') for user in self.state.users or () if not user.get('email')}
        if 'users' not in self.config:   # members are users the environment must have
            for index, item in enumerate(self.config['groups']):
                unknown = sorted(set(item.get('members') or ()) - set(self.users))
                if unknown:
                    raise PingOneInputError('groups[%d] (%r) lists the members %s, which the environment does not have and the '
                                            'description does not describe (it has no users): describe them, or correct the names. '
                                            'Nothing was written.' % (index, item['name'], ', '.join(repr(name) for name in unknown)),
                                            option='compare_to')
        for item in self.config['groups']:
            if item.get('members') is None:
                continue
            name = item['name']
            current = self.matched_groups.get(name)
            before = set(members.get(oid(current), ())) if current is not None else set()
            wanted = set(item['members'])
            before -= undescribed - wanted   # members the export cannot describe are never removed
            add, remove = sorted(wanted - before), (sorted(before - wanted) if self.prune else [])
            if not add and not remove:
                continue
            self.drift.setdefault('memberships', {})[name] = {'add': add, 'remove': remove}
            _pop_id, pop_args = self.population(item.get('population'))
            listed = sorted(wanted)
            if self.check_mode:
                if current is None:
                    continue   # shown with the group's create (its members that exist already)
                new = [member for member in add if member not in self.users]
                if new:
                    self.note('group %r: the members %s, whom this run creates too' % (name, ', '.join(new)))
                listed = [member for member in listed if member in self.users]
                if not [member for member in add if member in self.users] and not remove:
                    continue
            self.args['memberships'].append(dict({'name': name, 'members': listed, 'purge_members': self.prune}, **pop_args))

    def plan_applications(self):
        drift = self.kind_drift('applications')
        kind = ApplicationKind()
        for index, item in enumerate(self.config['applications']):
            name = item['name']
            params = dict(item)
            params.setdefault('enabled', True)   # pingone_application's default
            current = self.apps.get(name)
            if current is not None and not managed_application(current):
                raise PingOneInputError('applications[%d] (%r): the environment\'s application of that name is %s (type %s, protocol %s), '
                                        'which pingone_application does not manage: give another name. Nothing was written.'
                                        % (index, name, 'one of PingOne\'s own' if current.get('type') in BUILT_IN_APPLICATION_TYPES
                                           else 'not an OpenID Connect application', current.get('type'), current.get('protocol')),
                                        option='compare_to')
            if current is None:
                drift['create'].append(name)
                self.created['applications'].add(name)
                self.args['applications'].append(without_empty(params))
            elif self.compare('applications', kind, current, params, name):
                self.args['applications'].append(without_none(params))
        if self.prune:
            described = {item['name'] for item in self.config['applications']}
            for app in self.state.managed_applications():
                if app.get('name') not in described:
                    drift['delete'].append(app.get('name'))
                    self.deletes['applications'].append({'name': app.get('name'), 'state': 'absent'})

    # --- role assignments ---------------------------------------------------------------------------------------
    def subject(self, kind, name, index):
        """(the subject's ID or None when this run creates it, its collection)."""
        collection = kind + 's'
        found = {'user': self.users, 'group': self.unique_groups(), 'application': self.apps}[kind].get(name)
        if kind == 'application' and found is not None and not managed_application(found):
            found = None
        if found is not None:
            return oid(found), collection
        described = {item[NAME_KEY[collection]] for item in self.config.get(collection) or ()}
        if name in described:
            return None, collection
        raise PingOneInputError('role_assignments[%d] names the %s %r, which the environment does not have and the description does not '
                                'describe: describe it, or correct the name. Nothing was written.' % (index, kind, name),
                                option='compare_to')

    def unique_groups(self):
        return {name: groups[0] for name, groups in self.groups.items() if len(groups) == 1}

    def assignment_subjects(self):
        """The (collection, ID) of the subjects whose role assignments the comparison reads."""
        subjects = {}
        for index, item in enumerate(self.config.get('role_assignments') or ()):
            kind = next(subject for subject in SUBJECTS if item.get(subject) is not None)
            subject_id, collection = self.subject(kind, item[kind], index)
            if subject_id is not None:
                subjects[(collection, subject_id)] = {kind: item[kind]}
        if self.prune:
            for app in self.config.get('applications') or ():
                found = self.apps.get(app['name'])
                if found is not None and managed_application(found):
                    subjects[('applications', oid(found))] = {'application': app['name']}
            groups = self.unique_groups()
            for group in self.config.get('groups') or ():
                if group['name'] in groups:
                    subjects[('groups', oid(groups[group['name']]))] = {'group': group['name']}
        return subjects

    def canonical(self, item):
        """A description's role assignment with its default population named as the environment names it."""
        item = dict(item, scope_type=item.get('scope_type') or 'ENVIRONMENT')
        default = self.state.default_population()
        if item['scope_type'] == 'POPULATION' and item.get('scope_name') == self.default_name and default is not None:
            item['scope_name'] = default.get('name')
        return {key: value for key, value in item.items() if value is not None}

    def scope_args(self, item):
        scope_type = item['scope_type']
        if scope_type not in ('POPULATION', 'APPLICATION'):
            return {}, True
        name = item['scope_name']
        if scope_type == 'POPULATION':
            pop_id, _args = self.population(name)
            return ({'scope_id': pop_id} if pop_id else {'scope_name': name}), pop_id is not None
        found = self.apps.get(name)
        if found is not None and managed_application(found):
            return {'scope_id': oid(found)}, True
        if name not in {app['name'] for app in self.config.get('applications') or ()}:
            raise PingOneInputError('A role assignment is scoped to the application %r, which the environment does not have and the '
                                    'description does not describe. Nothing was written.' % name, option='compare_to')
        return {'scope_name': name}, False

    def plan_assignments(self):
        drift = self.drift.setdefault('role_assignments', {'create': [], 'delete': []})
        subjects = self.assignment_subjects_read
        names = {'POPULATION': self.state.population_names(),
                 'APPLICATION': {oid(app): app.get('name') for app in self.state.managed_applications()}}
        current = {}   # key -> (item, raw assignment, subject (collection, id))
        for key, subject in subjects.items():
            for assignment in self.state.assignments.get(key, ()):
                item, _reason = name_assignment(dict(assignment, readOnly=False), self.state, subject, names)
                if item is not None:
                    current[assignment_key(item)] = (item, assignment, key)
        roles = {role.get('name'): role for role in (self.state.roles or {}).values()}
        wanted = set()
        for index, raw in enumerate(self.config['role_assignments']):
            item = self.canonical(raw)
            key = assignment_key(item)
            wanted.add(key)
            role = roles.get(item['role'])
            if role is None:
                raise PingOneInputError('role_assignments[%d] names the role %r, which is not one GET /roles lists: use one of %s. Nothing '
                                        'was written.' % (index, item['role'], ', '.join(sorted(repr(name) for name in roles))),
                                        option='compare_to')
            applicable = role.get('applicableTo')
            if isinstance(applicable, list) and applicable and item['scope_type'] not in applicable:
                raise PingOneInputError('role_assignments[%d]: the role %r applies to the scope types %s only, not %s. Nothing was written.'
                                        % (index, item['role'], ', '.join(applicable), item['scope_type']), option='compare_to')
            if key in current:
                continue
            drift['create'].append(dict(raw))
            kind = next(subject for subject in SUBJECTS if item.get(subject) is not None)
            subject_id, _collection = self.subject(kind, item[kind], index)
            scope, scope_exists = self.scope_args(item)
            if self.check_mode and (subject_id is None or not scope_exists):
                self.note('role assignment %s: its %s is created by this run too' % (describe_key(key), 'subject' if subject_id is None
                                                                                     else 'scope'))
                continue
            args = {kind + '_id': subject_id} if subject_id else {kind: item[kind]}
            args.update(scope, role_id=oid(role), scope_type=item['scope_type'])
            self.args['role_assignments'].append(args)
            self.labels['role_assignments'].append(describe_key(key))
        if self.prune:
            for key, (item, assignment, (collection, subject_id)) in sorted(current.items()):
                if key in wanted or assignment.get('readOnly'):
                    continue
                drift['delete'].append(item)
                args = {collection[:-1] + '_id': subject_id, 'role_id': lower(get_path(assignment, 'role.id')),
                        'scope_type': get_path(assignment, 'scope.type'), 'scope_id': lower(get_path(assignment, 'scope.id')), 'state': 'absent'}
                self.deletes['role_assignments'].append(args)
                self.labels['prune']['role_assignments'].append(describe_key(key))

    # --- result ----------------------------------------------------------------------------------------------
    def result(self):
        """(plan, drift, changes); the drift holds only what changes (V({}) when nothing does)."""
        plan = dict(self.args, prune=self.deletes)
        drift = {}
        for kind, changes in self.drift.items():
            changes = {key: value for key, value in changes.items() if value}
            if changes:
                drift[kind] = changes
        if self.not_sent:
            drift['not_sent'] = self.not_sent
        return plan, drift, count_changes(self.drift)


def describe_key(key):
    kind, name, role, scope_type, scope_name = key
    return '%s %s: %s at %s%s' % (kind, name, role, scope_type, ' ' + scope_name if scope_name else '')


def count_changes(drift):
    total = 0
    for kind, changes in drift.items():
        if kind == 'memberships':
            total += sum(len(change['add']) + len(change['remove']) for change in changes.values())
        else:
            total += sum(len(value) for value in changes.values())
    return total


def without_none(params):
    return {key: value for key, value in params.items() if value is not None}


def without_empty(params):
    """The arguments of a create: unset and empty values left out (the module's defaults apply)."""
    return {key: value for key, value in params.items() if value not in (None, '', [])}


def compare(client, env_id, config, prune, check_mode, concurrency):
    """(target config, skipped, plan, drift, changes, labels)."""
    reads = compare_reads(config)
    state = read_state(client, env_id, **reads)
    if any(group.get('members') is not None for group in config.get('groups') or ()):
        read_members(client, state, concurrency)
    plan = Plan(config, state, prune, check_mode)
    subjects = {}
    if 'role_assignments' in config:
        subjects = plan.assignment_subjects()
        read_assignments(client, state, subjects, concurrency)
        if state.roles is None and config['role_assignments']:
            state.roles = {oid(role): role for role in list_roles(client)}
    plan.assignment_subjects_read = subjects
    plan.build()
    kinds = [kind for kind in KINDS if kind in config]
    target, skipped = describe(state, kinds) if 'role_assignments' not in kinds else describe_compared(state, kinds, subjects)
    return (target, skipped) + plan.result() + (plan.labels,)


def passwordless_warning(drift, shown=5):
    """One line for the users applying the description creates: a description never holds a password, so they have none."""
    created = list((drift.get('users') or {}).get('create') or ())
    if not created:
        return None
    names = ', '.join(created[:shown]) + (' and %d more' % (len(created) - shown) if len(created) > shown else '')
    return ('%d %s created without a password (%s): a description holds no passwords; set one with pingone.platform.pingone_user '
            '(password, update_password: on_create) before applying, or afterwards with update_password: always.'
            % (len(created), 'user is' if len(created) == 1 else 'users are', names))


def describe_compared(state, kinds, subjects):
    """As describe(), the role assignments being those of the subjects read."""
    config, skipped = describe(state, [kind for kind in kinds if kind != 'role_assignments'])
    config['role_assignments'] = describe_assignments(state, subjects, skipped)
    return config, skipped


def main():
    module = AnsibleModule(
        argument_spec=bulk_argument_spec(
            target_environment_id=dict(type='str', required=True),
            include=dict(type='list', elements='str', choices=list(KINDS)),
            include_users=dict(type='bool', default=False),
            compare_to=dict(type='dict'),
            prune=dict(type='bool', default=False),
            concurrency=dict(type='int', default=DEFAULT_CONCURRENCY),
        ),
        supports_check_mode=True,
    )
    params = module.params
    try:
        if not 1 <= params['concurrency'] <= MAX_CONCURRENCY:
            raise PingOneInputError('concurrency is %d: give a number from 1 to %d.' % (params['concurrency'], MAX_CONCURRENCY),
                                    option='concurrency')
        env_id = require_uuid(params['target_environment_id'], 'target_environment_id', 'the ID of the environment to read')
        if params['compare_to'] is not None:
            check_description(params['compare_to'])
        kinds = list(params['include'] or DEFAULT_KINDS)
        if params['include_users'] and 'users' not in kinds:
            kinds.append('users')
        client, _settings = connect(module, workers=params['concurrency'])
        with client:
            if params['compare_to'] is not None:
                config, skipped, plan, drift, changes, labels = compare(client, env_id, params['compare_to'], params['prune'],
                                                                        module.check_mode, params['concurrency'])
                warning = passwordless_warning(drift)
                if warning:
                    module.warn(warning)
                module.exit_json(changed=False, config=config, skipped_objects=skipped, plan=plan, drift=drift, changes=changes,
                                 labels=labels)
            config, skipped = export(client, env_id, kinds, params['concurrency'])
    except PingOneError as error:
        fail_module(module, error)
    module.exit_json(changed=False, config=config, skipped_objects=skipped)


if __name__ == '__main__':
    main()
