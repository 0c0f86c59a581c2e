// The lecture page's behaviour: caption and chapter tracks made from the cues embedded in the page
// (browsers refuse <track> files opened from disk), one caption track per language (its label in its
// own language, its language code as srclang), the transcript and chapter lists following the video
// and seeking it, captions on by default in the lecture's language, the language menu switching
// captions, transcript and chapters together, playback speed. No request leaves the page's folder.
"use strict";
(function () {
  const data = JSON.parse(document.getElementById("lecture-data").textContent);
  const video = document.getElementById("video");
  const captionsBox = document.getElementById("captions");
  const speed = document.getElementById("speed");
  const cueButtons = Array.from(document.querySelectorAll("#transcript button.seek"));
  const chapterButtons = Array.from(document.querySelectorAll("#chapters button.seek"));
  const transcriptList = document.getElementById("transcript");

  // WebVTT cue text is markup: escape what would be read as a tag or an entity.
  const cueText = (text) => text.replace(/&/g, "&amp;").replace(/</g, "&lt;").replace(/>/g, "&gt;");

  // Every language's words for the same cues (the video's timing); without any, the page's own.
  const languages = data.languages && data.languages.length
    ? data.languages
    : [{ code: data.language, label: "English", cues: data.cues.map((c) => c.text), chapters: data.chapters.map((c) => c.title) }];
  const tracks = languages.map((language) => {
    const track = video.addTextTrack("captions", language.label, language.code);
    data.cues.forEach((cue, i) => {
      const vtt = new VTTCue(cue.start, cue.end, cueText(language.cues[i]));
      vtt.id = cue.id;
      track.addCue(vtt);
    });
    return track;
  });
  const chapterTrack = video.addTextTrack("chapters", data.chaptersLabel || "Chapters", data.language);
  for (const chapter of data.chapters) {
    chapterTrack.addCue(new VTTCue(chapter.start, chapter.end, cueText(chapter.title)));
  }
  chapterTrack.mode = "hidden";

  const menu = document.getElementById("caption-language");
  const chapterHeadings = Array.from(document.querySelectorAll("#transcript h3"));
  const chapterList = document.getElementById("chapters");
  // the language whose captions, transcript and chapter titles are shown: the lecture's own at first
  let chosen = Math.max(0, languages.findIndex((l) => l.code === data.language));
  const showCaptions = () => {
    tracks.forEach((track, i) => {
      track.mode = i === chosen && captionsBox.checked ? "showing" : "hidden";
    });
  };
  const choose = (index) => {
    const language = languages[index];
    if (index === chosen) return showCaptions(); // (the page is written in the lecture's language)
    chosen = index;
    cueButtons.forEach((button, i) => {
      button.lastElementChild.textContent = language.cues[i];
    });
    chapterHeadings.forEach((heading, i) => {
      heading.textContent = language.chapters[i];
    });
    chapterButtons.forEach((button, i) => {
      button.lastElementChild.textContent = `${i + 1}. ${language.chapters[i]}`;
    });
    transcriptList.lang = language.code;
    chapterList.lang = language.code;
    if (menu) menu.value = language.code;
    showCaptions();
  };
  showCaptions();

  captionsBox.addEventListener("change", showCaptions);
  if (menu) {
    menu.addEventListener("change", () => choose(languages.findIndex((l) => l.code === menu.value)));
  }
  video.textTracks.addEventListener("change", () => {
    // the player's own captions menu: follow the track it shows (or none)
    const showing = tracks.findIndex((track) => track.mode === "showing");
    captionsBox.checked = showing >= 0;
    if (showing >= 0 && showing !== chosen) choose(showing);
  });

  speed.addEventListener("change", () => {
    video.playbackRate = Number(speed.value);
  });
  video.addEventListener("ratechange", () => {
    const option = Array.from(speed.options).find((o) => Number(o.value) === video.playbackRate);
    if (option) speed.value = option.value;
  });

  const seek = (seconds) => {
    video.currentTime = seconds;
  };
  for (const button of [...cueButtons, ...chapterButtons]) {
    button.addEventListener("click", () => seek(Number(button.dataset.start)));
  }

  // The item whose start has come: the last one starting at or before t (within a millisecond).
  const current = (buttons, t) => {
    let found = null;
    for (const button of buttons) {
      if (Number(button.dataset.start) <= t + 0.001) found = button;
      else break;
    }
    return found;
  };
  const mark = (buttons, now) => {
    for (const button of buttons) {
      if (button === now) button.setAttribute("aria-current", "true");
      else button.removeAttribute("aria-current");
    }
  };
  // Scroll the transcript (not the page) so that the current cue is in view.
  const keepInView = (button) => {
    const item = button.closest("li"); // positioned relative to the list (position: relative)
    const top = item.offsetTop;
    const bottom = top + item.offsetHeight;
    const view = transcriptList.clientHeight;
    if (top < transcriptList.scrollTop || bottom > transcriptList.scrollTop + view) {
      transcriptList.scrollTop = Math.max(0, top - view / 3);
    }
  };
  let shown = null;
  const follow = () => {
    const t = video.currentTime;
    const now = current(cueButtons, t);
    mark(chapterButtons, current(chapterButtons, t));
    if (now !== shown) {
      mark(cueButtons, now);
      if (now) keepInView(now);
      shown = now;
    }
  };
  for (const event of ["timeupdate", "seeking", "seeked", "loadedmetadata"]) {
    video.addEventListener(event, follow);
  }
  follow();
})();
