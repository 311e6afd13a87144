// Shows a background job's progress without reloading: every element with
// data-job-status-url is polled (every data-job-poll-ms milliseconds) for the JSON of
// matchmaker/jobs/web.py; its [data-job-label] and [data-job-progress] follow it, and
// the page reloads once the job is finished, to show the result the server renders.
(function () {
  "use strict";

  function follow(box) {
    var url = box.getAttribute("data-job-status-url");
    var delay = parseInt(box.getAttribute("data-job-poll-ms"), 10) || 1000;
    var label = box.querySelector("[data-job-label]");
    var bar = box.querySelector("[data-job-progress]");

    function show(job) {
      if (label && label.textContent !== job.label) {
        label.textContent = job.label;
      }
      if (bar) {
        bar.value = job.percent;
        bar.textContent = job.percent + " %";
      }
    }

    function poll() {
      fetch(url, { headers: { Accept: "application/json" }, credentials: "same-origin" })
        .then(function (response) {
          if (!response.ok) {
            throw new Error("HTTP " + response.status);
          }
          return response.json();
        })
        .then(function (job) {
          show(job);
          if (job.finished) {
            window.location.reload();
          } else {
            window.setTimeout(poll, delay);
          }
        })
        .catch(function () {
          window.setTimeout(poll, delay * 5);  // the server is busy or restarting
        });
    }

    window.setTimeout(poll, delay);
  }

  document.querySelectorAll("[data-job-status-url]").forEach(follow);
})();
