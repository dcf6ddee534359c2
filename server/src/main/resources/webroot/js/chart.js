// A horizontal stacked bar chart of answered and missed calls per row, as inline SVG.
const NS = 'http://www.w3.org/2000/svg';

function svg(tag, attrs, text) {
  const el = document.createElementNS(NS, tag);
  for (const [k, v] of Object.entries(attrs)) el.setAttribute(k, String(v));
  if (text !== undefined) el.textContent = text;
  return el;
}

export function barChart(rows, labelOf, title) {
  const bar = 22;
  const gap = 10;
  const labelWidth = 180;
  const width = 640;
  const height = Math.max(1, rows.length) * (bar + gap) + 30;
  const max = Math.max(1, ...rows.map((r) => r.offered));
  const scale = (width - labelWidth - 60) / max;
  const root = svg('svg', { viewBox: `0 0 ${width} ${height}`, class: 'chart', role: 'img', 'aria-label': title });
  root.append(svg('title', {}, title));
  rows.forEach((r, i) => {
    const y = i * (bar + gap) + 4;
    const label = labelOf(r.key);
    root.append(svg('text', { x: labelWidth - 8, y: y + bar * 0.7, 'text-anchor': 'end', class: 'label' },
      label.length > 22 ? `${label.slice(0, 21)}…` : label));
    root.append(svg('rect', { x: labelWidth, y, width: r.answered * scale, height: bar, class: 'answered' }));
    root.append(svg('rect', { x: labelWidth + r.answered * scale, y, width: r.missed * scale, height: bar, class: 'missed' }));
    root.append(svg('text', { x: labelWidth + r.offered * scale + 6, y: y + bar * 0.7, class: 'value' }, `${r.answered}/${r.offered}`));
  });
  const ly = height - 14;
  root.append(svg('rect', { x: labelWidth, y: ly - 10, width: 12, height: 12, class: 'answered' }));
  root.append(svg('text', { x: labelWidth + 16, y: ly, class: 'label legend-answered' }, ''));
  root.append(svg('rect', { x: labelWidth + 130, y: ly - 10, width: 12, height: 12, class: 'missed' }));
  root.append(svg('text', { x: labelWidth + 146, y: ly, class: 'label legend-missed' }, ''));
  return root;
}
