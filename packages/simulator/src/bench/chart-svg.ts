import { type BenchSystem, benchSystems, type CellResult, systemLabels } from "./bench-result.js";

const colours: Readonly<Record<BenchSystem, string>> = {
  baseline: "#c0392b",
  "connect-api": "#2980b9",
  "event-stream": "#27ae60",
};

/**
 * A grouped bar chart of Connect API calls per contact at `agents` agents: one group per
 * arrival rate, one bar per system, on a log scale (the baseline's figures are orders of
 * magnitude above the event stream's). Plain SVG, no library.
 */
export function connectApiChart(results: readonly CellResult[], agents: number): string {
  const rows = results.filter((result) => result.agents === agents);
  const rates = [...new Set(rows.map((row) => row.ratePerSecond))].sort((a, b) => a - b);
  const width = 800;
  const height = 360;
  const margin = { top: 50, right: 20, bottom: 70, left: 70 };
  const plotWidth = width - margin.left - margin.right;
  const plotHeight = height - margin.top - margin.bottom;
  const floor = 0.001;
  const values = rows.map((row) => Math.max(floor, row.connectApiCallsPerContact ?? floor));
  const top = 10 ** Math.ceil(Math.log10(Math.max(1, ...values)));
  const y = (value: number): number => {
    const clamped = Math.max(floor, value);
    const share = (Math.log10(clamped) - Math.log10(floor)) / (Math.log10(top) - Math.log10(floor));
    return margin.top + plotHeight * (1 - share);
  };
  const groupWidth = plotWidth / Math.max(1, rates.length);
  const barWidth = (groupWidth * 0.7) / benchSystems.length;
  const parts: string[] = [
    `<svg xmlns="http://www.w3.org/2000/svg" width="${width}" height="${height}" viewBox="0 0 ${width} ${height}" font-family="sans-serif" font-size="12">`,
    `<rect width="${width}" height="${height}" fill="#ffffff"/>`,
    `<text x="${width / 2}" y="22" text-anchor="middle" font-size="15">Connect API calls per contact, ${agents.toLocaleString("en-US")} agents (log scale)</text>`,
  ];
  for (let tick = floor; tick <= top; tick *= 10) {
    const ty = y(tick);
    parts.push(
      `<line x1="${margin.left}" x2="${width - margin.right}" y1="${ty.toFixed(1)}" y2="${ty.toFixed(1)}" stroke="#dddddd"/>`,
      `<text x="${margin.left - 6}" y="${(ty + 4).toFixed(1)}" text-anchor="end">${tick >= 1 ? tick.toFixed(0) : tick.toString()}</text>`,
    );
  }
  rates.forEach((rate, group) => {
    const groupX = margin.left + group * groupWidth + groupWidth * 0.15;
    benchSystems.forEach((system, index) => {
      const row = rows.find(
        (candidate) => candidate.ratePerSecond === rate && candidate.system === system,
      );
      if (row === undefined) return;
      const value = row.connectApiCallsPerContact ?? 0;
      const barTop = y(value);
      const x = groupX + index * barWidth;
      parts.push(
        `<rect x="${x.toFixed(1)}" y="${barTop.toFixed(1)}" width="${(barWidth - 2).toFixed(1)}" height="${(margin.top + plotHeight - barTop).toFixed(1)}" fill="${colours[system]}"><title>${systemLabels[system]}: ${value}</title></rect>`,
        `<text x="${(x + barWidth / 2).toFixed(1)}" y="${(barTop - 4).toFixed(1)}" text-anchor="middle" font-size="10">${value}</text>`,
      );
    });
    parts.push(
      `<text x="${(margin.left + group * groupWidth + groupWidth / 2).toFixed(1)}" y="${margin.top + plotHeight + 18}" text-anchor="middle">${rate} contacts/s</text>`,
    );
  });
  benchSystems.forEach((system, index) => {
    const x = margin.left + index * 230;
    const ly = height - 22;
    parts.push(
      `<rect x="${x}" y="${ly - 10}" width="12" height="12" fill="${colours[system]}"/>`,
      `<text x="${x + 18}" y="${ly}">${systemLabels[system]}</text>`,
    );
  });
  parts.push("</svg>", "");
  return parts.join("\n");
}
