// Draws every <canvas data-chart="key"> of the dashboard from the JSON in #chart-data (Chart.js 4); the
// payloads are core.charts' (a chart without data has no canvas, many bars come as a top-N with "Khác").
(function () {
  const PALETTE = ["#b71c1c", "#f9a825", "#1565c0", "#2e7d32", "#6a1b9a", "#ef6c00", "#00838f", "#5d4037", "#c2185b", "#455a64", "#9e9d24"];
  const numberVi = new Intl.NumberFormat("vi-VN");
  const charts = [];
  // Long names (the full table beside the chart has them) would squeeze a horizontal bar chart.
  const shorten = (label) => (label.length > 24 ? label.slice(0, 23) + "…" : label);

  function draw(canvas, spec) {
    if (spec.type === "plan") {
      return new Chart(canvas, {
        type: "bar",
        data: {labels: spec.labels, datasets: [
          {label: spec.names[0], data: spec.series[0], backgroundColor: "#cfd8dc"},
          {label: spec.names[1], data: spec.series[1], backgroundColor: "#b71c1c"}]},
        options: {animation: false, maintainAspectRatio: false, plugins: {legend: {position: "bottom"}}, scales: {y: {beginAtZero: true, ticks: {precision: 0}}}},
      });
    }
    const doughnut = spec.type === "doughnut";
    return new Chart(canvas, {
      type: doughnut ? "doughnut" : "bar",
      data: {labels: spec.labels.map(shorten), datasets: [{data: spec.series[0], backgroundColor: doughnut ? PALETTE : "#b71c1c"}]},
      options: {
        animation: false,
        maintainAspectRatio: false,
        indexAxis: doughnut ? "x" : "y",
        plugins: {
          legend: {display: doughnut, position: "bottom", labels: {boxWidth: 12}},
          tooltip: {callbacks: {label: (ctx) => numberVi.format(ctx.parsed.x ?? ctx.parsed)}},
        },
        scales: doughnut ? {} : {x: {beginAtZero: true, ticks: {precision: 0}}},
      },
    });
  }

  function render() {
    const data = document.getElementById("chart-data");
    if (!data || typeof Chart === "undefined") return;
    const specs = JSON.parse(data.textContent);
    while (charts.length) charts.pop().destroy();
    document.querySelectorAll("canvas[data-chart]").forEach((canvas) => {
      const spec = specs[canvas.dataset.chart];
      if (spec) charts.push(draw(canvas, spec));
    });
    document.body.dataset.chartsReady = String(charts.length);
  }

  // "Xem tổ chức trực thuộc": open the dashboard of the organization chosen (no inline handler under the CSP).
  document.addEventListener("change", (event) => {
    const select = event.target.closest("select[data-open-org]");
    if (select && select.value) window.location.href = "?org=" + encodeURIComponent(select.value);
  });

  document.addEventListener("DOMContentLoaded", render);
  document.addEventListener("htmx:afterSettle", render);
})();
