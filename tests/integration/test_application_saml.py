# -*- coding: utf-8 -*-
# Copyright: (c) 2026, pingone.platform maintainers
# GNU General Public License v3.0+ (see LICENSE or https://www.gnu.org/licenses/gpl-3.0.txt)
"""pingone_application with protocol SAML through real ansible-playbook (application.yml) against the simulator:
create (a verification certificate by name), a second run that writes nothing, an update, check mode, --diff, and
the refusals (the other protocol's options, a protocol change, an unknown certificate) with no write. Then the
simulator's SAML applications themselves, as Ping's description has them. Every request body is checked against
Ping's descriptions (conftest)."""

from __future__ import annotations

import json

import pytest
import requests

from pingone_simulator import ADMIN_ENV_ID, CLIENTS, SANDBOX_ENV_ID  # pylint: disable=import-error
from calls import ok, writes  # pylint: disable=import-error

ENV = SANDBOX_ENV_ID
APPS = '/v1/environments/%s/applications' % ENV
# A public certificate as PingOne lists one uploaded to the environment (Certificate; readOnly fields are PingOne's).
CERTIFICATE = {'name': 'Expenses SP signing', 'algorithm': 'RSA', 'keyLength': 2048, 'signatureAlgorithm': 'SHA256withRSA',
               'subjectDN': 'CN=expenses.example.com', 'issuerDN': 'CN=expenses.example.com', 'usageType': 'SIGNING',
               'validityPeriod': 365, 'serialNumber': 1, 'status': 'VALID'}
EXPENSES = {'name': 'Expenses', 'protocol': 'SAML', 'acs_urls': ['https://expenses.example.com/saml/acs'],
            'sp_entity_id': 'https://expenses.example.com/saml', 'assertion_duration': 300,
            'slo_endpoint': 'https://expenses.example.com/saml/slo',
            'name_id_format': 'urn:oasis:names:tc:SAML:1.1:nameid-format:emailAddress',
            'sp_verification_certificates': ['Expenses SP signing']}


@pytest.fixture(autouse=True)
def clean(ansible):
    ansible.sim.app.platform.reset()   # no applications from another test
    ansible.sim.app.store.reset()      # no certificates either


def add_certificate(ansible, **fields):
    return ansible.sim.app.store.add_object(ENV, 'certificates', dict(CERTIFICATE, **fields))


def run(ansible, options, check=False, diff=False):
    env = {'ANSIBLE_DIFF_ALWAYS': 'true'} if diff else {}
    result_run = ansible.run('application.yml', extra_vars={'options': dict({'target_environment_id': ENV}, **options)},
                             check=check, env=env)
    return result_run, result_run.result('Run the module')


def api_requests(ansible):
    return [(r['method'], r['path'].split('?')[0]) for r in ansible.sim.requests() if r['path'].startswith('/v1/')]


def sent_body(ansible, method):
    return json.loads(next(r for r in ansible.sim.requests() if r['method'] == method and r['path'].startswith(APPS))['body'])


def saml_apps(ansible):
    return [app for app in ansible.sim.app.management.applications(ENV) if app.get('protocol') == 'SAML']


def test_a_saml_application_is_created_once_updated_and_deleted(ansible):
    certificate = add_certificate(ansible)
    checked = ok(run(ansible, EXPENSES, check=True, diff=True))
    assert checked['changed'] is True and writes(ansible) == [] and checked['application'] == {}
    assert checked['diff']['after']['sp_verification_certificates'] == [certificate['id']]

    ansible.sim.reset()
    created_run, created = run(ansible, EXPENSES, diff=True)
    ok((created_run, created))
    assert created['changed'] is True and writes(ansible) == [('POST', APPS)]
    assert api_requests(ansible)[0] == ('GET', '/v1/environments/%s/certificates' % ENV)   # the name, read before any write
    assert sent_body(ansible, 'POST') == {
        'name': 'Expenses', 'type': 'WEB_APP', 'protocol': 'SAML', 'enabled': True, 'acsUrls': ['https://expenses.example.com/saml/acs'],
        'spEntityId': 'https://expenses.example.com/saml', 'assertionDuration': 300, 'sloEndpoint': 'https://expenses.example.com/saml/slo',
        'nameIdFormat': 'urn:oasis:names:tc:SAML:1.1:nameid-format:emailAddress', 'spVerification': {'certificates': [{'id': certificate['id']}]}}
    app = created['application']
    assert app['protocol'] == 'SAML' and app['spVerification']['certificates'] == [{'id': certificate['id']}]
    assert created['client_id'] == app['id'] and 'client_secret' not in created and 'secret' not in app['_links']
    assert created['diff'] == {'before': {}, 'after': {
        'name': 'Expenses', 'type': 'WEB_APP', 'enabled': True, 'description': '', 'acs_urls': ['https://expenses.example.com/saml/acs'],
        'sp_entity_id': 'https://expenses.example.com/saml', 'assertion_duration': 300, 'slo_endpoint': 'https://expenses.example.com/saml/slo',
        'slo_response_endpoint': '',
        'sp_verification_certificates': [certificate['id']], 'name_id_format': 'urn:oasis:names:tc:SAML:1.1:nameid-format:emailAddress'}}
    assert 'sp_entity_id' in created_run.output   # --diff shows the compared fields

    ansible.sim.reset()
    again = ok(run(ansible, EXPENSES))
    assert again['changed'] is False and writes(ansible) == []

    update = dict(EXPENSES, acs_urls=['https://expenses.example.com/saml/acs2', 'https://expenses.example.com/saml/acs'])
    ansible.sim.reset()
    checked = ok(run(ansible, update, check=True, diff=True))
    assert checked['changed'] is True and writes(ansible) == []
    assert checked['diff']['before']['acs_urls'] == ['https://expenses.example.com/saml/acs']
    assert checked['diff']['after']['acs_urls'] == update['acs_urls']

    ansible.sim.reset()
    updated = ok(run(ansible, update, diff=True))
    assert updated['changed'] is True and writes(ansible) == [('PUT', '%s/%s' % (APPS, app['id']))]
    body = sent_body(ansible, 'PUT')
    assert body['acsUrls'] == update['acs_urls'] and body['protocol'] == 'SAML'
    # What PingOne set (the description's defaults) goes back as it is; what it keeps itself does not.
    assert body['assertionSigned'] is True and body['responseSigned'] is False and body['sloBinding'] == 'HTTP_POST'
    assert not {'id', 'createdAt', 'updatedAt', 'environment', '_links'} & set(body)
    assert saml_apps(ansible)[0]['acsUrls'] == update['acs_urls']

    ansible.sim.reset()
    assert ok(run(ansible, update))['changed'] is False and writes(ansible) == []

    ansible.sim.reset()
    deleted = ok(run(ansible, {'name': 'Expenses', 'protocol': 'SAML', 'state': 'absent'}))
    assert deleted['changed'] is True and writes(ansible) == [('DELETE', '%s/%s' % (APPS, app['id']))] and saml_apps(ansible) == []


WEB_APP = {'name': 'Expenses', 'type': 'WEB_APP', 'redirect_uris': ['https://expenses.example.com/cb']}


@pytest.mark.parametrize('case, options, existing, option, text', [
    ('an OpenID Connect option with SAML', dict(EXPENSES, redirect_uris=['https://expenses.example.com/cb']), None,
     'redirect_uris', 'redirect_uris is an option of OpenID Connect applications'),
    ('a SAML option on an OpenID Connect application', dict(WEB_APP, acs_urls=['https://expenses.example.com/saml/acs']), None,
     'acs_urls', 'acs_urls is an option of SAML applications'),
    ('SAML asked of an OpenID Connect application', EXPENSES, 'oidc', 'protocol', "Application 'Expenses' is a OPENID_CONNECT application"),
    ('OpenID Connect asked of a SAML application', WEB_APP, 'saml', 'protocol', "Application 'Expenses' is a SAML application"),
    ('an unknown certificate name', dict(EXPENSES, sp_verification_certificates=['Expenses SP signin']), None,
     'sp_verification_certificates', "'Expenses SP signin' names no certificate in the environment"),
    ('resource grants for SAML', dict(EXPENSES, resource_grants=[{'resource': 'openid', 'scopes': ['openid']}]), None,
     'resource_grants', 'resource_grants is for OpenID Connect applications'),
])
def test_refusals_write_nothing(ansible, case, options, existing, option, text):
    add_certificate(ansible)
    if existing:
        ok(run(ansible, EXPENSES if existing == 'saml' else WEB_APP))
    before = ansible.sim.app.management.applications(ENV)
    ansible.sim.reset()
    result_run, result = run(ansible, options)
    assert result['failed'] and result['option'] == option, (case, result)
    assert text in result['msg'], (case, result['msg'])
    assert writes(ansible) == [] and ansible.sim.app.management.applications(ENV) == before
    if not existing and option != 'sp_verification_certificates':
        assert api_requests(ansible) == []   # refused before any request
    assert 'Traceback' not in result_run.output


# --- the simulator's SAML applications, as Ping's description has them ---------------------------------------
@pytest.fixture(name='http')
def fixture_http(ansible):
    sim = ansible.sim
    client = CLIENTS['post']
    token = requests.post('%s/%s/as/token' % (sim.url, ADMIN_ENV_ID), verify=sim.ca_path, timeout=10,
                          data={'grant_type': 'client_credentials', 'client_id': client['id'],
                                'client_secret': client['secret']}).json()['access_token']

    def call(method, path, body=None):
        return requests.request(method, sim.url + path, json=body, headers={'Authorization': 'Bearer ' + token}, verify=sim.ca_path,
                                timeout=10)
    return call


BODY = {'name': 'Payroll', 'enabled': True, 'type': 'WEB_APP', 'protocol': 'SAML', 'acsUrls': ['https://payroll.example.com/acs'],
        'spEntityId': 'payroll', 'assertionDuration': 60}


def details(answer):
    assert answer.status_code == 400 and answer.json()['code'] == 'INVALID_DATA', answer.text
    return {detail['target']: detail for detail in answer.json()['details']}


@pytest.mark.parametrize('change, target, code', [
    ({'spEntityId': None}, 'spEntityId', 'REQUIRED_VALUE'),
    ({'acsUrls': None}, 'acsUrls', 'REQUIRED_VALUE'),
    ({'assertionDuration': None}, 'assertionDuration', 'REQUIRED_VALUE'),
    ({'assertionDuration': '60'}, 'assertionDuration', 'INVALID_VALUE'),
    ({'acsUrls': []}, 'acsUrls', 'INVALID_VALUE'),
    ({'id': '1a2b3c4d-0000-4000-8000-00000000000a'}, 'id', 'INVALID_VALUE'),
    ({'grantTypes': ['AUTHORIZATION_CODE']}, 'grantTypes', 'INVALID_VALUE'),   # an OIDC field: ApplicationSAML has none
    ({'sloBinding': 'SOAP'}, 'sloBinding', 'INVALID_VALUE'),
    ({'type': 'WORKER'}, 'type', 'INVALID_VALUE'),
    ({'spVerification': {'certificates': [{'id': '1a2b3c4d-0000-4000-8000-00000000000a'}]}}, 'spVerification.certificates[0].id',
     'INVALID_VALUE'),
])
def test_the_simulator_refuses_what_application_saml_does_not_allow(http, change, target, code):
    body = {key: value for key, value in dict(BODY, **change).items() if value is not None}
    found = details(http('POST', APPS, body))
    assert target in found and found[target]['code'] == code, found
    if change == {'sloBinding': 'SOAP'}:
        assert found[target]['innerError']['allowedValues'] == ['HTTP_REDIRECT', 'HTTP_POST']


def test_the_simulator_keeps_a_saml_application_as_described(ansible, http):
    certificate = add_certificate(ansible)
    made = http('POST', APPS, dict(BODY, spVerification={'certificates': [{'id': certificate['id']}]}))
    assert made.status_code == 201, made.text
    app = made.json()
    # The description's defaults, no secret, no OIDC field.
    assert (app['assertionSigned'], app['responseSigned'], app['sloBinding']) == (True, False, 'HTTP_POST')
    assert 'pkceEnforcement' not in app and 'secret' not in app['_links']
    assert http('GET', '%s/%s/secret' % (APPS, app['id'])).status_code == 400
    assert http('POST', APPS, dict(BODY, name='Payroll 2')).status_code == 409   # spEntityId is unique in the environment
    item = '%s/%s' % (APPS, app['id'])
    assert 'protocol' in details(http('PUT', item, dict(BODY, protocol='OPENID_CONNECT', tokenEndpointAuthMethod='NONE',
                                                        grantTypes=['CLIENT_CREDENTIALS'])))
    assert 'acsUrls' in details(http('PUT', item, {key: value for key, value in BODY.items() if key != 'acsUrls'}))
    replaced = http('PUT', item, dict(BODY, acsUrls=['https://payroll.example.com/acs2']))
    assert replaced.status_code == 200 and replaced.json()['acsUrls'] == ['https://payroll.example.com/acs2']
    assert [c['id'] for c in ansible.sim.app.store.objects(ENV, 'certificates')] == [certificate['id']]
