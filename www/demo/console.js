// The demo agent console: conversation list, chat pane, composer and the customer simulator.
//
// URL parameters:
//   ?speed=10            play the simulator 10× faster (default 1; 0 = no simulator)
//   ?scenario=escalation play only that scenario's script (calm|escalation|angry|recovered)
//   ?start=ready         start the simulator clock when moodwatch:ready fires (so that every
//                        scripted message arrives live, however long moodwatch takes to load)
//                        and open its conversation
//
// The DOM follows the contract the moodwatch "demo" adapter preset targets (see www/index.html):
// `.msg-list` keeps its element and has its children replaced on conversation switch, new
// messages of the open conversation are appended, and `.chat-pane[data-conv-id]` names it.
// `window.demoConsole` lets tests drive it.
import { CONVERSATIONS, SCENARIOS, STORE } from './scenarios.js';

const params = new URLSearchParams(location.search);
const speed = parseSpeed(params.get('speed'));
const onlyScenario = params.get('scenario');
const startOnReady = params.get('start') === 'ready';

function parseSpeed(raw) {
  if (raw === null || raw === '') return 1;
  const n = Number(raw);
  return Number.isFinite(n) && n >= 0 ? n : 1;
}

const $ = (sel, root = document) => root.querySelector(sel);

function el(tag, attrs = {}, ...children) {
  const node = document.createElement(tag);
  for (const [k, v] of Object.entries(attrs)) {
    if (v === undefined || v === null || v === false) continue;
    if (k === 'class') node.className = v;
    else if (k === 'text') node.textContent = v;
    else if (k === 'style') node.style.cssText = v;
    else node.setAttribute(k, v === true ? '' : String(v));
  }
  for (const c of children) if (c !== null && c !== undefined) node.append(c);
  return node;
}

const pad2 = (n) => String(n).padStart(2, '0');
function clock(ts) {
  const d = new Date(ts);
  return `${pad2(d.getHours())}:${pad2(d.getMinutes())}`;
}

// ---------------------------------------------------------------- state

let msgSeq = 0;
const convs = new Map();
const loadedAt = Date.now();
for (const spec of CONVERSATIONS) {
  const conv = {
    id: spec.id,
    scenario: spec.scenario,
    nick: spec.nick,
    initial: [...spec.nick][0].toUpperCase(),
    color: spec.color,
    profile: spec.profile,
    order: spec.order,
    messages: [],
    unread: 0,
    draft: '',
  };
  for (const [ago, role, text] of spec.history) {
    conv.messages.push(makeMessage(role, text, loadedAt - ago * 1000));
    if (role === 'c') conv.unread += 1;
    else conv.unread = 0;
  }
  convs.set(conv.id, conv);
}

function makeMessage(role, text, ts) {
  msgSeq += 1;
  return { id: `m${msgSeq}`, role: role === 'a' || role === 'agent' ? 'agent' : 'customer', text, ts };
}

const initialConv =
  (onlyScenario && CONVERSATIONS.find((c) => c.scenario === onlyScenario)?.id) || CONVERSATIONS[0].id;
let currentId = initialConv;

// ---------------------------------------------------------------- rendering

const convList = $('.conv-list .conv-items');
const pane = $('.chat-pane');
const msgList = $('.msg-list', pane);
const input = $('.chat-input', pane);
const sendBtn = $('.send-btn', pane);

function renderMessage(m) {
  return el(
    'div',
    { class: 'msg', 'data-role': m.role, 'data-msg-id': m.id, 'data-ts': m.ts },
    el('div', { class: 'msg-text', text: m.text }),
    el('time', { class: 'msg-time', datetime: new Date(m.ts).toISOString(), text: clock(m.ts) }),
  );
}

function convItem(conv) {
  return el(
    'div',
    { class: 'conv-item', 'data-conv-id': conv.id, role: 'button', tabindex: 0 },
    el('span', { class: 'avatar', style: `--av:${conv.color}`, 'aria-hidden': 'true', text: conv.initial }),
    el(
      'div',
      { class: 'conv-main' },
      el('div', { class: 'conv-top' }, el('span', { class: 'conv-name', text: conv.nick }), el('time', { class: 'conv-time' })),
      el('div', { class: 'conv-bottom' }, el('span', { class: 'conv-preview' })),
    ),
  );
}

function updateConvItem(conv) {
  const item = convList.querySelector(`.conv-item[data-conv-id="${conv.id}"]`);
  if (!item) return;
  const last = conv.messages[conv.messages.length - 1];
  $('.conv-preview', item).textContent = last ? (last.role === 'agent' ? '[我] ' : '') + last.text.replace(/\n/g, ' ') : '暂无消息';
  $('.conv-time', item).textContent = last ? clock(last.ts) : '';
  item.classList.toggle('is-active', conv.id === currentId);
  item.classList.toggle('is-waiting', !!last && last.role === 'customer');
  let badge = $('.unread', item);
  if (conv.unread > 0) {
    if (!badge) {
      badge = el('span', { class: 'unread' });
      $('.conv-bottom', item).append(badge);
    }
    badge.textContent = conv.unread > 99 ? '99+' : String(conv.unread);
  } else if (badge) {
    badge.remove();
  }
}

function updateCounters() {
  const waiting = [...convs.values()].filter((c) => c.messages.at(-1)?.role === 'customer').length;
  $('#count-active').textContent = String(convs.size);
  $('#count-waiting').textContent = String(waiting);
  const unread = [...convs.values()].reduce((s, c) => s + c.unread, 0);
  document.title = (unread ? `(${unread}) ` : '') + `接待中心 - ${STORE.name}`;
}

function renderHeader(conv) {
  $('.chat-title .chat-nick').textContent = conv.nick;
  $('.chat-title .chat-tag').textContent = conv.profile.tag;
  $('.chat-title .chat-level').textContent = conv.profile.level;
  $('.chat-sub').textContent = `来自 ${conv.profile.source} · ${conv.profile.city}`;
  const o = conv.order;
  const strip = $('.order-strip');
  $('.order-thumb', strip).textContent = o.thumb;
  $('.order-thumb', strip).style.background = o.thumbColor;
  $('.order-product', strip).textContent = o.product;
  $('.order-sku', strip).textContent = o.sku;
  $('.order-price', strip).textContent = o.price;
  $('.order-status', strip).textContent = o.status;
  $('.order-status', strip).dataset.status = o.status;
  $('.order-no', strip).textContent = o.no === '—' ? '咨询中，未下单' : `订单号 ${o.no}`;
  const info = $('.info-pane');
  $('[data-field=nick]', info).textContent = conv.nick;
  $('[data-field=level]', info).textContent = `${conv.profile.level} · ${conv.profile.tag}`;
  $('[data-field=city]', info).textContent = conv.profile.city;
  $('[data-field=orders]', info).textContent = `${conv.profile.orders} 笔`;
  $('[data-field=refunds]', info).textContent = `${conv.profile.refunds} 次`;
  $('[data-field=order-no]', info).textContent = o.no;
  $('[data-field=product]', info).textContent = `${o.product}（${o.sku}）`;
  $('[data-field=amount]', info).textContent = o.price;
  $('[data-field=logistics]', info).textContent = o.logistics;
  pane.style.setProperty('--cust-initial', JSON.stringify(conv.initial));
  pane.style.setProperty('--cust-color', conv.color);
}

function scrollToEnd() {
  msgList.scrollTop = msgList.scrollHeight;
}

/** Re-renders the whole chat pane for `id`, as a virtual-DOM widget does on switch. */
function switchTo(id) {
  const conv = convs.get(id);
  if (!conv) throw new Error(`demoConsole.switchTo: no conversation "${id}" (have ${[...convs.keys()].join(', ')})`);
  const prev = convs.get(currentId);
  if (prev && prev.id !== id) prev.draft = input.value;
  currentId = id;
  conv.unread = 0;
  pane.dataset.convId = id;
  renderHeader(conv);
  msgList.replaceChildren(...conv.messages.map(renderMessage));
  input.value = conv.draft;
  for (const c of convs.values()) updateConvItem(c);
  updateCounters();
  scrollToEnd();
  return id;
}

function post(id, role, text) {
  const conv = convs.get(id);
  if (!conv) throw new Error(`demoConsole: no conversation "${id}"`);
  const body = String(text);
  if (!body.trim()) return null;
  const m = makeMessage(role, body, Date.now());
  conv.messages.push(m);
  if (id === currentId) {
    const nearEnd = msgList.scrollHeight - msgList.scrollTop - msgList.clientHeight < 120;
    msgList.append(renderMessage(m));
    if (nearEnd || role !== 'c') scrollToEnd();
  } else if (m.role === 'customer') {
    conv.unread += 1;
  } else {
    conv.unread = 0; // an agent reply means the conversation was read
  }
  updateConvItem(conv);
  updateCounters();
  return m.id;
}

// ---------------------------------------------------------------- composer

function sendFromComposer() {
  const text = input.value;
  if (!text.trim()) {
    input.focus();
    return;
  }
  post(currentId, 'a', text.replace(/\s+$/, ''));
  input.value = '';
  input.focus();
}

sendBtn.addEventListener('click', sendFromComposer);
input.addEventListener('keydown', (e) => {
  if (e.key === 'Enter' && !e.shiftKey && !e.isComposing && e.keyCode !== 229) {
    e.preventDefault();
    sendFromComposer();
  }
});
convList.addEventListener('click', (e) => {
  const item = e.target.closest('.conv-item');
  if (item) switchTo(item.dataset.convId);
});
convList.addEventListener('keydown', (e) => {
  const item = e.target.closest('.conv-item');
  if (item && (e.key === 'Enter' || e.key === ' ')) {
    e.preventDefault();
    switchTo(item.dataset.convId);
  }
});
for (const b of document.querySelectorAll('.quick-replies button')) {
  b.addEventListener('click', () => {
    input.value = (input.value ? input.value + ' ' : '') + b.dataset.text;
    input.focus();
  });
}

// ---------------------------------------------------------------- simulator

/**
 * Plays every scripted conversation on one simulated clock that runs `speed`× real time and
 * stops while paused. One timer at a time: the next due step across all conversations.
 */
class Simulator {
  constructor(rate, timelines) {
    this.rate = rate;
    this.timelines = timelines.map((t) => {
      let at = 0;
      return { id: t.id, idx: 0, steps: t.steps.map(([pause, role, text]) => ({ at: (at += pause * 1000), role, text })) };
    });
    this.simBase = 0;
    this.realBase = performance.now();
    this.paused = rate <= 0;
    this.timer = null;
    this.played = 0;
  }
  now() {
    return this.paused ? this.simBase : this.simBase + (performance.now() - this.realBase) * this.rate;
  }
  pending() {
    return this.timelines.reduce((s, t) => s + (t.steps.length - t.idx), 0);
  }
  schedule() {
    clearTimeout(this.timer);
    this.timer = null;
    if (this.paused || this.rate <= 0) return;
    let next = Infinity;
    for (const t of this.timelines) if (t.idx < t.steps.length) next = Math.min(next, t.steps[t.idx].at);
    if (next === Infinity) return;
    this.timer = setTimeout(() => this.fire(), Math.max(0, (next - this.now()) / this.rate));
  }
  fire() {
    const now = this.now();
    for (const t of this.timelines) {
      while (t.idx < t.steps.length && t.steps[t.idx].at <= now + 1) {
        const s = t.steps[t.idx++];
        post(t.id, s.role, s.text);
        this.played += 1;
      }
    }
    this.schedule();
  }
  pause() {
    if (this.paused) return;
    this.simBase = this.now();
    this.paused = true;
    this.schedule();
  }
  resume() {
    if (!this.paused || this.rate <= 0) return;
    this.realBase = performance.now();
    this.paused = false;
    this.schedule();
  }
}

const timelines = CONVERSATIONS.filter((c) => c.script.length && (!onlyScenario || c.scenario === onlyScenario)).map(
  (c) => ({ id: c.id, steps: c.script }),
);
const sim = new Simulator(speed, speed > 0 ? timelines : []);

// ---------------------------------------------------------------- boot

convList.replaceChildren(...[...convs.values()].map(convItem));
$('.agent-name').textContent = `客服 · ${STORE.agent}`;
$('.sim-chip').textContent =
  speed > 0 ? `客户模拟器 ${speed}×${onlyScenario ? ` · ${onlyScenario}` : ''}` : '客户模拟器 已关闭';
pane.style.setProperty('--agent-initial', JSON.stringify(STORE.agentInitial));
switchTo(currentId);
if (onlyScenario && !SCENARIOS.includes(onlyScenario)) {
  console.warn(`demo console: unknown scenario "${onlyScenario}"; known: ${SCENARIOS.join(', ')}`);
}
if (startOnReady && speed > 0) {
  sim.pause();
  // moodwatch.js is an async script: it may have become ready before this module ran, and
  // then the event is gone. Its `ready` promise, set when the loader starts, covers both.
  const resume = () => sim.resume();
  if (window.moodwatch && window.moodwatch.ready) window.moodwatch.ready.then(resume, () => {});
  else document.addEventListener('moodwatch:ready', resume, { once: true });
} else {
  sim.schedule();
}

const snapshot = (c) => ({
  id: c.id,
  nick: c.nick,
  scenario: c.scenario,
  unread: c.unread,
  messageCount: c.messages.length,
  lastMessage: c.messages.at(-1)?.text ?? null,
});

window.demoConsole = Object.freeze({
  /** All conversations, in list order: `{id, nick, scenario, unread, messageCount, lastMessage}`. */
  conversations: () => [...convs.values()].map(snapshot),
  /** The open conversation's id. */
  current: () => currentId,
  /** Opens a conversation (re-renders the message list, clears its unread count). */
  switchTo,
  /** Appends a customer message now; returns its `data-msg-id`. */
  customerSays: (id, text) => post(id, 'c', text),
  /** Appends an agent message now; returns its `data-msg-id`. */
  agentSays: (id, text) => post(id, 'a', text),
  /** Messages of one conversation: `{id, role, text, ts}`. */
  messages: (id) => (convs.get(id)?.messages ?? []).map((m) => ({ ...m })),
  /** Stops the simulator clock. */
  pause: () => sim.pause(),
  /** Restarts the simulator clock where it stopped. */
  resume: () => sim.resume(),
  /** `{speed, scenario, paused, played, pending, done}` of the simulator. */
  simulator: () => ({
    speed,
    scenario: onlyScenario,
    paused: sim.paused,
    played: sim.played,
    pending: sim.pending(),
    done: sim.pending() === 0,
  }),
});
document.dispatchEvent(new CustomEvent('demo:ready', { detail: { speed, scenario: onlyScenario } }));
