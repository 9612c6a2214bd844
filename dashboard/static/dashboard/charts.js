// Draws the indicators' monthly trend from the data the page embeds with json_script (no inline script).
(function () {
  "use strict";
  const source = document.getElementById("indicator-charts");
  if (!source || typeof Chart === "undefined") return;
  JSON.parse(source.textContent).forEach(function (chart) {
    const canvas = document.getElementById(chart.id);
    if (!canvas) return;
    new Chart(canvas, {
      type: "line",
      data: {
        labels: chart.labels,
        datasets: [{ label: chart.title, data: chart.values, borderColor: "#0d6efd", backgroundColor: "#0d6efd", spanGaps: false }],
      },
      options: {
        plugins: { legend: { display: false } },
        scales: { y: { beginAtZero: true, max: chart.percent ? 100 : undefined } },
      },
    });
  });
})();
