// The now page: register its service worker, which keeps the last copy for offline reading.
(function () {
  "use strict";
  var script = document.currentScript;
  if (!("serviceWorker" in navigator) || !script) { return; }
  navigator.serviceWorker.register(script.dataset.worker).catch(function () {});
}());
