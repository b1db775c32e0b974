# -*- coding: utf-8 -*-
# Copyright: (c) 2026, pingone.platform maintainers
# GNU General Public License v3.0+ (see LICENSE or https://www.gnu.org/licenses/gpl-3.0.txt)
"""connection_settings for client_secret_jwt and private_key_jwt: every refusal comes before any request, and says no secret."""

from __future__ import annotations

import sys

import pytest

from ansible_collections.pingone.platform.plugins.module_utils.errors import PingOneDependencyError, PingOneInputError
from ansible_collections.pingone.platform.plugins.module_utils.options import CONNECTION_OPTIONS, connection_argument_spec, connection_settings
from ansible_collections.pingone.platform.tests.unit.fakes import CLIENT_ID, ENV_ID, SECRET
from ansible_collections.pingone.platform.tests.unit.keys import LONG_SECRET, PASSPHRASE, body_lines, ec_key, pem, public_pem, rsa_key

JWT_OPTIONS = {
    'jwt_algorithm': 'PINGONE_JWT_ALGORITHM', 'private_key': 'PINGONE_PRIVATE_KEY', 'private_key_path': 'PINGONE_PRIVATE_KEY_PATH',
    'private_key_passphrase': 'PINGONE_PRIVATE_KEY_PASSPHRASE', 'key_id': 'PINGONE_KEY_ID', 'assertion_lifetime': 'PINGONE_ASSERTION_LIFETIME',
}


def params(**changes):
    base = {name: entry.get('default') for name, entry in CONNECTION_OPTIONS.items()}
    base.update(environment_id=ENV_ID, client_id=CLIENT_ID, client_secret=LONG_SECRET)
    base.update(changes)
    return base


def key_params(**changes):
    return params(**dict({'auth_method': 'private_key_jwt', 'client_secret': None, 'private_key': pem(rsa_key())}, **changes))


def refused(given, option, words):
    with pytest.raises(PingOneInputError) as info:
        connection_settings(given)
    error = info.value
    assert error.option == option, str(error)
    assert words in str(error), str(error)
    leaked = [LONG_SECRET, SECRET, PASSPHRASE] + body_lines(pem(rsa_key())) + body_lines(pem(rsa_key(1024)))
    assert not [value for value in leaked if value in str(error)]
    return error


def test_the_options_with_their_env_vars_and_no_log():
    spec = connection_argument_spec()
    for name, env in JWT_OPTIONS.items():
        assert spec[name]['fallback'][1] == [env], name
    assert spec['private_key']['no_log'] is True and spec['private_key_passphrase']['no_log'] is True
    assert spec['key_id']['no_log'] is False and spec['private_key_path']['no_log'] is False
    assert spec['auth_method']['choices'] == ['client_secret_basic', 'client_secret_post', 'client_secret_jwt', 'private_key_jwt']
    assert spec['jwt_algorithm']['choices'] == ['HS256', 'HS384', 'HS512', 'RS256', 'RS384', 'RS512']
    assert spec['assertion_lifetime']['default'] == 300 and 'default' not in spec['jwt_algorithm']


def test_client_secret_jwt_defaults_to_hs256():
    credentials = connection_settings(params(auth_method='client_secret_jwt')).credentials
    assert (credentials.auth_method, credentials.jwt_algorithm, credentials.assertion_lifetime) == ('client_secret_jwt', 'HS256', 300)
    assert credentials.client_secret == LONG_SECRET and credentials.private_key is None
    assert LONG_SECRET not in repr(credentials)


@pytest.mark.parametrize('fmt', ['pkcs8', 'pkcs1'])
def test_private_key_jwt_from_text_without_a_client_secret(fmt):
    credentials = connection_settings(key_params(private_key=pem(rsa_key(), fmt), key_id=' kid-1 ')).credentials
    assert credentials.jwt_algorithm == 'RS256' and credentials.client_secret is None and credentials.key_id == 'kid-1'
    assert credentials.private_key.private_numbers() == rsa_key().private_numbers()
    assert 'PRIVATE' not in repr(credentials)


def test_private_key_squeezed_into_one_line_with_backslash_n():
    one_line = pem(rsa_key()).strip().replace('\n', '\\n')
    assert connection_settings(key_params(private_key=one_line)).credentials.private_key.key_size == 2048


def test_private_key_path_encrypted_with_a_passphrase(tmp_path):
    path = tmp_path / 'key.pem'
    path.write_text(pem(rsa_key(), passphrase=PASSPHRASE))
    settings = connection_settings(key_params(private_key=None, private_key_path=str(path), private_key_passphrase=PASSPHRASE,
                                              jwt_algorithm='RS512'))
    assert settings.credentials.jwt_algorithm == 'RS512' and settings.credentials.private_key.key_size == 2048


def test_key_and_key_path_both_set(tmp_path):
    refused(key_params(private_key_path=str(tmp_path / 'key.pem')), 'private_key', 'private_key and private_key_path are both set')


def test_key_missing():
    refused(key_params(private_key=None), 'private_key', 'auth_method private_key_jwt needs the private key: set private_key')


def test_key_path_missing_and_a_directory(tmp_path):
    refused(key_params(private_key=None, private_key_path=str(tmp_path / 'none.pem')), 'private_key_path',
            'private_key_path %s does not exist' % (tmp_path / 'none.pem'))
    refused(key_params(private_key=None, private_key_path=str(tmp_path)), 'private_key_path', 'is a directory')


@pytest.mark.parametrize('text, words', [
    ('not a key at all', 'private_key is not a PEM private key (no -----BEGIN line)'),
    ('-----BEGIN PRIVATE KEY-----\nAAAA\n-----END PRIVATE KEY-----\n', 'private_key could not be read as a PEM private key'),
])
def test_key_that_does_not_parse(text, words):
    refused(key_params(private_key=text), 'private_key', words)


def test_public_key_given_as_private():
    refused(key_params(private_key=public_pem(rsa_key())), 'private_key', 'private_key holds a public key or certificate, not a private key')


def test_encrypted_key_without_passphrase():
    refused(key_params(private_key=pem(rsa_key(), passphrase=PASSPHRASE)), 'private_key_passphrase',
            'private_key is encrypted and private_key_passphrase is not set')


def test_encrypted_key_with_the_wrong_passphrase():
    refused(key_params(private_key=pem(rsa_key(), passphrase=PASSPHRASE), private_key_passphrase=PASSPHRASE + 'x'),
            'private_key_passphrase', 'private_key could not be decrypted with private_key_passphrase')


def test_passphrase_for_a_key_that_is_not_encrypted():
    refused(key_params(private_key_passphrase=PASSPHRASE), 'private_key_passphrase', 'private_key_passphrase is set, but private_key is not encrypted')


def test_rsa_key_shorter_than_2048_bits():
    refused(key_params(private_key=pem(rsa_key(1024))), 'private_key', 'private_key is a 1024-bit RSA key, shorter than the 2048 bits RS256 requires')


def test_ec_key_is_not_rsa():
    refused(key_params(private_key=pem(ec_key())), 'private_key', 'private_key is an EC key, but RS256 signs with RSA')


def test_openssh_key_format_is_explained():
    refused(key_params(private_key=pem(rsa_key(), 'openssh')), 'private_key', 'convert an OpenSSH key with ssh-keygen -p -m PKCS8')


@pytest.mark.parametrize('method, algorithm', [('client_secret_jwt', 'RS256'), ('private_key_jwt', 'HS256')])
def test_algorithm_that_does_not_fit_the_method(method, algorithm):
    given = key_params(jwt_algorithm=algorithm) if method == 'private_key_jwt' else params(auth_method=method, jwt_algorithm=algorithm)
    refused(given, 'jwt_algorithm', 'jwt_algorithm %s does not fit auth_method %s' % (algorithm, method))


@pytest.mark.parametrize('method, option, value', [
    ('client_secret_basic', 'private_key', 'x'), ('client_secret_post', 'jwt_algorithm', 'HS256'), ('client_secret_basic', 'key_id', 'k'),
    ('client_secret_jwt', 'private_key_path', '/k.pem'), ('client_secret_jwt', 'private_key_passphrase', 'x'),
])
def test_options_of_another_method_are_refused(method, option, value):
    refused(params(auth_method=method, **{option: value}), option, '%s is set, but auth_method is %s, which does not use it' % (option, method))


def test_key_id_blank_or_with_spaces():
    refused(key_params(key_id='  '), 'key_id', 'key_id must be the non-empty key ID')
    refused(key_params(key_id='a b'), 'key_id', 'without white space')


@pytest.mark.parametrize('lifetime', [0, -1, 3601])
def test_assertion_lifetime_at_most_an_hour(lifetime):
    refused(params(auth_method='client_secret_jwt', assertion_lifetime=lifetime), 'assertion_lifetime',
            'assertion_lifetime must be from 1 to 3600 seconds')


def test_assertion_lifetime_bounds_are_accepted():
    for lifetime in (1, 3600):
        assert connection_settings(params(auth_method='client_secret_jwt', assertion_lifetime=lifetime)).credentials.assertion_lifetime == lifetime


def test_client_secret_still_required_for_client_secret_jwt():
    refused(params(auth_method='client_secret_jwt', client_secret=None), 'client_secret', 'client_secret is required')


@pytest.mark.parametrize('algorithm, size, warns', [('HS256', 31, True), ('HS256', 32, False), ('HS384', 47, True), ('HS384', 48, False),
                                                    ('HS512', 63, True), ('HS512', 64, False)])
def test_short_secret_for_the_hs_algorithm_warns(algorithm, size, warns):
    secret = '\u00e4' + 'x' * (size - 2)   # the a-umlaut is two bytes in UTF-8: bytes count, not characters
    warnings = []
    connection_settings(params(auth_method='client_secret_jwt', jwt_algorithm=algorithm, client_secret=secret), warn=warnings.append)
    if warns:
        assert warnings == ['client_secret is %d bytes long, shorter than the %d bytes %s needs (RFC 7518 section 3.2), which makes the '
                            'client assertion easier to attack: generate a new secret for the application in the PingOne console.'
                            % (size, size + 1, algorithm)]
        assert secret not in warnings[0]
    else:
        assert warnings == []


@pytest.mark.parametrize('method', ['client_secret_jwt', 'private_key_jwt'])
def test_missing_pyjwt_is_reported_before_any_request(monkeypatch, method):
    monkeypatch.setitem(sys.modules, 'jwt', None)   # makes "import jwt" fail
    given = key_params() if method == 'private_key_jwt' else params(auth_method=method)
    with pytest.raises(PingOneDependencyError) as info:
        connection_settings(given)
    assert info.value.library == 'PyJWT' and info.value.purpose == 'for auth_method %s' % method


def test_basic_and_post_need_no_pyjwt(monkeypatch):
    monkeypatch.setitem(sys.modules, 'jwt', None)
    for method in ('client_secret_basic', 'client_secret_post'):
        assert connection_settings(params(auth_method=method)).credentials.auth_method == method
