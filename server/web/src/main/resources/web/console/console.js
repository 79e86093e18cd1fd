// The officer console: log-in, the area's reports on a map and in a queue (past the 72-hour
// deadline first), report detail with history, attachments, status moves and publication, and
// user management for administrators. Everything goes through the server's API with the bearer
// token kept in sessionStorage (gone when the tab closes); the server decides every rule.
(function () {
  'use strict';
  const I18N = window.KMZB_CONSOLE_I18N;
  const SESSION_KEY = 'kmzb.console.session';
  const PAGE = 100;
  const TAKE_UP_MS = 72 * 3600 * 1000;
  /** The boundary tilesets drawn under the reports when imported, coarsest first. */
  const BOUNDARY_SETS = ['voivodeships', 'counties', 'municipalities'];

  const state = {
    lang: new URLSearchParams(location.search).get('lang') === 'en' ? 'en' : 'pl',
    catalogue: null,
    session: null, // {token, username, expiresAt}
    user: null, // {username, role, areas}
    policeTiles: false,
    list: { phase: null, next: null, filters: null, items: [] },
    report: null, // {body, etag}
    users: [],
    units: [],
    editing: null,
  };

  const el = (id) => document.getElementById(id);
  const t = (key, vars) => {
    let s = (I18N[state.lang] && I18N[state.lang][key]) || I18N.pl[key] || key;
    if (vars) {
      Object.keys(vars).forEach((k) => { s = s.split('{' + k + '}').join(String(vars[k])); });
    }
    return s;
  };
  const nameOf = (item) => (item && item.name ? item.name[state.lang] || item.name.pl : '');
  const statusOf = (code) => state.catalogue.statuses.find((s) => s.code === code);
  const categoryOf = (code) => state.catalogue.categories.find((c) => c.code === code);
  const roleOf = (code) => state.catalogue.roles.find((r) => r.code === code);
  const locale = () => (state.lang === 'pl' ? 'pl-PL' : 'en-GB');
  const dateTime = (iso) => (iso ? new Date(iso).toLocaleString(locale(), { timeZone: 'Europe/Warsaw' }) : t('none'));

  function node(tag, attrs, children) {
    const n = document.createElement(tag);
    Object.entries(attrs || {}).forEach(([k, v]) => {
      if (k === 'text') n.textContent = v;
      else if (k === 'class') n.className = v;
      else if (k.startsWith('on')) n.addEventListener(k.substring(2), v);
      else if (v !== null && v !== undefined && v !== false) n.setAttribute(k, v === true ? '' : v);
    });
    (children || []).forEach((c) => n.append(c));
    return n;
  }

  // ---- language ----------------------------------------------------------------------------
  function applyLanguage() {
    document.documentElement.lang = state.lang;
    document.title = t('title');
    document.querySelectorAll('[data-i18n]').forEach((n) => { n.textContent = t(n.dataset.i18n); });
    document.querySelectorAll('[data-i18n-label]').forEach((n) => n.setAttribute('aria-label', t(n.dataset.i18nLabel)));
    el('lang').lang = state.lang === 'pl' ? 'en' : 'pl';
    const p = new URLSearchParams(location.search);
    if (state.lang === 'en') p.set('lang', 'en'); else p.delete('lang');
    const q = p.toString();
    history.replaceState(null, '', location.pathname + (q ? '?' + q : '') + location.hash);
    if (state.catalogue) {
      fillOptions();
      showWho();
      if (state.list.items.length) renderList();
      if (state.report && !el('detail-view').hidden) renderReport();
      if (!el('users-view').hidden) renderUsers();
      if (reportsLayer) reportsLayer.changed();
    }
  }

  /** The statuses' colours, the deadline ring and the clusters, as the map draws them. */
  function renderLegend() {
    const item = (style, text) => node('li', {}, [node('span', { class: 'dot', style, 'aria-hidden': 'true' }), text]);
    el('legend').replaceChildren(...state.catalogue.statuses.map((s) => item('background:' + s.colour, nameOf(s)))
      .concat([item('background:#fff;border-color:' + state.catalogue.pastDeadlineColour, t('pastDeadline')),
        item('background:rgba(11,61,107,0.85)', t('legendCluster'))]));
  }

  function fillOptions() {
    renderLegend();
    const keep = (select, options) => {
      const value = select.value;
      select.replaceChildren(...options);
      select.value = value;
    };
    const allOption = () => node('option', { value: '', text: t('all') });
    keep(el('f-category'), [allOption()].concat(state.catalogue.groups.map((g) => node('optgroup', { label: nameOf(g) },
      groupOptions(g)))));
    keep(el('f-status'), [allOption()].concat(state.catalogue.statuses.map((s) => node('option', { value: s.code, text: nameOf(s) }))));
    keep(el('f-source'), [allOption()].concat(state.catalogue.sources.map((s) => node('option', { value: s, text: t('source_' + s) }))));
    const roles = () => state.catalogue.roles.map((r) => node('option', { value: r.code, text: t('role_' + r.code) }));
    keep(el('u-role'), roles());
    keep(el('e-role'), roles());
  }

  /** A group's categories, led by the whole group (the API takes a list of categories). */
  function groupOptions(g) {
    const members = state.catalogue.categories.filter((c) => c.group === g.code);
    return [node('option', { value: members.map((c) => c.code).join(','), text: t('wholeGroup', { group: nameOf(g) }) })]
      .concat(members.map((c) => node('option', { value: c.code, text: nameOf(c) })));
  }

  // ---- API ---------------------------------------------------------------------------------
  class ApiError extends Error {
    constructor(status, problem, retryAfter) {
      super((problem && problem.detail) || String(status));
      this.status = status;
      this.problem = problem || {};
      this.retryAfter = retryAfter;
    }
  }

  /** fetch with the token; a 401 with a token means the session is over (expired, revoked, disabled). */
  async function api(path, options) {
    const opts = Object.assign({}, options || {});
    opts.headers = Object.assign({}, opts.headers || {});
    if (state.session) opts.headers.Authorization = 'Bearer ' + state.session.token;
    if (opts.json !== undefined) {
      opts.headers['Content-Type'] = 'application/json';
      opts.body = JSON.stringify(opts.json);
      delete opts.json;
    }
    let r;
    try {
      r = await fetch(path, opts);
    } catch (e) {
      throw new ApiError(0, { detail: t('networkError') });
    }
    if (r.ok) return r;
    let problem = null;
    try { problem = await r.json(); } catch (e) { problem = null; }
    const error = new ApiError(r.status, problem, Number(r.headers.get('Retry-After')) || 0);
    if (r.status === 401 && state.session && !(opts.noSessionEnd)) {
      endSession(t('sessionExpired'));
    }
    throw error;
  }

  const json = async (path, options) => (await api(path, options)).json();

  /** A refusal explained in the officer's language (the server's detail kept for the specifics). */
  function explain(e) {
    const detail = e.problem.errors && e.problem.errors.length
      ? e.problem.errors.map((x) => x.field + ': ' + x.message).join('; ') : (e.problem.detail || '');
    switch (e.status) {
      case 0: return t('networkError');
      case 400: return t('badRequest', { detail });
      case 403: return t('forbidden', { detail });
      case 404: return t('notFound');
      case 409: return t('noChange', { detail });
      case 412: return t('conflict');
      case 428: return t('preconditionRequired');
      case 429: return t('rateLimited', { s: e.retryAfter || 1 });
      default: return t('serverError', { status: e.status });
    }
  }

  // ---- session -----------------------------------------------------------------------------
  function loadSession() {
    try {
      const s = JSON.parse(sessionStorage.getItem(SESSION_KEY));
      if (s && s.token && new Date(s.expiresAt) > new Date()) return s;
    } catch (e) { /* a damaged entry is no session */ }
    sessionStorage.removeItem(SESSION_KEY);
    return null;
  }

  async function login(event) {
    event.preventDefault();
    const username = el('login-user').value.trim();
    const password = el('login-password').value;
    el('login-error').textContent = '';
    if (!username || !password) {
      el('login-error').textContent = t('loginRequired');
      return;
    }
    el('login-submit').disabled = true;
    el('login-error').textContent = t('loggingIn');
    try {
      const r = await fetch('/api/auth/token', { method: 'POST', headers: { 'Content-Type': 'application/json' },
        body: JSON.stringify({ username, password }) });
      if (r.status === 201) {
        const body = await r.json();
        state.session = { token: body.token, username, expiresAt: body.expiresAt };
        sessionStorage.setItem(SESSION_KEY, JSON.stringify(state.session));
        el('login-password').value = '';
        el('login-error').textContent = '';
        await startSession();
        return;
      }
      const retry = Number(r.headers.get('Retry-After')) || 1;
      el('login-error').textContent = r.status === 401 ? t('loginBad') : r.status === 429 ? t('loginThrottled', { s: retry })
        : r.status === 503 ? t('loginBusy', { s: retry }) : r.status === 400 ? t('loginRequired') : t('serverError', { status: r.status });
    } catch (e) {
      el('login-error').textContent = t('networkError');
    } finally {
      el('login-submit').disabled = false;
    }
  }

  async function logout() {
    try {
      await api('/api/auth/token', { method: 'DELETE', noSessionEnd: true });
    } catch (e) { /* the token is dropped here whatever the server said */ }
    endSession(t('loggedOut'));
  }

  function endSession(message) {
    state.session = null;
    state.user = null;
    sessionStorage.removeItem(SESSION_KEY);
    el('nav').hidden = true;
    el('who').hidden = true;
    el('logout').hidden = true;
    ['reports-view', 'detail-view', 'users-view'].forEach((v) => { el(v).hidden = true; });
    el('login-view').hidden = false;
    el('login-error').textContent = message || '';
    state.list = { phase: null, next: null, filters: null, items: [] };
    // Nothing of the police data stays in the page for the next person at this workstation.
    state.report = null;
    state.users = [];
    state.editing = null;
    ['list', 'detail-fields', 'detail-attachments', 'detail-history'].forEach((id) => el(id).replaceChildren());
    el('detail-description').textContent = '';
    el('users-table').tBodies[0].replaceChildren();
    el('user-edit').hidden = true;
    if (reportsLayer) { map.removeLayer(reportsLayer); reportsLayer = null; }
    history.replaceState(null, '', location.pathname + location.search);
    el('login-user').focus();
  }

  async function startSession() {
    const me = await json('/api/users/' + encodeURIComponent(state.session.username));
    state.user = me;
    const tiles = (await json('/tiles')).tilesets.map((set) => set.id);
    state.policeTiles = tiles.includes('police-threats');
    state.boundaries = BOUNDARY_SETS.filter((id) => tiles.includes(id));
    el('login-view').hidden = true;
    el('nav').hidden = false;
    el('nav-users').hidden = me.role !== 'administrator';
    el('logout').hidden = false;
    showWho();
    setupMap();
    route();
    await reloadList();
  }

  function showWho() {
    if (!state.user) return;
    el('who').hidden = false;
    el('who').textContent = t('loggedInAs', { user: state.user.username, role: t('role_' + state.user.role) });
  }

  // ---- views (the hash: #reports, #report/42, #users) --------------------------------------
  function route() {
    if (!state.user) return;
    const h = location.hash;
    const m = /^#report\/(\d+)$/.exec(h);
    el('reports-view').hidden = !!m || h === '#users';
    el('detail-view').hidden = !m;
    el('users-view').hidden = h !== '#users';
    if (m) openReport(Number(m[1]));
    else if (h === '#users') openUsers();
    else fitToList();
  }

  // ---- the list ----------------------------------------------------------------------------
  function filterParams() {
    const p = new URLSearchParams();
    p.set('mine', 'true');
    [['category', 'f-category'], ['status', 'f-status'], ['source', 'f-source'], ['from', 'f-from'], ['to', 'f-to']]
      .forEach(([name, id]) => { if (el(id).value) p.set(name, el(id).value); });
    const area = el('f-area').value.replace(/\s+/g, '');
    if (area) p.set('area', area);
    return p;
  }

  /** The list's own parameters: the map's view as a lon/lat bbox when asked (tiles need none). */
  function listParams(p) {
    const q = new URLSearchParams(p);
    if (el('f-view').checked && map) {
      const [w, s, e, n] = ol.proj.transformExtent(map.getView().calculateExtent(map.getSize()), 'EPSG:3857', 'EPSG:4326');
      q.set('bbox', [Math.max(w, -180), Math.max(s, -85), Math.min(e, 180), Math.min(n, 85)].map((v) => v.toFixed(5)).join(','));
    }
    return q;
  }

  /** Whether any report can be past its deadline under these filters (else the list API says 400). */
  function deadlinePhasePossible(p) {
    if (p.get('status') && p.get('status') !== 'new') return false;
    const from = p.get('from');
    return !from || new Date(from + 'T00:00:00+01:00').getTime() < Date.now() - TAKE_UP_MS;
  }

  async function reloadList(event) {
    if (event) event.preventDefault();
    el('filters-error').textContent = '';
    const p = filterParams();
    // A list of the map's view leaves the map where it is.
    state.list = { phase: null, next: null, filters: p, items: [], fit: !el('f-view').checked };
    el('list').replaceChildren();
    el('list-summary').textContent = t('loading');
    state.list.query = listParams(p);
    const first = new URLSearchParams(state.list.query);
    first.set('limit', PAGE);
    if (deadlinePhasePossible(p)) {
      first.set('pastDeadline', 'true');
      state.list.phase = 'deadline';
      state.list.deadlineRan = true;
    } else {
      state.list.phase = 'rest';
    }
    state.list.next = '/api/reports?' + first.toString();
    updateTiles();
    state.list.loading = true;
    await loadMore();
    state.list.loading = false;
    fitToList();
  }

  /** The next page of the queue (one click of "Show more"). */
  async function loadMore() {
    const l = state.list;
    if (!l.next || l.busy) return; // a second click while a page loads would list it twice
    l.busy = true;
    el('more').disabled = true;
    try {
      // A short first phase is followed at once by the first page of the rest.
      while (await loadPage(l)) { /* the next page */ }
      if (l === state.list) renderList();
    } catch (e) {
      if (e.status === 401) return;
      el('filters-error').textContent = explain(e);
      el('list-summary').textContent = '';
    } finally {
      l.busy = false;
      el('more').disabled = false;
    }
  }

  /**
   * One page of the current phase: past-deadline reports first, then the rest (without them
   * again). True when the page ended a short first phase and the rest should follow at once.
   */
  async function loadPage(l) {
    const page = await json(l.next);
    // A report already listed in the first phase is not listed again.
    const items = l.phase === 'rest' && l.deadlineRan ? page.items.filter((r) => !r.pastDeadline) : page.items;
    items.forEach((r) => { r.phase = l.phase; });
    l.items.push(...items);
    l.next = page.next || null;
    if (!l.next && l.phase === 'deadline') {
      const rest = new URLSearchParams(l.query);
      rest.set('limit', PAGE);
      l.phase = 'rest';
      l.next = '/api/reports?' + rest.toString();
      return items.length < PAGE / 2;
    }
    return false;
  }

  function renderList() {
    const items = state.list.items;
    const list = el('list');
    list.replaceChildren();
    let phase = null;
    items.forEach((r) => {
      if (r.phase !== phase && (r.phase === 'deadline' || phase === 'deadline')) {
        list.append(node('li', { class: 'heading', role: 'presentation', text: r.phase === 'deadline' ? t('pastDeadlineHeading') : t('othersHeading') }));
      }
      phase = r.phase;
      const s = statusOf(r.status);
      const badge = r.pastDeadline ? [node('span', { class: 'badge', text: t('pastDeadline') })] : [];
      list.append(node('li', {}, [node('a', { href: '#report/' + r.id, class: 'report-item', 'data-id': r.id }, [
        node('span', { class: 'dot', style: 'background:' + (s ? s.colour : '#999'), 'aria-hidden': 'true' }),
        node('span', { class: 'id', text: '#' + r.id }),
        node('span', { class: 'cat', text: nameOf(categoryOf(r.category)) || r.category }),
        node('span', { class: 'st', text: s ? nameOf(s) : r.status }),
        node('span', { class: 'date', text: dateTime(r.reportedAt) }),
      ].concat(badge))]));
    });
    el('more').hidden = !state.list.next;
    el('list-summary').textContent = items.length
      ? t('listSummary', { n: items.length, more: state.list.next ? t('listMore') : '' }) + ' '
        + (state.policeTiles ? t('mapPolice') : t('mapList'))
      : t('listEmpty');
    drawListOnMap();
  }

  // ---- the map -----------------------------------------------------------------------------
  let map = null;
  let reportsLayer = null;
  const listSource = new ol.source.Vector();

  function setupMap() {
    if (!map) {
      map = new ol.Map({
        target: 'map',
        view: new ol.View({ center: ol.proj.fromLonLat([19.4, 52.1]), zoom: 6, minZoom: 4, maxZoom: 19 }),
        layers: [],
      });
      map.on('singleclick', (e) => {
        map.forEachFeatureAtPixel(e.pixel, (f) => {
          if (f.get('cluster')) {
            map.getView().animate({ center: e.coordinate, zoom: Math.max(map.getView().getZoom() + 1, Number(f.get('expansion_zoom'))) });
          } else if (f.get('id')) {
            location.hash = '#report/' + f.get('id');
          }
          return true;
        });
      });
      window.kmzbConsoleMap = map;
      boundaryLayers().then((layers) => layers.forEach((l, i) => map.getLayers().insertAt(i, l)))
        .catch(() => { /* the reports are drawn without a basemap */ });
    }
    if (reportsLayer) map.removeLayer(reportsLayer);
    reportsLayer = state.policeTiles ? policeLayer() : new ol.layer.Vector({ source: listSource, style });
    map.addLayer(reportsLayer);
  }

  /** The police tiles with the bearer token: OpenLayers' image loader cannot send a header. */
  function policeLayer() {
    const format = new ol.format.MVT();
    const source = new ol.source.VectorTile({ format, url: tileUrl(), maxZoom: 16 });
    source.setTileLoadFunction((tile, url) => {
      tile.setLoader((extent, resolution, projection) => {
        api(url).then((r) => (r.status === 204 ? null : r.arrayBuffer())).then((buffer) => {
          tile.setFeatures(buffer ? format.readFeatures(buffer, { extent, featureProjection: projection }) : []);
        }).catch(() => tile.setState(3));
      });
    });
    return new ol.layer.VectorTile({ source, style, declutter: false });
  }

  function tileUrl() {
    const p = new URLSearchParams(state.list.filters || filterParams());
    return '/tiles/police-threats/{z}/{x}/{y}.mvt?' + p.toString();
  }

  function updateTiles() {
    if (reportsLayer && state.policeTiles) reportsLayer.getSource().setUrl(tileUrl());
  }

  /** The listed reports: drawn when there are no police tiles, and where the map first looks. */
  function drawListOnMap() {
    listSource.clear();
    listSource.addFeatures(state.list.items.map((r) => new ol.Feature({
      geometry: new ol.geom.Point(ol.proj.fromLonLat([r.location.lon, r.location.lat])),
      id: r.id, status: r.status, pastDeadline: r.pastDeadline,
    })));
    if (!state.list.loading) fitToList();
  }

  /** Once per list: the map looks at the listed reports (when it is on screen and has a size). */
  function fitToList() {
    if (!map || el('reports-view').hidden) return;
    map.updateSize();
    if (state.list.fit && state.list.items.length) {
      state.list.fit = false;
      map.getView().fit(listSource.getExtent(), { padding: [40, 40, 40, 40], maxZoom: 14, duration: 0 });
    }
  }

  /** Our own boundary tiles (when imported) as the basemap: the console asks no other host. */
  async function boundaryLayers() {
    const layers = [];
    for (const id of state.boundaries) {
      const tj = await json('/tiles/' + id + '.json');
      layers.push(new ol.layer.VectorTile({
        source: new ol.source.VectorTile({ format: new ol.format.MVT(), url: '/tiles/' + id + '/{z}/{x}/{y}.mvt',
          minZoom: tj.minzoom || 0, maxZoom: tj.maxzoom }),
        minZoom: id === 'voivodeships' ? 0 : id === 'counties' ? 7 : 9,
        style: new ol.style.Style({ stroke: new ol.style.Stroke({ color: id === 'voivodeships' ? '#5d6d7e' : '#95a5a6',
          width: id === 'voivodeships' ? 1.5 : 0.8 }) }),
      }));
    }
    return layers;
  }

  const styles = {};
  function style(feature) {
    if (feature.get('cluster')) {
      const count = Number(feature.get('count'));
      const key = 'c' + count;
      if (!styles[key]) {
        styles[key] = new ol.style.Style({
          image: new ol.style.Circle({ radius: Math.min(30, 10 + 3 * Math.log10(count) * 2),
            fill: new ol.style.Fill({ color: 'rgba(11,61,107,0.85)' }), stroke: new ol.style.Stroke({ color: '#fff', width: 2 }) }),
          text: new ol.style.Text({ text: count.toLocaleString(locale()), fill: new ol.style.Fill({ color: '#fff' }), font: 'bold 12px sans-serif' }),
        });
      }
      return styles[key];
    }
    const s = statusOf(feature.get('status'));
    const late = feature.get('pastDeadline') === true || feature.get('pastDeadline') === 'true';
    const key = feature.get('status') + late;
    if (!styles[key]) {
      styles[key] = new ol.style.Style({
        image: new ol.style.Circle({ radius: 8, fill: new ol.style.Fill({ color: s ? s.colour : '#999' }),
          stroke: new ol.style.Stroke({ color: late ? state.catalogue.pastDeadlineColour : '#fff', width: late ? 4 : 2 }) }),
      });
    }
    return styles[key];
  }

  // ---- a report ----------------------------------------------------------------------------
  async function openReport(id) {
    el('detail-message').textContent = '';
    el('detail-title').textContent = t('reportTitle', { id });
    await loadReport(id);
    el('detail-title').focus();
  }

  async function loadReport(id) {
    try {
      const r = await api('/api/reports/' + id);
      state.report = { body: await r.json(), etag: r.headers.get('ETag') };
      state.report.history = (await json('/api/reports/' + id + '/history')).history;
      renderReport();
    } catch (e) {
      if (e.status !== 401) el('detail-message').textContent = explain(e);
    }
  }

  function renderReport() {
    const r = state.report.body;
    const s = statusOf(r.status);
    el('detail-title').textContent = t('reportTitle', { id: r.id });
    const fields = [
      ['category', nameOf(categoryOf(r.category)) || r.category],
      ['status', s ? nameOf(s) : r.status],
      ['reportedAt', dateTime(r.reportedAt)],
      ['occurredOn', r.occurredOn || t('none')],
      ['timeOfDay', r.timeOfDay ? t(r.timeOfDay) : t('none')],
      ['location', r.location.lon.toFixed(5) + ', ' + r.location.lat.toFixed(5)],
      ['teryt', [r.teryt.voivodeship, r.teryt.county, r.teryt.municipality].map((v) => v || t('none')).join(' / ')],
      ['source', t('source_' + r.source)],
      ['externalId', r.externalId || t('none')],
      ['pastDeadline', r.pastDeadline ? t('deadlinePassed') : t('deadlineOk')],
      ['version', String(r.version)],
    ];
    if (r.reporterIp) fields.push(['reporterIp', r.reporterIp]);
    el('detail-fields').replaceChildren(...fields.flatMap(([k, v]) => [node('dt', { text: t('field_' + k) }),
      node('dd', { text: v, id: 'detail-' + k })]));
    el('detail-description').textContent = r.description || t('noDescription');
    el('detail-public-state').textContent = r.descriptionPublic ? t('descriptionIsPublic') : t('descriptionIsPrivate');
    el('detail-publish').hidden = !r.description;
    el('detail-publish').textContent = r.descriptionPublic ? t('unpublish') : t('publish');
    const files = r.attachments || [];
    el('detail-attachments').replaceChildren(...(files.length ? files.map((a) => node('li', {}, [
      node('button', { type: 'button', class: 'link', text: t('download', { name: a.fileName, size: size(a.size) }),
        onclick: () => download(a) })])) : [node('li', { text: t('noAttachments') })]));
    renderMoves(r);
    el('detail-history').replaceChildren(...state.report.history.map((h) => node('li', { text: t('historyEntry', {
      at: dateTime(h.at), actor: h.actor, action: t('action_' + h.action, {
        from: h.from ? nameOf(statusOf(h.from)) : '', to: h.to ? nameOf(statusOf(h.to)) : '' }),
    }) + (h.note ? ' – „' + h.note + '”' : '') })));
  }

  function size(bytes) {
    return bytes >= 1048576 ? (bytes / 1048576).toFixed(1) + ' MB' : Math.max(1, Math.round(bytes / 1024)) + ' kB';
  }

  /** The moves the workflow table opens to this role from the current status, then corrections. */
  function renderMoves(r) {
    const role = roleOf(state.user.role);
    const regular = role.moves[r.status] || [];
    const options = regular.map((code) => node('option', { value: code, text: nameOf(statusOf(code)) }));
    if (role.corrections) {
      state.catalogue.statuses.filter((s) => s.code !== r.status && !regular.includes(s.code)).forEach((s) => {
        options.push(node('option', { value: s.code, 'data-correction': 'true', text: t('correction', { status: nameOf(s) }) }));
      });
    }
    el('move-status').replaceChildren(...options);
    el('move-form').hidden = options.length === 0 || r.deleted;
    el('move-hint').textContent = options.length === 0 ? t('noMoves') : '';
    el('move-title').hidden = false;
  }

  async function move(event) {
    event.preventDefault();
    const option = el('move-status').selectedOptions[0];
    if (!option) return;
    const note = el('move-note').value.trim();
    if (option.dataset.correction && !note) {
      el('detail-message').textContent = t('noteRequired');
      el('move-note').focus();
      return;
    }
    const body = { status: option.value };
    if (note) body.note = note;
    await patch(body, t('moved', { status: nameOf(statusOf(option.value)) }));
    el('move-note').value = '';
  }

  async function togglePublic() {
    const publish = !state.report.body.descriptionPublic;
    await patch({ descriptionPublic: publish }, publish ? t('published') : t('unpublished'));
  }

  /** PATCH with the ETag read; a 412 or 428 reloads the report and says why. */
  async function patch(body, done) {
    const id = state.report.body.id;
    el('move-submit').disabled = true;
    el('detail-publish').disabled = true;
    try {
      const r = await api('/api/reports/' + id, { method: 'PATCH', headers: { 'If-Match': state.report.etag }, json: body });
      state.report.body = await r.json();
      state.report.etag = r.headers.get('ETag');
      state.report.history = (await json('/api/reports/' + id + '/history')).history;
      renderReport();
      el('detail-message').textContent = done;
      refreshTiles();
    } catch (e) {
      if (e.status === 401) return;
      const message = explain(e);
      if (e.status === 412 || e.status === 428) await loadReport(id);
      el('detail-message').textContent = message;
    } finally {
      el('move-submit').disabled = false;
      el('detail-publish').disabled = false;
    }
  }

  function refreshTiles() {
    if (reportsLayer && state.policeTiles) reportsLayer.getSource().refresh();
    state.list.items.forEach((item) => {
      if (item.id === state.report.body.id) {
        item.status = state.report.body.status;
        item.pastDeadline = state.report.body.pastDeadline;
      }
    });
  }

  /** Attachments need the token, so a plain link cannot fetch them: fetch, then save the blob. */
  async function download(a) {
    try {
      const r = await api(a.href);
      const url = URL.createObjectURL(await r.blob());
      const link = node('a', { href: url, download: a.fileName });
      document.body.append(link);
      link.click();
      link.remove();
      setTimeout(() => URL.revokeObjectURL(url), 60000);
    } catch (e) {
      if (e.status !== 401) el('detail-message').textContent = explain(e);
    }
  }

  // ---- users (administrators) ---------------------------------------------------------------
  async function openUsers() {
    el('users-message').textContent = '';
    if (state.user.role !== 'administrator') {
      el('users-message').textContent = t('onlyAdmins');
      return;
    }
    try {
      state.users = (await json('/api/users')).users;
      state.units = (await json('/api/police-units')).units;
      renderUsers();
    } catch (e) {
      if (e.status !== 401) el('users-message').textContent = explain(e);
    }
  }

  function renderUsers() {
    el('users-table').tBodies[0].replaceChildren(...state.users.map((u) => node('tr', {}, [
      node('th', { scope: 'row', text: u.username }),
      node('td', { text: t('role_' + u.role) }),
      node('td', { text: u.areas.join(', ') || t('none') }),
      node('td', { text: u.disabled ? t('blocked') : t('enabled') }),
      node('td', {}, [node('button', { type: 'button', class: 'link', text: t('edit', { user: u.username }),
        'data-user': u.username, onclick: () => editUser(u.username) })]),
    ])));
    const units = state.units.map((u) => node('option', { value: u.code, text: u.code + ' – ' + u.name }));
    el('e-unit').replaceChildren(...(units.length ? units : [node('option', { value: '', text: t('noUnits') })]));
    el('e-assign').disabled = !units.length;
    if (state.editing) fillEdit(state.users.find((u) => u.username === state.editing));
  }

  const areaList = (text) => text.split(',').map((s) => s.trim()).filter((s) => s);

  function userError(e) {
    if (e.status === 409) return t('userConflict', { detail: e.problem.detail || '' });
    return explain(e);
  }

  async function createUser(event) {
    event.preventDefault();
    const body = { username: el('u-name').value.trim(), password: el('u-password').value, role: el('u-role').value,
      areas: areaList(el('u-areas').value) };
    try {
      await json('/api/users', { method: 'POST', json: body });
      el('user-create').reset();
      await openUsers();
      el('users-message').textContent = t('created', { user: body.username });
    } catch (e) {
      if (e.status !== 401) el('users-message').textContent = userError(e);
    }
  }

  function editUser(username) {
    state.editing = username;
    el('user-edit').hidden = false;
    fillEdit(state.users.find((u) => u.username === username));
    el('user-edit-title').focus();
  }

  function fillEdit(u) {
    if (!u) return;
    el('user-edit-title').textContent = t('editTitle', { user: u.username });
    el('e-role').value = u.role;
    el('e-areas').value = u.areas.join(', ');
    el('e-disabled').checked = u.disabled;
    el('e-password').value = '';
  }

  async function saveUser(event) {
    event.preventDefault();
    const u = state.users.find((x) => x.username === state.editing);
    const body = {};
    if (el('e-role').value !== u.role) body.role = el('e-role').value;
    const areas = areaList(el('e-areas').value);
    if (areas.join(',') !== u.areas.join(',') || body.role) body.areas = areas;
    if (el('e-disabled').checked !== u.disabled) body.disabled = el('e-disabled').checked;
    if (el('e-password').value) body.password = el('e-password').value;
    if (!Object.keys(body).length) {
      el('users-message').textContent = t('nothingToSave');
      return;
    }
    try {
      await json('/api/users/' + encodeURIComponent(u.username), { method: 'PATCH', json: body });
      await openUsers();
      el('users-message').textContent = t('saved', { user: u.username });
    } catch (e) {
      if (e.status !== 401) el('users-message').textContent = userError(e);
    }
  }

  async function assignUnit() {
    const username = state.editing;
    try {
      const r = await json('/api/users/' + encodeURIComponent(username) + '/unit', { method: 'PUT', json: { unit: el('e-unit').value } });
      await openUsers();
      el('users-message').textContent = t('assigned', { user: username, unit: r.unit, areas: r.areas.join(', ') });
    } catch (e) {
      if (e.status !== 401) el('users-message').textContent = userError(e);
    }
  }

  // ---- start -------------------------------------------------------------------------------
  async function start() {
    const r = await fetch('/web/console/catalogue.json');
    state.catalogue = await r.json();
    fillOptions();
    applyLanguage();
    // Filters open on a desktop; on a phone they fold away above the queue.
    el('filters-box').open = window.matchMedia('(min-width: 761px)').matches;
    el('lang').addEventListener('click', () => {
      state.lang = state.lang === 'pl' ? 'en' : 'pl';
      applyLanguage();
    });
    el('login-form').addEventListener('submit', login);
    el('logout').addEventListener('click', logout);
    el('filters').addEventListener('submit', reloadList);
    el('more').addEventListener('click', loadMore);
    el('move-form').addEventListener('submit', move);
    el('detail-publish').addEventListener('click', togglePublic);
    el('user-create').addEventListener('submit', createUser);
    el('user-edit').addEventListener('submit', saveUser);
    el('e-assign').addEventListener('click', assignUnit);
    el('e-close').addEventListener('click', () => { state.editing = null; el('user-edit').hidden = true; });
    window.addEventListener('hashchange', route);
    state.session = loadSession();
    if (state.session) {
      try {
        await startSession();
      } catch (e) {
        if (e.status !== 401) endSession(explain(e));
      }
    } else {
      el('login-user').focus();
    }
    document.body.dataset.ready = 'true';
  }

  start();
})();
