"""The lecture page in a real browser: Debian's chromium, driven by Selenium through Debian's
chromium-driver, opening the page that `derivatives render -q l` published, from disk (file://) and
served by the project's own server (HTTP with Range, as `derivatives serve` serves it).

The oracles are files that other tools read: lecture.vtt parsed by webvtt-py, chapters.json and the
manifest's sizes and duration; the page must agree with them."""

from __future__ import annotations

import json
import shutil
import urllib.request
from pathlib import Path

import pytest
import webvtt
from browser import DESKTOP, PHONE, chromium, console_errors, requested_urls, served, set_viewport, wait_for
from PIL import Image
from selenium.webdriver.common.by import By
from selenium.webdriver.common.keys import Keys

from derivlib.languages import CODES, languages

OUT = Path("renders/lecture/480p15")
FPS = 15
#: every language's subtitles and transcript, beside the English downloads
LANGUAGE_FILES = {f"{stem}.{code}.{ext}" for code in CODES for stem, ext in (("lecture", "vtt"), ("lecture", "srt"), ("transcript", "txt"))}
DOWNLOADS = {"lecture.mp4", "lecture.vtt", "lecture.srt", "transcript.txt", "lecture.pptx", "chapters.json"} | LANGUAGE_FILES


def vtt_seconds(stamp: str) -> float:
    hours, minutes, seconds = stamp.split(":")
    return int(hours) * 3600 + int(minutes) * 60 + float(seconds)


@pytest.fixture(scope="module")
def folder(lecture_project) -> Path:
    return lecture_project / OUT


@pytest.fixture(scope="module")
def vtt_cues(folder) -> list[tuple[str, str, float, float]]:
    return [
        (c.identifier, c.text, vtt_seconds(c.start), vtt_seconds(c.end))
        for c in webvtt.read(str(folder / "lecture.vtt"))
    ]


@pytest.fixture(scope="module")
def base_url(lecture_project):
    with served(lecture_project / "renders") as url:
        yield url


@pytest.fixture(scope="module")
def driver():
    with chromium() as d:
        yield d


def open_page(driver, url: str, size=DESKTOP, *, mobile: bool = False) -> None:
    """Open *url* at a viewport of *size*, with the browser's logs emptied first, and wait until the
    video's metadata is there."""
    requested_urls(driver), console_errors(driver)  # (empties both logs)
    set_viewport(driver, size, mobile=mobile)
    driver.get(url)
    wait_for(driver, "document.getElementById('video').readyState >= 1")


def page_urls(folder: Path, base_url: str) -> dict[str, str]:
    return {"file": (folder / "index.html").as_uri(), "http": f"{base_url}{OUT.relative_to('renders')}/"}


def seek_and_wait(driver, seconds: float) -> None:
    driver.execute_script(
        "const v = document.getElementById('video'); v.pause(); v.currentTime = arguments[0];", seconds
    )
    wait_for(driver, "!document.getElementById('video').seeking")


def current_time(driver) -> float:
    return driver.execute_script("return document.getElementById('video').currentTime")


def highlighted(driver, where: str) -> list[str]:
    """The data-id (transcript) or start (chapters) of the items marked current."""
    return driver.execute_script(
        "return Array.from(document.querySelectorAll(arguments[0] + ' button[aria-current=\"true\"]'))"
        ".map(b => b.dataset.id || b.dataset.start)",
        where,
    )


@pytest.mark.parametrize("how", ["file", "http"])
def test_page_loads_alone_with_its_tracks(driver, folder, base_url, vtt_cues, how):
    """No console error; nothing requested outside the page's folder; the video's duration is the
    manifest's; the captions track is showing and holds every cue of lecture.vtt."""
    url = page_urls(folder, base_url)[how]
    open_page(driver, url)
    prefix = url.removesuffix("index.html")
    assert console_errors(driver) == []
    outside = [u for u in requested_urls(driver) if not u.startswith(prefix) and not u.startswith("data:")]
    assert outside == []
    manifest = json.loads((folder / "manifest.json").read_text())
    duration = driver.execute_script("return document.getElementById('video').duration")
    assert abs(duration - manifest["files"]["lecture.mp4"]["duration"]) < 0.5 / FPS
    tracks = driver.execute_script(
        "return Array.from(document.getElementById('video').textTracks).map(t => ({kind: t.kind, mode: t.mode,"
        " cues: Array.from(t.cues).map(c => [c.id, c.text, c.startTime, c.endTime])}))"
    )
    captions = [t for t in tracks if t["kind"] == "captions"]
    assert [t["mode"] == "showing" for t in captions] == [code == "en" for code in CODES]  # English on
    shown = captions[0]["cues"]
    assert [(i, t) for i, t, _, _ in shown] == [(i, t) for i, t, _, _ in vtt_cues]
    for (_, _, start, end), (_, _, vtt_start, vtt_end) in zip(shown, vtt_cues, strict=True):
        assert abs(start - vtt_start) < 0.002 and abs(end - vtt_end) < 0.002
    chapters = json.loads((folder / "chapters.json").read_text())
    (chapter_track,) = [t for t in tracks if t["kind"] == "chapters"]
    assert [c[1] for c in chapter_track["cues"]] == [c["title"] for c in chapters]


@pytest.mark.parametrize("how", ["file", "http"])
def test_transcript_and_chapters_seek_and_follow(driver, folder, base_url, vtt_cues, how):
    open_page(driver, page_urls(folder, base_url)[how])
    # a click on a cue seeks to its start, highlights it and keeps it in view
    buttons = driver.find_elements(By.CSS_SELECTOR, "#transcript button.seek")
    assert [b.get_attribute("data-id") for b in buttons] == [c[0] for c in vtt_cues]
    for index in (len(buttons) * 3 // 4, 1, len(buttons) - 1):
        cue_id, _, start, _ = vtt_cues[index]
        driver.execute_script("arguments[0].scrollIntoView({block: 'center'})", buttons[index])
        buttons[index].click()
        wait_for(driver, "!document.getElementById('video').seeking")
        assert abs(current_time(driver) - start) < 0.002
        assert highlighted(driver, "#transcript") == [cue_id]
        seek_and_wait(driver, 0)  # moving away scrolls the list to the first cue
        assert driver.execute_script(
            "const box = document.getElementById('transcript').getBoundingClientRect();"
            "const item = document.querySelector('#transcript button[aria-current]').getBoundingClientRect();"
            "return item.top >= box.top && item.bottom <= box.bottom"
        )
    # setting currentTime highlights the cue whose time has come: within a cue, and in the pause after it
    for index in (0, 5, len(vtt_cues) // 2, len(vtt_cues) - 1):
        cue_id, _, start, end = vtt_cues[index]
        for t in (start + 0.01, (start + end) / 2, end + 0.1):
            if index + 1 < len(vtt_cues) and t >= vtt_cues[index + 1][2]:
                continue
            seek_and_wait(driver, t)
            assert highlighted(driver, "#transcript") == [cue_id], t
    # a chapter seeks to its start (chapters.json) and is marked current
    chapters = json.loads((folder / "chapters.json").read_text())
    chapter_buttons = driver.find_elements(By.CSS_SELECTOR, "#chapters button.seek")
    assert [b.text.split(None, 1)[1] for b in chapter_buttons] == [
        f"{i}. {c['title']}" for i, c in enumerate(chapters, start=1)
    ]
    for index in (4, 8, 0):
        chapter_buttons[index].click()
        wait_for(driver, "!document.getElementById('video').seeking")
        assert abs(current_time(driver) - chapters[index]["start"]) < 0.002
        assert [float(s) for s in highlighted(driver, "#chapters")] == [
            pytest.approx(chapters[index]["start"])
        ]


def test_every_language_has_its_track_and_files(driver, folder):
    """A caption track per language, labelled in its own language with its code as srclang, holding
    exactly the cues of lecture.<lang>.vtt (read by webvtt-py) at the English video's times; the SRT
    and the transcript say the same words; the manifest lists every file."""
    open_page(driver, (folder / "index.html").as_uri())
    tracks = driver.execute_script(
        "return Array.from(document.getElementById('video').textTracks).filter(t => t.kind === 'captions')"
        ".map(t => ({label: t.label, language: t.language, cues: Array.from(t.cues).map(c => [c.id, c.text, c.startTime, c.endTime])}))"
    )
    assert [(t["label"], t["language"]) for t in tracks] == [(lang.label, lang.code) for lang in languages()]
    english = webvtt.read(str(folder / "lecture.vtt"))
    manifest = json.loads((folder / "manifest.json").read_text())
    assert LANGUAGE_FILES <= set(manifest["files"])
    for track in tracks:
        code = track["language"]
        vtt = webvtt.read(str(folder / f"lecture.{code}.vtt"))
        assert [(c.identifier, c.text) for c in vtt] == [(i, text) for i, text, _, _ in track["cues"]]
        assert [(c.start, c.end) for c in vtt] == [(c.start, c.end) for c in english]  # the video's timing
        srt_texts = [b.split("\n", 2)[2] for b in (folder / f"lecture.{code}.srt").read_text().strip().split("\n\n")]
        assert srt_texts == [c.text for c in vtt]
        transcript = (folder / f"transcript.{code}.txt").read_text(encoding="utf-8")
        assert all(c.text in transcript for c in vtt)
    assert (folder / "lecture.en.vtt").read_text() == (folder / "lecture.vtt").read_text()
    german = [c.text for c in webvtt.read(str(folder / "lecture.de.vtt"))]
    assert any("2,001" in text for text in german) and not any("2.001" in text for text in german)


def test_the_language_menu_switches_captions_transcript_and_chapters(driver, folder, base_url):
    """Choosing Deutsch shows the German track alone and puts the transcript and the chapters in
    German (the words of lecture.de.vtt and transcript.de.txt); the player's own captions menu
    choosing the Chinese track moves the menu, transcript and chapters with it."""
    open_page(driver, page_urls(folder, base_url)["http"])
    menu = driver.find_element(By.ID, "caption-language")
    assert [o.text for o in menu.find_elements(By.TAG_NAME, "option")] == [lang.label for lang in languages()]
    assert [o.get_attribute("lang") for o in menu.find_elements(By.TAG_NAME, "option")] == list(CODES)
    modes = "return Array.from(document.getElementById('video').textTracks).filter(t => t.kind === 'captions').map(t => t.mode === 'showing')"
    for code, label in (("de", "Deutsch"), ("zh-Hans", None)):
        if label:
            menu.send_keys(label)
        else:  # as the player's own menu does
            driver.execute_script(
                "for (const t of document.getElementById('video').textTracks) if (t.kind === 'captions')"
                " t.mode = t.language === arguments[0] ? 'showing' : 'disabled';",
                code,
            )
            wait_for(driver, f"document.getElementById('caption-language').value === '{code}'")
        assert driver.execute_script(modes) == [c == code for c in CODES]
        words = [c.text for c in webvtt.read(str(folder / f"lecture.{code}.vtt"))]
        shown = driver.execute_script(
            "return Array.from(document.querySelectorAll('#transcript button.seek')).map(b => b.lastElementChild.textContent)"
        )
        assert shown == words
        assert driver.find_element(By.ID, "transcript").get_attribute("lang") == code
        titles = [block.split("\n")[0] for block in (folder / f"transcript.{code}.txt").read_text(encoding="utf-8").split("\n\n")]
        headings = driver.execute_script("return Array.from(document.querySelectorAll('#transcript h3')).map(h => h.textContent)")
        chapters = driver.execute_script(
            "return Array.from(document.querySelectorAll('#chapters button.seek')).map(b => b.lastElementChild.textContent)"
        )
        assert headings == titles and chapters == [f"{i}. {t}" for i, t in enumerate(titles, start=1)]
    assert console_errors(driver) == []


def test_speed_and_captions_controls(driver, folder, base_url):
    open_page(driver, page_urls(folder, base_url)["http"])
    speed = driver.find_element(By.ID, "speed")
    speed.send_keys("1.5")  # chooses the option by its text, as typing on a focused select does
    assert driver.execute_script("return document.getElementById('video').playbackRate") == 1.5
    box = driver.find_element(By.ID, "captions")
    mode = "return document.getElementById('video').textTracks[0].mode"
    assert box.is_selected() and driver.execute_script(mode) == "showing"
    box.send_keys(Keys.SPACE)
    assert driver.execute_script(mode) == "hidden"
    box.send_keys(Keys.SPACE)
    assert driver.execute_script(mode) == "showing"


def test_downloads_resolve_with_their_sizes(driver, folder, base_url):
    manifest = json.loads((folder / "manifest.json").read_text())
    for how, url in page_urls(folder, base_url).items():
        open_page(driver, url)
        links = driver.execute_script(
            "return Array.from(document.querySelectorAll('.downloads a')).map(a => "
            "[a.getAttribute('href'), a.href, Number(a.dataset.bytes), a.nextElementSibling.textContent])"
        )
        assert {href for href, *_ in links} == DOWNLOADS
        for href, absolute, size, shown in links:
            assert size == manifest["files"][href]["bytes"]
            assert shown.split()[1] in {"B", "kB", "MB"} and float(shown.split()[0]) > 0
            if how == "http":
                with urllib.request.urlopen(absolute, timeout=30) as response:
                    assert response.status == 200 and len(response.read()) == size
            else:
                assert (
                    Path(urllib.request.url2pathname(absolute.removeprefix("file://"))).stat().st_size == size
                )


def test_keyboard_reaches_every_control(driver, folder, base_url):
    """Tab from the top of the page reaches every link, button, field and the video; Enter on a
    chapter seeks."""
    open_page(driver, page_urls(folder, base_url)["http"])
    controls = driver.execute_script(
        "const all = Array.from(document.querySelectorAll('a[href], button, select, input, video[controls]'))"
        ".filter(el => el.getClientRects().length > 0);"  # (not the video's fallback link, never shown)
        "all.forEach((el, i) => el.dataset.probe = i); return all.length"
    )
    reached = set()
    driver.execute_script("document.activeElement && document.activeElement.blur()")  # from the top
    for _ in range(controls * 3):  # the video's own controls take several stops
        driver.switch_to.active_element.send_keys(Keys.TAB)
        probe = driver.execute_script("return document.activeElement && document.activeElement.dataset.probe")
        if probe is not None:
            reached.add(int(probe))
    assert reached == set(range(controls))
    assert driver.execute_script("return document.getElementById('video').paused")
    chapter = driver.find_elements(By.CSS_SELECTOR, "#chapters button.seek")[3]
    chapter.send_keys(Keys.ENTER)
    wait_for(driver, "!document.getElementById('video').seeking")
    start = json.loads((folder / "chapters.json").read_text())[3]["start"]
    assert abs(current_time(driver) - start) < 0.002


def test_video_plays_and_the_transcript_follows(driver, folder, base_url, vtt_cues):
    """Debian's chromium decodes the H.264 video: played (muted) from just before a cue, the video's
    time runs past the cue's start, frames are decoded and the transcript moves to that cue."""
    open_page(driver, page_urls(folder, base_url)["http"])
    cue_id, _, start, _ = vtt_cues[3]
    seek_and_wait(driver, start - 0.3)
    assert highlighted(driver, "#transcript") == [vtt_cues[2][0]]
    driver.execute_script("const v = document.getElementById('video'); v.muted = true; v.play();")
    wait_for(driver, f"document.getElementById('video').currentTime > {start + 0.3}")
    assert driver.execute_script(
        "const v = document.getElementById('video'); return v.getVideoPlaybackQuality().totalVideoFrames > 0"
        " && v.videoWidth > 0"
    )
    wait_for(driver, f"document.querySelector('#transcript button[data-id=\"{cue_id}\"][aria-current]')")
    driver.execute_script("document.getElementById('video').pause()")


@pytest.mark.parametrize(("name", "size", "mobile"), [("desktop", DESKTOP, False), ("phone", PHONE, True)])
def test_screenshots_fit_the_width(driver, folder, base_url, tmp_path, name, size, mobile):
    """At a desktop's and a phone's width nothing runs off the side; the screenshot shows the player
    (its poster: the opening's still) where the page puts it."""
    open_page(driver, page_urls(folder, base_url)["file"], size, mobile=mobile)
    width, scroll_width, video = driver.execute_script(
        "const r = document.getElementById('video').getBoundingClientRect();"
        "return [innerWidth, document.documentElement.scrollWidth, [r.left, r.top, r.width, r.height]]"
    )
    assert width == size[0] and scroll_width <= width
    left, top, video_width, video_height = video
    assert left >= 0 and left + video_width <= width and video_width > width / 2
    shot = tmp_path / f"page-{name}.png"
    driver.save_screenshot(str(shot))
    image = Image.open(shot).convert("RGB")
    assert image.size == size
    # the player is black beside the poster's text, the page around it white
    edge = image.getpixel((int(left + 4), int(top + video_height / 2)))
    assert max(edge) < 40
    assert min(image.getpixel((width - 3, 3))) > 230


def test_hostile_text_stays_text(driver, folder, tmp_path):
    """Parameters and cue text reach the page escaped: markup in them is shown, never run."""
    from scenes.pipeline.publishing.page import PageInputs, lecture_page
    from scenes.pipeline.publishing.timeline import Chapter, TimedText

    copy = tmp_path / "page"
    shutil.copytree(folder, copy)
    evil = '</script><img src=x onerror="document.title=1">'
    page = PageInputs(
        folder=copy,
        formula=f"f(a) = {evil}",
        parameters={"function": evil, "points": '"><b id=bold>'},
        voice={"engine": evil},
        quality=evil,
        versions={"derivatives-lecture": evil},
        cues=[[TimedText("x-1", evil, 0, 1)]],
        chapters=[Chapter(evil, "Opening", 0.0, 2.0)],
        stills=["stills/01-Opening.png"],
        title=evil,
    )
    (copy / "index.html").write_text(lecture_page(page), encoding="utf-8")
    open_page(driver, (copy / "index.html").as_uri())
    assert driver.execute_script("return document.querySelectorAll('img, b#bold').length") == 0
    assert driver.execute_script("return document.title") != "1"
    assert evil in driver.find_element(By.ID, "transcript").text
    assert driver.execute_script("return document.getElementById('video').textTracks[0].cues[0].text") == (
        evil.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")
    )
    assert console_errors(driver) == []
