"""Render time and peak memory of a ~100-page plan PDF against plain WeasyPrint; download against rendering.

    .venv/bin/python bench/pdf.py [--runs 5] [--scale 3] [--requests 200] [--keep]

Works in a throw-away directory (SQLite database and MEDIA_ROOT in a temporary directory; the
project's db.sqlite3 and media/ are never touched): `migrate`, `seed_demo --scale S --no-pdf` (3
gives the demo plan sp-2025-2027 120 measures, about 100 pages; the page count is printed). Before
each pipeline run the PDF of the plan's newest version is queued by `request_rendering`, as the
portal does (no worker runs it: the run does). All processes run
with DEBUG=0 as in production, and plain static names since there is no collectstatic here.

Rendering, each run in its own fresh process, so that the peak memory (VmHWM, the process's
highest resident set size) is that run's alone; the two kinds alternate (A B, B A, ...) after one
unmeasured warm-up of each, and both import WeasyPrint and Django before the clock starts:
- pipeline: `kpss.pdf.render_document(document, job)`, what the background task runs: the
  template and Czech typography (html_for), the JSON attachment, WeasyPrint, SHA-256, storing the
  file, updating the row, and the progress written to the database on the way;
- plain: WeasyPrint alone on the very HTML the pipeline rendered (each pipeline run writes it to
  a file once its clock has stopped; the warm-up is a pipeline run), with the same base URL, URL
  fetcher and PDF variant (settings.PDF_VARIANT):
  `HTML(string=html, ...).render(pdf_variant=V).write_pdf(pdf_variant=V)`, which is what
  `HTML.write_pdf(pdf_variant=V)` does, keeping the document to count its pages.
Goal: pipeline / plain at most 1.15x, in time and in peak memory.

Download, of the file the last run stored, at /plany/<slug>/pdf/: `--requests` GETs reading the
whole body, and as many conditional GETs (If-None-Match with the ETag, answered 304), against
gunicorn (one sync worker, a new connection per request, client on the same machine) and through
Django's test Client. Goal: the median download at least 100x faster than the median rendering.

Prints Markdown tables: the runs, the summary with the ratios, the downloads, the machine; exits
non-zero when a goal is missed. The temporary directory is removed unless --keep (or a failure).
"""

import argparse
import contextlib
import hashlib
import http.client
import json
import os
import platform
import re
import secrets
import shutil
import signal
import socket
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
PYTHON = ROOT / ".venv" / "bin" / "python"
GUNICORN = ROOT / ".venv" / "bin" / "gunicorn"
HOST = "127.0.0.1"
PLAN_SLUG = "sp-2025-2027"
LAYOUT = "plan_version"
RENDER_GOAL = 1.15
DOWNLOAD_GOAL = 100


# Django, in this process and in the children


def plain_static_names():
    """Static names without the collectstatic manifest (as bench/pages.py): DEBUG=0 wants it otherwise."""
    import warnings

    from django.conf import settings

    warnings.filterwarnings("ignore", "No directory at", UserWarning)  # whitenoise: no collectstatic here
    settings.STORAGES = {**settings.STORAGES,
                         "staticfiles": {"BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"}}


def setup_django(workdir):
    sys.path.insert(0, str(ROOT))
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "kpss.settings")
    import django

    django.setup()
    plain_static_names()
    from django.conf import settings
    from django.db import connection

    # Never the project's own database or files.
    assert Path(connection.settings_dict["NAME"]).resolve().is_relative_to(workdir), connection.settings_dict["NAME"]
    assert Path(settings.MEDIA_ROOT).resolve().is_relative_to(workdir), settings.MEDIA_ROOT


def wsgi_app():
    """gunicorn's entry point (`bench.pdf:wsgi_app()`): kpss.wsgi with plain static names."""
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "kpss.settings")
    plain_static_names()
    from kpss.wsgi import application

    return application


def bench_env(workdir):
    env = {**os.environ, "DATABASE_URL": f"sqlite:///{workdir / 'db.sqlite3'}", "MEDIA_ROOT": str(workdir / "media"),
           "DEBUG": "0", "SECRET_KEY": secrets.token_urlsafe(50), "ALLOWED_HOSTS": HOST,
           "SECURE_SSL_REDIRECT": "0", "DJANGO_SETTINGS_MODULE": "kpss.settings",
           "TASKS_BACKEND": "django_tasks_db.DatabaseBackend"}  # queue only: the bench runs the task itself
    for name in ("BEHIND_TLS_PROXY", "TRUSTED_PROXY_COUNT"):
        env.pop(name, None)
    return env


def manage(env, *args):
    result = subprocess.run([PYTHON, "manage.py", *args], cwd=ROOT, env=env, capture_output=True, text=True)
    if result.returncode:
        sys.exit(f"manage.py {' '.join(args)} failed:\n{result.stdout}{result.stderr}")
    return result.stdout


# One measured run, in a child process


def peak_rss_kib():
    """VmHWM: this process's own peak resident set size (unlike ru_maxrss, not carried over exec)."""
    try:
        return int(re.search(r"^VmHWM:\s+(\d+) kB", Path("/proc/self/status").read_text(), re.MULTILINE).group(1))
    except OSError:
        import resource

        return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss


def child(args):
    workdir = Path(args.workdir)
    setup_django(workdir)
    import weasyprint  # noqa: F401  imported before the clock starts, in both kinds
    from django.conf import settings

    import kpss.pdf
    from kpss.models import PdfDocument

    result = {"kind": args.child, "rss_before_kib": peak_rss_kib()}
    if args.child == "pipeline":
        # Time the two big parts on the way (render_source looks both up in the module).
        timers, produced = {}, []

        def timed(name, function):
            def wrapper(*a, **kw):
                start = time.perf_counter()
                value = function(*a, **kw)
                timers[name] = timers.get(name, 0) + time.perf_counter() - start
                if name == "html":
                    produced.append(value)
                return value
            return wrapper

        kpss.pdf.html_for = timed("html", kpss.pdf.html_for)
        kpss.pdf.render_html = timed("weasyprint", kpss.pdf.render_html)
        wall, cpu = time.perf_counter(), time.process_time()
        status = kpss.pdf.render_document(args.document, args.job)
        wall, cpu = time.perf_counter() - wall, time.process_time() - cpu
        document = PdfDocument.objects.get(pk=args.document)
        assert status == PdfDocument.Status.READY, (status, document.error)
        result.update(pages=document.pages, size=document.size, html_s=timers["html"],
                      weasyprint_s=timers["weasyprint"], html_bytes=len(produced[0].encode()),
                      html_sha256=hashlib.sha256(produced[0].encode()).hexdigest())
        (workdir / "plan.html").write_text(produced[0])  # for the plain runs that follow
    else:
        from weasyprint import HTML

        wall, cpu = time.perf_counter(), time.process_time()
        html = (workdir / "plan.html").read_text()
        rendered = HTML(string=html, base_url=kpss.pdf.BASE_URL, url_fetcher=kpss.pdf.StaticFilesOnly()).render(
            pdf_variant=settings.PDF_VARIANT)
        content = rendered.write_pdf(pdf_variant=settings.PDF_VARIANT)
        wall, cpu = time.perf_counter() - wall, time.process_time() - cpu
        result.update(pages=len(rendered.pages), size=len(content))
    result.update(wall_s=wall, cpu_s=cpu, peak_rss_kib=peak_rss_kib())
    print(json.dumps(result))


def run_child(env, workdir, kind, document, log):
    command = [PYTHON, __file__, "--child", kind, "--workdir", str(workdir)]
    if document is not None:
        command += ["--document", str(document.pk), "--job", str(document.job)]
    result = subprocess.run(command, cwd=ROOT, env=env, stdout=subprocess.PIPE, stderr=log, text=True)
    if result.returncode:
        sys.exit(f"the {kind} run failed (exit {result.returncode}), see {log.name}")
    return json.loads(result.stdout.strip().splitlines()[-1])


def queue(version):
    """Queue the version's PDF as the portal does; render_document only starts a queued job."""
    from django.db import connection

    from kpss.tasks import request_rendering

    document = request_rendering(version, LAYOUT)
    connection.close()  # nothing of this process stays open on the SQLite file during a run
    return document


# Downloads


def free_port():
    with socket.socket() as sock:
        sock.bind((HOST, 0))
        return sock.getsockname()[1]


def http_get(port, path, headers=None):
    """(status, headers, body, ms); a new connection per request, the whole body read."""
    start = time.perf_counter()
    conn = http.client.HTTPConnection(HOST, port, timeout=60)
    try:
        conn.request("GET", path, headers=headers or {})
        response = conn.getresponse()
        body = response.read()
    finally:
        conn.close()
    return response.status, response.headers, body, (time.perf_counter() - start) * 1000


def start_gunicorn(env, log):
    port = free_port()
    server = subprocess.Popen([GUNICORN, "bench.pdf:wsgi_app()", "--bind", f"{HOST}:{port}", "--workers", "1"],
                              cwd=ROOT, env=env, stdout=log, stderr=subprocess.STDOUT)
    deadline = time.monotonic() + 30
    while time.monotonic() < deadline:
        if server.poll() is not None:
            sys.exit(f"gunicorn exited with {server.returncode}, see {log.name}")
        try:
            if http_get(port, "/healthz")[0] == 200:
                return server, port
        except OSError:
            pass
        time.sleep(0.2)
    stop(server)
    sys.exit(f"gunicorn did not answer /healthz within 30 s, see {log.name}")


def stop(server):
    if server.poll() is None:
        server.send_signal(signal.SIGTERM)
        try:
            server.wait(timeout=35)
        except subprocess.TimeoutExpired:
            server.kill()
            server.wait()


def series(get, requests, expected_status, check=None):
    """Times of `requests` calls of get() -> (status, headers, body, ms), after 5 unmeasured ones."""
    timings = []
    for number in range(5 + requests):
        status, headers, body, ms = get()
        assert status == expected_status, (status, body[:300])
        if check and number == 0:
            check(headers, body)
        if number >= 5:
            timings.append(ms)
    return sorted(timings)


def download_gunicorn(env, url, etag, requests, check, log):
    server, port = start_gunicorn(env, log)
    try:
        full = series(lambda: http_get(port, url), requests, 200, check)
        not_modified = series(lambda: http_get(port, url, {"If-None-Match": etag}), requests, 304)
    finally:
        stop(server)
    return full, not_modified


def download_client(url, etag, requests, check):
    from django.test import Client
    from django.test.utils import setup_test_environment

    setup_test_environment(debug=False)
    client = Client()

    def get(**headers):
        start = time.perf_counter()
        response = client.get(url, headers=headers)
        body = b"".join(response.streaming_content) if response.streaming else response.content
        response.close()
        return response.status_code, response.headers, body, (time.perf_counter() - start) * 1000

    return series(get, requests, 200, check), series(lambda: get(if_none_match=etag), requests, 304)


# Figures


def percentile(values, fraction):
    values = sorted(values)
    return values[int(fraction * (len(values) - 1))]


def mib(kib):
    return kib / 1024


def machine():
    model = ""
    with contextlib.suppress(OSError, AttributeError):
        model = re.search(r"^model name\s*:\s*(.+)$", Path("/proc/cpuinfo").read_text(), re.MULTILINE).group(1)
    from importlib.metadata import version

    return {
        "CPU": f"{os.cpu_count()} × {model or platform.processor() or '?'}",
        "load average before the bench": " ".join(f"{value:.2f}" for value in os.getloadavg()),
        "system": platform.platform(),
        "Python": platform.python_version(),
        "WeasyPrint / pydyf": f"{version('weasyprint')} / {version('pydyf')}",
        "Django": version("django"),
        "database": "SQLite (temporary file)",
    }


def report(args, facts, runs, downloads, elapsed):
    from django.conf import settings

    pipeline = [run for run in runs if run["kind"] == "pipeline"]
    plain = [run for run in runs if run["kind"] == "plain"]
    pages = {run["pages"] for run in runs}

    print(f"## PDF of `{PLAN_SLUG}` at `seed_demo --scale {args.scale}`: {', '.join(map(str, sorted(pages)))} pages, "
          f"PDF {pipeline[-1]['size'] / 1e6:.2f} MB (plain: {plain[-1]['size'] / 1e6:.2f} MB, no attachment), "
          f"HTML {pipeline[-1]['html_bytes'] / 1e6:.2f} MB, variant {settings.PDF_VARIANT}")
    print()
    print("### Runs (after one warm-up of each; alternating, each in a fresh process)")
    print()
    print("| # | kind | wall s | CPU s | of which html_for s | of which WeasyPrint s | peak RSS MiB | RSS before MiB |")
    print("| ---: | --- | ---: | ---: | ---: | ---: | ---: | ---: |")
    for number, run in enumerate(runs, 1):
        html = f"{run['html_s']:.2f}" if "html_s" in run else ""
        weasy = f"{run['weasyprint_s']:.2f}" if "weasyprint_s" in run else ""
        print(f"| {number} | {run['kind']} | {run['wall_s']:.2f} | {run['cpu_s']:.2f} | {html} | {weasy} | "
              f"{mib(run['peak_rss_kib']):.0f} | {mib(run['rss_before_kib']):.0f} |")
    print()

    def row(label, key, function, scale=1.0, fmt="{:.2f}", goal=""):
        a = function([run[key] for run in pipeline]) * scale
        b = function([run[key] for run in plain]) * scale
        ratio = a / b
        verdict = "" if not goal else (" ✅" if ratio <= RENDER_GOAL else " ❌")
        print(f"| {label} | {fmt.format(a)} | {fmt.format(b)} | {ratio:.3f}×{verdict} | {goal} |")
        return ratio

    print(f"### Rendering: pipeline (render_document) against plain WeasyPrint, {args.runs} runs each")
    print()
    print("| figure | pipeline | plain WeasyPrint | pipeline / plain | goal |")
    print("| --- | ---: | ---: | ---: | --- |")
    time_ratio = row("wall time, median (s)", "wall_s", statistics.median, goal=f"≤ {RENDER_GOAL}×")
    row("wall time, min (s)", "wall_s", min)
    row("CPU time, median (s)", "cpu_s", statistics.median)
    memory_ratio = row("peak RSS, median (MiB)", "peak_rss_kib", statistics.median, 1 / 1024, "{:.0f}",
                       goal=f"≤ {RENDER_GOAL}×")
    row("peak RSS, max (MiB)", "peak_rss_kib", max, 1 / 1024, "{:.0f}")
    row("RSS before rendering, median (MiB)", "rss_before_kib", statistics.median, 1 / 1024, "{:.0f}")
    html_s = statistics.median(run["html_s"] for run in pipeline)
    weasy_s = statistics.median(run["weasyprint_s"] for run in pipeline)
    rest_s = statistics.median(run["wall_s"] - run["html_s"] - run["weasyprint_s"] for run in pipeline)
    print(f"| pipeline's parts, median (s): html_for / render_html (WeasyPrint + attachment) / the rest | "
          f"{html_s:.2f} / {weasy_s:.2f} / {rest_s:.2f} | | | |")
    print()

    render_ms = statistics.median(run["wall_s"] for run in pipeline) * 1000
    print(f"### Download of the stored file, `/plany/{PLAN_SLUG}/pdf/`, {args.requests} requests each after 5 warm-up")
    print()
    print("| request | median ms | p95 ms | max ms | rendering median / download median | goal |")
    print("| --- | ---: | ---: | ---: | ---: | --- |")
    download_ratio = None
    for label, timings in downloads:
        median = statistics.median(timings)
        ratio = render_ms / median
        is_full = "200" in label
        if download_ratio is None and is_full:
            download_ratio = ratio  # the first full download (gunicorn) is the one quoted
        goal = f"≥ {DOWNLOAD_GOAL}×" if is_full else ""
        verdict = (" ✅" if ratio >= DOWNLOAD_GOAL else " ❌") if is_full else ""
        print(f"| {label} | {median:.2f} | {percentile(timings, 0.95):.2f} | {timings[-1]:.2f} | "
              f"{ratio:,.0f}×{verdict} | {goal} |")
    print()
    print("### Machine")
    print()
    print("| | |")
    print("| --- | --- |")
    for name, value in facts.items():
        print(f"| {name} | {value} |")
    print(f"| the whole bench took | {elapsed:.0f} s |")
    print()
    print(f"Rendering: pipeline / plain = {time_ratio:.3f}× in time, {memory_ratio:.3f}× in peak memory "
          f"(goal ≤ {RENDER_GOAL}×). Download (gunicorn, 200): {download_ratio:,.0f}× faster than rendering "
          f"(goal ≥ {DOWNLOAD_GOAL}×).")
    return time_ratio <= RENDER_GOAL and memory_ratio <= RENDER_GOAL and download_ratio >= DOWNLOAD_GOAL


# The whole bench


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=5, help="measured runs of each kind")
    parser.add_argument("--scale", type=int, default=3, help="seed_demo --scale (3: about 100 pages)")
    parser.add_argument("--requests", type=int, default=200, help="downloads of each kind")
    parser.add_argument("--keep", action="store_true", help="keep the temporary directory (printed)")
    parser.add_argument("--child", choices=["pipeline", "plain"], help=argparse.SUPPRESS)
    parser.add_argument("--workdir", help=argparse.SUPPRESS)
    parser.add_argument("--document", type=int, help=argparse.SUPPRESS)
    parser.add_argument("--job", type=int, help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.child:
        return child(args)

    started = time.monotonic()
    facts = machine()
    workdir = Path(tempfile.mkdtemp(prefix="kpss-bench-pdf-")).resolve()
    ok = completed = False
    try:
        env = bench_env(workdir)
        os.environ.update({name: env[name] for name in ("DATABASE_URL", "MEDIA_ROOT", "DEBUG", "SECRET_KEY",
                                                         "ALLOWED_HOSTS", "SECURE_SSL_REDIRECT",
                                                         "DJANGO_SETTINGS_MODULE", "TASKS_BACKEND")})
        for name in ("BEHIND_TLS_PROXY", "TRUSTED_PROXY_COUNT"):
            os.environ.pop(name, None)
        print(f"preparing in {workdir}: migrate, seed_demo --scale {args.scale}", file=sys.stderr)
        manage(env, "migrate", "--noinput", "--verbosity", "0")
        seed = ["seed_demo", "--force", "--scale", str(args.scale)]
        if "--no-pdf" in manage(env, "seed_demo", "--help"):
            seed.append("--no-pdf")
        manage(env, *seed)

        setup_django(workdir)
        from django.db import connection

        from planning.models import Plan

        plan = Plan.objects.get(slug=PLAN_SLUG)
        version = plan.versions.order_by("number").last()
        connection.close()

        runs = []
        with open(workdir / "children.log", "w") as log:
            print("warm-up: one run of each", file=sys.stderr)
            for kind in ("pipeline", "plain"):
                run_child(env, workdir, kind, queue(version), log)
            for number in range(args.runs):
                for kind in ("pipeline", "plain") if number % 2 == 0 else ("plain", "pipeline"):
                    run = run_child(env, workdir, kind, queue(version) if kind == "pipeline" else None, log)
                    print(f"run {number + 1}/{args.runs} {kind}: {run['wall_s']:.2f} s, "
                          f"{mib(run['peak_rss_kib']):.0f} MiB", file=sys.stderr)
                    runs.append(run)
        # The plain runs render the HTML of the pipeline run before them; it should not vary.
        if len({run["html_sha256"] for run in runs if run["kind"] == "pipeline"}) > 1:
            print("WARNING: the pipeline's HTML differed between runs (templates or translations changed "
                  "during the bench?)", file=sys.stderr)

        from kpss.models import PdfDocument

        document = PdfDocument.objects.for_source(version, LAYOUT)
        stored = document.file.path
        with open(stored, "rb") as file:
            stored_sha256 = hashlib.sha256(file.read()).hexdigest()
        assert stored_sha256 == document.sha256
        etag = f'"{document.sha256}"'

        def check(headers, body):
            assert headers["ETag"] == etag, (headers["ETag"], etag)  # the plan's PDF is this version's
            assert hashlib.sha256(body).hexdigest() == document.sha256

        url = plan.get_absolute_url() + "pdf/"
        print(f"downloads of {url}", file=sys.stderr)
        connection.close()
        with open(workdir / "gunicorn.log", "w") as log:
            full, not_modified = download_gunicorn(env, url, etag, args.requests, check, log)
        client_full, client_not_modified = download_client(url, etag, args.requests, check)
        size = f"{document.size / 1e6:.2f} MB"
        downloads = [
            (f"gunicorn, GET → 200, whole body ({size})", full),
            ("gunicorn, GET If-None-Match → 304", not_modified),
            (f"test Client, GET → 200, whole body ({size})", client_full),
            ("test Client, GET If-None-Match → 304", client_not_modified),
        ]
        ok = report(args, facts, runs, downloads, time.monotonic() - started)
        completed = True
    finally:
        if args.keep or not completed:
            print(f"kept {workdir}", file=sys.stderr)
        else:
            shutil.rmtree(workdir, ignore_errors=True)
    sys.exit(0 if ok else 1)


if __name__ == "__main__":
    main()
