// The training panel's epochs slider: the person's choice, remembered across visits, and the
// run's own epochs while a run is under way (the person's choice stays saved).
const EPOCHS_KEY = 'neuralscribe.epochs';
const MIN_EPOCHS = 5;
const MAX_EPOCHS = 100;
const DEFAULT_EPOCHS = 30;

export function initEpochsSlider(el) {
  let epochs = DEFAULT_EPOCHS;
  try {
    const saved = parseInt(localStorage.getItem(EPOCHS_KEY), 10);
    if (saved >= MIN_EPOCHS && saved <= MAX_EPOCHS) epochs = saved;
  } catch { /* storage blocked */ }
  el.slider.min = String(MIN_EPOCHS);
  el.slider.max = String(MAX_EPOCHS);
  el.slider.step = '1';
  el.slider.value = String(epochs);
  function renderSlider() {
    el.epochsValue.textContent = String(el.slider.value);
    const f = (el.slider.value - MIN_EPOCHS) / (MAX_EPOCHS - MIN_EPOCHS);
    el.slider.style.setProperty('--fill', `${(f * 100).toFixed(1)}%`);
  }
  el.slider.addEventListener('input', () => {
    renderSlider();
    try { localStorage.setItem(EPOCHS_KEY, el.slider.value); } catch { /* storage blocked */ }
  });
  renderSlider();

  /** Shows a run's epochs on the slider while it runs. */
  function showRunEpochs(total) {
    if (total >= MIN_EPOCHS && total <= MAX_EPOCHS) {
      el.slider.value = String(total);
      renderSlider();
    }
  }
  return { showRunEpochs };
}
