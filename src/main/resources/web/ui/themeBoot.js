// Classic (non-module) script loaded in <head>: applies the saved theme before the first paint
// so a light-theme user never sees a dark flash. ui/theme.js owns the theme afterwards.
(function () {
  var theme = null;
  try { theme = localStorage.getItem('neuralscribe.theme'); } catch (e) { /* storage blocked */ }
  if (theme !== 'light' && theme !== 'dark') {
    theme = window.matchMedia && window.matchMedia('(prefers-color-scheme: light)').matches ? 'light' : 'dark';
  }
  document.documentElement.setAttribute('data-theme', theme);
})();
