/* A job's admin page: follow the job until it ends, then reload to show its report.
 * Polls the JSON status endpoint named by data-status-url (no inline script: the
 * site's Content-Security-Policy allows scripts from our own origin only). */
(function () {
  "use strict";
  var box = document.querySelector(".job-status[data-status-url]");
  if (!box) {
    return;
  }
  var url = box.getAttribute("data-status-url");
  var delay = 1000;
  var deadline = Date.now() + 6 * 60 * 60 * 1000; // stop following after six hours

  function show(status) {
    var stateEl = box.querySelector(".job-state");
    var done = box.querySelector(".job-done");
    var total = box.querySelector(".job-total");
    var bar = box.querySelector(".job-progress");
    var count = box.querySelector(".job-count");
    var waiting = box.querySelector(".job-waiting");
    if (count) {
      count.hidden = !status.total;
    }
    if (waiting) {
      waiting.hidden = status.state !== "queued";
    }
    if (stateEl) {
      stateEl.textContent = status.state_label.charAt(0).toUpperCase() + status.state_label.slice(1);
    }
    if (done) {
      done.textContent = status.done;
    }
    if (total) {
      total.textContent = status.total;
    }
    if (bar) {
      bar.value = status.percent;
      bar.textContent = status.percent + "%";
    }
  }

  function poll() {
    if (Date.now() > deadline) {
      return;
    }
    fetch(url, { credentials: "same-origin", headers: { Accept: "application/json" } })
      .then(function (response) {
        if (!response.ok) {
          throw new Error(response.status);
        }
        return response.json();
      })
      .then(function (status) {
        if (status.finished) {
          window.location.reload();
          return;
        }
        show(status);
        delay = Math.min(delay * 1.5, 5000);
        window.setTimeout(poll, delay);
      })
      .catch(function () {
        delay = Math.min(delay * 2, 30000);
        window.setTimeout(poll, delay);
      });
  }

  window.setTimeout(poll, delay);
})();
