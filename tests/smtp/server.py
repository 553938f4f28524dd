#!/usr/bin/python3
"""A real SMTP server for the tests (Debian's python3-aiosmtpd) on loopback: every message
it accepts is written whole to DIR as N.eml (numbered on after those already there) (with its envelope in N.json), so the tests
read what a person's mail client would receive. With --user and --password it demands
AUTH PLAIN or LOGIN (allowed without TLS: loopback only) and refuses other logins.

    /usr/bin/python3 tests/smtp/server.py DIR PORT [--user U --password P]

Prints "ready PORT" once it listens; stops on SIGTERM."""
import argparse, json, os, signal, threading
import warnings
warnings.filterwarnings("ignore", message="Requiring AUTH while not requiring TLS")
from aiosmtpd.controller import Controller
from aiosmtpd.smtp import AuthResult, LoginPassword


class Saver:
    def __init__(self, directory):
        # numbered on from what an earlier run left, so a restarted server overwrites nothing
        taken = [int(f[:-4]) for f in os.listdir(directory) if f.endswith(".eml")]
        self.directory, self.count, self.lock = directory, max(taken, default=0), threading.Lock()

    async def handle_DATA(self, server, session, envelope):
        with self.lock:
            self.count += 1
            n = self.count
        base = os.path.join(self.directory, f"{n:04d}")
        with open(base + ".eml.tmp", "wb") as f:
            f.write(envelope.original_content)
        with open(base + ".json", "w") as f:
            json.dump({"from": envelope.mail_from, "to": envelope.rcpt_tos,
                       "login": session.auth_data.decode() if isinstance(session.auth_data, bytes) else None}, f)
        os.rename(base + ".eml.tmp", base + ".eml")
        return "250 Message accepted"


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("directory")
    ap.add_argument("port", type=int)
    ap.add_argument("--user")
    ap.add_argument("--password")
    a = ap.parse_args()
    os.makedirs(a.directory, exist_ok=True)
    kwargs = {}
    if a.user:
        def authenticator(server, session, envelope, mechanism, auth_data):
            ok = isinstance(auth_data, LoginPassword) and auth_data.login.decode() == a.user \
                and auth_data.password.decode() == a.password
            return AuthResult(success=ok, handled=False, auth_data=auth_data.login if ok else None)
        kwargs = {"authenticator": authenticator, "auth_required": True, "auth_require_tls": False}
    controller = Controller(Saver(a.directory), hostname="127.0.0.1", port=a.port, **kwargs)
    controller.start()
    print(f"ready {a.port}", flush=True)
    done = threading.Event()
    signal.signal(signal.SIGTERM, lambda *_: done.set())
    signal.signal(signal.SIGINT, lambda *_: done.set())
    done.wait()
    controller.stop()


if __name__ == "__main__":
    main()
