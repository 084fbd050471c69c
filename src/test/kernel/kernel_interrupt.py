"""Interrupts training cells through the kernel's own mechanism and restarts the kernel, as a notebook user would.

    kernel_interrupt.py [--kernel java-unsupervised]

Runs, in one kernel, four endless runs of the course's training loop in turn: a network (Training.fit), a GAN
(GanTraining.fit), Deep Embedded Clustering and k-means. For each it waits until the cell's live progress display has
been updated in place, sends interrupt_request (the kernelspec's interrupt_mode is "message") and requires, within
1 s, the cell's "interrupted" error and reply and an idle kernel; that the next cell runs and finds the run stopped
(the network's iteration count no longer moves); then that the kernel burns no CPU (its process's CPU time per
second over 1.5 s, 3 s after that cell, the JVM's compiler and GC threads left out, against its rate while the run
went on: a shared machine's load changes both alike). Then the kernel is restarted (shutdown_request with restart) and must answer a
cell again.
Prints each measured time; ends with 'N passed, N failed'.
"""
import argparse
import os
import queue
import sys
import tempfile
import time

from jupyter_client.manager import KernelManager

INTERRUPT_LIMIT = 1.0
IDLE_SHARE = 0.25  # the kernel's CPU use after an interrupt, at most this share of its use while the run went on,
SETTLE = 3.0  # seconds between the next cell's end and the CPU measurement
IDLE_FLOOR = 0.25  # or this many CPU s/s (the kernel's own threads use ~0.1 after a first run; a run going on, ~1)
READY_LIMIT = 15.0

SETUP = """import unsupervised.data.Blobs;
import unsupervised.models.Autoencoders;
import unsupervised.training.Training;
import unsupervised.training.GanTraining;
import unsupervised.models.Gan;
import unsupervised.clustering.KMeans;
import unsupervised.clustering.DeepEmbeddedClustering;
import unsupervised.data.SeededRandom;
import org.nd4j.linalg.activations.Activation;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.factory.Nd4j;
import java.util.List;
var x = Blobs.make(1000, 2, 2, 42).features();
var net = Autoencoders.dense(2, new int[]{32, 16, 32}, Activation.RELU, Activation.IDENTITY, 42);
var gan = Gan.dense(16, new int[]{64}, 64, new int[]{64}, 1);
var ganImages = Nd4j.rand(SeededRandom.of(1), 2000, 64).castTo(DataType.FLOAT);
var blobs = Blobs.make(2000, 3, 2, 7);
var bx = Nd4j.create(blobs.x()).castTo(DataType.FLOAT);
var decAe = Autoencoders.dense(2, new int[]{8, 2, 8}, Activation.TANH, Activation.IDENTITY, 1);
var decNet = DeepEmbeddedClustering.build(decAe, 1, KMeans.fit(Autoencoders.encode(decAe, bx, 1), 3, 1, 10, 1)
    .centroids(), 0.01, 0.9, 1);
var points = Nd4j.rand(SeededRandom.of(2), 20000, 50);"""
# (name, endless cell, the cell after it: how far the run moved in 1.5 s, or None)
RUNS = [
    ("Training.fit", "Training.fit(net, x, x, 100000, 32, 42);",
     "long before = net.getIterationCount(); Thread.sleep(1500); net.getIterationCount() - before"),
    ("GanTraining.fit", "GanTraining.fit(gan, ganImages, ganImages, 100000, 32, gan.noise(4, SeededRandom.of(3)), "
                        "List.of(), 3);",
     "long before = gan.discriminator().getIterationCount(); Thread.sleep(1500); "
     "gan.discriminator().getIterationCount() - before"),
    ("DeepEmbeddedClustering.train", "DeepEmbeddedClustering.train(decNet, bx, blobs.y(), "
                                     "new DeepEmbeddedClustering.Settings(32, 50, 0, 100000000), 1);",
     "long before = decNet.getIterationCount(); Thread.sleep(1500); decNet.getIterationCount() - before"),
    ("KMeans.fit", "KMeans.fit(points, 10, 100000, 300, 1);", None),
]


class Session:
    def __init__(self, kernel, log):
        self.manager = KernelManager(kernel_name=kernel)
        self.manager.start_kernel(stdout=log, stderr=log)
        self.client = self.manager.client()
        self.client.start_channels()
        try:
            self.client.wait_for_ready(timeout=READY_LIMIT)
        except BaseException:
            self.close()  # a kernel that never answered must not stay behind, training nothing, holding memory
            raise

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


JVM_THREADS = ("C1 CompilerThre", "C2 CompilerThre", "GC Thread", "G1 ", "VM ")


def cpu_seconds(pid):
    """User + system CPU time of a process's threads, but the JVM's own: its JIT compilers and garbage collectors
    work on for seconds after a first run in a fresh kernel (measured: ~0.4 CPU s/s), which is not the run going on."""
    total = 0
    for task in os.listdir(f"/proc/{pid}/task"):
        try:
            with open(f"/proc/{pid}/task/{task}/comm") as comm, open(f"/proc/{pid}/task/{task}/stat") as stat:
                name, fields = comm.read(), stat.read().rsplit(")", 1)[1].split()
        except OSError:  # the thread ended
            continue
        if not name.startswith(JVM_THREADS):
            total += int(fields[11]) + int(fields[12])
    return total / os.sysconf("SC_CLK_TCK")


def interrupt_training(session, check, name, train, stopped):
    pid = session.manager.provisioner.process.pid
    msg_id = session.client.execute(train)
    displays, updates, started = set(), 0, time.monotonic()
    busy_from = None
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
            busy_from = (time.monotonic(), cpu_seconds(pid))
        elif kind == "update_display_data" and msg["content"]["transient"]["display_id"] in displays:
            updates += 1
    check(len(displays) == 1 and updates == 2, f"{name}: one progress display, updated in place ({len(displays)} displays, "
                                                f"{updates} updates seen before interrupting)")
    interrupted = time.monotonic()
    busy = (cpu_seconds(pid) - busy_from[1]) / (interrupted - busy_from[0]) if busy_from else float("nan")
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
          f"{name}: interrupted cell, kernel idle {idle if idle is None else round(idle, 2)} s after interrupt_request "
          f"(limit {INTERRUPT_LIMIT} s)")
    check(reply == "error" and error is not None and "interrupted" in error.get("evalue", "").lower(),
          f"{name}: the cell ends with a clear message: {error and error.get('ename')}: "
          f"{error and error.get('evalue')}")
    status, messages = session.run(stopped or "1 + 1")
    result = text_of(messages).strip()
    if stopped:
        check(status == "ok" and result == "0",
              f"{name}: next cell runs, and the run has stopped (iterations in 1.5 s: {result!r})")
    else:
        check(status == "ok" and result == "2", f"{name}: next cell runs ({result!r})")
    # Measured after the next cell and a pause: just after a first run in a fresh kernel, the kernel finishes work of
    # its own for a few seconds (measured: ~0.5 CPU s/s 2-3 s after, nothing 5 s after); a run left going keeps a
    # core busy for good.
    time.sleep(SETTLE)
    before = cpu_seconds(pid)
    time.sleep(1.5)
    idle_rate = (cpu_seconds(pid) - before) / 1.5
    limit = max(IDLE_FLOOR, IDLE_SHARE * busy)
    check(idle_rate <= limit, f"{name}: no CPU burnt after the interrupt ({idle_rate:.2f} CPU s/s, {busy:.2f} while "
                              f"running; limit {limit:.2f}: {IDLE_SHARE:.0%} of it, at least {IDLE_FLOOR})")


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
    print(f"kernel output: {log.name} (removed if every check passes)")
    session = Session(args.kernel, log)
    try:
        status, messages = session.run(SETUP)
        check(status == "ok", "set-up cell " + ("ran" if status == "ok" else "failed: " + text_of(messages)))
        for name, train, stopped in RUNS:
            interrupt_training(session, check, name, train, stopped)
        restart(session, check)
    finally:
        session.close()
    print(f"kernel-interrupt: {sum(results)} passed, {len(results) - sum(results)} failed")
    log.close()
    if all(results):
        os.remove(log.name)  # kept only when something failed, for its kernel output
    sys.exit(0 if all(results) else 1)


if __name__ == "__main__":
    main()
