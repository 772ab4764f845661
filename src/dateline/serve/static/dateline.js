// dateline's one script (the CSP admits no inline script). It reads the readings the server put in
// title attributes and shows them as text (textContent), never as markup; it pans and zooms the SVG
// map by its viewBox; and a drag over the timeline narrows the dates by setting since/until in the
// URL (every filter lives in the URL). Written for dateline, no library.
"use strict";

function readingPanels() {
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
}

// --- the map: pan (drag), zoom (wheel or the buttons), the view's box as a filter link ----------

function round(value) { return Math.round(value * 1000) / 1000; }

function svgPoint(svg, clientX, clientY) {
  var point = svg.createSVGPoint();
  point.x = clientX;
  point.y = clientY;
  return point.matrixTransform(svg.getScreenCTM().inverse());
}

function panZoom(figure) {
  var svg = figure.querySelector("svg.map");
  if (!svg || !svg.viewBox || !svg.viewBox.baseVal) { return; }
  var start = svg.viewBox.baseVal;
  var home = [start.x, start.y, start.width, start.height];
  var view = home.slice();
  var filterLink = figure.querySelector("a.view-filter");

  function show() {
    svg.setAttribute("viewBox", view.map(round).join(" "));
    // the map is in (longitude, -latitude): the view's box in degrees, west,south,east,north
    var box = [view[0], -(view[1] + view[3]), view[0] + view[2], -view[1]].map(round);
    svg.setAttribute("data-view", box.join(","));
    if (filterLink) {
      var params = new URLSearchParams(window.location.search);
      params.set("bbox", box.join(","));
      filterLink.setAttribute("href", window.location.pathname + "?" + params.toString());
    }
  }

  function zoom(factor, centre) {
    var width = Math.min(Math.max(view[2] * factor, 0.01), 400);
    var height = view[3] * (width / view[2]);
    view = [centre.x - (centre.x - view[0]) * (width / view[2]),
            centre.y - (centre.y - view[1]) * (height / view[3]), width, height];
    show();
  }

  svg.addEventListener("wheel", function (event) {
    event.preventDefault();
    zoom(event.deltaY > 0 ? 1.25 : 0.8, svgPoint(svg, event.clientX, event.clientY));
  }, { passive: false });

  var drag = null;
  var moved = false;
  svg.addEventListener("pointerdown", function (event) {
    if (event.button !== 0) { return; }
    drag = { x: event.clientX, y: event.clientY, view: view.slice(), scale: view[2] / svg.getBoundingClientRect().width };
    moved = false;
  });
  window.addEventListener("pointermove", function (event) {
    if (!drag) { return; }
    var dx = event.clientX - drag.x, dy = event.clientY - drag.y;
    if (!moved && Math.abs(dx) + Math.abs(dy) < 4) { return; }  // a click, not a drag
    moved = true;
    var ctm = svg.getScreenCTM();
    view = [drag.view[0] - dx / ctm.a, drag.view[1] - dy / ctm.d, drag.view[2], drag.view[3]];
    show();
  });
  window.addEventListener("pointerup", function () { drag = null; });
  svg.addEventListener("click", function (event) {
    if (moved) { event.preventDefault(); event.stopPropagation(); moved = false; }  // a drag opens nothing
  }, true);

  figure.querySelectorAll("button[data-zoom]").forEach(function (button) {
    button.addEventListener("click", function () {
      var how = button.getAttribute("data-zoom");
      if (how === "reset") { view = home.slice(); show(); return; }
      zoom(how === "in" ? 0.5 : 2, { x: view[0] + view[2] / 2, y: view[1] + view[3] / 2 });
    });
  });
  show();
}

// --- the timeline: drag over the bars to narrow the dates ---------------------------------------

function brushing(figure) {
  var svg = figure.querySelector("svg.timeline");
  if (!svg) { return; }
  var bars = Array.prototype.slice.call(svg.querySelectorAll("a.bar"));
  if (!bars.length) { return; }
  var ns = "http://www.w3.org/2000/svg";
  var brush = null;
  var from = null;
  var dragged = false;

  function xOf(event) { return svgPoint(svg, event.clientX, event.clientY).x; }
  function barX(bar) {
    var hit = bar.querySelector("rect.hit");
    return [parseFloat(hit.getAttribute("x")), parseFloat(hit.getAttribute("x")) + parseFloat(hit.getAttribute("width"))];
  }

  svg.addEventListener("pointerdown", function (event) {
    if (event.button !== 0) { return; }
    from = xOf(event);
    dragged = false;
    event.preventDefault();
  });
  window.addEventListener("pointermove", function (event) {
    if (from === null) { return; }
    var to = xOf(event);
    if (!dragged && Math.abs(to - from) * svg.getBoundingClientRect().width / svg.viewBox.baseVal.width < 4) { return; }
    dragged = true;
    if (!brush) {
      brush = document.createElementNS(ns, "rect");
      brush.setAttribute("class", "brush");
      brush.setAttribute("y", "0");
      brush.setAttribute("height", String(svg.viewBox.baseVal.height));
      svg.appendChild(brush);
    }
    brush.setAttribute("x", String(Math.min(from, to)));
    brush.setAttribute("width", String(Math.abs(to - from)));
  });
  window.addEventListener("pointerup", function (event) {
    if (from === null) { return; }
    var to = xOf(event);
    var low = Math.min(from, to), high = Math.max(from, to);
    from = null;
    if (!dragged) { return; }  // a click: the bar's own link narrows to its days
    var chosen = bars.filter(function (bar) { var x = barX(bar); return x[1] > low && x[0] < high; });
    if (!chosen.length) { if (brush) { brush.remove(); brush = null; } return; }
    var params = new URLSearchParams(window.location.search);
    params.set("since", chosen[0].getAttribute("data-since"));
    params.set("until", chosen[chosen.length - 1].getAttribute("data-until"));
    window.location.assign(window.location.pathname + "?" + params.toString());
  });
  svg.addEventListener("click", function (event) {
    if (dragged) { event.preventDefault(); event.stopPropagation(); dragged = false; }
  }, true);
}

document.addEventListener("DOMContentLoaded", function () {
  readingPanels();
  document.querySelectorAll("figure.map").forEach(panZoom);
  document.querySelectorAll("figure.timeline").forEach(brushing);
});
