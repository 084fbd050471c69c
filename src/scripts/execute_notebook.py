"""Executes one notebook through a Jupyter kernel, saves it with its outputs, and exports it as HTML.

    execute_notebook.py NOTEBOOK --out-dir DIR [--kernel NAME] [--startup-retries N] [--html] [--record FILE]

The executed notebook is written even when a cell fails, so nothing that did run is lost; the exit status is
then 1 and the last line names the notebook and the failing cell. A kernel that does not answer at start-up
(before any cell ran) is restarted up to --startup-retries times.
"""
import argparse
import os
import sys
import time

import nbformat
from nbclient import NotebookClient
from nbclient.exceptions import CellExecutionError, DeadKernelError

STARTUP_FAILURES = ("Kernel didn't respond", "Kernel died before replying to kernel_info")


def cell_label(nb, index):
    code_number = sum(1 for c in nb.cells[: index + 1] if c.cell_type == "code")
    first_line = nb.cells[index].source.strip().splitlines()[0] if nb.cells[index].source.strip() else ""
    return f"cell {index + 1} (code cell {code_number}: {first_line[:70]!r})"


def execute(path, kernel, retries):
    """Returns (executed notebook, error message or None)."""
    for attempt in range(1, retries + 2):
        nb = nbformat.read(path, as_version=4)
        running = {"cell": None}

        class Client(NotebookClient):
            async def async_execute_cell(self, cell, cell_index, *args, **kwargs):
                running["cell"] = cell_index
                print(f"  [{os.path.basename(path)}] {cell_label(nb, cell_index)}", flush=True)
                return await super().async_execute_cell(cell, cell_index, *args, **kwargs)

        client = Client(nb, kernel_name=kernel, timeout=None, startup_timeout=90,
                        resources={"metadata": {"path": os.path.dirname(os.path.abspath(path))}})
        try:
            client.execute()
            return nb, None
        except CellExecutionError as error:
            return nb, f"{path}: {cell_label(nb, running['cell'])} failed:\n{error}"
        except (RuntimeError, TimeoutError, DeadKernelError) as error:
            if running["cell"] is None and any(s in str(error) for s in STARTUP_FAILURES) and attempt <= retries:
                print(f"  kernel did not start ({error}); retry {attempt} of {retries}", flush=True)
                continue
            where = "at start-up" if running["cell"] is None else cell_label(nb, running["cell"])
            return nb, f"{path}: kernel failed {where}: {type(error).__name__}: {error}"


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("notebook")
    parser.add_argument("--out-dir", required=True)
    parser.add_argument("--kernel", default="java-unsupervised")
    parser.add_argument("--startup-retries", type=int, default=3)
    parser.add_argument("--html", action="store_true", help="also write NAME.html beside the executed notebook")
    parser.add_argument("--record", help="append 'name, title, seconds, status, error' as a TSV line to this file")
    args = parser.parse_args()

    os.makedirs(args.out_dir, exist_ok=True)
    name = os.path.splitext(os.path.basename(args.notebook))[0]
    # The kernel inherits this: unsupervised.report.Results writes the notebook's headline numbers there.
    results = os.path.abspath(os.path.join(args.out_dir, name + ".results.json"))
    if os.path.exists(results):
        os.remove(results)
    os.environ["UNSUPERVISED_RESULTS_FILE"] = results
    started = time.monotonic()
    nb, error = execute(args.notebook, args.kernel, args.startup_retries)
    nb.metadata["unsupervised"] = {"seconds": round(time.monotonic() - started, 1), "ok": error is None}
    nbformat.write(nb, os.path.join(args.out_dir, name + ".ipynb"))
    if args.html:
        from nbconvert import HTMLExporter
        body, _ = HTMLExporter().from_notebook_node(nb)
        with open(os.path.join(args.out_dir, name + ".html"), "w", encoding="utf-8") as out:
            out.write(body)
    if args.record:
        title = next((c.source.strip().splitlines()[0].lstrip("# ") for c in nb.cells
                      if c.cell_type == "markdown" and c.source.strip()), name)
        first_error_line = error.splitlines()[0] if error else ""
        with open(args.record, "a", encoding="utf-8") as record:
            record.write("\t".join([name, title, str(nb.metadata["unsupervised"]["seconds"]),
                                     "ok" if error is None else "FAILED", first_error_line]) + "\n")
    if error:
        print(f"FAILED {error}", file=sys.stderr)
        sys.exit(1)


if __name__ == "__main__":
    main()
