// Reload the page every data-seconds seconds (the now page, the display screen), so
// what it shows follows the schedule. Offline, the now page's service worker answers.
(function () {
  "use strict";
  var script = document.currentScript;
  var seconds = script ? parseInt(script.dataset.seconds, 10) : 0;
  if (seconds > 0) {
    window.setTimeout(function () { window.location.reload(); }, seconds * 1000);
  }
}());
