// dateline's one script (the CSP admits no inline script). It only reads and shows the readings
// the server put in title attributes, always as text (textContent), never as markup.
"use strict";
document.addEventListener("DOMContentLoaded", function () {
  document.querySelectorAll("article.document").forEach(function (article) {
    var panel = article.querySelector("aside.reading");
    var text = article.querySelector(".text");
    if (!panel || !text) { return; }
    text.addEventListener("mouseover", function (event) {
      var lines = [];
      for (var node = event.target; node && node !== text; node = node.parentElement) {
        if (node.classList && node.classList.contains("fact") && node.title) { lines.push(node.title); }
      }
      panel.textContent = lines.join("\n");
    });
  });
});
