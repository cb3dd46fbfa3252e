// The training chart (data from json_script, labels from data- attributes: no inline script under the CSP).
(function () {
  if (!document.getElementById("training-chart")) return;  // no data: the page shows a message instead (core.charts)
  const data = JSON.parse(document.getElementById("chart-data").textContent);
  const canvas = document.getElementById("training-chart");
  new Chart(canvas, {
    type: "bar",
    data: {labels: data.labels, datasets: [
      {label: canvas.dataset.labelPlanned, data: data.planned, backgroundColor: "#adb5bd"},
      {label: canvas.dataset.labelTrainees, data: data.trainees, backgroundColor: "#0d6efd"},
      {label: canvas.dataset.labelPassed, data: data.passed, backgroundColor: "#198754"}]},
    options: {maintainAspectRatio: false, indexAxis: "y"}
  });
})();
