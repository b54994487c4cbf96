/* Counting laps on a phone (no build step, plain JS).
 *
 * Every tap is stored in localStorage first, with its own idempotency key, then
 * sent; a failed send is retried with backoff using the same key, so a dead
 * connection loses nothing and a tap sent twice counts once. The recent list
 * shows each tap as pending, sent or refused, with an undo button (an undo is
 * queued and sent the same way). */
(function () {
  "use strict";
  var root = document.getElementById("counter");
  if (!root) return;
  var d = root.dataset;
  var STORE = "cr-queue-" + d.store;
  var DEVICE = "cr-device";
  var KEEP = 40;
  var display = root.querySelector("[data-number]");
  var recent = root.querySelector("[data-recent]");
  var sync = root.querySelector("[data-sync]");
  var backoff = 0;
  var timer = null;
  var sending = false;

  function uuid() {
    if (window.crypto && crypto.randomUUID) return crypto.randomUUID();
    var b = new Uint8Array(16);
    crypto.getRandomValues(b);
    b[6] = (b[6] & 0x0f) | 0x40;
    b[8] = (b[8] & 0x3f) | 0x80;
    var h = Array.prototype.map.call(b, function (x) { return (x + 256).toString(16).slice(1); }).join("");
    return h.slice(0, 8) + "-" + h.slice(8, 12) + "-" + h.slice(12, 16) + "-" + h.slice(16, 20) + "-" + h.slice(20);
  }
  function device() {
    var id = localStorage.getItem(DEVICE);
    if (!id) { id = uuid(); localStorage.setItem(DEVICE, id); }
    return id;
  }
  function load() {
    try { return JSON.parse(localStorage.getItem(STORE)) || []; } catch (e) { return []; }
  }
  function save(items) {
    // Keep everything not yet sent, and the latest few that were.
    var pending = items.filter(function (i) { return i.status === "pending"; });
    var done = items.filter(function (i) { return i.status !== "pending"; }).slice(-KEEP);
    var keep = items.filter(function (i) { return pending.indexOf(i) >= 0 || done.indexOf(i) >= 0; });
    localStorage.setItem(STORE, JSON.stringify(keep));
  }
  function render() {
    var items = load();
    var pending = items.filter(function (i) { return i.status === "pending"; }).length;
    sync.textContent = pending ? d.tWaiting.replace("{n}", pending) + (navigator.onLine ? "" : " – " + d.tOffline) : d.tAllSent;
    sync.dataset.pending = pending;
    var undone = {};
    items.forEach(function (i) { if (i.kind === "undo") undone[i.target_key] = i; });
    recent.textContent = "";
    items.filter(function (i) { return i.kind === "tap"; }).slice(-15).reverse().forEach(function (i) {
      var li = document.createElement("li");
      li.className = "cr-recent__item cr-recent__item--" + i.status + (undone[i.key] ? " cr-recent__item--undone" : "");
      li.dataset.key = i.key;
      li.dataset.status = i.status;
      var num = document.createElement("strong");
      num.textContent = i.start_number;
      li.appendChild(num);
      var text = document.createElement("span");
      var parts = [];
      if (i.result && i.result.first_name) parts.push(i.result.first_name);
      if (i.result && typeof i.result.laps === "number") parts.push(d.tLaps + ": " + i.result.laps);
      var state = i.status === "sent" ? d.tSent : i.status === "error" ? d.tError + (i.error ? ": " + i.error : "") : d.tPending;
      if (i.result && i.result.flagged) state = d.tFlagged;
      if (undone[i.key]) state = d.tUndone + (undone[i.key].status === "pending" ? " (" + d.tPending + ")" : "");
      parts.push(state);
      text.textContent = " " + parts.join(" · ");
      text.className = "cr-recent__state";
      li.appendChild(text);
      if (!undone[i.key] && i.status !== "error") {
        var btn = document.createElement("button");
        btn.type = "button";
        btn.className = "cr-recent__undo";
        btn.textContent = d.tUndo;
        btn.setAttribute("aria-label", d.tUndo + " " + i.start_number);
        btn.addEventListener("click", function () { enqueue({ kind: "undo", target_key: i.key, start_number: i.start_number }); });
        li.appendChild(btn);
      }
      recent.appendChild(li);
    });
  }
  function enqueue(item) {
    item.key = uuid();
    item.status = "pending";
    item.client_time = new Date().toISOString();
    var items = load();
    items.push(item);
    save(items);
    render();
    backoff = 0;
    flush();
  }
  function update(key, changes) {
    var items = load();
    items.forEach(function (i) { if (i.key === key) Object.assign(i, changes); });
    save(items);
  }
  function schedule() {
    clearTimeout(timer);
    backoff = Math.min(backoff ? backoff * 2 : 1000, 30000);
    timer = setTimeout(flush, backoff);
  }
  function flush() {
    if (sending) return;
    var next = load().filter(function (i) { return i.status === "pending"; })[0];
    if (!next) { render(); return; }
    sending = true;
    var body = next.kind === "tap"
      ? { key: next.key, start_number: next.start_number, client_time: next.client_time, device_id: device() }
      : { key: next.key, target_key: next.target_key, device_id: device() };
    var headers = { "Content-Type": "application/json" };
    if (d.csrf) headers["X-CSRFToken"] = d.csrf;
    fetch(next.kind === "tap" ? d.tapUrl : d.undoUrl, {
      method: "POST", headers: headers, body: JSON.stringify(body), credentials: "same-origin"
    }).then(function (response) {
      return response.json().catch(function () { return {}; }).then(function (data) {
        sending = false;
        if (response.ok) {
          update(next.key, { status: "sent", result: data });
          backoff = 0;
          render();
          flush();
        } else if (response.status >= 400 && response.status < 500 && response.status !== 408 && response.status !== 429) {
          update(next.key, { status: "error", error: data.detail || data.code || response.status });
          render();
          flush();
        } else {
          render();
          schedule();
        }
      });
    }).catch(function () {
      sending = false;
      render();
      schedule();
    });
  }

  function add(event) {
    if (event) event.preventDefault();
    var number = display.value.replace(/\D/g, "");
    if (!number) { display.focus(); return; }
    enqueue({ kind: "tap", start_number: parseInt(number, 10) });
    display.value = "";
  }
  root.querySelector("[data-form]").addEventListener("submit", add);
  root.querySelectorAll("[data-digit]").forEach(function (btn) {
    btn.addEventListener("click", function () {
      if (display.value.length < 6) display.value += btn.dataset.digit;
    });
  });
  root.querySelector("[data-clear]").addEventListener("click", function () { display.value = ""; });
  root.querySelector("[data-back]").addEventListener("click", function () { display.value = display.value.slice(0, -1); });
  window.addEventListener("online", function () { backoff = 0; flush(); });
  window.addEventListener("offline", render);
  window.addEventListener("storage", function (e) { if (e.key === STORE) render(); });
  render();
  flush();
})();
