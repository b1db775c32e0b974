# -*- coding: utf-8 -*-
# Copyright: (c) 2026, pingone.platform maintainers
# GNU General Public License v3.0+ (see LICENSE or https://www.gnu.org/licenses/gpl-3.0.txt)
"""Fakes for unit tests: a requests adapter that answers from a script and records what was sent."""

from __future__ import annotations

import io
import json

import requests
import urllib3
from requests.structures import CaseInsensitiveDict

from ansible_collections.pingone.platform.plugins.module_utils.transport import Transport, TransportSettings

ENV_ID = '5a1c3f0e-2b9d-4c47-9e7b-0d8f6a4b2c11'
CLIENT_ID = '9b2d7e3c-4a1f-4e6b-8c5d-2f3a1b0c9d8e'
# Changes under URL and base64 encoding, so tests catch every form of it.
SECRET = 'Sëcret+/=%:~&-unit'


class Answer:
    """One scripted answer: status, headers and a body (bytes, text or JSON)."""

    def __init__(self, status=200, json_body=None, body=b'', headers=None):
        self.status = status
        self.body = json.dumps(json_body).encode() if json_body is not None else (body.encode() if isinstance(body, str) else body)
        self.headers = dict(headers or {})
        if json_body is not None:
            self.headers.setdefault('Content-Type', 'application/json')

    def build(self, request):
        response = requests.Response()
        response.status_code = self.status
        response.headers = CaseInsensitiveDict(self.headers)
        response.raw = urllib3.HTTPResponse(body=io.BytesIO(self.body), headers=self.headers, status=self.status,
                                            preload_content=False)
        response.url = request.url
        response.request = request
        return response


def token_answer(**extra):
    body = {'access_token': 'eyJhbGciOiJSUzI1NiJ9.eyJzdWIiOiJ4In0.c2ln', 'token_type': 'Bearer', 'expires_in': 3600}
    body.update(extra)
    return Answer(200, body)


class FakeAdapter(requests.adapters.BaseAdapter):
    """Answers each request with the next scripted Answer (or raises the next scripted exception)."""

    def __init__(self, answers):
        super().__init__()
        self.answers = list(answers)
        self.sent = []
        self.options = []

    def send(self, request, **kwargs):  # pylint: disable=arguments-differ
        self.sent.append(request)
        self.options.append(kwargs)
        answer = self.answers.pop(0)
        if isinstance(answer, BaseException):
            raise answer
        return answer.build(request)

    def close(self):
        pass


class FakeHTTP:
    """A Transport whose session talks to a FakeAdapter, with sleeps and warnings recorded instead of done."""

    def __init__(self, answers, **settings):
        self.adapter = FakeAdapter(answers)
        self.sleeps = []
        self.warnings = []
        self.now = 1000.0   # the transport's clock: moves only when it sleeps, so recorded waits are exact
        self.transport = Transport(TransportSettings(**settings), warn=self.warnings.append, sleep=self._sleep,
                                   clock=lambda: self.now, rng=lambda: 0.5)
        self.transport.session.mount('https://', self.adapter)

    def _sleep(self, seconds):
        self.sleeps.append(seconds)
        self.now += seconds

    @property
    def sent(self):
        return self.adapter.sent


class ModuleExit(Exception):
    """exit_json or fail_json was called; ``result`` holds its keys."""

    def __init__(self, failed, result):
        super().__init__(result.get('msg', ''))
        self.failed = failed
        self.result = result


def run_module(main, args, monkeypatch):
    """Run a module's main() with ``args``; return (failed, result) instead of exiting."""
    from ansible.module_utils import basic  # pylint: disable=import-outside-toplevel
    from ansible.module_utils.common.text.converters import to_bytes  # pylint: disable=import-outside-toplevel

    def exit_json(_self, **kwargs):
        raise ModuleExit(False, kwargs)

    def fail_json(_self, msg, **kwargs):
        kwargs['msg'] = msg
        raise ModuleExit(True, kwargs)

    monkeypatch.setattr(basic.AnsibleModule, 'exit_json', exit_json)
    monkeypatch.setattr(basic.AnsibleModule, 'fail_json', fail_json)
    try:
        from ansible.module_utils.testing import patch_module_args  # pylint: disable=import-outside-toplevel
    except ImportError:   # ansible-core before 2.19
        patch_module_args = None
    payload = dict(args, _ansible_remote_tmp='/tmp', _ansible_keep_remote_files=False)
    try:
        if patch_module_args is not None:
            with patch_module_args(payload):
                main()
        else:
            monkeypatch.setattr(basic, '_ANSIBLE_ARGS', to_bytes(json.dumps({'ANSIBLE_MODULE_ARGS': payload})))
            main()
    except ModuleExit as done:
        return done.failed, done.result
    raise AssertionError('the module returned without exit_json or fail_json')


class Reply:
    """What ``PingOneClient.request`` answers: the JSON of the body."""

    def __init__(self, json_body):
        self.json = json_body


class FakePingOne:
    """A PingOne environment in memory, for code that takes a ``PingOneClient``: collections by path (``paginate``, ``get``,
    ``request``), new objects get ids ``new-1``, ``new-2``... and every request is recorded as (method, path, body).

    ``refuse(method, path, body)`` may return an error to raise before PingOne applies a write (a 400);
    ``lose(method, path, body)`` an error to raise after it applied it (the answer lost on the way)."""

    def __init__(self, data, refuse=None, lose=None):
        import copy  # pylint: disable=import-outside-toplevel
        import threading  # pylint: disable=import-outside-toplevel
        import types  # pylint: disable=import-outside-toplevel
        self._copy = copy.deepcopy
        self.data = copy.deepcopy(data)
        self.refuse = refuse or (lambda method, path, body: None)
        self.lose = lose or (lambda method, path, body: None)
        self.requests = []
        self.made = 0
        self.lock = threading.Lock()
        self.waits = []   # the pauses the code asked its transport for: recorded, never slept
        self.transport = types.SimpleNamespace(sleep=self.waits.append)

    def paginate(self, path, query=None):
        with self.lock:
            self.requests.append(('GET', path, None))
            return self._copy(self.data.get(path, []))

    def get(self, path, query=None):
        return self.request('GET', path).json

    def request(self, method, path, body=None, query=None, **_options):
        with self.lock:
            self.requests.append((method, path, self._copy(body)))
            if method == 'GET':
                return Reply(self._copy(self._find(path)))
            error = self.refuse(method, path, body)
            if error is not None:
                raise error
            answer = self._apply(method, path, self._copy(body))
            error = self.lose(method, path, body)
            if error is not None:
                raise error
            return Reply(self._copy(answer))

    def _find(self, path):
        if isinstance(self.data.get(path), dict):
            return self.data[path]
        collection, obj_id = path.rsplit('/', 1)
        return next(obj for obj in self.data[collection] if obj['id'] == obj_id)

    def _apply(self, method, path, body):
        if method == 'POST':
            self.made += 1
            obj = dict(body, id='new-%d' % self.made, environment={'id': ENV_ID})
            self.data.setdefault(path, []).append(obj)
            return obj
        if isinstance(self.data.get(path), dict):   # a singleton
            self.data[path] = dict(self.data[path], **body) if method == 'PATCH' else dict(body)
            return self.data[path]
        collection, obj_id = path.rsplit('/', 1)
        objects = self.data[collection]
        index = next(position for position, obj in enumerate(objects) if obj['id'] == obj_id)
        if method == 'DELETE':
            objects.pop(index)
            return None
        objects[index] = dict(objects[index], **body) if method == 'PATCH' else dict(body, id=obj_id)
        return objects[index]

    def writes(self):
        """(method, path) of every request that is not a read, in the order sent."""
        return [(method, path) for method, path, _body in self.requests if method != 'GET']

    def reads(self):
        """path -> how many times it was read."""
        counts = {}
        for method, path, _body in self.requests:
            if method == 'GET':
                counts[path] = counts.get(path, 0) + 1
        return counts
