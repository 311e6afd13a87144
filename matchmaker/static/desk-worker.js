// The check-in desk's service worker. Its scope is the desk (/organiser/<slug>/check-in):
// no other dashboard page is ever controlled or stored. The plain desk page (no search,
// nobody shown) and the static files go to the network first and a copy is kept, so the
// desk opens when the venue network is gone; every other request passes through untouched.
// The list of people is not kept here: desk-offline.js keeps it in IndexedDB.
"use strict";
importScripts("/static/offline-copies.js");
var CACHE = "check-in-desk-v1";
self.offlineCopies.takeOver();

self.addEventListener("fetch", function (event) {
  var request = event.request;
  var url = new URL(request.url);
  var desk = new URL(self.registration.scope).pathname;
  if (request.method !== "GET" || url.origin !== self.location.origin) { return; }
  if (url.pathname === desk) {
    event.respondWith(self.offlineCopies.answer(request, CACHE, url.origin + desk, url.search === ""));
  } else if (url.pathname.indexOf("/static/") === 0) {
    event.respondWith(self.offlineCopies.answer(request, CACHE, url.href.split("?")[0], true));
  }
});
