"""Applications (OIDC, with their secrets; SAML; PingOne's built-in ones), roles and role assignments of the
simulator's management API: ``ApplicationsAndRoles``, mixed into ``ManagementAPI`` (management_api.py),
whose state and helpers it uses.

Shapes follow the OpenAPI description of the management API (``Application``, ``ApplicationOIDC``,
``ApplicationSecret``, ``ApplicationPingOne*``, ``Role``, ``RoleAssignment``). A SAML application's body is
checked against ``ApplicationSAML`` as the described store reads it (described_store.py: unknown and readOnly
fields, types, enums, required fields), not against a table of this file. Choices no public document states are
marked ASSUMED.
"""

import copy
import secrets
import string
import uuid
from datetime import datetime, timezone

from platform_api import ACCESS_FAILED_MESSAGE, HAL_JSON, Reply, error, not_found, _now  # pylint: disable=import-error
from platform_api import media_type, unsupported_media_type  # pylint: disable=import-error
from platform_api import _ID_NS as _PLATFORM_ID_NS  # pylint: disable=import-error

ACTOR_NOT_AUTHORIZED_MESSAGE = "The actor attempting to perform the request is not authorized."
SCOPE_TYPES = ("ORGANIZATION", "ENVIRONMENT", "POPULATION", "APPLICATION")   # EnumRoleAssignmentScopeType
# PingOne's built-in roles (exact names from EnumRoleName). applicableTo: PingOne's docs for the first,
# second, third and last rows; the others are ASSUMED. Descriptions are ASSUMED paraphrases.
ROLE_DEFINITIONS = (
    ("Organization Admin", ("ORGANIZATION",), "Manages the organization: environments, licenses and organization-wide settings."),
    ("Environment Admin", ("ORGANIZATION", "ENVIRONMENT"), "Manages environments and everything in them."),
    ("Identity Data Admin", ("ENVIRONMENT", "POPULATION"), "Manages users, groups, populations and their data."),
    ("Identity Data Read Only", ("ENVIRONMENT", "POPULATION"), "Reads users, groups, populations and their data."),   # ASSUMED
    ("Client Application Developer", ("ENVIRONMENT",), "Manages applications and their configuration."),
    ("Configuration Read Only", ("ENVIRONMENT",), "Reads the configuration of environments."),   # ASSUMED
    ("Application Owner", ("APPLICATION",), "Manages the applications it is assigned to."),
)
_ROLE_NS = uuid.UUID("5a1e0000-0000-4000-8000-00000000701e")
ROLES = {str(uuid.uuid5(_ROLE_NS, name)): {"id": str(uuid.uuid5(_ROLE_NS, name)), "name": name, "applicableTo": list(scopes),
                                           "description": description}
         for name, scopes, description in ROLE_DEFINITIONS}
SUBJECT_KINDS = {"USER": "users", "GROUP": "groups", "APPLICATION": "applications"}

OIDC_TYPES = ("WEB_APP", "NATIVE_APP", "SINGLE_PAGE_APP", "WORKER", "SERVICE")
BUILT_IN_TYPES = ("PING_ONE_PORTAL", "PING_ONE_SELF_SERVICE", "PING_ONE_ADMIN_CONSOLE")
APPLICATION_TYPES = (*OIDC_TYPES, "CUSTOM_APP", *BUILT_IN_TYPES, "TEMPLATE_APP", "PORTAL_LINK_APP")   # EnumApplicationType
PROTOCOLS = ("OPENID_CONNECT", "SAML", "WS_FED", "EXTERNAL_LINK")
# The description ties no type to a protocol; ASSUMED from Ping's Terraform provider (saml_options.type): WEB_APP or CUSTOM_APP.
SAML_TYPES = ("WEB_APP", "CUSTOM_APP")
SERVED_PROTOCOLS = ("OPENID_CONNECT", "SAML")
GRANT_TYPES = ("AUTHORIZATION_CODE", "IMPLICIT", "REFRESH_TOKEN", "CLIENT_CREDENTIALS", "DEVICE_CODE", "TOKEN_EXCHANGE", "CIBA")
RESPONSE_TYPES = ("TOKEN", "ID_TOKEN", "CODE")
AUTH_METHODS = ("NONE", "CLIENT_SECRET_BASIC", "CLIENT_SECRET_POST", "PRIVATE_KEY_JWT", "CLIENT_SECRET_JWT")
PKCE_OPTIONS = ("OPTIONAL", "REQUIRED", "S256_REQUIRED")
APP_READONLY = ("_links", "id", "environment", "createdAt", "updatedAt", "clientSecret")
APP_COMMON = ("accessControl", "description", "enabled", "hiddenFromAppPortal", "icon", "loginPageUrl", "name", "protocol", "type")
APP_OIDC = ("additionalRefreshTokenReplayProtectionEnabled", "allowWildcardInRedirectUris", "assignActorRoles", "corsSettings",
            "deviceCustomVerificationUri", "devicePathId", "devicePollingInterval", "deviceTimeout", "grantTypes", "homePageUrl",
            "idpSignoff", "includeX5t", "initiateLoginUri", "jwks", "jwksUrl", "kerberos", "mobile", "opSessionCheckEnabled",
            "parRequirement", "parTimeout", "pkceEnforcement", "postLogoutRedirectUris", "redirectUris", "refreshTokenDuration",
            "refreshTokenRollingDuration", "refreshTokenRollingGracePeriodDuration", "refreshTokenType",
            "requestScopesForMultipleResourcesEnabled", "requireSignedRequestObject", "responseTypes", "signing",
            "supportUnsignedRequestObject", "tags", "targetLinkUri", "template", "tokenEndpointAuthMethod")
BUILT_IN_KEYS = {"PING_ONE_PORTAL": ("pkceEnforcement", "tokenEndpointAuthMethod", "applyDefaultTheme"),
                 "PING_ONE_SELF_SERVICE": ("pkceEnforcement", "tokenEndpointAuthMethod", "applyDefaultTheme", "enableDefaultThemeFooter")}
BUILT_IN_NAMES = {"PING_ONE_PORTAL": "PingOne Application Portal", "PING_ONE_SELF_SERVICE": "PingOne Self-Service - MyAccount",
                  "PING_ONE_ADMIN_CONSOLE": "PingOne Admin Console"}
_APP_NS = uuid.UUID("5a1e0000-0000-4000-8000-0000000a9905")
_ISSUED_SECRETS = []   # every secret made, for application_secrets()
_SECRET_ALPHABET = string.ascii_letters + string.digits + "-._~"   # as the OpenAPI description says of generated secrets


def _allowed(target, value, allowed, message=None):
    return {"code": "INVALID_VALUE", "target": target, "message": message or f"{value!r} is not one of {', '.join(allowed)}.",
            "innerError": {"allowedValues": list(allowed)}}


def _parse_time(text):
    try:
        moment = datetime.fromisoformat(text.replace("Z", "+00:00"))
    except (AttributeError, ValueError):
        return None
    return moment if moment.tzinfo else moment.replace(tzinfo=timezone.utc)


def _iso(moment):
    return moment.isoformat(timespec="milliseconds").replace("+00:00", "Z")


class ApplicationsAndRoles:
    """Mixed into ManagementAPI: uses its ``config``, ``platform``, ``_lock``, ``_applications``, ``_assignments``,
    ``_env``, ``_page``, ``_body``, ``_users_of``, ``_groups_of``, ``_problems_reply`` and friends."""

    # pylint: disable=no-member
    def application_routes(self, env, app):
        return [
            (env + "/applications", {"GET": self._list_applications, "POST": self._create_application}),
            (app, {"GET": self._get_application, "PUT": self._replace_application, "DELETE": self._delete_application}),
            (app + "/secret", {"GET": self._get_secret, "POST": self._rotate_secret, "DELETE": self._delete_previous_secret}),
            (r"/v1/roles", {"GET": self._list_roles}),
            (r"/v1/roles/([^/]+)", {"GET": self._get_role}),
            (env + "/roles", {"GET": self._list_environment_roles, "POST": self._create_custom_role}),
            (env + "/roles/([^/]+)", {"GET": self._get_environment_role}),
        ]

    # --- applications -----------------------------------------------------------------------------
    def _apps_of(self, env):
        """The environment's applications; on first use it gets PingOne's built-in ones (ASSUMED: PING_ONE_BASE
        in the bill of materials brings the portal and self-service; the admin environment has the admin console)."""
        if env["id"] not in self._applications:
            apps = self._applications[env["id"]] = {}
            kinds = []
            if any(product.get("type") == "PING_ONE_BASE" for product in env.get("products", [])):
                kinds += ["PING_ONE_PORTAL", "PING_ONE_SELF_SERVICE"]
            if env["id"].lower() == str(self.config.get("environment_id", "")).lower():
                kinds.append("PING_ONE_ADMIN_CONSOLE")
            for kind in kinds:
                attrs = {"name": BUILT_IN_NAMES[kind], "enabled": True, "type": kind, "protocol": "OPENID_CONNECT",
                         "tokenEndpointAuthMethod": "NONE", "pkceEnforcement": "S256_REQUIRED"}   # ASSUMED settings
                if kind != "PING_ONE_ADMIN_CONSOLE":
                    attrs["applyDefaultTheme"] = True
                if kind == "PING_ONE_SELF_SERVICE":
                    attrs["enableDefaultThemeFooter"] = True
                app_id = str(uuid.uuid5(_APP_NS, f"{env['id']}-{kind}"))
                apps[app_id] = {"id": app_id, "createdAt": env.get("createdAt", _now()), "updatedAt": env.get("createdAt", _now()),
                                "attrs": attrs, "builtin": True, "secret": None, "previous": None}
        return self._applications[env["id"]]

    def _application(self, env_id, app_id):
        env, problem = self._env(env_id)
        if problem:
            return None, None, problem
        app = self._apps_of(env).get(app_id.lower())
        return env, app, None if app else not_found()

    @staticmethod
    def _app_json(env, app, base):
        href = f"{base}/v1/environments/{env['id']}/applications/{app['id']}"
        links = {"self": {"href": href}, "environment": {"href": f"{base}/v1/environments/{env['id']}"},
                 "roleAssignments": {"href": f"{href}/roleAssignments"}}
        if not app["builtin"] and app["attrs"].get("protocol") == "OPENID_CONNECT":
            links["secret"] = {"href": f"{href}/secret"}
        body = {"_links": links, "environment": {"id": env["id"]}, "id": app["id"], "createdAt": app["createdAt"],
                "updatedAt": app["updatedAt"]}
        body.update(copy.deepcopy(app["attrs"]))
        return body

    def _check_application(self, env, body, current=None):
        """(problems, name taken) of a create (current None) or replace body."""
        kind = current["attrs"]["type"] if current else body.get("type")
        builtin = bool(current and current["builtin"])
        if body.get("protocol") == "SAML" or (current and current["attrs"].get("protocol") == "SAML"):
            return self._check_saml(env, body, current)
        if kind == "PING_ONE_ADMIN_CONSOLE" and builtin:
            # The OpenAPI description's PUT takes no ApplicationPingOneAdminConsole; ASSUMED: refused.
            return [("INVALID_VALUE", "type", "The PingOne Admin Console application cannot be updated.")], False
        allowed = APP_COMMON + (BUILT_IN_KEYS[kind] if builtin else APP_OIDC)
        problems = []
        for key in body:
            if key in APP_READONLY:
                problems.append(("INVALID_VALUE", key, f"{key} is read-only and cannot be set."))
            elif key == "clientId" and not builtin:
                # The schema: clientId needs an environment feature flag (importing applications); ASSUMED: none has it.
                problems.append(("INVALID_VALUE", key, "clientId can be set only where the environment allows importing "
                                                       "applications with their own client id."))
            elif key not in allowed:
                problems.append(("INVALID_VALUE", key, f"{key} is not an attribute of this application type."))
        name = body.get("name")
        if not isinstance(name, str) or not name.strip():
            problems.append(("REQUIRED_VALUE" if name is None else "INVALID_VALUE", "name", "name must be a non-empty string."))
        if not isinstance(body.get("enabled"), bool):   # required in the Application schema
            problems.append(("REQUIRED_VALUE" if body.get("enabled") is None else "INVALID_VALUE", "enabled",
                             "enabled must be true or false."))
        protocol = body.get("protocol")
        if protocol is None:
            problems.append(("REQUIRED_VALUE", "protocol", "protocol is required."))
        elif protocol != "OPENID_CONNECT":
            problems.append(_allowed("protocol", protocol, SERVED_PROTOCOLS, f"{protocol!r}: the simulator implements "
                                     "OPENID_CONNECT and SAML applications only." if protocol in PROTOCOLS else None))
        if body.get("type") is None:
            problems.append(("REQUIRED_VALUE", "type", "type is required."))
        elif current is not None and body["type"] != kind:
            problems.append(("INVALID_VALUE", "type", "An application's type cannot be changed."))   # ASSUMED
        elif current is None and body["type"] not in OIDC_TYPES:
            problems.append(_allowed("type", body["type"], OIDC_TYPES, f"{body['type']!r} applications cannot be created here"
                                     if body["type"] in APPLICATION_TYPES else None))
        method = body.get("tokenEndpointAuthMethod")
        if method is None:   # required in ApplicationOIDC and ApplicationOIDCInternal
            problems.append(("REQUIRED_VALUE", "tokenEndpointAuthMethod", "tokenEndpointAuthMethod is required."))
        elif method not in AUTH_METHODS:
            problems.append(_allowed("tokenEndpointAuthMethod", method, AUTH_METHODS))
        if "pkceEnforcement" in body and body["pkceEnforcement"] not in PKCE_OPTIONS:
            problems.append(_allowed("pkceEnforcement", body["pkceEnforcement"], PKCE_OPTIONS))
        if builtin:
            if not isinstance(body.get("applyDefaultTheme"), bool):   # required in ApplicationPingOnePortal/SelfService
                problems.append(("REQUIRED_VALUE", "applyDefaultTheme", "applyDefaultTheme must be true or false."))
        else:
            problems += self._check_oidc(body, kind, method)
        taken = isinstance(name, str) and any(app["attrs"]["name"].lower() == name.lower() and app is not current
                                              for app in self._apps_of(env).values())   # ASSUMED: unique, case-insensitive
        return problems, taken

    def _check_saml(self, env, body, current):
        """(problems, name taken) of a SAML application's create or replace body: the description's ApplicationSAML, then
        what its text says (at least one ACS URL; spEntityId unique in the environment) and the ASSUMED rules."""
        store = self.platform.described
        problems = [dict({"code": code, "target": target, "message": message}, **({"innerError": inner[0]} if inner else {}))
                    for code, target, message, *inner in store.schema_problems("management", "ApplicationSAML", body,
                                                                               "create" if current is None else "replace")]
        if isinstance(body.get("name"), str) and not body["name"].strip():
            problems.append(("INVALID_VALUE", "name", "name must be a non-empty string."))
        if current is not None and current["attrs"].get("protocol") != body.get("protocol"):
            problems.append(("INVALID_VALUE", "protocol", "An application's protocol cannot be changed."))   # ASSUMED
        if current is not None and body.get("type") not in (None, current["attrs"]["type"]):
            problems.append(("INVALID_VALUE", "type", "An application's type cannot be changed."))   # ASSUMED, as for OIDC
        elif current is None and body.get("type") not in (None,) + SAML_TYPES and body.get("type") in APPLICATION_TYPES:
            problems.append(_allowed("type", body["type"], SAML_TYPES, f"{body['type']!r} is not a type of SAML application."))
        if isinstance(body.get("acsUrls"), list) and not body["acsUrls"]:   # "there must be at least one URL"
            problems.append(("INVALID_VALUE", "acsUrls", "acsUrls must hold at least one URL."))
        certificates = (body.get("spVerification") or {}).get("certificates") if isinstance(body.get("spVerification"), dict) else None
        for index, certificate in enumerate(certificates if isinstance(certificates, list) else []):
            if isinstance(certificate, dict) and not store.holds(env["id"], "certificates", certificate.get("id")):
                # ASSUMED: an unknown certificate is refused as an unknown population is.
                problems.append(("INVALID_VALUE", f"spVerification.certificates[{index}].id", "No certificate with this id exists in "
                                 "the environment."))
        if problems:
            return problems, False
        entity = str(body.get("spEntityId", "")).lower()
        if any(app is not current and str(app["attrs"].get("spEntityId", "")).lower() == entity for app in self._apps_of(env).values()):
            return [], "spEntityId"   # "unique within the environment"; ASSUMED 409, case-insensitive as names
        name = body.get("name")
        taken = any(app["attrs"]["name"].lower() == name.lower() and app is not current for app in self._apps_of(env).values())
        return [], "name" if taken else False

    @staticmethod
    def _check_oidc(body, kind, method):
        problems = []
        lists = {}
        for key, allowed, required in (("grantTypes", GRANT_TYPES, True), ("responseTypes", RESPONSE_TYPES, False)):
            value = body.get(key)
            if value is None:
                if required:   # ASSUMED: PingOne needs the grant types of an OIDC application
                    problems.append(("REQUIRED_VALUE", key, f"{key} is required."))
                lists[key] = [] if not required else None
            elif not isinstance(value, list) or not value and required:
                problems.append(("INVALID_VALUE", key, f"{key} must be a non-empty list." if required else f"{key} must be a list."))
            elif any(item not in allowed for item in value):
                problems.append(_allowed(key, next(item for item in value if item not in allowed), allowed))
            elif len(set(value)) != len(value):
                problems.append(("INVALID_VALUE", key, f"{key} must not repeat a value."))
            else:
                lists[key] = value
        for key in ("redirectUris", "postLogoutRedirectUris"):
            value = body.get(key)
            if value is not None and (not isinstance(value, list) or not all(isinstance(uri, str) and uri.strip() for uri in value)):
                problems.append(("INVALID_VALUE", key, f"{key} must be a list of URIs."))
        if "assignActorRoles" in body and not isinstance(body["assignActorRoles"], bool):
            problems.append(("INVALID_VALUE", "assignActorRoles", "assignActorRoles must be true or false."))
        grants, responses = lists.get("grantTypes"), lists.get("responseTypes")
        if grants is None or responses is None:
            return problems
        # ASSUMED rules, from PingOne's application docs: redirect flows need redirect URIs and matching response types.
        redirects = body.get("redirectUris") or []
        if "AUTHORIZATION_CODE" in grants and "CODE" not in responses:
            problems.append(("INVALID_VALUE", "responseTypes", "The AUTHORIZATION_CODE grant type needs the CODE response type."))
        if "IMPLICIT" in grants and not {"TOKEN", "ID_TOKEN"} & set(responses):
            problems.append(("INVALID_VALUE", "responseTypes", "The IMPLICIT grant type needs the TOKEN or ID_TOKEN response type."))
        if "CODE" in responses and "AUTHORIZATION_CODE" not in grants:
            problems.append(("INVALID_VALUE", "responseTypes", "The CODE response type needs the AUTHORIZATION_CODE grant type."))
        if {"AUTHORIZATION_CODE", "IMPLICIT"} & set(grants) and not redirects:
            problems.append(("REQUIRED_VALUE", "redirectUris",
                             "redirectUris is required with the AUTHORIZATION_CODE or IMPLICIT grant type."))
        if kind == "SINGLE_PAGE_APP" and method not in (None, "NONE"):
            problems.append(_allowed("tokenEndpointAuthMethod", method, ("NONE",), "A SINGLE_PAGE_APP is a public client: "
                                     "tokenEndpointAuthMethod must be NONE."))
        if "CLIENT_CREDENTIALS" in grants and method == "NONE":
            problems.append(("INVALID_VALUE", "tokenEndpointAuthMethod", "The CLIENT_CREDENTIALS grant type needs a client "
                                                                         "authentication method other than NONE."))
        return problems

    def _app_attrs(self, body):
        attrs = {key: copy.deepcopy(value) for key, value in body.items() if key != "assignActorRoles" and value is not None}
        if attrs.get("protocol") == "SAML":   # the description's defaults (assertionSigned, responseSigned, sloBinding)
            return self.platform.described.schema_defaults("management", "ApplicationSAML", attrs)
        attrs.setdefault("pkceEnforcement", "OPTIONAL")   # ASSUMED: PingOne's default
        return attrs

    def _list_applications(self, req, env_id):
        with self._lock:
            env, problem = self._env(env_id)
            if problem:
                return problem
            attributes = {"name": lambda a: a["attrs"]["name"], "type": lambda a: a["attrs"]["type"], "id": lambda a: a["id"],
                          "protocol": lambda a: a["attrs"].get("protocol")}
            apps, problem = self._scim(req, list(self._apps_of(env).values()), attributes)
            return problem or self._page(req, apps, "applications", lambda a: self._app_json(env, a, req.base))

    def _create_application(self, req, env_id):
        body, problem = self._body(req)
        if problem:
            return problem
        with self._lock:
            env, problem = self._env(env_id)
            if problem:
                return problem
            problems, taken = self._check_application(env, body)
            if problems:
                return self._problems_reply(problems)
            if taken:
                return self._conflict(taken if isinstance(taken, str) else "name")
            now = _now()
            saml = body.get("protocol") == "SAML"   # a SAML application has no client secret
            app = {"id": str(uuid.uuid4()), "createdAt": now, "updatedAt": now, "attrs": self._app_attrs(body), "builtin": False,
                   "secret": None if saml else self._new_secret(), "previous": None}
            self._apps_of(env)[app["id"]] = app
            if body.get("assignActorRoles") and body["type"] == "WORKER":   # ASSUMED: other types ignore it
                for role_id, scope_type, scope_id in self._actor_roles_to_copy(getattr(req, "client_id", None), env):
                    self._store_assignment(env["id"], "applications", app["id"], role_id, scope_type, scope_id, False)
            self._seed_read_only(env, "applications", app)
            return self._created(self._app_json(env, app, req.base))

    def _get_application(self, req, env_id, app_id):
        with self._lock:
            env, app, problem = self._application(env_id, app_id)
            return problem or self._ok(self._app_json(env, app, req.base))

    def _replace_application(self, req, env_id, app_id):
        body, problem = self._body(req)
        if problem:
            return problem
        with self._lock:
            env, app, problem = self._application(env_id, app_id)
            if problem:
                return problem
            problems, taken = self._check_application(env, body, app)
            if problems:
                return self._problems_reply(problems)
            if taken:
                return self._conflict(taken if isinstance(taken, str) else "name")
            # The OpenAPI description: assignActorRoles "is ignored when included in a PUT request".
            app.update(attrs=self._app_attrs(body), updatedAt=_now())
            return self._ok(self._app_json(env, app, req.base))

    def _delete_application(self, req, env_id, app_id):
        del req
        with self._lock:
            env, app, problem = self._application(env_id, app_id)
            if problem:
                return problem
            if app["builtin"]:   # ASSUMED: PingOne's own applications cannot be deleted
                return error(400, "INVALID_REQUEST", f"The request could not be completed. The {app['attrs']['type']} "
                                                     "application is part of PingOne and cannot be deleted.")
            del self._apps_of(env)[app["id"]]
            self._drop_subject_assignments(env["id"], "applications", app["id"])
            if self.platform.described is not None:   # its grants, attribute mappings and sign-on policy assignments
                self.platform.described.drop_application(env["id"], app["id"])
        return Reply(204)

    # --- application secrets ------------------------------------------------------------------------
    @staticmethod
    def _new_secret():
        secret = "".join(secrets.choice(_SECRET_ALPHABET) for _index in range(64))
        _ISSUED_SECRETS.append(secret)
        return secret

    @staticmethod
    def _previous(app):
        previous = app["previous"]
        if previous and _parse_time(previous["expiresAt"]) <= datetime.now(timezone.utc):
            app["previous"] = previous = None
        return previous

    def _secret_json(self, env, app, base):
        href = f"{base}/v1/environments/{env['id']}/applications/{app['id']}"
        body = {"_links": {"self": {"href": f"{href}/secret"}, "application": {"href": href}},
                "environment": {"id": env["id"]}, "secret": app["secret"]}
        previous = self._previous(app)
        if previous:
            body["previous"] = dict(previous)
        return body

    def _secret_app(self, env_id, app_id):
        env, app, problem = self._application(env_id, app_id)
        if not problem and (app["builtin"] or app["secret"] is None):   # ASSUMED: PingOne's own and SAML applications have none
            problem = error(400, "INVALID_REQUEST", "The request could not be completed. This application has no secret.")
        return env, app, problem

    def _get_secret(self, req, env_id, app_id):
        with self._lock:
            env, app, problem = self._secret_app(env_id, app_id)
            return problem or self._ok(self._secret_json(env, app, req.base))

    def _rotate_secret(self, req, env_id, app_id):
        # The description gives this POST's (optional) body as application/json only: a request without that
        # Content-Type is refused, with or without a body (ASSUMED: 415, as for the other media types refused).
        if media_type(req) != "application/json":
            return unsupported_media_type(req, ("application/json",))
        body, problem = self._body(req, allow_empty=True)
        if problem:
            return problem
        with self._lock:
            env, app, problem = self._secret_app(env_id, app_id)
            if problem:
                return problem
            previous = body.get("previous")
            expires = None
            if previous is not None:
                expires = _parse_time(previous.get("expiresAt")) if isinstance(previous, dict) else None
                if expires is None or expires <= datetime.now(timezone.utc):
                    return self._problems_reply([("INVALID_VALUE", "previous.expiresAt", "previous.expiresAt must be a "
                                                                                         "date-time in the future.")])
            # ASSUMED: without previous.expiresAt the old secret stops working at once.
            app["previous"] = {"secret": app["secret"], "expiresAt": _iso(expires)} if expires else None
            app["secret"] = self._new_secret()
            app["updatedAt"] = _now()
            return self._ok(self._secret_json(env, app, req.base))

    def _delete_previous_secret(self, req, env_id, app_id):
        del req
        with self._lock:
            _env, app, problem = self._secret_app(env_id, app_id)
            if problem:
                return problem
            app["previous"] = None
        return Reply(204)

    def oauth_client(self, client_id):
        """An application created through the API, shaped like a simulator client for the token endpoint, or None."""
        with self._lock:
            for env_id, apps in self._applications.items():
                app = apps.get(str(client_id).lower())
                if app is not None and not app["builtin"] and app["secret"] is not None:
                    previous = self._previous(app)
                    return {"id": app["id"], "secret": app["secret"], "previous_secrets": [previous["secret"]] if previous else [],
                            "token_endpoint_auth_method": app["attrs"]["tokenEndpointAuthMethod"],
                            "grant_types": [grant.lower() for grant in app["attrs"].get("grantTypes", [])], "scopes": [],
                            "environment_id": env_id, "enabled": app["attrs"].get("enabled", True)}
        return None

    # --- roles ---------------------------------------------------------------------------------------
    @staticmethod
    def _role_json(role, base, environment=None):
        body = {"_links": {"self": {"href": f"{base}/v1/roles/{role['id']}"}}}
        body.update(copy.deepcopy(role))
        if environment is not None:   # the environment's list (custom admin roles) marks built-in roles PLATFORM
            body["type"] = "PLATFORM"
        return body

    def _list_roles(self, req):
        platform = self.platform
        roles, problem = platform._filtered(req, list(ROLES.values()), {"name": lambda r: r["name"]})   # pylint: disable=protected-access
        return problem or platform._page(req, roles, "roles", lambda r: self._role_json(r, req.base))   # pylint: disable=protected-access

    def _get_role(self, req, role_id):
        role = ROLES.get(role_id.lower())
        return Reply(200, self._role_json(role, req.base), content_type=HAL_JSON) if role else not_found()

    def _list_environment_roles(self, req, env_id):
        with self._lock:
            env, problem = self._env(env_id)
            if problem:
                return problem
            # ASSUMED: the list holds the built-in roles (type PLATFORM) and then the environment's custom roles (CUSTOM).
            custom = list(self._custom_roles.get(env["id"], {}).values())
            attributes = {"name": lambda r: r["name"], "type": lambda r: r.get("type", "PLATFORM")}
            roles, problem = self.platform._filtered(req, list(ROLES.values()) + custom, attributes)   # pylint: disable=protected-access
            return problem or self._page(req, roles, "roles", lambda r: self._environment_role_json(r, req.base, env["id"]))

    def _environment_role_json(self, role, base, env_id):
        if role.get("type") != "CUSTOM":
            return self._role_json(role, base, env_id)
        body = {"_links": {"self": {"href": f"{base}/v1/environments/{env_id}/roles/{role['id']}"}}}
        body.update(copy.deepcopy(role))
        return body

    def _get_environment_role(self, req, env_id, role_id):
        with self._lock:
            env, problem = self._env(env_id)
            if problem:
                return problem
            role = ROLES.get(role_id.lower()) or self._custom_roles.get(env["id"], {}).get(role_id.lower())
            return self._ok(self._environment_role_json(role, req.base, env["id"])) if role else not_found()

    def _create_custom_role(self, req, env_id):
        """POST a custom admin role (schema CustomAdminRole: name, permissions and canBeAssignedBy required)."""
        if media_type(req) != "application/json":
            return unsupported_media_type(req, ("application/json",))
        body, problem = self._body(req)
        if problem:
            return problem
        problems = []
        for key in body:
            if key not in ("name", "description", "applicableTo", "permissions", "canBeAssignedBy"):
                problems.append(("INVALID_VALUE", key, f"{key} is read-only or unknown."))   # ASSUMED wording, as for the others
        if not isinstance(body.get("name"), str) or not body["name"].strip():
            problems.append(("REQUIRED_VALUE", "name", "name is required."))
        for key in ("permissions", "canBeAssignedBy"):
            value = body.get(key)
            if not isinstance(value, list) or not all(isinstance(item, dict) and isinstance(item.get("id"), str) for item in value):
                problems.append(("REQUIRED_VALUE", key, f"{key} is required: a list of {{id}} objects."))
        applicable = body.get("applicableTo", [])
        if not isinstance(applicable, list) or any(item not in SCOPE_TYPES for item in applicable):
            problems.append(("INVALID_VALUE", "applicableTo", "applicableTo must list scope types of " + ", ".join(SCOPE_TYPES) + "."))
        if problems:
            return self._problems_reply(problems)
        with self._lock:
            env, problem = self._env(env_id)
            if problem:
                return problem
            custom = self._custom_roles.setdefault(env["id"], {})
            taken = [role["name"] for role in list(ROLES.values()) + list(custom.values())]
            if body["name"].casefold() in (name.casefold() for name in taken):   # ASSUMED: names unique, ignoring case
                return self._conflict("name")
            role_id = str(uuid.uuid4())
            role = {"id": role_id, "name": body["name"], "description": body.get("description", ""), "applicableTo": list(applicable),
                    "permissions": copy.deepcopy(body["permissions"]), "canBeAssignedBy": copy.deepcopy(body["canBeAssignedBy"]),
                    "type": "CUSTOM", "environment": {"id": env["id"]}}
            custom[role_id] = role
            return self._created(self._environment_role_json(role, req.base, env["id"]))

    @staticmethod
    def _role_by(name_or_id):
        role = ROLES.get(str(name_or_id).lower()) or next((r for r in ROLES.values() if r["name"] == name_or_id), None)
        if role is None:
            raise KeyError(f"no built-in role {name_or_id!r}")
        return role

    # --- role assignments --------------------------------------------------------------------------------
    def _assignments_of(self, env_id):
        return self._assignments.setdefault(env_id, {})

    def _subject(self, env, kind, subject_id):
        store = {"users": self._users_of, "groups": self._groups_of, "applications": self._apps_of}[kind](env)
        return store.get(subject_id.lower())

    def _store_assignment(self, env_id, kind, subject_id, role_id, scope_type, scope_id, read_only):
        record = {"id": str(uuid.uuid4()), "subject": (kind, subject_id), "role_id": role_id, "scope_type": scope_type,
                  "scope_id": scope_id.lower(), "readOnly": read_only, "createdAt": _now()}
        self._assignments_of(env_id)[record["id"]] = record
        return record

    def _drop_subject_assignments(self, env_id, kind, subject_id):
        store = self._assignments_of(env_id)
        for ra_id in [ra_id for ra_id, ra in store.items() if ra["subject"] == (kind, subject_id)]:
            del store[ra_id]

    @staticmethod
    def _assignment_json(env_id, ra, base):
        kind, subject_id = ra["subject"]
        subject_href = f"{base}/v1/environments/{env_id}/{kind}/{subject_id}"
        body = {"_links": {"self": {"href": f"{subject_href}/roleAssignments/{ra['id']}"},
                           "role": {"href": f"{base}/v1/roles/{ra['role_id']}"},
                           "environment": {"href": f"{base}/v1/environments/{env_id}"}, kind[:-1]: {"href": subject_href}},
                "id": ra["id"], "environment": {"id": env_id}, "role": {"id": ra["role_id"]},
                "scope": {"id": ra["scope_id"], "type": ra["scope_type"]}, "readOnly": ra["readOnly"], "createdAt": ra["createdAt"]}
        if kind == "groups":   # the RoleAssignment schema's (readOnly) group
            body["group"] = {"id": subject_id}
        return body

    def _resolve_scope(self, scope_type, scope_id):
        """The environment the scope lies in (None for the organization), and whether it exists."""
        scope_id = scope_id.lower()
        if scope_type == "ORGANIZATION":
            return None, scope_id == self.config["organization_id"].lower()
        if scope_type == "ENVIRONMENT":
            return scope_id, scope_id in self.platform.environments
        for env in self.platform.environments.values():
            if scope_type == "POPULATION":
                pops = self.platform.populations.get(env["id"])
                if (pops is not None and scope_id in pops) or (pops is None and scope_id == str(uuid.uuid5(_PLATFORM_ID_NS, env["id"]))):
                    return env["id"], True
            elif scope_type == "APPLICATION":
                seeded = env["id"] in self._applications   # unseeded environments hold only their built-in applications
                if (seeded or any(scope_id == str(uuid.uuid5(_APP_NS, f"{env['id']}-{kind}")) for kind in BUILT_IN_TYPES)) \
                        and scope_id in self._apps_of(env):
                    return env["id"], True
        return None, False

    def _actor_assignments(self, client_id):
        """What the actor holds as (role id, scope type, scope id or None for any), or None for "every role everywhere".

        ASSUMED: the simulator's clients hold every role at ORGANIZATION scope unless config ``actor_roles``
        lists theirs; an application created through the API holds its role assignments."""
        configured = (self.config.get("actor_roles") or {}).get(client_id)
        if configured is not None:
            held = []
            for entry in configured:
                scope = entry.get("scope") or {"type": "ORGANIZATION"}
                scope_type = scope.get("type", "ORGANIZATION")
                scope_id = scope.get("id") or (self.config["organization_id"] if scope_type == "ORGANIZATION" else None)
                held.append((self._role_by(entry["role"])["id"], scope_type, scope_id.lower() if scope_id else None))
            return held
        for apps in self._applications.values():
            app = apps.get(str(client_id).lower())
            if app is not None and not app["builtin"]:
                return [(ra["role_id"], ra["scope_type"], ra["scope_id"]) for store in self._assignments.values()
                        for ra in store.values() if ra["subject"] == ("applications", app["id"])]
        return None

    def _holds(self, held, role_id, scope_type, scope_id, scope_env):
        if held is None:
            return True
        for role, held_type, held_id in held:
            if role != role_id:
                continue
            if held_type == "ORGANIZATION":
                return True
            if held_type == "ENVIRONMENT" and (held_id is None or held_id == (scope_id if scope_type == "ENVIRONMENT" else scope_env)):
                return True
            if held_type == scope_type and (held_id is None or held_id == scope_id):
                return True
        return False

    def _actor_roles_to_copy(self, client_id, env):
        held = self._actor_assignments(client_id)
        if held is not None:   # a wildcard ENVIRONMENT scope becomes the new application's environment
            return [(role, kind, scope_id or env["id"]) for role, kind, scope_id in held if scope_id or kind == "ENVIRONMENT"]
        # ASSUMED: a creator holding everything passes on each role at its broadest scope (Application Owner: none).
        copied = []
        for role in ROLES.values():
            if "ORGANIZATION" in role["applicableTo"]:
                copied.append((role["id"], "ORGANIZATION", self.config["organization_id"]))
            elif "ENVIRONMENT" in role["applicableTo"]:
                copied.append((role["id"], "ENVIRONMENT", env["id"]))
        return copied

    def _check_assignment(self, body):
        """(problems, role, scope type, scope id, scope environment)."""
        problems = [("INVALID_VALUE", key, f"{key} is read-only and cannot be set.") if key in ("_links", "id", "readOnly", "environment",
                    "gateway", "group", "createdAt") else ("INVALID_VALUE", key, f"{key} is not an attribute of a role assignment.")
                    for key in body if key not in ("role", "scope")]
        role_id = body.get("role", {}).get("id") if isinstance(body.get("role"), dict) else None
        role = ROLES.get(role_id.lower()) if isinstance(role_id, str) else None
        if not isinstance(role_id, str):
            problems.append(("REQUIRED_VALUE", "role.id", "role.id is required."))
        elif role is None:
            problems.append(("INVALID_VALUE", "role.id", "No role with this id exists."))
        scope = body.get("scope") if isinstance(body.get("scope"), dict) else {}
        scope_type, scope_id, scope_env = scope.get("type"), scope.get("id"), None
        if scope_type is None:
            problems.append(("REQUIRED_VALUE", "scope.type", "scope.type is required."))
        elif scope_type not in SCOPE_TYPES:
            problems.append(_allowed("scope.type", scope_type, SCOPE_TYPES))
        elif role is not None and scope_type not in role["applicableTo"]:
            # The target "scope" is what Ping's Terraform provider reads as "Incompatible role and scope combination".
            problems.append(_allowed("scope", scope_type, role["applicableTo"], f"The role {role['name']} cannot be assigned at "
                                     f"{scope_type} scope; it applies to {', '.join(role['applicableTo'])}."))
        if not isinstance(scope_id, str) or not scope_id:
            problems.append(("REQUIRED_VALUE", "scope.id", "scope.id is required."))
        elif scope_type in SCOPE_TYPES:
            scope_env, exists = self._resolve_scope(scope_type, scope_id)
            if not exists:
                problems.append(("INVALID_VALUE", "scope.id", f"No {scope_type.lower()} with this id exists in the organization."))
        return problems, role, scope_type, scope_id, scope_env

    def _assignment_subject(self, env_id, kind, subject_id):
        env, problem = self._env(env_id)
        if problem:
            return None, None, problem
        subject = self._subject(env, kind, subject_id)
        return env, subject, None if subject else not_found()

    def _list_assignments(self, req, env_id, kind, subject_id):
        with self._lock:
            env, subject, problem = self._assignment_subject(env_id, kind, subject_id)
            if problem:
                return problem
            mine = [ra for ra in self._assignments_of(env["id"]).values() if ra["subject"] == (kind, subject["id"])]
            mine, problem = self._scim(req, mine, {"role.id": lambda ra: ra["role_id"], "scope.type": lambda ra: ra["scope_type"],
                                                   "scope.id": lambda ra: ra["scope_id"]})
            return problem or self._page(req, mine, "roleAssignments", lambda ra: self._assignment_json(env["id"], ra, req.base))

    def _create_assignment(self, req, env_id, kind, subject_id):
        body, problem = self._body(req)
        if problem:
            return problem
        with self._lock:
            env, subject, problem = self._assignment_subject(env_id, kind, subject_id)
            if problem:
                return problem
            problems, role, scope_type, scope_id, scope_env = self._check_assignment(body)
            if problems:
                return self._problems_reply(problems)
            scope_id = scope_id.lower()
            if any(ra["subject"] == (kind, subject["id"]) and ra["role_id"] == role["id"] and ra["scope_type"] == scope_type
                   and ra["scope_id"] == scope_id for ra in self._assignments_of(env["id"]).values()):
                return self._conflict("role", "The role is already assigned at this scope.")   # ASSUMED: 409
            client_id = getattr(req, "client_id", None)
            if not self._holds(self._actor_assignments(client_id), role["id"], scope_type, scope_id, scope_env):
                # pingone-facts.md: nobody assigns a role they do not hold. The detail message is the one Ping's
                # Terraform provider looks for; ASSUMED: 403 ACCESS_FAILED.
                return error(403, "ACCESS_FAILED", ACCESS_FAILED_MESSAGE,
                             [{"code": "INSUFFICIENT_PERMISSIONS", "target": "role",
                               "message": f"Must have role at the same or broader scope to assign {role['name']} at {scope_type} scope."}])
            ra = self._store_assignment(env["id"], kind, subject["id"], role["id"], scope_type, scope_id, False)
            self._open_propagation_window(client_id, None if scope_env is None else {env["id"], scope_env})
            return self._created(self._assignment_json(env["id"], ra, req.base))

    def _assignment(self, env_id, kind, subject_id, ra_id):
        env, subject, problem = self._assignment_subject(env_id, kind, subject_id)
        if problem:
            return None, None, problem
        ra = self._assignments_of(env["id"]).get(ra_id.lower())
        if ra is None or ra["subject"] != (kind, subject["id"]):
            return env, None, not_found()
        return env, ra, None

    def _get_assignment(self, req, env_id, kind, subject_id, ra_id):
        with self._lock:
            env, ra, problem = self._assignment(env_id, kind, subject_id, ra_id)
            return problem or self._ok(self._assignment_json(env["id"], ra, req.base))

    def _delete_assignment(self, req, env_id, kind, subject_id, ra_id):
        del req
        with self._lock:
            env, ra, problem = self._assignment(env_id, kind, subject_id, ra_id)
            if problem:
                return problem
            if ra["readOnly"]:   # pingone-facts.md: the caller cannot delete it; ASSUMED: 400 with this wording
                return error(400, "INVALID_REQUEST", "The request could not be completed. The role assignment is read-only "
                                                     "and cannot be deleted.")
            del self._assignments_of(env["id"])[ra["id"]]
        return Reply(204)

    def _seed_read_only(self, env, kind, record):
        """Config ``readonly_role_assignments``: read-only assignments a matching new user, group or application gets."""
        for entry in self.config.get("readonly_role_assignments") or ():
            subject = entry.get("subject") or {}
            if SUBJECT_KINDS.get(str(subject.get("type", "")).upper()) != kind:
                continue
            if entry.get("environment_id") and entry["environment_id"].lower() != env["id"].lower():
                continue
            attrs = record.get("attrs", {})
            if not (subject.get("id", "").lower() == record["id"]
                    or ("username" in subject and subject["username"] == attrs.get("username"))
                    or ("name" in subject and subject["name"] == attrs.get("name"))):
                continue
            scope = entry.get("scope") or {"type": "ENVIRONMENT"}
            scope_type = scope.get("type", "ENVIRONMENT")
            defaults = {"ORGANIZATION": self.config["organization_id"], "ENVIRONMENT": env["id"],
                        "POPULATION": record.get("population_id") or self._default_population(env)["id"], "APPLICATION": record["id"]}
            self._store_assignment(env["id"], kind, record["id"], self._role_by(entry["role"])["id"], scope_type,
                                   scope.get("id") or defaults[scope_type], True)

    # --- Python helpers for tests ------------------------------------------------------------------
    def applications(self, env_id):
        """The environment's applications as GET answers them (built-in ones included)."""
        with self._lock:
            env = self._env_record(env_id)
            return [self._app_json(env, app, "") for app in self._apps_of(env).values()]

    def application_secrets(self):
        """Every application secret the simulator holds or held, current and previous (for the tests' leak scans)."""
        with self._lock:
            return sorted(set(_ISSUED_SECRETS))

    def application_secret(self, env_id, app_id):
        with self._lock:
            return self._apps_of(self._env_record(env_id))[app_id.lower()]["secret"]

    @staticmethod
    def roles():
        return copy.deepcopy(list(ROLES.values()))

    def role_id(self, name):
        return self._role_by(name)["id"]

    def role_assignments(self, env_id, subject_type=None, subject_id=None):
        """Role assignments made in the environment, optionally of one subject (USER, GROUP or APPLICATION and its id)."""
        with self._lock:
            env = self._env_record(env_id)
            kind = SUBJECT_KINDS.get(str(subject_type).upper(), subject_type)
            return [self._assignment_json(env["id"], ra, "") for ra in self._assignments_of(env["id"]).values()
                    if subject_type is None or ra["subject"] == (kind, str(subject_id).lower())]

    def add_role_assignment(self, env_id, subject_type, subject_id, role, scope_type, scope_id=None, read_only=True):
        """Give a user, group or application a role assignment directly (read-only by default); returns its answer."""
        with self._lock:
            env = self._env_record(env_id)
            kind = SUBJECT_KINDS.get(str(subject_type).upper(), subject_type)
            subject = self._subject(env, kind, subject_id)
            if subject is None:
                raise KeyError(f"no {kind} {subject_id} in {env_id}")
            scope_id = scope_id or (self.config["organization_id"] if scope_type == "ORGANIZATION" else env["id"])
            ra = self._store_assignment(env["id"], kind, subject["id"], self._role_by(role)["id"], scope_type, scope_id, read_only)
            return self._assignment_json(env["id"], ra, "")

    def set_actor_roles(self, client_id, entries):
        """Restrict what a client holds: ``[{"role": name or id, "scope": {"type": ..., "id": ...}}]``; None lifts it."""
        with self._lock:
            actors = self.config.setdefault("actor_roles", {})
            if entries is None:
                actors.pop(client_id, None)
            else:
                actors[client_id] = copy.deepcopy(entries)
