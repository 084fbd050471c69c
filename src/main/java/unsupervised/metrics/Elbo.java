package unsupervised.metrics;

import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.linalg.ops.transforms.Transforms;
import unsupervised.models.VariationalAutoencoders;

import java.util.Locale;

/**
 * A variational autoencoder's negative ELBO in nats per image, split into its two terms: the expected
 * reconstruction cost E_q[-log p(x|z)] (binary cross-entropy summed over the pixels, estimated with one sample of z
 * per image) and KL(q(z|x) || N(0, I)) (exact). The sample comes from a generator seeded by the caller, so the same
 * network scores the same on every call: early stopping compares epochs on equal terms.
 * The cross-entropy is computed from the logits (log(1 + e^a) - x a), which stays finite where a sigmoid in float
 * rounds to exactly 0 or 1.
 */
public record Elbo(double reconstruction, double kl, int images) {

    public double negativeElbo() {
        return reconstruction + kl;
    }

    @Override
    public String toString() {
        return String.format(Locale.ROOT, "-ELBO %.2f nats/image = reconstruction %.2f + KL %.2f (%d images)",
                negativeElbo(), reconstruction, kl, images);
    }

    public static Elbo of(MultiLayerNetwork vae, INDArray x, long seed) {
        double[][] terms = perImageTerms(vae, x, seed);
        long n = x.rows();
        return new Elbo(java.util.Arrays.stream(terms[0]).sum() / n, java.util.Arrays.stream(terms[1]).sum() / n,
                (int) n);
    }

    /** The negative ELBO of each image in nats (same single sample of z per image as {@link #of}). */
    public static double[] perImage(MultiLayerNetwork vae, INDArray x, long seed) {
        double[][] terms = perImageTerms(vae, x, seed);
        double[] total = new double[terms[0].length];
        for (int i = 0; i < total.length; i++) {
            total[i] = terms[0][i] + terms[1][i];
        }
        return total;
    }

    /** Per image: {reconstruction cost, KL}. */
    private static double[][] perImageTerms(MultiLayerNetwork vae, INDArray x, long seed) {
        var random = unsupervised.data.SeededRandom.of(seed);
        int n = (int) x.rows();
        double[][] terms = new double[2][n];
        for (int from = 0; from < n; from += BATCH) {
            int to = Math.min(n, from + BATCH);
            INDArray batch = x.get(org.nd4j.linalg.indexing.NDArrayIndex.interval(from, to),
                    org.nd4j.linalg.indexing.NDArrayIndex.all()).castTo(vae.params().dataType());
            var q = VariationalAutoencoders.posterior(vae, batch);
            INDArray epsilon = Nd4j.randn(q.mean().shape(), random).castTo(q.mean().dataType());
            INDArray z = Transforms.exp(q.logVariance().mul(0.5), false).muli(epsilon).addi(q.mean());
            System.arraycopy(crossEntropy(batch, VariationalAutoencoders.decoderLogits(vae, z)), 0, terms[0], from,
                    to - from);
            System.arraycopy(klToStandardNormal(q.mean(), q.logVariance()), 0, terms[1], from, to - from);
        }
        return terms;
    }

    /** Per row, the sum over pixels of -[x log sigmoid(a) + (1 - x) log(1 - sigmoid(a))] = log(1 + e^a) - x a. */
    static double[] crossEntropy(INDArray x, INDArray logits) {
        // log(1 + e^a) = max(a, 0) + log(1 + e^-|a|), finite for any a
        INDArray softplus = Transforms.relu(logits, true)
                .addi(Transforms.log1p(Transforms.exp(Transforms.abs(logits, true).negi(), false), false));
        return softplus.subi(x.mul(logits)).sum(1).castTo(org.nd4j.linalg.api.buffer.DataType.DOUBLE).toDoubleVector();
    }

    /** Per row, KL(N(mu, sigma^2) || N(0, I)) = -1/2 sum_j (1 + log sigma_j^2 - mu_j^2 - sigma_j^2). */
    static double[] klToStandardNormal(INDArray mean, INDArray logVariance) {
        INDArray terms = logVariance.add(1.0).subi(mean.mul(mean)).subi(Transforms.exp(logVariance, true));
        return terms.sum(1).muli(-0.5).castTo(org.nd4j.linalg.api.buffer.DataType.DOUBLE).toDoubleVector();
    }

    private static final int BATCH = 2048;
}
