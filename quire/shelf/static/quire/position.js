// "Continue reading": scrolls back to ?position= (a fraction of the chapter's text) on arrival, and, for
// readers who keep a history (their page carries a signed token per chapter), tells the archive how far
// they got with one small beacon after they stop scrolling and when they leave. Without JavaScript the
// link still opens the right chapter.
//
// The page itself writes nothing while it is made: once shown, it tells the archive the reader opened it here
// (for their history and "continue reading"). Without JavaScript, an image in <noscript> does the same.
(function () {
  "use strict";

  function recordOpening() {
    var marker = document.querySelector("[data-opened-token]");
    if (!marker) {
      return;
    }
    var token = marker.getAttribute("data-opened-token");
    var data = new URLSearchParams();
    data.append("token", token);
    if (navigator.sendBeacon && navigator.sendBeacon("/shelf/opened", data)) {
      return;
    }
    new Image().src = "/shelf/opened?token=" + encodeURIComponent(token);
  }

  document.addEventListener("DOMContentLoaded", recordOpening);

  var texts = [];
  var lastSent = "";
  var timer = null;

  function place() {
    // The chapter text holding the top of the window, and how far through it that is.
    var chosen = texts[0];
    texts.forEach(function (text) {
      if (text.getBoundingClientRect().top <= 0) {
        chosen = text;
      }
    });
    var rect = chosen.getBoundingClientRect();
    var fraction = rect.height > 0 ? Math.min(Math.max(-rect.top / rect.height, 0), 1) : 0;
    return { token: chosen.getAttribute("data-position-token"), position: fraction.toFixed(3) };
  }

  function send() {
    timer = null;
    var now = place();
    var key = now.token + "|" + now.position;
    if (!now.token || key === lastSent || !navigator.sendBeacon) {
      return;
    }
    lastSent = key;
    // Form-encoded, not FormData: a multipart body is refused wherever no file is taken (quire/core/uploads.py).
    var data = new URLSearchParams();
    data.append("token", now.token);
    data.append("position", now.position);
    navigator.sendBeacon("/shelf/position", data);
  }

  function sendSoon() {
    if (timer) {
      clearTimeout(timer);
    }
    timer = setTimeout(send, 1500);
  }

  function restore() {
    var wanted = parseFloat(new URLSearchParams(window.location.search).get("position"));
    if (wanted > 0 && wanted <= 1) {
      var rect = texts[0].getBoundingClientRect();
      window.scrollTo(0, window.scrollY + rect.top + wanted * rect.height);
    }
  }

  window.addEventListener("load", function () {
    texts = Array.prototype.slice.call(document.querySelectorAll("#chapters div.userstuff"));
    if (!texts.length) {
      return;
    }
    restore();
    var start = place();
    lastSent = start.token + "|" + start.position;
    window.addEventListener("scroll", sendSoon, { passive: true });
    window.addEventListener("pagehide", send);
    document.addEventListener("visibilitychange", function () {
      if (document.visibilityState === "hidden") {
        send();
      }
    });
  });
})();
