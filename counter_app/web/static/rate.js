// The rating tablet: the server says which returned dossier waits for a rating (its procedure only); the
// citizen touches one of three buttons (and may type a short reason first); the answer goes back as JSON.
"use strict";
(function () {
  const T = JSON.parse(document.getElementById("texts").textContent);
  const idle = document.getElementById("idle");
  const ask = document.getElementById("ask");
  const thanks = document.getElementById("thanks");
  const POLL_MS = 1000;
  const THANKS_MS = 6000;
  let current = null; // the request shown
  let sending = false;
  let thanksUntil = 0;

  function el(tag, cls, text) {
    const node = document.createElement(tag);
    if (cls) node.className = cls;
    if (text !== undefined) node.textContent = text;
    return node;
  }

  function show(section) {
    [idle, ask, thanks].forEach(function (s) { s.hidden = s !== section; });
  }

  function showIdle() {
    current = null;
    idle.textContent = T.idle;
    show(idle);
  }

  function showQuestion(asked) {
    current = asked.request;
    const reason = el("textarea");
    reason.id = "reason";
    reason.maxLength = 200;
    reason.placeholder = T.reason_placeholder;
    const error = el("p", "error", "");
    error.id = "rate-error";
    const levels = el("div", "levels");
    T.levels.forEach(function (item) {
      const b = el("button", "", item.text);
      b.type = "button";
      b.dataset.level = String(item.level);
      b.addEventListener("click", function () { answer(item.level, reason.value, error); });
      levels.append(b);
    });
    ask.replaceChildren(el("p", "question", asked.question), reason, levels, error);
    show(ask);
  }

  function answer(level, reason, error) {
    if (sending || current === null) return;
    sending = true;
    fetch("/rate/" + T.counter + "/answer", {
      method: "POST",
      headers: { "Content-Type": "application/json" },
      body: JSON.stringify({ request: current, level: level, reason: reason }),
    })
      .then(function (r) { return r.json().then(function (body) { return { ok: r.ok, body: body }; }); })
      .then(function (res) {
        if (!res.ok) { error.textContent = res.body.error || T.failed; return; }
        current = null;
        thanks.textContent = res.body.thanks;
        thanksUntil = Date.now() + THANKS_MS;
        show(thanks);
      })
      .catch(function () { error.textContent = T.failed; })
      .finally(function () { sending = false; });
  }

  function poll() {
    fetch("/rate/" + T.counter + "/pending", { cache: "no-store" })
      .then(function (r) { return r.json(); })
      .then(function (asked) {
        if (Date.now() < thanksUntil) return;
        if (asked.request) {
          if (asked.request !== current) showQuestion(asked);
        } else if (current !== null || !thanks.hidden) {
          showIdle();
        }
      })
      .catch(function () {})
      .finally(function () { setTimeout(poll, POLL_MS); });
  }

  showIdle();
  poll();
})();
