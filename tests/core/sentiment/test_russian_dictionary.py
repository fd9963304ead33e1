"""The bundle's Russian dictionary: an archive unpacked once into the cache folder."""

from __future__ import annotations

import shutil
import zipfile
from pathlib import Path

import pymorphy3_dicts_ru
import pytest

from core.errors import KnownError
from core.sentiment import russian_dictionary
from core.sentiment.russian_dictionary import COMPLETE, FILES, dictionary_path, write_archive

pytestmark = pytest.mark.slow  # compressing the dictionary takes ~20 s (once per module)


@pytest.fixture(scope="module")
def archive(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The archive build.spec writes (LZMA of 13 MB takes a while: once per module)."""
    return write_archive(Path(pymorphy3_dicts_ru.get_path()),
                         tmp_path_factory.mktemp("archive") / "data.zip")


@pytest.fixture
def bundled(archive: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """The package as the bundle has it: no data folder, ``data.zip`` beside its code."""
    package = tmp_path / "pymorphy3_dicts_ru"
    package.mkdir()
    shutil.copyfile(archive, package / "data.zip")
    monkeypatch.setattr(pymorphy3_dicts_ru, "__file__", str(package / "__init__.py"))
    monkeypatch.setattr(pymorphy3_dicts_ru, "get_path", lambda: str(package / "data"))
    monkeypatch.setenv("ATTACHE_DATA_DIR", str(tmp_path / "data"))
    return package


def test_run_from_source_the_package_folder_is_used() -> None:
    assert dictionary_path() == pymorphy3_dicts_ru.get_path()


def test_the_archive_is_unpacked_once_and_pymorphy3_reads_it(bundled: Path,
                                                              monkeypatch: pytest.MonkeyPatch
                                                              ) -> None:
    from pymorphy3 import MorphAnalyzer

    folder = Path(dictionary_path())
    assert folder.parent == bundled.parent / "data" / "cache"
    assert sorted(p.name for p in folder.iterdir()) == sorted([*FILES, COMPLETE])
    morph = MorphAnalyzer(path=str(folder), lang="ru", probability_estimator_cls=None)
    assert morph.parse("ужасного")[0].normal_form == "ужасный"
    assert (bundled / "data.zip").stat().st_size < 0.5 * sum(
        (folder / name).stat().st_size for name in FILES)  # why it is an archive

    def unpack_again(*args: object) -> None:
        raise AssertionError("unpacked twice")

    monkeypatch.setattr(russian_dictionary, "unpack", unpack_again)
    assert dictionary_path() == str(folder)


def test_an_interrupted_unpacking_is_done_again(bundled: Path) -> None:
    folder = Path(dictionary_path())
    (folder / COMPLETE).unlink()
    (folder / "words.dawg").write_bytes(b"half")
    assert dictionary_path() == str(folder)
    assert (folder / COMPLETE).is_file() and (folder / "words.dawg").stat().st_size > 1000
    assert [p.name for p in folder.parent.iterdir()] == [folder.name]  # no leftovers


def test_a_broken_installation_is_said_plainly(bundled: Path) -> None:
    with zipfile.ZipFile(bundled / "data.zip", "w") as archive:
        archive.writestr("meta.json", "{}")
    with pytest.raises(KnownError, match="lacks"):
        dictionary_path()
    (bundled / "data.zip").unlink()
    with pytest.raises(KnownError, match="reinstall"):
        dictionary_path()
