"""Build posapp's installers with one command: ``python packaging/build.py``.

Steps: icons → PyInstaller one-folder (``dist/posapp``) → ``.deb`` (Linux) → NSIS installer (Windows,
or with ``--nsis`` anywhere ``makensis`` exists: on Linux it wraps the Linux folder as a stand-in payload
to prove the script compiles). The version comes from pyproject.toml, nowhere else.
"""

from __future__ import annotations

import argparse
import os
import re
import shutil
import subprocess
import sys
import tomllib
from collections.abc import Mapping, Sequence
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
PACKAGING = ROOT / "packaging"
DEB_DEPENDS = [
    # Qt's xcb and offscreen platforms and the frozen app's GL (dev-environment.md)
    "libgl1", "libegl1", "libfontconfig1", "libfreetype6", "libxkbcommon0", "libxkbcommon-x11-0",
    "libglib2.0-0", "libdbus-1-3", "libx11-xcb1", "libxcb-cursor0", "libxcb-icccm4", "libxcb-keysyms1",
    "libxcb-image0", "libxcb-render-util0", "libxcb-shape0", "libxcb-randr0", "libxcb-xinerama0",
    "libxcb-xkb1",
]  # fmt: skip
DEB_RECOMMENDS = ["libpulse0", "fonts-wqy-microhei", "gnome-keyring"]  # sound; CJK fallback; a keyring


def version(pyproject: Path = ROOT / "pyproject.toml") -> str:
    return str(tomllib.loads(pyproject.read_text(encoding="utf-8"))["project"]["version"])


def numeric_version(ver: str) -> str:
    """``X.Y.Z.N`` for Windows version resources and NSIS's VIProductVersion, which take four numbers
    only: ``0.2.0rc1`` → ``0.2.0.0``, ``1.4`` → ``1.4.0.0`` (the full string stays the display version)."""
    release = re.match(r"\d+(?:\.\d+)*", ver)
    numbers = [int(part) for part in release.group(0).split(".")] if release else [0]
    return ".".join(str(n) for n in [*numbers, 0, 0, 0, 0][:4])


def write_version_resource(ver: str, target: Path) -> Path:
    """PyInstaller's version file for posapp.exe and posapp-cli.exe (Explorer → Properties → Details)."""
    numbers = tuple(int(n) for n in numeric_version(ver).split("."))
    target.parent.mkdir(parents=True, exist_ok=True)
    target.write_text(
        f"""VSVersionInfo(
  ffi=FixedFileInfo(filevers={numbers}, prodvers={numbers}, mask=0x3f, flags=0x0, OS=0x40004,
                    fileType=0x1, subtype=0x0, date=(0, 0)),
  kids=[
    StringFileInfo([StringTable('040904B0', [
      StringStruct('CompanyName', 'posapp'),
      StringStruct('FileDescription', 'posapp point of sale'),
      StringStruct('FileVersion', {ver!r}),
      StringStruct('ProductName', 'posapp'),
      StringStruct('ProductVersion', {ver!r}),
      StringStruct('LegalCopyright', 'posapp; third-party notices in licenses')])]),
    VarFileInfo([VarStruct('Translation', [1033, 1200])])
  ]
)
""",
        encoding="utf-8",
    )
    return target


def deb_architecture() -> str:
    return subprocess.run(
        ["dpkg", "--print-architecture"], check=True, capture_output=True, text=True
    ).stdout.strip()


def deb_control(ver: str, arch: str, installed_kb: int) -> str:
    return (
        "Package: posapp\n"
        f"Version: {ver}\n"
        "Section: misc\nPriority: optional\n"
        f"Architecture: {arch}\n"
        f"Depends: {', '.join(DEB_DEPENDS)}\n"
        f"Recommends: {', '.join(DEB_RECOMMENDS)}\n"
        f"Installed-Size: {installed_kb}\n"
        "Maintainer: posapp <support@posapp.invalid>\n"
        "Description: Point-of-sale companion for Hong Kong restaurant counters\n"
        " Keeta delivery orders, Zeek couriers and thermal kitchen tickets on one screen.\n"
    )


def _copy_template(name: str, target: Path, mode: int = 0o644) -> None:
    target.parent.mkdir(parents=True, exist_ok=True)
    shutil.copyfile(PACKAGING / "deb" / name, target)
    target.chmod(mode)


def stage_deb(payload: Path, staging: Path, ver: str, arch: str, icon: Path) -> Path:
    """The dpkg-deb tree: /opt/posapp (the PyInstaller folder), /usr/bin/posapp, desktop entry, icon."""
    if staging.exists():
        shutil.rmtree(staging)
    shutil.copytree(payload, staging / "opt" / "posapp", symlinks=True)
    _copy_template("posapp.sh", staging / "usr" / "bin" / "posapp", 0o755)
    _copy_template("posapp.desktop", staging / "usr" / "share" / "applications" / "posapp.desktop")
    icon_target = staging / "usr" / "share" / "icons" / "hicolor" / "256x256" / "apps" / "posapp.png"
    icon_target.parent.mkdir(parents=True, exist_ok=True)
    shutil.copyfile(icon, icon_target)
    _copy_template("copyright", staging / "usr" / "share" / "doc" / "posapp" / "copyright")
    size_kb = installed_size_kb(staging)
    debian = staging / "DEBIAN"
    debian.mkdir()
    (debian / "control").write_text(deb_control(ver, arch, size_kb), encoding="utf-8")
    _copy_template("postinst", debian / "postinst", 0o755)
    _copy_template("postrm", debian / "postrm", 0o755)
    for folder in [staging, *(p for p in staging.rglob("*") if p.is_dir())]:
        folder.chmod(0o755)  # dpkg-deb refuses group-writable control dirs from a umask 002 checkout
    return staging


def installed_size_kb(tree: Path) -> int:
    """What the files take once unpacked: each regular file once (a symlink to a Qt library is not a
    second copy of it, as ``is_file()`` would have counted it), rounded up per file as dpkg does."""
    total = 0
    for path in tree.rglob("*"):
        if path.is_symlink():
            total += 1
        elif path.is_file():
            total += -(-path.stat().st_size // 1024)
    return total


def build_deb(staging: Path, out_dir: Path, ver: str, arch: str) -> Path:
    """gzip, not xz: on 2 cores xz takes minutes for ~250 MB of Qt, gzip seconds, for ~15% more size."""
    out_dir.mkdir(parents=True, exist_ok=True)
    target = out_dir / f"posapp_{ver}_{arch}.deb"
    _run(["dpkg-deb", "--root-owner-group", "-Zgzip", "-z6", "--build", str(staging), str(target)])
    return target


SIGN_ENV = "POSAPP_SIGN_THUMBPRINT"
TIMESTAMP_URL = "http://timestamp.digicert.com"


def sign_command(environ: Mapping[str, str] = os.environ) -> list[str] | None:
    """Authenticode signing with a certificate from the Windows certificate store, chosen by its SHA-1
    thumbprint in ``POSAPP_SIGN_THUMBPRINT`` (windows.yml imports it from a repository secret; no
    password ever appears on a command line). None (unsigned, SmartScreen warns) when not configured."""
    thumbprint = environ.get(SIGN_ENV, "").strip()
    if not thumbprint:
        return None
    signtool = environ.get("SIGNTOOL", "signtool")
    return [signtool, "sign", "/fd", "SHA256", "/sha1", thumbprint, "/tr", TIMESTAMP_URL, "/td", "SHA256"]


def sign_executables(payload: Path, command: list[str]) -> None:
    for exe in sorted(payload.glob("*.exe")):
        _run([*command, str(exe)])


def nsis_command(
    payload: Path,
    out_file: Path,
    ver: str,
    icon: Path,
    makensis: str = "makensis",
    fast: bool = False,
    sign: list[str] | None = None,
) -> list[str]:
    return [
        makensis,
        "-V2",
        *(["-DFAST"] if fast else []),
        *([f"-DSIGN_COMMAND={subprocess.list2cmdline(sign)}"] if sign else []),
        f"-DVERSION={ver}",
        f"-DVERSION_NUMERIC={numeric_version(ver)}",
        f"-DPAYLOAD={payload.resolve()}",
        f"-DOUTFILE={out_file.resolve()}",
        f"-DICON={icon.resolve()}",
        str(PACKAGING / "windows" / "installer.nsi"),
    ]


def make_icons(out_dir: Path) -> tuple[Path, Path]:
    """Draws the app icon (PNG for Linux, ICO for Windows) so the repository holds no binary art."""
    from PIL import Image, ImageDraw

    out_dir.mkdir(parents=True, exist_ok=True)
    image = Image.new("RGBA", (256, 256), (0, 0, 0, 0))
    draw = ImageDraw.Draw(image)
    draw.rounded_rectangle((8, 8, 248, 248), radius=48, fill=(230, 92, 0, 255))
    draw.rectangle((64, 60, 192, 196), fill=(255, 255, 255, 255))  # a ticket
    for y in (92, 124, 156):
        draw.rectangle((84, y, 172, y + 10), fill=(230, 92, 0, 255))
    png, ico = out_dir / "posapp.png", out_dir / "posapp.ico"
    image.save(png)
    image.save(ico, sizes=[(16, 16), (32, 32), (48, 48), (256, 256)])
    return png, ico


def pyinstaller(dist: Path, work: Path) -> Path:
    _run(
        [sys.executable, "-m", "PyInstaller", "--noconfirm", "--clean", "--log-level", "WARN",
         "--distpath", str(dist), "--workpath", str(work), str(PACKAGING / "posapp.spec")]
    )  # fmt: skip
    return dist / "posapp"


def _say(line: object) -> None:
    sys.stdout.write(f"{line}\n")
    sys.stdout.flush()


def _run(command: Sequence[str]) -> None:
    _say("+ " + " ".join(command))
    subprocess.run(list(command), check=True, cwd=ROOT)


def _parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--out", type=Path, default=ROOT / "dist", help="where the installers go")
    parser.add_argument("--skip-pyinstaller", action="store_true", help="reuse dist/posapp")
    parser.add_argument("--deb", action=argparse.BooleanOptionalAction, default=sys.platform == "linux")
    parser.add_argument("--nsis", action=argparse.BooleanOptionalAction, default=sys.platform == "win32")
    parser.add_argument("--makensis", default=os.environ.get("MAKENSIS", "makensis"))
    parser.add_argument("--fast", action="store_true", help="quick compression (CI stand-in builds)")
    return parser


def main(argv: Sequence[str] | None = None) -> int:
    args = _parser().parse_args(argv)
    ver, build = version(), ROOT / "build"
    png, ico = make_icons(build / "icons")
    write_version_resource(ver, build / "version_info.txt")
    payload = args.out / "posapp"
    if not args.skip_pyinstaller:
        payload = pyinstaller(args.out, build / "pyinstaller")
    if args.deb:
        arch = deb_architecture()
        staging = stage_deb(payload, build / "deb" / "posapp", ver, arch, png)
        _say(build_deb(staging, args.out, ver, arch))
    if args.nsis:
        out_file = args.out / f"posapp-{ver}-setup.exe"
        sign = sign_command()
        if sign and sys.platform == "win32":
            sign_executables(payload, sign)  # the installer and uninstaller are signed by makensis
        elif not sign:
            _say(f"not signing: {SIGN_ENV} is not set (see packaging/README.md)")
        _run(nsis_command(payload, out_file, ver, ico, args.makensis, args.fast, sign))
        _say(out_file)
    return 0


if __name__ == "__main__":
    sys.exit(main())
