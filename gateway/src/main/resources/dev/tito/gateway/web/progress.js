// The start-on-demand page: asks for the start once, then shows each step until the server is ready or failed.
(function () {
  const page = document.getElementById('progress');
  const steps = ['REQUESTED', 'SCHEDULED', 'PULLING', 'STARTING', 'READY'];
  function show(progress) {
    document.getElementById('message').textContent = progress.message;
    const at = steps.indexOf(progress.step);
    document.querySelectorAll('#steps li').forEach(function (li, i) {
      li.className = progress.step === 'FAILED' ? '' : i < at ? 'done' : i === at ? 'now' : '';
    });
    page.className = progress.step === 'FAILED' ? 'failed' : '';
  }
  function poll() {
    fetch(page.dataset.progress, { credentials: 'same-origin', headers: { 'Accept': 'application/json' } })
      .then(function (r) { return r.json(); })
      .then(function (progress) {
        show(progress);
        if (progress.step === 'READY') {
          window.location.replace(page.dataset.next);
        } else if (progress.step !== 'FAILED') {
          setTimeout(poll, 1000);
        }
      })
      .catch(function () { setTimeout(poll, 3000); });
  }
  fetch(page.dataset.start, { method: 'POST', credentials: 'same-origin', headers: { 'X-Tito-Csrf': page.dataset.csrf } })
    .then(function (r) { return r.json(); })
    .then(function (progress) { show(progress); if (progress.step !== 'FAILED') { poll(); } })
    .catch(function () { setTimeout(poll, 3000); });
})();
