"""LibreOffice (Debian's libreoffice-impress) and poppler (pdftoppm, pdftotext), as the tests use them
on the slides: each conversion with a profile of its own (two sharing one fail silently) and a check
that the output exists rather than trust in the exit status."""

from __future__ import annotations

import subprocess
import tempfile
from pathlib import Path

SOFFICE = "/usr/bin/soffice"


def to_pdf(pptx: Path, out_dir: Path, timeout: float = 180) -> Path:
    """*pptx* converted by LibreOffice headless into *out_dir*; returns the PDF's path."""
    with tempfile.TemporaryDirectory(prefix="lo-profile-") as profile:
        result = subprocess.run(
            [
                SOFFICE,
                f"-env:UserInstallation={Path(profile).as_uri()}",
                "--headless",
                "--norestore",
                "--convert-to",
                "pdf",
                "--outdir",
                str(out_dir),
                str(pptx),
            ],
            capture_output=True,
            text=True,
            timeout=timeout,
            env={"HOME": profile, "PATH": "/usr/bin:/bin"},
        )
    pdf = out_dir / f"{pptx.stem}.pdf"
    assert pdf.is_file(), f"LibreOffice made no PDF (exit {result.returncode}): {result.stderr}"
    return pdf


def page_png(pdf: Path, page: int, out_dir: Path, width: int) -> Path:
    """Page *page* (from 1) of *pdf* as a PNG *width* pixels wide, by pdftoppm."""
    prefix = out_dir / f"page-{page}"
    subprocess.run(
        [
            "pdftoppm",
            "-png",
            "-f",
            str(page),
            "-l",
            str(page),
            "-singlefile",
            "-scale-to-x",
            str(width),
            "-scale-to-y",
            "-1",
            str(pdf),
            str(prefix),
        ],
        check=True,
        timeout=60,
    )
    return prefix.with_suffix(".png")


def pdf_text(pdf: Path, page: int) -> str:
    """The text of page *page* (from 1) of *pdf*, by pdftotext."""
    result = subprocess.run(
        ["pdftotext", "-f", str(page), "-l", str(page), "-layout", str(pdf), "-"],
        capture_output=True,
        text=True,
        check=True,
        timeout=60,
    )
    return result.stdout


def pdf_pages(pdf: Path) -> int:
    """How many pages *pdf* has (pdfinfo)."""
    result = subprocess.run(["pdfinfo", str(pdf)], capture_output=True, text=True, check=True, timeout=60)
    for line in result.stdout.splitlines():
        if line.startswith("Pages:"):
            return int(line.split()[1])
    raise AssertionError(f"pdfinfo gave no page count: {result.stdout}")
