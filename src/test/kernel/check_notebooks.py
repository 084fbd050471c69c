"""Checks the executed notebooks, beyond 'no cell failed': every notebook names the project kernel, every code cell
ran and raised nothing, every notebook shows at least one PNG figure, and no output is a stray object
(e.g. 'java.io.PrintStream@1b2c3d', what a cell ending in printf shows). Ends with 'N passed, N failed'.

    check_notebooks.py SOURCE_DIR EXECUTED_DIR
"""
import glob
import os
import re
import sys

import nbformat

STRAY = re.compile(r"^[a-z]+(\.[a-z0-9_]+)+\.[A-Z]\w*@[0-9a-f]+$")


def problems(source, executed):
    nb_source = nbformat.read(source, as_version=4)
    if nb_source.metadata.get("kernelspec", {}).get("name") != "java-unsupervised":
        yield "kernelspec is not java-unsupervised"
    if any(c.get("outputs") for c in nb_source.cells if c.cell_type == "code"):
        yield "the committed notebook carries outputs (commit it cleared)"
    if not os.path.exists(executed):
        yield "was not executed"
        return
    nb = nbformat.read(executed, as_version=4)
    pngs = 0
    for index, cell in enumerate(nb.cells, 1):
        if cell.cell_type != "code":
            continue
        if cell.get("execution_count") is None:
            yield f"cell {index} did not run"
        for output in cell.get("outputs", []):
            if output.output_type == "error":
                yield f"cell {index} raised {output.ename}"
            data = output.get("data", {})
            pngs += "image/png" in data
            for text in (data.get("text/html"), data.get("text/plain")):
                if isinstance(text, str) and STRAY.match(text.strip()):
                    yield f"cell {index} shows a stray object: {text.strip()}"
    if pngs == 0:
        yield "shows no PNG figure"


def main():
    source_dir, executed_dir = sys.argv[1:3]
    passed = failed = 0
    for source in sorted(glob.glob(os.path.join(source_dir, "[0-9][0-9]-*.ipynb"))):
        found = list(problems(source, os.path.join(executed_dir, os.path.basename(source))))
        print(f"{'ok    ' if not found else 'FAILED'} {os.path.basename(source)}" + "".join(f"\n    {p}" for p in found))
        passed, failed = passed + (not found), failed + bool(found)
    print(f"notebooks: {passed} passed, {failed} failed")
    sys.exit(1 if failed or not passed else 0)


if __name__ == "__main__":
    main()
