// kkaudio's pages: follow the transcript, seek by chapter or cue, speed, shortcuts, links to a
// moment. Everything here adds to plain HTML that already works without it.
(function () {
  "use strict";

  var status = document.getElementById("status");
  function say(message) {
    if (status) { status.textContent = message; }
  }

  function copyText(text, ok, failed) {
    if (navigator.clipboard && window.isSecureContext) {
      navigator.clipboard.writeText(text).then(function () { say(ok); }, function () { say(failed); });
    } else {  // plain http on a LAN address: the old way
      var area = document.createElement("textarea");
      area.value = text;
      area.setAttribute("readonly", "");
      area.style.position = "absolute";
      area.style.left = "-9999px";
      document.body.appendChild(area);
      area.select();
      try { say(document.execCommand("copy") ? ok : failed); } catch (e) { say(failed); }
      document.body.removeChild(area);
    }
  }

  // The show page: copy a feed's address.
  Array.prototype.forEach.call(document.querySelectorAll("button.copy"), function (button) {
    button.hidden = false;
    button.addEventListener("click", function () {
      var input = document.getElementById(button.getAttribute("data-copy"));
      copyText(input.value, "✓ " + input.value, input.value);
    });
  });

  var audio = document.getElementById("audio");
  if (!audio) { return; }
  var data = JSON.parse(document.getElementById("episode-data").textContent);
  Array.prototype.forEach.call(document.querySelectorAll(".controls, .help, .follow"), function (el) {
    el.hidden = false;
  });

  var cues = Array.prototype.slice.call(document.querySelectorAll("#cues .cue"));
  var starts = cues.map(function (el) { return parseFloat(el.getAttribute("data-start")); });
  var ends = cues.map(function (el) { return parseFloat(el.getAttribute("data-end")); });
  var chapterLinks = Array.prototype.slice.call(document.querySelectorAll("#chapter-list a"));
  var follow = document.getElementById("follow");
  var playButton = document.getElementById("play");
  var current = -1;
  var currentChapter = -1;

  // The last cue that starts at or before t; it is "being spoken" if t is before its end.
  function cueAt(t) {
    var lo = 0, hi = starts.length - 1, found = -1;
    while (lo <= hi) {
      var mid = (lo + hi) >> 1;
      if (starts[mid] <= t) { found = mid; lo = mid + 1; } else { hi = mid - 1; }
    }
    return found >= 0 && t < ends[found] ? found : -1;
  }

  function chapterAt(t) {
    for (var i = data.chapters.length - 1; i >= 0; i--) {
      if (t >= data.chapters[i].start) { return i; }
    }
    return data.chapters.length ? 0 : -1;
  }

  function mark(el, on) {
    if (!el) { return; }
    if (on) { el.setAttribute("aria-current", "true"); } else { el.removeAttribute("aria-current"); }
  }

  // `jumped`: the listener moved the playhead, so show where it went even while paused.
  function update(jumped) {
    var t = audio.currentTime;
    var i = cueAt(t);
    if (i !== current) {
      mark(cues[current], false);
      mark(cues[i], true);
      current = i;
      if (i >= 0 && follow && follow.checked && (jumped === true || !audio.paused)) {
        cues[i].scrollIntoView({ block: "center", behavior: jumped === true ? "auto" : "smooth" });
      }
    }
    var c = chapterAt(t);
    if (c !== currentChapter) {
      mark(chapterLinks[currentChapter], false);
      mark(chapterLinks[c], true);
      currentChapter = c;
      var list = document.getElementById("chapter-list");
      var item = chapterLinks[c];
      if (item && list) {  // keep the current chapter in view inside its own scrolling list
        var top = item.offsetTop - list.offsetTop;
        if (top < list.scrollTop || top + item.offsetHeight > list.scrollTop + list.clientHeight) {
          list.scrollTop = top - list.clientHeight / 3;
        }
      }
    }
  }

  function seek(t, play) {
    audio.currentTime = Math.max(0, Math.min(t, isFinite(audio.duration) ? audio.duration : t));
    update(true);
    if (play) { audio.play().catch(function () {}); }
  }

  // `#t=83`, `#t=1:23`, `#t=1:02:03`: where a shared link opens (paused).
  function hashTime() {
    var m = /(?:^#|&)t=([0-9:.]+)/.exec(location.hash);
    if (!m) { return null; }
    var parts = m[1].split(":").map(parseFloat);
    if (parts.some(isNaN)) { return null; }
    return parts.reduce(function (total, part) { return total * 60 + part; }, 0);
  }

  function openAtHash() {
    var t = hashTime();
    if (t === null) { return; }
    if (audio.readyState >= 1) { seek(t, false); } else {
      audio.addEventListener("loadedmetadata", function once() {
        audio.removeEventListener("loadedmetadata", once);
        seek(t, false);
      });
    }
  }

  function clock(t) {
    t = Math.floor(t);
    var h = Math.floor(t / 3600), m = Math.floor((t % 3600) / 60), s = t % 60;
    var mm = (h && m < 10 ? "0" : "") + m;
    return (h ? h + ":" : "") + mm + ":" + (s < 10 ? "0" : "") + s;
  }

  chapterLinks.forEach(function (link, i) {
    link.addEventListener("click", function (event) {
      event.preventDefault();
      seek(data.chapters[i].start, !audio.paused);
    });
  });
  cues.forEach(function (el, i) {
    el.addEventListener("click", function (event) {
      event.preventDefault();
      seek(starts[i], true);
    });
  });

  document.getElementById("back").addEventListener("click", function () { seek(audio.currentTime - 15, false); });
  document.getElementById("forward").addEventListener("click", function () { seek(audio.currentTime + 30, false); });
  document.getElementById("prev-chapter").addEventListener("click", previousChapter);
  document.getElementById("next-chapter").addEventListener("click", nextChapter);
  playButton.addEventListener("click", toggle);
  document.getElementById("speed").addEventListener("change", function (event) {
    audio.playbackRate = parseFloat(event.target.value);
  });
  document.getElementById("copy-moment").addEventListener("click", function () {
    var link = location.href.split("#")[0] + "#t=" + clock(audio.currentTime);
    copyText(link, data.copied + " " + link, data.copyFailed);
    history.replaceState(null, "", "#t=" + clock(audio.currentTime));
  });

  function toggle() {
    if (audio.paused) { audio.play().catch(function () {}); } else { audio.pause(); }
  }
  function previousChapter() {
    var c = chapterAt(audio.currentTime);
    // Within 3 s of a chapter's start, go to the one before; otherwise to this one's start.
    if (c > 0 && audio.currentTime - data.chapters[c].start < 3) { c -= 1; }
    if (c >= 0) { seek(data.chapters[c].start, !audio.paused); }
  }
  function nextChapter() {
    var c = chapterAt(audio.currentTime);
    if (c + 1 < data.chapters.length) { seek(data.chapters[c + 1].start, !audio.paused); }
  }

  function showPlaying() {
    var playing = !audio.paused;
    playButton.textContent = playing ? "⏸︎" : "▶︎";
    playButton.setAttribute("aria-label", playButton.getAttribute(playing ? "data-pause" : "data-play"));
  }
  audio.addEventListener("play", showPlaying);
  audio.addEventListener("pause", showPlaying);
  audio.addEventListener("timeupdate", function () { update(false); });
  audio.addEventListener("seeked", function () { update(false); });

  document.addEventListener("keydown", function (event) {
    if (event.altKey || event.ctrlKey || event.metaKey) { return; }
    var tag = (event.target.tagName || "").toLowerCase();
    if (tag === "input" || tag === "select" || tag === "textarea" || event.target.isContentEditable) { return; }
    if (event.key === " " && tag !== "button" && tag !== "a" && tag !== "audio" && tag !== "summary") {
      event.preventDefault();
      toggle();
    } else if (event.key === "ArrowLeft" && tag !== "audio") {
      event.preventDefault();
      seek(audio.currentTime - 15, false);
    } else if (event.key === "ArrowRight" && tag !== "audio") {
      event.preventDefault();
      seek(audio.currentTime + 30, false);
    } else if (event.key === "[") {
      previousChapter();
    } else if (event.key === "]") {
      nextChapter();
    }
  });

  window.addEventListener("hashchange", openAtHash);
  openAtHash();
  update(false);
})();
