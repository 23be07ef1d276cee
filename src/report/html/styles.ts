// The report page's inline CSS: readable on screen and in a post-mortem slide, and
// printable. Outcome colours match the charts' (client-time.ts OUTCOME_COLORS).
export const CSS = `
*{box-sizing:border-box}
body{font:14px/1.45 system-ui,-apple-system,"Segoe UI",sans-serif;margin:0;color:#1d2430;background:#f4f6f9}
main{max-width:1180px;margin:0 auto;padding:0 20px 48px}
header.verdict{padding:20px 20px 16px;margin:0 -20px 4px;color:#fff}
header.pass{background:#1f7a3a}header.fail{background:#b3261e}
header h1{margin:0 0 4px;font-size:28px;letter-spacing:.2px}.sub{margin:2px 0;opacity:.94}
section{background:#fff;border:1px solid #dde2e9;border-radius:8px;padding:4px 16px 14px;margin:14px 0}
h2{font-size:18px;margin:12px 0 8px}h3{font-size:15px;margin:14px 0 4px;color:#2d3748}
table{border-collapse:collapse;width:100%;background:#fff}table.narrow{width:auto;min-width:420px}
th,td{border:1px solid #dde2e9;padding:5px 8px;text-align:left;vertical-align:top}th{background:#eef1f5}table.narrow th{white-space:nowrap}
td.num{text-align:right;font-variant-numeric:tabular-nums;white-space:nowrap}tr.total td{font-weight:600}
tr.bad td.mark{color:#b3261e;font-weight:700}tr.ok td.mark{color:#1f7a3a;font-weight:700}tr.bad{background:#fff5f4}
td.mark{font-size:15px;white-space:nowrap}td.measured{font-weight:600;white-space:nowrap}
.muted{color:#5b6573;font-size:12px}.warn{color:#8a5300}.error{color:#b3261e;font-weight:600}
pre{background:#f3f5f8;border:1px solid #dde2e9;padding:8px;overflow:auto;font-size:12px;max-height:480px}
details>summary{cursor:pointer;margin:6px 0}
.chart{width:100%;height:300px}.chart.short{height:250px}
.hists{display:grid;grid-template-columns:repeat(auto-fit,minmax(520px,1fr));gap:8px}.chart.hist{height:270px}
.swatch{display:inline-block;width:10px;height:10px;margin-right:6px;border-radius:2px}
.o-served-local{background:#2f855a}.o-served-remote{background:#63b3ed}.o-fallback{background:#d69e2e}
.o-error{background:#c53030}.o-timeout{background:#553c9a}
.rl-tip{font-size:12px;line-height:1.5;max-width:520px;white-space:normal;word-break:break-word}
.rl-dot{display:inline-block;width:8px;height:8px;border-radius:50%;margin-right:6px}
svg.topology{width:100%;height:auto;display:block}
svg.topology text{font:12px system-ui,sans-serif;fill:#2d3748}svg.topology .t{font-weight:700;font-size:13px}
svg.topology .cluster rect{fill:#f7fafc;stroke:#a0aec0;stroke-width:1.2}
svg.topology .cluster.down rect{fill:#fff5f5;stroke:#b3261e;stroke-width:2.4;stroke-dasharray:6 4}
svg.topology .chip rect{fill:#ebf4ff;stroke:#90cdf4}svg.topology .chip.nacos rect{fill:#faf5ff;stroke:#b794f4}
svg.topology .chip.client rect{fill:#edf2f7;stroke:#718096}svg.topology .chip.down rect{fill:#fff5f5;stroke:#b3261e;stroke-width:2}
svg.topology .link line{stroke:#4a5568;stroke-width:1.4}svg.topology .link text{font-size:11px;fill:#4a5568;paint-order:stroke;stroke:#fff;stroke-width:4px;stroke-linejoin:round}
svg.topology .link.hit line{stroke:#b3261e;stroke-width:2;stroke-dasharray:5 4}svg.topology .link.hit text{fill:#b3261e;font-weight:600}
svg.topology .arrow{fill:#4a5568}svg.topology .arrow-hit{fill:#b3261e}svg.topology .down-label{fill:#b3261e;font-weight:700}
@media print{body{background:#fff}section{break-inside:avoid;border:none}}
`;
