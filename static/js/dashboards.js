/* Draws every chart on the page from the figure JSON the server embedded. */
(function () {
  "use strict";
  var config = JSON.parse(document.getElementById("plotly-config").textContent);
  document.querySelectorAll("[data-figure]").forEach(function (el) {
    var source = document.getElementById(el.dataset.figure);
    if (!source || !window.Plotly) { return; }
    var figure = JSON.parse(source.textContent);
    // A world map is about twice as wide as tall: on a phone, don't leave it floating in blank space.
    if (figure.layout.geo && el.clientWidth < 600) {
      figure.layout.height = Math.round(el.clientWidth * 0.55) + 80;
    }
    window.Plotly.newPlot(el, figure.data, figure.layout, config);
  });
})();
