# -*- coding: utf-8 -*-
# Copyright: (c) 2026, pingone.platform maintainers
# GNU General Public License v3.0+ (see LICENSE or https://www.gnu.org/licenses/gpl-3.0.txt)
"""Test-only callback: writes every task result as one JSON line to $PINGONE_TEST_RESULTS.

ansible-core ships no JSON stdout callback, and the tests want the default output
(what users see at -vvvv, scanned for leaks) and structured results at once.
Results arrive as callbacks get them: no_log tasks are already censored.
"""

from __future__ import annotations

import json
import os
import time

from ansible.plugins.callback import CallbackBase

DOCUMENTATION = r'''
name: record_results
type: aggregate
short_description: Record task results as JSON lines for the integration tests
description:
  - Appends C({"task", "status", "result", "action", "duration"}) for every task result to the file
    named by the E(PINGONE_TEST_RESULTS) environment variable; C(duration) is the seconds since the
    task started on the host (the module's run time plus Ansible's per-task overhead).
'''


class CallbackModule(CallbackBase):
    CALLBACK_VERSION = 2.0
    CALLBACK_TYPE = 'aggregate'
    CALLBACK_NAME = 'record_results'
    CALLBACK_NEEDS_ENABLED = True

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self._started = {}

    def v2_runner_on_start(self, host, task):
        self._started[(host.get_name(), task._uuid)] = time.monotonic()

    def _record(self, result, status):
        path = os.environ.get('PINGONE_TEST_RESULTS')
        if not path:
            return
        started = self._started.pop((result._host.get_name(), result._task._uuid), None)
        line = {'task': result.task_name or result._task.get_name(), 'status': status, 'result': result._result,
                'action': getattr(result._task, 'resolved_action', None) or result._task.action,
                'duration': None if started is None else round(time.monotonic() - started, 3)}
        with open(path, 'a', encoding='utf-8') as handle:
            handle.write(json.dumps(line, default=str) + '\n')

    def v2_runner_on_ok(self, result):
        self._record(result, 'ok')

    def v2_runner_on_failed(self, result, ignore_errors=False):
        self._record(result, 'ignored' if ignore_errors else 'failed')

    def v2_runner_on_skipped(self, result):
        self._record(result, 'skipped')
