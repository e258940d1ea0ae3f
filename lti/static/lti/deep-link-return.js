// Posts the signed Deep Linking response back to the platform as soon as the page is
// shown (a file, not inline script: the CSP allows only our own scripts).
document.addEventListener("DOMContentLoaded", function () {
  var form = document.getElementById("deep-link-return");
  if (form) { form.submit(); }
});
