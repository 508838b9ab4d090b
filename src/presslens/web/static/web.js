// presslens web UI: the only script. Progressive enhancement — every page works without it.
// Analyse form: say that the analysis is running and prevent a second submission.
"use strict";
document.addEventListener("DOMContentLoaded", function () {
  var form = document.getElementById("analyse-form");
  if (!form) { return; }
  form.addEventListener("submit", function () {
    var button = document.getElementById("analyse-button");
    var status = document.getElementById("analyse-status");
    if (button) { button.disabled = true; }
    if (status) { status.textContent = "Analysing… this takes a few seconds."; }
  });
});

// Story page: a number links to its evidence list (a closed <details>): open it when targeted.
function openTarget() {
  var id = decodeURIComponent(window.location.hash.slice(1));
  var el = id ? document.getElementById(id) : null;
  if (el && el.tagName === "DETAILS") { el.open = true; }
}
window.addEventListener("hashchange", openTarget);
document.addEventListener("DOMContentLoaded", openTarget);
