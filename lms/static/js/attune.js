// Small progressive enhancements; every page works without them.
(function () {
  "use strict";

  // Submit once: a double click or a second Enter must not post the answer twice.
  // (The server also refuses a repeated form token, this just spares the round trip.)
  document.addEventListener("submit", function (event) {
    var form = event.target;
    if (!form.hasAttribute("data-once")) return;
    if (form.dataset.sent === "1") { event.preventDefault(); return; }
    form.dataset.sent = "1";
    var button = form.querySelector("button[type=submit]");
    if (button) { button.disabled = true; button.textContent = "Sending…"; }
  });

  // Live character count against the limit.
  function updateCounter(area) {
    var out = document.querySelector('[data-counter-for="' + area.id + '"]');
    if (!out) return;
    var max = parseInt(area.dataset.maxChars || "0", 10);
    var n = area.value.length;
    out.textContent = n.toLocaleString() + " characters.";
    out.classList.toggle("over", max > 0 && n > max);
  }
  document.addEventListener("input", function (event) {
    if (event.target.matches && event.target.matches("textarea[data-counter]")) updateCounter(event.target);
  });
  document.addEventListener("DOMContentLoaded", function () {
    document.querySelectorAll("textarea[data-counter]").forEach(updateCounter);
  });
})();
