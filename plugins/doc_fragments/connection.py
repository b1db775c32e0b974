# -*- coding: utf-8 -*-
# Copyright: (c) 2026, pingone.platform maintainers
# GNU General Public License v3.0+ (see LICENSE or https://www.gnu.org/licenses/gpl-3.0.txt)

from __future__ import annotations


class ModuleDocFragment:
    # The connection options shared by every pingone.platform module. They follow the table
    # CONNECTION_OPTIONS in plugins/module_utils/options.py; a unit test keeps the two in step.
    DOCUMENTATION = r'''
options:
  environment_id:
    description:
      - ID (a UUID) of the PingOne environment that holds the worker application, such as the
        administrators environment created with the account.
      - Required unless O(custom_domain) is set.
      - If not set, the value of the E(PINGONE_ENVIRONMENT_ID) environment variable is used.
    type: str
  client_id:
    description:
      - Client ID (a UUID) of the worker application, from its Configuration tab in the PingOne console.
      - If not set, the value of the E(PINGONE_CLIENT_ID) environment variable is used.
    type: str
  client_secret:
    description:
      - Client secret of the worker application. Not needed (and never sent) with O(auth_method=private_key_jwt).
      - If not set, the value of the E(PINGONE_CLIENT_SECRET) environment variable is used.
      - Keep it in Ansible Vault or the environment; never pass it with C(-e) on the command line,
        which C(-vvvv) prints.
    type: str
  region:
    description:
      - PingOne region of the environment, which decides the host names used.
      - One of V(NA), V(CA), V(EU), V(AU), V(SG), V(AP); case-insensitive. The top-level domain
        (V(com), V(ca), V(eu), V(com.au), V(sg), V(asia)) and the names used by Ping's Go SDK
        (V(NorthAmerica), V(Canada), V(Europe), V(Australia-AsiaPacific), V(Singapore),
        V(AsiaPacific)) are accepted too. Anything else is refused.
      - If not set, the value of the E(PINGONE_REGION_CODE) environment variable is used; if neither is
        set, V(NA) (North America). Failure messages then say that the region was this default.
        E(PINGONE_REGION) is not read (Ping's tools use E(PINGONE_REGION_CODE)); when it is set instead,
        a warning says so.
    type: str
  auth_hostname:
    description:
      - Host name, with an optional port, to use for the token request instead of the region's
        C(auth.pingone.<tld>); for example a private endpoint or a test server.
      - An C(https://) prefix is accepted. C(http://), paths (other than a trailing C(/v1), ignored with a
        warning), queries and user information are refused.
      - Mutually exclusive with O(custom_domain).
      - If not set, the value of the E(PINGONE_AUTH_SERVICE_HOSTNAME) environment variable is used.
    type: str
  api_hostname:
    description:
      - Host name, with an optional port, of the PingOne platform API instead of the region's
        C(api.pingone.<tld>). The API base URL is C(https://<api_hostname>/v1).
      - Same rules as O(auth_hostname).
      - If not set, the value of the E(PINGONE_API_SERVICE_HOSTNAME) environment variable is used.
    type: str
  custom_domain:
    description:
      - Custom domain of the environment (for example V(auth.example.com)). Tokens are then
        requested from C(https://<custom_domain>/as/token), without the environment ID in the path.
      - Applies to the token request only; the API stays on the region's API host.
      - Mutually exclusive with O(auth_hostname).
      - If not set, the value of the E(PINGONE_CUSTOM_DOMAIN) environment variable is used.
    type: str
  auth_method:
    description:
      - How the client authenticates at the token endpoint. It must match the Token Endpoint
        Authentication Method of the application in PingOne.
      - V(client_secret_basic) sends the ID and secret in an HTTP Basic C(Authorization) header
        (PingOne's C(CLIENT_SECRET_BASIC), the default for worker applications).
      - V(client_secret_post) sends them in the form body (C(CLIENT_SECRET_POST)).
      - V(client_secret_jwt) sends a short-lived client assertion (a JWT) signed with the client
        secret, so the secret itself never travels (C(CLIENT_SECRET_JWT)).
      - V(private_key_jwt) sends a client assertion signed with O(private_key) or O(private_key_path);
        PingOne holds only the public key (C(PRIVATE_KEY_JWT)). O(client_secret) is not needed.
      - The two JWT methods need the Python library C(PyJWT) on the host that runs the module.
      - If not set, the value of the E(PINGONE_AUTH_METHOD) environment variable is used.
    type: str
    choices: [client_secret_basic, client_secret_post, client_secret_jwt, private_key_jwt]
    default: client_secret_basic
  jwt_algorithm:
    description:
      - Signing algorithm of the client assertion. V(HS256), V(HS384) or V(HS512) for
        O(auth_method=client_secret_jwt) (default V(HS256)); V(RS256), V(RS384) or V(RS512) for
        O(auth_method=private_key_jwt) (default V(RS256)). It must be one the application accepts.
      - An HS algorithm wants a client secret of at least 32, 48 or 64 bytes; a shorter one gives a warning.
      - Only for the two JWT methods; set with another O(auth_method), it is refused.
      - If not set, the value of the E(PINGONE_JWT_ALGORITHM) environment variable is used.
    type: str
    choices: [HS256, HS384, HS512, RS256, RS384, RS512]
  private_key:
    description:
      - The RSA private key (at least 2048 bits) for O(auth_method=private_key_jwt), as PEM text
        (C(BEGIN PRIVATE KEY) or C(BEGIN RSA PRIVATE KEY), possibly encrypted). Keep it in Ansible Vault.
      - Its public key must be in the JWKS (or JWKS URL) of the application in PingOne.
      - Mutually exclusive with O(private_key_path).
      - If not set, the value of the E(PINGONE_PRIVATE_KEY) environment variable is used.
    type: str
  private_key_path:
    description:
      - Path of a PEM file with the private key for O(auth_method=private_key_jwt), on the host that
        runs the module. Same rules as O(private_key), with which it is mutually exclusive.
      - If not set, the value of the E(PINGONE_PRIVATE_KEY_PATH) environment variable is used.
    type: path
  private_key_passphrase:
    description:
      - Passphrase of an encrypted O(private_key) or O(private_key_path). Set it only for an encrypted key.
      - If not set, the value of the E(PINGONE_PRIVATE_KEY_PASSPHRASE) environment variable is used.
    type: str
  key_id:
    description:
      - Key ID sent as the C(kid) header of the client assertion, so PingOne picks the right key
        from a JWKS that holds several (for example during a key rotation).
      - For the two JWT methods only.
      - If not set, the value of the E(PINGONE_KEY_ID) environment variable is used.
    type: str
  assertion_lifetime:
    description:
      - Seconds for which a client assertion is valid (its C(exp) claim); at most V(3600), as PingOne
        requires. A new assertion, with a new random C(jti), is signed for every request.
      - For the two JWT methods only; ignored otherwise.
      - If not set, the value of the E(PINGONE_ASSERTION_LIFETIME) environment variable is used.
    type: int
    default: 300
  scopes:
    description:
      - Scopes to request, each a list item. Leave unset for a worker token whose rights come from
        the application's role assignments.
      - If not set, the value of the E(PINGONE_SCOPES) environment variable (comma-separated) is used.
    type: list
    elements: str
  timeout:
    description:
      - Seconds to wait for a complete answer to each attempt.
      - If not set, the value of the E(PINGONE_TIMEOUT) environment variable is used.
    type: float
    default: 30
  validate_certs:
    description:
      - Whether to verify the TLS certificate of PingOne. Leave it on; use O(ca_path) for a
        private CA or a TLS-inspecting proxy.
      - If not set, the value of the E(PINGONE_VALIDATE_CERTS) environment variable is used.
    type: bool
    default: true
  ca_path:
    description:
      - PEM file (or directory prepared with C(c_rehash)) of the CA certificates to trust instead
        of the default bundle.
      - If not set, the value of the E(PINGONE_CA_PATH) environment variable is used.
    type: path
  retries:
    description:
      - How many times to retry after a connection failure or an HTTP 408, 429, 500, 502, 503 or
        504 answer, waiting with exponential backoff and jitter (honouring C(Retry-After); each wait
        at most 30 seconds). Other answers are never retried.
      - If not set, the value of the E(PINGONE_RETRIES) environment variable is used.
    type: int
    default: 3
notes:
  - A C(PINGONE_*) environment variable that is set but empty (or only white space) counts as unset,
    so C(PINGONE_ENVIRONMENT_ID="") is no error where O(access_token) makes the environment unnecessary.
  - Failure messages say where a value came from (the task's option, which C(PINGONE_*) variable,
    or the default region) and never contain a secret.
  - Proxies are taken from the standard E(HTTPS_PROXY) and E(NO_PROXY) environment variables.
  - Redirects are never followed, because following one would resend the credentials.
requirements:
  - requests >= 2.25 (on the host that runs the module)
  - PyJWT >= 2.4 (on the host that runs the module; only for O(auth_method=client_secret_jwt) and O(auth_method=private_key_jwt))
'''

    # Added to the connection options by modules that call the platform API
    # (API_OPTIONS in plugins/module_utils/options.py).
    API = r'''
options:
  access_token:
    description:
      - An access token fetched earlier, for example RV(pingone.platform.pingone_token#module:access_token)
        of a C(pingone.platform.pingone_token) task.
      - When set, no token is requested, and O(client_id), O(client_secret) and O(environment_id) are not needed.
      - If not set, the value of the E(PINGONE_API_ACCESS_TOKEN) environment variable is used.
    type: str
  environment_wait_timeout:
    description:
      - How long, in seconds (0 to 3600), to wait for an environment created a moment ago to become available.
      - Right after an environment is created (by M(pingone.platform.pingone_environment), M(pingone.platform.pingone_api),
        the console or another tool), PingOne may answer 404 for it and its collections, and 403 for what is in it,
        for a while. A module working in C(target_environment_id) then sends the request again (after 0.25 s,
        doubling, at most 5 s apart) while PingOne's list of environments shows that environment created less than
        15 minutes ago, until it answers or this time is spent; then it fails naming the environment ID. An ID of no
        environment, or of an older one, fails at once. M(pingone.platform.pingone_environment) waits this long for the
        environment it creates. V(0) does not wait.
      - If not set, the value of the E(PINGONE_ENVIRONMENT_WAIT_TIMEOUT) environment variable is used.
    type: float
    default: 60.0
'''

    # Added to the API options by modules that can send many requests in one task
    # (BULK_OPTIONS in plugins/module_utils/options.py).
    BULK = r'''
options:
  rate_limit:
    description:
      - The most requests per second this task may send to PingOne, such as the rate limit of the licence (or the
        share of it this task may use). Requests are then spaced to 95 % of it from the first one, so a task
        given its limit meets no 429 at all.
      - When not set, the task finds the pace itself. At the first 429 (C(Retry-After)) every request of the task
        waits until that window has passed, and from then on the requests are spaced to 95 % of the rate PingOne
        accepted in the second before it.
      - Either way, after a 429 no request of the task is sent before the latest C(Retry-After) any of them was
        given has passed, a 429 does not use up a request's O(retries), and the task gives up only when none of
        its requests got an answer other than 429 for 120 seconds.
      - Must be above 0. If not set, the value of the E(PINGONE_RATE_LIMIT) environment variable is used.
    type: float
'''
