"""Load test of the public comment form: concurrent submitters against gunicorn and PostgreSQL.

    .venv/bin/python bench/comments.py [--seconds 60] [--submitters 50] [--workers 4] [--threads 1] [--keep-db]

Creates a throw-away PostgreSQL database kpss_bench (dropped first if it is there, and at the end
unless --keep-db), migrates it, fills it with `seed_demo` and opens a comment round on the latest
version of the demo plan ap-2026. Starts gunicorn on a free port as in production (DEBUG=0, the
psycopg pool per worker) with these differences, needed to send forms over plain HTTP from one
machine:
- SECURE_SSL_REDIRECT=0 (no TLS proxy); the cookies stay Secure and __Host-, the client returns them;
- static names without the collectstatic manifest (as bench/pages.py does), via wsgi_app() below;
- TRUSTED_PROXY_COUNT=1, and each submitter sends its own X-Forwarded-For address, as if the
  requests came through our proxy from that many different people;
- PUBLIC_FORM_LIMIT_PER_HOUR=100000: each simulated person sends far more than 10 comments an
  hour, which the limit would refuse; the limit is still checked on each POST (its query runs);
- PUBLIC_FORM_MIN_SECONDS=1, and each submitter waits that second between loading the form and
  sending it. Real people take minutes, so this is far more load per person than real use.

Each submitter repeats what a browser does for a new visitor (fresh cookies): GET the round's
page with the form, wait, POST the comment (text with a unique tag, a random part of the plan,
an e-mail in every other one, which sends the confirmation by the console e-mail backend), and
follow the redirect to the page with the thank-you message. Static files are not requested.

Prints p50/p95/max latency per kind of request, accepted submissions and requests per second,
the peak of database connections and of sessions waiting for a lock, and checks that exactly the
accepted comments are in the database, numbered 1..N. Exits non-zero on a mismatch, on any 5xx
or on any request without an answer. The client runs on the same machine as the server.
"""

import argparse
import http.client
import os
import random
import re
import secrets
import signal
import socket
import subprocess
import sys
import tempfile
import threading
import time
from collections import Counter
from http.cookies import SimpleCookie
from pathlib import Path
from urllib.parse import urlencode, urlsplit

ROOT = Path(__file__).resolve().parent.parent
PYTHON = ROOT / ".venv" / "bin" / "python"
GUNICORN = ROOT / ".venv" / "bin" / "gunicorn"
DB_NAME = "kpss_bench"
HOST = "127.0.0.1"
MIN_SECONDS = 1

TEXT = ("Navrhujeme rozšířit provozní dobu služby i na víkendy. Pečující rodiny v obcích mimo Lipovec "
        "nemají jinou možnost odlehčení a dojíždění do města je pro ně bez auta obtížné. Prosíme také "
        "o doplnění informace, kolik míst bude v roce 2026 k dispozici a jak se o ně lze ucházet. ")
WORDING = "Služba bude poskytována i o víkendech a svátcích, a to v rozsahu nejméně šesti hodin denně."
COMMENTER_TYPES = ["public", "user", "provider", "municipality"]
TAG = re.compile(r"\[bench (\d+-\d+)\]")


def wsgi_app():
    """gunicorn's entry point (`bench.comments:wsgi_app()`): kpss.wsgi with plain static names."""
    import warnings

    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "kpss.settings")
    from django.conf import settings

    warnings.filterwarnings("ignore", "No directory at", UserWarning)  # whitenoise: no collectstatic here
    settings.STORAGES = {**settings.STORAGES,
                         "staticfiles": {"BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"}}
    from kpss.wsgi import application

    return application


# The database and the server


def admin_sql(server, *statements):
    """Run statements in the server's postgres database; the rows of each that returns any."""
    import psycopg

    with psycopg.connect(f"{server}/postgres", autocommit=True) as conn:
        return [cursor.fetchall() if (cursor := conn.execute(sql)).description else None for sql in statements]


def manage(env, *args):
    result = subprocess.run([PYTHON, "manage.py", *args], cwd=ROOT, env=env, capture_output=True, text=True)
    if result.returncode:
        sys.exit(f"manage.py {' '.join(args)} failed:\n{result.stdout}{result.stderr}")
    return result.stdout


OPEN_ROUND = """
from datetime import timedelta
from django.utils import timezone
from planning.models import CommentRound, Plan
version = Plan.objects.get(slug="ap-2026").versions.order_by("number").last()
now = timezone.now()
round_ = CommentRound.objects.create(version=version, title="Zátěžový test připomínek",
                                     opens_at=now - timedelta(hours=1), closes_at=now + timedelta(days=1))
print("round", round_.pk)
"""


def prepare_database(env):
    manage(env, "migrate", "--noinput", "--verbosity", "0")
    manage(env, "seed_demo", "--force", "--no-pdf")
    return int(re.search(r"^round (\d+)$", manage(env, "shell", "-c", OPEN_ROUND), re.MULTILINE).group(1))


def free_port():
    with socket.socket() as sock:
        sock.bind((HOST, 0))
        return sock.getsockname()[1]


def start_gunicorn(env, port, workers, threads, log):
    command = [GUNICORN, "bench.comments:wsgi_app()", "--bind", f"{HOST}:{port}", "--workers", str(workers)]
    if threads > 1:
        command += ["--threads", str(threads)]
    server = subprocess.Popen(command, cwd=ROOT, env=env, stdout=log, stderr=subprocess.STDOUT)
    try:
        deadline = time.monotonic() + 30
        while time.monotonic() < deadline:
            if server.poll() is not None:
                sys.exit(f"gunicorn exited with {server.returncode}, see {log.name}")
            try:
                if request(port, "GET", "/healthz")[0] == 200:
                    return server
            except OSError:
                pass
            time.sleep(0.2)
        sys.exit(f"gunicorn did not answer /healthz within 30 s, see {log.name}")
    except BaseException:  # also Ctrl-C while the workers start
        stop(server)
        raise


def stop(server):
    if server.poll() is None:
        server.send_signal(signal.SIGTERM)  # graceful: workers finish their requests
        try:
            server.wait(timeout=35)
        except subprocess.TimeoutExpired:
            server.kill()
            server.wait()


def cpu_seconds(pids):
    """User and system CPU time of each process (Linux /proc), by pid."""
    seconds = {}
    for pid in pids:
        try:
            fields = Path(f"/proc/{pid}/stat").read_text().rpartition(")")[2].split()
        except OSError:
            continue
        seconds[pid] = (int(fields[11]) + int(fields[12])) / os.sysconf("SC_CLK_TCK")
    return seconds


def busy_seconds():
    """CPU time all processes on the machine have used since boot (Linux /proc/stat)."""
    user, nice, system, _idle, _iowait, irq, softirq, steal = map(int, Path("/proc/stat").read_text().split()[1:9])
    return (user + nice + system + irq + softirq + steal) / os.sysconf("SC_CLK_TCK")


def workers_of(server):
    return [int(pid) for pid in Path(f"/proc/{server.pid}/task/{server.pid}/children").read_text().split()]


class Monitor(threading.Thread):
    """Samples the bench database's connections and those waiting for a lock, ten times a second."""

    ACTIVITY = ("SELECT pid, coalesce(wait_event_type = 'Lock', false) FROM pg_stat_activity "
                "WHERE datname = %s AND pid <> pg_backend_pid()")
    COUNTERS = "SELECT xact_commit, xact_rollback, deadlocks FROM pg_stat_database WHERE datname = %s"

    def __init__(self, url):
        super().__init__(daemon=True)
        self.url, self.done = url, threading.Event()
        self.connections, self.waiting, self.backends = [], [], set()

    def counters(self):
        import psycopg

        with psycopg.connect(self.url, autocommit=True) as conn:
            conn.execute("SELECT pg_stat_clear_snapshot()")
            return conn.execute(self.COUNTERS, [DB_NAME]).fetchone()

    def run(self):
        import psycopg

        with psycopg.connect(self.url, autocommit=True) as conn:
            while not self.done.wait(0.1):
                rows = conn.execute(self.ACTIVITY, [DB_NAME]).fetchall()
                self.connections.append(len(rows))
                self.waiting.append(sum(waiting for _pid, waiting in rows))
                self.backends.update(pid for pid, _waiting in rows)


# The client


def request(port, method, path, headers=None, body=None):
    """(status, headers, body, milliseconds); one connection per request, as from a proxy to gunicorn."""
    start = time.perf_counter()
    conn = http.client.HTTPConnection(HOST, port, timeout=60)
    try:
        conn.request(method, path, body=body, headers=headers or {})
        response = conn.getresponse()
        content = response.read()
    finally:
        conn.close()
    return response.status, response.headers, content, (time.perf_counter() - start) * 1000


class Submitter(threading.Thread):
    """One person at one address, sending comment after comment, each as a new visitor."""

    def __init__(self, number, port, round_pk, deadline, stagger):
        super().__init__(daemon=True)
        self.number, self.port, self.round_path = number, port, f"/pripominky/{round_pk}/"
        self.reference = re.compile(rf"\b{round_pk}/(\d{{3,}})\b")  # as Comment.reference writes it
        self.deadline, self.stagger = deadline, stagger
        self.ip = f"10.{(number >> 16) & 255}.{(number >> 8) & 255}.{number & 255}"
        self.random = random.Random(number)
        self.timings = {"GET form": [], "POST": [], "GET after POST": []}
        self.statuses = Counter()  # (kind, status)
        self.errors = Counter()  # (kind, exception class)
        self.accepted, self.unknown = set(), set()
        self.references, self.not_shown = {}, set()  # tag: the number the thank-you message gave
        self.cookies = {}

    def call(self, kind, method, path, fields=None):
        headers = {"X-Forwarded-For": self.ip, "User-Agent": "kpss-bench"}
        if self.cookies:
            headers["Cookie"] = "; ".join(f"{name}={value}" for name, value in self.cookies.items())
        body = None
        if fields is not None:
            body = urlencode(fields).encode()
            headers.update({"Content-Type": "application/x-www-form-urlencoded",
                            "Origin": f"http://{HOST}:{self.port}"})
        try:
            status, response_headers, content, ms = request(self.port, method, path, headers, body)
        except (OSError, http.client.HTTPException) as error:
            self.errors[kind, type(error).__name__] += 1
            return None, None, None
        self.timings[kind].append(ms)
        self.statuses[kind, status] += 1
        for header in response_headers.get_all("Set-Cookie") or []:
            for name, morsel in SimpleCookie(header).items():
                if morsel.value and morsel["max-age"] != "0":
                    self.cookies[name] = morsel.value
                else:
                    self.cookies.pop(name, None)
        return status, response_headers, content.decode()

    def run(self):
        time.sleep(self.stagger)
        iteration = 0
        while time.monotonic() < self.deadline:
            iteration += 1
            self.cookies = {}
            status, _headers, page = self.call("GET form", "GET", self.round_path)
            if status != 200:
                time.sleep(MIN_SECONDS)
                continue
            token = re.search(r'name="csrfmiddlewaretoken" value="([^"]+)"', page).group(1)
            started = re.search(r'name="started" value="([^"]+)"', page).group(1)
            parts = [""] + re.findall(r'<option value="((?:kapitola|opatreni)-\d+)"', page)
            time.sleep(MIN_SECONDS)
            tag = f"{self.number}-{iteration}"
            fields = {
                "part": self.random.choice(parts), "text": f"{TEXT}[bench {tag}]", "proposed_wording": WORDING,
                "name": f"Jana Nováková {self.number}", "organisation": "Spolek pečujících",
                "commenter_type": self.random.choice(COMMENTER_TYPES),
                "email": f"jana{self.number}@example.cz" if iteration % 2 else "",
                "website": "", "started": started, "csrfmiddlewaretoken": token,
            }
            if iteration % 3:
                fields["publish_name"] = "on"
            status, headers, _page = self.call("POST", "POST", self.round_path, fields)
            if status is None:
                self.unknown.add(tag)
            elif status == 302:
                self.accepted.add(tag)
                status, _headers, page = self.call("GET after POST", "GET", urlsplit(headers["Location"]).path)
                if shown := self.reference.search(page or ""):
                    self.references[tag] = int(shown.group(1))
                elif status == 200:
                    self.not_shown.add(tag)


# Figures


def percentile(timings, fraction):
    return timings[int(fraction * (len(timings) - 1))]


def check_database(url, round_pk):
    """{tag: number} of the round's comments, and whether the numbers are 1..N without a gap."""
    import psycopg

    with psycopg.connect(url) as conn:
        rows = conn.execute("SELECT number, text FROM planning_comment WHERE round_id = %s", [round_pk]).fetchall()
    numbers = sorted(number for number, _text in rows)
    tags = {match.group(1): number for number, text in rows if (match := TAG.search(text))}
    return tags, len(rows), numbers == list(range(1, len(rows) + 1))


def report(args, submitters, elapsed, cpu, monitor, counters, url, round_pk, server_info):
    """Print the figures; True when every accepted comment is stored, as numbered, and nothing failed."""
    timings = {kind: sorted(t for s in submitters for t in s.timings[kind]) for kind in submitters[0].timings}
    statuses = sum((s.statuses for s in submitters), Counter())
    errors = sum((s.errors for s in submitters), Counter())
    accepted = set().union(*(s.accepted for s in submitters))
    unknown = set().union(*(s.unknown for s in submitters))
    references = {tag: number for s in submitters for tag, number in s.references.items()}
    not_shown = set().union(*(s.not_shown for s in submitters))
    answered = sum(statuses.values())
    server_errors = sum(count for (_kind, status), count in statuses.items() if status >= 500)
    refused = {f"{kind} {status}": count for (kind, status), count in sorted(statuses.items())
               if status not in (200, 302)}

    print(server_info)
    print(f"{args.submitters} submitters for {args.seconds:g} s, all done after {elapsed:.1f} s; each: GET the form, "
          f"wait {MIN_SECONDS} s, POST, GET the redirect")
    print(f"{'request':16} {'count':>6} {'p50 ms':>8} {'p95 ms':>8} {'max ms':>8}")
    for kind, values in timings.items():
        if values:
            print(f"{kind:16} {len(values):6d} {percentile(values, 0.5):8.1f} {percentile(values, 0.95):8.1f} "
                  f"{values[-1]:8.1f}")
    print(f"accepted submissions: {len(accepted)} ({len(accepted) / elapsed:.1f}/s); requests answered: {answered} "
          f"({answered / elapsed:.1f}/s)")
    print(f"refused: {refused or 'none'}; 5xx: {server_errors}; no answer: {dict(errors) or 'none'}")
    print(f"database connections: peak {max(monitor.connections, default=0)}; waiting for a lock: peak "
          f"{max(monitor.waiting, default=0)}, in {sum(map(bool, monitor.waiting))} of {len(monitor.waiting)} samples")
    print(f"database transactions: committed {counters[0]}, rolled back {counters[1]}, deadlocks {counters[2]}")
    others = cpu["all"] - cpu["gunicorn"] - cpu["postgres"] - cpu["client"]
    print(f"CPU seconds: gunicorn workers {cpu['gunicorn']:.1f}, PostgreSQL backends {cpu['postgres']:.1f}, "
          f"this client {cpu['client']:.1f}, other processes {others:.1f}; {os.cpu_count()} cores × {elapsed:.1f} s "
          f"= {os.cpu_count() * elapsed:.1f}")

    tags, count, gapless = check_database(url, round_pk)
    missing, extra = accepted - tags.keys(), tags.keys() - accepted - unknown
    misnumbered = {tag for tag, number in references.items() if tags.get(tag) != number}
    consistent = not missing and not extra and not misnumbered and not not_shown and len(tags) == count and gapless
    print(f"stored: {count} comments in the round, numbered 1..{count} {'without' if gapless else 'WITH'} gaps; "
          f"accepted {len(accepted)}, {len(references)} shown their number, {len(unknown)} POSTs unanswered "
          f"— {'OK' if consistent else 'MISMATCH'}")
    for label, problem in [("accepted but not stored", missing), ("stored but not accepted", extra),
                           ("shown another number than stored", misnumbered),
                           ("thank-you page without the number", not_shown)]:
        if problem:
            print(f"  {label}: {len(problem)}, e.g. {sorted(problem)[:10]}")
    return consistent and not server_errors and not errors


def run(args, env, url, log):
    """Prepare, load, check; True when all went well."""
    round_pk = prepare_database(env)
    [[(max_connections,)], [(version,)]] = admin_sql(args.postgres, "SHOW max_connections", "SHOW server_version")
    port = free_port()
    server = start_gunicorn(env, port, args.workers, args.threads, log)
    monitor = Monitor(url)
    try:
        kind = f"gthread workers × {args.threads} threads" if args.threads > 1 else "sync workers"
        server_info = (f"gunicorn: {args.workers} {kind}, DEBUG=0; PostgreSQL {version.split()[0]}, "
                       f"max_connections {max_connections}, pool of at most 10 per worker "
                       f"({args.workers * 10} in all)")
        counters_before = monitor.counters()
        monitor.start()
        time.sleep(0.3)  # a first sample: the connections the health check opened
        workers_before = cpu_seconds(workers_of(server))
        backends_before = cpu_seconds(monitor.backends)
        busy_before, client_before, start = busy_seconds(), time.process_time(), time.monotonic()
        submitters = [Submitter(n, port, round_pk, start + args.seconds, MIN_SECONDS * n / args.submitters)
                      for n in range(1, args.submitters + 1)]
        for submitter in submitters:
            submitter.start()
        for submitter in submitters:
            while submitter.is_alive():
                submitter.join(0.5)  # a short wait, so that Ctrl-C gets through
        elapsed = time.monotonic() - start
        cpu = {"client": time.process_time() - client_before, "all": busy_seconds() - busy_before}
        workers_after = cpu_seconds(workers_of(server))
        monitor.done.set()
        monitor.join()
        cpu["gunicorn"] = sum(seconds - workers_before.get(pid, 0) for pid, seconds in workers_after.items())
        cpu["postgres"] = sum(seconds - backends_before.get(pid, 0)
                              for pid, seconds in cpu_seconds(monitor.backends).items())
    finally:
        monitor.done.set()
        stop(server)
    time.sleep(1)  # the backends of the stopped workers report their statistics
    counters = [after - before for after, before in zip(monitor.counters(), counters_before, strict=True)]
    ok = report(args, submitters, elapsed, cpu, monitor, counters, url, round_pk, server_info)
    log.flush()
    server_log = Path(log.name).read_text(errors="replace")
    problems = {word: server_log.count(word) for word in ("Traceback", "WORKER TIMEOUT", "ERROR")}
    if any(problems.values()):
        print(f"gunicorn log: {problems}")
    return ok and not any(problems.values())


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--seconds", type=float, default=60)
    parser.add_argument("--submitters", type=int, default=50)
    parser.add_argument("--workers", type=int, default=4, help="gunicorn workers")
    parser.add_argument("--threads", type=int, default=1, help="threads per worker (more than 1: gthread workers)")
    parser.add_argument("--postgres", default="postgres://postgres@127.0.0.1:5432", help="server, without a database")
    parser.add_argument("--keep-db", action="store_true", help=f"keep the {DB_NAME} database")
    args = parser.parse_args()

    url = f"{args.postgres}/{DB_NAME}"
    env = {**os.environ, "DATABASE_URL": url, "DEBUG": "0", "SECRET_KEY": secrets.token_urlsafe(50),
           "ALLOWED_HOSTS": HOST, "SECURE_SSL_REDIRECT": "0", "TRUSTED_PROXY_COUNT": "1",
           "PUBLIC_FORM_MIN_SECONDS": str(MIN_SECONDS), "PUBLIC_FORM_LIMIT_PER_HOUR": "100000",
           "DJANGO_SETTINGS_MODULE": "kpss.settings"}
    for name in ("EMAIL_HOST", "DB_POOL", "DB_POOL_MIN_SIZE", "DB_POOL_MAX_SIZE", "DB_POOL_TIMEOUT"):
        env.pop(name, None)  # console e-mail, the default pool
    ok = False
    with tempfile.NamedTemporaryFile("w", prefix="kpss-bench-gunicorn-", suffix=".log", delete=False) as log:
        admin_sql(args.postgres, f"DROP DATABASE IF EXISTS {DB_NAME} WITH (FORCE)", f"CREATE DATABASE {DB_NAME}")
        try:
            ok = run(args, env, url, log)
        except KeyboardInterrupt:
            print("interrupted", file=sys.stderr)
        finally:
            if not args.keep_db:
                admin_sql(args.postgres, f"DROP DATABASE IF EXISTS {DB_NAME} WITH (FORCE)")
    if ok:
        os.unlink(log.name)
    else:
        print(f"gunicorn log kept at {log.name}", file=sys.stderr)
    sys.exit(0 if ok else 1)


if __name__ == "__main__":
    main()
