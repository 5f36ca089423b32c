// Dark / light theme: one click, saved in localStorage, 350 ms transitions (see style.css).
import { get, subscribe, writer } from '../state/appState.js';

const write = writer('ui/theme.js', 'theme');

const THEME_KEY = 'neuralscribe.theme';
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

/** The [r, g, b] of a CSS colour written #rgb, #rrggbb or rgb()/rgba(), else null. */
export function rgbOf(value) {
  const v = (value || '').trim();
  let m = /^#([0-9a-f]{6})$/i.exec(v);
  if (m) {
    const n = parseInt(m[1], 16);
    return [(n >> 16) & 255, (n >> 8) & 255, n & 255];
  }
  m = /^#([0-9a-f]{3})$/i.exec(v);
  if (m) return m[1].split('').map((c) => parseInt(c + c, 16));
  m = /^rgba?\(([^)]+)\)/i.exec(v);
  if (m) return m[1].split(',').slice(0, 3).map((x) => parseFloat(x));
  return null;
}

/** A CSS colour with a new alpha (the colour as it is when it cannot be read). */
export function withAlpha(color, alpha) {
  const rgb = rgbOf(color);
  return rgb ? `rgba(${rgb.join(', ')}, ${alpha})` : (color || '').trim();
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
