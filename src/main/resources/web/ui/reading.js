// Writing mode's reading, under the line: one column per character — what the reader chose, how
// sure, and under it the network's own top three, always shown, to tap when the reader chose
// wrong — with spaces between words. A picked alternative stays picked until the line changes
// shape (a character more or fewer, a word more or fewer). One click copies the text.
import { subscribe } from '../state/appState.js';

function percent(v) {
  return `${Math.round(v * 100)} %`;
}

export function initReading({ container, text, copyButton, message }) {
  let picks = new Map();      // character index → label the person picked
  let shape = '';             // the character count and word starts the picks belong to
  let reading = null;

  function currentText() {
    if (!reading) return '';
    let out = '';
    reading.characters.forEach((c, i) => {
      if (i > 0 && reading.words.some((w) => w.start === i)) out += ' ';
      out += picks.get(i) ?? c.label;
    });
    return out;
  }

  function render() {
    container.replaceChildren();
    const chars = reading ? reading.characters : [];
    const key = reading ? `${chars.length}:${reading.words.map((w) => w.start).join(',')}` : '';
    if (key !== shape) { picks = new Map(); shape = key; }
    chars.forEach((c, i) => {
      if (i > 0 && reading.words.some((w) => w.start === i)) {
        const gap = document.createElement('span');
        gap.className = 'reading-space';
        gap.setAttribute('aria-hidden', 'true');
        container.append(gap);
      }
      const chip = document.createElement('span');
      chip.className = 'reading-char';
      chip.dataset.index = String(i);
      if (c.joined) chip.dataset.joined = '';
      if (i === reading.last_touched) chip.dataset.last = '';
      const chosen = picks.get(i) ?? c.label;
      const label = document.createElement('span');
      label.className = 'reading-label';
      label.textContent = chosen;
      const sure = document.createElement('span');
      sure.className = 'reading-confidence';
      sure.textContent = percent(c.confidence);
      const list = document.createElement('span');
      list.className = 'reading-alternatives';
      for (const alt of c.alternatives) {
        const option = document.createElement('button');
        option.type = 'button';
        option.className = 'reading-alternative';
        option.dataset.label = alt.label;
        option.setAttribute('aria-pressed', String(alt.label === chosen));
        option.title = `read it as ${alt.label}`;
        option.textContent = `${alt.label} ${percent(alt.confidence)}`;
        option.addEventListener('click', () => { picks.set(i, alt.label); render(); });
        list.append(option);
      }
      chip.append(label, sure, list);
      container.append(chip);
    });
    const t = currentText();
    text.value = t;
    text.textContent = t;
    copyButton.disabled = t.length === 0;
    message.textContent = reading && reading.joined ? (reading.message || 'Some letters look joined: write them apart.')
      : chars.length ? '' : 'Write a word or a number';
    message.dataset.joined = reading && reading.joined ? 'true' : 'false';
  }

  copyButton.addEventListener('click', async () => {
    const t = currentText();
    try {
      await navigator.clipboard.writeText(t);
    } catch {
      // No clipboard permission (plain http, old browser): select the text for Ctrl+C.
      const range = document.createRange();
      range.selectNodeContents(text);
      const selection = window.getSelection();
      selection.removeAllRanges();
      selection.addRange(range);
    }
    copyButton.dataset.copied = 'true';
    setTimeout(() => { delete copyButton.dataset.copied; }, 1200);
  });

  subscribe('reading', (value) => { reading = value; render(); }, { immediate: true });
  return { text: currentText };
}
