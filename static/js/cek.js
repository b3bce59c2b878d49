// /cek: after htmx swaps a new step into the panel, give the tab the step's own title.
// (The panel is a fragment without <title>; the step names it in data-judul-dokumen.)
(function () {
  "use strict";

  document.addEventListener("htmx:afterSettle", function (event) {
    var root = event.detail.target;
    if (!root || !root.querySelector) {
      return;
    }
    var step = root.querySelector("[data-judul-dokumen]");
    if (step) {
      document.title = step.getAttribute("data-judul-dokumen");
    }
  });
})();
