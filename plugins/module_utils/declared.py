# -*- coding: utf-8 -*-
# Copyright: (c) 2026, pingone.platform maintainers
# GNU General Public License v3.0+ (see LICENSE or https://www.gnu.org/licenses/gpl-3.0.txt)
"""Dedicated modules declared on the registry: options named for people, mapped to a kind's fields.

``ensure_resource`` is ``pingone_resource``: the ``resource`` kind through ``ObjectTask`` (what
``pingone_object`` does), its ``resource_scope`` and ``resource_attribute`` children through
``children.reconcile_children``.
"""

from __future__ import annotations

from typing import Any, Callable, Dict, List, Mapping, Optional, Tuple

from ansible_collections.pingone.platform.plugins.module_utils import registry
from ansible_collections.pingone.platform.plugins.module_utils.api import PingOneClient
from ansible_collections.pingone.platform.plugins.module_utils.children import check_children, reconcile_children
from ansible_collections.pingone.platform.plugins.module_utils.engine import Outcome
from ansible_collections.pingone.platform.plugins.module_utils.errors import PingOneInputError
from ansible_collections.pingone.platform.plugins.module_utils.objects import ObjectTask

# pingone_resource's options -> the resource kind's fields (Ping's description, schema Resource).
RESOURCE_FIELDS = {'description': 'description', 'audience': 'audience', 'access_token_validity_seconds': 'accessTokenValiditySeconds'}


def _items(given: List[Mapping[str, Any]], fields: Mapping[str, str]) -> List[Dict[str, Any]]:
    return [{fields[option]: value for option, value in item.items() if value is not None and option in fields} for item in given]


def check_resource(params: Mapping[str, Any]) -> Tuple[Dict[str, Any], Optional[List[Dict[str, Any]]], Optional[List[Dict[str, Any]]]]:
    """pingone_resource's options as the kinds' fields (resource, scopes, attributes), or PingOneInputError before any request."""
    name = params['name']
    if name in registry.get_kind('resource').built_ins:
        raise PingOneInputError('%r is one of PingOne\'s own resources, which this module does not manage; an application is granted '
                                'its scopes with the resource_grants option of pingone.platform.pingone_application.' % name,
                                option='name')
    definition = {field: params[option] for option, field in RESOURCE_FIELDS.items() if params.get(option) is not None}
    definition['type'] = 'CUSTOM'
    scopes = _items(params['scopes'], {'name': 'name', 'description': 'description'}) if params.get('scopes') is not None else None
    attributes = _items(params['attributes'], {'name': 'name', 'value': 'value'}) if params.get('attributes') is not None else None
    if scopes is not None:
        check_children('resource_scope', scopes, 'scopes')
    if attributes is not None:
        check_children('resource_attribute', attributes, 'attributes')
    return definition, scopes, attributes


def ensure_resource(client: PingOneClient, env_id: str, params: Mapping[str, Any], check_mode: bool,
                    warn: Callable[[str], None] = lambda message: None) -> Outcome:
    """Make one custom resource (``params`` are pingone_resource's options) and, when given, exactly its scopes and attributes."""
    name = params['name']
    kind = registry.get_kind('resource')
    present = params.get('state', 'present') != 'absent'
    definition, scopes, attributes = check_resource(params)
    task = ObjectTask(client, env_id, {'kind': 'resource', 'name': name, 'definition': definition,
                                       'state': params.get('state', 'present')}, warn)
    outcome = task.run(check_mode)
    if not present:
        return outcome
    resource = outcome.object
    if resource and not kind.is_built_in(resource) and resource.get('type') not in (None, 'CUSTOM'):
        raise PingOneInputError('resource %r is of type %s, not a custom resource.' % (name, resource.get('type')), option='name')
    resource_id = resource.get('id') if resource else None
    changed, before, after = outcome.changed, dict(outcome.diff['before']), dict(outcome.diff['after'])
    for option, kind_name, wanted in (('scopes', 'resource_scope', scopes), ('attributes', 'resource_attribute', attributes)):
        if wanted is None:
            if option == 'scopes' and resource_id:
                resource = dict(resource, scopes=[item for item in client.paginate(
                    '/environments/%s/resources/%s/scopes' % (env_id, resource_id)) if isinstance(item, dict)])
            continue
        child_changed, child_before, child_after, result = reconcile_children(client, env_id, kind_name, resource_id, wanted, check_mode,
                                                                               fresh=outcome.action == 'created' and kind_name == 'resource_scope')
        changed = changed or child_changed
        if before or outcome.action != 'created':
            before[option] = child_before
        after[option] = child_after
        if resource:
            resource = dict(resource, **{option: result})
    if resource is not None and 'scopes' not in resource:
        resource = dict(resource, scopes=[]) if resource else resource
    if params.get('return_secret') and resource_id and not check_mode:
        resource = dict(resource, secret=(client.get('/environments/%s/resources/%s/secret' % (env_id, resource_id)) or {}).get('secret'))
    action = outcome.action if outcome.changed or not changed else 'updated'
    return Outcome(changed, resource or {}, {'before': before, 'after': after}, action)
