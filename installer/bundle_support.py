"""Build-time helpers for installer/shopguard.spec: which files and modules go in, which stay out, the
licences of every bundled component, the Windows version resource. Imported by the spec and the tests."""

from __future__ import annotations

import fnmatch
import re
import shutil
import struct
import subprocess
import sys
from dataclasses import dataclass, field
from importlib import metadata
from pathlib import Path

INSTALLER_DIR = Path(__file__).resolve().parent
ROOT = INSTALLER_DIR.parent
LICENSE_TEXTS = INSTALLER_DIR / "licenses"  # verbatim GNU texts for wheels that ship none
VERSION_TEMPLATE = INSTALLER_DIR / "windows" / "version_info.txt.in"

# Qt bindings ShopGuard never imports. PyInstaller only follows imports, so these are a guard against a
# stray import (or a hook) dragging in WebEngine (+200 MB), QML/Quick, 3D and friends.
# fmt: off
_UNUSED_QT = (
    "QtWebEngineCore", "QtWebEngineWidgets", "QtWebEngineQuick", "QtWebChannel", "QtWebSockets",
    "QtWebView", "QtQml", "QtQuick", "QtQuick3D", "QtQuickControls2", "QtQuickWidgets", "QtQuickTest",
    "Qt3DCore", "Qt3DRender", "Qt3DInput", "Qt3DLogic", "Qt3DAnimation", "Qt3DExtras", "QtCharts",
    "QtDataVisualization", "QtGraphs", "QtGraphsWidgets", "QtLocation", "QtPositioning", "QtDesigner",
    "QtHelp", "QtUiTools", "QtSql", "QtTest", "QtBluetooth", "QtNfc", "QtSensors", "QtSerialBus",
    "QtRemoteObjects", "QtScxml", "QtHttpServer", "QtNetworkAuth", "QtPdf", "QtPdfWidgets",
    "QtSpatialAudio", "QtCanvasPainter", "QtLabsStyleKit", "QtAsyncio",
)
# fmt: on
EXCLUDED_QT = tuple(f"PySide6.{name}" for name in _UNUSED_QT)
# Modules scipy.optimize (the tracker's linear_sum_assignment) never imports; only named lazily inside
# functions ShopGuard does not call.
EXCLUDED_SCIPY = tuple(
    f"scipy.{name}"
    for name in ("integrate", "interpolate", "stats", "ndimage", "io", "signal", "datasets", "odr")
)
# Development and build tools that must never ride along.
EXCLUDED_MODULES = (
    "tkinter",
    "_tkinter",
    "pytest",
    "_pytest",
    "pytestqt",
    "hypothesis",
    "IPython",
    "matplotlib",
    "pip",
    "setuptools",
    "pkg_resources",
    "PyInstaller",
    "ruff",
    "tests",
    *EXCLUDED_QT,
    *EXCLUDED_SCIPY,
)
# Linux binaries to leave out; the libraries only they needed go too (prune_binaries). Qt's multimedia
# backend plug-in brings its own FFmpeg (~21 MB) and QtQuick/QML (~18 MB): QSoundEffect, the one
# multimedia class ShopGuard uses, plays through PulseAudio/PipeWire inside libQt6Multimedia without it.
# The rest are embedded-display, network and GTK-theme plug-ins a shop PC's app has no use for.
LINUX_DROPPED_BINARIES = (
    "PySide6/Qt/plugins/multimedia/*",
    "PySide6/Qt/plugins/platforminputcontexts/libqtvirtualkeyboardplugin.so",
    "PySide6/Qt/plugins/platformthemes/libqgtk3.so",
    "PySide6/Qt/plugins/platforms/libqeglfs.so",
    "PySide6/Qt/plugins/platforms/libqlinuxfb.so",
    "PySide6/Qt/plugins/platforms/libqvnc.so",
    "PySide6/Qt/plugins/platforms/libqvkkhrdisplay.so",
    "PySide6/Qt/plugins/platforms/libqminimalegl.so",
    "PySide6/Qt/plugins/egldeviceintegrations/*",
    "PySide6/Qt/plugins/networkinformation/*",
    "PySide6/Qt/plugins/tls/*",
    "PySide6/Qt/plugins/generic/libqtuiotouchplugin.so",
)
# Qt's own translation catalogues: keep the languages the app offers, drop the other 17 MB.
QT_TRANSLATIONS_KEPT = ("_ko.qm", "_en.qm")

# Files under assets/ that are for developers, not for the running app.
_ASSET_SKIP_DIRS = {"screenshots"}
_ASSET_SKIP_NAMES = re.compile(r"(^Makefile$|\.ts$|\.py$|^\.)")
_MODEL_PATTERNS = ("*.onnx", "MANIFEST.json", "README.md", "LICENSES/*")
_LICENCE_NAME = re.compile(r"^(LICEN[CS]E|COPYING|NOTICE|COPYRIGHT|THIRD.?PARTY|AUTHORS)", re.IGNORECASE)


def data_files(root: Path = ROOT) -> list[tuple[str, str]]:
    """(source file, folder inside the bundle) for assets/ and models/; every new asset is picked up."""
    pairs: list[tuple[str, str]] = []
    for path in sorted((root / "assets").rglob("*")):
        rel = path.relative_to(root)
        if path.is_dir() or rel.parts[1] in _ASSET_SKIP_DIRS or _ASSET_SKIP_NAMES.search(path.name):
            continue
        pairs.append((str(path), str(rel.parent)))
    for pattern in _MODEL_PATTERNS:
        for path in sorted((root / "models").glob(pattern)):
            pairs.append((str(path), str(path.relative_to(root).parent)))
    onnx = [src for src, _ in pairs if src.endswith(".onnx")]
    if not onnx or not any(src.endswith("NotoSansKR-Regular.otf") for src, _ in pairs):
        raise SystemExit(
            f"bundle: models/*.onnx or assets/fonts are missing under {root} (run models/convert.sh)"
        )
    return pairs


def keep_data_file(dest_name: str) -> bool:
    """Filter for Analysis.datas: drop Qt translation catalogues of languages the app does not offer."""
    parts = Path(dest_name).parts
    if "translations" in parts and parts[0] == "PySide6" and dest_name.endswith(".qm"):
        return dest_name.endswith(QT_TRANSLATIONS_KEPT)
    return True


def _needed_libraries(path: str, cache: dict[str, set[str]]) -> set[str]:
    """DT_NEEDED names of one ELF file (objdump, which PyInstaller itself needs on Linux)."""
    if path not in cache:
        run = subprocess.run(["objdump", "-p", path], capture_output=True, text=True, check=False)
        cache[path] = {
            line.split()[1] for line in run.stdout.splitlines() if line.strip().startswith("NEEDED")
        }
    return cache[path]


def prune_binaries(binaries: list[tuple], dropped: tuple[str, ...]) -> tuple[list[tuple], list[str]]:
    """Drop the (dest, src, type) entries matching `dropped`, then every library that only they needed
    (a library nothing needed in the first place, like one loaded with ctypes, is kept). Returns
    (kept entries, names of what went)."""
    cache: dict[str, set[str]] = {}

    def needed_by(entries: list[tuple]) -> set[str]:
        elf = [src for _, src, kind in entries if kind in ("BINARY", "EXTENSION")]
        return set().union(*(_needed_libraries(src, cache) for src in elf))

    needed_before = needed_by(binaries)
    kept = [e for e in binaries if not any(fnmatch.fnmatch(e[0], pattern) for pattern in dropped)]
    while True:
        needed = needed_by(kept)
        orphans = [e for e in kept if Path(e[0]).name in needed_before and Path(e[0]).name not in needed]
        if not orphans:
            break
        kept = [e for e in kept if e not in orphans]
    kept_names = {e[0] for e in kept}
    return kept, sorted(e[0] for e in binaries if e[0] not in kept_names)


def _load_segments(path: Path) -> list[tuple[int, int, int, int, int]] | None:
    """(offset, vaddr, filesz, memsz, align) of each PT_LOAD of a 64-bit little-endian ELF file."""
    with path.open("rb") as handle:
        head = handle.read(64)
        if len(head) < 64 or head[:4] != b"\x7fELF" or head[4] != 2 or head[5] != 1:
            return None
        (phoff,) = struct.unpack_from("<Q", head, 0x20)
        phentsize, phnum = struct.unpack_from("<HH", head, 0x36)
        handle.seek(phoff)
        table = handle.read(phentsize * phnum)
    segments = []
    for i in range(phnum):
        p_type, _flags, offset, vaddr, _paddr, filesz, memsz, align = struct.unpack_from(
            "<IIQQQQQQ", table, i * phentsize
        )
        if p_type == 1:
            segments.append((offset, vaddr, filesz, memsz, align))
    return segments


def strip_binaries(folder: Path) -> tuple[int, int]:
    """Strip symbol tables from the ELF files under `folder`, keeping a file's original whenever strip
    changed its loadable segments (it breaks some patchelf-edited wheel libraries, e.g. OpenBLAS).
    Returns (files stripped, bytes saved)."""
    strip = shutil.which("strip")
    if strip is None:
        return 0, 0
    count = saved = 0
    for path in sorted(p for p in folder.rglob("*") if p.is_file() and not p.is_symlink()):
        before = _load_segments(path)
        if not before:
            continue
        trial = path.with_name(path.name + ".strip")
        if subprocess.run([strip, "-o", str(trial), str(path)], capture_output=True, check=False).returncode:
            trial.unlink(missing_ok=True)
            continue
        after = _load_segments(trial)
        same_layout = after is not None and [s[1:] for s in after] == [s[1:] for s in before]
        aligned = same_layout and all(
            (off - vaddr) % align == 0 for off, vaddr, _, _, align in after if align
        )
        gain = path.stat().st_size - trial.stat().st_size
        if aligned and gain > 0:
            shutil.copymode(path, trial)
            trial.replace(path)
            count, saved = count + 1, saved + gain
        else:
            trial.unlink()
    return count, saved


def app_version(root: Path = ROOT) -> str:
    text = (root / "shopguard" / "__init__.py").read_text(encoding="utf-8")
    match = re.search(r'^__version__ = "([^"]+)"', text, re.MULTILINE)
    if not match:
        raise SystemExit("bundle: shopguard/__init__.py has no __version__")
    return match.group(1)


def version_numbers(version: str) -> tuple[int, int, int, int]:
    """'0.1.0' -> (0, 1, 0, 0); a suffix like '1.2.3rc1' keeps its numeric part."""
    numbers = [int(re.match(r"\d+", part).group()) for part in version.split(".")[:4] if part[:1].isdigit()]
    return tuple((numbers + [0, 0, 0, 0])[:4])  # type: ignore[return-value]


def render_version_file(version: str, exe: str, out: Path) -> Path:
    """Fill installer/windows/version_info.txt.in (PyInstaller's version-file syntax) for one .exe."""
    text = VERSION_TEMPLATE.read_text(encoding="utf-8")
    text = text.replace("@VERSION_TUPLE@", repr(version_numbers(version))).replace("@VERSION@", version)
    text = text.replace("@EXE@", exe)
    out.parent.mkdir(parents=True, exist_ok=True)
    out.write_text(text, encoding="utf-8")
    return out


@dataclass
class Component:
    name: str
    version: str
    licence: str
    folder: str
    files: list[str] = field(default_factory=list)


def _dist_licence(dist: metadata.Distribution) -> str:
    meta = dist.metadata
    expression = meta.get("License-Expression") or ""
    if expression:
        return expression
    licence = (meta.get("License") or "").strip()
    if licence and "\n" not in licence and len(licence) < 80:
        return licence
    classifiers = [c.split("::")[-1].strip() for c in meta.get_all("Classifier") or [] if "License ::" in c]
    return ", ".join(classifiers) or "see files"


def _dist_licence_files(dist: metadata.Distribution) -> list[tuple[Path, str]]:
    """(installed file, path under the component's folder): dist-info licence files and the
    LICENSE/NOTICE/ThirdPartyNotices files at a package's top (onnxruntime keeps its texts there)."""
    found: list[tuple[Path, str]] = []
    for entry in dist.files or []:
        parts = entry.parts
        if parts[0].endswith(".dist-info"):
            if len(parts) > 2 and parts[1] == "licenses":
                found.append((Path(dist.locate_file(entry)), "/".join(parts[2:])))
            elif len(parts) == 2 and _LICENCE_NAME.match(parts[1]):
                found.append((Path(dist.locate_file(entry)), parts[1]))
        elif len(parts) == 2 and _LICENCE_NAME.match(parts[1]) and not parts[1].endswith((".py", ".pyc")):
            found.append((Path(dist.locate_file(entry)), parts[1]))
    unique: dict[str, Path] = {}
    for path, rel in found:  # opencv keeps the same two texts in dist-info and in cv2/
        if path.is_file():
            unique.setdefault(rel, path)
    return [(path, rel) for rel, path in unique.items()]


def bundled_distributions(top_level_modules: set[str]) -> list[metadata.Distribution]:
    """The installed distributions providing any of these top-level modules (from the Analysis)."""
    owners = metadata.packages_distributions()
    names = sorted({dist for module in top_level_modules for dist in owners.get(module, [])})
    return [metadata.distribution(name) for name in names if name.lower() != "shopguard"]


def _gnu_texts_for(licence: str) -> list[str]:
    wanted = []
    if "LGPL-3" in licence or "LGPL version 3" in licence:
        wanted.append("LGPL-3.0.txt")
    if "LGPL-2.1" in licence:
        wanted.append("LGPL-2.1.txt")
    if re.search(r"(?<!L)GPL-2", licence):
        wanted.append("GPL-2.0.txt")
    if re.search(r"(?<!L)GPL-3", licence) or "LGPL-3" in licence:
        wanted.append("GPL-3.0.txt")  # LGPLv3 is a set of additional permissions on top of GPLv3
    return wanted


def _copy(src: Path, dest: Path) -> None:
    dest.parent.mkdir(parents=True, exist_ok=True)
    shutil.copyfile(src, dest)


def _ffmpeg_component(dest: Path) -> Component | None:
    """FFmpeg inside PyAV's wheel: its own build reports LGPLv3, but it links x264/x265 (GPLv2+)."""
    try:
        import av
        from av._core import ffmpeg_version_info, library_meta
    except ImportError:
        return None
    codec = library_meta.get("libavcodec", {})
    configuration = str(codec.get("configuration", ""))
    gpl_libs = [lib for lib in ("libx264", "libx265") if f"--enable-{lib}" in configuration]
    libs_dir = Path(av.__file__).resolve().parent.parent / "av.libs"
    shipped = sorted(p.name for p in libs_dir.iterdir()) if libs_dir.is_dir() else []
    versions = ", ".join(
        f"{name} {'.'.join(map(str, meta['version']))}" for name, meta in library_meta.items()
    )
    folder = dest / "FFmpeg-in-PyAV"
    folder.mkdir(parents=True, exist_ok=True)
    licence = "GPL-2.0-or-later (x264/x265) with LGPL-3.0-or-later (FFmpeg)" if gpl_libs else "LGPL-3.0"
    notice = [
        f"FFmpeg libraries shipped inside PyAV {av.__version__} (Python package `av`), used by ShopGuard",
        "to write and read H.264 recordings.",
        "",
        f"Library versions: {versions}",
        f"Licence reported by libavcodec: {codec.get('license', 'unknown')}",
        f"Build configuration: {configuration}",
        "",
    ]
    if gpl_libs:
        notice += [
            f"This FFmpeg build links {' and '.join(gpl_libs)}, which are licensed under the GNU General",
            "Public License version 2 or later; these libraries and the FFmpeg build combined with them are",
            "therefore distributed under the GNU GPL (GPL-2.0.txt). FFmpeg's own code is LGPL-3.0-or-later",
            "(LGPL-3.0.txt, with GPL-3.0.txt).",
            "",
        ]
    notice += [
        "Corresponding source: the PyAV source distribution and build scripts for this version",
        f"(package `av` {av.__version__} on PyPI), and the FFmpeg, x264 and x265 releases they name.",
    ]
    if shipped:
        notice += ["", "Shared libraries of this build:", *[f"  {name}" for name in shipped]]
    (folder / "NOTICE.txt").write_text("\n".join(notice) + "\n", encoding="utf-8")
    files = ["NOTICE.txt"]
    for text in _gnu_texts_for("LGPL-3.0" + (" GPL-2.0" if gpl_libs else "")):
        _copy(LICENSE_TEXTS / text, folder / text)
        files.append(text)
    return Component("FFmpeg (in PyAV)", str(ffmpeg_version_info), licence, folder.name, files)


def _python_component(dest: Path) -> Component:
    version = ".".join(map(str, sys.version_info[:3]))
    candidates = [
        Path(sys.base_prefix) / "LICENSE.txt",
        Path(sys.base_prefix) / "lib" / f"python{sys.version_info[0]}.{sys.version_info[1]}" / "LICENSE.txt",
    ]
    component = Component("Python", version, "PSF-2.0", "Python")
    for path in candidates:
        if path.is_file():
            _copy(path, dest / "Python" / "LICENSE.txt")
            component.files.append("LICENSE.txt")
            break
    return component


def _project_components(root: Path, dest: Path) -> list[Component]:
    """Licences of what the repository itself ships: models, the Noto font, the demo clip."""
    groups = [
        (
            "Models (see models/MANIFEST.json)",
            "models",
            "MIT, Apache-2.0",
            (root / "models/LICENSES").glob("*"),
        ),
        ("Noto Sans KR font", "NotoSansKR", "OFL-1.1", [root / "assets/fonts/OFL.txt"]),
        (
            "Demo clip (Intel sample videos)",
            "demo-clip",
            "CC-BY-4.0",
            (root / "assets/demo").glob("LICENSE*"),
        ),
    ]
    components = []
    for name, folder, licence, paths in groups:
        present = sorted(p for p in paths if p.is_file())
        if not present:
            raise SystemExit(f"bundle: no licence file for {name} under {root}")
        for path in present:
            _copy(path, dest / folder / path.name)
        components.append(Component(name, "", licence, folder, [p.name for p in present]))
    return components


def collect_licenses(dest: Path, top_level_modules: set[str], root: Path = ROOT) -> list[Component]:
    """Write licenses/ for the bundle: one folder per component plus an index (README.txt)."""
    if dest.exists():
        shutil.rmtree(dest)
    dest.mkdir(parents=True)
    components: list[Component] = [_python_component(dest)]
    for dist in bundled_distributions(top_level_modules):
        name, version = dist.metadata["Name"], dist.version
        component = Component(name, version, _dist_licence(dist), f"{name}-{version}")
        folder = dest / component.folder
        for src, rel in _dist_licence_files(dist):
            _copy(src, folder / rel)
            component.files.append(rel)
        if not component.files:  # PySide6/shiboken6 wheels carry no text: add the GNU ones they name
            for text in _gnu_texts_for(component.licence):
                _copy(LICENSE_TEXTS / text, folder / text)
                component.files.append(text)
        components.append(component)
    ffmpeg = _ffmpeg_component(dest) if "av" in top_level_modules else None
    if ffmpeg:
        components.append(ffmpeg)
    components += _project_components(root, dest)
    _write_index(dest, components)
    return components


def _write_index(dest: Path, components: list[Component]) -> None:
    lines = [
        "ShopGuard — licences of the bundled components / 포함된 구성 요소의 라이선스",
        "",
        "Each folder holds the licence texts of one component. Qt (PySide6) is used under the LGPL-3.0;",
        "its libraries are separate files in this folder and may be replaced with compatible builds.",
        "",
    ]
    for c in sorted(components, key=lambda c: c.name.lower()):
        where = f"{c.folder}/" if c.files else "(no licence file shipped; licence from package metadata)"
        lines.append(f"{c.name} {c.version}".strip() + f" — {c.licence} — {where}")
    (dest / "README.txt").write_text("\n".join(lines) + "\n", encoding="utf-8")
