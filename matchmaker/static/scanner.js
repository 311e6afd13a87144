// Badge scanning with the camera, shared by the check-in desk and the attendee's now page.
//
// Each element marked `data-badge-scanner` (hidden until this script shows it, so pages
// without JavaScript show only their typed-code form) holds a start and a stop button, a
// <video> and a status line. The camera (the rear one where there is one) is decoded with
// the browser's BarcodeDetector where it exists, otherwise with jsQR (loaded from /static
// only then). A decoded code is typed into the page's own field (`data-field`, an id) and
// its form is submitted, so a scan is answered exactly as a typed code is.
// With `data-resume` the scanner starts again after the page comes back (the desk scans
// badge after badge); the same code is not sent again for RESEND_AFTER_MS.
(function () {
  "use strict";
  var RESEND_AFTER_MS = 10000;
  var FRAME_MS = 150;
  var MAX_WIDTH = 640;

  function codeIn(text) {
    // The badge's QR code holds the code alone; a URL ending in /b/<code> is read as its code.
    var trimmed = String(text || "").trim();
    var match = /\/b\/([^/?#]+)\/?(?:[?#].*)?$/.exec(trimmed);
    return match ? decodeURIComponent(match[1]) : trimmed;
  }

  function loadScript(src) {
    return new Promise(function (resolve, reject) {
      var script = document.createElement("script");
      script.src = src;
      script.onload = resolve;
      script.onerror = reject;
      document.head.appendChild(script);
    });
  }

  function nativeDetector() {
    if (!("BarcodeDetector" in window)) { return Promise.resolve(null); }
    var formats = window.BarcodeDetector.getSupportedFormats ?
      window.BarcodeDetector.getSupportedFormats() : Promise.resolve(["qr_code"]);
    return formats.then(function (supported) {
      if (supported.indexOf("qr_code") < 0) { return null; }
      var detector = new window.BarcodeDetector({ formats: ["qr_code"] });
      return function (video) {
        return detector.detect(video).then(function (codes) {
          return codes.length ? codes[0].rawValue : null;
        });
      };
    }).catch(function () { return null; });
  }

  function jsqrDetector(src) {
    var ready = window.jsQR ? Promise.resolve() : loadScript(src);
    return ready.then(function () {
      var canvas = document.createElement("canvas");
      var context = canvas.getContext("2d", { willReadFrequently: true });
      return function (video) {
        var scale = Math.min(1, MAX_WIDTH / video.videoWidth);
        canvas.width = Math.round(video.videoWidth * scale);
        canvas.height = Math.round(video.videoHeight * scale);
        context.drawImage(video, 0, 0, canvas.width, canvas.height);
        var frame = context.getImageData(0, 0, canvas.width, canvas.height);
        var found = window.jsQR(frame.data, frame.width, frame.height, { inversionAttempts: "attemptBoth" });
        return Promise.resolve(found ? found.data : null);
      };
    });
  }

  function Scanner(root) {
    this.root = root;
    this.video = root.querySelector("[data-scanner-video]");
    this.status = root.querySelector("[data-scanner-status]");
    this.startButton = root.querySelector("[data-scanner-start]");
    this.stopButton = root.querySelector("[data-scanner-stop]");
    this.field = document.getElementById(root.dataset.field);
    this.resumeKey = root.dataset.resume ? "badge-scanner:" + root.dataset.resume : null;
    this.stream = null;
    this.detector = null;
  }

  Scanner.prototype.say = function (key) {
    this.status.textContent = this.root.dataset[key] || "";
  };

  Scanner.prototype.remember = function (value) {
    if (!this.resumeKey) { return; }
    try {
      if (value === null) { window.sessionStorage.removeItem(this.resumeKey); }
      else { window.sessionStorage.setItem(this.resumeKey, JSON.stringify(value)); }
    } catch (error) { /* storage refused: the desk just does not resume */ }
  };

  Scanner.prototype.remembered = function () {
    if (!this.resumeKey) { return null; }
    try { return JSON.parse(window.sessionStorage.getItem(this.resumeKey) || "null"); }
    catch (error) { return null; }
  };

  Scanner.prototype.start = function () {
    var self = this;
    if (!navigator.mediaDevices || !navigator.mediaDevices.getUserMedia) {
      self.say("noCamera");
      return;
    }
    self.say("starting");
    self.startButton.disabled = true;
    var detecting = nativeDetector().then(function (native) {
      return native || jsqrDetector(self.root.dataset.jsqr);
    });
    var camera = navigator.mediaDevices.getUserMedia(
      { video: { facingMode: { ideal: "environment" } }, audio: false });
    Promise.all([camera, detecting]).then(function (both) {
      self.stream = both[0];
      self.detector = both[1];
      self.video.srcObject = self.stream;
      self.root.dataset.busy = "camera";  // refresh.js does not reload the page meanwhile
      self.video.hidden = false;
      self.startButton.hidden = true;
      self.stopButton.hidden = false;
      self.remember(self.remembered() || { last: null, at: 0 });
      return self.video.play();
    }).then(function () {
      self.say("looking");
      self.look();
    }).catch(function (error) {
      self.stop();
      self.remember(null);  // the desk does not try again on every page
      var name = error && error.name;
      if (name === "NotAllowedError" || name === "SecurityError") { self.say("denied"); }
      else if (name === "NotFoundError" || name === "OverconstrainedError") { self.say("noCamera"); }
      else { self.say("failed"); }
    });
  };

  Scanner.prototype.look = function () {
    var self = this;
    if (!self.stream) { return; }
    var ready = self.video.readyState >= 2 && self.video.videoWidth > 0;
    (ready ? self.detector(self.video) : Promise.resolve(null)).then(function (text) {
      if (!self.stream) { return; }
      var code = text ? codeIn(text) : "";
      if (code && self.isNew(code)) { self.send(code); }
      else { window.setTimeout(function () { self.look(); }, FRAME_MS); }
    }).catch(function () {
      window.setTimeout(function () { self.look(); }, FRAME_MS);
    });
  };

  Scanner.prototype.isNew = function (code) {
    var last = this.remembered();
    return !last || last.last !== code || Date.now() - last.at > RESEND_AFTER_MS;
  };

  Scanner.prototype.send = function (code) {
    this.remember(this.resumeKey ? { last: code, at: Date.now() } : null);
    this.say("found");
    this.release();
    this.field.value = code;
    var form = this.field.form;
    if (form.requestSubmit) { form.requestSubmit(); } else { form.submit(); }
  };

  Scanner.prototype.release = function () {
    if (this.stream) {
      this.stream.getTracks().forEach(function (track) { track.stop(); });
    }
    this.stream = null;
    this.video.srcObject = null;
    delete this.root.dataset.busy;
  };

  Scanner.prototype.stop = function () {
    this.release();
    this.video.hidden = true;
    this.stopButton.hidden = true;
    this.startButton.hidden = false;
    this.startButton.disabled = false;
    this.status.textContent = "";
  };

  function setUp(root) {
    var scanner = new Scanner(root);
    if (!scanner.field || !scanner.field.form) { return; }
    root.hidden = false;
    scanner.startButton.addEventListener("click", function () { scanner.start(); });
    scanner.stopButton.addEventListener("click", function () {
      scanner.remember(null);
      scanner.stop();
      scanner.startButton.focus();
    });
    if (scanner.remembered()) { scanner.start(); }
  }

  function setUpAll() {
    Array.prototype.forEach.call(document.querySelectorAll("[data-badge-scanner]"), setUp);
  }

  if (document.readyState === "loading") { document.addEventListener("DOMContentLoaded", setUpAll); }
  else { setUpAll(); }
}());
