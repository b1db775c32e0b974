#!/usr/bin/env bash
# Run an example playbook against the local PingOne simulator, using the collection
# built and installed by `make install` (build/collections), not the source tree.
#
# Usage: tools/demo.sh [extra ansible-playbook args...]     (normally via `make demo`)
# Environment (all optional):
#   VENV             virtualenv with ansible-core (default: .venv)
#   COLLECTIONS_DIR  where `make install` put the collection (default: build/collections)
#   DEMO_PLAYBOOK    playbook to run (default: docs/examples/get_token.yml)
#   PROVISION_PLAYBOOK  then run twice; the second run must change nothing
#                    (default: docs/examples/create_test_environment.yml; empty: skip)
#   ANY_OBJECT_PLAYBOOK then configure that environment with pingone_object, twice; the second run must change
#                    nothing (default: docs/examples/any_object.yml; empty: skip)
#   SECURE_APPLICATION_PLAYBOOK then secure an application in that environment (sign-on policy, API, identity
#                    provider, grants, claims), twice; the second run must change nothing
#                    (default: docs/examples/secure_application.yml; empty: skip)
#   PROMOTE_PLAYBOOK last, promote that environment (which holds every family of kinds by then) to a new one, twice
#                    (the second run must change nothing), change one application by hand (tools/demo_drift.yml)
#                    and run it with --check --diff: exactly one change (default: docs/examples/promote_environment.yml;
#                    empty: skip)
#   SIM_STATE_DIR    simulator state directory (default: build/sim)
#   SIM_TIMEOUT      seconds to wait for the simulator to listen (default: 20)
set -euo pipefail

repo=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd -P)
cd "$repo"

VENV=${VENV:-.venv}
COLLECTIONS_DIR=${COLLECTIONS_DIR:-build/collections}
DEMO_PLAYBOOK=${DEMO_PLAYBOOK:-docs/examples/get_token.yml}
SIM_STATE_DIR=${SIM_STATE_DIR:-build/sim}
SIM_TIMEOUT=${SIM_TIMEOUT:-20}
venv_python="$VENV/bin/python"
# A simulator left running by `make sim` (tools/sim.sh) owns its state directory: its CA and
# simulator.json must not be replaced under it, so the demo's own simulator goes next to it.
if [[ -s $SIM_STATE_DIR/simulator.pid ]] && kill -0 "$(<"$SIM_STATE_DIR/simulator.pid")" 2>/dev/null; then
    echo "demo: the simulator of 'make sim' runs in $SIM_STATE_DIR; the demo uses $SIM_STATE_DIR-demo" >&2
    SIM_STATE_DIR="$SIM_STATE_DIR-demo"
fi
state_file="$SIM_STATE_DIR/simulator.json"

fail() {
    echo "demo: ERROR: $*" >&2
    exit 1
}

[[ -x $venv_python ]] || fail "$venv_python not found; run 'make venv' first"
[[ -f $DEMO_PLAYBOOK ]] || fail "playbook $DEMO_PLAYBOOK not found"
[[ -d $COLLECTIONS_DIR/ansible_collections ]] || fail "$COLLECTIONS_DIR has no installed collection; run 'make install'"

sim_pid=
stop_simulator() {
    if [[ -n $sim_pid ]] && kill -0 "$sim_pid" 2>/dev/null; then
        kill -TERM "$sim_pid" 2>/dev/null || true
        for _ in $(seq 50); do
            kill -0 "$sim_pid" 2>/dev/null || break
            sleep 0.1
        done
        if kill -0 "$sim_pid" 2>/dev/null; then
            echo "demo: simulator did not stop on SIGTERM, killing it" >&2
            kill -KILL "$sim_pid" 2>/dev/null || true
        fi
        wait "$sim_pid" 2>/dev/null || true
    fi
    sim_pid=
}
trap stop_simulator EXIT
trap 'exit 130' INT
trap 'exit 143' TERM

# run_twice_second_unchanged PLAYBOOK LOG_NAME [ansible-playbook args...]: run PLAYBOOK twice (logs in
# $SIM_STATE_DIR/LOG_NAME-run-N.log); the first run must change something, the second nothing. Empty PLAYBOOK: skip.
run_twice_second_unchanged() {
    local playbook=$1 log=$2 run recap
    shift 2
    [[ -n $playbook ]] || return 0
    [[ -f $playbook ]] || fail "playbook $playbook not found"
    for run in 1 2; do
        echo "+ ansible-playbook $playbook -i localhost, -c local $*    (run $run of 2)"
        ansible-playbook "$playbook" -i localhost, -c local \
            -e 'ansible_python_interpreter={{ ansible_playbook_python }}' "$@" | tee "$SIM_STATE_DIR/$log-run-$run.log"
    done
    recap=$(grep -E '^localhost +:' "$SIM_STATE_DIR/$log-run-1.log" || true)
    [[ $recap == *" failed=0 "* && $recap != *" changed=0 "* ]] || fail "the first run of $playbook did not change the environment: $recap"
    recap=$(grep -E '^localhost +:' "$SIM_STATE_DIR/$log-run-2.log" || true)
    [[ $recap == *" changed=0 "* && $recap == *" failed=0 "* ]] || fail "the second run of $playbook was not unchanged: $recap"
    echo "demo: the second run of $playbook changed nothing: $(tr -s ' ' <<<"$recap")"
}

# --- start the simulator and wait until it listens --------------------------------------
mkdir -p "$SIM_STATE_DIR"
rm -f "$state_file"
"$venv_python" tests/simulator/pingone_simulator.py --state-dir "$SIM_STATE_DIR" &
sim_pid=$!

deadline=$((SECONDS + SIM_TIMEOUT))
until [[ -s $state_file ]]; do
    kill -0 "$sim_pid" 2>/dev/null || fail "simulator exited before writing $state_file (see its output above)"
    ((SECONDS < deadline)) || fail "simulator did not write $state_file within ${SIM_TIMEOUT}s"
    sleep 0.1
done

# --- read its connection details (venv python + json; no jq) ----------------------------
mapfile -t sim < <("$venv_python" - "$state_file" <<'EOF'
import json
import sys

with open(sys.argv[1], encoding='utf-8') as f:
    state = json.load(f)
keys = ('host', 'ca_path', 'environment_id', 'client_id', 'client_secret', 'url')
missing = [key for key in keys if not state.get(key)]
if missing:
    sys.exit('simulator.json lacks: %s' % ', '.join(missing))
for key in keys:
    print(state[key])
EOF
)
((${#sim[@]} == 6)) || fail "could not read $state_file"

export PINGONE_AUTH_SERVICE_HOSTNAME="${sim[0]}"
export PINGONE_API_SERVICE_HOSTNAME="${sim[0]}"
export PINGONE_CA_PATH="${sim[1]}"
export PINGONE_ENVIRONMENT_ID="${sim[2]}"
export PINGONE_CLIENT_ID="${sim[3]}"
export PINGONE_CLIENT_SECRET="${sim[4]}"
echo "demo: simulator listening at ${sim[5]} (pid $sim_pid)"

# --- run the playbook with only the built collection visible ----------------------------
export ANSIBLE_COLLECTIONS_PATH
ANSIBLE_COLLECTIONS_PATH=$(cd "$COLLECTIONS_DIR" && pwd -P)
export ANSIBLE_COLLECTIONS_SCAN_SYS_PATH=false
PATH="$(cd "$VENV/bin" && pwd -P):$PATH"
export PATH

echo "+ ansible-playbook $DEMO_PLAYBOOK -i localhost, -c local $*"
ansible-playbook "$DEMO_PLAYBOOK" -i localhost, -c local \
    -e 'ansible_python_interpreter={{ ansible_playbook_python }}' "$@"

# --- provisioning on the token: run twice, and show that the second run changed nothing --
PROVISION_PLAYBOOK=${PROVISION_PLAYBOOK-docs/examples/create_test_environment.yml}
if [[ -n $PROVISION_PLAYBOOK ]]; then
    [[ -f $PROVISION_PLAYBOOK ]] || fail "playbook $PROVISION_PLAYBOOK not found"
    for run in 1 2; do
        echo "+ ansible-playbook $PROVISION_PLAYBOOK -i localhost, -c local $*    (run $run of 2)"
        ansible-playbook "$PROVISION_PLAYBOOK" -i localhost, -c local \
            -e 'ansible_python_interpreter={{ ansible_playbook_python }}' "$@" | tee "$SIM_STATE_DIR/provision-run-$run.log"
    done
    recap=$(grep -E '^localhost +:' "$SIM_STATE_DIR/provision-run-2.log" || true)
    [[ $recap == *" changed=0 "* && $recap == *" failed=0 "* ]] || fail "the second run of $PROVISION_PLAYBOOK was not unchanged: $recap"
    echo "demo: the second run of $PROVISION_PLAYBOOK changed nothing: $(tr -s ' ' <<<"$recap")"

    # --- any kind of object (pingone_object: one of each family), then a secured application (sign-on policy,
    # API, identity provider, grants and claims), over that environment: each twice; the second run changes nothing --
    run_twice_second_unchanged "${ANY_OBJECT_PLAYBOOK-docs/examples/any_object.yml}" any-object "$@"
    run_twice_second_unchanged "${SECURE_APPLICATION_PLAYBOOK-docs/examples/secure_application.yml}" secure-application "$@"

    # --- configuration as code: promote that environment (every family of kinds by now), twice (the second run
    # changes nothing), drift one application by hand, see exactly that drift in --check --diff --
    PROMOTE_PLAYBOOK=${PROMOTE_PLAYBOOK-docs/examples/promote_environment.yml}
    if [[ -n $PROMOTE_PLAYBOOK ]]; then
        play=(-i 'localhost,' -c local -e 'ansible_python_interpreter={{ ansible_playbook_python }}' "$@")
        run_twice_second_unchanged "$PROMOTE_PLAYBOOK" promote "$@"
        echo "+ ansible-playbook tools/demo_drift.yml, then $PROMOTE_PLAYBOOK --check --diff    (drift one application by hand, see it)"
        ansible-playbook tools/demo_drift.yml "${play[@]}" | tee "$SIM_STATE_DIR/promote-drift.log"
        ansible-playbook "$PROMOTE_PLAYBOOK" "${play[@]}" --check --diff | tee "$SIM_STATE_DIR/promote-check.log"
        recap=$(grep -E '^localhost +:' "$SIM_STATE_DIR/promote-check.log" || true)
        [[ $recap == *" changed=1 "* && $recap == *" failed=0 "* ]] || fail "--check --diff did not report exactly one change: $recap"
        # The role's last task shows environment_config_compared: changes (a count) and the drift, by kind and object.
        grep -q '"changes": 1,' "$SIM_STATE_DIR/promote-check.log" || fail "the role did not count exactly one change"
        grep -q 'changed-by-hand.example.com' "$SIM_STATE_DIR/promote-check.log" || fail "the diff does not show the changed redirect URIs"
        echo "demo: --check --diff reported exactly the redirect URIs changed by hand: $(tr -s ' ' <<<"$recap")"
    fi

fi
