// The statistics page (issue 17): a choropleth of one indicator over the imported areas of a level,
// its legend, a table of the same rows sortable by any column, a trend chart of the chosen area and
// the API's CSV of the same query. Every figure comes from the server as it is: the report measures
// from /api/statistics, the police indicators (when that service runs) from
// /api/statistics/indicators; the page only classifies, sorts and draws them. The outlines are the
// server's generalised ones (/web/statistics/areas/{level}.json). The state lives in the URL hash.
(function () {
  'use strict';

  const I18N = window.KMZB_STATS_I18N;
  const el = (id) => document.getElementById(id);
  const LEVELS = ['voivodeship', 'county', 'municipality'];
  const PERIODS = ['month', 'week', 'year', 'all'];
  const CLASSES = 5;
  // A sequential palette (light to dark), readable in grey too; "no data" is hatched grey.
  const PALETTE = ['#fee5d9', '#fcae91', '#fb6a4a', '#de2d26', '#a50f15'];
  const NO_DATA = '#d9d9d9';
  // The report measures of /api/statistics, the first indicators of the list: field of a row and how it reads.
  const MEASURES = [
    { code: 'count', kind: 'int' },
    { code: 'confirmationRate', kind: 'share' },
    { code: 'medianHoursToVerification', kind: 'number' },
    { code: 'pastDeadlineShare', kind: 'share' },
    { code: 'trend', kind: 'share', needsPeriods: true },
  ];
  // The table's columns for report measures; every one sortable.
  const REPORT_COLUMNS = [
    { key: 'name', kind: 'text' }, { key: 'code', kind: 'text' }, { key: 'count', kind: 'int' },
    { key: 'confirmed', kind: 'int' }, { key: 'confirmationRate', kind: 'share' },
    { key: 'medianHoursToVerification', kind: 'number' }, { key: 'pastDeadlineShare', kind: 'share' },
    { key: 'trend', kind: 'share', needsPeriods: true },
  ];
  const POLICE_COLUMNS = [
    { key: 'name', kind: 'text' }, { key: 'code', kind: 'text' }, { key: 'value', kind: 'number' },
    { key: 'population', kind: 'int' }, { key: 'rate', kind: 'number' },
  ];
  const COLLATOR = new Intl.Collator('pl', { sensitivity: 'base', numeric: true });

  const state = {
    lang: 'pl',
    indicator: 'report:count',
    level: 'voivodeship',
    period: 'month',
    at: '', // the period label shown on the map and in the table; '' = the latest
    group: '',
    method: 'quantile',
    area: '', // the area of the trend chart
    sort: { key: 'value', dir: 'desc' },
  };
  let catalogue = { groups: [] };
  let policeIndicators = []; // from /api/statistics/indicators; empty when that service does not run
  let data = { rows: [], periods: [], breaks: null, query: '', csv: '' }; // the last answer, normalised
  let names = new Map(); // area code -> name, from the outlines of the level
  let map;
  let areasLayer;
  let loadSeq = 0;

  // ---------------------------------------------------------------- text and numbers
  function t(key, vars) {
    let s = (I18N[state.lang] && I18N[state.lang][key]) || I18N.pl[key] || key;
    if (vars) {
      for (const [k, v] of Object.entries(vars)) {
        s = s.split('{' + k + '}').join(String(v));
      }
    }
    return s;
  }
  const locale = () => (state.lang === 'pl' ? 'pl-PL' : 'en-GB');
  function format(value, kind) {
    if (value === null || value === undefined || Number.isNaN(value)) return '–';
    if (kind === 'int') return Math.round(value).toLocaleString(locale());
    if (kind === 'share') {
      return value.toLocaleString(locale(), { style: 'percent', minimumFractionDigits: 1, maximumFractionDigits: 1 });
    }
    return value.toLocaleString(locale(), { maximumFractionDigits: 2 });
  }
  const nameOf = (item) => (item && item.name ? (typeof item.name === 'string' ? item.name : item.name[state.lang] || item.name.pl) : '');

  // ---------------------------------------------------------------- URL state
  function readHash() {
    const p = new URLSearchParams(location.hash.replace(/^#/, ''));
    state.lang = p.get('lang') === 'en' ? 'en' : 'pl';
    if (p.get('ind')) state.indicator = p.get('ind');
    if (LEVELS.includes(p.get('level'))) state.level = p.get('level');
    if (PERIODS.includes(p.get('period'))) state.period = p.get('period');
    state.at = p.get('at') || '';
    state.group = p.get('group') || '';
    state.method = p.get('method') === 'equal' ? 'equal' : 'quantile';
    state.area = p.get('area') || '';
    const sort = /^([A-Za-z]+):(asc|desc)$/.exec(p.get('sort') || '');
    if (sort) state.sort = { key: sort[1], dir: sort[2] };
  }

  function writeHash() {
    const p = new URLSearchParams();
    p.set('ind', state.indicator);
    p.set('level', state.level);
    p.set('period', state.period);
    if (state.at) p.set('at', state.at);
    if (state.group) p.set('group', state.group);
    if (state.method !== 'quantile') p.set('method', state.method);
    if (state.area) p.set('area', state.area);
    p.set('sort', state.sort.key + ':' + state.sort.dir);
    if (state.lang !== 'pl') p.set('lang', state.lang);
    history.replaceState(null, '', '#' + p.toString().replace(/%3A/g, ':'));
    el('map-link').href = '/' + (state.lang !== 'pl' ? '#lang=' + state.lang : '');
  }

  // ---------------------------------------------------------------- indicators
  const isPolice = () => state.indicator.startsWith('police:');
  const indicatorCode = () => state.indicator.slice(state.indicator.indexOf(':') + 1);
  const measure = () => MEASURES.find((m) => m.code === indicatorCode());
  const policeIndicator = () => policeIndicators.find((i) => i.code === indicatorCode());

  function indicatorName() {
    return isPolice() ? nameOf(policeIndicator()) || indicatorCode() : t(indicatorCode());
  }

  /** The value the map and the chart show for a normalised row. */
  function valueOf(row) {
    const v = isPolice() ? row.shown : row[indicatorCode()];
    return typeof v === 'number' ? v : null;
  }
  const valueKind = () => (isPolice() ? 'number' : measure().kind);

  /** The police indicators, when their list answers (a 404: the service does not run here, so none). */
  async function loadPoliceIndicators() {
    const r = await fetch('/api/statistics/indicators', { headers: { Accept: 'application/json' } });
    if (!r.ok) return [];
    const body = await r.json();
    const list = Array.isArray(body) ? body : body.indicators || body.items || [];
    return list.filter((i) => i && typeof i.code === 'string');
  }

  function buildIndicatorSelect() {
    const select = el('s-indicator');
    select.replaceChildren();
    const reports = document.createElement('optgroup');
    reports.label = t('reportMeasures');
    for (const m of MEASURES) {
      if (m.needsPeriods && state.period === 'all') continue;
      reports.append(new Option(t(m.code), 'report:' + m.code));
    }
    select.append(reports);
    if (policeIndicators.length) {
      const police = document.createElement('optgroup');
      police.label = t('policeIndicators');
      for (const i of policeIndicators) police.append(new Option(nameOf(i) || i.code, 'police:' + i.code));
      select.append(police);
    }
    if (![...select.options].some((o) => o.value === state.indicator)) state.indicator = 'report:count';
    select.value = state.indicator;
  }

  function buildGroupSelect() {
    const select = el('s-group');
    select.replaceChildren(new Option(t('allGroups'), ''));
    for (const g of catalogue.groups) select.append(new Option(nameOf(g), g.code));
    if (![...select.options].some((o) => o.value === state.group)) state.group = '';
    select.value = state.group;
    el('s-group-control').hidden = isPolice();
  }

  // ---------------------------------------------------------------- data
  /** The API query of the present choice (the JSON one; the CSV link adds f=csv). */
  function query() {
    const p = new URLSearchParams();
    p.set('level', state.level);
    p.set('period', state.period);
    if (isPolice()) {
      return { url: '/api/statistics/indicators/' + encodeURIComponent(indicatorCode()), params: p };
    }
    if (state.group) p.set('group', state.group);
    return { url: '/api/statistics', params: p };
  }

  /** Rows of either API in one shape: area code, period, the figures of the columns. */
  function normalise(body) {
    const rows = (body.rows || body.items || []).map((r) => {
      const area = r.area !== undefined ? r.area : r.code !== undefined ? r.code : null;
      const row = Object.assign({}, r, { code: area, period: r.period || 'all' });
      if (isPolice()) row.shown = typeof r.rate === 'number' ? r.rate : r.value;
      return row;
    });
    const periods = [...new Set(rows.map((r) => r.period))].sort();
    let breaks = null;
    if (isPolice() && Array.isArray(body.breaks)) breaks = body.breaks.filter((b) => typeof b === 'number');
    return { rows, periods, breaks };
  }

  async function fetchJson(url) {
    const r = await fetch(url, { headers: { Accept: 'application/json' } });
    if (!r.ok) {
      let detail = r.statusText;
      try {
        const problem = await r.json();
        detail = problem.detail || problem.title || detail;
      } catch (e) {
        // not a problem document: the status text says enough
      }
      throw Object.assign(new Error(detail), { status: r.status });
    }
    return r.json();
  }

  async function loadAreas(level) {
    const doc = await fetchJson('/web/statistics/areas/' + level + '.json');
    names = new Map(doc.features.map((f) => [f.properties.code, f.properties.name]));
    const source = new ol.source.Vector({
      features: new ol.format.GeoJSON().readFeatures(doc, { featureProjection: 'EPSG:3857' }),
    });
    areasLayer.setSource(source);
    if (source.getFeatures().length) {
      map.getView().fit(source.getExtent(), { padding: [10, 10, 10, 10] });
    }
    return doc.features.length;
  }

  let loadedLevel = '';
  /** Loads the outlines (when the level changed) and the figures, then draws everything. */
  async function load() {
    const seq = ++loadSeq;
    const table = el('s-table');
    table.dataset.ready = 'false';
    document.body.dataset.ready = 'false';
    status(t('loading'));
    const q = query();
    const url = q.url + '?' + q.params.toString();
    try {
      let areaCount = names.size;
      if (loadedLevel !== state.level) {
        areaCount = await loadAreas(state.level);
        loadedLevel = state.level;
      }
      const body = await fetchJson(url);
      if (seq !== loadSeq) return;
      data = Object.assign(normalise(body), { query: url });
      const csv = new URLSearchParams(q.params);
      csv.set('f', 'csv');
      data.csv = q.url + '?' + csv.toString();
      if (!data.periods.includes(state.at)) state.at = data.periods[data.periods.length - 1] || '';
      status(areaCount ? '' : t('noAreas'));
      render();
      table.dataset.query = url;
      table.dataset.ready = 'true';
      document.body.dataset.ready = 'true';
    } catch (e) {
      if (seq !== loadSeq) return;
      status(t('loadFailed', { status: e.status || '', detail: e.message }));
      document.body.dataset.ready = 'error';
    }
  }

  function status(text) {
    el('s-status').textContent = text;
  }

  // ---------------------------------------------------------------- classes
  /**
   * Upper bounds of the classes of {@code values}: quantiles (class i ends at the value ranked
   * ceil(i·n/k), so each class holds about n/k areas) or equal intervals (min + i·(max−min)/k).
   * Repeated bounds are merged, so few distinct values give fewer classes.
   */
  function breaks(values, method, k) {
    const sorted = values.filter((v) => typeof v === 'number' && !Number.isNaN(v)).sort((a, b) => a - b);
    if (!sorted.length) return [];
    const n = sorted.length;
    const out = [];
    for (let i = 1; i <= k; i++) {
      const b = method === 'equal' ? (i === k ? sorted[n - 1] : sorted[0] + (i * (sorted[n - 1] - sorted[0])) / k)
        : sorted[Math.ceil((i * n) / k) - 1];
      if (!out.length || b > out[out.length - 1]) out.push(b);
    }
    return out;
  }

  /** The class of {@code v}: the first whose upper bound it does not exceed. */
  function classOf(v, bounds) {
    if (v === null) return -1;
    for (let i = 0; i < bounds.length; i++) {
      if (v <= bounds[i]) return i;
    }
    return bounds.length - 1;
  }

  /** Colours for as many classes as there are, spread over the palette. */
  function colours(n) {
    if (n <= 1) return [PALETTE[PALETTE.length - 1]];
    return Array.from({ length: n }, (_, i) => PALETTE[Math.round((i * (PALETTE.length - 1)) / (n - 1))]);
  }

  // ---------------------------------------------------------------- drawing
  let shown = { rows: [], byCode: new Map(), bounds: [], colours: [] };

  function render() {
    const rows = data.rows.filter((r) => r.period === state.at);
    const byCode = new Map(rows.filter((r) => r.code !== null).map((r) => [r.code, r]));
    const mapped = [...byCode.values()].map(valueOf);
    let bounds = isPolice() && data.breaks && data.breaks.length ? serverBounds(data.breaks, mapped) : breaks(mapped, state.method, CLASSES);
    shown = { rows, byCode, bounds, colours: colours(bounds.length) };
    buildPeriodSelect();
    buildLegend();
    buildTable();
    areasLayer.changed();
    drawTrend();
    writeHash();
    const csv = el('s-csv');
    csv.href = data.csv;
    csv.setAttribute('download', 'kmzb-' + (isPolice() ? indicatorCode() : 'statistics') + '-' + state.level + '-' + state.period + '.csv');
    el('s-csv-note').textContent = '(' + t(isPolice() ? 'csvIndicator' : 'csvReports') + ')';
  }

  /** The API's class breaks as upper bounds (a leading minimum, when sent, is dropped). */
  function serverBounds(list, values) {
    const sorted = [...list].sort((a, b) => a - b);
    const present = values.filter((v) => v !== null);
    const min = present.length ? Math.min(...present) : null;
    return sorted.length > 1 && min !== null && sorted[0] <= min && sorted.length > CLASSES ? sorted.slice(1) : sorted;
  }

  function buildPeriodSelect() {
    const select = el('s-at');
    select.replaceChildren(...data.periods.map((p) => new Option(p === 'all' ? t('all') : p, p)));
    select.value = state.at;
    select.disabled = data.periods.length <= 1;
  }

  function buildLegend() {
    el('s-legend-title').textContent = indicatorName() + (state.at ? ' · ' + (state.at === 'all' ? t('all') : state.at) : '');
    const list = el('s-legend-list');
    list.replaceChildren();
    const kind = valueKind();
    const counts = new Array(shown.bounds.length).fill(0);
    let none = 0;
    for (const f of areasLayer.getSource() ? areasLayer.getSource().getFeatures() : []) {
      const row = shown.byCode.get(f.get('code'));
      const c = classOf(row ? valueOf(row) : null, shown.bounds);
      if (c < 0) none++;
      else counts[c]++;
    }
    const values = [...shown.byCode.values()].map(valueOf).filter((v) => v !== null);
    let lower = values.length ? Math.min(...values) : null;
    shown.bounds.forEach((upper, i) => {
      const li = document.createElement('li');
      li.dataset.upper = String(upper);
      li.dataset.areas = String(counts[i]);
      li.append(swatch(shown.colours[i]), document.createTextNode(
        (i === 0 ? format(lower, kind) : '> ' + format(shown.bounds[i - 1], kind)) + ' – ' + format(upper, kind)
        + ' (' + t('areasInClass', { n: counts[i] }) + ')'));
      list.append(li);
    });
    const li = document.createElement('li');
    li.dataset.areas = String(none);
    li.className = 'no-data';
    li.append(swatch(NO_DATA), document.createTextNode(t('noData') + ' (' + t('areasInClass', { n: none }) + ')'));
    list.append(li);
    list.dataset.bounds = JSON.stringify(shown.bounds);
  }

  function swatch(colour) {
    const s = document.createElement('span');
    s.className = 'class-swatch';
    s.style.background = colour;
    s.setAttribute('aria-hidden', 'true');
    return s;
  }

  const styles = new Map();
  function areaStyle(feature) {
    const row = shown.byCode.get(feature.get('code'));
    const c = classOf(row ? valueOf(row) : null, shown.bounds);
    const selected = feature.get('code') === state.area;
    const key = c + (selected ? 's' : '');
    if (!styles.has(key)) {
      styles.set(key, new ol.style.Style({
        fill: new ol.style.Fill({ color: c < 0 ? NO_DATA : shown.colours[c] }),
        stroke: new ol.style.Stroke({ color: selected ? '#0b3d6b' : '#ffffff', width: selected ? 3 : 0.8 }),
        zIndex: selected ? 1 : 0,
      }));
    }
    return styles.get(key);
  }

  function columns() {
    return (isPolice() ? POLICE_COLUMNS : REPORT_COLUMNS).filter((c) => !(c.needsPeriods && state.period === 'all'));
  }

  function cellValue(row, key) {
    if (key === 'name') return row.code === null ? t('noArea') : row.name || names.get(row.code) || row.code;
    if (key === 'code') return row.code === null ? '' : row.code;
    const v = row[key];
    return typeof v === 'number' ? v : null;
  }

  /** The rows in the table's order: numbers as numbers, names by Polish collation, empty cells last. */
  function sorted(rows) {
    const key = state.sort.key === 'value' ? (isPolice() ? 'value' : indicatorCode()) : state.sort.key;
    const sign = state.sort.dir === 'asc' ? 1 : -1;
    const col = columns().find((c) => c.key === key) || columns()[0];
    return [...rows].sort((a, b) => {
      const x = cellValue(a, col.key);
      const y = cellValue(b, col.key);
      if (x === null || x === '') return y === null || y === '' ? 0 : 1;
      if (y === null || y === '') return -1;
      const d = col.kind === 'text' ? COLLATOR.compare(x, y) : x - y;
      return d !== 0 ? sign * d : COLLATOR.compare(String(a.code), String(b.code));
    });
  }

  function buildTable() {
    const cols = columns();
    const shownKey = isPolice() ? (policeIndicator() && 'rate') : indicatorCode();
    const sortKey = state.sort.key === 'value' ? (isPolice() ? 'value' : indicatorCode()) : state.sort.key;
    const head = el('s-head');
    head.replaceChildren(...cols.map((c) => {
      const th = document.createElement('th');
      th.scope = 'col';
      th.dataset.key = c.key;
      if (c.kind !== 'text') th.className = 'num';
      if (c.key === shownKey) th.classList.add('shown');
      th.setAttribute('aria-sort', c.key === sortKey ? (state.sort.dir === 'asc' ? 'ascending' : 'descending') : 'none');
      const b = document.createElement('button');
      b.type = 'button';
      b.textContent = columnTitle(c.key);
      b.addEventListener('click', () => {
        state.sort = { key: c.key, dir: sortKey === c.key && state.sort.dir === 'asc' ? 'desc' : sortKey === c.key ? 'asc' : c.kind === 'text' ? 'asc' : 'desc' };
        buildTable();
        writeHash();
        head.querySelector('th[data-key="' + c.key + '"] button').focus();
      });
      th.append(b);
      return th;
    }));
    const body = el('s-body');
    body.replaceChildren(...sorted(shown.rows).map((row) => {
      const tr = document.createElement('tr');
      tr.dataset.code = row.code === null ? '' : row.code;
      if (row.code !== null && row.code === state.area) tr.className = 'selected';
      for (const c of cols) {
        const td = document.createElement('td');
        td.dataset.key = c.key;
        const v = cellValue(row, c.key);
        if (c.key === 'name' && row.code !== null) {
          const b = document.createElement('button');
          b.type = 'button';
          b.className = 'area';
          b.textContent = v;
          b.setAttribute('aria-label', t('showTrend', { area: v }));
          b.addEventListener('click', () => select(row.code, true));
          td.append(b);
        } else {
          td.textContent = c.kind === 'text' ? v : format(v, c.kind);
        }
        if (c.kind !== 'text') {
          td.className = 'num';
          td.dataset.value = v === null ? '' : String(v);
        }
        if (c.key === shownKey) td.classList.add('shown');
        tr.append(td);
      }
      return tr;
    }));
    el('s-caption').textContent = t('caption', { indicator: indicatorName(), level: t(state.level),
      period: state.at === 'all' ? t('all') : state.at, n: shown.rows.length });
    el('s-table').dataset.sort = sortKey + ':' + state.sort.dir;
  }

  function columnTitle(key) {
    if (key === 'name') return t('area');
    if (key === 'code') return t('code');
    if (key === 'rate' && policeIndicator() && policeIndicator().per) return t('ratePer', { per: policeIndicator().per });
    return t(key);
  }

  // ---------------------------------------------------------------- trend chart
  /** Chooses the area of the trend chart (from the map or the table). */
  function select(code, focusChart) {
    state.area = code || '';
    areasLayer.changed();
    document.querySelectorAll('#s-body tr').forEach((tr) => tr.classList.toggle('selected', tr.dataset.code === state.area));
    drawTrend();
    writeHash();
    if (focusChart) el('s-trend-title').focus();
  }

  /**
   * The chosen area's indicator over every period of the answer, as plain SVG: a line through the
   * periods that have a value (for counts a period without a row is 0 reports; for rates it has none).
   */
  function drawTrend() {
    const box = el('s-chart');
    const section = el('s-trend');
    box.replaceChildren();
    section.dataset.area = state.area;
    const name = names.get(state.area) || state.area;
    el('s-trend-title').textContent = state.area ? t('trendOf', { area: name }) : t('trendTitle');
    el('s-trend-hint').hidden = !!state.area;
    if (!state.area) return;
    const rows = new Map(data.rows.filter((r) => r.code === state.area).map((r) => [r.period, r]));
    const zeroWhenMissing = !isPolice() && indicatorCode() === 'count';
    const points = data.periods.map((p) => {
      const r = rows.get(p);
      return { period: p, value: r ? valueOf(r) : zeroWhenMissing ? 0 : null };
    }).filter((p) => p.value !== null);
    section.dataset.points = JSON.stringify(points);
    if (!points.length) {
      const p = document.createElement('p');
      p.textContent = t('trendNone');
      box.append(p);
      return;
    }
    const W = 420;
    const H = 220;
    const M = { left: 56, right: 12, top: 12, bottom: 40 };
    const values = points.map((p) => p.value);
    const lo = Math.min(0, ...values);
    const hi = Math.max(...values);
    const span = hi - lo || 1;
    const xs = data.periods.length > 1 ? (W - M.left - M.right) / (data.periods.length - 1) : 0;
    const x = (p) => M.left + (data.periods.length > 1 ? data.periods.indexOf(p) * xs : (W - M.left - M.right) / 2);
    const y = (v) => M.top + (H - M.top - M.bottom) * (1 - (v - lo) / span);
    const NS = 'http://www.w3.org/2000/svg';
    const svg = document.createElementNS(NS, 'svg');
    svg.setAttribute('viewBox', '0 0 ' + W + ' ' + H);
    svg.setAttribute('role', 'img');
    const kind = valueKind();
    svg.setAttribute('aria-label', indicatorName() + ', ' + name + ': '
      + points.map((p) => p.period + ' ' + format(p.value, kind)).join('; '));
    const add = (tag, attrs, text) => {
      const n = document.createElementNS(NS, tag);
      for (const [k, v] of Object.entries(attrs)) n.setAttribute(k, String(v));
      if (text !== undefined) n.textContent = text;
      svg.append(n);
      return n;
    };
    add('line', { class: 'axis', x1: M.left, y1: M.top, x2: M.left, y2: H - M.bottom });
    add('line', { class: 'axis', x1: M.left, y1: y(lo), x2: W - M.right, y2: y(lo) });
    add('text', { x: M.left - 4, y: y(hi) + 4, 'text-anchor': 'end' }, format(hi, kind));
    add('text', { x: M.left - 4, y: y(lo) + 4, 'text-anchor': 'end' }, format(lo, kind));
    const first = data.periods[0];
    const last = data.periods[data.periods.length - 1];
    add('text', { x: x(first), y: H - M.bottom + 16, 'text-anchor': 'start' }, first === 'all' ? t('all') : first);
    if (last !== first) add('text', { x: x(last), y: H - M.bottom + 16, 'text-anchor': 'end' }, last);
    add('polyline', { class: 'line', points: points.map((p) => x(p.period) + ',' + y(p.value)).join(' ') });
    for (const p of points) {
      const c = add('circle', { class: 'point', cx: x(p.period), cy: y(p.value), r: p.period === state.at ? 5 : 3,
        'data-period': p.period, 'data-value': p.value });
      const title = document.createElementNS(NS, 'title');
      title.textContent = p.period + ': ' + format(p.value, kind);
      c.append(title);
    }
    box.append(svg);
  }

  // ---------------------------------------------------------------- language and start
  function applyLanguage() {
    document.documentElement.lang = state.lang;
    document.title = t('pageTitle');
    document.querySelectorAll('[data-i18n]').forEach((n) => { n.textContent = t(n.dataset.i18n); });
    document.querySelectorAll('[data-i18n-label]').forEach((n) => n.setAttribute('aria-label', t(n.dataset.i18nLabel)));
    el('lang').lang = state.lang === 'pl' ? 'en' : 'pl';
    buildIndicatorSelect();
    buildGroupSelect();
    if (data.query) render();
  }

  function buildMap() {
    areasLayer = new ol.layer.Vector({ style: areaStyle });
    map = new ol.Map({
      target: 's-map',
      layers: [
        new ol.layer.Vector({
          source: new ol.source.Vector({ url: '/web/outline.json', format: new ol.format.GeoJSON() }),
          style: new ol.style.Style({ fill: new ol.style.Fill({ color: '#f4f1ea' }), stroke: new ol.style.Stroke({ color: '#9aa5b1', width: 1 }) }),
        }),
        areasLayer,
      ],
      keyboardEventTarget: el('s-map'),
      view: new ol.View({ center: ol.proj.fromLonLat([19.4, 52.1]), zoom: 5.5, minZoom: 4, maxZoom: 14 }),
    });
    map.getView().fit(ol.proj.transformExtent([14.07, 49.0, 24.15, 54.84], 'EPSG:4326', 'EPSG:3857'), { padding: [10, 10, 10, 10] });
    map.on('singleclick', (e) => {
      const f = map.forEachFeatureAtPixel(e.pixel, (feature) => feature, { layerFilter: (l) => l === areasLayer });
      if (f) select(f.get('code'), false);
    });
    map.on('pointermove', (e) => {
      map.getTargetElement().style.cursor = map.hasFeatureAtPixel(e.pixel, { layerFilter: (l) => l === areasLayer }) ? 'pointer' : '';
    });
  }

  function bind() {
    el('s-indicator').addEventListener('change', (e) => {
      const wasPolice = isPolice();
      state.indicator = e.target.value;
      state.sort = { key: 'value', dir: 'desc' };
      buildGroupSelect();
      if (wasPolice || isPolice()) load();
      else render();
    });
    el('s-level').addEventListener('change', (e) => { state.level = e.target.value; state.area = ''; load(); });
    el('s-period').addEventListener('change', (e) => {
      state.period = e.target.value;
      state.at = '';
      buildIndicatorSelect();
      load();
    });
    el('s-at').addEventListener('change', (e) => { state.at = e.target.value; render(); });
    el('s-group').addEventListener('change', (e) => { state.group = e.target.value; load(); });
    el('s-method').addEventListener('change', (e) => { state.method = e.target.value; render(); });
    el('lang').addEventListener('click', () => {
      state.lang = state.lang === 'pl' ? 'en' : 'pl';
      applyLanguage();
      writeHash();
    });
  }

  async function start() {
    readHash();
    el('s-level').value = state.level;
    el('s-period').value = state.period;
    el('s-method').value = state.method;
    buildMap();
    const [cat, police] = await Promise.all([fetchJson('/web/catalogue.json'), loadPoliceIndicators()]);
    catalogue = cat;
    policeIndicators = police;
    applyLanguage();
    bind();
    window.kmzbStats = { map, state, data: () => data, shown: () => shown, breaks, classOf, names: () => names };
    await load();
  }

  start().catch((e) => {
    status(String(e && e.message ? e.message : e));
    document.body.dataset.ready = 'error';
    throw e;
  });
})();
