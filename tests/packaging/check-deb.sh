#!/usr/bin/env bash
# Builds the .deb of a build folder with cpack into a temporary folder and checks its contents
# and its control fields.
set -euo pipefail

build_dir="$1"
work="$(mktemp -d)"
trap 'rm -rf "$work"' EXIT

cpack -G DEB --config "$build_dir/CPackConfig.cmake" -B "$work" >"$work/cpack.log" 2>&1 || {
    cat "$work/cpack.log" >&2
    exit 1
}
deb="$(find "$work" -maxdepth 1 -name 'tenantry_*.deb' | head -n 1)"
if [[ -z "$deb" ]]; then
    echo "check-deb: cpack made no tenantry_*.deb" >&2
    cat "$work/cpack.log" >&2
    exit 1
fi

contents="$(dpkg-deb -c "$deb")"
status=0
for path in ./usr/bin/tenantry ./usr/bin/tenantryd ./usr/bin/tenantry-metrics \
    ./usr/share/applications/dev.tenantry.Console.desktop \
    ./usr/share/metainfo/dev.tenantry.Console.metainfo.xml \
    ./usr/share/icons/hicolor/scalable/apps/dev.tenantry.Console.svg \
    ./usr/lib/systemd/system/tenantryd.service; do
    if ! grep -q " $path\$" <<<"$contents"; then
        echo "check-deb: $path is not in $(basename "$deb")" >&2
        status=1
    fi
done

depends="$(dpkg-deb -f "$deb" Depends)"
for dependency in libsecret-1-0 libqt6sql6-sqlite libqt6charts6 libqt6core6 libqt6network6 libqt6widgets6 libsqlite3-0 libargon2-1 libssl3; do
    if ! grep -q "$dependency" <<<"$depends"; then
        echo "check-deb: Depends lacks $dependency: $depends" >&2
        status=1
    fi
done
[[ $status -eq 0 ]] && echo "check-deb: $(basename "$deb") has every file; Depends: $depends"
exit $status
