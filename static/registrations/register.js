/* Registration form and "change people" on the manage page: "add a person"
   without a reload, and focus on the error summary. Without JavaScript the button
   is a plain submit and the server adds the row, so nothing here is needed for the
   forms to work. Each [data-people-group] holds one list of people: its list
   ([data-people], with the formset's data-prefix and data-max), the row template
   and the button. */
(function () {
  "use strict";
  var summary = document.getElementById("error-summary");
  if (summary) summary.focus();

  function setUp(group) {
    var button = group.querySelector("[data-add-person]");
    var template = group.querySelector("template[data-person-template]");
    var list = group.querySelector("[data-people]");
    var prefix = list && list.getAttribute("data-prefix");
    var total = prefix && document.getElementById("id_" + prefix + "-TOTAL_FORMS");
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
  }

  var groups = document.querySelectorAll("[data-people-group]");
  for (var i = 0; i < groups.length; i++) setUp(groups[i]);
})();
