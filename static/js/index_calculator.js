/* The weights calculator on the method page: move the six weights and every pair's index
   and rank are recomputed here, from the published components, with the engine's own
   arithmetic (trustindex/method.py), so the numbers agree with what the engine would
   publish under those weights:
   - coverage is the exact sum of the weights of the components present; below the
     minimum (0.5, with the engine's 1e-9 tolerance) there is no value;
   - missing components and zero weights take no part; the rest are renormalised;
   - the weighted mean (arithmetic, or geometric with each component floored) is summed
     exactly, like Python's math.fsum, and rounded once to one decimal, halves up on the
     number's shortest decimal form, like the engine's _round1.
   Nothing is sent anywhere: the data is the page's own #calculator-data block. */
(function () {
  "use strict";
  var source = document.getElementById("calculator-data");
  if (!source) { return; }
  var data = JSON.parse(source.textContent);

  // Shewchuk's exact summation, step for step as CPython's math.fsum (Modules/mathmodule.c).
  function fsum(values) {
    var partials = [];
    values.forEach(function (value) {
      var x = value, i = 0;
      for (var j = 0; j < partials.length; j++) {
        var y = partials[j];
        if (Math.abs(x) < Math.abs(y)) { var swap = x; x = y; y = swap; }
        var high = x + y;
        var low = y - (high - x);
        if (low !== 0) { partials[i++] = low; }
        x = high;
      }
      partials.length = i;
      if (x !== 0) { partials.push(x); }
    });
    var n = partials.length;
    if (n === 0) { return 0; }
    var hi = partials[--n], lo = 0;
    while (n > 0) {
      var a = hi, b = partials[--n];
      hi = a + b;
      lo = b - (hi - a);
      if (lo !== 0) { break; }
    }
    // Half-even rounding across several partials, as CPython does.
    if (n > 0 && ((lo < 0 && partials[n - 1] < 0) || (lo > 0 && partials[n - 1] > 0))) {
      var twice = lo * 2, sum = hi + twice;
      if (twice === sum - hi) { hi = sum; }
    }
    return hi;
  }

  // One decimal, as the engine's _round1: halves up on the shortest decimal form
  // (6.25 -> 6.3); elsewhere the nearest tenth.
  function round1(x) {
    var scaled = x * 100;
    var nearest = Math.round(scaled);
    if (Math.abs(scaled - nearest) < 1e-6 && nearest % 10 === 5) {
      var parts = String(x).split(".");
      var digits = (parts[1] || "") + "00";
      var tenths = Number(parts[0]) * 10 + Number(digits[0]) + (Number(digits[1]) >= 5 ? 1 : 0);
      return tenths / 10;
    }
    return Math.round(x * 10) / 10;
  }

  function indexValue(components, weights) {
    var geometric = data.aggregation === "geometric";
    var present = data.components.filter(function (key) { return components[key] !== null && components[key] !== undefined; });
    var coverage = Math.min(1, fsum(present.map(function (key) { return weights[key]; })));
    var used = present.filter(function (key) { return weights[key] > 0; });
    if (!used.length || coverage < data.min_coverage - 1e-9) { return null; }
    var total = fsum(used.map(function (key) { return weights[key]; }));
    var floor = geometric ? data.floor : 0;
    var terms = used.map(function (key) {
      var w = weights[key] / total, c = Math.max(components[key], floor);
      return geometric ? w * Math.log(c) : w * c;
    });
    var mean = geometric ? Math.exp(fsum(terms)) : fsum(terms);
    return round1(Math.min(100, 100 * mean));
  }

  // 1 for the highest value, equal values sharing a rank (1, 2, 2, 4), as dashboards/calculator.py.
  function rankOf(values) {
    var present = values.filter(function (v) { return v !== null; }).sort(function (a, b) { return b - a; });
    var first = {};
    present.forEach(function (v, i) { if (!(v in first)) { first[v] = i + 1; } });
    return values.map(function (v) { return v === null ? null : first[v]; });
  }

  function compute(weights) {
    var values = data.dyads.map(function (dyad) { return indexValue(dyad.components, weights); });
    var ranks = rankOf(values);
    return data.dyads.map(function (dyad, i) {
      return { name: dyad.name, url: dyad.url, published: dyad.value, value: values[i], rank: ranks[i] };
    });
  }

  // For the browser tests: the calculator's results for any weights (fractions adding up to 1).
  window.ConcordCalculator = { compute: compute, fsum: fsum, round1: round1 };

  var form = document.getElementById("calculator-weights");
  var table = document.getElementById("calculator-table");
  var status = document.getElementById("calculator-status");
  if (!form || !table) { return; }
  form.hidden = false;

  function number(value) {
    return value.toFixed(1).replace(".", data.decimal);
  }

  function cell(row, text, className) {
    var td = document.createElement("td");
    if (className) { td.className = className; }
    td.textContent = text;
    row.appendChild(td);
    return td;
  }

  function render(results) {
    var ordered = results.slice().sort(function (a, b) {
      if (a.value === null || b.value === null) { return (a.value === null) - (b.value === null); }
      return b.value - a.value || a.name.localeCompare(b.name);
    });
    var body = document.createElement("tbody");
    ordered.forEach(function (r) {
      var row = document.createElement("tr");
      cell(row, r.rank === null ? "–" : String(r.rank), "num rank");
      var name = document.createElement("td");
      var link = document.createElement("a");
      link.href = r.url;
      link.textContent = r.name;
      name.appendChild(link);
      row.appendChild(name);
      cell(row, r.value === null ? data.labels.insufficient : number(r.value), "num value");
      cell(row, r.published === null ? data.labels.insufficient : number(r.published), "num");
      var change = r.value !== null && r.published !== null ? round1(r.value - r.published) : null;
      cell(row, change === null ? "–" : (change > 0 ? "+" : "") + number(change), "num");
      body.appendChild(row);
    });
    table.replaceChild(body, table.tBodies[0]);
  }

  function sliderWeights() {
    var raw = {}, total = 0;
    data.components.forEach(function (key) {
      raw[key] = Number(form.elements[key].value);
      total += raw[key];
    });
    if (total <= 0) { return null; }
    var weights = {};
    data.components.forEach(function (key) { weights[key] = raw[key] / total; });
    return weights;
  }

  function update(weights) {
    data.components.forEach(function (key) {
      var output = document.getElementById("share-" + key);
      if (output) { output.textContent = weights ? Math.round(weights[key] * 1000) / 10 + "%" : "0%"; }
    });
    if (!weights) {
      status.textContent = data.labels.no_weight;
      return;
    }
    status.textContent = "";
    render(compute(weights));
  }

  function setSliders(weights) {
    data.components.forEach(function (key) { form.elements[key].value = weights[key] * 100; });
  }

  form.addEventListener("input", function () { update(sliderWeights()); });
  form.addEventListener("click", function (event) {
    var preset = event.target.getAttribute("data-preset");
    if (!preset) { return; }
    var weights = {};
    data.components.forEach(function (key) {
      weights[key] = preset === "equal" ? 1 / data.components.length : data.weights[key];
    });
    setSliders(weights);
    // The weights in force exactly as configured, not as the sliders' steps round them.
    update(preset === "equal" ? sliderWeights() : data.weights);
  });
  form.addEventListener("submit", function (event) { event.preventDefault(); });
  update(data.weights);
})();
