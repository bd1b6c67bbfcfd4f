/* Draws every chart on the page from the figure JSON the server embedded. */
(function () {
  "use strict";
  var PHONE_WIDTH = 600;
  var config = JSON.parse(document.getElementById("plotly-config").textContent);

  function merge(target, changes) {
    Object.keys(changes).forEach(function (key) {
      var value = changes[key];
      if (value && typeof value === "object" && !Array.isArray(value) && target[key] && typeof target[key] === "object") {
        merge(target[key], value);
      } else {
        target[key] = value;
      }
    });
  }

  document.querySelectorAll("[data-figure]").forEach(function (el) {
    var source = document.getElementById(el.dataset.figure);
    if (!source || !window.Plotly) { return; }
    var figure = JSON.parse(source.textContent);
    if (el.clientWidth < PHONE_WIDTH) {
      if (figure.phone) { merge(figure.layout, figure.phone); }
      // A world map is about twice as wide as tall: don't leave it floating in blank space.
      if (figure.layout.geo) { figure.layout.height = Math.round(el.clientWidth * 0.55) + 80; }
    }
    window.Plotly.newPlot(el, figure.data, figure.layout, config);
  });
})();
