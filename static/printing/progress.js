// The organisers' print page: while a document is being built, poll its progress
// and update the row; reload once everything is done. Without JS the page shows
// the state at load time.
(function () {
  "use strict";
  var table = document.querySelector(".print-runs[data-status-url]");
  if (!table) return;
  var url = table.getAttribute("data-status-url");
  function busy(state) { return state === "queued" || state === "building"; }
  function poll() {
    fetch(url, { credentials: "same-origin" }).then(function (r) { return r.json(); }).then(function (data) {
      var anyBusy = false;
      Object.keys(data).forEach(function (key) {
        var row = table.querySelector('tr[data-key="' + key + '"] .print-runs__state');
        if (!row || !busy(data[key].status)) return;
        anyBusy = true;
        row.textContent = row.textContent.replace(/\(\d+ %\)|$/, "(" + data[key].progress + " %)");
      });
      if (anyBusy) { window.setTimeout(poll, 2000); } else if (table.dataset.wasBusy) { window.location.reload(); }
      if (anyBusy) table.dataset.wasBusy = "1";
    }).catch(function () { /* try again later */ window.setTimeout(poll, 5000); });
  }
  poll();
})();
