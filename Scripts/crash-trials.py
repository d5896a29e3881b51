#!/usr/bin/python3
"""Crash trials: `facteur run` is killed with SIGKILL at random moments while it sends (and, in the second
trial, while it takes in mail from IMAP), restarted each time, and at the end every delivery is counted at
the SMTP server. Promise checked: 0 notices lost, duplicates <= kills, 0 messages relayed twice.

Usage: Scripts/crash-trials.py [--quick]   (full: 2,000 notices and 50 kills; quick: 300 and 10)
Prints one line per trial and a closing 'N passed, N failed' line; exits 1 if a promise is broken."""
import argparse, collections, glob, json, os, random, re, signal, sqlite3, subprocess, sys, tempfile, time

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))


def free_port():
    import socket
    s = socket.socket()
    s.bind(("127.0.0.1", 0))
    port = s.getsockname()[1]
    s.close()
    return port


def build():
    subprocess.run(["swift", "build", "-c", "release"], cwd=ROOT, check=True, capture_output=True)
    return os.path.join(subprocess.run(["swift", "build", "-c", "release", "--show-bin-path"], cwd=ROOT,
                                       capture_output=True, text=True).stdout.strip(), "facteur")


def start_capture(mail):
    server = subprocess.Popen(["/usr/bin/python3", os.path.join(ROOT, "Scripts", "smtp-capture.py"), "--dir", mail],
                              stdin=subprocess.PIPE, stdout=subprocess.PIPE, text=True)
    return server, int(server.stdout.readline())


def setup(work, port, members, extra=None):
    config = os.path.join(work, "facteur.json")
    cfg = {"database": "amap.sqlite", "templates": os.path.join(ROOT, "Templates"), "timezone": "UTC",
           "poll_seconds": 1, "quiet_hours": {"start": "00:00", "end": "00:00"},
           "smtp": {"url": f"smtp://127.0.0.1:{port}", "tls": "none", "max_per_minute": 0, "timeout_seconds": 10}}
    cfg.update(extra or {})
    json.dump(cfg, open(config, "w"))
    return config


def seed(binary, config, db_path, members):
    subprocess.run([binary, "init", "--config", config], check=True, capture_output=True)
    db = sqlite3.connect(db_path)
    db.execute("INSERT INTO amap (id, name, email, timezone) VALUES (1, 'AMAP Essai', 'contact@essai.example.org', 'UTC')")
    db.execute("INSERT INTO producer (id, name, email) VALUES (1, 'Julie', 'julie@ferme.example')")
    db.execute("INSERT INTO contract (id, amap_id, producer_id, name, starts_on, ends_on, relay_address) "
               "VALUES (1, 1, 1, 'Légumes', '2026-01-01', '2030-12-31', 'legumes@essai.example.org')")
    db.executemany("INSERT INTO member (id, amap_id, name, email) VALUES (?, 1, ?, ?)",
                   [(i, f"Membre {i}", f"m{i}@example.net") for i in range(1, members + 1)])
    db.executemany("INSERT INTO subscription VALUES (?, 1)", [(i,) for i in range(1, members + 1)])
    db.commit()
    return db


def pending(db_path):
    db = sqlite3.connect(db_path, timeout=30)
    try:
        return db.execute("SELECT COUNT(*) FROM facteur_outbox WHERE state IN ('queued','sending','uncertain')").fetchone()[0]
    finally:
        db.close()


def kill_loop(binary, config, kills, db_path, busy_check):
    for _ in range(kills):
        p = subprocess.Popen([binary, "run", "--config", config], stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
        deadline = time.time() + 10
        while not busy_check() and time.time() < deadline:
            time.sleep(0.01)
        time.sleep(random.uniform(0.0, 0.4))
        p.send_signal(signal.SIGKILL)
        p.wait()
    p = subprocess.Popen([binary, "run", "--config", config], stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    deadline = time.time() + 600
    while pending(db_path) > 0 and time.time() < deadline:
        time.sleep(0.5)
    time.sleep(1.5)
    p.send_signal(signal.SIGTERM)
    return p.wait()


def deliveries(mail):
    counts = collections.Counter()
    for f in glob.glob(os.path.join(mail, "*.eml")):
        head = open(f, "rb").read().split(b"\r\n\r\n", 1)[0].decode(errors="replace")
        m = re.search(r"^Message-ID: <([^>]+)>", head, re.M | re.I)
        if m:
            local = m.group(1).split("@")[0]
            counts[".".join(local.split(".")[:-1]).replace(".", "/")] += 1
    return counts


def notices_trial(binary, n, kills):
    work = tempfile.mkdtemp(prefix="facteur-crash-")
    mail = os.path.join(work, "mail")
    server, port = start_capture(mail)
    config = setup(work, port, n)
    db_path = os.path.join(work, "amap.sqlite")
    db = seed(binary, config, db_path, n)
    start = time.strftime("%Y-%m-%d %H:%M", time.gmtime(time.time() + 24 * 3600))
    end = time.strftime("%Y-%m-%d %H:%M", time.gmtime(time.time() + 26 * 3600))
    db.execute("INSERT INTO distribution (id, amap_id, starts_at, ends_at, place) VALUES (1, 1, ?, ?, 'Préau')", (start, end))
    db.execute("INSERT INTO delivery (distribution_id, contract_id) VALUES (1, 1)")
    db.commit()
    db.close()
    began = time.time()
    status = kill_loop(binary, config, kills, db_path, lambda: len(os.listdir(mail)) > 0 if os.path.isdir(mail) else False)
    server.stdin.close()
    server.wait()
    counts = deliveries(mail)
    db = sqlite3.connect(db_path)
    keys = [r[0] for r in db.execute("SELECT key FROM facteur_outbox")]
    states = collections.Counter(r[0] for r in db.execute("SELECT state FROM facteur_outbox"))
    lost = [k for k in keys if counts[k] == 0]
    duplicates = sum(c - 1 for c in counts.values() if c > 1)
    ok = len(keys) == n and not lost and duplicates <= kills and status == 0
    print(f"notices: {n} notices, {kills} SIGKILLs, {sum(counts.values())} deliveries, lost {len(lost)}, "
          f"duplicates {duplicates}, states {dict(states)}, final exit {status}, {time.time() - began:.0f} s "
          f"-> {'ok' if ok else 'BROKEN'}")
    return ok


def dovecot(work, user, password):
    port = free_port()
    root = os.path.join(work, "imap")
    for sub in ["run", "state", f"mail/{user}/Maildir/new", f"mail/{user}/Maildir/cur", f"mail/{user}/Maildir/tmp"]:
        os.makedirs(os.path.join(root, sub), exist_ok=True)
    open(os.path.join(root, "users"), "w").write(f"{user}:{{PLAIN}}{password}\n")
    conf = os.path.join(root, "dovecot.conf")
    open(conf, "w").write(f"""base_dir = {root}/run
state_dir = {root}/state
log_path = {root}/dovecot.log
protocols = imap
listen = 127.0.0.1
ssl = no
disable_plaintext_auth = no
auth_mechanisms = plain login
mail_location = maildir:{root}/mail/%u/Maildir
default_internal_user = dovecot
default_internal_group = dovecot
default_login_user = dovenull
first_valid_uid = 100
passdb {{
  driver = passwd-file
  args = scheme=PLAIN username_format=%u {root}/users
}}
userdb {{
  driver = static
  args = uid=dovecot gid=dovecot home={root}/mail/%u
}}
service imap-login {{
  inet_listener imap {{
    address = 127.0.0.1
    port = {port}
  }}
  inet_listener imaps {{
    port = 0
  }}
}}
""")
    os.chmod(work, 0o755)
    os.chmod(root, 0o755)
    subprocess.run(["chown", "-R", "dovecot:dovecot", os.path.join(root, "mail")], check=True)
    proc = subprocess.Popen(["/usr/sbin/dovecot", "-F", "-c", conf], stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    time.sleep(1)
    return proc, port, os.path.join(root, "mail", user, "Maildir", "new")


def imap_trial(binary, messages, kills):
    work = tempfile.mkdtemp(prefix="facteur-crash-imap-")
    mail = os.path.join(work, "mail")
    server, port = start_capture(mail)
    imap, imap_port, maildir = dovecot(work, "relay", "s3cret")
    open(os.path.join(work, "imap-password"), "w").write("s3cret\n")
    os.chmod(os.path.join(work, "imap-password"), 0o600)
    subscribers = 3
    config = setup(work, port, subscribers, {"relay": {"imap": {
        "url": f"imap://127.0.0.1:{imap_port}/INBOX", "tls": "none", "username": "relay",
        "password_file": os.path.join(work, "imap-password")}}})
    db_path = os.path.join(work, "amap.sqlite")
    seed(binary, config, db_path, subscribers).close()
    for i in range(messages):
        path = os.path.join(maildir, f"{i}.M{i}.trial")
        open(path, "wb").write((f"From: Julie <julie@ferme.example>\r\nTo: legumes@essai.example.org\r\n"
                                f"Subject: Nouvelle {i}\r\nMessage-ID: <n{i}@ferme.example>\r\n\r\nTexte {i}\r\n").encode())
    subprocess.run(["chown", "-R", "dovecot:dovecot", maildir], check=True)

    def taken():
        db = sqlite3.connect(db_path, timeout=30)
        try:
            return db.execute("SELECT COUNT(*) FROM facteur_inbound").fetchone()[0]
        except sqlite3.Error:
            return 0
        finally:
            db.close()
    began = time.time()
    for _ in range(kills):
        p = subprocess.Popen([binary, "run", "--config", config], stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
        time.sleep(random.uniform(0.05, 0.5))
        p.send_signal(signal.SIGKILL)
        p.wait()
    p = subprocess.Popen([binary, "run", "--config", config], stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    deadline = time.time() + 300
    while (taken() < messages or pending(db_path) > 0) and time.time() < deadline:
        time.sleep(0.5)
    time.sleep(1.5)
    p.send_signal(signal.SIGTERM)
    status = p.wait()
    imap.send_signal(signal.SIGKILL)
    server.stdin.close()
    server.wait()
    db = sqlite3.connect(db_path)
    inbound = db.execute("SELECT COUNT(*), COUNT(DISTINCT message_id) FROM facteur_inbound").fetchone()
    rows = db.execute("SELECT COUNT(*) FROM facteur_outbox WHERE kind = 'relay'").fetchone()[0]
    per_message = collections.Counter()
    for f in glob.glob(os.path.join(mail, "*.eml")):
        head = open(f, "rb").read().split(b"\r\n\r\n", 1)[0].decode(errors="replace")
        subject = re.search(r"^Subject: (.*)$", head, re.M)
        to = re.search(r"^To: (.*)$", head, re.M)
        per_message[(subject.group(1) if subject else "", to.group(1) if to else "")] += 1
    lost = messages * subscribers - len(per_message)
    relayed_twice = rows - messages * subscribers
    duplicates = sum(c - 1 for c in per_message.values() if c > 1)
    ok = inbound[0] == messages and lost == 0 and relayed_twice == 0 and duplicates <= kills and status == 0
    print(f"imap intake: {messages} messages x {subscribers} subscribers, {kills} SIGKILLs, stored {inbound[0]}, "
          f"fan-out rows {rows}, lost {lost}, relayed twice {relayed_twice}, duplicate deliveries {duplicates}, "
          f"{time.time() - began:.0f} s -> {'ok' if ok else 'BROKEN'}")
    return ok


def main():
    p = argparse.ArgumentParser()
    p.add_argument("--quick", action="store_true")
    a = p.parse_args()
    random.seed(20261123)
    binary = build()
    n, kills, messages = (300, 10, 40) if a.quick else (2000, 50, 200)
    results = [notices_trial(binary, n, kills), imap_trial(binary, messages, kills)]
    print(f"{sum(results)} passed, {len(results) - sum(results)} failed")
    sys.exit(0 if all(results) else 1)


if __name__ == "__main__":
    main()
