/* The live board at the finish: polls the small JSON endpoint every few
 * seconds and updates the figures without a reload. */
(function () {
  "use strict";
  var root = document.querySelector("[data-board-url]");
  if (!root) return;
  var EVERY = 4000;
  function set(name, value) {
    var el = root.querySelector('[data-board="' + name + '"]');
    if (el && el.textContent !== String(value)) el.textContent = value;
  }
  function list(name, rows, label) {
    var el = root.querySelector('[data-board="' + name + '"]');
    if (!el) return;
    el.textContent = "";
    rows.forEach(function (row) {
      var li = document.createElement("li");
      var span = document.createElement("span");
      span.textContent = label(row);
      var strong = document.createElement("strong");
      strong.textContent = row.laps;
      li.appendChild(span);
      li.appendChild(document.createTextNode(" "));
      li.appendChild(strong);
      el.appendChild(li);
    });
  }
  function poll() {
    fetch(root.dataset.boardUrl, { cache: "no-store" }).then(function (r) {
      if (!r.ok) throw new Error(r.status);
      return r.json();
    }).then(function (data) {
      set("laps", data.laps_text);
      set("distance", data.distance);
      set("donations", data.donations);
      list("teams", data.teams, function (t) { return t.name; });
      list("runners", data.runners_top, function (r) { return r.first_name + " (" + r.start_number + ")"; });
      root.dataset.updated = Date.now();
    }).catch(function () { /* keep the last figures; try again */ })
      .finally(function () { setTimeout(poll, EVERY); });
  }
  setTimeout(poll, EVERY);
})();
