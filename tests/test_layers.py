"""derivlib is the exact core: it never imports manim, and scenes draw on it, not the reverse."""

import pathlib
import subprocess
import sys

ROOT = pathlib.Path(__file__).resolve().parents[1]


def test_importing_derivlib_does_not_import_manim():
    code = (
        "import sys, derivlib, derivlib.numbers, derivlib.params, derivlib.calculus, derivlib.narration\n"
        "derivlib.narration.transcript(derivlib.params.Params())\n"
        "bad = sorted(m for m in sys.modules if m.split('.')[0] in ('manim', 'scenes', 'cairo', 'numpy'))\n"
        "print(bad)\n"
    )
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert out.stdout.strip() == "[]"


def test_derivlib_sources_name_no_presentation_layer():
    for path in (ROOT / "derivlib").glob("*.py"):
        text = path.read_text()
        assert "import manim" not in text and "from manim" not in text, path
        assert "from scenes" not in text and "import scenes" not in text, path
