"""packaging/build.py: version from pyproject, the .deb layout and metadata, the NSIS compile."""

from __future__ import annotations

import importlib
import shutil
import subprocess
import tomllib
from pathlib import Path

import pytest

# By name: packaging/ is put on sys.path by conftest, and a local build/ folder confuses import sorting.
build = importlib.import_module("build")
qt_modules = importlib.import_module("qt_modules")
locks = importlib.import_module("locks")

ROOT = Path(__file__).resolve().parents[2]
needs_dpkg = pytest.mark.skipif(shutil.which("dpkg-deb") is None, reason="dpkg-deb not installed")
needs_makensis = pytest.mark.skipif(shutil.which("makensis") is None, reason="apt-get install nsis")


@pytest.fixture
def payload(tmp_path: Path) -> Path:
    """A stand-in for the PyInstaller folder: an executable and an _internal tree."""
    folder = tmp_path / "dist" / "posapp"
    (folder / "_internal" / "resources").mkdir(parents=True)
    (folder / "_internal" / "resources" / "note.txt").write_text("resource", encoding="utf-8")
    exe = folder / "posapp"
    exe.write_text("#!/bin/sh\necho posapp stand-in\n", encoding="utf-8")
    exe.chmod(0o755)
    return folder


@pytest.fixture
def icons(tmp_path: Path) -> tuple[Path, Path]:
    return build.make_icons(tmp_path / "icons")


def test_version_comes_from_pyproject() -> None:
    declared = tomllib.loads((ROOT / "pyproject.toml").read_text(encoding="utf-8"))["project"]["version"]
    assert build.version() == declared


def test_deb_control_declares_the_qt_system_libraries() -> None:
    control = build.deb_control("1.2.3", "amd64", 1000)
    depends = next(line for line in control.splitlines() if line.startswith("Depends:"))
    for library in ("libgl1", "libegl1", "libfontconfig1", "libxkbcommon0", "libxcb-cursor0"):
        assert library in depends
    assert "Version: 1.2.3\n" in control and "Architecture: amd64\n" in control
    assert control.endswith("\n")


def test_staged_tree_has_opt_launcher_desktop_entry_and_icon(
    tmp_path: Path, payload: Path, icons: tuple[Path, Path]
) -> None:
    staging = build.stage_deb(payload, tmp_path / "stage", "1.2.3", "amd64", icons[0])
    assert (staging / "opt/posapp/posapp").stat().st_mode & 0o111
    launcher = staging / "usr/bin/posapp"
    assert launcher.stat().st_mode & 0o777 == 0o755
    assert "exec /opt/posapp/posapp" in launcher.read_text(encoding="utf-8")
    desktop = (staging / "usr/share/applications/posapp.desktop").read_text(encoding="utf-8")
    assert "Exec=/usr/bin/posapp" in desktop and "Icon=posapp" in desktop
    assert (staging / "usr/share/icons/hicolor/256x256/apps/posapp.png").stat().st_size > 0
    assert (staging / "DEBIAN/postinst").stat().st_mode & 0o777 == 0o755
    copyright_file = (staging / "usr/share/doc/posapp/copyright").read_text(encoding="utf-8")
    assert "LGPL-3.0" in copyright_file and "THIRD-PARTY-NOTICES" in copyright_file


def test_installed_size_counts_a_symlinked_library_once(
    tmp_path: Path, payload: Path, icons: tuple[Path, Path]
) -> None:
    library = payload / "_internal" / "libQt6Core.so.6"
    library.write_bytes(b"\0" * 4_000_000)
    (payload / "_internal" / "libQt6Core.so").symlink_to(library.name)
    staging = build.stage_deb(payload, tmp_path / "stage", "1.2.3", "amd64", icons[0])
    control = (staging / "DEBIAN/control").read_text(encoding="utf-8")
    size_kb = int(control.split("Installed-Size: ")[1].split()[0])
    assert 3_907 <= size_kb < 3_907 + 200  # the library once, plus the small files around it


def test_the_qt_lgpl_notice_ships_with_the_app() -> None:
    spec = (ROOT / "packaging" / "posapp.spec").read_text(encoding="utf-8")
    assert '(str(ROOT / "packaging" / "licenses"), "licenses")' in spec
    notice = (ROOT / "packaging/licenses/THIRD-PARTY-NOTICES.txt").read_text(encoding="utf-8")
    assert "LGPL-3.0" in notice and "replace them" in notice
    assert "GNU LESSER GENERAL PUBLIC LICENSE" in (ROOT / "packaging/licenses/LGPL-3.0.txt").read_text()


@needs_dpkg
def test_deb_builds_and_dpkg_reads_it_back(tmp_path: Path, payload: Path, icons: tuple[Path, Path]) -> None:
    staging = build.stage_deb(payload, tmp_path / "stage", "1.2.3", "amd64", icons[0])
    deb = build.build_deb(staging, tmp_path / "out", "1.2.3", "amd64")
    assert deb.name == "posapp_1.2.3_amd64.deb"
    info = subprocess.run(["dpkg-deb", "--field", str(deb)], capture_output=True, text=True, check=True)
    assert "Package: posapp" in info.stdout and "libegl1" in info.stdout
    contents = subprocess.run(
        ["dpkg-deb", "--contents", str(deb)], capture_output=True, text=True, check=True
    )
    for path in ("./opt/posapp/posapp", "./usr/bin/posapp", "./usr/share/applications/posapp.desktop"):
        assert path in contents.stdout
    assert "root/root" in contents.stdout


@needs_makensis
def test_nsis_script_compiles_against_a_stand_in_payload(
    tmp_path: Path, payload: Path, icons: tuple[Path, Path]
) -> None:
    out = tmp_path / "posapp-1.2.3-setup.exe"
    command = build.nsis_command(payload, out, "1.2.3", icons[1], fast=True)
    done = subprocess.run(command, capture_output=True, text=True)
    assert done.returncode == 0, done.stdout + done.stderr
    assert out.read_bytes()[:2] == b"MZ"  # a Windows executable


@needs_makensis
def test_nsis_script_refuses_to_build_without_a_version(tmp_path: Path, payload: Path) -> None:
    command = [
        c
        for c in build.nsis_command(payload, tmp_path / "x.exe", "1", tmp_path / "i.ico")
        if "VERSION" not in c
    ]
    assert subprocess.run(command, capture_output=True, text=True).returncode != 0


@needs_dpkg
@needs_makensis
def test_one_command_builds_both_installers_from_an_existing_payload(tmp_path: Path, payload: Path) -> None:
    out = payload.parent
    assert build.main(["--skip-pyinstaller", "--out", str(out), "--deb", "--nsis", "--fast"]) == 0
    ver = build.version()
    assert len(list(out.glob(f"posapp_{ver}_*.deb"))) == 1
    assert (out / f"posapp-{ver}-setup.exe").exists()


def test_unused_qt_modules_are_excluded_and_used_ones_kept() -> None:
    import PySide6

    excluded = qt_modules.excluded_modules(ROOT / "posapp", Path(PySide6.__file__).parent)
    for used in ("QtCore", "QtGui", "QtWidgets", "QtNetwork", "QtMultimedia", "QtPrintSupport"):
        assert f"PySide6.{used}" not in excluded
    for unused in ("Qt3DCore", "QtBluetooth", "QtCharts", "QtDesigner"):
        assert f"PySide6.{unused}" in excluded


def test_a_module_used_only_by_name_counts_as_used(tmp_path: Path) -> None:
    (tmp_path / "m.py").write_text(
        'import importlib\nimportlib.import_module("PySide6.QtWebEngineWidgets")\n', encoding="utf-8"
    )
    used = qt_modules.used_modules(tmp_path)
    assert {"QtWebEngineWidgets", "QtWebEngineCore", "QtWebChannel"} <= used


def test_spec_bundles_keyring_backends_and_never_the_plaintext_one() -> None:
    spec = (ROOT / "packaging" / "posapp.spec").read_text(encoding="utf-8")
    assert 'collect_submodules("keyring.backends")' in spec and 'copy_metadata("keyring")' in spec
    assert '"keyrings.alt"' in spec  # in excludes
    assert '(str(ROOT / "resources"), "posapp/resources")' in spec  # where posapp/assets.py looks
    assert 'collect_data_files("escpos")' in spec  # capabilities.json, read at import


def test_build_lock_pins_everything_and_holds_no_test_only_package() -> None:
    pins = locks.pins(ROOT / "packaging" / "requirements-build.txt")
    assert all(version for version, _ in pins.values())
    assert {"pyinstaller", "pyside6", "keyring", "qasync", "peewee", "pyserial", "pyusb"} <= set(pins)
    assert {"libusb-package", "pywin32"} <= set(pins)  # USB without a system libusb; Windows printing
    assert not set(pins) & {"keyrings-alt", "pytest", "hypothesis"}
    text = (ROOT / "packaging" / "requirements-build.txt").read_text(encoding="utf-8")
    assert text.count("--hash=sha256:") > len(pins)


def test_windows_versions_have_four_numbers_even_for_pre_releases() -> None:
    assert build.numeric_version("0.1.0") == "0.1.0.0"
    assert build.numeric_version("0.2.0rc1") == "0.2.0.0"
    assert build.numeric_version("1.4.dev3") == "1.4.0.0"
    resource = build.write_version_resource("0.2.0rc1", ROOT / "build" / "test-version-info.txt")
    text = resource.read_text(encoding="utf-8")
    assert "filevers=(0, 2, 0, 0)" in text and "'0.2.0rc1'" in text
    resource.unlink()


@needs_makensis
def test_nsis_script_compiles_for_a_pre_release(
    tmp_path: Path, payload: Path, icons: tuple[Path, Path]
) -> None:
    out = tmp_path / "setup.exe"
    subprocess.run(build.nsis_command(payload, out, "0.2.0rc1", icons[1], fast=True), check=True)
    assert out.stat().st_size > 0


def test_nsis_closes_a_running_posapp_and_forgets_secrets_with_the_data() -> None:
    script = (ROOT / "packaging/windows/installer.nsi").read_text(encoding="utf-8")
    assert 'taskkill.exe" /IM ${EXE}' in script and "Function .onInit" in script
    data_section = script.split("\"un.Delete the shop's data", 1)[1].split("SectionEnd", 1)[0]
    assert "--forget-secrets" in data_section and 'RMDir /r "${DATA_DIR}"' in data_section
    assert script.index("UnSecData") < script.index("UnSecApp")  # before posapp-cli.exe is deleted


def test_signing_is_configured_by_a_thumbprint_and_skipped_without_one() -> None:
    assert build.sign_command({}) is None
    command = build.sign_command({"POSAPP_SIGN_THUMBPRINT": "ab12"})
    assert command is not None and command[:2] == ["signtool", "sign"] and "ab12" in command
    nsis = build.nsis_command(Path("p"), Path("o.exe"), "1.0", Path("i.ico"), sign=command)
    assert any(arg.startswith("-DSIGN_COMMAND=signtool sign") for arg in nsis)
