/* The calendar menu ("Abonnieren"): a "Copy" button for the feed address, and the
   menu opens by itself when the page is opened at #calendar (a link from another
   page, or back from renewing the address). Without JavaScript the address field
   is read-only and selectable, and the menu opens with a click: nothing here is
   needed. Loaded once per menu; the guard keeps it to one run. */
(function () {
  "use strict";
  if (window.festwocheSubscribe) return;
  window.festwocheSubscribe = true;

  function copyFallback(field) {
    field.focus();
    field.select();
    try {
      return document.execCommand("copy");
    } catch (error) {
      return false;
    }
  }

  function say(output, ok) {
    // Empty first, so a second click is announced again.
    output.textContent = "";
    window.setTimeout(function () {
      output.textContent = output.getAttribute(ok ? "data-text" : "data-failed");
    }, 50);
  }

  function setUp(menu) {
    var field = menu.querySelector("[data-calendar-url]");
    var button = menu.querySelector("[data-calendar-copy]");
    var output = menu.querySelector("[data-calendar-copied]");
    if (!field || !button || !output) return;
    button.hidden = false;
    field.addEventListener("focus", function () { field.select(); });
    button.addEventListener("click", function () {
      if (navigator.clipboard && window.isSecureContext) {
        navigator.clipboard.writeText(field.value).then(
          function () { say(output, true); },
          function () { say(output, copyFallback(field)); }
        );
      } else {
        say(output, copyFallback(field));
      }
    });
  }

  function openAtHash() {
    if (window.location.hash !== "#calendar") return;
    var details = document.querySelector("#calendar > details");
    if (details) details.open = true;
  }

  function start() {
    var menus = document.querySelectorAll("[data-subscribe]");
    for (var i = 0; i < menus.length; i++) setUp(menus[i]);
    openAtHash();
    window.addEventListener("hashchange", openAtHash);
  }

  if (document.readyState === "loading") {
    document.addEventListener("DOMContentLoaded", start);
  } else {
    start();
  }
})();
