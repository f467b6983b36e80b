// The action popup: whether moodwatch runs in the current tab, with which adapter, and a way
// to enable it on this site.
import { loadSites, matchSite, originToPattern } from './sites.js';

const $ = (id) => document.getElementById(id);

function show(zh, en, cls) {
  const state = $('state');
  state.className = `state ${cls}`;
  state.replaceChildren(zh, ' ', Object.assign(document.createElement('span'), { lang: 'en', className: 'en', textContent: en }));
}

async function main() {
  $('settings').addEventListener('click', () => chrome.runtime.openOptionsPage());
  const [tab] = await chrome.tabs.query({ active: true, currentWindow: true });
  const url = tab?.url ? new URL(tab.url) : null;
  if (!url || !/^https?:$/.test(url.protocol)) {
    show('此页面不适用。', 'Not available on this page.', 'off');
    return;
  }
  $('site').textContent = url.origin;
  // The content script knows best; no answer means it is not running in this tab.
  const status = await chrome.tabs.sendMessage(tab.id, { type: 'moodwatch:ping' }).catch(() => null);
  if (status?.state === 'active') {
    const adapter = status.preset === 'custom' ? '自定义 custom' : status.preset;
    show(`运行中（适配器 ${adapter}）。`, `Active (adapter ${adapter}).`, 'on');
    return;
  }
  if (status?.state === 'error') return show(`出错：${status.message}`, 'Error: see the console of this tab.', 'error');
  if (status?.state === 'skipped') return show('页面已自带 moodwatch，扩展未重复加载。', 'The page embeds moodwatch itself.', 'off');
  if (status?.state === 'loading') return show('正在加载…', 'Loading…', 'off');
  const site = matchSite(await loadSites(), url.href);
  if (site) {
    const granted = await chrome.permissions.contains({ origins: [originToPattern(site.origin)] });
    if (!granted) show('已配置，但未授权访问此网站。', 'Configured, but access to this site is not granted.', 'error');
    else show('已配置：刷新页面后生效。', 'Configured: reload the page to start.', 'off');
    return;
  }
  show('未在此网站启用。', 'Not enabled on this site.', 'off');
  const enable = $('enable');
  enable.hidden = false;
  enable.addEventListener('click', () =>
    chrome.tabs.create({ url: chrome.runtime.getURL(`options.html?origin=${encodeURIComponent(url.origin)}`) }),
  );
}

main().catch((e) => show(`出错：${e.message}`, 'Error.', 'error'));
