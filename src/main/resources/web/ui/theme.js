// Dark / light theme: one click, saved in localStorage, 350 ms transitions (see style.css).
import { get, subscribe, writer } from '../state/appState.js';

const write = writer('ui/theme.js', 'theme');

export const THEME_KEY = 'neuralscribe.theme';
const TRANSITION_MS = 350;

function saved() {
  try {
    const t = localStorage.getItem(THEME_KEY);
    return t === 'light' || t === 'dark' ? t : null;
  } catch { return null; }
}

/** Reads a CSS custom property of the current theme (e.g. cssVar('--green')). */
export function cssVar(name) {
  return getComputedStyle(document.documentElement).getPropertyValue(name).trim();
}

export function initTheme(toggle) {
  const root = document.documentElement;
  const initial = saved() || root.getAttribute('data-theme') ||
    (matchMedia('(prefers-color-scheme: light)').matches ? 'light' : 'dark');
  let transitionTimer = 0;
  root.setAttribute('data-theme', initial);
  write({ theme: initial });

  subscribe('theme', (theme) => {
    // Enable colour transitions only while switching, not on first paint or resize.
    root.classList.add('theme-transition');
    clearTimeout(transitionTimer);
    transitionTimer = setTimeout(() => root.classList.remove('theme-transition'), TRANSITION_MS + 50);
    root.setAttribute('data-theme', theme);
    try { localStorage.setItem(THEME_KEY, theme); } catch { /* storage blocked */ }
    render(theme);
  });

  function render(theme) {
    if (!toggle) return;
    const next = theme === 'dark' ? 'light' : 'dark';
    toggle.setAttribute('aria-label', `Switch to ${next} theme`);
    toggle.setAttribute('title', `Switch to ${next} theme`);
    toggle.dataset.theme = theme;
  }

  render(initial);
  toggle?.addEventListener('click', () => write({ theme: get('theme') === 'dark' ? 'light' : 'dark' }));
}
