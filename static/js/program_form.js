/* Program form: once a dyad is chosen, name each side by its state, offer each side only its
   state's ministries and default its currency to the state's. The page works without this:
   the server does the same for a preselected dyad and after every submit. */
(function () {
  "use strict";
  var dyad = document.getElementById("id_dyad");
  if (!dyad || dyad.tagName !== "SELECT") { return; }
  var SIDES = ["a", "b"];

  function data(option, key, side) {
    return option ? option.getAttribute("data-" + key + "-" + side) || "" : "";
  }

  function showMinistries(side, state) {
    var select = document.getElementById("id_ministry_" + side);
    if (!select) { return; }
    Array.prototype.forEach.call(select.options, function (option) {
      if (!option.value) { return; }
      var offered = !state || option.getAttribute("data-state") === state;
      option.hidden = !offered;
      option.disabled = !offered;
      if (!offered && option.selected) { select.value = ""; }
    });
  }

  function apply(setCurrencies) {
    var option = dyad.options[dyad.selectedIndex];
    SIDES.forEach(function (side) {
      var state = data(option, "state", side);
      var legend = document.querySelector("[data-side-legend='" + side + "']");
      if (legend) { legend.textContent = state ? data(option, "side", side) : legend.getAttribute("data-generic"); }
      showMinistries(side, state);
      var currency = document.getElementById("id_currency_" + side);
      var wanted = data(option, "currency", side);
      if (setCurrencies && currency && wanted && !currency.hasAttribute("data-touched") &&
          currency.querySelector("option[value='" + wanted + "']")) {
        currency.value = wanted;
      }
    });
  }

  SIDES.forEach(function (side) {
    var currency = document.getElementById("id_currency_" + side);
    if (currency) {
      currency.addEventListener("change", function () { currency.setAttribute("data-touched", ""); });
    }
  });
  dyad.addEventListener("change", function () { apply(true); });
  apply(false);
})();
