"""What the report's scheduler bets on, measured per course model: on a machine with C cores, do C processes with one
OpenMP thread each, side by side (what report.sh does with UNSUPERVISED_JOBS=C), get more training done than one
process with C threads (UNSUPERVISED_JOBS=1)? For each model (unsupervised.bench.ModelBenchmark, the course's
builders), in rounds, interleaved: one process with C threads, then C processes with 1 thread started together.
Throughput is timed units per second over all processes; the gain is side-by-side throughput / one-process
throughput, round by round (above 1: the scheduler wins on that model). Started by
`bash src/scripts/benchmark.sh --jobs-vs-threads [--rounds N] [--models a,b]`.
"""
import argparse
import os
import statistics
import subprocess
import sys
from concurrent.futures import ThreadPoolExecutor

from run_benchmark import LABELS, MODELS, ROOT, java_classpath, kernel_settings, run

# More timed units than the speed table uses: the side-by-side processes must overlap for most of their timed work.
TIMED = {"blob_ae": 20, "conv_dae": 1, "gan_step": 6}


def main():
    ap = argparse.ArgumentParser(description=__doc__)
    ap.add_argument("--rounds", type=int, default=2)
    ap.add_argument("--models", default="blob_ae,mnist_classifier,mnist_ae,fashion_deep_ae,conv_dae,vae,gan_step,"
                                        "dec_step")
    ap.add_argument("--cores", type=int, default=os.cpu_count())
    args = ap.parse_args()
    wanted = args.models.split(",")
    unknown = set(wanted) - {m[0] for m in MODELS}
    if unknown:
        sys.exit(f"--models: unknown {sorted(unknown)}; known: {', '.join(m[0] for m in MODELS)}")
    flags, kernel_env = kernel_settings()
    command = ["java", *flags, "-cp", java_classpath(""), "unsupervised.bench.ModelBenchmark"]

    def env(threads):
        return dict(os.environ, **kernel_env, OMP_NUM_THREADS=str(threads))

    print(f"{args.cores} cores; kernel settings {' '.join(flags)} "
          f"{' '.join(f'{k}={v}' for k, v in kernel_env.items())}", flush=True)
    rows = []
    for name, n, batch, warm, timed, *_ in [m for m in MODELS if m[0] in wanted]:
        timed = TIMED.get(name, max(timed, 3))
        unit = [name, str(n), str(batch), str(warm), str(timed)]
        gains, one_times, side_times = [], [], []
        for r in range(args.rounds):
            load = os.getloadavg()[0]
            result, _ = run(command + unit, env(args.cores))
            one = statistics.median(result["seconds"])
            with ThreadPoolExecutor(args.cores) as pool:
                side = [statistics.median(res["seconds"]) for res, _ in
                        pool.map(lambda _: run(command + unit, env(1)), range(args.cores))]
            # units per second: one process does 1/one; side by side, each process does 1/its own time
            gain = sum(1 / s for s in side) / (1 / one)
            gains.append(gain)
            one_times.append(one)
            side_times.append(statistics.median(side))
            print(f"round {r + 1}/{args.rounds} {name:28s} one process x {args.cores} threads {one:.3f} s/unit; "
                  f"{args.cores} x 1 thread side by side {', '.join(f'{s:.3f}' for s in side)} s/unit; "
                  f"gain {gain:.2f}; load {load:.1f}", flush=True)
        rows.append((LABELS[name], statistics.median(one_times), statistics.median(side_times), sorted(gains)))
    print(f"\n| model | s per unit, 1 process x {args.cores} threads | s per unit, {args.cores} processes x 1 "
          f"thread (each) | side-by-side throughput / one process's, by round |\n| --- | --- | --- | --- |")
    for label, one, side, gains in rows:
        spread = f" ({gains[0]:.2f}–{gains[-1]:.2f})" if len(gains) > 1 else ""
        print(f"| {label} | {one:.3f} | {side:.3f} | {statistics.median(gains):.2f}{spread} |")


if __name__ == "__main__":
    main()
