"""Starts the project kernel many times the way a Jupyter server does, and checks that every start answers.

    kernel_start_stress.py [--starts 100] [--kernel java-unsupervised] [--unpatched]

Each start launches the kernel process and at once sends exactly one kernel_info_request, with no retry (Jupyter's
server sends one and waits; nbclient and jupyter_client's wait_for_ready repeat theirs, which hid lost requests), then
requires the reply within 10 s; a later reply (up to the server's 60 s) is reported as late, none as lost. (Cells run in the interrupt, notebook and browser tests.) --unpatched drops our kernel patch from the kernel's class path, to
measure how the kernel as released behaves. Ends with the line 'N passed, N failed'.
"""
import argparse
import json
import os
import queue
import sys
import tempfile
import time

from jupyter_client.kernelspec import KernelSpecManager
from jupyter_client.manager import KernelManager

REPLY_LIMIT = 10.0
SERVER_WAIT = 60.0  # how long a Jupyter server waits: a reply after REPLY_LIMIT is late, none by then is lost


def start_once(spec_dir, log):
    """Returns (answered in time, seconds to the kernel_info reply or None, why not)."""
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
                return False, None, f"lost: no kernel_info reply within {SERVER_WAIT:.0f} s"
            if reply["parent_header"].get("msg_id") == request:
                break
        answered = time.monotonic() - started
        return answered <= REPLY_LIMIT, answered, "" if answered <= REPLY_LIMIT else "late (slow start, not lost)"
    finally:
        client.stop_channels()
        manager.shutdown_kernel(now=True)


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
    spec_root = tempfile.mkdtemp()
    os.makedirs(os.path.join(spec_root, "stress"))
    with open(os.path.join(spec_root, "stress", "kernel.json"), "w") as out:
        json.dump({"argv": argv, "display_name": "stress", "language": "java", "env": spec.env}, out)

    print(f"load average at start: {os.getloadavg()[0]:.1f} on {os.cpu_count()} cores", flush=True)
    passed, failed, times = 0, 0, []
    log = os.path.join(spec_root, "kernel.log")
    for i in range(1, args.starts + 1):
        ok, seconds, why = start_once(spec_root, log)
        if seconds is not None:
            times.append(seconds)
        passed, failed = passed + ok, failed + (not ok)
        shown = f"{seconds:5.2f} s" if seconds is not None else "  -    "
        print(f"start {i:3d}: {'ok    ' if ok else 'MISSED'} {shown} {why}", flush=True)
        if not ok:
            with open(log) as kernel_output:
                print("    kernel log: " + " | ".join(l.strip() for l in kernel_output if "SEVERE" in l or "Exception" in l))
    print(f"load average at end: {os.getloadavg()[0]:.1f} on {os.cpu_count()} cores")
    times.sort()
    if times:
        print(f"kernel_info answered in median {times[len(times) // 2]:.2f} s, max {times[-1]:.2f} s "
              f"({'unpatched' if args.unpatched else 'patched'}; one request per start, limit {REPLY_LIMIT:.0f} s)")
    print(f"kernel-start: {passed} passed, {failed} failed")
    sys.exit(1 if failed else 0)


if __name__ == "__main__":
    main()
