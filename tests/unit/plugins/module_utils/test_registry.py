# -*- coding: utf-8 -*-
# Copyright: (c) 2026, pingone.platform maintainers
# GNU General Public License v3.0+ (see LICENSE or https://www.gnu.org/licenses/gpl-3.0.txt)
"""The kind registry against Ping's descriptions (contract tests over every kind), and its rules family by family."""

from __future__ import annotations

import ast
import functools
import importlib.util
import os

import pytest
import yaml

from ansible_collections.pingone.platform.plugins.module_utils import kind_schema, kinds, pingone, registry, saml_application

ROOT = os.path.dirname(os.path.dirname(os.path.dirname(os.path.dirname(os.path.dirname(os.path.abspath(__file__))))))
KINDS = list(registry.KINDS.values())
NAMES = [kind.name for kind in KINDS]
# Issue 16: the kinds the registry must hold at least.
REQUIRED = (
    'population', 'group', 'user', 'application', 'sign_on_policy', 'sign_on_policy_action', 'application_sign_on_policy_assignment',
    'application_resource_grant', 'application_attribute_mapping', 'resource', 'resource_scope', 'resource_attribute',
    'password_policy', 'mfa_device_policy', 'identity_provider', 'identity_provider_attribute', 'schema_attribute',
    'notification_template_content', 'branding_theme', 'branding_settings', 'agreement', 'agreement_language', 'custom_domain',
    'webhook', 'key', 'trusted_email_domain', 'gateway', 'risk_predictor', 'risk_policy')


def tool(name):
    """A script of tools/ as a module (the generators the tests keep the committed files in step with)."""
    spec = importlib.util.spec_from_file_location('_tool_' + name, os.path.join(ROOT, 'tools', name + '.py'))
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


@functools.lru_cache(maxsize=None)
def generator():
    return tool('kind_schemas')


@functools.lru_cache(maxsize=None)
def description(api):
    return generator().load(api)


def operation(kind, method, path):
    return description(kind.api)['paths'].get(path, {}).get(method.lower())


def body_schema(kind, method, path):
    """The name the description gives the JSON body of an operation (the generator's name when inline)."""
    content = operation(kind, method, path)['requestBody']['content']
    body = (content.get('application/json') or next(iter(content.values())))['schema']
    if '$ref' in body:
        return body['$ref'].rsplit('/', 1)[-1]
    return '%s %s' % (method, path[len(generator().PREFIX):])


def fields_of(kind):
    """(role, field path) of every field the kind's declaration names."""
    declared = [('key', name) for name in kind.key] + [('reference', name) for name in kind.references]
    declared += [('secret', name) for name in kind.secrets] + [('set', name) for name in kind.set_fields]
    declared += [('immutable', name) for name in kind.immutable]
    declared += [('rule', name) for name, _values in kind.built_in_when + kind.undeletable_when]
    return declared


# --- contract: the registry against Ping's descriptions ---------------------------------------------------
def test_the_registry_holds_every_kind_issue_16_names():
    assert set(REQUIRED) <= set(NAMES)
    assert len(NAMES) == len(set(NAMES))


@pytest.mark.parametrize('kind', KINDS, ids=NAMES)
def test_every_path_is_in_the_description_with_the_methods_the_kind_uses(kind):
    paths = description(kind.api)['paths']
    assert kind.collection_path in paths, '%s: %s is not in the %s description' % (kind.name, kind.collection_path, kind.api)
    assert kind.item_path in paths, '%s: %s is not in the %s description' % (kind.name, kind.item_path, kind.api)
    assert operation(kind, 'GET', kind.item_path)
    if kind.singleton:
        assert operation(kind, 'PUT', kind.item_path) and kind.update == 'PUT'
        return
    assert operation(kind, 'GET', kind.collection_path)
    if kind.read_only:
        assert kind.update is None
        return
    assert operation(kind, 'POST', kind.collection_path)
    assert operation(kind, 'DELETE', kind.item_path)
    if kind.update:
        assert operation(kind, kind.update, kind.item_path), '%s: no %s on %s' % (kind.name, kind.update, kind.item_path)
    else:
        assert not operation(kind, 'PUT', kind.item_path) and not operation(kind, 'PATCH', kind.item_path)


@pytest.mark.parametrize('kind', [kind for kind in KINDS if not kind.read_only], ids=[kind.name for kind in KINDS if not kind.read_only])
def test_the_declared_schemas_and_content_types_are_those_of_the_operations(kind):
    create = ('PUT', kind.item_path) if kind.singleton else ('POST', kind.collection_path)
    assert kind.schema == body_schema(kind, *create)
    assert sorted(kind.content_types) == sorted(operation(kind, *create)['requestBody']['content'])
    if kind.update and not kind.singleton:
        assert kind.body_schema == body_schema(kind, kind.update, kind.item_path)


@pytest.mark.parametrize('kind', [kind for kind in KINDS if kind.own_endpoints], ids=[kind.name for kind in KINDS if kind.own_endpoints])
def test_a_field_with_an_endpoint_of_its_own_has_one(kind):
    for field in kind.own_endpoints:
        assert operation(kind, 'PUT', '%s/%s' % (kind.item_path, field)), '%s: no PUT for %s' % (kind.name, field)
        assert kind_schema.field_nodes(kind.api, kind.schema, field)


@pytest.mark.parametrize('kind', [kind for kind in KINDS if kind.parent], ids=[kind.name for kind in KINDS if kind.parent])
def test_a_child_lives_under_its_parents_object(kind):
    parent = registry.get_kind(kind.parent)
    assert kind.path.startswith(parent.path + '/{%s}/' % kind.parent_param)
    assert '{%s}' % kind.parent_param in kind.path


@pytest.mark.parametrize('role, kind, path', [(role, kind, path) for kind in KINDS for role, path in fields_of(kind)],
                         ids=['%s-%s-%s' % (kind.name, role, path) for kind in KINDS for role, path in fields_of(kind)])
def test_every_declared_field_is_in_the_kinds_schema_and_writable_where_it_must_be(role, kind, path):
    if kind.read_only and kind.addressed_by != 'id' and role == 'key':
        # A template is addressed by its name: the description lists the names for the path, not as a field.
        assert kind_schema.path_values(kind.api, registry.ITEM_PARAMS[kind.name])
        return
    nodes = kind_schema.field_nodes(kind.api, kind.schema, path)
    assert nodes, '%s: %s field %s is not in %s' % (kind.name, role, path, kind.schema)
    if role in ('key', 'reference', 'secret', 'set', 'immutable') and not kind.read_only:
        assert not any(node.get('readOnly') for node in nodes), '%s: %s is readOnly' % (kind.name, path)
    if role == 'set':
        assert all(node.get('type') == 'array' for node in nodes)
    if role == 'reference':
        # an {id} object's id, or each item of a list of plain ids (oidcScopes[])
        assert (path.endswith('.id') or registry.plain_ids(path)) and all(node.get('type') == 'string' for node in nodes)


@pytest.mark.parametrize('kind', KINDS, ids=NAMES)
def test_every_secret_and_set_field_can_be_written_in_an_update_too(kind):
    if kind.update is None:
        return
    for path in kind.secrets + kind.set_fields:
        nodes = kind_schema.field_nodes(kind.api, kind.body_schema, path)
        assert nodes and not any(node.get('readOnly') for node in nodes), '%s: %s' % (kind.name, path)


def test_the_generated_schemas_are_in_step_with_the_descriptions_and_the_registry():
    with open(os.path.join(ROOT, generator().TARGET), encoding='utf-8') as handle:
        committed = handle.read()
    assert committed == generator().build(KINDS), 'run tools/kind_schemas.py and commit plugins/module_utils/_kind_schemas.py'


def test_docs_kinds_md_is_in_step_with_the_registry():
    doc = tool('kinds_doc')
    with open(os.path.join(ROOT, doc.PAGE), encoding='utf-8') as handle:
        committed = handle.read()
    assert committed == doc.render(registry), 'run tools/kinds_doc.py and commit docs/kinds.md'


def test_a_discriminator_covers_every_value_of_its_field():
    # Where the registry's kinds have several shapes, every value of the picking field names one.
    rule = kind_schema.schema('management', 'IdentityProvider')['discriminator']
    assert rule['field'] == 'type'
    enum = kind_schema.resolve('management', kind_schema.schema('management', 'IdentityProviderOIDC'))['properties']['type']['enum']
    assert sorted(rule['mapping']) == sorted(enum)
    action = kind_schema.schema('management', 'SignOnPolicyAction')['discriminator']
    assert sorted(action['mapping']) == sorted(
        kind_schema.resolve('management', kind_schema.schema('management', 'SignOnPolicyActionLogin'))['properties']['type']['enum'])


# --- keys ------------------------------------------------------------------------------------------------
@pytest.mark.parametrize('name, key', [
    ('password_policy', ('name',)), ('user', ('username',)), ('custom_domain', ('domainName',)), ('trusted_email_domain', ('domainName',)),
    ('agreement_language', ('locale',)), ('branding_theme', ('configuration.name',)), ('application_resource_grant', ('resource.id',)),
    ('notification_template_content', ('locale', 'deliveryMethod', 'variant')), ('branding_settings', ()),
])
def test_natural_keys(name, key):
    assert registry.get_kind(name).key == key


def test_an_unknown_kind_is_refused_listing_the_kinds():
    with pytest.raises(KeyError, match="'sign_on_policies' is not a kind the registry knows; use one of agreement, "):
        registry.get_kind('sign_on_policies')


# --- parents and paths -----------------------------------------------------------------------------------
def test_parents_and_their_placeholders():
    scope = registry.get_kind('resource_scope')
    assert (scope.parent, scope.parent_param) == ('resource', 'resourceID')
    assert scope.item_path == '/environments/{environmentID}/resources/{resourceID}/scopes/{scopeID}'
    assert registry.get_kind('schema_attribute').parent == 'schema'
    assert registry.get_kind('notification_template_content').parent_param == 'templateName'
    assert registry.get_kind('population').parent is None and registry.get_kind('population').parent_param is None


def test_the_collection_of_a_kind_in_an_environment_and_under_a_parent():
    assert registry.get_kind('population').collection_for('e1') == '/environments/e1/populations'
    assert registry.get_kind('resource_scope').collection_for('e1', 'r1') == '/environments/e1/resources/r1/scopes'
    assert registry.get_kind('notification_template_content').collection_for('e1', 'general') == '/environments/e1/templates/general/contents'
    assert registry.get_kind('branding_settings').collection_for('e1') == '/environments/e1/brandingSettings'
    with pytest.raises(ValueError, match='a resource_scope lives under a resource'):
        registry.get_kind('resource_scope').collection_for('e1')


# --- singletons ------------------------------------------------------------------------------------------
def test_a_singleton_is_read_and_written_at_its_own_path_and_never_deleted():
    settings = registry.get_kind('branding_settings')
    assert settings.singleton and settings.update == 'PUT'
    assert settings.item_path == settings.collection_path == '/environments/{environmentID}/brandingSettings'
    assert settings.is_built_in({}) and settings.refuses_delete({'companyName': 'x'})
    assert [kind.name for kind in KINDS if kind.singleton] == ['branding_settings']


# --- built-ins -------------------------------------------------------------------------------------------
@pytest.mark.parametrize('name, obj', [
    ('sign_on_policy', {'name': 'Single_Factor'}), ('sign_on_policy', {'name': 'Multi_Factor'}),
    ('password_policy', {'name': 'Standard'}), ('password_policy', {'name': 'Basic'}), ('password_policy', {'name': 'Passphrase'}),
    ('mfa_device_policy', {'name': 'Any name', 'default': True}), ('resource', {'name': 'openid'}), ('resource', {'name': 'PingOne API'}),
    ('application', {'name': 'PingOne Application Portal', 'type': 'PING_ONE_PORTAL'}),
    ('application_attribute_mapping', {'name': 'sub'}), ('schema_attribute', {'name': 'email', 'schemaType': 'STANDARD'}),
    ('schema_attribute', {'name': 'username', 'schemaType': 'CORE'}), ('schema', {'name': 'User'}),
])
def test_objects_pingone_makes_itself_are_built_in_and_never_deleted(name, obj):
    kind = registry.get_kind(name)
    assert kind.is_built_in(obj)
    assert kind.refuses_delete(obj)


@pytest.mark.parametrize('name, obj', [
    ('sign_on_policy', {'name': 'Passwordless', 'default': False}), ('password_policy', {'name': 'Strict'}),
    ('resource', {'name': 'Orders API', 'type': 'CUSTOM'}), ('schema_attribute', {'name': 'badge', 'schemaType': 'CUSTOM'}),
    ('application', {'name': 'Portal', 'type': 'WEB_APP'}),
])
def test_objects_of_ones_own_are_not_built_in(name, obj):
    kind = registry.get_kind(name)
    assert not kind.is_built_in(obj) and not kind.refuses_delete(obj)


def test_the_default_policy_cannot_be_deleted_even_when_made_by_the_user():
    assert registry.get_kind('sign_on_policy').refuses_delete({'name': 'Passwordless', 'default': True})
    assert registry.get_kind('risk_predictor').refuses_delete({'compactName': 'anonymousNetwork', 'deletable': False})
    assert not registry.get_kind('risk_predictor').refuses_delete({'compactName': 'mine', 'deletable': True})


# --- set fields -------------------------------------------------------------------------------------------
def test_set_fields():
    assert 'redirectUris' in registry.get_kind('application').set_fields
    assert registry.get_kind('application_resource_grant').set_fields == ('scopes',)
    assert 'filterOptions.includedActionTypes' in registry.get_kind('webhook').set_fields


# --- references and dependency order -----------------------------------------------------------------------
def test_every_reference_names_a_kind_of_the_registry():
    for kind in KINDS:
        for path, other in kind.references.items():
            assert other in registry.KINDS, '%s: %s names %s' % (kind.name, path, other)
        assert kind.parent is None or kind.parent in registry.KINDS


def test_a_reference_with_one_parent_names_a_child_kind_under_one_of_its_parents_own_objects():
    for kind in KINDS:
        for path, parent_name in kind.reference_parents.items():
            other = registry.get_kind(kind.references[path])   # declared for a reference only
            assert other.parent and parent_name in registry.get_kind(other.parent).built_ins, (kind.name, path)
        assert all(other in registry.KINDS and other != kind.name for other in kind.after), kind.name


def test_an_attribute_mappings_oidc_scopes_are_a_list_of_the_openid_resources_scope_ids_written_after_the_grants():
    mapping = registry.get_kind('application_attribute_mapping')
    assert mapping.references == {'oidcScopes[]': 'resource_scope'} and mapping.reference_parents == {'oidcScopes[]': 'openid'}
    assert registry.plain_ids('oidcScopes[]') and not registry.plain_ids('scopes[].id')
    assert registry.depends_on(mapping) == ('application', 'application_resource_grant', 'resource_scope')
    order = registry.dependency_order(['application_attribute_mapping', 'application_resource_grant', 'application', 'resource_scope',
                                       'resource'])
    assert order.index('application_resource_grant') < order.index('application_attribute_mapping')


def test_the_dependency_order_puts_what_is_named_first():
    order = registry.dependency_order()
    assert sorted(order) == sorted(NAMES)
    position = order.index
    assert position('resource') < position('resource_scope') < position('application_resource_grant')
    assert position('application') < position('application_resource_grant')
    assert position('sign_on_policy') < position('application_sign_on_policy_assignment')
    assert position('application') < position('application_sign_on_policy_assignment')
    assert position('sign_on_policy') < position('sign_on_policy_action')
    assert position('identity_provider') < position('sign_on_policy_action')
    assert position('population') < position('group') and position('population') < position('user')
    assert position('risk_predictor') < position('risk_policy')
    for kind in KINDS:
        assert all(position(need) < position(kind.name) for need in registry.depends_on(kind))


def test_the_order_of_some_kinds_ignores_the_others():
    assert registry.dependency_order(['application_resource_grant', 'resource_scope', 'resource']) == [
        'resource', 'resource_scope', 'application_resource_grant']


# --- secrets -----------------------------------------------------------------------------------------------
def test_secrets():
    assert 'clientSecret' in registry.get_kind('identity_provider').secrets
    assert 'httpEndpoint.headers' in registry.get_kind('webhook').secrets
    assert 'bindPassword' in registry.get_kind('gateway').secrets
    # The description marks an OpenID Connect provider's client secret as a password.
    assert kind_schema.field_nodes('management', 'IdentityProviderOIDC', 'clientSecret')[0].get('secret')


def test_the_secrets_the_description_marks_are_the_kinds_without_a_declaration():
    # format: password fields of an application's mobile integrity detection, declared nowhere by hand
    assert {'mobile.integrityDetection.googlePlay.decryptionKey', 'mobile.integrityDetection.googlePlay.serviceAccountCredentials',
            'mobile.integrityDetection.googlePlay.verificationKey'} <= set(registry.get_kind('application').secrets)
    assert 'password.value' in registry.get_kind('user').secrets
    # readOnly secrets are PingOne's to set (a resource's clientSecret): not write-only fields
    assert 'clientSecret' not in registry.get_kind('resource').secrets


@pytest.mark.parametrize('kind', KINDS, ids=NAMES)
def test_every_writable_secret_field_of_the_schema_is_a_secret_of_the_kind(kind):
    for path in kind_schema.secret_paths(kind.api, kind.schema):
        nodes = kind_schema.field_nodes(kind.api, kind.schema, path)
        assert any(node.get('secret') and not node.get('readOnly') for node in nodes), '%s: %s' % (kind.name, path)
        assert path in kind.secrets, '%s: %s is marked secret in %s' % (kind.name, path, kind.schema)


@pytest.mark.parametrize('kind', [kind for kind in KINDS if kind.unflagged_secrets], ids=[kind.name for kind in KINDS if kind.unflagged_secrets])
def test_a_secret_declared_by_hand_is_one_the_description_does_not_mark(kind):
    # One source: a secret the description marks comes from it, and is not declared again.
    for path in kind.unflagged_secrets:
        assert path not in kind_schema.secret_paths(kind.api, kind.schema) + kind_schema.secret_paths(kind.api, kind.body_schema), path
        assert path in kind.secrets


# --- validation ---------------------------------------------------------------------------------------------
def messages(kind, definition, creating, **extra):
    return [str(problem) for problem in registry.validate(kind, definition, creating, **extra)]


def test_a_valid_definition_has_no_problem():
    assert messages('password_policy', {'name': 'Strict', 'excludesCommonlyUsed': True, 'excludesProfileData': True,
                                        'notSimilarToCurrent': True, 'length': {'min': 12, 'max': 255}}, True) == []


def test_a_wrong_type_names_the_field_path():
    assert messages('password_policy', {'length': {'min': '8'}}, False) == ['definition.length.min must be an integer, not a string.']
    assert messages('password_policy', {'excludesCommonlyUsed': 'yes'}, False) == [
        'definition.excludesCommonlyUsed must be a boolean, not a string.']
    assert messages('resource_scope', {'schemaAttributes': 'email'}, False) == ['definition.schemaAttributes must be a list, not a string.']


def test_an_enum_value_not_allowed_lists_the_allowed_values():
    assert messages('resource', {'type': 'API'}, False) == ["definition.type must be one of OPENID_CONNECT, PINGONE_API, CUSTOM, not 'API'."]
    problem = registry.validate('application_resource_grant', {'scopes': [{'id': 1}]}, False)[0]
    assert (problem.path, problem.reason) == ('definition.scopes[0].id', 'type')


def test_an_unknown_field_is_refused_naming_the_fields_there_are():
    problem, = registry.validate('agreement', {'name': 'Terms', 'enabled': True, 'titel': 'x'}, True)
    assert problem.path == 'definition.titel' and problem.reason == 'unknown'
    assert str(problem) == ("definition.titel is not a field Ping's description knows here; the fields are description, enabled, name, "
                            "reconsentPeriodDays.")


def test_a_read_only_field_is_refused():
    assert messages('resource', {'name': 'Orders API', 'id': 'x', 'clientSecret': 's'}, False) == [
        'definition.id is set by PingOne itself (readOnly): leave it out.',
        'definition.clientSecret is set by PingOne itself (readOnly): leave it out.']


def test_required_fields_are_missing_only_when_creating():
    assert messages('agreement', {'description': 'x'}, True) == [
        'definition.enabled is required to create it.', 'definition.name is required to create it.']
    assert messages('agreement', {'description': 'x'}, False) == []


def test_a_required_and_read_only_field_is_not_asked_for():
    # The MFA description makes forSignOnPolicy both required and readOnly (pingone-facts.md).
    required = [problem.path for problem in registry.validate('mfa_device_policy', {'name': 'MFA'}, True)]
    assert 'definition.default' in required and 'definition.forSignOnPolicy' not in required


def test_the_shape_is_picked_by_the_discriminator():
    assert messages('identity_provider', {'name': 'Corp', 'type': 'OPENID_CONNECT', 'enabled': True, 'clientId': 'c',
                                          'clientSecret': 's'}, True) == [
        'definition.authorizationEndpoint is required to create it.', 'definition.issuer is required to create it.',
        'definition.jwksEndpoint is required to create it.', 'definition.scopes is required to create it.',
        'definition.tokenEndpoint is required to create it.', 'definition.tokenEndpointAuthMethod is required to create it.']
    assert messages('identity_provider', {'name': 'G', 'type': 'GOOGLE', 'enabled': True, 'clientId': 'c', 'clientSecret': 's'}, True) == []
    assert messages('identity_provider', {'name': 'G', 'type': 'MYSPACE'}, True)[0].startswith(
        'definition.type must be one of AMAZON, APPLE, FACEBOOK, GITHUB, GOOGLE, ')
    assert messages('identity_provider', {'name': 'G'}, True)[0].startswith('definition.type is required to create it (it picks the shape')


def test_an_update_without_the_discriminator_is_checked_against_the_current_shape():
    assert messages('identity_provider', {'issuer': 'https://idp.example'}, False, current={'type': 'GOOGLE'}) == [
        "definition.issuer is not a field Ping's description knows here; the fields are clientId, clientSecret, description, enabled, "
        "icon, loginButtonIcon, name, registration, type."]
    assert messages('identity_provider', {'issuer': 'https://idp.example'}, False, current={'type': 'OPENID_CONNECT'}) == []


def test_overlapping_one_of_branches_are_taken_as_any_of():
    # A sign-on policy action's condition matches several oneOf branches (pingone-facts.md): it is valid.
    condition = {'secondsSince': '${session.lastSignOn.withAuthenticator.pwd.at}', 'greater': 3600}
    assert messages('sign_on_policy_action', {'priority': 1, 'type': 'LOGIN', 'condition': condition}, True) == []


def test_a_nested_problem_and_a_list_item_name_their_path():
    assert messages('sign_on_policy_action', {'priority': 0, 'type': 'LOGIN', 'recovery': {'enabled': 'true'}}, True) == [
        'definition.priority must be at least 1, not 0.', 'definition.recovery.enabled must be a boolean, not a string.']


def test_a_prefix_names_the_option():
    assert messages('agreement', {'enabled': 1}, False, prefix='secrets') == ['secrets.enabled must be a boolean, not an integer.']


# --- the body of an update -----------------------------------------------------------------------------------
def test_writable_body_drops_read_only_and_unknown_fields():
    answer = {'id': 'p1', 'name': 'Standard', 'environment': {'id': 'e1'}, 'createdAt': 'then', '_links': {'self': {}},
              'populationCount': 3, 'length': {'min': 8, 'max': 255}, 'excludesCommonlyUsed': True, 'default': True}
    assert registry.writable_body('password_policy', answer) == {
        'name': 'Standard', 'length': {'min': 8, 'max': 255}, 'excludesCommonlyUsed': True, 'default': True}


def test_writable_body_keeps_the_fields_of_the_objects_shape():
    answer = {'id': 'i1', 'type': 'OPENID_CONNECT', 'name': 'Corp', 'enabled': True, 'issuer': 'https://idp', 'createdAt': 'then',
              'registration': {'population': {'id': 'p1'}}}
    assert registry.writable_body('identity_provider', answer) == {
        'type': 'OPENID_CONNECT', 'name': 'Corp', 'enabled': True, 'issuer': 'https://idp', 'registration': {'population': {'id': 'p1'}}}


def test_writable_body_uses_the_update_schema():
    # A key's update carries only default, usageType and issuerDN.
    answer = {'id': 'k1', 'name': 'signing', 'algorithm': 'RSA', 'keyLength': 2048, 'default': False, 'usageType': 'SIGNING',
              'issuerDN': 'CN=x', 'status': 'VALID'}
    assert registry.writable_body('key', answer) == {'default': False, 'usageType': 'SIGNING', 'issuerDN': 'CN=x'}


def test_free_form_objects_are_kept_whole():
    answer = {'name': 'hook', 'enabled': True, 'httpEndpoint': {'url': 'https://x', 'headers': {'Authorization': 'Basic x'}}}
    assert registry.writable_body('webhook', answer)['httpEndpoint']['headers'] == {'Authorization': 'Basic x'}


# --- the facade -----------------------------------------------------------------------------------------------
def test_the_facade_exports_the_registry():
    assert pingone.get_kind('group') is registry.KINDS['group']
    assert pingone.validate_definition is registry.validate
    assert pingone.Problem is kind_schema.Problem


# --- the kinds of the dedicated modules (engine.py's declarations in kinds.py) agree with the registry ----------------------
ENGINE_KINDS = [('population', kinds.PopulationKind()), ('user', kinds.UserKind()), ('group', kinds.GroupKind()),
                ('application', kinds.ApplicationKind()), ('application', saml_application.SamlApplicationKind())]


@pytest.mark.parametrize('name, engine_kind', ENGINE_KINDS, ids=[type(kind).__name__ for _name, kind in ENGINE_KINDS])
def test_every_field_a_dedicated_module_writes_is_a_writable_field_of_its_registry_kind(name, engine_kind):
    kind = registry.get_kind(name)
    assert engine_kind.kind == name   # one name in messages, the registry and docs/kinds.md
    for field in (engine_kind.key,) + engine_kind.fields:
        if not field.api:
            continue   # written through an endpoint of its own (a user's password), or not PingOne's field
        nodes = kind_schema.field_nodes(kind.api, kind.schema, field.api)
        assert nodes, '%s: %s (%s) is not in %s' % (type(engine_kind).__name__, field.option, field.api, kind.schema)
        if field.sub:   # PingOne marks it readOnly in the body: the engine writes it through its own endpoint
            assert field.api.split('.')[0] in kind.own_endpoints, '%s: %s has no own endpoint in the registry' % (name, field.api)
        else:
            assert any(not node.get('readOnly') for node in nodes), '%s: %s is readOnly' % (name, field.api)


@pytest.mark.parametrize('name, engine_kind', ENGINE_KINDS, ids=[type(kind).__name__ for _name, kind in ENGINE_KINDS])
def test_a_field_a_dedicated_module_cannot_change_cannot_change_through_pingone_object_either(name, engine_kind):
    immutable = {field.api for field in engine_kind.fields if field.immutable}
    assert immutable <= set(registry.get_kind(name).immutable)


@pytest.mark.parametrize('name, engine_kind', ENGINE_KINDS, ids=[type(kind).__name__ for _name, kind in ENGINE_KINDS])
def test_a_dedicated_module_writes_the_collection_of_its_registry_kind(name, engine_kind):
    kind = registry.get_kind(name)
    assert engine_kind.path == kind.path and engine_kind.collection('e1') == kind.collection_for('e1')
    assert kind.module == 'pingone_%s' % name


MODULES = os.path.join(ROOT, 'plugins', 'modules')


@pytest.mark.parametrize('kind', [kind for kind in KINDS if kind.module], ids=[kind.name for kind in KINDS if kind.module])
def test_the_module_named_for_a_kind_exists_and_has_the_option_that_holds_it(kind):
    with open(os.path.join(MODULES, kind.module + '.py'), encoding='utf-8') as source:
        documentation = yaml.safe_load(ast.literal_eval(next(
            node.value for node in ast.parse(source.read()).body
            if isinstance(node, ast.Assign) and getattr(node.targets[0], 'id', None) == 'DOCUMENTATION')))
    if kind.module_option:
        assert kind.module_option in documentation['options']
        assert kind.parent and registry.get_kind(kind.parent).module == kind.module   # a child kind of the module's own kind
