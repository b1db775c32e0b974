# -*- coding: utf-8 -*-
# Copyright: (c) 2026, pingone.platform maintainers
# GNU General Public License v3.0+ (see LICENSE or https://www.gnu.org/licenses/gpl-3.0.txt)
"""pingone_resource through real ansible-playbook against the simulator's described store: create with scopes,
a second run that writes nothing, each update, scopes added and removed, attributes, check mode, --diff, absent,
refusals before any request, and return_secret (the resource's client secret, on a no_log task). Every request body is
checked against Ping's descriptions (conftest)."""

from __future__ import annotations

import hashlib
import json

import pytest
import requests

from pingone_simulator import ADMIN_ENV_ID, CLIENTS, SANDBOX_ENV_ID  # pylint: disable=import-error
from calls import api_requests, ok, writes  # pylint: disable=import-error

ENV = SANDBOX_ENV_ID
BASE = '/v1/environments/%s' % ENV


@pytest.fixture(autouse=True)
def clean(ansible):
    ansible.sim.app.store.reset()   # no resources from another test


def run(ansible, options, check=False, diff=False):
    env = {'ANSIBLE_DIFF_ALWAYS': 'true'} if diff else {}
    result_run = ansible.run('resource.yml', extra_vars={'options': dict({'target_environment_id': ENV}, **options)},
                             check=check, env=env)
    return result_run, result_run.result('Run pingone_resource')


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


def test_return_secret_returns_the_resource_secret_and_no_log_keeps_it_out(ansible):
    # Ping's description: GET .../resources/{resourceID}/secret answers ResourceSecret (an auto-generated secret of at least
    # 64 characters). The task is no_log, as the module's documentation says; the leak scan (conftest) looks for every
    # resource secret the simulator made in the -vvvv output and in every recorded result.
    made = ok(run(ansible, ORDERS))
    rid = made['resource']['id']
    ansible.sim.reset()
    options = dict({'target_environment_id': ENV, 'return_secret': True}, **ORDERS)
    secret_run = ansible.run('resource_secret.yml', extra_vars={'options': options})
    assert secret_run.rc == 0, secret_run.output[-3000:]
    assert secret_run.result('Run pingone_resource').get('censored')
    report = secret_run.result("Report the secret's hash")['msg']
    secrets = ansible.sim.app.store.made_secrets()
    assert len(secrets) == 1 and report['secret_sha256'] == hashlib.sha256(secrets[0].encode()).hexdigest()
    assert report['resource_id'] == rid and int(report['secret_length']) >= 64 and report['changed'] in (False, 'False')
    assert [(r['method'], r['path']) for r in api_requests(ansible) if r['path'].endswith('/secret')] == [
        ('GET', '%s/resources/%s/secret' % (BASE, rid))]
    assert writes(ansible) == []
    assert secrets[0] not in secret_run.output and secrets[0] not in secret_run.results_text

    # Check mode reads no secret (the module's documentation).
    ansible.sim.reset()
    checked = ok(run(ansible, dict(ORDERS, return_secret=False), check=True))
    assert 'secret' not in checked['resource'] and not [r for r in api_requests(ansible) if r['path'].endswith('/secret')]


@pytest.fixture(name='http')
def fixture_http(ansible):
    sim = ansible.sim
    client = CLIENTS['post']
    token = requests.post('%s/%s/as/token' % (sim.url, ADMIN_ENV_ID), verify=sim.ca_path, timeout=10,
                          data={'grant_type': 'client_credentials', 'client_id': client['id'],
                                'client_secret': client['secret']}).json()['access_token']

    def call(method, path, body=None):
        return requests.request(method, sim.url + BASE + path, json=body, headers={'Authorization': 'Bearer ' + token},
                                verify=sim.ca_path, timeout=10)
    return call


def test_the_simulator_serves_the_resource_secret_as_the_description_has_it(ansible, http):
    made = ok(run(ansible, ORDERS))
    store = ansible.sim.app.store
    path = '/resources/%s/secret' % made['resource']['id']
    answer = http('GET', path)
    assert answer.status_code == 200 and set(answer.json()) == {'environment', 'secret'}
    first = answer.json()['secret']
    assert first in store.made_secrets() and len(first) >= 64 and all(ch.isalnum() or ch in '-._~' for ch in first)
    assert http('GET', path).json()['secret'] == first   # the same until it is rotated
    assert not store.answer_problems('resources', http('GET', '/resources/%s' % made['resource']['id']).json())
    # updateResourceSecret: a new secret, the old one kept as previous until previous.expiresAt.
    rotated = http('POST', path, {'previous': {'expiresAt': '2099-01-01T00:00:00Z'}})
    assert rotated.status_code == 200 and rotated.json()['secret'] != first and rotated.json()['previous']['secret'] == first
    assert http('POST', path, {'previous': {}}).status_code == 400   # expiresAt is required in previous
    openid = store.builtin_id(ENV, 'resources', 'openid')
    assert http('GET', '/resources/%s/secret' % openid).status_code == 400   # ASSUMED: PingOne's own have none
    assert http('GET', '/resources/00000000-0000-4000-8000-000000000000/secret').status_code == 404
