#!/usr/bin/python3
"""Headless QGIS loading KMZB's WMTS layers (the 'wms' provider's WMTS mode) in both matrix sets.

Run by hand (Debian's python3-qgis; results and commands in docs/notes/wmts.md):

    QT_QPA_PLATFORM=offscreen XDG_CACHE_HOME=$(mktemp -d) /usr/bin/python3 bench/clients/qgis-wmts-check.py http://127.0.0.1:18516

It loads threats.clusters from the WMTS capabilities with tileMatrixSet EPSG2180 and WebMercatorQuad,
renders a 20 km view of Warsaw in EPSG:2180 and EPSG:3857 and counts the drawn pixels; exits non-zero
when a layer is invalid, a render reports an error or draws nothing.
"""
import sys

from qgis.core import (QgsApplication, QgsCoordinateReferenceSystem, QgsCoordinateTransform, QgsMapRendererParallelJob,
                       QgsMapSettings, QgsProject, QgsRasterLayer, QgsRectangle)
from qgis.PyQt.QtCore import QSize
from qgis.PyQt.QtGui import QColor

BASE = sys.argv[1].rstrip('/')
WARSAW = QgsRectangle(20.87, 52.17, 21.15, 52.30)  # lon/lat
failures = []


def check(ok, what):
    print(('ok   ' if ok else 'FAIL ') + what)
    if not ok:
        failures.append(what)


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


app = QgsApplication([], False)
app.initQgis()
capabilities = f'{BASE}/wmts?SERVICE%3DWMTS%26REQUEST%3DGetCapabilities'
for tms, epsg in [('EPSG2180', 'EPSG:2180'), ('WebMercatorQuad', 'EPSG:3857')]:
    uri = (f'contextualWMSLegend=0&crs={epsg}&dpiMode=7&format=image/png&layers=threats.clusters'
           f'&styles=threats-clusters&tileMatrixSet={tms}&url={capabilities}')
    layer = QgsRasterLayer(uri, f'wmts {tms}', 'wms')
    # PyQGIS 3.22 crashes on error().summary() of a valid layer: ask it only of an invalid one
    check(layer.isValid(), f'WMTS layer threats.clusters in {tms} is valid'
          + ('' if layer.isValid() else f' ({layer.error().summary()})'))
    if not layer.isValid():
        continue
    crs = QgsCoordinateReferenceSystem(epsg)
    extent = QgsCoordinateTransform(QgsCoordinateReferenceSystem('EPSG:4326'), crs, QgsProject.instance()) \
        .transformBoundingBox(WARSAW)
    drawn, errors = render(layer, extent, crs)
    check(not errors and drawn > 0, f'WMTS {tms}: Warsaw rendered in {epsg}, {drawn} of 65536 sampled pixels drawn,'
          f' errors {errors}')
app.exitQgis()
print(f'{len(failures)} failures')
sys.exit(1 if failures else 0)
