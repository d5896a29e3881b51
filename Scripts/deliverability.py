#!/usr/bin/python3
"""Renders every kind of message Facteur sends from a realistic sample database, through the real binary
and a real SMTP server, then judges each with real mail software:
  (a) Python's email package (strict and default policies): no defect, the headers of DESIGN §4;
  (b) SpamAssassin (Debian's, local tests only: -L) and rspamd (Debian's, started here on 127.0.0.1 if none
      runs), their scores and the rules that fired (full mode only; rspamd is told the real envelope sender);
  (c) the calendar part parsed by the icalendar package.
Usage: Scripts/deliverability.py [--quick] [--report docs/deliverability.md]"""
import argparse, email, email.policy, email.utils, json, os, re, socket, subprocess, sys, tempfile, time

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))


def run(*args, stdin=None):
    return subprocess.run(args, input=stdin, capture_output=True, check=False)


def rspamd_running():
    try:
        socket.create_connection(("127.0.0.1", 11333), timeout=1).close()
        return True
    except OSError:
        return False


def start_rspamd():
    """rspamd's own worker on 127.0.0.1:11333 with Debian's configuration, unless one already runs."""
    if rspamd_running():
        return None
    user = ["-u", "_rspamd", "-g", "_rspamd"] if os.geteuid() == 0 else []
    proc = subprocess.Popen(["rspamd", "-f", *user, "-c", "/etc/rspamd/rspamd.conf"],
                            stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, cwd=tempfile.gettempdir())
    for _ in range(60):
        if rspamd_running():
            return proc
        time.sleep(0.5)
    proc.kill()
    raise SystemExit("rspamd did not start on 127.0.0.1:11333")


def rspamd_score(raw, envelope_from, rcpt):
    out = run("rspamc", "-h", "127.0.0.1:11333", "-j", "-i", "127.0.0.1", "--helo", "localhost",
              "--hostname", "localhost", "-F", envelope_from, "-r", rcpt, stdin=raw).stdout.decode(errors="replace")
    reply = json.loads(out)
    fired = sorted((name, sym.get("score", 0.0)) for name, sym in reply.get("symbols", {}).items()
                   if abs(sym.get("score", 0.0)) >= 0.01)
    return f"{reply.get('score', 0.0):.1f}", ", ".join(f"{n} ({v:+.1f})" for n, v in fired)


def main():
    p = argparse.ArgumentParser()
    p.add_argument("--quick", action="store_true", help="skip SpamAssassin and rspamd")
    p.add_argument("--report")
    a = p.parse_args()
    bin_dir = subprocess.run(["swift", "build", "--show-bin-path"], cwd=ROOT, capture_output=True, text=True).stdout.strip()
    binary = os.path.join(bin_dir, "facteur")
    work = tempfile.mkdtemp(prefix="facteur-deliverability-")
    mail = os.path.join(work, "mail")
    server = subprocess.Popen(["/usr/bin/python3", os.path.join(ROOT, "Scripts", "smtp-capture.py"), "--dir", mail],
                              stdin=subprocess.PIPE, stdout=subprocess.PIPE, text=True)
    port = int(server.stdout.readline())
    config = os.path.join(work, "facteur.json")
    json.dump({"database": "amap.sqlite", "templates": os.path.join(ROOT, "Templates"), "timezone": "Europe/Paris",
               "smtp": {"url": f"smtp://127.0.0.1:{port}", "tls": "none", "max_per_minute": 0,
                        "envelope_from": "bounces@amap-lilas.example.org"},
               "quiet_hours": {"start": "00:00", "end": "00:00"}, "relay": {"max_bytes": 4096}}, open(config, "w"))
    def facteur(*args, stdin=None):
        r = run(binary, *args, "--config", config, stdin=stdin)
        if r.returncode not in (0,):
            sys.stderr.write(f"facteur {' '.join(args)}: {r.returncode} {r.stderr.decode()}\n")
        return r
    facteur("init")
    subprocess.run(["sqlite3", os.path.join(work, "amap.sqlite")], stdin=open(os.path.join(ROOT, "Scripts", "deliverability-sample.sql")), check=True)
    db = lambda sql: subprocess.run(["sqlite3", os.path.join(work, "amap.sqlite"), sql], check=True)
    # Orders: opened, reminded, summarised; the bread contract has ended (statement) and Jérôme owes money.
    for t in ["2026-11-17 09:00", "2026-11-18 20:00", "2026-11-19 20:00"]:
        facteur("once", "--now", t)
    # Distributions: duty call, announcement, then a change and a cancellation.
    facteur("once", "--now", "2026-11-22 18:30")
    facteur("once", "--now", "2026-11-24 18:30")
    db("UPDATE distribution SET starts_at = '2026-11-26 19:00' WHERE id = 1")
    facteur("once", "--now", "2026-11-24 19:00")
    db("UPDATE distribution SET cancelled = 1 WHERE id = 1")
    facteur("once", "--now", "2026-11-24 19:30")
    facteur("once", "--now", "2026-11-23 10:00")  # statement (ends_on + 3 days at 10:00)
    facteur("once", "--now", "2026-11-25 08:00")  # digest: André has no address
    # Relay: producer news, a member's question, a stranger (moderation), an oversized message.
    news = open(os.path.join(ROOT, "Tests", "Fixtures", "relay-corpus", "producer-news-with-pdf.eml"), "rb").read()
    news = news.replace(b"legumes@lilas.example.org", b"legumes@amap-lilas.example.org")
    facteur("relay", "receive", "--recipient", "legumes@amap-lilas.example.org", stdin=news)
    question = b"From: Camille <camille@example.net>\r\nTo: legumes@amap-lilas.example.org\r\nSubject: Question\r\nMessage-ID: <q@example.net>\r\n\r\nBonjour, reste-t-il des courges ?\r\n"
    facteur("relay", "receive", stdin=question)
    stranger = question.replace(b"camille@example.net", b"promo@ailleurs.example").replace(b"<q@", b"<s@")
    facteur("relay", "receive", stdin=stranger)
    big = question.replace(b"<q@", b"<b@") + b"x" * 5000 + b"\r\n"
    facteur("relay", "receive", stdin=big)
    facteur("once", "--now", time.strftime("%Y-%m-%dT%H:%M:%SZ", time.gmtime(time.time() + 60)))
    facteur("send-test", "--to", "camille@example.net")
    server.stdin.close()
    server.wait()

    from icalendar import Calendar
    rspamd = None if a.quick else start_rspamd()
    results = {}
    for name in sorted(os.listdir(mail)):
        if not name.endswith(".eml"):
            continue
        raw = open(os.path.join(mail, name), "rb").read()
        msg = email.message_from_bytes(raw, policy=email.policy.default)
        kind = msg["X-Facteur-Kind"]
        if kind in results:
            continue
        problems = []
        try:
            email.message_from_bytes(raw, policy=email.policy.strict)
        except Exception as e:
            problems.append(f"strict: {e!r}")
        for part in msg.walk():
            problems += [repr(d) for d in part.defects]
        for h in ["Date", "From", "To", "Subject", "Message-ID", "X-Facteur-Kind"]:
            if msg[h] is None:
                problems.append(f"missing {h}")
        if kind not in ("relay", "relay_to_producer") and msg["Auto-Submitted"] != "auto-generated":
            problems.append("missing Auto-Submitted")
        if b"\n" in raw.replace(b"\r\n", b"") or max(len(l) for l in raw.split(b"\r\n")) > 998:
            problems.append("line ends or length")
        calendar = "-"
        for part in msg.walk():
            if part.get_content_type() == "text/calendar":
                cal = Calendar.from_ical(part.get_payload(decode=True))
                events = [c for c in cal.walk() if c.name == "VEVENT"]
                calendar = f"{cal.get('METHOD')} {events[0].get('STATUS')} SEQUENCE {events[0].get('SEQUENCE')}"
        score, rules, rscore, rrules = "-", "", "-", ""
        if not a.quick:
            envelope = "bounces@amap-lilas.example.org"
            rscore, rrules = rspamd_score(raw, envelope, email.utils.parseaddr(msg["To"] or "")[1] or "x@example.net")
            out = run("spamassassin", "-L", "-t", stdin=raw).stdout.decode(errors="replace")
            m = re.search(r"X-Spam-Status: \w+, score=(-?[\d.]+)[^\n]*(?:\n\s+[^\n]*)*", out)
            if m:
                score = m.group(1)
                t = re.search(r"tests=([A-Z0-9_,\s]*?)\s+autolearn", m.group(0))
                rules = re.sub(r"\s+", "", t.group(1)) if t else ""
        results[kind] = (problems, calendar, score, rules, rscore, rrules)
    expected = {"announcement", "change", "cancellation", "duty_call", "order_open", "order_reminder", "order_summary",
                "negative_balance", "statement", "digest", "relay", "relay_to_producer", "moderation", "relay_refused", "test"}
    if rspamd:
        rspamd.kill()
    lines = ["| kind | parser defects | calendar (icalendar) | SpamAssassin | rules that fired | rspamd | symbols that scored |",
             "|---|---|---|---|---|---|---|"]
    failed = False
    for kind in sorted(expected):
        if kind not in results:
            lines.append(f"| {kind} | NOT RENDERED | | | | | |")
            failed = True
            continue
        problems, calendar, score, rules, rscore, rrules = results[kind]
        failed |= bool(problems)
        lines.append(f"| {kind} | {'; '.join(problems) or 'none'} | {calendar} | {score} | {rules.replace(',', ', ')} "
                     f"| {rscore} | {rrules or 'none'} |")
    table = "\n".join(lines)
    print(table)
    if a.report:
        text = open(a.report).read() if os.path.exists(a.report) else ""
        start, end = "<!-- table -->", "<!-- /table -->"
        if start in text:
            text = text[:text.index(start) + len(start)] + "\n" + table + "\n" + text[text.index(end):]
        open(a.report, "w").write(text)
    kinds = len([k for k in expected if k in results and not results[k][0]])
    print(f"{kinds} passed, {len(expected) - kinds} failed")
    sys.exit(1 if failed else 0)


if __name__ == "__main__":
    main()
