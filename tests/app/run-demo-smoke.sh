#!/usr/bin/env bash
# tenantry --demo end to end, without a display: it starts the bundled tenantryd, signs in as the
# demo admin, counts the tenants and quits; then the server it started must be gone (stopped
# with SIGTERM), and its log must be readable by the owner only (it holds the demo passwords).
# Usage: run-demo-smoke.sh <tenantry>
set -euo pipefail

tenantry="$1"
data="$(mktemp -d)"
trap 'rm -rf "$data"' EXIT

output="$(env -u DISPLAY -u WAYLAND_DISPLAY QT_QPA_PLATFORM=offscreen LC_ALL=C.UTF-8 \
    "$tenantry" --demo --data-dir "$data/demo" --exit-when-ready 2>"$data/stderr")" || {
    echo "run-demo-smoke: tenantry failed:" >&2
    cat "$data/stderr" >&2
    exit 1
}
echo "$output"
if ! grep -Eq '^Signed in as admin@demo\.tenantry\.dev on http://127\.0\.0\.1:[0-9]+: 2,?000 tenant' \
    <<<"$output"; then
    echo "run-demo-smoke: unexpected outcome" >&2
    exit 1
fi

port="$(cat "$data/demo/port")"
if (exec 3<>"/dev/tcp/127.0.0.1/$port") 2>/dev/null; then
    echo "run-demo-smoke: tenantryd still answers on port $port after tenantry quit" >&2
    exit 1
fi
if [ "$(stat -c %a "$data/demo/tenantryd.log")" != "600" ]; then
    echo "run-demo-smoke: tenantryd.log is readable by others" >&2
    exit 1
fi
echo "run-demo-smoke: passed"
