// SIKHI live room widget: one per `.room[data-room-id]` element.
// The protocol is api.md's /ws/rooms/{id}/. Nothing typed is lost: a message is kept in localStorage as pending
// until the server acks it, and sent again (same client_id, stored once) after a reconnect or a reload. After a
// dropped connection the widget reconnects with `after_seq` = the last seq it shows, so the server sends exactly
// what was missed, in order. Message bodies are always inserted as text, never as HTML.
// The status says "offline" while the browser has no network (or offline(true) holds the socket down) and
// "reconnecting" while a dropped socket is being retried; each pending message says why it waits. Message times
// are shown in the office's zone (data-time-zone, WIB), like the rest of the pages.
(function () {
  "use strict";

  var PING_EVERY = 25000;
  var FINAL_CLOSE = { 4401: true, 4403: true, 4404: true };

  function uuid4() {
    if (window.crypto && crypto.randomUUID) { return crypto.randomUUID(); }
    var b = new Uint8Array(16);
    crypto.getRandomValues(b);
    b[6] = (b[6] & 0x0f) | 0x40; b[8] = (b[8] & 0x3f) | 0x80;
    var h = Array.prototype.map.call(b, function (x) { return (x + 0x100).toString(16).slice(1); }).join("");
    return h.slice(0, 8) + "-" + h.slice(8, 12) + "-" + h.slice(12, 16) + "-" + h.slice(16, 20) + "-" + h.slice(20);
  }

  function Room(el) {
    this.el = el;
    this.id = parseInt(el.getAttribute("data-room-id"), 10);
    this.me = parseInt(el.getAttribute("data-user-id"), 10);
    var last = parseInt(el.getAttribute("data-last-seq"), 10) || 0;
    this.lastSeq = Math.max(0, last - 50);   // show the newest 50 first; older ones load on scroll
    this.firstSeq = this.lastSeq + 1;
    this.log = el.querySelector(".room-log");
    this.status = el.querySelector(".room-status");
    this.online = el.querySelector(".room-online");
    this.typingEl = el.querySelector(".room-typing");
    this.notice = el.querySelector(".room-notice");
    this.form = el.querySelector(".room-form");
    this.input = this.form.querySelector("textarea");
    this.older = el.querySelector(".room-older");
    this.socket = null;
    this.held = false;        // offline(true): no reconnecting until offline(false)
    this.netDown = navigator.onLine === false;   // the browser has no network: wait for its "online" event
    this.rateLimited = {};    // client_id -> true while the server asks us to slow down
    this.timeZone = el.getAttribute("data-time-zone") || "Asia/Jakarta";
    this.zoneLabel = el.getAttribute("data-time-zone-label") || "WIB";
    this.closedForGood = false;
    this.backoff = 1000;
    this.lastReadSent = 0;
    this.typingSentAt = 0;
    this.typingTimers = {};
    this.storeKey = "sikhi-outbox-" + this.id + "-" + this.me;
    this.outbox = this.loadOutbox();
    this.setState(el.getAttribute("data-writable") === "true", el.getAttribute("data-paused") === "true");
    this.bind();
    this.outbox.forEach(this.renderPending, this);
    this.older.hidden = this.firstSeq <= 1;
    this.connect();
  }

  Room.prototype.t = function (key) { return this.el.getAttribute("data-t-" + key) || key; };

  Room.prototype.loadOutbox = function () {
    try { return JSON.parse(localStorage.getItem(this.storeKey) || "[]"); } catch (e) { return []; }
  };
  Room.prototype.saveOutbox = function () {
    try { localStorage.setItem(this.storeKey, JSON.stringify(this.outbox)); } catch (e) { /* memory copy remains */ }
  };

  Room.prototype.bind = function () {
    var self = this;
    this.form.addEventListener("submit", function (event) {
      event.preventDefault();
      self.post();
    });
    this.input.addEventListener("keydown", function (event) {
      if (event.key === "Enter" && !event.shiftKey) { event.preventDefault(); self.post(); }
    });
    this.input.addEventListener("input", function () {
      var now = Date.now();
      if (now - self.typingSentAt > 3000) { self.typingSentAt = now; self.send({ type: "typing" }); }
    });
    this.older.addEventListener("click", function () { self.loadOlder(); });
    this.log.addEventListener("scroll", function () { if (self.log.scrollTop === 0 && !self.older.hidden) { self.loadOlder(); } });
    document.addEventListener("visibilitychange", function () { self.markRead(); });
    window.addEventListener("offline", function () { self.network(false); });
    window.addEventListener("online", function () { self.network(true); });
    setInterval(function () { self.send({ type: "ping" }); }, PING_EVERY);
  };

  Room.prototype.setStatus = function (state) {
    this.status.setAttribute("data-state", state);
    this.status.textContent = this.t(state);
    this.el.setAttribute("data-connection", state);
    this.refreshPending();
  };

  // Why a pending message waits, as its label says.
  Room.prototype.pendingReason = function (item) {
    if (item && this.rateLimited[item.client_id]) { return this.t("pending-rate"); }
    var state = this.status.getAttribute("data-state");
    if (state === "offline") { return this.t("pending-offline"); }
    if (state === "online") { return this.t("pending"); }
    return this.t("pending-reconnecting");
  };

  Room.prototype.refreshPending = function () {
    var self = this;
    this.log.querySelectorAll("li.pending").forEach(function (li) {
      var reason = self.pendingReason({ client_id: li.getAttribute("data-client-id") });
      li.querySelector(".who").textContent = reason;
      li.setAttribute("data-waiting", self.status.getAttribute("data-state"));
    });
  };

  Room.prototype.down = function () { return this.held || this.netDown; };

  Room.prototype.connect = function () {
    if (this.down() || this.closedForGood) { return; }
    if (this.socket && this.socket.readyState <= WebSocket.OPEN) { return; }   // one socket at a time
    var self = this;
    var proto = window.location.protocol === "https:" ? "wss://" : "ws://";
    var url = proto + window.location.host + "/ws/rooms/" + this.id + "/?after_seq=" + this.lastSeq;
    this.setStatus(this.socket ? "reconnecting" : "connecting");
    var socket = new WebSocket(url);
    this.socket = socket;
    socket.onopen = function () {
      self.backoff = 1000;
      self.setStatus("online");
      self.flush();
    };
    socket.onmessage = function (event) {
      var frame;
      try { frame = JSON.parse(event.data); } catch (e) { return; }
      self.handle(frame);
    };
    socket.onclose = function (event) {
      if (socket !== self.socket) { return; }
      if (FINAL_CLOSE[event.code]) {
        self.closedForGood = true;
        self.setStatus("closed");
        self.status.textContent = self.t("closed");
        self.form.hidden = true;
        return;
      }
      if (navigator.onLine === false) { self.netDown = true; }
      if (self.down()) { self.setStatus("offline"); return; }
      self.setStatus("reconnecting");
      var wait = self.backoff;
      self.backoff = Math.min(self.backoff * 2, 15000);
      setTimeout(function () { self.connect(); }, wait);
    };
  };

  // Test and network hook: offline(true) cuts the socket and holds reconnection; offline(false) reconnects.
  Room.prototype.offline = function (on) {
    this.held = !!on;
    this.cut();
  };

  // The browser's own network events.
  Room.prototype.network = function (up) {
    this.netDown = !up;
    if (up) { this.backoff = 1000; }
    this.cut();
  };

  Room.prototype.cut = function () {
    if (this.down()) {
      if (this.socket) { this.socket.close(); }
      this.setStatus("offline");
    } else if (!this.socket || this.socket.readyState > WebSocket.OPEN) {
      this.connect();
    }
  };

  Room.prototype.send = function (frame) {
    if (this.socket && this.socket.readyState === WebSocket.OPEN) {
      this.socket.send(JSON.stringify(frame));
      return true;
    }
    return false;
  };

  Room.prototype.post = function () {
    var body = this.input.value;
    if (!body.trim()) { return; }
    var item = { client_id: uuid4(), body: body };
    this.outbox.push(item);
    this.saveOutbox();
    this.renderPending(item);
    this.input.value = "";
    this.send({ type: "message", client_id: item.client_id, body: item.body });
  };

  Room.prototype.flush = function () {
    var self = this;
    this.outbox.forEach(function (item) { self.send({ type: "message", client_id: item.client_id, body: item.body }); });
  };

  Room.prototype.forget = function (clientId) {
    this.outbox = this.outbox.filter(function (item) { return item.client_id !== clientId; });
    this.saveOutbox();
  };

  Room.prototype.handle = function (f) {
    switch (f.type) {
      case "message": this.onMessage(f); break;
      case "ack": this.onAck(f); break;
      case "resumed": break;
      case "presence": this.onPresence(f.online || []); break;
      case "room": this.setState(f.writable, f.paused); break;
      case "typing": this.onTyping(f.user); break;
      case "read": this.onRead(f.user, f.seq); break;
      case "error": this.onError(f); break;
      default: break;
    }
  };

  Room.prototype.bubble = function (m, pending) {
    var li = document.createElement("li");
    var mine = m.sender ? m.sender.id === this.me : true;
    li.className = (mine ? "mine" : "") + (pending ? " pending" : "");
    li.setAttribute("data-client-id", m.client_id);
    if (m.seq) { li.setAttribute("data-seq", m.seq); }
    var who = document.createElement("span");
    who.className = "who";
    who.textContent = pending ? this.pendingReason(m) : this.label(m);
    var text = document.createElement("span");
    text.className = "body";
    text.textContent = m.body;
    li.appendChild(who);
    li.appendChild(text);
    return li;
  };

  Room.prototype.label = function (m) {
    return (m.sender ? m.sender.name : "") + " · " + this.when(m.created_at);
  };

  // "14:05 WIB" today (in the office's zone), "01/12 14:05 WIB" on another day.
  Room.prototype.when = function (iso) {
    try {
      var at = new Date(iso);
      var lang = document.documentElement.lang || undefined;
      var zone = { timeZone: this.timeZone };
      var day = function (d) { return d.toLocaleDateString("en-CA", zone); };
      var time = at.toLocaleTimeString(lang, { timeZone: this.timeZone, hour: "2-digit", minute: "2-digit", hour12: false });
      var date = day(at) === day(new Date()) ? "" :
        at.toLocaleDateString(lang, { timeZone: this.timeZone, day: "2-digit", month: "2-digit" }) + " ";
      return date + time + " " + this.zoneLabel;
    } catch (e) { return ""; }
  };

  Room.prototype.renderPending = function (item) {
    if (this.log.querySelector('li[data-client-id="' + item.client_id + '"]')) { return; }
    this.log.appendChild(this.bubble(item, true));
    this.scrollDown();
  };

  Room.prototype.onMessage = function (m) {
    if (m.seq <= this.lastSeq) { return; }                 // already shown
    if (m.seq > this.lastSeq + 1) {                         // a gap: ask for what is missing, in order
      this.send({ type: "resume", after_seq: this.lastSeq });
      return;
    }
    this.lastSeq = m.seq;
    var existing = this.log.querySelector('li[data-client-id="' + m.client_id + '"]');
    var li = this.bubble(m, false);
    if (existing) {
      existing.parentNode.removeChild(existing);
      if (m.sender && m.sender.id === this.me) { this.forget(m.client_id); }
    }
    // Keep pending bubbles last: insert before the first pending one.
    var firstPending = this.log.querySelector("li.pending");
    this.log.insertBefore(li, firstPending);
    this.scrollDown();
    this.markRead();
  };

  Room.prototype.onAck = function (f) {
    this.forget(f.client_id);
    var li = this.log.querySelector('li[data-client-id="' + f.client_id + '"]');
    if (li && li.classList.contains("pending")) {
      li.classList.remove("pending");
      li.setAttribute("data-acked", "true");
      li.querySelector(".who").textContent = "✓";
    }
  };

  Room.prototype.onError = function (f) {
    if (f.client_id) {
      var li = this.log.querySelector('li[data-client-id="' + f.client_id + '"]');
      if (f.code === "rate_limited") {       // kept: sent again on the next flush
        var self = this;
        this.rateLimited[f.client_id] = true;
        this.refreshPending();
        setTimeout(function () { self.rateLimited = {}; self.flush(); self.refreshPending(); }, 5000);
        return;
      }
      this.forget(f.client_id);
      if (li) {
        li.classList.remove("pending");
        li.classList.add("failed");
        li.querySelector(".who").textContent = this.t("failed") + ": " + f.message;
      }
      return;
    }
    this.notice.hidden = false;
    this.notice.textContent = f.message;
  };

  Room.prototype.onPresence = function (online) {
    var me = this.me;
    var names = online.filter(function (u) { return u.id !== me; }).map(function (u) { return u.name; });
    this.online.textContent = names.length ? names.join(", ") : this.t("nobody");
    this.el.setAttribute("data-online", online.map(function (u) { return u.id; }).join(","));
  };

  Room.prototype.onTyping = function (user) {
    var self = this;
    this.typingEl.textContent = user.name + " " + this.t("typing");
    clearTimeout(this.typingTimers.t);
    this.typingTimers.t = setTimeout(function () { self.typingEl.textContent = ""; }, 4000);
  };

  Room.prototype.onRead = function (user, seq) {
    this.log.querySelectorAll("li.mine[data-seq]").forEach(function (li) {
      if (parseInt(li.getAttribute("data-seq"), 10) <= seq) { li.setAttribute("data-read", "true"); }
    });
    var mineRead = this.log.querySelectorAll('li.mine[data-read="true"]');
    var lastRead = mineRead[mineRead.length - 1];
    if (lastRead) {
      var who = lastRead.querySelector(".who");
      if (who.textContent.indexOf(this.t("read")) === -1) { who.textContent += " · " + this.t("read"); }
    }
  };

  Room.prototype.markRead = function () {
    if (document.visibilityState !== "visible" || this.lastSeq <= this.lastReadSent) { return; }
    if (this.send({ type: "read", seq: this.lastSeq })) { this.lastReadSent = this.lastSeq; }
  };

  Room.prototype.setState = function (writable, paused) {
    var open = writable && !paused;
    this.input.disabled = !open;
    this.form.querySelector("button").disabled = !open;
    this.el.setAttribute("data-writable", writable ? "true" : "false");
    this.el.setAttribute("data-paused", paused ? "true" : "false");
    if (!open) {
      this.notice.hidden = false;
      this.notice.textContent = paused ? this.t("paused") : this.t("readonly");
    } else {
      this.notice.hidden = true;
    }
  };

  Room.prototype.loadOlder = function () {
    if (this.loadingOlder || this.firstSeq <= 1) { return; }
    this.loadingOlder = true;
    var self = this;
    var before = this.firstSeq;
    fetch("/api/v1/rooms/" + this.id + "/messages/?before_seq=" + before + "&limit=50", { credentials: "same-origin" })
      .then(function (r) { return r.ok ? r.json() : Promise.reject(r.status); })
      .then(function (data) {
        var height = self.log.scrollHeight;
        var anchor = self.log.firstChild;
        data.results.forEach(function (m) {
          if (m.seq < self.firstSeq) { self.log.insertBefore(self.bubble(m, false), anchor); }
        });
        if (data.results.length) { self.firstSeq = data.results[0].seq; }
        if (!data.results.length || self.firstSeq <= 1) { self.firstSeq = 1; self.older.hidden = true; }
        self.log.scrollTop = self.log.scrollHeight - height;
      })
      .catch(function () { /* try again on the next scroll */ })
      .then(function () { self.loadingOlder = false; });
  };

  Room.prototype.scrollDown = function () { this.log.scrollTop = this.log.scrollHeight; };

  window.sikhiRooms = window.sikhiRooms || {};
  function start() {
    document.querySelectorAll(".room[data-room-id]").forEach(function (el) {
      var room = new Room(el);
      window.sikhiRooms[room.id] = room;
    });
  }
  if (document.readyState === "loading") { document.addEventListener("DOMContentLoaded", start); } else { start(); }
})();
