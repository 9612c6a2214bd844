// Draws the case's sustainability charts from the data the page embeds with json_script (no inline script).
(function () {
  "use strict";
  function draw() {
    const source = document.getElementById("rss-chart-data");
    if (!source || typeof Chart === "undefined") return;
    const data = JSON.parse(source.textContent);
    const colours = ["#0d6efd", "#198754", "#6f42c1", "#212529"];
    const radar = document.getElementById("rss-radar");
    if (radar) {
      new Chart(radar, {
        type: "radar",
        data: {
          labels: data.radar.axes,
          datasets: data.radar.rounds.map(function (round, n) {
            return { label: round.label, data: round.values, borderColor: colours[n === 0 ? 0 : 3], fill: false };
          }),
        },
        options: { scales: { r: { min: 0, max: 1, ticks: { stepSize: 0.25 } } } },
      });
    }
    const trend = document.getElementById("rss-trend");
    if (trend) {
      new Chart(trend, {
        type: "line",
        data: {
          labels: data.labels,
          datasets: data.series.map(function (series, n) {
            return { label: series.label, data: series.values, borderColor: colours[n], borderWidth: series.key === "composite" ? 3 : 1.5, spanGaps: true };
          }),
        },
        options: { scales: { y: { min: 0, max: 1 } } },
      });
      trend.dataset.drawn = "true";
    }
  }
  if (document.readyState === "loading") document.addEventListener("DOMContentLoaded", draw);
  else draw();
})();
