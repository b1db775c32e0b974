# -*- coding: utf-8 -*-
# Copyright: (c) 2026, pingone.platform maintainers
# GNU General Public License v3.0+ (see LICENSE or https://www.gnu.org/licenses/gpl-3.0.txt)
"""pingone_identity_provider through real ansible-playbook against the simulator's described store: an OIDC provider
created with its secret and registration population, a second run that writes nothing, each update, the secret
only as a marker in --diff and in no form in the -vvvv output (leak scan), attribute mappings, check mode, absent,
and bad input refused with no request. Every request body is checked against Ping's descriptions (conftest)."""

from __future__ import annotations

import json

import pytest

from conftest import ALL_SECRET_FORMS, secret_forms  # pylint: disable=import-error

from pingone_simulator import SANDBOX_ENV_ID  # pylint: disable=import-error

ENV = SANDBOX_ENV_ID
BASE = '/v1/environments/%s' % ENV
WRITES = ('POST', 'PUT', 'PATCH', 'DELETE')
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


def ok(pair):
    result_run, result = pair
    assert result_run.rc == 0 and not result.get('failed'), result.get('msg') or result_run.output[-3000:]
    return result


def writes(ansible):
    return [(r['method'], r['path']) for r in ansible.sim.requests() if r['path'].startswith('/v1/') and r['method'] in WRITES]


def api_requests(ansible):
    return [r for r in ansible.sim.requests() if r['path'].startswith('/v1/')]


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
