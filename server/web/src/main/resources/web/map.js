// The public threat map (issue 15): OpenLayers over the server's own tiles. Everything the page
// draws and offers (categories, groups, status colours, cluster sizes, attachment limits, the
// optional external basemap) comes from /web/catalogue.json, which the server builds from
// layers/categories.yaml and the WMS style threats-clusters; nothing of it is repeated here.
(function () {
  'use strict';

  const I18N = window.KMZB_I18N;
  // Vector tiles are drawn as 512-pixel tiles (the usual size for MVT): view zoom = tile zoom + 1.
  const TILE_SIZE = 512;
  const ZOOM_OFFSET = Math.log2(TILE_SIZE / 256);
  const TILE_MAX_ZOOM = 16;
  const VIEW_MAX_ZOOM = 19;
  const POLAND = [14.07, 49.0, 24.15, 54.84];
  const OPEN_STATUSES = ['new', 'verification', 'confirmed', 'confirmed_handed_over'];
  const NEARBY_METRES = 300;
  const RENDERED_LIST_MAX = 200;
  const MVT_FORMAT = new ol.format.MVT();

  const el = (id) => document.getElementById(id);
  const state = {
    lang: 'pl',
    categories: null, // null: all; else a Set of codes
    statuses: null, // null: all public statuses; else a Set of codes
    period: 'all',
    from: '',
    to: '',
    pick: null, // [lon, lat] chosen for a new report
    picking: false,
  };
  let catalogue;
  let map;
  let threatsSource;
  let threatsLayer;
  const icons = new Map(); // category code -> data: URL of its icon in white
  const owned = new Map(); // tile URL -> features whose point lies in that tile (buffer features dropped)
  let summary = { total: 0, items: [], complete: false, query: '' };

  // ---------------------------------------------------------------- text
  function t(key, vars) {
    let s = (I18N[state.lang] && I18N[state.lang][key]) || I18N.pl[key] || key;
    if (vars) {
      for (const [k, v] of Object.entries(vars)) {
        s = s.split('{' + k + '}').join(String(v));
      }
    }
    return s;
  }
  const nameOf = (item) => (item && item.name ? item.name[state.lang] || item.name.pl : '');
  const categoryByCode = (code) => catalogue.categories.find((c) => c.code === code);
  const statusByCode = (code) => catalogue.statuses.find((s) => s.code === code);

  function applyLanguage() {
    document.documentElement.lang = state.lang;
    document.title = t('title');
    document.querySelectorAll('[data-i18n]').forEach((n) => { n.textContent = t(n.dataset.i18n); });
    document.querySelectorAll('[data-i18n-label]').forEach((n) => n.setAttribute('aria-label', t(n.dataset.i18nLabel)));
    el('lang').lang = state.lang === 'pl' ? 'en' : 'pl';
    // The statistics page opens in the language chosen here.
    el('stats-link').href = '/statistics' + (state.lang !== 'pl' ? '#lang=' + state.lang : '');
    buildFilters();
    buildLegend();
    buildCategorySelect();
    updateDescriptionRule();
    el('r-files-label').textContent = t('attachments', {
      n: catalogue.attachments.maxFiles,
      mb: catalogue.attachments.maxBytes / 1048576,
      types: catalogue.attachments.extensions.map((e) => e.toUpperCase()).join(', '),
    });
    showPick();
    renderSummary();
    // An open report is shown again in the new language.
    if (!el('details').hidden && el('details').dataset.id) showDetails(el('details').dataset.id, false);
  }

  // ---------------------------------------------------------------- URL state
  function readHash() {
    const p = new URLSearchParams(location.hash.replace(/^#/, ''));
    const list = (v) => (v === null ? null : new Set(v.split(',').filter(Boolean)));
    state.lang = p.get('lang') === 'en' ? 'en' : 'pl';
    state.categories = list(p.get('cat'));
    state.statuses = list(p.get('st'));
    state.period = ['7d', '30d', 'year', 'custom'].includes(p.get('period')) ? p.get('period') : 'all';
    state.from = /^\d{4}-\d{2}-\d{2}$/.test(p.get('from') || '') ? p.get('from') : '';
    state.to = /^\d{4}-\d{2}-\d{2}$/.test(p.get('to') || '') ? p.get('to') : '';
    const m = /^(\d+(?:\.\d+)?)\/(-?\d+(?:\.\d+)?)\/(-?\d+(?:\.\d+)?)$/.exec(p.get('map') || '');
    return m ? { zoom: Number(m[1]), center: [Number(m[3]), Number(m[2])] } : null;
  }

  function writeHash() {
    const p = new URLSearchParams();
    if (map) {
      const v = map.getView();
      const c = ol.proj.toLonLat(v.getCenter());
      p.set('map', Math.round(v.getZoom()) + '/' + c[1].toFixed(5) + '/' + c[0].toFixed(5));
    }
    if (state.categories) p.set('cat', [...state.categories].join(','));
    if (state.statuses) p.set('st', [...state.statuses].join(','));
    if (state.period !== 'all') p.set('period', state.period);
    if (state.period === 'custom') {
      if (state.from) p.set('from', state.from);
      if (state.to) p.set('to', state.to);
    }
    if (state.lang !== 'pl') p.set('lang', state.lang);
    history.replaceState(null, '', '#' + p.toString().replace(/%2C/g, ',').replace(/%2F/g, '/'));
  }

  // ---------------------------------------------------------------- filters -> tile query
  function isoDate(d) {
    return d.getFullYear() + '-' + String(d.getMonth() + 1).padStart(2, '0') + '-' + String(d.getDate()).padStart(2, '0');
  }

  function periodRange() {
    const today = new Date();
    const back = (days) => { const d = new Date(today); d.setDate(d.getDate() - days); return isoDate(d); };
    switch (state.period) {
      case '7d': return { from: back(7), to: '' };
      case '30d': return { from: back(30), to: '' };
      case 'year': { const d = new Date(today); d.setFullYear(d.getFullYear() - 1); return { from: isoDate(d), to: '' }; }
      case 'custom': {
        // "to" is exclusive in the API; the form's "to" date is inclusive.
        let to = '';
        if (state.to) { const d = new Date(state.to + 'T00:00:00'); d.setDate(d.getDate() + 1); to = isoDate(d); }
        return { from: state.from, to };
      }
      default: return { from: '', to: '' };
    }
  }

  /** The tile query of the filters, or null when they select nothing. */
  function tileQuery() {
    const q = [];
    if (state.categories) {
      if (state.categories.size === 0) return null;
      q.push('category=' + [...state.categories].join(','));
    }
    if (state.statuses) {
      if (state.statuses.size === 0) return null;
      q.push('status=' + [...state.statuses].join(','));
    }
    const r = periodRange();
    if (r.from) q.push('from=' + r.from);
    if (r.to) q.push('to=' + r.to);
    return q.join('&');
  }

  function threatsUrl() {
    const q = tileQuery();
    return '/tiles/threats/{z}/{x}/{y}.mvt' + (q ? '?' + q : '');
  }

  function filtersChanged() {
    const q = tileQuery();
    threatsLayer.setVisible(q !== null);
    threatsSource.setUrl(threatsUrl());
    writeHash();
    summarise();
  }

  // ---------------------------------------------------------------- icons and styles
  async function loadIcons() {
    await Promise.all(catalogue.categories.map(async (c) => {
      const r = await fetch(c.icon);
      const svg = (await r.text()).replace('<svg', '<svg fill="#ffffff"');
      icons.set(c.code, 'data:image/svg+xml;charset=utf-8,' + encodeURIComponent(svg));
    }));
  }

  const styleCache = new Map();

  function singleStyle(category, status) {
    const key = 's|' + category + '|' + status;
    if (!styleCache.has(key)) {
      const s = statusByCode(status);
      const colour = s ? s.colour : '#777777';
      const styles = [new ol.style.Style({
        image: new ol.style.Circle({ radius: 11, fill: new ol.style.Fill({ color: colour }),
          stroke: new ol.style.Stroke({ color: '#ffffff', width: 1.5 }) }),
      })];
      if (icons.has(category)) {
        styles.push(new ol.style.Style({ image: new ol.style.Icon({ src: icons.get(category), width: 13, height: 13 }) }));
      }
      styleCache.set(key, styles);
    }
    return styleCache.get(key);
  }

  function clusterClass(count) {
    let cls = catalogue.clusters[0];
    for (const c of catalogue.clusters) if (count >= c.from) cls = c;
    return cls;
  }

  /** The category mix of a cluster: [colour, share] in catalogue order. */
  function mixOf(props) {
    const out = [];
    let sum = 0;
    for (const c of catalogue.categories) {
      const n = props['cat_' + c.code] || 0;
      if (n > 0) { out.push([c.colour, n]); sum += n; }
    }
    return out.map(([colour, n]) => [colour, n / sum]);
  }

  /** A cluster as a circle of the cluster colour inside a ring of the category mix (a canvas, cached). */
  function clusterIcon(cls, mix) {
    const key = 'c|' + cls.from + '|' + mix.map(([c, f]) => c + Math.round(f * 36)).join(',');
    if (!styleCache.has(key)) {
      const dpr = window.devicePixelRatio || 1;
      const r = cls.size / 2;
      const R = r + 5;
      const px = Math.ceil((2 * R + 2) * dpr);
      const canvas = document.createElement('canvas');
      canvas.width = px;
      canvas.height = px;
      const ctx = canvas.getContext('2d');
      ctx.scale(dpr, dpr);
      const cx = R + 1;
      let a = -Math.PI / 2;
      for (const [colour, share] of mix) {
        ctx.beginPath();
        ctx.moveTo(cx, cx);
        ctx.arc(cx, cx, R, a, a + share * 2 * Math.PI);
        ctx.closePath();
        ctx.fillStyle = colour;
        ctx.fill();
        a += share * 2 * Math.PI;
      }
      ctx.beginPath();
      ctx.arc(cx, cx, r, 0, 2 * Math.PI);
      ctx.fillStyle = cls.colour;
      ctx.fill();
      ctx.lineWidth = 1.5;
      ctx.strokeStyle = '#ffffff';
      ctx.stroke();
      styleCache.set(key, new ol.style.Icon({ img: canvas, scale: 1 / dpr }));
      if (styleCache.size > 2000) styleCache.clear();
    }
    return styleCache.get(key);
  }

  function countLabel(n) {
    return n >= 10000 ? Math.round(n / 1000) + 'k' : String(n);
  }

  function threatStyle(feature) {
    const p = feature.getProperties();
    if (!p.cluster) return singleStyle(p.category, p.status);
    const cls = clusterClass(p.count);
    return new ol.style.Style({
      image: clusterIcon(cls, mixOf(p)),
      text: new ol.style.Text({ text: countLabel(p.count), font: 'bold 12px sans-serif',
        fill: new ol.style.Fill({ color: '#ffffff' }) }),
    });
  }

  // ---------------------------------------------------------------- threat tiles
  /** Retry-After in seconds (at least 1); tiles wait at most {@code cap} before asking again. */
  function retrySeconds(response, cap) {
    const s = Number(response.headers.get('Retry-After'));
    const seconds = Number.isFinite(s) && s > 0 ? Math.ceil(s) : 1;
    return cap ? Math.min(seconds, cap) : seconds;
  }

  /** Loads one tile with fetch, so 429/503 answers are waited out and every tile's own features are known. */
  async function loadThreatTile(tile, url, extent, projection) {
    let response;
    try {
      response = await fetch(url);
    } catch (e) {
      tile.onError();
      status(t('tileError', { status: 'network' }), true);
      return;
    }
    if (response.status === 429 || response.status === 503) {
      const s = retrySeconds(response, 60);
      status(t('tooManyRequests', { s }), true);
      setTimeout(() => loadThreatTile(tile, url, extent, projection), s * 1000);
      return;
    }
    if (response.status === 204) {
      tile.setFeatures([]);
      record(url, tile, []);
      return;
    }
    if (!response.ok) {
      tile.onError();
      status(t('tileError', { status: response.status }), true);
      return;
    }
    const features = MVT_FORMAT.readFeatures(await response.arrayBuffer(),
      { extent, featureProjection: projection });
    tile.setFeatures(features);
    record(url, tile, features);
  }

  /** Keeps the features whose point lies in the tile itself: the buffer ring repeats its neighbours'. */
  function record(url, tile, features) {
    const e = threatsSource.getTileGrid().getTileCoordExtent(tile.getTileCoord());
    const own = [];
    for (const f of features) {
      const c = f.getFlatCoordinates();
      if (c[0] >= e[0] && c[0] < e[2] && c[1] > e[1] && c[1] <= e[3]) {
        const p = f.getProperties();
        own.push({ coord: [c[0], c[1]], cluster: !!p.cluster, count: p.cluster ? p.count : 1,
          expansionZoom: p.expansion_zoom, id: p.id, category: p.category, status: p.status, props: p });
      }
    }
    owned.set(url, own);
    if (owned.size > 4000) owned.delete(owned.keys().next().value);
    scheduleSummary();
  }

  let summaryTimer = 0;
  function scheduleSummary() {
    if (!summaryTimer) summaryTimer = setTimeout(() => { summaryTimer = 0; summarise(); }, 30);
  }

  /** Names the view (size, zoom, centre): a summary made for another view is not this one's. */
  function viewKey() {
    const view = map.getView();
    const c = view.getCenter() || [0, 0];
    return map.getSize().join('x') + '/' + view.getZoom().toFixed(3) + '/' + c[0].toFixed(0) + ',' + c[1].toFixed(0);
  }

  /** What the map shows now: the reports in view (the sum of the view's tiles' own clusters). */
  function summarise() {
    const query = tileQuery();
    // A map being laid out (e.g. while the form panel opens) has no area yet: no summary of nothing.
    if (!map || !map.getSize() || !map.getSize()[0] || !map.getSize()[1]) return;
    const view = map.getView();
    const extent = view.calculateExtent(map.getSize());
    const items = [];
    let total = 0;
    let complete = true;
    if (query !== null) {
      const grid = threatsSource.getTileGrid();
      const z = Math.min(TILE_MAX_ZOOM, grid.getZForResolution(view.getResolution(), 0));
      const urlOf = threatsSource.getTileUrlFunction();
      const projection = view.getProjection();
      grid.forEachTileCoord(extent, z, (coord) => {
        const url = urlOf(coord, 1, projection);
        if (!url) return;
        const own = owned.get(url);
        if (!own) { complete = false; return; }
        for (const f of own) {
          if (ol.extent.containsCoordinate(extent, f.coord)) { total += f.count; items.push(f); }
        }
      });
    }
    summary = { total, items, complete, query: query === null ? 'none' : query, view: viewKey() };
    if (complete && el('status-line').dataset.tiles === 'true') status('');

    renderSummary();
  }

  function renderSummary() {
    if (!catalogue) return;
    const legend = el('legend');
    legend.dataset.total = String(summary.total);
    legend.dataset.ready = String(summary.complete);
    legend.dataset.query = summary.query;
    legend.dataset.view = summary.view;
    el('legend-total').textContent = summary.complete ? summary.total.toLocaleString(state.lang === 'pl' ? 'pl-PL' : 'en-GB') : t('loading');
    const list = el('rendered');
    list.replaceChildren();
    const sorted = [...summary.items].sort((a, b) => b.count - a.count).slice(0, RENDERED_LIST_MAX);
    for (const f of sorted) {
      const li = document.createElement('li');
      li.dataset.kind = f.cluster ? 'cluster' : 'report';
      li.dataset.count = String(f.count);
      if (!f.cluster) li.dataset.id = String(f.id);
      li.dataset.status = f.status || '';
      li.dataset.category = f.category || '';
      const b = document.createElement('button');
      b.type = 'button';
      b.textContent = f.cluster ? countLabel(f.count) : nameOf(categoryByCode(f.category)) + ', ' + nameOf(statusByCode(f.status));
      b.addEventListener('click', () => activate(f));
      li.append(b);
      list.append(li);
    }
    list.dataset.counts = sorted.map((f) => f.count).join(',');
  }

  // ---------------------------------------------------------------- clicks
  function activate(f) {
    if (f.cluster) {
      const zoom = Math.min(VIEW_MAX_ZOOM, Math.max(map.getView().getZoom() + 1, f.expansionZoom + ZOOM_OFFSET));
      map.getView().animate({ center: f.coord, zoom, duration: 250 });
    } else {
      showDetails(f.id);
    }
  }

  /** The rendered threat under a pixel: the nearest whose circle holds it. */
  function threatAt(pixel) {
    let best = null;
    let bestD = Infinity;
    for (const f of summary.items) {
      const p = map.getPixelFromCoordinate(f.coord);
      const d = Math.hypot(p[0] - pixel[0], p[1] - pixel[1]);
      const radius = f.cluster ? clusterClass(f.count).size / 2 + 6 : 13;
      if (d <= radius && d < bestD) { best = f; bestD = d; }
    }
    return best;
  }

  async function showDetails(id, focus = true) {
    const section = el('details');
    const body = el('details-body');
    section.hidden = false;
    body.replaceChildren();
    const r = await fetch('/api/reports/' + encodeURIComponent(id));
    if (!r.ok) {
      body.textContent = t('errServer', { status: r.status, detail: '' });
      return;
    }
    const report = await r.json();
    section.dataset.id = String(report.id);
    const rows = [
      ['category', report.categoryName ? report.categoryName[state.lang] : report.category],
      ['status', nameOf(statusByCode(report.status)) || report.statusName],
      ['occurredOn', report.occurredOn || '–'],
      ['reportedAt', (report.reportedAt || '').slice(0, 10)],
      ['timeOfDay', report.timeOfDay ? t(report.timeOfDay) : t('anyTime')],
      ['description', report.description || t('noDescription')],
    ];
    for (const [key, value] of rows) {
      const dt = document.createElement('dt');
      dt.textContent = t(key);
      const dd = document.createElement('dd');
      dd.textContent = value;
      dd.dataset.field = key;
      body.append(dt, dd);
    }
    if (report.location && report.location.generalisedToMetres) {
      const dd = document.createElement('dd');
      dd.textContent = t('generalised', { m: report.location.generalisedToMetres });
      body.append(document.createElement('dt'), dd);
    }
    if (focus) el('details-title').focus();
  }

  /** A message above the panel; {@code tiles} messages go when every tile in view has come. */
  function status(text, tiles) {
    el('status-line').textContent = text;
    el('status-line').dataset.tiles = tiles ? 'true' : '';
  }

  // ---------------------------------------------------------------- filters UI
  function checkbox(name, value, checked, label, extra) {
    const l = document.createElement('label');
    const i = document.createElement('input');
    i.type = 'checkbox';
    i.name = name;
    i.value = value;
    i.checked = checked;
    l.append(i);
    if (extra) l.append(extra);
    const s = document.createElement('span');
    s.textContent = label;
    l.append(s);
    return [l, i];
  }

  function swatch(colour) {
    const s = document.createElement('span');
    s.className = 'swatch';
    s.style.background = colour;
    s.setAttribute('aria-hidden', 'true');
    return s;
  }

  function categoryIcon(c) {
    const s = document.createElement('span');
    s.className = 'cat-icon';
    s.style.background = c.colour;
    s.setAttribute('aria-hidden', 'true');
    const img = document.createElement('img');
    img.src = c.icon;
    img.alt = '';
    s.append(img);
    return s;
  }

  function buildFilters() {
    document.querySelectorAll('#f-period input[name=period]').forEach((r) => { r.checked = r.value === state.period; });
    el('f-from').value = state.from;
    el('f-to').value = state.to;
    el('f-from').disabled = state.period !== 'custom';
    el('f-to').disabled = state.period !== 'custom';

    const statuses = el('f-statuses');
    statuses.querySelectorAll('label').forEach((n) => n.remove());
    for (const s of catalogue.statuses) {
      const [l, i] = checkbox('status', s.code, !state.statuses || state.statuses.has(s.code), nameOf(s), swatch(s.colour));
      i.addEventListener('change', () => {
        const all = catalogue.statuses.map((x) => x.code);
        const on = new Set(all.filter((code) => statuses.querySelector('input[value="' + code + '"]').checked));
        state.statuses = on.size === all.length ? null : on;
        filtersChanged();
      });
      statuses.append(l);
    }

    const cats = el('f-categories');
    cats.querySelectorAll('.group').forEach((n) => n.remove());
    for (const g of catalogue.groups) {
      const members = catalogue.categories.filter((c) => c.group === g.code);
      if (!members.length) continue;
      const box = document.createElement('div');
      box.className = 'group';
      const [gl, gi] = checkbox('group', g.code, true, nameOf(g));
      gi.setAttribute('aria-controls', 'group-' + g.code);
      const ul = document.createElement('ul');
      ul.id = 'group-' + g.code;
      const inputs = [];
      for (const c of members) {
        const [l, i] = checkbox('category', c.code, !state.categories || state.categories.has(c.code), nameOf(c), categoryIcon(c));
        i.addEventListener('change', () => { syncGroup(); categoriesChanged(); });
        inputs.push(i);
        const li = document.createElement('li');
        li.append(l);
        ul.append(li);
      }
      const syncGroup = () => {
        const n = inputs.filter((i) => i.checked).length;
        gi.checked = n === inputs.length;
        gi.indeterminate = n > 0 && n < inputs.length;
      };
      gi.addEventListener('change', () => {
        inputs.forEach((i) => { i.checked = gi.checked; });
        syncGroup();
        categoriesChanged();
      });
      syncGroup();
      box.append(gl, ul);
      cats.append(box);
    }
  }

  function categoriesChanged() {
    const all = catalogue.categories.map((c) => c.code);
    const on = new Set(all.filter((code) => el('f-categories').querySelector('input[name=category][value="' + code + '"]').checked));
    state.categories = on.size === all.length ? null : on;
    filtersChanged();
  }

  function bindPeriod() {
    document.querySelectorAll('#f-period input[name=period]').forEach((r) => r.addEventListener('change', () => {
      state.period = r.value;
      el('f-from').disabled = state.period !== 'custom';
      el('f-to').disabled = state.period !== 'custom';
      filtersChanged();
    }));
    for (const id of ['f-from', 'f-to']) {
      el(id).addEventListener('change', () => {
        state.from = el('f-from').value;
        state.to = el('f-to').value;
        if (state.from && state.to && state.to < state.from) {
          state.to = state.from;
          el('f-to').value = state.to;
        }
        el('f-to').min = state.from;
        filtersChanged();
      });
    }
    el('f-reset').addEventListener('click', () => {
      state.categories = null;
      state.statuses = null;
      state.period = 'all';
      state.from = '';
      state.to = '';
      buildFilters();
      filtersChanged();
    });
  }

  function buildLegend() {
    const ul = el('legend-statuses');
    ul.replaceChildren();
    for (const s of catalogue.statuses) {
      const li = document.createElement('li');
      li.append(swatch(s.colour));
      const span = document.createElement('span');
      span.textContent = nameOf(s);
      li.append(span);
      ul.append(li);
    }
    el('attribution').textContent = catalogue.basemap && catalogue.basemap.attribution ? catalogue.basemap.attribution : '';
  }

  // ---------------------------------------------------------------- the report form
  let pickOverlay;

  function buildCategorySelect() {
    const select = el('r-category');
    const chosen = select.value;
    select.replaceChildren();
    const none = document.createElement('option');
    none.value = '';
    none.textContent = t('chooseCategory');
    select.append(none);
    for (const g of catalogue.groups) {
      const og = document.createElement('optgroup');
      og.label = nameOf(g);
      for (const c of catalogue.categories.filter((x) => x.group === g.code && x.active)) {
        const o = document.createElement('option');
        o.value = c.code;
        o.textContent = nameOf(c);
        og.append(o);
      }
      if (og.children.length) select.append(og);
    }
    select.value = chosen;
  }

  function updateDescriptionRule() {
    const c = categoryByCode(el('r-category').value);
    const required = !!(c && c.descriptionRequired);
    el('r-description').required = required;
    el('r-description').setAttribute('aria-required', String(required));
    el('r-description-label').textContent = t(required ? 'descriptionRequired' : 'descriptionOptional');
    el('r-description').maxLength = catalogue.descriptionMax;
    el('r-description-count').textContent = t('charsLeft', { n: catalogue.descriptionMax - el('r-description').value.length });
  }

  function openForm() {
    const form = el('report-form');
    form.hidden = false;
    state.picking = true;
    el('map').classList.add('picking');
    el('add-open').setAttribute('aria-expanded', 'true');
    el('r-category').focus();
    form.scrollIntoView({ block: 'start' });
  }

  function closeForm() {
    el('report-form').hidden = true;
    state.picking = false;
    el('map').classList.remove('picking');
    el('add-open').setAttribute('aria-expanded', 'false');
    setPick(null);
    el('add-open').focus();
  }

  function setPick(lonLat) {
    state.pick = lonLat;
    pickOverlay.setPosition(lonLat ? ol.proj.fromLonLat(lonLat) : undefined);
    showPick();
    el('r-location-error').textContent = '';
    el('form-message').textContent = '';
    checkNearby();
  }

  function showPick() {
    el('r-location').textContent = state.pick
      ? t('locationSet', { lat: state.pick[1].toFixed(5), lon: state.pick[0].toFixed(5) })
      : t('locationHint');
    el('r-location').dataset.lon = state.pick ? String(state.pick[0]) : '';
    el('r-location').dataset.lat = state.pick ? String(state.pick[1]) : '';
  }

  let nearbySeq = 0;
  /** Before sending: the open reports of the same category near the chosen point ("already reported?"). */
  async function checkNearby() {
    const box = el('nearby');
    const category = el('r-category').value;
    const seq = ++nearbySeq;
    if (!state.pick || !category) { box.hidden = true; box.dataset.count = ''; return; }
    const [lon, lat] = state.pick;
    const dLat = NEARBY_METRES / 111320;
    const dLon = NEARBY_METRES / (111320 * Math.cos(lat * Math.PI / 180));
    const bbox = [lon - dLon, lat - dLat, lon + dLon, lat + dLat].map((v) => v.toFixed(6)).join(',');
    const url = '/ogc/features/collections/threats.points/items?f=json&limit=10&bbox=' + bbox
      + '&category=' + encodeURIComponent(category) + '&status=' + OPEN_STATUSES.join(',');
    let answer;
    try {
      const r = await fetch(url);
      if (!r.ok) throw new Error(String(r.status));
      answer = await r.json();
    } catch (e) {
      if (seq !== nearbySeq) return;
      box.hidden = false;
      el('nearby-text').textContent = t('nearbyFailed');
      el('nearby-list').replaceChildren();
      return;
    }
    if (seq !== nearbySeq) return;
    const features = answer.features || [];
    const n = typeof answer.numberMatched === 'number' ? answer.numberMatched : features.length;
    box.hidden = false;
    box.dataset.count = String(n);
    el('nearby-text').textContent = n === 0 ? t('nearbyNone', { m: NEARBY_METRES }) : t('nearbySome', { m: NEARBY_METRES, n });
    const list = el('nearby-list');
    list.replaceChildren();
    for (const f of features) {
      const li = document.createElement('li');
      const p = f.properties || {};
      const b = document.createElement('button');
      b.type = 'button';
      b.textContent = t('reportNo', { id: f.id }) + ' – ' + (nameOf(statusByCode(p.status)) || p.status || '') + ', '
        + String(p.reportedAt || p.reported || '').slice(0, 10);
      b.addEventListener('click', () => showDetails(f.id));
      li.append(b);
      list.append(li);
    }
  }

  function checkFiles() {
    const limits = catalogue.attachments;
    const files = [...el('r-files').files];
    const problems = [];
    if (files.length > limits.maxFiles) problems.push(t('tooManyFiles', { n: limits.maxFiles }));
    for (const f of files) {
      const ext = (f.name.split('.').pop() || '').toLowerCase();
      const typeOk = (f.type && limits.types.includes(f.type)) || limits.extensions.includes(ext)
        || (ext === 'jpeg' && limits.extensions.includes('jpg'));
      if (!typeOk) problems.push(t('fileWrongType', { name: f.name, types: limits.extensions.map((e) => e.toUpperCase()).join(', ') }));
      if (f.size > limits.maxBytes) {
        problems.push(t('fileTooLarge', { name: f.name, size: (f.size / 1048576).toFixed(1), mb: limits.maxBytes / 1048576 }));
      }
    }
    el('r-files-error').textContent = problems.join(' ');
    return problems.length === 0;
  }

  function clearErrors() {
    document.querySelectorAll('#report-form .field-error').forEach((n) => { n.textContent = ''; });
    const m = el('form-message');
    m.textContent = '';
    m.className = 'form-message';
  }

  function formatWait(seconds) {
    if (seconds < 60) return t('seconds', { n: seconds });
    const minutes = Math.ceil(seconds / 60);
    if (minutes < 60) return t('minutes', { n: minutes });
    return t('hours', { h: Math.floor(minutes / 60), m: minutes % 60 });
  }

  /** Puts each of the API's field errors beside its field; what has no field goes to the form message. */
  function showApiError(response, problem) {
    const message = el('form-message');
    const detail = (problem && (problem.detail || problem.title)) || '';
    if (response.status === 429) {
      message.textContent = t('errRateLimited', { wait: formatWait(retrySeconds(response)) });
      return;
    }
    if (response.status === 413) {
      message.textContent = t('errTooLarge');
      return;
    }
    const errors = (problem && problem.errors) || [];
    if (response.status === 400 && errors.length) {
      const rest = [];
      for (const e of errors) {
        const field = e.field || '';
        if (field === 'category') el('r-category-error').textContent = e.message;
        else if (field === 'location' || field === 'lon' || field === 'lat') {
          el('r-location-error').textContent = /poland|polsk/i.test(e.message) ? t('errOutside') + ' (' + e.message + ')' : e.message;
        } else if (field === 'occurredOn') el('r-date-error').textContent = e.message;
        else if (field === 'timeOfDay') rest.push(t('errField', { field: t('timeOfDay'), detail: e.message }));
        else if (field === 'description') el('r-description-error').textContent = e.message;
        else if (field.startsWith('attachments')) el('r-files-error').textContent = t('errFile', { detail: e.message });
        else rest.push(t('errField', { field, detail: e.message }));
      }
      message.textContent = rest.length ? rest.join(' ') : detail;
      return;
    }
    message.textContent = t('errServer', { status: response.status, detail });
  }

  async function submitReport(event) {
    event.preventDefault();
    clearErrors();
    const category = el('r-category').value;
    const description = el('r-description').value.trim();
    let ok = true;
    if (!category) { el('r-category-error').textContent = t('needCategory'); ok = false; }
    if (!state.pick) { el('r-location-error').textContent = t('needLocation'); ok = false; }
    const c = categoryByCode(category);
    if (c && c.descriptionRequired && !description) { el('r-description-error').textContent = t('needDescription'); ok = false; }
    if (!checkFiles()) ok = false;
    if (!ok) {
      const first = document.querySelector('#report-form .field-error:not(:empty)');
      if (first) first.previousElementSibling && first.previousElementSibling.focus && first.previousElementSibling.focus();
      return;
    }
    const report = { category, lon: Number(state.pick[0].toFixed(6)), lat: Number(state.pick[1].toFixed(6)) };
    if (el('r-date').value) report.occurredOn = el('r-date').value;
    if (el('r-time').value) report.timeOfDay = el('r-time').value;
    if (description) report.description = description;
    const files = [...el('r-files').files];
    let init;
    if (files.length) {
      const body = new FormData();
      body.append('report', JSON.stringify(report));
      files.forEach((f) => body.append('attachments', f, f.name));
      init = { method: 'POST', body };
    } else {
      init = { method: 'POST', headers: { 'Content-Type': 'application/json' }, body: JSON.stringify(report) };
    }
    const button = el('r-submit');
    button.disabled = true;
    button.textContent = t('sending');
    let response;
    try {
      response = await fetch('/api/reports', init);
    } catch (e) {
      el('form-message').textContent = t('errNetwork');
      return;
    } finally {
      button.disabled = false;
      button.textContent = t('submit');
    }
    let answer = null;
    try { answer = await response.json(); } catch (e) { answer = null; }
    if (response.status !== 201) {
      showApiError(response, answer);
      return;
    }
    const message = el('form-message');
    message.className = 'form-message ok';
    message.textContent = t('sent', { id: answer.id });
    message.dataset.id = String(answer.id);
    el('report-form').reset();
    updateDescriptionRule();
    state.pick = null;
    pickOverlay.setPosition(undefined);
    showPick();
    el('nearby').hidden = true;
    refreshThreats();
    // Again a little later: a tile asked while the first refresh was settling, or a server behind
    // the same proxy that applies the change a moment later, must not leave the old count on screen.
    // Unchanged tiles come back as 304, so the repeats cost little.
    setTimeout(refreshThreats, 1000);
    setTimeout(refreshThreats, 3000);
  }

  /** Reloads the threat tiles: unchanged ones come back as 304 (their ETags), the changed ones anew. */
  function refreshThreats() {
    owned.clear();
    threatsSource.refresh();
    summarise();
  }

  function bindForm() {
    el('add-open').setAttribute('aria-expanded', 'false');
    el('add-open').setAttribute('aria-controls', 'report-form');
    el('add-open').addEventListener('click', openForm);
    el('form-close').addEventListener('click', closeForm);
    el('r-cancel').addEventListener('click', closeForm);
    el('r-category').addEventListener('change', () => { updateDescriptionRule(); checkNearby(); });
    el('r-description').addEventListener('input', updateDescriptionRule);
    el('r-files').addEventListener('change', checkFiles);
    el('r-date').max = isoDate(new Date());
    el('r-geolocate').addEventListener('click', () => {
      if (!navigator.geolocation) { el('r-location-error').textContent = t('geolocationFailed', { reason: '–' }); return; }
      navigator.geolocation.getCurrentPosition((pos) => {
        const lonLat = [pos.coords.longitude, pos.coords.latitude];
        setPick(lonLat);
        map.getView().animate({ center: ol.proj.fromLonLat(lonLat), zoom: Math.max(map.getView().getZoom(), 15) });
      }, (err) => { el('r-location-error').textContent = t('geolocationFailed', { reason: err.message }); },
      { enableHighAccuracy: true, timeout: 15000 });
    });
    el('report-form').addEventListener('submit', submitReport);
    el('details-close').addEventListener('click', () => { el('details').hidden = true; el('map').focus(); });
  }

  // ---------------------------------------------------------------- the map
  function boundaryLayer(id, minZoom, maxZoom, width) {
    return new ol.layer.VectorTile({
      minZoom,
      maxZoom,
      declutter: true,
      source: new ol.source.VectorTile({ format: new ol.format.MVT(), url: '/tiles/' + id + '/{z}/{x}/{y}.mvt',
        tileSize: TILE_SIZE, maxZoom: TILE_MAX_ZOOM }),
      style: (f) => new ol.style.Style({
        stroke: new ol.style.Stroke({ color: '#5d6d7e', width }),
        text: f.get('name') ? new ol.style.Text({ text: f.get('name'), font: '12px sans-serif', overflow: false,
          fill: new ol.style.Fill({ color: '#34495e' }), stroke: new ol.style.Stroke({ color: '#ffffff', width: 3 }) }) : undefined,
      }),
    });
  }

  async function buildMap(position) {
    const layers = [];
    if (catalogue.basemap) {
      layers.push(new ol.layer.Tile({ source: new ol.source.XYZ({ url: catalogue.basemap.url,
        attributions: catalogue.basemap.attribution || undefined, crossOrigin: null }) }));
    }
    // Poland's outline, drawn from the server (no other host), with its name.
    layers.push(new ol.layer.Vector({
      source: new ol.source.Vector({ url: '/web/outline.json', format: new ol.format.GeoJSON() }),
      style: (f, resolution) => new ol.style.Style({
        fill: new ol.style.Fill({ color: catalogue.basemap ? 'rgba(255,255,255,0)' : '#f7f4ec' }),
        stroke: new ol.style.Stroke({ color: '#8e7f6a', width: 1.5 }),
        // The country's name while the whole country is in view.
        text: resolution > 1500 ? new ol.style.Text({ text: f.get('name_' + state.lang), font: 'bold 16px sans-serif',
          fill: new ol.style.Fill({ color: '#8e7f6a' }), overflow: false }) : undefined,
      }),
    }));
    const tilesets = await tilesetIds;
    // Each boundary level that has been imported, with its names, where its areas are big enough to read.
    if (tilesets.includes('municipalities')) layers.push(boundaryLayer('municipalities', 10, VIEW_MAX_ZOOM + 1, 0.6));
    if (tilesets.includes('counties')) layers.push(boundaryLayer('counties', 8, 10, 0.8));
    if (tilesets.includes('voivodeships')) layers.push(boundaryLayer('voivodeships', 0, 8, 1.2));
    // Police units (when imported) as small squares with their names, where a town is in view.
    if (tilesets.includes('police-units')) {
      const unitSymbol = new ol.style.RegularShape({ points: 4, radius: 5, angle: Math.PI / 4,
        fill: new ol.style.Fill({ color: '#0b3d6b' }), stroke: new ol.style.Stroke({ color: '#ffffff', width: 1 }) });
      layers.push(new ol.layer.VectorTile({
        minZoom: 10,
        declutter: true,
        source: new ol.source.VectorTile({ format: new ol.format.MVT(), url: '/tiles/police-units/{z}/{x}/{y}.mvt',
          tileSize: TILE_SIZE, maxZoom: TILE_MAX_ZOOM }),
        style: (f) => new ol.style.Style({ image: unitSymbol,
          text: new ol.style.Text({ text: f.get('name') || '', font: '11px sans-serif', offsetY: -12,
            fill: new ol.style.Fill({ color: '#0b3d6b' }), stroke: new ol.style.Stroke({ color: '#ffffff', width: 3 }) }) }),
      }));
    }

    threatsSource = new ol.source.VectorTile({
      format: MVT_FORMAT,
      url: threatsUrl(),
      tileSize: TILE_SIZE,
      maxZoom: TILE_MAX_ZOOM,
      tileLoadFunction: (tile, url) => {
        tile.setLoader((extent, resolution, projection) => { loadThreatTile(tile, url, extent, projection); });
      },
    });
    // preload 0: only the tiles in view are fetched (plus what OpenLayers' own queue keeps to a ring).
    threatsLayer = new ol.layer.VectorTile({ source: threatsSource, style: threatStyle, preload: 0,
      renderBuffer: 40, visible: tileQuery() !== null });
    layers.push(threatsLayer);

    map = new ol.Map({
      target: 'map',
      layers,
      keyboardEventTarget: el('map'),
      view: new ol.View({ center: ol.proj.fromLonLat([19.4, 52.1]), zoom: 6, minZoom: 4, maxZoom: VIEW_MAX_ZOOM,
        constrainResolution: true, extent: ol.proj.transformExtent([4, 44, 34, 60], 'EPSG:4326', 'EPSG:3857') }),
    });
    if (position) {
      map.getView().setCenter(ol.proj.fromLonLat(position.center));
      map.getView().setZoom(position.zoom);
    } else {
      map.getView().fit(ol.proj.transformExtent(POLAND, 'EPSG:4326', 'EPSG:3857'), { padding: [10, 10, 10, 10] });
    }
    const marker = document.createElement('div');
    marker.className = 'pick-marker';
    marker.setAttribute('aria-hidden', 'true');
    pickOverlay = new ol.Overlay({ element: marker, stopEvent: false });
    map.addOverlay(pickOverlay);

    map.on('moveend', () => { writeHash(); summarise(); });
    map.on('rendercomplete', () => {
      summarise();
      // When the first threats were on screen (ms since navigation start), for the load-time measurement.
      if (summary.complete && summary.total > 0 && !document.body.dataset.firstThreatsMs) {
        document.body.dataset.firstThreatsMs = String(Math.round(performance.now()));
      }
    });
    map.on('singleclick', (e) => {
      if (state.picking) {
        setPick(ol.proj.toLonLat(e.coordinate));
        return;
      }
      const f = threatAt(e.pixel);
      if (f) activate(f);
    });
    map.on('pointermove', (e) => {
      if (e.dragging || state.picking) return;
      map.getTargetElement().style.cursor = threatAt(e.pixel) ? 'pointer' : '';
    });
  }

  // Asked at once, beside the catalogue: which boundary levels have been imported.
  const tilesetIds = fetch('/tiles').then((r) => r.json()).then((j) => (j.tilesets || []).map((s) => s.id))
    .catch(() => []);

  async function start() {
    const position = readHash();
    catalogue = await (await fetch('/web/catalogue.json')).json();
    // A hand-edited or outdated URL may name codes the catalogue does not have: keep the known ones.
    const known = (set, list) => (set ? new Set([...set].filter((c) => list.some((x) => x.code === c))) : null);
    state.categories = known(state.categories, catalogue.categories);
    state.statuses = known(state.statuses, catalogue.statuses);
    if (state.from && state.to && state.to < state.from) state.to = '';
    // Icons are needed for single reports only (close zooms): the map does not wait for them.
    const iconsLoaded = loadIcons();
    await buildMap(position);
    iconsLoaded.then(() => {
      styleCache.clear();
      threatsLayer.changed();
    });
    bindPeriod();
    bindForm();
    el('lang').addEventListener('click', () => {
      state.lang = state.lang === 'pl' ? 'en' : 'pl';
      applyLanguage();
      writeHash();
    });
    applyLanguage();
    writeHash();
    window.kmzb = { map, state, summary: () => summary, refreshThreats, catalogue, viewKey };
    document.body.dataset.ready = 'true';
  }

  start().catch((e) => {
    status(String(e && e.message ? e.message : e));
    throw e;
  });
})();
