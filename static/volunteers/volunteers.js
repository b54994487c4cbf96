/* Volunteers' pages: the guardian's part of the form shows only for helpers under
   18, focus goes to the error summary, and the print button. Without JavaScript
   the guardian's part is always shown (adults leave it empty; the server ignores
   it for them) and the browser's own print works, so nothing here is needed. */
(function () {
  "use strict";
  var summary = document.getElementById("error-summary");
  if (summary) summary.focus();

  var guardian = document.querySelector("[data-guardian]");
  var ages = document.querySelectorAll("input[name='age_group']");
  if (guardian && ages.length) {
    var hint = guardian.querySelector("[data-guardian-hint]");
    var update = function () {
      var checked = document.querySelector("input[name='age_group']:checked");
      var minor = !!checked && checked.value !== "adult";
      // Keep it open while it shows an error, whatever is ticked.
      guardian.hidden = !minor && !guardian.querySelector(".field__error");
      if (hint) hint.hidden = true;
    };
    for (var i = 0; i < ages.length; i++) ages[i].addEventListener("change", update);
    update();
  }

  var print = document.querySelector("[data-print]");
  if (print) {
    print.hidden = false;
    print.addEventListener("click", function () { window.print(); });
  }
})();
