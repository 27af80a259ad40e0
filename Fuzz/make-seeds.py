#!/usr/bin/env python3
"""Writes the seed corpora under Fuzz/Corpus/<target>/: a few small valid (and nearly valid) inputs per
target, so the fuzzer starts from the formats' real shapes. Re-run after changing a target's input layout;
the output is deterministic. Inputs come from samples/ (a few lines each) and from hand-written cases."""
import json
import math
import os
import struct
import sys

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
OUT = os.path.join(ROOT, "Fuzz", "Corpus")
SEP = b"\xff"  # the field separator of the metadata target (never valid UTF-8)


def write(target, name, data):
    os.makedirs(os.path.join(OUT, target), exist_ok=True)
    with open(os.path.join(OUT, target, name), "wb") as f:
        f.write(data)


def sample_lines(path, count):
    with open(os.path.join(ROOT, path), "rb") as f:
        return b"".join(f.readlines()[:count])


# --- safetensors: tiny models (V=4, E=2, H=2, K=2) in each dtype ---------------------------------------
def tiny_tensors(v=4, e=2, h=2, k=2):
    shapes = [("embedding.weight", [v, e]), ("lstm.weight_ih_l0", [4 * h, e]), ("lstm.weight_hh_l0", [4 * h, h]),
              ("lstm.bias_ih_l0", [4 * h]), ("lstm.bias_hh_l0", [4 * h]), ("fc.weight", [k, h]), ("fc.bias", [k])]
    i = 0
    out = []
    for name, shape in shapes:
        n = math.prod(shape)
        out.append((name, shape, [math.sin(i + j) / 4 for j in range(n)]))
        i += n
    return out


def pack(values, dtype):
    if dtype == "F32":
        return struct.pack("<%df" % len(values), *values)
    if dtype == "F64":
        return struct.pack("<%dd" % len(values), *values)
    if dtype == "F16":
        return struct.pack("<%de" % len(values), *values)
    if dtype == "BF16":
        return b"".join(struct.pack("<f", x)[2:] for x in values)
    raise ValueError(dtype)


def safetensors(tensors, dtype="F32", metadata=None):
    header = {}
    if metadata is not None:
        header["__metadata__"] = metadata
    data = b""
    for name, shape, values in tensors:
        blob = pack(values, dtype)
        header[name] = {"dtype": dtype, "shape": shape, "data_offsets": [len(data), len(data) + len(blob)]}
        data += blob
    text = json.dumps(header, separators=(",", ":"), ensure_ascii=False).encode()
    text += b" " * (-len(text) % 8)
    return struct.pack("<Q", len(text)) + text + data


METADATA = {
    "saliency.format_version": "1",
    "saliency.labels": '["negative","positive"]',
    "saliency.vocabulary": '["<pad>","<unk>","good","好"]',
    "saliency.special_ids": '{"pad":0,"unk":1}',
    "saliency.tokenizer": '{"kind":"character-han","lowercase":true,"mask_hashtags":false,"mask_mentions":true,"mask_urls":true}',
}
for dtype in ["F32", "F16", "BF16", "F64"]:
    write("safetensors", "tiny-%s.safetensors" % dtype.lower(), safetensors(tiny_tensors(), dtype, METADATA))
write("safetensors", "tensors-only.safetensors", safetensors(tiny_tensors()))
write("safetensors", "scalar-and-empty.safetensors",
      safetensors([("s", [], [1.5]), ("empty", [0, 3], []), ("v", [2], [0.5, -2.0])], "F32", {"k": "v"}))
# Regression: fc.weight [1, 512] claims H = 512 without the LSTM tensors (4H·H floats = 4 MB, over the
# fuzzer's 1 MB allocation limit); the loader used to allocate them before finding the tensors missing.
write("safetensors", "regression-huge-hidden.safetensors",
      safetensors([("embedding.weight", [2, 1], [0.0, 0.0]), ("fc.weight", [1, 512], [0.0] * 512)], "F16"))

# --- metadata: mask, V byte, K byte, then the values cut at 0xFF ---------------------------------------
KEYS = ["saliency.format_version", "saliency.labels", "saliency.vocabulary", "saliency.special_ids",
        "saliency.tokenizer", "saliency.config", "saliency.metrics", "saliency.train_sha256"]
full = {
    "saliency.format_version": "1",
    "saliency.labels": '["negative","positive"]',
    "saliency.vocabulary": '["<pad>","<unk>","good","#fun","@user","<url>","好","\\u5417"]',
    "saliency.special_ids": '{"pad":0,"unk":1}',
    "saliency.tokenizer": '{"kind":"character-han","lowercase":true,"mask_hashtags":true,"mask_mentions":true,"mask_urls":true}',
    "saliency.config": '{"V":8,"E":2,"H":2,"K":2,"epochs":1,"learning_rate":0.001,"seed":1}',
    "saliency.metrics": '{"dev":{"accuracy":0.5,"macro_f1":0.5},"test":{"accuracy":0.25,"macro_f1":null}}',
    "saliency.train_sha256": "9cc73ec78a09a9edf0479c811a6d5611cfdccfd8ba112f5294235de3ed63a126",
}


def metadata_seed(values, v, k):
    mask = sum(1 << i for i, key in enumerate(KEYS) if key in values)
    body = SEP.join(values.get(key, "").encode() for key in KEYS)
    return bytes([mask, v - 2, k - 1]) + body


write("metadata", "full", metadata_seed(full, 8, 2))
write("metadata", "three-labels", metadata_seed({**full, "saliency.labels": '["a","b","c"]'}, 8, 3))
write("metadata", "ids-only", metadata_seed({"saliency.special_ids": '{"pad":0}', "saliency.labels": '["0"]'}, 4, 1))
write("metadata", "tokenizer-defaults", metadata_seed(
    {"saliency.vocabulary": '["<pad>","<unk>"]', "saliency.tokenizer": "{}"}, 2, 2))

# --- corpora: flag byte (bit 0 latin-1, bit 1 labels optional), then the file -------------------------
UTF8, LATIN1, OPTIONAL = b"\x00", b"\x01", b"\x02"
write("corpus-tsv", "en", UTF8 + sample_lines("samples/en-tweets/train.tsv", 5))
write("corpus-tsv", "zh-crlf", UTF8 + sample_lines("samples/zh-reviews/train.tsv", 3).replace(b"\n", b"\r\n"))
write("corpus-tsv", "bad-rows", OPTIONAL + b"\xef\xbb\xbftext\tlabel\tid\nfine\tpositive\t1\n\t\t\nno label\t\t2\n"
      b"caf\xe9\tnegative\t3\nshort row\n")
write("corpus-tsv", "latin1", LATIN1 + b"label\ttext\nnegative\tna\xefve caf\xe9 \x85\npositive\t\xa0ok\r")
write("corpus-csv", "quoted", UTF8 + b'label,text\npositive,"a, b and ""c"""\nnegative,"two\r\nlines"\r\n'
      b'positive,plain text\n"negative","x"y\n')
write("corpus-csv", "latin1", LATIN1 + b'sentiment,confidence,text,label\nneg,1.0,"caf\xe9\rbar",negative\n'
      b'pos,,"\xe4\xf3_ ok",positive\n')
write("corpus-csv", "unterminated", OPTIONAL + b'text\n"never closed\nnext line\n"ok"\n')
write("corpus-jsonl", "rows", UTF8 + b'{"text":"good \\u597d","label":"positive"}\n{"text":"bad","label":1}\n'
      b'\n{"label":"negative"}\n{"text":"x","label":1.0}\r\n[1,2]\n{"text":"\xe5\xa5\xbd","label":null}\n')
write("corpus-jsonl", "optional", OPTIONAL + b'{"text":"no label"}\n{"text":"  ","label":"x"}\n{"text":"t","label":true}\n')
write("corpus-lines", "mixed", OPTIONAL + b"\xef\xbb\xbfone\r\ntwo\rthree\n\n \t\n\xe5\xa5\xbd\xe5\x90\x97\nbad \xff byte\n")
write("corpus-lines", "latin1", LATIN1 + b"caf\xe9\n\x85\xa0\nend")

# --- tokenizer: settings byte (bit 0 lowercase, 1 mentions, 2 URLs, 3 hashtags), then the text ---------
texts = {
    "zh": "这家酒店的服务很好，但是房间太小了！",
    "tweet": "@JetBlue I'd fly again... http://t.co/abc) #GoHawks 3.14 1,000 RT @user: don't",
    "emoji": "👍🏽 👨‍👩‍👧 🇨🇳🇺🇸 ❤️ 1️⃣ 🏴\U000E0067\U000E0062\U000E007F ok",
    "marks": "nai\u0308ve in\u00adcredible ＦＵＬＬ ﬁne e\u0301\u200d Ⅻ ½ x\u00b2 \u1100\u1161",
    "controls": "a\u0000b\u001b[31mc\u0085d\u2028e\u200bf\u200cg\ufeffh",
    "urls": "see www.example.com/a_(b)]. and HTTPS://X.Y/z?q=1, (http://a.b/c) email a@b #1 #_ #a1",
}
for name, text in texts.items():
    write("tokenizer", name, bytes([0x0F if name != "zh" else 0x01]) + text.encode())

print("wrote seeds under", OUT, file=sys.stderr)
