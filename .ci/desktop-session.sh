#!/usr/bin/env bash
# Runs a command inside what a shop PC's desktop session has and a CI container lacks: a D-Bus session
# bus, an unlocked GNOME Keyring (Secret Service) and a PulseAudio server whose only speaker is a null
# sink. `posapp --selftest` then plays its chime and stores a secret for real.
#   bash .ci/desktop-session.sh <command> [args…]
# (Debian: dbus-user-session gnome-keyring pulseaudio; .ci/run installs them.)
set -euo pipefail
if [ -z "${POSAPP_DESKTOP_SESSION_INNER:-}" ]; then
  export POSAPP_DESKTOP_SESSION_INNER=1
  exec dbus-run-session -- bash "$0" "$@"
fi
runtime=$(mktemp -d /tmp/posapp-session-XXXXXX)
chmod 700 "$runtime"
export XDG_RUNTIME_DIR="$runtime" HOME="${SESSION_HOME:-$runtime/home}"
mkdir -p "$HOME"
pulse_pid=""
cleanup() {
  [ -n "$pulse_pid" ] && kill "$pulse_pid" 2>/dev/null || true
  rm -rf "$runtime"
}
trap cleanup EXIT

# The password creates and unlocks the login keyring, as a desktop login does (an empty one is refused).
eval "$(printf 'posapp-ci' | gnome-keyring-daemon --unlock --components=secrets)"
export GNOME_KEYRING_CONTROL

# As root PulseAudio warns that it is meant for a user session, and runs anyway.
pulseaudio --daemonize=no --exit-idle-time=-1 --disallow-exit --log-target=stderr --log-level=error \
  -n --load="module-native-protocol-unix" --load="module-null-sink sink_name=posapp_null" \
  --load="module-always-sink" 2>"$runtime/pulse.log" &
pulse_pid=$!
for _ in $(seq 50); do
  pactl info >/dev/null 2>&1 && break
  sleep 0.1
done
pactl info >/dev/null 2>&1 || { cat "$runtime/pulse.log" >&2; echo "desktop-session: PulseAudio did not start" >&2; exit 1; }
pactl set-default-sink posapp_null >/dev/null
"$@"
