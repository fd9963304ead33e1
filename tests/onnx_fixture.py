"""A tiny sentiment model in the ONNX format, written byte by byte for the tests.

The ``onnx`` package would build it in a few calls, but it is one more large dependency for
one fixture; ONNX files are protocol buffers whose schema (onnx/onnx.proto) fixes every field
number used here, so they are written directly. onnxruntime then judges the result: if it
loads and scores it, the file is right.

The model is a bag of words: each token id picks a row of logits (negative, neutral, positive)
from an embedding table, padding is masked out, the rows are summed. Its tokenizer is a
``tokenizers`` WordLevel vocabulary of a few Russian words.
"""

from __future__ import annotations

import json
import struct
from pathlib import Path

LABELS = ["negative", "neutral", "positive"]
VOCABULARY = {"[PAD]": 0, "[UNK]": 1, "хорошо": 2, "отлично": 3, "плохо": 4, "ужасно": 5,
              "когда": 6, "спасибо": 7}
# One row of logits per token id, in LABELS order.
EMBEDDING = [
    [0.0, 0.0, 0.0], [0.0, 0.2, 0.0], [0.0, 0.0, 2.0], [0.0, 0.0, 3.0], [2.0, 0.0, 0.0],
    [3.0, 0.0, 0.0], [0.0, 2.0, 0.0], [0.0, 0.0, 2.0],
]

FLOAT, INT64 = 1, 7  # TensorProto.DataType
ATTRIBUTE_INT = 2  # AttributeProto.AttributeType


def _varint(value: int) -> bytes:
    out = bytearray()
    while True:
        byte = value & 0x7F
        value >>= 7
        if value:
            out.append(byte | 0x80)
        else:
            out.append(byte)
            return bytes(out)


def _int(field: int, value: int) -> bytes:
    return _varint(field << 3) + _varint(value)


def _bytes(field: int, data: bytes) -> bytes:
    return _varint(field << 3 | 2) + _varint(len(data)) + data


def _text(field: int, text: str) -> bytes:
    return _bytes(field, text.encode("utf-8"))


def _tensor(name: str, dims: list[int], data_type: int, raw: bytes) -> bytes:
    body = b"".join(_int(1, d) for d in dims) + _int(2, data_type) + _text(8, name)
    return body + _bytes(9, raw)


def _value_info(name: str, elem_type: int, dims: list[int | str]) -> bytes:
    shape = b"".join(_bytes(1, _text(2, d) if isinstance(d, str) else _int(1, d))
                     for d in dims)
    tensor_type = _int(1, elem_type) + _bytes(2, shape)
    return _text(1, name) + _bytes(2, _bytes(1, tensor_type))


def _node(op: str, inputs: list[str], outputs: list[str],
          attributes: dict[str, int] | None = None) -> bytes:
    body = b"".join(_text(1, i) for i in inputs) + b"".join(_text(2, o) for o in outputs)
    body += _text(4, op)
    for name, value in (attributes or {}).items():
        body += _bytes(5, _text(1, name) + _int(3, value) + _int(20, ATTRIBUTE_INT))
    return body


def model_bytes() -> bytes:
    """ONNX (IR 8, opset 13): logits = Σ_t embedding[input_ids[t]] · attention_mask[t]."""
    table = struct.pack(f"<{3 * len(EMBEDDING)}f", *(v for row in EMBEDDING for v in row))
    nodes = [
        _node("Gather", ["embedding", "input_ids"], ["rows"]),
        _node("Cast", ["attention_mask"], ["mask"], {"to": FLOAT}),
        _node("Unsqueeze", ["mask", "last_axis"], ["mask3"]),
        _node("Mul", ["rows", "mask3"], ["kept"]),
        _node("ReduceSum", ["kept", "token_axis"], ["logits"], {"keepdims": 0}),
    ]
    graph = b"".join(_bytes(1, n) for n in nodes) + _text(2, "tiny-sentiment")
    graph += _bytes(5, _tensor("embedding", [len(EMBEDDING), 3], FLOAT, table))
    graph += _bytes(5, _tensor("last_axis", [1], INT64, struct.pack("<q", 2)))
    graph += _bytes(5, _tensor("token_axis", [1], INT64, struct.pack("<q", 1)))
    graph += _bytes(11, _value_info("input_ids", INT64, ["batch", "tokens"]))
    graph += _bytes(11, _value_info("attention_mask", INT64, ["batch", "tokens"]))
    graph += _bytes(12, _value_info("logits", FLOAT, ["batch", 3]))
    opset = _text(1, "") + _int(2, 13)
    return _int(1, 8) + _text(2, "attache-tests") + _bytes(7, graph) + _bytes(8, opset)


def write_model_dir(folder: Path, *, languages: tuple[str, ...] = ("ru",),
                    name: str = "tiny-test", quality: dict | None = None) -> Path:
    """``model.onnx``, ``tokenizer.json`` and ``labels.json`` in ``folder``."""
    from tokenizers import Tokenizer, models, normalizers, pre_tokenizers

    folder.mkdir(parents=True, exist_ok=True)
    (folder / "model.onnx").write_bytes(model_bytes())
    tokenizer = Tokenizer(models.WordLevel(VOCABULARY, unk_token="[UNK]"))
    tokenizer.normalizer = normalizers.Lowercase()
    tokenizer.pre_tokenizer = pre_tokenizers.Whitespace()
    tokenizer.save(str(folder / "tokenizer.json"))
    config = {"name": name, "labels": LABELS, "languages": list(languages), "max_length": 32}
    if quality is not None:
        config["quality"] = quality
    (folder / "labels.json").write_text(json.dumps(config), encoding="utf-8")
    return folder
