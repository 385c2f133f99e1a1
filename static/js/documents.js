// Dispute page: documents are rendered and signed by a background job after the event that calls for them. While
// some are being prepared (#documents-list has data-refresh), the section asks the server for its current state
// every few seconds, replaces its content (the live region announces it) and stops once none is pending; after a
// failed request it waits longer, up to a minute. No dependencies.
(function () {
  "use strict";
  var box = document.getElementById("documents-list");
  if (!box) { return; }
  var failures = 0;

  function schedule() {
    var url = box.getAttribute("data-refresh");
    if (!url) { return; }
    var seconds = parseFloat(box.getAttribute("data-refresh-seconds")) || 3;
    setTimeout(function () { refresh(url); }, Math.min(seconds * Math.pow(2, failures), 60) * 1000);
  }

  function refresh(url) {
    fetch(url, { credentials: "same-origin", headers: { "Accept": "text/html" } })
      .then(function (response) {
        if (!response.ok) { throw new Error("HTTP " + response.status); }
        return response.text();
      })
      .then(function (html) {
        var holder = document.createElement("div");
        holder.innerHTML = html;
        var fresh = holder.querySelector("#documents-list");
        if (!fresh) { throw new Error("no documents section"); }
        ["data-refresh", "data-refresh-seconds"].forEach(function (name) {
          if (fresh.hasAttribute(name)) { box.setAttribute(name, fresh.getAttribute(name)); }
          else { box.removeAttribute(name); }
        });
        box.innerHTML = fresh.innerHTML;
        failures = 0;
        schedule();
      })
      .catch(function () {
        failures = Math.min(failures + 1, 5);
        schedule();
      });
  }

  schedule();
})();
