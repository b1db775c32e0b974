# -*- coding: utf-8 -*-
# Copyright: (c) 2026, pingone.platform maintainers
# GNU General Public License v3.0+ (see LICENSE or https://www.gnu.org/licenses/gpl-3.0.txt)
"""An environment as the legacy config-as-code tests read it (config_legacy's State), and a good description of it:
shared by the tests of config_legacy, config_legacy_plan, config_legacy_apply and pingone_environment_export."""

from __future__ import annotations

import copy
import re

from ansible_collections.pingone.platform.plugins.module_utils import config_legacy as legacy
from ansible_collections.pingone.platform.tests.unit.fakes import ENV_ID

OTHER_ENV = '0f1e2d3c-4b5a-4968-8776-655443322110'
ORG = '3d2c1b0a-9f8e-4d7c-b6a5-4f3e2d1c0b9a'
DEFAULT_POP, STAFF = '11111111-1111-4111-8111-111111111111', '22222222-2222-4222-8222-222222222222'
DEVS, TWIN_A, TWIN_B = '33333333-3333-4333-8333-333333333333', '44444444-4444-4444-8444-444444444444', '55555555-5555-4555-8555-555555555555'
WEB, WORKER, PORTAL, SAML = ('66666666-6666-4666-8666-666666666666', '77777777-7777-4777-8777-777777777777',
                             '88888888-8888-4888-8888-888888888888', '99999999-9999-4999-8999-999999999999')
ALICE, NOMAIL = 'aaaaaaaa-aaaa-4aaa-8aaa-aaaaaaaaaaaa', 'bbbbbbbb-bbbb-4bbb-8bbb-bbbbbbbbbbbb'
IDA, CAD, CUSTOM = 'cccccccc-cccc-4ccc-8ccc-cccccccccccc', 'dddddddd-dddd-4ddd-8ddd-dddddddddddd', 'eeeeeeee-eeee-4eee-8eee-eeeeeeeeeeee'
EA = 'ffffffff-ffff-4fff-8fff-ffffffffffff'
STAMP = '2026-01-02T03:04:05.678Z'
UUID = re.compile(r'[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}', re.IGNORECASE)

POPULATIONS = [
    {'id': DEFAULT_POP, 'name': 'Default', 'description': 'Default population', 'default': True, 'userCount': 0, 'createdAt': STAMP,
     'passwordPolicy': {'id': IDA}},
    {'id': STAFF, 'name': 'Staff', 'description': 'Employees', 'default': False, 'userCount': 1, 'createdAt': STAMP,
     'passwordPolicy': {'id': IDA}},
]
GROUPS = [
    {'id': DEVS, 'name': 'Developers', 'description': 'Build', 'population': {'id': STAFF}, 'createdAt': STAMP},
    {'id': TWIN_A, 'name': 'Twins', 'population': {'id': STAFF}},
    {'id': TWIN_B, 'name': 'Twins', 'population': {'id': DEFAULT_POP}},
]
APPLICATIONS = [
    {'id': WEB, 'name': 'Intranet', 'type': 'WEB_APP', 'protocol': 'OPENID_CONNECT', 'enabled': True, 'grantTypes': ['AUTHORIZATION_CODE'],
     'responseTypes': ['CODE'], 'redirectUris': ['https://b.example.com/cb', 'https://a.example.com/cb'], 'createdAt': STAMP,
     'tokenEndpointAuthMethod': 'CLIENT_SECRET_BASIC', 'pkceEnforcement': 'OPTIONAL', 'clientSecret': 'never-exported',
     'refreshTokenDuration': 2592000},
    {'id': WORKER, 'name': 'Worker', 'type': 'WORKER', 'protocol': 'OPENID_CONNECT', 'enabled': False, 'grantTypes': ['CLIENT_CREDENTIALS'],
     'tokenEndpointAuthMethod': 'CLIENT_SECRET_BASIC'},
    {'id': PORTAL, 'name': 'PingOne Application Portal', 'type': 'PING_ONE_PORTAL', 'protocol': 'OPENID_CONNECT', 'enabled': True},
    {'id': SAML, 'name': 'Salesforce', 'type': 'WEB_APP', 'protocol': 'SAML', 'enabled': True},
]
USERS = [
    {'id': ALICE, 'username': 'alice', 'email': 'alice@example.com', 'name': {'given': 'Alice', 'family': 'A', 'middle': 'B'},
     'population': {'id': STAFF}, 'enabled': True, 'title': 'Engineer', 'createdAt': STAMP, 'lastSignOn': {'at': STAMP},
     'memberOfGroupIDs': [DEVS, TWIN_A], 'account': {'status': 'OK'}, 'mfaEnabled': False, '_links': {}},
    {'id': NOMAIL, 'username': 'nomail', 'population': {'id': DEFAULT_POP}, 'enabled': True, 'memberOfGroupIDs': [DEVS]},
]
ROLES = {IDA: {'id': IDA, 'name': 'Identity Data Admin', 'applicableTo': ['ENVIRONMENT', 'POPULATION']},
         CAD: {'id': CAD, 'name': 'Client Application Developer', 'applicableTo': ['ENVIRONMENT']},
         EA: {'id': EA, 'name': 'Environment Admin', 'applicableTo': ['ORGANIZATION', 'ENVIRONMENT']}}


def assignment(role, scope_type, scope_id, read_only=False, _made=[]):   # pylint: disable=dangerous-default-value
    _made.append(role)
    return {'id': '0a0a0a0a-0a0a-4a0a-8a0a-%012d' % len(_made), 'role': {'id': role}, 'scope': {'type': scope_type, 'id': scope_id},
            'readOnly': read_only, 'createdAt': STAMP}


ASSIGNMENTS = {
    ('applications', WORKER): [assignment(IDA, 'POPULATION', STAFF), assignment(CAD, 'ENVIRONMENT', OTHER_ENV)],
    ('groups', DEVS): [assignment(CAD, 'ENVIRONMENT', ENV_ID), assignment(CUSTOM, 'ENVIRONMENT', ENV_ID)],
    ('users', ALICE): [assignment(EA, 'ORGANIZATION', ORG), assignment(CAD, 'ENVIRONMENT', ENV_ID, read_only=True)],
}


# What the users list filtered on each group (memberOfGroups[id eq "..."]) answers: the members as PingOne lists them.
# (USERS carry memberOfGroupIDs too, which a users list may leave out: what is described never comes from there.)
MEMBERS = {DEVS: ['alice', 'nomail'], TWIN_A: ['alice'], TWIN_B: []}


def state(users=True):
    read = legacy.State(ENV_ID, copy.deepcopy(POPULATIONS), copy.deepcopy(GROUPS), copy.deepcopy(APPLICATIONS),
                        copy.deepcopy(USERS) if users else None, copy.deepcopy(ROLES), copy.deepcopy(ASSIGNMENTS))
    read.memberships = copy.deepcopy(MEMBERS) if users else None
    return read


def described(users=True):
    return legacy.describe(state(users), list(legacy.KINDS if users else legacy.DEFAULT_KINDS))


GOOD = {
    'populations': [{'name': 'Default', 'default': True}, {'name': 'Staff'}],
    'groups': [{'name': 'Developers', 'population': 'Staff', 'members': ['alice']}],
    'users': [{'username': 'alice', 'email': 'alice@example.com', 'population': 'Default'}],
    'applications': [{'name': 'Worker', 'type': 'WORKER'}],
    'role_assignments': [{'application': 'Worker', 'role': 'Identity Data Admin', 'scope_type': 'POPULATION', 'scope_name': 'Staff'}],
}
