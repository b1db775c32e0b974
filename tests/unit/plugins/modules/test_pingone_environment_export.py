# -*- coding: utf-8 -*-
# Copyright: (c) 2026, pingone.platform maintainers
# GNU General Public License v3.0+ (see LICENSE or https://www.gnu.org/licenses/gpl-3.0.txt)
"""pingone_environment_export: the module reads each kind once, and refuses a bad description before any request.
What it describes, checks and plans is tested with module_utils config_legacy and config_legacy_plan."""

from __future__ import annotations

from ansible_collections.pingone.platform.plugins.modules import pingone_environment_export as module
from ansible_collections.pingone.platform.tests.unit.fakes import Answer, run_module
from ansible_collections.pingone.platform.tests.unit.legacy_environment import (
    ALICE,
    APPLICATIONS,
    ASSIGNMENTS,
    DEVS,
    ENV_ID,
    GROUPS,
    POPULATIONS,
    ROLES,
    TWIN_A,
    TWIN_B,
    USERS,
    WEB,
    WORKER,
    described,
)


# --- the module: one paged read per kind ------------------------------------------------------------------------
def page(key, items):
    return Answer(200, {'_embedded': {key: items}, '_links': {}})


def by_username(*names):
    return page('users', [dict(user, memberOfGroupIDs=[]) for name in names for user in USERS if user['username'] == name])


def test_the_module_reads_each_kind_once_members_per_group_and_role_assignments_per_subject(api, monkeypatch):
    # The users list answers memberOfGroupIDs empty (a list may ignore include): the members come from the filtered reads.
    api.answers[:] = [page('populations', POPULATIONS), page('groups', GROUPS), page('applications', APPLICATIONS),
                      page('users', [dict(user, memberOfGroupIDs=[]) for user in USERS]),
                      by_username('alice', 'nomail'), by_username('alice'), by_username(),
                      page('roles', list(ROLES.values())), page('roleAssignments', []),
                      page('roleAssignments', ASSIGNMENTS[('applications', WORKER)]), page('roleAssignments', ASSIGNMENTS[('groups', DEVS)]),
                      page('roleAssignments', ASSIGNMENTS[('users', ALICE)])]
    # The option-named kinds only (the registry kinds: test_config_describe.py)
    include = ['populations', 'groups', 'applications', 'role_assignments']
    failed, result = run_module(module.main, {'target_environment_id': ENV_ID, 'include': include, 'include_users': True, 'concurrency': 1,
                                              'access_token': 'tok'}, monkeypatch)
    assert not failed, result
    sent = [(request.method, request.url.split('/v1', 1)[1]) for request in api.sent]
    env = '/environments/%s' % ENV_ID
    members = [('GET', env + '/users?limit=1000&filter=memberOfGroups%%5Bid+eq+%%22%s%%22%%5D' % group) for group in (DEVS, TWIN_A, TWIN_B)]
    kinds = [('GET', env + '/populations?limit=1000'), ('GET', env + '/groups?limit=1000'), ('GET', env + '/applications'),
             ('GET', env + '/users?limit=1000')]
    assignments = [('GET', '/roles'),
                   ('GET', '%s/applications/%s/roleAssignments' % (env, WEB)), ('GET', '%s/applications/%s/roleAssignments' % (env, WORKER)),
                   ('GET', '%s/groups/%s/roleAssignments' % (env, DEVS)),
                   ('GET', '%s/users/%s/roleAssignments' % (env, ALICE))]
    assert sent == kinds + members + assignments
    assert result['config'] == described()[0] and result['changed'] is False and len(result['skipped_objects']) == 10


def test_a_bad_description_fails_the_module_before_any_request(api, monkeypatch):
    failed, result = run_module(module.main, {'target_environment_id': ENV_ID, 'compare_to': {'groups': [{'name': 'G', 'colour': 'x'}]},
                                              'access_token': 'tok'}, monkeypatch)
    assert failed and result['option'] == 'compare_to' and "'colour'" in result['msg'] and api.sent == []
