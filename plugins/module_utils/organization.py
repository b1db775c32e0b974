# -*- coding: utf-8 -*-
# Copyright: (c) 2026, pingone.platform maintainers
# GNU General Public License v3.0+ (see LICENSE or https://www.gnu.org/licenses/gpl-3.0.txt)
"""The organization and its licenses: what creating an environment needs first.

PingOne's "create a test environment" workflow starts with the organization's ACTIVE license
(``GET /organizations/{orgId}/licenses``). The organization id is in every environment's body
(``organization.id``), so it is read from the environment of the worker application when the
task does not give it.
"""

from __future__ import annotations

from typing import Any, Dict, List, Optional

from ansible_collections.pingone.platform.plugins.module_utils.api import PingOneClient
from ansible_collections.pingone.platform.plugins.module_utils.engine import scim_string
from ansible_collections.pingone.platform.plugins.module_utils.errors import PingOneInputError, PingOneUnexpectedResponseError
from ansible_collections.pingone.platform.plugins.module_utils.options import require_uuid

LICENSE_STATUSES = ('ACTIVE', 'EXPIRED', 'FUTURE', 'TERMINATED')
_MAX_NAMES_SHOWN = 10


def organization_id(client: PingOneClient, given: Optional[str] = None) -> str:
    """The organization id: ``given``; else ``organization.id`` of the worker application's environment
    (``GET /environments/{environment_id}``); else that of the first environment the token can read."""
    if given:
        return require_uuid(given, 'organization_id', 'the ID of the PingOne organization')
    env_id = client.endpoints.environment_id
    if env_id:
        environment = client.get('/environments/%s' % env_id)
        source = 'GET /environments/%s' % env_id
    else:   # an access token alone: every environment it can read is in its organization
        page = client.get('/environments', query={'limit': 1})
        found = ((page or {}).get('_embedded') or {}).get('environments') if isinstance(page, dict) else None
        environment = found[0] if isinstance(found, list) and found else None
        source = 'GET /environments'
    org = (environment.get('organization') or {}).get('id') if isinstance(environment, dict) else None
    if not isinstance(org, str) or not org:
        raise PingOneUnexpectedResponseError('%s returned no organization.id, so the organization is unknown: set organization_id '
                                             '(shown in the PingOne console under Settings, Organization).' % source)
    return org.lower()


def list_licenses(client: PingOneClient, org_id: str, status: Optional[str] = None) -> List[Dict[str, Any]]:
    """Every license of the organization, or those with ``status`` (filtered by PingOne)."""
    query = {'filter': 'status eq %s' % scim_string(status)} if status else None
    return client.paginate('/organizations/%s/licenses' % org_id, query=query)


def active_license_named(client: PingOneClient, org_id: str, name: str) -> Dict[str, Any]:
    """The one ACTIVE license called ``name``.

    A renewed license keeps its name, so an EXPIRED namesake is normal and is skipped; no match,
    no ACTIVE match or two ACTIVE matches are refused, naming what was found.
    """
    licenses = list_licenses(client, org_id)
    named = [lic for lic in licenses if isinstance(lic, dict) and lic.get('name') == name]
    if not named:
        names = sorted({str(lic.get('name')) for lic in licenses if isinstance(lic, dict)})
        shown = ', '.join(repr(n) for n in names[:_MAX_NAMES_SHOWN]) + (', ...' if len(names) > _MAX_NAMES_SHOWN else '')
        raise PingOneInputError('No license of organization %s is named %r (its licenses: %s): check license_name, or list the '
                                'licenses with pingone.platform.pingone_license_info.' % (org_id, name, shown or 'none'),
                                option='license_name')
    active = [lic for lic in named if lic.get('status') == 'ACTIVE']
    if not active:
        raise PingOneInputError('The license named %r is not ACTIVE (%s): environments need an ACTIVE license; use the one that '
                                'replaced it.' % (name, ', '.join(sorted({str(lic.get('status')) for lic in named}))),
                                option='license_name')
    if len(active) > 1:
        raise PingOneInputError('%d ACTIVE licenses are named %r: give license_id instead (one of %s).'
                                % (len(active), name, ', '.join(str(lic.get('id')) for lic in active)), option='license_name')
    return active[0]
