// The options page: maps site origins to an adapter preset or a custom adapter config, asks
// for the host permission of each site it saves, and keeps the mappings in chrome.storage.
import { DEFAULT_SITES, PRESETS, loadSites, matchSite, normalizeOrigin, originToPattern, parseAdapterConfig, saveSites } from './sites.js';

const $ = (id) => document.getElementById(id);
const form = $('site-form');
const originInput = $('origin');
const presetSelect = $('preset');
const customField = $('custom-field');
const configInput = $('config');
const errorBox = $('form-error');
const statusBox = $('form-status');
const tbody = document.querySelector('#sites tbody');

const isSelector = (sel) => {
  try {
    document.createDocumentFragment().querySelector(sel);
    return true;
  } catch {
    return false;
  }
};

function el(tag, attrs = {}, ...children) {
  const node = document.createElement(tag);
  for (const [k, v] of Object.entries(attrs)) {
    if (k === 'text') node.textContent = v;
    else if (k.startsWith('on')) node.addEventListener(k.slice(2), v);
    else node.setAttribute(k, v);
  }
  node.append(...children);
  return node;
}

let renders = 0;

async function render() {
  const mine = ++renders;
  const sites = await loadSites();
  const rows = [];
  for (const site of sites) {
    const granted = await chrome.permissions.contains({ origins: [originToPattern(site.origin)] });
    const adapter = site.config ? `自定义 custom${site.config.name ? ` (${site.config.name})` : ''}` : site.preset;
    rows.push(
      el(
        'tr',
        { 'data-origin': site.origin },
        el('td', {}, el('code', { text: site.origin })),
        el('td', { class: 'adapter', text: adapter }),
        el('td', { class: granted ? 'granted' : 'missing', text: granted ? '已授权 granted' : '未授权 not granted: 编辑并保存以授权 edit and save to grant' }),
        el(
          'td',
          { class: 'row-actions' },
          el('button', { type: 'button', class: 'secondary', 'aria-label': `编辑 Edit ${site.origin}`, text: '编辑 Edit', onclick: () => edit(site) }),
          el('button', { type: 'button', class: 'danger', 'aria-label': `删除 Remove ${site.origin}`, text: '删除 Remove', onclick: () => remove(site.origin) }),
        ),
      ),
    );
  }
  // A newer render (storage changed meanwhile) wins; the table is swapped in one step.
  if (mine !== renders) return;
  tbody.replaceChildren(...rows);
  $('no-sites').hidden = sites.length > 0;
}

async function presetText(name) {
  const res = await fetch(chrome.runtime.getURL(`presets/${name}.json`));
  return res.ok ? res.text() : '';
}

async function syncCustomField() {
  const custom = presetSelect.value === 'custom';
  customField.hidden = !custom;
  // A custom config usually starts from a preset: prefill the demo one when empty.
  if (custom && !configInput.value.trim()) {
    const text = await presetText('demo');
    if (!configInput.value.trim()) configInput.value = text;
  }
}

function clearMessages() {
  errorBox.textContent = '';
  statusBox.textContent = '';
  for (const f of [originInput, presetSelect, configInput]) {
    f.removeAttribute('aria-invalid');
    f.removeAttribute('aria-errormessage');
  }
}

function showError(message, field) {
  errorBox.textContent = message;
  if (field) {
    field.setAttribute('aria-invalid', 'true');
    field.setAttribute('aria-errormessage', 'form-error');
    field.focus();
  }
}

function edit(site) {
  clearMessages();
  originInput.value = site.origin;
  presetSelect.value = site.config ? 'custom' : site.preset;
  configInput.value = site.config ? JSON.stringify(site.config, null, 2) : '';
  syncCustomField();
  originInput.focus();
}

async function remove(origin) {
  clearMessages();
  const sites = (await loadSites()).filter((s) => s.origin !== origin);
  await saveSites(sites);
  // Give the host permission back unless the manifest grants it (the localhost defaults) or
  // another mapping still needs it.
  const pattern = originToPattern(origin);
  const stillNeeded = sites.some((s) => originToPattern(s.origin) === pattern);
  const required = !origin.includes('*') && matchSite(DEFAULT_SITES, `${origin}/`) !== null;
  if (!stillNeeded && !required) await chrome.permissions.remove({ origins: [pattern] }).catch(() => {});
  statusBox.textContent = `已删除 ${origin} / Removed ${origin}`;
  await render();
  presetSelect.focus();
}

form.addEventListener('submit', async (event) => {
  event.preventDefault();
  clearMessages();
  let origin;
  try {
    origin = normalizeOrigin(originInput.value);
  } catch (e) {
    showError(e.message, originInput);
    return;
  }
  const entry = { origin };
  if (presetSelect.value === 'custom') {
    const parsed = parseAdapterConfig(configInput.value, isSelector);
    if (parsed.error) {
      showError(parsed.error, configInput);
      return;
    }
    entry.config = parsed.config;
  } else if (PRESETS.includes(presetSelect.value)) {
    entry.preset = presetSelect.value;
  } else {
    showError('请选择适配器 / Choose an adapter', presetSelect);
    return;
  }
  // First thing after the click, while the user gesture is still fresh: Chrome asks the agent.
  let granted;
  try {
    granted = await chrome.permissions.request({ origins: [originToPattern(origin)] });
  } catch (e) {
    showError(`无法请求 ${origin} 的访问权限 / Cannot ask for access to ${origin}: ${e.message}`, originInput);
    return;
  }
  if (!granted) {
    showError(`未获得访问 ${origin} 的权限，未保存 / Access to ${origin} was not granted; nothing saved`, originInput);
    return;
  }
  const sites = await loadSites();
  const i = sites.findIndex((s) => s.origin === origin);
  if (i >= 0) sites[i] = entry;
  else sites.push(entry);
  await saveSites(sites);
  if (configInput.value && entry.config) configInput.value = JSON.stringify(entry.config, null, 2);
  const what = entry.config ? '自定义配置 custom config' : `预设 preset "${entry.preset}"`;
  statusBox.textContent = `已保存：${origin} → ${what}。刷新该网站的页面后生效。 / Saved: reload the site's tabs to apply.`;
  await render();
});

$('reset').addEventListener('click', () => {
  clearMessages();
  form.reset();
  configInput.value = '';
  syncCustomField();
  originInput.focus();
});
presetSelect.addEventListener('change', syncCustomField);

// options.html?origin=… (from the popup's "enable on this site") prefills the address.
const fromPopup = new URLSearchParams(location.search).get('origin');
if (fromPopup) originInput.value = fromPopup;
syncCustomField();
chrome.storage.onChanged.addListener((changes, area) => {
  if (area === 'local' && 'sites' in changes) render();
});
render().then(() => document.documentElement.setAttribute('data-ready', ''));
