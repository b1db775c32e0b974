#!/usr/bin/python
# -*- coding: utf-8 -*-
# Copyright: (c) 2026, pingone.platform maintainers
# GNU General Public License v3.0+ (see LICENSE or https://www.gnu.org/licenses/gpl-3.0.txt)

from __future__ import annotations

DOCUMENTATION = r'''
module: pingone_environment_export
short_description: Describe a PingOne environment's configuration as data, and compare an environment with such a description
version_added: 0.1.0
description:
  - Reads the populations, groups, applications, role assignments, (with O(include_users)) users, and the objects of
    every other kind of the collection's kind registry (sign-on policies and their actions, resources and scopes,
    grants, identity providers, password and MFA policies, branding...) of the environment O(target_environment_id)
    and returns them as RV(config), a description that applies to any environment
    (M(pingone.platform.pingone_environment_config) and the role P(pingone.platform.environment_config#role) apply it). The collection's
    C(docs/config-as-code.md) documents the format, and C(roles/environment_config/files/config.schema.json) is its JSON Schema.
  - Each item uses the option names of the module that manages it (M(pingone.platform.pingone_population),
    M(pingone.platform.pingone_group), M(pingone.platform.pingone_application),
    M(pingone.platform.pingone_role_assignment), and M(pingone.platform.pingone_user) with its O(pingone.platform.pingone_user#module:users)
    list), and names other objects (populations, groups, applications, users, roles) by name, never by ID.
  - The registry kinds are keys named after the kind (C(sign_on_policy), C(resource_scope)), each a list of items
    C({name, parent, definition, built_in}) in PingOne's field names, as M(pingone.platform.pingone_object) takes them;
    references name their object (C(population.name), never C(population.id); an attribute mapping's C(oidcScopes),
    the C(openid) resource's scope names). Each kind is read once per parent.
  - The objects of V(sign_on_policy), V(resource) and V(identity_provider) that their module can make are described in
    its option names (M(pingone.platform.pingone_sign_on_policy), M(pingone.platform.pingone_resource),
    M(pingone.platform.pingone_identity_provider)), their children folded into its list option (C(actions) in priority
    order, C(scopes), C(attributes), C(attribute_mappings)) and not also under their kind's key. PingOne's own objects
    (C(Single_Factor), C(openid)), and an object holding a field the module's options cannot say exactly, stay in
    PingOne's field names with their children, so nothing is lost.
  - Likewise an application's sign-on policy assignments, resource grants and attribute mappings are folded into its
    V(applications) item as the options of M(pingone.platform.pingone_application) (C(sign_on_policies) when the
    priorities are 1, 2, 3..., C(resource_grants), C(attribute_mappings) with C(sub) as the module lists it), each kind
    where those options give its objects back exactly; the others stay under their kind's key in field names.
  - No secret, password, ID, timestamp or field PingOne sets itself goes into RV(config). The write-only fields a
    description's objects need when applied are listed in RV(secrets_required).
  - PingOne's own objects of the registry kinds (the C(Standard) password policy, the C(openid) resource and its
    scopes, an application's C(sub) mapping) are described with C(built_in=true); applying the description updates
    them and never creates or deletes them. PingOne does not say what a new environment holds, so by default they are
    described whole. With O(baseline_environment_id) or O(baseline) (an environment as PingOne makes it, or its
    description), they are described only where they differ from it (see O(baseline_environment_id)).
  - PingOne's own objects are not described. Its built-in applications (types C(PING_ONE_ADMIN_CONSOLE),
    C(PING_ONE_SELF_SERVICE), C(PING_ONE_PORTAL)) are left out. The default population is kept as its
    C(name) and C(default=true) only, so that users and groups can name it; applying the description never
    creates, changes or deletes it.
  - What the collection cannot manage yet is listed in RV(skipped_objects) with the reason, never dropped silently
    (SAML, WS-Federation and other non-OIDC applications, role assignments of custom roles or of scopes it
    cannot name, settings the modules do not manage).
  - It reads each kind with one paged request, not one per object (C(limit) 1000 for populations, groups and users;
    applications as PingOne lists them, without paging options), and the roles once. With the users, it reads the
    members of each group as Ping documents it, with the users list filtered on that group
    (C(GET .../users?filter=memberOfGroups[id eq "<group id>"]), paged), so one more request per group. PingOne lists
    role assignments per subject only, so they are read with one request per application and group, and with
    O(include_users) per user as well. Both per-object reads are sent O(concurrency) at a time.
  - With O(compare_to), it also compares the environment with that description and returns what applying
    it would change (RV(drift)) and the module arguments that would change it (RV(plan)), without writing
    anything. The role P(pingone.platform.environment_config#role) uses this. Then what is read follows the description.
  - With O(compare_to), when applying the description creates users, one warning says how many and names the first
    five; a description never holds a password, so they are created without one.
author:
  - pingone.platform maintainers (@pingone-ansible)
extends_documentation_fragment:
  - pingone.platform.connection
  - pingone.platform.connection.api
  - pingone.platform.connection.bulk
  - pingone.platform.attributes
options:
  target_environment_id:
    description:
      - ID of the environment to read, for example RV(pingone.platform.pingone_environment#module:environment.id).
      - Not to be confused with O(environment_id), the environment of the worker application whose
        credentials get the token.
    type: str
    required: true
  include:
    description:
      - The kinds to describe, the keys of RV(config). When not set, V(populations), V(groups), V(applications),
        V(role_assignments) and every registry kind a description holds (those of C(docs/kinds.md) that are not PingOne's
        own alone), and V(users) too with O(include_users).
      - A registry kind described by a key of its own may be given by its registry name (V(population) for V(populations)).
      - Listing V(users) is the same as O(include_users=true).
      - Objects of kinds left out can still be read to name what the others refer to (a group's population, a
        role assignment's subject); a description narrowed so refers to objects it does not describe, which must
        then exist in the environment it is applied to.
      - Ignored with O(compare_to), where what is read follows the description.
    type: list
    elements: str
    choices: [populations, groups, applications, role_assignments, users, agreement, agreement_language, application,
              application_attribute_mapping, application_resource_grant, application_sign_on_policy_assignment,
              branding_settings, branding_theme, custom_domain, gateway, group, identity_provider,
              identity_provider_attribute, key, mfa_device_policy, notification_template_content, password_policy,
              population, resource, resource_attribute, resource_scope, risk_policy, risk_predictor,
              schema_attribute, sign_on_policy, sign_on_policy_action, trusted_email_domain, user, webhook]
  include_users:
    description:
      - Whether to describe the users too (RV(config.users)), and with them the groups' members and the users'
        role assignments (one more request per user).
      - Without it, groups are described without C(members), and users' role assignments are not read.
    type: bool
    default: false
  baseline_environment_id:
    description:
      - ID of an environment as PingOne makes it (a new one that nobody changed, for example the environment a description
        is about to be applied to for the first time), read to know what a new environment's own objects hold.
      - PingOne's own objects (RV(config) items with C(built_in=true)) are then described only by the fields whose value
        differs from that environment's object, and left out when none differs. The objects that live under them and are
        that environment's own (the actions of C(Single_Factor)) are left out when equal. One of them that another item
        names or that another item lives under stays, with no field to change, so the apply finds it.
      - A field a built-in object no longer has, compared with the baseline, cannot be described (an apply updates, merging
        into what the target has).
      - Objects without a counterpart there (a core C(sub) mapping of your own application) are described whole.
      - Costs one more paged read per kind and parent, of that environment. Not with O(baseline) or O(compare_to).
    type: str
  baseline:
    description:
      - The same as O(baseline_environment_id), with the environment given as a description RV(config) an earlier run of
        this module returned for a new environment (kept in a file beside your descriptions), so that no new environment
        needs to be at hand.
      - Only its registry kinds' items are used. Not with O(baseline_environment_id) or O(compare_to).
    type: dict
  compare_to:
    description:
      - A description (the shape of RV(config)) to compare the environment with. It is checked before any
        request (unknown keys, missing names, a reference to a population, group, user or application it
        does not describe), and then against what the environment holds (roles by name, subjects and scopes
        of role assignments when their kind is not described), still before anything is written.
      - The result then has RV(plan), RV(drift) and RV(changes).
    type: dict
  prune:
    description:
      - With O(compare_to), whether the plan deletes the objects of the kinds the description has (its keys)
        that it does not list, removes group members it does not list, and deletes role assignments it does not
        list of the subjects whose role assignments are read (see RV(plan)).
      - PingOne's own objects (the default population, the built-in applications), read-only role assignments,
        and objects the collection does not manage (such as SAML applications) are never in it.
    type: bool
    default: false
  concurrency:
    description:
      - How many role assignment reads and group member reads are sent at once (1 to 50), sharing one token and one
        connection pool.
    type: int
    default: 8
attributes:
  check_mode:
    support: full
    details: The module only reads. In check mode the plan leaves out what its modules could not check because it
      refers to an object that would be created by the same run (a user in a new population, say); RV(drift) still has it.
  diff_mode:
    support: none
    details: RV(drift) says what would change; the modules the role runs show the diffs.
seealso:
  - module: pingone.platform.pingone_population
  - module: pingone.platform.pingone_group
  - module: pingone.platform.pingone_user
  - module: pingone.platform.pingone_application
  - module: pingone.platform.pingone_role_assignment
  - name: The description format (docs/config-as-code.md)
    description: The format, its JSON Schema, and the role that applies it.
    link: https://github.com/pingone-ansible/pingone.platform/blob/main/docs/config-as-code.md
notes:
  - Passwords are never read, so users created from a description have none; set them with M(pingone.platform.pingone_user).
  - Application secrets are never read; an application created from a description gets a new one.
  - Two groups of one name (in different populations) cannot be told apart by name; both are listed in RV(skipped_objects).
  - The list of what was not described is RV(skipped_objects), not C(skipped). Ansible reads a true C(skipped) in any task
    result as "this task was skipped" (it shows the task as skipping, counts it as skipped, and ignores C(changed_when)
    and C(failed_when)), so a module cannot return a non-empty list under that name.
'''

EXAMPLES = r'''
- name: Describe the development environment
  pingone.platform.pingone_environment_export:
    target_environment_id: "{{ dev_environment_id }}"
    access_token: "{{ token.access_token }}"
  register: dev

- name: Keep the description under version control
  ansible.builtin.copy:
    content: "{{ dev.config | to_nice_yaml(indent=2, sort_keys=false) }}"
    dest: environments/development.yml
    mode: "0644"

- name: Say what could not be described
  ansible.builtin.debug:
    msg: "{{ dev.skipped_objects }}"

- name: Describe only the applications and the users
  pingone.platform.pingone_environment_export:
    target_environment_id: "{{ dev_environment_id }}"
    include: [applications]
    include_users: true
    access_token: "{{ token.access_token }}"
  register: apps_and_users

- name: What would applying the description change in production?
  pingone.platform.pingone_environment_export:
    target_environment_id: "{{ prod_environment_id }}"
    compare_to: "{{ lookup('ansible.builtin.file', 'environments/development.yml') | from_yaml }}"
    access_token: "{{ token.access_token }}"
  register: comparison

- name: Show the drift
  ansible.builtin.debug:
    msg: "{{ comparison.drift }}"
'''

RETURN = r'''
config:
  description:
    - The environment's description. Kinds not described are not keys of it.
    - Every list is sorted by name (role assignments by subject, role and scope).
  returned: success
  type: dict
  contains:
    populations:
      description: The populations, as options of M(pingone.platform.pingone_population); the default one as C({name, default}) only.
      type: list
      elements: dict
      sample: [{"name": "Default", "default": true}, {"name": "Staff", "description": "Employees"}]
    groups:
      description:
        - The groups, as options of M(pingone.platform.pingone_group); C(population) is the population's name (an
          environment group has none), C(members) the usernames of the members (with O(include_users) only).
      type: list
      elements: dict
      sample: [{"name": "Developers", "description": "", "population": "Staff", "members": ["jdoe"]}]
    applications:
      description: The OpenID Connect applications, as options of M(pingone.platform.pingone_application).
      type: list
      elements: dict
      sample: [{"name": "Intranet", "type": "WEB_APP", "enabled": true, "description": "", "redirect_uris": ["https://intranet.example.com/cb"],
                "post_logout_redirect_uris": [], "grant_types": ["AUTHORIZATION_CODE"], "response_types": ["CODE"],
                "token_endpoint_auth_method": "CLIENT_SECRET_BASIC", "pkce_enforcement": "OPTIONAL"}]
    role_assignments:
      description:
        - The role assignments, as options of M(pingone.platform.pingone_role_assignment), each with one of C(user),
          C(group) or C(application) (a name), C(role) (a name), C(scope_type), and C(scope_name) for a population
          or application scope. An environment scope is the environment the description is applied to.
      type: list
      elements: dict
      sample: [{"application": "Provisioning worker", "role": "Identity Data Admin", "scope_type": "POPULATION", "scope_name": "Staff"}]
    users:
      description:
        - With O(include_users), the users, as items of O(pingone.platform.pingone_user#module:users); C(population) is a name, and
          C(attributes) holds the other profile fields and custom attributes. Never a password.
      type: list
      elements: dict
      sample: [{"username": "jdoe", "email": "jdoe@example.com", "given_name": "Jane", "family_name": "Doe", "population": "Staff",
                "enabled": true}]
secrets_required:
  description:
    - The write-only fields of the described objects, which a description never holds (PingOne never returns them)
      and applying it needs, each with the C(kind), the object's C(name) (for a child kind, C(<parent name>/<name>)) and
      the field's C(path); give their values in O(pingone.platform.pingone_environment_config#module:secrets).
  returned: success, without O(compare_to)
  type: list
  elements: dict
  sample: [{"kind": "identity_provider", "name": "Corporate login", "path": "clientSecret"}]
skipped_objects:
  description:
    - What was not described, or not wholly, and why. C(kind) is the kind of object, C(name) names it.
  returned: success
  type: list
  elements: dict
  sample: [{"kind": "application", "name": "Salesforce", "reason": "a SAML application (type WEB_APP): an environment description
            holds OpenID Connect applications only"}]
plan:
  description:
    - With O(compare_to), the module arguments that make the environment match the description, in the order
      to apply them (C(populations), C(groups), C(users) (items of O(pingone.platform.pingone_user#module:users)),
      C(memberships) (M(pingone.platform.pingone_group) with C(members)), C(applications), C(role_assignments),
      then C(prune) with the deletions (C(role_assignments), C(applications), C(users), C(groups), C(populations))).
    - Only what differs is in it; everything empty means the environment matches.
    - Role assignments are read only for the subjects the description's role assignments name, and with O(prune)
      for every described application and group too.
  returned: when O(compare_to) is set
  type: dict
  sample: {"populations": [], "groups": [], "users": [], "memberships": [], "applications": [{"name": "Intranet", "type": "WEB_APP"}],
           "role_assignments": [], "prune": {"role_assignments": [], "applications": [], "users": [], "groups": [], "populations": []}}
drift:
  description:
    - With O(compare_to), what applying the description would change, by kind, C(create) (names), C(update)
      (name -> option -> C(before) and C(after)) and C(delete) (names; with O(prune) only); C(memberships) maps a
      group's name to the usernames to C(add) and C(remove). Role assignments are listed as their items.
    - Only what changes is in it (kinds and keys without a change are left out), so it is V({}) when the environment matches.
    - C(not_sent) lists, in check mode, what the modules are not asked to check because it refers to an object
      the same run would create.
  returned: when O(compare_to) is set
  type: dict
  sample: {"applications": {"update": {"Intranet": {"redirect_uris": {"before": ["https://a/cb"], "after": ["https://b/cb"]}}}}}
changes:
  description: With O(compare_to), how many changes RV(drift) lists (0 when the environment matches the description).
  returned: when O(compare_to) is set
  type: int
  sample: 1
labels:
  description:
    - With O(compare_to), a readable line for each role assignment of RV(plan) (its subject, role and scope by name, where the
      plan's arguments hold IDs), in the same order, C(role_assignments) and C(prune.role_assignments); for loop labels.
  returned: when O(compare_to) is set
  type: dict
  sample: {"role_assignments": ["group Developers: Client Application Developer at ENVIRONMENT"], "prune": {"role_assignments": []}}
# BEGIN generated failure-keys: edit FAILURE_KEYS and run tools/module_docs.py
url:
  description: The URL of the request that failed.
  returned: failure, when a request was sent
  type: str
  sample: https://api.pingone.eu/v1/environments/0b9e8d7c-6a5f-4e3d-8c2b-7a6f5e4d3c2b/applications
status:
  description: HTTP status of the failed answer.
  returned: failure, when an answer came
  type: int
  sample: 404
error:
  description: The error code PingOne sent, such as the platform API's C(INVALID_DATA), C(NOT_FOUND) or
    C(ACCESS_FAILED), or the token endpoint's OAuth C(invalid_client).
  returned: failure, when PingOne sent one
  type: str
  sample: NOT_FOUND
error_description:
  description: PingOne's error message (the platform API's C(message), the token endpoint's C(error_description)),
    without the correlation ID.
  returned: failure, when PingOne sent one
  type: str
  sample: The requested resource was not found.
details:
  description: PingOne's C(details) of the error, one entry per problem, each with C(code), C(target), C(message) and
    maybe C(innerError).
  returned: failure, when PingOne sent them
  type: list
  elements: dict
  sample: [{"code": "INVALID_VALUE", "target": "limit", "message": "limit must be an integer from 1 to 1000"}]
correlation_id:
  description: PingOne's correlation ID of the failed request (the C(id) of its error answer); give it to Ping Identity
    support.
  returned: failure, when PingOne sent one
  type: str
  sample: 6f1a0d9e-0c1b-4c1e-9d7a-1b2c3d4e5f60
option:
  description: The option whose value was refused (O(compare_to) for a description that is not right).
  returned: failure, on bad input
  type: str
  sample: compare_to
# END generated failure-keys
'''

from ansible.module_utils.basic import AnsibleModule

from ansible_collections.pingone.platform.plugins.module_utils.pingone import (
    DEFAULT_CONCURRENCY,
    EXPORT_INCLUDE_CHOICES,
    MAX_CONCURRENCY,
    PingOneError,
    PingOneInputError,
    bulk_argument_spec,
    check_baseline,
    check_description,
    compare_environment,
    connect,
    export_description,
    export_kinds,
    fail_module,
    passwordless_warning,
    require_uuid,
)


def main():
    module = AnsibleModule(
        argument_spec=bulk_argument_spec(
            target_environment_id=dict(type='str', required=True),
            include=dict(type='list', elements='str', choices=list(EXPORT_INCLUDE_CHOICES)),
            include_users=dict(type='bool', default=False),
            baseline_environment_id=dict(type='str'),
            baseline=dict(type='dict'),
            compare_to=dict(type='dict'),
            prune=dict(type='bool', default=False),
            concurrency=dict(type='int', default=DEFAULT_CONCURRENCY),
        ),
        mutually_exclusive=[('baseline_environment_id', 'baseline', 'compare_to')],
        supports_check_mode=True,
    )
    params = module.params
    try:
        if not 1 <= params['concurrency'] <= MAX_CONCURRENCY:
            raise PingOneInputError('concurrency is %d: give a number from 1 to %d.' % (params['concurrency'], MAX_CONCURRENCY),
                                    option='concurrency')
        env_id = require_uuid(params['target_environment_id'], 'target_environment_id', 'the ID of the environment to read')
        if params['compare_to'] is not None:
            check_description(params['compare_to'])
        baseline = check_baseline(params['baseline'])
        if params['baseline_environment_id'] is not None:
            baseline = require_uuid(params['baseline_environment_id'], 'baseline_environment_id',
                                    'the ID of an environment as PingOne makes it')
        kinds = export_kinds(params['include'], params['include_users'])
        client, _settings = connect(module, workers=params['concurrency'])
        with client:
            if params['compare_to'] is not None:
                config, skipped, plan, drift, changes, labels = compare_environment(client, env_id, params['compare_to'],
                                                                                    params['prune'], module.check_mode,
                                                                                    params['concurrency'])
                warning = passwordless_warning(drift)
                if warning:
                    module.warn(warning)
                module.exit_json(changed=False, config=config, skipped_objects=skipped, plan=plan, drift=drift, changes=changes,
                                 labels=labels)
            config, skipped, secrets_required = export_description(client, env_id, kinds, params['concurrency'], baseline)
    except PingOneError as error:
        fail_module(module, error)
    module.exit_json(changed=False, config=config, skipped_objects=skipped, secrets_required=secrets_required)


if __name__ == '__main__':
    main()
