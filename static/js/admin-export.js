// The admin's export page: "Select all" ticks or clears every column of its own sheet, and
// follows the columns when they are ticked one by one. A file of its own, not the library's
// inline onchange, because the portal's Content-Security-Policy runs no inline script.
document.addEventListener("DOMContentLoaded", function () {
  document.querySelectorAll("input.select-toggle").forEach(function (toggle) {
    var row = toggle.closest("[resource-index]");
    var index = row ? row.getAttribute("resource-index") : null;
    function columns() {
      var selector = index === null ? ".selectable-field-export-row" : '[resource-index="' + index + '"]';
      return Array.prototype.filter.call(
        document.querySelectorAll(selector + ' input[type="checkbox"]'),
        function (box) { return box !== toggle && !box.classList.contains("select-toggle"); }
      );
    }
    toggle.addEventListener("change", function () {
      columns().forEach(function (box) { box.checked = toggle.checked; });
    });
    columns().forEach(function (box) {
      box.addEventListener("change", function () {
        toggle.checked = columns().every(function (other) { return other.checked; });
      });
    });
  });
});
