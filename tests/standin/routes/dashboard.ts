// A small stand-in for Chatwoot's Vue dashboard (docs/CHATWOOT.md §1, §2): one HTML shell for every
// /app/* route, client-side navigation with history.pushState (no page load), the session kept
// in the js-cookie-written `cw_d_session_info` cookie, and data read from the API with the
// session headers. No external assets; every customer-supplied string goes in as text.
import { JS_COOKIE_SOURCE, SESSION_COOKIE, SIGNED_OUT_COOKIE } from './auth';
import type { StandinState } from '../types';

export function escapeHtml(s: string): string {
  return s.replace(
    /[&<>"']/g,
    (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[c] ?? c,
  );
}

const STYLE = `
  * { box-sizing: border-box; }
  body { margin: 0; font: 15px/1.4 system-ui, sans-serif; color: #1f2933; background: #fff; }
  a { color: #1f5fbf; }
  a:focus-visible, button:focus-visible, textarea:focus-visible, input:focus-visible {
    outline: 3px solid #1f5fbf; outline-offset: 2px; }
  .topbar { display: flex; gap: 1rem; align-items: center; padding: .5rem 1rem; border-bottom: 1px solid #ccd; }
  .layout { display: grid; grid-template-columns: 12rem 20rem 1fr; min-height: calc(100vh - 3rem); }
  .layout > * { padding: .75rem; border-right: 1px solid #dde; overflow: auto; }
  ul { list-style: none; margin: 0; padding: 0; }
  #conversation-list li { padding: .4rem 0; border-bottom: 1px solid #eef; }
  #conversation-list a[aria-current="page"] { font-weight: 700; }
  .preview { margin: .1rem 0 0; color: #52606d; font-size: 13px; overflow-wrap: anywhere; }
  .msg { margin: .4rem 0; padding: .4rem .6rem; border-radius: 6px; background: #f1f5f9; white-space: pre-wrap; overflow-wrap: anywhere; }
  .msg[data-message-type="1"] { background: #e0ecff; }
  .msg[data-private="true"] { background: #fff4cc; }
  .msg[data-message-type="2"] { background: none; color: #52606d; font-style: italic; }
  textarea { width: 100%; min-height: 4rem; }
`;

/** The SPA itself. Plain ES5-ish JavaScript so it runs as-is in any Chromium. */
const SHELL_SCRIPT = String.raw`
(function () {
  'use strict';
  var COOKIE = '__SESSION_COOKIE__';
  var SIGNED_OUT = '__SIGNED_OUT_COOKIE__';
  var listState = { key: null, page: 1, items: [], meta: null };
  var generation = 0;

  function readCookie(name) {
    var parts = document.cookie ? document.cookie.split('; ') : [];
    for (var i = 0; i < parts.length; i++) {
      var eq = parts[i].indexOf('=');
      if (parts[i].slice(0, eq) === name) return parts[i].slice(eq + 1);
    }
    return null;
  }
  function session() {
    var raw = readCookie(COOKIE);
    if (!raw) return null;
    try { return JSON.parse(decodeURIComponent(raw)); } catch (e) { return null; }
  }
  // Chatwoot replays these cookie keys as request headers.
  function authHeaders() {
    var s = session() || {};
    var h = { 'content-type': 'application/json' };
    ['access-token', 'token-type', 'client', 'expiry', 'uid'].forEach(function (k) {
      if (s[k]) h[k] = String(s[k]);
    });
    return h;
  }
  function api(method, path, body) {
    return fetch(path, {
      method: method,
      headers: authHeaders(),
      body: body === undefined ? undefined : JSON.stringify(body)
    }).then(function (res) {
      return res.text().then(function (text) {
        var data = null;
        try { data = text ? JSON.parse(text) : null; } catch (e) { data = null; }
        return { status: res.status, data: data };
      });
    }, function () { return { status: 0, data: null }; });
  }
  function el(tag, attrs, children) {
    var node = document.createElement(tag);
    Object.keys(attrs || {}).forEach(function (k) { node.setAttribute(k, attrs[k]); });
    (children || []).forEach(function (c) {
      node.appendChild(typeof c === 'string' ? document.createTextNode(c) : c);
    });
    return node;
  }
  function clear(node) { while (node.firstChild) node.removeChild(node.firstChild); }
  function displayName(contact) {
    var n = contact && typeof contact.name === 'string' ? contact.name.trim() : '';
    return n || 'Customer';
  }

  var ROUTES = [
    [/^\/app\/accounts\/(\d+)\/dashboard\/?$/, 'dashboard', false, false],
    [/^\/app\/accounts\/(\d+)\/conversations\/(\d+)\/?$/, 'dashboard', false, true],
    [/^\/app\/accounts\/(\d+)\/inbox\/(\d+)\/?$/, 'inbox', true, false],
    [/^\/app\/accounts\/(\d+)\/inbox\/(\d+)\/conversations\/(\d+)\/?$/, 'inbox', true, true],
    [/^\/app\/accounts\/(\d+)\/label\/([^/]+)\/?$/, 'label', true, false],
    [/^\/app\/accounts\/(\d+)\/label\/([^/]+)\/conversations\/(\d+)\/?$/, 'label', true, true],
    [/^\/app\/accounts\/(\d+)\/team\/(\d+)\/?$/, 'team', true, false],
    [/^\/app\/accounts\/(\d+)\/team\/(\d+)\/conversations\/(\d+)\/?$/, 'team', true, true],
    [/^\/app\/accounts\/(\d+)\/custom_view\/(\d+)\/?$/, 'custom_view', true, false],
    [/^\/app\/accounts\/(\d+)\/custom_view\/(\d+)\/conversations\/(\d+)\/?$/, 'custom_view', true, true],
    [/^\/app\/accounts\/(\d+)\/mentions\/conversations\/?$/, 'mentions', false, false],
    [/^\/app\/accounts\/(\d+)\/mentions\/conversations\/(\d+)\/?$/, 'mentions', false, true],
    [/^\/app\/accounts\/(\d+)\/unattended\/conversations\/?$/, 'unattended', false, false],
    [/^\/app\/accounts\/(\d+)\/unattended\/conversations\/(\d+)\/?$/, 'unattended', false, true],
    [/^\/app\/accounts\/(\d+)\/participating\/conversations\/?$/, 'participating', false, false],
    [/^\/app\/accounts\/(\d+)\/participating\/conversations\/(\d+)\/?$/, 'participating', false, true],
    [/^\/app\/accounts\/(\d+)\/inbox-view\/?$/, 'inbox-view', false, false],
    [/^\/app\/accounts\/(\d+)\/inbox-view\/conversation\/(\d+)\/?$/, 'inbox-view', false, true]
  ];
  function parseRoute(pathname) {
    for (var i = 0; i < ROUTES.length; i++) {
      var r = ROUTES[i];
      var m = r[0].exec(pathname);
      if (!m) continue;
      var param = r[2] ? m[2] : null;
      var conv = r[3] ? (r[2] ? m[3] : m[2]) : null;
      return { account: m[1], kind: r[1], param: param, conversation: conv };
    }
    var acc = /^\/app\/accounts\/(\d+)/.exec(pathname);
    return { account: acc ? acc[1] : null, kind: 'unknown', param: null, conversation: null };
  }
  function conversationHref(r, id) {
    var a = '/app/accounts/' + r.account;
    switch (r.kind) {
      case 'inbox': return a + '/inbox/' + r.param + '/conversations/' + id;
      case 'label': return a + '/label/' + r.param + '/conversations/' + id;
      case 'team': return a + '/team/' + r.param + '/conversations/' + id;
      case 'custom_view': return a + '/custom_view/' + r.param + '/conversations/' + id;
      case 'mentions': return a + '/mentions/conversations/' + id;
      case 'unattended': return a + '/unattended/conversations/' + id;
      case 'participating': return a + '/participating/conversations/' + id;
      case 'inbox-view': return a + '/inbox-view/conversation/' + id;
      default: return a + '/conversations/' + id;
    }
  }
  function fetchList(r, page) {
    var base = '/api/v1/accounts/' + r.account + '/conversations';
    var q = 'status=open&assignee_type=all&page=' + page;
    if (r.kind === 'custom_view') {
      return api('GET', '/api/v1/accounts/' + r.account + '/custom_filters/' + r.param).then(function (v) {
        if (v.status !== 200) return v;
        return api('POST', base + '/filter?page=' + page, { payload: v.data.query.payload }).then(function (res) {
          return res.status === 200 ? { status: 200, data: { data: res.data } } : res;
        });
      });
    }
    if (r.kind === 'inbox') q += '&inbox_id=' + encodeURIComponent(r.param);
    if (r.kind === 'label') q += '&labels[]=' + encodeURIComponent(decodeURIComponent(r.param));
    if (r.kind === 'team') q += '&team_id=' + encodeURIComponent(r.param);
    if (r.kind === 'mentions') q += '&conversation_type=mention';
    if (r.kind === 'unattended') q += '&conversation_type=unattended';
    if (r.kind === 'participating') q += '&conversation_type=participating';
    return api('GET', base + '?' + q);
  }

  function renderList(r) {
    var ul = document.getElementById('conversation-list');
    clear(ul);
    listState.items.forEach(function (c) {
      var href = conversationHref(r, c.id);
      var link = el('a', { href: href, 'data-spa-link': '' }, [displayName(c.meta && c.meta.sender) + ' #' + c.id]);
      if (r.conversation === String(c.id)) link.setAttribute('aria-current', 'page');
      var last = c.messages && c.messages[0];
      var preview = el('p', { class: 'preview' }, [c.status + (last && last.content ? ' · ' + String(last.content).slice(0, 80) : '')]);
      ul.appendChild(el('li', {}, [link, preview]));
    });
    var more = document.getElementById('load-more');
    more.hidden = !(listState.meta && listState.items.length < listState.meta.all_count);
    ul.setAttribute('aria-busy', 'false');
  }
  function loadList(r, page) {
    var key = r.account + '|' + r.kind + '|' + r.param;
    var ul = document.getElementById('conversation-list');
    ul.setAttribute('aria-busy', 'true');
    return fetchList(r, page).then(function (res) {
      if (key !== listState.key) return;
      if (res.status === 401) { showAuthProblem(res); return; }
      var data = res.data && res.data.data;
      if (res.status !== 200 || !data) { ul.setAttribute('aria-busy', 'false'); return; }
      listState.meta = data.meta;
      listState.page = page;
      listState.items = page === 1 ? data.payload : listState.items.concat(data.payload);
      renderList(parseRoute(window.location.pathname));
    });
  }

  function messageLabel(m) {
    if (m.message_type === 0) return 'Customer';
    if (m.message_type === 2) return 'Activity';
    if (m.private) return 'Private note';
    return 'Agent';
  }
  function renderConversation(r, gen) {
    var main = document.getElementById('conversation-view');
    if (!r.conversation) {
      clear(main);
      main.appendChild(el('h1', { id: 'conversation-title' }, [r.kind === 'unknown' ? 'Page not found' : 'Select a conversation']));
      document.title = 'Chatwoot';
      return Promise.resolve();
    }
    var base = '/api/v1/accounts/' + r.account + '/conversations/' + r.conversation;
    main.setAttribute('aria-busy', 'true');
    return Promise.all([api('GET', base), api('GET', base + '/messages')]).then(function (res) {
      if (gen !== generation) return;
      var conv = res[0];
      var msgs = res[1];
      clear(main);
      main.setAttribute('aria-busy', 'false');
      if (conv.status !== 200) {
        var text = conv.status === 404 ? 'This conversation could not be found.'
          : conv.status === 401 ? 'You are not authorized to view this conversation.'
          : 'Could not load the conversation (' + conv.status + ').';
        main.appendChild(el('h1', { id: 'conversation-title' }, ['Conversation #' + r.conversation]));
        main.appendChild(el('p', { role: 'alert' }, [text]));
        return;
      }
      var c = conv.data;
      var name = displayName(c.meta && c.meta.sender);
      document.title = name + ' #' + c.id + ' - Chatwoot';
      main.appendChild(el('h1', { id: 'conversation-title' }, [name]));
      main.appendChild(el('p', { id: 'conversation-meta' }, [
        '#' + c.id + ' · ' + c.status + (c.labels.length ? ' · labels: ' + c.labels.join(', ') : '')
      ]));
      var ol = el('ol', { 'aria-label': 'Messages' }, []);
      ((msgs.data && msgs.data.payload) || []).forEach(function (m) {
        ol.appendChild(el('li', {
          class: 'msg', 'data-message-id': String(m.id), 'data-message-type': String(m.message_type), 'data-private': String(!!m.private)
        }, [messageLabel(m) + ': ' + (m.content == null ? '' : String(m.content))]));
      });
      main.appendChild(ol);
      var form = el('form', { id: 'reply-form', 'aria-label': 'Reply' }, [
        el('label', { for: 'reply-text' }, ['Reply']),
        el('textarea', { id: 'reply-text', name: 'content' }, []),
        el('label', {}, [el('input', { type: 'checkbox', id: 'reply-private' }, []), ' Private note']),
        el('button', { type: 'submit' }, ['Send'])
      ]);
      form.addEventListener('submit', function (e) {
        e.preventDefault();
        var text = document.getElementById('reply-text').value;
        var priv = document.getElementById('reply-private').checked;
        api('POST', base + '/messages', { content: text, message_type: 'outgoing', private: priv }).then(function () { render(); });
      });
      main.appendChild(form);
      var toggle = el('button', { type: 'button', id: 'toggle-status' }, [c.status === 'resolved' ? 'Reopen' : 'Resolve']);
      toggle.addEventListener('click', function () {
        api('POST', base + '/toggle_status', { status: c.status === 'resolved' ? 'open' : 'resolved' }).then(function () {
          listState.key = null;
          render();
        });
      });
      main.appendChild(toggle);
      api('POST', base + '/update_last_seen');
    });
  }

  function showAuthProblem(res) {
    var main = document.getElementById('conversation-view');
    clear(main);
    main.appendChild(el('h1', { id: 'conversation-title' }, ['Signed out']));
    var msg = res.data && (res.data.error || (res.data.errors && res.data.errors[0])) || 'Please sign in.';
    main.appendChild(el('p', { role: 'alert' }, [msg + ' ']));
    main.appendChild(el('a', { href: '/app/login' }, ['Sign in']));
  }

  function render() {
    generation += 1;
    var gen = generation;
    var r = parseRoute(window.location.pathname);
    var key = r.account + '|' + r.kind + '|' + r.param;
    if (r.account && key !== listState.key) {
      listState = { key: key, page: 1, items: [], meta: null };
      loadList(r, 1);
    } else {
      renderList(r);
    }
    return renderConversation(r, gen);
  }

  if (!session()) {
    window.location.replace('/app/login');
    return;
  }
  api('GET', '/api/v1/profile').then(function (res) {
    var who = document.getElementById('current-user');
    if (res.status === 200) who.textContent = res.data.name + ' (' + res.data.email + ')';
    else showAuthProblem(res);
  });
  // Chatwoot's router: same-origin links change the route with pushState, no page load.
  document.addEventListener('click', function (e) {
    var a = e.target && e.target.closest ? e.target.closest('a[data-spa-link]') : null;
    if (!a || e.defaultPrevented || e.button !== 0 || e.metaKey || e.ctrlKey || e.shiftKey || e.altKey) return;
    e.preventDefault();
    if (a.getAttribute('href') !== window.location.pathname) {
      window.history.pushState({}, '', a.getAttribute('href'));
    }
    render();
  });
  window.addEventListener('popstate', function () { render(); });
  document.getElementById('load-more').addEventListener('click', function () {
    loadList(parseRoute(window.location.pathname), listState.page + 1);
  });
  document.getElementById('sign-out').addEventListener('click', function () {
    var headers = authHeaders();
    fetch('/auth/sign_out', { method: 'DELETE', headers: headers }).catch(function () {}).then(function () {
      // clearBrowserSessionCookies() in Chatwoot's store/utils/api.js
      document.cookie = COOKIE + '=; path=/; expires=Thu, 01 Jan 1970 00:00:00 GMT';
      document.cookie = SIGNED_OUT + '=1; path=/; SameSite=Lax';
      window.location.assign('/app/login');
    });
  });
  render();
})();
`;

const LOGIN_SCRIPT = String.raw`
(function () {
  'use strict';
  var form = document.getElementById('login-form');
  form.addEventListener('submit', function (e) {
    e.preventDefault();
    var status = document.getElementById('login-status');
    status.textContent = '';
    fetch('/auth/sign_in', {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({
        email: document.getElementById('email').value,
        password: document.getElementById('password').value
      })
    }).then(function (res) {
      return res.json().then(function (body) {
        if (!res.ok) {
          status.textContent = (body && body.errors && body.errors[0]) || 'Sign in failed';
          return;
        }
        // setAuthCredentials(): JSON.stringify(response.headers), expires in whole days.
        var headers = {};
        res.headers.forEach(function (value, key) { headers[key] = value; });
        var days = Math.trunc((Number(headers.expiry) * 1000 - Date.now()) / 864e5);
        if (!(days > 0)) days = 60; // the stand-in may run on a test clock
        jsCookieSet('__SESSION_COOKIE__', JSON.stringify(headers), { expires: days, sameSite: 'Lax' });
        document.cookie = '__SIGNED_OUT_COOKIE__=; path=/; expires=Thu, 01 Jan 1970 00:00:00 GMT';
        var account = body.data && body.data.accounts && body.data.accounts[0];
        window.location.assign(account ? '/app/accounts/' + account.id + '/dashboard' : '/app/login');
      });
    }, function () { status.textContent = 'Network error'; });
  });
})();
`;

function fill(script: string): string {
  return script
    .replaceAll('__SESSION_COOKIE__', SESSION_COOKIE)
    .replaceAll('__SIGNED_OUT_COOKIE__', SIGNED_OUT_COOKIE);
}

function page(title: string, body: string, script: string): string {
  return `<!doctype html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>${escapeHtml(title)}</title>
<style>${STYLE}</style>
</head>
<body>
${body}
<script>${JS_COOKIE_SOURCE}
${fill(script)}</script>
</body>
</html>
`;
}

export function loginPage(): string {
  return page(
    'Login - Chatwoot',
    `<main>
  <h1>Sign in to Chatwoot (stand-in)</h1>
  <form id="login-form">
    <p><label for="email">Email</label><br><input id="email" name="email" type="email" autocomplete="username" required></p>
    <p><label for="password">Password</label><br><input id="password" name="password" type="password" autocomplete="current-password" required></p>
    <p><button type="submit">Login</button></p>
    <p id="login-status" role="alert"></p>
  </form>
</main>`,
    LOGIN_SCRIPT,
  );
}

/** Sidebar links for the account in the URL (inboxes the viewer cannot open are still listed, as in Chatwoot for admins). */
function sidebar(state: StandinState, accountId: number | null): string {
  const account = state.accounts.find((a) => a.id === accountId);
  if (!account) return '<p>Unknown account</p>';
  const a = `/app/accounts/${account.id}`;
  const link = (href: string, text: string) =>
    `<li><a href="${escapeHtml(href)}" data-spa-link>${escapeHtml(text)}</a></li>`;
  const inboxes = state.inboxes
    .filter((i) => i.accountId === account.id)
    .map((i) => link(`${a}/inbox/${i.id}`, i.name));
  const labels = account.labels.map((l) =>
    link(`${a}/label/${encodeURIComponent(l.title)}`, l.title),
  );
  const teams = state.teams
    .filter((t) => t.accountId === account.id)
    .map((t) => link(`${a}/team/${t.id}`, t.name));
  const views = state.customViews
    .filter((v) => v.accountId === account.id)
    .map((v) => link(`${a}/custom_view/${v.id}`, v.name));
  return `<h2>${escapeHtml(account.name)}</h2>
<ul>
${link(`${a}/dashboard`, 'All conversations')}
${link(`${a}/mentions/conversations`, 'Mentions')}
${link(`${a}/unattended/conversations`, 'Unattended')}
${link(`${a}/participating/conversations`, 'Participating')}
${link(`${a}/inbox-view`, 'My inbox')}
</ul>
<h3>Inboxes</h3><ul>${inboxes.join('')}</ul>
<h3>Labels</h3><ul>${labels.join('')}</ul>
<h3>Teams</h3><ul>${teams.join('')}</ul>
<h3>Folders</h3><ul>${views.join('')}</ul>`;
}

export function shellPage(state: StandinState, pathname: string): string {
  const m = /^\/app\/accounts\/(\d+)/.exec(pathname);
  const accountId = m?.[1] ? Number(m[1]) : null;
  return page(
    'Chatwoot',
    `<header class="topbar">
  <strong>Chatwoot (stand-in)</strong>
  <span id="current-user"></span>
  <button type="button" id="sign-out">Sign out</button>
</header>
<div class="layout">
  <nav aria-label="Sidebar">${sidebar(state, accountId)}</nav>
  <nav aria-label="Conversations">
    <h2>Conversations</h2>
    <ul id="conversation-list" aria-busy="true"></ul>
    <button type="button" id="load-more" hidden>Load more</button>
  </nav>
  <main id="conversation-view" aria-live="polite"></main>
</div>`,
    SHELL_SCRIPT,
  );
}
