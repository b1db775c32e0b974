# -*- coding: utf-8 -*-
# Copyright: (c) 2026, pingone.platform maintainers
# GNU General Public License v3.0+ (see LICENSE or https://www.gnu.org/licenses/gpl-3.0.txt)

from __future__ import annotations


class ModuleDocFragment:
    # The attributes every module of the collection shares. A module adds only its own
    # details (what is read in check mode, what the diff compares) under the same keys.

    # Modules that change objects: full check mode and diff.
    DOCUMENTATION = r'''
attributes:
  check_mode:
    description: Can run in check_mode and return changed status prediction without modifying target.
    support: full
  diff_mode:
    description: Will return details on what has changed (or possibly needs changing in check_mode), when in diff mode.
    support: full
  action_group:
    description: Use C(group/pingone.platform.pingone) in C(module_defaults) to set defaults for this module.
    support: full
    membership:
      - pingone.platform.pingone
'''

    # Modules that only read: they run in check mode as they do otherwise, and have nothing to diff.
    INFO = r'''
attributes:
  check_mode:
    description: Can run in check_mode and return changed status prediction without modifying target.
    support: full
    details: The module only reads, so it runs in check mode as it does otherwise.
  diff_mode:
    description: Will return details on what has changed (or possibly needs changing in check_mode), when in diff mode.
    support: none
  action_group:
    description: Use C(group/pingone.platform.pingone) in C(module_defaults) to set defaults for this module.
    support: full
    membership:
      - pingone.platform.pingone
'''
