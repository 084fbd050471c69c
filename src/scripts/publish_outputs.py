"""Copies the executed notebooks of a full report back into notebooks/, outputs and all, so that GitHub, nbviewer
and JupyterLab open them ready to read.

    publish_outputs.py REPORT_DIR [--notebooks DIR] [--allow-smoke] [--warn-mb MB] [NN ...]

REPORT_DIR is what report.sh wrote (target/report): each NAME.ipynb there replaces DIR/NAME.ipynb (default:
notebooks/). Each published notebook's metadata records the run (profile, commit, date, seconds), and every code
cell that ran carries the hash of its source (cell metadata unsupervised.source_sha256), so that
`check_notebooks.py --committed notebooks` can tell outputs that a later edit of the cell made stale. Figures stay
the PNGs the kernel sent.

Refuses, naming the notebook, when: the run was not the full profile (--allow-smoke publishes a smoke run), the
run did not succeed, or the notebook in DIR was edited after the report ran it (rerun it: report.sh NN). Warns
when a published notebook exceeds --warn-mb (1.5) MB. NN ... publishes only those notebooks.
"""
import argparse
import glob
import hashlib
import json
import os
import subprocess
import sys

import nbformat

ROOT = os.path.dirname(os.path.dirname(os.path.dirname(os.path.abspath(__file__))))


def source_hash(source):
    """The hash a published code cell carries: of its source as Jupyter saves it (nbformat joins the lines)."""
    return hashlib.sha256(source.encode("utf-8")).hexdigest()[:16]


def profile_of(record):
    settings = dict(part.split("=", 1) for part in record.get("stamp", {}).get("settings", "").split() if "=" in part)
    return settings.get("UNSUPERVISED_PROFILE", "full")


def commit_of(record):
    """The commit the run recorded; reports from before that was recorded: the checkout's, marked as such."""
    if record.get("commit"):
        return record["commit"]
    try:
        head = subprocess.run(["git", "-C", ROOT, "rev-parse", "HEAD"], capture_output=True, text=True,
                              check=True).stdout.strip()
        return f"{head} (the checkout's when published; the run did not record its commit)"
    except (OSError, subprocess.CalledProcessError):
        return "unknown"


def published(executed, record, current):
    """The executed notebook with the run's metadata and each code cell's source hash; None if the committed
    notebook's code changed since the run (then the outputs would not be what its cells print)."""
    if [c.source for c in executed.cells] != [c.source for c in current.cells]:
        return None
    for cell in executed.cells:
        cell.metadata.pop("execution", None)  # nbclient's timestamps: every refresh would change every cell
        if cell.cell_type == "code" and cell.get("execution_count") is not None:
            cell.metadata.setdefault("unsupervised", {})["source_sha256"] = source_hash(cell.source)
    executed.metadata["unsupervised"] = {"profile": profile_of(record), "commit": commit_of(record),
                                         "date": record.get("finished", "unknown"), "seconds": record.get("seconds")}
    return executed


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("report_dir")
    parser.add_argument("only", nargs="*", help="publish only these notebooks (number or name prefix)")
    parser.add_argument("--notebooks", default=os.path.join(ROOT, "notebooks"), help="where the notebooks are")
    parser.add_argument("--allow-smoke", action="store_true", help="publish a smoke-profile run too")
    parser.add_argument("--warn-mb", type=float, default=1.5, help="warn about a notebook larger than this")
    args = parser.parse_args()

    sources = sorted(glob.glob(os.path.join(args.notebooks, "[0-9][0-9]-*.ipynb")))
    if args.only:
        sources = [s for s in sources if any(os.path.basename(s).startswith(p.removesuffix(".ipynb"))
                                             for p in args.only)]
    if not sources:
        sys.exit(f"publish_outputs: no notebook (NN-*.ipynb) in {args.notebooks}"
                 + (f" matches {' '.join(args.only)}" if args.only else ""))
    refused, ready = [], []
    for source in sources:
        name = os.path.splitext(os.path.basename(source))[0]
        executed, record = (os.path.join(args.report_dir, name + suffix) for suffix in (".ipynb", ".run.json"))
        if not (os.path.exists(executed) and os.path.exists(record)):
            refused.append(f"{name}: not in {args.report_dir} (run it: bash src/scripts/report.sh {name[:2]})")
            continue
        with open(record, encoding="utf-8") as f:
            run = json.load(f)
        if profile_of(run) != "full" and not args.allow_smoke:
            refused.append(f"{name}: ran in the {profile_of(run)} profile (the committed outputs are a full run's;"
                           f" --allow-smoke publishes it anyway)")
        elif run.get("status") != "ok":
            refused.append(f"{name}: its run {run.get('status')} in {run.get('cell')}; rerun it: "
                           f"bash src/scripts/report.sh {name[:2]}")
        else:
            nb = published(nbformat.read(executed, as_version=4), run, nbformat.read(source, as_version=4))
            if nb is None:
                refused.append(f"{name}: {source} changed since the report ran it; rerun it: "
                               f"bash src/scripts/report.sh {name[:2]}")
            else:
                ready.append((source, nb))
    if refused:
        sys.exit("publish_outputs: nothing published; refused:\n  " + "\n  ".join(refused))
    for source, nb in ready:
        nbformat.write(nb, source)
        size = os.path.getsize(source) / 1e6
        meta = nb.metadata["unsupervised"]
        print(f"published {os.path.basename(source)}: {size:.2f} MB, {meta['profile']} profile, "
              f"commit {meta['commit'][:12]}, ran {meta['date']}")
        if size > args.warn_mb:
            print(f"  warning: {os.path.basename(source)} is {size:.2f} MB, over {args.warn_mb:g} MB: look for large "
                  f"figures or long printed output before committing it", file=sys.stderr)


if __name__ == "__main__":
    main()
