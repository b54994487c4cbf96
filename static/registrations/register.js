/* Registration form: "add a person" without a reload, and focus on the error
   summary. Without JavaScript the button is a plain submit and the server adds
   the row, so nothing here is needed for the form to work. */
(function () {
  "use strict";
  var summary = document.getElementById("error-summary");
  if (summary) summary.focus();

  var button = document.querySelector("[data-add-person]");
  var template = document.getElementById("person-template");
  var list = document.querySelector("[data-people]");
  var total = document.getElementById("id_p-TOTAL_FORMS");
  if (!button || !template || !list || !total) return;
  var max = parseInt(list.getAttribute("data-max"), 10);

  function count() { return parseInt(total.value, 10) || 0; }
  function update() { button.hidden = count() >= max; }

  button.addEventListener("click", function (event) {
    event.preventDefault();
    var index = count();
    if (index >= max) return;
    var html = template.innerHTML
      .replace(/__prefix__/g, String(index))
      .replace(/__number__/g, String(index + 1));
    list.insertAdjacentHTML("beforeend", html);
    total.value = String(index + 1);
    update();
    var input = list.lastElementChild.querySelector("input");
    if (input) input.focus();
  });
  update();
})();
