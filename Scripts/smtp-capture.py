#!/usr/bin/python3
"""A real SMTP server (Debian's python3-aiosmtpd) on 127.0.0.1 that stores every message it accepts.

Used by the demo and the tests. Prints the port it listens on (port 0 = any free port), then runs until
stdin closes or it receives SIGTERM, so a test that dies never leaves it behind.

  --dir DIR              write each accepted message as DIR/NNNN.eml (+ NNNN.json with the envelope)
  --reply ADDR=CODE TEXT answer RCPT TO:<ADDR> with this reply instead of 250 (e.g. "x@y=550 5.1.1 No such user")
  --data-reply CODE TEXT answer the end of data with this reply instead of 250, once per --data-reply
  --drop-after-data N    close the connection without replying to the final dot, for the first N messages
  --auth USER:PASS       require AUTH PLAIN/LOGIN with these credentials
"""
import argparse, asyncio, json, os, signal, sys, threading

from aiosmtpd.controller import Controller
from aiosmtpd.smtp import AuthResult


def main():
    p = argparse.ArgumentParser()
    p.add_argument("--dir", required=True)
    p.add_argument("--port", type=int, default=0)
    p.add_argument("--reply", action="append", default=[])
    p.add_argument("--data-reply", action="append", default=[])
    p.add_argument("--drop-after-data", type=int, default=0)
    p.add_argument("--auth")
    p.add_argument("--tls", nargs=2, metavar=("CERT", "KEY"), help="offer and require STARTTLS with this certificate")
    a = p.parse_args()
    os.makedirs(a.dir, exist_ok=True)
    rcpt_replies = {}
    for r in a.reply:
        addr, reply = r.split("=", 1)
        rcpt_replies[addr.lower()] = reply
    data_replies = list(a.data_reply)
    state = {"n": len([f for f in os.listdir(a.dir) if f.endswith(".eml")]), "drops": a.drop_after_data}

    class Handler:
        async def handle_RCPT(self, server, session, envelope, address, rcpt_options):
            reply = rcpt_replies.get(address.lower())
            if reply:
                return reply
            envelope.rcpt_tos.append(address)
            return "250 2.1.5 OK"

        async def handle_DATA(self, server, session, envelope):
            state["n"] += 1
            base = os.path.join(a.dir, "%04d" % state["n"])
            with open(base + ".eml", "wb") as f:
                f.write(envelope.original_content)
            with open(base + ".json", "w") as f:
                json.dump({"mail_from": envelope.mail_from, "rcpt_tos": envelope.rcpt_tos}, f)
            if state["drops"] > 0:
                state["drops"] -= 1
                server.transport.close()
                await asyncio.sleep(3600)
            if data_replies:
                return data_replies.pop(0)
            return "250 2.0.0 OK: queued as %04d" % state["n"]

    kwargs = {}
    if a.auth:
        user, password = a.auth.split(":", 1)

        def authenticator(server, session, envelope, mechanism, auth_data):
            ok = auth_data.login.decode() == user and auth_data.password.decode() == password
            return AuthResult(success=ok, handled=False)

        kwargs = dict(authenticator=authenticator, auth_required=True, auth_require_tls=False)
    if a.tls:
        import ssl
        context = ssl.create_default_context(ssl.Purpose.CLIENT_AUTH)
        context.load_cert_chain(a.tls[0], a.tls[1])
        kwargs.update(tls_context=context, require_starttls=True)
    port = a.port
    if port == 0:
        import socket
        s = socket.socket()
        s.bind(("127.0.0.1", 0))
        port = s.getsockname()[1]
        s.close()
    controller = Controller(Handler(), hostname="127.0.0.1", port=port, **kwargs)
    controller.start()
    print(port, flush=True)
    stop = threading.Event()
    signal.signal(signal.SIGTERM, lambda *_: stop.set())
    threading.Thread(target=lambda: (sys.stdin.read(), stop.set()), daemon=True).start()
    stop.wait()
    # Controller.stop has been seen to hang (once in hundreds of test runs): leave anyway after 3 s.
    deadline = threading.Timer(3, lambda: os._exit(0))
    deadline.daemon = True
    deadline.start()
    controller.stop()


if __name__ == "__main__":
    main()
