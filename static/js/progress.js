// Keeps each percentage's slider and number input in step. Without JavaScript the slider
// stays hidden and the number input alone does the job.
document.querySelectorAll("input.percent-slider").forEach(function (slider) {
  var number = document.getElementById(slider.dataset.for);
  if (!number) return;
  slider.hidden = false;
  slider.value = number.value === "" ? 0 : number.value;
  slider.addEventListener("input", function () { number.value = slider.value; });
  number.addEventListener("input", function () {
    var value = parseInt(number.value, 10);
    if (!isNaN(value) && value >= 0 && value <= 100) slider.value = value;
  });
});

// Warns before leaving the form with changes not yet saved (the language switcher, a link,
// closing the tab), which would lose the values typed; saving the form is not leaving it.
// Without JavaScript there is no warning, and the form works the same.
(function () {
  var form = document.querySelector("form.progress-form");
  if (!form) return;
  var changed = false;
  form.addEventListener("input", function () { changed = true; });
  form.addEventListener("submit", function () { changed = false; });
  document.querySelectorAll("nav.languages a").forEach(function (link) {
    link.addEventListener("click", function (event) {
      if (!changed) return;
      if (window.confirm(form.dataset.unsavedWarning)) changed = false;  // no second dialog
      else event.preventDefault();
    });
  });
  window.addEventListener("beforeunload", function (event) {
    if (!changed) return;
    event.preventDefault();
    event.returnValue = "";  // the browser shows its own words for this one
  });
})();
