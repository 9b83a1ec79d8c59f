#!/usr/bin/env python3
"""Makes the round-trip sample: every 100th row of each ip-location-db CSV that overlaps no other
row (so the row alone decides the answer for its whole range), plus the first 25 groups of
overlapping rows in full (a wide row and the rows inside it: the later row must win).

Usage: make-sample.py PACKAGE_DIR... OUT_DIR   (the unpacked npm packages used for geodb/)
"""
import csv, glob, ipaddress, os, sys

def rows(path):
    with open(path, newline='') as f:
        for r in csv.reader(f):
            yield int(ipaddress.ip_address(r[0])), int(ipaddress.ip_address(r[1])), r

def sample(path, out):
    all_rows = list(rows(path))
    # Group rows into clusters of mutually overlapping neighbours (the files are sorted by start).
    groups, end = [], -1
    for s, e, r in all_rows:
        if groups and s <= end:
            groups[-1].append(r)
        else:
            groups.append([r])
        end = max(end, e)
    kept, overlapping = [], 0
    for i, g in enumerate(groups):
        if len(g) > 1:
            if overlapping < 25:
                kept.extend(g)
            overlapping += 1
        elif i % 100 == 0 or i == len(groups) - 1:
            kept.extend(g)
    with open(out, 'w', newline='') as f:
        w = csv.writer(f, lineterminator='\n')
        w.writerows(kept)

if __name__ == '__main__':
    *packages, out_dir = sys.argv[1:]
    for package in packages:
        for path in sorted(glob.glob(os.path.join(package, '*-ipv[46].csv'))):
            sample(path, os.path.join(out_dir, os.path.basename(path)))
