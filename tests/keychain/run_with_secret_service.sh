#!/bin/sh
# Runs a keychain test binary against a private Secret Service: its own D-Bus session bus
# (dbus-run-session) and an unlocked gnome-keyring-daemon whose keyrings live in a throw-away
# HOME, so the user's own keyring is never read or written. Prints "SKIP keychain test: ..."
# and exits 0 where the tools are missing. Usage: run_with_secret_service.sh TEST_BINARY [ARGS]
set -u

if [ "${1:-}" = "--inside-bus" ]; then
    # Second stage, inside dbus-run-session: start the keyring, run the test, stop the keyring.
    shift
    tmp=$1
    shift
    # In the foreground so that $! is the daemon itself; its output goes to files so that it
    # holds none of ctest's pipes. The password on stdin creates and unlocks the login keyring.
    printf 'traindeck-test-unlock' |
        gnome-keyring-daemon --foreground --unlock --components=secrets \
            >"$tmp/gnome-keyring.out" 2>"$tmp/gnome-keyring.err" &
    keyring_pid=$!
    trap 'kill "$keyring_pid" 2>/dev/null; wait "$keyring_pid" 2>/dev/null' EXIT
    trap 'exit 143' TERM INT HUP
    # Wait until the daemon owns the Secret Service name: a call before that would make the bus
    # start a second, locked daemon by D-Bus activation.
    tries=0
    until dbus-send --session --print-reply --dest=org.freedesktop.DBus /org/freedesktop/DBus \
        org.freedesktop.DBus.NameHasOwner string:org.freedesktop.secrets 2>/dev/null |
        grep -q 'boolean true'; do
        tries=$((tries + 1))
        if [ "$tries" -ge 100 ] || ! kill -0 "$keyring_pid" 2>/dev/null; then
            echo "FAIL: gnome-keyring-daemon did not provide org.freedesktop.secrets" >&2
            cat "$tmp/gnome-keyring.err" >&2
            exit 1
        fi
        sleep 0.1
    done
    "$@"
    exit $?
fi

bin=${1:?usage: run_with_secret_service.sh TEST_BINARY [ARGS]}
shift
for tool in dbus-run-session dbus-send gnome-keyring-daemon; do
    if ! command -v "$tool" >/dev/null 2>&1; then
        echo "SKIP keychain test: $tool is not installed (packages dbus, gnome-keyring)"
        exit 0
    fi
done

tmp=$(mktemp -d "${TMPDIR:-/tmp}/traindeck-keychain.XXXXXX") || exit 1
trap 'rm -rf "$tmp"' EXIT
trap 'exit 143' TERM INT HUP
export HOME="$tmp/home"
export XDG_DATA_HOME="$HOME/.local/share" XDG_CONFIG_HOME="$HOME/.config"
export XDG_CACHE_HOME="$HOME/.cache" XDG_RUNTIME_DIR="$tmp/run"
mkdir -p "$XDG_DATA_HOME" "$XDG_CONFIG_HOME" "$XDG_CACHE_HOME" "$XDG_RUNTIME_DIR"
chmod 700 "$HOME" "$XDG_RUNTIME_DIR"
# A desktop session around the test must not choose the backend (KWallet) or leak a bus.
unset DISPLAY WAYLAND_DISPLAY DBUS_SESSION_BUS_ADDRESS XDG_CURRENT_DESKTOP DESKTOP_SESSION \
    KDE_FULL_SESSION KDE_SESSION_VERSION GNOME_DESKTOP_SESSION_ID GNOME_KEYRING_CONTROL \
    SECRET_BACKEND
# Tells the binary it may use the bus, and which HOME it must find (it refuses any other).
export TRAINDECK_KEYCHAIN_TEST=secret-service TRAINDECK_KEYCHAIN_TEST_HOME="$HOME"

dbus-run-session -- sh "$0" --inside-bus "$tmp" "$bin" "$@"
