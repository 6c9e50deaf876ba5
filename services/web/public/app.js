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

// Fields with a length limit: count what is typed, so reaching the limit is never silent.
;(() => {
  for (const hint of document.querySelectorAll('[data-limit-for]')) {
    const field = document.getElementById(hint.getAttribute('data-limit-for'))
    const template = hint.getAttribute('data-count-text')
    if (!field || !template) continue
    const max = Number(field.getAttribute('data-limit'))
    const show = () => {
      const n = field.value.length
      const count = template.replace('{n}', n.toLocaleString(document.documentElement.lang))
      hint.textContent = n >= max ? `${count} ${hint.getAttribute('data-full-text') || ''}` : count
      hint.classList.toggle('error', n >= max)
    }
    field.addEventListener('input', show)
    show()
  }
})()

// On a phone the header folds its menu behind one button, so the page starts near the top.
;(() => {
  const toggle = document.querySelector('.menu-toggle')
  const parts = document.querySelectorAll('[data-menu]')
  if (!toggle || parts.length === 0 || !window.matchMedia) return
  const small = window.matchMedia('(max-width: 40rem)')
  const set = (open) => {
    toggle.setAttribute('aria-expanded', String(open))
    for (const part of parts) {
      if (open) part.removeAttribute('data-collapsed')
      else part.setAttribute('data-collapsed', '')
    }
  }
  const apply = () => {
    toggle.hidden = !small.matches
    set(!small.matches)
  }
  toggle.addEventListener('click', () => set(toggle.getAttribute('aria-expanded') !== 'true'))
  if (small.addEventListener) small.addEventListener('change', apply)
  apply()
})()
