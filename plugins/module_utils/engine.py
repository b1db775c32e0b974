# -*- coding: utf-8 -*-
# Copyright: (c) 2026, pingone.platform maintainers
# GNU General Public License v3.0+ (see LICENSE or https://www.gnu.org/licenses/gpl-3.0.txt)
"""The resource engine: a PingOne resource kind is a declaration, and one generic
find -> compare -> write -> read back serves every kind.

A kind (``ResourceKind``) declares where its objects live, how one is found (the key field and
the SCIM filter), which module options map to which API fields (``Field``: snake_case option,
dotted camelCase API path such as ``name.given``), the fields PingOne sets itself, and how a
change is written: in the object's own ``PUT`` or ``PATCH``, or through a sub-endpoint with its
own content type (``SubResource``). ``ensure()`` does the rest, check mode and diff included.
Kinds with a rule of their own override one of the small hook methods; nothing else changes.

Views and diffs are keyed by option name, so ``--diff`` shows what the task's options mean.
"""

from __future__ import annotations

import copy
from dataclasses import dataclass
from typing import Any, Callable, Dict, Iterable, List, Mapping, Optional, Tuple

from ansible_collections.pingone.platform.plugins.module_utils.api import JSON, PingOneClient
from ansible_collections.pingone.platform.plugins.module_utils.errors import PingOneError, PingOneInputError, PingOneUnexpectedResponseError
from ansible_collections.pingone.platform.plugins.module_utils.options import is_uuid

SECRET_MARKER = '(set by this task)'   # what a diff shows for a password or secret that is written


def _same(value: Any) -> Any:
    return value


def get_path(obj: Any, dotted: str) -> Any:
    """``obj['a']['b']`` for ``'a.b'``; None where a step is missing."""
    for part in dotted.split('.'):
        if not isinstance(obj, Mapping):
            return None
        obj = obj.get(part)
    return obj


def set_path(body: Dict[str, Any], dotted: str, value: Any) -> None:
    """Set ``body['a']['b'] = value`` for ``'a.b'``, making the intermediate objects."""
    parts = dotted.split('.')
    for part in parts[:-1]:
        body = body.setdefault(part, {})
    body[parts[-1]] = value


def sorted_set(values: Optional[Iterable[Any]]) -> Optional[List[Any]]:
    """A list compared as a set: sorted, without repeats (None stays None)."""
    return None if values is None else sorted(set(values))


def lower(value: Any) -> Any:
    return value.lower() if isinstance(value, str) else value


@dataclass(frozen=True)
class SubResource:
    """A part of an object written (and maybe read) at its own URL below the object's, such as a
    user's ``password`` or ``enabled``, or an environment's ``billOfMaterials``.

    ``body(value, sub_current)`` builds the request body; ``read(answer)`` reads the value from
    the sub-resource's own GET (for fields that the object's answer does not hold).
    ``changes_object``: the object's answer changes too, so it is read again after the write.
    """
    path: str
    body: Callable[[Any, Any], Any]
    content_type: str = JSON
    method: str = 'PUT'
    read: Optional[Callable[[Any], Any]] = None
    changes_object: bool = False


@dataclass(frozen=True)
class Field:
    """One module option and where it lives in PingOne's object.

    ``normalize`` turns both PingOne's value and the task's into the form compared and shown;
    ``absent`` is what a missing value means (a missing description is ``''``).
    ``create``: sent in the create body (a field PingOne marks readOnly there is written through
    ``sub`` after the create instead). ``immutable``: cannot change after creation, so a
    difference is refused, naming the option. ``lazy``: read (from ``sub``) and compared only when
    the task sets it. ``secret``: never read back; written when the kind says so, and shown in a
    diff only as a marker. ``put_if_changed``: sent in a full PUT only when it changes.
    """
    option: str
    api: Optional[str] = None
    normalize: Callable[[Any], Any] = _same
    absent: Any = None
    create: bool = True
    sub: Optional[SubResource] = None
    immutable: bool = False
    lazy: bool = False
    secret: bool = False
    put_if_changed: bool = False

    def read(self, obj: Mapping[str, Any]) -> Any:
        value = get_path(obj, self.api) if self.api else None
        return self.absent if value is None else self.normalize(value)


@dataclass
class Outcome:
    """What ``ensure`` did: ``action`` is created, updated, unchanged, deleted or absent."""
    changed: bool
    object: Dict[str, Any]
    diff: Dict[str, Dict[str, Any]]
    action: str


def diff(before: Optional[Mapping[str, Any]], after: Optional[Mapping[str, Any]]) -> Dict[str, Dict[str, Any]]:
    """Ansible's ``diff`` result (shown with ``--diff``): ``{}`` stands for "does not exist"."""
    return {'before': dict(before or {}), 'after': dict(after or {})}


def differences(desired: Mapping[str, Any], current: Mapping[str, Any]) -> Dict[str, Any]:
    """The desired values that are set (not None) and differ from the current ones: what a write must change."""
    return {key: value for key, value in desired.items() if value is not None and current.get(key) != value}


def find_by_name(items: Iterable[Any], name: str, kind: str, key: str = 'name') -> Optional[Dict[str, Any]]:
    """The one item whose ``key`` is exactly ``name``, or None.

    PingOne keeps names unique where these modules look them up; two exact matches would make
    any write a guess, so they are refused.
    """
    matches = [item for item in items if isinstance(item, dict) and get_path(item, key) == name]
    if len(matches) > 1:
        raise PingOneUnexpectedResponseError('PingOne lists %d %ss named %r (ids %s), so the task cannot tell which one it means: '
                                             'rename or delete all but one in the PingOne console.'
                                             % (len(matches), kind, name, ', '.join(str(item.get('id')) for item in matches)))
    return matches[0] if matches else None


def lookup(client: PingOneClient, collection: str, name: str, kind: str, option: str, key: str = 'name',
           search: Optional[str] = '{field} eq {value}', list_names: bool = True) -> Dict[str, Any]:
    """The one object of ``collection`` whose ``key`` is ``name``, for a task option that names it
    (a population, a group, a role), read with the SCIM filter ``search`` (None: the whole list).

    One lookup alone: a task that looks up more than one name uses one ``resolver.Resolver``, which reads each list once."""
    # resolver.py builds on this file, so it is imported here rather than at the top.
    from ansible_collections.pingone.platform.plugins.module_utils.resolver import Resolver   # pylint: disable=import-outside-toplevel
    return Resolver(client).named(collection, name, kind, option, key, search, list_names)


def named(items: List[Any], name: str, kind: str, option: str, key: str = 'name', list_names: bool = True,
          everything: Optional[Callable[[], List[Any]]] = None) -> Dict[str, Any]:
    """The one item of ``items`` whose ``key`` is ``name``; PingOneInputError naming ``option`` and the
    names there are otherwise (those of ``everything()`` when ``items`` was a filtered read;
    ``list_names=False`` for kinds with too many objects to list, such as users)."""
    found = find_by_name(items, name, kind, key)
    if found is not None:
        return found
    if not list_names:
        raise PingOneInputError('%s %r names no %s in the environment: check the spelling, or create the %s first.'
                                % (option, name, kind, kind), option=option)
    if everything is not None:
        items = everything()
    names = sorted(str(get_path(item, key)) for item in items if isinstance(item, dict))
    shown = ', '.join(repr(item) for item in names[:20]) + (', ...' if len(names) > 20 else '')
    other = case_clash(items, name, key)
    hint = ' (%r differs only in case)' % other if other else ''
    raise PingOneInputError('%s %r names no %s in the environment%s: use one of %s.'
                            % (option, name, kind, hint, shown or '(there are none)'), option=option)


def case_clash(items: Iterable[Any], name: str, key: str = 'name') -> Optional[str]:
    """The name of an item that differs from ``name`` only in case, if there is one."""
    folded = name.casefold()
    for item in items:
        other = get_path(item, key) if isinstance(item, dict) else None
        if isinstance(other, str) and other != name and other.casefold() == folded:
            return other
    return None


def object_id(obj: Any, kind: str) -> str:
    """The id of an object PingOne returned, lower-cased, checked before it goes into a URL path."""
    value = obj.get('id') if isinstance(obj, Mapping) else None
    if not is_uuid(value):
        raise PingOneUnexpectedResponseError('PingOne returned a %s without a valid id: run the task again; if it persists, '
                                             'report it to Ping Identity support.' % kind)
    return value.lower()


def scim_string(value: str) -> str:
    """``value`` as a quoted SCIM filter string (for ``filter=name eq "..."``)."""
    return '"%s"' % value.replace('\\', '\\\\').replace('"', '\\"')


class ResourceKind:
    """The declaration of one kind of PingOne object. Subclasses set the attributes; the hook
    methods below have the common behaviour and are overridden only for a kind's own rules."""

    kind = 'object'                 # singular, in messages ("user")
    key = Field('name', 'name')     # the option that names the object, and its API field
    search: Optional[str] = '{field} eq {value}'   # the SCIM filter that finds it (None: list all)
    names_ignore_case = True        # PingOne refuses a second object whose key differs only in case
    fields: Tuple[Field, ...] = ()
    update_method = 'PUT'           # PUT replaces the object; PATCH changes only the fields sent
    put_keeps: Tuple[str, ...] = ()   # fields not managed here, sent back as they are in a full PUT
    create_content_type = JSON
    path: Optional[str] = None      # the collection in an environment, as the kind registry has it (a contract test checks)

    def collection(self, env_id: str) -> str:
        """The URL path of the kind's objects in the environment ``env_id``."""
        return '/environments/%s%s' % (env_id, self.path)

    # --- finding -------------------------------------------------------------------------------
    def search_query(self, name: str) -> Optional[Dict[str, str]]:
        if self.search is None:
            return None
        return {'filter': self.search.format(field=self.key.api, value=scim_string(name))}

    def find(self, client: PingOneClient, collection: str, name: str, warn: Callable[[str], None], creating: bool
             ) -> Optional[Dict[str, Any]]:
        """The object named exactly ``name`` in ``collection``, read with the kind's filter (see ``pick``)."""
        return self.pick(client.paginate(collection, query=self.search_query(name)), name, warn, creating)

    def pick(self, items: List[Any], name: str, warn: Callable[[str], None], creating: bool) -> Optional[Dict[str, Any]]:
        """The item named exactly ``name``; refuses (or, when nothing would be created, warns about)
        one whose name differs only in case, since PingOne would refuse to create the other.
        Kinds with a rule of their own for which object a name means override this."""
        found = find_by_name(items, name, self.kind, self.key.api)
        if found is None and self.names_ignore_case:
            self.refuse_case_clash(items, name, warn, creating)
        return found

    def refuse_case_clash(self, items: List[Any], name: str, warn: Callable[[str], None], creating: bool) -> None:
        """When an item's key differs from ``name`` only in case: refuse a create (PingOne would), else warn."""
        other = case_clash(items, name, self.key.api)
        if other is None:
            return
        message = ('No %s has the %s %r, but %r differs from it only in case, and PingOne compares %ss ignoring case'
                   % (self.kind, self.key.option, name, other, self.key.option))
        if creating:
            raise PingOneInputError('%s, so creating %r would fail: use the exact %s %r, or rename that %s first.'
                                    % (message, name, self.key.option, other, self.kind), option=self.key.option)
        warn('%s: nothing was done to it; give the exact %s to manage it.' % (message, self.key.option))

    # --- what the task wants, and what PingOne holds ----------------------------------------------
    def desired(self, params: Mapping[str, Any]) -> Dict[str, Any]:
        """Option -> wanted value (normalised); None means "not set: leave it"."""
        wanted = {self.key.option: params[self.key.option]}
        for spec in self.fields:
            value = params.get(spec.option)
            wanted[spec.option] = None if value is None else spec.normalize(value)
        return wanted

    def writes_secret(self, spec: Field, params: Mapping[str, Any]) -> bool:
        """Whether an existing object's secret field is written again (a password with update_password=always)."""
        return False

    def view(self, obj: Mapping[str, Any], wanted: Mapping[str, Any], subs: Optional[Mapping[str, Any]] = None) -> Dict[str, Any]:
        """Option -> current value: every field but the lazy ones the task leaves alone and secrets."""
        view = {self.key.option: self.key.read(obj)}
        for spec in self.fields:
            if spec.secret or (spec.lazy and wanted.get(spec.option) is None):
                continue
            if spec.sub is not None and spec.sub.read is not None:
                view[spec.option] = spec.sub.read((subs or {}).get(spec.option)) if subs is not None else None
            else:
                view[spec.option] = spec.read(obj)
        return view

    def planned_view(self, wanted: Mapping[str, Any], body: Mapping[str, Any]) -> Dict[str, Any]:
        """The view of an object the create would make: what it sends, plus what it writes after."""
        view = self.view(body, {})
        for spec in self.fields:
            if spec.secret:
                if wanted.get(spec.option) is not None:
                    view[spec.option] = SECRET_MARKER
            elif wanted.get(spec.option) is not None:
                view[spec.option] = wanted[spec.option]
        return {option: value for option, value in view.items() if value is not None}   # a new object has no unset fields

    def check_changes(self, current: Mapping[str, Any], changes: Mapping[str, Any]) -> None:
        """Refuse what PingOne cannot change (immutable fields) before anything is written."""
        for spec in self.fields:
            if spec.immutable and spec.option in changes:
                raise PingOneInputError('%s %r has %s %r, and that cannot change after it is created: leave %s unset or set it '
                                        'to %r, or delete the %s and create it again.'
                                        % (self.kind.capitalize(), self.key.read(current), spec.option, spec.read(current),
                                           spec.option, spec.read(current), self.kind), option=spec.option)

    # --- writing ---------------------------------------------------------------------------------
    def create_body(self, wanted: Mapping[str, Any], params: Mapping[str, Any]) -> Dict[str, Any]:
        body: Dict[str, Any] = {}
        set_path(body, self.key.api, wanted[self.key.option])
        for spec in self.fields:
            value = wanted.get(spec.option)
            if spec.create and spec.api and value is not None and value != '' and not spec.secret:
                set_path(body, spec.api, copy.deepcopy(value))
        body.update(self.create_defaults(body, params))
        return body

    def create_defaults(self, body: Mapping[str, Any], params: Mapping[str, Any]) -> Dict[str, Any]:
        """Top-level fields to add to a create body the task did not set (what the console would set)."""
        return {}

    def content_type_for_create(self, body: Mapping[str, Any]) -> str:
        return self.create_content_type

    def replace_body(self, current: Mapping[str, Any], changes: Mapping[str, Any]) -> Dict[str, Any]:
        """A full PUT: the managed fields as they are with ``changes`` applied, plus ``put_keeps``.

        Only writable fields are built (never what PingOne sets itself); empty values are left out.
        """
        body: Dict[str, Any] = {}
        set_path(body, self.key.api, changes.get(self.key.option, get_path(current, self.key.api)))
        for spec in self.fields:
            if spec.sub is not None or spec.secret or not spec.api:
                continue
            if spec.option in changes:
                value = changes[spec.option]
            elif spec.put_if_changed:
                continue
            else:
                value = spec.read(current)
            if value is not None and value != '':
                set_path(body, spec.api, copy.deepcopy(value))
        for key in self.put_keeps:
            if current.get(key) not in (None, '') and key not in body:
                body[key] = copy.deepcopy(current[key])
        return body

    def patch_body(self, current: Mapping[str, Any], changes: Mapping[str, Any]) -> Dict[str, Any]:
        body: Dict[str, Any] = {}
        for spec in self.fields:
            if spec.option in changes and spec.sub is None and spec.api:
                set_path(body, spec.api, copy.deepcopy(changes[spec.option]))
        return body

    def object_path(self, collection: str, obj: Mapping[str, Any]) -> str:
        return '%s/%s' % (collection, object_id(obj, self.kind))

    # --- hooks for a kind's own rules -------------------------------------------------------------
    def before_delete(self, current: Mapping[str, Any], params: Mapping[str, Any]) -> None:
        """Raise PingOneInputError to refuse a delete (before anything is written)."""

    def delete(self, client: PingOneClient, path: str, current: Mapping[str, Any]) -> Dict[str, Any]:
        client.request('DELETE', path)
        return dict(current)

    def after_create(self, client: PingOneClient, collection: str, created: Dict[str, Any]) -> Dict[str, Any]:
        """The object to continue with after its create answered (e.g. once it is visible)."""
        return created


def _sub_fields(kind: ResourceKind, wanted: Mapping[str, Any]) -> List[Field]:
    return [spec for spec in kind.fields if spec.sub is not None and spec.sub.read is not None and wanted.get(spec.option) is not None]


def read_subs(client: PingOneClient, kind: ResourceKind, path: str, wanted: Mapping[str, Any]) -> Dict[str, Any]:
    """The sub-resources the task compares (lazy fields it sets), each read once."""
    return {spec.option: client.get('%s/%s' % (path, spec.sub.path)) for spec in _sub_fields(kind, wanted)}


def write_changes(client: PingOneClient, kind: ResourceKind, path: str, current: Dict[str, Any], changes: Mapping[str, Any],
                  subs: Mapping[str, Any], params: Mapping[str, Any]) -> Dict[str, Any]:
    """Write ``changes``: the object's own fields in one PUT or PATCH, then each sub-resource at its endpoint.
    Returns the object as PingOne holds it afterwards."""
    obj = current
    own = {option: value for option, value in changes.items() if _field(kind, option) is None or _field(kind, option).sub is None}
    if own:
        if kind.update_method == 'PATCH':
            body = kind.patch_body(current, own)
        else:
            body = kind.replace_body(current, own)
        obj = client.request(kind.update_method, path, body=body).json or current
    reread = False
    for spec in kind.fields:
        if spec.sub is None or spec.option not in changes:
            continue
        client.request(spec.sub.method, '%s/%s' % (path, spec.sub.path), body=spec.sub.body(changes[spec.option], subs.get(spec.option)),
                       content_type=spec.sub.content_type)
        reread = reread or spec.sub.changes_object
    return client.get(path) if reread else obj


def _field(kind: ResourceKind, option: str) -> Optional[Field]:
    for spec in kind.fields:
        if spec.option == option:
            return spec
    return None


def _with_secrets(kind: ResourceKind, view: Mapping[str, Any], changes: Mapping[str, Any]) -> Dict[str, Any]:
    """``view`` with the changes applied, secrets shown only as a marker."""
    after = dict(view)
    for option, value in changes.items():
        spec = _field(kind, option)
        after[option] = SECRET_MARKER if spec is not None and spec.secret else value
    return after


def compare(kind: ResourceKind, current: Mapping[str, Any], wanted: Mapping[str, Any], subs: Optional[Mapping[str, Any]] = None
            ) -> Tuple[Dict[str, Any], Dict[str, Any]]:
    """(the view of ``current``, the wanted values that differ from it): what ``ensure`` would write, secrets aside."""
    before = kind.view(current, wanted, subs)
    return before, differences({option: value for option, value in wanted.items() if option in before}, before)


def ensure(client: PingOneClient, kind: ResourceKind, collection: str, params: Mapping[str, Any], check_mode: bool,
           warn: Callable[[str], None] = lambda message: None, current: Any = Ellipsis, resolver: Any = None) -> Outcome:
    """Make the object named ``params[kind.key.option]`` in ``collection`` match the task (``state``).

    ``current`` may be given when the caller read it already (Ellipsis: find it now).
    ``resolver`` (a ``resolver.Resolver`` that a task or a run shares): the object is found in the lists it read (each read
    once), and what is written is told to it. A failure after which PingOne may have written (anything but a refusal of the
    task's input) has it forget ``collection``: the next look-up reads it again, never trusting what was read before.
    """
    present = params.get('state', 'present') != 'absent'
    if resolver is None:
        return _ensure(client, kind, collection, params, check_mode, warn, current, present)
    if current is Ellipsis:
        current = resolver.current(kind, collection, params[kind.key.option], warn, creating=present)
    try:
        outcome = _ensure(client, kind, collection, params, check_mode, warn, current, present)
    except PingOneInputError:
        raise
    except PingOneError:
        resolver.forget(collection)
        raise
    if not check_mode:
        resolver.learn(collection, outcome.action, outcome.object)
    return outcome


def _ensure(client: PingOneClient, kind: ResourceKind, collection: str, params: Mapping[str, Any], check_mode: bool,
            warn: Callable[[str], None], current: Any, present: bool) -> Outcome:
    name = params[kind.key.option]
    if current is Ellipsis:
        current = kind.find(client, collection, name, warn, creating=present)
    wanted = kind.desired(params) if present else {}
    if not present:
        if current is None:
            return Outcome(False, {}, diff({}, {}), 'absent')
        kind.before_delete(current, params)
        before = kind.view(current, wanted)
        if check_mode:
            return Outcome(True, current, diff(before, {}), 'deleted')
        return Outcome(True, kind.delete(client, kind.object_path(collection, current), current), diff(before, {}), 'deleted')

    if current is None:
        body = kind.create_body(wanted, params)
        after = kind.planned_view(wanted, body)
        if check_mode:
            return Outcome(True, {}, diff({}, after), 'created')
        created = client.request('POST', collection, body=body, content_type=kind.content_type_for_create(body)).json
        created = kind.after_create(client, collection, created)
        # What the create body could not carry (readOnly there) goes through its own endpoint now.
        rest = {spec.option: wanted[spec.option] for spec in kind.fields
                if spec.sub is not None and not spec.create and wanted.get(spec.option) is not None
                and (spec.secret or spec.read(created) != wanted[spec.option])}
        path = kind.object_path(collection, created)
        obj = write_changes(client, kind, path, created, rest, {}, params) if rest else created
        return Outcome(True, obj, diff({}, after), 'created')

    path = kind.object_path(collection, current)
    subs = read_subs(client, kind, path, wanted)
    before, changes = compare(kind, current, wanted, subs)
    changes.update((spec.option, wanted[spec.option]) for spec in kind.fields
                   if spec.secret and wanted.get(spec.option) is not None and kind.writes_secret(spec, params))
    kind.check_changes(current, changes)
    if not changes:
        return Outcome(False, current, diff(before, before), 'unchanged')
    after = _with_secrets(kind, before, changes)
    if check_mode:
        return Outcome(True, current, diff(before, after), 'updated')
    return Outcome(True, write_changes(client, kind, path, current, changes, subs, params), diff(before, after), 'updated')
