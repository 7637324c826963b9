// Papers per year as bars (the API fills the years without papers with zeros).
import { BarController, BarElement, CategoryScale, Chart, LinearScale, Tooltip } from "chart.js";
import { useEffect, useRef } from "preact/hooks";
import { describeYears, type YearCount } from "../chartData";

Chart.register(BarController, BarElement, CategoryScale, LinearScale, Tooltip);

export function YearChart(props: { series: YearCount[]; what: string }) {
  const canvas = useRef<HTMLCanvasElement>(null);
  const key = JSON.stringify(props.series);

  useEffect(() => {
    if (!canvas.current || !props.series.length) return;
    const chart = new Chart(canvas.current, {
      type: "bar",
      data: {
        labels: props.series.map((y) => String(y.year)),
        datasets: [{ label: props.what, data: props.series.map((y) => y.count), backgroundColor: "#1f5fbf", maxBarThickness: 48 }],
      },
      options: {
        responsive: true,
        maintainAspectRatio: false,
        animation: false,
        scales: { y: { beginAtZero: true, ticks: { precision: 0 } } },
      },
    });
    return () => chart.destroy();
  }, [key, props.what]);

  const summary = describeYears(props.series, props.what);
  if (!props.series.length) return <p class="muted">{summary}</p>;
  return (
    <div class="chart-box year-chart">
      <canvas ref={canvas} role="img" aria-label={`${props.what} per year: ${summary}`} />
    </div>
  );
}
