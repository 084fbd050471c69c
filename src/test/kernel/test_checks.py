"""Tests of the notebook checker and the runner: broken notebooks must fail, with notebook, cell and reason named.

    python3 -m unittest src/test/kernel/test_checks.py      (JUPYTER_PATH must name the project's kernelspec)

The first tests feed check_notebooks.py notebooks built here with their outputs already in place (no kernel); the
last runs the Java fixtures in fixtures/ (a failing cell, a NaN loss, a hanging cell) through run_notebooks.sh in
the smoke kernel and checks the run records, the index and the checker's verdict.
"""
import base64
import json
import os
import re
import subprocess
import sys
import tempfile
import unittest

import nbformat

HERE = os.path.dirname(os.path.abspath(__file__))
ROOT = os.path.dirname(os.path.dirname(os.path.dirname(HERE)))
CHECKER = os.path.join(HERE, "check_notebooks.py")
KERNELSPEC = {"display_name": "Java (unsupervised-java)", "language": "java", "name": "java-unsupervised"}
# A whole 1 x 1 PNG, and the same without its last two bytes (what rapaio-jupyter-kernel 3.0.1's image renderer sent).
PNG = {"image/png": "iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mNkYPhfDwAChwGA60e6kgAAAABJRU5ErkJggg==",
       "text/plain": "chart: a figure"}
CUT_PNG = {"image/png": base64.b64encode(base64.b64decode(PNG["image/png"])[:-2]).decode(),
           "text/plain": "image 1 x 1"}


def executed_cell(source, *outputs):
    cell = nbformat.v4.new_code_cell(source, execution_count=1)
    cell.outputs = [nbformat.from_dict(o) for o in outputs]
    return cell


def stream(text):
    return {"output_type": "stream", "name": "stdout", "text": text}


def display(data):
    return {"output_type": "display_data", "data": data, "metadata": {}}


def table(caption, header, rows):
    return display({"text/html": "<table><caption>" + caption + "</caption><thead><tr>"
                    + "".join(f"<th>{h}</th>" for h in header) + "</tr></thead><tbody>"
                    + "".join("<tr>" + "".join(f"<td>{v}</td>" for v in row) + "</tr>" for row in rows)
                    + "</tbody></table>"})


class CheckerOnPreExecutedNotebooks(unittest.TestCase):

    def check(self, name, cells, results=None, run=None):
        """Writes the source (no outputs) and the executed copy, runs the checker; returns (exit code, output)."""
        folder = tempfile.mkdtemp()
        source, executed = os.path.join(folder, "src"), os.path.join(folder, "out")
        os.makedirs(source), os.makedirs(executed)
        nb = nbformat.v4.new_notebook(metadata={"kernelspec": KERNELSPEC})
        nb.cells = [nbformat.v4.new_markdown_cell("# " + name)] + cells
        nbformat.write(nb, os.path.join(executed, name + ".ipynb"))
        for cell in nb.cells:
            if cell.cell_type == "code":
                cell.outputs, cell.execution_count = [], None
        nbformat.write(nb, os.path.join(source, name + ".ipynb"))
        if results is not None:
            with open(os.path.join(executed, name + ".results.json"), "w") as f:
                json.dump(results, f)
        if run is not None:
            with open(os.path.join(executed, name + ".run.json"), "w") as f:
                json.dump(run, f)
        done = subprocess.run([sys.executable, CHECKER, source, executed], capture_output=True, text=True)
        return done.returncode, done.stdout

    def test_a_sound_notebook_passes(self):
        code, out = self.check("01-sound", [
            executed_cell("var h = Training.fit(net, x, x, 3, 32, 1);",
                          stream("epoch   1/3  loss 0.90000  val_loss 0.95000  (1.0 s)\n"),
                          stream("epoch   2/3  loss 0.50000  val_loss 0.60000  (1.0 s)\n"),
                          stream("epoch   3/3  loss 0.20000  val_loss 0.40000  (1.0 s)\n"
                                 "baseline, seed 1: test accuracy 91.20%; 3 epochs\n")),
            executed_cell("h.table(\"loss\")", table("loss", ["epoch", "loss", "seconds"],
                                                     [[1, 0.9, 1.0], [2, 0.5, 1.0], [3, 0.2, 1.0]])),
            executed_cell("chart", display(PNG))],
            results=[{"name": "baseline accuracy", "value": 91.2, "std": 0.3, "runs": 3, "unit": "%",
                      "article": 97.38, "note": "capped"}],
            run={"status": "ok", "cell": None, "error": None})
        self.assertEqual(0, code, out)
        self.assertIn("ok     01-sound", out)

    def test_nan_loss_empty_table_chance_accuracy_and_nan_result_are_each_named_with_their_cell(self):
        code, out = self.check("02-broken", [
            executed_cell("var h = Training.fit(net, x, x, 2, 32, 1);",
                          stream("epoch   1/2  loss 0.50000  (1.0 s)\nepoch   2/2  loss NaN  (1.0 s)\n")),
            executed_cell("var g = Training.fit(other, x, x, 2, 32, 1);",
                          stream("epoch   1/2  loss 0.50000  (1.0 s)\nepoch   2/2  loss 0.70000  (1.0 s)\n")),
            executed_cell("Table.create(\"empty\")", table("nothing here", ["a", "b"], [])),
            executed_cell("evaluate(frozen)", stream("frozen, seed 1: test accuracy 9.80%; 2 epochs\n")),
            executed_cell("history.table(\"t\")", table("t", ["epoch", "loss"], [[1, 0.5], [2, ""]])),
            executed_cell("chart", display(PNG)),
            executed_cell("ImageGrid.of(28, 28, 10, grid)", display(CUT_PNG))],
            results=[{"name": "mse", "value": None, "std": None, "runs": 1, "unit": "", "article": None, "note": ""},
                     {"name": "frozen accuracy", "value": 0.1, "std": 0.01, "runs": 3, "unit": "", "article": None,
                      "note": ""},
                     {"name": "spread", "value": 1.0, "std": None, "runs": 3, "unit": "", "article": None,
                      "note": ""}])
        self.assertEqual(1, code, out)
        expected = [
            "02-broken: cell 2 (code cell 1: 'var h = Training.fit(net, x, x, 2, 32, 1);'): shows NaN",
            "02-broken: cell 2 (code cell 1: 'var h = Training.fit(net, x, x, 2, 32, 1);'): training run: "
            "training loss is nan at epoch 2",
            "02-broken: cell 3 (code cell 2: 'var g = Training.fit(other, x, x, 2, 32, 1);'): training run: "
            "training loss did not fall: 0.5 at epoch 1, 0.7 at epoch 2",
            "02-broken: cell 4 (code cell 3: 'Table.create(\"empty\")'): shows an empty table: nothing here",
            "02-broken: cell 5 (code cell 4: 'evaluate(frozen)'): accuracy at chance (10 classes): "
            "'accuracy 9.80%'",
            "02-broken: cell 6 (code cell 5: 'history.table(\"t\")'): table column loss: training loss is nan "
            "at epoch 2",
            "02-broken: cell 8 (code cell 7: 'ImageGrid.of(28, 28, 10, grid)'): shows a cut-off PNG (68 bytes, no "
            "end marker)",
            "02-broken: 02-broken.results.json: recorded result 'mse' is NaN or infinite",
            "02-broken: 02-broken.results.json: recorded result 'frozen accuracy' = 0.1 is at chance (10 classes)",
            "02-broken: 02-broken.results.json: recorded result 'spread': the spread of its 3 runs is NaN",
        ]
        for line in expected:
            self.assertIn(line, out)

    def test_a_failed_run_names_its_cell_and_error_and_cells_after_it_did_not_run(self):
        failing = executed_cell("throw new IllegalStateException(\"x\");",
                                {"output_type": "error", "ename": "EvalException", "evalue": "x", "traceback": []})
        never = nbformat.v4.new_code_cell("after();")
        code, out = self.check("03-failed", [failing, never, executed_cell("chart", display(PNG))],
                               run={"status": "failed", "cell": "cell 2 (code cell 1: 'throw ...')",
                                    "error": "EvalException: x\njava.lang.IllegalStateException: x"})
        self.assertEqual(1, code, out)
        self.assertIn("03-failed: cell 2 (code cell 1: 'throw ...'): failed: EvalException: x", out)
        self.assertIn("03-failed: cell 3 (code cell 2: 'after();'): did not run", out)


class IncrementalRuns(unittest.TestCase):
    """What makes execute_notebook.py --incremental run a notebook again, without a kernel."""

    def test_a_notebook_runs_again_when_its_source_settings_or_data_change_and_only_then(self):
        sys.dont_write_bytecode = True  # no __pycache__ in the source tree
        sys.path.insert(0, os.path.join(ROOT, "src", "scripts"))
        import execute_notebook as runner
        folder = tempfile.mkdtemp()
        notebook, data = os.path.join(folder, "07-x.ipynb"), os.path.join(folder, "data")
        os.makedirs(data)
        nbformat.write(nbformat.v4.new_notebook(metadata={"kernelspec": KERNELSPEC}), notebook)
        env = {k: v for k, v in os.environ.items() if not k.startswith("UNSUPERVISED_")}
        os.environ.clear()
        os.environ.update(env, UNSUPERVISED_PROFILE="full", UNSUPERVISED_DATA=data)
        try:
            out = os.path.join(folder, "out")
            self.assertEqual("never executed into this folder", runner.up_to_date(out, "07-x", {}))
            os.makedirs(out)
            open(os.path.join(out, "07-x.ipynb"), "w").close()

            def ran(status="ok"):
                with open(os.path.join(out, "07-x.run.json"), "w") as f:
                    json.dump({"status": status, "stamp": runner.stamp(notebook, "java-unsupervised")}, f)

            ran()
            self.assertIsNone(runner.up_to_date(out, "07-x", runner.stamp(notebook, "java-unsupervised")))
            os.environ["UNSUPERVISED_EPOCHS"] = "3"
            self.assertEqual("changed since its last run: settings",
                             runner.up_to_date(out, "07-x", runner.stamp(notebook, "java-unsupervised")))
            os.environ["UNSUPERVISED_RESULTS_FILE"] = "/elsewhere.json"
            ran()
            self.assertIsNone(runner.up_to_date(out, "07-x", runner.stamp(notebook, "java-unsupervised")),
                              "where results go is not an input")
            with open(os.path.join(data, "train-images-idx3-ubyte"), "w") as f:
                f.write("new data")
            self.assertEqual("changed since its last run: data",
                             runner.up_to_date(out, "07-x", runner.stamp(notebook, "java-unsupervised")))
            nb = nbformat.read(notebook, as_version=4)
            nb.cells.append(nbformat.v4.new_code_cell("1 + 1"))
            nbformat.write(nb, notebook)
            self.assertEqual("changed since its last run: notebook, data",
                             runner.up_to_date(out, "07-x", runner.stamp(notebook, "java-unsupervised")))
            ran("failed")
            self.assertEqual("its last run failed",
                             runner.up_to_date(out, "07-x", runner.stamp(notebook, "java-unsupervised")))
        finally:
            os.environ.clear()
            os.environ.update(env)


class RunnerOnJavaFixtures(unittest.TestCase):
    """Runs fixtures/9N-*.ipynb in the smoke kernel: a failing cell, a NaN loss, a cell that hangs."""

    def test_broken_notebooks_fail_the_run_and_the_check_naming_notebook_cell_and_reason(self):
        out = os.path.join(tempfile.mkdtemp(), "report")
        env = dict(os.environ, UNSUPERVISED_NOTEBOOK_MINUTES="0.75")
        run = subprocess.run(["bash", os.path.join(ROOT, "src/scripts/run_notebooks.sh"), "smoke", out,
                              "--notebooks", os.path.join(HERE, "fixtures")], env=env, capture_output=True, text=True)
        self.assertEqual(1, run.returncode, run.stdout + run.stderr)
        self.assertIn("FAILED", run.stderr)
        records = {}
        for name in ("91-a-failing-cell", "92-a-nan-loss", "93-a-hanging-cell"):
            with open(os.path.join(out, name + ".run.json")) as f:
                records[name] = json.load(f)
            self.assertTrue(os.path.exists(os.path.join(out, name + ".html")), "partial HTML kept: " + name)
        failing = records["91-a-failing-cell"]
        self.assertEqual("failed", failing["status"])
        self.assertTrue(failing["cell"].startswith("cell 3 (code cell 2: 'throw new IllegalStateException"), failing)
        self.assertIn("java.lang.IllegalStateException: deliberately broken: this cell fails", failing["error"])
        self.assertEqual("ok", records["92-a-nan-loss"]["status"], "it runs; what it shows is wrong")
        self.assertEqual("timeout", records["93-a-hanging-cell"]["status"])
        self.assertTrue(records["93-a-hanging-cell"]["cell"].startswith("cell 2 (code cell 1: 'Thread.sleep"))
        with open(os.path.join(out, "index.html")) as f:
            index = f.read()
        self.assertIn("<b>FAILED</b> in cell 3 (code cell 2: 'throw new IllegalStateException(", index)
        self.assertIn("<pre>EvalException: deliberately broken: this cell fails\njava.lang.IllegalStateException", index)
        self.assertIn("<b>TIMEOUT</b> in cell 2", index)

        check = subprocess.run([sys.executable, CHECKER, os.path.join(HERE, "fixtures"), out],
                               capture_output=True, text=True)
        self.assertEqual(1, check.returncode, check.stdout)
        self.assertIn("91-a-failing-cell: cell 3 (code cell 2: 'throw new IllegalStateException(\"deliberately "
                      "broken: this cell fails\"'): failed: EvalException: deliberately broken", check.stdout)
        # A notebook shows the live progress display's final state, so the NaN is seen at the last epoch.
        self.assertRegex(check.stdout, re.escape("92-a-nan-loss: cell 3 (code cell 2: 'var x = Nd4j.create(new "
                         "double[][]{{1, Double.NaN}, {0, 1}, {1, 1}, {0'): training run") + r"( \d+)?: training "
                         r"loss is nan at epoch \d+")
        self.assertIn("92-a-nan-loss: 92-a-nan-loss.results.json: recorded result 'final training loss' is NaN",
                      check.stdout)
        self.assertIn("93-a-hanging-cell: cell 2 (code cell 1: 'Thread.sleep(600_000);'): timeout", check.stdout)


if __name__ == "__main__":
    unittest.main()
