// The demo console on its own: these do not need moodwatch to be built.
import { test, openConsole, assert, assertEqual, waitUntil, screenshot } from './harness.mjs';

const listState = (page) =>
  page.evaluate(() =>
    [...document.querySelectorAll('.cs-app .conv-list .conv-item')].map((item) => ({
      id: item.dataset.convId,
      active: item.classList.contains('is-active'),
      avatar: item.querySelector('.avatar')?.textContent ?? '',
      name: item.querySelector('.conv-name')?.textContent ?? '',
      preview: item.querySelector('.conv-preview')?.textContent ?? '',
      time: item.querySelector('.conv-time')?.textContent ?? '',
      unread: item.querySelector('.unread')?.textContent ?? null,
    })),
  );

const paneState = (page) =>
  page.evaluate(() => {
    const pane = document.querySelector('.cs-app > .chat-pane');
    return {
      convId: pane?.dataset.convId,
      msgs: [...pane.querySelectorAll('.msg-list > .msg')].map((m) => ({
        role: m.dataset.role,
        id: m.dataset.msgId,
        ts: Number(m.dataset.ts),
        text: m.querySelector('.msg-text')?.textContent,
        time: m.querySelector('time.msg-time')?.textContent,
      })),
    };
  });

test('renders the console with at least 4 conversations and unread counts', async ({ page, baseUrl }) => {
  await openConsole(page, baseUrl, '?speed=0');
  const items = await listState(page);
  assert(items.length >= 4, `>= 4 conversations listed, got ${items.length}`);
  for (const it of items) {
    assert(/^c\d+$/.test(it.id), `conv-item has a data-conv-id (${it.id})`);
    assert(it.avatar.length === 1 && it.name && it.preview && /^\d\d:\d\d$/.test(it.time), `conv-item ${it.id} shows avatar, nickname, preview, time: ${JSON.stringify(it)}`);
  }
  const unread = items.filter((it) => it.unread !== null);
  assert(unread.length >= 2, `>= 2 conversations with an unread badge, got ${JSON.stringify(unread)}`);
  for (const it of unread) assert(/^[1-9]\d*$/.test(it.unread), `unread badge is a positive count: ${it.unread}`);
  const active = items.filter((it) => it.active);
  assertEqual(active.length, 1, 'exactly one active conversation');
  assert(active[0].unread === null, 'the open conversation has no unread badge');

  const pane = await paneState(page);
  assertEqual(pane.convId, active[0].id, '.chat-pane[data-conv-id] names the active conversation');
  await page.evaluate(() => window.demoConsole.switchTo('c5'));
  const history = (await paneState(page)).msgs;
  assert(history.length >= 2, `history messages render in .msg-list (${history.length})`);
  for (const m of history) {
    assert(['customer', 'agent'].includes(m.role), `data-role is customer|agent (${m.role})`);
    assert(/^m\d+$/.test(m.id), `data-msg-id like m17 (${m.id})`);
    assert(m.ts > 1.6e12 && m.ts <= Date.now() + 1000, `data-ts is epoch ms (${m.ts})`);
    assert(/^\d\d:\d\d$/.test(m.time), `msg-time is HH:mm (${m.time})`);
  }
  const dom = await page.evaluate(() => ({
    composer: !!document.querySelector('.chat-pane .composer > textarea.chat-input') && !!document.querySelector('.chat-pane .composer > button.send-btn'),
    sendLabel: document.querySelector('.send-btn')?.textContent,
    lastScript: (() => {
      const s = [...document.body.querySelectorAll('script')].at(-1);
      return s && { src: s.getAttribute('src'), preset: s.dataset.preset, async: s.async };
    })(),
    api: Object.keys(window.demoConsole),
    lang: document.documentElement.lang,
  }));
  assert(dom.composer, 'composer has textarea.chat-input and button.send-btn');
  assertEqual(dom.sendLabel, '发送', 'send button label');
  assertEqual(dom.lastScript, { src: 'moodwatch.js', preset: 'demo', async: true }, 'moodwatch is the last script tag in body, loaded async');
  for (const fn of ['conversations', 'current', 'switchTo', 'customerSays', 'agentSays', 'pause', 'resume']) {
    assert(dom.api.includes(fn), `window.demoConsole.${fn} exists`);
  }
  assertEqual(dom.lang, 'zh-CN', 'Chinese UI');
  await page.evaluate(() => window.demoConsole.switchTo('c1'));
  await screenshot(page, 'console');
});

test('typing a reply and pressing Enter appends an agent bubble (Shift+Enter is a newline)', async ({ page, baseUrl }) => {
  await openConsole(page, baseUrl, '?speed=0');
  const before = await paneState(page);
  await page.click('.chat-input');
  await page.keyboard.type('亲，非常抱歉让您久等了');
  await page.keyboard.press('Shift+Enter');
  await page.keyboard.type('今天下午4点前给您发出');
  assertEqual((await paneState(page)).msgs.length, before.msgs.length, 'Shift+Enter does not send');
  const t0 = Date.now();
  await page.keyboard.press('Enter');
  const after = await paneState(page);
  assertEqual(after.msgs.length, before.msgs.length + 1, 'one new bubble');
  const m = after.msgs.at(-1);
  assertEqual(m.role, 'agent', 'the new bubble is the agent’s');
  assertEqual(m.text, '亲，非常抱歉让您久等了\n今天下午4点前给您发出', 'bubble text keeps the newline');
  assert(m.ts >= t0 - 5000 && m.ts <= Date.now() + 5000, `data-ts is the send time (${m.ts})`);
  assertEqual(await page.inputValue('.chat-input'), '', 'input cleared after sending');

  await page.keyboard.press('Enter');
  assertEqual((await paneState(page)).msgs.length, after.msgs.length, 'Enter on an empty input sends nothing');
  await page.fill('.chat-input', '好的亲，已为您登记');
  await page.click('.send-btn');
  const viaButton = await paneState(page);
  assertEqual(viaButton.msgs.at(-1).text, '好的亲，已为您登记', 'the send button sends too');
  const ids = viaButton.msgs.map((x) => x.id);
  assertEqual(new Set(ids).size, ids.length, 'data-msg-id values are unique');
  const convMsgs = await page.evaluate(() => window.demoConsole.messages(window.demoConsole.current()).length);
  assertEqual(convMsgs, viaButton.msgs.length, 'the conversation model has the sent messages');
});

test('switching conversations re-renders the message list and clears unread', async ({ page, baseUrl }) => {
  await openConsole(page, baseUrl, '?speed=0');
  const items = await listState(page);
  const target = items.find((it) => it.unread !== null && !it.active);
  assert(target, 'a conversation with unread messages');
  await page.evaluate(() => {
    window.__oldFirst = document.querySelector('.msg-list > .msg');
    window.__msgList = document.querySelector('.msg-list');
  });
  await page.click(`.conv-item[data-conv-id="${target.id}"]`);
  const list = await listState(page);
  const now = list.find((it) => it.id === target.id);
  assert(now.active, 'clicked conversation becomes active');
  assertEqual(now.unread, null, 'its unread badge is cleared');
  assertEqual(list.filter((it) => it.active).length, 1, 'only one active conversation');
  const pane = await paneState(page);
  assertEqual(pane.convId, target.id, '.chat-pane[data-conv-id] updated');
  const model = await page.evaluate((id) => window.demoConsole.messages(id), target.id);
  assertEqual(pane.msgs.map((m) => [m.id, m.role, m.text]), model.map((m) => [m.id, m.role, m.text]), 'message list shows the new conversation');
  const dom = await page.evaluate(() => ({
    oldDetached: window.__oldFirst ? !window.__oldFirst.isConnected : true,
    sameList: window.__msgList === document.querySelector('.msg-list'),
  }));
  assert(dom.oldDetached, 'old message nodes were replaced');
  assert(dom.sameList, '.msg-list element itself is kept');
  assertEqual(await page.evaluate(() => window.demoConsole.conversations().find((c) => c.id === window.demoConsole.current()).unread), 0, 'model unread is 0');

  // A message to a background conversation raises its badge; one to the open one appends a node.
  const other = list.find((it) => !it.active).id;
  const before = Number(list.find((it) => it.id === other).unread ?? 0);
  await page.evaluate((id) => window.demoConsole.customerSays(id, '你好，这个还有货吗？'), other);
  assertEqual((await listState(page)).find((it) => it.id === other).unread, String(before + 1), 'background unread incremented');
  const id = await page.evaluate((id) => window.demoConsole.customerSays(id, '在吗？'), target.id);
  const last = (await paneState(page)).msgs.at(-1);
  assertEqual([last.id, last.role, last.text], [id, 'customer', '在吗？'], 'customerSays on the open conversation appends a customer bubble');

  // Drafts stay with their conversation.
  await page.fill('.chat-input', '草稿：帮您查一下');
  await page.click(`.conv-item[data-conv-id="${other}"]`);
  assertEqual(await page.inputValue('.chat-input'), '', 'other conversation has its own (empty) draft');
  await page.click(`.conv-item[data-conv-id="${target.id}"]`);
  assertEqual(await page.inputValue('.chat-input'), '草稿：帮您查一下', 'draft restored on switching back');
});

test('the simulator at ?speed=20 plays timestamped messages; pause/resume; ?speed=0 is silent', async ({ page, baseUrl }) => {
  const loadStart = Date.now();
  await openConsole(page, baseUrl, '?speed=20');
  const start = await paneState(page);
  const current = await page.evaluate(() => window.demoConsole.current());
  await waitUntil(async () => (await paneState(page)).msgs.length >= start.msgs.length + 3, { timeout: 15_000, message: '3 simulated messages in the open conversation' });
  const pane = await paneState(page);
  const fresh = pane.msgs.slice(start.msgs.length);
  const roles = new Set(fresh.map((m) => m.role));
  assert(roles.has('customer') && roles.has('agent'), `customer and agent both speak (${[...roles]})`);
  for (let i = 0; i < fresh.length; i++) {
    const m = fresh[i];
    assert(m.ts >= loadStart - 1000 && m.ts <= Date.now() + 1000, `live message ${m.id} has the real send time (${m.ts})`);
    if (i) assert(m.ts >= fresh[i - 1].ts, 'timestamps do not go back');
    const hhmm = new Date(m.ts).toLocaleTimeString('en-GB', { timeZone: 'Asia/Shanghai', hour: '2-digit', minute: '2-digit' });
    assertEqual(m.time, hhmm, `msg-time shows data-ts as HH:mm (${m.id})`);
  }
  const bg = await page.evaluate((cur) => window.demoConsole.conversations().filter((c) => c.id !== cur && c.unread > 0).length, current);
  assert(bg >= 2, `background conversations collect unread messages concurrently (${bg})`);

  await page.evaluate(() => window.demoConsole.pause());
  const played = await page.evaluate(() => window.demoConsole.simulator().played);
  await page.waitForTimeout(1500);
  assertEqual(await page.evaluate(() => window.demoConsole.simulator().played), played, 'paused simulator plays nothing');
  await page.evaluate(() => window.demoConsole.resume());
  await waitUntil(() => page.evaluate((n) => window.demoConsole.simulator().played > n, played), { timeout: 10_000, message: 'simulator resumes' });

  // One scenario only, opened at load.
  await openConsole(page, baseUrl, '?speed=20&scenario=escalation');
  assertEqual(await page.evaluate(() => window.demoConsole.current()), 'c2', 'scenario=escalation opens its conversation');
  const counts0 = await page.evaluate(() => Object.fromEntries(window.demoConsole.conversations().map((c) => [c.id, c.messageCount])));
  await waitUntil(() => page.evaluate(() => window.demoConsole.simulator().played >= 2), { timeout: 15_000, message: 'escalation plays' });
  const counts1 = await page.evaluate(() => Object.fromEntries(window.demoConsole.conversations().map((c) => [c.id, c.messageCount])));
  for (const id of Object.keys(counts0)) {
    if (id === 'c2') assert(counts1[id] > counts0[id], 'escalation conversation got messages');
    else assertEqual(counts1[id], counts0[id], `conversation ${id} stays quiet`);
  }

  await openConsole(page, baseUrl, '?speed=0');
  const quiet0 = await page.evaluate(() => document.querySelectorAll('.msg').length);
  await page.waitForTimeout(1500);
  assertEqual(await page.evaluate(() => [document.querySelectorAll('.msg').length, window.demoConsole.simulator().played]), [quiet0, 0], '?speed=0 runs no simulator');
});
