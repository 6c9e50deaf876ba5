// Progressive enhancement only: every page works without this file.
;(() => {
  // Move focus to the error summary so screen readers read it and keyboard users start there.
  const summary = document.querySelector('.error-summary[tabindex]')
  if (summary) summary.focus()

  // Suggest the browser's own time zone where the field is still empty.
  const tz = document.querySelector('input[data-autotz]')
  if (tz && !tz.closest('.field-error')) {
    try {
      tz.value = Intl.DateTimeFormat().resolvedOptions().timeZone || ''
    } catch (_) {}
  }
})()

// Live progress of a matching round: poll the small JSON status, reload when it is finished.
;(() => {
  const box = document.querySelector('[data-poll]')
  if (!box || !window.fetch) return
  const bar = box.querySelector('progress')
  const text = box.querySelector('[data-progress-text]')
  const status = document.querySelector('[data-round-status]')
  const tick = () => {
    fetch(box.getAttribute('data-poll'), {
      headers: { accept: 'application/json' },
      credentials: 'same-origin',
    })
      .then((r) => (r.ok ? r.json() : Promise.reject(r.status)))
      .then((s) => {
        if (bar) bar.value = s.progress
        if (text && text.textContent !== s.progressText) text.textContent = s.progressText
        if (status) status.textContent = s.statusText
        if (s.status === 'done' || s.status === 'failed') window.location.reload()
        else setTimeout(tick, 1500)
      })
      .catch(() => setTimeout(tick, 5000))
  }
  setTimeout(tick, 1000)
})()
