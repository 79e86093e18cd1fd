#!/usr/bin/python3
"""Headless QGIS against a running KMZB server: the WMS, WFS and OGC API Features providers.

Run by hand (Debian's python3-qgis; results and commands in docs/CONFORMANCE.md):

    QT_QPA_PLATFORM=offscreen /usr/bin/python3 bench/clients/qgis-check.py http://127.0.0.1:18181 [USER PASSWORD]

For WMS it renders the clustered threats and the choropleth in EPSG:2180 and counts the drawn
pixels; for WFS 2.0 and OGC API Features it loads every public layer, counts its features and
compares with the server's own count (WFS resultType=hits, OGC API numberMatched), then counts the
features in a Warsaw bounding box through QGIS's request (the provider sends it as BBOX / bbox). With
a user and password (HTTP Basic) it also loads the police layers. Exits non-zero on any mismatch.

QGIS keeps WMS capabilities in its network disk cache keyed by URL alone for 24 hours (ignoring Vary
and the server's Cache-Control), and the public and the police layer share the capabilities URL. The
server therefore marks every capabilities answer no-store; a QGIS that cached an anonymous copy from
an older server version needs its cache cleared once (Settings > Options > Network > Clear cache, or
remove the cache directory; XDG_CACHE_HOME=/some/dir gives a run a cache of its own).
"""
import json
import re
import sys
import urllib.request

from qgis.core import (QgsApplication, QgsCoordinateReferenceSystem, QgsDataSourceUri, QgsFeatureRequest,
                       QgsMapRendererParallelJob, QgsMapSettings, QgsRasterLayer, QgsRectangle, QgsVectorLayer)
from qgis.PyQt.QtCore import QSize
from qgis.PyQt.QtGui import QColor

BASE = sys.argv[1].rstrip('/')
USER, PASSWORD = (sys.argv[2], sys.argv[3]) if len(sys.argv) > 3 else (None, None)
WARSAW = QgsRectangle(20.85, 52.10, 21.27, 52.37)  # lon/lat
failures = []


def check(ok, what):
    print(('ok   ' if ok else 'FAIL ') + what)
    if not ok:
        failures.append(what)


def get(url):
    with urllib.request.urlopen(url, timeout=120) as r:
        return r.read().decode('utf-8')


def render(layer, extent, crs):
    settings = QgsMapSettings()
    settings.setLayers([layer])
    settings.setDestinationCrs(crs)
    settings.setExtent(extent)
    settings.setOutputSize(QSize(512, 512))
    settings.setBackgroundColor(QColor(255, 255, 255, 0))
    job = QgsMapRendererParallelJob(settings)
    job.start()
    job.waitForFinished()
    image = job.renderedImage()
    drawn = sum(1 for y in range(0, 512, 2) for x in range(0, 512, 2) if QColor.fromRgba(image.pixel(x, y)).alpha() > 0)
    return drawn, [e.message for e in job.errors()]


def wms():
    crs = QgsCoordinateReferenceSystem('EPSG:2180')
    poland = QgsRectangle(140000, 120000, 880000, 800000)
    for name in ['threats.clusters', 'areas.voivodeship', 'threats.heatmap']:
        uri = f'crs=EPSG:2180&format=image/png&layers={name}&styles=&url={BASE}/wms'
        layer = QgsRasterLayer(uri, name, 'wms')
        check(layer.isValid(), f'WMS layer {name} loads ({layer.error().summary() if not layer.isValid() else "valid"})')
        if layer.isValid():
            drawn, errors = render(layer, poland, crs)
            check(drawn > 0 and not errors, f'WMS {name} drawn in EPSG:2180: {drawn} of 65,536 sampled pixels, errors {errors}')
    if USER:
        uri = f'crs=EPSG:2180&format=image/png&layers=police.reports&styles=&username={USER}&password={PASSWORD}&url={BASE}/wms'
        layer = QgsRasterLayer(uri, 'police', 'wms')
        check(layer.isValid(), f'WMS police.reports loads with HTTP Basic ({layer.error().summary() if not layer.isValid() else "valid"})')
        if layer.isValid():
            drawn, errors = render(layer, poland, crs)
            check(drawn > 0 and not errors, f'WMS police.reports drawn in EPSG:2180: {drawn} of 65,536 sampled pixels, errors {errors}')


def wfs_hits(type_name, bbox=None):
    url = f'{BASE}/wfs?SERVICE=WFS&VERSION=2.0.0&REQUEST=GetFeature&TYPENAMES={type_name}&RESULTTYPE=hits'
    if bbox:
        url += f'&BBOX={bbox.yMinimum()},{bbox.xMinimum()},{bbox.yMaximum()},{bbox.xMaximum()},urn:ogc:def:crs:EPSG::4326'
    return int(re.search(r'numberMatched="(\d+)"', get(url)).group(1))


def features_in(layer, bbox):
    return sum(1 for _ in layer.getFeatures(QgsFeatureRequest().setFilterRect(bbox)))


def wfs(names):
    for name in names:
        uri = QgsDataSourceUri()
        uri.setParam('url', f'{BASE}/wfs')
        uri.setParam('typename', name)
        uri.setParam('version', '2.0.0')
        uri.setParam('srsname', 'EPSG:4326')
        uri.setParam('pagingEnabled', 'true')
        layer = QgsVectorLayer(uri.uri(False), name, 'WFS')
        check(layer.isValid(), f'WFS {name} loads')
        if not layer.isValid():
            continue
        expected = wfs_hits(name)
        counted = sum(1 for _ in layer.getFeatures())
        check(counted == expected, f'WFS {name}: QGIS reads {counted} features, the server counts {expected}')
        in_bbox, hits = features_in(layer, WARSAW), wfs_hits(name, WARSAW)
        check(in_bbox == hits, f'WFS {name}: {in_bbox} features in the Warsaw box, the server counts {hits}')


def oapif(ids):
    for cid in ids:
        layer = QgsVectorLayer(f"url='{BASE}/ogc/features' typename='{cid}'", cid, 'OAPIF')
        check(layer.isValid(), f'OAPIF {cid} loads')
        if not layer.isValid():
            continue
        expected = json.loads(get(f'{BASE}/ogc/features/collections/{cid}/items?limit=1'))['numberMatched']
        counted = sum(1 for _ in layer.getFeatures())
        check(counted == expected, f'OAPIF {cid}: QGIS reads {counted} features, numberMatched {expected}')
        b = WARSAW
        in_bbox = features_in(layer, b)
        matched = count_items(f'{BASE}/ogc/features/collections/{cid}/items?limit=10000&bbox='
                              f'{b.xMinimum()},{b.yMinimum()},{b.xMaximum()},{b.yMaximum()}')
        check(in_bbox == matched, f'OAPIF {cid}: {in_bbox} features in the Warsaw box, the server pages {matched}')


def count_items(url):
    """Features of every page, following the next links (numberMatched is optional in OGC API Features)."""
    total = 0
    while url:
        page = json.loads(get(url))
        total += len(page['features'])
        url = next((l['href'] for l in page.get('links', []) if l.get('rel') == 'next'), None)
    return total


QgsApplication.setPrefixPath('/usr', True)
app = QgsApplication([], False)
app.initQgis()
wms()
capabilities = get(f'{BASE}/wfs?SERVICE=WFS&REQUEST=GetCapabilities&VERSION=2.0.0')
names = re.findall(r'<wfs:Name>([^<]+)</wfs:Name>', capabilities)
# Every kind of layer once: points, a group, a category, and whatever is not a report layer.
picked = [n for n in names if not n.split(':')[-1].startswith('category.')][:6] + \
    [n for n in names if n.split(':')[-1].startswith('category.')][:1]
wfs(picked)
collections = [c['id'] for c in json.loads(get(f'{BASE}/ogc/features/collections'))['collections']]
oapif([c for c in collections if not c.startswith('category.')][:6] + [c for c in collections if c.startswith('category.')][:1])
app.exitQgis()
print(f'{len(failures)} failures')
sys.exit(1 if failures else 0)
