# -*- coding: utf-8 -*-
# Copyright: (c) 2026, pingone.platform maintainers
# GNU General Public License v3.0+ (see LICENSE or https://www.gnu.org/licenses/gpl-3.0.txt)
"""The hint for an environment's name given where its ID belongs (target_environment_id)."""

from __future__ import annotations

import pytest

from ansible_collections.pingone.platform.plugins.module_utils.errors import PingOneInputError
from ansible_collections.pingone.platform.plugins.module_utils.options import looks_like_name, require_uuid

HINT = ("target_environment_id is not a UUID but looks like a name: find the environment's ID with pingone.platform.pingone_environment_info "
        "(name: %s) and give its environments[0].id, or copy the ID from the PingOne console.")


@pytest.mark.parametrize('value', ['Sandbox', 'Administrators', 'My test environment', 'Prod (EU)', 'Sändbox'])
def test_a_name_gets_the_hint(value):
    with pytest.raises(PingOneInputError) as info:
        require_uuid(value, 'target_environment_id', 'the ID of the environment')
    assert str(info.value) == HINT % repr(value) and info.value.option == 'target_environment_id'


@pytest.mark.parametrize('value', ['Sëcret+=%:~&-b4s1c', 'x' * 65, 'a name; with a semicolon'])
def test_a_value_that_is_no_plain_name_is_not_repeated(value):
    with pytest.raises(PingOneInputError) as info:
        require_uuid(value, 'target_environment_id', 'the ID of the environment')
    assert str(info.value) == HINT % 'the name of the environment'


@pytest.mark.parametrize('value', ['6f1c2a3e8d4b4f5a9c7e1a2b3c4d5e6f', '6f1c2a3e-8d4b-4f5a-9c7e-1a2b3c4d5e6', '{6f1c2a3e-8d4b-4f5a-9c7e-1a2b3c4d5e6f}',
                                   '2e4a6c8e-0b1d-4f3a-9b5c-7d9e1f3a5bzz', '../x', '', None, '{{ env_id }}', 'abc'])
def test_a_mistyped_id_keeps_the_plain_message(value):
    assert not looks_like_name(value if value is None else value.strip())
    with pytest.raises(PingOneInputError, match='^target_environment_id is not a UUID: use the ID of the environment, as shown'):
        require_uuid(value, 'target_environment_id', 'the ID of the environment')


def test_other_options_keep_the_plain_message():
    with pytest.raises(PingOneInputError, match='^population_id is not a UUID: use'):
        require_uuid('Staff', 'population_id', 'the ID of a population')
