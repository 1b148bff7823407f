#!/usr/bin/env python3
"""Derive derived_paris_osm_2011.geojson from padorange/cctv's base_data/cctv_osm.sql.

Usage: python3 derive.py PATH/TO/cctv_osm.sql ../paris-2019/data.csv > derived_paris_osm_2011.geojson

Keeps the OpenStreetMap surveillance nodes of April 2011 that fall inside the convex hull of
Paris's 2019 official cameras (an approximation of the commune: no Paris boundary ships here),
with the only facts they hold: the OSM node id, the position, the kind of surveillance and an
operator when the dump states one. The node names ("CCTV") are dropped.
"""
import csv, json, re, sys

def cross(o, a, b):
    return (a[0] - o[0]) * (b[1] - o[1]) - (a[1] - o[1]) * (b[0] - o[0])

def hull(points):
    pts = sorted(set(points))
    lower, upper = [], []
    for p in pts:
        while len(lower) >= 2 and cross(lower[-2], lower[-1], p) <= 0:
            lower.pop()
        lower.append(p)
    for p in reversed(pts):
        while len(upper) >= 2 and cross(upper[-2], upper[-1], p) <= 0:
            upper.pop()
        upper.append(p)
    return lower[:-1] + upper[:-1]

def main(sql, official):
    pts = []
    for r in csv.DictReader(open(official, encoding='utf-8'), delimiter=';'):
        try:
            pts.append((float(r['lon']), float(r['lat'])))
        except ValueError:
            pass
    h = hull(pts)
    inside = lambda p: all(cross(h[i], h[(i + 1) % len(h)], p) >= 0 for i in range(len(h)))
    rows = re.findall(r'\((\d+),(-?[\d.]+),(-?[\d.]+),"([^"]*)","([^"]*)"\)', open(sql, encoding='utf-8').read())
    feats = []
    for osmid, lon, lat, _name, src in rows:
        p = (float(lon), float(lat))
        if not inside(p):
            continue
        props = {"man_made": "surveillance", "surveillance:type": "camera", "clairvoie:commune": "75056"}
        m = re.search(r'type: (\w+)', src)
        if m and m.group(1) in ('public', 'outdoor', 'indoor'):
            props["surveillance"] = m.group(1)
        m = re.search(r'operator: ([^<]+)', src)
        if m:
            props["operator"] = m.group(1).strip()
        feats.append({"type": "Feature", "id": "node/" + osmid, "properties": props,
                      "geometry": {"type": "Point", "coordinates": [round(p[0], 7), round(p[1], 7)]}})
    feats.sort(key=lambda f: int(f["id"].split("/")[1]))
    s = json.dumps({"type": "FeatureCollection", "features": feats}, ensure_ascii=False, separators=(',', ':'))
    sys.stdout.write(s.replace('{"type":"Feature"', '\n{"type":"Feature"') + "\n")

if __name__ == '__main__':
    main(sys.argv[1], sys.argv[2])
