// The consultation's votes per priority, from the data the page embeds with json_script (no inline script).
(function () {
  "use strict";
  const source = document.getElementById("consultation-chart-data");
  const canvas = document.getElementById("consultation-chart");
  if (!source || !canvas || typeof Chart === "undefined") return;
  const chart = JSON.parse(source.textContent);
  new Chart(canvas, {
    type: "bar",
    data: { labels: chart.labels, datasets: [{ label: chart.label, data: chart.votes, backgroundColor: "#0d6efd" }] },
    options: {
      indexAxis: "y",
      animation: false,
      plugins: { legend: { display: false } },
      scales: { x: { beginAtZero: true, ticks: { precision: 0 } } },
    },
  });
})();
