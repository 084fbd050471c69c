"""Starts the project kernel many times and checks that every start answers kernel_info and runs a cell.

    kernel_start_stress.py [--starts 50] [--kernel java-unsupervised] [--unpatched]

Each start sends kernel_info_request at once, as JupyterLab and nbclient do, which is what used to hit the
kernel's start-up race. --unpatched drops our LoopThread fix from the kernel's class path, to measure how often
the unfixed kernel hangs. Ends with the line 'N passed, N failed'.
"""
import argparse
import json
import os
import sys
import tempfile
import time

from jupyter_client.kernelspec import KernelSpecManager
from jupyter_client.manager import KernelManager

REPLY_TIMEOUT = 30


def start_once(spec_dir, log):
    """Returns (answered, seconds to ready, why not)."""
    manager = KernelManager(kernel_name="stress", kernel_spec_manager=KernelSpecManager(kernel_dirs=[spec_dir]))
    started = time.monotonic()
    with open(log, "w") as kernel_output:
        manager.start_kernel(stdout=kernel_output, stderr=kernel_output)
    client = manager.client()
    client.start_channels()
    try:
        client.wait_for_ready(timeout=REPLY_TIMEOUT)
        ready = time.monotonic() - started
        reply = client.execute_interactive("1 + 1", timeout=REPLY_TIMEOUT, output_hook=lambda msg: None)
        if reply["content"]["status"] != "ok":
            return False, ready, f"cell status {reply['content']['status']}"
        return True, ready, ""
    except (RuntimeError, TimeoutError) as error:
        return False, time.monotonic() - started, str(error)
    finally:
        client.stop_channels()
        manager.shutdown_kernel(now=True)


def race_survived(log):
    with open(log) as kernel_output:
        return "survived" in kernel_output.read()


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--starts", type=int, default=50)
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

    passed, failed, races, times = 0, 0, 0, []
    log = os.path.join(spec_root, "kernel.log")
    for i in range(1, args.starts + 1):
        ok, seconds, why = start_once(spec_root, log)
        raced = race_survived(log)
        times.append(seconds)
        passed, failed, races = passed + ok, failed + (not ok), races + raced
        print(f"start {i:3d}: {'ok  ' if ok else 'HUNG'} {seconds:5.2f} s"
              f"{' (hit the start-up race, survived)' if raced else ''} {why}", flush=True)
    times.sort()
    print(f"kernel ready in median {times[len(times) // 2]:.2f} s, max {times[-1]:.2f} s "
          f"({'unpatched' if args.unpatched else 'with start-up fix'}); race hit and survived in {races} starts")
    print(f"kernel-start: {passed} passed, {failed} failed")
    sys.exit(1 if failed else 0)


if __name__ == "__main__":
    main()
