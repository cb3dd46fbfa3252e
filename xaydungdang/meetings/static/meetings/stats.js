// The bar chart of the meetings statistics page; the figures come from the page (json_script).
document.addEventListener("DOMContentLoaded", () => {
  const canvas = document.getElementById("meetings-chart");
  const data = document.getElementById("meetings-chart-data");
  if (!canvas || !data || typeof Chart === "undefined") return;
  new Chart(canvas, {
    type: "bar",
    data: JSON.parse(data.textContent),
    options: {scales: {x: {stacked: true}, y: {stacked: true, beginAtZero: true, ticks: {precision: 0}}}},
  });
});
