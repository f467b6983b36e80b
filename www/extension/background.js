// moodwatch extension service worker: keeps the content-script registration in step with the
// site mappings and the host permissions the agent granted, hands each page its adapter
// config, and shows on the action badge whether moodwatch runs in a tab.
import { DEFAULT_SITES, PRESETS, loadSites, matchSite, originToPattern, saveSites } from './sites.js';

const SCRIPT_ID = 'moodwatch';
const LOG = 'moodwatch extension:';

let queue = Promise.resolve();

/** Registers content.js for every mapped origin the extension holds a host permission for. */
function syncContentScripts() {
  queue = queue.then(doSync).catch((e) => console.error(LOG, 'cannot register the content script:', e));
  return queue;
}

async function doSync() {
  const sites = await loadSites();
  const matches = [];
  for (const site of sites) {
    const pattern = originToPattern(site.origin);
    if (await chrome.permissions.contains({ origins: [pattern] })) matches.push(pattern);
    else console.warn(LOG, `no host permission for ${site.origin}: not running there until it is granted in the options page`);
  }
  const wanted = [...new Set(matches)].sort();
  const [current] = await chrome.scripting.getRegisteredContentScripts({ ids: [SCRIPT_ID] });
  if (!wanted.length) {
    if (current) await chrome.scripting.unregisterContentScripts({ ids: [SCRIPT_ID] });
    return;
  }
  if (current && JSON.stringify([...current.matches].sort()) === JSON.stringify(wanted)) return;
  const script = { id: SCRIPT_ID, matches: wanted, js: ['content.js'], runAt: 'document_idle', allFrames: false, persistAcrossSessions: true };
  // Updating in place leaves no moment without a registration (pages loading meanwhile).
  if (current) await chrome.scripting.updateContentScripts([script]);
  else await chrome.scripting.registerContentScripts([script]);
}

async function configFor(url) {
  const site = matchSite(await loadSites(), url);
  if (!site) return { error: `no site mapping covers ${new URL(url).origin}` };
  if (site.config) return { origin: site.origin, preset: 'custom', config: site.config };
  if (!PRESETS.includes(site.preset)) return { error: `unknown preset "${site.preset}" for ${site.origin}` };
  const res = await fetch(chrome.runtime.getURL(`presets/${site.preset}.json`));
  if (!res.ok) return { error: `cannot load presets/${site.preset}.json: HTTP ${res.status}` };
  return { origin: site.origin, preset: site.preset, config: await res.json() };
}

const BADGE = {
  active: { text: 'ON', color: '#1f7a3a' },
  error: { text: '!', color: '#b3261e' },
  skipped: { text: '', color: '#666666' },
};

async function showStatus(tabId, status) {
  const b = BADGE[status.state] ?? { text: '', color: '#666666' };
  await chrome.action.setBadgeBackgroundColor({ tabId, color: b.color });
  await chrome.action.setBadgeText({ tabId, text: b.text });
  const detail = status.state === 'active' ? `运行中 active (${status.preset})` : status.state === 'error' ? `出错 error: ${status.message}` : status.state;
  await chrome.action.setTitle({ tabId, title: `moodwatch: ${detail}` });
}

chrome.runtime.onMessage.addListener((msg, sender, sendResponse) => {
  if (sender.id !== chrome.runtime.id || !msg || typeof msg.type !== 'string') return false;
  if (msg.type === 'moodwatch:config') {
    // The URL comes from the browser (sender), not from the page.
    configFor(sender.url ?? sender.tab?.url ?? '')
      .catch((e) => ({ error: String(e?.message ?? e) }))
      .then(sendResponse);
    return true;
  }
  if (msg.type === 'moodwatch:status' && sender.tab?.id !== undefined) {
    showStatus(sender.tab.id, msg.status ?? {}).catch(() => {});
    return false;
  }
  return false;
});

chrome.runtime.onInstalled.addListener(async ({ reason }) => {
  if (reason === 'install') {
    const { sites } = await chrome.storage.local.get('sites');
    if (!Array.isArray(sites)) await saveSites(DEFAULT_SITES.map((s) => ({ ...s })));
  }
  await syncContentScripts();
});

chrome.runtime.onStartup.addListener(() => syncContentScripts());
chrome.storage.onChanged.addListener((changes, area) => {
  if (area === 'local' && 'sites' in changes) syncContentScripts();
});
chrome.permissions.onAdded.addListener(() => syncContentScripts());
chrome.permissions.onRemoved.addListener(() => syncContentScripts());

/** For tests and support: resolves once the registration reflects the current mappings. */
globalThis.moodwatchSynced = () => syncContentScripts();
