#!/usr/bin/env python3
"""Where a Java Flight Recording of a benchmark run spent its time: the hottest Java frames, the share of samples in
ND4J's per-array bookkeeping (JavaCPP pointers, DeallocatorService) and in the course's own code, and, over Java and
native samples together, which DL4J layer type (or updater) each sample was working for.

    java -XX:FlightRecorderOptions:stackdepth=256 -XX:StartFlightRecording=filename=target/blob.jfr,settings=profile \\
         -cp "target/test-classes:target/classes:target/lib/*" unsupervised.bench.ModelBenchmark blob_ae 32000 32 1 4
    python3 src/bench/jfr_summary.py target/blob.jfr

JFR's execution samples cover threads running Java code; its native-method samples cover threads inside native code
(the ND4J kernels), each with the Java stack that called it: together they attribute native time to DL4J layers.
"""
import collections
import re
import subprocess
import sys

BOOKKEEPING = re.compile(r"javacpp\.Pointer|DeallocatorService|DeallocatorReference|OpaqueDataBuffer")
OURS = "unsupervised."
DRIVER = "unsupervised.bench."
LAYER = re.compile(r"org\.deeplearning4j\.nn\.(layers\.[\w.]+|updater\.[\w.]+)\.\w+$")


def samples(recording, event="jdk.ExecutionSample"):
    text = subprocess.run(["jfr", "print", "--stack-depth", "256", "--events", event, recording], check=True,
                          capture_output=True, text=True).stdout
    for event in text.split(event)[1:]:
        frames = re.findall(r"^\s+([\w.$<>]+)\(", event, re.M)
        if frames:
            yield frames


def main():
    if len(sys.argv) != 2:
        sys.exit(__doc__)
    stacks = list(samples(sys.argv[1]))
    if not stacks:
        sys.exit(f"no execution samples in {sys.argv[1]}")
    n = len(stacks)
    top = collections.Counter(frames[0] for frames in stacks)
    print(f"{n} samples of Java execution")
    print("hottest frames:")
    for frame, count in top.most_common(10):
        print(f"  {count / n:6.1%}  {frame}")
    bookkeeping = sum(1 for frames in stacks if any(BOOKKEEPING.search(f) for f in frames))
    ours = sum(1 for frames in stacks if any(f.startswith(OURS) and not f.startswith(DRIVER) for f in frames))
    print(f"ND4J/JavaCPP off-heap bookkeeping on the stack: {bookkeeping / n:6.1%}")
    print(f"the course's code (unsupervised.*, not the driver) on the stack: {ours / n:6.1%}")
    everything = stacks + list(samples(sys.argv[1], "jdk.NativeMethodSample"))
    layers = collections.Counter()
    for frames in everything:
        owner = next((m[1] for m in map(LAYER.match, frames) if m), "(no DL4J layer or updater on the stack)")
        layers[owner.rsplit(".", 1)[-1] if owner.startswith("layers.") else owner] += 1
    print(f"{len(everything)} Java and native samples, by the innermost DL4J layer class or updater on the stack:")
    for owner, count in layers.most_common(12):
        print(f"  {count / len(everything):6.1%}  {owner}")


if __name__ == "__main__":
    main()
