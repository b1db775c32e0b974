"""The simulator's generic store: the configuration kinds of an environment served from Ping's own
OpenAPI descriptions, not from a handler written per kind (and never from the collection's kind
registry: a store derived from the same declarations would agree with their mistakes).

``KINDS`` below only says which collection paths are served (and what no description says: the key
a name conflict is checked on, the field that names the parent). Everything else comes from the
descriptions (tests/reference/, loaded once per process, cached as a pickle under build/):
the methods of each path (a method the path does not have is 405), the request media types (415
otherwise), the request schema (``$ref``, ``allOf``, ``oneOf``; unknown fields, ``readOnly``
fields, wrong types, values outside an ``enum``, ``minimum``/``maximum``/lengths and missing
``required`` fields are each one ``details`` entry of a 400 ``INVALID_DATA``), top-level
``default`` values, the ``_embedded`` key of the list (checked against ``EntityArray``), and the
write-only secrets (``format: password`` fields that are not ``readOnly``, never answered).

On top of the store, PingOne's own behaviours that no description states: the objects every
environment already holds (``_builtins``), the refusals (``_refuse_delete``), one default per kind,
fields that cannot change. Choices no public source states are marked ASSUMED.
"""

import copy
import gzip
import hashlib
import os
import pickle
import re
import secrets as _secrets
import threading
import uuid
from datetime import datetime, timedelta, timezone

import yaml

from platform_api import HAL_JSON, Reply, error, invalid_data, not_found, _now  # pylint: disable=import-error
from platform_api import media_type, unsupported_media_type  # pylint: disable=import-error
from management_api import conflict  # pylint: disable=import-error

HERE = os.path.dirname(os.path.abspath(__file__))
ROOT = os.path.dirname(os.path.dirname(HERE))
REFERENCE_FILES = {"management": "pingone-management-openapi.yml", "mfa": "pingone-mfa-openapi.yml",
                   "risk": "pingone-risk-openapi.yml"}
CACHE_DIR = os.path.join(ROOT, "build", "simulator-cache")
_ID_NS = uuid.UUID("5a1e0000-0000-4000-8000-0000005707e0")   # ids of built-in objects: stable per environment
_LOAD_LOCK = threading.Lock()
_LOADED = {}

# Which collection paths (under /environments/{environmentID}/) the store serves. Per kind: the description
# that has it, the keys whose values must be unique among siblings (409; ASSUMED from pingone-facts.md: "name"
# for most kinds), the field naming the parent object, and rules of its own. Nothing here repeats a schema.
KINDS = [
    {"description": "management", "path": "signOnPolicies", "keys": [("name",)], "one_default": True},
    # Two actions of a policy at one priority are refused (TF #408; the 409 answer is ASSUMED, as for other keys).
    {"description": "management", "path": "signOnPolicies/{policyID}/actions", "keys": [("priority",)], "parent_field": "signOnPolicy",
     "immutable": ("type",)},
    {"description": "management", "path": "applications/{applicationID}/signOnPolicyAssignments",
     "keys": [("signOnPolicy.id",)], "parent_field": "application"},
    # pingone-facts.md: one grant per application and resource.
    {"description": "management", "path": "applications/{applicationID}/grants", "keys": [("resource.id",)],
     "parent_field": "application", "immutable": ("resource.id",)},
    {"description": "management", "path": "applications/{applicationID}/attributes", "keys": [("name",)],
     "parent_field": "application"},
    {"description": "management", "path": "resources", "keys": [("name",)], "immutable": ("type",)},
    {"description": "management", "path": "resources/{resourceID}/scopes", "keys": [("name",)], "parent_field": "resource"},
    {"description": "management", "path": "resources/{resourceID}/attributes", "keys": [("name",)], "parent_field": "resource"},
    {"description": "management", "path": "passwordPolicies", "keys": [("name",)], "one_default": True},
    {"description": "mfa", "path": "deviceAuthenticationPolicies", "keys": [("name",)], "one_default": True},
    {"description": "management", "path": "identityProviders", "keys": [("name",)], "immutable": ("type",)},
    {"description": "management", "path": "identityProviders/{providerID}/attributes", "keys": [("name",)],
     "parent_field": "identityProvider"},
    {"description": "management", "path": "schemas", "keys": [("name",)]},
    # pingone-facts.md: a schema attribute's name and type cannot change.
    {"description": "management", "path": "schemas/{schemaID}/attributes", "keys": [("name",)], "parent_field": "schema",
     "immutable": ("name", "type")},
    {"description": "management", "path": "templates/{templateName}/contents", "keys": [("locale", "deliveryMethod", "variant")]},
    {"description": "management", "path": "themes", "keys": [("configuration.name",)], "one_default": True},
    {"description": "management", "path": "brandingSettings", "singleton": True},
    {"description": "management", "path": "agreements", "keys": [("name",)]},
    {"description": "management", "path": "agreements/{agreementID}/languages", "keys": [("locale",)],
     "parent_field": "agreement", "immutable": ("locale",)},
    {"description": "management", "path": "customDomains", "keys": [("domainName",)]},
    {"description": "management", "path": "subscriptions", "keys": [("name",)]},
    {"description": "management", "path": "keys", "keys": []},
    # Certificates are uploaded as files (PKCS#7 or PEM), which the store does not read (501); add_object() puts one in.
    # A SAML application's spVerification.certificates and a SAML identity provider's idpVerification.certificates name them.
    {"description": "management", "path": "certificates", "keys": []},
    {"description": "management", "path": "emailDomains", "keys": [("domainName",)]},
    {"description": "management", "path": "gateways", "keys": [("name",)], "immutable": ("type",)},
    {"description": "risk", "path": "riskPredictors", "keys": [("name",), ("compactName",)], "immutable": ("type",)},
    {"description": "risk", "path": "riskPolicySets", "keys": [("name",)], "one_default": True},
]

# oneOf schemas the descriptions leave without a discriminator although the API picks the branch by one
# field: the Go SDK under Ping's Terraform provider dispatches them so (model_sign_on_policy_action.go,
# model_identity_provider.go). TemplateContent by deliveryMethod is ASSUMED from the branch names.
DISPATCH = {
    "SignOnPolicyAction": ("type", {
        "LOGIN": "SignOnPolicyActionLogin", "MULTI_FACTOR_AUTHENTICATION": "SignOnPolicyActionMFA",
        "IDENTIFIER_FIRST": "SignOnPolicyActionIDFirst", "IDENTITY_PROVIDER": "SignOnPolicyActionIDP",
        "AGREEMENT": "SignOnPolicyActionAgreement", "PROGRESSIVE_PROFILING": "SignOnPolicyActionProgressiveProfiling",
        "PINGID_AUTHENTICATION": "SignOnPolicyActionPingID",
        "PINGID_WINLOGIN_PASSWORDLESS_AUTHENTICATION": "SignOnPolicyActionPingIDWinLoginPasswordless"}),
    "IdentityProvider": ("type", {
        "FACEBOOK": "IdentityProviderFacebook", "GOOGLE": "IdentityProviderClientIDClientSecret",
        "LINKEDIN": "IdentityProviderClientIDClientSecret", "LINKEDIN_OIDC": "IdentityProviderClientIDClientSecret",
        "APPLE": "IdentityProviderApple", "TWITTER": "IdentityProviderClientIDClientSecret",
        "AMAZON": "IdentityProviderClientIDClientSecret", "YAHOO": "IdentityProviderClientIDClientSecret",
        "MICROSOFT": "IdentityProviderMicrosoft", "PAYPAL": "IdentityProviderPaypal",
        "GITHUB": "IdentityProviderClientIDClientSecret", "OPENID_CONNECT": "IdentityProviderOIDC",
        "SAML": "IdentityProviderSAML"}),
    "TemplateContent": ("deliveryMethod", {"Email": "TemplateContentEmail", "SMS": "TemplateContentSMS",
                                           "Voice": "TemplateContentVoice", "Push": "TemplateContentPush"}),
}
# Write-only although the description does not mark them (format: password marks the others). ASSUMED, as
# issue 16 treats them: a webhook's endpoint headers may hold a credential.
EXTRA_SECRETS = {"subscriptions": [("httpEndpoint", "headers"), ("connectionDetails", "headers")]}
# The value of the CORE username mapping PingOne makes with an identity provider, per type (Ping's Terraform provider,
# idpCoreAttrMetadata; LINKEDIN_OIDC is not in its table: ASSUMED as OPENID_CONNECT).
CORE_USERNAME = {"AMAZON": "${providerAttributes.user_id}", "APPLE": "${providerAttributes.sub}", "FACEBOOK": "${providerAttributes.email}",
                 "GITHUB": "${providerAttributes.id}", "GOOGLE": "${providerAttributes.emailAddress.value}",
                 "LINKEDIN": "${providerAttributes.emailAddress}", "LINKEDIN_OIDC": "${providerAttributes.sub}",
                 "MICROSOFT": "${providerAttributes.id}", "OPENID_CONNECT": "${providerAttributes.sub}",
                 "PAYPAL": "${providerAttributes.user_id}", "SAML": "${samlAssertion.subject}", "TWITTER": "${providerAttributes.id}",
                 "YAHOO": "${providerAttributes.sub}"}
_METHODS = ("get", "post", "put", "patch", "delete")
_JSON_TYPES = {"string": (str,), "boolean": (bool,), "array": (list,), "object": (dict,)}


# --- the descriptions ----------------------------------------------------------------------------
def reference_path(name):
    """The description file (plain or gzipped): $PINGONE_REFERENCE_DIR first, then tests/reference. None if absent."""
    for folder in (os.environ.get("PINGONE_REFERENCE_DIR"), os.path.join(ROOT, "tests", "reference")):
        if not folder:
            continue
        for candidate in (os.path.join(folder, name), os.path.join(folder, name + ".gz")):
            if os.path.exists(candidate):
                return candidate
    return None


def load_description(key):
    """The parsed description (dict), or None when the file is not there: ``key`` is one of REFERENCE_FILES or a
    file name under the reference folder (the platform description, which request_schemas.py reads). Parsed once per
    process; the parse (about 0.5 s for the management one with libyaml) is kept as a pickle under build/ keyed by
    the file's hash. The same parse serves the simulator and the request checker: they share the bytes they read,
    never a table of their own."""
    name = REFERENCE_FILES.get(key, key)
    with _LOAD_LOCK:
        if name in _LOADED:
            return _LOADED[name]
        path = reference_path(name)
        spec = None
        if path:
            with open(path, "rb") as handle:
                raw = handle.read()
            digest = hashlib.sha256(raw).hexdigest()[:20]
            cache = os.path.join(CACHE_DIR, f"{name}-{digest}.pickle")
            try:
                with open(cache, "rb") as handle:
                    spec = pickle.load(handle)
            except (OSError, pickle.PickleError, EOFError):
                text = (gzip.decompress(raw) if path.endswith(".gz") else raw).decode("utf-8")
                # The descriptions hold TABs inside scalars, which YAML 1.1 loaders refuse.
                loader = getattr(yaml, "CSafeLoader", yaml.SafeLoader)
                spec = yaml.load(text.replace("\t", " "), Loader=loader)   # nosec: a safe loader
                try:
                    os.makedirs(CACHE_DIR, exist_ok=True)
                    tmp = f"{cache}.{os.getpid()}.tmp"
                    with open(tmp, "wb") as handle:
                        pickle.dump(spec, handle, protocol=pickle.HIGHEST_PROTOCOL)
                    os.replace(tmp, cache)
                except OSError:
                    pass
        _LOADED[name] = spec
        return spec


class Schemas:
    """One description's schemas: ``$ref`` resolved, ``allOf`` merged, and the body checks."""

    def __init__(self, spec):
        self.spec = spec
        self._norm = {}

    def ref_name(self, node):
        ref = node.get("$ref", "") if isinstance(node, dict) else ""
        return ref.rsplit("/", 1)[-1] if ref.startswith("#/components/schemas/") else None

    def deref(self, node):
        seen = 0
        while isinstance(node, dict) and "$ref" in node and seen < 50:
            target = self.spec
            for part in node["$ref"].lstrip("#/").split("/"):
                target = target[part]
            extra = {k: v for k, v in node.items() if k != "$ref"}
            node = dict(target, **extra) if extra else target
            seen += 1
        return node

    def norm(self, node):
        """The node with $ref resolved and allOf merged into one object schema (properties, required, readOnly)."""
        key = id(node)
        if key in self._norm:
            return self._norm[key]
        resolved = self.deref(node)
        if isinstance(resolved, dict) and "allOf" in resolved:
            merged = {k: v for k, v in resolved.items() if k != "allOf"}
            props, required = dict(merged.get("properties") or {}), list(merged.get("required") or [])
            for part in resolved["allOf"]:
                part = self.norm(part)
                for name, prop in (part.get("properties") or {}).items():
                    props[name] = prop
                required += [r for r in part.get("required") or [] if r not in required]
                for flag in ("readOnly", "type", "additionalProperties"):
                    if flag in part and flag not in merged:
                        merged[flag] = part[flag]
                for flag in ("oneOf", "anyOf"):
                    if flag in part:
                        merged[flag] = part[flag]
            merged.update(properties=props, required=required)
            merged.setdefault("type", "object")
            resolved = merged
        self._norm[key] = resolved if isinstance(resolved, dict) else {}
        return self._norm[key]

    def branches(self, node, value):
        """For a oneOf/anyOf node: (field, allowed, [branch]) -- one branch when a discriminator picks it."""
        name = self.ref_name(node)
        resolved = self.deref(node)
        options = resolved.get("oneOf") or resolved.get("anyOf") or []
        if name in DISPATCH or resolved.get("discriminator"):
            field, mapping = DISPATCH.get(name) or (resolved["discriminator"]["propertyName"],
                                                    {k: v.rsplit("/", 1)[-1] for k, v in resolved["discriminator"].get("mapping", {}).items()})
            if mapping:
                chosen = mapping.get(value.get(field)) if isinstance(value, dict) else None
                schemas = self.spec["components"]["schemas"]
                return field, sorted(mapping), ([schemas[chosen]] if chosen in schemas else [])
        return None, None, options

    def check(self, node, value, path, mode, problems, secrets):
        """Append (code, target, message[, innerError]) problems of ``value`` against ``node``; collect the paths of
        write-only fields in ``secrets``. ``mode``: create, replace (required fields checked), patch, or answer (what the
        store answers: readOnly fields allowed, nothing required; its own self-check)."""
        target = ".".join(path) if path else "body"
        resolved = self.deref(node)
        if resolved.get("oneOf") or resolved.get("anyOf"):
            self._check_one_of(node, value, path, mode, problems, secrets)
            return
        schema = self.norm(node)
        if value is None:
            if not schema.get("nullable"):
                problems.append(("INVALID_VALUE", target, f"{target} must not be null."))
            return
        kind = schema.get("type") or ("object" if "properties" in schema else None)
        if "enum" in schema and value not in schema["enum"]:
            problems.append(("INVALID_VALUE", target, f"{target} must be one of {', '.join(map(str, schema['enum']))}.",
                             {"allowedValues": list(schema["enum"])}))
            return
        if kind in ("integer", "number"):
            wanted = (int,) if kind == "integer" else (int, float)
            if isinstance(value, bool) or not isinstance(value, wanted):
                problems.append(("INVALID_VALUE", target, f"{target} must be {'an integer' if kind == 'integer' else 'a number'}."))
                return
            if "minimum" in schema and value < schema["minimum"]:
                problems.append(("INVALID_VALUE", target, f"{target} must be at least {schema['minimum']}."))
            if "maximum" in schema and value > schema["maximum"]:
                problems.append(("INVALID_VALUE", target, f"{target} must be at most {schema['maximum']}."))
            return
        if kind in _JSON_TYPES and not isinstance(value, _JSON_TYPES[kind]):
            problems.append(("INVALID_VALUE", target, f"{target} must be {'an' if kind[0] in 'ao' else 'a'} {kind}."))
            return
        if kind == "string":
            if schema.get("format") == "password" and not schema.get("readOnly"):
                secrets.append(tuple(path))
            if "minLength" in schema and len(value) < schema["minLength"]:
                problems.append(("INVALID_VALUE", target, f"{target} must be at least {schema['minLength']} characters long."))
            if "maxLength" in schema and len(value) > schema["maxLength"]:
                problems.append(("INVALID_VALUE", target, f"{target} must be at most {schema['maxLength']} characters long."))
            pattern = _compiled(schema.get("pattern"))
            if pattern is not None and not pattern.search(value):
                problems.append(("INVALID_VALUE", target, f"{target} must match {schema['pattern']}."))
        elif kind == "array":
            for limit, test, words in (("minItems", len(value) < schema.get("minItems", 0), "at least"),
                                       ("maxItems", len(value) > schema.get("maxItems", len(value)), "at most")):
                if test:
                    problems.append(("INVALID_VALUE", target, f"{target} must hold {words} {schema[limit]} items."))
            for index, item in enumerate(value):
                self.check(schema.get("items") or {}, item, path[:-1] + [f"{path[-1]}[{index}]"] if path else [f"[{index}]"],
                           "answer" if mode == "answer" else "replace", problems, secrets)
        elif kind == "object":
            self._check_object(schema, value, path, mode, problems, secrets)

    def _check_object(self, schema, value, path, mode, problems, secrets):
        props = schema.get("properties") or {}
        extra = schema.get("additionalProperties")
        for name, item in value.items():
            sub = path + [name]
            target = ".".join(sub)
            if name in props:
                prop = self.norm(props[name])
                if mode != "answer" and (prop.get("readOnly") or self.deref(props[name]).get("readOnly")):
                    # ASSUMED: refused rather than ignored, so that a client sending them shows.
                    problems.append(("INVALID_VALUE", target, f"{target} is read-only and cannot be set."))
                    continue
                self.check(props[name], item, sub, "answer" if mode == "answer" else "replace", problems, secrets)
            elif isinstance(extra, dict):
                self.check(extra, item, sub, "answer" if mode == "answer" else "replace", problems, secrets)
            elif extra is not True:
                problems.append(("INVALID_VALUE", target, f"{target} is not an attribute of this resource."))
        if mode == "answer" or (mode == "patch" and not path):
            return
        for name in schema.get("required") or []:
            if name not in value and name in props:
                prop = self.norm(props[name])
                if prop.get("readOnly") or self.deref(props[name]).get("readOnly"):
                    continue   # required and readOnly (e.g. MFA's forSignOnPolicy): nobody can send it
                target = ".".join(path + [name])
                problems.append(("REQUIRED_VALUE", target, f"{target} is required."))

    def _check_one_of(self, node, value, path, mode, problems, secrets):
        field, allowed, options = self.branches(node, value)
        if allowed is not None and not options:
            target = ".".join(path + [field])
            if not isinstance(value, dict) or field not in value:
                problems.append(("REQUIRED_VALUE", target, f"{target} is required."))
            else:
                problems.append(("INVALID_VALUE", target, f"{target} must be one of {', '.join(allowed)}.",
                                 {"allowedValues": allowed}))
            return
        best = None
        for option in options:
            found, kept = [], []
            self.check(option, value, path, mode, found, kept)
            if not found:
                secrets.extend(kept)   # the first branch the value matches (several may: checked as anyOf)
                return
            if best is None or len(found) < len(best):
                best = found
        problems.extend(best or [])

    def scalar_paths(self, node, depth=0, prefix=""):
        """Dotted paths of the scalar fields of a schema (two levels; every branch of a oneOf): what a filter may name."""
        resolved = self.deref(node)
        found = set()
        for option in resolved.get("oneOf") or resolved.get("anyOf") or []:
            found |= self.scalar_paths(option, depth, prefix)
        schema = self.norm(node)
        for name, prop in (schema.get("properties") or {}).items():
            sub = self.norm(prop)
            kind = sub.get("type") or ("object" if "properties" in sub else None)
            if kind in ("string", "boolean", "integer", "number"):
                found.add(prefix + name)
            elif kind == "object" and depth < 1:
                found |= self.scalar_paths(prop, depth + 1, prefix + name + ".")
        return found


_PATTERNS = {}


def _compiled(pattern):
    """The regular expression, or None where Python's re cannot read it (\\p{L}...): then it is not checked."""
    if not pattern:
        return None
    if pattern not in _PATTERNS:
        try:
            _PATTERNS[pattern] = re.compile(pattern)
        except re.error:
            _PATTERNS[pattern] = None
    return _PATTERNS[pattern]


def _problems_of(schemas, node, body):
    problems = []
    schemas.check(node, body, [], "replace", problems, [])
    return problems


def _get(record, dotted):
    for part in dotted.split("."):
        if not isinstance(record, dict):
            return None
        record = record.get(part)
    return record


def _drop(body, path):
    node = body
    for part in path[:-1]:
        node = node.get(part) if isinstance(node, dict) else None
        if node is None:
            return
    if isinstance(node, dict):
        node.pop(path[-1], None)


def _refusal(message, code="INVALID_REQUEST"):
    # ASSUMED status and code where pingone-facts.md gives none: 400 INVALID_REQUEST with PingOne's message shape.
    return error(400, code, f"The request could not be completed. {message}")


def _not_implemented(what):
    return error(501, "NOT_IMPLEMENTED", f"The simulator does not implement {what}.")


class Kind:
    """One served collection, with what its description says about it."""

    def __init__(self, entry, spec):
        self.entry = entry
        self.path = entry["path"]
        self.schemas = Schemas(spec)
        self.singleton = bool(entry.get("singleton"))
        self.params = re.findall(r"\{([^}]+)\}", self.path)
        self.collection = self.path.rsplit("/", 1)[-1]
        base = "/environments/{environmentID}/" + self.path
        paths = spec["paths"]
        self.list_ops = {m: op for m, op in (paths.get(base) or {}).items() if m in _METHODS}
        item = [p for p in paths if p.startswith(base + "/{") and p.count("/") == base.count("/") + 1]
        self.item_ops = {m: op for m, op in (paths.get(item[0]) or {}).items() if m in _METHODS} if item else {}
        embedded = (((spec["components"]["schemas"].get("EntityArray") or {}).get("properties") or {}).get("_embedded") or {})
        self.embedded = self.collection if self.collection in (embedded.get("properties") or {}) else None
        answer = self.item_ops.get("get") or self.list_ops.get("post") or self.list_ops.get("get") or {}
        self.item_schema = _answer_schema(answer) or {}
        self.filterable = None
        # The fields an answer may carry (every branch of a oneOf): the server's own are left out where the schema has none.
        self.answer_fields = {path.split(".")[0] for path in self.schemas.scalar_paths(self.item_schema)} | set(
            self._top_properties(self.item_schema))
        # Path parameters with an enum (a template's name): another value is not found.
        self.param_enums = {}
        for operation in self.list_ops.values():
            for param in operation.get("parameters") or []:
                param = self.schemas.deref(param)
                enum = self.schemas.norm(param.get("schema") or {}).get("enum")
                if param.get("in") == "path" and enum:
                    self.param_enums[param["name"]] = enum

    def _top_properties(self, node):
        resolved = self.schemas.deref(node)
        names = set((self.schemas.norm(node).get("properties") or {}))
        for option in resolved.get("oneOf") or resolved.get("anyOf") or []:
            names |= self._top_properties(option)
        return names

    @staticmethod
    def body_schema(operation, wanted=None):
        """The JSON schema of the request body (for the media type ``wanted`` when given), or None."""
        content = (operation.get("requestBody") or {}).get("content") or {}
        for kind, media in content.items():
            if "json" in kind and (wanted is None or kind.lower() == wanted or len(content) == 1):
                return media.get("schema") or {}
        return None

    def media_types(self, operation):
        """The request media types the operation documents: its requestBody's, and the example of its Content-Type header
        (POST /keys documents JSON and multipart bodies and, as a header, the PKCS#12 upload)."""
        types = list(((operation.get("requestBody") or {}).get("content") or {}).keys())
        for param in operation.get("parameters") or []:
            param = self.schemas.deref(param)
            if param.get("in") == "header" and param.get("name", "").lower() == "content-type":
                example = param.get("example") or (param.get("schema") or {}).get("example")
                if example and example not in types:
                    types.append(example)
        return [t.lower() for t in types]

    def filter_attributes(self):
        if self.filterable is None:
            self.filterable = sorted(self.schemas.scalar_paths(self.item_schema) | {"id"})
        return {name: (lambda rec, name=name: _get(rec, name)) for name in self.filterable}


def _answer_schema(operation):
    for code in ("200", "201", 200, 201):
        content = ((operation.get("responses") or {}).get(code) or {}).get("content") or {}
        for kind, media in content.items():
            if "json" in kind and media.get("schema"):
                return media["schema"]
    return None


class DescribedStore:
    """The generic store. ``routes()`` go after the hand-written ones (users, groups, populations, applications,
    roles, role assignments), which keep their paths."""

    def __init__(self, config, platform, management):
        self.config = config
        self.platform = platform
        self.management = management
        self._lock = platform._lock   # pylint: disable=protected-access
        self._data = {}   # environment id -> {(kind path, parent ids): {object id -> record}}
        self._seeded = set()   # (environment id, what) built-ins already made
        self._received_secrets = []   # every non-empty write-only value a body brought since reset(), held or not
        self._made_secrets = []   # every resource client secret the store made since reset() (GET .../resources/{id}/secret)
        self._by_description = {}   # description -> Schemas, for schema_problems()
        self.kinds = []
        self.missing = sorted({entry["description"] for entry in KINDS if load_description(entry["description"]) is None})
        for entry in KINDS:
            spec = load_description(entry["description"])
            if spec is not None:
                self.kinds.append(Kind(entry, spec))
        self.by_path = {kind.path: kind for kind in self.kinds}
        platform.described = self

    def reset(self):
        with self._lock:
            self._data.clear()
            self._seeded.clear()
            self._received_secrets.clear()
            self._made_secrets.clear()

    def drop_environment(self, env_id):
        with self._lock:
            self._data.pop(env_id, None)
            self._seeded = {seed for seed in self._seeded if seed[0] != env_id}

    def drop_application(self, env_id, app_id):
        """Every collection under applications/{app_id}/ (grants, attribute mappings, sign-on policy assignments) goes
        with the application (ManagementAPI's DELETE of it calls this, as PlatformAPI's DELETE of an environment calls
        drop_environment)."""
        owner = app_id.lower()
        with self._lock:
            data = self._data.get(env_id, {})
            for key in [key for key in data if key[0].startswith("applications/") and key[1][:1] == (owner,)]:
                del data[key]
            self._seeded = {seed for seed in self._seeded
                            if not (seed[0] == env_id and seed[1].startswith("applications/") and seed[2][:1] == (owner,))}

    def routes(self):
        # A resource's client secret (the description's readResourceSecret / updateResourceSecret): not a collection.
        routes = [(re.compile(r"/v1/environments/([^/]+)/resources/([^/]+)/secret"),
                   {"GET": self._resource_secret, "POST": self._resource_secret})] if "resources" in self.by_path else []
        for kind in self.kinds:
            pattern = r"/v1/environments/([^/]+)/" + re.sub(r"\{[^}]+\}", "([^/]+)", kind.path)
            collection = {m.upper(): (lambda req, *a, k=kind, m=m: self._collection(req, k, m, *a)) for m in kind.list_ops}
            routes.append((re.compile(pattern), collection))
            if kind.item_ops:
                item = {m.upper(): (lambda req, *a, k=kind, m=m: self._item(req, k, m, *a)) for m in kind.item_ops}
                routes.append((re.compile(pattern + "/([^/]+)"), item))
        return routes

    # --- records ------------------------------------------------------------------------------------
    def _bucket(self, env, kind, parents):
        return self._data.setdefault(env["id"], {}).setdefault((kind.path, tuple(p.lower() for p in parents)), {})

    def _json(self, env, kind, parents, record, base):
        prefix = f"{base}/v1/environments/{env['id']}/" + _fill(kind.path, parents)
        body = copy.deepcopy(record["body"])
        for path in record["secrets"]:
            _drop(body, path)
        href = prefix if kind.singleton else f"{prefix}/{record['id']}"
        answer = {"_links": {"self": {"href": href}, "environment": {"href": f"{base}/v1/environments/{env['id']}"}},
                  "environment": {"id": env["id"]}, "id": record["id"]}
        answer.update(copy.deepcopy(record["server"]))
        parent_field = kind.entry.get("parent_field")
        if parent_field and parents:
            answer[parent_field] = {"id": parents[-1]}
        # Only what the answer schema describes (no createdAt where Ping's schema has none), then the stored fields.
        answer = {key: value for key, value in answer.items() if key in ("_links", "id") or key in kind.answer_fields}
        answer.update(body)
        return answer

    def _parents_exist(self, env, kind, parents):
        """None, or the 404 for a parent that does not exist."""
        parts = kind.path.split("/")
        index = 0
        for position, part in enumerate(parts):
            if not part.startswith("{"):
                continue
            parent_id = parents[index]
            index += 1
            owner = parts[position - 1]
            if owner == "applications":
                if parent_id.lower() not in self.management._apps_of(env):   # pylint: disable=protected-access
                    return not_found()
            elif owner == "templates":
                allowed = kind.param_enums.get(parts[position][1:-1])
                if allowed and parent_id not in allowed:   # the description's EnumTemplateName; ASSUMED 404
                    return not_found()
            else:
                owner_path = "/".join(parts[:position])
                owner_kind = self.by_path.get(owner_path)
                if owner_kind is None:
                    return not_found()
                self._seed(env, owner_kind, tuple(parents[:index - 1]))
                if parent_id.lower() not in self._bucket(env, owner_kind, parents[:index - 1]):
                    return not_found()
        return None

    def _prepare(self, kind, env_id, parents):
        """(env, bucket, None) or (None, None, the answer)."""
        env, problem = self.management._env(env_id)   # pylint: disable=protected-access
        if problem:
            return None, None, problem
        problem = self._parents_exist(env, kind, parents)
        if problem:
            return None, None, problem
        self._seed(env, kind, tuple(parents))
        return env, self._bucket(env, kind, parents), None

    def _read_body(self, req, kind, operation, mode, current=None):
        """(body, secret paths, None) or (None, None, the 400/415 answer)."""
        allowed = kind.media_types(operation)
        if media_type(req) not in allowed:
            return None, None, unsupported_media_type(req, allowed or ["application/json"])
        schema = kind.body_schema(operation, media_type(req)) if "json" in media_type(req) else None
        if schema is None:
            return None, None, _not_implemented(f"{media_type(req)} bodies on this path")
        body, problem = self.platform._body(req)   # pylint: disable=protected-access
        if problem:
            return None, None, problem
        problems, secrets = [], []
        kind.schemas.check(schema, body, [], mode, problems, secrets)
        secrets += [path for path in EXTRA_SECRETS.get(kind.collection, []) if _get(body, ".".join(path)) is not None]
        self._receive_secrets(body, secrets)   # refused or not, replaced or deleted later: the leak scan sees it
        for field in kind.entry.get("immutable", ()):
            if current is not None and _get(body, field) is not None and _get(body, field) != _get(current, field):
                problems.append(("INVALID_VALUE", field, f"{field} cannot be changed."))
        if problems:
            return None, None, invalid_data(problems)
        return body, secrets, None

    def _receive_secrets(self, body, paths):
        for path in paths:
            value = _get(body, ".".join(path))
            for item in (value.values() if isinstance(value, dict) else [value]):
                if isinstance(item, str) and item and item not in self._received_secrets:
                    self._received_secrets.append(item)

    def _taken(self, kind, bucket, body, own_id=None):
        """The key fields another sibling already holds (case-insensitive, ASSUMED), or None."""
        for key in kind.entry.get("keys", []):
            values = tuple(str(_get(body, field) or "").lower() for field in key)
            if not any(values):
                continue
            for other in bucket.values():
                if other["id"] != own_id and tuple(str(_get(other["body"], f) or "").lower() for f in key) == values:
                    return key, other
        return None

    def _with_defaults(self, kind, schema, body):
        """Top-level ``default`` values of the description fill what the body leaves out (for a oneOf, the branch taken)."""
        filled = copy.deepcopy(body)
        _field, _allowed, options = kind.schemas.branches(schema, body)
        resolved = kind.schemas.deref(schema)
        nodes = [schema]
        if resolved.get("oneOf") or resolved.get("anyOf"):
            nodes = [node for node in options if not _problems_of(kind.schemas, node, body)][:1]
        for node in nodes:
            for name, prop in (kind.schemas.norm(node).get("properties") or {}).items():
                prop = kind.schemas.norm(prop)
                if name not in filled and "default" in prop and not prop.get("readOnly"):
                    filled[name] = copy.deepcopy(prop["default"])
        return filled

    # --- handlers -----------------------------------------------------------------------------------
    def _collection(self, req, kind, method, env_id, *parents):
        if kind.singleton:
            return self._singleton(req, kind, method, env_id)
        if method == "get":
            return self._list(req, kind, env_id, parents)
        if method == "post":
            return self._create(req, kind, env_id, parents)
        return _not_implemented(f"{method.upper()} on the {kind.collection} collection")

    def _item(self, req, kind, method, env_id, *ids):
        parents, object_id = ids[:-1], ids[-1]
        handler = {"get": self._read, "put": self._replace, "patch": self._patch, "delete": self._delete}.get(method)
        if handler is None:
            return _not_implemented(f"{method.upper()} on one of the {kind.collection}")
        return handler(req, kind, env_id, parents, object_id)

    def _list(self, req, kind, env_id, parents):
        with self._lock:
            env, bucket, problem = self._prepare(kind, env_id, parents)
            if problem:
                return problem
            rendered = [self._json(env, kind, parents, record, req.base) for record in bucket.values()]
            # ASSUMED: the descriptions document neither filter nor limit on these lists; the store takes both.
            chosen, problem = self.management._scim(req, rendered, kind.filter_attributes())   # pylint: disable=protected-access
            if problem:
                return problem
            return self.management._page(req, chosen, kind.embedded or kind.collection, lambda shown: shown)   # pylint: disable=protected-access

    def _create(self, req, kind, env_id, parents):
        with self._lock:
            env, bucket, problem = self._prepare(kind, env_id, parents)
            if problem:
                return problem
            operation = kind.list_ops["post"]
            body, secrets, problem = self._read_body(req, kind, operation, "create")
            if problem:
                return problem
            problem = self._rules(env, kind, body, None, parents)
            if problem:
                return problem
            taken = self._taken(kind, bucket, body)
            if taken:
                key, other = taken
                if other.get("core"):   # TF #290: a POST of a core mapping "is a Core attribute and already exists"
                    return conflict(key[0], f"{_get(body, key[0])} is a Core attribute and already exists")
                return conflict(",".join(key))
            now = _now()
            record = {"id": str(uuid.uuid4()), "body": self._with_defaults(kind, kind.body_schema(operation), body),
                      "server": {"createdAt": now, "updatedAt": now}, "secrets": secrets}
            self._server_fields(kind, record)
            bucket[record["id"]] = record
            self._one_default(kind, bucket, record)
            answer = self._json(env, kind, parents, record, req.base)
            return Reply(201, answer, [("Location", answer["_links"]["self"]["href"])], HAL_JSON)

    def _find(self, kind, env_id, parents, object_id):
        env, bucket, problem = self._prepare(kind, env_id, parents)
        if problem:
            return None, None, None, problem
        record = bucket.get(object_id.lower())
        return env, bucket, record, None if record else not_found()

    def _read(self, req, kind, env_id, parents, object_id):
        with self._lock:
            env, _bucket, record, problem = self._find(kind, env_id, parents, object_id)
            return problem or Reply(200, self._json(env, kind, parents, record, req.base), content_type=HAL_JSON)

    def _replace(self, req, kind, env_id, parents, object_id, patch=False):
        with self._lock:
            env, bucket, record, problem = self._find(kind, env_id, parents, object_id)
            if problem:
                return problem
            operation = kind.item_ops["patch" if patch else "put"]
            body, secrets, problem = self._read_body(req, kind, operation, "patch" if patch else "replace", record["body"])
            if problem:
                return problem
            if patch:   # PATCH merges the fields given (null removes one; ASSUMED as for users)
                merged = copy.deepcopy(record["body"])
                for name, value in body.items():
                    if value is None:
                        merged.pop(name, None)
                    else:
                        merged[name] = value
                body, secrets = merged, sorted(set(record["secrets"]) | set(secrets))
            problem = self._rules(env, kind, body, record, parents)
            if problem:
                return problem
            taken = self._taken(kind, bucket, body, record["id"])
            if taken:
                return conflict(",".join(taken[0]))
            if kind.entry.get("one_default") and "default" not in body and record["body"].get("default") is not None:
                body["default"] = record["body"]["default"]   # ASSUMED: a PUT without "default" keeps it
            # ASSUMED: a PUT that leaves out a field that cannot change (a resource's type...) keeps it, and so does one
            # that leaves out what PingOne set on its own object (its schemaType, mappingType).
            kept = list(kind.entry.get("immutable", ())) + (["schemaType", "mappingType"] if record.get("builtin") else [])
            for field in kept:
                if "." not in field and field in record["body"] and field not in body:
                    body[field] = record["body"][field]
            record.update(body=body if patch else self._with_defaults(kind, kind.body_schema(operation), body), secrets=secrets)
            record["server"]["updatedAt"] = _now()
            self._one_default(kind, bucket, record)
            return Reply(200, self._json(env, kind, parents, record, req.base), content_type=HAL_JSON)

    def _patch(self, req, kind, env_id, parents, object_id):
        return self._replace(req, kind, env_id, parents, object_id, patch=True)

    def _delete(self, req, kind, env_id, parents, object_id):
        del req
        with self._lock:
            env, bucket, record, problem = self._find(kind, env_id, parents, object_id)
            if problem:
                return problem
            problem = self._refuse_delete(env, kind, bucket, record)
            if problem:
                return problem
            del bucket[record["id"]]
            prefix = kind.path + "/"
            for key in [key for key in self._data.get(env["id"], {}) if key[0].startswith(prefix)
                        and len(key[1]) > len(parents) and key[1][len(parents)] == record["id"]]:
                del self._data[env["id"]][key]
        return Reply(204)

    def _singleton(self, req, kind, method, env_id):
        with self._lock:
            env, bucket, problem = self._prepare(kind, env_id, ())
            if problem:
                return problem
            record = next(iter(bucket.values()))
            if method == "put":
                body, secrets, problem = self._read_body(req, kind, kind.list_ops["put"], "replace")
                if problem:
                    return problem
                record.update(body=body, secrets=secrets)
                record["server"]["updatedAt"] = _now()
            elif method != "get":
                return _not_implemented(f"{method.upper()} on {kind.collection}")
            return Reply(200, self._json(env, kind, (), record, req.base), content_type=HAL_JSON)

    def _new_resource_secret(self):
        secret = _secrets.token_urlsafe(48)   # 64 characters of a-z, A-Z, 0-9, - and _
        self._made_secrets.append(secret)
        return secret

    def _resource_secret(self, req, env_id, resource_id):
        """GET answers ResourceSecret (the secret, and ``previous`` until it expires); POST (updateResourceSecret) makes a new
        one, the old one kept as ``previous`` until the ``previous.expiresAt`` the body gives (none without it)."""
        kind = self.by_path["resources"]
        with self._lock:
            env, _bucket, record, problem = self._find(kind, env_id, (), resource_id)
            if problem:
                return problem
            if record.get("builtin"):   # ASSUMED: PingOne's own resources (openid, PingOne API) have no client secret
                return _refusal("This resource has no secret.")
            if req.method == "POST":
                operation = self._resource_secret_operation("post")
                allowed = kind.media_types(operation)
                if media_type(req) not in allowed:
                    return unsupported_media_type(req, allowed)
                body, problem = self.platform._body(req)   # pylint: disable=protected-access
                if problem:
                    return problem
                problems = []
                kind.schemas.check(kind.body_schema(operation), body, [], "patch", problems, [])
                if problems:
                    return invalid_data(problems)
                expires = _get(body, "previous.expiresAt")
                record["previous_secret"] = {"secret": record["client_secret"], "expiresAt": expires} if expires else None
                record["client_secret"] = self._new_resource_secret()
            answer = {"environment": {"id": env["id"]}, "secret": record["client_secret"]}
            previous = record.get("previous_secret")
            if previous and datetime.fromisoformat(previous["expiresAt"].replace("Z", "+00:00")) > datetime.now(timezone.utc):
                answer["previous"] = dict(previous)
            return Reply(200, answer)

    def _resource_secret_operation(self, method):
        spec = self.by_path["resources"].schemas.spec
        return spec["paths"]["/environments/{environmentID}/resources/{resourceID}/secret"][method]

    def made_secrets(self):
        """Every resource client secret the store made since reset() (leak tests look for them)."""
        with self._lock:
            return list(self._made_secrets)

    # --- PingOne's behaviours on top of the store ---------------------------------------------------------
    def _server_fields(self, kind, record):
        body = record["body"]
        if kind.collection == "customDomains":   # ASSUMED: a new domain waits for its DNS check
            body.setdefault("status", "VERIFICATION_REQUIRED")
            record["server"]["canonicalName"] = f"{body['domainName']}.edge.pingone.example"   # ASSUMED host name
        if kind.path == "resources":
            body.setdefault("type", "CUSTOM")
            # ResourceSecret.secret: "An auto-generated resource client secret" of a-z, A-Z, 0-9, -, ., _, ~ and at least
            # 64 characters. ASSUMED: made with the resource (the description says when no more than that).
            record["client_secret"] = self._new_resource_secret()
        if kind.path == "keys" and isinstance(body.get("validityPeriod"), int):   # ASSUMED: valid from now for validityPeriod days
            start = datetime.now(timezone.utc)
            record["server"].update(startsAt=_iso(start), expiresAt=_iso(start + timedelta(days=body["validityPeriod"])))

    def _one_default(self, kind, bucket, record):
        """One default per kind (ASSUMED, as for populations): a new default takes the flag from the others."""
        if kind.entry.get("one_default") and record["body"].get("default") is True:
            for other in bucket.values():
                if other is not record and other["body"].get("default") is True:
                    other["body"]["default"] = False

    def _rules(self, env, kind, body, current, parents=()):
        """Refusals of a create (current None) or update that the schema does not express; None when accepted."""
        if kind.path == "resources" and current is None and body.get("type", "CUSTOM") != "CUSTOM":
            return invalid_data([("INVALID_VALUE", "type", "Only CUSTOM resources can be created.", {"allowedValues": ["CUSTOM"]})])
        if kind.entry.get("one_default") and current is not None and current["body"].get("default") is True \
                and body.get("default") is False:
            # ASSUMED: as for populations, the default moves by making another one the default.
            return invalid_data([("INVALID_VALUE", "default", "Make another object the default instead.")])
        if kind.path == "applications/{applicationID}/grants":
            resources = self._bucket(env, self.by_path["resources"], ())
            resource_id = str(_get(body, "resource.id") or "").lower()
            if resource_id not in resources:
                return invalid_data([("INVALID_VALUE", "resource.id", "No resource with this id exists in the environment.")])
            scopes = self._bucket(env, self.by_path["resources/{resourceID}/scopes"], (resource_id,))
            bad = [f"scopes[{i}].id" for i, scope in enumerate(body.get("scopes") or []) if str(scope.get("id", "")).lower() not in scopes]
            if bad:
                return invalid_data([("INVALID_VALUE", target, "No scope with this id exists in the resource.") for target in bad])
        if kind.path == "identityProviders" and body.get("type") == "SAML":
            certificates = _get(body, "idpVerification.certificates")
            bad = [f"idpVerification.certificates[{index}].id" for index, certificate in enumerate(certificates if isinstance(certificates, list) else [])
                   if isinstance(certificate, dict) and not self.holds(env["id"], "certificates", certificate.get("id"))]
            if bad:   # ASSUMED: an unknown certificate is refused as a SAML application's is (management_apps.py)
                return invalid_data([("INVALID_VALUE", target, "No certificate with this id exists in the environment.") for target in bad])
        if kind.path == "identityProviders/{providerID}/attributes" and current is not None and current.get("core"):
            # EnumIdentityProviderAttributeMappingType: a CORE mapping "cannot be removed. The name and update properties cannot
            # be changed." ASSUMED: a PUT that changes them is refused (400 INVALID_VALUE), not ignored.
            changed = [field for field in ("name", "update") if body.get(field) is not None and body.get(field) != current["body"].get(field)]
            if changed:
                return invalid_data([("INVALID_VALUE", field, f"{field} of the CORE mapping {current['body'].get('name')} cannot be changed.")
                                     for field in changed])
        if kind.path == "applications/{applicationID}/attributes" and body.get("oidcScopes") is not None:
            return self._oidc_scopes_refused(env, body["oidcScopes"], parents)
        if kind.path == "applications/{applicationID}/signOnPolicyAssignments":
            policies = self._bucket(env, self.by_path["signOnPolicies"], ())
            self._seed(env, self.by_path["signOnPolicies"], ())
            if str(_get(body, "signOnPolicy.id") or "").lower() not in policies:
                return invalid_data([("INVALID_VALUE", "signOnPolicy.id", "No sign-on policy with this id exists in the environment.")])
        return None

    def _oidc_scopes_refused(self, env, scope_ids, parents):
        """ApplicationAttributeMapping.oidcScopes (the description): an empty set is invalid, and only scopes granted to the
        application through its grants may be listed. None when accepted."""
        if not scope_ids:
            return invalid_data([("INVALID_VALUE", "oidcScopes", "oidcScopes must not be empty.")])
        grants = self._bucket(env, self.by_path["applications/{applicationID}/grants"], parents)
        granted = {str(scope.get("id", "")).lower() for grant in grants.values() for scope in grant["body"].get("scopes") or []}
        bad = [f"oidcScopes[{i}]" for i, scope_id in enumerate(scope_ids) if str(scope_id).lower() not in granted]
        if bad:
            return invalid_data([("INVALID_VALUE", target, "The scope is not granted to the application.") for target in bad])
        return None

    def _refuse_delete(self, env, kind, bucket, record):
        body = record["body"]
        if kind.entry.get("one_default") and body.get("default") is True:
            return _refusal("The default policy cannot be deleted; make another one the default first.")   # ASSUMED wording
        if kind.path == "signOnPolicies":
            assignments = self.by_path.get("applications/{applicationID}/signOnPolicyAssignments")
            for (path, _owners), items in self._data.get(env["id"], {}).items():
                if assignments and path == assignments.path \
                        and any(str(_get(a["body"], "signOnPolicy.id")).lower() == record["id"] for a in items.values()):
                    return _refusal("The sign-on policy is assigned to an application and cannot be deleted.")   # ASSUMED
        if kind.path == "signOnPolicies/{policyID}/actions" and len(bucket) == 1:
            return _refusal("Cannot delete last action from the policy")   # TF #68's message; code ASSUMED
        if record.get("core"):
            return _refusal(f"{body.get('name')} is a Core attribute and cannot be deleted.")   # ASSUMED wording
        if kind.path == "templates/{templateName}/contents" and record.get("builtin"):
            return _refusal("A default template content cannot be deleted.")   # ASSUMED
        if kind.path == "resources" and record.get("builtin"):
            return _refusal(f"The {body.get('type')} resource is part of PingOne and cannot be deleted.")   # ASSUMED
        if kind.path == "riskPredictors" and record["server"].get("deletable") is False:
            return _refusal("This risk predictor is part of PingOne and cannot be deleted.")   # ASSUMED
        return None

    # --- the objects every environment already holds -------------------------------------------------------
    def _seed(self, env, kind, parents):
        """Make PingOne's own objects of this collection once per environment (and per application for mappings)."""
        seed = (env["id"], kind.path, tuple(p.lower() for p in parents))
        if seed in self._seeded:
            return
        self._seeded.add(seed)
        for body, extra in _builtins(env["id"], kind, parents, self):
            record = {"id": self._builtin_uuid(env["id"], kind.path, parents, body),
                      "body": body, "server": {"createdAt": env.get("createdAt", _now()), "updatedAt": env.get("createdAt", _now())},
                      "secrets": [], "builtin": True}
            record["server"].update(extra.pop("server", {}))
            record.update(extra)
            self._bucket(env, kind, parents)[record["id"]] = record

    @staticmethod
    def _builtin_uuid(env_id, path, parents, body):
        return str(uuid.uuid5(_ID_NS, f"{env_id.lower()}/{path}/{'/'.join(p.lower() for p in parents)}/{_key_text(body)}"))

    def builtin_id(self, env_id, path, name, parents=()):
        """The id of a built-in object (tests and the built-ins that name each other)."""
        return self._builtin_uuid(env_id, path, parents, {"name": name})

    # --- what other handlers read from the descriptions ---------------------------------------------------------
    def _schemas(self, description):
        if description not in self._by_description:
            spec = load_description(description)
            self._by_description[description] = Schemas(spec) if spec is not None else None
        return self._by_description[description]

    def schema_problems(self, description, schema, body, mode):
        """The problems of a request body against a named schema of a description (``mode`` create or replace: required
        fields checked), as the store checks its own bodies: (code, target, message[, innerError])."""
        problems = []
        self._schemas(description).check({"$ref": f"#/components/schemas/{schema}"}, body, [], mode, problems, [])
        return problems

    def schema_defaults(self, description, schema, body):
        """``body`` with the top-level ``default`` values of the named schema for what it leaves out."""
        schemas = self._schemas(description)
        filled = copy.deepcopy(body)
        for name, prop in (schemas.norm({"$ref": f"#/components/schemas/{schema}"}).get("properties") or {}).items():
            prop = schemas.norm(prop)
            if name not in filled and "default" in prop and not prop.get("readOnly"):
                filled[name] = copy.deepcopy(prop["default"])
        return filled

    def holds(self, env_id, path, object_id):
        """Whether the environment holds the object of the collection ``path`` (a certificate a SAML application names)."""
        env = self.platform.environments.get(env_id.lower())
        kind = self.by_path.get(path)
        return bool(env and kind and isinstance(object_id, str) and object_id.lower() in self._bucket(env, kind, ()))

    # --- Python helpers for tests -----------------------------------------------------------------------
    def add_object(self, env_id, path, body):
        """Put an object into a collection as PingOne would hold it, for what the store cannot create over HTTP (a
        certificate is uploaded as a file); ``body`` must be what the collection's answer schema describes. Returns its answer."""
        with self._lock:
            env = self.platform.environments[env_id.lower()]
            kind = self.by_path[path]
            problems = []
            kind.schemas.check(kind.item_schema, body, [], "answer", problems, [])
            if problems:
                raise ValueError(f"not a {path} object as Ping's description has it: {problems}")
            now = _now()
            record = {"id": str(uuid.uuid4()), "body": copy.deepcopy(body), "server": {"createdAt": now, "updatedAt": now}, "secrets": []}
            self._bucket(env, kind, ())[record["id"]] = record
            return self._json(env, kind, (), record, "")

    def answer_problems(self, path, answer):
        """What in an answer of the collection ``path`` its description's answer schema does not describe (a self-check)."""
        kind = self.by_path[path]
        problems = []
        kind.schemas.check(kind.item_schema, answer, [], "answer", problems, [])
        return problems

    def objects(self, env_id, path, parents=()):
        """The objects of one collection as GET answers them (secrets left out)."""
        with self._lock:
            env = self.platform.environments[env_id.lower()]
            kind = self.by_path[path]
            self._seed(env, kind, tuple(parents))
            return [self._json(env, kind, tuple(parents), record, "") for record in self._bucket(env, kind, parents).values()]

    def received_secrets(self):
        """Every non-empty write-only value (a string) a request body brought since reset(), whether the store still
        holds it or a PUT replaced it or a DELETE removed it since (leak tests look for them)."""
        with self._lock:
            return list(self._received_secrets)

    def stored_secrets(self, env_id):
        """Every write-only value the store holds in an environment (leak tests look for them)."""
        with self._lock:
            found = []
            for bucket in self._data.get(env_id.lower(), {}).values():
                for record in bucket.values():
                    for path in record["secrets"]:
                        value = _get(record["body"], ".".join(path))
                        found += list(value.values()) if isinstance(value, dict) else [value]
            return [value for value in found if value is not None]


def _iso(moment):
    return moment.isoformat(timespec="milliseconds").replace("+00:00", "Z")


def _fill(path, parents):
    values = iter(parents)
    return re.sub(r"\{[^}]+\}", lambda _m: next(values), path)


def _key_text(body):
    """What names a built-in object in its stable id: its name, else its priority (sign-on policy actions)."""
    if body.get("name") is not None:
        return str(body["name"])
    return f"priority-{body.get('priority')}"


def _builtins(env_id, kind, parents, store):
    """[(body, extra record fields)] PingOne makes itself in every environment for this collection.
    From pingone-facts.md ("Objects every environment already holds"); their settings are ASSUMED."""
    path = kind.path
    if path == "signOnPolicies":
        return [({"name": "Single_Factor", "default": True}, {}),
                ({"name": "Multi_Factor", "default": False}, {})]
    if path == "signOnPolicies/{policyID}/actions":
        login = {"priority": 1, "type": "LOGIN", "recovery": {"enabled": True}, "registration": {"enabled": False}}
        policy = parents[0].lower()
        if policy == store.builtin_id(env_id, "signOnPolicies", "Single_Factor"):
            return [(dict(login), {})]
        if policy == store.builtin_id(env_id, "signOnPolicies", "Multi_Factor"):
            mfa = {"priority": 2, "type": "MULTI_FACTOR_AUTHENTICATION", "noDevicesMode": "BLOCK"}
            if "deviceAuthenticationPolicies" in store.by_path:
                mfa["deviceAuthenticationPolicy"] = {"id": store.builtin_id(env_id, "deviceAuthenticationPolicies", "Default MFA Policy")}
            return [(dict(login), {}), (mfa, {})]
        return []
    if path == "passwordPolicies":
        common = {"excludesCommonlyUsed": True, "excludesProfileData": True, "notSimilarToCurrent": True,
                  "history": {"count": 6, "retentionDays": 365}, "lockout": {"durationSeconds": 900, "failureCount": 5},
                  "maxRepeatedCharacters": 2, "minUniqueCharacters": 5}
        standard = dict(common, name="Standard", default=True, length={"min": 8, "max": 255}, maxAgeDays=182, minAgeDays=1,
                        minCharacters={"ABCDEFGHIJKLMNOPQRSTUVWXYZ": 1, "abcdefghijklmnopqrstuvwxyz": 1, "0123456789": 1,
                                       "~!@#$%^&*()-_=+[]{}|;:,.<>/?": 1})
        basic = {"name": "Basic", "default": False, "excludesCommonlyUsed": False, "excludesProfileData": False,
                 "notSimilarToCurrent": False, "length": {"min": 8, "max": 255}}
        passphrase = dict(common, name="Passphrase", default=False, length={"min": 12, "max": 255}, excludesProfileData=False, notSimilarToCurrent=False)
        return [(standard, {}), (basic, {}), (passphrase, {})]
    if path == "deviceAuthenticationPolicies":
        failure = {"count": 3, "coolDown": {"duration": 2, "timeUnit": "MINUTES"}}
        offline = {"enabled": True, "otp": {"lifeTime": {"duration": 30, "timeUnit": "MINUTES"}, "failure": failure}}
        return [({"name": "Default MFA Policy", "default": True, "sms": copy.deepcopy(offline), "voice": copy.deepcopy(offline),
                  "email": copy.deepcopy(offline), "mobile": {"enabled": True, "otp": {"failure": copy.deepcopy(failure)}},
                  "totp": {"enabled": True, "otp": {"failure": copy.deepcopy(failure)}}},
                 {"server": {"forSignOnPolicy": False}})]
    if path == "resources":
        return [({"name": "openid", "type": "OPENID_CONNECT"}, {}),
                ({"name": "PingOne API", "type": "PINGONE_API", "audience": "https://api.pingone.com"}, {})]
    if path == "resources/{resourceID}/scopes":
        resource = parents[0].lower()
        if resource == store.builtin_id(env_id, "resources", "openid"):
            names = ["openid", "profile", "email", "address", "phone"]
        elif resource == store.builtin_id(env_id, "resources", "PingOne API"):
            names = ["p1:read:user", "p1:update:user"]   # ASSUMED: two of PingOne's many platform scopes
        else:
            names = []
        return [({"name": name}, {}) for name in names]
    if path == "applications/{applicationID}/attributes":
        # pingone-facts.md: core mappings such as sub on each application (TF #290).
        return [({"name": "sub", "value": "${user.id}", "required": True, "mappingType": "CORE", "idToken": True, "userInfo": True},
                 {"core": True})]
    if path == "identityProviders/{providerID}/attributes":
        # The CORE username mapping PingOne makes with each provider, its value by the provider's type and update
        # EMPTY_ONLY (Ping's Terraform provider: docs/resources/identity_provider_attribute.md, "Core attributes", and
        # idpCoreAttrMetadata in internal/service/sso/resource_identity_provider_attribute.go).
        provider = store._bucket({"id": env_id}, store.by_path["identityProviders"], ()).get(parents[0].lower())   # pylint: disable=protected-access
        value = CORE_USERNAME.get((provider or {}).get("body", {}).get("type"))
        if value is None:
            return []
        return [({"name": "username", "value": value, "update": "EMPTY_ONLY", "mappingType": "CORE"}, {"core": True})]
    if path == "schemas":
        return [({"name": "User"}, {})]
    if path == "templates/{templateName}/contents":
        # pingone-facts.md: default notification template contents. ASSUMED: one English email per template.
        return [({"locale": "en", "deliveryMethod": "Email", "default": True, "subject": f"PingOne {parents[0]}",
                  "body": "<p>${user.username}</p>", "charset": "UTF-8", "emailContentType": "text/html"}, {})]
    if path == "schemas/{schemaID}/attributes":
        if parents[0].lower() != store.builtin_id(env_id, "schemas", "User"):
            return []
        core = ["username", "population", "enabled", "lifecycle", "mfaEnabled"]   # ASSUMED split of CORE and STANDARD
        standard = ["email", "name", "nickname", "title", "preferredLanguage", "locale", "timezone", "address", "mobilePhone",
                    "primaryPhone", "photo", "externalId", "accountId", "type"]
        kinds = {"enabled": "BOOLEAN", "mfaEnabled": "BOOLEAN", "name": "COMPLEX", "address": "COMPLEX", "population": "COMPLEX",
                 "lifecycle": "COMPLEX", "photo": "COMPLEX"}
        made = [({"name": name, "displayName": name, "enabled": True, "required": name == "username", "unique": name == "username",
                  "schemaType": "CORE", "type": kinds.get(name, "STRING")}, {"core": True}) for name in core]
        made += [({"name": name, "displayName": name, "enabled": True, "required": False, "unique": False, "schemaType": "STANDARD",
                   "type": kinds.get(name, "STRING")}, {}) for name in standard]
        return made
    if path == "brandingSettings":
        return [({}, {})]   # ASSUMED: no company name or logo until set
    if path == "riskPredictors":
        made = []
        for name, compact, kind_type in (("Anonymous Network Detection", "anonymousNetwork", "ANONYMOUS_NETWORK"),
                                         ("Geovelocity Anomaly", "geoVelocity", "GEO_VELOCITY"),
                                         ("IP Reputation", "ipRisk", "IP_REPUTATION"),
                                         ("User Location Anomaly", "userLocationAnomaly", "USER_LOCATION_ANOMALY")):
            made.append(({"name": name, "compactName": compact, "type": kind_type},
                         {"server": {"deletable": False, "licensed": True}}))   # ASSUMED names and settings
        return made
    return []
