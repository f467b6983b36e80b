// Site mappings shared by the background worker and the options page: which origins moodwatch
// runs on and with which adapter config. Stored in chrome.storage.local under `sites` as
//   [{origin: "https://shop.example.com", preset: "chatui"},
//    {origin: "http://127.0.0.1:8080", config: {...adapter config...}}]
// An origin is scheme + host (+ port); `*.example.com` covers the subdomains; no port means
// any port (as in Chrome match patterns).

/** Presets shipped in presets/ (the same files as www/presets/*.json). */
export const PRESETS = ['demo', 'chatscope', 'chatui'];

/** Granted at install (manifest host_permissions), so the demo console works out of the box. */
export const DEFAULT_SITES = [
  { origin: 'http://localhost', preset: 'demo' },
  { origin: 'http://127.0.0.1', preset: 'demo' },
];

export async function loadSites() {
  const { sites } = await chrome.storage.local.get('sites');
  return Array.isArray(sites) ? sites : DEFAULT_SITES.map((s) => ({ ...s }));
}

export async function saveSites(sites) {
  await chrome.storage.local.set({ sites });
}

/**
 * Normalises what a person typed ("shop.example.com", "https://*.example.com/",
 * "http://127.0.0.1:8080") into an origin string; throws an Error in Chinese and English.
 */
export function normalizeOrigin(input) {
  let text = String(input ?? '').trim();
  if (!text) throw new Error('请填写网站地址 / Enter the site address, e.g. https://shop.example.com');
  if (!/^[a-z][a-z0-9+.-]*:\/\//i.test(text)) text = `https://${text}`;
  const m = /^([a-z][a-z0-9+.-]*):\/\/(\*\.)?(.*)$/i.exec(text);
  const scheme = m[1].toLowerCase();
  if (scheme !== 'http' && scheme !== 'https') {
    throw new Error(`只支持 http 和 https 网站 / Only http and https sites are supported (got "${scheme}:")`);
  }
  let url;
  try {
    url = new URL(`${scheme}://${m[3]}`);
  } catch {
    throw new Error(`"${input}" 不是有效的网址 / is not a valid address`);
  }
  if (!url.hostname || url.username || url.password || url.search || url.hash || (url.pathname && url.pathname !== '/')) {
    throw new Error(`请只填写网站来源（协议+域名+端口），不要路径 / Enter only the origin (scheme, host, port), no path: "${input}"`);
  }
  if (m[2] && /^\d+\.\d+\.\d+\.\d+$|^\[/.test(url.hostname)) {
    throw new Error('IP 地址不能用通配符 / An IP address cannot take a * wildcard');
  }
  return `${scheme}://${m[2] ? '*.' : ''}${url.host}`;
}

/** The Chrome match pattern for an origin (`…/*`): what host permissions and scripts use. */
export function originToPattern(origin) {
  return `${origin}/*`;
}

function parseOrigin(origin) {
  const m = /^(https?):\/\/(\*\.)?([^/:]+|\[[^\]]+\])(?::(\d+))?$/.exec(origin);
  return m && { scheme: m[1], wildcard: !!m[2], host: m[3], port: m[4] ?? '' };
}

/**
 * The most specific site entry covering `url` (exact host beats wildcard, explicit port beats
 * any port), or null.
 */
export function matchSite(sites, url) {
  let u;
  try {
    u = new URL(url);
  } catch {
    return null;
  }
  const scheme = u.protocol.slice(0, -1);
  const port = u.port || (scheme === 'https' ? '443' : '80');
  let best = null;
  let bestScore = -1;
  for (const site of sites) {
    const o = parseOrigin(site.origin);
    if (!o || o.scheme !== scheme) continue;
    const hostOk = o.wildcard ? u.hostname === o.host || u.hostname.endsWith(`.${o.host}`) : u.hostname === o.host;
    if (!hostOk) continue;
    if (o.port && o.port !== port) continue;
    const score = (o.wildcard ? 0 : 1000) + o.host.length + (o.port ? 2000 : 0);
    if (score > bestScore) [best, bestScore] = [site, score];
  }
  return best;
}

const TOP_KEYS = [
  'name', 'description', 'root', 'messageList', 'message', 'messageId', 'role', 'text', 'time',
  'conversation', 'input', 'lang', 'engine', 'draftDebounceMs', 'dock',
];
const VALUE_RULE_KEYS = ['selector', 'attr'];
const ROLE_KEYS = ['selector', 'attr', 'customer', 'agent', 'customerIf', 'agentIf', 'default'];
const DOCKS = ['top-right', 'top-left', 'bottom-right', 'bottom-left'];

const isObject = (v) => v !== null && typeof v === 'object' && !Array.isArray(v);

/**
 * Checks an adapter config the way moodwatch's `attach` will (docs/adapters.md): JSON syntax,
 * known keys, required keys, types, and (given `isSelector`) CSS selector syntax.
 * Returns `{config}` or `{error}` (one message, Chinese and English, naming the key).
 * @param {string} text
 * @param {(sel: string) => boolean} [isSelector]
 */
export function parseAdapterConfig(text, isSelector) {
  if (!String(text ?? '').trim()) return { error: '请粘贴适配器配置 JSON / Paste an adapter-config JSON object' };
  let config;
  try {
    config = JSON.parse(text);
  } catch (e) {
    return { error: `JSON 格式错误 / Invalid JSON: ${e.message}` };
  }
  const problem = checkAdapterConfig(config, isSelector);
  return problem ? { error: problem } : { config };
}

function checkAdapterConfig(c, isSelector) {
  const bad = (key, what) => `配置项 "${key}" 有误 / adapter "${key}": ${what}`;
  if (!isObject(c)) return '配置必须是一个 JSON 对象 {…} / The config must be a JSON object {…}';
  const unknown = Object.keys(c).filter((k) => !TOP_KEYS.includes(k));
  if (unknown.length) return bad(unknown[0], `未知的配置项 / unknown key; expected one of ${TOP_KEYS.join(', ')}`);
  for (const key of ['messageList', 'message', 'role']) {
    if (!(key in c)) return bad(key, '缺少必填项 / required key is missing');
  }
  const selectors = [];
  for (const key of ['root', 'messageList', 'message', 'text', 'input']) {
    if (!(key in c)) continue;
    if (typeof c[key] !== 'string' || !c[key].trim()) return bad(key, '应为非空的 CSS 选择器字符串 / expected a non-empty CSS selector string');
    selectors.push([key, c[key]]);
  }
  for (const key of ['name', 'description']) {
    if (key in c && typeof c[key] !== 'string') return bad(key, '应为字符串 / expected a string');
  }
  for (const key of ['messageId', 'time', 'conversation']) {
    if (!(key in c)) continue;
    const r = c[key];
    if (!isObject(r)) return bad(key, '应为 {"selector"?, "attr"?} 对象 / expected an object {"selector"?, "attr"?}');
    const extra = Object.keys(r).find((k) => !VALUE_RULE_KEYS.includes(k));
    if (extra) return bad(`${key}.${extra}`, '未知的配置项 / unknown key; expected selector or attr');
    for (const k of VALUE_RULE_KEYS) if (k in r && typeof r[k] !== 'string') return bad(`${key}.${k}`, '应为字符串 / expected a string');
    if (typeof r.selector === 'string') selectors.push([`${key}.selector`, r.selector]);
  }
  const role = c.role;
  if (!isObject(role)) return bad('role', '应为对象 / expected an object');
  const extra = Object.keys(role).find((k) => !ROLE_KEYS.includes(k));
  if (extra) return bad(`role.${extra}`, `未知的配置项 / unknown key; expected one of ${ROLE_KEYS.join(', ')}`);
  for (const k of ['selector', 'attr', 'customerIf', 'agentIf', 'default']) {
    if (k in role && typeof role[k] !== 'string') return bad(`role.${k}`, '应为字符串 / expected a string');
  }
  for (const k of ['customer', 'agent']) {
    if (k in role && !(Array.isArray(role[k]) && role[k].every((v) => typeof v === 'string'))) {
      return bad(`role.${k}`, '应为字符串数组 / expected an array of strings');
    }
  }
  if (!('attr' in role) && !('selector' in role) && !('customerIf' in role) && !('agentIf' in role)) {
    return bad('role', '需要 attr/selector（按取值）或 customerIf/agentIf（按选择器）/ give attr/selector (a value) or customerIf/agentIf (selectors)');
  }
  if ('default' in role && !['customer', 'agent'].includes(role.default)) return bad('role.default', '应为 "customer" 或 "agent" / expected "customer" or "agent"');
  for (const k of ['selector', 'customerIf', 'agentIf']) if (k in role) selectors.push([`role.${k}`, role[k]]);
  if ('lang' in c && !['zh', 'en'].includes(c.lang)) return bad('lang', `应为 "zh" 或 "en" / expected "zh" or "en", got ${JSON.stringify(c.lang)}`);
  if ('dock' in c && !DOCKS.includes(c.dock)) return bad('dock', `应为 / expected one of ${DOCKS.join(', ')}`);
  if ('draftDebounceMs' in c && !(Number.isInteger(c.draftDebounceMs) && c.draftDebounceMs >= 0)) {
    return bad('draftDebounceMs', '应为非负整数（毫秒）/ expected a non-negative integer (ms)');
  }
  if ('engine' in c && !isObject(c.engine)) return bad('engine', '应为对象 / expected an object');
  if (isSelector) {
    for (const [key, sel] of selectors) {
      if (!sel.trim()) return bad(key, '选择器为空 / empty selector');
      if (!isSelector(sel)) return bad(key, `"${sel}" 不是有效的 CSS 选择器 / is not a valid CSS selector`);
    }
  }
  return null;
}
