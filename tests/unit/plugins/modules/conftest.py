# -*- coding: utf-8 -*-
# Copyright: (c) 2026, pingone.platform maintainers
# GNU General Public License v3.0+ (see LICENSE or https://www.gnu.org/licenses/gpl-3.0.txt)

from __future__ import annotations

import pytest

from ansible_collections.pingone.platform.plugins.module_utils import transport as transport_module
from ansible_collections.pingone.platform.plugins.module_utils.options import API_OPTIONS, CONNECTION_OPTIONS
from ansible_collections.pingone.platform.tests.unit.fakes import FakeAdapter


@pytest.fixture
def api(monkeypatch):
    """Route a module's requests to a FakeAdapter answering from ``api.answers``; waits are recorded in
    ``api.sleeps`` instead of slept, and no PINGONE_* variable of the test host leaks in."""
    adapter = FakeAdapter([])
    adapter.sleeps = []
    original = transport_module.Transport.session.fget

    def session(self):
        created = self._session is None
        value = original(self)
        if created:
            value.mount('https://', adapter)
            self.sleep = adapter.sleeps.append
        return value

    monkeypatch.setattr(transport_module.Transport, 'session', property(session))
    for entry in list(CONNECTION_OPTIONS.values()) + list(API_OPTIONS.values()):
        monkeypatch.delenv(entry['env'], raising=False)
    return adapter
