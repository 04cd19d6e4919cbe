// The employee's inbox: a small page over /api/v1 (docs/architecture.md says why no framework).
// Everything that came from a caller is set with textContent, never as markup.
import { TEXTS } from './texts.js';

const API = '../api/v1';
const params = new URLSearchParams(location.search);
const wanted = params.get('message');
let lang = localStorage.getItem('voicemail.lang') || (navigator.language.startsWith('it') ? 'it' : 'en');
let me = null;
let messages = [];
let filter = wanted ? 'ALL' : 'NEW';

class SessionOver extends Error {}

class Refused extends Error {
  constructor(status, body) {
    super(body.error || String(status));
    this.status = status;
    this.body = body;
  }
}

async function send(path, method = 'GET', body = undefined, type = 'application/json') {
  const headers = { Accept: 'application/json' };
  if (method !== 'GET') headers['X-CSRF-Token'] = me.csrfToken;
  if (body !== undefined) headers['Content-Type'] = type;
  const response = await fetch(API + path, { method, headers, body, credentials: 'same-origin', redirect: 'manual' });
  if (response.type === 'opaqueredirect' || response.status === 401) throw new SessionOver();
  if (response.status === 204) return null;
  const answer = await response.json().catch(() => ({}));
  if (!response.ok) throw new Refused(response.status, answer);
  return answer;
}

const call = (path, method = 'GET') => send(path, method);

const t = (key) => TEXTS[lang][key];

// dates in the mailbox's time zone (the employee's, as the company set it), else the browser's
const zone = () => (me && me.timeZone) || undefined;

function translate() {
  document.documentElement.lang = lang;
  for (const element of document.querySelectorAll('[data-text]')) {
    element.textContent = t(element.dataset.text);
  }
  document.title = t('title');
}

function say(text) {
  document.getElementById('status').textContent = text;
}

function duration(millis) {
  const seconds = Math.round(millis / 1000);
  return `${Math.floor(seconds / 60)}:${String(seconds % 60).padStart(2, '0')}`;
}

const items = new Map(); // message id -> its list item, kept so that a playing player keeps playing

function render() {
  const list = document.getElementById('messages');
  const shown = messages.filter((m) => filter === 'ALL' || m.state === filter);
  for (const button of document.querySelectorAll('#filters button')) {
    const count = messages.filter((m) => button.dataset.filter === 'ALL' || m.state === button.dataset.filter).length;
    button.textContent = `${t(button.dataset.text)} (${count})`;
    button.setAttribute('aria-pressed', String(button.dataset.filter === filter));
  }
  const wantedItems = shown.map((m) => {
    let li = items.get(m.id);
    if (!li) {
      li = create(m.id);
      items.set(m.id, li);
    }
    fill(li, m);
    return li;
  });
  // moving a playing media element pauses it: only insert what is missing, remove what is not shown
  for (const li of [...list.children]) if (!wantedItems.includes(li)) li.remove();
  let before = list.firstElementChild;
  for (const li of wantedItems) {
    if (li === before) {
      before = li.nextElementSibling;
    } else {
      list.insertBefore(li, before);
    }
  }
  say(shown.length === 0 ? t('empty') : '');
}

const byId = (id) => messages.find((m) => m.id === id);

function create(id) {
  const li = document.getElementById('message').content.firstElementChild.cloneNode(true);
  li.dataset.id = id;
  li.querySelector('.play').addEventListener('click', () => play(li, byId(id)));
  li.querySelector('.toggle-heard').addEventListener('click', () => {
    const m = byId(id);
    change(m, m.state === 'NEW' ? 'heard' : 'unheard');
  });
  li.querySelector('.save').addEventListener('click', () => change(byId(id), 'saved'));
  li.querySelector('.forward').addEventListener('click', () => forward(id));
  li.querySelector('.delete').addEventListener('click', () => {
    const m = byId(id);
    change(m, m.state === 'DELETED' ? 'restored' : 'deleted');
  });
  li.querySelector('.download').href = `${API}/messages/${id}/audio?download=true`;
  if (String(id) === wanted) li.classList.add('wanted');
  return li;
}

function fill(li, m) {
  li.dataset.state = m.state;
  li.querySelector('.caller').textContent = m.callerName || (m.callerNumber ? '' : t('unknownCaller'));
  const number = li.querySelector('.number');
  number.textContent = m.callerNumber || '';
  if (m.callerNumber) number.href = `tel:${m.callerNumber}`;
  li.querySelector('.state').textContent = t('state')[m.state] + (m.cutShort ? ` · ${t('cutShort')}` : '');
  const when = li.querySelector('.when');
  when.dateTime = m.receivedAt;
  when.textContent = new Intl.DateTimeFormat(lang, { dateStyle: 'medium', timeStyle: 'short', timeZone: zone() }).format(new Date(m.receivedAt));
  li.querySelector('.duration').textContent = duration(m.durationMillis);
  const email = li.querySelector('.email');
  email.textContent = t('email')[m.email.status];
  email.dataset.status = m.email.status;
  const heard = li.querySelector('.toggle-heard');
  heard.textContent = m.state === 'NEW' ? t('markHeard') : t('markUnheard');
  heard.hidden = m.state !== 'NEW' && m.state !== 'HEARD';
  li.querySelector('.save').hidden = m.state === 'SAVED';
  li.querySelector('.delete').textContent = m.state === 'DELETED' ? t('restore') : t('delete');
  const back = li.querySelector('.call-back');
  back.hidden = !m.callerNumber;
  if (m.callerNumber) back.href = `tel:${m.callerNumber}`;
  for (const element of li.querySelectorAll('[data-text]')) element.textContent = t(element.dataset.text);
}

function play(li, m) {
  const audio = li.querySelector('audio');
  if (!audio.src) {
    audio.src = `${API}/messages/${m.id}/audio`;
    audio.addEventListener('play', () => { const now = byId(m.id); if (now && now.state === 'NEW') change(now, 'heard'); }, { once: true });
  }
  audio.play();
}

async function change(m, what) {
  try {
    const now = await call(`/messages/${m.id}/${what}`, 'POST');
    messages = messages.map((x) => (x.id === now.id ? now : x));
    render();
  } catch (e) {
    failed(e);
  }
}

async function forward(id) {
  const mailbox = window.prompt(t('forwardTo'));
  if (!mailbox) return;
  try {
    await send(`/messages/${id}/forward`, 'POST', JSON.stringify({ mailbox: mailbox.trim() }));
    say(t('forwarded'));
  } catch (e) {
    say(e instanceof SessionOver ? t('sessionOver') : e.message);
  }
}

function failed(e) {
  say(e instanceof SessionOver ? t('sessionOver') : t('failed'));
}

async function refresh() {
  try {
    const before = new Set(messages.map((m) => m.id));
    messages = await call('/messages');
    if (before.size > 0 && messages.some((m) => !before.has(m.id))) document.title = `● ${t('title')}`;
    render();
  } catch (e) {
    failed(e);
  }
}

function show(section) {
  for (const button of document.querySelectorAll('#sections button')) {
    button.setAttribute('aria-pressed', String(button.dataset.section === section));
  }
  document.getElementById('inbox').hidden = section !== 'inbox';
  document.getElementById('settings').hidden = section !== 'settings';
  if (section === 'settings') {
    greetings();
    settings();
  }
}

const LANGUAGE_NAMES = { it: 'Italiano', en: 'English' };

function showSettings(view) {
  const own = new Set(view.own);
  const company = view.company;
  document.getElementById('settings-emails').value = own.has('emails') ? view.current.emails.join('\n') : '';
  document.getElementById('settings-emails').placeholder = company.emails.join('\n');
  document.getElementById('settings-emails-hint').textContent = `${t('emailsHint')}: ${company.emails.join(', ') || t('none')}`;
  const attachments = document.getElementById('settings-attachments');
  attachments.querySelector('.company').textContent = `${t('asCompany')} (${t(company.attachments)})`;
  attachments.value = own.has('attachments') ? view.current.attachments : '';
  const language = document.getElementById('settings-language');
  language.querySelector('.company').textContent = `${t('asCompany')} (${LANGUAGE_NAMES[company.language]})`;
  language.value = own.has('language') ? view.current.language : '';
  const timeZone = document.getElementById('settings-time-zone');
  timeZone.value = own.has('timeZone') ? view.current.timeZone : '';
  timeZone.placeholder = company.timeZone;
  document.getElementById('settings-time-zone-hint').textContent = `${t('timeZoneHint')}: ${company.timeZone}`;
}

async function settings() {
  try {
    showSettings(await call('/settings'));
  } catch (e) {
    note(e instanceof SessionOver ? t('sessionOver') : e.message);
  }
}

async function saveSettings(event) {
  event.preventDefault();
  const emails = document.getElementById('settings-emails').value.split(/[\s,;]+/).filter((a) => a);
  const value = (id) => document.getElementById(id).value.trim() || null;
  const wanted = {
    emails: emails.length ? emails : null,
    attachments: value('settings-attachments'),
    language: value('settings-language'),
    timeZone: value('settings-time-zone'),
  };
  try {
    const view = await send('/settings', 'PUT', JSON.stringify(wanted));
    showSettings(view);
    me = await call('/me'); // dates in the new time zone
    render();
    note(t('settingsSaved'));
  } catch (e) {
    note(e instanceof SessionOver ? t('sessionOver') : e.message);
  }
}

function note(text) {
  document.getElementById('settings-status').textContent = text;
}

async function greetings() {
  try {
    const all = await call('/greetings');
    for (const box of document.querySelectorAll('section.greeting')) {
      const greeting = all[box.dataset.kind];
      box.querySelector('.current').textContent = greeting ? `${t('greetingOf')} ${duration(greeting.millis)}` : t('noGreeting');
      const audio = box.querySelector('audio');
      audio.hidden = !greeting;
      if (greeting) audio.src = `${API}/greetings/${box.dataset.kind}/audio?v=${Date.now()}`;
      else audio.removeAttribute('src');
      box.querySelector('.remove').hidden = !greeting;
    }
  } catch (e) {
    note(e instanceof SessionOver ? t('sessionOver') : e.message);
  }
}

async function upload(box) {
  const file = box.querySelector('.file').files[0];
  if (!file) {
    note(t('chooseFile'));
    return;
  }
  await save(box, file);
  box.querySelector('.file').value = '';
}

async function save(box, audio) {
  try {
    await send(`/greetings/${box.dataset.kind}`, 'PUT', audio, 'audio/wav');
    note(t('greetingSaved'));
  } catch (e) {
    note(e instanceof SessionOver ? t('sessionOver') : e.message);
  }
  greetings();
}

// Recording in the browser: the microphone's samples as they come (Web Audio), kept as 16-bit PCM
// and sent as a WAV at the browser's own rate; the service converts it to 8 kHz like any upload.
let recording = null;

async function record(box) {
  if (recording) {
    await recording.stop();
    return;
  }
  let stream;
  try {
    stream = await navigator.mediaDevices.getUserMedia({ audio: true });
  } catch (e) {
    note(t('noMicrophone'));
    return;
  }
  const context = new AudioContext();
  const source = context.createMediaStreamSource(stream);
  const processor = context.createScriptProcessor(4096, 1, 1);
  const chunks = [];
  processor.onaudioprocess = (event) => chunks.push(new Float32Array(event.inputBuffer.getChannelData(0)));
  source.connect(processor);
  processor.connect(context.destination);
  const button = box.querySelector('.record');
  button.dataset.text = 'stopRecording';
  button.textContent = t('stopRecording');
  note(t('recording'));
  const limit = setTimeout(() => recording && recording.stop(), 120_000);
  recording = {
    stop: async () => {
      clearTimeout(limit);
      recording = null;
      processor.disconnect();
      source.disconnect();
      stream.getTracks().forEach((track) => track.stop());
      const rate = context.sampleRate;
      await context.close();
      button.dataset.text = 'record';
      button.textContent = t('record');
      await save(box, wav(chunks, rate));
    },
  };
}

function wav(chunks, rate) {
  const length = chunks.reduce((sum, chunk) => sum + chunk.length, 0);
  const view = new DataView(new ArrayBuffer(44 + 2 * length));
  const text = (offset, value) => [...value].forEach((c, i) => view.setUint8(offset + i, c.charCodeAt(0)));
  text(0, 'RIFF');
  view.setUint32(4, 36 + 2 * length, true);
  text(8, 'WAVE');
  text(12, 'fmt ');
  view.setUint32(16, 16, true);
  view.setUint16(20, 1, true);
  view.setUint16(22, 1, true);
  view.setUint32(24, rate, true);
  view.setUint32(28, rate * 2, true);
  view.setUint16(32, 2, true);
  view.setUint16(34, 16, true);
  text(36, 'data');
  view.setUint32(40, 2 * length, true);
  let offset = 44;
  for (const chunk of chunks) {
    for (const sample of chunk) {
      view.setInt16(offset, Math.max(-1, Math.min(1, sample)) * 0x7fff, true);
      offset += 2;
    }
  }
  return new Blob([view], { type: 'audio/wav' });
}

async function removeGreeting(box) {
  try {
    await send(`/greetings/${box.dataset.kind}`, 'DELETE');
    note(t('greetingRemoved'));
  } catch (e) {
    note(e instanceof SessionOver ? t('sessionOver') : e.message);
  }
  greetings();
}

async function changePin(event) {
  event.preventDefault();
  const current = document.getElementById('pin-current');
  const pin = document.getElementById('pin-new');
  const repeat = document.getElementById('pin-repeat');
  if (pin.value !== repeat.value) {
    note(t('pinsDiffer'));
    return;
  }
  try {
    await send('/pin', 'PUT', JSON.stringify({ current: current.value, pin: pin.value }));
    note(t('pinChanged'));
    for (const input of [current, pin, repeat]) input.value = '';
  } catch (e) {
    if (e instanceof SessionOver) note(t('sessionOver'));
    else if (e.status === 403) note(t('wrongPin'));
    else if (e.status === 423) note(`${t('pinLocked')} ${new Intl.DateTimeFormat(lang, { timeStyle: 'short', timeZone: zone() }).format(new Date(e.body.lockedUntil))}`);
    else note(e.message);
  }
}

function listen() {
  const events = new EventSource(`${API}/events`);
  events.addEventListener('message-stored', () => refresh());
  events.onerror = () => {
    // the browser reconnects by itself; a session that ended shows at the next refresh
  };
}

async function start() {
  translate();
  say(t('loading'));
  try {
    me = await call('/me');
  } catch (e) {
    failed(e);
    return;
  }
  if (!localStorage.getItem('voicemail.lang') && TEXTS[me.language]) {
    lang = me.language; // the mailbox's language, until the user picks one
    translate();
  }
  document.getElementById('user').textContent = me.user;
  document.getElementById('csrf').value = me.csrfToken;
  for (const button of document.querySelectorAll('#filters button')) {
    button.addEventListener('click', () => { filter = button.dataset.filter; render(); });
  }
  document.getElementById('language').addEventListener('click', () => {
    lang = lang === 'it' ? 'en' : 'it';
    localStorage.setItem('voicemail.lang', lang);
    translate();
    render();
  });
  for (const button of document.querySelectorAll('#sections button')) {
    button.addEventListener('click', () => show(button.dataset.section));
  }
  for (const kind of ['unavailable', 'temporary']) {
    const box = document.getElementById('greeting').content.firstElementChild.cloneNode(true);
    box.dataset.kind = kind;
    box.querySelector('h2').dataset.text = `${kind}Greeting`;
    box.querySelector('.hint').dataset.text = `${kind}Hint`;
    box.querySelector('.upload').addEventListener('click', () => upload(box));
    box.querySelector('.remove').addEventListener('click', () => removeGreeting(box));
    box.querySelector('.record').addEventListener('click', () => record(box));
    document.getElementById('greetings').append(box);
  }
  translate();
  document.getElementById('pin-form').addEventListener('submit', changePin);
  document.getElementById('settings-form').addEventListener('submit', saveSettings);
  const zones = document.getElementById('time-zones');
  for (const id of (Intl.supportedValuesOf ? Intl.supportedValuesOf('timeZone') : [])) {
    const option = document.createElement('option');
    option.value = id;
    zones.append(option);
  }
  document.addEventListener('visibilitychange', () => { if (!document.hidden) document.title = t('title'); });
  await refresh();
  const target = document.querySelector('li.wanted');
  if (target) target.scrollIntoView({ block: 'center' });
  listen();
}

start();
