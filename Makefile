# Toolchain for the pingone.platform Ansible collection.
#
# `make test` on a fresh machine bootstraps everything it needs (.venv with Python 3.11,
# ansible-core, the offline pip bootstrap for ansible-test) and runs sanity, units and
# integration tests.  `make help` lists the targets.  Every variable below can be
# overridden on the command line, e.g. `make sanity TEST_ROOT=/var/tmp/at`.

SHELL := /bin/bash
.SHELLFLAGS := -eu -o pipefail -c
.DEFAULT_GOAL := help
.DELETE_ON_ERROR:
MAKEFLAGS += --no-print-directory

# --- collection identity (single source of truth: galaxy.yml) ---------------------------
galaxy_field = $(shell sed -n '/^$(1):/{s/^$(1):[[:space:]]*//;s/["'"'"']//g;p;q;}' galaxy.yml)
NAMESPACE := $(call galaxy_field,namespace)
NAME      := $(call galaxy_field,name)
VERSION   := $(call galaxy_field,version)
TARBALL   := build/$(NAMESPACE)-$(NAME)-$(VERSION).tar.gz

# --- Python 3.11 ---------------------------------------------------------------------------
# First candidate that really runs and is 3.11 (pyenv shims for unselected versions exit
# 127); resolved to the real interpreter path (sys.executable), never to a shim.
PYENV_ROOT ?= $(HOME)/.pyenv
PYTHON_CANDIDATES ?= python3.11 $(sort $(wildcard $(PYENV_ROOT)/versions/3.11.*/bin/python3.11)) /usr/bin/python3.11
ifeq ($(origin PYTHON),undefined)
PYTHON := $(shell for p in $(PYTHON_CANDIDATES); do \
	"$$p" -c 'import sys, venv, ensurepip; sys.version_info[:2] == (3, 11) and print(sys.executable)' 2>/dev/null \
	  | grep . && break; done)
endif

VENV     ?= .venv
VENV_PY  := $(VENV)/bin/python
VENV_STAMP := $(VENV)/.stamp-requirements-dev

# --- ansible-test -------------------------------------------------------------------------
TEST_PYTHON ?= 3.11
# Must be OUTSIDE the repo (see tools/run_ansible_test.sh).  The suffix (hash of this
# checkout's path) keeps two checkouts on one machine from sharing a staging area.
TEST_ROOT   ?= $(or $(TMPDIR),/tmp)/pingone-platform-ansible-test-$(shell printf %s '$(CURDIR)' | cksum | cut -d' ' -f1)
PYBIN       ?= $(CURDIR)/build/pybin
MIN_SANITY_TESTS ?= 20
SANITY_ARGS ?=
UNITS_ARGS  ?=

# --- installed collection / integration / demo ------------------------------------------
COLLECTIONS_DIR ?= $(CURDIR)/build/collections
PYTEST_ARGS     ?= -q -p no:cacheprovider
DEMO_ARGS       ?=
BENCH_ARGS      ?=

.PHONY: help venv build install sanity units integration test demo bench clean distclean \
        ansible-test-prep check-python versions

help: ## List targets
	@echo "pingone.platform $(VERSION) - make targets:"
	@awk -F ':.*## ' '/^[a-zA-Z_-]+:.*## / {printf "  %-12s %s\n", $$1, $$2}' $(MAKEFILE_LIST)
	@echo
	@echo "Variables (override with VAR=value): PYTHON=$(PYTHON) VENV=$(VENV)"
	@echo "  TEST_ROOT=$(TEST_ROOT) TEST_PYTHON=$(TEST_PYTHON) COLLECTIONS_DIR=$(COLLECTIONS_DIR)"

check-python:
	@if [ -z "$(PYTHON)" ]; then \
	  echo "ERROR: no working Python 3.11 (with venv/ensurepip) found; tried: $(PYTHON_CANDIDATES)." >&2; \
	  echo "       Pass one explicitly: make PYTHON=/path/to/python3.11 ..." >&2; exit 1; fi

# --- virtualenv -------------------------------------------------------------------------
venv: $(VENV_STAMP) ## Create .venv (Python 3.11) and install requirements-dev.txt

$(VENV_STAMP): requirements-dev.txt | check-python
	@if ! $(VENV_PY) -c 'import sys; sys.exit(sys.version_info[:2] != (3, 11))' 2>/dev/null; then \
	  echo "creating $(VENV) with $(PYTHON)"; rm -rf $(VENV); $(PYTHON) -m venv $(VENV); fi
	@echo "installing requirements-dev.txt into $(VENV)"
	@# (the grep drops only this machine's noise about missing file:// index folders)
	$(VENV_PY) -m pip install --quiet --disable-pip-version-check -r requirements-dev.txt 2>&1 \
	  | { grep -v "^WARNING: Location 'file://.*' is ignored" || true; }
	@touch $@

versions: $(VENV_STAMP) ## Print tool versions
	@echo "python:       $$($(VENV_PY) --version) ($(PYTHON))"
	@echo "ansible-core: $$($(VENV_PY) -c 'from ansible.release import __version__; print(__version__)')"
	@echo "pytest:       $$($(VENV_PY) -m pytest --version 2>&1)"
	@echo "shellcheck:   $$($(VENV)/bin/shellcheck --version | sed -n 's/^version: //p')"
	@echo "git:          $$(git --version)"

# --- build / install ---------------------------------------------------------------------
# Both always run (about a second each), so a deleted or renamed file never lingers in
# the artifact.  What goes in: the work tree minus build_ignore in galaxy.yml (ansible-galaxy
# does NOT read .gitignore).
build: $(VENV_STAMP) ## Build build/<ns>-<name>-<version>.tar.gz with ansible-galaxy
	@mkdir -p build
	$(VENV)/bin/ansible-galaxy collection build --force --output-path build/ .

install: build ## Install the built tarball into build/collections
	rm -rf $(COLLECTIONS_DIR)/ansible_collections/$(NAMESPACE)/$(NAME)
	ANSIBLE_COLLECTIONS_PATH=$(COLLECTIONS_DIR) \
	  $(VENV)/bin/ansible-galaxy collection install --force -p $(COLLECTIONS_DIR) $(TARBALL)

# --- ansible-test (sanity, units) --------------------------------------------------------
# ansible-test downloads a pip bootstrap script from a host that is not reachable here:
# put tools/get_pip_standin.py into its cache for the pip version(s) it uses, and give it
# real interpreters (not pyenv shims) and shellcheck via a folder of symlinks on PATH.
ansible-test-prep: $(VENV_STAMP)
	@$(VENV_PY) tools/install_get_pip_standin.py
	@mkdir -p $(PYBIN)
	@ln -sfn "$$($(PYTHON) -c 'import sys; print(sys.executable)')" $(PYBIN)/python$(TEST_PYTHON)
	@ln -sfn $(abspath $(VENV))/bin/shellcheck $(PYBIN)/shellcheck
	@$(PYBIN)/python$(TEST_PYTHON) -c 'import sys; assert sys.version.startswith("$(TEST_PYTHON)."), sys.version'

ANSIBLE_TEST_ENV = ANSIBLE_TEST=$(abspath $(VENV))/bin/ansible-test TEST_ROOT=$(TEST_ROOT) \
	COLLECTION_NAMESPACE=$(NAMESPACE) COLLECTION_NAME=$(NAME) PYBIN=$(PYBIN) \
	TEST_PYTHON=$(TEST_PYTHON) LOG_DIR=$(CURDIR)/build MIN_SANITY_TESTS=$(MIN_SANITY_TESTS)

sanity: ansible-test-prep ## ansible-test sanity on a staged copy (no ignore file)
	@$(ANSIBLE_TEST_ENV) tools/run_ansible_test.sh sanity $(SANITY_ARGS)

units: ansible-test-prep ## ansible-test units on a staged copy
	@$(ANSIBLE_TEST_ENV) tools/run_ansible_test.sh units $(UNITS_ARGS)

# --- integration / demo (use the built and installed collection) ------------------------
integration: install ## pytest tests/integration against build/collections
	PINGONE_TEST_COLLECTIONS_PATH=$(COLLECTIONS_DIR) PATH=$(abspath $(VENV))/bin:$$PATH \
	  $(VENV_PY) -m pytest tests/integration $(PYTEST_ARGS)

# Cheapest first; make stops at the first failure (do not run with -j if you want that).
test: units sanity integration ## units, sanity, integration

bench: install ## Benchmark: per-task cost of pingone.platform tasks vs ping and uri (prints figures)
	PINGONE_TEST_COLLECTIONS_PATH=$(COLLECTIONS_DIR) $(VENV_PY) bench/run_bench.py $(BENCH_ARGS)

demo: install ## Run docs/examples/get_token.yml, then create_test_environment.yml twice, against the local simulator
	@VENV=$(VENV) COLLECTIONS_DIR=$(COLLECTIONS_DIR) tools/demo.sh $(DEMO_ARGS)

# --- housekeeping ------------------------------------------------------------------------
clean: ## Remove build/, the staged ansible-test copy and the .venv stamp
	rm -rf build tests/output $(TEST_ROOT)/sanity $(TEST_ROOT)/units
	rm -f $(VENV_STAMP)

distclean: clean ## clean + remove .venv
	rm -rf $(VENV)
