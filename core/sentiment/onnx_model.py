"""Bring your own model: IT's multilingual sentiment model, exported to ONNX, scored offline.

For an IT department that has (or trains) a stronger model than the shipped ones — an
XLM-RoBERTa fine-tuned on their own labelled replies, say — the ``sentiment_model_dir``
setting points at a folder holding:

- ``model.onnx``: a sequence classifier taking ``input_ids`` and ``attention_mask`` (and
  ``token_type_ids`` if it declares them), int64 [batch, tokens], returning logits
  [batch, labels] as its first output;
- ``tokenizer.json``: the Hugging Face ``tokenizers`` file of that model;
- ``labels.json``: ``{"name": "it-xlmr-v1", "labels": ["negative", "neutral", "positive"],
  "languages": ["ru", "kk", "uz"], "max_length": 128, "quality": {"ru": 0.71}}`` — the label
  of each logit in order (positive, neutral, negative; a model without neutral is
  polarity-only), the languages it is used for, and optionally each language's macro-F1 as
  IT measured it with ``attache sentiment evaluate`` (without one, that language never
  raises "needs attention").

It is scored with onnxruntime and tokenizers (``pip install 'attache[onnx]'``; not in the
bundle, whose size they would double). Nothing is downloaded at run time. README "Sentiment"
shows how to export a model to such a folder.
"""

from __future__ import annotations

import json
import threading
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path

import numpy as np

from core.errors import KnownError
from core.sentiment.evaluation import CLASSES
from core.sentiment.shipped import Verdict

CONFIG = "labels.json"
FILES = ("model.onnx", "tokenizer.json", CONFIG)
BATCH = 32


@dataclass(frozen=True)
class OnnxConfig:
    name: str
    labels: tuple[str, ...]
    languages: tuple[str, ...]
    max_length: int
    quality: dict[str, float]


def check_model_dir(folder: str | Path) -> OnnxConfig:
    """The folder's config, or a ``KnownError`` saying what is missing or wrong."""
    path = Path(folder).expanduser()
    if not path.is_dir():
        raise KnownError(f"sentiment_model_dir {path} is not a folder")
    missing = [name for name in FILES if not (path / name).is_file()]
    if missing:
        raise KnownError(f"sentiment_model_dir {path} lacks {', '.join(missing)} "
                         f"(it needs {', '.join(FILES)})")
    try:
        raw = json.loads((path / CONFIG).read_text(encoding="utf-8"))
    except (OSError, ValueError) as exc:
        raise KnownError(f"{path / CONFIG} is not readable JSON: {exc}") from None
    labels = raw.get("labels") if isinstance(raw, dict) else None
    languages = raw.get("languages") if isinstance(raw, dict) else None
    if (not isinstance(labels, list) or len(labels) < 2
            or any(label not in CLASSES for label in labels) or len(set(labels)) != len(labels)
            or "positive" not in labels or "negative" not in labels):
        raise KnownError(f"{path / CONFIG}: labels must list the model's outputs in order, "
                         f"each one of positive, neutral, negative (positive and negative "
                         f"at least), not {labels!r}")
    if (not isinstance(languages, list) or not languages
            or not all(isinstance(code, str) and code.isalpha() for code in languages)):
        raise KnownError(f"{path / CONFIG}: languages must list language codes such as "
                         f"\"ru\", not {languages!r}")
    quality = raw.get("quality") or {}
    if not isinstance(quality, dict) or not all(
            isinstance(v, int | float) and 0 <= v <= 1 for v in quality.values()):
        raise KnownError(f"{path / CONFIG}: quality must map languages to a macro-F1 "
                         f"between 0 and 1")
    max_length = raw.get("max_length", 128)
    if not isinstance(max_length, int) or not 8 <= max_length <= 4096:
        raise KnownError(f"{path / CONFIG}: max_length must be a whole number of tokens")
    name = str(raw.get("name") or f"onnx-{path.name}")[:40]
    return OnnxConfig(name, tuple(labels), tuple(c.lower() for c in languages), max_length,
                      {str(k).lower(): float(v) for k, v in quality.items()})


class OnnxAnalyzer:
    """One ONNX session for all its languages, opened on first use."""

    def __init__(self, folder: str | Path, config: OnnxConfig) -> None:
        self.folder = Path(folder).expanduser()
        self.config = config
        self.name = config.name
        self.languages = frozenset(config.languages)
        self.polarity_only = "neutral" not in config.labels
        self._lock = threading.Lock()
        self._session = None
        self._tokenizer = None

    def _open(self) -> None:
        try:
            import onnxruntime
            from tokenizers import Tokenizer
        except ImportError:
            raise KnownError("sentiment_model_dir needs onnxruntime and tokenizers: "
                             "pip install 'attache[onnx]'") from None
        options = onnxruntime.SessionOptions()
        options.intra_op_num_threads = 2
        try:
            session = onnxruntime.InferenceSession(str(self.folder / "model.onnx"), options,
                                                   providers=["CPUExecutionProvider"])
            tokenizer = Tokenizer.from_file(str(self.folder / "tokenizer.json"))
        except Exception as exc:  # onnxruntime raises its own types for a bad file
            raise KnownError(f"cannot load the model in {self.folder}: {exc}") from None
        tokenizer.enable_truncation(self.config.max_length)
        tokenizer.enable_padding()
        self._inputs = {i.name for i in session.get_inputs()}
        self._tokenizer, self._session = tokenizer, session

    def probabilities(self, texts: Sequence[str]) -> np.ndarray:
        with self._lock:
            if self._session is None:
                self._open()
            out = []
            for start in range(0, len(texts), BATCH):
                encoded = self._tokenizer.encode_batch(list(texts[start:start + BATCH]))
                feed = {"input_ids": np.array([e.ids for e in encoded], dtype=np.int64),
                        "attention_mask": np.array([e.attention_mask for e in encoded],
                                                   dtype=np.int64)}
                if "token_type_ids" in self._inputs:
                    feed["token_type_ids"] = np.array([e.type_ids for e in encoded],
                                                      dtype=np.int64)
                logits = np.asarray(self._session.run(None, {
                    k: v for k, v in feed.items() if k in self._inputs})[0], dtype=np.float64)
                if logits.ndim != 2 or logits.shape[1] != len(self.config.labels):
                    raise KnownError(f"the model in {self.folder} returned {logits.shape} "
                                     f"where labels.json names {len(self.config.labels)} "
                                     f"labels")
                logits -= logits.max(axis=1, keepdims=True)
                exp = np.exp(logits)
                out.append(exp / exp.sum(axis=1, keepdims=True))
        return np.concatenate(out) if out else np.zeros((0, len(self.config.labels)))

    def verdicts(self, texts: Sequence[str]) -> list[Verdict]:
        if not texts:
            return []
        p = self.probabilities(texts)
        labels = self.config.labels
        pos, neg = labels.index("positive"), labels.index("negative")
        neutral = p[:, labels.index("neutral")] if "neutral" in labels else np.zeros(len(p))
        chosen = p.argmax(axis=1)
        return [Verdict(labels[int(c)], round(float(p[i, pos] - p[i, neg]), 4),
                        round(float(1.0 - neutral[i]), 4)) for i, c in enumerate(chosen)]


def onnx_analyzers(folder: str | Path) -> dict[str, OnnxAnalyzer]:
    """language → IT's analyzer, for each language its labels.json names."""
    config = check_model_dir(folder)
    analyzer = OnnxAnalyzer(folder, config)
    return {language: analyzer for language in config.languages}
