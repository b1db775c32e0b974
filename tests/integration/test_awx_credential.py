# -*- coding: utf-8 -*-
# Copyright: (c) 2026, pingone.platform maintainers
# GNU General Public License v3.0+ (see LICENSE or https://www.gnu.org/licenses/gpl-3.0.txt)
"""docs/awx.md checked: its custom credential type, rendered as AWX renders injectors, runs the example playbook.

The input and injector configurations are read from the page itself; the injectors are
rendered with the credential's inputs (fields left empty render as '' and fields with a default
take it) in a Jinja sandbox, with ``tower.filename.<name>`` naming the file that the ``file``
injector writes. The example playbook then runs with only that environment: no option in the
playbook, no extra vars.
"""

from __future__ import annotations

import os
import re

import pytest
import yaml
from jinja2.sandbox import ImmutableSandboxedEnvironment

from pingone_simulator import CLIENTS  # pylint: disable=import-error

ROOT = os.path.dirname(os.path.dirname(os.path.dirname(os.path.abspath(__file__))))
AWX_DOC = os.path.join(ROOT, 'docs', 'awx.md')
EXAMPLE = os.path.join(ROOT, 'docs', 'examples', 'get_token.yml')


def doc_block(title):
    """The YAML code block that follows the bold paragraph ``title`` in docs/awx.md."""
    with open(AWX_DOC, encoding='utf-8') as handle:
        text = handle.read()
    match = re.search(r'\*\*%s:\*\*\s*```yaml\n(.*?)```' % re.escape(title), text, re.S)
    assert match, 'docs/awx.md has no %r YAML block' % title
    return yaml.safe_load(match.group(1))


def render_injectors(inputs, given, tmp_path):
    """The environment AWX gives a job for a credential with the ``given`` inputs."""
    values = {field['id']: given.get(field['id'], field.get('default', '')) for field in inputs['fields']}
    injectors = doc_block('Injector configuration')
    jinja = ImmutableSandboxedEnvironment()
    filenames = {}
    for name, template in (injectors.get('file') or {}).items():
        path = tmp_path / ('awx-%s' % name.replace('template.', ''))
        path.write_text(jinja.from_string(template).render(**values))
        filenames[name.replace('template.', '')] = str(path)
    namespace = dict(values, tower={'filename': filenames})
    return {key: jinja.from_string(template).render(**namespace) for key, template in injectors['env'].items()}


@pytest.fixture
def inputs():
    return doc_block('Input configuration')


def test_credential_type_shape(inputs):
    fields = {field['id']: field for field in inputs['fields']}
    assert set(inputs['required']) == {'environment_id', 'client_id', 'client_secret'}
    assert fields['client_secret'].get('secret') is True
    assert not any(field.get('secret') for name, field in fields.items() if name not in ('client_secret', 'private_key'))
    injected = doc_block('Injector configuration')['env']
    assert {'PINGONE_ENVIRONMENT_ID', 'PINGONE_CLIENT_ID', 'PINGONE_CLIENT_SECRET', 'PINGONE_REGION_CODE'} <= set(injected)


def test_job_with_the_credential_needs_nothing_in_the_playbook(ansible, inputs, tmp_path):
    info = ansible.sim.info()
    with open(info['ca_path'], encoding='utf-8') as handle:
        ca_bundle = handle.read()
    env = render_injectors(inputs, {
        'environment_id': info['environment_id'],
        'client_id': CLIENTS['basic']['id'],
        'client_secret': CLIENTS['basic']['secret'],
        'auth_hostname': info['host'],
        'api_hostname': info['host'],
        'ca_bundle': ca_bundle,
    }, tmp_path)
    assert env['PINGONE_REGION_CODE'] == 'NA' and env['PINGONE_AUTH_METHOD'] == 'client_secret_basic'
    assert env['PINGONE_CA_PATH'] and open(env['PINGONE_CA_PATH'], encoding='utf-8').read() == ca_bundle
    run = ansible.run(EXAMPLE, env=env)
    assert run.rc == 0, run.output[-3000:]
    assert len([r for r in ansible.sim.requests() if r['path'].endswith('/as/token')]) == 1


def test_empty_optional_fields_count_as_unset(ansible, inputs, tmp_path):
    """No CA bundle: PINGONE_CA_PATH is '' and the module uses the system CAs (so the simulator's CA is unknown)."""
    info = ansible.sim.info()
    env = render_injectors(inputs, {
        'environment_id': info['environment_id'],
        'client_id': CLIENTS['basic']['id'],
        'client_secret': CLIENTS['basic']['secret'],
        'auth_hostname': info['host'],
        'api_hostname': info['host'],
    }, tmp_path)
    assert env['PINGONE_CA_PATH'] == ''
    run = ansible.run(EXAMPLE, env=env)
    assert run.rc != 0
    result = run.result('Get a worker token')
    assert result.get('failed') and 'ca_path' not in result.get('option', '')
    assert not ansible.sim.requests(), 'no request can arrive over a TLS connection the module refused'
