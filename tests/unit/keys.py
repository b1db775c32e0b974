# -*- coding: utf-8 -*-
# Copyright: (c) 2026, pingone.platform maintainers
# GNU General Public License v3.0+ (see LICENSE or https://www.gnu.org/licenses/gpl-3.0.txt)
"""Test keys for the JWT methods, made once per test run (never stored in the repository)."""

from __future__ import annotations

import functools

from cryptography.hazmat.primitives import serialization
from cryptography.hazmat.primitives.asymmetric import ec, rsa

# Changes under URL encoding and has non-ASCII characters, like the client secrets of the tests.
PASSPHRASE = 'P\u00e4ss+/=%:~&-phr\u00e4se'
# 64 bytes (HS512's minimum), with the same awkward characters.
LONG_SECRET = 'L\u00f6ng+/=%:~&-' + 'x' * 51


@functools.lru_cache(maxsize=None)
def rsa_key(bits=2048, index=0):
    del index   # a second key of the same size, for "wrong key" tests
    return rsa.generate_private_key(public_exponent=65537, key_size=bits)


def pem(key, fmt='pkcs8', passphrase=None):
    formats = {'pkcs8': serialization.PrivateFormat.PKCS8, 'pkcs1': serialization.PrivateFormat.TraditionalOpenSSL,
               'openssh': serialization.PrivateFormat.OpenSSH}
    encryption = serialization.BestAvailableEncryption(passphrase.encode()) if passphrase else serialization.NoEncryption()
    return key.private_bytes(serialization.Encoding.PEM, formats[fmt], encryption).decode('ascii')


def public_pem(key):
    return key.public_key().public_bytes(serialization.Encoding.PEM, serialization.PublicFormat.SubjectPublicKeyInfo).decode('ascii')


@functools.lru_cache(maxsize=None)
def ec_key():
    return ec.generate_private_key(ec.SECP256R1())


def body_lines(pem_text):
    """The base64 lines of a PEM block: what a leak of the key would show."""
    return [line for line in pem_text.splitlines() if line and not line.startswith('-----') and ':' not in line]
