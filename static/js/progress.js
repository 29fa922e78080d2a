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
