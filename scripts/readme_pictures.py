"""The README's pictures of the page and a slide, taken the way the tests look at them: Debian's
chromium (through Selenium and chromium-driver) and LibreOffice with pdftoppm.

Usage: .venv/bin/python scripts/readme_pictures.py [FOLDER]   (default renders/lecture/480p15; run
`derivatives render -q l` first). Writes docs/page.png, docs/page-phone.png and docs/slide.png."""

from __future__ import annotations

import shutil
import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "tests"))  # the tests' browser and office helpers

from browser import DESKTOP, PHONE, chromium, served, set_viewport, wait_for  # noqa: E402
from office import page_png, to_pdf  # noqa: E402

#: the cue shown in the page's picture (in the nudge, with its caption) and the slide pictured
CUE = "nudge-scale"
SLIDE = 6


def main() -> int:
    folder = Path(sys.argv[1] if len(sys.argv) > 1 else ROOT / "renders/lecture/480p15").resolve()
    docs = ROOT / "docs"
    with chromium() as driver, served(folder.parent.parent) as base:
        url = f"{base}{folder.parent.name}/{folder.name}/"
        for size, mobile, name in [(DESKTOP, False, "page.png"), (PHONE, True, "page-phone.png")]:
            set_viewport(driver, size, mobile=mobile)
            driver.get(url)
            wait_for(driver, "document.getElementById('video').readyState >= 1")
            driver.execute_script(
                "const b = document.querySelector(`#transcript button[data-id='${arguments[0]}']`);"
                "document.getElementById('video').currentTime = Number(b.dataset.start) + 1;",
                CUE,
            )
            wait_for(driver, "document.getElementById('video').readyState >= 2")
            driver.save_screenshot(str(docs / name))
            print(docs / name)
    with tempfile.TemporaryDirectory() as tmp:
        pdf = to_pdf(folder / "lecture.pptx", Path(tmp))
        shutil.copyfile(page_png(pdf, SLIDE, Path(tmp), 1280), docs / "slide.png")
        print(docs / "slide.png")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
