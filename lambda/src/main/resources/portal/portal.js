// Bedrock Broker onboarding page: sign in (OIDC authorization code + PKCE in the browser), show who you are and
// what you may use, manage your long-term Bedrock API key, and show setup instructions per system.
// No framework, no third-party code. Every value from the API or the identity provider is put into the page as
// text (textContent), never as HTML. The ID token lives in sessionStorage (this tab only); a new key's secret
// lives only in memory and on the screen.
'use strict';

(() => {
  const API = (document.querySelector('meta[name="bedrock-broker-api"]') || {}).content || window.location.origin;
  const REDIRECT_URI = window.location.origin + window.location.pathname;
  const SCOPES = ['openid', 'email', 'profile'];
  const TOKEN_KEY = 'bedrock-broker.idToken';
  const LOGIN_KEY = 'bedrock-broker.login';
  const KEY_PLACEHOLDER = '<your-long-term-key>';

  const state = { config: null, token: null, me: null, models: null, keys: [], maxKeys: 0, newKey: null, keysServed: true };
  const $ = (id) => document.getElementById(id);

  // ---------- small helpers ----------

  function show(id, visible) {
    $(id).hidden = !visible;
  }

  function status(message) {
    $('status').textContent = message;
  }

  function showError(message) {
    const box = $('error');
    box.textContent = message;
    box.hidden = !message;
  }

  function base64Url(bytes) {
    let text = '';
    bytes.forEach((b) => { text += String.fromCharCode(b); });
    return btoa(text).replace(/\+/g, '-').replace(/\//g, '_').replace(/=+$/, '');
  }

  function randomText() {
    return base64Url(crypto.getRandomValues(new Uint8Array(32)));
  }

  async function sha256(text) {
    const digest = await crypto.subtle.digest('SHA-256', new TextEncoder().encode(text));
    return base64Url(new Uint8Array(digest));
  }

  function jwtPayload(jwt) {
    const part = jwt.split('.')[1].replace(/-/g, '+').replace(/_/g, '/');
    const bytes = Uint8Array.from(atob(part + '='.repeat((4 - part.length % 4) % 4)), (c) => c.charCodeAt(0));
    return JSON.parse(new TextDecoder().decode(bytes));
  }

  function when(iso) {
    if (!iso) return 'never';
    const date = new Date(iso);
    return Number.isNaN(date.getTime()) ? iso : date.toLocaleString();
  }

  function timeElement(iso) {
    const time = document.createElement('time');
    if (iso) time.dateTime = iso;
    time.textContent = when(iso);
    return time;
  }

  function cell(row, content) {
    const td = document.createElement('td');
    if (content instanceof Node) td.appendChild(content); else td.textContent = content;
    row.appendChild(td);
    return td;
  }

  function code(text) {
    const element = document.createElement('code');
    element.textContent = text;
    return element;
  }

  // ---------- the broker's API ----------

  async function api(method, path, body) {
    const headers = { Accept: 'application/json, application/problem+json' };
    if (state.token) headers.Authorization = 'Bearer ' + state.token;
    if (body !== undefined) headers['Content-Type'] = 'application/json';
    const response = await fetch(API + path, {
      method, headers, cache: 'no-store', credentials: 'omit',
      body: body === undefined ? undefined : JSON.stringify(body),
    });
    let json = null;
    if (response.status !== 204) {
      try { json = await response.json(); } catch (e) { json = null; }
    }
    if (response.status === 401 && state.token) {
      signOut('Your sign-in has expired. Sign in again.');
      throw new Error('signed out');
    }
    return { status: response.status, ok: response.ok, body: json };
  }

  function problemText(result, what) {
    const detail = result.body && typeof result.body.detail === 'string' ? result.body.detail : '';
    const instance = result.body && result.body.instance ? ' (request id ' + result.body.instance + ')' : '';
    return what + ': ' + (detail || 'the broker answered HTTP ' + result.status) + instance;
  }

  // ---------- sign-in: authorization code + PKCE ----------

  async function discovery() {
    const issuer = state.config.issuer.replace(/\/$/, '');
    const response = await fetch(issuer + '/.well-known/openid-configuration', { credentials: 'omit' });
    if (!response.ok) throw new Error('the identity provider did not answer its discovery document');
    return response.json();
  }

  async function signIn() {
    showError('');
    const oidc = await discovery();
    const login = { state: randomText(), nonce: randomText(), verifier: randomText() };
    sessionStorage.setItem(LOGIN_KEY, JSON.stringify(login));
    const url = new URL(oidc.authorization_endpoint);
    url.search = new URLSearchParams({
      response_type: 'code',
      client_id: state.config.portalClientId,
      redirect_uri: REDIRECT_URI,
      scope: SCOPES.join(' '),
      state: login.state,
      nonce: login.nonce,
      code_challenge: await sha256(login.verifier),
      code_challenge_method: 'S256',
    }).toString();
    window.location.assign(url.toString());
  }

  async function finishSignIn(params) {
    // Take the code out of the address bar and history at once.
    window.history.replaceState(null, '', REDIRECT_URI);
    const login = JSON.parse(sessionStorage.getItem(LOGIN_KEY) || 'null');
    sessionStorage.removeItem(LOGIN_KEY);
    if (params.get('error')) {
      throw new Error('sign-in failed: ' + (params.get('error_description') || params.get('error')));
    }
    if (!login || params.get('state') !== login.state) {
      throw new Error('sign-in failed: this answer does not belong to a sign-in started here; start again');
    }
    const oidc = await discovery();
    const response = await fetch(oidc.token_endpoint, {
      method: 'POST',
      credentials: 'omit',
      headers: { 'Content-Type': 'application/x-www-form-urlencoded' },
      body: new URLSearchParams({
        grant_type: 'authorization_code',
        code: params.get('code'),
        redirect_uri: REDIRECT_URI,
        client_id: state.config.portalClientId,
        code_verifier: login.verifier,
      }).toString(),
    });
    const tokens = await response.json().catch(() => ({}));
    if (!response.ok || !tokens.id_token) {
      throw new Error('sign-in failed: the identity provider refused the code ('
        + (tokens.error_description || tokens.error || 'HTTP ' + response.status) + ')');
    }
    const claims = jwtPayload(tokens.id_token);
    if (claims.nonce !== login.nonce) throw new Error('sign-in failed: the ID token does not carry this sign-in\'s nonce');
    sessionStorage.setItem(TOKEN_KEY, tokens.id_token);
  }

  function storedToken() {
    const token = sessionStorage.getItem(TOKEN_KEY);
    if (!token) return null;
    try {
      // The broker checks the token; this only spares a request that would answer 401.
      if (jwtPayload(token).exp * 1000 > Date.now() + 30000) return token;
    } catch (e) { /* unreadable: sign in again */ }
    sessionStorage.removeItem(TOKEN_KEY);
    return null;
  }

  function signOut(message) {
    sessionStorage.removeItem(TOKEN_KEY);
    Object.assign(state, { token: null, me: null, models: null, keys: [], newKey: null });
    ['me', 'keys', 'setup', 'sign-out', 'signed-in-as', 'new-key'].forEach((id) => show(id, false));
    $('new-key-secret').value = '';
    show('signin', true);
    status(message || 'Signed out.');
  }

  // ---------- who you are, what you may use ----------

  function renderMe(me) {
    $('me-name').textContent = me.userName;
    $('me-email').textContent = me.email || '(none)';
    $('me-subject').textContent = me.subject;
    $('me-groups').textContent = me.groups.length ? me.groups.join(', ') : '(none)';
    $('signed-in-as').textContent = 'Signed in as ' + me.userName;
    const entitlement = me.entitlement;
    show('no-entitlement', !entitlement);
    show('entitlement', !!entitlement);
    if (entitlement) {
      const rows = $('grants');
      rows.replaceChildren();
      entitlement.grants.forEach((grant) => {
        const row = document.createElement('tr');
        const models = document.createElement('ul');
        grant.models.forEach((model) => {
          const item = document.createElement('li');
          item.appendChild(code(model));
          models.appendChild(item);
        });
        cell(row, models);
        cell(row, grant.regions.join(', '));
        rows.appendChild(row);
      });
      $('max-session').textContent = Math.round(entitlement.maxSessionSeconds / 60) + ' minutes';
      $('short-term').textContent = entitlement.shortTermKeys ? 'Yes' : 'No';
      const longTerm = entitlement.longTermKeys;
      $('long-term').textContent = longTerm.allowed
        ? 'Yes: up to ' + longTerm.maxKeys + ' at a time, each valid up to ' + longTerm.maxAgeDays + ' days'
        : 'No';
    }
    renderBudget(me.budget);
    show('me', true);
  }

  function usd(amount) {
    return '$' + Number(amount).toFixed(2);
  }

  // The budget of GET /v1/me: one bar per capped period (a <progress>, so screen readers read the value).
  function renderBudget(budget) {
    const capped = budget && (budget.dailyUsd !== undefined || budget.monthlyUsd !== undefined);
    show('budget', !!capped);
    if (!capped) return;
    const states = {
      ok: 'Within your budget.',
      warned: 'Above a warning threshold of your budget.',
      shortened: 'Close to your cap: new sessions last at most 15 minutes.',
      exhausted: 'Your budget is used up: nothing is issued until it resets.',
    };
    $('budget-state').textContent = (states[budget.state] || '')
      + (budget.overrideExpiresAt ? ' An admin set this budget until ' + when(budget.overrideExpiresAt) + '.' : '');
    const bars = $('budget-bars');
    bars.replaceChildren();
    (budget.periods || []).forEach((period) => {
      const name = period.period === 'day' ? 'Today (UTC)' : 'This month (UTC)';
      const percent = period.limit > 0 ? Math.floor((period.used / period.limit) * 100) : 100;
      const row = document.createElement('div');
      row.className = 'budget-row';
      const label = document.createElement('label');
      const bar = document.createElement('progress');
      bar.id = 'budget-' + period.period;
      bar.max = period.limit;
      bar.value = Math.min(period.used, period.limit);
      label.htmlFor = bar.id;
      label.textContent = name + ': ' + usd(period.used) + ' of ' + usd(period.limit) + ' (' + percent + ' %), resets ';
      label.appendChild(timeElement(period.resetsAt));
      if (percent >= 100) bar.className = 'over';
      row.append(label, bar);
      bars.appendChild(row);
    });
  }

  // ---------- long-term keys ----------

  function longTermKeys() {
    return state.me && state.me.entitlement ? state.me.entitlement.longTermKeys : null;
  }

  async function loadKeys() {
    const result = await api('GET', '/v1/api-keys');
    show('keys', true);
    state.keysServed = result.status !== 404;
    if (result.status === 404) {
      $('keys-unavailable').textContent = 'Long-term API keys are not available on this broker (it does not serve '
        + '/v1/api-keys). Use the client below, or ask your platform team.';
      show('keys-unavailable', true);
      ['create-key', 'key-table', 'no-keys'].forEach((id) => show(id, false));
      return;
    }
    if (!result.ok) {
      showError(problemText(result, 'Your keys could not be listed'));
      return;
    }
    state.keys = result.body.apiKeys;
    state.maxKeys = result.body.maxKeys || 0;
    renderKeys();
  }

  function renderKeys() {
    const bounds = longTermKeys();
    const allowed = !!(bounds && bounds.allowed);
    show('keys-unavailable', !allowed);
    if (!allowed) $('keys-unavailable').textContent = 'Your entitlement does not include long-term API keys.';
    show('create-key', allowed);
    if (allowed) {
      const age = $('key-age');
      age.max = String(bounds.maxAgeDays);
      if (!age.value) age.value = String(bounds.defaultAgeDays);
      $('key-age-hint').textContent = '1 to ' + bounds.maxAgeDays + ' days.';
      const full = state.keys.length >= state.maxKeys;
      $('create-key-button').disabled = full;
      if (full) {
        $('key-age-hint').textContent += ' You hold the most keys allowed (' + state.maxKeys
          + '): revoke one to create another.';
      }
    }
    const rows = $('key-rows');
    rows.replaceChildren();
    state.keys.forEach((key) => {
      const row = document.createElement('tr');
      cell(row, key.label || '(no label)');
      cell(row, code(key.id));
      cell(row, timeElement(key.createdAt));
      cell(row, timeElement(key.expiration));
      cell(row, key.status);
      cell(row, revokeControls(key));
      rows.appendChild(row);
    });
    show('key-table', state.keys.length > 0);
    show('no-keys', state.keys.length === 0);
  }

  function button(text, className, onClick, label) {
    const element = document.createElement('button');
    element.type = 'button';
    element.className = className;
    element.textContent = text;
    if (label) element.setAttribute('aria-label', label);
    element.addEventListener('click', onClick);
    return element;
  }

  function revokeControls(key) {
    const name = key.label ? key.label + ' (' + key.id + ')' : key.id;
    const holder = document.createElement('div');
    const revoke = button('Revoke', 'danger', () => {
      const confirm = button('Confirm revoke', 'danger', () => revokeKey(key), 'Confirm: revoke key ' + name);
      const cancel = button('Cancel', 'secondary', () => {
        holder.replaceChildren(revoke);
        revoke.focus();
      }, 'Keep key ' + name);
      holder.replaceChildren(confirm, cancel);
      confirm.focus();
    }, 'Revoke key ' + name);
    holder.appendChild(revoke);
    return holder;
  }

  async function createKey(event) {
    event.preventDefault();
    showError('');
    const age = Number($('key-age').value);
    const bounds = longTermKeys();
    if (!Number.isInteger(age) || age < 1 || age > bounds.maxAgeDays) {
      showError('Choose between 1 and ' + bounds.maxAgeDays + ' days.');
      $('key-age').focus();
      return;
    }
    const body = { ageDays: age };
    const label = $('key-label').value.trim();
    if (label) body.label = label;
    $('create-key-button').disabled = true;
    status('Creating your key...');
    try {
      const result = await api('POST', '/v1/api-keys', body);
      if (!result.ok) {
        status('');
        showError(problemText(result, 'Your key could not be created'));
        return;
      }
      state.newKey = result.body;
      $('new-key-secret').value = result.body.secret;
      const expiry = $('new-key-expiry');
      expiry.dateTime = result.body.expiration || '';
      expiry.textContent = when(result.body.expiration);
      show('new-key', true);
      $('new-key').focus();
      $('key-label').value = '';
      status('Key created. Copy it now: it is shown only once.');
      renderSetup();
    } finally {
      $('create-key-button').disabled = false;
      await loadKeys();
    }
  }

  async function revokeKey(key) {
    showError('');
    const result = await api('DELETE', '/v1/api-keys/' + encodeURIComponent(key.id));
    if (result.status === 204 || result.status === 404) {
      if (state.newKey && state.newKey.id === key.id) {
        state.newKey = null;
        $('new-key-secret').value = '';
        show('new-key', false);
        renderSetup();
      }
      status('Key ' + (key.label || key.id) + ' revoked.');
    } else {
      showError(problemText(result, 'The key could not be revoked'));
    }
    await loadKeys();
    $('keys-title').focus();
  }

  // ---------- setup instructions ----------

  function setupRegion() {
    const entitlement = state.me && state.me.entitlement;
    const regions = entitlement ? entitlement.regions : [];
    return regions.length === 0 || regions.includes(state.config.region) ? state.config.region : regions[0];
  }

  function environment() {
    const values = [
      ['AWS_BEARER_TOKEN_BEDROCK', state.newKey ? state.newKey.secret : KEY_PLACEHOLDER],
      ['CLAUDE_CODE_USE_BEDROCK', '1'],
      ['AWS_REGION', setupRegion()],
    ];
    // The signed-in person's own recommendation (GET /v1/models); client-config's is for the default profile only.
    const models = state.models || state.config.models || {};
    if (models.primary) values.push(['ANTHROPIC_MODEL', models.primary]);
    if (models.fast) values.push(['ANTHROPIC_DEFAULT_HAIKU_MODEL', models.fast]);
    return values;
  }

  function clientSteps(os) {
    const comment = os === 'cmd' ? 'REM ' : '# ';
    return [
      comment + 'Once: point the client at this broker and sign in',
      'bedrock-broker configure --url ' + API,
      'bedrock-broker login',
      comment + 'Configure Claude Code to use Bedrock through the client',
      'bedrock-broker setup claude',
      comment + 'Check everything',
      'bedrock-broker doctor',
    ].join('\n');
  }

  function envSteps(os) {
    const values = environment();
    switch (os) {
      case 'powershell':
        return ['# For this PowerShell window:']
          .concat(values.map(([name, value]) => '$env:' + name + " = '" + value + "'"))
          .concat(['', '# And for every new window (your user account):'])
          .concat(values.map(([name, value]) => "[Environment]::SetEnvironmentVariable('" + name + "', '" + value
            + "', 'User')"))
          .join('\n');
      case 'cmd':
        return ['REM For this Command Prompt window:']
          .concat(values.map(([name, value]) => 'set "' + name + '=' + value + '"'))
          .concat(['', 'REM And for every new window (your user account):'])
          .concat(values.map(([name, value]) => 'setx ' + name + ' "' + value + '"'))
          .join('\n');
      default: {
        const file = os === 'macos' ? '~/.zshrc' : '~/.bashrc';
        return ['# Add these lines to ' + file + ', then open a new terminal:']
          .concat(values.map(([name, value]) => 'export ' + name + "='" + value + "'"))
          .join('\n');
      }
    }
  }

  function renderSetup() {
    if (!state.config) return;
    const os = $('os').value;
    $('client-steps').textContent = clientSteps(os);
    $('env-steps').textContent = envSteps(os);
    const bounds = longTermKeys();
    if (state.newKey) {
      $('env-intro').textContent = 'These commands hold the key you just created (valid until '
        + when(state.newKey.expiration) + ').';
    } else if (state.keysServed && bounds && bounds.allowed) {
      $('env-intro').textContent = 'Create a key above and these commands will hold it; until then they show '
        + KEY_PLACEHOLDER + '.';
    } else {
      $('env-intro').textContent = 'You cannot create a long-term key here: prefer the client above, or put a key '
        + 'from your platform team in place of ' + KEY_PLACEHOLDER + '.';
    }
  }

  function guessOs() {
    const platform = (navigator.userAgentData && navigator.userAgentData.platform) || navigator.platform || '';
    if (/win/i.test(platform)) return 'powershell';
    if (/mac/i.test(platform)) return 'macos';
    return 'linux';
  }

  // ---------- copy buttons ----------

  async function copy(event) {
    const target = event.currentTarget;
    const source = $(target.dataset.copyFrom);
    const text = source.value !== undefined ? source.value : source.textContent;
    try {
      await navigator.clipboard.writeText(text);
    } catch (e) {
      // No clipboard permission (or an older browser): select the text and use the legacy command.
      if (source.select) source.select();
      else window.getSelection().selectAllChildren(source);
      document.execCommand('copy');
    }
    const original = target.textContent;
    target.textContent = 'Copied';
    status('Copied to the clipboard.');
    setTimeout(() => { target.textContent = original; }, 2000);
  }

  // ---------- usage ----------

  async function loadUsage() {
    const result = await api('GET', '/v1/usage');
    show('usage', true);
    if (result.status === 404) {
      $('usage-unavailable').textContent = 'This broker does not count usage (it does not serve /v1/usage).';
      show('usage-unavailable', true);
      show('usage-table', false);
      return;
    }
    if (!result.ok) {
      showError(problemText(result, 'Your usage could not be loaded'));
      return;
    }
    renderUsage(result.body);
  }

  function usageRow(rows, period, model, totals, strong) {
    const row = document.createElement('tr');
    if (strong) row.className = 'total';
    cell(row, period);
    cell(row, model === '*' ? 'All models' : code(model));
    cell(row, Number(totals.costUsd).toFixed(2));
    ['requests', 'inputTokens', 'outputTokens', 'cacheReadTokens', 'cacheWriteTokens']
      .forEach((field) => cell(row, Number(totals[field]).toLocaleString()));
    rows.appendChild(row);
  }

  function renderUsage(usage) {
    const rows = $('usage-rows');
    rows.replaceChildren();
    [['Today', usage.today], ['This month', usage.month]].forEach(([label, period]) => {
      usageRow(rows, label, '*', period, true);
      period.byModel.forEach((m) => usageRow(rows, label, m.model, m, false));
    });
    const updated = $('usage-updated');
    updated.dateTime = usage.updatedAt || '';
    updated.textContent = usage.updatedAt ? when(usage.updatedAt) : 'never (nothing counted yet)';
    show('usage-unavailable', false);
    show('usage-table', true);
  }

  // ---------- start ----------

  async function showSignedIn() {
    show('signin', false);
    status('Loading your details...');
    const result = await api('GET', '/v1/me');
    if (!result.ok) {
      showError(problemText(result, 'Your details could not be loaded'));
      return;
    }
    state.me = result.body;
    renderMe(state.me);
    // Without it (an older broker, a failure) the setup falls back to client-config's recommendation.
    try {
      const models = await api('GET', '/v1/models');
      state.models = models.ok && models.body ? models.body.recommended : null;
    } catch (e) {
      if (e.message === 'signed out') throw e;
      state.models = null;
    }
    show('sign-out', true);
    show('signed-in-as', true);
    await loadKeys();
    try {
      await loadUsage();
    } catch (e) {
      if (e.message === 'signed out') throw e;
      show('usage', false);
    }
    renderSetup();
    show('setup', true);
    status('');
  }

  async function start() {
    $('sign-in').addEventListener('click', () => signIn().catch((e) => showError('Sign-in could not start: ' + e.message)));
    $('sign-out').addEventListener('click', () => signOut());
    $('create-key').addEventListener('submit', (event) => createKey(event).catch((e) => showError(e.message)));
    $('os').addEventListener('change', renderSetup);
    document.querySelectorAll('[data-copy-from]').forEach((element) => element.addEventListener('click', copy));
    $('os').value = guessOs();

    try {
      const result = await api('GET', '/v1/client-config');
      if (!result.ok) throw new Error(problemText(result, 'The broker\'s configuration could not be read'));
      state.config = result.body;
    } catch (e) {
      showError('The broker cannot be reached: ' + e.message);
      return;
    }
    if (!state.config.portalClientId) {
      showError('This broker has no portal client configured, so you cannot sign in here. Your platform team '
        + 'sets one (see docs/portal.md); meanwhile use the bedrock-broker client.');
      return;
    }
    const params = new URLSearchParams(window.location.search);
    if (params.has('code') || params.has('error')) {
      try {
        status('Signing you in...');
        await finishSignIn(params);
      } catch (e) {
        status('');
        showError(e.message.charAt(0).toUpperCase() + e.message.slice(1) + '.');
      }
    }
    state.token = storedToken();
    if (!state.token) {
      show('signin', true);
      status('');
      return;
    }
    await showSignedIn();
  }

  document.addEventListener('DOMContentLoaded', () => {
    start().catch((e) => {
      if (e.message !== 'signed out') showError('Something went wrong: ' + e.message);
    });
  });
})();
