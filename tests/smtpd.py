#!/usr/bin/python3
# smtpd.py — a real SMTP server for the tests (Debian python3-aiosmtpd):
# listens on 127.0.0.1 on a free port, prints "PORT <n>" on stdout once it
# listens, and saves every message it accepts as OUTDIR/NNNNN.eml with the
# envelope in OUTDIR/NNNNN.json ({"mail_from", "rcpt_tos", "peer", "auth",
# "tls", "t"}). It stops by itself after --exit-after seconds (default 300),
# and with --watch-stdin also when its standard input closes.
#
#   --reject ADDR    answer RCPT TO:<ADDR> with 550 (a permanent bounce)
#   --defer ADDR     answer RCPT TO:<ADDR> with 451 (try again later)
#   --cert F --key F offer STARTTLS with that certificate and require it
#   --auth USER:PW   require a login (PLAIN or LOGIN) with that user and password
#   --delay S        wait S seconds before answering the end of each message
import argparse
import asyncio
import json
import os
import ssl
import sys
import threading
import time

from aiosmtpd.smtp import SMTP, AuthResult, LoginPassword


class Handler:
    def __init__(self, out, reject, defer, delay):
        self.out, self.reject, self.defer, self.delay = out, reject, defer, delay
        self.n = 0

    async def handle_RCPT(self, server, session, envelope, address, rcpt_options):
        a = address.lower()
        if a in self.reject:
            return '550 5.1.1 <%s>: Recipient address rejected: no such user' % address
        if a in self.defer:
            return '451 4.2.0 <%s>: mailbox busy, try again later' % address
        envelope.rcpt_tos.append(address)
        return '250 OK'

    async def handle_DATA(self, server, session, envelope):
        if self.delay:
            await asyncio.sleep(self.delay)
        self.n += 1
        base = os.path.join(self.out, '%05d' % self.n)
        with open(base + '.eml', 'wb') as f:
            f.write(envelope.original_content or envelope.content)
        meta = {'mail_from': envelope.mail_from, 'rcpt_tos': envelope.rcpt_tos,
                'peer': session.peer[0],
                'auth': session.auth_data.login.decode() if session.auth_data else None,
                'tls': session.ssl is not None, 't': time.time()}
        with open(base + '.json.tmp', 'w') as f:
            json.dump(meta, f)
        os.rename(base + '.json.tmp', base + '.json')
        return '250 2.0.0 Ok: queued as %05d' % self.n


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument('outdir')
    ap.add_argument('--reject', action='append', default=[])
    ap.add_argument('--defer', action='append', default=[])
    ap.add_argument('--cert')
    ap.add_argument('--key')
    ap.add_argument('--auth')
    ap.add_argument('--delay', type=float, default=0)
    ap.add_argument('--exit-after', type=float, default=300)
    ap.add_argument('--watch-stdin', action='store_true')
    a = ap.parse_args()
    handler = Handler(a.outdir, {x.lower() for x in a.reject}, {x.lower() for x in a.defer}, a.delay)
    kw = {}
    if a.cert:
        ctx = ssl.create_default_context(ssl.Purpose.CLIENT_AUTH)
        ctx.load_cert_chain(a.cert, a.key)
        kw.update(tls_context=ctx, require_starttls=True)
    if a.auth:
        user, pw = a.auth.split(':', 1)

        def authenticator(server, session, envelope, mechanism, data):
            ok = isinstance(data, LoginPassword) and data.login.decode() == user and \
                data.password.decode() == pw
            return AuthResult(success=ok, handled=False, auth_data=data if ok else None)
        kw.update(authenticator=authenticator, auth_required=True,
                  auth_require_tls=bool(a.cert))

    loop = asyncio.new_event_loop()
    asyncio.set_event_loop(loop)
    srv = loop.run_until_complete(loop.create_server(
        lambda: SMTP(handler, hostname='smtp.test', enable_SMTPUTF8=True, **kw),
        host='127.0.0.1', port=0))
    port = srv.sockets[0].getsockname()[1]
    print('PORT %d' % port, flush=True)

    def stdin_watch():
        try:
            while sys.stdin.read(1):
                pass
        except Exception:
            pass
        loop.call_soon_threadsafe(loop.stop)
    if a.watch_stdin:
        threading.Thread(target=stdin_watch, daemon=True).start()
    loop.call_later(a.exit_after, loop.stop)
    loop.run_forever()
    srv.close()


if __name__ == '__main__':
    main()
