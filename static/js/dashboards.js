/* Draws every chart on the page from the figure JSON the server embedded. */
(function () {
  "use strict";
  var config = JSON.parse(document.getElementById("plotly-config").textContent);
  document.querySelectorAll("[data-figure]").forEach(function (el) {
    var source = document.getElementById(el.dataset.figure);
    if (!source || !window.Plotly) { return; }
    var figure = JSON.parse(source.textContent);
    window.Plotly.newPlot(el, figure.data, figure.layout, config);
  });
})();
