"""The wheel carries everything read at run time: built, installed apart from the source tree,
and used to draft an official PDF."""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
import zipfile
from pathlib import Path

import pdfplumber
import pytest

from bdcq_desktop.resources import package_data_files

ROOT = Path(__file__).resolve().parents[1]


@pytest.fixture(scope="module")
def wheel(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A wheel built from a copy of the sources (the build must not litter the work tree)."""
    work = tmp_path_factory.mktemp("wheel")
    src = work / "src"
    src.mkdir()
    for name in ("pyproject.toml", "README.md"):
        shutil.copy2(ROOT / name, src / name)
    shutil.copytree(
        ROOT / "bdcq_desktop", src / "bdcq_desktop", ignore=shutil.ignore_patterns("__pycache__")
    )
    # No build isolation and no index: the test venv's setuptools and wheel build it offline.
    subprocess.run(
        [sys.executable, "-m", "pip", "wheel", "--no-deps", "--no-build-isolation", "--no-index",
         "-q", "-w", str(work / "dist"), str(src)],
        check=True, capture_output=True, cwd=work,
    )  # fmt: skip
    (built,) = (work / "dist").glob("bdcq_desktop-*.whl")
    return built


@pytest.mark.slow
def test_wheel_install_drafts_a_pdf_with_its_own_fonts(
    wheel: Path, demo_template: Path, tmp_path: Path
) -> None:
    target = tmp_path / "site"
    subprocess.run(
        [sys.executable, "-m", "pip", "install", "--no-deps", "--no-index", "-q",
         "--target", str(target), str(wheel)],
        check=True, capture_output=True,
    )  # fmt: skip
    # The dependencies come from this venv; the package itself only from the installed wheel
    # (PYTHONPATH comes before the venv's editable install, and the cwd holds no sources).
    env = {**os.environ, "PYTHONPATH": str(target)}
    run = tmp_path / "run"
    run.mkdir()
    where = subprocess.run(
        [sys.executable, "-c", "import bdcq_desktop; print(bdcq_desktop.__file__)"],
        check=True, capture_output=True, text=True, env=env, cwd=run,
    )  # fmt: skip
    assert Path(where.stdout.strip()).is_relative_to(target)

    db = run / "demo.sqlite3"
    shutil.copy2(demo_template, db)
    out = run / "roster.pdf"
    result = subprocess.run(
        [sys.executable, "-m", "bdcq_desktop.cli", "--db", str(db), "export", "roster",
         "-o", str(out)],
        capture_output=True, text=True, env=env, cwd=run,
    )  # fmt: skip
    assert result.returncode == 0, result.stderr
    with pdfplumber.open(out) as pdf:
        text = pdf.pages[0].extract_text()
        fonts = {c["fontname"].split("+")[-1] for c in pdf.pages[0].chars}
    assert "DANH SÁCH" in text
    assert fonts and all("Helvetica" not in f for f in fonts)


def test_bundle_and_wheel_carry_the_same_data_files(wheel: Path) -> None:
    """build.spec takes package_data_files(); the wheel must hold exactly those files."""
    with zipfile.ZipFile(wheel) as archive:
        in_wheel = {
            name
            for name in archive.namelist()
            if name.startswith("bdcq_desktop/") and not name.endswith(".py")
        }
    in_bundle = {
        f"{folder}/{Path(file).name}" for file, folder in package_data_files(ROOT)
    }
    assert in_bundle == in_wheel
    assert any(name.startswith("bdcq_desktop/assets/fonts/") for name in in_bundle)
    # The user guide (Trợ giúp › Hướng dẫn sử dụng, F1) is read from the package at run time.
    assert "bdcq_desktop/assets/guide/huong-dan.html" in in_wheel
    assert "package_data_files(root)" in (ROOT / "build.spec").read_text()


def test_the_install_and_the_bundle_carry_the_credential_store(wheel: Path) -> None:
    """The shared server's password goes to the OS credential store through keyring: the
    wheel requires it, and the bundle ships its backends and the metadata whose entry points
    keyring finds them by (without them the bundle sees no store, and asks the password at
    every start)."""
    with zipfile.ZipFile(wheel) as archive:
        (metadata,) = [n for n in archive.namelist() if n.endswith(".dist-info/METADATA")]
        requires = archive.read(metadata).decode("utf-8")
    assert "Requires-Dist: keyring" in requires
    spec = (ROOT / "build.spec").read_text(encoding="utf-8")
    assert 'copy_metadata("keyring")' in spec
    assert 'collect_submodules("keyring.backends")' in spec
