"""Text → hashed n-gram features, for many texts at once, with numpy only.

Why hashing: a model that learns from an officer's few hundred labels, or ships trained on
reviews, needs no vocabulary file, reads words it never saw through their character n-grams
("керемет", "кереметтт", "керемееет" share most of them), and its size is fixed by the
number of buckets, not by the data. Why numpy: scoring 10,000 replies must stay well under a
second and the bundle carries no scikit-learn.

Features per text: character 1–5-grams of the normalised text (lower case, URLs and @names
replaced, Kazakh/Kyrgyz letters folded to the Russian ones a Russian keyboard types, runs of
one character cut to three), and word unigrams and bigrams; each counted, log-scaled and the
row scaled to unit length. Character n-grams are hashed with a polynomial rolling hash over the
whole batch in a few numpy passes; words with CRC-32 (stable across processes and machines,
unlike ``hash``).
"""

from __future__ import annotations

import re
import unicodedata
import zlib
from collections.abc import Sequence
from dataclasses import dataclass

import numpy as np

_URL = re.compile(r"(?:https?://|www\.)\S+", re.IGNORECASE)
_MENTION = re.compile(r"(?<![\w@])@[\w.]+")
_RUNS = re.compile(r"(.)\1{3,}")
_SPACES = re.compile(r"\s+")
_TOKENS = re.compile(r"[^\W_]+|[^\w\s]", re.UNICODE)
# What a Russian keyboard types for the Kazakh, Kyrgyz and Uzbek letters it lacks: "жақсы" and
# "жаксы" then share their features.
_FOLD = str.maketrans("әіңғүұқөһўҳёə", "аингуукохухеа")

_PRIME = np.uint64(0x100000001B3)  # FNV's 64-bit prime: odd, bits spread
_MIX = np.uint64(0x9E3779B97F4A7C15)  # 2^64 / golden ratio (Fibonacci hashing)
_WORD_SEED = 0x5BD1E995
_BIGRAM_SEED = 0x1B873593


def normalise(text: str) -> str:
    text = unicodedata.normalize("NFC", text).lower()
    text = _MENTION.sub(" @ ", _URL.sub(" http ", text))
    text = _RUNS.sub(r"\1\1\1", text.translate(_FOLD))
    return " " + _SPACES.sub(" ", text).strip() + " "


@dataclass(frozen=True)
class Features:
    """A batch of rows in CSR form: row ``i`` holds ``indices[indptr[i]:indptr[i+1]]``."""

    indptr: np.ndarray
    indices: np.ndarray
    values: np.ndarray

    @property
    def rows(self) -> int:
        return len(self.indptr) - 1

    def row_ids(self) -> np.ndarray:
        return np.repeat(np.arange(self.rows), np.diff(self.indptr))

    def take(self, rows: np.ndarray) -> Features:
        """These rows, in this order."""
        starts, ends = self.indptr[rows], self.indptr[rows + 1]
        lengths = ends - starts
        indptr = np.zeros(len(rows) + 1, dtype=np.int64)
        np.cumsum(lengths, out=indptr[1:])
        picked = np.repeat(starts - indptr[:-1], lengths) + np.arange(indptr[-1])
        return Features(indptr, self.indices[picked], self.values[picked])


@dataclass(frozen=True)
class Hasher:
    """Which features, into how many buckets (2**bits); ``extras`` dense columns follow them."""

    bits: int = 18
    char_min: int = 1
    char_max: int = 5
    word_bigrams: bool = True
    extras: int = 0

    @property
    def buckets(self) -> int:
        return 1 << self.bits

    @property
    def width(self) -> int:
        return self.buckets + self.extras

    def to_json(self) -> dict:
        return {"bits": self.bits, "char_min": self.char_min, "char_max": self.char_max,
                "word_bigrams": self.word_bigrams, "extras": self.extras}

    def features(self, texts: Sequence[str],
                 extras: np.ndarray | None = None) -> Features:
        """The hashed features of each text; ``extras`` (rows × ``self.extras``) added as is."""
        n = len(texts)
        if not n:
            empty = np.zeros(0, dtype=np.int64)
            return Features(np.zeros(1, dtype=np.int64), empty, np.zeros(0))
        normalised = [normalise(t) for t in texts]
        rows_c, keys_c = self._char_ngrams(normalised)
        rows_w, keys_w = self._words(normalised)
        rows = np.concatenate([rows_c, rows_w])
        buckets = np.concatenate([keys_c, keys_w])
        # Merge repeats: one entry per (text, bucket), valued log(1 + count).
        combined = rows * np.int64(self.buckets) + buckets
        unique, counts = np.unique(combined, return_counts=True)
        rows, indices = unique // self.buckets, unique % self.buckets
        values = np.log1p(counts.astype(np.float64))
        norms = np.sqrt(np.bincount(rows, weights=values * values, minlength=n))
        values /= np.maximum(norms, 1e-12)[rows]
        if self.extras:
            if extras is None or extras.shape != (n, self.extras):
                raise ValueError(f"expected {self.extras} extra features per text")
            extra_rows = np.repeat(np.arange(n), self.extras)
            extra_cols = np.tile(np.arange(self.buckets, self.width), n)
            rows = np.concatenate([rows, extra_rows])
            indices = np.concatenate([indices, extra_cols])
            values = np.concatenate([values, np.asarray(extras, dtype=np.float64).ravel()])
            order = np.argsort(rows, kind="stable")
            rows, indices, values = rows[order], indices[order], values[order]
        indptr = np.zeros(n + 1, dtype=np.int64)
        np.cumsum(np.bincount(rows, minlength=n), out=indptr[1:])
        return Features(indptr, indices.astype(np.int64), values)

    def _bucket(self, hashes: np.ndarray) -> np.ndarray:
        return ((hashes * _MIX) >> np.uint64(64 - self.bits)).astype(np.int64)

    def _char_ngrams(self, texts: list[str]) -> tuple[np.ndarray, np.ndarray]:
        """Every n-gram of every text, hashed over the batch at once (texts joined by NUL)."""
        joined = "\0".join(texts)
        codes = np.frombuffer(joined.encode("utf-32-le"), dtype=np.uint32).astype(np.uint64)
        lengths = np.fromiter(map(len, texts), dtype=np.int64, count=len(texts))
        starts = np.concatenate(([0], np.cumsum(lengths + 1)[:-1]))
        text_of = np.repeat(np.arange(len(texts)), lengths + 1)[:len(codes)]
        ends = (starts + lengths)[text_of]  # where each position's text ends
        positions = np.arange(len(codes))
        rows, keys = [], []
        rolling = np.full(len(codes), np.uint64(0x811C9DC5))
        with np.errstate(over="ignore"):
            for n in range(1, self.char_max + 1):
                # rolling[i] is the hash of codes[i:i+n]: extend every window by one code.
                tail = np.zeros(len(codes), dtype=np.uint64)
                tail[:len(codes) - n + 1] = codes[n - 1:]
                rolling = rolling * _PRIME + tail
                if n < self.char_min:
                    continue
                valid = positions + n <= ends
                rows.append(text_of[valid])
                keys.append(self._bucket(rolling[valid] + np.uint64(n)))
        return np.concatenate(rows), np.concatenate(keys)

    def _words(self, texts: list[str]) -> tuple[np.ndarray, np.ndarray]:
        rows: list[int] = []
        hashes: list[int] = []
        for row, text in enumerate(texts):
            tokens = _TOKENS.findall(text)
            words = [zlib.crc32(t.encode("utf-8"), _WORD_SEED) for t in tokens]
            rows += [row] * len(words)
            hashes += words
            if self.word_bigrams and len(words) > 1:
                rows += [row] * (len(words) - 1)
                hashes += [(a * 0x01000193 ^ b ^ _BIGRAM_SEED) & 0xFFFFFFFF
                           for a, b in zip(words, words[1:], strict=False)]
        if not hashes:
            return np.zeros(0, dtype=np.int64), np.zeros(0, dtype=np.int64)
        keys = np.array(hashes, dtype=np.uint64) | np.uint64(1 << 40)  # apart from char n-grams
        return np.array(rows, dtype=np.int64), self._bucket(keys)
