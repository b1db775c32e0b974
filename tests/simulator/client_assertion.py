"""Client assertions (RFC 7523) as PingOne checks them, for the simulator's token endpoint.

CLIENT_SECRET_JWT clients sign with their secret (HS256/384/512); PRIVATE_KEY_JWT clients with a
private key whose public half is in the client's JWKS (RS256/384/512). Verification is written
here with ``hmac`` and ``cryptography``, independently of the JWT library the collection signs with.
The simulator makes each PRIVATE_KEY_JWT client a key pair when it starts (plus a decoy key in the
JWKS, so ``kid`` matters) and writes the private key, plain and encrypted, under ``keys/``.
"""

import base64
import binascii
import hashlib
import hmac
import json
import os
import threading

from cryptography.exceptions import InvalidSignature
from cryptography.hazmat.primitives import hashes, serialization
from cryptography.hazmat.primitives.asymmetric import padding, rsa

CLIENT_SECRET_JWT = "CLIENT_SECRET_JWT"
PRIVATE_KEY_JWT = "PRIVATE_KEY_JWT"
ASSERTION_TYPE = "urn:ietf:params:oauth:client-assertion-type:jwt-bearer"
MAX_AHEAD = 3600  # PingOne refuses an exp more than one hour ahead
CLOCK_SKEW = 5  # seconds of tolerance for exp and iat
_HMAC = {"HS256": hashlib.sha256, "HS384": hashlib.sha384, "HS512": hashlib.sha512}
_RSA = {"RS256": hashes.SHA256, "RS384": hashes.SHA384, "RS512": hashes.SHA512}


def _b64decode(text):
    return base64.urlsafe_b64decode(text + "=" * (-len(text) % 4))


def _b64url(data):
    return base64.urlsafe_b64encode(data).rstrip(b"=").decode("ascii")


class KeyPair:
    """A PRIVATE_KEY_JWT client's key: the private key (for tests to sign with) and its JWK."""

    def __init__(self, kid, bits=2048):
        self.kid = kid
        self.key = rsa.generate_private_key(public_exponent=65537, key_size=bits)

    def private_pem(self, passphrase=None):
        encryption = serialization.BestAvailableEncryption(passphrase.encode()) if passphrase else serialization.NoEncryption()
        return self.key.private_bytes(serialization.Encoding.PEM, serialization.PrivateFormat.PKCS8, encryption).decode("ascii")

    def jwk(self):
        numbers = self.key.public_key().public_numbers()
        return {"kty": "RSA", "use": "sig", "kid": self.kid,
                "n": _b64url(numbers.n.to_bytes((numbers.n.bit_length() + 7) // 8, "big")),
                "e": _b64url(numbers.e.to_bytes((numbers.e.bit_length() + 7) // 8, "big"))}


class ClientAssertions:
    """Keys of the PRIVATE_KEY_JWT clients, and verification of every client assertion received."""

    def __init__(self, clients):
        self.keys = {}  # client name -> KeyPair (the private key the tests use)
        self._public = {}  # client id -> {kid: public key}
        for name, client in clients.items():
            if client.get("token_endpoint_auth_method") != PRIVATE_KEY_JWT:
                continue
            pair = KeyPair(client.get("kid", f"{name}-key"))
            decoy = KeyPair("decoy-" + pair.kid)  # in the JWKS too: a kid naming it must fail for this key's signatures
            self.keys[name] = pair
            self._public[client["id"]] = {entry.kid: entry.key.public_key() for entry in (pair, decoy)}
        self._seen = {}  # (client id, jti) -> exp, for replay refusal
        self._lock = threading.Lock()

    def write_keys(self, state_dir, clients):
        """keys/<name>.pem (PKCS#8) and keys/<name>-encrypted.pem (with the client's key_passphrase); returns what info() shows."""
        folder = os.path.join(state_dir, "keys")
        os.makedirs(folder, exist_ok=True)
        written = {}
        for name, pair in self.keys.items():
            plain, encrypted = os.path.join(folder, f"{name}.pem"), os.path.join(folder, f"{name}-encrypted.pem")
            for path, text in ((plain, pair.private_pem()), (encrypted, pair.private_pem(clients[name].get("key_passphrase")))):
                with open(os.open(path, os.O_WRONLY | os.O_CREAT | os.O_TRUNC, 0o600), "w", encoding="ascii") as handle:
                    handle.write(text)
            written[name] = {"path": os.path.abspath(plain), "encrypted_path": os.path.abspath(encrypted), "kid": pair.kid,
                             "jwks": {"keys": [pair.jwk()]}}
        return written

    def reset(self):
        with self._lock:
            self._seen.clear()

    def authenticate(self, form, find_client, token_url, now):
        """(client, None) or (None, (status, error, description)); ``find_client(id)`` gives the client of this environment or None."""
        if form.get("client_assertion_type") != ASSERTION_TYPE:
            return None, (400, "invalid_request", "Request denied: client_assertion_type must be " + ASSERTION_TYPE)
        assertion = form.get("client_assertion") or ""
        parts = assertion.split(".")
        try:
            if len(parts) != 3:
                raise ValueError("not three parts")
            header, claims = (json.loads(_b64decode(part).decode("utf-8")) for part in parts[:2])
            signature = _b64decode(parts[2])
        except (ValueError, binascii.Error, UnicodeDecodeError):
            return None, (401, "invalid_client", "Request denied: Malformed client assertion")
        if not isinstance(header, dict) or not isinstance(claims, dict):
            return None, (401, "invalid_client", "Request denied: Malformed client assertion")
        algorithm = header.get("alg")
        if algorithm not in _HMAC and algorithm not in _RSA:
            return None, (401, "invalid_client", "Request denied: Unsupported client assertion signing algorithm")
        client = find_client(claims.get("iss"))
        if client is None or ("client_id" in form and form["client_id"] != client["id"]):
            return None, (401, "invalid_client", "Request denied: Invalid client credentials")
        method = CLIENT_SECRET_JWT if algorithm in _HMAC else PRIVATE_KEY_JWT
        if client["token_endpoint_auth_method"] != method:
            return None, (401, "invalid_client", "Request denied: Unsupported authentication method")
        signing_input = (parts[0] + "." + parts[1]).encode("ascii")
        if not self._signature_ok(client, header, algorithm, signing_input, signature):
            return None, (401, "invalid_client", "Request denied: Invalid client credentials (client assertion signature)")
        problem = self._claims_problem(client, claims, token_url, now)
        if problem:
            return None, (401, "invalid_client", "Request denied: " + problem)
        return client, None

    def _signature_ok(self, client, header, algorithm, signing_input, signature):
        if algorithm in _HMAC:
            expected = hmac.new(client["secret"].encode("utf-8"), signing_input, _HMAC[algorithm]).digest()
            return hmac.compare_digest(expected, signature)
        keys = self._public.get(client["id"], {})
        kid = header.get("kid")
        candidates = [keys[kid]] if kid in keys else ([] if kid is not None else list(keys.values()))
        for public_key in candidates:
            try:
                public_key.verify(signature, signing_input, padding.PKCS1v15(), _RSA[algorithm]())
                return True
            except InvalidSignature:
                continue
        return False

    def _claims_problem(self, client, claims, token_url, now):
        if claims.get("iss") != client["id"] or claims.get("sub") != client["id"]:
            return "Client assertion iss and sub must both be the client id"
        audience = claims.get("aud")
        if audience != token_url and not (isinstance(audience, list) and token_url in audience):
            return "Client assertion audience must be the token endpoint " + token_url
        exp, iat, jti = claims.get("exp"), claims.get("iat"), claims.get("jti")
        if not isinstance(exp, (int, float)) or isinstance(exp, bool):
            return "Client assertion has no exp"
        if exp <= now - CLOCK_SKEW:
            return "Client assertion has expired"
        if exp > now + MAX_AHEAD + CLOCK_SKEW:
            return "Client assertion expires more than one hour ahead"
        if iat is not None and (not isinstance(iat, (int, float)) or iat > now + CLOCK_SKEW):
            return "Client assertion was issued in the future"
        if not isinstance(jti, str) or not jti:
            return "Client assertion has no jti"
        with self._lock:
            for key, seen_exp in list(self._seen.items()):
                if seen_exp < now - CLOCK_SKEW:
                    del self._seen[key]
            if (client["id"], jti) in self._seen:
                return "Client assertion has already been used (jti replay)"
            self._seen[(client["id"], jti)] = exp
        return None
