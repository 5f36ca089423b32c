// Personal profiles: a picker (or none), correcting a wrong reading, and "teach me".
//
// - The picker lists the server's profiles; "new profile…" creates one. The choice is state
//   `profile` (predictions then carry it) and is remembered in this browser.
// - Correcting: with a profile picked and something drawn, click the right class's bar or type
//   the character; the drawing is stored in the profile with that label, and the reader uses it
//   from the next prediction on.
// - Teach me: type the characters to practise; the page asks for each a few times, and Save
//   stores each drawing with its character and clears the canvas for the next.
//
// A profile's key (returned when it is created) is kept in this browser and sent with writes: a
// server that listens beyond this machine asks for it.
import { dispatch, get, subscribe, writer } from '../state/appState.js';

const PICKED = 'neuralscribe.profile';
const KEYS = 'neuralscribe.profileKeys';
const NEW = '__new__';
/** How many samples of each character "teach me" asks for. */
export const TEACH_EACH = 3;

function storedKeys() {
  try { return JSON.parse(localStorage.getItem(KEYS) || '{}') || {}; } catch { return {}; }
}

const write = writer('ui/profiles.js', 'profile');

function notice(level, text) { dispatch('notify', { level, text }); }

function el(tag, props = {}, children = []) {
  const node = Object.assign(document.createElement(tag), props);
  node.append(...children);
  return node;
}

export function initProfiles({ container, bars, clearButton }) {
  const select = el('select', { id: 'profile-select', className: 'profile-select' });
  select.setAttribute('aria-label', 'Profile');
  select.dataset.testid = 'profile-select';
  const teachButton = el('button', { type: 'button', className: 'btn btn-small', textContent: 'Teach me' });
  teachButton.dataset.testid = 'teach-button';
  const hint = el('p', { className: 'profile-hint' });
  hint.dataset.testid = 'profile-hint';
  const chars = el('input', { type: 'text', className: 'teach-chars', placeholder: 'characters, e.g. 7 1 q', maxLength: 40 });
  chars.setAttribute('aria-label', 'Characters to teach');
  chars.dataset.testid = 'teach-chars';
  const start = el('button', { type: 'button', className: 'btn btn-small btn-primary', textContent: 'Start' });
  start.dataset.testid = 'teach-start';
  const prompt = el('span', { className: 'teach-prompt' });
  prompt.dataset.testid = 'teach-prompt';
  const save = el('button', { type: 'button', className: 'btn btn-small btn-primary', textContent: 'Save', hidden: true });
  save.dataset.testid = 'teach-save';
  const done = el('button', { type: 'button', className: 'btn btn-small', textContent: 'Done' });
  const panel = el('div', { className: 'teach-panel', hidden: true }, [chars, start, prompt, save, done]);
  panel.dataset.testid = 'teach-panel';
  container.append(
    el('div', { className: 'profile-row' }, [el('label', { htmlFor: 'profile-select', textContent: 'profile' }), select, teachButton]),
    hint, panel);

  let names = [];
  let lesson = [];       // characters still to draw in "teach me", in order
  let lessonTotal = 0;

  const picked = () => get('profile') || null;
  const hasDrawing = () => { const d = get('drawing'); return !!(d && d.strokes); };

  function renderSelect() {
    const current = picked();
    const options = [el('option', { value: '', textContent: 'no profile' })];
    for (const name of names) options.push(el('option', { value: name, textContent: name, selected: name === current }));
    options.push(el('option', { value: NEW, textContent: 'new profile…' }));
    select.replaceChildren(...options);
    select.value = current && names.includes(current) ? current : '';
  }

  function renderHint() {
    const name = picked();
    hint.textContent = name
      ? `Reading with ${name}'s hand. Wrong? Click the right bar or type the character to teach it.`
      : 'Pick a profile to teach the reader your hand.';
    bars.dataset.teachable = name ? 'true' : 'false';
    teachButton.disabled = !name;
    if (!name) stopLesson();
  }

  function choose(name) {
    if (name) localStorage.setItem(PICKED, name); else localStorage.removeItem(PICKED);
    write({ profile: name || null });
  }

  function teach(label) {
    const name = picked();
    const drawing = get('drawing');
    if (!name || !drawing || !drawing.strokes) return false;
    const msg = { type: 'add_sample', profile: name, label, strokes: drawing.strokes };
    const key = storedKeys()[name];
    if (key) msg.key = key;
    dispatch('send', msg);
    return true;
  }

  // ---- the picker ----------------------------------------------------------------------
  select.addEventListener('change', () => {
    if (select.value !== NEW) { choose(select.value); return; }
    renderSelect();
    const name = (window.prompt('Name of the new profile (letters, digits, _ . -):') || '').trim();
    if (name) dispatch('send', { type: 'create_profile', profile: name });
  });
  subscribe('server:profiles', (msg) => {
    names = (msg.profiles || []).map((p) => p.name);
    const remembered = localStorage.getItem(PICKED);
    if (!picked() && remembered && names.includes(remembered)) write({ profile: remembered });
    else if (picked() && !names.includes(picked())) choose(null);
    renderSelect();
  });
  subscribe('server:profile_created', (msg) => {
    const keys = storedKeys();
    keys[msg.profile] = msg.key;
    localStorage.setItem(KEYS, JSON.stringify(keys));
    if (!names.includes(msg.profile)) names = [...names, msg.profile].sort();
    choose(msg.profile);
    renderSelect();
    notice('success', `Profile ${msg.profile} created: correct a reading or use "Teach me".`);
  });
  subscribe('connection', (state) => { if (state === 'connected') dispatch('send', { type: 'list_profiles' }); });
  subscribe('profile', () => { renderSelect(); renderHint(); });

  // ---- correcting ----------------------------------------------------------------------
  bars.addEventListener('click', (e) => {
    const bar = e.target.closest && e.target.closest('.bar');
    if (!bar || !bar.dataset.label) return;
    if (!picked()) { notice('info', 'Pick or create a profile first: corrections are kept in it.'); return; }
    teach(bar.dataset.label);
  });
  document.addEventListener('keydown', (e) => {
    if (e.defaultPrevented || e.ctrlKey || e.metaKey || e.altKey || get('adminPrompt')) return;
    const t = e.target;
    if (t && t.closest && t.closest('input, textarea, select, dialog, [contenteditable="true"]')) return;
    if (!/^[0-9A-Za-z]$/.test(e.key) || !picked() || !hasDrawing() || lesson.length) return;
    if (teach(e.key)) e.preventDefault();
  });
  subscribe('server:sample_added', (msg) => {
    if (lesson.length && msg.label === lesson[0]) {
      lesson.shift();
      clearButton.click();
      nextPrompt();
    } else {
      notice('success', `Learned: that was ${msg.label} (${msg.profile} has ${msg.samples} sample${msg.samples === 1 ? '' : 's'}).`);
    }
  });
  subscribe('server:error', (msg) => {
    if (['create_profile', 'add_sample', 'list_profiles'].includes(msg.request_type)) notice('error', msg.message);
  });

  // ---- teach me ------------------------------------------------------------------------
  function nextPrompt() {
    const active = lesson.length > 0;
    save.hidden = !active;
    start.hidden = active;
    chars.hidden = active;
    prompt.textContent = active
      ? `Write “${lesson[0]}” (${lessonTotal - lesson.length + 1} of ${lessonTotal}), then Save.`
      : (lessonTotal ? `Done: ${lessonTotal} samples taught.` : '');
  }
  function stopLesson() {
    lesson = [];
    panel.hidden = true;
    nextPrompt();
  }
  teachButton.addEventListener('click', () => {
    panel.hidden = !panel.hidden;
    if (!panel.hidden) { lessonTotal = 0; nextPrompt(); chars.focus(); }
  });
  start.addEventListener('click', () => {
    const wanted = [...new Set([...chars.value].filter((c) => /[0-9A-Za-z]/.test(c)))];
    if (!wanted.length) { prompt.textContent = 'Type the characters to teach, e.g. 7 1 q.'; return; }
    lesson = wanted.flatMap((c) => Array(TEACH_EACH).fill(c));
    lessonTotal = lesson.length;
    clearButton.click();
    nextPrompt();
  });
  save.addEventListener('click', () => {
    if (!lesson.length) return;
    if (!teach(lesson[0])) prompt.textContent = `Draw “${lesson[0]}” first, then Save.`;
  });
  done.addEventListener('click', stopLesson);

  renderSelect();
  renderHint();
}
