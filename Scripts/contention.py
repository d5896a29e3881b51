#!/usr/bin/python3
"""Contention: a second writer (the management tool) holds BEGIN IMMEDIATE on the database for 30 s while
`facteur run` ticks and while an MTA pipes messages to `facteur relay receive`. Expected: the daemon waits
and goes on (no crash), every `relay receive` during the lock exits 75 and, retried afterwards as an MTA
would, is stored; every notice is delivered. Usage: Scripts/contention.py [--seconds 30] [--quick]"""
import argparse, glob, json, os, signal, sqlite3, subprocess, sys, tempfile, time

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))


def main():
    p = argparse.ArgumentParser()
    p.add_argument("--seconds", type=float, default=30)
    p.add_argument("--quick", action="store_true")
    a = p.parse_args()
    hold = 8 if a.quick else a.seconds
    subprocess.run(["swift", "build"], cwd=ROOT, check=True, capture_output=True)
    binary = os.path.join(subprocess.run(["swift", "build", "--show-bin-path"], cwd=ROOT, capture_output=True,
                                         text=True).stdout.strip(), "facteur")
    work = tempfile.mkdtemp(prefix="facteur-contention-")
    mail = os.path.join(work, "mail")
    server = subprocess.Popen(["/usr/bin/python3", os.path.join(ROOT, "Scripts", "smtp-capture.py"), "--dir", mail],
                              stdin=subprocess.PIPE, stdout=subprocess.PIPE, text=True)
    port = int(server.stdout.readline())
    config = os.path.join(work, "facteur.json")
    json.dump({"database": "amap.sqlite", "templates": os.path.join(ROOT, "Templates"), "timezone": "UTC",
               "poll_seconds": 1, "quiet_hours": {"start": "00:00", "end": "00:00"},
               "smtp": {"url": f"smtp://127.0.0.1:{port}", "tls": "none", "max_per_minute": 0}}, open(config, "w"))
    subprocess.run([binary, "init", "--config", config], check=True, capture_output=True)
    path = os.path.join(work, "amap.sqlite")
    db = sqlite3.connect(path)
    db.executescript("""
        INSERT INTO amap (id, name, email, timezone) VALUES (1, 'AMAP', 'contact@amap.example.org', 'UTC');
        INSERT INTO producer (id, name, email) VALUES (1, 'Julie', 'julie@ferme.example');
        INSERT INTO contract (id, amap_id, producer_id, name, starts_on, ends_on, relay_address)
          VALUES (1, 1, 1, 'Légumes', '2026-01-01', '2030-12-31', 'legumes@amap.example.org');
        INSERT INTO member (id, amap_id, name, email) VALUES (1, 1, 'Camille', 'c@example.net'), (2, 1, 'Zoé', 'z@example.net');
        INSERT INTO subscription VALUES (1, 1), (2, 1);
    """)
    db.commit()
    db.close()
    daemon = subprocess.Popen([binary, "run", "--config", config], stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, text=True)
    time.sleep(1)
    holder = sqlite3.connect(path, timeout=1, isolation_level=None)
    holder.execute("BEGIN IMMEDIATE")
    start = time.strftime("%Y-%m-%d %H:%M", time.gmtime(time.time() + 24 * 3600))
    end = time.strftime("%Y-%m-%d %H:%M", time.gmtime(time.time() + 26 * 3600))
    # The management tool's own edit, inside its long transaction: a distribution to announce.
    holder.execute("INSERT INTO distribution (id, amap_id, starts_at, ends_at, place) VALUES (1, 1, ?, ?, 'Préau')", (start, end))
    holder.execute("INSERT INTO delivery VALUES (1, 1, NULL)")
    messages = [f"From: Julie <julie@ferme.example>\r\nTo: legumes@amap.example.org\r\nSubject: n{i}\r\n"
                f"Message-ID: <n{i}@ferme.example>\r\n\r\nTexte {i}\r\n".encode() for i in range(3)]
    codes = []
    began = time.time()
    for m in messages:
        r = subprocess.run([binary, "relay", "receive", "--config", config, "--recipient", "legumes@amap.example.org"],
                           input=m, capture_output=True)
        codes.append(r.returncode)
    while time.time() - began < hold:
        time.sleep(0.5)
    alive = daemon.poll() is None
    holder.execute("COMMIT")
    holder.close()
    retried = [subprocess.run([binary, "relay", "receive", "--config", config], input=m, capture_output=True).returncode
               for m in messages]
    deadline = time.time() + 60
    def delivered():
        return len(glob.glob(os.path.join(mail, "*.eml")))
    while delivered() < 2 + 3 * 2 and time.time() < deadline:
        time.sleep(0.5)
    daemon.send_signal(signal.SIGTERM)
    _, err = daemon.communicate()
    server.stdin.close()
    server.wait()
    busy_lines = err.count("database-busy")
    ok = alive and all(c == 75 for c in codes) and all(c == 0 for c in retried) and delivered() == 8 and daemon.returncode == 0
    print(f"lock held {hold:.0f} s: daemon alive {alive}, busy waits logged {busy_lines}, relay receive during the lock "
          f"exited {codes}, retried {retried}, delivered {delivered()}/8, daemon exit {daemon.returncode}")
    print(f"{int(ok)} passed, {int(not ok)} failed")
    sys.exit(0 if ok else 1)


if __name__ == "__main__":
    main()
