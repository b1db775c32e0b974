# -*- coding: utf-8 -*-
# Copyright: (c) 2026, pingone.platform maintainers
# GNU General Public License v3.0+ (see LICENSE or https://www.gnu.org/licenses/gpl-3.0.txt)
"""Client assertions (RFC 7523) for PingOne's CLIENT_SECRET_JWT and PRIVATE_KEY_JWT methods.

PyJWT signs and ``cryptography`` loads keys; both are imported only when one of these
two methods is used, so every other method (and ansible-doc) works without them.
Keys are checked when the options are validated, before anything is sent. No message
here ever contains a key, a passphrase, a secret or an assertion.
"""

from __future__ import annotations

import secrets
import warnings
from typing import Any, Callable, Optional

from ansible_collections.pingone.platform.plugins.module_utils.errors import PingOneDependencyError, PingOneInputError

ASSERTION_TYPE = 'urn:ietf:params:oauth:client-assertion-type:jwt-bearer'

# auth_method -> (default algorithm, allowed algorithms)
JWT_METHODS = {
    'client_secret_jwt': ('HS256', ('HS256', 'HS384', 'HS512')),
    'private_key_jwt': ('RS256', ('RS256', 'RS384', 'RS512')),
}
JWT_ALGORITHMS = JWT_METHODS['client_secret_jwt'][1] + JWT_METHODS['private_key_jwt'][1]
# RFC 7518 section 3.2: an HMAC key at least as long as the hash output.
HS_MIN_SECRET_BYTES = {'HS256': 32, 'HS384': 48, 'HS512': 64}
MIN_RSA_BITS = 2048
DEFAULT_ASSERTION_LIFETIME = 300
MAX_ASSERTION_LIFETIME = 3600   # PingOne refuses an exp more than one hour ahead
MAX_KEY_FILE_BYTES = 1024 * 1024

_PUBLIC_MARKERS = ('-----BEGIN PUBLIC KEY-----', '-----BEGIN RSA PUBLIC KEY-----', '-----BEGIN CERTIFICATE-----', 'ssh-rsa ')
_ENCRYPTED_MARKERS = ('-----BEGIN ENCRYPTED PRIVATE KEY-----', 'Proc-Type: 4,ENCRYPTED')


def import_jwt(auth_method: str):
    """PyJWT, imported on first use; PingOneDependencyError names the method that needs it."""
    try:
        import jwt  # pylint: disable=import-outside-toplevel
    except ImportError as exc:
        raise PingOneDependencyError('PyJWT', str(exc), purpose='for auth_method %s' % auth_method) from exc
    return jwt


def _import_serialization(auth_method: str):
    try:
        from cryptography.hazmat.primitives import serialization  # pylint: disable=import-outside-toplevel
        from cryptography.hazmat.primitives.asymmetric import rsa  # pylint: disable=import-outside-toplevel
    except ImportError as exc:
        raise PingOneDependencyError('cryptography', str(exc), purpose='for auth_method %s' % auth_method) from exc
    return serialization, rsa


def jwt_algorithm(auth_method: str, algorithm: Optional[str]) -> str:
    """The signing algorithm: the method's default when unset; PingOneInputError when it does not fit the method."""
    default, allowed = JWT_METHODS[auth_method]
    if not algorithm:
        return default
    if algorithm not in allowed:
        raise PingOneInputError('jwt_algorithm %s does not fit auth_method %s: use one of %s.' % (algorithm, auth_method, ', '.join(allowed)),
                                option='jwt_algorithm')
    return algorithm


def check_secret_length(secret: str, algorithm: str, warn: Optional[Callable[[str], None]]) -> None:
    """Warn (never fail) when a client secret is shorter than the HMAC algorithm needs."""
    needed = HS_MIN_SECRET_BYTES[algorithm]
    size = len(secret.encode('utf-8'))
    if size < needed and warn:
        warn('client_secret is %d bytes long, shorter than the %d bytes %s needs (RFC 7518 section 3.2), which makes the client '
             'assertion easier to attack: generate a new secret for the application in the PingOne console.' % (size, needed, algorithm))


def assertion_lifetime(value: Optional[int]) -> int:
    lifetime = DEFAULT_ASSERTION_LIFETIME if value is None else value
    if not 1 <= lifetime <= MAX_ASSERTION_LIFETIME:
        raise PingOneInputError('assertion_lifetime must be from 1 to %d seconds: PingOne refuses a client assertion that expires '
                                'more than one hour ahead.' % MAX_ASSERTION_LIFETIME, option='assertion_lifetime')
    return lifetime


def read_key_file(path: str) -> bytes:
    """The bytes of private_key_path; PingOneInputError (naming the path, never the content) when unreadable."""
    try:
        with open(path, 'rb') as handle:
            data = handle.read(MAX_KEY_FILE_BYTES + 1)
    except FileNotFoundError:
        raise PingOneInputError('private_key_path %s does not exist: give the path of the PEM private key on the host that runs '
                                'the module.' % path, option='private_key_path') from None
    except IsADirectoryError:
        raise PingOneInputError('private_key_path %s is a directory: give the path of a PEM private key file.' % path,
                                option='private_key_path') from None
    except OSError as exc:
        raise PingOneInputError('private_key_path %s cannot be read (%s): check the file and its permissions.' % (path, exc.strerror),
                                option='private_key_path') from None
    if len(data) > MAX_KEY_FILE_BYTES:
        raise PingOneInputError('private_key_path %s is larger than 1 MiB, so it is not a private key: give the path of a PEM '
                                'private key file.' % path, option='private_key_path')
    return data


def load_private_key(pem: bytes, passphrase: Optional[str], option: str, algorithm: str) -> Any:
    """An RSA private key (a cryptography object) for ``algorithm``, or PingOneInputError saying what is wrong with it.

    ``option`` names where the key came from (private_key or private_key_path) in messages.
    """
    serialization, rsa = _import_serialization('private_key_jwt')
    text = pem.decode('utf-8', 'replace')
    if any(marker in text for marker in _PUBLIC_MARKERS) and 'PRIVATE KEY-----' not in text:
        raise PingOneInputError('%s holds a public key or certificate, not a private key: give the private key here; its public '
                                'key belongs in the JWKS of the application in PingOne.' % option, option=option)
    if '-----BEGIN' not in text:
        raise PingOneInputError('%s is not a PEM private key (no -----BEGIN line): give an RSA private key in PEM form; convert a DER '
                                'file with openssl pkey -inform der -in key.der -out key.pem.' % option, option=option)
    encrypted = any(marker in text for marker in _ENCRYPTED_MARKERS)
    if encrypted and not passphrase:
        raise PingOneInputError('%s is encrypted and private_key_passphrase is not set: set private_key_passphrase (or '
                                'PINGONE_PRIVATE_KEY_PASSPHRASE) to its passphrase.' % option, option='private_key_passphrase')
    if passphrase and not encrypted:
        raise PingOneInputError('private_key_passphrase is set, but %s is not encrypted: unset private_key_passphrase, or give '
                                'the encrypted key.' % option, option='private_key_passphrase')
    try:
        key = serialization.load_pem_private_key(pem, password=passphrase.encode('utf-8') if passphrase else None)
    except Exception as exc:  # pylint: disable=broad-except  # ValueError, TypeError or cryptography's UnsupportedAlgorithm
        if encrypted:
            raise PingOneInputError('%s could not be decrypted with private_key_passphrase: check the passphrase (and that the key '
                                    'file is intact).' % option, option='private_key_passphrase') from None
        raise PingOneInputError('%s could not be read as a PEM private key (%s): give an unencrypted or passphrase-protected RSA '
                                'key in PKCS#8 (BEGIN PRIVATE KEY) or PKCS#1 (BEGIN RSA PRIVATE KEY) form; convert an OpenSSH key '
                                'with ssh-keygen -p -m PKCS8.' % (option, type(exc).__name__), option=option) from None
    if not isinstance(key, rsa.RSAPrivateKey):
        kind = _key_kind(key)
        raise PingOneInputError('%s is an %s key, but %s signs with RSA: give an RSA private key of at least %d bits.'
                                % (option, kind, algorithm, MIN_RSA_BITS), option=option)
    if key.key_size < MIN_RSA_BITS:
        raise PingOneInputError('%s is a %d-bit RSA key, shorter than the %d bits %s requires: generate a new key of at least %d '
                                'bits and put its public key in the JWKS of the application.'
                                % (option, key.key_size, MIN_RSA_BITS, algorithm, MIN_RSA_BITS), option=option)
    return key


def _key_kind(key: Any) -> str:
    name = type(key).__name__.lstrip('_')
    for prefix, kind in (('EllipticCurve', 'EC'), ('EC', 'EC'), ('Ed25519', 'Ed25519'), ('Ed448', 'Ed448'), ('DSA', 'DSA'), ('X25519', 'X25519'),
                         ('X448', 'X448')):
        if name.startswith(prefix):
            return kind
    return 'unsupported'


def pem_from_option(value: str) -> bytes:
    """The PEM text of the private_key option; literal \\n sequences (a key squeezed into one line) become line breaks."""
    text = value.strip()
    if '\n' not in text and '\\n' in text:
        text = text.replace('\\n', '\n')
    return text.encode('utf-8')


def assertion_claims(client_id: str, token_url: str, now: float, lifetime: int, jti: Optional[str] = None) -> dict:
    """The claims PingOne checks: iss = sub = client id, aud = the token endpoint used, iat, exp, and a one-time jti."""
    issued = int(now)
    return {'iss': client_id, 'sub': client_id, 'aud': token_url, 'iat': issued, 'exp': issued + lifetime,
            'jti': jti or secrets.token_urlsafe(32)}


def sign_assertion(claims: dict, key: Any, algorithm: str, key_id: Optional[str], auth_method: str) -> str:
    """The compact JWS of ``claims``; ``key`` is the secret (bytes) or the loaded private key."""
    jwt = import_jwt(auth_method)
    headers = {'typ': 'JWT'}
    if key_id:
        headers['kid'] = key_id
    try:
        with warnings.catch_warnings():
            # PyJWT warns about short HMAC keys on its own; the module already warned once, in its words.
            warnings.simplefilter('ignore')
            token = jwt.encode(claims, key, algorithm=algorithm, headers=headers)
    except Exception as exc:  # pylint: disable=broad-except  # never show PyJWT's text: it may quote what it was given
        raise PingOneInputError('Signing the client assertion with %s failed (%s): check the key or secret for auth_method %s.'
                                % (algorithm, type(exc).__name__, auth_method), option='auth_method') from None
    return token if isinstance(token, str) else token.decode('ascii')
