# -*- coding: utf-8 -*-
# Copyright: (c) 2026, pingone.platform maintainers
# GNU General Public License v3.0+ (see LICENSE or https://www.gnu.org/licenses/gpl-3.0.txt)
"""pingone_application's sign_on_policies, resource_grants and attribute_mappings through real ansible-playbook against the
simulator's described store: create with all three, a second run that writes nothing, each update (a reorder, [] removing
the assignments, a scope added and removed, a mapping changed and removed, the core `sub` updated), check mode, --diff by
names, and bad input refused before any write. Every request body is checked against Ping's descriptions (conftest)."""

from __future__ import annotations

import json
import os

import pytest

from pingone_simulator import SANDBOX_ENV_ID  # pylint: disable=import-error
import calls  # pylint: disable=import-error
from calls import WRITES  # pylint: disable=import-error

ENV = SANDBOX_ENV_ID
BASE = '/v1/environments/%s' % ENV

OPENID = {'resource': 'openid', 'scopes': ['openid', 'profile', 'email']}
PINGONE_API = {'resource': 'PingOne API', 'scopes': ['p1:read:user']}
SUB = {'name': 'sub', 'value': '${user.username}'}
EMAIL = {'name': 'email', 'value': '${user.email}', 'required': True, 'oidc_scopes': ['email']}
APP = {'name': 'Links app', 'type': 'WEB_APP', 'redirect_uris': ['https://links.example.com/callback'],
       'sign_on_policies': ['Multi_Factor', 'Single_Factor'], 'resource_grants': [OPENID, PINGONE_API],
       'attribute_mappings': [SUB, EMAIL]}


@pytest.fixture(autouse=True)
def fresh(ansible):
    ansible.sim.app.platform.reset()
    ansible.sim.app.management.reset()
    ansible.sim.app.store.reset()


def run(ansible, options, check=False, diff=False):
    ansible.sim.reset()
    env = {'ANSIBLE_DIFF_ALWAYS': 'true'} if diff else {}
    result_run = ansible.run('application_links.yml', extra_vars={'options': dict({'target_environment_id': ENV}, **options)},
                             check=check, env=env)
    return result_run.result('Run the module')


def ok(ansible, options, **kwargs):
    result = run(ansible, options, **kwargs)
    assert not result.get('failed'), result.get('msg')
    return result


def refused(ansible, options, option, **kwargs):
    result = run(ansible, options, **kwargs)
    assert result.get('failed') and result.get('option') == option, result
    assert writes(ansible) == []
    return result


def writes(ansible):
    return calls.writes(ansible, BASE)


def methods(ansible, collection):
    """The write methods sent to one child collection of the application (``grants``, ``attributes``, ...)."""
    return [method for method, path in writes(ansible) if '/%s' % collection in path]


def assignment_priorities_stay_unique(ansible, app_id, before):
    """Replay the assignment writes on ``before`` (id -> priority): never two assignments at one priority."""
    held = dict(before)
    path = '/applications/%s/signOnPolicyAssignments' % app_id
    for request in ansible.sim.requests():
        if not request['path'].startswith(BASE + path) or request['method'] not in WRITES:
            continue
        child = request['path'][len(BASE + path) + 1:]
        if request['method'] == 'DELETE':
            held.pop(child)
        elif request['method'] == 'PUT':
            held[child] = json.loads(request['body'])['priority']
        else:
            held[('new', len(held))] = json.loads(request['body'])['priority']
        assert len(set(held.values())) == len(held), held
    return held


def test_create_then_nothing_then_each_update(ansible):
    created = ok(ansible, APP)
    app = created['application']
    app_id = app['id']
    assert created['changed'] is True
    assert writes(ansible)[0] == ('POST', '/applications')
    assert methods(ansible, 'signOnPolicyAssignments') == ['POST', 'POST']
    assert methods(ansible, 'grants') == ['POST', 'POST']
    assert methods(ansible, 'attributes') == ['PUT', 'POST']   # sub is PingOne's own: updated, never created
    assert app['sign_on_policies'] == ['Multi_Factor', 'Single_Factor']
    assert app['resource_grants'] == [{'resource': 'PingOne API', 'scopes': ['p1:read:user']},
                                      {'resource': 'openid', 'scopes': ['email', 'openid', 'profile']}]
    mappings = {mapping['name']: mapping for mapping in app['attribute_mappings']}
    assert mappings['sub']['value'] == '${user.username}' and mappings['sub']['required'] is True
    assert mappings['email'] == {'name': 'email', 'value': '${user.email}', 'required': True, 'oidc_scopes': ['email'],
                                 'id_token': True, 'userinfo': True}

    again = ok(ansible, APP)
    assert again['changed'] is False and writes(ansible) == []
    assert again['application']['sign_on_policies'] == ['Multi_Factor', 'Single_Factor']

    held = ansible.sim.app.store.objects(ENV, 'applications/{applicationID}/signOnPolicyAssignments', (app_id,))
    current = {assignment['id']: assignment['priority'] for assignment in held}
    reordered = ok(ansible, dict(APP, sign_on_policies=['Single_Factor', 'Multi_Factor']))
    assert reordered['changed'] is True and reordered['application']['sign_on_policies'] == ['Single_Factor', 'Multi_Factor']
    assert {method for method, _path in writes(ansible)} == {'PUT'} and methods(ansible, 'signOnPolicyAssignments')
    assert sorted(assignment_priorities_stay_unique(ansible, app_id, current).values()) == [1, 2]
    assert ok(ansible, dict(APP, sign_on_policies=['Single_Factor', 'Multi_Factor']))['changed'] is False and writes(ansible) == []

    removed = ok(ansible, dict(APP, sign_on_policies=[]))
    assert removed['changed'] is True and removed['application']['sign_on_policies'] == []
    assert methods(ansible, 'signOnPolicyAssignments') == ['DELETE', 'DELETE'] and len(writes(ansible)) == 2
    assert ansible.sim.app.store.objects(ENV, 'applications/{applicationID}/signOnPolicyAssignments', (app_id,)) == []

    wider = dict(OPENID, scopes=['openid', 'profile', 'email', 'address'])
    added = ok(ansible, dict(APP, sign_on_policies=[], resource_grants=[wider, PINGONE_API]))
    assert added['changed'] is True and methods(ansible, 'grants') == ['PUT'] and len(writes(ansible)) == 1
    assert {'resource': 'openid', 'scopes': ['address', 'email', 'openid', 'profile']} in added['application']['resource_grants']
    narrower = ok(ansible, dict(APP, sign_on_policies=[], resource_grants=[dict(OPENID, scopes=['email', 'openid'])]))
    assert methods(ansible, 'grants') == ['PUT', 'DELETE'] and len(writes(ansible)) == 2   # PingOne API's grant removed
    assert narrower['application']['resource_grants'] == [{'resource': 'openid', 'scopes': ['email', 'openid']}]

    options = dict(APP, sign_on_policies=[], resource_grants=[OPENID])
    optional = ok(ansible, dict(options, attribute_mappings=[SUB, dict(EMAIL, required=False)]))
    assert methods(ansible, 'attributes') == ['PUT'] and len(writes(ansible)) == 2   # and the grant's scope back
    assert {m['name']: m for m in optional['application']['attribute_mappings']}['email']['required'] is False

    renamed = ok(ansible, dict(options, attribute_mappings=[dict(SUB, value='${user.email}'), dict(EMAIL, required=False)]))
    assert methods(ansible, 'attributes') == ['PUT'] and len(writes(ansible)) == 1
    assert {m['name']: m for m in renamed['application']['attribute_mappings']}['sub']['value'] == '${user.email}'

    only_sub = ok(ansible, dict(options, attribute_mappings=[]))
    assert methods(ansible, 'attributes') == ['DELETE'] and len(writes(ansible)) == 1   # email deleted, sub kept
    assert [m['name'] for m in only_sub['application']['attribute_mappings']] == ['sub']


def test_check_mode_writes_nothing(ansible):
    checked = ok(ansible, APP, check=True, diff=True)
    assert checked['changed'] is True and writes(ansible) == [] and checked['application'] == {}
    assert checked['diff']['before'] == {}
    assert checked['diff']['after']['sign_on_policies'] == ['Multi_Factor', 'Single_Factor']
    ok(ansible, APP)
    for change in ({'sign_on_policies': ['Single_Factor']}, {'resource_grants': [OPENID]},
                   {'attribute_mappings': [dict(SUB, value='${user.email}')]}):
        checked = ok(ansible, dict(APP, **change), check=True)
        assert checked['changed'] is True and writes(ansible) == [], change
        assert checked['application']['sign_on_policies'] == ['Multi_Factor', 'Single_Factor']   # as it is now
    assert ok(ansible, APP)['changed'] is False and writes(ansible) == []


def test_diff_shows_the_lists_by_names(ansible):
    ok(ansible, APP)
    changed = ok(ansible, dict(APP, sign_on_policies=['Single_Factor'], resource_grants=[dict(OPENID, scopes=['openid'])],
                               attribute_mappings=[dict(SUB, value='${user.email}')]), diff=True)
    before, after = changed['diff']['before'], changed['diff']['after']
    assert before['sign_on_policies'] == ['Multi_Factor', 'Single_Factor'] and after['sign_on_policies'] == ['Single_Factor']
    assert before['resource_grants'] == [{'resource': 'PingOne API', 'scopes': ['p1:read:user']},
                                         {'resource': 'openid', 'scopes': ['email', 'openid', 'profile']}]
    assert after['resource_grants'] == [{'resource': 'openid', 'scopes': ['openid']}]
    assert [m['name'] for m in before['attribute_mappings']] == ['email', 'sub']
    assert before['attribute_mappings'][0]['oidc_scopes'] == ['email']
    assert [(m['name'], m['value']) for m in after['attribute_mappings']] == [('sub', '${user.email}')]
    shown = json.dumps(changed['diff'])
    for item in ansible.sim.app.store.objects(ENV, 'signOnPolicies'):
        assert item['id'] not in shown   # names, never ids


@pytest.mark.parametrize('change, option', [
    ({'sign_on_policies': ['Single_Factor', 'Multi_Factor', 'No such policy']}, 'sign_on_policies[2]'),
    ({'sign_on_policies': ['Single_Factor', 'Single_Factor']}, 'sign_on_policies[1]'),
    ({'resource_grants': [OPENID, {'resource': 'No such API', 'scopes': ['read']}]}, 'resource_grants[1].resource'),
    ({'resource_grants': [dict(OPENID, scopes=['openid', 'email', 'no:such:scope'])]}, 'resource_grants[0].scopes[2]'),
    ({'resource_grants': [OPENID, OPENID]}, 'resource_grants[1].resource'),
    ({'attribute_mappings': [dict(EMAIL, oidc_scopes=['phone'])]}, 'attribute_mappings[0].oidc_scopes[0]'),   # not granted
    ({'resource_grants': None, 'attribute_mappings': [dict(EMAIL, oidc_scopes=['email', 'no_such'])]}, 'attribute_mappings[0].oidc_scopes[1]'),
    ({'attribute_mappings': [EMAIL, dict(EMAIL, value='${user.name.given}')]}, 'attribute_mappings[1].name'),
])
def test_bad_input_writes_nothing(ansible, change, option):
    refused(ansible, dict(APP, **change), option)   # nor the application itself
    ok(ansible, APP)
    refused(ansible, dict(APP, **change), option)   # nor any list of an application that exists


def test_the_secure_application_example_configures_then_changes_nothing(ansible):
    """docs/examples/secure_application.yml (make demo runs it on the environment create_test_environment.yml makes; here
    on the Sandbox environment): the first run secures the application, the second changes nothing and writes nothing."""
    example = os.path.join(os.path.dirname(os.path.dirname(os.path.dirname(os.path.abspath(__file__)))), 'docs', 'examples',
                           'secure_application.yml')
    names = {'secure_application_environment_name': 'Sandbox'}
    ansible.sim.reset()
    done = ansible.run(example, extra_vars=names)
    assert done.rc == 0 and 'failed' not in done.statuses, done.output[-3000:]
    application = done.result('The web application that signs users on with Corporate MFA and reads orders')['application']
    assert application['sign_on_policies'] == ['Corporate MFA']
    assert sorted((grant['resource'], sorted(grant['scopes'])) for grant in application['resource_grants']) == \
        [('Orders API', ['orders:read']), ('openid', ['email', 'openid', 'profile'])]
    assert 'email' in [mapping['name'] for mapping in application['attribute_mappings']]
    ansible.sim.reset()
    again = ansible.run(example, extra_vars=names)
    assert again.rc == 0 and not any(record['result'].get('changed') for record in again.records), again.output[-3000:]
    assert writes(ansible) == []
