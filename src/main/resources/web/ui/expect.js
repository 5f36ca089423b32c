// "What are you writing?": the person tells the reader what to expect — any character, digits,
// letters, upper case or lower case. The server then answers among those classes only. The
// choice is remembered across reloads (localStorage) and sent with every predict.
//
// Publishes: expect.
import { subscribe, writer } from '../state/appState.js';

const write = writer('ui/expect.js', 'expect');

const EXPECT_KEY = 'neuralscribe.expect';
/** The hints `predict` accepts (docs/PROTOCOL.md), the first the default. */
export const EXPECT_CHOICES = ['any', 'digits', 'letters', 'upper', 'lower'];

/** A stored choice if it is one of EXPECT_CHOICES, else 'any'. */
export function validExpect(value) {
  return EXPECT_CHOICES.includes(value) ? value : EXPECT_CHOICES[0];
}

/** @param group the element holding one radio input per choice (value = the choice) */
export function initExpect(group) {
  const inputs = [...group.querySelectorAll('input[type="radio"]')];
  let saved = null;
  try { saved = localStorage.getItem(EXPECT_KEY); } catch { /* storage blocked */ }
  write({ expect: validExpect(saved) });

  subscribe('expect', (expect) => {
    for (const input of inputs) input.checked = input.value === expect;
    group.dataset.expect = expect;
  }, { immediate: true });

  group.addEventListener('change', (e) => {
    const value = validExpect(e.target && e.target.value);
    try { localStorage.setItem(EXPECT_KEY, value); } catch { /* storage blocked */ }
    write({ expect: value });
  });
}
