#!/usr/bin/python3
"""Renders every kind of message Facteur sends from a realistic sample database, through the real binary
and a real SMTP server, then judges each with real mail software:
  (a) Python's email package (strict and default policies): no defect, the headers of DESIGN §4;
  (b) SpamAssassin (Debian's, local tests only: -L) and rspamd (Debian's, started here on 127.0.0.1 if none
      runs), their scores and the rules that fired (full mode only; rspamd is told the real envelope sender);
  (c) the calendar part parsed by the icalendar package.
Usage: Scripts/deliverability.py [--quick] [--report docs/deliverability.md]"""
import argparse, email, email.policy, email.utils, urllib.parse, json, os, re, socket, subprocess, sys, tempfile, time

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
    # Facteur stamps Date at each attempt; the simulation's past --now would otherwise fire DATE_IN_PAST.
    now = email.utils.formatdate(localtime=True).encode()
    raw = re.sub(rb"(?m)^Date: [^\r\n]*", b"Date: " + now, raw, count=1)
    out = run("rspamc", "-h", "127.0.0.1:11333", "-j", "-i", "127.0.0.1", "--helo", "localhost",
              "--hostname", "localhost", "-F", envelope_from, "-r", rcpt, stdin=raw).stdout.decode(errors="replace")
    reply = json.loads(out)
    fired = sorted((name, sym.get("score", 0.0)) for name, sym in reply.get("symbols", {}).items()
                   if abs(sym.get("score", 0.0)) >= 0.01)
    return f"{reply.get('score', 0.0):.1f}", ", ".join(f"{n} ({v:+.1f})" for n, v in fired)


def crop_png(path, width):
    """Keeps the left `width` pixels of an 8-bit RGB(A) PNG (Chromium's screenshots), in pure Python."""
    import struct, zlib
    data = open(path, "rb").read()
    pos, idat, header = 8, b"", None
    while pos < len(data):
        length, kind = struct.unpack(">I4s", data[pos:pos + 8])
        if kind == b"IHDR":
            header = data[pos + 8:pos + 8 + length]
        elif kind == b"IDAT":
            idat += data[pos + 8:pos + 8 + length]
        pos += 12 + length
    w, h, depth, colour = struct.unpack(">IIBB", header[:10])
    bpp = {2: 3, 6: 4}[colour]
    raw, stride, rows, prev = zlib.decompress(idat), w * bpp, [], bytearray(w * bpp)
    for y in range(h):
        f, line = raw[y * (stride + 1)], bytearray(raw[y * (stride + 1) + 1:(y + 1) * (stride + 1)])
        for i in range(stride):
            a = line[i - bpp] if i >= bpp else 0
            b, c = prev[i], prev[i - bpp] if i >= bpp else 0
            if f == 1: line[i] = (line[i] + a) & 255
            elif f == 2: line[i] = (line[i] + b) & 255
            elif f == 3: line[i] = (line[i] + (a + b) // 2) & 255
            elif f == 4:
                p_ = a + b - c
                pa, pb, pc = abs(p_ - a), abs(p_ - b), abs(p_ - c)
                line[i] = (line[i] + (a if pa <= pb and pa <= pc else b if pb <= pc else c)) & 255
        rows.append(b"\x00" + bytes(line[:width * bpp]))
        prev = line
    def chunk(kind, body):
        return struct.pack(">I", len(body)) + kind + body + struct.pack(">I", zlib.crc32(kind + body) & 0xffffffff)
    out = b"\x89PNG\r\n\x1a\n" + chunk(b"IHDR", struct.pack(">IIBBBBB", width, h, depth, colour, 0, 0, 0))
    out += chunk(b"IDAT", zlib.compress(b"".join(rows), 9)) + chunk(b"IEND", b"")
    open(path, "wb").write(out)


def screenshot(html, path, width, height):
    """Chromium lays headless windows out at least 500 px wide: a narrower page is shown in a frame that wide,
    and the picture cropped to it."""
    import html as h
    path = os.path.abspath(path)
    page = path + ".html"
    frame = (f'<!DOCTYPE html><html><body style="margin:0"><iframe style="width:{width}px;height:{height}px;border:0" '
             f'srcdoc="{h.escape(html, quote=True)}"></iframe></body></html>')
    open(page, "w").write(frame)
    subprocess.run(["chromium", "--headless", "--no-sandbox", "--disable-gpu", "--hide-scrollbars",
                    "--force-device-scale-factor=1", f"--window-size={max(width, 500)},{height}",
                    f"--screenshot={path}", "file://" + page], capture_output=True, check=False, timeout=60)
    os.remove(page)
    if width < 500:
        crop_png(path, width)


def main():
    p = argparse.ArgumentParser()
    p.add_argument("--quick", action="store_true", help="skip SpamAssassin and rspamd")
    p.add_argument("--report")
    p.add_argument("--screenshots", help="folder for every kind's HTML part at 390 and 1280 px (Chromium)")
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
               "smtp": {"url": f"smtp://127.0.0.1:{port}", "tls": "none", "max_per_minute": 0},
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
    facteur_address = "contact+facteur@amap-lilas.example.org"
    def captured(kind):
        for name in sorted(os.listdir(mail)):
            if name.endswith(".eml"):
                m = email.message_from_bytes(open(os.path.join(mail, name), "rb").read(), policy=email.policy.default)
                if m["X-Facteur-Kind"] == kind:
                    return m
        raise SystemExit(f"no {kind} captured yet")
    def answer(to_kind, sender, text, now, subject=None, mid="a"):
        """A person's reply by mail to the Facteur address, threaded to the notice it answers (DESIGN §5)."""
        notice = captured(to_kind) if to_kind else None
        lines = [f"From: {sender}", f"To: {facteur_address}", f"Subject: {subject or 'Re: ' + str(notice['Subject'])}",
                 f"Message-ID: <{mid}@example.net>", "Date: " + email.utils.formatdate(localtime=True)]
        if notice is not None:
            lines += [f"In-Reply-To: {notice['Message-ID']}", f"References: {notice['Message-ID']}"]
        msg = ("\r\n".join(lines) + "\r\n\r\n" + text + "\r\n").encode()
        facteur("relay", "receive", "--recipient", facteur_address, "--now", now, stdin=msg)
    # Distributions: duty call (and a volunteer's « oui » by reply), announcement, then a change and a cancellation.
    facteur("once", "--now", "2026-11-22 18:30")
    facteur("once", "--now", "2026-11-22 18:31")
    call = captured("duty_call")
    answer("duty_call", str(call["To"]), "oui", "2026-11-22 19:00", mid="v")
    facteur("once", "--now", "2026-11-22 19:01")
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
    now = time.strftime("%Y-%m-%dT%H:%M:%SZ", time.gmtime(time.time() + 60))
    facteur("once", "--now", now)
    # By mail: the coordinator approves the held message, a member stops a kind through the List-Unsubscribe
    # address, and someone who is no member writes to the AMAP (passed on).
    answer("moderation", "Hélène Bérard <helene@example.net>", "approuver", now, mid="m")
    unsubscribe = str(captured("order_open")["List-Unsubscribe"])
    mailto = urllib.parse.unquote(re.search(r"<mailto:[^?>]*\?subject=([^>]*)>", unsubscribe).group(1))
    answer(None, "Camille Dupont <camille@example.net>", "", now, subject=mailto, mid="u")
    answer(None, "Voisine <voisine@example.org>", "Bonjour, comment rejoindre l'AMAP ?", now, subject="Inscription", mid="f")
    facteur("once", "--now", time.strftime("%Y-%m-%dT%H:%M:%SZ", time.gmtime(time.time() + 120)))
    # The round of 3 December: the duty reminder the day before, the producer's sheet.
    facteur("once", "--now", "2026-12-02 17:00")
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
        if kind not in ("relay", "relay_to_producer", "forwarded") and msg["Auto-Submitted"] != "auto-generated":
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
            # The envelope sender Facteur uses by default: the AMAP's Facteur address (DESIGN §3).
            envelope = "contact+facteur@amap-lilas.example.org"
            rscore, rrules = rspamd_score(raw, envelope, email.utils.parseaddr(msg["To"] or "")[1] or "x@example.net")
            out = run("spamassassin", "-L", "-t", stdin=raw).stdout.decode(errors="replace")
            m = re.search(r"X-Spam-Status: \w+, score=(-?[\d.]+)[^\n]*(?:\n\s+[^\n]*)*", out)
            if m:
                score = m.group(1)
                t = re.search(r"tests=([A-Z0-9_,\s]*?)\s+autolearn", m.group(0))
                rules = re.sub(r"\s+", "", t.group(1)) if t else ""
        results[kind] = (problems, calendar, score, rules, rscore, rrules)
        html_part = msg.get_body(("html",))
        if a.screenshots and html_part is not None:
            os.makedirs(a.screenshots, exist_ok=True)
            screenshot(html_part.get_content(), os.path.join(a.screenshots, f"mail-{kind}-phone.png"), 390, 1400)
            screenshot(html_part.get_content(), os.path.join(a.screenshots, f"mail-{kind}-desktop.png"), 1280, 1000)
    expected = {"announcement", "change", "cancellation", "duty_call", "order_open", "order_reminder", "order_summary",
                "negative_balance", "statement", "digest", "relay", "relay_to_producer", "moderation", "relay_refused", "test",
                "duty_reminder", "producer_sheet", "duty_confirmation", "subscription_change", "moderation_decision",
                "forwarded"}
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
