// Dispute page: each section folds (<details class="fold">), so a phone shows only what is wanted. A link to a
// section ("on this page", or #id in the address) opens it when it was folded. No dependencies.
(function () {
  "use strict";
  function reveal(id) {
    var target = id && document.getElementById(id);
    var fold = target && target.closest("details.fold");
    if (fold && !fold.open) { fold.open = true; }
  }
  document.addEventListener("click", function (event) {
    var link = event.target.closest && event.target.closest("a[href^='#']");
    if (link) { reveal(decodeURIComponent(link.getAttribute("href").slice(1))); }
  });
  window.addEventListener("hashchange", function () { reveal(decodeURIComponent(location.hash.slice(1))); });
  if (location.hash) { reveal(decodeURIComponent(location.hash.slice(1))); }
})();
