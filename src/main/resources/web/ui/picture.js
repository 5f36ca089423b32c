// Pictures on the drawing card: drop one onto the card, paste one, or choose a file. It is read
// through the upload endpoint (`POST /predict`, as any client would) and shown as the network saw
// it, with the top three readings. "Save PNG" keeps the drawing as the person sees it.
//
// Publishes: picture.
import { get, subscribe, writer } from '../state/appState.js';

const write = writer('ui/picture.js', 'picture');
const TYPES = ['image/png', 'image/jpeg'];
const MAX_BYTES = 4 * 1024 * 1024;

/** The first PNG or JPEG among dropped or pasted items, or null. */
export function firstPicture(files) {
  return [...(files || [])].find((f) => f && TYPES.includes(f.type)) || null;
}

/** "A 98.1% · 4 1.2% · H 0.3%". */
export function describeTop3(predictions) {
  return (predictions || []).map((p) => `${p.label} ${(p.confidence * 100).toFixed(1)}%`).join(' · ');
}

function readAsDataUrl(file) {
  return new Promise((resolve, reject) => {
    const reader = new FileReader();
    reader.onload = () => resolve(reader.result);
    reader.onerror = () => reject(reader.error);
    reader.readAsDataURL(file);
  });
}

export function initPicture(el) {
  async function read(file) {
    if (!file) {
      write({ picture: { status: 'error', message: 'That is not a PNG or JPEG picture.' } });
      return;
    }
    if (file.size > MAX_BYTES) {
      write({ picture: { status: 'error', name: file.name, message: 'Pictures may be at most 4 MB.' } });
      return;
    }
    write({ picture: { status: 'reading', name: file.name } });
    try {
      const image = await readAsDataUrl(file);
      const model = get('model');
      const response = await fetch(`/predict${model ? `?model=${encodeURIComponent(model)}` : ''}`, {
        method: 'POST', headers: { 'Content-Type': 'application/json' }, body: JSON.stringify({ image }),
      });
      const body = await response.json();
      if (!response.ok) throw new Error(body.message || `the server answered ${response.status}`);
      write({ picture: { status: body.empty ? 'empty' : 'read', name: file.name, ...body } });
    } catch (e) {
      write({ picture: { status: 'error', name: file.name, message: `Could not read it: ${e.message}` } });
    }
  }

  el.choose.addEventListener('click', () => el.input.click());
  el.input.addEventListener('change', () => { read(firstPicture(el.input.files)); el.input.value = ''; });
  el.card.addEventListener('dragover', (e) => { e.preventDefault(); el.card.dataset.dropping = 'true'; });
  el.card.addEventListener('dragleave', () => { delete el.card.dataset.dropping; });
  el.card.addEventListener('drop', (e) => {
    e.preventDefault();
    delete el.card.dataset.dropping;
    read(firstPicture(e.dataTransfer && e.dataTransfer.files));
  });
  document.addEventListener('paste', (e) => {
    const files = [...((e.clipboardData && e.clipboardData.items) || [])]
      .filter((i) => i.kind === 'file').map((i) => i.getAsFile());
    if (files.length) {
      e.preventDefault();
      read(firstPicture(files));
    }
  });
  el.close.addEventListener('click', () => write({ picture: null }));

  el.save.addEventListener('click', () => {
    el.drawing.toBlob((blob) => {
      if (!blob) return;
      const a = document.createElement('a');
      a.href = URL.createObjectURL(blob);
      a.download = 'neuralscribe-drawing.png';
      a.click();
      setTimeout(() => URL.revokeObjectURL(a.href), 1000);
    }, 'image/png');
  });

  function drawPreview(preview) {
    const ctx = el.preview.getContext('2d');
    const img = ctx.createImageData(28, 28);
    for (let i = 0; i < 784; i++) {
      const v = Array.isArray(preview) ? preview[i] : 0;
      img.data[i * 4] = img.data[i * 4 + 1] = img.data[i * 4 + 2] = v;
      img.data[i * 4 + 3] = 255;
    }
    ctx.putImageData(img, 0, 0);
  }

  function render() {
    const p = get('picture');
    el.panel.hidden = !p;
    if (!p) return;
    el.panel.dataset.status = p.status;
    el.preview.hidden = p.status !== 'read';
    if (p.status === 'read') drawPreview(p.preview);
    el.text.textContent = p.status === 'reading' ? `Reading ${p.name}…`
      : p.status === 'read' ? `${p.name}: ${describeTop3(p.predictions)}`
        : p.status === 'empty' ? `${p.name}: ${p.message || 'no ink found'}` : p.message;
  }
  subscribe('picture', render);
  render();
}
