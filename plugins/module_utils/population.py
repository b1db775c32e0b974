# -*- coding: utf-8 -*-
# Copyright: (c) 2026, pingone.platform maintainers
# GNU General Public License v3.0+ (see LICENSE or https://www.gnu.org/licenses/gpl-3.0.txt)
"""One population as pingone_population manages it: its options, the check before any request, and the write.

Shared by the module and by config_legacy_apply, which applies a description's populations in one process.
"""

from __future__ import annotations

from typing import Any, Callable, Dict, Mapping, Optional

from ansible_collections.pingone.platform.plugins.module_utils.api import PingOneClient
from ansible_collections.pingone.platform.plugins.module_utils.engine import Outcome, ensure
from ansible_collections.pingone.platform.plugins.module_utils.errors import PingOneInputError
from ansible_collections.pingone.platform.plugins.module_utils.kinds import PopulationKind
from ansible_collections.pingone.platform.plugins.module_utils.resolver import Resolver

# pingone_population's own options (the connection's come from api_argument_spec).
POPULATION_OPTIONS: Dict[str, Dict[str, Any]] = dict(
    target_environment_id=dict(type='str', required=True),
    name=dict(type='str', required=True),
    state=dict(type='str', choices=['present', 'absent'], default='present'),
    description=dict(type='str'),
    default=dict(type='bool'),
)


def check_population(params: Mapping[str, Any]) -> None:
    """Refuse what can be told wrong before any request."""
    if not params['name'].strip():
        raise PingOneInputError('name is empty: give the name of the population.', option='name')


def ensure_population(client: PingOneClient, env_id: str, params: Mapping[str, Any], check_mode: bool,
                      warn: Callable[[str], None], resolver: Optional[Resolver] = None) -> Outcome:
    """The population as the task wants it (``state``); found in, and told to, a run's ``resolver`` when given."""
    return ensure(client, PopulationKind(), PopulationKind().collection(env_id), params, check_mode, warn, resolver=resolver)
