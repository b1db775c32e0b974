# -*- coding: utf-8 -*-
# Copyright: (c) 2026, pingone.platform maintainers
# GNU General Public License v3.0+ (see LICENSE or https://www.gnu.org/licenses/gpl-3.0.txt)
"""Provisioning on the token, through real ansible-playbook against the simulator: pingone_api,
pingone_environment, pingone_population and pingone_license_info, and the example playbook."""

from __future__ import annotations

import os

import pytest

from pingone_simulator import ADMIN_ENV_ID, LICENSE_ID, ORGANIZATION_ID, SANDBOX_ENV_ID  # pylint: disable=import-error

ROOT = os.path.dirname(os.path.dirname(os.path.dirname(os.path.abspath(__file__))))
EXAMPLE = os.path.join(ROOT, 'docs', 'examples', 'create_test_environment.yml')
UNKNOWN_ENV = '11111111-2222-4333-8444-555555555555'
ENV_TASK, POP_TASK, LICENSE_TASK, API_TASK = 'Manage the environment', 'Manage the population', 'List the licenses', 'Call the API'
WRITES = ('POST', 'PUT', 'PATCH', 'DELETE')


@pytest.fixture(autouse=True)
def organization(ansible):
    """Every test starts from the configured organization: environments created earlier are gone."""
    ansible.sim.app.platform.reset()
    yield ansible.sim.app.platform
    ansible.sim.config.pop('create_visibility_requests', None)


def task(ansible, playbook, name, options, faults=None, diff=False, **kwargs):
    if faults:
        ansible.sim.add_faults(faults)
    env = dict(kwargs.pop('env', {}), **({'ANSIBLE_DIFF_ALWAYS': 'true'} if diff else {}))
    run = ansible.run(playbook, extra_vars=options, env=env, **kwargs)
    return run, run.result(name)


def environment(ansible, **options):
    return task(ansible, 'environment.yml', ENV_TASK, {'env_options': options.pop('options')}, **options)


def population(ansible, **options):
    return task(ansible, 'population.yml', POP_TASK, {'pop_options': options.pop('options')}, **options)


def api_call(ansible, **options):
    return task(ansible, 'api.yml', API_TASK, {'api_options': options.pop('options')}, **options)


def sent(ansible, methods=WRITES, path=None):
    """The (method, path) of the API requests the simulator received, of these methods (default: the writes)."""
    return [(r['method'], r['path']) for r in ansible.sim.requests()
            if r['path'].startswith('/v1/') and r['method'] in methods and (path is None or r['path'] == path)]


def ok(run, result):
    assert run.rc == 0 and not result.get('failed'), result.get('msg') or run.output[-3000:]
    return result


def create(ansible, **options):
    options = dict({'license_name': 'PingOne Premium'}, **options)
    return ok(*environment(ansible, options=options))['environment']


# --- pingone_environment ----------------------------------------------------------------------------
def test_environment_is_created_once_then_left_alone(ansible):
    options = {'name': 'Test environment', 'license_name': 'PingOne Premium', 'description': 'For tests',
               'products': ['PING_ONE_MFA', 'PING_ONE_BASE']}
    run, result = environment(ansible, options=options)
    created = ok(run, result)['environment']
    assert result['changed'] is True
    assert (created['name'], created['type'], created['region'], created['status']) == ('Test environment', 'SANDBOX', 'NA', 'ACTIVE')
    assert created['license']['id'] == LICENSE_ID and created['description'] == 'For tests'
    env_path = '/v1/environments/%s' % created['id']
    assert sent(ansible) == [('POST', '/v1/environments')]
    post = [r for r in ansible.sim.requests() if (r['method'], r['path']) == ('POST', '/v1/environments')][0]
    assert '"billOfMaterials": {"products": [{"type": "PING_ONE_BASE"}, {"type": "PING_ONE_MFA"}]}' in post['body']
    # The new environment answered 404 once (the simulator's post-create window), then 200.
    assert len(sent(ansible, ('GET',), env_path)) == 2
    assert result['diff']['before'] == {} and result['diff']['after']['products'] == ['PING_ONE_BASE', 'PING_ONE_MFA']

    ansible.sim.reset()
    run, again = environment(ansible, options=options)
    assert ok(run, again)['changed'] is False and again['environment']['id'] == created['id']
    assert sent(ansible) == []


def test_environment_update_changes_only_what_differs(ansible):
    created = create(ansible, name='Update me', description='Old', products=['PING_ONE_BASE'])
    ansible.sim.reset()
    options = {'name': 'Update me', 'type': 'PRODUCTION', 'description': 'New', 'products': ['PING_ONE_BASE', 'PING_ONE_RISK']}
    run, result = environment(ansible, options=options, diff=True)
    updated = ok(run, result)['environment']
    assert result['changed'] is True and updated['id'] == created['id']
    assert (updated['type'], updated['description']) == ('PRODUCTION', 'New')
    env_path = '/v1/environments/%s' % created['id']
    assert sent(ansible) == [('PUT', env_path), ('PUT', env_path + '/billOfMaterials')]
    assert result['diff'] == {
        'before': {'name': 'Update me', 'type': 'SANDBOX', 'region': 'NA', 'license_id': LICENSE_ID, 'description': 'Old',
                   'status': 'ACTIVE', 'products': ['PING_ONE_BASE']},
        'after': {'name': 'Update me', 'type': 'PRODUCTION', 'region': 'NA', 'license_id': LICENSE_ID, 'description': 'New',
                  'status': 'ACTIVE', 'products': ['PING_ONE_BASE', 'PING_ONE_RISK']}}
    assert '-    "description": "Old"' in run.output and '+    "description": "New"' in run.output   # what --diff shows

    ansible.sim.reset()
    run, again = environment(ansible, options=options)
    assert ok(run, again)['changed'] is False and sent(ansible) == []


def test_environment_check_mode_reads_but_never_writes(ansible):
    run, result = environment(ansible, options={'name': 'Planned', 'license_name': 'PingOne Premium'}, check=True, diff=True)
    assert ok(run, result)['changed'] is True and result['environment'] == {}
    assert result['diff']['after']['name'] == 'Planned' and result['diff']['before'] == {}
    assert sent(ansible) == []
    assert not [env for env in ansible.sim.app.platform.environments.values() if env['name'] == 'Planned']

    create(ansible, name='Planned')
    ansible.sim.reset()
    run, result = environment(ansible, options={'name': 'Planned', 'description': 'Would change'}, check=True)
    assert ok(run, result)['changed'] is True and result['diff']['after']['description'] == 'Would change'
    run, result = environment(ansible, options={'name': 'Planned', 'state': 'absent'}, check=True)
    assert ok(run, result)['changed'] is True and result['diff']['after'] == {}
    assert sent(ansible) == []


def test_sandbox_environment_is_deleted_once(ansible):
    created = create(ansible, name='Short lived')
    ansible.sim.reset()
    run, result = environment(ansible, options={'name': 'Short lived', 'state': 'absent'})
    assert ok(run, result)['changed'] is True and result['environment']['id'] == created['id']
    assert sent(ansible) == [('DELETE', '/v1/environments/%s' % created['id'])]
    ansible.sim.reset()
    run, result = environment(ansible, options={'name': 'Short lived', 'state': 'absent'})
    assert ok(run, result)['changed'] is False and result['environment'] == {} and sent(ansible) == []


def test_production_environment_is_deleted_only_when_allowed(ansible):
    created = create(ansible, name='Production', type='PRODUCTION')
    ansible.sim.reset()
    _run, refused = environment(ansible, options={'name': 'Production', 'state': 'absent'})
    assert refused['failed'] and refused['option'] == 'allow_production_delete'
    assert 'is a PRODUCTION environment' in refused['msg'] and sent(ansible) == []

    run, result = environment(ansible, options={'name': 'Production', 'state': 'absent', 'allow_production_delete': True})
    assert ok(run, result)['changed'] is True
    assert result['environment']['status'] == 'DELETE_PENDING' and result['environment']['hardDeleteAllowedAt']
    assert sent(ansible) == [('PUT', '/v1/environments/%s' % created['id'])]   # soft delete, as PingOne requires first

    ansible.sim.reset()
    run, result = environment(ansible, options={'name': 'Production', 'state': 'absent', 'allow_production_delete': True})
    assert ok(run, result)['changed'] is False and sent(ansible) == []
    run, result = environment(ansible, options={'name': 'Production'})
    assert ok(run, result)['changed'] is True and result['environment']['status'] == 'ACTIVE'   # restored
    assert result['diff']['before']['status'] == 'DELETE_PENDING'


def test_the_workers_own_environment_is_never_deleted(ansible):
    # The worker lives in the admin environment (PRODUCTION): refused even with allow_production_delete.
    _run, result = environment(ansible, options={'name': 'Administrators', 'state': 'absent', 'allow_production_delete': True})
    assert result['failed'] and result['option'] == 'name' and 'holds the worker application' in result['msg']
    assert sent(ansible) == []


def test_region_cannot_change(ansible):
    create(ansible, name='In Europe', environment_region='EU')
    _run, result = environment(ansible, options={'name': 'In Europe', 'environment_region': 'com'})
    assert result['failed'] and result['option'] == 'environment_region' and 'is in region EU' in result['msg']


def test_environment_with_an_access_token_only(ansible):
    token_run = ansible.run('token.yml', extra_vars={'pingone': {}})
    token = token_run.result('Get a token')['access_token']
    ansible.sim.reset()
    options = {'name': 'By token', 'license_name': 'PingOne Premium', 'access_token': token}
    run, result = environment(ansible, options=options, unset=['PINGONE_ENVIRONMENT_ID', 'PINGONE_CLIENT_ID', 'PINGONE_CLIENT_SECRET'])
    assert ok(run, result)['changed'] is True
    assert ansible.sim.stats()['tokens_issued'] == 0
    # With no environment_id, the organization comes from the first environment the token can read.
    assert [r for r in ansible.sim.requests() if r['path'] == '/v1/environments' and r['query'] == 'limit=1']


# --- errors --------------------------------------------------------------------------------------------
def test_unknown_license_name_is_refused_before_any_write(ansible):
    _run, result = environment(ansible, options={'name': 'No license', 'license_name': 'PingOne Gold'})
    assert result['failed'] and result['option'] == 'license_name'
    assert "No license of organization %s is named 'PingOne Gold'" % ORGANIZATION_ID in result['msg']
    assert "'PingOne Premium'" in result['msg'] and sent(ansible) == []


def test_license_that_is_not_active_is_refused(ansible):
    _run, result = environment(ansible, options={'name': 'Future', 'license_name': 'PingOne Plus'})
    assert result['failed'] and "The license named 'PingOne Plus' is not ACTIVE (FUTURE)" in result['msg']


def test_creating_without_a_license_is_refused(ansible):
    _run, result = environment(ansible, options={'name': 'No license given'})
    assert result['failed'] and result['option'] == 'license_id' and sent(ansible) == []


def test_api_400_shows_pingone_details(ansible):
    # A product type PingOne refuses, sent on purpose: the body is not checked against the description.
    _run, result = environment(ansible, options={'name': 'Bad product', 'license_id': LICENSE_ID, 'products': ['PING_ONE_NOPE']},
                               bodies_as_given=True)
    assert result['failed'] and (result['status'], result['error']) == (400, 'INVALID_DATA')
    assert result['details'][0]['target'] == 'billOfMaterials.products[0].type'
    assert "POST %s/v1/environments failed with HTTP 400 (INVALID_DATA: " % ansible.sim.url in result['msg']
    assert "(details: billOfMaterials.products[0].type 'PING_ONE_NOPE' is not a product type" in result['msg']
    assert result['correlation_id'] and len(sent(ansible)) == 1


def test_bad_access_token_is_a_401(ansible):
    _run, result = environment(ansible, options={'name': 'Any', 'access_token': 'not-a-token'})
    assert result['failed'] and (result['status'], result['error']) == (401, 'ACCESS_FAILED')
    assert 'failed with HTTP 401' in result['msg'] and result['details'][0]['code'] == 'INVALID_TOKEN'
    assert ansible.sim.stats()['tokens_issued'] == 0 and sent(ansible) == []


def test_longer_post_create_window_is_waited_out(ansible):
    ansible.sim.config['create_visibility_requests'] = 3
    created = create(ansible, name='Slow to appear')
    assert len(sent(ansible, ('GET',), '/v1/environments/%s' % created['id'])) == 4


def test_429_on_a_write_is_retried_after_retry_after(ansible):
    faults = [{'status': 429, 'headers': {'Retry-After': '1'}, 'match': '^/v1/environments$'}]
    run, result = environment(ansible, options={'name': 'Rate limited', 'license_name': 'PingOne Premium'}, faults=faults)
    assert ok(run, result)['changed'] is True
    assert sent(ansible) == [('POST', '/v1/environments')] * 2
    assert any('HTTP 429; retry 1 of 3 in 1.0 s' in warning for warning in result['warnings'])
    assert len([env for env in ansible.sim.app.platform.environments.values() if env['name'] == 'Rate limited']) == 1


def test_5xx_on_a_write_is_not_retried(ansible):
    faults = [{'status': 503, 'match': '^/v1/environments$'}]
    _run, result = environment(ansible, options={'name': 'Unlucky', 'license_name': 'PingOne Premium'}, faults=faults)
    assert result['failed'] and result['status'] == 503 and 'PingOne may be degraded' in result['msg']
    assert sent(ansible) == [('POST', '/v1/environments')]


# --- pingone_population -----------------------------------------------------------------------------------
def test_population_lifecycle(ansible):
    env_id = create(ansible, name='With populations')['id']
    pops = '/v1/environments/%s/populations' % env_id
    ansible.sim.reset()
    options = {'target_environment_id': env_id, 'name': 'Test users', 'description': 'For tests'}
    run, result = population(ansible, options=options, check=True)
    assert ok(run, result)['changed'] is True and result['population'] == {} and sent(ansible) == []

    run, result = population(ansible, options=options)
    created = ok(run, result)['population']
    assert result['changed'] is True and (created['name'], created['description'], created['default']) == ('Test users', 'For tests', False)
    assert sent(ansible) == [('POST', pops)]

    ansible.sim.reset()
    run, result = population(ansible, options=options)
    assert ok(run, result)['changed'] is False and sent(ansible) == []

    run, result = population(ansible, options=dict(options, description='', default=True), diff=True)
    assert ok(run, result)['changed'] is True and result['population']['default'] is True
    assert result['diff'] == {'before': {'name': 'Test users', 'description': 'For tests', 'default': False},
                              'after': {'name': 'Test users', 'description': '', 'default': True}}
    assert 'description' not in result['population'] and sent(ansible) == [('PUT', '%s/%s' % (pops, created['id']))]

    ansible.sim.reset()
    _run, result = population(ansible, options={'target_environment_id': env_id, 'name': 'Default', 'state': 'absent'})
    assert result['failed'] is False and result['changed'] is True   # no longer the default, so it can go
    ansible.sim.reset()
    _run, result = population(ansible, options={'target_environment_id': env_id, 'name': 'Test users', 'state': 'absent'})
    # Refused before the DELETE (PingOne would refuse it: the simulator answers 400), so --check says so too.
    assert result['failed'] and result['option'] == 'state' and "Population 'Test users' is the default population" in result['msg']
    assert sent(ansible) == []


def test_population_errors(ansible):
    _run, result = population(ansible, options={'target_environment_id': 'my-environment', 'name': 'Users'})
    assert result['failed'] and result['option'] == 'target_environment_id' and ansible.sim.stats()['requests'] == 0
    _run, result = population(ansible, options={'target_environment_id': UNKNOWN_ENV, 'name': 'Users'})
    assert result['failed'] and (result['status'], result['error']) == (404, 'NOT_FOUND')
    # A 404 on the environment of target_environment_id names that option (test_newcomer.py has the whole message).
    assert 'no environment %s is visible' % UNKNOWN_ENV in result['msg'] and 'check target_environment_id' in result['msg']
    assert 'one created a moment ago may not be visible yet' in result['msg']


# --- pingone_license_info ----------------------------------------------------------------------------------
def test_license_info(ansible):
    run, result = task(ansible, 'license_info.yml', LICENSE_TASK, {'license_options': {}})
    assert ok(run, result)['organization_id'] == ORGANIZATION_ID and len(result['licenses']) == 3
    assert ('GET', '/v1/environments/%s' % ADMIN_ENV_ID) in sent(ansible, ('GET',))   # the org comes from the admin environment
    run, result = task(ansible, 'license_info.yml', LICENSE_TASK, {'license_options': {'status': 'ACTIVE'}})
    assert [lic['id'] for lic in ok(run, result)['licenses']] == [LICENSE_ID]
    assert ansible.sim.requests()[-1]['query'] == 'filter=status+eq+%22ACTIVE%22'
    run, result = task(ansible, 'license_info.yml', LICENSE_TASK, {'license_options': {'name': 'PingOne Premium',
                                                                                       'organization_id': ORGANIZATION_ID}})
    assert sorted(lic['status'] for lic in ok(run, result)['licenses']) == ['ACTIVE', 'EXPIRED']


# --- pingone_api ---------------------------------------------------------------------------------------------
def test_api_chained_token_paginates_writes_and_follows_links(ansible):
    run = ansible.run('token_then_api.yml', extra_vars={'sandbox_id': SANDBOX_ENV_ID})
    assert run.rc == 0, run.output[-3000:]
    listed = run.result('List every environment, page by page')
    assert [env['id'] for env in listed['resources']] == [ADMIN_ENV_ID, SANDBOX_ENV_ID] and listed['changed'] is False
    assert listed['items'] == listed['resources']   # the name issue 5 asked for, kept as an alias
    created = run.result('Create a population in the sandbox')
    assert created['changed'] is True and created['status'] == 201 and created['json']['name'] == 'Made by pingone_api'
    assert run.result('Read it back by its link')['json']['id'] == created['json']['id']
    assert ansible.sim.stats()['tokens_issued'] == 1
    assert len(sent(ansible, ('GET',), '/v1/environments')) == 2   # two pages of one


def test_api_check_mode_sends_reads_only(ansible):
    body = {'name': 'Not made'}
    run, result = api_call(ansible, options={'method': 'POST', 'path': '/environments/%s/populations' % SANDBOX_ENV_ID, 'body': body},
                           check=True)
    assert ok(run, result)['changed'] is True and 'status' not in result
    assert result['request'] == {'method': 'POST', 'url': '%s/v1/environments/%s/populations' % (ansible.sim.url, SANDBOX_ENV_ID),
                                 'body': body}
    run, result = api_call(ansible, options={'path': '/environments/%s' % SANDBOX_ENV_ID}, check=True)
    assert ok(run, result)['status'] == 200 and result['json']['name'] == 'Sandbox' and result['changed'] is False
    assert sent(ansible) == []


def test_api_accepted_status_codes(ansible):
    run, result = api_call(ansible, options={'path': '/environments/%s' % UNKNOWN_ENV, 'status_code': [200, 404]})
    assert ok(run, result)['status'] == 404 and result['json']['code'] == 'NOT_FOUND' and result['changed'] is False
    _run, result = api_call(ansible, options={'path': '/environments/%s' % UNKNOWN_ENV})
    assert result['failed'] and result['status'] == 404


def test_api_retries_a_write_only_on_429_with_retry_after(ansible):
    path = '/environments/%s/populations' % SANDBOX_ENV_ID
    faults = [{'status': 429, 'headers': {'Retry-After': '0'}, 'match': '^/v1' + path + '$'}]
    run, result = api_call(ansible, options={'method': 'POST', 'path': path, 'body': {'name': 'Retried'}}, faults=faults)
    assert ok(run, result)['status'] == 201 and len(sent(ansible)) == 2
    faults = [{'status': 500, 'match': '^/v1' + path + '$'}]
    _run, result = api_call(ansible, options={'method': 'POST', 'path': path, 'body': {'name': 'Once'}}, faults=faults)
    assert result['failed'] and result['status'] == 500 and len(sent(ansible)) == 3
    faults = [{'status': 503, 'match': '^/v1/environments$'}]
    run, result = api_call(ansible, options={'path': '/environments'}, faults=faults)
    assert ok(run, result)['status'] == 200 and any('HTTP 503; retry 1 of 3' in w for w in result['warnings'])


# (id, options, option named, words)
API_BAD_INPUT = [
    ('host that is not PingOne', {'path': 'https://elsewhere.example/v1/environments'}, 'path', 'is not on the PingOne API host'),
    ('relative path without slash', {'path': 'environments'}, 'path', 'must start with /'),
    ('body on a GET', {'path': '/environments', 'body': {'a': 1}}, 'body', 'a GET request has no body'),
    ('paginate a POST', {'method': 'POST', 'path': '/environments', 'paginate': True}, 'paginate', 'needs method GET'),
]


@pytest.mark.parametrize('options, option, words', [row[1:] for row in API_BAD_INPUT], ids=[row[0] for row in API_BAD_INPUT])
def test_api_bad_input_sends_no_api_request(ansible, options, option, words):
    _run, result = api_call(ansible, options=options)
    assert result['failed'] and result['option'] == option and words in result['msg']
    assert not [r for r in ansible.sim.requests() if r['path'].startswith('/v1/')]


# --- the example users copy ------------------------------------------------------------------------------------
def test_example_playbook_twice_second_run_unchanged(ansible):
    first = ansible.run(EXAMPLE)
    assert first.rc == 0, first.output[-3000:]
    assert first.result('Create the SANDBOX environment with that license')['changed'] is True
    assert first.result('Create a population in it')['changed'] is True
    ansible.sim.reset()
    second = ansible.run(EXAMPLE)
    assert second.rc == 0, second.output[-3000:]
    assert set(second.statuses) == {'ok'} and not any(result.get('changed') for results in second.tasks.values() for result in results)
    assert ' changed=0 ' in second.output and sent(ansible) == []
    shown = second.result('Show what the environment holds now')['msg']
    assert shown['environment'].startswith('Ansible test environment (') and 'SANDBOX, region NA' in shown['environment']
    token = ansible.sim.issued_tokens()[0]
    assert token not in first.output + second.output
