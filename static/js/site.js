// SIGAP progressive enhancement. Everything works without this file.
(function () {
  "use strict";

  // After htmx swaps new content in, move focus to its heading (or error summary) so
  // screen-reader and keyboard users land where the page changed.
  document.addEventListener("htmx:afterSettle", function (event) {
    var root = event.detail.target || document;
    if (root.closest && root.closest("[data-no-focus]")) {
      return;
    }
    var target = root.querySelector("#ringkasan-kesalahan, [data-fokus], h1");
    if (!target) {
      return;
    }
    if (!target.hasAttribute("tabindex")) {
      target.setAttribute("tabindex", "-1");
    }
    target.focus();
  });

  // /cek: a swapped-in step names the tab (fragments have no <title>; the step carries its
  // title in data-judul-dokumen). Formerly cek.js: one script fewer on the check's pages.
  document.addEventListener("htmx:afterSettle", function (event) {
    var root = event.detail.target;
    var step = root && root.querySelector && root.querySelector("[data-judul-dokumen]");
    if (step) {
      document.title = step.getAttribute("data-judul-dokumen");
    }
  });

  // On a full page load, an error summary takes focus so it is read out first.
  document.addEventListener("DOMContentLoaded", function () {
    var summary = document.querySelector("#ringkasan-kesalahan");
    if (summary) {
      summary.focus();
    }
  });
})();
