// The now page's service worker (served under the attendee's private link, so its scope
// is that person's pages). The now page and the static files it uses go to the network
// first; each answer is kept, and when the network is gone the kept copy is shown.
// Other pages under the link pass through untouched and are never stored.
"use strict";
var CACHE = "now-page-v1";

self.addEventListener("install", function () { self.skipWaiting(); });
self.addEventListener("activate", function (event) { event.waitUntil(self.clients.claim()); });

function kept(request) {
  var url = new URL(request.url);
  return request.method === "GET" && url.origin === self.location.origin &&
    (/\/now$/.test(url.pathname) || url.pathname.indexOf("/static/") === 0);
}

self.addEventListener("fetch", function (event) {
  if (!kept(event.request)) { return; }
  var key = event.request.url.split("?")[0];
  event.respondWith(fetch(event.request).then(function (response) {
    if (response.ok) {
      var copy = response.clone();
      caches.open(CACHE).then(function (cache) { cache.put(key, copy); });
    }
    return response;
  }).catch(function () {
    return caches.open(CACHE).then(function (cache) { return cache.match(key); })
      .then(function (response) { return response || Response.error(); });
  }));
});
