#!/usr/bin/env python3
"""Writes a `tracker import` file of N applications (default 100,000) for the benchmarks.

One in five is rejected (20,000 of 100,000). All but DUE of those rejections are older than the follow-up
expiry (30 days), and DUE are 3 to 10 days old, so `tracker due` finds a handful among 20,000 rejections.
Of the others, OPEN are still `applied` (0 to 60 days old: some due a check-in, some ghosting) and
INTERVIEWING had an interview in the last week or have one planned (some due a thank-you note); the rest
were marked ghosted 50 days after applying, as a long search leaves them.
Deterministic: the same N gives the same file.
"""
import datetime
import json
import random
import sys

N = int(sys.argv[1]) if len(sys.argv) > 1 else 100_000
DUE = 5
OPEN = 40
INTERVIEWING = 10
TODAY = datetime.date(2026, 11, 27)
rng = random.Random(42)
companies = ["Acme", "Globex", "Initech", "Umbrella", "Hooli", "Stark", "Wayne", "Tyrell", "Cyberdyne", "Soylent"]
positions = ["Backend Engineer", "SRE", "Data Engineer", "Platform Engineer", "Engineering Manager"]


def day(d):
    return d.isoformat()


apps = []
for i in range(N):
    applied = TODAY - datetime.timedelta(days=rng.randint(60, 700))
    events = [{"kind": "status", "on": day(applied), "status": "applied"}]
    status = "applied"
    if i % 5 == 0:
        if i // 5 < DUE:
            rejected = TODAY - datetime.timedelta(days=3 + i // 5)
        else:
            rejected = applied + datetime.timedelta(days=rng.randint(1, 25))
        if i % 3 == 0:
            interview = applied + datetime.timedelta(days=1)
            events.append({"kind": "status", "on": day(min(interview, rejected)), "status": "interviewing"})
        events.append({"kind": "status", "on": day(rejected), "status": "rejected"})
    else:
        k = i // 5
        if i % 5 == 1:
            events.append({"kind": "note", "on": day(applied), "note": "sent a thank-you note"})
        if i % 5 == 2 and k < OPEN:
            events[0]["on"] = day(TODAY - datetime.timedelta(days=k * 60 // OPEN))
        elif i % 5 == 3 and k < INTERVIEWING:
            recorded = TODAY - datetime.timedelta(days=k)
            events[0]["on"] = day(recorded - datetime.timedelta(days=10))
            at = recorded + datetime.timedelta(days=k % 4)
            events.append({"kind": "status", "on": day(recorded), "status": "interviewing",
                           "at": f"{day(at)}T14:00:00Z", "with": ["Dana Rivera"]})
        else:
            events.append({"kind": "status", "on": day(applied + datetime.timedelta(days=50)), "status": "ghosted"})
    apps.append({
        "company": f"{rng.choice(companies)} {i}",
        "position": rng.choice(positions),
        "url": f"https://jobs.example/{i}",
        "tags": ["bench"],
        "contact_name": "Dana Rivera" if i % 2 else None,
        "contact_email": f"hiring{i}@example.org",
        "created_at": f"{day(applied)}T09:00:00Z",
        "events": events,
    })
json.dump(apps, sys.stdout)
