// The kiosk: a service (optionally a priority category first), then the number on screen (and on paper
// when the server has a thermal printer). It shows nothing about anyone: numbers and services only.
"use strict";
(function () {
  const T = JSON.parse(document.getElementById("texts").textContent);
  const pick = document.getElementById("pick");
  const ticket = document.getElementById("ticket");
  const chosen = document.getElementById("chosen");
  const BACK_AFTER_MS = 20000;
  let priority = "";
  let backTimer = null;

  function el(tag, cls, text) {
    const node = document.createElement(tag);
    if (cls) node.className = cls;
    if (text !== undefined) node.textContent = text;
    return node;
  }

  function button(cls, text, action) {
    const b = el("button", cls, text);
    b.type = "button";
    b.addEventListener("click", action);
    return b;
  }

  function showServices() {
    clearTimeout(backTimer);
    ticket.hidden = true;
    ticket.replaceChildren();
    pick.hidden = false;
    chosen.hidden = !priority;
    chosen.textContent = priority ? T.priority_chosen.replace("{reason}", priority) : "";
    const grid = el("div", "buttons");
    T.services.forEach(function (s) {
      const b = button("service", "", function () { issue(s.code); });
      b.dataset.service = s.code;
      b.append(el("span", "code", s.code), document.createTextNode(s.name));
      grid.append(b);
    });
    const extra = priority
      ? button("secondary", T.cancel_priority, function () { priority = ""; showServices(); })
      : button("secondary priority", T.priority_button, showPriorities);
    extra.id = "priority-button";
    pick.replaceChildren(el("p", "prompt", T.pick_service), grid, extra);
  }

  function showPriorities() {
    const grid = el("div", "buttons");
    T.priorities.forEach(function (reason) {
      grid.append(button("priority", reason, function () { priority = reason; showServices(); }));
    });
    pick.replaceChildren(
      el("p", "prompt", T.priority_title),
      grid,
      button("secondary", T.back, showServices)
    );
  }

  function showTicket(parts) {
    pick.hidden = true;
    chosen.hidden = true;
    ticket.hidden = false;
    ticket.replaceChildren.apply(ticket, parts.concat([button("secondary", T.done, reset)]));
    clearTimeout(backTimer);
    backTimer = setTimeout(reset, BACK_AFTER_MS);
  }

  function reset() { priority = ""; showServices(); }

  function issue(service) {
    pick.querySelectorAll("button").forEach(function (b) { b.disabled = true; });
    fetch("/kiosk/ticket", {
      method: "POST",
      headers: { "Content-Type": "application/json" },
      body: JSON.stringify({ service: service, priority: priority }),
    })
      .then(function (response) {
        return response.json().then(function (body) { return { ok: response.ok, body: body }; });
      })
      .then(function (answer) {
        if (!answer.ok) {
          const refused = new Error(answer.body.error || T.failed);
          refused.fromServer = true; // the server's own Vietnamese line; a network error says T.failed
          throw refused;
        }
        const t = answer.body;
        showTicket([
          el("div", "label", T.your_number),
          el("div", "number", t.number),
          el("div", "service", t.service),
          el("div", "ahead", t.ahead),
          el("div", "note", t.printed ? T.printed : T.remember),
        ]);
      })
      .catch(function (error) {
        showTicket([el("div", "error", error && error.fromServer ? error.message : T.failed)]);
      });
  }

  showServices();
})();
