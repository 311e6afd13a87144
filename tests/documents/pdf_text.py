"""What a PDF says, read with poppler's pdftotext as a person would see it."""

import re
import shutil
import subprocess

from tests.conftest import cannot_run


def pdftotext(body: bytes, *options: str) -> str:
    if shutil.which("pdftotext") is None:
        cannot_run("pdftotext is not installed (apt-get install poppler-utils)")
    done = subprocess.run(["pdftotext", *options, "-", "-"], input=body, capture_output=True,
                          check=True)
    return done.stdout.decode()


def pages(body: bytes) -> list[str]:
    """The text of each page, rows kept on their lines (``-layout``)."""
    return pdftotext(body, "-layout").split("\f")[:-1]


def words_with_boxes(body: bytes) -> list[tuple[str, float, float, float, float, float]]:
    """(word, xMin, yMin, xMax, yMax, page width) in points, for every word."""
    html = pdftotext(body, "-bbox")
    found, width = [], 0.0
    for line in html.splitlines():
        if page := re.search(r'<page width="([\d.]+)"', line):
            width = float(page.group(1))
        if word := re.search(r'xMin="([\d.]+)" yMin="([\d.]+)" xMax="([\d.]+)" '
                             r'yMax="([\d.]+)">(.*)</word>', line):
            x0, y0, x1, y1 = (float(word.group(i)) for i in range(1, 5))
            found.append((word.group(5), x0, y0, x1, y1, width))
    return found


def squeeze(text: str) -> str:
    return re.sub(r"\s+", " ", text).strip()


def qr_codes(body: bytes, tmp_path) -> list[str]:
    """What every QR code on the PDF's pages says, read with zbarimg from 150 dpi renderings."""
    if shutil.which("zbarimg") is None or shutil.which("pdftoppm") is None:
        cannot_run("zbarimg or pdftoppm is not installed (apt-get install zbar-tools poppler-utils)")
    source = tmp_path / "scanned.pdf"
    source.write_bytes(body)
    subprocess.run(["pdftoppm", "-r", "150", "-png", str(source), str(tmp_path / "page")], check=True)
    found = []
    for image in sorted(tmp_path.glob("page*.png")):
        done = subprocess.run(["zbarimg", "--quiet", "--raw", str(image)], capture_output=True)
        found += done.stdout.decode().split()  # exit status 4: no code on this page
    return found
