// Tells the writer's stats that a reader reached the end of a chapter: one small beacon, once per chapter,
// no cookies or third parties involved. Without JavaScript, "Next Chapter" links still count.
(function () {
  "use strict";
  if (!("IntersectionObserver" in window) || !navigator.sendBeacon) {
    return;
  }
  var sent = {};
  var observer = new IntersectionObserver(function (entries) {
    entries.forEach(function (entry) {
      var token = entry.target.getAttribute("data-read-beacon");
      if (!entry.isIntersecting || !token || sent[token]) {
        return;
      }
      sent[token] = true;
      // Form-encoded, not FormData: a multipart body is refused wherever no file is taken (quire/core/uploads.py).
      var data = new URLSearchParams();
      data.append("token", token);
      navigator.sendBeacon("/insights/read", data);
      observer.unobserve(entry.target);
    });
  });
  document.addEventListener("DOMContentLoaded", function () {
    document.querySelectorAll("[data-read-beacon]").forEach(function (marker) {
      observer.observe(marker);
    });
  });
})();
