// The now page's service worker (served under the attendee's private link, so its scope
// is that person's pages). The now page and the static files it uses go to the network
// first; each answer is kept, and when the network is gone the kept copy is shown.
// Other pages under the link pass through untouched and are never stored.
"use strict";
importScripts("/static/offline-copies.js");
var CACHE = "now-page-v1";
self.offlineCopies.takeOver();

function kept(request) {
  var url = new URL(request.url);
  return request.method === "GET" && url.origin === self.location.origin &&
    (/\/now$/.test(url.pathname) || url.pathname.indexOf("/static/") === 0);
}

self.addEventListener("fetch", function (event) {
  if (!kept(event.request)) { return; }
  var key = event.request.url.split("?")[0];
  event.respondWith(self.offlineCopies.answer(event.request, CACHE, key, true));
});
