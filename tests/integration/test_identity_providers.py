# -*- coding: utf-8 -*-
# Copyright: (c) 2026, pingone.platform maintainers
# GNU General Public License v3.0+ (see LICENSE or https://www.gnu.org/licenses/gpl-3.0.txt)
"""pingone_identity_provider through real ansible-playbook against the simulator's described store: an OIDC provider
created with its secret and registration population, a second run that writes nothing, each update, the secret
only as a marker in --diff and in no form in the -vvvv output (leak scan), attribute mappings, check mode, absent,
and bad input refused with no request; SAML providers (a verification certificate by name, an unknown one refused with
no write); the core username mapping PingOne makes with each provider, adopted (updated with a PUT, never created or
deleted). Every request body is checked against Ping's descriptions (conftest)."""

from __future__ import annotations

import json

import pytest
import requests

from conftest import ALL_SECRET_FORMS, secret_forms  # pylint: disable=import-error

from pingone_simulator import ADMIN_ENV_ID, CLIENTS, SANDBOX_ENV_ID  # pylint: disable=import-error
from calls import api_requests, ok, writes  # pylint: disable=import-error

ENV = SANDBOX_ENV_ID
BASE = '/v1/environments/%s' % ENV
# The identity provider's client secret: the leak scan (conftest.ALL_SECRET_FORMS) covers it in every form at -vvvv.
SECRET = 'IdP-S3cret+/=%:~&-value'
ALL_SECRET_FORMS.update(('identity provider client secret %s' % form, value) for form, value in secret_forms('corp-login', SECRET).items())
MARKER = '(set by this task)'


@pytest.fixture(autouse=True)
def clean(ansible):
    ansible.sim.app.store.reset()   # no identity providers from another test


def run(ansible, options, check=False, diff=False):
    env = {'ANSIBLE_DIFF_ALWAYS': 'true'} if diff else {}
    result_run = ansible.run('identity_provider.yml', extra_vars={'options': dict({'target_environment_id': ENV}, **options)},
                             check=check, env=env)
    return result_run, result_run.result('Run pingone_identity_provider')


def sent_body(ansible, method):
    return json.loads(next(r for r in ansible.sim.requests() if r['method'] == method and r['path'].startswith('/v1/'))['body'])


CORP = {'name': 'Corporate login', 'type': 'OPENID_CONNECT', 'enabled': True, 'client_id': 'corp-login', 'client_secret': SECRET,
        'issuer': 'https://idp.example.com', 'authorization_endpoint': 'https://idp.example.com/authorize',
        'token_endpoint': 'https://idp.example.com/token', 'jwks_endpoint': 'https://idp.example.com/jwks',
        'scopes': ['openid', 'profile'], 'token_endpoint_auth_method': 'CLIENT_SECRET_BASIC', 'registration_population': 'Default'}


def test_an_oidc_provider_is_created_once_updated_and_deleted(ansible):
    result_run, checked = run(ansible, CORP, check=True, diff=True)
    assert not checked.get('failed'), checked.get('msg')
    assert checked['changed'] is True and writes(ansible) == [] and checked['diff']['after']['clientSecret'] == MARKER

    ansible.sim.reset()
    result_run, created = run(ansible, CORP, diff=True)
    assert not created.get('failed'), created.get('msg')
    pid = created['identity_provider']['id']
    assert created['changed'] is True and writes(ansible) == [('POST', BASE + '/identityProviders')]
    body = sent_body(ansible, 'POST')
    assert body['clientSecret'] == SECRET and body['clientId'] == 'corp-login' and body['registration']['population']['id']
    assert created['diff']['after']['clientSecret'] == MARKER and created['diff']['after']['registration_population'] == 'Default'
    assert MARKER in result_run.output and 'clientSecret' not in created['identity_provider']

    ansible.sim.reset()
    again = ok(run(ansible, CORP, diff=True))
    assert again['changed'] is False and writes(ansible) == [] and 'clientSecret' not in json.dumps(again['diff'])

    for option, value, field in (('description', 'Staff', 'description'), ('enabled', False, 'enabled'),
                                 ('issuer', 'https://idp2.example.com', 'issuer'), ('scopes', ['openid', 'email'], 'scopes'),
                                 ('userinfo_endpoint', 'https://idp.example.com/userinfo', 'userInfoEndpoint'),
                                 ('token_endpoint_auth_method', 'CLIENT_SECRET_POST', 'tokenEndpointAuthMethod'),
                                 ('client_id', 'corp-login-2', 'clientId')):
        ansible.sim.reset()
        updated = ok(run(ansible, dict(CORP, **{option: value}), diff=True))
        assert updated['changed'] is True and writes(ansible) == [('PUT', '%s/identityProviders/%s' % (BASE, pid))], option
        body = sent_body(ansible, 'PUT')
        # PingOne's update schema requires the secret: a PUT sent anyway carries it (and the diff marks it).
        assert body[field] == value and body['clientSecret'] == SECRET, option
        assert updated['diff']['after']['clientSecret'] == MARKER
        assert updated['identity_provider'][field] == value and 'clientSecret' not in updated['identity_provider']
        CORP[option] = value

    ansible.sim.reset()
    rotated = ok(run(ansible, dict(CORP, update_secret='always'), diff=True))
    assert rotated['changed'] is True and sent_body(ansible, 'PUT')['clientSecret'] == SECRET
    assert rotated['diff']['after']['clientSecret'] == MARKER

    ansible.sim.reset()
    deleted = ok(run(ansible, {'name': 'Corporate login', 'state': 'absent'}))
    assert deleted['changed'] is True and writes(ansible) == [('DELETE', '%s/identityProviders/%s' % (BASE, pid))]
    ansible.sim.reset()
    gone = ok(run(ansible, {'name': 'Corporate login', 'state': 'absent'}))
    assert gone['changed'] is False and writes(ansible) == []


def test_attribute_mappings_are_exactly_these(ansible):
    # FACEBOOK: a GITHUB (GOOGLE, ...) body fits two branches of the description's oneOf (IdentityProviderClientIDClientSecret and
    # IdentityProviderMicrosoft), which request_schemas.py's strict oneOf refuses; the description gives no discriminator.
    github = {'name': 'Facebook', 'type': 'FACEBOOK', 'enabled': True, 'client_id': 'gh', 'client_secret': SECRET,
              'attribute_mappings': [{'name': 'email', 'value': '${providerAttributes.email}', 'update': 'ALWAYS'}]}
    made = ok(run(ansible, github))
    assert sent_body(ansible, 'POST')['appId'] == 'gh'
    assert 'email' in [item['name'] for item in made['identity_provider']['attribute_mappings']]
    ansible.sim.reset()
    assert ok(run(ansible, github))['changed'] is False and writes(ansible) == []
    ansible.sim.reset()
    changed = ok(run(ansible, dict(github, attribute_mappings=[{'name': 'email', 'value': '${providerAttributes.email}'}])))
    assert changed['changed'] is True and [m for m, _p in writes(ansible)] == ['PUT']
    assert sent_body(ansible, 'PUT')['update'] == 'EMPTY_ONLY'


def test_facebook_takes_app_id_and_app_secret(ansible):
    ok(run(ansible, {'name': 'Facebook', 'type': 'FACEBOOK', 'enabled': True, 'client_id': 'fb-app', 'client_secret': SECRET}))
    body = sent_body(ansible, 'POST')
    assert body['appId'] == 'fb-app' and body['appSecret'] == SECRET and 'clientId' not in body


@pytest.mark.parametrize('options, option', [
    ({'type': 'SAML', 'issuer': 'https://idp.example.com'}, 'issuer'),
    ({'type': 'SAML', 'scopes': ['openid']}, 'scopes'),
    ({'type': 'OPENID_CONNECT', 'sso_endpoint': 'https://idp.example.com/sso'}, 'sso_endpoint'),
    ({'type': 'SAML', 'client_secret': SECRET}, 'client_secret'),
])
def test_an_option_of_another_type_is_refused_with_no_request(ansible, options, option):
    result_run, result = run(ansible, dict({'name': 'Wrong', 'enabled': True}, **options))
    assert result['failed'] and result['option'] == option, result.get('msg')
    assert api_requests(ansible) == []


def test_an_unknown_population_is_refused_before_any_write(ansible):
    result_run, result = run(ansible, dict(CORP, registration_population='Nobody'))
    assert result['failed'] and result['option'] == 'registration_population' and 'Nobody' in result['msg']
    assert writes(ansible) == []


# --- SAML providers (IdentityProviderSAML: idpEntityId, spEntityId, ssoEndpoint, ssoBinding and idpVerification.certificates
# are required; the certificates are the environment's, put in with the store's add_object as PingOne lists an uploaded one).
CERTIFICATE = {'name': 'Partner IdP signing', 'algorithm': 'RSA', 'keyLength': 2048, 'signatureAlgorithm': 'SHA256withRSA',
               'subjectDN': 'CN=idp.partner.example.com', 'issuerDN': 'CN=idp.partner.example.com', 'usageType': 'SIGNING',
               'validityPeriod': 365, 'serialNumber': 7, 'status': 'VALID'}
PARTNER = {'name': 'Partner SAML', 'type': 'SAML', 'enabled': True, 'idp_entity_id': 'https://idp.partner.example.com',
           'sp_entity_id': 'https://auth.example.com/partner', 'sso_endpoint': 'https://idp.partner.example.com/sso',
           'sso_binding': 'HTTP_POST', 'verification_certificates': ['Partner IdP signing']}
IDPS = BASE + '/identityProviders'


def add_certificate(ansible, **fields):
    return ansible.sim.app.store.add_object(ENV, 'certificates', dict(CERTIFICATE, **fields))


def providers(ansible):
    return ansible.sim.app.store.objects(ENV, 'identityProviders')


def test_a_saml_provider_is_created_once_and_updated(ansible):
    partner = dict(PARTNER)
    certificate = add_certificate(ansible)
    checked = ok(run(ansible, partner, check=True, diff=True))
    assert checked['changed'] is True and writes(ansible) == [] and checked['identity_provider'] == {}
    assert checked['diff']['after']['idpVerification'] == {'certificates': [{'id': certificate['id']}]}

    ansible.sim.reset()
    created = ok(run(ansible, partner, diff=True))
    pid = created['identity_provider']['id']
    assert created['changed'] is True and writes(ansible) == [('POST', IDPS)]
    # The certificate's name is read before any write, and sent as its id.
    assert [(r['method'], r['path'].split('?')[0]) for r in api_requests(ansible)][0] == ('GET', BASE + '/certificates')
    assert sent_body(ansible, 'POST') == {
        'name': 'Partner SAML', 'type': 'SAML', 'enabled': True, 'idpEntityId': 'https://idp.partner.example.com',
        'spEntityId': 'https://auth.example.com/partner', 'ssoEndpoint': 'https://idp.partner.example.com/sso', 'ssoBinding': 'HTTP_POST',
        'idpVerification': {'certificates': [{'id': certificate['id']}]}}
    held = created['identity_provider']
    assert held['type'] == 'SAML' and held['idpVerification'] == {'certificates': [{'id': certificate['id']}]}
    assert [p['id'] for p in providers(ansible)] == [pid]

    ansible.sim.reset()
    again = ok(run(ansible, partner))
    assert again['changed'] is False and writes(ansible) == []

    for option, value, field in (('sso_endpoint', 'https://idp.partner.example.com/sso2', 'ssoEndpoint'),
                                 ('sso_binding', 'HTTP_REDIRECT', 'ssoBinding'),
                                 ('idp_entity_id', 'https://idp2.partner.example.com', 'idpEntityId')):
        ansible.sim.reset()
        updated = ok(run(ansible, dict(partner, **{option: value}), diff=True))
        assert updated['changed'] is True and writes(ansible) == [('PUT', '%s/%s' % (IDPS, pid))], option
        body = sent_body(ansible, 'PUT')
        assert body[field] == value and body['idpVerification'] == {'certificates': [{'id': certificate['id']}]}, option
        assert body['spEntityId'] == partner['sp_entity_id'] and 'clientSecret' not in body and 'id' not in body
        assert updated['diff']['before'][field] == partner[option] and updated['diff']['after'][field] == value
        assert providers(ansible)[0][field] == value
        partner[option] = value
        ansible.sim.reset()
        assert ok(run(ansible, partner))['changed'] is False and writes(ansible) == [], option

    # A second certificate, by id this time: the PUT names both.
    second = add_certificate(ansible, name='Partner IdP signing 2026', serialNumber=8)
    ansible.sim.reset()
    both = ok(run(ansible, dict(partner, verification_certificates=['Partner IdP signing', second['id']])))
    assert both['changed'] is True and writes(ansible) == [('PUT', '%s/%s' % (IDPS, pid))]
    assert sent_body(ansible, 'PUT')['idpVerification'] == {'certificates': [{'id': certificate['id']}, {'id': second['id']}]}


@pytest.mark.parametrize('existing', [False, True])
def test_an_unknown_verification_certificate_is_refused_with_no_write(ansible, existing):
    add_certificate(ansible)
    if existing:
        ok(run(ansible, PARTNER))
    before = providers(ansible)
    ansible.sim.reset()
    result_run, result = run(ansible, dict(PARTNER, verification_certificates=['Partner IdP signing', 'Nobody signing']))
    assert result['failed'] and result['option'] == 'verification_certificates', result.get('msg')
    assert "'Nobody signing'" in result['msg'] and "'Partner IdP signing'" in result['msg']   # the names there are
    assert writes(ansible) == [] and providers(ansible) == before
    assert 'Traceback' not in result_run.output


def test_the_simulator_refuses_a_saml_provider_with_an_unknown_certificate(ansible, http):
    body = {'name': 'Direct', 'type': 'SAML', 'enabled': True, 'idpEntityId': 'x', 'spEntityId': 'y', 'ssoEndpoint': 'https://s',
            'ssoBinding': 'HTTP_POST', 'idpVerification': {'certificates': [{'id': '00000000-0000-4000-8000-000000000000'}]}}
    answer = http('POST', '/identityProviders', body)
    assert answer.status_code == 400 and answer.json()['details'][0]['target'] == 'idpVerification.certificates[0].id'
    missing = http('POST', '/identityProviders', {k: v for k, v in body.items() if k != 'idpVerification'})
    assert missing.status_code == 400 and 'idpVerification' in [d['target'] for d in missing.json()['details']]
    certificate = add_certificate(ansible)
    made = http('POST', '/identityProviders', dict(body, idpVerification={'certificates': [{'id': certificate['id']}]}))
    assert made.status_code == 201, made.text


# --- the core username mapping PingOne makes with each provider -----------------------------------------------------
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


def mappings(ansible, pid):
    return {item['name']: item for item in ansible.sim.app.store.objects(ENV, 'identityProviders/{providerID}/attributes', (pid,))}


def test_the_core_username_mapping_is_adopted(ansible):
    created = ok(run(ansible, CORP))
    pid = created['identity_provider']['id']
    core = mappings(ansible, pid)['username']
    assert core['mappingType'] == 'CORE' and core['value'] == '${providerAttributes.sub}' and core['update'] == 'EMPTY_ONLY'
    attributes = '%s/%s/attributes' % (IDPS, pid)

    # Listed with another value: a PUT of the mapping PingOne made, never a POST.
    wanted = [{'name': 'username', 'value': '${providerAttributes.email}'}]
    ansible.sim.reset()
    checked = ok(run(ansible, dict(CORP, attribute_mappings=wanted), check=True, diff=True))
    assert checked['changed'] is True and writes(ansible) == []
    assert checked['diff']['before']['attribute_mappings'] == [{'name': 'username', 'value': '${providerAttributes.sub}', 'update': 'EMPTY_ONLY'}]
    ansible.sim.reset()
    adopted = ok(run(ansible, dict(CORP, attribute_mappings=wanted), diff=True))
    assert adopted['changed'] is True and writes(ansible) == [('PUT', '%s/%s' % (attributes, core['id']))]
    put = sent_body(ansible, 'PUT')
    assert put['name'] == 'username' and put['value'] == '${providerAttributes.email}' and put['update'] == 'EMPTY_ONLY'
    held = mappings(ansible, pid)
    assert list(held) == ['username'] and held['username']['id'] == core['id'] and held['username']['mappingType'] == 'CORE'
    assert held['username']['value'] == '${providerAttributes.email}'
    assert [m['name'] for m in adopted['identity_provider']['attribute_mappings']] == ['username']

    ansible.sim.reset()
    again = ok(run(ansible, dict(CORP, attribute_mappings=wanted)))
    assert again['changed'] is False and writes(ansible) == []

    # Left out of attribute_mappings: a custom mapping is made, the core one stays as it is (never deleted).
    email = [{'name': 'email', 'value': '${providerAttributes.email}', 'update': 'ALWAYS'}]
    ansible.sim.reset()
    custom = ok(run(ansible, dict(CORP, attribute_mappings=email)))
    assert custom['changed'] is True and writes(ansible) == [('POST', attributes)]
    assert sorted(mappings(ansible, pid)) == ['email', 'username'] and mappings(ansible, pid)['username']['value'] == '${providerAttributes.email}'
    email_id = mappings(ansible, pid)['email']['id']
    ansible.sim.reset()
    emptied = ok(run(ansible, dict(CORP, attribute_mappings=[])))
    assert emptied['changed'] is True and writes(ansible) == [('DELETE', '%s/%s' % (attributes, email_id))]
    assert list(mappings(ansible, pid)) == ['username']
    ansible.sim.reset()
    assert ok(run(ansible, dict(CORP, attribute_mappings=[])))['changed'] is False and writes(ansible) == []


def test_another_update_of_the_core_username_is_refused_before_any_request(ansible):
    result_run, result = run(ansible, dict(CORP, attribute_mappings=[{'name': 'username', 'value': '${providerAttributes.sub}',
                                                                      'update': 'ALWAYS'}]))
    assert result['failed'] and result['option'] == 'attribute_mappings' and 'cannot change' in result['msg']
    assert api_requests(ansible) == []


def test_a_saml_provider_comes_with_its_core_username(ansible):
    add_certificate(ansible)
    made = ok(run(ansible, dict(PARTNER, attribute_mappings=[{'name': 'email', 'value': '${samlAssertion.mail}'}])))
    pid = made['identity_provider']['id']
    assert writes(ansible) == [('POST', IDPS), ('POST', '%s/%s/attributes' % (IDPS, pid))]
    held = mappings(ansible, pid)
    assert held['username']['value'] == '${samlAssertion.subject}' and held['username']['mappingType'] == 'CORE'
    assert sorted(m['name'] for m in made['identity_provider']['attribute_mappings']) == ['email', 'username']


def test_the_simulator_keeps_the_core_username_as_the_description_says(ansible, http):
    pid = ok(run(ansible, CORP))['identity_provider']['id']
    core = mappings(ansible, pid)['username']
    path = '/identityProviders/%s/attributes' % pid
    # "CORE (This attribute is required by the schema and cannot be removed. The name and update properties cannot be changed.)"
    assert http('DELETE', '%s/%s' % (path, core['id'])).status_code == 400
    refused = http('PUT', '%s/%s' % (path, core['id']), {'name': 'username', 'value': '${providerAttributes.sub}', 'update': 'ALWAYS'})
    assert refused.status_code == 400 and [d['target'] for d in refused.json()['details']] == ['update']
    renamed = http('PUT', '%s/%s' % (path, core['id']), {'name': 'nickname', 'value': '${providerAttributes.sub}', 'update': 'EMPTY_ONLY'})
    assert renamed.status_code == 400 and [d['target'] for d in renamed.json()['details']] == ['name']
    assert http('POST', path, {'name': 'username', 'value': '${providerAttributes.sub}', 'update': 'EMPTY_ONLY'}).status_code == 409
    changed = http('PUT', '%s/%s' % (path, core['id']), {'name': 'username', 'value': '${providerAttributes.email}', 'update': 'EMPTY_ONLY'})
    assert changed.status_code == 200 and changed.json()['mappingType'] == 'CORE' and changed.json()['value'] == '${providerAttributes.email}'
