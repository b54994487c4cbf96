/* The market's site plan board: drag a seller's card onto a pitch. The drop
   sends the same POST as the form below the plan (fetch, JSON answer) and moves
   the card in place; a refusal is shown with the server's reason. */
(function () {
  "use strict";
  var board = document.querySelector(".fm-board");
  if (!board || board.hasAttribute("data-readonly")) return;
  var status = document.getElementById("board-status");
  var dragged = null;

  function token() {
    var input = document.querySelector("[name=csrfmiddlewaretoken]");
    return input ? input.value : "";
  }

  function fits(card, pitch) {
    return card.getAttribute("data-type") === pitch.getAttribute("data-type") &&
      (!card.hasAttribute("data-needs-socket") || pitch.hasAttribute("data-socket"));
  }

  function pitches() {
    return Array.prototype.slice.call(board.querySelectorAll("[data-drop]"));
  }

  function say(text, error) {
    status.textContent = text;
    status.classList.toggle("fm-board__status--error", !!error);
  }

  function mark(pitch) {
    if (!pitch) return;
    var taken = !!pitch.querySelector(".fm-card");
    pitch.classList.toggle("fm-pitch--taken", taken);
    pitch.classList.toggle("fm-pitch--free", !taken);
  }

  /* The counts above the plan, recounted from the cards on the board. */
  function recount() {
    board.ownerDocument.querySelectorAll("[data-free-count]").forEach(function (el) {
      var type = el.getAttribute("data-free-count");
      el.textContent = String(
        board.querySelectorAll(".fm-pitch--free[data-type='" + type + "']").length
      );
    });
    board.ownerDocument.querySelectorAll("[data-waiting-count]").forEach(function (el) {
      var type = el.getAttribute("data-waiting-count");
      el.textContent = String(
        board.querySelectorAll(".fm-waiting [data-type='" + type + "']").length
      );
    });
  }

  function place(card, pitch, swap) {
    var from = card.closest("[data-drop]");
    var other = pitch.querySelector(".fm-card");
    if (other && swap && from) from.appendChild(other);
    var item = card.closest(".fm-waiting li");
    if (item) {
      var small = card.querySelector("small");
      if (small) card.removeChild(small);
      item.parentNode.removeChild(item);
    }
    card.classList.add("fm-card--placed");
    pitch.appendChild(card);
    mark(from);
    mark(pitch);
    recount();
  }

  function send(card, pitch, swap) {
    var data = new FormData();
    data.set("csrfmiddlewaretoken", token());
    data.set("application", card.getAttribute("data-application"));
    data.set("pitch", pitch.getAttribute("data-pitch"));
    if (swap) data.set("swap", "on");
    pitch.classList.add("fm-pitch--saving");
    return fetch(board.getAttribute("data-move-url"), {
      method: "POST",
      body: data,
      credentials: "same-origin",
      headers: { "Accept": "application/json", "X-CSRFToken": token() }
    }).then(function (response) {
      return response.json().then(
        function (json) { return { ok: response.ok, json: json }; },
        function () { return { ok: false, json: {} }; }
      );
    }, function () {
      return { ok: false, json: {} };
    }).then(function (result) {
      pitch.classList.remove("fm-pitch--saving");
      if (result.ok) {
        place(card, pitch, swap);
        say(result.json.detail || "", false);
      } else {
        say(result.json.detail || board.getAttribute("data-error-text"), true);
      }
    });
  }

  board.addEventListener("dragstart", function (event) {
    var card = event.target.closest && event.target.closest(".fm-card[draggable]");
    if (!card) return;
    dragged = card;
    event.dataTransfer.setData("text/plain", card.getAttribute("data-application"));
    event.dataTransfer.effectAllowed = "move";
    pitches().forEach(function (p) { p.classList.toggle("fm-pitch--fits", fits(card, p)); });
  });

  board.addEventListener("dragend", function () {
    dragged = null;
    pitches().forEach(function (p) { p.classList.remove("fm-pitch--fits", "fm-pitch--over"); });
  });

  board.addEventListener("dragover", function (event) {
    var pitch = event.target.closest && event.target.closest("[data-drop]");
    if (pitch && dragged && fits(dragged, pitch)) {
      event.preventDefault();
      event.dataTransfer.dropEffect = "move";
      pitch.classList.add("fm-pitch--over");
    }
  });

  board.addEventListener("dragleave", function (event) {
    var pitch = event.target.closest && event.target.closest("[data-drop]");
    if (pitch) pitch.classList.remove("fm-pitch--over");
  });

  board.addEventListener("drop", function (event) {
    var pitch = event.target.closest && event.target.closest("[data-drop]");
    if (!pitch || !dragged) return;
    event.preventDefault();
    var card = dragged;
    if (pitch.contains(card)) return;
    var swap = false;
    if (pitch.querySelector(".fm-card")) {
      var question = board.getAttribute("data-swap-question")
        .replace("{number}", pitch.getAttribute("data-pitch"));
      if (!window.confirm(question)) return;
      swap = true;
    }
    send(card, pitch, swap);
  });
})();
