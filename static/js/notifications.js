// SIKHI notification bell: the unread count in the header rises live over /ws/notifications/ (api.md), and the
// list page (/notifikasi/) shows each new notification at the top. Titles are inserted as text, never as HTML.
(function () {
  "use strict";

  var PING_EVERY = 25000;
  var bell = document.getElementById("bell");
  if (!bell || !window.WebSocket) { return; }
  var badge = bell.querySelector(".bell-count");
  var state = { count: parseInt(badge.getAttribute("data-count"), 10) || 0, socket: null, backoff: 1000, opened: false };
  window.sikhiBell = state;

  function show(count) {
    state.count = Math.max(0, count);
    badge.setAttribute("data-count", String(state.count));
    badge.firstChild.nodeValue = String(state.count);
    badge.hidden = state.count === 0;
  }

  function linkOf(n) { return n.dispute_id ? "/perselisihan/" + n.dispute_id + "/" : "/notifikasi/"; }

  function addToList(n) {
    var list = document.getElementById("notification-list");
    if (!list || list.querySelector('li[data-id="' + n.id + '"]')) { return; }
    var empty = document.getElementById("no-notifications");
    if (empty) { empty.parentNode.removeChild(empty); }
    var li = document.createElement("li");
    li.className = "card notification unread";
    li.setAttribute("data-id", n.id);
    var a = document.createElement("a");
    a.href = linkOf(n);
    a.textContent = n.title;
    li.appendChild(a);
    list.insertBefore(li, list.firstChild);
  }

  // After a dropped connection, what arrived meanwhile is counted again from the API.
  function recount() {
    fetch("/api/v1/notifications/?unread=true", { credentials: "same-origin" })
      .then(function (r) { return r.ok ? r.json() : Promise.reject(r.status); })
      .then(function (data) { if (!data.next) { show(data.results.length); } })
      .catch(function () { /* keep the count shown */ });
  }

  function connect() {
    var proto = window.location.protocol === "https:" ? "wss://" : "ws://";
    var socket = new WebSocket(proto + window.location.host + "/ws/notifications/");
    state.socket = socket;
    socket.onopen = function () {
      if (state.opened) { recount(); }
      state.opened = true;
      state.backoff = 1000;
      bell.setAttribute("data-live", "true");
    };
    socket.onmessage = function (event) {
      var frame;
      try { frame = JSON.parse(event.data); } catch (e) { return; }
      if (frame.type !== "notification") { return; }
      show(state.count + 1);
      addToList(frame);
    };
    socket.onclose = function (event) {
      bell.setAttribute("data-live", "false");
      if (event.code === 4401 || event.code === 4403) { return; }
      var wait = state.backoff;
      state.backoff = Math.min(state.backoff * 2, 30000);
      setTimeout(connect, wait);
    };
  }

  setInterval(function () {
    if (state.socket && state.socket.readyState === WebSocket.OPEN) { state.socket.send(JSON.stringify({ type: "ping" })); }
  }, PING_EVERY);
  connect();
})();
