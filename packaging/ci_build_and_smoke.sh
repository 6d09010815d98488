#!/usr/bin/env bash
# Build the Linux payload and .deb from the locked build requirements, install the .deb on this machine,
# run the INSTALLED binary's smoke mode offscreen and its --selftest in a desktop session (keyring, null
# sound sink), compile the NSIS script against the Linux folder (a stand-in payload: it proves the script
# is valid; the real .exe is built on a Windows runner), then build the wheel, install it into a fresh
# venv outside the checkout and run its --selftest too.
# Called from .ci/run:   bash packaging/ci_build_and_smoke.sh
set -euo pipefail
cd "$(dirname "$0")/.."
REPO=$PWD
export DEBIAN_FRONTEND=noninteractive
SECONDS=0
SUDO=""; [ "$(id -u)" -ne 0 ] && SUDO="sudo"

need=()
command -v makensis >/dev/null 2>&1 || need+=(nsis)
command -v dpkg-deb >/dev/null 2>&1 || need+=(dpkg)
python3 -c "import venv, ensurepip" 2>/dev/null || need+=(python3-venv)
if [ ${#need[@]} -gt 0 ]; then
  $SUDO apt-get update -qq
  $SUDO apt-get install -y -qq --no-install-recommends "${need[@]}" >/dev/null
fi

# A build venv from the lock file only (no test extras: keyrings.alt must never reach the bundle).
BUILD_VENV=build/venv-build
if [ ! -x "$BUILD_VENV/bin/python" ] || ! cmp -s packaging/requirements-build.txt "$BUILD_VENV/.lock"; then
  rm -rf "$BUILD_VENV"
  python3 -m venv "$BUILD_VENV"
  "$BUILD_VENV/bin/pip" install -q --require-hashes -r packaging/requirements-build.txt
  cp packaging/requirements-build.txt "$BUILD_VENV/.lock"
fi
"$BUILD_VENV/bin/pip" install -q --no-deps --force-reinstall .
echo "ci-packaging: build venv ready (${SECONDS}s)"

"$BUILD_VENV/bin/python" packaging/build.py --deb --nsis --fast
version=$("$BUILD_VENV/bin/python" -c 'import sys; sys.path.insert(0, "packaging"); import build; print(build.version())')
deb=$(ls dist/posapp_"$version"_*.deb)
setup="dist/posapp-$version-setup.exe"
[ -s "$setup" ] || { echo "ci-packaging: NSIS did not produce $setup" >&2; exit 1; }
echo "ci-packaging: built $deb and $setup (${SECONDS}s)"

# Install like a shop owner's double-click would: dpkg, then let apt bring the declared dependencies.
$SUDO dpkg -i "$deb" >/dev/null 2>&1 || $SUDO apt-get install -f -y -qq --no-install-recommends >/dev/null
dpkg-query -W -f='${Status}\n' posapp | grep -q "install ok installed"
for path in /usr/bin/posapp /opt/posapp/posapp /usr/share/applications/posapp.desktop \
            /usr/share/icons/hicolor/256x256/apps/posapp.png; do
  [ -e "$path" ] || { echo "ci-packaging: $path missing after install" >&2; exit 1; }
done

# Run from an empty folder with a bare environment: nothing may come from the checkout or the venvs.
smoke_dir=$(mktemp -d)
(cd "$smoke_dir" && env -i HOME="$smoke_dir" PATH=/usr/bin:/bin QT_QPA_PLATFORM=offscreen \
   PYTHON_KEYRING_BACKEND=posapp.runtime.smoke.SmokeKeyring \
   timeout 120 /usr/bin/posapp --smoke) | tee "$smoke_dir/smoke.out"
grep -q "^smoke: ok$" "$smoke_dir/smoke.out"
/usr/bin/posapp --version

# Every part of the installed app, for real: the chime through PulseAudio, a Secret Service keyring, …
(cd "$smoke_dir" && env -i HOME="$smoke_dir" PATH=/usr/bin:/bin QTWEBENGINE_DISABLE_SANDBOX=1 \
   timeout 180 bash "$REPO/.ci/desktop-session.sh" /usr/bin/posapp --selftest) 2>"$smoke_dir/selftest.err" \
   | tee "$smoke_dir/selftest.out" || { tail -40 "$smoke_dir/selftest.err" >&2; exit 1; }
grep -q "^selftest: ok" "$smoke_dir/selftest.out"
rm -rf "$smoke_dir"
echo "ci-packaging: installed .deb passed its smoke run and selftest; NSIS script compiled (${SECONDS}s)"

# The wheel: resources inside the package, installed from the lock into a venv that knows no checkout.
rm -f dist/posapp-*.whl
"$BUILD_VENV/bin/pip" wheel -q --no-deps -w dist .
wheel=$(ls "$PWD"/dist/posapp-*.whl)
wheel_dir=$(mktemp -d)
python3 -m venv "$wheel_dir/venv"
"$wheel_dir/venv/bin/pip" install -q --require-hashes -r packaging/requirements-build.txt
"$wheel_dir/venv/bin/pip" install -q --no-deps "$wheel"
"$wheel_dir/venv/bin/pip" check
(cd "$wheel_dir" && env -i HOME="$wheel_dir" PATH=/usr/bin:/bin QTWEBENGINE_DISABLE_SANDBOX=1 \
   timeout 180 bash "$REPO/.ci/desktop-session.sh" "$wheel_dir/venv/bin/posapp" --selftest) \
   2>"$wheel_dir/selftest.err" | tee "$wheel_dir/selftest.out" || { tail -40 "$wheel_dir/selftest.err" >&2; exit 1; }
grep -q "^selftest: ok" "$wheel_dir/selftest.out"

# The relay's install path (packaging/relay/README.md): its own lock and the wheel without dependencies;
# no Qt on the server, and its commands work.
python3 -m venv "$wheel_dir/relay"
"$wheel_dir/relay/bin/pip" install -q --require-hashes -r packaging/relay/requirements.txt
"$wheel_dir/relay/bin/pip" install -q --no-deps "$wheel"
(cd "$wheel_dir" && "$wheel_dir/relay/bin/posapp" relay gen-key >/dev/null \
  && "$wheel_dir/relay/bin/posapp" relay add-store --db "sqlite:///$wheel_dir/relay.db" --shop-id 1 --name CI >/dev/null \
  && "$wheel_dir/relay/bin/posapp" relay list-stores --db "sqlite:///$wheel_dir/relay.db" | grep -q CI)
if "$wheel_dir/relay/bin/python" -c "import PySide6" 2>/dev/null; then
  echo "ci-packaging: the relay's venv has PySide6" >&2; exit 1
fi
echo "ci-packaging: the relay installs from its lock without Qt and runs its commands (${SECONDS}s)"
rm -rf "$wheel_dir"
echo "ci-packaging: the wheel $(basename "$wheel") passed its selftest in a fresh venv (${SECONDS}s total)"
