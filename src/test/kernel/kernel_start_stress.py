"""Starts the project kernel many times the way a Jupyter server does, and checks that every start answers in time.

    kernel_start_stress.py [--starts 100] [--kernel java-unsupervised] [--unpatched]

Each start launches the kernel process and at once sends exactly one kernel_info_request, with no retry (Jupyter's
server sends one and waits; nbclient and jupyter_client's wait_for_ready repeat theirs, which hid lost requests).
(Cells run in the interrupt, notebook and browser tests.) --unpatched drops our kernel patch from the kernel's class
path, to measure how the kernel as released behaves.

A start fails when no reply comes within the 60 s a Jupyter server waits (lost). The run fails when the median or the
95th percentile of the reply times is over its budget. Start-up is CPU work (a JVM and JShell), so both budgets grow
with the load: with L = max(1, the highest 1-minute load average seen during the run / cores),
    median <= 6 s * L                              (2 cores at load 8.7, L = 4.3: median 4.0 s, max 9.6 s)
    p95    <= max(3 * median, median + 4 s * L)    (both never over 60 s)
The second catches a tail of slow starts (a lost request a later retry would have hidden), not a busy machine.
Ends with the line 'kernel-start: N passed, N failed'.
"""
import argparse
import json
import math
import os
import queue
import statistics
import sys
import tempfile
import time

from jupyter_client.kernelspec import KernelSpecManager
from jupyter_client.manager import KernelManager

SERVER_WAIT = 60.0  # how long a Jupyter server waits for the reply: none by then is a lost start
IDLE_MEDIAN = 6.0  # the median's budget on an idle machine, seconds
TAIL_FACTOR, TAIL_SLACK = 3.0, 4.0  # p95 <= max(TAIL_FACTOR * median, median + TAIL_SLACK * L)


def start_once(spec_dir, log):
    """Seconds from launching the kernel to its kernel_info reply, or None when none came within SERVER_WAIT."""
    manager = KernelManager(kernel_name="stress", kernel_spec_manager=KernelSpecManager(kernel_dirs=[spec_dir]))
    started = time.monotonic()
    with open(log, "w") as kernel_output:
        manager.start_kernel(stdout=kernel_output, stderr=kernel_output)
    client = manager.client()
    client.start_channels()
    try:
        request = client.kernel_info()
        while True:
            left = SERVER_WAIT - (time.monotonic() - started)
            try:
                reply = client.get_shell_msg(timeout=max(left, 0.01))
            except queue.Empty:
                return None
            if reply["parent_header"].get("msg_id") == request:
                return time.monotonic() - started
    finally:
        client.stop_channels()
        manager.shutdown_kernel(now=True)


def percentile(values, fraction):
    """The nearest-rank percentile: the smallest value with at least this fraction of the values at or below it."""
    ordered = sorted(values)
    return ordered[max(math.ceil(fraction * len(ordered)), 1) - 1]


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--starts", type=int, default=100)
    parser.add_argument("--kernel", default="java-unsupervised")
    parser.add_argument("--unpatched", action="store_true")
    args = parser.parse_args()

    spec = KernelSpecManager().get_kernel_spec(args.kernel)
    argv = list(spec.argv)
    if args.unpatched:
        cp = argv.index("-cp") + 1
        argv[cp] = os.pathsep.join(p for p in argv[cp].split(os.pathsep) if "kernel-patch" not in p)
    cores = os.cpu_count() or 1
    with tempfile.TemporaryDirectory(prefix="kernel-start-") as spec_root:
        os.makedirs(os.path.join(spec_root, "stress"))
        with open(os.path.join(spec_root, "stress", "kernel.json"), "w") as out:
            json.dump({"argv": argv, "display_name": "stress", "language": "java", "env": spec.env}, out)
        log = os.path.join(spec_root, "kernel.log")
        times, lost, loads = [], 0, []
        for i in range(1, args.starts + 1):
            loads.append(os.getloadavg()[0])
            seconds = start_once(spec_root, log)
            if seconds is None:
                lost += 1
                with open(log) as kernel_output:
                    found = [l.strip() for l in kernel_output if "SEVERE" in l or "Exception" in l]
                print(f"start {i:3d}: LOST   no kernel_info reply within {SERVER_WAIT:.0f} s (load {loads[-1]:.1f})"
                      f"\n    kernel log: {' | '.join(found)}", flush=True)
            else:
                times.append(seconds)
                print(f"start {i:3d}: ok     {seconds:5.2f} s (load {loads[-1]:.1f})", flush=True)
    loads.append(os.getloadavg()[0])

    load = max(1.0, max(loads) / cores)
    print(f"load average: {min(loads):.1f} to {max(loads):.1f} on {cores} cores, L = {load:.2f}")
    problems = [f"{lost} of {args.starts} starts lost (no reply within {SERVER_WAIT:.0f} s)"] if lost else []
    if times:
        median, p95 = statistics.median(times), percentile(times, 0.95)
        median_limit = min(SERVER_WAIT, IDLE_MEDIAN * load)
        p95_limit = min(SERVER_WAIT, max(TAIL_FACTOR * median, median + TAIL_SLACK * load))
        print(f"kernel_info answered ({'unpatched' if args.unpatched else 'patched'}; one request per start): "
              f"median {median:.2f} s (budget {median_limit:.1f} s = {IDLE_MEDIAN:.0f} s x L), "
              f"p95 {p95:.2f} s (budget {p95_limit:.1f} s = max({TAIL_FACTOR:.0f} x median, median + "
              f"{TAIL_SLACK:.0f} s x L)), max {max(times):.2f} s")
        if median > median_limit:
            problems.append(f"median {median:.2f} s over its budget of {median_limit:.1f} s")
        if p95 > p95_limit:
            problems.append(f"p95 {p95:.2f} s over its budget of {p95_limit:.1f} s")
    for problem in problems:
        print("FAILED: " + problem)
    print(f"kernel-start: {args.starts - lost} passed, {lost} failed" + ("" if not problems else "; over budget"))
    sys.exit(1 if problems else 0)


if __name__ == "__main__":
    main()
