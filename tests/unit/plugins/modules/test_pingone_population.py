# -*- coding: utf-8 -*-
# Copyright: (c) 2026, pingone.platform maintainers
# GNU General Public License v3.0+ (see LICENSE or https://www.gnu.org/licenses/gpl-3.0.txt)

from __future__ import annotations

import json

import pytest

from ansible_collections.pingone.platform.plugins.modules import pingone_population as module
from ansible_collections.pingone.platform.plugins.module_utils.kinds import PopulationKind
from ansible_collections.pingone.platform.tests.unit.fakes import ENV_ID, Answer, run_module

POPS = 'https://api.pingone.com/v1/environments/%s/populations' % ENV_ID
POP_ID = '8e3a1f0c-5b2d-4e6a-9c7d-0f1e2d3c4b5a'
POPULATION = {'id': POP_ID, 'name': 'Users', 'description': 'Old', 'default': False, 'passwordPolicy': {'id': 'pp'}, 'userCount': 3}


def page(*populations):
    return Answer(200, {'_embedded': {'populations': list(populations)}, '_links': {}})


def run(api, monkeypatch, **args):
    return run_module(module.main, dict({'target_environment_id': ENV_ID, 'name': 'Users', 'access_token': 'tok'}, **args), monkeypatch)


def test_views_and_bodies():
    kind = PopulationKind()
    assert kind.view(POPULATION, {}) == {'name': 'Users', 'description': 'Old', 'default': False}
    assert kind.create_body(kind.desired({'name': 'Users', 'description': '', 'default': None}), {}) == {'name': 'Users'}
    assert kind.replace_body(POPULATION, {'default': True}) == {'name': 'Users', 'default': True, 'description': 'Old',
                                                                'passwordPolicy': {'id': 'pp'}}
    assert 'description' not in kind.replace_body(POPULATION, {'description': ''})


def test_create(api, monkeypatch):
    api.answers += [page(dict(POPULATION, name='Default', id='other')), Answer(201, POPULATION)]
    failed, result = run(api, monkeypatch, description='Old')
    assert not failed and result['changed'] is True and result['population'] == POPULATION
    assert [(r.method, r.url) for r in api.sent] == [('GET', POPS), ('POST', POPS)]
    assert json.loads(api.sent[1].body) == {'name': 'Users', 'description': 'Old'}
    assert result['diff'] == {'before': {}, 'after': {'name': 'Users', 'description': 'Old', 'default': False}}


def test_unchanged(api, monkeypatch):
    api.answers += [page(POPULATION)]
    failed, result = run(api, monkeypatch, description='Old', default=False)
    assert not failed and result['changed'] is False and len(api.sent) == 1


def test_update(api, monkeypatch):
    api.answers += [page(POPULATION), Answer(200, dict(POPULATION, default=True))]
    failed, result = run(api, monkeypatch, default=True)
    assert not failed and result['changed'] is True and api.sent[1].method == 'PUT' and api.sent[1].url == '%s/%s' % (POPS, POP_ID)
    assert result['diff']['after']['default'] is True and result['diff']['before']['default'] is False


def test_check_mode_and_delete(api, monkeypatch):
    empty = dict(POPULATION, userCount=0)
    api.answers += [page(empty)]
    failed, result = run(api, monkeypatch, state='absent', _ansible_check_mode=True)
    assert not failed and result['changed'] is True and len(api.sent) == 1
    api.answers += [page(empty), Answer(204)]
    failed, result = run(api, monkeypatch, state='absent')
    assert not failed and api.sent[2].method == 'DELETE' and result['population'] == empty
    api.answers += [page()]
    failed, result = run(api, monkeypatch, state='absent')
    assert not failed and result['changed'] is False and result['population'] == {}


def test_environment_id_must_be_a_uuid(api, monkeypatch):
    failed, result = run(api, monkeypatch, target_environment_id='../x')
    assert failed and result['option'] == 'target_environment_id' and api.sent == []


@pytest.mark.parametrize('check_mode', [False, True])
@pytest.mark.parametrize('population, message', [
    (POPULATION, "Population 'Users' still holds 3 users, and PingOne refuses to delete a population that has users: move them to another "
                 "population (pingone.platform.pingone_user with population) or delete them first."),
    (dict(POPULATION, userCount=1), "Population 'Users' still holds 1 user, and PingOne"),
    (dict(POPULATION, userCount=0, default=True), "Population 'Users' is the default population of the environment, and PingOne does not "
                                                  "delete the default: make another population the default (default: true on it) first, "
                                                  "or leave state present."),
])
def test_a_delete_pingone_would_refuse_is_refused_before_any_write_in_check_mode_too(api, monkeypatch, check_mode, population, message):
    api.answers += [page(population)]
    failed, result = run(api, monkeypatch, state='absent', _ansible_check_mode=check_mode)
    assert failed and result['msg'].startswith(message) and result['option'] == 'state'
    assert [r.method for r in api.sent] == ['GET'] and not result.get('changed')


def test_a_population_answer_without_user_count_is_deleted_as_asked(api, monkeypatch):
    without = {key: value for key, value in POPULATION.items() if key != 'userCount'}
    api.answers += [page(without), Answer(204)]
    failed, result = run(api, monkeypatch, state='absent')
    assert not failed and [r.method for r in api.sent] == ['GET', 'DELETE']


def test_a_name_where_the_environment_id_belongs_gets_a_hint(api, monkeypatch):
    failed, result = run(api, monkeypatch, target_environment_id='Sandbox')
    assert failed and result['option'] == 'target_environment_id' and api.sent == []
    assert result['msg'] == ("target_environment_id is not a UUID but looks like a name: find the environment's ID with "
                             "pingone.platform.pingone_environment_info (name: 'Sandbox') and give its environments[0].id, or copy the ID "
                             "from the PingOne console.")
