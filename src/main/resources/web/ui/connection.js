// WebSocket client for ws(s)://<host>/ws (protocol: docs/PROTOCOL.md).
//
// - status indicator (connected / connecting / offline), reconnect every 2 s, ping every 15 s
// - every server message is re-published as a transient event `server:<type>`; this module
//   itself handles `error` and `pong`, and reads `admin_required` from `init`; feature modules
//   handle their own events
// - outgoing messages: anyone may `dispatch('send', message)`; admin messages (train,
//   plan_training, cancel_training, keep_model, discard_model, reset_model, shutdown) get the admin token from sessionStorage, and an
//   `admin_token_required` / `bad_admin_token` error asks for the token (`admin:prompt`, the
//   dialog of ui/admin.js), which comes back with the message to retry (`admin:token`)
//
// Publishes: connection, adminRequired.
import { dispatch, get, subscribe, writer } from '../state/appState.js';

const write = writer('ui/connection.js', 'connection', 'adminRequired');

const RECONNECT_MS = 2000;
const PING_MS = 15000;
const TOKEN_KEY = 'neuralscribe.adminToken';
const ADMIN_TYPES = new Set(['train', 'plan_training', 'cancel_training', 'keep_model', 'discard_model', 'reset_model',
  'shutdown']);
const TOKEN_ERRORS = new Set(['admin_token_required', 'bad_admin_token']);

function defaultUrl() {
  const scheme = location.protocol === 'https:' ? 'wss' : 'ws';
  return `${scheme}://${location.host}/ws`;
}

function adminToken() {
  try { return sessionStorage.getItem(TOKEN_KEY) || ''; } catch { return ''; }
}

function setAdminToken(token) {
  try {
    if (token) sessionStorage.setItem(TOKEN_KEY, token);
    else sessionStorage.removeItem(TOKEN_KEY);
  } catch { /* storage blocked */ }
}

function notice(level, text) {
  dispatch('notify', { level, text });
}

export function initConnection({ statusEl, url = defaultUrl() } = {}) {
  let ws = null;
  let pingTimer = 0;
  let reconnectTimer = 0;
  let lastAdmin = null;     // the last admin message sent: retried after the token prompt
  let sentCount = 0;
  let receivedCount = 0;

  function render(state) {
    if (!statusEl) return;
    statusEl.dataset.state = state;
    const text = statusEl.querySelector('[data-role="text"]') || statusEl;
    text.textContent = state;
    statusEl.title = state === 'connected' ? `Connected to ${url}`
      : state === 'connecting' ? 'Connecting to the server…'
        : `Offline — retrying every ${RECONNECT_MS / 1000} s`;
  }
  subscribe('connection', render, { immediate: true });

  function connect() {
    clearTimeout(reconnectTimer);
    write({ connection: 'connecting' });
    let socket;
    try {
      socket = new WebSocket(url);
    } catch (err) {
      console.error('[connection] cannot open', err);
      scheduleReconnect();
      return;
    }
    ws = socket;
    socket.addEventListener('open', () => {
      if (ws !== socket) return;
      write({ connection: 'connected' });
      clearInterval(pingTimer);
      pingTimer = setInterval(() => send({ type: 'ping' }), PING_MS);
    });
    socket.addEventListener('message', (ev) => {
      if (ws !== socket) return;
      let msg;
      try { msg = JSON.parse(ev.data); } catch {
        console.warn('[connection] not JSON:', ev.data);
        return;
      }
      if (!msg || typeof msg.type !== 'string') return;
      receivedCount += 1;
      handle(msg);
    });
    socket.addEventListener('close', () => {
      if (ws !== socket) return;
      ws = null;
      clearInterval(pingTimer);
      write({ connection: 'offline' });
      scheduleReconnect();
    });
    socket.addEventListener('error', () => { /* a close event follows */ });
  }

  function scheduleReconnect() {
    clearTimeout(reconnectTimer);
    write({ connection: 'offline' });
    reconnectTimer = setTimeout(connect, RECONNECT_MS);
  }

  function send(msg) {
    if (ADMIN_TYPES.has(msg.type)) {
      const out = { ...msg };
      delete out.token;
      lastAdmin = out;
      const token = adminToken();
      if (!token && get('adminRequired')) {
        dispatch('admin:prompt', { reason: 'admin_token_required', message: 'This server needs its admin token for that.', retry: out });
        return false;
      }
      if (token) msg = { ...out, token };
    }
    if (!ws || ws.readyState !== WebSocket.OPEN) {
      if (msg.type !== 'ping' && msg.type !== 'predict') notice('error', 'Not connected to the server — try again in a moment.');
      return false;
    }
    ws.send(JSON.stringify(msg));
    sentCount += 1;
    return true;
  }
  subscribe('send', send);
  subscribe('admin:token', ({ token, retry }) => {
    setAdminToken(token);
    if (retry) send(retry);
  });

  function handle(msg) {
    switch (msg.type) {
      case 'init': write({ adminRequired: !!msg.admin_required }); break;
      case 'pong': break;
      case 'error':
        if (TOKEN_ERRORS.has(msg.code)) {
          if (msg.code === 'bad_admin_token') setAdminToken('');
          dispatch('admin:prompt', {
            reason: msg.code,
            message: msg.message || (msg.code === 'bad_admin_token' ? 'That admin token is wrong.' : 'This action needs the admin token.'),
            retry: lastAdmin,
          });
        } else if (msg.code !== 'superseded') {
          // (`superseded`: a newer drawing replaced a waiting one — expected while drawing fast, not news.)
          notice('error', msg.message ? `Server: ${msg.message}` : `Server error (${msg.code || 'unknown'})`);
        }
        break;
      case 'shutdown_ack':
        notice('info', 'The server is shutting down.');
        break;
      default: break;
    }
    dispatch(`server:${msg.type}`, msg);
  }

  connect();
  return {
    send,
    stats: () => ({ sent: sentCount, received: receivedCount }),
    url,
  };
}
