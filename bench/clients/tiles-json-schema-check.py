#!/usr/bin/python3
"""Validates every JSON document of our OGC API - Tiles against OGC's own JSON schemas.

OGC's schema files are not in any registry reachable from the build, so they are not part of the
tests; this check is run by hand with copies the user supplies (nothing of OGC's is committed):

  TMS_DIR   a directory holding OGC 2D Tile Matrix Set 2.0's JSON schemas
            (schemas/tms/2.0/json of github.com/opengeospatial/2D-Tile-Matrix-Set)
  BUNDLED   OGC API - Tiles 1.0's bundled OpenAPI document
            (openapi/ogcapi-tiles-1.bundled.json of github.com/opengeospatial/ogcapi-tiles)
  BASE      our API's root, e.g. http://localhost:8080/ogc/tiles

  /usr/bin/python3 bench/clients/tiles-json-schema-check.py TMS_DIR BUNDLED BASE [USER:PASSWORD]

Walks the landing page, conformance, the tile matrix sets (list and each definition), every
collection and every vector and map tileset list and tileset (dataset and per collection), and
validates each document: tile matrix sets against tileMatrixSet.json, tileset metadata against
tileSet.json (TMS 2.0, JSON Schema 2019-09), and every response against the schema the bundled
OpenAPI document gives for it (OpenAPI 3.0 schemas, checked as JSON Schema draft 4 after turning
`nullable` into a type union). Prints one line per failure and a summary; exits 1 on a failure.
Needs python3-jsonschema (Debian).
"""
import base64
import copy
import json
import pathlib
import sys
import urllib.request

import jsonschema

TMS_DIR, BUNDLED, BASE = pathlib.Path(sys.argv[1]).resolve(), sys.argv[2], sys.argv[3].rstrip('/')
AUTH = sys.argv[4] if len(sys.argv) > 4 else None
failures, checked = [], 0


def get(url):
    request = urllib.request.Request(url, headers={'Accept': 'application/json'})
    if AUTH:
        request.add_header('Authorization', 'Basic ' + base64.b64encode(AUTH.encode()).decode())
    with urllib.request.urlopen(request, timeout=60) as response:
        return json.load(response)


def tms_validator(name):
    """A validator for one TMS 2.0 schema file, resolving its relative $refs in TMS_DIR."""
    path = TMS_DIR / name
    schema = json.loads(path.read_text())
    resolver = jsonschema.RefResolver(base_uri=path.as_uri(), referrer=schema)
    return jsonschema.Draft201909Validator(schema, resolver=resolver)


def openapi_to_json_schema(node):
    """OpenAPI 3.0's `nullable: true` is not JSON Schema; everything else used here is."""
    if isinstance(node, dict):
        node = {k: openapi_to_json_schema(v) for k, v in node.items()}
        if node.pop('nullable', False) and 'type' in node:
            node['type'] = [node['type'], 'null']
        return node
    if isinstance(node, list):
        return [openapi_to_json_schema(v) for v in node]
    return node


bundled = openapi_to_json_schema(json.load(open(BUNDLED)))
# The bundled document's `extent-uad` is `allOf: [extent, {additionalProperties: {oneOf: [required
# interval + crs|trs|vrs]}}]`: in JSON Schema the second branch's `additionalProperties` sees no
# sibling `properties`, so it applies to `spatial` and `temporal` themselves and refuses every extent
# with a spatial member (OGC API - Common's intent is the additional dimensions only). Collections are
# therefore checked against `extent`; the number of documents the defect alone refuses is printed.
UAD_DEFECT = 'extent-uad' in json.dumps(bundled['components']['schemas']['collectionInfo']['properties']['extent'])
bundled['components']['schemas']['collectionInfo']['properties']['extent'] = {'$ref': '#/components/schemas/extent'}


def response_validator(response):
    """A validator for the JSON schema the bundled OpenAPI document gives a named response."""
    schema = copy.deepcopy(bundled['components']['responses'][response]['content']['application/json']['schema'])
    schema['components'] = bundled['components']   # so that '#/components/schemas/...' resolves
    return jsonschema.Draft4Validator(schema)


validators = {
    'tileMatrixSet.json': tms_validator('tileMatrixSet.json'),
    'tileSet.json': tms_validator('tileSet.json'),
}
for r in ('LandingPage', 'Conformance', 'CollectionsList', 'Collection', 'TileSetsList', 'TileSet',
          'TileMatrixSetsList', 'TileMatrixSet'):
    validators[r] = response_validator(r)


def check(url, *schemas):
    global checked
    document = get(url)
    for schema in schemas:
        checked += 1
        errors = sorted(validators[schema].iter_errors(document), key=lambda e: list(e.path))
        for error in errors[:5]:
            failures.append(f'{url} against {schema}: {"/".join(map(str, error.path))}: {error.message[:200]}')
    return document


def links(document, rel):
    return [l['href'] for l in document.get('links', []) if l.get('rel') in (rel, 'http://www.opengis.net/def/rel/ogc/1.0/' + rel)]


def check_tilesets(url):
    listing = check(url, 'TileSetsList')
    for item in listing['tilesets']:
        tileset_url = next(l['href'] for l in item['links'] if l['rel'] == 'self')
        check(tileset_url, 'TileSet', 'tileSet.json')


check(BASE + '/', 'LandingPage')
check(BASE + '/conformance', 'Conformance')
sets = check(BASE + '/tileMatrixSets', 'TileMatrixSetsList')
for item in sets['tileMatrixSets']:
    check(next(l['href'] for l in item['links'] if l['rel'] == 'self'), 'TileMatrixSet', 'tileMatrixSet.json')
landing = get(BASE + '/')
for rel in ('tilesets-vector', 'tilesets-map'):
    for url in links(landing, rel):
        check_tilesets(url)
collections = check(BASE + '/collections', 'CollectionsList')
for collection in collections['collections']:
    own = check(BASE + '/collections/' + collection['id'], 'Collection')
    for rel in ('tilesets-vector', 'tilesets-map'):
        for url in links(own, rel):
            check_tilesets(url)

if UAD_DEFECT:
    print('note: collections checked against `extent`, not the bundled `extent-uad` (a defect of that schema, see above)')
for failure in failures:
    print('FAIL', failure)
print(f'{checked} validations of documents under {BASE}: {len(failures)} failures'
      f' ({len(collections["collections"])} collections, {len(sets["tileMatrixSets"])} tile matrix sets)')
sys.exit(1 if failures else 0)
