// The comparison chart of the review results (data from json_script: no inline script under the CSP).
(function () {
  if (!document.getElementById("comparison-chart")) return;  // no data: the page shows a message instead (core.charts)
  const data = JSON.parse(document.getElementById("chart-data").textContent);
  const colors = ["#198754", "#0d6efd", "#ffc107", "#dc3545"];
  new Chart(document.getElementById("comparison-chart"), {
    type: "bar",
    data: {labels: data.labels, datasets: data.levels.map((label, i) => ({label, data: data.series.map(s => s[i]), backgroundColor: colors[i]}))},
    options: {maintainAspectRatio: false, scales: {x: {stacked: true}, y: {stacked: true, max: 100, ticks: {callback: v => v + "%"}}},
      plugins: {tooltip: {callbacks: {label: c => c.dataset.label + ": " + c.parsed.y.toFixed(2).replace(".", ",") + "%"}}}}
  });
})();
