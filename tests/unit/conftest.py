# -*- coding: utf-8 -*-
# Copyright: (c) 2026, pingone.platform maintainers
# GNU General Public License v3.0+ (see LICENSE or https://www.gnu.org/licenses/gpl-3.0.txt)

from __future__ import annotations

import pytest

from ansible_collections.pingone.platform.tests.unit.fakes import FakeHTTP


@pytest.fixture
def fake_http():
    return FakeHTTP
