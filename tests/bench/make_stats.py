#!/usr/bin/env python3
"""Writes a `tracker import` file of N applications (default 100,000) for the stats and list benchmarks.

A search as people run one: about 40% still applied, 30% rejected (a third of those after interviews, half
of them followed up, a third of those answered), 10% ghosted, 8% interviewing, 6% withdrawn, 4% offers and
2% accepted; a source on most; the tag `remote` on 30% and `onsite` on 20%; one company in ten is an
"Acme ..." (what `list --search acme` finds). Deterministic: the same N gives the same file.
"""
import datetime
import json
import random
import sys

N = int(sys.argv[1]) if len(sys.argv) > 1 else 100_000
TODAY = datetime.date(2026, 11, 27)
rng = random.Random(7)
companies = ["Acme", "Globex", "Initech", "Umbrella", "Hooli", "Stark", "Wayne", "Tyrell", "Cyberdyne", "Soylent"]
positions = ["Backend Engineer", "SRE", "Data Engineer", "Platform Engineer", "Engineering Manager"]
sources = ["linkedin", "referral", "company site", "job board", None]


def day(d):
    return d.isoformat()


def later(d, lo, hi):
    return min(TODAY, d + datetime.timedelta(days=rng.randint(lo, hi)))


out = sys.stdout
out.write("[")
for i in range(N):
    applied = TODAY - datetime.timedelta(days=rng.randint(0, 730))
    events = [{"kind": "status", "on": day(applied), "status": "applied"}]
    roll = rng.random()
    at = applied
    if roll < 0.30:
        if rng.random() < 0.33:
            at = later(at, 3, 20)
            events.append({"kind": "status", "on": day(at), "status": "interviewing"})
        at = later(at, 1, 30)
        events.append({"kind": "status", "on": day(at), "status": "rejected"})
        if rng.random() < 0.5:
            at = later(at, 1, 5)
            events.append({"kind": "followup", "on": day(at), "template": "combined"})
            if rng.random() < 0.33:
                at = later(at, 1, 10)
                events.append({"kind": "reply", "on": day(at), "note": "Thanks for asking: stronger system design."})
    elif roll < 0.40:
        events.append({"kind": "status", "on": day(later(at, 20, 60)), "status": "ghosted"})
    elif roll < 0.48:
        events.append({"kind": "status", "on": day(later(at, 3, 20)), "status": "interviewing"})
    elif roll < 0.54:
        events.append({"kind": "status", "on": day(later(at, 1, 20)), "status": "withdrawn"})
    elif roll < 0.60:
        at = later(at, 3, 20)
        events.append({"kind": "status", "on": day(at), "status": "interviewing"})
        at = later(at, 5, 20)
        events.append({"kind": "status", "on": day(at), "status": "offer"})
        if roll < 0.56:
            events.append({"kind": "status", "on": day(later(at, 1, 7)), "status": "accepted"})
    tags = [t for t, p in (("remote", 0.3), ("onsite", 0.2)) if rng.random() < p]
    app = {
        "company": f"{companies[i % 10]} {i}",
        "position": rng.choice(positions),
        "source": rng.choice(sources),
        "tags": tags,
        "notes": "Referred by a former colleague" if i % 7 == 0 else None,
        "contact_name": "Dana Rivera" if i % 2 else None,
        "created_at": f"{day(applied)}T09:00:00Z",
        "events": events,
    }
    if i:
        out.write(",")
    json.dump(app, out)
out.write("]\n")
