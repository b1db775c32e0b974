# -*- coding: utf-8 -*-
# Copyright: (c) 2026, pingone.platform maintainers
# GNU General Public License v3.0+ (see LICENSE or https://www.gnu.org/licenses/gpl-3.0.txt)
"""application_links: the input refusals (option paths), names resolved before any write, and the writes planned for
an application's sign-on policies, resource grants and attribute mappings, against a small in-memory PingOne."""

from __future__ import annotations

import copy
from typing import Any, Dict, List, Optional

import pytest

from ansible_collections.pingone.platform.plugins.module_utils import application_links as links
from ansible_collections.pingone.platform.plugins.module_utils.errors import PingOneInputError

ENV = '0b9e8d7c-6a5f-4e3d-8c2b-7a6f5e4d3c2b'
APP = 'a0000000-0000-4000-8000-000000000001'
E = '/environments/%s' % ENV
ASSIGNMENTS = '%s/applications/%s/signOnPolicyAssignments' % (E, APP)
GRANTS = '%s/applications/%s/grants' % (E, APP)
MAPPINGS = '%s/applications/%s/attributes' % (E, APP)


class Answer:
    def __init__(self, json):
        self.json = json


class FakePingOne:
    """Collections by path; writes recorded; two sign-on policy assignments at one priority refused, as PingOne would."""

    def __init__(self, data: Dict[str, List[Dict[str, Any]]]):
        self.data = copy.deepcopy(data)
        self.sent: List[tuple] = []
        self.created = 0

    def paginate(self, path: str, query: Optional[Dict[str, Any]] = None) -> List[Dict[str, Any]]:
        return copy.deepcopy(self.data.get(path, []))

    def request(self, method: str, path: str, body: Optional[Dict[str, Any]] = None) -> Answer:
        self.sent.append((method, path, copy.deepcopy(body)))
        if method == 'POST':
            self.created += 1
            item = dict(body, id='new-%d' % self.created)
            self.data.setdefault(path, []).append(item)
        else:
            collection, child_id = path.rsplit('/', 1)
            items = self.data[collection]
            index = next(position for position, item in enumerate(items) if item['id'] == child_id)
            if method == 'DELETE':
                items.pop(index)
                return Answer(None)
            item = dict(body, id=child_id)
            items[index] = item
            path = collection
        priorities = [child['priority'] for child in self.data[path] if 'priority' in child]
        assert len(priorities) == len(set(priorities)), 'two assignments at one priority: %r' % self.data[path]
        return Answer(copy.deepcopy(item))

    def writes(self) -> List[tuple]:
        return [(method, path) for method, path, _body in self.sent]


def environment(**extra) -> Dict[str, List[Dict[str, Any]]]:
    data = {
        E + '/signOnPolicies': [{'id': 'p-single', 'name': 'Single_Factor'}, {'id': 'p-multi', 'name': 'Multi_Factor'},
                                {'id': 'p-corp', 'name': 'Corporate'}],
        E + '/resources': [{'id': 'r-openid', 'name': 'openid'}, {'id': 'r-api', 'name': 'PingOne API'}],
        E + '/resources/r-openid/scopes': [{'id': 's-openid', 'name': 'openid'}, {'id': 's-email', 'name': 'email'},
                                           {'id': 's-profile', 'name': 'profile'}],
        E + '/resources/r-api/scopes': [{'id': 's-read', 'name': 'p1:read:user'}],
        MAPPINGS: [{'id': 'm-sub', 'name': 'sub', 'value': '${user.id}', 'required': True, 'mappingType': 'CORE',
                    'idToken': True, 'userInfo': True}],
    }
    data.update(extra)
    return data


def assignments(*policy_ids):
    return [{'id': 'a-%s' % policy_id, 'signOnPolicy': {'id': policy_id}, 'priority': number} for number, policy_id in enumerate(policy_ids, 1)]


def run(fake, check_mode=False, exists=True, **options):
    """ensure_application_links with an application that exists (or, in check mode, is to be created)."""
    params = dict({'state': 'present'}, **options)
    calls = []

    def ensure_application():
        calls.append(True)
        if not exists:
            return {'changed': True, 'application': {}, 'diff': {'before': {}, 'after': {'name': 'App'}}}
        return {'changed': False, 'application': {'id': APP, 'name': 'App'}, 'client_id': APP,
                'diff': {'before': {'name': 'App'}, 'after': {'name': 'App'}}}

    links.check_links(params)
    result = links.ensure_application_links(fake, ENV, params, check_mode, ensure_application)
    assert calls == [True]
    return result


# --- refusals before any request --------------------------------------------------------------------------------------
@pytest.mark.parametrize('options, option', [
    ({'sign_on_policies': ['Single_Factor', ' ']}, 'sign_on_policies[1]'),
    ({'sign_on_policies': ['Single_Factor', 'Corporate', 'Single_Factor']}, 'sign_on_policies[2]'),
    ({'resource_grants': [{'resource': 'openid', 'scopes': ['openid']}, {'resource': 'openid', 'scopes': ['email']}]},
     'resource_grants[1].resource'),
    ({'resource_grants': [{'resource': 'openid', 'scopes': []}]}, 'resource_grants[0].scopes'),
    ({'resource_grants': [{'resource': 'openid', 'scopes': ['openid', 'email', 'openid']}]}, 'resource_grants[0].scopes[2]'),
    ({'attribute_mappings': [{'name': 'aud', 'value': '${user.id}'}]}, 'attribute_mappings[0].name'),
    ({'attribute_mappings': [{'name': 'email', 'value': '${user.email}'}, {'name': 'email', 'value': 'x'}]},
     'attribute_mappings[1].name'),
    ({'attribute_mappings': [{'name': 'email', 'value': ''}]}, 'attribute_mappings[0].value'),
    ({'attribute_mappings': [{'name': 'email', 'value': '${user.email}', 'oidc_scopes': []}]}, 'attribute_mappings[0].oidc_scopes'),
    ({'attribute_mappings': [{'name': 'email', 'value': '${user.email}', 'id_token': False, 'userinfo': False}]},
     'attribute_mappings[0].userinfo'),
    ({'resource_grants': [{'resource': 'openid', 'scopes': ['openid']}],
      'attribute_mappings': [{'name': 'email', 'value': '${user.email}', 'oidc_scopes': ['email']}]}, 'attribute_mappings[0].oidc_scopes[0]'),
    ({'state': 'absent', 'sign_on_policies': []}, 'sign_on_policies'),
    ({'protocol': 'SAML', 'resource_grants': [{'resource': 'openid', 'scopes': ['openid']}]}, 'resource_grants'),
    ({'protocol': 'SAML', 'attribute_mappings': [{'name': 'mail', 'value': '${user.email}', 'id_token': True}]},
     'attribute_mappings[0].id_token'),
])
def test_bad_input_is_refused_naming_the_option_path(options, option):
    with pytest.raises(PingOneInputError) as info:
        links.check_links(dict({'state': 'present'}, **options))
    assert info.value.option == option
    assert option in str(info.value)


def test_a_saml_application_takes_sign_on_policies_and_plain_mappings():
    links.check_links({'state': 'present', 'protocol': 'SAML', 'sign_on_policies': ['Single_Factor'],
                       'attribute_mappings': [{'name': 'mail', 'value': '${user.email}', 'required': True}]})


def test_nothing_given_is_nothing_managed():
    links.check_links({'state': 'absent'})
    fake = FakePingOne(environment())
    assert links.ensure_application_links(fake, ENV, {}, False, lambda: {'changed': False}) == {'changed': False}
    assert fake.sent == []


@pytest.mark.parametrize('options, option', [
    ({'sign_on_policies': ['Single_Factor', 'No such']}, 'sign_on_policies[1]'),
    ({'resource_grants': [{'resource': 'No such', 'scopes': ['read']}]}, 'resource_grants[0].resource'),
    ({'resource_grants': [{'resource': 'openid', 'scopes': ['openid', 'p1:read:user']}]}, 'resource_grants[0].scopes[1]'),
    ({'attribute_mappings': [{'name': 'email', 'value': '${user.email}', 'oidc_scopes': ['nope']}]}, 'attribute_mappings[0].oidc_scopes[0]'),
])
def test_an_unknown_name_is_refused_before_the_application_is_written(options, option):
    fake = FakePingOne(environment())
    called = []
    with pytest.raises(PingOneInputError) as info:
        links.ensure_application_links(fake, ENV, dict({'state': 'present'}, **options), False, lambda: called.append(True))
    assert info.value.option == option and called == [] and fake.sent == []


# --- sign-on policies ---------------------------------------------------------------------------------------------------
def test_policies_are_created_in_order_on_an_application_without_any():
    fake = FakePingOne(environment())
    result = run(fake, sign_on_policies=['Corporate', 'Single_Factor'])
    assert result['changed'] is True
    assert fake.sent == [('POST', ASSIGNMENTS, {'signOnPolicy': {'id': 'p-corp'}, 'priority': 1}),
                         ('POST', ASSIGNMENTS, {'signOnPolicy': {'id': 'p-single'}, 'priority': 2})]
    assert result['application']['sign_on_policies'] == ['Corporate', 'Single_Factor']
    assert result['diff']['before']['sign_on_policies'] == [] and result['diff']['after']['sign_on_policies'] == ['Corporate', 'Single_Factor']


def test_a_reorder_moves_by_priority_and_a_second_run_writes_nothing():
    fake = FakePingOne(environment(**{ASSIGNMENTS: assignments('p-single', 'p-multi', 'p-corp')}))
    result = run(fake, sign_on_policies=['Corporate', 'Multi_Factor', 'Single_Factor'])
    assert {method for method, _path in fake.writes()} == {'PUT'}   # FakePingOne refuses two at one priority
    assert result['application']['sign_on_policies'] == ['Corporate', 'Multi_Factor', 'Single_Factor']
    assert result['diff']['before']['sign_on_policies'] == ['Single_Factor', 'Multi_Factor', 'Corporate']
    fake.sent = []
    again = run(fake, sign_on_policies=['Corporate', 'Multi_Factor', 'Single_Factor'])
    assert again['changed'] is False and fake.sent == []


def test_an_empty_list_removes_every_assignment_and_a_replacement_keeps_one_at_each_priority():
    fake = FakePingOne(environment(**{ASSIGNMENTS: assignments('p-single', 'p-multi')}))
    replaced = run(fake, sign_on_policies=['Corporate'])
    assert [method for method, _path in fake.writes()] == ['POST', 'DELETE', 'DELETE', 'PUT']
    assert replaced['application']['sign_on_policies'] == ['Corporate']
    fake.sent = []
    emptied = run(fake, sign_on_policies=[])
    assert fake.writes() == [('DELETE', ASSIGNMENTS + '/new-1')] and emptied['application']['sign_on_policies'] == []


def test_check_mode_writes_nothing_and_shows_the_application_as_it_is():
    fake = FakePingOne(environment(**{ASSIGNMENTS: assignments('p-single')}))
    result = run(fake, check_mode=True, sign_on_policies=['Corporate'])
    assert result['changed'] is True and fake.sent == []
    assert result['application']['sign_on_policies'] == ['Single_Factor'] and result['diff']['after']['sign_on_policies'] == ['Corporate']
    created = run(fake, check_mode=True, exists=False, sign_on_policies=['Corporate'],
                  resource_grants=[{'resource': 'openid', 'scopes': ['openid']}], attribute_mappings=[{'name': 'sub', 'value': '${user.email}'}])
    assert created['changed'] is True and fake.sent == [] and created['application'] == {} and created['diff']['before'] == {}
    assert created['diff']['after']['resource_grants'] == [{'resource': 'openid', 'scopes': ['openid']}]
    assert created['diff']['after']['attribute_mappings'] == [{'name': 'sub', 'value': '${user.email}'}]   # PingOne's own: no defaults


# --- resource grants ----------------------------------------------------------------------------------------------------
def test_grants_compare_scopes_as_a_set_and_end_as_listed():
    grants = [{'id': 'g-openid', 'resource': {'id': 'r-openid'}, 'scopes': [{'id': 's-email'}, {'id': 's-openid'}]},
              {'id': 'g-api', 'resource': {'id': 'r-api'}, 'scopes': [{'id': 's-read'}]}]
    fake = FakePingOne(environment(**{GRANTS: grants}))
    same = run(fake, resource_grants=[{'resource': 'openid', 'scopes': ['openid', 'email']},
                                      {'resource': 'PingOne API', 'scopes': ['p1:read:user']}])
    assert same['changed'] is False and fake.sent == []
    assert same['application']['resource_grants'] == [{'resource': 'PingOne API', 'scopes': ['p1:read:user']},
                                                      {'resource': 'openid', 'scopes': ['email', 'openid']}]
    changed = run(fake, resource_grants=[{'resource': 'openid', 'scopes': ['openid', 'email', 'profile']}])
    assert fake.writes() == [('PUT', GRANTS + '/g-openid'), ('DELETE', GRANTS + '/g-api')]
    assert fake.sent[0][2] == {'resource': {'id': 'r-openid'}, 'scopes': [{'id': 's-openid'}, {'id': 's-email'}, {'id': 's-profile'}]}
    assert changed['diff']['after']['resource_grants'] == [{'resource': 'openid', 'scopes': ['email', 'openid', 'profile']}]
    assert changed['diff']['before']['resource_grants'][0] == {'resource': 'PingOne API', 'scopes': ['p1:read:user']}


# --- attribute mappings -------------------------------------------------------------------------------------------------
def test_the_core_sub_mapping_is_updated_never_created_or_deleted():
    fake = FakePingOne(environment())
    sub = {'name': 'sub', 'value': '${user.username}'}
    email = {'name': 'email', 'value': '${user.email}', 'oidc_scopes': ['email']}
    made = run(fake, attribute_mappings=[sub, email])
    assert fake.writes() == [('PUT', MAPPINGS + '/m-sub'), ('POST', MAPPINGS)]
    assert fake.sent[0][2]['value'] == '${user.username}' and fake.sent[0][2]['required'] is True   # sub's own fields kept
    assert fake.sent[1][2] == {'name': 'email', 'value': '${user.email}', 'required': False, 'oidcScopes': ['s-email']}
    shown = {mapping['name']: mapping for mapping in made['application']['attribute_mappings']}
    assert shown['email']['oidc_scopes'] == ['email']
    fake.sent = []
    assert run(fake, attribute_mappings=[sub, email])['changed'] is False and fake.sent == []
    only_core = run(fake, attribute_mappings=[])
    assert fake.writes() == [('DELETE', MAPPINGS + '/new-1')]   # email; sub stays
    assert [mapping['name'] for mapping in only_core['application']['attribute_mappings']] == ['sub']
    assert [mapping['name'] for mapping in only_core['diff']['after']['attribute_mappings']] == ['sub']
    assert [mapping['name'] for mapping in only_core['diff']['before']['attribute_mappings']] == ['email', 'sub']
