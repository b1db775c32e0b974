"""The simulator's slice of PingOne's management API: users (with passwords, enabled state and
population). Groups and group memberships are in management_groups.py, applications, roles and
role assignments in management_apps.py (both mixed into ``ManagementAPI`` here).

``PingOneApp`` (pingone_simulator.py) checks the bearer token, calls ``propagation_gate()`` and then
dispatches here through ``ManagementAPI.routes()``. Request and answer shapes follow the OpenAPI
description of the management API (tests/reference/pingone-management-openapi.yml.gz: the ``User``,
``Group``, ``GroupMembership``, ``UserEnabled`` and ``UserPopulation`` schemas). Where no public
document says what PingOne does, the choice made here is marked ASSUMED in a comment.

State lives beside the PlatformAPI's (same lock, same environments); ``PlatformAPI.reset()``
resets it too. Python helpers for tests: ``users()``, ``groups()``, ``verify_password()``,
``password_state()`` here, and those of management_apps.py.
"""

import copy
import hashlib
import hmac
import base64
import os
import re
import uuid

from platform_api import HAL_JSON, INVALID_DATA_MESSAGE, Reply, error, invalid_data, not_found, _now  # pylint: disable=import-error
from platform_api import media_type, unsupported_media_type  # pylint: disable=import-error
from management_apps import ApplicationsAndRoles, ACTOR_NOT_AUTHORIZED_MESSAGE  # pylint: disable=import-error
from management_groups import GroupsAndMemberships  # pylint: disable=import-error

JSON = "application/json"
USER_IMPORT = "application/vnd.pingidentity.user.import+json"
PASSWORD_SET = "application/vnd.pingidentity.password.set+json"
PAGE_MAX = 1000   # the OpenAPI description: users and groups take limit 1..1000
_ID_NS = uuid.UUID("5a1e0000-0000-4000-8000-0000000a9e17")
_ENV_PATH = re.compile(r"/v1/environments/([^/]+)(?:/.*)?")
_EMAIL = re.compile(r"^[^@\s]+@[^@\s.]+(?:\.[^@\s.]+)+$")   # ASSUMED: the check PingOne makes is at least this one
_HASHED = re.compile(r"^\{(SSHA|SSHA256|SSHA384|SSHA512|SHA|SHA256|SHA384|SHA512|MD5|SMD5|PBKDF2|BCRYPT|CRYPT|ARGON2)\}", re.I)
_PBKDF2_ROUNDS = 10000   # a test double: salted and slow enough to be a hash, fast enough for bulk tests

# The User schema: fields a client may write, and the readOnly ones (refused here; ASSUMED, see _check_user).
USER_READONLY = ("_links", "id", "environment", "createdAt", "updatedAt", "enabled", "emailVerified", "lastSignOn",
                 "memberOfGroupIDs", "memberOfGroupNames")
USER_STRINGS = ("externalId", "locale", "mobilePhone", "nickname", "preferredLanguage", "primaryPhone", "timezone", "title", "type")
NAME_KEYS = ("family", "formatted", "given", "honorificPrefix", "honorificSuffix", "middle")
ADDRESS_KEYS = ("countryCode", "locality", "postalCode", "region", "streetAddress")
USER_WRITABLE = ("username", "email", "name", "address", "photo", "population", "password", "lifecycle", "identityProvider",
                 "mfaEnabled", "verifyStatus", "account", *USER_STRINGS)
VERIFY_STATUSES = ("NOT_INITIATED", "ENABLED", "DISABLED")
LIFECYCLE_STATUSES = ("ACCOUNT_OK", "VERIFICATION_REQUIRED")
# PingOne's "Standard" password policy (shape of its PasswordPolicy resource); config "password_policy" replaces it.
DEFAULT_PASSWORD_POLICY = {
    "length": {"min": 8, "max": 255},
    "minCharacters": {"ABCDEFGHIJKLMNOPQRSTUVWXYZ": 1, "abcdefghijklmnopqrstuvwxyz": 1, "0123456789": 1,
                      "~!@#$%^&*()-_=+[]{}|;:,.<>/?": 1},
    "maxRepeatedCharacters": 2,
}


def conflict(target, message="must be unique"):
    """409 UNIQUENESS_VIOLATION (the OpenAPI description documents 409 Conflict; ASSUMED body wording)."""
    return error(409, "UNIQUENESS_VIOLATION", INVALID_DATA_MESSAGE,
                 [{"code": "UNIQUENESS_VIOLATION", "target": target, "message": message}])


def hash_password(value):
    """A stored password: an imported hash ({SSHA512}... as PingOne accepts) as is, anything else salted PBKDF2."""
    if _HASHED.match(value):
        return {"scheme": "imported", "value": value}
    salt = os.urandom(16)
    digest = hashlib.pbkdf2_hmac("sha256", value.encode("utf-8"), salt, _PBKDF2_ROUNDS)
    return {"scheme": "pbkdf2-sha256", "salt": salt.hex(), "hash": digest.hex(), "rounds": _PBKDF2_ROUNDS}


def check_password(stored, value):
    if stored is None:
        return False
    if stored["scheme"] == "pbkdf2-sha256":
        digest = hashlib.pbkdf2_hmac("sha256", value.encode("utf-8"), bytes.fromhex(stored["salt"]), stored["rounds"])
        return hmac.compare_digest(digest.hex(), stored["hash"])
    scheme = _HASHED.match(stored["value"]).group(1).upper()
    algorithm = {"SSHA": "sha1", "SHA": "sha1", "SSHA256": "sha256", "SHA256": "sha256", "SSHA384": "sha384",
                 "SHA384": "sha384", "SSHA512": "sha512", "SHA512": "sha512"}.get(scheme)
    if algorithm is None:   # other imported schemes are stored but cannot be checked here
        return False
    try:
        raw = base64.b64decode(stored["value"][len(scheme) + 2:])
    except ValueError:
        return False
    size = hashlib.new(algorithm).digest_size
    digest, salt = raw[:size], raw[size:]
    return hmac.compare_digest(hashlib.new(algorithm, value.encode("utf-8") + salt).digest(), digest)


_TERM = re.compile(r'\s*(?:(memberOfGroups)\s*\[\s*id\s+eq\s+"((?:[^"\\]|\\.)*)"\s*\]'
                   r'|([A-Za-z][A-Za-z0-9_.]*)\s+(eq|sw)\s+(?:"((?:[^"\\]|\\.)*)"|(true|false)))\s*', re.IGNORECASE)
_AND = re.compile(r"and\b", re.IGNORECASE)


def parse_scim_filter(text, attributes, groups_of=None):
    """The SCIM filter subset PingOne's users and groups lists take: ``attr eq|sw "value"`` (or ``eq true|false``)
    and, for users, ``memberOfGroups[id eq "..."]``, joined by ``and``. A predicate, or ValueError."""
    if not text:
        return lambda record: True
    lowered = {name.lower(): read for name, read in attributes.items()}
    terms, position = [], 0
    while True:
        term = _TERM.match(text, position)
        if term is None or (term.group(1) and groups_of is None) or (term.group(3) and term.group(3).lower() not in lowered):
            supported = ", ".join(sorted(attributes)) + (', memberOfGroups[id eq "..."]' if groups_of else "")
            raise ValueError(f"Unsupported filter expression at position {position}; supported: {supported} "
                             f"with eq or sw, joined by and.")
        if term.group(1):
            group_id = re.sub(r"\\(.)", r"\1", term.group(2)).lower()
            terms.append(lambda record, gid=group_id: gid in [g.lower() for g in groups_of(record)])
        else:
            read, operator = lowered[term.group(3).lower()], term.group(4).lower()
            value = (term.group(6) or re.sub(r"\\(.)", r"\1", term.group(5) or "")).lower()
            terms.append(lambda record, read=read, op=operator, value=value: _compare(read(record), op, value))
        position = term.end()
        if position == len(text):
            break
        joined = _AND.match(text, position)
        if joined is None:
            raise ValueError(f"Expected 'and' at position {position}.")
        position = joined.end()
    return lambda record: all(term(record) for term in terms)


def _compare(actual, operator, value):
    actual = ("true" if actual else "false") if isinstance(actual, bool) else str(actual if actual is not None else "").lower()
    return actual == value if operator == "eq" else actual.startswith(value)


class ManagementAPI(GroupsAndMemberships, ApplicationsAndRoles):
    """Users (here), groups and memberships (management_groups.py), applications, roles and role assignments
    (management_apps.py)."""

    def __init__(self, config, platform):
        self.config = config
        self.platform = platform
        self._lock = platform._lock   # pylint: disable=protected-access
        self._users = {}          # environment id -> {user id -> record}
        self._groups = {}         # environment id -> {group id -> record}
        self._applications = {}   # environment id -> {application id -> record}
        self._assignments = {}    # environment id -> {role assignment id -> record}
        self._custom_roles = {}   # environment id -> {role id -> custom admin role, as answered}
        self._propagation = {}    # client id -> [{"remaining": n, "environments": set or None}]
        platform.management = self
        self.reset()

    def reset(self):
        """No users, groups, applications (but built-in ones) or role assignments; no propagation windows."""
        with self._lock:
            for store in (self._users, self._groups, self._applications, self._assignments, self._custom_roles, self._propagation):
                store.clear()

    def drop_environment(self, env_id):
        with self._lock:
            for store in (self._users, self._groups, self._applications, self._assignments, self._custom_roles):
                store.pop(env_id, None)

    def routes(self):
        env = r"/v1/environments/([^/]+)"
        user, group, app = env + r"/users/([^/]+)", env + r"/groups/([^/]+)", env + r"/applications/([^/]+)"
        routes = [
            (env + "/users", {"GET": self._list_users, "POST": self._create_user}),
            (user, {"GET": self._get_user, "PUT": self._replace_user, "PATCH": self._update_user, "DELETE": self._delete_user}),
            (user + "/password", {"GET": self._get_password, "PUT": self._set_password}),
            (user + "/enabled", {"GET": self._get_enabled, "PUT": self._set_enabled}),
            (user + "/population", {"GET": self._get_user_population, "PUT": self._set_user_population}),
            (user + "/memberOfGroups", {"GET": self._list_memberships, "POST": self._add_membership}),
            (user + "/memberOfGroups/([^/]+)", {"GET": self._get_membership, "DELETE": self._remove_membership}),
            (env + "/groups", {"GET": self._list_groups, "POST": self._create_group}),
            (group, {"GET": self._get_group, "PUT": self._replace_group, "DELETE": self._delete_group}),
        ]
        for subject, pattern in (("users", user), ("groups", group), ("applications", app)):
            routes += [
                (pattern + "/roleAssignments", {"GET": lambda req, e, s, kind=subject: self._list_assignments(req, e, kind, s),
                                                "POST": lambda req, e, s, kind=subject: self._create_assignment(req, e, kind, s)}),
                (pattern + "/roleAssignments/([^/]+)",
                 {"GET": lambda req, e, s, a, kind=subject: self._get_assignment(req, e, kind, s, a),
                  "DELETE": lambda req, e, s, a, kind=subject: self._delete_assignment(req, e, kind, s, a)}),
            ]
        routes += self.application_routes(env, app)
        return [(re.compile(pattern), methods) for pattern, methods in routes]

    # --- shared helpers ----------------------------------------------------------------------------
    def _env(self, env_id):
        """(env, None) or (None, the answer: 404, or the post-create window's 404/403)."""
        return self.platform._visible_sub(env_id)   # pylint: disable=protected-access

    def _page(self, req, items, key, render, default_limit=100):
        try:
            limit = int(req.params().get("limit", str(default_limit)))
        except ValueError:
            limit = 0
        if not 1 <= limit <= PAGE_MAX:
            return invalid_data([("INVALID_VALUE", "limit", f"limit must be an integer from 1 to {PAGE_MAX}")])
        return self.platform._page(req, items, key, render, default_limit)   # pylint: disable=protected-access

    @staticmethod
    def _scim(req, items, attributes, groups_of=None):
        try:
            predicate = parse_scim_filter(req.params().get("filter"), attributes, groups_of)
        except ValueError as exc:
            return None, invalid_data([("INVALID_FILTER", "filter", str(exc))])
        return [item for item in items if predicate(item)], None

    def _body(self, req, allow_empty=False):
        if allow_empty and not req.body.strip():
            return {}, None
        return self.platform._body(req)   # pylint: disable=protected-access

    _conflict = staticmethod(conflict)

    @staticmethod
    def _created(json_body):
        return Reply(201, json_body, [("Location", json_body["_links"]["self"]["href"])], HAL_JSON)

    @staticmethod
    def _ok(json_body):
        return Reply(200, json_body, content_type=HAL_JSON)

    def _pops(self, env):
        return self.platform._populations_of(env)   # pylint: disable=protected-access

    def _default_population(self, env):
        return next(pop for pop in self._pops(env).values() if pop.get("default"))

    # --- consistency: role propagation ----------------------------------------------------------
    def propagation_gate(self, req):
        """403 while a role assignment this client made has not "propagated" (config ``role_propagation_requests``)."""
        client_id = getattr(req, "client_id", None)
        found = _ENV_PATH.fullmatch(req.path)
        if not client_id or not found:
            return None
        env_id = found.group(1).lower()
        with self._lock:
            windows = self._propagation.get(client_id, [])
            for window in windows:
                if window["environments"] is None or env_id in window["environments"]:
                    window["remaining"] -= 1
                    if window["remaining"] <= 0:
                        windows.remove(window)
                    return error(403, "ACCESS_FAILED", ACTOR_NOT_AUTHORIZED_MESSAGE,
                                 [{"code": "INSUFFICIENT_PERMISSIONS", "message": "The role assignment has not propagated yet."}])
        return None

    def _open_propagation_window(self, client_id, environments):
        count = int(self.config.get("role_propagation_requests", 0) or 0)
        if client_id and count > 0:
            self._propagation.setdefault(client_id, []).append(
                {"remaining": count, "environments": None if environments is None else {e.lower() for e in environments}})

    # --- users ----------------------------------------------------------------------------------
    def _users_of(self, env):
        return self._users.setdefault(env["id"], {})

    def population_user_count(self, env_id, pop_id):
        with self._lock:
            return sum(1 for user in self._users.get(env_id, {}).values() if user["population_id"] == pop_id)

    def _user(self, env_id, user_id):
        """(env, user, None) or (env, None, answer)."""
        env, problem = self._env(env_id)
        if problem:
            return None, None, problem
        user = self._users_of(env).get(user_id.lower())
        return env, user, None if user else not_found()

    def _user_json(self, env, user, base, include=()):
        env_id, href = env["id"], f"{base}/v1/environments/{env['id']}/users/{user['id']}"
        body = {"_links": {"self": {"href": href}, "environment": {"href": f"{base}/v1/environments/{env_id}"},
                           "population": {"href": f"{base}/v1/environments/{env_id}/populations/{user['population_id']}"},
                           "password": {"href": f"{href}/password"}, "memberOfGroups": {"href": f"{href}/memberOfGroups"}},
                "id": user["id"], "environment": {"id": env_id}, "account": {"canAuthenticate": True, "status": "OK"},
                "createdAt": user["createdAt"], "enabled": user["enabled"], "emailVerified": user.get("emailVerified", False),
                "identityProvider": {"type": "PING_ONE"}, "lifecycle": {"status": "ACCOUNT_OK"}, "mfaEnabled": False,
                "population": {"id": user["population_id"]}, "updatedAt": user["updatedAt"], "verifyStatus": "NOT_INITIATED"}
        for key, value in copy.deepcopy(user["attrs"]).items():
            body[key] = dict(body[key], **value) if isinstance(body.get(key), dict) and isinstance(value, dict) else value
        groups = self._groups.get(env_id, {})
        if "memberOfGroupIDs" in include:
            body["memberOfGroupIDs"] = list(user["groups"])
        if "memberOfGroupNames" in include:
            body["memberOfGroupNames"] = [groups[gid]["attrs"]["name"] for gid in user["groups"] if gid in groups]
        return body

    @staticmethod
    def _include(req):
        include = [item for item in req.params().get("include", "").split(",") if item]
        bad = [item for item in include if item not in ("memberOfGroupIDs", "memberOfGroupNames")]   # EnumUserRequestInclude
        return include, (invalid_data([("INVALID_VALUE", "include", "include must be memberOfGroupIDs or memberOfGroupNames.")])
                         if bad else None)

    def _check_user(self, env, body, mode, importing=False, current=None):
        """Problems (code, target, message) of a create, replace or patch body, and whether the username is taken.

        ASSUMED: readOnly fields of the User schema, and fields the schema does not define (unless config
        ``user_custom_attributes`` names them), are refused rather than ignored: that catches client bugs."""
        problems, custom = [], tuple(self.config.get("user_custom_attributes") or ())
        for key in body:
            if key == "emailVerified" and importing:   # the schema: "The value of this property can be set on user import."
                if not isinstance(body[key], bool):
                    problems.append(("INVALID_VALUE", key, "emailVerified must be true or false."))
            elif key in USER_READONLY:
                problems.append(("INVALID_VALUE", key, f"{key} is read-only and cannot be set."))
            elif key not in USER_WRITABLE and key not in custom:
                problems.append(("INVALID_VALUE", key, f"{key} is not an attribute of the user schema."))
        for key in ("username", "email"):
            if key not in body and mode == "patch":
                continue
            value = body.get(key)
            if value is None:
                problems.append(("REQUIRED_VALUE", key, f"{key} is required."))
            elif not isinstance(value, str) or not value.strip():
                problems.append(("INVALID_VALUE", key, f"{key} must be a non-empty string."))
            elif key == "username" and len(value) > 128:
                problems.append(("SIZE_LIMIT_EXCEEDED", key, "username must be at most 128 characters."))
            elif key == "email" and not _EMAIL.match(value):
                problems.append(("INVALID_VALUE", key, "must be a well-formed email address"))   # ASSUMED wording
        if "password" in body:
            if mode != "create":
                problems.append(("INVALID_VALUE", "password", "Set a password with PUT .../users/{id}/password and "
                                                              f"Content-Type {PASSWORD_SET}."))
            elif not importing:
                # ASSUMED wording: PingOne takes a password on create only as a user import.
                problems.append(("INVALID_VALUE", "password", f"A password can be set on create only with Content-Type {USER_IMPORT}."))
            else:
                problems += self._check_password_body(body["password"], "password.", "password")
        if "lifecycle" in body:
            lifecycle = body["lifecycle"]
            if not (mode == "create" and importing):   # the schema: "only allowed to be set when importing a user"
                problems.append(("INVALID_VALUE", "lifecycle", f"lifecycle can be set only on import (Content-Type {USER_IMPORT})."))
            elif not isinstance(lifecycle, dict) or lifecycle.get("status", "ACCOUNT_OK") not in LIFECYCLE_STATUSES:
                problems.append(("INVALID_VALUE", "lifecycle.status", f"lifecycle.status must be one of {', '.join(LIFECYCLE_STATUSES)}."))
        if "account" in body:   # ASSUMED: account state changes through POST .../users/{id} (lock/unlock media types)
            problems.append(("INVALID_VALUE", "account", "account is changed with the account lock and unlock requests."))
        problems += self._check_user_population(env, body, current)
        problems += self._check_objects(body)
        taken = False
        if isinstance(body.get("username"), str):
            name = body["username"].lower()   # ASSUMED: usernames compare case-insensitively
            taken = any(other["attrs"]["username"].lower() == name and other is not current for other in self._users_of(env).values())
        return problems, taken

    def _check_user_population(self, env, body, current):
        if body.get("population") is None:   # absent or null: the default population (create), unchanged (update)
            return []
        pop = body["population"]
        pop_id = pop.get("id") if isinstance(pop, dict) else None
        if not isinstance(pop_id, str):
            return [("REQUIRED_VALUE", "population.id", "population.id is required when population is given.")]
        if pop_id.lower() not in self._pops(env):
            return [("INVALID_VALUE", "population.id", "No population with this id exists in the environment.")]
        if current is not None and pop_id.lower() != current["population_id"]:
            # ASSUMED: a user moves with PUT .../users/{id}/population only.
            return [("INVALID_VALUE", "population.id", "Change a user's population with PUT .../users/{id}/population.")]
        return []

    @staticmethod
    def _check_objects(body):
        problems = []
        for key, keys in (("name", NAME_KEYS), ("address", ADDRESS_KEYS), ("photo", ("href",)), ("identityProvider", ("id",))):
            value = body.get(key)
            if value is None:
                continue
            if not isinstance(value, dict):
                problems.append(("INVALID_VALUE", key, f"{key} must be an object."))
                continue
            for sub, item in value.items():
                if key == "identityProvider" and sub == "type":
                    problems.append(("INVALID_VALUE", "identityProvider.type", "identityProvider.type is read-only and cannot be set."))
                elif sub not in keys:
                    problems.append(("INVALID_VALUE", f"{key}.{sub}", f"{key} has no attribute {sub}."))
                elif item is not None and not isinstance(item, str):
                    problems.append(("INVALID_VALUE", f"{key}.{sub}", f"{key}.{sub} must be a string."))
        for key in USER_STRINGS:
            if body.get(key) is not None and not isinstance(body[key], str):
                problems.append(("INVALID_VALUE", key, f"{key} must be a string."))
        if "mfaEnabled" in body and not isinstance(body["mfaEnabled"], bool):
            problems.append(("INVALID_VALUE", "mfaEnabled", "mfaEnabled must be true or false."))
        if "verifyStatus" in body and body["verifyStatus"] not in VERIFY_STATUSES:
            problems.append(("INVALID_VALUE", "verifyStatus", f"verifyStatus must be one of {', '.join(VERIFY_STATUSES)}."))
        return problems

    def _check_password_body(self, password, prefix, policy_target):
        """Problems of ``{value, forceChange}``; targets are ``prefix + key`` (the policy's: ``policy_target``)."""
        if not isinstance(password, dict):
            return [("INVALID_VALUE", policy_target, "A password is an object with value and forceChange.")]
        problems = [("INVALID_VALUE", prefix + key, f"{key} is not an attribute of a password.")
                    for key in password if key not in ("value", "forceChange", "_links")]
        value = password.get("value")
        if not isinstance(value, str) or not value:
            problems.append(("REQUIRED_VALUE" if value is None else "INVALID_VALUE", prefix + "value", "value must be a non-empty string."))
        elif not _HASHED.match(value):
            unmet = self._policy_failures(value)
            if unmet:
                # ASSUMED wording and innerError key; PingOne checks the population's (here: the standard) password policy.
                problems.append({"code": "INVALID_VALUE", "target": policy_target,
                                 "message": "User password did not satisfy password policy requirements",
                                 "innerError": {"unsatisfiedRequirements": unmet}})
        if "forceChange" in password and not isinstance(password["forceChange"], bool):
            problems.append(("INVALID_VALUE", prefix + "forceChange", "forceChange must be true or false."))
        return problems

    def _policy_failures(self, value):
        policy = self.config.get("password_policy", DEFAULT_PASSWORD_POLICY)
        if not policy:
            return []
        unmet = []
        length = policy.get("length") or {}
        if not length.get("min", 0) <= len(value) <= length.get("max", 255):
            unmet.append("length")
        if any(sum(1 for char in value if char in chars) < count for chars, count in (policy.get("minCharacters") or {}).items()):
            unmet.append("minCharacters")
        repeated = policy.get("maxRepeatedCharacters")
        if repeated and re.search(r"(.)\1{%d}" % repeated, value):
            unmet.append("maxRepeatedCharacters")
        return unmet

    @staticmethod
    def _problems_reply(problems):
        details = [problem if isinstance(problem, dict) else {"code": problem[0], "target": problem[1], "message": problem[2]}
                   for problem in problems]
        return error(400, "INVALID_DATA", INVALID_DATA_MESSAGE, details)

    def _list_users(self, req, env_id):
        with self._lock:
            env, problem = self._env(env_id)
            if problem:
                return problem
            # The description documents include (memberOfGroupIDs, memberOfGroupNames) on the one-user read only
            # (readUser), not on this list (readAllUsers): it is ignored here, so a client relying on it shows.
            attributes = {"username": lambda u: u["attrs"].get("username"), "email": lambda u: u["attrs"].get("email"),
                          "id": lambda u: u["id"], "population.id": lambda u: u["population_id"], "enabled": lambda u: u["enabled"],
                          "externalId": lambda u: u["attrs"].get("externalId"),
                          "name.given": lambda u: (u["attrs"].get("name") or {}).get("given"),
                          "name.family": lambda u: (u["attrs"].get("name") or {}).get("family")}
            users, problem = self._scim(req, list(self._users_of(env).values()), attributes, lambda u: u["groups"])
            return problem or self._page(req, users, "users", lambda u: self._user_json(env, u, req.base))

    def _create_user(self, req, env_id):
        kind = media_type(req)
        if kind not in (JSON, USER_IMPORT):
            return unsupported_media_type(req, (JSON, USER_IMPORT))
        body, problem = self._body(req)
        if problem:
            return problem
        with self._lock:
            env, problem = self._env(env_id)
            if problem:
                return problem
            problems, taken = self._check_user(env, body, "create", importing=kind == USER_IMPORT)
            if problems:
                return self._problems_reply(problems)
            if taken:
                return conflict("username")
            now, user_id = _now(), str(uuid.uuid4())
            pop_id = body["population"]["id"].lower() if body.get("population") else self._default_population(env)["id"]
            attrs = {key: copy.deepcopy(value) for key, value in body.items()
                     if key not in ("password", "population", "emailVerified") and value is not None}
            user = {"id": user_id, "createdAt": now, "updatedAt": now, "population_id": pop_id, "enabled": True,
                    "attrs": attrs, "password": None, "forceChange": False, "passwordChangedAt": None, "groups": [],
                    "emailVerified": bool(body.get("emailVerified", False))}
            if body.get("password"):
                self._store_password(user, body["password"])
            self._users_of(env)[user_id] = user
            self._seed_read_only(env, "users", user)
            return self._created(self._user_json(env, user, req.base))

    @staticmethod
    def _store_password(user, password):
        user.update(password=hash_password(password["value"]), forceChange=bool(password.get("forceChange", False)),
                    passwordChangedAt=_now())

    def _get_user(self, req, env_id, user_id):
        with self._lock:
            env, user, problem = self._user(env_id, user_id)
            if problem:
                return problem
            include, problem = self._include(req)
            return problem or self._ok(self._user_json(env, user, req.base, include))

    def _write_user(self, req, env_id, user_id, mode):
        body, problem = self._body(req)
        if problem:
            return problem
        with self._lock:
            env, user, problem = self._user(env_id, user_id)
            if problem:
                return problem
            problems, taken = self._check_user(env, body, mode, current=user)
            if problems:
                return self._problems_reply(problems)
            if taken:
                return conflict("username")
            changes = {key: copy.deepcopy(value) for key, value in body.items() if key != "population"}
            if mode == "replace":   # what the body leaves out is removed
                user["attrs"] = {key: value for key, value in changes.items() if value is not None}
            else:   # PATCH: only the given fields; name and address merge; null unsets
                for key, value in changes.items():
                    if value is None:
                        user["attrs"].pop(key, None)
                    elif key in ("name", "address") and isinstance(user["attrs"].get(key), dict):
                        merged = dict(user["attrs"][key], **value)
                        user["attrs"][key] = {sub: item for sub, item in merged.items() if item is not None}
                    else:
                        user["attrs"][key] = value
            user["updatedAt"] = _now()
            return self._ok(self._user_json(env, user, req.base))

    def _replace_user(self, req, env_id, user_id):
        return self._write_user(req, env_id, user_id, "replace")

    def _update_user(self, req, env_id, user_id):
        return self._write_user(req, env_id, user_id, "patch")

    def _delete_user(self, req, env_id, user_id):
        del req
        with self._lock:
            env, user, problem = self._user(env_id, user_id)
            if problem:
                return problem
            del self._users_of(env)[user["id"]]
            self._drop_subject_assignments(env["id"], "users", user["id"])
        return Reply(204)

    def _password_json(self, env, user, base):
        # ASSUMED shape of the password state PingOne returns (status NO_PASSWORD, OK or MUST_CHANGE_PASSWORD).
        status = "NO_PASSWORD" if user["password"] is None else ("MUST_CHANGE_PASSWORD" if user["forceChange"] else "OK")
        href = f"{base}/v1/environments/{env['id']}/users/{user['id']}"
        body = {"_links": {"self": {"href": f"{href}/password"}, "user": {"href": href}},
                "environment": {"id": env["id"]}, "user": {"id": user["id"]},
                "passwordPolicy": {"id": str(uuid.uuid5(_ID_NS, env["id"] + "-password-policy"))}, "status": status}
        if user["passwordChangedAt"]:
            body["lastChangedAt"] = user["passwordChangedAt"]
        return body

    def _get_password(self, req, env_id, user_id):
        with self._lock:
            env, user, problem = self._user(env_id, user_id)
            return problem or self._ok(self._password_json(env, user, req.base))

    def _set_password(self, req, env_id, user_id):
        # The OpenAPI description documents Content-Type application/vnd.pingidentity.password.set+json for this request.
        if media_type(req) != PASSWORD_SET:
            return unsupported_media_type(req, (PASSWORD_SET,))
        body, problem = self._body(req)
        if problem:
            return problem
        with self._lock:
            env, user, problem = self._user(env_id, user_id)
            if problem:
                return problem
            problems = self._check_password_body(body, "", "value")
            if problems:
                return self._problems_reply(problems)
            self._store_password(user, body)
            user["updatedAt"] = _now()
            return self._ok(self._password_json(env, user, req.base))

    def _enabled_json(self, env, user, base):
        href = f"{base}/v1/environments/{env['id']}/users/{user['id']}"
        return {"_links": {"self": {"href": f"{href}/enabled"}, "user": {"href": href}}, "enabled": user["enabled"]}

    def _get_enabled(self, req, env_id, user_id):
        with self._lock:
            env, user, problem = self._user(env_id, user_id)
            return problem or self._ok(self._enabled_json(env, user, req.base))

    def _set_enabled(self, req, env_id, user_id):
        body, problem = self._body(req)
        if problem:
            return problem
        with self._lock:
            env, user, problem = self._user(env_id, user_id)
            if problem:
                return problem
            if not isinstance(body.get("enabled"), bool) or set(body) - {"enabled", "_links"}:
                return invalid_data([("INVALID_VALUE", "enabled", "The body must be {\"enabled\": true or false}.")])
            user.update(enabled=body["enabled"], updatedAt=_now())
            return self._ok(self._enabled_json(env, user, req.base))

    def _user_population_json(self, env, user, base):
        href = f"{base}/v1/environments/{env['id']}/users/{user['id']}"
        return {"_links": {"self": {"href": f"{href}/population"}, "user": {"href": href},
                           "population": {"href": f"{base}/v1/environments/{env['id']}/populations/{user['population_id']}"}},
                "id": user["population_id"]}

    def _get_user_population(self, req, env_id, user_id):
        with self._lock:
            env, user, problem = self._user(env_id, user_id)
            return problem or self._ok(self._user_population_json(env, user, req.base))

    def _set_user_population(self, req, env_id, user_id):
        body, problem = self._body(req)
        if problem:
            return problem
        with self._lock:
            env, user, problem = self._user(env_id, user_id)
            if problem:
                return problem
            pop_id = body.get("id")
            if not isinstance(pop_id, str):
                return invalid_data([("REQUIRED_VALUE", "id", "id (the population id) is required.")])
            if pop_id.lower() not in self._pops(env):
                return invalid_data([("INVALID_VALUE", "id", "No population with this id exists in the environment.")])
            user.update(population_id=pop_id.lower(), updatedAt=_now())
            # ASSUMED: memberships of groups bound to another population end with the move.
            groups = self._groups.get(env["id"], {})
            user["groups"] = [gid for gid in user["groups"] if groups.get(gid, {}).get("population_id") in (None, user["population_id"])]
            return self._ok(self._user_population_json(env, user, req.base))

    # --- Python helpers for tests -------------------------------------------------------------------
    def _env_record(self, env_id):
        env = self.platform.environments.get(env_id.lower())
        if env is None:
            raise KeyError(f"no environment {env_id}")
        return env

    def users(self, env_id):
        """The environment's users as GET answers them (with memberOfGroupIDs), never with a password."""
        with self._lock:
            env = self._env_record(env_id)
            return [self._user_json(env, user, "", ("memberOfGroupIDs",)) for user in self._users_of(env).values()]

    def groups(self, env_id):
        with self._lock:
            env = self._env_record(env_id)
            return [self._group_json(env, group, "", ("directMemberCounts",)) for group in self._groups_of(env).values()]

    def _find_user(self, env_id, username):
        env = self._env_record(env_id)
        return next((user for user in self._users_of(env).values() if user["attrs"]["username"].lower() == username.lower()), None)

    def verify_password(self, env_id, username, password):
        """True when the user exists and ``password`` is the one stored (imported SSHA/SHA hashes are checked too)."""
        with self._lock:
            user = self._find_user(env_id, username)
            return bool(user) and check_password(user["password"], password)

    def password_state(self, env_id, username):
        """``{"status": NO_PASSWORD|OK|MUST_CHANGE_PASSWORD, "forceChange": bool, "scheme": ...}`` or None."""
        with self._lock:
            user = self._find_user(env_id, username)
            if user is None:
                return None
            state = self._password_json(self._env_record(env_id), user, "")
            return {"status": state["status"], "forceChange": user["forceChange"],
                    "scheme": user["password"]["scheme"] if user["password"] else None}
