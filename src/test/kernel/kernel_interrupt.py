"""Interrupts a training cell through the kernel's own mechanism and restarts the kernel, as a notebook user would.

    kernel_interrupt.py [--kernel java-unsupervised]

Starts a DL4J training run of 100000 epochs, waits until its live progress display has been updated in place, sends
interrupt_request (the kernelspec's interrupt_mode is "message") and requires, within 5 s, the cell's "interrupted"
error and reply and an idle kernel. The next cell must run and find that training has stopped (the network's iteration
count no longer moves). Then the kernel is restarted (shutdown_request with restart) and must answer a cell again.
Prints each measured time; ends with 'N passed, N failed'.
"""
import argparse
import queue
import sys
import tempfile
import time

from jupyter_client.manager import KernelManager

INTERRUPT_LIMIT = 5.0
READY_LIMIT = 15.0

SETUP = """import unsupervised.data.Blobs;
import unsupervised.models.Autoencoders;
import unsupervised.training.Training;
import org.nd4j.linalg.activations.Activation;
var x = Blobs.make(1000, 2, 2, 42).features();
var net = Autoencoders.dense(2, new int[]{32, 16, 32}, Activation.RELU, Activation.IDENTITY, 42);"""
TRAIN = "Training.fit(net, x, x, 100000, 32, 42);"
STOPPED = "long before = net.getIterationCount(); Thread.sleep(1500); net.getIterationCount() - before"


class Session:
    def __init__(self, kernel, log):
        self.manager = KernelManager(kernel_name=kernel)
        self.manager.start_kernel(stdout=log, stderr=log)
        self.client = self.manager.client()
        self.client.start_channels()
        self.client.wait_for_ready(timeout=READY_LIMIT)

    def run(self, code, timeout=60):
        """Returns (reply status, iopub messages of this request)."""
        messages = []
        reply = self.client.execute_interactive(code, timeout=timeout, output_hook=messages.append)
        return reply["content"]["status"], messages

    def close(self):
        self.client.stop_channels()
        self.manager.shutdown_kernel(now=True)


def text_of(messages):
    def text(content):
        data = content.get("data", {})
        return content.get("text") or data.get("text/plain") or data.get("text/html") or content.get("evalue") or ""
    return " ".join(str(text(m["content"])) for m in messages if m["msg_type"] != "status")


def interrupt_training(session, check):
    msg_id = session.client.execute(TRAIN)
    displays, updates, started = set(), 0, time.monotonic()
    while updates < 2 and time.monotonic() - started < 60:  # until the live display has been replaced twice
        try:
            msg = session.client.get_iopub_msg(timeout=1)
        except queue.Empty:
            continue
        if msg["parent_header"].get("msg_id") != msg_id:
            continue
        kind = msg["msg_type"]
        if kind == "display_data":
            displays.add(msg["content"]["transient"]["display_id"])
        elif kind == "update_display_data" and msg["content"]["transient"]["display_id"] in displays:
            updates += 1
    check(len(displays) == 1 and updates == 2, f"one progress display, updated in place ({len(displays)} displays, "
                                                f"{updates} updates seen before interrupting)")
    interrupted = time.monotonic()
    session.manager.interrupt_kernel()
    error, reply, idle = None, None, None
    while time.monotonic() - interrupted < INTERRUPT_LIMIT + 5 and not (reply and idle):
        try:
            msg = session.client.get_iopub_msg(timeout=0.2)
            if msg["parent_header"].get("msg_id") == msg_id:
                if msg["msg_type"] == "error":
                    error = msg["content"]
                elif msg["msg_type"] == "status" and msg["content"]["execution_state"] == "idle":
                    idle = time.monotonic() - interrupted
        except queue.Empty:
            pass
        try:
            msg = session.client.get_shell_msg(timeout=0.01)
            if msg["parent_header"].get("msg_id") == msg_id:
                reply = msg["content"]["status"]
        except queue.Empty:
            pass
    check(idle is not None and idle <= INTERRUPT_LIMIT,
          f"interrupted training cell: kernel idle {idle if idle is None else round(idle, 2)} s after interrupt_request "
          f"(limit {INTERRUPT_LIMIT} s)")
    check(reply == "error" and error is not None and "interrupted" in error.get("evalue", "").lower(),
          f"the cell ends with a clear message: {error and error.get('ename')}: {error and error.get('evalue')}")
    status, messages = session.run(STOPPED)
    moved = text_of(messages).strip()
    check(status == "ok" and moved == "0", f"next cell runs, and training has stopped (iterations in 1.5 s: {moved!r})")


def restart(session, check):
    started = time.monotonic()
    session.manager.restart_kernel(now=False)
    session.client.wait_for_ready(timeout=READY_LIMIT)
    seconds = time.monotonic() - started
    status, messages = session.run("1 + 1")
    check(status == "ok" and text_of(messages).strip() == "2",
          f"restart: kernel ready {seconds:.2f} s after the restart request, and runs a cell")
    status, messages = session.run("x")
    check(status == "error", "restart: the new kernel starts empty (the old variable is gone)")


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--kernel", default="java-unsupervised")
    args = parser.parse_args()
    results = []

    def check(ok, what):
        results.append(ok)
        print(f"{'ok    ' if ok else 'FAILED'} {what}", flush=True)

    log = tempfile.NamedTemporaryFile("w", prefix="kernel-interrupt-", suffix=".log", delete=False)
    print(f"kernel output: {log.name}")
    session = Session(args.kernel, log)
    try:
        status, messages = session.run(SETUP)
        check(status == "ok", "set-up cell " + ("ran" if status == "ok" else "failed: " + text_of(messages)))
        interrupt_training(session, check)
        restart(session, check)
    finally:
        session.close()
    print(f"kernel-interrupt: {sum(results)} passed, {len(results) - sum(results)} failed")
    sys.exit(0 if all(results) else 1)


if __name__ == "__main__":
    main()
