// Reload the page every data-seconds seconds (the now page, the display screen), so
// what it shows follows the schedule. Offline, the now page's service worker answers.
// Not while the person is busy on the page (a running badge scanner marks itself
// data-busy, or a text field has the focus and something typed): then a little later.
(function () {
  "use strict";
  var script = document.currentScript;
  var seconds = script ? parseInt(script.dataset.seconds, 10) : 0;

  function busy() {
    var active = document.activeElement;
    var typing = active && active.tagName === "INPUT" && active.type !== "hidden" && active.value !== "";
    return typing || document.querySelector("[data-busy]") !== null;
  }

  function later() {
    window.setTimeout(function () {
      if (busy()) { later(); } else { window.location.reload(); }
    }, seconds * 1000);
  }

  if (seconds > 0) { later(); }
}());
