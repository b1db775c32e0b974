# -*- coding: utf-8 -*-
# Copyright: (c) 2026, pingone.platform maintainers
# GNU General Public License v3.0+ (see LICENSE or https://www.gnu.org/licenses/gpl-3.0.txt)
"""An environment's five legacy kinds as a description: reading, describing, and checking a description.

The kinds are those the dedicated modules manage (populations, groups, users, OpenID Connect applications,
role assignments); a description's items use those modules' option names and name other objects by name,
never by id. ``export`` reads an environment (one paged request per kind, then the members per group and the
role assignments per subject) and describes it; ``check_description`` refuses a malformed description before
any request. Comparing and planning are in config_legacy_plan, applying the plan in config_legacy_apply.
"""

from __future__ import annotations

from ansible_collections.pingone.platform.plugins.module_utils.bulk import each as each_parallel
from ansible_collections.pingone.platform.plugins.module_utils.engine import get_path, lower, object_id
from ansible_collections.pingone.platform.plugins.module_utils.errors import PingOneInputError, PingOneUnexpectedResponseError
from ansible_collections.pingone.platform.plugins.module_utils.info import list_roles, members_filter
from ansible_collections.pingone.platform.plugins.module_utils.kinds import (
    APPLICATION_TYPES,
    BUILT_IN_APPLICATION_TYPES,
    GRANT_TYPES,
    PKCE_OPTIONS,
    RESPONSE_TYPES,
    SCOPE_TYPES,
    TOKEN_AUTH_METHODS,
    ApplicationKind,
    GroupKind,
    PopulationKind,
)
from ansible_collections.pingone.platform.plugins.module_utils.options import is_uuid

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
