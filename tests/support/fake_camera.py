"""A camera picture for Chromium's fake camera: a Y4M video showing one QR code.

Chromium launched with ``--use-file-for-fake-video-capture=FILE.y4m`` (see
``launch_chromium`` in tests/support/browser.py) plays the file, looping, to every page that
opens the camera. Y4M: a header line, then per frame ``FRAME\\n`` and the Y plane (W×H bytes),
then the Cb and Cr planes at half width and half height (4:2:0). The QR code (segno's
``make_qr``: a full QR code, never a Micro QR) is drawn black on white into the Y plane; the
colour planes are neutral grey.
"""

from pathlib import Path

import segno

WIDTH, HEIGHT = 640, 480
HEADER = f"YUV4MPEG2 W{WIDTH} H{HEIGHT} F10:1 Ip A1:1 C420jpeg\n".encode()
WHITE, BLACK, NEUTRAL = 255, 16, 128


def write_qr_video(path: Path, content: str, frames: int = 3, scale: int = 10) -> Path:
    """Write a Y4M video of ``frames`` identical frames of ``content``'s QR code, centred."""
    matrix = [list(row) for row in segno.make_qr(content).matrix_iter(scale=scale, border=4)]
    top, left = (HEIGHT - len(matrix)) // 2, (WIDTH - len(matrix[0])) // 2
    luma = bytearray([WHITE]) * (WIDTH * HEIGHT)
    for y, row in enumerate(matrix):
        start = (top + y) * WIDTH + left
        luma[start:start + len(row)] = bytes(BLACK if dark else WHITE for dark in row)
    chroma = bytes([NEUTRAL]) * (WIDTH // 2 * HEIGHT // 2)
    frame = b"FRAME\n" + bytes(luma) + chroma + chroma
    path.write_bytes(HEADER + frame * frames)
    return path
