# -*- coding: utf-8 -*-
# Copyright: (c) 2026, pingone.platform maintainers
# GNU General Public License v3.0+ (see LICENSE or https://www.gnu.org/licenses/gpl-3.0.txt)
"""The resource engine on a declared kind: find, compare, write through the right endpoint, check mode and diff."""

from __future__ import annotations

import json

import pytest

from ansible_collections.pingone.platform.plugins.module_utils import engine, kinds, pingone
from ansible_collections.pingone.platform.plugins.module_utils.api import PingOneClient
from ansible_collections.pingone.platform.plugins.module_utils.errors import PingOneError, PingOneForbiddenError, PingOneInputError, PingOneServerError
from ansible_collections.pingone.platform.plugins.module_utils.regions import REGIONS, build_endpoints
from ansible_collections.pingone.platform.plugins.module_utils.resolver import Resolver
from ansible_collections.pingone.platform.tests.unit.fakes import ENV_ID, Answer

API = 'https://api.pingone.eu/v1'
USERS = '/environments/%s/users' % ENV_ID
USER_ID = '3c8f1e2a-9b7d-4c6e-8a5f-1d2e3f4a5b6c'
POP_ID = '8e3a1f0c-5b2d-4e6a-9c7d-0f1e2d3c4b5a'
USER = {'id': USER_ID, 'username': 'jdoe', 'email': 'jdoe@example.com', 'name': {'given': 'Jane', 'family': 'Doe'},
        'population': {'id': POP_ID}, 'enabled': True, 'title': 'Engineer', 'createdAt': '2026-01-01T00:00:00.000Z'}
PARAMS = {'username': 'jdoe', 'state': 'present', 'email': None, 'given_name': None, 'family_name': None, 'population_id': None,
          'enabled': None, 'password': None, 'attributes': None, 'update_password': 'on_create', 'force_password_change': False}


def client(fake_http, answers):
    http = fake_http(answers)
    return PingOneClient(http.transport, build_endpoints(REGIONS['EU'], ENV_ID), 'tok', role_propagation_timeout=3), http


def page(*users):
    return Answer(200, {'_embedded': {'users': list(users)}, '_links': {}})


def sent(http):
    return [(request.method, request.url.replace(API, '')) for request in http.sent]


def body(http, index):
    return json.loads(http.sent[index].body)


def ensure(fake_http, answers, check_mode=False, **params):
    api, http = client(fake_http, answers)
    warnings = []
    outcome = engine.ensure(api, kinds.UserKind(), USERS, dict(PARAMS, **params), check_mode, warnings.append)
    return outcome, http, warnings


def test_paths():
    obj = {}
    engine.set_path(obj, 'name.given', 'Jane')
    engine.set_path(obj, 'name.family', 'Doe')
    assert obj == {'name': {'given': 'Jane', 'family': 'Doe'}}
    assert engine.get_path(obj, 'name.given') == 'Jane' and engine.get_path(obj, 'name.middle') is None
    assert engine.get_path({'name': 'flat'}, 'name.given') is None


def test_create_with_a_password_is_a_user_import(fake_http):
    outcome, http, _warnings = ensure(fake_http, [page(), Answer(201, USER)], email='jdoe@example.com', given_name='Jane',
                                      population_id=POP_ID, password='S3cret!', force_password_change=True)
    assert outcome.changed and outcome.action == 'created' and outcome.object == USER
    assert sent(http) == [('GET', USERS + '?filter=username+eq+%22jdoe%22'), ('POST', USERS)]
    assert http.sent[1].headers['Content-Type'] == kinds.USER_IMPORT
    assert body(http, 1) == {'username': 'jdoe', 'email': 'jdoe@example.com', 'name': {'given': 'Jane'}, 'population': {'id': POP_ID},
                             'password': {'value': 'S3cret!', 'forceChange': True}}
    assert outcome.diff['after']['password'] == engine.SECRET_MARKER and 'S3cret!' not in json.dumps(outcome.diff)


def test_create_without_a_password_is_plain_json_and_disabling_follows(fake_http):
    disabled = dict(USER, enabled=False)
    outcome, http, _warnings = ensure(fake_http, [page(), Answer(201, USER), Answer(200, {'enabled': False}), Answer(200, disabled)],
                                      email='jdoe@example.com', enabled=False)
    assert http.sent[1].headers['Content-Type'] == 'application/json' and 'enabled' not in body(http, 1)   # readOnly in a create
    assert sent(http)[2:] == [('PUT', '%s/%s/enabled' % (USERS, USER_ID)), ('GET', '%s/%s' % (USERS, USER_ID))]
    assert body(http, 2) == {'enabled': False} and outcome.object == disabled


def test_create_needs_an_email_before_any_write(fake_http):
    with pytest.raises(PingOneInputError, match='needs an email address') as info:
        ensure(fake_http, [page()])
    assert info.value.option == 'email'


def test_unchanged_user_is_not_written(fake_http):
    outcome, http, _warnings = ensure(fake_http, [page(USER)], email='jdoe@example.com', given_name='Jane', population_id=POP_ID,
                                      enabled=True, attributes={'title': 'Engineer'}, password='ignored on update')
    assert not outcome.changed and outcome.action == 'unchanged' and len(http.sent) == 1


def test_profile_changes_are_one_patch_of_only_what_differs(fake_http):
    outcome, http, _warnings = ensure(fake_http, [page(USER), Answer(200, dict(USER, title='Lead'))], given_name='Jane',
                                      family_name='Smith', attributes={'title': 'Lead'})
    assert sent(http)[1] == ('PATCH', '%s/%s' % (USERS, USER_ID))
    assert body(http, 1) == {'name': {'family': 'Smith'}, 'title': 'Lead'}
    assert outcome.diff == {'before': {'username': 'jdoe', 'email': 'jdoe@example.com', 'given_name': 'Jane', 'family_name': 'Doe',
                                       'population_id': POP_ID, 'enabled': True, 'attributes': {'title': 'Engineer'}},
                            'after': {'username': 'jdoe', 'email': 'jdoe@example.com', 'given_name': 'Jane', 'family_name': 'Smith',
                                      'population_id': POP_ID, 'enabled': True, 'attributes': {'title': 'Lead'}}}


def test_population_enabled_and_password_each_use_their_endpoint(fake_http):
    other = '1b2c3d4e-5f60-4a1b-8c2d-3e4f5a6b7c8d'
    outcome, http, _warnings = ensure(fake_http, [page(USER), Answer(200, {}), Answer(200, {}), Answer(200, {}), Answer(200, USER)],
                                      population_id=other, enabled=False, password='N3w!', update_password='always')
    user = '%s/%s' % (USERS, USER_ID)
    assert sent(http)[1:] == [('PUT', user + '/population'), ('PUT', user + '/enabled'), ('PUT', user + '/password'), ('GET', user)]
    assert body(http, 1) == {'id': other} and body(http, 2) == {'enabled': False}
    assert body(http, 3) == {'value': 'N3w!', 'forceChange': False}
    assert http.sent[3].headers['Content-Type'] == kinds.PASSWORD_SET
    assert outcome.diff['after']['password'] == engine.SECRET_MARKER and 'password' not in outcome.diff['before']


def test_check_mode_reads_only(fake_http):
    outcome, http, _warnings = ensure(fake_http, [page()], check_mode=True, email='new@example.com', password='x')
    assert outcome.changed and outcome.object == {} and [r.method for r in http.sent] == ['GET']
    assert outcome.diff['after'] == {'username': 'jdoe', 'email': 'new@example.com', 'enabled': True, 'password': engine.SECRET_MARKER}
    outcome, http, _warnings = ensure(fake_http, [page(USER)], check_mode=True, state='absent')
    assert outcome.changed and outcome.diff['after'] == {} and [r.method for r in http.sent] == ['GET']


def test_delete(fake_http):
    outcome, http, _warnings = ensure(fake_http, [page(USER), Answer(204)], state='absent')
    assert outcome.action == 'deleted' and sent(http)[1] == ('DELETE', '%s/%s' % (USERS, USER_ID))
    outcome, http, _warnings = ensure(fake_http, [page()], state='absent')
    assert not outcome.changed and outcome.action == 'absent' and outcome.object == {}


# --- with a resolver a run shares -------------------------------------------------------------------------------------
def ensure_with(fake_http, answers, resolver_lists=None, check_mode=False, **params):
    """ensure through a Resolver that knows ``resolver_lists`` (path -> items) already: (outcome or error, http, resolver)."""
    api, http = client(fake_http, answers)
    resolver = Resolver(api, ENV_ID)
    for path, items in (resolver_lists or {}).items():
        resolver.known(path, items)
    try:
        outcome = engine.ensure(api, kinds.UserKind(), USERS, dict(PARAMS, **params), check_mode, resolver=resolver)
    except PingOneError as error:
        return error, http, resolver
    return outcome, http, resolver


def test_with_a_resolver_the_object_is_found_in_its_read_and_what_is_made_is_remembered(fake_http):
    outcome, http, resolver = ensure_with(fake_http, [Answer(201, USER)], {USERS: []}, email='jdoe@example.com')
    assert outcome.action == 'created' and sent(http) == [('POST', USERS)]   # the list the run read answers the look-up
    assert resolver.whole_list(USERS) == [USER]
    outcome, http, resolver = ensure_with(fake_http, [Answer(200, dict(USER, title='Lead'))], {USERS: [USER]}, attributes={'title': 'Lead'})
    assert outcome.action == 'updated' and resolver.whole_list(USERS) == [dict(USER, title='Lead')]
    outcome, http, resolver = ensure_with(fake_http, [Answer(204)], {USERS: [USER]}, state='absent')
    assert outcome.action == 'deleted' and resolver.whole_list(USERS) == []


def test_with_a_resolver_check_mode_tells_it_nothing(fake_http):
    outcome, http, resolver = ensure_with(fake_http, [], {USERS: []}, check_mode=True, email='jdoe@example.com')
    assert outcome.action == 'created' and http.sent == [] and resolver.whole_list(USERS) == []


def test_with_a_resolver_that_has_not_read_the_list_the_look_up_is_the_kinds_own_request(fake_http):
    outcome, http, _resolver = ensure_with(fake_http, [page(USER)], email='jdoe@example.com')
    assert outcome.action == 'unchanged' and sent(http) == [('GET', USERS + '?filter=username+eq+%22jdoe%22')]


def test_with_a_resolver_a_write_that_may_have_been_applied_has_the_list_read_again(fake_http):
    error, http, resolver = ensure_with(fake_http, [Answer(503, {'code': 'SERVICE_UNAVAILABLE'})] * 5, {USERS: []}, email='jdoe@example.com')
    assert isinstance(error, PingOneServerError) and {method for method, _path in sent(http)} == {'POST'}
    assert resolver.whole_list(USERS) is None   # the answer was lost: the next look-up reads PingOne again
    error, http, resolver = ensure_with(fake_http, [], {USERS: []})   # refused before any request (no email to create it)
    assert isinstance(error, PingOneInputError) and resolver.whole_list(USERS) == []


def test_a_name_differing_only_in_case_is_refused_before_a_create(fake_http):
    with pytest.raises(PingOneInputError, match=r"No user has the username 'JDoe', but 'jdoe' differs from it only in case") as info:
        ensure(fake_http, [page(USER)], username='JDoe', email='x@example.com')
    assert info.value.option == 'username'
    outcome, http, warnings = ensure(fake_http, [page(USER)], username='JDoe', state='absent')
    assert not outcome.changed and len(http.sent) == 1 and 'differs from it only in case' in warnings[0]


def test_immutable_fields_are_refused_before_a_write(fake_http):
    app = {'id': USER_ID, 'name': 'App', 'type': 'WORKER', 'protocol': 'OPENID_CONNECT', 'enabled': True}
    api, http = client(fake_http, [Answer(200, {'_embedded': {'applications': [app]}})])
    with pytest.raises(PingOneInputError, match="has type 'WORKER', and that cannot change") as info:
        engine.ensure(api, kinds.ApplicationKind(), '/environments/%s/applications' % ENV_ID,
                      {'name': 'App', 'type': 'WEB_APP', 'enabled': True}, False)
    assert info.value.option == 'type' and len(http.sent) == 1


def test_lookup_names_the_option_and_the_names_there_are(fake_http):
    pops = Answer(200, {'_embedded': {'populations': [{'id': POP_ID, 'name': 'Default'}, {'id': USER_ID, 'name': 'Staff'}]}})
    api, _http = client(fake_http, [pops, pops])
    assert engine.lookup(api, '/p', 'Staff', 'population', 'population', search=None)['id'] == USER_ID
    with pytest.raises(PingOneInputError, match=r"population 'staf' names no population in the environment: use one of 'Default', 'Staff'"):
        engine.lookup(api, '/p', 'staf', 'population', 'population', search=None)


def test_role_propagation_403_is_waited_out_then_reported(fake_http):
    not_yet = Answer(403, {'code': 'ACCESS_FAILED', 'message': 'The actor attempting to perform the request is not authorized.'})
    api, http = client(fake_http, [not_yet, not_yet, Answer(200, {'ok': True})])
    assert api.get('/x') == {'ok': True} and http.sleeps == [0.5, 1.0] and len(http.warnings) == 2
    api, http = client(fake_http, [not_yet] * 10)
    with pytest.raises(PingOneForbiddenError, match='still refused 3 s later'):
        api.get('/x')
    assert sum(http.sleeps) == 3
    api, http = client(fake_http, [Answer(403, {'code': 'ACCESS_FAILED', 'message': 'Something else.'})])
    with pytest.raises(PingOneForbiddenError):
        api.get('/x')
    assert http.sleeps == []   # only PingOne's propagation answer is waited for


def test_content_type_is_sent_with_the_body(fake_http):
    api, http = client(fake_http, [Answer(200, {})])
    api.request('PUT', '/x', body={'value': 'v'}, content_type=kinds.PASSWORD_SET)
    assert http.sent[0].headers['Content-Type'] == kinds.PASSWORD_SET


def test_client_closes_as_a_context_manager(fake_http):
    api, _http = client(fake_http, [])
    closed = []
    api.transport.close = lambda: closed.append(True)
    with api as same:
        assert same is api
    assert closed == [True]


# The public surface of the facade: modules import from pingone.py only, so what it exports is a contract.
PUBLIC = {
    'API_OPTIONS', 'APPLICATION_TYPES', 'ApiResponse', 'ApplicationKind', 'BUILT_IN_APPLICATION_TYPES', 'COLLECTION_VERSION',
    'CONNECTION_OPTIONS', 'ClientCredentials', 'ConnectionSettings', 'DEFAULT_MIN_TTL', 'Endpoints', 'EnvironmentKind', 'ErrorBody', 'Field',
    'GRANT_TYPES', 'GroupKind', 'LICENSE_STATUSES', 'MAX_MIN_TTL', 'Outcome', 'PKCE_OPTIONS', 'PingOneAuthenticationError',
    'PingOneBadRequestError', 'PingOneClient', 'PingOneConnectionError', 'PingOneDependencyError', 'PingOneError', 'PingOneForbiddenError',
    'PingOneHTTPError', 'PingOneInputError', 'PingOneNotFoundError', 'PingOneRateLimitedError', 'PingOneRedirectError',
    'PingOneServerError', 'PingOneTLSError', 'PingOneTimeoutError', 'PingOneUnexpectedResponseError', 'PopulationKind', 'REGIONS',
    'RESPONSE_TYPES', 'Region', 'ResourceKind', 'RoleAssignmentKind', 'SCOPE_TYPES', 'SECRET_MARKER', 'SubResource', 'TOKEN_AUTH_METHODS',
    'Token', 'TokenSource', 'Transport', 'TransportSettings', 'UserKind', 'active_license_named', 'api_argument_spec', 'build_endpoints',
    'build_token_request', 'case_clash', 'check_user_attributes', 'connect', 'connection_argument_spec', 'connection_settings', 'diff',
    'differences', 'ensure', 'fail_module', 'find_by_name', 'get_path', 'is_uuid', 'list_licenses', 'lookup', 'lower', 'organization_id',
    'product_types', 'request_token', 'require_uuid', 'resolve_region', 'reusable_token', 'scim_string', 'set_path', 'sorted_set',
    'wait_until_visible',
}


def test_the_facade_exports_its_public_surface():
    assert PUBLIC <= set(pingone.__all__)   # names may be added; none may go
    assert all(hasattr(pingone, name) for name in pingone.__all__)


def test_modules_import_module_utils_from_the_facade_only():
    import glob   # pylint: disable=import-outside-toplevel
    import os   # pylint: disable=import-outside-toplevel
    import re   # pylint: disable=import-outside-toplevel
    modules = os.path.join(os.path.dirname(pingone.__file__), '..', 'modules', '*.py')
    for path in glob.glob(modules):
        with open(path, encoding='utf-8') as handle:
            imported = set(re.findall(r'plugins\.module_utils\.(\w+) import', handle.read()))
        assert imported <= {'pingone'}, '%s imports from %s' % (os.path.basename(path), imported - {'pingone'})


def test_the_lazy_table_matches_the_imports_the_packager_reads():
    import ast   # pylint: disable=import-outside-toplevel
    with open(pingone.__file__, encoding='utf-8') as handle:
        tree = ast.parse(handle.read())
    imported = {}
    for node in ast.walk(tree):
        if isinstance(node, ast.ImportFrom) and (node.module or '').startswith(pingone._PACKAGE + '.'):   # pylint: disable=protected-access
            for alias in node.names:
                imported[alias.asname or alias.name] = (node.module.rsplit('.', 1)[-1], alias.name)
    assert imported == pingone._PARTS   # pylint: disable=protected-access
    assert set(pingone.__all__) == set(imported) | {'fail_module'}


def test_a_token_module_loads_neither_the_api_client_nor_the_engine():
    import subprocess   # pylint: disable=import-outside-toplevel
    import sys   # pylint: disable=import-outside-toplevel
    code = ('import sys; import ansible_collections.pingone.platform.plugins.modules.pingone_token; '
            'print(sorted(m.rsplit(".", 1)[-1] for m in sys.modules if ".plugins.module_utils." in m))')
    import os   # pylint: disable=import-outside-toplevel
    env = dict(os.environ, PYTHONPATH=os.pathsep.join(path for path in sys.path if path))   # how this test found the collection
    loaded = subprocess.run([sys.executable, '-c', code], capture_output=True, text=True, check=True, env=env).stdout
    for heavy in ('api', 'engine', 'kinds', 'bulk', 'info', 'organization'):
        assert "'%s'" % heavy not in loaded, loaded
