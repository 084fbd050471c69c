"""Identical reruns: executes notebooks again, each in a fresh kernel, and compares what two runs produced.

    rerun_identical.py OUT_DIR NOTEBOOK... [--against DIR]

Each notebook runs twice, into OUT_DIR/first and OUT_DIR/second (or once, into OUT_DIR/second, compared with an
earlier run in --against DIR, e.g. the smoke run's folder). The results files (NAME.results.json, every digit)
must be byte for byte the same, and so must every figure (PNG) and every other output once run times, which
no rerun repeats, are masked. Run twice, each run has an emptied model store of its own (OUT_DIR/first/models,
OUT_DIR/second/models), so both train every model. Against an earlier run, the rerun uses the model store as it is
(the default one, or UNSUPERVISED_MODELS): in the smoke run notebook 11 loads the models 06 and 08 stored, and so
does its rerun; and with the OMP_NUM_THREADS that run recorded, since the last digits depend on the thread count. A notebook that fails to run is named and the others still run. Exits 1 naming each difference.
"""
import argparse
import difflib
import hashlib
import json
import os
import re
import shutil
import subprocess
import sys

import nbformat

HERE = os.path.dirname(os.path.abspath(__file__))
EXECUTE = os.path.join(HERE, "..", "..", "scripts", "execute_notebook.py")
# Progress lines and summaries report seconds; everything else a notebook shows must repeat exactly.
SECONDS = re.compile(r"\d+(\.\d+)?(?= ?s(/epoch|\)|\b))")


def threads_of(name, run_dir):
    """The OMP_NUM_THREADS an earlier run of NAME had (its run record's settings), or None."""
    try:
        with open(os.path.join(run_dir, name + ".run.json"), encoding="utf-8") as f:
            settings = json.load(f)["stamp"]["settings"].split()
    except (OSError, KeyError, ValueError):
        return None
    return next((s.split("=", 1)[1] for s in settings if s.startswith("OMP_NUM_THREADS=")), None)


def run(notebook, out_dir, kernel, own_models, threads=None):
    """None when the notebook ran, else why not. With own_models, in an emptied model store of its own."""
    env = dict(os.environ)
    if threads:
        env["OMP_NUM_THREADS"] = threads
    if own_models:
        env["UNSUPERVISED_MODELS"] = os.path.join(out_dir, "models")
        shutil.rmtree(env["UNSUPERVISED_MODELS"], ignore_errors=True)
    done = subprocess.run([sys.executable, EXECUTE, notebook, "--out-dir", out_dir, "--kernel", kernel], env=env)
    return None if done.returncode == 0 else f"{notebook} failed in {out_dir}: no rerun to compare"


def outputs(path):
    """(cell number, kind, content) of every output, with run times masked and figures as digests."""
    for index, cell in enumerate(nbformat.read(path, as_version=4).cells, 1):
        for output in cell.get("outputs", []):
            if output.output_type == "stream":
                yield index, "text", SECONDS.sub("#", output.text)
            for mime, value in sorted(output.get("data", {}).items()):
                if mime == "image/png":
                    yield index, mime, hashlib.sha256(value.encode()).hexdigest()
                elif isinstance(value, str):
                    yield index, mime, SECONDS.sub("#", value)


def differences(name, first_dir, second_dir):
    results = [os.path.join(d, name + ".results.json") for d in (first_dir, second_dir)]
    if not os.path.exists(results[0]):
        yield f"{name}: records no results ({results[0]} missing)"
    else:
        texts = [open(r, encoding="utf-8").read() for r in results]
        if texts[0] != texts[1]:
            yield f"{name}: results differ:\n" + "".join(difflib.unified_diff(
                texts[0].splitlines(True), texts[1].splitlines(True), *results))
    first, second = (list(outputs(os.path.join(d, name + ".ipynb"))) for d in (first_dir, second_dir))
    if len(first) != len(second):
        yield f"{name}: {len(first)} outputs in the first run, {len(second)} in the second"
    for a, b in zip(first, second):
        if a != b:
            yield f"{name}: cell {a[0]}: {a[1]} output differs: {a[2][:300]!r} vs {b[2][:300]!r}"


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("out_dir")
    parser.add_argument("notebooks", nargs="+")
    parser.add_argument("--against", help="compare with this earlier run instead of running each notebook twice")
    parser.add_argument("--kernel", default="java-unsupervised")
    args = parser.parse_args()
    first_dir = args.against or os.path.join(args.out_dir, "first")
    second_dir = os.path.join(args.out_dir, "second")
    found = []
    for notebook in args.notebooks:
        name = os.path.splitext(os.path.basename(notebook))[0]
        own = not args.against
        # The last digits depend on the thread count: a rerun uses the one the earlier run had (the report's
        # scheduler gives each notebook cores / jobs threads).
        threads = threads_of(name, args.against) if args.against else None
        failed = (None if args.against else run(notebook, first_dir, args.kernel, own)) or \
            run(notebook, second_dir, args.kernel, own, threads)
        problems = [failed] if failed else list(differences(name, first_dir, second_dir))
        print(f"{'identical' if not problems else 'DIFFERENT'} {name}" + "".join(f"\n    {p}" for p in problems),
              flush=True)
        found += problems
    sys.exit(1 if found else 0)


if __name__ == "__main__":
    main()
