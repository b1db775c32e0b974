# -*- coding: utf-8 -*-
# Copyright: (c) 2026, pingone.platform maintainers
# GNU General Public License v3.0+ (see LICENSE or https://www.gnu.org/licenses/gpl-3.0.txt)
"""client_secret_jwt and private_key_jwt through real ansible-playbook, and the simulator's assertion checks.

Every request body is decoded and every claim of its assertion checked; every error is refused by the
simulator (or, for bad input, before any request). The leak scan of conftest.py covers the keys, the
passphrase and every assertion the simulator received.
"""

from __future__ import annotations

import base64
import time
from urllib.parse import parse_qsl

import jwt
import pytest
import requests
from cryptography.hazmat.primitives import serialization
from cryptography.hazmat.primitives.asymmetric import rsa

from conftest import ALL_SECRET_FORMS, pem_body_lines   # pylint: disable=import-error
from pingone_simulator import ADMIN_ENV_ID, CLIENTS   # pylint: disable=import-error

ASSERTION_TYPE = 'urn:ietf:params:oauth:client-assertion-type:jwt-bearer'
TASK = 'Get a token'


def token_task(ansible, options=None, client='jwt', **kwargs):
    run = ansible.run('auth_token.yml', extra_vars={'pingone': options or {}}, client=client, **kwargs)
    return run, run.result(TASK)


def token_requests(sim):
    return [request for request in sim.requests() if request['path'].endswith('/as/token')]


def check_body(request, client, key, algorithm, token_url, kid=None, lifetime=300, scope=None):
    """The exact form, no secret anywhere, and every claim of the assertion; returns the claims."""
    form = parse_qsl(request['body'], keep_blank_values=True)
    names = ['grant_type'] + (['scope'] if scope else []) + ['client_assertion_type', 'client_assertion']
    assert [name for name, _value in form] == names
    values = dict(form)
    assert values['grant_type'] == 'client_credentials' and values['client_assertion_type'] == ASSERTION_TYPE
    assert values.get('scope') == scope
    assert 'Authorization' not in request['headers'] and CLIENTS[client]['secret'] not in request['body']
    assertion = values['client_assertion']
    header = jwt.get_unverified_header(assertion)
    assert header == dict({'alg': algorithm, 'typ': 'JWT'}, **({'kid': kid} if kid else {}))
    claims = jwt.decode(assertion, key, algorithms=[algorithm], audience=token_url)
    jti = claims.pop('jti')
    assert len(jti) == 43
    assert claims == {'iss': CLIENTS[client]['id'], 'sub': CLIENTS[client]['id'], 'aud': token_url, 'iat': claims['iat'],
                      'exp': claims['iat'] + lifetime}
    assert abs(claims['iat'] - time.time()) < 60
    return dict(claims, jti=jti)


def key_file(sim, encrypted=False):
    return sim.private_keys['key']['encrypted_path' if encrypted else 'path']


def public_key(sim):
    with open(key_file(sim), 'rb') as handle:
        return serialization.load_pem_private_key(handle.read(), None).public_key()


@pytest.mark.parametrize('algorithm', [None, 'HS384', 'HS512'])
def test_client_secret_jwt(ansible, algorithm):
    options = {'auth_method': 'client_secret_jwt', 'scopes': ['p1:read:user']}
    if algorithm:
        options['jwt_algorithm'] = algorithm
    run, result = token_task(ansible, options)
    assert run.rc == 0 and result['access_token'].count('.') == 2 and result['scope'] == 'p1:read:user', result.get('msg')
    assert not result.get('warnings')
    sent = token_requests(ansible.sim)
    assert len(sent) == 1
    check_body(sent[0], 'jwt', CLIENTS['jwt']['secret'].encode(), algorithm or 'HS256', result['token_url'], scope='p1:read:user')


def test_client_secret_jwt_with_a_short_secret_warns_and_works(ansible):
    run, result = token_task(ansible, {'auth_method': 'client_secret_jwt'}, client='jwt_short')
    assert run.rc == 0 and result['access_token'], result.get('msg')
    assert [w for w in result['warnings'] if 'client_secret is 17 bytes long, shorter than the 32 bytes HS256 needs' in w]


def test_private_key_jwt_with_a_key_file(ansible):
    run, result = token_task(ansible, {'auth_method': 'private_key_jwt', 'private_key_path': key_file(ansible.sim)}, client='key',
                             unset=['PINGONE_CLIENT_SECRET'])
    assert run.rc == 0 and result['access_token'], result.get('msg')
    check_body(token_requests(ansible.sim)[0], 'key', public_key(ansible.sim), 'RS256', result['token_url'])


def test_private_key_jwt_with_an_encrypted_key_from_the_environment(ansible):
    with open(key_file(ansible.sim, encrypted=True), encoding='ascii') as handle:
        pem = handle.read()
    env = {'PINGONE_AUTH_METHOD': 'private_key_jwt', 'PINGONE_PRIVATE_KEY': pem, 'PINGONE_PRIVATE_KEY_PASSPHRASE': CLIENTS['key']['key_passphrase'],
           'PINGONE_KEY_ID': 'sim-key-1', 'PINGONE_JWT_ALGORITHM': 'RS512', 'PINGONE_ASSERTION_LIFETIME': '3600'}
    run, result = token_task(ansible, client='key', env=env)
    assert run.rc == 0 and result['access_token'], result.get('msg')
    check_body(token_requests(ansible.sim)[0], 'key', public_key(ansible.sim), 'RS512', result['token_url'], kid='sim-key-1', lifetime=3600)


def test_private_key_jwt_with_the_key_and_passphrase_as_options(ansible):
    # From a vars file, as a vaulted variable would come: no_log masks them in the module's invocation.
    with open(key_file(ansible.sim, encrypted=True), encoding='ascii') as handle:
        options = {'auth_method': 'private_key_jwt', 'private_key': handle.read(), 'private_key_passphrase': CLIENTS['key']['key_passphrase'],
                   'jwt_algorithm': 'RS384'}
    run, result = token_task(ansible, options, client='key')
    assert run.rc == 0 and result['access_token'], result.get('msg')
    # (ansible-core 2.21 no longer hands callbacks the module's invocation; the key must stay out of the output on all)
    if 'invocation' in result:
        assert result['invocation']['module_args']['private_key'] == 'VALUE_SPECIFIED_IN_NO_LOG_PARAMETER'
    key_line = options['private_key'].splitlines()[1]
    assert key_line not in run.output and key_line not in run.results_text
    check_body(token_requests(ansible.sim)[0], 'key', public_key(ansible.sim), 'RS384', result['token_url'])


def test_audience_is_the_custom_domain_token_url(ansible):
    run, result = token_task(ansible, {'auth_method': 'client_secret_jwt', 'custom_domain': ansible.sim.host},
                             unset=['PINGONE_AUTH_SERVICE_HOSTNAME', 'PINGONE_ENVIRONMENT_ID'])
    assert run.rc == 0 and result['token_url'] == ansible.sim.url + '/as/token', result.get('msg')
    check_body(token_requests(ansible.sim)[0], 'jwt', CLIENTS['jwt']['secret'].encode(), 'HS256', ansible.sim.url + '/as/token')


def test_a_retry_after_a_lost_answer_sends_a_new_assertion(ansible):
    # The simulator saw (and remembered) the first assertion before the connection broke: resending it would be a replay.
    ansible.sim.add_faults([{'action': 'reset_mid_body', 'match': '/%s/as/token' % ADMIN_ENV_ID}])
    run, result = token_task(ansible, {'auth_method': 'private_key_jwt', 'private_key_path': key_file(ansible.sim)}, client='key')
    assert run.rc == 0 and result['access_token'], result.get('msg')
    sent = token_requests(ansible.sim)
    assert len(sent) == 2 and any('retry 1 of 3' in warning for warning in result['warnings'])
    jtis = [check_body(request, 'key', public_key(ansible.sim), 'RS256', result['token_url'])['jti'] for request in sent]
    assert jtis[0] != jtis[1]


@pytest.fixture
def other_key(tmp_path, monkeypatch):
    """A 2048-bit key the simulator does not know, in a file; the leak scan looks for it too."""
    key = rsa.generate_private_key(public_exponent=65537, key_size=2048)
    pem = key.private_bytes(serialization.Encoding.PEM, serialization.PrivateFormat.PKCS8, serialization.NoEncryption()).decode()
    for number, line in enumerate(pem_body_lines(pem)):
        monkeypatch.setitem(ALL_SECRET_FORMS, 'unknown key line %d' % number, line)
    path = tmp_path / 'other-key.pem'
    path.write_text(pem)
    return str(path)


KEY = object()   # stands for the simulator's key file of the "key" client
# (id, options, client, words in msg)
REFUSED = [
    ('client_secret_jwt sent to a basic client', {'auth_method': 'client_secret_jwt'}, 'basic',
     'does not use CLIENT_SECRET_JWT: the request carried a client assertion JWT signed with the client secret (auth_method client_secret_jwt)'),
    ('basic sent to a client_secret_jwt client', {}, 'jwt', 'does not use CLIENT_SECRET_BASIC'),
    ('post sent to a private_key_jwt client', {'auth_method': 'client_secret_post'}, 'key', 'does not use CLIENT_SECRET_POST'),
    ('private_key_jwt sent to a client_secret_jwt client', {'auth_method': 'private_key_jwt', 'private_key_path': KEY}, 'jwt',
     'does not use PRIVATE_KEY_JWT: the request carried a client assertion JWT signed with a private key'),
    ('client_secret_jwt sent to a private_key_jwt client', {'auth_method': 'client_secret_jwt'}, 'key', 'does not use CLIENT_SECRET_JWT'),
    ('key_id of the decoy key', {'auth_method': 'private_key_jwt', 'private_key_path': KEY, 'key_id': 'decoy-sim-key-1'}, 'key',
     'that the JWKS of the application holds the public key of private_key under key_id decoy-sim-key-1'),
    ('unknown key_id', {'auth_method': 'private_key_jwt', 'private_key_path': KEY, 'key_id': 'no-such-key'}, 'key',
     'PingOne refused the client assertion (HTTP 401 invalid_client'),
]


@pytest.mark.parametrize('options, client, words', [row[1:] for row in REFUSED], ids=[row[0] for row in REFUSED])
def test_refused_by_pingone(ansible, options, client, words):
    options = {name: key_file(ansible.sim) if value is KEY else value for name, value in options.items()}
    _run, result = token_task(ansible, options, client=client)
    assert result['failed'] and words in result['msg'], result['msg']
    assert (result['status'], result['error']) == (401, 'invalid_client') and result['correlation_id']
    assert len(token_requests(ansible.sim)) == 1


def test_wrong_client_secret_for_client_secret_jwt(ansible):
    _run, result = token_task(ansible, {'auth_method': 'client_secret_jwt'}, env={'PINGONE_CLIENT_SECRET': CLIENTS['jwt']['secret'][::-1]})
    assert result['failed'] and 'PingOne refused the client assertion (HTTP 401 invalid_client' in result['msg']
    assert 'that client_secret is its current secret, and that the clock of this host is right' in result['msg']


def test_a_key_the_application_does_not_know(ansible, other_key):
    _run, result = token_task(ansible, {'auth_method': 'private_key_jwt', 'private_key_path': other_key}, client='key')
    assert result['failed'] and 'that the JWKS of the application holds the public key of private_key, and that the clock' in result['msg']


@pytest.fixture
def bad_keys(tmp_path, monkeypatch, ansible):
    """Files for the bad-input cases: a public key, a 1024-bit key, text that is no key."""
    small = rsa.generate_private_key(public_exponent=65537, key_size=1024)
    small_pem = small.private_bytes(serialization.Encoding.PEM, serialization.PrivateFormat.PKCS8, serialization.NoEncryption()).decode()
    for number, line in enumerate(pem_body_lines(small_pem)):
        monkeypatch.setitem(ALL_SECRET_FORMS, '1024-bit key line %d' % number, line)
    files = {'public': public_key(ansible.sim).public_bytes(serialization.Encoding.PEM, serialization.PublicFormat.SubjectPublicKeyInfo).decode(),
             'small': small_pem, 'junk': 'this is not a key\n'}
    paths = {}
    for name, text in files.items():
        path = tmp_path / ('%s.pem' % name)
        path.write_text(text)
        paths[name] = str(path)
    paths['plain'], paths['encrypted'], paths['missing'] = key_file(ansible.sim), key_file(ansible.sim, True), str(tmp_path / 'none.pem')
    return paths


# (id, options with {file} placeholders, option named, words)
BAD_INPUT = [
    ('key and key path', {'private_key_path': '{plain}', 'private_key': 'some key text'}, 'private_key', 'private_key and private_key_path are both set'),
    ('no key', {}, 'private_key', 'auth_method private_key_jwt needs the private key'),
    ('public key', {'private_key_path': '{public}'}, 'private_key_path', 'private_key_path holds a public key or certificate, not a private key'),
    ('encrypted without passphrase', {'private_key_path': '{encrypted}'}, 'private_key_passphrase',
     'private_key_path is encrypted and private_key_passphrase is not set'),
    ('wrong passphrase', {'private_key_path': '{encrypted}', 'private_key_passphrase': 'not-the-passphrase'}, 'private_key_passphrase',
     'private_key_path could not be decrypted with private_key_passphrase'),
    ('passphrase for a plain key', {'private_key_path': '{plain}', 'private_key_passphrase': 'a-passphrase-for-nothing'}, 'private_key_passphrase',
     'is not encrypted'),
    ('1024-bit key', {'private_key_path': '{small}'}, 'private_key_path', 'private_key_path is a 1024-bit RSA key, shorter than the 2048 bits'),
    ('not a key', {'private_key_path': '{junk}'}, 'private_key_path', 'private_key_path is not a PEM private key'),
    ('key file missing', {'private_key_path': '{missing}'}, 'private_key_path', 'does not exist'),
    ('HS algorithm for a key', {'private_key_path': '{plain}', 'jwt_algorithm': 'HS256'}, 'jwt_algorithm', 'does not fit auth_method private_key_jwt'),
    ('assertion over an hour', {'private_key_path': '{plain}', 'assertion_lifetime': 3601}, 'assertion_lifetime',
     'assertion_lifetime must be from 1 to 3600 seconds'),
    ('key with client_secret_basic', {'auth_method': 'client_secret_basic', 'private_key_path': '{plain}'}, 'private_key_path',
     'private_key_path is set, but auth_method is client_secret_basic, which does not use it: set auth_method to private_key_jwt'),
]


@pytest.mark.parametrize('options, option, words', [row[1:] for row in BAD_INPUT], ids=[row[0] for row in BAD_INPUT])
def test_bad_input_is_refused_before_any_request(ansible, bad_keys, options, option, words):
    given = {'auth_method': 'private_key_jwt'}
    given.update((name, value.format(**bad_keys) if isinstance(value, str) else value) for name, value in options.items())
    _run, result = token_task(ansible, given, client='key')
    assert result['failed'] and result['option'] == option and words in result['msg'], result['msg']
    assert ansible.sim.stats()['requests'] == 0


def test_without_pyjwt_the_module_says_what_to_install(ansible, tmp_path):
    fake = tmp_path / 'no-pyjwt' / 'jwt'
    fake.mkdir(parents=True)
    (fake / '__init__.py').write_text('raise ImportError("No module named jwt (hidden by the test)")\n')
    _run, result = token_task(ansible, {'auth_method': 'private_key_jwt', 'private_key_path': key_file(ansible.sim)}, client='key',
                              env={'PYTHONPATH': str(tmp_path / 'no-pyjwt')})
    assert result['failed'] and 'Failed to import the required Python library (PyJWT)' in result['msg']
    assert 'This is required for auth_method private_key_jwt.' in result['msg'] and ansible.sim.stats()['requests'] == 0


# --- the simulator itself checks assertions like PingOne (requests straight to it, no Ansible) ------------------

def sign(sim, claims=None, exp_in=300, alg='RS256', headers=None, key=None):
    """An assertion for the "key" client, signed with its key unless ``key`` is given; ``claims`` override the good ones."""
    client_id = CLIENTS['key']['id']
    now = int(time.time())
    good = {'iss': client_id, 'sub': client_id, 'aud': sim.info()['token_url'], 'iat': now, 'exp': now + exp_in, 'jti': 'j-%f' % time.time()}
    good.update(claims or {})
    if key is None:
        with open(key_file(sim), encoding='ascii') as handle:
            key = handle.read()
    return jwt.encode(good, key, algorithm=alg, headers=headers)


def post(sim, assertion, **form):
    body = dict({'grant_type': 'client_credentials', 'client_assertion_type': ASSERTION_TYPE, 'client_assertion': assertion}, **form)
    answer = requests.post(sim.info()['token_url'], data=body, verify=sim.ca_path, timeout=10)
    return answer.status_code, answer.json().get('error_description', 'ok').split(' (Correlation ID')[0]


@pytest.fixture
def sim_only(sim):
    sim.reset()
    return sim


def test_simulator_accepts_a_good_assertion_once(sim_only):
    assertion = sign(sim_only)
    assert post(sim_only, assertion) == (200, 'ok')
    assert post(sim_only, assertion) == (401, 'Request denied: Client assertion has already been used (jti replay)')


@pytest.mark.parametrize('changes, description', [
    ({'exp_in': -60}, 'Request denied: Client assertion has expired'),
    ({'exp_in': 3700}, 'Request denied: Client assertion expires more than one hour ahead'),
    ({'claims': {'aud': 'https://auth.pingone.com/%s/as/token' % ADMIN_ENV_ID}}, 'Request denied: Client assertion audience must be'),
    ({'claims': {'sub': 'someone-else'}}, 'Request denied: Client assertion iss and sub must both be the client id'),
    ({'claims': {'jti': None}}, 'Request denied: Client assertion has no jti'),
    ({'claims': {'iss': CLIENTS['basic']['id'], 'sub': CLIENTS['basic']['id']}}, 'Request denied: Unsupported authentication method'),
    ({'headers': {'kid': 'decoy-sim-key-1'}}, 'Request denied: Invalid client credentials (client assertion signature)'),
    ({'alg': 'HS256', 'key': b'k' * 32}, 'Request denied: Unsupported authentication method'),
])
def test_simulator_refuses_what_pingone_refuses(sim_only, changes, description):
    status, said = post(sim_only, sign(sim_only, **changes))
    assert status == 401 and said.startswith(description)


def test_simulator_refuses_a_tampered_or_unsigned_assertion(sim_only):
    header, payload, signature = sign(sim_only).split('.')
    assert post(sim_only, '.'.join((header, payload, signature[::-1])))[0] == 401
    unsigned = base64.urlsafe_b64encode(b'{"alg":"none","typ":"JWT"}').rstrip(b'=').decode() + '.' + payload + '.'
    assert post(sim_only, unsigned) == (401, 'Request denied: Unsupported client assertion signing algorithm')
    assert post(sim_only, 'not-a-jwt') == (401, 'Request denied: Malformed client assertion')
    assert post(sim_only, sign(sim_only), client_assertion_type='urn:other')[0] == 400
