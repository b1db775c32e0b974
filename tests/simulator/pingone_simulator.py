"""Local PingOne-compatible HTTPS simulator for demos and tests.

Serves the PingOne token endpoint (regional ``/{envId}/as/token`` and custom-domain ``/as/token``),
a slice of the platform API (``/v1/environments``), of the management API (users, groups,
applications, roles: management_api.py) and a test-only control API under ``/__sim/``
that injects faults and reports what was received. Use it from Python (``Simulator``) or run it
as a script (``--help``). Behaviour follows PingOne's documentation, not any particular client.
"""

import argparse
import base64
import collections
import copy
import email.utils
import hmac
import http.server
import itertools
import json
import os
import re
import signal
import socket
import ssl
import struct
import sys
import threading
import time
import uuid
from http import HTTPStatus
from urllib.parse import parse_qsl, unquote_plus

import trustme
from cryptography.hazmat.primitives import hashes
from cryptography.hazmat.primitives.asymmetric import padding, rsa

# The platform API endpoints live beside this file (tests/simulator is on sys.path when it runs).
from platform_api import PlatformAPI  # pylint: disable=import-error
from management_api import ManagementAPI  # pylint: disable=import-error
from described_store import DescribedStore  # pylint: disable=import-error
from client_assertion import CLIENT_SECRET_JWT, PRIVATE_KEY_JWT, ClientAssertions  # pylint: disable=import-error

CLIENT_SECRET_BASIC = "CLIENT_SECRET_BASIC"
CLIENT_SECRET_POST = "CLIENT_SECRET_POST"

ADMIN_ENV_ID = "6f1c2a3e-8d4b-4f5a-9c7e-1a2b3c4d5e6f"
SANDBOX_ENV_ID = "0b9e8d7c-6a5f-4e3d-8c2b-7a6f5e4d3c2b"
# The custom domain (``POST /as/token``) belongs to the admin environment, where the clients live.
CUSTOM_DOMAIN_ENV_ID = ADMIN_ENV_ID
ORGANIZATION_ID = "3d2c1b0a-9f8e-4d7c-b6a5-4f3e2d1c0b9a"
LICENSE_ID = "9a8b7c6d-5e4f-4a3b-8c2d-1e0f9a8b7c6d"

# Secrets contain characters that change under form-URL-encoding, so clients must encode them.
CLIENTS = {
    "basic": {"id": "2e4a6c8e-0b1d-4f3a-9b5c-7d9e1f3a5b7c", "secret": "S\u00ebcret+/=%:~&-b4s1c",
              "token_endpoint_auth_method": CLIENT_SECRET_BASIC, "grant_types": ["client_credentials"], "scopes": []},
    "post": {"id": "7b9d1f3a-5c7e-4a9b-8d1f-3a5c7e9b1d3f", "secret": "P\u00f6st+S/=%:~&-p0st",
             "token_endpoint_auth_method": CLIENT_SECRET_POST, "grant_types": ["client_credentials"], "scopes": []},
    "no_grant": {"id": "c1e3a5b7-d9f1-4b3d-a5c7-e9b1d3f5a7c9", "secret": "N0-Gr\u00e4nt+/=%:~&",
                 "token_endpoint_auth_method": CLIENT_SECRET_BASIC, "grant_types": ["authorization_code"], "scopes": []},
    "scoped": {"id": "4f6a8c0e-2b4d-4c6e-8a0b-2d4f6a8c0e2b", "secret": "Sc\u00f6ped+/=%:~&",
               "token_endpoint_auth_method": CLIENT_SECRET_BASIC, "grant_types": ["client_credentials"],
               "scopes": ["p1:read:user", "p1:update:user"]},
    "disabled": {"id": "8e0a2c4e-6b8d-4a0c-9e2a-4c6e8a0c2e4a", "secret": "D\u00efsabled+/=%:~&", "enabled": False,
                 "token_endpoint_auth_method": CLIENT_SECRET_BASIC, "grant_types": ["client_credentials"], "scopes": []},
    # JWT client authentication (client_assertion.py). "jwt" has a 64-byte secret, enough for HS512;
    # "jwt_short" one shorter than HS256's 32 bytes (the module warns, PingOne still accepts it).
    "jwt": {"id": "5d7f9b1c-3e5a-4c7e-9a1c-3e5f7a9c1e3a", "secret": "J\u00e4wt+/=%:~&-hs512-needs-sixty-four-bytes-of-secret-0123456789ab",
            "token_endpoint_auth_method": CLIENT_SECRET_JWT, "grant_types": ["client_credentials"], "scopes": ["p1:read:user"]},
    "jwt_short": {"id": "a3c5e7f9-1b3d-4e5f-8a7b-9c1d3e5f7a9b", "secret": "Sh\u00f6rt+/=%:~&-jwt",
                  "token_endpoint_auth_method": CLIENT_SECRET_JWT, "grant_types": ["client_credentials"], "scopes": []},
    # PRIVATE_KEY_JWT: the simulator makes its key pair at start (keys/key.pem, and keys/key-encrypted.pem
    # with key_passphrase); the JWKS holds its public key under "kid" and a decoy key. Its secret exists,
    # as on every PingOne application, but is never accepted for it.
    "key": {"id": "e9b1d3f5-a7c9-4e1b-b3d5-f7a9c1e3b5d7", "secret": "K\u00ebyApp+/=%:~&-unused", "kid": "sim-key-1",
            "key_passphrase": "K\u00eby-P\u00e4ss+/=%:~&-phrase", "token_endpoint_auth_method": PRIVATE_KEY_JWT,
            "grant_types": ["client_credentials"], "scopes": []},
}

# Keys missing from a config passed to Simulator are taken from here.
DEFAULT_CONFIG = {
    "environment_id": ADMIN_ENV_ID,  # where clients live unless a client names its own "environment_id"
    "custom_domain_environment_id": CUSTOM_DOMAIN_ENV_ID,
    "organization_id": ORGANIZATION_ID,
    "license_id": LICENSE_ID,
    "environments": [
        {"id": ADMIN_ENV_ID, "name": "Administrators", "type": "PRODUCTION", "region": "NA"},
        {"id": SANDBOX_ENV_ID, "name": "Sandbox", "type": "SANDBOX", "region": "NA"},
    ],
    "extra_environments": 0,  # generated SANDBOX environments appended to the list (paging tests)
    "clients": CLIENTS,
    "token_lifetime": 3600,
    "extra_hostnames": [],  # added to 127.0.0.1/localhost in the server certificate
}

NOT_FOUND_MESSAGE = "The requested resource was not found."
ACCESS_FAILED_MESSAGE = "The request could not be completed. You do not have access to this resource."
FAULT_ACTIONS = ("reset", "reset_mid_body", "delay", "hang", "trickle", "large", "redirect")
HANG_MAX_SECONDS = 120  # a hung socket is released after this, so the server cannot leak forever
_UUID_RE = re.compile(r"^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$", re.IGNORECASE)
_GENERATED_NS = uuid.UUID("5a1e0000-0000-4000-8000-00000000beef")
_NO_STORE = [("Cache-Control", "no-store"), ("Pragma", "no-cache")]
_MAX_BODY = 10 * 1024 * 1024
_STATUS_BODIES = {
    400: ("INVALID_REQUEST", "The request could not be completed."),
    401: ("ACCESS_FAILED", ACCESS_FAILED_MESSAGE),
    403: ("ACCESS_FAILED", ACCESS_FAILED_MESSAGE),
    404: ("NOT_FOUND", NOT_FOUND_MESSAGE),
    429: ("REQUEST_LIMITED", "The request was rate limited."),
    500: ("UNEXPECTED_ERROR", "An unexpected error occurred."),
    503: ("SERVICE_UNAVAILABLE", "The service is temporarily unavailable."),
}


def _b64url(data):
    return base64.urlsafe_b64encode(data).rstrip(b"=").decode("ascii")


def _phrase(status):
    try:
        return HTTPStatus(status).phrase
    except ValueError:
        return "Error"


class _Request:
    """One parsed HTTP request, independent of the socket it arrived on."""

    def __init__(self, method, target, headers, body, base):
        self.method = method
        self.target = target
        self.path, _sep, self.query = target.partition("?")
        self.headers = headers
        self.body = body
        self.base = base  # https://<Host header>, used for absolute links
        self.client_id = None  # the bearer token's client_id, once PingOneApp has checked the token

    def params(self):
        return dict(parse_qsl(self.query, keep_blank_values=True))


class _Response:
    """Status, headers and a body given either as bytes or as a chunk generator of known length."""

    def __init__(self, status, body=b"", content_type=None, headers=None, chunks=None, length=None):
        self.status = status
        self.body = body
        self.headers = [("Content-Type", content_type)] if content_type else []
        self.headers += [(str(k), str(v)) for k, v in (headers or []) if str(k).lower() != "content-length"]
        self._chunks = chunks
        self.length = len(body) if length is None else length

    def chunks(self):
        return self._chunks() if self._chunks else [self.body]


def _json_response(status, data, headers=None, content_type="application/json"):
    return _Response(status, json.dumps(data, separators=(",", ":")).encode(), content_type, headers)


def _platform_error(status, code, message, details=None, headers=None):
    body = {"id": str(uuid.uuid4()), "code": code, "message": message}
    if details:
        body["details"] = details
    return _json_response(status, body, headers)


def _not_found():
    return _platform_error(404, "NOT_FOUND", NOT_FOUND_MESSAGE)


def _oauth_error(status, error, description, headers=None):
    # PingOne appends a fresh correlation id to every token error description.
    body = {"error": error, "error_description": f"{description} (Correlation ID: {uuid.uuid4()})"}
    return _json_response(status, body, _NO_STORE + list(headers or []))


def _status_response(status, headers):
    """Default body for a fault status: gateway HTML for 502/504 (from the load balancer), else platform JSON."""
    if status in (204, 304):
        return _Response(status, headers=headers)
    if status in (502, 504):
        title = f"{status} {_phrase(status)}"
        html = f"<html>\r\n<head><title>{title}</title></head>\r\n<body>\r\n<center><h1>{title}</h1></center>\r\n</body>\r\n</html>\r\n"
        return _Response(status, html.encode(), "text/html", headers)
    code, message = _STATUS_BODIES.get(status, ("REQUEST_FAILED", _phrase(status)))
    return _platform_error(status, code, message, headers=headers)


def _large_response(size, headers):
    """A valid JSON document of exactly ``size`` bytes (when size >= 14), streamed in blocks."""
    head, tail = b'{"padding":"', b'"}'
    fill = max(size - len(head) - len(tail), 0)

    def chunks():
        yield head
        block = b"x" * 65536
        remaining = fill
        while remaining > 0:
            yield block[:min(remaining, len(block))]
            remaining -= len(block)
        yield tail
    return _Response(200, content_type="application/json", headers=headers, chunks=chunks, length=len(head) + fill + len(tail))


def _canned_response(spec):
    """The answer a fault dictates, or None when the request should be answered normally."""
    action = spec.get("action")
    headers = list(spec.get("headers", {}).items())
    if "retry_after_date_in" in spec:  # Retry-After as an HTTP date, that many seconds after the fault fires
        headers.append(("Retry-After", email.utils.formatdate(time.time() + float(spec["retry_after_date_in"]), usegmt=True)))
    if action == "large":
        return _large_response(int(spec.get("size", 20000000)), headers)
    if action == "redirect":
        location = spec.get("location", "https://elsewhere.example/as/token")
        return _Response(int(spec.get("status", 307)), headers=headers + [("Location", location)])
    status = int(spec.get("status", 200))
    if "json" in spec:
        return _json_response(status, spec["json"], headers)
    if "body" in spec:
        return _Response(status, str(spec["body"]).encode(), spec.get("content_type", "text/plain; charset=utf-8"), headers)
    if "status" in spec:
        return _status_response(status, headers)
    return None


class _Fault:
    """A queued fault: applies to the next ``times`` requests whose target matches ``match``."""

    def __init__(self, spec):
        if not isinstance(spec, dict):
            raise ValueError(f"a fault must be an object, got {spec!r}")
        action = spec.get("action")
        if action is not None and action not in FAULT_ACTIONS:
            raise ValueError(f"unknown fault action {action!r}; expected one of {', '.join(FAULT_ACTIONS)}")
        if action is None and not any(key in spec for key in ("status", "json", "body")):
            raise ValueError("a fault needs 'action', 'status', 'json' or 'body'")
        self.spec = dict(spec)
        self.remaining = int(spec.get("times", 1))
        if self.remaining < 1:
            raise ValueError("'times' must be at least 1")
        self.match = spec.get("match") or ""
        try:  # "match" is a path prefix or a regular expression, whichever hits
            self._regex = re.compile(self.match) if self.match else None
        except re.error:
            self._regex = None

    def matches(self, target, method=None):
        if self.spec.get("method") and method and self.spec["method"].upper() != method.upper():
            return False
        return target.startswith(self.match) or bool(self._regex and self._regex.search(target))


class PingOneApp:
    """PingOne behaviour as a function of request -> response (no sockets here).

    Routes are a table of (path regex, {method: handler}) so new endpoints are one line each.
    """

    def __init__(self, config):
        self.config = config
        self.issuer_base = ""  # set once the server knows its URL
        self.tokens_issued = 0
        self._key = rsa.generate_private_key(public_exponent=65537, key_size=2048)
        self._kid = uuid.uuid4().hex[:16]
        self._tokens = {}
        self._issued = []  # tokens issued since the last reset, oldest first
        self._lock = threading.Lock()
        self._envs = self._build_environments()
        self.platform = PlatformAPI(config, self._envs)  # the /v1 API (platform_api.py); shares the environments
        self.management = ManagementAPI(config, self.platform)  # users, groups, applications, roles (management_api.py)
        # Every other configuration kind, served from Ping's OpenAPI descriptions (described_store.py).
        self.store = DescribedStore(config, self.platform, self.management)
        self._clients = {client["id"]: client for client in config["clients"].values()}
        self.assertions = ClientAssertions(config["clients"])  # keys of the PRIVATE_KEY_JWT clients; assertion checks
        self._routes = [
            (re.compile(r"/as/token"), {"POST": self._custom_domain_token}),
            (re.compile(r"/([^/]+)/as/token"), {"POST": self._regional_token}),
            (re.compile(r"/([^/]+)/as/jwks"), {"GET": self._jwks}),
            *self.platform.routes(),
            *self.management.routes(),
            *self.store.routes(),   # after the hand-written routes, which keep their paths
        ]

    def _build_environments(self):
        envs = {env["id"].lower(): env for env in self.config["environments"]}
        for index in range(int(self.config.get("extra_environments") or 0)):
            env_id = str(uuid.uuid5(_GENERATED_NS, f"env-{index}"))
            envs[env_id] = {"id": env_id, "name": f"Generated {index + 1:05d}", "type": "SANDBOX", "region": "NA"}
        return envs

    def handle(self, req):
        if req.path.startswith("/v1/"):  # the platform API checks the token before anything else
            denied = self._check_bearer(req) or self.management.propagation_gate(req)
            if denied:
                return denied
        for pattern, methods in self._routes:
            found = pattern.fullmatch(req.path)
            if found:
                handler = methods.get(req.method)
                if handler is None:
                    return _platform_error(405, "METHOD_NOT_ALLOWED", f"The {req.method} method is not supported for this resource.",
                                           headers=[("Allow", ", ".join(methods))])
                return handler(req, *found.groups())
        return _not_found()

    def reset_counters(self):
        with self._lock:
            self.tokens_issued = 0
            self._issued.clear()
        self.assertions.reset()

    def _env(self, env_id):
        return self._envs.get(env_id.lower()) if _UUID_RE.match(env_id) else None

    # --- token endpoint -------------------------------------------------------------------
    def _regional_token(self, req, env_id):
        env = self._env(env_id)
        if env is None:
            return _not_found()
        return self._token(req, env["id"], f"{self.issuer_base}/{env['id']}/as")

    def _custom_domain_token(self, req):
        env = self._env(self.config.get("custom_domain_environment_id") or "")
        if env is None:  # no custom domain configured
            return _not_found()
        return self._token(req, env["id"], f"{self.issuer_base}/as")

    def _token(self, req, env_id, issuer):
        content_type = req.headers.get("Content-Type", "").split(";")[0].strip().lower()
        if content_type != "application/x-www-form-urlencoded":
            return _oauth_error(400, "invalid_request", "Content-Type must be application/x-www-form-urlencoded")
        pairs = parse_qsl(req.body.decode("utf-8", "replace"), keep_blank_values=True)
        form = dict(pairs)
        if len(form) != len(pairs):  # RFC 6749 3.2: parameters must not repeat
            return _oauth_error(400, "invalid_request", "Request parameters must not be included more than once")
        client, denied = self._authenticate(req, form, env_id)
        if denied:
            return denied
        grant_type = form.get("grant_type")
        if not grant_type:
            return _oauth_error(400, "invalid_request", "Missing required parameter: grant_type")
        if grant_type != "client_credentials":
            return _oauth_error(400, "unsupported_grant_type", "Unsupported grant type")
        if "client_credentials" not in [grant.lower() for grant in client.get("grant_types", [])]:
            return _oauth_error(400, "unauthorized_client", "Client is missing required grant type: CLIENT_CREDENTIALS")
        requested = [scope for scope in dict.fromkeys(form.get("scope", "").split(" ")) if scope]
        scopes = [scope for scope in requested if scope in client.get("scopes", [])]
        if requested and not scopes:
            return _oauth_error(400, "invalid_scope", "At least one scope must be granted")
        return self._issue(client, env_id, issuer, scopes)

    def _authenticate(self, req, form, env_id):
        """RFC 6749 2.3.1 client authentication; returns (client, None) or (None, error response)."""
        auth = req.headers.get("Authorization", "")
        basic = auth[:6].lower() == "basic "
        challenge = [("WWW-Authenticate", 'Basic realm="PingOne"')]
        if "client_assertion" in form or "client_assertion_type" in form:
            return self._authenticate_assertion(req, form, env_id, more_than_one=basic or "client_secret" in form)
        if basic and ("client_id" in form or "client_secret" in form):
            return None, _oauth_error(400, "invalid_request", "Request denied: More than one client authentication method was used")
        if basic:
            client_id, secret = _decode_basic(auth[6:])
            method = CLIENT_SECRET_BASIC
        elif "client_id" in form or "client_secret" in form:
            client_id, secret = form.get("client_id"), form.get("client_secret")
            method = CLIENT_SECRET_POST
        else:
            return None, _oauth_error(401, "invalid_client", "Request denied: Client authentication is required", challenge)
        denial = challenge if basic else None
        client = self._client(client_id)
        if client is None or client.get("environment_id", self.config["environment_id"]).lower() != env_id.lower():
            return None, _oauth_error(401, "invalid_client", "Request denied: Invalid client credentials", denial)
        if client["token_endpoint_auth_method"] != method:
            return None, _oauth_error(401, "invalid_client", "Request denied: Unsupported authentication method", denial)
        accepted = [client["secret"], *client.get("previous_secrets", [])]  # a rotated secret works until it expires
        if secret is None or not any(hmac.compare_digest(secret.encode(), known.encode()) for known in accepted):
            return None, _oauth_error(401, "invalid_client", "Request denied: Invalid client credentials", denial)
        if not client.get("enabled", True):
            return None, _oauth_error(401, "invalid_client", "Request denied: Client is disabled", denial)
        return client, None

    def _client(self, client_id):
        """A configured client, or an application created through the management API (its id is the client id)."""
        return self._clients.get(client_id) or (self.management.oauth_client(client_id) if client_id else None)

    def _authenticate_assertion(self, req, form, env_id, more_than_one):
        """CLIENT_SECRET_JWT / PRIVATE_KEY_JWT (client_assertion.py); the audience must be the URL this request was sent to."""
        if more_than_one:
            return None, _oauth_error(400, "invalid_request", "Request denied: More than one client authentication method was used")

        def find(client_id):
            client = self._client(client_id) if isinstance(client_id, str) else None
            if client is None or client.get("environment_id", self.config["environment_id"]).lower() != env_id.lower():
                return None
            return client
        client, problem = self.assertions.authenticate(form, find, req.base + req.path, time.time())
        if problem:
            return None, _oauth_error(*problem)
        if not client.get("enabled", True):
            return None, _oauth_error(401, "invalid_client", "Request denied: Client is disabled")
        return client, None

    def _issue(self, client, env_id, issuer, scopes):
        now = int(time.time())
        lifetime = int(self.config["token_lifetime"])
        claims = {"client_id": client["id"], "iss": issuer, "aud": [self.issuer_base], "env": env_id,
                  "org": self.config["organization_id"], "iat": now, "exp": now + lifetime, "jti": str(uuid.uuid4())}
        body = {"access_token": None, "token_type": "Bearer", "expires_in": lifetime}
        if scopes:
            claims["scope"] = body["scope"] = " ".join(scopes)
        body["access_token"] = token = self._sign(claims)
        with self._lock:
            self._tokens[token] = claims
            self._issued.append(token)
            self.tokens_issued += 1
        return _json_response(200, body, _NO_STORE)

    def issued_tokens(self):
        with self._lock:
            return list(self._issued)

    def _sign(self, claims):
        header = {"alg": "RS256", "typ": "JWT", "kid": self._kid}
        signing_input = ".".join(_b64url(json.dumps(part, separators=(",", ":")).encode()) for part in (header, claims))
        signature = self._key.sign(signing_input.encode("ascii"), padding.PKCS1v15(), hashes.SHA256())
        return f"{signing_input}.{_b64url(signature)}"

    def _jwks(self, req, env_id):
        del req
        if self._env(env_id) is None:
            return _not_found()
        numbers = self._key.public_key().public_numbers()
        key = {"kty": "RSA", "use": "sig", "alg": "RS256", "kid": self._kid,
               "n": _b64url(numbers.n.to_bytes((numbers.n.bit_length() + 7) // 8, "big")),
               "e": _b64url(numbers.e.to_bytes((numbers.e.bit_length() + 7) // 8, "big"))}
        return _json_response(200, {"keys": [key]})

    # --- platform API ---------------------------------------------------------------------
    def _check_bearer(self, req):
        scheme, _sep, token = req.headers.get("Authorization", "").partition(" ")
        token = token.strip()
        if scheme.lower() != "bearer" or not token:
            problem = "An access token is required."
        else:
            with self._lock:
                claims = self._tokens.get(token)
            if claims is None:
                problem = "The access token is invalid."
            elif claims["exp"] <= time.time():
                problem = "The access token has expired."
            else:
                req.client_id = claims["client_id"]  # the actor, for the management API's role checks
                return None
        return _platform_error(401, "ACCESS_FAILED", ACCESS_FAILED_MESSAGE, [{"code": "INVALID_TOKEN", "message": problem}],
                               [("WWW-Authenticate", 'Bearer realm="PingOne", error="invalid_token"')])


def _decode_basic(value):
    """base64(urlencode(id) ":" urlencode(secret)) -> (id, secret); (None, None) when malformed."""
    try:
        raw = base64.b64decode(value.strip(), validate=True).decode("utf-8")
    except ValueError:  # binascii.Error and UnicodeDecodeError are both ValueErrors
        return None, None
    user, sep, password = raw.partition(":")
    if not sep:
        return None, None
    return unquote_plus(user), unquote_plus(password)


class _Handler(http.server.BaseHTTPRequestHandler):
    """Socket side: reads requests, records them, applies faults, writes responses."""

    protocol_version = "HTTP/1.1"  # keep-alive, so a client reusing its connection does one TLS handshake
    server_version = "PingOneSimulator"
    sys_version = ""
    timeout = 60  # idle keep-alive connections are dropped after this many seconds

    def __init__(self, request, client_address, server, conn_id=0):
        self.conn_id = conn_id
        self.counted_epoch = -1  # Simulator.record() counts this connection once per reset epoch
        super().__init__(request, client_address, server)

    @property
    def sim(self):
        return self.server.sim

    def do_GET(self):  # pylint: disable=invalid-name
        self._dispatch()

    do_POST = do_PUT = do_PATCH = do_DELETE = do_HEAD = do_OPTIONS = do_GET

    def log_request(self, code="-", size="-"):
        del size  # logs method, path and status only: never the query, headers or body (secrets)
        note = getattr(self, "_log_note", None)   # why this answer (the post-create window), from the reply
        self._log_note = None
        self.sim.log(f"conn={self.conn_id} {self.command} {self.path.partition('?')[0]} -> {int(code) if str(code).isdigit() else code}"
                     + (f" {note}" if note else ""))

    def log_error(self, format, *args):  # pylint: disable=redefined-builtin
        del format, args  # the default message quotes the raw request line
        self.sim.log(f"conn={self.conn_id} malformed request or timeout")

    def _dispatch(self):
        body = self._read_body()
        if body is None:
            return
        req = _Request(self.command, self.path, self.headers, body, "https://" + (self.headers.get("Host") or self.sim.host))
        if req.path.startswith("/__sim/"):
            self._send(self.sim.control(req))
            return
        self.sim.record(req, self)
        limited = self.sim.pace(req)
        if limited is not None:
            self._send(limited)
            return
        fault = self.sim.take_fault(req.target, req.method)
        if fault is None:
            self._send(self.sim.app.handle(req))
        else:
            self.sim.fault_announced(fault)
            self._apply_fault(fault, req)

    def _read_body(self):
        try:
            if "chunked" in self.headers.get("Transfer-Encoding", "").lower():
                return self._read_chunked()
            length = int(self.headers.get("Content-Length") or 0)
            if not 0 <= length <= _MAX_BODY:
                raise ValueError(length)
        except ValueError:
            self.close_connection = True
            self._send(_platform_error(400, "INVALID_REQUEST", "The request body could not be read."))
            return None
        return self.rfile.read(length) if length else b""

    def _read_chunked(self):
        parts, total = [], 0
        while True:
            size = int(self.rfile.readline().split(b";")[0].strip(), 16)
            total += size
            if size == 0 or total > _MAX_BODY:
                break
            parts.append(self.rfile.read(size))
            self.rfile.readline()
        while self.rfile.readline() not in (b"\r\n", b"\n", b""):  # trailers
            pass
        return b"".join(parts)

    def _send(self, resp, trickle=0.0, cut=None):
        """Write a response; ``trickle`` = seconds per body byte, ``cut`` = stop after that many body bytes."""
        try:
            self._log_note = getattr(resp, "note", None)
            if resp.status == 429:
                self.sim.count("answered_429")
            self.send_response(resp.status)
            for name, value in resp.headers:
                self.send_header(name, value)
            self.send_header("Content-Length", str(resp.length))
            if self.close_connection:   # the request asked to close: RFC 9112 9.6, the answer says so too
                self.send_header("Connection", "close")
            self.end_headers()
            if self.command == "HEAD":
                return
            written = 0
            for chunk in resp.chunks():
                chunk = chunk if cut is None else chunk[:max(cut - written, 0)]
                self._write(chunk, trickle)
                written += len(chunk)
                if cut is not None and written >= cut:
                    return
        except OSError:  # the client went away (or the simulator is stopping)
            self.close_connection = True

    def _write(self, data, trickle):
        if not trickle:
            self.wfile.write(data)
            return
        for index in range(len(data)):
            self.wfile.write(data[index:index + 1])
            if self.sim.stopping.wait(trickle):
                raise OSError("simulator stopping")

    def _apply_fault(self, spec, req):
        action = spec.get("action")
        self.sim.log(f"conn={self.conn_id} {req.method} {req.path} -> fault {action or spec.get('status', 200)}")
        if action == "reset":
            self._abort()
            return
        if action == "hang":
            self._hang(min(float(spec.get("seconds", HANG_MAX_SECONDS)), HANG_MAX_SECONDS))
            return
        if action == "delay" and self.sim.stopping.wait(float(spec.get("seconds", 1.0))):
            self._abort()
            return
        resp = _canned_response(spec) or self.sim.app.handle(req)
        if action == "reset_mid_body":
            self._send(resp, cut=resp.length // 2)
            time.sleep(0.2)  # let the partial body reach the client before the reset
            self._abort()
            return
        self._send(resp, trickle=float(spec.get("interval", 1.0)) if action == "trickle" else 0.0)

    def _abort(self):
        """Close with SO_LINGER 0 and no TLS close_notify, so the client sees a TCP reset."""
        self.close_connection = True
        try:
            self.connection.setsockopt(socket.SOL_SOCKET, socket.SO_LINGER, struct.pack("ii", 1, 0))
        except OSError:
            pass
        # The buffered reader holds a reference to the socket; the fd only closes once both are closed.
        for stream in (self.rfile, self.wfile, self.connection):
            try:
                stream.close()
            except OSError:
                pass

    def _hang(self, seconds):
        """Never answer; give the socket back when the client leaves, the simulator stops or time is up."""
        self.close_connection = True
        deadline = time.monotonic() + seconds
        self.connection.settimeout(0.25)
        while time.monotonic() < deadline and not self.sim.stopping.is_set():
            try:
                if not self.connection.recv(4096):
                    return
            except (TimeoutError, ssl.SSLWantReadError):
                continue
            except OSError:
                return


class _Server(http.server.ThreadingHTTPServer):
    """Accepts TCP, then does the TLS handshake in the per-connection thread (a slow client blocks nobody)."""

    daemon_threads = True

    def __init__(self, address, ssl_context, sim):
        self.ssl_context = ssl_context
        self.sim = sim
        super().__init__(address, _Handler)

    def finish_request(self, request, client_address):
        request.settimeout(10)
        # Send each answer at once, as production servers do: without it, a keep-alive client waits for
        # its delayed ACK (about 40 ms) before the last segment of a body arrives (Nagle's algorithm).
        request.setsockopt(socket.IPPROTO_TCP, socket.TCP_NODELAY, 1)
        try:
            tls = self.ssl_context.wrap_socket(request, server_side=True)
        except (OSError, ValueError):  # e.g. the client rejected our certificate
            self.sim.count("tls_failures")
            return
        conn_id = self.sim.connection_opened(tls)
        try:
            _Handler(tls, client_address, self, conn_id=conn_id)
        except (OSError, ValueError):  # client reset the connection, or stop() shut it down
            pass
        finally:
            self.sim.connection_closed(tls)
            tls.close()

    def handle_error(self, request, client_address):
        self.sim.log(f"error on connection from {client_address[0]}: {sys.exc_info()[1]!r}")


class Simulator:
    """The PingOne simulator: ``Simulator(state_dir).start()`` ... ``stop()`` (also a context manager).

    ``cert_hostnames`` replaces the certificate's names (default 127.0.0.1, localhost and config
    ``extra_hostnames``); pass e.g. ``["wrong.example"]`` for host-name-mismatch tests.
    """

    def __init__(self, state_dir, config=None, cert_hostnames=None, port=0, verbose=False):
        self.state_dir = os.fspath(state_dir)
        self.config = copy.deepcopy(DEFAULT_CONFIG)
        self.config.update(copy.deepcopy(config or {}))
        self.cert_hostnames = list(cert_hostnames or ["127.0.0.1", "localhost", *self.config["extra_hostnames"]])
        self.ca_path = os.path.join(self.state_dir, "ca.pem")
        self.other_ca_path = os.path.join(self.state_dir, "other-ca.pem")
        self.verbose = verbose
        self._log_lock = threading.Lock()   # one request log line at a time (log)
        self.stopping = threading.Event()
        self.app = PingOneApp(self.config)
        self._requested_port = port
        self._lock = threading.Lock()
        self._faults = []
        self._rate_window = collections.deque()
        self._announced_until = 0.0  # end of the last Retry-After window a 429 announced (strict_rate_limit)
        self._requests = []
        self._counters = {}
        self._epoch = 0
        self._conn_ids = itertools.count(1)
        self._open = set()
        self._server = None
        self._thread = None
        self.private_keys = {}  # PRIVATE_KEY_JWT clients' key files, written by start()
        self.reset()

    # --- lifecycle ------------------------------------------------------------------------
    def start(self):
        os.makedirs(self.state_dir, exist_ok=True)
        ca = trustme.CA()
        ca.cert_pem.write_to_path(self.ca_path)
        trustme.CA().cert_pem.write_to_path(self.other_ca_path)  # trusted by nobody: "unknown CA" tests
        context = ssl.SSLContext(ssl.PROTOCOL_TLS_SERVER)
        context.minimum_version = ssl.TLSVersion.TLSv1_2
        ca.issue_cert(*self.cert_hostnames).configure_cert(context)
        self.stopping.clear()
        self._server = _Server(("127.0.0.1", self._requested_port), context, self)
        self.app.issuer_base = self.url
        self.private_keys = self.app.assertions.write_keys(self.state_dir, self.config["clients"])
        self._thread = threading.Thread(target=self._server.serve_forever, kwargs={"poll_interval": 0.2},
                                        name="pingone-simulator", daemon=True)
        self._thread.start()
        self.log(f"listening on {self.url}")
        return self

    def stop(self):
        if self._server is None:
            return
        self.stopping.set()  # wakes delayed, hung and trickling handlers
        self._server.shutdown()
        with self._lock:
            still_open = list(self._open)
        for tls in still_open:  # wake handlers blocked reading an idle keep-alive connection
            try:
                socket.socket.shutdown(tls, socket.SHUT_RDWR)
            except OSError:
                pass
        self._server.server_close()
        self._thread.join(timeout=5)
        self._server = None

    def __enter__(self):
        return self.start()

    def __exit__(self, *exc_info):
        self.stop()

    @property
    def port(self):
        return self._server.server_address[1]

    @property
    def host(self):
        return f"127.0.0.1:{self.port}"

    @property
    def url(self):
        return f"https://{self.host}"

    def info(self):
        """What the CLI writes to simulator.json: where to connect and the default (basic) client's credentials."""
        basic = self.config["clients"].get("basic", {})
        env_id = self.config["environment_id"]
        return {"url": self.url, "host": self.host, "port": self.port, "pid": os.getpid(),
                "ca_path": os.path.abspath(self.ca_path), "other_ca_path": os.path.abspath(self.other_ca_path),
                "environment_id": env_id, "organization_id": self.config["organization_id"],
                "custom_domain_environment_id": self.config["custom_domain_environment_id"],
                "client_id": basic.get("id"), "client_secret": basic.get("secret"),
                "token_endpoint_auth_method": basic.get("token_endpoint_auth_method"),
                "token_url": f"{self.url}/{env_id}/as/token", "custom_domain_token_url": f"{self.url}/as/token",
                "api_url": f"{self.url}/v1", "clients": self.config["clients"],
                "private_keys": self.private_keys}

    def log(self, message):
        # One line, in one write under a lock: print() writes the text and the newline separately, so the
        # lines of concurrent requests could merge (two messages, then two newlines).
        if self.verbose:
            line = "[pingone-simulator] %s\n" % " ".join(str(message).splitlines())
            with self._log_lock:
                sys.stderr.write(line)
                sys.stderr.flush()

    # --- test controls --------------------------------------------------------------------
    def add_faults(self, faults):
        if not isinstance(faults, list):
            raise ValueError("faults must be a list")
        parsed = [_Fault(spec) for spec in faults]  # validate all before queueing any
        with self._lock:
            self._faults.extend(parsed)
            return len(self._faults)

    def reset(self):
        with self._lock:
            self._faults.clear()
            self._requests.clear()
            self._counters = dict.fromkeys(("requests", "api_requests", "connections", "tls_handshakes", "tls_failures",
                                            "rate_limited", "answered_429"), 0)
            self._rate_window.clear()  # a test starts with the limiter's windows empty
            self._announced_until = 0.0
            self._epoch += 1
        self.app.reset_counters()

    def requests(self):
        with self._lock:
            return copy.deepcopy(self._requests)

    def issued_tokens(self):
        """The access tokens issued since the last reset, oldest first (tests look for them in logs)."""
        return self.app.issued_tokens()

    def stats(self):
        with self._lock:
            stats = dict(self._counters, faults_pending=len(self._faults))
        stats["tokens_issued"] = self.app.tokens_issued
        return stats

    def control(self, req):
        """The /__sim/ API (no auth: this server only listens on 127.0.0.1)."""
        route = (req.method, req.path)
        if route == ("POST", "/__sim/faults"):
            try:
                pending = self.add_faults(json.loads(req.body or b"{}")["faults"])
            except (ValueError, KeyError, TypeError) as exc:
                return _json_response(400, {"error": f"bad faults request: {exc}"})
            return _json_response(200, {"pending": pending})
        if route == ("POST", "/__sim/reset"):
            self.reset()
            return _json_response(200, {"reset": True})
        if route == ("GET", "/__sim/requests"):
            return _json_response(200, self.requests())
        if route == ("GET", "/__sim/stats"):
            return _json_response(200, self.stats())
        return _not_found()

    # --- bookkeeping used by the server -----------------------------------------------------
    def count(self, name):
        with self._lock:
            self._counters[name] += 1

    def connection_opened(self, tls):
        with self._lock:
            self._counters["tls_handshakes"] += 1
            self._open.add(tls)
        return next(self._conn_ids)

    def connection_closed(self, tls):
        with self._lock:
            self._open.discard(tls)

    def record(self, req, handler):
        """Remember a non-control request; "connections" counts connections that carried one since reset."""
        with self._lock:
            if handler.counted_epoch != self._epoch:
                handler.counted_epoch = self._epoch
                self._counters["connections"] += 1
            self._counters["requests"] += 1
            if req.path.startswith("/v1/"):
                self._counters["api_requests"] += 1
            self._requests.append({"method": req.method, "path": req.path, "query": req.query,
                                   "headers": dict(req.headers.items()), "body": req.body.decode("utf-8", "replace"),
                                   "connection": handler.conn_id})

    def pace(self, req):
        """PingOne's rate limit, when the config sets one, and a fixed time to answer each API request
        (``request_delay``, seconds), as the provisioning benchmark asks for. Returns the 429 answer, or None to go on.

        ``rate_limit``: API requests per second, over a one-second window; past it 429 REQUEST_LIMITED with
        ``Retry-After: 1``. ``strict_rate_limit``: as some PingOne-like limiters do, any API request that arrives
        before the last announced ``Retry-After`` window has ended (this limiter's, or a faulted 429's) is refused
        the same way, and restarts the window. Refused requests do not count in the one-second window."""
        if not req.path.startswith("/v1/"):
            return None
        delay = float(self.config.get("request_delay") or 0)
        if delay:
            time.sleep(delay)
        limit = int(self.config.get("rate_limit") or 0)
        strict = bool(self.config.get("strict_rate_limit"))
        if not limit and not strict:
            return None
        now = time.monotonic()
        with self._lock:
            if strict and now < self._announced_until:
                return self._refuse(now)
            if not limit:
                return None
            window = self._rate_window
            while window and now - window[0] >= 1.0:
                window.popleft()
            if len(window) >= limit:
                return self._refuse(now)
            window.append(now)
        return None

    def _refuse(self, now):
        """The limiter's 429 (the lock is held): counted, and its one-second window announced."""
        self._counters["rate_limited"] += 1
        self._announced_until = max(self._announced_until, now + 1.0)
        return _platform_error(429, "REQUEST_LIMITED", "The request was rate limited.", headers=[("Retry-After", "1")])

    def fault_announced(self, spec):
        """A faulted 429 with Retry-After (seconds, or ``retry_after_date_in``) announces a window too (strict_rate_limit)."""
        if int(spec.get("status", 0) or 0) != 429:
            return
        headers = {name.lower(): value for name, value in (spec.get("headers") or {}).items()}
        seconds = spec.get("retry_after_date_in", headers.get("retry-after"))
        try:
            seconds = float(seconds)
        except (TypeError, ValueError):
            return
        with self._lock:
            self._announced_until = max(self._announced_until, time.monotonic() + seconds)

    def take_fault(self, target, method=None):
        with self._lock:
            for fault in self._faults:
                if fault.matches(target, method):
                    fault.remaining -= 1
                    if fault.remaining <= 0:
                        self._faults.remove(fault)
                    return fault.spec
        return None


def _write_json_atomic(path, data):
    """Write then rename, so a poller never reads a half-written file."""
    tmp = f"{path}.{os.getpid()}.tmp"
    with open(tmp, "w", encoding="utf-8") as handle:
        json.dump(data, handle, indent=2, ensure_ascii=False)
        handle.write("\n")
    os.replace(tmp, path)


def main(argv=None):
    parser = argparse.ArgumentParser(description="Local PingOne-compatible HTTPS simulator (for demos and tests).")
    parser.add_argument("--state-dir", required=True, help="where ca.pem, other-ca.pem and simulator.json are written")
    parser.add_argument("--port", type=int, default=0, help="port on 127.0.0.1 (default 0: any free port)")
    parser.add_argument("--config", help="JSON file whose keys override DEFAULT_CONFIG")
    parser.add_argument("--extra-environments", type=int, help="generate this many extra environments")
    parser.add_argument("--token-lifetime", type=int, metavar="SECONDS",
                        help="lifetime of the access tokens it issues (default 3600; a few seconds make an expired token easy to get)")
    parser.add_argument("--quiet", action="store_true", help="do not log requests to stderr")
    args = parser.parse_args(argv)
    config = {}
    if args.config:
        with open(args.config, encoding="utf-8") as handle:
            config = json.load(handle)
    if args.extra_environments is not None:
        config["extra_environments"] = args.extra_environments
    if args.token_lifetime is not None:
        if args.token_lifetime < 1:
            parser.error("--token-lifetime must be at least 1 second")
        config["token_lifetime"] = args.token_lifetime
    state_file = os.path.join(args.state_dir, "simulator.json")
    if os.path.exists(state_file):
        os.remove(state_file)  # a stale file would point pollers at a dead port
    done = threading.Event()
    for signum in (signal.SIGTERM, signal.SIGINT):
        signal.signal(signum, lambda *_: done.set())
    sim = Simulator(args.state_dir, config, port=args.port, verbose=not args.quiet).start()
    try:
        _write_json_atomic(state_file, sim.info())
        while not done.wait(0.5):
            pass
    finally:
        sim.stop()
        if os.path.exists(state_file):
            os.remove(state_file)
    sim.log("stopped")
    return 0


if __name__ == "__main__":
    sys.exit(main())
