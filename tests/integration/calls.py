# -*- coding: utf-8 -*-
# Copyright: (c) 2026, pingone.platform maintainers
# GNU General Public License v3.0+ (see LICENSE or https://www.gnu.org/licenses/gpl-3.0.txt)
"""What the tests read of a playbook run and of the simulator's request log, written once for every test file."""

from __future__ import annotations

WRITES = ('POST', 'PUT', 'PATCH', 'DELETE')


def api_requests(ansible):
    """The API requests the simulator received since its last reset (token requests left out)."""
    return [r for r in ansible.sim.requests() if r['path'].startswith('/v1/')]


def writes(ansible, base=''):
    """(method, path) of every write the simulator received, the path without ``base``."""
    return [(r['method'], r['path'][len(base):]) for r in api_requests(ansible) if r['method'] in WRITES]


def ok(pair):
    """The module's result of a (run, result) pair that succeeded; a failed one fails the test with its message."""
    result_run, result = pair
    assert result_run.rc == 0 and not result.get('failed'), result.get('msg') or result_run.output[-3000:]
    return result
