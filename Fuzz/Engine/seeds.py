"""Seed inputs for the engine harness: python3 seeds.py OUT_DIR QUESTIONNAIRE.json...

An input is one byte choosing where the questionnaire comes from (Fuzz/Harnesses/engine.swift:
0 mod 8 a bundled questionnaire by number, 1 mod 8 inline JSON after a three-byte length, else a
sketch written from the bytes that follow), then the sample, date and seed bytes, then commands.
The command bytes are fixed pseudo-random draws, so the seeds are the same on every run.
"""
import pathlib
import random
import sys

out = pathlib.Path(sys.argv[1])
questionnaires = sys.argv[2:]
draw = random.Random(19)


def commands(n):
    # Mostly answers (operation bytes below 18 of 32), with a back, jump or suspend now and then.
    result = bytearray()
    for _ in range(n):
        result.append(draw.choice([0, 1, 2, 5, 9, 12, 16, 17, 20, 22, 25, 27, 28, 29]) + 32 * draw.randrange(8))
        result.extend(draw.randrange(256) for _ in range(3))
    return bytes(result)


def start():
    return bytes(draw.randrange(256) for _ in range(4))


for number, path in enumerate(questionnaires):
    (out / f"seed-bundled-{number}").write_bytes(bytes([0, number]) + start() + commands(60))
    text = pathlib.Path(path).read_bytes()
    length = len(text).to_bytes(3, "big")
    (out / f"seed-inline-{pathlib.Path(path).stem}").write_bytes(bytes([1]) + length + text + start() + commands(40))
for n in range(24):
    sketch = bytes(draw.randrange(256) for _ in range(120))
    (out / f"seed-sketch-{n}").write_bytes(bytes([2 + n % 6]) + sketch + commands(50))
