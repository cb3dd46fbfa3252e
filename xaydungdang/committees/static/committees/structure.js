// The chart of the committees' structure (data from json_script: no inline script under the CSP).
(function () {
  if (!document.getElementById("structure-chart")) return;  // no data: the page shows a message instead (core.charts)
  const data = JSON.parse(document.getElementById("chart-data").textContent);
  const colors = ["#b71c1c", "#0d6efd", "#198754", "#ffc107"];
  new Chart(document.getElementById("structure-chart"), {
    type: "bar",
    data: {labels: data.labels, datasets: Object.entries(data.series).map(([label, values], i) => ({label, data: values, backgroundColor: colors[i]}))},
    options: {maintainAspectRatio: false}
  });
})();
