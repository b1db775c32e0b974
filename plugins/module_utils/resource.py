# -*- coding: utf-8 -*-
# Copyright: (c) 2026, pingone.platform maintainers
# GNU General Public License v3.0+ (see LICENSE or https://www.gnu.org/licenses/gpl-3.0.txt)
"""What the idempotent resource modules share around the engine (engine.py).

A resource module reads before it writes: it finds the object by name, compares what the task
asks for with what PingOne holds, and writes only the difference. The steps themselves are
the engine's (engine.py); this file holds what comes before and after them: the client
(``connect``) and the bounded wait for a new environment and its sub-resources to become
visible (``wait_until_visible``). Helpers raise PingOneError; only the module's ``main()``
turns an error into ``fail_json``.
"""

from __future__ import annotations

from typing import Any, Dict, Optional, Tuple

from ansible_collections.pingone.platform.plugins.module_utils.api import PingOneClient
from ansible_collections.pingone.platform.plugins.module_utils.errors import PingOneNotFoundError
from ansible_collections.pingone.platform.plugins.module_utils.options import CONNECTION_OPTIONS, ConnectionSettings, connection_settings, is_uuid
from ansible_collections.pingone.platform.plugins.module_utils.transport import bounded_backoff

# Right after a create, PingOne may answer 404 for the new environment ("this may be due to eventual
# consistency if the environment was recently created; try again after a short delay", in Ping's
# OpenAPI description; its DaVinci variant names 60 s). Waits: 0.25 s, doubling, at most 5 s each.
VISIBILITY_TIMEOUT = 60.0
FIRST_VISIBILITY_WAIT = 0.25
MAX_VISIBILITY_WAIT = 5.0


def connect(module, workers: Optional[int] = None, shadowed: Optional[Dict[str, Any]] = None) -> Tuple[PingOneClient, ConnectionSettings]:
    """A client on the module's connection options: with its ``access_token`` when set, else with a token fetched now.

    ``workers``: the task sends up to that many requests at once (bulk work): the transport keeps that many
    connections open and paces every request as bulk work (``TransportSettings.bulk``, ``Pacer``), the token's included.
    The module's ``rate_limit`` (if it has the option) is checked with the connection options.
    ``shadowed``: for a module that has options of its own named as connection options but meaning something else
    (an identity provider's ``client_id``), the connection's values of those (``connection_values_from_variables``).
    """
    access_token = module.params.get('access_token') or None   # an empty PINGONE_API_ACCESS_TOKEN means none
    params = module.params
    if shadowed:
        params = dict(params, **shadowed)
        module.no_log_values.update(value for name, value in shadowed.items() if CONNECTION_OPTIONS[name].get('no_log') and value)
    settings = connection_settings(params, module.warn, need_credentials=access_token is None)
    if workers:
        settings.transport.pool_size = workers
        settings.transport.bulk = True
    client = PingOneClient.from_settings(settings, warn=module.warn, access_token=access_token)
    target = module.params.get('target_environment_id')
    if isinstance(target, str) and is_uuid(target.strip()):
        client.environment_option = ('target_environment_id', target.strip().lower())   # a 404 under it names the option
    return client, settings


def wait_until_visible(client: PingOneClient, path: str, kind: str, timeout: Optional[float] = None,
                       statuses: Tuple[int, ...] = (404,)) -> Any:
    """GET ``path`` until it stops answering one of ``statuses``, and return its JSON.

    For reading an object right after creating it: PingOne makes a new environment visible to
    its own API a moment after the create returns (404 until then), and its sub-resources may
    answer 403 as well as 404 a little longer. Only those answers are waited out, bounded; any
    other error is raised at once. Waits go through the transport's ``sleep`` (patched by tests).
    ``timeout`` defaults to the client's ``environment_wait`` (the option environment_wait_timeout, 60 s unless set).
    """
    if timeout is None:
        timeout = client.environment_wait
    waited, steps = 0.0, bounded_backoff(FIRST_VISIBILITY_WAIT, MAX_VISIBILITY_WAIT, timeout)
    while True:
        response = client.request('GET', path, expected=(200,) + tuple(statuses))
        if response.status not in statuses:
            return response.json
        step = next(steps, None)
        if step is None:
            raise PingOneNotFoundError(
                'GET %s still answered %d %g s after the %s was created: PingOne has not made it available yet. Run the task again '
                'in a few minutes; it finds the %s by name and does not create it twice.' % (response.url, response.status, waited, kind, kind),
                url=response.url, status=response.status)
        client.transport.sleep(step)
        waited += step
