// The session console: each attendance form opens at its session's time, without a reload.
(function () {
  "use strict";
  function openDue() {
    var now = Date.now();
    document.querySelectorAll("form.attendance-form[hidden][data-opens-at]").forEach(function (form) {
      if (Date.parse(form.dataset.opensAt) <= now) {
        form.hidden = false;
        var wait = form.parentNode.querySelector(".attendance-wait");
        if (wait) wait.hidden = true;
      }
    });
  }
  openDue();
  setInterval(openDue, 5000);
})();
