// Every state key has exactly one writer among the page's modules (they claim their keys when
// they load): loading what main.js loads claims every key, and none twice (a second claim throws).
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { snapshot, writer } from '../../main/resources/web/state/appState.js';

const MAIN = new URL('../../main/resources/web/main.js', import.meta.url);

test('the modules of the page claim every state key, each once', async () => {
  const imports = [...readFileSync(MAIN, 'utf8').matchAll(/^import .* from '(\.\/ui\/[\w]+\.js)';$/gm)].map((m) => m[1]);
  assert.ok(imports.length > 10, `main.js imports ${imports}`);
  for (const path of imports) await import(new URL(path, MAIN)); // throws if two claim one key
  for (const key of Object.keys(snapshot())) {
    assert.throws(() => writer('probe', key), /already written by ui\//, `"${key}" has no writer`);
  }
});
