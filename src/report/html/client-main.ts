// Second half of the page's inline script (plain browser JS, kept as a string): the
// events chart, the histograms per path with the runbook's band, and the start-up that
// reads the JSON block and draws every chart. Needs RL from client-time.ts.
export const CLIENT_MAIN = String.raw`
(function () {
  'use strict';
  var KIND_COLORS = {
    'fault-applied': '#b3261e', 'fault-healed': '#2f855a', 'endpoint-removed': '#dd6b20', 'endpoint-added': '#319795',
    'endpoints-stale': '#975a16', 'host-ejected': '#805ad5', 'sync-deregistered': '#b83280', 'sync-registered': '#3182ce',
    'instance-deregistered': '#b83280', 'cluster-added': '#a0aec0', ready: '#a0aec0', retry: '#e53e3e',
  };
  function kindColor(kind, i) { return KIND_COLORS[kind] || RL.PALETTE[i % RL.PALETTE.length]; }

  function eventsOption(d) {
    var ev = d.events;
    var lanes = ev.lanes;
    var kinds = [];
    ev.points.forEach(function (p) { if (kinds.indexOf(p.kind) < 0) kinds.push(p.kind); });
    var series = kinds.map(function (kind, i) {
      return {
        name: kind, type: 'scatter', xAxisIndex: 1, yAxisIndex: 1, symbolSize: 11, color: kindColor(kind, i),
        symbol: kind.indexOf('fault') === 0 ? 'diamond' : 'circle',
        data: ev.points.filter(function (p) { return p.kind === kind; }).map(function (p) { return [p.s, p.lane, p.text]; }),
      };
    });
    ev.rates.forEach(function (r, i) {
      series.push({
        name: lanes[r.lane] + ' ' + r.kind + ' per s', type: 'bar', stack: 'rates', xAxisIndex: 0, yAxisIndex: 0, barCategoryGap: '10%',
        color: i % 2 ? '#fc8181' : '#e53e3e', data: r.perSecond.map(function (x) { return [x[0] + 0.5, x[1]]; }),
      });
    });
    // the fault shading goes on a series of each grid; an empty helper series carries it if needed
    series.push({ name: 'fault windows', type: 'line', xAxisIndex: 0, yAxisIndex: 0, data: [], markArea: RL.faultAreas(d) });
    series.push({ name: 'fault windows', type: 'line', xAxisIndex: 1, yAxisIndex: 1, data: [], markArea: RL.faultAreas(d, false) });
    var laneTop = 172;
    return {
      animation: false,
      legend: { top: 4, data: series.filter(function (s) { return s.name !== 'fault windows'; }).map(function (s) { return s.name; }) },
      grid: [{ left: 120, right: 28, top: 76, height: 70 }, { left: 120, right: 28, top: laneTop, height: 30 * Math.max(1, lanes.length) }],
      // the upper grid shares the lower one's time axis: no second set of tick labels
      xAxis: [Object.assign(RL.timeAxis(d, 0), { name: '', axisLabel: { show: false } }), RL.timeAxis(d, 1)],
      yAxis: [
        { type: 'value', gridIndex: 0, name: 'events / s', nameLocation: 'middle', nameGap: 40, minInterval: 1, splitNumber: 2 },
        { type: 'category', gridIndex: 1, data: lanes, inverse: true, axisLabel: { width: 110, overflow: 'truncate' } },
      ],
      dataZoom: [{ type: 'inside', xAxisIndex: [0, 1], filterMode: 'none', zoomOnMouseWheel: 'ctrl', moveOnMouseWheel: false }],
      tooltip: {
        trigger: 'item',
        formatter: function (p) {
          if (p.seriesType === 'bar') return RL.tip(p.seriesName, [{ color: p.color, text: p.value[1] + ' in ' + Math.floor(p.value[0]) + '–' + (Math.floor(p.value[0]) + 1) + ' s' }]);
          return RL.tip(p.seriesName + ' at ' + p.value[0].toFixed(2) + ' s', [{ color: p.color, text: lanes[p.value[1]] }, { text: p.value[2] }]);
        },
      },
      series: series,
    };
  }

  function histogramOption(h) {
    var data = h.counts.map(function (c, i) { return [h.fromMs + (i + 0.5) * h.binMs, c]; });
    var marks = [['p50', h.p50, '#2b6cb0'], ['p95', h.p95, '#d69e2e'], ['p99', h.p99, '#b3261e']].filter(function (m) {
      return m[1] <= h.fromMs + h.counts.length * h.binMs;
    });
    var series = {
      name: h.path, type: 'bar', barWidth: '92%', color: h.kind === 'cross-region' ? '#3182ce' : h.kind === 'fallback' ? '#d69e2e' : '#2f855a', data: data,
      markLine: { silent: true, symbol: 'none', label: { formatter: '{b}', position: 'end' }, data: marks.map(function (m) { return { name: m[0], xAxis: m[1], lineStyle: { color: m[2], type: 'dashed' } }; }) },
    };
    if (h.band) {
      series.markArea = {
        silent: true, itemStyle: { color: 'rgba(49,130,206,0.12)', borderColor: 'rgba(49,130,206,0.6)', borderWidth: 1 },
        label: { color: '#2c5282', position: 'insideTop', fontWeight: 'bold' },
        data: [[{ name: 'runbook +' + h.band.minMs + '–' + h.band.maxMs + ' ms' + (h.overheadMs ? ' + testbed ' + RL.ms(h.overheadMs) : ''), xAxis: h.band.minMs + (h.overheadMs || 0) }, { xAxis: h.band.maxMs + (h.overheadMs || 0) }]],
      };
    }
    var above = h.above ? ' · ' + h.above + ' slower, not drawn' : '';
    return {
      animation: false,
      title: { text: h.path, subtext: h.count + ' requests · p50 ' + RL.ms(h.p50) + ' · p95 ' + RL.ms(h.p95) + ' · p99 ' + RL.ms(h.p99) + above, left: 8, textStyle: { fontSize: 14 } },
      grid: { left: 56, right: 24, top: 72, bottom: 44 },
      tooltip: { trigger: 'axis', formatter: function (ps) {
        var p = ps[0];
        return RL.tip(RL.ms(p.value[0] - h.binMs / 2) + ' – ' + RL.ms(p.value[0] + h.binMs / 2), [{ color: p.color, text: p.value[1] + ' requests' }]);
      } },
      xAxis: { type: 'value', min: h.fromMs, max: h.fromMs + h.counts.length * h.binMs, name: 'latency (ms)', nameLocation: 'middle', nameGap: 26, axisLabel: { showMinLabel: false, showMaxLabel: false } },
      yAxis: { type: 'value', minInterval: 1 },
      series: [series],
    };
  }

  function draw(node, option, group) {
    var chart = echarts.init(node, null, { renderer: 'canvas' });
    chart.setOption(option);
    if (group) chart.group = group;
    return chart;
  }

  var status = document.getElementById('charts-status');
  function fail(message) {
    status.textContent = message;
    status.hidden = false;
    console.error(message);
  }
  if (typeof echarts === 'undefined') return fail('ECharts did not load, so the charts cannot be drawn; the tables below still hold the numbers.');
  var d;
  try {
    d = JSON.parse(document.getElementById('report-data').textContent);
  } catch (e) {
    return fail('The report data could not be read: ' + e);
  }
  if (!d) return;
  var charts = [];
  var byId = function (id) { return document.getElementById(id); };
  charts.push(draw(byId('chart-latency'), RL.latencyOption(d), 'time'));
  charts.push(draw(byId('chart-served'), RL.servedOption(d), 'time'));
  charts.push(draw(byId('chart-outcomes'), RL.outcomeOption(d), 'time'));
  var evNode = byId('chart-events');
  evNode.style.height = 172 + 30 * Math.max(1, d.events.lanes.length) + 56 + 'px';
  charts.push(draw(evNode, eventsOption(d), 'time'));
  var hist = byId('histograms');
  d.histograms.forEach(function (h) {
    var node = RL.el('div', undefined, 'chart hist');
    node.setAttribute('data-chart', 'histogram');
    hist.appendChild(node);
    charts.push(draw(node, histogramOption(h)));
  });
  echarts.connect('time');
  window.addEventListener('resize', function () { charts.forEach(function (c) { c.resize(); }); });
  document.body.setAttribute('data-charts-drawn', String(charts.length));
})();
`;
