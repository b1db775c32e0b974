# -*- coding: utf-8 -*-
# Copyright: (c) 2026, pingone.platform maintainers
# GNU General Public License v3.0+ (see LICENSE or https://www.gnu.org/licenses/gpl-3.0.txt)
"""pingone_application with protocol SAML: the body built, certificate names, full PUTs, and the refusals both ways."""

from __future__ import annotations

import json

import pytest

from ansible_collections.pingone.platform.plugins.modules import pingone_application as module
from ansible_collections.pingone.platform.plugins.module_utils.saml_application import saml_keeps
from ansible_collections.pingone.platform.tests.unit.fakes import ENV_ID, Answer, run_module

APPS = 'https://api.pingone.com/v1/environments/%s/applications' % ENV_ID
CERTS = 'https://api.pingone.com/v1/environments/%s/certificates' % ENV_ID
APP_ID = '4f3e2d1c-0b9a-4877-a6b5-c4d3e2f1a0b9'
APP = '%s/%s' % (APPS, APP_ID)
CERT_A = '1a2b3c4d-0000-4000-8000-00000000000a'
CERT_B = '1a2b3c4d-0000-4000-8000-00000000000b'
SAML_APP = {
    'id': APP_ID, 'name': 'Expenses', 'type': 'WEB_APP', 'protocol': 'SAML', 'enabled': True,
    'acsUrls': ['https://e.example.com/acs', 'https://e.example.com/acs2'], 'spEntityId': 'https://e.example.com/saml',
    'assertionDuration': 300, 'sloEndpoint': 'https://e.example.com/slo',
    'spVerification': {'authnRequestSigned': True, 'certificates': [{'id': CERT_A}]},
    # Not managed here: sent back as they are in a PUT.
    'assertionSigned': True, 'responseSigned': False, 'sloBinding': 'HTTP_POST', 'idpSigning': {'key': {'id': 'k1'}},
    # Set by PingOne itself: never sent.
    'environment': {'id': ENV_ID}, 'createdAt': '2026-01-01T00:00:00.000Z', 'updatedAt': '2026-01-02T00:00:00.000Z',
    '_links': {'self': {'href': APP}},
}
SAME = {'protocol': 'SAML', 'acs_urls': ['https://e.example.com/acs', 'https://e.example.com/acs2'],
        'sp_entity_id': 'https://e.example.com/saml', 'assertion_duration': 300, 'slo_endpoint': 'https://e.example.com/slo',
        'sp_verification_certificates': [CERT_A]}
NEW = {'protocol': 'SAML', 'acs_urls': ['https://e.example.com/acs'], 'sp_entity_id': 'https://e.example.com/saml',
       'assertion_duration': 300}


def page(*items, key='applications'):
    return Answer(200, {'_embedded': {key: list(items)}, '_links': {}})


def sent(api):
    return [(request.method, request.url) for request in api.sent]


def body(api, index):
    return json.loads(api.sent[index].body)


def run(api, monkeypatch, **args):
    return run_module(module.main, dict({'target_environment_id': ENV_ID, 'name': 'Expenses', 'access_token': 'tok'}, **args), monkeypatch)


# --- create ----------------------------------------------------------------------------------------------
def test_create_body_is_an_application_saml(api, monkeypatch):
    api.answers += [page(), Answer(201, dict(SAML_APP, spVerification=None))]
    failed, result = run(api, monkeypatch, slo_response_endpoint='https://e.example.com/slo-response',
                         name_id_format='urn:oasis:names:tc:SAML:1.1:nameid-format:emailAddress', description='Expense claims', **NEW)
    assert not failed and result['changed'] is True
    assert sent(api) == [('GET', APPS), ('POST', APPS)]
    assert body(api, 1) == {'name': 'Expenses', 'type': 'WEB_APP', 'protocol': 'SAML', 'enabled': True, 'description': 'Expense claims',
                            'acsUrls': ['https://e.example.com/acs'], 'spEntityId': 'https://e.example.com/saml', 'assertionDuration': 300,
                            'sloResponseEndpoint': 'https://e.example.com/slo-response',
                            'nameIdFormat': 'urn:oasis:names:tc:SAML:1.1:nameid-format:emailAddress'}
    assert result['diff']['after']['acs_urls'] == ['https://e.example.com/acs'] and result['diff']['after']['type'] == 'WEB_APP'
    assert result['client_id'] == APP_ID and 'client_secret' not in result   # its id; a SAML application has no secret
    assert result['application']['id'] == APP_ID


def test_certificate_names_are_resolved_before_the_create_and_ids_taken_as_they_are(api, monkeypatch):
    certificates = page({'id': CERT_A, 'name': 'SP signing'}, {'id': CERT_B, 'name': 'SP next'}, key='certificates')
    api.answers += [certificates, page(), Answer(201, SAML_APP)]
    failed, result = run(api, monkeypatch, sp_verification_certificates=['SP signing', CERT_B.upper()], **NEW)
    assert not failed and sent(api) == [('GET', CERTS), ('GET', APPS), ('POST', APPS)]
    assert body(api, 2)['spVerification'] == {'certificates': [{'id': CERT_A}, {'id': CERT_B}]}
    assert result['diff']['after']['sp_verification_certificates'] == [CERT_A, CERT_B]
    # Ids only: no read of the certificates.
    api.sent.clear()
    api.answers += [page(), Answer(201, SAML_APP)]
    failed, result = run(api, monkeypatch, sp_verification_certificates=[CERT_A], **NEW)
    assert not failed and sent(api) == [('GET', APPS), ('POST', APPS)]


def test_an_unknown_certificate_name_is_refused_before_any_write(api, monkeypatch):
    api.answers += [page({'id': CERT_A, 'name': 'SP signing'}, key='certificates')]
    failed, result = run(api, monkeypatch, sp_verification_certificates=['SP signin'], **NEW)
    assert failed and result['option'] == 'sp_verification_certificates' and sent(api) == [('GET', CERTS)]
    assert "'SP signin'" in result['msg'] and "'SP signing'" in result['msg']


@pytest.mark.parametrize('missing', ['acs_urls', 'sp_entity_id', 'assertion_duration'])
def test_create_without_a_required_field_is_refused_before_any_write(api, monkeypatch, missing):
    api.answers += [page()]
    failed, result = run(api, monkeypatch, **{key: value for key, value in NEW.items() if key != missing})
    assert failed and result['option'] == missing and sent(api) == [('GET', APPS)]


def test_check_mode_create_writes_nothing(api, monkeypatch):
    api.answers += [page()]
    failed, result = run(api, monkeypatch, _ansible_check_mode=True, **NEW)
    assert not failed and result['changed'] is True and result['application'] == {} and sent(api) == [('GET', APPS)]
    assert result['diff']['after']['sp_entity_id'] == 'https://e.example.com/saml'


# --- unchanged and update --------------------------------------------------------------------------------
def test_unchanged_second_run_writes_nothing(api, monkeypatch):
    api.answers += [page(SAML_APP)]
    failed, result = run(api, monkeypatch, **SAME)
    assert not failed and result['changed'] is False and sent(api) == [('GET', APPS)]
    assert result['diff']['before'] == result['diff']['after']
    assert result['diff']['before']['sp_verification_certificates'] == [CERT_A] and result['client_id'] == APP_ID


def test_acs_urls_compare_in_order(api, monkeypatch):
    api.answers += [page(SAML_APP), Answer(200, SAML_APP)]
    failed, result = run(api, monkeypatch, **{**SAME, 'acs_urls': ['https://e.example.com/acs2', 'https://e.example.com/acs']})
    assert not failed and result['changed'] is True and body(api, 1)['acsUrls'] == ['https://e.example.com/acs2', 'https://e.example.com/acs']


def test_update_is_a_full_put_of_application_saml(api, monkeypatch):
    api.answers += [page(SAML_APP), Answer(200, SAML_APP)]
    failed, result = run(api, monkeypatch, protocol='SAML', acs_urls=['https://e.example.com/new'], slo_endpoint='',
                         sp_verification_certificates=[CERT_B])
    assert not failed and result['changed'] is True and sent(api) == [('GET', APPS), ('PUT', APP)]
    assert body(api, 1) == {'name': 'Expenses', 'type': 'WEB_APP', 'protocol': 'SAML', 'enabled': True,
                            'acsUrls': ['https://e.example.com/new'], 'spEntityId': 'https://e.example.com/saml', 'assertionDuration': 300,
                            # authnRequestSigned is kept; the certificates are the task's
                            'spVerification': {'authnRequestSigned': True, 'certificates': [{'id': CERT_B}]},
                            'assertionSigned': True, 'responseSigned': False, 'sloBinding': 'HTTP_POST', 'idpSigning': {'key': {'id': 'k1'}}}
    assert result['diff']['before']['slo_endpoint'] == 'https://e.example.com/slo' and result['diff']['after']['slo_endpoint'] == ''


def test_certificates_removed(api, monkeypatch):
    bare = {key: value for key, value in SAML_APP.items() if key != 'spVerification'}
    api.answers += [page(bare), Answer(200, bare)]
    failed, _result = run(api, monkeypatch, protocol='SAML', description='x')
    assert not failed and 'spVerification' not in body(api, 1)   # none before, none sent
    api.sent.clear()
    api.answers += [page(SAML_APP), Answer(200, SAML_APP)]
    failed, _result = run(api, monkeypatch, protocol='SAML', sp_verification_certificates=[])
    assert not failed and body(api, 1)['spVerification'] == {'authnRequestSigned': True, 'certificates': []}


def test_keeps_come_from_the_description():
    keeps = saml_keeps()
    assert {'idpSigning', 'spEncryption', 'assertionSigned', 'sloBinding', 'corsSettings', 'protocol'} <= set(keeps)
    assert not {'id', 'createdAt', 'updatedAt', 'environment', '_links', 'acsUrls', 'spVerification', 'name', 'description'} & set(keeps)


def test_check_mode_update_writes_nothing(api, monkeypatch):
    api.answers += [page(SAML_APP)]
    failed, result = run(api, monkeypatch, **{**SAME, 'assertion_duration': 60, '_ansible_check_mode': True})
    assert not failed and result['changed'] is True and sent(api) == [('GET', APPS)]
    assert (result['diff']['before']['assertion_duration'], result['diff']['after']['assertion_duration']) == (300, 60)


def test_delete(api, monkeypatch):
    api.answers += [page(SAML_APP), Answer(204)]
    failed, result = run(api, monkeypatch, protocol='SAML', state='absent')
    assert not failed and result['changed'] is True and sent(api) == [('GET', APPS), ('DELETE', APP)]


# --- the protocol cannot change ---------------------------------------------------------------------------
OIDC_APP = {'id': APP_ID, 'name': 'Expenses', 'type': 'WEB_APP', 'protocol': 'OPENID_CONNECT', 'enabled': True,
            'grantTypes': ['AUTHORIZATION_CODE'], 'responseTypes': ['CODE'], 'redirectUris': ['https://e.example.com/cb'],
            'tokenEndpointAuthMethod': 'CLIENT_SECRET_BASIC'}


@pytest.mark.parametrize('existing, args, named', [
    (SAML_APP, {}, 'SAML'),                                  # protocol left at its default, OPENID_CONNECT
    (SAML_APP, {'state': 'absent'}, 'SAML'),
    (OIDC_APP, NEW, 'OPENID_CONNECT'),
])
def test_a_protocol_change_is_refused_before_any_write(api, monkeypatch, existing, args, named):
    api.answers += [page(existing)]
    failed, result = run(api, monkeypatch, **args)
    assert failed and result['option'] == 'protocol' and sent(api) == [('GET', APPS)]
    assert 'is a %s application' % named in result['msg'] and 'cannot change' in result['msg']


def test_ws_fed_is_still_refused(api, monkeypatch):
    api.answers += [page(dict(OIDC_APP, protocol='WS_FED'))]
    failed, result = run(api, monkeypatch, **NEW)
    assert failed and result['option'] == 'name' and 'WS_FED' in result['msg']


# --- the options of the other protocol, refused before any request ---------------------------------------------
@pytest.mark.parametrize('option, value', [
    ('redirect_uris', ['https://e.example.com/cb']), ('post_logout_redirect_uris', []), ('grant_types', ['AUTHORIZATION_CODE']),
    ('response_types', ['CODE']), ('token_endpoint_auth_method', 'NONE'), ('pkce_enforcement', 'OPTIONAL'),
    ('return_secret', True), ('rotate_secret', True), ('assign_actor_roles', True),
])
def test_an_oidc_option_with_saml_sends_no_request(api, monkeypatch, option, value):
    failed, result = run(api, monkeypatch, **dict(NEW, **{option: value}))
    assert failed and result['option'] == option and api.sent == []
    assert 'OpenID Connect' in result['msg'] and option in result['msg']


@pytest.mark.parametrize('option, value', [
    ('acs_urls', ['https://e.example.com/acs']), ('sp_entity_id', 'x'), ('assertion_duration', 60), ('slo_endpoint', ''),
    ('slo_response_endpoint', 'https://e.example.com/slo'), ('sp_verification_certificates', []), ('name_id_format', 'x'),
])
def test_a_saml_option_without_saml_sends_no_request(api, monkeypatch, option, value):
    failed, result = run(api, monkeypatch, type='WORKER', **{option: value})
    assert failed and result['option'] == option and api.sent == [] and 'SAML' in result['msg']


@pytest.mark.parametrize('args, option', [
    ({'type': 'WORKER'}, 'type'),
    ({'acs_urls': []}, 'acs_urls'),
    ({'acs_urls': ['/acs']}, 'acs_urls'),
    ({'slo_endpoint': 'e.example.com/slo'}, 'slo_endpoint'),
    ({'slo_response_endpoint': 'https://'}, 'slo_response_endpoint'),
    ({'sp_entity_id': ' '}, 'sp_entity_id'),
    ({'assertion_duration': 0}, 'assertion_duration'),
    ({'sp_verification_certificates': ['']}, 'sp_verification_certificates'),
])
def test_bad_saml_values_send_no_request(api, monkeypatch, args, option):
    failed, result = run(api, monkeypatch, **dict(NEW, **args))
    assert failed and result['option'] == option and api.sent == []
