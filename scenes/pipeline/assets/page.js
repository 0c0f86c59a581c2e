// The lecture page's behaviour: caption and chapter tracks made from the cues embedded in the page
// (browsers refuse <track> files opened from disk), the transcript and chapter lists following the
// video and seeking it, captions on by default, playback speed. No request leaves the page's folder.
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

  const captions = video.addTextTrack("captions", "English", data.language);
  for (const cue of data.cues) {
    const vtt = new VTTCue(cue.start, cue.end, cueText(cue.text));
    vtt.id = cue.id;
    captions.addCue(vtt);
  }
  const chapterTrack = video.addTextTrack("chapters", "Chapters", data.language);
  for (const chapter of data.chapters) {
    chapterTrack.addCue(new VTTCue(chapter.start, chapter.end, cueText(chapter.title)));
  }
  chapterTrack.mode = "hidden";
  captions.mode = captionsBox.checked ? "showing" : "hidden";

  captionsBox.addEventListener("change", () => {
    captions.mode = captionsBox.checked ? "showing" : "hidden";
  });
  video.textTracks.addEventListener("change", () => {
    captionsBox.checked = captions.mode === "showing"; // the player's own captions menu
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
