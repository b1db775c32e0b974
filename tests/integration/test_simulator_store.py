# -*- coding: utf-8 -*-
# Copyright: (c) 2026, pingone.platform maintainers
# GNU General Public License v3.0+ (see LICENSE or https://www.gnu.org/licenses/gpl-3.0.txt)
"""The simulator's generic store (tests/simulator/described_store.py), over real HTTPS with requests:
per family of kinds create -> read -> list -> filter -> PUT -> delete, the body checks PingOne makes
(read-only, unknown, wrong type, enum with allowedValues, required, media type), the objects a new
environment holds, the refusals, paging and write-only secrets.

It tests the simulator itself, so it talks to it directly. The MFA and risk descriptions are vendored
in tests/reference like the others: a kind of theirs the store cannot serve fails, never skips.
"""

from __future__ import annotations

import copy
import os
import re
import sys
import time
import uuid

import pytest
import requests

HERE = os.path.dirname(os.path.abspath(__file__))
sys.path.insert(0, os.path.join(os.path.dirname(HERE), 'simulator'))

from request_schemas import problems as request_problems  # noqa: E402  pylint: disable=wrong-import-position
from pingone_simulator import ADMIN_ENV_ID, CLIENTS, LICENSE_ID, PingOneApp, DEFAULT_CONFIG, Simulator  # noqa: E402  pylint: disable=wrong-import-position

SERVER_FIELDS = ('_links', 'forSignOnPolicy', 'id', 'environment', 'createdAt', 'updatedAt', 'application', 'resource', 'schema', 'identityProvider',
                 'agreement', 'template', 'deletable', 'licensed', 'canonicalName', 'currentRevision')


class Api:
    def __init__(self, sim):
        self.sim = sim
        client = CLIENTS['post']
        answer = requests.post(f'{sim.url}/{ADMIN_ENV_ID}/as/token', verify=sim.ca_path, timeout=10,
                               data={'grant_type': 'client_credentials', 'client_id': client['id'], 'client_secret': client['secret']})
        answer.raise_for_status()
        self.session = requests.Session()
        self.session.headers['Authorization'] = f"Bearer {answer.json()['access_token']}"

    def __call__(self, method, path, body=None, content_type='application/json', **params):
        headers = {'Content-Type': content_type} if body is not None else {}
        url = path if path.startswith('https://') else f'{self.sim.url}/v1{path}'
        return self.session.request(method, url, json=body, headers=headers, params=params or None, verify=self.sim.ca_path, timeout=10)

    def ok(self, method, path, body=None, status=200, **params):
        answer = self(method, path, body, **params)
        assert answer.status_code == status, (method, path, answer.status_code, answer.text)
        return answer.json() if answer.content else None

    def items(self, path, **params):
        page = self.ok('GET', path, **params)
        key, = page['_embedded']
        found = list(page['_embedded'][key])
        while 'next' in page['_links']:
            page = self.ok('GET', page['_links']['next']['href'])
            found += page['_embedded'][key]
        return found

    def named(self, path, name):
        return next(item for item in self.items(path) if item.get('name') == name)


@pytest.fixture(scope='module', name='sim')
def fixture_sim(tmp_path_factory):
    simulator = Simulator(tmp_path_factory.mktemp('store-sim'), config={'create_visibility_requests': 0}).start()
    yield simulator
    simulator.stop()


@pytest.fixture(scope='module', name='api')
def fixture_api(sim):
    return Api(sim)


@pytest.fixture(name='env')
def fixture_env(api):
    """A new environment: what PingOne makes in every environment is there; deleted afterwards."""
    made = api.ok('POST', '/environments', {'name': f'store-{uuid.uuid4().hex[:8]}', 'type': 'SANDBOX', 'region': 'NA',
                                            'license': {'id': LICENSE_ID}}, status=201)
    yield f"/environments/{made['id']}"
    api.ok('DELETE', f"/environments/{made['id']}", status=204)


def needs(sim, description):
    assert description not in sim.app.store.missing, f'pingone-{description}-openapi.yml is not in tests/reference (nor PINGONE_REFERENCE_DIR)'


def writable(item):
    return {key: value for key, value in item.items() if key not in SERVER_FIELDS}


def make_app(api, env, name='store-app'):
    return api.ok('POST', f'{env}/applications', {'name': name, 'enabled': True, 'type': 'WORKER', 'protocol': 'OPENID_CONNECT',
                                                  'tokenEndpointAuthMethod': 'CLIENT_SECRET_BASIC',
                                                  'grantTypes': ['CLIENT_CREDENTIALS']}, status=201)


# --- the objects every environment holds ---------------------------------------------------------------
def test_a_new_environment_holds_pingones_own_objects(api, env, sim):
    policies = {p['name']: p for p in api.items(f'{env}/signOnPolicies')}
    assert set(policies) == {'Single_Factor', 'Multi_Factor'} and policies['Single_Factor']['default'] is True
    assert [a['type'] for a in api.items(f"{env}/signOnPolicies/{policies['Single_Factor']['id']}/actions")] == ['LOGIN']
    assert [a['type'] for a in api.items(f"{env}/signOnPolicies/{policies['Multi_Factor']['id']}/actions")] == \
        ['LOGIN', 'MULTI_FACTOR_AUTHENTICATION']
    passwords = {p['name']: p for p in api.items(f'{env}/passwordPolicies')}
    assert set(passwords) == {'Standard', 'Basic', 'Passphrase'} and [n for n, p in passwords.items() if p['default']] == ['Standard']
    resources = {r['name']: r for r in api.items(f'{env}/resources')}
    assert {(n, r['type']) for n, r in resources.items()} == {('openid', 'OPENID_CONNECT'), ('PingOne API', 'PINGONE_API')}
    scopes = [s['name'] for s in api.items(f"{env}/resources/{resources['openid']['id']}/scopes")]
    assert scopes == ['openid', 'profile', 'email', 'address', 'phone']
    schema = api.named(f'{env}/schemas', 'User')
    attributes = {a['name']: a for a in api.items(f"{env}/schemas/{schema['id']}/attributes")}
    assert attributes['username']['schemaType'] == 'CORE' and attributes['email']['schemaType'] == 'STANDARD'
    assert api.ok('GET', f'{env}/brandingSettings')['environment']['id'] in env
    assert [(c['locale'], c['deliveryMethod'], c['default']) for c in api.items(f'{env}/templates/general/contents')] == [('en', 'Email', True)]
    app = make_app(api, env)
    assert [(m['name'], m['mappingType']) for m in api.items(f"{env}/applications/{app['id']}/attributes")] == [('sub', 'CORE')]
    if 'mfa' not in sim.app.store.missing:
        assert [p['name'] for p in api.items(f'{env}/deviceAuthenticationPolicies') if p['default']] == ['Default MFA Policy']
    if 'risk' not in sim.app.store.missing:
        assert len(api.items(f'{env}/riskPredictors')) >= 4


def test_every_built_in_object_takes_its_own_fields_back(api, env, sim):
    """GET then PUT of each built-in object's writable fields is accepted: the built-ins conform to the descriptions."""
    app = make_app(api, env)
    policies = api.items(f'{env}/signOnPolicies')
    resources = api.items(f'{env}/resources')
    schema = api.named(f'{env}/schemas', 'User')
    collections = ['/signOnPolicies', '/passwordPolicies', '/resources', f"/applications/{app['id']}/attributes", '/templates/general/contents',
                   f"/schemas/{schema['id']}/attributes"]
    collections += [f"/signOnPolicies/{p['id']}/actions" for p in policies] + [f"/resources/{r['id']}/scopes" for r in resources]
    collections += [c for c, d in (('/deviceAuthenticationPolicies', 'mfa'), ('/riskPredictors', 'risk')) if d not in sim.app.store.missing]
    for collection in collections:
        for item in api.items(env + collection):
            api.ok('PUT', f"{env}{collection}/{item['id']}", writable(item))
    api.ok('PUT', f'{env}/brandingSettings', {'companyName': 'Example'})
    assert api.ok('GET', f'{env}/brandingSettings')['companyName'] == 'Example'


# --- one family per case: create -> read -> list -> filter -> PUT -> delete ---------------------------------
def _parent_policy(api, env):
    policy = api.ok('POST', f'{env}/signOnPolicies', {'name': 'with-actions'}, status=201)
    api.ok('POST', f"{env}/signOnPolicies/{policy['id']}/actions", {'priority': 1, 'type': 'LOGIN'}, status=201)
    return f"/signOnPolicies/{policy['id']}/actions"


def _parent_resource(what):
    def make(api, env):
        resource = api.ok('POST', f'{env}/resources', {'name': f'Orders API {what}', 'audience': 'https://orders.example'}, status=201)
        return f"/resources/{resource['id']}/{what}"
    return make


def _app_grants(api, env):
    app = make_app(api, env, 'granted')
    resource = api.ok('POST', f'{env}/resources', {'name': 'Granted API'}, status=201)
    scope = api.ok('POST', f"{env}/resources/{resource['id']}/scopes", {'name': 'orders:read'}, status=201)
    second = api.ok('POST', f"{env}/resources/{resource['id']}/scopes", {'name': 'orders:write'}, status=201)
    CASES_STATE['grant'] = (resource['id'], scope['id'], second['id'])
    return f"/applications/{app['id']}/grants"


def _app_sub(what):
    def make(api, env):
        return f"/applications/{make_app(api, env, 'app-' + what)['id']}/{what}"
    return make


def _idp_attributes(api, env):
    idp = api.ok('POST', f'{env}/identityProviders', {'name': 'GitHub', 'type': 'GITHUB', 'enabled': True, 'clientId': 'c',
                                                      'clientSecret': 'gh-secret-value'}, status=201)
    return f"/identityProviders/{idp['id']}/attributes"


def _schema_attributes(api, env):
    return f"/schemas/{api.named(f'{env}/schemas', 'User')['id']}/attributes"


def _agreement_languages(api, env):
    agreement = api.ok('POST', f'{env}/agreements', {'name': 'Terms', 'enabled': False}, status=201)
    return f"/agreements/{agreement['id']}/languages"


CASES_STATE = {}
THEME = {'backgroundType': 'COLOR', 'backgroundColor': '#ffffff', 'logoType': 'NONE', 'buttonColor': '#000000',
         'buttonTextColor': '#ffffff', 'linkTextColor': '#0000ff', 'cardColor': '#eeeeee', 'bodyTextColor': '#111111',
         'headingTextColor': '#222222'}
OTP = {'failure': {'count': 3, 'coolDown': {'duration': 2, 'timeUnit': 'MINUTES'}}, 'lifeTime': {'duration': 30, 'timeUnit': 'MINUTES'}}
DEVICE_OTP = {'failure': OTP['failure']}
# (id, description, collection or a function making the parent and answering the collection, create body, the field a PUT
# changes and its new value, filter)
FAMILIES = [
    ('sign_on_policy', 'management', '/signOnPolicies', {'name': 'Partners'}, ('name', 'Partners 2'), 'name eq "Partners"'),
    ('sign_on_policy_action', 'management', _parent_policy,
     {'priority': 2, 'type': 'MULTI_FACTOR_AUTHENTICATION', 'noDevicesMode': 'BLOCK'}, ('priority', 3), 'type eq "MULTI_FACTOR_AUTHENTICATION"'),
    ('resource', 'management', '/resources', {'name': 'Orders API', 'audience': 'https://orders.example'},
     ('accessTokenValiditySeconds', 7200), 'name sw "Orders"'),
    ('resource_scope', 'management', _parent_resource('scopes'), {'name': 'orders:read'}, ('description', 'Read orders'),
     'name eq "orders:read"'),
    ('resource_attribute', 'management', _parent_resource('attributes'), {'name': 'tenant', 'value': '${user.tenant}'},
     ('value', '${user.org}'), 'name eq "tenant"'),
    ('application_resource_grant', 'management', _app_grants, 'grant', 'grant', None),
    ('application_attribute_mapping', 'management', _app_sub('attributes'), {'name': 'email', 'value': '${user.email}', 'required': False},
     ('required', True), 'name eq "email"'),
    ('application_sign_on_policy_assignment', 'management', _app_sub('signOnPolicyAssignments'), 'assignment', ('priority', 2), None),
    ('password_policy', 'management', '/passwordPolicies',
     {'name': 'Strict', 'excludesCommonlyUsed': True, 'excludesProfileData': True, 'notSimilarToCurrent': True, 'length': {'min': 12, 'max': 64}},
     ('maxAgeDays', 90), 'name eq "Strict"'),
    ('mfa_device_policy', 'mfa', '/deviceAuthenticationPolicies',
     {'name': 'Staff MFA', 'default': False, 'sms': {'enabled': True, 'otp': OTP}, 'voice': {'enabled': False, 'otp': OTP},
      'email': {'enabled': True, 'otp': OTP}, 'mobile': {'enabled': False, 'otp': DEVICE_OTP}, 'totp': {'enabled': True, 'otp': DEVICE_OTP}},
     ('name', 'Staff MFA 2'), 'name eq "Staff MFA"'),
    ('identity_provider', 'management', '/identityProviders',
     {'name': 'Corp OIDC', 'type': 'OPENID_CONNECT', 'enabled': True, 'clientId': 'corp', 'clientSecret': 'oidc-secret-value',
      'authorizationEndpoint': 'https://idp.example/auth', 'tokenEndpoint': 'https://idp.example/token', 'issuer': 'https://idp.example',
      'jwksEndpoint': 'https://idp.example/jwks', 'scopes': ['openid'], 'tokenEndpointAuthMethod': 'CLIENT_SECRET_BASIC'},
     ('enabled', False), 'type eq "OPENID_CONNECT"'),
    ('identity_provider_attribute', 'management', _idp_attributes, {'name': 'nickname', 'value': '${providerAttributes.login}', 'update': 'ALWAYS'},
     ('update', 'EMPTY_ONLY'), 'name eq "nickname"'),
    ('schema_attribute', 'management', _schema_attributes, {'name': 'costCenter', 'enabled': True, 'type': 'STRING', 'schemaType': 'CUSTOM'},
     ('displayName', 'Cost centre'), 'name eq "costCenter"'),
    ('notification_template_content', 'management', '/templates/general/contents',
     {'locale': 'fr', 'deliveryMethod': 'Email', 'subject': 'Bonjour', 'body': '<p>Bonjour</p>'}, ('subject', 'Salut'), 'locale eq "fr"'),
    ('branding_theme', 'management', '/themes', {'template': 'split', 'default': False, 'configuration': dict(THEME, name='Corp')},
     ('template', 'mural'), 'configuration.name eq "Corp"'),
    ('agreement', 'management', '/agreements', {'name': 'Privacy', 'enabled': False}, ('reconsentPeriodDays', 180), 'name eq "Privacy"'),
    ('agreement_language', 'management', _agreement_languages, {'locale': 'en', 'displayName': 'English', 'enabled': False},
     ('displayName', 'English (UK)'), 'locale eq "en"'),
    ('custom_domain', 'management', '/customDomains', {'domainName': 'login.example.com'}, None, 'domainName eq "login.example.com"'),
    ('webhook', 'management', '/subscriptions',
     {'name': 'SIEM', 'enabled': True, 'verifyTlsCertificates': True, 'format': 'ACTIVITY', 'filterOptions': {'includedActionTypes': ['USER.CREATED']},
      'httpEndpoint': {'url': 'https://siem.example/hook', 'headers': {'Authorization': 'Basic webhook-secret-value'}}},
     ('enabled', False), 'name eq "SIEM"'),
    ('key', 'management', '/keys', {'name': 'Signing', 'algorithm': 'RSA', 'keyLength': 2048, 'signatureAlgorithm': 'SHA256withRSA',
                                    'subjectDN': 'CN=Signing', 'usageType': 'SIGNING', 'validityPeriod': 365, 'default': False},
     'key', 'name eq "Signing"'),
    ('trusted_email_domain', 'management', '/emailDomains', {'domainName': 'mail.example.com'}, None, 'domainName eq "mail.example.com"'),
    ('gateway', 'management', '/gateways', {'name': 'PingFederate', 'type': 'PING_FEDERATE', 'enabled': True}, ('enabled', False),
     'name eq "PingFederate"'),
    ('risk_predictor', 'risk', '/riskPredictors', {'name': 'Tor exits', 'compactName': 'torExits', 'type': 'ANONYMOUS_NETWORK'},
     ('description', 'Tor and VPN'), 'compactName eq "torExits"'),
    ('risk_policy', 'risk', '/riskPolicySets', {'name': 'Strict risk', 'defaultResult': {'level': 'LOW'}, 'riskPolicies': []},
     ('description', 'Strict'), 'name eq "Strict risk"'),
]


@pytest.mark.parametrize('case', FAMILIES, ids=[case[0] for case in FAMILIES])
def test_a_kind_goes_through_its_life(api, env, sim, case):
    _name, description, collection, body, change, scim = case
    needs(sim, description)
    sim.reset()
    collection = env + (collection(api, env) if callable(collection) else collection)
    if body == 'grant':
        resource_id, scope_id, second_id = CASES_STATE['grant']
        body, change = {'resource': {'id': resource_id}, 'scopes': [{'id': scope_id}]}, ('scopes', [{'id': scope_id}, {'id': second_id}])
    if body == 'assignment':
        body = {'signOnPolicy': {'id': api.named(f'{env}/signOnPolicies', 'Multi_Factor')['id']}, 'priority': 1}
    answer = api('POST', collection, body)
    assert answer.status_code == 201, answer.text
    made = answer.json()
    assert answer.headers['Location'] == made['_links']['self']['href'] and answer.headers['Content-Type'].startswith('application/hal+json')
    item = f"{collection}/{made['id']}"
    read = api.ok('GET', item)
    template = re.sub(r'^/environments/[^/]+/', '', re.sub(r'/[0-9a-f-]{36}/', '/{id}/', collection + '/'))[:-1]
    kind_path = next(k.path for k in sim.app.store.kinds if re.sub(r'\{[^}]+\}', '{id}', k.path) == template.replace('general', '{id}'))
    assert sim.app.store.answer_problems(kind_path, read) == []   # the answer is what the description describes
    assert read == made and ('environment' not in read or read['environment']['id'] in env)   # as the kind's schema has it
    assert made['id'] in [i['id'] for i in api.items(collection)]
    if scim:
        assert [i['id'] for i in api.items(collection, filter=scim)] == [made['id']]
    assert api('POST', collection, body).status_code == (201 if _name == 'key' else 409)   # an action: its priority is taken
    if change == 'key':   # a key's PUT takes CertificateKeyUpdate (default, usageType)
        assert api.ok('PUT', item, {'default': True, 'usageType': 'SIGNING'})['default'] is True
    elif change:
        field, value = change
        updated = api.ok('PUT', item, dict(body, **{field: value}))   # what a client sends: every writable field, secrets too
        assert updated[field] == value and api.ok('GET', item)[field] == value
    else:
        assert api('PUT', item, writable(read)).status_code == 405
    api.ok('DELETE', item, status=204)
    assert api('GET', item).status_code == 404
    assert api('DELETE', item).status_code == 404
    # The bodies the store took, judged by the integration tests' own jsonschema checker: two readings of one description.
    accepted = [r for r in sim.requests() if not (r['method'] == 'PUT' and change is None)]   # (those PUTs were 405)
    assert [problem for request in accepted for problem in request_problems(request)] == []


# --- what PingOne checks in a body ----------------------------------------------------------------------
def _details(answer, status=400, code='INVALID_DATA'):
    assert answer.status_code == status, answer.text
    assert answer.json()['code'] == code, answer.text
    return {detail['target']: detail for detail in answer.json().get('details', [])}


def test_bodies_are_checked_as_pingone_would(api, env):
    details = _details(api('POST', f'{env}/passwordPolicies', {'name': 'x', 'id': 'mine', 'populationCount': 3, 'colour': 'red',
                                                               'excludesCommonlyUsed': 'yes', 'length': {'min': 4, 'max': '9'}}))
    assert set(details) == {'id', 'populationCount', 'colour', 'excludesCommonlyUsed', 'length.min', 'length.max',
                            'excludesProfileData', 'notSimilarToCurrent'}
    assert 'read-only' in details['id']['message'] and details['excludesProfileData']['code'] == 'REQUIRED_VALUE'
    details = _details(api('POST', f'{env}/identityProviders', {'name': 'x', 'enabled': True, 'type': 'CORBA'}))
    assert 'OPENID_CONNECT' in details['type']['innerError']['allowedValues']
    # the discriminator picks the branch: a GitHub provider needs its client id and secret, and has no issuer
    details = _details(api('POST', f'{env}/identityProviders', {'name': 'x', 'enabled': True, 'type': 'GITHUB', 'issuer': 'https://x'}))
    assert set(details) == {'clientId', 'clientSecret', 'issuer'}
    details = _details(api('POST', f'{env}/resources', {'name': 'x', 'type': 'PINGONE_API'}))
    assert details['type']['innerError']['allowedValues'] == ['CUSTOM']
    details = _details(api('POST', f'{env}/subscriptions', {'name': 'x', 'enabled': True, 'verifyTlsCertificates': True, 'format': 'XML',
                                                            'filterOptions': {}}))
    assert details['format']['innerError']['allowedValues'] == ['ACTIVITY', 'SPLUNK', 'NEWRELIC']
    assert details['filterOptions.includedActionTypes']['code'] == 'REQUIRED_VALUE'
    _details(api('POST', f'{env}/signOnPolicies', {'name': 'x'}, content_type='text/plain'), 415, 'INVALID_REQUEST')
    assert api('GET', f'{env}/signOnPolicies/{uuid.uuid4()}').status_code == 404
    assert api('PATCH', f'{env}/signOnPolicies/{uuid.uuid4()}', {'name': 'x'}).status_code == 405
    assert api('POST', f'{env}/schemas', {'name': 'x'}).status_code == 405
    assert api('GET', f'{env}/resources/{uuid.uuid4()}/scopes').status_code == 404
    assert api('GET', f'{env}/templates/no_such_template/contents').status_code == 404   # the description's EnumTemplateName
    assert 'createdAt' not in api.ok('GET', f'{env}/brandingSettings')   # the answers hold what their schemas describe
    # PATCH exists for schema attributes: it merges
    schema = api.named(f'{env}/schemas', 'User')
    attribute = api.ok('POST', f"{env}/schemas/{schema['id']}/attributes", {'name': 'badge', 'enabled': True, 'type': 'STRING'}, status=201)
    patched = api.ok('PATCH', f"{env}/schemas/{schema['id']}/attributes/{attribute['id']}", {'displayName': 'Badge'})
    assert patched['displayName'] == 'Badge' and patched['type'] == 'STRING'
    details = _details(api('PATCH', f"{env}/schemas/{schema['id']}/attributes/{attribute['id']}", {'type': 'JSON'}))
    assert 'cannot be changed' in details['type']['message']


# --- refusals -------------------------------------------------------------------------------------------
def test_pingone_refuses_what_it_refuses(api, env):
    policies = {p['name']: p for p in api.items(f'{env}/signOnPolicies')}
    _details(api('DELETE', f"{env}/signOnPolicies/{policies['Single_Factor']['id']}"), 400, 'INVALID_REQUEST')
    passwords = {p['name']: p for p in api.items(f'{env}/passwordPolicies')}
    _details(api('DELETE', f"{env}/passwordPolicies/{passwords['Standard']['id']}"), 400, 'INVALID_REQUEST')
    # a new default takes the flag from the old one, which can then go
    api.ok('PUT', f"{env}/passwordPolicies/{passwords['Basic']['id']}", dict(writable(passwords['Basic']), default=True))
    assert api.ok('GET', f"{env}/passwordPolicies/{passwords['Standard']['id']}")['default'] is False
    api.ok('DELETE', f"{env}/passwordPolicies/{passwords['Standard']['id']}", status=204)
    # a policy in use by an application
    app = make_app(api, env)
    policy = api.ok('POST', f'{env}/signOnPolicies', {'name': 'In use'}, status=201)
    action = api.ok('POST', f"{env}/signOnPolicies/{policy['id']}/actions", {'priority': 1, 'type': 'LOGIN'}, status=201)
    assignment = api.ok('POST', f"{env}/applications/{app['id']}/signOnPolicyAssignments",
                        {'signOnPolicy': {'id': policy['id']}, 'priority': 1}, status=201)
    assert 'assigned' in api('DELETE', f"{env}/signOnPolicies/{policy['id']}").json()['message']
    # the last action of a policy
    answer = api('DELETE', f"{env}/signOnPolicies/{policy['id']}/actions/{action['id']}")
    assert answer.status_code == 400 and 'Cannot delete last action from the policy' in answer.json()['message']
    api.ok('DELETE', f"{env}/applications/{app['id']}/signOnPolicyAssignments/{assignment['id']}", status=204)
    api.ok('DELETE', f"{env}/signOnPolicies/{policy['id']}", status=204)
    assert api('GET', f"{env}/signOnPolicies/{policy['id']}/actions/{action['id']}").status_code == 404
    # core attributes and core mappings; PingOne's own resources
    schema = api.named(f'{env}/schemas', 'User')
    username = api.named(f"{env}/schemas/{schema['id']}/attributes", 'username')
    _details(api('DELETE', f"{env}/schemas/{schema['id']}/attributes/{username['id']}"), 400, 'INVALID_REQUEST')
    sub = api.named(f"{env}/applications/{app['id']}/attributes", 'sub')
    _details(api('DELETE', f"{env}/applications/{app['id']}/attributes/{sub['id']}"), 400, 'INVALID_REQUEST')
    again = api('POST', f"{env}/applications/{app['id']}/attributes", {'name': 'sub', 'value': '${user.id}', 'required': True})
    assert again.status_code == 409 and 'is a Core attribute and already exists' in again.text
    content = api.items(f'{env}/templates/general/contents')[0]
    _details(api('DELETE', f"{env}/templates/general/contents/{content['id']}"), 400, 'INVALID_REQUEST')
    duplicate = api('POST', f'{env}/templates/general/contents', {'locale': 'EN', 'deliveryMethod': 'Email', 'body': 'x'})
    assert duplicate.status_code == 409
    for resource in api.items(f'{env}/resources'):
        _details(api('DELETE', f"{env}/resources/{resource['id']}"), 400, 'INVALID_REQUEST')
    # a grant names a resource and scopes that exist
    details = _details(api('POST', f"{env}/applications/{app['id']}/grants", {'resource': {'id': str(uuid.uuid4())}, 'scopes': []}))
    assert set(details) == {'resource.id'}
    # a mapping's oidcScopes: not empty, and only scopes granted to the application (the description's ApplicationAttributeMapping)
    openid = api.named(f'{env}/resources', 'openid')
    email = api.named(f"{env}/resources/{openid['id']}/scopes", 'email')
    mapping = {'name': 'email', 'value': '${user.email}', 'required': False, 'oidcScopes': [email['id']]}
    assert set(_details(api('POST', f"{env}/applications/{app['id']}/attributes", mapping))) == {'oidcScopes[0]'}
    assert set(_details(api('POST', f"{env}/applications/{app['id']}/attributes", dict(mapping, oidcScopes=[])))) == {'oidcScopes'}
    api.ok('POST', f"{env}/applications/{app['id']}/grants", {'resource': {'id': openid['id']}, 'scopes': [{'id': email['id']}]}, status=201)
    api.ok('POST', f"{env}/applications/{app['id']}/attributes", mapping, status=201)
    # the application's sub-objects go with it
    api.ok('DELETE', f"{env}/applications/{app['id']}", status=204)
    assert api('GET', f"{env}/applications/{app['id']}/attributes").status_code == 404


# --- secrets, paging, cleanup -------------------------------------------------------------------------------
def test_write_only_secrets_never_come_back(api, env, sim):
    idp = api.ok('POST', f'{env}/identityProviders', {'name': 'G', 'type': 'GOOGLE', 'enabled': True, 'clientId': 'g',
                                                      'clientSecret': 'google-secret-value'}, status=201)
    hook = api.ok('POST', f'{env}/subscriptions', {'name': 'H', 'enabled': True, 'verifyTlsCertificates': True,
                                                   'filterOptions': {'includedActionTypes': ['USER.CREATED']},
                                                   'httpEndpoint': {'url': 'https://h.example', 'headers': {'X-Key': 'header-secret-value'}}},
                  status=201)
    gateway = api.ok('POST', f'{env}/gateways', {'name': 'LDAP', 'type': 'LDAP', 'enabled': True, 'bindDN': 'cn=admin',
                                                 'bindPassword': 'bind-secret-value', 'vendor': 'OpenDJ Directory Server',
                                                 'serversHostAndPort': ['ldap.example:636']}, status=201)
    answers = [api('GET', f"{env}/identityProviders/{idp['id']}").text, api('GET', f"{env}/subscriptions/{hook['id']}").text,
               api('GET', f"{env}/gateways/{gateway['id']}").text, api('GET', f'{env}/identityProviders').text,
               api('GET', f'{env}/gateways').text, api('GET', f'{env}/subscriptions').text]
    assert sorted(sim.app.store.stored_secrets(env.rsplit('/', 1)[1])) == \
        ['bind-secret-value', 'google-secret-value', 'header-secret-value']
    for text in answers:
        for secret in ('google-secret-value', 'header-secret-value', 'bind-secret-value'):
            assert secret not in text
    # a PUT must carry the secret again (the description requires it)
    details = _details(api('PUT', f"{env}/identityProviders/{idp['id']}", writable(api.ok('GET', f"{env}/identityProviders/{idp['id']}"))))
    assert set(details) == {'clientSecret'}


def test_lists_page_with_a_cursor(api, env):
    for index in range(5):
        api.ok('POST', f'{env}/agreements', {'name': f'Agreement {index}', 'enabled': False}, status=201)
    first = api.ok('GET', f'{env}/agreements', limit=2)
    assert first['size'] == 2 and first['count'] == 5 and 'cursor=' in first['_links']['next']['href']
    assert [a['name'] for a in api.items(f'{env}/agreements', limit=2)] == [f'Agreement {i}' for i in range(5)]
    assert [a['name'] for a in api.items(f'{env}/agreements', filter='name sw "agreement 3" and enabled eq false')] == ['Agreement 3']
    _details(api('GET', f'{env}/agreements', filter='colour eq "red"'))
    _details(api('GET', f'{env}/agreements', limit=0))


def test_environments_take_their_objects_with_them(api, sim):
    made = api.ok('POST', '/environments', {'name': 'short-lived', 'type': 'SANDBOX', 'region': 'NA', 'license': {'id': LICENSE_ID}}, status=201)
    api.ok('POST', f"/environments/{made['id']}/agreements", {'name': 'A', 'enabled': False}, status=201)
    assert made['id'] in sim.app.store._data   # pylint: disable=protected-access
    api.ok('DELETE', f"/environments/{made['id']}", status=204)
    assert made['id'] not in sim.app.store._data   # pylint: disable=protected-access
    api.ok('POST', f'/environments/{ADMIN_ENV_ID}/agreements', {'name': 'A', 'enabled': False}, status=201)
    sim.app.platform.reset()
    assert api.items(f'/environments/{ADMIN_ENV_ID}/agreements') == []


def test_the_store_starts_fast():
    start = time.monotonic()
    app = PingOneApp(copy.deepcopy(DEFAULT_CONFIG))
    elapsed = time.monotonic() - start
    assert len(app.store.kinds) >= 20
    assert elapsed < 2.0, f'PingOneApp took {elapsed:.2f} s to start'


# --- through the collection: pingone_api in a real playbook ------------------------------------------------
def test_pingone_api_reads_and_writes_the_store_through_a_playbook(ansible):
    """The raw module against the store: a custom resource made, listed page by page with a filter, and a body
    with a read-only field refused with PingOne's details (each request body also checked by request_schemas.py)."""
    path = f'/environments/{ADMIN_ENV_ID}/resources'

    def call(bodies_as_given=False, **options):
        return ansible.run('api.yml', extra_vars={'api_options': options}, bodies_as_given=bodies_as_given).result('Call the API')

    made = call(method='POST', path=path, body={'name': 'Playbook API', 'audience': 'https://playbook.example'}, status_code=[201])
    assert not made.get('failed') and made['json']['type'] == 'CUSTOM', made.get('msg')
    listed = call(path=path, paginate=True, query={'limit': 1})
    assert [r['name'] for r in listed['resources']] == ['openid', 'PingOne API', 'Playbook API']
    assert [r['id'] for r in call(path=path, paginate=True, query={'filter': 'name eq "Playbook API"'})['resources']] == [made['json']['id']]
    refused = call(bodies_as_given=True, method='PUT', path=f"{path}/{made['json']['id']}",
                   body={'name': 'Playbook API', 'id': made['json']['id'], 'type': 'CUSTOM'})
    assert refused['failed'] and refused['status'] == 400
    assert [(d['code'], d['target']) for d in refused['details']] == [('INVALID_VALUE', 'id')]
    ansible.sim.reset()   # request_schemas.py refuses that body too: it is not checked again by the next run
    assert call(method='DELETE', path=f"{path}/{made['json']['id']}", status_code=[204]).get('failed') is not True
