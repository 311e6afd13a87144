// The check-in desk's service worker. Its scope is the desk (/organiser/<slug>/check-in):
// no other dashboard page is ever controlled or stored. The plain desk page (no search,
// nobody shown) and the static files go to the network first and a copy is kept, so the
// desk opens when the venue network is gone; every other request passes through untouched.
// The list of people is not kept here: desk-offline.js keeps it in IndexedDB.
// The search form posted into a dead network (navigator.onLine can still say online) is
// handed back to the desk page (#offline=<what was typed>), which checks it in there.
"use strict";
importScripts("/static/offline-copies.js");
var CACHE = "check-in-desk-v1";
self.offlineCopies.takeOver();

self.addEventListener("fetch", function (event) {
  var request = event.request;
  var url = new URL(request.url);
  var desk = new URL(self.registration.scope).pathname;
  if (url.origin !== self.location.origin) { return; }
  if (request.method === "POST" && request.mode === "navigate" && url.pathname === desk) {
    event.respondWith(sentOrHandedBack(request, desk));
    return;
  }
  if (request.method !== "GET") { return; }
  if (url.pathname === desk) {
    event.respondWith(self.offlineCopies.answer(request, CACHE, url.origin + desk, url.search === ""));
  } else if (url.pathname.indexOf("/static/") === 0) {
    event.respondWith(self.offlineCopies.answer(request, CACHE, url.href.split("?")[0], true));
  }
});

function sentOrHandedBack(request, desk) {
  var typed = request.clone().formData().then(function (form) { return form.get("q") || ""; });
  return fetch(request).catch(function () {
    return typed.then(function (q) {
      var back = new URL(desk, self.location.origin);
      back.hash = "offline=" + encodeURIComponent(q);
      return Response.redirect(back.href, 303);
    });
  });
}
