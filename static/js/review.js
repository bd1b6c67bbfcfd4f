/* Review page: a "select every item shown" box over the checkboxes (without script, tick each one). */
(function () {
  "use strict";
  var all = document.getElementById("select-all");
  if (!all) { return; }
  var boxes = document.querySelectorAll("input[name='items']");
  all.hidden = false;
  all.addEventListener("change", function () {
    Array.prototype.forEach.call(boxes, function (box) { box.checked = all.checked; });
  });
})();
