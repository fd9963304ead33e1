"""IT's own model (``sentiment_model_dir``): a tiny ONNX model the test writes itself, scored
through the same scorer as the shipped analyzers. Skipped without ``attache[onnx]``."""

from __future__ import annotations

import json
import socket
from pathlib import Path

import pytest

from core.errors import KnownError
from core.sentiment.onnx_model import check_model_dir
from core.sentiment.quality import language_qualities, trusted_analyzers
from core.sentiment.scoring import Scorer
from core.settings import Settings

pytest.importorskip("onnxruntime", reason="the onnx extra is not installed")
pytest.importorskip("tokenizers", reason="the onnx extra is not installed")

from tests.onnx_fixture import write_model_dir  # noqa: E402 - needs tokenizers


@pytest.fixture
def model_dir(tmp_path: Path) -> Path:
    return write_model_dir(tmp_path / "model", languages=("ru", "uz"), quality={"ru": 0.7})


def test_own_model_scores_its_languages_offline(model_dir: Path,
                                                monkeypatch: pytest.MonkeyPatch) -> None:
    def no_network(*args: object, **kwargs: object) -> None:
        raise AssertionError("nothing is downloaded at run time")

    monkeypatch.setattr(socket.socket, "connect", no_network)
    scorer = Scorer.from_settings(Settings(sentiment_model_dir=str(model_dir)))
    scores = scorer.score_many(["Хорошо, спасибо большое", "Ужасно плохо", "Когда это будет?",
                                "Juda yaxshi, rahmat", "Рақмет, өте керемет!",
                                "Thanks for nothing"])
    assert [(s.language, s.label, s.analyzer) for s in scores] == [
        ("ru", "positive", "tiny-test"), ("ru", "negative", "tiny-test"),
        ("ru", "neutral", "tiny-test"),
        ("uz", "neutral", "tiny-test"),  # Uzbek is no longer unsupported: IT's model reads it
        ("kk", "positive", "kk-linear-v1"), ("en", "negative", "social-v1")]
    assert scores[0].polarity > 0.5 > -0.5 > scores[1].polarity


def test_own_model_quality_is_what_it_states(model_dir: Path) -> None:
    scorer = Scorer.from_settings(Settings(sentiment_model_dir=str(model_dir)))
    qualities = {q.language: q for q in language_qualities(scorer)}
    assert (qualities["ru"].analyzer, qualities["ru"].macro_f1) == ("tiny-test", 0.7)
    assert qualities["uz"].macro_f1 is None  # not measured: never raises an alarm
    trusted = trusted_analyzers(None, 0.5, scorer)
    assert trusted("tiny-test", "ru", "auto") and not trusted("tiny-test", "uz", "auto")


@pytest.mark.parametrize(("change", "message"), [
    (lambda d: (d / "model.onnx").unlink(), "lacks model.onnx"),
    (lambda d: (d / "labels.json").write_text("{", encoding="utf-8"), "not readable JSON"),
    (lambda d: (d / "labels.json").write_text(json.dumps(
        {"labels": ["bad", "good"], "languages": ["ru"]}), encoding="utf-8"), "labels must"),
    (lambda d: (d / "labels.json").write_text(json.dumps(
        {"labels": ["negative", "positive"], "languages": []}), encoding="utf-8"),
     "languages must"),
])
def test_a_bad_model_folder_is_refused_with_the_reason(model_dir: Path, change, message: str
                                                       ) -> None:  # noqa: ANN001
    change(model_dir)
    with pytest.raises(KnownError, match=message):
        check_model_dir(model_dir)


def test_the_setting_checks_the_folder(tmp_path: Path, model_dir: Path) -> None:
    settings = Settings()
    with pytest.raises(KnownError, match="not a folder"):
        settings.set("sentiment_model_dir", str(tmp_path / "nowhere"))
    settings.set("sentiment_model_dir", str(model_dir))
    assert settings.sentiment_model_dir == str(model_dir)


def test_a_model_with_the_wrong_number_of_outputs_is_a_plain_error(model_dir: Path) -> None:
    (model_dir / "labels.json").write_text(json.dumps(
        {"labels": ["negative", "positive"], "languages": ["ru"]}), encoding="utf-8")
    scorer = Scorer.from_settings(Settings(sentiment_model_dir=str(model_dir)))
    with pytest.raises(KnownError, match="names 2 labels"):
        scorer.score_many(["Хорошо", "Плохо"])
