"""Reading headless Chromium's PNG screenshots with the standard library (zlib), for the tests that
check a page is not blank: one reader for every such test."""
from __future__ import annotations

import struct
import zlib
from pathlib import Path


def _decoded(path: Path) -> tuple[int, int, int, bytes]:
    """Width, height, bytes per pixel and the decompressed image data (8-bit PNGs only)."""
    data = Path(path).read_bytes()
    assert data[:8] == b"\x89PNG\r\n\x1a\n", "not a PNG"
    pos, idat, width, height, bpp = 8, b"", 0, 0, 0
    while pos < len(data):
        length, kind = struct.unpack(">I4s", data[pos:pos + 8])
        body = data[pos + 8:pos + 8 + length]
        if kind == b"IHDR":
            width, height, depth, colour = struct.unpack(">IIBB", body[:10])
            assert depth == 8, depth
            bpp = {2: 3, 6: 4, 0: 1, 4: 2}[colour]
        elif kind == b"IDAT":
            idat += body
        pos += 12 + length
    return width, height, bpp, zlib.decompress(idat)


def png_rows(path: Path) -> tuple[int, int, list[bytes]]:
    """The filtered scanlines (each led by its filter byte): enough to tell a blank page from a drawn one."""
    width, height, bpp, raw = _decoded(path)
    stride = 1 + width * bpp
    assert len(raw) == stride * height
    return width, height, [raw[i * stride:(i + 1) * stride] for i in range(height)]


def png_pixels(path: Path) -> tuple[int, int, int, list[bytes]]:
    """The pixels as rows of RGB(A) bytes, scanline filters undone."""
    width, height, bpp, raw = _decoded(path)
    stride = width * bpp
    rows, previous = [], bytearray(stride)
    for y in range(height):
        kind, line = raw[y * (stride + 1)], bytearray(raw[y * (stride + 1) + 1:(y + 1) * (stride + 1)])
        for i in range(stride):
            left = line[i - bpp] if i >= bpp else 0
            up = previous[i]
            corner = previous[i - bpp] if i >= bpp else 0
            if kind == 1:
                line[i] = (line[i] + left) & 255
            elif kind == 2:
                line[i] = (line[i] + up) & 255
            elif kind == 3:
                line[i] = (line[i] + (left + up) // 2) & 255
            elif kind == 4:
                p = left + up - corner
                pa, pb, pc = abs(p - left), abs(p - up), abs(p - corner)
                predictor = left if pa <= pb and pa <= pc else (up if pb <= pc else corner)
                line[i] = (line[i] + predictor) & 255
        rows.append(bytes(line))
        previous = line
    return width, height, bpp, rows
