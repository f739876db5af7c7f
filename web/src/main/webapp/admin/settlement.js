// Live progress of settlement runs: once a second, polls the JSON of each running run (and of the period just
// started, data-watch), moves its progress bar, and reloads the page when a run's status changes (so that
// status and totals are the server's). Stops after 30 minutes without a change.
(function () {
  var script = document.currentScript;
  var url = script.getAttribute('data-progress');
  var watch = script.getAttribute('data-watch');
  var polls = 0;
  function periods() {
    var out = [];
    document.querySelectorAll('#history tr[data-status="RUNNING"], #history tr[data-status="CLAIMED"]')
      .forEach(function (row) { out.push(row.getAttribute('data-period')); });
    if (watch && out.indexOf(watch) < 0) {
      var row = document.getElementById('run-' + watch);
      if (!row || row.getAttribute('data-status') === 'RUNNING' || row.getAttribute('data-status') === 'CLAIMED') {
        out.push(watch);
      }
    }
    return out;
  }
  function poll() {
    var list = periods();
    if (list.length === 0 || ++polls > 1800) { return; }
    var pending = list.length;
    var changed = false;
    list.forEach(function (period) {
      fetch(url + '?period=' + encodeURIComponent(period), {credentials: 'same-origin'})
        .then(function (r) { return r.ok ? r.json() : null; })
        .then(function (run) {
          if (!run) { return; }
          var row = document.getElementById('run-' + period);
          if (!row) { changed = run.status !== 'NONE'; return; }
          if (run.status === 'RUNNING') {
            var bar = row.querySelector('progress');
            bar.max = Math.max(run.totalBills, 1);
            bar.value = run.doneBills;
            row.querySelector('.done').textContent = run.doneBills;
            row.querySelector('.total').textContent = run.totalBills;
          }
          if (run.status !== row.getAttribute('data-status')) { changed = true; }
        })
        .catch(function () { /* try again at the next poll */ })
        .finally(function () {
          if (--pending === 0) {
            if (changed) { window.location.reload(); } else { window.setTimeout(poll, 1000); }
          }
        });
    });
  }
  window.setTimeout(poll, 1000);
})();
