# -*- coding: utf-8 -*-
# Copyright: (c) 2026, pingone.platform maintainers
# GNU General Public License v3.0+ (see LICENSE or https://www.gnu.org/licenses/gpl-3.0.txt)
"""pingone_identity_provider under the pingone module_defaults group: the worker application's client_id and
client_secret given to the group are the connection's, never the provider's (its action plugin takes them out)."""

from __future__ import annotations

import json

import pytest

from pingone_simulator import CLIENTS, SANDBOX_ENV_ID  # pylint: disable=import-error

ENV = SANDBOX_ENV_ID

PROVIDER_SECRET = 'provider-only-s3cret-value'
OIDC = {'target_environment_id': ENV, 'name': 'Group login', 'type': 'OPENID_CONNECT', 'enabled': True, 'issuer': 'https://idp.example.com',
        'authorization_endpoint': 'https://idp.example.com/authorize', 'token_endpoint': 'https://idp.example.com/token',
        'jwks_endpoint': 'https://idp.example.com/jwks', 'token_endpoint_auth_method': 'CLIENT_SECRET_BASIC'}


@pytest.fixture(autouse=True)
def clean(ansible):
    ansible.sim.app.store.reset()


def run(ansible, options):
    info = ansible.sim.info()
    variables = {'md_environment_id': info['environment_id'], 'md_client_id': CLIENTS['basic']['id'],
                 'md_client_secret': CLIENTS['basic']['secret'], 'md_host': info['host'], 'md_ca_path': info['ca_path'],
                 'options': options}
    unset = [name for name in ansible.base_env() if name.startswith('PINGONE_')]
    return ansible.run('identity_provider_module_defaults.yml', extra_vars=variables, unset=unset).result('Run pingone_identity_provider')


def received(ansible):
    """Every identity provider body PingOne received, as text."""
    return [str(request.get('body')) for request in ansible.sim.requests() if '/identityProviders' in request['path']]


def test_the_groups_worker_credentials_never_become_the_providers(ansible):
    made = run(ansible, dict(OIDC, client_id='group-login', client_secret=PROVIDER_SECRET, scopes=['openid']))
    assert not made.get('failed'), made.get('msg')
    # A change of another setting with the provider's client_id but not its secret: the group's secret (the worker
    # application's) must not fill it in; the change is refused for want of the provider's secret instead.
    changed = run(ansible, dict(OIDC, client_id='group-login', enabled=False))
    worker_secret = CLIENTS['basic']['secret']
    forms = (worker_secret, json.dumps(worker_secret)[1:-1])   # (a JSON body escapes its non-ASCII letters)
    assert not [body for body in received(ansible) if any(form in body for form in forms)]
    assert changed['failed'] and ('lientSecret' in changed['msg'] or 'client_secret' in changed['msg']), changed
