# -*- coding: utf-8 -*-
# Copyright: (c) 2026, pingone.platform maintainers
# GNU General Public License v3.0+ (see LICENSE or https://www.gnu.org/licenses/gpl-3.0.txt)
"""Action plugin of pingone.platform.pingone_identity_provider: the pingone group's client_id, client_secret and
scopes (the worker application's connection) are not the provider's (plugin_utils/shadowed_options.py)."""

from __future__ import annotations

from ansible_collections.pingone.platform.plugins.plugin_utils.shadowed_options import ShadowedOptionsAction


class ActionModule(ShadowedOptionsAction):
    SHADOWED = ('client_id', 'client_secret', 'scopes')
