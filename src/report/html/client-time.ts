// First half of the page's inline script (plain browser JS, kept as a string): helpers
// and the three time charts. Every text from the data reaches the DOM via textContent
// (tooltips are elements built here) or the canvas (axis and legend labels), never as
// markup. ECharts is the global the inlined dist/echarts.min.js defines.
export const CLIENT_TIME = String.raw`
var RL = (function () {
  'use strict';
  var PALETTE = ['#2f855a', '#3182ce', '#805ad5', '#dd6b20', '#319795', '#b83280'];
  var OUTCOME_COLORS = { 'served local': '#2f855a', 'served remote': '#63b3ed', fallback: '#d69e2e', '429': '#dd6b20', '5xx': '#c53030', timeout: '#553c9a', 'other error': '#718096' };
  var FAULT_RED = '#b3261e';

  function el(tag, text, cls) {
    var e = document.createElement(tag);
    if (text !== undefined) e.textContent = text;
    if (cls) e.className = cls;
    return e;
  }
  /** A tooltip as DOM: a bold title and one line per entry, all plain text. */
  function tip(title, lines) {
    var box = el('div', undefined, 'rl-tip');
    box.appendChild(el('strong', title));
    lines.forEach(function (l) {
      var row = el('div');
      if (l.color) {
        var dot = el('span', undefined, 'rl-dot');
        dot.style.background = l.color;
        row.appendChild(dot);
      }
      row.appendChild(document.createTextNode(l.text));
      box.appendChild(row);
    });
    return box;
  }
  function ms(v) {
    if (v === null || v === undefined || v === '-') return '—';
    return v >= 1000 ? (v / 1000).toFixed(2) + ' s' : v.toFixed(1) + ' ms';
  }
  function axisTip(unit) {
    return function (params) {
      if (!params.length) return '';
      var s = params[0].value[0];
      return tip('t = ' + Math.floor(s) + '–' + (Math.floor(s) + 1) + ' s', params.filter(function (p) { return p.value[1] !== '-'; }).map(function (p) {
        return { color: p.color, text: p.seriesName + ': ' + unit(p.value[1]) };
      }));
    };
  }
  function timeAxis(d, gridIndex) {
    // a lead-in like -2 s would print "-2" on top of "0": show the ticks from 0 only
    return { type: 'value', gridIndex: gridIndex || 0, min: d.axis.fromS, max: d.axis.toS, name: 'seconds since the first request', nameLocation: 'middle', nameGap: 26,
      splitLine: { show: false }, axisLabel: { showMinLabel: d.axis.fromS === 0 } };
  }
  /** Every fault window shaded and labelled with its id, on the series it is attached to. */
  function faultAreas(d, label) {
    return {
      silent: true,
      itemStyle: { color: 'rgba(179,38,30,0.10)', borderColor: 'rgba(179,38,30,0.45)', borderWidth: 1, borderType: 'dashed' },
      label: { show: label !== false, color: FAULT_RED, fontWeight: 'bold', position: 'top', distance: 3 },
      data: d.faults.map(function (f) { return [{ name: f.healed ? f.id : f.id + ' (never healed)', xAxis: f.fromS }, { xAxis: f.toS }]; }),
    };
  }
  function base(d, extra) {
    var o = {
      animation: false,
      grid: { left: 70, right: 28, top: 58, bottom: 52 },
      legend: { top: 6, type: 'scroll' },
      xAxis: timeAxis(d),
      dataZoom: [{ type: 'inside', filterMode: 'none', zoomOnMouseWheel: 'ctrl', moveOnMouseWheel: false, moveOnMouseMove: true }],
    };
    for (var k in extra) o[k] = extra[k];
    return o;
  }
  /** [second centre, value] pairs; '-' leaves a gap where a second had no request. */
  function perSecond(d, values) {
    var from = d.series.fromS;
    return values.map(function (v, i) { return [from + i + 0.5, v === null ? '-' : v]; });
  }

  function latencyOption(d) {
    var colors = { p50: '#2b6cb0', p95: '#d69e2e', p99: '#b3261e' };
    var series = [];
    d.series.latency.forEach(function (l, i) {
      ['p50', 'p95', 'p99'].forEach(function (q) {
        series.push({
          name: l.entry + ' ' + q, type: 'line', showSymbol: false, connectNulls: false, color: colors[q],
          lineStyle: { width: q === 'p50' ? 2 : 1.5, type: i === 0 ? 'solid' : 'dashed' },
          data: perSecond(d, l[q].map(function (v) { return v === null ? null : Math.max(v, 0.1); })),
        });
      });
    });
    if (series.length) series[0].markArea = faultAreas(d);
    return base(d, {
      tooltip: { trigger: 'axis', formatter: axisTip(ms) },
      yAxis: { type: 'log', name: 'latency (log scale)', nameLocation: 'middle', nameGap: 52, axisLabel: { formatter: ms } },
      series: series,
    });
  }

  /** Stacked bars per second: counts, or each key's share of the second's requests. */
  function stackOption(d, keys, colorOf, share) {
    var totals = d.series.outcomes[0].counts.map(function (_, i) {
      return d.series.outcomes.reduce(function (a, o) { return a + o.counts[i]; }, 0);
    });
    var series = keys.map(function (k, i) {
      var values = k.counts.map(function (c, j) { return share ? (totals[j] ? Math.round((c / totals[j]) * 1000) / 10 : null) : c; });
      return {
        name: k.key, type: 'bar', stack: 'all', color: colorOf(k.key, i), barCategoryGap: '6%', data: perSecond(d, values),
      };
    });
    // on the top series, so the shading tints the bars instead of hiding behind them
    if (series.length) series[series.length - 1].markArea = faultAreas(d);
    var unit = share ? function (v) { return v + '%'; } : function (v) { return v + ' requests'; };
    return base(d, {
      tooltip: { trigger: 'axis', formatter: axisTip(unit) },
      yAxis: share ? { type: 'value', max: 100, name: 'share of requests', nameLocation: 'middle', nameGap: 48, axisLabel: { formatter: '{value}%' } }
                   : { type: 'value', name: 'requests started per second', nameLocation: 'middle', nameGap: 48 },
      series: series,
    });
  }
  function servedOption(d) {
    // one entry: its region in the served-local green, other regions in blues, as in the
    // outcome chart. Several entries: "local" differs per entry, so each region its own colour.
    var entries = d.series.latency.map(function (l) { return l.entry; });
    var REMOTE = ['#63b3ed', '#3182ce', '#2c5282', '#90cdf4'];
    var REGIONS = ['#2f855a', '#3182ce', '#805ad5', '#b7791f', '#2c7a7b', '#97266d'];
    var remote = 0;
    var region = 0;
    var keys = d.series.served.slice().sort(function (a, b) { return (entries.indexOf(b.key) >= 0) - (entries.indexOf(a.key) >= 0); });
    return stackOption(d, keys, function (key) {
      if (key === 'fallback') return OUTCOME_COLORS.fallback;
      if (key === 'not served') return OUTCOME_COLORS['5xx'];
      if (entries.length > 1) return REGIONS[region++ % REGIONS.length];
      if (entries.indexOf(key) >= 0) return OUTCOME_COLORS['served local'];
      return REMOTE[remote++ % REMOTE.length];
    }, true);
  }
  function outcomeOption(d) {
    return stackOption(d, d.series.outcomes, function (key) { return OUTCOME_COLORS[key] || '#718096'; }, false);
  }

  return { el: el, tip: tip, ms: ms, base: base, timeAxis: timeAxis, faultAreas: faultAreas, PALETTE: PALETTE, FAULT_RED: FAULT_RED,
    latencyOption: latencyOption, servedOption: servedOption, outcomeOption: outcomeOption };
})();
`;
