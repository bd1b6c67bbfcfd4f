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
    if (el.dataset.title) { config.modeBarButtonsToAdd = [imageButton(el)]; }
    window.Plotly.newPlot(el, figure.data, figure.layout, config).then(describe);
  });

  // The image button, in place of plotly's (removed in the config): plotly's would save the bare
  // drawing; this one adds the chart's title, source line, licence and date, so the image still
  // says what it shows, where it comes from and when, wherever it ends up.
  var EXTRA_TOP = 64;

  function imageButton(el) {
    return {
      name: "downloadImage",
      title: el.dataset.downloadLabel,
      icon: window.Plotly.Icons.camera,
      click: function (gd) { downloadImage(gd); }
    };
  }

  function escapeText(text) {
    return String(text || "").replace(/&/g, "&amp;").replace(/</g, "&lt;").replace(/>/g, "&gt;");
  }

  function exportFigure(gd) {
    var layout = JSON.parse(JSON.stringify(gd.layout));
    var margin = Object.assign({ l: 80, r: 80, t: 100, b: 80 }, layout.margin);
    layout.margin = Object.assign({}, margin, { t: margin.t + EXTRA_TOP });
    layout.width = gd._fullLayout.width;
    layout.height = gd._fullLayout.height + EXTRA_TOP;
    layout.paper_bgcolor = "#ffffff";
    var source = [gd.dataset.source, gd.dataset.licence, gd.dataset.date].map(escapeText).join(" · ");
    layout.title = {
      // No <b>: plotly would write it as a style attribute, which the site's CSP refuses.
      text: escapeText(gd.dataset.title),
      subtitle: { text: source, font: { size: 11 } },
      font: { size: 15, weight: "bold" },
      xref: "container", x: 0.01, xanchor: "left",
      yref: "container", y: 0.99, yanchor: "top"
    };
    var config = Object.assign({}, baseConfig, { staticPlot: true });
    return { data: JSON.parse(JSON.stringify(gd.data)), layout: layout, config: config };
  }

  function downloadImage(gd) {
    var figure = exportFigure(gd);
    var size = { format: "png", width: figure.layout.width, height: figure.layout.height, scale: 2 };
    return window.Plotly.toImage(figure, size).then(function (url) {
      var link = document.createElement("a");
      link.href = url;
      link.download = (gd.dataset.filename || "concord-chart") + ".png";
      document.body.appendChild(link);
      link.click();
      link.remove();
    });
  }
  window.ConcordCharts = { exportFigure: exportFigure, downloadImage: downloadImage };

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
