#!/usr/bin/env python3
"""Where a Java Flight Recording of a benchmark run spent its Java time: the hottest frames, and the share of
samples in ND4J's per-array bookkeeping (JavaCPP pointers, DeallocatorService) and in the course's own code.

    java -XX:StartFlightRecording=filename=target/blob.jfr,settings=profile \\
         -cp "target/test-classes:target/classes:target/lib/*" unsupervised.bench.ModelBenchmark blob_ae 32000 32 1 4
    python3 src/bench/jfr_summary.py target/blob.jfr

JFR samples threads running Java code only; time inside native kernels shows up as the Java frame that called them.
"""
import collections
import re
import subprocess
import sys

BOOKKEEPING = re.compile(r"javacpp\.Pointer|DeallocatorService|DeallocatorReference|OpaqueDataBuffer")
OURS = "unsupervised."
DRIVER = "unsupervised.bench."


def samples(recording):
    text = subprocess.run(["jfr", "print", "--events", "jdk.ExecutionSample", recording], check=True,
                          capture_output=True, text=True).stdout
    for event in text.split("jdk.ExecutionSample")[1:]:
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


if __name__ == "__main__":
    main()
