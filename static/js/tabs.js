/* Tabs (WAI-ARIA "tabs with automatic activation") for every [role=tablist] on the page.
   Left/Right arrows move between tabs, Home/End jump to the first/last; the selected tab is the only one in the
   tab order. The URL hash (#<panel id>) selects a tab on load, so a redirect back to the page keeps the room.
   In the session console, each tab also mirrors who is online in its room (the room widget's .room-online) and
   shows a "new messages" mark when a message arrives in a room that is not shown. No dependencies. */
(function () {
  "use strict";
  var started = Date.now();

  function setup(list) {
    var tabs = Array.prototype.slice.call(list.querySelectorAll("[role=tab]"));
    if (!tabs.length) return;
    var panelOf = function (tab) { return document.getElementById(tab.getAttribute("aria-controls")); };

    function select(tab, focus, initial) {
      tabs.forEach(function (t) {
        var on = t === tab;
        t.setAttribute("aria-selected", on ? "true" : "false");
        t.tabIndex = on ? 0 : -1;
        var panel = panelOf(t);
        if (panel) panel.hidden = !on;
        if (on) {
          var mark = t.querySelector(".tab-new");
          if (mark) { mark.hidden = true; mark.textContent = ""; }
        }
      });
      if (focus) tab.focus();
      var panel = panelOf(tab);
      // Not on load: a hash set while the page loads makes the browser scroll to the panel (a jump).
      if (!initial && panel && history.replaceState) history.replaceState(null, "", "#" + panel.id);
    }

    tabs.forEach(function (tab, i) {
      tab.addEventListener("click", function () { select(tab, false); });
      tab.addEventListener("keydown", function (e) {
        var next = null;
        if (e.key === "ArrowRight" || e.key === "Right") next = tabs[(i + 1) % tabs.length];
        else if (e.key === "ArrowLeft" || e.key === "Left") next = tabs[(i - 1 + tabs.length) % tabs.length];
        else if (e.key === "Home") next = tabs[0];
        else if (e.key === "End") next = tabs[tabs.length - 1];
        if (next) { e.preventDefault(); select(next, true); }
      });
      mirror(tab, panelOf(tab), list.closest("[data-t-new]"));
    });

    var wanted = location.hash ? tabs.filter(function (t) {
      return "#" + t.getAttribute("aria-controls") === location.hash;
    })[0] : null;
    select(wanted || tabs.filter(function (t) { return t.getAttribute("aria-selected") === "true"; })[0] || tabs[0],
      false, true);
  }

  function mirror(tab, panel, box) {
    if (!panel || typeof MutationObserver === "undefined") return;
    var online = panel.querySelector(".room-online");
    var target = tab.querySelector(".tab-online");
    if (online && target) {
      new MutationObserver(function () {
        var text = online.textContent.trim();
        if (text && text !== "—") target.textContent = "(" + text + ")";
      }).observe(online, { childList: true, characterData: true, subtree: true });
    }
    var log = panel.querySelector(".room-log");
    var mark = tab.querySelector(".tab-new");
    if (log && mark) {
      new MutationObserver(function (changes) {
        // Ignore the history the widget loads on connecting; mark only messages appended later.
        var added = changes.some(function (c) { return c.addedNodes.length > 0 && !c.nextSibling; });
        if (added && panel.hidden && Date.now() - started > 3000) {
          mark.textContent = "● " + ((box && box.getAttribute("data-t-new")) || "new");
          mark.hidden = false;
        }
      }).observe(log, { childList: true });
    }
  }

  function init() {
    Array.prototype.forEach.call(document.querySelectorAll("[role=tablist]"), setup);
  }
  if (document.readyState === "loading") document.addEventListener("DOMContentLoaded", init);
  else init();
})();
