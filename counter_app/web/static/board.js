// The board page: listens to /board/events (server-sent events) and shows each state it is sent.
// The connection is watched: an error, or no word from the server for three pings, shows the «mất kết nối»
// banner; the page keeps reconnecting by itself and hides it when the server answers again.
"use strict";
(function () {
  const TEXTS = JSON.parse(document.getElementById("texts").textContent);
  const SILENCE_MS = 12000;
  const counters = document.getElementById("counters");
  const offline = document.getElementById("offline");
  let source = null;
  let heard = Date.now();
  let seenCalls = null; // the keys of the calls shown so far (null before the first state)
  // /board?counters=1,2,3: a large centre puts its counters on several screens, each showing some of them
  const only = (new URLSearchParams(location.search).get("counters") || "")
    .split(",").map(function (n) { return parseInt(n, 10); }).filter(function (n) { return n > 0; });

  function el(tag, cls, text) {
    const node = document.createElement(tag);
    if (cls) node.className = cls;
    if (text !== undefined && text !== null) node.textContent = text;
    return node;
  }

  // The largest size (at most 22% of the screen's height) at which the number fits its box.
  function fit(number, box) {
    let size = Math.floor(window.innerHeight * 0.22);
    number.style.fontSize = size + "px";
    const room = box.clientWidth - box.querySelector(".name").offsetWidth - 20;
    while (size > 20 && number.scrollWidth > room) {
      size -= 4;
      number.style.fontSize = size + "px";
    }
  }

  function showCounters(list) {
    counters.style.gridTemplateColumns = list.length > 3 ? "1fr 1fr" : "1fr";
    while (counters.children.length > list.length) counters.lastChild.remove();
    list.forEach(function (c, i) {
      let box = counters.children[i];
      if (!box) {
        box = el("div", "counter");
        const name = el("div", "name");
        name.append(el("div", "label"), el("div", "note"));
        box.append(name, el("div", "number"));
        counters.append(box);
      }
      box.className = "counter " + c.state + (box.classList.contains("flash") ? " flash" : "");
      box.dataset.counter = c.number;
      box.querySelector(".label").textContent = c.label;
      box.querySelector(".note").textContent = c.note;
      const number = box.querySelector(".number");
      if (number.textContent !== (c.ticket || "")) number.textContent = c.ticket || "";
      fit(number, box);
    });
  }

  // The spoken calls play one after another (two calls in the same second never talk over each other).
  // A TV's browser must allow sound without a touch: chromium --autoplay-policy=no-user-gesture-required.
  const player = document.getElementById("call-audio");
  const toPlay = [];
  const played = []; // the sounds played to their end, latest last (tests read it)
  let playing = false;
  function playNext() {
    if (playing || toPlay.length === 0) return;
    playing = true;
    player.src = toPlay.shift();
    player.play().catch(function () { playing = false; playNext(); });
  }
  player.addEventListener("ended", function () {
    played.push(player.getAttribute("src"));
    if (played.length > 50) played.shift();
    playing = false;
    playNext();
  });
  player.addEventListener("error", function () { playing = false; playNext(); });

  // A new call (or a recall): its counter flashes and the call is said.
  const announced = []; // the keys of the calls announced, latest last (tests read it)
  function announce(call) {
    announced.push(call.key);
    if (announced.length > 50) announced.shift();
    const box = counters.querySelector('[data-counter="' + call.counter + '"]');
    if (box) {
      box.classList.remove("flash");
      void box.offsetWidth; // restart the animation
      box.classList.add("flash");
    }
    if (call.audio) {
      toPlay.push(call.audio);
      playNext();
    }
  }

  function show(state) {
    document.getElementById("unit").textContent = state.unit;
    document.getElementById("clock").textContent = state.clock + "  " + state.day;
    showCounters(only.length ? state.counters.filter(function (c) { return only.includes(c.number); }) : state.counters);
    const calls = document.getElementById("calls");
    calls.replaceChildren.apply(
      calls,
      state.calls.map(function (call) {
        const li = el("li");
        li.append(el("span", "n", call.number), el("span", "to", call.to), el("span", "at", call.at));
        return li;
      })
    );
    document.getElementById("waiting").textContent = "(" + state.waiting + ")";
    const services = document.getElementById("services");
    services.replaceChildren.apply(
      services,
      state.services.map(function (s) {
        const li = el("li");
        li.append(el("span", "", s.name), el("b", "", String(s.waiting)));
        return li;
      })
    );
    const keys = state.calls.map(function (c) { return c.key; });
    if (seenCalls !== null) {
      state.calls.slice().reverse().forEach(function (c) { if (!seenCalls.has(c.key)) announce(c); });
    }
    seenCalls = new Set(keys);
  }

  function online(yes) {
    offline.hidden = yes;
    document.body.classList.toggle("disconnected", !yes);
  }

  function connect() {
    if (source) source.close();
    heard = Date.now();
    source = new EventSource("/board/events");
    source.addEventListener("board", function (event) {
      heard = Date.now();
      online(true);
      show(JSON.parse(event.data));
    });
    source.addEventListener("ping", function () { heard = Date.now(); online(true); });
    source.onerror = function () {
      online(false);
      if (source.readyState === EventSource.CLOSED) setTimeout(connect, 2000);
    };
  }

  setInterval(function () {
    if (Date.now() - heard > SILENCE_MS) { online(false); connect(); }
  }, 1000);
  window.addEventListener("resize", function () {
    counters.querySelectorAll(".counter").forEach(function (box) { fit(box.querySelector(".number"), box); });
  });
  window.counterBoard = { announce: announce, announced: announced, played: played };
  connect();
})();
