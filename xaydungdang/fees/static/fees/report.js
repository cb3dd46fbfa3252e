// The fee report's chart: due and collected per month (data from the page, no request).
document.addEventListener("DOMContentLoaded", () => {
  const data = JSON.parse(document.getElementById("fees-chart-data").textContent);
  const canvas = document.getElementById("fees-chart");
  if (!window.Chart || !canvas) return;
  new window.Chart(canvas, {
    type: "bar",
    data: {
      labels: data.labels,
      datasets: [
        { label: data.due_label, data: data.due, backgroundColor: "#c9d6e8" },
        { label: data.collected_label, data: data.collected, backgroundColor: "#b3261e" },
      ],
    },
    options: {
      maintainAspectRatio: false,
      scales: { y: { ticks: { callback: (v) => v.toLocaleString("vi-VN") } } },
    },
  });
});
