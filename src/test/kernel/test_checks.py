"""Tests of the notebook checker, the publisher and the runner: broken notebooks must fail, with notebook, cell and
reason named.

    python3 -m unittest src/test/kernel/test_checks.py      (JUPYTER_PATH must name the project's kernelspec)

The first tests feed check_notebooks.py notebooks built here with their outputs already in place (no kernel), and
publish such a report with publish_outputs.py and check the committed outputs (--committed); the last ones stop
a running notebook (kill, and a kernel killed under it) and run the Java fixtures in fixtures/ (a failing cell, a
NaN loss, a hanging cell) through run_notebooks.sh in the smoke kernel, checking the run records, the index and
the checker's verdict.
"""
import base64
import json
import os
import re
import signal
import subprocess
import sys
import shutil
import tempfile
import time
import unittest

import nbformat

HERE = os.path.dirname(os.path.abspath(__file__))
ROOT = os.path.dirname(os.path.dirname(os.path.dirname(HERE)))
CHECKER = os.path.join(HERE, "check_notebooks.py")
PUBLISHER = os.path.join(ROOT, "src", "scripts", "publish_outputs.py")
RUNNER = os.path.join(ROOT, "src", "scripts", "execute_notebook.py")
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


def scratch(test):
    """A temporary folder that is removed when the test ends, however it ends."""
    folder = tempfile.mkdtemp()
    test.addCleanup(shutil.rmtree, folder, True)
    return folder


class CheckerOnPreExecutedNotebooks(unittest.TestCase):

    def check(self, name, cells, results=None, run=None):
        """Writes the source (no outputs) and the executed copy, runs the checker; returns (exit code, output)."""
        folder = scratch(self)
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


class PublishedOutputs(unittest.TestCase):
    """publish_outputs.py copies a report's executed notebooks into the notebook folder; --committed checks them."""

    def report(self, profile="full", status="ok", cells=None):
        """A notebook folder (sources without outputs) and a report folder holding its run; returns both."""
        folder = scratch(self)
        notebooks, report = os.path.join(folder, "notebooks"), os.path.join(folder, "report")
        os.makedirs(notebooks), os.makedirs(report)
        nb = nbformat.v4.new_notebook(metadata={"kernelspec": KERNELSPEC})
        nb.cells = [nbformat.v4.new_markdown_cell("# 04 · A notebook")] + (cells or [
            executed_cell("var mse = 0.25;\nSystem.out.println(\"mse \" + mse);", stream("mse 0.25\n")),
            executed_cell("Plots.lines(history)", display(PNG)),
            executed_cell("import x.*;")])
        for cell in nb.cells:
            if cell.cell_type == "code":
                cell.metadata["execution"] = {"iopub.status.busy": "2026-11-30T10:00:00Z"}
        nbformat.write(nb, os.path.join(report, "04-a.ipynb"))
        with open(os.path.join(report, "04-a.run.json"), "w") as f:
            json.dump({"name": "04-a", "seconds": 61.5, "status": status, "cell": None, "error": None,
                       "finished": "2026-11-30T10:01:00+00:00", "commit": "0123456789abcdef0123",
                       "stamp": {"settings": f"OMP_NUM_THREADS=1 UNSUPERVISED_PROFILE={profile}"}}, f)
        for cell in nb.cells:
            if cell.cell_type == "code":
                cell.outputs, cell.execution_count, cell.metadata = [], None, {}
        nbformat.write(nb, os.path.join(notebooks, "04-a.ipynb"))
        return notebooks, report

    def publish(self, report, notebooks, *options):
        return subprocess.run([sys.executable, PUBLISHER, report, "--notebooks", notebooks, *options],
                              capture_output=True, text=True)

    def committed(self, notebooks):
        done = subprocess.run([sys.executable, CHECKER, "--committed", notebooks], capture_output=True, text=True)
        return done.returncode, done.stdout

    def edit(self, path, change):
        nb = nbformat.read(path, as_version=4)
        change(nb)
        nbformat.write(nb, path)

    def test_a_full_run_is_published_with_its_run_and_source_hashes_and_an_edited_cell_then_fails(self):
        notebooks, report = self.report()
        published = self.publish(report, notebooks)
        self.assertEqual(0, published.returncode, published.stderr)
        path = os.path.join(notebooks, "04-a.ipynb")
        nb = nbformat.read(path, as_version=4)
        self.assertEqual({"profile": "full", "commit": "0123456789abcdef0123", "date": "2026-11-30T10:01:00+00:00",
                          "seconds": 61.5}, nb.metadata["unsupervised"])
        self.assertEqual([["mse 0.25\n"], [PNG["image/png"]], []],
                         [[o.get("text") or o.get("data", {}).get("image/png") for o in c.outputs]
                          for c in nb.cells if c.cell_type == "code"])
        for cell in nb.cells[1:]:
            self.assertEqual(16, len(cell.metadata["unsupervised"]["source_sha256"]))
            self.assertNotIn("execution", cell.metadata, "no timestamps to churn the diff")
        self.assertEqual((0, "ok     04-a\nnotebooks: 1 passed, 0 failed\n"), self.committed(notebooks))

        self.edit(path, lambda nb: setattr(nb.cells[2], "source", "Plots.lines(history, \"log\")"))
        code, out = self.committed(notebooks)
        self.assertEqual(1, code, out)
        self.assertIn("04-a: cell 3 (code cell 2: 'Plots.lines(history, \"log\")'): edited after the run that made "
                      "its outputs", out)
        self.assertNotIn("cell 2 (", out, "the unchanged cell passes")

    def test_smoke_runs_failed_runs_and_notebooks_edited_since_the_run_are_refused(self):
        notebooks, report = self.report(profile="smoke")
        before = nbformat.read(os.path.join(notebooks, "04-a.ipynb"), as_version=4)
        refused = self.publish(report, notebooks)
        self.assertEqual(1, refused.returncode)
        self.assertIn("04-a: ran in the smoke profile", refused.stderr)
        self.assertEqual(before, nbformat.read(os.path.join(notebooks, "04-a.ipynb"), as_version=4), "untouched")
        allowed = self.publish(report, notebooks, "--allow-smoke")
        self.assertEqual(0, allowed.returncode, allowed.stderr)
        self.assertIn("smoke profile", allowed.stdout)

        notebooks, report = self.report(status="failed")
        self.assertIn("04-a: its run failed", self.publish(report, notebooks).stderr)

        notebooks, report = self.report()
        self.edit(os.path.join(notebooks, "04-a.ipynb"), lambda nb: nb.cells.append(nbformat.v4.new_code_cell("1")))
        stale = self.publish(report, notebooks)
        self.assertEqual(1, stale.returncode)
        self.assertIn("04-a.ipynb changed since the report ran it; rerun it: bash src/scripts/report.sh 04",
                      stale.stderr)

    def test_a_large_notebook_is_published_with_a_warning(self):
        notebooks, report = self.report()
        published = self.publish(report, notebooks, "--warn-mb", "0.0001")
        self.assertEqual(0, published.returncode, published.stderr)
        self.assertIn("warning: 04-a.ipynb is", published.stderr)

    def test_committed_errors_cut_pngs_nan_and_unhashed_outputs_fail_and_no_outputs_pass(self):
        notebooks, report = self.report(cells=[
            executed_cell("throw new X();", {"output_type": "error", "ename": "EvalException", "evalue": "x",
                                             "traceback": []}),
            executed_cell("ImageGrid.of(grid)", display(CUT_PNG)),
            executed_cell("System.out.println(loss);", stream("loss NaN\n"))])
        self.assertEqual(0, self.publish(report, notebooks).returncode)
        path = os.path.join(notebooks, "04-a.ipynb")
        self.edit(path, lambda nb: nb.cells.append(executed_cell("unpublished()", stream("1\n"))))
        code, out = self.committed(notebooks)
        self.assertEqual(1, code, out)
        for line in ["04-a: cell 2 (code cell 1: 'throw new X();'): raised EvalException: x",
                     "04-a: cell 3 (code cell 2: 'ImageGrid.of(grid)'): shows a cut-off PNG",
                     "04-a: cell 4 (code cell 3: 'System.out.println(loss);'): shows NaN",
                     "04-a: cell 5 (code cell 4: 'unpublished()'): has outputs but no source hash"]:
            self.assertIn(line, out)

        self.edit(path, lambda nb: [setattr(c, "outputs", []) for c in nb.cells if c.cell_type == "code"])
        self.assertEqual(0, self.committed(notebooks)[0], "a notebook without outputs passes")


def the_runner():
    """execute_notebook.py as a module, to call its stamp without a kernel."""
    sys.dont_write_bytecode = True  # no __pycache__ in the source tree
    if os.path.join(ROOT, "src", "scripts") not in sys.path:
        sys.path.insert(0, os.path.join(ROOT, "src", "scripts"))
    import execute_notebook
    return execute_notebook


class IncrementalRuns(unittest.TestCase):
    """What makes execute_notebook.py --incremental run a notebook again, without a kernel."""

    def test_a_notebook_runs_again_when_its_source_settings_or_data_change_and_only_then(self):
        runner = the_runner()
        folder = scratch(self)
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


    def test_a_notebook_that_reads_studies_runs_again_when_one_of_its_own_lands_and_only_then(self):
        runner = the_runner()
        folder = scratch(self)
        measured = os.path.join(folder, "measured")
        os.makedirs(measured)
        sources = {"09-x": 'var a = Measured.of("dec-article", "dec-article");\n'
                           'for (int seed = 1; seed <= 3; seed++) Measured.of("dec-keras-seed" + seed, "dec-keras");',
                   "06-x": 'for (String study : new String[] {"deep-epochs"}) Measured.of(study, study);',
                   "04-x": 'String study = "deep-epochs";'}
        notebooks = {}
        for name, source in sources.items():
            notebooks[name] = os.path.join(folder, name + ".ipynb")
            nbformat.write(nbformat.v4.new_notebook(cells=[nbformat.v4.new_code_cell(source)],
                                                    metadata={"kernelspec": KERNELSPEC}), notebooks[name])
        previous = os.environ.get("UNSUPERVISED_MEASURED")
        os.environ["UNSUPERVISED_MEASURED"] = measured
        try:
            out = os.path.join(folder, "out")
            os.makedirs(out)

            def changed(study):
                """The notebooks that must run again once `study` lands, each having run just before."""
                for name, path in notebooks.items():
                    open(os.path.join(out, name + ".ipynb"), "w").close()
                    with open(os.path.join(out, name + ".run.json"), "w") as f:
                        json.dump({"status": "ok", "stamp": runner.stamp(path, "java-unsupervised")}, f)
                with open(os.path.join(measured, study + ".json"), "w") as f:
                    f.write("{}")
                why = {name: runner.up_to_date(out, name, runner.stamp(path, "java-unsupervised"))
                       for name, path in notebooks.items()}
                self.assertTrue(all(v in (None, "changed since its last run: measured") for v in why.values()), why)
                return sorted(name for name, reason in why.items() if reason)

            self.assertEqual(["09-x"], changed("dec-keras-seed2"))
            self.assertEqual(["09-x"], changed("dec-article"))
            self.assertEqual(["06-x"], changed("deep-epochs"), "04-x names it but reads no study")
            self.assertEqual([], changed("dec-keras-recipe"), "named by no literal, not a seed's file")
            self.assertEqual(["dec-article.json", "dec-keras-seed2.json"],
                             sorted(os.path.basename(p) for p in runner.studies_read(notebooks["09-x"])))
        finally:
            if previous is None:
                os.environ.pop("UNSUPERVISED_MEASURED")
            else:
                os.environ["UNSUPERVISED_MEASURED"] = previous


class RunnerStops(unittest.TestCase):
    """execute_notebook.py in the smoke kernel, stopped by kill, or with its kernel killed under it."""

    def start(self):
        folder = scratch(self)
        notebook, out = os.path.join(folder, "95-stopped.ipynb"), os.path.join(folder, "out")
        nb = nbformat.v4.new_notebook(metadata={"kernelspec": KERNELSPEC})
        nb.cells = [nbformat.v4.new_markdown_cell("# 95 · stopped"),
                    nbformat.v4.new_code_cell("System.out.println(\"before the long cell\");"),
                    nbformat.v4.new_code_cell("Thread.sleep(600_000);")]
        nbformat.write(nb, notebook)
        os.makedirs(out)
        self.previous = os.path.join(out, "95-stopped.results.json")
        with open(self.previous, "w") as f:
            f.write("[]")
        runner = subprocess.Popen([sys.executable, RUNNER, notebook, "--out-dir", out, "--kernel", "java-unsupervised"],
                                  stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True,
                                  env=dict(os.environ, UNSUPERVISED_PROFILE="smoke"))
        for line in runner.stdout:  # until the long cell starts
            if "Thread.sleep" in line:
                break
        time.sleep(2)
        self.assertTrue(os.path.exists(self.previous), "the previous results stay while the notebook runs")
        return runner, out

    def record(self, out):
        with open(os.path.join(out, "95-stopped.run.json")) as f:
            return json.load(f)

    def test_kill_saves_the_run_so_far_with_a_short_message(self):
        runner, out = self.start()
        runner.send_signal(signal.SIGTERM)
        stdout, stderr = runner.communicate(timeout=120)
        self.assertEqual(143, runner.returncode, stderr)
        self.assertNotIn("Traceback", stderr)
        self.assertLessEqual(len(stderr.strip().splitlines()), 4, stderr)
        self.assertIn("stopped by kill (SIGTERM): saving what ran, up to cell 3 (code cell 2: 'Thread.sleep", stderr)
        run = self.record(out)
        self.assertEqual(("interrupted", "stopped by kill (SIGTERM)"), (run["status"], run["error"]))
        self.assertTrue(run["cell"].startswith("cell 3 (code cell 2: 'Thread.sleep"), run)
        saved = nbformat.read(os.path.join(out, "95-stopped.ipynb"), as_version=4)
        self.assertEqual("before the long cell\n", saved.cells[1].outputs[0]["text"])
        self.assertFalse(os.path.exists(self.previous), "this run recorded no results: the old ones are not its")

    def test_a_killed_kernel_is_reported_with_its_signal(self):
        runner, out = self.start()
        kernels = subprocess.run(["pgrep", "-P", str(runner.pid), "java"], capture_output=True, text=True).stdout
        self.assertEqual(1, len(kernels.split()), "the runner's one kernel: " + kernels)
        os.kill(int(kernels), signal.SIGKILL)
        stdout, stderr = runner.communicate(timeout=120)
        self.assertEqual(1, runner.returncode, stderr)
        error = self.record(out)["error"]
        self.assertRegex(error, r"^the kernel \(pid \d+\) was killed by (signal 9 \(SIGKILL; possibly the OOM "
                                r"killer|the OOM killer)", error)
        self.assertNotIn("out of memory?", error)


class CapsScript(unittest.TestCase):
    def test_a_study_gets_every_jvm_option_of_the_kernel_and_an_unknown_one_is_refused(self):
        with open(os.path.join(ROOT, ".jupyter/kernels/java-unsupervised/kernel.json")) as f:
            kernel = json.load(f)["argv"]
        options = [a for a in kernel if a.startswith(("-X", "-D")) and "max" not in a and not a.startswith("-Xmx")]
        run = subprocess.run(["bash", os.path.join(ROOT, "src/scripts/caps.sh"), "no-such-study"],
                             capture_output=True, text=True)
        self.assertEqual(2, run.returncode, run.stdout + run.stderr)
        self.assertIn("usage: Caps", run.stderr)
        first = run.stdout.splitlines()[0]
        # the memory flags are scaled to the jobs; the others, the OneDNN helpers among them, are passed as they are
        for option in options:
            self.assertIn(option, first.split(), first)
        self.assertIn("-Dorg.eclipse.deeplearning4j.helpers.disable=false", options, "the kernel turns OneDNN on")


class RunnerOnJavaFixtures(unittest.TestCase):
    """Runs fixtures/9N-*.ipynb in the smoke kernel: a failing cell, a NaN loss, a cell that hangs."""

    def test_broken_notebooks_fail_the_run_and_the_check_naming_notebook_cell_and_reason(self):
        out = os.path.join(scratch(self), "report")
        env = dict(os.environ, UNSUPERVISED_NOTEBOOK_MINUTES="2")
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
