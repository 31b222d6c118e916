#!/usr/bin/env python3
"""serve-load.py - a bounded load test of `reviewkg serve`.

N clients, each on its own keep-alive connection, send R GET requests of
one query to a SPARQL endpoint on this machine and time each answer.
Prints one line: requests, non-200 answers, requests/s, p50/p99/max
latency.  Exits 1 when any answer was not 200 (or the URL is not on
loopback: this is not a tool for other machines).

  bench/serve-load.py http://127.0.0.1:8890/sparql --clients 8 --requests 50
"""
import argparse
import http.client
import ipaddress
import sys
import threading
import time
import urllib.parse

POINT_QUERY = ("SELECT ?name WHERE { <https://w3id.org/reviewkg/id/film/rust-and-bone> "
               "<http://schema.org/director> ?d . ?d <http://schema.org/name> ?name }")


def client(url, path, requests, latencies, statuses, lock):
    conn = http.client.HTTPConnection(url.hostname, url.port or 80, timeout=60)
    mine, codes = [], []
    for _ in range(requests):
        start = time.perf_counter()
        try:
            conn.request("GET", path, headers={"Accept": "application/sparql-results+json"})
            resp = conn.getresponse()
            body = resp.read()
            codes.append(resp.status if resp.status == 200 else
                         "%d %s" % (resp.status, body[:200].decode("utf-8", "replace").strip()))
            if resp.getheader("Connection", "").lower() == "close":
                conn.close()
                conn = http.client.HTTPConnection(url.hostname, url.port or 80, timeout=60)
        except (OSError, http.client.HTTPException) as e:
            codes.append(repr(e))
            conn.close()
            conn = http.client.HTTPConnection(url.hostname, url.port or 80, timeout=60)
        mine.append(time.perf_counter() - start)
    conn.close()
    with lock:
        latencies.extend(mine)
        statuses.extend(codes)


def percentile(sorted_values, p):
    if not sorted_values:
        return 0.0
    k = min(len(sorted_values) - 1, max(0, round(p / 100 * len(sorted_values) + 0.5) - 1))
    return sorted_values[k]


def main():
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("url", help="the endpoint, e.g. http://127.0.0.1:8890/sparql")
    ap.add_argument("--clients", type=int, default=8)
    ap.add_argument("--requests", type=int, default=50, help="requests per client")
    ap.add_argument("--query", default=POINT_QUERY)
    args = ap.parse_args()
    url = urllib.parse.urlsplit(args.url)
    host = url.hostname or ""
    try:
        loopback = ipaddress.ip_address(host).is_loopback
    except ValueError:
        loopback = host == "localhost"
    if not loopback:
        sys.exit("serve-load: only endpoints on loopback (127.0.0.0/8, ::1) are load-tested")
    if not (1 <= args.clients <= 64 and 1 <= args.requests <= 10000):
        sys.exit("serve-load: --clients 1..64, --requests 1..10000")
    path = (url.path or "/sparql") + "?" + urllib.parse.urlencode({"query": args.query})

    latencies, statuses, lock = [], [], threading.Lock()
    threads = [threading.Thread(target=client, args=(url, path, args.requests, latencies, statuses, lock))
               for _ in range(args.clients)]
    start = time.perf_counter()
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    elapsed = time.perf_counter() - start

    latencies.sort()
    bad = [s for s in statuses if s != 200]
    print("requests %d, not 200: %d, %.1f requests/s, latency p50 %.1f ms, p99 %.1f ms, max %.1f ms "
          "(%d clients x %d)" % (len(statuses), len(bad), len(statuses) / elapsed,
                                 percentile(latencies, 50) * 1000, percentile(latencies, 99) * 1000,
                                 latencies[-1] * 1000, args.clients, args.requests))
    if bad:
        print("not 200: %s" % sorted(set(map(str, bad))), file=sys.stderr)
        return 1
    return 0


if __name__ == "__main__":
    sys.exit(main())
