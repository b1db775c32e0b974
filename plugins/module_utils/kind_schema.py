# -*- coding: utf-8 -*-
# Copyright: (c) 2026, pingone.platform maintainers
# GNU General Public License v3.0+ (see LICENSE or https://www.gnu.org/licenses/gpl-3.0.txt)
"""Ping's request schemas, as ``_kind_schemas.py`` holds them, applied to a definition.

A node of the generated form is a dict: ``type``, ``properties``, ``required``, ``items``, ``enum``,
``readOnly``, ``writeOnly``, ``nullable``, ``secret`` (``format: password``), ``additional`` (keys
beyond ``properties`` allowed), ``minimum``/``maximum``, ``ref`` (a schema of the same description),
``oneOf`` with an optional ``discriminator`` (``{'field': ..., 'mapping': {value: schema}}``).
"""

from __future__ import annotations

import functools
from dataclasses import dataclass
from typing import Any, Dict, List, Mapping, Optional, Tuple

_TYPE_NAMES = {'object': 'an object', 'array': 'a list', 'string': 'a string', 'integer': 'an integer', 'number': 'a number',
               'boolean': 'a boolean'}
_SHOWN_FIELDS = 40   # at most this many field names in a message about an unknown field


@dataclass(frozen=True)
class Problem:
    """One thing wrong with a definition: the field's path, why (``unknown``, ``read_only``, ``type``,
    ``enum``, ``range``, ``required``) and a sentence that names the path."""
    path: str
    reason: str
    message: str

    def __str__(self) -> str:
        return self.message


def _data() -> Any:
    # Imported on first use: a module that never validates does not load the tables.
    from ansible_collections.pingone.platform.plugins.module_utils import _kind_schemas
    return _kind_schemas


def schema(api: str, name: str) -> Dict[str, Any]:
    """The generated node called ``name`` in the description ``api``; KeyError when there is none."""
    return _data().SCHEMAS[api][name]


def operations(api: str) -> Dict[str, Any]:
    """``{'METHOD path': {'body', 'content', 'answer'}}`` of the paths the registry declares."""
    return _data().OPERATIONS[api]


def path_values(api: str, parameter: str) -> Optional[List[str]]:
    """The values Ping's description allows for a path parameter (None: it does not list them)."""
    return _data().PARAMETERS[api].get(parameter)


def discriminator(api: str, name: str) -> Optional[str]:
    """The field that picks the shape of a body of the schema ``name`` (``type``), or None where it has one shape."""
    rule = resolve(api, {'ref': name}).get('discriminator')
    return rule['field'] if rule else None


def resolve(api: str, node: Mapping[str, Any]) -> Dict[str, Any]:
    """``node`` with its ``ref`` followed; flags beside the ref (``readOnly``) win over the target's."""
    seen = 0
    result = dict(node)
    while 'ref' in result and seen < 50:
        target = schema(api, result.pop('ref'))
        result = dict(target, **result)
        seen += 1
    return result


def _describe(value: Any) -> str:
    for python_type, name in ((bool, 'boolean'), (int, 'integer'), (float, 'number'), (str, 'string'), (list, 'list'), (dict, 'object')):
        if isinstance(value, python_type):
            return 'a %s' % name if name not in ('integer', 'object') else 'an %s' % name
    return 'null' if value is None else type(value).__name__


def _type_ok(wanted: str, value: Any) -> bool:
    if wanted == 'integer':
        return isinstance(value, int) and not isinstance(value, bool)
    if wanted == 'number':
        return isinstance(value, (int, float)) and not isinstance(value, bool)
    checks = {'string': str, 'boolean': bool, 'array': list, 'object': dict}
    return wanted not in checks or isinstance(value, checks[wanted])


class _Checker:
    """Walks a value along a node and collects the problems."""

    def __init__(self, api: str, creating: bool, current: Optional[Mapping[str, Any]]):
        self.api = api
        self.creating = creating
        self.current = current

    def check(self, node: Mapping[str, Any], value: Any, path: str, current: Any) -> List[Problem]:
        node = resolve(self.api, node)
        if 'oneOf' in node:
            return self.check_one_of(node, value, path, current)
        if value is None:
            if node.get('nullable'):
                return []
            return [Problem(path, 'type', '%s is null; leave it out instead, or give %s.'
                            % (path, _TYPE_NAMES.get(node.get('type'), 'a value')))]
        wanted = node.get('type')
        if wanted and not _type_ok(wanted, value):
            return [Problem(path, 'type', '%s must be %s, not %s.' % (path, _TYPE_NAMES.get(wanted, wanted), _describe(value)))]
        if 'enum' in node and value not in node['enum']:
            return [Problem(path, 'enum', '%s must be one of %s, not %r.' % (path, ', '.join(str(item) for item in node['enum']), value))]
        problems = self.check_range(node, value, path)
        if isinstance(value, dict) and 'properties' in node:
            problems += self.check_object(node, value, path, current if isinstance(current, Mapping) else None)
        elif isinstance(value, list) and 'items' in node:
            for index, item in enumerate(value):
                problems += self.check(node['items'], item, '%s[%d]' % (path, index), None)
        return problems

    @staticmethod
    def check_range(node: Mapping[str, Any], value: Any, path: str) -> List[Problem]:
        if isinstance(value, bool) or not isinstance(value, (int, float)):
            return []
        if 'minimum' in node and value < node['minimum']:
            return [Problem(path, 'range', '%s must be at least %s, not %s.' % (path, node['minimum'], value))]
        if 'maximum' in node and value > node['maximum']:
            return [Problem(path, 'range', '%s must be at most %s, not %s.' % (path, node['maximum'], value))]
        return []

    def check_object(self, node: Mapping[str, Any], value: Mapping[str, Any], path: str,
                     current: Optional[Mapping[str, Any]]) -> List[Problem]:
        problems: List[Problem] = []
        properties = node['properties']
        for name, item in value.items():
            where = '%s.%s' % (path, name)
            if name not in properties:
                if not node.get('additional'):
                    problems.append(Problem(where, 'unknown', '%s is not a field Ping\'s description knows here; the fields are %s.'
                                            % (where, self.field_list(properties))))
                continue
            sub = resolve(self.api, properties[name])
            if sub.get('readOnly'):
                problems.append(Problem(where, 'read_only', '%s is set by PingOne itself (readOnly): leave it out.' % where))
                continue
            problems += self.check(sub, item, where, current.get(name) if current else None)
        if self.creating:
            for name in node.get('required', ()):
                # A field both required and readOnly (the MFA description has some) is PingOne's to set.
                if name not in value and not resolve(self.api, properties.get(name, {})).get('readOnly'):
                    problems.append(Problem('%s.%s' % (path, name), 'required', '%s.%s is required to create it.' % (path, name)))
        return problems

    def field_list(self, properties: Mapping[str, Any]) -> str:
        names = sorted(name for name, item in properties.items() if not resolve(self.api, item).get('readOnly'))
        shown = ', '.join(names[:_SHOWN_FIELDS])
        return shown + (', ...' if len(names) > _SHOWN_FIELDS else '') if names else '(none that can be written)'

    def check_one_of(self, node: Mapping[str, Any], value: Any, path: str, current: Any) -> List[Problem]:
        branches = node['oneOf']
        rule = node.get('discriminator')
        if rule and isinstance(value, Mapping):
            choice = value.get(rule['field'])
            if choice is None and isinstance(current, Mapping):
                choice = current.get(rule['field'])
            if choice is not None:
                if choice not in rule['mapping']:
                    return [Problem('%s.%s' % (path, rule['field']), 'enum', '%s.%s must be one of %s, not %r.'
                                    % (path, rule['field'], ', '.join(sorted(rule['mapping'])), choice))]
                return self.check({'ref': rule['mapping'][choice]}, value, path, current)
            if self.creating:
                return [Problem('%s.%s' % (path, rule['field']), 'required', '%s.%s is required to create it (it picks the shape: '
                                'one of %s).' % (path, rule['field'], ', '.join(sorted(rule['mapping']))))]
        # No discriminator (or none given): the value must fit one branch. Ping's oneOf branches often
        # overlap (a sign-on policy action's `condition`: pingone-facts.md), so this is anyOf: the first
        # branch that fits wins, and otherwise the problems of the branch that fits best are reported.
        # A branch that does not know a field given fits worse than one that misses a required field.
        best: Optional[List[Problem]] = None
        for branch in branches:
            problems = self.check(branch, value, path, current)
            if not problems:
                return []
            if best is None or _misfit(problems) < _misfit(best):
                best = problems
        return best or []


def _misfit(problems: List[Problem]) -> Tuple[int, int]:
    return (sum(1 for problem in problems if problem.reason == 'unknown'), len(problems))


def validate(api: str, name: str, definition: Mapping[str, Any], creating: bool, current: Optional[Mapping[str, Any]] = None,
             prefix: str = 'definition') -> List[Problem]:
    """The problems of ``definition`` as a body of the schema ``name`` (required fields only when ``creating``)."""
    return _Checker(api, creating, current).check({'ref': name}, dict(definition), prefix, current)


def _pick_branch(api: str, node: Mapping[str, Any], value: Any) -> Dict[str, Any]:
    rule = node.get('discriminator')
    if rule and isinstance(value, Mapping) and value.get(rule['field']) in rule['mapping']:
        return resolve(api, {'ref': rule['mapping'][value[rule['field']]]})
    checker = _Checker(api, False, None)
    ranked = sorted(node['oneOf'], key=lambda branch: _misfit(checker.check(branch, value, 'answer', None)))
    return resolve(api, ranked[0])


def _strip(api: str, node: Mapping[str, Any], value: Any, keep_unknown: bool = False) -> Any:
    node = resolve(api, node)
    if 'oneOf' in node:
        node = _pick_branch(api, node, value)
    if isinstance(value, dict) and 'properties' in node:
        kept = {}
        for name, item in value.items():
            if name not in node['properties']:
                if node.get('additional') or keep_unknown:
                    kept[name] = item
                continue
            sub = resolve(api, node['properties'][name])
            if not sub.get('readOnly'):
                kept[name] = _strip(api, sub, item, keep_unknown)
        return kept
    if isinstance(value, list) and 'items' in node:
        return [_strip(api, node['items'], item, keep_unknown) for item in value]
    return value


def writable(api: str, name: str, answer: Mapping[str, Any]) -> Dict[str, Any]:
    """``answer`` with only what a body of the schema ``name`` may carry: no readOnly field, no field it does not know."""
    return _strip(api, {'ref': name}, dict(answer))


def without_read_only(api: str, name: str, value: Mapping[str, Any]) -> Dict[str, Any]:
    """``value`` without the fields the schema ``name`` marks readOnly; fields it does not know are kept."""
    return _strip(api, {'ref': name}, dict(value), keep_unknown=True)


def field_nodes(api: str, name: str, path: str) -> List[Dict[str, Any]]:
    """The nodes of the field ``path`` (dotted, ``[]`` for each item of a list) in the schema ``name``,
    one per oneOf branch that has it (empty: no branch has it)."""
    found: List[Dict[str, Any]] = []
    _walk(api, {'ref': name}, path.replace('[]', '.[]').split('.'), found)
    return found


def _walk(api: str, node: Mapping[str, Any], steps: List[str], found: List[Dict[str, Any]]) -> None:
    node = resolve(api, node)
    if 'oneOf' in node:
        for branch in node['oneOf']:
            _walk(api, branch, steps, found)
        return
    if not steps:
        found.append(node)
        return
    step, rest = steps[0], steps[1:]
    if step == '[]':
        if 'items' in node:
            _walk(api, node['items'], rest, found)
    elif step in node.get('properties', {}):
        _walk(api, node['properties'][step], rest, found)


@functools.lru_cache(maxsize=None)
def secret_paths(api: str, name: str) -> Tuple[str, ...]:
    """The write-only secrets of the schema ``name``: the paths (dotted, ``[]`` for each item of a list) of the fields
    Ping's description marks ``format: password`` (``secret``) and not ``readOnly``, in every oneOf branch."""
    found: set = set()
    _secrets(api, {'ref': name}, '', found, ())
    return tuple(sorted(found))


def _secrets(api: str, node: Mapping[str, Any], path: str, found: set, refs: Tuple[str, ...]) -> None:
    if node.get('ref') in refs:
        return   # a schema within itself: its fields are found at the first level already
    refs = refs + (node['ref'],) if 'ref' in node else refs
    node = resolve(api, node)
    if node.get('readOnly'):
        return
    if node.get('secret') and path:
        found.add(path)
    for branch in node.get('oneOf', ()):
        _secrets(api, branch, path, found, refs)
    for field, sub in node.get('properties', {}).items():
        _secrets(api, sub, '%s.%s' % (path, field) if path else field, found, refs)
    if 'items' in node:
        _secrets(api, node['items'], path + '[]', found, refs)
