# -*- coding: utf-8 -*-
# Copyright: (c) 2026, pingone.platform maintainers
# GNU General Public License v3.0+ (see LICENSE or https://www.gnu.org/licenses/gpl-3.0.txt)

from __future__ import annotations

import json

from ansible_collections.pingone.platform.plugins.modules import pingone_api as module
from ansible_collections.pingone.platform.tests.unit.fakes import CLIENT_ID, ENV_ID, SECRET, Answer, run_module, token_answer

API = 'https://api.pingone.com/v1'


def run(api, monkeypatch, **args):
    return run_module(module.main, dict({'access_token': 'tok'}, **args), monkeypatch)


def test_get(api, monkeypatch):
    api.answers.append(Answer(200, {'id': ENV_ID}))
    failed, result = run(api, monkeypatch, path='/environments/%s' % ENV_ID, query={'expand': 'billOfMaterials'})
    assert not failed and result == {'changed': False, 'status': 200, 'json': {'id': ENV_ID},
                                     'url': '%s/environments/%s?expand=billOfMaterials' % (API, ENV_ID)}
    assert api.sent[0].headers['Authorization'] == 'Bearer tok'


def test_write_reports_changed_and_sends_json(api, monkeypatch):
    api.answers.append(Answer(201, {'id': 'new'}))
    failed, result = run(api, monkeypatch, method='POST', path='/environments', body='{"name": "A"}')
    assert not failed and result['changed'] is True and result['status'] == 201
    assert json.loads(api.sent[0].body) == {'name': 'A'}


def test_accepted_error_status_is_no_change(api, monkeypatch):
    api.answers.append(Answer(404, {'code': 'NOT_FOUND'}))
    failed, result = run(api, monkeypatch, method='DELETE', path='/environments/x', status_code=[204, 404])
    assert not failed and result['changed'] is False and result['status'] == 404


def test_refused_status_fails_with_pingone_fields(api, monkeypatch):
    api.answers.append(Answer(400, {'id': 'c1', 'code': 'INVALID_DATA', 'message': 'Bad', 'details': [{'target': 'name', 'message': 'empty'}]}))
    failed, result = run(api, monkeypatch, method='PUT', path='/environments/x', body={'name': ''})
    assert failed and (result['status'], result['error'], result['correlation_id']) == (400, 'INVALID_DATA', 'c1')
    assert result['details'] == [{'target': 'name', 'message': 'empty'}] and '(details: name empty)' in result['msg']


def test_check_mode_sends_reads_but_not_writes(api, monkeypatch):
    failed, result = run(api, monkeypatch, method='DELETE', path='/environments/x', _ansible_check_mode=True)
    assert not failed and result == {'changed': True, 'url': API + '/environments/x',
                                     'request': {'method': 'DELETE', 'url': API + '/environments/x', 'body': None}}
    assert api.sent == []
    api.answers.append(Answer(200, {}))
    failed, result = run(api, monkeypatch, method='HEAD', path='/environments', _ansible_check_mode=True)
    assert not failed and result['status'] == 200 and len(api.sent) == 1


def test_paginate(api, monkeypatch):
    api.answers += [Answer(200, {'_embedded': {'environments': [{'id': 1}]}, '_links': {'next': {'href': API + '/environments?cursor=x'}}}),
                    Answer(200, {'_embedded': {'environments': [{'id': 2}]}, '_links': {}})]
    failed, result = run(api, monkeypatch, path='/environments', query={'limit': 1}, paginate=True)
    assert not failed and result['resources'] == [{'id': 1}, {'id': 2}] and result['url'] == API + '/environments?limit=1'


def test_gets_its_own_token_without_access_token(api, monkeypatch):
    api.answers += [token_answer(), Answer(200, {})]
    failed, result = run_module(module.main, {'path': '/environments', 'environment_id': ENV_ID, 'client_id': CLIENT_ID,
                                              'client_secret': SECRET}, monkeypatch)
    assert not failed and api.sent[0].url.endswith('/as/token') and api.sent[1].headers['Authorization'].startswith('Bearer eyJ')


def test_bad_input_sends_nothing(api, monkeypatch):
    for args, option in (({'path': '/environments', 'body': {'a': 1}}, 'body'),
                         ({'method': 'POST', 'path': '/environments', 'body': 'not json'}, 'body'),
                         ({'method': 'POST', 'path': '/environments', 'paginate': True}, 'paginate'),
                         ({'path': 'https://evil.example/v1/environments'}, 'path')):
        failed, result = run(api, monkeypatch, **args)
        assert failed and result['option'] == option, args
    assert api.sent == []
