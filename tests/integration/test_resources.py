# -*- coding: utf-8 -*-
# Copyright: (c) 2026, pingone.platform maintainers
# GNU General Public License v3.0+ (see LICENSE or https://www.gnu.org/licenses/gpl-3.0.txt)
"""pingone_resource through real ansible-playbook against the simulator's described store: create with scopes,
a second run that writes nothing, each update, scopes added and removed, attributes, check mode, --diff, absent,
and refusals before any request. Every request body is checked against Ping's descriptions (conftest)."""

from __future__ import annotations

import json

import pytest

from pingone_simulator import SANDBOX_ENV_ID  # pylint: disable=import-error

ENV = SANDBOX_ENV_ID
BASE = '/v1/environments/%s' % ENV
WRITES = ('POST', 'PUT', 'PATCH', 'DELETE')


@pytest.fixture(autouse=True)
def clean(ansible):
    ansible.sim.app.store.reset()   # no resources from another test


def run(ansible, options, check=False, diff=False):
    env = {'ANSIBLE_DIFF_ALWAYS': 'true'} if diff else {}
    result_run = ansible.run('resource.yml', extra_vars={'options': dict({'target_environment_id': ENV}, **options)},
                             check=check, env=env)
    return result_run, result_run.result('Run pingone_resource')


def ok(pair):
    result_run, result = pair
    assert result_run.rc == 0 and not result.get('failed'), result.get('msg') or result_run.output[-3000:]
    return result


def writes(ansible):
    return [(r['method'], r['path']) for r in ansible.sim.requests() if r['path'].startswith('/v1/') and r['method'] in WRITES]


def api_requests(ansible):
    return [r for r in ansible.sim.requests() if r['path'].startswith('/v1/')]


ORDERS = {'name': 'Orders API', 'audience': 'https://orders.example.com', 'access_token_validity_seconds': 3600,
          'scopes': [{'name': 'orders:read', 'description': 'Read orders'}, {'name': 'orders:write'}]}


def test_a_resource_with_scopes_is_created_once_updated_and_deleted(ansible):
    checked = ok(run(ansible, ORDERS, check=True, diff=True))
    assert checked['changed'] is True and writes(ansible) == [] and checked['resource'] == {}
    assert checked['diff']['after']['scopes'] == [{'name': 'orders:read', 'description': 'Read orders'}, {'name': 'orders:write'}]

    ansible.sim.reset()
    created = ok(run(ansible, ORDERS, diff=True))
    rid = created['resource']['id']
    scopes = '%s/resources/%s/scopes' % (BASE, rid)
    assert created['changed'] is True
    assert writes(ansible) == [('POST', BASE + '/resources'), ('POST', scopes), ('POST', scopes)]
    assert created['resource']['type'] == 'CUSTOM' and created['resource']['audience'] == 'https://orders.example.com'
    assert [scope['name'] for scope in created['resource']['scopes']] == ['orders:read', 'orders:write']
    assert created['diff']['before'] == {}
    assert created['diff']['after'] == {'name': 'Orders API', 'type': 'CUSTOM', 'audience': 'https://orders.example.com',
                                        'accessTokenValiditySeconds': 3600,
                                        'scopes': [{'name': 'orders:read', 'description': 'Read orders'}, {'name': 'orders:write'}]}

    ansible.sim.reset()
    again = ok(run(ansible, ORDERS))
    assert again['changed'] is False and writes(ansible) == []
    assert sorted(scope['name'] for scope in again['resource']['scopes']) == ['orders:read', 'orders:write']

    for option, value, field in (('description', 'The orders service', 'description'), ('audience', 'https://orders2.example.com', 'audience'),
                                 ('access_token_validity_seconds', 7200, 'accessTokenValiditySeconds')):
        ansible.sim.reset()
        updated = ok(run(ansible, dict(ORDERS, **{option: value}), diff=True))
        assert updated['changed'] is True and writes(ansible) == [('PUT', '%s/resources/%s' % (BASE, rid))], option
        body = json.loads(next(r for r in ansible.sim.requests() if r['method'] == 'PUT')['body'])
        assert body[field] == value and 'id' not in body
        assert updated['resource'][field] == value and updated['diff']['after'][field] == value
        ORDERS[option] = value

    ansible.sim.reset()
    fewer = dict(ORDERS, scopes=[{'name': 'orders:read', 'description': 'Read'}, {'name': 'orders:admin'}])
    changed = ok(run(ansible, fewer, diff=True))
    write_id = next(scope['id'] for scope in created['resource']['scopes'] if scope['name'] == 'orders:write')
    read_id = next(scope['id'] for scope in created['resource']['scopes'] if scope['name'] == 'orders:read')
    assert changed['changed'] is True
    assert writes(ansible) == [('PUT', '%s/%s' % (scopes, read_id)), ('POST', scopes), ('DELETE', '%s/%s' % (scopes, write_id))]
    assert changed['diff']['before']['scopes'] == [{'name': 'orders:read', 'description': 'Read orders'}, {'name': 'orders:write'}]
    assert changed['diff']['after']['scopes'] == [{'name': 'orders:admin'}, {'name': 'orders:read', 'description': 'Read'}]
    ansible.sim.reset()
    assert ok(run(ansible, fewer))['changed'] is False and writes(ansible) == []

    ansible.sim.reset()
    emptied = ok(run(ansible, dict(ORDERS, scopes=[])))
    assert emptied['changed'] is True and [m for m, _p in writes(ansible)] == ['DELETE', 'DELETE'] and emptied['resource']['scopes'] == []

    ansible.sim.reset()
    checked = ok(run(ansible, {'name': 'Orders API', 'state': 'absent'}, check=True))
    assert checked['changed'] is True and writes(ansible) == []
    deleted = ok(run(ansible, {'name': 'Orders API', 'state': 'absent'}, diff=True))
    assert deleted['changed'] is True and writes(ansible) == [('DELETE', '%s/resources/%s' % (BASE, rid))]
    assert deleted['diff']['after'] == {}
    ansible.sim.reset()
    gone = ok(run(ansible, {'name': 'Orders API', 'state': 'absent'}))
    assert gone['changed'] is False and writes(ansible) == [] and gone['resource'] == {}


def test_attributes_are_exactly_these_and_core_ones_stay(ansible):
    made = ok(run(ansible, {'name': 'Claims API', 'attributes': [{'name': 'email', 'value': '${user.email}'}]}))
    names = sorted(item['name'] for item in made['resource']['attributes'])
    assert 'email' in names
    ansible.sim.reset()
    again = ok(run(ansible, {'name': 'Claims API', 'attributes': [{'name': 'email', 'value': '${user.email}'}]}))
    assert again['changed'] is False and writes(ansible) == []
    ansible.sim.reset()
    moved = ok(run(ansible, {'name': 'Claims API', 'attributes': [{'name': 'mail', 'value': '${user.email}'}]}))
    assert moved['changed'] is True and [m for m, _p in writes(ansible)] == ['POST', 'DELETE']
    assert 'email' not in [item['name'] for item in moved['resource']['attributes']]


@pytest.mark.parametrize('name', ['openid', 'PingOne API'])
def test_pingone_own_resources_are_refused_before_any_request(ansible, name):
    result_run, result = run(ansible, {'name': name, 'scopes': [{'name': 'x'}]})
    assert result['failed'] and result['option'] == 'name' and 'resource_grants' in result['msg']
    assert api_requests(ansible) == []


@pytest.mark.parametrize('scopes, message', [([{'name': 'a'}, {'name': 'a'}], "lists 'a' twice"), ([{'name': ''}], 'has no name')])
def test_bad_scopes_are_refused_before_any_request(ansible, scopes, message):
    result_run, result = run(ansible, {'name': 'Orders API', 'scopes': scopes})
    assert result['failed'] and result['option'] == 'scopes' and message in result['msg']
    assert api_requests(ansible) == []
