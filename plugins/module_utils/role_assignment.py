# -*- coding: utf-8 -*-
# Copyright: (c) 2026, pingone.platform maintainers
# GNU General Public License v3.0+ (see LICENSE or https://www.gnu.org/licenses/gpl-3.0.txt)
"""One role assignment as pingone_role_assignment manages it: the options, the check before any request, and the write.

Shared by the module and by config_legacy_apply, which applies a description's role assignments in one process.
"""

from __future__ import annotations

from typing import Any, Callable, Dict, Mapping, Optional

from ansible_collections.pingone.platform.plugins.module_utils.api import PingOneClient
from ansible_collections.pingone.platform.plugins.module_utils.engine import Outcome, ensure
from ansible_collections.pingone.platform.plugins.module_utils.errors import PingOneInputError
from ansible_collections.pingone.platform.plugins.module_utils.info import check_role_scope, role_for
from ansible_collections.pingone.platform.plugins.module_utils.kinds import SCOPE_TYPES, RoleAssignmentKind
from ansible_collections.pingone.platform.plugins.module_utils.options import refuse_empty, require_uuid
from ansible_collections.pingone.platform.plugins.module_utils.organization import organization_id
from ansible_collections.pingone.platform.plugins.module_utils.resolver import Resolver

# pingone_role_assignment's own options (the connection's come from api_argument_spec).
ROLE_ASSIGNMENT_OPTIONS: Dict[str, Dict[str, Any]] = dict(
    target_environment_id=dict(type='str', required=True),
    user=dict(type='str'),
    user_id=dict(type='str'),
    application=dict(type='str'),
    application_id=dict(type='str'),
    group=dict(type='str'),
    group_id=dict(type='str'),
    role=dict(type='str'),
    role_id=dict(type='str'),
    scope_type=dict(type='str', choices=list(SCOPE_TYPES), default='ENVIRONMENT'),
    scope_id=dict(type='str'),
    scope_name=dict(type='str'),
    state=dict(type='str', choices=['present', 'absent'], default='present'),
)
# option naming the subject -> (its ID option, its collection, the field its name is in, the filter PingOne takes for it)
SUBJECTS = {
    'user': ('user_id', 'users', 'username', Resolver.EQUALS),
    'application': ('application_id', 'applications', 'name', None),   # PingOne documents no filter for applications
    'group': ('group_id', 'groups', 'name', Resolver.EQUALS),
}
SCOPE_COLLECTIONS = {'POPULATION': 'populations', 'APPLICATION': 'applications'}
# The options that name the subject, by name or ID: the task gives exactly one.
SUBJECT_OPTIONS = [option for name_option, (id_option, _c, _k, _s) in SUBJECTS.items() for option in (name_option, id_option)]


def check_role_assignment(params):
    """Refuse what can be told wrong before any request; IDs are lower-cased."""
    params['target_environment_id'] = require_uuid(params['target_environment_id'], 'target_environment_id',
                                                   'the ID of the environment that holds the subject')
    for name_option, (id_option, _collection, _key, _search) in SUBJECTS.items():
        if params[id_option] is not None:
            params[id_option] = require_uuid(params[id_option], id_option, 'the ID of the %s that holds the role' % name_option)
    refuse_empty(params, *SUBJECTS, 'role', 'scope_name')
    if params['role_id'] is not None:
        params['role_id'] = require_uuid(params['role_id'], 'role_id', 'the ID of a role GET /roles lists')
    scope_type = params['scope_type']
    if params['scope_id'] is not None:
        params['scope_id'] = require_uuid(params['scope_id'], 'scope_id', 'the ID of the %s the role applies to' % scope_type.lower())
    if params['scope_name'] is not None and scope_type not in SCOPE_COLLECTIONS:
        raise PingOneInputError('scope_name is set with scope_type %s, but only a population or an application is found by name: '
                                'give scope_id for the %s instead, or leave both unset.' % (scope_type, scope_type.lower()),
                                option='scope_name')
    if scope_type in SCOPE_COLLECTIONS and params['scope_id'] is None and params['scope_name'] is None:
        raise PingOneInputError('scope_type %s needs the %s the role applies to: set scope_id or scope_name.'
                                % (scope_type, scope_type.lower()), option='scope_id')


def subject(resolver, params):
    """(the subject's collection, its ID): from its ID option, or looked up by name in the target environment."""
    for name_option, (id_option, collection, key, search) in SUBJECTS.items():
        path = '/environments/%s/%s' % (resolver.env_id, collection)
        if params[id_option] is not None:
            return collection, params[id_option]
        if params[name_option] is not None:
            found = resolver.named(path, params[name_option], name_option, name_option, key=key, search=search,
                                   list_names=name_option != 'user', id_option=id_option)
            return collection, str(found['id']).lower()
    raise PingOneInputError('No subject is set: set one of user, user_id, application, application_id, group or group_id.',
                            option='user')


def scope_id(resolver, params):
    """The ID of the scope: scope_id; a population or application found by scope_name; else the default of scope_type."""
    scope_type = params['scope_type']
    if params['scope_id'] is not None:
        return params['scope_id']
    if params['scope_name'] is not None:
        found = resolver.named('/environments/%s/%s' % (resolver.env_id, SCOPE_COLLECTIONS[scope_type]), params['scope_name'],
                               scope_type.lower(), 'scope_name', id_option='scope_id')
        return str(found['id']).lower()
    if scope_type == 'ORGANIZATION':
        return organization_id(resolver.client)
    return params['target_environment_id']


def ensure_role_assignment(client: PingOneClient, params: Mapping[str, Any], check_mode: bool, warn: Callable[[str], None],
                           resolver: Optional[Resolver] = None) -> Outcome:
    """The role assignment as the task wants it (``state``), its subject, role and scope found by name or ID.

    ``resolver`` (of ``params['target_environment_id']``) may be shared by many assignments: each list, such as the
    roles and the subject's assignments, is then read once for all of them and learns what is written; by default each call
    reads its own."""
    resolver = resolver or Resolver(client, params['target_environment_id'])   # an application both subject and scope is read once
    role = role_for(resolver.roles(), params['role'], params['role_id'])
    check_role_scope(role, params['scope_type'])
    collection, subject_id = subject(resolver, params)
    scope = scope_id(resolver, params)
    wanted = {'role_id': str(role['id']).lower(), 'scope_type': params['scope_type'], 'scope_id': scope, 'state': params['state']}
    return ensure(client, RoleAssignmentKind(params['scope_type'], scope),
                  '/environments/%s/%s/%s/roleAssignments' % (params['target_environment_id'], collection, subject_id),
                  wanted, check_mode, warn, resolver=resolver)
