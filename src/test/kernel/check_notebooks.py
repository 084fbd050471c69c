"""Checks the executed notebooks for what matters, beyond 'no cell failed'. Each problem is printed as
'NOTEBOOK: cell N (...): reason'; the run ends with 'notebooks: N passed, N failed' and exits 1 if any failed.

- the committed notebook names the project kernel; the executed copy exists, its run record (NAME.run.json) says
  ok, every code cell ran and raised nothing;
- no output shows NaN or Infinity, or a stray object ('java.io.PrintStream@1b2c3d', what a cell ending in
  printf shows); every table shown has at least one row; every notebook shows at least one PNG figure, and
  every PNG is a whole file (it decodes and ends with its end marker);
- every training run (the progress lines 'epoch i/n  loss x  val_loss y', and tables with an epoch and a loss
  column) has finite losses, and its training loss is lower at its last epoch than at its first;
- every accuracy shown or recorded is above chance: more than --margin (1.5) times 1/--classes (10 classes:
  every classifier in this course is a digit or clothing classifier);
- every recorded result (NAME.results.json, unsupervised.report.Results) is finite, with a finite spread where
  it is the mean of several runs.

    check_notebooks.py SOURCE_DIR EXECUTED_DIR [NN ...] [--classes N] [--margin F]   (NN: only these notebooks)

With --committed DIR it checks the outputs committed in DIR's notebooks instead (publish_outputs.py puts them
there): every output as above (no error, no cut-off PNG, no NaN, ...), the run named in the notebook's metadata
(profile, commit, date), and every code cell with outputs carrying the hash of its current source: a cell edited
after the run that made its outputs fails, named. A notebook without outputs passes.

    check_notebooks.py --committed DIR [NN ...]
"""
import argparse
import base64
import glob
import html.parser
import json
import math
import os
import re
import sys

import nbformat

sys.dont_write_bytecode = True  # no __pycache__ in the source tree
sys.path.insert(0, os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", "..", "scripts"))
from execute_notebook import cell_label  # noqa: E402  (one way to name a cell, in the runner and here)
from publish_outputs import source_hash  # noqa: E402  (the hash the publisher stores)

STRAY = re.compile(r"^[a-z]+(\.[a-z0-9_]+)+\.[A-Z]\w*@[0-9a-f]+$")
NOT_FINITE = re.compile(r"(?<![A-Za-z])(NaN|-?Infinity|∞)(?![A-Za-z])")
PROGRESS = re.compile(r"epoch\s+(\d+)/\d+\s+loss\s+(\S+)(?:\s+val_loss\s+(\S+))?")
ACCURACY_PERCENT = re.compile(r"accuracy\D{0,12}?(\d+(?:\.\d+)?)\s*%", re.IGNORECASE)
EVALUATION = re.compile(r"# of classes:\s+(\d+).*?Accuracy:\s+(\d\.\d+)", re.DOTALL)
TABLE = re.compile(r"<table\b.*?</table>", re.DOTALL | re.IGNORECASE)


class Tables(html.parser.HTMLParser):
    """The header and body rows of every HTML table in a text."""

    def __init__(self, text):
        super().__init__()
        self.tables, self.cell = [], None
        self.feed(text)

    def handle_starttag(self, tag, attrs):
        if tag == "table":
            self.tables.append({"header": [], "rows": []})
        elif tag == "tr" and self.tables:
            self.tables[-1]["rows"].append([])
        elif tag in ("td", "th"):
            self.cell = (tag, [])

    def handle_endtag(self, tag):
        if tag in ("td", "th") and self.cell and self.tables and self.tables[-1]["rows"]:
            kind, text = self.cell
            self.tables[-1]["rows"][-1].append((kind, "".join(text).strip()))
            self.cell = None

    def handle_data(self, data):
        if self.cell:
            self.cell[1].append(data)

    def columns(self):
        """Per table: {header: [body values]}."""
        for table in self.tables:
            header = next((r for r in table["rows"] if r and all(k == "th" for k, _ in r)), [])
            body = [r for r in table["rows"] if r and any(k == "td" for k, _ in r)]
            yield {name: [row[i][1] for row in body if i < len(row)] for i, (_, name) in enumerate(header)}


def number(text):
    try:
        return float(text)
    except ValueError:
        return None


def loss_problems(runs, what):
    """runs: lists of (epoch, loss, val_loss or None). A run's loss must stay finite and fall."""
    for run_number, run in enumerate(runs, 1):
        where = f"{what} {run_number}" if len(runs) > 1 else what
        for epoch, loss, validation in run:
            for name, value in (("training loss", loss), ("validation loss", validation)):
                if value is not None and not math.isfinite(value):
                    yield f"{where}: {name} is {value} at epoch {epoch}"
        finite = [(e, l) for e, l, _ in run if math.isfinite(l)]
        if len(finite) >= 2 and not finite[-1][1] < finite[0][1]:
            yield (f"{where}: training loss did not fall: {finite[0][1]:g} at epoch {finite[0][0]}, "
                   f"{finite[-1][1]:g} at epoch {finite[-1][0]}")


def progress_runs(text):
    """Training runs in progress lines: a new run starts where the epoch number does not grow."""
    runs = []
    for match in PROGRESS.finditer(text):
        epoch, loss, validation = int(match[1]), number(match[2]), match[3]
        if loss is None:
            continue
        if not runs or epoch <= runs[-1][-1][0]:
            runs.append([])
        runs[-1].append((epoch, loss, number(validation) if validation else None))
    return runs


def output_texts(output):
    """The text a reader sees in one output: a stream, or a display's HTML and plain text."""
    if output.output_type == "stream":
        yield "text", output.get("text", "")
    for mime in ("text/html", "text/plain"):
        value = output.get("data", {}).get(mime)
        if isinstance(value, str):
            yield mime, value


PNG_END = b"IEND\xaeB`\x82"


def png_problem(encoded):
    try:
        png = base64.b64decode("".join(encoded) if isinstance(encoded, list) else encoded, validate=False)
    except ValueError as error:
        return f"shows a PNG that is not valid base64 ({error})"
    return None if png.endswith(PNG_END) else f"shows a cut-off PNG ({len(png)} bytes, no end marker)"


def cell_problems(cell, chance, margin):
    shown = []
    for output in cell.get("outputs", []):
        if output.output_type == "error":
            yield f"raised {output.get('ename', '')}: {output.get('evalue', '')}".strip()
        if "image/png" in output.get("data", {}):
            problem = png_problem(output["data"]["image/png"])
            if problem:
                yield problem
        for mime, text in output_texts(output):
            if STRAY.match(text.strip()):
                yield f"shows a stray object: {text.strip()}"
            visible = re.sub(r"<[^>]+>", " ", text) if mime == "text/html" else text
            bad = NOT_FINITE.search(visible)
            if bad:
                line = next(l for l in visible.splitlines() if bad[0] in l)
                yield f"shows {bad[0]}: {' '.join(line.split())[:120]!r}"
            shown.append(visible)
            for match in ACCURACY_PERCENT.finditer(visible):
                if float(match[1]) <= 100 * margin / chance:
                    yield f"accuracy at chance ({chance} classes): {' '.join(match[0].split())!r}"
            for match in EVALUATION.finditer(visible):
                if float(match[2]) <= margin / int(match[1]):
                    yield f"accuracy at chance ({match[1]} classes): Accuracy {match[2]}"
            if mime == "text/html":
                for table in TABLE.findall(text):
                    if "<td" not in table:
                        caption = re.search(r"<caption[^>]*>(.*?)</caption>", table, re.DOTALL)
                        yield f"shows an empty table{': ' + html.unescape(caption[1].strip()) if caption else ''}"
                for columns in Tables(text).columns():
                    epochs = columns.get("epoch")
                    for name in [n for n in columns if re.fullmatch(r"(val_)?loss", n)]:
                        values = [number(v) if v else math.nan for v in columns[name]]
                        runs = [[(int(number(e) or i), v, None) for i, (e, v) in
                                 enumerate(zip(epochs or [""] * len(values), values), 1)]]
                        for problem in loss_problems(runs, f"table column {name}"):
                            if name == "loss" or "did not fall" not in problem:
                                yield problem
    # A cell's progress lines may arrive in several outputs: read them as one text.
    yield from loss_problems(progress_runs("\n".join(shown)), "training run")


def result_problems(path, chance, margin):
    with open(path, encoding="utf-8") as f:
        results = json.load(f)
    for r in results:
        if r.get("value") is None:
            yield f"recorded result {r['name']!r} is NaN or infinite"
        elif r.get("runs", 1) > 1 and r.get("std") is None:
            yield f"recorded result {r['name']!r}: the spread of its {r['runs']} runs is NaN or infinite"
        elif "accuracy" in r["name"].lower():
            limit = margin / chance * (100 if r.get("unit") == "%" else 1)
            if r["value"] <= limit:
                yield f"recorded result {r['name']!r} = {r['value']:g}{r.get('unit', '')} is at chance ({chance} classes)"


def problems(source, executed_dir, chance=10, margin=1.5):
    name = os.path.splitext(os.path.basename(source))[0]
    nb_source = nbformat.read(source, as_version=4)
    if nb_source.metadata.get("kernelspec", {}).get("name") != "java-unsupervised":
        yield "kernelspec is not java-unsupervised"
    executed = os.path.join(executed_dir, name + ".ipynb")
    if not os.path.exists(executed):
        yield "was not executed"
        return
    record = os.path.join(executed_dir, name + ".run.json")
    if os.path.exists(record):
        with open(record, encoding="utf-8") as f:
            run = json.load(f)
        if run.get("status") != "ok":
            error = (run.get("error") or "").strip().splitlines()
            yield f"{run.get('cell')}: {run.get('status')}: {error[0] if error else 'no error recorded'}"
    nb = nbformat.read(executed, as_version=4)
    pngs = 0
    for index, cell in enumerate(nb.cells):
        if cell.cell_type != "code":
            continue
        label = cell_label(nb, index)
        if cell.get("execution_count") is None:
            yield f"{label}: did not run"
        pngs += sum("image/png" in o.get("data", {}) for o in cell.get("outputs", []))
        for problem in cell_problems(cell, chance, margin):
            yield f"{label}: {problem}"
    if pngs == 0:
        yield "shows no PNG figure"
    results = os.path.join(executed_dir, name + ".results.json")
    if os.path.exists(results):
        yield from (f"{os.path.basename(results)}: {p}" for p in result_problems(results, chance, margin))


def committed_problems(path, chance=10, margin=1.5):
    """What is wrong with the outputs committed in one notebook; nothing when it has none."""
    nb = nbformat.read(path, as_version=4)
    with_outputs = [i for i, c in enumerate(nb.cells) if c.cell_type == "code" and c.get("outputs")]
    if not with_outputs:
        return
    run = nb.metadata.get("unsupervised", {})
    missing = [key for key in ("profile", "commit", "date") if not run.get(key)]
    if missing:
        yield f"its outputs name no run ({', '.join(missing)} missing from its metadata): publish them with " \
              f"src/scripts/publish_outputs.py"
    for index in with_outputs:
        cell = nb.cells[index]
        label = cell_label(nb, index)
        stored = cell.metadata.get("unsupervised", {}).get("source_sha256")
        if stored is None:
            yield f"{label}: has outputs but no source hash (not published by src/scripts/publish_outputs.py)"
        elif stored != source_hash(cell.source):
            yield f"{label}: edited after the run that made its outputs (source hash {stored}, now " \
                  f"{source_hash(cell.source)}): rerun the notebook and publish, or clear its outputs"
        yield from (f"{label}: {p}" for p in cell_problems(cell, chance, margin))


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("dirs", nargs="*", metavar="SOURCE_DIR EXECUTED_DIR [NN ...]")
    parser.add_argument("--committed", metavar="DIR", help="check the outputs committed in DIR's notebooks")
    parser.add_argument("--classes", type=int, default=10, help="classes of every classifier (chance = 1/classes)")
    parser.add_argument("--margin", type=float, default=1.5, help="an accuracy must exceed margin x chance")
    args = parser.parse_args()
    if args.committed:
        source_dir, only = args.committed, args.dirs
    elif len(args.dirs) >= 2:
        source_dir, executed_dir, only = args.dirs[0], args.dirs[1], args.dirs[2:]
    else:
        parser.error("give SOURCE_DIR EXECUTED_DIR [NN ...], or --committed DIR [NN ...]")
    sources = sorted(glob.glob(os.path.join(source_dir, "[0-9][0-9]-*.ipynb")))
    chosen = [s for s in sources if not only or any(
        os.path.basename(s).startswith(prefix.removesuffix(".ipynb")) for prefix in only)]
    if not chosen:
        print(f"notebooks: none to check: no notebook (NN-*.ipynb) in {source_dir}"
              + (f" matches {' '.join(only)}" if only else ""))
        sys.exit(1)
    passed = failed = 0
    for source in chosen:
        name = os.path.splitext(os.path.basename(source))[0]
        found = list(committed_problems(source, args.classes, args.margin) if args.committed
                     else problems(source, executed_dir, args.classes, args.margin))
        print(f"{'ok    ' if not found else 'FAILED'} {name}" + "".join(f"\n    {name}: {p}" for p in found))
        passed, failed = passed + (not found), failed + bool(found)
    print(f"notebooks: {passed} passed, {failed} failed")
    sys.exit(1 if failed else 0)


if __name__ == "__main__":
    main()
