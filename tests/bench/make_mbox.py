#!/usr/bin/env python3
"""Writes a deterministic mbox of N messages (default 10,000, about 100 MB) with a realistic mix for the
`tracker mail scan` benchmark: newsletters and job alerts in HTML, personal mail, job mail (confirmations,
rejections, interviews) for a few hundred companies, and some messages with large base64 attachments.

    python3 tests/bench/make_mbox.py 10000 > big.mbox
"""
import base64
import random
import sys

N = int(sys.argv[1]) if len(sys.argv) > 1 else 10000
rng = random.Random(7)
out = sys.stdout
WORDS = ("team update project deadline meeting review quarterly design release schedule budget customer "
         "feedback platform service latency incident notes draft proposal travel invoice weekend").split()


def text(n):
    return " ".join(rng.choice(WORDS) for _ in range(n))


def header(i, sender, subject, ctype, extra=""):
    day = 1 + i % 28
    return (f"From bench@example.org Mon Nov {day:2d} 09:00:00 2026\n"
            f"Message-ID: <bench-{i}@mail.example>\nDate: Mon, {day:02d} Nov 2026 09:{i % 60:02d}:00 +0000\n"
            f"From: {sender}\nTo: Sam Taylor <sam@example.org>\nSubject: {subject}\nMIME-Version: 1.0\n"
            f"{extra}Content-Type: {ctype}\n\n")


for i in range(N):
    kind = rng.random()
    company = f"Company{rng.randrange(400)}"
    if kind < 0.45:
        rows = "".join(f"<tr><td style='padding:4px'><a href='https://news.example/{i}/{j}'>{text(12)}</a></td></tr>"
                       for j in range(40))
        body = f"<html><body><table>{rows}</table><p>Unsubscribe</p></body></html>\n"
        out.write(header(i, "Weekly Digest <news@digest.example>", f"Digest {i}: {text(5)}",
                         "text/html; charset=utf-8", "List-Unsubscribe: <mailto:u@digest.example>\n") + body)
    elif kind < 0.55:
        jobs = "".join(f"<li>Engineer at {company}{j}, remote</li>" for j in range(25))
        out.write(header(i, "Job Alerts <alerts@jobboard.example>", "New jobs for you",
                         "text/html; charset=utf-8") + f"<html><body><ul>{jobs}</ul></body></html>\n")
    elif kind < 0.85:
        out.write(header(i, f"Friend {i % 97} <friend{i % 97}@example.net>", text(4), "text/plain; charset=utf-8")
                  + "\n".join(text(14) for _ in range(30)) + "\n")
    elif kind < 0.95:
        lines = {
            0: "Thank you for applying. We have received your application for the Engineer position.",
            1: "After careful consideration, we have decided to move forward with other candidates.",
            2: "We would like to invite you to an interview for the Engineer role. Are you available next week?",
        }[i % 3]
        out.write(header(i, f"{company} Recruiting <jobs@{company.lower()}.example>", f"Your application to {company}",
                         "text/plain; charset=utf-8") + f"Dear Sam,\n\n{lines}\n\n{text(40)}\n\nBest regards,\n{company}\n")
    else:
        blob = base64.encodebytes(rng.randbytes(rng.randrange(40_000, 120_000))).decode()
        out.write(header(i, f"Colleague <colleague{i % 13}@example.net>", f"Slides {i}",
                         'multipart/mixed; boundary="b"')
                  + f"--b\nContent-Type: text/plain\n\n{text(30)}\n--b\nContent-Type: application/pdf\n"
                  f"Content-Transfer-Encoding: base64\nContent-Disposition: attachment; filename=s.pdf\n\n{blob}--b--\n")
    out.write("\n")
