package unsupervised.models;

import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.deeplearning4j.nn.workspace.LayerWorkspaceMgr;
import org.junit.jupiter.api.Test;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.dataset.DataSet;
import org.nd4j.linalg.factory.Nd4j;
import unsupervised.metrics.Elbo;
import unsupervised.training.EarlyStopping;
import unsupervised.training.FiniteDifferences;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The objective DL4J's VAE layer minimises is the article's: per image, binary cross-entropy summed over the pixels
 * plus KL(N(mu, sigma^2) || N(0, I)), averaged over the minibatch. Checked on a tiny 5-4-(2+2)-3-5 network in double
 * precision with fixed weights and inputs, against the formulas written out in plain Java loops.
 */
class VariationalAutoencodersTest {
    private static final int[][] SHAPES = {{5, 4}, {4, 2}, {4, 2}, {2, 3}, {3, 5}};
    private static final String[] NAMES = {"e0", "pZXMean", "pZXLogStd2", "d0", "pXZ"};
    private static final double[] SCALES = {0.8, 1.5, 0.8, 0.8, 0.8};
    private static final double[][] X = {
            {0.0, 0.2, 0.9, 1.0, 0.5},
            {0.7, 0.1, 0.0, 0.3, 1.0},
            {0.4, 0.4, 0.6, 0.05, 0.8}};

    /** A tiny VAE whose weights are fixed numbers (w = c sin(k), b = 0.1 cos(k)), not random ones. */
    private static MultiLayerNetwork tinyVae() {
        MultiLayerNetwork vae = VariationalAutoencoders.dense(5, new int[]{4}, 2, new int[]{3}, 1)
                .convertDataType(DataType.DOUBLE);
        int k = 1;
        for (int p = 0; p < NAMES.length; p++) {
            double[][] w = new double[SHAPES[p][0]][SHAPES[p][1]];
            double[] b = new double[SHAPES[p][1]];
            for (int i = 0; i < w.length; i++) {
                for (int j = 0; j < b.length; j++) {
                    w[i][j] = SCALES[p] * Math.sin(k++);
                }
            }
            for (int j = 0; j < b.length; j++) {
                b[j] = 0.1 * Math.cos(k++);
            }
            vae.setParam("0_" + NAMES[p] + "W", Nd4j.create(w));
            vae.setParam("0_" + NAMES[p] + "b", Nd4j.create(b));
        }
        vae.initGradientsView();
        return vae;
    }

    private static double[][] param(MultiLayerNetwork vae, String name) {
        INDArray p = vae.getParam("0_" + name);
        return (p.rank() == 1 ? p.reshape(1, p.length()) : p).toDoubleMatrix();
    }

    /** Row vector times matrix plus bias, then ReLU if asked: written out, no ND4J. */
    private static double[] dense(double[] in, MultiLayerNetwork vae, String name, boolean relu) {
        double[][] w = param(vae, name + "W");
        double[] b = param(vae, name + "b")[0];
        double[] out = new double[b.length];
        for (int j = 0; j < out.length; j++) {
            double s = b[j];
            for (int i = 0; i < in.length; i++) {
                s += in[i] * w[i][j];
            }
            out[j] = relu ? Math.max(0, s) : s;
        }
        return out;
    }

    /** {reconstruction, KL} summed over the rows of X, with z = mu + exp(log sigma^2 / 2) * epsilon. */
    private static double[] byHand(MultiLayerNetwork vae, double[][] epsilon) {
        double reconstruction = 0;
        double kl = 0;
        for (int r = 0; r < X.length; r++) {
            double[] h = dense(X[r], vae, "e0", true);
            double[] mu = dense(h, vae, "pZXMean", false);
            double[] logVar = dense(h, vae, "pZXLogStd2", false);
            double[] z = new double[mu.length];
            for (int j = 0; j < z.length; j++) {
                z[j] = mu[j] + Math.exp(logVar[j] / 2) * epsilon[r][j];
                kl += -0.5 * (1 + logVar[j] - mu[j] * mu[j] - Math.exp(logVar[j]));
            }
            double[] a = dense(dense(z, vae, "d0", true), vae, "pXZ", false);
            for (int i = 0; i < a.length; i++) {
                double p = 1 / (1 + Math.exp(-a[i]));
                reconstruction -= X[r][i] * Math.log(p) + (1 - X[r][i]) * Math.log(1 - p);
            }
        }
        return new double[]{reconstruction, kl};
    }

    @Test
    void theLayersLossIsSummedCrossEntropyPlusKlAveragedOverTheBatch() {
        MultiLayerNetwork vae = tinyVae();
        var layer = VariationalAutoencoders.layer(vae);
        INDArray x = Nd4j.create(X);
        // The layer draws epsilon from ND4J's global generator: seed it, and draw the same numbers again by hand.
        Nd4j.getRandom().setSeed(42);
        layer.setInput(x, LayerWorkspaceMgr.noWorkspaces());
        layer.computeGradientAndScore(LayerWorkspaceMgr.noWorkspaces());
        double layerLoss = layer.score();
        Nd4j.getRandom().setSeed(42);
        double[][] epsilon = Nd4j.randn(DataType.DOUBLE, 3, 2).toDoubleMatrix();

        double[] terms = byHand(vae, epsilon);
        assertTrue(terms[1] > 0.05 && terms[0] > 1, "both terms matter in this check: " + terms[0] + ", " + terms[1]);
        assertEquals((terms[0] + terms[1]) / X.length, layerLoss, 1e-10, "mean over the batch of BCE sum + KL");
    }

    /** The layer's loss for the given parameters, with epsilon drawn from the generator seeded with 42. */
    private static double loss(org.deeplearning4j.nn.layers.variational.VariationalAutoencoder layer, INDArray x) {
        Nd4j.getRandom().setSeed(42);
        layer.setInput(x, LayerWorkspaceMgr.noWorkspaces());
        layer.computeGradientAndScore(LayerWorkspaceMgr.noWorkspaces());
        return layer.score();
    }

    @Test
    void theLayersGradientIsTheGradientOfThatLossSummedOverTheBatch() {
        var layer = VariationalAutoencoders.layer(tinyVae());
        INDArray x = Nd4j.create(X);
        loss(layer, x);
        double[] gradient = layer.gradient().gradient().toDoubleVector();
        double[] perImage = FiniteDifferences.gradient(layer.params(), () -> loss(layer, x), 1e-6).toDoubleVector();
        double largest = 0;
        for (int i = 0; i < perImage.length; i++) {
            // DL4J keeps the gradient summed over the batch; its updater divides by the batch size.
            double numeric = X.length * perImage[i];
            assertEquals(numeric, gradient[i], 1e-6 + 1e-5 * Math.abs(numeric), "parameter " + i);
            largest = Math.max(largest, Math.abs(numeric));
        }
        assertTrue(largest > 0.1, "a non-trivial gradient: " + largest);
        assertTrue(layer.updaterDivideByMinibatch("0_e0W") || layer.updaterDivideByMinibatch("e0W"),
                "the updater divides by the batch size");
    }

    @Test
    void elboSplitsTheSameLossIntoItsTwoTerms() {
        MultiLayerNetwork vae = tinyVae();
        Elbo elbo = Elbo.of(vae, Nd4j.create(X), 7);
        double[][] epsilon = Nd4j.randn(new long[]{3, 2}, unsupervised.data.SeededRandom.of(7)).toDoubleMatrix();
        double[] terms = byHand(vae, epsilon);
        assertEquals(terms[0] / 3, elbo.reconstruction(), 1e-9);
        assertEquals(terms[1] / 3, elbo.kl(), 1e-9);
        assertEquals(elbo.negativeElbo(), Elbo.of(vae, Nd4j.create(X), 7).negativeElbo(), 0, "same seed, same value");
        assertEquals(Elbo.of(vae, Nd4j.create(X), 0).negativeElbo(), Elbo.of(vae, Nd4j.create(X), 0).negativeElbo(), 0,
                "seed 0 too, which ND4J alone would take from the clock");
        var posterior = VariationalAutoencoders.posterior(vae, Nd4j.create(X));
        assertEquals(posterior.mean(), VariationalAutoencoders.mean(vae, Nd4j.create(X)), "DL4J's output is mu");
    }

    @Test
    void earlyStoppingPretrainsAndKeepsTheBestEpoch() {
        // Two prototype images of 16 pixels with noise: a VAE learns them quickly.
        Nd4j.getRandom().setSeed(3);
        INDArray protos = Nd4j.rand(DataType.FLOAT, 2, 16);
        INDArray images = Nd4j.vstack(Nd4j.tile(protos.getRow(0, true), 100, 1), Nd4j.tile(protos.getRow(1, true), 100, 1))
                .addi(Nd4j.rand(DataType.FLOAT, 200, 16).muli(0.1)).muli(0.9);
        DataSet train = new DataSet(images, images);
        MultiLayerNetwork vae = VariationalAutoencoders.dense(16, new int[]{8}, 2, new int[]{8}, 1);
        double before = Elbo.of(vae, images, 1).negativeElbo();
        var fit = EarlyStopping.of(15, 3, 32).quiet().pretrain(vae, train, net -> Elbo.of(net, images, 1)
                .negativeElbo(), 1);

        double[] validation = fit.history().validationLoss();
        assertEquals(validation[fit.bestEpoch() - 1], Elbo.of(fit.best(), images, 1).negativeElbo(), 1e-4,
                "the best weights are kept");
        assertTrue(validation[fit.bestEpoch() - 1] < before - 1, before + " -> " + validation[fit.bestEpoch() - 1]);
        assertTrue(fit.history().loss()[0] > 0, "the training loss (the layer's score) is recorded");
    }
}
