// A little plain JavaScript: countdowns that tick, the charts, a campaign's progress bar. No build step.
(function () {
  'use strict';

  function remaining(el) {
    var at = el.getAttribute('data-expires-at');
    if (!at) { return null; }
    return Math.floor((Date.parse(at) - Date.now()) / 1000);
  }

  function format(seconds) {
    var h = Math.floor(seconds / 3600), m = Math.floor((seconds % 3600) / 60), s = seconds % 60;
    return (h > 0 ? h + 'h ' : '') + (h > 0 || m > 0 ? m + 'm ' : '') + (s < 10 && (h > 0 || m > 0) ? '0' : '') + s + 's left';
  }

  // Every [data-expires-at]: a countdown shows the time left, a dot turns "expiring soon", then "closed".
  function tick() {
    document.querySelectorAll('.countdown[data-expires-at]').forEach(function (el) {
      var left = remaining(el);
      if (left === null) { return; }
      el.setAttribute('data-remaining-seconds', String(Math.max(0, left)));
      el.textContent = left > 0 ? format(left) : 'closed';
    });
    document.querySelectorAll('.dot[data-expires-at]').forEach(function (el) {
      var left = remaining(el);
      if (left === null || el.classList.contains('closed')) { return; }
      var lead = parseInt(el.getAttribute('data-lead-seconds') || '0', 10);
      var state = left <= 0 ? 'closed' : (left <= lead ? 'expiring-soon' : 'open');
      if (!el.classList.contains(state)) {
        el.classList.remove('open', 'expiring-soon', 'closed');
        el.classList.add(state);
        el.textContent = state === 'expiring-soon' ? 'expiring soon' : state;
      }
    });
  }
  tick();
  setInterval(tick, 1000);

  function numbers(el, name) {
    var v = el.getAttribute('data-' + name);
    return v ? v.split(',').map(Number) : [];
  }

  window.ConsoleCharts = {
    perDay: function (id) {
      var el = document.getElementById(id);
      if (!el || !window.uPlot) { return; }
      var days = (el.getAttribute('data-days') || '').split(',').filter(Boolean);
      if (days.length === 0) { return; }
      var xs = days.map(function (d) { return Date.parse(d + 'T00:00:00Z') / 1000; });
      var series = [{}];
      var data = [xs];
      [['sent', '#12343b'], ['delivered', '#1a9e4a'], ['read', '#3a7bd5'], ['failed', '#b3261e'], ['replied', '#e09100']]
        .forEach(function (s) {
          series.push({ label: s[0], stroke: s[1], width: 2, points: { show: true } });
          data.push(numbers(el, s[0]));
        });
      new uPlot({ width: Math.min(el.clientWidth || 900, 1100), height: 240, series: series,
        axes: [{}, { label: 'follow-ups' }], scales: { x: { time: true } } }, data, el);
    },
    funnels: function () {
      if (!window.uPlot) { return; }
      document.querySelectorAll('[data-funnel]').forEach(function (el) {
        var ys = numbers(el, 'funnel');
        var names = ['sent', 'delivered', 'read', 'replied'];
        new uPlot({ width: 340, height: 180,
          series: [{}, { label: 'messages', fill: '#1a9e4a88', stroke: '#1a9e4a', paths: uPlot.paths.bars({ size: [0.6] }),
            points: { show: false } }],
          scales: { x: { time: false, range: [-0.5, 3.5] } },
          axes: [{ values: function (u, splits) { return splits.map(function (v) { return names[v] || ''; }); },
            splits: function () { return [0, 1, 2, 3]; } }, {}] },
          [[0, 1, 2, 3], ys], el);
      });
    }
  };

  window.ConsoleCampaign = {
    poll: function (id) {
      var el = document.getElementById(id);
      if (!el) { return; }
      var url = el.getAttribute('data-progress-url');
      var timer = setInterval(function () {
        fetch(url, { headers: { Accept: 'application/json' }, credentials: 'same-origin' })
          .then(function (r) { return r.ok ? r.json() : null; })
          .then(function (c) {
            if (!c) { return; }
            document.getElementById('progress-bar').value = Math.round((c.progress || 0) * 100);
            document.getElementById('progress-text').textContent = c.state + ': ' + c.sent + ' sent, ' + c.skipped
              + ' skipped, ' + c.failed + ' failed of ' + c.total;
            if (c.state === 'COMPLETED') { clearInterval(timer); }
          });
      }, 2000);
    }
  };
})();
