// Model information in the header, and the model selector (shown when the server offers more
// than one model). Picking a model sets state `model`, which predict / train / reset messages
// then carry; the bars follow the chosen model's classes when its description lists them.
import { get, subscribe, update } from '../state/appState.js';

function describe(info, device, loaded) {
  if (!loaded) return 'no model loaded';
  if (!info) return device ? `model · ${device}` : 'model loaded';
  const parts = [info.name || 'model'];
  const classes = Array.isArray(info.classes) ? info.classes.length : info.classes;
  if (classes) parts.push(`${classes} classes`);
  if (Number.isFinite(info.accuracy)) parts.push(`${(info.accuracy * 100).toFixed(1)}%`);
  if (device) parts.push(device);
  return parts.join(' · ');
}

export function initModels({ info, select }) {
  let initClasses = null;

  function renderInfo() {
    const text = describe(get('modelInfo'), get('device'), get('modelLoaded'));
    info.textContent = text;
    info.title = text;
    info.dataset.loaded = String(!!get('modelLoaded'));
  }

  function renderSelect() {
    const models = (get('models') || []).filter((m) => m && m.name);
    select.hidden = models.length < 2;
    const current = get('model') || (get('modelInfo') && get('modelInfo').name) || '';
    select.replaceChildren(...models.map((m) => {
      const o = document.createElement('option');
      o.value = m.name;
      o.textContent = m.name + (Number.isFinite(m.accuracy) ? ` (${(m.accuracy * 100).toFixed(1)}%)` : '');
      o.selected = m.name === current;
      return o;
    }));
  }

  subscribe('server:init', (msg) => { initClasses = Array.isArray(msg.classes) ? msg.classes.map(String) : null; });
  select.addEventListener('change', () => {
    const name = select.value || null;
    const desc = (get('models') || []).find((m) => m && m.name === name);
    const partial = { model: name };
    if (desc && Array.isArray(desc.classes)) partial.classes = desc.classes.map(String);
    else if (initClasses) partial.classes = initClasses;
    if (desc) partial.modelInfo = desc;
    update(partial);
  });

  for (const key of ['modelInfo', 'device', 'modelLoaded']) subscribe(key, renderInfo);
  for (const key of ['models', 'model', 'modelInfo']) subscribe(key, renderSelect);
  renderInfo();
  renderSelect();
}
