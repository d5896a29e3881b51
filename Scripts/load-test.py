#!/usr/bin/python3
"""Load: N announcements (one AMAP of N members, one distribution) planned, rendered, queued and sent by
`facteur run` (release build) to postfix's smtp-sink on 127.0.0.1, with the daemon's RSS sampled every
half second. Reports throughput and RSS against progress, to show memory stays flat as the work grows.

Usage: Scripts/load-test.py [--notices N] [--quick]   (default 100,000; quick: 5,000)
Closes with 'N passed, N failed' (passed when everything was sent and RSS at 90 % of the work is within
20 % of RSS at 10 %)."""
import argparse, os, signal, socket, sqlite3, subprocess, sys, tempfile, time, json

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))


def rss_kb(pid):
    try:
        for line in open(f"/proc/{pid}/status"):
            if line.startswith("VmRSS:"):
                return int(line.split()[1])
    except OSError:
        return 0
    return 0


def main():
    p = argparse.ArgumentParser()
    p.add_argument("--notices", type=int, default=100_000)
    p.add_argument("--quick", action="store_true")
    a = p.parse_args()
    n = 5000 if a.quick else a.notices
    subprocess.run(["swift", "build", "-c", "release"], cwd=ROOT, check=True, capture_output=True)
    binary = os.path.join(subprocess.run(["swift", "build", "-c", "release", "--show-bin-path"], cwd=ROOT,
                                         capture_output=True, text=True).stdout.strip(), "facteur")
    work = tempfile.mkdtemp(prefix="facteur-load-")
    s = socket.socket(); s.bind(("127.0.0.1", 0)); port = s.getsockname()[1]; s.close()
    sink = subprocess.Popen(["/usr/sbin/smtp-sink", "-u", "nobody", f"127.0.0.1:{port}", "64"],
                            stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    time.sleep(0.5)
    config = os.path.join(work, "facteur.json")
    json.dump({"database": "load.sqlite", "templates": os.path.join(ROOT, "Templates"), "timezone": "UTC",
               "poll_seconds": 5, "quiet_hours": {"start": "00:00", "end": "00:00"},
               "smtp": {"url": f"smtp://127.0.0.1:{port}", "tls": "none", "max_per_minute": 0}}, open(config, "w"))
    subprocess.run([binary, "init", "--config", config], check=True, capture_output=True)
    path = os.path.join(work, "load.sqlite")
    db = sqlite3.connect(path)
    db.execute("INSERT INTO amap (id, name, email, timezone) VALUES (1, 'AMAP Charge', 'contact@charge.example.org', 'UTC')")
    db.execute("INSERT INTO producer (id, name) VALUES (1, 'Julie')")
    db.execute("INSERT INTO contract (id, amap_id, producer_id, name, starts_on, ends_on) VALUES (1, 1, 1, 'Légumes', '2026-01-01', '2030-12-31')")
    db.executemany("INSERT INTO member (id, amap_id, name, email) VALUES (?, 1, ?, ?)",
                   ((i, f"Membre {i}", f"m{i}@example.net") for i in range(1, n + 1)))
    db.executemany("INSERT INTO subscription VALUES (?, 1)", ((i,) for i in range(1, n + 1)))
    start = time.strftime("%Y-%m-%d %H:%M", time.gmtime(time.time() + 24 * 3600))
    end = time.strftime("%Y-%m-%d %H:%M", time.gmtime(time.time() + 26 * 3600))
    db.execute("INSERT INTO distribution (id, amap_id, starts_at, ends_at, place) VALUES (1, 1, ?, ?, 'Préau')", (start, end))
    db.execute("INSERT INTO delivery VALUES (1, 1, NULL)")
    db.commit()
    began = time.time()
    daemon = subprocess.Popen([binary, "run", "--config", config], stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    samples = []  # (seconds, sent, queued, rss kB)
    reader = sqlite3.connect(path, timeout=30)
    while True:
        time.sleep(0.5)
        sent = reader.execute("SELECT COUNT(*) FROM facteur_outbox WHERE state = 'sent'").fetchone()[0]
        queued = reader.execute("SELECT COUNT(*) FROM facteur_outbox").fetchone()[0]
        samples.append((time.time() - began, sent, queued, rss_kb(daemon.pid)))
        if sent >= n or time.time() - began > 3600:
            break
    elapsed = time.time() - began
    cpu = open(f"/proc/{daemon.pid}/stat").read().split()
    ticks = os.sysconf("SC_CLK_TCK")
    cpu_seconds = (int(cpu[13]) + int(cpu[14])) / ticks
    daemon.send_signal(signal.SIGTERM)
    daemon.wait()
    sink.kill()
    def rss_at(fraction):
        for t, sent, queued, rss in samples:
            if sent >= fraction * n:
                return rss
        return samples[-1][3]
    peak = max(s[3] for s in samples)
    r10, r50, r90 = rss_at(0.1), rss_at(0.5), rss_at(0.9)
    size = os.path.getsize(path) + (os.path.getsize(path + "-wal") if os.path.exists(path + "-wal") else 0)
    print(f"{n} notices sent in {elapsed:.1f} s ({n / elapsed:.0f} msg/s overall), daemon CPU {cpu_seconds:.1f} s "
          f"({cpu_seconds / n * 1e6:.0f} µs per notice, planning and rendering included)")
    print(f"RSS: peak {peak / 1024:.1f} MiB; at 10 % sent {r10 / 1024:.1f} MiB, 50 % {r50 / 1024:.1f} MiB, "
          f"90 % {r90 / 1024:.1f} MiB; database {size / 1048576:.0f} MiB")
    flat = r90 <= r10 * 1.2 + 2048
    ok = samples[-1][1] >= n and flat
    print(f"{int(ok)} passed, {int(not ok)} failed")
    sys.exit(0 if ok else 1)


if __name__ == "__main__":
    main()
