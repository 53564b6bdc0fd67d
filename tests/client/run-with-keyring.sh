#!/usr/bin/env bash
# Runs a keychain test three times:
# 1. in a private D-Bus session with an unlocked gnome-keyring (Secret Service only), DISPLAY
#    unset and a temporary HOME, so no prompt can appear and no real keyring is touched;
# 2. with no D-Bus session at all, where the keychain is unavailable;
# 3. with a session bus that never answers (the test makes it), where the keychain is silent.
# Usage: run-with-keyring.sh <test executable> [QtTest arguments...]
set -euo pipefail

test_binary="$1"
shift

for tool in dbus-run-session gnome-keyring-daemon; do
    if ! command -v "$tool" >/dev/null; then
        echo "run-with-keyring: $tool is missing (scripts/bootstrap installs it)" >&2
        exit 1
    fi
done

home="$(mktemp -d)"
trap 'rm -rf "$home"' EXIT
mkdir -p "$home/.local/share/keyrings" "$home/.cache" "$home/.config"

unset DISPLAY WAYLAND_DISPLAY DBUS_SESSION_BUS_ADDRESS
export HOME="$home" XDG_DATA_HOME="$home/.local/share" XDG_CACHE_HOME="$home/.cache" \
    XDG_CONFIG_HOME="$home/.config" XDG_RUNTIME_DIR="$home"
chmod 700 "$home"

echo "run-with-keyring: with an unlocked gnome-keyring"
TENANTRY_KEYCHAIN=gnome-keyring dbus-run-session -- bash -c '
    set -euo pipefail
    # An empty password (one empty line) on stdin creates and unlocks the login keyring.
    eval "$(echo "" | gnome-keyring-daemon --unlock --components=secrets)"
    export GNOME_KEYRING_CONTROL
    exec "$@"' run-with-keyring "$test_binary" "$@"

echo "run-with-keyring: without a D-Bus session"
TENANTRY_KEYCHAIN=none DBUS_SESSION_BUS_ADDRESS="unix:path=$home/no-bus" \
    "$test_binary" "$@"

echo "run-with-keyring: with a session bus that never answers"
TENANTRY_KEYCHAIN=silent "$test_binary" "$@"
