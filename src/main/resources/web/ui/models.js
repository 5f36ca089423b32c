// The models: what the server serves (from `init`, and after a run or a reset from
// `training_complete` / `model_reset`), the model information in the header, and the model
// selector (shown when the server offers more than one model). Picking a model sets state
// `model`, which predict / train / reset messages then carry; the bars follow the chosen model's
// classes when its description lists them.
//
// Publishes: modelLoaded, device, modelInfo, models, model, classes.
import { get, subscribe, writer } from '../state/appState.js';
import { splitName } from './trainingFormat.js';

const write = writer('ui/models.js', 'modelLoaded', 'device', 'modelInfo', 'models', 'model', 'classes');

/** The state `init` describes: what is served, and the pick dropped if the server no longer offers it. */
export function fromInit(msg, chosen) {
  const partial = {
    modelLoaded: !!msg.model_loaded,
    device: msg.device ?? null,
    modelInfo: msg.model && typeof msg.model === 'object' ? msg.model
      : (msg.model ? { name: String(msg.model) } : null),
    models: Array.isArray(msg.models) ? msg.models : [],
  };
  if (Array.isArray(msg.classes)) partial.classes = msg.classes.map(String);
  if (chosen && !partial.models.some((m) => (m && m.name) === chosen)) partial.model = null;
  return partial;
}

/**
 * After a run or a reset the server names the model (`model`) and describes it (`model_info`:
 * accuracy, what it was trained on…): the description replaces the stale one in the model list,
 * and in the header when the header shows that model (it describes the served default).
 */
export function afterChange(model, info, { models, modelInfo }) {
  const desc = info && typeof info === 'object' ? info : model && typeof model === 'object' ? model : null;
  if (desc) {
    const patch = {
      models: (models || []).map((m) => (m && desc.name && m.name === desc.name ? desc : m)),
      modelLoaded: true,
    };
    if (!modelInfo || !modelInfo.name || !desc.name || modelInfo.name === desc.name) patch.modelInfo = desc;
    return patch;
  }
  if (typeof model === 'string' && model) return { modelInfo: { ...(modelInfo || {}), name: model }, modelLoaded: true };
  return { modelLoaded: true };
}

/** @param named whether the selector already names the model (then the info does not repeat it) */
function describe(info, device, loaded, named) {
  if (!loaded) return 'no model loaded';
  if (!info) return device ? `model · ${device}` : 'model loaded';
  const parts = named ? [] : [info.name || 'model'];
  const classes = Array.isArray(info.classes) ? info.classes.length : info.classes;
  if (classes && !named) parts.push(`${classes} classes`);
  if (Number.isFinite(info.accuracy)) {
    const images = /([\d,]+) images/.exec(info.evaluated_on || '');
    const set = splitName(info.split);
    parts.push(`${(info.accuracy * 100).toFixed(1)}%${images ? ` on ${images[1]} ${set ? `${set} ` : ''}test images` : ''}`);
  }
  if (device && !Number.isFinite(info.accuracy)) parts.push(device);
  return parts.join(' · ');
}

export function initModels({ info, select }) {
  let initClasses = null;

  function renderInfo() {
    const named = (get('models') || []).filter((m) => m && m.name).length > 1;
    const text = describe(get('modelInfo'), get('device'), get('modelLoaded'), named);
    const m = get('modelInfo');
    info.textContent = text;
    info.title = m && m.evaluated_on ? `${text} — evaluated on ${m.evaluated_on}` : text;
    info.dataset.loaded = String(!!get('modelLoaded'));
  }

  function renderSelect() {
    const models = (get('models') || []).filter((m) => m && m.name);
    select.hidden = models.length < 2;
    const current = get('model') || (get('modelInfo') && get('modelInfo').name) || '';
    select.replaceChildren(...models.map((m) => {
      const o = document.createElement('option');
      o.value = m.name;
      o.textContent = `${m.name} · ${Array.isArray(m.classes) ? m.classes.length : '?'} classes`;
      o.selected = m.name === current;
      return o;
    }));
  }

  subscribe('server:init', (msg) => {
    initClasses = Array.isArray(msg.classes) ? msg.classes.map(String) : null;
    write(fromInit(msg, get('model')));
  });
  const changed = (msg) => write(afterChange(msg.model, msg.model_info, { models: get('models'), modelInfo: get('modelInfo') }));
  subscribe('server:training_complete', changed);
  subscribe('server:model_reset', changed);
  subscribe('server:model_kept', changed);
  subscribe('server:model_discarded', changed);
  select.addEventListener('change', () => {
    const name = select.value || null;
    const desc = (get('models') || []).find((m) => m && m.name === name);
    const partial = { model: name };
    if (desc && Array.isArray(desc.classes)) partial.classes = desc.classes.map(String);
    else if (initClasses) partial.classes = initClasses;
    if (desc) partial.modelInfo = desc;
    write(partial);
  });

  for (const key of ['modelInfo', 'device', 'modelLoaded', 'models']) subscribe(key, renderInfo);
  for (const key of ['models', 'model', 'modelInfo']) subscribe(key, renderSelect);
  renderInfo();
  renderSelect();
}
