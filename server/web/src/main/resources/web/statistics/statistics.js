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
    from: '', // report measures: the first day of the range ('' = the API's default, 12 periods up to today)
    to: '',
    method: 'quantile', // police indicators also 'jenks' (the server classifies them)
    per: 100000, // police indicators that are counts: rate per this many inhabitants (1: the values)
    area: '', // the area of the trend chart
    sort: { key: 'value', dir: 'desc' },
  };
  let catalogue = { groups: [] };
  let policeIndicators = []; // from /api/statistics/indicators, those with values; empty when that service does not run
  let policeCatalogue = { per: [1, 10000, 100000], methods: ['quantile', 'equal', 'jenks'] };
  // The last answer, normalised: rows of every period loaded, the periods, the API's classes (police only).
  let data = { rows: [], periods: [], classes: null, classifiedBy: '', query: '', csv: '' };
  const series = new Map(); // police: query without period -> Promise of the rows of every period (trend chart)
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
    const day = (v) => (/^\d{4}-\d{2}-\d{2}$/.test(v || '') ? v : '');
    state.from = day(p.get('from'));
    state.to = day(p.get('to'));
    state.method = ['equal', 'jenks'].includes(p.get('method')) ? p.get('method') : 'quantile';
    if (/^\d+$/.test(p.get('per') || '')) state.per = Number(p.get('per'));
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
    if (state.from) p.set('from', state.from);
    if (state.to) p.set('to', state.to);
    if (state.method !== 'quantile') p.set('method', state.method);
    if (isPolice()) p.set('per', String(state.per));
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

  /** The column the map, the legend and the chart show: a report measure, or the police rate or value. */
  function shownKey() {
    if (!isPolice()) return indicatorCode();
    return data.classifiedBy === 'rate' ? 'rate' : 'value';
  }

  /** The value the map and the chart show for a normalised row. */
  function valueOf(row) {
    const v = row[shownKey()];
    return typeof v === 'number' ? v : null;
  }
  const valueKind = () => (isPolice() ? 'number' : measure().kind);

  /** A police indicator's levels that have values, and their periods. */
  const policeLevels = () => (policeIndicator() ? policeIndicator().levels || [] : []);
  const policePeriods = () => (policeLevels().find((l) => l.level === state.level) || { periods: [] }).periods;

  /**
   * The police indicators that have values, when their list answers (a 404: the service does not
   * run here, so none). An indicator without imported values is not offered.
   */
  async function loadPoliceIndicators() {
    const r = await fetch('/api/statistics/indicators', { headers: { Accept: 'application/json' } });
    if (!r.ok) return [];
    const body = await r.json();
    if (Array.isArray(body.per)) policeCatalogue.per = body.per;
    if (Array.isArray(body.methods)) policeCatalogue.methods = body.methods;
    return (body.indicators || []).filter((i) => i && typeof i.code === 'string'
      && (i.levels || []).some((l) => LEVELS.includes(l.level) && (l.periods || []).length));
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
    el('s-range').hidden = isPolice();
    el('s-from').value = state.from;
    el('s-to').value = state.to;
  }

  /**
   * The controls that depend on the indicator: report measures take a period length and a group,
   * police indicators a rate base (counts only) and the server's Jenks breaks; their levels are
   * those with values.
   */
  function buildIndicatorControls() {
    const police = isPolice();
    el('s-period-control').hidden = police;
    el('s-per-control').hidden = !police || !policeIndicator() || !policeIndicator().rate;
    const per = el('s-per');
    per.replaceChildren(...policeCatalogue.per.map((n) => new Option(n === 1 ? t('perNone') : t('perN', { n: n.toLocaleString(locale()) }), String(n))));
    if (police && (!policeIndicator() || !policeIndicator().rate)) state.per = 1;
    else if (police && !policeCatalogue.per.includes(state.per)) state.per = policeCatalogue.per[policeCatalogue.per.length - 1];
    per.value = String(state.per);
    const methods = ['quantile', 'equal'].concat(police && policeCatalogue.methods.includes('jenks') ? ['jenks'] : []);
    if (!methods.includes(state.method)) state.method = 'quantile';
    const method = el('s-method');
    method.replaceChildren(...methods.map((m) => new Option(t(m), m)));
    method.value = state.method;
    const levels = police ? policeLevels().map((l) => l.level) : LEVELS;
    for (const o of el('s-level').options) o.disabled = !levels.includes(o.value);
    if (!levels.includes(state.level)) state.level = levels[0] || 'voivodeship';
    el('s-level').value = state.level;
  }

  // ---------------------------------------------------------------- data
  /** The API query of the present choice (the JSON one; the CSV link adds f=csv). */
  function query() {
    const p = new URLSearchParams();
    p.set('level', state.level);
    p.set('period', state.period);
    if (isPolice()) {
      p.delete('period');
      const periods = policePeriods();
      p.set('period', periods.includes(state.at) ? state.at : periods[periods.length - 1] || '');
      p.set('per', String(state.per));
      p.set('method', state.method);
      return { url: '/api/statistics/indicators/' + encodeURIComponent(indicatorCode()), params: p };
    }
    if (state.group) p.set('group', state.group);
    if (state.from) p.set('from', state.from);
    if (state.to) p.set('to', state.to);
    return { url: '/api/statistics', params: p };
  }

  /**
   * Rows of either API in one shape: {@code code} the area (null: reports without one), the period,
   * the figures of the columns. A police answer is one period; its periods are the indicator's.
   */
  function normalise(body) {
    if (isPolice()) {
      return { rows: body.rows.map((r) => Object.assign({}, r)), periods: policePeriods(), classes: body.classes,
        classifiedBy: body.classifiedBy, at: body.period };
    }
    const rows = body.rows.map((r) => Object.assign({}, r, { code: r.area }));
    // Every period of the range, with rows or not (the API lists none for a period without reports).
    const periods = new Set(body.period === 'all' ? [] : periodsOf(body.period, body.from, body.to));
    rows.forEach((r) => periods.add(r.period));
    return { rows, periods: [...periods].sort(), classes: null, classifiedBy: '', at: '' };
  }

  /**
   * The labels of the periods from {@code from} to {@code to} (dates YYYY-MM-DD, inclusive) as
   * /api/statistics names them: 2026-03 (month), 2026 (year), 2026-W09 (ISO week, Monday to Sunday).
   */
  function periodsOf(period, from, to) {
    const day = (s) => new Date(Date.UTC(Number(s.slice(0, 4)), Number(s.slice(5, 7)) - 1, Number(s.slice(8, 10))));
    const end = day(to);
    const out = [];
    if (period === 'year') {
      for (let y = end.getUTCFullYear(), f = day(from).getUTCFullYear(); f <= y; f++) out.push(String(f));
    } else if (period === 'month') {
      for (let d = day(from.slice(0, 8) + '01'); d <= end; d.setUTCMonth(d.getUTCMonth() + 1)) {
        out.push(d.toISOString().slice(0, 7));
      }
    } else if (period === 'week') {
      const d = day(from);
      d.setUTCDate(d.getUTCDate() - ((d.getUTCDay() + 6) % 7)); // back to Monday
      for (; d <= end; d.setUTCDate(d.getUTCDate() + 7)) {
        const thursday = new Date(d.getTime() + 3 * 86400000); // the ISO year is the year of the week's Thursday
        const year = thursday.getUTCFullYear();
        const week = 1 + Math.floor((thursday - Date.UTC(year, 0, 1)) / (7 * 86400000));
        out.push(year + '-W' + String(week).padStart(2, '0'));
      }
    }
    return out;
  }

  /** A police indicator's rows over every period of the level (the trend chart), loaded once per choice. */
  function policeSeries() {
    const q = query();
    q.params.delete('period');
    const key = q.url + '?' + q.params.toString();
    if (!series.has(key)) {
      series.set(key, Promise.all(policePeriods().map((p) => {
        const params = new URLSearchParams(q.params);
        params.set('period', p);
        return fetchJson(q.url + '?' + params.toString()).then((body) => body.rows);
      })).then((lists) => lists.flat(), (e) => {
        series.delete(key); // a failure is not kept: the next choice of an area asks again
        throw e;
      }));
    }
    return series.get(key);
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

  async function loadAreas(level, seq) {
    const doc = await fetchJson('/web/statistics/areas/' + level + '.json');
    if (seq !== loadSeq) return -1; // another choice came meanwhile: its load draws its own level
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
        const level = state.level;
        areaCount = await loadAreas(level, seq);
        if (seq !== loadSeq) return;
        loadedLevel = level;
      }
      const body = await fetchJson(url);
      if (seq !== loadSeq) return;
      data = Object.assign(normalise(body), { query: url });
      const csv = new URLSearchParams(q.params);
      csv.set('f', 'csv');
      data.csv = q.url + '?' + csv.toString();
      if (isPolice()) state.at = data.at;
      else if (!data.periods.includes(state.at)) state.at = data.periods[data.periods.length - 1] || '';
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
    const classes = isPolice() ? serverClasses(rows) : clientClasses(rows);
    shown = { rows, byCode, bounds: classes.map((c) => c.upper), classes, colours: colours(classes.length) };
    buildPeriodSelect();
    buildLegend();
    buildTable();
    areasLayer.changed();
    drawTrend();
    writeHash();
    const csv = el('s-csv');
    csv.href = data.csv;
    csv.setAttribute('download', 'kmzb-' + (isPolice() ? indicatorCode() + '-' + state.level + '-' + state.at
      : 'statistics-' + state.level + '-' + state.period) + '.csv');
    el('s-csv-note').textContent = '(' + t(isPolice() ? 'csvIndicator' : 'csvReports') + ')';
  }

  /**
   * Classes of the report measures, computed here: bounds by {@link breaks} over the areas' values,
   * each row's class, and how many areas fall in each.
   */
  function clientClasses(rows) {
    const mapped = rows.filter((r) => r.code !== null);
    const values = mapped.map(valueOf).filter((v) => v !== null);
    const upper = breaks(values, state.method, CLASSES);
    const classes = upper.map((u, i) => ({ lower: i === 0 ? Math.min(...values) : upper[i - 1], upper: u, count: 0, open: i > 0 }));
    for (const r of rows) {
      r.cls = r.code === null ? -1 : classOf(valueOf(r), upper);
      if (r.cls >= 0) classes[r.cls].count++;
    }
    return classes;
  }

  /** Classes of a police indicator as the API classified them (its breaks, each row's class, counts). */
  function serverClasses(rows) {
    for (const r of rows) r.cls = typeof r.class === 'number' ? r.class : -1;
    return (data.classes || []).map((c) => ({ lower: c.lower, upper: c.upper, count: c.count, open: c.class > 0 }));
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
    const features = areasLayer.getSource() ? areasLayer.getSource().getFeatures() : [];
    const none = features.filter((f) => { const r = shown.byCode.get(f.get('code')); return !r || r.cls < 0; }).length;
    shown.classes.forEach((c, i) => {
      const li = document.createElement('li');
      li.dataset.lower = String(c.lower);
      li.dataset.upper = String(c.upper);
      li.dataset.areas = String(c.count);
      li.append(swatch(shown.colours[i]), document.createTextNode((c.open ? '> ' : '') + format(c.lower, kind)
        + ' – ' + format(c.upper, kind) + ' (' + t('areasInClass', { n: c.count }) + ')'));
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
    const c = row ? row.cls : -1;
    const selected = feature.get('code') === state.area;
    const colour = c < 0 ? NO_DATA : shown.colours[c];
    // Keyed by the colour, not the class: the same class has another colour when the count of classes changes.
    const key = colour + (selected ? 's' : '');
    if (!styles.has(key)) {
      styles.set(key, new ol.style.Style({
        fill: new ol.style.Fill({ color: colour }),
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
    const key = state.sort.key === 'value' ? shownKey() : state.sort.key;
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
    const shownCol = shownKey();
    const sortKey = state.sort.key === 'value' ? shownCol : state.sort.key;
    const head = el('s-head');
    head.replaceChildren(...cols.map((c) => {
      const th = document.createElement('th');
      th.scope = 'col';
      th.dataset.key = c.key;
      if (c.kind !== 'text') th.className = 'num';
      if (c.key === shownCol) th.classList.add('shown');
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
        if (c.key === shownCol) td.classList.add('shown');
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
    if (key === 'rate') return t('ratePer', { per: state.per.toLocaleString(locale()) });
    if (key === 'value' && policeIndicator() && policeIndicator().unit) return t('value') + ' (' + nameOf({ name: policeIndicator().unit }) + ')';
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
    section.dataset.ready = 'false';
    if (!state.area) return;
    if (!isPolice()) {
      plotTrend(data.rows, name);
      return;
    }
    const seq = ++trendSeq;
    policeSeries().then((rows) => {
      if (seq === trendSeq) plotTrend(rows, name);
    }, (e) => status(t('loadFailed', { status: e.status || '', detail: e.message })));
  }

  let trendSeq = 0;
  /** Draws the chart of the chosen area from {@code all} (rows of every period). */
  function plotTrend(all, name) {
    const box = el('s-chart');
    const section = el('s-trend');
    const rows = new Map(all.filter((r) => r.code === state.area).map((r) => [r.period, r]));
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
      section.dataset.ready = 'true';
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
    section.dataset.ready = 'true';
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
    buildIndicatorControls();
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
      state.indicator = e.target.value;
      state.sort = { key: 'value', dir: 'desc' };
      if (isPolice()) state.at = '';
      buildGroupSelect();
      buildIndicatorControls();
      load();
    });
    el('s-level').addEventListener('change', (e) => {
      state.level = e.target.value;
      state.area = '';
      if (isPolice()) state.at = '';
      load();
    });
    el('s-period').addEventListener('change', (e) => {
      state.period = e.target.value;
      state.at = '';
      buildIndicatorSelect();
      load();
    });
    // A police answer is one period, classified by the server: another period, base or method is another request.
    el('s-at').addEventListener('change', (e) => { state.at = e.target.value; if (isPolice()) load(); else render(); });
    el('s-group').addEventListener('change', (e) => { state.group = e.target.value; load(); });
    // The API widens the range to whole periods and answers a bad one (to before from) with a problem, shown as such.
    for (const id of ['s-from', 's-to']) {
      el(id).addEventListener('change', () => {
        state.from = el('s-from').value;
        state.to = el('s-to').value;
        state.at = '';
        load();
      });
    }
    el('s-method').addEventListener('change', (e) => { state.method = e.target.value; if (isPolice()) load(); else render(); });
    el('s-per').addEventListener('change', (e) => { state.per = Number(e.target.value); load(); });
    el('lang').addEventListener('click', () => {
      state.lang = state.lang === 'pl' ? 'en' : 'pl';
      applyLanguage();
      writeHash();
    });
  }

  async function start() {
    readHash();
    el('s-period').value = state.period;
    buildMap();
    const [cat, police] = await Promise.all([fetchJson('/web/catalogue.json'), loadPoliceIndicators()]);
    catalogue = cat;
    policeIndicators = police;
    applyLanguage();
    bind();
    window.kmzbStats = { map, state, data: () => data, shown: () => shown, breaks, classOf, periodsOf, names: () => names };
    await load();
  }

  start().catch((e) => {
    status(String(e && e.message ? e.message : e));
    document.body.dataset.ready = 'error';
    throw e;
  });
})();
