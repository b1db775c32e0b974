#!/usr/bin/env bash
# Run the local PingOne simulator in the background, for your own playbooks (`make sim`).
#
# Usage: tools/sim.sh start     start it (or find it running), print the export lines and how to stop it
#        tools/sim.sh env       print only the export lines of the running simulator: eval "$(tools/sim.sh env)"
#        tools/sim.sh stop      stop it (`make sim-stop`): kills the pid that start wrote, nothing else
#        tools/sim.sh status    say whether it runs
# Environment (all optional):
#   VENV             virtualenv with ansible-core, trustme and cryptography (default: .venv)
#   COLLECTIONS_DIR  where `make install` put the collection (default: build/collections)
#   SIM_STATE_DIR    state directory: simulator.json, ca.pem, simulator.pid, simulator.log (default: build/sim)
#   SIM_TIMEOUT      seconds to wait for the simulator to write simulator.json (default: 20)
#   SIM_ARGS         more arguments for tests/simulator/pingone_simulator.py (for example --port 8443)
#
# The client secret printed is that of the simulator's built-in demo client: a test value that
# exists only in tests/simulator/pingone_simulator.py and opens nothing but this local simulator.
set -euo pipefail

repo=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd -P)
cd "$repo"

VENV=${VENV:-.venv}
COLLECTIONS_DIR=${COLLECTIONS_DIR:-build/collections}
SIM_STATE_DIR=${SIM_STATE_DIR:-build/sim}
SIM_TIMEOUT=${SIM_TIMEOUT:-20}
SIM_ARGS=${SIM_ARGS:-}
venv_python="$VENV/bin/python"
state_file="$SIM_STATE_DIR/simulator.json"
pid_file="$SIM_STATE_DIR/simulator.pid"
log_file="$SIM_STATE_DIR/simulator.log"

fail() {
    echo "sim: ERROR: $*" >&2
    exit 1
}

# The pid in simulator.pid, if that process is alive and is this simulator (never a recycled pid).
running_pid() {
    [[ -s $pid_file ]] || return 1
    local pid
    pid=$(<"$pid_file")
    [[ $pid =~ ^[0-9]+$ ]] || return 1
    kill -0 "$pid" 2>/dev/null || return 1
    if [[ -r /proc/$pid/cmdline ]]; then
        tr '\0' ' ' <"/proc/$pid/cmdline" | grep -q 'pingone_simulator.py' || return 1
    fi
    echo "$pid"
}

# The export lines, from simulator.json (venv python + json; no jq). Values are shell-quoted.
exports() {
    local collections venv_bin
    collections=$(cd "$COLLECTIONS_DIR" && pwd -P)
    venv_bin=$(cd "$VENV/bin" && pwd -P)
    "$venv_python" - "$state_file" "$collections" "$venv_bin" <<'EOF'
import json
import shlex
import sys

with open(sys.argv[1], encoding='utf-8') as f:
    state = json.load(f)
missing = [key for key in ('host', 'ca_path', 'environment_id', 'client_id', 'client_secret') if not state.get(key)]
if missing:
    sys.exit('simulator.json lacks: %s' % ', '.join(missing))
for name, value in (('PINGONE_ENVIRONMENT_ID', state['environment_id']), ('PINGONE_CLIENT_ID', state['client_id']),
                    ('PINGONE_CLIENT_SECRET', state['client_secret']), ('PINGONE_AUTH_SERVICE_HOSTNAME', state['host']),
                    ('PINGONE_API_SERVICE_HOSTNAME', state['host']), ('PINGONE_CA_PATH', state['ca_path']),
                    ('ANSIBLE_COLLECTIONS_PATH', sys.argv[2])):
    print('export %s=%s' % (name, shlex.quote(value)))
print('export PATH=%s:"$PATH"' % shlex.quote(sys.argv[3]))
EOF
}

start() {
    [[ -x $venv_python ]] || fail "$venv_python not found; run 'make venv' (or 'make sim', which does it)"
    [[ -d $COLLECTIONS_DIR/ansible_collections ]] || fail "$COLLECTIONS_DIR has no installed collection; run 'make install'"
    mkdir -p "$SIM_STATE_DIR"
    local pid
    if pid=$(running_pid) && [[ -s $state_file ]]; then
        echo "# The simulator is already running (pid $pid); its settings are unchanged."
    else
        rm -f "$state_file" "$pid_file"
        # nohup and a log file: it outlives this shell and the make that started it, and its
        # request log (method, path and status only) does not interleave with your terminal.
        # shellcheck disable=SC2086  # SIM_ARGS is a list of words on purpose
        nohup "$venv_python" tests/simulator/pingone_simulator.py --state-dir "$SIM_STATE_DIR" $SIM_ARGS \
            >"$log_file" 2>&1 </dev/null &
        pid=$!
        echo "$pid" >"$pid_file"
        local deadline=$((SECONDS + SIM_TIMEOUT))
        until [[ -s $state_file ]]; do
            if ! kill -0 "$pid" 2>/dev/null; then
                rm -f "$pid_file"
                fail "the simulator exited before writing $state_file; its output ($log_file):
$(tail -20 "$log_file")"
            fi
            if ((SECONDS >= deadline)); then
                kill -TERM "$pid" 2>/dev/null || true
                rm -f "$pid_file"
                fail "the simulator did not write $state_file within ${SIM_TIMEOUT}s (see $log_file)"
            fi
            sleep 0.1
        done
        echo "# The PingOne simulator is running in the background (pid $pid), at $("$venv_python" -c \
            'import json, sys; print(json.load(open(sys.argv[1]))["url"])' "$state_file")."
        echo "# Its request log: $(cd "$(dirname "$log_file")" && pwd -P)/$(basename "$log_file")"
    fi
    cat <<EOF
# Paste these lines into your shell (or run: eval "\$(tools/sim.sh env)"), then run your own playbook:
#   ansible-playbook my_playbook.yml        (every pingone.platform module reads the PINGONE_* variables)
# PINGONE_CLIENT_SECRET is the secret of the simulator's built-in demo client: a test value, valid only here.
EOF
    exports
    cat <<EOF
# Stop it with: make sim-stop   (or: tools/sim.sh stop)
EOF
}

stop() {
    local pid
    if ! pid=$(running_pid); then
        rm -f "$pid_file"
        echo "sim: no simulator started by 'make sim' is running (no live pid in $pid_file)."
        return 0
    fi
    kill -TERM "$pid" 2>/dev/null || true
    for _ in $(seq 50); do
        kill -0 "$pid" 2>/dev/null || break
        sleep 0.1
    done
    if kill -0 "$pid" 2>/dev/null; then
        echo "sim: the simulator (pid $pid) did not stop on SIGTERM, killing it" >&2
        kill -KILL "$pid" 2>/dev/null || true
    fi
    rm -f "$pid_file" "$state_file"
    echo "sim: stopped the simulator (pid $pid)."
}

case ${1:-start} in
    start) start ;;
    env)
        running_pid >/dev/null && [[ -s $state_file ]] || fail "no simulator is running; start it with 'make sim'"
        exports
        ;;
    stop) stop ;;
    status)
        if pid=$(running_pid); then echo "sim: running (pid $pid), state in $SIM_STATE_DIR"; else echo "sim: not running"; exit 1; fi
        ;;
    *) fail "unknown command '$1': use start, env, stop or status" ;;
esac
