// What the app's service workers share (imported by now-worker.js and desk-worker.js):
// a worker that takes over at once, and an answer from the network that keeps a copy of
// each good response, so that when the network is gone the kept copy is shown.
"use strict";
self.offlineCopies = {
  takeOver: function () {
    self.addEventListener("install", function () { self.skipWaiting(); });
    self.addEventListener("activate", function (event) { event.waitUntil(self.clients.claim()); });
  },
  // The network's answer to `request`; a good one is kept under `key` when `keep` is true.
  // Without network: the copy kept under `key`, or a network error.
  answer: function (request, cacheName, key, keep) {
    return fetch(request).then(function (response) {
      if (keep && response.ok) {
        var copy = response.clone();
        caches.open(cacheName).then(function (cache) { cache.put(key, copy); });
      }
      return response;
    }).catch(function () {
      return caches.open(cacheName).then(function (cache) { return cache.match(key); })
        .then(function (response) { return response || Response.error(); });
    });
  }
};
