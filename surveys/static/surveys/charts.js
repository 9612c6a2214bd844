// Draws the analysis charts from the data the page embeds with json_script (no inline script).
// Each bar's tooltip gives its 95% interval and its base n; a cell hidden from partners has no bar
// and "<5" in its label.
(function () {
  "use strict";
  const source = document.getElementById("survey-charts");
  if (!source || typeof Chart === "undefined") return;
  JSON.parse(source.textContent).forEach(function (chart) {
    const canvas = document.getElementById(chart.id);
    if (!canvas) return;
    const unit = chart.percent ? "%" : "";
    new Chart(canvas, {
      type: "bar",
      data: { labels: chart.labels, datasets: [{ label: chart.title, data: chart.values, backgroundColor: "#0d6efd" }] },
      options: {
        indexAxis: "y",
        plugins: {
          legend: { display: false },
          title: { display: true, text: chart.title },
          tooltip: {
            callbacks: {
              afterLabel: function (context) {
                const i = context.dataIndex;
                const lines = [];
                if (chart.lows[i] !== null && chart.highs[i] !== null) {
                  lines.push("95%: " + window.chartNumber(chart.lows[i]) + unit + " – " + window.chartNumber(chart.highs[i]) + unit);
                }
                lines.push("n = " + chart.ns[i]);
                return lines;
              },
            },
          },
        },
        scales: { x: { beginAtZero: true, max: chart.percent ? 100 : undefined } },
      },
    });
  });
})();
