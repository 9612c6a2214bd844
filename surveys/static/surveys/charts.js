// Draws the analysis charts from the data the page embeds with json_script (no inline script).
(function () {
  "use strict";
  const source = document.getElementById("survey-charts");
  if (!source || typeof Chart === "undefined") return;
  JSON.parse(source.textContent).forEach(function (chart) {
    const canvas = document.getElementById(chart.id);
    if (!canvas) return;
    new Chart(canvas, {
      type: "bar",
      data: { labels: chart.labels, datasets: [{ label: chart.title, data: chart.values, backgroundColor: "#0d6efd" }] },
      options: {
        indexAxis: "y",
        plugins: { legend: { display: false }, title: { display: true, text: chart.title } },
        scales: { x: { beginAtZero: true, max: chart.percent ? 100 : undefined } },
      },
    });
  });
})();
