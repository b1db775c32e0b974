# -*- coding: utf-8 -*-
# Copyright: (c) 2026, pingone.platform maintainers
# GNU General Public License v3.0+ (see LICENSE or https://www.gnu.org/licenses/gpl-3.0.txt)
"""What the idempotent resource modules share, built on the public facade (pingone.py).

A resource module reads before it writes: it finds the object by name, compares what the task
asks for with what PingOne holds, and writes only the difference. This file holds those steps
(``connect``, ``find_by_name``, ``differences``, ``diff``) and the wait for a new environment to
become visible to its own API (``wait_until_visible``). Helpers raise PingOneError; only the
module's ``main()`` turns an error into ``fail_json``.
"""

from __future__ import annotations

from typing import Any, Dict, Iterable, Mapping, Optional, Tuple

from ansible_collections.pingone.platform.plugins.module_utils.pingone import (
    ConnectionSettings,
    PingOneClient,
    PingOneInputError,
    PingOneNotFoundError,
    PingOneUnexpectedResponseError,
    connection_settings,
)
from ansible_collections.pingone.platform.plugins.module_utils.options import is_uuid

# Right after a create, PingOne may answer 404 for the new environment ("this may be due to eventual
# consistency if the environment was recently created; try again after a short delay", in Ping's
# OpenAPI description; its DaVinci variant names 60 s). Waits: 0.25 s, doubling, at most 5 s each.
VISIBILITY_TIMEOUT = 60.0
FIRST_VISIBILITY_WAIT = 0.25
MAX_VISIBILITY_WAIT = 5.0


def connect(module) -> Tuple[PingOneClient, ConnectionSettings]:
    """A client on the module's connection options: with its ``access_token`` when set, else with a token fetched now."""
    access_token = module.params.get('access_token') or None   # an empty PINGONE_API_ACCESS_TOKEN means none
    settings = connection_settings(module.params, module.warn, need_credentials=access_token is None)
    return PingOneClient.from_settings(settings, warn=module.warn, access_token=access_token), settings


def require_uuid(value: Optional[str], option: str, what: str) -> str:
    """``value`` lower-cased if it is a UUID; PingOneInputError naming ``option`` otherwise (it goes into a URL path)."""
    if not isinstance(value, str) or not is_uuid(value.strip()):
        raise PingOneInputError('%s is not a UUID: give %s (8-4-4-4-12 hexadecimal digits).' % (option, what), option=option)
    return value.strip().lower()


def scim_string(value: str) -> str:
    """``value`` as a quoted SCIM filter string (for ``filter=name sw "..."``)."""
    return '"%s"' % value.replace('\\', '\\\\').replace('"', '\\"')


def find_by_name(items: Iterable[Any], name: str, kind: str) -> Optional[Dict[str, Any]]:
    """The one item named exactly ``name``, or None.

    PingOne keeps names unique where these modules look them up; two exact matches would make
    any write a guess, so they are refused.
    """
    matches = [item for item in items if isinstance(item, dict) and item.get('name') == name]
    if len(matches) > 1:
        raise PingOneUnexpectedResponseError('PingOne lists %d %ss named %r (ids %s), so the task cannot tell which one it means: '
                                             'rename or delete all but one in the PingOne console.'
                                             % (len(matches), kind, name, ', '.join(str(item.get('id')) for item in matches)))
    return matches[0] if matches else None


def differences(desired: Mapping[str, Any], current: Mapping[str, Any]) -> Dict[str, Any]:
    """The desired values that are set (not None) and differ from the current ones: what a write must change."""
    return {key: value for key, value in desired.items() if value is not None and current.get(key) != value}


def diff(before: Optional[Mapping[str, Any]], after: Optional[Mapping[str, Any]]) -> Dict[str, Dict[str, Any]]:
    """Ansible's ``diff`` result (shown with ``--diff``): ``{}`` stands for "does not exist"."""
    return {'before': dict(before or {}), 'after': dict(after or {})}


def wait_until_visible(client: PingOneClient, path: str, kind: str, timeout: float = VISIBILITY_TIMEOUT) -> Any:
    """GET ``path`` until it stops answering 404, and return its JSON.

    For reading an object right after creating it: PingOne makes a new environment visible to
    its own API a moment after the create returns. Only 404 is waited out; any other error is
    raised at once. Waits go through the transport's ``sleep`` (patched by tests).
    """
    waited, wait = 0.0, FIRST_VISIBILITY_WAIT
    while True:
        response = client.request('GET', path, expected=(200, 404))
        if response.status != 404:
            return response.json
        if waited >= timeout:
            raise PingOneNotFoundError(
                'GET %s still answered 404 %g s after the %s was created: PingOne has not made it visible yet. Run the task again '
                'in a few minutes; it finds the %s by name and does not create it twice.' % (response.url, waited, kind, kind),
                url=response.url, status=404)
        step = min(wait, timeout - waited)
        client.transport.sleep(step)
        waited += step
        wait = min(wait * 2, MAX_VISIBILITY_WAIT)
