// Print button for the activation-code letter. Without JavaScript the page says to press Ctrl+P.
(function () {
  "use strict";
  document.addEventListener("DOMContentLoaded", function () {
    var tombol = document.querySelectorAll("[data-cetak]");
    for (var i = 0; i < tombol.length; i++) {
      tombol[i].hidden = false;
      tombol[i].addEventListener("click", function () {
        window.print();
      });
    }
  });
})();
