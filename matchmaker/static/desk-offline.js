// The check-in desk when the venue network fails.
//
// The desk keeps the event's list (number, name, organisation, badge code, status,
// checked in: nothing more) in IndexedDB, refreshed from list.json while online. Online,
// the search form posts as it does without JavaScript. Offline (navigator.onLine is false
// or the last request failed), a badge code or number typed or scanned is checked in
// against the kept list: the confirmation says "offline, will be sent" and the check-in
// waits in IndexedDB, each with an id made here. Back online, the queue is sent; the server
// makes each id once however often it arrives, and what it refused is shown.
//
// A scanner calls window.checkInDesk.submitCode(code): the same as typing code and Enter.
(function () {
  "use strict";
  var root = document.getElementById("desk-offline");
  var form = document.querySelector("form.check-in-search");
  if (!root || !form || !window.indexedDB || !window.fetch) { return; }
  var texts = JSON.parse(document.getElementById("desk-offline-texts").textContent);
  var field = form.querySelector("input[name=q]");
  var token = form.querySelector("input[name=csrf_token]").value;
  var ALPHABET = "0123456789ABCDEFGHJKMNPQRSTVWXYZ";
  var BATCH = 100;
  var people = [];
  var byCode = {};
  var byNumber = {};
  var queue = [];
  var lastFailed = false;
  var sending = false;
  var opened = null;

  // IndexedDB, one database per desk: the list ("people") and the queue.
  function database() {
    if (!opened) {
      opened = new Promise(function (resolve, reject) {
        var request = indexedDB.open("check-in-desk:" + root.dataset.desk, 1);
        request.onupgradeneeded = function () {
          request.result.createObjectStore("people", { keyPath: "number" });
          request.result.createObjectStore("queue", { keyPath: "id" });
        };
        request.onsuccess = function () { resolve(request.result); };
        request.onerror = function () { reject(request.error); };
      });
    }
    return opened;
  }

  function change(storeName, work) {
    return database().then(function (db) {
      return new Promise(function (resolve, reject) {
        var transaction = db.transaction(storeName, "readwrite");
        work(transaction.objectStore(storeName));
        transaction.oncomplete = function () { resolve(); };
        transaction.onerror = transaction.onabort = function () { reject(transaction.error); };
      });
    });
  }

  function readAll(storeName) {
    return database().then(function (db) {
      return new Promise(function (resolve, reject) {
        var request = db.transaction(storeName).objectStore(storeName).getAll();
        request.onsuccess = function () { resolve(request.result); };
        request.onerror = function () { reject(request.error); };
      });
    });
  }

  // The list in memory, with what waits in the queue counted as checked in.
  function remember(rows) {
    people = rows;
    byCode = {};
    byNumber = {};
    rows.forEach(function (person) {
      byCode[person.badge_code] = person;
      byNumber[person.number] = person;
    });
    queue.forEach(function (item) {
      if (byNumber[item.number]) { byNumber[item.number].checked_in = true; }
    });
  }

  // As the server reads a badge code (matchmaker/badge_code.py): Crockford's base 32.
  function badgeCode(typed) {
    var code = typed.replace(/\s+/g, "").replace(/-/g, "").toUpperCase()
      .replace(/O/g, "0").replace(/[IL]/g, "1");
    if (code.length !== 8) { return null; }
    for (var i = 0; i < code.length; i += 1) {
      if (ALPHABET.indexOf(code.charAt(i)) < 0) { return null; }
    }
    return code;
  }

  function find(typed) {
    var code = badgeCode(typed);
    if (code && byCode[code]) { return byCode[code]; }
    var number = typed.trim().replace(/^#+/, "");
    return /^[0-9]{1,9}$/.test(number) ? byNumber[Number(number)] || null : null;
  }

  function offline() { return !navigator.onLine || lastFailed; }

  function newId() {
    if (window.crypto && crypto.randomUUID) { return crypto.randomUUID(); }
    return "desk-" + Date.now().toString(36) + "-" + Math.random().toString(36).slice(2, 12);
  }

  // What the desk shows.
  function say(message, kind) {
    var old = root.querySelector(".desk-offline-notice");
    if (old) { old.remove(); }
    var notice = document.createElement("div");
    notice.className = "notice desk-offline-notice notice-" + kind;
    notice.setAttribute("role", kind === "error" ? "alert" : "status");
    notice.textContent = message;
    root.appendChild(notice);
  }

  function confirmArrival(person) {
    document.querySelectorAll(".check-in-ok").forEach(function (shown) { shown.remove(); });
    var section = document.getElementById("desk-offline-confirmation").content
      .firstElementChild.cloneNode(true);
    section.className = "check-in-ok";
    section.querySelector("h2").textContent = "✓ " + person.name;
    section.querySelector(".check-in-organisation").textContent = person.organisation;
    form.parentNode.insertBefore(section, form);
  }

  function showCounts() {
    var waiting = root.querySelector("[data-waiting]");
    waiting.textContent = queue.length === 1 ? texts.waiting_one
      : texts.waiting_many.replace("{n}", String(queue.length));
    root.querySelector("[data-offline-note]").hidden = !offline();
    var count = document.querySelector("#check-in-count strong");
    var registered = people.filter(function (person) { return person.status === "registered"; });
    if (count && registered.length) {
      var arrived = registered.filter(function (person) { return person.checked_in; }).length;
      count.textContent = arrived + " / " + registered.length;
    }
  }

  function showRefused(results) {
    if (!results.length) { return; }
    var box = root.querySelector("[data-refused]");
    var list = box.querySelector("ul");
    results.forEach(function (result) {
      var item = document.createElement("li");
      item.textContent = result.message;
      list.appendChild(item);
    });
    box.hidden = false;
  }

  // Checking in here, against the kept list.
  function checkInHere(typed) {
    var person = find(typed);
    field.value = "";
    field.focus();
    if (!person) { return say(texts.not_found.replace("{typed}", typed.trim()), "error"); }
    if (person.status === "waitlisted") { return say(texts.waitlisted.replace("{name}", person.name), "error"); }
    if (person.status !== "registered") { return say(texts.cancelled.replace("{name}", person.name), "error"); }
    if (person.checked_in) { return say(texts.already.replace("{name}", person.name), "info"); }
    var item = { id: newId(), code: person.badge_code, number: person.number, at: new Date().toISOString() };
    person.checked_in = true;
    queue.push(item);
    confirmArrival(person);
    var notice = root.querySelector(".desk-offline-notice");
    if (notice) { notice.remove(); }
    showCounts();
    return change("queue", function (store) { store.put(item); });
  }

  // The server: the list while online, the queue when the network is back.
  function refresh() {
    return fetch(root.dataset.list, { credentials: "same-origin", cache: "no-store",
                                      headers: { Accept: "application/json" } })
      .then(function (response) {
        if (response.redirected) { return loggedOut(); }
        if (!response.ok) { throw new Error("list " + response.status); }
        return response.json().then(function (data) {
          lastFailed = false;
          token = data.csrf_token;
          return change("people", function (store) {
            store.clear();
            data.people.forEach(function (person) { store.put(person); });
          }).then(function () {
            remember(data.people);
            root.setAttribute("data-list-loaded", "");
          });
        });
      })
      .catch(function (error) { lastFailed = !error.loggedOut; throw error; })
      .finally(showCounts);
  }

  function loggedOut() {
    remember([]);
    say(texts.logged_out, "error");
    return change("people", function (store) { store.clear(); }).then(function () {
      var error = new Error("logged out");
      error.loggedOut = true;  // the form posts again, and the server asks for the log-in
      throw error;
    });
  }

  function post(batch) {
    return fetch(root.dataset.sync, {
      method: "POST", credentials: "same-origin",
      headers: { "Content-Type": "application/json", Accept: "application/json", "X-CSRFToken": token },
      body: JSON.stringify({ check_ins: batch.map(function (item) {
        return { id: item.id, code: item.code, at: item.at };
      }) })
    }).then(function (response) {
      if (!response.ok || response.redirected) { throw new Error("sync " + response.status); }
      return response.json();
    });
  }

  function sent(data) {
    var done = data.results.map(function (result) { return result.id; });
    queue = queue.filter(function (item) { return done.indexOf(item.id) < 0; });
    showRefused(data.results.filter(function (result) {
      return result.outcome !== "checked_in" && result.outcome !== "already";
    }));
    return change("queue", function (store) { done.forEach(function (id) { store.delete(id); }); });
  }

  function send() {
    if (sending || !navigator.onLine) { return Promise.resolve(); }
    sending = true;
    return refresh().then(function () {
      if (!queue.length) { return null; }
      return post(queue.slice(0, BATCH)).then(sent).then(refresh);
    }).catch(function (error) { lastFailed = !error.loggedOut; }).then(function () {
      sending = false;
      showCounts();
      if (queue.length && !lastFailed) { return send(); }
      return null;
    });
  }

  form.addEventListener("submit", function (event) {
    if (!offline()) { return; }
    event.preventDefault();
    checkInHere(field.value);
  });
  window.addEventListener("online", send);
  window.addEventListener("offline", showCounts);
  window.setInterval(send, 30000);
  window.checkInDesk = {
    submitCode: function (code) {
      field.value = code;
      if (form.requestSubmit) { form.requestSubmit(); } else if (!offline()) { form.submit(); }
    }
  };
  if ("serviceWorker" in navigator) {
    navigator.serviceWorker.register(root.dataset.worker, { scope: root.dataset.desk })
      .catch(function () {});
  }

  // What the service worker handed back: typed while the network was dead.
  var handedBack = /^#offline=(.*)$/.exec(location.hash);
  if (handedBack) {
    lastFailed = true;
    history.replaceState(null, "", location.pathname + location.search);
  }

  root.hidden = false;
  Promise.all([readAll("people"), readAll("queue")]).then(function (stored) {
    queue = stored[1];
    remember(stored[0]);
    showCounts();
    if (handedBack) { return checkInHere(decodeURIComponent(handedBack[1])); }
    return send();
  }).catch(function () { showCounts(); });
}());
