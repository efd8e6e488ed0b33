// A PDF being rendered shows a progress bar; ask the server where it is and, once the status
// changes (ready or failed), swap in what the server rendered: the download link or the reason.
(function () {
  "use strict";

  function watch(box) {
    var url = box.getAttribute("data-pdf-status-url");
    function poll() {
      fetch(url, { headers: { Accept: "application/json" }, credentials: "same-origin" })
        .then(function (response) {
          if (!response.ok) { throw new Error(response.status); }
          return response.json();
        })
        .then(function (data) {
          if (data.status === box.getAttribute("data-pdf-status")) {
            var bar = box.querySelector("progress");
            if (bar) { bar.value = data.progress; bar.textContent = data.progress + " %"; }
          } else {
            box.setAttribute("data-pdf-status", data.status);
            box.innerHTML = data.html;
          }
          if (data.in_progress) { window.setTimeout(poll, 1500); }
        })
        .catch(function () { window.setTimeout(poll, 5000); });
    }
    window.setTimeout(poll, 1500);
  }

  document.querySelectorAll("[data-pdf-status-url][data-pdf-in-progress]").forEach(watch);
})();
