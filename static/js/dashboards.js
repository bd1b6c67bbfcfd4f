/* Draws every chart on the page from the figure JSON the server embedded.
   The server already laid each figure out for the page's language (mirrored for
   Arabic and Persian); here plotly gets the matching locale (month names, decimal
   marks) and phones get their layout changes and no toolbar over the legend. */
(function () {
  "use strict";
  var PHONE_WIDTH = 600;
  // Django language code -> plotly.js locale name (registered in the bundle, see assets/plotly-bundle.json).
  var PLOTLY_LOCALES = { "zh-hans": "zh-CN" };
  var baseConfig = JSON.parse(document.getElementById("plotly-config").textContent);
  var language = document.documentElement.lang || "en";
  baseConfig.locale = PLOTLY_LOCALES[language] || language;
  // Month names and number marks as the page's own dates and numbers have them (from Django);
  // plotly's locale keeps its translations of the toolbar.
  if (window.Plotly && baseConfig.localeFormat) {
    window.Plotly.register({ moduleType: "locale", name: baseConfig.locale, format: baseConfig.localeFormat });
  }
  delete baseConfig.localeFormat;

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
    var config = Object.assign({}, baseConfig);
    if (el.clientWidth < PHONE_WIDTH) {
      if (figure.phone) { merge(figure.layout, figure.phone); }
      // A world map is about twice as wide as tall: don't leave it floating in blank space.
      if (figure.layout.geo) { figure.layout.height = Math.round(el.clientWidth * 0.55) + 80; }
      // On a phone the toolbar would sit on the legend and the labels; the CSV has the data.
      config.displayModeBar = false;
    }
    window.Plotly.newPlot(el, figure.data, figure.layout, config).then(describe);
  });

  // The drawing says nothing to a screen reader (the caption and table do); the toolbar's buttons stay usable.
  function describe(el) {
    el.querySelectorAll("svg.main-svg").forEach(function (svg) { svg.setAttribute("aria-hidden", "true"); });
    var bar = el.querySelector(".modebar");
    if (bar) {
      bar.setAttribute("role", "toolbar");
      bar.setAttribute("aria-label", el.dataset.toolbarLabel || "Chart tools");
    }
  }

  // Printing: draw the charts at the paper's width, then back at the screen's.
  function resizeAll() {
    document.querySelectorAll("[data-figure]").forEach(function (el) {
      if (el.classList.contains("js-plotly-plot")) { window.Plotly.Plots.resize(el); }
    });
  }
  window.addEventListener("beforeprint", resizeAll);
  window.addEventListener("afterprint", resizeAll);
})();
