/* The week board: drag a block along its day (time, snapped to 15 minutes) or to
   another venue row of the same day, or open the move dialog with its ⇄ button
   (keyboard and touch). Every move is a POST to the block's move URL, which goes
   through the venue service: a refusal leaves the block where it was and shows the
   reason next to it (or in the dialog). Without JavaScript the ⇄ link opens the
   move page and the browser's own print works, so nothing here is needed. */
(function () {
  "use strict";
  var summary = document.getElementById("error-summary");
  if (summary) summary.focus();

  var print = document.querySelector("[data-print]");
  if (print) {
    print.hidden = false;
    print.addEventListener("click", function () { window.print(); });
  }

  var board = document.querySelector("[data-board]");
  if (!board) return;
  var status = document.getElementById("board-status");
  var dialog = document.getElementById("move-dialog");
  var dialogForm = dialog && dialog.querySelector("[data-move-form]");
  var axisStart = parseInt(board.getAttribute("data-axis-start"), 10);
  var axisEnd = parseInt(board.getAttribute("data-axis-end"), 10);
  var span = axisEnd - axisStart;
  var rowsBy = board.getAttribute("data-rows");
  var SNAP = 15;
  var DAY = 24 * 60;

  function token() {
    var input = document.querySelector("input[name='csrfmiddlewaretoken']");
    return input ? input.value : "";
  }
  function pad(n) { return (n < 10 ? "0" : "") + n; }
  function hhmm(minutes) {
    var m = ((minutes % DAY) + DAY) % DAY;
    return pad(Math.floor(m / 60)) + ":" + pad(m % 60);
  }
  function num(block, name) { return parseInt(block.getAttribute("data-" + name), 10) || 0; }
  var announced = 0;
  function announce(text) {
    if (!status) return;
    var turn = ++announced;
    status.textContent = "";
    window.setTimeout(function () { status.textContent = text; }, 50);
    window.setTimeout(function () {
      if (turn === announced) status.textContent = "";
    }, 8000);
  }

  function clearError(block) {
    block.classList.remove("pl-bk--refused");
    var old = document.getElementById("move-error-" + block.getAttribute("data-event"));
    if (old) old.parentNode.removeChild(old);
  }
  function showError(block, text) {
    clearError(block);
    block.classList.add("pl-bk--refused");
    var row = block.closest(".pl-row");
    if (!row) return;
    var message = document.createElement("p");
    message.className = "pl-move-error";
    message.id = "move-error-" + block.getAttribute("data-event");
    message.setAttribute("role", "alert");
    message.textContent = board.getAttribute("data-refused-text")
      .replace("{title}", block.getAttribute("data-title")) + " " + text;
    row.appendChild(message);
  }

  /* Overlapping blocks of one row go on separate lanes, as the server does it. */
  function relayout(track) {
    if (!track) return;
    var blocks = Array.prototype.slice.call(track.querySelectorAll(".pl-bk"));
    var spans = blocks.map(function (block) {
      return {
        block: block,
        from: Math.max(0, num(block, "from") - num(block, "setup")),
        until: Math.min(DAY, num(block, "until") + num(block, "teardown"))
      };
    });
    spans.sort(function (a, b) { return a.from - b.from || a.until - b.until; });
    var ends = [];
    spans.forEach(function (s) {
      var lane = 0;
      while (lane < ends.length && ends[lane] > s.from) lane++;
      ends[lane] = s.until;
      s.block.style.setProperty("--lane", String(lane));
    });
    track.style.setProperty("--lanes", String(Math.max(1, ends.length)));
  }

  function send(block, data) {
    data.set("csrfmiddlewaretoken", token());
    data.set("rows", rowsBy);
    data.set("axis_start", String(axisStart));
    data.set("axis_end", String(axisEnd));
    data.set("next", board.getAttribute("data-next"));
    block.classList.add("pl-bk--saving");
    return fetch(block.getAttribute("data-move-url"), {
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
      block.classList.remove("pl-bk--saving");
      if (!result.json.detail && !result.ok) {
        result.json.detail = board.getAttribute("data-error-text");
      }
      return result;
    });
  }

  /* Put the server's new block where the event now is; null if that row is not
     on this board (another day, or filtered out). */
  function place(block, json) {
    var oldTrack = block.parentNode;
    clearError(block);
    oldTrack.removeChild(block);
    relayout(oldTrack);
    if (json.inside_axis === false) {
      // The board's time axis must grow: draw it anew.
      window.location.reload();
      return null;
    }
    var day = board.querySelector(".pl-day[data-day='" + json.day + "']");
    if (!day) return null;  // a day this board does not show
    var row = day.querySelector(".pl-row[data-row='" + json.row + "']");
    if (!row) {
      // A venue without a row yet: draw the board anew to add it.
      window.location.reload();
      return null;
    }
    var holder = document.createElement("ul");
    holder.innerHTML = json.html.trim();
    var fresh = holder.firstElementChild;
    var track = row.querySelector("[data-track]");
    track.appendChild(fresh);
    relayout(track);
    setUp(fresh);
    return fresh;
  }

  /* Dragging (mouse and pen; on touch the board scrolls and ⇄ opens the dialog). */
  var drag = null;

  /* The row under the pointer, looking past the dragged block itself. */
  function rowAt(x, y, day, block) {
    var found = document.elementsFromPoint(x, y);
    for (var i = 0; i < found.length; i++) {
      if (block.contains(found[i])) continue;
      var row = found[i].closest(".pl-row");
      return row && day.contains(row) ? row : null;
    }
    return null;
  }

  function dragStart(event) {
    var block = event.currentTarget;
    if (drag || event.pointerType === "touch" || event.button !== 0) return;
    if (event.target.closest("[data-move]")) return;
    // An event running past midnight moves by the dialog only.
    if (num(block, "until") > DAY) return;
    drag = {
      block: block,
      day: block.closest(".pl-day"),
      row: block.closest(".pl-row"),
      target: block.closest(".pl-row"),
      x0: event.clientX,
      y0: event.clientY,
      width: block.parentNode.getBoundingClientRect().width,
      moved: false,
      delta: 0,
      pointer: event.pointerId
    };
    // Listen on the window, not by pointer capture: a plain click on the title
    // must still reach its link.
    window.addEventListener("pointermove", dragMove);
    window.addEventListener("pointerup", dragEnd);
    window.addEventListener("pointercancel", dragCancel);
  }

  function dragStop() {
    window.removeEventListener("pointermove", dragMove);
    window.removeEventListener("pointerup", dragEnd);
    window.removeEventListener("pointercancel", dragCancel);
    drag.target.classList.remove("pl-row--target");
    document.documentElement.classList.remove("pl-dragging");
    var current = drag;
    drag = null;
    return current;
  }

  function dragMove(event) {
    if (!drag || event.pointerId !== drag.pointer) return;
    var dx = event.clientX - drag.x0;
    var dy = event.clientY - drag.y0;
    if (!drag.moved && Math.abs(dx) < 6 && Math.abs(dy) < 6) return;
    if (!drag.moved) document.documentElement.classList.add("pl-dragging");
    drag.moved = true;
    event.preventDefault();
    var block = drag.block;
    block.classList.add("pl-bk--dragging");
    var from = num(block, "from");
    var until = num(block, "until");
    var delta = Math.round((dx / drag.width) * span / SNAP) * SNAP;
    delta = Math.max(delta, -from);
    delta = Math.min(delta, DAY - until);
    drag.delta = delta;
    var offsetY = 0;
    if (rowsBy === "venue") {
      var row = rowAt(event.clientX, event.clientY, drag.day, block) || drag.target;
      if (row !== drag.target) {
        drag.target.classList.remove("pl-row--target");
        drag.target = row;
      }
      if (row !== drag.row) row.classList.add("pl-row--target");
      offsetY = row.querySelector("[data-track]").getBoundingClientRect().top -
        drag.row.querySelector("[data-track]").getBoundingClientRect().top;
    }
    block.style.transform = "translate(" + (delta / span * drag.width) + "px, " + offsetY + "px)";
    block.querySelector(".pl-bk__time").textContent = hhmm(from + delta) + "–" + hhmm(until + delta);
  }

  function dragReset(block) {
    block.classList.remove("pl-bk--dragging");
    block.style.transform = "";
    block.querySelector(".pl-bk__time").textContent =
      block.getAttribute("data-start") + "–" + block.getAttribute("data-end");
  }

  function dragEnd(event) {
    if (!drag || event.pointerId !== drag.pointer) return;
    var current = dragStop();
    if (!current.moved) return;
    var block = current.block;
    // The click that ends a drag must not follow the title link.
    block.setAttribute("data-dragged-at", String(Date.now()));
    var venue = rowsBy === "venue"
      ? current.target.getAttribute("data-venue")
      : block.getAttribute("data-venue");
    if (current.delta === 0 && venue === block.getAttribute("data-venue")) {
      dragReset(block);
      return;
    }
    var data = new FormData();
    data.set("day", block.getAttribute("data-day"));
    // The duration stays: start and end move by the same number of minutes.
    data.set("start", hhmm(num(block, "from") + current.delta));
    data.set("end", hhmm(num(block, "until") + current.delta));
    data.set("venue", venue || "");
    send(block, data).then(function (result) {
      if (result.ok) {
        var fresh = place(block, result.json);
        announce(result.json.detail);
        if (fresh) fresh.querySelector(".pl-bk__title").focus();
      } else {
        dragReset(block);
        showError(block, result.json.detail);
        announce(board.getAttribute("data-failed-text") + " " + result.json.detail);
      }
    });
  }

  function dragCancel(event) {
    if (!drag || event.pointerId !== drag.pointer) return;
    dragReset(dragStop().block);
  }

  /* The dialog: day, start, end and venue of one event. */
  var dialogBlock = null;

  function field(name) { return dialogForm.elements.namedItem(name); }

  function dialogErrors(json) {
    var message = dialog.querySelector("[data-move-error]");
    message.textContent = json.detail || "";
    message.hidden = !json.detail;
    var spots = dialog.querySelectorAll("[data-error-for]");
    for (var i = 0; i < spots.length; i++) {
      var name = spots[i].getAttribute("data-error-for");
      var errors = (json.errors || {})[name];
      var text = errors ? errors.join(" ") : "";
      spots[i].textContent = text;
      // The summary above already says it when it is the only error.
      spots[i].hidden = !text || text === json.detail;
      var input = field(name);
      if (input) {
        if (errors) {
          input.setAttribute("aria-invalid", "true");
          input.setAttribute("aria-describedby", spots[i].hidden ? "move-error" : spots[i].id);
        } else {
          input.removeAttribute("aria-invalid");
          input.removeAttribute("aria-describedby");
        }
      }
    }
  }

  function dialogOpen(block) {
    dialogBlock = block;
    dialogErrors({});
    dialog.querySelector("[data-move-title]").textContent =
      block.getAttribute("data-title") + " (" + block.getAttribute("data-start") + "–" +
      block.getAttribute("data-end") + ")";
    var day = field("day");
    var value = block.getAttribute("data-day");
    if (!day.querySelector("option[value='" + value + "']")) {
      var option = document.createElement("option");
      option.value = value;
      option.textContent = value;
      day.appendChild(option);
    }
    day.value = value;
    field("start").value = block.getAttribute("data-start");
    field("end").value = block.getAttribute("data-end");
    field("venue").value = block.getAttribute("data-venue");
    dialog.showModal();
    day.focus();
  }

  if (dialog) {
    dialog.querySelector("[data-move-cancel]").addEventListener("click", function () {
      dialog.close();
    });
    dialog.addEventListener("close", function () {
      if (dialogBlock && dialogBlock.isConnected) {
        var link = dialogBlock.querySelector("[data-move]");
        if (link) link.focus();
      }
    });
    dialogForm.addEventListener("submit", function (event) {
      event.preventDefault();
      var block = dialogBlock;
      if (!block) return;
      send(block, new FormData(dialogForm)).then(function (result) {
        if (result.ok) {
          var fresh = place(block, result.json);
          dialogBlock = fresh;
          dialog.close();
          announce(result.json.detail);
          if (fresh) fresh.querySelector("[data-move]").focus();
        } else {
          dialogErrors(result.json);
          showError(block, result.json.detail);
          dialog.querySelector("[data-move-error]").focus();
        }
      });
    });
  }

  function setUp(block) {
    if (!block.hasAttribute("data-move-url")) return;
    var link = block.querySelector("[data-move]");
    if (link && dialog) {
      link.setAttribute("aria-haspopup", "dialog");
      link.addEventListener("click", function (event) {
        event.preventDefault();
        dialogOpen(block);
      });
    }
    block.addEventListener("click", function (event) {
      if (Date.now() - num(block, "dragged-at") < 400) {
        event.preventDefault();
        event.stopPropagation();
      }
    }, true);
    block.addEventListener("pointerdown", dragStart);
  }

  var blocks = board.querySelectorAll(".pl-bk[data-move-url]");
  for (var i = 0; i < blocks.length; i++) setUp(blocks[i]);
})();
