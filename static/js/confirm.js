/* Irreversible steps ask first: a form with data-confirm="<question>" opens the page's native <dialog
   id="confirm-dialog"> (templates/base.html) instead of posting; "yes" posts it, "cancel" or Escape keeps the
   page as it was. No build step. Without JavaScript, or where <dialog> is missing, the form posts directly. */
(function () {
  "use strict";
  var dialog = document.getElementById("confirm-dialog");
  if (!dialog || typeof dialog.showModal !== "function") return;
  var question = dialog.querySelector(".confirm-question");
  var pending = null;

  document.addEventListener("submit", function (event) {
    var form = event.target;
    if (!(form instanceof HTMLFormElement) || !form.dataset.confirm) return;
    if (form.dataset.confirmed === "yes") {
      delete form.dataset.confirmed;  // asked once per post
      return;
    }
    event.preventDefault();
    pending = { form: form, submitter: event.submitter || null };
    question.textContent = form.dataset.confirm;
    dialog.returnValue = "";
    dialog.showModal();
  });

  dialog.addEventListener("close", function () {
    var asked = pending;
    pending = null;
    if (!asked || dialog.returnValue !== "yes") return;
    asked.form.dataset.confirmed = "yes";
    if (typeof asked.form.requestSubmit === "function") {
      asked.form.requestSubmit(asked.submitter);
    } else {
      asked.form.submit();
    }
  });
})();
