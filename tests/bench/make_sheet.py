#!/usr/bin/env python3
"""Writes a spreadsheet of N applications (default 100,000) for the import benchmark: English headers, one
column tracker does not know (kept in the notes), statuses as people write them, German and ISO dates, a
quoted cell with a comma in every tenth row. Deterministic: the same N gives the same file."""
import datetime
import random
import sys

N = int(sys.argv[1]) if len(sys.argv) > 1 else 100_000
TODAY = datetime.date(2026, 11, 27)
rng = random.Random(7)
companies = ["Acme", "Globex", "Initech", "Umbrella", "Hooli", "Stark", "Wayne", "Tyrell", "Müller GmbH", "Soylent"]
positions = ["Backend Engineer", "SRE", "Data Engineer", "Platform Engineer", "Engineering Manager"]
statuses = ["Applied", "Phone screen", "Onsite", "Rejected", "Absage", "Ghosted", "Offer", "Wishlist"]
out = sys.stdout
out.write("Company,Job Title,Date Applied,Status,Status Date,Location,Link,Referrer\r\n")
for i in range(N):
    applied = TODAY - datetime.timedelta(days=rng.randint(30, 700))
    status_day = applied + datetime.timedelta(days=rng.randint(0, 25))
    applied_text = applied.strftime("%d.%m.%Y") if i % 2 else applied.isoformat()
    location = '"Berlin, DE"' if i % 10 == 0 else "Remote"
    out.write(
        f"{companies[i % 10]} {i},{positions[i % 5]},{applied_text},{statuses[i % 8]},{status_day.isoformat()},"
        f"{location},https://jobs.example/{i},friend {i % 7}\r\n"
    )
