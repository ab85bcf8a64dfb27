#!/usr/bin/env python3
"""Cuts the engine test fixtures from Fashion-MNIST (MIT licence, Zalando Research).

Usage: make_fixtures.py [DATASET_DIR]   (default /usr/share/datasets/fashion-mnist)
Writes, next to this script:
  fmnist-small/   first 200 training and 100 test images and labels, gzip IDX (a tiny --data dir)
  bad-magic-images-idx3-ubyte      IDX whose magic number is wrong
  truncated-images-idx3-ubyte      IDX cut in the middle of the pixel data
  corrupt-images-idx3-ubyte.gz     gzip whose deflate stream is damaged
  truncated-images-idx3-ubyte.gz   gzip cut short
"""
import gzip
import os
import struct
import sys

src = sys.argv[1] if len(sys.argv) > 1 else "/usr/share/datasets/fashion-mnist"
here = os.path.dirname(os.path.abspath(__file__))


def cut(name, count):
    with gzip.open(os.path.join(src, name + ".gz"), "rb") as f:
        data = f.read()
    magic, n = struct.unpack(">II", data[:8])
    rank = magic & 0xFF
    dims = struct.unpack(">" + "I" * rank, data[4:4 + 4 * rank])
    per_item = 1
    for d in dims[1:]:
        per_item *= d
    header = struct.pack(">I", magic) + struct.pack(">I", count) + data[8:4 + 4 * rank]
    return header + data[4 + 4 * rank:4 + 4 * rank + count * per_item]


def write_gz(path, payload):
    # mtime=0 keeps the fixture bytes reproducible.
    with open(path, "wb") as raw:
        with gzip.GzipFile(fileobj=raw, mode="wb", mtime=0) as f:
            f.write(payload)


small = os.path.join(here, "fmnist-small")
os.makedirs(small, exist_ok=True)
images200 = cut("train-images-idx3-ubyte", 200)
write_gz(os.path.join(small, "train-images-idx3-ubyte.gz"), images200)
write_gz(os.path.join(small, "train-labels-idx1-ubyte.gz"), cut("train-labels-idx1-ubyte", 200))
write_gz(os.path.join(small, "t10k-images-idx3-ubyte.gz"), cut("t10k-images-idx3-ubyte", 100))
write_gz(os.path.join(small, "t10k-labels-idx1-ubyte.gz"), cut("t10k-labels-idx1-ubyte", 100))

ten = cut("train-images-idx3-ubyte", 10)
with open(os.path.join(here, "bad-magic-images-idx3-ubyte"), "wb") as f:
    f.write(b"\x12\x34" + ten[2:])
with open(os.path.join(here, "truncated-images-idx3-ubyte"), "wb") as f:
    f.write(ten[:16 + 5 * 784 + 100])

write_gz(os.path.join(here, "corrupt-images-idx3-ubyte.gz"), ten)
with open(os.path.join(here, "corrupt-images-idx3-ubyte.gz"), "r+b") as f:
    body = bytearray(f.read())
    for i in range(len(body) // 2, len(body) // 2 + 16):
        body[i] ^= 0xA5
    f.seek(0)
    f.write(body)
write_gz(os.path.join(here, "truncated-images-idx3-ubyte.gz"), ten)
with open(os.path.join(here, "truncated-images-idx3-ubyte.gz"), "r+b") as f:
    body = f.read()
    f.seek(0)
    f.truncate()
    f.write(body[: len(body) // 2])
