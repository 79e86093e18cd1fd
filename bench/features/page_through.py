"""Pages through a whole feature collection by its next links, for bench/features-benchmark.sh.

    python3 page_through.py URL geojson|gml [MAX_PAGES]

At most MAX_PAGES pages (default: all) are read. One kept-alive HTTP connection, as a harvesting client would use; every page is read to its end.
Prints one line: pages=… features=… bytes=… seconds=… features_per_s=… first_page_ms=… slowest_page_ms=…
The feature count is the sum of the pages' numberReturned (what the server says it sent), checked
against a count of the features in the body, so a page that lies or is cut short is noticed.
"""
import html
import http.client
import re
import sys
import time
import urllib.parse

NEXT_JSON = re.compile(rb'"href":"([^"]*)","rel":"next"')
NEXT_GML = re.compile(rb'\snext="([^"]*)"')
RETURNED_JSON = re.compile(rb'"numberReturned":(\d+)')
RETURNED_GML = re.compile(rb'numberReturned="(\d+)"')
FEATURE_JSON = b'{"type":"Feature"'
FEATURE_GML = b"<wfs:member>"


def main(url, kind, max_pages):
    parts = urllib.parse.urlsplit(url)
    conn = http.client.HTTPConnection(parts.hostname, parts.port, timeout=600)
    pages = features = size = 0
    times = []
    start = time.monotonic()
    while url and pages < max_pages:
        parts = urllib.parse.urlsplit(url)
        t0 = time.monotonic()
        conn.request("GET", parts.path + ("?" + parts.query if parts.query else ""))
        response = conn.getresponse()
        body = response.read()
        times.append(time.monotonic() - t0)
        if response.status != 200:
            sys.exit(f"HTTP {response.status} for {url}: {body[:300]!r}")
        if kind == "geojson":
            returned = int(RETURNED_JSON.findall(body[-4096:])[-1])
            counted = body.count(FEATURE_JSON)
            nxt = NEXT_JSON.search(body[-4096:])
            url = nxt.group(1).decode() if nxt else None
        else:
            head = body[:4096]
            returned = int(RETURNED_GML.search(head).group(1))
            counted = body.count(FEATURE_GML)
            nxt = NEXT_GML.search(head)
            url = html.unescape(nxt.group(1).decode()) if nxt else None
        if returned != counted:
            sys.exit(f"page {pages + 1}: numberReturned {returned} but {counted} features in the body")
        pages += 1
        features += returned
        size += len(body)
    seconds = time.monotonic() - start
    print(f"pages={pages} complete={'no' if url else 'yes'} features={features} bytes={size} seconds={seconds:.2f} "
          f"features_per_s={features / seconds:.0f} first_page_ms={times[0] * 1000:.0f} "
          f"slowest_page_ms={max(times) * 1000:.0f}")


if __name__ == "__main__":
    main(sys.argv[1], sys.argv[2], int(sys.argv[3]) if len(sys.argv) > 3 else 1 << 62)
