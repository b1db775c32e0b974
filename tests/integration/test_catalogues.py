# -*- coding: utf-8 -*-
# Copyright: (c) 2026, pingone.platform maintainers
# GNU General Public License v3.0+ (see LICENSE or https://www.gnu.org/licenses/gpl-3.0.txt)
"""docs/fault-catalogue.md and docs/bad-input-catalogue.md are exactly what tools/catalogue.py renders from the test tables."""

from __future__ import annotations

import importlib.util
import os

import pytest

ROOT = os.path.dirname(os.path.dirname(os.path.dirname(os.path.abspath(__file__))))


def load_catalogue():
    spec = importlib.util.spec_from_file_location('catalogue', os.path.join(ROOT, 'tools', 'catalogue.py'))
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


CATALOGUE = load_catalogue()


@pytest.mark.parametrize('page', sorted(CATALOGUE.PAGES))
def test_committed_page_is_the_rendering_of_the_test_table(page):
    with open(os.path.join(ROOT, page), encoding='utf-8') as handle:
        committed = handle.read()
    assert committed == CATALOGUE.PAGES[page](), '%s is out of date: run .venv/bin/python tools/catalogue.py' % page


def test_every_row_of_the_tables_is_on_its_page():
    import test_bad_input  # pylint: disable=import-error,import-outside-toplevel
    import test_faults  # pylint: disable=import-error,import-outside-toplevel
    faults, bad_input = CATALOGUE.render_faults(), CATALOGUE.render_bad_input()
    assert all('**%s**' % case.name in faults for case in test_faults.FAULTS)
    assert all('**%s**' % case.name in bad_input for case in test_bad_input.BAD_INPUT)
