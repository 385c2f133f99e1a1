// Filing wizard: keep what is typed in the browser until the server has it (a dropped connection loses nothing),
// and upload evidence with a progress bar. Works without this script: forms post normally.
(function () {
  "use strict";
  document.querySelectorAll("form[data-autosave]").forEach(function (form) {
    var key = form.getAttribute("data-autosave");
    var saved = {};
    try { saved = JSON.parse(localStorage.getItem(key) || "{}"); } catch (e) { saved = {}; }
    form.querySelectorAll("textarea, input[type=text], input[type=email]").forEach(function (el) {
      if (saved[el.name] && !el.value) { el.value = saved[el.name]; }
      el.addEventListener("input", function () {
        saved[el.name] = el.value;
        try { localStorage.setItem(key, JSON.stringify(saved)); } catch (e) { /* storage full: the server copy remains */ }
      });
    });
    // The server page shown after a successful save has no errors: forget the local copy of earlier steps.
    if (!document.querySelector(".field.invalid") && form.querySelector("textarea, input[type=text]")) {
      form.addEventListener("submit", function () { localStorage.removeItem(key); });
    }
  });

  var upload = document.getElementById("evidence-form");
  if (upload && window.XMLHttpRequest && window.FormData) {
    upload.addEventListener("submit", function (event) {
      var file = upload.querySelector("input[type=file]");
      if (!file || !file.files.length) { return; }  // let the server show the error beside the field
      event.preventDefault();
      var bar = document.getElementById("upload-progress");
      var status = document.getElementById("upload-status");
      var button = upload.querySelector("button[type=submit]");
      var xhr = new XMLHttpRequest();
      xhr.open("POST", upload.getAttribute("data-upload-url"));
      xhr.setRequestHeader("X-CSRFToken", upload.querySelector("[name=csrfmiddlewaretoken]").value);
      xhr.upload.addEventListener("progress", function (e) {
        if (e.lengthComputable) { bar.hidden = false; bar.value = Math.round(100 * e.loaded / e.total); status.textContent = bar.value + "%"; }
      });
      xhr.onload = function () {
        if (xhr.status === 201) { window.location.reload(); return; }
        button.disabled = false;
        var message = "";
        try { var body = JSON.parse(xhr.responseText).error; message = body.message; var d = body.details || {};
          Object.keys(d).forEach(function (k) { message += " " + [].concat(d[k]).join(" "); }); } catch (e) { message = xhr.statusText; }
        status.textContent = message;
      };
      xhr.onerror = function () { button.disabled = false; status.textContent = upload.getAttribute("data-offline") || "⚠"; };
      button.disabled = true;
      var data = new FormData();
      data.append("title", upload.querySelector("[name=title]").value);
      data.append("file", file.files[0]);
      xhr.send(data);
    });
  }
})();

// Step 1: a field marked data-required-when="how=nib" is required only while that option is chosen; its
// "(optional)" mark and aria-required follow the radio buttons (the server renders them for the current choice).
(function () {
  "use strict";
  var fields = document.querySelectorAll("[data-required-when]");
  if (!fields.length) { return; }
  function update() {
    fields.forEach(function (el) {
      var rule = el.getAttribute("data-required-when").split("=");
      var chosen = el.form && el.form.querySelector("input[name='" + rule[0] + "']:checked");
      var required = !!chosen && chosen.value === rule[1];
      el.setAttribute("aria-required", required ? "true" : "false");
      var label = document.querySelector("label[for='" + el.id + "']");
      var mark = label && label.querySelector(".optional-mark");
      if (mark) { mark.hidden = required; }
    });
  }
  document.addEventListener("change", function (event) {
    if (event.target.type === "radio") { update(); }
  });
  update();
})();
