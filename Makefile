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

# --- Python --------------------------------------------------------------------------------
# PYTHON_VERSION selects the interpreter of $(VENV): 3.11 for the default .venv; the matrix
# and the newest-release stages pass 3.12 / 3.13.  The first candidate that really runs and
# has that version wins (pyenv shims for unselected versions exit 127), resolved to the real
# interpreter path (sys.executable), never to a shim.  PYTHON=/path overrides the search.
PYENV_ROOT ?= $(HOME)/.pyenv
PYTHON_VERSION ?= 3.11
python_candidates = python$(1) $(sort $(wildcard $(PYENV_ROOT)/versions/$(1).*/bin/python$(1))) /usr/bin/python$(1)
find_python = $(shell for p in $(2); do \
	"$$p" -c 'import sys, venv, ensurepip; "%d.%d" % sys.version_info[:2] == "$(1)" and print(sys.executable)' 2>/dev/null \
	  | grep . && break; done)
PYTHON_CANDIDATES ?= $(call python_candidates,$(PYTHON_VERSION))
ifeq ($(strip $(PYTHON)),)
override PYTHON := $(call find_python,$(PYTHON_VERSION),$(PYTHON_CANDIDATES))
endif

# --- virtualenv ----------------------------------------------------------------------------
# .venv gets requirements-dev.txt as it is (ansible-core pinned there).  Another venv for
# another ansible-core release (the matrix, the newest-release stages) sets CORE_PIN: it gets
# requirements-dev.txt with that ansible-core instead.  Each venv's outputs (tarball, installed
# collection, logs) go to OUT_DIR: build/ for .venv, build/<venv name without the dot> else.
VENV     ?= .venv
CORE_PIN ?=
VENV_PY  := $(VENV)/bin/python
VENV_STAMP := $(VENV)/.stamp-requirements-dev$(if $(CORE_PIN),-core-$(CORE_PIN))
TARBALL     = $(OUT_DIR)/$(NAMESPACE)-$(NAME)-$(VERSION).tar.gz
VENV_NAME  := $(notdir $(abspath $(VENV)))
OUT_DIR    ?= $(CURDIR)/build$(if $(filter-out .venv,$(VENV_NAME)),/$(patsubst .%,%,$(VENV_NAME)))
DEV_CORE_PIN := $(shell sed -n 's/^ansible-core==\([0-9.]*\).*/\1/p' requirements-dev.txt)

# --- ansible-test -------------------------------------------------------------------------
TEST_PYTHON ?= $(PYTHON_VERSION)
# Must be OUTSIDE the repo (see tools/run_ansible_test.sh).  The suffix (hash of this
# checkout's path) keeps two checkouts on one machine from sharing a staging area; the last
# folder (the venv's name) keeps the releases apart.
TEST_ROOT_BASE := $(or $(TMPDIR),/tmp)/pingone-platform-ansible-test-$(shell printf %s '$(CURDIR)' | cksum | cut -d' ' -f1)
TEST_ROOT   ?= $(TEST_ROOT_BASE)/$(VENV_NAME)
PYBIN       ?= $(OUT_DIR)/pybin
MIN_SANITY_TESTS ?= 20
SANITY_ARGS ?=
UNITS_ARGS  ?=

# --- installed collection / integration / demo ------------------------------------------
COLLECTIONS_DIR ?= $(OUT_DIR)/collections
# Two workers (pytest-xdist): the tests wait on ansible-playbook processes, one core each; every
# worker has its own simulator. PYTEST_ARGS='-q -p no:cacheprovider -n 0' runs them one at a time.
PYTEST_ARGS     ?= -q -p no:cacheprovider -n 2
DEMO_ARGS       ?=
BENCH_ARGS      ?=
PROVISIONING_BENCH_ARGS ?=
CONFIG_BENCH_ARGS ?=

.PHONY: help venv build install sanity units integration test demo bench clean distclean \
        units-newest sanity-newest integration-newest test-matrix tools-venv lint changelog \
        changelog-lint docs importer ee-check sim sim-stop \
        ansible-test-prep check-python versions

help: ## List targets
	@echo "pingone.platform $(VERSION) - make targets:"
	@awk -F ':.*## ' '/^[a-zA-Z_-]+:.*## / {printf "  %-18s %s\n", $$1, $$2}' $(MAKEFILE_LIST)
	@echo
	@echo "Variables (override with VAR=value): PYTHON=$(PYTHON) VENV=$(VENV) CORE_PIN=$(CORE_PIN)"
	@echo "  TEST_ROOT=$(TEST_ROOT) TEST_PYTHON=$(TEST_PYTHON) COLLECTIONS_DIR=$(COLLECTIONS_DIR)"

check-python:
	@if [ -z "$(PYTHON)" ]; then \
	  echo "ERROR: no working Python $(PYTHON_VERSION) (with venv/ensurepip) found; tried: $(PYTHON_CANDIDATES)." >&2; \
	  echo "       Pass one explicitly: make PYTHON=/path/to/python$(PYTHON_VERSION) ..." >&2; exit 1; fi

# --- virtualenv -------------------------------------------------------------------------
venv: $(VENV_STAMP) ## Create .venv (Python 3.11) and install requirements-dev.txt

$(VENV_STAMP): requirements-dev.txt | check-python
	@if ! $(VENV_PY) -c 'import sys; sys.exit("%d.%d" % sys.version_info[:2] != "$(PYTHON_VERSION)")' 2>/dev/null; then \
	  echo "creating $(VENV) with $(PYTHON)"; rm -rf $(VENV); $(PYTHON) -m venv $(VENV); fi
	@rm -f $(VENV)/.stamp-requirements-dev*
	@echo "installing requirements-dev.txt$(if $(CORE_PIN), with ansible-core==$(CORE_PIN),) into $(VENV)"
	@grep -v '^ansible-core' requirements-dev.txt > $(VENV)/requirements-dev-nocore.txt
	@# (the grep drops only this machine's noise about missing file:// index folders)
	$(VENV_PY) -m pip install --quiet --disable-pip-version-check \
	  $(if $(CORE_PIN),-r $(VENV)/requirements-dev-nocore.txt ansible-core==$(CORE_PIN),-r requirements-dev.txt) 2>&1 \
	  | { grep -v "^WARNING: Location 'file://.*' is ignored" || true; }
	@$(VENV_PY) -c 'from ansible.release import __version__ as v; import sys; \
	  sys.exit(0 if v == "$(or $(CORE_PIN),$(DEV_CORE_PIN))" else "ERROR: $(VENV) has ansible-core " + v)'
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
	@mkdir -p $(OUT_DIR)
	$(VENV)/bin/ansible-galaxy collection build --force --output-path $(OUT_DIR) .

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
	TEST_PYTHON=$(TEST_PYTHON) LOG_DIR=$(OUT_DIR) MIN_SANITY_TESTS=$(MIN_SANITY_TESTS)

sanity: ansible-test-prep ## ansible-test sanity on a staged copy (no ignore file)
	@$(ANSIBLE_TEST_ENV) tools/run_ansible_test.sh sanity $(SANITY_ARGS)

units: ansible-test-prep ## ansible-test units on a staged copy
	@$(ANSIBLE_TEST_ENV) tools/run_ansible_test.sh units $(UNITS_ARGS)

# --- integration / demo (use the built and installed collection) ------------------------
integration: install ## pytest tests/integration against build/collections
	PINGONE_TEST_COLLECTIONS_PATH=$(COLLECTIONS_DIR) PATH=$(abspath $(VENV))/bin:$$PATH \
	  $(VENV_PY) -m pytest tests/integration $(PYTEST_ARGS)

# --- the newest ansible-core, next to .venv -----------------------------------------------
# `make test` runs units, sanity and integration on the default .venv (requirements-dev.txt:
# ansible-core 2.19, the newest release for Python 3.11) and again on the newest release
# overall, in its own venv.  `make units-newest` etc. run one of them alone.
NEWEST_CORE   ?= 2.21.5
NEWEST_PYTHON ?= 3.13
NEWEST_VARS    = VENV=.venv-$(basename $(NEWEST_CORE)) CORE_PIN=$(NEWEST_CORE) PYTHON_VERSION=$(NEWEST_PYTHON) PYTHON=

units-newest: ## units on the newest ansible-core (NEWEST_CORE, in .venv-<release>)
	@$(MAKE) units $(NEWEST_VARS)

sanity-newest: ## sanity on the newest ansible-core
	@$(MAKE) sanity $(NEWEST_VARS)

integration-newest: ## integration on the newest ansible-core
	@$(MAKE) integration $(NEWEST_VARS)

# --- the ansible-core matrix (not in `make test`: about 20 minutes) ------------------------
# PIN@PYTHON per release: units and integration on each, sanity on MATRIX_SANITY as well.
# Releases before 2.20 run on Python 3.11; 2.20 and newer need 3.12+.
MATRIX        ?= 2.16.19@3.11 2.17.14@3.11 2.18.19@3.11 $(DEV_CORE_PIN)@3.11 2.20.10@3.12 $(NEWEST_CORE)@$(NEWEST_PYTHON)
MATRIX_SANITY ?= 2.16 $(basename $(NEWEST_CORE))

test-matrix: ## units + integration on ansible-core 2.16-2.21 (sanity on the oldest and newest); prints a table
	@MAKE="$(MAKE)" MATRIX_SANITY="$(MATRIX_SANITY)" tools/matrix.sh $(MATRIX)

# --- Ansible ecosystem tools (own venv: .venv-tools, requirements-lint.txt) ----------------
TOOLS_VENV  ?= .venv-tools
TOOLS_STAMP := $(TOOLS_VENV)/.stamp-requirements-lint
TOOLS_BIN    = $(abspath $(TOOLS_VENV))/bin
DOCS_DIR    ?= $(CURDIR)/build/docs
IMPORTER_DIR ?= $(CURDIR)/build/importer
# The tools' ansible-core must find the collection as built and installed (build/collections).
TOOLS_ENV    = PATH=$(TOOLS_BIN):$$PATH ANSIBLE_COLLECTIONS_PATH=$(COLLECTIONS_DIR) ANSIBLE_NOCOLOR=1

tools-venv: $(TOOLS_STAMP) ## Create .venv-tools with ansible-lint, antsibull-*, galaxy-importer, Sphinx

$(TOOLS_STAMP): requirements-lint.txt | check-python
	@if ! $(TOOLS_VENV)/bin/python -c 'import sys; sys.exit("%d.%d" % sys.version_info[:2] != "$(PYTHON_VERSION)")' 2>/dev/null; then \
	  echo "creating $(TOOLS_VENV) with $(PYTHON)"; rm -rf $(TOOLS_VENV); $(PYTHON) -m venv $(TOOLS_VENV); fi
	@echo "installing requirements-lint.txt into $(TOOLS_VENV)"
	$(TOOLS_VENV)/bin/python -m pip install --quiet --disable-pip-version-check -r requirements-lint.txt 2>&1 \
	  | { grep -v "^WARNING: Location 'file://.*' is ignored" || true; }
	@touch $@

lint: install $(TOOLS_STAMP) ## ansible-lint, production profile (.ansible-lint), against build/collections
	$(TOOLS_ENV) ansible-lint --nocolor

changelog: $(TOOLS_STAMP) ## Fold changelogs/fragments into changelogs/changelog.yaml and CHANGELOG.md
	@$(TOOLS_ENV) tools/changelog.sh release $(VERSION)

changelog-lint: $(TOOLS_STAMP) ## antsibull-changelog lint, and fail while CHANGELOG.md misses a fragment or module
	@$(TOOLS_ENV) tools/changelog.sh check $(VERSION)

docs: install $(TOOLS_STAMP) ## antsibull-docs lint + HTML site in build/docs/html (Sphinx -W, offline)
	$(TOOLS_ENV) antsibull-docs lint-collection-docs --plugin-docs $(COLLECTIONS_DIR)/ansible_collections/$(NAMESPACE)/$(NAME)
	@rm -rf $(DOCS_DIR) && mkdir -p $(DOCS_DIR)/src/collection $(DOCS_DIR)/src/guides
	@chmod og-w $(DOCS_DIR)/src/collection
	cd $(DOCS_DIR) && $(TOOLS_ENV) antsibull-docs --config-file $(CURDIR)/tools/docsite/antsibull-docs.cfg \
	  collection --use-current --squash-hierarchy --dest-dir src/collection $(NAMESPACE).$(NAME)
	@cp tools/docsite/index.rst $(DOCS_DIR)/src/
	@# the guides: docs/ minus docsite/; links out of docs/ lead to the repository
	@$(TOOLS_BIN)/python tools/docsite/copy_guides.py docs $(DOCS_DIR)/src/guides $(call galaxy_field,repository)
	$(TOOLS_ENV) sphinx-build -W --keep-going -q -b html -c tools/docsite $(DOCS_DIR)/src $(DOCS_DIR)/html
	@echo "OK: documentation site: $(DOCS_DIR)/html/index.html ($$(find $(DOCS_DIR)/html -name '*.html' | wc -l) pages)"

importer: build $(TOOLS_STAMP) ## galaxy-importer on the built tarball; fails on any error or warning
	@$(TOOLS_BIN)/python tools/run_importer.py $(TARBALL) $(IMPORTER_DIR)

ee-check: install $(TOOLS_STAMP) ## ansible-builder introspect: the EE requirements of meta/execution-environment.yml
	@$(TOOLS_BIN)/ansible-builder introspect --sanitize $(COLLECTIONS_DIR) | tee $(OUT_DIR)/ee-introspect.txt
	@sed -e 's/#.*//' -e '/^[[:space:]]*$$/d' requirements.txt | while read -r req; do \
	  grep -qF -- "- '$$req  # from collection $(NAMESPACE).$(NAME)'" $(OUT_DIR)/ee-introspect.txt \
	    || { echo "ERROR: ansible-builder does not collect '$$req' (requirements.txt) from meta/execution-environment.yml" >&2; exit 1; }; \
	done
	@echo "OK: an execution environment built with the collection gets every requirement of requirements.txt"

# --- make test ---------------------------------------------------------------------------------
# What CI runs.  Cheapest first; stops at the first failure and prints each stage's time.
TEST_STAGES ?= units units-newest changelog-lint lint docs importer ee-check \
	sanity sanity-newest integration integration-newest

test: ## TEST_STAGES: units, sanity, integration on 2.19 and the newest core; lint, changelog, docs, importer
	@MAKE="$(MAKE)" tools/run_stages.sh $(TEST_STAGES)

bench: install ## Benchmark: per-task cost vs ping and uri, then users at scale under a rate limit (prints figures)
	PINGONE_TEST_COLLECTIONS_PATH=$(COLLECTIONS_DIR) $(VENV_PY) bench/run_bench.py $(BENCH_ARGS)
	PINGONE_TEST_COLLECTIONS_PATH=$(COLLECTIONS_DIR) $(VENV_PY) bench/provisioning_bench.py $(PROVISIONING_BENCH_ARGS)
	PINGONE_TEST_COLLECTIONS_PATH=$(COLLECTIONS_DIR) $(VENV_PY) bench/config_bench.py $(CONFIG_BENCH_ARGS)

demo: install ## Against a simulator of its own: get_token.yml, create_test_environment.yml, any_object.yml and secure_application.yml twice each, then the promotion and drift demo
	@VENV=$(VENV) COLLECTIONS_DIR=$(COLLECTIONS_DIR) tools/demo.sh $(DEMO_ARGS)

# `make sim` leaves the simulator running for your own playbooks (docs/try-it-locally.md).
SIM_STATE_DIR ?= $(CURDIR)/build/sim

sim: install ## Start the local simulator in the background; print the PINGONE_* export lines and how to stop it
	@VENV=$(VENV) COLLECTIONS_DIR=$(COLLECTIONS_DIR) SIM_STATE_DIR=$(SIM_STATE_DIR) tools/sim.sh start

sim-stop: ## Stop the simulator that `make sim` started (the pid it wrote)
	@SIM_STATE_DIR=$(SIM_STATE_DIR) tools/sim.sh stop

# --- housekeeping ------------------------------------------------------------------------
clean: ## Remove build/, the staged ansible-test copies and the venv stamps
	rm -rf build tests/output $(TEST_ROOT_BASE) $(TEST_ROOT)/sanity $(TEST_ROOT)/units
	rm -f .venv/.stamp-* .venv-*/.stamp-*

distclean: clean ## clean + remove .venv and every .venv-* (matrix releases, tools)
	rm -rf $(VENV) .venv-*
