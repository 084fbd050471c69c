"""Times every course model in Deeplearning4j (unsupervised.bench.ModelBenchmark) and in its PyTorch twin
(torch_twin.py), in turn, interleaved, several rounds, each model in a fresh process of each framework; prints the
medians, the ratio DL4J/PyTorch, peak resident memory, and for the dense models GFLOP/s as a share of the SGEMM
throughput measured in the same run. A variant (--variant) is DL4J run again with other JVM options or environment,
in the same rounds; its ratio to plain DL4J is taken round by round (both measured minutes apart under the same
load) and the median of those ratios shown with their range. The load average is recorded with every process.
Writes <out>/<label>.md and .csv. Started by src/scripts/benchmark.sh.
"""
import argparse
import csv
import datetime
import json
import os
import platform
import statistics
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
M2 = Path.home() / ".m2/repository/org/nd4j/nd4j-native/1.0.0-M2.1"
OPENBLAS_DIR = next(iter(sorted(Path("/usr/lib").glob("*-linux-gnu/openblas-pthread"))), None)  # Debian's OpenBLAS


def dense_flops(widths):
    """Training FLOPs per sample of a dense stack: forward 2·n·m per layer, backward twice that."""
    return 6 * sum(a * b for a, b in zip(widths, widths[1:]))


MNIST_AE = [784, 512, 256, 128, 64, 128, 256, 512, 784]
# name, samples per unit (GAN: steps; SGEMM: matrix size), batch, warm-up units, timed units, what to print, scale
# (the printed number is the median seconds times scale), training FLOPs per sample (dense models only)
MODELS = [
    ("sgemm", 4096, 0, 1, 2, "GFLOP/s (4096² float32)", None, None),
    # the small models get more warm-up: their per-operation Java code is what the JIT has to compile first
    ("blob_ae", 1000, 32, 5, 5, "ms per step (b32)", 1000 / (1000 / 32), dense_flops([2, 32, 16, 32, 2])),
    ("mnist_linear_ae", 4096, 256, 1, 2, "s per 60k epoch (b256)", 60000 / 4096, dense_flops([784, 784, 784])),
    ("mnist_ae", 4096, 2048, 1, 2, "s per 60k epoch (b2048)", 60000 / 4096, dense_flops(MNIST_AE)),
    ("mnist_classifier", 16384, 2048, 2, 3, "s per 60k epoch (b2048)", 60000 / 16384,
     dense_flops([784, 128, 64, 10])),
    ("mnist_pretrained_classifier", 4096, 2048, 1, 2, "s per 60k epoch (b2048)", 60000 / 4096,
     dense_flops(MNIST_AE[:5] + [128, 64, 10])),
    ("fashion_deep_ae", 4096, 2048, 1, 2, "s per 60k epoch (b2048)", 60000 / 4096,
     dense_flops([784, 2000, 500, 500, 10, 500, 500, 2000, 784])),
    ("conv_dae", 2048, 2048, 0, 1, "s per 60k epoch (b2048)", 60000 / 2048, None),
    ("vae", 4096, 2048, 1, 2, "s per 60k epoch (b2048)", 60000 / 4096, None),
    ("gan_step", 10, 128, 1, 2, "ms per step (b128)", 1000 / 10, None),
    ("dec_step", 2560, 256, 1, 2, "ms per step (b256)", 1000 / (2560 / 256), None),
]
LABELS = {
    "sgemm": "SGEMM", "blob_ae": "blob AE 2-32-16-32-2", "mnist_linear_ae": "MNIST linear AE 784-784-784",
    "mnist_ae": "MNIST AE 784-512-256-128-64-…-784", "mnist_classifier": "MNIST classifier 784-128-64-10",
    "mnist_pretrained_classifier": "MNIST pre-trained classifier 784-512-256-128-64-128-64-10",
    "fashion_deep_ae": "Fashion deep AE 784-2000-500-500-10-…-784 (= sparse AE without its penalty)",
    "conv_dae": "conv denoising AE 64-32-16 / 16-32-64-1", "vae": "VAE 784-500-(10,10)-500-784",
    "gan_step": "GAN step, G 100-256-512-784, D 784-512-256-1", "dec_step": "DEC step, deep AE's encoder 784-2000-500-500-10 + clustering layer",
}


def java_classpath(native):
    """The test classpath, with the ND4J native jar of classifier `native` in place of the one Maven chose."""
    jars = [str(p) for p in sorted((ROOT / "target/lib").glob("*.jar"))
            if not (p.name.startswith("nd4j-native-1.0.0-M2.1-linux-") and p.name != "nd4j-native-1.0.0-M2.1-linux-x86_64.jar")]
    if native:
        jar = M2 / f"nd4j-native-1.0.0-M2.1-{native}.jar"
        if not jar.exists():
            subprocess.run(["mvn", "-B", "-q", "dependency:get", "-Dtransitive=false",
                            f"-Dartifact=org.nd4j:nd4j-native:1.0.0-M2.1:jar:{native}"], check=True)
        jars.insert(0, str(jar))
    else:
        jars = [str(p) for p in sorted((ROOT / "target/lib").glob("*.jar"))]
    return ":".join([str(ROOT / "target/test-classes"), str(ROOT / "target/classes")] + jars)


def kernel_settings():
    """The JVM options and environment of the notebook kernel setup.sh wrote: by default the benchmark runs DL4J so."""
    spec = ROOT / ".jupyter/kernels/java-unsupervised/kernel.json"
    if not spec.exists():
        sys.exit(f"no kernelspec at {spec}: run 'bash src/scripts/setup.sh' first")
    kernel = json.loads(spec.read_text())
    flags = [a for a in kernel["argv"][1:] if a.startswith(("-X", "-D"))]
    env = {k: v for k, v in kernel.get("env", {}).items() if not k.startswith("RJK_")}
    return flags, env


def variant_settings(options):
    """A variant's words: JVM options, ENV:NAME=VALUE (set for the DL4J process) and UNSET:NAME (removed from it)."""
    jvm, env, unset = [], {}, []
    for word in options.split():
        if word.startswith("ENV:"):
            name, _, value = word[4:].partition("=")
            if not name or not _:
                sys.exit(f"--variant: '{word}' is not ENV:NAME=VALUE")
            env[name] = value
        elif word.startswith("UNSET:"):
            unset.append(word[6:])
        else:
            jvm.append(word)
    return jvm, env, unset


def run(command, env):
    """(RESULT dict, peak RSS in MB) of one benchmark process."""
    proc = subprocess.Popen(command, env=env, stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True, cwd=ROOT)
    out = proc.stdout.read()
    _, status, usage = os.wait4(proc.pid, 0)
    lines = [line for line in out.splitlines() if line.startswith("RESULT ")]
    if status != 0 or not lines:
        sys.exit(f"benchmark process failed: {' '.join(command[:3])} … {' '.join(command[-5:])}\n{out[-3000:]}")
    return json.loads(lines[0][len("RESULT "):]), usage.ru_maxrss / 1024


def median(values):
    return statistics.median(values) if values else float("nan")


def main():
    ap = argparse.ArgumentParser(description=__doc__)
    ap.add_argument("--rounds", type=int, default=2)
    ap.add_argument("--models", default=",".join(m[0] for m in MODELS))
    ap.add_argument("--native", default="", help="ND4J classifier, e.g. linux-x86_64-avx512 (default: target/lib's)")
    ap.add_argument("--jvm", action="append", default=[],
                    help="a JVM option for the DL4J side (repeatable; default: the kernelspec's)")
    ap.add_argument("--java-env", action="append", default=[],
                    help="NAME=VALUE for the DL4J side only (default: the kernelspec's environment)")
    ap.add_argument("--threads", type=int, default=2, help="OMP/MKL/OpenBLAS threads for both frameworks")
    ap.add_argument("--no-torch", action="store_true", help="DL4J only (to compare DL4J settings quickly)")
    ap.add_argument("--variant", action="append", default=[], metavar="LABEL=OPTIONS",
                    help="another DL4J run, interleaved with the others and compared with the plain DL4J run round "
                         "by round; OPTIONS (space-separated) are extra JVM options, ENV:NAME=VALUE to set and "
                         "UNSET:NAME to remove an environment variable of its process, e.g. "
                         "'no-workspaces=-Dbench.workspaces=NONE', 'omp1=ENV:OMP_NUM_THREADS=1', "
                         "'coretype-unset=UNSET:OPENBLAS_CORETYPE'")
    ap.add_argument("--label", default="benchmark")
    ap.add_argument("--replay", help="render the table of an earlier run from its printed progress lines")
    ap.add_argument("--out", default=str(ROOT / "target/benchmark"))
    args = ap.parse_args()

    wanted = args.models.split(",")
    models = [m for m in MODELS if m[0] in wanted]
    if "sgemm" not in wanted and not args.no_torch:  # the reference of the shares of SGEMM throughput
        models.insert(0, MODELS[0])
    base_env = dict(os.environ)
    for var in ("OMP_NUM_THREADS", "MKL_NUM_THREADS", "OPENBLAS_NUM_THREADS"):
        base_env[var] = str(args.threads)
    kernel_flags, kernel_env = kernel_settings()
    for var in ("OMP_WAIT_POLICY",):  # an OpenMP setting of the kernel applies to both frameworks' OpenMP
        if var in kernel_env and not args.java_env:
            base_env[var] = kernel_env[var]
    java_env = dict(base_env, **(kernel_env if not args.java_env else {}),
                    **dict(kv.split("=", 1) for kv in args.java_env))
    jvm = ["java", *(args.jvm or kernel_flags), "-cp", java_classpath(args.native), "unsupervised.bench.ModelBenchmark"]
    args.jvm = args.jvm or kernel_flags
    args.java_env = args.java_env or [f"{k}={v}" for k, v in kernel_env.items()]
    torch = ["/usr/bin/python3", str(ROOT / "src/bench/torch_twin.py")]
    torch_env = dict(base_env)
    if not args.no_torch:
        # Debian's torch calls the libblas.so.3 the loader finds; the reference BLAS there is ~100x slower than
        # OpenBLAS, so the twin loads Debian's OpenBLAS, whatever the system's BLAS alternative is.
        if OPENBLAS_DIR is None:
            sys.exit("no OpenBLAS in /usr/lib/*-linux-gnu/openblas-pthread for the PyTorch twin: "
                     "sudo apt-get install libopenblas0-pthread")
        torch_env["LD_LIBRARY_PATH"] = ":".join(filter(None, [str(OPENBLAS_DIR), base_env.get("LD_LIBRARY_PATH")]))
    frameworks = {"dl4j": (jvm, java_env)} if args.no_torch else {"dl4j": (jvm, java_env), "torch": (torch, torch_env)}
    variants = dict(v.split("=", 1) for v in args.variant)
    for label, options in variants.items():
        flags, env, unset = variant_settings(options)
        at = jvm.index("-cp")  # after the kernel's options, so that a variant's -D overrides the kernel's
        frameworks[label] = (jvm[:at] + flags + jvm[at:],
                             {k: v for k, v in dict(java_env, **env).items() if k not in unset})

    # per model and framework: every timed unit's seconds, and per round the medians (for round-by-round ratios)
    samples = {(m[0], fw): {"wall": [], "cpu": [], "rss": [], "rounds": {}} for m in models for fw in frameworks}
    info = {}
    loads = []
    if args.replay:  # the progress lines of an earlier run: render its table again
        for line in open(args.replay):
            if line.startswith("round "):
                _, r, name, fw, rest = line.split(None, 4)
                wall, cpu = rest.split(" cpu ")
                s = samples[(name, fw)]
                walls, cpus = json.loads(wall.split("wall ", 1)[1]), json.loads(cpu.split(" rss ")[0])
                s["wall"] += walls
                s["cpu"] += cpus
                s["rounds"][r] = (median(walls), median(cpus))
                s["rss"].append(float(cpu.split(" rss ")[1].split()[0]))
                if " load " in rest:
                    loads.append(float(rest.split(" load ")[1].split()[0]))
            elif line.startswith("THREADS "):
                info.update(json.loads(line[len("THREADS "):]))
    for r in range(0 if args.replay else args.rounds):
        for name, n, batch, warm, timed, *_ in models:
            order = list(frameworks) if r % 2 == 0 else list(reversed(frameworks))
            for fw in order:
                command, env = frameworks[fw]
                load = os.getloadavg()[0]
                loads.append(load)
                result, rss = run(command + [name, str(n), str(batch), str(warm), str(timed)], env)
                s = samples[(name, fw)]
                s["wall"] += result["seconds"]
                s["cpu"] += result["cpu_seconds"]
                s["rounds"][f"{r + 1}/{args.rounds}"] = (median(result["seconds"]), median(result["cpu_seconds"]))
                s["rss"].append(rss)
                info[fw] = f"{result['threads']} threads, BLAS {result['blas']}"
                if "workspaces" in result:
                    gc = f"on every {result['gc_window_ms']} ms" if result["periodic_gc"] else "off"
                    info[fw] += f", workspaces {result['workspaces']}, periodic GC {gc}"
                if "elementwise_threshold" in result:
                    info[fw] += (f", element-wise threshold {result['elementwise_threshold']}, "
                                 f"TAD threshold {result['tad_threshold']}")
                print(f"round {r + 1}/{args.rounds} {name:28s} {fw:5s} wall {result['seconds']} "
                      f"cpu {result['cpu_seconds']} rss {rss:.0f} MB load {load:.1f}", flush=True)

    print("THREADS " + json.dumps(info))
    sgemm_flops = 2 * MODELS[0][1] ** 3
    timed_sgemm = ("sgemm", "dl4j") in samples
    best_sgemm = max(sgemm_flops / median(samples[("sgemm", fw)]["wall"]) / 1e9
                     for fw in frameworks) if timed_sgemm else None
    best_sgemm_cpu = max(sgemm_flops / median(samples[("sgemm", fw)]["cpu"]) / 1e9
                         for fw in frameworks) if timed_sgemm else None
    rows = []
    for name, n, batch, warm, timed, unit, scale, flops in models:
        row = {"model": LABELS[name], "unit": unit}
        for fw in frameworks:
            s = samples[(name, fw)]
            wall, cpu = median(s["wall"]), median(s["cpu"])
            if name == "sgemm":
                row[fw] = sgemm_flops / wall / 1e9
                row[fw + "_cpu"] = sgemm_flops / cpu / 1e9
            else:
                row[fw] = wall * scale
                row[fw + "_cpu"] = cpu * scale
            row[fw + "_rss"] = max(s["rss"])
            row[fw + "_gflops"] = flops * n / wall / 1e9 if flops else None
            row[fw + "_share"] = flops * n / wall / 1e9 / best_sgemm if flops and best_sgemm else None
            row[fw + "_share_cpu"] = flops * n / cpu / 1e9 / best_sgemm_cpu if flops and best_sgemm else None
        if "torch" in frameworks:
            inverse = name == "sgemm"  # a throughput: higher is better, so the time ratio is torch/dl4j
            row["ratio"] = row["torch"] / row["dl4j"] if inverse else row["dl4j"] / row["torch"]
            row["ratio_cpu"] = row["torch_cpu"] / row["dl4j_cpu"] if inverse else row["dl4j_cpu"] / row["torch_cpu"]
        for label in variants:  # a time ratio against the plain DL4J run: below 1 means the variant is faster
            for kind, at in (("", 0), ("_cpu", 1)):
                plain, other = samples[(name, "dl4j")]["rounds"], samples[(name, label)]["rounds"]
                ratios = sorted(other[r][at] / plain[r][at] for r in plain if r in other)
                text = f"{median(ratios):.2f}"
                if len(ratios) > 1:
                    text += f" ({ratios[0]:.2f}–{ratios[-1]:.2f})"
                row[label + "/dl4j" + kind] = text
        rows.append(row)

    write(args, frameworks, variants, rows, info, best_sgemm, best_sgemm_cpu, loads)


def write(args, frameworks, variants, rows, info, best_sgemm, best_sgemm_cpu, loads):
    fmt = lambda v, d=2: "" if v is None else f"{v:.{d}f}"
    cpu_model = next((line.split(":", 1)[1].strip() for line in open("/proc/cpuinfo") if line.startswith("model name")),
                     platform.processor())
    head = (f"{datetime.datetime.now(datetime.timezone.utc):%Y-%m-%d %H:%M} UTC, {cpu_model}, {os.cpu_count()} cores, "
            f"{args.label}; native build: {args.native or 'as built (target/lib)'}; JVM {' '.join(args.jvm)}"
            + "".join(f"; {label}: DL4J with {options}" for label, options in variants.items())
            + f"{'; ' + ' '.join(args.java_env) if args.java_env else ''}; "
            + "; ".join(f"{fw}: {v}" for fw, v in info.items())
            + f"; {args.rounds} rounds, interleaved; medians; machine shared with other jobs, 1-minute load average "
            + (f"{min(loads):.1f}–{max(loads):.1f} (median {median(loads):.1f})" if loads else "not recorded")
            + " at the processes' starts")
    cols = ["model", "unit"]
    for fw in frameworks:
        cols += [fw, fw + "_cpu", fw + "_rss"] + ([fw + "_gflops"] if fw in ("dl4j", "torch") else [])
    if "torch" in frameworks:
        cols += ["ratio", "ratio_cpu"]
    cols += [label + "/dl4j" + kind for label in variants for kind in ("", "_cpu")]
    cols += ["dl4j_share", "dl4j_share_cpu"]
    titles = {"dl4j": "DL4J", "torch": "PyTorch", "dl4j_cpu": "DL4J (CPU time)", "torch_cpu": "PyTorch (CPU time)",
              "dl4j_rss": "DL4J peak RSS MB", "torch_rss": "PyTorch peak RSS MB", "dl4j_gflops": "DL4J GFLOP/s",
              "torch_gflops": "PyTorch GFLOP/s", "ratio": "DL4J/PyTorch", "ratio_cpu": "DL4J/PyTorch (CPU time)",
              "dl4j_share": "DL4J % of SGEMM", "dl4j_share_cpu": "DL4J % of SGEMM (CPU time)",
              **{label: label for label in variants}, **{label + "_cpu": f"{label} (CPU time)" for label in variants},
              **{label + "_rss": f"{label} peak RSS MB" for label in variants},
              **{label + "/dl4j": f"{label}/DL4J" for label in variants},
              **{label + "/dl4j_cpu": f"{label}/DL4J (CPU time)" for label in variants}}
    lines = [head, "", "| " + " | ".join(titles.get(c, c) for c in cols) + " |", "|" + " --- |" * len(cols)]
    for row in rows:
        cells = []
        for c in cols:
            v = row.get(c)
            if "share" in c:
                cells.append("" if v is None else f"{100 * v:.0f}%")
            else:
                cells.append(v if isinstance(v, str) else fmt(v, 0 if c.endswith("rss") else 1 if c.endswith("gflops") else 2))
        lines.append("| " + " | ".join(cells) + " |")
    lines.append("")
    if best_sgemm:
        lines.append(f"SGEMM reference for the shares: {best_sgemm:.0f} GFLOP/s wall, {best_sgemm_cpu:.0f} GFLOP per "
                     "CPU-second (the faster framework's medians).")
    lines.append("CPU time counts every thread of the process.")
    text = "\n".join(lines)
    print("\n" + text)
    out = Path(args.out)
    out.mkdir(parents=True, exist_ok=True)
    (out / f"{args.label}.md").write_text(text + "\n")
    with open(out / f"{args.label}.csv", "w", newline="") as f:
        w = csv.DictWriter(f, fieldnames=cols)
        w.writeheader()
        for row in rows:
            w.writerow({c: row.get(c) for c in cols})
    print(f"\nwrote {out / (args.label + '.md')} and .csv")


if __name__ == "__main__":
    main()
