# -*- coding: utf-8 -*-
# Copyright: (c) 2026, pingone.platform maintainers
# GNU General Public License v3.0+ (see LICENSE or https://www.gnu.org/licenses/gpl-3.0.txt)
"""pingone_object through real ansible-playbook against the simulator, for the kinds the simulator
serves today (populations, groups, users): create, a second run that writes nothing, an update of one
field, check mode, --diff, references by name, absent, and refusals before any request. Every request
body is checked against Ping's API descriptions (conftest, request_schemas.py). The other registry
kinds wait for the simulator's description-driven store (issue 16)."""

from __future__ import annotations

import json

import pytest

from conftest import OBJECT_SECRET  # pylint: disable=import-error

from pingone_simulator import SANDBOX_ENV_ID  # pylint: disable=import-error
from calls import api_requests, ok, writes  # pylint: disable=import-error

ENV = SANDBOX_ENV_ID
BASE = '/v1/environments/%s' % ENV
# A secret given in pingone_object's secrets; the leak scan (conftest.ALL_SECRET_FORMS) covers it in every form at -vvvv.
SECRET = OBJECT_SECRET


@pytest.fixture(autouse=True)
def organization(ansible):
    ansible.sim.app.platform.reset()   # no populations, users or groups from another test


def run(ansible, options, check=False, diff=False):
    env = {'ANSIBLE_DIFF_ALWAYS': 'true'} if diff else {}
    result_run = ansible.run('object.yml', extra_vars={'options': dict({'target_environment_id': ENV}, **options)}, check=check, env=env)
    return result_run, result_run.result('Run the module')


POPULATION = {'kind': 'population', 'name': 'Contractors', 'definition': {'description': 'People on contract'}}


def test_a_population_is_created_once_updated_and_deleted(ansible):
    created = ok(run(ansible, POPULATION, diff=True))
    assert created['changed'] is True and created['kind'] == 'population' and created['object']['name'] == 'Contractors'
    assert writes(ansible) == [('POST', BASE + '/populations')]
    assert created['diff'] == {'before': {}, 'after': {'name': 'Contractors', 'description': 'People on contract'}}

    ansible.sim.reset()
    again = ok(run(ansible, POPULATION))
    assert again['changed'] is False and writes(ansible) == []

    ansible.sim.reset()
    checked = ok(run(ansible, dict(POPULATION, definition={'description': 'Contract staff'}), check=True, diff=True))
    assert checked['changed'] is True and writes(ansible) == []
    assert checked['diff']['after']['description'] == 'Contract staff'

    ansible.sim.reset()
    updated = ok(run(ansible, dict(POPULATION, definition={'description': 'Contract staff'})))
    path = '%s/populations/%s' % (BASE, created['object']['id'])
    assert updated['changed'] is True and writes(ansible) == [('PUT', path)]
    body = json.loads(next(r for r in ansible.sim.requests() if r['method'] == 'PUT')['body'])
    assert body['description'] == 'Contract staff' and 'id' not in body and 'environment' not in body

    ansible.sim.reset()
    deleted = ok(run(ansible, {'kind': 'population', 'name': 'Contractors', 'state': 'absent'}))
    assert deleted['changed'] is True and writes(ansible) == [('DELETE', path)]


def test_a_group_names_its_population_by_name(ansible):
    ok(run(ansible, POPULATION))
    ansible.sim.reset()
    group = {'kind': 'group', 'name': 'Contract admins', 'definition': {'population': {'name': 'Contractors'}, 'description': 'Admins'}}
    created = ok(run(ansible, group))
    population = next(p for p in ansible.sim.app.platform.populations[ENV].values() if p['name'] == 'Contractors')
    assert created['changed'] is True and created['object']['population']['id'] == population['id']
    ansible.sim.reset()
    assert ok(run(ansible, group))['changed'] is False and writes(ansible) == []
    ansible.sim.reset()
    missing = run(ansible, dict(group, definition={'population': {'name': 'Nobody'}}))[1]
    assert missing['failed'] and missing['option'] == 'definition.population.name' and writes(ansible) == []


def test_a_user_is_patched_with_the_changed_field_only(ansible):
    user = {'kind': 'user', 'definition': {'username': 'cjones', 'email': 'cjones@example.com', 'title': 'Contractor'}}
    created = ok(run(ansible, user))
    ansible.sim.reset()
    updated = ok(run(ansible, {'kind': 'user', 'definition': {'username': 'cjones', 'title': 'Lead'}}))
    path = '%s/users/%s' % (BASE, created['object']['id'])
    assert updated['changed'] is True and writes(ansible) == [('PATCH', path)]
    assert json.loads(next(r for r in ansible.sim.requests() if r['method'] == 'PATCH')['body']) == {'title': 'Lead'}


def test_bad_definitions_and_built_ins_are_refused_before_any_request(ansible):
    bad = run(ansible, dict(POPULATION, definition={'description': 5}))[1]
    assert bad['failed'] and bad['option'] == 'definition'
    assert bad['msg'] == 'definition.description must be a string, not an integer. Nothing was sent.'
    standard = run(ansible, {'kind': 'password_policy', 'name': 'Standard', 'state': 'absent'})[1]
    assert standard['failed'] and standard['option'] == 'state'
    assert api_requests(ansible) == []


def info(ansible, options):
    result_run = ansible.run('object_info.yml', extra_vars={'options': dict({'target_environment_id': ENV}, **options)})
    return ok((result_run, result_run.result('Run the module')))


def test_object_info_lists_by_filter_and_by_name(ansible):
    for name in ('Contractors', 'Contract partners', 'Staff'):
        ok(run(ansible, {'kind': 'population', 'name': name}))
    ansible.sim.reset()
    found = info(ansible, {'kind': 'population', 'filter': 'name sw "Contract"'})
    assert sorted(item['name'] for item in found['objects']) == ['Contract partners', 'Contractors'] and found['kind'] == 'population'
    assert info(ansible, {'kind': 'population', 'name': 'Staff'})['objects'][0]['name'] == 'Staff'
    assert writes(ansible) == []


def test_a_secret_is_written_and_never_shown_at_vvvv(ansible):
    # Group customData stands in for a write-only field here: the simulator stores it (identity providers and
    # webhooks, whose secrets the registry declares, wait for the description-driven store).
    options = {'kind': 'group', 'name': 'Vault users', 'secrets': {'customData': {'token': SECRET}}}
    created = ok(run(ansible, options, diff=True))
    post = next(r for r in ansible.sim.requests() if r['method'] == 'POST' and r['path'] == BASE + '/groups')
    assert json.loads(post['body'])['customData'] == {'token': SECRET}
    assert created['diff']['after']['customData'] == {'token': '(set by this task)'} and 'token' not in created['object'].get('customData', {})
    ansible.sim.reset()
    assert ok(run(ansible, options, diff=True))['changed'] is False and writes(ansible) == []
    ansible.sim.reset()
    always = ok(run(ansible, dict(options, update_secrets='always'), diff=True))
    put = next(r for r in ansible.sim.requests() if r['method'] == 'PUT')
    assert always['changed'] is True and json.loads(put['body'])['customData'] == {'token': SECRET}
