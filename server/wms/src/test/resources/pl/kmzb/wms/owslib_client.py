"""OWSLib (Debian's python3-owslib) against a running KMZB server: capabilities, a map, feature
info and an exception in both WMS versions. Prints one line per check; RealClientsTest reads them."""
import sys
from owslib.wms import WebMapService

base, lon, lat = sys.argv[1], float(sys.argv[2]), float(sys.argv[3])
d = 0.02
for version in ("1.3.0", "1.1.1"):
    wms = WebMapService(base + "/wms", version=version)
    print(version, "layers", len(list(wms.contents)), "clusters" if "threats.clusters" in wms.contents else "-")
    layer = wms["threats.points"]
    print(version, "crs", "EPSG:2180" in layer.crsOptions, "time", bool(layer.timepositions))
    img = wms.getmap(layers=["threats.points"], styles=[""], srs="CRS:84" if version == "1.3.0" else "EPSG:4326",
                     bbox=(lon - d, lat - d, lon + d, lat + d), size=(200, 200), format="image/png", transparent=True)
    data = img.read()
    print(version, "getmap", img.info()["Content-Type"], data[:4] == b"\x89PNG")
    fi = wms.getfeatureinfo(layers=["threats.points"], query_layers=["threats.points"], styles=[""],
                            srs="CRS:84" if version == "1.3.0" else "EPSG:4326", bbox=(lon - d, lat - d, lon + d, lat + d),
                            size=(200, 200), format="image/png", info_format="application/json", xy=(100, 100),
                            feature_count=3)
    print(version, "featureinfo", fi.read().decode("utf-8").count('"type":"Feature"'))
    try:
        wms.getmap(layers=["no.such.layer"], styles=[""], srs="EPSG:4326", bbox=(14, 49, 24, 55), size=(10, 10),
                   format="image/png")
        print(version, "exception none")
    except Exception as e:
        print(version, "exception", type(e).__name__)
